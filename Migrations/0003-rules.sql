
-- Rule packs: the catalog (kinds, chains, nominee types, council votes, prerequisites, bonus
-- coefficients, processing limits) as a dated, versioned document. A nomination pins the pack in
-- force on the day it is submitted; packs are never edited (a change is a new version), so no
-- submitted or decided nomination can be altered by an import.
CREATE TABLE rule_packs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9.-]{0,63}$'),
    version      int NOT NULL CHECK (version >= 1),
    name         text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> ''),
    valid_from   date NOT NULL,
    valid_to     date,
    document     jsonb NOT NULL,
    imported_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (code, version),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX rule_packs_validity_idx ON rule_packs (valid_from DESC, id DESC);
CREATE TRIGGER rule_packs_append_only BEFORE UPDATE OR DELETE ON rule_packs
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- Chains now live in the packs; award_kinds stays as the registry of kind codes and names.
DROP TABLE award_kind_chain;

-- What a nomination pinned: its pack, the date that chose it, the kind of commendation (ad hoc and
-- thematic awards never count toward later prerequisites), an optional campaign, and the
-- eligibility found at submission.
ALTER TABLE nominations
    ADD COLUMN pack_id bigint REFERENCES rule_packs (id),
    ADD COLUMN submitted_on date,
    ADD COLUMN commendation_type text NOT NULL DEFAULT 'annual'
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign')),
    ADD COLUMN campaign text CHECK (campaign IS NFC NORMALIZED AND length(campaign) <= 100),
    ADD COLUMN eligibility jsonb;
CREATE INDEX nominations_nominee_kind_idx ON nominations (nominee_id, kind_code) WHERE state = 'awarded';

-- Council votes recorded with the approval they carried; overrides of a failed rule, with reason.
ALTER TABLE transitions
    ADD COLUMN vote_members int CHECK (vote_members > 0),
    ADD COLUMN vote_present int CHECK (vote_present >= 0),
    ADD COLUMN vote_in_favour int CHECK (vote_in_favour >= 0),
    ADD COLUMN vote_secret boolean,
    ADD COLUMN override_reason text CHECK (override_reason IS NFC NORMALIZED AND length(override_reason) <= 4000),
    ADD CONSTRAINT transitions_vote_complete CHECK (
        (vote_members IS NULL) = (vote_present IS NULL) AND (vote_present IS NULL) = (vote_in_favour IS NULL)
        AND (vote_present IS NULL OR (vote_present <= vote_members AND vote_in_favour <= vote_present)));

-- Per nominee and year: the task rating (HTXSNV > HTTNV > HTNV > KHTNV).
CREATE TABLE nominee_ratings (
    nominee_id  bigint NOT NULL REFERENCES nominees (id),
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    rating      text NOT NULL CHECK (rating IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (nominee_id, year)
);

-- Recognised initiatives (sáng kiến) and their scope.
CREATE TABLE nominee_initiatives (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nominee_id  bigint NOT NULL REFERENCES nominees (id),
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    scope       text NOT NULL CHECK (scope IN ('unit', 'province', 'national')),
    title       text NOT NULL CHECK (title IS NFC NORMALIZED AND btrim(title) <> ''),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nominee_initiatives_idx ON nominee_initiatives (nominee_id, year);

-- Disciplinary status: under review (blocks every nomination until it ends), or a penalty
-- (achievements count only from its end).
CREATE TABLE nominee_discipline (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nominee_id  bigint NOT NULL REFERENCES nominees (id),
    status      text NOT NULL CHECK (status IN ('review', 'penalty')),
    from_date   date NOT NULL,
    to_date     date,
    note        text CHECK (note IS NFC NORMALIZED),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CHECK (to_date IS NULL OR to_date >= from_date),
    CHECK (status = 'review' OR to_date IS NOT NULL)
);
CREATE INDEX nominee_discipline_idx ON nominee_discipline (nominee_id);

-- Awards decided before the engine existed, imported with their decision.
CREATE TABLE prior_awards (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nominee_id        bigint NOT NULL REFERENCES nominees (id),
    kind_code         text NOT NULL REFERENCES award_kinds (code),
    year              int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    commendation_type text NOT NULL DEFAULT 'annual'
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign')),
    decision_number   text NOT NULL CHECK (decision_number IS NFC NORMALIZED AND btrim(decision_number) <> ''),
    decision_date     date NOT NULL,
    issuer            text NOT NULL CHECK (issuer IS NFC NORMALIZED AND btrim(issuer) <> ''),
    imported_by       text NOT NULL,
    imported_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (nominee_id, kind_code, year, decision_number)
);

-- Quotas: at most max_count awards decided by an org for a kind in a year (optionally one
-- nominee type or campaign). used counts them; the CHECK makes overflow impossible even under
-- concurrent approvals, which serialise on the row. A ratio quota caps a kind at a share of
-- another kind's awards by the same org and year (e.g. CSTĐCS ≤ 15% of LĐTT; none by default).
CREATE TABLE quotas (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES orgs (id),
    kind_code     text NOT NULL REFERENCES award_kinds (code),
    year          int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    nominee_type  text CHECK (nominee_type IN ('individual', 'collective', 'household')),
    campaign      text,
    max_count     int CHECK (max_count >= 0),
    ratio         numeric CHECK (ratio > 0 AND ratio <= 1),
    ratio_of_kind text REFERENCES award_kinds (code),
    used          int NOT NULL DEFAULT 0 CHECK (used >= 0),
    CONSTRAINT quotas_not_exceeded CHECK (max_count IS NULL OR used <= max_count),
    CHECK ((max_count IS NULL) <> (ratio IS NULL)),
    CHECK ((ratio IS NULL) = (ratio_of_kind IS NULL))
);
CREATE UNIQUE INDEX quotas_key ON quotas (org_id, kind_code, year, coalesce(nominee_type, ''), coalesce(campaign, ''));

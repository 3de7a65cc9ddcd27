-- Award Engine schema.
--
-- Applied by `awardctl db migrate` (and by awardd at start-up). The file is a list of numbered
-- migrations, each introduced by a line `-- migration: N short-name`. The migrator takes an
-- advisory lock, reads the highest version recorded in award_schema_migrations, and applies every
-- later block in one transaction, recording each; so running it twice changes nothing and a
-- database at an older version is upgraded in place. Never edit a block that has shipped: add one.
--
-- What must never happen is refused here, not only in Swift: foreign keys, CHECK constraints on
-- every state and level, NFC-only text, a primary key on (nomination, seq) that turns two concurrent
-- transitions of one nomination into a conflict, decision numbers unique per issuer and year, and
-- history rows that cannot be updated or deleted.

-- migration: 1 core

-- Vietnamese sort order for names, independent of the cluster's libc locale.
CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-VN');

-- Levels of the organisation tree, highest first. rank orders them: a child sits below its parent.
CREATE FUNCTION award_level_rank(level text) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE level
        WHEN 'central' THEN 0 WHEN 'ministry' THEN 1 WHEN 'province' THEN 1
        WHEN 'district' THEN 2 WHEN 'commune' THEN 3 WHEN 'unit' THEN 4 END
$$;

CREATE TABLE orgs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 300),
    level       text NOT NULL CHECK (level IN ('central', 'ministry', 'province', 'district', 'commune', 'unit')),
    parent_id   bigint REFERENCES orgs (id),
    -- Ancestors from the root down to and including this org, kept by a trigger: subtree
    -- queries become `path @> ARRAY[id]` over a GIN index, routing a single lookup.
    path        bigint[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- Codes are matched without regard to case: "UBND-HN" and "ubnd-hn" are one org.
CREATE UNIQUE INDEX orgs_code_key ON orgs (lower(code));
CREATE INDEX orgs_path_gin ON orgs USING gin (path);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);

CREATE FUNCTION award_orgs_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent orgs%ROWTYPE;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.parent_id IS DISTINCT FROM OLD.parent_id OR NEW.level <> OLD.level) THEN
        -- Moving an org would silently reroute every nomination on its subtree.
        RAISE EXCEPTION 'an organisation''s parent and level cannot be changed (org %)', OLD.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'orgs_tree_immutable';
    END IF;
    IF NEW.parent_id IS NULL THEN
        NEW.path := ARRAY[NEW.id];
    ELSE
        SELECT * INTO parent FROM orgs WHERE id = NEW.parent_id;
        IF award_level_rank(NEW.level) <= award_level_rank(parent.level)
           AND NOT (NEW.level = 'unit' AND parent.level = 'unit') THEN
            RAISE EXCEPTION 'an org at level % cannot sit below one at level %', NEW.level, parent.level
                USING ERRCODE = 'check_violation', CONSTRAINT = 'orgs_level_below_parent';
        END IF;
        NEW.path := parent.path || NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER orgs_set_path BEFORE INSERT OR UPDATE ON orgs
    FOR EACH ROW EXECUTE FUNCTION award_orgs_set_path();

-- The catalog: forms of commendation and emulation titles.
CREATE TABLE award_kinds (
    code          text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    name_vi       text NOT NULL CHECK (name_vi IS NFC NORMALIZED AND btrim(name_vi) <> ''),
    name_en       text NOT NULL CHECK (btrim(name_en) <> ''),
    category      text NOT NULL CHECK (category IN ('commendation', 'title')),
    nominee_types text[] NOT NULL CHECK (
        cardinality(nominee_types) > 0
        AND nominee_types <@ ARRAY['individual', 'collective', 'household']::text[])
);

-- A kind's approval chain, as data: the levels a nomination climbs, in order. The last step is
-- the authority that decides.
CREATE TABLE award_kind_chain (
    kind_code  text NOT NULL REFERENCES award_kinds (code),
    step       int NOT NULL CHECK (step >= 1),
    level      text NOT NULL CHECK (level IN ('central', 'ministry', 'province', 'district', 'commune', 'unit')),
    PRIMARY KEY (kind_code, step),
    UNIQUE (kind_code, level)
);

CREATE TABLE nominees (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 300),
    type        text NOT NULL CHECK (type IN ('individual', 'collective', 'household')),
    -- The unit that first nominated this nominee; people move, so this is a hint, not a key.
    home_org_id bigint REFERENCES orgs (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Numbered decisions (quyết định). Numbers restart each calendar year per issuer, so a number is
-- unique per (issuer, year); one decision may award many nominations.
CREATE TABLE decisions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    number         text NOT NULL CHECK (number IS NFC NORMALIZED AND btrim(number) <> '' AND length(number) <= 100),
    decided_on     date NOT NULL,
    year           int NOT NULL CHECK (year = extract(year FROM decided_on)),
    purpose        text NOT NULL CHECK (purpose IN ('award', 'revocation')),
    kind_code      text NOT NULL REFERENCES award_kinds (code),
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (issuer_org_id, year, number)
);

CREATE TABLE nominations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind_code       text NOT NULL REFERENCES award_kinds (code),
    nominee_id      bigint NOT NULL REFERENCES nominees (id),
    unit_id         bigint NOT NULL REFERENCES orgs (id),
    year            int CHECK (year BETWEEN 1945 AND 2200),
    reason          text CHECK (reason IS NFC NORMALIZED AND length(reason) <= 4000),
    -- The orgs the nomination climbs (resolved from the kind's chain when it was created);
    -- route[tier] is the tier it is at, or the one it returns to.
    route           bigint[] NOT NULL CHECK (cardinality(route) >= 1),
    tier            int NOT NULL,
    state           text NOT NULL CHECK (state IN ('draft', 'pending', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked')),
    -- Where it waits for someone to act: route[tier] while pending, the proposing unit while a
    -- draft or returned, the last acting org once final. Indexed for inboxes.
    current_org_id  bigint NOT NULL REFERENCES orgs (id),
    -- Bumped by every transition; equals the seq of the latest history row.
    version         int NOT NULL CHECK (version >= 1),
    decision_id     bigint REFERENCES decisions (id),
    revocation_id   bigint REFERENCES decisions (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (tier BETWEEN 1 AND cardinality(route)),
    CHECK (state <> 'pending' OR current_org_id = route[tier]),
    CHECK ((decision_id IS NOT NULL) = (state IN ('awarded', 'revoked'))),
    CHECK ((revocation_id IS NOT NULL) = (state = 'revoked'))
);
CREATE INDEX nominations_inbox_idx ON nominations (current_org_id, state, id);
CREATE INDEX nominations_nominee_idx ON nominations (nominee_id);
CREATE INDEX nominations_decision_idx ON nominations (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX nominations_unit_idx ON nominations (unit_id);

-- The history. One row per transition; (nomination_id, seq) is the key, so two writers that both
-- read version N and both try to append N+1 cannot both commit: one gets a unique violation.
CREATE TABLE transitions (
    nomination_id  bigint NOT NULL REFERENCES nominations (id),
    seq            int NOT NULL CHECK (seq >= 1),
    command        text NOT NULL CHECK (command IN ('create', 'submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'revoke')),
    from_state     text CHECK (from_state IN ('draft', 'pending', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked')),
    to_state       text NOT NULL CHECK (to_state IN ('draft', 'pending', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked')),
    tier           int NOT NULL CHECK (tier >= 1),
    org_id         bigint NOT NULL REFERENCES orgs (id),
    actor          text NOT NULL CHECK (btrim(actor) <> '' AND length(actor) <= 200),
    reason         text CHECK (reason IS NFC NORMALIZED AND length(reason) <= 4000),
    comment        text CHECK (comment IS NFC NORMALIZED AND length(comment) <= 4000),
    decision_id    bigint REFERENCES decisions (id),
    at             timestamptz NOT NULL,
    PRIMARY KEY (nomination_id, seq),
    CHECK ((seq = 1) = (from_state IS NULL))
);
CREATE INDEX transitions_actor_idx ON transitions (actor, at);
CREATE INDEX transitions_org_idx ON transitions (org_id, at);

-- History and decisions are append-only: any UPDATE, DELETE or TRUNCATE is refused, whoever asks.
CREATE FUNCTION award_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'history cannot be edited; record a new transition instead';
END $$;

CREATE TRIGGER transitions_append_only BEFORE UPDATE OR DELETE ON transitions
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER transitions_no_truncate BEFORE TRUNCATE ON transitions
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();

-- Idempotency keys: a command repeated with the same key returns the stored first result and
-- records nothing new; the same key with a different request is refused.
CREATE TABLE idempotency_keys (
    scope          text NOT NULL,
    key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash   text NOT NULL,
    nomination_id  bigint REFERENCES nominations (id),
    response       jsonb NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

-- The catalog shipped with the engine (Decree 98/2023 shape, with the district tier).
INSERT INTO award_kinds (code, name_vi, name_en, category, nominee_types) VALUES
    ('giay-khen',      'Giấy khen',                          'Certificate of merit',                   'commendation', ARRAY['individual', 'collective', 'household']),
    ('thu-khen',       'Thư khen',                           'Letter of praise',                       'commendation', ARRAY['individual', 'collective', 'household']),
    ('bang-khen-tinh', 'Bằng khen của Chủ tịch UBND tỉnh',   'Provincial certificate of merit',        'commendation', ARRAY['individual', 'collective', 'household']),
    ('bang-khen-ttg',  'Bằng khen của Thủ tướng Chính phủ',  'Prime Minister''s certificate of merit', 'commendation', ARRAY['individual', 'collective', 'household']),
    ('ldtt',           'Lao động tiên tiến',                 'Advanced worker',                        'title',        ARRAY['individual']),
    ('cstdcs',         'Chiến sĩ thi đua cơ sở',             'Grassroots emulation fighter',           'title',        ARRAY['individual']),
    ('cstd-tinh',      'Chiến sĩ thi đua cấp tỉnh',          'Provincial emulation fighter',           'title',        ARRAY['individual']);

INSERT INTO award_kind_chain (kind_code, step, level) VALUES
    ('giay-khen', 1, 'district'),
    ('thu-khen', 1, 'province'),
    ('bang-khen-tinh', 1, 'district'), ('bang-khen-tinh', 2, 'province'),
    ('bang-khen-ttg', 1, 'district'), ('bang-khen-ttg', 2, 'province'), ('bang-khen-ttg', 3, 'central'),
    ('ldtt', 1, 'district'),
    ('cstdcs', 1, 'district'),
    ('cstd-tinh', 1, 'district'), ('cstd-tinh', 2, 'province');

-- migration: 2 users

-- Users of awardd and awardctl. The bearer token is shown once when issued and only its SHA-256
-- is stored; a revoked user keeps its row, because history names it.
CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    role        text NOT NULL CHECK (role IN ('nominator', 'approver', 'auditor', 'admin')),
    token_hash  text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX users_name_key ON users (lower(name));
-- Authentication looks a token up by its hash, once per request.
CREATE UNIQUE INDEX users_token_key ON users (token_hash);

-- migration: 3 rules

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

-- migration: 4 decisions-dossiers-deadlines

-- Decisions as records: who signed (KT. = on behalf of the head), on what legal basis, for which
-- kind of commendation and achievement period; a revocation names the decision it annuls.
ALTER TABLE orgs
    ADD COLUMN decision_pattern text NOT NULL DEFAULT '{n}/QĐ-UBND' CHECK (decision_pattern LIKE '%{n}%' AND length(decision_pattern) <= 60);
ALTER TABLE decisions
    ADD COLUMN signer text CHECK (signer IS NFC NORMALIZED AND length(signer) <= 200),
    ADD COLUMN on_behalf boolean NOT NULL DEFAULT false,
    ADD COLUMN legal_basis text CHECK (legal_basis IS NFC NORMALIZED AND length(legal_basis) <= 2000),
    ADD COLUMN commendation_type text NOT NULL DEFAULT 'annual'
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign')),
    ADD COLUMN achievement_period text CHECK (achievement_period IS NFC NORMALIZED AND length(achievement_period) <= 200),
    ADD COLUMN revokes_decision_id bigint REFERENCES decisions (id),
    ADD COLUMN sequence int CHECK (sequence >= 1);
-- Each issuer's sequence per calendar year. The deciding transaction increments its row, so two
-- concurrent decisions of one issuer queue on it: consecutive numbers, no gap (a rolled-back
-- decision rolls its number back too), no repeat.
CREATE TABLE decision_counters (
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    year           int NOT NULL,
    last_number    int NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (issuer_org_id, year)
);

-- Base salary (lương cơ sở), dated; the bonus is coefficient × the base in force on the decision date.
CREATE TABLE base_salaries (
    valid_from  date PRIMARY KEY,
    amount_vnd  bigint NOT NULL CHECK (amount_vnd > 0)
);
INSERT INTO base_salaries (valid_from, amount_vnd) VALUES
    ('2019-07-01', 1490000), ('2023-07-01', 1800000), ('2024-07-01', 2340000);
ALTER TABLE nominations ADD COLUMN bonus_vnd bigint CHECK (bonus_vnd >= 0);

-- Dossier documents: immutable (a new version is a new document), with their SHA-256.
CREATE TABLE documents (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomination_id  bigint NOT NULL REFERENCES nominations (id),
    type           text NOT NULL CHECK (type IN ('to-trinh', 'danh-sach', 'bao-cao-thanh-tich', 'bien-ban', 'sang-kien', 'xac-nhan', 'khac')),
    name           text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 255),
    media_type     text NOT NULL,
    size_bytes     int NOT NULL CHECK (size_bytes > 0),
    sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content        bytea NOT NULL,
    uploaded_by    text NOT NULL,
    uploaded_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX documents_nomination_idx ON documents (nomination_id, type);
CREATE TRIGGER documents_append_only BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- The calendar of non-working days: weekends are not working days unless listed as make-up days.
CREATE TABLE calendar_days (
    day      date PRIMARY KEY,
    working  boolean NOT NULL,
    name     text CHECK (name IS NFC NORMALIZED AND length(name) <= 200)
);

-- Public notice before the council votes; objections, each resolved with a note.
ALTER TABLE nominations DROP CONSTRAINT nominations_state_check;
ALTER TABLE nominations ADD CONSTRAINT nominations_state_check
    CHECK (state IN ('draft', 'pending', 'public_notice', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked'));
ALTER TABLE transitions DROP CONSTRAINT transitions_from_state_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_from_state_check
    CHECK (from_state IN ('draft', 'pending', 'public_notice', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked'));
ALTER TABLE transitions DROP CONSTRAINT transitions_to_state_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_to_state_check
    CHECK (to_state IN ('draft', 'pending', 'public_notice', 'returned', 'awarded', 'rejected', 'withdrawn', 'revoked'));
ALTER TABLE transitions DROP CONSTRAINT transitions_command_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_command_check
    CHECK (command IN ('create', 'submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'revoke', 'notice_end'));
ALTER TABLE nominations
    ADD COLUMN notice_until date,
    -- The processing clock of the tier it is at: started when the dossier was complete there,
    -- the working days used before a return (the clock pauses while returned), and the due date.
    ADD COLUMN clock_started_on date,
    ADD COLUMN clock_days_used int NOT NULL DEFAULT 0 CHECK (clock_days_used >= 0),
    ADD COLUMN due_on date;
ALTER TABLE nominations DROP CONSTRAINT nominations_check1;
ALTER TABLE nominations ADD CONSTRAINT nominations_waits_at_tier
    CHECK (state NOT IN ('pending', 'public_notice') OR current_org_id = route[tier]);
CREATE INDEX nominations_due_idx ON nominations (due_on) WHERE due_on IS NOT NULL;

CREATE TABLE objections (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomination_id  bigint NOT NULL REFERENCES nominations (id),
    text           text NOT NULL CHECK (text IS NFC NORMALIZED AND btrim(text) <> '' AND length(text) <= 4000),
    received_on    date NOT NULL,
    recorded_by    text NOT NULL,
    resolved_at    timestamptz,
    resolution     text CHECK (resolution IS NFC NORMALIZED AND length(resolution) <= 4000),
    resolved_by    text,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX objections_open_idx ON objections (nomination_id) WHERE resolved_at IS NULL;

-- Durable timers: the end of a public notice, a deadline coming due. Workers pick due timers with
-- FOR UPDATE SKIP LOCKED and mark them fired in the same transaction, so several awardd processes
-- never fire one twice and a restart loses none.
CREATE TABLE timers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomination_id  bigint NOT NULL REFERENCES nominations (id),
    kind           text NOT NULL CHECK (kind IN ('notice_end', 'deadline')),
    due_on         date NOT NULL,
    fired_at       timestamptz,
    outcome        text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timers_due_idx ON timers (due_on) WHERE fired_at IS NULL;

-- What the timers raised: deadline warnings for the officers of an org.
CREATE TABLE notifications (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomination_id  bigint NOT NULL REFERENCES nominations (id),
    org_id         bigint NOT NULL REFERENCES orgs (id),
    kind           text NOT NULL,
    message        text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- migration: 5 proof-and-search

-- A tamper-evident history: each row carries the SHA-256 of its canonical content chained to the
-- previous row of the same nomination (one chain per nomination: no global lock). Recomputing the
-- chains (awardctl audit verify) finds a row edited, deleted, inserted or reordered, even by a
-- superuser with the triggers disabled.
CREATE FUNCTION award_transition_content(t transitions) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT concat_ws(E'\n', t.nomination_id, t.seq, quote_nullable(t.command), quote_nullable(t.from_state), quote_nullable(t.to_state),
                     t.tier, t.org_id, quote_nullable(t.actor), quote_nullable(t.reason), quote_nullable(t.comment),
                     quote_nullable(t.decision_id), quote_nullable(t.vote_members), quote_nullable(t.vote_present),
                     quote_nullable(t.vote_in_favour), quote_nullable(t.vote_secret), quote_nullable(t.override_reason),
                     to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
$$;

CREATE FUNCTION award_chain_hash(prev text, t transitions) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(prev || E'\n' || award_transition_content(t), 'UTF8')), 'hex')
$$;

ALTER TABLE transitions ADD COLUMN prev_hash text, ADD COLUMN hash text;

-- Chain the rows written before this migration, in order.
ALTER TABLE transitions DISABLE TRIGGER transitions_append_only;
DO $$
DECLARE
    r transitions%ROWTYPE;
    prev text;
BEGIN
    FOR r IN SELECT * FROM transitions ORDER BY nomination_id, seq LOOP
        IF r.seq = 1 THEN
            prev := repeat('0', 64);
        ELSE
            SELECT hash INTO prev FROM transitions WHERE nomination_id = r.nomination_id AND seq = r.seq - 1;
        END IF;
        UPDATE transitions SET prev_hash = prev, hash = award_chain_hash(prev, r)
        WHERE nomination_id = r.nomination_id AND seq = r.seq;
    END LOOP;
END $$;
ALTER TABLE transitions ENABLE TRIGGER transitions_append_only;
ALTER TABLE transitions ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

CREATE FUNCTION award_transitions_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq = 1 THEN
        NEW.prev_hash := repeat('0', 64);
    ELSE
        SELECT hash INTO NEW.prev_hash FROM transitions WHERE nomination_id = NEW.nomination_id AND seq = NEW.seq - 1;
        IF NEW.prev_hash IS NULL THEN
            RAISE EXCEPTION 'history of nomination % has no row %', NEW.nomination_id, NEW.seq - 1
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transitions_chain';
        END IF;
    END IF;
    NEW.hash := award_chain_hash(NEW.prev_hash, NEW);
    RETURN NEW;
END $$;
CREATE TRIGGER transitions_chain BEFORE INSERT ON transitions
    FOR EACH ROW EXECUTE FUNCTION award_transitions_chain();

-- Accent- and case-insensitive search: "nguyen van a" finds "Nguyễn Văn A", "d" finds "đ".
-- The two-argument unaccent names its dictionary, so the wrapper can be IMMUTABLE and indexed.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION award_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT lower(unaccent('unaccent'::regdictionary, normalize($1, NFC)))
$$;
CREATE INDEX nominees_name_fold_trgm ON nominees USING gin (award_fold(name) gin_trgm_ops);

-- Reports and audit read by period and place.
CREATE INDEX decisions_year_idx ON decisions (year, issuer_org_id);
CREATE INDEX transitions_at_idx ON transitions (at);

-- migration: 6 fast-paths

-- A transition's write is one statement that either appends the history row or raises: when the
-- version it read is no longer current, the statement calls this and the whole pipeline (and the
-- transaction) stops, so the command can be sent with its COMMIT in one round trip.
CREATE FUNCTION award_conflict(nomination bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'nomination % was changed by someone else meanwhile; read it again and retry', nomination
        USING ERRCODE = 'serialization_failure';
END $$;

-- The working calendar changes rarely and is read by every transition: processes cache it and
-- reload it only when this stamp moved (every change to calendar_days moves it, in the same
-- transaction).
CREATE TABLE calendar_stamp (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    stamp bigint NOT NULL
);
INSERT INTO calendar_stamp (stamp) VALUES (1);
CREATE FUNCTION award_calendar_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE calendar_stamp SET stamp = stamp + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER calendar_days_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
    FOR EACH STATEMENT EXECUTE FUNCTION award_calendar_touched();

-- The hash chain's functions read only their arguments, but to_char is STABLE, so declared
-- IMMUTABLE they could never be inlined: every history row paid a SQL-function call (≈ 85 µs).
-- Declared STABLE (which they are), the trigger's expression inlines them (≈ 9 µs). Same result.
ALTER FUNCTION award_transition_content(transitions) STABLE;
ALTER FUNCTION award_chain_hash(text, transitions) STABLE;

-- migration: 7 report-tables

-- What the reports read, kept by the database as nominations are awarded and revoked, so that
-- "awardees of a year" and the year's summary read an index instead of joining and sorting every
-- awarded nomination. A trigger on nominations keeps both in the same transaction as the award.
CREATE TABLE awardees (
    nomination_id  bigint PRIMARY KEY REFERENCES nominations (id),
    year           int NOT NULL,
    decided_on     date NOT NULL,
    decision_id    bigint NOT NULL REFERENCES decisions (id),
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    kind_code      text NOT NULL,
    nominee_id     bigint NOT NULL,
    nominee_type   text NOT NULL,
    nominee_name   text NOT NULL COLLATE vi,
    unit_id        bigint NOT NULL REFERENCES orgs (id),
    unit_path      bigint[] NOT NULL
);
CREATE INDEX awardees_year_order_idx ON awardees (year, decided_on, nominee_name, nomination_id);
CREATE INDEX awardees_unit_path_idx ON awardees USING gin (unit_path);

CREATE TABLE award_counts (
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    year           int NOT NULL,
    kind_code      text NOT NULL,
    nominee_type   text NOT NULL,
    unit_id        bigint NOT NULL REFERENCES orgs (id),
    n              int NOT NULL CHECK (n >= 0),
    PRIMARY KEY (year, issuer_org_id, kind_code, nominee_type, unit_id)
);

CREATE FUNCTION award_reports_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d decisions%ROWTYPE;
    e nominees%ROWTYPE;
BEGIN
    IF NEW.state = 'awarded' AND OLD.state IS DISTINCT FROM 'awarded' THEN
        SELECT * INTO d FROM decisions WHERE id = NEW.decision_id;
        SELECT * INTO e FROM nominees WHERE id = NEW.nominee_id;
        INSERT INTO awardees (nomination_id, year, decided_on, decision_id, issuer_org_id, kind_code, nominee_id, nominee_type,
                              nominee_name, unit_id, unit_path)
        SELECT NEW.id, d.year, d.decided_on, d.id, d.issuer_org_id, NEW.kind_code, e.id, e.type, e.name, NEW.unit_id, u.path
        FROM orgs u WHERE u.id = NEW.unit_id;
        INSERT INTO award_counts AS c (issuer_org_id, year, kind_code, nominee_type, unit_id, n)
        VALUES (d.issuer_org_id, d.year, NEW.kind_code, e.type, NEW.unit_id, 1)
        ON CONFLICT (year, issuer_org_id, kind_code, nominee_type, unit_id) DO UPDATE SET n = c.n + 1;
    ELSIF OLD.state = 'awarded' AND NEW.state IS DISTINCT FROM 'awarded' THEN
        DELETE FROM awardees WHERE nomination_id = OLD.id RETURNING year, issuer_org_id, nominee_type
            INTO d.year, d.issuer_org_id, e.type;
        UPDATE award_counts SET n = n - 1
        WHERE year = d.year AND issuer_org_id = d.issuer_org_id AND kind_code = OLD.kind_code
          AND nominee_type = e.type AND unit_id = OLD.unit_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER nominations_reports AFTER UPDATE OF state ON nominations
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND 'awarded' IN (OLD.state, NEW.state))
    EXECUTE FUNCTION award_reports_track();

INSERT INTO awardees (nomination_id, year, decided_on, decision_id, issuer_org_id, kind_code, nominee_id, nominee_type,
                      nominee_name, unit_id, unit_path)
SELECT n.id, d.year, d.decided_on, d.id, d.issuer_org_id, n.kind_code, e.id, e.type, e.name, n.unit_id, u.path
FROM nominations n JOIN decisions d ON d.id = n.decision_id JOIN nominees e ON e.id = n.nominee_id JOIN orgs u ON u.id = n.unit_id
WHERE n.state = 'awarded';
INSERT INTO award_counts (issuer_org_id, year, kind_code, nominee_type, unit_id, n)
SELECT issuer_org_id, year, kind_code, nominee_type, unit_id, count(*) FROM awardees GROUP BY 1, 2, 3, 4, 5;

-- migration: 8 sign-in
-- People sign in to the web pages with a password (a bcrypt hash, never the password) and get a
-- session: a random token in an HttpOnly cookie, stored here only as its SHA-256, ending after an
-- idle time or at logout. Five failed logins in a row lock the account for a while.
ALTER TABLE users
    ADD COLUMN password_hash text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    ADD COLUMN failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until timestamptz;

CREATE TABLE sessions (
    token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id       bigint NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
-- The inbox index carries the kind, so that the web inbox's filter by kind is answered from the
-- index alone (the key, and so the writes a transition makes, stay the same).
DROP INDEX nominations_inbox_idx;
CREATE INDEX nominations_inbox_idx ON nominations (current_org_id, state, id) INCLUDE (kind_code);
-- A decision's page lists what it revoked as well as what it awarded.
CREATE INDEX nominations_revocation_idx ON nominations (revocation_id) WHERE revocation_id IS NOT NULL;

-- migration: 9 papers
-- The papers officers print and file are rendered from templates kept as data: one row per
-- version, per issuing org, document kind and format; never edited (a new version is a new row).
-- A document uses the newest version created before the thing it describes (a decision, a
-- forwarding), so a replaced template changes new documents only.
CREATE TABLE document_templates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES orgs (id),
    kind        text NOT NULL CHECK (kind IN ('decision', 'proposal', 'list', 'certificate')),
    format      text NOT NULL CHECK (format IN ('html', 'docx')),
    version     int NOT NULL CHECK (version >= 1),
    body        bytea NOT NULL CHECK (octet_length(body) BETWEEN 1 AND 5242880),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by  text NOT NULL,
    -- clock_timestamp: a template set after a decision committed is later than that decision.
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (org_id, kind, format, version)
);
CREATE INDEX document_templates_in_force_idx ON document_templates (org_id, kind, format, created_at DESC);
CREATE TRIGGER document_templates_append_only BEFORE UPDATE OR DELETE ON document_templates
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- Where each field of a certificate lands on an org's pre-printed blank (phôi), in millimetres,
-- with the calibration offset of its printer. Each change is a new row; the newest is in force.
CREATE TABLE certificate_layouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES orgs (id),
    layout      jsonb NOT NULL CHECK (jsonb_typeof(layout) = 'object'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX certificate_layouts_org_idx ON certificate_layouts (org_id, id DESC);
CREATE TRIGGER certificate_layouts_append_only BEFORE UPDATE OR DELETE ON certificate_layouts
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- migration: 10 campaigns
-- An emulation year starts with a campaign (phong trào thi đua) launched by an org: its period,
-- the units in scope (the launching org's subtree, the members of a cluster, or named units), the
-- awards it offers with per-unit quotas, and criteria per title. Units register their members'
-- goals (đăng ký thi đua); the launching org accepts or returns each registration; at the end the
-- units' councils review (bình xét) the registrants and propose nominations.
CREATE TABLE clusters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 300),
    kind        text NOT NULL CHECK (kind IN ('cluster', 'bloc')),
    -- The org whose emulation council organises the cluster (a province, a ministry).
    org_id      bigint NOT NULL REFERENCES orgs (id),
    -- How many members the cluster's vote may propose for the Cờ thi đua each year.
    flag_quota  int NOT NULL DEFAULT 1 CHECK (flag_quota >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clusters_code_key ON clusters (lower(code));
CREATE TABLE cluster_members (
    cluster_id  bigint NOT NULL REFERENCES clusters (id),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    PRIMARY KEY (cluster_id, org_id)
);
-- The head (cụm trưởng) rotates each year among the members.
CREATE TABLE cluster_heads (
    cluster_id  bigint NOT NULL,
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    org_id      bigint NOT NULL,
    PRIMARY KEY (cluster_id, year),
    FOREIGN KEY (cluster_id, org_id) REFERENCES cluster_members (cluster_id, org_id)
);
-- The cluster's year-end vote: each member's votes; the leading members (at most flag_quota, each
-- with a majority of the voters) are proposed for the Cờ thi đua. One vote per cluster and year.
CREATE TABLE cluster_votes (
    cluster_id  bigint NOT NULL,
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    org_id      bigint NOT NULL,
    votes       int NOT NULL CHECK (votes >= 0),
    voters      int NOT NULL CHECK (voters > 0 AND votes <= voters),
    proposed    boolean NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, year, org_id),
    FOREIGN KEY (cluster_id, org_id) REFERENCES cluster_members (cluster_id, org_id),
    CHECK (NOT proposed OR votes * 2 > voters)
);
CREATE TRIGGER cluster_votes_append_only BEFORE UPDATE OR DELETE ON cluster_votes
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
-- The quota of proposals, counted per cluster and year: the CHECK makes an overflow impossible.
CREATE TABLE cluster_flag_use (
    cluster_id  bigint NOT NULL REFERENCES clusters (id),
    year        int NOT NULL,
    used        int NOT NULL CHECK (used >= 0),
    max_count   int NOT NULL,
    PRIMARY KEY (cluster_id, year),
    CONSTRAINT cluster_flag_quota_not_exceeded CHECK (used <= max_count)
);
CREATE FUNCTION award_cluster_flag_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.proposed THEN
        INSERT INTO cluster_flag_use (cluster_id, year, used, max_count)
        SELECT NEW.cluster_id, NEW.year, 1, flag_quota FROM clusters WHERE id = NEW.cluster_id
        ON CONFLICT (cluster_id, year) DO UPDATE SET used = cluster_flag_use.used + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cluster_votes_count AFTER INSERT ON cluster_votes
    FOR EACH ROW EXECUTE FUNCTION award_cluster_flag_count();

CREATE TABLE campaigns (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Nominations proposed from a campaign carry its code (nominations.campaign).
    code                  text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    org_id                bigint NOT NULL REFERENCES orgs (id),
    name                  text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 500),
    theme                 text CHECK (theme IS NFC NORMALIZED AND length(theme) <= 2000),
    kind                  text NOT NULL CHECK (kind IN ('regular', 'thematic', 'short', 'multi_year')),
    starts_on             date NOT NULL,
    ends_on               date NOT NULL,
    requires_registration boolean NOT NULL DEFAULT true,
    launch_number         text CHECK (launch_number IS NFC NORMALIZED AND length(launch_number) <= 100),
    launch_date           date,
    cluster_id            bigint REFERENCES clusters (id),
    state                 text NOT NULL DEFAULT 'draft'
                              CHECK (state IN ('draft', 'registration', 'running', 'reviewing', 'closed')),
    version               int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by            text NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_period CHECK (ends_on >= starts_on),
    CHECK (state = 'draft' OR launch_date IS NOT NULL)
);
CREATE UNIQUE INDEX campaigns_code_key ON campaigns (lower(code));
CREATE INDEX campaigns_org_idx ON campaigns (org_id, starts_on DESC);

-- Named units in scope; none means the launching org's subtree (or, for a cluster's campaign, its members).
CREATE TABLE campaign_units (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    PRIMARY KEY (campaign_id, org_id)
);
-- The launch decision and plan, and any other paper of the campaign.
CREATE TABLE campaign_documents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    title       text NOT NULL CHECK (title IS NFC NORMALIZED AND btrim(title) <> '' AND length(title) <= 500),
    number      text CHECK (number IS NFC NORMALIZED AND length(number) <= 100),
    issued_on   date
);
-- The awards a campaign offers: per-unit quota (proposals a unit may raise) and bonus amount.
CREATE TABLE campaign_awards (
    campaign_id    bigint NOT NULL REFERENCES campaigns (id),
    kind_code      text NOT NULL REFERENCES award_kinds (code),
    per_unit_quota int CHECK (per_unit_quota >= 0),
    amount_vnd     bigint CHECK (amount_vnd >= 0),
    PRIMARY KEY (campaign_id, kind_code)
);
CREATE TABLE campaign_criteria (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    kind_code   text NOT NULL REFERENCES award_kinds (code),
    text        text NOT NULL CHECK (text IS NFC NORMALIZED AND btrim(text) <> '' AND length(text) <= 2000),
    mandatory   boolean NOT NULL DEFAULT true,
    source      text CHECK (source IS NFC NORMALIZED AND length(source) <= 500)
);
-- Every change of a campaign's state, with who and why (a reopening needs a reason).
CREATE TABLE campaign_history (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    seq         int NOT NULL CHECK (seq >= 1),
    from_state  text,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    reason      text CHECK (reason IS NFC NORMALIZED AND length(reason) <= 4000),
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, seq),
    CHECK (NOT (from_state = 'closed') OR reason IS NOT NULL)
);
CREATE TRIGGER campaign_history_append_only BEFORE UPDATE OR DELETE ON campaign_history
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- How long a campaign runs, in the buckets of statistics form 0601.
CREATE FUNCTION award_campaign_duration(starts date, ends date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN ends < starts + interval '1 year' THEN 'under_1_year'
                WHEN ends < starts + interval '3 years' THEN '1_to_3_years'
                WHEN ends < starts + interval '5 years' THEN '3_to_5_years'
                ELSE 'over_5_years' END
$$;

-- Whether an org lies in a campaign's scope.
CREATE FUNCTION award_campaign_covers(campaign bigint, org bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM campaign_units WHERE campaign_id = campaign) THEN
            EXISTS (SELECT 1 FROM campaign_units cu JOIN orgs o ON o.id = org
                    WHERE cu.campaign_id = campaign AND o.path @> ARRAY[cu.org_id])
        WHEN (SELECT cluster_id FROM campaigns WHERE id = campaign) IS NOT NULL THEN
            EXISTS (SELECT 1 FROM campaigns c JOIN cluster_members m ON m.cluster_id = c.cluster_id JOIN orgs o ON o.id = org
                    WHERE c.id = campaign AND o.path @> ARRAY[m.org_id])
        ELSE
            EXISTS (SELECT 1 FROM campaigns c JOIN orgs o ON o.id = org WHERE c.id = campaign AND o.path @> ARRAY[c.org_id])
    END
$$;

-- A unit's registration for a campaign and year: draft → sent → accepted, or returned (with a
-- reason) and sent again. Its entries are the collectives and individuals and the titles they aim at.
CREATE TABLE registrations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    state       text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'returned', 'accepted')),
    version     int NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, org_id, year)
);
CREATE TABLE registration_entries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id bigint NOT NULL REFERENCES registrations (id),
    campaign_id     bigint NOT NULL REFERENCES campaigns (id),
    year            int NOT NULL,
    nominee_id      bigint NOT NULL REFERENCES nominees (id),
    kinds           text[] NOT NULL CHECK (cardinality(kinds) BETWEEN 1 AND 10),
    targets         text CHECK (targets IS NFC NORMALIZED AND length(targets) <= 4000),
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- One person (or collective) registers once per campaign and year, whoever asks first.
    UNIQUE (campaign_id, year, nominee_id)
);
CREATE INDEX registration_entries_registration_idx ON registration_entries (registration_id);
CREATE INDEX registration_entries_nominee_idx ON registration_entries (nominee_id, year);
CREATE TABLE registration_history (
    registration_id bigint NOT NULL REFERENCES registrations (id),
    seq             int NOT NULL CHECK (seq >= 1),
    from_state      text,
    to_state        text NOT NULL,
    actor           text NOT NULL,
    reason          text CHECK (reason IS NFC NORMALIZED AND length(reason) <= 4000),
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_id, seq),
    CHECK (to_state <> 'returned' OR reason IS NOT NULL)
);
CREATE TRIGGER registration_history_append_only BEFORE UPDATE OR DELETE ON registration_history
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- The unit council's review (bình xét) of a registrant: criteria met, the vote, and the result:
-- proposed for a title decided at the unit's own authority (here), proposed higher, or not reached.
-- Once turned into a nomination the review is final.
CREATE TABLE campaign_reviews (
    campaign_id     bigint NOT NULL REFERENCES campaigns (id),
    year            int NOT NULL,
    nominee_id      bigint NOT NULL REFERENCES nominees (id),
    entry_id        bigint NOT NULL REFERENCES registration_entries (id),
    org_id          bigint NOT NULL REFERENCES orgs (id),
    result          text NOT NULL CHECK (result IN ('here', 'higher', 'not_reached')),
    kind_code       text REFERENCES award_kinds (code),
    criteria_met    boolean NOT NULL,
    vote_members    int CHECK (vote_members > 0),
    vote_present    int CHECK (vote_present >= 0 AND vote_present <= vote_members),
    vote_in_favour  int CHECK (vote_in_favour >= 0 AND vote_in_favour <= vote_present),
    note            text CHECK (note IS NFC NORMALIZED AND length(note) <= 4000),
    nomination_id   bigint REFERENCES nominations (id),
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, year, nominee_id),
    CHECK ((result = 'not_reached') = (kind_code IS NULL)),
    CHECK (nomination_id IS NULL OR result <> 'not_reached')
);
CREATE INDEX campaign_reviews_org_idx ON campaign_reviews (campaign_id, org_id, year);
-- Proposals counted per campaign, unit, year and kind against the campaign's per-unit quota;
-- kept by a trigger, so parallel reviews of one unit serialise on the row and cannot overflow.
CREATE TABLE campaign_quota_use (
    campaign_id bigint NOT NULL REFERENCES campaigns (id),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    year        int NOT NULL,
    kind_code   text NOT NULL REFERENCES award_kinds (code),
    used        int NOT NULL CHECK (used >= 0),
    max_count   int NOT NULL,
    PRIMARY KEY (campaign_id, org_id, year, kind_code),
    CONSTRAINT campaign_quota_not_exceeded CHECK (used <= max_count)
);
CREATE FUNCTION award_campaign_quota_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.result <> 'not_reached' THEN
        UPDATE campaign_quota_use SET used = used - 1
        WHERE campaign_id = OLD.campaign_id AND org_id = OLD.org_id AND year = OLD.year AND kind_code = OLD.kind_code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.result <> 'not_reached' THEN
        INSERT INTO campaign_quota_use (campaign_id, org_id, year, kind_code, used, max_count)
        SELECT NEW.campaign_id, NEW.org_id, NEW.year, NEW.kind_code, 1, per_unit_quota
        FROM campaign_awards WHERE campaign_id = NEW.campaign_id AND kind_code = NEW.kind_code AND per_unit_quota IS NOT NULL
        ON CONFLICT (campaign_id, org_id, year, kind_code) DO UPDATE SET used = campaign_quota_use.used + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER campaign_reviews_count AFTER INSERT OR UPDATE OR DELETE ON campaign_reviews
    FOR EACH ROW EXECUTE FUNCTION award_campaign_quota_count();

-- The award fund (quỹ thi đua, khen thưởng) of an org and year: its income as entries; its spending
-- is the bonuses of the awards the org decided that year. A decision that leaves the fund
-- overdrawn is kept, with a warning recorded at its commit.
CREATE TABLE fund_income (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES orgs (id),
    year        int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
    amount_vnd  bigint NOT NULL CHECK (amount_vnd > 0),
    source      text NOT NULL CHECK (source IS NFC NORMALIZED AND btrim(source) <> '' AND length(source) <= 500),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_income_org_idx ON fund_income (org_id, year);
CREATE TRIGGER fund_income_append_only BEFORE UPDATE OR DELETE ON fund_income
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TABLE fund_warnings (
    decision_id bigint PRIMARY KEY REFERENCES decisions (id),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    year        int NOT NULL,
    income_vnd  bigint NOT NULL,
    spent_vnd   bigint NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER fund_warnings_append_only BEFORE UPDATE OR DELETE ON fund_warnings
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
-- Checked at commit, once every recipient of the decision has its bonus: only orgs that keep a
-- fund that year (some income recorded) are checked.
CREATE FUNCTION award_fund_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    income bigint;
    spent bigint;
BEGIN
    IF NEW.purpose <> 'award' THEN RETURN NULL; END IF;
    SELECT sum(amount_vnd) INTO income FROM fund_income WHERE org_id = NEW.issuer_org_id AND year = NEW.year;
    IF income IS NULL THEN RETURN NULL; END IF;
    SELECT coalesce(sum(n.bonus_vnd), 0) INTO spent
    FROM decisions d JOIN nominations n ON n.decision_id = d.id
    WHERE d.issuer_org_id = NEW.issuer_org_id AND d.year = NEW.year AND d.purpose = 'award' AND n.state = 'awarded';
    IF spent > income THEN
        INSERT INTO fund_warnings (decision_id, org_id, year, income_vnd, spent_vnd)
        VALUES (NEW.id, NEW.issuer_org_id, NEW.year, income, spent) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER decisions_fund_check AFTER INSERT ON decisions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION award_fund_check();

-- migration: 11 events
-- The outbox: every committed transition, decision, document, objection, campaign and
-- registration step and deadline warning writes an event row in the same transaction, from a
-- trigger on the row that records it, so a command that is refused or loses a race (and rolls
-- back) writes none, and none is lost. txid orders events by transaction: a reader takes only the
-- events of transactions older than every one still running (pg_snapshot_xmin), in (txid, id)
-- order, so a later reader never finds an earlier event it skipped.
CREATE TABLE events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    type           text NOT NULL CHECK (type ~ '^[a-z]+\.[a-z_]+$'),
    nomination_id  bigint REFERENCES nominations (id),
    -- The nomination's history seq: events of one nomination are ordered by it.
    nomination_seq int,
    decision_id    bigint REFERENCES decisions (id),
    campaign_id    bigint REFERENCES campaigns (id),
    -- Who may see it: the org path of the nomination's unit (or the issuer, the campaign's org).
    org_path       bigint[] NOT NULL,
    actor          text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    payload        jsonb NOT NULL
);
CREATE INDEX events_order_idx ON events (txid, id);
CREATE INDEX events_nomination_idx ON events (nomination_id, id) WHERE nomination_id IS NOT NULL;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

CREATE FUNCTION award_event_from_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n record;
BEGIN
    SELECT m.kind_code, m.year, u.code AS unit, u.path, e.id AS nominee_id, e.name AS nominee, e.type AS nominee_type,
           o.code AS org, d.number, d.decided_on
    INTO n
    FROM nominations m JOIN orgs u ON u.id = m.unit_id JOIN nominees e ON e.id = m.nominee_id JOIN orgs o ON o.id = NEW.org_id
    LEFT JOIN decisions d ON d.id = NEW.decision_id
    WHERE m.id = NEW.nomination_id;
    INSERT INTO events (type, nomination_id, nomination_seq, decision_id, org_path, actor, at, payload)
    VALUES ('nomination.' || CASE
                WHEN NEW.command = 'approve' AND NEW.to_state = 'awarded' THEN 'awarded'
                WHEN NEW.command = 'create' AND NEW.to_state = 'draft' THEN 'drafted'
                WHEN NEW.command IN ('create', 'submit') THEN 'submitted'
                WHEN NEW.command = 'approve' THEN 'approved'
                WHEN NEW.command = 'return' THEN 'returned'
                WHEN NEW.command = 'resubmit' THEN 'resubmitted'
                WHEN NEW.command = 'reject' THEN 'rejected'
                WHEN NEW.command = 'withdraw' THEN 'withdrawn'
                WHEN NEW.command = 'revoke' THEN 'revoked'
                ELSE regexp_replace(NEW.command, '[^a-z_]', '_', 'g') END,
            NEW.nomination_id, NEW.seq, NEW.decision_id, n.path, NEW.actor, NEW.at,
            jsonb_build_object(
                'nomination_id', NEW.nomination_id, 'seq', NEW.seq, 'command', NEW.command, 'from_state', NEW.from_state,
                'to_state', NEW.to_state, 'tier', NEW.tier, 'org', n.org, 'kind', n.kind_code, 'unit', n.unit, 'year', n.year,
                'nominee', jsonb_build_object('id', n.nominee_id, 'name', n.nominee, 'type', n.nominee_type),
                'reason', NEW.reason,
                'decision', CASE WHEN n.number IS NULL THEN NULL ELSE jsonb_build_object('number', n.number, 'date', n.decided_on) END));
    RETURN NULL;
END $$;
CREATE TRIGGER transitions_event AFTER INSERT ON transitions
    FOR EACH ROW EXECUTE FUNCTION award_event_from_transition();

CREATE FUNCTION award_event_from_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (type, decision_id, org_path, actor, payload)
    SELECT CASE NEW.purpose WHEN 'award' THEN 'decision.issued' ELSE 'decision.revocation' END, NEW.id, o.path, NEW.created_by,
           jsonb_build_object('decision_id', NEW.id, 'number', NEW.number, 'date', NEW.decided_on, 'issuer', o.code,
                              'kind', NEW.kind_code, 'purpose', NEW.purpose)
    FROM orgs o WHERE o.id = NEW.issuer_org_id;
    RETURN NULL;
END $$;
CREATE TRIGGER decisions_event AFTER INSERT ON decisions
    FOR EACH ROW EXECUTE FUNCTION award_event_from_decision();

-- Documents, objections and deadline warnings: events about a nomination, seen along its unit's path.
CREATE FUNCTION award_event_about_nomination() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    body jsonb := to_jsonb(NEW) - 'content' - 'sha256';
BEGIN
    INSERT INTO events (type, nomination_id, org_path, actor, payload)
    SELECT TG_ARGV[0], NEW.nomination_id, u.path, coalesce(body ->> 'uploaded_by', body ->> 'recorded_by', 'system'),
           body || jsonb_build_object('nomination_id', NEW.nomination_id)
    FROM nominations m JOIN orgs u ON u.id = m.unit_id WHERE m.id = NEW.nomination_id;
    RETURN NULL;
END $$;
CREATE TRIGGER documents_event AFTER INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION award_event_about_nomination('document.added');
CREATE TRIGGER objections_event AFTER INSERT ON objections
    FOR EACH ROW EXECUTE FUNCTION award_event_about_nomination('objection.added');
CREATE TRIGGER notifications_event AFTER INSERT ON notifications
    FOR EACH ROW EXECUTE FUNCTION award_event_about_nomination('deadline.warning');

CREATE FUNCTION award_event_from_campaign_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (type, campaign_id, org_path, actor, payload)
    SELECT 'campaign.' || NEW.to_state, k.id, o.path, NEW.actor,
           jsonb_build_object('campaign', k.code, 'name', k.name, 'org', o.code, 'from_state', NEW.from_state, 'to_state', NEW.to_state,
                              'reason', NEW.reason)
    FROM campaigns k JOIN orgs o ON o.id = k.org_id WHERE k.id = NEW.campaign_id;
    RETURN NULL;
END $$;
CREATE TRIGGER campaign_history_event AFTER INSERT ON campaign_history
    FOR EACH ROW EXECUTE FUNCTION award_event_from_campaign_step();

CREATE FUNCTION award_event_from_registration_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (type, campaign_id, org_path, actor, payload)
    SELECT 'registration.' || NEW.to_state, k.id, o.path, NEW.actor,
           jsonb_build_object('registration_id', r.id, 'campaign', k.code, 'org', o.code, 'year', r.year, 'from_state', NEW.from_state,
                              'to_state', NEW.to_state, 'reason', NEW.reason)
    FROM registrations r JOIN campaigns k ON k.id = r.campaign_id JOIN orgs o ON o.id = r.org_id WHERE r.id = NEW.registration_id;
    RETURN NULL;
END $$;
CREATE TRIGGER registration_history_event AFTER INSERT ON registration_history
    FOR EACH ROW EXECUTE FUNCTION award_event_from_registration_step();

-- Webhooks: a subscription sees the events of its org's subtree (all, for none) of the types it
-- names; each event it should see becomes a delivery row in the event's own transaction.
CREATE TABLE webhook_subscriptions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url             text NOT NULL CHECK (url ~ '^https?://[^[:space:]]+$' AND length(url) <= 2000),
    events          text[] NOT NULL CHECK (cardinality(events) >= 1),
    org_id          bigint REFERENCES orgs (id),
    -- The signing secret (it must be kept to sign); shown once when created or rotated. The
    -- previous one stays valid for a day after a rotation: deliveries carry both signatures.
    secret          text NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$'),
    previous_secret text CHECK (previous_secret ~ '^[0-9a-f]{64}$'),
    rotated_at      timestamptz,
    active          boolean NOT NULL DEFAULT true,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES webhook_subscriptions (id),
    event_id        bigint NOT NULL REFERENCES events (id),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- A worker's claim: another worker takes the row only once the claim has expired.
    claimed_until   timestamptz,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, status, id);

-- E-mail: per user an address and immediate mail (what arrives at the user's org) or a daily digest,
-- queued here in the event's own transaction (or by the digest run), sent by awardd's mailer; a relay
-- that is down leaves them queued.
ALTER TABLE users
    ADD COLUMN email text CHECK (email ~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$' AND length(email) <= 254),
    ADD COLUMN email_mode text NOT NULL DEFAULT 'none' CHECK (email_mode IN ('none', 'immediate', 'daily'));
CREATE TABLE email_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES users (id),
    event_id        bigint REFERENCES events (id),
    digest_on       date,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until   timestamptz,
    last_error      text,
    sent_at         timestamptz,
    CHECK ((event_id IS NULL) <> (digest_on IS NULL)),
    UNIQUE (user_id, event_id),
    UNIQUE (user_id, digest_on)
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE status = 'pending';

CREATE FUNCTION award_event_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Immediate mail to the officers of the org a dossier now waits at.
    IF NEW.nomination_id IS NOT NULL AND NEW.type IN ('nomination.submitted', 'nomination.approved', 'nomination.returned',
                                                      'nomination.resubmitted', 'deadline.warning') THEN
        INSERT INTO email_outbox (user_id, event_id)
        SELECT u.id, NEW.id FROM nominations m JOIN users u ON u.org_id = m.current_org_id
        WHERE m.id = NEW.nomination_id AND u.email_mode = 'immediate' AND u.email IS NOT NULL AND u.revoked_at IS NULL
        ON CONFLICT DO NOTHING;
    END IF;
    INSERT INTO webhook_deliveries (subscription_id, event_id)
    SELECT s.id, NEW.id FROM webhook_subscriptions s
    WHERE s.active AND (NEW.type = ANY (s.events) OR '*' = ANY (s.events))
      AND (s.org_id IS NULL OR NEW.org_path @> ARRAY[s.org_id]);
    -- One wake-up per transaction: identical notifications of a transaction are folded into one.
    PERFORM pg_notify('award_events', '');
    RETURN NULL;
END $$;
CREATE TRIGGER events_fan_out AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION award_event_fan_out();

-- Timers wake the timer service when they are set.
CREATE FUNCTION award_timer_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('award_timers', '');
    RETURN NULL;
END $$;
CREATE TRIGGER timers_wake AFTER INSERT ON timers
    FOR EACH STATEMENT EXECUTE FUNCTION award_timer_wake();

-- migration: 12 lean-transitions
-- A transition's work in the database, cut down without weakening any guarantee (issue 18):
--
-- Wake-ups after commit. A NOTIFY inside a transaction takes a database-wide lock that it holds
-- through its commit's WAL flush, so every notifying commit waited for the one before it (no group
-- commit). Triggers now only mark the session (award.wake_events / award.wake_timers, rolled back
-- with the transaction); the engine sends `SELECT award_wake()` after COMMIT in the same round
-- trip, which notifies once for what committed. A writer that never calls it (psql) wakes nobody:
-- the workers' polling finds its events as before.
CREATE FUNCTION award_wake() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('award.wake_events', true) = 'on' THEN
        PERFORM pg_notify('award_events', ''), set_config('award.wake_events', '', false);
    END IF;
    IF current_setting('award.wake_timers', true) = 'on' THEN
        PERFORM pg_notify('award_timers', ''), set_config('award.wake_timers', '', false);
    END IF;
END $$;

-- The timer service needs waking only for a timer that is already due: one due later is found by
-- its next poll long before its day (a deadline set by a transition is weeks away). A day of
-- margin: the engine's today is Vietnam's (UTC+7), the server's may be UTC.
CREATE OR REPLACE FUNCTION award_timer_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('award.wake_timers', 'on', false);
    RETURN NULL;
END $$;
DROP TRIGGER timers_wake ON timers;
CREATE TRIGGER timers_wake AFTER INSERT OR UPDATE OF due_on ON timers
    FOR EACH ROW WHEN (NEW.fired_at IS NULL AND NEW.due_on <= current_date + 1) EXECUTE FUNCTION award_timer_wake();

-- A transition's event is a pointer to its history row: type, nomination, seq and the unit's path
-- (for jurisdiction), written with its deliveries in one statement. Its payload is rendered from
-- the history row when read (award_event_data); every column it reads is immutable, so the
-- rendering is the same whenever it happens. Events written before this migration keep theirs.
ALTER TABLE events ALTER COLUMN payload DROP NOT NULL,
    ADD CONSTRAINT events_payload_or_history CHECK (payload IS NOT NULL OR nomination_seq IS NOT NULL);

CREATE FUNCTION award_event_type(command text, to_state text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'nomination.' || CASE
        WHEN command = 'approve' AND to_state = 'awarded' THEN 'awarded'
        WHEN command = 'create' AND to_state = 'draft' THEN 'drafted'
        WHEN command IN ('create', 'submit') THEN 'submitted'
        WHEN command = 'approve' THEN 'approved'
        WHEN command = 'return' THEN 'returned'
        WHEN command = 'resubmit' THEN 'resubmitted'
        WHEN command = 'reject' THEN 'rejected'
        WHEN command = 'withdraw' THEN 'withdrawn'
        WHEN command = 'revoke' THEN 'revoked'
        ELSE regexp_replace(command, '[^a-z_]', '_', 'g') END
$$;

CREATE FUNCTION award_event_data(e events) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(e.payload, (
        SELECT jsonb_build_object(
                   'nomination_id', t.nomination_id, 'seq', t.seq, 'command', t.command, 'from_state', t.from_state,
                   'to_state', t.to_state, 'tier', t.tier, 'org', o.code, 'kind', m.kind_code, 'unit', u.code, 'year', m.year,
                   'nominee', jsonb_build_object('id', x.id, 'name', x.name, 'type', x.type),
                   'reason', t.reason,
                   'decision', CASE WHEN d.number IS NULL THEN NULL ELSE jsonb_build_object('number', d.number, 'date', d.decided_on) END)
        FROM transitions t JOIN nominations m ON m.id = t.nomination_id JOIN orgs u ON u.id = m.unit_id
        JOIN nominees x ON x.id = m.nominee_id JOIN orgs o ON o.id = t.org_id LEFT JOIN decisions d ON d.id = t.decision_id
        WHERE t.nomination_id = e.nomination_id AND t.seq = e.nomination_seq))
$$;

-- What an event fans out to, for every kind of event: immediate mail to the officers of the org
-- the dossier now waits at, a delivery per matching webhook subscription, and the wake-up mark.
CREATE FUNCTION award_fan_out(e events) RETURNS void LANGUAGE sql AS $$
    INSERT INTO email_outbox (user_id, event_id)
    SELECT u.id, e.id FROM nominations m JOIN users u ON u.org_id = m.current_org_id
    WHERE m.id = e.nomination_id
      AND e.type IN ('nomination.submitted', 'nomination.approved', 'nomination.returned', 'nomination.resubmitted', 'deadline.warning')
      AND u.email_mode = 'immediate' AND u.email IS NOT NULL AND u.revoked_at IS NULL
    ON CONFLICT DO NOTHING;
    INSERT INTO webhook_deliveries (subscription_id, event_id)
    SELECT s.id, e.id FROM webhook_subscriptions s
    WHERE s.active AND (e.type = ANY (s.events) OR '*' = ANY (s.events)) AND (s.org_id IS NULL OR e.org_path @> ARRAY[s.org_id]);
    SELECT set_config('award.wake_events', 'on', false);
$$;

-- The history row's chain link and its event in one BEFORE trigger (one call instead of a BEFORE
-- and an AFTER trigger). The event is written before its row: a row that then fails rolls the
-- statement back with its event. The trigger runs after the statement's UPDATE of the
-- nomination, so current_org_id is already where the dossier now waits.
CREATE OR REPLACE FUNCTION award_transitions_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ev events;
BEGIN
    IF NEW.seq = 1 THEN
        NEW.prev_hash := repeat('0', 64);
    ELSE
        SELECT hash INTO NEW.prev_hash FROM transitions WHERE nomination_id = NEW.nomination_id AND seq = NEW.seq - 1;
        IF NEW.prev_hash IS NULL THEN
            RAISE EXCEPTION 'history of nomination % has no row %', NEW.nomination_id, NEW.seq - 1
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transitions_chain';
        END IF;
    END IF;
    NEW.hash := award_chain_hash(NEW.prev_hash, NEW);
    INSERT INTO events (type, nomination_id, nomination_seq, decision_id, org_path, actor, at)
    SELECT award_event_type(NEW.command, NEW.to_state), NEW.nomination_id, NEW.seq, NEW.decision_id,
           (SELECT u.path FROM orgs u WHERE u.id = m.unit_id), NEW.actor, NEW.at
    FROM nominations m WHERE m.id = NEW.nomination_id
    RETURNING * INTO ev;
    PERFORM award_fan_out(ev);
    RETURN NEW;
END $$;
DROP TRIGGER transitions_event ON transitions;
DROP FUNCTION award_event_from_transition();

-- Other events fan out through their own trigger, as before; a transition's did so above.
CREATE OR REPLACE FUNCTION award_event_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM award_fan_out(NEW);
    RETURN NULL;
END $$;
DROP TRIGGER events_fan_out ON events;
CREATE TRIGGER events_fan_out AFTER INSERT ON events
    FOR EACH ROW WHEN (NEW.nomination_seq IS NULL) EXECUTE FUNCTION award_event_fan_out();

-- One pending timer per nomination and kind: a transition that sets the next deadline moves the
-- pending one (INSERT … ON CONFLICT DO UPDATE) instead of adding a row beside it. Pending
-- duplicates from before are closed as superseded (they would have fired as stale).
UPDATE timers t SET fired_at = now(), outcome = 'superseded'
WHERE t.fired_at IS NULL
  AND EXISTS (SELECT 1 FROM timers x WHERE x.nomination_id = t.nomination_id AND x.kind = t.kind AND x.fired_at IS NULL AND x.id > t.id);
CREATE UNIQUE INDEX timers_pending_key ON timers (nomination_id, kind) WHERE fired_at IS NULL;

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


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

-- The schema a fresh database migrates to (pg_dump --schema-only --no-owner --no-privileges,
-- without comments and settings). Written by scripts/schema-snapshot; SchemaCompatibilityTests
-- compares it with a freshly migrated database.

CREATE COLLATION public.vi (provider = icu, locale = 'vi-VN');

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';

CREATE FUNCTION public.award_auth_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('award_auth', '');
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_calendar_touched() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE calendar_stamp SET stamp = stamp + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_campaign_covers(campaign bigint, org bigint) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION public.award_campaign_duration(starts date, ends date) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE WHEN ends < starts + interval '1 year' THEN 'under_1_year'
                WHEN ends < starts + interval '3 years' THEN '1_to_3_years'
                WHEN ends < starts + interval '5 years' THEN '3_to_5_years'
                ELSE 'over_5_years' END
$$;

CREATE FUNCTION public.award_campaign_quota_count() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE TABLE public.transitions (
    nomination_id bigint NOT NULL,
    seq integer NOT NULL,
    command text NOT NULL,
    from_state text,
    to_state text NOT NULL,
    tier integer NOT NULL,
    org_id bigint NOT NULL,
    actor text NOT NULL,
    reason text,
    comment text,
    decision_id bigint,
    at timestamp with time zone NOT NULL,
    vote_members integer,
    vote_present integer,
    vote_in_favour integer,
    vote_secret boolean,
    override_reason text,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    delegation_id bigint,
    on_behalf_of text,
    step text,
    assignee text,
    CONSTRAINT transitions_actor_check CHECK (((btrim(actor) <> ''::text) AND (length(actor) <= 200))),
    CONSTRAINT transitions_assignee_check CHECK (((assignee IS NULL) OR (btrim(assignee) <> ''::text))),
    CONSTRAINT transitions_check CHECK (((seq = 1) = (from_state IS NULL))),
    CONSTRAINT transitions_check1 CHECK (((on_behalf_of IS NULL) = (delegation_id IS NULL))),
    CONSTRAINT transitions_command_check CHECK ((command = ANY (ARRAY['create'::text, 'submit'::text, 'approve'::text, 'return'::text, 'resubmit'::text, 'reject'::text, 'withdraw'::text, 'revoke'::text, 'notice_end'::text, 'amend'::text, 'reroute'::text, 'step'::text, 'step_back'::text, 'assign'::text, 'repin'::text]))),
    CONSTRAINT transitions_comment_check CHECK (((comment IS NFC NORMALIZED) AND (length(comment) <= 4000))),
    CONSTRAINT transitions_from_state_check CHECK ((from_state = ANY (ARRAY['draft'::text, 'pending'::text, 'public_notice'::text, 'returned'::text, 'awarded'::text, 'rejected'::text, 'withdrawn'::text, 'revoked'::text]))),
    CONSTRAINT transitions_override_reason_check CHECK (((override_reason IS NFC NORMALIZED) AND (length(override_reason) <= 4000))),
    CONSTRAINT transitions_reason_check CHECK (((reason IS NFC NORMALIZED) AND (length(reason) <= 4000))),
    CONSTRAINT transitions_seq_check CHECK ((seq >= 1)),
    CONSTRAINT transitions_step_check CHECK (((step IS NULL) OR (step ~ '^[a-z][a-z0-9_-]{0,39}$'::text))),
    CONSTRAINT transitions_tier_check CHECK ((tier >= 1)),
    CONSTRAINT transitions_to_state_check CHECK ((to_state = ANY (ARRAY['draft'::text, 'pending'::text, 'public_notice'::text, 'returned'::text, 'awarded'::text, 'rejected'::text, 'withdrawn'::text, 'revoked'::text]))),
    CONSTRAINT transitions_vote_complete CHECK ((((vote_members IS NULL) = (vote_present IS NULL)) AND ((vote_present IS NULL) = (vote_in_favour IS NULL)) AND ((vote_present IS NULL) OR ((vote_present <= vote_members) AND (vote_in_favour <= vote_present))))),
    CONSTRAINT transitions_vote_in_favour_check CHECK ((vote_in_favour >= 0)),
    CONSTRAINT transitions_vote_members_check CHECK ((vote_members > 0)),
    CONSTRAINT transitions_vote_present_check CHECK ((vote_present >= 0))
);

CREATE FUNCTION public.award_chain_hash(prev text, t public.transitions) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT encode(sha256(convert_to(prev || E'\n' || award_transition_content(t), 'UTF8')), 'hex')
$$;

CREATE FUNCTION public.award_cluster_flag_count() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.proposed THEN
        INSERT INTO cluster_flag_use (cluster_id, year, used, max_count)
        SELECT NEW.cluster_id, NEW.year, 1, flag_quota FROM clusters WHERE id = NEW.cluster_id
        ON CONFLICT (cluster_id, year) DO UPDATE SET used = cluster_flag_use.used + 1;
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION public.award_conflict(nomination bigint) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'nomination % was changed by someone else meanwhile; read it again and retry', nomination
        USING ERRCODE = 'serialization_failure';
END $$;

CREATE FUNCTION public.award_enter_step() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state = OLD.state AND NEW.tier = OLD.tier AND NEW.current_org_id = OLD.current_org_id THEN
        RETURN NEW;
    END IF;
    NEW.step := NULL;
    NEW.assignee_id := NULL;
    IF NEW.state = 'pending' THEN
        SELECT p.document->'steps'->o.level->0->>'code' INTO NEW.step
        FROM orgs o JOIN rule_packs p ON p.id = NEW.pack_id
        WHERE o.id = NEW.current_org_id AND o.works_in_steps;
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION public.award_event_about_nomination() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    body jsonb := to_jsonb(NEW) - 'content' - 'sha256';
BEGIN
    INSERT INTO events (type, nomination_id, org_path, actor, payload)
    SELECT TG_ARGV[0], NEW.nomination_id, u.path, coalesce(body ->> 'uploaded_by', body ->> 'recorded_by', 'system'),
           body || jsonb_build_object('nomination_id', NEW.nomination_id)
    FROM nominations m JOIN orgs u ON u.id = m.unit_id WHERE m.id = NEW.nomination_id;
    RETURN NULL;
END $$;

CREATE TABLE public.events (
    id bigint NOT NULL,
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    type text NOT NULL,
    nomination_id bigint,
    nomination_seq integer,
    decision_id bigint,
    campaign_id bigint,
    org_path bigint[] NOT NULL,
    actor text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb,
    CONSTRAINT events_payload_or_history CHECK (((payload IS NOT NULL) OR (nomination_seq IS NOT NULL))),
    CONSTRAINT events_type_check CHECK ((type ~ '^[a-z]+\.[a-z_]+$'::text))
);

CREATE FUNCTION public.award_event_data(e public.events) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
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

CREATE FUNCTION public.award_event_fan_out() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM award_fan_out(NEW);
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_event_from_campaign_step() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO events (type, campaign_id, org_path, actor, payload)
    SELECT 'campaign.' || NEW.to_state, k.id, o.path, NEW.actor,
           jsonb_build_object('campaign', k.code, 'name', k.name, 'org', o.code, 'from_state', NEW.from_state, 'to_state', NEW.to_state,
                              'reason', NEW.reason)
    FROM campaigns k JOIN orgs o ON o.id = k.org_id WHERE k.id = NEW.campaign_id;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_event_from_decision() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.signing AND NEW.purpose = 'award' THEN
        RETURN NULL;
    END IF;
    INSERT INTO events (type, decision_id, org_path, actor, payload)
    SELECT CASE NEW.purpose WHEN 'award' THEN 'decision.issued' ELSE 'decision.revocation' END, NEW.id, o.path, NEW.created_by,
           jsonb_build_object('decision_id', NEW.id, 'number', NEW.number, 'date', NEW.decided_on, 'issuer', o.code,
                              'kind', NEW.kind_code, 'purpose', NEW.purpose)
    FROM orgs o WHERE o.id = NEW.issuer_org_id;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_event_from_registration_step() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO events (type, campaign_id, org_path, actor, payload)
    SELECT 'registration.' || NEW.to_state, k.id, o.path, NEW.actor,
           jsonb_build_object('registration_id', r.id, 'campaign', k.code, 'org', o.code, 'year', r.year, 'from_state', NEW.from_state,
                              'to_state', NEW.to_state, 'reason', NEW.reason)
    FROM registrations r JOIN campaigns k ON k.id = r.campaign_id JOIN orgs o ON o.id = r.org_id WHERE r.id = NEW.registration_id;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_event_from_sealed_decision() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO events (type, decision_id, org_path, actor, payload)
    SELECT 'decision.issued', d.id, o.path, NEW.recorded_by,
           jsonb_build_object('decision_id', d.id, 'number', d.number, 'date', d.decided_on, 'issuer', o.code,
                              'kind', d.kind_code, 'purpose', d.purpose, 'sha256', NEW.sha256)
    FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE d.id = NEW.decision_id AND d.purpose = 'award';
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_event_type(command text, to_state text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
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
        WHEN command = 'amend' THEN 'amended'
        WHEN command = 'reroute' THEN 'rerouted'
        WHEN command = 'step' THEN 'step_completed'
        WHEN command = 'step_back' THEN 'step_returned'
        WHEN command = 'assign' THEN 'assigned'
        WHEN command = 'repin' THEN 'repinned'
        ELSE regexp_replace(command, '[^a-z_]', '_', 'g') END
$$;

CREATE FUNCTION public.award_fan_out(e public.events) RETURNS void
    LANGUAGE sql
    AS $$
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

CREATE FUNCTION public.award_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $_$
            SELECT lower(public.unaccent('public.unaccent'::regdictionary, normalize($1, NFC)))
        $_$;

CREATE FUNCTION public.award_fund_check() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    income bigint;
    spent bigint;
    units bigint[];
BEGIN
    IF NEW.purpose <> 'award' THEN RETURN NULL; END IF;
    units := award_org_with_predecessors(NEW.issuer_org_id);
    SELECT sum(amount_vnd) INTO income FROM fund_income WHERE org_id = ANY(units) AND year = NEW.year;
    IF income IS NULL THEN RETURN NULL; END IF;
    SELECT coalesce(sum(n.bonus_vnd), 0) INTO spent
    FROM decisions d JOIN nominations n ON n.decision_id = d.id
    WHERE d.issuer_org_id = ANY(units) AND d.year = NEW.year AND d.purpose = 'award' AND n.state = 'awarded';
    IF spent > income THEN
        INSERT INTO fund_warnings (decision_id, org_id, year, income_vnd, spent_vnd)
        VALUES (NEW.id, NEW.issuer_org_id, NEW.year, income, spent) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_grant_app(app name) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
DECLARE
    history regclass;
    s text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE NOTICE 'role % does not exist: no rights granted (create it, then run awardctl db migrate again)', app;
        RETURN false;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA %I FROM %I', s, app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, app);
    FOR history IN
        SELECT DISTINCT g.tgrelid::regclass FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = s AND g.tgname LIKE '%\_append\_only' AND NOT g.tgisinternal
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', history, app);
    END LOOP;
    -- The migrations' own record: read only (awardd checks the version it runs on).
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON award_schema_migrations FROM %I', app);
    RETURN true;
END $$;

CREATE FUNCTION public.award_level_rank(level text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
    SELECT CASE level
        WHEN 'central' THEN 0 WHEN 'ministry' THEN 1 WHEN 'province' THEN 1
        WHEN 'district' THEN 2 WHEN 'commune' THEN 3 WHEN 'unit' THEN 4 END
$$;

CREATE FUNCTION public.award_new_verify_code(kind text) RETURNS text
    LANGUAGE sql PARALLEL SAFE
    AS $$
    SELECT kind || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 11))
$$;

CREATE FUNCTION public.award_nominee_home_guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.home_org_id IS DISTINCT FROM OLD.home_org_id AND NOT EXISTS (
        SELECT 1 FROM nominee_transfers t
        WHERE t.nominee_id = NEW.id AND t.to_org_id = NEW.home_org_id AND t.from_org_id IS NOT DISTINCT FROM OLD.home_org_id
          AND t.tx = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'nominee % moves to another unit only through a recorded transfer', NEW.id
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'nominee_home_by_transfer';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION public.award_org_with_predecessors(org bigint) RETURNS bigint[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$
    WITH RECURSIVE up (id) AS (
        SELECT org
        UNION
        SELECT l.predecessor_id FROM org_lineage l JOIN up ON l.successor_id = up.id
        WHERE l.relation <> 'covers'
          AND NOT ((l.partly OR l.relation = 'split') AND EXISTS (SELECT 1 FROM org_lineage o WHERE o.predecessor_id = l.predecessor_id
                                          AND o.successor_id <> l.successor_id AND o.relation <> 'covers')))
    SELECT array_agg(id ORDER BY id) FROM up
$$;

CREATE FUNCTION public.award_orgs_set_path() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.award_orgs_touched() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE org_stamp SET stamp = stamp + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'history cannot be edited; record a new transition instead';
END $$;

CREATE FUNCTION public.award_report_body(path bigint[], roots bigint[]) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN roots IS NULL THEN path[least(2, cardinality(path))]
                ELSE (SELECT coalesce(path[p + 1], path[p]) FROM generate_subscripts(path, 1) AS p
                      WHERE path[p] = ANY (roots) ORDER BY p LIMIT 1) END
$$;

CREATE FUNCTION public.award_report_roots(org bigint, with_predecessors boolean) RETURNS bigint[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN org IS NULL THEN NULL
                WHEN with_predecessors THEN award_org_with_predecessors(org)
                ELSE ARRAY[org] END
$$;

CREATE FUNCTION public.award_reports_track() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.award_timer_wake() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM set_config('award.wake_timers', 'on', false);
    RETURN NULL;
END $$;

CREATE FUNCTION public.award_transition_content(t public.transitions) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT concat_ws(E'\n', t.nomination_id, t.seq, quote_nullable(t.command), quote_nullable(t.from_state), quote_nullable(t.to_state),
                     t.tier, t.org_id, quote_nullable(t.actor), quote_nullable(t.reason), quote_nullable(t.comment),
                     quote_nullable(t.decision_id), quote_nullable(t.vote_members), quote_nullable(t.vote_present),
                     quote_nullable(t.vote_in_favour), quote_nullable(t.vote_secret), quote_nullable(t.override_reason),
                     to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                     'delegation ' || t.delegation_id || ' for ' || quote_literal(t.on_behalf_of),
                     'step ' || quote_literal(t.step), 'assignee ' || quote_literal(t.assignee))
$$;

CREATE FUNCTION public.award_transitions_chain() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.award_wake() RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF current_setting('award.wake_events', true) = 'on' THEN
        PERFORM pg_notify('award_events', ''), set_config('award.wake_events', '', false);
    END IF;
    IF current_setting('award.wake_timers', true) = 'on' THEN
        PERFORM pg_notify('award_timers', ''), set_config('award.wake_timers', '', false);
    END IF;
END $$;

CREATE TABLE public.award_counts (
    issuer_org_id bigint NOT NULL,
    year integer NOT NULL,
    kind_code text NOT NULL,
    nominee_type text NOT NULL,
    unit_id bigint NOT NULL,
    n integer NOT NULL,
    CONSTRAINT award_counts_n_check CHECK ((n >= 0))
);

CREATE TABLE public.award_kinds (
    code text NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    category text NOT NULL,
    nominee_types text[] NOT NULL,
    CONSTRAINT award_kinds_category_check CHECK ((category = ANY (ARRAY['commendation'::text, 'title'::text]))),
    CONSTRAINT award_kinds_code_check CHECK ((code ~ '^[a-z0-9][a-z0-9-]{0,63}$'::text)),
    CONSTRAINT award_kinds_name_en_check CHECK ((btrim(name_en) <> ''::text)),
    CONSTRAINT award_kinds_name_vi_check CHECK (((name_vi IS NFC NORMALIZED) AND (btrim(name_vi) <> ''::text))),
    CONSTRAINT award_kinds_nominee_types_check CHECK (((cardinality(nominee_types) > 0) AND (nominee_types <@ ARRAY['individual'::text, 'collective'::text, 'household'::text])))
);

CREATE TABLE public.award_schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    checksum text,
    oldest_engine text
);

CREATE TABLE public.awardd_listeners (
    address inet NOT NULL,
    port integer NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT awardd_listeners_port_check CHECK (((port >= 0) AND (port <= 65535)))
);

CREATE TABLE public.awardees (
    nomination_id bigint NOT NULL,
    year integer NOT NULL,
    decided_on date NOT NULL,
    decision_id bigint NOT NULL,
    issuer_org_id bigint NOT NULL,
    kind_code text NOT NULL,
    nominee_id bigint NOT NULL,
    nominee_type text NOT NULL,
    nominee_name text NOT NULL COLLATE public.vi,
    unit_id bigint NOT NULL,
    unit_path bigint[] NOT NULL
);

CREATE TABLE public.base_salaries (
    valid_from date NOT NULL,
    amount_vnd bigint NOT NULL,
    CONSTRAINT base_salaries_amount_vnd_check CHECK ((amount_vnd > 0))
);

CREATE TABLE public.calendar_days (
    day date NOT NULL,
    working boolean NOT NULL,
    name text,
    CONSTRAINT calendar_days_name_check CHECK (((name IS NFC NORMALIZED) AND (length(name) <= 200)))
);

CREATE TABLE public.calendar_stamp (
    one boolean DEFAULT true NOT NULL,
    stamp bigint NOT NULL,
    CONSTRAINT calendar_stamp_one_check CHECK (one)
);

CREATE TABLE public.campaign_awards (
    campaign_id bigint NOT NULL,
    kind_code text NOT NULL,
    per_unit_quota integer,
    amount_vnd bigint,
    CONSTRAINT campaign_awards_amount_vnd_check CHECK ((amount_vnd >= 0)),
    CONSTRAINT campaign_awards_per_unit_quota_check CHECK ((per_unit_quota >= 0))
);

CREATE TABLE public.campaign_criteria (
    id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    kind_code text NOT NULL,
    text text NOT NULL,
    mandatory boolean DEFAULT true NOT NULL,
    source text,
    CONSTRAINT campaign_criteria_source_check CHECK (((source IS NFC NORMALIZED) AND (length(source) <= 500))),
    CONSTRAINT campaign_criteria_text_check CHECK (((text IS NFC NORMALIZED) AND (btrim(text) <> ''::text) AND (length(text) <= 2000)))
);

ALTER TABLE public.campaign_criteria ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.campaign_criteria_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.campaign_documents (
    id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    title text NOT NULL,
    number text,
    issued_on date,
    CONSTRAINT campaign_documents_number_check CHECK (((number IS NFC NORMALIZED) AND (length(number) <= 100))),
    CONSTRAINT campaign_documents_title_check CHECK (((title IS NFC NORMALIZED) AND (btrim(title) <> ''::text) AND (length(title) <= 500)))
);

ALTER TABLE public.campaign_documents ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.campaign_documents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.campaign_history (
    campaign_id bigint NOT NULL,
    seq integer NOT NULL,
    from_state text,
    to_state text NOT NULL,
    actor text NOT NULL,
    reason text,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaign_history_check CHECK (((NOT (from_state = 'closed'::text)) OR (reason IS NOT NULL))),
    CONSTRAINT campaign_history_reason_check CHECK (((reason IS NFC NORMALIZED) AND (length(reason) <= 4000))),
    CONSTRAINT campaign_history_seq_check CHECK ((seq >= 1))
);

CREATE TABLE public.campaign_quota_use (
    campaign_id bigint NOT NULL,
    org_id bigint NOT NULL,
    year integer NOT NULL,
    kind_code text NOT NULL,
    used integer NOT NULL,
    max_count integer NOT NULL,
    CONSTRAINT campaign_quota_not_exceeded CHECK ((used <= max_count)),
    CONSTRAINT campaign_quota_use_used_check CHECK ((used >= 0))
);

CREATE TABLE public.campaign_reviews (
    campaign_id bigint NOT NULL,
    year integer NOT NULL,
    nominee_id bigint NOT NULL,
    entry_id bigint NOT NULL,
    org_id bigint NOT NULL,
    result text NOT NULL,
    kind_code text,
    criteria_met boolean NOT NULL,
    vote_members integer,
    vote_present integer,
    vote_in_favour integer,
    note text,
    nomination_id bigint,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaign_reviews_check CHECK (((vote_present >= 0) AND (vote_present <= vote_members))),
    CONSTRAINT campaign_reviews_check1 CHECK (((vote_in_favour >= 0) AND (vote_in_favour <= vote_present))),
    CONSTRAINT campaign_reviews_check2 CHECK (((result = 'not_reached'::text) = (kind_code IS NULL))),
    CONSTRAINT campaign_reviews_check3 CHECK (((nomination_id IS NULL) OR (result <> 'not_reached'::text))),
    CONSTRAINT campaign_reviews_note_check CHECK (((note IS NFC NORMALIZED) AND (length(note) <= 4000))),
    CONSTRAINT campaign_reviews_result_check CHECK ((result = ANY (ARRAY['here'::text, 'higher'::text, 'not_reached'::text]))),
    CONSTRAINT campaign_reviews_vote_members_check CHECK ((vote_members > 0))
);

CREATE TABLE public.campaign_units (
    campaign_id bigint NOT NULL,
    org_id bigint NOT NULL
);

CREATE TABLE public.campaigns (
    id bigint NOT NULL,
    code text NOT NULL,
    org_id bigint NOT NULL,
    name text NOT NULL,
    theme text,
    kind text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    requires_registration boolean DEFAULT true NOT NULL,
    launch_number text,
    launch_date date,
    cluster_id bigint,
    state text DEFAULT 'draft'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaigns_check CHECK (((state = 'draft'::text) OR (launch_date IS NOT NULL))),
    CONSTRAINT campaigns_code_check CHECK ((code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'::text)),
    CONSTRAINT campaigns_kind_check CHECK ((kind = ANY (ARRAY['regular'::text, 'thematic'::text, 'short'::text, 'multi_year'::text]))),
    CONSTRAINT campaigns_launch_number_check CHECK (((launch_number IS NFC NORMALIZED) AND (length(launch_number) <= 100))),
    CONSTRAINT campaigns_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 500))),
    CONSTRAINT campaigns_period CHECK ((ends_on >= starts_on)),
    CONSTRAINT campaigns_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'registration'::text, 'running'::text, 'reviewing'::text, 'closed'::text]))),
    CONSTRAINT campaigns_theme_check CHECK (((theme IS NFC NORMALIZED) AND (length(theme) <= 2000))),
    CONSTRAINT campaigns_version_check CHECK ((version >= 1))
);

ALTER TABLE public.campaigns ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.campaigns_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.certificate_layouts (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    layout jsonb NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT certificate_layouts_layout_check CHECK ((jsonb_typeof(layout) = 'object'::text))
);

ALTER TABLE public.certificate_layouts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.certificate_layouts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.cluster_flag_use (
    cluster_id bigint NOT NULL,
    year integer NOT NULL,
    used integer NOT NULL,
    max_count integer NOT NULL,
    CONSTRAINT cluster_flag_quota_not_exceeded CHECK ((used <= max_count)),
    CONSTRAINT cluster_flag_use_used_check CHECK ((used >= 0))
);

CREATE TABLE public.cluster_heads (
    cluster_id bigint NOT NULL,
    year integer NOT NULL,
    org_id bigint NOT NULL,
    CONSTRAINT cluster_heads_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

CREATE TABLE public.cluster_members (
    cluster_id bigint NOT NULL,
    org_id bigint NOT NULL
);

CREATE TABLE public.cluster_votes (
    cluster_id bigint NOT NULL,
    year integer NOT NULL,
    org_id bigint NOT NULL,
    votes integer NOT NULL,
    voters integer NOT NULL,
    proposed boolean NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cluster_votes_check CHECK (((voters > 0) AND (votes <= voters))),
    CONSTRAINT cluster_votes_check1 CHECK (((NOT proposed) OR ((votes * 2) > voters))),
    CONSTRAINT cluster_votes_votes_check CHECK ((votes >= 0)),
    CONSTRAINT cluster_votes_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

CREATE TABLE public.clusters (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    org_id bigint NOT NULL,
    flag_quota integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT clusters_code_check CHECK ((code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'::text)),
    CONSTRAINT clusters_flag_quota_check CHECK ((flag_quota >= 0)),
    CONSTRAINT clusters_kind_check CHECK ((kind = ANY (ARRAY['cluster'::text, 'bloc'::text]))),
    CONSTRAINT clusters_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 300)))
);

ALTER TABLE public.clusters ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.clusters_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.decision_counters (
    issuer_org_id bigint NOT NULL,
    year integer NOT NULL,
    last_number integer NOT NULL,
    CONSTRAINT decision_counters_last_number_check CHECK ((last_number >= 0))
);

CREATE TABLE public.decision_files (
    decision_id bigint NOT NULL,
    stage text NOT NULL,
    pdf bytea NOT NULL,
    sha256 text NOT NULL,
    signer text,
    method text,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT decision_files_check CHECK (((stage = 'unsigned'::text) = ((signer IS NULL) AND (method IS NULL)))),
    CONSTRAINT decision_files_method_check CHECK ((method = ANY (ARRAY['token'::text, 'upload'::text]))),
    CONSTRAINT decision_files_pdf_check CHECK (((octet_length(pdf) >= 1) AND (octet_length(pdf) <= 20971520))),
    CONSTRAINT decision_files_recorded_by_check CHECK ((btrim(recorded_by) <> ''::text)),
    CONSTRAINT decision_files_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT decision_files_signer_check CHECK (((signer IS NULL) OR (length(signer) <= 300))),
    CONSTRAINT decision_files_stage_check CHECK ((stage = ANY (ARRAY['unsigned'::text, 'signed'::text, 'sealed'::text])))
);

CREATE TABLE public.decisions (
    id bigint NOT NULL,
    issuer_org_id bigint NOT NULL,
    number text NOT NULL,
    decided_on date NOT NULL,
    year integer NOT NULL,
    purpose text NOT NULL,
    kind_code text NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    signer text,
    on_behalf boolean DEFAULT false NOT NULL,
    legal_basis text,
    commendation_type text DEFAULT 'annual'::text NOT NULL,
    achievement_period text,
    revokes_decision_id bigint,
    sequence integer,
    signer_title text,
    signer_prefix text,
    verify_code text DEFAULT public.award_new_verify_code('Q'::text) NOT NULL,
    delegation_id bigint,
    signing boolean DEFAULT false NOT NULL,
    CONSTRAINT decisions_achievement_period_check CHECK (((achievement_period IS NFC NORMALIZED) AND (length(achievement_period) <= 200))),
    CONSTRAINT decisions_check CHECK (((year)::numeric = EXTRACT(year FROM decided_on))),
    CONSTRAINT decisions_commendation_type_check CHECK ((commendation_type = ANY (ARRAY['annual'::text, 'thematic'::text, 'adhoc'::text, 'long_service'::text, 'foreign'::text, 'seniority'::text, 'resistance'::text]))),
    CONSTRAINT decisions_legal_basis_check CHECK (((legal_basis IS NFC NORMALIZED) AND (length(legal_basis) <= 2000))),
    CONSTRAINT decisions_number_check CHECK (((number IS NFC NORMALIZED) AND (btrim(number) <> ''::text) AND (length(number) <= 100))),
    CONSTRAINT decisions_purpose_check CHECK ((purpose = ANY (ARRAY['award'::text, 'revocation'::text]))),
    CONSTRAINT decisions_sequence_check CHECK ((sequence >= 1)),
    CONSTRAINT decisions_signer_check CHECK (((signer IS NFC NORMALIZED) AND (length(signer) <= 200))),
    CONSTRAINT decisions_signer_prefix_check CHECK (((signer_prefix IS NULL) OR (signer_prefix = ANY (ARRAY['KT.'::text, 'TL.'::text, 'TUQ.'::text, 'Q.'::text, 'TM.'::text])))),
    CONSTRAINT decisions_signer_title_check CHECK (((signer_title IS NULL) OR ((signer_title IS NFC NORMALIZED) AND (length(signer_title) <= 200)))),
    CONSTRAINT decisions_verify_code_check CHECK ((verify_code ~ '^Q[0-9A-F]{11}$'::text))
);

ALTER TABLE public.decisions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.decisions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.delegation_revocations (
    delegation_id bigint NOT NULL,
    reason text NOT NULL,
    revoked_by text NOT NULL,
    revoked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT delegation_revocations_reason_check CHECK (((reason IS NFC NORMALIZED) AND (btrim(reason) <> ''::text) AND (length(reason) <= 500))),
    CONSTRAINT delegation_revocations_revoked_by_check CHECK ((btrim(revoked_by) <> ''::text))
);

CREATE TABLE public.delegations (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    delegator_id bigint NOT NULL,
    delegate_id bigint NOT NULL,
    prefix text NOT NULL,
    acts text[] NOT NULL,
    kinds text[] DEFAULT '{}'::text[] NOT NULL,
    valid_from date NOT NULL,
    valid_to date NOT NULL,
    basis text,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT delegations_acts_check CHECK ((((cardinality(acts) >= 1) AND (cardinality(acts) <= 2)) AND (acts <@ ARRAY['approve'::text, 'sign'::text]))),
    CONSTRAINT delegations_basis_check CHECK (((basis IS NFC NORMALIZED) AND (length(basis) <= 500))),
    CONSTRAINT delegations_check CHECK ((delegate_id <> delegator_id)),
    CONSTRAINT delegations_check1 CHECK (((valid_to >= valid_from) AND ((valid_to - valid_from) <= 366))),
    CONSTRAINT delegations_created_by_check CHECK ((btrim(created_by) <> ''::text)),
    CONSTRAINT delegations_kinds_check CHECK ((cardinality(kinds) <= 50)),
    CONSTRAINT delegations_prefix_check CHECK ((prefix = ANY (ARRAY['KT.'::text, 'TM.'::text, 'TL.'::text, 'TUQ.'::text, 'Q.'::text])))
);

ALTER TABLE public.delegations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.delegations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.document_templates (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    kind text NOT NULL,
    format text NOT NULL,
    version integer NOT NULL,
    body bytea NOT NULL,
    sha256 text NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT document_templates_body_check CHECK (((octet_length(body) >= 1) AND (octet_length(body) <= 5242880))),
    CONSTRAINT document_templates_format_check CHECK ((format = ANY (ARRAY['html'::text, 'docx'::text]))),
    CONSTRAINT document_templates_kind_check CHECK ((kind = ANY (ARRAY['decision'::text, 'proposal'::text, 'list'::text, 'certificate'::text]))),
    CONSTRAINT document_templates_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT document_templates_version_check CHECK ((version >= 1))
);

ALTER TABLE public.document_templates ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.document_templates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.document_withdrawals (
    document_id bigint NOT NULL,
    actor text NOT NULL,
    reason text,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT document_withdrawals_actor_check CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT document_withdrawals_reason_check CHECK (((reason IS NULL) OR ((reason IS NFC NORMALIZED) AND (length(reason) <= 1000))))
);

CREATE TABLE public.documents (
    id bigint NOT NULL,
    nomination_id bigint NOT NULL,
    type text NOT NULL,
    name text NOT NULL,
    media_type text NOT NULL,
    size_bytes integer NOT NULL,
    sha256 text NOT NULL,
    content bytea NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT documents_check CHECK ((octet_length(content) = size_bytes)),
    CONSTRAINT documents_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 255))),
    CONSTRAINT documents_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT documents_size_bytes_check CHECK ((size_bytes > 0)),
    CONSTRAINT documents_type_check CHECK ((type = ANY (ARRAY['to-trinh'::text, 'danh-sach'::text, 'bao-cao-thanh-tich'::text, 'bien-ban'::text, 'sang-kien'::text, 'xac-nhan'::text, 'khac'::text])))
);

ALTER TABLE public.documents ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.documents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.email_outbox (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    event_id bigint,
    digest_on date,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    claimed_until timestamp with time zone,
    last_error text,
    sent_at timestamp with time zone,
    CONSTRAINT email_outbox_check CHECK (((event_id IS NULL) <> (digest_on IS NULL))),
    CONSTRAINT email_outbox_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'dead'::text])))
);

ALTER TABLE public.email_outbox ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.email_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.emulation_bodies (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    name text NOT NULL,
    structure text NOT NULL,
    established_on date NOT NULL,
    dissolved_on date,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT emulation_bodies_dates CHECK (((dissolved_on IS NULL) OR (dissolved_on >= established_on))),
    CONSTRAINT emulation_bodies_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 300))),
    CONSTRAINT emulation_bodies_recorded_by_check CHECK ((length(recorded_by) <= 200)),
    CONSTRAINT emulation_bodies_structure_check CHECK ((structure = ANY (ARRAY['ministry_department'::text, 'department_division'::text, 'home_affairs_board'::text, 'home_affairs_division'::text])))
);

ALTER TABLE public.emulation_bodies ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.emulation_bodies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.emulation_staff (
    id bigint NOT NULL,
    body_id bigint NOT NULL,
    full_name text NOT NULL,
    sex text NOT NULL,
    birth_date date NOT NULL,
    education text NOT NULL,
    in_work_since date NOT NULL,
    joined_on date NOT NULL,
    left_on date,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT emulation_staff_birth_date_check CHECK (((birth_date >= '1930-01-01'::date) AND (birth_date <= '2100-12-31'::date))),
    CONSTRAINT emulation_staff_dates CHECK (((in_work_since > birth_date) AND ((left_on IS NULL) OR (left_on >= joined_on)))),
    CONSTRAINT emulation_staff_education_check CHECK ((education = ANY (ARRAY['elementary'::text, 'intermediate'::text, 'college'::text, 'university'::text, 'postgraduate'::text]))),
    CONSTRAINT emulation_staff_full_name_check CHECK (((full_name IS NFC NORMALIZED) AND (btrim(full_name) <> ''::text) AND (length(full_name) <= 200))),
    CONSTRAINT emulation_staff_recorded_by_check CHECK ((length(recorded_by) <= 200)),
    CONSTRAINT emulation_staff_sex_check CHECK ((sex = ANY (ARRAY['male'::text, 'female'::text])))
);

ALTER TABLE public.emulation_staff ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.emulation_staff_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE public.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.form_submissions (
    actor text NOT NULL,
    key text NOT NULL,
    path text NOT NULL,
    location text,
    claimed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT form_submissions_actor_check CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT form_submissions_key_check CHECK ((key ~ '^[0-9a-f]{32}$'::text)),
    CONSTRAINT form_submissions_location_check CHECK (((location IS NULL) OR ((location ~ '^/'::text) AND (length(location) <= 500)))),
    CONSTRAINT form_submissions_path_check CHECK ((length(path) <= 300))
);

CREATE TABLE public.fund_income (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    year integer NOT NULL,
    amount_vnd bigint NOT NULL,
    source text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT fund_income_amount_vnd_check CHECK ((amount_vnd > 0)),
    CONSTRAINT fund_income_source_check CHECK (((source IS NFC NORMALIZED) AND (btrim(source) <> ''::text) AND (length(source) <= 500))),
    CONSTRAINT fund_income_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.fund_income ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.fund_income_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.fund_warnings (
    decision_id bigint NOT NULL,
    org_id bigint NOT NULL,
    year integer NOT NULL,
    income_vnd bigint NOT NULL,
    spent_vnd bigint NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.idempotency_keys (
    scope text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    nomination_id bigint,
    response jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT idempotency_keys_key_check CHECK (((length(key) >= 1) AND (length(key) <= 200)))
);

CREATE TABLE public.import_uploads (
    token text NOT NULL,
    actor text NOT NULL,
    session_hash text NOT NULL,
    file_name text NOT NULL,
    content bytea NOT NULL,
    sha256 text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT import_uploads_actor_check CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT import_uploads_check CHECK ((expires_at > created_at)),
    CONSTRAINT import_uploads_content_check CHECK (((octet_length(content) >= 1) AND (octet_length(content) <= 16777216))),
    CONSTRAINT import_uploads_file_name_check CHECK (((file_name IS NFC NORMALIZED) AND (btrim(file_name) <> ''::text) AND (length(file_name) <= 255))),
    CONSTRAINT import_uploads_session_hash_check CHECK ((session_hash ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT import_uploads_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT import_uploads_token_check CHECK ((token ~ '^[0-9a-f]{32}$'::text))
);

CREATE TABLE public.nominations (
    id bigint NOT NULL,
    kind_code text NOT NULL,
    nominee_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    year integer,
    reason text,
    route bigint[] NOT NULL,
    tier integer NOT NULL,
    state text NOT NULL,
    current_org_id bigint NOT NULL,
    version integer NOT NULL,
    decision_id bigint,
    revocation_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    pack_id bigint,
    submitted_on date,
    commendation_type text DEFAULT 'annual'::text NOT NULL,
    campaign text,
    eligibility jsonb,
    bonus_vnd bigint,
    notice_until date,
    clock_started_on date,
    clock_days_used integer DEFAULT 0 NOT NULL,
    due_on date,
    verify_code text DEFAULT public.award_new_verify_code('K'::text) NOT NULL,
    step text,
    assignee_id bigint,
    CONSTRAINT nominations_assignee_waiting CHECK (((assignee_id IS NULL) OR (state = ANY (ARRAY['pending'::text, 'public_notice'::text])))),
    CONSTRAINT nominations_bonus_vnd_check CHECK ((bonus_vnd >= 0)),
    CONSTRAINT nominations_campaign_check CHECK (((campaign IS NFC NORMALIZED) AND (length(campaign) <= 100))),
    CONSTRAINT nominations_check CHECK (((tier >= 1) AND (tier <= cardinality(route)))),
    CONSTRAINT nominations_check2 CHECK (((decision_id IS NOT NULL) = (state = ANY (ARRAY['awarded'::text, 'revoked'::text])))),
    CONSTRAINT nominations_check3 CHECK (((revocation_id IS NOT NULL) = (state = 'revoked'::text))),
    CONSTRAINT nominations_clock_days_used_check CHECK ((clock_days_used >= 0)),
    CONSTRAINT nominations_commendation_type_check CHECK ((commendation_type = ANY (ARRAY['annual'::text, 'thematic'::text, 'adhoc'::text, 'long_service'::text, 'foreign'::text, 'seniority'::text, 'resistance'::text]))),
    CONSTRAINT nominations_reason_check CHECK (((reason IS NFC NORMALIZED) AND (length(reason) <= 4000))),
    CONSTRAINT nominations_route_check CHECK ((cardinality(route) >= 1)),
    CONSTRAINT nominations_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'pending'::text, 'public_notice'::text, 'returned'::text, 'awarded'::text, 'rejected'::text, 'withdrawn'::text, 'revoked'::text]))),
    CONSTRAINT nominations_step_check CHECK (((step IS NULL) OR (step ~ '^[a-z][a-z0-9_-]{0,39}$'::text))),
    CONSTRAINT nominations_step_pending CHECK (((step IS NULL) OR (state = 'pending'::text))),
    CONSTRAINT nominations_verify_code_check CHECK ((verify_code ~ '^K[0-9A-F]{11}$'::text)),
    CONSTRAINT nominations_version_check CHECK ((version >= 1)),
    CONSTRAINT nominations_waits_at_tier CHECK (((state <> ALL (ARRAY['pending'::text, 'public_notice'::text])) OR (current_org_id = route[tier]))),
    CONSTRAINT nominations_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.nominations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.nominations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.nominee_discipline (
    id bigint NOT NULL,
    nominee_id bigint NOT NULL,
    status text NOT NULL,
    from_date date NOT NULL,
    to_date date,
    note text,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT nominee_discipline_check CHECK (((to_date IS NULL) OR (to_date >= from_date))),
    CONSTRAINT nominee_discipline_check1 CHECK (((status = 'review'::text) OR (to_date IS NOT NULL))),
    CONSTRAINT nominee_discipline_note_check CHECK ((note IS NFC NORMALIZED)),
    CONSTRAINT nominee_discipline_status_check CHECK ((status = ANY (ARRAY['review'::text, 'penalty'::text])))
);

ALTER TABLE public.nominee_discipline ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.nominee_discipline_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.nominee_initiatives (
    id bigint NOT NULL,
    nominee_id bigint NOT NULL,
    year integer NOT NULL,
    scope text NOT NULL,
    title text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT nominee_initiatives_scope_check CHECK ((scope = ANY (ARRAY['unit'::text, 'province'::text, 'national'::text]))),
    CONSTRAINT nominee_initiatives_title_check CHECK (((title IS NFC NORMALIZED) AND (btrim(title) <> ''::text))),
    CONSTRAINT nominee_initiatives_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.nominee_initiatives ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.nominee_initiatives_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.nominee_ratings (
    nominee_id bigint NOT NULL,
    year integer NOT NULL,
    rating text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT nominee_ratings_rating_check CHECK ((rating = ANY (ARRAY['HTXSNV'::text, 'HTTNV'::text, 'HTNV'::text, 'KHTNV'::text]))),
    CONSTRAINT nominee_ratings_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

CREATE TABLE public.nominee_transfers (
    id bigint NOT NULL,
    nominee_id bigint NOT NULL,
    from_org_id bigint,
    to_org_id bigint NOT NULL,
    reason text NOT NULL,
    actor text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    tx xid8 DEFAULT pg_current_xact_id() NOT NULL,
    CONSTRAINT nominee_transfers_actor_check CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT nominee_transfers_check CHECK ((from_org_id IS DISTINCT FROM to_org_id)),
    CONSTRAINT nominee_transfers_reason_check CHECK (((reason IS NFC NORMALIZED) AND (btrim(reason) <> ''::text) AND (length(reason) <= 2000)))
);

ALTER TABLE public.nominee_transfers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.nominee_transfers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.nominees (
    id bigint NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    home_org_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    birth_date date,
    sex text,
    position_class text,
    enterprise boolean,
    cccd_sealed bytea,
    cccd_digest bytea,
    facts_recorded_by text,
    facts_recorded_at timestamp with time zone,
    CONSTRAINT nominees_birth_date_check CHECK (((birth_date >= '1880-01-01'::date) AND (birth_date <= '2200-12-31'::date))),
    CONSTRAINT nominees_cccd_digest_check CHECK ((octet_length(cccd_digest) = 32)),
    CONSTRAINT nominees_cccd_sealed_check CHECK ((octet_length(cccd_sealed) = 40)),
    CONSTRAINT nominees_cccd_sealed_with_digest CHECK (((cccd_sealed IS NULL) = (cccd_digest IS NULL))),
    CONSTRAINT nominees_enterprise_collective CHECK (((type = 'collective'::text) OR (enterprise IS NULL))),
    CONSTRAINT nominees_facts_recorded_by_check CHECK ((length(facts_recorded_by) <= 200)),
    CONSTRAINT nominees_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 300))),
    CONSTRAINT nominees_person_facts CHECK (((type = 'individual'::text) OR ((birth_date IS NULL) AND (sex IS NULL) AND (position_class IS NULL) AND (cccd_sealed IS NULL)))),
    CONSTRAINT nominees_position_class_check CHECK ((position_class = ANY (ARRAY['senior_leader'::text, 'department_leader'::text, 'business_manager'::text, 'other_leader'::text, 'worker'::text]))),
    CONSTRAINT nominees_sex_check CHECK ((sex = ANY (ARRAY['male'::text, 'female'::text]))),
    CONSTRAINT nominees_type_check CHECK ((type = ANY (ARRAY['individual'::text, 'collective'::text, 'household'::text])))
);

ALTER TABLE public.nominees ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.nominees_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.notifications (
    id bigint NOT NULL,
    nomination_id bigint NOT NULL,
    org_id bigint NOT NULL,
    kind text NOT NULL,
    message text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.notifications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.objections (
    id bigint NOT NULL,
    nomination_id bigint NOT NULL,
    text text NOT NULL,
    received_on date NOT NULL,
    recorded_by text NOT NULL,
    resolved_at timestamp with time zone,
    resolution text,
    resolved_by text,
    CONSTRAINT objections_check CHECK (((resolved_at IS NULL) = (resolution IS NULL))),
    CONSTRAINT objections_resolution_check CHECK (((resolution IS NFC NORMALIZED) AND (length(resolution) <= 4000))),
    CONSTRAINT objections_text_check CHECK (((text IS NFC NORMALIZED) AND (btrim(text) <> ''::text) AND (length(text) <= 4000)))
);

ALTER TABLE public.objections ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.objections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.org_lineage (
    predecessor_id bigint NOT NULL,
    successor_id bigint NOT NULL,
    relation text NOT NULL,
    partly boolean DEFAULT false NOT NULL,
    effective date NOT NULL,
    recorded_by text DEFAULT 'import'::text NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT org_lineage_check CHECK ((predecessor_id <> successor_id)),
    CONSTRAINT org_lineage_recorded_by_check CHECK (((recorded_by IS NFC NORMALIZED) AND ((length(recorded_by) >= 1) AND (length(recorded_by) <= 200)))),
    CONSTRAINT org_lineage_relation_check CHECK ((relation = ANY (ARRAY['merged'::text, 'split'::text, 'renamed'::text, 'moved'::text, 'covers'::text])))
);

CREATE TABLE public.org_signers (
    org_id bigint NOT NULL,
    user_id bigint NOT NULL,
    title text NOT NULL,
    added_by text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT org_signers_added_by_check CHECK ((btrim(added_by) <> ''::text)),
    CONSTRAINT org_signers_title_check CHECK (((title IS NFC NORMALIZED) AND (btrim(title) <> ''::text) AND (length(title) <= 200)))
);

CREATE TABLE public.org_stamp (
    one boolean DEFAULT true NOT NULL,
    stamp bigint NOT NULL,
    CONSTRAINT org_stamp_one_check CHECK (one)
);

CREATE TABLE public.orgs (
    id bigint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    level text NOT NULL,
    parent_id bigint,
    path bigint[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    decision_pattern text DEFAULT '{n}/QĐ-UBND'::text NOT NULL,
    signer_name text,
    signer_title text,
    unit_key text,
    official_code text,
    division_type text,
    valid_from date,
    valid_to date,
    signs_digitally boolean DEFAULT false NOT NULL,
    works_in_steps boolean DEFAULT false NOT NULL,
    CONSTRAINT orgs_code_check CHECK ((code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'::text)),
    CONSTRAINT orgs_decision_pattern_check CHECK (((decision_pattern ~~ '%{n}%'::text) AND (length(decision_pattern) <= 60))),
    CONSTRAINT orgs_division_type_check CHECK (((division_type IS NFC NORMALIZED) AND ((length(division_type) >= 1) AND (length(division_type) <= 40)))),
    CONSTRAINT orgs_level_check CHECK ((level = ANY (ARRAY['central'::text, 'ministry'::text, 'province'::text, 'district'::text, 'commune'::text, 'unit'::text]))),
    CONSTRAINT orgs_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text) AND (length(name) <= 300))),
    CONSTRAINT orgs_official_code_check CHECK ((official_code ~ '^[0-9]{2,5}$'::text)),
    CONSTRAINT orgs_signer_name_check CHECK (((signer_name IS NULL) OR ((signer_name IS NFC NORMALIZED) AND (btrim(signer_name) <> ''::text) AND (length(signer_name) <= 200)))),
    CONSTRAINT orgs_signer_title_check CHECK (((signer_title IS NULL) OR ((signer_title IS NFC NORMALIZED) AND (btrim(signer_title) <> ''::text) AND (length(signer_title) <= 200)))),
    CONSTRAINT orgs_unit_key_check CHECK ((unit_key ~ '^[A-Za-z][A-Za-z0-9._-]{0,63}$'::text)),
    CONSTRAINT orgs_validity CHECK (((valid_from IS NULL) OR (valid_to IS NULL) OR (valid_from <= valid_to)))
);

ALTER TABLE public.orgs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orgs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.prior_awards (
    id bigint NOT NULL,
    nominee_id bigint NOT NULL,
    kind_code text NOT NULL,
    year integer NOT NULL,
    commendation_type text DEFAULT 'annual'::text NOT NULL,
    decision_number text NOT NULL,
    decision_date date NOT NULL,
    issuer text NOT NULL,
    imported_by text NOT NULL,
    imported_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT prior_awards_commendation_type_check CHECK ((commendation_type = ANY (ARRAY['annual'::text, 'thematic'::text, 'adhoc'::text, 'long_service'::text, 'foreign'::text, 'seniority'::text, 'resistance'::text]))),
    CONSTRAINT prior_awards_decision_number_check CHECK (((decision_number IS NFC NORMALIZED) AND (btrim(decision_number) <> ''::text))),
    CONSTRAINT prior_awards_issuer_check CHECK (((issuer IS NFC NORMALIZED) AND (btrim(issuer) <> ''::text))),
    CONSTRAINT prior_awards_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.prior_awards ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.prior_awards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.quotas (
    id bigint NOT NULL,
    org_id bigint NOT NULL,
    kind_code text NOT NULL,
    year integer NOT NULL,
    nominee_type text,
    campaign text,
    max_count integer,
    ratio numeric,
    ratio_of_kind text,
    used integer DEFAULT 0 NOT NULL,
    CONSTRAINT quotas_check CHECK (((max_count IS NULL) <> (ratio IS NULL))),
    CONSTRAINT quotas_check1 CHECK (((ratio IS NULL) = (ratio_of_kind IS NULL))),
    CONSTRAINT quotas_max_count_check CHECK ((max_count >= 0)),
    CONSTRAINT quotas_nominee_type_check CHECK ((nominee_type = ANY (ARRAY['individual'::text, 'collective'::text, 'household'::text]))),
    CONSTRAINT quotas_not_exceeded CHECK (((max_count IS NULL) OR (used <= max_count))),
    CONSTRAINT quotas_ratio_check CHECK (((ratio > (0)::numeric) AND (ratio <= (1)::numeric))),
    CONSTRAINT quotas_used_check CHECK ((used >= 0)),
    CONSTRAINT quotas_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.quotas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.quotas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.registration_entries (
    id bigint NOT NULL,
    registration_id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    year integer NOT NULL,
    nominee_id bigint NOT NULL,
    kinds text[] NOT NULL,
    targets text,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT registration_entries_kinds_check CHECK (((cardinality(kinds) >= 1) AND (cardinality(kinds) <= 10))),
    CONSTRAINT registration_entries_targets_check CHECK (((targets IS NFC NORMALIZED) AND (length(targets) <= 4000)))
);

ALTER TABLE public.registration_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.registration_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.registration_history (
    registration_id bigint NOT NULL,
    seq integer NOT NULL,
    from_state text,
    to_state text NOT NULL,
    actor text NOT NULL,
    reason text,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT registration_history_check CHECK (((to_state <> 'returned'::text) OR (reason IS NOT NULL))),
    CONSTRAINT registration_history_reason_check CHECK (((reason IS NFC NORMALIZED) AND (length(reason) <= 4000))),
    CONSTRAINT registration_history_seq_check CHECK ((seq >= 1))
);

CREATE TABLE public.registrations (
    id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    org_id bigint NOT NULL,
    year integer NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT registrations_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'sent'::text, 'returned'::text, 'accepted'::text]))),
    CONSTRAINT registrations_version_check CHECK ((version >= 1)),
    CONSTRAINT registrations_year_check CHECK (((year >= 1945) AND (year <= 2200)))
);

ALTER TABLE public.registrations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.registrations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.rule_packs (
    id bigint NOT NULL,
    code text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    document jsonb NOT NULL,
    imported_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT rule_packs_check CHECK (((valid_to IS NULL) OR (valid_to >= valid_from))),
    CONSTRAINT rule_packs_code_check CHECK ((code ~ '^[a-z0-9][a-z0-9.-]{0,63}$'::text)),
    CONSTRAINT rule_packs_name_check CHECK (((name IS NFC NORMALIZED) AND (btrim(name) <> ''::text))),
    CONSTRAINT rule_packs_version_check CHECK ((version >= 1))
);

ALTER TABLE public.rule_packs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.rule_packs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.sessions (
    token_hash text NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sessions_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

CREATE TABLE public.sign_in_throttle (
    key text NOT NULL,
    failures integer NOT NULL,
    last_failure timestamp with time zone NOT NULL,
    blocked_until timestamp with time zone,
    CONSTRAINT sign_in_throttle_failures_check CHECK ((failures >= 0)),
    CONSTRAINT sign_in_throttle_key_check CHECK (((length(key) >= 1) AND (length(key) <= 200)))
);

CREATE TABLE public.site_settings (
    key text NOT NULL,
    value text NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT site_settings_key_check CHECK ((key = 'public_url'::text)),
    CONSTRAINT site_settings_updated_by_check CHECK ((btrim(updated_by) <> ''::text)),
    CONSTRAINT site_settings_value_check CHECK (((length(value) >= 1) AND (length(value) <= 300)))
);

CREATE TABLE public.timers (
    id bigint NOT NULL,
    nomination_id bigint NOT NULL,
    kind text NOT NULL,
    due_on date NOT NULL,
    fired_at timestamp with time zone,
    outcome text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT timers_kind_check CHECK ((kind = ANY (ARRAY['notice_end'::text, 'deadline'::text])))
);

ALTER TABLE public.timers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.timers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.trusted_roots (
    sha256 text NOT NULL,
    name text NOT NULL,
    pem text NOT NULL,
    added_by text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT trusted_roots_added_by_check CHECK ((btrim(added_by) <> ''::text)),
    CONSTRAINT trusted_roots_name_check CHECK (((btrim(name) <> ''::text) AND (length(name) <= 300))),
    CONSTRAINT trusted_roots_pem_check CHECK (((pem ~~ '-----BEGIN CERTIFICATE-----%'::text) AND (length(pem) <= 20000))),
    CONSTRAINT trusted_roots_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))
);

CREATE TABLE public.users (
    id bigint NOT NULL,
    name text NOT NULL,
    org_id bigint NOT NULL,
    role text NOT NULL,
    token_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    password_hash text,
    failed_logins integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    email text,
    email_mode text DEFAULT 'none'::text NOT NULL,
    display_name text,
    title text,
    phone text,
    CONSTRAINT users_display_name_check CHECK (((display_name IS NULL) OR ((display_name IS NFC NORMALIZED) AND (btrim(display_name) <> ''::text) AND (length(display_name) <= 200)))),
    CONSTRAINT users_email_check CHECK (((email ~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$'::text) AND (length(email) <= 254))),
    CONSTRAINT users_email_mode_check CHECK ((email_mode = ANY (ARRAY['none'::text, 'immediate'::text, 'daily'::text]))),
    CONSTRAINT users_failed_logins_check CHECK ((failed_logins >= 0)),
    CONSTRAINT users_name_check CHECK ((name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'::text)),
    CONSTRAINT users_password_hash_check CHECK (((password_hash IS NULL) OR (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'::text))),
    CONSTRAINT users_phone_check CHECK (((phone IS NULL) OR (phone ~ '^\+?[0-9][0-9 .()-]{6,19}$'::text))),
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['nominator'::text, 'approver'::text, 'auditor'::text, 'admin'::text]))),
    CONSTRAINT users_title_check CHECK (((title IS NULL) OR ((title IS NFC NORMALIZED) AND (btrim(title) <> ''::text) AND (length(title) <= 200)))),
    CONSTRAINT users_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

ALTER TABLE public.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.webhook_allowed_networks (
    id bigint NOT NULL,
    network cidr NOT NULL,
    allowed boolean NOT NULL,
    reason text,
    actor text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT webhook_allowed_networks_actor_check CHECK ((btrim(actor) <> ''::text)),
    CONSTRAINT webhook_allowed_networks_reason_check CHECK (((reason IS NULL) OR ((reason IS NFC NORMALIZED) AND (length(reason) <= 500))))
);

ALTER TABLE public.webhook_allowed_networks ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_allowed_networks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.webhook_deliveries (
    id bigint NOT NULL,
    subscription_id bigint NOT NULL,
    event_id bigint NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    claimed_until timestamp with time zone,
    last_status integer,
    last_error text,
    delivered_at timestamp with time zone,
    CONSTRAINT webhook_deliveries_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT webhook_deliveries_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'delivered'::text, 'dead'::text])))
);

ALTER TABLE public.webhook_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW public.webhook_networks_allowed AS
 SELECT latest.network,
    latest.actor,
    latest.at
   FROM ( SELECT DISTINCT ON (webhook_allowed_networks.network) webhook_allowed_networks.network,
            webhook_allowed_networks.allowed,
            webhook_allowed_networks.actor,
            webhook_allowed_networks.at
           FROM public.webhook_allowed_networks
          ORDER BY webhook_allowed_networks.network, webhook_allowed_networks.id DESC) latest
  WHERE latest.allowed;

CREATE TABLE public.webhook_subscriptions (
    id bigint NOT NULL,
    url text NOT NULL,
    events text[] NOT NULL,
    org_id bigint,
    secret text NOT NULL,
    previous_secret text,
    rotated_at timestamp with time zone,
    active boolean DEFAULT true NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT webhook_subscriptions_events_check CHECK ((cardinality(events) >= 1)),
    CONSTRAINT webhook_subscriptions_previous_secret_check CHECK ((previous_secret ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT webhook_subscriptions_secret_check CHECK ((secret ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT webhook_subscriptions_url_check CHECK (((url ~ '^https?://[^[:space:]]+$'::text) AND (length(url) <= 2000)))
);

ALTER TABLE public.webhook_subscriptions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_subscriptions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE ONLY public.award_counts
    ADD CONSTRAINT award_counts_pkey PRIMARY KEY (year, issuer_org_id, kind_code, nominee_type, unit_id);

ALTER TABLE ONLY public.award_kinds
    ADD CONSTRAINT award_kinds_pkey PRIMARY KEY (code);

ALTER TABLE ONLY public.award_schema_migrations
    ADD CONSTRAINT award_schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.awardd_listeners
    ADD CONSTRAINT awardd_listeners_pkey PRIMARY KEY (address, port);

ALTER TABLE ONLY public.awardees
    ADD CONSTRAINT awardees_pkey PRIMARY KEY (nomination_id);

ALTER TABLE ONLY public.base_salaries
    ADD CONSTRAINT base_salaries_pkey PRIMARY KEY (valid_from);

ALTER TABLE ONLY public.calendar_days
    ADD CONSTRAINT calendar_days_pkey PRIMARY KEY (day);

ALTER TABLE ONLY public.calendar_stamp
    ADD CONSTRAINT calendar_stamp_pkey PRIMARY KEY (one);

ALTER TABLE ONLY public.campaign_awards
    ADD CONSTRAINT campaign_awards_pkey PRIMARY KEY (campaign_id, kind_code);

ALTER TABLE ONLY public.campaign_criteria
    ADD CONSTRAINT campaign_criteria_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.campaign_documents
    ADD CONSTRAINT campaign_documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.campaign_history
    ADD CONSTRAINT campaign_history_pkey PRIMARY KEY (campaign_id, seq);

ALTER TABLE ONLY public.campaign_quota_use
    ADD CONSTRAINT campaign_quota_use_pkey PRIMARY KEY (campaign_id, org_id, year, kind_code);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_pkey PRIMARY KEY (campaign_id, year, nominee_id);

ALTER TABLE ONLY public.campaign_units
    ADD CONSTRAINT campaign_units_pkey PRIMARY KEY (campaign_id, org_id);

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.certificate_layouts
    ADD CONSTRAINT certificate_layouts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.cluster_flag_use
    ADD CONSTRAINT cluster_flag_use_pkey PRIMARY KEY (cluster_id, year);

ALTER TABLE ONLY public.cluster_heads
    ADD CONSTRAINT cluster_heads_pkey PRIMARY KEY (cluster_id, year);

ALTER TABLE ONLY public.cluster_members
    ADD CONSTRAINT cluster_members_pkey PRIMARY KEY (cluster_id, org_id);

ALTER TABLE ONLY public.cluster_votes
    ADD CONSTRAINT cluster_votes_pkey PRIMARY KEY (cluster_id, year, org_id);

ALTER TABLE ONLY public.clusters
    ADD CONSTRAINT clusters_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.decision_counters
    ADD CONSTRAINT decision_counters_pkey PRIMARY KEY (issuer_org_id, year);

ALTER TABLE ONLY public.decision_files
    ADD CONSTRAINT decision_files_pkey PRIMARY KEY (decision_id, stage);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_issuer_org_id_year_number_key UNIQUE (issuer_org_id, year, number);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.delegation_revocations
    ADD CONSTRAINT delegation_revocations_pkey PRIMARY KEY (delegation_id);

ALTER TABLE ONLY public.delegations
    ADD CONSTRAINT delegations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.document_templates
    ADD CONSTRAINT document_templates_org_id_kind_format_version_key UNIQUE (org_id, kind, format, version);

ALTER TABLE ONLY public.document_templates
    ADD CONSTRAINT document_templates_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.document_withdrawals
    ADD CONSTRAINT document_withdrawals_pkey PRIMARY KEY (document_id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.email_outbox
    ADD CONSTRAINT email_outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.email_outbox
    ADD CONSTRAINT email_outbox_user_id_digest_on_key UNIQUE (user_id, digest_on);

ALTER TABLE ONLY public.email_outbox
    ADD CONSTRAINT email_outbox_user_id_event_id_key UNIQUE (user_id, event_id);

ALTER TABLE ONLY public.emulation_bodies
    ADD CONSTRAINT emulation_bodies_name_key UNIQUE (org_id, name);

ALTER TABLE ONLY public.emulation_bodies
    ADD CONSTRAINT emulation_bodies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.emulation_staff
    ADD CONSTRAINT emulation_staff_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.form_submissions
    ADD CONSTRAINT form_submissions_pkey PRIMARY KEY (actor, key, path);

ALTER TABLE ONLY public.fund_income
    ADD CONSTRAINT fund_income_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.fund_warnings
    ADD CONSTRAINT fund_warnings_pkey PRIMARY KEY (decision_id);

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key);

ALTER TABLE ONLY public.import_uploads
    ADD CONSTRAINT import_uploads_pkey PRIMARY KEY (token);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.nominee_discipline
    ADD CONSTRAINT nominee_discipline_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.nominee_initiatives
    ADD CONSTRAINT nominee_initiatives_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.nominee_ratings
    ADD CONSTRAINT nominee_ratings_pkey PRIMARY KEY (nominee_id, year);

ALTER TABLE ONLY public.nominee_transfers
    ADD CONSTRAINT nominee_transfers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.nominees
    ADD CONSTRAINT nominees_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.org_lineage
    ADD CONSTRAINT org_lineage_pkey PRIMARY KEY (predecessor_id, successor_id);

ALTER TABLE ONLY public.org_signers
    ADD CONSTRAINT org_signers_pkey PRIMARY KEY (org_id, user_id);

ALTER TABLE ONLY public.org_stamp
    ADD CONSTRAINT org_stamp_pkey PRIMARY KEY (one);

ALTER TABLE ONLY public.orgs
    ADD CONSTRAINT orgs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.prior_awards
    ADD CONSTRAINT prior_awards_nominee_id_kind_code_year_decision_number_key UNIQUE (nominee_id, kind_code, year, decision_number);

ALTER TABLE ONLY public.prior_awards
    ADD CONSTRAINT prior_awards_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.registration_entries
    ADD CONSTRAINT registration_entries_campaign_id_year_nominee_id_key UNIQUE (campaign_id, year, nominee_id);

ALTER TABLE ONLY public.registration_entries
    ADD CONSTRAINT registration_entries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.registration_history
    ADD CONSTRAINT registration_history_pkey PRIMARY KEY (registration_id, seq);

ALTER TABLE ONLY public.registrations
    ADD CONSTRAINT registrations_campaign_id_org_id_year_key UNIQUE (campaign_id, org_id, year);

ALTER TABLE ONLY public.registrations
    ADD CONSTRAINT registrations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.rule_packs
    ADD CONSTRAINT rule_packs_code_version_key UNIQUE (code, version);

ALTER TABLE ONLY public.rule_packs
    ADD CONSTRAINT rule_packs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_hash);

ALTER TABLE ONLY public.sign_in_throttle
    ADD CONSTRAINT sign_in_throttle_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.site_settings
    ADD CONSTRAINT site_settings_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.timers
    ADD CONSTRAINT timers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.transitions
    ADD CONSTRAINT transitions_pkey PRIMARY KEY (nomination_id, seq);

ALTER TABLE ONLY public.trusted_roots
    ADD CONSTRAINT trusted_roots_pkey PRIMARY KEY (sha256);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.webhook_allowed_networks
    ADD CONSTRAINT webhook_allowed_networks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_subscription_id_event_id_key UNIQUE (subscription_id, event_id);

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (id);

CREATE INDEX award_counts_unit_year ON public.award_counts USING btree (unit_id, year);

CREATE INDEX awardees_unit_path_idx ON public.awardees USING gin (unit_path);

CREATE INDEX awardees_year_order_idx ON public.awardees USING btree (year, decided_on, nominee_name, nomination_id);

CREATE INDEX campaign_reviews_org_idx ON public.campaign_reviews USING btree (campaign_id, org_id, year);

CREATE UNIQUE INDEX campaigns_code_key ON public.campaigns USING btree (lower(code));

CREATE INDEX campaigns_org_idx ON public.campaigns USING btree (org_id, starts_on DESC);

CREATE INDEX certificate_layouts_org_idx ON public.certificate_layouts USING btree (org_id, id DESC);

CREATE UNIQUE INDEX clusters_code_key ON public.clusters USING btree (lower(code));

CREATE INDEX decisions_issuer_idx ON public.decisions USING btree (issuer_org_id, decided_on);

CREATE UNIQUE INDEX decisions_verify_code_key ON public.decisions USING btree (verify_code);

CREATE INDEX decisions_year_idx ON public.decisions USING btree (year, issuer_org_id);

CREATE INDEX delegations_delegate_idx ON public.delegations USING btree (delegate_id, valid_to);

CREATE INDEX delegations_org_idx ON public.delegations USING btree (org_id, valid_to);

CREATE INDEX document_templates_in_force_idx ON public.document_templates USING btree (org_id, kind, format, created_at DESC);

CREATE INDEX documents_nomination_idx ON public.documents USING btree (nomination_id, type);

CREATE INDEX email_outbox_due_idx ON public.email_outbox USING btree (next_attempt_at, id) WHERE (status = 'pending'::text);

CREATE INDEX emulation_staff_body_idx ON public.emulation_staff USING btree (body_id);

CREATE INDEX events_nomination_idx ON public.events USING btree (nomination_id, id) WHERE (nomination_id IS NOT NULL);

CREATE INDEX events_order_idx ON public.events USING btree (txid, id);

CREATE INDEX form_submissions_age_idx ON public.form_submissions USING btree (claimed_at);

CREATE INDEX fund_income_org_idx ON public.fund_income USING btree (org_id, year);

CREATE INDEX import_uploads_expiry_idx ON public.import_uploads USING btree (expires_at);

CREATE INDEX nominations_assignee_idx ON public.nominations USING btree (assignee_id, id) WHERE (assignee_id IS NOT NULL);

CREATE INDEX nominations_decision_idx ON public.nominations USING btree (decision_id) WHERE (decision_id IS NOT NULL);

CREATE INDEX nominations_due_idx ON public.nominations USING btree (due_on) WHERE (due_on IS NOT NULL);

CREATE INDEX nominations_inbox_idx ON public.nominations USING btree (current_org_id, state, id) INCLUDE (kind_code);

CREATE INDEX nominations_nominee_idx ON public.nominations USING btree (nominee_id);

CREATE INDEX nominations_nominee_kind_idx ON public.nominations USING btree (nominee_id, kind_code) WHERE (state = 'awarded'::text);

CREATE INDEX nominations_revocation_idx ON public.nominations USING btree (revocation_id) WHERE (revocation_id IS NOT NULL);

CREATE INDEX nominations_unit_idx ON public.nominations USING btree (unit_id);

CREATE UNIQUE INDEX nominations_verify_code_key ON public.nominations USING btree (verify_code);

CREATE INDEX nominee_discipline_idx ON public.nominee_discipline USING btree (nominee_id);

CREATE INDEX nominee_initiatives_idx ON public.nominee_initiatives USING btree (nominee_id, year);

CREATE INDEX nominee_transfers_nominee_idx ON public.nominee_transfers USING btree (nominee_id, id);

CREATE UNIQUE INDEX nominees_cccd_digest_key ON public.nominees USING btree (cccd_digest) WHERE (cccd_digest IS NOT NULL);

CREATE INDEX nominees_name_fold_trgm ON public.nominees USING gin (public.award_fold(name) public.gin_trgm_ops);

CREATE INDEX objections_open_idx ON public.objections USING btree (nomination_id) WHERE (resolved_at IS NULL);

CREATE INDEX org_lineage_successor_idx ON public.org_lineage USING btree (successor_id);

CREATE UNIQUE INDEX orgs_code_key ON public.orgs USING btree (lower(code));

CREATE INDEX orgs_name_fold_trgm ON public.orgs USING gin (public.award_fold(name) public.gin_trgm_ops);

CREATE INDEX orgs_parent_idx ON public.orgs USING btree (parent_id);

CREATE INDEX orgs_path_gin ON public.orgs USING gin (path);

CREATE UNIQUE INDEX orgs_unit_key_key ON public.orgs USING btree (lower(unit_key));

CREATE UNIQUE INDEX quotas_key ON public.quotas USING btree (org_id, kind_code, year, COALESCE(nominee_type, ''::text), COALESCE(campaign, ''::text));

CREATE INDEX registration_entries_nominee_idx ON public.registration_entries USING btree (nominee_id, year);

CREATE INDEX registration_entries_registration_idx ON public.registration_entries USING btree (registration_id);

CREATE INDEX rule_packs_validity_idx ON public.rule_packs USING btree (valid_from DESC, id DESC);

CREATE INDEX sessions_user_idx ON public.sessions USING btree (user_id);

CREATE INDEX sign_in_throttle_last_idx ON public.sign_in_throttle USING btree (last_failure);

CREATE INDEX timers_due_idx ON public.timers USING btree (due_on) WHERE (fired_at IS NULL);

CREATE UNIQUE INDEX timers_pending_key ON public.timers USING btree (nomination_id, kind) WHERE (fired_at IS NULL);

CREATE INDEX transitions_actor_idx ON public.transitions USING btree (actor, at);

CREATE INDEX transitions_at_idx ON public.transitions USING btree (at);

CREATE INDEX transitions_org_idx ON public.transitions USING btree (org_id, at);

CREATE UNIQUE INDEX users_name_key ON public.users USING btree (lower(name));

CREATE UNIQUE INDEX users_token_key ON public.users USING btree (token_hash);

CREATE INDEX webhook_deliveries_due_idx ON public.webhook_deliveries USING btree (next_attempt_at, id) WHERE (status = 'pending'::text);

CREATE INDEX webhook_deliveries_subscription_idx ON public.webhook_deliveries USING btree (subscription_id, status, id);

CREATE TRIGGER calendar_days_stamp AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.calendar_days FOR EACH STATEMENT EXECUTE FUNCTION public.award_calendar_touched();

CREATE TRIGGER campaign_history_append_only BEFORE DELETE OR UPDATE ON public.campaign_history FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER campaign_history_event AFTER INSERT ON public.campaign_history FOR EACH ROW EXECUTE FUNCTION public.award_event_from_campaign_step();

CREATE TRIGGER campaign_reviews_count AFTER INSERT OR DELETE OR UPDATE ON public.campaign_reviews FOR EACH ROW EXECUTE FUNCTION public.award_campaign_quota_count();

CREATE TRIGGER certificate_layouts_append_only BEFORE DELETE OR UPDATE ON public.certificate_layouts FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER cluster_votes_append_only BEFORE DELETE OR UPDATE ON public.cluster_votes FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER cluster_votes_count AFTER INSERT ON public.cluster_votes FOR EACH ROW EXECUTE FUNCTION public.award_cluster_flag_count();

CREATE TRIGGER decision_files_append_only BEFORE DELETE OR UPDATE ON public.decision_files FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER decision_files_no_truncate BEFORE TRUNCATE ON public.decision_files FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER decision_files_sealed_event AFTER INSERT ON public.decision_files FOR EACH ROW WHEN ((new.stage = 'sealed'::text)) EXECUTE FUNCTION public.award_event_from_sealed_decision();

CREATE TRIGGER decisions_append_only BEFORE DELETE OR UPDATE ON public.decisions FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER decisions_event AFTER INSERT ON public.decisions FOR EACH ROW EXECUTE FUNCTION public.award_event_from_decision();

CREATE CONSTRAINT TRIGGER decisions_fund_check AFTER INSERT ON public.decisions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.award_fund_check();

CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON public.decisions FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER delegation_revocations_append_only BEFORE DELETE OR UPDATE ON public.delegation_revocations FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER delegation_revocations_no_truncate BEFORE TRUNCATE ON public.delegation_revocations FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER delegations_append_only BEFORE DELETE OR UPDATE ON public.delegations FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER delegations_no_truncate BEFORE TRUNCATE ON public.delegations FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER document_templates_append_only BEFORE DELETE OR UPDATE ON public.document_templates FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER document_withdrawals_append_only BEFORE DELETE OR UPDATE ON public.document_withdrawals FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER document_withdrawals_no_truncate BEFORE TRUNCATE ON public.document_withdrawals FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER documents_append_only BEFORE DELETE OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER documents_event AFTER INSERT ON public.documents FOR EACH ROW EXECUTE FUNCTION public.award_event_about_nomination('document.added');

CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER events_fan_out AFTER INSERT ON public.events FOR EACH ROW WHEN ((new.nomination_seq IS NULL)) EXECUTE FUNCTION public.award_event_fan_out();

CREATE TRIGGER fund_income_append_only BEFORE DELETE OR UPDATE ON public.fund_income FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER fund_warnings_append_only BEFORE DELETE OR UPDATE ON public.fund_warnings FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER nominations_enter_step BEFORE INSERT OR UPDATE OF state, tier, current_org_id ON public.nominations FOR EACH ROW EXECUTE FUNCTION public.award_enter_step();

CREATE TRIGGER nominations_reports AFTER UPDATE OF state ON public.nominations FOR EACH ROW WHEN (((old.state IS DISTINCT FROM new.state) AND (('awarded'::text = old.state) OR ('awarded'::text = new.state)))) EXECUTE FUNCTION public.award_reports_track();

CREATE TRIGGER nominee_transfers_append_only BEFORE DELETE OR UPDATE ON public.nominee_transfers FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER nominee_transfers_no_truncate BEFORE TRUNCATE ON public.nominee_transfers FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER nominees_home_guard BEFORE UPDATE OF home_org_id ON public.nominees FOR EACH ROW EXECUTE FUNCTION public.award_nominee_home_guard();

CREATE TRIGGER notifications_event AFTER INSERT ON public.notifications FOR EACH ROW EXECUTE FUNCTION public.award_event_about_nomination('deadline.warning');

CREATE TRIGGER objections_event AFTER INSERT ON public.objections FOR EACH ROW EXECUTE FUNCTION public.award_event_about_nomination('objection.added');

CREATE TRIGGER orgs_set_path BEFORE INSERT OR UPDATE ON public.orgs FOR EACH ROW EXECUTE FUNCTION public.award_orgs_set_path();

CREATE TRIGGER orgs_stamp AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.orgs FOR EACH STATEMENT EXECUTE FUNCTION public.award_orgs_touched();

CREATE TRIGGER registration_history_append_only BEFORE DELETE OR UPDATE ON public.registration_history FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER registration_history_event AFTER INSERT ON public.registration_history FOR EACH ROW EXECUTE FUNCTION public.award_event_from_registration_step();

CREATE TRIGGER rule_packs_append_only BEFORE DELETE OR UPDATE ON public.rule_packs FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER sessions_auth_changed AFTER DELETE ON public.sessions FOR EACH STATEMENT EXECUTE FUNCTION public.award_auth_changed();

CREATE TRIGGER timers_wake AFTER INSERT OR UPDATE OF due_on ON public.timers FOR EACH ROW WHEN (((new.fired_at IS NULL) AND (new.due_on <= (CURRENT_DATE + 1)))) EXECUTE FUNCTION public.award_timer_wake();

CREATE TRIGGER transitions_append_only BEFORE DELETE OR UPDATE ON public.transitions FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER transitions_chain BEFORE INSERT ON public.transitions FOR EACH ROW EXECUTE FUNCTION public.award_transitions_chain();

CREATE TRIGGER transitions_no_truncate BEFORE TRUNCATE ON public.transitions FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER trusted_roots_no_truncate BEFORE TRUNCATE ON public.trusted_roots FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER users_auth_changed AFTER UPDATE OF token_hash, revoked_at, role, org_id, password_hash ON public.users FOR EACH STATEMENT EXECUTE FUNCTION public.award_auth_changed();

CREATE TRIGGER webhook_allowed_networks_append_only BEFORE DELETE OR UPDATE ON public.webhook_allowed_networks FOR EACH ROW EXECUTE FUNCTION public.award_refuse_change();

CREATE TRIGGER webhook_allowed_networks_no_truncate BEFORE TRUNCATE ON public.webhook_allowed_networks FOR EACH STATEMENT EXECUTE FUNCTION public.award_refuse_change();

ALTER TABLE ONLY public.award_counts
    ADD CONSTRAINT award_counts_issuer_org_id_fkey FOREIGN KEY (issuer_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.award_counts
    ADD CONSTRAINT award_counts_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.awardees
    ADD CONSTRAINT awardees_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.awardees
    ADD CONSTRAINT awardees_issuer_org_id_fkey FOREIGN KEY (issuer_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.awardees
    ADD CONSTRAINT awardees_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.awardees
    ADD CONSTRAINT awardees_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.campaign_awards
    ADD CONSTRAINT campaign_awards_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_awards
    ADD CONSTRAINT campaign_awards_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.campaign_criteria
    ADD CONSTRAINT campaign_criteria_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_criteria
    ADD CONSTRAINT campaign_criteria_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.campaign_documents
    ADD CONSTRAINT campaign_documents_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_history
    ADD CONSTRAINT campaign_history_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_quota_use
    ADD CONSTRAINT campaign_quota_use_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_quota_use
    ADD CONSTRAINT campaign_quota_use_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.campaign_quota_use
    ADD CONSTRAINT campaign_quota_use_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES public.registration_entries(id);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.campaign_reviews
    ADD CONSTRAINT campaign_reviews_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.campaign_units
    ADD CONSTRAINT campaign_units_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.campaign_units
    ADD CONSTRAINT campaign_units_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_cluster_id_fkey FOREIGN KEY (cluster_id) REFERENCES public.clusters(id);

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.certificate_layouts
    ADD CONSTRAINT certificate_layouts_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.cluster_flag_use
    ADD CONSTRAINT cluster_flag_use_cluster_id_fkey FOREIGN KEY (cluster_id) REFERENCES public.clusters(id);

ALTER TABLE ONLY public.cluster_heads
    ADD CONSTRAINT cluster_heads_cluster_id_org_id_fkey FOREIGN KEY (cluster_id, org_id) REFERENCES public.cluster_members(cluster_id, org_id);

ALTER TABLE ONLY public.cluster_members
    ADD CONSTRAINT cluster_members_cluster_id_fkey FOREIGN KEY (cluster_id) REFERENCES public.clusters(id);

ALTER TABLE ONLY public.cluster_members
    ADD CONSTRAINT cluster_members_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.cluster_votes
    ADD CONSTRAINT cluster_votes_cluster_id_org_id_fkey FOREIGN KEY (cluster_id, org_id) REFERENCES public.cluster_members(cluster_id, org_id);

ALTER TABLE ONLY public.clusters
    ADD CONSTRAINT clusters_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.decision_counters
    ADD CONSTRAINT decision_counters_issuer_org_id_fkey FOREIGN KEY (issuer_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.decision_files
    ADD CONSTRAINT decision_files_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_delegation_id_fkey FOREIGN KEY (delegation_id) REFERENCES public.delegations(id);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_issuer_org_id_fkey FOREIGN KEY (issuer_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_revokes_decision_id_fkey FOREIGN KEY (revokes_decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.delegation_revocations
    ADD CONSTRAINT delegation_revocations_delegation_id_fkey FOREIGN KEY (delegation_id) REFERENCES public.delegations(id);

ALTER TABLE ONLY public.delegations
    ADD CONSTRAINT delegations_delegate_id_fkey FOREIGN KEY (delegate_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.delegations
    ADD CONSTRAINT delegations_delegator_id_fkey FOREIGN KEY (delegator_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.delegations
    ADD CONSTRAINT delegations_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.document_templates
    ADD CONSTRAINT document_templates_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.document_withdrawals
    ADD CONSTRAINT document_withdrawals_document_id_fkey FOREIGN KEY (document_id) REFERENCES public.documents(id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.email_outbox
    ADD CONSTRAINT email_outbox_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id);

ALTER TABLE ONLY public.email_outbox
    ADD CONSTRAINT email_outbox_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.emulation_bodies
    ADD CONSTRAINT emulation_bodies_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.emulation_staff
    ADD CONSTRAINT emulation_staff_body_id_fkey FOREIGN KEY (body_id) REFERENCES public.emulation_bodies(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.fund_income
    ADD CONSTRAINT fund_income_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.fund_warnings
    ADD CONSTRAINT fund_warnings_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.fund_warnings
    ADD CONSTRAINT fund_warnings_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_current_org_id_fkey FOREIGN KEY (current_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_pack_id_fkey FOREIGN KEY (pack_id) REFERENCES public.rule_packs(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_revocation_id_fkey FOREIGN KEY (revocation_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.nominations
    ADD CONSTRAINT nominations_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.nominee_discipline
    ADD CONSTRAINT nominee_discipline_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.nominee_initiatives
    ADD CONSTRAINT nominee_initiatives_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.nominee_ratings
    ADD CONSTRAINT nominee_ratings_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.nominee_transfers
    ADD CONSTRAINT nominee_transfers_from_org_id_fkey FOREIGN KEY (from_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.nominee_transfers
    ADD CONSTRAINT nominee_transfers_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.nominee_transfers
    ADD CONSTRAINT nominee_transfers_to_org_id_fkey FOREIGN KEY (to_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.nominees
    ADD CONSTRAINT nominees_home_org_id_fkey FOREIGN KEY (home_org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.objections
    ADD CONSTRAINT objections_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.org_lineage
    ADD CONSTRAINT org_lineage_predecessor_id_fkey FOREIGN KEY (predecessor_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.org_lineage
    ADD CONSTRAINT org_lineage_successor_id_fkey FOREIGN KEY (successor_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.org_signers
    ADD CONSTRAINT org_signers_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.org_signers
    ADD CONSTRAINT org_signers_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.orgs
    ADD CONSTRAINT orgs_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.prior_awards
    ADD CONSTRAINT prior_awards_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.prior_awards
    ADD CONSTRAINT prior_awards_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.quotas
    ADD CONSTRAINT quotas_ratio_of_kind_fkey FOREIGN KEY (ratio_of_kind) REFERENCES public.award_kinds(code);

ALTER TABLE ONLY public.registration_entries
    ADD CONSTRAINT registration_entries_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.registration_entries
    ADD CONSTRAINT registration_entries_nominee_id_fkey FOREIGN KEY (nominee_id) REFERENCES public.nominees(id);

ALTER TABLE ONLY public.registration_entries
    ADD CONSTRAINT registration_entries_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.registrations(id);

ALTER TABLE ONLY public.registration_history
    ADD CONSTRAINT registration_history_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.registrations(id);

ALTER TABLE ONLY public.registrations
    ADD CONSTRAINT registrations_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);

ALTER TABLE ONLY public.registrations
    ADD CONSTRAINT registrations_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.timers
    ADD CONSTRAINT timers_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.transitions
    ADD CONSTRAINT transitions_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);

ALTER TABLE ONLY public.transitions
    ADD CONSTRAINT transitions_delegation_id_fkey FOREIGN KEY (delegation_id) REFERENCES public.delegations(id);

ALTER TABLE ONLY public.transitions
    ADD CONSTRAINT transitions_nomination_id_fkey FOREIGN KEY (nomination_id) REFERENCES public.nominations(id);

ALTER TABLE ONLY public.transitions
    ADD CONSTRAINT transitions_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.events(id);

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES public.webhook_subscriptions(id);

ALTER TABLE ONLY public.webhook_subscriptions
    ADD CONSTRAINT webhook_subscriptions_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id);

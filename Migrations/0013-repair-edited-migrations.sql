-- Repair of migrations edited after they shipped (issue 25).
--
-- Migration 11 (events) gained e-mail after it first shipped, and migration 12 (lean-transitions)
-- changed in three commits after its first: a database migrated by an earlier build of the same
-- version number holds other functions and triggers than one migrated today. This migration brings
-- every such database to the definitions migrations 11 and 12 hold now. Every statement is written
-- to be a no-op on a database that already has them, so a database migrated from today's files
-- changes in nothing but its functions' text, which is the same.
--
-- From migration 11's later edit: the e-mail columns and queue (absent from a database migrated at
-- version 11 before e-mail was added).
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS email text CHECK (email ~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$' AND length(email) <= 254),
    ADD COLUMN IF NOT EXISTS email_mode text NOT NULL DEFAULT 'none' CHECK (email_mode IN ('none', 'immediate', 'daily'));
CREATE TABLE IF NOT EXISTS email_outbox (
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
CREATE INDEX IF NOT EXISTS email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE status = 'pending';

-- Migration 12 as it stands: the functions whole, the triggers dropped and created again.
CREATE OR REPLACE FUNCTION award_wake() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('award.wake_events', true) = 'on' THEN
        PERFORM pg_notify('award_events', ''), set_config('award.wake_events', '', false);
    END IF;
    IF current_setting('award.wake_timers', true) = 'on' THEN
        PERFORM pg_notify('award_timers', ''), set_config('award.wake_timers', '', false);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION award_timer_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('award.wake_timers', 'on', false);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS timers_wake ON timers;
CREATE TRIGGER timers_wake AFTER INSERT OR UPDATE OF due_on ON timers
    FOR EACH ROW WHEN (NEW.fired_at IS NULL AND NEW.due_on <= current_date + 1) EXECUTE FUNCTION award_timer_wake();

CREATE OR REPLACE FUNCTION award_event_type(command text, to_state text) RETURNS text
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

CREATE OR REPLACE FUNCTION award_event_data(e events) RETURNS jsonb LANGUAGE sql STABLE AS $$
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

CREATE OR REPLACE FUNCTION award_fan_out(e events) RETURNS void LANGUAGE sql AS $$
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
-- The first build of migration 12 wrote a transition's event from a trigger of its own.
DROP TRIGGER IF EXISTS transitions_event ON transitions;
DROP FUNCTION IF EXISTS award_event_from_transition();

CREATE OR REPLACE FUNCTION award_event_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM award_fan_out(NEW);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_fan_out ON events;
CREATE TRIGGER events_fan_out AFTER INSERT ON events
    FOR EACH ROW WHEN (NEW.nomination_seq IS NULL) EXECUTE FUNCTION award_event_fan_out();

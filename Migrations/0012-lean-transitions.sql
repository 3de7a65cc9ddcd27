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

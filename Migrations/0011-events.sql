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

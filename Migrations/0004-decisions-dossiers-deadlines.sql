
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

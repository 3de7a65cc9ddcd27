-- What an officer working alone needs of the schema (issue 26).

-- A form sent twice (a double click, a reload of the POST) does its work once: the first sending
-- claims its one-time key, the next ones are answered with where the first led. Kept a day.
CREATE TABLE form_submissions (
    actor       text NOT NULL CHECK (btrim(actor) <> ''),
    key         text NOT NULL CHECK (key ~ '^[0-9a-f]{32}$'),
    path        text NOT NULL CHECK (length(path) <= 300),
    location    text CHECK (location IS NULL OR (location ~ '^/' AND length(location) <= 500)),
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key, path)
);
CREATE INDEX form_submissions_age_idx ON form_submissions (claimed_at);

-- People by their names: the header, the papers' signer and the history show a person, not a login.
ALTER TABLE users
    ADD COLUMN display_name text CHECK (display_name IS NULL OR (display_name IS NFC NORMALIZED AND btrim(display_name) <> ''
                                                                 AND length(display_name) <= 200)),
    ADD COLUMN title text CHECK (title IS NULL OR (title IS NFC NORMALIZED AND btrim(title) <> '' AND length(title) <= 200));

-- An org's usual signer: the deciding forms start from it.
ALTER TABLE orgs
    ADD COLUMN signer_name text CHECK (signer_name IS NULL OR (signer_name IS NFC NORMALIZED AND btrim(signer_name) <> ''
                                                               AND length(signer_name) <= 200)),
    ADD COLUMN signer_title text CHECK (signer_title IS NULL OR (signer_title IS NFC NORMALIZED AND btrim(signer_title) <> ''
                                                                 AND length(signer_title) <= 200));

-- Who signs a decision, and how (Decree 30/2020, Appendix I: KT. for a deputy signing for the
-- head, TM. for a collective body, TL. and TUQ. by delegation, Q. for an acting head). Decisions
-- before this migration keep `on_behalf` (read as KT.).
ALTER TABLE decisions
    ADD COLUMN signer_title text CHECK (signer_title IS NULL OR (signer_title IS NFC NORMALIZED AND length(signer_title) <= 200)),
    ADD COLUMN signer_prefix text CHECK (signer_prefix IS NULL OR signer_prefix IN ('KT.', 'TL.', 'TUQ.', 'Q.', 'TM.'));

-- A document uploaded by mistake is withdrawn, never deleted: the file stays, marked, with who
-- withdrew it, when and why; a withdrawn document no longer counts towards what a tier requires.
CREATE TABLE document_withdrawals (
    document_id  bigint PRIMARY KEY REFERENCES documents (id),
    actor        text NOT NULL CHECK (btrim(actor) <> ''),
    reason       text CHECK (reason IS NULL OR (reason IS NFC NORMALIZED AND length(reason) <= 1000)),
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER document_withdrawals_append_only BEFORE UPDATE OR DELETE ON document_withdrawals
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER document_withdrawals_no_truncate BEFORE TRUNCATE ON document_withdrawals
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();

-- A returned nomination corrected by its nominator before it is sent again: a step of its own
-- ('amend', from returned to returned), whose comment lists each change.
ALTER TABLE transitions DROP CONSTRAINT transitions_command_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_command_check
    CHECK (command IN ('create', 'submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'revoke', 'notice_end', 'amend'));

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
        WHEN command = 'amend' THEN 'amended'
        ELSE regexp_replace(command, '[^a-z_]', '_', 'g') END
$$;

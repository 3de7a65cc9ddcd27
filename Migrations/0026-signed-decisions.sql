-- Digitally signed decisions (issue 29, Decree 30/2020 Art. 5 and 8): at an org that signs
-- digitally a decision moves decided → signed (its leader's signature) → issued (the
-- organisation's signature, applied by the clerk as a second incremental revision), and only
-- then is it announced (`decision.issued`). Decisions recorded before, or by an org that still
-- signs on paper, are issued when made, as before.

-- Whether an org's decisions are signed digitally (its approver or an admin switches it on).
ALTER TABLE orgs ADD COLUMN signs_digitally boolean NOT NULL DEFAULT false;

-- Whether this decision awaits signatures: fixed when it is recorded, from its issuer's practice.
-- (Adding the column writes no row: every decision recorded before is issued without signatures.)
ALTER TABLE decisions ADD COLUMN signing boolean NOT NULL DEFAULT false;

-- The roots a signature must chain to (the government CA's, a commercial CA's; the demo's test root).
CREATE TABLE trusted_roots (
    sha256    text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name      text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 300),
    pem       text NOT NULL CHECK (pem LIKE '-----BEGIN CERTIFICATE-----%' AND length(pem) <= 20000),
    added_by  text NOT NULL CHECK (btrim(added_by) <> ''),
    added_at  timestamptz NOT NULL DEFAULT now()
);

-- A decision's PDF at each stage: the unsigned file frozen when first served for signing (chromium's
-- output is not byte-for-byte reproducible), the file with the leader's signature, and the file
-- sealed by the organisation. Each later file begins with the one before it (checked by the
-- engine); none is ever replaced.
CREATE TABLE decision_files (
    decision_id  bigint NOT NULL REFERENCES decisions (id),
    stage        text NOT NULL CHECK (stage IN ('unsigned', 'signed', 'sealed')),
    pdf          bytea NOT NULL CHECK (octet_length(pdf) BETWEEN 1 AND 20971520),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    -- The signer's name from the certificate, and how it was signed (a key on the server's token, or an upload).
    signer       text CHECK (signer IS NULL OR length(signer) <= 300),
    method       text CHECK (method IN ('token', 'upload')),
    recorded_by  text NOT NULL CHECK (btrim(recorded_by) <> ''),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (decision_id, stage),
    CHECK ((stage = 'unsigned') = (signer IS NULL AND method IS NULL))
);
CREATE TRIGGER decision_files_append_only BEFORE UPDATE OR DELETE ON decision_files
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER decision_files_no_truncate BEFORE TRUNCATE ON decision_files
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER trusted_roots_no_truncate BEFORE TRUNCATE ON trusted_roots
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();

-- A decision awaiting signatures is announced when sealed, not when recorded.
CREATE OR REPLACE FUNCTION award_event_from_decision() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE FUNCTION award_event_from_sealed_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO events (type, decision_id, org_path, actor, payload)
    SELECT 'decision.issued', d.id, o.path, NEW.recorded_by,
           jsonb_build_object('decision_id', d.id, 'number', d.number, 'date', d.decided_on, 'issuer', o.code,
                              'kind', d.kind_code, 'purpose', d.purpose, 'sha256', NEW.sha256)
    FROM decisions d JOIN orgs o ON o.id = d.issuer_org_id WHERE d.id = NEW.decision_id AND d.purpose = 'award';
    RETURN NULL;
END $$;
CREATE TRIGGER decision_files_sealed_event AFTER INSERT ON decision_files
    FOR EACH ROW WHEN (NEW.stage = 'sealed') EXECUTE FUNCTION award_event_from_sealed_decision();

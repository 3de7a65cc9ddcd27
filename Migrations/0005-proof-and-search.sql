
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

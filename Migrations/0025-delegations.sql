-- Delegation and acting authority (issue 29): a leader lets a named person of the same org act
-- for them for dates and a scope — approving (forwarding, returning, rejecting at the org's tier)
-- or signing (the steps that issue a decision), for every kind of award or for the kinds named.
-- The delegate's act records both names and the prefix the papers print (KT., TL., TUQ., Q., TM.).
--
-- A delegation is never edited: it is revoked by a second row, and both stay (the history keeps
-- what was allowed when an act was done).
CREATE TABLE delegations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES orgs (id),
    delegator_id  bigint NOT NULL REFERENCES users (id),
    delegate_id   bigint NOT NULL REFERENCES users (id) CHECK (delegate_id <> delegator_id),
    prefix        text NOT NULL CHECK (prefix IN ('KT.', 'TM.', 'TL.', 'TUQ.', 'Q.')),
    acts          text[] NOT NULL CHECK (cardinality(acts) BETWEEN 1 AND 2 AND acts <@ ARRAY['approve', 'sign']),
    -- The kinds of award it covers; empty: every kind.
    kinds         text[] NOT NULL DEFAULT '{}' CHECK (cardinality(kinds) <= 50),
    valid_from    date NOT NULL,
    valid_to      date NOT NULL CHECK (valid_to >= valid_from AND valid_to - valid_from <= 366),
    -- The paper that grants it ("Giấy ủy quyền số 12/GUQ-UBND"), as the officer typed it.
    basis         text CHECK (basis IS NFC NORMALIZED AND length(basis) <= 500),
    created_by    text NOT NULL CHECK (btrim(created_by) <> ''),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delegations_delegate_idx ON delegations (delegate_id, valid_to);
CREATE INDEX delegations_org_idx ON delegations (org_id, valid_to);

CREATE TABLE delegation_revocations (
    delegation_id  bigint PRIMARY KEY REFERENCES delegations (id),
    reason         text NOT NULL CHECK (reason IS NFC NORMALIZED AND btrim(reason) <> '' AND length(reason) <= 500),
    revoked_by     text NOT NULL CHECK (btrim(revoked_by) <> ''),
    revoked_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER delegations_append_only BEFORE UPDATE OR DELETE ON delegations
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER delegations_no_truncate BEFORE TRUNCATE ON delegations
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER delegation_revocations_append_only BEFORE UPDATE OR DELETE ON delegation_revocations
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER delegation_revocations_no_truncate BEFORE TRUNCATE ON delegation_revocations
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();

-- A step done under a delegation names it and the person it was done for; a decision signed
-- under one names it too (its signer and prefix are the delegate's).
ALTER TABLE transitions ADD COLUMN delegation_id bigint REFERENCES delegations (id),
                        ADD COLUMN on_behalf_of text CHECK ((on_behalf_of IS NULL) = (delegation_id IS NULL));
ALTER TABLE decisions ADD COLUMN delegation_id bigint REFERENCES delegations (id);

-- The chain covers both. A step without a delegation hashes exactly as before (concat_ws skips
-- the NULL), so every chain recorded earlier still verifies.
CREATE OR REPLACE FUNCTION award_transition_content(t transitions) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT concat_ws(E'\n', t.nomination_id, t.seq, quote_nullable(t.command), quote_nullable(t.from_state), quote_nullable(t.to_state),
                     t.tier, t.org_id, quote_nullable(t.actor), quote_nullable(t.reason), quote_nullable(t.comment),
                     quote_nullable(t.decision_id), quote_nullable(t.vote_members), quote_nullable(t.vote_present),
                     quote_nullable(t.vote_in_favour), quote_nullable(t.vote_secret), quote_nullable(t.override_reason),
                     to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                     'delegation ' || t.delegation_id || ' for ' || quote_literal(t.on_behalf_of))
$$;

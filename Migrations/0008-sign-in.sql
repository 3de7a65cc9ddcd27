-- People sign in to the web pages with a password (a bcrypt hash, never the password) and get a
-- session: a random token in an HttpOnly cookie, stored here only as its SHA-256, ending after an
-- idle time or at logout. Five failed logins in a row lock the account for a while.
ALTER TABLE users
    ADD COLUMN password_hash text CHECK (password_hash IS NULL OR password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    ADD COLUMN failed_logins int NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until timestamptz;

CREATE TABLE sessions (
    token_hash    text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id       bigint NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
-- The inbox index carries the kind, so that the web inbox's filter by kind is answered from the
-- index alone (the key, and so the writes a transition makes, stay the same).
DROP INDEX nominations_inbox_idx;
CREATE INDEX nominations_inbox_idx ON nominations (current_org_id, state, id) INCLUDE (kind_code);
-- A decision's page lists what it revoked as well as what it awarded.
CREATE INDEX nominations_revocation_idx ON nominations (revocation_id) WHERE revocation_id IS NOT NULL;

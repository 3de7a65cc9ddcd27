
-- Users of awardd and awardctl. The bearer token is shown once when issued and only its SHA-256
-- is stored; a revoked user keeps its row, because history names it.
CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    org_id      bigint NOT NULL REFERENCES orgs (id),
    role        text NOT NULL CHECK (role IN ('nominator', 'approver', 'auditor', 'admin')),
    token_hash  text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX users_name_key ON users (lower(name));
-- Authentication looks a token up by its hash, once per request.
CREATE UNIQUE INDEX users_token_key ON users (token_hash);

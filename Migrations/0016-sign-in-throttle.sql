-- Signing in that cannot be turned against users (issue 25). Failures are counted per client
-- address, per typed user name (its SHA-256, so that an unknown name is throttled exactly like a
-- real one and no name is stored), and per pair of both; each key earns a growing delay before
-- its next attempt is even checked, instead of the old lock that any anonymous client could
-- renew for the admin forever. The counts fade after quiet hours. users.failed_logins and
-- users.locked_until are no longer used.
CREATE TABLE sign_in_throttle (
    key           text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    failures      int NOT NULL CHECK (failures >= 0),
    last_failure  timestamptz NOT NULL,
    blocked_until timestamptz
);
CREATE INDEX sign_in_throttle_last_idx ON sign_in_throttle (last_failure);

-- When who is signed in changes (a session ends; a user's token, role, org or password changes,
-- or the user is revoked), the open event streams re-check their caller at once.
CREATE FUNCTION award_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('award_auth', '');
    RETURN NULL;
END $$;
CREATE TRIGGER sessions_auth_changed AFTER DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION award_auth_changed();
CREATE TRIGGER users_auth_changed AFTER UPDATE OF token_hash, revoked_at, role, org_id, password_hash ON users
    FOR EACH STATEMENT EXECUTE FUNCTION award_auth_changed();

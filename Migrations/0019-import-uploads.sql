-- A spreadsheet uploaded on the import page waits here between its preview and its confirmation:
-- bound to the user and the session that uploaded it, bounded in size, expiring, and taken (deleted)
-- by the confirmation in the import's own transaction, so that what is created is exactly what
-- was previewed, once.
CREATE TABLE import_uploads (
    token        text PRIMARY KEY CHECK (token ~ '^[0-9a-f]{32}$'),
    actor        text NOT NULL CHECK (btrim(actor) <> ''),
    session_hash text NOT NULL CHECK (session_hash ~ '^[0-9a-f]{64}$'),
    file_name    text NOT NULL CHECK (file_name IS NFC NORMALIZED AND btrim(file_name) <> '' AND length(file_name) <= 255),
    content      bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 16777216),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX import_uploads_expiry_idx ON import_uploads (expires_at);

-- The tables of the bare transition (bare.sql): a row per item with its version, and its history
-- keyed by (item, seq) as the engine's is, so that a lost race is a key conflict there too.
SET client_min_messages = warning;
DROP TABLE IF EXISTS bare_history, bare_items;
CREATE TABLE bare_items (id bigint PRIMARY KEY, state text NOT NULL, version int NOT NULL);
CREATE TABLE bare_history (item_id bigint NOT NULL REFERENCES bare_items (id), seq int NOT NULL, to_state text NOT NULL,
                           at timestamptz NOT NULL, PRIMARY KEY (item_id, seq));
INSERT INTO bare_items SELECT g, 'pending', 1 FROM generate_series(1, 100000) g;
INSERT INTO bare_history SELECT id, 1, state, now() FROM bare_items;
-- pgbench runs as the application role (a member of award_app, which owns nothing), as the engine does.
GRANT SELECT, INSERT, UPDATE ON bare_items, bare_history TO award_app;
VACUUM ANALYZE bare_items, bare_history;

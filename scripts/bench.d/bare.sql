-- The barest durable transition, PostgreSQL's own limit for a state change with history: one
-- version-checked UPDATE of a row and one INSERT of a history row, in one transaction sent as one
-- round trip (a pipeline), fsync on. scripts/bench creates the two tables (bare.setup.sql) and
-- runs this with pgbench -M prepared beside the engine's own statements (transition.sql):
-- sql/bare = engine statements ÷ this.
\set id random(1, :items)
\startpipeline
BEGIN;
WITH upd AS (
    UPDATE bare_items SET state = CASE WHEN state = 'pending' THEN 'returned' ELSE 'pending' END, version = version + 1
    WHERE id = :id
    RETURNING id, version, state)
INSERT INTO bare_history (item_id, seq, to_state, at) SELECT id, version, state, now() FROM upd;
COMMIT;
\endpipeline

-- One engine transition (return ⇄ resubmit at the province), with the statements and the round
-- trips the engine sends for it (AwardEngine.act and perform):
--   round trip 1: the nomination's read (ahead of the transaction, with the calendar stamp);
--   round trip 2: one pipeline of BEGIN; one statement that makes the version-checked write,
--   appends the hash-chained history row (or raises award_conflict), moves the deadline timer
--   and returns the view from the written row; COMMIT; and, in its own transaction after the
--   commit, award_wake() (the NOTIFY for what the transaction's triggers marked).
-- pgbench runs it with -M prepared, as the engine prepares every statement once per connection.
-- This file is a template: scripts/bench puts the engine's own text of the read and of the view
-- in place of the @READ and @VIEW lines (awardctl bench --print-reads), so both sides run the same SQL.
-- Each client moves its own nominations, as the engine's workers do, so the two sides see the same
-- (absent) contention.
\set id :first + :client_id * :per + random(0, :per - 1)
-- @READ: the engine's read (awardctl bench --print-reads), ending with \gset
\startpipeline
BEGIN;
WITH upd AS (
    UPDATE nominations
    SET state = CASE WHEN state = 'pending' THEN 'returned' ELSE 'pending' END, tier = tier,
        current_org_id = CASE WHEN state = 'pending' THEN unit_id ELSE route[tier] END,
        version = version + 1, decision_id = coalesce(NULL::bigint, decision_id),
        revocation_id = NULL, updated_at = now(),
        route = route, pack_id = pack_id,
        submitted_on = coalesce(submitted_on, NULL::date),
        eligibility = coalesce(NULL::jsonb, eligibility),
        bonus_vnd = coalesce(NULL::bigint, bonus_vnd), notice_until = notice_until,
        clock_started_on = CASE WHEN state = 'pending' THEN NULL ELSE current_date END, clock_days_used = 0,
        due_on = CASE WHEN state = 'pending' THEN NULL ELSE current_date + 28 END
    WHERE id = :id AND version = :version
    RETURNING *),
appended AS (
    INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id,
                             vote_members, vote_present, vote_in_favour, vote_secret, at)
    SELECT upd.id, upd.version, CASE WHEN upd.state = 'returned' THEN 'return' ELSE 'resubmit' END,
           CASE WHEN upd.state = 'returned' THEN 'pending' ELSE 'returned' END, upd.state, upd.tier, upd.current_org_id,
           'pgbench', 'bench', NULL, NULL, NULL, NULL, NULL, NULL, now()
    FROM upd
    RETURNING seq),
-- the engine adds this part only when the transition sets a timer (here: the resubmission)
timers_set AS (
    INSERT INTO timers (nomination_id, kind, due_on)
    SELECT upd.id, t.kind, t.due FROM upd CROSS JOIN unnest(ARRAY['deadline'], ARRAY[current_date + 28]) AS t(kind, due)
    WHERE upd.state = 'pending'
    ON CONFLICT (nomination_id, kind) WHERE fired_at IS NULL DO UPDATE SET due_on = excluded.due_on, created_at = now())
SELECT coalesce((SELECT seq FROM appended)::bigint, award_conflict(:id)) AS seq, v.*
FROM (SELECT 1) AS one LEFT JOIN (
-- @VIEW: the engine's view over the written row (awardctl bench --print-reads)
) AS v ON true;
COMMIT;
SELECT award_wake();
\endpipeline

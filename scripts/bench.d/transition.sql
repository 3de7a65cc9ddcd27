-- One engine transition (return ⇄ resubmit at the province), with the statements and the round
-- trips the engine sends for it (AwardEngine.act and perform):
--   round trip 1: the nomination's read (ahead of the transaction, with the calendar stamp);
--   round trip 2: one pipeline of BEGIN, the version-checked write that appends the hash-chained
--   history row or raises (award_conflict), the deadline timer, the view read, COMMIT.
-- pgbench runs it with -M prepared, as the engine prepares every statement once per connection.
-- Each client moves its own nominations, as the engine's workers do, so the two sides see the same
-- (absent) contention.
\set id :first + :client_id * :per + random(0, :per - 1)
SELECT n.state, n.tier, n.route, n.unit_id, u.code AS unit_code, n.version, n.kind_code, d.decided_on AS award_date,
       n.decision_id, d.issuer_org_id AS award_issuer, d.year AS award_year, n.pack_id, n.year, n.nominee_id,
       e.type AS nominee_type, n.campaign, n.eligibility->>'override' AS override, n.notice_until,
       n.clock_started_on, n.clock_days_used, n.commendation_type,
       array(SELECT o.level FROM unnest(n.route) WITH ORDINALITY AS r(org, i) JOIN orgs o ON o.id = r.org ORDER BY r.i) AS route_levels,
       array(SELECT DISTINCT type FROM documents WHERE nomination_id = n.id) AS document_types,
       (SELECT count(*) FROM objections WHERE nomination_id = n.id AND resolved_at IS NULL) AS open_objections,
       u.path @> ARRAY[n.current_org_id]::bigint[] AS visible,
       (SELECT stamp FROM calendar_stamp) AS calendar_stamp
FROM nominations n JOIN orgs u ON u.id = n.unit_id JOIN nominees e ON e.id = n.nominee_id
LEFT JOIN decisions d ON d.id = n.decision_id
WHERE n.id = :id \gset
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
    RETURNING id, version, state, tier, current_org_id),
appended AS (
INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, comment, decision_id,
                         vote_members, vote_present, vote_in_favour, vote_secret, at)
SELECT upd.id, upd.version, CASE WHEN upd.state = 'returned' THEN 'return' ELSE 'resubmit' END,
       CASE WHEN upd.state = 'returned' THEN 'pending' ELSE 'returned' END, upd.state, upd.tier, upd.current_org_id,
       'pgbench', 'bench', NULL, NULL, NULL, NULL, NULL, NULL, now()
FROM upd
RETURNING seq)
SELECT coalesce((SELECT seq FROM appended)::bigint, award_conflict(:id)) AS seq;
INSERT INTO timers (nomination_id, kind, due_on) SELECT :id, 'deadline', current_date + 28 WHERE :state = 'returned';
SELECT n.id, n.kind_code, n.state, n.tier, cardinality(n.route) AS tiers, n.year, n.reason, n.version,
       t.level AS tier_level, c.code AS org_code, u.code AS unit_code,
       e.id AS nominee_id, e.name AS nominee_name, e.type AS nominee_type,
       d.number AS d_number, d.decided_on AS d_date, di.code AS d_issuer,
       r.number AS r_number, r.decided_on AS r_date, ri.code AS r_issuer,
       floor(extract(epoch FROM n.created_at)) AS created, floor(extract(epoch FROM n.updated_at)) AS updated,
       n.due_on, n.notice_until, n.bonus_vnd
FROM nominations n
JOIN orgs t ON t.id = n.route[n.tier]
JOIN orgs c ON c.id = n.current_org_id
JOIN orgs u ON u.id = n.unit_id
JOIN nominees e ON e.id = n.nominee_id
LEFT JOIN decisions d ON d.id = n.decision_id
LEFT JOIN orgs di ON di.id = d.issuer_org_id
LEFT JOIN decisions r ON r.id = n.revocation_id
LEFT JOIN orgs ri ON ri.id = r.issuer_org_id WHERE n.id = :id;
COMMIT;
\endpipeline

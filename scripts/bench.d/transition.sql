-- One engine transition (return ⇄ resubmit at the province), with the statements and round trips
-- awardctl's engine sends for it: BEGIN, the read, the calendar read, the version-checked write
-- (the history row's hash chain trigger included), the view read, COMMIT.
\set id random(:first, :last)
BEGIN;
SELECT n.state, n.tier, n.route, n.unit_id, n.version, n.kind_code, n.pack_id, n.nominee_id,
       array(SELECT o.level FROM unnest(n.route) WITH ORDINALITY AS r(org, i) JOIN orgs o ON o.id = r.org ORDER BY r.i) AS route_levels,
       array(SELECT DISTINCT type FROM documents WHERE nomination_id = n.id) AS document_types,
       (SELECT count(*) FROM objections WHERE nomination_id = n.id AND resolved_at IS NULL) AS open_objections
FROM nominations n WHERE n.id = :id \gset
SELECT day, working FROM calendar_days WHERE day BETWEEN current_date - 400 AND current_date + 400;
WITH upd AS (
    UPDATE nominations
    SET state = CASE WHEN state = 'pending' THEN 'returned' ELSE 'pending' END,
        current_org_id = CASE WHEN state = 'pending' THEN unit_id ELSE route[tier] END,
        version = version + 1, updated_at = now()
    WHERE id = :id AND version = :version
    RETURNING id, version, state, tier, current_org_id)
INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
SELECT upd.id, upd.version, CASE WHEN upd.state = 'returned' THEN 'return' ELSE 'resubmit' END,
       CASE WHEN upd.state = 'returned' THEN 'pending' ELSE 'returned' END, upd.state, upd.tier, upd.current_org_id, 'pgbench', 'bench', now()
FROM upd;
SELECT n.id, n.state, n.version, e.name FROM nominations n JOIN nominees e ON e.id = n.nominee_id WHERE n.id = :id;
COMMIT;

-- Data for the queries-at-scale benchmark: every nomination still at its first step (version 1,
-- as `awardctl import` leaves them) gets four more history rows (return, resubmit, return,
-- resubmit: 5 rows each in all), and two in three of those at their deciding tier are then
-- awarded by decisions dated in 2025 (one decision per issuer and 1,000 awardees), with the
-- approving history row. Rows go through every trigger (the hash chain included) and constraint.
-- This loads data; it is not how the engine writes (the engine decides one command at a time).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE s AS
SELECT id, unit_id, route[tier] AS at_org, tier, kind_code, cardinality(route) = tier AS deciding
FROM nominations WHERE version = 1 AND state = 'pending';

INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, reason, at)
SELECT id, g,
       CASE WHEN g % 2 = 0 THEN 'return' ELSE 'resubmit' END,
       CASE WHEN g % 2 = 0 THEN 'pending' ELSE 'returned' END,
       CASE WHEN g % 2 = 0 THEN 'returned' ELSE 'pending' END,
       tier, CASE WHEN g % 2 = 0 THEN at_org ELSE unit_id END, 'bench', 'Bổ sung hồ sơ', now()
FROM s, generate_series(2, 5) AS g
ORDER BY g, id;
UPDATE nominations n SET version = 5 FROM s WHERE s.id = n.id;

CREATE TEMP TABLE a AS
SELECT id, at_org, kind_code, (row_number() OVER (PARTITION BY at_org, kind_code ORDER BY id) - 1) / 1000 AS chunk
FROM s WHERE deciding AND id % 3 <> 0;
CREATE TEMP TABLE d AS
SELECT at_org, kind_code, chunk, make_date(2025, 1 + (chunk % 12)::int, 1 + (chunk % 28)::int) AS decided_on FROM a GROUP BY 1, 2, 3;
INSERT INTO decisions (issuer_org_id, number, decided_on, year, purpose, kind_code, created_by)
SELECT at_org, chunk || '-' || kind_code || '/QĐ-BENCH', decided_on, 2025, 'award', kind_code, 'bench' FROM d;
CREATE TEMP TABLE ad AS
SELECT a.id, a.at_org, x.id AS decision_id
FROM a JOIN d USING (at_org, kind_code, chunk)
JOIN decisions x ON x.issuer_org_id = a.at_org AND x.year = 2025 AND x.number = a.chunk || '-' || a.kind_code || '/QĐ-BENCH';
COMMIT;

-- Award decision by decision, one transaction each, as the engine's `decide` would: the report
-- tables' trigger counts every award into one row per issuer, kind and unit, and a row updated
-- hundreds of thousands of times inside one transaction would drag a chain of versions behind it.
CREATE TEMP TABLE chunks AS SELECT DISTINCT decision_id FROM ad ORDER BY 1;
DO $$
DECLARE
    c bigint;
BEGIN
    FOR c IN SELECT decision_id FROM chunks ORDER BY 1 LOOP
        UPDATE nominations n SET state = 'awarded', decision_id = ad.decision_id, version = 6, due_on = NULL, clock_started_on = NULL
        FROM ad WHERE ad.id = n.id AND ad.decision_id = c;
        INSERT INTO transitions (nomination_id, seq, command, from_state, to_state, tier, org_id, actor, decision_id, at)
        SELECT ad.id, 6, 'approve', 'pending', 'awarded', s.tier, ad.at_org, 'bench', ad.decision_id, now()
        FROM ad JOIN s USING (id) WHERE ad.decision_id = c ORDER BY ad.id;
        COMMIT;
    END LOOP;
END $$;
ANALYZE;
SELECT (SELECT count(*) FROM nominations) AS nominations, (SELECT count(*) FROM transitions) AS history,
       (SELECT count(*) FROM nominations WHERE state = 'awarded') AS awarded;

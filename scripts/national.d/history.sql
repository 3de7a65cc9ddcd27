-- Ten years of synthetic award history over the whole country's units (scripts/national): one
-- year per transaction, set-wise (no command per row). Rates, per year (× :scale):
--   before 1/7/2025  each old commune (LW…) 25 Giấy khen, each old district (LD…) 60 Giấy khen for
--                    its communes' people, each old province (LP…) 10 Bằng khen per commune it had;
--   from 1/7/2025    each new commune (W…) 100 Giấy khen, each new province (P…) 25 Bằng khen per commune;
--   every year       the central government (the root) 3,000 Bằng khen of the Prime Minister.
-- 2025 is split at 1 July: the old units decide in January–June at half their rate, the new ones in
-- July–December. Every nomination is awarded, with a nominee of its own, its decision (one per
-- issuer, kind and batch of 50, numbered per issuer and year), and two history rows (create and
-- approve) chained with the chain's own hash function; the report tables are filled as the engine's
-- trigger fills them. This loads data for measuring; it is not how the engine writes.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- Run as a superuser: the history's rows are chained here, without its per-row trigger.
SET session_replication_role = replica;

CREATE TEMP TABLE family (i int, name text);
INSERT INTO family SELECT ordinality - 1, n FROM unnest(ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý','Lò','Giàng','Sùng','Hà']) WITH ORDINALITY n;
CREATE TEMP TABLE middle (i int, name text);
INSERT INTO middle SELECT ordinality - 1, n FROM unnest(ARRAY['Văn','Thị','Đức','Minh','Thanh','Ngọc','Hữu','Quang','Thu','Xuân','Hồng','Kim']) WITH ORDINALITY n;
CREATE TEMP TABLE given (i int, name text);
INSERT INTO given SELECT ordinality - 1, n FROM unnest(ARRAY['An','Bình','Cường','Dũng','Đào','Giang','Hà','Hải','Hiền','Hoa','Hùng','Hương','Khánh','Lan','Linh','Long','Mai','Nam','Nga','Phúc','Quân','Sơn','Tâm','Thảo','Thắng','Trang','Tú','Vân','Yến','Páo']) WITH ORDINALITY n;

-- The deciding bodies: (issuer, kind, awards a year, the units its awards may name, the half-year it decides in).
CREATE TEMP TABLE issuers AS
SELECT o.id AS issuer, 'giay-khen'::text AS kind, 25 AS per_year, ARRAY[o.id] AS units, 'old'::text AS era
FROM orgs o WHERE o.unit_key LIKE 'LW%'
UNION ALL
SELECT d.id, 'giay-khen', 60, array_agg(c.id), 'old' FROM orgs d JOIN orgs c ON c.parent_id = d.id WHERE d.unit_key LIKE 'LD%' GROUP BY d.id
UNION ALL
SELECT p.id, 'bang-khen-tinh', 10 * count(c.id)::int, array_agg(c.id), 'old'
FROM orgs p JOIN orgs c ON c.path @> ARRAY[p.id] AND c.level = 'commune' WHERE p.unit_key LIKE 'LP%' GROUP BY p.id
UNION ALL
SELECT o.id, 'giay-khen', 100, ARRAY[o.id], 'new' FROM orgs o WHERE o.unit_key LIKE 'W%'
UNION ALL
SELECT p.id, 'bang-khen-tinh', 25 * count(c.id)::int, array_agg(c.id), 'new'
FROM orgs p JOIN orgs c ON c.parent_id = p.id WHERE p.unit_key LIKE 'P%' GROUP BY p.id;
INSERT INTO issuers
SELECT r.id, 'bang-khen-ttg', 3000, (SELECT array_agg(id) FROM orgs WHERE unit_key LIKE 'LP%'), 'old' FROM orgs r WHERE r.parent_id IS NULL AND r.level = 'central'
UNION ALL
SELECT r.id, 'bang-khen-ttg', 3000, (SELECT array_agg(id) FROM orgs WHERE unit_key LIKE 'P%'), 'new' FROM orgs r WHERE r.parent_id IS NULL AND r.level = 'central';

CREATE TEMP TABLE years (year int);
INSERT INTO years SELECT generate_series(2016, 2025);

DO $$
DECLARE
    y int;
    scale numeric := current_setting('award.scale')::numeric;
BEGIN
    FOR y IN SELECT year FROM years ORDER BY year LOOP
        -- This year's awards: which issuer, kind, unit, decision date and nominee; ids taken ahead.
        CREATE TEMP TABLE g ON COMMIT DROP AS
        SELECT nextval(pg_get_serial_sequence('nominations', 'id')) AS id, nextval(pg_get_serial_sequence('nominees', 'id')) AS nominee_id,
               i.issuer, i.kind, i.units[1 + (k % cardinality(i.units))] AS unit,
               CASE WHEN i.era = 'old' AND y = 2025 THEN make_date(y, 1 + (k % 6), 1 + (k % 28))
                    WHEN i.era = 'new' THEN make_date(y, 7 + (k % 6), 1 + (k % 28))
                    ELSE make_date(y, 1 + (k % 12), 1 + (k % 28)) END AS decided_on,
               CASE WHEN k % 5 = 0 THEN 'collective' ELSE 'individual' END AS type,
               (k - 1) / 50 AS batch, k
        FROM issuers i
        CROSS JOIN LATERAL generate_series(1, greatest(1, round(i.per_year * scale * CASE WHEN y = 2025 AND i.era = 'old' THEN 0.5 ELSE 1 END)::int)) AS k
        WHERE (i.era = 'old' AND y <= 2025) OR (i.era = 'new' AND y = 2025);

        -- One decision per issuer, kind and batch, dated its batch's first award's date, numbered per issuer and year.
        CREATE TEMP TABLE dg ON COMMIT DROP AS
        SELECT issuer, kind, batch, min(decided_on) AS decided_on,
               row_number() OVER (PARTITION BY issuer ORDER BY kind, batch) AS seq
        FROM g GROUP BY issuer, kind, batch;
        INSERT INTO decisions (issuer_org_id, number, decided_on, year, purpose, kind_code, created_by, sequence)
        SELECT issuer, seq || '/QĐ-UBND', decided_on, y, 'award', kind, 'national-data', seq FROM dg;
        CREATE TEMP TABLE gd ON COMMIT DROP AS
        SELECT g.*, x.id AS decision_id, x.decided_on AS on_date
        FROM g JOIN dg USING (issuer, kind, batch) JOIN decisions x ON x.issuer_org_id = g.issuer AND x.year = y AND x.number = dg.seq || '/QĐ-UBND';

        INSERT INTO nominees (id, name, type, home_org_id) OVERRIDING SYSTEM VALUE
        SELECT gd.nominee_id,
               CASE WHEN gd.type = 'collective' THEN 'Tổ công tác số ' || gd.k
                    ELSE f.name || ' ' || m.name || ' ' || v.name END,
               gd.type, gd.unit
        FROM gd JOIN family f ON f.i = gd.id % 20 JOIN middle m ON m.i = (gd.id / 20) % 12 JOIN given v ON v.i = (gd.id / 240) % 30;

        INSERT INTO nominations (id, kind_code, nominee_id, unit_id, year, route, tier, state, current_org_id, version, decision_id, submitted_on)
        OVERRIDING SYSTEM VALUE
        SELECT gd.id, gd.kind, gd.nominee_id, gd.unit, y, ARRAY[gd.issuer], 1, 'awarded', gd.issuer, 2, gd.decision_id, gd.on_date - 20
        FROM gd ORDER BY gd.id;

        -- The two history rows, chained as award_transitions_chain chains them (the chain's own
        -- function hashes each row), written without the trigger's live event: history of
        -- before the engine feeds no subscriber.
        CREATE TEMP TABLE t1 ON COMMIT DROP AS
        SELECT jsonb_populate_record(NULL::transitions, jsonb_build_object(
                   'nomination_id', gd.id, 'seq', 1, 'command', 'create', 'to_state', 'pending', 'tier', 1, 'org_id', gd.unit,
                   'actor', 'national-data', 'at', (gd.on_date - 20)::timestamptz, 'prev_hash', repeat('0', 64), 'hash', '')) AS t,
               gd.id, gd.issuer, gd.decision_id, gd.on_date
        FROM gd;
        UPDATE t1 SET t.hash = award_chain_hash(repeat('0', 64), t);
        INSERT INTO transitions SELECT (t).* FROM t1 ORDER BY id;
        INSERT INTO transitions
        SELECT (jsonb_populate_record(t2, jsonb_build_object('hash', award_chain_hash((t1.t).hash, t2)))).*
        FROM t1 CROSS JOIN LATERAL jsonb_populate_record(NULL::transitions, jsonb_build_object(
                 'nomination_id', t1.id, 'seq', 2, 'command', 'approve', 'from_state', 'pending', 'to_state', 'awarded', 'tier', 1,
                 'org_id', t1.issuer, 'actor', 'national-data', 'decision_id', t1.decision_id, 'at', t1.on_date::timestamptz,
                 'prev_hash', (t1.t).hash, 'hash', '')) AS t2
        ORDER BY t1.id;

        -- The report tables, as award_reports_track fills them when a nomination becomes awarded.
        INSERT INTO awardees (nomination_id, year, decided_on, decision_id, issuer_org_id, kind_code, nominee_id, nominee_type, nominee_name, unit_id, unit_path)
        SELECT gd.id, y, gd.on_date, gd.decision_id, gd.issuer, gd.kind, gd.nominee_id, gd.type, e.name, gd.unit, u.path
        FROM gd JOIN nominees e ON e.id = gd.nominee_id JOIN orgs u ON u.id = gd.unit;
        INSERT INTO award_counts (issuer_org_id, year, kind_code, nominee_type, unit_id, n)
        SELECT issuer, y, kind, type, unit, count(*) FROM gd GROUP BY issuer, kind, type, unit;

        RAISE NOTICE 'year %: % awards', y, (SELECT count(*) FROM g);
        COMMIT;
    END LOOP;
END $$;
ANALYZE;

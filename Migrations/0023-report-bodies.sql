-- Statistics forms "including predecessors" (issue 28).
--
-- A form counts by body: the unit right under the reporting org that a row of the form names (for
-- the whole country, the unit right under the root). Including its predecessors, the reporting org
-- is a set: the org and the units it continues (award_org_with_predecessors). A row is then the
-- unit right under the first of them on the award's path, or that unit itself for its own awards:
-- old Phường Cốc Lếu is a row of new Phường Lào Cai's form.

-- The reporting roots: NULL for the whole country, the org alone, or the org and its predecessors.
CREATE FUNCTION award_report_roots(org bigint, with_predecessors boolean) RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN org IS NULL THEN NULL
                WHEN with_predecessors THEN award_org_with_predecessors(org)
                ELSE ARRAY[org] END
$$;

-- The body an award at `path` is counted under, for the reporting roots.
CREATE FUNCTION award_report_body(path bigint[], roots bigint[]) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN roots IS NULL THEN path[least(2, cardinality(path))]
                ELSE (SELECT coalesce(path[p + 1], path[p]) FROM generate_subscripts(path, 1) AS p
                      WHERE path[p] = ANY (roots) ORDER BY p LIMIT 1) END
$$;

-- Organisations in time: the official identity of an administrative unit (its National Statistics
-- Office code and kind), the dates it was in force, and dated lineage edges to the units that
-- continue it (Vietnam's reform of 1 July 2025: 63 provinces became 34, the district tier ended,
-- about 10,000 communes became 3,321).

ALTER TABLE orgs
    -- The key the unit import matches on, namespaced by period (P15 / W2647 in force from
    -- 1/7/2025, LP10 / LD80 / LW2644 before): the same NSO number names different units before
    -- and after. An org made by the import has it as its code too; an older org is given one by
    -- `awardctl org map-units`.
    ADD COLUMN unit_key text CHECK (unit_key ~ '^[A-Za-z][A-Za-z0-9._-]{0,63}$'),
    -- The NSO code: 2 digits for a province, 3 for a district, 5 for a commune.
    ADD COLUMN official_code text CHECK (official_code ~ '^[0-9]{2,5}$'),
    -- tỉnh, thành phố trung ương, huyện, quận, thị xã, thành phố, xã, phường, thị trấn, đặc khu.
    ADD COLUMN division_type text CHECK (division_type IS NFC NORMALIZED AND length(division_type) BETWEEN 1 AND 40),
    ADD COLUMN valid_from date,
    ADD COLUMN valid_to date,
    ADD CONSTRAINT orgs_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to);
CREATE UNIQUE INDEX orgs_unit_key_key ON orgs (lower(unit_key));

-- Who continues whom. merged: the whole predecessor went into this successor (with others, or as
-- the successor's only part when the unit was renamed: renamed); split: a part of it went here
-- (partly); moved: the body went under another parent; covers: territory only, for a district
-- whose communes went to new communes and a new province (no institution continues a district
-- People's Committee; which body answers for its awards is a rule, not data).
CREATE TABLE org_lineage (
    predecessor_id bigint NOT NULL REFERENCES orgs (id),
    successor_id   bigint NOT NULL REFERENCES orgs (id),
    relation       text NOT NULL CHECK (relation IN ('merged', 'split', 'renamed', 'moved', 'covers')),
    partly         boolean NOT NULL DEFAULT false,
    effective      date NOT NULL,
    -- import: written by `awardctl org import-units`; an officer's edge names them.
    recorded_by    text NOT NULL DEFAULT 'import' CHECK (recorded_by IS NFC NORMALIZED AND length(recorded_by) BETWEEN 1 AND 200),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (predecessor_id, successor_id),
    CHECK (predecessor_id <> successor_id)
);
CREATE INDEX org_lineage_successor_idx ON org_lineage (successor_id);

-- The org and every unit whose records it took over, at any distance: through merged, renamed and
-- moved edges, and a split edge only when it is the predecessor's one successor (where a unit was
-- split among several, its records go to a successor only when an officer allocates them; covers
-- is territory, not succession). "Including its predecessors" in the reports and an officer's
-- reach over them: matched against a unit's path with && over the path's GIN index.
CREATE FUNCTION award_org_with_predecessors(org bigint) RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
    WITH RECURSIVE up (id) AS (
        SELECT org
        UNION
        SELECT l.predecessor_id FROM org_lineage l JOIN up ON l.successor_id = up.id
        WHERE l.relation <> 'covers'
          AND NOT ((l.partly OR l.relation = 'split') AND EXISTS (SELECT 1 FROM org_lineage o WHERE o.predecessor_id = l.predecessor_id
                                          AND o.successor_id <> l.successor_id AND o.relation <> 'covers')))
    SELECT array_agg(id ORDER BY id) FROM up
$$;

-- A unit's page lists the decisions it issued.
CREATE INDEX decisions_issuer_idx ON decisions (issuer_org_id, decided_on);

-- Dossiers in flight at a unit the reform closed go on at the unit that took over its powers: a
-- step of its own ('reroute', state unchanged), written by `awardctl nomination reroute` with its
-- reason (the transitional provision), whose comment names the old and the new org.
ALTER TABLE transitions DROP CONSTRAINT transitions_command_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_command_check
    CHECK (command IN ('create', 'submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'revoke', 'notice_end', 'amend', 'reroute'));

CREATE OR REPLACE FUNCTION award_event_type(command text, to_state text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'nomination.' || CASE
        WHEN command = 'approve' AND to_state = 'awarded' THEN 'awarded'
        WHEN command = 'create' AND to_state = 'draft' THEN 'drafted'
        WHEN command IN ('create', 'submit') THEN 'submitted'
        WHEN command = 'approve' THEN 'approved'
        WHEN command = 'return' THEN 'returned'
        WHEN command = 'resubmit' THEN 'resubmitted'
        WHEN command = 'reject' THEN 'rejected'
        WHEN command = 'withdraw' THEN 'withdrawn'
        WHEN command = 'revoke' THEN 'revoked'
        WHEN command = 'amend' THEN 'amended'
        WHEN command = 'reroute' THEN 'rerouted'
        ELSE regexp_replace(command, '[^a-z_]', '_', 'g') END
$$;

-- A unit made by the reform holds one budget year with the units it continues: its fund check
-- counts their income and spending of the same year (a new province's 2025 fund holds the old
-- provinces' January–June decisions).
CREATE OR REPLACE FUNCTION award_fund_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    income bigint;
    spent bigint;
    units bigint[];
BEGIN
    IF NEW.purpose <> 'award' THEN RETURN NULL; END IF;
    units := award_org_with_predecessors(NEW.issuer_org_id);
    SELECT sum(amount_vnd) INTO income FROM fund_income WHERE org_id = ANY(units) AND year = NEW.year;
    IF income IS NULL THEN RETURN NULL; END IF;
    SELECT coalesce(sum(n.bonus_vnd), 0) INTO spent
    FROM decisions d JOIN nominations n ON n.decision_id = d.id
    WHERE d.issuer_org_id = ANY(units) AND d.year = NEW.year AND d.purpose = 'award' AND n.state = 'awarded';
    IF spent > income THEN
        INSERT INTO fund_warnings (decision_id, org_id, year, income_vnd, spent_vnd)
        VALUES (NEW.id, NEW.issuer_org_id, NEW.year, income, spent) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- Reads officers wait for, at national scale (issue 31, measured on `scripts/national`'s data set).
--
-- The org tree is read by nearly every page (the names of units, the filters) and changes
-- rarely: at national scale (14,166 units and their order by Vietnamese name) reading it costs
-- about 100 ms. Processes cache it and read it again only when this stamp moved: every change
-- to orgs moves it, in the same transaction, as calendar_stamp does for the working calendar.
CREATE TABLE org_stamp (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    stamp bigint NOT NULL
);
INSERT INTO org_stamp (stamp) VALUES (1);
CREATE FUNCTION award_orgs_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE org_stamp SET stamp = stamp + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER orgs_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs
    FOR EACH STATEMENT EXECUTE FUNCTION award_orgs_touched();

-- The search page looks for units by name as it looks for people: accents and case ignored,
-- anywhere in the name. Without an index that folded every one of the 14,166 names per search
-- (about 75 ms at national scale).
CREATE INDEX orgs_name_fold_trgm ON orgs USING gin (award_fold(name) gin_trgm_ops);

-- The years a scope's lists open on: the years its units were awarded in, from the report table
-- by unit (the whole table was read for a province, about 50 ms at national scale).
CREATE INDEX award_counts_unit_year ON award_counts (unit_id, year);

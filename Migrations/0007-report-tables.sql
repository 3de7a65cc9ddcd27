
-- What the reports read, kept by the database as nominations are awarded and revoked, so that
-- "awardees of a year" and the year's summary read an index instead of joining and sorting every
-- awarded nomination. A trigger on nominations keeps both in the same transaction as the award.
CREATE TABLE awardees (
    nomination_id  bigint PRIMARY KEY REFERENCES nominations (id),
    year           int NOT NULL,
    decided_on     date NOT NULL,
    decision_id    bigint NOT NULL REFERENCES decisions (id),
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    kind_code      text NOT NULL,
    nominee_id     bigint NOT NULL,
    nominee_type   text NOT NULL,
    nominee_name   text NOT NULL COLLATE vi,
    unit_id        bigint NOT NULL REFERENCES orgs (id),
    unit_path      bigint[] NOT NULL
);
CREATE INDEX awardees_year_order_idx ON awardees (year, decided_on, nominee_name, nomination_id);
CREATE INDEX awardees_unit_path_idx ON awardees USING gin (unit_path);

CREATE TABLE award_counts (
    issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
    year           int NOT NULL,
    kind_code      text NOT NULL,
    nominee_type   text NOT NULL,
    unit_id        bigint NOT NULL REFERENCES orgs (id),
    n              int NOT NULL CHECK (n >= 0),
    PRIMARY KEY (year, issuer_org_id, kind_code, nominee_type, unit_id)
);

CREATE FUNCTION award_reports_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d decisions%ROWTYPE;
    e nominees%ROWTYPE;
BEGIN
    IF NEW.state = 'awarded' AND OLD.state IS DISTINCT FROM 'awarded' THEN
        SELECT * INTO d FROM decisions WHERE id = NEW.decision_id;
        SELECT * INTO e FROM nominees WHERE id = NEW.nominee_id;
        INSERT INTO awardees (nomination_id, year, decided_on, decision_id, issuer_org_id, kind_code, nominee_id, nominee_type,
                              nominee_name, unit_id, unit_path)
        SELECT NEW.id, d.year, d.decided_on, d.id, d.issuer_org_id, NEW.kind_code, e.id, e.type, e.name, NEW.unit_id, u.path
        FROM orgs u WHERE u.id = NEW.unit_id;
        INSERT INTO award_counts AS c (issuer_org_id, year, kind_code, nominee_type, unit_id, n)
        VALUES (d.issuer_org_id, d.year, NEW.kind_code, e.type, NEW.unit_id, 1)
        ON CONFLICT (year, issuer_org_id, kind_code, nominee_type, unit_id) DO UPDATE SET n = c.n + 1;
    ELSIF OLD.state = 'awarded' AND NEW.state IS DISTINCT FROM 'awarded' THEN
        DELETE FROM awardees WHERE nomination_id = OLD.id RETURNING year, issuer_org_id, nominee_type
            INTO d.year, d.issuer_org_id, e.type;
        UPDATE award_counts SET n = n - 1
        WHERE year = d.year AND issuer_org_id = d.issuer_org_id AND kind_code = OLD.kind_code
          AND nominee_type = e.type AND unit_id = OLD.unit_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER nominations_reports AFTER UPDATE OF state ON nominations
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND 'awarded' IN (OLD.state, NEW.state))
    EXECUTE FUNCTION award_reports_track();

INSERT INTO awardees (nomination_id, year, decided_on, decision_id, issuer_org_id, kind_code, nominee_id, nominee_type,
                      nominee_name, unit_id, unit_path)
SELECT n.id, d.year, d.decided_on, d.id, d.issuer_org_id, n.kind_code, e.id, e.type, e.name, n.unit_id, u.path
FROM nominations n JOIN decisions d ON d.id = n.decision_id JOIN nominees e ON e.id = n.nominee_id JOIN orgs u ON u.id = n.unit_id
WHERE n.state = 'awarded';
INSERT INTO award_counts (issuer_org_id, year, kind_code, nominee_type, unit_id, n)
SELECT issuer_org_id, year, kind_code, nominee_type, unit_id, count(*) FROM awardees GROUP BY 1, 2, 3, 4, 5;

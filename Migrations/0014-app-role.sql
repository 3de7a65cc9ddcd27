-- The application's rights (issue 25). Migrations run as the database's owner role; awardd runs as
-- a login role that is a member of `award_app` (created by the operator, see OPERATIONS.md; the
-- embedded cluster, the tests and the scripts create it themselves). `award_app` owns nothing, so
-- it cannot ALTER a table or DISABLE a TRIGGER; it reads and writes data, and on the history tables
-- (every table that has an `…_append_only` trigger) it may only read and append: UPDATE, DELETE and
-- TRUNCATE are revoked there in addition to the triggers that refuse them.
--
-- The migrator calls this after every run that applied a migration (and `awardctl db migrate`
-- always), so a table added by a later migration gets its rights without the migration naming
-- the role. A database without the role gets a notice and no grants (it then runs as its owner).
CREATE FUNCTION award_grant_app(app name) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    history regclass;
    s text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE NOTICE 'role % does not exist: no rights granted (create it, then run awardctl db migrate again)', app;
        RETURN false;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA %I FROM %I', s, app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO %I', s, app);
    FOR history IN
        SELECT DISTINCT g.tgrelid::regclass FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = s AND g.tgname LIKE '%\_append\_only' AND NOT g.tgisinternal
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', history, app);
    END LOOP;
    -- The migrations' own record: read only (awardd checks the version it runs on).
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON award_schema_migrations FROM %I', app);
    RETURN true;
END $$;

-- A person, collective or household belongs to one unit (its home): the unit whose officers see
-- its whole record and may nominate it. It moves to another unit only through a transfer that an
-- officer whose jurisdiction covers both units grants, recorded here (issue 25): naming another
-- district's nominee by id no longer attaches it. The home cannot change without a transfer row
-- of the same transaction, whoever writes it.
CREATE TABLE nominee_transfers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nominee_id  bigint NOT NULL REFERENCES nominees (id),
    from_org_id bigint REFERENCES orgs (id),
    to_org_id   bigint NOT NULL REFERENCES orgs (id),
    reason      text NOT NULL CHECK (reason IS NFC NORMALIZED AND btrim(reason) <> '' AND length(reason) <= 2000),
    actor       text NOT NULL CHECK (btrim(actor) <> ''),
    at          timestamptz NOT NULL DEFAULT now(),
    tx          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CHECK (from_org_id IS DISTINCT FROM to_org_id)
);
CREATE INDEX nominee_transfers_nominee_idx ON nominee_transfers (nominee_id, id);
CREATE TRIGGER nominee_transfers_append_only BEFORE UPDATE OR DELETE ON nominee_transfers
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER nominee_transfers_no_truncate BEFORE TRUNCATE ON nominee_transfers
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();

CREATE FUNCTION award_nominee_home_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.home_org_id IS DISTINCT FROM OLD.home_org_id AND NOT EXISTS (
        SELECT 1 FROM nominee_transfers t
        WHERE t.nominee_id = NEW.id AND t.to_org_id = NEW.home_org_id AND t.from_org_id IS NOT DISTINCT FROM OLD.home_org_id
          AND t.tx = pg_current_xact_id()) THEN
        RAISE EXCEPTION 'nominee % moves to another unit only through a recorded transfer', NEW.id
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'nominee_home_by_transfer';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER nominees_home_guard BEFORE UPDATE OF home_org_id ON nominees
    FOR EACH ROW EXECUTE FUNCTION award_nominee_home_guard();

-- Where webhooks may be delivered (issue 25). A destination in a loopback, link-local, private or
-- otherwise non-public range is refused unless an admin allowed a network that holds it here (a
-- province's own network, e.g. 10.20.0.0/16); checked when a webhook is added and again at every
-- delivery, on the address actually connected. Removing a network is kept as a row of its own.
CREATE TABLE webhook_allowed_networks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network    cidr NOT NULL,
    allowed    boolean NOT NULL,
    reason     text CHECK (reason IS NULL OR (reason IS NFC NORMALIZED AND length(reason) <= 500)),
    actor      text NOT NULL CHECK (btrim(actor) <> ''),
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER webhook_allowed_networks_append_only BEFORE UPDATE OR DELETE ON webhook_allowed_networks
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();
CREATE TRIGGER webhook_allowed_networks_no_truncate BEFORE TRUNCATE ON webhook_allowed_networks
    FOR EACH STATEMENT EXECUTE FUNCTION award_refuse_change();
-- The networks allowed now: each network's latest row, when it allows.
CREATE VIEW webhook_networks_allowed AS
    SELECT network, actor, at FROM (
        SELECT DISTINCT ON (network) network, allowed, actor, at FROM webhook_allowed_networks ORDER BY network, id DESC) latest
    WHERE allowed;

-- Where awardd processes listen (each records itself at start): never a webhook's destination,
-- whichever process adds the webhook (awardctl does not know where awardd listens otherwise).
-- IF NOT EXISTS: a development database may have it from an unreleased draft of migration 17.
CREATE TABLE IF NOT EXISTS awardd_listeners (
    address    inet NOT NULL,
    port       int NOT NULL CHECK (port BETWEEN 0 AND 65535),
    started_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (address, port)
);

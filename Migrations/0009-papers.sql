-- The papers officers print and file are rendered from templates kept as data: one row per
-- version, per issuing org, document kind and format; never edited (a new version is a new row).
-- A document uses the newest version created before the thing it describes (a decision, a
-- forwarding), so a replaced template changes new documents only.
CREATE TABLE document_templates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES orgs (id),
    kind        text NOT NULL CHECK (kind IN ('decision', 'proposal', 'list', 'certificate')),
    format      text NOT NULL CHECK (format IN ('html', 'docx')),
    version     int NOT NULL CHECK (version >= 1),
    body        bytea NOT NULL CHECK (octet_length(body) BETWEEN 1 AND 5242880),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by  text NOT NULL,
    -- clock_timestamp: a template set after a decision committed is later than that decision.
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (org_id, kind, format, version)
);
CREATE INDEX document_templates_in_force_idx ON document_templates (org_id, kind, format, created_at DESC);
CREATE TRIGGER document_templates_append_only BEFORE UPDATE OR DELETE ON document_templates
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

-- Where each field of a certificate lands on an org's pre-printed blank (phôi), in millimetres,
-- with the calibration offset of its printer. Each change is a new row; the newest is in force.
CREATE TABLE certificate_layouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES orgs (id),
    layout      jsonb NOT NULL CHECK (jsonb_typeof(layout) = 'object'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX certificate_layouts_org_idx ON certificate_layouts (org_id, id DESC);
CREATE TRIGGER certificate_layouts_append_only BEFORE UPDATE OR DELETE ON certificate_layouts
    FOR EACH ROW EXECUTE FUNCTION award_refuse_change();

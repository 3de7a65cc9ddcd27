-- Verification anyone can do (issue 29): every decision and every certificate (an awarded
-- nomination) carries a short code, printed with a QR code to /verify/{code} under the site's
-- public address, where anyone sees whether it stands.
--
-- A code is a letter naming what it verifies (Q: a decision, quyết định; K: a certificate, a
-- nomination's) and 11 hexadecimal digits from gen_random_uuid() (a strong random source): 44 bits,
-- not guessable from another code. The letters are not hexadecimal digits, so the two kinds never meet.

CREATE FUNCTION award_new_verify_code(kind text) RETURNS text
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT kind || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 11))
$$;

ALTER TABLE decisions ADD COLUMN verify_code text NOT NULL DEFAULT award_new_verify_code('Q')
    CHECK (verify_code ~ '^Q[0-9A-F]{11}$');
CREATE UNIQUE INDEX decisions_verify_code_key ON decisions (verify_code);

ALTER TABLE nominations ADD COLUMN verify_code text NOT NULL DEFAULT award_new_verify_code('K')
    CHECK (verify_code ~ '^K[0-9A-F]{11}$');
CREATE UNIQUE INDEX nominations_verify_code_key ON nominations (verify_code);

-- The site's settings an operator sets once (`awardctl site set`): the public address the QR codes
-- of printed papers lead to. Read by awardd and awardctl alike, so both print the same address.
CREATE TABLE site_settings (
    key         text PRIMARY KEY CHECK (key IN ('public_url')),
    value       text NOT NULL CHECK (length(value) BETWEEN 1 AND 300),
    updated_by  text NOT NULL CHECK (btrim(updated_by) <> ''),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Users are people (issue 29): a phone beside the e-mail, and who may sign for an org, each with
-- the title they sign under (an org's page lists them; the deciding form offers them).
ALTER TABLE users ADD COLUMN phone text CHECK (phone IS NULL OR phone ~ '^\+?[0-9][0-9 .()-]{6,19}$');

CREATE TABLE org_signers (
    org_id    bigint NOT NULL REFERENCES orgs (id),
    user_id   bigint NOT NULL REFERENCES users (id),
    title     text NOT NULL CHECK (title IS NFC NORMALIZED AND btrim(title) <> '' AND length(title) <= 200),
    added_by  text NOT NULL CHECK (btrim(added_by) <> ''),
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);

-- The facts the ministry's statistics count (issue 30, Circular 02/2023/TT-BNV forms 0602–0605).
--
-- A person: date of birth, sex, position class as the forms count it, and the citizen identity
-- number (CCCD). The CCCD is personal data (Decree 13/2023): the application stores it sealed
-- (AES-256-GCM with a key from its secret files, never in the database) beside an HMAC of it under a
-- second derived key, by which the database refuses the same number on two nominees without anyone
-- decrypting it. A collective: whether it is an enterprise (the forms' "trong đó: doanh nghiệp").
ALTER TABLE nominees
    ADD COLUMN birth_date date CHECK (birth_date BETWEEN DATE '1880-01-01' AND DATE '2200-12-31'),
    ADD COLUMN sex text CHECK (sex IN ('male', 'female')),
    ADD COLUMN position_class text
        CHECK (position_class IN ('senior_leader', 'department_leader', 'business_manager', 'other_leader', 'worker')),
    ADD COLUMN enterprise boolean,
    ADD COLUMN cccd_sealed bytea CHECK (octet_length(cccd_sealed) = 40),
    ADD COLUMN cccd_digest bytea CHECK (octet_length(cccd_digest) = 32),
    ADD COLUMN facts_recorded_by text CHECK (length(facts_recorded_by) <= 200),
    ADD COLUMN facts_recorded_at timestamptz,
    ADD CONSTRAINT nominees_cccd_sealed_with_digest CHECK ((cccd_sealed IS NULL) = (cccd_digest IS NULL)),
    ADD CONSTRAINT nominees_person_facts CHECK (type = 'individual'
        OR (birth_date IS NULL AND sex IS NULL AND position_class IS NULL AND cccd_sealed IS NULL)),
    ADD CONSTRAINT nominees_enterprise_collective CHECK (type = 'collective' OR enterprise IS NULL);

-- One person, one record: the same number on a second nominee is refused, whoever writes it.
CREATE UNIQUE INDEX nominees_cccd_digest_key ON nominees (cccd_digest) WHERE cccd_digest IS NOT NULL;

-- The staff register of forms 0604 and 0605: the bodies that do emulation and commendation work in
-- a ministry or province (a department of a ministry, a division within it, the board or the
-- division of the provincial Department of Home Affairs) and the civil servants who work in them,
-- by sex, date of birth, education and the date they began this work. Counted as they stood at the
-- end of a period (30 November).
CREATE TABLE emulation_bodies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id bigint NOT NULL REFERENCES orgs (id),
    name text NOT NULL CHECK (name IS NFC NORMALIZED AND btrim(name) <> '' AND length(name) <= 300),
    structure text NOT NULL
        CHECK (structure IN ('ministry_department', 'department_division', 'home_affairs_board', 'home_affairs_division')),
    established_on date NOT NULL,
    dissolved_on date,
    recorded_by text NOT NULL CHECK (length(recorded_by) <= 200),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT emulation_bodies_dates CHECK (dissolved_on IS NULL OR dissolved_on >= established_on),
    CONSTRAINT emulation_bodies_name_key UNIQUE (org_id, name)
);

CREATE TABLE emulation_staff (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id bigint NOT NULL REFERENCES emulation_bodies (id),
    full_name text NOT NULL CHECK (full_name IS NFC NORMALIZED AND btrim(full_name) <> '' AND length(full_name) <= 200),
    sex text NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date date NOT NULL CHECK (birth_date BETWEEN DATE '1930-01-01' AND DATE '2100-12-31'),
    education text NOT NULL CHECK (education IN ('elementary', 'intermediate', 'college', 'university', 'postgraduate')),
    in_work_since date NOT NULL,
    joined_on date NOT NULL,
    left_on date,
    recorded_by text NOT NULL CHECK (length(recorded_by) <= 200),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT emulation_staff_dates CHECK (in_work_since > birth_date AND (left_on IS NULL OR left_on >= joined_on))
);
CREATE INDEX emulation_staff_body_idx ON emulation_staff (body_id);

-- Families of commendation as the forms count them: seniority (niên hạn) and resistance (kháng
-- chiến) are their own, beside dedication (quá trình cống hiến, long_service).
ALTER TABLE decisions DROP CONSTRAINT decisions_commendation_type_check,
    ADD CONSTRAINT decisions_commendation_type_check
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign', 'seniority', 'resistance'));
ALTER TABLE nominations DROP CONSTRAINT nominations_commendation_type_check,
    ADD CONSTRAINT nominations_commendation_type_check
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign', 'seniority', 'resistance'));
ALTER TABLE prior_awards DROP CONSTRAINT prior_awards_commendation_type_check,
    ADD CONSTRAINT prior_awards_commendation_type_check
        CHECK (commendation_type IN ('annual', 'thematic', 'adhoc', 'long_service', 'foreign', 'seniority', 'resistance'));

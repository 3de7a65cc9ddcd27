-- Steps within a tier (issue 29): an org that works in steps (orgs.works_in_steps) moves a dossier
-- between named people before it acts — a province's specialist appraises, the head of the board
-- reviews, the council gives its opinion where the kind has a vote, the leader approves and signs.
-- The steps are rule-pack data (document->'steps'->level); a dossier records the step it is at and
-- the person it is assigned to. Each move is a history row of its own in the hash chain:
-- 'step' (a step done, to the next), 'step_back' (to the previous step, with a reason), 'assign'.
-- And (issue 30) 'repin': an admin moves a dossier in flight to the pack in force, with a reason.
ALTER TABLE orgs ADD COLUMN works_in_steps boolean NOT NULL DEFAULT false;

ALTER TABLE nominations
    ADD COLUMN step text CHECK (step IS NULL OR step ~ '^[a-z][a-z0-9_-]{0,39}$'),
    ADD COLUMN assignee_id bigint REFERENCES users (id),
    ADD CONSTRAINT nominations_step_pending CHECK (step IS NULL OR state = 'pending'),
    ADD CONSTRAINT nominations_assignee_waiting CHECK (assignee_id IS NULL OR state IN ('pending', 'public_notice'));
-- "Việc của tôi": what is assigned to a person.
CREATE INDEX nominations_assignee_idx ON nominations (assignee_id, id) WHERE assignee_id IS NOT NULL;

-- A dossier arriving at a tier (a submission, a forward, a resubmission, the end of a public notice,
-- a reroute) starts at the first step of the org's level in its pinned pack, unassigned; anywhere
-- else it has no step. Whatever path writes the move, the database keeps this.
CREATE FUNCTION award_enter_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.state = OLD.state AND NEW.tier = OLD.tier AND NEW.current_org_id = OLD.current_org_id THEN
        RETURN NEW;
    END IF;
    NEW.step := NULL;
    NEW.assignee_id := NULL;
    IF NEW.state = 'pending' THEN
        SELECT p.document->'steps'->o.level->0->>'code' INTO NEW.step
        FROM orgs o JOIN rule_packs p ON p.id = NEW.pack_id
        WHERE o.id = NEW.current_org_id AND o.works_in_steps;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER nominations_enter_step BEFORE INSERT OR UPDATE OF state, tier, current_org_id ON nominations
    FOR EACH ROW EXECUTE FUNCTION award_enter_step();

-- The history names the step an act was done at and, for an assignment, the person given it.
ALTER TABLE transitions
    ADD COLUMN step text CHECK (step IS NULL OR step ~ '^[a-z][a-z0-9_-]{0,39}$'),
    ADD COLUMN assignee text CHECK (assignee IS NULL OR btrim(assignee) <> '');
ALTER TABLE transitions DROP CONSTRAINT transitions_command_check;
ALTER TABLE transitions ADD CONSTRAINT transitions_command_check
    CHECK (command IN ('create', 'submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'revoke', 'notice_end', 'amend', 'reroute',
                       'step', 'step_back', 'assign', 'repin'));

-- The chain covers both. A row without them hashes exactly as before (concat_ws skips the NULLs),
-- so every chain recorded earlier still verifies.
CREATE OR REPLACE FUNCTION award_transition_content(t transitions) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT concat_ws(E'\n', t.nomination_id, t.seq, quote_nullable(t.command), quote_nullable(t.from_state), quote_nullable(t.to_state),
                     t.tier, t.org_id, quote_nullable(t.actor), quote_nullable(t.reason), quote_nullable(t.comment),
                     quote_nullable(t.decision_id), quote_nullable(t.vote_members), quote_nullable(t.vote_present),
                     quote_nullable(t.vote_in_favour), quote_nullable(t.vote_secret), quote_nullable(t.override_reason),
                     to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                     'delegation ' || t.delegation_id || ' for ' || quote_literal(t.on_behalf_of),
                     'step ' || quote_literal(t.step), 'assignee ' || quote_literal(t.assignee))
$$;

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
        WHEN command = 'step' THEN 'step_completed'
        WHEN command = 'step_back' THEN 'step_returned'
        WHEN command = 'assign' THEN 'assigned'
        WHEN command = 'repin' THEN 'repinned'
        ELSE regexp_replace(command, '[^a-z_]', '_', 'g') END
$$;

-- A project taken off an open ballot (hidden by moderation, or withdrawn for another reason)
-- stays listed with when and why; ballots naming it keep their other choices.
ALTER TABLE round_projects ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE round_projects ADD COLUMN withdrawn_reason TEXT;

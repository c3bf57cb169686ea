ALTER TABLE round_projects DROP COLUMN withdrawn_reason;
ALTER TABLE round_projects DROP COLUMN withdrawn_at;

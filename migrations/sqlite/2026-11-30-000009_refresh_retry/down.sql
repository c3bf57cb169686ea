ALTER TABLE refresh_tokens DROP COLUMN retry_closed_at;

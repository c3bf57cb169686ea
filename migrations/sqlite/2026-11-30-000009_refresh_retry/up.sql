-- A used refresh token may be presented once more within a short window (its answer may have
-- been lost); this records when that chance was spent or withdrawn.
ALTER TABLE refresh_tokens ADD COLUMN retry_closed_at TIMESTAMP;

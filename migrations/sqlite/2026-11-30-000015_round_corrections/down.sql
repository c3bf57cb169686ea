ALTER TABLE rounds DROP COLUMN cancelled_at;
ALTER TABLE rounds DROP COLUMN status_reason;

-- Why a round was closed before its time or cancelled. A cancelled round is closed without an
-- outcome; it keeps its record and leaves its envelope free for a new round.
ALTER TABLE rounds ADD COLUMN status_reason TEXT;
ALTER TABLE rounds ADD COLUMN cancelled_at TIMESTAMP;

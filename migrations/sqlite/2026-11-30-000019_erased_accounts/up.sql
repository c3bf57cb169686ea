-- A resident who erased their account: the row stays (their proposals, supports and the
-- rounds they voted in refer to it) with every personal field cleared.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

CREATE TABLE participations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    participated_at TIMESTAMP NOT NULL,
    UNIQUE (round_id, user_id)
);
ALTER TABLE ballots ADD COLUMN receipt TEXT NOT NULL DEFAULT '';
ALTER TABLE ballots RENAME COLUMN sealed TO choices;

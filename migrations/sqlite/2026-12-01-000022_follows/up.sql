-- What a resident follows: a proposal, an area or an edition, once each.
CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    subject TEXT NOT NULL CHECK (subject IN ('proposal', 'area', 'edition')),
    subject_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX follows_once ON follows (user_id, subject, subject_id);
CREATE INDEX follows_subject ON follows (subject, subject_id);

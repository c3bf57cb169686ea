-- Residents' comments on proposals (and on a milestone of their implementation), one level of
-- replies deep. A removed comment keeps its row (its replies hang under it) with its text
-- cleared; a hidden one keeps its text for the moderators.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES comments(id),
    milestone_id BIGINT REFERENCES milestones(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    official BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    removed_at TIMESTAMP,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    hidden_reason TEXT
);
CREATE INDEX comments_proposal ON comments (proposal_id, id);

-- One report per resident per comment; a moderator's decision handles the open ones.
CREATE TABLE comment_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    handled_at TIMESTAMP,
    handled_by BIGINT REFERENCES users(id)
);
CREATE UNIQUE INDEX comment_reports_one_per_reporter ON comment_reports (comment_id, reporter_id);

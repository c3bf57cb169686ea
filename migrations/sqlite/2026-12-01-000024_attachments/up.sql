-- Pictures and PDF files attached to a proposal, to a comment on it or to a milestone of its
-- work. The bytes are in the file store under storage_key (and thumbnail_key for a picture);
-- a picture's bytes are the re-encoded ones, never the upload.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    comment_id BIGINT REFERENCES comments(id),
    milestone_id BIGINT REFERENCES milestones(id),
    uploader_id BIGINT NOT NULL REFERENCES users(id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    file_name TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    thumbnail_key TEXT,
    width INTEGER,
    height INTEGER,
    alt_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    CHECK (comment_id IS NULL OR milestone_id IS NULL)
);
CREATE INDEX attachments_of_proposal ON attachments (proposal_id);

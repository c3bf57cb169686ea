-- The full-text index of proposals and comments: one row per text and language, its words
-- (accents folded by the server) weighed by PostgreSQL's dutch, french or english configuration.
CREATE TABLE search_index (
    kind TEXT NOT NULL CHECK (kind IN ('proposal', 'comment')),
    subject_id BIGINT NOT NULL,
    proposal_id BIGINT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
    document TSVECTOR NOT NULL,
    PRIMARY KEY (kind, subject_id, language)
);
CREATE INDEX search_index_document ON search_index USING GIN (document);

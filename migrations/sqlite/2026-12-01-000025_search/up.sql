-- The full-text index of proposals and comments: one row per text and language. The server
-- writes the stems of the words (Snowball for Dutch, French or English, accents folded), so
-- FTS5 matches a plural against its singular and "eglise" against "église".
CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    body,
    kind UNINDEXED,
    subject_id UNINDEXED,
    proposal_id UNINDEXED,
    language UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The language each text was written in; other languages are translations, each with its history.
ALTER TABLE proposals ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en'));
ALTER TABLE editions ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en'));
ALTER TABLE areas ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en'));
ALTER TABLE edition_categories ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en'));
ALTER TABLE milestones ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en'));

-- Every version of a translation, oldest first: the newest per subject and language is current.
-- title is a proposal's or milestone's title or an edition's, area's or category's name;
-- summary is a proposal's; body is a proposal's body or a milestone's note.
CREATE TABLE translations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL CHECK (subject IN ('proposal', 'edition', 'area', 'category', 'milestone')),
    subject_id BIGINT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
    title TEXT NOT NULL,
    summary TEXT,
    body TEXT,
    edited_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX translations_of ON translations (subject, subject_id, language, id);

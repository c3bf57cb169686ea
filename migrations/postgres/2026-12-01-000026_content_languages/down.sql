DROP TABLE translations;
ALTER TABLE proposals DROP COLUMN language;
ALTER TABLE editions DROP COLUMN language;
ALTER TABLE areas DROP COLUMN language;
ALTER TABLE edition_categories DROP COLUMN language;
ALTER TABLE milestones DROP COLUMN language;

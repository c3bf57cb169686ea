-- An empty ballot counts only in a round that allows abstention; an edition may require a
-- number of votes before a project can be selected.
ALTER TABLE rounds ADD COLUMN allows_abstention BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE editions ADD COLUMN min_votes INTEGER;

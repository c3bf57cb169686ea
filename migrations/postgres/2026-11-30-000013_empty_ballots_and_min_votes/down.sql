ALTER TABLE editions DROP COLUMN min_votes;
ALTER TABLE rounds DROP COLUMN allows_abstention;

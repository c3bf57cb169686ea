DROP TABLE voting_codes;
DROP TABLE participations;
DROP TABLE ballots;
DROP TABLE round_projects;
DROP TABLE rounds;

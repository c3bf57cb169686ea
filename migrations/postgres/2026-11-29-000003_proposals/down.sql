DROP TABLE reviews;
DROP TABLE proposal_reports;
DROP TABLE supports;
DROP TABLE proposal_events;
DROP TABLE proposal_versions;
DROP TABLE proposal_cost_lines;
DROP TABLE proposal_coauthors;
DROP TABLE proposals;

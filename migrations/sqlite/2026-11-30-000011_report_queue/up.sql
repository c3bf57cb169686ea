-- One report per resident per proposal; a moderator's decision on the proposal handles the
-- reports open at that moment. An edition may hide a proposal pending moderation once it has
-- this many open reports.
DELETE FROM proposal_reports WHERE id NOT IN (
    SELECT MIN(id) FROM proposal_reports GROUP BY proposal_id, reporter_id
);
CREATE UNIQUE INDEX proposal_reports_one_per_reporter ON proposal_reports (proposal_id, reporter_id);
ALTER TABLE proposal_reports ADD COLUMN handled_at TIMESTAMP;
ALTER TABLE proposal_reports ADD COLUMN handled_by BIGINT REFERENCES users(id);
ALTER TABLE editions ADD COLUMN report_threshold INTEGER;

ALTER TABLE editions DROP COLUMN report_threshold;
ALTER TABLE proposal_reports DROP COLUMN handled_by;
ALTER TABLE proposal_reports DROP COLUMN handled_at;
DROP INDEX proposal_reports_one_per_reporter;

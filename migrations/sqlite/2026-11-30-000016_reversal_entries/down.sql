ALTER TABLE expenditures DROP COLUMN correction_reason;
ALTER TABLE expenditures DROP COLUMN corrects_id;
ALTER TABLE commitments DROP COLUMN correction_reason;
ALTER TABLE commitments DROP COLUMN corrects_id;
ALTER TABLE fundings DROP COLUMN correction_reason;
ALTER TABLE fundings DROP COLUMN corrects_id;

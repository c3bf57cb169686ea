-- A correction on the books is a reversal: a negative entry that names the entry it corrects
-- and why. Nothing booked is ever edited or deleted.
ALTER TABLE fundings ADD COLUMN corrects_id BIGINT REFERENCES fundings(id);
ALTER TABLE fundings ADD COLUMN correction_reason TEXT;
ALTER TABLE commitments ADD COLUMN corrects_id BIGINT REFERENCES commitments(id);
ALTER TABLE commitments ADD COLUMN correction_reason TEXT;
ALTER TABLE expenditures ADD COLUMN corrects_id BIGINT REFERENCES expenditures(id);
ALTER TABLE expenditures ADD COLUMN correction_reason TEXT;

-- The audit log is append-only in the database itself, and the server seals checkpoints of its
-- head with a key the database does not hold (derived from PSEUDONYM_SECRET): a history
-- rewritten and re-hashed no longer matches the sealed checkpoints.
CREATE TABLE audit_checkpoints (
    entry_id BIGINT PRIMARY KEY,
    entry_hash TEXT NOT NULL,
    seal TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head WHEN NEW.last_id < OLD.last_id
BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;

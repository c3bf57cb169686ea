DROP TRIGGER audit_head_no_delete;
DROP TRIGGER audit_head_forward_only;
DROP TRIGGER audit_checkpoints_no_delete;
DROP TRIGGER audit_checkpoints_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_checkpoints;

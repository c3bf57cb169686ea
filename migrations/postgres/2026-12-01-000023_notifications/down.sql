ALTER TABLE mail_outbox DROP COLUMN notification_kind;
ALTER TABLE mail_outbox DROP COLUMN user_id;
DROP TABLE digests;
DROP TABLE digest_items;
DROP TABLE notification_preferences;

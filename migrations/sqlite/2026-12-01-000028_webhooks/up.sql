-- Webhooks: subscriptions of the city's systems to kinds of event. The signing secret is
-- sealed with a key derived from PSEUDONYM_SECRET (a copy of the database cannot sign).
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    event_types TEXT NOT NULL,
    secret_sealed TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    failures_in_a_row INTEGER NOT NULL DEFAULT 0,
    disabled_at TIMESTAMP,
    disabled_reason TEXT,
    deleted_at TIMESTAMP
);

-- One message to one webhook. Made from the audit log (every reported change is audited in
-- its own transaction, so the log is the outbox); sent, retried and replayed from here.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
    message_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    gave_up_at TIMESTAMP,
    UNIQUE (webhook_id, message_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX webhook_deliveries_of ON webhook_deliveries (webhook_id, id);

-- Every attempt to deliver, for the delivery log.
CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries(id),
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    error TEXT,
    duration_ms BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_of ON webhook_attempts (delivery_id, id);

-- How far into the audit log the deliveries have been made. Moved forward with a compare
-- on its old value, so one process makes each range of deliveries. History from before
-- this migration is not sent.
CREATE TABLE webhook_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_audit_id BIGINT NOT NULL
);
INSERT INTO webhook_cursor (id, last_audit_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

-- The first answer to a request sent with an Idempotency-Key, kept 24 hours so a client whose
-- answer was lost gets it again instead of doing the work twice. The key is stored only as a
-- hash over who sent it, where, and the key itself.
CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    location TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

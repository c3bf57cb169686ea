-- How each resident wants to hear of each kind of event; no row means "immediately".
CREATE TABLE notification_preferences (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('state_change', 'review', 'new_comment', 'round_opening', 'decision', 'milestone')),
    delivery TEXT NOT NULL CHECK (delivery IN ('immediately', 'daily_digest', 'never')),
    PRIMARY KEY (user_id, kind)
);

-- Notifications waiting for the recipient's daily digest, in the recipient's language.
CREATE TABLE digest_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    line TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    digest_day TEXT
);
CREATE INDEX digest_items_waiting ON digest_items (user_id, digest_day);

-- One digest per resident per day: the primary key is the claim every server process races for.
CREATE TABLE digests (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- A notification's recipient and kind, so the sender can add a one-click unsubscribe link.
ALTER TABLE mail_outbox ADD COLUMN user_id BIGINT;
ALTER TABLE mail_outbox ADD COLUMN notification_kind TEXT;

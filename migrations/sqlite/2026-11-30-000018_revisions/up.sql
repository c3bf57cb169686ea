-- Every edit of a milestone, plan item or budget line: what it was, what it became, who
-- changed it, when and why. The record shows the mistake and its correction.
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by BIGINT NOT NULL REFERENCES users(id),
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX revisions_entity ON revisions (entity_type, entity_id, id);

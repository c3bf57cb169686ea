-- The cost lines a department reviewed, per verdict: the breakdown behind the reviewed cost.
CREATE TABLE review_cost_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    verdict_id BIGINT NOT NULL REFERENCES review_verdicts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0)
);
CREATE INDEX review_cost_lines_verdict ON review_cost_lines (verdict_id, position);

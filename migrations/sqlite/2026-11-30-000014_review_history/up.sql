-- Every verdict a department gave, in order; `reviews` keeps the assignment and the latest.
CREATE TABLE review_verdicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    reviewer_id BIGINT NOT NULL REFERENCES users(id),
    verdict TEXT NOT NULL,
    public_explanation TEXT NOT NULL,
    internal_notes TEXT,
    reviewed_cost_cents BIGINT,
    reviewed_at TIMESTAMP NOT NULL
);
CREATE INDEX review_verdicts_proposal ON review_verdicts (proposal_id, id);
INSERT INTO review_verdicts (proposal_id, department, reviewer_id, verdict, public_explanation,
    internal_notes, reviewed_cost_cents, reviewed_at)
SELECT proposal_id, department, reviewer_id, verdict, public_explanation, internal_notes,
    reviewed_cost_cents, reviewed_at
FROM reviews
WHERE verdict IS NOT NULL AND reviewer_id IS NOT NULL AND reviewed_at IS NOT NULL
    AND public_explanation IS NOT NULL;

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id BIGINT NOT NULL REFERENCES editions(id),
    area_id BIGINT REFERENCES areas(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT,
    estimated_cost_cents BIGINT NOT NULL CHECK (estimated_cost_cents >= 0),
    latitude_e6 BIGINT,
    longitude_e6 BIGINT,
    state TEXT NOT NULL,
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    hidden_reason TEXT,
    merged_into_id BIGINT REFERENCES proposals(id),
    support_count BIGINT NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX proposals_edition ON proposals (edition_id, state);
CREATE INDEX proposals_author ON proposals (author_id);

CREATE TABLE proposal_coauthors (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE proposal_cost_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0)
);

CREATE TABLE proposal_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    edited_by BIGINT NOT NULL REFERENCES users(id),
    edited_at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, version)
);

CREATE TABLE proposal_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    actor_id BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id);

CREATE TABLE supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE proposal_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    reporter_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE reviews (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    assigned_by BIGINT NOT NULL REFERENCES users(id),
    assigned_at TIMESTAMP NOT NULL,
    reviewer_id BIGINT REFERENCES users(id),
    verdict TEXT CHECK (verdict IN ('feasible', 'infeasible')),
    public_explanation TEXT,
    internal_notes TEXT,
    reviewed_cost_cents BIGINT CHECK (reviewed_cost_cents >= 0),
    reviewed_at TIMESTAMP
);

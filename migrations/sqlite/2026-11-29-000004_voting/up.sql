CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id BIGINT NOT NULL REFERENCES editions(id),
    area_id BIGINT REFERENCES areas(id),
    scope_key TEXT NOT NULL,
    name TEXT NOT NULL,
    ballot_type TEXT NOT NULL CHECK (ballot_type IN ('approval', 'knapsack', 'cumulative', 'ranked')),
    min_choices INTEGER,
    max_choices INTEGER,
    budget_limit_cents BIGINT,
    min_spend_bp INTEGER,
    points INTEGER,
    max_points_per_project INTEGER,
    rule TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    min_age INTEGER,
    uses_codes BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'open', 'closed')),
    opened_at TIMESTAMP,
    closed_at TIMESTAMP,
    budget_cents BIGINT,
    outcome TEXT,
    engine_version TEXT,
    ballot_count BIGINT,
    ballots_hash TEXT,
    audit_head_hash TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, scope_key)
);

CREATE TABLE round_projects (
    round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    cost_cents BIGINT NOT NULL CHECK (cost_cents >= 0),
    PRIMARY KEY (round_id, proposal_id)
);

CREATE TABLE ballots (
    round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL,
    choices TEXT NOT NULL,
    receipt TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'code')),
    PRIMARY KEY (round_id, pseudonym)
);

CREATE TABLE participations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
    participated_at TIMESTAMP NOT NULL,
    UNIQUE (round_id, user_id)
);

CREATE TABLE voting_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL UNIQUE,
    used_channel TEXT CHECK (used_channel IN ('online', 'paper')),
    created_at TIMESTAMP NOT NULL
);

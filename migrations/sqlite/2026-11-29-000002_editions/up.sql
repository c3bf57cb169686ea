CREATE TABLE editions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    base_cents BIGINT NOT NULL CHECK (base_cents >= 0),
    reserved_bp INTEGER NOT NULL CHECK (reserved_bp BETWEEN 1 AND 10000),
    citywide_bp INTEGER NOT NULL CHECK (citywide_bp BETWEEN 0 AND 10000),
    allocation TEXT NOT NULL CHECK (allocation IN ('equal', 'per_capita', 'needs_weighted')),
    alpha_ppm BIGINT NOT NULL DEFAULT 0 CHECK (alpha_ppm >= 0),
    floor_cents BIGINT NOT NULL DEFAULT 0 CHECK (floor_cents >= 0),
    phase TEXT NOT NULL DEFAULT 'draft',
    phase_changed_at TIMESTAMP NOT NULL,
    rules_frozen_at TIMESTAMP,
    min_cost_cents BIGINT NOT NULL DEFAULT 0,
    max_cost_cents BIGINT,
    support_threshold INTEGER NOT NULL DEFAULT 0,
    max_proposals_per_resident INTEGER,
    ideas_at TIMESTAMP,
    support_at TIMESTAMP,
    review_at TIMESTAMP,
    voting_at TIMESTAMP,
    decision_at TIMESTAMP,
    implementation_at TIMESTAMP,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE edition_areas (
    edition_id BIGINT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES areas(id),
    PRIMARY KEY (edition_id, area_id)
);

CREATE TABLE edition_categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id BIGINT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (edition_id, code)
);

CREATE TABLE envelopes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id BIGINT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    area_id BIGINT REFERENCES areas(id),
    scope_key TEXT NOT NULL,
    explanation TEXT NOT NULL,
    computed_cents BIGINT NOT NULL,
    override_cents BIGINT CHECK (override_cents >= 0),
    override_reason TEXT,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (edition_id, scope_key)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES rounds(id),
    kind TEXT NOT NULL CHECK (kind IN ('approve', 'amend')),
    council_session TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    approved TEXT NOT NULL,
    changes TEXT NOT NULL,
    over_envelope_reason TEXT,
    decided_by BIGINT NOT NULL REFERENCES users(id),
    superseded_by BIGINT REFERENCES decisions(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX decisions_round ON decisions (round_id);

CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('mjp', 'amjp')),
    name TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    council_decision_date TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (sequence)
);

CREATE TABLE objectives (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_version_id BIGINT NOT NULL REFERENCES plan_versions(id),
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (plan_version_id, code)
);

CREATE TABLE action_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    objective_id BIGINT NOT NULL REFERENCES objectives(id),
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (objective_id, code)
);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action_plan_id BIGINT NOT NULL REFERENCES action_plans(id),
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    priority BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (action_plan_id, code)
);

CREATE TABLE policy_fields (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE ledger_accounts (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_version_id BIGINT NOT NULL REFERENCES plan_versions(id),
    fiscal_year INTEGER NOT NULL,
    action_id BIGINT NOT NULL REFERENCES actions(id),
    policy_field_code TEXT NOT NULL REFERENCES policy_fields(code),
    ledger_account_code TEXT NOT NULL REFERENCES ledger_accounts(code),
    planned_cents BIGINT NOT NULL CHECK (planned_cents >= 0),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (plan_version_id, fiscal_year, action_id, policy_field_code, ledger_account_code)
);

CREATE TABLE edition_budget_lines (
    edition_id BIGINT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    budget_line_id BIGINT NOT NULL REFERENCES budget_lines(id),
    PRIMARY KEY (edition_id, budget_line_id)
);

CREATE TABLE fundings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    budget_line_id BIGINT NOT NULL REFERENCES budget_lines(id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    kind TEXT NOT NULL CHECK (kind IN ('purchase', 'operating_subsidy', 'investment_subsidy', 'own_execution')),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX fundings_line ON fundings (budget_line_id);
CREATE INDEX fundings_proposal ON fundings (proposal_id);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    funding_id BIGINT NOT NULL REFERENCES fundings(id),
    erp_reference TEXT NOT NULL,
    committed_on TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    third_party TEXT NOT NULL,
    overrun_reason TEXT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE expenditures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id BIGINT NOT NULL REFERENCES commitments(id),
    reference TEXT NOT NULL,
    spent_on TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    overrun_reason TEXT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    progress_pct INTEGER NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
    due_on TEXT,
    note TEXT,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

-- Policy fields (beleidsvelden) of the Flemish BBC whose codes and names are beyond doubt;
-- finance adds the rest of the national list with POST /api/v1/policy-fields.
INSERT INTO policy_fields (code, name) VALUES
    ('0010', 'Algemene financiering'),
    ('0020', 'Fiscale aangelegenheden'),
    ('0030', 'Financiële aangelegenheden'),
    ('0040', 'Transacties in verband met de openbare schuld'),
    ('0050', 'Patrimonium zonder maatschappelijk doel'),
    ('0090', 'Overige algemene financiering'),
    ('0100', 'Politieke organen'),
    ('0110', 'Secretariaat'),
    ('0111', 'Fiscale en financiële diensten'),
    ('0112', 'Personeelsdienst en vorming'),
    ('0119', 'Overige algemene diensten'),
    ('0160', 'Hulp aan het buitenland'),
    ('0200', 'Wegen'),
    ('0210', 'Openbaar vervoer'),
    ('0400', 'Politiediensten'),
    ('0410', 'Brandweer'),
    ('0500', 'Handel en middenstand'),
    ('0510', 'Nijverheid'),
    ('0520', 'Land-, tuin- en bosbouw'),
    ('0600', 'Gebiedsontwikkeling'),
    ('0630', 'Drinkwatervoorziening'),
    ('0670', 'Straatverlichting'),
    ('0680', 'Groene ruimte'),
    ('0790', 'Erediensten'),
    ('0800', 'Gewoon basisonderwijs');

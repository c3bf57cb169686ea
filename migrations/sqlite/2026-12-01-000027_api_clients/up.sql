-- Systems of the city (its finance package, its open-data portal, a paper-ballot scanner) that
-- call the API on their own behalf. Each acts through an account of its own (user_id), so
-- that everything it does is attributed to it like a person's work; it holds scopes, not
-- roles. The secret is kept only as a SHA-256 hash: it is 256 random bits, shown once.
CREATE TABLE api_clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    user_id BIGINT NOT NULL UNIQUE REFERENCES users(id),
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);

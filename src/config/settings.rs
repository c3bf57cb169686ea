//! Every setting, documented once: its variable, its default and what it does.

/// One configurable setting: its environment variable, its default and what it does.
/// The same table feeds `wijkbudget --help` and the loader, so they cannot drift apart.
pub struct SettingDoc {
    pub env: &'static str,
    pub default: &'static str,
    pub help: &'static str,
}

pub const SETTINGS: &[SettingDoc] = &[
    SettingDoc {
        env: "BIND",
        default: "127.0.0.1:8080",
        help: "address and port the HTTP API listens on",
    },
    SettingDoc {
        env: "DATA_DIR",
        default: "./data",
        help: "folder for the SQLite database, the generated secrets and the file outbox",
    },
    SettingDoc {
        env: "DATABASE_URL",
        default: "sqlite://DATA_DIR/wijkbudget.db",
        help: "sqlite://PATH, a plain file path (SQLite), or postgres://USER@HOST/DB",
    },
    SettingDoc {
        env: "DATABASE_POOL_SIZE",
        default: "8",
        help: "database connections per process (1..=200)",
    },
    SettingDoc {
        env: "JWT_SECRET",
        default: "generated once into DATA_DIR/jwt_secret",
        help: "HMAC key for access tokens, at least 32 bytes; set it when several processes share a database",
    },
    SettingDoc {
        env: "PSEUDONYM_SECRET",
        default: "generated once into DATA_DIR/pseudonym_secret",
        help: "key that turns a voter into a per-round ballot pseudonym, at least 32 bytes; must be the same for every process and never change during a vote",
    },
    SettingDoc {
        env: "MAIL_URL",
        default: "file://DATA_DIR/outbox",
        help: "smtp://USER:PASS@HOST:PORT (STARTTLS), smtps://… (TLS), smtp+plain://HOST:PORT (no TLS, for a local catcher), file://DIR (one .eml per message) or log",
    },
    SettingDoc {
        env: "MAIL_FROM",
        default: "wijkbudget <no-reply@localhost>",
        help: "sender address of every e-mail",
    },
    SettingDoc {
        env: "PUBLIC_URL",
        default: "http://127.0.0.1:8080",
        help: "where residents reach the site; used for links in e-mail",
    },
    SettingDoc {
        env: "STORAGE_URL",
        default: "file://DATA_DIR/files",
        help: "where uploaded pictures and files are kept: file://DIR, or s3://BUCKET (S3-compatible object storage; then S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)",
    },
    SettingDoc {
        env: "S3_ENDPOINT",
        default: "(the provider's)",
        help: "address of an S3-compatible service, e.g. http://127.0.0.1:9000 (http:// is allowed only when written here)",
    },
    SettingDoc {
        env: "S3_REGION",
        default: "us-east-1",
        help: "region of the S3 bucket",
    },
    SettingDoc {
        env: "S3_ACCESS_KEY_ID",
        default: "(none)",
        help: "access key of the S3 bucket (with S3_SECRET_ACCESS_KEY)",
    },
    SettingDoc {
        env: "S3_SECRET_ACCESS_KEY",
        default: "(none)",
        help: "secret key of the S3 bucket",
    },
    SettingDoc {
        env: "DIGEST_HOUR",
        default: "7",
        help: "hour of the day (UTC, 0..=23) from which each resident's daily digest of notifications is sent",
    },
    SettingDoc {
        env: "OIDC_ISSUER",
        default: "(none: passwords only)",
        help: "the city's OpenID Connect provider (eID/itsme through a broker); residents may sign in with it",
    },
    SettingDoc {
        env: "OIDC_CLIENT_ID",
        default: "(none)",
        help: "this service's client id at the provider (redirect URI: PUBLIC_URL/auth/oidc/callback)",
    },
    SettingDoc {
        env: "OIDC_CLIENT_SECRET",
        default: "(none)",
        help: "this service's client secret at the provider",
    },
    SettingDoc {
        env: "OIDC_LABEL",
        default: "eID / itsme",
        help: "what the sign-in button names",
    },
    SettingDoc {
        env: "OIDC_RESIDENCY_CLAIM",
        default: "(none)",
        help: "the verified claim that says where a resident lives, e.g. address.postal_code",
    },
    SettingDoc {
        env: "OIDC_RESIDENCY_AREAS",
        default: "(none)",
        help: "which area each value of that claim means: VALUE=AREA_CODE,…",
    },
    SettingDoc {
        env: "OIDC_BIRTHDATE",
        default: "false",
        help: "take the provider's birthdate claim as the resident's birth date (age limits of rounds)",
    },
    SettingDoc {
        env: "CORS_ORIGINS",
        default: "(none)",
        help: "comma-separated origins allowed to call the API from a browser, or * for any",
    },
    SettingDoc {
        env: "TRUST_FORWARDED_FOR",
        default: "false",
        help: "take the client address from X-Forwarded-For (only behind a proxy you control)",
    },
    SettingDoc {
        env: "PASSWORD_HASH_CONCURRENCY",
        default: "number of CPUs",
        help: "password hashes (19 MiB each) that may run at once; more wait, then get 503",
    },
    SettingDoc {
        env: "PASSWORD_HASH_WAIT_MS",
        default: "2000",
        help: "how long a login or sign-up waits for a free hashing slot before it gets 503",
    },
    SettingDoc {
        env: "WORKERS",
        default: "number of CPUs",
        help: "HTTP worker threads",
    },
    SettingDoc {
        env: "LOG",
        default: "info",
        help: "log filter, e.g. info or wijkbudget=debug,actix_web=warn",
    },
    SettingDoc {
        env: "LOG_FORMAT",
        default: "text",
        help: "text or json",
    },
    SettingDoc {
        env: "METRICS_TOKEN",
        default: "(none: /metrics is open)",
        help: "bearer token (at least 32 bytes) a Prometheus scraper must send to read /metrics",
    },
    SettingDoc {
        env: "JOB_LAG_LIMIT",
        default: "60",
        help: "seconds a background job may go without succeeding before /ready answers 503",
    },
    SettingDoc {
        env: "WEBHOOK_DISABLE_AFTER",
        default: "50",
        help: "failed deliveries in a row after which a webhook is switched off and the administrators get a mail",
    },
];

//! Settings. Each one comes from its environment variable, else from the optional TOML file
//! (`wijkbudget.toml` in the working directory, or the file named by `WIJKBUDGET_CONFIG`), else
//! from its default. A setting that cannot be used stops start-up with one line naming it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rand::RngCore;

use crate::storage::Storage;

mod identity;
mod operations;
mod settings;

pub use identity::IdentityProvider;
pub use operations::Operations;

pub use settings::{SETTINGS, SettingDoc};

/// A setting that cannot be used, with the name of the setting.
#[derive(Debug)]
pub struct ConfigError {
    pub setting: String,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "setting {}: {}", self.setting, self.reason)
    }
}

impl std::error::Error for ConfigError {}

fn invalid(setting: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        setting: setting.to_string(),
        reason: reason.into(),
    }
}

/// Where the data lives.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(invalid("DATABASE_URL", "is empty"));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_string()));
        }
        if raw == ":memory:" || raw.contains("mode=memory") {
            return Err(invalid(
                "DATABASE_URL",
                "an in-memory SQLite database cannot be shared by a connection pool; use a file",
            ));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.contains("://") {
            return Err(invalid(
                "DATABASE_URL",
                format!(
                    "unsupported scheme in {path:?}; use sqlite://PATH, a file path or postgres://…"
                ),
            ));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

/// Shown in logs: never the password of a PostgreSQL URL.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(scheme_end), Some(at)) if at > scheme_end => {
                        format!("{}://***{}", &url[..scheme_end], &url[at..])
                    }
                    _ => url.clone(),
                };
                f.write_str(&shown)
            }
        }
    }
}

/// How e-mail leaves the system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailTransport {
    /// `smtp://` (STARTTLS required), `smtps://` (implicit TLS) or `smtp+plain://` (no TLS).
    Smtp { url: String },
    /// One `.eml` file per message in this folder.
    File(PathBuf),
    /// Only a log line per message (the body is never logged).
    Log,
}

/// A secret key that never appears in a log.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    pub const MIN_BYTES: usize = 32;

    pub fn new(bytes: Vec<u8>, setting: &str) -> Result<Self, ConfigError> {
        if bytes.len() < Self::MIN_BYTES {
            return Err(invalid(
                setting,
                format!(
                    "is {} bytes long; it must be at least {} bytes (256 bits)",
                    bytes.len(),
                    Self::MIN_BYTES
                ),
            ));
        }
        Ok(Self(bytes))
    }

    pub fn random() -> Self {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// A key for one purpose, derived from this one (HMAC-SHA256 of the purpose), so that one
    /// configured secret serves several uses without one use revealing another's key.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        hmac_sha256(&self.0, purpose.as_bytes())
    }

    /// An HMAC of `message` under the key derived for `purpose`.
    pub fn sign(&self, purpose: &str, message: &str) -> [u8; 32] {
        hmac_sha256(&self.derive(purpose), message.as_bytes())
    }
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(message);
    mac.finalize().into_bytes().into()
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Everything the service needs to start, checked.
impl Config {
    /// The pseudonym key's file when it lies in the folder of the SQLite database it protects:
    /// then one copy of that folder holds both the sealed ballots and the key that opens them.
    pub fn pseudonym_secret_beside_database(&self) -> Option<&Path> {
        let file = self.pseudonym_secret_file.as_deref()?;
        match &self.database_url {
            DatabaseUrl::Sqlite(database) if database.parent() == file.parent() => Some(file),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub pool_size: u32,
    pub jwt_secret: SecretKey,
    pub pseudonym_secret: SecretKey,
    /// Where the pseudonym key is kept when it was not configured but generated into the data
    /// folder.
    pub pseudonym_secret_file: Option<PathBuf>,
    pub mail_transport: MailTransport,
    pub mail_from: String,
    pub public_url: String,
    /// The hour (UTC) from which daily digests go out.
    pub digest_hour: u32,
    /// Where uploaded files are kept.
    pub storage: Storage,
    pub cors_origins: Vec<String>,
    pub trust_forwarded_for: bool,
    pub workers: usize,
    pub password_hash_concurrency: usize,
    pub password_hash_wait: std::time::Duration,
    pub log_filter: String,
    pub log_format: LogFormat,
    /// Metrics and readiness.
    pub operations: Operations,
    /// Sign-in with the city's identity provider, when configured.
    pub identity_provider: Option<IdentityProvider>,
}

/// Raw setting values as found in the environment and the TOML file.
pub struct RawSettings {
    values: BTreeMap<&'static str, String>,
}

impl RawSettings {
    /// Reads the process environment and the TOML file.
    pub fn from_environment() -> Result<Self, ConfigError> {
        let file_values = read_toml_file()?;
        Ok(Self::from_sources(
            |name| std::env::var(name).ok(),
            &file_values,
        ))
    }

    /// Builds the raw values from a lookup function (environment) over file values.
    pub fn from_sources(
        env: impl Fn(&str) -> Option<String>,
        file_values: &BTreeMap<String, String>,
    ) -> Self {
        let mut values = BTreeMap::new();
        for setting in SETTINGS {
            let from_env = env(setting.env).filter(|v| !v.trim().is_empty());
            let from_file = || file_values.get(&setting.env.to_ascii_lowercase()).cloned();
            if let Some(value) = from_env.or_else(from_file) {
                values.insert(setting.env, value);
            }
        }
        Self { values }
    }

    /// The log filter and format, read first so that later start-up steps can log.
    pub fn log_settings(&self) -> (String, Option<LogFormat>) {
        let format = match self.get("LOG_FORMAT") {
            Some("json") => Some(LogFormat::Json),
            Some("text") | None => Some(LogFormat::Text),
            Some(_) => None,
        };
        (self.get("LOG").unwrap_or("info").to_string(), format)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(|v| v.trim())
    }

    /// Validates every setting; generates and keeps missing secrets in the data folder. One
    /// statement per setting, in the order the README documents them, so it stays one piece.
    pub fn into_config(self) -> Result<Config, ConfigError> {
        let data_dir = PathBuf::from(self.get("DATA_DIR").unwrap_or("./data"));
        let database_url = match self.get("DATABASE_URL") {
            Some(raw) => DatabaseUrl::parse(raw)?,
            None => DatabaseUrl::Sqlite(data_dir.join("wijkbudget.db")),
        };
        let pool_size = parse_number::<u32>(&self, "DATABASE_POOL_SIZE", 8)?;
        if !(1..=200).contains(&pool_size) {
            return Err(invalid("DATABASE_POOL_SIZE", "must be between 1 and 200"));
        }
        let workers = parse_number::<usize>(
            &self,
            "WORKERS",
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )?;
        if !(1..=256).contains(&workers) {
            return Err(invalid("WORKERS", "must be between 1 and 256"));
        }
        let password_hash_concurrency = parse_number::<usize>(
            &self,
            "PASSWORD_HASH_CONCURRENCY",
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )?;
        if !(1..=1024).contains(&password_hash_concurrency) {
            return Err(invalid(
                "PASSWORD_HASH_CONCURRENCY",
                "must be between 1 and 1024",
            ));
        }
        let password_hash_wait_ms = parse_number::<u64>(&self, "PASSWORD_HASH_WAIT_MS", 2000)?;
        if password_hash_wait_ms > 60_000 {
            return Err(invalid("PASSWORD_HASH_WAIT_MS", "must be at most 60000"));
        }
        let jwt_secret = self.secret("JWT_SECRET", &data_dir, "jwt_secret")?;
        let pseudonym_secret = self.secret("PSEUDONYM_SECRET", &data_dir, "pseudonym_secret")?;
        let pseudonym_secret_file = self
            .get("PSEUDONYM_SECRET")
            .is_none()
            .then(|| data_dir.join("pseudonym_secret"));
        let mail_transport = match self.get("MAIL_URL") {
            Some(raw) => parse_mail_url(raw)?,
            None => MailTransport::File(data_dir.join("outbox")),
        };
        let mail_from = self
            .get("MAIL_FROM")
            .unwrap_or("wijkbudget <no-reply@localhost>")
            .to_string();
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(invalid("MAIL_FROM", "is not an e-mail address"));
        }
        let public_url = self
            .get("PUBLIC_URL")
            .unwrap_or("http://127.0.0.1:8080")
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(invalid("PUBLIC_URL", "must start with http:// or https://"));
        }
        let storage = match self.get("STORAGE_URL") {
            None => Storage::Local(data_dir.join("files")),
            Some(raw) => self.storage(raw)?,
        };
        let digest_hour = parse_number::<u32>(&self, "DIGEST_HOUR", 7)?;
        if digest_hour > 23 {
            return Err(invalid("DIGEST_HOUR", "must be an hour between 0 and 23"));
        }
        let cors_origins = self
            .get("CORS_ORIGINS")
            .map(|raw| {
                raw.split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_string())
                    .filter(|o| !o.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for origin in &cors_origins {
            if origin != "*" && !(origin.starts_with("http://") || origin.starts_with("https://")) {
                return Err(invalid(
                    "CORS_ORIGINS",
                    format!("{origin:?} is not an origin like https://example.org"),
                ));
            }
        }
        let trust_forwarded_for = match self.get("TRUST_FORWARDED_FOR") {
            None => false,
            Some(v) => parse_bool(v)
                .ok_or_else(|| invalid("TRUST_FORWARDED_FOR", "must be true or false"))?,
        };
        let operations = self.operations()?;
        let identity_provider = self.identity_provider()?;
        let log_format = match self.get("LOG_FORMAT").unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            _ => return Err(invalid("LOG_FORMAT", "must be text or json")),
        };
        Ok(Config {
            bind: self.get("BIND").unwrap_or("127.0.0.1:8080").to_string(),
            data_dir,
            database_url,
            pool_size,
            jwt_secret,
            pseudonym_secret,
            pseudonym_secret_file,
            mail_transport,
            mail_from,
            public_url,
            digest_hour,
            storage,
            cors_origins,
            trust_forwarded_for,
            workers,
            password_hash_concurrency,
            password_hash_wait: std::time::Duration::from_millis(password_hash_wait_ms),
            log_filter: self.get("LOG").unwrap_or("info").to_string(),
            log_format,
            operations,
            identity_provider,
        })
    }

    /// `file://DIR` or `s3://BUCKET` with the `S3_*` settings.
    fn storage(&self, raw: &str) -> Result<Storage, ConfigError> {
        if let Some(dir) = raw.strip_prefix("file://") {
            if dir.is_empty() {
                return Err(invalid("STORAGE_URL", "file:// needs a folder"));
            }
            return Ok(Storage::Local(PathBuf::from(dir)));
        }
        let Some(bucket) = raw.strip_prefix("s3://") else {
            return Err(invalid(
                "STORAGE_URL",
                format!("{raw:?} is neither file://DIR nor s3://BUCKET"),
            ));
        };
        let bucket = bucket.trim_end_matches('/');
        if bucket.is_empty() || bucket.contains('/') {
            return Err(invalid(
                "STORAGE_URL",
                "s3:// needs a bucket name and nothing more",
            ));
        }
        let endpoint = self.get("S3_ENDPOINT").map(str::to_string);
        if let Some(endpoint) = &endpoint
            && !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
        {
            return Err(invalid(
                "S3_ENDPOINT",
                "must start with http:// or https://",
            ));
        }
        let access_key_id = self.get("S3_ACCESS_KEY_ID").map(str::to_string);
        let secret_access_key = self.get("S3_SECRET_ACCESS_KEY").map(str::to_string);
        if access_key_id.is_some() != secret_access_key.is_some() {
            return Err(invalid(
                "S3_SECRET_ACCESS_KEY",
                "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together",
            ));
        }
        Ok(Storage::S3 {
            bucket: bucket.to_string(),
            endpoint,
            region: self.get("S3_REGION").unwrap_or("us-east-1").to_string(),
            access_key_id,
            secret_access_key,
        })
    }

    fn secret(&self, setting: &str, data_dir: &Path, file: &str) -> Result<SecretKey, ConfigError> {
        if let Some(value) = self.get(setting) {
            return SecretKey::new(value.as_bytes().to_vec(), setting);
        }
        load_or_generate_secret(&data_dir.join(file), setting)
    }
}

fn parse_number<T: std::str::FromStr>(
    raw: &RawSettings,
    setting: &str,
    default: T,
) -> Result<T, ConfigError> {
    match raw.get(setting) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| invalid(setting, format!("{v:?} is not a whole number"))),
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_mail_url(raw: &str) -> Result<MailTransport, ConfigError> {
    if raw == "log" {
        return Ok(MailTransport::Log);
    }
    if let Some(dir) = raw.strip_prefix("file://") {
        if dir.is_empty() {
            return Err(invalid("MAIL_URL", "file:// needs a folder"));
        }
        return Ok(MailTransport::File(PathBuf::from(dir)));
    }
    if raw.starts_with("smtp://") || raw.starts_with("smtps://") || raw.starts_with("smtp+plain://")
    {
        return Ok(MailTransport::Smtp {
            url: raw.to_string(),
        });
    }
    Err(invalid(
        "MAIL_URL",
        "must be smtp://…, smtps://…, smtp+plain://…, file://DIR or log",
    ))
}

/// Reads a key kept from an earlier start, or makes one and keeps it (readable by the owner only).
fn load_or_generate_secret(path: &Path, setting: &str) -> Result<SecretKey, ConfigError> {
    match std::fs::read(path) {
        Ok(bytes) => SecretKey::new(bytes, setting),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    invalid(setting, format!("cannot create {}: {e}", dir.display()))
                })?;
            }
            let key = SecretKey::random();
            write_private_file(path, key.bytes())
                .map_err(|e| invalid(setting, format!("cannot write {}: {e}", path.display())))?;
            tracing::warn!(
                setting,
                path = %path.display(),
                "no key configured: generated one and kept it in the data folder"
            );
            Ok(key)
        }
        Err(e) => Err(invalid(
            setting,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Reads `WIJKBUDGET_CONFIG` (which must exist) or `./wijkbudget.toml` (when present).
fn read_toml_file() -> Result<BTreeMap<String, String>, ConfigError> {
    let (path, required) = match std::env::var("WIJKBUDGET_CONFIG") {
        Ok(path) if !path.is_empty() => (PathBuf::from(path), true),
        _ => (PathBuf::from("wijkbudget.toml"), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(BTreeMap::new());
        }
        Err(e) => {
            return Err(invalid(
                "WIJKBUDGET_CONFIG",
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    };
    parse_toml_settings(&text)
        .map_err(|reason| invalid("WIJKBUDGET_CONFIG", format!("{}: {reason}", path.display())))
}

/// Keys are the lower-case setting names (`bind = "0.0.0.0:8080"`); unknown keys are refused.
pub fn parse_toml_settings(text: &str) -> Result<BTreeMap<String, String>, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| e.message().to_string())?;
    let mut values = BTreeMap::new();
    for (key, value) in table {
        if !SETTINGS.iter().any(|s| s.env.eq_ignore_ascii_case(&key)) {
            return Err(format!("unknown setting {key:?}"));
        }
        let text = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Array(items) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| i.to_string())
                })
                .collect::<Vec<_>>()
                .join(","),
            other => return Err(format!("{key}: unsupported value {other}")),
        };
        values.insert(key.to_ascii_lowercase(), text);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawSettings {
        let map: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        RawSettings::from_sources(|name| map.get(name).cloned(), &BTreeMap::new())
    }

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn database_url_accepts_sqlite_forms_and_postgres() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").ok(),
            Some(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("/var/lib/w.db").ok(),
            Some(DatabaseUrl::Sqlite("/var/lib/w.db".into()))
        );
        assert!(DatabaseUrl::parse("postgres://u@h/db").is_ok_and(|u| u.is_postgres()));
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse(":memory:").is_err());
    }

    #[test]
    fn postgres_password_is_hidden_in_debug_output() {
        let url = DatabaseUrl::parse("postgres://app:hunter2@db:5432/w").ok();
        let shown = format!("{url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("@db:5432/w"));
    }

    #[test]
    fn short_jwt_secret_is_refused_naming_the_setting() {
        let err = raw(&[("JWT_SECRET", "short"), ("PSEUDONYM_SECRET", KEY)])
            .into_config()
            .err();
        assert_eq!(err.map(|e| e.setting), Some("JWT_SECRET".to_string()));
    }

    #[test]
    fn unusable_values_name_their_setting() {
        for (name, value) in [
            ("DATABASE_POOL_SIZE", "lots"),
            ("DATABASE_POOL_SIZE", "0"),
            ("WORKERS", "-1"),
            ("MAIL_URL", "pigeon://x"),
            ("PUBLIC_URL", "example.org"),
            ("CORS_ORIGINS", "example.org"),
            ("LOG_FORMAT", "xml"),
            ("TRUST_FORWARDED_FOR", "maybe"),
            ("MAIL_FROM", "not an address"),
        ] {
            let err = raw(&[
                (name, value),
                ("JWT_SECRET", KEY),
                ("PSEUDONYM_SECRET", KEY),
            ])
            .into_config()
            .err();
            assert_eq!(
                err.map(|e| e.setting),
                Some(name.to_string()),
                "{name}={value}"
            );
        }
    }

    #[test]
    fn defaults_work_with_only_secrets_given() {
        let config = raw(&[("JWT_SECRET", KEY), ("PSEUDONYM_SECRET", KEY)]).into_config();
        let config = config.ok();
        assert_eq!(
            config.as_ref().map(|c| c.bind.as_str()),
            Some("127.0.0.1:8080")
        );
        assert_eq!(
            config.map(|c| c.database_url),
            Some(DatabaseUrl::Sqlite(PathBuf::from("./data/wijkbudget.db")))
        );
    }

    #[test]
    fn toml_file_values_apply_below_the_environment() {
        let file =
            parse_toml_settings("bind = \"0.0.0.0:9000\"\nlog = \"debug\"\n").unwrap_or_default();
        let settings =
            RawSettings::from_sources(|name| (name == "LOG").then(|| "warn".to_string()), &file);
        assert_eq!(settings.get("BIND"), Some("0.0.0.0:9000"));
        assert_eq!(settings.get("LOG"), Some("warn"));
        assert!(parse_toml_settings("colour = \"blue\"").is_err());
    }

    #[test]
    fn generated_secret_is_kept_between_starts() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        let path = dir.path().join("sub").join("key");
        let first = load_or_generate_secret(&path, "JWT_SECRET").map(|k| k.bytes().to_vec());
        let second = load_or_generate_secret(&path, "JWT_SECRET").map(|k| k.bytes().to_vec());
        assert!(first.is_ok());
        assert_eq!(first.ok(), second.ok());
    }
}

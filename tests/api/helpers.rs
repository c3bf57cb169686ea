#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;
use wijkbudget::config::{Config, DatabaseUrl, LogFormat, MailTransport, SecretKey};
use wijkbudget::startup::Application;

use crate::postgres::{TemporaryPostgresDatabase, create_postgres_database};

/// A running server with its own database, removed again when the test ends.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub data_dir: PathBuf,
    pub config: Config,
    _dir: tempfile::TempDir,
    _postgres: Option<TemporaryPostgresDatabase>,
}

pub fn test_config(dir: &std::path::Path) -> (Config, Option<TemporaryPostgresDatabase>) {
    let (database_url, postgres) = match std::env::var("TEST_DATABASE_URL") {
        Ok(server_url) if !server_url.is_empty() => {
            let (url, db) = create_postgres_database(&server_url);
            (DatabaseUrl::Postgres(url), Some(db))
        }
        _ => (DatabaseUrl::Sqlite(dir.join("test.db")), None),
    };
    let config = Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.to_path_buf(),
        database_url,
        pool_size: 8,
        jwt_secret: SecretKey::random(),
        // Printable, so `wijkbudget audit verify` can be given the same key in its environment.
        pseudonym_secret: SecretKey::new(
            uuid::Uuid::new_v4().simple().to_string().into_bytes(),
            "PSEUDONYM_SECRET",
        )
        .unwrap(),
        pseudonym_secret_file: None,
        mail_transport: MailTransport::File(dir.join("outbox")),
        mail_from: "wijkbudget <no-reply@localhost>".into(),
        public_url: "http://wijkbudget.test".into(),
        digest_hour: 7,
        storage: wijkbudget::storage::Storage::Local(dir.join("files")),
        cors_origins: vec![],
        trust_forwarded_for: false,
        workers: 2,
        password_hash_concurrency: 4,
        password_hash_wait: std::time::Duration::from_secs(2),
        log_filter: "warn".into(),
        log_format: LogFormat::Text,
        operations: wijkbudget::config::Operations::default(),
        identity_provider: None,
    };
    (config, postgres)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (mut config, postgres) = test_config(dir.path());
    adjust(&mut config);
    let app = Application::build(config.clone())
        .await
        .expect("application starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        data_dir: dir.path().to_path_buf(),
        config,
        _dir: dir,
        _postgres: postgres,
    }
}

impl TestApp {
    /// Another server process on the same database and configuration, as a second machine
    /// behind a load balancer would run; returns its address.
    pub async fn second_process(&self) -> String {
        let app = Application::build(self.config.clone())
            .await
            .expect("second process starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }
}

/// A response read whole: status, headers and body (JSON when it parses).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    pub fn content_type(&self) -> String {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }

    /// Asserts a problem+json answer with this status and code; returns the body.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", self.text);
        assert!(
            self.content_type().starts_with("application/problem+json"),
            "content type {:?}, body {}",
            self.content_type(),
            self.text
        );
        let body = self.json();
        assert_eq!(body["code"], code, "body: {}", self.text);
        assert_eq!(body["status"], status);
        body
    }

    /// The field names of a 422's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        Reply {
            status,
            headers,
            text,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        let mut request = self.client.delete(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    pub async fn post(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.with_body(reqwest::Method::POST, path, body, token)
            .await
    }

    pub async fn put(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.with_body(reqwest::Method::PUT, path, body, token)
            .await
    }

    pub async fn patch(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.with_body(reqwest::Method::PATCH, path, body, token)
            .await
    }

    pub async fn with_body(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &Value,
        token: Option<&str>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }
}

/// Decodes the body of an .eml file (7bit, quoted-printable or base64).
fn eml_body(raw: &str) -> String {
    let (headers, body) = raw
        .split_once("\r\n\r\n")
        .or_else(|| raw.split_once("\n\n"))
        .unwrap_or(("", raw));
    let headers = headers.to_ascii_lowercase();
    if headers.contains("content-transfer-encoding: base64") {
        use base64::Engine;
        let joined: String = body.split_whitespace().collect();
        return String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap_or_default(),
        )
        .unwrap_or_default();
    }
    if headers.contains("content-transfer-encoding: quoted-printable") {
        let unfolded = body.replace("=\r\n", "").replace("=\n", "");
        let bytes = unfolded.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'='
                && i + 2 < bytes.len()
                && let Ok(b) = u8::from_str_radix(&unfolded[i + 1..i + 3], 16)
            {
                out.push(b);
                i += 3;
                continue;
            }
            out.push(bytes[i]);
            i += 1;
        }
        return String::from_utf8_lossy(&out).into_owned();
    }
    body.to_string()
}

/// A delivered message.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub raw: String,
}

impl Mail {
    /// A header's value, unfolded; `None` when the message does not have it.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let prefix = format!("{}: ", name.to_ascii_lowercase());
        unfolded
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }
}

#[derive(Clone)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub password: String,
    pub token: String,
    pub refresh_token: String,
}

pub const PASSWORD: &str = "stille wilgen langs de vaart";

impl TestApp {
    /// Every message the file transport has delivered so far.
    pub fn delivered_mail(&self) -> Vec<Mail> {
        let dir = self.data_dir.join("outbox");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return vec![];
        };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|raw| {
                let header = |name: &str| {
                    raw.lines()
                        .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}: ")))
                        .map(|l| l[name.len() + 2..].trim().to_string())
                        .unwrap_or_default()
                };
                Mail {
                    to: header("to"),
                    subject: header("subject"),
                    body: eml_body(&raw),
                    raw: raw.clone(),
                }
            })
            .collect()
    }

    /// Waits (up to 15 s) for a message to `to` whose body contains `needle`.
    pub async fn wait_for_mail(&self, to: &str, needle: &str) -> Mail {
        for _ in 0..150 {
            if let Some(mail) = self
                .delivered_mail()
                .into_iter()
                .find(|m| m.to.contains(to) && m.body.contains(needle))
            {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("no mail to {to} containing {needle:?}");
    }

    /// The token of the newest link `…/{page}?token=…` mailed to `to`.
    pub async fn mailed_token(&self, to: &str, page: &str) -> String {
        let mail = self.wait_for_mail(to, &format!("/{page}?token=")).await;
        let marker = format!("/{page}?token=");
        let start = mail.body.find(&marker).unwrap() + marker.len();
        mail.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    pub fn db(&self) -> wijkbudget::db::PooledConnection {
        wijkbudget::db::connect(&self.config.database_url, 1)
            .unwrap()
            .get()
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/auth/login",
            &serde_json::json!({"email": email, "password": password}),
            None,
        )
        .await
    }

    /// Registers, verifies by the mailed link and signs in. Each resident registers from an
    /// address of their own, which counts only where the app trusts `X-Forwarded-For`.
    pub async fn resident(&self, name: &str) -> Account {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let own_address = {
            let n = email
                .bytes()
                .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()));
            format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, n & 255)
        };
        let reply = self
            .send(
                self.client
                    .post(self.url("/api/v1/auth/register"))
                    .header("x-forwarded-for", own_address)
                    .json(&serde_json::json!({"email": email, "password": PASSWORD, "display_name": name})),
            )
            .await;
        assert_eq!(reply.status, 202, "{}", reply.text);
        let token = self.mailed_token(&email, "verify-email").await;
        let verified = self
            .post(
                "/api/v1/auth/verify-email",
                &serde_json::json!({"token": token}),
                None,
            )
            .await;
        assert_eq!(verified.status, 204, "{}", verified.text);
        self.sign_in(&email, PASSWORD).await
    }

    /// Registers without verifying the address, then signs in.
    pub async fn unverified_resident(&self, name: &str) -> Account {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let reply = self
            .post(
                "/api/v1/auth/register",
                &serde_json::json!({"email": email, "password": PASSWORD, "display_name": name}),
                None,
            )
            .await;
        assert_eq!(reply.status, 202, "{}", reply.text);
        self.sign_in(&email, PASSWORD).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Account {
        let login = self.login(email, password).await;
        assert_eq!(login.status, 200, "{}", login.text);
        let body = login.json();
        let token = body["access_token"].as_str().unwrap().to_string();
        let me = self.get("/api/v1/me", Some(&token)).await.json();
        Account {
            id: me["id"].as_i64().unwrap(),
            email: email.to_string(),
            password: password.to_string(),
            token,
            refresh_token: body["refresh_token"].as_str().unwrap().to_string(),
        }
    }

    /// The first administrator, made the way an operator makes one: `create-admin`.
    pub async fn admin(&self) -> Account {
        let email = "admin@stad.example";
        let mut conn = self.db();
        wijkbudget::service::accounts::create_admin(&mut conn, email, PASSWORD).unwrap();
        self.sign_in(email, PASSWORD).await
    }

    /// A signed-in account with a role granted by the administrator.
    pub async fn with_role(
        &self,
        admin: &Account,
        name: &str,
        role: &str,
        scope: Value,
    ) -> Account {
        let account = self.resident(name).await;
        let mut body = scope;
        body["role"] = Value::from(role);
        let reply = self
            .post(
                &format!("/api/v1/users/{}/roles", account.id),
                &body,
                Some(&admin.token),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        account
    }
}

/// The password every demo account has, read from the summary `seed-demo` prints.
pub fn demo_password(summary: &str) -> String {
    summary
        .split("password \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no password in {summary}"))
        .to_string()
}

/// Runs the command line with the app's database and secrets; returns (success, output).
pub fn cli(
    app: &TestApp,
    database: &wijkbudget::config::DatabaseUrl,
    arguments: &[&str],
) -> (bool, String) {
    let url = match database {
        wijkbudget::config::DatabaseUrl::Sqlite(path) => path.display().to_string(),
        wijkbudget::config::DatabaseUrl::Postgres(url) => url.clone(),
    };
    let key = String::from_utf8(app.config.pseudonym_secret.bytes().to_vec()).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
        .args(arguments)
        .env("DATABASE_URL", url)
        .env("PSEUDONYM_SECRET", key)
        .env("DATA_DIR", app.data_dir.join("cli"))
        .env("LOG", "error")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

//! Ballot throughput over HTTP, side by side with the raw insert rate of the same database.
//!
//!     cargo bench --bench ballots
//!
//! For SQLite (a temporary file) and PostgreSQL (`BENCH_DATABASE_URL`, default the local server
//! at 127.0.0.1:5432 when it answers): starts the real server, prepares an edition in the
//! voting phase with 8 projects and `VOTERS` residents, then `CLIENTS` concurrent clients cast
//! and replace `BALLOTS` ballots. It reports ballots per second and p50/p99 latency, and the
//! raw rate of one-row insert transactions on the same database (pgbench for PostgreSQL; the
//! same pool and pragmas for SQLite).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/voting_fixture.rs"]
mod voting_fixture;

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use wijkbudget::config::{Config, DatabaseUrl, LogFormat, MailTransport, SecretKey};
use wijkbudget::db;
use wijkbudget::startup::Application;

const VOTERS: usize = 400;
const JWT_SECRET: &str = "ballot-benchmark-signing-key-0123456789abcdef";
const CLIENTS: usize = 32;
const BALLOTS: usize = 6000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

struct Figures {
    ballots_per_second: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

async fn cast(address: &str, round: i64, projects: &[i64], tokens: Vec<String>) -> Figures {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(BALLOTS)));
    let errors = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..CLIENTS {
        let (client, address, tokens, projects) = (
            client.clone(),
            address.to_string(),
            tokens.clone(),
            projects.to_vec(),
        );
        let (latencies, errors) = (latencies.clone(), errors.clone());
        workers.push(tokio::spawn(async move {
            let mut n = worker;
            while n < BALLOTS {
                let token = &tokens[n % tokens.len()];
                let choice: Vec<i64> = (0..1 + n % 4)
                    .map(|k| projects[(n + k * 3) % projects.len()])
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let sent = Instant::now();
                let reply = client
                    .put(format!("{address}/api/v1/rounds/{round}/ballot"))
                    .bearer_auth(token)
                    .json(&serde_json::json!({"project_ids": choice}))
                    .send()
                    .await;
                let elapsed = sent.elapsed();
                match reply {
                    Ok(r) if r.status().is_success() => latencies.lock().unwrap().push(elapsed),
                    _ => *errors.lock().unwrap() += 1,
                }
                n += CLIENTS;
            }
        }));
    }
    for worker in workers {
        worker.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut sorted = latencies.lock().unwrap().clone();
    sorted.sort();
    Figures {
        ballots_per_second: sorted.len() as f64 / seconds,
        p50: percentile(&sorted, 0.50),
        p99: percentile(&sorted, 0.99),
        errors: *errors.lock().unwrap(),
    }
}

/// One-row insert transactions per second through the pool, with the service's pragmas.
fn raw_sqlite_inserts(url: &DatabaseUrl) -> f64 {
    let pool = db::connect(url, CLIENTS as u32).unwrap();
    pool.get().unwrap().batch_execute("CREATE TABLE raw_inserts (id INTEGER PRIMARY KEY, round_id BIGINT, pseudonym TEXT, choices TEXT, receipt TEXT)").unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let count = Arc::new(Mutex::new(0usize));
    let threads: Vec<_> = (0..CLIENTS)
        .map(|t| {
            let (pool, count) = (pool.clone(), count.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let mut n = 0;
                while Instant::now() < deadline {
                    db::write_transaction(&mut conn, |c| {
                        diesel::sql_query(format!("INSERT INTO raw_inserts (round_id, pseudonym, choices, receipt) VALUES (1, 'p{t}-{n}', 'p:1,2', 'r')")).execute(c)
                    })
                    .unwrap();
                    n += 1;
                }
                *count.lock().unwrap() += n;
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    *count.lock().unwrap() as f64 / 5.0
}

/// pgbench with a one-row insert script, `CLIENTS` clients, 10 seconds.
fn raw_postgres_inserts(url: &str) -> Option<f64> {
    let mut conn = diesel::pg::PgConnection::establish(url).ok()?;
    conn.batch_execute("CREATE TABLE raw_inserts (id BIGSERIAL PRIMARY KEY, round_id BIGINT, pseudonym TEXT, choices TEXT, receipt TEXT)").ok()?;
    let script = std::env::temp_dir().join("wijkbudget-raw-insert.sql");
    std::fs::write(&script, "INSERT INTO raw_inserts (round_id, pseudonym, choices, receipt) VALUES (1, md5(random()::text), 'p:1,2', 'r');\n").ok()?;
    let output = Command::new("pgbench")
        .args([
            "-n",
            "-c",
            &CLIENTS.to_string(),
            "-j",
            "2",
            "-T",
            "10",
            "-f",
        ])
        .arg(&script)
        .arg(url)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find(|l| l.starts_with("tps = "))
        .and_then(|l| {
            l.trim_start_matches("tps = ")
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
}

fn config(dir: &std::path::Path, database_url: DatabaseUrl) -> Config {
    Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.to_path_buf(),
        database_url,
        pool_size: CLIENTS as u32,
        jwt_secret: SecretKey::new(JWT_SECRET.as_bytes().to_vec(), "JWT_SECRET").unwrap(),
        pseudonym_secret: SecretKey::random(),
        pseudonym_secret_file: None,
        mail_transport: MailTransport::Log,
        mail_from: "bench <bench@localhost>".into(),
        public_url: "http://bench".into(),
        digest_hour: 7,
        storage: wijkbudget::storage::Storage::Local(
            std::env::temp_dir().join("wijkbudget-bench-files"),
        ),
        cors_origins: vec![],
        trust_forwarded_for: false,
        password_hash_concurrency: 4,
        password_hash_wait: std::time::Duration::from_secs(30),
        workers: 2,
        log_filter: "error".into(),
        log_format: LogFormat::Text,
        operations: wijkbudget::config::Operations::default(),
        identity_provider: None,
    }
}

async fn run_backend(
    name: &str,
    url: DatabaseUrl,
    dir: &std::path::Path,
) -> (Figures, Option<f64>) {
    let app = Application::build(config(dir, url.clone())).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let pool = db::connect(&url, 4).unwrap();
    let (fixture, tokens) = tokio::task::spawn_blocking(move || {
        let fixture = voting_fixture::prepare(&pool, VOTERS);
        let tokens = fixture.voter_tokens(&pool, JWT_SECRET);
        (fixture, tokens)
    })
    .await
    .unwrap();
    let (round, projects) = (fixture.round_id, fixture.project_ids);
    let figures = cast(&address, round, &projects, tokens).await;
    let raw = match &url {
        DatabaseUrl::Sqlite(_) => {
            let raw_file = DatabaseUrl::Sqlite(dir.join("raw.db"));
            Some(
                tokio::task::spawn_blocking(move || raw_sqlite_inserts(&raw_file))
                    .await
                    .unwrap(),
            )
        }
        DatabaseUrl::Postgres(u) => {
            let u = u.clone();
            tokio::task::spawn_blocking(move || raw_postgres_inserts(&u))
                .await
                .unwrap()
        }
    };
    eprintln!("{name}: done");
    (figures, raw)
}

fn postgres_database(server: &str) -> Option<(String, String)> {
    let mut conn = diesel::pg::PgConnection::establish(server).ok()?;
    let name = format!("wijkbudget_bench_{}", std::process::id());
    conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .ok()?;
    conn.batch_execute(&format!("CREATE DATABASE {name}"))
        .ok()?;
    let base = server.split('?').next().unwrap_or(server);
    let root = &base[..base.rfind('/').unwrap_or(base.len())];
    Some((format!("{root}/{name}?sslmode=disable"), name))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    let sqlite = run_backend(
        "SQLite",
        DatabaseUrl::Sqlite(dir.path().join("bench.db")),
        dir.path(),
    )
    .await;
    rows.push(("SQLite", sqlite));
    let server = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable".into());
    match postgres_database(&server) {
        Some((url, name)) => {
            let pg = run_backend("PostgreSQL", DatabaseUrl::Postgres(url), dir.path()).await;
            rows.push(("PostgreSQL", pg));
            if let Ok(mut conn) = diesel::pg::PgConnection::establish(&server) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
        None => eprintln!("PostgreSQL not reachable at {server}: skipped"),
    }
    println!(
        "{CLIENTS} concurrent clients, {BALLOTS} ballot PUTs (casts and replacements) by {VOTERS} voters, {}",
        Utc::now().format("%Y-%m-%d")
    );
    println!(
        "| database | ballots/s | p50 | p99 | failed | raw one-row inserts/s | ballots / raw |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, (f, raw)) in rows {
        println!(
            "| {name} | {:.0} | {:.1} ms | {:.1} ms | {} | {} | {} |",
            f.ballots_per_second,
            f.p50.as_secs_f64() * 1000.0,
            f.p99.as_secs_f64() * 1000.0,
            f.errors,
            raw.map_or("n/a".into(), |r| format!("{r:.0}")),
            raw.map_or("n/a".into(), |r| format!("{:.2}", f.ballots_per_second / r)),
        );
    }
}

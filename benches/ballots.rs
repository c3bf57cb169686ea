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

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use wijkbudget::auth::caller::Caller;
use wijkbudget::config::{Config, DatabaseUrl, LogFormat, MailTransport, SecretKey};
use wijkbudget::db::{self, DbConnection};
use wijkbudget::domain::ballot::BallotType;
use wijkbudget::domain::envelope::Allocation;
use wijkbudget::domain::phase::Phase;
use wijkbudget::service::{accounts, areas, editions, proposals, rounds};
use wijkbudget::startup::Application;
use wijkbudget::store;

const VOTERS: usize = 400;
const CLIENTS: usize = 32;
const BALLOTS: usize = 6000;
const PASSWORD: &str = "benchmark voters walk to the polls";

fn caller(conn: &mut DbConnection, user_id: i64) -> Caller {
    Caller {
        user: store::users::find(conn, user_id).unwrap().unwrap(),
        session_id: String::new(),
        grants: store::roles::for_user(conn, user_id).unwrap(),
        residency: store::residency::find(conn, user_id).unwrap(),
    }
}

fn resident(conn: &mut DbConnection, hash: &str, email: &str, area: i64) -> i64 {
    let now = wijkbudget::clock::now();
    let user = store::users::insert(
        conn,
        &store::users::NewUser {
            email,
            password_hash: hash,
            display_name: email,
            locale: "nl",
            birth_date: None,
            claimed_area_id: Some(area),
            email_verified_at: Some(now),
            notify_by_email: false,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    store::residency::set(
        conn,
        &store::residency::Residency {
            user_id: user.id,
            area_id: area,
            method: "census".into(),
            verified_by: None,
            verified_at: now,
        },
    )
    .unwrap();
    user.id
}

/// An edition in the voting phase with one open round; returns (round id, project ids, voter e-mails).
fn prepare(pool: &db::Pool) -> (i64, Vec<i64>, Vec<String>) {
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    accounts::create_admin(conn, "admin@bench.example", PASSWORD).unwrap();
    let admin_id = store::users::find_by_email(conn, "admin@bench.example")
        .unwrap()
        .unwrap()
        .id;
    let admin = caller(conn, admin_id);
    let area = areas::create(
        conn,
        &admin,
        areas::NewArea {
            code: "BENCH".into(),
            name: "Bench".into(),
            parent_id: None,
            population: 50_000,
            deprivation_index: 0.3,
            geometry: None,
        },
    )
    .unwrap()
    .id;
    let edition = editions::create(
        conn,
        &admin,
        editions::EditionInput {
            name: Some("Benchmark".into()),
            fiscal_year: Some(2027),
            base_cents: Some(100_000_000_00),
            reserved_bp: Some(100),
            allocation: Some(Allocation::Equal),
            area_ids: Some(vec![area]),
            ..Default::default()
        },
    )
    .unwrap()
    .edition
    .id;
    editions::change_phase(conn, &admin, edition, Phase::Ideas, None, "http://bench").unwrap();
    let hash = wijkbudget::auth::password::hash(
        &wijkbudget::auth::password::Password::parse(PASSWORD, &[]).unwrap(),
    )
    .unwrap();
    let author_id = resident(conn, &hash, "author@bench.example", area);
    let mut ids = Vec::new();
    for i in 0..8 {
        let author = caller(conn, author_id);
        let draft = proposals::Draft {
            area_id: Some(area),
            title: format!("Project {i}"),
            summary: "Benchmark project".into(),
            body: String::new(),
            category: None,
            estimated_cost_cents: 100_000 * (i + 1),
            cost_lines: vec![],
            location: None,
            coauthor_ids: vec![],
        };
        let p = proposals::create(conn, &author, edition, draft).unwrap();
        proposals::submit(conn, &author, p.id, "http://bench").unwrap();
        ids.push(p.id);
    }
    editions::change_phase(conn, &admin, edition, Phase::Support, None, "http://bench").unwrap();
    editions::change_phase(conn, &admin, edition, Phase::Review, None, "http://bench").unwrap();
    for (i, id) in ids.iter().enumerate() {
        proposals::assign_review(conn, &admin, *id, "bench").unwrap();
        proposals::review(
            conn,
            &admin,
            *id,
            proposals::ReviewInput {
                feasible: true,
                public_explanation: "ok".into(),
                reviewed_cost_cents: Some(100_000 * (i as i64 + 1)),
                internal_notes: None,
            },
            "http://bench",
        )
        .unwrap();
    }
    editions::change_phase(conn, &admin, edition, Phase::Voting, None, "http://bench").unwrap();
    let now = wijkbudget::clock::now();
    let round = rounds::create(
        conn,
        &admin,
        edition,
        Some(area),
        rounds::RoundInput {
            ballot_type: Some(BallotType::Approval),
            max_choices: Some(Some(4)),
            rule: Some("greedy".into()),
            opens_at: Some(now - TimeDelta::minutes(1)),
            closes_at: Some(now + TimeDelta::hours(2)),
            ..Default::default()
        },
    )
    .unwrap();
    rounds::open(conn, Some(&admin), round.id, "http://bench").unwrap();
    let voters = (0..VOTERS)
        .map(|i| {
            let email = format!("voter{i}@bench.example");
            resident(conn, &hash, &email, area);
            email
        })
        .collect();
    (round.id, ids, voters)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

struct Figures {
    ballots_per_second: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

async fn cast(address: &str, round: i64, projects: &[i64], voters: &[String]) -> Figures {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();
    // Sign everyone in first (not measured).
    let tokens = Arc::new(Mutex::new(Vec::new()));
    let chunks: Vec<Vec<String>> = voters
        .chunks(voters.len().div_ceil(8))
        .map(|c| c.to_vec())
        .collect();
    let mut logins = Vec::new();
    for chunk in chunks {
        let (client, address, tokens) = (client.clone(), address.to_string(), tokens.clone());
        logins.push(tokio::spawn(async move {
            for email in chunk {
                let reply: serde_json::Value = client
                    .post(format!("{address}/api/v1/auth/login"))
                    .json(&serde_json::json!({"email": email, "password": PASSWORD}))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                tokens
                    .lock()
                    .unwrap()
                    .push(reply["access_token"].as_str().unwrap().to_string());
            }
        }));
    }
    for login in logins {
        login.await.unwrap();
    }
    let tokens: Vec<String> = tokens.lock().unwrap().clone();
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
        jwt_secret: SecretKey::random(),
        pseudonym_secret: SecretKey::random(),
        mail_transport: MailTransport::Log,
        mail_from: "bench <bench@localhost>".into(),
        public_url: "http://bench".into(),
        cors_origins: vec![],
        trust_forwarded_for: false,
        password_hash_concurrency: 4,
        password_hash_wait: std::time::Duration::from_secs(30),
        workers: 2,
        log_filter: "error".into(),
        log_format: LogFormat::Text,
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
    let (round, projects, voters) = tokio::task::spawn_blocking(move || prepare(&pool))
        .await
        .unwrap();
    let figures = cast(&address, round, &projects, &voters).await;
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

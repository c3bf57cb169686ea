//! Load: a realistic mix of requests at increasing rates against the release build on
//! PostgreSQL, with throughput, latency per endpoint and the server's peak memory.
//!
//!     cargo bench --bench load
//!
//! `BENCH_DATABASE_URL` names the PostgreSQL server (default the local one at 127.0.0.1:5432); a
//! fresh database is made and dropped. The server runs as its own process (so its memory is
//! its own), filled by `wijkbudget seed-demo` (editions in every phase, proposals, closed
//! rounds with results) plus an open round with `VOTERS` verified residents. Each step sends
//! requests at a fixed rate for `STEP_SECONDS` without waiting for answers (an open loop, as
//! real residents do), in this mix: browsing proposal lists 35%, reading a proposal 15%,
//! reading results 15%, casting or replacing a ballot 25%, reading one's own ballot 5%,
//! signing in 5%. `LOAD_RATES` (comma-separated requests per second) overrides the steps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/postgres.rs"]
mod postgres;
#[path = "../tests/support/voting_fixture.rs"]
mod voting_fixture;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use wijkbudget::config::DatabaseUrl;
use wijkbudget::db;

const VOTERS: usize = 500;
const STEP_SECONDS: u64 = 15;
const DEFAULT_RATES: [u32; 6] = [50, 100, 200, 400, 800, 1600];
const JWT_SECRET: &str = "load-benchmark-signing-key-0123456789abcdef";
const PSEUDONYM_SECRET: &str = "load-benchmark-pseudonym-key-0123456789abcdef";
/// Requests in flight beyond this are counted as dropped rather than queued without end.
const MAX_IN_FLIGHT: usize = 512;

/// What the load can point at.
struct Targets {
    editions: Vec<i64>,
    proposals: Vec<i64>,
    closed_rounds: Vec<i64>,
    open_round: i64,
    projects: Vec<i64>,
    voters: Vec<(String, String)>,
}

#[derive(Default)]
struct Step {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    failures: BTreeMap<&'static str, usize>,
    dropped: usize,
}

fn server_command(database_url: &str, data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wijkbudget"));
    command
        .env("DATABASE_URL", database_url)
        .env("DATA_DIR", data_dir)
        .env("JWT_SECRET", JWT_SECRET)
        .env("PSEUDONYM_SECRET", PSEUDONYM_SECRET)
        .env("MAIL_URL", "log")
        .env("LOG", "error")
        .env("DATABASE_POOL_SIZE", "16");
    command
}

fn peak_memory_mib(child: &Child) -> f64 {
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

async fn get_json(client: &reqwest::Client, url: String) -> Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

async fn discover(
    client: &reqwest::Client,
    base: &str,
    fixture: voting_fixture::VotingRound,
    tokens: Vec<String>,
) -> Targets {
    let editions: Vec<i64> =
        get_json(client, format!("{base}/api/v1/editions?limit=100")).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
    let (mut proposals, mut closed_rounds) = (Vec::new(), Vec::new());
    for edition in &editions {
        let page = get_json(
            client,
            format!("{base}/api/v1/editions/{edition}/proposals?limit=100"),
        )
        .await;
        proposals.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap()),
        );
        let rounds = get_json(client, format!("{base}/api/v1/editions/{edition}/rounds")).await;
        closed_rounds.extend(
            rounds
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["status"] == "closed")
                .map(|r| r["id"].as_i64().unwrap()),
        );
    }
    assert!(
        !closed_rounds.is_empty() && !proposals.is_empty(),
        "seed-demo made no closed rounds or proposals"
    );
    Targets {
        editions,
        proposals,
        closed_rounds,
        open_round: fixture.round_id,
        projects: fixture.project_ids,
        voters: fixture
            .voters
            .into_iter()
            .map(|(_, email)| email)
            .zip(tokens)
            .collect(),
    }
}

/// One request of the mix, chosen by `n`; returns the endpoint's name and whether it succeeded.
async fn one_request(
    client: &reqwest::Client,
    base: &str,
    targets: &Targets,
    n: usize,
) -> (&'static str, bool) {
    let pick = |list: &[i64]| list[n.wrapping_mul(2654435761) % list.len()];
    let (voter_email, voter_token) = &targets.voters[n % targets.voters.len()];
    let (name, request) = match n % 20 {
        0..=6 => (
            "GET /editions/{id}/proposals",
            client.get(format!(
                "{base}/api/v1/editions/{}/proposals?limit=20",
                pick(&targets.editions)
            )),
        ),
        7..=9 => (
            "GET /proposals/{id}",
            client.get(format!(
                "{base}/api/v1/proposals/{}",
                pick(&targets.proposals)
            )),
        ),
        10..=12 => (
            "GET /rounds/{id}/results",
            client.get(format!(
                "{base}/api/v1/rounds/{}/results",
                pick(&targets.closed_rounds)
            )),
        ),
        13..=17 => {
            let choice: Vec<i64> = (0..1 + n % 4)
                .map(|k| targets.projects[(n / 20 + k * 3) % targets.projects.len()])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            (
                "PUT /rounds/{id}/ballot",
                client
                    .put(format!(
                        "{base}/api/v1/rounds/{}/ballot",
                        targets.open_round
                    ))
                    .bearer_auth(voter_token)
                    .json(&serde_json::json!({ "project_ids": choice })),
            )
        }
        18 => (
            "GET /rounds/{id}/ballot",
            client
                .get(format!(
                    "{base}/api/v1/rounds/{}/ballot",
                    targets.open_round
                ))
                .bearer_auth(voter_token),
        ),
        _ => (
            "POST /auth/login",
            client.post(format!("{base}/api/v1/auth/login")).json(
                &serde_json::json!({"email": voter_email, "password": voting_fixture::PASSWORD}),
            ),
        ),
    };
    let ok = match request.send().await {
        Ok(reply) => {
            // A voter reading a ballot before casting one gets 404: an answer, not a failure.
            let status = reply.status();
            let _ = reply.bytes().await;
            status.is_success() || (name == "GET /rounds/{id}/ballot" && status == 404)
        }
        Err(_) => false,
    };
    (name, ok)
}

async fn run_step(
    client: &reqwest::Client,
    base: &str,
    targets: &Arc<Targets>,
    rate: u32,
    offset: usize,
) -> (Step, f64) {
    let step = Arc::new(Mutex::new(Step::default()));
    let in_flight = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let total = rate as usize * STEP_SECONDS as usize;
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        ticker.tick().await;
        if in_flight.load(std::sync::atomic::Ordering::SeqCst) >= MAX_IN_FLIGHT {
            step.lock().unwrap().dropped += 1;
            continue;
        }
        in_flight.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let (client, base, targets, step, in_flight) = (
            client.clone(),
            base.to_string(),
            targets.clone(),
            step.clone(),
            in_flight.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let sent = Instant::now();
            let (name, ok) = one_request(&client, &base, &targets, offset + i).await;
            let elapsed = sent.elapsed();
            in_flight.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            let mut step = step.lock().unwrap();
            if ok {
                step.latencies.entry(name).or_default().push(elapsed);
            } else {
                *step.failures.entry(name).or_default() += 1;
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let step = Arc::try_unwrap(step).ok().unwrap().into_inner().unwrap();
    (step, seconds)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let server_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    if diesel::Connection::establish(&server_url)
        .map(|_: diesel::pg::PgConnection| ())
        .is_err()
    {
        eprintln!("PostgreSQL not reachable at {server_url}: the load benchmark needs it; skipped");
        return;
    }
    let (database_url, _database) = postgres::create_postgres_database(&server_url);
    let dir = tempfile::tempdir().unwrap();
    let seeded = server_command(&database_url, dir.path())
        .arg("seed-demo")
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "seed-demo: {}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let pool = db::connect(&DatabaseUrl::Postgres(database_url.clone()), 2).unwrap();
    let fixture = voting_fixture::prepare(&pool, VOTERS);
    let tokens = fixture.voter_tokens(&pool, JWT_SECRET);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = server_command(&database_url, dir.path())
        .env("BIND", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    for _ in 0..300 {
        if client
            .get(format!("{base}/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let targets = Arc::new(discover(&client, &base, fixture, tokens).await);
    let rates: Vec<u32> = std::env::var("LOAD_RATES")
        .ok()
        .map(|v| v.split(',').filter_map(|r| r.trim().parse().ok()).collect())
        .unwrap_or_else(|| DEFAULT_RATES.to_vec());

    println!(
        "Load on PostgreSQL, release build, {STEP_SECONDS} s per step, {} editions, {} proposals, {} closed rounds, {VOTERS} voters, {}",
        targets.editions.len(),
        targets.proposals.len(),
        targets.closed_rounds.len(),
        chrono::Utc::now().format("%Y-%m-%d")
    );
    println!();
    println!(
        "| offered req/s | answered req/s | endpoint | ok | failed | p50 ms | p95 ms | p99 ms |"
    );
    println!("|---:|---:|---|---:|---:|---:|---:|---:|");
    let mut offset = 0;
    for rate in rates {
        let (step, seconds) = run_step(&client, &base, &targets, rate, offset).await;
        offset += rate as usize * STEP_SECONDS as usize;
        let answered: usize = step.latencies.values().map(Vec::len).sum();
        let names: std::collections::BTreeSet<&str> = step
            .latencies
            .keys()
            .chain(step.failures.keys())
            .copied()
            .collect();
        for name in names {
            let mut latencies = step.latencies.get(name).cloned().unwrap_or_default();
            latencies.sort();
            let failed = step.failures.get(name).copied().unwrap_or(0);
            let (p50, p95, p99) = if latencies.is_empty() {
                ("–".to_string(), "–".to_string(), "–".to_string())
            } else {
                (
                    format!("{:.1}", percentile(&latencies, 0.50)),
                    format!("{:.1}", percentile(&latencies, 0.95)),
                    format!("{:.1}", percentile(&latencies, 0.99)),
                )
            };
            println!(
                "| {rate} | {:.0} | {name} | {} | {failed} | {p50} | {p95} | {p99} |",
                answered as f64 / seconds,
                latencies.len(),
            );
        }
        if step.dropped > 0 {
            println!(
                "| {rate} | | (not sent: {} requests already in flight) | | {} | | | |",
                MAX_IN_FLIGHT, step.dropped
            );
        }
        eprintln!(
            "{rate} req/s done; server peak memory so far {:.0} MiB",
            peak_memory_mib(&server)
        );
    }
    println!();
    println!(
        "Server peak memory (VmHWM): {:.0} MiB",
        peak_memory_mib(&server)
    );
    server.kill().unwrap();
    server.wait().unwrap();
}

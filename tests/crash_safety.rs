//! Crash safety: no acknowledged ballot is ever lost, whatever moment the server dies.
//!
//!     cargo test --test crash_safety                       # short: 2,000 ballots, 5 kills
//!     CRASH_BALLOTS=10000 CRASH_KILLS=20 cargo test --release --test crash_safety -- --nocapture
//!
//! Runs the real `wijkbudget` binary as a child process on SQLite, or on a fresh PostgreSQL
//! database when `TEST_DATABASE_URL` is set. `CRASH_CLIENTS` concurrent clients (default 32) cast
//! and replace ballots for `CRASH_VOTERS` voters (default 256); each voter belongs to one client,
//! so a voter's ballots are sent one after the other. Meanwhile the server is killed with
//! SIGKILL `CRASH_KILLS` times, spread over the run with random jitter, and restarted at once.
//! At the end every voter's stored ballot must be their last acknowledged one, or one sent
//! after it whose answer the crash swallowed; no voter may have two ballots, and the rows in the
//! ballot box must match the voters holding a ballot one for one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/postgres.rs"]
mod postgres;
#[path = "support/voting_fixture.rs"]
mod voting_fixture;

use std::collections::{BTreeSet, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::Rng;
use wijkbudget::config::DatabaseUrl;
use wijkbudget::db;
use wijkbudget::store::schema::ballots;

const JWT_SECRET: &str = "crash-safety-harness-signing-key-0123456789";
const PSEUDONYM_SECRET: &str = "crash-safety-harness-pseudonym-key-0123456789";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server under test, restartable on the same port and database.
struct Server {
    port: u16,
    database_url: String,
    data_dir: std::path::PathBuf,
    child: Option<Child>,
}

impl Server {
    fn start(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.data_dir.join("server.log"))
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
            .arg("serve")
            .env("DATABASE_URL", &self.database_url)
            .env("DATA_DIR", &self.data_dir)
            .env("BIND", format!("127.0.0.1:{}", self.port))
            .env("JWT_SECRET", JWT_SECRET)
            .env("PSEUDONYM_SECRET", PSEUDONYM_SECRET)
            .env("MAIL_URL", "log")
            .env("LOG", "error")
            .env("DATABASE_POOL_SIZE", "16")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start the wijkbudget binary");
        self.child = Some(child);
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        let address = format!("127.0.0.1:{}", self.port);
        while Instant::now() < deadline {
            if let Ok(mut stream) = std::net::TcpStream::connect(&address) {
                use std::io::{Read, Write};
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let _ = stream
                    .write_all(b"GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                let mut answer = String::new();
                let _ = stream.read_to_string(&mut answer);
                if answer.starts_with("HTTP/1.1 200") {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "the server did not become ready; see {}",
            self.data_dir.join("server.log").display()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What became of one ballot request.
#[derive(Clone)]
enum Attempt {
    Acknowledged(BTreeSet<i64>),
    /// No answer (the server died) or a server error: it may or may not have been stored.
    Unknown(BTreeSet<i64>),
    Refused(u16),
}

/// The approval sets a voter sends, different from one ballot to the next.
fn choice(projects: &[i64], sequence: usize) -> BTreeSet<i64> {
    let combinations: Vec<BTreeSet<i64>> = (1u32..1 << projects.len())
        .filter(|mask| mask.count_ones() <= 4)
        .map(|mask| {
            (0..projects.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| projects[i])
                .collect()
        })
        .collect();
    combinations[sequence % combinations.len()].clone()
}

#[test]
fn no_acknowledged_ballot_is_lost_when_the_server_is_killed() {
    let ballots_to_cast = setting("CRASH_BALLOTS", 2000);
    let kills = setting("CRASH_KILLS", 5);
    let clients = setting("CRASH_CLIENTS", 32);
    let voter_count = setting("CRASH_VOTERS", 256).max(clients);

    let dir = tempfile::tempdir().unwrap();
    let (database_url, _postgres) = match std::env::var("TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let (url, database) = postgres::create_postgres_database(&server);
            (url, Some(database))
        }
        _ => (dir.path().join("crash.db").display().to_string(), None),
    };
    let backend = if _postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let mut server = Server {
        port: free_port(),
        database_url: database_url.clone(),
        data_dir: dir.path().to_path_buf(),
        child: None,
    };
    server.start();
    server.wait_until_ready();

    let parsed_url = if database_url.starts_with("postgres") {
        DatabaseUrl::Postgres(database_url.clone())
    } else {
        DatabaseUrl::Sqlite(database_url.clone().into())
    };
    let pool = db::connect(&parsed_url, 2).unwrap();
    let fixture = voting_fixture::prepare(&pool, voter_count);
    let tokens = fixture.voter_tokens(&pool, JWT_SECRET);

    let sent = Arc::new(AtomicUsize::new(0));
    let history: Arc<Mutex<HashMap<usize, Vec<Attempt>>>> = Arc::default();
    let address = format!("http://127.0.0.1:{}", server.port);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let casting = {
        let (sent, history, tokens) = (sent.clone(), history.clone(), Arc::new(tokens));
        let (round, projects) = (fixture.round_id, Arc::new(fixture.project_ids.clone()));
        runtime.spawn(async move {
            let http = reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap();
            let mut workers = Vec::new();
            for client in 0..clients {
                let own_voters: Vec<usize> = (client..voter_count).step_by(clients).collect();
                let (http, address, sent, history, tokens, projects) = (
                    http.clone(),
                    address.clone(),
                    sent.clone(),
                    history.clone(),
                    tokens.clone(),
                    projects.clone(),
                );
                workers.push(tokio::spawn(async move {
                    let mut turn = 0usize;
                    while sent.fetch_add(1, Ordering::SeqCst) < ballots_to_cast {
                        let voter = own_voters[turn % own_voters.len()];
                        let sequence = turn / own_voters.len();
                        turn += 1;
                        let wanted = choice(&projects, sequence + voter);
                        let reply = loop {
                            let reply = http
                                .put(format!("{address}/api/v1/rounds/{round}/ballot"))
                                .bearer_auth(&tokens[voter])
                                .json(&serde_json::json!({ "project_ids": wanted }))
                                .send()
                                .await;
                            // Refused connections never reached a server: the same ballot is
                            // sent again once the server is back.
                            match reply {
                                Err(e) if e.is_connect() => {
                                    tokio::time::sleep(Duration::from_millis(20)).await
                                }
                                reply => break reply,
                            }
                        };
                        let attempt = match reply {
                            Ok(r) if r.status().is_success() => Attempt::Acknowledged(wanted),
                            Ok(r) if r.status().is_server_error() => Attempt::Unknown(wanted),
                            Ok(r) => Attempt::Refused(r.status().as_u16()),
                            Err(_) => Attempt::Unknown(wanted),
                        };
                        let failed = !matches!(attempt, Attempt::Acknowledged(_));
                        history
                            .lock()
                            .unwrap()
                            .entry(voter)
                            .or_default()
                            .push(attempt);
                        if failed {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                    }
                }));
            }
            for worker in workers {
                worker.await.unwrap();
            }
        })
    };

    // Kill at evenly spaced points of the run, each moved by a random amount.
    let mut rng = rand::rng();
    let spacing = ballots_to_cast / (kills + 1);
    let mut killed = 0;
    for k in 1..=kills {
        let jitter = rng.random_range(0..=spacing / 2) as isize - (spacing / 4) as isize;
        let at = ((k * spacing) as isize + jitter).max(1) as usize;
        while sent.load(Ordering::SeqCst) < at && !casting.is_finished() {
            std::thread::sleep(Duration::from_millis(rng.random_range(1..20)));
        }
        if casting.is_finished() {
            break;
        }
        server.kill();
        killed += 1;
        std::thread::sleep(Duration::from_millis(rng.random_range(0..200)));
        server.start();
    }
    runtime.block_on(casting).unwrap();
    let seconds = started.elapsed().as_secs_f64();
    server.wait_until_ready();

    // What each voter's ballot is now, as the voter sees it.
    let stored: Vec<Option<BTreeSet<i64>>> = runtime.block_on(async {
        let http = reqwest::Client::new();
        let mut stored = Vec::new();
        for token in fixture.voter_tokens(&pool, JWT_SECRET) {
            let reply = http
                .get(format!(
                    "http://127.0.0.1:{}/api/v1/rounds/{}/ballot",
                    server.port, fixture.round_id
                ))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            match reply.status().as_u16() {
                404 => stored.push(None),
                200 => {
                    let body: serde_json::Value = reply.json().await.unwrap();
                    stored.push(Some(
                        serde_json::from_value(body["project_ids"].clone()).unwrap(),
                    ));
                }
                other => panic!("reading a ballot back answered {other}"),
            }
        }
        stored
    });

    let history = history.lock().unwrap();
    let (mut acknowledged, mut unknown, mut refused, mut lost, mut phantom) = (0, 0, 0, 0, 0);
    for (voter, now) in stored.iter().enumerate() {
        let attempts = history.get(&voter).cloned().unwrap_or_default();
        let last_ack = attempts
            .iter()
            .rposition(|a| matches!(a, Attempt::Acknowledged(_)));
        let mut allowed: Vec<Option<BTreeSet<i64>>> = match last_ack {
            Some(i) => match &attempts[i] {
                Attempt::Acknowledged(set) => vec![Some(set.clone())],
                _ => unreachable!(),
            },
            None => vec![None],
        };
        for attempt in &attempts[last_ack.map_or(0, |i| i + 1)..] {
            if let Attempt::Unknown(set) = attempt {
                allowed.push(Some(set.clone()));
            }
        }
        for attempt in &attempts {
            match attempt {
                Attempt::Acknowledged(_) => acknowledged += 1,
                Attempt::Unknown(_) => unknown += 1,
                Attempt::Refused(status) => {
                    refused += 1;
                    eprintln!("voter {voter}: a ballot was refused with {status}");
                }
            }
        }
        if !allowed.contains(now) {
            if last_ack.is_some() {
                lost += 1;
            } else {
                phantom += 1;
            }
        }
    }

    let mut conn = pool.get().unwrap();
    let ballot_rows: i64 = ballots::table
        .filter(ballots::round_id.eq(fixture.round_id))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    let with_ballot = stored.iter().filter(|s| s.is_some()).count();

    println!(
        "crash safety on {backend}: {} ballot requests by {clients} clients for {voter_count} voters in {seconds:.1} s, \
         {killed} kills with SIGKILL; {acknowledged} acknowledged, {unknown} unanswered, {refused} refused; \
         {with_ballot} voters hold a ballot, {ballot_rows} ballot rows; \
         lost {lost}, phantom {phantom}",
        acknowledged + unknown + refused,
    );
    assert_eq!(killed, kills, "every planned kill happened during the run");
    assert!(
        acknowledged > ballots_to_cast / 2,
        "most ballots were acknowledged"
    );
    assert_eq!(refused, 0, "no valid ballot was refused");
    assert_eq!(lost, 0, "acknowledged ballots lost");
    assert_eq!(phantom, 0, "ballots stored that were never sent");
    assert_eq!(
        ballot_rows as usize, with_ballot,
        "one ballot row per voter holding a ballot"
    );
}

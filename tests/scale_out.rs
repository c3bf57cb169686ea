//! Scale-out: three `serve` processes on one PostgreSQL database behind HAProxy. Residents vote
//! through the balancer while one process is killed with SIGKILL; then every acknowledged
//! ballot must be there once, each scheduled job (opening and closing the round, the opening
//! mail, the daily digest, the webhooks) must have run once, sessions must work on every
//! process and rate limits must be shared.
//!
//!     .ci/scale-out                     # installs HAProxy when missing, then runs this
//!     SCALE_OUT=1 TEST_DATABASE_URL=postgres://postgres@127.0.0.1/postgres \
//!         cargo test --test scale_out -- --nocapture
//!
//! Without `SCALE_OUT=1`, a PostgreSQL server and `haproxy`, it says so and passes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/postgres.rs"]
mod postgres;
#[allow(dead_code)]
#[path = "support/voting_fixture.rs"]
mod voting_fixture;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::TimeDelta;
use diesel::prelude::*;
use wijkbudget::config::{DatabaseUrl, SecretKey};
use wijkbudget::db;
use wijkbudget::domain::notification::{Delivery, EventKind};
use wijkbudget::domain::webhook::EventType;
use wijkbudget::store;
use wijkbudget::store::schema::{audit_log, ballots, digests, mail_outbox};

const JWT_SECRET: &str = "scale-out-harness-signing-key-0123456789abcdef";
const PSEUDONYM_SECRET: &str = "scale-out-harness-pseudonym-key-0123456789abcdef";
const PROCESSES: usize = 3;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One `serve` process.
struct Process {
    port: u16,
    child: Option<Child>,
}

impl Process {
    fn start(database_url: &str, dir: &Path, number: usize) -> Self {
        let port = free_port();
        let log = std::fs::File::create(dir.join(format!("serve-{number}.log"))).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("DATA_DIR", dir.join(format!("data-{number}")))
            .env("BIND", format!("127.0.0.1:{port}"))
            .env("JWT_SECRET", JWT_SECRET)
            .env("PSEUDONYM_SECRET", PSEUDONYM_SECRET)
            .env("MAIL_URL", format!("file://{}", dir.join("mail").display()))
            .env("DIGEST_HOUR", "0")
            .env("TRUST_FORWARDED_FOR", "true")
            .env("PUBLIC_URL", "http://wijkbudget.scale")
            .env("LOG", "warn")
            .env("WORKERS", "2")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start the wijkbudget binary");
        let process = Process {
            port,
            child: Some(child),
        };
        process.wait_until_ready();
        process
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if http_status(self.port, "/ready") == Some(200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("process on port {} never became ready", self.port);
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The status of a GET, or `None` without an answer.
fn http_status(port: u16, path: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .ok()?;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.get(9..12)?.parse().ok()
}

/// HAProxy in front of the processes: round robin, health checks on `/ready`, and a retry
/// on another process when a connection fails or a process dies before answering.
struct Balancer {
    port: u16,
    child: Child,
}

impl Balancer {
    fn start(backends: &[u16], dir: &Path) -> Self {
        let port = free_port();
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!("    server s{i} 127.0.0.1:{p} check inter 300ms fall 2 rise 2\n")
            })
            .collect();
        let config = format!(
            "global\n    maxconn 2000\n\
             defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    \
             timeout server 60s\n    retries 3\n    option redispatch\n    \
             retry-on conn-failure empty-response\n\
             frontend residents\n    bind 127.0.0.1:{port}\n    option forwardfor\n    \
             default_backend wijkbudget\n\
             backend wijkbudget\n    balance roundrobin\n    option httpchk GET /ready\n    \
             http-check expect status 200\n{servers}"
        );
        let path = dir.join("haproxy.cfg");
        std::fs::write(&path, config).unwrap();
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("haproxy.log")).unwrap())
            .spawn()
            .expect("start haproxy");
        let balancer = Balancer { port, child };
        let deadline = Instant::now() + Duration::from_secs(30);
        while http_status(port, "/ready") != Some(200) {
            assert!(Instant::now() < deadline, "HAProxy never answered");
            std::thread::sleep(Duration::from_millis(100));
        }
        balancer
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The messages a webhook receiver got: (webhook-id, type).
type Received = Arc<Mutex<Vec<(String, String)>>>;

async fn webhook_receiver() -> (String, Received) {
    let received: Received = Arc::default();
    let shared = received.clone();
    let server = actix_web::HttpServer::new(move || {
        let shared = shared.clone();
        actix_web::App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
            let shared = shared.clone();
            async move {
                let id = req
                    .headers()
                    .get("webhook-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let kind = body["type"].as_str().unwrap_or_default().to_string();
                shared.lock().unwrap().push((id, kind));
                HttpResponse::NoContent().finish()
            }
        }))
    })
    .workers(1)
    .bind("127.0.0.1:0")
    .unwrap();
    let port = server.addrs()[0].port();
    tokio::spawn(server.run());
    (format!("http://127.0.0.1:{port}/hooks"), received)
}

/// A resident of the round's area who wants mail about round openings, and only about them.
fn mail_reader(pool: &db::Pool, email: &str, area: i64, delivery: Delivery) -> i64 {
    let mut conn = pool.get().unwrap();
    let id = voting_fixture::resident(&mut conn, "!", email, area);
    diesel::update(store::schema::users::table.find(id))
        .set(store::schema::users::notify_by_email.eq(true))
        .execute(&mut *conn)
        .unwrap();
    store::notifications::set_preference(&mut conn, id, EventKind::RoundOpening, delivery).unwrap();
    // The results mail is another job's; this reader counts only the opening.
    store::notifications::set_preference(&mut conn, id, EventKind::Decision, Delivery::Never)
        .unwrap();
    id
}

/// Mail files in the shared outbox folder addressed to `to`.
fn mail_files_to(folder: &Path, to: &str) -> usize {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read_to_string(e.path())
                        .is_ok_and(|text| text.contains(&format!("To: {to}")))
                })
                .count()
        })
        .unwrap_or(0)
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "waited too long for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[tokio::test]
async fn three_processes_behind_haproxy_lose_nothing_when_one_is_killed() {
    let server_url = match (
        std::env::var("SCALE_OUT").as_deref(),
        std::env::var("TEST_DATABASE_URL"),
    ) {
        (Ok("1"), Ok(url)) if !url.is_empty() => url,
        _ => {
            println!(
                "scale-out skipped: set SCALE_OUT=1 and TEST_DATABASE_URL (or run .ci/scale-out)"
            );
            return;
        }
    };
    assert!(
        Command::new("haproxy")
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success()),
        "SCALE_OUT=1 needs haproxy on the PATH (.ci/scale-out installs it)"
    );
    let voter_count = setting("SCALE_OUT_VOTERS", 1000);
    let clients = setting("SCALE_OUT_CLIENTS", 16);
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _database) = postgres::create_postgres_database(&server_url);

    // The first process migrates the new database; the others start on it.
    let mut processes = vec![Process::start(&database_url, dir.path(), 0)];
    for number in 1..PROCESSES {
        processes.push(Process::start(&database_url, dir.path(), number));
    }
    let balancer = Balancer::start(
        &processes.iter().map(|p| p.port).collect::<Vec<_>>(),
        dir.path(),
    );
    let address = format!("http://127.0.0.1:{}", balancer.port);

    let pool = db::connect(&DatabaseUrl::Postgres(database_url.clone()), 4).unwrap();
    let now = wijkbudget::clock::now();
    let opens_at = now + TimeDelta::seconds(8);
    let closes_at = opens_at + TimeDelta::seconds(40);
    let fixture = voting_fixture::prepare_with(&pool, voter_count, Some((opens_at, closes_at)));
    let tokens = Arc::new(fixture.voter_tokens(&pool, JWT_SECRET));
    let area = {
        let mut conn = pool.get().unwrap();
        store::rounds::find(&mut conn, fixture.round_id)
            .unwrap()
            .unwrap()
            .area_id
            .unwrap()
    };
    mail_reader(&pool, "nu@scale.example", area, Delivery::Immediately);
    let digest_reader = mail_reader(
        &pool,
        "overzicht@scale.example",
        area,
        Delivery::DailyDigest,
    );
    let (hook_url, received) = webhook_receiver().await;
    {
        let mut conn = pool.get().unwrap();
        let admin_id = store::users::find_by_email(&mut conn, "admin@bench.example")
            .unwrap()
            .unwrap()
            .id;
        let admin = voting_fixture::caller(&mut conn, admin_id);
        let sealing =
            SecretKey::new(PSEUDONYM_SECRET.as_bytes().to_vec(), "PSEUDONYM_SECRET").unwrap();
        wijkbudget::service::webhooks::create(
            &mut conn,
            &sealing,
            &admin,
            &wijkbudget::service::webhooks::WebhookInput {
                url: &hook_url,
                description: "scale-out receiver",
                event_types: &[
                    EventType::RoundOpened,
                    EventType::RoundClosed,
                    EventType::ResultsPublished,
                ],
            },
        )
        .unwrap();
    }

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let round = fixture.round_id;
    // The scheduler of one of the processes opens the round.
    let status = |http: reqwest::Client, address: String| async move {
        let reply = http
            .get(format!("{address}/api/v1/rounds/{round}"))
            .send()
            .await
            .ok()?;
        let body: serde_json::Value = reply.json().await.ok()?;
        body["status"].as_str().map(str::to_string)
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while status(http.clone(), address.clone()).await.as_deref() != Some("open") {
        assert!(Instant::now() < deadline, "the round was never opened");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Every voter votes once, through the balancer; halfway, one process dies.
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let choices: Arc<Mutex<BTreeMap<usize, BTreeSet<i64>>>> = Arc::default();
    let mut unanswered = 0usize;
    let started = Instant::now();
    let mut workers = Vec::new();
    for client in 0..clients {
        let (http, address, tokens, acknowledged, choices) = (
            http.clone(),
            address.clone(),
            tokens.clone(),
            acknowledged.clone(),
            choices.clone(),
        );
        let projects = fixture.project_ids.clone();
        workers.push(tokio::spawn(async move {
            let mut unanswered = 0;
            for voter in (client..tokens.len()).step_by(clients) {
                let wanted: BTreeSet<i64> = [
                    projects[voter % projects.len()],
                    projects[(voter + 3) % projects.len()],
                ]
                .into();
                let reply = http
                    .put(format!("{address}/api/v1/rounds/{round}/ballot"))
                    .bearer_auth(&tokens[voter])
                    .json(&serde_json::json!({ "project_ids": wanted }))
                    .send()
                    .await;
                match reply {
                    Ok(r) if r.status().is_success() => {
                        acknowledged.fetch_add(1, Ordering::SeqCst);
                        choices.lock().unwrap().insert(voter, wanted);
                    }
                    Ok(r) => panic!("a ballot was refused with {}", r.status()),
                    Err(_) => unanswered += 1,
                }
            }
            unanswered
        }));
    }
    while acknowledged.load(Ordering::SeqCst) < voter_count / 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let killed_at = acknowledged.load(Ordering::SeqCst);
    processes[1].kill();
    for worker in workers {
        unanswered += worker.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();

    // The scheduler of a surviving process closes and counts the round.
    let deadline = Instant::now() + Duration::from_secs(120);
    while status(http.clone(), address.clone()).await.as_deref() != Some("closed") {
        assert!(Instant::now() < deadline, "the round was never closed");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // No acknowledged ballot lost: each voter reads back exactly what was acknowledged.
    let mut lost = 0;
    let acknowledged_choices = choices.lock().unwrap().clone();
    for (voter, wanted) in &acknowledged_choices {
        let reply = http
            .get(format!("{address}/api/v1/rounds/{round}/ballot"))
            .bearer_auth(&tokens[*voter])
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = reply.json().await.unwrap();
        let stored: Option<BTreeSet<i64>> =
            serde_json::from_value(body["project_ids"].clone()).ok();
        if stored.as_ref() != Some(wanted) {
            lost += 1;
        }
    }
    let mut conn = pool.get().unwrap();
    let pseudonyms: Vec<String> = ballots::table
        .filter(ballots::round_id.eq(round))
        .select(ballots::pseudonym)
        .load(&mut *conn)
        .unwrap();
    let rows = pseudonyms.len() as i64;
    let duplicated = rows - pseudonyms.iter().collect::<BTreeSet<_>>().len() as i64;
    let counted = store::rounds::find(&mut conn, round)
        .unwrap()
        .unwrap()
        .ballot_count;

    // Every scheduled job once.
    let audited = |conn: &mut db::DbConnection, action: &str| -> i64 {
        audit_log::table
            .filter(audit_log::action.eq(action))
            .filter(audit_log::entity_id.eq(round.to_string()))
            .count()
            .get_result(conn)
            .unwrap()
    };
    let (opened, closed) = (
        audited(&mut conn, "round_opened"),
        audited(&mut conn, "round_closed"),
    );
    let mail_folder: PathBuf = dir.path().join("mail");
    wait_for(
        "the opening mail and the digest",
        Duration::from_secs(60),
        || {
            mail_files_to(&mail_folder, "nu@scale.example") >= 1
                && mail_files_to(&mail_folder, "overzicht@scale.example") >= 1
        },
    );
    let received_now = || received.lock().unwrap().clone();
    wait_for("the webhooks", Duration::from_secs(60), || {
        received_now().len() >= 3
    });
    tokio::time::sleep(Duration::from_secs(3)).await;
    let opening_mail_rows: i64 = mail_outbox::table
        .filter(mail_outbox::recipient.eq("nu@scale.example"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    let opening_mails_sent = mail_files_to(&mail_folder, "nu@scale.example");
    let digest_rows: i64 = digests::table
        .filter(digests::user_id.eq(digest_reader))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    let digests_sent = mail_files_to(&mail_folder, "overzicht@scale.example");
    let messages = received_now();
    let message_ids: BTreeSet<&String> = messages.iter().map(|(id, _)| id).collect();
    let webhook_duplicates = messages.len() - message_ids.len();

    // Sessions work on every surviving process; the login limit is one for all of them.
    let mut sessions_refused = 0;
    for process in processes.iter().filter(|p| p.child.is_some()) {
        let reply = http
            .get(format!("http://127.0.0.1:{}/api/v1/me", process.port))
            .bearer_auth(&tokens[0])
            .send()
            .await
            .unwrap();
        if reply.status() != 200 {
            sessions_refused += 1;
        }
    }
    let mut limited_at = None;
    for attempt in 1..=3 * 10 + 1 {
        let reply = http
            .post(format!("{address}/api/v1/auth/login"))
            .json(&serde_json::json!({"email": "voter0@bench.example", "password": "not the password at all"}))
            .send()
            .await
            .unwrap();
        if reply.status() == 429 {
            limited_at = Some(attempt);
            break;
        }
    }

    println!(
        "scale-out on PostgreSQL: {PROCESSES} processes behind HAProxy, {voter_count} voters by {clients} clients in {seconds:.1} s; \
         1 process killed with SIGKILL after {killed_at} ballots; acknowledged {}, unanswered {unanswered}, lost {lost}, \
         duplicated {duplicated}, ballot rows {rows}, counted {counted:?}; round opened {opened}x, closed {closed}x; \
         opening mail {opening_mail_rows} written, {opening_mails_sent} sent; digest {digest_rows} claimed, {digests_sent} sent; \
         webhooks {} messages, {webhook_duplicates} duplicates; sessions refused {sessions_refused}; \
         login limit reached at attempt {limited_at:?}",
        acknowledged_choices.len(),
        messages.len(),
    );
    assert_eq!(lost, 0, "acknowledged ballots lost");
    assert_eq!(duplicated, 0, "ballots stored twice");
    assert!(acknowledged_choices.len() + unanswered == voter_count);
    assert!(
        unanswered <= clients,
        "at most the requests in flight at the kill went unanswered"
    );
    assert_eq!(counted, Some(rows), "the count took every stored ballot");
    assert_eq!((opened, closed), (1, 1), "the round opened and closed once");
    assert_eq!(
        (opening_mail_rows, opening_mails_sent),
        (1, 1),
        "one opening mail, sent once"
    );
    assert_eq!((digest_rows, digests_sent), (1, 1), "one digest, sent once");
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert_eq!(webhook_duplicates, 0);
    assert_eq!(sessions_refused, 0);
    assert_eq!(
        limited_at,
        Some(11),
        "the limit of 10 failed logins holds across the processes"
    );
}

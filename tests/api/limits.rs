use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_flood_of_logins_is_turned_away_with_503_not_crashes() {
    let app = spawn_app_with(|c| {
        c.password_hash_concurrency = 1;
        c.password_hash_wait = Duration::from_millis(20);
    })
    .await;
    let user = app.resident("Flora").await;
    let body = json!({"email": user.email, "password": "not the password at all"});
    let replies =
        futures::future::join_all((0..40).map(|_| app.post("/api/v1/auth/login", &body, None)))
            .await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status).collect();
    assert!(
        statuses.iter().all(|s| [401, 429, 503].contains(s)),
        "{statuses:?}"
    );
    let busy: Vec<_> = replies.iter().filter(|r| r.status == 503).collect();
    assert!(
        !busy.is_empty(),
        "with one hashing slot some of 40 simultaneous logins must be turned away: {statuses:?}"
    );
    for reply in busy {
        reply.assert_problem(503, "service_unavailable");
        assert!(reply.headers.contains_key("retry-after"));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let other = app.resident("Gust").await;
    assert_eq!(
        app.login(&other.email, PASSWORD).await.status,
        200,
        "the server recovers"
    );
}

#[tokio::test]
async fn page_sizes_are_capped() {
    let app = spawn_app().await;
    app.get("/api/v1/areas?limit=101", None)
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/editions?limit=0", None)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(app.get("/api/v1/areas?limit=100", None).await.status, 200);
}

#[tokio::test]
async fn a_client_that_never_finishes_its_request_is_cut_off() {
    let app = spawn_app().await;
    let address = app.address.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buffer = vec![0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut buffer)).await;
    let elapsed = started.elapsed();
    let answer = match read {
        Ok(Ok(n)) => String::from_utf8_lossy(&buffer[..n]).to_string(),
        Ok(Err(_)) => String::new(),
        Err(_) => panic!("the connection stayed open for 20 s"),
    };
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    assert!(
        elapsed >= Duration::from_secs(5),
        "cut off after the request timeout, not at once: {elapsed:?}"
    );
}

/// Counts the statuses of many replies.
fn tally(replies: &[crate::helpers::Reply]) -> std::collections::BTreeMap<u16, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for reply in replies {
        *counts.entry(reply.status).or_insert(0) += 1;
    }
    counts
}

async fn patient_app() -> crate::helpers::TestApp {
    spawn_app_with(|c| c.password_hash_wait = Duration::from_secs(60)).await
}

#[tokio::test]
async fn a_hundred_wrong_passwords_at_once_for_one_account_get_exactly_ten_checks() {
    let app = patient_app().await;
    let victim = app.resident("Hanne").await;
    let body = json!({"email": victim.email, "password": "not the password at all"});
    let replies =
        futures::future::join_all((0..100).map(|_| app.post("/api/v1/auth/login", &body, None)))
            .await;
    let counts = tally(&replies);
    assert_eq!(counts.get(&401), Some(&10), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&90), "{counts:?}");
}

#[tokio::test]
async fn a_hundred_sprayed_passwords_at_once_from_one_address_get_exactly_thirty_checks() {
    let app = &patient_app().await;
    let replies = futures::future::join_all((0..100).map(|n| {
        let body = json!({"email": format!("sprayed{n}@example.org"), "password": "Summer2026!"});
        async move { app.post("/api/v1/auth/login", &body, None).await }
    }))
    .await;
    let counts = tally(&replies);
    assert_eq!(counts.get(&401), Some(&30), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&70), "{counts:?}");
}

#[tokio::test]
async fn a_hundred_registrations_at_once_from_one_address_make_exactly_ten_accounts() {
    let app = &patient_app().await;
    let replies = futures::future::join_all((0..100).map(|n| {
        let body = json!({
            "email": format!("newcomer{n}@example.org"),
            "password": "a long and unusual passphrase",
            "display_name": format!("Newcomer {n}"),
        });
        async move { app.post("/api/v1/auth/register", &body, None).await }
    }))
    .await;
    let counts = tally(&replies);
    assert_eq!(counts.get(&202), Some(&10), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&90), "{counts:?}");
}

#[tokio::test]
async fn the_owner_signs_in_from_a_known_device_while_an_attacker_hammers_the_account() {
    let app = &spawn_app_with(|c| {
        c.trust_forwarded_for = true;
        c.password_hash_wait = Duration::from_secs(60);
    })
    .await;
    let owner = app.resident("Ilse").await;
    let login = |address: String, password: &'static str, device: Option<String>| {
        let mut body = json!({"email": owner.email, "password": password});
        if let Some(device) = device {
            body["device_token"] = json!(device);
        }
        async move {
            app.send(
                app.client
                    .post(app.url("/api/v1/auth/login"))
                    .header("x-forwarded-for", address)
                    .json(&body),
            )
            .await
        }
    };
    let first = login("192.0.2.1".into(), PASSWORD, None).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let device = first.json()["device_token"].as_str().unwrap().to_string();

    // Wrong passwords from 80 addresses at once: the account's cap of 50 holds.
    let replies = futures::future::join_all(
        (0..80).map(|n| login(format!("198.51.100.{n}"), "guess guess guess", None)),
    )
    .await;
    let counts = tally(&replies);
    assert_eq!(counts.get(&401), Some(&50), "{counts:?}");
    assert_eq!(counts.get(&429), Some(&30), "{counts:?}");

    // A new device with the right password waits, like the attacker...
    login("203.0.113.9".into(), PASSWORD, None)
        .await
        .assert_problem(429, "rate_limited");
    // ...but the owner's device signs in, and keeps its device token.
    let owner_again = login("192.0.2.1".into(), PASSWORD, Some(device.clone())).await;
    assert_eq!(owner_again.status, 200, "{}", owner_again.text);
    assert_eq!(owner_again.json()["device_token"], json!(device));
    // A forged or foreign device token counts as no device token.
    login("192.0.2.1".into(), PASSWORD, Some(format!("{device}x")))
        .await
        .assert_problem(429, "rate_limited");
}

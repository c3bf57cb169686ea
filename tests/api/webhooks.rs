//! Webhooks: each event delivered once, signed as the Standard Webhooks specification says,
//! across two server processes; retries after failures; replay; switched off after failing
//! again and again, with a mail to the administrators.

use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::voting::{round, vote_and_close, voting_edition};

/// One POST the receiver got.
#[derive(Clone, Debug)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: String,
}

/// A receiver on 127.0.0.1 that answers with the statuses it is given, then 204.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    async fn start(answers: &[u16]) -> (String, Receiver) {
        let receiver = Receiver::default();
        receiver.answers.lock().unwrap().extend(answers);
        let shared = receiver.clone();
        let server = actix_web::HttpServer::new(move || {
            let shared = shared.clone();
            actix_web::App::new().default_service(web::to(
                move |req: HttpRequest, body: web::Bytes| {
                    let shared = shared.clone();
                    async move {
                        let header = |name: &str| {
                            req.headers()
                                .get(name)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default()
                                .to_string()
                        };
                        shared.got.lock().unwrap().push(Received {
                            id: header("webhook-id"),
                            timestamp: header("webhook-timestamp"),
                            signature: header("webhook-signature"),
                            body: String::from_utf8_lossy(&body).into_owned(),
                        });
                        let status = shared.answers.lock().unwrap().pop_front().unwrap_or(204);
                        HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap())
                            .finish()
                    }
                },
            ))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .unwrap();
        let port = server.addrs()[0].port();
        tokio::spawn(server.run());
        (format!("http://127.0.0.1:{port}/hooks"), receiver)
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits until `done` holds for what was received.
    async fn wait_until(&self, what: &str, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        for _ in 0..300 {
            let got = self.got();
            if done(&got) {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the receiver never got {what}: {:#?}", self.got());
    }
}

fn of_type(got: &[Received], event_type: &str) -> Vec<Received> {
    got.iter()
        .filter(|r| serde_json::from_str::<Value>(&r.body).unwrap()["type"] == event_type)
        .cloned()
        .collect()
}

/// The signature as the specification defines it, computed here independently.
fn valid_signature(secret: &str, received: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    received.signature.split(' ').any(|s| s == expected)
}

async fn subscribe(app: &TestApp, admin_token: &str, url: &str, types: &[&str]) -> Value {
    let created = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": url, "event_types": types, "description": "ERP van de stad"}),
            Some(admin_token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json()
}

#[tokio::test]
async fn every_event_reaches_the_receiver_once_signed_even_with_two_processes() {
    let app = spawn_app().await;
    let _second = app.second_process().await;
    let first_admin = app.admin().await;
    let (url, receiver) = Receiver::start(&[]).await;
    let hook = subscribe(
        &app,
        &first_admin.token,
        &url,
        &[
            "proposal.submitted",
            "round.opened",
            "round.closed",
            "results.published",
        ],
    )
    .await;
    let secret = hook["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");

    let v = voting_edition(&app, 2, &[10_000, 20_000]).await;
    let r = round(&app, &v, json!({})).await;
    vote_and_close(
        &app,
        &v,
        r,
        &[vec![v.projects[0]], vec![v.projects[0], v.projects[1]]],
    )
    .await;
    receiver
        .wait_until("the results", |got| {
            !of_type(got, "results.published").is_empty()
        })
        .await;
    // Give a late duplicate from either process the time to arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got = receiver.got();
    assert!(got.len() >= 5, "{got:#?}");

    let ids: BTreeSet<&str> = got.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), got.len(), "each message arrives once: {got:#?}");
    for received in &got {
        assert!(valid_signature(&secret, received), "{received:#?}");
        let age = chrono::Utc::now().timestamp() - received.timestamp.parse::<i64>().unwrap();
        assert!((0..300).contains(&age), "{received:?}");
    }
    assert_eq!(of_type(&got, "proposal.submitted").len(), 2, "{got:#?}");
    assert_eq!(of_type(&got, "round.opened").len(), 1);
    assert_eq!(of_type(&got, "round.closed").len(), 1);
    let results: Value = serde_json::from_str(&of_type(&got, "results.published")[0].body).unwrap();
    assert_eq!(results["data"]["entity_id"], r.to_string());
    assert_eq!(
        results["data"]["url"],
        format!("http://wijkbudget.test/api/v1/rounds/{r}/results")
    );
    assert!(
        of_type(&got, "proposal.state_changed").is_empty(),
        "not subscribed"
    );

    let log = app
        .get(
            &format!("/api/v1/webhooks/{}/deliveries", hook["id"]),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(log.status, 200, "{}", log.text);
    let log = log.json();
    assert_eq!(log.as_array().unwrap().len(), got.len());
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|d| d["delivered_at"].is_string()
                && d["attempts"].as_array().unwrap().len() == 1
                && d["attempts"][0]["status_code"] == 204),
        "{log}"
    );
    let listed = app.get("/api/v1/webhooks", Some(&v.admin.token)).await;
    assert!(!listed.text.contains(&secret), "the secret is shown once");
}

#[tokio::test]
async fn a_failed_delivery_is_retried_and_can_be_replayed_with_the_same_id() {
    let app = spawn_app().await;
    let first_admin = app.admin().await;
    let (url, receiver) = Receiver::start(&[500]).await;
    let hook = subscribe(&app, &first_admin.token, &url, &["round.opened"]).await;
    let v = voting_edition(&app, 2, &[10_000]).await;
    round(&app, &v, json!({})).await;

    // 500 at first, then accepted on the retry five seconds later.
    let got = receiver.wait_until("a retry", |got| got.len() >= 2).await;
    assert_eq!(got[0].id, got[1].id, "a retry is the same message");
    let log_path = format!("/api/v1/webhooks/{}/deliveries", hook["id"]);
    let log = app.get(&log_path, Some(&v.admin.token)).await.json();
    let delivery = &log[0];
    assert!(delivery["delivered_at"].is_string(), "{log}");
    let statuses: Vec<&Value> = delivery["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["status_code"])
        .collect();
    assert_eq!(statuses, vec![&json!(500), &json!(204)], "{log}");

    let replayed = app
        .post(
            &format!("{log_path}/{}/replay", delivery["id"]),
            &json!({}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(replayed.status, 202, "{}", replayed.text);
    let got = receiver
        .wait_until("the replay", |got| got.len() >= 3)
        .await;
    assert_eq!(got[2].id, got[0].id);
    assert!(valid_signature(hook["secret"].as_str().unwrap(), &got[2]));
    app.post(
        &format!("{log_path}/999999/replay"),
        &json!({}),
        Some(&v.admin.token),
    )
    .await
    .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_webhook_that_keeps_failing_is_switched_off_and_the_administrators_hear_of_it() {
    let app = spawn_app_with(|c| c.operations.webhook_disable_after = 3).await;
    let first_admin = app.admin().await;
    let (url, receiver) = Receiver::start(&[503; 100]).await;
    let hook = subscribe(&app, &first_admin.token, &url, &["proposal.state_changed"]).await;
    let refused = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": "http://erp.stad.example/hooks", "event_types": ["round.opened"]}),
            Some(&first_admin.token),
        )
        .await;
    refused.assert_problem(422, "validation_failed");
    assert!(refused.text.contains("\"url\""), "{}", refused.text);

    let v = voting_edition(&app, 2, &[10_000, 20_000]).await;
    let mail = app.wait_for_mail("admin@stad.example", &url).await;
    assert!(mail.subject.contains('3'), "{}", mail.subject);
    let listed = app
        .get("/api/v1/webhooks", Some(&v.admin.token))
        .await
        .json();
    assert_eq!(listed[0]["enabled"], false, "{listed}");
    assert_eq!(listed[0]["failures_in_a_row"], 3, "{listed}");
    let sent_when_off = receiver.got().len();
    assert_eq!(sent_when_off, 3, "nothing is sent once it is off");

    let on = app
        .patch(
            &format!("/api/v1/webhooks/{}", hook["id"]),
            &json!({"enabled": true}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    assert_eq!(on.json()["enabled"], true);
    assert_eq!(on.json()["failures_in_a_row"], 0);
    receiver
        .wait_until("sending again", |got| got.len() > sent_when_off)
        .await;
}

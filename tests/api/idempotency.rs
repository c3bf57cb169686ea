//! Idempotency-Key: a retry after a lost answer gets the first answer again, never the work
//! done twice; the same key with other content is refused.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, spawn_app};
use crate::voting::{ballot_path, round, voting_edition};

pub async fn send_with_key(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    key: &str,
    body: &Value,
    token: Option<&str>,
) -> Reply {
    let mut request = app
        .client
        .request(method, app.url(path))
        .header("idempotency-key", key)
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    app.send(request).await
}

pub fn replayed(reply: &Reply) -> bool {
    reply
        .headers
        .get("idempotent-replayed")
        .is_some_and(|v| v == "true")
}

#[tokio::test]
async fn a_code_voter_whose_answer_was_lost_gets_the_receipt_again() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let admin = Some(v.admin.token.as_str());
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", v.edition),
            &json!({"area_id": v.north, "ballot_type": "approval", "rule": "greedy", "uses_codes": true,
                    "opens_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(), "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339()}),
            admin,
        )
        .await;
    let r = created.json()["id"].as_i64().unwrap();
    let codes = app
        .post(
            &format!("/api/v1/rounds/{r}/voting-codes"),
            &json!({"count": 2}),
            admin,
        )
        .await;
    let codes: Vec<String> = codes.text.lines().skip(1).map(str::to_string).collect();
    app.post(&format!("/api/v1/rounds/{r}/open"), &json!({}), admin)
        .await;
    let path = format!("/api/v1/rounds/{r}/code-ballot");
    let ballot = json!({"code": codes[0], "project_ids": [v.projects[0]]});
    let put = reqwest::Method::PUT;

    let first = send_with_key(&app, put.clone(), &path, "lost-answer-1", &ballot, None).await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert!(!replayed(&first));
    let retry = send_with_key(&app, put.clone(), &path, "lost-answer-1", &ballot, None).await;
    assert_eq!(retry.status, 201, "{}", retry.text);
    assert!(replayed(&retry));
    assert_eq!(retry.json()["receipt"], first.json()["receipt"]);
    assert_eq!(retry.content_type(), first.content_type());

    let other = json!({"code": codes[0], "project_ids": [v.projects[1]]});
    send_with_key(&app, put.clone(), &path, "lost-answer-1", &other, None)
        .await
        .assert_problem(422, "idempotency_key_reused");
    app.put(&path, &ballot, None)
        .await
        .assert_problem(409, "conflict");
    send_with_key(&app, put.clone(), &path, "  ", &ballot, None)
        .await
        .assert_problem(422, "validation_failed");
    let counted = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            admin,
        )
        .await;
    assert_eq!(counted.status, 200, "{}", counted.text);
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(
        results["ballots"], 1,
        "the retry was not a second ballot: {results}"
    );
}

#[tokio::test]
async fn a_hundred_retries_at_once_do_the_work_once_and_keys_belong_to_their_sender() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let r = round(&app, &v, json!({})).await;
    let path = ballot_path(r);
    let ballot = json!({"project_ids": [v.projects[0]]});
    let voter = Some(v.voters[0].token.as_str());
    let answers = futures::future::join_all((0..100).map(|_| {
        send_with_key(
            &app,
            reqwest::Method::PUT,
            &path,
            "same-key",
            &ballot,
            voter,
        )
    }))
    .await;
    let fresh: Vec<&Reply> = answers
        .iter()
        .filter(|a| !replayed(a) && a.status == 201)
        .collect();
    assert_eq!(
        fresh.len(),
        1,
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    let receipt = &fresh[0].json()["receipt"];
    for answer in &answers {
        match answer.status {
            201 => assert_eq!(&answer.json()["receipt"], receipt),
            409 => {
                answer.assert_problem(409, "conflict");
            }
            other => panic!("{other}: {}", answer.text),
        }
    }

    let neighbour = send_with_key(
        &app,
        reqwest::Method::PUT,
        &path,
        "same-key",
        &ballot,
        Some(&v.voters[1].token),
    )
    .await;
    assert_eq!(neighbour.status, 201, "{}", neighbour.text);
    assert!(!replayed(&neighbour), "another voter's key is their own");
    assert_ne!(&neighbour.json()["receipt"], receipt);
}

#[tokio::test]
async fn a_registration_sent_twice_with_one_key_registers_and_mails_once() {
    let app = spawn_app().await;
    let body = json!({"email": "twice@example.org", "password": crate::helpers::PASSWORD, "display_name": "Twee"});
    let post = reqwest::Method::POST;
    let first = send_with_key(
        &app,
        post.clone(),
        "/api/v1/auth/register",
        "reg-1",
        &body,
        None,
    )
    .await;
    assert_eq!(first.status, 202, "{}", first.text);
    app.wait_for_mail("twice@example.org", "verify-email").await;
    let again = send_with_key(&app, post, "/api/v1/auth/register", "reg-1", &body, None).await;
    assert_eq!(again.status, 202);
    assert!(replayed(&again));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mails = app
        .delivered_mail()
        .into_iter()
        .filter(|m| m.to == "twice@example.org")
        .count();
    assert_eq!(mails, 1);
}

//! What the people running the service watch: Prometheus metrics and readiness.

use std::time::Duration;

use diesel::RunQueryDsl;
use serde_json::json;
use wijkbudget::config::SecretKey;

use crate::helpers::{spawn_app, spawn_app_with};
use crate::voting::{ballot_path, round, voting_edition};

/// The value of one series in an exposition text, 0 when it is absent.
fn series(text: &str, name_and_labels: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(name_and_labels)?.trim().parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_requests_per_route_ballots_jobs_and_the_waiting_mail() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[10_000]).await;
    let r = round(&app, &v, json!({})).await;
    let before = app.get("/metrics", None).await;
    assert_eq!(before.status, 200, "{}", before.text);
    assert!(
        before.content_type().starts_with("text/plain"),
        "{}",
        before.content_type()
    );
    let online = "wijkbudget_ballots_cast_total{channel=\"online\"}";
    let cast_before = series(&before.text, online);
    for voter in &v.voters {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": [v.projects[0]]}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    // A changed ballot is not a new one.
    let changed = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&v.voters[0].token),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let proposal = v.projects[0];
    assert_eq!(
        app.get(&format!("/api/v1/proposals/{proposal}"), None)
            .await
            .status,
        200
    );

    let after = app.get("/metrics", None).await.text;
    assert!(series(&after, online) >= cast_before + 2.0, "{after}");
    assert!(
        after.contains("route=\"/api/v1/proposals/{id}\""),
        "requests are counted per route pattern: {after}"
    );
    assert!(
        !after.contains(&format!("route=\"/api/v1/proposals/{proposal}\"")),
        "an id never makes a series of its own"
    );
    assert!(
        after.contains("wijkbudget_http_request_duration_seconds_bucket"),
        "{after}"
    );
    assert!(
        series(
            &after,
            "wijkbudget_job_runs_total{job=\"round_schedule\",outcome=\"ok\"}"
        ) >= 1.0,
        "{after}"
    );
    // The residents' verification mails are in the outbox.
    assert!(after.contains("wijkbudget_mail_outbox_waiting "), "{after}");
}

#[tokio::test]
async fn with_a_metrics_token_only_a_scraper_that_sends_it_reads_the_metrics() {
    let token = "scraper-token-0123456789abcdef-0123456789";
    let app = spawn_app_with(|c| {
        c.operations.metrics_token =
            Some(SecretKey::new(token.as_bytes().to_vec(), "METRICS_TOKEN").unwrap());
    })
    .await;
    app.get("/metrics", None)
        .await
        .assert_problem(401, "unauthorized");
    app.get("/metrics", Some("scraper-token-0123456789abcdef-012345678"))
        .await
        .assert_problem(401, "unauthorized");
    let read = app.get("/metrics", Some(token)).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert!(
        read.text.contains("wijkbudget_http_requests_total"),
        "{}",
        read.text
    );
}

#[tokio::test]
async fn a_job_that_keeps_failing_makes_the_process_not_ready_and_readiness_names_it() {
    let app = spawn_app_with(|c| c.operations.job_lag_limit = Duration::from_secs(2)).await;
    assert_eq!(app.get("/ready", None).await.status, 200);
    diesel::sql_query("DROP TABLE rate_limit_events")
        .execute(&mut app.db())
        .unwrap();
    let mut answer = app.get("/ready", None).await;
    for _ in 0..40 {
        if answer.status == 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        answer = app.get("/ready", None).await;
    }
    let problem = answer.assert_problem(503, "service_unavailable");
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("rate_limit_pruning"), "{detail}");
    let metrics = app.get("/metrics", None).await.text;
    assert!(
        series(
            &metrics,
            "wijkbudget_job_runs_total{job=\"rate_limit_pruning\",outcome=\"failed\"}"
        ) >= 1.0,
        "{metrics}"
    );
}

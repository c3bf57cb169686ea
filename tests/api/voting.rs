use std::collections::HashSet;

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::editions::move_to;
use crate::helpers::{Account, TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};

/// An edition in the voting phase with a feasible proposal of the north area for each cost,
/// and `voters` verified residents of the north area.
pub struct Vote {
    pub admin: Account,
    pub north: i64,
    pub south: i64,
    pub edition: i64,
    pub projects: Vec<i64>,
    pub voters: Vec<Account>,
}

pub async fn voting_edition(app: &TestApp, voters: usize, costs: &[i64]) -> Vote {
    let vote = reviewed_edition(app, voters, costs).await;
    move_to(app, &vote.admin, vote.edition, "voting").await;
    vote
}

/// As `voting_edition`, one step earlier: every project reviewed, the edition still in review.
pub async fn reviewed_edition(app: &TestApp, voters: usize, costs: &[i64]) -> Vote {
    let s = setting(app).await;
    let author = resident_of(app, &s.admin, "Auteur", s.north).await;
    let reviewer = app
        .with_role(&s.admin, "Nadia", "reviewer", json!({"department": "stad"}))
        .await;
    let mut projects = Vec::new();
    for (i, cost) in costs.iter().enumerate() {
        let edition_author = if i < 3 {
            author.clone()
        } else {
            resident_of(app, &s.admin, &format!("Auteur {i}"), s.north).await
        };
        projects.push(
            submitted_proposal(
                app,
                &edition_author,
                s.edition,
                s.north,
                &format!("Project {i}"),
                *cost,
            )
            .await,
        );
    }
    move_to(app, &s.admin, s.edition, "support").await;
    let mut residents = vec![author];
    for i in 1..voters.max(2) {
        residents.push(resident_of(app, &s.admin, &format!("Kiezer {i}"), s.north).await);
    }
    for id in &projects {
        for r in residents.iter().take(2) {
            app.post(
                &format!("/api/v1/proposals/{id}/support"),
                &json!({}),
                Some(&r.token),
            )
            .await;
        }
    }
    move_to(app, &s.admin, s.edition, "review").await;
    for (id, cost) in projects.iter().zip(costs) {
        app.post(
            &format!("/api/v1/proposals/{id}/assignment"),
            &json!({"department": "stad"}),
            Some(&s.admin.token),
        )
        .await;
        let reviewed = app
            .post(&format!("/api/v1/proposals/{id}/reviews"), &json!({"verdict": "feasible", "public_explanation": "Kan.", "reviewed_cost_cents": cost}), Some(&reviewer.token))
            .await;
        assert_eq!(reviewed.status, 200, "{}", reviewed.text);
    }
    residents.truncate(voters);
    Vote {
        admin: s.admin,
        north: s.north,
        south: s.south,
        edition: s.edition,
        projects,
        voters: residents,
    }
}

pub async fn round(app: &TestApp, vote: &Vote, settings: Value) -> i64 {
    let mut body = json!({
        "area_id": vote.north,
        "ballot_type": "approval",
        "rule": "greedy",
        "opens_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(),
        "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339(),
    });
    for (k, v) in settings.as_object().unwrap() {
        body[k] = v.clone();
    }
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", vote.edition),
            &body,
            Some(&vote.admin.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    let opened = app
        .post(
            &format!("/api/v1/rounds/{id}/open"),
            &json!({}),
            Some(&vote.admin.token),
        )
        .await;
    // The round's time has come, so the scheduler may have opened it first.
    let status = app.get(&format!("/api/v1/rounds/{id}"), None).await.json()["status"].clone();
    assert!(
        opened.status == 200 || (opened.status == 409 && status == "open"),
        "{}",
        opened.text
    );
    id
}

/// Casts one approval ballot per voter, in order, and closes the round.
pub async fn vote_and_close(app: &TestApp, v: &Vote, r: i64, ballots: &[Vec<i64>]) {
    for (voter, choice) in v.voters.iter().zip(ballots) {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": choice}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
}

pub fn ballot_path(round: i64) -> String {
    format!("/api/v1/rounds/{round}/ballot")
}

#[tokio::test]
async fn approval_ballots_are_checked_and_replaceable() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000, 500_000]).await;
    let r = round(&app, &v, json!({"min_choices": 1, "max_choices": 2})).await;
    let p = &v.projects;
    let voter = &v.voters[1];
    for (body, rule) in [
        (json!({"project_ids": []}), "min_choices"),
        (json!({"project_ids": [p[0], p[1], p[2]]}), "max_choices"),
        (json!({"project_ids": [p[0], p[0]]}), "duplicate_project"),
        (json!({"project_ids": [999999]}), "unknown_project"),
        (json!({"points": {p[0].to_string(): 1}}), "project_ids"),
    ] {
        let reply = app.put(&ballot_path(r), &body, Some(&voter.token)).await;
        reply.assert_problem(422, "validation_failed");
        assert!(reply.text.contains(rule), "{rule}: {}", reply.text);
    }
    // The rule a ballot breaks is a stable code beside the text, for a booth to act on.
    let too_many = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [p[0], p[1], p[2]]}),
            Some(&voter.token),
        )
        .await;
    assert_eq!(too_many.json()["errors"][0]["code"], "max_choices");
    let cast = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [p[0]]}),
            Some(&voter.token),
        )
        .await;
    assert_eq!(cast.status, 201, "{}", cast.text);
    let first_receipt = cast.json()["receipt"].as_str().unwrap().to_string();
    let replaced = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [p[1], p[2]]}),
            Some(&voter.token),
        )
        .await;
    assert_eq!(replaced.status, 200);
    assert_ne!(replaced.json()["receipt"].as_str().unwrap(), first_receipt);
    let own = app.get(&ballot_path(r), Some(&voter.token)).await.json();
    assert_eq!(own["project_ids"], json!([p[1], p[2]]));
    app.get(&ballot_path(r), Some(&v.voters[0].token))
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        app.delete(&ballot_path(r), Some(&voter.token)).await.status,
        204
    );
    app.get(&ballot_path(r), Some(&voter.token))
        .await
        .assert_problem(404, "not_found");
    let southerner = resident_of(&app, &v.admin, "Zuiderling", v.south).await;
    app.put(
        &ballot_path(r),
        &json!({"project_ids": [p[0]]}),
        Some(&southerner.token),
    )
    .await
    .assert_problem(403, "not_eligible");
}

#[tokio::test]
async fn knapsack_cumulative_and_ranked_ballots_enforce_their_limits() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000, 500_000]).await;
    let p = v.projects.clone();
    let voter = v.voters[1].clone();
    let knapsack = round(
        &app,
        &v,
        json!({"ballot_type": "knapsack", "budget_limit_cents": 800_000, "min_spend_bp": 5000}),
    )
    .await;
    let over = app
        .put(
            &ballot_path(knapsack),
            &json!({"project_ids": [p[1], p[2]]}),
            Some(&voter.token),
        )
        .await;
    assert!(over.text.contains("budget_limit"), "{}", over.text);
    let under = app
        .put(
            &ballot_path(knapsack),
            &json!({"project_ids": [p[0]]}),
            Some(&voter.token),
        )
        .await;
    assert!(under.text.contains("min_spend"), "{}", under.text);
    assert_eq!(
        app.put(
            &ballot_path(knapsack),
            &json!({"project_ids": [p[0], p[2]]}),
            Some(&voter.token)
        )
        .await
        .status,
        201
    );

    // Each envelope has one round: the other ballot types are voted in fresh cities.
    let app2 = spawn_app().await;
    let v2 = voting_edition(&app2, 2, &[300_000, 400_000, 500_000]).await;
    let p2 = v2.projects.clone();
    let cumulative = round(
        &app2,
        &v2,
        json!({"ballot_type": "cumulative", "points": 5, "max_points_per_project": 3}),
    )
    .await;
    let voter2 = &v2.voters[1];
    let points = |pairs: &[(i64, i64)]| json!({"points": pairs.iter().map(|(k, n)| (k.to_string(), json!(n))).collect::<serde_json::Map<_, _>>()});
    assert!(
        app2.put(
            &ballot_path(cumulative),
            &points(&[(p2[0], 4)]),
            Some(&voter2.token)
        )
        .await
        .text
        .contains("max_points_per_project")
    );
    assert!(
        app2.put(
            &ballot_path(cumulative),
            &points(&[(p2[0], 3), (p2[1], 3)]),
            Some(&voter2.token)
        )
        .await
        .text
        .contains(r#""code":"points""#)
    );
    assert!(
        app2.put(
            &ballot_path(cumulative),
            &json!({"project_ids": [p2[0]]}),
            Some(&voter2.token)
        )
        .await
        .text
        .contains("points")
    );
    assert_eq!(
        app2.put(
            &ballot_path(cumulative),
            &points(&[(p2[0], 3), (p2[1], 2)]),
            Some(&voter2.token)
        )
        .await
        .status,
        201
    );

    let app3 = spawn_app().await;
    let v3 = voting_edition(&app3, 2, &[300_000, 400_000, 500_000]).await;
    let p3 = v3.projects.clone();
    let ranked = round(
        &app3,
        &v3,
        json!({"ballot_type": "ranked", "max_choices": 2, "rule": "greedy"}),
    )
    .await;
    let voter3 = &v3.voters[1];
    assert!(
        app3.put(
            &ballot_path(ranked),
            &json!({"project_ids": [p3[0], p3[1], p3[2]]}),
            Some(&voter3.token)
        )
        .await
        .text
        .contains("max_choices")
    );
    assert_eq!(
        app3.put(
            &ballot_path(ranked),
            &json!({"project_ids": [p3[2], p3[0]]}),
            Some(&voter3.token)
        )
        .await
        .status,
        201
    );
}

#[tokio::test]
async fn two_hundred_concurrent_puts_from_one_voter_leave_exactly_one_ballot_within_budget() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000, 500_000]).await;
    let p = v.projects.clone();
    let r = round(
        &app,
        &v,
        json!({"ballot_type": "knapsack", "budget_limit_cents": 800_000}),
    )
    .await;
    let voter = &v.voters[1];
    let choices = [
        vec![p[0]],
        vec![p[1]],
        vec![p[0], p[1]],
        vec![p[1], p[2]],
        vec![p[0], p[2]],
        vec![p[0], p[1], p[2]],
    ];
    let path = ballot_path(r);
    let bodies: Vec<Value> = (0..200)
        .map(|i| json!({"project_ids": choices[i % choices.len()]}))
        .collect();
    let requests = bodies
        .iter()
        .map(|body| app.put(&path, body, Some(&voter.token)));
    let replies = futures::future::join_all(requests).await;
    let statuses: HashSet<u16> = replies.iter().map(|r| r.status).collect();
    assert!(
        statuses.iter().all(|s| [200, 201, 422].contains(s)),
        "{statuses:?}"
    );
    assert_eq!(
        replies.iter().filter(|r| r.status == 201).count(),
        1,
        "exactly one ballot was created"
    );
    let stored: i64 = {
        use diesel::prelude::*;
        use wijkbudget::store::schema::ballots::dsl::*;
        ballots
            .filter(round_id.eq(r))
            .count()
            .get_result(&mut app.db())
            .unwrap()
    };
    assert_eq!(stored, 1);
    let own = app.get(&ballot_path(r), Some(&voter.token)).await.json();
    let costs = [300_000, 400_000, 500_000];
    let spent: i64 = own["project_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| costs[p.iter().position(|x| x == &id.as_i64().unwrap()).unwrap()])
        .sum();
    assert!(
        spent <= 800_000,
        "the stored ballot keeps within the budget: {spent}"
    );
}

#[tokio::test]
async fn ballots_after_closing_are_refused_and_rules_freeze_when_the_round_opens() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let r = round(&app, &v, json!({})).await;
    app.patch(
        &format!("/api/v1/rounds/{r}"),
        &json!({"rule": "equalshares"}),
        Some(&v.admin.token),
    )
    .await
    .assert_problem(409, "rules_frozen");
    app.patch(
        &format!("/api/v1/rounds/{r}"),
        &json!({"max_choices": 1}),
        Some(&v.admin.token),
    )
    .await
    .assert_problem(409, "rules_frozen");
    assert_eq!(
        app.post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&v.admin.token)
        )
        .await
        .status,
        200
    );
    app.put(
        &ballot_path(r),
        &json!({"project_ids": [v.projects[0]]}),
        Some(&v.voters[1].token),
    )
    .await
    .assert_problem(409, "round_closed");
}

#[tokio::test]
async fn a_round_closes_by_itself_at_its_time() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000]).await;
    let r = round(
        &app,
        &v,
        json!({"closes_at": (Utc::now() + Duration::seconds(2)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        app.put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&v.voters[1].token)
        )
        .await
        .status,
        201
    );
    let mut status = String::new();
    for _ in 0..80 {
        status = app.get(&format!("/api/v1/rounds/{r}"), None).await.json()["status"]
            .as_str()
            .unwrap()
            .to_string();
        if status == "closed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "closed");
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(results["ballots"], 1);
}

#[tokio::test]
async fn a_voting_code_works_once_and_not_both_online_and_on_paper() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", v.edition),
            &json!({"area_id": v.north, "ballot_type": "approval", "rule": "greedy", "uses_codes": true,
                    "opens_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(), "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339()}),
            Some(&v.admin.token),
        )
        .await;
    let r = created.json()["id"].as_i64().unwrap();
    let codes = app
        .post(
            &format!("/api/v1/rounds/{r}/voting-codes"),
            &json!({"count": 3}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(codes.status, 201, "{}", codes.text);
    let codes: Vec<String> = codes.text.lines().skip(1).map(str::to_string).collect();
    app.post(
        &format!("/api/v1/rounds/{r}/open"),
        &json!({}),
        Some(&v.admin.token),
    )
    .await;
    let code_ballot = |code: &str| json!({"code": code, "project_ids": [v.projects[0]]});
    let path = format!("/api/v1/rounds/{r}/code-ballot");
    assert_eq!(
        app.put(&path, &code_ballot(&codes[0]), None).await.status,
        201
    );
    app.put(&path, &code_ballot(&codes[0]), None)
        .await
        .assert_problem(409, "conflict");
    app.put(&path, &code_ballot("AAAA-BBBB-CCCC-DDDD"), None)
        .await
        .assert_problem(422, "validation_failed");
    app.put(
        &ballot_path(r),
        &json!({"project_ids": [v.projects[0]]}),
        Some(&v.voters[1].token),
    )
    .await
    .assert_problem(409, "conflict");

    let paper = |csv: String| {
        app.client
            .post(app.url(&format!("/api/v1/rounds/{r}/paper-ballots")))
            .bearer_auth(&v.admin.token)
            .header("content-type", "text/csv")
            .body(csv)
    };
    let refused = app
        .send(paper(format!(
            "code,choices\n{},{}\n{},{}\n",
            codes[0], v.projects[1], codes[1], v.projects[1]
        )))
        .await;
    refused.assert_problem(422, "validation_failed");
    assert!(refused.text.contains("used already"), "{}", refused.text);
    let imported = app
        .send(paper(format!(
            "code,choices\n{},{} {}\n",
            codes[1], v.projects[0], v.projects[1]
        )))
        .await;
    assert_eq!(imported.status, 200, "{}", imported.text);
    app.put(&path, &code_ballot(&codes[1]), None)
        .await
        .assert_problem(409, "conflict");
}

#[tokio::test]
async fn a_resident_who_voted_on_paper_cannot_vote_online_and_the_other_way_round() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 3, &[300_000, 400_000]).await;
    let r = round(&app, &v, json!({})).await;
    let online = &v.voters[1];
    let on_paper = &v.voters[2];
    assert_eq!(
        app.put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&online.token)
        )
        .await
        .status,
        201
    );
    let csv = format!("user_id,choices\n{},{}\n", online.id, v.projects[1]);
    let refused = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/rounds/{r}/paper-ballots")))
                .bearer_auth(&v.admin.token)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await;
    assert!(
        refused.text.contains("voted already (online)"),
        "{}",
        refused.text
    );
    let csv = format!("user_id,choices\n{},{}\n", on_paper.id, v.projects[1]);
    let imported = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/rounds/{r}/paper-ballots")))
                .bearer_auth(&v.admin.token)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await;
    assert_eq!(imported.status, 200, "{}", imported.text);
    app.put(
        &ballot_path(r),
        &json!({"project_ids": [v.projects[0]]}),
        Some(&on_paper.token),
    )
    .await
    .assert_problem(409, "conflict");
}

#[tokio::test]
async fn the_results_equal_wijkbudget_tally_on_the_rounds_own_export() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 6, &[300_000, 400_000, 500_000, 200_000]).await;
    let p = v.projects.clone();
    let r = round(&app, &v, json!({"rule": "equalshares/add1"})).await;
    app.get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .assert_problem(409, "conflict");
    app.get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await
        .assert_problem(409, "conflict");
    let ballots = [
        vec![p[0], p[1]],
        vec![p[0]],
        vec![p[1], p[2]],
        vec![p[2]],
        vec![p[3], p[0]],
        vec![p[2], p[3]],
    ];
    let mut receipts = Vec::new();
    for (voter, choice) in v.voters.iter().zip(ballots.iter()) {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": choice}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
        receipts.push(cast.json()["receipt"].as_str().unwrap().to_string());
    }
    assert_eq!(
        app.post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&v.admin.token)
        )
        .await
        .status,
        200
    );
    let results = app.get(&format!("/api/v1/rounds/{r}/results"), None).await;
    assert_eq!(results.status, 200, "{}", results.text);
    let results = results.json();
    assert_eq!(results["ballots"], 6);
    assert_eq!(
        results["eligible"],
        6 + 1,
        "the six voters, the second author, and no one else"
    );
    assert!(results["audit_head_hash"].as_str().unwrap().len() == 64);
    assert_eq!(
        results["spent_cents"].as_i64().unwrap() + results["left_over_cents"].as_i64().unwrap(),
        results["budget_cents"].as_i64().unwrap()
    );

    let export = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await;
    assert_eq!(export.status, 200);
    for receipt in &receipts {
        assert!(
            export.text.contains(receipt.as_str()),
            "every voter finds their receipt"
        );
    }
    for voter in &v.voters {
        assert!(
            !export.text.contains(&voter.email),
            "no voter identity in the export"
        );
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &export.text).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
        .args(["tally", "--check", "--format", "json"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let line: Value = serde_json::from_str(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let recomputed: Vec<i64> = line["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().parse().unwrap())
        .collect();
    let stored: Vec<i64> = results["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_i64().unwrap())
        .collect();
    assert_eq!(recomputed, stored, "same projects in the same order");
    assert_eq!(line["rule"], "equalshares/add1");

    let csv = app
        .get(&format!("/api/v1/rounds/{r}/results?format=csv"), None)
        .await;
    assert!(csv.content_type().starts_with("text/csv"));
    assert_eq!(csv.text.lines().count(), 5);
    for id in &stored {
        let proposal = app
            .get(&format!("/api/v1/proposals/{id}"), None)
            .await
            .json();
        assert_eq!(proposal["state"], "selected");
    }
}

#[tokio::test]
async fn a_ballot_replaced_and_withdrawn_at_the_same_moment_answers_without_a_conflict() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let r = round(&app, &v, json!({})).await;
    let voter = &v.voters[1];
    let path = ballot_path(r);
    for n in 0..30 {
        let body = json!({"project_ids": [v.projects[n % 2]]});
        let (put, delete) = tokio::join!(
            app.put(&path, &body, Some(&voter.token)),
            app.delete(&path, Some(&voter.token)),
        );
        assert!(
            [200, 201].contains(&put.status),
            "PUT: {} {}",
            put.status,
            put.text
        );
        assert!(
            [204, 404].contains(&delete.status),
            "DELETE: {} {}",
            delete.status,
            delete.text
        );
    }
    let own = app.get(&path, Some(&voter.token)).await;
    assert!([200, 404].contains(&own.status), "{}", own.text);
}

#[tokio::test]
async fn opening_a_round_by_hand_before_its_time_opens_it_now() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000, 400_000]).await;
    let later = Utc::now() + Duration::hours(2);
    let r = round(
        &app,
        &v,
        json!({"opens_at": later.to_rfc3339(), "closes_at": (later + Duration::hours(2)).to_rfc3339()}),
    )
    .await;
    let shown = app.get(&format!("/api/v1/rounds/{r}"), None).await.json();
    assert_eq!(shown["status"], "open");
    let opens_at: chrono::DateTime<Utc> = shown["opens_at"].as_str().unwrap().parse().unwrap();
    assert!(
        opens_at <= Utc::now(),
        "the round says it opened now: {shown}"
    );
    let cast = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&v.voters[1].token),
        )
        .await;
    assert_eq!(cast.status, 201, "{}", cast.text);
}

#[tokio::test]
async fn a_round_without_projects_does_not_open() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000]).await;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", v.edition),
            &json!({
                "area_id": v.south,
                "ballot_type": "approval",
                "rule": "greedy",
                "opens_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(),
                "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339(),
            }),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/rounds/{id}/open"),
        &json!({}),
        Some(&v.admin.token),
    )
    .await
    .assert_problem(409, "conflict");
}

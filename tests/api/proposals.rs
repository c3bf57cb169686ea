use serde_json::{Value, json};

use crate::editions::{create_area, create_edition, move_to};
use crate::helpers::{Account, TestApp, spawn_app};

/// An edition in the ideas phase with two areas, an administrator and residents of the first area.
pub struct Setting {
    pub admin: Account,
    pub north: i64,
    pub south: i64,
    pub edition: i64,
}

pub async fn setting(app: &TestApp) -> Setting {
    let admin = app.admin().await;
    let north = create_area(app, &admin, "NOORD", 1000, 0.2).await;
    let south = create_area(app, &admin, "ZUID", 1000, 0.4).await;
    let edition = create_edition(app, &admin, &[north, south]).await;
    move_to(app, &admin, edition, "ideas").await;
    for department in ["stad", "Groendienst", "wegen"] {
        let made = app
            .post(
                "/api/v1/departments",
                &json!({"code": department, "name": department}),
                Some(&admin.token),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.text);
    }
    Setting {
        admin,
        north,
        south,
        edition,
    }
}

/// A verified resident of `area`.
pub async fn resident_of(app: &TestApp, admin: &Account, name: &str, area: i64) -> Account {
    let account = app.resident(name).await;
    let reply = app
        .post(
            &format!("/api/v1/users/{}/residency", account.id),
            &json!({"area_id": area, "method": "census"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    account
}

pub fn proposal_body(area: i64, title: &str, cost: i64) -> Value {
    json!({
        "area_id": area,
        "title": title,
        "summary": format!("Samenvatting van {title}"),
        "body": "Een **mooi** plan.",
        "category": "groen",
        "estimated_cost_cents": cost,
    })
}

pub async fn submitted_proposal(
    app: &TestApp,
    author: &Account,
    edition: i64,
    area: i64,
    title: &str,
    cost: i64,
) -> i64 {
    let created = app
        .post(
            &format!("/api/v1/editions/{edition}/proposals"),
            &proposal_body(area, title, cost),
            Some(&author.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    let submitted = app
        .post(
            &format!("/api/v1/proposals/{id}/submit"),
            &json!({}),
            Some(&author.token),
        )
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.text);
    id
}

#[tokio::test]
async fn a_proposal_goes_from_draft_to_feasible_and_another_to_infeasible() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Ann", s.north).await;
    let neighbour = resident_of(&app, &s.admin, "Bert", s.north).await;
    let reviewer = app
        .with_role(
            &s.admin,
            "Rob",
            "reviewer",
            json!({"department": "groendienst"}),
        )
        .await;

    let created = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &proposal_body(s.north, "Speeltuin", 500_000),
            Some(&author.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let first = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.json()["state"], "draft");
    app.get(&format!("/api/v1/proposals/{first}"), None)
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        app.get(&format!("/api/v1/proposals/{first}"), Some(&author.token))
            .await
            .status,
        200
    );

    let submitted = app
        .post(
            &format!("/api/v1/proposals/{first}/submit"),
            &json!({}),
            Some(&author.token),
        )
        .await;
    assert_eq!(submitted.json()["state"], "submitted", "{}", submitted.text);
    let second = submitted_proposal(&app, &author, s.edition, s.north, "Bankjes", 200_000).await;

    let edited = app
        .patch(
            &format!("/api/v1/proposals/{first}"),
            &json!({"title": "Grote speeltuin"}),
            Some(&author.token),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text);
    assert_eq!(edited.json()["version"], 2);
    let versions = app
        .get(&format!("/api/v1/proposals/{first}/versions"), None)
        .await
        .json();
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["title"], "Speeltuin");
    assert_eq!(versions[0]["estimated_cost_cents"], 500_000);
    assert_eq!(versions[0]["edited_by_name"], "Ann");
    assert!(
        versions[0]["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>mooi</strong>"),
        "{versions}"
    );

    move_to(&app, &s.admin, s.edition, "support").await;
    app.patch(
        &format!("/api/v1/proposals/{first}"),
        &json!({"title": "Te laat"}),
        Some(&author.token),
    )
    .await
    .assert_problem(409, "phase_closed");
    for supporter in [&author, &neighbour] {
        let reply = app
            .post(
                &format!("/api/v1/proposals/{first}/support"),
                &json!({}),
                Some(&supporter.token),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        let reply = app
            .post(
                &format!("/api/v1/proposals/{second}/support"),
                &json!({}),
                Some(&supporter.token),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    move_to(&app, &s.admin, s.edition, "review").await;
    let after_support = app
        .get(&format!("/api/v1/proposals/{first}"), None)
        .await
        .json();
    assert_eq!(
        after_support["state"], "threshold_reached",
        "2 supports meet the threshold of 2"
    );
    assert_eq!(after_support["support_count"], 2);

    for id in [first, second] {
        let assigned = app
            .post(
                &format!("/api/v1/proposals/{id}/assignment"),
                &json!({"department": "groendienst"}),
                Some(&s.admin.token),
            )
            .await;
        assert_eq!(assigned.status, 204, "{}", assigned.text);
    }
    let feasible = app
        .post(
            &format!("/api/v1/proposals/{first}/reviews"),
            &json!({"verdict": "feasible", "public_explanation": "Kan op het pleintje.", "reviewed_cost_cents": 450_000, "internal_notes": "Budget groendienst"}),
            Some(&reviewer.token),
        )
        .await;
    assert_eq!(feasible.status, 200, "{}", feasible.text);
    assert_eq!(feasible.json()["state"], "feasible");
    assert_eq!(feasible.json()["review"]["reviewed_cost_cents"], 450_000);
    app.post(
        &format!("/api/v1/proposals/{second}/reviews"),
        &json!({"verdict": "infeasible", "public_explanation": "  "}),
        Some(&reviewer.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    let infeasible = app
        .post(
            &format!("/api/v1/proposals/{second}/reviews"),
            &json!({"verdict": "infeasible", "public_explanation": "Geen plaats."}),
            Some(&reviewer.token),
        )
        .await;
    assert_eq!(
        infeasible.json()["state"],
        "infeasible",
        "{}",
        infeasible.text
    );

    let public = app
        .get(&format!("/api/v1/proposals/{first}"), None)
        .await
        .json();
    assert!(
        public["review"]["internal_notes"].is_null(),
        "residents never see internal notes"
    );
    let history: Vec<&str> = public["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        history,
        vec!["draft", "submitted", "threshold_reached", "feasible"]
    );
    app.wait_for_mail(&author.email, "haalbaar").await;
}

#[tokio::test]
async fn actions_outside_their_phase_get_409_phase_closed() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Cas", s.north).await;
    let reviewer = app
        .with_role(&s.admin, "Rik", "reviewer", json!({"department": "wegen"}))
        .await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Fietspad", 300_000).await;
    app.post(
        &format!("/api/v1/proposals/{id}/support"),
        &json!({}),
        Some(&author.token),
    )
    .await
    .assert_problem(409, "phase_closed");
    app.post(
        &format!("/api/v1/proposals/{id}/reviews"),
        &json!({"verdict": "infeasible", "public_explanation": "x"}),
        Some(&reviewer.token),
    )
    .await
    .assert_problem(409, "phase_closed");
    move_to(&app, &s.admin, s.edition, "support").await;
    let draft = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &proposal_body(s.north, "Te laat", 100_000),
            Some(&author.token),
        )
        .await;
    draft.assert_problem(409, "phase_closed");
}

#[tokio::test]
async fn unverified_and_out_of_area_residents_get_403() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let unverified = app.unverified_resident("Dora").await;
    app.post(
        &format!("/api/v1/editions/{}/proposals", s.edition),
        &proposal_body(s.north, "X", 100_000),
        Some(&unverified.token),
    )
    .await
    .assert_problem(403, "email_not_verified");
    let no_residency = app.resident("Emma").await;
    app.post(
        &format!("/api/v1/editions/{}/proposals", s.edition),
        &proposal_body(s.north, "X", 100_000),
        Some(&no_residency.token),
    )
    .await
    .assert_problem(403, "not_eligible");
    let southerner = resident_of(&app, &s.admin, "Frank", s.south).await;
    app.post(
        &format!("/api/v1/editions/{}/proposals", s.edition),
        &proposal_body(s.north, "X", 100_000),
        Some(&southerner.token),
    )
    .await
    .assert_problem(403, "not_eligible");
    let author = resident_of(&app, &s.admin, "Gina", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Bloemen", 100_000).await;
    move_to(&app, &s.admin, s.edition, "support").await;
    app.post(
        &format!("/api/v1/proposals/{id}/support"),
        &json!({}),
        Some(&southerner.token),
    )
    .await
    .assert_problem(403, "not_eligible");
}

#[tokio::test]
async fn the_edition_rules_are_checked_on_submit() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Hans", s.north).await;
    let submit = |id: i64| format!("/api/v1/proposals/{id}/submit");
    let too_cheap = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &proposal_body(s.north, "Goedkoop", 50),
            Some(&author.token),
        )
        .await;
    let id = too_cheap.json()["id"].as_i64().unwrap();
    let reply = app.post(&submit(id), &json!({}), Some(&author.token)).await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.error_fields(), vec!["estimated_cost_cents"]);
    let mut unknown = proposal_body(s.north, "Andere", 100_000);
    unknown["category"] = json!("sport");
    let reply = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &unknown,
            Some(&author.token),
        )
        .await;
    assert_eq!(reply.error_fields(), vec!["category"]);
    for i in 0..3 {
        submitted_proposal(
            &app,
            &author,
            s.edition,
            s.north,
            &format!("Plan {i}"),
            100_000,
        )
        .await;
    }
    let fourth = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &proposal_body(s.north, "Vierde", 100_000),
            Some(&author.token),
        )
        .await;
    let id = fourth.json()["id"].as_i64().unwrap();
    let reply = app.post(&submit(id), &json!({}), Some(&author.token)).await;
    assert_eq!(reply.error_fields(), vec!["max_proposals_per_resident"]);
}

#[tokio::test]
async fn a_hundred_concurrent_supports_by_one_resident_count_once() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Iris", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 100_000).await;
    move_to(&app, &s.admin, s.edition, "support").await;
    let path = format!("/api/v1/proposals/{id}/support");
    let empty = json!({});
    let requests = (0..100).map(|_| app.post(&path, &empty, Some(&author.token)));
    let replies = futures::future::join_all(requests).await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let repeated = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        (created, repeated),
        (1, 99),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let proposal = app
        .get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .json();
    assert_eq!(proposal["support_count"], 1);
    let withdrawn = app
        .delete(
            &format!("/api/v1/proposals/{id}/support"),
            Some(&author.token),
        )
        .await;
    assert_eq!(withdrawn.status, 204);
    assert_eq!(
        app.get(&format!("/api/v1/proposals/{id}"), None)
            .await
            .json()["support_count"],
        0
    );
}

#[tokio::test]
async fn a_hidden_proposal_leaves_public_lists_but_its_author_sees_why() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Jan", s.north).await;
    let reporter = resident_of(&app, &s.admin, "Kim", s.north).await;
    let worker = app
        .with_role(&s.admin, "Wim", "area_worker", json!({"area_id": s.north}))
        .await;
    let other_worker = app
        .with_role(
            &s.admin,
            "Wendy",
            "area_worker",
            json!({"area_id": s.south}),
        )
        .await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Reclamebord", 100_000).await;
    let list_path = format!("/api/v1/editions/{}/proposals", s.edition);
    assert_eq!(
        app.get(&list_path, None).await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    assert_eq!(
        app.post(
            &format!("/api/v1/proposals/{id}/reports"),
            &json!({"reason": "reclame"}),
            Some(&reporter.token)
        )
        .await
        .status,
        202
    );
    app.post(
        &format!("/api/v1/proposals/{id}/moderation"),
        &json!({"hidden": true, "reason": "reclame"}),
        Some(&other_worker.token),
    )
    .await
    .assert_problem(403, "forbidden");
    let hidden = app
        .post(
            &format!("/api/v1/proposals/{id}/moderation"),
            &json!({"hidden": true, "reason": "Commerciële reclame"}),
            Some(&worker.token),
        )
        .await;
    assert_eq!(hidden.status, 200, "{}", hidden.text);
    assert_eq!(
        app.get(&list_path, None).await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    app.get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .assert_problem(404, "not_found");
    let seen_by_author = app
        .get(&format!("/api/v1/proposals/{id}"), Some(&author.token))
        .await
        .json();
    assert_eq!(seen_by_author["hidden_reason"], "Commerciële reclame");
    let own_list = app
        .get(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            Some(&author.token),
        )
        .await
        .json();
    assert_eq!(
        own_list["items"].as_array().unwrap().len(),
        1,
        "authors still see their own"
    );
}

#[tokio::test]
async fn residents_cannot_set_protected_fields_and_scripts_come_back_harmless() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Lies", s.north).await;
    for (field, value) in [
        ("state", json!("feasible")),
        ("reviewed_cost_cents", json!(1)),
        ("author_id", json!(1)),
        ("support_count", json!(99)),
        ("hidden", json!(false)),
    ] {
        let mut body = proposal_body(s.north, "Plan", 100_000);
        body[field] = value.clone();
        let reply = app
            .post(
                &format!("/api/v1/editions/{}/proposals", s.edition),
                &body,
                Some(&author.token),
            )
            .await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(reply.error_fields(), vec![field.to_string()]);
    }
    let mut body = proposal_body(s.north, "XSS", 100_000);
    body["body"] =
        json!("<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))");
    let created = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &body,
            Some(&author.token),
        )
        .await;
    let id = created.json()["id"].as_i64().unwrap();
    let patched = app
        .patch(
            &format!("/api/v1/proposals/{id}"),
            &json!({"state": "approved"}),
            Some(&author.token),
        )
        .await;
    assert_eq!(patched.error_fields(), vec!["state"]);
    let html = app
        .get(&format!("/api/v1/proposals/{id}"), Some(&author.token))
        .await
        .json()["body_html"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
}

#[tokio::test]
async fn merged_proposals_point_to_the_result_and_supporters_count_once() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let a = resident_of(&app, &s.admin, "Mo", s.north).await;
    let b = resident_of(&app, &s.admin, "Nel", s.north).await;
    let first = submitted_proposal(&app, &a, s.edition, s.north, "Bomen", 100_000).await;
    let second = submitted_proposal(&app, &b, s.edition, s.north, "Meer bomen", 100_000).await;
    move_to(&app, &s.admin, s.edition, "support").await;
    for (who, id) in [(&a, first), (&b, first), (&b, second)] {
        app.post(
            &format!("/api/v1/proposals/{id}/support"),
            &json!({}),
            Some(&who.token),
        )
        .await;
    }
    let merged = app
        .post(
            &format!("/api/v1/proposals/{first}/merge"),
            &json!({"proposal_ids": [second], "reason": "Hetzelfde plan"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(merged.status, 200, "{}", merged.text);
    assert_eq!(
        merged.json()["support_count"],
        2,
        "b supported both: counted once"
    );
    let old = app
        .get(&format!("/api/v1/proposals/{second}"), None)
        .await
        .json();
    assert_eq!(old["merged_into_id"], first);
    assert_eq!(old["state"], "withdrawn");
}

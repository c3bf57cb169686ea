use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_app};

pub async fn create_area(
    app: &TestApp,
    admin: &Account,
    code: &str,
    population: i64,
    deprivation: f64,
) -> i64 {
    let reply = app
        .post(
            "/api/v1/areas",
            &json!({"code": code, "name": format!("Wijk {code}"), "population": population, "deprivation_index": deprivation}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()["id"].as_i64().unwrap()
}

pub fn edition_body(area_ids: &[i64]) -> Value {
    json!({
        "name": "Wijkbudget 2027",
        "fiscal_year": 2027,
        "base_cents": 1_000_000_00i64,
        "reserved_bp": 100,
        "citywide_bp": 2000,
        "allocation": "needs_weighted",
        "alpha": 1.0,
        "area_ids": area_ids,
        "categories": [{"code": "groen", "name": "Groen en natuur"}, {"code": "samen", "name": "Samenleven"}],
        "min_cost_cents": 100_00,
        "max_cost_cents": 50_000_00,
        "support_threshold": 2,
        "max_proposals_per_resident": 3,
        "schedule": {"ideas": "2027-01-10T00:00:00Z", "support": "2027-02-10T00:00:00Z", "voting": "2027-05-01T00:00:00Z"}
    })
}

pub async fn create_edition(app: &TestApp, admin: &Account, area_ids: &[i64]) -> i64 {
    let reply = app
        .post(
            "/api/v1/editions",
            &edition_body(area_ids),
            Some(&admin.token),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()["id"].as_i64().unwrap()
}

pub async fn move_to(app: &TestApp, admin: &Account, edition: i64, phase: &str) {
    let reply = app
        .post(
            &format!("/api/v1/editions/{edition}/phase"),
            &json!({"phase": phase}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
}

fn amounts(envelopes: &Value) -> Vec<(String, i64)> {
    envelopes["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap().to_string(),
                a["amount_cents"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn envelopes_are_split_by_need_and_add_up_to_the_pot() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let a = create_area(&app, &admin, "A", 1000, 0.0).await;
    let b = create_area(&app, &admin, "B", 2000, 0.5).await;
    let c = create_area(&app, &admin, "C", 1000, 1.0).await;
    let edition = create_edition(&app, &admin, &[a, b, c]).await;

    let envelopes = app
        .get(&format!("/api/v1/editions/{edition}/envelopes"), None)
        .await;
    assert_eq!(envelopes.status, 200, "public without an account");
    let envelopes = envelopes.json();
    assert_eq!(envelopes["pot_cents"], 1_000_000);
    assert_eq!(envelopes["citywide"]["amount_cents"], 200_000);
    assert_eq!(
        amounts(&envelopes),
        vec![
            ("A".into(), 133_333),
            ("B".into(), 400_000),
            ("C".into(), 266_667)
        ]
    );
    assert_eq!(envelopes["total_cents"], 1_000_000);
    assert_eq!(envelopes["difference_from_pot_cents"], 0);
    let area_b = &envelopes["areas"][1];
    assert_eq!(area_b["population"], 2000);
    assert_eq!(area_b["deprivation_index"], 0.5);
    assert_eq!(area_b["weight"], "3000000000000000");
    assert_eq!(envelopes["total_weight"], "6000000000000000");
}

#[tokio::test]
async fn changing_the_base_or_a_population_recomputes_and_an_override_survives() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let a = create_area(&app, &admin, "A", 1000, 0.0).await;
    let b = create_area(&app, &admin, "B", 1000, 0.0).await;
    let edition = create_edition(&app, &admin, &[a, b]).await;

    let override_path = format!("/api/v1/editions/{edition}/envelopes/{a}/override");
    app.put(
        &override_path,
        &json!({"amount_cents": 500_000}),
        Some(&admin.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.put(
        &override_path,
        &json!({"amount_cents": 500_000, "reason": ""}),
        Some(&admin.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    let set = app
        .put(
            &override_path,
            &json!({"amount_cents": 500_000, "reason": "council motion 2026/41"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(set.status, 204, "{}", set.text);

    let patched = app
        .patch(
            &format!("/api/v1/editions/{edition}"),
            &json!({"base_cents": 2_000_000_00i64}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.text);
    let envelopes = app
        .get(&format!("/api/v1/editions/{edition}/envelopes"), None)
        .await
        .json();
    assert_eq!(envelopes["pot_cents"], 2_000_000);
    assert_eq!(envelopes["areas"][0]["computed_cents"], 800_000);
    assert_eq!(
        envelopes["areas"][0]["amount_cents"], 500_000,
        "the override survives recomputation"
    );
    assert_eq!(
        envelopes["areas"][0]["override_reason"],
        "council motion 2026/41"
    );
    assert_eq!(
        envelopes["areas"][1]["amount_cents"], 800_000,
        "other envelopes do not silently change"
    );
    assert_eq!(envelopes["difference_from_pot_cents"], -300_000);

    let grown = app
        .patch(
            &format!("/api/v1/areas/{b}"),
            &json!({"population": 3000}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(grown.status, 200, "{}", grown.text);
    let envelopes = app
        .get(&format!("/api/v1/editions/{edition}/envelopes"), None)
        .await
        .json();
    assert_eq!(envelopes["areas"][0]["computed_cents"], 400_000);
    assert_eq!(envelopes["areas"][1]["amount_cents"], 1_200_000);

    let audit: Vec<String> = {
        use diesel::prelude::*;
        use wijkbudget::store::schema::audit_log::dsl::*;
        audit_log
            .order(id)
            .select(action)
            .load(&mut app.db())
            .unwrap()
    };
    assert!(
        audit.contains(&"envelope_overridden".to_string()),
        "{audit:?}"
    );
}

#[tokio::test]
async fn invalid_areas_and_editions_get_422_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let negative = app
        .post(
            "/api/v1/areas",
            &json!({"code": "X", "name": "X", "population": -5}),
            Some(&admin.token),
        )
        .await;
    negative.assert_problem(422, "validation_failed");
    assert_eq!(negative.error_fields(), vec!["population"]);
    let bad_geometry = app
        .post(
            "/api/v1/areas",
            &json!({"code": "X", "name": "X", "population": 5, "geometry": {"type": "Polygon", "coordinates": [[[3, 51], [4, 51], [3, 51]]]}}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(bad_geometry.error_fields(), vec!["geometry"]);
    let a = create_area(&app, &admin, "A", 10, 0.2).await;
    app.post(
        "/api/v1/areas",
        &json!({"code": "A", "name": "again", "population": 1}),
        Some(&admin.token),
    )
    .await
    .assert_problem(409, "already_exists");
    let b = create_area(&app, &admin, "B", 10, 0.2).await;
    app.patch(
        &format!("/api/v1/areas/{b}"),
        &json!({"code": " A "}),
        Some(&admin.token),
    )
    .await
    .assert_problem(409, "already_exists");

    let mut body = edition_body(&[a]);
    body["reserved_bp"] = json!(10_001);
    let over = app
        .post("/api/v1/editions", &body, Some(&admin.token))
        .await;
    assert_eq!(over.error_fields(), vec!["reserved_bp"]);
    let mut body = edition_body(&[a, 424242]);
    body["name"] = json!("x");
    let unknown = app
        .post("/api/v1/editions", &body, Some(&admin.token))
        .await;
    unknown.assert_problem(422, "validation_failed");
    assert_eq!(unknown.error_fields(), vec!["area_ids"]);
    let mut body = edition_body(&[a]);
    body["floor_cents"] = json!(100_000_000);
    assert_eq!(
        app.post("/api/v1/editions", &body, Some(&admin.token))
            .await
            .error_fields(),
        vec!["floor_cents"]
    );
    let mut body = edition_body(&[a]);
    body["allocation"] = json!("lottery");
    assert_eq!(
        app.post("/api/v1/editions", &body, Some(&admin.token))
            .await
            .error_fields(),
        vec!["allocation"]
    );
}

#[tokio::test]
async fn a_csv_import_with_one_bad_row_writes_nothing_and_names_the_row() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let import = |csv: &'static str| {
        app.client
            .post(app.url("/api/v1/areas/import"))
            .bearer_auth(&admin.token)
            .header("content-type", "text/csv")
            .body(csv)
    };
    let bad = app.send(import("code,name,population,deprivation_index\nN1,Noord,1200,0.1\nN2,Zuid,-4,0.2\nN3,Oost,800,1.7\n")).await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(
        bad.error_fields(),
        vec!["rows[3].population", "rows[4].deprivation_index"]
    );
    let listed = app.get("/api/v1/areas", None).await.json();
    assert_eq!(
        listed["items"].as_array().unwrap().len(),
        0,
        "nothing was written"
    );

    let good = app.send(import("code;name;population;deprivation_index;parent_code\nSTAD;Stad;3000;0,2;\nN1;Noord;1200;0,1;STAD\n")).await;
    assert_eq!(good.status, 200, "{}", good.text);
    assert_eq!(good.json()["created"], 2);
    // As a generated client sends the file: the type the OpenAPI document names.
    let as_file = app
        .send(
            app.client
                .post(app.url("/api/v1/areas/import"))
                .bearer_auth(&admin.token)
                .header("content-type", "application/octet-stream")
                .body("code,name,population,deprivation_index\nZ1,Zuid,900,0.3\n"),
        )
        .await;
    assert_eq!(as_file.status, 200, "{}", as_file.text);
    assert_eq!(as_file.json()["created"], 1);
    let as_json = app
        .send(
            app.client
                .post(app.url("/api/v1/areas/import"))
                .bearer_auth(&admin.token)
                .header("content-type", "application/json")
                .body("{}"),
        )
        .await;
    as_json.assert_problem(415, "unsupported_media_type");
    let listed = app.get("/api/v1/areas?q=noord", None).await.json();
    let north = &listed["items"][0];
    assert_eq!(north["code"], "N1");
    assert!(north["parent_id"].is_i64());
}

#[tokio::test]
async fn phases_move_one_step_at_a_time_and_money_rules_freeze_at_voting() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let a = create_area(&app, &admin, "A", 100, 0.0).await;
    let edition = create_edition(&app, &admin, &[a]).await;
    let phase = |p: &str| json!({"phase": p});
    let path = format!("/api/v1/editions/{edition}/phase");

    app.post(&path, &phase("support"), Some(&admin.token))
        .await
        .assert_problem(409, "conflict");
    move_to(&app, &admin, edition, "ideas").await;
    move_to(&app, &admin, edition, "support").await;
    app.post(&path, &phase("ideas"), Some(&admin.token))
        .await
        .assert_problem(422, "validation_failed");
    let back = app
        .post(
            &path,
            &json!({"phase": "ideas", "reason": "more time for ideas"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(back.status, 200);
    for p in ["support", "review", "voting"] {
        move_to(&app, &admin, edition, p).await;
    }
    let edition_view = app
        .get(&format!("/api/v1/editions/{edition}"), None)
        .await
        .json();
    assert_eq!(edition_view["phase"], "voting");
    assert_eq!(edition_view["rules_frozen"], true);
    assert_eq!(edition_view["schedule"]["voting"], "2027-05-01T00:00:00Z");

    let edition_path = format!("/api/v1/editions/{edition}");
    for frozen in [
        json!({"base_cents": 1}),
        json!({"reserved_bp": 200}),
        json!({"allocation": "equal"}),
        json!({"area_ids": [a]}),
    ] {
        app.patch(&edition_path, &frozen, Some(&admin.token))
            .await
            .assert_problem(409, "rules_frozen");
    }
    app.put(
        &format!("/api/v1/editions/{edition}/envelopes/{a}/override"),
        &json!({"amount_cents": 1, "reason": "late change"}),
        Some(&admin.token),
    )
    .await
    .assert_problem(409, "rules_frozen");
    assert_eq!(
        app.patch(
            &edition_path,
            &json!({"name": "Wijkbudget 2027 (renamed)"}),
            Some(&admin.token)
        )
        .await
        .status,
        200
    );
    let grown = app
        .patch(
            &format!("/api/v1/areas/{a}"),
            &json!({"population": 5000}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(grown.status, 200);
    let envelopes = app
        .get(&format!("/api/v1/editions/{edition}/envelopes"), None)
        .await
        .json();
    assert_eq!(
        envelopes["areas"][0]["population"], 100,
        "frozen envelopes keep their inputs"
    );
}

#[tokio::test]
async fn a_resident_cannot_create_or_edit_areas_or_editions() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let resident = app.resident("Rita").await;
    let a = create_area(&app, &admin, "A", 100, 0.0).await;
    let edition = create_edition(&app, &admin, &[a]).await;
    let token = Some(resident.token.as_str());
    app.post(
        "/api/v1/areas",
        &json!({"code": "Z", "name": "Z", "population": 1}),
        token,
    )
    .await
    .assert_problem(403, "forbidden");
    app.patch(
        &format!("/api/v1/areas/{a}"),
        &json!({"population": 1}),
        token,
    )
    .await
    .assert_problem(403, "forbidden");
    app.post("/api/v1/editions", &edition_body(&[a]), token)
        .await
        .assert_problem(403, "forbidden");
    app.patch(
        &format!("/api/v1/editions/{edition}"),
        &json!({"base_cents": 1}),
        token,
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(
        &format!("/api/v1/editions/{edition}/phase"),
        &json!({"phase": "ideas"}),
        token,
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(
        "/api/v1/areas",
        &json!({"code": "Z", "name": "Z", "population": 1}),
        None,
    )
    .await
    .assert_problem(401, "unauthorized");
    assert_eq!(app.get("/api/v1/editions", None).await.status, 200);
    assert_eq!(
        app.get(&format!("/api/v1/areas/{a}"), None).await.status,
        200
    );
}

#[tokio::test]
async fn residency_is_verified_by_an_area_worker_of_that_area_or_by_a_letter_code() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let north = create_area(&app, &admin, "N", 100, 0.0).await;
    let south = create_area(&app, &admin, "S", 100, 0.0).await;
    let worker = app
        .with_role(&admin, "Wout", "area_worker", json!({"area_id": north}))
        .await;
    let resident = app.resident("Sara").await;
    let path = format!("/api/v1/users/{}/residency", resident.id);

    app.post(
        &path,
        &json!({"area_id": south, "method": "in_person"}),
        Some(&worker.token),
    )
    .await
    .assert_problem(403, "forbidden");
    app.post(
        &path,
        &json!({"area_id": north, "method": "by_pigeon"}),
        Some(&worker.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    let verified = app
        .post(
            &path,
            &json!({"area_id": north, "method": "in_person"}),
            Some(&worker.token),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text);
    let me = app.get("/api/v1/me", Some(&resident.token)).await.json();
    assert_eq!(me["residency"]["area_id"], north);

    let codes = app
        .post(
            &format!("/api/v1/areas/{south}/residency-codes"),
            &json!({"count": 3}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(codes.status, 201, "{}", codes.text);
    assert!(codes.content_type().starts_with("text/csv"));
    let codes: Vec<String> = codes.text.lines().skip(1).map(str::to_string).collect();
    assert_eq!(codes.len(), 3);
    app.post(
        &format!("/api/v1/areas/{south}/residency-codes"),
        &json!({"count": 3}),
        Some(&worker.token),
    )
    .await
    .assert_problem(403, "forbidden");

    let unverified = app.unverified_resident("Tom").await;
    app.post(
        "/api/v1/me/residency",
        &json!({"code": codes[0]}),
        Some(&unverified.token),
    )
    .await
    .assert_problem(403, "email_not_verified");
    let redeemed = app
        .post(
            "/api/v1/me/residency",
            &json!({"code": codes[0].to_lowercase()}),
            Some(&resident.token),
        )
        .await;
    assert_eq!(redeemed.status, 200, "{}", redeemed.text);
    assert_eq!(redeemed.json()["area_id"], south);
    assert_eq!(redeemed.json()["method"], "letter_code");
    let other = app.resident("Ugo").await;
    app.post(
        "/api/v1/me/residency",
        &json!({"code": codes[0]}),
        Some(&other.token),
    )
    .await
    .assert_problem(422, "validation_failed");

    let stored: Vec<String> = {
        use diesel::prelude::*;
        use wijkbudget::store::schema::residency_codes::dsl::*;
        residency_codes
            .select(code_hash)
            .load(&mut app.db())
            .unwrap()
    };
    assert!(
        stored
            .iter()
            .all(|h| !codes.iter().any(|c| h.contains(&c.replace('-', ""))))
    );
}

#[tokio::test]
async fn an_area_a_resident_lives_in_cannot_be_deleted() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let area = create_area(&app, &admin, "noord", 1000, 0.2).await;
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "nora@example.org", "password": crate::helpers::PASSWORD, "display_name": "Nora", "area_id": area}),
            None,
        )
        .await;
    assert!(reply.status < 300, "{}", reply.text);
    app.delete(&format!("/api/v1/areas/{area}"), Some(&admin.token))
        .await
        .assert_problem(409, "conflict");
    assert_eq!(
        app.get(&format!("/api/v1/areas/{area}"), None).await.status,
        200,
        "the area is still there"
    );
    let unused = create_area(&app, &admin, "zuid", 1000, 0.2).await;
    assert_eq!(
        app.delete(&format!("/api/v1/areas/{unused}"), Some(&admin.token))
            .await
            .status,
        204
    );
}

#[tokio::test]
async fn a_phase_the_code_does_not_know_is_an_error_never_a_default() {
    use diesel::prelude::*;
    use wijkbudget::store::schema::editions::dsl::{editions, phase};

    let app = spawn_app().await;
    let admin = app.admin().await;
    let area = create_area(&app, &admin, "CORRUPT", 1000, 0.1).await;
    let edition = create_edition(&app, &admin, &[area]).await;
    let path = format!("/api/v1/editions/{edition}");
    assert_eq!(app.get(&path, None).await.status, 200);

    diesel::update(editions.find(edition))
        .set(phase.eq("brainstorm"))
        .execute(&mut app.db())
        .unwrap();

    let read = wijkbudget::store::editions::find(&mut app.db(), edition);
    let mut message = String::new();
    let mut cause: Option<&dyn std::error::Error> = read.as_ref().err().map(|e| e as _);
    while let Some(error) = cause {
        message.push_str(&format!("{error}; "));
        cause = error.source();
    }
    assert!(
        message.contains("unknown Phase \"brainstorm\""),
        "the store must name the unknown value, got {message:?}"
    );
    app.get(&path, None)
        .await
        .assert_problem(500, "internal_error");
}

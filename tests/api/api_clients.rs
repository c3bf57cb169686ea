//! API clients of the city's systems: the client-credentials grant, scopes enforced like
//! roles, attribution in the audit log, and revocation.

use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, spawn_app};

/// A client created by the administrator: its record with the secret.
pub async fn api_client(app: &TestApp, admin_token: &str, name: &str, scopes: &[&str]) -> Value {
    let created = app
        .post(
            "/api/v1/api-clients",
            &json!({"name": name, "scopes": scopes}),
            Some(admin_token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    created.json()
}

/// A token request with the client's credentials in HTTP Basic and `form` as the body.
pub async fn token_request(app: &TestApp, client: &Value, secret: &str, form: &str) -> Reply {
    app.send(
        app.client
            .post(app.url("/api/v1/oauth/token"))
            .basic_auth(client["client_id"].as_str().unwrap(), Some(secret))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_string()),
    )
    .await
}

pub async fn client_token(app: &TestApp, client: &Value) -> String {
    let secret = client["client_secret"].as_str().unwrap();
    let issued = token_request(app, client, secret, "grant_type=client_credentials").await;
    assert_eq!(issued.status, 200, "{}", issued.text);
    issued.json()["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_client_gets_a_short_token_with_its_scopes_and_the_secret_is_shown_once() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let client = api_client(
        &app,
        &admin.token,
        "Open-dataportaal",
        &["read_public", "read_reports"],
    )
    .await;
    let secret = client["client_secret"].as_str().unwrap();
    assert!(secret.len() >= 43, "{secret}");
    let listed = app.get("/api/v1/api-clients", Some(&admin.token)).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert!(
        !listed.text.contains(secret),
        "the secret is shown once: {}",
        listed.text
    );
    assert_eq!(
        listed.json()[0]["scopes"],
        json!(["read_public", "read_reports"])
    );

    let issued = token_request(&app, &client, secret, "grant_type=client_credentials").await;
    assert_eq!(issued.status, 200, "{}", issued.text);
    assert_eq!(issued.headers["cache-control"], "no-store");
    let body = issued.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["scope"], "read_public read_reports");

    // The credentials in the form (client_secret_post) work as well, and a narrower scope.
    let posted = app
        .send(
            app.client
                .post(app.url("/api/v1/oauth/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "grant_type=client_credentials&scope=read_public&client_id={}&client_secret={secret}",
                    client["client_id"].as_str().unwrap()
                )),
        )
        .await;
    assert_eq!(posted.status, 200, "{}", posted.text);
    assert_eq!(posted.json()["scope"], "read_public");
    let narrow = posted.json()["access_token"].as_str().unwrap().to_string();
    let wide = body["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        app.get("/api/v1/reports/budget-lines", Some(&wide))
            .await
            .status,
        200
    );
    app.get("/api/v1/reports/budget-lines", Some(&narrow))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn token_requests_are_refused_in_the_words_of_oauth() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let client = api_client(&app, &admin.token, "Scanner", &["import_paper_ballots"]).await;
    let secret = client["client_secret"].as_str().unwrap();

    let wrong = token_request(
        &app,
        &client,
        "not-the-secret",
        "grant_type=client_credentials",
    )
    .await;
    let problem = wrong.assert_problem(401, "unauthorized");
    assert_eq!(problem["error"], "invalid_client");
    assert!(
        wrong.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );

    let grant = token_request(&app, &client, secret, "grant_type=password").await;
    assert_eq!(
        grant.assert_problem(400, "bad_request")["error"],
        "unsupported_grant_type"
    );

    let beyond = token_request(
        &app,
        &client,
        secret,
        "grant_type=client_credentials&scope=write_finance",
    )
    .await;
    let problem = beyond.assert_problem(400, "bad_request");
    assert_eq!(problem["error"], "invalid_scope");
    assert!(
        problem["error_description"]
            .as_str()
            .unwrap()
            .contains("write_finance")
    );

    let unknown = token_request(
        &app,
        &client,
        secret,
        "grant_type=client_credentials&scope=admin",
    )
    .await;
    assert_eq!(
        unknown.assert_problem(400, "bad_request")["error"],
        "invalid_scope"
    );

    let anonymous = app
        .send(
            app.client
                .post(app.url("/api/v1/oauth/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials"),
        )
        .await;
    assert_eq!(
        anonymous.assert_problem(401, "unauthorized")["error"],
        "invalid_client"
    );
}

#[tokio::test]
async fn scopes_are_enforced_like_roles_and_a_client_s_work_is_attributed_to_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let finance = api_client(&app, &admin.token, "Financieel pakket", &["write_finance"]).await;
    let reports = api_client(&app, &admin.token, "Rapportage", &["read_reports"]).await;
    let finance_token = client_token(&app, &finance).await;
    let reports_token = client_token(&app, &reports).await;
    let plan = json!({"kind": "mjp", "name": "MJP 2026-2031", "first_year": 2026, "last_year": 2031, "council_decision_date": "2025-12-18"});

    app.post("/api/v1/plans", &plan, Some(&reports_token))
        .await
        .assert_problem(403, "forbidden");
    let created = app.post("/api/v1/plans", &plan, Some(&finance_token)).await;
    assert_eq!(created.status, 201, "{}", created.text);
    // Neither is an administrator, a resident or the council.
    for token in [&finance_token, &reports_token] {
        app.get("/api/v1/audit", Some(token))
            .await
            .assert_problem(403, "forbidden");
        app.post(
            "/api/v1/api-clients",
            &json!({"name": "x", "scopes": ["read_public"]}),
            Some(token),
        )
        .await
        .assert_problem(403, "forbidden");
    }

    // An administrator cannot hand a client a role beside its scopes.
    let role = app
        .post(
            &format!("/api/v1/users/{}/roles", reports["user_id"]),
            &json!({"role": "council"}),
            Some(&admin.token),
        )
        .await;
    let problem = role.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "role", "{problem}");

    let audit = app
        .get(
            "/api/v1/audit?entity_type=plan_version&limit=10",
            Some(&admin.token),
        )
        .await
        .json();
    let entry = &audit["items"][0];
    assert_eq!(entry["action"], "plan_version_created");
    assert_eq!(entry["actor_id"], finance["user_id"], "{entry}");
    let issued = app
        .get(
            "/api/v1/audit?entity_type=api_client&limit=100",
            Some(&admin.token),
        )
        .await
        .json();
    let actions: Vec<&str> = issued["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "api_client_token_issued")
            .count(),
        2,
        "{actions:?}"
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "api_client_created")
            .count(),
        2,
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_revoked_client_s_tokens_stop_at_once_and_it_gets_no_new_ones() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let client = api_client(&app, &admin.token, "Oud systeem", &["read_reports"]).await;
    let token = client_token(&app, &client).await;
    assert_eq!(
        app.get("/api/v1/reports/budget-lines", Some(&token))
            .await
            .status,
        200
    );

    let resident = app.resident("Nadia").await;
    app.delete(
        &format!("/api/v1/api-clients/{}", client["id"]),
        Some(&resident.token),
    )
    .await
    .assert_problem(403, "forbidden");
    let revoked = app
        .delete(
            &format!("/api/v1/api-clients/{}", client["id"]),
            Some(&admin.token),
        )
        .await;
    assert_eq!(revoked.status, 204, "{}", revoked.text);
    app.get("/api/v1/reports/budget-lines", Some(&token))
        .await
        .assert_problem(401, "unauthorized");
    let secret = client["client_secret"].as_str().unwrap();
    let refused = token_request(&app, &client, secret, "grant_type=client_credentials").await;
    assert_eq!(
        refused.assert_problem(401, "unauthorized")["error"],
        "invalid_client"
    );
    let listed = app
        .get("/api/v1/api-clients", Some(&admin.token))
        .await
        .json();
    assert!(listed[0]["revoked_at"].is_string(), "{listed}");
    app.delete("/api/v1/api-clients/999999", Some(&admin.token))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_scanner_with_the_paper_ballot_scope_imports_paper_ballots_and_nothing_else() {
    let app = spawn_app().await;
    let v = crate::voting::voting_edition(&app, 2, &[10_000, 20_000]).await;
    let r = crate::voting::round(&app, &v, json!({})).await;
    let scanner = api_client(&app, &v.admin.token, "Scanner", &["import_paper_ballots"]).await;
    let reports = api_client(&app, &v.admin.token, "Rapportage", &["read_reports"]).await;
    let (scanner_token, reports_token) = (
        client_token(&app, &scanner).await,
        client_token(&app, &reports).await,
    );
    let paper = |token: &str| {
        app.client
            .post(app.url(&format!("/api/v1/rounds/{r}/paper-ballots")))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(format!(
                "user_id,choices\n{},{}\n",
                v.voters[1].id, v.projects[1]
            ))
    };
    app.send(paper(&reports_token))
        .await
        .assert_problem(403, "forbidden");
    let imported = app.send(paper(&scanner_token)).await;
    assert_eq!(imported.status, 200, "{}", imported.text);
    let mine = app
        .get(&crate::voting::ballot_path(r), Some(&v.voters[1].token))
        .await;
    assert_eq!(mine.json()["channel"], "paper", "{}", mine.text);
    // The scanner is no resident: it cannot vote, and it reads no reports.
    app.put(
        &crate::voting::ballot_path(r),
        &json!({"project_ids": [v.projects[0]]}),
        Some(&scanner_token),
    )
    .await
    .assert_problem(403, "forbidden");
    app.get("/api/v1/reports/budget-lines", Some(&scanner_token))
        .await
        .assert_problem(403, "forbidden");
}

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_ready_answer_200() {
    let app = spawn_app().await;
    let health = app.get("/health", None).await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
    let ready = app.get("/ready", None).await;
    assert_eq!(ready.status, 200, "{}", ready.text);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_given_one_is_echoed() {
    let app = spawn_app().await;
    let generated = app.get("/health", None).await;
    let id = generated
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok());
    assert!(id.is_some_and(|id| id.len() >= 16), "{id:?}");
    let echoed = app
        .send(
            app.client
                .get(app.url("/health"))
                .header("x-request-id", "trace-42"),
        )
        .await;
    assert_eq!(echoed.headers["x-request-id"], "trace-42");
    let refused = app
        .send(
            app.client
                .get(app.url("/health"))
                .header("x-request-id", "bad id with spaces"),
        )
        .await;
    assert_ne!(refused.headers["x-request-id"], "bad id with spaces");
}

#[tokio::test]
async fn unknown_route_is_a_problem_404() {
    let app = spawn_app().await;
    app.get("/api/v1/no-such-thing", None)
        .await
        .assert_problem(404, "not_found");
    app.get("/no-such-page", None)
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn wrong_method_is_a_problem_405_with_allow() {
    let app = spawn_app().await;
    let reply = app.delete("/health", None).await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(reply.headers["allow"], "GET");
}

#[tokio::test]
async fn malformed_json_is_a_problem_400() {
    let app = spawn_app().await;
    let reply = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/register"))
                .header("content-type", "application/json")
                .body("{\"email\": "),
        )
        .await;
    reply.assert_problem(400, "malformed_json");
}

#[tokio::test]
async fn a_body_of_one_mebibyte_is_a_problem_413() {
    let app = spawn_app().await;
    let big = format!("{{\"email\":\"{}\"}}", "a".repeat(1024 * 1024));
    let reply = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/register"))
                .header("content-type", "application/json")
                .body(big),
        )
        .await;
    reply.assert_problem(413, "payload_too_large");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_problem_415() {
    let app = spawn_app().await;
    let reply = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/register"))
                .header("content-type", "text/plain")
                .body("email=a@b.be"),
        )
        .await;
    reply.assert_problem(415, "unsupported_media_type");
}

#[tokio::test]
async fn unknown_fields_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "a@b.be", "password": "x", "display_name": "A", "role": "admin"}),
            None,
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.error_fields(), vec!["role"]);
    assert_eq!(reply.json()["errors"][0]["code"], "unknown_field");
    let missing = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "a@b.be", "password": "x"}),
            None,
        )
        .await;
    assert_eq!(
        missing.json()["errors"][0]["code"],
        "required",
        "{}",
        missing.text
    );
    let wrong_type = app
        .post(
            "/api/v1/auth/login",
            &json!({"email": 12, "password": "x"}),
            None,
        )
        .await;
    assert_eq!(
        wrong_type.json()["errors"][0]["code"],
        "wrong_type",
        "{}",
        wrong_type.text
    );
    let filter_it_does_not_have = app.get("/api/v1/editions?stage=voting", None).await;
    assert_eq!(
        filter_it_does_not_have.json()["errors"][0]["code"],
        "unknown_parameter"
    );
    filter_it_does_not_have.assert_problem(422, "validation_failed");
    assert_eq!(filter_it_does_not_have.error_fields(), vec!["stage"]);
}

#[tokio::test]
async fn served_openapi_document_equals_the_committed_file() {
    let app = spawn_app().await;
    let served = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(served.status, 200);
    let served = served.json();
    assert_eq!(served["openapi"], "3.1.0");
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/api-spec/openapi.json"
        ))
        .expect("api-spec/openapi.json exists"),
    )
    .expect("committed document is JSON");
    assert!(
        served == committed,
        "api-spec/openapi.json is out of date: regenerate it with \
         `cargo run -- openapi > api-spec/openapi.json`"
    );
}

/// Every `$ref` in the served document names a schema it defines.
#[tokio::test]
async fn every_reference_in_the_openapi_document_resolves() {
    fn references<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner.as_str()) {
                        ("$ref", Some(target)) => found.push(target),
                        _ => references(inner, found),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| references(i, found)),
            _ => {}
        }
    }
    let app = spawn_app().await;
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let mut found = Vec::new();
    references(&document, &mut found);
    assert!(!found.is_empty());
    let dangling: Vec<&str> = found
        .into_iter()
        .filter(|target| {
            let name = target.trim_start_matches("#/components/schemas/");
            document["components"]["schemas"].get(name).is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "dangling references: {dangling:?}");
}

/// What client generators need beyond a well-formed document (the full OpenAPI 3.1 validation
/// and the generated clients run in `.ci/client-journeys`): every answer has a description,
/// every operation a unique snake_case operationId that starts with a verb and one tag the
/// document declares, and every schema a name that reads as a type.
#[tokio::test]
async fn the_openapi_document_reads_well_in_generated_clients() {
    let app = spawn_app().await;
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let declared_tags: Vec<&str> = document["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let verbs = [
        "get",
        "list",
        "create",
        "update",
        "delete",
        "edit",
        "import",
        "export",
        "issue",
        "cast",
        "submit",
        "withdraw",
        "support",
        "report",
        "moderate",
        "assign",
        "review",
        "merge",
        "open",
        "close",
        "cancel",
        "reschedule",
        "decide",
        "grant",
        "revoke",
        "verify",
        "redeem",
        "change",
        "register",
        "login",
        "logout",
        "refresh",
        "resend",
        "request",
        "confirm",
        "override",
        "compare",
        "bind",
        "reverse",
        "advance",
        "upsert",
        "follow",
        "unfollow",
        "attach",
        "search",
        "issue",
        "replay",
    ];
    let mut operation_ids = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            let verb = id.split('_').next().unwrap_or_default();
            if !verbs.contains(&verb) || !id.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                problems.push(format!("{method} {path}: operationId {id:?}"));
            }
            if !operation_ids.insert(id.to_string()) {
                problems.push(format!("{method} {path}: operationId {id:?} used twice"));
            }
            match operation["tags"].as_array().map(|t| t.as_slice()) {
                Some([tag]) if declared_tags.contains(&tag.as_str().unwrap()) => {}
                tags => problems.push(format!("{method} {path}: tags {tags:?}")),
            }
            for (status, answer) in operation["responses"].as_object().unwrap() {
                if answer["description"].as_str().is_none_or(str::is_empty) {
                    problems.push(format!("{method} {path} {status}: no description"));
                }
            }
        }
    }
    for name in document["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
    {
        if !name.starts_with(|c: char| c.is_ascii_uppercase())
            || !name.chars().all(|c| c.is_ascii_alphanumeric())
        {
            problems.push(format!("schema name {name:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn docs_are_served_from_the_binary() {
    let app = spawn_app().await;
    let index = app.get("/docs/", None).await;
    assert_eq!(index.status, 200);
    assert!(
        index.text.contains("swagger"),
        "{}",
        &index.text[..index.text.len().min(300)]
    );
    assert!(
        !index.text.contains("https://"),
        "the page must not load assets from elsewhere"
    );
    let bundle = app.get("/docs/swagger-ui-bundle.js", None).await;
    assert_eq!(bundle.status, 200);
    assert!(bundle.text.len() > 100_000);
    let initializer = app.get("/docs/swagger-initializer.js", None).await;
    assert!(initializer.text.contains("/api/v1/openapi.json"));
}

#[tokio::test]
async fn cors_is_closed_by_default_and_opens_for_configured_origins() {
    let closed = spawn_app().await;
    let reply = closed
        .send(
            closed
                .client
                .get(closed.url("/health"))
                .header("origin", "https://frontend.example"),
        )
        .await;
    assert!(reply.headers.get("access-control-allow-origin").is_none());

    let open = crate::helpers::spawn_app_with(|c| {
        c.cors_origins = vec!["https://frontend.example".into()]
    })
    .await;
    let reply = open
        .send(
            open.client
                .get(open.url("/health"))
                .header("origin", "https://frontend.example"),
        )
        .await;
    assert_eq!(
        reply.headers["access-control-allow-origin"],
        "https://frontend.example"
    );
    let other = open
        .send(
            open.client
                .get(open.url("/health"))
                .header("origin", "https://evil.example"),
        )
        .await;
    assert!(other.headers.get("access-control-allow-origin").is_none());
}

/// PostgreSQL text cannot hold NUL: a query, a JSON body or a file carrying one gets a 422 that
/// names where it stands, on both databases, and nothing is stored.
#[tokio::test]
async fn the_nul_character_is_refused_with_the_field_named() {
    let app = spawn_app().await;
    let search = app.get("/api/v1/areas?q=ab%00cd", None).await;
    search.assert_problem(422, "validation_failed");
    assert_eq!(search.error_fields(), vec!["q"]);

    let resident = app.resident("Nul").await;
    let renamed = app
        .patch(
            "/api/v1/me",
            &serde_json::json!({"display_name": "Jan\u{0}Peeters"}),
            Some(&resident.token),
        )
        .await;
    renamed.assert_problem(422, "validation_failed");
    assert_eq!(renamed.error_fields(), vec!["display_name"]);
    let me = app.get("/api/v1/me", Some(&resident.token)).await.json();
    assert_eq!(me["display_name"], "Nul");

    let admin = app.admin().await;
    let import = app
        .send(
            app.client
                .post(app.url("/api/v1/areas/import"))
                .bearer_auth(&admin.token)
                .header("content-type", "text/csv")
                .body("code,name,population,deprivation_index\nN1,No\0rd,1200,0.1\n"),
        )
        .await;
    import.assert_problem(422, "validation_failed");
    assert_eq!(import.error_fields(), vec!["body"]);
    let listed = app.get("/api/v1/areas", None).await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
}

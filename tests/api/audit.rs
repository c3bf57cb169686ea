use diesel::prelude::*;
use serde_json::json;
use wijkbudget::config::DatabaseUrl;

use crate::editions::{create_area, create_edition, move_to};
use crate::helpers::{TestApp, spawn_app};

/// Runs `wijkbudget audit verify` against the test database; returns (success, output).
fn verify(app: &TestApp) -> (bool, String) {
    let url = match &app.config.database_url {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url.clone(),
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijkbudget"))
        .args(["audit", "verify"])
        .env("DATABASE_URL", url)
        .env("DATA_DIR", app.data_dir.join("cli"))
        .env("LOG", "error")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

async fn some_history(app: &TestApp) {
    let admin = app.admin().await;
    let area = create_area(app, &admin, "A", 100, 0.1).await;
    let edition = create_edition(app, &admin, &[area]).await;
    move_to(app, &admin, edition, "ideas").await;
    move_to(app, &admin, edition, "support").await;
}

#[tokio::test]
async fn audit_verify_passes_untouched_and_names_an_edited_entry() {
    let app = spawn_app().await;
    some_history(&app).await;
    let (ok, text) = verify(&app);
    assert!(ok, "{text}");
    assert!(text.contains("intact"), "{text}");
    {
        use wijkbudget::store::schema::audit_log::dsl::*;
        diesel::update(audit_log.filter(id.eq(3)))
            .set(details.eq("{\"forged\":true}"))
            .execute(&mut app.db())
            .unwrap();
    }
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(
        text.contains("audit entry 3") && text.contains("edited"),
        "{text}"
    );
}

#[tokio::test]
async fn audit_verify_names_a_deleted_entry_in_the_middle_and_at_the_end() {
    let app = spawn_app().await;
    some_history(&app).await;
    let last: i64 = {
        use wijkbudget::store::schema::audit_log::dsl::*;
        audit_log
            .select(diesel::dsl::max(id))
            .first::<Option<i64>>(&mut app.db())
            .unwrap()
            .unwrap()
    };
    {
        use wijkbudget::store::schema::audit_log::dsl::*;
        diesel::delete(audit_log.filter(id.eq(last)))
            .execute(&mut app.db())
            .unwrap();
    }
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(
        text.contains(&format!("audit entry {last}")) && text.contains("deleted"),
        "{text}"
    );
    {
        use wijkbudget::store::schema::audit_log::dsl::*;
        diesel::delete(audit_log.filter(id.eq(2)))
            .execute(&mut app.db())
            .unwrap();
    }
    let (ok, text) = verify(&app);
    assert!(!ok);
    assert!(
        text.contains("audit entry 2") && text.contains("deleted"),
        "{text}"
    );
}

#[tokio::test]
async fn the_audit_log_is_for_administrators_and_filters_by_entity() {
    let app = spawn_app().await;
    some_history(&app).await;
    let admin = app
        .sign_in("admin@stad.example", crate::helpers::PASSWORD)
        .await;
    let resident = app.resident("Quirine").await;
    app.get("/api/v1/audit", Some(&resident.token))
        .await
        .assert_problem(403, "forbidden");
    let all = app.get("/api/v1/audit", Some(&admin.token)).await.json();
    let items = all["items"].as_array().unwrap();
    assert!(items.len() >= 4);
    assert!(
        items[0]["id"].as_i64() > items[1]["id"].as_i64(),
        "newest first"
    );
    let phases = app
        .get(
            "/api/v1/audit?entity_type=edition&limit=100",
            Some(&admin.token),
        )
        .await
        .json();
    let actions: Vec<&str> = phases["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"phase_changed"), "{actions:?}");
    assert!(
        phases["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["entity_type"] == json!("edition"))
    );
}

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use serde_json::json;
use wijkbudget::config::DatabaseUrl;
use wijkbudget::db::DbConnection;
use wijkbudget::store::audit::AuditEntry;

use crate::editions::{create_area, create_edition, move_to};
use crate::helpers::{TestApp, cli, spawn_app};

/// Runs `wijkbudget audit verify` against the test database, with the server's key; returns
/// (success, output).
fn verify(app: &TestApp) -> (bool, String) {
    verify_with(app, &[])
}

fn verify_with(app: &TestApp, arguments: &[&str]) -> (bool, String) {
    let mut command = vec!["audit", "verify"];
    command.extend(arguments);
    cli(app, &app.config.database_url, &command)
}

/// What an attacker who owns the database does first: switch off its append-only triggers.
fn switch_off_append_only(app: &TestApp) {
    let sql = match &app.config.database_url {
        DatabaseUrl::Sqlite(_) => {
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; \
             DROP TRIGGER audit_head_forward_only;"
        }
        DatabaseUrl::Postgres(_) => {
            "ALTER TABLE audit_log DISABLE TRIGGER USER; \
             ALTER TABLE audit_head DISABLE TRIGGER USER;"
        }
    };
    match &mut *app.db() {
        DbConnection::Sqlite(c) => c.batch_execute(sql),
        DbConnection::Postgresql(c) => c.batch_execute(sql),
    }
    .unwrap();
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
    switch_off_append_only(&app);
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
    switch_off_append_only(&app);
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

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_audit_entries_or_move_the_head_back() {
    let app = spawn_app().await;
    some_history(&app).await;
    use wijkbudget::store::schema::{audit_head, audit_log};
    let edited = diesel::update(audit_log::table.filter(audit_log::id.eq(2)))
        .set(audit_log::details.eq("{}"))
        .execute(&mut app.db());
    assert!(edited.is_err(), "an UPDATE of an entry is refused");
    let deleted =
        diesel::delete(audit_log::table.filter(audit_log::id.eq(2))).execute(&mut app.db());
    assert!(deleted.is_err(), "a DELETE of an entry is refused");
    let moved_back = diesel::update(audit_head::table)
        .set(audit_head::last_id.eq(1))
        .execute(&mut app.db());
    assert!(moved_back.is_err(), "the head does not move back");
    let (ok, text) = verify(&app);
    assert!(ok, "{text}");
}

/// Rewrites the chain from entry `from` on the way an attacker would: every hash recomputed
/// with the published algorithm, and the head set to the new last entry.
fn rehash_from(app: &TestApp, from: i64) {
    use wijkbudget::store::schema::{audit_head, audit_log};
    let mut conn = app.db();
    let mut entries: Vec<AuditEntry> = audit_log::table
        .order(audit_log::id)
        .select(AuditEntry::as_select())
        .load(&mut conn)
        .unwrap();
    let mut prev = wijkbudget::store::audit::GENESIS_HASH.to_string();
    for entry in &mut entries {
        if entry.id >= from {
            entry.prev_hash = prev.clone();
            entry.hash = wijkbudget::store::audit::entry_hash(entry);
            diesel::update(audit_log::table.filter(audit_log::id.eq(entry.id)))
                .set((
                    audit_log::prev_hash.eq(&entry.prev_hash),
                    audit_log::hash.eq(&entry.hash),
                ))
                .execute(&mut conn)
                .unwrap();
        }
        prev = entry.hash.clone();
    }
    let last = entries.last().unwrap();
    diesel::update(audit_head::table)
        .set((
            audit_head::last_id.eq(last.id),
            audit_head::last_hash.eq(&last.hash),
        ))
        .execute(&mut conn)
        .unwrap();
}

/// Seals the current head (the background job may have sealed it already); returns its entry.
fn seal_checkpoint(app: &TestApp) -> i64 {
    let mut conn = app.db();
    wijkbudget::service::audit::checkpoint(&mut conn, &app.config.pseudonym_secret).unwrap();
    wijkbudget::store::audit::last_checkpoint(&mut conn)
        .unwrap()
        .unwrap()
        .entry_id
}

#[tokio::test]
async fn an_entry_edited_and_the_chain_rehashed_fails_against_the_sealed_checkpoint() {
    let app = spawn_app().await;
    some_history(&app).await;
    let sealed_at = seal_checkpoint(&app);
    assert!(sealed_at >= 3);
    switch_off_append_only(&app);
    {
        use wijkbudget::store::schema::audit_log::dsl::*;
        diesel::update(audit_log.filter(id.eq(2)))
            .set(details.eq("{\"forged\":true}"))
            .execute(&mut app.db())
            .unwrap();
    }
    rehash_from(&app, 2);
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!("checkpoint at entry {sealed_at}")) && text.contains("rewritten"),
        "{text}"
    );
}

#[tokio::test]
async fn the_tail_cut_off_and_the_head_moved_back_fails_against_checkpoints_and_published_heads() {
    let app = spawn_app().await;
    some_history(&app).await;
    let sealed_at = seal_checkpoint(&app);
    let (_, published) = {
        let mut conn = app.db();
        wijkbudget::store::audit::head(&mut conn).unwrap()
    };
    switch_off_append_only(&app);
    {
        use wijkbudget::store::schema::audit_log::dsl::*;
        diesel::delete(audit_log.filter(id.ge(sealed_at - 1)))
            .execute(&mut app.db())
            .unwrap();
    }
    rehash_from(&app, i64::MAX);
    let (ok, text) = verify(&app);
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!("checkpoint at entry {sealed_at}")) && text.contains("missing"),
        "{text}"
    );
    let (ok, text) = verify_with(&app, &["--published", &published]);
    assert!(!ok && text.contains("checkpoint at entry"), "{text}");
}

#[tokio::test]
async fn a_published_head_the_log_no_longer_holds_is_named() {
    let app = spawn_app().await;
    some_history(&app).await;
    let (ok, text) = verify_with(&app, &["--published", "not-a-head-of-this-log"]);
    assert!(!ok, "{text}");
    assert!(
        text.contains("the published head not-a-head-of-this-log")
            && text.contains("not in the log"),
        "{text}"
    );
}

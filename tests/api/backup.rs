//! A backup restored into a fresh database holds every ballot: each voter finds their ballot
//! with the same receipt, and the audit log is intact.

use serde_json::json;
use wijkbudget::config::DatabaseUrl;

use crate::helpers::cli;
use crate::postgres::create_postgres_database;
use crate::voting::{ballot_path, round, voting_edition};

#[tokio::test]
async fn a_restored_backup_holds_every_ballot_with_its_receipt() {
    let app = crate::helpers::spawn_app().await;
    let v = voting_edition(&app, 4, &[10_000, 20_000]).await;
    let r = round(&app, &v, json!({})).await;
    let mut receipts = Vec::new();
    for voter in &v.voters {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": [v.projects[0]]}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
        receipts.push(cast.json()["receipt"].as_str().unwrap().to_string());
    }

    let file = app.data_dir.join("backup.wijkbudget");
    let (ok, output) = cli(
        &app,
        &app.config.database_url,
        &["backup", file.to_str().unwrap()],
    );
    assert!(ok, "{output}");
    let (again, output) = cli(
        &app,
        &app.config.database_url,
        &["backup", file.to_str().unwrap()],
    );
    assert!(
        !again && output.contains("exists"),
        "a backup never overwrites: {output}"
    );

    // A fresh database of the same kind, as on the machine that takes over.
    let (restored_url, _restored_db) = match &app.config.database_url {
        DatabaseUrl::Sqlite(_) => (
            DatabaseUrl::Sqlite(app.data_dir.join("restored").join("wijkbudget.db")),
            None,
        ),
        DatabaseUrl::Postgres(_) => {
            let server = std::env::var("TEST_DATABASE_URL").unwrap();
            let (url, db) = create_postgres_database(&server);
            (DatabaseUrl::Postgres(url), Some(db))
        }
    };
    let (ok, output) = cli(&app, &restored_url, &["restore", file.to_str().unwrap()]);
    assert!(ok, "{output}");
    let (ok, output) = cli(&app, &restored_url, &["audit", "verify"]);
    assert!(ok, "the restored audit log is intact: {output}");

    let mut config = app.config.clone();
    config.database_url = restored_url;
    let restored = wijkbudget::startup::Application::build(config)
        .await
        .unwrap();
    let address = format!("http://127.0.0.1:{}", restored.port());
    tokio::spawn(restored.run_until_stopped());
    for (voter, receipt) in v.voters.iter().zip(&receipts) {
        let mine = app
            .client
            .get(format!("{address}{}", ballot_path(r)))
            .bearer_auth(&voter.token)
            .send()
            .await
            .unwrap();
        assert_eq!(mine.status(), 200);
        let mine: serde_json::Value = mine.json().await.unwrap();
        assert_eq!(mine["receipt"].as_str(), Some(receipt.as_str()), "{mine}");
    }
}

//! A resident's own data: the download of everything kept about them, and the erasure of their
//! account, which leaves their ballots counted and anonymous and their proposals under "former
//! resident", in the API and on the site.

use serde_json::json;
use wijkbudget::config::DatabaseUrl;

use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::site::{Browser, assert_page, header, signed_in};
use crate::voting::{ballot_path, round, voting_edition};

fn mail_rows_to(app: &TestApp, address: &str) -> usize {
    let mut conn = app.db();
    wijkbudget::store::outbox::to_recipient(&mut conn, address, None, 1000)
        .unwrap()
        .len()
}

/// Every byte of the SQLite database and its write-ahead log, as a reader of a copy has them.
fn database_bytes(app: &TestApp) -> Option<Vec<u8>> {
    let DatabaseUrl::Sqlite(path) = &app.config.database_url else {
        return None;
    };
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_extension("db-wal");
    if let Ok(log) = std::fs::read(wal) {
        bytes.extend(log);
    }
    Some(bytes)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn an_erased_resident_s_ballot_stays_counted_and_their_proposals_stay_under_former_resident()
{
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[10_000, 20_000]).await;
    let r = round(&app, &v, json!({})).await;
    let (author, other) = (&v.voters[0], &v.voters[1]);
    for voter in [author, other] {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": [v.projects[0]]}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    let receipt = app.get(&ballot_path(r), Some(&author.token)).await.json()["receipt"].clone();
    let followed = app
        .put(
            &format!("/api/v1/me/follows/area/{}", v.north),
            &json!({}),
            Some(&author.token),
        )
        .await;
    assert_eq!(followed.status, 204, "{}", followed.text);
    let chosen = app
        .patch(
            "/api/v1/me/notification-preferences",
            &json!({"decision": "never"}),
            Some(&author.token),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.text);

    let download = app.get("/api/v1/me/data", Some(&author.token)).await;
    assert_eq!(download.status, 200, "{}", download.text);
    assert!(header(&download, "content-disposition").starts_with("attachment"));
    assert_eq!(header(&download, "cache-control"), "no-store");
    let data = download.json();
    assert_eq!(data["account"]["email"], author.email.as_str());
    assert_eq!(data["account"]["display_name"], "Auteur");
    assert_eq!(data["residency"]["area_id"], v.north);
    let written: Vec<i64> = data["proposals_written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(written, vec![v.projects[1], v.projects[0]]);
    assert_eq!(data["proposals_supported"].as_array().unwrap().len(), 2);
    let rounds = data["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 1, "{data}");
    assert_eq!(rounds[0]["voted"], true);
    assert_eq!(rounds[0]["receipt"], receipt);
    assert!(
        data["mail"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["subject"].as_str().is_some_and(|s| !s.is_empty())),
        "the verification mail is listed: {data}"
    );
    assert_eq!(data["follows"], json!([{"subject": "area", "id": v.north}]));
    assert_eq!(data["notification_preferences"]["decision"], "never");
    assert_eq!(data["notification_preferences"]["review"], "immediately");
    let theirs = app.get("/api/v1/me/data", Some(&other.token)).await.json();
    assert_eq!(theirs["account"]["email"], other.email.as_str());
    assert!(theirs["proposals_written"].as_array().unwrap().is_empty());

    assert!(mail_rows_to(&app, &author.email) > 0);
    let erased = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": PASSWORD}),
            Some(&author.token),
        )
        .await;
    assert_eq!(erased.status, 204, "{}", erased.text);

    app.get("/api/v1/me", Some(&author.token))
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(mail_rows_to(&app, &author.email), 0);
    let proposal = app
        .get(&format!("/api/v1/proposals/{}", v.projects[0]), None)
        .await
        .json();
    assert_eq!(proposal["author_id"], author.id);
    assert_eq!(proposal["author_name"], "", "{proposal}");
    assert_eq!(proposal["support_count"], 2, "co-signatures keep counting");

    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(results["ballots"], 2, "the erased voter's ballot counts");
    let pb = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await
        .text;
    assert!(pb.contains(receipt.as_str().unwrap()), "{pb}");

    let audit_path = format!("/api/v1/audit?entity_type=user&entity_id={}", author.id);
    let audit = app.get(&audit_path, Some(&v.admin.token)).await;
    assert!(audit.text.contains("account_erased"), "{}", audit.text);

    if let Some(bytes) = database_bytes(&app) {
        for trace in [author.email.as_str(), "Auteur"] {
            assert!(
                !contains(&bytes, trace),
                "a copy of the database still holds {trace}"
            );
        }
    }
    assert_eq!(app.login(&author.email, PASSWORD).await.status, 401);
}

#[tokio::test]
async fn erasing_needs_the_password_and_a_staff_account_keeps_its_roles_first() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let resident = app.resident("Wout").await;

    let no_token = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(no_token.status, 401);
    assert_eq!(app.get("/api/v1/me/data", None).await.status, 401);

    let wrong = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": "niet mijn wachtwoord"}),
            Some(&resident.token),
        )
        .await;
    wrong.assert_problem(422, "validation_failed");
    assert_eq!(wrong.error_fields(), vec!["password"]);
    let unknown = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": PASSWORD, "keep_votes": false}),
            Some(&resident.token),
        )
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.text);
    assert_eq!(
        app.get("/api/v1/me", Some(&resident.token)).await.status,
        200
    );

    let staff = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": PASSWORD}),
            Some(&admin.token),
        )
        .await;
    staff.assert_problem(409, "conflict");
    assert_eq!(app.get("/api/v1/me", Some(&admin.token)).await.status, 200);
}

#[tokio::test]
async fn on_my_page_a_resident_sets_language_and_mail_downloads_their_data_and_erases_the_account()
{
    let app = spawn_app().await;
    let v = voting_edition(&app, 1, &[10_000]).await;
    let author = &v.voters[0];
    let mut browser = signed_in(&app, &author.email).await;

    let me = browser.open("/me").await;
    assert_page(&me, 200, "nl");
    assert!(me.text.contains("action=\"/me/preferences\""));
    assert!(me.text.contains("href=\"/me/data\""));

    let blank = browser
        .submit(
            "/me/preferences",
            &[("display_name", "  "), ("locale", "fr")],
        )
        .await;
    assert_page(&blank, 422, "nl");
    assert!(
        blank.text.contains("href=\"#display_name\""),
        "{}",
        blank.text
    );
    let saved = browser
        .submit(
            "/me/preferences",
            &[("display_name", "An Auteur"), ("locale", "fr")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    assert_eq!(header(&saved, "location"), "/me?lang=fr");
    let me = app.get("/api/v1/me", Some(&author.token)).await.json();
    assert_eq!(me["display_name"], "An Auteur");
    assert_eq!(me["locale"], "fr");
    assert_eq!(
        me["notify_by_email"], false,
        "an unticked box turns mail off"
    );
    assert_page(&browser.open("/me?lang=fr").await, 200, "fr");

    let download = browser.open("/me/data").await;
    assert_eq!(download.status, 200);
    assert!(header(&download, "content-disposition").starts_with("attachment"));
    assert_eq!(download.json()["account"]["display_name"], "An Auteur");

    let form = browser.open("/me/erase").await;
    assert_page(&form, 200, "fr");
    let mut stranger = Browser::new(&app);
    stranger.open("/").await;
    let forged = stranger
        .submit("/me/erase", &[("password", PASSWORD)])
        .await;
    assert_eq!(forged.status, 403);
    let wrong = browser.submit("/me/erase", &[("password", "raden")]).await;
    assert_page(&wrong, 422, "fr");
    assert!(wrong.text.contains("href=\"#password\""), "{}", wrong.text);
    assert_eq!(app.get("/api/v1/me", Some(&author.token)).await.status, 200);

    let done = browser.submit("/me/erase", &[("password", PASSWORD)]).await;
    assert_page(&done, 200, "fr");
    assert_eq!(app.get("/api/v1/me", Some(&author.token)).await.status, 401);
    let after = browser.open("/me").await;
    assert_eq!(after.status, 303, "signed out: {}", after.text);
    let proposal = browser
        .open(&format!("/proposals/{}?lang=nl", v.projects[0]))
        .await;
    assert_page(&proposal, 200, "nl");
    assert!(proposal.text.contains("een voormalige bewoner"));
    assert!(!proposal.text.contains("An Auteur"));
}

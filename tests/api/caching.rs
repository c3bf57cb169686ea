//! ETags on reads (`If-None-Match` → 304) and `If-Match` on the edits of editions, proposals
//! and rounds (→ 412 when someone changed the record since it was read).

use futures::future::join_all;
use serde_json::json;

use crate::editions::{create_area, create_edition};
use crate::helpers::{Reply, TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::voting::reviewed_edition;

fn etag(reply: &Reply) -> String {
    reply
        .headers
        .get("etag")
        .unwrap_or_else(|| panic!("no ETag on {}", reply.text))
        .to_str()
        .unwrap()
        .to_string()
}

async fn get_with(app: &TestApp, path: &str, header: (&str, &str), token: Option<&str>) -> Reply {
    let mut request = app.client.get(app.url(path)).header(header.0, header.1);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    app.send(request).await
}

async fn patch_with(
    app: &TestApp,
    path: &str,
    if_match: &str,
    body: serde_json::Value,
    token: &str,
) -> Reply {
    app.send(
        app.client
            .patch(app.url(path))
            .header("if-match", if_match)
            .bearer_auth(token)
            .json(&body),
    )
    .await
}

#[tokio::test]
async fn a_read_with_the_current_etag_is_answered_304_without_a_body() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let area = create_area(&app, &admin, "WEST", 1000, 0.1).await;
    let edition = create_edition(&app, &admin, &[area]).await;
    let path = format!("/api/v1/editions/{edition}");
    for path in [path.as_str(), "/api/v1/editions", "/api/v1/areas"] {
        let first = app.get(path, None).await;
        assert_eq!(first.status, 200);
        let tag = etag(&first);
        let again = get_with(&app, path, ("if-none-match", &tag), None).await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.text.is_empty());
        assert_eq!(etag(&again), tag);
        let other = get_with(&app, path, ("if-none-match", "\"something-else\""), None).await;
        assert_eq!(other.status, 200, "{path}");
    }
    let before = etag(&app.get(&path, None).await);
    let changed = app
        .patch(
            &path,
            &json!({"name": "Wijkbudget Oost"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_ne!(etag(&changed), before);
    let stale = get_with(&app, &path, ("if-none-match", &before), None).await;
    assert_eq!(stale.status, 200);
    assert_eq!(stale.json()["name"], "Wijkbudget Oost");
    let private = app.get("/api/v1/me", Some(&admin.token)).await;
    assert_eq!(private.headers["cache-control"], "private, no-cache");
}

/// Two administrators read the same edition; the first change wins, the second is refused
/// with 412 instead of silently undoing the first, and succeeds once made on a fresh read.
#[tokio::test]
async fn two_staff_editing_one_edition_do_not_overwrite_each_other() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let other = app
        .with_role(&admin, "Tweede Beheerder", "admin", json!({}))
        .await;
    let area = create_area(&app, &admin, "WEST", 1000, 0.1).await;
    let edition = create_edition(&app, &admin, &[area]).await;
    let path = format!("/api/v1/editions/{edition}");
    let read = etag(&app.get(&path, Some(&admin.token)).await);
    let first = patch_with(
        &app,
        &path,
        &read,
        json!({"name": "Naam van Eerste"}),
        &admin.token,
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.text);
    let second = patch_with(
        &app,
        &path,
        &read,
        json!({"name": "Naam van Tweede"}),
        &other.token,
    )
    .await;
    second.assert_problem(412, "precondition_failed");
    assert_eq!(app.get(&path, None).await.json()["name"], "Naam van Eerste");
    let fresh = etag(&app.get(&path, Some(&other.token)).await);
    let retried = patch_with(
        &app,
        &path,
        &fresh,
        json!({"name": "Naam van Tweede"}),
        &other.token,
    )
    .await;
    assert_eq!(retried.status, 200, "{}", retried.text);
    let made_up = patch_with(
        &app,
        &path,
        "\"made-up\"",
        json!({"name": "X"}),
        &admin.token,
    )
    .await;
    assert_eq!(made_up.error_fields(), ["If-Match"]);
    let old_but_well_formed = "\"v1000000-abc\"";
    patch_with(
        &app,
        &path,
        old_but_well_formed,
        json!({"name": "X"}),
        &admin.token,
    )
    .await
    .assert_problem(412, "precondition_failed");
    let without = app
        .patch(&path, &json!({"name": "Zonder"}), Some(&admin.token))
        .await;
    assert_eq!(
        without.status, 200,
        "no If-Match: the change is made as before"
    );
    let any = patch_with(
        &app,
        &path,
        "*",
        json!({"name": "Wat dan ook"}),
        &admin.token,
    )
    .await;
    assert_eq!(any.status, 200);
}

/// Twenty edits sent at once on the same version: exactly one is made.
#[tokio::test]
async fn of_twenty_edits_on_one_version_at_once_exactly_one_is_made() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let area = create_area(&app, &admin, "WEST", 1000, 0.1).await;
    let edition = create_edition(&app, &admin, &[area]).await;
    let path = format!("/api/v1/editions/{edition}");
    let read = etag(&app.get(&path, None).await);
    let replies = join_all((0..20).map(|i| {
        patch_with(
            &app,
            &path,
            &read,
            json!({"name": format!("Versie {i}")}),
            &admin.token,
        )
    }))
    .await;
    let made = replies.iter().filter(|r| r.status == 200).count();
    let refused = replies.iter().filter(|r| r.status == 412).count();
    assert_eq!(
        (made, refused),
        (1, 19),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_proposal_refuses_an_edit_on_an_old_version() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Ann", s.north).await;
    let proposal = submitted_proposal(&app, &author, s.edition, s.north, "Bankjes", 100_000).await;
    let path = format!("/api/v1/proposals/{proposal}");
    let read = etag(&app.get(&path, Some(&author.token)).await);
    let first = patch_with(
        &app,
        &path,
        &read,
        json!({"title": "Bankjes in het park"}),
        &author.token,
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.text);
    patch_with(
        &app,
        &path,
        &read,
        json!({"title": "Andere bankjes"}),
        &author.token,
    )
    .await
    .assert_problem(412, "precondition_failed");
    let next = patch_with(
        &app,
        &path,
        &etag(&first),
        json!({"title": "Andere bankjes"}),
        &author.token,
    )
    .await;
    assert_eq!(
        next.status, 200,
        "the ETag of an edit's answer is the version to edit next"
    );
}

#[tokio::test]
async fn a_round_refuses_an_edit_on_an_old_version() {
    let app = spawn_app().await;
    let vote = reviewed_edition(&app, 2, &[100_000]).await;
    crate::editions::move_to(&app, &vote.admin, vote.edition, "voting").await;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", vote.edition),
            &json!({"area_id": vote.north, "ballot_type": "approval", "rule": "greedy",
                    "opens_at": "2999-01-01T00:00:00Z", "closes_at": "2999-02-01T00:00:00Z"}),
            Some(&vote.admin.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let round_path = format!("/api/v1/rounds/{}", created.json()["id"]);
    let read = etag(&app.get(&round_path, None).await);
    let renamed = patch_with(
        &app,
        &round_path,
        &read,
        json!({"name": "Ronde Noord"}),
        &vote.admin.token,
    )
    .await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    patch_with(
        &app,
        &round_path,
        &read,
        json!({"name": "Ronde Zuid"}),
        &vote.admin.token,
    )
    .await
    .assert_problem(412, "precondition_failed");
}

//! Texts in several languages over HTTP: a proposal written in Dutch and translated into French
//! is served in French to `Accept-Language: fr` and falls back to Dutch for English; each
//! translation keeps its history, only who writes a text translates it, and translations are
//! found by search.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};

async fn read_in(app: &TestApp, path: &str, languages: &str) -> (Value, String) {
    let reply = app
        .send(
            app.client
                .get(app.url(path))
                .header("accept-language", languages),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let content_language = reply
        .headers
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (reply.json(), content_language)
}

#[tokio::test]
async fn a_proposal_in_dutch_and_french_is_read_in_french_and_falls_back_to_dutch() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let path = format!("/api/v1/translations/proposal/{id}/fr");
    let french = json!({"title": "Des bancs", "summary": "Des bancs à l'ombre.", "body": "Un **beau** plan."});
    let saved = app.put(&path, &french, Some(&author.token)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.json()["language"], "fr");

    let proposal = format!("/api/v1/proposals/{id}");
    let (in_french, header) = read_in(&app, &proposal, "fr-BE, nl;q=0.5").await;
    assert_eq!(in_french["title"], "Des bancs");
    assert_eq!(in_french["summary"], "Des bancs à l'ombre.");
    assert!(
        in_french["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>beau</strong>")
    );
    assert_eq!(in_french["language"], "fr");
    assert_eq!(in_french["original_language"], "nl");
    assert_eq!(in_french["languages"], json!(["nl", "fr"]));
    assert_eq!(header, "fr");
    let (in_english, header) = read_in(&app, &proposal, "en").await;
    assert_eq!(
        in_english["title"], "Zitbanken",
        "no English version: the original"
    );
    assert_eq!(in_english["language"], "nl");
    assert_eq!(header, "nl");
    let (listed, _) = read_in(
        &app,
        &format!("/api/v1/editions/{}/proposals", s.edition),
        "fr",
    )
    .await;
    assert_eq!(listed["items"][0]["title"], "Des bancs");
    assert_eq!(listed["items"][0]["language"], "fr");

    let corrected = json!({"title": "Des bancs publics", "summary": "Des bancs à l'ombre."});
    assert_eq!(
        app.put(&path, &corrected, Some(&author.token)).await.status,
        200
    );
    let history = app.get(&format!("{path}/history"), None).await.json();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["title"], "Des bancs publics", "newest first");
    assert_eq!(history[1]["title"], "Des bancs");
    assert_eq!(history[0]["edited_by"], "Auteur");
    let languages = app
        .get(&format!("/api/v1/translations/proposal/{id}"), None)
        .await
        .json();
    assert_eq!(languages["original_language"], "nl");
    assert_eq!(languages["translations"][0]["title"], "Des bancs publics");

    let found = app.get("/api/v1/search?q=publics", None).await.json();
    assert_eq!(found[0]["proposal_id"], id, "{found}");
    assert_eq!(found[0]["language"], "fr");
}

#[tokio::test]
async fn only_who_writes_a_text_translates_it_and_never_into_its_own_language() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    let french = json!({"title": "Des bancs", "summary": "Des bancs."});
    app.put(
        &format!("/api/v1/translations/proposal/{id}/fr"),
        &french,
        Some(&neighbour.token),
    )
    .await
    .assert_problem(403, "forbidden");
    app.put(
        &format!("/api/v1/translations/proposal/{id}/nl"),
        &french,
        Some(&author.token),
    )
    .await
    .assert_problem(409, "conflict");
    let missing = app
        .put(
            &format!("/api/v1/translations/proposal/{id}/en"),
            &json!({"title": "Benches"}),
            Some(&author.token),
        )
        .await;
    missing.assert_problem(422, "validation_failed");
    assert_eq!(missing.error_fields(), vec!["summary"]);
    let unknown = app
        .put(
            &format!("/api/v1/translations/proposal/{id}/de"),
            &french,
            Some(&author.token),
        )
        .await;
    assert!(
        unknown.status == 400 || unknown.status == 404,
        "{}",
        unknown.text
    );

    let area = format!("/api/v1/translations/area/{}/fr", s.north);
    app.put(&area, &json!({"title": "Nord"}), Some(&author.token))
        .await
        .assert_problem(403, "forbidden");
    let named = app
        .put(&area, &json!({"title": "Nord"}), Some(&s.admin.token))
        .await;
    assert_eq!(named.status, 200, "{}", named.text);
    let (in_french, _) = read_in(&app, &format!("/api/v1/areas/{}", s.north), "fr").await;
    assert_eq!(
        (&in_french["name"], &in_french["language"]),
        (&json!("Nord"), &json!("fr"))
    );
    let (in_dutch, _) = read_in(&app, &format!("/api/v1/areas/{}", s.north), "nl").await;
    assert_eq!(in_dutch["language"], "nl");
    assert_ne!(in_dutch["name"], "Nord");
    let edition = format!("/api/v1/translations/edition/{}/en", s.edition);
    let titled = app
        .put(
            &edition,
            &json!({"title": "Budget 2027"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(titled.status, 200, "{}", titled.text);
    let (listed, _) = read_in(&app, "/api/v1/editions", "en-GB").await;
    assert_eq!(listed["items"][0]["name"], "Budget 2027");
    assert_eq!(listed["items"][0]["language"], "en");
    let with_summary = app
        .put(
            &area,
            &json!({"title": "Nord", "summary": "x"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(with_summary.error_fields(), vec!["summary"]);

    let written_in_french = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &json!({"area_id": s.north, "title": "Une fontaine", "summary": "Pour boire.",
                    "estimated_cost_cents": 50_000, "language": "fr"}),
            Some(&author.token),
        )
        .await;
    assert_eq!(written_in_french.status, 201, "{}", written_in_french.text);
    assert_eq!(written_in_french.json()["original_language"], "fr");
}

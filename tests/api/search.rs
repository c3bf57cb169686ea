//! Full-text search over HTTP on both databases: a plural finds its singular, an accent is
//! optional, comments are searched with their proposals, what the caller may not see is never
//! found, and the proposal list's filters combine with the words.

use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_app};
use crate::proposals::{resident_of, setting};

async fn propose(
    app: &TestApp,
    author: &Account,
    (edition, area): (i64, i64),
    (title, body): (&str, &str),
    submit: bool,
) -> i64 {
    let created = app
        .post(
            &format!("/api/v1/editions/{edition}/proposals"),
            &json!({"area_id": area, "title": title, "summary": "Een voorstel.", "body": body,
                    "category": "groen", "estimated_cost_cents": 100_000}),
            Some(&author.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    if submit {
        let sent = app
            .post(
                &format!("/api/v1/proposals/{id}/submit"),
                &json!({}),
                Some(&author.token),
            )
            .await;
        assert_eq!(sent.status, 200, "{}", sent.text);
    }
    id
}

async fn search(app: &TestApp, query: &str, who: Option<&Account>) -> Vec<Value> {
    let reply = app
        .get(
            &format!("/api/v1/search?{query}"),
            who.map(|a| a.token.as_str()),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn search_finds_forms_of_a_word_with_or_without_accents_and_only_what_may_be_seen() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let ann = resident_of(&app, &s.admin, "Ann", s.north).await;
    let zoe = resident_of(&app, &s.admin, "Zoë", s.south).await;
    let shed = propose(
        &app,
        &ann,
        (s.edition, s.north),
        (
            "Overdekte fietsenstalling",
            "Aan het station staat elke fiets in de regen.",
        ),
        true,
    )
    .await;
    let church = propose(
        &app,
        &zoe,
        (s.edition, s.south),
        (
            "Des bancs devant l'église",
            "Pour se reposer après la messe.",
        ),
        true,
    )
    .await;
    let draft = propose(
        &app,
        &ann,
        (s.edition, s.north),
        ("Geheime fietsenstalling", "Nog niet ingediend."),
        false,
    )
    .await;

    let found = search(&app, "q=fietsenstallingen", None).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["proposal_id"], shed);
    assert_eq!(found[0]["kind"], "proposal");
    let mine = search(&app, "q=fietsenstallingen", Some(&ann)).await;
    let ids: Vec<&Value> = mine.iter().map(|h| &h["proposal_id"]).collect();
    assert!(
        ids.contains(&&json!(draft)),
        "its author finds her own draft"
    );
    assert_eq!(
        search(&app, "q=fietsenstallingen", Some(&zoe)).await.len(),
        1
    );

    let found = search(&app, "q=eglise", None).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["proposal_id"], church);
    assert_eq!(search(&app, "q=%C3%89GLISE", None).await.len(), 1);

    let comment = app
        .post(
            &format!("/api/v1/proposals/{church}/comments"),
            &json!({"body": "Graag ook <b>rekken</b> bij de kerk, voor wie met fietsen komt."}),
            Some(&ann.token),
        )
        .await;
    assert_eq!(comment.status, 201, "{}", comment.text);
    let comment_id = comment.json()["id"].clone();
    let found = search(&app, "q=fietsen%20kerk", None).await;
    assert_eq!(found.len(), 1, "every word must occur: {found:?}");
    assert_eq!(found[0]["kind"], "comment");
    assert_eq!(found[0]["comment_id"], comment_id);
    assert_eq!(found[0]["proposal_id"], church);
    let snippet = found[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>kerk,</mark>"), "{snippet}");
    assert!(
        snippet.contains("&lt;b&gt;"),
        "the text is escaped: {snippet}"
    );

    let removed = app
        .delete(&format!("/api/v1/comments/{comment_id}"), Some(&ann.token))
        .await;
    assert!(removed.status < 300, "{}", removed.text);
    assert!(
        search(&app, "q=kerk", None).await.is_empty(),
        "a removed comment is not found"
    );

    let in_south = search(
        &app,
        &format!("q=fietsenstalling&area_id={}", s.south),
        None,
    )
    .await;
    assert!(in_south.is_empty());
    let bad = app.get("/api/v1/search?q=%21%21%21", None).await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(bad.error_fields(), vec!["q"]);
    let long = "a".repeat(201);
    let too_long = app.get(&format!("/api/v1/search?q={long}"), None).await;
    assert_eq!(too_long.error_fields(), vec!["q"]);
}

#[tokio::test]
async fn the_proposal_list_combines_its_filters_with_the_words() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let ann = resident_of(&app, &s.admin, "Ann", s.north).await;
    let bo = resident_of(&app, &s.admin, "Bo", s.south).await;
    let north = propose(
        &app,
        &ann,
        (s.edition, s.north),
        ("Speeltuin", "Nieuwe schommels en een zandbak."),
        true,
    )
    .await;
    propose(
        &app,
        &bo,
        (s.edition, s.south),
        ("Schommels in het park", "Voor de kleinsten."),
        true,
    )
    .await;
    let list = |query: String| {
        let app = &app;
        async move {
            let reply = app
                .get(
                    &format!("/api/v1/editions/{}/proposals?{query}", s.edition),
                    None,
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()["items"].as_array().unwrap().clone()
        }
    };
    assert_eq!(list("q=schommel".into()).await.len(), 2);
    let north_only = list(format!("q=schommel&area_id={}", s.north)).await;
    assert_eq!(north_only.len(), 1);
    assert_eq!(north_only[0]["id"], north);
    assert!(list("q=glijbaan".into()).await.is_empty());
}

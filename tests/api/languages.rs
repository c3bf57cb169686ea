//! Problem details and mail in the reader's language: Dutch, French or English by
//! `Accept-Language`, with the machine codes unchanged whatever the language.

use serde_json::{Value, json};

use crate::editions::move_to;
use crate::helpers::{PASSWORD, Reply, TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::voting::{round, vote_and_close, voting_edition};

async fn get_in(app: &TestApp, path: &str, language: Option<&str>, token: Option<&str>) -> Reply {
    let mut request = app.client.get(app.url(path));
    if let Some(language) = language {
        request = request.header("Accept-Language", language);
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    app.send(request).await
}

async fn post_in(app: &TestApp, path: &str, language: &str, body: &Value) -> Reply {
    app.send(
        app.client
            .post(app.url(path))
            .header("Accept-Language", language)
            .json(body),
    )
    .await
}

fn header(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Words that give English away inside a Dutch or French message.
fn assert_no_english(text: &str) {
    for word in [
        " must ",
        "not found",
        "is required",
        " the ",
        "invalid",
        "unknown",
    ] {
        assert!(
            !text.to_lowercase().contains(word),
            "English {word:?} in {text:?}"
        );
    }
}

#[tokio::test]
async fn a_field_error_is_told_in_dutch_french_or_english_with_the_same_code() {
    let app = spawn_app().await;
    let cases = [
        (
            Some("fr"),
            "fr",
            "Saisie non valide",
            "doit être compris entre 1 et 100",
        ),
        (
            Some("nl-BE,nl;q=0.9"),
            "nl",
            "Ongeldige invoer",
            "moet tussen 1 en 100 liggen",
        ),
        (
            Some("en-GB"),
            "en",
            "Invalid input",
            "must be between 1 and 100",
        ),
        (None, "en", "Invalid input", "must be between 1 and 100"),
    ];
    for (asked, language, title, message) in cases {
        let reply = get_in(&app, "/api/v1/editions?limit=0", asked, None).await;
        let body = reply.assert_problem(422, "validation_failed");
        assert_eq!(body["title"], title, "{asked:?}");
        assert_eq!(body["errors"][0]["field"], "limit");
        assert_eq!(body["errors"][0]["code"], "invalid");
        assert_eq!(body["errors"][0]["message"], message, "{asked:?}");
        let detail = body["detail"].as_str().unwrap();
        assert!(
            detail.starts_with("limit") && detail.ends_with(message),
            "{detail}"
        );
        assert_eq!(body["type"], "urn:wijkbudget:problem:validation_failed");
        assert_eq!(header(&reply, "content-language"), language);
        assert!(header(&reply, "vary").contains("Accept-Language"));
        if language != "en" {
            assert_no_english(&format!("{} {}", body["title"], body["detail"]));
        }
    }
}

#[tokio::test]
async fn the_preferred_language_of_ours_wins_and_an_unknown_one_falls_back_to_english() {
    let app = spawn_app().await;
    let french = get_in(
        &app,
        "/api/v1/proposals/987654",
        Some("de-DE, fr;q=0.8, en;q=0.5"),
        None,
    )
    .await;
    let body = french.assert_problem(404, "not_found");
    assert_eq!(body["title"], "Introuvable");
    assert_eq!(body["detail"], "proposition introuvable");
    let spanish = get_in(&app, "/api/v1/proposals/987654", Some("es"), None).await;
    assert_eq!(
        spanish.assert_problem(404, "not_found")["detail"],
        "proposal not found"
    );
    assert_eq!(header(&spanish, "content-language"), "en");
    let refused = get_in(&app, "/api/v1/proposals/987654", Some("fr;q=0, nl"), None).await;
    assert_eq!(
        refused.assert_problem(404, "not_found")["detail"],
        "voorstel niet gevonden"
    );
}

#[tokio::test]
async fn errors_from_every_layer_speak_the_asked_language() {
    let app = spawn_app().await;
    // The parameter check in front of every handler.
    let unknown = get_in(&app, "/api/v1/editions?colour=red", Some("nl"), None).await;
    let body = unknown.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["code"], "unknown_parameter");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("onbekende parameter: deze bewerking neemt ")
    );
    // Authentication.
    let anonymous = get_in(&app, "/api/v1/me", Some("fr"), None).await;
    let body = anonymous.assert_problem(401, "unauthorized");
    assert_eq!(body["title"], "Non connecté");
    assert_no_english(
        body["detail"]
            .as_str()
            .unwrap()
            .replace("Authorization: Bearer", "")
            .as_str(),
    );
    // A path that names no resource.
    let nowhere = get_in(&app, "/api/v1/nowhere", Some("nl"), None).await;
    let body = nowhere.assert_problem(404, "not_found");
    assert_eq!(body["detail"], "er is niets op /api/v1/nowhere");
    // A body of the wrong shape, told without serde's English.
    let wrong_type = post_in(
        &app,
        "/api/v1/auth/register",
        "fr",
        &json!({"email": "a@example.org", "password": PASSWORD, "display_name": 5}),
    )
    .await;
    let body = wrong_type.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "display_name");
    assert_eq!(body["errors"][0]["code"], "wrong_type");
    assert_eq!(body["errors"][0]["message"], "doit être du texte");
    let malformed = app
        .send(
            app.client
                .post(app.url("/api/v1/auth/register"))
                .header("Accept-Language", "nl")
                .header("Content-Type", "application/json")
                .body("{\"email\":"),
        )
        .await;
    let body = malformed.assert_problem(400, "malformed_json");
    assert_eq!(body["title"], "Ongeldige JSON");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("de inhoud is geen geldige JSON (regel 1")
    );
    // A rule of a service, with its arguments said in the language too.
    let resident = app.resident("Ines").await;
    let reply = app
        .send(
            app.client
                .post(app.url("/api/v1/editions"))
                .header("Accept-Language", "fr")
                .bearer_auth(&resident.token)
                .json(&json!({})),
        )
        .await;
    let body = reply.assert_problem(403, "forbidden");
    assert_eq!(body["title"], "Non autorisé");
    assert_eq!(body["detail"], "il faut le rôle admin");
}

#[tokio::test]
async fn an_account_registered_without_a_language_gets_its_mail_in_the_asked_one() {
    let app = spawn_app().await;
    let reply = post_in(
        &app,
        "/api/v1/auth/register",
        "fr-BE, nl;q=0.5",
        &json!({"email": "camille@example.org", "password": PASSWORD, "display_name": "Camille"}),
    )
    .await;
    assert_eq!(reply.status, 202, "{}", reply.text);
    let mail = app
        .wait_for_mail("camille@example.org", "verify-email")
        .await;
    assert!(mail.body.contains("Bonjour Camille"), "{}", mail.body);
    let explicit = post_in(
        &app,
        "/api/v1/auth/register",
        "fr",
        &json!({"email": "joris@example.org", "password": PASSWORD, "display_name": "Joris", "locale": "nl"}),
    )
    .await;
    assert_eq!(explicit.status, 202, "{}", explicit.text);
    let mail = app.wait_for_mail("joris@example.org", "verify-email").await;
    assert!(mail.body.contains("Dag Joris"), "{}", mail.body);
}

#[tokio::test]
async fn a_mail_about_a_merge_says_why_in_each_author_s_own_language() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let dutch = resident_of(&app, &s.admin, "Mo", s.north).await;
    let french = resident_of(&app, &s.admin, "Camille", s.north).await;
    let chosen = app
        .patch("/api/v1/me", &json!({"locale": "fr"}), Some(&french.token))
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.text);
    let target = submitted_proposal(&app, &dutch, s.edition, s.north, "Bomen", 100_000).await;
    let from_french =
        submitted_proposal(&app, &french, s.edition, s.north, "Des arbres", 100_000).await;
    let from_dutch =
        submitted_proposal(&app, &dutch, s.edition, s.north, "Meer bomen", 100_000).await;
    move_to(&app, &s.admin, s.edition, "support").await;
    let merged = app
        .post(
            &format!("/api/v1/proposals/{target}/merge"),
            &json!({"proposal_ids": [from_french, from_dutch], "reason": "Hetzelfde plan"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(merged.status, 200, "{}", merged.text);
    let french_mail = app
        .wait_for_mail(&french.email, "fusionnée dans la proposition")
        .await;
    assert!(
        french_mail.body.contains(&format!(
            "fusionnée dans la proposition {target} : Hetzelfde plan"
        )),
        "{}",
        french_mail.body
    );
    let dutch_mail = app
        .wait_for_mail(&dutch.email, "samengevoegd met voorstel")
        .await;
    assert!(!dutch_mail.body.contains("merged"), "{}", dutch_mail.body);
}

#[tokio::test]
async fn round_results_explain_every_project_in_the_asked_language() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 4, &[600_000, 400_000, 500_000]).await;
    let p = v.projects.clone();
    let r = round(&app, &v, json!({"rule": "equalshares/add1"})).await;
    let ballots = [vec![p[0], p[1]], vec![p[0]], vec![p[1], p[2]], vec![p[2]]];
    vote_and_close(&app, &v, r, &ballots).await;
    for (language, funded, not_funded, add1) in [
        (
            "fr",
            "Financé au tour ",
            "Non financé",
            "Equal Shares a relevé le budget par électeur",
        ),
        (
            "nl",
            "Gefinancierd in ronde ",
            "Niet gefinancierd",
            "Equal Shares verhoogde het budget per kiezer",
        ),
        (
            "en",
            "Funded in round ",
            "Not funded",
            "Equal Shares raised the budget per voter",
        ),
    ] {
        let reply = get_in(
            &app,
            &format!("/api/v1/rounds/{r}/results"),
            Some(language),
            None,
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert!(header(&reply, "vary").contains("Accept-Language"));
        let results = reply.json();
        assert!(
            results["explanation"].as_str().unwrap().starts_with(add1),
            "{}",
            results["explanation"]
        );
        let projects = results["projects"].as_array().unwrap();
        assert_eq!(projects.len(), 3);
        for project in projects {
            let sentence = project["explanation"].as_str().unwrap();
            let expected = if project["selected"] == true {
                funded
            } else {
                not_funded
            };
            assert!(sentence.starts_with(expected), "{language}: {sentence}");
            if project["selected"] == true {
                assert!(sentence.contains('€'), "{sentence}");
            }
        }
    }
}

//! The residents' site for what residents share and follow, without JavaScript: "My
//! notifications", follow buttons, the one-click unsubscribe page, pictures on a proposal's
//! page, and a proposal's other language versions.

use serde_json::json;

use crate::attachments::jpeg_with_gps;
use crate::helpers::spawn_app;
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::site::{Browser, assert_page, header, signed_in};

#[tokio::test]
async fn a_resident_chooses_her_notifications_and_follows_from_the_site() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let ann = resident_of(&app, &s.admin, "Ann", s.north).await;
    let mut browser = signed_in(&app, &ann.email).await;
    let page = browser.open("/me/notifications").await;
    assert_page(&page, 200, "nl");
    assert!(
        page.text
            .contains("name=\"new_comment\" value=\"daily_digest\"")
    );
    let saved = browser
        .submit(
            "/me/notifications",
            &[("new_comment", "daily_digest"), ("decision", "never")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let chosen = app
        .get("/api/v1/me/notification-preferences", Some(&ann.token))
        .await
        .json();
    assert_eq!(chosen["preferences"]["new_comment"], "daily_digest");
    assert_eq!(chosen["preferences"]["decision"], "never");
    assert_eq!(chosen["preferences"]["review"], "immediately");

    let area = browser.open(&format!("/areas/{}", s.north)).await;
    assert!(
        area.text
            .contains(&format!("action=\"/follows/area/{}\"", s.north))
    );
    let followed = browser
        .submit(
            &format!("/follows/area/{}", s.north),
            &[("action", "follow")],
        )
        .await;
    assert_eq!(
        header(&followed, "location"),
        format!("/areas/{}#follow", s.north)
    );
    let listed = browser.open("/me/notifications").await;
    assert!(listed.text.contains("NOORD"), "the area is listed by name");
    let stopped = browser
        .submit(
            &format!("/follows/area/{}", s.north),
            &[("action", "unfollow"), ("back", "settings")],
        )
        .await;
    assert_eq!(header(&stopped, "location"), "/me/notifications#follows");
    let none = app.get("/api/v1/me/follows", Some(&ann.token)).await.json();
    assert_eq!(none, json!([]));

    let forged = Browser::new(&app)
        .open("/unsubscribe?token=1.digest.xyz")
        .await;
    assert_page(&forged, 404, "nl");
}

#[tokio::test]
async fn authors_add_pictures_on_the_page_and_readers_choose_the_language_version() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let page = format!("/proposals/{id}");
    let mut browser = signed_in(&app, &author.email).await;
    let own = browser.open(&page).await;
    assert!(
        own.text.contains("enctype=\"multipart/form-data\""),
        "an author may add files"
    );
    let sent = browser
        .upload_file(
            &format!("{page}/files"),
            ("plein.jpg", "image/jpeg", jpeg_with_gps()),
            &[("alt_text", "Het plein in de zon")],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    let visitor = Browser::new(&app).open(&page).await;
    assert_page(&visitor, 200, "nl");
    assert!(
        visitor.text.contains("alt=\"Het plein in de zon\""),
        "{}",
        visitor.text
    );
    assert!(visitor.text.contains("/thumbnail"));
    assert!(!visitor.text.contains("enctype=\"multipart/form-data\""));

    let french = json!({"title": "Des bancs", "summary": "Des bancs à l'ombre."});
    let saved = app
        .put(
            &format!("/api/v1/translations/proposal/{id}/fr"),
            &french,
            Some(&author.token),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    let dutch = Browser::new(&app).open(&page).await;
    assert!(
        dutch.text.contains("<h1 lang=\"nl\">Zitbanken</h1>"),
        "{}",
        dutch.text
    );
    assert!(
        dutch
            .text
            .contains(&format!("href=\"/proposals/{id}?version=fr\""))
    );
    let in_french = Browser::new(&app).open(&format!("{page}?version=fr")).await;
    assert!(in_french.text.contains("<h1 lang=\"fr\">Des bancs</h1>"));
    let french_site = Browser::new(&app).open(&format!("{page}?lang=fr")).await;
    assert!(french_site.text.contains("<h1 lang=\"fr\">Des bancs</h1>"));
    let english_site = Browser::new(&app).open(&format!("{page}?lang=en")).await;
    assert!(
        english_site.text.contains("<h1 lang=\"nl\">Zitbanken</h1>"),
        "falls back to the original"
    );
}

#[tokio::test]
async fn an_administrator_names_an_area_in_french_in_the_console() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let mut console = signed_in(&app, &s.admin.email).await;
    let form = console.open(&format!("/console/areas/{}", s.north)).await;
    assert_page(&form, 200, "nl");
    assert!(form.text.contains("name=\"name_fr\""), "{}", form.text);
    assert!(
        !form.text.contains("name=\"name_nl\""),
        "not its own language"
    );
    let saved = console
        .submit(
            &format!("/console/areas/{}/names", s.north),
            &[("name_fr", "Nord"), ("name_en", "")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let history = app
        .get(
            &format!("/api/v1/translations/area/{}/fr/history", s.north),
            None,
        )
        .await
        .json();
    assert_eq!(history[0]["title"], "Nord");
    let french = Browser::new(&app)
        .open(&format!("/areas/{}?lang=fr", s.north))
        .await;
    assert!(french.text.contains("<h1>Nord</h1>"), "{}", french.text);
    let dutch = Browser::new(&app)
        .open(&format!("/areas/{}", s.north))
        .await;
    assert!(
        !dutch.text.contains("<h1>Nord</h1>"),
        "the Dutch page keeps its own name"
    );
}

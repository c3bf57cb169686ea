//! How residents hear of events over HTTP: a preference per kind of event, the daily digest
//! sent once a day even by two server processes, followers of an area, and the one-click
//! unsubscribe link (RFC 8058) in every notification.

use serde_json::json;

use crate::helpers::{Account, Mail, TestApp, spawn_app_with};
use crate::proposals::{resident_of, setting, submitted_proposal};

async fn comment_on(app: &TestApp, address: &str, who: &Account, proposal: i64, body: &str) {
    let reply = app
        .send(
            app.client
                .post(format!("{address}/api/v1/proposals/{proposal}/comments"))
                .bearer_auth(&who.token)
                .json(&json!({ "body": body })),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
}

async fn preferences(app: &TestApp, who: &Account) -> serde_json::Value {
    let reply = app
        .get("/api/v1/me/notification-preferences", Some(&who.token))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json()
}

fn mail_to(app: &TestApp, who: &Account) -> Vec<Mail> {
    app.delivered_mail()
        .into_iter()
        .filter(|m| m.to.contains(&who.email))
        .collect()
}

/// The one-click link of a mail, pointed at the test server.
fn unsubscribe_link(app: &TestApp, mail: &Mail) -> String {
    let header = mail
        .header("List-Unsubscribe")
        .expect("a List-Unsubscribe header");
    let link = header.trim_start_matches('<').trim_end_matches('>');
    assert!(
        link.starts_with("http://wijkbudget.test/unsubscribe?token="),
        "{link}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(mail.body.contains(link), "the body shows the link too");
    link.replace("http://wijkbudget.test", &app.address)
}

#[tokio::test]
async fn a_follower_gets_one_digest_a_day_across_two_server_processes() {
    let app = spawn_app_with(|c| c.digest_hour = 0).await;
    let second = app.second_process().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let follower = resident_of(&app, &s.admin, "Volger", s.north).await;
    let commenter = resident_of(&app, &s.admin, "Buur", s.north).await;

    let chosen = app
        .patch(
            "/api/v1/me/notification-preferences",
            &json!({"new_comment": "daily_digest"}),
            Some(&follower.token),
        )
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.text);
    assert_eq!(chosen.json()["preferences"]["new_comment"], "daily_digest");
    assert_eq!(chosen.json()["preferences"]["review"], "immediately");
    let followed = app
        .put(
            &format!("/api/v1/me/follows/proposal/{id}"),
            &json!({}),
            Some(&follower.token),
        )
        .await;
    assert_eq!(followed.status, 204, "{}", followed.text);

    comment_on(&app, &app.address, &commenter, id, "Graag in de schaduw.").await;
    let digest = app.wait_for_mail(&follower.email, "Zitbanken").await;
    assert!(digest.subject.contains('1'), "{}", digest.subject);
    unsubscribe_link(&app, &digest);

    // Both processes run the digest job every second; later comments wait for tomorrow.
    comment_on(&app, &second, &commenter, id, "En een prullenbak erbij.").await;
    comment_on(&app, &app.address, &commenter, id, "Of twee.").await;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let mails: Vec<Mail> = mail_to(&app, &follower)
        .into_iter()
        .filter(|m| m.header("List-Unsubscribe").is_some())
        .collect();
    assert_eq!(
        mails.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert_eq!(preferences(&app, &follower).await["waiting_for_digest"], 2);
    // The author chose nothing, so heard of each comment at once.
    app.wait_for_mail(&author.email, "Buur").await;

    // Erasing the account forgets the choices and what waited for the next digest.
    let erased = app
        .with_body(
            reqwest::Method::DELETE,
            "/api/v1/me",
            &json!({"password": crate::helpers::PASSWORD}),
            Some(&follower.token),
        )
        .await;
    assert_eq!(erased.status, 204, "{}", erased.text);
    use diesel::prelude::*;
    use wijkbudget::store::schema::{digest_items, notification_preferences};
    let waiting: i64 = digest_items::table
        .filter(digest_items::user_id.eq(follower.id))
        .count()
        .get_result(&mut app.db())
        .unwrap();
    let chosen: i64 = notification_preferences::table
        .filter(notification_preferences::user_id.eq(follower.id))
        .count()
        .get_result(&mut app.db())
        .unwrap();
    assert_eq!((waiting, chosen), (0, 0));
}

#[tokio::test]
async fn one_click_unsubscribe_stops_that_kind_of_mail_without_signing_in() {
    let app = spawn_app_with(|_| {}).await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Speeltuin", 300_000).await;
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    comment_on(&app, &app.address, &neighbour, id, "Mooi plan.").await;
    let mail = app.wait_for_mail(&author.email, "Buur").await;
    let link = unsubscribe_link(&app, &mail);

    // Opening the link (as a mail filter does) asks first and changes nothing.
    let opened = app.send(app.client.get(&link)).await;
    assert_eq!(opened.status, 200);
    assert!(opened.text.contains("<form"), "{}", opened.text);
    assert_eq!(
        preferences(&app, &author).await["preferences"]["new_comment"],
        "immediately"
    );

    // A made-up or altered token stops nothing.
    let (base, token) = link.split_once("token=").unwrap();
    let mut parts: Vec<&str> = token.split('.').collect();
    let other = neighbour.id.to_string();
    parts[0] = &other;
    let forged = format!("{base}token={}", parts.join("."));
    let refused = app
        .send(app.client.post(&forged).body("List-Unsubscribe=One-Click"))
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(
        preferences(&app, &neighbour).await["preferences"]["new_comment"],
        "immediately"
    );

    let one_click = app
        .send(
            app.client
                .post(&link)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click"),
        )
        .await;
    assert_eq!(one_click.status, 200, "{}", one_click.text);
    let after = preferences(&app, &author).await;
    assert_eq!(after["preferences"]["new_comment"], "never");
    assert_eq!(after["preferences"]["state_change"], "immediately");
    let again = app
        .send(app.client.post(&link).body("List-Unsubscribe=One-Click"))
        .await;
    assert_eq!(again.status, 200, "using the link twice is harmless");

    let before = mail_to(&app, &author).len();
    comment_on(&app, &app.address, &neighbour, id, "Nog een idee.").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(mail_to(&app, &author).len(), before);
}

#[tokio::test]
async fn followers_of_an_area_hear_of_proposals_in_it_and_a_bad_choice_is_named() {
    let app = spawn_app_with(|_| {}).await;
    let s = setting(&app).await;
    let follower = resident_of(&app, &s.admin, "Volger", s.south).await;
    let followed = app
        .put(
            &format!("/api/v1/me/follows/area/{}", s.north),
            &json!({}),
            Some(&follower.token),
        )
        .await;
    assert_eq!(followed.status, 204, "{}", followed.text);
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    submitted_proposal(&app, &author, s.edition, s.north, "Fietsenstalling", 90_000).await;
    let mail = app.wait_for_mail(&follower.email, "Fietsenstalling").await;
    assert!(mail.header("List-Unsubscribe").is_some());
    let southerner = resident_of(&app, &s.admin, "Zuiderling", s.south).await;
    submitted_proposal(&app, &southerner, s.edition, s.south, "Zuidpark", 90_000).await;

    let wrong = app
        .patch(
            "/api/v1/me/notification-preferences",
            &json!({"decision": "weekly"}),
            Some(&follower.token),
        )
        .await;
    wrong.assert_problem(422, "validation_failed");
    assert_eq!(wrong.error_fields(), vec!["decision"]);
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(
        !mail_to(&app, &follower)
            .iter()
            .any(|m| m.body.contains("Zuidpark")),
        "a proposal in an area not followed is not mailed"
    );
}

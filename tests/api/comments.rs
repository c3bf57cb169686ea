//! The discussion under a proposal over HTTP: comments and one level of replies, the author's
//! short window to change one, taking one back, the official answer, reports and moderation,
//! the limits, and the end of the discussion when the edition closes.

use diesel::prelude::*;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};

async fn comment(
    app: &TestApp,
    who: &Account,
    proposal: i64,
    body: Value,
) -> crate::helpers::Reply {
    app.post(
        &format!("/api/v1/proposals/{proposal}/comments"),
        &body,
        Some(&who.token),
    )
    .await
}

async fn discussion(app: &TestApp, proposal: i64, who: Option<&Account>) -> Vec<Value> {
    let reply = app
        .get(
            &format!("/api/v1/proposals/{proposal}/comments"),
            who.map(|a| a.token.as_str()),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn residents_discuss_a_proposal_one_reply_deep_and_staff_answer_for_the_city() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;

    let first = comment(
        &app,
        &neighbour,
        id,
        json!({"body": "Graag ook een bank in de schaduw. <script>alert(1)</script> ![x](https://elders.example/x.png)"}),
    )
    .await;
    assert_eq!(first.status, 201, "{}", first.text);
    let first = first.json();
    assert_eq!(first["author_name"], "Buurvrouw");
    assert_eq!(first["official"], false);
    let html = first["body_html"].as_str().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    app.wait_for_mail(&author.email, "Buurvrouw").await;

    let reply = comment(
        &app,
        &author,
        id,
        json!({"body": "Goed idee, ik voeg het toe.", "parent_id": first["id"]}),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let too_deep = comment(
        &app,
        &neighbour,
        id,
        json!({"body": "Dank je!", "parent_id": reply.json()["id"]}),
    )
    .await;
    too_deep.assert_problem(422, "validation_failed");
    assert_eq!(too_deep.error_fields(), vec!["parent_id"]);
    let other = submitted_proposal(&app, &author, s.edition, s.north, "Bomen", 200_000).await;
    let elsewhere = comment(
        &app,
        &neighbour,
        other,
        json!({"body": "Hier?", "parent_id": first["id"]}),
    )
    .await;
    elsewhere.assert_problem(422, "validation_failed");

    let pretending = comment(
        &app,
        &neighbour,
        id,
        json!({"body": "Namens de stad: ja.", "official": true}),
    )
    .await;
    assert_eq!(pretending.status, 403, "{}", pretending.text);
    let worker = app
        .with_role(
            &s.admin,
            "Wijkwerker",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;
    let answer = comment(
        &app,
        &worker,
        id,
        json!({"body": "De groendienst bekijkt de plaats.", "official": true}),
    )
    .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(answer.json()["official"], true);

    let unverified = app.unverified_resident("Nieuw").await;
    let refused = comment(&app, &unverified, id, json!({"body": "Hallo"})).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    let empty = comment(&app, &neighbour, id, json!({"body": "   "})).await;
    empty.assert_problem(422, "validation_failed");

    let listed = discussion(&app, id, None).await;
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[1]["parent_id"], first["id"]);
    assert!(
        listed.iter().all(|c| c["editable"] == false),
        "a visitor edits nothing"
    );
}

#[tokio::test]
async fn an_author_changes_a_comment_for_a_short_while_and_can_take_it_back() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;
    let written = comment(&app, &neighbour, id, json!({"body": "Eerst zo."}))
        .await
        .json();
    let cid = written["id"].as_i64().unwrap();
    assert_eq!(
        discussion(&app, id, Some(&neighbour)).await[0]["editable"],
        true
    );
    let path = format!("/api/v1/comments/{cid}");
    let by_other = app
        .patch(&path, &json!({"body": "Van mij!"}), Some(&author.token))
        .await;
    assert_eq!(by_other.status, 403, "{}", by_other.text);
    let changed = app
        .patch(&path, &json!({"body": "Toch zo."}), Some(&neighbour.token))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.json()["body"], "Toch zo.");
    assert!(
        changed.json()["edited_at"].is_string(),
        "the change is shown"
    );
    let reply = comment(
        &app,
        &author,
        id,
        json!({"body": "Akkoord.", "parent_id": cid}),
    )
    .await;
    assert_eq!(reply.status, 201);
    {
        use wijkbudget::store::schema::comments::dsl::*;
        let long_ago = wijkbudget::clock::now() - chrono::TimeDelta::minutes(16);
        diesel::update(comments.filter(id.eq(cid)))
            .set(created_at.eq(long_ago))
            .execute(&mut app.db())
            .unwrap();
    }
    let too_late = app
        .patch(
            &path,
            &json!({"body": "Nog eens anders."}),
            Some(&neighbour.token),
        )
        .await;
    too_late.assert_problem(409, "conflict");
    let removed = app.delete(&path, Some(&neighbour.token)).await;
    assert_eq!(removed.status, 204, "{}", removed.text);
    let listed = discussion(&app, id, None).await;
    assert_eq!(listed[0]["removed"], true);
    assert_eq!(listed[0]["body"], "", "its text is gone");
    assert_eq!(listed[1]["body"], "Akkoord.", "its reply stays");
    let again = app.delete(&path, Some(&neighbour.token)).await;
    again.assert_problem(409, "conflict");
}

#[tokio::test]
async fn a_report_reaches_the_moderator_who_hides_the_comment_with_a_reason() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let rude = resident_of(&app, &s.admin, "Brombeer", s.north).await;
    let cid = comment(&app, &rude, id, json!({"body": "Wat een onzin, idioten."}))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let reporter = resident_of(&app, &s.admin, "Melder", s.north).await;
    let report_path = format!("/api/v1/comments/{cid}/reports");
    let reason = json!({"reason": "Scheldwoorden"});
    let token = Some(reporter.token.as_str());
    assert_eq!(app.post(&report_path, &reason, token).await.status, 202);
    app.post(&report_path, &reason, token)
        .await
        .assert_problem(409, "already_exists");

    let moderation = format!("/api/v1/comments/{cid}/moderation");
    let south_worker = app
        .with_role(&s.admin, "Zuid", "area_worker", json!({"area_id": s.south}))
        .await;
    let not_theirs = app
        .post(
            &moderation,
            &json!({"hidden": true, "reason": "Beledigend"}),
            Some(&south_worker.token),
        )
        .await;
    assert_eq!(not_theirs.status, 403, "{}", not_theirs.text);
    let worker = app
        .with_role(
            &s.admin,
            "Noord",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;
    let no_reason = app
        .post(
            &moderation,
            &json!({"hidden": true, "reason": " "}),
            Some(&worker.token),
        )
        .await;
    no_reason.assert_problem(422, "validation_failed");
    let queue = app
        .get("/api/v1/comments/reported", Some(&worker.token))
        .await;
    assert_eq!(queue.status, 200, "{}", queue.text);
    assert_eq!(queue.json()[0]["reasons"], json!(["Scheldwoorden"]));
    let not_for_residents = app
        .get("/api/v1/comments/reported", Some(&reporter.token))
        .await;
    assert_eq!(not_for_residents.status, 403);
    let mut console = crate::site::signed_in(&app, &worker.email).await;
    let listed = console.open("/console/moderation").await;
    crate::site::assert_page(&listed, 200, "nl");
    assert!(
        listed.text.contains("Wat een onzin, idioten."),
        "{}",
        listed.text
    );
    let title = listed
        .text
        .split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap();
    assert!(
        !title.contains('<') && !title.contains("onzin"),
        "the page's title is only its title: {title}"
    );
    let decided = console
        .submit(
            &format!("/console/comments/{cid}/moderation"),
            &[("decision", "hide"), ("reason", "Beledigend voor de buren")],
        )
        .await;
    assert_eq!(decided.status, 303, "{}", decided.text);
    let handled = app
        .get("/api/v1/comments/reported", Some(&worker.token))
        .await;
    assert_eq!(handled.json(), json!([]), "the decision handled the report");
    let public = discussion(&app, id, None).await;
    assert_eq!(public[0]["hidden"], true);
    assert_eq!(public[0]["body"], "", "the public reads no hidden text");
    assert_eq!(public[0]["hidden_reason"], "Beledigend voor de buren");
    let seen_by_moderator = discussion(&app, id, Some(&worker)).await;
    assert_eq!(seen_by_moderator[0]["body"], "Wat een onzin, idioten.");
    let edit = app
        .patch(
            &format!("/api/v1/comments/{cid}"),
            &json!({"body": "Sorry."}),
            Some(&rude.token),
        )
        .await;
    edit.assert_problem(409, "conflict");
    let logged = app
        .get("/api/v1/audit?entity_type=comment", Some(&s.admin.token))
        .await;
    assert!(logged.text.contains("comment_hidden"), "{}", logged.text);
}

#[tokio::test]
async fn comments_have_a_rate_limit_and_close_with_the_edition() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let talker = resident_of(&app, &s.admin, "Prater", s.north).await;
    for n in 0..10 {
        let reply = comment(&app, &talker, id, json!({"body": format!("Punt {n}")})).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    let eleventh = comment(&app, &talker, id, json!({"body": "Nog iets"})).await;
    assert_eq!(eleventh.status, 429, "{}", eleventh.text);
    assert_eq!(discussion(&app, id, None).await.len(), 10);

    {
        use wijkbudget::store::schema::editions::dsl::*;
        diesel::update(editions.filter(id.eq(s.edition)))
            .set(phase.eq("closed"))
            .execute(&mut app.db())
            .unwrap();
    }
    let closed = comment(&app, &author, id, json!({"body": "Nog een laatste woord"})).await;
    closed.assert_problem(409, "conflict");
}

#[tokio::test]
async fn residents_discuss_on_the_proposal_page_without_javascript() {
    use crate::site::{assert_page, header, signed_in};
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let page = format!("/proposals/{id}");
    let visitor = crate::site::Browser::new(&app).open(&page).await;
    assert_page(&visitor, 200, "nl");
    assert!(
        visitor.text.contains("id=\"comments\""),
        "the discussion is on the page"
    );
    assert!(
        !visitor.text.contains("id=\"comment-body\""),
        "a visitor signs in first"
    );

    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;
    let mut browser = signed_in(&app, &neighbour.email).await;
    browser.open(&page).await;
    let target = format!("{page}/comments");
    let empty = browser.submit(&target, &[("body", "  ")]).await;
    assert_page(&empty, 422, "nl");
    assert!(
        empty.text.contains("<a href=\"#comment-body\">"),
        "{}",
        empty.text
    );
    let sent = browser
        .submit(&target, &[("body", "Graag ook een bank in de schaduw.")])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.text);
    let cid = discussion(&app, id, None).await[0]["id"].as_i64().unwrap();
    assert_eq!(header(&sent, "location"), format!("{page}#comment-{cid}"));
    let changed = browser
        .submit(
            &format!("{page}/comments/{cid}"),
            &[
                ("action", "edit"),
                ("body", "Graag twee banken in de schaduw."),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.text);
    assert_eq!(
        discussion(&app, id, None).await[0]["body"],
        "Graag twee banken in de schaduw."
    );

    let mut author_browser = signed_in(&app, &author.email).await;
    let shown = author_browser.open(&page).await;
    assert!(shown.text.contains("Graag twee banken"), "{}", shown.text);
    let parent = cid.to_string();
    let replied = author_browser
        .submit(
            &target,
            &[("body", "Komt in orde."), ("parent_id", parent.as_str())],
        )
        .await;
    assert_eq!(replied.status, 303, "{}", replied.text);
    let no_reason = author_browser
        .submit(
            &format!("{page}/comments/{cid}"),
            &[("action", "report"), ("reason", "")],
        )
        .await;
    assert_page(&no_reason, 422, "nl");
    assert!(
        no_reason
            .text
            .contains(&format!("<a href=\"#report-{cid}\">"))
    );
    let others = author_browser
        .submit(
            &format!("{page}/comments/{cid}"),
            &[("action", "edit"), ("body", "Overgenomen.")],
        )
        .await;
    assert_page(&others, 403, "nl");
    let listed = discussion(&app, id, None).await;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["parent_id"], cid);
    assert_eq!(
        listed[0]["body"], "Graag twee banken in de schaduw.",
        "not the author's to change"
    );

    let followed = browser
        .submit(&format!("/follows/proposal/{id}"), &[("action", "follow")])
        .await;
    assert_eq!(header(&followed, "location"), format!("{page}#follow"));
    let mine = app
        .get("/api/v1/me/follows", Some(&neighbour.token))
        .await
        .json();
    assert_eq!(mine, json!([{"subject": "proposal", "id": id}]));
    assert!(
        browser
            .open(&page)
            .await
            .text
            .contains("value=\"unfollow\"")
    );
    browser
        .submit(
            &format!("/follows/proposal/{id}"),
            &[("action", "unfollow")],
        )
        .await;
    let none = app
        .get("/api/v1/me/follows", Some(&neighbour.token))
        .await
        .json();
    assert_eq!(none, json!([]));
}

#[tokio::test]
async fn a_follower_hears_of_new_comments_until_they_stop_following() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let follower = app.resident("Volger").await;
    let follow = format!("/api/v1/me/follows/proposal/{id}");
    for _ in 0..2 {
        let followed = app.put(&follow, &json!({}), Some(&follower.token)).await;
        assert_eq!(followed.status, 204, "{}", followed.text);
    }
    let area = format!("/api/v1/me/follows/area/{}", s.north);
    assert_eq!(
        app.put(&area, &json!({}), Some(&follower.token))
            .await
            .status,
        204
    );
    let listed = app
        .get("/api/v1/me/follows", Some(&follower.token))
        .await
        .json();
    assert_eq!(
        listed,
        json!([{"subject": "proposal", "id": id}, {"subject": "area", "id": s.north}]),
        "following twice is following once"
    );
    let nothing = app
        .put(
            "/api/v1/me/follows/proposal/999999",
            &json!({}),
            Some(&follower.token),
        )
        .await;
    assert_eq!(nothing.status, 404, "{}", nothing.text);

    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;
    assert_eq!(
        comment(&app, &neighbour, id, json!({"body": "Eerste reactie"}))
            .await
            .status,
        201
    );
    let mail = app.wait_for_mail(&follower.email, "Buurvrouw").await;
    assert!(
        mail.body.contains("het voorstel dat je volgt"),
        "{}",
        mail.body
    );
    let before = app
        .delivered_mail()
        .iter()
        .filter(|m| m.to == follower.email)
        .count();
    assert_eq!(app.delete(&follow, Some(&follower.token)).await.status, 204);
    assert_eq!(
        comment(&app, &neighbour, id, json!({"body": "Tweede reactie"}))
            .await
            .status,
        201
    );
    let to_author = |app: &TestApp| {
        app.delivered_mail()
            .iter()
            .filter(|m| m.to == author.email && m.body.contains("Buurvrouw"))
            .count()
    };
    for _ in 0..100 {
        if to_author(&app) >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(to_author(&app), 2, "the second comment's mail went out");
    let after = app
        .delivered_mail()
        .iter()
        .filter(|m| m.to == follower.email)
        .count();
    assert_eq!(before, after, "no mail once unfollowed");
}

//! The list conventions every collection shares (unknown parameters refused, filters, the
//! shuffled order, cursors) and the caller's own lists under /me.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::editions::move_to;
use crate::helpers::spawn_app;
use crate::proposals::{proposal_body, resident_of, setting, submitted_proposal};
use crate::voting::{ballot_path, round, voting_edition};

fn ids_of(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

/// Every documented GET, with its path parameters set to 1, refuses a parameter it does not
/// take, naming it, whoever asks; before, `GET /editions?phase=voting` ignored the filter.
#[tokio::test]
async fn every_operation_refuses_a_query_parameter_it_does_not_take() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let mut checked = 0;
    for (template, item) in document["paths"].as_object().unwrap() {
        if item.get("get").is_none() {
            continue;
        }
        let path: String = template
            .split('/')
            .map(|s| if s.starts_with('{') { "1" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        for token in [None, Some(admin.token.as_str())] {
            let reply = app.get(&format!("{path}?colour=red"), token).await;
            assert_eq!(reply.status, 422, "GET {path}: {}", reply.text);
            assert_eq!(reply.error_fields(), ["colour"], "GET {path}");
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} operations checked");
    let login = app
        .post(
            "/api/v1/auth/login?debug=1",
            &json!({"email": "a@b.c", "password": "x"}),
            None,
        )
        .await;
    assert_eq!(login.error_fields(), ["debug"]);
    let known = app
        .get(
            "/api/v1/editions?phase=voting,support&fiscal_year=2026",
            None,
        )
        .await;
    assert_eq!(known.status, 200, "{}", known.text);
    let wrong = app.get("/api/v1/editions?phase=votes", None).await;
    assert_eq!(wrong.error_fields(), ["phase"]);
}

#[tokio::test]
async fn editions_and_rounds_filter_by_phase_year_and_status() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let open = round(&app, &v, json!({})).await;
    let list = |query: &'static str| {
        let app = &app;
        async move {
            app.get(&format!("/api/v1/editions{query}"), None)
                .await
                .json()
        }
    };
    assert_eq!(ids_of(&list("?phase=voting").await), [v.edition]);
    assert_eq!(
        ids_of(&list("?phase=ideas,support").await),
        Vec::<i64>::new()
    );
    let year = list("").await["items"][0]["fiscal_year"].as_i64().unwrap();
    assert_eq!(ids_of(&list("").await), [v.edition]);
    assert!(
        ids_of(
            &app.get(&format!("/api/v1/editions?fiscal_year={}", year + 1), None)
                .await
                .json()
        )
        .is_empty()
    );
    assert_eq!(
        ids_of(&list("?updated_since=2000-01-01T00:00:00Z").await),
        [v.edition]
    );
    assert!(ids_of(&list("?updated_since=2999-01-01T00:00:00Z").await).is_empty());

    let rounds = |query: String| {
        let app = &app;
        async move {
            let reply = app
                .get(
                    &format!("/api/v1/editions/{}/rounds{query}", v.edition),
                    None,
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(rounds("?status=open".into()).await, [open]);
    assert_eq!(
        rounds("?updated_since=2000-01-01T00:00:00Z".into()).await,
        [open]
    );
    assert!(
        rounds("?updated_since=2999-01-01T00:00:00Z".into())
            .await
            .is_empty()
    );
    let areas = |since: &'static str| {
        let app = &app;
        async move {
            let page = app
                .get(&format!("/api/v1/areas?updated_since={since}"), None)
                .await
                .json();
            page["items"].as_array().unwrap().len()
        }
    };
    assert_eq!(areas("2000-01-01T00:00:00Z").await, 2);
    assert_eq!(areas("2999-01-01T00:00:00Z").await, 0);
    assert_eq!(
        rounds("?status=closed,cancelled".into()).await,
        Vec::<i64>::new()
    );
    let round = app
        .get(&format!("/api/v1/rounds/{open}"), None)
        .await
        .json();
    assert_eq!(round["status"], "open");
    assert!(
        round["opened_at"].is_string() && round["closed_at"].is_null(),
        "{round}"
    );
    app.get(
        &format!("/api/v1/editions/{}/rounds?status=gone", v.edition),
        None,
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn proposals_filter_by_states_author_and_time_and_show_what_a_list_needs() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let ann = resident_of(&app, &s.admin, "Ann", s.north).await;
    let bert = resident_of(&app, &s.admin, "Bert", s.north).await;
    let submitted = submitted_proposal(&app, &ann, s.edition, s.north, "Bankjes", 100_000).await;
    let draft = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &proposal_body(s.north, "Bomen", 200_000),
            Some(&ann.token),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let berts = submitted_proposal(&app, &bert, s.edition, s.north, "Fietsrek", 300_000).await;
    let with_coauthor = app
        .patch(
            &format!("/api/v1/proposals/{submitted}"),
            &json!({"coauthor_ids": [bert.id]}),
            Some(&ann.token),
        )
        .await;
    assert_eq!(with_coauthor.status, 200, "{}", with_coauthor.text);
    assert_eq!(
        with_coauthor.json()["coauthors"],
        json!([{"id": bert.id, "display_name": "Bert"}])
    );
    let list = |query: String, token: Option<String>| {
        let app = &app;
        async move {
            let reply = app
                .get(
                    &format!("/api/v1/editions/{}/proposals{query}", s.edition),
                    token.as_deref(),
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()
        }
    };
    assert_eq!(
        ids_of(&list("?state=submitted".into(), None).await),
        [berts, submitted]
    );
    assert_eq!(
        ids_of(&list("?state=draft,submitted".into(), None).await),
        [berts, submitted]
    );
    assert_eq!(
        ids_of(&list("?state=draft,submitted".into(), Some(ann.token.clone())).await),
        [berts, draft, submitted]
    );
    assert_eq!(
        ids_of(&list(format!("?author_id={}", ann.id), None).await),
        [submitted]
    );
    assert_eq!(
        ids_of(&list("?updated_since=2999-01-01T00:00:00Z".into(), None).await),
        Vec::<i64>::new()
    );
    let wrong = app
        .get(
            &format!(
                "/api/v1/editions/{}/proposals?state=submitted,lost",
                s.edition
            ),
            None,
        )
        .await;
    assert_eq!(wrong.error_fields(), ["state"]);

    move_to(&app, &s.admin, s.edition, "support").await;
    let supported = app
        .post(
            &format!("/api/v1/proposals/{berts}/support"),
            &json!({}),
            Some(&ann.token),
        )
        .await;
    assert_eq!(supported.status, 201, "{}", supported.text);
    let page = list("?state=submitted".into(), Some(ann.token.clone())).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items[0]["author_name"], "Bert");
    assert_eq!(items[0]["supported_by_me"], true);
    assert_eq!(items[0]["support_count"], 1);
    assert_eq!(items[1]["supported_by_me"], false);
    assert!(items[0]["reviewed_cost_cents"].is_null());
    let anonymous = list("?state=submitted".into(), None).await;
    assert_eq!(anonymous["items"][0]["supported_by_me"], false);
}

/// Every page of a shuffled list follows on from the last: each proposal exactly once, the
/// same order again for the same seed, another order for another seed.
#[tokio::test]
async fn the_shuffled_order_pages_through_every_proposal_once() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let mut all = BTreeSet::new();
    for i in 0..9 {
        let author = resident_of(&app, &s.admin, &format!("Schrijver {i}"), s.north).await;
        all.insert(
            submitted_proposal(
                &app,
                &author,
                s.edition,
                s.north,
                &format!("Plan {i}"),
                100_000,
            )
            .await,
        );
    }
    let shuffled = |seed: i64| {
        let app = &app;
        async move {
            let mut order = Vec::new();
            let mut cursor = String::new();
            loop {
                let page = app
                    .get(
                        &format!(
                            "/api/v1/editions/{}/proposals?sort=random&seed={seed}&limit=4{cursor}",
                            s.edition
                        ),
                        None,
                    )
                    .await
                    .json();
                order.extend(ids_of(&page));
                match page["next_cursor"].as_str() {
                    Some(next) => cursor = format!("&cursor={next}"),
                    None => return order,
                }
            }
        }
    };
    let first = shuffled(7).await;
    assert_eq!(first.len(), all.len(), "{first:?}");
    assert_eq!(first.iter().copied().collect::<BTreeSet<_>>(), all);
    assert_eq!(shuffled(7).await, first);
    let others = [shuffled(8).await, shuffled(123_456).await];
    assert!(others.iter().any(|o| *o != first), "{first:?} {others:?}");
    let mut sorted = first.clone();
    sorted.sort();
    assert_ne!(first, sorted, "the shuffle is not by id");
    sorted.reverse();
    assert_ne!(first, sorted, "the shuffle is not by id, newest first");
    let out_of_range = app
        .get(
            &format!(
                "/api/v1/editions/{}/proposals?sort=random&seed=-1",
                s.edition
            ),
            None,
        )
        .await;
    assert_eq!(out_of_range.error_fields(), ["seed"]);
}

#[tokio::test]
async fn my_page_lists_my_proposals_supports_ballots_and_mail() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 3, &[100_000, 200_000]).await;
    let r = round(&app, &v, json!({})).await;
    let author = &v.voters[0];
    let voter = &v.voters[1];
    let me = |path: &'static str, token: String| {
        let app = &app;
        async move {
            let reply = app.get(&format!("/api/v1/me/{path}"), Some(&token)).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()
        }
    };
    let written = me("proposals", author.token.clone()).await;
    assert_eq!(
        ids_of(&written),
        v.projects.iter().rev().copied().collect::<Vec<_>>()
    );
    assert_eq!(written["items"][0]["author_name"], "Auteur");
    assert_eq!(
        ids_of(&me("proposals", voter.token.clone()).await),
        Vec::<i64>::new()
    );
    let supported = me("supports", voter.token.clone()).await;
    assert_eq!(
        ids_of(&supported),
        v.projects.iter().rev().copied().collect::<Vec<_>>()
    );
    assert!(
        supported["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["supported_by_me"] == true)
    );

    let before = me("ballots", voter.token.clone()).await;
    assert_eq!(before.as_array().unwrap().len(), 1, "{before}");
    assert_eq!(before[0]["round_id"], r);
    assert_eq!(before[0]["voted"], false);
    let cast = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&voter.token),
        )
        .await;
    assert_eq!(cast.status, 201, "{}", cast.text);
    let after = me("ballots", voter.token.clone()).await;
    assert_eq!(after[0]["voted"], true);
    assert_eq!(after[0]["ballot"]["receipt"], cast.json()["receipt"]);
    assert_eq!(after[0]["ballot"]["project_ids"], json!([v.projects[0]]));
    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "de test telt nu"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    let counted = me("ballots", voter.token.clone()).await;
    assert_eq!(counted[0]["status"], "closed");
    assert_eq!(counted[0]["ballot"]["receipt"], cast.json()["receipt"]);
    assert!(
        counted[0]["ballot"].get("project_ids").is_none(),
        "{counted}"
    );
    let outsider = app.resident("Buiten").await;
    assert_eq!(me("ballots", outsider.token.clone()).await, json!([]));

    let mail = me("notifications", voter.token.clone()).await;
    let subjects: Vec<&str> = mail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert!(!subjects.is_empty(), "{mail}");
    assert!(mail["items"][0].get("body").is_none());
    let theirs = me("notifications", outsider.token.clone()).await;
    assert!(ids_of(&theirs).iter().all(|id| !ids_of(&mail).contains(id)));
    app.get("/api/v1/me/ballots", None)
        .await
        .assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn area_workers_see_the_verification_queue_of_their_areas_only() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let worker = app
        .with_role(
            &s.admin,
            "Wijkwerker",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;
    let waiting = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "wacht@example.org", "password": "een lang wachtwoord 12", "display_name": "Wacht", "area_id": s.north}),
            None,
        )
        .await;
    assert_eq!(waiting.status, 202, "{}", waiting.text);
    let verified = resident_of(&app, &s.admin, "Klaar", s.north).await;
    let queue = |query: String, token: String| {
        let app = &app;
        async move {
            app.get(&format!("/api/v1/users{query}"), Some(&token))
                .await
        }
    };
    let pending = queue(
        format!("?area_id={}&residency=pending", s.north),
        worker.token.clone(),
    )
    .await;
    assert_eq!(pending.status, 200, "{}", pending.text);
    let names: Vec<String> = pending.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["display_name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Wacht"]);
    let done = queue(
        format!("?area_id={}&residency=verified", s.north),
        worker.token.clone(),
    )
    .await
    .json();
    assert_eq!(ids_of(&done), [verified.id]);
    queue("?residency=pending".into(), worker.token.clone())
        .await
        .assert_problem(403, "forbidden");
    queue(format!("?area_id={}", s.south), worker.token.clone())
        .await
        .assert_problem(403, "forbidden");
    queue(format!("?area_id={}", s.north), verified.token.clone())
        .await
        .assert_problem(403, "forbidden");
    let workers = queue("?role=area_worker".into(), s.admin.token.clone())
        .await
        .json();
    assert_eq!(ids_of(&workers), [worker.id]);
}

/// A mirror of the public lists learns what to drop or mark: hidden, merged and withdrawn
/// proposals, each with why, since its last sync, page by page.
#[tokio::test]
async fn a_mirror_learns_what_was_hidden_merged_or_withdrawn_since_a_time() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let ann = resident_of(&app, &s.admin, "Ann", s.north).await;
    let mut ids = Vec::new();
    for title in ["Reclame", "Ingetrokken", "Blijft"] {
        ids.push(submitted_proposal(&app, &ann, s.edition, s.north, title, 100_000).await);
    }
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let removals = |since: chrono::DateTime<chrono::Utc>, extra: &'static str| {
        let app = &app;
        async move {
            let reply = app
                .get(
                    &format!(
                        "/api/v1/removed-proposals?since={}{extra}",
                        since
                            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                            .replace('+', "%2B")
                    ),
                    None,
                )
                .await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            reply.json()
        }
    };
    assert!(
        removals(before, "").await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let hidden = app
        .post(
            &format!("/api/v1/proposals/{}/moderation", ids[0]),
            &json!({"hidden": true, "reason": "Commerciële reclame"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(hidden.status, 200, "{}", hidden.text);
    let withdrawn = app
        .post(
            &format!("/api/v1/proposals/{}/withdraw", ids[1]),
            &json!({}),
            Some(&ann.token),
        )
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    let all = removals(before, "").await;
    let reasons: Vec<(i64, String)> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (ids[0], "hidden".to_string()),
            (ids[1], "withdrawn".to_string())
        ]
    );
    let first_page = removals(before, "&limit=1").await;
    let cursor = first_page["next_cursor"].as_str().unwrap().to_string();
    let second = app
        .get(
            &format!(
                "/api/v1/removed-proposals?since={}&limit=1&cursor={cursor}",
                before
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                    .replace('+', "%2B")
            ),
            None,
        )
        .await
        .json();
    assert_eq!(ids_of(&second), [ids[1]]);
    let later = chrono::Utc::now() + chrono::Duration::seconds(1);
    assert!(
        removals(later, "").await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let public = app
        .get(&format!("/api/v1/editions/{}/proposals", s.edition), None)
        .await
        .json();
    assert!(
        !ids_of(&public).contains(&ids[0]),
        "the hidden proposal left the public list"
    );
    app.get("/api/v1/removed-proposals", None)
        .await
        .assert_problem(422, "validation_failed");
}

/// The voting booth needs no request per project, and a round form knows the valid rules
/// before it sends one.
#[tokio::test]
async fn a_ballot_shows_what_voters_read_and_the_rules_of_each_type_are_readable() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let r = round(&app, &v, json!({})).await;
    let ballot = app.get(&format!("/api/v1/rounds/{r}"), None).await.json();
    let first = &ballot["projects"][0];
    assert_eq!(first["title"], "Project 0");
    assert_eq!(first["summary"], "Samenvatting van Project 0");
    assert_eq!(first["area_id"], v.north);
    assert_eq!(first["category"], "groen");

    let types = app.get("/api/v1/ballot-types", None).await.json();
    let rules_of = |ballot_type: &str| -> Vec<String> {
        types
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["ballot_type"] == ballot_type)
            .unwrap()["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect()
    };
    assert!(rules_of("approval").contains(&"phragmen".to_string()));
    assert!(!rules_of("cumulative").contains(&"phragmen".to_string()));
    assert!(rules_of("cumulative").contains(&"equalshares".to_string()));
    let refused = app
        .post(
            &format!("/api/v1/editions/{}/rounds", v.edition),
            &json!({"area_id": v.south, "ballot_type": "cumulative", "points": 10, "rule": "phragmen",
                    "opens_at": "2999-01-01T00:00:00Z", "closes_at": "2999-02-01T00:00:00Z"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(refused.error_fields(), ["rule"]);
    assert!(refused.text.contains("ballot-types"), "{}", refused.text);
}

/// A reviewer's queue holds what their department still has to review, longest waiting first;
/// another department's queue is not theirs to read.
#[tokio::test]
async fn reviewers_see_what_their_department_still_has_to_review() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Ann", s.north).await;
    let mut ids = Vec::new();
    for title in ["Eerste", "Tweede", "Derde"] {
        ids.push(submitted_proposal(&app, &author, s.edition, s.north, title, 100_000).await);
    }
    move_to(&app, &s.admin, s.edition, "support").await;
    for fan in ["Fan", "Tweede Fan"] {
        let fan = resident_of(&app, &s.admin, fan, s.north).await;
        for id in &ids {
            app.post(
                &format!("/api/v1/proposals/{id}/support"),
                &json!({}),
                Some(&fan.token),
            )
            .await;
        }
    }
    move_to(&app, &s.admin, s.edition, "review").await;
    for (id, department) in ids.iter().zip(["stad", "stad", "wegen"]) {
        let assigned = app
            .post(
                &format!("/api/v1/proposals/{id}/assignment"),
                &json!({"department": department}),
                Some(&s.admin.token),
            )
            .await;
        assert_eq!(assigned.status, 204, "{}", assigned.text);
    }
    let reviewer = app
        .with_role(&s.admin, "Rita", "reviewer", json!({"department": "stad"}))
        .await;
    let queue = |query: &'static str, token: String| {
        let app = &app;
        async move {
            app.get(&format!("/api/v1/review-queue{query}"), Some(&token))
                .await
        }
    };
    let waiting = queue("", reviewer.token.clone()).await;
    assert_eq!(waiting.status, 200, "{}", waiting.text);
    let listed: Vec<i64> = waiting.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["proposal"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [ids[0], ids[1]]);
    assert_eq!(waiting.json()["items"][0]["department"], "stad");
    let reviewed = app
        .post(
            &format!("/api/v1/proposals/{}/reviews", ids[0]),
            &json!({"verdict": "feasible", "public_explanation": "Kan.", "reviewed_cost_cents": 90_000}),
            Some(&reviewer.token),
        )
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.text);
    let left: Vec<i64> = queue("?department=stad", reviewer.token.clone())
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["proposal"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(left, [ids[1]]);
    queue("?department=wegen", reviewer.token.clone())
        .await
        .assert_problem(403, "forbidden");
    let everything = queue("", s.admin.token.clone()).await.json();
    assert_eq!(everything["items"].as_array().unwrap().len(), 2);
    queue("", author.token.clone())
        .await
        .assert_problem(403, "forbidden");
}

//! Defects found driving a whole city, and the way back from a staff member's mistake: each
//! correction leaves the original and the correction on the record.

use chrono::{Duration, Utc};
use serde_json::json;

use crate::editions::move_to;
use crate::helpers::{Account, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::voting::{ballot_path, reviewed_edition, round, voting_edition};

#[tokio::test]
async fn a_project_on_an_open_ballot_is_taken_off_with_a_reason_before_it_is_hidden() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 3, &[300_000, 400_000, 500_000]).await;
    let p = v.projects.clone();
    let r = round(&app, &v, json!({})).await;
    let admin = Some(v.admin.token.as_str());
    for (voter, choice) in v
        .voters
        .iter()
        .zip([vec![p[0], p[1]], vec![p[0]], vec![p[2]]])
    {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": choice}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    let hide = |reason: &'static str| {
        let path = format!("/api/v1/proposals/{}/moderation", p[0]);
        let app = &app;
        async move {
            app.post(&path, &json!({"hidden": true, "reason": reason}), admin)
                .await
        }
    };
    let refused = hide("Reclame").await;
    refused.assert_problem(409, "on_open_ballot");
    assert!(
        refused.text.contains(&format!("/rounds/{r}/withdrawals")),
        "{}",
        refused.text
    );

    let withdrawals = format!("/api/v1/rounds/{r}/withdrawals");
    app.post(
        &withdrawals,
        &json!({"proposal_id": p[0], "reason": " "}),
        admin,
    )
    .await
    .assert_problem(422, "validation_failed");
    app.post(
        &withdrawals,
        &json!({"proposal_id": p[0], "reason": "Reclame"}),
        Some(&v.voters[0].token),
    )
    .await
    .assert_problem(403, "forbidden");
    let withdrawn = app
        .post(
            &withdrawals,
            &json!({"proposal_id": p[0], "reason": "Commerciële reclame"}),
            admin,
        )
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    let again = app
        .post(
            &withdrawals,
            &json!({"proposal_id": p[0], "reason": "Nogmaals"}),
            admin,
        )
        .await;
    again.assert_problem(422, "validation_failed");
    assert_eq!(again.error_fields(), vec!["proposal_id"]);

    let shown = app.get(&format!("/api/v1/rounds/{r}"), None).await.json();
    let on_ballot: Vec<i64> = shown["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["proposal_id"].as_i64().unwrap())
        .collect();
    assert_eq!(on_ballot, vec![p[1], p[2]]);
    assert_eq!(shown["withdrawn"][0]["proposal_id"], p[0]);
    assert_eq!(shown["withdrawn"][0]["reason"], "Commerciële reclame");
    let late = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [p[0]]}),
            Some(&v.voters[2].token),
        )
        .await;
    late.assert_problem(422, "validation_failed");
    let hidden = hide("Commerciële reclame").await;
    assert_eq!(hidden.status, 200, "{}", hidden.text);
    let proposal = app
        .get(&format!("/api/v1/proposals/{}", p[0]), admin)
        .await
        .json();
    assert_eq!(proposal["state"], "withdrawn", "{proposal}");
    let mail = app.wait_for_mail(&v.voters[0].email, "stembiljet").await;
    assert!(mail.body.contains("Commerciële reclame"), "{}", mail.body);

    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            admin,
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(
        results["ballots"], 3,
        "every ballot still counts: {results}"
    );
    let votes: Vec<(i64, i64)> = results["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["proposal_id"].as_i64().unwrap(),
                p["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(votes, vec![(p[1], 1), (p[2], 1)], "{results}");
    let export = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await
        .text;
    let chosen: Vec<String> = export
        .split("VOTES")
        .nth(1)
        .unwrap()
        .lines()
        .skip(2)
        .filter_map(|row| row.split(';').nth(1))
        .flat_map(|vote| vote.split(','))
        .map(str::to_string)
        .collect();
    assert!(!chosen.is_empty(), "{export}");
    assert!(
        !chosen.contains(&p[0].to_string()),
        "the withdrawn project is left out of the votes: {chosen:?}"
    );
}

#[tokio::test]
async fn reports_count_once_per_resident_reach_the_moderators_and_can_hide_pending_review() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let admin = Some(s.admin.token.as_str());
    let threshold = app
        .patch(
            &format!("/api/v1/editions/{}", s.edition),
            &json!({"report_threshold": 2}),
            admin,
        )
        .await;
    assert_eq!(
        threshold.json()["report_threshold"],
        2,
        "{}",
        threshold.text
    );
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Zitbanken", 300_000).await;
    let first = app.resident("Eerste melder").await;
    let second = app.resident("Tweede melder").await;
    let report_path = format!("/api/v1/proposals/{id}/reports");
    let report = |who: &Account, reason: &'static str| {
        let (app, path, token) = (&app, report_path.clone(), who.token.clone());
        async move {
            app.post(&path, &json!({"reason": reason}), Some(&token))
                .await
        }
    };

    let at_once = futures::future::join_all((0..20).map(|_| report(&first, "Reclame"))).await;
    let statuses: Vec<u16> = at_once.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 202).count(),
        1,
        "{statuses:?}"
    );
    for refused in at_once.iter().filter(|r| r.status != 202) {
        refused.assert_problem(409, "already_exists");
    }

    let queue = |who: &Account, status: &'static str| {
        let (app, token) = (&app, who.token.clone());
        async move {
            app.get(
                &format!("/api/v1/moderation/reports?status={status}"),
                Some(&token),
            )
            .await
        }
    };
    let open = queue(&s.admin, "open").await.json();
    assert_eq!(open["items"][0]["proposal_id"], id, "{open}");
    assert_eq!(open["items"][0]["open_reports"], 1);
    assert_eq!(open["items"][0]["reports"][0]["reason"], "Reclame");
    assert!(
        !open.to_string().contains(&first.email),
        "reporters stay unnamed"
    );
    let south_worker = app
        .with_role(&s.admin, "Zuid", "area_worker", json!({"area_id": s.south}))
        .await;
    let north_worker = app
        .with_role(
            &s.admin,
            "Noord",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;
    assert_eq!(
        queue(&south_worker, "open").await.json()["items"],
        json!([])
    );
    assert_eq!(
        queue(&north_worker, "open").await.json()["items"][0]["proposal_id"],
        id
    );
    queue(&first, "open").await.assert_problem(403, "forbidden");
    app.get("/api/v1/moderation/reports?status=all", admin)
        .await
        .assert_problem(422, "validation_failed");

    assert_eq!(
        report(&second, "Dubbel met een ander voorstel")
            .await
            .status,
        202
    );
    app.get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .assert_problem(404, "not_found");
    let mail = app.wait_for_mail(&author.email, "verborgen").await;
    assert!(
        mail.body
            .contains("2 meldingen: verborgen tot een moderator beslist"),
        "{}",
        mail.body
    );

    let shown = app
        .post(
            &format!("/api/v1/proposals/{id}/moderation"),
            &json!({"hidden": false, "reason": "Geen reclame: een buurtvereniging"}),
            Some(&north_worker.token),
        )
        .await;
    assert_eq!(shown.status, 200, "{}", shown.text);
    assert_eq!(queue(&s.admin, "open").await.json()["items"], json!([]));
    let handled = queue(&s.admin, "handled").await.json();
    assert_eq!(handled["items"][0]["open_reports"], 0, "{handled}");
    assert!(handled["items"][0]["reports"][1]["handled_at"].is_string());
    assert_eq!(
        app.get(&format!("/api/v1/proposals/{id}"), None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn empty_ballots_and_projects_without_enough_votes_are_not_counted_as_choices() {
    let app = spawn_app().await;
    let v = reviewed_edition(&app, 3, &[100_000, 100_000, 100_000]).await;
    let admin = Some(v.admin.token.as_str());
    let edition = format!("/api/v1/editions/{}", v.edition);
    app.patch(&edition, &json!({"min_votes": 0}), admin)
        .await
        .assert_problem(422, "validation_failed");
    let set = app.patch(&edition, &json!({"min_votes": 2}), admin).await;
    assert_eq!(set.json()["min_votes"], 2, "{}", set.text);
    move_to(&app, &v.admin, v.edition, "voting").await;
    app.patch(&edition, &json!({"min_votes": 1}), admin)
        .await
        .assert_problem(409, "rules_frozen");
    let r = round(&app, &v, json!({})).await;
    let p = v.projects.clone();
    let empty = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": []}),
            Some(&v.voters[0].token),
        )
        .await;
    empty.assert_problem(422, "validation_failed");
    assert!(empty.text.contains("abstention"), "{}", empty.text);
    for (voter, choice) in v
        .voters
        .iter()
        .zip([vec![p[0], p[1]], vec![p[0]], vec![p[1], p[2]]])
    {
        let cast = app
            .put(
                &ballot_path(r),
                &json!({"project_ids": choice}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    app.post(
        &format!("/api/v1/rounds/{r}/close"),
        &json!({"reason": "De test telt meteen"}),
        admin,
    )
    .await;
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(results["min_votes"], 2, "{results}");
    assert_eq!(
        results["selected"],
        json!([p[0], p[1]]),
        "one vote is not enough: {results}"
    );
    let third = &results["projects"][2];
    assert_eq!(
        (third["votes"].as_i64(), third["below_min_votes"].as_bool()),
        (Some(1), Some(true))
    );
    let export = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await
        .text;
    assert!(export.contains("min_votes;2"), "{export}");
}

#[tokio::test]
async fn a_round_that_allows_abstention_counts_an_empty_ballot_and_funds_nothing_unvoted() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let r = round(&app, &v, json!({"allows_abstention": true})).await;
    let shown = app.get(&format!("/api/v1/rounds/{r}"), None).await.json();
    assert_eq!(shown["allows_abstention"], true);
    let empty = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": []}),
            Some(&v.voters[0].token),
        )
        .await;
    assert_eq!(empty.status, 201, "{}", empty.text);
    app.post(
        &format!("/api/v1/rounds/{r}/close"),
        &json!({"reason": "De test telt meteen"}),
        Some(&v.admin.token),
    )
    .await;
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(results["ballots"], 1, "{results}");
    assert_eq!(
        results["selected"],
        json!([]),
        "no project without a vote: {results}"
    );
    assert_eq!(results["spent_cents"], 0);
}

#[tokio::test]
async fn a_second_review_keeps_the_first_in_the_proposals_record() {
    let app = spawn_app().await;
    let v = reviewed_edition(&app, 2, &[300_000]).await;
    let id = v.projects[0];
    let admin = Some(v.admin.token.as_str());
    let second = app
        .post(
            &format!("/api/v1/proposals/{id}/reviews"),
            &json!({"verdict": "infeasible", "public_explanation": "De grond is van de provincie.", "internal_notes": "Navraag bij dienst patrimonium"}),
            admin,
        )
        .await;
    assert_eq!(second.status, 200, "{}", second.text);
    let public = app
        .get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .json();
    assert_eq!(public["review"]["verdict"], "infeasible", "{public}");
    assert_eq!(
        public["earlier_reviews"].as_array().unwrap().len(),
        1,
        "{public}"
    );
    let first = &public["earlier_reviews"][0];
    assert_eq!(first["verdict"], "feasible");
    assert_eq!(first["public_explanation"], "Kan.");
    assert_eq!(first["reviewed_cost_cents"], 300_000);
    assert_eq!(first["reviewer_name"], "Nadia");
    assert!(
        public["review"].get("internal_notes").is_none(),
        "notes stay internal"
    );
    let staff = app
        .get(&format!("/api/v1/proposals/{id}"), admin)
        .await
        .json();
    assert_eq!(
        staff["review"]["internal_notes"],
        "Navraag bij dienst patrimonium"
    );
}

#[tokio::test]
async fn a_round_is_moved_before_its_first_ballot_and_closed_early_only_with_a_reason() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let admin = Some(v.admin.token.as_str());
    let r = round(&app, &v, json!({})).await;
    let reschedule = format!("/api/v1/rounds/{r}/reschedule");
    let later = |hours: i64| (Utc::now() + Duration::hours(hours)).to_rfc3339();
    let past = json!({"opens_at": (Utc::now() - Duration::hours(1)).to_rfc3339(), "closes_at": later(2), "reason": "Verkeerde datum"});
    let refused = app.post(&reschedule, &past, admin).await;
    assert_eq!(refused.error_fields(), vec!["opens_at"], "{}", refused.text);
    let no_reason = json!({"opens_at": later(24), "closes_at": later(48), "reason": " "});
    assert_eq!(
        app.post(&reschedule, &no_reason, admin)
            .await
            .error_fields(),
        vec!["reason"]
    );

    let moved = app
        .post(&reschedule, &json!({"opens_at": later(24), "closes_at": later(48), "reason": "De brief kwam te laat"}), admin)
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.json()["status"], "scheduled");
    let state = app
        .get(&format!("/api/v1/proposals/{}", v.projects[0]), None)
        .await
        .json()["state"]
        .clone();
    assert_eq!(state, "feasible");
    let told = app.wait_for_mail(&v.voters[1].email, "is stopgezet").await;
    assert!(
        told.body.contains("De brief kwam te laat") && told.body.contains("opent opnieuw"),
        "{}",
        told.body
    );

    let reopened = app
        .post(&format!("/api/v1/rounds/{r}/open"), &json!({}), admin)
        .await;
    assert_eq!(reopened.json()["status"], "open", "{}", reopened.text);
    let cast = app
        .put(
            &ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&v.voters[0].token),
        )
        .await;
    assert_eq!(cast.status, 201, "{}", cast.text);
    app.post(
        &format!("/api/v1/rounds/{r}/cancel"),
        &json!({"reason": "Toch niet"}),
        admin,
    )
    .await
    .assert_problem(409, "conflict");
    app.post(
        &reschedule,
        &json!({"opens_at": later(24), "closes_at": later(48), "reason": "Toch later"}),
        admin,
    )
    .await
    .assert_problem(409, "conflict");
    let close = format!("/api/v1/rounds/{r}/close");
    let early = app.post(&close, &json!({}), admin).await;
    early.assert_problem(422, "validation_failed");
    assert_eq!(early.error_fields(), vec!["reason"]);
    let closed = app
        .post(&close, &json!({"reason": "Storing bij de stembrieven; de raad beslist over een nieuwe stemming"}), admin)
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    assert!(
        closed.json()["status_reason"]
            .as_str()
            .unwrap()
            .starts_with("Storing")
    );
    let audit = app.get("/api/v1/audit?limit=100", admin).await.text;
    assert!(
        audit.contains("round_rescheduled") && audit.contains("De brief kwam te laat"),
        "{audit}"
    );
}

#[tokio::test]
async fn a_cancelled_round_keeps_its_record_and_frees_its_envelope() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let admin = Some(v.admin.token.as_str());
    let r = round(&app, &v, json!({})).await;
    let cancelled = app
        .post(
            &format!("/api/v1/rounds/{r}/cancel"),
            &json!({"reason": "Verkeerde stemvorm gekozen"}),
            admin,
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(
        cancelled.json()["status_reason"],
        "Verkeerde stemvorm gekozen"
    );
    app.put(
        &ballot_path(r),
        &json!({"project_ids": [v.projects[0]]}),
        Some(&v.voters[0].token),
    )
    .await
    .assert_problem(409, "round_closed");
    let again = app
        .post(
            &format!("/api/v1/rounds/{r}/cancel"),
            &json!({"reason": "Nogmaals"}),
            admin,
        )
        .await;
    again.assert_problem(409, "conflict");
    let told = app.wait_for_mail(&v.voters[1].email, "is stopgezet").await;
    assert!(told.body.contains("niet opnieuw gepland"), "{}", told.body);
    let second = round(&app, &v, json!({"ballot_type": "knapsack"})).await;
    let rounds = app
        .get(&format!("/api/v1/editions/{}/rounds", v.edition), None)
        .await
        .json();
    let statuses: Vec<(i64, String)> = rounds
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![(r, "cancelled".into()), (second, "open".into())]
    );
}

#[tokio::test]
async fn departments_are_a_managed_list_and_a_case_never_makes_a_second_one() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let admin = Some(s.admin.token.as_str());
    app.post(
        "/api/v1/departments",
        &json!({"code": " STAD ", "name": "Stad"}),
        admin,
    )
    .await
    .assert_problem(409, "already_exists");
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Bomen", 300_000).await;
    let supporter = resident_of(&app, &s.admin, "Buur", s.north).await;
    move_to(&app, &s.admin, s.edition, "support").await;
    for who in [&author, &supporter] {
        app.post(
            &format!("/api/v1/proposals/{id}/support"),
            &json!({}),
            Some(&who.token),
        )
        .await;
    }
    move_to(&app, &s.admin, s.edition, "review").await;
    let assign = format!("/api/v1/proposals/{id}/assignment");
    let unknown = app
        .post(&assign, &json!({"department": "Groen"}), admin)
        .await;
    unknown.assert_problem(422, "validation_failed");
    assert!(
        unknown.text.contains("groendienst"),
        "names the departments there are: {}",
        unknown.text
    );
    let assigned = app
        .post(&assign, &json!({"department": " GROENDIENST"}), admin)
        .await;
    assert!(assigned.status < 300, "{}", assigned.text);
    let reviewer = app
        .with_role(
            &s.admin,
            "Rik",
            "reviewer",
            json!({"department": "Groendienst"}),
        )
        .await;
    let reviewed = app
        .post(&format!("/api/v1/proposals/{id}/reviews"), &json!({"verdict": "feasible", "public_explanation": "Kan.", "reviewed_cost_cents": 300_000}), Some(&reviewer.token))
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.text);
    let proposal = app
        .get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .json();
    assert_eq!(proposal["review"]["department"], "groendienst");
    let listed = app.get("/api/v1/departments", None).await.json();
    let codes: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["groendienst", "stad", "wegen"]);
}

//! Defects found driving a whole city, and the way back from a staff member's mistake: each
//! correction leaves the original and the correction on the record.

use serde_json::json;

use crate::helpers::spawn_app;
use crate::voting::{ballot_path, round, voting_edition};

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
        .post(&format!("/api/v1/rounds/{r}/close"), &json!({}), admin)
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

//! Our extension rules chosen for a round like pabulib's: counted at close, explained in the
//! reader's language, compared with the others, and reproducible from the round's own export.

use serde_json::{Value, json};
use wijkbudget::tally::{self, Options, Rule, pabulib};

use crate::helpers::spawn_app;
use crate::voting::{round, vote_and_close, voting_edition};

const EXACT_EQUAL_SHARES: &str = "wijkbudget:exact-equal-shares/add-opt";

fn ids(value: &Value) -> Vec<i64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_round_counted_by_exact_equal_shares_is_explained_and_reproducible() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 4, &[600_000, 400_000, 500_000]).await;
    let p = v.projects.clone();
    let r = round(&app, &v, json!({"rule": EXACT_EQUAL_SHARES})).await;
    let ballots = [vec![p[0], p[1]], vec![p[0]], vec![p[1], p[2]], vec![p[2]]];
    vote_and_close(&app, &v, r, &ballots).await;

    let results = app.get(&format!("/api/v1/rounds/{r}/results"), None).await;
    assert_eq!(results.status, 200, "{}", results.text);
    let results = results.json();
    assert_eq!(results["rule"], EXACT_EQUAL_SHARES);
    let ending = results["explanation"].as_str().unwrap();
    assert!(
        ending.starts_with("Exact Equal Shares raised the budget per voter to"),
        "{ending}"
    );
    for project in results["projects"].as_array().unwrap() {
        let sentence = project["explanation"].as_str().unwrap();
        let expected = if project["selected"] == true {
            "Funded in round "
        } else {
            "Not funded"
        };
        assert!(sentence.starts_with(expected), "{sentence}");
    }

    // Anyone can recount the published file with the engine and find the same projects.
    let export = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await;
    assert_eq!(export.status, 200);
    let document = pabulib::PbDocument::parse(&export.text).unwrap();
    assert_eq!(document.meta_value("rule"), Some(EXACT_EQUAL_SHARES));
    let election = document.election().unwrap();
    let recounted = tally::compute(&election, Rule::ExactEqualSharesAddOpt, &Options::default())
        .unwrap()
        .selected
        .iter()
        .map(|&index| election.projects[index].id.parse::<i64>().unwrap())
        .collect::<Vec<i64>>();
    assert_eq!(recounted, ids(&results["selected"]));

    let compared = app
        .get(
            &format!("/api/v1/rounds/{r}/results/compare"),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(compared.status, 200, "{}", compared.text);
    let compared = compared.json();
    assert_eq!(compared[0]["rule"], EXACT_EQUAL_SHARES);
    assert_eq!(compared[0]["selected"], results["selected"]);
}

#[tokio::test]
async fn exact_equal_shares_is_offered_only_for_ballots_that_name_projects() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 200_000]).await;
    let types = app.get("/api/v1/ballot-types", None).await.json();
    for ballot_type in types.as_array().unwrap() {
        let offered = ballot_type["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|rule| rule == EXACT_EQUAL_SHARES);
        let names_projects =
            ["approval", "knapsack"].contains(&ballot_type["ballot_type"].as_str().unwrap());
        assert_eq!(offered, names_projects, "{ballot_type}");
    }
    let refused = app
        .post(
            &format!("/api/v1/editions/{}/rounds", v.edition),
            &json!({"area_id": v.south, "ballot_type": "cumulative", "points": 10,
                    "rule": EXACT_EQUAL_SHARES,
                    "opens_at": "2999-01-01T00:00:00Z", "closes_at": "2999-02-01T00:00:00Z"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(refused.error_fields(), ["rule"]);
}

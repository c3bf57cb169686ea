//! Open data: the catalogue lists every export, each link answers with what it says it is, and
//! the tables hold what is public and nothing else.

use serde_json::{Value, json};

use crate::council_finance::{approve, books, decided_round};
use crate::editions::{create_edition, move_to};
use crate::helpers::spawn_app;
use crate::proposals::proposal_body;

#[tokio::test]
async fn the_catalogue_lists_every_export_and_each_link_answers() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    let decided = app
        .post(
            &format!("/api/v1/rounds/{r}/decision"),
            &approve(),
            Some(&council.token),
        )
        .await;
    assert_eq!(decided.status, 201, "{}", decided.text);
    let b = books(&app, &v, 2_000_000).await;
    let next_edition = create_edition(&app, &v.admin, &[v.north]).await;
    move_to(&app, &v.admin, next_edition, "ideas").await;
    let draft = app
        .post(
            &format!("/api/v1/editions/{next_edition}/proposals"),
            &proposal_body(v.north, "Geheim ontwerp", 100_000),
            Some(&v.voters[1].token),
        )
        .await;
    assert_eq!(draft.status, 201, "{}", draft.text);
    let draft = draft.json()["id"].as_i64().unwrap();

    let catalogue = app.get("/api/v1/open-data", None).await;
    assert_eq!(catalogue.status, 200, "{}", catalogue.text);
    assert!(catalogue.content_type().starts_with("application/ld+json"));
    assert!(
        catalogue.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("public")
    );
    let catalogue = catalogue.json();
    assert_eq!(catalogue["@type"], "dcat:Catalog");
    let datasets = catalogue["dcat:dataset"].as_array().unwrap();
    let names: Vec<&str> = datasets
        .iter()
        .map(|d| d["dct:identifier"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "editions",
            "envelopes",
            "proposals",
            "results",
            "decisions",
            "spending"
        ]
    );

    let mut answered = 0;
    for dataset in datasets {
        for distribution in dataset["dcat:distribution"].as_array().unwrap() {
            let url = distribution["dcat:downloadURL"].as_str().unwrap();
            let path = url.strip_prefix("http://wijkbudget.test").expect(url);
            let reply = app.get(path, None).await;
            assert_eq!(reply.status, 200, "{url}: {}", reply.text);
            let media_type = distribution["dcat:mediaType"].as_str().unwrap();
            assert!(
                reply.content_type().starts_with(media_type),
                "{url}: {}",
                reply.content_type()
            );
            assert!(!reply.text.is_empty(), "{url}");
            answered += 1;
        }
    }
    assert_eq!(
        answered,
        6 * 2 + 1,
        "CSV and JSON of each, and the round's .pb file"
    );

    let results = app.get("/api/v1/open-data/results", None).await.json();
    let rows = results.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{results}");
    let funded: Vec<&Value> = rows.iter().filter(|row| row["selected"] == true).collect();
    assert_eq!(funded.len(), 1, "{results}");
    assert_eq!(funded[0]["proposal_id"], v.projects[0]);
    assert_eq!(funded[0]["votes"], 2);
    assert_eq!(funded[0]["round_id"], r);

    let proposals = app
        .get("/api/v1/open-data/proposals?format=csv", None)
        .await;
    assert!(
        proposals
            .text
            .starts_with("proposal_id,edition_id,area_id,title"),
        "{}",
        proposals.text
    );
    assert!(proposals.text.contains("Project 0"), "{}", proposals.text);
    assert!(
        !proposals.text.contains("Geheim ontwerp"),
        "a draft is not public"
    );
    let drafted = app.get("/api/v1/open-data/proposals", None).await.json();
    assert!(
        drafted
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["proposal_id"] != draft)
    );

    let decisions = app.get("/api/v1/open-data/decisions", None).await.json();
    assert_eq!(decisions[0]["round_id"], r, "{decisions}");
    assert_eq!(
        decisions[0]["approved_proposal_ids"],
        v.projects[0].to_string()
    );
    let spending = app.get("/api/v1/open-data/spending", None).await.json();
    let line = spending
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["budget_line_id"] == b.line)
        .unwrap();
    assert_eq!(line["planned_cents"], 2_000_000);
    let envelopes = app
        .get("/api/v1/open-data/envelopes?format=csv", None)
        .await;
    assert!(envelopes.text.contains("NOORD"), "{}", envelopes.text);
}

#[tokio::test]
async fn open_data_is_revalidated_with_its_tag_and_an_unknown_table_is_not_found() {
    let app = spawn_app().await;
    let first = app.get("/api/v1/open-data/editions?format=csv", None).await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(
        first.text.lines().next().unwrap().split(',').next(),
        Some("edition_id")
    );
    let tag = first.headers["etag"].to_str().unwrap().to_string();
    let again = app
        .send(
            app.client
                .get(app.url("/api/v1/open-data/editions?format=csv"))
                .header("if-none-match", &tag),
        )
        .await;
    assert_eq!(again.status, 304);
    assert_eq!(app.get("/api/v1/open-data/ballots", None).await.status, 404);
    app.get("/api/v1/open-data/editions?format=xml", None)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(
        json!(app.get("/api/v1/open-data/editions", None).await.json()),
        json!([])
    );
}

//! The console's reference data, end to end over HTTP with the effect checked through the API:
//! an administrator keeps the areas (outline previewed on the map, a CSV checked row by row
//! before anything is written), finance keeps the multi-year plan and its budget lines and
//! corrects a wrong entry with a reversal; every list sorts.

use serde_json::{Value, json};

use crate::council_finance::{approve, books, decided_round};
use crate::helpers::{TestApp, spawn_app};
use crate::site::{assert_page, header, signed_in};

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[3.70,51.00],[3.72,51.00],[3.72,51.02],[3.70,51.02],[3.70,51.00]]]}"#;

async fn area_codes(app: &TestApp) -> Vec<(String, serde_json::Value)> {
    app.get("/api/v1/areas?limit=100", None).await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["code"].as_str().unwrap().to_string(), a.clone()))
        .collect()
}

fn see_other(reply: &crate::helpers::Reply) -> String {
    assert_eq!(reply.status, 303, "{}", reply.text);
    header(reply, "location")
}

#[tokio::test]
async fn an_administrator_keeps_the_areas_with_a_map_preview_and_a_checked_import() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let mut browser = signed_in(&app, &admin.email).await;
    assert_page(&browser.open("/console/areas").await, 200, "nl");
    let area = |intent: &'static str, geometry: &'static str| {
        [
            ("intent", intent),
            ("code", "NOORD"),
            ("name", "Noord"),
            ("parent", ""),
            ("population", "12.000"),
            ("deprivation_index", "0,4"),
            ("geometry", geometry),
        ]
    };
    let previewed = browser
        .submit("/console/areas", &area("preview", SQUARE))
        .await;
    assert_page(&previewed, 200, "nl");
    assert!(
        previewed.text.contains("<svg") && previewed.text.contains("aria-label=\"Noord\""),
        "the outline is drawn on the map: {}",
        previewed.text
    );
    assert!(area_codes(&app).await.is_empty(), "a preview saves nothing");
    let broken = browser
        .submit("/console/areas", &area("preview", "{"))
        .await;
    assert_page(&broken, 422, "nl");
    assert!(
        broken.text.contains("<a href=\"#geometry\">"),
        "{}",
        broken.text
    );
    let saved = browser
        .submit("/console/areas", &area("save", SQUARE))
        .await;
    assert_eq!(see_other(&saved), "/console/areas?saved=NOORD");
    let noord = area_codes(&app).await.remove(0).1;
    assert_eq!(noord["population"], 12_000);
    assert!(noord["geometry"].is_object(), "{noord}");

    let header_row = "code,name,population,deprivation_index,parent_code\n";
    let wrong = browser
        .upload(
            "/console/areas/file",
            "file",
            "gebieden.csv",
            &format!("{header_row}NOORD-A,Noord A,5000,0.5,NOORD\nZUID,Zuid,veel,0.2,\n"),
        )
        .await;
    assert_page(&wrong, 422, "nl");
    assert!(wrong.text.contains("<a href=\"#file\">"), "{}", wrong.text);
    assert!(wrong.text.contains("population"), "the column is named");
    assert_eq!(
        area_codes(&app).await.len(),
        1,
        "a wrong file writes nothing"
    );
    let file = format!("{header_row}NOORD-A,Noord A,5000,0.5,NOORD\nZUID,Zuid,30000,0.2,\n");
    let checked = browser
        .upload("/console/areas/file", "file", "gebieden.csv", &file)
        .await;
    assert_page(&checked, 200, "nl");
    assert!(checked.text.contains("NOORD-A") && checked.text.contains("ZUID"));
    assert_eq!(
        area_codes(&app).await.len(),
        1,
        "a checked file is not saved yet"
    );
    let imported = browser
        .submit("/console/areas/import", &[("csv", file.as_str())])
        .await;
    assert_eq!(see_other(&imported), "/console/areas?created=2&updated=0");
    let codes = area_codes(&app).await;
    let noord_a = &codes.iter().find(|(c, _)| c == "NOORD-A").unwrap().1;
    assert_eq!(noord_a["parent_id"], noord["id"], "{noord_a}");

    let by_population = browser
        .open("/console/areas?sort=population&order=desc")
        .await;
    assert_page(&by_population, 200, "nl");
    let at = |name: &str| by_population.text.find(&format!(">{name}</a>")).unwrap();
    assert!(at("Zuid") < at("Noord") && at("Noord") < at("Noord A"));
    assert!(by_population.text.contains("aria-sort=\"descending\""));

    let check_only = app
        .send(
            app.client
                .post(app.url("/api/v1/areas/import?check_only=true"))
                .bearer_auth(&admin.token)
                .header("content-type", "text/csv")
                .body(format!(
                    "{header_row}OOST,Oost,800,0.1,\nZUID,Zuid,31000,0.2,\n"
                )),
        )
        .await;
    assert_eq!(check_only.status, 200, "{}", check_only.text);
    assert_eq!(
        check_only.json(),
        json!({"created": 1, "updated": 1, "checked_only": true})
    );
    let after = area_codes(&app).await;
    assert_eq!(after.len(), 3, "a check writes nothing");
    let zuid = &after.iter().find(|(c, _)| c == "ZUID").unwrap().1;
    assert_eq!(zuid["population"], 30_000);
}

#[tokio::test]
async fn finance_keeps_the_plan_and_its_budget_lines_and_reverses_a_wrong_entry() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    let approved = app
        .post(
            &format!("/api/v1/rounds/{r}/decision"),
            &approve(),
            Some(&council.token),
        )
        .await;
    assert_eq!(approved.status, 201, "{}", approved.text);
    let b = books(&app, &v, 10_000_000).await;
    let t = Some(b.finance.token.as_str());
    let mut browser = signed_in(&app, &b.finance.email).await;

    let plan_form = [
        ("kind", "amjp"),
        ("name", "AMJP 2027"),
        ("first_year", "2027"),
        ("last_year", "2025"),
        ("council_decision_date", ""),
    ];
    let backwards = browser.submit("/console/finance/plans", &plan_form).await;
    assert_page(&backwards, 422, "nl");
    assert!(backwards.text.contains("<a href=\"#last_year\">"));
    let mut plan_form = plan_form;
    plan_form[3].1 = "2031";
    let created = browser.submit("/console/finance/plans", &plan_form).await;
    assert!(see_other(&created).starts_with("/console/finance/plans?added="));
    let plans = app.get("/api/v1/plans", t).await.json();
    let plan = plans
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "AMJP 2027")
        .unwrap_or_else(|| panic!("{plans}"))
        .clone();
    let plan_id = plan["id"].as_i64().unwrap();
    let objective = browser
        .submit(
            "/console/finance/plans/items",
            &[
                ("under", &format!("objective:{plan_id}")),
                ("code", "BD9"),
                ("title", "Groen in elke straat"),
            ],
        )
        .await;
    assert!(see_other(&objective).ends_with("added=BD9"));
    let again = browser
        .submit(
            "/console/finance/plans/items",
            &[
                ("under", &format!("objective:{plan_id}")),
                ("code", "BD9"),
                ("title", "Nogmaals"),
            ],
        )
        .await;
    assert_page(&again, 409, "nl");
    let shown = browser.open("/console/finance/plans").await;
    assert_page(&shown, 200, "nl");
    assert!(shown.text.contains("Groen in elke straat"));

    let lines_before = app
        .get("/api/v1/budget-lines", t)
        .await
        .json()
        .as_array()
        .unwrap()
        .len();
    let line = app.get("/api/v1/budget-lines", t).await.json()[0].clone();
    let row = |year: i32, planned: &str| {
        format!(
            "{},{year},{},{},{},{planned}\n",
            line["plan_version_id"],
            line["action_id"],
            line["policy_field_code"].as_str().unwrap(),
            line["ledger_account_code"].as_str().unwrap()
        )
    };
    let header_row = "plan_version_id,fiscal_year,action_id,policy_field_code,ledger_account_code,planned_cents\n";
    let wrong = browser
        .upload(
            "/console/finance/lines/file",
            "file",
            "lijnen.csv",
            &format!("{header_row}{}{}", row(2028, "500000"), row(2029, "veel")),
        )
        .await;
    assert_page(&wrong, 422, "nl");
    assert!(wrong.text.contains("planned_cents"), "{}", wrong.text);
    let file = format!("{header_row}{}{}", row(2028, "500000"), row(2029, "600000"));
    let checked = browser
        .upload("/console/finance/lines/file", "file", "lijnen.csv", &file)
        .await;
    assert_page(&checked, 200, "nl");
    let count = || async {
        app.get("/api/v1/budget-lines", t)
            .await
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count().await, lines_before, "checked, not written");
    let imported = browser
        .submit("/console/finance/lines/import", &[("csv", file.as_str())])
        .await;
    assert_eq!(
        see_other(&imported),
        "/console/finance/lines?created=2&updated=0"
    );
    assert_eq!(count().await, lines_before + 2);
    let sorted = browser
        .open("/console/finance/lines?sort=year&order=desc")
        .await;
    assert_page(&sorted, 200, "nl");
    let year_at = |year: &str| sorted.text.find(&format!(">{year}</th>")).unwrap();
    assert!(year_at("2029") < year_at("2028") && year_at("2028") < year_at("2027"));

    let project = v.projects[0];
    let page = format!("/console/finance/proposals/{project}");
    let funded = browser
        .submit(
            &format!("{page}/fundings"),
            &[
                ("fund-line", &b.line.to_string()),
                ("fund-amount", "3.000"),
                ("fund-kind", "operating_subsidy"),
            ],
        )
        .await;
    assert!(see_other(&funded).ends_with("done=fundings"));
    let report_path = format!("/api/v1/proposals/{project}/report");
    let funding = app.get(&report_path, t).await.json()["fundings"][0]["id"]
        .as_i64()
        .unwrap();
    let stepped = browser
        .submit(&format!("{page}/state"), &[("step", "funded")])
        .await;
    assert!(
        see_other(&stepped).ends_with("done=state"),
        "{}",
        stepped.text
    );
    let added = browser
        .submit(
            &format!("{page}/milestones"),
            &[
                ("milestone-title", "Plantvakken aangelegd"),
                ("milestone-status", "planned"),
                ("milestone-progress", "0"),
            ],
        )
        .await;
    assert!(see_other(&added).ends_with("done=milestones"));
    let milestone = app.get(&report_path, t).await.json()["milestones"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let pictured = browser
        .upload_file(
            &format!("{page}/milestone-files"),
            ("werf.png", "image/png", crate::attachments::png_bytes()),
            &[("milestone", &milestone), ("alt_text", "De plantvakken")],
        )
        .await;
    assert_eq!(
        see_other(&pictured),
        format!("{page}#milestone-files"),
        "{}",
        pictured.text
    );
    let shown = browser.open(&page).await;
    assert!(
        shown.text.contains("alt=\"De plantvakken\""),
        "{}",
        shown.text
    );
    let elsewhere = browser
        .upload_file(
            &format!("/console/finance/proposals/{}/milestone-files", project + 1),
            ("werf.png", "image/png", crate::attachments::png_bytes()),
            &[("milestone", &milestone)],
        )
        .await;
    assert_page(&elsewhere, 404, "nl");
    let update = format!("{page}/milestone-updates");
    let no_reason = browser
        .submit(
            &update,
            &[
                ("update-milestone", &milestone),
                ("update-status", "in_progress"),
                ("update-progress", "60"),
            ],
        )
        .await;
    assert_page(&no_reason, 422, "nl");
    assert!(
        no_reason.text.contains("<a href=\"#update-reason\">"),
        "{}",
        no_reason.text
    );
    let updated = browser
        .submit(
            &update,
            &[
                ("update-milestone", &milestone),
                ("update-status", "in_progress"),
                ("update-progress", "60"),
                ("update-reason", "Werf gestart"),
            ],
        )
        .await;
    assert!(see_other(&updated).ends_with("done=milestone-updates"));
    let now = app.get(&report_path, t).await.json()["milestones"][0].clone();
    assert_eq!(now["status"], "in_progress", "{now}");
    assert_eq!(now["progress_pct"], 60);
    assert_eq!(now["title"], "Plantvakken aangelegd", "the title stays");

    let neighbour = app.resident("Buurman").await;
    let about = |milestone: &Value| json!({"body": "Mooi zo!", "milestone_id": milestone});
    let on_milestone = app
        .post(
            &format!("/api/v1/proposals/{project}/comments"),
            &about(&now["id"]),
            Some(&neighbour.token),
        )
        .await;
    assert_eq!(on_milestone.status, 201, "{}", on_milestone.text);
    assert_eq!(on_milestone.json()["milestone_id"], now["id"]);
    let elsewhere = app
        .post(
            &format!("/api/v1/proposals/{}/comments", v.projects[1]),
            &about(&now["id"]),
            Some(&neighbour.token),
        )
        .await;
    elsewhere.assert_problem(422, "validation_failed");
    assert_eq!(elsewhere.error_fields(), vec!["milestone_id"]);

    let reverse = format!("{page}/reversals");
    let entry = format!("fundings:{funding}");
    let no_reason = browser
        .submit(
            &reverse,
            &[("reverse-entry", &entry), ("reverse-amount", "1.000")],
        )
        .await;
    assert_page(&no_reason, 422, "nl");
    assert!(no_reason.text.contains("<a href=\"#reverse-reason\">"));
    let other_project = browser
        .submit(
            &format!("/console/finance/proposals/{}/reversals", v.projects[1]),
            &[
                ("reverse-entry", &entry),
                ("reverse-amount", "1.000"),
                ("reverse-reason", "Verkeerd project"),
            ],
        )
        .await;
    assert_page(&other_project, 422, "nl");
    let reversed = browser
        .submit(
            &reverse,
            &[
                ("reverse-entry", &entry),
                ("reverse-amount", "1.000"),
                ("reverse-reason", "Te veel voorzien"),
            ],
        )
        .await;
    assert!(see_other(&reversed).ends_with("done=reversals"));
    let money = app.get(&report_path, t).await.json();
    assert_eq!(money["allocated_cents"], 200_000, "{money}");
    assert_eq!(
        money["fundings"].as_array().unwrap().len(),
        2,
        "the entry and its reversal both stay: {money}"
    );
}

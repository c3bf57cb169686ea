//! Each role's main task in the console, end to end over HTTP, with its effect checked through
//! the public API: a moderator hides and an administrator merges, the council amends an
//! outcome, finance funds, orders, pays and downloads the report, and an administrator sets up
//! an edition and opens a round.

use chrono::{Duration, Utc};
use serde_json::json;

use crate::council_finance::{approve, books, decided_round};
use crate::helpers::{TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::site::{assert_page, header, signed_in};
use crate::voting::reviewed_edition;

async fn money_of(app: &TestApp, proposal: i64, token: &str) -> serde_json::Value {
    app.get(&format!("/api/v1/proposals/{proposal}/report"), Some(token))
        .await
        .json()
}

/// Form fields as `submit` takes them.
fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn location(reply: &crate::helpers::Reply) -> String {
    assert_eq!(reply.status, 303, "{}", reply.text);
    header(reply, "location")
}

async fn proposal_json(app: &TestApp, id: i64, token: &str) -> serde_json::Value {
    app.get(&format!("/api/v1/proposals/{id}"), Some(token))
        .await
        .json()
}

#[tokio::test]
async fn a_moderator_hides_a_reported_proposal_and_an_administrator_merges_after_a_preview() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let cost = 500_000;
    let reported = submitted_proposal(&app, &author, s.edition, s.north, "Bankje", cost).await;
    let twin = submitted_proposal(&app, &author, s.edition, s.north, "Bankje bis", cost).await;
    let other = submitted_proposal(&app, &author, s.edition, s.north, "Bankje ter", cost).await;
    crate::editions::move_to(&app, &s.admin, s.edition, "support").await;
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    let second = resident_of(&app, &s.admin, "Tweede Buur", s.north).await;
    let third = resident_of(&app, &s.admin, "Derde Buur", s.north).await;
    for (supporter, proposal) in [
        (&neighbour, reported),
        (&third, reported),
        (&neighbour, twin),
        (&second, twin),
    ] {
        app.post(
            &format!("/api/v1/proposals/{proposal}/support"),
            &json!({}),
            Some(&supporter.token),
        )
        .await;
    }
    let report = app
        .post(
            &format!("/api/v1/proposals/{reported}/reports"),
            &json!({"reason": "Reclame voor een winkel"}),
            Some(&neighbour.token),
        )
        .await;
    assert_eq!(report.status, 202, "{}", report.text);
    let worker = app
        .with_role(
            &s.admin,
            "Wijkwerker",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;

    let mut browser = signed_in(&app, &worker.email).await;
    assert!(
        browser
            .open("/console")
            .await
            .text
            .contains("href=\"/console/moderation\"")
    );
    let queue = browser.open("/console/moderation").await;
    assert_page(&queue, 200, "nl");
    assert!(
        queue.text.contains("Reclame voor een winkel"),
        "{}",
        queue.text
    );
    let form = format!("/console/moderation/{reported}");
    assert!(queue.text.contains(&format!("href=\"{form}\"")));
    assert_page(&browser.open(&form).await, 200, "nl");
    let no_reason = browser.submit(&form, &[("decision", "hide")]).await;
    assert_page(&no_reason, 422, "nl");
    assert!(
        no_reason.text.contains("<a href=\"#reason\">"),
        "{}",
        no_reason.text
    );
    assert!(
        !proposal_json(&app, reported, &s.admin.token).await["hidden"]
            .as_bool()
            .unwrap()
    );
    let hidden = browser
        .submit(&form, &[("decision", "hide"), ("reason", "Reclame")])
        .await;
    let after = browser.open(&location(&hidden)).await;
    assert!(after.text.contains("role=\"status\""));
    assert!(
        !after.text.contains("Reclame voor een winkel"),
        "no longer open"
    );
    let seen = proposal_json(&app, reported, &s.admin.token).await;
    assert_eq!(seen["hidden"], true);
    assert_eq!(seen["hidden_reason"], "Reclame");
    assert!(
        browser
            .open(&format!("/console/proposals/{twin}/merge"))
            .await
            .status
            == 403,
        "merging is for administrators"
    );

    let mut admin = signed_in(&app, &s.admin.email).await;
    let merge = format!("/console/proposals/{twin}/merge");
    assert_page(&admin.open(&merge).await, 200, "nl");
    let typo = admin
        .submit(&merge, &[("proposal_ids", "drie"), ("step", "preview")])
        .await;
    assert_page(&typo, 422, "nl");
    assert!(typo.text.contains("<a href=\"#proposal_ids\">"));
    let preview = admin
        .submit(
            &merge,
            &[("proposal_ids", &format!("{other}")), ("step", "preview")],
        )
        .await;
    assert_page(&preview, 200, "nl");
    assert!(preview.text.contains("Bankje ter"), "{}", preview.text);
    assert!(
        preview.text.contains("nu 2, na de samenvoeging 2"),
        "the twin's two supporters, the other has none: {}",
        preview.text
    );
    assert_eq!(
        proposal_json(&app, other, &s.admin.token).await["state"],
        "submitted",
        "a preview changes nothing"
    );
    let with_reported = admin
        .submit(
            &merge,
            &[
                ("proposal_ids", &format!("{other}, {reported}")),
                ("step", "preview"),
            ],
        )
        .await;
    assert!(
        with_reported.text.contains("nu 2, na de samenvoeging 3"),
        "four supports by three people, the neighbour counted once: {}",
        with_reported.text
    );
    let merged = admin
        .submit(
            &merge,
            &[
                ("proposal_ids", &format!("{other}")),
                ("reason", "Zelfde bank"),
                ("step", "merge"),
            ],
        )
        .await;
    assert!(location(&merged).ends_with("merged=1"));
    let gone = proposal_json(&app, other, &s.admin.token).await;
    assert_eq!(gone["state"], "withdrawn");
    assert_eq!(gone["merged_into_id"], twin);
}

#[tokio::test]
async fn the_council_amends_a_counted_round_with_a_reason_for_each_project() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    let mut browser = signed_in(&app, &council.email).await;
    let rounds = browser.open("/console/council").await;
    assert_page(&rounds, 200, "nl");
    let page = format!("/console/rounds/{r}/decision");
    assert!(rounds.text.contains(&format!("href=\"{page}\"")));
    let decision = browser.open(&page).await;
    assert_page(&decision, 200, "nl");
    for rule in ["greedy", "equalshares", "phragmen"] {
        assert!(
            decision.text.contains(&format!("<code>{rule}</code>")),
            "the rule comparison shows {rule}"
        );
    }
    let (funded, added) = (v.projects[0], v.projects[1]);
    let change = added.to_string();
    let reason_field = format!("reason-{added}");
    let session = ("council_session", "Gemeenteraad 2027-06-23, punt 14");
    let date = ("decided_on", "2027-06-23");
    let without_reason = browser
        .submit(
            &page,
            &[("kind", "amend"), session, date, ("change", &change)],
        )
        .await;
    assert_page(&without_reason, 422, "nl");
    assert!(
        without_reason
            .text
            .contains(&format!("<a href=\"#{reason_field}\">")),
        "{}",
        without_reason.text
    );
    let over = browser
        .submit(
            &page,
            &[
                ("kind", "amend"),
                session,
                date,
                ("change", &change),
                (&reason_field, "De buurt vroeg erom"),
            ],
        )
        .await;
    assert_page(&over, 422, "nl");
    assert!(over.text.contains("<a href=\"#over_envelope_reason\">"));
    assert!(
        over.text.contains("De buurt vroeg erom"),
        "what was typed stays"
    );
    let amended = browser
        .submit(
            &page,
            &[
                ("kind", "amend"),
                session,
                date,
                ("change", &change),
                (&reason_field, "De buurt vroeg erom"),
                ("over_envelope_reason", "Aangevuld uit de reserve"),
            ],
        )
        .await;
    let shown = browser.open(&location(&amended)).await;
    assert!(shown.text.contains("role=\"status\""));
    assert!(shown.text.contains("De buurt vroeg erom"), "the history");
    let history = app
        .get(&format!("/api/v1/rounds/{r}/decisions"), None)
        .await
        .json();
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "amend");
    assert_eq!(last["approved_proposal_ids"], json!([funded, added]));
    assert_eq!(last["changes"][0]["reason"], "De buurt vroeg erom");
    let resident = app.resident("Geen Raadslid").await;
    let mut stranger = signed_in(&app, &resident.email).await;
    assert_page(&stranger.open(&page).await, 403, "nl");
}

#[tokio::test]
async fn finance_funds_orders_pays_and_downloads_the_report_in_the_console() {
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
    let project = v.projects[0];
    let mut browser = signed_in(&app, &b.finance.email).await;
    let followed = browser.open("/console/finance").await;
    assert_page(&followed, 200, "nl");
    let page = format!("/console/finance/proposals/{project}");
    assert!(followed.text.contains(&format!("href=\"{page}\"")));
    assert_page(&browser.open(&page).await, 200, "nl");
    let line = b.line.to_string();
    let fund = format!("{page}/fundings");
    let typo = browser
        .submit(
            &fund,
            &[
                ("fund-line", &line),
                ("fund-amount", "drieduizend"),
                ("fund-kind", "operating_subsidy"),
            ],
        )
        .await;
    assert_page(&typo, 422, "nl");
    assert!(typo.text.contains("<a href=\"#fund-amount\">"));
    assert!(
        typo.text.contains("value=\"drieduizend\""),
        "what was typed stays"
    );
    let funded = browser
        .submit(
            &fund,
            &[
                ("fund-line", &line),
                ("fund-amount", "3.000"),
                ("fund-kind", "operating_subsidy"),
            ],
        )
        .await;
    assert!(location(&funded).ends_with("done=fundings"));
    let money = money_of(&app, project, &b.finance.token).await;
    let funding = money["fundings"][0]["id"].as_i64().unwrap().to_string();
    assert_eq!(money["fundings"][0]["amount_cents"], 300_000);
    let committed = browser
        .submit(
            &format!("{page}/commitments"),
            &[
                ("commit-funding", &funding),
                ("commit-party", "Buurtvereniging De Poort"),
                ("commit-reference", "VL-2027-0042"),
                ("commit-date", "2027-07-01"),
                ("commit-amount", "1500"),
            ],
        )
        .await;
    assert!(location(&committed).ends_with("done=commitments"));
    let commitment = money_of(&app, project, &b.finance.token).await["commitments"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let paid = browser
        .submit(
            &format!("{page}/expenditures"),
            &[
                ("spend-commitment", &commitment),
                ("spend-reference", "FA-2027-118"),
                ("spend-date", "2027-08-15"),
                ("spend-amount", "1000,50"),
            ],
        )
        .await;
    assert!(location(&paid).ends_with("done=expenditures"));
    let totals = money_of(&app, project, &b.finance.token).await;
    assert_eq!(totals["allocated_cents"], 300_000, "{totals}");
    assert_eq!(totals["committed_cents"], 150_000);
    assert_eq!(totals["spent_cents"], 100_050);
    let elsewhere = browser
        .submit(
            &format!("/console/finance/proposals/{}/expenditures", v.projects[1]),
            &[
                ("spend-commitment", &commitment),
                ("spend-reference", "FA-2027-119"),
                ("spend-date", "2027-08-16"),
                ("spend-amount", "10"),
            ],
        )
        .await;
    assert_page(&elsewhere, 422, "nl");
    assert_eq!(
        money_of(&app, project, &b.finance.token).await["spent_cents"],
        100_050,
        "no payment under another project's order"
    );

    let shown = browser.open("/console/finance/report?group=edition").await;
    assert_page(&shown, 200, "nl");
    assert!(shown.text.contains("<svg"), "the chart");
    let csv = browser
        .open("/console/finance/report.csv?group=edition")
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type().starts_with("text/csv"));
    assert!(header(&csv, "content-disposition").starts_with("attachment"));
    assert_eq!(
        csv.text.lines().nth(1).unwrap(),
        format!("{},0,300000,150000,100050", v.edition)
    );
}

#[tokio::test]
async fn an_administrator_sets_up_an_edition_after_previewing_its_envelopes_and_opens_a_round() {
    let app = spawn_app().await;
    let v = reviewed_edition(&app, 2, &[300_000, 400_000, 500_000]).await;
    let mut browser = signed_in(&app, &v.admin.email).await;
    assert_page(&browser.open("/console/editions").await, 200, "nl");
    assert_page(&browser.open("/console/editions/new").await, 200, "nl");
    let editions_before = app.get("/api/v1/editions", None).await.json()["items"]
        .as_array()
        .unwrap()
        .len();
    let (north, south) = (v.north.to_string(), v.south.to_string());
    let fields = |step: &'static str, year: &'static str| {
        vec![
            ("name", "Wijkbudget 2028".to_string()),
            ("fiscal_year", year.to_string()),
            ("base", "1.000.000".to_string()),
            ("reserved", "1,5".to_string()),
            ("citywide", "0".to_string()),
            ("allocation", "equal".to_string()),
            ("floor", "0".to_string()),
            ("area", north.clone()),
            ("area", south.clone()),
            ("categories", "groen; Groen en natuur".to_string()),
            ("schedule-ideas", "2028-01-10T09:00".to_string()),
            ("step", step.to_string()),
        ]
    };
    let typo = browser
        .submit(
            "/console/editions",
            &pairs(&fields("preview", "volgend jaar")),
        )
        .await;
    assert_page(&typo, 422, "nl");
    assert!(typo.text.contains("<a href=\"#fiscal_year\">"));
    let preview = browser
        .submit("/console/editions", &pairs(&fields("preview", "2028")))
        .await;
    assert_page(&preview, 200, "nl");
    assert!(
        preview.text.contains("7.500,00"),
        "1,5 % of a million split equally over two areas: {}",
        preview.text
    );
    assert_eq!(
        app.get("/api/v1/editions", None).await.json()["items"]
            .as_array()
            .unwrap()
            .len(),
        editions_before,
        "a preview saves nothing"
    );
    let created = browser
        .submit("/console/editions", &pairs(&fields("save", "2028")))
        .await;
    let edition_page = location(&created);
    let id: i64 = edition_page
        .trim_start_matches("/console/editions/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let saved = app
        .get(&format!("/api/v1/editions/{id}"), Some(&v.admin.token))
        .await
        .json();
    assert_eq!(saved["base_cents"], 100_000_000);
    assert_eq!(saved["reserved_bp"], 150);
    assert_eq!(saved["phase"], "draft");
    let envelopes = app
        .get(&format!("/api/v1/editions/{id}/envelopes"), None)
        .await
        .json();
    assert!(envelopes.to_string().contains("750000"), "{envelopes}");

    let reviewed = format!("/console/editions/{}", v.edition);
    let to_voting = browser
        .submit(&format!("{reviewed}/phase"), &[("to", "voting")])
        .await;
    assert!(location(&to_voting).ends_with("done=phase"));
    assert_eq!(
        app.get(&format!("/api/v1/editions/{}", v.edition), None)
            .await
            .json()["phase"],
        "voting"
    );
    let new_round = format!("{reviewed}/rounds/new");
    assert_page(&browser.open(&new_round).await, 200, "nl");
    let opens = (Utc::now() + Duration::hours(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let closes = (Utc::now() + Duration::days(14))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let round_fields = [
        ("area", north.as_str()),
        ("ballot_type", "approval"),
        ("rule", "greedy"),
        ("opens_at", opens.as_str()),
        ("closes_at", closes.as_str()),
        ("max_choices", "2"),
    ];
    let wrong = browser
        .submit(
            &format!("{reviewed}/rounds"),
            &[
                ("ballot_type", "approval"),
                ("rule", "greedy"),
                ("opens_at", "morgen"),
            ],
        )
        .await;
    assert_page(&wrong, 422, "nl");
    assert!(wrong.text.contains("<a href=\"#opens_at\">"));
    assert!(wrong.text.contains("<a href=\"#closes_at\">"));
    let created = browser
        .submit(&format!("{reviewed}/rounds"), &round_fields)
        .await;
    let round_page = location(&created);
    let shown = browser.open(&round_page).await;
    assert_page(&shown, 200, "nl");
    for i in 0..3 {
        assert!(
            shown.text.contains(&format!("Project {i}")),
            "the ballot to check"
        );
    }
    let round: i64 = round_page
        .trim_start_matches("/console/rounds/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{round}"), None)
            .await
            .json()["status"],
        "scheduled"
    );
    let moved_opens = (Utc::now() + Duration::hours(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let reschedule = format!("/console/rounds/{round}/reschedule");
    let no_reason = browser
        .submit(
            &reschedule,
            &[("opens_at", &moved_opens), ("closes_at", &closes)],
        )
        .await;
    assert_page(&no_reason, 422, "nl");
    assert!(
        no_reason.text.contains("<a href=\"#reschedule-reason\">"),
        "{}",
        no_reason.text
    );
    let typo = browser
        .submit(
            &reschedule,
            &[
                ("opens_at", "gisteren"),
                ("closes_at", &closes),
                ("reason", "Zaal bezet"),
            ],
        )
        .await;
    assert_page(&typo, 422, "nl");
    assert!(typo.text.contains("<a href=\"#reschedule-opens\">"));
    let moved = browser
        .submit(
            &reschedule,
            &[
                ("opens_at", &moved_opens),
                ("closes_at", &closes),
                ("reason", "Zaal bezet"),
            ],
        )
        .await;
    assert!(location(&moved).ends_with("done=rescheduled"));
    let opens_now = app
        .get(&format!("/api/v1/rounds/{round}"), None)
        .await
        .json()["opens_at"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        opens_now.starts_with(&moved_opens),
        "{opens_now} vs {moved_opens}"
    );
    let opened = browser
        .submit(&format!("/console/rounds/{round}/open"), &[])
        .await;
    assert!(location(&opened).ends_with("done=opened"));
    let open = app
        .get(&format!("/api/v1/rounds/{round}"), None)
        .await
        .json();
    assert_eq!(open["status"], "open");
    assert_eq!(open["projects"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn an_area_worker_enters_paper_ballots_one_by_one_and_from_a_file_checked_before_saving() {
    let app = spawn_app().await;
    let v = crate::voting::voting_edition(&app, 4, &[300_000, 400_000, 500_000]).await;
    let r = crate::voting::round(&app, &v, json!({"max_choices": 2})).await;
    let worker = app
        .with_role(
            &v.admin,
            "Wijkwerker",
            "area_worker",
            json!({"area_id": v.north}),
        )
        .await;
    let elsewhere = app
        .with_role(
            &v.admin,
            "Zuiderwerker",
            "area_worker",
            json!({"area_id": v.south}),
        )
        .await;
    let page = format!("/console/rounds/{r}/paper-ballots");
    let mut other = signed_in(&app, &elsewhere.email).await;
    assert!(!other.open("/console").await.text.contains(&page));
    assert_page(&other.open(&page).await, 403, "nl");

    let mut browser = signed_in(&app, &worker.email).await;
    assert!(
        browser
            .open("/console")
            .await
            .text
            .contains(&format!("href=\"{page}\""))
    );
    assert_page(&browser.open(&page).await, 200, "nl");
    let (first, second) = (v.projects[0].to_string(), v.projects[1].to_string());
    let voter = v.voters[0].id.to_string();
    let entered = browser
        .submit(
            &page,
            &[
                ("voter_kind", "resident"),
                ("voter", &voter),
                ("project", &first),
                ("project", &second),
            ],
        )
        .await;
    assert!(location(&entered).ends_with("entered=1"));
    let again = browser
        .submit(
            &page,
            &[
                ("voter_kind", "resident"),
                ("voter", &voter),
                ("project", &first),
            ],
        )
        .await;
    assert_page(&again, 422, "nl");
    assert!(again.text.contains("<a href=\"#voter\">"), "{}", again.text);
    let online = app
        .put(
            &crate::voting::ballot_path(r),
            &json!({"project_ids": [v.projects[2]]}),
            Some(&v.voters[0].token),
        )
        .await;
    assert_eq!(online.status, 409, "voted on paper: {}", online.text);

    let (third, fourth) = (v.voters[2].id, v.voters[3].id);
    let wrong = format!(
        "user_id,choices\n{third},{}\n{fourth},999999\n",
        v.projects[0]
    );
    let file_path = format!("{page}/file");
    browser.open(&page).await;
    let refused = browser
        .upload(&file_path, "file", "papier.csv", &wrong)
        .await;
    assert_page(&refused, 422, "nl");
    assert!(
        refused.text.contains("Regel 3 (project_ids)"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains("<a href=\"#file\">"));
    let file = format!(
        "user_id,choices\n{third},{}\n{fourth},{} {}\n",
        v.projects[0], v.projects[1], v.projects[2]
    );
    let checked = browser
        .upload(&file_path, "file", "papier.csv", &file)
        .await;
    assert_page(&checked, 200, "nl");
    assert!(
        checked.text.contains("2 stembiljetten staan klaar"),
        "{}",
        checked.text
    );
    let not_yet = app
        .put(
            &crate::voting::ballot_path(r),
            &json!({"project_ids": [v.projects[2]]}),
            Some(&v.voters[2].token),
        )
        .await;
    assert_eq!(
        not_yet.status, 201,
        "the check saved nothing: {}",
        not_yet.text
    );
    let imported = browser
        .submit(&format!("{page}/import"), &[("csv", &file)])
        .await;
    assert_page(&imported, 422, "nl");
    assert!(
        imported.text.contains("Regel 2 (user_id)"),
        "the voter who voted online meanwhile is refused, nothing saved: {}",
        imported.text
    );
    let file = format!(
        "user_id,choices\n{fourth},{} {}\n",
        v.projects[1], v.projects[2]
    );
    let imported = browser
        .submit(&format!("{page}/import"), &[("csv", &file)])
        .await;
    assert!(location(&imported).ends_with("entered=1"));
    let online = app
        .put(
            &crate::voting::ballot_path(r),
            &json!({"project_ids": [v.projects[0]]}),
            Some(&v.voters[3].token),
        )
        .await;
    assert_eq!(online.status, 409, "{}", online.text);
}

#[tokio::test]
async fn an_administrator_grants_and_revokes_roles_and_reads_the_verified_audit_log() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let resident = app.resident("Nieuwe Collega").await;
    let mut admin = signed_in(&app, &s.admin.email).await;
    let found = admin.open("/console/users?q=collega").await;
    assert_page(&found, 200, "nl");
    let page = format!("/console/users/{}", resident.id);
    assert!(
        found.text.contains(&format!("href=\"{page}\"")),
        "{}",
        found.text
    );
    assert!(!found.text.contains(&s.admin.email), "the search narrows");
    assert_page(&admin.open(&page).await, 200, "nl");
    let without_area = admin
        .submit(&format!("{page}/roles"), &[("role", "area_worker")])
        .await;
    assert_page(&without_area, 422, "nl");
    assert!(
        without_area.text.contains("<a href=\"#area_id\">"),
        "{}",
        without_area.text
    );
    let north = s.north.to_string();
    let granted = admin
        .submit(
            &format!("{page}/roles"),
            &[("role", "area_worker"), ("area_id", &north)],
        )
        .await;
    assert!(location(&granted).ends_with("done=granted"));
    let mut colleague = signed_in(&app, &resident.email).await;
    let console = colleague.open("/console").await;
    assert_page(&console, 200, "nl");
    assert!(
        console
            .text
            .contains(&format!("/console/areas/{north}/residents"))
    );
    let roles = app
        .get("/api/v1/users?q=collega", Some(&s.admin.token))
        .await
        .json();
    let grant = roles["items"][0]["roles"][0]["id"].as_i64().unwrap();
    let revoked = admin
        .submit(&format!("{page}/roles/{grant}/revoke"), &[])
        .await;
    assert!(location(&revoked).ends_with("done=revoked"));
    assert_page(&colleague.open("/console").await, 403, "nl");

    let own = app
        .get("/api/v1/users?role=admin", Some(&s.admin.token))
        .await
        .json();
    let admin_grant = own["items"][0]["roles"][0]["id"].as_i64().unwrap();
    let own_page = format!("/console/users/{}", s.admin.id);
    admin.open(&own_page).await;
    let last = admin
        .submit(&format!("{own_page}/roles/{admin_grant}/revoke"), &[])
        .await;
    assert_page(&last, 409, "nl");

    let log = admin.open("/console/audit?entity_type=user").await;
    assert_page(&log, 200, "nl");
    assert!(log.text.contains("role_revoked") && log.text.contains("role_granted"));
    let verified = admin.open("/console/audit?verify=1").await;
    assert!(
        verified.text.contains("De keten is intact"),
        "{}",
        verified.text
    );
}

use serde_json::{Value, json};

use crate::editions::move_to;
use crate::helpers::{Account, Reply, TestApp, spawn_app};
use crate::idempotency::{replayed, send_with_key};
use crate::voting::{Vote, reviewed_edition, round, voting_edition};

/// A closed round in the decision phase with projects of 3000, 4000 and 5000 €: greedy funds
/// project 0 (two votes) from the north envelope (3692,31 €).
pub async fn decided_round(app: &TestApp) -> (Vote, i64, Account) {
    decide(
        app,
        reviewed_edition(app, 3, &[300_000, 400_000, 500_000]).await,
    )
    .await
}

/// Votes on a reviewed edition as `decided_round` describes.
async fn decide(app: &TestApp, v: Vote) -> (Vote, i64, Account) {
    move_to(app, &v.admin, v.edition, "voting").await;
    let r = round(app, &v, json!({})).await;
    let p = &v.projects;
    for (voter, choice) in v
        .voters
        .iter()
        .zip([vec![p[0], p[1]], vec![p[0], p[1]], vec![p[2]]])
    {
        assert_eq!(
            app.put(
                &format!("/api/v1/rounds/{r}/ballot"),
                &json!({"project_ids": choice}),
                Some(&voter.token)
            )
            .await
            .status,
            201
        );
    }
    app.post(
        &format!("/api/v1/rounds/{r}/close"),
        &json!({"reason": "De test telt meteen"}),
        Some(&v.admin.token),
    )
    .await;
    move_to(app, &v.admin, v.edition, "decision").await;
    let council = app
        .with_role(&v.admin, "Raadslid", "council", json!({}))
        .await;
    (v, r, council)
}

/// The council approves every project on the ballot, over the envelope, with reasons.
async fn approve_all(app: &TestApp, v: &Vote, r: i64, council: &Account) {
    let add: Vec<Value> = v.projects[1..]
        .iter()
        .map(|p| json!({"proposal_id": p, "reason": "Ook nodig"}))
        .collect();
    let mut body = approve();
    body["kind"] = json!("amend");
    body["add"] = json!(add);
    body["over_envelope_reason"] = json!("Aangevuld uit de reserve");
    let reply = app
        .post(
            &format!("/api/v1/rounds/{r}/decision"),
            &body,
            Some(&council.token),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
}

pub fn approve() -> Value {
    json!({"kind": "approve", "council_session": "Gemeenteraad 2027-06-23, punt 14", "decided_on": "2027-06-23"})
}

#[tokio::test]
async fn the_council_approves_and_later_amends_with_reasons() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    let path = format!("/api/v1/rounds/{r}/decision");
    app.post(&path, &approve(), Some(&v.admin.token))
        .await
        .assert_problem(403, "forbidden");
    app.post(&path, &approve(), Some(&v.voters[0].token))
        .await
        .assert_problem(403, "forbidden");
    let approved = app.post(&path, &approve(), Some(&council.token)).await;
    assert_eq!(approved.status, 201, "{}", approved.text);
    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    let selected: Vec<i64> = results["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect();
    for id in &v.projects {
        let state = app
            .get(&format!("/api/v1/proposals/{id}"), None)
            .await
            .json()["state"]
            .clone();
        assert_eq!(
            state,
            if selected.contains(id) {
                "approved"
            } else {
                "not_selected"
            },
            "the vote decided what was not selected; the council confirmed it"
        );
    }
    let author = &v.voters[0].email;
    let confirmed = app.wait_for_mail(author, "bevestigde de uitslag").await;
    assert!(
        !confirmed
            .body
            .contains("niet goedgekeurd door de gemeenteraad"),
        "{}",
        confirmed.body
    );

    let mut amend = approve();
    amend["kind"] = json!("amend");
    amend["remove"] = json!([{"proposal_id": selected[0], "reason": ""}]);
    let no_reason = app.post(&path, &amend, Some(&council.token)).await;
    no_reason.assert_problem(422, "validation_failed");
    assert_eq!(no_reason.error_fields(), vec!["remove[0].reason"]);

    let rejected = *v.projects.iter().find(|p| !selected.contains(p)).unwrap();
    amend["remove"] = json!([]);
    amend["add"] = json!([{"proposal_id": rejected, "reason": "Dringend voor de school"}]);
    let over = app.post(&path, &amend, Some(&council.token)).await;
    assert_eq!(
        over.error_fields(),
        vec!["over_envelope_reason"],
        "{}",
        over.text
    );
    amend["over_envelope_reason"] = json!("Aangevuld uit de reserve, raadsbesluit 2027/88");
    let amended = app.post(&path, &amend, Some(&council.token)).await;
    assert_eq!(amended.status, 201, "{}", amended.text);
    let history = app
        .get(&format!("/api/v1/rounds/{r}/decisions"), None)
        .await
        .json();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["superseded_by"], amended.json()["id"]);
    assert_eq!(
        app.get(&format!("/api/v1/proposals/{rejected}"), None)
            .await
            .json()["state"],
        "approved"
    );
}

pub struct Books {
    pub finance: Account,
    pub line: i64,
}

pub async fn books(app: &TestApp, v: &Vote, planned: i64) -> Books {
    let finance = app
        .with_role(&v.admin, "Financiën", "finance", json!({}))
        .await;
    let line = plan_line(
        app,
        &finance,
        PlanLine {
            name: "MJP 2026-2031",
            years: (2026, 2031),
            fiscal_year: 2027,
            ledger_account: ("6493000", "Werkingssubsidies aan verenigingen"),
            planned,
        },
    )
    .await;
    Books { finance, line }
}

pub struct PlanLine {
    name: &'static str,
    years: (i32, i32),
    fiscal_year: i32,
    ledger_account: (&'static str, &'static str),
    planned: i64,
}

/// A new plan version with one objective, action plan and action, and one budget line on it;
/// proves on the way that codes are unique within their parent.
async fn plan_line(app: &TestApp, finance: &Account, spec: PlanLine) -> i64 {
    let t = Some(finance.token.as_str());
    let plan = app.post("/api/v1/plans", &json!({"kind": "mjp", "name": spec.name, "first_year": spec.years.0, "last_year": spec.years.1, "council_decision_date": "2025-12-18"}), t).await;
    assert_eq!(plan.status, 201, "{}", plan.text);
    let plan = plan.json()["id"].as_i64().unwrap();
    let objective = app
        .post(
            &format!("/api/v1/plans/{plan}/objectives"),
            &json!({"code": "BD1", "title": "Een buurt waar het goed leven is"}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let action_plan = app
        .post(
            &format!("/api/v1/objectives/{objective}/action-plans"),
            &json!({"code": "AP1.1", "title": "Participatie"}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let action = app
        .post(
            &format!("/api/v1/action-plans/{action_plan}/actions"),
            &json!({"code": "A1.1.1", "title": "Wijkbudget", "priority": true}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    for (path, code) in [
        (format!("/api/v1/plans/{plan}/objectives"), "BD1"),
        (
            format!("/api/v1/objectives/{objective}/action-plans"),
            "AP1.1",
        ),
        (
            format!("/api/v1/action-plans/{action_plan}/actions"),
            " A1.1.1 ",
        ),
    ] {
        let again = app
            .post(&path, &json!({"code": code, "title": "Nogmaals"}), t)
            .await;
        again.assert_problem(409, "already_exists");
        assert!(
            again.json()["detail"]
                .as_str()
                .unwrap()
                .contains(code.trim()),
            "{}",
            again.text
        );
    }
    let (code, name) = spec.ledger_account;
    let account = app
        .post(
            "/api/v1/ledger-accounts",
            &json!({"code": code, "name": name}),
            t,
        )
        .await;
    assert!([201, 409].contains(&account.status), "{}", account.text);
    let line = app
        .post(
            "/api/v1/budget-lines",
            &json!({"plan_version_id": plan, "fiscal_year": spec.fiscal_year, "action_id": action, "policy_field_code": "0680", "ledger_account_code": code, "planned_cents": spec.planned}),
            t,
        )
        .await;
    assert_eq!(line.status, 201, "{}", line.text);
    line.json()["id"].as_i64().unwrap()
}

/// Lines besides the books' operating line of 2027: one of a plan that ended before the
/// edition's year, one of the edition's plan but of an earlier year, one investment line.
struct OtherLines {
    old_plan: i64,
    earlier_year: i64,
    investment: i64,
}

async fn other_lines(app: &TestApp, b: &Books) -> OtherLines {
    let line = |name, years, fiscal_year, ledger_account| {
        plan_line(
            app,
            &b.finance,
            PlanLine {
                name,
                years,
                fiscal_year,
                ledger_account,
                planned: 1_000_000,
            },
        )
    };
    OtherLines {
        old_plan: line(
            "MJP 2020-2025",
            (2020, 2025),
            2025,
            ("6493000", "Werkingssubsidies aan verenigingen"),
        )
        .await,
        earlier_year: line(
            "MJP 2026-2031 bis",
            (2026, 2031),
            2026,
            ("6493000", "Werkingssubsidies aan verenigingen"),
        )
        .await,
        investment: line(
            "MJP 2026-2031 ter",
            (2026, 2031),
            2027,
            ("2210000", "Gebouwen"),
        )
        .await,
    }
}

async fn fund(app: &TestApp, b: &Books, proposal: i64, line: i64, kind: &str) -> Reply {
    app.post(
        &format!("/api/v1/proposals/{proposal}/fundings"),
        &json!({"budget_line_id": line, "amount_cents": 10_000, "kind": kind}),
        Some(&b.finance.token),
    )
    .await
}

#[tokio::test]
async fn fundings_come_from_the_editions_years_and_fit_the_account_class() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    approve_all(&app, &v, r, &council).await;
    let b = books(&app, &v, 1_000_000).await;
    let other = other_lines(&app, &b).await;
    let p = v.projects[0];
    for (line, kind, field, words) in [
        (
            other.old_plan,
            "purchase",
            "budget_line_id",
            "does not cover",
        ),
        (
            other.earlier_year,
            "purchase",
            "budget_line_id",
            "before the edition",
        ),
        (b.line, "investment_subsidy", "kind", "operating line"),
        (
            other.investment,
            "operating_subsidy",
            "kind",
            "investment line",
        ),
    ] {
        let refused = fund(&app, &b, p, line, kind).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(refused.error_fields(), vec![field], "{}", refused.text);
        assert!(refused.text.contains(words), "{words}: {}", refused.text);
    }
    assert_eq!(
        fund(&app, &b, p, other.investment, "investment_subsidy")
            .await
            .status,
        201
    );
    let t = Some(b.finance.token.as_str());
    let keyed = |path: String, body: Value| {
        let app = &app;
        async move { send_with_key(app, reqwest::Method::POST, &path, "booked-once", &body, t).await }
    };
    let funding_body =
        json!({"budget_line_id": b.line, "amount_cents": 10_000, "kind": "operating_subsidy"});
    let funded = keyed(
        format!("/api/v1/proposals/{p}/fundings"),
        funding_body.clone(),
    )
    .await;
    let retried = keyed(format!("/api/v1/proposals/{p}/fundings"), funding_body).await;
    assert_eq!(
        (funded.status, retried.status),
        (201, 201),
        "{}",
        retried.text
    );
    assert!(replayed(&retried));
    assert_eq!(retried.json()["id"], funded.json()["id"]);
    let commitment = json!({"erp_reference": "PO-9", "date": "2027-07-01", "amount_cents": 5_000, "third_party": "Aannemer"});
    let funding = funded.json()["id"].as_i64().unwrap();
    let too_much = json!({"erp_reference": "PO-X", "date": "2027-07-01", "amount_cents": i64::MAX - 1, "third_party": "X", "overrun_reason": "Meerwerk"});
    let refused = app
        .post(
            &format!("/api/v1/fundings/{funding}/commitments"),
            &too_much,
            t,
        )
        .await;
    refused.assert_problem(422, "validation_failed");
    assert_eq!(refused.error_fields(), vec!["amount_cents"]);
    for _ in 0..2 {
        let committed = keyed(
            format!("/api/v1/fundings/{funding}/commitments"),
            commitment.clone(),
        )
        .await;
        assert_eq!(committed.status, 201, "{}", committed.text);
    }
    let money = app
        .get(&format!("/api/v1/proposals/{p}/report"), t)
        .await
        .json();
    assert_eq!(money["fundings"].as_array().unwrap().len(), 2, "{money}");
    assert_eq!(money["commitments"].as_array().unwrap().len(), 1, "{money}");
    assert_eq!(money["committed_cents"], 5_000, "{money}");
}

#[tokio::test]
async fn an_edition_bound_to_lines_is_funded_from_those_lines_only() {
    let app = spawn_app().await;
    let v = reviewed_edition(&app, 3, &[300_000, 400_000, 500_000]).await;
    let b = books(&app, &v, 1_000_000).await;
    let other = other_lines(&app, &b).await;
    let bind = |lines: Vec<i64>| {
        let path = format!("/api/v1/editions/{}/base-lines", v.edition);
        let (app, token) = (&app, v.admin.token.clone());
        async move {
            app.put(&path, &json!({"budget_line_ids": lines}), Some(&token))
                .await
        }
    };
    for (i, line) in [other.old_plan, other.earlier_year].into_iter().enumerate() {
        let refused = bind(vec![other.investment, line]).await;
        refused.assert_problem(422, "validation_failed");
        assert_eq!(
            refused.error_fields(),
            vec!["budget_line_ids[1]"],
            "{i}: {}",
            refused.text
        );
    }
    let bound = bind(vec![other.investment]).await;
    assert_eq!(bound.status, 200, "{}", bound.text);
    let (v, r, council) = decide(&app, v).await;
    approve_all(&app, &v, r, &council).await;
    let added_by_the_council = v.projects[1];
    let unbound = fund(&app, &b, added_by_the_council, b.line, "purchase").await;
    unbound.assert_problem(422, "validation_failed");
    assert!(
        unbound.text.contains("bound to the base"),
        "{}",
        unbound.text
    );
    let from_base = fund(&app, &b, added_by_the_council, other.investment, "purchase").await;
    assert_eq!(from_base.status, 201, "{}", from_base.text);
}

#[tokio::test]
async fn fundings_stay_within_their_line_and_must_add_up_before_funded() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    approve_all(&app, &v, r, &council).await;
    let b = books(&app, &v, 500_000).await;
    let t = Some(b.finance.token.as_str());
    let (first, second) = (v.projects[0], v.projects[1]);
    let fund = |proposal: i64, amount: i64| {
        (
            format!("/api/v1/proposals/{proposal}/fundings"),
            json!({"budget_line_id": b.line, "amount_cents": amount, "kind": "own_execution"}),
        )
    };

    let (path, body) = fund(first, 100_000);
    app.post(&path, &body, Some(&v.voters[0].token))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(app.post(&path, &body, t).await.status, 201);
    let advance = format!("/api/v1/proposals/{first}/implementation");
    app.post(&advance, &json!({"state": "funded"}), t)
        .await
        .assert_problem(409, "conflict");
    let (path, body) = fund(first, 200_000);
    assert_eq!(app.post(&path, &body, t).await.status, 201);
    assert_eq!(
        app.post(&advance, &json!({"state": "funded"}), t)
            .await
            .status,
        204,
        "300 000 of 300 000"
    );

    let (path, body) = fund(second, 400_000);
    let over = app.post(&path, &body, t).await;
    over.assert_problem(409, "exceeds_budget_line");
    assert!(
        over.json()["detail"]
            .as_str()
            .unwrap()
            .contains("by 200000 cents"),
        "{}",
        over.text
    );

    let line_path = format!("/api/v1/budget-lines/{}", b.line);
    app.patch(&line_path, &json!({"planned_cents": 299_999}), t)
        .await
        .assert_problem(409, "exceeds_budget_line");
    let lowered = app
        .patch(&line_path, &json!({"planned_cents": 300_000}), t)
        .await;
    assert_eq!(lowered.json()["planned_cents"], 300_000, "{}", lowered.text);

    let lines = app.get("/api/v1/budget-lines", t).await.json();
    let line = lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == b.line)
        .unwrap()
        .clone();
    let row = |planned: i64| {
        format!(
            "{},{},{},{},{},{planned}\n",
            line["plan_version_id"],
            line["fiscal_year"],
            line["action_id"],
            line["policy_field_code"].as_str().unwrap(),
            line["ledger_account_code"].as_str().unwrap()
        )
    };
    let import_to = |path: &'static str, csv: String| {
        app.client
            .post(app.url(path))
            .bearer_auth(&b.finance.token)
            .header("content-type", "text/csv")
            .body(csv)
    };
    let import = |csv: String| import_to("/api/v1/budget-lines/import", csv);
    let header = "plan_version_id,fiscal_year,action_id,policy_field_code,ledger_account_code,planned_cents\n";
    let below_funded = app.send(import(format!("{header}{}", row(250_000)))).await;
    below_funded.assert_problem(422, "validation_failed");
    assert_eq!(below_funded.error_fields(), vec!["rows[2].planned_cents"]);
    let twice = app
        .send(import(format!("{header}{}{}", row(600_000), row(700_000))))
        .await;
    twice.assert_problem(422, "validation_failed");
    assert_eq!(twice.error_fields(), vec!["rows[3].planned_cents"]);
    let checked = app
        .send(import_to(
            "/api/v1/budget-lines/import?check_only=true",
            format!("{header}{}", row(600_000)),
        ))
        .await;
    assert_eq!(checked.status, 200, "{}", checked.text);
    assert_eq!(
        checked.json(),
        json!({"created": 0, "updated": 1, "checked_only": true})
    );
    let unchanged = app
        .get("/api/v1/budget-lines", Some(&b.finance.token))
        .await
        .json();
    assert!(
        unchanged
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["planned_cents"] != 600_000),
        "a check changes nothing: {unchanged}"
    );
    let raised = app.send(import(format!("{header}{}", row(600_000)))).await;
    assert_eq!(raised.status, 200, "{}", raised.text);
    assert_eq!(
        raised.json(),
        json!({"created": 0, "updated": 1, "checked_only": false})
    );
}

#[tokio::test]
async fn concurrent_fundings_cannot_overrun_a_line() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    approve_all(&app, &v, r, &council).await;
    let b = books(&app, &v, 350_000).await;
    let bodies: Vec<(String, Value)> = (0..20)
        .map(|i| {
            let proposal = v.projects[i % 2];
            (
                format!("/api/v1/proposals/{proposal}/fundings"),
                json!({"budget_line_id": b.line, "amount_cents": 50_000, "kind": "purchase"}),
            )
        })
        .collect();
    let replies = futures::future::join_all(
        bodies
            .iter()
            .map(|(path, body)| app.post(path, body, Some(&b.finance.token))),
    )
    .await;
    assert!(
        replies.iter().all(|r| [201, 409, 422].contains(&r.status)),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let report = app
        .get("/api/v1/reports/budget-lines", Some(&b.finance.token))
        .await
        .json();
    let allocated = report["lines"][0]["allocated_cents"].as_i64().unwrap();
    assert!(allocated <= 350_000, "allocated {allocated}");
    assert_eq!(allocated, 350_000, "the line fills up exactly");
}

#[tokio::test]
async fn report_totals_equal_the_sums_of_their_parts_and_csv_is_escaped() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    app.post(
        &format!("/api/v1/rounds/{r}/decision"),
        &approve(),
        Some(&council.token),
    )
    .await;
    let b = books(&app, &v, 1_000_000).await;
    let t = Some(b.finance.token.as_str());
    let funding = app
        .post(
            &format!("/api/v1/proposals/{}/fundings", v.projects[0]),
            &json!({"budget_line_id": b.line, "amount_cents": 300_000, "kind": "purchase"}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let commitment_body = json!({"erp_reference": "PO-2027-0042", "date": "2027-07-01", "amount_cents": 250_000, "third_party": "=Speeltuinen NV"});
    let commitment = app
        .post(
            &format!("/api/v1/fundings/{funding}/commitments"),
            &commitment_body,
            t,
        )
        .await;
    assert_eq!(commitment.status, 201, "{}", commitment.text);
    let commitment = commitment.json()["id"].as_i64().unwrap();
    let too_much = app.post(&format!("/api/v1/fundings/{funding}/commitments"), &json!({"erp_reference": "PO-2", "date": "2027-07-02", "amount_cents": 60_000, "third_party": "X"}), t).await;
    too_much.assert_problem(409, "conflict");
    let blank_reason = app.post(&format!("/api/v1/fundings/{funding}/commitments"), &json!({"erp_reference": "PO-2", "date": "2027-07-02", "amount_cents": 60_000, "third_party": "X", "overrun_reason": "   "}), t).await;
    blank_reason.assert_problem(409, "conflict");
    let overrun = app.post(&format!("/api/v1/fundings/{funding}/commitments"), &json!({"erp_reference": "PO-2", "date": "2027-07-02", "amount_cents": 60_000, "third_party": "X", "overrun_reason": " Meerwerk na bodemonderzoek "}), t).await;
    assert_eq!(overrun.status, 201, "{}", overrun.text);
    assert_eq!(
        overrun.json()["overrun_reason"],
        "Meerwerk na bodemonderzoek"
    );
    let spent = app
        .post(
            &format!("/api/v1/commitments/{commitment}/expenditures"),
            &json!({"reference": "F-1", "date": "2027-08-01", "amount_cents": 120_000}),
            t,
        )
        .await;
    assert_eq!(spent.status, 201, "{}", spent.text);

    let report = app.get("/api/v1/reports/budget-lines", t).await.json();
    let line = &report["lines"][0];
    assert_eq!(
        (
            line["planned_cents"].as_i64(),
            line["allocated_cents"].as_i64(),
            line["committed_cents"].as_i64(),
            line["spent_cents"].as_i64()
        ),
        (Some(1_000_000), Some(300_000), Some(310_000), Some(120_000))
    );
    // Every grouping adds up to the same money, the per-edition one included.
    for group in ["by_action", "by_objective", "by_policy_field", "by_edition"] {
        for money in ["allocated_cents", "committed_cents", "spent_cents"] {
            let sum: i64 = report[group]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g[money].as_i64().unwrap())
                .sum();
            assert_eq!(
                sum,
                report["total"][money].as_i64().unwrap(),
                "{group} {money}"
            );
        }
    }
    let per_edition = &line["by_edition"][v.edition.to_string()];
    assert_eq!(
        (
            per_edition["allocated_cents"].as_i64(),
            per_edition["committed_cents"].as_i64(),
            per_edition["spent_cents"].as_i64()
        ),
        (Some(300_000), Some(310_000), Some(120_000)),
        "{line}"
    );
    let by_edition_csv = app
        .get("/api/v1/reports/budget-lines?format=csv&group=edition", t)
        .await;
    assert!(
        by_edition_csv.text.contains("310000") && by_edition_csv.text.contains("120000"),
        "{}",
        by_edition_csv.text
    );
    let proposal = app
        .get(&format!("/api/v1/proposals/{}/report", v.projects[0]), None)
        .await
        .json();
    assert_eq!(proposal["committed_cents"], 310_000);
    assert_eq!(proposal["commitments"][0]["third_party"], "=Speeltuinen NV");

    let csv = app
        .get(
            "/api/v1/reports/budget-lines?format=csv&group=policy_field",
            t,
        )
        .await;
    assert_eq!(
        csv.text.lines().nth(1).unwrap(),
        "0680,1000000,300000,310000,120000"
    );
    app.get("/api/v1/reports/budget-lines", Some(&v.voters[0].token))
        .await
        .assert_problem(403, "forbidden");
}

#[tokio::test]
async fn csv_exports_neutralise_formulas() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[300_000]).await;
    let r = round(&app, &v, json!({})).await;
    {
        use diesel::prelude::*;
        use wijkbudget::store::schema::proposals::dsl::*;
        diesel::update(proposals.filter(id.eq(v.projects[0])))
            .set(title.eq("=HYPERLINK(\"http://x\")"))
            .execute(&mut app.db())
            .unwrap();
    }
    app.post(
        &format!("/api/v1/rounds/{r}/close"),
        &json!({"reason": "De test telt meteen"}),
        Some(&v.admin.token),
    )
    .await;
    let csv = app
        .get(&format!("/api/v1/rounds/{r}/results?format=csv"), None)
        .await
        .text;
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains("'=HYPERLINK"), "{row}");
    for dangerous in ["+1", "-1+2", "@SUM(A1)"] {
        assert!(wijkbudget::csv::cell(dangerous, ',').starts_with('\''));
    }
}

#[tokio::test]
async fn the_policy_field_list_of_every_policy_domain_is_seeded() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let finance = app
        .with_role(&admin, "Financiën", "finance", json!({}))
        .await;
    let listed = app.get("/api/v1/policy-fields", Some(&finance.token)).await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    let fields: Vec<(String, String)> = listed
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(fields.len(), 142);
    let mut codes: Vec<&str> = fields.iter().map(|(code, _)| code.as_str()).collect();
    codes.dedup();
    assert_eq!(codes.len(), fields.len(), "codes are unique");
    for domain in 0..10 {
        let prefix = format!("0{domain}");
        assert!(
            codes.iter().any(|c| c.starts_with(&prefix)),
            "policy domain {domain} has fields"
        );
    }
    let name_of = |code: &str| {
        fields
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, name)| name.as_str())
    };
    assert_eq!(name_of("0520"), Some("Toerisme - Onthaal en promotie"));
    assert_eq!(name_of("0530"), Some("Land-, tuin- en bosbouw"));
    assert_eq!(name_of("0600"), Some("Ruimtelijke planning"));
    assert_eq!(name_of("0610"), Some("Gebiedsontwikkeling"));
    assert_eq!(name_of("0171"), Some("Gemeentelijk/stedelijk wijkoverleg"));
    assert_eq!(name_of("0992"), Some("Lijkbezorging"));
}

#[tokio::test]
async fn the_demo_city_shows_the_whole_cycle_through_the_public_api() {
    let app = spawn_app().await;
    let summary =
        wijkbudget::cli::seed_demo::seed(&mut app.db(), &app.config.pseudonym_secret).unwrap();
    assert!(summary.contains("8"), "{summary}");
    assert!(
        wijkbudget::cli::seed_demo::seed(&mut app.db(), &app.config.pseudonym_secret).is_err(),
        "only into an empty database"
    );
    // Every account the summary prints signs in with the demo password and has what it says.
    let password = crate::helpers::demo_password(&summary);
    let printed: Vec<(&str, &str)> = summary
        .lines()
        .filter_map(|line| line.trim().split_once(char::is_whitespace))
        .filter(|(email, _)| email.contains('@'))
        .map(|(email, what)| (email, what.trim()))
        .collect();
    let mut roles_seen = Vec::new();
    for (email, what) in &printed {
        let me = app.sign_in(email, &password).await;
        let account = app.get("/api/v1/me", Some(&me.token)).await.json();
        let roles: Vec<String> = account["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["role"].as_str().unwrap().to_string())
            .collect();
        match roles.first() {
            Some(role) => assert!(what.starts_with(role.as_str()), "{email}: {what} {roles:?}"),
            None if what.starts_with("waiting") => assert!(
                account["residency"].is_null() && account["claimed_area_id"].is_i64(),
                "{email}: {what}"
            ),
            None => assert!(
                what.starts_with("resident") && account["residency"].is_object(),
                "{email}: {what}"
            ),
        }
        roles_seen.extend(roles);
    }
    for role in ["admin", "reviewer", "council", "finance", "area_worker"] {
        assert!(
            roles_seen.iter().any(|r| r == role),
            "no {role} printed: {summary}"
        );
    }
    let editions = app.get("/api/v1/editions?limit=20", None).await.json();
    let phases: Vec<&str> = editions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["phase"].as_str().unwrap())
        .collect();
    for phase in [
        "draft",
        "ideas",
        "support",
        "review",
        "voting",
        "decision",
        "implementation",
        "closed",
    ] {
        assert!(phases.contains(&phase), "{phase} missing from {phases:?}");
    }
    let implementing = editions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["phase"] == "implementation")
        .unwrap();
    let id = implementing["id"].as_i64().unwrap();
    let rounds = app
        .get(&format!("/api/v1/editions/{id}/rounds"), None)
        .await
        .json();
    let round = rounds[0]["id"].as_i64().unwrap();
    let results = app
        .get(&format!("/api/v1/rounds/{round}/results"), None)
        .await
        .json();
    assert_eq!(results["rule"], "equalshares/add1");
    assert_eq!(results["ballots"], 12);
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{round}/decisions"), None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let funded = results["selected"][0].as_i64().unwrap();
    let report = app
        .get(&format!("/api/v1/proposals/{funded}/report"), None)
        .await
        .json();
    assert_eq!(report["state"], "in_progress");
    assert_eq!(report["allocated_cents"], report["approved_cost_cents"]);
    assert!(report["spent_cents"].as_i64().unwrap() > 0);
    assert_eq!(report["milestones"].as_array().unwrap().len(), 1);
    let admin = app
        .sign_in(
            wijkbudget::cli::seed_demo::ADMIN_EMAIL,
            wijkbudget::cli::seed_demo::PASSWORD,
        )
        .await;
    assert_eq!(
        app.get("/api/v1/users?limit=5", Some(&admin.token))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_wrong_booking_is_reversed_never_edited_and_reports_show_both() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    approve_all(&app, &v, r, &council).await;
    let b = books(&app, &v, 1_000_000).await;
    let t = Some(b.finance.token.as_str());
    let p = v.projects[0];
    let funding = app
        .post(
            &format!("/api/v1/proposals/{p}/fundings"),
            &json!({"budget_line_id": b.line, "amount_cents": 300_000, "kind": "own_execution"}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let commitment = app
        .post(&format!("/api/v1/fundings/{funding}/commitments"), &json!({"erp_reference": "PO-1", "date": "2027-07-01", "amount_cents": 200_000, "third_party": "Aannemer"}), t)
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let spend = |reference: &'static str, amount: i64| {
        let (app, path) = (
            &app,
            format!("/api/v1/commitments/{commitment}/expenditures"),
        );
        async move {
            app.post(
                &path,
                &json!({"reference": reference, "date": "2027-08-01", "amount_cents": amount}),
                t,
            )
            .await
        }
    };
    let invoice = spend("F-2027-001", 50_000).await.json()["id"]
        .as_i64()
        .unwrap();
    spend(" f-2027-001 ", 10_000)
        .await
        .assert_problem(409, "already_exists");

    let reverse = |book: &'static str, id: i64, amount: i64, reason: &'static str| {
        let (app, path) = (&app, format!("/api/v1/{book}/{id}/reversals"));
        async move {
            app.post(&path, &json!({"amount_cents": amount, "reason": reason}), t)
                .await
        }
    };
    reverse("fundings", funding, 300_000, "Verkeerde lijn")
        .await
        .assert_problem(409, "conflict");
    let too_much = reverse("expenditures", invoice, 60_000, "Dubbel geboekt").await;
    too_much.assert_problem(422, "validation_failed");
    assert_eq!(too_much.error_fields(), vec!["amount_cents"]);
    reverse("expenditures", invoice, 50_000, " ")
        .await
        .assert_problem(422, "validation_failed");
    let reversal = reverse(
        "expenditures",
        invoice,
        50_000,
        "Factuur op het verkeerde bedrag",
    )
    .await;
    assert_eq!(reversal.status, 201, "{}", reversal.text);
    let reversal = reversal.json();
    assert_eq!(
        (
            reversal["amount_cents"].as_i64(),
            reversal["corrects_id"].as_i64()
        ),
        (Some(-50_000), Some(invoice))
    );
    reverse("expenditures", reversal["id"].as_i64().unwrap(), 1, "Terug")
        .await
        .assert_problem(409, "conflict");
    assert_eq!(
        spend("F-2027-001", 40_000).await.status,
        201,
        "a fully reversed invoice is booked again"
    );
    reverse("commitments", commitment, 200_000, "Te hoog")
        .await
        .assert_problem(409, "conflict");
    assert_eq!(
        reverse("commitments", commitment, 100_000, "Bestelling verkleind")
            .await
            .status,
        201
    );

    let report = app
        .get(&format!("/api/v1/proposals/{p}/report"), t)
        .await
        .json();
    let spent: Vec<i64> = report["expenditures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["amount_cents"].as_i64().unwrap())
        .collect();
    assert_eq!(spent, vec![50_000, -50_000, 40_000], "{report}");
    assert_eq!(
        (
            report["committed_cents"].as_i64(),
            report["spent_cents"].as_i64()
        ),
        (Some(100_000), Some(40_000))
    );
    assert_eq!(
        report["commitments"][1]["correction_reason"],
        "Bestelling verkleind"
    );
    let lines = app.get("/api/v1/reports/budget-lines", t).await.json();
    assert_eq!(lines["total"]["spent_cents"], 40_000, "{lines}");
    assert_eq!(lines["total"]["committed_cents"], 100_000);
    assert_eq!(lines["total"]["allocated_cents"], 300_000);
}

#[tokio::test]
async fn milestones_plan_items_and_lines_are_edited_with_a_reason_and_keep_their_history() {
    let app = spawn_app().await;
    let (v, r, council) = decided_round(&app).await;
    approve_all(&app, &v, r, &council).await;
    let b = books(&app, &v, 1_000_000).await;
    let t = Some(b.finance.token.as_str());
    let p = v.projects[0];
    let funded = app
        .post(
            &format!("/api/v1/proposals/{p}/fundings"),
            &json!({"budget_line_id": b.line, "amount_cents": 300_000, "kind": "own_execution"}),
            t,
        )
        .await;
    assert_eq!(funded.status, 201, "{}", funded.text);
    let advanced = app
        .post(
            &format!("/api/v1/proposals/{p}/implementation"),
            &json!({"state": "funded"}),
            t,
        )
        .await;
    assert_eq!(advanced.status, 204, "{}", advanced.text);
    let milestone = app
        .post(
            &format!("/api/v1/proposals/{p}/milestones"),
            &json!({"title": "Bestek klaar", "status": "done", "progress_pct": 100}),
            t,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/milestones/{milestone}");
    let corrected = json!({"title": "Bestek klaar", "status": "in_progress", "progress_pct": 60, "reason": "Te vroeg op klaar gezet"});
    let mut no_reason = corrected.clone();
    no_reason["reason"] = json!(" ");
    app.patch(&path, &no_reason, t)
        .await
        .assert_problem(422, "validation_failed");
    app.patch(&path, &corrected, Some(&v.voters[0].token))
        .await
        .assert_problem(403, "forbidden");
    let edited = app.patch(&path, &corrected, t).await;
    assert_eq!(edited.json()["status"], "in_progress", "{}", edited.text);
    let history = app
        .get(
            &format!("/api/v1/revisions?entity_type=milestone&entity_id={milestone}"),
            t,
        )
        .await
        .json();
    assert_eq!(history[0]["before"]["status"], "done", "{history}");
    assert_eq!(history[0]["after"]["progress_pct"], 60);
    assert_eq!(history[0]["reason"], "Te vroeg op klaar gezet");

    let line = app.get("/api/v1/budget-lines", t).await.json()[0].clone();
    let action = line["action_id"].as_i64().unwrap();
    let renamed = app
        .patch(&format!("/api/v1/actions/{action}"), &json!({"title": "Wijkbudget en buurtinitiatieven", "priority": false, "reason": "Titel uit het aangepaste meerjarenplan"}), t)
        .await;
    assert_eq!(
        renamed.json()["title"],
        "Wijkbudget en buurtinitiatieven",
        "{}",
        renamed.text
    );
    assert_eq!(renamed.json()["code"], "A1.1.1", "the code stays");
    let objective = app.get("/api/v1/plans", t).await.json()[0]["objectives"][0]["id"]
        .as_i64()
        .unwrap();
    let refused = app
        .patch(
            &format!("/api/v1/objectives/{objective}"),
            &json!({"title": "X", "priority": true, "reason": "Y"}),
            t,
        )
        .await;
    assert_eq!(refused.error_fields(), vec!["priority"]);
    let replanned = app
        .patch(
            &format!("/api/v1/budget-lines/{}", b.line),
            &json!({"planned_cents": 900_000, "reason": "Begrotingswijziging 2027/1"}),
            t,
        )
        .await;
    assert_eq!(replanned.status, 200, "{}", replanned.text);
    let line_history = app
        .get(
            &format!(
                "/api/v1/revisions?entity_type=budget_line&entity_id={}",
                b.line
            ),
            t,
        )
        .await
        .json();
    assert_eq!(
        (
            line_history[0]["before"]["planned_cents"].as_i64(),
            line_history[0]["after"]["planned_cents"].as_i64()
        ),
        (Some(1_000_000), Some(900_000))
    );
    let action_history = app
        .get(
            &format!("/api/v1/revisions?entity_type=action&entity_id={action}"),
            t,
        )
        .await
        .json();
    assert_eq!(action_history[0]["before"]["title"], "Wijkbudget");

    let used = app
        .patch(
            &format!("/api/v1/budget-lines/{}", b.line),
            &json!({"fiscal_year": 2028, "reason": "Verschoven"}),
            t,
        )
        .await;
    used.assert_problem(409, "conflict");
    let unused = plan_line(
        &app,
        &b.finance,
        PlanLine {
            name: "MJP 2026-2031 bis",
            years: (2026, 2031),
            fiscal_year: 2027,
            ledger_account: ("6493000", "Werkingssubsidies aan verenigingen"),
            planned: 50_000,
        },
    )
    .await;
    let out_of_plan = app
        .patch(
            &format!("/api/v1/budget-lines/{unused}"),
            &json!({"fiscal_year": 2040, "reason": "Tikfout"}),
            t,
        )
        .await;
    assert_eq!(
        out_of_plan.error_fields(),
        vec!["fiscal_year"],
        "{}",
        out_of_plan.text
    );
    let moved = app
        .patch(
            &format!("/api/v1/budget-lines/{unused}"),
            &json!({"fiscal_year": 2028, "reason": "Tikfout: het jaar is 2028"}),
            t,
        )
        .await;
    assert_eq!(moved.json()["fiscal_year"], 2028, "{}", moved.text);
    let moved_history = app
        .get(
            &format!("/api/v1/revisions?entity_type=budget_line&entity_id={unused}"),
            t,
        )
        .await
        .json();
    assert_eq!(
        (
            moved_history[0]["before"]["fiscal_year"].as_i64(),
            moved_history[0]["after"]["fiscal_year"].as_i64()
        ),
        (Some(2027), Some(2028))
    );

    // Finance shows the work with a picture and says it in French too; the site shows both.
    let picture = crate::attachments::upload(
        &app,
        &b.finance,
        &format!("/api/v1/milestones/{milestone}/attachments"),
        (crate::attachments::png_bytes(), "werf.png", "image/png"),
    )
    .await;
    assert_eq!(picture.status, 201, "{}", picture.text);
    assert_eq!(picture.json()["milestone_id"], milestone);
    let french = app
        .put(
            &format!("/api/v1/translations/milestone/{milestone}/fr"),
            &json!({"title": "Cahier des charges prêt", "body": "Les plans sont faits."}),
            t,
        )
        .await;
    assert_eq!(french.status, 200, "{}", french.text);
    let site = crate::site::Browser::new(&app)
        .open(&format!("/proposals/{p}?lang=fr"))
        .await;
    assert!(
        site.text.contains("Cahier des charges prêt"),
        "{}",
        site.text
    );
    assert!(
        site.text.contains("alt=\"De hoek van het plein\""),
        "the milestone's picture"
    );
}

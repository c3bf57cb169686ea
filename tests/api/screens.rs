//! Every screen of a resident app and of a council dashboard, on the demo city, served by at
//! most two requests: each test counts its requests and checks that what the screen shows is
//! in the answers.

use serde_json::Value;

use crate::helpers::{Account, TestApp, demo_password, spawn_app};

/// The demo city, signed in as a resident of its first area (who voted there) and as staff.
struct City {
    app: TestApp,
    resident: Account,
    admin: Account,
    reviewer: Account,
    council: Account,
    finance: Account,
    summary: String,
}

async fn demo_city() -> City {
    let app = spawn_app().await;
    let summary =
        wijkbudget::cli::seed_demo::seed(&mut app.db(), &app.config.pseudonym_secret).unwrap();
    let password = demo_password(&summary);
    let account_of = |what: &str| {
        summary
            .lines()
            .find(|line| line.contains(what))
            .and_then(|line| line.split_whitespace().next())
            .unwrap_or_else(|| panic!("no {what} in {summary}"))
            .to_string()
    };
    let (resident, admin, reviewer, council, finance) = (
        account_of("resident of area BRUG"),
        account_of(" admin"),
        account_of("reviewer of"),
        account_of(" council"),
        account_of(" finance"),
    );
    City {
        resident: app.sign_in(&resident, &password).await,
        admin: app.sign_in(&admin, &password).await,
        reviewer: app.sign_in(&reviewer, &password).await,
        council: app.sign_in(&council, &password).await,
        finance: app.sign_in(&finance, &password).await,
        summary,
        app,
    }
}

/// Counts the requests a screen makes.
struct Screen<'a> {
    app: &'a TestApp,
    requests: usize,
}

impl<'a> Screen<'a> {
    fn of(app: &'a TestApp) -> Self {
        Self { app, requests: 0 }
    }

    async fn get(&mut self, path: &str, who: Option<&Account>) -> Value {
        self.requests += 1;
        let reply = self.app.get(path, who.map(|a| a.token.as_str())).await;
        assert_eq!(reply.status, 200, "GET {path}: {}", reply.text);
        reply.json()
    }

    fn done(self) {
        assert!(self.requests <= 2, "{} requests", self.requests);
    }
}

fn first_in_phase(editions: &Value, phase: &str) -> i64 {
    editions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["phase"] == phase)
        .unwrap_or_else(|| panic!("no edition in {phase}"))["id"]
        .as_i64()
        .unwrap()
}

async fn edition_in(city: &City, phase: &str) -> i64 {
    let editions = city
        .app
        .get(&format!("/api/v1/editions?phase={phase}"), None)
        .await
        .json();
    first_in_phase(&editions, phase)
}

async fn round_of(city: &City, phase: &str) -> i64 {
    let edition = edition_in(city, phase).await;
    city.app
        .get(&format!("/api/v1/editions/{edition}/rounds"), None)
        .await
        .json()[0]["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn resident_screens_take_at_most_two_requests_each() {
    let city = demo_city().await;
    let app = &city.app;
    let me = Some(&city.resident);

    // Home: the current editions with their phase and dates.
    let mut home = Screen::of(app);
    let current = home
        .get(
            "/api/v1/editions?phase=ideas,support,review,voting,decision,implementation",
            None,
        )
        .await;
    assert_eq!(current["items"].as_array().unwrap().len(), 6);
    assert!(current["items"][0]["schedule"].is_object());
    home.done();

    // An area: its figures and its proposals in the edition that collects support.
    let supporting = edition_in(&city, "support").await;
    let area_id = city.resident_area(app).await;
    let mut area = Screen::of(app);
    let figures = area.get(&format!("/api/v1/areas/{area_id}"), None).await;
    assert!(figures["population"].as_i64().unwrap() > 0);
    let ideas = area
        .get(
            &format!("/api/v1/editions/{supporting}/proposals?area_id={area_id}"),
            me,
        )
        .await;
    assert!(!ideas["items"].as_array().unwrap().is_empty());
    area.done();

    // The proposal list with filters, fairly shuffled, with what each card shows.
    let mut list = Screen::of(app);
    let page = list
        .get(
            &format!(
                "/api/v1/editions/{supporting}/proposals?state=submitted,threshold_reached&sort=random&seed=12&limit=5"
            ),
            me,
        )
        .await;
    let card = &page["items"][0];
    for field in [
        "title",
        "summary",
        "author_name",
        "support_count",
        "supported_by_me",
        "state",
    ] {
        assert!(!card[field].is_null(), "{field} missing from {card}");
    }
    list.done();

    // A proposal page: text, cost, history, review, supporters, whether I co-signed.
    let counted = round_of(&city, "decision").await;
    let any = app
        .get(&format!("/api/v1/rounds/{counted}/results"), None)
        .await
        .json()["selected"][0]
        .as_i64()
        .unwrap();
    let mut page_screen = Screen::of(app);
    let proposal = page_screen
        .get(&format!("/api/v1/proposals/{any}"), me)
        .await;
    for field in [
        "body_html",
        "history",
        "review",
        "support_count",
        "supported_by_me",
        "coauthors",
    ] {
        assert!(!proposal[field].is_null(), "{field} missing");
    }
    page_screen.done();

    // My things: my proposals and the ones I co-signed in one list, and my rounds.
    let mut mine = Screen::of(app);
    let proposals = mine
        .get("/api/v1/me/proposals?include_supported=true", me)
        .await;
    assert!(
        proposals["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["supported_by_me"] == true)
    );
    let rounds = mine.get("/api/v1/me/ballots", me).await;
    assert!(
        rounds
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["voted"] == true)
    );
    mine.done();

    // The voting booth: the ballot with every project, and my current choice.
    let open = round_of(&city, "voting").await;
    let mut booth = Screen::of(app);
    let ballot = booth.get(&format!("/api/v1/rounds/{open}"), None).await;
    assert!(ballot["projects"][0]["summary"].is_string());
    assert!(ballot["max_choices"].is_number());
    let my_ballot = booth
        .get(&format!("/api/v1/rounds/{open}/ballot"), me)
        .await;
    assert!(my_ballot["project_ids"].is_array());
    booth.done();

    // The receipt.
    let mut receipt = Screen::of(app);
    let kept = receipt
        .get(&format!("/api/v1/rounds/{open}/ballot"), me)
        .await;
    assert_eq!(kept["receipt"].as_str().unwrap().len(), 64);
    receipt.done();

    // The funded proposals being carried out, with how far each is, in one list.
    let implementing = edition_in(&city, "implementation").await;
    let mut progress = Screen::of(app);
    let funded = progress
        .get(
            &format!(
                "/api/v1/editions/{implementing}/proposals?state=funded,in_progress,completed"
            ),
            None,
        )
        .await;
    let with_progress: Vec<i64> = funded["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["progress_pct"].as_i64())
        .collect();
    assert!(
        !with_progress.is_empty() && with_progress.iter().all(|p| (0..=100).contains(p)),
        "{funded}"
    );
    progress.done();

    // The results of a round: votes, cost, funded or not, turnout.
    let mut results = Screen::of(app);
    let outcome = results
        .get(&format!("/api/v1/rounds/{counted}/results"), None)
        .await;
    assert!(outcome["projects"][0]["title"].is_string());
    assert!(outcome["turnout"].is_number());
    results.done();
}

#[tokio::test]
async fn council_dashboard_screens_take_at_most_two_requests_each() {
    let city = demo_city().await;
    let app = &city.app;
    assert!(city.summary.contains("council"));

    // The review queue of the reviewer's department.
    let mut review = Screen::of(app);
    let queue = review
        .get("/api/v1/review-queue", Some(&city.reviewer))
        .await;
    assert!(queue["items"].is_array());
    review.done();

    // The moderation queue.
    let mut moderation = Screen::of(app);
    let reports = moderation
        .get("/api/v1/moderation/reports", Some(&city.admin))
        .await;
    assert!(reports["items"].is_array());
    moderation.done();

    // A round's results and the council's decision on them.
    let counted = round_of(&city, "decision").await;
    let mut decision = Screen::of(app);
    let outcome = decision
        .get(
            &format!("/api/v1/rounds/{counted}/results"),
            Some(&city.council),
        )
        .await;
    assert!(!outcome["selected"].as_array().unwrap().is_empty());
    let decisions = decision
        .get(
            &format!("/api/v1/rounds/{counted}/decisions"),
            Some(&city.council),
        )
        .await;
    assert_eq!(decisions[0]["kind"], "approve");
    decision.done();

    // The rule comparison beside it: every rule that fits approval ballots on the same ballots,
    // the round's own rule first and equal to its published outcome.
    let mut comparison = Screen::of(app);
    let compared = comparison
        .get(
            &format!("/api/v1/rounds/{counted}/results/compare"),
            Some(&city.council),
        )
        .await;
    let rules: Vec<&str> = compared
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules[0], outcome["rule"].as_str().unwrap());
    assert!(
        rules.contains(&"greedy") && rules.contains(&"phragmen"),
        "{rules:?}"
    );
    assert_eq!(compared[0]["rule_of_the_round"], true);
    assert_eq!(compared[0]["selected"], outcome["selected"]);
    for rule in compared.as_array().unwrap() {
        let share = rule["voters_with_a_funded_project_bp"].as_i64().unwrap();
        assert!((0..=10_000).contains(&share), "{rule}");
        let spent: i64 = rule["spending_by_area"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["cents"].as_i64().unwrap())
            .sum();
        assert_eq!(spent, rule["total_cost_cents"].as_i64().unwrap(), "{rule}");
    }
    comparison.done();
    let open = round_of(&city, "voting").await;
    app.get(&format!("/api/v1/rounds/{open}/results/compare"), None)
        .await
        .assert_problem(409, "conflict");

    // The finance overview: every budget line with planned, funded, committed and spent.
    let mut finance = Screen::of(app);
    let report = finance
        .get("/api/v1/reports/budget-lines", Some(&city.finance))
        .await;
    assert!(!report.is_null());
    finance.done();
}

impl City {
    /// The area the resident lives in (read once, outside any screen).
    async fn resident_area(&self, app: &TestApp) -> i64 {
        app.get("/api/v1/me", Some(&self.resident.token))
            .await
            .json()["residency"]["area_id"]
            .as_i64()
            .unwrap()
    }
}

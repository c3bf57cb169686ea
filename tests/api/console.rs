//! The city's console: each staff member sees only the parts their roles allow, a part typed by
//! hand answers 403 with a page, and an area worker verifies residents and prints letter codes
//! through the same services (and rules) as the API.

use serde_json::json;

use crate::helpers::{Account, PASSWORD, TestApp, spawn_app};
use crate::proposals::setting;
use crate::site::{Browser, assert_page, header, signed_in};

/// Registers saying they live in `area`, and signs in (not verified there yet).
async fn claiming(app: &TestApp, name: &str, area: i64) -> Account {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let registered = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": email, "password": PASSWORD, "display_name": name, "area_id": area}),
            None,
        )
        .await;
    assert_eq!(registered.status, 202, "{}", registered.text);
    app.sign_in(&email, PASSWORD).await
}

#[tokio::test]
async fn an_area_worker_verifies_a_waiting_resident_and_prints_letter_codes_for_their_area_only() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let worker = app
        .with_role(
            &s.admin,
            "Wim Werker",
            "area_worker",
            json!({"area_id": s.north}),
        )
        .await;
    let waiting = claiming(&app, "Wachtende Bewoner", s.north).await;
    claiming(&app, "Zuiderling", s.south).await;
    let mut browser = signed_in(&app, &worker.email).await;

    let me = browser.open("/me").await;
    assert!(
        me.text.contains("href=\"/console\""),
        "staff find the console"
    );
    let console = browser.open("/console").await;
    assert_page(&console, 200, "nl");
    let north_queue = format!("/console/areas/{}/residents", s.north);
    let south_queue = format!("/console/areas/{}/residents", s.south);
    assert!(console.text.contains(&format!("href=\"{north_queue}\"")));
    assert!(
        !console.text.contains(&format!("href=\"{south_queue}\"")),
        "another area is never a link"
    );
    assert_page(&browser.open(&south_queue).await, 403, "nl");

    let queue = browser.open(&north_queue).await;
    assert_page(&queue, 200, "nl");
    assert!(queue.text.contains("Wachtende Bewoner"), "{}", queue.text);
    assert!(!queue.text.contains("Zuiderling"));
    let verify = format!("{north_queue}/{}/verify", waiting.id);
    let mut stranger = Browser::new(&app);
    stranger.open("/").await;
    assert_eq!(stranger.submit(&verify, &[]).await.status, 403);
    let verified = browser.submit(&verify, &[]).await;
    assert_eq!(verified.status, 303, "{}", verified.text);
    let after = browser.open(&header(&verified, "location")).await;
    assert!(after.text.contains("role=\"status\""));
    assert!(
        !after.text.contains("Wachtende Bewoner"),
        "no longer waiting"
    );
    let residency = app.get("/api/v1/me", Some(&waiting.token)).await.json()["residency"].clone();
    assert_eq!(residency["area_id"], s.north);
    assert_eq!(residency["method"], "in_person");
    let elsewhere = format!("/console/areas/{}/residents/{}/verify", s.south, waiting.id);
    browser.open(&north_queue).await;
    assert_page(&browser.submit(&elsewhere, &[]).await, 403, "nl");

    let codes_path = format!("/console/areas/{}/letter-codes", s.north);
    assert_page(&browser.open(&codes_path).await, 200, "nl");
    let refused = browser.submit(&codes_path, &[("count", "veel")]).await;
    assert_page(&refused, 422, "nl");
    assert!(
        refused.text.contains("<a href=\"#count\">"),
        "{}",
        refused.text
    );
    let sheet = browser.submit(&codes_path, &[("count", "3")]).await;
    assert_page(&sheet, 200, "nl");
    assert_eq!(
        header(&sheet, "cache-control"),
        "no-store",
        "codes are shown once"
    );
    let codes: Vec<String> = sheet
        .text
        .split("<code>")
        .skip(1)
        .map(|rest| rest[..rest.find("</code>").unwrap()].to_string())
        .collect();
    assert_eq!(codes.len(), 3, "{}", sheet.text);
    let newcomer = app.resident("Nieuwe Buur").await;
    let redeemed = app
        .post(
            "/api/v1/me/residency",
            &json!({"code": codes[1]}),
            Some(&newcomer.token),
        )
        .await;
    assert_eq!(redeemed.status, 200, "{}", redeemed.text);
    assert_eq!(redeemed.json()["area_id"], s.north);
    let south_codes = format!("/console/areas/{}/letter-codes", s.south);
    assert_page(
        &browser.submit(&south_codes, &[("count", "3")]).await,
        403,
        "nl",
    );
}

#[tokio::test]
async fn the_console_is_for_staff_and_sends_visitors_to_sign_in() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let anonymous = Browser::new(&app).open("/console").await;
    assert_eq!(anonymous.status, 303);
    assert!(header(&anonymous, "location").starts_with("/login?next="));
    let resident = app.resident("Gewone Bewoner").await;
    let mut browser = signed_in(&app, &resident.email).await;
    let refused = browser.open("/console").await;
    assert_page(&refused, 403, "nl");
    assert!(!browser.open("/me").await.text.contains("href=\"/console\""));
    assert_page(
        &browser
            .open(&format!("/console/areas/{}/residents", s.north))
            .await,
        403,
        "nl",
    );
    let mut admin = signed_in(&app, &s.admin.email).await;
    let every_area = admin.open("/console").await;
    for area in [s.north, s.south] {
        assert!(
            every_area
                .text
                .contains(&format!("/console/areas/{area}/residents"))
        );
    }
}

#[tokio::test]
async fn a_reviewer_reviews_a_proposal_of_their_department_in_the_console() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = crate::proposals::resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = crate::proposals::submitted_proposal(
        &app,
        &author,
        s.edition,
        s.north,
        "Bomen langs de Leie",
        1_000_000,
    )
    .await;
    crate::editions::move_to(&app, &s.admin, s.edition, "support").await;
    for name in ["Steun Een", "Steun Twee"] {
        let supporter = crate::proposals::resident_of(&app, &s.admin, name, s.north).await;
        app.post(
            &format!("/api/v1/proposals/{id}/support"),
            &json!({}),
            Some(&supporter.token),
        )
        .await;
    }
    crate::editions::move_to(&app, &s.admin, s.edition, "review").await;
    let mut admin = signed_in(&app, &s.admin.email).await;
    let assignments = format!("/console/editions/{}/assignments", s.edition);
    let listed = admin.open(&assignments).await;
    assert_page(&listed, 200, "nl");
    assert!(
        listed.text.contains("Bomen langs de Leie"),
        "{}",
        listed.text
    );
    let proposal = id.to_string();
    let unknown = admin
        .submit(
            &assignments,
            &[("proposal", &proposal), ("department", "nergens")],
        )
        .await;
    assert_page(&unknown, 422, "nl");
    assert!(
        unknown
            .text
            .contains(&format!("<a href=\"#department-{id}\">"))
    );
    let assigned = admin
        .submit(
            &assignments,
            &[("proposal", &proposal), ("department", "stad")],
        )
        .await;
    assert_eq!(assigned.status, 303, "{}", assigned.text);
    let seen = app
        .get(&format!("/api/v1/proposals/{id}"), Some(&s.admin.token))
        .await
        .json();
    assert_eq!(seen["review"]["department"], "stad", "{seen}");
    let reviewer = app
        .with_role(&s.admin, "Nadia", "reviewer", json!({"department": "stad"}))
        .await;
    let roads = app
        .with_role(
            &s.admin,
            "Wegenman",
            "reviewer",
            json!({"department": "wegen"}),
        )
        .await;

    let mut other = signed_in(&app, &roads.email).await;
    let their_queue = other.open("/console/reviews").await;
    assert_page(&their_queue, 200, "nl");
    assert!(
        !their_queue.text.contains("Bomen langs de Leie"),
        "another department's"
    );
    let review_path = format!("/console/reviews/{id}");
    other.open(&review_path).await;
    let not_theirs = other
        .submit(
            &review_path,
            &[
                ("verdict", "infeasible"),
                ("public_explanation", "Niet van ons."),
            ],
        )
        .await;
    assert_page(&not_theirs, 403, "nl");

    let mut browser = signed_in(&app, &reviewer.email).await;
    let console = browser.open("/console").await;
    assert!(console.text.contains("href=\"/console/reviews\""));
    let queue = browser.open("/console/reviews").await;
    assert!(
        queue.text.contains(&format!("href=\"{review_path}\"")),
        "{}",
        queue.text
    );
    assert!(
        !queue.text.contains("overdue-tag"),
        "due when the vote starts"
    );
    let past = json!({"schedule": {"ideas": "2025-01-10T00:00:00Z", "support": "2025-02-10T00:00:00Z", "voting": "2025-05-01T00:00:00Z"}});
    let moved = app
        .patch(
            &format!("/api/v1/editions/{}", s.edition),
            &past,
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let late = browser.open("/console/reviews?show=overdue").await;
    assert!(late.text.contains("overdue-tag"), "{}", late.text);
    assert!(late.text.contains(&format!("href=\"{review_path}\"")));
    let listed = app.get("/api/v1/review-queue", Some(&reviewer.token)).await;
    assert_eq!(
        listed.json()["items"][0]["overdue"],
        true,
        "{}",
        listed.text
    );
    assert_eq!(listed.json()["items"][0]["due_at"], "2025-05-01T00:00:00Z");
    assert_page(&browser.open(&review_path).await, 200, "nl");
    let no_verdict = browser
        .submit(&review_path, &[("public_explanation", "Kan.")])
        .await;
    assert_page(&no_verdict, 422, "nl");
    assert!(
        no_verdict.text.contains("<a href=\"#verdict-feasible\">"),
        "{}",
        no_verdict.text
    );
    let incomplete = browser
        .submit(&review_path, &[("verdict", "feasible")])
        .await;
    assert_page(&incomplete, 422, "nl");
    for anchor in ["#public_explanation", "#reviewed_cost"] {
        assert!(
            incomplete.text.contains(&format!("<a href=\"{anchor}\">")),
            "{}",
            incomplete.text
        );
    }
    let lines_off = browser
        .submit(
            &review_path,
            &[
                ("verdict", "feasible"),
                ("public_explanation", "Kan op openbaar domein."),
                ("reviewed_cost", "12.000"),
                (
                    "reviewed_cost_lines",
                    "Beplanting; 9.000\nOnderhoud eerste jaar; 2.000",
                ),
            ],
        )
        .await;
    assert_page(&lines_off, 422, "nl");
    assert!(
        lines_off.text.contains("<a href=\"#reviewed_cost_lines\">"),
        "{}",
        lines_off.text
    );
    let recorded = browser
        .submit(
            &review_path,
            &[
                ("verdict", "feasible"),
                ("public_explanation", "Kan op openbaar domein."),
                ("reviewed_cost", "12.000"),
                (
                    "reviewed_cost_lines",
                    "Beplanting; 9.000\nOnderhoud eerste jaar; 3.000",
                ),
                ("internal_notes", "Offerte van de groendienst gevraagd."),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.text);
    assert_eq!(
        header(&recorded, "location"),
        format!("/console/reviews?reviewed={id}")
    );
    let seen_by_reviewer = app
        .get(&format!("/api/v1/proposals/{id}"), Some(&reviewer.token))
        .await
        .json();
    assert_eq!(seen_by_reviewer["state"], "feasible");
    assert_eq!(seen_by_reviewer["review"]["reviewed_cost_cents"], 1_200_000);
    assert_eq!(
        seen_by_reviewer["review"]["internal_notes"],
        "Offerte van de groendienst gevraagd."
    );
    let public = app
        .get(&format!("/api/v1/proposals/{id}"), None)
        .await
        .json();
    assert!(public["review"]["internal_notes"].is_null(), "{public}");
    assert_eq!(
        public["review"]["reviewed_cost_lines"],
        json!([
            {"description": "Beplanting", "amount_cents": 900_000},
            {"description": "Onderhoud eerste jaar", "amount_cents": 300_000},
        ]),
        "the department's breakdown is public"
    );
    let after = browser.open(&header(&recorded, "location")).await;
    assert!(
        !after.text.contains("Bomen langs de Leie"),
        "no longer waiting"
    );

    let mut resident = signed_in(&app, &author.email).await;
    assert_page(&resident.open("/console/reviews").await, 403, "nl");
}

/// What a refused console request must leave as it was: how many audit entries, mails,
/// proposal events, decisions and entries on the books there are, and when proposals, editions
/// and rounds last changed.
fn fingerprint(app: &TestApp) -> Vec<String> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }
    let counted = [
        "audit_log",
        "mail_outbox",
        "proposal_events",
        "decisions",
        "fundings",
        "commitments",
        "expenditures",
        "milestones",
        "residency_codes",
        "rounds",
        "editions",
        "proposals",
        "supports",
    ]
    .map(|table| format!("SELECT CAST(COUNT(*) AS TEXT) AS value FROM {table}"));
    let changed = [
        ("proposals", "updated_at"),
        ("editions", "updated_at"),
        ("rounds", "updated_at"),
        ("residencies", "verified_at"),
    ]
    .map(|(table, column)| {
        format!("SELECT COALESCE(CAST(MAX({column}) AS TEXT), '') AS value FROM {table}")
    });
    counted
        .iter()
        .chain(&changed)
        .map(|query| {
            diesel::sql_query(query)
                .get_result::<Row>(&mut app.db())
                .unwrap()
                .value
        })
        .collect()
}

#[tokio::test]
async fn every_console_page_and_form_answers_403_to_who_lacks_its_role_and_changes_nothing() {
    use wijkbudget::domain::role::Role;
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = crate::proposals::resident_of(&app, &s.admin, "Auteur", s.north).await;
    let proposal = crate::proposals::submitted_proposal(
        &app,
        &author,
        s.edition,
        s.north,
        "Een bank op het plein",
        500_000,
    )
    .await;
    let resident = app.resident("Zonder Rol").await;
    let mut people = vec![(None, signed_in(&app, &resident.email).await)];
    for (role, scope) in [
        (Role::AreaWorker, json!({"area_id": s.north})),
        (Role::Reviewer, json!({"department": "stad"})),
        (Role::Council, json!({})),
        (Role::Finance, json!({})),
    ] {
        let staff = app
            .with_role(&s.admin, role.as_str(), role.as_str(), scope)
            .await;
        people.push((Some(role), signed_in(&app, &staff.email).await));
    }
    people.push((Some(Role::Admin), signed_in(&app, &s.admin.email).await));
    for (_, browser) in &mut people {
        browser.open("/").await;
    }
    let before = fingerprint(&app);
    let mut checked = 0;
    for route in wijkbudget::web::console::ROUTES {
        let id = if route.path.starts_with("/console/areas/") {
            s.north
        } else if route.path.starts_with("/console/editions/") {
            s.edition
        } else {
            proposal
        };
        let path = route
            .path
            .replace("{id}", &id.to_string())
            .replace("{user}", &resident.id.to_string())
            .replace("{form}", "fundings")
            .replace("{grant}", "1");
        for (role, browser) in &mut people {
            if role.is_some_and(|role| route.roles.contains(&role)) {
                continue;
            }
            let reply = match route.method {
                "get" => browser.open(&path).await,
                _ => browser.submit(&path, &[("reason", "geprobeerd")]).await,
            };
            assert_page(&reply, 403, "nl");
            assert!(
                reply.text.contains("<h1"),
                "{} {path} as {role:?}: a readable page",
                route.method
            );
            checked += 1;
        }
    }
    assert!(checked >= wijkbudget::web::console::ROUTES.len());
    assert_eq!(
        fingerprint(&app),
        before,
        "a refused request changed nothing"
    );
}

//! Every route × every kind of caller: who gets 401, who gets 403, who gets through.
//! Later features add their routes to `routes()`.

use std::collections::HashMap;

use reqwest::Method;
use serde_json::{Value, json};

use crate::editions::{create_area, create_edition};
use crate::helpers::{Account, PASSWORD, TestApp, spawn_app};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Caller {
    Anonymous,
    Resident,
    AreaWorkerHere,
    AreaWorkerElsewhere,
    Reviewer,
    Council,
    Finance,
    Admin,
}

const CALLERS: [Caller; 8] = [
    Caller::Anonymous,
    Caller::Resident,
    Caller::AreaWorkerHere,
    Caller::AreaWorkerElsewhere,
    Caller::Reviewer,
    Caller::Council,
    Caller::Finance,
    Caller::Admin,
];

/// Who may use a route.
#[derive(Clone, Copy, Debug)]
pub enum Access {
    Public,
    /// Public, and answers wrong credentials with 401 (sign-in, refresh).
    Credentials,
    SignedIn,
    Admin,
    /// An area worker of the area in the path or body, or an administrator.
    AreaWorkerHereOrAdmin,
    /// An area worker of any area, or an administrator.
    AreaWorkerOrAdmin,
    /// Reviewers and administrators.
    ReviewerOrAdmin,
    /// The council only (administrators do not decide on outcomes).
    Council,
    /// Finance and administrators change the books.
    FinanceOrAdmin,
    /// Finance, the council and administrators read them.
    BookReader,
    /// Signed in; the answer may still be a 403 for a business reason (not a resident of the
    /// area, e-mail not verified), never a 401.
    SignedInWithConditions,
}

impl Access {
    fn allows(self, caller: Caller) -> bool {
        match self {
            Access::Public | Access::Credentials => true,
            Access::SignedIn => caller != Caller::Anonymous,
            Access::Admin => caller == Caller::Admin,
            Access::AreaWorkerHereOrAdmin => {
                matches!(caller, Caller::AreaWorkerHere | Caller::Admin)
            }
            Access::AreaWorkerOrAdmin => matches!(
                caller,
                Caller::AreaWorkerHere | Caller::AreaWorkerElsewhere | Caller::Admin
            ),
            Access::ReviewerOrAdmin => matches!(caller, Caller::Reviewer | Caller::Admin),
            Access::Council => caller == Caller::Council,
            Access::FinanceOrAdmin => matches!(caller, Caller::Finance | Caller::Admin),
            Access::BookReader => {
                matches!(caller, Caller::Finance | Caller::Council | Caller::Admin)
            }
            Access::SignedInWithConditions => caller != Caller::Anonymous,
        }
    }
}

pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub body: Option<Value>,
    pub access: Access,
    /// A CSV body instead of JSON.
    pub csv: Option<&'static str>,
    /// The call ends the caller's session, so it gets a session of its own.
    pub ends_session: bool,
}

fn route(method: Method, path: &'static str, body: Option<Value>, access: Access) -> Route {
    Route {
        method,
        path,
        body,
        access,
        csv: None,
        ends_session: false,
    }
}

pub fn routes() -> Vec<Route> {
    use Access::*;
    let post = Method::POST;
    let get = Method::GET;
    vec![
        route(get.clone(), "/health", None, Public),
        route(get.clone(), "/ready", None, Public),
        route(get.clone(), "/metrics", None, Public),
        route(
            post.clone(),
            "/api/v1/auth/register",
            Some(json!({"email": "x", "password": "x", "display_name": "x"})),
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/auth/verify-email",
            Some(json!({"token": "x"})),
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/auth/verify-email/resend",
            Some(json!({})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/auth/login",
            Some(json!({"email": "nobody@example.org", "password": "x"})),
            Credentials,
        ),
        route(
            post.clone(),
            "/api/v1/auth/refresh",
            Some(json!({"refresh_token": "x"})),
            Credentials,
        ),
        Route {
            ends_session: true,
            ..route(
                post.clone(),
                "/api/v1/auth/logout",
                Some(json!({})),
                SignedIn,
            )
        },
        route(
            post.clone(),
            "/api/v1/auth/password-reset",
            Some(json!({"email": "nobody@example.org"})),
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/auth/password-reset/confirm",
            Some(json!({"token": "x", "new_password": "x"})),
            Public,
        ),
        route(get.clone(), "/api/v1/me", None, SignedIn),
        route(Method::PATCH, "/api/v1/me", Some(json!({})), SignedIn),
        route(
            Method::DELETE,
            "/api/v1/me",
            Some(json!({"password": "not the password"})),
            SignedIn,
        ),
        route(get.clone(), "/api/v1/me/data", None, SignedIn),
        route(
            post.clone(),
            "/api/v1/me/password",
            Some(json!({"current_password": "wrong", "new_password": "x"})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/me/residency",
            Some(json!({"code": "NOPE"})),
            SignedIn,
        ),
        route(get.clone(), "/api/v1/me/proposals", None, SignedIn),
        route(get.clone(), "/api/v1/me/supports", None, SignedIn),
        route(get.clone(), "/api/v1/me/ballots", None, SignedIn),
        route(get.clone(), "/api/v1/me/notifications", None, SignedIn),
        route(get.clone(), "/api/v1/users", None, Admin),
        route(get.clone(), "/api/v1/review-queue", None, ReviewerOrAdmin),
        route(
            post.clone(),
            "/api/v1/users/{target}/roles",
            Some(json!({"role": "council"})),
            Admin,
        ),
        route(
            Method::DELETE,
            "/api/v1/users/{target}/roles/999999",
            None,
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/users/{target}/residency",
            Some(json!({"area_id": "{here}", "method": "in_person"})),
            AreaWorkerHereOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/areas/{here}/residency-codes",
            Some(json!({"count": 1})),
            AreaWorkerHereOrAdmin,
        ),
        Route {
            csv: Some("code,name,population,deprivation_index\nX,,-1,2\n"),
            ..route(post.clone(), "/api/v1/areas/import", None, Admin)
        },
        route(get.clone(), "/api/v1/areas", None, Public),
        route(get.clone(), "/api/v1/ballot-types", None, Public),
        route(
            get.clone(),
            "/api/v1/rounds/999999/results/compare",
            None,
            Public,
        ),
        route(
            get.clone(),
            "/api/v1/removed-proposals?since=2020-01-01T00:00:00Z",
            None,
            Public,
        ),
        route(get.clone(), "/api/v1/areas/{here}", None, Public),
        route(
            post.clone(),
            "/api/v1/areas",
            Some(json!({"code": "", "name": "", "population": 0})),
            Admin,
        ),
        route(
            Method::PATCH,
            "/api/v1/areas/{here}",
            Some(json!({"population": -1})),
            Admin,
        ),
        route(Method::DELETE, "/api/v1/areas/999999", None, Admin),
        route(get.clone(), "/api/v1/editions", None, Public),
        route(get.clone(), "/api/v1/editions/{edition}", None, Public),
        route(
            get.clone(),
            "/api/v1/editions/{edition}/envelopes",
            None,
            Public,
        ),
        route(post.clone(), "/api/v1/editions", Some(json!({})), Admin),
        route(
            Method::PATCH,
            "/api/v1/editions/{edition}",
            Some(json!({"reserved_bp": 0})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/editions/{edition}/phase",
            Some(json!({"phase": "closed"})),
            Admin,
        ),
        route(
            Method::PUT,
            "/api/v1/editions/{edition}/envelopes/{here}/override",
            Some(json!({"amount_cents": -1, "reason": ""})),
            Admin,
        ),
        route(
            get.clone(),
            "/api/v1/editions/{edition}/statistics",
            None,
            Public,
        ),
        route(
            get.clone(),
            "/api/v1/editions/{edition}/proposals",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/editions/{edition}/proposals",
            Some(json!({"title": "", "summary": "", "estimated_cost_cents": -1})),
            SignedInWithConditions,
        ),
        route(get.clone(), "/api/v1/proposals/999999", None, Public),
        route(
            Method::PATCH,
            "/api/v1/proposals/999999",
            Some(json!({})),
            SignedIn,
        ),
        route(
            get.clone(),
            "/api/v1/proposals/999999/versions",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/submit",
            Some(json!({})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/withdraw",
            Some(json!({})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/support",
            Some(json!({})),
            SignedIn,
        ),
        route(
            Method::DELETE,
            "/api/v1/proposals/999999/support",
            None,
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/reports",
            Some(json!({"reason": "x"})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/moderation",
            Some(json!({"hidden": true, "reason": "x"})),
            SignedIn,
        ),
        route(
            get.clone(),
            "/api/v1/proposals/999999/comments",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/comments",
            Some(json!({"body": "x"})),
            SignedIn,
        ),
        route(
            Method::PATCH,
            "/api/v1/comments/999999",
            Some(json!({"body": "x"})),
            SignedIn,
        ),
        route(Method::DELETE, "/api/v1/comments/999999", None, SignedIn),
        route(
            post.clone(),
            "/api/v1/comments/999999/reports",
            Some(json!({"reason": "x"})),
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/comments/999999/moderation",
            Some(json!({"hidden": true, "reason": "x"})),
            SignedIn,
        ),
        route(
            get.clone(),
            "/api/v1/comments/reported",
            None,
            AreaWorkerOrAdmin,
        ),
        route(get.clone(), "/api/v1/me/follows", None, SignedIn),
        route(
            post.clone(),
            "/api/v1/proposals/999999/attachments",
            None,
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/comments/999999/attachments",
            None,
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/milestones/999999/attachments",
            None,
            FinanceOrAdmin,
        ),
        route(
            get.clone(),
            "/api/v1/proposals/999999/attachments",
            None,
            Public,
        ),
        route(get.clone(), "/api/v1/files/999999", None, Public),
        route(get.clone(), "/api/v1/search?q=bank", None, Public),
        route(
            get.clone(),
            "/api/v1/translations/proposal/999999",
            None,
            Public,
        ),
        route(
            get.clone(),
            "/api/v1/translations/proposal/999999/fr/history",
            None,
            Public,
        ),
        route(
            Method::PUT,
            "/api/v1/translations/area/999999/fr",
            Some(json!({"title": "Nord"})),
            SignedIn,
        ),
        route(get.clone(), "/api/v1/files/999999/thumbnail", None, Public),
        route(Method::DELETE, "/api/v1/files/999999", None, SignedIn),
        route(
            get.clone(),
            "/api/v1/me/notification-preferences",
            None,
            SignedIn,
        ),
        route(
            Method::PATCH,
            "/api/v1/me/notification-preferences",
            Some(json!({"new_comment": "daily_digest"})),
            SignedIn,
        ),
        route(
            Method::PUT,
            "/api/v1/me/follows/proposal/999999",
            None,
            SignedIn,
        ),
        route(
            Method::DELETE,
            "/api/v1/me/follows/proposal/999999",
            None,
            SignedIn,
        ),
        route(
            post.clone(),
            "/api/v1/api-clients",
            Some(json!({"name": "", "scopes": []})),
            Admin,
        ),
        route(get.clone(), "/api/v1/api-clients", None, Admin),
        route(Method::DELETE, "/api/v1/api-clients/999999", None, Admin),
        route(post.clone(), "/api/v1/oauth/token", None, Credentials),
        route(get.clone(), "/api/v1/open-data", None, Public),
        route(
            get.clone(),
            "/api/v1/open-data/results?format=csv",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/webhooks",
            Some(json!({"url": "", "event_types": []})),
            Admin,
        ),
        route(get.clone(), "/api/v1/webhooks", None, Admin),
        route(
            Method::PATCH,
            "/api/v1/webhooks/999999",
            Some(json!({"enabled": true})),
            Admin,
        ),
        route(Method::DELETE, "/api/v1/webhooks/999999", None, Admin),
        route(
            get.clone(),
            "/api/v1/webhooks/999999/deliveries",
            None,
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/webhooks/999999/deliveries/1/replay",
            None,
            Admin,
        ),
        route(get.clone(), "/api/v1/departments", None, Public),
        route(
            post.clone(),
            "/api/v1/departments",
            Some(json!({"code": "", "name": ""})),
            Admin,
        ),
        route(
            get.clone(),
            "/api/v1/moderation/reports",
            None,
            AreaWorkerOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/assignment",
            Some(json!({"department": "x"})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/reviews",
            Some(json!({"verdict": "infeasible", "public_explanation": "x"})),
            ReviewerOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/merge",
            Some(json!({"proposal_ids": [], "reason": ""})),
            Admin,
        ),
        route(
            get.clone(),
            "/api/v1/editions/{edition}/rounds",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/editions/{edition}/rounds",
            Some(
                json!({"ballot_type": "approval", "rule": "nonsense", "opens_at": "2030-01-01T00:00:00Z", "closes_at": "2029-01-01T00:00:00Z"}),
            ),
            Admin,
        ),
        route(get.clone(), "/api/v1/rounds/999999", None, Public),
        route(
            Method::PATCH,
            "/api/v1/rounds/999999",
            Some(json!({})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/open",
            Some(json!({})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/close",
            Some(json!({})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/cancel",
            Some(json!({"reason": "x"})),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/reschedule",
            Some(
                json!({"reason": "x", "opens_at": "2099-01-01T00:00:00Z", "closes_at": "2099-01-02T00:00:00Z"}),
            ),
            Admin,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/withdrawals",
            Some(json!({"proposal_id": 1, "reason": "x"})),
            Admin,
        ),
        route(
            Method::PUT,
            "/api/v1/rounds/999999/ballot",
            Some(json!({"project_ids": []})),
            SignedInWithConditions,
        ),
        route(get.clone(), "/api/v1/rounds/999999/ballot", None, SignedIn),
        route(
            Method::DELETE,
            "/api/v1/rounds/999999/ballot",
            None,
            SignedInWithConditions,
        ),
        route(
            Method::PUT,
            "/api/v1/rounds/999999/code-ballot",
            Some(json!({"code": "x", "project_ids": []})),
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/rounds/999999/voting-codes",
            Some(json!({"count": 1})),
            Admin,
        ),
        Route {
            csv: Some("code,choices\nX,1\n"),
            ..route(
                post.clone(),
                "/api/v1/rounds/999999/paper-ballots",
                None,
                AreaWorkerOrAdmin,
            )
        },
        route(get.clone(), "/api/v1/rounds/999999/results", None, Public),
        route(get.clone(), "/api/v1/rounds/999999/export.pb", None, Public),
        route(get.clone(), "/api/v1/audit", None, Admin),
        route(
            post.clone(),
            "/api/v1/rounds/999999/decision",
            Some(json!({"kind": "approve", "council_session": "", "decided_on": "x"})),
            Council,
        ),
        route(get.clone(), "/api/v1/rounds/999999/decisions", None, Public),
        route(get.clone(), "/api/v1/plans", None, BookReader),
        route(
            post.clone(),
            "/api/v1/plans",
            Some(json!({"kind": "x", "name": "", "first_year": 1, "last_year": 0})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/plans/999999/objectives",
            Some(json!({"code": "x", "title": "x"})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/objectives/999999/action-plans",
            Some(json!({"code": "x", "title": "x"})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/action-plans/999999/actions",
            Some(json!({"code": "x", "title": "x"})),
            FinanceOrAdmin,
        ),
        route(get.clone(), "/api/v1/policy-fields", None, BookReader),
        route(
            post.clone(),
            "/api/v1/policy-fields",
            Some(json!({"code": "x", "name": ""})),
            FinanceOrAdmin,
        ),
        route(get.clone(), "/api/v1/ledger-accounts", None, BookReader),
        route(
            post.clone(),
            "/api/v1/ledger-accounts",
            Some(json!({"code": "x", "name": ""})),
            FinanceOrAdmin,
        ),
        Route {
            csv: Some("plan_version_id\n"),
            ..route(
                post.clone(),
                "/api/v1/budget-lines/import",
                None,
                FinanceOrAdmin,
            )
        },
        route(get.clone(), "/api/v1/budget-lines", None, BookReader),
        route(
            post.clone(),
            "/api/v1/budget-lines",
            Some(
                json!({"plan_version_id": 999999, "fiscal_year": 2027, "action_id": 999999, "policy_field_code": "x", "ledger_account_code": "x", "planned_cents": -1}),
            ),
            FinanceOrAdmin,
        ),
        route(
            Method::PATCH,
            "/api/v1/budget-lines/999999",
            Some(json!({"planned_cents": 1})),
            FinanceOrAdmin,
        ),
        route(
            Method::PUT,
            "/api/v1/editions/{edition}/base-lines",
            Some(json!({"budget_line_ids": []})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/fundings",
            Some(json!({"budget_line_id": 1, "amount_cents": 1, "kind": "purchase"})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/implementation",
            Some(json!({"state": "funded"})),
            FinanceOrAdmin,
        ),
        route(
            Method::PATCH,
            "/api/v1/milestones/999999",
            Some(json!({"title": "", "status": "planned", "progress_pct": 0, "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            Method::PATCH,
            "/api/v1/objectives/999999",
            Some(json!({"title": "", "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            Method::PATCH,
            "/api/v1/action-plans/999999",
            Some(json!({"title": "", "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            Method::PATCH,
            "/api/v1/actions/999999",
            Some(json!({"title": "", "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            get.clone(),
            "/api/v1/revisions?entity_type=milestone&entity_id=999999",
            None,
            BookReader,
        ),
        route(
            post.clone(),
            "/api/v1/fundings/999999/reversals",
            Some(json!({"amount_cents": 0, "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/commitments/999999/reversals",
            Some(json!({"amount_cents": 0, "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/expenditures/999999/reversals",
            Some(json!({"amount_cents": 0, "reason": ""})),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/fundings/999999/commitments",
            Some(
                json!({"erp_reference": "x", "date": "2027-01-01", "amount_cents": 1, "third_party": "x"}),
            ),
            FinanceOrAdmin,
        ),
        route(
            post.clone(),
            "/api/v1/commitments/999999/expenditures",
            Some(json!({"reference": "x", "date": "2027-01-01", "amount_cents": 1})),
            FinanceOrAdmin,
        ),
        route(
            get.clone(),
            "/api/v1/proposals/999999/milestones",
            None,
            Public,
        ),
        route(
            post.clone(),
            "/api/v1/proposals/999999/milestones",
            Some(json!({"title": "x", "status": "planned", "progress_pct": 0})),
            FinanceOrAdmin,
        ),
        route(get.clone(), "/api/v1/proposals/999999/report", None, Public),
        route(
            get.clone(),
            "/api/v1/reports/budget-lines",
            None,
            BookReader,
        ),
    ]
}

pub struct Fixture {
    pub accounts: HashMap<Caller, Account>,
    pub values: HashMap<&'static str, String>,
}

impl Fixture {
    fn fill(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (key, value) in &self.values {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        out
    }

    fn fill_body(&self, body: &Value) -> Value {
        let text = self.fill(&body.to_string());
        // Numbers were written as "{here}" strings; turn the filled ones back into numbers.
        let mut value: Value = serde_json::from_str(&text).unwrap();
        if let Some(object) = value.as_object_mut() {
            for v in object.values_mut() {
                if let Some(n) = v.as_str().and_then(|s| s.parse::<i64>().ok()) {
                    *v = Value::from(n);
                }
            }
        }
        value
    }
}

async fn fixture(app: &TestApp) -> Fixture {
    let admin = app.admin().await;
    let here = create_area(app, &admin, "HERE", 100, 0.1).await;
    let elsewhere = create_area(app, &admin, "ELSE", 100, 0.1).await;
    let edition = create_edition(app, &admin, &[here, elsewhere]).await;
    let target = app.resident("Target").await;
    let mut accounts = HashMap::new();
    accounts.insert(Caller::Resident, app.resident("Resident").await);
    accounts.insert(
        Caller::AreaWorkerHere,
        app.with_role(
            &admin,
            "Worker Here",
            "area_worker",
            json!({"area_id": here}),
        )
        .await,
    );
    accounts.insert(
        Caller::AreaWorkerElsewhere,
        app.with_role(
            &admin,
            "Worker Else",
            "area_worker",
            json!({"area_id": elsewhere}),
        )
        .await,
    );
    app.post(
        "/api/v1/departments",
        &json!({"code": "parks", "name": "Parken"}),
        Some(&admin.token),
    )
    .await;
    accounts.insert(
        Caller::Reviewer,
        app.with_role(
            &admin,
            "Reviewer",
            "reviewer",
            json!({"department": "parks"}),
        )
        .await,
    );
    accounts.insert(
        Caller::Council,
        app.with_role(&admin, "Council", "council", json!({})).await,
    );
    accounts.insert(
        Caller::Finance,
        app.with_role(&admin, "Finance", "finance", json!({})).await,
    );
    accounts.insert(Caller::Admin, admin);
    let mut values = HashMap::new();
    values.insert("here", here.to_string());
    values.insert("elsewhere", elsewhere.to_string());
    values.insert("edition", edition.to_string());
    values.insert("target", target.id.to_string());
    Fixture { accounts, values }
}

#[tokio::test]
async fn every_route_answers_each_kind_of_caller_as_its_access_rule_says() {
    let app = spawn_app().await;
    let fixture = fixture(&app).await;
    let mut failures = Vec::new();
    for route in routes() {
        let path = fixture.fill(route.path);
        for caller in CALLERS {
            let token = match (caller, route.ends_session) {
                (Caller::Anonymous, _) => None,
                (c, false) => Some(fixture.accounts[&c].token.clone()),
                (c, true) => Some(
                    app.sign_in(&fixture.accounts[&c].email, PASSWORD)
                        .await
                        .token,
                ),
            };
            let mut request = app.client.request(route.method.clone(), app.url(&path));
            if let Some(body) = &route.body {
                request = request.json(&fixture.fill_body(body));
            }
            if let Some(csv) = route.csv {
                request = request.header("content-type", "text/csv").body(csv);
            }
            if let Some(token) = &token {
                request = request.bearer_auth(token);
            }
            let reply = app.send(request).await;
            let expected_denial = match (route.access.allows(caller), caller) {
                (true, _) => None,
                (false, Caller::Anonymous) => Some(401),
                (false, _) => Some(403),
            };
            let ok = match (expected_denial, route.access) {
                (None, Access::Credentials) => reply.status != 403 && reply.status < 500,
                (None, Access::SignedInWithConditions) => reply.status != 401 && reply.status < 500,
                (None, _) => reply.status != 401 && reply.status != 403 && reply.status < 500,
                (Some(status), _) => reply.status == status,
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {caller:?}: expected {}, got {} {}",
                    route.method,
                    route.path,
                    expected_denial.map_or("access".to_string(), |s| s.to_string()),
                    reply.status,
                    reply.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn every_documented_route_is_in_the_authorization_table() {
    let document: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/api-spec/openapi.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let table: Vec<(String, String)> = routes()
        .iter()
        .map(|r| (r.method.to_string().to_lowercase(), r.path.to_string()))
        .collect();
    // A documented parameter stands for any segment of the table's path (an id, or a value of
    // an enumeration such as `proposal`).
    let matches = |documented: &str, requested: &str| {
        let requested = requested.split('?').next().unwrap_or(requested);
        let (documented, requested): (Vec<&str>, Vec<&str>) = (
            documented.split('/').collect(),
            requested.split('/').collect(),
        );
        documented.len() == requested.len()
            && documented
                .iter()
                .zip(&requested)
                .all(|(d, r)| d.starts_with('{') || d == r)
    };
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if !table.iter().any(|(m, p)| m == method && matches(path, p)) {
                missing.push(format!("{method} {path}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes without an authorization row: {missing:?}"
    );
}

/// The permit is opened before the body is read, so a caller without the role learns nothing
/// about what the body should hold: a body with every mistake still gets 403, never 422.
#[tokio::test]
async fn a_caller_without_the_role_hears_403_before_anything_about_the_body() {
    let app = spawn_app().await;
    let fixture = fixture(&app).await;
    let resident = &fixture.accounts[&Caller::Resident].token;
    let wrong_body = json!({"no_such_field": "\u{1F600}", "amount_cents": -1});
    for path in [
        "/api/v1/budget-lines",
        "/api/v1/plans",
        "/api/v1/proposals/{target}/fundings",
        "/api/v1/proposals/{target}/reviews",
        "/api/v1/rounds/999999/decision",
        "/api/v1/fundings/999999/commitments",
    ] {
        let request = app
            .client
            .post(app.url(&fixture.fill(path)))
            .bearer_auth(resident)
            .json(&wrong_body);
        let reply = app.send(request).await;
        assert_eq!(reply.status, 403, "POST {path}: {}", reply.text);
    }
    let request = app
        .client
        .put(app.url(&fixture.fill("/api/v1/editions/{edition}/base-lines")))
        .bearer_auth(resident)
        .json(&wrong_body);
    let reply = app.send(request).await;
    assert_eq!(reply.status, 403, "PUT base-lines: {}", reply.text);
}

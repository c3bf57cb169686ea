//! Reviewers at work: the proposals assigned to their departments and not yet reviewed, oldest
//! first, and the review form with the earlier reviews of the same proposal in view.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::error::{ApiError, FieldError};
use crate::service::proposals::read::{self, ProposalView, ReviewView};
use crate::service::proposals::{ReviewDesk, ReviewInput, review, review_queue};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::write::{cents, cost_lines_typed, typed_cost_lines};

/// As many waiting proposals as one page lists.
const QUEUE_SHOWN: i64 = 100;

struct Assigned {
    id: i64,
    title: String,
    department: String,
    assigned_at: chrono::NaiveDateTime,
    assigned: String,
    due_at: chrono::NaiveDateTime,
    due: String,
    overdue: bool,
    cost_cents: i64,
    cost: String,
}

fn columns() -> Vec<SortColumn<Assigned>> {
    vec![
        SortColumn {
            key: "due",
            label: t!("site-review-due"),
            number: false,
            compare: |a, b| a.due_at.cmp(&b.due_at),
        },
        SortColumn {
            key: "title",
            label: t!("site-round-project"),
            number: false,
            compare: |a, b| by_text(&a.title, &b.title),
        },
        SortColumn {
            key: "department",
            label: t!("site-review-department"),
            number: false,
            compare: |a, b| by_text(&a.department, &b.department),
        },
        SortColumn {
            key: "assigned",
            label: t!("site-review-assigned"),
            number: false,
            compare: |a, b| a.assigned_at.cmp(&b.assigned_at),
        },
        SortColumn {
            key: "cost",
            label: t!("site-proposal-cost"),
            number: true,
            compare: |a, b| a.cost_cents.cmp(&b.cost_cents),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_reviews.html")]
struct QueuePage {
    page: Page,
    listing: Listing<Assigned>,
    /// Only the overdue reviews are listed.
    only_overdue: bool,
    /// How many of the waiting reviews are overdue.
    overdue_count: usize,
    /// A review was just recorded: the page says so.
    reviewed: bool,
}

#[derive(Deserialize)]
pub struct QueueQuery {
    /// The proposal just reviewed.
    reviewed: Option<i64>,
    /// `overdue` lists only the late reviews.
    show: Option<String>,
}

async fn desk(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<ReviewDesk, HttpResponse> {
    let caller = staff(req, state, page).await?;
    ReviewDesk::open(caller).map_err(|refusal| failure(page, &refusal))
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let found = blocking::run(&state.pool, move |conn| {
        review_queue(conn, &desk, None, None, QUEUE_SHOWN)
    })
    .await;
    let now = crate::clock::now();
    let only_overdue = query.show.as_deref() == Some("overdue");
    match found {
        Ok(waiting) => page.render(&QueuePage {
            overdue_count: waiting.iter().filter(|w| w.overdue(now)).count(),
            listing: listing(
                &req,
                &page,
                waiting
                    .into_iter()
                    .filter(|w| !only_overdue || w.overdue(now))
                    .map(|w| Assigned {
                        id: w.listed.proposal.id,
                        title: w.listed.proposal.title.clone(),
                        cost_cents: w.listed.proposal.estimated_cost_cents,
                        cost: page.money(w.listed.proposal.estimated_cost_cents),
                        overdue: w.overdue(now),
                        due_at: w.due_at,
                        due: page.moment(w.due_at),
                        department: w.department,
                        assigned_at: w.assigned_at,
                        assigned: page.moment(w.assigned_at),
                    })
                    .collect(),
                &columns(),
            ),
            only_overdue,
            reviewed: query.reviewed.is_some(),
            page: page.clone(),
        }),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize, Default)]
pub struct ReviewForm {
    /// `feasible` or `infeasible`.
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    public_explanation: String,
    #[serde(default)]
    reviewed_cost: String,
    /// One line per cost, `what; amount`, as on the proposal form.
    #[serde(default)]
    reviewed_cost_lines: String,
    #[serde(default)]
    internal_notes: String,
    #[serde(default)]
    csrf_token: String,
}

/// A verdict given before, or the assignment waiting for one, as a reviewer sees it.
struct Earlier {
    when: String,
    /// The verdict in words.
    verdict: String,
    review: ReviewView,
    /// Its cost lines: what, and how much.
    lines: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "console_review.html")]
struct ReviewPage {
    page: Page,
    proposal: ProposalView,
    cost: String,
    /// Every earlier verdict, and the assignment, as a reviewer sees them: when, the verdict
    /// in words, the review.
    earlier: Vec<Earlier>,
    form: ReviewForm,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 5] {
    [
        Field {
            name: "feasible",
            label: t!("site-review-verdict"),
            input: Some("verdict-feasible"),
        },
        Field::input("public_explanation", t!("site-review-explanation")),
        Field {
            name: "reviewed_cost_cents",
            label: t!("site-review-cost"),
            input: Some("reviewed_cost"),
        },
        Field::input("reviewed_cost_lines", t!("site-review-cost-lines")),
        Field::input("internal_notes", t!("site-review-notes")),
    ]
}

async fn render(
    page: &Page,
    state: &AppState,
    desk: ReviewDesk,
    id: i64,
    form: ReviewForm,
    status: actix_web::http::StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        read::get(conn, id, Some(desk.caller()))
    })
    .await;
    let proposal = match found {
        Ok(proposal) => proposal,
        Err(error) => return failure(page, &error),
    };
    let earlier = proposal
        .earlier_reviews
        .iter()
        .chain(&proposal.review)
        .map(|r| {
            let when = r
                .reviewed_at
                .map(|at| page.moment(at.naive_utc()))
                .unwrap_or_default();
            let verdict = r
                .verdict
                .as_deref()
                .map(|verdict| page.say(&t!("site-proposal-verdict", verdict = verdict)))
                .unwrap_or_default();
            let lines = r
                .reviewed_cost_lines
                .iter()
                .map(|l| (l.description.clone(), page.money(l.amount_cents)))
                .collect();
            Earlier {
                when,
                verdict,
                review: r.clone(),
                lines,
            }
        })
        .collect();
    let mut form = form;
    if form.reviewed_cost_lines.is_empty() && form.verdict.is_empty() {
        form.reviewed_cost_lines = cost_lines_typed(page, &proposal.cost_lines);
    }
    page.render_with(
        status,
        &ReviewPage {
            page: page.clone(),
            cost: page.money(proposal.estimated_cost_cents),
            earlier,
            proposal,
            form,
            errors,
        },
    )
}

pub async fn review_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let ok = actix_web::http::StatusCode::OK;
    render(
        &page,
        &state,
        desk,
        path.into_inner(),
        ReviewForm::default(),
        ok,
        vec![],
    )
    .await
}

/// Records the verdict through the same service as the API, which checks the department.
pub async fn record(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ReviewForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let mut typed_wrong = Vec::new();
    let feasible = match form.verdict.as_str() {
        "feasible" => true,
        "infeasible" => false,
        _ => {
            typed_wrong.push(FieldError::new("feasible", t!("site-review-choose")));
            false
        }
    };
    let reviewed_cost_cents = match form.reviewed_cost.trim() {
        "" => None,
        typed => match cents(typed) {
            Some(amount) => Some(amount),
            None => {
                typed_wrong.push(FieldError::new(
                    "reviewed_cost_cents",
                    t!("site-write-cost-words"),
                ));
                None
            }
        },
    };
    let reviewed_cost_lines = typed_cost_lines(
        &form.reviewed_cost_lines,
        "reviewed_cost_lines",
        &mut typed_wrong,
    );
    let reviewed_cost_cents = reviewed_cost_cents.or_else(|| {
        Some(reviewed_cost_lines.iter().map(|(_, amount)| amount).sum())
            .filter(|_| !reviewed_cost_lines.is_empty())
    });
    if !typed_wrong.is_empty() {
        let refusal = ApiError::invalid_fields(typed_wrong);
        let errors = page.errors(&refusal, &fields());
        return render(&page, &state, desk, id, form, refusal.status_code(), errors).await;
    }
    let input = ReviewInput {
        feasible,
        public_explanation: form.public_explanation.clone(),
        reviewed_cost_cents,
        reviewed_cost_lines,
        internal_notes: Some(form.internal_notes.clone()).filter(|n| !n.trim().is_empty()),
    };
    let public_url = state.config.public_url.clone();
    let recorded = blocking::run(&state.pool, move |conn| {
        review(conn, &desk, id, input, &public_url)
    })
    .await;
    match recorded {
        Ok(_) => see_other(&format!("/console/reviews?reviewed={id}")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &fields());
            let status = error.status_code();
            match self::desk(&req, &state, &page).await {
                Ok(desk) => render(&page, &state, desk, id, form, status, errors).await,
                Err(answer) => answer,
            }
        }
    }
}

//! What finance records on a funded proposal's page: money set aside on a budget line, orders,
//! payments, milestones and their updates, reversals of wrong entries and the next step of the
//! work, each read from its form and recorded through the API's services, which check it.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use super::finance::{desk, render_proposal};
use super::staff;
use crate::api::blocking;
use crate::domain::finance::{FundingKind, MilestoneStatus};
use crate::domain::proposal::ProposalState;
use crate::error::{ApiError, FieldError};
use crate::service::finance::{
    self, Book, BookReader, CommitmentInput, ExpenditureInput, FinanceDesk, MilestoneInput,
    ReversalInput,
};
use crate::state::AppState;
use crate::web::page::{Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::write::cents;

/// The form's fields as the API names them, each with its input on the page.
fn form_fields(form: &str) -> Vec<Field> {
    let field = |name: &'static str, label: crate::i18n::Text, input: &'static str| Field {
        name,
        label,
        input: Some(input),
    };
    match form {
        "fundings" => vec![
            field("budget_line_id", t!("site-finance-line"), "fund-line"),
            field("amount_cents", t!("site-finance-amount"), "fund-amount"),
            field("kind", t!("site-finance-kind-label"), "fund-kind"),
        ],
        "commitments" => vec![
            field("funding_id", t!("site-finance-funding"), "commit-funding"),
            field("erp_reference", t!("site-finance-erp"), "commit-reference"),
            field("date", t!("site-finance-date"), "commit-date"),
            field("amount_cents", t!("site-finance-amount"), "commit-amount"),
            field("third_party", t!("site-finance-party"), "commit-party"),
            field(
                "overrun_reason",
                t!("site-finance-overrun"),
                "commit-overrun",
            ),
        ],
        "expenditures" => vec![
            field(
                "commitment_id",
                t!("site-finance-commitment"),
                "spend-commitment",
            ),
            field("reference", t!("site-finance-invoice"), "spend-reference"),
            field("date", t!("site-finance-date"), "spend-date"),
            field("amount_cents", t!("site-finance-amount"), "spend-amount"),
            field(
                "overrun_reason",
                t!("site-finance-overrun"),
                "spend-overrun",
            ),
        ],
        "milestone-updates" => vec![
            field(
                "milestone_id",
                t!("site-finance-milestone"),
                "update-milestone",
            ),
            field(
                "status",
                t!("site-finance-milestone-status"),
                "update-status",
            ),
            field(
                "progress_pct",
                t!("site-finance-progress"),
                "update-progress",
            ),
            field("reason", t!("site-finance-reason"), "update-reason"),
        ],
        "reversals" => vec![
            field("entry", t!("site-finance-entry"), "reverse-entry"),
            field("amount_cents", t!("site-finance-amount"), "reverse-amount"),
            field("reason", t!("site-finance-reason"), "reverse-reason"),
        ],
        _ => vec![
            field("title", t!("site-finance-milestone"), "milestone-title"),
            field(
                "status",
                t!("site-finance-milestone-status"),
                "milestone-status",
            ),
            field(
                "progress_pct",
                t!("site-finance-progress"),
                "milestone-progress",
            ),
            field("date", t!("site-finance-date"), "milestone-date"),
            field("note", t!("site-finance-note"), "milestone-note"),
        ],
    }
}

/// A number chosen or typed in a form field, or the field's error.
fn chosen_id(typed: &HashMap<String, String>, input: &str, field: &str) -> Result<i64, FieldError> {
    typed
        .get(input)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| FieldError::new(field, t!("site-finance-choose")))
}

fn amount(typed: &HashMap<String, String>, input: &str) -> Result<i64, FieldError> {
    typed
        .get(input)
        .and_then(|v| cents(v))
        .ok_or_else(|| FieldError::new("amount_cents", t!("site-write-cost-words")))
}

fn text(typed: &HashMap<String, String>, input: &str) -> String {
    typed
        .get(input)
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

fn optional(typed: &HashMap<String, String>, input: &str) -> Option<String> {
    Some(text(typed, input)).filter(|v| !v.is_empty())
}

/// What one of the proposal page's forms asks the books to record.
enum Booking {
    Funding(i64, i64, FundingKind),
    Commitment(i64, CommitmentInput),
    Expenditure(i64, ExpenditureInput),
    Milestone(MilestoneInput),
    /// A milestone's new status and progress, and why.
    MilestoneUpdate(i64, MilestoneStatus, i32, String),
    Reversal(Book, i64, ReversalInput),
    Step(ProposalState),
}

fn booking(form: &str, typed: &HashMap<String, String>) -> Result<Booking, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut check = |result: Result<i64, FieldError>| result.map_err(|e| errors.push(e)).ok();
    let booking = match form {
        "fundings" => {
            let line = check(chosen_id(typed, "fund-line", "budget_line_id"));
            let amount = check(amount(typed, "fund-amount"));
            let kind = typed.get("fund-kind").and_then(|k| FundingKind::parse(k));
            if kind.is_none() {
                errors.push(FieldError::new("kind", t!("site-finance-choose")));
            }
            match (line, amount, kind) {
                (Some(line), Some(amount), Some(kind)) => {
                    Some(Booking::Funding(line, amount, kind))
                }
                _ => None,
            }
        }
        "commitments" => {
            let funding = check(chosen_id(typed, "commit-funding", "funding_id"));
            let amount = check(amount(typed, "commit-amount"));
            match (funding, amount) {
                (Some(funding), Some(amount_cents)) => Some(Booking::Commitment(
                    funding,
                    CommitmentInput {
                        erp_reference: text(typed, "commit-reference"),
                        date: text(typed, "commit-date"),
                        amount_cents,
                        third_party: text(typed, "commit-party"),
                        overrun_reason: optional(typed, "commit-overrun"),
                    },
                )),
                _ => None,
            }
        }
        "expenditures" => {
            let commitment = check(chosen_id(typed, "spend-commitment", "commitment_id"));
            let amount = check(amount(typed, "spend-amount"));
            match (commitment, amount) {
                (Some(commitment), Some(amount_cents)) => Some(Booking::Expenditure(
                    commitment,
                    ExpenditureInput {
                        reference: text(typed, "spend-reference"),
                        date: text(typed, "spend-date"),
                        amount_cents,
                        overrun_reason: optional(typed, "spend-overrun"),
                    },
                )),
                _ => None,
            }
        }
        "milestones" => {
            let status = typed
                .get("milestone-status")
                .and_then(|s| MilestoneStatus::parse(s));
            if status.is_none() {
                errors.push(FieldError::new("status", t!("site-finance-choose")));
            }
            let progress = text(typed, "milestone-progress").parse::<i32>().ok();
            if progress.is_none() {
                errors.push(FieldError::new(
                    "progress_pct",
                    t!("site-round-setup-whole-number"),
                ));
            }
            match (status, progress) {
                (Some(status), Some(progress_pct)) => Some(Booking::Milestone(MilestoneInput {
                    title: text(typed, "milestone-title"),
                    status,
                    progress_pct,
                    date: optional(typed, "milestone-date"),
                    note: optional(typed, "milestone-note"),
                })),
                _ => None,
            }
        }
        "milestone-updates" => {
            let milestone = check(chosen_id(typed, "update-milestone", "milestone_id"));
            let status = typed
                .get("update-status")
                .and_then(|s| MilestoneStatus::parse(s));
            if status.is_none() {
                errors.push(FieldError::new("status", t!("site-finance-choose")));
            }
            let progress = text(typed, "update-progress").parse::<i32>().ok();
            if progress.is_none() {
                errors.push(FieldError::new(
                    "progress_pct",
                    t!("site-round-setup-whole-number"),
                ));
            }
            match (milestone, status, progress) {
                (Some(milestone), Some(status), Some(progress)) => Some(Booking::MilestoneUpdate(
                    milestone,
                    status,
                    progress,
                    text(typed, "update-reason"),
                )),
                _ => None,
            }
        }
        "reversals" => {
            let entry = typed
                .get("reverse-entry")
                .and_then(|v| v.split_once(':'))
                .and_then(|(book, id)| {
                    let book = match book {
                        "fundings" => Book::Fundings,
                        "commitments" => Book::Commitments,
                        "expenditures" => Book::Expenditures,
                        _ => return None,
                    };
                    Some((book, id.parse::<i64>().ok()?))
                });
            let amount = check(amount(typed, "reverse-amount"));
            if entry.is_none() {
                errors.push(FieldError::new("entry", t!("site-finance-choose")));
            }
            match (entry, amount) {
                (Some((book, id)), Some(amount_cents)) => Some(Booking::Reversal(
                    book,
                    id,
                    ReversalInput {
                        amount_cents,
                        reason: text(typed, "reverse-reason"),
                    },
                )),
                _ => None,
            }
        }
        _ => {
            let step = typed
                .get("step")
                .and_then(|s| ProposalState::parse(s))
                .filter(|s| {
                    matches!(
                        s,
                        ProposalState::Funded
                            | ProposalState::InProgress
                            | ProposalState::Completed
                    )
                });
            if step.is_none() {
                errors.push(FieldError::new("state", t!("site-finance-choose")));
            }
            step.map(Booking::Step)
        }
    };
    match booking {
        Some(booking) if errors.is_empty() => Ok(booking),
        _ => Err(errors),
    }
}

fn record(
    conn: &mut crate::db::DbConnection,
    desk: &FinanceDesk,
    id: i64,
    (booking, public_url): (Booking, &str),
) -> crate::error::ApiResult<()> {
    match booking {
        Booking::Funding(line, amount, kind) => {
            finance::fund(conn, desk, id, line, amount, kind).map(drop)
        }
        Booking::Commitment(funding, input) => {
            check_under(
                conn,
                id,
                |money| money.fundings.iter().any(|f| f.id == funding),
                "funding_id",
            )?;
            finance::commit(conn, desk, funding, input).map(drop)
        }
        Booking::Expenditure(commitment, input) => {
            check_under(
                conn,
                id,
                |money| money.commitments.iter().any(|c| c.id == commitment),
                "commitment_id",
            )?;
            finance::spend(conn, desk, commitment, input).map(drop)
        }
        Booking::Milestone(input) => {
            finance::add_milestone(conn, desk, id, input, public_url).map(drop)
        }
        Booking::MilestoneUpdate(milestone, status, progress_pct, reason) => {
            let money = finance::proposal_money(conn, id)?;
            let Some(current) = money.milestones.iter().find(|m| m.id == milestone) else {
                return Err(ApiError::invalid(
                    "milestone_id",
                    t!("site-finance-not-this-proposal"),
                ));
            };
            let input = MilestoneInput {
                title: current.title.clone(),
                status,
                progress_pct,
                date: current.due_on.clone(),
                note: current.note.clone(),
            };
            finance::edit_milestone(conn, desk, milestone, input, &reason).map(drop)
        }
        Booking::Reversal(book, entry, input) => {
            check_under(
                conn,
                id,
                |money| match book {
                    Book::Fundings => money.fundings.iter().any(|f| f.id == entry),
                    Book::Commitments => money.commitments.iter().any(|c| c.id == entry),
                    Book::Expenditures => money.expenditures.iter().any(|e| e.id == entry),
                },
                "entry",
            )?;
            finance::reverse(conn, desk, book, entry, input).map(drop)
        }
        Booking::Step(to) => finance::advance(conn, desk, id, to),
    }
}

/// A funding or commitment chosen on a proposal's page must be one of that proposal's, so a
/// forged form cannot book money under another proposal from this page.
fn check_under(
    conn: &mut crate::db::DbConnection,
    id: i64,
    belongs: impl Fn(&finance::ProposalMoney) -> bool,
    field: &str,
) -> crate::error::ApiResult<()> {
    if belongs(&finance::proposal_money(conn, id)?) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            field,
            t!("site-finance-not-this-proposal"),
        ))
    }
}

/// Records what one of the proposal page's forms asks through the API's services.
pub async fn book(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: web::Form<HashMap<String, String>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (id, which) = path.into_inner();
    let typed = form.into_inner();
    let csrf = typed.get("csrf_token").cloned().unwrap_or_default();
    if !page.came_from_this_site(&state, &csrf) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    if ![
        "fundings",
        "commitments",
        "expenditures",
        "milestones",
        "milestone-updates",
        "reversals",
        "state",
    ]
    .contains(&which.as_str())
    {
        return failure(&page, &ApiError::not_found(crate::error::Thing::Proposal));
    }
    let result = match booking(&which, &typed) {
        Ok(booking) => {
            let caller = desk.caller().clone();
            let public_url = state.config.public_url.clone();
            let recorded = blocking::run(&state.pool, move |conn| {
                record(conn, &desk, id, (booking, &public_url))
            })
            .await;
            recorded.map(|()| caller)
        }
        Err(errors) => Err(ApiError::invalid_fields(errors)),
    };
    match result {
        Ok(_) => see_other(&format!("/console/finance/proposals/{id}?done={which}")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &form_fields(&which));
            let status = error.status_code();
            let caller = match staff(&req, &state, &page).await {
                Ok(caller) => caller,
                Err(answer) => return answer,
            };
            match BookReader::open(caller) {
                Ok(reader) => {
                    let shown = (None, typed);
                    render_proposal(&page, &state, reader, id, shown, status, errors).await
                }
                Err(refusal) => failure(&page, &refusal),
            }
        }
    }
}

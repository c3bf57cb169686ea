//! Finance at work: the approved proposals to follow, and per proposal its fundings from budget
//! lines, commitments, expenditures and milestones, entered here through the API's services;
//! the budget report as tables, a chart and CSV.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::finance::{FundingKind, MilestoneStatus};
use crate::domain::proposal::ProposalState;
use crate::error::{ApiError, FieldError};
use crate::service::finance::{
    self, Book, BookReader, CommitmentInput, ExpenditureInput, FinanceDesk, MilestoneInput,
    ReversalInput, Totals,
};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::write::cents;

pub(super) async fn reader(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<BookReader, HttpResponse> {
    let caller = staff(req, state, page).await?;
    BookReader::open(caller).map_err(|refusal| failure(page, &refusal))
}

pub(super) async fn desk(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<FinanceDesk, HttpResponse> {
    let caller = staff(req, state, page).await?;
    FinanceDesk::open(caller).map_err(|refusal| failure(page, &refusal))
}

/// Money in the four columns every finance table shows.
pub(super) struct MoneyColumns {
    pub(super) planned: String,
    pub(super) allocated: String,
    pub(super) committed: String,
    pub(super) spent: String,
}

impl MoneyColumns {
    pub(super) fn of(page: &Page, totals: &Totals) -> Self {
        Self {
            planned: page.money(totals.planned_cents),
            allocated: page.money(totals.allocated_cents),
            committed: page.money(totals.committed_cents),
            spent: page.money(totals.spent_cents),
        }
    }
}

struct FollowedRow {
    id: i64,
    title: String,
    edition: String,
    state: String,
    totals: Totals,
    money: MoneyColumns,
}

fn columns() -> Vec<SortColumn<FollowedRow>> {
    vec![
        SortColumn {
            key: "title",
            label: t!("site-round-project"),
            number: false,
            compare: |a, b| by_text(&a.title, &b.title),
        },
        SortColumn {
            key: "edition",
            label: t!("site-council-edition"),
            number: false,
            compare: |a, b| by_text(&a.edition, &b.edition),
        },
        SortColumn {
            key: "state",
            label: t!("site-finance-state"),
            number: false,
            compare: |a, b| by_text(&a.state, &b.state),
        },
        SortColumn {
            key: "approved",
            label: t!("site-money-approved"),
            number: true,
            compare: |a, b| a.totals.planned_cents.cmp(&b.totals.planned_cents),
        },
        SortColumn {
            key: "allocated",
            label: t!("site-money-allocated"),
            number: true,
            compare: |a, b| a.totals.allocated_cents.cmp(&b.totals.allocated_cents),
        },
        SortColumn {
            key: "committed",
            label: t!("site-money-committed"),
            number: true,
            compare: |a, b| a.totals.committed_cents.cmp(&b.totals.committed_cents),
        },
        SortColumn {
            key: "spent",
            label: t!("site-money-spent"),
            number: true,
            compare: |a, b| a.totals.spent_cents.cmp(&b.totals.spent_cents),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_finance.html")]
struct FollowedPage {
    page: Page,
    listing: Listing<FollowedRow>,
}

pub async fn followed(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let reader = match reader(&req, &state, &page).await {
        Ok(reader) => reader,
        Err(answer) => return answer,
    };
    let found = blocking::run(&state.pool, move |conn| finance::followed(conn, &reader)).await;
    match found {
        Ok(found) => page.render(&FollowedPage {
            listing: listing(
                &req,
                &page,
                found
                    .into_iter()
                    .map(|f| FollowedRow {
                        id: f.proposal_id,
                        title: f.title,
                        edition: f.edition,
                        state: page.say(&t!("proposal-state", name = f.state.as_str())),
                        money: MoneyColumns::of(&page, &f.totals),
                        totals: f.totals,
                    })
                    .collect(),
                &columns(),
            ),
            page: page.clone(),
        }),
        Err(error) => failure(&page, &error),
    }
}

/// One entry on the proposal's books, in words.
struct Entry {
    id: i64,
    /// What it is: the line, the supplier, the invoice.
    what: String,
    when: String,
    amount: String,
    note: Option<String>,
}

#[derive(Template)]
#[template(path = "console_finance_proposal.html")]
struct ProposalPage {
    page: Page,
    id: i64,
    title: String,
    state: String,
    money: MoneyColumns,
    /// Budget lines to fund from: id and how finance names it.
    lines: Vec<(i64, String)>,
    /// The caller keeps the books (else only reads them): the forms are shown.
    may_book: bool,
    kinds: Vec<(&'static str, String)>,
    statuses: Vec<(&'static str, String)>,
    fundings: Vec<Entry>,
    commitments: Vec<Entry>,
    expenditures: Vec<Entry>,
    milestones: Vec<Entry>,
    /// The entries a reversal can correct: `book:id`, and the entry in words.
    correctable: Vec<(String, String)>,
    /// The implementation steps the proposal can take next.
    steps: Vec<(&'static str, String)>,
    done: Option<String>,
    /// What the form that failed held, by input id.
    typed: HashMap<String, String>,
    errors: Vec<ErrorItem>,
}

impl ProposalPage {
    fn typed(&self, input: &str) -> &str {
        self.typed.get(input).map_or("", String::as_str)
    }
}

async fn render_proposal(
    page: &Page,
    state: &AppState,
    reader: BookReader,
    id: i64,
    (done, typed): (Option<String>, HashMap<String, String>),
    status: StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let may_book = keeps_books(reader.caller());
    let found = blocking::run(&state.pool, move |conn| {
        let report = finance::proposal_report(conn, id)?;
        let lines = finance::lines(conn, &reader, None, None)?;
        let actions: HashMap<i64, String> = finance::plans(conn, &reader)?
            .into_iter()
            .flat_map(|tree| tree.actions)
            .map(|action| (action.id, action.title))
            .collect();
        Ok((report, lines, actions))
    })
    .await;
    let ((proposal, money), lines, actions) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let line_name = |line_id: i64| {
        lines
            .iter()
            .find(|l| l.id == line_id)
            .map(|l| {
                let action = actions.get(&l.action_id).cloned().unwrap_or_default();
                format!(
                    "{} {} {} – {action}",
                    l.fiscal_year, l.policy_field_code, l.ledger_account_code
                )
            })
            .unwrap_or_else(|| format!("#{line_id}"))
    };
    let money = &money;
    let fundings = money
        .fundings
        .iter()
        .map(|f| Entry {
            id: f.id,
            what: line_name(f.budget_line_id),
            when: page.moment(f.created_at),
            amount: page.money(f.amount_cents),
            note: Some(page.say(&t!("site-finance-kind", kind = f.kind.as_str()))),
        })
        .collect();
    let commitments = money
        .commitments
        .iter()
        .map(|c| Entry {
            id: c.id,
            what: format!("{} · {}", c.third_party, c.erp_reference),
            when: c.committed_on.clone(),
            amount: page.money(c.amount_cents),
            note: c.overrun_reason.clone(),
        })
        .collect();
    let expenditures = money
        .expenditures
        .iter()
        .map(|e| Entry {
            id: e.id,
            what: e.reference.clone(),
            when: e.spent_on.clone(),
            amount: page.money(e.amount_cents),
            note: e.overrun_reason.clone(),
        })
        .collect();
    let milestones = money
        .milestones
        .iter()
        .map(|m| Entry {
            id: m.id,
            what: m.title.clone(),
            when: m.due_on.clone().unwrap_or_default(),
            amount: format!("{} %", m.progress_pct),
            note: Some(page.say(&t!("milestone-status", name = m.status.as_str()))),
        })
        .collect();
    let correctable = [
        ("fundings", page.t("site-finance-entry-funding"), &fundings),
        (
            "commitments",
            page.t("site-finance-entry-commitment"),
            &commitments,
        ),
        (
            "expenditures",
            page.t("site-finance-entry-expenditure"),
            &expenditures,
        ),
    ]
    .into_iter()
    .flat_map(|(book, kind, entries): (&str, String, &Vec<Entry>)| {
        entries.iter().map(move |entry| {
            (
                format!("{book}:{}", entry.id),
                format!("{} #{} – {} – {}", kind, entry.id, entry.what, entry.amount),
            )
        })
    })
    .collect();
    let state_now = proposal.state;
    let steps = [
        ProposalState::Funded,
        ProposalState::InProgress,
        ProposalState::Completed,
    ]
    .into_iter()
    .filter(|to| state_now.can_move_to(*to))
    .map(|to| {
        (
            to.as_str(),
            page.say(&t!("proposal-state", name = to.as_str())),
        )
    })
    .collect();
    page.render_with(
        status,
        &ProposalPage {
            page: page.clone(),
            id,
            title: proposal.title.clone(),
            state: page.say(&t!("proposal-state", name = state_now.as_str())),
            money: MoneyColumns::of(page, &money.totals()),
            lines: lines.iter().map(|l| (l.id, line_name(l.id))).collect(),
            may_book,
            kinds: [
                FundingKind::Purchase,
                FundingKind::OperatingSubsidy,
                FundingKind::InvestmentSubsidy,
                FundingKind::OwnExecution,
            ]
            .into_iter()
            .map(|k| {
                (
                    k.as_str(),
                    page.say(&t!("site-finance-kind", kind = k.as_str())),
                )
            })
            .collect(),
            statuses: [
                MilestoneStatus::Planned,
                MilestoneStatus::InProgress,
                MilestoneStatus::Done,
            ]
            .into_iter()
            .map(|s| {
                (
                    s.as_str(),
                    page.say(&t!("milestone-status", name = s.as_str())),
                )
            })
            .collect(),
            fundings,
            commitments,
            expenditures,
            milestones,
            correctable,
            steps,
            done,
            typed,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn proposal(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let reader = match reader(&req, &state, &page).await {
        Ok(reader) => reader,
        Err(answer) => return answer,
    };
    let done = query
        .done
        .as_deref()
        .map(|done| page.say(&t!("site-finance-done", what = done.to_string())));
    let shown = (done, HashMap::new());
    render_proposal(
        &page,
        &state,
        reader,
        path.into_inner(),
        shown,
        StatusCode::OK,
        vec![],
    )
    .await
}

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
    booking: Booking,
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
        Booking::Milestone(input) => finance::add_milestone(conn, desk, id, input).map(drop),
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
            let recorded =
                blocking::run(&state.pool, move |conn| record(conn, &desk, id, booking)).await;
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

/// Whether the caller may change the books (the page shows the forms) or only read them.
pub fn keeps_books(caller: &Caller) -> bool {
    caller.has(crate::domain::role::Role::Finance) || caller.is_admin()
}

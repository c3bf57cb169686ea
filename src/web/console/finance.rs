//! Finance at work: the approved proposals to follow, and per proposal its fundings from budget
//! lines, commitments, expenditures and milestones, entered here through the API's services;
//! the budget report as tables, a chart and CSV.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::finance::{FundingKind, MilestoneStatus};
use crate::domain::proposal::ProposalState;
use crate::service::attachments::{self, AttachmentView};
use crate::service::finance::{self, BookReader, FinanceDesk, Totals};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Page};
use crate::web::rounds::failure;

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
    /// The milestones' pictures and files.
    files: Vec<AttachmentView>,
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

pub(super) async fn render_proposal(
    page: &Page,
    state: &AppState,
    reader: BookReader,
    id: i64,
    (done, typed): (Option<String>, HashMap<String, String>),
    status: StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let may_book = keeps_books(reader.caller());
    let viewer = reader.caller().clone();
    let found = blocking::run(&state.pool, move |conn| {
        let files: Vec<AttachmentView> = attachments::of_proposal(conn, Some(&viewer), id)?
            .into_iter()
            .filter(|f| f.milestone_id.is_some())
            .collect();
        let report = (finance::proposal_report(conn, id)?, files);
        let lines = finance::lines(conn, &reader, None, None)?;
        let actions: HashMap<i64, String> = finance::plans(conn, &reader)?
            .into_iter()
            .flat_map(|tree| tree.actions)
            .map(|action| (action.id, action.title))
            .collect();
        Ok((report, lines, actions))
    })
    .await;
    let (((proposal, money), files), lines, actions) = match found {
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
            files,
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

/// Whether the caller may change the books (the page shows the forms) or only read them.
pub fn keeps_books(caller: &Caller) -> bool {
    caller.has(crate::domain::role::Role::Finance) || caller.is_admin()
}

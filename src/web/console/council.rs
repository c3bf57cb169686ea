//! The council at work: the counted rounds, and per round its results, what the other rules
//! would have funded, the decisions so far and the form to approve or amend the outcome.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::domain::phase::Phase;
use crate::domain::round::RoundStatus;
use crate::error::ApiError;
use crate::service::decisions::{self, CouncilSeat, DecisionInput, Kind};
use crate::service::editions::{self, EditionFilter};
use crate::service::rounds::{self, RoundResults, explanation};
use crate::state::AppState;
use crate::web::decision::{DecisionItem, decision_items};
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;

struct CountedRound {
    id: i64,
    name: String,
    edition: String,
    /// The council decided on it already.
    decided: bool,
}

fn columns() -> Vec<SortColumn<CountedRound>> {
    vec![
        SortColumn {
            key: "state",
            label: t!("site-council-state"),
            number: false,
            compare: |a, b| a.decided.cmp(&b.decided),
        },
        SortColumn {
            key: "round",
            label: t!("site-council-round"),
            number: false,
            compare: |a, b| by_text(&a.name, &b.name),
        },
        SortColumn {
            key: "edition",
            label: t!("site-council-edition"),
            number: false,
            compare: |a, b| by_text(&a.edition, &b.edition),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_council.html")]
struct RoundsPage {
    page: Page,
    listing: Listing<CountedRound>,
}

async fn seat(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<CouncilSeat, HttpResponse> {
    let caller = staff(req, state, page).await?;
    CouncilSeat::open(caller).map_err(|refusal| failure(page, &refusal))
}

pub async fn counted_rounds(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = seat(&req, &state, &page).await {
        return answer;
    }
    let found = blocking::run(&state.pool, move |conn| {
        let mut counted = Vec::new();
        let filter = EditionFilter {
            phases: vec![
                Phase::Voting,
                Phase::Decision,
                Phase::Implementation,
                Phase::Closed,
            ],
            fiscal_year: None,
            updated_since: None,
            after_id: None,
            limit: 100,
        };
        for edition in editions::list(conn, &filter)? {
            for detail in rounds::of_edition(conn, edition.edition.id)? {
                let round = detail.round;
                if round.status == RoundStatus::Closed && round.outcome.is_some() {
                    counted.push(CountedRound {
                        id: round.id,
                        name: round.name,
                        edition: edition.edition.name.clone(),
                        decided: !decisions::history(conn, round.id)?.is_empty(),
                    });
                }
            }
        }
        Ok(counted)
    })
    .await;
    match found {
        Ok(rounds) => page.render(&RoundsPage {
            page: page.clone(),
            listing: listing(&req, &page, rounds, &columns()),
        }),
        Err(error) => failure(&page, &error),
    }
}

/// A project on the ballot as the decision form shows it.
struct BallotProject {
    id: i64,
    title: String,
    votes: i64,
    cost: String,
    /// The vote funded it: changing it removes it, else changing it adds it.
    funded: bool,
    why: String,
    /// The form asked to change it, and why.
    change: bool,
    reason: String,
}

/// One rule's outcome in the comparison table.
struct RuleRow {
    rule: &'static str,
    own: bool,
    funded: String,
    cost: String,
    voters: String,
}

/// What the decision form was sent with, kept to show it again with its errors.
#[derive(Default)]
struct DecisionForm {
    kind: String,
    council_session: String,
    decided_on: String,
    over_envelope_reason: String,
    /// The projects to change, with the reason of each.
    changes: HashMap<i64, String>,
}

impl DecisionForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> (Self, String) {
        let mut form = Self::default();
        let mut csrf = String::new();
        let mut ticked = Vec::new();
        let mut reasons = HashMap::new();
        for (name, value) in pairs {
            match name.as_str() {
                "kind" => form.kind = value,
                "council_session" => form.council_session = value,
                "decided_on" => form.decided_on = value,
                "over_envelope_reason" => form.over_envelope_reason = value,
                "csrf_token" => csrf = value,
                "change" => ticked.extend(value.parse::<i64>().ok()),
                other => {
                    if let Some(id) = other
                        .strip_prefix("reason-")
                        .and_then(|id| id.parse::<i64>().ok())
                    {
                        reasons.insert(id, value);
                    }
                }
            }
        }
        form.changes = ticked
            .into_iter()
            .map(|id| (id, reasons.remove(&id).unwrap_or_default()))
            .collect();
        (form, csrf)
    }
}

#[derive(Template)]
#[template(path = "console_decision.html")]
struct DecisionPage {
    page: Page,
    id: i64,
    name: String,
    summary: String,
    projects: Vec<BallotProject>,
    rules: Vec<RuleRow>,
    decisions: Vec<DecisionItem>,
    /// The edition is in its decision phase: the form is shown.
    decidable: bool,
    form: DecisionForm,
    /// A decision was just recorded: the page says so.
    recorded: bool,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 4] {
    [
        Field {
            name: "kind",
            label: t!("site-council-kind"),
            input: Some("kind-approve"),
        },
        Field::input("council_session", t!("site-council-session")),
        Field::input("decided_on", t!("site-council-decided-on")),
        Field::input("over_envelope_reason", t!("site-council-over-envelope")),
    ]
}

struct Loaded {
    results: RoundResults,
    comparison: Vec<rounds::RuleOutcome>,
    history: Vec<decisions::Decision>,
    decidable: bool,
}

async fn render(
    page: &Page,
    state: &AppState,
    id: i64,
    (form, recorded): (DecisionForm, bool),
    status: actix_web::http::StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let secret = state.config.pseudonym_secret.clone();
    let found = blocking::run(&state.pool, move |conn| {
        let results = rounds::results(conn, &secret, id)?;
        let decidable =
            editions::get(conn, results.round.edition_id)?.edition.phase == Phase::Decision;
        Ok(Loaded {
            comparison: rounds::compare_rules(conn, &secret, id)?,
            history: decisions::history(conn, id)?,
            results,
            decidable,
        })
    })
    .await;
    let loaded = match found {
        Ok(loaded) => loaded,
        Err(error) => return failure(page, &error),
    };
    let results = loaded.results;
    let measure = explanation::Measure::of_ballot(results.round.ballot_type);
    let titles = titles_of(&results);
    let projects = results
        .outcome
        .projects
        .iter()
        .zip(&results.titles)
        .map(|(p, title)| BallotProject {
            id: p.proposal_id,
            title: title.clone(),
            votes: p.votes,
            cost: page.money(p.cost_cents),
            funded: p.selected,
            why: p
                .why
                .as_ref()
                .map(|why| page.say(&explanation::sentence(why, measure)))
                .unwrap_or_default(),
            change: form.changes.contains_key(&p.proposal_id),
            reason: form
                .changes
                .get(&p.proposal_id)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let rules = loaded
        .comparison
        .into_iter()
        .map(|o| RuleRow {
            rule: o.rule.label(),
            own: o.rule.label() == results.round.rule,
            funded: o
                .selected
                .iter()
                .map(|id| titles.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
                .collect::<Vec<_>>()
                .join(", "),
            cost: page.money(o.total_cost_cents),
            voters: page.say(&t!(
                "site-round-share",
                share = crate::i18n::Decimal(
                    (o.voters_with_a_funded_project_bp as f64 / 10.0).round() / 10.0
                )
            )),
        })
        .collect();
    let summary = page.say(&t!(
        "site-round-summary",
        ballots = results.turnout.ballots,
        spent = crate::i18n::Money(results.outcome.total_cost_cents),
        budget = crate::i18n::Money(results.outcome.budget_cents)
    ));
    page.render_with(
        status,
        &DecisionPage {
            page: page.clone(),
            id,
            name: results.round.name.clone(),
            summary,
            projects,
            rules,
            decisions: decision_items(page, loaded.history, &titles),
            decidable: loaded.decidable,
            form,
            recorded,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DecisionQuery {
    recorded: Option<u8>,
}

pub async fn decision_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DecisionQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = seat(&req, &state, &page).await {
        return answer;
    }
    let form = DecisionForm {
        kind: "approve".into(),
        ..DecisionForm::default()
    };
    let ok = actix_web::http::StatusCode::OK;
    let shown = (form, query.recorded.is_some());
    render(&page, &state, path.into_inner(), shown, ok, vec![]).await
}

/// Errors about one project's change link to that project's reason.
fn project_errors(
    page: &Page,
    error: &ApiError,
    changed: &[(i64, &str)],
    titles: &HashMap<i64, String>,
) -> Vec<ErrorItem> {
    let mut items = page.errors(error, &fields());
    for (item, field_error) in items.iter_mut().zip(&error.errors) {
        let Some((list, rest)) = field_error.field.split_once('[') else {
            continue;
        };
        let index: Option<usize> = rest.split(']').next().and_then(|i| i.parse().ok());
        let Some(&(id, _)) =
            index.and_then(|i| changed.iter().filter(|(_, kind)| *kind == list).nth(i))
        else {
            continue;
        };
        let title = titles.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
        item.anchor = Some(format!("reason-{id}"));
        item.message = page.say(&t!(
            "site-field-error",
            label = title,
            message = field_error.message.clone()
        ));
    }
    items
}

/// Records the decision through the same service as the API.
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let (form, csrf) = DecisionForm::from_pairs(form.into_inner());
    if !page.came_from_this_site(&state, &csrf) {
        return page.refuse_form();
    }
    let seat = match seat(&req, &state, &page).await {
        Ok(seat) => seat,
        Err(answer) => return answer,
    };
    let kind = match form.kind.as_str() {
        "approve" => Kind::Approve,
        "amend" => Kind::Amend,
        _ => {
            let refusal = ApiError::invalid("kind", t!("site-council-choose"));
            let errors = page.errors(&refusal, &fields());
            let status = refusal.status_code();
            return render(&page, &state, id, (form, false), status, errors).await;
        }
    };
    let secret = state.config.pseudonym_secret.clone();
    let counted = blocking::run(&state.pool, move |conn| rounds::results(conn, &secret, id)).await;
    let results = match counted {
        Ok(results) => results,
        Err(error) => return failure(&page, &error),
    };
    let mut ordered: Vec<(i64, String)> = form
        .changes
        .iter()
        .map(|(id, reason)| (*id, reason.clone()))
        .collect();
    ordered.sort();
    let (remove, add): (Vec<_>, Vec<_>) = ordered
        .into_iter()
        .partition(|(id, _)| results.outcome.selected.contains(id));
    let changed: Vec<(i64, &str)> = add
        .iter()
        .map(|(id, _)| (*id, "add"))
        .chain(remove.iter().map(|(id, _)| (*id, "remove")))
        .collect();
    let input = DecisionInput {
        kind,
        council_session: form.council_session.clone(),
        decided_on: form.decided_on.clone(),
        add: add.clone(),
        remove: remove.clone(),
        over_envelope_reason: Some(form.over_envelope_reason.clone())
            .filter(|reason| !reason.trim().is_empty()),
    };
    let public_url = state.config.public_url.clone();
    let decided = blocking::run(&state.pool, move |conn| {
        decisions::decide(conn, &seat, id, input, &public_url)
    })
    .await;
    match decided {
        Ok(_) => see_other(&format!("/console/rounds/{id}/decision?recorded=1")).finish(),
        Err(error) => {
            let errors = project_errors(&page, &error, &changed, &titles_of(&results));
            let status = error.status_code();
            render(&page, &state, id, (form, false), status, errors).await
        }
    }
}

/// Each project's title by its id.
fn titles_of(results: &RoundResults) -> HashMap<i64, String> {
    results
        .outcome
        .projects
        .iter()
        .map(|p| p.proposal_id)
        .zip(results.titles.iter().cloned())
        .collect()
}

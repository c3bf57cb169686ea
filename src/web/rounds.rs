//! The public pages of the budget: the editions and their rounds, a round with its ballot or,
//! once counted, its results with one sentence per project saying why it was or was not funded,
//! and a proposal.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::booth::{Booth, Marks, booth};
use std::collections::HashMap;

use super::decision::{DecisionItem, decision_items};
use super::map::AreaMap;
use super::page::{MessagePage, Page};
use super::session;
use crate::api::blocking;
use crate::domain::envelope::Allocation;
use crate::domain::phase::Phase;
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, ErrorCode, Thing};
use crate::i18n::{Decimal, Money, Text};

use crate::service::decisions::{self, Decision};
use crate::service::editions::{self, EditionFilter};
use crate::service::envelopes;
use crate::service::rounds::{self, RoundDetail, RoundResults, explanation};
use crate::service::{areas, ballots};
use crate::state::AppState;

struct EditionItem {
    id: i64,
    name: String,
    phase: String,
    now: String,
    rounds: Vec<RoundItem>,
}

pub(super) struct RoundItem {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) status: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Page,
    editions: Vec<EditionItem>,
}

/// What residents can do in each phase, for the home page.
pub(super) fn now(phase: Phase) -> Text {
    match phase {
        Phase::Draft => t!("site-now-draft"),
        Phase::Ideas => t!("site-now-ideas"),
        Phase::Support => t!("site-now-support"),
        Phase::Review => t!("site-now-review"),
        Phase::Voting => t!("site-now-voting"),
        Phase::Decision => t!("site-now-decision"),
        Phase::Implementation => t!("site-now-implementation"),
        Phase::Closed => t!("site-now-closed"),
    }
}

pub async fn home(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let found = blocking::run(&state.pool, |conn| {
        let filter = EditionFilter {
            phases: Phase::ALL
                .into_iter()
                .filter(|p| *p != Phase::Draft)
                .collect(),
            fiscal_year: None,
            updated_since: None,
            after_id: None,
            limit: 100,
        };
        let mut found = Vec::new();
        for detail in editions::list(conn, &filter)? {
            let rounds = rounds::of_edition(conn, detail.edition.id)?;
            found.push((detail, rounds));
        }
        Ok(found)
    })
    .await;
    let found = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let editions = found
        .into_iter()
        .map(|(detail, rounds)| {
            let phase = detail.edition.phase;
            EditionItem {
                id: detail.edition.id,
                name: detail.edition.name,
                phase: page.say(&t!("phase", name = phase.as_str())),
                now: page.say(&now(phase)),
                rounds: round_items(&page, rounds),
            }
        })
        .collect();
    page.render(&HomePage {
        page: page.clone(),
        editions,
    })
}

#[derive(Template)]
#[template(path = "edition.html")]
struct EditionPage {
    page: Page,
    id: i64,
    name: String,
    phase: String,
    now: String,
    /// Each phase, when it starts, and whether it is the current one.
    schedule: Vec<(String, Option<String>, bool)>,
    /// Each area (or the whole city: no id) and the money it has, and why.
    envelopes: Vec<(Option<i64>, String, String, String)>,
    /// The edition's areas, when they have outlines.
    map: Option<AreaMap>,
    rounds: Vec<RoundItem>,
    /// Residents may write proposals now.
    writing: bool,
    following: Option<bool>,
}

/// An edition: its phases and their dates, the money of each area, its rounds. A draft edition
/// is not public yet.
pub async fn edition(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let found = blocking::run(&state.pool, move |conn| {
        let sheet = envelopes::envelope_sheet(conn, id)?;
        if sheet.edition.phase == Phase::Draft {
            return Err(ApiError::not_found(Thing::Edition));
        }
        let rounds = rounds::of_edition(conn, id)?;
        Ok((sheet, rounds))
    })
    .await;
    let (sheet, round_list) = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let edition = &sheet.edition;
    let starts = [
        (Phase::Ideas, edition.ideas_at),
        (Phase::Support, edition.support_at),
        (Phase::Review, edition.review_at),
        (Phase::Voting, edition.voting_at),
        (Phase::Decision, edition.decision_at),
        (Phase::Implementation, edition.implementation_at),
        (Phase::Closed, edition.closed_at),
    ];
    let schedule = starts
        .into_iter()
        .map(|(phase, at)| {
            (
                page.say(&t!("phase", name = phase.as_str())),
                at.map(|at| page.moment(at)),
                phase == edition.phase,
            )
        })
        .collect();
    let envelopes = sheet
        .envelopes
        .iter()
        .map(|envelope| {
            let area = envelope
                .area_id
                .and_then(|id| sheet.areas.iter().find(|a| a.id == id))
                .map_or_else(|| page.t("site-edition-citywide"), |a| a.name.clone());
            let why = why_this_amount(&page, edition.allocation, envelope);
            let amount = page.money(envelope.amount_cents());
            (envelope.area_id, area, amount, why)
        })
        .collect();
    let following = super::notifications::following(
        &req,
        &state,
        crate::service::follows::Subject::Edition,
        id,
    )
    .await;
    page.render(&EditionPage {
        following,
        page: page.clone(),
        id: edition.id,
        name: edition.name.clone(),
        phase: page.say(&t!("phase", name = edition.phase.as_str())),
        now: page.say(&now(edition.phase)),
        schedule,
        envelopes,
        map: super::map::of_areas(&sheet.areas, None),
        rounds: round_items(&page, round_list),
        writing: edition.phase == Phase::Ideas,
    })
}

/// Why an area's envelope has its amount, in a sentence: the floor, then its part of what was
/// shared by the edition's allocation rule, and the override with its reason when there is one.
pub(super) fn why_this_amount(
    page: &Page,
    allocation: Allocation,
    envelope: &envelopes::Envelope,
) -> String {
    let mut said = Vec::new();
    if let Some(reasons) = envelopes::explanation_of(envelope) {
        let floor = Money(reasons.floor_cents);
        let share = Money(reasons.share_floor_cents + reasons.extra_cent);
        let percent = Decimal((reasons.share_percent() * 10.0).round() / 10.0);
        let population = crate::i18n::whole_number(reasons.population, page.locale);
        said.push(match allocation {
            Allocation::Equal => t!("site-envelope-equal", floor = floor, share = share),
            Allocation::PerCapita => t!(
                "site-envelope-per-capita",
                floor = floor,
                share = share,
                population = population.clone(),
                percent = percent
            ),
            Allocation::NeedsWeighted => t!(
                "site-envelope-needs",
                floor = floor,
                share = share,
                population = population,
                index = Decimal(reasons.deprivation_ppm as f64 / 1_000_000.0),
                percent = percent
            ),
        });
    } else if envelope.area_id.is_none() {
        said.push(t!("site-envelope-citywide"));
    }
    if let Some(amount) = envelope.override_cents {
        let reason = envelope.override_reason.clone().unwrap_or_default();
        said.push(t!(
            "site-envelope-override",
            amount = Money(amount),
            reason = reason
        ));
    }
    said.iter()
        .map(|text| page.say(text))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn round_items(page: &Page, list: Vec<rounds::RoundDetail>) -> Vec<RoundItem> {
    list.into_iter()
        .map(|r| RoundItem {
            id: r.round.id,
            name: r.round.name,
            status: page.say(&t!("round-status", name = r.round.status.as_str())),
        })
        .collect()
}

/// A project on a round's ballot, with how the booth's form marks it.
pub(super) struct BallotItem {
    pub(super) id: i64,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) cost: String,
    pub(super) cents: i64,
    pub(super) ticked: bool,
    pub(super) typed: String,
}

struct ResultItem {
    id: i64,
    title: String,
    votes: i64,
    cost: String,
    funded: bool,
    why: String,
}

/// One project in the results chart: a bar for its votes (or points) and one for its cost, as
/// a share of the most votes and of the budget; funded projects are marked in words as well as
/// in colour.
struct ChartRow {
    top: i64,
    title: String,
    funded: bool,
    votes_width: i64,
    cost_width: i64,
    votes: String,
    cost: String,
}

/// The chart's drawing width for a full bar, in its own units.
const CHART_BAR: i64 = 560;
/// The height of one project's rows in the chart.
const CHART_ROW: i64 = 56;

fn chart(
    page: &Page,
    results: &RoundResults,
    titles: &[String],
    measure: &str,
) -> (Vec<ChartRow>, i64) {
    let outcome = &results.outcome;
    let most = outcome
        .projects
        .iter()
        .map(|p| p.votes)
        .max()
        .unwrap_or(0)
        .max(1);
    let budget = outcome.budget_cents.max(1);
    let rows: Vec<ChartRow> = outcome
        .projects
        .iter()
        .zip(titles)
        .enumerate()
        .map(|(index, (p, title))| ChartRow {
            top: index as i64 * CHART_ROW,
            title: title.clone(),
            funded: p.selected,
            votes_width: (p.votes * CHART_BAR / most).max(1),
            cost_width: (p.cost_cents.min(budget) * CHART_BAR / budget).max(1),
            votes: page.say(&t!("site-chart-votes", count = p.votes, measure = measure)),
            cost: page.money(p.cost_cents),
        })
        .collect();
    let height = rows.len() as i64 * CHART_ROW + 8;
    (rows, height)
}

pub(super) struct ResultsSection {
    summary: String,
    turnout: Option<String>,
    chart: Vec<ChartRow>,
    chart_height: i64,
    ending: Option<String>,
    projects: Vec<ResultItem>,
    /// For a city-wide round: each area with its ballots, eligible residents and share.
    per_area: Vec<(String, i64, i64, String)>,
    /// The council's decisions, the one that stands first.
    decisions: Vec<DecisionItem>,
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage {
    page: Page,
    id: i64,
    name: String,
    status: String,
    window: String,
    projects: Vec<BallotItem>,
    booth: Option<Booth>,
    /// The ballot as a plain list, where no booth form shows it.
    show_list: bool,
    results: Option<ResultsSection>,
}

pub async fn round(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let secret = state.config.pseudonym_secret.clone();
    let found = blocking::run(&state.pool, move |conn| {
        let detail = rounds::detail(conn, id)?;
        let results =
            if detail.round.status == RoundStatus::Closed && detail.round.outcome.is_some() {
                let results = rounds::results(conn, &secret, id)?;
                let mut names = HashMap::new();
                for area in &results.per_area {
                    names.insert(area.area_id, areas::get(conn, area.area_id)?.name);
                }
                Some((results, names, decisions::history(conn, id)?))
            } else {
                None
            };
        Ok((detail, results))
    })
    .await;
    let (detail, results) = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let caller = session::visitor(&req, &state).await;
    let signed_in = caller.is_some();
    let own = match caller {
        Some(caller) if detail.round.status == RoundStatus::Open => {
            let secret = state.config.pseudonym_secret.clone();
            blocking::run(&state.pool, move |conn| {
                ballots::get(conn, &secret, &caller, id)
            })
            .await
            .ok()
        }
        _ => None,
    };
    let marks = own
        .as_ref()
        .map(|b| Marks::of(detail.round.ballot_type, &b.choices))
        .unwrap_or_default();
    let receipt = own.map(|b| b.receipt);
    let (booth, items) = booth(&page, &detail, signed_in, &marks, receipt, vec![]);
    let results = results.map(|(r, names, history)| results_section(&page, r, &names, history));
    render_round(&page, StatusCode::OK, &detail, items, booth, results)
}

/// A round's page: its window, then the booth while it is open, or its results once counted.
pub(super) fn render_round(
    page: &Page,
    status: StatusCode,
    detail: &RoundDetail,
    projects: Vec<BallotItem>,
    booth: Option<Booth>,
    results: Option<ResultsSection>,
) -> HttpResponse {
    let round = &detail.round;
    let window = page.say(&t!(
        "site-round-window",
        opens = page.moment(round.opens_at),
        closes = page.moment(round.closes_at)
    ));
    page.render_with(
        status,
        &RoundPage {
            page: page.clone(),
            id: round.id,
            name: round.name.clone(),
            status: page.say(&t!("round-status", name = round.status.as_str())),
            window,
            projects,
            show_list: !booth.as_ref().is_some_and(|b| b.signed_in),
            booth,
            results,
        },
    )
}

fn results_section(
    page: &Page,
    results: RoundResults,
    area_names: &HashMap<i64, String>,
    history: Vec<Decision>,
) -> ResultsSection {
    let per_area = results
        .per_area
        .iter()
        .map(|area| {
            let share = match area.eligible {
                0 => String::from("–"),
                eligible => page.say(&t!(
                    "site-round-share",
                    share = crate::i18n::Decimal(
                        (area.ballots as f64 * 1000.0 / eligible as f64).round() / 10.0
                    )
                )),
            };
            let name = area_names.get(&area.area_id).cloned().unwrap_or_default();
            (name, area.ballots, area.eligible, share)
        })
        .collect();
    let titles: HashMap<i64, String> = results
        .outcome
        .projects
        .iter()
        .map(|p| p.proposal_id)
        .zip(results.titles.iter().cloned())
        .collect();
    let decisions = decision_items(page, history, &titles);
    let measure = explanation::Measure::of_ballot(results.round.ballot_type);
    let measure_name = match measure {
        explanation::Measure::Votes => "votes",
        explanation::Measure::Points => "points",
    };
    let (chart, chart_height) = chart(page, &results, &results.titles, measure_name);
    let turnout = &results.turnout;
    let turnout = (turnout.eligible > 0).then(|| {
        page.say(&t!(
            "site-round-turnout",
            ballots = turnout.ballots,
            eligible = turnout.eligible,
            share = crate::i18n::Decimal(turnout.ballots as f64 * 100.0 / turnout.eligible as f64)
        ))
    });
    let outcome = results.outcome;
    let summary = page.say(&t!(
        "site-round-summary",
        ballots = results.turnout.ballots,
        spent = crate::i18n::Money(outcome.total_cost_cents),
        budget = crate::i18n::Money(outcome.budget_cents)
    ));
    let projects = outcome
        .projects
        .iter()
        .zip(results.titles)
        .map(|(p, title)| ResultItem {
            id: p.proposal_id,
            title,
            votes: p.votes,
            cost: page.money(p.cost_cents),
            funded: p.selected,
            why: p
                .why
                .as_ref()
                .map(|why| page.say(&explanation::sentence(why, measure)))
                .unwrap_or_default(),
        })
        .collect();
    ResultsSection {
        summary,
        turnout,
        chart,
        chart_height,
        ending: outcome
            .ending
            .as_ref()
            .and_then(explanation::ending)
            .map(|text| page.say(&text)),
        projects,
        per_area,
        decisions,
    }
}

/// A page for what went wrong: not found, or the service's problem in the reader's words.
pub(super) fn failure(page: &Page, error: &ApiError) -> HttpResponse {
    let status = StatusCode::from_u16(error.code.status()).unwrap_or(StatusCode::NOT_FOUND);
    let heading = if error.code == ErrorCode::NotFound {
        page.t("site-not-found-title")
    } else {
        page.say(&error.code.title())
    };
    page.render_with(
        status,
        &MessagePage {
            page: page.clone(),
            heading,
            body: page.say(&error.detail),
            next: Some(("/".into(), page.t("site-to-home"))),
        },
    )
}

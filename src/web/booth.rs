//! The voting booth on a round's page: the rules of the ballot said before the first choice,
//! one plain form per ballot type (`project_ids` checkboxes for approval and knapsack ballots,
//! `points[ID]` for cumulative ones, `rank[ID]` for ranked ones), and the receipt. The ballot
//! goes through the same service as the API's, so every rule of the ballot is checked there.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::page::{ErrorItem, Page};
use super::rounds::{BallotItem, render_round};
use super::session;
use crate::api::blocking;
use crate::domain::ballot::{BallotType, Choices};
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, FieldError};
use crate::i18n::{Money, Text};
use crate::service::ballots;
use crate::service::rounds::RoundRecord as Round;
use crate::service::rounds::{self, RoundDetail};
use crate::state::AppState;

/// What the booth's form holds: the ticked projects, or the number typed for each.
#[derive(Default)]
pub(super) struct Marks {
    ticked: Vec<i64>,
    typed: HashMap<i64, String>,
}

impl Marks {
    /// A stored ballot as its form shows it again.
    pub(super) fn of(ballot_type: BallotType, choices: &Choices) -> Self {
        match (ballot_type, choices) {
            (BallotType::Ranked, Choices::ProjectIds(ids)) => Self {
                ticked: vec![],
                typed: ids
                    .iter()
                    .enumerate()
                    .map(|(rank, id)| (*id, (rank + 1).to_string()))
                    .collect(),
            },
            (_, Choices::ProjectIds(ids)) => Self {
                ticked: ids.clone(),
                typed: HashMap::new(),
            },
            (_, Choices::Points(points)) => Self {
                ticked: vec![],
                typed: points.iter().map(|(id, n)| (*id, n.to_string())).collect(),
            },
        }
    }
}

/// The booth as a round's page shows it while the round is open.
pub(super) struct Booth {
    /// `choose` (checkboxes), `points` or `rank`.
    pub(super) kind: &'static str,
    pub(super) rules: Vec<String>,
    pub(super) signed_in: bool,
    pub(super) login: String,
    pub(super) receipt: Option<String>,
    pub(super) errors: Vec<ErrorItem>,
    /// What the booth's script counts while the resident chooses; none for a ranked ballot.
    pub(super) tally: Option<Tally>,
}

/// The live count the booth's script shows (`assets/booth.js`): a sentence with `{count}`,
/// `{used}` (an amount) or `{points}` for it to fill in, and the limits it compares with. The
/// server checks every ballot; this only spares a resident a refused form.
pub(super) struct Tally {
    pub(super) say: String,
    pub(super) over: String,
    pub(super) max_choices: Option<i32>,
    pub(super) limit_cents: Option<i64>,
    pub(super) points: Option<i32>,
}

fn tally(page: &Page, round: &Round) -> Option<Tally> {
    let say = match (round.ballot_type, round.budget_limit_cents) {
        (BallotType::Knapsack, Some(limit)) => {
            t!("site-tally-money", used = "{used}", limit = Money(limit))
        }
        (BallotType::Approval | BallotType::Knapsack, _) => match round.max_choices {
            Some(max) => t!("site-tally-count-of", count = "{count}", max = max),
            None => t!("site-tally-count", count = "{count}"),
        },
        (BallotType::Cumulative, _) => t!(
            "site-tally-points",
            points = "{points}",
            total = round.points.unwrap_or(0)
        ),
        (BallotType::Ranked, _) => return None,
    };
    Some(Tally {
        say: page.say(&say),
        over: page.t("site-tally-over"),
        max_choices: round.max_choices,
        limit_cents: round
            .budget_limit_cents
            .filter(|_| round.ballot_type == BallotType::Knapsack),
        points: round
            .points
            .filter(|_| round.ballot_type == BallotType::Cumulative),
    })
}

/// The rules of the ballot, in the words the resident reads before choosing.
fn rules(page: &Page, detail: &RoundDetail) -> Vec<String> {
    let round = &detail.round;
    let mut said: Vec<Text> = vec![match round.ballot_type {
        BallotType::Approval => t!("site-booth-approval"),
        BallotType::Knapsack => match round.budget_limit_cents {
            Some(limit) => t!("site-booth-knapsack", limit = Money(limit)),
            None => t!("site-booth-approval"),
        },
        BallotType::Cumulative => t!("site-booth-cumulative", points = round.points.unwrap_or(0)),
        BallotType::Ranked => t!("site-booth-ranked"),
    }];
    if let Some(max) = round.max_points_per_project {
        said.push(t!("site-booth-max-points", max = max));
    }
    if let Some(min) = round.min_choices.filter(|&m| m > 0) {
        said.push(t!("site-booth-at-least", min = min));
    }
    if let Some(max) = round.max_choices {
        said.push(t!("site-booth-at-most", max = max));
    }
    if round.allows_abstention {
        said.push(t!("site-booth-abstain"));
    }
    said.push(t!(
        "site-booth-change",
        closes = page.moment(round.closes_at)
    ));
    said.iter().map(|text| page.say(text)).collect()
}

/// The booth for a round that is open now, and the ballot's projects marked as `marks` says.
pub(super) fn booth(
    page: &Page,
    detail: &RoundDetail,
    signed_in: bool,
    marks: &Marks,
    receipt: Option<String>,
    errors: Vec<ErrorItem>,
) -> (Option<Booth>, Vec<BallotItem>) {
    let items = detail
        .projects
        .iter()
        .map(|p| BallotItem {
            id: p.proposal_id,
            title: p.title.clone(),
            summary: p.summary.clone(),
            cost: page.money(p.cost_cents),
            cents: p.cost_cents,
            ticked: marks.ticked.contains(&p.proposal_id),
            typed: marks.typed.get(&p.proposal_id).cloned().unwrap_or_default(),
        })
        .collect();
    let round = &detail.round;
    let now = crate::clock::now();
    let open = round.status == RoundStatus::Open && round.opens_at <= now && now < round.closes_at;
    if !open {
        return (None, items);
    }
    let kind = match round.ballot_type {
        BallotType::Approval | BallotType::Knapsack => "choose",
        BallotType::Cumulative => "points",
        BallotType::Ranked => "rank",
    };
    let booth = Booth {
        kind,
        rules: rules(page, detail),
        signed_in,
        login: session::sign_in_link(&format!("/rounds/{}", round.id)),
        receipt,
        errors,
        tally: tally(page, round),
    };
    (Some(booth), items)
}

/// The form as posted: every `name=value` pair, in order (`project_ids` repeats).
fn pairs(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// The project id inside `prefix[ID]`.
fn bracketed(name: &str, prefix: &str) -> Option<i64> {
    name.strip_prefix(prefix)?
        .strip_prefix('[')?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// The ballot the form holds, or the fields it got wrong; and the marks to show it again.
fn choices(
    ballot_type: BallotType,
    pairs: &[(String, String)],
) -> (Result<Choices, ApiError>, Marks) {
    let mut marks = Marks::default();
    let mut errors = Vec::new();
    let numbers = |prefix: &str, marks: &mut Marks, errors: &mut Vec<FieldError>| {
        let mut numbers = BTreeMap::new();
        for (name, value) in pairs {
            let Some(id) = bracketed(name, prefix) else {
                continue;
            };
            let value = value.trim();
            marks.typed.insert(id, value.to_string());
            if value.is_empty() {
                continue;
            }
            match value.parse::<i64>() {
                Ok(n) if n >= 0 => {
                    numbers.insert(id, n);
                }
                _ => errors.push(FieldError::new(
                    format!("{prefix}.{id}"),
                    t!("site-booth-whole-number"),
                )),
            }
        }
        numbers
    };
    let choices = match ballot_type {
        BallotType::Approval | BallotType::Knapsack => {
            for (name, value) in pairs.iter().filter(|(name, _)| name == "project_ids") {
                match value.parse::<i64>() {
                    Ok(id) => marks.ticked.push(id),
                    Err(_) => errors.push(FieldError::new(name.clone(), t!("is-not-a-project-id"))),
                }
            }
            Choices::ProjectIds(marks.ticked.clone())
        }
        BallotType::Cumulative => {
            let points = numbers("points", &mut marks, &mut errors);
            Choices::Points(points.into_iter().filter(|&(_, n)| n > 0).collect())
        }
        BallotType::Ranked => {
            let ranks = numbers("rank", &mut marks, &mut errors);
            let mut order: Vec<(i64, i64)> =
                ranks.into_iter().map(|(id, rank)| (rank, id)).collect();
            order.sort_unstable();
            for pair in order.windows(2).filter(|w| w[0].0 == w[1].0) {
                errors.push(FieldError::new(
                    format!("rank.{}", pair[1].1),
                    t!("site-booth-rank-twice", rank = pair[1].0),
                ));
            }
            Choices::ProjectIds(order.into_iter().map(|(_, id)| id).collect())
        }
    };
    if errors.is_empty() {
        (Ok(choices), marks)
    } else {
        (Err(ApiError::invalid_fields(errors)), marks)
    }
}

/// The error summary of a refused ballot: a project's field links to its input and is named by
/// the project's title.
fn ballot_errors(page: &Page, detail: &RoundDetail, error: &ApiError) -> Vec<ErrorItem> {
    if error.errors.is_empty() {
        return page.errors(error, &[]);
    }
    error
        .errors
        .iter()
        .map(|e| {
            let project = e
                .field
                .split_once('.')
                .and_then(|(_, id)| id.parse::<i64>().ok())
                .and_then(|id| detail.projects.iter().find(|p| p.proposal_id == id));
            let (anchor, label) = match project {
                Some(p) => (format!("p-{}", p.proposal_id), p.title.clone()),
                None => ("booth".to_string(), page.t("site-booth-your-choice")),
            };
            ErrorItem {
                anchor: Some(anchor),
                message: page.say(&t!(
                    "site-field-error",
                    label = label,
                    message = e.message.clone()
                )),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    page: Page,
    round_id: i64,
    round_name: String,
    receipt: String,
    replaced: bool,
}

/// Casts or replaces the signed-in resident's ballot from the booth's form.
pub async fn cast(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: String,
) -> HttpResponse {
    let page = Page::of(&req);
    let round_id = path.into_inner();
    let pairs = pairs(&body);
    let token = pairs
        .iter()
        .find(|(name, _)| name == "csrf_token")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    if !page.came_from_this_site(&state, token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/rounds/{round_id}"));
    };
    let detail = match blocking::run(&state.pool, move |conn| rounds::detail(conn, round_id)).await
    {
        Ok(detail) => detail,
        Err(error) => return super::rounds::failure(&page, &error),
    };
    let (parsed, marks) = choices(detail.round.ballot_type, &pairs);
    let secret = state.config.pseudonym_secret.clone();
    let cast = match parsed {
        Ok(choices) => {
            blocking::run(&state.pool, move |conn| {
                ballots::put(conn, &secret, &caller, round_id, choices)
            })
            .await
        }
        Err(error) => Err(error),
    };
    match cast {
        Ok((receipt, created)) => page.render_with(
            if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            &ReceiptPage {
                page: page.clone(),
                round_id,
                round_name: detail.round.name.clone(),
                receipt,
                replaced: !created,
            },
        ),
        Err(error) => {
            let errors = ballot_errors(&page, &detail, &error);
            let status = error.status_code();
            let (booth, items) = booth(&page, &detail, true, &marks, None, errors);
            render_round(&page, status, &detail, items, booth, None)
        }
    }
}

//! Administrators run the voting rounds of an edition: set one up, check its ballot, open it,
//! close it (early only with a reason) or cancel it before the first ballot.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use chrono::NaiveDateTime;

use super::editions::{TYPED_MOMENT, administrator};
use crate::api::blocking;
use crate::domain::ballot::BallotType;
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, FieldError};
use crate::service::rounds::{self, RoundInput};
use crate::service::{areas, editions};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::write::cents;

/// What the round form holds, as typed.
#[derive(serde::Deserialize, Default)]
pub struct RoundForm {
    /// An area id, or empty for the city-wide envelope.
    #[serde(default)]
    area: String,
    #[serde(default)]
    ballot_type: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
    #[serde(default)]
    min_choices: String,
    #[serde(default)]
    max_choices: String,
    #[serde(default)]
    budget_limit: String,
    #[serde(default)]
    points: String,
    #[serde(default)]
    max_points_per_project: String,
    #[serde(default)]
    min_age: String,
    #[serde(default)]
    uses_codes: Option<String>,
    #[serde(default)]
    allows_abstention: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

/// A whole number typed in a field, or nothing when empty.
fn whole(typed: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<i32> {
    match typed.trim() {
        "" => None,
        typed => typed.parse().map_or_else(
            |_| {
                errors.push(FieldError::new(field, t!("site-round-setup-whole-number")));
                None
            },
            Some,
        ),
    }
}

fn moment(typed: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDateTime> {
    match NaiveDateTime::parse_from_str(typed.trim(), TYPED_MOMENT) {
        Ok(at) => Some(at),
        Err(_) if typed.trim().is_empty() => {
            errors.push(FieldError::new(field, t!("is-required")));
            None
        }
        Err(_) => {
            errors.push(FieldError::new(field, t!("site-edition-moment-words")));
            None
        }
    }
}

impl RoundForm {
    /// The area and the input for the service, or what was typed that is no number or date.
    fn input(&self) -> Result<(Option<i64>, RoundInput), ApiError> {
        let mut errors = Vec::new();
        let area = match self.area.trim() {
            "" => None,
            typed => match typed.parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "area_id",
                        t!("site-round-setup-choose-area"),
                    ));
                    None
                }
            },
        };
        let ballot_type = BallotType::ALL
            .into_iter()
            .find(|b| b.as_str() == self.ballot_type);
        if ballot_type.is_none() {
            errors.push(FieldError::new("ballot_type", t!("is-required")));
        }
        let budget_limit_cents = match self.budget_limit.trim() {
            "" => None,
            typed => cents(typed).or_else(|| {
                errors.push(FieldError::new(
                    "budget_limit_cents",
                    t!("site-write-cost-words"),
                ));
                None
            }),
        };
        let input = RoundInput {
            ballot_type,
            rule: Some(self.rule.clone()).filter(|r| !r.is_empty()),
            opens_at: moment(&self.opens_at, "opens_at", &mut errors),
            closes_at: moment(&self.closes_at, "closes_at", &mut errors),
            min_choices: Some(whole(&self.min_choices, "min_choices", &mut errors)),
            max_choices: Some(whole(&self.max_choices, "max_choices", &mut errors)),
            budget_limit_cents: Some(budget_limit_cents),
            points: Some(whole(&self.points, "points", &mut errors)),
            max_points_per_project: Some(whole(
                &self.max_points_per_project,
                "max_points_per_project",
                &mut errors,
            )),
            min_age: Some(whole(&self.min_age, "min_age", &mut errors)),
            uses_codes: Some(self.uses_codes.is_some()),
            allows_abstention: Some(self.allows_abstention.is_some()),
            ..RoundInput::default()
        };
        if errors.is_empty() {
            Ok((area, input))
        } else {
            Err(ApiError::invalid_fields(errors))
        }
    }
}

fn fields() -> Vec<Field> {
    vec![
        Field {
            name: "area_id",
            label: t!("site-round-setup-area"),
            input: Some("area"),
        },
        Field::input("ballot_type", t!("site-round-setup-ballot-type")),
        Field::input("rule", t!("site-council-rule")),
        Field::input("opens_at", t!("site-round-setup-opens")),
        Field::input("closes_at", t!("site-round-setup-closes")),
        Field::input("min_choices", t!("site-round-setup-min-choices")),
        Field::input("max_choices", t!("site-round-setup-max-choices")),
        Field {
            name: "budget_limit_cents",
            label: t!("site-round-setup-budget-limit"),
            input: Some("budget_limit"),
        },
        Field::input("points", t!("site-round-setup-points")),
        Field::input("max_points_per_project", t!("site-round-setup-max-points")),
        Field::input("min_age", t!("site-round-setup-min-age")),
    ]
}

#[derive(Template)]
#[template(path = "console_round_new.html")]
struct NewRoundPage {
    page: Page,
    edition_id: i64,
    edition: String,
    /// The edition's areas: id, name, chosen.
    areas: Vec<(i64, String, bool)>,
    ballot_types: Vec<(&'static str, String, bool)>,
    /// Every rule with the ballot types it counts.
    rules: Vec<(&'static str, String, bool)>,
    form: RoundForm,
    errors: Vec<ErrorItem>,
}

async fn render_new(
    page: &Page,
    state: &AppState,
    edition_id: i64,
    form: RoundForm,
    status: StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        let detail = editions::get(conn, edition_id)?;
        let mut named = Vec::new();
        for area in areas::every(conn)? {
            if detail.area_ids.contains(&area.id) {
                named.push((area.id, area.name));
            }
        }
        Ok((detail.edition.name, named))
    })
    .await;
    let (edition, named) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let areas = named
        .into_iter()
        .map(|(id, name)| (id, name, form.area == id.to_string()))
        .collect();
    let ballot_types = BallotType::ALL
        .into_iter()
        .map(|b| {
            (
                b.as_str(),
                page.say(&t!("site-round-setup-ballot", ballot = b.as_str())),
                form.ballot_type == b.as_str(),
            )
        })
        .collect();
    let rules = crate::tally::Rule::ALL
        .into_iter()
        .map(|rule| {
            let fits: Vec<&str> = BallotType::ALL
                .into_iter()
                .filter(|b| b.counts_with(rule))
                .map(BallotType::as_str)
                .collect();
            let counts = page.say(&t!(
                "site-round-setup-rule-counts",
                ballots = fits.join(", ")
            ));
            (rule.label(), counts, form.rule == rule.label())
        })
        .collect();
    page.render_with(
        status,
        &NewRoundPage {
            page: page.clone(),
            edition_id,
            edition,
            areas,
            ballot_types,
            rules,
            form,
            errors,
        },
    )
}

pub async fn new_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let form = RoundForm {
        ballot_type: BallotType::Approval.as_str().into(),
        rule: crate::tally::Rule::Greedy.label().into(),
        ..RoundForm::default()
    };
    render_new(
        &page,
        &state,
        path.into_inner(),
        form,
        StatusCode::OK,
        vec![],
    )
    .await
}

/// Sets the round up through the API's service, then shows it with its ballot to check.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<RoundForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let edition_id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let created = match form.input() {
        Ok((area, input)) => {
            blocking::run(&state.pool, move |conn| {
                rounds::create(conn, &caller, edition_id, area, input)
            })
            .await
        }
        Err(error) => Err(error),
    };
    match created {
        Ok(round) => see_other(&format!("/console/rounds/{}?done=created", round.id)).finish(),
        Err(error) => {
            let errors = page.errors(&error, &fields());
            render_new(&page, &state, edition_id, form, error.status_code(), errors).await
        }
    }
}

/// A project on the ballot as it will open (or opened).
struct BallotLine {
    id: i64,
    title: String,
    cost: String,
}

#[derive(Template)]
#[template(path = "console_round.html")]
struct RoundPage {
    page: Page,
    id: i64,
    edition_id: i64,
    name: String,
    status: String,
    window: String,
    rule: String,
    ballot_type: String,
    scheduled: bool,
    open: bool,
    /// What the ballot holds, or would hold if it opened now.
    ballot: Vec<BallotLine>,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

async fn render_round(
    page: &Page,
    state: &AppState,
    id: i64,
    (done, status, errors): (Option<String>, StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        let detail = rounds::detail(conn, id)?;
        let lines = if detail.round.status == RoundStatus::Scheduled {
            rounds::ballot_preview(conn, &detail.round)?
        } else {
            detail
                .projects
                .iter()
                .map(|p| (p.proposal_id, p.title.clone(), p.cost_cents))
                .collect()
        };
        Ok((detail.round, lines))
    })
    .await;
    let (round, lines) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    page.render_with(
        status,
        &RoundPage {
            page: page.clone(),
            id,
            edition_id: round.edition_id,
            status: page.say(&t!("round-status", name = round.status.as_str())),
            window: page.say(&t!(
                "site-round-window",
                opens = page.moment(round.opens_at),
                closes = page.moment(round.closes_at)
            )),
            rule: round.rule.clone(),
            ballot_type: page.say(&t!(
                "site-round-setup-ballot",
                ballot = round.ballot_type.as_str()
            )),
            scheduled: round.status == RoundStatus::Scheduled && round.cancelled_at.is_none(),
            open: round.status == RoundStatus::Open,
            name: round.name,
            ballot: lines
                .into_iter()
                .map(|(id, title, cost)| BallotLine {
                    id,
                    title,
                    cost: page.money(cost),
                })
                .collect(),
            done,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let done = query
        .done
        .as_deref()
        .map(|done| page.say(&t!("site-round-setup-done", what = done.to_string())));
    render_round(
        &page,
        &state,
        path.into_inner(),
        (done, StatusCode::OK, vec![]),
    )
    .await
}

#[derive(serde::Deserialize, Default)]
pub struct ActionForm {
    /// Why: needed to cancel or reschedule, or to close before the planned end.
    #[serde(default)]
    reason: String,
    /// The new window, to reschedule.
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
    #[serde(default)]
    csrf_token: String,
}

/// Opens, closes, cancels or reschedules the round through the API's services.
async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: i64,
    form: ActionForm,
    action: &'static str,
) -> HttpResponse {
    let page = Page::of(&req);
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let public_url = state.config.public_url.clone();
    let secret = state.config.pseudonym_secret.clone();
    let reason = Some(form.reason.trim().to_string()).filter(|r| !r.is_empty());
    let mut typed_wrong = Vec::new();
    let window = (action == "rescheduled").then(|| {
        (
            moment(&form.opens_at, "opens_at", &mut typed_wrong),
            moment(&form.closes_at, "closes_at", &mut typed_wrong),
        )
    });
    let done = if typed_wrong.is_empty() {
        blocking::run(&state.pool, move |conn| match (action, window) {
            ("rescheduled", Some((Some(opens), Some(closes)))) => rounds::reschedule(
                conn,
                &caller,
                id,
                (opens, closes),
                reason.as_deref().unwrap_or(""),
                &public_url,
            ),
            ("opened", _) => rounds::open(conn, Some(&caller), id, &public_url),
            ("closed", _) => rounds::close(
                conn,
                &secret,
                Some(&caller),
                (id, reason.as_deref()),
                &public_url,
            ),
            _ => rounds::cancel(
                conn,
                &caller,
                id,
                reason.as_deref().unwrap_or(""),
                &public_url,
            ),
        })
        .await
    } else {
        Err(ApiError::invalid_fields(typed_wrong))
    };
    match done {
        Ok(_) => see_other(&format!("/console/rounds/{id}?done={action}")).finish(),
        Err(error) => {
            let prefix = match action {
                "closed" => "close",
                "rescheduled" => "reschedule",
                _ => "cancel",
            };
            let fields = [
                Field {
                    name: "reason",
                    label: t!("site-round-setup-reason"),
                    input: Some(match prefix {
                        "close" => "close-reason",
                        "reschedule" => "reschedule-reason",
                        _ => "cancel-reason",
                    }),
                },
                Field {
                    name: "opens_at",
                    label: t!("site-round-setup-opens"),
                    input: Some("reschedule-opens"),
                },
                Field {
                    name: "closes_at",
                    label: t!("site-round-setup-closes"),
                    input: Some("reschedule-closes"),
                },
            ];
            let errors = page.errors(&error, &fields);
            let status = error.status_code();
            render_round(&page, &state, id, (None, status, errors)).await
        }
    }
}

pub async fn open(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(req, state, path.into_inner(), form.into_inner(), "opened").await
}

pub async fn close(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(req, state, path.into_inner(), form.into_inner(), "closed").await
}

pub async fn reschedule(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(
        req,
        state,
        path.into_inner(),
        form.into_inner(),
        "rescheduled",
    )
    .await
}

pub async fn cancel(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(
        req,
        state,
        path.into_inner(),
        form.into_inner(),
        "cancelled",
    )
    .await
}

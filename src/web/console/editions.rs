//! Administrators set up an edition: its money rules with every envelope previewed (and why)
//! before saving, its areas, categories and schedule, and its phase from draft to closed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::edition_form::{EditionForm, fields};
use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::envelope::Allocation;
use crate::domain::phase::Phase;
use crate::error::ApiError;
use crate::service::areas::{self, Area};
use crate::service::editions::{self, EditionDetail, EditionFilter};
use crate::service::envelopes::Envelope;
use crate::service::rounds;
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::{RoundItem, failure, round_items, why_this_amount};

/// The phases with a planned start, in order, as the schedule names them.
pub(super) const SCHEDULED: [Phase; 7] = [
    Phase::Ideas,
    Phase::Support,
    Phase::Review,
    Phase::Voting,
    Phase::Decision,
    Phase::Implementation,
    Phase::Closed,
];

/// How a datetime-local input writes a moment (UTC here).
pub(super) const TYPED_MOMENT: &str = "%Y-%m-%dT%H:%M";

/// The signed-in administrator, or the answer for anyone else.
pub(super) async fn administrator(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<Caller, HttpResponse> {
    let caller = staff(req, state, page).await?;
    caller
        .require_admin()
        .map_err(|refusal| failure(page, &refusal))?;
    Ok(caller)
}

struct EditionRow {
    id: i64,
    name: String,
    fiscal_year: i32,
    /// The phase's place from draft to closed, to sort on.
    phase_order: usize,
    phase: String,
}

fn columns() -> Vec<SortColumn<EditionRow>> {
    vec![
        SortColumn {
            key: "year",
            label: t!("site-edition-year"),
            number: true,
            compare: |a, b| b.fiscal_year.cmp(&a.fiscal_year).then(b.id.cmp(&a.id)),
        },
        SortColumn {
            key: "name",
            label: t!("site-edition-name"),
            number: false,
            compare: |a, b| by_text(&a.name, &b.name),
        },
        SortColumn {
            key: "phase",
            label: t!("site-edition-phase"),
            number: false,
            compare: |a, b| a.phase_order.cmp(&b.phase_order),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_editions.html")]
struct EditionsPage {
    page: Page,
    listing: Listing<EditionRow>,
}

pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let found = blocking::run(&state.pool, |conn| {
        let filter = EditionFilter {
            phases: Vec::new(),
            fiscal_year: None,
            updated_since: None,
            after_id: None,
            limit: 100,
        };
        editions::list(conn, &filter)
    })
    .await;
    match found {
        Ok(found) => page.render(&EditionsPage {
            listing: listing(
                &req,
                &page,
                found
                    .into_iter()
                    .map(|detail| EditionRow {
                        id: detail.edition.id,
                        name: detail.edition.name,
                        fiscal_year: detail.edition.fiscal_year,
                        phase_order: detail.edition.phase.index(),
                        phase: page.say(&t!("phase", name = detail.edition.phase.as_str())),
                    })
                    .collect(),
                &columns(),
            ),
            page: page.clone(),
        }),
        Err(error) => failure(&page, &error),
    }
}

/// An envelope as the preview and the page show it.
struct EnvelopeRow {
    area: String,
    amount: String,
    why: String,
}

/// A phase the edition can move to from where it is.
struct PhaseMove {
    phase: &'static str,
    label: String,
    /// Going back needs a reason.
    back: bool,
}

#[derive(Template)]
#[template(path = "console_edition.html")]
struct EditionPage {
    page: Page,
    /// `None` while creating.
    id: Option<i64>,
    phase: String,
    money_frozen: bool,
    form: EditionForm,
    /// Every area, with whether the form includes it.
    areas: Vec<(Area, bool)>,
    /// The allocation rules: value, words, chosen.
    allocations: Vec<(&'static str, String, bool)>,
    /// Each phase with its planned start as typed.
    schedule: Vec<(&'static str, String, String)>,
    /// The envelopes as saved, or as the preview computes them.
    envelopes: Vec<EnvelopeRow>,
    previewed: bool,
    moves: Vec<PhaseMove>,
    rounds: Vec<RoundItem>,
    /// What was just done, in a sentence.
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

/// What the edition page shows besides the form, loaded for an existing edition.
struct Saved {
    detail: EditionDetail,
    envelopes: Vec<Envelope>,
    rounds: Vec<rounds::RoundDetail>,
}

struct Shown {
    form: Option<EditionForm>,
    preview: Option<Vec<Envelope>>,
    done: Option<String>,
}

async fn render(
    page: &Page,
    state: &AppState,
    id: Option<i64>,
    shown: Shown,
    status: StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        let saved = match id {
            Some(id) => Some(Saved {
                detail: editions::get(conn, id)?,
                envelopes: crate::service::envelopes::envelope_sheet(conn, id)?.envelopes,
                rounds: rounds::of_edition(conn, id)?,
            }),
            None => None,
        };
        Ok((areas::every(conn)?, saved))
    })
    .await;
    let (every_area, saved) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let form = match (shown.form, &saved) {
        (Some(form), _) => form,
        (None, Some(saved)) => EditionForm::of(page, &saved.detail),
        (None, None) => EditionForm {
            allocation: Allocation::NeedsWeighted.as_str().into(),
            ..EditionForm::default()
        },
    };
    let allocation = Allocation::parse(&form.allocation).unwrap_or(Allocation::Equal);
    let area_name = |area_id: Option<i64>| match area_id {
        Some(area_id) => every_area
            .iter()
            .find(|a| a.id == area_id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        None => page.t("site-edition-citywide"),
    };
    let previewed = shown.preview.is_some();
    let envelopes = shown
        .preview
        .or_else(|| saved.as_ref().map(|s| s.envelopes.clone()))
        .unwrap_or_default()
        .iter()
        .map(|envelope| EnvelopeRow {
            area: area_name(envelope.area_id),
            amount: page.money(envelope.amount_cents()),
            why: why_this_amount(page, allocation, envelope),
        })
        .collect();
    let (phase, money_frozen, moves, round_list) = match saved {
        Some(saved) => {
            let e = &saved.detail.edition;
            let moves = [(e.phase.next(), false), (e.phase.previous(), true)]
                .into_iter()
                .filter_map(|(to, back)| {
                    to.map(|to| PhaseMove {
                        phase: to.as_str(),
                        label: page.say(&t!("phase", name = to.as_str())),
                        back,
                    })
                })
                .collect();
            (
                page.say(&t!("phase", name = e.phase.as_str())),
                e.rules_frozen_at.is_some(),
                moves,
                round_items(page, saved.rounds),
            )
        }
        None => (
            page.say(&t!("phase", name = "draft")),
            false,
            vec![],
            vec![],
        ),
    };
    let areas = every_area
        .into_iter()
        .map(|area| {
            let chosen = form.areas.contains(&area.id);
            (area, chosen)
        })
        .collect();
    let allocations = [
        Allocation::Equal,
        Allocation::PerCapita,
        Allocation::NeedsWeighted,
    ]
    .into_iter()
    .map(|a| {
        (
            a.as_str(),
            page.say(&t!("site-edition-allocation-rule", rule = a.as_str())),
            a == allocation,
        )
    })
    .collect();
    let schedule = SCHEDULED
        .iter()
        .zip(&form.schedule)
        .map(|(phase, typed)| {
            (
                phase.as_str(),
                page.say(&t!("phase", name = phase.as_str())),
                typed.clone(),
            )
        })
        .collect();
    page.render_with(
        status,
        &EditionPage {
            page: page.clone(),
            id,
            phase,
            money_frozen,
            form,
            areas,
            allocations,
            schedule,
            envelopes,
            previewed,
            moves,
            rounds: round_list,
            done: shown.done,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DoneQuery {
    /// What was just done: `saved`, `created`, `phase`.
    done: Option<String>,
}

fn done_sentence(page: &Page, done: Option<&str>) -> Option<String> {
    done.map(|done| page.say(&t!("site-edition-done", what = done.to_string())))
}

pub async fn new_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let shown = Shown {
        form: None,
        preview: None,
        done: None,
    };
    render(&page, &state, None, shown, StatusCode::OK, vec![]).await
}

pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let shown = Shown {
        form: None,
        preview: None,
        done: done_sentence(&page, query.done.as_deref()),
    };
    render(
        &page,
        &state,
        Some(path.into_inner()),
        shown,
        StatusCode::OK,
        vec![],
    )
    .await
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    save_or_preview(req, state, None, EditionForm::from_pairs(form.into_inner())).await
}

pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let form = EditionForm::from_pairs(form.into_inner());
    save_or_preview(req, state, Some(path.into_inner()), form).await
}

/// Shows the envelopes the typed rules give, or saves them through the API's service.
async fn save_or_preview(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: Option<i64>,
    form: EditionForm,
) -> HttpResponse {
    let page = Page::of(&req);
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let frozen = match id {
        Some(id) => blocking::run(&state.pool, move |conn| editions::get(conn, id))
            .await
            .map(|detail| detail.edition.rules_frozen_at.is_some()),
        None => Ok(false),
    };
    let input = frozen.and_then(|frozen| form.input(frozen));
    let input = match input {
        Ok(input) => input,
        Err(error) => {
            let errors = page.errors(&error, &fields());
            let shown = Shown {
                form: Some(form),
                preview: None,
                done: None,
            };
            return render(&page, &state, id, shown, error.status_code(), errors).await;
        }
    };
    let preview_only = form.step == "preview";
    let done = blocking::run(&state.pool, move |conn| {
        if preview_only {
            return editions::preview_envelopes(conn, &caller, id, &input).map(Err);
        }
        match id {
            Some(id) => editions::update(conn, &caller, id, input).map(Ok),
            None => editions::create(conn, &caller, input).map(Ok),
        }
    })
    .await;
    match done {
        Ok(Ok(saved)) => {
            let what = if id.is_some() { "saved" } else { "created" };
            see_other(&format!(
                "/console/editions/{}?done={what}",
                saved.edition.id
            ))
            .finish()
        }
        Ok(Err(preview)) => {
            let shown = Shown {
                form: Some(form),
                preview: Some(preview),
                done: None,
            };
            render(&page, &state, id, shown, StatusCode::OK, vec![]).await
        }
        Err(error) => {
            let errors = page.errors(&error, &fields());
            let shown = Shown {
                form: Some(form),
                preview: None,
                done: None,
            };
            render(&page, &state, id, shown, error.status_code(), errors).await
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct PhaseForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// Moves the edition one phase on, or back with a reason, through the API's service.
pub async fn change_phase(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<PhaseForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let Some(to) = Phase::parse(&form.to) else {
        return failure(
            &page,
            &ApiError::invalid("to", t!("site-edition-choose-phase")),
        );
    };
    let reason = Some(form.reason.trim().to_string()).filter(|r| !r.is_empty());
    let public_url = state.config.public_url.clone();
    let changed = blocking::run(&state.pool, move |conn| {
        editions::change_phase(conn, &caller, id, to, reason.as_deref(), &public_url)
    })
    .await;
    match changed {
        Ok(_) => see_other(&format!("/console/editions/{id}?done=phase")).finish(),
        Err(error) => {
            let phase_field = [Field {
                name: "reason",
                label: t!("site-edition-phase-reason"),
                input: Some("phase-reason"),
            }];
            let errors = page.errors(&error, &phase_field);
            let shown = Shown {
                form: None,
                preview: None,
                done: None,
            };
            render(&page, &state, Some(id), shown, error.status_code(), errors).await
        }
    }
}

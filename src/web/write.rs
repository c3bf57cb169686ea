//! Writing a proposal on the website: the form (text, area, theme, cost and its lines, place,
//! co-authors), a preview before saving, the draft it makes (seen only by its authors on the
//! proposal's page), editing it, and submitting or withdrawing it, through the same services
//! as the API.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, Page, see_other};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::markdown;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::service::proposals::read::{self, CostLine};
use crate::service::proposals::{self, Draft, DraftChange};
use crate::service::{editions, envelopes};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ProposalForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    cost: String,
    /// One line per cost: a description, a semicolon, an amount.
    #[serde(default)]
    cost_lines: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
    /// The resident numbers of the co-authors, as their own pages show them.
    #[serde(default)]
    coauthors: String,
    /// `preview` to see the proposal as it will look, without saving it.
    #[serde(default)]
    intent: String,
    #[serde(default)]
    csrf_token: String,
}

/// A new proposal in an edition, or an edit of an existing one.
#[derive(Clone, Copy)]
enum Writing {
    /// `home`: the area the author lives in, chosen at first.
    New {
        edition_id: i64,
        home: Option<i64>,
    },
    Edit {
        edition_id: i64,
        proposal_id: i64,
    },
}

impl Writing {
    fn edition_id(self) -> i64 {
        match self {
            Self::New { edition_id, .. } | Self::Edit { edition_id, .. } => edition_id,
        }
    }

    fn action(self) -> String {
        match self {
            Self::New { edition_id, .. } => format!("/editions/{edition_id}/propose"),
            Self::Edit { proposal_id, .. } => format!("/proposals/{proposal_id}/edit"),
        }
    }
}

/// The proposal as it will look, before it is saved.
struct Preview {
    title: String,
    summary: String,
    body_html: String,
    cost: String,
    lines: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "write.html")]
struct WritePage {
    page: Page,
    editing: bool,
    action: String,
    edition_name: String,
    areas: Vec<(i64, String, bool)>,
    categories: Vec<(String, String, bool)>,
    form: ProposalForm,
    preview: Option<Preview>,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 10] {
    [
        Field::input("category", t!("site-write-category")),
        Field::input("title", t!("site-write-title-field")),
        Field::input("summary", t!("site-write-summary")),
        Field::input("body", t!("site-write-body")),
        Field {
            name: "estimated_cost_cents",
            label: t!("site-write-cost"),
            input: Some("cost"),
        },
        Field::input("cost_lines", t!("site-write-cost-lines")),
        Field {
            name: "area_id",
            label: t!("site-edition-area"),
            input: Some("area"),
        },
        Field::input("latitude", t!("site-write-latitude")),
        Field::input("longitude", t!("site-write-longitude")),
        Field {
            name: "coauthor_ids",
            label: t!("site-write-coauthors"),
            input: Some("coauthors"),
        },
    ]
}

/// An amount of euros as residents type it (`12500`, `12.500,50`, `12,500.50`, `€ 800`), in
/// cents.
pub(super) fn cents(typed: &str) -> Option<i64> {
    let kept: String = typed
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let decimal = kept
        .rfind([',', '.'])
        .filter(|&at| kept.len() - at - 1 <= 2);
    let (whole, part) = match decimal {
        Some(at) => (&kept[..at], &kept[at + 1..]),
        None => (kept.as_str(), ""),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    if whole.is_empty() && part.is_empty() {
        return None;
    }
    let euros: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let hundredths: i64 = format!("{part:0<2}").parse().ok()?;
    euros.checked_mul(100)?.checked_add(hundredths)
}

/// A degree as residents type it, with a point or a comma.
fn degrees(typed: &str) -> Option<f64> {
    typed.trim().replace(',', ".").parse().ok()
}

/// Cents as a resident would type them back: `12500,50` (or with a point in English).
pub(super) fn typed_amount(page: &Page, cents: i64) -> String {
    let separator = if page.lang() == "en" { '.' } else { ',' };
    format!("{}{separator}{:02}", cents / 100, cents % 100)
}

/// Cost lines typed one per line as `what; amount`; a line that is not is an error on
/// `field[i]`.
pub fn typed_cost_lines(
    text: &str,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<(String, i64)> {
    let mut cost_lines = Vec::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        match line
            .rsplit_once(';')
            .and_then(|(what, amount)| Some((what, cents(amount)?)))
        {
            Some((what, amount)) => cost_lines.push((what.trim().to_string(), amount)),
            None => errors.push(FieldError::new(
                format!("{field}[{i}]"),
                t!("site-write-cost-line-words"),
            )),
        }
    }
    cost_lines
}

/// Cost lines as the form shows them to be typed again.
pub fn cost_lines_typed(page: &Page, lines: &[CostLine]) -> String {
    lines
        .iter()
        .map(|l| {
            format!(
                "{}; {}\n",
                l.description,
                typed_amount(page, l.amount_cents)
            )
        })
        .collect()
}

/// The draft the form holds, or what the resident typed that is not a number.
fn draft_of(form: &ProposalForm) -> Result<Draft, ApiError> {
    let mut errors = Vec::new();
    let cost = cents(&form.cost).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "estimated_cost_cents",
            t!("site-write-cost-words"),
        ));
        0
    });
    let cost_lines = typed_cost_lines(&form.cost_lines, "cost_lines", &mut errors);
    let location = match (form.latitude.trim(), form.longitude.trim()) {
        ("", "") => None,
        (latitude, longitude) => match (degrees(latitude), degrees(longitude)) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            (lat, _) => {
                let field = if lat.is_none() {
                    "latitude"
                } else {
                    "longitude"
                };
                errors.push(FieldError::new(field, t!("site-write-degrees-words")));
                None
            }
        },
    };
    let mut coauthor_ids = Vec::new();
    for typed in form
        .coauthors
        .split([',', ' ', ';'])
        .filter(|t| !t.is_empty())
    {
        match typed.trim_start_matches('#').parse::<i64>() {
            Ok(id) => coauthor_ids.push(id),
            Err(_) => errors.push(FieldError::new(
                "coauthor_ids",
                t!("site-write-coauthors-words"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    Ok(Draft {
        area_id: form.area.parse().ok(),
        title: form.title.clone(),
        summary: form.summary.clone(),
        body: form.body.clone(),
        category: Some(form.category.clone()).filter(|c| !c.is_empty()),
        estimated_cost_cents: cost,
        cost_lines,
        location,
        coauthor_ids,
        language: None,
    })
}

fn preview_of(page: &Page, draft: &Draft) -> Preview {
    Preview {
        title: draft.title.clone(),
        summary: draft.summary.clone(),
        body_html: markdown::render(&draft.body),
        cost: page.money(draft.estimated_cost_cents),
        lines: draft
            .cost_lines
            .iter()
            .map(|(what, amount)| (what.clone(), page.money(*amount)))
            .collect(),
    }
}

async fn render(
    page: &Page,
    state: &AppState,
    writing: Writing,
    form: ProposalForm,
    status: StatusCode,
    preview: Option<Preview>,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let edition_id = writing.edition_id();
    let found = blocking::run(&state.pool, move |conn| {
        Ok((
            envelopes::envelope_sheet(conn, edition_id)?,
            editions::get(conn, edition_id)?.categories,
        ))
    })
    .await;
    let (sheet, categories) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let categories = categories
        .into_iter()
        .map(|(code, name)| {
            let chosen = code == form.category;
            (code, name, chosen)
        })
        .collect();
    let chosen = match writing {
        Writing::New { home, .. } => form.area.parse::<i64>().ok().or(home),
        Writing::Edit { .. } => form.area.parse::<i64>().ok(),
    };
    let areas = sheet
        .areas
        .iter()
        .map(|a| (a.id, a.name.clone(), Some(a.id) == chosen))
        .collect();
    page.render_with(
        status,
        &WritePage {
            page: page.clone(),
            editing: matches!(writing, Writing::Edit { .. }),
            action: writing.action(),
            edition_name: sheet.edition.name.clone(),
            areas,
            categories,
            form,
            preview,
            errors,
        },
    )
}

pub async fn write_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let edition_id = path.into_inner();
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(req.path());
    };
    let writing = Writing::New {
        edition_id,
        home: caller.resident_area(),
    };
    let form = ProposalForm::default();
    render(&page, &state, writing, form, StatusCode::OK, None, vec![]).await
}

/// What a posted form leads to: the same form again (with a preview, or with what is wrong),
/// or the proposal's page once saved.
async fn answer(
    req: &HttpRequest,
    state: &AppState,
    writing: Writing,
    form: ProposalForm,
    save: impl FnOnce(&mut crate::db::DbConnection, &Caller, Draft) -> ApiResult<i64> + Send + 'static,
) -> HttpResponse {
    let page = Page::of(req);
    if !page.came_from_this_site(state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(req, state).await else {
        return session::sign_in_first(req.path());
    };
    let refused = |error: ApiError| (error.status_code(), page.errors(&error, &fields()));
    let draft = match draft_of(&form) {
        Ok(draft) => draft,
        Err(error) => {
            let (status, errors) = refused(error);
            return render(&page, state, writing, form, status, None, errors).await;
        }
    };
    if form.intent == "preview" {
        let preview = preview_of(&page, &draft);
        let status = StatusCode::OK;
        return render(&page, state, writing, form, status, Some(preview), vec![]).await;
    }
    let saved = blocking::run(&state.pool, move |conn| save(conn, &caller, draft)).await;
    match saved {
        Ok(id) => see_other(&format!("/proposals/{id}")).finish(),
        Err(error) => {
            let (status, errors) = refused(error);
            render(&page, state, writing, form, status, None, errors).await
        }
    }
}

/// Makes a draft from the form and shows it on its page, where its authors submit it.
pub async fn write(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ProposalForm>,
) -> HttpResponse {
    let edition_id = path.into_inner();
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(req.path());
    };
    let writing = Writing::New {
        edition_id,
        home: caller.resident_area(),
    };
    answer(
        &req,
        &state,
        writing,
        form.into_inner(),
        move |conn, caller, draft| Ok(proposals::create(conn, caller, edition_id, draft)?.id),
    )
    .await
}

/// The form filled with the proposal as it is, for its authors.
pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(req.path());
    };
    let found = blocking::run(&state.pool, move |conn| read::get(conn, id, Some(&caller))).await;
    let proposal = match found {
        Ok(proposal) => proposal,
        Err(error) => return failure(&page, &error),
    };
    let Some(body) = proposal.body.clone() else {
        return failure(
            &page,
            &ApiError::forbidden(t!("only-the-authors-can-change-a-proposal")),
        );
    };
    let form = ProposalForm {
        title: proposal.title,
        summary: proposal.summary,
        body,
        area: proposal.area_id.map(|a| a.to_string()).unwrap_or_default(),
        category: proposal.category.unwrap_or_default(),
        cost: typed_amount(&page, proposal.estimated_cost_cents),
        cost_lines: cost_lines_typed(&page, &proposal.cost_lines),
        latitude: proposal
            .location
            .map(|l| l.latitude.to_string())
            .unwrap_or_default(),
        longitude: proposal
            .location
            .map(|l| l.longitude.to_string())
            .unwrap_or_default(),
        coauthors: proposal
            .coauthor_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        intent: String::new(),
        csrf_token: String::new(),
    };
    let writing = Writing::Edit {
        edition_id: proposal.edition_id,
        proposal_id: id,
    };
    render(&page, &state, writing, form, StatusCode::OK, None, vec![]).await
}

/// Saves the authors' changes (a submitted proposal keeps its earlier text as a version).
pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ProposalForm>,
) -> HttpResponse {
    let id = path.into_inner();
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(req.path());
    };
    let edition = blocking::run(&state.pool, move |conn| {
        Ok(read::get(conn, id, Some(&caller))?.edition_id)
    })
    .await;
    let edition_id = match edition {
        Ok(edition_id) => edition_id,
        Err(error) => return failure(&Page::of(&req), &error),
    };
    let writing = Writing::Edit {
        edition_id,
        proposal_id: id,
    };
    answer(
        &req,
        &state,
        writing,
        form.into_inner(),
        move |conn, caller, draft| {
            let change = DraftChange {
                area_id: Some(draft.area_id),
                title: Some(draft.title),
                summary: Some(draft.summary),
                body: Some(draft.body),
                category: Some(draft.category),
                estimated_cost_cents: Some(draft.estimated_cost_cents),
                cost_lines: Some(draft.cost_lines),
                location: Some(draft.location),
                coauthor_ids: Some(draft.coauthor_ids),
                language: None,
                read_version: None,
            };
            Ok(proposals::update(conn, caller, id, change)?.id)
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    csrf_token: String,
}

/// Submits a draft (`submit`) or withdraws a proposal (`withdraw`), then shows it again.
pub async fn step(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: web::Form<StepForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (id, action) = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{id}"));
    };
    let public_url = state.config.public_url.clone();
    let done = blocking::run(&state.pool, move |conn| match action.as_str() {
        "submit" => proposals::submit(conn, &caller, id, &public_url),
        _ => proposals::withdraw(conn, &caller, id, None, &public_url),
    })
    .await;
    match done {
        Ok(_) => see_other(&format!("/proposals/{id}")).finish(),
        Err(error) => failure(&page, &error),
    }
}

#[cfg(test)]
mod tests {
    use super::cents;

    #[test]
    fn amounts_are_read_as_residents_type_them() {
        assert_eq!(cents("12500"), Some(1_250_000));
        assert_eq!(cents("12.500,50"), Some(1_250_050));
        assert_eq!(cents("12,500.5"), Some(1_250_050));
        assert_eq!(cents("€ 800"), Some(80_000));
        assert_eq!(cents("0,05"), Some(5));
        assert_eq!(cents("12.500"), Some(1_250_000));
        assert_eq!(cents(""), None);
        assert_eq!(cents("veel"), None);
    }
}

//! Writing a proposal on the website: the form, the draft it makes (seen only by its authors on
//! the proposal's page), and submitting or withdrawing it, through the same services as the API.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, Page};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::error::{ApiError, FieldError};
use crate::service::proposals::{self, Draft};
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
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "write.html")]
struct WritePage {
    page: Page,
    edition_id: i64,
    edition_name: String,
    areas: Vec<(i64, String, bool)>,
    categories: Vec<(String, String, bool)>,
    form: ProposalForm,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 6] {
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
        Field {
            name: "area_id",
            label: t!("site-edition-area"),
            input: Some("area"),
        },
    ]
}

/// An amount of euros as residents type it (`12500`, `12.500,50`, `12,500.50`, `€ 800`), in
/// cents.
fn cents(typed: &str) -> Option<i64> {
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

async fn render(
    page: &Page,
    state: &AppState,
    edition_id: i64,
    home: Option<i64>,
    form: ProposalForm,
    status: StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
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
    let chosen = form.area.parse::<i64>().ok().or(home);
    let areas = sheet
        .areas
        .iter()
        .map(|a| (a.id, a.name.clone(), Some(a.id) == chosen))
        .collect();
    page.render_with(
        status,
        &WritePage {
            page: page.clone(),
            edition_id,
            edition_name: sheet.edition.name.clone(),
            areas,
            categories,
            form,
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
    let home = caller.resident_area();
    render(
        &page,
        &state,
        edition_id,
        home,
        ProposalForm::default(),
        StatusCode::OK,
        vec![],
    )
    .await
}

/// Makes a draft from the form and shows it on its page, where its authors submit it.
pub async fn write(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ProposalForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let edition_id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(req.path());
    };
    let home = caller.resident_area();
    let Some(cost) = cents(&form.cost) else {
        let error = ApiError::invalid_fields(vec![FieldError::new(
            "estimated_cost_cents",
            t!("site-write-cost-words"),
        )]);
        let errors = page.errors(&error, &fields());
        return render(
            &page,
            &state,
            edition_id,
            home,
            form,
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        )
        .await;
    };
    let draft = Draft {
        area_id: form.area.parse().ok(),
        title: form.title.clone(),
        summary: form.summary.clone(),
        body: form.body.clone(),
        category: Some(form.category.clone()).filter(|c| !c.is_empty()),
        estimated_cost_cents: cost,
        cost_lines: vec![],
        location: None,
        coauthor_ids: vec![],
    };
    let created = blocking::run(&state.pool, move |conn| {
        proposals::create(conn, &caller, edition_id, draft)
    })
    .await;
    match created {
        Ok(proposal) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/proposals/{}", proposal.id)))
            .finish(),
        Err(error) => {
            let status = error.status_code();
            let errors = page.errors(&error, &fields());
            render(&page, &state, edition_id, home, form, status, errors).await
        }
    }
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
        Ok(_) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/proposals/{id}")))
            .finish(),
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

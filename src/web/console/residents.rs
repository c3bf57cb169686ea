//! Area workers at work: the residents of their area waiting to be verified, verifying one in
//! person, and printing a sheet of residency letter codes.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::error::ApiError;
use crate::service::roles::{ResidencyStatus, UserFilter};
use crate::service::{areas, residency, roles};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;

/// As many waiting residents as one page lists; verifying them shortens the list.
const QUEUE_SHOWN: i64 = 100;
/// Codes on one printed sheet at most.
const CODES_PER_SHEET: usize = 500;

/// A resident waiting to be verified.
struct Waiting {
    id: i64,
    name: String,
    email: String,
    registered_at: chrono::NaiveDateTime,
    registered: String,
}

fn columns() -> Vec<SortColumn<Waiting>> {
    vec![
        SortColumn {
            key: "registered",
            label: t!("site-console-registered"),
            number: false,
            compare: |a, b| a.registered_at.cmp(&b.registered_at),
        },
        SortColumn {
            key: "name",
            label: t!("site-display-name"),
            number: false,
            compare: |a, b| by_text(&a.name, &b.name),
        },
        SortColumn {
            key: "email",
            label: t!("site-email"),
            number: false,
            compare: |a, b| by_text(&a.email, &b.email),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_residents.html")]
struct QueuePage {
    page: Page,
    area_id: i64,
    area_name: String,
    listing: Listing<Waiting>,
    /// A resident was just verified: the page says so.
    verified: bool,
}

/// The signed-in staff member and the name of the area the path names, once they may work
/// there (its area worker, or an administrator); else the answer: sign in first, or the readable
/// 403 (or 404) page.
async fn area_of_work(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    area_id: i64,
) -> Result<(Caller, String), HttpResponse> {
    let caller = staff(req, state, page).await?;
    if !caller.is_admin() && !caller.works_in_area(area_id) {
        let refusal = ApiError::forbidden(t!("only-an-area-worker-of-this-area"));
        return Err(failure(page, &refusal));
    }
    let name = blocking::run(&state.pool, move |conn| Ok(areas::get(conn, area_id)?.name))
        .await
        .map_err(|error| failure(page, &error))?;
    Ok((caller, name))
}

#[derive(Deserialize)]
pub struct QueueQuery {
    /// The id of the resident just verified.
    verified: Option<i64>,
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<QueueQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let area_id = path.into_inner();
    let (caller, area_name) = match area_of_work(&req, &state, &page, area_id).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let found = blocking::run(&state.pool, move |conn| {
        roles::list_users(
            conn,
            &caller,
            &UserFilter {
                text: None,
                role: None,
                area_id: Some(area_id),
                residency: Some(ResidencyStatus::Pending),
                after_id: None,
                limit: QUEUE_SHOWN,
            },
        )
    })
    .await;
    let waiting = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let rows = waiting
        .into_iter()
        .map(|u| Waiting {
            id: u.user.id,
            registered_at: u.user.created_at,
            registered: page.moment(u.user.created_at),
            name: u.user.display_name,
            email: u.user.email,
        })
        .collect();
    page.render(&QueuePage {
        listing: listing(&req, &page, rows, &columns()).with_plain(page.t("site-console-action")),
        verified: query.verified.is_some(),
        area_id,
        area_name,
        page: page.clone(),
    })
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

/// Verifies a waiting resident who showed their address in person.
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<CsrfForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (area_id, user_id) = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let done = blocking::run(&state.pool, move |conn| {
        residency::verify(conn, &caller, user_id, area_id, "in_person")
    })
    .await;
    match done {
        Ok(_) => see_other(&format!(
            "/console/areas/{area_id}/residents?verified={user_id}"
        ))
        .finish(),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Template)]
#[template(path = "console_codes.html")]
struct CodesPage {
    page: Page,
    area_id: i64,
    area_name: String,
    count: String,
    errors: Vec<ErrorItem>,
    /// The codes just issued, for the printed sheet; shown once, never stored.
    codes: Vec<String>,
    /// Where a resident enters a code, in a sentence printed with each.
    enter_at: String,
}

/// The site's address as a letter prints it, for a resident to type: without the scheme.
fn printed_address(public_url: &str) -> &str {
    public_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
}

fn codes_page(page: &Page, state: &AppState, area_id: i64, area_name: String) -> CodesPage {
    CodesPage {
        page: page.clone(),
        area_id,
        area_name,
        count: String::from("50"),
        errors: vec![],
        codes: vec![],
        enter_at: page.say(&t!(
            "site-console-codes-enter",
            at = format!("{}/me", printed_address(&state.config.public_url))
        )),
    }
}

pub async fn codes_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let area_id = path.into_inner();
    match area_of_work(&req, &state, &page, area_id).await {
        Ok((_, name)) => page.render(&codes_page(&page, &state, area_id, name)),
        Err(answer) => answer,
    }
}

#[derive(Deserialize)]
pub struct CodesForm {
    #[serde(default)]
    count: String,
    #[serde(default)]
    csrf_token: String,
}

/// Issues letter codes for the area and shows them once, as a sheet to print and cut.
pub async fn issue_codes(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<CodesForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let area_id = path.into_inner();
    let CodesForm { count, csrf_token } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let (caller, area_name) = match area_of_work(&req, &state, &page, area_id).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut shown = codes_page(&page, &state, area_id, area_name);
    let wanted = count
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=CODES_PER_SHEET).contains(n));
    let Some(wanted) = wanted else {
        let refusal = ApiError::invalid(
            "count",
            t!("number-between", min = 1, max = CODES_PER_SHEET),
        );
        shown.errors = page.errors(
            &refusal,
            &[Field::input("count", t!("site-console-codes-count"))],
        );
        shown.count = count;
        return page.render_with(refusal.status_code(), &shown);
    };
    let issued = blocking::run(&state.pool, move |conn| {
        residency::generate_codes(conn, &caller, area_id, wanted)
    })
    .await;
    match issued {
        Ok(codes) => {
            shown.codes = codes;
            shown.count = wanted.to_string();
            let mut sheet = page.render(&shown);
            sheet.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-store"),
            );
            sheet
        }
        Err(error) => failure(&page, &error),
    }
}

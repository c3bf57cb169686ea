//! The city's console at `/console`: the staff side of the website, on the same sessions,
//! language handling and services (and so the same authorisation) as the API. Each person sees
//! only the parts their roles allow; a part they lack is never a link, and its address typed by
//! hand answers 403 with a readable page.

mod residents;
mod reviews;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::page::Page;
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::service::areas;
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/console", web::get().to(home))
        .route(
            "/console/areas/{id}/residents",
            web::get().to(residents::queue),
        )
        .route(
            "/console/areas/{id}/residents/{user}/verify",
            web::post().to(residents::verify),
        )
        .route(
            "/console/areas/{id}/letter-codes",
            web::get().to(residents::codes_form),
        )
        .route(
            "/console/areas/{id}/letter-codes",
            web::post().to(residents::issue_codes),
        )
        .route("/console/reviews", web::get().to(reviews::queue))
        .route("/console/reviews/{id}", web::get().to(reviews::review_form))
        .route("/console/reviews/{id}", web::post().to(reviews::record));
}

/// The signed-in staff member, or the answer for anyone else: sign in first, or 403.
async fn staff(req: &HttpRequest, state: &AppState, page: &Page) -> Result<Caller, HttpResponse> {
    let Some(caller) = session::visitor(req, state).await else {
        return Err(session::sign_in_first(req.path()));
    };
    if caller.grants.is_empty() {
        return Err(failure(
            page,
            &ApiError::forbidden(t!("site-console-staff-only")),
        ));
    }
    Ok(caller)
}

/// An area the console links to, with what the caller may do there.
struct AreaLink {
    id: i64,
    name: String,
}

#[derive(Template)]
#[template(path = "console.html")]
struct ConsolePage {
    page: Page,
    /// Who is signed in, in a sentence.
    welcome: String,
    /// The areas whose residents the caller verifies and whose letter codes they print.
    residency_areas: Vec<AreaLink>,
    /// The caller reviews proposals for a department (or administers).
    reviews: bool,
}

async fn home(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let reviews = caller.is_admin() || caller.has(Role::Reviewer);
    let welcome = page.say(&t!(
        "site-console-welcome",
        name = caller.user.display_name.clone()
    ));
    let found = blocking::run(&state.pool, move |conn| {
        let mine = caller.worker_areas();
        Ok(areas::every(conn)?
            .into_iter()
            .filter(|area| caller.is_admin() || mine.contains(&area.id))
            .map(|area| AreaLink {
                id: area.id,
                name: area.name,
            })
            .collect())
    })
    .await;
    match found {
        Ok(residency_areas) => page.render(&ConsolePage {
            page: page.clone(),
            welcome,
            residency_areas,
            reviews,
        }),
        Err(error) => failure(&page, &error),
    }
}

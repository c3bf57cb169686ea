//! The city's console at `/console`: the staff side of the website, on the same sessions,
//! language handling and services (and so the same authorisation) as the API. Each person sees
//! only the parts their roles allow; a part they lack is never a link, and its address typed by
//! hand answers 403 with a readable page.

mod areas;
mod assignments;
mod audit;
mod comment_moderation;
mod council;
mod edition_form;
mod editions;
mod finance;
mod finance_booking;
mod finance_lines;
mod finance_plans;
mod finance_report;
mod listing;
mod milestone_files;
mod moderation;
mod paper;
mod residents;
mod reviews;
mod rounds;
mod translations;
mod users;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::page::Page;
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::service::{self, ballots};
use crate::state::AppState;

/// Every console page and form once: how it is reached, the roles that may use it, and its
/// handler. The routes are registered from this table and the authorisation tests walk it.
macro_rules! console_routes {
    ($($method:ident $path:literal [$($role:ident)+] => $handler:path;)*) => {
        pub fn routes(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, web::$method().to($handler));)*
        }

        /// A console route: its method, its path, and the roles that may use it (an
        /// administrator every route but the council's decisions, which are the council's own).
        pub struct ConsoleRoute {
            pub method: &'static str,
            pub path: &'static str,
            pub roles: &'static [Role],
        }

        pub const ROUTES: &[ConsoleRoute] = &[$(ConsoleRoute {
            method: stringify!($method),
            path: $path,
            roles: &[$(Role::$role),+],
        }),*];
    };
}

console_routes! {
    get "/console" [AreaWorker Reviewer Council Finance Admin] => home;
    get "/console/areas" [Admin] => areas::list;
    get "/console/areas/new" [Admin] => areas::new_form;
    post "/console/areas" [Admin] => areas::create;
    post "/console/areas/file" [Admin] => areas::check_file;
    post "/console/areas/import" [Admin] => areas::import;
    get "/console/areas/{id}" [Admin] => areas::edit_form;
    post "/console/areas/{id}" [Admin] => areas::save;
    get "/console/areas/{id}/residents" [AreaWorker Admin] => residents::queue;
    post "/console/areas/{id}/residents/{user}/verify" [AreaWorker Admin] => residents::verify;
    get "/console/areas/{id}/letter-codes" [AreaWorker Admin] => residents::codes_form;
    post "/console/areas/{id}/letter-codes" [AreaWorker Admin] => residents::issue_codes;
    get "/console/reviews" [Reviewer Admin] => reviews::queue;
    get "/console/reviews/{id}" [Reviewer Admin] => reviews::review_form;
    post "/console/reviews/{id}" [Reviewer Admin] => reviews::record;
    get "/console/moderation" [AreaWorker Admin] => moderation::queue;
    get "/console/moderation/{id}" [AreaWorker Admin] => moderation::decision_form;
    post "/console/moderation/{id}" [AreaWorker Admin] => moderation::decide;
    post "/console/comments/{id}/moderation" [AreaWorker Admin] => comment_moderation::decide;
    post "/console/areas/{id}/names" [Admin] => translations::save_area_names;
    get "/console/proposals/{id}/merge" [Admin] => moderation::merge_form;
    post "/console/proposals/{id}/merge" [Admin] => moderation::merge;
    get "/console/council" [Council] => council::counted_rounds;
    get "/console/rounds/{id}/decision" [Council] => council::decision_form;
    post "/console/rounds/{id}/decision" [Council] => council::decide;
    get "/console/editions" [Admin] => editions::list;
    get "/console/editions/new" [Admin] => editions::new_form;
    post "/console/editions" [Admin] => editions::create;
    get "/console/editions/{id}" [Admin] => editions::edit_form;
    post "/console/editions/{id}" [Admin] => editions::save;
    post "/console/editions/{id}/phase" [Admin] => editions::change_phase;
    get "/console/editions/{id}/assignments" [Admin] => assignments::list;
    post "/console/editions/{id}/assignments" [Admin] => assignments::assign;
    get "/console/editions/{id}/rounds/new" [Admin] => rounds::new_form;
    post "/console/editions/{id}/rounds" [Admin] => rounds::create;
    get "/console/rounds/{id}" [Admin] => rounds::show;
    post "/console/rounds/{id}/open" [Admin] => rounds::open;
    post "/console/rounds/{id}/close" [Admin] => rounds::close;
    post "/console/rounds/{id}/cancel" [Admin] => rounds::cancel;
    post "/console/rounds/{id}/reschedule" [Admin] => rounds::reschedule;
    get "/console/rounds/{id}/paper-ballots" [AreaWorker Admin] => paper::form;
    post "/console/rounds/{id}/paper-ballots" [AreaWorker Admin] => paper::enter_one;
    post "/console/rounds/{id}/paper-ballots/file" [AreaWorker Admin] => paper::check_file;
    post "/console/rounds/{id}/paper-ballots/import" [AreaWorker Admin] => paper::import;
    get "/console/audit" [Admin] => audit::log;
    get "/console/users" [Admin] => users::list;
    get "/console/users/{id}" [Admin] => users::show;
    post "/console/users/{id}/roles" [Admin] => users::grant;
    post "/console/users/{id}/roles/{grant}/revoke" [Admin] => users::revoke;
    get "/console/finance" [Finance Council Admin] => finance::followed;
    get "/console/finance/proposals/{id}" [Finance Council Admin] => finance::proposal;
    post "/console/finance/proposals/{id}/milestone-files" [Finance Admin] => milestone_files::add;
    post "/console/finance/proposals/{id}/{form}" [Finance Admin] => finance_booking::book;
    get "/console/finance/plans" [Finance Council Admin] => finance_plans::plans;
    post "/console/finance/plans" [Finance Admin] => finance_plans::create_plan;
    post "/console/finance/plans/items" [Finance Admin] => finance_plans::add_item;
    get "/console/finance/lines" [Finance Council Admin] => finance_lines::lines;
    post "/console/finance/lines" [Finance Admin] => finance_lines::add_line;
    post "/console/finance/lines/file" [Finance Admin] => finance_lines::check_file;
    post "/console/finance/lines/import" [Finance Admin] => finance_lines::import;
    get "/console/finance/report" [Finance Council Admin] => finance_report::report;
    get "/console/finance/report.csv" [Finance Council Admin] => finance_report::report_csv;
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

/// An area or a round the console links to.
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
    /// The open rounds whose paper ballots the caller enters.
    paper_rounds: Vec<AreaLink>,
    /// The caller reviews proposals for a department (or administers).
    reviews: bool,
    /// The caller moderates reported proposals of their areas (or administers).
    moderation: bool,
    /// The caller sits on the council.
    council: bool,
    /// The caller administers the platform.
    admin: bool,
    /// The caller keeps or reads the books.
    finance: bool,
}

async fn home(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let reviews = caller.is_admin() || caller.has(Role::Reviewer);
    let moderation = caller.is_admin() || caller.has(Role::AreaWorker);
    let council = caller.has(Role::Council);
    let admin = caller.is_admin();
    let finance = finance::keeps_books(&caller) || council;
    let welcome = page.say(&t!(
        "site-console-welcome",
        name = caller.user.display_name.clone()
    ));
    let found = blocking::run(&state.pool, move |conn| {
        let mine = caller.worker_areas();
        let areas = service::areas::every(conn)?
            .into_iter()
            .filter(|area| caller.is_admin() || mine.contains(&area.id))
            .map(|area| AreaLink {
                id: area.id,
                name: area.name,
            })
            .collect();
        let paper = ballots::paper_rounds(conn, &caller)?
            .into_iter()
            .map(|round| AreaLink {
                id: round.id,
                name: round.name,
            })
            .collect();
        Ok((areas, paper))
    })
    .await;
    match found {
        Ok((residency_areas, paper_rounds)) => page.render(&ConsolePage {
            page: page.clone(),
            welcome,
            residency_areas,
            paper_rounds,
            reviews,
            moderation,
            council,
            admin,
            finance,
        }),
        Err(error) => failure(&page, &error),
    }
}

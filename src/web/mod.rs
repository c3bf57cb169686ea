//! The residents' website at `/`: server-rendered HTML on the same services as the API, in
//! Dutch (the default), French or English, that works without JavaScript. Templates are
//! checked at compile time (`templates/`); every text is a key of the Fluent catalogues.
//!
//! The language is the one chosen with `?lang=` (remembered in a cookie), else the cookie's,
//! else the one `Accept-Language` prefers, else Dutch.

mod account;
mod areas;
mod booth;
mod comments;
pub mod console;
mod decision;
mod files;
mod identity;
mod implementation;
mod map;
mod me;
mod my_data;
mod notifications;
mod page;
mod proposal;
mod proposals;
mod receipt;
mod rounds;
mod session;
mod sign_in;
mod upload;
mod write;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::api::route_table::RouteTable;

pub use page::Page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    console::routes(cfg);
    cfg.route("/", web::get().to(rounds::home))
        .route("/editions/{id}", web::get().to(rounds::edition))
        .route("/editions/{id}/proposals", web::get().to(proposals::list))
        .route("/areas/{id}", web::get().to(areas::area))
        .route("/rounds/{id}", web::get().to(rounds::round))
        .route("/rounds/{id}/ballot", web::post().to(booth::cast))
        .route("/rounds/{id}/receipt", web::get().to(receipt::check))
        .route("/proposals/{id}", web::get().to(proposal::proposal))
        .route("/proposals/{id}/support", web::post().to(proposal::support))
        .route(
            "/follows/{subject}/{id}",
            web::post().to(notifications::follow),
        )
        .route("/proposals/{id}/files", web::post().to(files::add))
        .route("/files/{id}/remove", web::post().to(files::remove))
        .route("/me/notifications", web::get().to(notifications::settings))
        .route("/me/notifications", web::post().to(notifications::save))
        .route(
            "/unsubscribe",
            web::get().to(notifications::unsubscribe_page),
        )
        .route("/unsubscribe", web::post().to(notifications::unsubscribe))
        .route("/proposals/{id}/comments", web::post().to(comments::add))
        .route(
            "/proposals/{id}/comments/{comment}",
            web::post().to(comments::change),
        )
        .route(
            "/proposals/{id}/{action:submit|withdraw}",
            web::post().to(write::step),
        )
        .route("/proposals/{id}/edit", web::get().to(write::edit_form))
        .route("/proposals/{id}/edit", web::post().to(write::edit))
        .route("/editions/{id}/propose", web::get().to(write::write_form))
        .route("/editions/{id}/propose", web::post().to(write::write))
        .route("/verify-email", web::get().to(account::verify_email_form))
        .route("/verify-email", web::post().to(account::verify_email))
        .route(
            "/reset-password",
            web::get().to(account::reset_password_form),
        )
        .route("/reset-password", web::post().to(account::reset_password))
        .route(
            "/forgot-password",
            web::get().to(account::forgot_password_form),
        )
        .route("/forgot-password", web::post().to(account::forgot_password))
        .route("/login", web::get().to(sign_in::login_form))
        .route("/sign-in/identity", web::get().to(identity::start))
        .route("/auth/oidc/callback", web::get().to(identity::callback))
        .route("/login", web::post().to(sign_in::login))
        .route("/logout", web::post().to(sign_in::logout))
        .route("/register", web::get().to(sign_in::register_form))
        .route("/register", web::post().to(sign_in::register))
        .route("/me", web::get().to(me::my_page))
        .route("/me/residency", web::post().to(me::redeem_code))
        .route("/me/preferences", web::post().to(me::save_preferences))
        .route("/me/data", web::get().to(my_data::download))
        .route("/me/erase", web::get().to(my_data::erase_form))
        .route("/me/erase", web::post().to(my_data::erase))
        .route("/assets/site.css", web::get().to(stylesheet))
        .route("/assets/booth.js", web::get().to(booth_script))
        .route("/assets/console.js", web::get().to(console_script));
}

/// Whether a request for an address nobody serves should get a page: a browser asking for
/// HTML, outside the API. Everything else (programs, the API's paths, the operational ones
/// such as `/health`) gets problem details.
fn wants_a_page(req: &HttpRequest) -> bool {
    let api = req.path() == "/api" || req.path().starts_with("/api/");
    let reading = matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    );
    let html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    !api && reading && html
}

/// The page for an address the website does not have, in the reader's language.
fn not_found_page(req: &HttpRequest) -> HttpResponse {
    let page = Page::of(req);
    page.render_with(
        StatusCode::NOT_FOUND,
        &page::MessagePage::new(
            page.clone(),
            t!("site-not-found-title"),
            t!("site-not-found", path = req.path()),
        ),
    )
}

/// Requests no route takes: a browser gets a page, everything else problem details (405 with
/// `Allow` where the path takes other methods).
pub async fn fallback(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> actix_web::Result<HttpResponse> {
    if !wants_a_page(&req) || !table.methods_for(req.path()).is_empty() {
        return crate::api::fallback::not_found_or_wrong_method(req, table)
            .await
            .map_err(Into::into);
    }
    Ok(not_found_page(&req))
}

/// A path parameter that does not parse (`/rounds/abc`): a problem for the API, a page for the
/// website.
pub fn path_error(error: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    if !wants_a_page(req) {
        return crate::api::fallback::path_error(error, req);
    }
    actix_web::error::InternalError::from_response(error, not_found_page(req)).into()
}

const STYLESHEET: &str = include_str!("../../assets/site.css");
const BOOTH_SCRIPT: &str = include_str!("../../assets/booth.js");
const CONSOLE_SCRIPT: &str = include_str!("../../assets/console.js");

async fn stylesheet(_: HttpRequest) -> HttpResponse {
    asset("text/css; charset=utf-8", STYLESHEET)
}

async fn booth_script(_: HttpRequest) -> HttpResponse {
    asset("text/javascript; charset=utf-8", BOOTH_SCRIPT)
}

async fn console_script(_: HttpRequest) -> HttpResponse {
    asset("text/javascript; charset=utf-8", CONSOLE_SCRIPT)
}

/// An asset, cached for a year: its address changes with its content (`Page::stylesheet`).
fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(body)
}

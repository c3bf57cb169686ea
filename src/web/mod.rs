//! The residents' website at `/`: server-rendered HTML on the same services as the API, in
//! Dutch (the default), French or English, that works without JavaScript. Templates are
//! checked at compile time (`templates/`); every text is a key of the Fluent catalogues.
//!
//! The language is the one chosen with `?lang=` (remembered in a cookie), else the cookie's,
//! else the one `Accept-Language` prefers, else Dutch.

mod account;
mod booth;
mod me;
mod page;
mod proposal;
mod proposals;
mod rounds;
mod session;
mod sign_in;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub use page::Page;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(rounds::home))
        .route("/editions/{id}", web::get().to(rounds::edition))
        .route("/editions/{id}/proposals", web::get().to(proposals::list))
        .route("/rounds/{id}", web::get().to(rounds::round))
        .route("/rounds/{id}/ballot", web::post().to(booth::cast))
        .route("/proposals/{id}", web::get().to(proposal::proposal))
        .route("/proposals/{id}/support", web::post().to(proposal::support))
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
        .route("/login", web::post().to(sign_in::login))
        .route("/logout", web::post().to(sign_in::logout))
        .route("/register", web::get().to(sign_in::register_form))
        .route("/register", web::post().to(sign_in::register))
        .route("/me", web::get().to(me::my_page))
        .route("/assets/site.css", web::get().to(stylesheet));
}

const STYLESHEET: &str = include_str!("../../assets/site.css");

/// The stylesheet, cached for a year: its address changes with its content (`Page::stylesheet`).
async fn stylesheet(_: HttpRequest) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}

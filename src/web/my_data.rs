//! My data: downloading everything kept about me, and erasing my account, through the same
//! services as the API.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, MessagePage, Page};
use super::session::{self, SESSION_COOKIE};
use crate::api::blocking;
use crate::service::accounts;
use crate::state::AppState;

/// The JSON document of `GET /api/v1/me/data`, saved by the browser.
pub async fn download(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me");
    };
    let secret = state.config.pseudonym_secret.clone();
    let data = blocking::run(&state.pool, move |conn| {
        accounts::export(conn, &secret, &caller)
    })
    .await;
    match data {
        Ok(data) => HttpResponse::Ok()
            .insert_header((
                header::CONTENT_DISPOSITION,
                accounts::PERSONAL_DATA_ATTACHMENT,
            ))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(data),
        Err(error) => super::rounds::failure(&page, &error),
    }
}

#[derive(Template)]
#[template(path = "erase.html")]
struct ErasePage {
    page: Page,
    errors: Vec<ErrorItem>,
}

pub async fn erase_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    if session::visitor(&req, &state).await.is_none() {
        return session::sign_in_first("/me/erase");
    }
    page.render(&ErasePage {
        page: page.clone(),
        errors: vec![],
    })
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

/// Erases my account once my password confirms it is me, and signs this browser out.
pub async fn erase(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<EraseForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let EraseForm {
        password,
        csrf_token,
    } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me/erase");
    };
    let hashing = state.hashing.clone();
    let erased = blocking::run_with_pool(&state.pool, move |pool| {
        accounts::erase(pool, &hashing, &caller, &password)
    })
    .await;
    match erased {
        Ok(()) => {
            let done = MessagePage::new(
                page.clone(),
                t!("site-erase-done-title"),
                t!("site-erase-done"),
            );
            let mut response = page.render(&done);
            let removal = session::removal(&state.config, SESSION_COOKIE);
            if response.add_cookie(&removal).is_err() {
                return HttpResponse::InternalServerError().finish();
            }
            response
        }
        Err(error) => {
            let errors = page.errors(&error, &[Field::input("password", t!("site-password"))]);
            page.render_with(
                error.status_code(),
                &ErasePage {
                    page: page.clone(),
                    errors,
                },
            )
        }
    }
}

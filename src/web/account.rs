//! The pages behind the links the server mails: confirm an e-mail address, choose a new
//! password, ask for a reset link. Each is a plain form; the token from the link is the secret
//! that authorises it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, MessagePage, Page};
use crate::api::blocking;
use crate::service::accounts;
use crate::state::AppState;

/// The token of a mailed link, as its pages name it.
fn the_link() -> Field {
    Field {
        name: "token",
        label: t!("site-the-link"),
        input: None,
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
    /// Only in the form posted back (`Page::csrf_token`).
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "verify_email.html")]
struct VerifyEmailPage {
    page: Page,
    token: String,
    errors: Vec<ErrorItem>,
}

/// Confirming takes a click: mail scanners that open every link do not confirm for the reader.
pub async fn verify_email_form(req: HttpRequest, query: web::Query<TokenQuery>) -> HttpResponse {
    let page = Page::of(&req);
    let token = query.into_inner().token;
    page.render(&VerifyEmailPage {
        page: page.clone(),
        token,
        errors: vec![],
    })
}

pub async fn verify_email(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let TokenQuery { token, csrf_token } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let attempt = token.clone();
    match blocking::run(&state.pool, move |conn| {
        accounts::verify_email(conn, &attempt)
    })
    .await
    {
        Ok(()) => page.render(&MessagePage::new(
            page.clone(),
            t!("site-verify-done-title"),
            t!("site-verify-done"),
        )),
        Err(error) => {
            let errors = page.errors(&error, &[the_link()]);
            page.render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &VerifyEmailPage {
                    page: page.clone(),
                    token,
                    errors,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "reset_password.html")]
struct ResetPasswordPage {
    page: Page,
    token: String,
    errors: Vec<ErrorItem>,
    password_error: Option<String>,
}

pub async fn reset_password_form(req: HttpRequest, query: web::Query<TokenQuery>) -> HttpResponse {
    let page = Page::of(&req);
    page.render(&ResetPasswordPage {
        page: page.clone(),
        token: query.into_inner().token,
        errors: vec![],
        password_error: None,
    })
}

#[derive(Deserialize)]
pub struct NewPassword {
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    csrf_token: String,
}

pub async fn reset_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<NewPassword>,
) -> HttpResponse {
    let page = Page::of(&req);
    let NewPassword {
        token,
        new_password,
        csrf_token,
    } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let hashing = state.hashing.clone();
    let attempt = token.clone();
    let outcome = blocking::run_with_pool(&state.pool, move |pool| {
        accounts::confirm_password_reset(pool, &hashing, &attempt, &new_password)
    })
    .await;
    match outcome {
        Ok(()) => page.render(&MessagePage::new(
            page.clone(),
            t!("site-reset-done-title"),
            t!("site-reset-done"),
        )),
        Err(error) => {
            let new_password = Field {
                name: "new_password",
                label: t!("site-reset-new-password"),
                input: Some("new-password"),
            };
            let errors = page.errors(&error, &[the_link(), new_password]);
            let password_error = error
                .errors
                .iter()
                .find(|e| e.field == "new_password")
                .map(|e| page.say(&e.message));
            page.render_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ResetPasswordPage {
                    page: page.clone(),
                    token,
                    errors,
                    password_error,
                },
            )
        }
    }
}

#[derive(Template)]
#[template(path = "forgot_password.html")]
struct ForgotPasswordPage {
    page: Page,
    email: String,
    errors: Vec<ErrorItem>,
}

pub async fn forgot_password_form(req: HttpRequest) -> HttpResponse {
    let page = Page::of(&req);
    page.render(&ForgotPasswordPage {
        page: page.clone(),
        email: String::new(),
        errors: vec![],
    })
}

#[derive(Deserialize)]
pub struct ResetRequest {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

/// The same answer whether or not the address has an account, as in the API.
pub async fn forgot_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ResetRequest>,
) -> HttpResponse {
    let page = Page::of(&req);
    let ResetRequest { email, csrf_token } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let client = crate::api::caller::client_address(&req, state.config.trust_forwarded_for);
    let public_url = state.config.public_url.clone();
    let address = email.clone();
    let outcome = blocking::run(&state.pool, move |conn| {
        accounts::request_password_reset(conn, &address, &client, &public_url)
    })
    .await;
    match outcome {
        Ok(()) => page.render(&MessagePage::new(
            page.clone(),
            t!("site-forgot-sent-title"),
            t!("site-forgot-sent"),
        )),
        Err(error) => {
            let field = Field::input("email", t!("site-email"));
            let errors = page.errors(&error, &[field]);
            let status = StatusCode::from_u16(error.code.status())
                .unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            page.render_with(
                status,
                &ForgotPasswordPage {
                    page: page.clone(),
                    email,
                    errors,
                },
            )
        }
    }
}

//! Signing in, signing out and registering in the browser, as plain forms on the same services
//! (and so the same rate limits and lockout rules) as the API.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, MessagePage, Page, see_other};
use super::session::{self, DEVICE_COOKIE, SESSION_COOKIE};
use crate::api::blocking;
use crate::api::caller::client_address;
use crate::service::accounts;
use crate::state::AppState;

/// Where to go after signing in: a path on this site, never another site.
pub(super) fn local_path(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\");
    if local { next } else { "/me" }
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    email: String,
    next: String,
    errors: Vec<ErrorItem>,
    /// The label of the identity provider's button, when one is configured.
    identity_provider: Option<String>,
}

fn sign_in_fields() -> [Field; 2] {
    [
        Field::input("email", t!("site-email")),
        Field::input("password", t!("site-password")),
    ]
}

pub async fn login_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    page.render(&LoginPage {
        page: page.clone(),
        email: String::new(),
        next: local_path(&query.next).to_string(),
        errors: vec![],
        identity_provider: super::identity::button_text(&state, &page),
    })
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignInForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let client = client_address(&req, state.config.trust_forwarded_for);
    let device_token = req.cookie(DEVICE_COOKIE).map(|c| c.value().to_string());
    let (keys, hashing) = (state.tokens.clone(), state.hashing.clone());
    let device_key = state.config.jwt_secret.clone();
    let (email, password) = (form.email.clone(), form.password);
    let signed_in = blocking::run_with_pool(&state.pool, move |pool| {
        accounts::login(
            pool,
            &hashing,
            &keys,
            &device_key,
            accounts::SignIn {
                email: &email,
                password: &password,
                device_token: device_token.as_deref(),
                client: &client,
            },
        )
    })
    .await;
    match signed_in {
        Ok(tokens) => {
            let value = session::session_value(
                &state.config.jwt_secret,
                tokens.user_id,
                &tokens.session_id,
            );
            let mut response = see_other(local_path(&form.next));
            response.cookie(session::session_cookie(&state.config, value));
            if let Some(device) = tokens.device_token {
                let mut cookie = session::cookie(&state.config, DEVICE_COOKIE, device);
                cookie.set_max_age(actix_web::cookie::time::Duration::days(400));
                response.cookie(cookie);
            }
            response.finish()
        }
        Err(error) => page.render_with(
            error.status_code(),
            &LoginPage {
                page: page.clone(),
                email: form.email,
                next: local_path(&form.next).to_string(),
                errors: page.errors(&error, &sign_in_fields()),
                identity_provider: super::identity::button_text(&state, &page),
            },
        ),
    }
}

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

/// Ends the browser's session on the server too: the cookie is worthless afterwards even if
/// it was copied.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignOutForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    if let Some(caller) = session::visitor(&req, &state).await {
        let ended = blocking::run(&state.pool, move |conn| accounts::logout(conn, &caller)).await;
        if let Err(error) = ended {
            return super::rounds::failure(&page, &error);
        }
    }
    see_other("/")
        .cookie(session::removal(&state.config, SESSION_COOKIE))
        .finish()
}

#[derive(Deserialize)]
pub struct RegistrationForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    page: Page,
    display_name: String,
    email: String,
    errors: Vec<ErrorItem>,
}

fn registration_fields() -> [Field; 3] {
    [
        Field::input("display_name", t!("site-display-name")),
        Field::input("email", t!("site-email")),
        Field::input("password", t!("site-password")),
    ]
}

pub async fn register_form(req: HttpRequest) -> HttpResponse {
    let page = Page::of(&req);
    page.render(&RegisterPage {
        page: page.clone(),
        display_name: String::new(),
        email: String::new(),
        errors: vec![],
    })
}

/// Registers in the language of the page; the verification link arrives by mail.
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<RegistrationForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let client = client_address(&req, state.config.trust_forwarded_for);
    let public_url = state.config.public_url.clone();
    let hashing = state.hashing.clone();
    let registration = accounts::Registration {
        email: form.email.clone(),
        password: form.password,
        display_name: form.display_name.clone(),
        locale: Some(page.locale),
        birth_date: None,
        area_id: None,
    };
    let registered = blocking::run_with_pool(&state.pool, move |pool| {
        accounts::register(pool, &hashing, registration, &client, &public_url)
    })
    .await;
    match registered {
        Ok(()) => page.render(&MessagePage::new(
            page.clone(),
            t!("site-register-done-title"),
            t!("site-register-done"),
        )),
        Err(error) => {
            let status = error.status_code();
            page.render_with(
                status,
                &RegisterPage {
                    page: page.clone(),
                    display_name: form.display_name,
                    email: form.email,
                    errors: page.errors(&error, &registration_fields()),
                },
            )
        }
    }
}

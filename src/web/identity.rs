//! Signing in with the city's identity provider in the browser: the button sends the resident
//! there, the provider sends them back to the callback. The state is also kept in a cookie of
//! this browser, so a sign-in started elsewhere cannot be finished here (login CSRF).

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::page::{Page, see_other};
use super::session;
use crate::error::ApiError;
use crate::service::identity;
use crate::state::AppState;

const STATE_COOKIE: &str = "identity_state";

#[derive(Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    next: String,
}

pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<StartQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let Some(provider) = state.config.identity_provider.clone() else {
        return super::rounds::failure(&page, &ApiError::not_found(crate::error::Thing::Object));
    };
    let next = super::sign_in::local_path(&query.next).to_string();
    match identity::start(&state.pool, &provider, &state.config.public_url, &next).await {
        Ok((url, sign_in_state)) => {
            let mut cookie = session::cookie(&state.config, STATE_COOKIE, sign_in_state);
            cookie.set_max_age(actix_web::cookie::time::Duration::minutes(15));
            let mut response = see_other(&url);
            response.cookie(cookie);
            response.finish()
        }
        Err(error) => super::rounds::failure(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
}

pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let Some(provider) = state.config.identity_provider.clone() else {
        return super::rounds::failure(&page, &ApiError::not_found(crate::error::Thing::Object));
    };
    let failed = || ApiError::unauthorized(t!("the-identity-provider-sign-in-failed"));
    let (Some(code), Some(sign_in_state)) = (query.code.as_deref(), query.state.as_deref()) else {
        return super::rounds::failure(&page, &failed());
    };
    let bound = req
        .cookie(STATE_COOKIE)
        .is_some_and(|c| c.value() == sign_in_state);
    if !bound {
        return super::rounds::failure(&page, &failed());
    }
    let finished = identity::finish(
        &state.pool,
        state.tokens.clone(),
        &provider,
        &state.config.public_url,
        code,
        sign_in_state,
    )
    .await;
    match finished {
        Ok(signed_in) => {
            let value = session::session_value(
                &state.config.jwt_secret,
                signed_in.tokens.user_id,
                &signed_in.tokens.session_id,
            );
            let mut response = see_other(&signed_in.next_path);
            response.cookie(session::session_cookie(&state.config, value));
            response.cookie(session::removal(&state.config, STATE_COOKIE));
            response.finish()
        }
        Err(error) => super::rounds::failure(&page, &error),
    }
}

/// The text of the sign-in button, when a provider is configured.
pub fn button_text(state: &AppState, page: &Page) -> Option<String> {
    let provider = state.config.identity_provider.as_ref()?;
    Some(page.say(&t!("site-sign-in-with", provider = provider.label.clone())))
}

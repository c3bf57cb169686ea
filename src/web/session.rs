//! The browser's side of signing in: a cookie naming one of the server-side sessions the API's
//! tokens also belong to, and the token every form carries against cross-site requests.
//!
//! The session cookie is `user.session.signature`, signed with a key derived from the server's
//! secret: the session id alone (which the database holds) is not enough to forge one, so a copy
//! of the database opens no session. The form token is a signature of a random value kept in a
//! cookie of its own: a page of another site can neither read that cookie nor compute the token.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::config::{Config, SecretKey};
use crate::service::accounts;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "session";
pub const CSRF_COOKIE: &str = "csrf";
/// The device token of the browser's last sign-in: its owner is never locked out by someone
/// else's failed attempts (see `service::accounts::login`).
pub const DEVICE_COOKIE: &str = "device";

const SESSION_PURPOSE: &str = "wijkbudget browser session v1";
const CSRF_PURPOSE: &str = "wijkbudget form token v1";

fn signature(secret: &SecretKey, purpose: &str, message: &str) -> String {
    URL_SAFE_NO_PAD.encode(secret.sign(purpose, message))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A random value for a new form-token cookie.
pub fn new_csrf_seed() -> String {
    let mut seed = [0u8; 24];
    rand::rng().fill_bytes(&mut seed);
    URL_SAFE_NO_PAD.encode(seed)
}

/// The token forms carry for the browser holding `seed` in its cookie.
pub fn csrf_token(secret: &SecretKey, seed: &str) -> String {
    signature(secret, CSRF_PURPOSE, seed)
}

/// Whether a submitted form token belongs to the seed the browser sent with it.
pub fn csrf_matches(secret: &SecretKey, seed: &str, submitted: &str) -> bool {
    constant_time_eq(csrf_token(secret, seed).as_bytes(), submitted.as_bytes())
}

/// The value of the session cookie for a session of this user.
pub fn session_value(secret: &SecretKey, user_id: i64, session_id: &str) -> String {
    let message = format!("{user_id}.{session_id}");
    format!("{message}.{}", signature(secret, SESSION_PURPOSE, &message))
}

/// The user and session a genuine session cookie names.
fn read_session_value(secret: &SecretKey, value: &str) -> Option<(i64, String)> {
    let (message, signed) = value.rsplit_once('.')?;
    let (user, session_id) = message.split_once('.')?;
    let genuine = constant_time_eq(
        signed.as_bytes(),
        signature(secret, SESSION_PURPOSE, message).as_bytes(),
    );
    genuine.then(|| Some((user.parse().ok()?, session_id.to_string())))?
}

/// A cookie only this site's pages send back and no script reads; `Secure` when the site is
/// served over https.
pub fn cookie(config: &Config, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.public_url.starts_with("https://"))
        .finish()
}

/// The session cookie, kept as long as a session lasts unless it is refreshed.
pub fn session_cookie(config: &Config, value: String) -> Cookie<'static> {
    let mut cookie = cookie(config, SESSION_COOKIE, value);
    cookie.set_max_age(Duration::days(accounts::SESSION_DAYS));
    cookie
}

/// A cookie that tells the browser to forget `name`.
pub fn removal(config: &Config, name: &'static str) -> Cookie<'static> {
    let mut cookie = cookie(config, name, String::new());
    cookie.make_removal();
    cookie
}

/// The sign-in page, coming back to `next` (a path of this site) afterwards.
pub fn sign_in_link(next: &str) -> String {
    let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("/login?next={next}")
}

/// Sends a visitor who is not signed in to sign in first, then back to `next`.
pub fn sign_in_first(next: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, sign_in_link(next)))
        .finish()
}

/// The signed-in person behind this request, if its session cookie is genuine and its session
/// still active.
pub async fn visitor(req: &HttpRequest, state: &AppState) -> Option<Caller> {
    let value = req.cookie(SESSION_COOKIE)?;
    let (user_id, session_id) = read_session_value(&state.config.jwt_secret, value.value())?;
    blocking::run(&state.pool, move |conn| {
        accounts::caller_for_session(conn, user_id, session_id, None)
    })
    .await
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_is_genuine_only_under_its_key_and_unaltered() {
        let key = SecretKey::random();
        let value = session_value(&key, 7, "abc");
        assert_eq!(read_session_value(&key, &value), Some((7, "abc".into())));
        assert_eq!(read_session_value(&SecretKey::random(), &value), None);
        let other_user = value.replacen('7', "8", 1);
        assert_eq!(read_session_value(&key, &other_user), None);
        assert_eq!(read_session_value(&key, "7.abc"), None);
        assert_eq!(read_session_value(&key, &format!("{value}x")), None);
    }

    #[test]
    fn a_form_token_matches_only_its_own_seed() {
        let key = SecretKey::random();
        let seed = new_csrf_seed();
        let token = csrf_token(&key, &seed);
        assert!(csrf_matches(&key, &seed, &token));
        assert!(!csrf_matches(&key, &new_csrf_seed(), &token));
        assert!(!csrf_matches(&SecretKey::random(), &seed, &token));
        assert!(!csrf_matches(&key, &seed, ""));
    }
}

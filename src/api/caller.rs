//! The actix extractors for the caller: bearer-token parsing, [`Caller`] for signed-in routes,
//! [`Admin`] and [`MaybeCaller`], and the client address used by rate limits.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use crate::api::blocking;
pub use crate::auth::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::service::accounts;
use crate::state::AppState;

pub(crate) fn bearer_token(req: &HttpRequest) -> Option<Result<String, ApiError>> {
    let value = req.headers().get(header::AUTHORIZATION)?;
    let parsed = value
        .to_str()
        .ok()
        .and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        })
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized(t!("the-authorization-header-must-be-bearer-token")));
    Some(parsed)
}

async fn authenticate(req: HttpRequest, token: String) -> ApiResult<Caller> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?
        .clone();
    let claims = state
        .tokens
        .verify(&token)
        .ok_or_else(|| ApiError::unauthorized(t!("the-access-token-is-invalid-or-expired")))?;
    let user_id: i64 = claims
        .sub
        .parse()
        .map_err(|_| ApiError::unauthorized(t!("the-access-token-is-invalid")))?;
    blocking::run(&state.pool, move |conn| {
        accounts::caller_for_session(conn, user_id, claims.sid, claims.scope.as_deref())
    })
    .await
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match bearer_token(&req) {
                None => Err(ApiError::unauthorized(t!(
                    "sign-in-send-authorization-bearer-token"
                ))),
                Some(Err(e)) => Err(e),
                Some(Ok(token)) => authenticate(req, token).await,
            }
        })
    }
}

/// A caller with the admin role. As an extractor it refuses everyone else with 403 before the
/// body is even read, so nobody learns about the body's rules from a route they may not use.
pub struct Admin(pub Caller);

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            let caller = caller.await?;
            caller.require_admin()?;
            Ok(Admin(caller))
        })
    }
}

/// For public routes that show more to a signed-in caller. A token that is present but
/// invalid is still a 401, never silently anonymous.
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match bearer_token(&req) {
                None => Ok(MaybeCaller(None)),
                Some(Err(e)) => Err(e),
                Some(Ok(token)) => authenticate(req, token).await.map(|c| MaybeCaller(Some(c))),
            }
        })
    }
}

/// The client's address for rate limits: the peer, or the first X-Forwarded-For entry when
/// the operator said a trusted proxy sets it.
pub fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for
        && let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    {
        return forwarded.to_string();
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

//! The authenticated caller, as every handler sees it. Loaded fresh on each request, so a role
//! granted or revoked, or a session ended, takes effect on the next request.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use crate::db::{self, DbConnection};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::startup::AppState;
use crate::store::{self, residency::Residency, roles::RoleGrant, users::User};

pub struct Caller {
    pub user: User,
    pub session_id: String,
    pub grants: Vec<RoleGrant>,
    pub residency: Option<Residency>,
}

impl Caller {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role.as_str())
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// 403 unless the caller holds the role (administrators hold every role).
    pub fn require(&self, role: Role) -> ApiResult<()> {
        if self.has(role) || self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "this needs the {} role",
                role.as_str()
            )))
        }
    }

    pub fn require_admin(&self) -> ApiResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden("this needs the admin role"))
        }
    }

    /// True for an area worker whose grant covers the area.
    pub fn works_in_area(&self, area_id: i64) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::AreaWorker.as_str() && g.area_id == Some(area_id))
    }

    pub fn reviewer_departments(&self) -> Vec<&str> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Reviewer.as_str())
            .filter_map(|g| g.department.as_deref())
            .collect()
    }

    pub fn email_verified(&self) -> bool {
        self.user.email_verified_at.is_some()
    }

    /// Co-signing, submitting and voting need a verified address.
    pub fn require_verified_email(&self) -> ApiResult<()> {
        if self.email_verified() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::EmailNotVerified,
                "verify your e-mail address first",
            ))
        }
    }

    /// The area the caller is a verified resident of, if any.
    pub fn resident_area(&self) -> Option<i64> {
        self.residency.as_ref().map(|r| r.area_id)
    }
}

fn bearer_token(req: &HttpRequest) -> Option<Result<String, ApiError>> {
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
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must be `Bearer <token>`"));
    Some(parsed)
}

fn load(conn: &mut DbConnection, user_id: i64, session_id: String) -> ApiResult<Caller> {
    let expired = || ApiError::unauthorized("the session has ended; sign in again");
    let (session, user, residency) =
        store::sessions::find_with_user(conn, &session_id)?.ok_or_else(expired)?;
    if session.user_id != user_id || !session.is_active(crate::clock::now()) {
        return Err(expired());
    }
    let grants = store::roles::for_user(conn, user_id)?;
    Ok(Caller {
        user,
        session_id,
        grants,
        residency,
    })
}

async fn authenticate(req: HttpRequest, token: String) -> ApiResult<Caller> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal("application state missing"))?
        .clone();
    let claims = state
        .tokens
        .verify(&token)
        .ok_or_else(|| ApiError::unauthorized("the access token is invalid or expired"))?;
    let user_id: i64 = claims
        .sub
        .parse()
        .map_err(|_| ApiError::unauthorized("the access token is invalid"))?;
    db::run(&state.pool, move |conn| load(conn, user_id, claims.sid)).await
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match bearer_token(&req) {
                None => Err(ApiError::unauthorized(
                    "sign in: send `Authorization: Bearer <token>`",
                )),
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

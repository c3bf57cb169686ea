//! The caller's own account, and (in `lists`) their own proposals, supports, ballots and mail.

mod follows;
mod lists;
mod notification_preferences;

pub use follows::*;
pub use lists::*;
pub use notification_preferences::*;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::Json;
use crate::auth::caller::{Residency, RoleGrant};
use crate::domain::locale::Locale;
use crate::error::ApiResult;
use crate::service::{accounts, residency};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct RoleGrantView {
    pub id: i64,
    #[schema(value_type = crate::domain::role::Role)]
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub granted_at: DateTime<Utc>,
}

impl From<&RoleGrant> for RoleGrantView {
    fn from(g: &RoleGrant) -> Self {
        Self {
            id: g.id,
            role: g.role.as_str().to_string(),
            area_id: g.area_id,
            department: g.department.clone(),
            granted_at: g.created_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ResidencyView {
    pub area_id: i64,
    #[schema(value_type = crate::domain::residency::ResidencyMethod)]
    pub method: String,
    pub verified_at: DateTime<Utc>,
}

impl From<&Residency> for ResidencyView {
    fn from(r: &Residency) -> Self {
        Self {
            area_id: r.area_id,
            method: r.method.as_str().to_string(),
            verified_at: r.verified_at.and_utc(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    pub email_verified: bool,
    /// E-mail when a round opens or results are published.
    pub notify_by_email: bool,
    /// Roles beyond `resident`, which everyone has.
    pub roles: Vec<RoleGrantView>,
    /// The area the caller may vote in, once verified.
    pub residency: Option<ResidencyView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_area_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<&Caller> for Me {
    fn from(c: &Caller) -> Self {
        Self {
            id: c.user.id,
            email: c.user.email.clone(),
            display_name: c.user.display_name.clone(),
            locale: c.user.locale,
            birth_date: c.user.birth_date.clone(),
            email_verified: c.email_verified(),
            notify_by_email: c.user.notify_by_email,
            roles: c.grants.iter().map(RoleGrantView::from).collect(),
            residency: c.residency.as_ref().map(ResidencyView::from),
            claimed_area_id: c.user.claimed_area_id,
            created_at: c.user.created_at.and_utc(),
        }
    }
}

/// The signed-in caller's account, roles and residency.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, description = "the caller's account", body = Me), (status = 401, description = "not signed in"))
)]
#[get("/me")]
pub async fn get_me(caller: Caller) -> web::Json<Me> {
    web::Json(Me::from(&caller))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMe {
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    pub notify_by_email: Option<bool>,
}

/// Change display name, language or e-mail notifications.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = UpdateMe,
    responses((status = 200, description = "the caller's account", body = Me), (status = 422, description = "invalid field"))
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<UpdateMe>,
) -> ApiResult<web::Json<Me>> {
    let body = body.into_inner()?;
    let me = blocking::run(&state.pool, move |conn| {
        let caller = accounts::update_profile(
            conn,
            caller,
            accounts::ProfileChange {
                display_name: body.display_name,
                locale: body.locale,
                notify_by_email: body.notify_by_email,
            },
        )?;
        Ok(Me::from(&caller))
    })
    .await?;
    Ok(web::Json(me))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// Change the password; every session ends, including this one.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses((status = 204, description = "changed; sign in again"), (status = 422, description = "wrong current password or weak new one"), (status = 503, description = "too many password checks at once; retry after the Retry-After delay"))
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ChangePassword>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let hashing = state.hashing.clone();
    blocking::run_with_pool(&state.pool, move |pool| {
        accounts::change_password(
            pool,
            &hashing,
            &caller,
            &body.current_password,
            &body.new_password,
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Everything kept about the caller, in one JSON document to keep (their right of access and
/// portability).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, description = "the caller's data", body = accounts::PersonalData), (status = 401, description = "not signed in"))
)]
#[get("/me/data")]
pub async fn get_my_data(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let secret = state.config.pseudonym_secret.clone();
    let data = blocking::run(&state.pool, move |conn| {
        accounts::export(conn, &secret, &caller)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            accounts::PERSONAL_DATA_ATTACHMENT,
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(data))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseAccount {
    /// The caller's password, to confirm.
    pub password: String,
}

/// Erase the caller's account: name, address, birth date, password and mail are cleared, every
/// session ends. Ballots stay counted and anonymous, proposals stay under "former resident"
/// (an empty `author_name`). Accounts with roles lose them first.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = EraseAccount,
    responses((status = 204, description = "erased; the tokens no longer work"), (status = 409, description = "the account still holds staff roles"), (status = 422, description = "wrong password"), (status = 503, description = "too many password checks at once; retry after the Retry-After delay"))
)]
#[delete("/me")]
pub async fn delete_me(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<EraseAccount>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let hashing = state.hashing.clone();
    blocking::run_with_pool(&state.pool, move |pool| {
        accounts::erase(pool, &hashing, &caller, &body.password)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeemCode {
    /// The code from the letter, with or without dashes.
    pub code: String,
}

/// Become a verified resident by redeeming a one-time letter code.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = RedeemCode,
    responses(
        (status = 200, description = "the verified residency", body = ResidencyView),
        (status = 403, description = "e-mail not verified"),
        (status = 422, description = "unknown or used code"),
        (status = 429, description = "too many wrong codes"),
    )
)]
#[post("/me/residency")]
pub async fn redeem_residency_code(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<RedeemCode>,
) -> ApiResult<web::Json<ResidencyView>> {
    let code = body.into_inner()?.code;
    let residency = blocking::run(&state.pool, move |conn| {
        residency::redeem(conn, &caller, &code)
    })
    .await?;
    Ok(web::Json(ResidencyView::from(&residency)))
}

//! Accounts as administrators and area workers manage them: roles and residency.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::{Admin, Caller};
use crate::api::extract::{Json, Query};
use crate::api::me::{ResidencyView, RoleGrantView};
use crate::api::pagination::{Page, PageQuery};
use crate::domain::role::Role;
use crate::error::ApiResult;
use crate::service::roles::{ResidencyStatus, UserFilter};
use crate::service::{residency, roles};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantRole {
    pub role: Role,
    /// Required for `area_worker`.
    pub area_id: Option<i64>,
    /// Required for `reviewer`.
    #[schema(max_length = 80)]
    pub department: Option<String>,
}

/// Grant a role (administrators only; audited).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = GrantRole,
    params(("id" = i64, Path, description = "user id")),
    responses(
        (status = 201, description = "created: the role granted", body = RoleGrantView),
        (status = 403, description = "not an area worker of this area, nor an administrator"),
        (status = 404, description = "no such user"),
        (status = 422, description = "missing or superfluous scope"),
    )
)]
#[post("/users/{id}/roles")]
pub async fn grant_role(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<GrantRole>,
) -> ApiResult<HttpResponse> {
    let user_id = path.into_inner();
    let body = body.into_inner()?;
    let grant = blocking::run(&state.pool, move |conn| {
        roles::grant(
            conn,
            &caller,
            user_id,
            roles::GrantRequest {
                role: body.role,
                area_id: body.area_id,
                department: body.department,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(RoleGrantView::from(&grant)))
}

/// Revoke a role grant (administrators only; audited). The last administrator's role cannot be
/// revoked: `409 last_administrator`.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id"), ("grant_id" = i64, Path, description = "grant id")),
    responses(
        (status = 204, description = "revoked"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such grant"),
        (status = 409, description = "the last administrator's role"),
    )
)]
#[delete("/users/{id}/roles/{grant_id}")]
pub async fn revoke_role(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (user_id, grant_id) = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        roles::revoke(conn, &caller, user_id, grant_id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Serialize, ToSchema)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub email_verified: bool,
    pub roles: Vec<RoleGrantView>,
    pub residency: Option<ResidencyView>,
    pub created_at: DateTime<Utc>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UserSearch {
    /// Text found in the e-mail address or the display name.
    pub q: Option<String>,
    /// Only accounts with this role.
    pub role: Option<Role>,
    /// Only accounts verified in this area or saying they live there (required for area
    /// workers: one of their areas).
    pub area_id: Option<i64>,
    /// Only accounts at this point of their residency: `pending` is the verification queue.
    pub residency: Option<ResidencyStatus>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List and search accounts: administrators all, area workers those of one of their areas
/// (`?area_id=3&residency=pending` is the queue of residents waiting for verification there).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(UserSearch),
    responses(
        (status = 200, description = "a page of accounts", body = Page<UserSummary>),
        (status = 403, description = "not an administrator, nor an area worker of `area_id`"),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<UserSearch>,
) -> ApiResult<web::Json<Page<UserSummary>>> {
    let query = query.into_inner()?;
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    let limit = page.limit()?;
    let after = page.after_id()?;
    let users = blocking::run(&state.pool, move |conn| {
        roles::list_users(
            conn,
            &caller,
            &UserFilter {
                text: query.q.as_deref(),
                role: query.role,
                area_id: query.area_id,
                residency: query.residency,
                after_id: after,
                limit,
            },
        )
    })
    .await?;
    let items = users
        .into_iter()
        .map(|u| UserSummary {
            id: u.user.id,
            email: u.user.email,
            display_name: u.user.display_name,
            email_verified: u.user.email_verified_at.is_some(),
            roles: u.grants.iter().map(RoleGrantView::from).collect(),
            residency: u.residency.as_ref().map(ResidencyView::from),
            created_at: u.user.created_at.and_utc(),
        })
        .collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |u: &UserSummary| u.id.to_string(),
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyResidency {
    pub area_id: i64,
    #[schema(value_type = crate::domain::residency::ResidencyMethod)]
    pub method: String,
}

/// Verify where a resident lives (an area worker of that area, or an administrator; audited).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = VerifyResidency,
    params(("id" = i64, Path, description = "user id")),
    responses(
        (status = 200, description = "the verified residency", body = ResidencyView),
        (status = 403, description = "not an area worker of this area"),
        (status = 404, description = "no such user"),
        (status = 422, description = "invalid field"),
    )
)]
#[post("/users/{id}/residency")]
pub async fn verify_residency(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<VerifyResidency>,
) -> ApiResult<web::Json<ResidencyView>> {
    let user_id = path.into_inner();
    let body = body.into_inner()?;
    let residency = blocking::run(&state.pool, move |conn| {
        residency::verify(conn, &caller, user_id, body.area_id, &body.method)
    })
    .await?;
    Ok(web::Json(ResidencyView::from(&residency)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidencyCodeCount {
    /// How many codes, 1 to 10 000.
    #[schema(minimum = 1, maximum = 10000)]
    pub count: usize,
}

/// Generate one-time residency codes for letters to an area's households (its area workers, or
/// an administrator).
/// The codes are in this answer only, as CSV; the server keeps their hashes.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = ResidencyCodeCount,
    params(("id" = i64, Path, description = "area id")),
    responses(
        (status = 201, description = "the codes, one per line", content_type = "text/csv", body = String,
            example = json!("code\nYJGU-ZLVB-MLAE-35YH\nDZPS-YJY5-ANAT-RWPD\n")),
        (status = 403, description = "not an area worker of this area, nor an administrator"),
        (status = 404, description = "no such area"),
    )
)]
#[post("/areas/{id}/residency-codes")]
pub async fn issue_residency_codes(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ResidencyCodeCount>,
) -> ApiResult<HttpResponse> {
    let area_id = path.into_inner();
    let count = body.into_inner()?.count;
    let codes = blocking::run(&state.pool, move |conn| {
        residency::generate_codes(conn, &caller, area_id, count)
    })
    .await?;
    let mut csv = String::from("code\n");
    for code in codes {
        csv.push_str(&code);
        csv.push('\n');
    }
    Ok(HttpResponse::Created()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .body(csv))
}

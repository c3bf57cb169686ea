//! What the signed-in person follows.

use actix_web::{HttpResponse, delete, get, put, web};

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::error::ApiResult;
use crate::service::follows::{self, Followed, Subject};
use crate::state::AppState;

/// What the caller follows, oldest first.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, description = "what the caller follows", body = Vec<Followed>))
)]
#[get("/me/follows")]
pub async fn list_my_follows(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<Followed>>> {
    let followed = blocking::run(&state.pool, move |conn| follows::list(conn, &caller)).await?;
    Ok(web::Json(followed))
}

/// Follow a proposal, an area or an edition (once; following again changes nothing). The
/// followers of a proposal get a mail about each new comment.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(
        ("subject" = Subject, Path, description = "`proposal`, `area` or `edition`"),
        ("id" = i64, Path, description = "its id"),
    ),
    responses(
        (status = 204, description = "followed"),
        (status = 404, description = "no such proposal, area or edition"),
    )
)]
#[put("/me/follows/{subject}/{id}")]
pub async fn follow(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Subject, i64)>,
) -> ApiResult<HttpResponse> {
    let (subject, id) = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        follows::follow(conn, &caller, subject, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stop following (not following already changes nothing).
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(
        ("subject" = Subject, Path, description = "`proposal`, `area` or `edition`"),
        ("id" = i64, Path, description = "its id"),
    ),
    responses((status = 204, description = "not followed (any more)"))
)]
#[delete("/me/follows/{subject}/{id}")]
pub async fn unfollow(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Subject, i64)>,
) -> ApiResult<HttpResponse> {
    let (subject, id) = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        follows::unfollow(conn, &caller, subject, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

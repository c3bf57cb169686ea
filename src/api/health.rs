//! Liveness and readiness, for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Status {
    /// `ok` when the check passed.
    pub status: String,
}

/// The process is up.
#[utoipa::path(tag = "operations", responses((status = 200, description = "the service answers", body = Status)))]
#[get("/health")]
pub async fn get_health() -> HttpResponse {
    HttpResponse::Ok().json(Status {
        status: "ok".into(),
    })
}

/// The database is reachable and every migration is applied.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "ready: the database answers", body = Status),
        (status = 503, description = "database unreachable or migrations pending")
    )
)]
#[get("/ready")]
pub async fn get_readiness(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    blocking::run(&state.pool, |conn| {
        conn.batch_execute("SELECT 1")
            .map_err(ApiError::unavailable)?;
        match db::migrations_complete(conn) {
            Ok(true) => Ok(()),
            Ok(false) => Err(ApiError::unavailable("migrations are pending")),
            Err(e) => Err(ApiError::unavailable(e)),
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(Status {
        status: "ok".into(),
    }))
}

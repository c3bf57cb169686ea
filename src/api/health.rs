//! Liveness, readiness and metrics, for load balancers, orchestrators and Prometheus.

use std::time::Instant;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::bearer_token;
use crate::db;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::service::operations;
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

/// The database is reachable, every migration is applied and no background job of this
/// process lags (none has gone `JOB_LAG_LIMIT` seconds without succeeding).
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "ready: the database answers and the jobs run", body = Status),
        (status = 503, description = "database unreachable, migrations pending, or a background job lagging; the detail names the job")
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
    let limit = state.config.operations.job_lag_limit;
    if let Some((job, since)) = state.jobs.lagging(Instant::now(), limit).first() {
        return Err(ApiError::new(
            ErrorCode::ServiceUnavailable,
            t!(
                "background-job-lagging",
                job = *job,
                seconds = since.as_secs()
            ),
        ));
    }
    Ok(HttpResponse::Ok().json(Status {
        status: "ok".into(),
    }))
}

/// Prometheus metrics of this process (requests per route with their latencies, ballots cast,
/// background job runs) and the depths of the shared queues, in the text exposition format.
/// Open unless `METRICS_TOKEN` is set; then the scraper sends it as a bearer token.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "the metrics", content_type = "text/plain", body = String),
        (status = 401, description = "`METRICS_TOKEN` is set and the request did not send it")
    )
)]
#[get("/metrics")]
pub async fn get_metrics(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let bearer = bearer_token(&req).and_then(Result::ok);
    if !state.config.operations.metrics_open_to(bearer.as_deref()) {
        return Err(ApiError::unauthorized(t!("metrics-need-the-scraper-token")));
    }
    let depths = blocking::run(&state.pool, operations::queue_depths).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(crate::metrics::render(&depths)))
}

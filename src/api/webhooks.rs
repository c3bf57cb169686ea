//! Webhooks for the city's systems (administrators): subscribe to kinds of event, read the
//! delivery log, replay a delivery, switch a webhook back on after it failed too often.

use actix_web::http::header;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::Admin;
use crate::api::extract::{Json, Query};
use crate::domain::webhook::EventType;
use crate::error::ApiResult;
use crate::service::webhooks::{self, CreatedWebhook, DeliveryView, WebhookInput, WebhookView};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// `https://…` (or `http://` to this machine) that receives a POST per event.
    #[schema(
        max_length = 2000,
        pattern = r"^(https://[A-Za-z0-9.-]+|http://(127\.0\.0\.1|localhost|\[::1\]))(:[0-9]{1,5})?(/[!-~]*)?$"
    )]
    pub url: String,
    #[schema(min_items = 1)]
    pub event_types: Vec<EventType>,
    /// What the receiver is, for the people who read the list.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub description: String,
}

/// Subscribe an address to kinds of event (administrators; audited). Each event is a POST of
/// JSON (`type`, `timestamp`, `data`) signed as the Standard Webhooks specification says:
/// `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA256
/// of `id.timestamp.body` under the secret). The secret is in this answer only.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "created, with its signing secret", body = CreatedWebhook),
        (status = 403, description = "not an administrator"),
        (status = 422, description = "not an https address, or no event type"),
    )
)]
#[post("/webhooks")]
pub async fn create_webhook(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    body: Json<NewWebhook>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let sealing = state.config.pseudonym_secret.clone();
    let created = blocking::run(&state.pool, move |conn| {
        webhooks::create(
            conn,
            &sealing,
            &caller,
            &WebhookInput {
                url: &body.url,
                description: &body.description,
                event_types: &body.event_types,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// Every webhook, without secrets (administrators).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "the webhooks", body = Vec<WebhookView>),
        (status = 403, description = "not an administrator"),
    )
)]
#[get("/webhooks")]
pub async fn list_webhooks(
    state: web::Data<AppState>,
    Admin(caller): Admin,
) -> ApiResult<web::Json<Vec<WebhookView>>> {
    let hooks = blocking::run(&state.pool, move |conn| webhooks::list(conn, &caller)).await?;
    Ok(web::Json(hooks))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookChange {
    /// `true` switches a webhook back on (after it was switched off for failing); `false`
    /// stops it sending.
    pub enabled: bool,
}

/// Switch a webhook on or off (administrators; audited).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = WebhookChange,
    params(("id" = i64, Path, description = "webhook id")),
    responses(
        (status = 200, description = "the webhook", body = WebhookView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such webhook"),
    )
)]
#[patch("/webhooks/{id}")]
pub async fn update_webhook(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<WebhookChange>,
) -> ApiResult<web::Json<WebhookView>> {
    let id = path.into_inner();
    let enabled = body.into_inner()?.enabled;
    let hook = blocking::run(&state.pool, move |conn| {
        webhooks::set_enabled(conn, &caller, id, enabled)
    })
    .await?;
    Ok(web::Json(hook))
}

/// Delete a webhook (administrators; audited): it sends nothing more.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "webhook id")),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such webhook"),
    )
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    blocking::run(&state.pool, move |conn| webhooks::delete(conn, &caller, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeliveryQuery {
    /// How many of the newest deliveries, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// The delivery log of a webhook, newest first: each message with its attempts (status or
/// error, and time taken).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "webhook id"), DeliveryQuery),
    responses(
        (status = 200, description = "the deliveries", body = Vec<DeliveryView>),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such webhook"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    query: Query<DeliveryQuery>,
) -> ApiResult<web::Json<Vec<DeliveryView>>> {
    let id = path.into_inner();
    let limit = query.into_inner()?.limit.unwrap_or(50).clamp(1, 200);
    let deliveries = blocking::run(&state.pool, move |conn| {
        webhooks::deliveries(conn, &caller, id, limit)
    })
    .await?;
    Ok(web::Json(deliveries))
}

/// Send a delivery again, with the same `webhook-id` (administrators; audited).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "webhook id"), ("delivery_id" = i64, Path, description = "delivery id")),
    responses(
        (status = 202, description = "queued: it is sent within a second while the webhook is on"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such webhook or delivery"),
    )
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/replay")]
pub async fn replay_webhook_delivery(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let (id, delivery_id) = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        webhooks::replay(conn, &caller, id, delivery_id)
    })
    .await?;
    Ok(HttpResponse::Accepted().finish())
}

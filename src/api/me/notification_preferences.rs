//! How the signed-in person hears of each kind of event: immediately, in a daily digest, or
//! never.

use actix_web::{get, patch, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::Json;
use crate::error::ApiResult;
use crate::service::notifications::{self, Preferences, PreferencesChange};
use crate::state::AppState;

/// The caller's choice per kind of event, and what waits for their next digest.
#[derive(Serialize, ToSchema)]
pub struct NotificationPreferences {
    pub preferences: Preferences,
    /// Notifications gathered for the next daily digest.
    pub waiting_for_digest: i64,
    /// The hour (UTC) from which the daily digest is sent, once a day.
    pub digest_hour_utc: u32,
}

/// How the caller hears of each kind of event. A kind never chosen is mailed immediately;
/// turning off `notify_by_email` on `/me` stops all of them.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, description = "the caller's preferences", body = NotificationPreferences))
)]
#[get("/me/notification-preferences")]
pub async fn get_my_notification_preferences(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<NotificationPreferences>> {
    let (preferences, waiting_for_digest) =
        blocking::run(&state.pool, move |conn| notifications::mine(conn, &caller)).await?;
    Ok(web::Json(NotificationPreferences {
        preferences,
        waiting_for_digest,
        digest_hour_utc: state.config.digest_hour,
    }))
}

/// Change how the caller hears of some kinds of event (`immediately`, `daily_digest` or
/// `never`); the kinds left out keep their choice.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = PreferencesChange,
    responses(
        (status = 200, description = "the caller's preferences", body = NotificationPreferences),
        (status = 422, description = "invalid field"),
    )
)]
#[patch("/me/notification-preferences")]
pub async fn update_my_notification_preferences(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PreferencesChange>,
) -> ApiResult<web::Json<NotificationPreferences>> {
    let change = body.into_inner()?;
    let (preferences, waiting_for_digest) = blocking::run(&state.pool, move |conn| {
        notifications::change(conn, &caller, &change)?;
        notifications::mine(conn, &caller)
    })
    .await?;
    Ok(web::Json(NotificationPreferences {
        preferences,
        waiting_for_digest,
        digest_hour_utc: state.config.digest_hour,
    }))
}

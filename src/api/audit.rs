//! The audit log, for administrators.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::Admin;
use crate::api::extract::Query;
use crate::api::pagination::{Page, PageQuery};
use crate::error::ApiResult;
use crate::service::audit;

#[derive(Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    /// Absent for changes the system made by itself.
    pub actor_id: Option<i64>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditSearch {
    /// `user`, `area`, `edition`, `proposal`, `round`, …
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The hash-chained audit log, newest first (administrators only).
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditSearch),
    responses(
        (status = 200, description = "a page of audit entries", body = Page<AuditEntryView>),
        (status = 403, description = "not an administrator"),
    )
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<crate::state::AppState>,
    Admin(caller): Admin,
    query: Query<AuditSearch>,
) -> ApiResult<web::Json<Page<AuditEntryView>>> {
    let q = query.into_inner()?;
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let limit = page.limit()?;
    let before = page.after_id()?;
    let entries = blocking::run(&state.pool, move |conn| {
        audit::list(
            conn,
            &caller,
            q.entity_type.as_deref(),
            q.entity_id.as_deref(),
            before,
            limit,
        )
    })
    .await?;
    let items: Vec<AuditEntryView> = entries
        .into_iter()
        .map(|e| AuditEntryView {
            id: e.id,
            occurred_at: e.occurred_at.and_utc(),
            actor_id: e.actor_id,
            details: serde_json::from_str(&e.details).unwrap_or_default(),
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
        .collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |e: &AuditEntryView| e.id.to_string(),
    )))
}

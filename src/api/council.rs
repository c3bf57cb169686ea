//! Council decisions on rounds.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::Json;
use crate::error::ApiResult;
use crate::service::decisions::{self, Change, Decision, DecisionInput, Kind};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    pub proposal_id: i64,
    /// Why the council changes the outcome here (required).
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Approve,
    Amend,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    pub kind: DecisionKind,
    /// The council session, e.g. `Gemeenteraad 2027-06-23, punt 14`.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub council_session: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub decided_on: String,
    #[serde(default)]
    pub add: Vec<ChangeRequest>,
    #[serde(default)]
    pub remove: Vec<ChangeRequest>,
    /// Required when the decision spends more than the envelope.
    pub over_envelope_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ChangeView {
    pub proposal_id: i64,
    /// `add` or `remove`.
    pub change: String,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionView {
    pub id: i64,
    pub round_id: i64,
    #[schema(value_type = crate::domain::decision::DecisionKind)]
    pub kind: String,
    pub council_session: String,
    pub decided_on: String,
    pub approved_proposal_ids: Vec<i64>,
    pub changes: Vec<ChangeView>,
    pub over_envelope_reason: Option<String>,
    /// The later decision that replaced this one, if any.
    pub superseded_by: Option<i64>,
    pub recorded_at: DateTime<Utc>,
}

fn decision_view(d: Decision) -> DecisionView {
    let changes: Vec<Change> = serde_json::from_str(&d.changes).unwrap_or_default();
    DecisionView {
        id: d.id,
        round_id: d.round_id,
        approved_proposal_ids: serde_json::from_str(&d.approved).unwrap_or_default(),
        changes: changes
            .into_iter()
            .map(|c| ChangeView {
                proposal_id: c.proposal_id,
                change: c.change,
                reason: c.reason,
            })
            .collect(),
        kind: d.kind.as_str().to_string(),
        council_session: d.council_session,
        decided_on: d.decided_on,
        over_envelope_reason: d.over_envelope_reason,
        superseded_by: d.superseded_by,
        recorded_at: d.created_at.and_utc(),
    }
}

/// Approve the computed outcome of a closed round, or amend it with a reason for every change
/// (the council, in the decision phase). Decisions are never changed; a later one supersedes.
#[utoipa::path(
    tag = "council",
    security(("bearer" = [])),
    request_body = DecisionRequest,
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 201, description = "created: the council decision", body = DecisionView),
        (status = 403, description = "not the council"),
        (status = 404, description = "no such round"),
        (status = 409, description = "round not closed, or not the decision phase"),
        (status = 422, description = "a change without reason, or over the envelope without reason"),
    )
)]
#[post("/rounds/{id}/decision")]
pub async fn decide_round(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<DecisionRequest>,
) -> ApiResult<HttpResponse> {
    let seat = decisions::CouncilSeat::open(caller)?;
    let round_id = path.into_inner();
    let input = DecisionInput::from(body.into_inner()?);
    let public_url = state.config.public_url.clone();
    let decision = blocking::run(&state.pool, move |conn| {
        decisions::decide(conn, &seat, round_id, input, &public_url)
    })
    .await?;
    Ok(HttpResponse::Created().json(decision_view(decision)))
}

impl From<DecisionRequest> for DecisionInput {
    fn from(b: DecisionRequest) -> Self {
        Self {
            kind: match b.kind {
                DecisionKind::Approve => Kind::Approve,
                DecisionKind::Amend => Kind::Amend,
            },
            council_session: b.council_session,
            decided_on: b.decided_on,
            add: b
                .add
                .into_iter()
                .map(|c| (c.proposal_id, c.reason))
                .collect(),
            remove: b
                .remove
                .into_iter()
                .map(|c| (c.proposal_id, c.reason))
                .collect(),
            over_envelope_reason: b.over_envelope_reason,
        }
    }
}

/// Every decision on a round, oldest first (public).
#[utoipa::path(
    tag = "council",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, description = "the decisions, oldest first", body = Vec<DecisionView>), (status = 404, description = "no such round"))
)]
#[get("/rounds/{id}/decisions")]
pub async fn list_decisions(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<DecisionView>>> {
    let round_id = path.into_inner();
    let history =
        blocking::run(&state.pool, move |conn| decisions::history(conn, round_id)).await?;
    Ok(web::Json(history.into_iter().map(decision_view).collect()))
}

//! The caller's own things, each in one request: proposals written, proposals co-signed, the
//! rounds voted in or open to them, and the mail sent to them.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::Query;
use crate::api::pagination::{Page, PageQuery};
use crate::api::proposals::ProposalSummary;
use crate::api::rounds::{BallotView, RoundState, ballot_view, round_state};
use crate::domain::round::RoundStatus;
use crate::error::ApiResult;
use crate::service::proposals::read::{self, Relation};
use crate::service::{accounts, ballots};
use crate::state::AppState;

async fn proposals_of_caller(
    state: web::Data<AppState>,
    caller: Caller,
    query: PageQuery,
    relation: Relation,
) -> ApiResult<web::Json<Page<ProposalSummary>>> {
    let (limit, before) = (query.limit()?, query.after_id()?);
    let listed = blocking::run(&state.pool, move |conn| {
        read::of_caller(conn, &caller, relation, before, limit)
    })
    .await?;
    let items = listed.into_iter().map(ProposalSummary::from).collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |p: &ProposalSummary| p.id.to_string(),
    )))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MyProposalsQuery {
    /// Also the proposals the caller co-signed (each says `supported_by_me`), so a "my page"
    /// needs one list.
    pub include_supported: Option<bool>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The caller's own proposals in every edition and state, drafts included, newest first.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(MyProposalsQuery),
    responses((status = 200, description = "a page of the caller's proposals", body = Page<ProposalSummary>))
)]
#[get("/me/proposals")]
pub async fn list_my_proposals(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<MyProposalsQuery>,
) -> ApiResult<web::Json<Page<ProposalSummary>>> {
    let query = query.into_inner()?;
    let relation = match query.include_supported {
        Some(true) => Relation::WroteOrSupported,
        _ => Relation::Wrote,
    };
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    proposals_of_caller(state, caller, page, relation).await
}

/// The proposals the caller co-signed, newest first.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, description = "a page of the proposals the caller co-signed", body = Page<ProposalSummary>))
)]
#[get("/me/supports")]
pub async fn list_my_supports(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<PageQuery>,
) -> ApiResult<web::Json<Page<ProposalSummary>>> {
    proposals_of_caller(state, caller, query.into_inner()?, Relation::Supported).await
}

/// A round on the caller's list, with their ballot if they voted.
#[derive(Serialize, ToSchema)]
pub struct MyRoundView {
    pub round_id: i64,
    pub edition_id: i64,
    pub name: String,
    /// Absent for a city-wide round.
    pub area_id: Option<i64>,
    pub status: RoundState,
    pub closes_at: DateTime<Utc>,
    pub voted: bool,
    /// The caller's ballot: always its receipt and channel, its choices only while the round
    /// is open (to change them).
    pub ballot: Option<BallotView>,
}

/// The rounds the caller voted in and the open rounds they may still vote in, newest first.
/// When a ballot was cast is not kept, for ballot secrecy, so it is not shown.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    responses((status = 200, description = "the caller's rounds", body = Vec<MyRoundView>))
)]
#[get("/me/ballots")]
pub async fn list_my_ballots(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<MyRoundView>>> {
    let secret = state.config.pseudonym_secret.clone();
    let rounds = blocking::run(&state.pool, move |conn| {
        ballots::mine(conn, &secret, &caller)
    })
    .await?;
    Ok(web::Json(
        rounds
            .into_iter()
            .map(|mine| {
                let open = mine.round.status == RoundStatus::Open;
                let ballot = mine.ballot.map(|b| {
                    let mut view = ballot_view(mine.round.id, b.choices, b.receipt, b.channel);
                    if !open {
                        view.project_ids = None;
                        view.points = None;
                    }
                    view
                });
                MyRoundView {
                    round_id: mine.round.id,
                    edition_id: mine.round.edition_id,
                    status: round_state(&mine.round),
                    closes_at: mine.round.closes_at.and_utc(),
                    area_id: mine.round.area_id,
                    voted: ballot.is_some(),
                    ballot,
                    name: mine.round.name,
                }
            })
            .collect(),
    ))
}

/// A mail sent to the caller (the text itself went to their mailbox only).
#[derive(Serialize, ToSchema)]
pub struct MailView {
    pub id: i64,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    /// Absent while it waits to be sent.
    pub sent_at: Option<DateTime<Utc>>,
}

/// What was mailed to the caller, newest first: the subjects and when.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, description = "a page of the mail sent to the caller", body = Page<MailView>))
)]
#[get("/me/notifications")]
pub async fn list_my_notifications(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<PageQuery>,
) -> ApiResult<web::Json<Page<MailView>>> {
    let query = query.into_inner()?;
    let (limit, before) = (query.limit()?, query.after_id()?);
    let mails = blocking::run(&state.pool, move |conn| {
        accounts::mail_to_caller(conn, &caller, before, limit)
    })
    .await?;
    let items = mails
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            subject: m.subject,
            created_at: m.created_at.and_utc(),
            sent_at: m.sent_at.map(|t| t.and_utc()),
        })
        .collect();
    Ok(web::Json(Page::from_items(items, limit, |m: &MailView| {
        m.id.to_string()
    })))
}

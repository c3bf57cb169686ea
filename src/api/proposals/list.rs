//! An edition's proposals as a list: filters, orders (one of them a fair shuffle) and cursors.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::{Caller, MaybeCaller};
use crate::api::extract::{Query, ReaderLanguages, comma_list};
use crate::api::pagination::{Page, PageQuery, encode_cursor};
use crate::domain::locale::Locale;
use crate::domain::proposal::ProposalState;
use crate::error::{ApiError, ApiResult};
use crate::service::proposals as service;
use crate::service::proposals::read::{self, Listed, ProposalQuery, SHUFFLE_MODULUS, Sort};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ProposalSummary {
    pub id: i64,
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    /// The language of `title` and `summary`: the first of the request's `Accept-Language`
    /// the proposal is written or translated in, else its original language.
    pub language: Locale,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    /// The reviewed cost, once a department has reviewed it.
    pub reviewed_cost_cents: Option<i64>,
    pub state: ProposalState,
    pub hidden: bool,
    pub author_id: i64,
    /// Empty for a former resident, who erased their account.
    pub author_name: String,
    pub support_count: i64,
    /// Whether the caller co-signed it.
    pub supported_by_me: bool,
    /// For a funded proposal with milestones: how far it is carried out, 0 to 100.
    pub progress_pct: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Listed> for ProposalSummary {
    fn from(listed: Listed) -> Self {
        let p = listed.proposal;
        Self {
            id: p.id,
            area_id: p.area_id,
            title: p.title,
            summary: p.summary,
            language: listed.language,
            category: p.category,
            estimated_cost_cents: p.estimated_cost_cents,
            reviewed_cost_cents: listed.reviewed_cost_cents,
            state: p.state,
            hidden: p.hidden,
            author_id: p.author_id,
            author_name: listed.author_name,
            support_count: p.support_count,
            supported_by_me: listed.supported_by_me,
            progress_pct: listed.progress_pct,
            created_at: p.created_at.and_utc(),
            updated_at: p.updated_at.and_utc(),
        }
    }
}

/// How a list of proposals is ordered.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalOrder {
    /// Most recently created first.
    Newest,
    /// Most co-signatures first.
    MostSupported,
    /// Cheapest first.
    Cost,
    /// Shuffled by `seed`: the same seed gives the same order, so pages follow on; a site shows
    /// each visitor another order, so no proposal is always on top.
    Random,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProposalSearch {
    /// Only this area.
    pub area_id: Option<i64>,
    /// Only city-wide proposals.
    pub citywide: Option<bool>,
    pub category: Option<String>,
    /// One state or several, separated by commas (`submitted,feasible`).
    #[param(value_type = Option<String>, pattern = r"^(draft|submitted|threshold_reached|expired|feasible|infeasible|on_ballot|selected|not_selected|approved|rejected|funded|in_progress|completed|withdrawn)(,(draft|submitted|threshold_reached|expired|feasible|infeasible|on_ballot|selected|not_selected|approved|rejected|funded|in_progress|completed|withdrawn))*$", example = "submitted,feasible")]
    pub state: Option<String>,
    /// Only proposals this account wrote.
    pub author_id: Option<i64>,
    /// Only proposals changed at or after this time (for keeping a copy in step).
    pub updated_since: Option<DateTime<Utc>>,
    /// Text in the title or summary.
    pub q: Option<String>,
    /// Order of the list (default `newest`).
    pub sort: Option<ProposalOrder>,
    /// For `sort=random`: 0 to 2147483646, chosen once per visit (default: one per day).
    #[param(minimum = 0, maximum = 2147483646)]
    pub seed: Option<i64>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List an edition's proposals (public; drafts and hidden proposals only for who may see them).
#[utoipa::path(
    tag = "proposals",
    params(("id" = i64, Path, description = "edition id"), ProposalSearch),
    responses((status = 200, description = "a page of proposals", body = Page<ProposalSummary>), (status = 404, description = "no such edition"))
)]
#[get("/editions/{id}/proposals")]
pub async fn list_proposals(
    state: web::Data<AppState>,
    caller: MaybeCaller,
    path: web::Path<i64>,
    query: Query<ProposalSearch>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<web::Json<Page<ProposalSummary>>> {
    let edition_id = path.into_inner();
    let q = query.into_inner()?;
    // Checked even without `sort=random`, so a wrong seed is never silently ignored.
    let seed = match q.seed {
        Some(seed) if !(0..SHUFFLE_MODULUS).contains(&seed) => {
            return Err(ApiError::invalid_coded(
                "seed",
                "out_of_range",
                t!("number-between", min = 0, max = 2147483646),
            ));
        }
        Some(seed) => seed,
        None => Utc::now().timestamp().div_euclid(86_400),
    };
    let sort = match q.sort.unwrap_or(ProposalOrder::Newest) {
        ProposalOrder::Newest => Sort::Newest,
        ProposalOrder::MostSupported => Sort::MostSupported,
        ProposalOrder::Cost => Sort::Cost,
        ProposalOrder::Random => Sort::Shuffled { seed },
    };
    let states = comma_list(
        "state",
        q.state.as_deref(),
        ProposalState::parse,
        ProposalState::ALL.map(ProposalState::as_str),
    )?;
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let limit = page.limit()?;
    let after = page
        .after()?
        .map(|text| {
            text.split_once(':')
                .and_then(|(k, id)| Some((k.parse::<i64>().ok()?, id.parse::<i64>().ok()?)))
                .ok_or_else(|| {
                    ApiError::invalid_coded("cursor", "cursor", t!("is-not-a-cursor-from-this-api"))
                })
        })
        .transpose()?;
    let items = blocking::run(&state.pool, move |conn| {
        let mut listed = read::list(
            conn,
            caller.0.as_ref(),
            &ProposalQuery {
                edition_id,
                area_id: q.area_id,
                citywide_only: q.citywide.unwrap_or(false),
                category: q.category.as_deref(),
                states: &states,
                author_id: q.author_id,
                updated_since: q.updated_since.map(|t| t.naive_utc()),
                text: q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()),
                sort,
                after,
                limit,
            },
        )?;
        read::in_language(conn, &mut listed, &wanted)?;
        Ok(listed)
    })
    .await?;
    let next_cursor = (items.len() as i64 == limit)
        .then(|| {
            items.last().map(|l| {
                let p = &l.proposal;
                encode_cursor(&format!("{}:{}", read::sort_key(sort, p), p.id))
            })
        })
        .flatten();
    Ok(web::Json(Page {
        items: items.into_iter().map(ProposalSummary::from).collect(),
        next_cursor,
    }))
}

/// Why a proposal left the public lists.
#[derive(Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Hidden by a moderator.
    Hidden,
    /// Merged into `merged_into_id`.
    Merged,
    /// Withdrawn by its authors, or taken off a ballot.
    Withdrawn,
}

#[derive(Serialize, ToSchema)]
pub struct RemovedProposal {
    pub id: i64,
    pub edition_id: i64,
    pub reason: RemovalReason,
    pub merged_into_id: Option<i64>,
    /// When it changed last.
    pub changed_at: DateTime<Utc>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RemovalSearch {
    /// Removals changed at or after this time (the time of your last sync).
    pub since: DateTime<Utc>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The proposals hidden, merged or withdrawn since a time, oldest change first (public), so a
/// copy of the lists can drop them; with `updated_since` on the lists it keeps a mirror exact.
#[utoipa::path(
    tag = "proposals",
    params(RemovalSearch),
    responses((status = 200, description = "a page of removed proposals", body = Page<RemovedProposal>))
)]
#[get("/removed-proposals")]
pub async fn list_removed_proposals(
    state: web::Data<AppState>,
    query: Query<RemovalSearch>,
) -> ApiResult<web::Json<Page<RemovedProposal>>> {
    let q = query.into_inner()?;
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let limit = page.limit()?;
    let after = time_and_id_cursor(&page)?;
    let since = q.since.naive_utc();
    let removed = blocking::run(&state.pool, move |conn| {
        read::removed_since(conn, since, after, limit)
    })
    .await?;
    let items = removed
        .into_iter()
        .map(|p| RemovedProposal {
            id: p.id,
            edition_id: p.edition_id,
            reason: if p.merged_into_id.is_some() {
                RemovalReason::Merged
            } else if p.hidden {
                RemovalReason::Hidden
            } else {
                RemovalReason::Withdrawn
            },
            merged_into_id: p.merged_into_id,
            changed_at: p.updated_at.and_utc(),
        })
        .collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |r: &RemovedProposal| format!("{}:{}", r.changed_at.timestamp_micros(), r.id),
    )))
}

/// A proposal in a department's review queue.
#[derive(Serialize, ToSchema)]
pub struct WaitingForReview {
    pub proposal: ProposalSummary,
    pub department: String,
    pub assigned_at: DateTime<Utc>,
    /// When the verdict is due: the planned start of the edition's vote, or 21 days after the
    /// assignment when the edition plans none.
    pub due_at: DateTime<Utc>,
    /// The verdict is late.
    pub overdue: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReviewQueueQuery {
    /// One department's queue (reviewers: one of theirs); all the caller may see when absent.
    pub department: Option<String>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The review queue: proposals assigned to a department and not yet reviewed, longest waiting
/// first (reviewers see their departments, administrators every department).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    params(ReviewQueueQuery),
    responses(
        (status = 200, description = "a page of proposals waiting for review", body = Page<WaitingForReview>),
        (status = 403, description = "not a reviewer of the department, nor an administrator"),
    )
)]
#[get("/review-queue")]
pub async fn list_review_queue(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ReviewQueueQuery>,
) -> ApiResult<web::Json<Page<WaitingForReview>>> {
    let q = query.into_inner()?;
    let desk = service::ReviewDesk::open(caller)?;
    let page = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let limit = page.limit()?;
    let after = time_and_id_cursor(&page)?;
    let waiting = blocking::run(&state.pool, move |conn| {
        service::review_queue(conn, &desk, q.department.as_deref(), after, limit)
    })
    .await?;
    let now = crate::clock::now();
    let items = waiting
        .into_iter()
        .map(|w| WaitingForReview {
            overdue: w.overdue(now),
            due_at: w.due_at.and_utc(),
            proposal: ProposalSummary::from(w.listed),
            department: w.department,
            assigned_at: w.assigned_at.and_utc(),
        })
        .collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |w: &WaitingForReview| format!("{}:{}", w.assigned_at.timestamp_micros(), w.proposal.id),
    )))
}

/// A cursor `<µs since 1970>:<id>` for lists ordered by a time, then id.
fn time_and_id_cursor(page: &PageQuery) -> ApiResult<Option<(chrono::NaiveDateTime, i64)>> {
    page.after()?
        .map(|text| {
            text.split_once(':')
                .and_then(|(micros, id)| {
                    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
                    Some((at.naive_utc(), id.parse::<i64>().ok()?))
                })
                .ok_or_else(|| {
                    ApiError::invalid_coded("cursor", "cursor", t!("is-not-a-cursor-from-this-api"))
                })
        })
        .transpose()
}

//! Full-text search over proposals and their discussions.

use actix_web::{get, web};

use crate::api::blocking;
use crate::api::caller::MaybeCaller;
use crate::api::extract::Query;
use crate::error::{ApiError, ApiResult};
use crate::service::search::{self, SearchHit, Within};
use crate::state::AppState;

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// The words to find (1 to 200 characters). Every word must occur, in any of its forms
    /// in Dutch, French or English ("fietsenstallingen" finds "fietsenstalling"), accents
    /// optional ("eglise" finds "église").
    #[param(min_length = 1, max_length = 200)]
    pub q: String,
    /// Only in this edition.
    pub edition_id: Option<i64>,
    /// Only in this area.
    pub area_id: Option<i64>,
    /// Hits to return, 1 to 50 (default 20).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<i64>,
}

/// Search proposals and the comments under them, best match first, each with a highlighted
/// snippet; only what the caller may see. The proposal list takes the same words as `q`.
#[utoipa::path(tag = "proposals", params(SearchQuery),
    responses(
        (status = 200, description = "the hits, best first", body = Vec<SearchHit>),
        (status = 422, description = "no word to search for, or a limit out of range"),
    ))]
#[get("/search")]
pub async fn search_proposals(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    query: Query<SearchQuery>,
) -> ApiResult<web::Json<Vec<SearchHit>>> {
    let query = query.into_inner()?;
    let limit = query.limit.unwrap_or(20);
    if !(1..=50).contains(&limit) {
        return Err(ApiError::invalid(
            "limit",
            t!("number-between", min = 1, max = 50),
        ));
    }
    let within = Within {
        edition_id: query.edition_id,
        area_id: query.area_id,
    };
    let hits = blocking::run(&state.pool, move |conn| {
        search::search(conn, caller.as_ref(), &query.q, within, limit)
    })
    .await?;
    Ok(web::Json(hits))
}

//! An edition's figures: proposals per area and state, supporters, turnout per round.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::domain::phase::Phase;
use crate::error::ApiResult;
use crate::service::editions;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ProposalCount {
    /// Absent for city-wide proposals.
    pub area_id: Option<i64>,
    pub state: String,
    pub count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AreaTurnout {
    /// Absent for the city-wide round.
    pub area_id: Option<i64>,
    pub round_id: i64,
    pub ballots: i64,
    pub population: Option<i64>,
    /// Ballots as a share of the area's population (0..1).
    pub share_of_population: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct EditionStatistics {
    pub edition_id: i64,
    pub phase: Phase,
    /// Proposals per area and state (drafts are not counted).
    pub proposals: Vec<ProposalCount>,
    /// Residents who co-signed at least one proposal.
    pub supporters: i64,
    /// Co-signatures in all.
    pub supports: i64,
    /// Per voting round: ballots cast and turnout.
    pub turnout: Vec<AreaTurnout>,
}

/// Proposals per area and state, supporters and turnout (public).
#[utoipa::path(
    tag = "editions",
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, description = "the edition's figures", body = EditionStatistics), (status = 404, description = "no such edition"))
)]
#[get("/editions/{id}/statistics")]
pub async fn get_edition_statistics(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<EditionStatistics>> {
    let id = path.into_inner();
    let statistics = blocking::run(&state.pool, move |conn| editions::statistics(conn, id)).await?;
    let statistics = {
        let editions::Statistics {
            edition,
            proposals,
            supporters,
            supports,
            turnout,
        } = statistics;
        let proposals = proposals
            .into_iter()
            .map(|(area_id, state, count)| ProposalCount {
                area_id,
                state: state.as_str().to_string(),
                count,
            })
            .collect();
        EditionStatistics {
            edition_id: id,
            phase: edition.phase,
            proposals,
            supporters,
            supports,
            turnout: turnout
                .into_iter()
                .map(|t| AreaTurnout {
                    area_id: t.area_id,
                    round_id: t.round_id,
                    ballots: t.ballots,
                    population: t.population,
                    share_of_population: t.share_of_population,
                })
                .collect(),
        }
    };
    Ok(web::Json(statistics))
}

//! Voting rounds: their rules, opening and closing (by an administrator or by the scheduler at
//! their times), the outcome computed by the `tally` engine, results, exports and turnout.

mod comparison;
mod corrections;
pub mod explanation;
mod lifecycle;
mod outcome;
mod setup;
mod withdrawal;
pub use comparison::*;
pub use corrections::*;
pub use lifecycle::*;
pub use outcome::*;
pub use setup::*;
pub use withdrawal::*;

/// A round as stored, for views that need more than its detail.
pub use crate::store::rounds::Round as RoundRecord;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::auth::caller::Caller;
use crate::auth::tokens;
use crate::db::{self, DbConnection};
use crate::domain::ballot::{BallotRules, BallotType, Choices};
use crate::domain::phase::Phase;
use crate::domain::proposal::ProposalState;
use crate::domain::round::RoundStatus;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::mail::templates::Template;
use crate::store::{
    self,
    audit::AuditEvent,
    rounds::{Round, RoundFields},
};
use crate::tally::election::{Ballot, Election, Project, format_amount};
use crate::tally::pabulib::PbDocument;
use crate::tally::table::Table;
use crate::tally::{self, Options, Rule};

fn find(conn: &mut DbConnection, id: i64) -> ApiResult<Round> {
    store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Round))
}

fn title_of(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<String> {
    Ok(store::proposals::find(conn, proposal_id)?
        .map(|p| p.title)
        .unwrap_or_default())
}

/// A project on a round's ballot, as voters see it: enough to show the ballot without reading
/// each proposal.
pub struct BallotEntry {
    pub proposal_id: i64,
    pub title: String,
    pub summary: String,
    pub area_id: Option<i64>,
    pub category: Option<String>,
    pub cost_cents: i64,
}

/// A round with the projects on its ballot (while scheduled: the feasible proposals that would
/// be); public.
pub struct RoundDetail {
    pub round: Round,
    pub projects: Vec<BallotEntry>,
    /// Projects taken off the ballot after it opened, with the title each had.
    pub withdrawn: Vec<(store::rounds::Withdrawal, String)>,
}

/// The round with the projects on its ballot.
pub fn with_ballot(conn: &mut DbConnection, round: Round) -> ApiResult<RoundDetail> {
    let projects = if round.status == RoundStatus::Scheduled {
        eligible_projects(conn, &round)?
    } else {
        store::rounds::projects(conn, round.id)?
    };
    let projects = projects
        .into_iter()
        .map(|(proposal_id, cost_cents)| {
            let proposal = store::proposals::find(conn, proposal_id)?
                .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
            Ok(BallotEntry {
                proposal_id,
                title: proposal.title,
                summary: proposal.summary,
                area_id: proposal.area_id,
                category: proposal.category,
                cost_cents,
            })
        })
        .collect::<ApiResult<_>>()?;
    let withdrawn = store::rounds::withdrawals(conn, round.id)?
        .into_iter()
        .map(|w| Ok((w.clone(), title_of(conn, w.proposal_id)?)))
        .collect::<ApiResult<_>>()?;
    Ok(RoundDetail {
        round,
        projects,
        withdrawn,
    })
}

pub fn detail(conn: &mut DbConnection, id: i64) -> ApiResult<RoundDetail> {
    let round = find(conn, id)?;
    with_ballot(conn, round)
}

/// The rounds of an edition, each with its ballot.
pub fn of_edition(conn: &mut DbConnection, edition_id: i64) -> ApiResult<Vec<RoundDetail>> {
    store::editions::find(conn, edition_id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    store::rounds::for_edition(conn, edition_id)?
        .into_iter()
        .map(|r| with_ballot(conn, r))
        .collect()
}

//! The strategic-cycle budget module: plans, budget lines, fundings, commitments,
//! expenditures, milestones and reports.

mod budget_lines;
mod corrections;
mod fundings;
mod milestones;
mod plans;
mod reports;
mod revisions;
pub use budget_lines::*;
pub use corrections::*;
pub use fundings::*;
pub use milestones::*;
pub use plans::*;
pub use reports::*;
pub use revisions::*;

use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::Encoding;
use crate::api::areas::{IMPORT_LIMIT, ImportQuery, ImportResult, read_csv_body};
use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::{Json, Query};
use crate::domain::finance::{FundingKind, LedgerCategory, MilestoneStatus, category_of};
use crate::domain::proposal::ProposalState;
use crate::error::ApiResult;
use crate::service::finance::{
    self as service, BudgetLine, BudgetReport, Level, ReportGrouping, Totals,
};
use crate::state::AppState;

impl From<ImplementationStep> for ProposalState {
    fn from(step: ImplementationStep) -> Self {
        match step {
            ImplementationStep::Funded => ProposalState::Funded,
            ImplementationStep::InProgress => ProposalState::InProgress,
            ImplementationStep::Completed => ProposalState::Completed,
        }
    }
}

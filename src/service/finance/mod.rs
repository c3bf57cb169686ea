//! The strategic-cycle budget module: the multi-year plan and its budget lines, fundings of
//! approved proposals on those lines, commitments and expenditures, implementation milestones,
//! and the reports that add it all up.

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

use std::collections::BTreeMap;

use serde::Serialize;

use crate::auth::caller::Caller;
use crate::csv;
use crate::db::{self, DbConnection};
use crate::domain::finance::{self, FundingKind, LedgerCategory, MilestoneStatus, PlanKind};
use crate::domain::proposal::ProposalState;
use crate::domain::role::Role;
use crate::domain::scope::Scope;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::service::permit::{Permit, Rule};

use crate::error::Thing;
pub use crate::store::finance::{BudgetLine, Commitment, Expenditure, Funding, PlanVersion};
pub use crate::store::milestones::Milestone;
pub use crate::store::plan_items::PlanItem;
use crate::store::{self, audit::AuditEvent, finance::NewBudgetLine};

/// Finance changes the books.
pub enum ChangeBooks {}

impl Rule for ChangeBooks {
    fn check(caller: &Caller) -> ApiResult<()> {
        caller.require(Role::Finance)
    }
}

pub type FinanceDesk = Permit<ChangeBooks>;

/// Finance, the council, administrators and API clients with `read_reports` read them.
pub enum ReadBooks {}

impl Rule for ReadBooks {
    fn check(caller: &Caller) -> ApiResult<()> {
        if caller.has(Role::Finance)
            || caller.has(Role::Council)
            || caller.is_admin()
            || caller.holds(Scope::ReadReports)
        {
            Ok(())
        } else {
            Err(ApiError::forbidden(t!(
                "the-budget-module-is-for-finance-the"
            )))
        }
    }
}

pub type BookReader = Permit<ReadBooks>;

/// Finance or an administrator binds an edition's base to budget lines.
pub enum BindBase {}

impl Rule for BindBase {
    fn check(caller: &Caller) -> ApiResult<()> {
        if caller.is_admin() {
            Ok(())
        } else {
            caller.require(Role::Finance)
        }
    }
}

pub type BaseBinder = Permit<BindBase>;

fn audit(
    conn: &mut DbConnection,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: i64,
    details: serde_json::Value,
) -> ApiResult<()> {
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: Some(caller.id()),
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            details,
        },
    )?;
    Ok(())
}

fn text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        Err(FieldError::new(
            field,
            t!("length-between", min = 1, max = max),
        ))
    } else {
        Ok(value.to_string())
    }
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        self.planned_cents += other.planned_cents;
        self.allocated_cents += other.allocated_cents;
        self.committed_cents += other.committed_cents;
        self.spent_cents += other.spent_cents;
    }
}

fn visible_proposal(conn: &mut DbConnection, id: i64) -> ApiResult<store::proposals::Proposal> {
    let p =
        store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    crate::service::proposals::check_visible(conn, &p, None)?;
    Ok(p)
}

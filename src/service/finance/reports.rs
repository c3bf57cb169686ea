//! Reports: planned, allocated, committed and spent per line and grouped, and per proposal.

use super::*;

/// Planned, allocated (funded), committed and spent money.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Totals {
    pub planned_cents: i64,
    pub allocated_cents: i64,
    pub committed_cents: i64,
    pub spent_cents: i64,
}

/// One budget line with everything the report says about it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LineReport {
    pub budget_line_id: i64,
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub objective_id: i64,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub category: Option<LedgerCategory>,
    #[serde(flatten)]
    pub totals: Totals,
    /// The line's allocated, committed and spent money per edition, keyed by the edition id
    /// (planned money is the line's, not an edition's, so it is 0 here).
    pub by_edition: BTreeMap<String, Totals>,
}

/// The budget lines of a plan version and year with their money, and the same summed per
/// action, objective, policy field and edition.
pub fn line_reports(
    conn: &mut DbConnection,
    _reader: &BookReader,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<Vec<LineReport>> {
    let lines = store::finance::lines(conn, plan_version_id, fiscal_year)?;
    let line_ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
    let fundings = store::finance::fundings_of_lines(conn, &line_ids)?;
    let funding_ids: Vec<i64> = fundings.iter().map(|f| f.id).collect();
    let commitments = store::finance::commitments_of_fundings(conn, &funding_ids)?;
    let commitment_ids: Vec<i64> = commitments.iter().map(|c| c.id).collect();
    let expenditures = store::finance::expenditures_of_commitments(conn, &commitment_ids)?;
    let mut editions_of_proposals: BTreeMap<i64, i64> = BTreeMap::new();
    for f in &fundings {
        if let std::collections::btree_map::Entry::Vacant(entry) =
            editions_of_proposals.entry(f.proposal_id)
            && let Some(p) = store::proposals::find(conn, f.proposal_id)?
        {
            entry.insert(p.edition_id);
        }
    }
    let mut reports = Vec::with_capacity(lines.len());
    for line in lines {
        let line_fundings: Vec<&Funding> = fundings
            .iter()
            .filter(|f| f.budget_line_id == line.id)
            .collect();
        let allocated = line_fundings.iter().map(|f| f.amount_cents).sum();
        let line_commitments: Vec<_> = commitments
            .iter()
            .filter(|c| line_fundings.iter().any(|f| f.id == c.funding_id))
            .collect();
        let committed = line_commitments.iter().map(|c| c.amount_cents).sum();
        let spent = expenditures
            .iter()
            .filter(|e| line_commitments.iter().any(|c| c.id == e.commitment_id))
            .map(|e| e.amount_cents)
            .sum();
        let mut by_edition: BTreeMap<String, Totals> = BTreeMap::new();
        for f in &line_fundings {
            let Some(edition) = editions_of_proposals.get(&f.proposal_id) else {
                continue;
            };
            let of_funding: Vec<_> = commitments
                .iter()
                .filter(|c| c.funding_id == f.id)
                .collect();
            *by_edition.entry(edition.to_string()).or_default() += Totals {
                planned_cents: 0,
                allocated_cents: f.amount_cents,
                committed_cents: of_funding.iter().map(|c| c.amount_cents).sum(),
                spent_cents: expenditures
                    .iter()
                    .filter(|e| of_funding.iter().any(|c| c.id == e.commitment_id))
                    .map(|e| e.amount_cents)
                    .sum(),
            };
        }
        let objective_id = store::finance::parents_of_action(conn, line.action_id)?
            .map(|(o, _)| o)
            .unwrap_or(0);
        reports.push(LineReport {
            budget_line_id: line.id,
            plan_version_id: line.plan_version_id,
            fiscal_year: line.fiscal_year,
            objective_id,
            action_id: line.action_id,
            category: finance::category_of(&line.ledger_account_code).ok(),
            policy_field_code: line.policy_field_code,
            ledger_account_code: line.ledger_account_code,
            totals: Totals {
                planned_cents: line.planned_cents,
                allocated_cents: allocated,
                committed_cents: committed,
                spent_cents: spent,
            },
            by_edition,
        });
    }
    Ok(reports)
}

/// Sums line reports by a key.
pub fn group<K: Ord + Clone>(
    reports: &[LineReport],
    key: impl Fn(&LineReport) -> K,
) -> BTreeMap<K, Totals> {
    let mut groups: BTreeMap<K, Totals> = BTreeMap::new();
    for report in reports {
        *groups.entry(key(report)).or_default() += report.totals;
    }
    groups
}

/// The money of one proposal from vote to spend.
pub struct ProposalMoney {
    pub approved_cost_cents: i64,
    pub fundings: Vec<Funding>,
    pub commitments: Vec<Commitment>,
    pub expenditures: Vec<Expenditure>,
    pub milestones: Vec<Milestone>,
}

impl ProposalMoney {
    /// Planned is the approved cost; the rest add up what hangs under the proposal.
    pub fn totals(&self) -> Totals {
        Totals {
            planned_cents: self.approved_cost_cents,
            allocated_cents: self.fundings.iter().map(|f| f.amount_cents).sum(),
            committed_cents: self.commitments.iter().map(|c| c.amount_cents).sum(),
            spent_cents: self.expenditures.iter().map(|e| e.amount_cents).sum(),
        }
    }
}

pub fn proposal_money(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<ProposalMoney> {
    let fundings = store::finance::fundings_of_proposal(conn, proposal_id)?;
    let funding_ids: Vec<i64> = fundings.iter().map(|f| f.id).collect();
    let commitments = store::finance::commitments_of_fundings(conn, &funding_ids)?;
    let commitment_ids: Vec<i64> = commitments.iter().map(|c| c.id).collect();
    Ok(ProposalMoney {
        approved_cost_cents: approved_cost(conn, proposal_id)?,
        expenditures: store::finance::expenditures_of_commitments(conn, &commitment_ids)?,
        milestones: store::finance::milestones_of(conn, proposal_id)?,
        fundings,
        commitments,
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupTotals {
    pub key: String,
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BudgetReport {
    pub lines: Vec<LineReport>,
    pub by_action: Vec<GroupTotals>,
    pub by_objective: Vec<GroupTotals>,
    pub by_policy_field: Vec<GroupTotals>,
    /// Money allocated to, committed for and spent on each edition's proposals (planned is not
    /// split per edition).
    pub by_edition: Vec<GroupTotals>,
    pub total: Totals,
}

pub(super) fn groups<K: ToString>(map: BTreeMap<K, Totals>) -> Vec<GroupTotals> {
    map.into_iter()
        .map(|(k, totals)| GroupTotals {
            key: k.to_string(),
            totals,
        })
        .collect()
}

/// The budget report: every line, and the same money grouped by action, objective, policy
/// field and edition, with the grand total.
pub fn budget_report(
    conn: &mut DbConnection,
    reader: &BookReader,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<BudgetReport> {
    let lines = line_reports(conn, reader, plan_version_id, fiscal_year)?;
    let mut by_edition: BTreeMap<i64, Totals> = BTreeMap::new();
    for line in &lines {
        for (edition, totals) in &line.by_edition {
            let edition = edition.parse().map_err(ApiError::internal)?;
            *by_edition.entry(edition).or_default() += *totals;
        }
    }
    Ok(BudgetReport {
        by_action: groups(group(&lines, |l| l.action_id)),
        by_objective: groups(group(&lines, |l| l.objective_id)),
        by_policy_field: groups(group(&lines, |l| l.policy_field_code.clone())),
        by_edition: groups(by_edition),
        total: group(&lines, |_| ())
            .into_values()
            .next()
            .unwrap_or_default(),
        lines,
    })
}

/// A proposal anyone may see with all the money that hangs under it.
pub fn proposal_report(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> ApiResult<(store::proposals::Proposal, ProposalMoney)> {
    let p = visible_proposal(conn, proposal_id)?;
    let money = proposal_money(conn, proposal_id)?;
    Ok((p, money))
}

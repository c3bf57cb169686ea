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
    lines_with_money(conn, plan_version_id, fiscal_year)
}

/// Every budget line with its money, as open data publishes it: the totals are public, the
/// fundings behind them are public on each proposal's report.
pub fn public_line_totals(conn: &mut DbConnection) -> ApiResult<Vec<LineReport>> {
    lines_with_money(conn, None, None)
}

fn lines_with_money(
    conn: &mut DbConnection,
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
    let entries = Entries {
        fundings: fundings
            .iter()
            .map(|f| FundingEntry {
                id: f.id,
                line_id: f.budget_line_id,
                edition_id: editions_of_proposals.get(&f.proposal_id).copied(),
                amount_cents: f.amount_cents,
            })
            .collect(),
        commitments: commitments
            .iter()
            .map(|c| (c.id, c.funding_id, c.amount_cents))
            .collect(),
        expenditures: expenditures
            .iter()
            .map(|e| (e.commitment_id, e.amount_cents))
            .collect(),
    };
    let mut reports = Vec::with_capacity(lines.len());
    for line in lines {
        let (mut totals, by_edition) = entries.money_of_line(line.id);
        totals.planned_cents = line.planned_cents;
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
            totals,
            by_edition,
        });
    }
    Ok(reports)
}

/// A funding as the report counts it.
pub struct FundingEntry {
    pub id: i64,
    pub line_id: i64,
    /// The edition of the funded proposal.
    pub edition_id: Option<i64>,
    pub amount_cents: i64,
}

/// Every entry on the books under some lines: fundings, commitments as (id, funding, amount)
/// and expenditures as (commitment, amount).
pub struct Entries {
    pub fundings: Vec<FundingEntry>,
    pub commitments: Vec<(i64, i64, i64)>,
    pub expenditures: Vec<(i64, i64)>,
}

impl Entries {
    /// What is allocated, committed and spent under one line (planned is left 0), in total
    /// and per edition: each commitment counts under its funding, each expenditure under its
    /// commitment, so both sums are made of the same entries.
    pub fn money_of_line(&self, line_id: i64) -> (Totals, BTreeMap<String, Totals>) {
        let mut total = Totals::default();
        let mut by_edition: BTreeMap<String, Totals> = BTreeMap::new();
        for funding in self.fundings.iter().filter(|f| f.line_id == line_id) {
            let mut money = Totals {
                allocated_cents: funding.amount_cents,
                ..Totals::default()
            };
            for &(commitment, _, committed) in self.commitments.iter().filter(|c| c.1 == funding.id)
            {
                money.committed_cents += committed;
                money.spent_cents += self
                    .expenditures
                    .iter()
                    .filter(|e| e.0 == commitment)
                    .map(|e| e.1)
                    .sum::<i64>();
            }
            total += money;
            if let Some(edition) = funding.edition_id {
                *by_edition.entry(edition.to_string()).or_default() += money;
            }
        }
        (total, by_edition)
    }
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
        milestones: store::milestones::milestones_of(conn, proposal_id)?,
        fundings,
        commitments,
    })
}

/// A proposal finance follows, with its money so far.
pub struct Followed {
    pub proposal_id: i64,
    pub title: String,
    /// The name of the proposal's edition.
    pub edition: String,
    pub state: ProposalState,
    pub totals: Totals,
}

/// The proposals finance follows: approved and not yet completed, in every edition, oldest
/// first, each with its money so far.
pub fn followed(conn: &mut DbConnection, _reader: &BookReader) -> ApiResult<Vec<Followed>> {
    let states = [
        ProposalState::Approved,
        ProposalState::Funded,
        ProposalState::InProgress,
    ];
    let mut editions: BTreeMap<i64, String> = BTreeMap::new();
    store::proposals::in_states_everywhere(conn, &states)?
        .into_iter()
        .map(|p| {
            if let std::collections::btree_map::Entry::Vacant(entry) = editions.entry(p.edition_id)
            {
                let edition = store::editions::find(conn, p.edition_id)?
                    .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
                entry.insert(edition.name);
            }
            Ok(Followed {
                edition: editions[&p.edition_id].clone(),
                totals: proposal_money(conn, p.id)?.totals(),
                proposal_id: p.id,
                title: p.title,
                state: p.state,
            })
        })
        .collect()
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
    let by_edition = per_edition(&lines);
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

/// What one row of a report's table totals.
#[derive(Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportGrouping {
    #[default]
    Line,
    Action,
    Objective,
    PolicyField,
    Edition,
}

impl ReportGrouping {
    pub const ALL: [ReportGrouping; 5] = [
        ReportGrouping::Line,
        ReportGrouping::Action,
        ReportGrouping::Objective,
        ReportGrouping::PolicyField,
        ReportGrouping::Edition,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportGrouping::Line => "line",
            ReportGrouping::Action => "action",
            ReportGrouping::Objective => "objective",
            ReportGrouping::PolicyField => "policy_field",
            ReportGrouping::Edition => "edition",
        }
    }
}

impl BudgetReport {
    /// The report's rows for one grouping; a line is keyed by its id, year, policy field and
    /// ledger account.
    pub fn rows(self, grouping: ReportGrouping) -> Vec<GroupTotals> {
        match grouping {
            ReportGrouping::Action => self.by_action,
            ReportGrouping::Objective => self.by_objective,
            ReportGrouping::PolicyField => self.by_policy_field,
            ReportGrouping::Edition => self.by_edition,
            ReportGrouping::Line => self
                .lines
                .iter()
                .map(|l| GroupTotals {
                    key: format!(
                        "{} {} {} {}",
                        l.budget_line_id, l.fiscal_year, l.policy_field_code, l.ledger_account_code
                    ),
                    totals: l.totals,
                })
                .collect(),
        }
    }
}

/// Rows of totals as CSV, amounts in cents.
pub fn totals_csv(rows: &[GroupTotals]) -> String {
    let header = [
        "key",
        "planned_cents",
        "allocated_cents",
        "committed_cents",
        "spent_cents",
    ]
    .map(String::from);
    let mut text = crate::csv::line(&header, ',');
    for row in rows {
        text.push_str(&crate::csv::line(
            &[
                crate::csv::cell(&row.key, ','),
                crate::csv::number_cell(row.totals.planned_cents),
                crate::csv::number_cell(row.totals.allocated_cents),
                crate::csv::number_cell(row.totals.committed_cents),
                crate::csv::number_cell(row.totals.spent_cents),
            ],
            ',',
        ));
    }
    text
}

/// The lines' money summed per edition, ordered by edition id.
fn per_edition(lines: &[LineReport]) -> BTreeMap<i64, Totals> {
    let mut by_edition: BTreeMap<i64, Totals> = BTreeMap::new();
    for line in lines {
        for (edition, totals) in &line.by_edition {
            if let Ok(edition) = edition.parse() {
                *by_edition.entry(edition).or_default() += *totals;
            }
        }
    }
    by_edition
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(id: i64, action: i64, planned: i64, entries: &Entries) -> LineReport {
        let (mut totals, by_edition) = entries.money_of_line(id);
        totals.planned_cents = planned;
        LineReport {
            budget_line_id: id,
            plan_version_id: 1,
            fiscal_year: 2027,
            objective_id: action % 2,
            action_id: action,
            policy_field_code: format!("06{:02}", action % 3),
            ledger_account_code: "6493000".into(),
            category: None,
            totals,
            by_edition,
        }
    }

    fn sum(totals: impl IntoIterator<Item = Totals>) -> Totals {
        totals.into_iter().fold(Totals::default(), |mut a, t| {
            a += t;
            a
        })
    }

    proptest! {
        #[test]
        fn every_grouping_adds_up_to_the_same_totals(
            lines in prop::collection::vec((1i64..5, 0i64..1_000_000), 1..6),
            fundings in prop::collection::vec((0usize..6, 1i64..4, 1i64..1_000_000), 0..15),
            commitments in prop::collection::vec((0usize..15, 1i64..1_000_000), 0..20),
            expenditures in prop::collection::vec((0usize..20, 1i64..1_000_000), 0..20),
        ) {
            let fundings: Vec<FundingEntry> = fundings
                .iter()
                .enumerate()
                .map(|(i, &(line, edition, amount))| FundingEntry {
                    id: i as i64,
                    line_id: (line % lines.len()) as i64,
                    edition_id: Some(edition),
                    amount_cents: amount,
                })
                .collect();
            let commitments: Vec<(i64, i64, i64)> = if fundings.is_empty() {
                Vec::new()
            } else {
                commitments
                    .iter()
                    .enumerate()
                    .map(|(i, &(funding, amount))| (i as i64, (funding % fundings.len()) as i64, amount))
                    .collect()
            };
            let expenditures: Vec<(i64, i64)> = if commitments.is_empty() {
                Vec::new()
            } else {
                expenditures
                    .iter()
                    .map(|&(commitment, amount)| ((commitment % commitments.len()) as i64, amount))
                    .collect()
            };
            let books = Totals {
                planned_cents: lines.iter().map(|l| l.1).sum(),
                allocated_cents: fundings.iter().map(|f| f.amount_cents).sum(),
                committed_cents: commitments.iter().map(|c| c.2).sum(),
                spent_cents: expenditures.iter().map(|e| e.1).sum(),
            };
            let entries = Entries { fundings, commitments, expenditures };
            let reports: Vec<LineReport> = lines
                .iter()
                .enumerate()
                .map(|(id, &(action, planned))| line(id as i64, action, planned, &entries))
                .collect();

            prop_assert_eq!(sum(reports.iter().map(|r| r.totals)), books);
            for grouped in [
                group(&reports, |l| l.action_id.to_string()),
                group(&reports, |l| l.objective_id.to_string()),
                group(&reports, |l| l.policy_field_code.clone()),
                group(&reports, |l| l.budget_line_id.to_string()),
            ] {
                prop_assert_eq!(sum(grouped.into_values()), books);
            }
            let editions = sum(per_edition(&reports).into_values());
            prop_assert_eq!(
                editions,
                Totals { planned_cents: 0, ..books },
                "every funded proposal has an edition, so editions share out all but planned"
            );
        }
    }
}

//! What the other outcome rules would have funded with the same ballots: the council looks at
//! this before it approves or amends an outcome.

use super::*;
use crate::config::SecretKey;

/// One rule's outcome on a round's ballots.
pub struct RuleOutcome {
    pub rule: Rule,
    /// The funded projects, in the order the rule chose them.
    pub selected: Vec<i64>,
    pub total_cost_cents: i64,
    /// Ballots naming at least one funded project, per 10,000 ballots.
    pub voters_with_a_funded_project_bp: i64,
    /// Money per area of the funded projects (`None`: city-wide projects).
    pub spending_by_area: Vec<(Option<i64>, i64)>,
}

/// Every rule that can count the round's ballot type, on the ballots of a closed round, the
/// round's own rule first.
pub fn compare_rules(
    conn: &mut DbConnection,
    secret: &SecretKey,
    id: i64,
) -> ApiResult<Vec<RuleOutcome>> {
    let round = find(conn, id)?;
    outcome_of(&round)?;
    let projects = store::rounds::projects(conn, round.id)?;
    let ballots = opened_ballots(conn, secret, round.id)?;
    let mut election = election_of(&round, &projects, &ballots)?;
    election.min_votes = Some(
        store::editions::find(conn, round.edition_id)?
            .and_then(|e| e.min_votes)
            .map_or(1, i64::from)
            .max(1),
    );
    let mut areas = HashMap::new();
    for (proposal_id, _) in &projects {
        let area = store::proposals::find(conn, *proposal_id)?.and_then(|p| p.area_id);
        areas.insert(*proposal_id, area);
    }
    let own = Rule::parse(&round.rule);
    let mut rules: Vec<Rule> = Rule::ALL
        .into_iter()
        .filter(|rule| round.ballot_type.counts_with(*rule))
        .collect();
    rules.sort_by_key(|rule| Some(*rule) != own);
    rules
        .into_iter()
        .map(|rule| {
            let outcome =
                tally::compute(&election, rule, &Options::default()).map_err(ApiError::internal)?;
            let reached = election.voters_reached(&outcome.selected) as i64;
            let mut spending: std::collections::BTreeMap<Option<i64>, i64> = Default::default();
            for &p in &outcome.selected {
                let (proposal_id, cost) = projects[p];
                *spending.entry(areas[&proposal_id]).or_default() += cost;
            }
            Ok(RuleOutcome {
                rule,
                selected: outcome.selected.iter().map(|&p| projects[p].0).collect(),
                total_cost_cents: outcome.total_cost,
                voters_with_a_funded_project_bp: (reached * 10_000)
                    .checked_div(election.ballots.len() as i64)
                    .unwrap_or(0),
                spending_by_area: spending.into_iter().collect(),
            })
        })
        .collect()
}

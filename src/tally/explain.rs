//! Why each project was or was not funded, as the run that decided it saw it: the numbers are
//! taken from the run itself (the order greedy went in, the round Equal Shares bought a project
//! in and the price its supporters paid, the load Phragmén reached), never recomputed beside it.
//!
//! Amounts are in cents; a front end words them (`service::rounds::explanation` in three
//! languages, `wijkbudget tally --explain` in English and JSON).

use serde::{Deserialize, Serialize};

use crate::tally::{Outcome, TallyError};

/// The reason for one project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// Named on fewer ballots than the minimum, so never considered.
    BelowMinVotes { votes: i64, min: i64 },
    /// Nobody voted for it.
    NoSupport,
    /// Greedy took it: `position` in the order by score, with `left` still available.
    GreedyTaken {
        position: usize,
        score: i64,
        cost: i64,
        left: i64,
    },
    /// Greedy passed it: it cost more than the `left` still available at its turn.
    GreedyTooExpensive {
        position: usize,
        score: i64,
        cost: i64,
        left: i64,
    },
    /// Its score is below the threshold greedy-threshold applies.
    BelowScoreThreshold { score: i64, threshold: i64 },
    /// Greedy without skipping stopped at an earlier project that did not fit.
    AfterGreedyStopped { position: usize },
    /// Costs nothing: funded before any money was spent.
    Free,
    /// Equal Shares bought it in `round` (1 = first): every supporter paid ρ per unit of
    /// utility, or all they had left; `most_paid` is the largest single share.
    EqualSharesBought {
        round: usize,
        rho: f64,
        supporters: u64,
        paid_all_they_had: u64,
        most_paid: f64,
        cost: i64,
    },
    /// From `round` on (1 = before the first purchase) its supporters together had only
    /// `left` of its `cost`.
    EqualSharesUnaffordable {
        round: usize,
        supporters: u64,
        left: f64,
        cost: i64,
    },
    /// Funded after Equal Shares from the money left, by votes, with `left` still available.
    FilledByVotes { cost: i64, left: i64 },
    /// Phragmén took it in `round`: its supporters' load rose to `load`.
    PhragmenTaken { round: usize, load: f64 },
    /// Phragmén stopped in `round`, when the project with the lowest load no longer fit.
    PhragmenStopped { round: usize },
    /// It costs more than the whole budget.
    OverBudget { cost: i64, budget: i64 },
}

impl Why {
    pub fn funded(&self) -> bool {
        matches!(
            self,
            Why::GreedyTaken { .. }
                | Why::Free
                | Why::EqualSharesBought { .. }
                | Why::FilledByVotes { .. }
                | Why::PhragmenTaken { .. }
        )
    }
}

/// How a whole run ended, where the rule has more to say than its projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ending {
    /// Greedy, Phragmén and plain Equal Shares: the projects say it all.
    Plain,
    /// Add1 settled on `per_voter` (in currency units, two decimals) after `runs` runs;
    /// `next_overspends`: one unit more would have funded more than the budget (otherwise it
    /// stopped because the outcome was exhaustive or funded every project).
    Add1 {
        per_voter: String,
        runs: usize,
        next_overspends: bool,
    },
    /// The comparison step chose the greedy outcome, which more voters preferred.
    ComparisonChoseGreedy { per_voter: String },
}

/// An outcome with the reason for every project, in the election's project order.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    pub outcome: Outcome,
    pub reasons: Vec<Why>,
    pub ending: Ending,
}

pub type ExplainResult = Result<Explained, TallyError>;

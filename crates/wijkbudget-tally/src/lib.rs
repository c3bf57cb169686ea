//! The outcome engine of wijkbudget: turns ballots into winners by a published rule, exactly and
//! fast, says why each project was or was not funded ([`explain`]), and reads and writes pabulib
//! `.pb` files. Pure: no I/O beyond reading a file, no database, no web.
//!
//! Rules carry pabulib's labels (`greedy`, `greedy-threshold`, `greedy-no-skip`,
//! `equalshares`, `equalshares/add1`, `equalshares/add1-comparison`, `phragmen`).
//!
//! **Ties.** Every rule is deterministic. Where two projects tie in exact arithmetic, the
//! default order prefers the lower cost, then more votes, then the smaller project id
//! (numerically when both ids are numbers). `TieBreak::Pabutools` instead prefers the smallest
//! id compared as text, as pabutools does.
//!
//! **Exactness.** Greedy and Phragmén work in integers and exact rationals. The Method of Equal
//! Shares screens candidates in floating point and settles every comparison that is closer than
//! one part in 10^9 in exact rational arithmetic, so two projects that tie exactly always tie.

pub mod csv;
pub mod election;
pub mod exact_equal_shares;
pub mod explain;
mod fast_hash;
pub mod files;
pub mod greedy;
pub mod mes;
pub mod pabulib;
pub mod phragmen;
pub mod table;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use election::Election;
use explain::{Ending, ExplainResult, Explained, Why};

/// An outcome rule, by its pabulib label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Greedy,
    GreedyThreshold,
    GreedyNoSkip,
    /// Method of Equal Shares with a fixed budget (per-voter budget = budget / voters).
    EqualShares,
    /// Method of Equal Shares with the Add1 completion.
    EqualSharesAdd1,
    /// Add1, then the comparison with greedy that pabulib documents.
    EqualSharesAdd1Comparison,
    /// Sequential Phragmén (approval ballots).
    Phragmen,
    /// Our extension: Exact Equal Shares completed by add-opt (Kraiczy, Robinson and Elkind,
    /// "Streamlining Equal Shares", 2025), for approval ballots.
    ExactEqualSharesAddOpt,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Greedy,
        Rule::GreedyThreshold,
        Rule::GreedyNoSkip,
        Rule::EqualShares,
        Rule::EqualSharesAdd1,
        Rule::EqualSharesAdd1Comparison,
        Rule::Phragmen,
        Rule::ExactEqualSharesAddOpt,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyThreshold => "greedy-threshold",
            Rule::GreedyNoSkip => "greedy-no-skip",
            Rule::EqualShares => "equalshares",
            Rule::EqualSharesAdd1 => "equalshares/add1",
            Rule::EqualSharesAdd1Comparison => "equalshares/add1-comparison",
            Rule::Phragmen => "phragmen",
            Rule::ExactEqualSharesAddOpt => "wijkbudget:exact-equal-shares/add-opt",
        }
    }

    pub fn parse(label: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.label() == label)
    }

    /// Whether the rule can count ballots of this kind (Phragmén and Exact Equal Shares need
    /// approvals).
    pub fn counts(self, vote_type: election::VoteType) -> bool {
        use election::VoteType::{Approval, ChooseOne};
        let approvals_only = matches!(self, Rule::Phragmen | Rule::ExactEqualSharesAddOpt);
        !approvals_only || matches!(vote_type, Approval | ChooseOne)
    }
}

/// The version of the engine, stored with every computed outcome.
pub const ENGINE_VERSION: &str = concat!("wijkbudget-tally ", env!("CARGO_PKG_VERSION"));

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TieBreak {
    /// Lower cost, then more votes, then the smaller project id.
    #[default]
    CostThenVotes,
    /// The smallest project id as text (pabutools).
    Pabutools,
}

/// When the Add1 completion stops raising the per-voter budget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Add1Stop {
    /// Keep raising while the outcome still fits the budget; take the last that fits (what
    /// cities ran; reproduces the official Assen, Świecie and Wieliczka outcomes).
    #[default]
    WhileFits,
    /// Stop at the first exhaustive outcome (pabutools and the Equal Shares web tool).
    FirstExhaustive,
}

/// What a funded project is worth to a supporter, for the Method of Equal Shares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MesUtility {
    /// Cost utilities for approval ballots; the points (or rank scores) for every other ballot.
    #[default]
    Natural,
    /// Its cost, whatever the ballot says about it (pabutools' `Cost_Sat`).
    Cost,
    /// The points or rank score the voter gave it (1 for an approval).
    Points,
    /// 1 for every supported project.
    Cardinality,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub tie_break: TieBreak,
    pub add1_stop: Add1Stop,
    pub utility: MesUtility,
    /// After an Equal Shares rule, fund what still fits by votes (not part of any label).
    pub fill_greedily: bool,
}

/// The winners, in the order the rule chose them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub selected: Vec<usize>,
    pub total_cost: i64,
    /// Add1: the final per-voter budget, in hundredths; the number of Equal Shares runs.
    pub per_voter_budget: Option<String>,
    pub runs: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TallyError {
    /// The rule cannot be applied to these ballots (e.g. Phragmén on points).
    Unsupported(String),
}

impl std::fmt::Display for TallyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TallyError::Unsupported(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TallyError {}

/// Orders projects for tie-breaking: `Less` means `a` goes first.
pub struct TieBreaker {
    mode: TieBreak,
    costs: Vec<i64>,
    votes: Vec<i64>,
    ids: Vec<String>,
}

impl TieBreaker {
    pub fn new(election: &Election, mode: TieBreak) -> Self {
        Self {
            mode,
            costs: election.projects.iter().map(|p| p.cost).collect(),
            votes: election.vote_counts(),
            ids: election.projects.iter().map(|p| p.id.clone()).collect(),
        }
    }

    pub fn compare(&self, a: usize, b: usize) -> Ordering {
        match self.mode {
            TieBreak::Pabutools => self.ids[a].cmp(&self.ids[b]),
            TieBreak::CostThenVotes => self.costs[a]
                .cmp(&self.costs[b])
                .then_with(|| self.votes[b].cmp(&self.votes[a]))
                .then_with(|| natural_order(&self.ids[a], &self.ids[b])),
        }
    }

    /// The first of the tied projects.
    pub fn first(&self, tied: &[usize]) -> Option<usize> {
        tied.iter().copied().min_by(|&a, &b| self.compare(a, b))
    }
}

/// Numbers as numbers, everything else as text.
fn natural_order(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// Another rule's outcome on the same ballots.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub rule: Rule,
    pub outcome: Outcome,
    /// Ballots naming at least one funded project.
    pub voters_reached: usize,
}

/// `own` first, then every other rule that can count these ballots, on the same ballots.
pub fn compare_rules(
    election: &Election,
    own: Rule,
    options: &Options,
) -> Result<Vec<Comparison>, TallyError> {
    let mut rules: Vec<Rule> = Rule::ALL
        .into_iter()
        .filter(|rule| rule.counts(election.vote_type))
        .collect();
    rules.sort_by_key(|rule| *rule != own);
    rules
        .into_iter()
        .map(|rule| {
            let outcome = compute(election, rule, options)?;
            let voters_reached = election.voters_reached(&outcome.selected);
            Ok(Comparison {
                rule,
                outcome,
                voters_reached,
            })
        })
        .collect()
}

/// Computes the outcome of `rule`.
pub fn compute(election: &Election, rule: Rule, options: &Options) -> Result<Outcome, TallyError> {
    explain(election, rule, options).map(|explained| explained.outcome)
}

/// Computes the outcome of `rule` with the reason for every project, from the same run.
pub fn explain(election: &Election, rule: Rule, options: &Options) -> ExplainResult {
    if let Some(min) = election.min_votes {
        let votes = election.vote_counts();
        let selectable: Vec<usize> = (0..election.projects.len())
            .filter(|&p| votes[p] >= min)
            .collect();
        if selectable.len() < election.projects.len() {
            let inner = explain(&election.restricted_to(&selectable), rule, options)?;
            let mut reasons: Vec<Why> = votes
                .iter()
                .map(|&votes| Why::BelowMinVotes { votes, min })
                .collect();
            for (inner_index, reason) in inner.reasons.into_iter().enumerate() {
                reasons[selectable[inner_index]] = reason;
            }
            let mut outcome = inner.outcome;
            for p in &mut outcome.selected {
                *p = selectable[*p];
            }
            return Ok(Explained {
                outcome,
                reasons,
                ending: inner.ending,
            });
        }
    }
    explain_over_every_project(election, rule, options)
}

fn explain_over_every_project(election: &Election, rule: Rule, options: &Options) -> ExplainResult {
    let tie = TieBreaker::new(election, options.tie_break);
    let plain = |(selected, reasons): (Vec<usize>, Vec<Why>)| Explained {
        outcome: Outcome {
            total_cost: election.total_cost(&selected),
            selected,
            per_voter_budget: None,
            runs: 1,
        },
        reasons,
        ending: Ending::Plain,
    };
    let greedy = |variant| plain(greedy::greedy_explained(election, &tie, variant));
    let add1 = || {
        let (outcome, reasons, ending) = mes::add1_explained(election, &tie, options);
        Explained {
            outcome,
            reasons,
            ending,
        }
    };
    let explained = match rule {
        Rule::Greedy => greedy(greedy::Variant::Skip),
        Rule::GreedyThreshold => greedy(greedy::Variant::Threshold),
        Rule::GreedyNoSkip => greedy(greedy::Variant::NoSkip),
        Rule::Phragmen => plain(phragmen::sequential_phragmen_explained(election, &tie)?),
        Rule::EqualShares => plain(mes::equal_shares_explained(election, &tie, options.utility)),
        Rule::EqualSharesAdd1 => add1(),
        Rule::ExactEqualSharesAddOpt => {
            if !Rule::ExactEqualSharesAddOpt.counts(election.vote_type) {
                return Err(TallyError::Unsupported(format!(
                    "Exact Equal Shares counts approval ballots, not {}",
                    election.vote_type.as_str()
                )));
            }
            let (outcome, reasons, ending) =
                exact_equal_shares::add_opt_explained(election, &tie, options);
            Explained {
                outcome,
                reasons,
                ending,
            }
        }
        Rule::EqualSharesAdd1Comparison => {
            let equal_shares = add1();
            let (by_votes, considered) = greedy::fill_by_votes(election, &tie, &[]);
            if greedy::more_voters_prefer(election, &by_votes, &equal_shares.outcome.selected) {
                let mut reasons = vec![Why::NoSupport; election.projects.len()];
                for (project, why) in considered {
                    reasons[project] = why;
                }
                let per_voter = equal_shares.outcome.per_voter_budget.clone();
                Explained {
                    outcome: Outcome {
                        total_cost: election.total_cost(&by_votes),
                        selected: by_votes,
                        ..equal_shares.outcome
                    },
                    reasons,
                    ending: Ending::ComparisonChoseGreedy {
                        per_voter: per_voter.unwrap_or_default(),
                    },
                }
            } else {
                equal_shares
            }
        }
    };
    let equal_shares_rule = matches!(
        rule,
        Rule::EqualShares
            | Rule::EqualSharesAdd1
            | Rule::EqualSharesAdd1Comparison
            | Rule::ExactEqualSharesAddOpt
    );
    if options.fill_greedily && equal_shares_rule {
        let (selected, considered) =
            greedy::fill_by_votes(election, &tie, &explained.outcome.selected);
        let mut reasons = explained.reasons;
        for (project, why) in considered {
            if let Why::GreedyTaken { cost, left, .. } = why {
                reasons[project] = Why::FilledByVotes { cost, left };
            }
        }
        return Ok(Explained {
            outcome: Outcome {
                total_cost: election.total_cost(&selected),
                selected,
                ..explained.outcome
            },
            reasons,
            ending: explained.ending,
        });
    }
    Ok(explained)
}

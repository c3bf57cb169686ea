//! Why each project was or was not funded, as the run that decided it saw it: the numbers are
//! taken from the run itself (the order greedy went in, the round Equal Shares bought a project
//! in and the price its supporters paid, the load Phragmén reached), never recomputed beside it.
//!
//! Amounts are in cents; a front end words them (`service::rounds::explanation` in three
//! languages, `wijkbudget tally --explain` in English and JSON).

use serde::{Deserialize, Serialize};

use crate::{Outcome, TallyError};

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
    /// Exact Equal Shares: from `round` on, its supporters had `left` together, enough for its
    /// `cost`, but no group of them could each pay the same price.
    NoEqualSplit {
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
    /// Add-opt settled on `per_voter` after `runs` runs, each at a budget where the outcome of
    /// Exact Equal Shares changes; `next_overspends` as for Add1.
    AddOpt {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::election::{Ballot, Election, Project, VoteType};
    use crate::{Options, Rule, explain};

    /// €100 for three projects, four voters with €25 each under Equal Shares:
    /// A €60 (voters 1, 2), B €40 (voters 1, 3), C €50 (voters 3, 4).
    fn small_city() -> Election {
        let project = |id: &str, cost| Project {
            id: id.into(),
            cost,
        };
        let ballot = |projects: &[u32]| Ballot {
            projects: projects.to_vec(),
            points: vec![],
        };
        Election {
            vote_type: VoteType::Approval,
            budget: 10_000,
            projects: vec![
                project("A", 6_000),
                project("B", 4_000),
                project("C", 5_000),
            ],
            ballots: vec![ballot(&[0, 1]), ballot(&[0]), ballot(&[1, 2]), ballot(&[2])],
            max_length: None,
            score_threshold: None,
            min_votes: None,
        }
    }

    fn reasons(rule: Rule) -> Vec<Why> {
        explain(&small_city(), rule, &Options::default())
            .unwrap()
            .reasons
    }

    #[test]
    fn equal_shares_says_the_round_the_price_and_what_supporters_had_left() {
        let [a, b, c] = <[Why; 3]>::try_from(reasons(Rule::EqualShares)).unwrap();
        // A needs €60 from two supporters with €25 each: short from the start, with €50.
        assert_eq!(
            a,
            Why::EqualSharesUnaffordable {
                round: 1,
                supporters: 2,
                left: 5_000.0,
                cost: 6_000
            }
        );
        // B and C both cost each supporter half a unit per unit of utility; B is cheaper, so
        // first: voters 1 and 3 pay €20 each.
        assert_eq!(
            b,
            Why::EqualSharesBought {
                round: 1,
                rho: 0.5,
                supporters: 2,
                paid_all_they_had: 0,
                most_paid: 2_000.0,
                cost: 4_000
            }
        );
        // Then C's supporters have €5 + €25 = €30 of its €50.
        assert_eq!(
            c,
            Why::EqualSharesUnaffordable {
                round: 2,
                supporters: 2,
                left: 3_000.0,
                cost: 5_000
            }
        );
    }

    #[test]
    fn greedy_says_the_order_and_the_money_left_at_each_turn() {
        // Two votes each; the cheaper goes first.
        assert_eq!(
            reasons(Rule::Greedy),
            vec![
                Why::GreedyTooExpensive {
                    position: 3,
                    score: 2,
                    cost: 6_000,
                    left: 1_000
                },
                Why::GreedyTaken {
                    position: 1,
                    score: 2,
                    cost: 4_000,
                    left: 10_000
                },
                Why::GreedyTaken {
                    position: 2,
                    score: 2,
                    cost: 5_000,
                    left: 6_000
                },
            ]
        );
    }

    #[test]
    fn phragmen_says_the_load_when_each_project_was_taken() {
        // B: 4000 / 2 voters; then C: (5000 + voter 3's 2000) / 2; then A would need
        // (6000 + 2000) / 2 but no longer fits the €10 left.
        assert_eq!(
            reasons(Rule::Phragmen),
            vec![
                Why::PhragmenStopped { round: 3 },
                Why::PhragmenTaken {
                    round: 1,
                    load: 2_000.0
                },
                Why::PhragmenTaken {
                    round: 2,
                    load: 3_500.0
                },
            ]
        );
    }

    #[test]
    fn every_rule_explains_exactly_the_projects_it_funds() {
        let election = small_city();
        for rule in Rule::ALL {
            let explained = explain(&election, rule, &Options::default()).unwrap();
            for (project, why) in explained.reasons.iter().enumerate() {
                assert_eq!(
                    why.funded(),
                    explained.outcome.selected.contains(&project),
                    "{rule:?}: {why:?}"
                );
            }
        }
    }

    #[test]
    fn add1_says_the_per_voter_budget_it_settled_on() {
        let explained = explain(&small_city(), Rule::EqualSharesAdd1, &Options::default()).unwrap();
        let Ending::Add1 {
            per_voter, runs, ..
        } = &explained.ending
        else {
            panic!("{:?}", explained.ending);
        };
        assert_eq!(Some(per_voter.clone()), explained.outcome.per_voter_budget);
        assert_eq!(*runs, explained.outcome.runs);
    }

    #[test]
    fn exact_equal_shares_says_the_price_and_why_no_equal_split_was_possible() {
        let explained = explain(
            &small_city(),
            Rule::ExactEqualSharesAddOpt,
            &Options::default(),
        )
        .unwrap();
        // At €25 each only B is bought (voters 1 and 3 pay €20 each); after it nobody can pay
        // A or C in equal shares. Add-opt raises every voter by €20 (where voters 3 and 4 can
        // pay €25 each for C), then by €5 (where voters 1 and 2 can pay €30 each for A), which
        // funds A too: €150, over the budget, so it settles on €45 with B and C.
        assert_eq!(explained.outcome.selected, vec![1, 2]);
        assert_eq!(
            explained.ending,
            Ending::AddOpt {
                per_voter: "45.00".into(),
                runs: 3,
                next_overspends: true
            }
        );
        let [a, b, c] = <[Why; 3]>::try_from(explained.reasons).unwrap();
        assert_eq!(
            b,
            Why::EqualSharesBought {
                round: 1,
                rho: 0.5,
                supporters: 2,
                paid_all_they_had: 0,
                most_paid: 2_000.0,
                cost: 4_000
            }
        );
        assert_eq!(
            c,
            Why::EqualSharesBought {
                round: 2,
                rho: 0.5,
                supporters: 2,
                paid_all_they_had: 0,
                most_paid: 2_500.0,
                cost: 5_000
            }
        );
        // Voters 1 and 2 have €25 and €45: €70 together, but not €30 each.
        assert_eq!(
            a,
            Why::NoEqualSplit {
                round: 2,
                supporters: 2,
                left: 7_000.0,
                cost: 6_000
            }
        );
    }

    #[test]
    fn a_project_below_the_minimum_of_votes_says_so() {
        let mut election = small_city();
        election.min_votes = Some(3);
        let explained = explain(&election, Rule::Greedy, &Options::default()).unwrap();
        assert!(
            explained
                .reasons
                .iter()
                .all(|why| *why == Why::BelowMinVotes { votes: 2, min: 3 })
        );
    }
}

//! One sentence per project saying why it was or was not funded, and one for how the count
//! ended, from the reasons the outcome engine recorded in the run (`tally::explain`). They are
//! messages, so each reader gets them in their own language.

use crate::domain::ballot::BallotType;
use crate::i18n::{Decimal, Money, Text};
use crate::tally::election::VoteType;
use crate::tally::explain::{Ending, Why};

/// What a ballot counts in: votes, or points (cumulative points and rank scores).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Votes,
    Points,
}

impl Measure {
    pub fn of_ballot(ballot_type: BallotType) -> Self {
        match ballot_type {
            BallotType::Approval | BallotType::Knapsack => Measure::Votes,
            BallotType::Cumulative | BallotType::Ranked => Measure::Points,
        }
    }

    pub fn of_vote_type(vote_type: VoteType) -> Self {
        match vote_type {
            VoteType::Approval | VoteType::ChooseOne => Measure::Votes,
            _ => Measure::Points,
        }
    }

    fn selector(self) -> &'static str {
        match self {
            Measure::Votes => "votes",
            Measure::Points => "points",
        }
    }
}

/// Money the engine kept as a fraction of a cent, rounded to the cent.
fn cents(amount: f64) -> Money {
    Money(amount.round() as i64)
}

pub fn sentence(why: &Why, measure: Measure) -> Text {
    let measure = measure.selector();
    match *why {
        Why::BelowMinVotes { votes, min } => {
            t!("explain-below-min-votes", votes = votes, min = min)
        }
        Why::NoSupport => t!("explain-no-support"),
        Why::GreedyTaken {
            position,
            score,
            cost,
            left,
        } => t!(
            "explain-greedy-taken",
            position = position,
            score = score,
            measure = measure,
            cost = Money(cost),
            left = Money(left)
        ),
        Why::GreedyTooExpensive {
            position,
            score,
            cost,
            left,
        } => t!(
            "explain-greedy-too-expensive",
            position = position,
            score = score,
            measure = measure,
            cost = Money(cost),
            left = Money(left)
        ),
        Why::BelowScoreThreshold { score, threshold } => t!(
            "explain-below-threshold",
            score = score,
            threshold = threshold,
            measure = measure
        ),
        Why::AfterGreedyStopped { position } => {
            t!("explain-after-greedy-stopped", position = position)
        }
        Why::Free => t!("explain-free"),
        Why::EqualSharesBought {
            round,
            rho,
            supporters,
            paid_all_they_had,
            most_paid,
            cost,
        } => t!(
            "explain-equal-shares-bought",
            round = round,
            measure = measure,
            rho = Decimal(rho),
            supporters = supporters,
            paid_all = paid_all_they_had,
            most_paid = cents(most_paid),
            cost = Money(cost)
        ),
        Why::EqualSharesUnaffordable {
            round,
            supporters,
            left,
            cost,
        } => t!(
            "explain-equal-shares-unaffordable",
            round = round,
            supporters = supporters,
            left = cents(left),
            cost = Money(cost)
        ),
        Why::NoEqualSplit {
            round,
            supporters,
            left,
            cost,
        } => t!(
            "explain-no-equal-split",
            round = round,
            supporters = supporters,
            left = cents(left),
            cost = Money(cost)
        ),
        Why::FilledByVotes { cost, left } => {
            t!(
                "explain-filled-by-votes",
                cost = Money(cost),
                left = Money(left)
            )
        }
        Why::PhragmenTaken { round, load } => {
            t!("explain-phragmen-taken", round = round, load = cents(load))
        }
        Why::PhragmenStopped { round } => t!("explain-phragmen-stopped", round = round),
        Why::OverBudget { cost, budget } => {
            t!(
                "explain-over-budget",
                cost = Money(cost),
                budget = Money(budget)
            )
        }
    }
}

/// How the count ended, when the rule has more to say than its projects.
pub fn ending(ending: &Ending) -> Option<Text> {
    let per_voter_cents =
        |units: &str| Money((units.parse::<f64>().unwrap_or(0.0) * 100.0).round() as i64);
    match ending {
        Ending::Plain => None,
        Ending::Add1 {
            per_voter,
            runs,
            next_overspends,
        } => Some(t!(
            "explain-add1",
            per_voter = per_voter_cents(per_voter),
            runs = *runs,
            next = if *next_overspends {
                "overspends"
            } else {
                "complete"
            }
        )),
        Ending::AddOpt {
            per_voter,
            runs,
            next_overspends,
        } => Some(t!(
            "explain-add-opt",
            per_voter = per_voter_cents(per_voter),
            runs = *runs,
            next = if *next_overspends {
                "overspends"
            } else {
                "complete"
            }
        )),
        Ending::ComparisonChoseGreedy { per_voter } => Some(t!(
            "explain-comparison-chose-greedy",
            per_voter = per_voter_cents(per_voter)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::Locale;

    #[test]
    fn an_equal_shares_purchase_is_told_with_its_numbers_in_each_language() {
        let why = Why::EqualSharesBought {
            round: 1,
            rho: 0.5,
            supporters: 2,
            paid_all_they_had: 0,
            most_paid: 2_000.0,
            cost: 4_000,
        };
        let text = sentence(&why, Measure::Votes);
        assert_eq!(
            text.render(Locale::Nl),
            "Gefinancierd in ronde 1 van Equal Shares: de 2 voorstanders betaalden elk \
             hoogstens €\u{a0}20,00, samen €\u{a0}40,00."
        );
        assert_eq!(
            text.render(Locale::En),
            "Funded in round 1 of Equal Shares: its 2 supporters paid at most €20.00 each, \
             €40.00 together."
        );
        let capped = Why::EqualSharesBought {
            round: 1,
            rho: 0.5,
            supporters: 2,
            paid_all_they_had: 1,
            most_paid: 2_000.0,
            cost: 4_000,
        };
        assert!(
            sentence(&capped, Measure::Votes)
                .render(Locale::Fr)
                .ends_with("; 1 d'entre eux ont payé tout ce qui leur restait.")
        );
    }

    #[test]
    fn money_left_and_points_are_told_as_the_ballot_counts() {
        let unaffordable = Why::EqualSharesUnaffordable {
            round: 2,
            supporters: 2,
            left: 3_000.4,
            cost: 5_000,
        };
        assert_eq!(
            sentence(&unaffordable, Measure::Votes).render(Locale::En),
            "Not funded: from round 2 of Equal Shares on, its 2 supporters had €30.00 left \
             together, less than its cost of €50.00."
        );
        let passed = Why::GreedyTooExpensive {
            position: 3,
            score: 12,
            cost: 6_000,
            left: 1_000,
        };
        assert_eq!(
            sentence(&passed, Measure::of_ballot(BallotType::Cumulative)).render(Locale::Nl),
            "Niet gefinancierd: nummer 3 in de telling met 12 punten; het kost €\u{a0}60,00 maar er \
             was nog maar €\u{a0}10,00 over."
        );
    }

    #[test]
    fn add1_tells_where_it_stopped_raising_the_budget() {
        let ending = Ending::Add1 {
            per_voter: "12.34".into(),
            runs: 7,
            next_overspends: true,
        };
        assert_eq!(
            super::ending(&ending).map(|t| t.render(Locale::En)),
            Some(
                "Equal Shares raised the budget per voter step by step to €12.34 (7 counts); \
                 one step more would have funded more than the budget."
                    .to_string()
            )
        );
        assert_eq!(super::ending(&Ending::Plain), None);
    }
}

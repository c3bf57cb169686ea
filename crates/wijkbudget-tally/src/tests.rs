//! Property tests of the outcome rules on random small elections, and slow, obviously exact
//! implementations of Equal Shares and Phragmén that the fast ones must agree with.
// The reference implementations index voters the plain way on purpose.
#![allow(clippy::needless_range_loop)]

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;

use crate::election::{Ballot, Election, Project, VoteType};
use crate::{
    self as tally, Add1Stop, MesUtility, Options, Rule, TieBreak, TieBreaker, exact_equal_shares,
    mes,
};

fn arb_election() -> impl Strategy<Value = Election> {
    (
        1usize..7,
        1usize..25,
        prop_oneof![
            Just(VoteType::Approval),
            Just(VoteType::Cumulative),
            Just(VoteType::Ordinal)
        ],
    )
        .prop_flat_map(|(projects, voters, vote_type)| {
            (
                // Small costs and budgets make exact ties common.
                prop::collection::vec(1i64..8, projects),
                2i64..20,
                prop::collection::vec(
                    prop::collection::vec((0..projects as u32, 0i64..4), 0..4),
                    voters,
                ),
                Just(vote_type),
            )
        })
        .prop_map(|(costs, budget, raw_ballots, vote_type)| {
            let ballots = raw_ballots
                .into_iter()
                .map(|entries| {
                    let mut ballot = Ballot::default();
                    for (project, points) in entries {
                        if !ballot.projects.contains(&project) {
                            ballot.projects.push(project);
                            ballot.points.push(points);
                        }
                    }
                    if vote_type != VoteType::Cumulative {
                        ballot.points.clear();
                    }
                    ballot
                })
                .collect();
            Election {
                vote_type,
                budget: budget * 100,
                projects: costs
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| Project {
                        id: format!("{}", i + 1),
                        cost: c * 100,
                    })
                    .collect(),
                ballots,
                max_length: None,
                score_threshold: Some(2),
                min_votes: None,
            }
        })
}

/// Equal Shares written as plainly as possible: exact budgets per voter, every project's ρ
/// recomputed every round. Deliberately one function: as the reference the fast engine is
/// compared with, it should read like the definition.
fn naive_equal_shares(election: &Election, tie: &TieBreaker, utility: MesUtility) -> Vec<usize> {
    let voters = election.ballots.len().max(1) as i64;
    let share = BigRational::new(BigInt::from(election.budget), BigInt::from(voters));
    let mut budgets = vec![share; election.ballots.len()];
    let approval = election.vote_type == VoteType::Approval;
    let utilities: Vec<Vec<(usize, i64)>> = election
        .ballots
        .iter()
        .map(|b| {
            election
                .ballot_scores(b)
                .map(|(p, s)| {
                    let cost = election.projects[p as usize].cost;
                    let u = match utility {
                        MesUtility::Natural if approval => cost,
                        MesUtility::Natural | MesUtility::Points => s,
                        MesUtility::Cost => cost,
                        MesUtility::Cardinality => 1,
                    };
                    (p as usize, u)
                })
                .filter(|(_, u)| *u > 0)
                .collect()
        })
        .collect();
    let utility_of = |voter: usize, project: usize| {
        utilities[voter]
            .iter()
            .find(|(p, _)| *p == project)
            .map(|(_, u)| *u)
    };
    let mut selected: Vec<usize> = (0..election.projects.len())
        .filter(|&p| {
            election.projects[p].cost == 0
                && (0..election.ballots.len()).any(|v| utility_of(v, p).is_some())
        })
        .collect();
    let mut remaining: Vec<usize> = (0..election.projects.len())
        .filter(|&p| {
            election.projects[p].cost > 0
                && (0..election.ballots.len()).any(|v| utility_of(v, p).is_some())
        })
        .collect();
    loop {
        let mut best: Option<BigRational> = None;
        let mut tied = Vec::new();
        for &project in &remaining {
            let mut supporters: Vec<(BigRational, BigRational, i64)> = (0..election.ballots.len())
                .filter_map(|v| {
                    utility_of(v, project)
                        .map(|u| (budgets[v].clone() / BigInt::from(u), budgets[v].clone(), u))
                })
                .collect();
            let total: BigRational = supporters.iter().fold(BigRational::zero(), |s, x| s + &x.1);
            let cost = BigRational::from_integer(BigInt::from(election.projects[project].cost));
            if total < cost {
                continue;
            }
            supporters.sort_by(|a, b| a.0.cmp(&b.0));
            let mut rest = cost;
            let mut utility_left: i64 = supporters.iter().map(|s| s.2).sum();
            let mut rho = None;
            for (ratio, budget, u) in &supporters {
                let candidate = rest.clone() / BigInt::from(utility_left);
                if *ratio >= candidate {
                    rho = Some(candidate);
                    break;
                }
                rest -= budget;
                utility_left -= u;
            }
            let Some(rho) = rho else { continue };
            match &best {
                Some(b) if rho > *b => {}
                Some(b) if rho == *b => tied.push(project),
                _ => {
                    best = Some(rho);
                    tied = vec![project];
                }
            }
        }
        let (Some(rho), Some(chosen)) = (best, tie.first(&tied)) else {
            break;
        };
        for v in 0..election.ballots.len() {
            if let Some(u) = utility_of(v, chosen) {
                let pay = (rho.clone() * BigInt::from(u)).min(budgets[v].clone());
                budgets[v] -= pay;
            }
        }
        selected.push(chosen);
        remaining.retain(|&p| p != chosen);
    }
    selected
}

/// Exact Equal Shares on approval ballots written plainly: exact budgets per voter; each
/// project's price is that of the largest group of its richest supporters who can all pay it.
/// The projects bought, in order, with their price per unit of utility.
fn naive_exact_equal_shares(
    election: &Election,
    tie: &TieBreaker,
    utility: MesUtility,
    per_voter: &BigRational,
) -> Vec<(usize, BigRational)> {
    let mut budgets = vec![per_voter.clone(); election.ballots.len()];
    let utility_of = |p: usize| match utility {
        MesUtility::Natural | MesUtility::Cost => election.projects[p].cost,
        MesUtility::Points | MesUtility::Cardinality => 1,
    };
    let mut remaining: Vec<usize> = (0..election.projects.len())
        .filter(|&p| election.projects[p].cost > 0)
        .collect();
    let mut bought = Vec::new();
    loop {
        let mut best: Option<(BigRational, Vec<usize>)> = None;
        let mut tied = Vec::new();
        for &project in &remaining {
            let u = BigRational::from_integer(BigInt::from(utility_of(project)));
            let mut supporters: Vec<usize> = (0..election.ballots.len())
                .filter(|&v| election.ballots[v].projects.contains(&(project as u32)))
                .collect();
            supporters.sort_by(|&a, &b| budgets[b].cmp(&budgets[a]));
            let cost = BigRational::from_integer(BigInt::from(election.projects[project].cost));
            let price = (1..=supporters.len()).rev().find_map(|k| {
                let rho = &cost / (&u * BigInt::from(k));
                (&rho * &u <= budgets[supporters[k - 1]]).then(|| (rho, supporters[..k].to_vec()))
            });
            let Some((rho, payers)) = price else { continue };
            match &best {
                Some((b, _)) if rho > *b => {}
                Some((b, _)) if rho == *b => tied.push((project, payers)),
                _ => {
                    best = Some((rho, Vec::new()));
                    tied = vec![(project, payers)];
                }
            }
        }
        let Some((rho, _)) = best else { break };
        let projects: Vec<usize> = tied.iter().map(|(p, _)| *p).collect();
        let chosen = tie.first(&projects).unwrap();
        let payers = &tied.iter().find(|(p, _)| *p == chosen).unwrap().1;
        let u = BigRational::from_integer(BigInt::from(utility_of(chosen)));
        for &v in payers {
            budgets[v] -= &rho * &u;
        }
        bought.push((chosen, rho));
        remaining.retain(|&p| p != chosen);
    }
    bought
}

fn approval_only(mut election: Election) -> Election {
    election.vote_type = VoteType::Approval;
    for ballot in &mut election.ballots {
        ballot.points.clear();
    }
    election
}

/// Phragmén written plainly: exact loads per voter.
fn naive_phragmen(election: &Election, tie: &TieBreaker) -> Vec<usize> {
    let mut loads = vec![BigRational::zero(); election.ballots.len()];
    let mut remaining: Vec<usize> = (0..election.projects.len())
        .filter(|&p| election.projects[p].cost <= election.budget)
        .collect();
    let mut spent = 0;
    let mut selected = Vec::new();
    loop {
        let mut best: Option<BigRational> = None;
        let mut tied = Vec::new();
        let mut unsupported = Vec::new();
        for &p in &remaining {
            let supporters: Vec<usize> = (0..election.ballots.len())
                .filter(|&v| election.ballots[v].projects.contains(&(p as u32)))
                .collect();
            if supporters.is_empty() {
                unsupported.push(p);
                continue;
            }
            let total = supporters.iter().fold(
                BigRational::from_integer(BigInt::from(election.projects[p].cost)),
                |s, &v| s + &loads[v],
            );
            let load = total / BigInt::from(supporters.len());
            match &best {
                Some(b) if load > *b => {}
                Some(b) if load == *b => tied.push(p),
                _ => {
                    best = Some(load);
                    tied = vec![p];
                }
            }
        }
        let tied = if best.is_some() { tied } else { unsupported };
        if tied.is_empty()
            || tied
                .iter()
                .any(|&p| spent + election.projects[p].cost > election.budget)
        {
            break;
        }
        let chosen = tie.first(&tied).unwrap();
        if let Some(load) = best {
            for v in 0..election.ballots.len() {
                if election.ballots[v].projects.contains(&(chosen as u32)) {
                    loads[v] = load.clone();
                }
            }
        }
        spent += election.projects[chosen].cost;
        selected.push(chosen);
        remaining.retain(|&p| p != chosen);
    }
    selected
}

const RULES: [Rule; Rule::ALL.len()] = Rule::ALL;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_outcome_fits_the_budget(election in arb_election(), pabutools in any::<bool>(), first_exhaustive in any::<bool>()) {
        let options = Options {
            tie_break: if pabutools { TieBreak::Pabutools } else { TieBreak::CostThenVotes },
            add1_stop: if first_exhaustive { Add1Stop::FirstExhaustive } else { Add1Stop::WhileFits },
            ..Options::default()
        };
        for rule in RULES {
            if let Ok(outcome) = tally::compute(&election, rule, &options) {
                prop_assert!(outcome.total_cost <= election.budget, "{} over budget", rule.label());
                let mut unique = outcome.selected.clone();
                unique.sort();
                unique.dedup();
                prop_assert_eq!(unique.len(), outcome.selected.len());
            }
        }
    }

    #[test]
    fn a_project_below_min_votes_is_never_selected(election in arb_election(), min in 0i64..4) {
        let votes = election.vote_counts();
        let mut required = election.clone();
        required.min_votes = Some(min);
        let everyone_reaches = votes.iter().all(|&v| v >= min);
        for rule in RULES {
            let plain = tally::compute(&election, rule, &Options::default());
            if let Ok(outcome) = tally::compute(&required, rule, &Options::default()) {
                for &p in &outcome.selected {
                    prop_assert!(votes[p] >= min, "{}: project {p} has {} votes", rule.label(), votes[p]);
                }
                prop_assert!(outcome.total_cost <= election.budget);
                if everyone_reaches {
                    prop_assert_eq!(Ok(outcome.selected), plain.map(|o| o.selected), "{}", rule.label());
                }
            }
        }
    }

    #[test]
    fn greedy_is_exhaustive(election in arb_election()) {
        let outcome = tally::compute(&election, Rule::Greedy, &Options::default()).unwrap();
        let left = election.budget - outcome.total_cost;
        for (p, project) in election.projects.iter().enumerate() {
            prop_assert!(outcome.selected.contains(&p) || project.cost > left);
        }
    }

    #[test]
    fn the_order_of_ballots_does_not_matter(election in arb_election(), seed in any::<u64>()) {
        let mut shuffled = election.clone();
        let n = shuffled.ballots.len();
        let mut state = seed | 1;
        for i in (1..n).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.ballots.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for rule in RULES {
            let a = tally::compute(&election, rule, &Options::default());
            let b = tally::compute(&shuffled, rule, &Options::default());
            prop_assert_eq!(a.map(|o| o.selected), b.map(|o| o.selected), "{}", rule.label());
        }
    }

    #[test]
    fn every_project_is_explained_as_funded_exactly_when_it_is(election in arb_election(), fill in any::<bool>()) {
        let options = Options { fill_greedily: fill, ..Options::default() };
        for rule in Rule::ALL {
            let Ok(explained) = tally::explain(&election, rule, &options) else { continue };
            prop_assert_eq!(explained.reasons.len(), election.projects.len());
            for (project, why) in explained.reasons.iter().enumerate() {
                prop_assert_eq!(why.funded(), explained.outcome.selected.contains(&project), "{} {:?}", rule.label(), why);
            }
        }
    }

    #[test]
    fn equal_shares_agrees_with_a_plain_exact_implementation(election in arb_election(), pabutools in any::<bool>(), which in 0usize..4) {
        let tie = TieBreaker::new(&election, if pabutools { TieBreak::Pabutools } else { TieBreak::CostThenVotes });
        let utility = [MesUtility::Natural, MesUtility::Cost, MesUtility::Points, MesUtility::Cardinality][which];
        prop_assert_eq!(mes::equal_shares_explained(&election, &tie, utility).0, naive_equal_shares(&election, &tie, utility));
    }

    #[test]
    fn exact_equal_shares_agrees_with_a_plain_exact_implementation(election in arb_election(), pabutools in any::<bool>(), which in 0usize..4, raise in 0u32..3) {
        let election = approval_only(election);
        let tie = TieBreaker::new(&election, if pabutools { TieBreak::Pabutools } else { TieBreak::CostThenVotes });
        let utility = [MesUtility::Natural, MesUtility::Cost, MesUtility::Points, MesUtility::Cardinality][which];
        let options = Options { utility, ..Options::default() };
        let per_voter = mes::per_voter_start(&election) * BigRational::new(BigInt::from(2 + raise), BigInt::from(2));
        let (bought, _) = exact_equal_shares::exact_equal_shares(&election, &tie, &options, &per_voter);
        prop_assert_eq!(bought, naive_exact_equal_shares(&election, &tie, utility, &per_voter));
    }

    #[test]
    fn add_opt_raises_the_budget_exactly_to_where_the_outcome_changes(election in arb_election(), pabutools in any::<bool>(), which in 0usize..4, steps in 0usize..4) {
        let election = approval_only(election);
        let tie = TieBreaker::new(&election, if pabutools { TieBreak::Pabutools } else { TieBreak::CostThenVotes });
        let utility = [MesUtility::Natural, MesUtility::Cost, MesUtility::Points, MesUtility::Cardinality][which];
        let options = Options { utility, ..Options::default() };
        let mut per_voter = mes::per_voter_start(&election);
        for _ in 0..=steps {
            let (bought, raise) = exact_equal_shares::exact_equal_shares(&election, &tie, &options, &per_voter);
            let Some(raise) = raise else { break };
            prop_assert!(raise > BigRational::zero());
            for fraction in [(1, 2), (999, 1000)] {
                let below = &per_voter + &raise * BigRational::new(BigInt::from(fraction.0), BigInt::from(fraction.1));
                prop_assert_eq!(&naive_exact_equal_shares(&election, &tie, utility, &below), &bought, "no change below the raise");
            }
            per_voter += raise;
            prop_assert_ne!(naive_exact_equal_shares(&election, &tie, utility, &per_voter), bought, "a change at the raise");
        }
    }

    #[test]
    fn phragmen_agrees_with_a_plain_exact_implementation(mut election in arb_election(), pabutools in any::<bool>()) {
        election.vote_type = VoteType::Approval;
        for ballot in &mut election.ballots {
            ballot.points.clear();
        }
        let tie = TieBreaker::new(&election, if pabutools { TieBreak::Pabutools } else { TieBreak::CostThenVotes });
        prop_assert_eq!(crate::phragmen::sequential_phragmen_explained(&election, &tie).unwrap().0, naive_phragmen(&election, &tie));
    }

    #[test]
    fn equal_shares_never_charges_a_voter_more_than_their_share(election in arb_election()) {
        let tie = TieBreaker::new(&election, TieBreak::CostThenVotes);
        let (selected, leftovers) = mes::equal_shares_with_leftovers(&election, &tie, MesUtility::Natural);
        let share = BigRational::new(BigInt::from(election.budget), BigInt::from(election.ballots.len().max(1) as i64));
        let mut spent = BigRational::zero();
        for leftover in &leftovers {
            prop_assert!(*leftover >= BigRational::zero());
            prop_assert!(*leftover <= share);
            spent += &share - leftover;
        }
        let cost = BigRational::from_integer(BigInt::from(election.total_cost(&selected)));
        prop_assert_eq!(spent, cost, "supporters paid exactly for what was funded");
    }
}

#[test]
fn exact_ties_are_broken_by_the_chosen_order() {
    // Two projects of equal cost with the same number of supporters tie exactly.
    let election = Election {
        vote_type: VoteType::Approval,
        budget: 100,
        projects: vec![
            Project {
                id: "b".into(),
                cost: 100,
            },
            Project {
                id: "a".into(),
                cost: 100,
            },
        ],
        ballots: vec![
            Ballot {
                projects: vec![0],
                points: vec![],
            },
            Ballot {
                projects: vec![1],
                points: vec![],
            },
        ],
        max_length: None,
        score_threshold: None,
        min_votes: None,
    };
    let greedy = |mode| {
        tally::compute(
            &election,
            Rule::Greedy,
            &Options {
                tie_break: mode,
                ..Options::default()
            },
        )
        .unwrap()
        .selected
    };
    assert_eq!(
        greedy(TieBreak::Pabutools),
        vec![1],
        "pabutools: smallest id as text"
    );
    assert_eq!(
        greedy(TieBreak::CostThenVotes),
        vec![1],
        "same cost and votes: smaller id"
    );
}

#[test]
fn equal_shares_funds_proportionally() {
    // 6 voters want A1..A3, 4 voters want B1..B3, every project costs 2, budget 10:
    // greedy funds only A projects (and one B); Equal Shares funds 3 A and 2 B.
    let mut ballots = Vec::new();
    for _ in 0..6 {
        ballots.push(Ballot {
            projects: vec![0, 1, 2],
            points: vec![],
        });
    }
    for _ in 0..4 {
        ballots.push(Ballot {
            projects: vec![3, 4, 5],
            points: vec![],
        });
    }
    let election = Election {
        vote_type: VoteType::Approval,
        budget: 1000,
        projects: ["A1", "A2", "A3", "B1", "B2", "B3"]
            .iter()
            .map(|id| Project {
                id: id.to_string(),
                cost: 200,
            })
            .collect(),
        ballots,
        max_length: None,
        score_threshold: None,
        min_votes: None,
    };
    let outcome = tally::compute(&election, Rule::EqualShares, &Options::default()).unwrap();
    let ids: Vec<&str> = outcome
        .selected
        .iter()
        .map(|&p| election.projects[p].id.as_str())
        .collect();
    assert_eq!(ids, vec!["A1", "A2", "A3", "B1", "B2"]);
}

#[test]
fn a_tie_between_projects_that_take_every_supporter_s_last_cent_is_exact() {
    // 21 voters share 900; after "b" (100, 7 supporters) both "c" (300, 8 supporters, 3 of whom
    // paid for "b") and "a" (200, 5 supporters, 1 of whom paid for "b") cost their supporters
    // exactly everything they have left: ρ = 300/7 for both, an exact tie that floating point
    // alone resolves by rounding.
    let approvals: [&[u32]; 21] = [
        &[2],
        &[],
        &[1],
        &[0],
        &[2],
        &[2],
        &[0],
        &[],
        &[0],
        &[1],
        &[2],
        &[],
        &[2],
        &[],
        &[0],
        &[],
        &[2, 1],
        &[1],
        &[2, 1, 0],
        &[1],
        &[2, 1],
    ];
    let election = Election {
        vote_type: VoteType::Approval,
        budget: 900,
        projects: [("a", 200), ("b", 100), ("c", 300)]
            .into_iter()
            .map(|(id, cost)| Project {
                id: id.into(),
                cost,
            })
            .collect(),
        ballots: approvals
            .iter()
            .map(|p| Ballot {
                projects: p.to_vec(),
                points: vec![],
            })
            .collect(),
        max_length: None,
        score_threshold: None,
        min_votes: None,
    };
    let tie = TieBreaker::new(&election, TieBreak::Pabutools);
    for utility in [MesUtility::Cardinality, MesUtility::Points] {
        assert_eq!(
            mes::equal_shares_explained(&election, &tie, utility).0,
            naive_equal_shares(&election, &tie, utility)
        );
        assert_eq!(
            mes::equal_shares_explained(&election, &tie, utility).0,
            vec![1, 0],
            "\"a\" wins the tie by id"
        );
    }
}

//! Sequential Phragmén for approval ballots.
//!
//! Every voter carries a load (money spent on their behalf). Each round the project whose
//! purchase would give its supporters the smallest equal new load `(cost + their loads) /
//! supporters` is bought and they all take that load. The rule stops as soon as one of the
//! projects with that smallest new load would exceed the budget (the pabutools definition).
//!
//! Loads are compared in floating point; projects whose new loads are closer than one part in
//! 10^9 are compared again in exact rational arithmetic, so exact ties are seen as ties.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

use crate::election::{Election, VoteType};
use crate::explain::Why;
use crate::fast_hash::FastHash;
use crate::{TallyError, TieBreaker};

const TOLERANCE: f64 = 1e-9;

/// A load some voters carry: the new load of the project bought in a round.
struct Load {
    value: f64,
    exact: Option<BigRational>,
    project: usize,
    /// How many of the project's supporters carried each earlier load when it was bought.
    counts: Vec<(usize, u64)>,
}

struct State<'e> {
    election: &'e Election,
    weights: Vec<u64>,
    supporters: Vec<Vec<usize>>,
    score: Vec<u64>,
    load_of_group: Vec<usize>,
    /// Index 0 is the zero load everyone starts with.
    loads: Vec<Load>,
}

impl State<'_> {
    fn new_load(&self, project: usize) -> f64 {
        let carried: f64 = self.supporters[project]
            .iter()
            .map(|&g| self.weights[g] as f64 * self.loads[self.load_of_group[g]].value)
            .sum();
        (self.election.projects[project].cost as f64 + carried) / self.score[project] as f64
    }

    fn counts(&self, project: usize) -> Vec<(usize, u64)> {
        let mut counts: HashMap<usize, u64, FastHash> = HashMap::default();
        for &g in &self.supporters[project] {
            *counts.entry(self.load_of_group[g]).or_default() += self.weights[g];
        }
        let mut counts: Vec<(usize, u64)> = counts.into_iter().collect();
        counts.sort_unstable();
        counts
    }

    fn exact_from(&mut self, project: usize, counts: &[(usize, u64)]) -> BigRational {
        let mut total =
            BigRational::from_integer(BigInt::from(self.election.projects[project].cost));
        for &(class, count) in counts {
            if class > 0 {
                total += self.exact_load(class) * BigInt::from(count);
            }
        }
        total / BigInt::from(self.score[project])
    }

    fn exact_load(&mut self, class: usize) -> BigRational {
        if class == 0 {
            return BigRational::zero();
        }
        if let Some(exact) = &self.loads[class].exact {
            return exact.clone();
        }
        let counts = self.loads[class].counts.clone();
        let exact = self.exact_from(self.loads[class].project, &counts);
        self.loads[class].exact = Some(exact.clone());
        exact
    }
}

/// Sequential Phragmén. Kept as one function because the load bookkeeping of a round (the
/// time each project is reached, the winner's load spread over its supporters) only reads
/// correctly as one loop. Returns the reason for every project with the winners.
pub fn sequential_phragmen_explained(
    election: &Election,
    tie: &TieBreaker,
) -> Result<(Vec<usize>, Vec<Why>), TallyError> {
    if !matches!(election.vote_type, VoteType::Approval | VoteType::ChooseOne) {
        return Err(TallyError::Unsupported(format!(
            "phragmen needs approval ballots, not {}",
            election.vote_type.as_str()
        )));
    }
    // Identical ballots always carry the same load: work per distinct ballot.
    let mut groups: HashMap<Vec<u32>, u64, FastHash> = HashMap::default();
    for ballot in &election.ballots {
        let mut key = ballot.projects.clone();
        key.sort_unstable();
        *groups.entry(key).or_default() += 1;
    }
    let mut groups: Vec<(Vec<u32>, u64)> = groups.into_iter().collect();
    groups.sort_unstable();
    let project_count = election.projects.len();
    let mut supporters: Vec<Vec<usize>> = vec![Vec::new(); project_count];
    let mut score = vec![0u64; project_count];
    for (g, (projects, weight)) in groups.iter().enumerate() {
        for &p in projects {
            supporters[p as usize].push(g);
            score[p as usize] += weight;
        }
    }
    let mut state = State {
        election,
        weights: groups.iter().map(|(_, w)| *w).collect(),
        supporters,
        score,
        load_of_group: vec![0; groups.len()],
        loads: vec![Load {
            value: 0.0,
            exact: Some(BigRational::zero()),
            project: 0,
            counts: vec![],
        }],
    };
    let mut candidates: Vec<usize> = (0..project_count)
        .filter(|&p| election.projects[p].cost <= election.budget)
        .collect();
    let mut reasons: Vec<Why> = election
        .projects
        .iter()
        .map(|p| Why::OverBudget {
            cost: p.cost,
            budget: election.budget,
        })
        .collect();
    let mut spent = 0i64;
    let mut selected = Vec::new();
    while !candidates.is_empty() {
        let loads: Vec<(usize, f64)> = candidates
            .iter()
            .filter(|&&p| state.score[p] > 0)
            .map(|&p| (p, state.new_load(p)))
            .collect();
        let best = loads.iter().map(|(_, l)| *l).fold(f64::INFINITY, f64::min);
        let near: Vec<usize> = loads
            .iter()
            .filter(|(_, l)| *l <= best * (1.0 + TOLERANCE))
            .map(|(p, _)| *p)
            .collect();
        // Projects nobody supports have an infinite load: they come only when nothing else is left.
        let tied: Vec<usize> = if near.is_empty() {
            candidates
                .iter()
                .copied()
                .filter(|&p| state.score[p] == 0)
                .collect()
        } else if near.len() == 1 {
            near
        } else {
            let exact: Vec<(usize, BigRational)> = near
                .iter()
                .map(|&p| {
                    let counts = state.counts(p);
                    (p, state.exact_from(p, &counts))
                })
                .collect();
            let minimum = exact.iter().map(|(_, l)| l).min().cloned();
            exact
                .into_iter()
                .filter(|(_, l)| Some(l) == minimum.as_ref())
                .map(|(p, _)| p)
                .collect()
        };
        if tied
            .iter()
            .any(|&p| spent + election.projects[p].cost > election.budget)
        {
            break;
        }
        let Some(chosen) = tie.first(&tied) else {
            break;
        };
        let round = selected.len() + 1;
        reasons[chosen] = Why::PhragmenTaken {
            round,
            load: if state.score[chosen] > 0 {
                state.new_load(chosen)
            } else {
                0.0
            },
        };
        if state.score[chosen] > 0 {
            let counts = state.counts(chosen);
            let value = state.new_load(chosen);
            state.loads.push(Load {
                value,
                exact: None,
                project: chosen,
                counts,
            });
            let class = state.loads.len() - 1;
            for index in 0..state.supporters[chosen].len() {
                let g = state.supporters[chosen][index];
                state.load_of_group[g] = class;
            }
        }
        spent += election.projects[chosen].cost;
        selected.push(chosen);
        candidates.retain(|&p| p != chosen);
    }
    for &p in &candidates {
        reasons[p] = if state.score[p] == 0 {
            Why::NoSupport
        } else {
            Why::PhragmenStopped {
                round: selected.len() + 1,
            }
        };
    }
    Ok((selected, reasons))
}

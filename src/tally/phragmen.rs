//! Sequential Phragmén for approval ballots, in exact rational arithmetic.
//!
//! Every voter carries a load (money spent on their behalf). Each round the project whose
//! purchase would give its supporters the smallest equal new load `(cost + their loads) /
//! supporters` is bought and they all take that load. The rule stops as soon as the cheapest
//! such purchase would exceed the budget (the pabutools definition).

use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::tally::election::{Election, VoteType};
use crate::tally::{TallyError, TieBreaker};

pub fn sequential_phragmen(
    election: &Election,
    tie: &TieBreaker,
) -> Result<Vec<usize>, TallyError> {
    if !matches!(election.vote_type, VoteType::Approval | VoteType::ChooseOne) {
        return Err(TallyError::Unsupported(format!(
            "phragmen needs approval ballots, not {}",
            election.vote_type.as_str()
        )));
    }
    // Identical ballots always carry the same load: work per distinct ballot.
    let mut groups: HashMap<Vec<u32>, u64> = HashMap::new();
    for ballot in &election.ballots {
        let mut key = ballot.projects.clone();
        key.sort_unstable();
        *groups.entry(key).or_default() += 1;
    }
    let groups: Vec<(Vec<u32>, u64)> = groups.into_iter().collect();
    let project_count = election.projects.len();
    let mut supporters: Vec<Vec<usize>> = vec![Vec::new(); project_count];
    let mut score = vec![0u64; project_count];
    for (g, (projects, weight)) in groups.iter().enumerate() {
        for &p in projects {
            supporters[p as usize].push(g);
            score[p as usize] += weight;
        }
    }
    let mut load_of_group = vec![0usize; groups.len()];
    let mut loads: Vec<BigRational> = vec![BigRational::from_integer(BigInt::from(0))];
    let mut candidates: Vec<usize> = (0..project_count)
        .filter(|&p| election.projects[p].cost <= election.budget)
        .collect();
    let mut spent = 0i64;
    let mut selected = Vec::new();
    let mut counts = Vec::new();
    while !candidates.is_empty() {
        let mut best: Option<BigRational> = None;
        let mut tied: Vec<usize> = Vec::new();
        let mut unsupported: Vec<usize> = Vec::new();
        for &project in &candidates {
            if score[project] == 0 {
                unsupported.push(project);
                continue;
            }
            counts.clear();
            counts.resize(loads.len(), 0u64);
            for &g in &supporters[project] {
                counts[load_of_group[g]] += groups[g].1;
            }
            let mut total =
                BigRational::from_integer(BigInt::from(election.projects[project].cost));
            for (class, &count) in counts.iter().enumerate().skip(1) {
                if count > 0 {
                    total += &loads[class] * BigInt::from(count);
                }
            }
            let new_load = total / BigInt::from(score[project]);
            match &best {
                Some(current) if new_load > *current => {}
                Some(current) if new_load == *current => tied.push(project),
                _ => {
                    best = Some(new_load);
                    tied = vec![project];
                }
            }
        }
        // Projects nobody supports have an infinite load: they come only when nothing else is left.
        let (tied, new_load) = match best {
            Some(load) => (tied, Some(load)),
            None => (unsupported, None),
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
        if let Some(load) = new_load {
            loads.push(load);
            let class = loads.len() - 1;
            for &g in &supporters[chosen] {
                load_of_group[g] = class;
            }
        }
        spent += election.projects[chosen].cost;
        selected.push(chosen);
        candidates.retain(|&p| p != chosen);
    }
    Ok(selected)
}

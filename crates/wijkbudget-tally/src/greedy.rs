//! Greedy rules: fund projects by votes (or score), each that still fits.

use crate::TieBreaker;
use crate::election::Election;
use crate::explain::Why;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Take every project that still fits.
    Skip,
    /// The same, over projects whose score reaches META `min_project_score_threshold`.
    Threshold,
    /// Stop at the first project that does not fit.
    NoSkip,
}

/// The order greedy considers projects in: projects that cost nothing first (they always fit),
/// then by score, highest first; ties by the tie-breaker.
fn order(scores: &[i64], election: &Election, tie: &TieBreaker) -> Vec<usize> {
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    order.sort_by(|&a, &b| {
        let free = |p: usize| election.projects[p].cost == 0;
        free(b)
            .cmp(&free(a))
            .then_with(|| scores[b].cmp(&scores[a]))
            .then_with(|| tie.compare(a, b))
    });
    order
}

/// Greedy by score (votes for approval ballots; points for cumulative and scoring ballots;
/// rank scores `max_length − rank + 1` for ordinal ballots), with the reason for every project.
pub fn greedy_explained(
    election: &Election,
    tie: &TieBreaker,
    variant: Variant,
) -> (Vec<usize>, Vec<Why>) {
    let scores = election.scores();
    let threshold = match variant {
        Variant::Threshold => election.score_threshold.unwrap_or(0),
        _ => i64::MIN,
    };
    let mut remaining = election.budget;
    let mut selected = Vec::new();
    let mut reasons = vec![Why::NoSupport; election.projects.len()];
    let mut stopped = false;
    for (index, project) in order(&scores, election, tie).into_iter().enumerate() {
        let (score, cost, position) = (scores[project], election.projects[project].cost, index + 1);
        reasons[project] = if score < threshold {
            Why::BelowScoreThreshold { score, threshold }
        } else if stopped {
            Why::AfterGreedyStopped { position }
        } else {
            let why = turn(
                project,
                (position, score, cost),
                &mut remaining,
                &mut selected,
            );
            stopped = variant == Variant::NoSkip && !why.funded();
            why
        };
    }
    (selected, reasons)
}

/// A project's turn in a count: taken when it fits the money left. `(position, score, cost)`.
fn turn(
    project: usize,
    (position, score, cost): (usize, i64, i64),
    remaining: &mut i64,
    selected: &mut Vec<usize>,
) -> Why {
    let left = *remaining;
    if cost <= left {
        selected.push(project);
        *remaining -= cost;
        Why::GreedyTaken {
            position,
            score,
            cost,
            left,
        }
    } else {
        Why::GreedyTooExpensive {
            position,
            score,
            cost,
            left,
        }
    }
}

/// Completes `already` greedily by number of votes with what still fits, with the reason for
/// every project it considered (those of `already` are left out), in the order it went.
pub fn fill_by_votes(
    election: &Election,
    tie: &TieBreaker,
    already: &[usize],
) -> (Vec<usize>, Vec<(usize, Why)>) {
    let votes = election.vote_counts();
    let mut selected = already.to_vec();
    let mut considered = Vec::new();
    let mut remaining = election.budget - election.total_cost(already);
    for (index, project) in order(&votes, election, tie).into_iter().enumerate() {
        if selected.contains(&project) {
            continue;
        }
        let facts = (index + 1, votes[project], election.projects[project].cost);
        let why = turn(project, facts, &mut remaining, &mut selected);
        considered.push((project, why));
    }
    (selected, considered)
}

/// True when strictly more voters approve more projects of `a` than of `b` than the other way
/// round (the comparison step of `equalshares/add1-comparison`).
pub fn more_voters_prefer(election: &Election, a: &[usize], b: &[usize]) -> bool {
    let mut in_a = vec![false; election.projects.len()];
    let mut in_b = vec![false; election.projects.len()];
    a.iter().for_each(|&p| in_a[p] = true);
    b.iter().for_each(|&p| in_b[p] = true);
    let (mut prefer_a, mut prefer_b) = (0usize, 0usize);
    for ballot in &election.ballots {
        let count = |set: &[bool]| ballot.projects.iter().filter(|&&p| set[p as usize]).count();
        let (sat_a, sat_b) = (count(&in_a), count(&in_b));
        if sat_a > sat_b {
            prefer_a += 1;
        } else if sat_b > sat_a {
            prefer_b += 1;
        }
    }
    prefer_a > prefer_b
}

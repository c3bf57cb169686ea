//! The Method of Equal Shares (Peters & Skowron) and its Add1 completion.
//!
//! Every voter starts with an equal share of the budget. Each round, for every project the
//! supporters could still pay for, the smallest price per unit of utility ρ is found such that
//! `Σ min(budget_i, ρ·u_i) = cost`; the project with the smallest ρ is funded and its supporters
//! pay `min(budget_i, ρ·u_i)`. The run ends when no project can be paid for.
//!
//! Voters with identical ballots always hold the same budget, and so do voters who paid for the
//! same projects: budgets are kept per *class* of voters, which keeps a run fast on city-wide
//! votes. Candidates are compared in floating point; every comparison closer than one part in
//! 10^9 (ties, the affordability boundary, who pays in full) is settled in exact rational
//! arithmetic from the exact history of the run, so exact ties are always seen as ties.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use crate::election::{CENTS, Election, VoteType};
use crate::explain::{Ending, Why};
use crate::fast_hash::FastHash;
use crate::{Add1Stop, MesUtility, Options, Outcome, TieBreaker};

/// Comparisons closer than this (relative) are decided exactly.
const TOLERANCE: f64 = 1e-9;

fn big(value: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

fn big_u(value: u64) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

/// The ballots prepared for Equal Shares: identical ballots merged, supporters per project.
pub struct Profile {
    pub(crate) weights: Vec<u64>,
    /// The distinct ballots, as sorted (project, score) lists, in group order.
    keys: Vec<Vec<(u32, i64)>>,
    /// Per project: (ballot group, utility) of every supporter group.
    pub(crate) supporters: Vec<Vec<(u32, u64)>>,
    /// Per project: its supporter groups alone (what the busiest loops read).
    pub(crate) members: Vec<Vec<u32>>,
    /// Per project: the utility all its supporters share, when they do.
    pub(crate) uniform: Vec<Option<u64>>,
    pub(crate) costs: Vec<i64>,
    /// Supported projects that cost nothing: funded before any money is spent.
    pub(crate) free: Vec<usize>,
    /// Supported projects with a positive cost.
    pub(crate) available: Vec<usize>,
}

impl Profile {
    pub fn new(election: &Election, utility: MesUtility) -> Self {
        let mut groups: HashMap<Vec<(u32, i64)>, u64, FastHash> = HashMap::default();
        for ballot in &election.ballots {
            let mut key: Vec<(u32, i64)> = election.ballot_scores(ballot).collect();
            key.sort_unstable();
            *groups.entry(key).or_default() += 1;
        }
        let mut groups: Vec<(Vec<(u32, i64)>, u64)> = groups.into_iter().collect();
        groups.sort_unstable();
        let count = election.projects.len();
        let mut supporters: Vec<Vec<(u32, u64)>> = vec![Vec::new(); count];
        let mut weights = Vec::with_capacity(groups.len());
        let keys = groups.iter().map(|(key, _)| key.clone()).collect();
        let approval = matches!(election.vote_type, VoteType::Approval | VoteType::ChooseOne);
        for (g, (scores, weight)) in groups.iter().enumerate() {
            weights.push(*weight);
            for &(project, score) in scores {
                let cost = election.projects[project as usize].cost.max(0) as u64;
                let u = match utility {
                    MesUtility::Natural if approval => cost.max(1),
                    MesUtility::Natural | MesUtility::Points => score as u64,
                    MesUtility::Cost => cost.max(1),
                    MesUtility::Cardinality => 1,
                };
                // A project named with zero points is on the ballot (cost and cardinality
                // utilities count it) but worth nothing in points.
                if u > 0 {
                    supporters[project as usize].push((g as u32, u));
                }
            }
        }
        let members = supporters
            .iter()
            .map(|list| list.iter().map(|&(g, _)| g).collect())
            .collect();
        let uniform = supporters
            .iter()
            .map(|list| {
                let first = list.first()?.1;
                list.iter().all(|&(_, u)| u == first).then_some(first)
            })
            .collect();
        let costs: Vec<i64> = election.projects.iter().map(|p| p.cost).collect();
        let supported = |p: usize| !supporters[p].is_empty();
        let free = (0..count)
            .filter(|&p| supported(p) && costs[p] == 0)
            .collect();
        let available = (0..count)
            .filter(|&p| supported(p) && costs[p] > 0)
            .collect();
        Self {
            weights,
            keys,
            supporters,
            members,
            uniform,
            costs,
            free,
            available,
        }
    }
}

impl Profile {
    fn group_of(&self, key: &[(u32, i64)]) -> Option<usize> {
        self.keys.binary_search_by(|k| k.as_slice().cmp(key)).ok()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClassKind {
    /// Has the starting budget.
    Root,
    /// Has nothing left.
    Zero,
    /// Paid ρ·u in full in `round`, from the parent's budget.
    Paid {
        parent: u32,
        round: u32,
        utility: u64,
    },
}

const ROOT: u32 = 0;
const ZERO: u32 = 1;
/// Not yet known, in a table from a class to the class its supporters join.
const UNDECIDED: u32 = u32::MAX;

/// Supporters of one class with one utility for the project considered.
#[derive(Clone, Debug)]
struct Entry {
    class: u32,
    count: u64,
    utility: u64,
}

struct Round {
    project: usize,
    entries: Vec<Entry>,
    rho: f64,
    exact_rho: Option<BigRational>,
}

/// When a project was first found unaffordable: the round, and what its supporters then had.
#[derive(Clone, Copy)]
struct Shortfall {
    round: usize,
    left: f64,
    supporters: u64,
}

struct Evaluation {
    rho: f64,
    entries: Vec<Entry>,
}

/// One run of Equal Shares with a given per-voter budget.
struct Run<'p> {
    profile: &'p Profile,
    start_exact: BigRational,
    budget_of: Vec<f64>,
    kind_of: Vec<ClassKind>,
    exact_of: Vec<Option<BigRational>>,
    class_of_group: Vec<u32>,
    rounds: Vec<Round>,
    shortfalls: Vec<Option<Shortfall>>,
    scratch: Vec<u64>,
    touched: Vec<u32>,
    target_of: Vec<u32>,
}

impl<'p> Run<'p> {
    fn new(profile: &'p Profile, per_voter: &BigRational) -> Self {
        let start = per_voter.to_f64().unwrap_or(f64::MAX);
        Self {
            profile,
            start_exact: per_voter.clone(),
            budget_of: vec![start, 0.0],
            kind_of: vec![ClassKind::Root, ClassKind::Zero],
            exact_of: vec![Some(per_voter.clone()), Some(BigRational::zero())],
            class_of_group: vec![ROOT; profile.weights.len()],
            rounds: Vec::new(),
            shortfalls: vec![None; profile.costs.len()],
            scratch: Vec::new(),
            touched: Vec::new(),
            target_of: Vec::new(),
        }
    }

    /// The supporters of a project that still have money, merged per (class, utility).
    fn entries(&mut self, project: usize) -> Vec<Entry> {
        let supporters = &self.profile.supporters[project];
        if let Some(utility) = self.profile.uniform[project] {
            self.scratch.resize(self.kind_of.len(), 0);
            for &g in &self.profile.members[project] {
                let class = self.class_of_group[g as usize];
                if class == ZERO {
                    continue;
                }
                if self.scratch[class as usize] == 0 {
                    self.touched.push(class);
                }
                self.scratch[class as usize] += self.profile.weights[g as usize];
            }
            let entries = self
                .touched
                .iter()
                .map(|&class| Entry {
                    class,
                    count: self.scratch[class as usize],
                    utility,
                })
                .collect();
            for &class in &self.touched {
                self.scratch[class as usize] = 0;
            }
            self.touched.clear();
            entries
        } else {
            let mut merged: HashMap<(u32, u64), u64, FastHash> = HashMap::default();
            for &(g, utility) in supporters {
                let class = self.class_of_group[g as usize];
                if class != ZERO {
                    *merged.entry((class, utility)).or_default() +=
                        self.profile.weights[g as usize];
                }
            }
            merged
                .into_iter()
                .map(|((class, utility), count)| Entry {
                    class,
                    count,
                    utility,
                })
                .collect()
        }
    }

    /// ρ in floating point, or `None` when the supporters cannot pay (exactly checked when
    /// close); the first time it is `None`, what the supporters had is kept for explaining.
    fn evaluate(&mut self, project: usize) -> Option<Evaluation> {
        let cost = self.profile.costs[project] as f64;
        let entries = self.entries(project);
        let available: f64 = entries
            .iter()
            .map(|e| e.count as f64 * self.budget_of[e.class as usize])
            .sum();
        let affordable = if available < cost * (1.0 - TOLERANCE) {
            false
        } else if available < cost * (1.0 + TOLERANCE) {
            let exact_available = entries.iter().fold(BigRational::zero(), |sum, e| {
                sum + self.exact_budget(e.class) * big_u(e.count)
            });
            exact_available >= big(self.profile.costs[project])
        } else {
            true
        };
        if !affordable {
            let round = self.rounds.len() + 1;
            let supporters = entries.iter().map(|e| e.count).sum();
            self.shortfalls[project].get_or_insert(Shortfall {
                round,
                left: available,
                supporters,
            });
            return None;
        }
        // Supporters whose budget cannot cover ρ·u pay all they have; raising ρ until no new
        // supporter falls short finds it without sorting. ρ only rises, so a supporter once short
        // stays short; keeping them so also in floating point guarantees the loop ends.
        let budgets = &self.budget_of;
        let total_utility: f64 = entries
            .iter()
            .map(|e| e.count as f64 * e.utility as f64)
            .sum();
        let mut rho = cost / total_utility;
        let mut short = vec![false; entries.len()];
        let (mut poor_budget, mut poor_utility) = (0.0f64, 0.0f64);
        loop {
            let mut newly_short = false;
            for (entry, short) in entries.iter().zip(short.iter_mut()) {
                let budget = budgets[entry.class as usize];
                if !*short && budget < rho * entry.utility as f64 {
                    *short = true;
                    newly_short = true;
                    poor_budget += entry.count as f64 * budget;
                    poor_utility += entry.count as f64 * entry.utility as f64;
                }
            }
            if !newly_short {
                break;
            }
            let rich_utility = total_utility - poor_utility;
            if rich_utility <= 0.0 {
                // Everyone pays all they have: the supporters can just pay (checked above), so ρ
                // is where the last of them is capped. Rounding lands here on exact ties too,
                // which the exact comparison then settles.
                rho = entries
                    .iter()
                    .map(|e| budgets[e.class as usize] / e.utility as f64)
                    .fold(0.0, f64::max);
                break;
            }
            rho = (cost - poor_budget) / rich_utility;
        }
        Some(Evaluation { rho, entries })
    }

    /// The exact ρ for these supporters, or `None` when they cannot pay.
    fn exact_rho(&mut self, entries: &[Entry], cost: i64) -> Option<BigRational> {
        // When every supporter can clearly pay an equal share cost / (total utility), that is ρ,
        // a ratio of two integers: no supporter's exact budget is needed. Exact ties between
        // projects that everyone can afford (common with cost utilities) are settled this way.
        let total_utility: u128 = entries
            .iter()
            .map(|e| e.count as u128 * e.utility as u128)
            .sum();
        if total_utility > 0 {
            let rho = cost as f64 / total_utility as f64;
            let everyone_pays = entries.iter().all(|e| {
                self.budget_of[e.class as usize] / e.utility as f64 > rho * (1.0 + TOLERANCE)
            });
            if everyone_pays {
                return Some(BigRational::new(
                    BigInt::from(cost),
                    BigInt::from(total_utility),
                ));
            }
        }
        let mut keyed: Vec<(BigRational, BigRational, &Entry)> = entries
            .iter()
            .map(|e| {
                let budget = self.exact_budget(e.class);
                (budget.clone() / big_u(e.utility), budget, e)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut remaining = big(cost);
        let mut utility = keyed.iter().fold(BigInt::zero(), |sum, (_, _, e)| {
            sum + BigInt::from(e.count) * BigInt::from(e.utility)
        });
        for (ratio, budget, entry) in &keyed {
            if utility.is_zero() {
                return None;
            }
            let candidate = remaining.clone() / BigRational::from_integer(utility.clone());
            if *ratio >= candidate {
                return Some(candidate);
            }
            remaining -= budget * big_u(entry.count);
            utility -= BigInt::from(entry.count) * BigInt::from(entry.utility);
        }
        None
    }

    fn exact_budget(&mut self, class: u32) -> BigRational {
        if let Some(value) = &self.exact_of[class as usize] {
            return value.clone();
        }
        let value = match self.kind_of[class as usize] {
            ClassKind::Root => self.start_exact.clone(),
            ClassKind::Zero => BigRational::zero(),
            ClassKind::Paid {
                parent,
                round,
                utility,
            } => {
                let parent_budget = self.exact_budget(parent);
                parent_budget - self.exact_round_rho(round as usize) * big_u(utility)
            }
        };
        self.exact_of[class as usize] = Some(value.clone());
        value
    }

    fn exact_round_rho(&mut self, round: usize) -> BigRational {
        if let Some(rho) = &self.rounds[round].exact_rho {
            return rho.clone();
        }
        let entries = self.rounds[round].entries.clone();
        let cost = self.profile.costs[self.rounds[round].project];
        let rho = self
            .exact_rho(&entries, cost)
            .unwrap_or_else(BigRational::zero);
        self.rounds[round].exact_rho = Some(rho.clone());
        rho
    }

    /// Funds the project: supporters who can pay ρ·u pay it, the others pay all they have.
    fn fund(&mut self, project: usize, evaluation: Evaluation, exact_rho: Option<BigRational>) {
        let round = self.rounds.len() as u32;
        let rho = evaluation.rho;
        self.rounds.push(Round {
            project,
            entries: evaluation.entries,
            rho,
            exact_rho,
        });
        let profile = self.profile;
        if let Some(utility) = profile.uniform[project] {
            // One utility for every supporter: the new class depends on the old one alone, so a
            // table indexed by class replaces hashing every supporter group.
            let mut target_of = std::mem::take(&mut self.target_of);
            target_of.clear();
            target_of.resize(self.kind_of.len(), UNDECIDED);
            for &g in &profile.members[project] {
                let class = self.class_of_group[g as usize];
                if class == ZERO {
                    continue;
                }
                let mut target = target_of[class as usize];
                if target == UNDECIDED {
                    target = self.class_after_paying(class, utility, round, rho);
                    target_of[class as usize] = target;
                }
                self.class_of_group[g as usize] = target;
            }
            self.target_of = target_of;
        } else {
            let mut new_class: HashMap<(u32, u64), u32, FastHash> = HashMap::default();
            for &(g, utility) in &profile.supporters[project] {
                let class = self.class_of_group[g as usize];
                if class == ZERO {
                    continue;
                }
                let target = match new_class.get(&(class, utility)) {
                    Some(&target) => target,
                    None => {
                        let target = self.class_after_paying(class, utility, round, rho);
                        new_class.insert((class, utility), target);
                        target
                    }
                };
                self.class_of_group[g as usize] = target;
            }
        }
    }

    /// The class that supporters of `class` with this utility join after paying for the project
    /// of `round`: a new one when they pay ρ·u in full, [`ZERO`] when they pay all they have.
    fn class_after_paying(&mut self, class: u32, utility: u64, round: u32, rho: f64) -> u32 {
        let budget = self.budget_of[class as usize];
        let ratio = budget / utility as f64;
        let pays_in_full = if ratio < rho * (1.0 - TOLERANCE) {
            false
        } else if ratio > rho * (1.0 + TOLERANCE) {
            true
        } else {
            let exact = self.exact_budget(class) / big_u(utility);
            exact >= self.exact_round_rho(round as usize)
        };
        if !pays_in_full {
            return ZERO;
        }
        self.kind_of.push(ClassKind::Paid {
            parent: class,
            round,
            utility,
        });
        self.budget_of
            .push((budget - rho * utility as f64).max(0.0));
        self.exact_of.push(None);
        (self.kind_of.len() - 1) as u32
    }
}

impl Run<'_> {
    /// Why each project was or was not bought in this run.
    fn reasons(&self) -> Vec<Why> {
        let profile = self.profile;
        let mut reasons: Vec<Why> = (0..profile.costs.len())
            .map(|p| match self.shortfalls[p] {
                _ if profile.supporters[p].is_empty() => Why::NoSupport,
                Some(shortfall) => Why::EqualSharesUnaffordable {
                    round: shortfall.round,
                    supporters: shortfall.supporters,
                    left: shortfall.left,
                    cost: profile.costs[p],
                },
                // Every project still a candidate is evaluated in the last round.
                None => Why::EqualSharesUnaffordable {
                    round: self.rounds.len() + 1,
                    supporters: 0,
                    left: 0.0,
                    cost: profile.costs[p],
                },
            })
            .collect();
        for &p in &profile.free {
            reasons[p] = Why::Free;
        }
        for (index, round) in self.rounds.iter().enumerate() {
            let rho = round
                .exact_rho
                .as_ref()
                .and_then(|r| r.to_f64())
                .unwrap_or(round.rho);
            let (mut supporters, mut paid_all, mut most_paid) = (0u64, 0u64, 0.0f64);
            for entry in &round.entries {
                let budget = self.budget_of[entry.class as usize];
                let share = rho * entry.utility as f64;
                supporters += entry.count;
                if budget < share * (1.0 - TOLERANCE) {
                    paid_all += entry.count;
                }
                most_paid = most_paid.max(share.min(budget));
            }
            reasons[round.project] = Why::EqualSharesBought {
                round: index + 1,
                rho,
                supporters,
                paid_all_they_had: paid_all,
                most_paid,
                cost: profile.costs[round.project],
            };
        }
        reasons
    }
}

/// One run of Equal Shares with `per_voter` (hundredths) per voter: the funded projects in order,
/// free projects first, and the run (for the voters' remaining budgets and the reasons).
fn run_fixed_keeping<'p>(
    profile: &'p Profile,
    tie: &TieBreaker,
    per_voter: &BigRational,
) -> (Vec<usize>, Run<'p>) {
    let mut run = Run::new(profile, per_voter);
    let mut selected = profile.free.clone();
    let mut lower_bound: Vec<f64> = vec![0.0; profile.costs.len()];
    for &p in &profile.available {
        let total_utility: f64 = profile.supporters[p]
            .iter()
            .map(|&(g, u)| profile.weights[g as usize] as f64 * u as f64)
            .sum();
        lower_bound[p] = profile.costs[p] as f64 / total_utility;
    }
    let mut candidates = profile.available.clone();
    loop {
        candidates.sort_by(|&a, &b| lower_bound[a].total_cmp(&lower_bound[b]).then(a.cmp(&b)));
        let mut best = f64::INFINITY;
        let mut evaluated: Vec<(usize, Evaluation)> = Vec::new();
        let mut unaffordable = Vec::new();
        for &project in &candidates {
            if lower_bound[project] > best * (1.0 + TOLERANCE) {
                break;
            }
            match run.evaluate(project) {
                None => unaffordable.push(project),
                Some(evaluation) => {
                    lower_bound[project] = evaluation.rho;
                    best = best.min(evaluation.rho);
                    evaluated.push((project, evaluation));
                }
            }
        }
        candidates.retain(|p| !unaffordable.contains(p));
        if evaluated.is_empty() {
            break;
        }
        let mut near: Vec<(usize, Evaluation)> = evaluated
            .into_iter()
            .filter(|(_, e)| e.rho <= best * (1.0 + TOLERANCE))
            .collect();
        let (winner, exact) = if near.len() == 1 {
            (0, None)
        } else {
            let mut exact_values = Vec::with_capacity(near.len());
            for (project, evaluation) in &near {
                let rho = run.exact_rho(&evaluation.entries, profile.costs[*project]);
                exact_values.push(rho);
            }
            let minimum = exact_values.iter().flatten().min().cloned();
            let tied: Vec<usize> = near
                .iter()
                .zip(&exact_values)
                .filter(|(_, rho)| rho.is_some() && rho.as_ref() == minimum.as_ref())
                .map(|((p, _), _)| *p)
                .collect();
            let Some(chosen) = tie.first(&tied) else {
                break;
            };
            let index = near.iter().position(|(p, _)| *p == chosen).unwrap_or(0);
            (index, exact_values[index].clone())
        };
        let (project, evaluation) = near.swap_remove(winner);
        run.fund(project, evaluation, exact);
        selected.push(project);
        candidates.retain(|&p| p != project);
    }
    (selected, run)
}

pub(crate) fn per_voter_start(election: &Election) -> BigRational {
    let voters = election.ballots.len().max(1) as i64;
    BigRational::new(BigInt::from(election.budget), BigInt::from(voters))
}

/// Equal Shares with the budget split equally over the voters, with the reason for every
/// project.
pub fn equal_shares_explained(
    election: &Election,
    tie: &TieBreaker,
    utility: MesUtility,
) -> (Vec<usize>, Vec<Why>) {
    let profile = Profile::new(election, utility);
    let (selected, run) = run_fixed_keeping(&profile, tie, &per_voter_start(election));
    (selected, run.reasons())
}

/// Equal Shares with what every voter has left at the end, exactly, in ballot order (for audits
/// and tests: no voter pays more than their share, and the funded projects are paid in full).
pub fn equal_shares_with_leftovers(
    election: &Election,
    tie: &TieBreaker,
    utility: MesUtility,
) -> (Vec<usize>, Vec<BigRational>) {
    let profile = Profile::new(election, utility);
    let (selected, mut run) = run_fixed_keeping(&profile, tie, &per_voter_start(election));
    let leftover_of_group: Vec<BigRational> = (0..profile.weights.len())
        .map(|g| run.exact_budget(run.class_of_group[g]))
        .collect();
    let leftovers = election
        .ballots
        .iter()
        .map(|ballot| {
            let mut key: Vec<(u32, i64)> = election.ballot_scores(ballot).collect();
            key.sort_unstable();
            let group = profile.group_of(&key);
            group.map_or_else(
                || per_voter_start(election),
                |g| leftover_of_group[g].clone(),
            )
        })
        .collect();
    (selected, leftovers)
}

pub(crate) fn describe(per_voter: &BigRational) -> String {
    format!("{:.2}", per_voter.to_f64().unwrap_or(0.0) / CENTS as f64)
}

/// Where a completion (Add1, add-opt) stands after a run at some per-voter budget.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Progress {
    /// The outcome costs more than the budget: the completion goes back to the last that fitted.
    Overspends,
    /// The completion stops here (exhaustive, everything funded, or past the whole budget).
    Settled,
    /// The per-voter budget may rise further.
    Raise,
}

impl Profile {
    pub(crate) fn progress(
        &self,
        election: &Election,
        stop: Add1Stop,
        selected: &[usize],
        per_voter: &BigRational,
    ) -> Progress {
        let budget = election.budget;
        let cost = election.total_cost(selected);
        let settled = match stop {
            Add1Stop::FirstExhaustive => self
                .available
                .iter()
                .all(|&p| selected.contains(&p) || cost + self.costs[p] > budget),
            Add1Stop::WhileFits => {
                selected.len() == self.free.len() + self.available.len() || *per_voter > big(budget)
            }
        };
        if cost > budget {
            Progress::Overspends
        } else if settled {
            Progress::Settled
        } else {
            Progress::Raise
        }
    }
}

/// The outcome a completion settled on, with the reasons of its run and how it ended (`ending`
/// builds the rule's ending from the per-voter budget, the runs and whether the next raise
/// overspends).
pub(crate) fn settle(
    election: &Election,
    selected: Vec<usize>,
    per_voter: &BigRational,
    runs: usize,
    reasons: Vec<Why>,
    ending: Ending,
) -> (Outcome, Vec<Why>, Ending) {
    let outcome = Outcome {
        total_cost: election.total_cost(&selected),
        selected,
        per_voter_budget: Some(describe(per_voter)),
        runs,
    };
    (outcome, reasons, ending)
}

/// Equal Shares with the Add1 completion: the per-voter budget rises one currency unit at a
/// time while the outcome fits the budget. Returns the reasons of the run it settled on and how
/// it ended.
pub fn add1_explained(
    election: &Election,
    tie: &TieBreaker,
    options: &Options,
) -> (Outcome, Vec<Why>, Ending) {
    let profile = Profile::new(election, options.utility);
    let step = big(CENTS);
    let mut previous: Option<(Vec<usize>, BigRational, Run)> = None;
    let mut per_voter = per_voter_start(election);
    let mut runs = 0;
    let finish = |selected, per_voter: &BigRational, runs, run: Run, next_overspends| {
        let ending = Ending::Add1 {
            per_voter: describe(per_voter),
            runs,
            next_overspends,
        };
        settle(election, selected, per_voter, runs, run.reasons(), ending)
    };
    loop {
        let (selected, run) = run_fixed_keeping(&profile, tie, &per_voter);
        runs += 1;
        match profile.progress(election, options.add1_stop, &selected, &per_voter) {
            Progress::Overspends => {
                // The equal split never overspends (no voter pays more than their share), so
                // there is always an earlier run to go back to.
                let (selected, per_voter, run) = previous.unwrap_or((selected, per_voter, run));
                return finish(selected, &per_voter, runs, run, true);
            }
            Progress::Settled => return finish(selected, &per_voter, runs, run, false),
            Progress::Raise => {
                previous = Some((selected, per_voter.clone(), run));
                per_voter += &step;
            }
        }
    }
}

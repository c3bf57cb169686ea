//! Exact Equal Shares with the add-opt completion: our extension (label
//! `wijkbudget:exact-equal-shares/add-opt`), after S. Kraiczy, I. Robinson and E. Elkind,
//! "Streamlining Equal Shares" (2025).
//!
//! **Exact Equal Shares** differs from the Method of Equal Shares in who pays. A project is
//! bought only by supporters who can all pay the same price per unit of utility ρ, each paying
//! exactly ρ·u; a supporter who cannot is left out rather than paying all they have. The largest
//! such group is always the richest supporters (by budget per unit of utility), down to the last
//! one who can still pay ρ·u with ρ = cost / (their utility together): more payers mean a lower
//! ρ, so the largest group that can pay gives the project its price. Each round the project
//! with the lowest price is bought (exact ties by the tie-breaking order); the run ends when no
//! group can pay for any project left.
//!
//! **Add-opt.** Add1 raises the per-voter budget b one unit at a time. Here payments never depend
//! on b (a payer pays ρ·u, and ρ depends on the cost and the payers' utility only), so raising b
//! by d raises every voter's budget in every round by exactly d as long as the run keeps its
//! shape. The shape changes only where a larger group of some project's supporters becomes able
//! to pay a price that would win a round (a group of the round's winner itself that lowers its
//! price, or of another project that beats it; after the last round, any group that can pay at
//! all). For each such group the raise needed is the largest shortfall of its members, ρ·u minus
//! budget; the run records the smallest over every round ([`Run::next_change`]). Every budget
//! below b + d gives the same run, so add-opt jumps to b + d exactly, runs again, and stops as
//! Add1 does: before the first outcome that costs more than the budget, or at the first
//! exhaustive one. Everything is exact rational arithmetic; floating point only orders supporters
//! and screens candidates, with every close call settled exactly.

use std::cmp::Ordering;
use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use crate::election::Election;
use crate::explain::{Ending, Why};
use crate::fast_hash::FastHash;
use crate::mes::{Profile, Progress, describe, per_voter_start, settle};
use crate::{Options, Outcome, TieBreaker};

/// Floating-point comparisons closer than this (relative) are decided exactly.
const TOLERANCE: f64 = 1e-9;

fn integer(value: u128) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

/// Supporters of one class with one utility for the project considered.
struct Entry {
    class: u32,
    count: u64,
    utility: u64,
}

/// A project bought in a round: its price per unit of utility and who paid it.
struct Purchase {
    project: usize,
    rho: BigRational,
    payers: u64,
    most_paid: BigRational,
}

/// When a project was first found that no group could pay: the round and what its supporters
/// then had together.
#[derive(Clone, Copy)]
struct Shortfall {
    round: usize,
    supporters: u64,
    left: f64,
}

/// One run of Exact Equal Shares at a fixed per-voter budget.
struct Run<'p> {
    profile: &'p Profile,
    tie: &'p TieBreaker,
    /// Per class of voters (same ballot, same payments so far): its budget.
    budget: Vec<BigRational>,
    approx: Vec<f64>,
    class_of_group: Vec<u32>,
    /// Per project: cost / the utility of all its supporters, the lowest price it can ever have.
    cheapest: Vec<BigRational>,
    purchases: Vec<Purchase>,
    selected: Vec<usize>,
    shortfalls: Vec<Option<Shortfall>>,
    /// The smallest raise of the per-voter budget that changes this run, if any does.
    next_change: Option<BigRational>,
}

impl<'p> Run<'p> {
    fn new(profile: &'p Profile, tie: &'p TieBreaker, per_voter: &BigRational) -> Self {
        let cheapest = (0..profile.costs.len())
            .map(|p| {
                let utility: u128 = profile.supporters[p]
                    .iter()
                    .map(|&(g, u)| profile.weights[g as usize] as u128 * u as u128)
                    .sum();
                if utility == 0 {
                    BigRational::zero()
                } else {
                    integer(profile.costs[p].max(0) as u128) / integer(utility)
                }
            })
            .collect();
        Self {
            profile,
            tie,
            budget: vec![per_voter.clone()],
            approx: vec![per_voter.to_f64().unwrap_or(f64::MAX)],
            class_of_group: vec![0; profile.weights.len()],
            cheapest,
            purchases: Vec::new(),
            selected: profile.free.clone(),
            shortfalls: vec![None; profile.costs.len()],
            next_change: None,
        }
    }

    /// The project's supporters merged per (class, utility), richest per unit of utility first.
    fn entries(&self, project: usize) -> Vec<Entry> {
        let mut merged: HashMap<(u32, u64), u64, FastHash> = HashMap::default();
        for &(g, utility) in &self.profile.supporters[project] {
            let class = self.class_of_group[g as usize];
            *merged.entry((class, utility)).or_default() += self.profile.weights[g as usize];
        }
        let mut entries: Vec<Entry> = merged
            .into_iter()
            .map(|((class, utility), count)| Entry {
                class,
                count,
                utility,
            })
            .collect();
        entries.sort_by(|a, b| {
            self.per_unit_order(b, a)
                .then(a.class.cmp(&b.class))
                .then(a.utility.cmp(&b.utility))
        });
        entries
    }

    /// Orders two entries by budget per unit of utility, exactly.
    fn per_unit_order(&self, a: &Entry, b: &Entry) -> Ordering {
        let x = self.approx[a.class as usize] / a.utility as f64;
        let y = self.approx[b.class as usize] / b.utility as f64;
        if (x - y).abs() > x.abs().max(y.abs()) * TOLERANCE {
            return x.total_cmp(&y);
        }
        let exact = |e: &Entry| &self.budget[e.class as usize] / integer(e.utility as u128);
        exact(a).cmp(&exact(b))
    }

    /// The price of the project for the largest group of `entries` that can pay it, and how many
    /// entries (from the richest) that group takes; `None` when no group can.
    fn price(&self, entries: &[Entry], cost: i64) -> Option<(usize, BigRational)> {
        let mut utility: u128 = entries
            .iter()
            .map(|e| e.count as u128 * e.utility as u128)
            .sum();
        for taken in (1..=entries.len()).rev() {
            let poorest = &entries[taken - 1];
            // The poorest per unit of the group pays ρ·u = cost·u / utility.
            let share = cost as f64 * poorest.utility as f64 / utility as f64;
            let budget = self.approx[poorest.class as usize];
            let can_pay = if share < budget * (1.0 - TOLERANCE) {
                true
            } else if share > budget * (1.0 + TOLERANCE) {
                false
            } else {
                integer(cost as u128) * integer(poorest.utility as u128) / integer(utility)
                    <= self.budget[poorest.class as usize]
            };
            if can_pay {
                return Some((taken, integer(cost as u128) / integer(utility)));
            }
            utility -= poorest.count as u128 * poorest.utility as u128;
        }
        None
    }

    /// Whether a price `rho` for `challenger` wins against `winner` at price `winning`.
    fn beats(
        &self,
        challenger: usize,
        rho: &BigRational,
        winner: usize,
        winning: &BigRational,
    ) -> bool {
        match rho.cmp(winning) {
            Ordering::Less => true,
            Ordering::Equal => {
                challenger != winner && self.tie.compare(challenger, winner) == Ordering::Less
            }
            Ordering::Greater => false,
        }
    }

    /// The smallest raise of every budget that lets a group of the project's supporters pay a
    /// price that beats `rival` (the round's winner and its price; any price when there is
    /// none), unless it is clearly more than the smallest raise already found.
    fn raise_to_win(
        &self,
        project: usize,
        rival: Option<(usize, &BigRational)>,
    ) -> Option<BigRational> {
        let entries = self.entries(project);
        let cost = self.profile.costs[project];
        let winning = rival.map(|(_, rho)| rho.to_f64().unwrap_or(f64::MAX));
        let ceiling = self
            .next_change
            .as_ref()
            .map_or(f64::INFINITY, |d| d.to_f64().unwrap_or(f64::MAX));
        // Screened in floating point; the raises that may be the smallest are then made exact.
        let mut screened: Vec<(usize, u128, f64, f64)> = Vec::new();
        let mut utility: u128 = 0;
        for (taken, entry) in entries.iter().enumerate() {
            utility += entry.count as u128 * entry.utility as u128;
            let rho = cost as f64 / utility as f64;
            if let (Some((winner, exact)), Some(winning)) = (rival, winning) {
                if rho > winning * (1.0 + TOLERANCE) {
                    continue;
                }
                if rho >= winning * (1.0 - TOLERANCE) {
                    let price = integer(cost as u128) / integer(utility);
                    if !self.beats(project, &price, winner, exact) {
                        continue;
                    }
                }
            }
            // On approval ballots every supporter values a project the same, so the poorest of
            // the group, the last, falls shortest.
            let share = rho * entry.utility as f64;
            let budget = self.approx[entry.class as usize];
            screened.push((
                taken,
                utility,
                share - budget,
                share.max(budget) * TOLERANCE,
            ));
        }
        let least = screened
            .iter()
            .map(|&(_, _, raise, slack)| raise + slack)
            .fold(ceiling, f64::min);
        screened
            .iter()
            .filter(|&&(_, _, raise, slack)| raise - slack <= least)
            .filter_map(|&(taken, utility, _, _)| {
                let entry = &entries[taken];
                let price = integer(cost as u128) / integer(utility);
                let raise =
                    price * integer(entry.utility as u128) - &self.budget[entry.class as usize];
                (raise > BigRational::zero()).then_some(raise)
            })
            .min()
    }

    fn note_change(&mut self, raise: Option<BigRational>) {
        if let Some(raise) = raise
            && self.next_change.as_ref().is_none_or(|n| raise < *n)
        {
            self.next_change = Some(raise);
        }
    }

    /// Runs every round to the end.
    fn complete(mut self) -> Self {
        let profile = self.profile;
        let mut lower_bound: Vec<f64> = self
            .cheapest
            .iter()
            .map(|c| c.to_f64().unwrap_or(0.0))
            .collect();
        let mut candidates = profile.available.clone();
        let mut unaffordable: Vec<usize> = Vec::new();
        loop {
            candidates.sort_by(|&a, &b| lower_bound[a].total_cmp(&lower_bound[b]).then(a.cmp(&b)));
            let mut best: Option<(usize, usize, BigRational, Vec<Entry>)> = None;
            let mut dropped = Vec::new();
            for &project in &candidates {
                if let Some((_, _, rho, _)) = &best
                    && lower_bound[project] > rho.to_f64().unwrap_or(f64::MAX) * (1.0 + TOLERANCE)
                {
                    break;
                }
                let entries = self.entries(project);
                match self.price(&entries, profile.costs[project]) {
                    None => {
                        let round = self.purchases.len() + 1;
                        let supporters = entries.iter().map(|e| e.count).sum();
                        let left = entries
                            .iter()
                            .map(|e| e.count as f64 * self.approx[e.class as usize])
                            .sum();
                        self.shortfalls[project].get_or_insert(Shortfall {
                            round,
                            supporters,
                            left,
                        });
                        dropped.push(project);
                    }
                    Some((taken, rho)) => {
                        lower_bound[project] = rho.to_f64().unwrap_or(f64::MAX);
                        let better = match &best {
                            None => true,
                            Some((winner, _, winning, _)) => {
                                self.beats(project, &rho, *winner, winning)
                            }
                        };
                        if better {
                            best = Some((project, taken, rho, entries));
                        }
                    }
                }
            }
            candidates.retain(|p| !dropped.contains(p));
            unaffordable.extend(dropped);
            let Some((winner, taken, rho, entries)) = best else {
                // Nothing can be paid for: any group that could pay anything changes the run.
                for &project in candidates.iter().chain(&unaffordable) {
                    let raise = self.raise_to_win(project, None);
                    self.note_change(raise);
                }
                break;
            };
            for &project in candidates.iter().chain(&unaffordable) {
                if self.beats(project, &self.cheapest[project], winner, &rho) {
                    let raise = self.raise_to_win(project, Some((winner, &rho)));
                    self.note_change(raise);
                }
            }
            self.buy(winner, &entries[..taken], rho);
            candidates.retain(|&p| p != winner);
        }
        self
    }

    /// The payers pay ρ·u each and move to a class of their own.
    fn buy(&mut self, project: usize, payers: &[Entry], rho: BigRational) {
        let mut moved: HashMap<(u32, u64), u32, FastHash> = HashMap::default();
        let mut most_paid = BigRational::zero();
        for entry in payers {
            let paid = &rho * integer(entry.utility as u128);
            let left = &self.budget[entry.class as usize] - &paid;
            if paid > most_paid {
                most_paid = paid;
            }
            self.approx.push(left.to_f64().unwrap_or(0.0));
            self.budget.push(left);
            moved.insert((entry.class, entry.utility), (self.budget.len() - 1) as u32);
        }
        for &(g, utility) in &self.profile.supporters[project] {
            if let Some(&class) = moved.get(&(self.class_of_group[g as usize], utility)) {
                self.class_of_group[g as usize] = class;
            }
        }
        self.purchases.push(Purchase {
            project,
            rho,
            payers: payers.iter().map(|e| e.count).sum(),
            most_paid,
        });
        self.selected.push(project);
    }

    fn reasons(&self) -> Vec<Why> {
        let profile = self.profile;
        let mut reasons: Vec<Why> = (0..profile.costs.len())
            .map(|p| {
                let cost = profile.costs[p];
                match self.shortfalls[p] {
                    _ if profile.supporters[p].is_empty() => Why::NoSupport,
                    Some(s) if s.left >= cost as f64 => Why::NoEqualSplit {
                        round: s.round,
                        supporters: s.supporters,
                        left: s.left,
                        cost,
                    },
                    Some(s) => Why::EqualSharesUnaffordable {
                        round: s.round,
                        supporters: s.supporters,
                        left: s.left,
                        cost,
                    },
                    None => Why::EqualSharesUnaffordable {
                        round: self.purchases.len() + 1,
                        supporters: 0,
                        left: 0.0,
                        cost,
                    },
                }
            })
            .collect();
        for &p in &profile.free {
            reasons[p] = Why::Free;
        }
        for (index, purchase) in self.purchases.iter().enumerate() {
            reasons[purchase.project] = Why::EqualSharesBought {
                round: index + 1,
                rho: purchase.rho.to_f64().unwrap_or(0.0),
                supporters: purchase.payers,
                paid_all_they_had: 0,
                most_paid: purchase.most_paid.to_f64().unwrap_or(0.0),
                cost: profile.costs[purchase.project],
            };
        }
        reasons
    }
}

/// One run of Exact Equal Shares with `per_voter` (hundredths) per voter: the projects bought in
/// order, each with its price per unit of utility, and the smallest raise of the per-voter
/// budget that would change the run (for tests).
pub fn exact_equal_shares(
    election: &Election,
    tie: &TieBreaker,
    options: &Options,
    per_voter: &BigRational,
) -> (Vec<(usize, BigRational)>, Option<BigRational>) {
    let profile = Profile::new(election, options.utility);
    let run = Run::new(&profile, tie, per_voter).complete();
    let bought = run
        .purchases
        .iter()
        .map(|p| (p.project, p.rho.clone()))
        .collect();
    (bought, run.next_change)
}

/// Exact Equal Shares completed by add-opt, with the reasons of the run it settled on.
pub fn add_opt_explained(
    election: &Election,
    tie: &TieBreaker,
    options: &Options,
) -> (Outcome, Vec<Why>, Ending) {
    let profile = Profile::new(election, options.utility);
    let finish = |run: Run, per_voter: &BigRational, runs, next_overspends| {
        let ending = Ending::AddOpt {
            per_voter: describe(per_voter),
            runs,
            next_overspends,
        };
        let selected = run.selected.clone();
        settle(election, selected, per_voter, runs, run.reasons(), ending)
    };
    let mut previous: Option<(Run, BigRational)> = None;
    let mut per_voter = per_voter_start(election);
    let mut runs = 0;
    loop {
        let run = Run::new(&profile, tie, &per_voter).complete();
        runs += 1;
        match profile.progress(election, options.add1_stop, &run.selected, &per_voter) {
            Progress::Overspends => {
                // The equal split never overspends: payments never exceed what voters have.
                let (run, per_voter) = previous.unwrap_or((run, per_voter));
                return finish(run, &per_voter, runs, true);
            }
            Progress::Settled => return finish(run, &per_voter, runs, false),
            Progress::Raise => {
                let Some(raise) = run.next_change.clone() else {
                    return finish(run, &per_voter, runs, false);
                };
                let next = &per_voter + raise;
                previous = Some((run, per_voter));
                per_voter = next;
            }
        }
    }
}

//! A participatory-budgeting election as the outcome rules see it: a budget, projects with
//! costs, and ballots. Amounts are kept as integers in hundredths of the currency unit, so
//! `1234.56` and `1234` are both exact.

use std::collections::HashMap;

/// Hundredths of a currency unit per unit.
pub const CENTS: i64 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoteType {
    /// Any set of projects.
    Approval,
    /// Exactly one project.
    ChooseOne,
    /// Points spread over projects.
    Cumulative,
    /// A ranking, best first.
    Ordinal,
    /// A score per project.
    Scoring,
}

impl VoteType {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "approval" => Some(Self::Approval),
            "choose-1" => Some(Self::ChooseOne),
            "cumulative" => Some(Self::Cumulative),
            "ordinal" => Some(Self::Ordinal),
            "scoring" => Some(Self::Scoring),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::ChooseOne => "choose-1",
            Self::Cumulative => "cumulative",
            Self::Ordinal => "ordinal",
            Self::Scoring => "scoring",
        }
    }

    /// Whether ballots carry a `points` column.
    pub fn has_points(self) -> bool {
        matches!(self, Self::Cumulative | Self::Scoring)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    /// Cost in hundredths of the currency unit.
    pub cost: i64,
}

/// One voter's ballot: project indices (for ordinal ballots in rank order) and, for
/// cumulative and scoring ballots, the points given to each.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Ballot {
    pub projects: Vec<u32>,
    pub points: Vec<i64>,
}

/// The data every rule works on.
#[derive(Clone, Debug)]
pub struct Election {
    pub vote_type: VoteType,
    /// Budget in hundredths of the currency unit.
    pub budget: i64,
    pub projects: Vec<Project>,
    pub ballots: Vec<Ballot>,
    /// For ordinal ballots: the length used for rank scores (META `max_length`).
    pub max_length: Option<usize>,
    /// META `min_project_score_threshold`, for `greedy-threshold`.
    pub score_threshold: Option<i64>,
    /// META `min_votes` (a wijkbudget key): a project named on fewer ballots is not selectable
    /// under any rule.
    pub min_votes: Option<i64>,
}

impl Election {
    pub fn project_index(&self) -> HashMap<&str, usize> {
        self.projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }

    /// What a ballot gives each of its projects: 1 per approval, the points of cumulative and
    /// scoring ballots, and `max_length − rank + 1` for a ranking (the pabulib convention).
    pub fn ballot_scores<'a>(
        &'a self,
        ballot: &'a Ballot,
    ) -> impl Iterator<Item = (u32, i64)> + 'a {
        let length = self
            .max_length
            .unwrap_or(ballot.projects.len())
            .max(ballot.projects.len()) as i64;
        ballot
            .projects
            .iter()
            .enumerate()
            .map(move |(rank, &project)| {
                let score = match self.vote_type {
                    VoteType::Approval | VoteType::ChooseOne => 1,
                    VoteType::Cumulative | VoteType::Scoring => {
                        ballot.points.get(rank).copied().unwrap_or(0)
                    }
                    VoteType::Ordinal => length - rank as i64,
                };
                (project, score)
            })
    }

    /// The same election over some of its projects (`kept`, ascending indices); ballots keep
    /// their choices among them, a ranking closing up over the ones left out.
    pub fn restricted_to(&self, kept: &[usize]) -> Election {
        let mut new_index = vec![None; self.projects.len()];
        for (new, &old) in kept.iter().enumerate() {
            new_index[old] = Some(new as u32);
        }
        let ballots = self
            .ballots
            .iter()
            .map(|ballot| {
                let mut restricted = Ballot::default();
                for (rank, &p) in ballot.projects.iter().enumerate() {
                    if let Some(new) = new_index[p as usize] {
                        restricted.projects.push(new);
                        if let Some(&points) = ballot.points.get(rank) {
                            restricted.points.push(points);
                        }
                    }
                }
                restricted
            })
            .collect();
        Election {
            projects: kept.iter().map(|&p| self.projects[p].clone()).collect(),
            ballots,
            min_votes: None,
            ..self.clone()
        }
    }

    /// Number of ballots naming each project.
    pub fn vote_counts(&self) -> Vec<i64> {
        let mut counts = vec![0i64; self.projects.len()];
        for ballot in &self.ballots {
            for &p in &ballot.projects {
                counts[p as usize] += 1;
            }
        }
        counts
    }

    /// Total score of each project: votes for approval ballots, points or rank scores otherwise.
    pub fn scores(&self) -> Vec<i64> {
        let mut scores = vec![0i64; self.projects.len()];
        for ballot in &self.ballots {
            for (p, s) in self.ballot_scores(ballot) {
                scores[p as usize] += s;
            }
        }
        scores
    }

    pub fn total_cost(&self, selected: &[usize]) -> i64 {
        selected.iter().map(|&p| self.projects[p].cost).sum()
    }

    /// Ballots naming at least one of the `selected` projects.
    pub fn voters_reached(&self, selected: &[usize]) -> usize {
        let mut funded = vec![false; self.projects.len()];
        selected.iter().for_each(|&p| funded[p] = true);
        self.ballots
            .iter()
            .filter(|b| b.projects.iter().any(|&p| funded[p as usize]))
            .count()
    }
}

/// Parses an amount with at most two decimals into hundredths.
pub fn parse_amount(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (text, ""),
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!("{text:?} is not an amount"));
    }
    if fraction.len() > 2 {
        return Err(format!("{text:?} has more than two decimals"));
    }
    let whole: i64 = whole
        .parse()
        .map_err(|_| format!("{text:?} is too large"))?;
    let mut cents: i64 = 0;
    for (i, digit) in fraction.bytes().enumerate() {
        cents += (digit - b'0') as i64 * if i == 0 { 10 } else { 1 };
    }
    whole
        .checked_mul(CENTS)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(|| format!("{text:?} is too large"))
}

/// Writes hundredths back as the shortest exact decimal.
pub fn format_amount(cents: i64) -> String {
    let (whole, fraction) = (cents / CENTS, cents % CENTS);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_round_trip_exactly() {
        assert_eq!(parse_amount("1234"), Ok(123_400));
        assert_eq!(parse_amount("969245.38"), Ok(96_924_538));
        assert_eq!(parse_amount("3000.0"), Ok(300_000));
        assert_eq!(parse_amount("446829.4"), Ok(44_682_940));
        assert!(parse_amount("1.234").is_err());
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("abc").is_err());
        for cents in [0, 5, 50, 123_400, 96_924_538, 44_682_940] {
            assert_eq!(parse_amount(&format_amount(cents)), Ok(cents));
        }
    }
}

//! Ballots: the four ballot types, the limits of each, and the check of a ballot against them.
//! Every limit is enforced here, on the server, whatever a frontend does.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BallotType {
    /// Choose between `min_choices` and `max_choices` projects.
    Approval,
    /// Choose projects whose costs add up to at most `budget_limit_cents`.
    Knapsack,
    /// Spread `points` over projects, at most `max_points_per_project` each.
    Cumulative,
    /// Order up to `max_choices` projects, best first.
    Ranked,
}

impl BallotType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::Knapsack => "knapsack",
            Self::Cumulative => "cumulative",
            Self::Ranked => "ranked",
        }
    }

    pub const ALL: [BallotType; 4] = [
        Self::Approval,
        Self::Knapsack,
        Self::Cumulative,
        Self::Ranked,
    ];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }

    /// What the outcome engine counts these ballots as: approval and knapsack ballots name
    /// projects, cumulative ones give points, ranked ones an order.
    pub fn vote_type(self) -> crate::tally::election::VoteType {
        use crate::tally::election::VoteType;
        match self {
            Self::Approval | Self::Knapsack => VoteType::Approval,
            Self::Cumulative => VoteType::Cumulative,
            Self::Ranked => VoteType::Ordinal,
        }
    }

    /// Whether an outcome rule can count ballots of this type (Phragmén and Exact Equal Shares
    /// need approvals; the others take every type).
    pub fn counts_with(self, rule: crate::tally::Rule) -> bool {
        rule.counts(self.vote_type())
    }

    /// The round settings that shape ballots of this type (`min_age`, `allows_abstention` and
    /// the rule fit every type).
    pub fn settings(self) -> &'static [&'static str] {
        match self {
            Self::Approval | Self::Ranked => &["min_choices", "max_choices"],
            Self::Knapsack => &[
                "min_choices",
                "max_choices",
                "budget_limit_cents",
                "min_spend_bp",
            ],
            Self::Cumulative => &[
                "min_choices",
                "max_choices",
                "points",
                "max_points_per_project",
            ],
        }
    }
}

/// The limits of a round's ballots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotRules {
    pub ballot_type: BallotType,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    pub budget_limit_cents: Option<i64>,
    pub min_spend_bp: Option<i32>,
    pub points: Option<i32>,
    pub max_points_per_project: Option<i32>,
    /// Whether an empty ballot is accepted (counted as taking part without choosing).
    pub allows_abstention: bool,
}

impl BallotRules {
    /// The limits must make sense together and for the type. One list of independent checks,
    /// each a few lines, kept together so every rule of a ballot can be read at once.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let positive = |value: Option<i32>| value.is_none_or(|v| v >= 0);
        if !positive(self.min_choices) {
            errors.push(FieldError::new("min_choices", t!("must-not-be-negative")));
        }
        if self.max_choices.is_some_and(|v| v < 1) {
            errors.push(FieldError::new("max_choices", t!("must-be-at-least-1")));
        }
        if let (Some(min), Some(max)) = (self.min_choices, self.max_choices)
            && min > max
        {
            errors.push(FieldError::new(
                "min_choices",
                t!("must-not-exceed-max-choices"),
            ));
        }
        match self.ballot_type {
            BallotType::Knapsack => {
                if self.budget_limit_cents.is_some_and(|b| b < 0) {
                    errors.push(FieldError::new(
                        "budget_limit_cents",
                        t!("must-not-be-negative"),
                    ));
                }
                if self
                    .min_spend_bp
                    .is_some_and(|b| !(0..=10_000).contains(&b))
                {
                    errors.push(FieldError::new(
                        "min_spend_bp",
                        t!("number-between", min = 0, max = 10000),
                    ));
                }
            }
            BallotType::Cumulative => {
                if self.points.is_none_or(|p| p < 1) {
                    errors.push(FieldError::new(
                        "points",
                        t!("a-cumulative-ballot-needs-at-least-1"),
                    ));
                }
                if self.max_points_per_project.is_some_and(|p| p < 1) {
                    errors.push(FieldError::new(
                        "max_points_per_project",
                        t!("must-be-at-least-1"),
                    ));
                }
            }
            BallotType::Approval | BallotType::Ranked => {
                for (field, present) in [
                    ("points", self.points.is_some()),
                    (
                        "max_points_per_project",
                        self.max_points_per_project.is_some(),
                    ),
                    ("min_spend_bp", self.min_spend_bp.is_some()),
                ] {
                    if present {
                        errors.push(FieldError::new(
                            field,
                            t!(
                                "not-for-ballot-type",
                                ballot_type = self.ballot_type.as_str()
                            ),
                        ));
                    }
                }
            }
        }
        errors
    }
}

/// What a voter chose, in canonical form: project ids in the voter's order (the order matters
/// only for rankings), or points per project sorted by project id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choices {
    ProjectIds(Vec<i64>),
    Points(BTreeMap<i64, i64>),
}

impl Choices {
    /// The canonical text of the ballot, used for receipts and the ballots hash.
    pub fn canonical(&self) -> String {
        match self {
            Choices::ProjectIds(ids) => {
                format!(
                    "p:{}",
                    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
                )
            }
            Choices::Points(points) => format!(
                "s:{}",
                points
                    .iter()
                    .map(|(p, n)| format!("{p}={n}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    /// Drops the choices of projects that are not in `projects` (taken off the ballot).
    pub fn keep_only(&mut self, projects: &[i64]) {
        match self {
            Choices::ProjectIds(ids) => ids.retain(|id| projects.contains(id)),
            Choices::Points(points) => points.retain(|id, _| projects.contains(id)),
        }
    }

    pub fn projects(&self) -> Vec<i64> {
        match self {
            Choices::ProjectIds(ids) => ids.clone(),
            Choices::Points(points) => points.keys().copied().collect(),
        }
    }
}

/// Checks a ballot against the round's limits. `costs` holds every project on the ballot.
pub fn check(
    rules: &BallotRules,
    costs: &HashMap<i64, i64>,
    choices: &Choices,
) -> Result<Choices, Vec<FieldError>> {
    let mut errors = Vec::new();
    if choices.projects().is_empty() && !rules.allows_abstention {
        let field = match choices {
            Choices::ProjectIds(_) => "project_ids",
            Choices::Points(_) => "points",
        };
        errors.push(FieldError::coded(
            field,
            "abstention",
            t!("an-empty-ballot-is-not-accepted-in"),
        ));
    }
    match (rules.ballot_type, choices) {
        (BallotType::Cumulative, Choices::ProjectIds(_)) => {
            return Err(vec![FieldError::new(
                "points",
                t!("cumulative-gives-points"),
            )]);
        }
        (BallotType::Cumulative, Choices::Points(points)) => {
            for (project, n) in points {
                if !costs.contains_key(project) {
                    errors.push(FieldError::coded(
                        format!("points.{project}"),
                        "unknown_project",
                        t!("is-not-on-this-ballot"),
                    ));
                }
                if *n < 1 {
                    errors.push(FieldError::coded(
                        format!("points.{project}"),
                        "positive_points",
                        t!("must-be-at-least-1"),
                    ));
                }
                if let Some(max) = rules.max_points_per_project
                    && *n > max as i64
                {
                    errors.push(FieldError::coded(
                        format!("points.{project}"),
                        "max_points_per_project",
                        t!("at-most-points-per-project", max = max),
                    ));
                }
            }
            let total: i64 = points.values().sum();
            if let Some(available) = rules.points
                && total > available as i64
            {
                errors.push(FieldError::coded(
                    "points",
                    "points",
                    t!(
                        "points-given-available",
                        total = total,
                        available = available
                    ),
                ));
            }
            if let Some(max) = rules.max_choices
                && points.len() > max as usize
            {
                errors.push(FieldError::coded(
                    "points",
                    "max_choices",
                    t!("points-for-at-most-projects", max = max),
                ));
            }
        }
        (_, Choices::Points(_)) => {
            return Err(vec![FieldError::new(
                "project_ids",
                t!(
                    "ballot-lists-projects",
                    ballot_type = rules.ballot_type.as_str()
                ),
            )]);
        }
        (ballot_type, Choices::ProjectIds(ids)) => {
            let mut seen = HashSet::new();
            for id in ids {
                if !costs.contains_key(id) {
                    errors.push(FieldError::coded(
                        "project_ids",
                        "unknown_project",
                        t!("project-is-not-on-this-ballot", id = id),
                    ));
                }
                if !seen.insert(id) {
                    errors.push(FieldError::coded(
                        "project_ids",
                        "duplicate_project",
                        t!("project-is-chosen-twice", id = id),
                    ));
                }
            }
            if let Some(min) = rules.min_choices
                && ids.len() < min as usize
            {
                errors.push(FieldError::coded(
                    "project_ids",
                    "min_choices",
                    t!("choose-at-least-projects", min = min),
                ));
            }
            if let Some(max) = rules.max_choices
                && ids.len() > max as usize
            {
                errors.push(FieldError::coded(
                    "project_ids",
                    "max_choices",
                    t!("choose-at-most-projects", max = max),
                ));
            }
            if ballot_type == BallotType::Knapsack {
                let spent: i64 = seen.iter().filter_map(|id| costs.get(id)).sum();
                if let Some(limit) = rules.budget_limit_cents {
                    if spent > limit {
                        errors.push(FieldError::coded(
                            "project_ids",
                            "budget_limit",
                            t!(
                                "the-chosen-projects-cost-cents-more-than",
                                spent = spent,
                                limit = limit
                            ),
                        ));
                    }
                    if let Some(bp) = rules.min_spend_bp {
                        let minimum = ((limit as i128 * bp as i128 + 9_999) / 10_000) as i64;
                        if spent < minimum {
                            errors.push(FieldError::coded(
                                "project_ids",
                                "min_spend",
                                t!(
                                    "the-chosen-projects-cost-cents-spend-at",
                                    spent = spent,
                                    minimum = minimum
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(choices.clone())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn costs() -> HashMap<i64, i64> {
        HashMap::from([(1, 100), (2, 200), (3, 300), (4, 400)])
    }

    fn rules(ballot_type: BallotType) -> BallotRules {
        BallotRules {
            ballot_type,
            min_choices: None,
            max_choices: None,
            budget_limit_cents: None,
            min_spend_bp: None,
            points: None,
            max_points_per_project: None,
            allows_abstention: false,
        }
    }

    fn rule_of(result: Result<Choices, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.code)
            .collect()
    }

    #[test]
    fn an_empty_ballot_counts_only_where_abstention_is_allowed() {
        for ballot_type in [
            BallotType::Approval,
            BallotType::Knapsack,
            BallotType::Ranked,
            BallotType::Cumulative,
        ] {
            let mut r = rules(ballot_type);
            r.points = Some(10);
            let empty = if ballot_type == BallotType::Cumulative {
                Choices::Points(BTreeMap::new())
            } else {
                Choices::ProjectIds(vec![])
            };
            assert!(rule_of(check(&r, &costs(), &empty))[0].contains("abstention"));
            r.allows_abstention = true;
            assert_eq!(
                check(&r, &costs(), &empty),
                Ok(empty.clone()),
                "{ballot_type:?}"
            );
        }
    }

    #[test]
    fn approval_limits_name_their_rule() {
        let r = BallotRules {
            min_choices: Some(2),
            max_choices: Some(3),
            ..rules(BallotType::Approval)
        };
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![1])))[0].contains("min_choices")
        );
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![1, 2, 3, 4])))[0]
                .contains("max_choices")
        );
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![1, 1])))[0]
                .contains("duplicate_project")
        );
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![1, 9])))[0]
                .contains("unknown_project")
        );
        assert!(check(&r, &costs(), &Choices::ProjectIds(vec![1, 2])).is_ok());
    }

    #[test]
    fn knapsack_checks_budget_and_minimum_spend() {
        let r = BallotRules {
            budget_limit_cents: Some(500),
            min_spend_bp: Some(5000),
            ..rules(BallotType::Knapsack)
        };
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![2, 4])))[0]
                .contains("budget_limit")
        );
        assert!(
            rule_of(check(&r, &costs(), &Choices::ProjectIds(vec![1])))[0].contains("min_spend")
        );
        assert!(check(&r, &costs(), &Choices::ProjectIds(vec![1, 4])).is_ok());
    }

    #[test]
    fn cumulative_checks_totals_and_per_project_caps() {
        let r = BallotRules {
            points: Some(5),
            max_points_per_project: Some(3),
            ..rules(BallotType::Cumulative)
        };
        let points = |pairs: &[(i64, i64)]| Choices::Points(pairs.iter().copied().collect());
        assert!(
            rule_of(check(&r, &costs(), &points(&[(1, 4)])))[0].contains("max_points_per_project")
        );
        assert!(rule_of(check(&r, &costs(), &points(&[(1, 3), (2, 3)])))[0].contains("points"));
        assert!(rule_of(check(&r, &costs(), &points(&[(1, 0)])))[0].contains("positive_points"));
        assert!(check(&r, &costs(), &points(&[(1, 3), (2, 2)])).is_ok());
        assert!(check(&r, &costs(), &Choices::ProjectIds(vec![1])).is_err());
    }

    #[test]
    fn canonical_text_is_stable() {
        assert_eq!(Choices::ProjectIds(vec![3, 1]).canonical(), "p:3,1");
        assert_eq!(
            Choices::Points(BTreeMap::from([(2, 1), (1, 4)])).canonical(),
            "s:1=4,2=1"
        );
    }

    proptest! {
        #[test]
        fn an_accepted_knapsack_ballot_never_exceeds_the_budget(
            ids in prop::collection::vec(1i64..5, 0..5),
            limit in 0i64..1100,
        ) {
            let r = BallotRules { budget_limit_cents: Some(limit), ..rules(BallotType::Knapsack) };
            if check(&r, &costs(), &Choices::ProjectIds(ids.clone())).is_ok() {
                let spent: i64 = ids.iter().map(|i| costs()[i]).sum();
                prop_assert!(spent <= limit);
            }
        }

        #[test]
        fn an_accepted_cumulative_ballot_respects_every_cap(
            pairs in prop::collection::btree_map(1i64..5, -1i64..6, 0..5),
            total in 1i32..12,
            cap in 1i32..6,
        ) {
            let r = BallotRules { points: Some(total), max_points_per_project: Some(cap), ..rules(BallotType::Cumulative) };
            if check(&r, &costs(), &Choices::Points(pairs.clone())).is_ok() {
                prop_assert!(pairs.values().sum::<i64>() <= total as i64);
                prop_assert!(pairs.values().all(|&n| n >= 1 && n <= cap as i64));
            }
        }
    }
}

//! Proposals (burgerinitiatieven): their states, the moves between them, and the rules their
//! fields follow.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text_enum;

use crate::error::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    Draft,
    Submitted,
    ThresholdReached,
    Expired,
    Feasible,
    Infeasible,
    OnBallot,
    Selected,
    NotSelected,
    Approved,
    Rejected,
    Funded,
    InProgress,
    Completed,
    Withdrawn,
}

impl ProposalState {
    pub const ALL: [ProposalState; 15] = [
        Self::Draft,
        Self::Submitted,
        Self::ThresholdReached,
        Self::Expired,
        Self::Feasible,
        Self::Infeasible,
        Self::OnBallot,
        Self::Selected,
        Self::NotSelected,
        Self::Approved,
        Self::Rejected,
        Self::Funded,
        Self::InProgress,
        Self::Completed,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::ThresholdReached => "threshold_reached",
            Self::Expired => "expired",
            Self::Feasible => "feasible",
            Self::Infeasible => "infeasible",
            Self::OnBallot => "on_ballot",
            Self::Selected => "selected",
            Self::NotSelected => "not_selected",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Funded => "funded",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The states this one may move to. `threshold_reached` and `expired` are reached only by
    /// the system at the end of the support phase.
    pub fn next_states(self) -> &'static [ProposalState] {
        use ProposalState::*;
        match self {
            Draft => &[Submitted, Withdrawn],
            Submitted => &[ThresholdReached, Expired, Withdrawn],
            ThresholdReached => &[Feasible, Infeasible, Withdrawn],
            // A reviewer may revise a verdict while the review phase lasts.
            Feasible => &[Infeasible, OnBallot, Withdrawn],
            Infeasible => &[Feasible],
            // Taken off an open ballot by an administrator, with a reason.
            // Back to feasible when its round is called off before anyone voted.
            OnBallot => &[Selected, NotSelected, Withdrawn, Feasible],
            Selected => &[Approved, Rejected],
            NotSelected => &[Approved, Rejected],
            Approved => &[Funded, Rejected],
            Rejected => &[Approved],
            Funded => &[InProgress],
            InProgress => &[Completed],
            Expired | Completed | Withdrawn => &[],
        }
    }

    pub fn can_move_to(self, next: ProposalState) -> bool {
        self.next_states().contains(&next)
    }
}

pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 500;
pub const BODY_MAX: usize = 20_000;
pub const COST_LINES_MAX: usize = 50;

/// The text fields of a proposal, checked.
pub fn check_texts(title: &str, summary: &str, body: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title_len = title.trim().chars().count();
    if title_len == 0 || title_len > TITLE_MAX {
        errors.push(FieldError::new(
            "title",
            t!("length-between", min = 1, max = TITLE_MAX),
        ));
    }
    let summary_len = summary.trim().chars().count();
    if summary_len == 0 || summary_len > SUMMARY_MAX {
        errors.push(FieldError::new(
            "summary",
            t!("length-between", min = 1, max = SUMMARY_MAX),
        ));
    }
    if body.chars().count() > BODY_MAX {
        errors.push(FieldError::new(
            "body",
            t!("length-at-most", max = BODY_MAX),
        ));
    }
    if [title, summary]
        .iter()
        .any(|t| t.chars().any(|c| c.is_control() && c != '\n'))
    {
        errors.push(FieldError::new(
            "title",
            t!("must-not-contain-control-characters"),
        ));
    }
    errors
}

/// A location in millionths of a degree.
pub fn check_location(latitude: f64, longitude: f64) -> Result<(i64, i64), FieldError> {
    if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
        return Err(FieldError::new(
            "latitude",
            t!("number-between", min = -90, max = 90),
        ));
    }
    if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
        return Err(FieldError::new(
            "longitude",
            t!("number-between", min = -180, max = 180),
        ));
    }
    Ok((
        (latitude * 1e6).round() as i64,
        (longitude * 1e6).round() as i64,
    ))
}

text_enum! {
    /// A department's feasibility verdict on a proposal.
    pub enum Verdict {
        Feasible => "feasible",
        Infeasible => "infeasible",
    }
}

impl Verdict {
    /// The state the proposal moves to with this verdict.
    pub fn state(self) -> ProposalState {
        match self {
            Self::Feasible => ProposalState::Feasible,
            Self::Infeasible => ProposalState::Infeasible,
        }
    }
}

/// The names of a cost and its breakdown in a request: the author's estimate, or the cost a
/// reviewing department set.
pub struct CostFields {
    pub total: &'static str,
    pub lines: &'static str,
}

pub const ESTIMATED_COST: CostFields = CostFields {
    total: "estimated_cost_cents",
    lines: "cost_lines",
};

pub const REVIEWED_COST: CostFields = CostFields {
    total: "reviewed_cost_cents",
    lines: "reviewed_cost_lines",
};

/// The cost must not be negative; cost lines, when given, are few, described, not negative
/// and add up to the cost.
pub fn check_costs(
    fields: &CostFields,
    estimated_cost_cents: i64,
    cost_lines: &[(String, i64)],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let lines = fields.lines;
    if estimated_cost_cents < 0 {
        errors.push(FieldError::new(fields.total, t!("must-not-be-negative")));
    }
    if cost_lines.len() > COST_LINES_MAX {
        errors.push(FieldError::new(
            lines,
            t!("at-most-lines", max = COST_LINES_MAX),
        ));
    }
    for (i, (description, amount)) in cost_lines.iter().enumerate() {
        if description.trim().is_empty() || description.chars().count() > 200 {
            errors.push(FieldError::new(
                format!("{lines}[{i}].description"),
                t!("length-between", min = 1, max = 200),
            ));
        }
        if *amount < 0 {
            errors.push(FieldError::new(
                format!("{lines}[{i}].amount_cents"),
                t!("must-not-be-negative"),
            ));
        }
    }
    if !cost_lines.is_empty() {
        let total: i64 = cost_lines.iter().map(|(_, a)| *a).sum();
        if total != estimated_cost_cents {
            errors.push(FieldError::new(
                lines,
                t!(
                    "add-up-to-cents-not-the-estimated",
                    total = total,
                    estimated_cost_cents = estimated_cost_cents
                ),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_only_states_cannot_be_skipped_to() {
        assert!(!ProposalState::Draft.can_move_to(ProposalState::ThresholdReached));
        assert!(!ProposalState::Submitted.can_move_to(ProposalState::Feasible));
        assert!(ProposalState::Submitted.can_move_to(ProposalState::Expired));
        assert!(ProposalState::Expired.next_states().is_empty());
    }

    #[test]
    fn long_texts_are_refused() {
        let errors = check_texts(&"x".repeat(121), &"y".repeat(501), "");
        assert_eq!(errors.len(), 2);
        assert!(check_texts("Speeltuin", "Een speeltuin", "Details").is_empty());
    }

    #[test]
    fn cost_lines_add_up_to_the_estimate() {
        let lines = vec![("bench".to_string(), 300), ("paint".to_string(), 200)];
        assert!(check_costs(&ESTIMATED_COST, 500, &lines).is_empty());
        let fields: Vec<String> = check_costs(&ESTIMATED_COST, 600, &lines)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["cost_lines"]);
        let fields: Vec<String> = check_costs(&REVIEWED_COST, 700, &lines)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["reviewed_cost_lines"]);
        let fields: Vec<String> = check_costs(&ESTIMATED_COST, -1, &[("".to_string(), -1)])
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(fields.contains(&"estimated_cost_cents".to_string()));
        assert!(fields.contains(&"cost_lines[0].description".to_string()));
        assert!(fields.contains(&"cost_lines[0].amount_cents".to_string()));
    }
}

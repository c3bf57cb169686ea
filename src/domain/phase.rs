//! The phases of an edition and which moves between them are allowed.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Draft,
    Ideas,
    Support,
    Review,
    Voting,
    Decision,
    Implementation,
    Closed,
}

impl Phase {
    pub const ALL: [Phase; 8] = [
        Phase::Draft,
        Phase::Ideas,
        Phase::Support,
        Phase::Review,
        Phase::Voting,
        Phase::Decision,
        Phase::Implementation,
        Phase::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Ideas => "ideas",
            Phase::Support => "support",
            Phase::Review => "review",
            Phase::Voting => "voting",
            Phase::Decision => "decision",
            Phase::Implementation => "implementation",
            Phase::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == value)
    }

    pub fn index(self) -> usize {
        Phase::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Phase> {
        Phase::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Phase> {
        self.index().checked_sub(1).map(|i| Phase::ALL[i])
    }
}

/// Why a phase change is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PhaseChangeError {
    /// Only one step forward, or one step back, at a time.
    NotAdjacent {
        from: Phase,
        to: Phase,
    },
    /// Going back needs a reason.
    ReasonRequired,
    SamePhase,
}

/// Checks a move from `from` to `to`; going back one step needs a reason.
pub fn check_change(from: Phase, to: Phase, reason: Option<&str>) -> Result<(), PhaseChangeError> {
    if from == to {
        return Err(PhaseChangeError::SamePhase);
    }
    if from.next() == Some(to) {
        return Ok(());
    }
    if from.previous() == Some(to) {
        return match reason.map(str::trim) {
            Some(r) if !r.is_empty() => Ok(()),
            _ => Err(PhaseChangeError::ReasonRequired),
        };
    }
    Err(PhaseChangeError::NotAdjacent { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_forward_is_allowed_and_skips_are_not() {
        assert_eq!(check_change(Phase::Draft, Phase::Ideas, None), Ok(()));
        assert!(matches!(
            check_change(Phase::Draft, Phase::Support, None),
            Err(PhaseChangeError::NotAdjacent { .. })
        ));
        assert!(matches!(
            check_change(Phase::Voting, Phase::Ideas, Some("x")),
            Err(PhaseChangeError::NotAdjacent { .. })
        ));
    }

    #[test]
    fn one_step_back_needs_a_reason() {
        assert_eq!(
            check_change(Phase::Support, Phase::Ideas, None),
            Err(PhaseChangeError::ReasonRequired)
        );
        assert_eq!(
            check_change(Phase::Support, Phase::Ideas, Some("  ")),
            Err(PhaseChangeError::ReasonRequired)
        );
        assert_eq!(
            check_change(Phase::Support, Phase::Ideas, Some("deadline extended")),
            Ok(())
        );
    }

    #[test]
    fn phases_are_ordered() {
        assert!(Phase::Voting > Phase::Review);
        assert_eq!(Phase::Closed.next(), None);
        assert_eq!(Phase::Draft.previous(), None);
    }
}

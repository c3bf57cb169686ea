//! What residents are told of, and when: each kind of event is mailed immediately, gathered in a
//! daily digest, or not at all, as each resident chooses.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::domain::text_enum;

text_enum! {
    /// A kind of event a resident can be told of.
    pub enum EventKind {
        /// A proposal changed state (published, withdrawn, hidden, …).
        StateChange => "state_change",
        /// The city's feasibility review of a proposal ended.
        Review => "review",
        /// Someone commented on a proposal.
        NewComment => "new_comment",
        /// A round opened, moved or was called off.
        RoundOpening => "round_opening",
        /// Results or a council decision about a proposal or a round.
        Decision => "decision",
        /// Work on a funded proposal reached a milestone.
        Milestone => "milestone",
    }
}

text_enum! {
    /// When a resident hears of a kind of event.
    pub enum Delivery {
        Immediately => "immediately",
        DailyDigest => "daily_digest",
        Never => "never",
    }
}

impl EventKind {
    /// The kind of event a proposal reaching `state` is: the review's verdicts, the outcome of
    /// the vote and the council, the work on it, or any other change.
    pub fn of_proposal_state(state: &str) -> Self {
        match state {
            "feasible" | "infeasible" => Self::Review,
            "selected" | "not_selected" | "approved" | "rejected" | "funded"
            | "added_by_council" | "removed_by_council" => Self::Decision,
            "in_progress" | "completed" => Self::Milestone,
            _ => Self::StateChange,
        }
    }
}

/// The day whose digest is due at `now`, when the digest goes out at `hour` (UTC): today once
/// that hour has come, else yesterday (still due when the server was down at that hour).
pub fn digest_day(now: NaiveDateTime, hour: u32) -> NaiveDate {
    if now.hour() >= hour {
        now.date()
    } else {
        now.date().pred_opt().unwrap_or(now.date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(hour, 30, 0))
            .unwrap()
    }

    #[test]
    fn the_digest_of_a_day_is_due_from_its_hour_until_the_next_days() {
        assert_eq!(digest_day(at(2, 6), 7), at(1, 0).date());
        assert_eq!(digest_day(at(2, 7), 7), at(2, 0).date());
        assert_eq!(digest_day(at(2, 23), 7), at(2, 0).date());
        assert_eq!(digest_day(at(2, 0), 0), at(2, 0).date());
    }

    #[test]
    fn reviews_decisions_and_work_are_their_own_kinds() {
        assert_eq!(EventKind::of_proposal_state("feasible"), EventKind::Review);
        assert_eq!(EventKind::of_proposal_state("funded"), EventKind::Decision);
        assert_eq!(
            EventKind::of_proposal_state("completed"),
            EventKind::Milestone
        );
        assert_eq!(
            EventKind::of_proposal_state("withdrawn"),
            EventKind::StateChange
        );
    }

    #[test]
    fn every_kind_and_delivery_reads_back_from_its_name() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(*kind));
        }
        for delivery in Delivery::ALL {
            assert_eq!(Delivery::parse(delivery.as_str()), Some(*delivery));
        }
    }
}

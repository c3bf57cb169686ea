//! The life of a voting round and the ways a vote reaches it.

use crate::domain::text_enum;

text_enum! {
    /// Where a round is in its life: set up, taking ballots, or counted (a round called off
    /// before anyone voted is closed without an outcome, see `Round::cancelled_at`).
    pub enum RoundStatus {
        /// Being set up; its rules can still change.
        Scheduled => "scheduled",
        /// Taking ballots; its rules are frozen.
        Open => "open",
        /// Counted; the outcome is stored.
        Closed => "closed",
    }
}

text_enum! {
    /// How a ballot reached the round.
    pub enum Channel {
        /// Cast by a signed-in resident.
        Online => "online",
        /// Entered from a paper ballot by staff.
        Paper => "paper",
        /// Cast with a one-time voting code.
        Code => "code",
    }
}

//! The council's answer to an outcome.

use crate::domain::text_enum;

text_enum! {
    /// Whether the council took the outcome as it is or changed it (with reasons).
    pub enum DecisionKind {
        Approve => "approve",
        Amend => "amend",
    }
}

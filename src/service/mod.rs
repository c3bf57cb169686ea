//! Use cases: one transaction each; they enforce phase rules and invariants.

pub mod accounts;
pub mod areas;
pub mod editions;
pub mod rate_limit;
pub mod residency;
pub mod roles;

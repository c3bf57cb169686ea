//! Use cases: one transaction each; they enforce phase rules and invariants.

pub mod accounts;

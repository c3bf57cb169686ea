//! Use cases: one transaction each; they enforce phase rules and invariants.

pub mod accounts;
pub mod areas;
pub mod attachments;
pub mod audit;
pub mod ballot_seal;
pub mod ballots;
pub mod comments;
pub mod decisions;
pub mod departments;
pub mod editions;
pub mod envelopes;
pub mod finance;
pub mod follows;
pub mod idempotency;
pub mod jobs;
pub mod notifications;
pub mod permit;
pub mod proposals;
pub mod rate_limit;
pub mod residency;
pub mod roles;
pub mod rounds;
pub mod search;
pub mod translations;
pub mod versions;

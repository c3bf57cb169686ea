//! Diesel queries per aggregate: the only code that knows SQL.

pub mod areas;
pub mod audit;
pub mod comments;
pub mod decisions;
pub mod departments;
pub mod editions;
pub mod finance;
pub mod finance_corrections;
pub mod idempotency_keys;
pub mod milestones;
pub mod one_time_tokens;
pub mod outbox;
pub mod plan_items;
pub mod proposal_reports;
pub mod proposal_search;
pub mod proposals;
pub mod rate_limits;
pub mod residency;
pub mod revisions;
pub mod roles;
pub mod rounds;
pub mod schema;
pub mod sessions;
pub mod sql;
pub mod text_column;
pub mod users;

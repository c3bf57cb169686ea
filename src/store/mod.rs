//! Diesel queries per aggregate: the only code that knows SQL.

pub mod audit;
pub mod roles;
pub mod schema;
pub mod users;

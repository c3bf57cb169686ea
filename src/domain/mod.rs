//! Pure types and rules: no I/O, no actix, no diesel.

pub mod area;
pub mod ballot;
pub mod email;
pub mod envelope;
pub mod finance;
pub mod geo;
pub mod locale;
pub mod markdown;
pub mod phase;
pub mod proposal;
pub mod role;

//! Pure types and rules: no I/O, no actix, no diesel.

pub mod area;
pub mod email;
pub mod envelope;
pub mod geo;
pub mod locale;
pub mod phase;
pub mod role;

//! Pure types and rules: no I/O, no actix, no diesel.

pub mod email;
pub mod locale;
pub mod role;

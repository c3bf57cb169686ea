//! Passwords, tokens and the authenticated caller.

pub mod caller;
pub mod password;
pub mod tokens;

//! Passwords, tokens and the authenticated caller.

pub mod password;

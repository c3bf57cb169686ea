//! Passwords, tokens, device tokens and the authenticated caller.

pub mod caller;
pub mod device;
pub mod password;
pub mod sealed;
pub mod tokens;

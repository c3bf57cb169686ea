//! What a one-time token sent by mail is for.

use crate::domain::text_enum;

text_enum! {
    /// The one thing a mailed token may be redeemed for.
    pub enum TokenPurpose {
        VerifyEmail => "verify_email",
        PasswordReset => "password_reset",
    }
}

//! How a resident's address was verified.

use crate::domain::text_enum;

text_enum! {
    /// The way a residency was established.
    pub enum ResidencyMethod {
        /// Checked in person by an area worker.
        InPerson => "in_person",
        /// A code sent by letter to the address and redeemed by the resident.
        LetterCode => "letter_code",
        /// Matched against the population register.
        Census => "census",
    }
}

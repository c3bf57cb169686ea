//! The languages residents can choose for e-mail.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nl,
    Fr,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Locale::Nl, Locale::Fr, Locale::En]
            .into_iter()
            .find(|l| l.as_str() == value)
    }
}

//! Pure types and rules: no I/O, no web framework, no SQL.

pub mod area;
pub mod attachment;
pub mod ballot;
pub mod comment;
pub mod decision;
pub mod email;
pub mod envelope;
pub mod finance;
pub mod geo;
pub mod locale;
pub mod markdown;
pub mod notification;
pub mod one_time_token;
pub mod phase;
pub mod proposal;
pub mod residency;
pub mod role;
pub mod round;
pub mod scope;
pub mod search;
pub mod translation;
pub mod webhook;

/// Declares a closed set of values stored as TEXT: the enum, its snake_case names (`as_str`,
/// `parse`, `ALL`) and serde in the same names. The database mapping lives in
/// `store::text_column`, beside the CHECK constraints that list the same names.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident => $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }

        $crate::domain::display_as_str!($name);
    };
}
pub(crate) use text_enum;

/// Messages name a state by its stored name.
macro_rules! display_as_str {
    ($($name:ty),+) => {$(
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}

pub(crate) use display_as_str;

display_as_str!(
    ballot::BallotType,
    envelope::Allocation,
    finance::FundingKind,
    finance::MilestoneStatus,
    locale::Locale,
    phase::Phase,
    proposal::ProposalState,
    role::Role
);

//! The closed sets of values kept in TEXT columns (states, phases, kinds, roles), mapped to their
//! domain enums for both backends: read with `FromSql`, written as their names
//! (`ToSql`, and bound as text in queries). The CHECK constraints in the migrations list the same names;
//! a value the enum does not know fails the query instead of turning into a default.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Nullable, Text};

use crate::domain::ballot::BallotType;
use crate::domain::decision::DecisionKind;
use crate::domain::envelope::Allocation;
use crate::domain::finance::{FundingKind, MilestoneStatus, PlanKind};
use crate::domain::locale::Locale;
use crate::domain::notification::{Delivery, EventKind};
use crate::domain::one_time_token::TokenPurpose;
use crate::domain::phase::Phase;
use crate::domain::proposal::{ProposalState, Verdict};
use crate::domain::residency::ResidencyMethod;
use crate::domain::role::Role;
use crate::domain::round::{Channel, RoundStatus};
use crate::domain::translation::Translatable;

/// The error a query reports for a value outside the enum: it names the column's type and the
/// value, so corrupt data is found instead of hidden.
fn unknown(kind: &str, value: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("unknown {kind} {value:?} in the database").into()
}

macro_rules! text_column {
    ($($kind:ty),+ $(,)?) => {$(
        impl<DB> FromSql<Text, DB> for $kind
        where
            DB: Backend,
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                <$kind>::parse(&text).ok_or_else(|| unknown(stringify!($kind), &text))
            }
        }

        impl<DB> ToSql<Text, DB> for $kind
        where
            DB: Backend,
            str: ToSql<Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        impl<DB> Queryable<Text, DB> for $kind
        where
            DB: Backend,
            Self: FromSql<Text, DB>,
        {
            type Row = Self;

            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }

        impl AsExpression<Text> for $kind {
            type Expression = <String as AsExpression<Text>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Text>::as_expression(self.as_str().to_string())
            }
        }

        impl AsExpression<Nullable<Text>> for $kind {
            type Expression = <String as AsExpression<Nullable<Text>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Text>>::as_expression(self.as_str().to_string())
            }
        }

        impl AsExpression<Text> for &$kind {
            type Expression = <String as AsExpression<Text>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Text>::as_expression(self.as_str().to_string())
            }
        }

        impl AsExpression<Nullable<Text>> for &$kind {
            type Expression = <String as AsExpression<Nullable<Text>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                AsExpression::<Nullable<Text>>::as_expression(self.as_str().to_string())
            }
        }
    )+};
}

text_column!(
    Allocation,
    BallotType,
    Channel,
    DecisionKind,
    Delivery,
    EventKind,
    FundingKind,
    Locale,
    MilestoneStatus,
    Phase,
    PlanKind,
    ProposalState,
    ResidencyMethod,
    Role,
    Translatable,
    RoundStatus,
    TokenPurpose,
    Verdict,
);

//! The strategic cycle's rules (beleids- en beheerscyclus): what a ledger account's class means,
//! the shape of codes, the kinds of funding and the states of a milestone.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text_enum;
use crate::i18n::Text;

/// What kind of money a budget line is, decided by its ledger account's class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LedgerCategory {
    /// Classes 6 (costs) and 7 (revenue): exploitatie.
    Operating,
    /// Class 2 (fixed assets): investeringen.
    Investment,
    /// Classes 1 and 4 (loans and debts): financiering.
    Financing,
}

impl LedgerCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Operating => "operating",
            Self::Investment => "investment",
            Self::Financing => "financing",
        }
    }
}

/// The category of a ledger account code, or why the code cannot carry a budget line.
pub fn category_of(code: &str) -> Result<LedgerCategory, Text> {
    check_ledger_code(code)?;
    match code.as_bytes()[0] {
        b'6' | b'7' => Ok(LedgerCategory::Operating),
        b'2' => Ok(LedgerCategory::Investment),
        b'1' | b'4' => Ok(LedgerCategory::Financing),
        _ => Err(t!("the-class-first-digit-must-be-1")),
    }
}

/// The largest amount one entry or line may carry: 100 billion euro, far above any city's
/// budget, and small enough that no total of entries can overflow.
pub const MAX_CENTS: i64 = 10_000_000_000_000;

/// An amount of money an entry books: more than zero, at most `MAX_CENTS`.
pub fn check_amount(cents: i64) -> Result<(), Text> {
    if (1..=MAX_CENTS).contains(&cents) {
        Ok(())
    } else {
        Err(t!("cents-between-1", max = MAX_CENTS))
    }
}

/// A ledger account code: 2 to 10 digits.
pub fn check_ledger_code(code: &str) -> Result<(), Text> {
    if (2..=10).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(t!("must-be-2-to-10-digits"))
    }
}

/// A policy field code (beleidsveld): exactly 4 digits.
pub fn check_policy_field_code(code: &str) -> Result<(), Text> {
    if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(t!("must-be-4-digits"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    Purchase,
    OperatingSubsidy,
    InvestmentSubsidy,
    OwnExecution,
}

impl FundingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Purchase => "purchase",
            Self::OperatingSubsidy => "operating_subsidy",
            Self::InvestmentSubsidy => "investment_subsidy",
            Self::OwnExecution => "own_execution",
        }
    }

    /// Whether money of this kind may come from a line of this category: subsidies come from
    /// the matching budget, purchases and the city's own work from operating or investment
    /// lines, and nothing comes from financing lines (loans and debts are not spent on projects).
    pub fn fits(self, category: LedgerCategory) -> bool {
        match self {
            Self::OperatingSubsidy => category == LedgerCategory::Operating,
            Self::InvestmentSubsidy => category == LedgerCategory::Investment,
            Self::Purchase | Self::OwnExecution => category != LedgerCategory::Financing,
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Purchase,
            Self::OperatingSubsidy,
            Self::InvestmentSubsidy,
            Self::OwnExecution,
        ]
        .into_iter()
        .find(|k| k.as_str() == value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    Planned,
    InProgress,
    Done,
}

impl MilestoneStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Planned, Self::InProgress, Self::Done]
            .into_iter()
            .find(|s| s.as_str() == value)
    }
}

/// A date as `YYYY-MM-DD`.
pub fn check_date(text: &str) -> Result<String, Text> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| t!("date-like", example = "2027-03-15"))
}

text_enum! {
    /// A plan version: the multi-year plan itself or an amendment of it.
    pub enum PlanKind {
        /// Meerjarenplan.
        Mjp => "mjp",
        /// Aanpassing van het meerjarenplan.
        Amjp => "amjp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_positive_and_no_sum_of_a_hundred_thousand_can_overflow() {
        assert!(check_amount(0).is_err() && check_amount(-1).is_err());
        assert!(check_amount(1).is_ok() && check_amount(MAX_CENTS).is_ok());
        assert!(check_amount(MAX_CENTS + 1).is_err());
        assert!(MAX_CENTS.checked_mul(100_000).is_some());
    }

    #[test]
    fn a_subsidy_comes_only_from_its_own_budget() {
        use LedgerCategory::*;
        assert!(FundingKind::InvestmentSubsidy.fits(Investment));
        assert!(!FundingKind::InvestmentSubsidy.fits(Operating));
        assert!(FundingKind::OperatingSubsidy.fits(Operating));
        assert!(!FundingKind::OperatingSubsidy.fits(Investment));
        for kind in [FundingKind::Purchase, FundingKind::OwnExecution] {
            assert!(kind.fits(Operating) && kind.fits(Investment));
        }
        for kind in [
            FundingKind::Purchase,
            FundingKind::OperatingSubsidy,
            FundingKind::InvestmentSubsidy,
            FundingKind::OwnExecution,
        ] {
            assert!(!kind.fits(Financing), "{kind:?} from a financing line");
        }
    }

    #[test]
    fn the_class_decides_the_category() {
        assert_eq!(category_of("6140000"), Ok(LedgerCategory::Operating));
        assert_eq!(category_of("7000000"), Ok(LedgerCategory::Operating));
        assert_eq!(category_of("2210000"), Ok(LedgerCategory::Investment));
        assert_eq!(category_of("1710000"), Ok(LedgerCategory::Financing));
        assert!(category_of("5500000").is_err());
        assert!(category_of("61a").is_err());
    }

    #[test]
    fn codes_and_dates_are_checked() {
        assert!(check_policy_field_code("0680").is_ok());
        assert!(check_policy_field_code("680").is_err());
        assert_eq!(check_date("2027-03-15"), Ok("2027-03-15".into()));
        assert!(check_date("15/03/2027").is_err());
    }
}

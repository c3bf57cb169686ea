//! What a system of the city may do through the API: the scopes an administrator gives an API
//! client. A scope is narrower than a role: reading the budget reports does not also decide on
//! outcomes, as the council role would.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::role::Role;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read what anyone may read: editions, proposals, results, open data.
    ReadPublic,
    /// Read the budget reports, as finance and the council read them.
    ReadReports,
    /// Link funded proposals to budget lines and record commitments, expenditures and
    /// milestones, as the finance team does.
    WriteFinance,
    /// Import paper ballots into an open round.
    ImportPaperBallots,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::ReadPublic,
        Scope::ReadReports,
        Scope::WriteFinance,
        Scope::ImportPaperBallots,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReadPublic => "read_public",
            Scope::ReadReports => "read_reports",
            Scope::WriteFinance => "write_finance",
            Scope::ImportPaperBallots => "import_paper_ballots",
        }
    }

    pub fn parse(value: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The role whose work the scope allows, when it allows all of it.
    pub fn role(self) -> Option<Role> {
        match self {
            Scope::WriteFinance => Some(Role::Finance),
            Scope::ReadPublic | Scope::ReadReports | Scope::ImportPaperBallots => None,
        }
    }
}

/// A set of scopes as OAuth writes it (RFC 6749 §3.3): names separated by spaces, sorted and
/// without repeats once parsed. `Err` names the first unknown scope.
pub fn parse_list(text: &str) -> Result<Vec<Scope>, String> {
    let mut scopes = Vec::new();
    for name in text.split(' ').filter(|s| !s.is_empty()) {
        scopes.push(Scope::parse(name).ok_or_else(|| name.to_string())?);
    }
    scopes.sort();
    scopes.dedup();
    Ok(scopes)
}

pub fn list_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_unknown_scope_is_named() {
        assert_eq!(parse_list("read_public admin"), Err("admin".to_string()));
        assert_eq!(parse_list(""), Ok(vec![]));
    }

    proptest! {
        #[test]
        fn a_list_survives_writing_and_reading_again(picks in proptest::collection::vec(0usize..4, 0..8)) {
            let scopes: Vec<Scope> = picks.iter().map(|i| Scope::ALL[*i]).collect();
            let parsed = parse_list(&list_text(&scopes)).unwrap();
            let mut expected = scopes.clone();
            expected.sort();
            expected.dedup();
            prop_assert_eq!(parsed, expected);
        }
    }
}

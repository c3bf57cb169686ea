//! Ballots at rest are sealed: the choices and the receipt are encrypted (XChaCha20-Poly1305)
//! under a key derived from `PSEUDONYM_SECRET`, bound to their round and pseudonym.
//!
//! Why: a reader of the database can always tell which row was written when (PostgreSQL's
//! `xmin` and `ctid`, SQLite's rowid, the order of a backup), and so, next to any record of who
//! was active at that moment, which row is whose. Sealing makes that link worthless: the row
//! says nothing about the choices, and its receipt, the only bridge to the published ballots,
//! is sealed too. Only the server, holding the secret, opens ballots: for their owner, for the
//! count and for the export, which lists them in receipt order.

use serde::{Deserialize, Serialize};

use crate::auth::sealed::{self, VERSION_PREFIX};
use crate::config::SecretKey;
use crate::domain::ballot::Choices;
use crate::error::{ApiError, ApiResult};

const PURPOSE: &str = "wijkbudget ballot seal v1";

/// What a sealed ballot holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotContent {
    pub choices: Choices,
    pub receipt: String,
}

fn bound_to(round_id: i64, pseudonym: &str) -> String {
    format!("round:{round_id}|pseudonym:{pseudonym}")
}

/// The receipt of a ballot: it changes with every change of the ballot, and without the secret
/// nobody can compute it from a pseudonym and a set of choices.
pub fn receipt(secret: &SecretKey, round_id: i64, pseudonym: &str, choices: &Choices) -> String {
    let message = format!("{}|{}", bound_to(round_id, pseudonym), choices.canonical());
    crate::store::audit::hex(&secret.sign("wijkbudget receipt v1", &message))
}

pub fn seal(
    secret: &SecretKey,
    round_id: i64,
    pseudonym: &str,
    content: &BallotContent,
) -> ApiResult<String> {
    let plaintext = serde_json::to_vec(content).map_err(ApiError::internal)?;
    sealed::seal(secret, PURPOSE, &bound_to(round_id, pseudonym), &plaintext)
        .ok_or_else(|| ApiError::internal("a ballot could not be sealed"))
}

/// Opens a sealed ballot; fails when it was sealed for another round or pseudonym, under another
/// secret, or changed.
pub fn open(
    secret: &SecretKey,
    round_id: i64,
    pseudonym: &str,
    sealed: &str,
) -> ApiResult<BallotContent> {
    let broken = || ApiError::internal("a stored ballot does not open with this PSEUDONYM_SECRET");
    let plaintext =
        sealed::open(secret, PURPOSE, &bound_to(round_id, pseudonym), sealed).ok_or_else(broken)?;
    serde_json::from_slice(&plaintext).map_err(|_| broken())
}

/// True for a value written before ballots were sealed (plain choices as JSON).
pub fn is_plaintext(stored: &str) -> bool {
    !stored.starts_with(VERSION_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> SecretKey {
        SecretKey::new(vec![byte; 32], "PSEUDONYM_SECRET").unwrap()
    }

    fn content() -> BallotContent {
        BallotContent {
            choices: Choices::ProjectIds(vec![3, 7]),
            receipt: "abc".into(),
        }
    }

    #[test]
    fn a_sealed_ballot_opens_only_for_its_round_pseudonym_and_secret() {
        let sealed = seal(&secret(1), 5, "p", &content()).unwrap();
        assert!(!sealed.contains("[3,7]") && !sealed.contains("abc"));
        assert_eq!(open(&secret(1), 5, "p", &sealed).unwrap(), content());
        assert!(open(&secret(2), 5, "p", &sealed).is_err());
        assert!(open(&secret(1), 6, "p", &sealed).is_err());
        assert!(open(&secret(1), 5, "q", &sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(open(&secret(1), 5, "p", &tampered).is_err());
    }

    #[test]
    fn the_same_ballot_seals_differently_each_time() {
        let a = seal(&secret(1), 5, "p", &content()).unwrap();
        let b = seal(&secret(1), 5, "p", &content()).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn receipts_need_the_secret() {
        let choices = Choices::ProjectIds(vec![1]);
        assert_ne!(
            receipt(&secret(1), 5, "p", &choices),
            receipt(&secret(2), 5, "p", &choices)
        );
        assert_ne!(
            receipt(&secret(1), 5, "p", &choices),
            receipt(&secret(1), 5, "p", &Choices::ProjectIds(vec![2]))
        );
    }
}

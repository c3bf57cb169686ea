//! Webhooks as the Standard Webhooks specification describes them: the kinds of event, the
//! signature (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret), the
//! secret (`whsec_` and base64), the retry schedule, and which addresses may receive them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use utoipa::ToSchema;

use crate::i18n::Text;

/// What happened, as a webhook's `type` names it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum EventType {
    /// A proposal was submitted (left draft).
    #[serde(rename = "proposal.submitted")]
    ProposalSubmitted,
    /// A proposal changed state (submitted, feasible, on the ballot, selected, …).
    #[serde(rename = "proposal.state_changed")]
    ProposalStateChanged,
    #[serde(rename = "round.opened")]
    RoundOpened,
    #[serde(rename = "round.closed")]
    RoundClosed,
    /// A closed round's outcome was counted and published.
    #[serde(rename = "results.published")]
    ResultsPublished,
    /// The council decided on a round's outcome.
    #[serde(rename = "decision.recorded")]
    DecisionRecorded,
    #[serde(rename = "funding.created")]
    FundingCreated,
    #[serde(rename = "commitment.created")]
    CommitmentCreated,
    #[serde(rename = "expenditure.created")]
    ExpenditureCreated,
    #[serde(rename = "milestone.created")]
    MilestoneCreated,
}

impl EventType {
    pub const ALL: [EventType; 10] = [
        EventType::ProposalSubmitted,
        EventType::ProposalStateChanged,
        EventType::RoundOpened,
        EventType::RoundClosed,
        EventType::ResultsPublished,
        EventType::DecisionRecorded,
        EventType::FundingCreated,
        EventType::CommitmentCreated,
        EventType::ExpenditureCreated,
        EventType::MilestoneCreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ProposalSubmitted => "proposal.submitted",
            EventType::ProposalStateChanged => "proposal.state_changed",
            EventType::RoundOpened => "round.opened",
            EventType::RoundClosed => "round.closed",
            EventType::ResultsPublished => "results.published",
            EventType::DecisionRecorded => "decision.recorded",
            EventType::FundingCreated => "funding.created",
            EventType::CommitmentCreated => "commitment.created",
            EventType::ExpenditureCreated => "expenditure.created",
            EventType::MilestoneCreated => "milestone.created",
        }
    }

    pub fn parse(value: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|e| e.as_str() == value)
    }

    /// The events an entry of the audit log stands for: every change that a webhook reports is
    /// audited in the transaction that makes it, so the audit log is the outbox.
    pub fn of_audit_action(action: &str, details: &serde_json::Value) -> Vec<EventType> {
        match action {
            "proposal_state_changed" if details["to"] == "submitted" => {
                vec![
                    EventType::ProposalSubmitted,
                    EventType::ProposalStateChanged,
                ]
            }
            "proposal_state_changed" => vec![EventType::ProposalStateChanged],
            "round_opened" => vec![EventType::RoundOpened],
            "round_closed" => vec![EventType::RoundClosed, EventType::ResultsPublished],
            "decision_recorded" => vec![EventType::DecisionRecorded],
            "funding_created" => vec![EventType::FundingCreated],
            "commitment_created" => vec![EventType::CommitmentCreated],
            "expenditure_created" => vec![EventType::ExpenditureCreated],
            "milestone_created" => vec![EventType::MilestoneCreated],
            _ => Vec::new(),
        }
    }
}

/// A new signing secret: `whsec_` and 32 random bytes in base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` header of a message: `v1,` and the signature.
pub fn signature(secret: &str, message_id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()?;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).ok()?;
    mac.update(format!("{message_id}.{timestamp}.{body}").as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: i32 = 10;

/// How long to wait before attempt `attempt + 1` after `attempt` failed: 5 s, then four
/// times longer each time, at most 8 hours (about 16 hours of trying in all).
pub fn retry_delay_seconds(attempt: i32) -> i64 {
    let growth = 4_i64.saturating_pow(attempt.saturating_sub(1).max(0) as u32);
    (5_i64.saturating_mul(growth)).min(8 * 3600)
}

/// Where a webhook may send: `https://`, or `http://` to this machine (a receiver beside the
/// service, or a test). The address is the administrator's; it is not fetched here.
pub fn check_url(raw: &str) -> Result<String, Text> {
    let url = raw.trim();
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
        if !matches!(name, "127.0.0.1" | "localhost" | "[::1]") {
            return Err(t!("webhook-url-needs-https"));
        }
        rest
    } else {
        return Err(t!("webhook-url-needs-https"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty()
        || url.len() > 2000
        || url.chars().any(char::is_whitespace)
        || host.contains('@')
    {
        return Err(t!("webhook-url-not-an-address"));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_matches_the_specification_s_example() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_eight_hours() {
        let delays: Vec<i64> = (1..=MAX_ATTEMPTS).map(retry_delay_seconds).collect();
        assert_eq!(delays[0], 5);
        assert_eq!(delays[1], 20);
        assert!(delays.windows(2).all(|w| w[0] <= w[1]), "{delays:?}");
        assert_eq!(*delays.last().unwrap(), 8 * 3600);
    }

    #[test]
    fn only_https_or_this_machine_receives_webhooks() {
        assert!(check_url("https://erp.stad.example/hooks").is_ok());
        assert!(check_url("http://127.0.0.1:9000/hooks").is_ok());
        assert!(check_url("http://localhost/hooks").is_ok());
        assert!(check_url("http://erp.stad.example/hooks").is_err());
        assert!(check_url("http://127.0.0.1.evil.example/").is_err());
        assert!(check_url("ftp://erp.stad.example/").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://user@host/").is_err());
    }

    #[test]
    fn a_submission_is_also_a_state_change_and_a_close_publishes_results() {
        let submitted = serde_json::json!({"from": "draft", "to": "submitted"});
        assert_eq!(
            EventType::of_audit_action("proposal_state_changed", &submitted),
            vec![
                EventType::ProposalSubmitted,
                EventType::ProposalStateChanged
            ]
        );
        assert_eq!(
            EventType::of_audit_action("round_closed", &serde_json::Value::Null),
            vec![EventType::RoundClosed, EventType::ResultsPublished]
        );
        assert!(EventType::of_audit_action("role_granted", &serde_json::Value::Null).is_empty());
        for event in EventType::ALL {
            assert_eq!(EventType::parse(event.as_str()), Some(event));
            assert_eq!(serde_json::to_value(event).unwrap(), event.as_str());
        }
    }
}

//! The council's decisions on a counted round, as its page tells them: each decision with its
//! date and session, every project it added or removed with the reason, and which decision
//! stands.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::page::Page;
use crate::domain::decision::DecisionKind;
use crate::service::decisions::{Change, Decision};

pub struct DecisionItem {
    /// "Approved by the council on 12 March 2027 (session: …)".
    pub heading: String,
    /// One sentence per project added or removed, with its reason.
    pub changes: Vec<String>,
    pub over_envelope: Option<String>,
    /// A later decision replaced this one.
    pub superseded: bool,
    /// The projects this decision funds, linked.
    pub funded: Vec<(i64, String)>,
}

/// The decisions, the one that stands first.
pub fn decision_items(
    page: &Page,
    history: Vec<Decision>,
    titles: &HashMap<i64, String>,
) -> Vec<DecisionItem> {
    let title = |id: i64| titles.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut items: Vec<DecisionItem> = history
        .into_iter()
        .map(|decision| {
            let on = NaiveDate::parse_from_str(&decision.decided_on, "%Y-%m-%d")
                .map(|day| page.day(day))
                .unwrap_or_else(|_| decision.decided_on.clone());
            let heading = match decision.kind {
                DecisionKind::Approve => t!(
                    "site-decision-approved",
                    on = on,
                    session = decision.council_session.clone()
                ),
                DecisionKind::Amend => t!(
                    "site-decision-amended",
                    on = on,
                    session = decision.council_session.clone()
                ),
            };
            let changes: Vec<Change> = serde_json::from_str(&decision.changes).unwrap_or_default();
            let funded: Vec<i64> = serde_json::from_str(&decision.approved).unwrap_or_default();
            DecisionItem {
                heading: page.say(&heading),
                changes: changes
                    .into_iter()
                    .map(|change| {
                        let project = title(change.proposal_id);
                        let reason = change.reason;
                        page.say(&if change.change == "add" {
                            t!("site-decision-added", project = project, reason = reason)
                        } else {
                            t!("site-decision-removed", project = project, reason = reason)
                        })
                    })
                    .collect(),
                over_envelope: decision
                    .over_envelope_reason
                    .map(|reason| page.say(&t!("site-decision-over-envelope", reason = reason))),
                superseded: decision.superseded_by.is_some(),
                funded: funded.into_iter().map(|id| (id, title(id))).collect(),
            }
        })
        .collect();
    items.reverse();
    items
}

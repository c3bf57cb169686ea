//! How far a funded proposal is carried out, as its page tells residents: its money (approved,
//! set aside, committed, spent) and its milestones, from the same report as the API's.

use super::page::Page;
use crate::service::attachments::AttachmentView;
use crate::service::finance::ProposalMoney;

pub struct MilestoneItem {
    pub title: String,
    pub status: String,
    pub progress: i32,
    /// When it is planned, in a sentence.
    pub due: Option<String>,
    pub note: Option<String>,
    /// Its pictures and files.
    pub files: Vec<AttachmentView>,
}

pub struct Implementation {
    /// Each sum with its words: approved, set aside on budget lines, committed, spent.
    pub money: Vec<(String, String)>,
    /// The mean progress of the milestones, 0 to 100, when there are any.
    pub progress: Option<i32>,
    pub milestones: Vec<MilestoneItem>,
}

pub fn implementation(
    page: &Page,
    money: ProposalMoney,
    files: &[AttachmentView],
) -> Implementation {
    let totals = money.totals();
    let sums = [
        (page.t("site-money-approved"), totals.planned_cents),
        (page.t("site-money-allocated"), totals.allocated_cents),
        (page.t("site-money-committed"), totals.committed_cents),
        (page.t("site-money-spent"), totals.spent_cents),
    ];
    let progress = (!money.milestones.is_empty()).then(|| {
        let sum: i64 = money
            .milestones
            .iter()
            .map(|m| i64::from(m.progress_pct))
            .sum();
        (sum / money.milestones.len() as i64) as i32
    });
    Implementation {
        money: sums
            .into_iter()
            .map(|(words, cents)| (words, page.money(cents)))
            .collect(),
        progress,
        milestones: money
            .milestones
            .into_iter()
            .map(|m| MilestoneItem {
                files: files
                    .iter()
                    .filter(|f| f.milestone_id == Some(m.id))
                    .cloned()
                    .collect(),
                status: page.say(&t!("milestone-status", name = m.status.as_str())),
                progress: m.progress_pct,
                due: m
                    .due_on
                    .as_deref()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map(|d| page.say(&t!("site-milestone-due", day = page.day(d)))),
                title: m.title,
                note: m.note,
            })
            .collect(),
    }
}

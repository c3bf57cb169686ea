//! A resident's own data: everything the platform keeps about them, in one download, and the
//! erasure of their account.
//!
//! Erasing keeps what the city must keep: the ballots stay counted and stay as anonymous as
//! they always were (nothing in them names a voter), the proposals stay under "former
//! resident", co-signatures keep counting. Everything that says who the person was (address,
//! name, birth date, password, the mail sent to them, their sessions) is cleared or ended.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::auth::password::{self, HashingLimit};
use crate::config::SecretKey;
use crate::db::{self, DbConnection, Pool};
use crate::domain::locale::Locale;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::service::follows::{self, Followed};
use crate::service::notifications::{self, Preferences};
use crate::service::proposals::read::{self, Relation};
use crate::service::{ballots, rate_limit};
use crate::store::{self, audit::AuditEvent};

/// Everything kept about the caller, as they may download it.
#[derive(Serialize, ToSchema)]
pub struct PersonalData {
    pub exported_at: DateTime<Utc>,
    pub account: AccountData,
    /// The area they are a verified resident of.
    pub residency: Option<ResidencyData>,
    /// Roles beyond `resident`.
    pub roles: Vec<RoleData>,
    /// Proposals they wrote or co-author.
    pub proposals_written: Vec<ProposalData>,
    /// Proposals they co-signed.
    pub proposals_supported: Vec<ProposalData>,
    /// The rounds they voted in or may still vote in, with the receipt of each ballot. The
    /// choices of a ballot are not kept with the voter, so they are not here.
    pub rounds: Vec<RoundData>,
    /// The mail sent to them: subjects and times.
    pub mail: Vec<MailData>,
    /// The proposals, areas and editions they follow.
    pub follows: Vec<Followed>,
    /// How they want to hear of each kind of event.
    pub notification_preferences: Preferences,
}

#[derive(Serialize, ToSchema)]
pub struct AccountData {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub birth_date: Option<String>,
    /// The area they said they live in, while staff have not verified it.
    pub claimed_area_id: Option<i64>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub notify_by_email: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ResidencyData {
    pub area_id: i64,
    pub method: String,
    pub verified_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct RoleData {
    pub role: String,
    pub area_id: Option<i64>,
    pub department: Option<String>,
    pub granted_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalData {
    pub id: i64,
    pub edition_id: i64,
    pub title: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct RoundData {
    pub round_id: i64,
    pub name: String,
    pub voted: bool,
    pub receipt: Option<String>,
    pub channel: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MailData {
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// How the download is offered to a browser: saved, not shown.
pub const PERSONAL_DATA_ATTACHMENT: &str = "attachment; filename=\"wijkbudget-my-data.json\"";

/// As many rows as one read takes; the lists are read to their end.
const BATCH: i64 = 500;

fn all_proposals(
    conn: &mut DbConnection,
    caller: &Caller,
    relation: Relation,
) -> ApiResult<Vec<ProposalData>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let batch = read::of_caller(conn, caller, relation, before, BATCH)?;
        let full = batch.len() as i64 == BATCH;
        before = batch.last().map(|l| l.proposal.id);
        all.extend(batch.into_iter().map(|l| ProposalData {
            id: l.proposal.id,
            edition_id: l.proposal.edition_id,
            title: l.proposal.title,
            state: l.proposal.state.as_str().to_string(),
            created_at: l.proposal.created_at.and_utc(),
        }));
        if !full {
            return Ok(all);
        }
    }
}

fn all_mail(conn: &mut DbConnection, address: &str) -> ApiResult<Vec<MailData>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let batch = store::outbox::to_recipient(conn, address, before, BATCH)?;
        let full = batch.len() as i64 == BATCH;
        before = batch.last().map(|m| m.id);
        all.extend(batch.into_iter().map(|m| MailData {
            subject: m.subject,
            created_at: m.created_at.and_utc(),
            sent_at: m.sent_at.map(|at| at.and_utc()),
        }));
        if !full {
            return Ok(all);
        }
    }
}

/// Everything kept about the caller.
pub fn export(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
) -> ApiResult<PersonalData> {
    let user = &caller.user;
    let rounds = ballots::mine(conn, secret, caller)?
        .into_iter()
        .map(|mine| RoundData {
            round_id: mine.round.id,
            name: mine.round.name,
            voted: mine.ballot.is_some(),
            channel: mine.ballot.as_ref().map(|b| b.channel.clone()),
            receipt: mine.ballot.map(|b| b.receipt),
        })
        .collect();
    Ok(PersonalData {
        exported_at: crate::clock::now().and_utc(),
        account: AccountData {
            id: user.id,
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            locale: user.locale,
            birth_date: user.birth_date.clone(),
            claimed_area_id: user.claimed_area_id,
            email_verified_at: user.email_verified_at.map(|at| at.and_utc()),
            notify_by_email: user.notify_by_email,
            created_at: user.created_at.and_utc(),
        },
        residency: caller.residency.as_ref().map(|r| ResidencyData {
            area_id: r.area_id,
            method: r.method.as_str().to_string(),
            verified_at: r.verified_at.and_utc(),
        }),
        roles: caller
            .grants
            .iter()
            .map(|g| RoleData {
                role: g.role.as_str().to_string(),
                area_id: g.area_id,
                department: g.department.clone(),
                granted_at: g.created_at.and_utc(),
            })
            .collect(),
        proposals_written: all_proposals(conn, caller, Relation::Wrote)?,
        proposals_supported: all_proposals(conn, caller, Relation::Supported)?,
        rounds,
        mail: all_mail(conn, &user.email)?,
        follows: follows::list(conn, caller)?,
        notification_preferences: notifications::preferences_of(conn, user.id)?,
    })
}

/// Erases the caller's account after checking their password. Staff first lose their roles
/// (from an administrator), so that no one erases the last administrator or a reviewer's name
/// from work in progress by accident.
pub fn erase(
    pool: &Pool,
    limit: &HashingLimit,
    caller: &Caller,
    password_given: &str,
) -> ApiResult<()> {
    let mut slot = super::hashing_slot(limit)?;
    let matches = password::verify(password_given, &caller.user.password_hash, slot.memory());
    drop(slot);
    if !matches {
        return Err(ApiError::invalid(
            "password",
            t!("is-not-your-current-password"),
        ));
    }
    if !caller.grants.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("error-erase-staff-account"),
        ));
    }
    let mut conn = pool.get()?;
    let (id, address) = (caller.id(), caller.user.email.clone());
    db::write_transaction(&mut conn, |conn| {
        let now = crate::clock::now();
        store::users::erase(conn, id, now)?;
        store::sessions::revoke_all_for_user(conn, id, "account_erased")?;
        store::one_time_tokens::end_all_for_user(conn, id, now)?;
        store::outbox::forget_recipient(conn, &address)?;
        store::notifications::forget_user(conn, id)?;
        rate_limit::forget_account(conn, &address)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(id),
                action: "account_erased",
                entity_type: "user",
                entity_id: id.to_string(),
                details: serde_json::json!({}),
            },
        )?;
        ApiResult::Ok(())
    })?;
    db::checkpoint_erasure(&mut conn);
    Ok(())
}

//! Telling residents what happened, the way each of them chose per kind of event: a mail at
//! once, a line in the daily digest, or nothing. The digest job runs in every server process;
//! a claim per resident and day in the database makes sure one of them sends it, once.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::config::SecretKey;
use crate::db::{self, DbConnection};
use crate::domain::notification::{Delivery, EventKind, digest_day};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::mail::{self, Unsubscribe, templates::Template};
use crate::store;
use crate::store::users::User;

/// How a resident hears of each kind of event.
#[derive(Serialize, Deserialize, ToSchema, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub state_change: Delivery,
    pub review: Delivery,
    pub new_comment: Delivery,
    pub round_opening: Delivery,
    pub decision: Delivery,
    pub milestone: Delivery,
}

impl Preferences {
    fn slot(&mut self, kind: EventKind) -> &mut Delivery {
        match kind {
            EventKind::StateChange => &mut self.state_change,
            EventKind::Review => &mut self.review,
            EventKind::NewComment => &mut self.new_comment,
            EventKind::RoundOpening => &mut self.round_opening,
            EventKind::Decision => &mut self.decision,
            EventKind::Milestone => &mut self.milestone,
        }
    }

    pub fn of(&self, kind: EventKind) -> Delivery {
        let mut copy = *self;
        *copy.slot(kind)
    }
}

impl Default for Preferences {
    fn default() -> Self {
        let d = Delivery::Immediately;
        Self {
            state_change: d,
            review: d,
            new_comment: d,
            round_opening: d,
            decision: d,
            milestone: d,
        }
    }
}

/// A change to some of the preferences; the kinds left out keep theirs.
#[derive(Deserialize, ToSchema, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct PreferencesChange {
    pub state_change: Option<Delivery>,
    pub review: Option<Delivery>,
    pub new_comment: Option<Delivery>,
    pub round_opening: Option<Delivery>,
    pub decision: Option<Delivery>,
    pub milestone: Option<Delivery>,
}

impl PreferencesChange {
    fn changes(&self) -> impl Iterator<Item = (EventKind, Delivery)> {
        [
            (EventKind::StateChange, self.state_change),
            (EventKind::Review, self.review),
            (EventKind::NewComment, self.new_comment),
            (EventKind::RoundOpening, self.round_opening),
            (EventKind::Decision, self.decision),
            (EventKind::Milestone, self.milestone),
        ]
        .into_iter()
        .filter_map(|(kind, delivery)| Some((kind, delivery?)))
    }
}

/// A user's preferences, with the kinds they never chose delivered immediately.
pub fn preferences_of(conn: &mut DbConnection, user_id: i64) -> ApiResult<Preferences> {
    let mut preferences = Preferences::default();
    for (kind, delivery) in store::notifications::preferences(conn, user_id)? {
        *preferences.slot(kind) = delivery;
    }
    Ok(preferences)
}

/// My preferences, and how many notifications wait for my next digest.
pub fn mine(conn: &mut DbConnection, caller: &Caller) -> ApiResult<(Preferences, i64)> {
    Ok((
        preferences_of(conn, caller.id())?,
        store::notifications::waiting_count(conn, caller.id())?,
    ))
}

pub fn change(
    conn: &mut DbConnection,
    caller: &Caller,
    change: &PreferencesChange,
) -> ApiResult<Preferences> {
    db::write_transaction(conn, |conn| {
        for (kind, delivery) in change.changes() {
            store::notifications::set_preference(conn, caller.id(), kind, delivery)?;
        }
        preferences_of(conn, caller.id())
    })
}

/// Stops what a one-click unsubscribe link names: one kind of event, or every kind gathered
/// in the digest. Returns what it stopped; using the link again changes nothing.
pub fn unsubscribe(
    conn: &mut DbConnection,
    secret: &SecretKey,
    token: &str,
) -> ApiResult<Unsubscribe> {
    let (user_id, stops) = mail::unsubscribe::check(secret, token)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, t!("unsubscribe-link-not-valid")))?;
    db::write_transaction(conn, |conn| {
        let kinds: Vec<EventKind> = match stops {
            Unsubscribe::Kind(kind) => vec![kind],
            Unsubscribe::Digest => {
                let preferences = preferences_of(conn, user_id)?;
                EventKind::ALL
                    .iter()
                    .copied()
                    .filter(|kind| preferences.of(*kind) == Delivery::DailyDigest)
                    .collect()
            }
        };
        for kind in kinds {
            store::notifications::set_preference(conn, user_id, kind, Delivery::Never)?;
        }
        Ok(stops)
    })
}

/// The users to tell, once each, leaving out `except` (who caused the event) and accounts that
/// are erased or never confirmed their address.
pub fn recipients(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = i64>,
    except: Option<i64>,
) -> ApiResult<Vec<User>> {
    let mut seen = std::collections::HashSet::new();
    let mut users = Vec::new();
    for id in ids {
        if Some(id) == except || !seen.insert(id) {
            continue;
        }
        if let Some(user) = store::users::find(conn, id)?
            && user.erased_at.is_none()
            && user.email_verified_at.is_some()
        {
            users.push(user);
        }
    }
    Ok(users)
}

/// Tells one user of an event, as they chose for its kind. `notify_by_email` off stops all.
pub fn notify(
    conn: &mut DbConnection,
    user: &User,
    kind: EventKind,
    template: &Template<'_>,
) -> ApiResult<()> {
    if !user.notify_by_email {
        return Ok(());
    }
    match preferences_of(conn, user.id)?.of(kind) {
        Delivery::Never => {}
        Delivery::Immediately => mail::enqueue_notification(
            conn,
            (user.id, &user.email),
            user.locale,
            Unsubscribe::Kind(kind),
            template,
        )?,
        Delivery::DailyDigest => {
            let (line, _) = mail::templates::render(template, user.locale);
            let link = template.link().unwrap_or_default();
            store::notifications::keep_for_digest(
                conn,
                user.id,
                kind,
                (&line, link),
                crate::clock::now(),
            )?;
        }
    }
    Ok(())
}

/// Sends every digest that is due: for each resident with notifications waiting, one mail per
/// day, claimed in the database so that of several processes only one sends it.
pub fn send_digests(conn: &mut DbConnection, now: NaiveDateTime, hour: u32) -> ApiResult<usize> {
    let day = digest_day(now, hour).to_string();
    let mut sent = 0;
    for user_id in store::notifications::users_waiting(conn)? {
        let claimed = db::write_transaction(conn, |conn| -> ApiResult<bool> {
            if !store::notifications::claim_digest(conn, user_id, &day, now)? {
                return Ok(false);
            }
            let items = store::notifications::take_for_digest(conn, user_id, &day)?;
            let Some(user) = recipients(conn, [user_id], None)?.pop() else {
                return Ok(false);
            };
            if items.is_empty() || !user.notify_by_email {
                return Ok(false);
            }
            let template = Template::Digest {
                name: &user.display_name,
                items: &items,
            };
            mail::enqueue_notification(
                conn,
                (user.id, &user.email),
                user.locale,
                Unsubscribe::Digest,
                &template,
            )?;
            Ok(true)
        })?;
        sent += usize::from(claimed);
    }
    Ok(sent)
}

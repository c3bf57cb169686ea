//! Mail waiting to be sent. Written in the transaction of the change that causes it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::mail_outbox;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = mail_outbox)]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub user_id: Option<i64>,
    pub notification_kind: Option<String>,
}

/// A mail to put in the outbox; a notification names its recipient and what its one-click
/// unsubscribe link stops (a kind of event, or `digest`).
pub struct NewMail<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub notification: Option<(i64, &'a str)>,
}

pub fn enqueue(conn: &mut DbConnection, mail: &NewMail<'_>, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(mail_outbox::table)
        .values((
            mail_outbox::recipient.eq(mail.recipient),
            mail_outbox::subject.eq(mail.subject),
            mail_outbox::body.eq(mail.body),
            mail_outbox::created_at.eq(now),
            mail_outbox::attempts.eq(0),
            mail_outbox::next_attempt_at.eq(now),
            mail_outbox::user_id.eq(mail.notification.map(|(user, _)| user)),
            mail_outbox::notification_kind.eq(mail.notification.map(|(_, kind)| kind)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<OutgoingMail>> {
    mail_outbox::table
        .filter(mail_outbox::sent_at.is_null())
        .filter(mail_outbox::next_attempt_at.le(now))
        .order(mail_outbox::id)
        .limit(limit)
        .select(OutgoingMail::as_select())
        .load(conn)
}

/// Takes a message for sending until `lease_until`; false when another process took it first.
/// The compare on `next_attempt_at` makes the claim exclusive on both backends.
pub fn claim(
    conn: &mut DbConnection,
    mail: &OutgoingMail,
    lease_until: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        mail_outbox::table
            .find(mail.id)
            .filter(mail_outbox::sent_at.is_null())
            .filter(mail_outbox::next_attempt_at.eq(mail.next_attempt_at)),
    )
    .set((
        mail_outbox::next_attempt_at.eq(lease_until),
        mail_outbox::attempts.eq(mail_outbox::attempts + 1),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn mark_sent(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::sent_at.eq(at),
            mail_outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    error: &str,
    retry_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::last_error.eq(error),
            mail_outbox::next_attempt_at.eq(retry_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A mail as its recipient's list shows it: never the body, which may carry a one-time link.
#[derive(Queryable, Clone, Debug)]
pub struct MailSummary {
    pub id: i64,
    pub subject: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// Forgets every mail to an address, sent or waiting (its owner erased their account).
pub fn forget_recipient(conn: &mut DbConnection, recipient: &str) -> QueryResult<usize> {
    diesel::delete(mail_outbox::table.filter(mail_outbox::recipient.eq(recipient))).execute(conn)
}

/// The mail to one address, newest first, before `before_id` when set.
pub fn to_recipient(
    conn: &mut DbConnection,
    recipient: &str,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<MailSummary>> {
    let mut query = mail_outbox::table
        .filter(mail_outbox::recipient.eq(recipient))
        .select((
            mail_outbox::id,
            mail_outbox::subject,
            mail_outbox::created_at,
            mail_outbox::sent_at,
        ))
        .into_boxed();
    if let Some(before) = before_id {
        query = query.filter(mail_outbox::id.lt(before));
    }
    query.order(mail_outbox::id.desc()).limit(limit).load(conn)
}

/// How many mails wait to be sent (failed ones waiting for their retry included).
pub fn waiting(conn: &mut DbConnection) -> QueryResult<i64> {
    mail_outbox::table
        .filter(mail_outbox::sent_at.is_null())
        .count()
        .get_result(conn)
}

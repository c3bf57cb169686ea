//! Webhooks, their deliveries and the attempts to deliver them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{webhook_attempts, webhook_cursor, webhook_deliveries, webhooks};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub event_types: String,
    pub secret_sealed: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub failures_in_a_row: i32,
    pub disabled_at: Option<NaiveDateTime>,
    pub disabled_reason: Option<String>,
    pub deleted_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = webhooks)]
pub struct NewWebhook<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a str,
    pub secret_sealed: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewWebhook<'_>) -> QueryResult<Webhook> {
    diesel::insert_into(webhooks::table)
        .values(new)
        .returning(webhooks::all_columns)
        .get_result(conn)
}

/// The secret is sealed bound to the webhook's id, which is known only once it is stored.
pub fn set_secret(conn: &mut DbConnection, id: i64, sealed: &str) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::secret_sealed.eq(sealed))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Webhook>> {
    webhooks::table
        .find(id)
        .filter(webhooks::deleted_at.is_null())
        .select(Webhook::as_select())
        .first(conn)
        .optional()
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Webhook>> {
    webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .order(webhooks::id)
        .select(Webhook::as_select())
        .load(conn)
}

/// The webhooks that send now: not switched off, not deleted.
pub fn sending(conn: &mut DbConnection) -> QueryResult<Vec<Webhook>> {
    webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .filter(webhooks::disabled_at.is_null())
        .select(Webhook::as_select())
        .load(conn)
}

pub fn switch_on(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set((
            webhooks::disabled_at.eq(None::<NaiveDateTime>),
            webhooks::disabled_reason.eq(None::<String>),
            webhooks::failures_in_a_row.eq(0),
        ))
        .execute(conn)?;
    Ok(())
}

/// Switches a webhook off; false when it was off already (another process did it).
pub fn switch_off(
    conn: &mut DbConnection,
    id: i64,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        webhooks::table
            .find(id)
            .filter(webhooks::disabled_at.is_null()),
    )
    .set((
        webhooks::disabled_at.eq(at),
        webhooks::disabled_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn delete(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::deleted_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Counts a failed attempt; returns the failures in a row now.
pub fn count_failure(conn: &mut DbConnection, id: i64) -> QueryResult<i32> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::failures_in_a_row.eq(webhooks::failures_in_a_row + 1))
        .returning(webhooks::failures_in_a_row)
        .get_result(conn)
}

pub fn count_success(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(webhooks::table.find(id))
        .set(webhooks::failures_in_a_row.eq(0))
        .execute(conn)?;
    Ok(())
}

/// How far the deliveries have been made from the audit log.
pub fn cursor(conn: &mut DbConnection) -> QueryResult<i64> {
    webhook_cursor::table
        .find(1)
        .select(webhook_cursor::last_audit_id)
        .first(conn)
}

/// Moves the cursor from `from` to `to`; false when another process moved it first.
pub fn advance_cursor(conn: &mut DbConnection, from: i64, to: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        webhook_cursor::table
            .find(1)
            .filter(webhook_cursor::last_audit_id.eq(from)),
    )
    .set(webhook_cursor::last_audit_id.eq(to))
    .execute(conn)?;
    Ok(updated == 1)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = webhook_deliveries)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub message_id: String,
    pub event_type: String,
    pub payload: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub delivered_at: Option<NaiveDateTime>,
    pub gave_up_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = webhook_deliveries)]
pub struct NewDelivery<'a> {
    pub webhook_id: i64,
    pub message_id: &'a str,
    pub event_type: &'a str,
    pub payload: &'a str,
    pub created_at: NaiveDateTime,
    pub next_attempt_at: NaiveDateTime,
}

pub fn add_delivery(conn: &mut DbConnection, new: &NewDelivery<'_>) -> QueryResult<()> {
    diesel::insert_into(webhook_deliveries::table)
        .values(new)
        .execute(conn)?;
    Ok(())
}

/// Deliveries due now of webhooks that send.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<Delivery>> {
    let sending = webhooks::table
        .filter(webhooks::deleted_at.is_null())
        .filter(webhooks::disabled_at.is_null())
        .select(webhooks::id);
    webhook_deliveries::table
        .filter(webhook_deliveries::delivered_at.is_null())
        .filter(webhook_deliveries::gave_up_at.is_null())
        .filter(webhook_deliveries::next_attempt_at.le(now))
        .filter(webhook_deliveries::webhook_id.eq_any(sending))
        .order(webhook_deliveries::id)
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)
}

/// Takes a delivery for one attempt until `lease_until`; false when another process took it.
pub fn claim(
    conn: &mut DbConnection,
    delivery: &Delivery,
    lease_until: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        webhook_deliveries::table
            .find(delivery.id)
            .filter(webhook_deliveries::delivered_at.is_null())
            .filter(webhook_deliveries::next_attempt_at.eq(delivery.next_attempt_at)),
    )
    .set((
        webhook_deliveries::next_attempt_at.eq(lease_until),
        webhook_deliveries::attempts.eq(webhook_deliveries::attempts + 1),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn mark_delivered(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(id))
        .set(webhook_deliveries::delivered_at.eq(at))
        .execute(conn)?;
    Ok(())
}

pub fn retry_at(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(id))
        .set(webhook_deliveries::next_attempt_at.eq(at))
        .execute(conn)?;
    Ok(())
}

pub fn give_up(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(id))
        .set(webhook_deliveries::gave_up_at.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Sends a delivery again, as soon as possible, with the same message id (receivers that saw
/// it already recognise it).
pub fn replay(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(id))
        .set((
            webhook_deliveries::delivered_at.eq(None::<NaiveDateTime>),
            webhook_deliveries::gave_up_at.eq(None::<NaiveDateTime>),
            webhook_deliveries::attempts.eq(0),
            webhook_deliveries::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_delivery(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Delivery>> {
    webhook_deliveries::table
        .find(id)
        .select(Delivery::as_select())
        .first(conn)
        .optional()
}

/// A webhook's deliveries, newest first.
pub fn deliveries_of(
    conn: &mut DbConnection,
    webhook_id: i64,
    limit: i64,
) -> QueryResult<Vec<Delivery>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(webhook_id))
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .select(Delivery::as_select())
        .load(conn)
}

/// Deliveries waiting to be sent, of webhooks that send.
pub fn waiting(conn: &mut DbConnection) -> QueryResult<i64> {
    webhook_deliveries::table
        .filter(webhook_deliveries::delivered_at.is_null())
        .filter(webhook_deliveries::gave_up_at.is_null())
        .count()
        .get_result(conn)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = webhook_attempts)]
pub struct Attempt {
    pub id: i64,
    pub delivery_id: i64,
    pub attempted_at: NaiveDateTime,
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

pub fn record_attempt(
    conn: &mut DbConnection,
    delivery_id: i64,
    at: NaiveDateTime,
    status_code: Option<i32>,
    error: Option<&str>,
    duration_ms: i64,
) -> QueryResult<()> {
    diesel::insert_into(webhook_attempts::table)
        .values((
            webhook_attempts::delivery_id.eq(delivery_id),
            webhook_attempts::attempted_at.eq(at),
            webhook_attempts::status_code.eq(status_code),
            webhook_attempts::error.eq(error),
            webhook_attempts::duration_ms.eq(duration_ms),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn attempts_of(conn: &mut DbConnection, delivery_ids: &[i64]) -> QueryResult<Vec<Attempt>> {
    webhook_attempts::table
        .filter(webhook_attempts::delivery_id.eq_any(delivery_ids))
        .order(webhook_attempts::id)
        .select(Attempt::as_select())
        .load(conn)
}

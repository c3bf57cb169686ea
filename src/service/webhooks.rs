//! Webhooks: administrators subscribe the city's systems to kinds of event; every process
//! makes the deliveries from the audit log and sends them, signed as the Standard Webhooks
//! specification describes, retrying with growing waits. A webhook that keeps failing is
//! switched off and the administrators get a mail; its deliveries stay for a replay.

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::auth::sealed;
use crate::config::SecretKey;
use crate::db::{self, DbConnection, Pool};
use crate::domain::webhook::{self, EventType};
use crate::error::{ApiError, ApiResult, Thing};
use crate::store::{
    self,
    audit::AuditEvent,
    outbox::NewMail,
    webhooks::{Attempt, Delivery, NewDelivery, NewWebhook, Webhook},
};

const SECRET_PURPOSE: &str = "wijkbudget webhook secret v1";

fn bound_to(webhook_id: i64) -> String {
    format!("webhook:{webhook_id}")
}

fn event_types_of(hook: &Webhook) -> Vec<EventType> {
    hook.event_types
        .split(' ')
        .filter_map(EventType::parse)
        .collect()
}

/// A webhook as administrators see it: never its secret.
#[derive(Serialize, ToSchema)]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
    /// False once it was switched off after failing again and again (see `disabled_reason`).
    pub enabled: bool,
    pub failures_in_a_row: i32,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn view(hook: Webhook) -> WebhookView {
    WebhookView {
        event_types: event_types_of(&hook),
        id: hook.id,
        url: hook.url,
        description: hook.description,
        enabled: hook.disabled_at.is_none(),
        failures_in_a_row: hook.failures_in_a_row,
        disabled_at: hook.disabled_at.map(|at| at.and_utc()),
        disabled_reason: hook.disabled_reason,
        created_at: hook.created_at.and_utc(),
    }
}

/// A new webhook with its signing secret, which is never shown again.
#[derive(Serialize, ToSchema)]
pub struct CreatedWebhook {
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// `whsec_` and the key in base64, as the Standard Webhooks libraries take it.
    pub secret: String,
}

pub struct WebhookInput<'a> {
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a [EventType],
}

pub fn create(
    conn: &mut DbConnection,
    sealing: &SecretKey,
    admin: &Caller,
    input: &WebhookInput<'_>,
) -> ApiResult<CreatedWebhook> {
    admin.require_admin()?;
    let url = webhook::check_url(input.url).map_err(|e| ApiError::invalid("url", e))?;
    if input.event_types.is_empty() {
        return Err(ApiError::invalid(
            "event_types",
            t!("name-at-least-one-event-type"),
        ));
    }
    let description = input.description.trim();
    if description.chars().count() > 200 {
        return Err(ApiError::invalid(
            "description",
            t!("length-between", min = 0, max = 200),
        ));
    }
    let mut types = input.event_types.to_vec();
    types.sort();
    types.dedup();
    let types_text = types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let secret = webhook::new_secret();
    let created = db::write_transaction(conn, |conn| -> ApiResult<Webhook> {
        let mut hook = store::webhooks::insert(
            conn,
            &NewWebhook {
                url: &url,
                description,
                event_types: &types_text,
                secret_sealed: "",
                created_by: admin.id(),
                created_at: crate::clock::now(),
            },
        )?;
        hook.secret_sealed = sealed::seal(
            sealing,
            SECRET_PURPOSE,
            &bound_to(hook.id),
            secret.as_bytes(),
        )
        .ok_or_else(|| ApiError::internal("a webhook secret could not be sealed"))?;
        store::webhooks::set_secret(conn, hook.id, &hook.secret_sealed)?;
        audit(
            conn,
            admin,
            "webhook_created",
            hook.id,
            serde_json::json!({"url": url, "event_types": types_text}),
        )?;
        Ok(hook)
    })?;
    Ok(CreatedWebhook {
        webhook: view(created),
        secret,
    })
}

fn audit(
    conn: &mut DbConnection,
    actor: &Caller,
    action: &str,
    id: i64,
    details: serde_json::Value,
) -> ApiResult<()> {
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: Some(actor.id()),
            action,
            entity_type: "webhook",
            entity_id: id.to_string(),
            details,
        },
    )?;
    Ok(())
}

fn existing(conn: &mut DbConnection, id: i64) -> ApiResult<Webhook> {
    store::webhooks::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Webhook))
}

pub fn list(conn: &mut DbConnection, admin: &Caller) -> ApiResult<Vec<WebhookView>> {
    admin.require_admin()?;
    Ok(store::webhooks::all(conn)?.into_iter().map(view).collect())
}

/// Switches a webhook on again (after it was switched off for failing) or off.
pub fn set_enabled(
    conn: &mut DbConnection,
    admin: &Caller,
    id: i64,
    enabled: bool,
) -> ApiResult<WebhookView> {
    admin.require_admin()?;
    db::write_transaction(conn, |conn| {
        existing(conn, id)?;
        if enabled {
            store::webhooks::switch_on(conn, id)?;
        } else {
            store::webhooks::switch_off(
                conn,
                id,
                "switched off by an administrator",
                crate::clock::now(),
            )?;
        }
        let action = if enabled {
            "webhook_switched_on"
        } else {
            "webhook_switched_off"
        };
        audit(conn, admin, action, id, serde_json::json!({}))?;
        Ok(view(existing(conn, id)?))
    })
}

pub fn delete(conn: &mut DbConnection, admin: &Caller, id: i64) -> ApiResult<()> {
    admin.require_admin()?;
    db::write_transaction(conn, |conn| {
        existing(conn, id)?;
        store::webhooks::delete(conn, id, crate::clock::now())?;
        audit(conn, admin, "webhook_deleted", id, serde_json::json!({}))
    })
}

#[derive(Serialize, ToSchema)]
pub struct AttemptView {
    pub attempted_at: DateTime<Utc>,
    /// The receiver's HTTP status, when it answered.
    pub status_code: Option<i32>,
    /// Why the attempt failed, when it did not get an answer.
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// One message to the webhook and what became of it.
#[derive(Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: i64,
    /// The `webhook-id` header: the same on every attempt and replay.
    pub message_id: String,
    pub event_type: String,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Set when every attempt failed; a replay starts again.
    pub gave_up_at: Option<DateTime<Utc>>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The body sent.
    pub payload: serde_json::Value,
    pub attempts: Vec<AttemptView>,
}

fn delivery_view(delivery: Delivery, attempts: &[Attempt]) -> DeliveryView {
    let waiting = delivery.delivered_at.is_none() && delivery.gave_up_at.is_none();
    DeliveryView {
        id: delivery.id,
        message_id: delivery.message_id,
        event_type: delivery.event_type,
        created_at: delivery.created_at.and_utc(),
        delivered_at: delivery.delivered_at.map(|at| at.and_utc()),
        gave_up_at: delivery.gave_up_at.map(|at| at.and_utc()),
        next_attempt_at: waiting.then(|| delivery.next_attempt_at.and_utc()),
        payload: serde_json::from_str(&delivery.payload).unwrap_or_default(),
        attempts: attempts
            .iter()
            .filter(|a| a.delivery_id == delivery.id)
            .map(|a| AttemptView {
                attempted_at: a.attempted_at.and_utc(),
                status_code: a.status_code,
                error: a.error.clone(),
                duration_ms: a.duration_ms,
            })
            .collect(),
    }
}

/// The delivery log: the newest deliveries of a webhook, each with its attempts.
pub fn deliveries(
    conn: &mut DbConnection,
    admin: &Caller,
    id: i64,
    limit: i64,
) -> ApiResult<Vec<DeliveryView>> {
    admin.require_admin()?;
    existing(conn, id)?;
    let deliveries = store::webhooks::deliveries_of(conn, id, limit)?;
    let ids: Vec<i64> = deliveries.iter().map(|d| d.id).collect();
    let attempts = store::webhooks::attempts_of(conn, &ids)?;
    Ok(deliveries
        .into_iter()
        .map(|d| delivery_view(d, &attempts))
        .collect())
}

/// Sends a delivery again, with the same message id, as soon as the webhook sends.
pub fn replay(conn: &mut DbConnection, admin: &Caller, id: i64, delivery_id: i64) -> ApiResult<()> {
    admin.require_admin()?;
    db::write_transaction(conn, |conn| {
        existing(conn, id)?;
        let delivery = store::webhooks::find_delivery(conn, delivery_id)?
            .filter(|d| d.webhook_id == id)
            .ok_or_else(|| ApiError::not_found(Thing::Object))?;
        store::webhooks::replay(conn, delivery.id, crate::clock::now())?;
        audit(
            conn,
            admin,
            "webhook_delivery_replayed",
            id,
            serde_json::json!({"delivery_id": delivery.id, "message_id": delivery.message_id}),
        )
    })
}

/// The entries of the audit log read in one pass.
const FAN_OUT_BATCH: i64 = 500;

/// Makes the deliveries for the audit entries written since the last pass, for every webhook
/// that sends and wants the event. The cursor moves with a compare on its old value in the
/// same transaction, so with several processes each entry makes its deliveries once.
pub fn fan_out(conn: &mut DbConnection, public_url: &str) -> ApiResult<usize> {
    // Most passes find nothing new; they take no write lock for that.
    let seen = store::webhooks::cursor(conn)?;
    if store::audit::after(conn, seen, 1)?.is_empty() {
        return Ok(0);
    }
    db::write_transaction(conn, |conn| {
        let from = store::webhooks::cursor(conn)?;
        let entries = store::audit::after(conn, from, FAN_OUT_BATCH)?;
        let Some(last) = entries.last().map(|e| e.id) else {
            return Ok(0);
        };
        if !store::webhooks::advance_cursor(conn, from, last)? {
            return Ok(0);
        }
        let hooks = store::webhooks::sending(conn)?;
        if hooks.is_empty() {
            return Ok(0);
        }
        let now = crate::clock::now();
        let mut made = 0;
        for entry in &entries {
            let details: serde_json::Value =
                serde_json::from_str(&entry.details).unwrap_or_default();
            for event in EventType::of_audit_action(&entry.action, &details) {
                let message_id = format!("msg_{}_{}", entry.id, event.as_str().replace('.', "_"));
                let payload = serde_json::json!({
                    "type": event.as_str(),
                    "timestamp": entry.occurred_at.and_utc(),
                    "data": {
                        "entity_type": entry.entity_type,
                        "entity_id": entry.entity_id,
                        "url": entity_url(public_url, event, &entry.entity_type, &entry.entity_id),
                        "audit_id": entry.id,
                        "details": details,
                    }
                })
                .to_string();
                for hook in hooks.iter().filter(|h| {
                    h.created_at <= entry.occurred_at && event_types_of(h).contains(&event)
                }) {
                    store::webhooks::add_delivery(
                        conn,
                        &NewDelivery {
                            webhook_id: hook.id,
                            message_id: &message_id,
                            event_type: event.as_str(),
                            payload: &payload,
                            created_at: now,
                            next_attempt_at: now,
                        },
                    )?;
                    made += 1;
                }
            }
        }
        Ok(made)
    })
}

/// Where the API shows what an event is about.
fn entity_url(public_url: &str, event: EventType, entity_type: &str, id: &str) -> Option<String> {
    let path = match (event, entity_type) {
        (EventType::ResultsPublished, "round") => format!("rounds/{id}/results"),
        (_, "proposal") => format!("proposals/{id}"),
        (_, "round") => format!("rounds/{id}"),
        _ => return None,
    };
    Some(format!("{public_url}/api/v1/{path}"))
}

const POLL_EVERY: Duration = Duration::from_millis(500);
const BATCH: i64 = 20;
/// Longer than an attempt can take (the receiver gets 10 seconds).
const LEASE_SECONDS: i64 = 60;
const RECEIVER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the sender needs: the key that opens the secrets, and when to switch a webhook off.
#[derive(Clone)]
pub struct Sender {
    pub sealing: SecretKey,
    pub disable_after: i32,
    pub public_url: String,
}

/// Sends due deliveries until the process stops; every process runs one.
pub async fn run(pool: Pool, sender: Sender) {
    let client = match reqwest::Client::builder()
        .timeout(RECEIVER_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("wijkbudget-webhooks")
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            tracing::error!(error = %e, "webhooks cannot be sent: no HTTP client");
            return;
        }
    };
    let mut ticker = tokio::time::interval(POLL_EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(e) = send_due(&pool, &client, &sender).await {
            tracing::warn!(error = %e, "webhook delivery pass failed");
        }
    }
}

async fn send_due(pool: &Pool, client: &reqwest::Client, sender: &Sender) -> ApiResult<()> {
    let claimed = {
        let pool = pool.clone();
        let sealing = sender.sealing.clone();
        tokio::task::spawn_blocking(move || -> ApiResult<Vec<(Delivery, Webhook, String)>> {
            let mut conn = pool.get()?;
            let now = crate::clock::now();
            let lease = now + TimeDelta::seconds(LEASE_SECONDS);
            let mut claimed = Vec::new();
            for delivery in store::webhooks::due(&mut conn, now, BATCH)? {
                let Some(hook) = store::webhooks::find(&mut conn, delivery.webhook_id)? else {
                    continue;
                };
                if !store::webhooks::claim(&mut conn, &delivery, lease)? {
                    continue;
                }
                let secret = sealed::open(
                    &sealing,
                    SECRET_PURPOSE,
                    &bound_to(hook.id),
                    &hook.secret_sealed,
                )
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or_else(|| {
                    ApiError::internal("a webhook secret does not open with this PSEUDONYM_SECRET")
                })?;
                claimed.push((delivery, hook, secret));
            }
            Ok(claimed)
        })
        .await
        .map_err(ApiError::internal)??
    };
    let mut switched_off = Vec::new();
    for (delivery, hook, secret) in claimed {
        // The rest of this batch waits for the webhook to be switched on again.
        if switched_off.contains(&hook.id) {
            continue;
        }
        let outcome = attempt(client, &hook, &delivery, &secret).await;
        let pool = pool.clone();
        let sender = sender.clone();
        let hook_id = hook.id;
        let still_on = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            settle(&mut conn, &sender, &hook, &delivery, outcome)
        })
        .await
        .map_err(ApiError::internal)??;
        if !still_on {
            switched_off.push(hook_id);
        }
    }
    Ok(())
}

/// What one attempt got: the receiver's status, or why there was none; and how long it took.
struct Outcome {
    status: Option<u16>,
    error: Option<String>,
    took: Duration,
}

async fn attempt(
    client: &reqwest::Client,
    hook: &Webhook,
    delivery: &Delivery,
    secret: &str,
) -> Outcome {
    let started = Instant::now();
    let timestamp = Utc::now().timestamp();
    let Some(signature) =
        webhook::signature(secret, &delivery.message_id, timestamp, &delivery.payload)
    else {
        return Outcome {
            status: None,
            error: Some("the secret is not valid base64".into()),
            took: started.elapsed(),
        };
    };
    let sent = client
        .post(&hook.url)
        .header("content-type", "application/json")
        .header("webhook-id", &delivery.message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(delivery.payload.clone())
        .send()
        .await;
    match sent {
        Ok(response) => Outcome {
            status: Some(response.status().as_u16()),
            error: None,
            took: started.elapsed(),
        },
        Err(e) => Outcome {
            status: None,
            error: Some(e.to_string()),
            took: started.elapsed(),
        },
    }
}

/// Writes down an attempt: delivered, retried later, given up; and switches the webhook off
/// (telling the administrators) once it has failed `disable_after` times in a row. Returns
/// whether the webhook still sends.
fn settle(
    conn: &mut DbConnection,
    sender: &Sender,
    hook: &Webhook,
    delivery: &Delivery,
    outcome: Outcome,
) -> ApiResult<bool> {
    let now = crate::clock::now();
    let delivered = outcome.status.is_some_and(|s| (200..300).contains(&s));
    crate::metrics::webhook_attempted(delivered);
    db::write_transaction(conn, |conn| {
        store::webhooks::record_attempt(
            conn,
            delivery.id,
            now,
            outcome.status.map(i32::from),
            outcome.error.as_deref(),
            outcome.took.as_millis() as i64,
        )?;
        if delivered {
            store::webhooks::mark_delivered(conn, delivery.id, now)?;
            store::webhooks::count_success(conn, hook.id)?;
            return Ok(true);
        }
        let attempts = delivery.attempts + 1;
        if attempts >= webhook::MAX_ATTEMPTS {
            store::webhooks::give_up(conn, delivery.id, now)?;
        } else {
            let wait = TimeDelta::seconds(webhook::retry_delay_seconds(attempts));
            store::webhooks::retry_at(conn, delivery.id, now + wait)?;
        }
        let failures = store::webhooks::count_failure(conn, hook.id)?;
        if failures >= sender.disable_after {
            switch_off_for_failing(conn, sender, hook, failures)?;
            return Ok(false);
        }
        Ok(true)
    })
}

fn switch_off_for_failing(
    conn: &mut DbConnection,
    sender: &Sender,
    hook: &Webhook,
    failures: i32,
) -> ApiResult<()> {
    let reason = format!("{failures} failed deliveries in a row");
    if !store::webhooks::switch_off(conn, hook.id, &reason, crate::clock::now())? {
        return Ok(());
    }
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: None,
            action: "webhook_switched_off",
            entity_type: "webhook",
            entity_id: hook.id.to_string(),
            details: serde_json::json!({"reason": reason}),
        },
    )?;
    let subject = t!(
        "webhook-disabled-mail-subject",
        url = hook.url.clone(),
        failures = failures
    );
    let body = t!(
        "webhook-disabled-mail-body",
        id = hook.id,
        url = hook.url.clone(),
        failures = failures
    );
    for (address, locale) in store::roles::admin_addresses(conn)? {
        store::outbox::enqueue(
            conn,
            &NewMail {
                recipient: &address,
                subject: &subject.render(locale),
                body: &format!("{}\n\n{}/console\n", body.render(locale), sender.public_url),
                notification: None,
            },
            crate::clock::now(),
        )?;
    }
    tracing::warn!(
        webhook = hook.id,
        failures,
        "webhook switched off after failing"
    );
    Ok(())
}

//! The background worker that empties the outbox. Every process runs one; a message is
//! claimed by one of them before it is sent.

use std::time::Duration;

use chrono::TimeDelta;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{MailTransport, SecretKey};
use crate::db::Pool;
use crate::mail::unsubscribe::{self, Unsubscribe};
use crate::store::outbox::{self, OutgoingMail};
use lettre::message::header::{HeaderName, HeaderValue};

const POLL_EVERY: Duration = Duration::from_millis(500);
const BATCH: i64 = 20;
const LEASE_SECONDS: i64 = 300;
const MAX_ATTEMPTS: i32 = 12;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    Log,
}

impl Transport {
    pub fn from_config(config: &MailTransport) -> Result<Self, String> {
        match config {
            MailTransport::Log => Ok(Self::Log),
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    format!("setting MAIL_URL: cannot create {}: {e}", dir.display())
                })?;
                Ok(Self::File(AsyncFileTransport::new(dir)))
            }
            MailTransport::Smtp { url } => smtp_transport(url).map(Self::Smtp),
        }
    }

    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Self::File(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Self::Log => {
                tracing::info!(to = ?message.envelope().to(), "mail (log transport)");
                Ok(())
            }
        }
    }
}

/// `smtp+plain://host:port` has no TLS at all (a local mail catcher); `smtp://` requires
/// STARTTLS and `smtps://` implicit TLS, both with optional `user:password@`.
fn smtp_transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let bad = |e: String| format!("setting MAIL_URL: {e}");
    if let Some(rest) = url.strip_prefix("smtp+plain://") {
        let (credentials, host_port) = match rest.rsplit_once('@') {
            Some((userinfo, host)) => (Some(userinfo), host),
            None => (None, rest),
        };
        let host_port = host_port.trim_end_matches('/');
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse::<u16>()
                    .map_err(|_| bad(format!("bad port in {host_port}")))?,
            ),
            None => (host_port, 25),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port);
        if let Some((user, password)) = credentials.and_then(|c| c.split_once(':')) {
            builder = builder.credentials(Credentials::new(user.into(), password.into()));
        }
        return Ok(builder.build());
    }
    let url = if let Some(rest) = url.strip_prefix("smtp://") {
        if rest.contains("tls=") {
            url.to_string()
        } else {
            format!(
                "smtp://{rest}{}tls=required",
                if rest.contains('?') { "&" } else { "?" }
            )
        }
    } else {
        url.to_string()
    };
    AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
        .map(|b| b.build())
        .map_err(|e| bad(e.to_string()))
}

/// Who sends, and what signs the unsubscribe links of notifications.
#[derive(Clone)]
pub struct Sender {
    pub from: Mailbox,
    pub secret: SecretKey,
    pub public_url: String,
}

fn build_message(sender: &Sender, mail: &OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| format!("bad recipient: {e}"))?;
    let mut builder = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .header(lettre::message::header::ContentType::TEXT_PLAIN);
    let mut body = mail.body.clone();
    let stops = mail
        .notification_kind
        .as_deref()
        .and_then(Unsubscribe::parse);
    if let (Some(user_id), Some(stops)) = (mail.user_id, stops) {
        let link = unsubscribe::link(&sender.secret, &sender.public_url, user_id, stops);
        body.push_str(&link);
        body.push('\n');
        builder = builder
            .raw_header(raw_header("List-Unsubscribe", format!("<{link}>"))?)
            .raw_header(raw_header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            )?);
    }
    builder.body(body).map_err(|e| e.to_string())
}

fn raw_header(name: &str, value: String) -> Result<HeaderValue, String> {
    let name = HeaderName::new_from_ascii(name.into()).map_err(|e| e.to_string())?;
    Ok(HeaderValue::new(name, value))
}

/// Seconds to wait before the next attempt: 30 s, doubling, at most an hour.
pub fn backoff_seconds(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 8) - 1;
    (30_i64 << exponent).min(3600)
}

/// Sends what is due, forever.
pub async fn run(pool: Pool, transport: Transport, sender: Sender) {
    let mut ticker = tokio::time::interval(POLL_EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        if let Err(e) = send_due(&pool, &transport, &sender).await {
            tracing::warn!(error = %e, "mail outbox pass failed");
        }
    }
}

async fn send_due(pool: &Pool, transport: &Transport, sender: &Sender) -> Result<(), String> {
    let claimed = {
        let pool = pool.clone();
        tokio::task::spawn_blocking(move || -> Result<Vec<OutgoingMail>, String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let now = crate::clock::now();
            let due = outbox::due(&mut conn, now, BATCH).map_err(|e| e.to_string())?;
            let lease = now + TimeDelta::seconds(LEASE_SECONDS);
            let mut claimed = Vec::new();
            for mail in due {
                if outbox::claim(&mut conn, &mail, lease).map_err(|e| e.to_string())? {
                    claimed.push(mail);
                }
            }
            Ok(claimed)
        })
        .await
        .map_err(|e| e.to_string())??
    };
    for mail in claimed {
        let result = match build_message(sender, &mail) {
            Ok(message) => transport.send(message).await,
            Err(e) => Err(e),
        };
        let pool = pool.clone();
        let attempts = mail.attempts + 1;
        tokio::task::spawn_blocking(move || -> Result<(), String> {
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let now = crate::clock::now();
            match result {
                Ok(()) => outbox::mark_sent(&mut conn, mail.id, now),
                Err(error) => {
                    tracing::warn!(mail_id = mail.id, attempts, %error, "sending mail failed");
                    let retry_at = if attempts >= MAX_ATTEMPTS {
                        chrono::NaiveDateTime::MAX
                    } else {
                        now + TimeDelta::seconds(backoff_seconds(attempts))
                    };
                    outbox::mark_failed(&mut conn, mail.id, &error, retry_at)
                }
            }
            .map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())??;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff_seconds(1), 30);
        assert_eq!(backoff_seconds(2), 60);
        assert_eq!(backoff_seconds(5), 480);
        assert_eq!(backoff_seconds(12), 3600);
    }

    #[tokio::test]
    async fn smtp_urls_are_understood() {
        assert!(smtp_transport("smtp+plain://127.0.0.1:2525").is_ok());
        assert!(smtp_transport("smtp://user:pw@mail.example.org:587").is_ok());
        assert!(smtp_transport("smtps://mail.example.org").is_ok());
        assert!(smtp_transport("smtp+plain://host:port").is_err());
    }
}

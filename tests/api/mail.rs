use std::sync::{Arc, Mutex};

use diesel::prelude::*;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use wijkbudget::config::MailTransport;

use crate::helpers::{PASSWORD, spawn_app_with};

/// A minimal SMTP server: accepts every message and keeps its DATA.
async fn start_smtp_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (reader, mut writer) = socket.into_split();
                let mut lines = BufReader::new(reader).lines();
                writer.write_all(b"220 test.local ESMTP\r\n").await.ok();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            writer.write_all(b"250 2.0.0 queued\r\n").await.ok();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 test.local\r\n"
                    } else if command.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if command.starts_with("QUIT") {
                        writer.write_all(b"221 bye\r\n").await.ok();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    writer.write_all(reply).await.ok();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn verification_mail_goes_out_over_smtp() {
    let (port, received) = start_smtp_server().await;
    let app = spawn_app_with(|c| {
        c.mail_transport = MailTransport::Smtp {
            url: format!("smtp+plain://127.0.0.1:{port}"),
        };
    })
    .await;
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "smtp.user@example.org", "password": PASSWORD, "display_name": "Smtp", "locale": "fr"}),
            None,
        )
        .await;
    assert_eq!(reply.status, 202);
    let mut message = None;
    for _ in 0..100 {
        if let Some(m) = received.lock().unwrap().first().cloned() {
            message = Some(m);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let message = message.expect("the SMTP server received the message");
    assert!(message.contains("smtp.user@example.org"), "{message}");
    assert!(message.contains("verify-email?token="), "{message}");
    assert!(
        message.contains("Subject: Confirmez votre adresse e-mail"),
        "{message}"
    );
    let sent_at: Option<chrono::NaiveDateTime> = {
        use wijkbudget::store::schema::mail_outbox::dsl::*;
        let mut conn = app.db();
        let mut value = None;
        for _ in 0..50 {
            value = mail_outbox.select(sent_at).first(&mut conn).unwrap();
            if value.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        value
    };
    assert!(sent_at.is_some(), "the outbox marks the message as sent");
}

#[tokio::test]
async fn mail_to_an_unreachable_server_stays_in_the_outbox_for_a_later_attempt() {
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let app = spawn_app_with(|c| {
        c.mail_transport = MailTransport::Smtp {
            url: format!("smtp+plain://127.0.0.1:{closed_port}"),
        };
    })
    .await;
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "later@example.org", "password": PASSWORD, "display_name": "Later"}),
            None,
        )
        .await;
    assert_eq!(
        reply.status, 202,
        "a mail server that is down never fails the request"
    );
    use wijkbudget::store::schema::mail_outbox::dsl::*;
    let mut conn = app.db();
    let mut row = None;
    for _ in 0..100 {
        let current: (
            i32,
            Option<String>,
            Option<chrono::NaiveDateTime>,
            chrono::NaiveDateTime,
        ) = mail_outbox
            .select((attempts, last_error, sent_at, next_attempt_at))
            .first(&mut conn)
            .unwrap();
        if current.1.is_some() {
            row = Some(current);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (tries, error, sent, next) = row.expect("the failed attempt is recorded");
    assert_eq!(tries, 1);
    assert!(error.is_some());
    assert!(sent.is_none());
    assert!(
        next > chrono::Utc::now().naive_utc() + chrono::TimeDelta::seconds(20),
        "retried with back-off"
    );
}

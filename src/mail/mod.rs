//! E-mail: written to the outbox in the transaction of the change that causes it, sent by a
//! background worker with retries and back-off, so a crash never loses a notification and a
//! slow mail server never slows a request.

pub mod sender;
pub mod templates;
pub mod unsubscribe;

use diesel::QueryResult;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::store;
use crate::store::outbox::NewMail;
use templates::Template;
pub use unsubscribe::Unsubscribe;

/// Renders the message in the recipient's language and puts it in the outbox.
pub fn enqueue(
    conn: &mut DbConnection,
    recipient: &str,
    locale: Locale,
    template: &Template<'_>,
) -> QueryResult<()> {
    let (subject, body) = templates::render(template, locale);
    let mail = NewMail {
        recipient,
        subject: &subject,
        body: &body,
        notification: None,
    };
    store::outbox::enqueue(conn, &mail, crate::clock::now())
}

/// Puts a notification in the outbox: the message in the recipient's language, ending with
/// the footer to which the sender appends the link that unsubscribes from `stops`.
pub fn enqueue_notification(
    conn: &mut DbConnection,
    (user_id, recipient): (i64, &str),
    locale: Locale,
    stops: Unsubscribe,
    template: &Template<'_>,
) -> QueryResult<()> {
    let (subject, mut body) = templates::render(template, locale);
    body.push_str(&templates::unsubscribe_footer(stops, locale));
    let mail = NewMail {
        recipient,
        subject: &subject,
        body: &body,
        notification: Some((user_id, stops.as_str())),
    };
    store::outbox::enqueue(conn, &mail, crate::clock::now())
}

//! E-mail: written to the outbox in the transaction of the change that causes it, sent by a
//! background worker with retries and back-off, so a crash never loses a notification and a
//! slow mail server never slows a request.

pub mod sender;
pub mod templates;

use diesel::QueryResult;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::store;
use templates::Template;

/// Renders the message in the recipient's language and puts it in the outbox.
pub fn enqueue(
    conn: &mut DbConnection,
    recipient: &str,
    locale: Locale,
    template: &Template<'_>,
) -> QueryResult<()> {
    let (subject, body) = templates::render(template, locale);
    store::outbox::enqueue(conn, recipient, &subject, &body, crate::clock::now())
}

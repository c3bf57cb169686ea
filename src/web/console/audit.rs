//! Administrators read the audit log, newest first, for one thing or all, and have the whole
//! chain verified on request (every hash, every sealed checkpoint, every head published with a
//! round's results).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::editions::administrator;
use crate::api::blocking;
use crate::service::audit;
use crate::state::AppState;
use crate::web::page::Page;
use crate::web::rounds::failure;

/// As many entries as one page lists.
const LISTED: i64 = 100;

struct EntryRow {
    id: i64,
    when: String,
    actor: String,
    action: String,
    entity: String,
    details: String,
}

#[derive(Template)]
#[template(path = "console_audit.html")]
struct AuditPage {
    page: Page,
    entity_type: String,
    entity_id: String,
    entries: Vec<EntryRow>,
    /// The link to the next, older page.
    older: Option<String>,
    /// The outcome of a verification asked for: intact (and how many entries), or where it
    /// breaks.
    verified: Option<(bool, String)>,
}

#[derive(serde::Deserialize)]
pub struct AuditQuery {
    entity_type: Option<String>,
    entity_id: Option<String>,
    before: Option<i64>,
    verify: Option<u8>,
}

pub async fn log(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let query = query.into_inner();
    let entity_type = query.entity_type.clone().filter(|t| !t.trim().is_empty());
    let entity_id = query.entity_id.clone().filter(|t| !t.trim().is_empty());
    let secret = state.config.pseudonym_secret.clone();
    let verify = query.verify.is_some();
    let (kind, id) = (entity_type.clone(), entity_id.clone());
    let found = blocking::run(&state.pool, move |conn| {
        let entries = audit::list(
            conn,
            &caller,
            kind.as_deref(),
            id.as_deref(),
            query.before,
            LISTED,
        )?;
        let verified = if verify {
            Some(audit::verify(conn, &secret, &[])?)
        } else {
            None
        };
        Ok((entries, verified))
    })
    .await;
    let (entries, verified) = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let older = (entries.len() as i64 == LISTED)
        .then(|| entries.last())
        .flatten()
        .map(|last| {
            let mut link = format!("/console/audit?before={}", last.id);
            for (name, value) in [("entity_type", &entity_type), ("entity_id", &entity_id)] {
                if let Some(value) = value {
                    let encoded: String =
                        form_urlencoded::byte_serialize(value.as_bytes()).collect();
                    link.push_str(&format!("&{name}={encoded}"));
                }
            }
            link
        });
    page.render(&AuditPage {
        entries: entries
            .into_iter()
            .map(|e| EntryRow {
                id: e.id,
                when: page.moment(e.occurred_at),
                actor: e.actor_id.map(|a| format!("#{a}")).unwrap_or_default(),
                entity: format!("{} {}", e.entity_type, e.entity_id),
                action: e.action,
                details: e.details,
            })
            .collect(),
        older,
        verified: verified.map(|outcome| match outcome {
            Ok(count) => (true, page.say(&t!("site-audit-intact", count = count))),
            Err(broken) => (
                false,
                page.say(&t!(
                    "site-audit-broken",
                    place = broken.place,
                    reason = broken.reason
                )),
            ),
        }),
        entity_type: entity_type.unwrap_or_default(),
        entity_id: entity_id.unwrap_or_default(),
        page: page.clone(),
    })
}

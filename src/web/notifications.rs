//! My notifications page: how I hear of each kind of event and what I follow; the buttons that
//! follow a proposal, an area or an edition; and the one-click unsubscribe page every
//! notification mail links to.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::page::{MessagePage, Page, see_other};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::domain::notification::{Delivery, EventKind};
use crate::mail::Unsubscribe;
use crate::service::follows::{self, Subject};
use crate::service::notifications::{self, PreferencesChange};
use crate::service::{areas, editions, proposals::read};
use crate::state::AppState;

/// One kind of event with its label and the delivery chosen for it.
struct Choice {
    kind: &'static str,
    label: String,
    chosen: &'static str,
}

/// Something followed, with its name and page.
struct Followed {
    subject: &'static str,
    id: i64,
    name: String,
    href: String,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    page: Page,
    choices: Vec<Choice>,
    deliveries: Vec<(&'static str, String)>,
    waiting: i64,
    digest_hour: u32,
    notify_by_email: bool,
    followed: Vec<Followed>,
}

fn kind_label(page: &Page, kind: EventKind) -> String {
    match kind {
        EventKind::StateChange => page.t("site-notify-state-change"),
        EventKind::Review => page.t("site-notify-review"),
        EventKind::NewComment => page.t("site-notify-new-comment"),
        EventKind::RoundOpening => page.t("site-notify-round-opening"),
        EventKind::Decision => page.t("site-notify-decision"),
        EventKind::Milestone => page.t("site-notify-milestone"),
    }
}

fn delivery_label(page: &Page, delivery: Delivery) -> String {
    match delivery {
        Delivery::Immediately => page.t("site-notify-immediately"),
        Delivery::DailyDigest => page.t("site-notify-daily-digest"),
        Delivery::Never => page.t("site-notify-never"),
    }
}

pub async fn settings(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me/notifications");
    };
    let notify_by_email = caller.user.notify_by_email;
    let loaded = blocking::run(&state.pool, move |conn| {
        let (preferences, waiting) = notifications::mine(conn, &caller)?;
        let mut followed = Vec::new();
        for f in follows::list(conn, &caller)? {
            let (name, href) = match f.subject {
                Subject::Proposal => (read::get(conn, f.id, Some(&caller))?.title, "proposals"),
                Subject::Area => (areas::get(conn, f.id)?.name, "areas"),
                Subject::Edition => (editions::get(conn, f.id)?.edition.name, "editions"),
            };
            followed.push(Followed {
                subject: f.subject.as_str(),
                id: f.id,
                name,
                href: format!("/{href}/{}", f.id),
            });
        }
        Ok((preferences, waiting, followed))
    })
    .await;
    let (preferences, waiting, followed) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return failure(&page, &error),
    };
    let choices = EventKind::ALL
        .iter()
        .map(|kind| Choice {
            kind: kind.as_str(),
            label: kind_label(&page, *kind),
            chosen: preferences.of(*kind).as_str(),
        })
        .collect();
    let deliveries = Delivery::ALL
        .iter()
        .map(|d| (d.as_str(), delivery_label(&page, *d)))
        .collect();
    page.render(&NotificationsPage {
        choices,
        deliveries,
        waiting,
        digest_hour: state.config.digest_hour,
        notify_by_email,
        followed,
        page: page.clone(),
    })
}

/// The form sends one field per kind, named after it, with the delivery chosen.
pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let fields = form.into_inner();
    let value = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if !page.came_from_this_site(&state, value("csrf_token").unwrap_or_default()) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me/notifications");
    };
    let chosen = |kind: EventKind| value(kind.as_str()).and_then(Delivery::parse);
    let change = PreferencesChange {
        state_change: chosen(EventKind::StateChange),
        review: chosen(EventKind::Review),
        new_comment: chosen(EventKind::NewComment),
        round_opening: chosen(EventKind::RoundOpening),
        decision: chosen(EventKind::Decision),
        milestone: chosen(EventKind::Milestone),
    };
    let saved = blocking::run(&state.pool, move |conn| {
        notifications::change(conn, &caller, &change)
    })
    .await;
    match saved {
        Ok(_) => see_other("/me/notifications?saved=1").finish(),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    action: String,
    /// Back to my notifications page instead of the followed page.
    #[serde(default)]
    back: String,
    #[serde(default)]
    csrf_token: String,
}

/// Follows or stops following a proposal, an area or an edition, then goes back.
pub async fn follow(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(Subject, i64)>,
    form: web::Form<FollowForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (subject, id) = path.into_inner();
    let followed_page = match subject {
        Subject::Proposal => format!("/proposals/{id}"),
        Subject::Area => format!("/areas/{id}"),
        Subject::Edition => format!("/editions/{id}"),
    };
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&followed_page);
    };
    let stop = form.action == "unfollow";
    let done = blocking::run(&state.pool, move |conn| {
        if stop {
            follows::unfollow(conn, &caller, subject, id)
        } else {
            follows::follow(conn, &caller, subject, id)
        }
    })
    .await;
    let back = if form.back == "settings" {
        "/me/notifications#follows".to_string()
    } else {
        format!("{followed_page}#follow")
    };
    match done {
        Ok(()) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, back))
            .finish(),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    page: Page,
    token: String,
    what: String,
}

fn what_it_stops(page: &Page, stops: Unsubscribe) -> String {
    match stops {
        Unsubscribe::Kind(kind) => kind_label(page, kind),
        Unsubscribe::Digest => page.t("site-notify-the-digest"),
    }
}

fn bad_link(page: &Page) -> HttpResponse {
    page.render_with(
        actix_web::http::StatusCode::NOT_FOUND,
        &MessagePage::new(
            page.clone(),
            t!("site-unsubscribe-title"),
            t!("unsubscribe-link-not-valid"),
        ),
    )
}

/// What the link in a mail opens: it asks before it stops anything, because mail filters
/// open links to look at them.
pub async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let token = query.into_inner().token;
    let Some((_, stops)) = crate::mail::unsubscribe::check(&state.config.jwt_secret, &token) else {
        return bad_link(&page);
    };
    page.render(&UnsubscribePage {
        what: what_it_stops(&page, stops),
        token,
        page: page.clone(),
    })
}

#[derive(Deserialize)]
pub struct UnsubscribeForm {
    #[serde(default)]
    token: String,
}

/// Stops the mail a link names: from the page's button, or straight from a mail program that
/// posts `List-Unsubscribe=One-Click` to the link (RFC 8058), without a session or a form token.
pub async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
    form: Option<web::Form<UnsubscribeForm>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let mut token = query.into_inner().token;
    if token.is_empty() {
        token = form.map(|f| f.into_inner().token).unwrap_or_default();
    }
    let secret = state.config.jwt_secret.clone();
    let done = blocking::run(&state.pool, move |conn| {
        notifications::unsubscribe(conn, &secret, &token)
    })
    .await;
    match done {
        Ok(stops) => {
            let mut message = MessagePage::new(
                page.clone(),
                t!("site-unsubscribe-title"),
                t!("site-unsubscribe-done"),
            );
            message.body = format!("{} {}", message.body, what_it_stops(&page, stops));
            message.next = Some(("/me/notifications".into(), page.t("site-notify-choose")));
            page.render(&message)
        }
        Err(_) => bad_link(&page),
    }
}

/// For a signed-in visitor, whether they follow the subject (the page shows the button to
/// follow or stop); `None` for someone not signed in.
pub(super) async fn following(
    req: &HttpRequest,
    state: &AppState,
    subject: Subject,
    id: i64,
) -> Option<bool> {
    let caller = session::visitor(req, state).await?;
    blocking::run(&state.pool, move |conn| {
        follows::follows(conn, &caller, subject, id)
    })
    .await
    .ok()
}

//! My page: who I am signed in as, my language and mail, where I live, my votes, the proposals
//! I wrote and co-signed, and signing out.

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Field, Page, see_other};
use super::proposals::Item;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::locale::Locale;
use crate::service::proposals::read::{self, Relation};
use crate::service::{accounts, areas, ballots, editions, residency};
use crate::state::AppState;

/// As many of each list as a page shows.
const SHOWN: i64 = 50;

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    page: Page,
    name: String,
    email: String,
    /// Holds a staff role: the page links to the console.
    staff: bool,
    /// The number co-authors are named by (the API's user id, public on every proposal).
    number: i64,
    /// What the preferences form shows: as typed after a refusal, else as kept.
    typed_name: String,
    locale: &'static str,
    notify: bool,
    verified: bool,
    /// Each proposal with the name of its edition.
    written: Vec<(Item, String)>,
    supported: Vec<(Item, String)>,
    votes: Vec<VoteItem>,
    /// The area I am a verified resident of; without one, the page asks for a letter code.
    residence: Option<String>,
    code: String,
    errors: Vec<ErrorItem>,
}

/// A round I voted in, or an open one I may vote in.
struct VoteItem {
    round_id: i64,
    name: String,
    status: String,
    /// The receipt of my ballot, when I voted.
    receipt: Option<String>,
}

pub async fn my_page(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me");
    };
    render(
        &page,
        &state,
        caller,
        StatusCode::OK,
        Typed::default(),
        vec![],
    )
    .await
}

/// What a refused form had in it, shown again.
#[derive(Default)]
struct Typed {
    code: String,
    display_name: Option<String>,
}

/// My page, with what a refused form needs shown again.
async fn render(
    page: &Page,
    state: &AppState,
    caller: Caller,
    status: StatusCode,
    typed: Typed,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let (name, email) = (caller.user.display_name.clone(), caller.user.email.clone());
    let (locale, notify) = (caller.user.locale.as_str(), caller.user.notify_by_email);
    let number = caller.id();
    let staff = !caller.grants.is_empty();
    let typed_name = typed.display_name.unwrap_or_else(|| name.clone());
    let verified = caller.email_verified();
    let secret = state.config.pseudonym_secret.clone();
    let lists = blocking::run(&state.pool, move |conn| {
        let rounds = ballots::mine(conn, &secret, &caller)?;
        let written = read::of_caller(conn, &caller, Relation::Wrote, None, SHOWN)?;
        let supported = read::of_caller(conn, &caller, Relation::Supported, None, SHOWN)?;
        let mut names = HashMap::new();
        for listed in written.iter().chain(&supported) {
            let id = listed.proposal.edition_id;
            if let std::collections::hash_map::Entry::Vacant(name) = names.entry(id) {
                name.insert(editions::get(conn, id)?.edition.name);
            }
        }
        let residence = match caller.resident_area() {
            Some(area) => Some(areas::get(conn, area)?.name),
            None => None,
        };
        Ok((written, supported, names, rounds, residence))
    })
    .await;
    let (written, supported, names, rounds, residence) = match lists {
        Ok(lists) => lists,
        Err(error) => return super::rounds::failure(page, &error),
    };
    let items = |list: Vec<read::Listed>| {
        list.into_iter()
            .map(|l| {
                let edition = names
                    .get(&l.proposal.edition_id)
                    .cloned()
                    .unwrap_or_default();
                (Item::of(page, l), edition)
            })
            .collect()
    };
    let votes = rounds
        .into_iter()
        .map(|mine| VoteItem {
            round_id: mine.round.id,
            status: page.say(&t!("round-status", name = mine.round.status.as_str())),
            name: mine.round.name,
            receipt: mine.ballot.map(|b| b.receipt),
        })
        .collect();
    page.render_with(
        status,
        &MePage {
            votes,
            residence,
            code: typed.code,
            typed_name,
            staff,
            number,
            locale,
            notify,
            errors,
            name,
            email,
            verified,
            written: items(written),
            supported: items(supported),
            page: page.clone(),
        },
    )
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

/// Becomes a verified resident with the one-time code of a residency letter.
pub async fn redeem_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let CodeForm { code, csrf_token } = form.into_inner();
    if !page.came_from_this_site(&state, &csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me");
    };
    let typed = code.clone();
    let redeemed = blocking::run(&state.pool, move |conn| {
        residency::redeem(conn, &caller, &typed)
    })
    .await;
    match redeemed {
        Ok(_) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/me"))
            .finish(),
        Err(error) => {
            let Some(caller) = session::visitor(&req, &state).await else {
                return session::sign_in_first("/me");
            };
            let errors = page.errors(&error, &[Field::input("code", t!("site-me-code"))]);
            let status = error.status_code();
            let typed = Typed {
                code,
                ..Typed::default()
            };
            render(&page, &state, caller, status, typed, errors).await
        }
    }
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    locale: String,
    /// Present (as "on") when the box is ticked; a browser sends nothing for an unticked one.
    notify_by_email: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

/// Changes my name, my language (for the site and for mail) and whether I get mail about
/// rounds, through the same service as the API.
pub async fn save_preferences(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PreferencesForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me");
    };
    let locale = Locale::parse(&form.locale).unwrap_or(caller.user.locale);
    let change = accounts::ProfileChange {
        display_name: Some(form.display_name.clone()),
        locale: Some(locale),
        notify_by_email: Some(form.notify_by_email.is_some()),
    };
    let saved = blocking::run(&state.pool, move |conn| {
        accounts::update_profile(conn, caller, change)
    })
    .await;
    match saved {
        Ok(_) => see_other(&format!("/me?lang={}", locale.as_str())).finish(),
        Err(error) => {
            let Some(caller) = session::visitor(&req, &state).await else {
                return session::sign_in_first("/me");
            };
            let fields = [Field::input("display_name", t!("site-display-name"))];
            let errors = page.errors(&error, &fields);
            let typed = Typed {
                display_name: Some(form.display_name),
                ..Typed::default()
            };
            render(&page, &state, caller, error.status_code(), typed, errors).await
        }
    }
}

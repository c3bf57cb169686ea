//! My page: who I am signed in as, the proposals I wrote and co-signed, and signing out.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::page::Page;
use super::proposals::Item;
use super::session;
use crate::api::blocking;
use crate::service::proposals::read::{self, Relation};
use crate::service::{ballots, editions};
use crate::state::AppState;

/// As many of each list as a page shows.
const SHOWN: i64 = 50;

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    page: Page,
    name: String,
    email: String,
    verified: bool,
    /// Each proposal with the name of its edition.
    written: Vec<(Item, String)>,
    supported: Vec<(Item, String)>,
    votes: Vec<VoteItem>,
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
        return HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/login?next=%2Fme"))
            .finish();
    };
    let (name, email) = (caller.user.display_name.clone(), caller.user.email.clone());
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
        Ok((written, supported, names, rounds))
    })
    .await;
    let (written, supported, names, rounds) = match lists {
        Ok(lists) => lists,
        Err(error) => return super::rounds::failure(&page, &error),
    };
    let items = |list: Vec<read::Listed>| {
        list.into_iter()
            .map(|l| {
                let edition = names
                    .get(&l.proposal.edition_id)
                    .cloned()
                    .unwrap_or_default();
                (Item::of(&page, l), edition)
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
    page.render(&MePage {
        votes,
        name,
        email,
        verified,
        written: items(written),
        supported: items(supported),
        page: page.clone(),
    })
}

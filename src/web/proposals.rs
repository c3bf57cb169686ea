//! An edition's proposals: search by text and area, in a shuffled order that stays the same for
//! a visitor (a seed in a cookie), so that no proposal is always on top, twenty at a time.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::page::Page;
use crate::api::blocking;
use crate::domain::phase::Phase;
use crate::error::{ApiError, Thing};
use crate::service::envelopes;
use crate::service::proposals::read::{self, ProposalQuery, SHUFFLE_MODULUS, Sort};
use crate::state::AppState;

const PAGE_SIZE: i64 = 20;
const SEED_COOKIE: &str = "seed";

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
    #[serde(default)]
    area: String,
    /// Where the page starts: `key.id` of the last proposal of the page before.
    #[serde(default)]
    after: String,
}

/// A proposal as a list shows it.
pub(super) struct Item {
    pub(super) id: i64,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) state: String,
    pub(super) cost: String,
    pub(super) supports: String,
}

impl Item {
    pub(super) fn of(page: &Page, listed: read::Listed) -> Self {
        let proposal = listed.proposal;
        Self {
            id: proposal.id,
            state: page.say(&t!("proposal-state", name = proposal.state.as_str())),
            cost: page.money(proposal.estimated_cost_cents),
            supports: page.say(&t!(
                "site-proposals-supports",
                count = proposal.support_count
            )),
            title: proposal.title,
            summary: proposal.summary,
        }
    }
}

#[derive(Template)]
#[template(path = "proposals.html")]
struct ProposalsPage {
    page: Page,
    edition_id: i64,
    edition_name: String,
    text: String,
    areas: Vec<(i64, String, bool)>,
    proposals: Vec<Item>,
    next: Option<String>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    search: web::Query<Search>,
) -> HttpResponse {
    let page = Page::of(&req);
    let edition_id = path.into_inner();
    let Search { q, area, after } = search.into_inner();
    let seed = req
        .cookie(SEED_COOKIE)
        .and_then(|c| c.value().parse::<i64>().ok())
        .filter(|s| (0..SHUFFLE_MODULUS).contains(s));
    let new_seed = seed.is_none();
    let seed = seed.unwrap_or_else(|| rand::random_range(0..SHUFFLE_MODULUS));
    let area_id = area.parse::<i64>().ok();
    let after_position = after
        .split_once('.')
        .and_then(|(key, id)| Some((key.parse::<i64>().ok()?, id.parse::<i64>().ok()?)));
    let text = q.trim().to_string();
    let wanted = text.clone();
    let reader = page.locale;
    let found = blocking::run(&state.pool, move |conn| {
        let sheet = envelopes::envelope_sheet(conn, edition_id)?;
        if sheet.edition.phase == Phase::Draft {
            return Err(ApiError::not_found(Thing::Edition));
        }
        let sort = Sort::Shuffled { seed };
        let query = ProposalQuery {
            edition_id,
            area_id,
            citywide_only: false,
            category: None,
            states: &[],
            author_id: None,
            updated_since: None,
            text: (!wanted.is_empty()).then_some(wanted.as_str()),
            sort,
            after: after_position,
            limit: PAGE_SIZE + 1,
        };
        let mut listed = read::list(conn, None, &query)?;
        read::in_language(conn, &mut listed, &[reader])?;
        Ok((sheet, listed, sort))
    })
    .await;
    let (sheet, mut listed, sort) = match found {
        Ok(found) => found,
        Err(error) => return super::rounds::failure(&page, &error),
    };
    let more = listed.len() as i64 > PAGE_SIZE;
    listed.truncate(PAGE_SIZE as usize);
    let next = listed.last().filter(|_| more).map(|last| {
        let key = read::sort_key(sort, &last.proposal);
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &text)
            .append_pair("area", &area)
            .append_pair("after", &format!("{key}.{}", last.proposal.id))
            .finish();
        format!("/editions/{edition_id}/proposals?{query}")
    });
    let proposals = listed
        .into_iter()
        .map(|listed| Item::of(&page, listed))
        .collect();
    let areas = sheet
        .areas
        .iter()
        .map(|a| (a.id, a.name.clone(), Some(a.id) == area_id))
        .collect();
    let mut response = page.render(&ProposalsPage {
        page: page.clone(),
        edition_id,
        edition_name: sheet.edition.name.clone(),
        text,
        areas,
        proposals,
        next,
    });
    if new_seed {
        let cookie = Cookie::build(SEED_COOKIE, seed.to_string())
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .finish();
        let _ = response.add_cookie(&cookie);
    }
    response
}

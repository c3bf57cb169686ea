//! An area's page: its outline among the others, and in each public edition the money it has
//! (and why), its proposals and its votes.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::map::{AreaMap, of_areas};
use super::page::Page;
use super::rounds::{RoundItem, failure, now, round_items, why_this_amount};
use crate::api::blocking;
use crate::domain::phase::Phase;
use crate::domain::translation::Translatable;
use crate::i18n::Decimal;
use crate::service::editions::{self, EditionFilter};
use crate::service::follows::Subject;
use crate::service::{areas, envelopes, rounds, translations};
use crate::state::AppState;

struct EditionOfArea {
    id: i64,
    name: String,
    phase: String,
    /// What residents can do in it now.
    now: String,
    /// The area's money in this edition and why it has this amount.
    envelope: Option<(String, String)>,
    rounds: Vec<RoundItem>,
}

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage {
    page: Page,
    id: i64,
    name: String,
    population: String,
    deprivation: String,
    map: Option<AreaMap>,
    editions: Vec<EditionOfArea>,
    following: Option<bool>,
}

pub async fn area(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let reader = page.locale;
    let found = blocking::run(&state.pool, move |conn| {
        let mut area = areas::get(conn, id)?;
        let place = (Translatable::Area, id, area.language);
        if let (_, _, Some(name)) = translations::version_for(conn, place, &[reader])? {
            area.name = name.title;
        }
        let every_area = areas::every(conn)?;
        let filter = EditionFilter {
            phases: Phase::ALL
                .into_iter()
                .filter(|p| *p != Phase::Draft)
                .collect(),
            fiscal_year: None,
            updated_since: None,
            after_id: None,
            limit: 100,
        };
        let mut found = Vec::new();
        for detail in editions::list(conn, &filter)? {
            if !detail.area_ids.contains(&id) {
                continue;
            }
            let sheet = envelopes::envelope_sheet(conn, detail.edition.id)?;
            let own_rounds: Vec<_> = rounds::of_edition(conn, detail.edition.id)?
                .into_iter()
                .filter(|r| r.round.area_id == Some(id))
                .collect();
            found.push((sheet, own_rounds));
        }
        Ok((area, every_area, found))
    })
    .await;
    let (area, every_area, found) = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let editions = found
        .into_iter()
        .map(|(sheet, own_rounds)| {
            let edition = &sheet.edition;
            let envelope = sheet
                .envelopes
                .iter()
                .find(|e| e.area_id == Some(id))
                .map(|e| {
                    let why = why_this_amount(&page, edition.allocation, e);
                    (page.money(e.amount_cents()), why)
                });
            EditionOfArea {
                id: edition.id,
                name: edition.name.clone(),
                phase: page.say(&t!("phase", name = edition.phase.as_str())),
                now: page.say(&now(edition.phase)),
                envelope,
                rounds: round_items(&page, own_rounds),
            }
        })
        .collect();
    let deprivation = Decimal(area.deprivation_ppm as f64 / 1_000_000.0);
    let following = super::notifications::following(&req, &state, Subject::Area, id).await;
    page.render(&AreaPage {
        following,
        id: area.id,
        population: crate::i18n::whole_number(area.population, page.locale),
        deprivation: page.say(&t!("site-area-deprivation-value", index = deprivation)),
        map: of_areas(&every_area, Some(area.id)),
        name: area.name,
        editions,
        page: page.clone(),
    })
}

//! "Check my receipt": once a round is counted, anyone holding a receipt finds the ballot
//! published under it, to see that it was counted as it was cast.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::page::Page;
use super::rounds::failure;
use crate::api::blocking;
use crate::domain::ballot::{BallotType, Choices};
use crate::service::rounds;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct ReceiptQuery {
    #[serde(default)]
    code: String,
}

/// What was looked up: nothing yet, a ballot found (its lines), or no ballot under the code.
enum Finding {
    NotAsked,
    Found(Vec<String>),
    Missing,
}

#[derive(Template)]
#[template(path = "check_receipt.html")]
struct CheckReceiptPage {
    page: Page,
    round_id: i64,
    round_name: String,
    code: String,
    finding: Finding,
}

/// The ballot's choices in words: the projects chosen, in order for a ranking, with points for
/// a cumulative ballot.
fn lines(page: &Page, detail: &rounds::RoundDetail, choices: Choices) -> Vec<String> {
    let title = |id: i64| {
        detail
            .projects
            .iter()
            .find(|p| p.proposal_id == id)
            .map_or_else(|| format!("#{id}"), |p| p.title.clone())
    };
    match choices {
        Choices::ProjectIds(ids) if detail.round.ballot_type == BallotType::Ranked => ids
            .into_iter()
            .enumerate()
            .map(|(rank, id)| format!("{}. {}", rank + 1, title(id)))
            .collect(),
        Choices::ProjectIds(ids) => ids.into_iter().map(title).collect(),
        Choices::Points(points) => points
            .into_iter()
            .map(|(id, n)| page.say(&t!("site-receipt-points", project = title(id), points = n)))
            .collect(),
    }
}

pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<ReceiptQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let round_id = path.into_inner();
    let code = query.into_inner().code.trim().to_string();
    let secret = state.config.pseudonym_secret.clone();
    let asked = code.clone();
    let looked_up = blocking::run(&state.pool, move |conn| {
        let detail = rounds::detail(conn, round_id)?;
        let published = if asked.is_empty() {
            None
        } else {
            Some(rounds::published_ballot(conn, &secret, round_id, &asked)?)
        };
        Ok((detail, published))
    })
    .await;
    let (detail, published) = match looked_up {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let finding = match published {
        None => Finding::NotAsked,
        Some(None) => Finding::Missing,
        Some(Some(choices)) => Finding::Found(lines(&page, &detail, choices)),
    };
    page.render(&CheckReceiptPage {
        page: page.clone(),
        round_id,
        round_name: detail.round.name.clone(),
        code,
        finding,
    })
}

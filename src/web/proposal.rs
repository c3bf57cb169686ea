//! A proposal's page: its text, cost, supporters and the city's review, and the button to
//! co-sign it (or withdraw one's support) while its edition collects supports.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::page::{ErrorItem, Page};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::proposal::ProposalState;
use crate::error::ApiError;
use crate::service::proposals::read::{self as proposals, ProposalView};
use crate::service::proposals::{support_and_count, withdraw_support};
use crate::state::AppState;

/// What the page offers about supporting the proposal.
enum SupportOffer {
    /// Not collecting supports (anymore): nothing to press.
    None,
    SignIn(String),
    Support,
    Withdraw,
}

#[derive(Template)]
#[template(path = "proposal.html")]
struct ProposalPage {
    page: Page,
    proposal: ProposalView,
    state: String,
    cost: String,
    offer: SupportOffer,
    /// The visitor wrote it: they may submit the draft or withdraw it.
    authoring: bool,
    is_draft: bool,
    errors: Vec<ErrorItem>,
}

fn render(
    page: &Page,
    status: actix_web::http::StatusCode,
    proposal: ProposalView,
    viewer: Option<i64>,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let signed_in = viewer.is_some();
    let authoring = viewer
        .is_some_and(|id| id == proposal.author_id || proposal.coauthor_ids.contains(&id))
        && matches!(
            proposal.state,
            ProposalState::Draft | ProposalState::Submitted
        );
    let offer = match (proposal.state == ProposalState::Submitted, signed_in) {
        (false, _) => SupportOffer::None,
        (true, false) => SupportOffer::SignIn(session::sign_in_link(&format!(
            "/proposals/{}",
            proposal.id
        ))),
        (true, true) if proposal.supported_by_me => SupportOffer::Withdraw,
        (true, true) => SupportOffer::Support,
    };
    page.render_with(
        status,
        &ProposalPage {
            page: page.clone(),
            state: page.say(&t!("proposal-state", name = proposal.state.as_str())),
            cost: page.money(proposal.estimated_cost_cents),
            is_draft: proposal.state == ProposalState::Draft,
            proposal,
            offer,
            authoring,
            errors,
        },
    )
}

async fn load(state: &AppState, id: i64, caller: Option<Caller>) -> Result<ProposalView, ApiError> {
    blocking::run(&state.pool, move |conn| {
        proposals::get(conn, id, caller.as_ref())
    })
    .await
}

pub async fn proposal(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let caller = session::visitor(&req, &state).await;
    let viewer = caller.as_ref().map(Caller::id);
    match load(&state, id, caller).await {
        Ok(proposal) => render(
            &page,
            actix_web::http::StatusCode::OK,
            proposal,
            viewer,
            vec![],
        ),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct SupportForm {
    /// `withdraw` to take one's support back; anything else co-signs.
    #[serde(default)]
    action: String,
    #[serde(default)]
    csrf_token: String,
}

/// Co-signs the proposal, or withdraws the support, then shows the proposal again.
pub async fn support(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<SupportForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{id}"));
    };
    let withdraw = form.action == "withdraw";
    let done = blocking::run(&state.pool, move |conn| {
        if withdraw {
            withdraw_support(conn, &caller, id)
        } else {
            support_and_count(conn, &caller, id).map(|_| ())
        }
    })
    .await;
    match done {
        Ok(()) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/proposals/{id}")))
            .finish(),
        Err(error) => {
            let caller = session::visitor(&req, &state).await;
            let viewer = caller.as_ref().map(Caller::id);
            match load(&state, id, caller).await {
                Ok(proposal) => {
                    let errors = page.errors(&error, &[]);
                    render(&page, error.status_code(), proposal, viewer, errors)
                }
                Err(error) => failure(&page, &error),
            }
        }
    }
}

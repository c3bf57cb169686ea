//! Moderators decide on a reported comment from the queue: hide it or show it again, with a
//! reason, through the same service as the API; the decision handles its open reports.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::staff;
use crate::api::blocking;
use crate::error::ApiError;
use crate::service::comments;
use crate::state::AppState;
use crate::web::page::{Page, see_other};
use crate::web::rounds::failure;

#[derive(Deserialize)]
pub struct CommentDecision {
    /// `hide` or `show`.
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<CommentDecision>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    if !caller.is_admin() && caller.worker_areas().is_empty() {
        let refusal = ApiError::forbidden(t!("only-an-area-worker-of-this-area-2"));
        return failure(&page, &refusal);
    }
    let hidden = match form.decision.as_str() {
        "hide" => true,
        "show" => false,
        _ => {
            let refusal = ApiError::invalid("decision", t!("site-moderate-choose"));
            return failure(&page, &refusal);
        }
    };
    let decided = blocking::run(&state.pool, move |conn| {
        comments::moderate(conn, &caller, id, hidden, &form.reason)
    })
    .await;
    match decided {
        Ok(_) => see_other(&format!("/console/moderation?comment={id}")).finish(),
        Err(error) => failure(&page, &error),
    }
}

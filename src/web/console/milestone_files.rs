//! Finance adds a picture or a PDF to a milestone of a proposal's work from the console, through
//! the same checks as the API; residents see it under the milestone on the proposal's page.

use actix_web::{HttpRequest, HttpResponse, web};

use super::staff;
use crate::api::attachments::keep;
use crate::api::blocking;
use crate::error::{ApiError, Thing};
use crate::service::attachments::{self, Owner};
use crate::state::AppState;
use crate::web::files::site_upload;
use crate::web::page::{Page, see_other};
use crate::web::rounds::failure;

pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> HttpResponse {
    let page = Page::of(&req);
    let proposal = path.into_inner();
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    if !super::finance::keeps_books(&caller) {
        let refusal = ApiError::forbidden(t!("only-finance-attaches-to-milestones"));
        return failure(&page, &refusal);
    }
    let upload = match site_upload(&req, &state, &page, payload).await {
        Ok(upload) => upload,
        Err(answer) => return answer,
    };
    let milestone = upload
        .fields
        .get("milestone")
        .and_then(|m| m.parse::<i64>().ok())
        .unwrap_or_default();
    let asking = caller.clone();
    let place = blocking::run(&state.pool, move |conn| {
        attachments::check_may_attach(conn, &asking, Owner::Milestone(milestone))
    })
    .await;
    match place {
        Ok((of, _, _)) if of == proposal => {}
        Ok(_) => return failure(&page, &ApiError::not_found(Thing::Milestone)),
        Err(error) => return failure(&page, &error),
    }
    match keep(&state, caller, Owner::Milestone(milestone), upload).await {
        Ok(_) => see_other(&format!(
            "/console/finance/proposals/{proposal}#milestone-files"
        ))
        .finish(),
        Err(error) => failure(&page, &error),
    }
}

//! Adding a picture or a PDF to one's proposal from its page, and removing one, through the
//! same checks as the API (`multipart/form-data`, the bytes decide, pictures re-encoded).

use actix_web::{HttpRequest, HttpResponse, web};

use super::page::{Page, see_other};
use super::rounds::failure;
use super::session;
use crate::api::attachments::{Upload, keep, read_upload};
use crate::api::blocking;
use crate::service::attachments::{self, Owner};
use crate::state::AppState;

/// A form with a file, read once the caller may send it: refused unless it came from this site.
pub(super) async fn site_upload(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    payload: web::Payload,
) -> Result<Upload, HttpResponse> {
    let upload = read_upload(req, payload)
        .await
        .map_err(|error| failure(page, &error))?;
    let token = upload.fields.get("csrf_token").cloned().unwrap_or_default();
    if !page.came_from_this_site(state, &token) {
        return Err(page.refuse_form());
    }
    Ok(upload)
}

pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{id}"));
    };
    let asking = caller.clone();
    let allowed = blocking::run(&state.pool, move |conn| {
        attachments::check_may_attach(conn, &asking, Owner::Proposal(id))
    })
    .await;
    if let Err(error) = allowed {
        return failure(&page, &error);
    }
    let upload = match site_upload(&req, &state, &page, payload).await {
        Ok(upload) => upload,
        Err(answer) => return answer,
    };
    match keep(&state, caller, Owner::Proposal(id), upload).await {
        Ok(_) => see_other(&format!("/proposals/{id}#files")).finish(),
        Err(error) => failure(&page, &error),
    }
}

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf_token: String,
}

pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<RemoveForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first("/me");
    };
    let removed = blocking::run(&state.pool, move |conn| {
        let file = attachments::visible(conn, Some(&caller), id)?;
        let keys = attachments::remove(conn, &caller, id)?;
        Ok((file.proposal_id, keys))
    })
    .await;
    match removed {
        Ok((proposal, keys)) => {
            for key in keys {
                if let Err(e) = state.files.delete(&key).await {
                    tracing::warn!(error = %e, key, "deleting a removed file's bytes failed");
                }
            }
            see_other(&format!("/proposals/{proposal}#files")).finish()
        }
        Err(error) => failure(&page, &error),
    }
}

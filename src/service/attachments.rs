//! Pictures and files on a proposal, on a comment or on a milestone of its work: who may add
//! and remove them, how many, and who may see them (whoever may see what they belong to).
//! The bytes live in the file store; this module keeps the record of each file.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::attachment::{FileKind, Refusal};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Thing};
use crate::service::comments;
use crate::service::proposals::{check_visible, is_moderator};
use crate::store;
use crate::store::attachments::{Attachment, NewAttachment};

/// Files a proposal, a comment or a milestone may have.
pub const PER_PROPOSAL: i64 = 10;
pub const PER_COMMENT: i64 = 3;
pub const PER_MILESTONE: i64 = 10;

/// What a file is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Proposal(i64),
    Comment(i64),
    Milestone(i64),
}

/// A file as the API shows it.
#[derive(Serialize, ToSchema, Clone, Debug)]
pub struct AttachmentView {
    pub id: i64,
    pub proposal_id: i64,
    /// Set when the file belongs to a comment on the proposal.
    pub comment_id: Option<i64>,
    /// Set when the file belongs to a milestone of the proposal's work.
    pub milestone_id: Option<i64>,
    /// `image/jpeg` or `image/png` for a picture (whatever was uploaded, it was re-encoded),
    /// `application/pdf` for a document.
    pub content_type: String,
    pub file_name: String,
    pub byte_size: i64,
    /// Pixels of the picture as served; absent for a PDF.
    pub width: Option<i32>,
    pub height: Option<i32>,
    /// The text that stands for the picture for who cannot see it.
    pub alt_text: String,
    /// Where to fetch it; use this path in Markdown (`![text](/api/v1/files/12)`) to show a
    /// picture in a proposal or a comment.
    pub url: String,
    /// A picture's thumbnail (at most 400 pixels a side).
    pub thumbnail_url: Option<String>,
    pub uploaded_by_you: bool,
}

pub fn view(a: &Attachment, caller: Option<&Caller>) -> AttachmentView {
    let url = format!("{}{}", crate::domain::markdown::FILES_PATH, a.id);
    AttachmentView {
        id: a.id,
        proposal_id: a.proposal_id,
        comment_id: a.comment_id,
        milestone_id: a.milestone_id,
        content_type: a.content_type.clone(),
        file_name: a.file_name.clone(),
        byte_size: a.byte_size,
        width: a.width,
        height: a.height,
        alt_text: a.alt_text.clone(),
        thumbnail_url: a.thumbnail_key.as_ref().map(|_| format!("{url}/thumbnail")),
        url,
        uploaded_by_you: caller.is_some_and(|c| c.id() == a.uploader_id),
    }
}

/// The problem a refused file gets, naming the `file` field.
pub fn refused(refusal: Refusal) -> ApiError {
    let max = crate::domain::attachment::MAX_BYTES;
    match refusal {
        Refusal::TooLarge => ApiError::new(
            ErrorCode::PayloadTooLarge,
            t!("the-file-is-larger-than-bytes", limit = max),
        ),
        Refusal::Empty => ApiError::invalid("file", t!("upload-file-is-empty")),
        Refusal::NotAccepted => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            t!("upload-only-pictures-and-pdf"),
        ),
        Refusal::Disguised => ApiError::invalid("file", t!("upload-name-and-content-disagree")),
        Refusal::Unreadable => ApiError::invalid("file", t!("upload-picture-unreadable")),
    }
}

/// Where a new file would go, once the caller may add one there: (proposal, comment,
/// milestone). Checked before the upload is read, and again when it is recorded.
pub fn check_may_attach(
    conn: &mut DbConnection,
    caller: &Caller,
    owner: Owner,
) -> ApiResult<(i64, Option<i64>, Option<i64>)> {
    caller.require_verified_email()?;
    let (place, limit) = match owner {
        Owner::Proposal(id) => {
            let p = comments::proposal_of(conn, id, Some(caller))?;
            let mut authors = vec![p.author_id];
            authors.extend(store::proposals::coauthors(conn, p.id)?);
            if !authors.contains(&caller.id()) && !caller.is_admin() {
                return Err(ApiError::forbidden(t!("only-authors-attach-files")));
            }
            ((p.id, None, None), PER_PROPOSAL)
        }
        Owner::Comment(id) => {
            let (c, p) = comments::own_comment(conn, caller, id)?;
            comments::check_open(conn, &p)?;
            ((p.id, Some(c.id), None), PER_COMMENT)
        }
        Owner::Milestone(id) => {
            if !caller.has(Role::Finance) && !caller.is_admin() {
                return Err(ApiError::forbidden(t!(
                    "only-finance-attaches-to-milestones"
                )));
            }
            let m = store::milestones::find(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Milestone))?;
            ((m.proposal_id, None, Some(m.id)), PER_MILESTONE)
        }
    };
    let (proposal, comment, milestone) = place;
    if store::attachments::count(conn, proposal, comment, milestone)? >= limit {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("at-most-files-here", max = limit),
        ));
    }
    Ok(place)
}

/// A file stored in the file store, to be recorded.
pub struct Stored<'a> {
    pub kind: FileKind,
    pub file_name: &'a str,
    pub byte_size: usize,
    pub storage_key: &'a str,
    pub thumbnail_key: Option<&'a str>,
    pub size: Option<(u32, u32)>,
    pub alt_text: &'a str,
}

/// Records a stored file, checking again (in the transaction) that it may go there.
pub fn record(
    conn: &mut DbConnection,
    caller: &Caller,
    owner: Owner,
    stored: &Stored<'_>,
) -> ApiResult<AttachmentView> {
    let alt_text = stored.alt_text.trim();
    if alt_text.chars().count() > 300 {
        return Err(ApiError::invalid(
            "alt_text",
            t!("must-be-at-most-characters-long", max_chars = 300),
        ));
    }
    db::write_transaction(conn, |conn| {
        let (proposal_id, comment_id, milestone_id) = check_may_attach(conn, caller, owner)?;
        let size = |pick: fn((u32, u32)) -> u32| {
            stored
                .size
                .map(|s| i32::try_from(pick(s)).unwrap_or(i32::MAX))
        };
        let created = store::attachments::insert(
            conn,
            &NewAttachment {
                proposal_id,
                comment_id,
                milestone_id,
                uploader_id: caller.id(),
                content_type: stored.kind.content_type(),
                file_name: stored.file_name,
                byte_size: i64::try_from(stored.byte_size).unwrap_or(i64::MAX),
                storage_key: stored.storage_key,
                thumbnail_key: stored.thumbnail_key,
                width: size(|(w, _)| w),
                height: size(|(_, h)| h),
                alt_text,
                created_at: crate::clock::now(),
            },
        )?;
        Ok(view(&created, Some(caller)))
    })
}

/// A file whose owner the caller may see (a 404 otherwise: a removed comment's files go with
/// it, a hidden proposal's stay with who may see it).
pub fn visible(conn: &mut DbConnection, caller: Option<&Caller>, id: i64) -> ApiResult<Attachment> {
    let a = store::attachments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::File))?;
    let p = store::proposals::find(conn, a.proposal_id)?
        .ok_or_else(|| ApiError::not_found(Thing::File))?;
    check_visible(conn, &p, caller).map_err(|_| ApiError::not_found(Thing::File))?;
    if let Some(comment) = a.comment_id {
        let c = store::comments::find(conn, comment)?;
        let moderator = caller.is_some_and(|c| is_moderator(&p, c));
        if c.is_none_or(|c| c.removed_at.is_some() || (c.hidden && !moderator)) {
            return Err(ApiError::not_found(Thing::File));
        }
    }
    Ok(a)
}

/// Everything attached to a proposal, its comments and its milestones that the caller may see.
pub fn of_proposal(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    proposal_id: i64,
) -> ApiResult<Vec<AttachmentView>> {
    comments::proposal_of(conn, proposal_id, caller)?;
    let mut shown = Vec::new();
    for a in store::attachments::of_proposal(conn, proposal_id)? {
        if visible(conn, caller, a.id).is_ok() {
            shown.push(view(&a, caller));
        }
    }
    Ok(shown)
}

/// Removes a file: who uploaded it, or a moderator of its proposal. Returns the keys of the
/// bytes to delete from the file store.
pub fn remove(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<Vec<String>> {
    db::write_transaction(conn, |conn| {
        let a = visible(conn, Some(caller), id)?;
        let p = store::proposals::find(conn, a.proposal_id)?
            .ok_or_else(|| ApiError::not_found(Thing::File))?;
        if a.uploader_id != caller.id() && !is_moderator(&p, caller) {
            return Err(ApiError::forbidden(t!("only-the-uploader-removes-a-file")));
        }
        store::attachments::mark_removed(conn, id, crate::clock::now())?;
        Ok([Some(a.storage_key), a.thumbnail_key]
            .into_iter()
            .flatten()
            .collect())
    })
}

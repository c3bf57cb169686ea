//! Pictures and PDF files on proposals, comments and milestones: uploaded as
//! `multipart/form-data`, checked from their bytes, pictures re-encoded without their metadata,
//! and served back with their type, `nosniff`, and as a download when they could run.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::{Caller, MaybeCaller};
use crate::domain::attachment::{self, FileKind, MAX_BYTES};
use crate::error::{ApiError, ApiResult, ErrorCode, Thing};
use crate::service::attachments::{self, AttachmentView, Owner, Stored};
use crate::state::AppState;

/// The form that uploads a file.
#[derive(Deserialize, ToSchema)]
pub struct UploadForm {
    /// A JPEG, PNG or WebP picture, or a PDF document, of at most 10 MiB.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// What the picture shows, for who cannot see it (at most 300 characters).
    pub alt_text: Option<String>,
}

/// A file's bytes, as served: a binary string in the document.
pub struct FileBytes;

impl utoipa::PartialSchema for FileBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for FileBytes {}

/// A file as sent, with the form's other short text fields (a site form's `csrf_token`).
pub(crate) struct Upload {
    bytes: Vec<u8>,
    file_name: String,
    content_type: String,
    alt_text: String,
    pub fields: std::collections::HashMap<String, String>,
}

fn unreadable() -> ApiError {
    ApiError::invalid("file", t!("site-upload-unreadable"))
}

pub(crate) async fn read_upload(req: &HttpRequest, payload: web::Payload) -> ApiResult<Upload> {
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !declared
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            t!("send-the-file-as-multipart-form-data"),
        ));
    }
    let mut form = Multipart::new(req.headers(), payload);
    let mut upload = None;
    let mut alt_text = String::new();
    let mut fields = std::collections::HashMap::new();
    let mut read = 0;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename().map(str::to_string));
        let content_type = field
            .content_type()
            .map(|m| m.to_string())
            .unwrap_or_default();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            read += chunk.len();
            if read > MAX_BYTES + 4096 {
                return Err(attachments::refused(attachment::Refusal::TooLarge));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => {
                upload = Some(Upload {
                    bytes,
                    file_name: file_name.unwrap_or_default(),
                    content_type,
                    alt_text: String::new(),
                    fields: std::collections::HashMap::new(),
                })
            }
            "alt_text" => {
                alt_text = String::from_utf8(bytes)
                    .ok()
                    .filter(|t| !t.contains('\0'))
                    .ok_or_else(|| ApiError::invalid("alt_text", t!("site-upload-not-utf8")))?;
            }
            _ if bytes.len() <= 1024 => {
                fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
            _ => {}
        }
    }
    let mut upload = upload
        .filter(|u| !u.bytes.is_empty() || !u.file_name.is_empty())
        .ok_or_else(|| ApiError::invalid("file", t!("upload-needs-a-file")))?;
    upload.alt_text = alt_text;
    upload.fields = fields;
    Ok(upload)
}

/// A file ready for the store: its bytes (a picture re-encoded) and its thumbnail.
struct Prepared {
    kind: FileKind,
    file: Vec<u8>,
    thumbnail: Option<Vec<u8>>,
    size: Option<(u32, u32)>,
}

fn prepare(upload: &Upload) -> ApiResult<Prepared> {
    let kind = attachment::identify(&upload.bytes, &upload.file_name, &upload.content_type)
        .map_err(attachments::refused)?;
    if !kind.is_picture() {
        return Ok(Prepared {
            kind,
            file: upload.bytes.clone(),
            thumbnail: None,
            size: None,
        });
    }
    let picture = attachment::reencode(&upload.bytes, kind).map_err(attachments::refused)?;
    Ok(Prepared {
        kind: picture.kind,
        size: Some((picture.width, picture.height)),
        file: picture.display,
        thumbnail: Some(picture.thumbnail),
    })
}

fn storage_failed(error: String) -> ApiError {
    ApiError::internal(format!("the file store failed: {error}"))
}

/// Checks that the caller may attach here, reads and checks the file, stores its bytes and
/// records it; bytes stored for a record that then fails are deleted again.
async fn attach(
    state: web::Data<AppState>,
    caller: Caller,
    owner: Owner,
    (req, payload): (HttpRequest, web::Payload),
) -> ApiResult<HttpResponse> {
    let asking = caller.clone();
    blocking::run(&state.pool, move |conn| {
        attachments::check_may_attach(conn, &asking, owner)
    })
    .await?;
    let upload = read_upload(&req, payload).await?;
    let view = keep(&state, caller, owner, upload).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, view.url.clone()))
        .json(view))
}

/// Checks a file read from a form, stores its bytes (a picture re-encoded) and records it.
pub(crate) async fn keep(
    state: &AppState,
    caller: Caller,
    owner: Owner,
    upload: Upload,
) -> ApiResult<AttachmentView> {
    let (upload, prepared) = web::block(move || {
        let prepared = prepare(&upload);
        (upload, prepared)
    })
    .await
    .map_err(ApiError::internal)?;
    let prepared = prepared?;
    let key = format!("attachments/{}", uuid::Uuid::new_v4().simple());
    let thumbnail_key = prepared
        .thumbnail
        .as_ref()
        .map(|_| format!("{key}-thumbnail"));
    let byte_size = prepared.file.len();
    state
        .files
        .put(&key, prepared.file)
        .await
        .map_err(storage_failed)?;
    if let (Some(thumbnail_key), Some(thumbnail)) = (&thumbnail_key, prepared.thumbnail) {
        state
            .files
            .put(thumbnail_key, thumbnail)
            .await
            .map_err(storage_failed)?;
    }
    let file_name = attachment::safe_file_name(&upload.file_name, prepared.kind);
    let (stored_key, stored_thumbnail) = (key.clone(), thumbnail_key.clone());
    let recorded = blocking::run(&state.pool, move |conn| {
        let stored = Stored {
            kind: prepared.kind,
            file_name: &file_name,
            byte_size,
            storage_key: &stored_key,
            thumbnail_key: stored_thumbnail.as_deref(),
            size: prepared.size,
            alt_text: &upload.alt_text,
        };
        attachments::record(conn, &caller, owner, &stored)
    })
    .await;
    match recorded {
        Ok(view) => Ok(view),
        Err(error) => {
            for key in [Some(key), thumbnail_key].into_iter().flatten() {
                if let Err(e) = state.files.delete(&key).await {
                    tracing::warn!(error = %e, key, "deleting an unrecorded file failed");
                }
            }
            Err(error)
        }
    }
}

/// Attach a picture or a PDF to a proposal (its authors). Pictures are re-encoded without
/// their metadata; see the file's `url` to show it in the proposal's Markdown.
#[utoipa::path(tag = "files", security(("bearer" = [])),
    params(("id" = i64, Path, description = "proposal id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "attached", body = AttachmentView),
        (status = 403, description = "not an author"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "the proposal has as many files as it may"),
        (status = 413, description = "larger than 10 MiB"),
        (status = 415, description = "not a JPEG, PNG, WebP or PDF (SVG and HTML are refused)"),
        (status = 422, description = "the name or type disagrees with the content, or the picture cannot be read"),
    ))]
#[post("/proposals/{id}/attachments")]
pub async fn attach_to_proposal(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let owner = Owner::Proposal(path.into_inner());
    attach(state, caller, owner, (req, payload)).await
}

/// Attach a picture or a PDF to one's own comment, while the discussion is open.
#[utoipa::path(tag = "files", security(("bearer" = [])),
    params(("id" = i64, Path, description = "comment id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "attached", body = AttachmentView),
        (status = 403, description = "not the comment's author"),
        (status = 404, description = "no such comment"),
        (status = 409, description = "the comment has as many files as it may, or the discussion is closed"),
        (status = 413, description = "larger than 10 MiB"),
        (status = 415, description = "not a JPEG, PNG, WebP or PDF"),
        (status = 422, description = "the name or type disagrees with the content, or the picture cannot be read"),
    ))]
#[post("/comments/{id}/attachments")]
pub async fn attach_to_comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let owner = Owner::Comment(path.into_inner());
    attach(state, caller, owner, (req, payload)).await
}

/// Attach a picture or a PDF to a milestone of a funded proposal's work (finance).
#[utoipa::path(tag = "files", security(("bearer" = [])),
    params(("id" = i64, Path, description = "milestone id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "attached", body = AttachmentView),
        (status = 403, description = "not finance"),
        (status = 404, description = "no such milestone"),
        (status = 409, description = "the milestone has as many files as it may"),
        (status = 413, description = "larger than 10 MiB"),
        (status = 415, description = "not a JPEG, PNG, WebP or PDF"),
        (status = 422, description = "the name or type disagrees with the content, or the picture cannot be read"),
    ))]
#[post("/milestones/{id}/attachments")]
pub async fn attach_to_milestone(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let owner = Owner::Milestone(path.into_inner());
    attach(state, caller, owner, (req, payload)).await
}

/// The files of a proposal, of its comments and of its milestones, oldest first.
#[utoipa::path(tag = "files",
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the files", body = Vec<AttachmentView>),
        (status = 404, description = "no such proposal"),
    ))]
#[get("/proposals/{id}/attachments")]
pub async fn list_attachments(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<AttachmentView>>> {
    let id = path.into_inner();
    let files = blocking::run(&state.pool, move |conn| {
        attachments::of_proposal(conn, caller.as_ref(), id)
    })
    .await?;
    Ok(web::Json(files))
}

async fn serve(
    state: web::Data<AppState>,
    caller: Option<Caller>,
    id: i64,
    thumbnail: bool,
) -> ApiResult<HttpResponse> {
    let found = blocking::run(&state.pool, move |conn| {
        attachments::visible(conn, caller.as_ref(), id)
    })
    .await?;
    let key = if thumbnail {
        found
            .thumbnail_key
            .clone()
            .ok_or_else(|| ApiError::not_found(Thing::File))?
    } else {
        found.storage_key.clone()
    };
    let bytes = state
        .files
        .get(&key)
        .await
        .map_err(storage_failed)?
        .ok_or_else(|| ApiError::not_found(Thing::File))?;
    // A PDF can carry scripts: it is only ever a download. Pictures are shown in place.
    let disposition = if found.content_type == FileKind::Pdf.content_type() {
        "attachment"
    } else {
        "inline"
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, found.content_type))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{}\"", found.file_name),
        ))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(bytes))
}

/// A file's bytes: a picture as re-encoded (shown in place), a PDF as a download.
#[utoipa::path(tag = "files",
    params(("id" = i64, Path, description = "file id")),
    responses(
        (status = 200, description = "the file", content(
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/png"),
            (FileBytes = "application/pdf"),
        )),
        (status = 404, description = "no such file, or not visible to the caller"),
    ))]
#[get("/files/{id}")]
pub async fn get_file(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    serve(state, caller, path.into_inner(), false).await
}

/// A picture's thumbnail (at most 400 pixels a side).
#[utoipa::path(tag = "files",
    params(("id" = i64, Path, description = "file id")),
    responses(
        (status = 200, description = "the thumbnail", content(
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/png"),
        )),
        (status = 404, description = "no such picture, or not visible to the caller"),
    ))]
#[get("/files/{id}/thumbnail")]
pub async fn get_thumbnail(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    serve(state, caller, path.into_inner(), true).await
}

/// Remove a file: who added it, or a moderator of its proposal.
#[utoipa::path(tag = "files", security(("bearer" = [])),
    params(("id" = i64, Path, description = "file id")),
    responses(
        (status = 204, description = "removed"),
        (status = 403, description = "neither who added it nor a moderator"),
        (status = 404, description = "no such file"),
    ))]
#[delete("/files/{id}")]
pub async fn delete_file(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let keys = blocking::run(&state.pool, move |conn| {
        attachments::remove(conn, &caller, id)
    })
    .await?;
    for key in keys {
        if let Err(e) = state.files.delete(&key).await {
            tracing::warn!(error = %e, key, "deleting a removed file's bytes failed");
        }
    }
    Ok(HttpResponse::NoContent().finish())
}

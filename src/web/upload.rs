//! Forms that carry a file (`multipart/form-data`): their text fields and one file as UTF-8
//! text, within the API's import limit, for the console's CSV imports. Read only after the
//! caller's role is checked, so someone without it learns nothing about what the form holds.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;

use crate::api::areas::IMPORT_LIMIT;
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Page};
use crate::web::rounds::failure;

/// What a form with a file sent.
pub struct Upload {
    pub fields: HashMap<String, String>,
    /// The file's text; `None` when no file was chosen.
    pub file: Option<String>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

fn unreadable() -> ApiError {
    ApiError::invalid("file", t!("site-upload-unreadable"))
}

pub async fn read(req: &HttpRequest, payload: web::Payload) -> Result<Upload, ApiError> {
    let mut form = Multipart::new(req.headers(), payload);
    let mut upload = Upload {
        fields: HashMap::new(),
        file: None,
    };
    let mut read = 0;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_string();
        let is_file = field
            .content_disposition()
            .is_some_and(|d| d.get_filename().is_some());
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            read += chunk.len();
            if read > IMPORT_LIMIT {
                return Err(ApiError::new(
                    ErrorCode::PayloadTooLarge,
                    t!("the-file-is-larger-than-bytes", limit = IMPORT_LIMIT),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| ApiError::invalid("file", t!("site-upload-not-utf8")))?;
        if !is_file {
            upload.fields.insert(name, text);
        } else if !text.is_empty() {
            upload.file = Some(text);
        }
    }
    Ok(upload)
}

/// An import's field name split into its row and column: `rows[3].population` is ("3",
/// "population"); a name without a row is all column.
pub fn row_and_column(field: &str) -> (&str, &str) {
    field
        .strip_prefix("rows[")
        .and_then(|rest| rest.split_once(']'))
        .map_or(("", field), |(row, rest)| {
            (row, rest.trim_start_matches('.'))
        })
}

/// An import's row errors as lines of the error summary (the row, the column, the problem),
/// each linked to the file input.
pub fn row_errors(page: &Page, error: &ApiError) -> Vec<ErrorItem> {
    if error.errors.is_empty() {
        return page.errors(error, &[]);
    }
    error
        .errors
        .iter()
        .map(|e| {
            let (row, column) = row_and_column(&e.field);
            ErrorItem {
                anchor: Some("file".into()),
                message: page.say(&t!(
                    "site-paper-row-error",
                    row = row.to_string(),
                    column = column.to_string(),
                    message = page.say(&e.message)
                )),
            }
        })
        .collect()
}

/// The error summary of a form sent without its file: its status and the line linked to the
/// file input.
pub type NoFile = (StatusCode, Vec<ErrorItem>);

/// Reads a form that sends one CSV file to be checked, once the caller's role is checked: the
/// file's text, or (no file chosen) the error summary to show with the form again. `Err` is the
/// whole answer for an unreadable form, or one that did not come from this site.
pub async fn file_to_check(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    payload: web::Payload,
) -> Result<Result<String, NoFile>, HttpResponse> {
    let sent = read(req, payload)
        .await
        .map_err(|error| failure(page, &error))?;
    if !page.came_from_this_site(state, sent.field("csrf_token")) {
        return Err(page.refuse_form());
    }
    Ok(sent.file.ok_or_else(|| {
        let errors = vec![ErrorItem {
            anchor: Some("file".into()),
            message: page.say(&t!("site-paper-choose-file")),
        }];
        (StatusCode::UNPROCESSABLE_ENTITY, errors)
    }))
}

/// The form that imports a file checked before: its text comes back with it.
#[derive(serde::Deserialize)]
pub struct CheckedFileForm {
    #[serde(default)]
    pub csv: String,
    #[serde(default)]
    pub csrf_token: String,
}

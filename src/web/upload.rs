//! Forms that carry a file (`multipart/form-data`): their text fields and one file as UTF-8
//! text, within the API's import limit, for the console's CSV imports. Read only after the
//! caller's role is checked, so someone without it learns nothing about what the form holds.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

use crate::api::areas::IMPORT_LIMIT;
use crate::error::{ApiError, ErrorCode};
use crate::web::page::{ErrorItem, Page};

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

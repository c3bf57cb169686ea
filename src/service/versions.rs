//! Optimistic concurrency: an edit can say which version of a record it was made on (the
//! `updated_at` the editor read), and is refused when someone changed the record since, so
//! that two staff editing one edition never silently overwrite each other.

use chrono::NaiveDateTime;

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Checked inside the edit's transaction, after the record is locked, so no change can slip
/// in between the check and the write.
pub fn check_unchanged(current: NaiveDateTime, read: Option<NaiveDateTime>) -> ApiResult<()> {
    match read {
        Some(read) if read != current => Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            t!("someone-changed-this-since-you-read-it"),
        )),
        _ => Ok(()),
    }
}

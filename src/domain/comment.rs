//! The rules of a comment that need no database: its length and how long it stays editable.

use chrono::{NaiveDateTime, TimeDelta};

use crate::error::FieldError;

/// The longest comment, in characters.
pub const MAX_CHARS: usize = 5000;

/// How long after writing it an author may still change a comment; the change is shown.
pub const EDIT_MINUTES: i64 = 15;

/// The comment's text, trimmed, or what is wrong with it.
pub fn check_body(body: &str) -> Result<String, FieldError> {
    let body = body.trim();
    if body.is_empty() || body.chars().count() > MAX_CHARS {
        return Err(FieldError::new(
            "body",
            t!("length-between", min = 1, max = MAX_CHARS),
        ));
    }
    Ok(body.to_string())
}

/// Whether a comment written at `written` may still be changed at `now`.
pub fn still_editable(written: NaiveDateTime, now: NaiveDateTime) -> bool {
    now - written <= TimeDelta::minutes(EDIT_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_has_words_and_a_limit() {
        assert_eq!(check_body("  Goed idee!  ").unwrap(), "Goed idee!");
        assert!(check_body("   ").is_err());
        assert!(check_body(&"a".repeat(MAX_CHARS)).is_ok());
        assert!(check_body(&"a".repeat(MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn a_comment_is_editable_for_a_quarter_of_an_hour() {
        let written = NaiveDateTime::default();
        assert!(still_editable(
            written,
            written + TimeDelta::minutes(EDIT_MINUTES)
        ));
        assert!(!still_editable(
            written,
            written + TimeDelta::minutes(EDIT_MINUTES) + TimeDelta::seconds(1)
        ));
    }
}

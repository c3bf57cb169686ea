//! Texts in several languages: a proposal, an edition, an area, a category or a milestone is
//! written in one language (required) and may have a version in each of the others, each with
//! its own history. Which version a reader gets: the first of the languages they accept that
//! exists, else the original.

use crate::domain::locale::Locale;
use crate::domain::proposal::{BODY_MAX, SUMMARY_MAX, TITLE_MAX};
use crate::domain::text_enum;
use crate::error::FieldError;

text_enum! {
    /// What can be translated.
    pub enum Translatable {
        Proposal => "proposal",
        Edition => "edition",
        Area => "area",
        Category => "category",
        Milestone => "milestone",
    }
}

impl Translatable {
    /// Whether its texts include a summary (a proposal's).
    pub fn has_summary(self) -> bool {
        self == Self::Proposal
    }

    /// Whether its texts include a body (a proposal's body, a milestone's note).
    pub fn has_body(self) -> bool {
        matches!(self, Self::Proposal | Self::Milestone)
    }
}

/// The version to show: the first wanted language that exists, else the original.
pub fn choose(wanted: &[Locale], available: &[Locale], original: Locale) -> Locale {
    wanted
        .iter()
        .copied()
        .find(|l| *l == original || available.contains(l))
        .unwrap_or(original)
}

/// The texts of a translation, checked against what the subject has: a title (a name) of 1
/// to 120 characters; for a proposal a summary of 1 to 500; a body of at most 20,000.
pub fn check(
    subject: Translatable,
    title: &str,
    summary: Option<&str>,
    body: Option<&str>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let length = |text: &str| text.trim().chars().count();
    if !(1..=TITLE_MAX).contains(&length(title)) {
        errors.push(FieldError::new(
            "title",
            t!("length-between", min = 1, max = TITLE_MAX),
        ));
    }
    match (subject.has_summary(), summary) {
        (true, Some(s)) if (1..=SUMMARY_MAX).contains(&length(s)) => {}
        (true, _) => errors.push(FieldError::new(
            "summary",
            t!("length-between", min = 1, max = SUMMARY_MAX),
        )),
        (false, Some(_)) => errors.push(FieldError::new(
            "summary",
            t!("translation-has-no-such-text"),
        )),
        (false, None) => {}
    }
    match (subject.has_body(), body) {
        (true, Some(b)) if b.chars().count() > BODY_MAX => errors.push(FieldError::new(
            "body",
            t!("length-at-most", max = BODY_MAX),
        )),
        (false, Some(_)) => {
            errors.push(FieldError::new("body", t!("translation-has-no-such-text")))
        }
        _ => {}
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use Locale::{En, Fr, Nl};

    #[test]
    fn the_first_wanted_language_that_exists_else_the_original() {
        assert_eq!(choose(&[Fr], &[Fr], Nl), Fr);
        assert_eq!(choose(&[En], &[Fr], Nl), Nl);
        assert_eq!(choose(&[En, Fr], &[Fr], Nl), Fr);
        assert_eq!(choose(&[En, Nl, Fr], &[Fr], Nl), Nl);
        assert_eq!(choose(&[], &[Fr, En], Nl), Nl);
    }

    #[test]
    fn each_subject_has_its_own_texts() {
        assert!(
            check(
                Translatable::Proposal,
                "Bancs",
                Some("Des bancs."),
                Some("")
            )
            .is_empty()
        );
        assert_eq!(
            check(Translatable::Proposal, "Bancs", None, None)[0].field,
            "summary"
        );
        assert_eq!(
            check(Translatable::Area, "Nord", Some("x"), None)[0].field,
            "summary"
        );
        assert!(check(Translatable::Milestone, "Début", None, Some("Les travaux.")).is_empty());
        assert_eq!(
            check(Translatable::Edition, " ", None, None)[0].field,
            "title"
        );
    }
}

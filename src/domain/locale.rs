//! The languages of the platform: Dutch, French and English, for e-mail, problem details and
//! pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Nl,
    Fr,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    pub const ALL: [Locale; 3] = [Locale::Nl, Locale::Fr, Locale::En];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == value)
    }

    /// The language an `Accept-Language` header (RFC 9110 §12.5.4) prefers among ours: the
    /// highest weight wins, the earlier range on a tie; `nl-BE` matches `nl`, `*` matches the
    /// first of ours, `q=0` refuses. `None` when the header names none of ours.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        Self::preferences(accept_language).into_iter().next()
    }

    /// Our languages an `Accept-Language` header accepts, most wanted first (the earlier range
    /// on a tie), each once.
    pub fn preferences(accept_language: &str) -> Vec<Self> {
        let mut weighed: Vec<(f32, Locale)> = Vec::new();
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_string))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| (0.0..=1.0).contains(q));
            let Some(weight) = weight.filter(|q| *q > 0.0) else {
                continue;
            };
            let primary = tag.split('-').next().unwrap_or_default();
            let locale = if primary == "*" {
                Self::ALL.into_iter().next()
            } else {
                Self::parse(primary)
            };
            match (locale, weighed.iter_mut().find(|(_, l)| Some(*l) == locale)) {
                (Some(_), Some(seen)) => seen.0 = seen.0.max(weight),
                (Some(locale), None) => weighed.push((weight, locale)),
                (None, _) => {}
            }
        }
        // A stable sort keeps the header's order among equal weights.
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        weighed.into_iter().map(|(_, locale)| locale).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_language_of_ours_is_chosen() {
        assert_eq!(Locale::negotiate("fr"), Some(Locale::Fr));
        assert_eq!(
            Locale::negotiate("nl-BE,nl;q=0.9,en;q=0.5"),
            Some(Locale::Nl)
        );
        assert_eq!(
            Locale::negotiate("de-DE, en;q=0.3, fr;q=0.7"),
            Some(Locale::Fr)
        );
        assert_eq!(Locale::negotiate("EN-gb"), Some(Locale::En));
        assert_eq!(Locale::negotiate("en;q=0.5, fr;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::negotiate("*"), Some(Locale::Nl));
    }

    #[test]
    fn preferences_list_our_languages_by_weight() {
        assert_eq!(
            Locale::preferences("de, en;q=0.8, fr;q=0.7, fr-BE;q=0.9"),
            vec![Locale::Fr, Locale::En]
        );
        assert_eq!(Locale::preferences("en, nl"), vec![Locale::En, Locale::Nl]);
    }

    #[test]
    fn a_header_without_our_languages_chooses_none() {
        assert_eq!(Locale::negotiate("de, es;q=0.8"), None);
        assert_eq!(Locale::negotiate(""), None);
        assert_eq!(Locale::negotiate("fr;q=0, nl;q=abc"), None);
        assert_eq!(Locale::negotiate("fr;q=7"), None);
    }
}

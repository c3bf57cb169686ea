//! Full-text search, the parts both databases share: accent folding, words and their stems in
//! Dutch, French and English (Snowball, the algorithms PostgreSQL's configurations use too), the
//! query's alternatives, and the highlighted snippet of a hit.

use rust_stemmers::{Algorithm, Stemmer};

use crate::domain::locale::Locale;

/// Lower case without accents: "Église" and "eglise" are one word, as are "Zoë" and "zoe".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => folded.push('a'),
            'ç' | 'ć' | 'č' => folded.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => folded.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => folded.push('i'),
            'ñ' | 'ń' | 'ň' => folded.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => folded.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => folded.push('u'),
            'ý' | 'ÿ' => folded.push('y'),
            'š' | 'ś' => folded.push('s'),
            'ž' | 'ź' | 'ż' => folded.push('z'),
            'ł' => folded.push('l'),
            'ß' => folded.push_str("ss"),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'ĳ' => folded.push_str("ij"),
            other => folded.push(other),
        }
    }
    folded
}

/// The words of a text, folded, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

fn stemmer(language: Locale) -> Stemmer {
    Stemmer::create(match language {
        Locale::Nl => Algorithm::Dutch,
        Locale::Fr => Algorithm::French,
        Locale::En => Algorithm::English,
    })
}

/// The stems of a text in its language, separated by spaces: what SQLite's index holds.
pub fn stems(text: &str, language: Locale) -> String {
    let stemmer = stemmer(language);
    words(text)
        .map(|w| stemmer.stem(&w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What each word of a query may match: its stem in each language, and the word itself
/// (a resident searching does not say in which language). At most 12 words count.
pub fn alternatives(query: &str) -> Vec<Vec<String>> {
    let stemmers: Vec<Stemmer> = Locale::ALL.into_iter().map(stemmer).collect();
    words(query)
        .take(12)
        .map(|word| {
            let mut forms = vec![word.clone()];
            for stemmer in &stemmers {
                let stem = stemmer.stem(&word).into_owned();
                if !forms.contains(&stem) {
                    forms.push(stem);
                }
            }
            forms
        })
        .collect()
}

/// A piece of the text around its first word that matches the query, HTML-escaped, with each
/// matching word in `<mark>`; the text's beginning when no word matches.
pub fn snippet(text: &str, query: &[Vec<String>], around: usize) -> String {
    let stemmers: Vec<Stemmer> = Locale::ALL.into_iter().map(stemmer).collect();
    let matches = |word: &str| {
        let folded = fold(word);
        let mut forms = vec![folded.clone()];
        forms.extend(stemmers.iter().map(|s| s.stem(&folded).into_owned()));
        query
            .iter()
            .any(|alternatives| alternatives.iter().any(|a| forms.contains(a)))
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let hit = |token: &&str| {
        token
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && matches(w))
    };
    let first = tokens.iter().position(&hit).unwrap_or(0);
    let start = first.saturating_sub(around / 2);
    let end = (start + around).min(tokens.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    for (i, token) in tokens[start..end].iter().enumerate() {
        if i > 0 || start > 0 {
            out.push(' ');
        }
        let escaped = escape(token);
        if hit(token) {
            out.push_str(&format!("<mark>{escaped}</mark>"));
        } else {
            out.push_str(&escaped);
        }
    }
    if end < tokens.len() {
        out.push_str(" …");
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plural_finds_its_singular_and_an_accent_is_optional() {
        let query = alternatives("fietsenstallingen");
        let indexed = stems("Een overdekte fietsenstalling aan het station", Locale::Nl);
        assert!(
            query[0]
                .iter()
                .any(|form| indexed.split(' ').any(|s| s == form)),
            "{query:?} in {indexed}"
        );
        let query = alternatives("eglise");
        let indexed = stems("Des bancs devant l'église Saint-Pierre", Locale::Fr);
        assert!(
            query[0]
                .iter()
                .any(|form| indexed.split(' ').any(|s| s == form))
        );
    }

    #[test]
    fn a_snippet_marks_the_words_found_and_escapes_the_rest() {
        let query = alternatives("fietsenstallingen");
        let text = "Bouw <b>hier</b> een fietsenstalling, want er is geen plaats.";
        let shown = snippet(text, &query, 30);
        assert!(shown.contains("<mark>fietsenstalling,</mark>"), "{shown}");
        assert!(shown.contains("&lt;b&gt;hier&lt;/b&gt;"), "{shown}");
        let long: String = (0..100).map(|i| format!("w{i} ")).collect();
        let cut = snippet(&format!("{long} fietsenstalling"), &query, 10);
        assert!(cut.starts_with('…') && cut.contains("<mark>"), "{cut}");
    }

    proptest! {
        #[test]
        fn folding_twice_changes_nothing(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn a_snippet_never_holds_a_raw_tag(text in "\\PC{0,80}", query in "\\PC{0,10}") {
            let shown = snippet(&text, &alternatives(&query), 20);
            let without_marks = shown.replace("<mark>", "").replace("</mark>", "");
            prop_assert!(!without_marks.contains('<'));
        }
    }
}

//! Text for people in the reader's language: every message a client or resident reads is a key
//! into the Fluent catalogues `locales/<language>.ftl` (one file per language, embedded in the
//! binary) with its arguments, and becomes words only at the edge, where the language is known
//! (`Accept-Language` for an HTTP answer, the saved language for mail, English in the logs).
//!
//! The key stays beside its arguments until then, so the services that build a message never
//! need to know who will read it. `tests::every_key_is_in_every_catalogue` holds the catalogues
//! and the code together.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::locale::Locale;

/// One message: a catalogue key and the values its placeholders take.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A placeholder's value. Numbers stay numbers so each language can choose its plural form.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Words(String),
    Number(f64),
    /// Another message, said in the same language.
    Message(Box<Text>),
    /// An amount in cents, written as each language writes money (`€ 12.500,00` in Dutch).
    Money(i64),
    /// A number with up to four decimals, with the language's decimal separator.
    Decimal(f64),
}

/// An amount in cents, for [`Arg::Money`].
pub struct Money(pub i64);

impl From<Money> for Arg {
    fn from(value: Money) -> Self {
        Arg::Money(value.0)
    }
}

/// A fraction, for [`Arg::Decimal`].
pub struct Decimal(pub f64);

impl From<Decimal> for Arg {
    fn from(value: Decimal) -> Self {
        Arg::Decimal(value.0)
    }
}

macro_rules! numeric_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
numeric_arg!(i32, i64, u32, u64, usize, f64);

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Words(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Words(value.to_string())
    }
}

impl From<&i64> for Arg {
    fn from(value: &i64) -> Self {
        Arg::Number(*value as f64)
    }
}

/// A moment in UTC, to the minute (the messages that show one say "UTC").
impl From<chrono::NaiveDateTime> for Arg {
    fn from(value: chrono::NaiveDateTime) -> Self {
        Arg::Words(value.format("%Y-%m-%d %H:%M").to_string())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Self {
        Arg::Message(Box::new(value))
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Words(value.clone())
    }
}

/// `t!("key", name = value, …)`: the message `key` of the catalogues with its arguments.
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Text::new($key)$(.with(stringify!($name), $value))*
    };
}

impl Text {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `locale`. A key missing from a catalogue shows as the key itself (the
    /// catalogue test makes that a failing build, not a surprise in production).
    pub fn render(&self, locale: Locale) -> String {
        let bundle = catalogue(locale);
        let Some(pattern) = bundle.get_message(self.key).and_then(|m| m.value()) else {
            return self.key.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Words(words) => args.set(*name, FluentValue::from(words.as_str())),
                Arg::Number(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Message(text) => args.set(*name, FluentValue::from(text.render(locale))),
                Arg::Money(cents) => args.set(*name, FluentValue::from(money(*cents, locale))),
                Arg::Decimal(x) => args.set(*name, FluentValue::from(decimal(*x, locale))),
            }
        }
        let mut errors = Vec::new();
        let text: Cow<str> = bundle.format_pattern(pattern, Some(&args), &mut errors);
        text.into_owned()
    }
}

/// `cents` as the language writes an amount of euros: `€ 12.500,00` (nl), `12 500,00 €` (fr),
/// `€12,500.00` (en); the spaces do not break, so an amount never splits over two lines.
pub fn money(cents: i64, locale: Locale) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (euros, rest) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    let point = match locale {
        Locale::Nl | Locale::Fr => ",",
        Locale::En => ".",
    };
    let grouped = grouped(euros, locale);
    match locale {
        Locale::Nl => format!("{sign}€\u{a0}{grouped}{point}{rest:02}"),
        Locale::Fr => format!("{sign}{grouped}{point}{rest:02}\u{a0}€"),
        Locale::En => format!("{sign}€{grouped}{point}{rest:02}"),
    }
}

/// A whole number with the language's thousands separator: `18.400`, `18 400`, `18,400`.
pub fn whole_number(value: i64, locale: Locale) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", grouped(value.unsigned_abs(), locale))
}

fn grouped(value: u64, locale: Locale) -> String {
    let group = match locale {
        Locale::Nl => ".",
        Locale::Fr => "\u{202f}",
        Locale::En => ",",
    };
    let digits = value.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(digit);
    }
    grouped
}

/// Up to four decimals, trailing zeros dropped, with the language's decimal separator.
pub fn decimal(value: f64, locale: Locale) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match locale {
        Locale::En => text.to_string(),
        Locale::Nl | Locale::Fr => text.replace('.', ","),
    }
}

/// English, for logs and the command line.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Locale::En))
    }
}

fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::Nl => include_str!("../locales/nl.ftl"),
        Locale::Fr => include_str!("../locales/fr.ftl"),
        Locale::En => include_str!("../locales/en.ftl"),
    }
}

type Catalogue = FluentBundle<FluentResource>;

fn catalogue(locale: Locale) -> &'static Catalogue {
    static CATALOGUES: OnceLock<HashMap<&'static str, Catalogue>> = OnceLock::new();
    let all = CATALOGUES.get_or_init(|| {
        Locale::ALL
            .into_iter()
            .map(|l| (l.as_str(), load(l)))
            .collect()
    });
    &all[locale.as_str()]
}

fn load(locale: Locale) -> Catalogue {
    let resource = match FluentResource::try_new(source(locale).to_string()) {
        Ok(resource) => resource,
        // A syntax error keeps the entries that parsed; the catalogue test names the rest.
        Err((resource, _)) => resource,
    };
    let language = locale
        .as_str()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Isolation marks help right-to-left scripts; in nl, fr and en they only break copy-paste.
    bundle.set_use_isolating(false);
    // An entry defined twice keeps its first definition; the catalogue test names it.
    let _ = bundle.add_resource(resource);
    bundle
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    use fluent_syntax::parser;

    use super::*;

    fn keys_and_variables(locale: Locale) -> Vec<(String, BTreeSet<String>)> {
        let resource = parser::parse(source(locale))
            .unwrap_or_else(|(_, errors)| panic!("{} catalogue: {errors:?}", locale.as_str()));
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        collect_variables(&pattern.elements, &mut variables);
                    }
                    Some((message.id.name.to_string(), variables))
                }
                _ => None,
            })
            .collect()
    }

    fn collect_variables(elements: &[PatternElement<&str>], into: &mut BTreeSet<String>) {
        for element in elements {
            let PatternElement::Placeable { expression } = element else {
                continue;
            };
            let inline = match expression {
                Expression::Inline(inline) => inline,
                Expression::Select { selector, variants } => {
                    for variant in variants {
                        collect_variables(&variant.value.elements, into);
                    }
                    selector
                }
            };
            if let InlineExpression::VariableReference { id } = inline {
                into.insert(id.name.to_string());
            }
        }
    }

    /// Every key the code uses: `t!("key"` in the sources, `.t("key"` in the sources and the
    /// page templates.
    fn keys_in_code() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, keys: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, keys);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "html")
                    && !path.ends_with("i18n.rs")
                {
                    let code = std::fs::read_to_string(&path).unwrap_or_default();
                    for (at, _) in code.match_indices(".t(\"") {
                        let key = &code[at + 4..];
                        if let Some(end) = key.find('"') {
                            keys.insert(key[..end].to_string());
                        }
                    }
                    for (at, _) in code.match_indices("t!(") {
                        let macro_call = code[..at]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
                        let piece = &code[at + 3..];
                        if macro_call
                            && let Some(key) = piece.trim_start().strip_prefix('"')
                            && let Some(end) = key.find('"')
                        {
                            keys.insert(key[..end].to_string());
                        }
                    }
                }
            }
        }
        let mut keys = BTreeSet::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        walk(&root.join("src"), &mut keys);
        walk(&root.join("templates"), &mut keys);
        keys.remove("key");
        keys
    }

    #[test]
    fn every_key_is_in_every_catalogue_with_the_same_placeholders() {
        let english: HashMap<_, _> = keys_and_variables(Locale::En).into_iter().collect();
        for locale in [Locale::Nl, Locale::Fr] {
            let entries = keys_and_variables(locale);
            let mut seen = BTreeSet::new();
            for (key, variables) in &entries {
                assert!(
                    seen.insert(key.clone()),
                    "{key} twice in {}",
                    locale.as_str()
                );
                let Some(english_variables) = english.get(key) else {
                    panic!("{key} is in {} but not in en", locale.as_str());
                };
                assert_eq!(
                    variables,
                    english_variables,
                    "{key}: {} uses other placeholders than en",
                    locale.as_str()
                );
            }
            for key in english.keys() {
                assert!(
                    seen.contains(key),
                    "{key} is missing in {}",
                    locale.as_str()
                );
            }
        }
    }

    #[test]
    fn every_key_the_code_uses_exists_and_every_entry_is_used() {
        let english: BTreeSet<String> = keys_and_variables(Locale::En)
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        let used = keys_in_code();
        let missing: Vec<_> = used.difference(&english).collect();
        assert!(
            missing.is_empty(),
            "keys not in the catalogues: {missing:?}"
        );
        let unused: Vec<_> = english.iter().filter(|key| !used.contains(*key)).collect();
        assert!(
            unused.is_empty(),
            "catalogue entries no code uses: {unused:?}"
        );
    }

    #[test]
    fn money_and_decimals_are_written_as_each_language_writes_them() {
        assert_eq!(money(1_250_000, Locale::Nl), "€\u{a0}12.500,00");
        assert_eq!(money(1_250_000, Locale::Fr), "12\u{202f}500,00\u{a0}€");
        assert_eq!(money(1_250_000, Locale::En), "€12,500.00");
        assert_eq!(money(5, Locale::En), "€0.05");
        assert_eq!(money(-123_456_789, Locale::Nl), "-€\u{a0}1.234.567,89");
        assert_eq!(decimal(0.5, Locale::Nl), "0,5");
        assert_eq!(decimal(0.123456, Locale::En), "0.1235");
        assert_eq!(decimal(3.0, Locale::Fr), "3");
        assert_eq!(whole_number(18_400, Locale::Nl), "18.400");
        assert_eq!(
            whole_number(1_234_567, Locale::Fr),
            "1\u{202f}234\u{202f}567"
        );
        assert_eq!(whole_number(-999, Locale::En), "-999");
    }

    #[test]
    fn a_message_is_rendered_in_each_language_with_its_arguments() {
        let text = t!("length-between", min = 1, max = 200);
        assert_eq!(text.render(Locale::En), "must be 1 to 200 characters");
        assert_eq!(text.render(Locale::Nl), "moet 1 tot 200 tekens lang zijn");
        assert_eq!(
            text.render(Locale::Fr),
            "doit compter de 1 à 200 caractères"
        );
        assert_eq!(text.to_string(), text.render(Locale::En));
    }
}

//! An e-mail address, normalised (trimmed, lower-case) and checked on construction.

use crate::i18n::Text;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Text> {
        let address = raw.trim().to_lowercase();
        if address.is_empty() {
            return Err(t!("is-required"));
        }
        if address.len() > Self::MAX_LEN {
            return Err(t!("length-at-most", max = Self::MAX_LEN));
        }
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(t!("is-not-an-e-mail-address"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
        if !(domain_ok && local_ok) {
            return Err(t!("is-not-an-e-mail-address"));
        }
        Ok(Self(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        assert_eq!(
            Email::parse("  An.Peeters@Gent.BE ").unwrap().as_str(),
            "an.peeters@gent.be"
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "plain",
            "@gent.be",
            "an@",
            "an@gent",
            "an@@gent.be",
            "a n@gent.be",
            "an@gent..be",
            "<a>@b.be",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }
}

//! The city's identity provider (OpenID Connect): who it is, how this service is registered
//! with it, and which of its verified claims set a resident's area and birth date.

use std::collections::BTreeMap;

use super::{ConfigError, RawSettings, invalid, parse_bool};

#[derive(Clone, Debug)]
pub struct IdentityProvider {
    /// The issuer; its discovery document is at `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// What the sign-in button says (`eID / itsme`).
    pub label: String,
    /// The claim that names where a resident lives (`address.postal_code`), and which area
    /// each of its values means (value → area code). Empty: the claims set no residency.
    pub area_claim: Option<String>,
    pub areas: BTreeMap<String, String>,
    /// Take the `birthdate` claim as the resident's birth date (for age limits on rounds).
    pub trust_birthdate: bool,
}

impl RawSettings {
    pub(super) fn identity_provider(&self) -> Result<Option<IdentityProvider>, ConfigError> {
        let Some(issuer) = self.get("OIDC_ISSUER") else {
            return Ok(None);
        };
        let issuer = issuer.trim_end_matches('/').to_string();
        if !(issuer.starts_with("https://")
            || issuer.starts_with("http://127.0.0.1")
            || issuer.starts_with("http://localhost"))
        {
            return Err(invalid(
                "OIDC_ISSUER",
                "must be an https:// address (http:// only on this machine)",
            ));
        }
        let required = |name: &str| {
            self.get(name)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .ok_or_else(|| invalid(name, "is needed with OIDC_ISSUER"))
        };
        let areas = match self.get("OIDC_RESIDENCY_AREAS") {
            None => BTreeMap::new(),
            Some(raw) => raw
                .split(',')
                .filter(|pair| !pair.trim().is_empty())
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(value, area)| (value.trim().to_string(), area.trim().to_string()))
                        .ok_or_else(|| {
                            invalid(
                                "OIDC_RESIDENCY_AREAS",
                                format!("{pair:?} is not VALUE=AREA_CODE"),
                            )
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        let area_claim = self.get("OIDC_RESIDENCY_CLAIM").map(str::to_string);
        if area_claim.is_some() == areas.is_empty() {
            return Err(invalid(
                "OIDC_RESIDENCY_CLAIM",
                "goes with OIDC_RESIDENCY_AREAS (both or neither)",
            ));
        }
        let trust_birthdate = match self.get("OIDC_BIRTHDATE") {
            None => false,
            Some(v) => {
                parse_bool(v).ok_or_else(|| invalid("OIDC_BIRTHDATE", "must be true or false"))?
            }
        };
        Ok(Some(IdentityProvider {
            issuer,
            client_id: required("OIDC_CLIENT_ID")?,
            client_secret: required("OIDC_CLIENT_SECRET")?,
            label: self.get("OIDC_LABEL").unwrap_or("eID / itsme").to_string(),
            area_claim,
            areas,
            trust_birthdate,
        }))
    }
}

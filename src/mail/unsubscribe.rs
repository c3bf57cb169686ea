//! The one-click unsubscribe link (RFC 8058) at the foot of every notification: signed with
//! the server's key, so it needs no sign-in and cannot be made up for someone else.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::auth::device::constant_time_eq;
use crate::config::SecretKey;
use crate::domain::notification::EventKind;

const PURPOSE: &str = "unsubscribe";

/// What a notification mail stops when its one-click unsubscribe link is used: one kind of
/// event, or the daily digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsubscribe {
    Kind(EventKind),
    Digest,
}

impl Unsubscribe {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kind(kind) => kind.as_str(),
            Self::Digest => "digest",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "digest" => Some(Self::Digest),
            other => EventKind::parse(other).map(Self::Kind),
        }
    }
}

/// The link that stops `stops` for a user.
pub fn link(secret: &SecretKey, public_url: &str, user_id: i64, stops: Unsubscribe) -> String {
    format!(
        "{public_url}/unsubscribe?token={}",
        token(secret, user_id, stops)
    )
}

fn token(secret: &SecretKey, user_id: i64, stops: Unsubscribe) -> String {
    let message = format!("{user_id}.{}", stops.as_str());
    let signature = URL_SAFE_NO_PAD.encode(secret.sign(PURPOSE, &message));
    format!("{message}.{signature}")
}

/// Whose mail a token stops, and which; `None` for a token this server did not sign.
pub fn check(secret: &SecretKey, token: &str) -> Option<(i64, Unsubscribe)> {
    let mut parts = token.split('.');
    let (Some(user), Some(stops), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (user_id, stops) = (user.parse::<i64>().ok()?, Unsubscribe::parse(stops)?);
    constant_time_eq(
        token.as_bytes(),
        self::token(secret, user_id, stops).as_bytes(),
    )
    .then_some((user_id, stops))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_names_its_user_and_kind_and_a_changed_one_is_refused() {
        let secret = SecretKey::random();
        let stops = Unsubscribe::Kind(EventKind::NewComment);
        let genuine = token(&secret, 42, stops);
        assert_eq!(check(&secret, &genuine), Some((42, stops)));
        let other_user = genuine.replacen("42.", "43.", 1);
        assert_eq!(check(&secret, &other_user), None);
        let other_kind = genuine.replace("new_comment", "digest");
        assert_eq!(check(&secret, &other_kind), None);
        assert_eq!(check(&SecretKey::random(), &genuine), None);
        assert_eq!(check(&secret, "42.digest"), None);
    }
}

//! Device tokens: a signed note a client receives at a successful sign-in and sends back with
//! later ones. A device that signed in before keeps signing in while someone else hammers the
//! account from elsewhere (the owner cannot be locked out); see `service::accounts::login`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use crate::config::SecretKey;

fn mac(secret: &SecretKey, user_id: i64, device_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(secret.sign("wijkbudget device v1", &format!("{user_id}.{device_id}")))
}

/// A new device token for this account.
pub fn issue(secret: &SecretKey, user_id: i64) -> String {
    let mut id = [0u8; 16];
    rand::rng().fill_bytes(&mut id);
    let device_id = URL_SAFE_NO_PAD.encode(id);
    format!("{user_id}.{device_id}.{}", mac(secret, user_id, &device_id))
}

/// The device id when `token` is a genuine device token of this account.
pub fn recognise(secret: &SecretKey, token: &str, user_id: i64) -> Option<String> {
    let mut parts = token.split('.');
    let (Some(user), Some(device_id), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let genuine = user.parse::<i64>().ok() == Some(user_id)
        && constant_time_eq(
            signature.as_bytes(),
            mac(secret, user_id, device_id).as_bytes(),
        );
    genuine.then(|| device_id.to_string())
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_token_is_recognised_only_for_its_account_and_key() {
        let key = SecretKey::random();
        let token = issue(&key, 7);
        assert!(recognise(&key, &token, 7).is_some());
        assert!(recognise(&key, &token, 8).is_none());
        assert!(recognise(&SecretKey::random(), &token, 7).is_none());
        assert!(recognise(&key, &format!("{token}x"), 7).is_none());
        assert!(recognise(&key, "7.abc", 7).is_none());
    }
}

//! Who may vote where: residents verified for an area by an area worker or an administrator,
//! or by redeeming a one-time letter code.

use crate::auth::caller::Caller;
use crate::auth::tokens;
use crate::db::{self, DbConnection};
use crate::domain::residency::ResidencyMethod;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult};
use crate::service::rate_limit;
use crate::store::{self, audit::AuditEvent, residency::Residency};

pub const MAX_CODES_PER_REQUEST: usize = 10_000;

/// Letters and digits that cannot be mistaken for each other on paper.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_GROUPS: usize = 4;
const CODE_GROUP_LEN: usize = 4;

/// A new letter code: 16 symbols of 5 bits (80 bits), printed as XXXX-XXXX-XXXX-XXXX.
pub fn new_code() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..CODE_GROUPS)
        .map(|_| {
            (0..CODE_GROUP_LEN)
                .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The form a code is hashed in: upper case, without separators or spaces.
pub fn normalise_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn record(conn: &mut DbConnection, actor: Option<i64>, residency: &Residency) -> ApiResult<()> {
    store::residency::set(conn, residency)?;
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: actor,
            action: "residency_verified",
            entity_type: "user",
            entity_id: residency.user_id.to_string(),
            details: serde_json::json!({"area_id": residency.area_id, "method": residency.method.as_str()}),
        },
    )?;
    Ok(())
}

/// An area worker of the area, or an administrator, verifies where a resident lives.
pub fn verify(
    conn: &mut DbConnection,
    caller: &Caller,
    user_id: i64,
    area_id: i64,
    method: &str,
) -> ApiResult<Residency> {
    if !caller.is_admin() && !caller.works_in_area(area_id) {
        return Err(ApiError::forbidden(t!("only-an-area-worker-of-this-area")));
    }
    let Some(method) = ResidencyMethod::parse(method) else {
        return Err(ApiError::invalid(
            "method",
            t!("must-be-in-person-letter-code-or"),
        ));
    };
    db::write_transaction(conn, |conn| {
        store::users::find(conn, user_id)?.ok_or_else(|| ApiError::not_found(Thing::User))?;
        if store::areas::find(conn, area_id)?.is_none() {
            return Err(ApiError::invalid_coded(
                "area_id",
                "not_found",
                t!("no-such-area"),
            ));
        }
        let residency = Residency {
            user_id,
            area_id,
            method,
            verified_by: Some(caller.id()),
            verified_at: crate::clock::now(),
        };
        record(conn, Some(caller.id()), &residency)?;
        Ok(residency)
    })
}

/// Generates letter codes for an area (its area workers, or an administrator); they are
/// returned once and only their hashes are kept.
pub fn generate_codes(
    conn: &mut DbConnection,
    caller: &Caller,
    area_id: i64,
    count: usize,
) -> ApiResult<Vec<String>> {
    if !caller.is_admin() && !caller.works_in_area(area_id) {
        return Err(ApiError::forbidden(t!("only-an-area-worker-of-this-area")));
    }
    if !(1..=MAX_CODES_PER_REQUEST).contains(&count) {
        return Err(ApiError::invalid(
            "count",
            t!("number-between", min = 1, max = MAX_CODES_PER_REQUEST),
        ));
    }
    let codes: Vec<String> = (0..count).map(|_| new_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| tokens::token_hash(&normalise_code(c)))
        .collect();
    db::write_transaction(conn, |conn| {
        store::areas::find(conn, area_id)?.ok_or_else(|| ApiError::not_found(Thing::Area))?;
        store::residency::insert_codes(conn, area_id, &hashes, caller.id(), crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "residency_codes_generated",
                entity_type: "area",
                entity_id: area_id.to_string(),
                details: serde_json::json!({"count": count}),
            },
        )?;
        Ok(codes)
    })
}

/// A resident redeems a letter code and becomes a verified resident of its area.
pub fn redeem(conn: &mut DbConnection, caller: &Caller, code: &str) -> ApiResult<Residency> {
    caller.require_verified_email()?;
    let key = caller.id().to_string();
    let attempt = rate_limit::take(conn, &[(&rate_limit::CODE_FAILURES_PER_ACCOUNT, &key)])?;
    let hash = tokens::token_hash(&normalise_code(code));
    let redeemed = db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        let Some(area_id) = store::residency::redeem_code(conn, &hash, caller.id(), now)? else {
            return Ok(None);
        };
        let residency = Residency {
            user_id: caller.id(),
            area_id,
            method: ResidencyMethod::LetterCode,
            verified_by: None,
            verified_at: now,
        };
        record(conn, Some(caller.id()), &residency)?;
        Ok::<_, ApiError>(Some(residency))
    })?;
    match redeemed {
        Some(residency) => {
            rate_limit::refund(conn, attempt)?;
            Ok(residency)
        }
        None => Err(ApiError::invalid("code", t!("is-unknown-or-already-used"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_normalise_back() {
        let code = new_code();
        assert_eq!(code.len(), 19);
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            code.replace('-', "")
        );
        assert!(!code.contains(['0', 'O', '1', 'I']));
    }
}

//! Rate limits on sign-in, registration, reset and code redemption, counted in the database so
//! that every process behind a load balancer shares them.

use chrono::TimeDelta;

use crate::db::{self, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::store;

pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window_seconds: i64,
}

/// Guessing one account's password from one address.
pub const LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: Limit = Limit {
    name: "login-account-address",
    max: 10,
    window_seconds: 15 * 60,
};
/// Guessing one account's password from many addresses: the brute-force cap. It never stops a
/// device that signed in to the account before.
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "login-account",
    max: 50,
    window_seconds: 15 * 60,
};
/// Wrong passwords from a device that signed in to the account before.
pub const LOGIN_FAILURES_PER_DEVICE: Limit = Limit {
    name: "login-device",
    max: 10,
    window_seconds: 15 * 60,
};
pub const LOGIN_FAILURES_PER_ADDRESS: Limit = Limit {
    name: "login-address",
    max: 30,
    window_seconds: 15 * 60,
};
pub const REGISTRATIONS_PER_ADDRESS: Limit = Limit {
    name: "register-address",
    max: 10,
    window_seconds: 60 * 60,
};
pub const RESETS_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max: 5,
    window_seconds: 60 * 60,
};
pub const RESETS_PER_ADDRESS: Limit = Limit {
    name: "reset-address",
    max: 20,
    window_seconds: 60 * 60,
};
pub const VERIFICATION_RESENDS_PER_ACCOUNT: Limit = Limit {
    name: "resend-account",
    max: 3,
    window_seconds: 60 * 60,
};
pub const CODE_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "code-account",
    max: 10,
    window_seconds: 60 * 60,
};

fn bucket(limit: &Limit, key: &str) -> String {
    format!("{}:{}", limit.name, key)
}

/// Refuses with 429 and the seconds until a slot frees up when the window is full.
fn check(conn: &mut DbConnection, limit: &Limit, bucket: &str) -> ApiResult<()> {
    let now = crate::clock::now();
    let window = TimeDelta::seconds(limit.window_seconds);
    let (count, oldest) = store::rate_limits::window(conn, bucket, now - window)?;
    if count < limit.max {
        return Ok(());
    }
    let retry_after = oldest
        .map(|oldest| (oldest + window - now).num_seconds() + 1)
        .unwrap_or(limit.window_seconds);
    Err(ApiError::rate_limited(retry_after.max(1) as u64))
}

/// Attempts counted by [`take`], which a success may hand back with [`refund`].
pub struct Taken(Vec<i64>);

/// Counts one attempt against every limit at once, before any expensive work, or refuses with
/// 429 when one of them is full. Atomic per bucket, in every process sharing the database: of a
/// hundred attempts at the same moment, exactly as many as the limit allows get through.
pub fn take(conn: &mut DbConnection, limits: &[(&Limit, &str)]) -> ApiResult<Taken> {
    let mut buckets: Vec<(&Limit, String)> = limits
        .iter()
        .map(|(limit, key)| (*limit, bucket(limit, key)))
        .collect();
    // One lock order for every caller, so two attempts never wait on each other's buckets.
    buckets.sort_by(|a, b| a.1.cmp(&b.1));
    db::write_transaction(conn, |conn| {
        for (_, bucket) in &buckets {
            db::lock_key(conn, bucket)?;
        }
        for (limit, bucket) in &buckets {
            check(conn, limit, bucket)?;
        }
        let now = crate::clock::now();
        let mut ids = Vec::with_capacity(buckets.len());
        for (_, bucket) in &buckets {
            ids.push(store::rate_limits::record(conn, bucket, now)?);
        }
        Ok(Taken(ids))
    })
}

/// Hands back attempts that turned out not to count (a successful sign-in is not a failure).
pub fn refund(conn: &mut DbConnection, taken: Taken) -> ApiResult<()> {
    store::rate_limits::forget(conn, &taken.0)?;
    Ok(())
}

pub fn clear(conn: &mut DbConnection, limit: &Limit, key: &str) -> ApiResult<()> {
    store::rate_limits::clear(conn, &bucket(limit, key))?;
    Ok(())
}

/// Forgets the counts kept under an account's address, whose owner erased the account.
pub fn forget_account(conn: &mut DbConnection, address: &str) -> ApiResult<()> {
    for limit in [&LOGIN_FAILURES_PER_ACCOUNT, &RESETS_PER_ACCOUNT] {
        store::rate_limits::clear(conn, &bucket(limit, address))?;
    }
    let pairs = bucket(
        &LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        &format!("{address}|"),
    );
    store::rate_limits::clear_prefixed(conn, &pairs)?;
    Ok(())
}

/// Forgets events older than the longest window.
pub fn prune(conn: &mut DbConnection) -> ApiResult<usize> {
    Ok(store::rate_limits::delete_older_than(
        conn,
        crate::clock::now() - TimeDelta::hours(2),
    )?)
}

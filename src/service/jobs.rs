//! Background work every process runs: opening and closing rounds at their times, settling the
//! support phase, sealing checkpoints of the audit log, and forgetting old rate-limit events and idempotent
//! answers. Each job is idempotent and claims its
//! work with conditional updates, so several processes can run it at once; it also runs once
//! right at start-up, which catches up after a restart.

use std::time::Duration;

use crate::config::SecretKey;
use crate::db::Pool;
use crate::service::{audit, idempotency, notifications, proposals, rate_limit, rounds};

const EVERY: Duration = Duration::from_secs(1);

/// One pass over every job.
pub fn run_once(pool: &Pool, secret: &SecretKey, public_url: &str, digest_hour: u32) {
    let Ok(mut conn) = pool.get() else { return };
    if let Err(e) = rounds::run_schedule(&mut conn, secret, public_url) {
        tracing::warn!(error = %e, "round schedule failed");
    }
    if let Err(e) = proposals::settle_support_phase(&mut conn, public_url) {
        tracing::warn!(error = %e, "settling the support phase failed");
    }
    if let Err(e) = audit::checkpoint(&mut conn, secret) {
        tracing::warn!(error = %e, "sealing an audit checkpoint failed");
    }
    if let Err(e) = notifications::send_digests(&mut conn, crate::clock::now(), digest_hour) {
        tracing::warn!(error = %e, "sending the daily digests failed");
    }
    if let Err(e) = rate_limit::prune(&mut conn) {
        tracing::warn!(error = %e, "pruning rate limits failed");
    }
    if let Err(e) = idempotency::prune(&mut conn) {
        tracing::warn!(error = %e, "forgetting old idempotent answers failed");
    }
}

pub async fn run(pool: Pool, secret: SecretKey, public_url: String, digest_hour: u32) {
    let mut ticker = tokio::time::interval(EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let pool = pool.clone();
        let url = public_url.clone();
        let secret = secret.clone();
        if let Err(e) =
            tokio::task::spawn_blocking(move || run_once(&pool, &secret, &url, digest_hour)).await
        {
            tracing::warn!(error = %e, "background jobs panicked");
        }
    }
}

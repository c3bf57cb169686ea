//! Background work every process runs: opening and closing rounds at their times, settling the
//! support phase, sealing checkpoints of the audit log, sending the daily digests, making the
//! webhook deliveries from the audit log, and forgetting old rate-limit events and idempotent
//! answers. Each job is idempotent and claims its work with conditional updates, so several
//! processes can run it at once; it also runs once right at start-up, which catches up after a
//! restart.
//!
//! Every pass of a job is recorded: the metrics count runs and failures, and [`JobHealth`]
//! tells readiness when a job has not succeeded for too long.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::SecretKey;
use crate::db::{DbConnection, Pool};
use crate::error::ApiResult;
use crate::service::{audit, idempotency, notifications, proposals, rate_limit, rounds, webhooks};

const EVERY: Duration = Duration::from_secs(1);

/// What the jobs need besides a connection.
#[derive(Clone)]
pub struct JobContext {
    pub secret: SecretKey,
    pub public_url: String,
    pub digest_hour: u32,
}

type Job = fn(&mut DbConnection, &JobContext) -> ApiResult<()>;

/// Every job, by the name its metrics and readiness use.
const JOBS: &[(&str, Job)] = &[
    ("round_schedule", |conn, cx| {
        rounds::run_schedule(conn, &cx.secret, &cx.public_url).map(drop)
    }),
    ("support_phase", |conn, cx| {
        proposals::settle_support_phase(conn, &cx.public_url).map(drop)
    }),
    ("audit_checkpoint", |conn, cx| {
        audit::checkpoint(conn, &cx.secret).map(drop)
    }),
    ("daily_digests", |conn, cx| {
        notifications::send_digests(conn, crate::clock::now(), cx.digest_hour).map(drop)
    }),
    ("webhook_fan_out", |conn, cx| {
        webhooks::fan_out(conn, &cx.public_url).map(drop)
    }),
    ("rate_limit_pruning", |conn, _| {
        rate_limit::prune(conn).map(drop)
    }),
    ("idempotency_pruning", |conn, _| {
        idempotency::prune(conn).map(drop)
    }),
];

/// When each job last succeeded in this process.
pub struct JobHealth {
    last_success: Mutex<BTreeMap<&'static str, Instant>>,
}

impl JobHealth {
    /// Every job counts as just succeeded, so that a process is ready while its first pass runs.
    pub fn new() -> Self {
        let started = Instant::now();
        Self {
            last_success: Mutex::new(JOBS.iter().map(|(name, _)| (*name, started)).collect()),
        }
    }

    fn succeeded(&self, job: &'static str, at: Instant) {
        if let Ok(mut last) = self.last_success.lock() {
            last.insert(job, at);
        }
    }

    /// The jobs that have not succeeded within `limit` of `now`, with how long ago they did.
    pub fn lagging(&self, now: Instant, limit: Duration) -> Vec<(&'static str, Duration)> {
        let Ok(last) = self.last_success.lock() else {
            return Vec::new();
        };
        last.iter()
            .map(|(job, at)| (*job, now.saturating_duration_since(*at)))
            .filter(|(_, since)| *since > limit)
            .collect()
    }
}

impl Default for JobHealth {
    fn default() -> Self {
        Self::new()
    }
}

/// One pass over every job.
pub fn run_once(pool: &Pool, context: &JobContext, health: &JobHealth) {
    let Ok(mut conn) = pool.get() else { return };
    for (name, job) in JOBS {
        let started = Instant::now();
        let outcome = job(&mut conn, context);
        let finished = Instant::now();
        crate::metrics::job_ran(name, outcome.is_ok(), (finished - started).as_secs_f64());
        match outcome {
            Ok(()) => health.succeeded(name, finished),
            Err(e) => tracing::warn!(job = name, error = %e, "background job failed"),
        }
    }
}

pub async fn run(pool: Pool, context: JobContext, health: std::sync::Arc<JobHealth>) {
    let mut ticker = tokio::time::interval(EVERY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let pool = pool.clone();
        let context = context.clone();
        let health = health.clone();
        if let Err(e) =
            tokio::task::spawn_blocking(move || run_once(&pool, &context, &health)).await
        {
            tracing::warn!(error = %e, "background jobs panicked");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_has_not_succeeded_within_the_limit_is_lagging_and_one_that_did_is_not() {
        let health = JobHealth::new();
        let start = Instant::now();
        health.succeeded("daily_digests", start + Duration::from_secs(50));
        let lagging = health.lagging(start + Duration::from_secs(61), Duration::from_secs(60));
        let names: Vec<&str> = lagging.iter().map(|(job, _)| *job).collect();
        assert!(!names.contains(&"daily_digests"), "{names:?}");
        assert!(names.contains(&"round_schedule"), "{names:?}");
        assert_eq!(names.len(), JOBS.len() - 1);
        assert!(health.lagging(start, Duration::from_secs(60)).is_empty());
    }
}

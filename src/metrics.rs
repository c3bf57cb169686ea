//! Prometheus metrics: what every request, ballot and background job records, and the text a
//! scraper reads at `/metrics`. The recorder belongs to the process; the queue depths are read
//! from the database when a scraper asks, so every process reports the same shared queues.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::domain::round::Channel;

/// Upper bounds of the latency buckets, in seconds: from a cached read to a password hash.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the recorder at the first call; later calls (tests start several servers in one
/// process) share it. `None` when another recorder was installed first.
pub fn install() -> Option<&'static PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(LATENCY_BUCKETS)
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            Some(handle)
        })
        .as_ref()
}

/// One answered request. `route` is the matched pattern (`/api/v1/proposals/{id}`), never the
/// path itself, so that ids do not each make a series.
pub fn request_answered(method: &str, route: &str, status: u16, seconds: f64) {
    let labels = [("method", method.to_string()), ("route", route.to_string())];
    metrics::histogram!("wijkbudget_http_request_duration_seconds", &labels).record(seconds);
    metrics::counter!(
        "wijkbudget_http_requests_total",
        "method" => method.to_string(),
        "route" => route.to_string(),
        "status" => status.to_string()
    )
    .increment(1);
}

/// Ballots stored for the first time (a changed ballot is not a new one).
pub fn ballots_cast(channel: Channel, count: u64) {
    metrics::counter!("wijkbudget_ballots_cast_total", "channel" => channel.as_str())
        .increment(count);
}

/// One pass of a background job.
pub fn job_ran(job: &'static str, succeeded: bool, seconds: f64) {
    let outcome = if succeeded { "ok" } else { "failed" };
    metrics::counter!("wijkbudget_job_runs_total", "job" => job, "outcome" => outcome).increment(1);
    metrics::histogram!("wijkbudget_job_duration_seconds", "job" => job).record(seconds);
}

/// One attempt to deliver a webhook.
pub fn webhook_attempted(delivered: bool) {
    let outcome = if delivered { "delivered" } else { "failed" };
    metrics::counter!("wijkbudget_webhook_attempts_total", "outcome" => outcome).increment(1);
}

/// The shared queues, as the database holds them now.
pub struct QueueDepths {
    /// Mail written to the outbox and not sent yet.
    pub mail_waiting: i64,
    /// Webhook deliveries not delivered yet and not given up.
    pub webhooks_waiting: i64,
}

/// The exposition text: the process's counters and histograms, then the queue depths.
pub fn render(depths: &QueueDepths) -> String {
    metrics::gauge!("wijkbudget_mail_outbox_waiting").set(depths.mail_waiting as f64);
    metrics::gauge!("wijkbudget_webhook_deliveries_waiting").set(depths.webhooks_waiting as f64);
    install().map(PrometheusHandle::render).unwrap_or_default()
}

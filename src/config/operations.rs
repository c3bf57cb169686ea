//! Settings for the people who run the service: who may scrape the metrics, how long a
//! background job may go without succeeding before the process reports itself not ready, and
//! when a failing webhook is switched off.

use std::time::Duration;

use super::{ConfigError, RawSettings, SecretKey, invalid, parse_number};

#[derive(Clone, Debug)]
pub struct Operations {
    /// When set, `/metrics` answers only a scraper that sends it as a bearer token.
    pub metrics_token: Option<SecretKey>,
    /// How long a background job may go without succeeding before `/ready` answers 503.
    pub job_lag_limit: Duration,
    /// Failed deliveries in a row after which a webhook is switched off.
    pub webhook_disable_after: i32,
}

impl Default for Operations {
    fn default() -> Self {
        Self {
            metrics_token: None,
            job_lag_limit: Duration::from_secs(60),
            webhook_disable_after: 50,
        }
    }
}

impl Operations {
    /// Whether a scraper's bearer token opens the metrics. Compared as keyed hashes, so the
    /// time taken says nothing about how much of the token was right.
    pub fn metrics_open_to(&self, bearer: Option<&str>) -> bool {
        match (&self.metrics_token, bearer) {
            (None, _) => true,
            (Some(token), Some(given)) => {
                let expected = String::from_utf8_lossy(token.bytes());
                token.sign("metrics", given) == token.sign("metrics", &expected)
            }
            (Some(_), None) => false,
        }
    }
}

impl RawSettings {
    pub(super) fn operations(&self) -> Result<Operations, ConfigError> {
        let metrics_token = self
            .get("METRICS_TOKEN")
            .map(|token| SecretKey::new(token.as_bytes().to_vec(), "METRICS_TOKEN"))
            .transpose()?;
        let lag_seconds = parse_number::<u64>(self, "JOB_LAG_LIMIT", 60)?;
        if !(2..=86_400).contains(&lag_seconds) {
            return Err(invalid(
                "JOB_LAG_LIMIT",
                "must be between 2 and 86400 seconds",
            ));
        }
        let webhook_disable_after = parse_number::<i32>(self, "WEBHOOK_DISABLE_AFTER", 50)?;
        if !(1..=10_000).contains(&webhook_disable_after) {
            return Err(invalid(
                "WEBHOOK_DISABLE_AFTER",
                "must be between 1 and 10000",
            ));
        }
        Ok(Operations {
            metrics_token,
            job_lag_limit: Duration::from_secs(lag_seconds),
            webhook_disable_after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_with_a_token_open_only_to_that_token() {
        let token = "a-scraper-token-of-at-least-32-bytes!";
        let operations = Operations {
            metrics_token: Some(
                SecretKey::new(token.as_bytes().to_vec(), "METRICS_TOKEN").unwrap(),
            ),
            ..Operations::default()
        };
        assert!(operations.metrics_open_to(Some(token)));
        assert!(!operations.metrics_open_to(Some("a-scraper-token-of-at-least-32-bytes")));
        assert!(!operations.metrics_open_to(None));
        assert!(Operations::default().metrics_open_to(None));
    }
}

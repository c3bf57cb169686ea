//! What every request handler can reach: the pool, the configuration and the shared keys.
//! Its own module so that the edges depend on it without depending on start-up.

use std::sync::Arc;

use crate::auth::password::HashingLimit;
use crate::auth::tokens::TokenKeys;
use crate::config::Config;
use crate::db::Pool;
use crate::service::jobs::JobHealth;
use crate::storage::FileStore;

/// What every handler can reach.
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
    pub tokens: Arc<TokenKeys>,
    /// Bounds the password hashes running at once.
    pub hashing: Arc<HashingLimit>,
    /// Uploaded pictures and files.
    pub files: FileStore,
    /// When this process's background jobs last succeeded.
    pub jobs: Arc<JobHealth>,
}

//! The hop from an async handler to blocking database work: diesel runs on actix's blocking
//! thread pool, never on an async worker.

use crate::db::{DbConnection, Pool};
use crate::error::ApiError;

/// Runs `work` with one pooled connection on the blocking pool.
pub async fn run<T, F>(pool: &Pool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await
    .map_err(ApiError::internal)?
}

/// Like [`run`], for work that takes connections itself in several steps (so that a slow
/// password hash between two steps holds no connection).
pub async fn run_with_pool<T, F>(pool: &Pool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&Pool) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || work(&pool))
        .await
        .map_err(ApiError::internal)?
}

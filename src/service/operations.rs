//! What the people running the service watch: the depths of the queues every process shares.

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::metrics::QueueDepths;
use crate::store;

pub fn queue_depths(conn: &mut DbConnection) -> ApiResult<QueueDepths> {
    Ok(QueueDepths {
        mail_waiting: store::outbox::waiting(conn)?,
        webhooks_waiting: store::webhooks::waiting(conn)?,
    })
}

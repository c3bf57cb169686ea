//! The only module that knows there are two database backends: the connection enum, the pool,
//! the embedded migrations and the few places where SQLite and PostgreSQL must differ.

pub mod backup;
pub mod full_text;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::config::DatabaseUrl;

const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// A connection to either backend; queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl DbConnection {
    pub fn backend(&self) -> Backend {
        match self {
            Self::Postgresql(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Opens connections for the pool, choosing the backend by the URL, never by trial.
#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }
}

/// SQLite settings for every pooled connection. `busy_timeout` comes first so that switching to
/// WAL waits for a concurrent opener instead of failing with "database is locked".
/// `secure_delete` overwrites what is deleted, so an erased account leaves nothing in the file's
/// free pages for a reader of a copy.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA secure_delete = ON;";

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    r2d2::Error::ConnectionError(ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not valid UTF-8".into(),
                    ))
                })?;
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        <DbConnection as Connection>::TransactionManager::is_broken_transaction_manager(conn)
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

/// Builds the pool and checks that one connection can be opened, so a wrong URL fails at start-up.
pub fn connect(url: &DatabaseUrl, size: u32) -> Result<Pool, String> {
    if let DatabaseUrl::Sqlite(path) = url
        && let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", dir.display()))?;
    }
    let manager = ConnectionManager::new(url.clone());
    let mut probe = manager.connect().map_err(|e| e.to_string())?;
    manager.is_valid(&mut probe).map_err(|e| e.to_string())?;
    drop(probe);
    r2d2::Pool::builder()
        .max_size(size)
        // No connection is opened in the background: a command that ends while a pool thread is
        // still opening one races OpenSSL's exit clean-up and can crash on PostgreSQL.
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(10))
        .build(manager)
        .map_err(|e| e.to_string())
}

/// Moves what was just written from SQLite's write-ahead log into the database file and empties
/// the log, whose older frames would still hold what was erased. Best effort: while a reader
/// holds an old snapshot the log stays, and is emptied at a later checkpoint. PostgreSQL keeps
/// old row versions until autovacuum reuses their space; nothing here can hurry that.
pub fn checkpoint_erasure(conn: &mut DbConnection) {
    if let DbConnection::Sqlite(c) = conn
        && let Err(error) = c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")
    {
        tracing::warn!(%error, "the write-ahead log was not emptied after an erasure");
    }
}

/// Applies every pending migration of the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, String> {
    let applied = match conn {
        DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    };
    applied
        .map(|versions| versions.len())
        .map_err(|e| e.to_string())
}

/// True when the database has every migration this binary knows.
pub fn migrations_complete(conn: &mut DbConnection) -> Result<bool, String> {
    let pending = match conn {
        DbConnection::Postgresql(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
    };
    pending.map(|p| !p).map_err(|e| e.to_string())
}

static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `work` in a transaction that holds the write lock from its first statement.
///
/// On SQLite this is `BEGIN IMMEDIATE`, so a check-then-insert cannot interleave with another
/// writer; on PostgreSQL it is a plain transaction and callers lock the rows they check.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    // SQLite admits one writer at a time. Queueing writers here, instead of letting them spin
    // in SQLite's busy handler (which sleeps up to 100 ms between tries), keeps the tail
    // latency of concurrent writes low.
    let _writer = matches!(conn, DbConnection::Sqlite(_)).then(|| {
        SQLITE_WRITER
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    });
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    match work(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Holds a lock named by `key` until the transaction ends, so that check-then-insert work on
/// something without a row of its own (a rate-limit bucket) runs one at a time per key. On
/// PostgreSQL a transaction-scoped advisory lock; on SQLite the immediate transaction already
/// excludes every other writer.
pub fn lock_key(conn: &mut DbConnection, key: &str) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(key)
            .execute(pg)?;
    }
    Ok(())
}

/// Takes a shared lock on one row until the transaction ends: on PostgreSQL `FOR SHARE`, so
/// that many writers may hold it at once while a writer that changes the row waits for all of
/// them. On SQLite the immediate transaction already excludes every other writer.
pub fn lock_row_shared(
    conn: &mut DbConnection,
    table: &'static str,
    id: i64,
) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    if let DbConnection::Postgresql(pg) = conn {
        diesel::sql_query(format!("SELECT 1 FROM {table} WHERE id = $1 FOR SHARE"))
            .bind::<diesel::sql_types::BigInt, _>(id)
            .execute(pg)?;
    }
    Ok(())
}

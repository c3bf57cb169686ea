//! Backups and restores of the whole database, with each backend's own consistent tool:
//! SQLite's `VACUUM INTO` (a consistent copy while the service runs) and PostgreSQL's
//! `pg_dump` / `pg_restore` in their custom format. A backup holds the sealed ballots; the key
//! that opens them (`PSEUDONYM_SECRET`) is not in it and is kept apart.

use std::path::Path;
use std::process::Command;

use diesel::RunQueryDsl;

use crate::config::DatabaseUrl;
use crate::db::{self, DbConnection};

const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// Writes a backup of the database to `target`, which must not exist yet.
pub fn backup(database: &DatabaseUrl, target: &Path) -> Result<(), String> {
    if target.exists() {
        return Err(format!(
            "{} exists already; choose a new file",
            target.display()
        ));
    }
    match database {
        DatabaseUrl::Sqlite(_) => {
            let pool = db::connect(database, 1).map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            vacuum_into(&mut conn, target)
        }
        DatabaseUrl::Postgres(url) => run_tool(
            Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(target)
                .arg(url),
            "pg_dump",
        ),
    }
}

fn vacuum_into(conn: &mut DbConnection, target: &Path) -> Result<(), String> {
    let path = target
        .to_str()
        .ok_or("the backup's path must be valid UTF-8")?;
    diesel::sql_query(format!("VACUUM INTO '{}'", path.replace('\'', "''")))
        .execute(conn)
        .map_err(|e| format!("VACUUM INTO failed: {e}"))?;
    Ok(())
}

/// Restores a backup into the configured database. SQLite: the database file must not exist
/// (move it away first); PostgreSQL: the database is emptied and filled in one transaction.
pub fn restore(database: &DatabaseUrl, source: &Path) -> Result<(), String> {
    match database {
        DatabaseUrl::Sqlite(path) => {
            let bytes = std::fs::read(source)
                .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
            if !bytes.starts_with(SQLITE_HEADER) {
                return Err(format!("{} is not a SQLite backup", source.display()));
            }
            if path.exists() {
                return Err(format!(
                    "{} exists; stop the service and move it away before restoring",
                    path.display()
                ));
            }
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        DatabaseUrl::Postgres(url) => run_tool(
            Command::new("pg_restore")
                .args([
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--dbname",
                ])
                .arg(url)
                .arg(source),
            "pg_restore",
        ),
    }
}

fn run_tool(command: &mut Command, name: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| {
        format!(
            "cannot run {name} ({e}); install the PostgreSQL client tools of the server's version"
        )
    })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{name} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

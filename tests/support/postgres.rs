//! A PostgreSQL database of its own for one test run, dropped again when it ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::{Connection, RunQueryDsl, pg::PgConnection};

pub struct TemporaryPostgresDatabase {
    server_url: String,
    name: String,
}

impl Drop for TemporaryPostgresDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.server_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

/// Replaces the database name of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

/// Local test databases need no TLS; without it no OpenSSL state is left for the exit handlers
/// to tear down while pool threads still run.
fn without_tls(url: &str) -> String {
    if url.contains("sslmode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

pub fn create_postgres_database(server_url: &str) -> (String, TemporaryPostgresDatabase) {
    let server_url = &without_tls(server_url);
    let name = format!("wijkbudget_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::establish(server_url)
        .unwrap_or_else(|e| panic!("TEST_DATABASE_URL: cannot connect: {e}"));
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut conn)
        .expect("create test database");
    (
        with_database(server_url, &name),
        TemporaryPostgresDatabase {
            server_url: server_url.to_string(),
            name,
        },
    )
}

//! Full-text search, where the two backends differ most: SQLite's FTS5 over stems the server
//! computes, PostgreSQL's `tsvector` with its dutch, french and english configurations. Both
//! take accent-folded text and answer with the same hits, best first.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

use super::DbConnection;
use crate::domain::locale::Locale;
use crate::domain::search::{alternatives, fold, stems};

/// A text to index: a proposal's (title, summary and body) or a comment's, in one language.
pub struct Entry<'a> {
    pub kind: &'a str,
    pub subject_id: i64,
    pub proposal_id: i64,
    pub language: Locale,
    pub title: &'a str,
    pub body: &'a str,
}

/// A text that matches, and how well (higher is better).
#[derive(QueryableByName, Debug, Clone, PartialEq)]
pub struct Found {
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = BigInt)]
    pub subject_id: i64,
    #[diesel(sql_type = BigInt)]
    pub proposal_id: i64,
    #[diesel(sql_type = Text)]
    pub language: String,
    #[diesel(sql_type = Double)]
    pub score: f64,
}

fn configuration(language: Locale) -> &'static str {
    match language {
        Locale::Nl => "dutch",
        Locale::Fr => "french",
        Locale::En => "english",
    }
}

const REGCONFIG: &str = "CAST(CASE language WHEN 'nl' THEN 'dutch' WHEN 'fr' THEN 'french' ELSE 'english' END AS regconfig)";

/// Indexes a text, replacing what was indexed for it in that language.
pub fn put(conn: &mut DbConnection, entry: &Entry<'_>) -> QueryResult<()> {
    forget_language(conn, entry.kind, entry.subject_id, Some(entry.language))?;
    let language = entry.language.as_str();
    match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "INSERT INTO search_index (title, body, kind, subject_id, proposal_id, language) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind::<Text, _>(stems(entry.title, entry.language))
        .bind::<Text, _>(stems(entry.body, entry.language))
        .bind::<Text, _>(entry.kind)
        .bind::<BigInt, _>(entry.subject_id)
        .bind::<BigInt, _>(entry.proposal_id)
        .bind::<Text, _>(language)
        .execute(c)
        .map(drop),
        DbConnection::Postgresql(c) => diesel::sql_query(
            "INSERT INTO search_index (kind, subject_id, proposal_id, language, document) \
             VALUES ($1, $2, $3, $4, \
             setweight(to_tsvector(CAST($5 AS regconfig), $6), 'A') || \
             setweight(to_tsvector(CAST($5 AS regconfig), $7), 'B'))",
        )
        .bind::<Text, _>(entry.kind)
        .bind::<BigInt, _>(entry.subject_id)
        .bind::<BigInt, _>(entry.proposal_id)
        .bind::<Text, _>(language)
        .bind::<Text, _>(configuration(entry.language))
        .bind::<Text, _>(fold(entry.title))
        .bind::<Text, _>(fold(entry.body))
        .execute(c)
        .map(drop),
    }
}

/// Removes a text from the index: in one language, or in all.
pub fn forget_language(
    conn: &mut DbConnection,
    kind: &str,
    subject_id: i64,
    language: Option<Locale>,
) -> QueryResult<()> {
    let languages: Vec<&str> = match language {
        Some(one) => vec![one.as_str()],
        None => Locale::ALL.iter().map(|l| l.as_str()).collect(),
    };
    for language in languages {
        match conn {
            DbConnection::Sqlite(c) => diesel::sql_query(
                "DELETE FROM search_index WHERE kind = ? AND subject_id = ? AND language = ?",
            )
            .bind::<Text, _>(kind)
            .bind::<BigInt, _>(subject_id)
            .bind::<Text, _>(language)
            .execute(c)?,
            DbConnection::Postgresql(c) => diesel::sql_query(
                "DELETE FROM search_index WHERE kind = $1 AND subject_id = $2 AND language = $3",
            )
            .bind::<Text, _>(kind)
            .bind::<BigInt, _>(subject_id)
            .bind::<Text, _>(language)
            .execute(c)?,
        };
    }
    Ok(())
}

/// The ids of the texts of a kind that are indexed.
pub fn indexed(conn: &mut DbConnection, kind: &str) -> QueryResult<Vec<i64>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = BigInt)]
        subject_id: i64,
    }
    let ids: Vec<Id> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT DISTINCT CAST(subject_id AS INTEGER) AS subject_id FROM search_index WHERE kind = ?",
        )
        .bind::<Text, _>(kind)
        .load(c)?,
        DbConnection::Postgresql(c) => {
            diesel::sql_query("SELECT DISTINCT subject_id FROM search_index WHERE kind = $1")
                .bind::<Text, _>(kind)
                .load(c)?
        }
    };
    Ok(ids.into_iter().map(|i| i.subject_id).collect())
}

/// The texts where every word of the query occurs (in any of its forms), best first; a title
/// counts more than a body.
pub fn find(conn: &mut DbConnection, query: &str, limit: i64) -> QueryResult<Vec<Found>> {
    let words = alternatives(query);
    if words.is_empty() {
        return Ok(vec![]);
    }
    match conn {
        DbConnection::Sqlite(c) => {
            let expression = words
                .iter()
                .map(|forms| {
                    let quoted: Vec<String> = forms.iter().map(|f| format!("\"{f}\"")).collect();
                    format!("({})", quoted.join(" OR "))
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            diesel::sql_query(
                "SELECT kind, CAST(subject_id AS INTEGER) AS subject_id, \
                 CAST(proposal_id AS INTEGER) AS proposal_id, language, \
                 -bm25(search_index, 4.0, 1.0) AS score \
                 FROM search_index WHERE search_index MATCH ? \
                 ORDER BY score DESC, subject_id LIMIT ?",
            )
            .bind::<Text, _>(expression)
            .bind::<BigInt, _>(limit)
            .load(c)
        }
        DbConnection::Postgresql(c) => {
            let folded = words
                .iter()
                .map(|forms| forms[0].clone())
                .collect::<Vec<_>>()
                .join(" ");
            diesel::sql_query(format!(
                "SELECT kind, subject_id, proposal_id, language, \
                 CAST(ts_rank(document, plainto_tsquery({REGCONFIG}, $1)) AS DOUBLE PRECISION) AS score \
                 FROM search_index WHERE document @@ plainto_tsquery({REGCONFIG}, $1) \
                 ORDER BY score DESC, subject_id LIMIT $2"
            ))
            .bind::<Text, _>(folded)
            .bind::<BigInt, _>(limit)
            .load(c)
        }
    }
}

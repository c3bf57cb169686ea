//! Ballot secrecy against a reader of the database: whoever holds a copy of it (a backup, a
//! replica, a DBA's query) and knows the order in which people voted must not learn who cast
//! which ballot.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde_json::json;
use wijkbudget::db::DbConnection;

use crate::helpers::spawn_app_with;
use crate::voting::{round, voting_edition};

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    text: String,
}

/// Loads rows of one text column through whichever backend the test runs on.
fn texts(conn: &mut DbConnection, sql: &str) -> Vec<String> {
    match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(sql).load::<Row>(c),
        DbConnection::Postgresql(c) => diesel::sql_query(sql).load::<Row>(c),
    }
    .unwrap()
    .into_iter()
    .map(|r| r.text)
    .collect()
}

fn row_counts(conn: &mut DbConnection) -> BTreeMap<String, i64> {
    let tables: Vec<String> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .load::<Name>(c),
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
        )
        .load::<Name>(c),
    }
    .unwrap()
    .into_iter()
    .map(|t| t.name)
    .collect();
    tables
        .into_iter()
        .map(|table| {
            let sql = format!("SELECT COUNT(*) AS n FROM {table}");
            let n = match conn {
                DbConnection::Sqlite(c) => diesel::sql_query(&sql).get_result::<Count>(c),
                DbConnection::Postgresql(c) => diesel::sql_query(&sql).get_result::<Count>(c),
            }
            .unwrap()
            .n;
            (table, n)
        })
        .collect()
}

/// The VOTES section of a pabulib export as (choices, receipt).
fn exported_votes(pb: &str) -> Vec<(BTreeSet<i64>, String)> {
    let section = pb.split("VOTES\n").nth(1).unwrap();
    section
        .lines()
        .skip(1)
        .take_while(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(';').collect();
            let choices = fields[1]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            (choices, fields[fields.len() - 1].to_string())
        })
        .collect()
}

#[tokio::test]
async fn a_copy_of_the_database_does_not_tell_who_cast_which_ballot() {
    const VOTERS: usize = 24;
    // Residents register from their own addresses, as they would in a real vote.
    let app = spawn_app_with(|c| c.trust_forwarded_for = true).await;
    let v = voting_edition(&app, VOTERS, &[100_000; 6]).await;
    let r = round(&app, &v, json!({})).await;
    // Every voter's choice is unique, so a link between a voter and a published ballot would show.
    let choice_of = |voter: usize| -> BTreeSet<i64> {
        (0..6)
            .filter(|bit| (voter + 1) >> bit & 1 == 1)
            .map(|bit| v.projects[bit])
            .collect()
    };
    // Seal the audit log's head now, so the background job has nothing to add while voting.
    wijkbudget::service::audit::checkpoint(&mut app.db(), &app.config.pseudonym_secret).unwrap();
    let before = row_counts(&mut app.db());
    for (n, voter) in v.voters.iter().enumerate() {
        let cast = app
            .put(
                &format!("/api/v1/rounds/{r}/ballot"),
                &json!({"project_ids": choice_of(n)}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    let after = row_counts(&mut app.db());
    let grown: Vec<&String> = after
        .iter()
        .filter(|(table, n)| before.get(*table) != Some(n))
        .map(|(table, _)| table)
        .collect();
    assert_eq!(
        grown,
        ["ballots"],
        "casting a ballot writes nothing but the ballot"
    );

    let mut conn = app.db();
    let in_physical_order = match &mut *conn {
        DbConnection::Sqlite(_) => texts(
            &mut conn,
            &format!("SELECT sealed AS text FROM ballots WHERE round_id = {r} ORDER BY rowid"),
        ),
        DbConnection::Postgresql(_) => {
            let ballot_transactions = texts(
                &mut conn,
                &format!("SELECT xmin::text AS text FROM ballots WHERE round_id = {r}"),
            );
            for table in after.keys().filter(|t| *t != "ballots") {
                let shared = texts(
                    &mut conn,
                    &format!(
                        "SELECT xmin::text AS text FROM {table} \
                         WHERE xmin::text IN (SELECT xmin::text FROM ballots)"
                    ),
                );
                assert!(
                    shared.is_empty(),
                    "{table} has rows written in a ballot's transaction"
                );
            }
            assert_eq!(ballot_transactions.len(), VOTERS);
            texts(
                &mut conn,
                &format!(
                    "SELECT sealed AS text FROM ballots WHERE round_id = {r} \
                     ORDER BY (xmin::text)::bigint, ctid"
                ),
            )
        }
    };
    drop(conn);
    assert_eq!(in_physical_order.len(), VOTERS);
    for (n, sealed) in in_physical_order.iter().enumerate() {
        let ids: Vec<String> = choice_of(n).iter().map(i64::to_string).collect();
        assert!(
            !sealed.contains(&format!("[{}]", ids.join(","))),
            "a stored ballot shows its choices: {sealed}"
        );
    }

    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&v.admin.token),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    let export = app
        .get(&format!("/api/v1/rounds/{r}/export.pb"), None)
        .await;
    assert_eq!(export.status, 200, "{}", export.text);
    let published = exported_votes(&export.text);
    assert_eq!(published.len(), VOTERS);
    for (_, receipt) in &published {
        assert!(
            in_physical_order
                .iter()
                .all(|s| !s.contains(receipt.as_str())),
            "a receipt in the database bridges a row to its published ballot"
        );
    }
    // The best a reader can do: the n-th voter's row is the n-th row, and the published ballots
    // come in receipt order, so guess the n-th published ballot. By chance about one guess in
    // the whole round is right (the fixed points of a random order); six or more happen by
    // chance less than once in ten thousand runs.
    let right_guesses = (0..VOTERS)
        .filter(|&n| published[n].0 == choice_of(n))
        .count();
    assert!(
        right_guesses <= 5,
        "{right_guesses} of {VOTERS} voters linked to their ballot by order"
    );
}

//! HTTP integration tests: each starts the real server on a random port with a fresh database
//! (SQLite by default; PostgreSQL when TEST_DATABASE_URL is set).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod api_clients;
mod attachments;
mod audit;
mod authorization;
mod backup;
mod caching;
mod comments;
mod console;
mod console_books;
mod console_work;
mod corrections;
mod council_finance;
mod editions;
mod examples;
mod foundation;
mod helpers;
mod idempotency;
mod identity;
mod languages;
mod limits;
mod lists;
mod mail;
mod notifications;
mod open_data;
mod operations;
mod outcome_rules;
mod personal_data;
#[path = "../support/postgres.rs"]
mod postgres;
mod proposals;
mod screens;
mod search;
mod secrecy;
mod site;
mod site_community;
mod tally_cli;
mod translations;
mod voting;
mod webhooks;

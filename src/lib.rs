//! wijkbudget: participatory neighbourhood budgeting as a REST API.
//!
//! Data flows one way: `api` (HTTP) → `service` (use cases) → `domain`/`tally` (pure rules) and
//! `store` (SQL) → `db` (the two backends).

#[macro_use]
pub mod i18n;

pub mod api;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv;
pub mod db;
pub mod domain;
pub mod error;
pub mod mail;
pub mod metrics;
pub mod service;
pub mod startup;
pub mod state;
pub mod storage;
pub mod store;
pub mod telemetry;
pub mod web;

/// The outcome engine, its own crate (`crates/wijkbudget-tally`): no web, no database.
pub use wijkbudget_tally as tally;

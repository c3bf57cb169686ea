//! Cursor pagination: `?limit=` (default 20, at most 100) and an opaque `cursor`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult};

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageQuery {
    pub fn limit(&self) -> ApiResult<i64> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::invalid(
                "limit",
                t!("number-between", min = 1, max = MAX_LIMIT),
            )),
        }
    }

    /// The position after which the page starts.
    pub fn after(&self) -> ApiResult<Option<String>> {
        self.cursor
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(|c| {
                URL_SAFE_NO_PAD
                    .decode(c)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .ok_or_else(|| {
                        ApiError::invalid_coded(
                            "cursor",
                            "cursor",
                            t!("is-not-a-cursor-from-this-api"),
                        )
                    })
            })
            .transpose()
    }

    pub fn after_id(&self) -> ApiResult<Option<i64>> {
        self.after()?
            .map(|s| {
                s.parse::<i64>().map_err(|_| {
                    ApiError::invalid_coded("cursor", "cursor", t!("is-not-a-cursor-from-this-api"))
                })
            })
            .transpose()
    }
}

pub fn encode_cursor(position: &str) -> String {
    URL_SAFE_NO_PAD.encode(position)
}

/// One page of a list.
#[derive(Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit` items keyed by `position`.
    pub fn from_items(items: Vec<T>, limit: i64, position: impl Fn(&T) -> String) -> Self {
        let next_cursor = (items.len() as i64 == limit)
            .then(|| items.last().map(|last| encode_cursor(&position(last))))
            .flatten();
        Self { items, next_cursor }
    }
}

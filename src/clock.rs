//! The current time, in UTC, at the precision both databases keep (microseconds), so a value
//! read back equals the value written (the audit chain hashes timestamps).

use chrono::{NaiveDateTime, SubsecRound, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

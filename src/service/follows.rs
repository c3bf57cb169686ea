//! What a resident follows: a proposal, an area or an edition. Followers hear of what happens
//! to a proposal (its changes, comments and work) and, for an area or an edition, to every
//! proposal in it and to its rounds, as their notification preferences say.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::service::{areas, editions, proposals::read};
use crate::store;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Proposal,
    Area,
    Edition,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Proposal => "proposal",
            Subject::Area => "area",
            Subject::Edition => "edition",
        }
    }

    fn parse(stored: &str) -> Option<Self> {
        [Subject::Proposal, Subject::Area, Subject::Edition]
            .into_iter()
            .find(|s| s.as_str() == stored)
    }
}

/// Something followed.
#[derive(Serialize, ToSchema, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Followed {
    pub subject: Subject,
    pub id: i64,
}

/// The subject must exist and be visible to the caller (a 404 otherwise).
fn check_exists(
    conn: &mut DbConnection,
    caller: &Caller,
    subject: Subject,
    id: i64,
) -> ApiResult<()> {
    match subject {
        Subject::Proposal => read::get(conn, id, Some(caller)).map(drop),
        Subject::Area => areas::get(conn, id).map(drop),
        Subject::Edition => editions::get(conn, id).map(drop),
    }
}

/// Follows a subject; following it again changes nothing.
pub fn follow(
    conn: &mut DbConnection,
    caller: &Caller,
    subject: Subject,
    id: i64,
) -> ApiResult<()> {
    check_exists(conn, caller, subject, id)?;
    store::follows::add(
        conn,
        caller.id(),
        (subject.as_str(), id),
        crate::clock::now(),
    )?;
    Ok(())
}

/// Stops following; not following it already changes nothing.
pub fn unfollow(
    conn: &mut DbConnection,
    caller: &Caller,
    subject: Subject,
    id: i64,
) -> ApiResult<()> {
    store::follows::remove(conn, caller.id(), (subject.as_str(), id))?;
    Ok(())
}

pub fn list(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<Followed>> {
    Ok(store::follows::of_user(conn, caller.id())?
        .into_iter()
        .filter_map(|(subject, id)| {
            Some(Followed {
                subject: Subject::parse(&subject)?,
                id,
            })
        })
        .collect())
}

/// Whether the caller follows this subject.
pub fn follows(
    conn: &mut DbConnection,
    caller: &Caller,
    subject: Subject,
    id: i64,
) -> ApiResult<bool> {
    Ok(list(conn, caller)?.contains(&Followed { subject, id }))
}

/// Who follows any of these subjects (once each, in the order found).
pub fn followers_of(conn: &mut DbConnection, subjects: &[(Subject, i64)]) -> ApiResult<Vec<i64>> {
    let mut all = Vec::new();
    for (subject, id) in subjects {
        for follower in store::follows::followers(conn, (subject.as_str(), *id))? {
            if !all.contains(&follower) {
                all.push(follower);
            }
        }
    }
    Ok(all)
}

/// Who follows a proposal, its area or its edition.
pub fn followers_of_proposal(
    conn: &mut DbConnection,
    p: &store::proposals::Proposal,
) -> ApiResult<Vec<i64>> {
    let mut subjects = vec![(Subject::Proposal, p.id), (Subject::Edition, p.edition_id)];
    subjects.extend(p.area_id.map(|area| (Subject::Area, area)));
    followers_of(conn, &subjects)
}

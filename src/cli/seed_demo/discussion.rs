//! The demo city's discussion: residents and the city talking under a proposal.

use super::{Demo, Staff, URL};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::service::{accounts, comments};

/// Two neighbours talk about the first idea, and the green department answers for the city.
pub(super) fn discuss(
    conn: &mut DbConnection,
    demo: &Demo,
    staff: &Staff,
    proposal_id: i64,
) -> ApiResult<()> {
    let neighbour = accounts::caller_of_user(conn, demo.residents[0][1])?;
    let question = comments::add(
        conn,
        &neighbour,
        proposal_id,
        comments::NewComment {
            body: "Kan er ook een bank in de **schaduw** komen?".into(),
            parent_id: None,
            milestone_id: None,
            official: false,
        },
        URL,
    )?;
    let other = accounts::caller_of_user(conn, demo.residents[0][2])?;
    comments::add(
        conn,
        &other,
        proposal_id,
        comments::NewComment {
            body: "Goed idee, onder de lindeboom.".into(),
            parent_id: Some(question.id),
            milestone_id: None,
            official: false,
        },
        URL,
    )?;
    comments::add(
        conn,
        staff.reviewer.caller(),
        proposal_id,
        comments::NewComment {
            body: "De groendienst bekijkt de plaatsen in de schaduw bij de beoordeling.".into(),
            parent_id: None,
            milestone_id: None,
            official: true,
        },
        URL,
    )?;
    Ok(())
}

//! Full-text search over proposals and the discussions under them, in their languages, ranked
//! and with highlighted snippets. Every write of a proposal's text or a comment indexes it in
//! the same transaction; a server started on data written before the index existed indexes what
//! is missing once.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::DbConnection;
use crate::db::full_text::{self, Entry};
use crate::domain::locale::Locale;
use crate::domain::search::{alternatives, snippet};
use crate::error::{ApiError, ApiResult};
use crate::service::proposals::{check_visible, is_moderator};
use crate::store;
use crate::store::comments::Comment;
use crate::store::proposals::Proposal;

const PROPOSAL: &str = "proposal";
const COMMENT: &str = "comment";
/// The longest query, in characters.
pub const MAX_QUERY: usize = 200;
/// Words around the first match in a snippet.
const SNIPPET_WORDS: usize = 30;

/// What was found: a proposal, or a comment under one.
#[derive(Serialize, ToSchema, Clone, Debug)]
pub struct SearchHit {
    /// `proposal` or `comment`.
    pub kind: String,
    pub proposal_id: i64,
    /// Set for a comment.
    pub comment_id: Option<i64>,
    /// The proposal's title.
    pub title: String,
    /// The language of the text that matched.
    pub language: Locale,
    /// A piece of the text around the first match, as HTML: escaped, with the words found in
    /// `<mark>`.
    pub snippet: String,
    /// How well it matches, higher is better; only comparable within one answer.
    pub score: f64,
}

/// Indexes a proposal's text (title, summary and body) in the language it was written in.
pub fn index_proposal(conn: &mut DbConnection, p: &Proposal) -> ApiResult<()> {
    let body = format!("{}\n{}", p.summary, p.body);
    index_text(conn, (p.id, p.language), &p.title, &body)
}

/// Indexes one language version of a proposal's text: its own, or a translation.
pub fn index_text(
    conn: &mut DbConnection,
    (proposal_id, language): (i64, Locale),
    title: &str,
    body: &str,
) -> ApiResult<()> {
    full_text::put(
        conn,
        &Entry {
            kind: PROPOSAL,
            subject_id: proposal_id,
            proposal_id,
            language,
            title,
            body,
        },
    )?;
    Ok(())
}

/// Indexes a comment, or takes it out of the index once removed or hidden.
pub fn index_comment(conn: &mut DbConnection, c: &Comment) -> ApiResult<()> {
    if c.removed_at.is_some() || c.hidden {
        full_text::forget_language(conn, COMMENT, c.id, None)?;
        return Ok(());
    }
    // A comment is taken to be in its proposal's language.
    let language = store::proposals::find(conn, c.proposal_id)?
        .map(|p| p.language)
        .unwrap_or_default();
    full_text::put(
        conn,
        &Entry {
            kind: COMMENT,
            subject_id: c.id,
            proposal_id: c.proposal_id,
            language,
            title: "",
            body: &c.body,
        },
    )?;
    Ok(())
}

/// Indexes the proposals and comments the index does not hold yet; returns how many.
pub fn index_missing(conn: &mut DbConnection) -> ApiResult<usize> {
    let mut indexed = 0;
    let proposals_done = full_text::indexed(conn, PROPOSAL)?;
    for id in store::proposals::all_ids(conn)? {
        if !proposals_done.contains(&id)
            && let Some(p) = store::proposals::find(conn, id)?
        {
            index_proposal(conn, &p)?;
            indexed += 1;
        }
    }
    let comments_done = full_text::indexed(conn, COMMENT)?;
    for id in store::comments::all_ids(conn)? {
        if !comments_done.contains(&id)
            && let Some(c) = store::comments::find(conn, id)?
            && c.removed_at.is_none()
            && !c.hidden
        {
            index_comment(conn, &c)?;
            indexed += 1;
        }
    }
    Ok(indexed)
}

/// The query, checked: 1 to 200 characters with at least one word.
fn checked(query: &str) -> ApiResult<&str> {
    let query = query.trim();
    if query.chars().count() > MAX_QUERY {
        return Err(ApiError::invalid(
            "q",
            t!("must-be-at-most-characters-long", max_chars = MAX_QUERY),
        ));
    }
    if alternatives(query).is_empty() {
        return Err(ApiError::invalid("q", t!("search-needs-a-word")));
    }
    Ok(query)
}

/// Who may see a hit: its proposal visible to the caller, a comment neither removed nor hidden.
fn visible(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    proposal: &Proposal,
    comment: Option<&Comment>,
) -> bool {
    check_visible(conn, proposal, caller).is_ok()
        && comment.is_none_or(|c| {
            c.removed_at.is_none()
                && (!c.hidden || caller.is_some_and(|v| is_moderator(proposal, v)))
        })
}

/// Where to look: an edition, an area.
#[derive(Default, Clone, Copy)]
pub struct Within {
    pub edition_id: Option<i64>,
    pub area_id: Option<i64>,
}

/// The proposals and comments that match, best first, that the caller may see.
pub fn search(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    query: &str,
    within: Within,
    limit: i64,
) -> ApiResult<Vec<SearchHit>> {
    let query = checked(query)?;
    let words = alternatives(query);
    let mut hits = Vec::new();
    // Read more than asked: some hits are out of scope or not the caller's to see.
    for found in full_text::find(conn, query, limit.saturating_mul(5).max(50))? {
        if hits.len() as i64 >= limit {
            break;
        }
        let Some(p) = store::proposals::find(conn, found.proposal_id)? else {
            continue;
        };
        if within.edition_id.is_some_and(|e| e != p.edition_id)
            || within.area_id.is_some_and(|a| Some(a) != p.area_id)
        {
            continue;
        }
        let comment = if found.kind == COMMENT {
            store::comments::find(conn, found.subject_id)?
        } else {
            None
        };
        if (found.kind == COMMENT && comment.is_none())
            || !visible(conn, caller, &p, comment.as_ref())
        {
            continue;
        }
        let text = match &comment {
            Some(c) => c.body.clone(),
            None => format!("{} {}", p.summary, p.body),
        };
        hits.push(SearchHit {
            kind: found.kind.clone(),
            proposal_id: p.id,
            comment_id: comment.as_ref().map(|c| c.id),
            snippet: snippet(&text, &words, SNIPPET_WORDS),
            title: p.title.clone(),
            language: Locale::parse(&found.language).unwrap_or_default(),
            score: found.score,
        });
    }
    Ok(hits)
}

/// The proposals whose text or discussion matches, for the proposal list's `q` filter; its
/// other filters and its order apply to them.
pub fn matching_proposals(conn: &mut DbConnection, query: &str) -> ApiResult<Vec<i64>> {
    let query = checked(query)?;
    let mut ids = Vec::new();
    for found in full_text::find(conn, query, 1000)? {
        if !ids.contains(&found.proposal_id) {
            ids.push(found.proposal_id);
        }
    }
    Ok(ids)
}

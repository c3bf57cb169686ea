//! The read model of a proposal, per caller: what each reader may see of it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::domain::markdown;
use crate::domain::proposal::ProposalState;
use crate::domain::role::Role;
use crate::domain::translation::Translatable;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult};
use crate::service::proposals::{check_visible, is_author, is_moderator};
pub use crate::store::proposal_search::{Relation, SHUFFLE_MODULUS, Sort};
pub use crate::store::proposals::Proposal;
use crate::store::{self, proposal_search::ProposalFilter};

#[derive(Serialize, Deserialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct CostLine {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub description: String,
    pub amount_cents: i64,
}

#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
}

/// Someone named on a proposal.
#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: i64,
    /// Empty for a former resident, who erased their account.
    pub display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryEntry {
    pub from: Option<String>,
    pub to: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema, Clone)]
pub struct ReviewView {
    pub department: String,
    /// `feasible` or `infeasible`, once decided.
    pub verdict: Option<String>,
    pub public_explanation: Option<String>,
    /// The cost used on the ballot.
    pub reviewed_cost_cents: Option<i64>,
    /// The department's breakdown of the reviewed cost (empty when it gave none).
    pub reviewed_cost_lines: Vec<CostLine>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Who gave the verdict.
    pub reviewer_name: Option<String>,
    /// Only for reviewers and administrators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalView {
    pub id: i64,
    pub edition_id: i64,
    /// Absent for a city-wide proposal.
    pub area_id: Option<i64>,
    pub author_id: i64,
    /// Empty for a former resident, who erased their account.
    pub author_name: String,
    pub coauthor_ids: Vec<i64>,
    /// The co-authors with the names residents see.
    pub coauthors: Vec<Person>,
    pub title: String,
    pub summary: String,
    /// The body as sanitised HTML.
    pub body_html: String,
    /// The language of `title`, `summary` and `body_html`: the first language of the request's
    /// `Accept-Language` the proposal exists in, else `original_language`.
    pub language: Locale,
    /// The language it was written in; `body` is always the original.
    pub original_language: Locale,
    /// Every language it can be read in, the original first.
    pub languages: Vec<Locale>,
    /// The Markdown source of the original, for the authors only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub cost_lines: Vec<CostLine>,
    pub location: Option<Location>,
    pub state: ProposalState,
    pub hidden: bool,
    /// Why it is hidden; for the authors and moderators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_reason: Option<String>,
    pub merged_into_id: Option<i64>,
    pub support_count: i64,
    /// Whether the caller co-signed it.
    pub supported_by_me: bool,
    /// The latest verdict (and the assignment before there is one).
    pub review: Option<ReviewView>,
    /// Every verdict before the latest, oldest first: a second review never erases the first.
    pub earlier_reviews: Vec<ReviewView>,
    pub version: i32,
    /// Every state change with its date and reason.
    pub history: Vec<HistoryEntry>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The proposal as this caller may see it: the Markdown source only for its authors, the
/// hidden reason for its authors and moderators, internal review notes for reviewers.
pub fn view(
    conn: &mut DbConnection,
    p: Proposal,
    caller: Option<&Caller>,
) -> ApiResult<ProposalView> {
    let author = caller
        .map(|c| is_author(conn, &p, c))
        .transpose()?
        .unwrap_or(false);
    let moderator = caller.is_some_and(|c| is_moderator(&p, c));
    let reviewer = caller.is_some_and(|c| c.is_admin() || c.has(Role::Reviewer));
    let author_name = store::users::find(conn, p.author_id)?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let name_of = |conn: &mut DbConnection, id: Option<i64>| -> ApiResult<Option<String>> {
        Ok(match id {
            Some(id) => store::users::find(conn, id)?.map(|u| u.display_name),
            None => None,
        })
    };
    let cost_lines_of = |conn: &mut DbConnection, verdict_id: i64| -> ApiResult<Vec<CostLine>> {
        Ok(store::proposals::verdict_cost_lines(conn, verdict_id)?
            .into_iter()
            .map(|(description, amount_cents)| CostLine {
                description,
                amount_cents,
            })
            .collect())
    };
    let mut verdicts = store::proposals::verdicts(conn, p.id)?;
    let review = match store::proposals::review(conn, p.id)? {
        Some(r) => {
            let latest = verdicts.last().filter(|_| r.verdict.is_some());
            Some(ReviewView {
                reviewer_name: name_of(conn, r.reviewer_id)?,
                department: r.department,
                verdict: r.verdict.map(|v| v.as_str().to_string()),
                public_explanation: r.public_explanation,
                reviewed_cost_cents: r.reviewed_cost_cents,
                reviewed_cost_lines: match latest {
                    Some(v) => cost_lines_of(conn, v.id)?,
                    None => Vec::new(),
                },
                reviewed_at: r.reviewed_at.map(|t| t.and_utc()),
                internal_notes: if reviewer { r.internal_notes } else { None },
            })
        }
        None => None,
    };
    let mut earlier_reviews = Vec::new();
    if review.as_ref().is_some_and(|r| r.verdict.is_some()) {
        verdicts.pop();
    }
    for v in verdicts {
        earlier_reviews.push(ReviewView {
            reviewer_name: name_of(conn, Some(v.reviewer_id))?,
            reviewed_cost_lines: cost_lines_of(conn, v.id)?,
            department: v.department,
            verdict: Some(v.verdict.as_str().to_string()),
            public_explanation: Some(v.public_explanation),
            reviewed_cost_cents: v.reviewed_cost_cents,
            reviewed_at: Some(v.reviewed_at.and_utc()),
            internal_notes: if reviewer { v.internal_notes } else { None },
        });
    }
    let supported_by_me = match caller {
        Some(c) => store::proposals::has_support(conn, p.id, c.id())?,
        None => false,
    };
    let coauthor_ids = store::proposals::coauthors(conn, p.id)?;
    let history = store::proposals::events(conn, p.id)?
        .into_iter()
        .map(|e| HistoryEntry {
            from: e.from_state.map(|s| s.as_str().to_string()),
            to: e.to_state.as_str().to_string(),
            reason: e.reason,
            at: e.created_at.and_utc(),
        })
        .collect();
    Ok(ProposalView {
        id: p.id,
        edition_id: p.edition_id,
        area_id: p.area_id,
        author_id: p.author_id,
        author_name,
        coauthors: coauthor_ids
            .iter()
            .map(|&id| {
                Ok(Person {
                    id,
                    display_name: store::users::find(conn, id)?
                        .map(|u| u.display_name)
                        .unwrap_or_default(),
                })
            })
            .collect::<ApiResult<_>>()?,
        coauthor_ids,
        body_html: markdown::render(&p.body),
        body: author.then(|| p.body.clone()),
        language: p.language,
        original_language: p.language,
        languages: crate::service::translations::version_for(
            conn,
            (Translatable::Proposal, p.id, p.language),
            &[],
        )?
        .1,
        cost_lines: store::proposals::cost_lines(conn, p.id)?
            .into_iter()
            .map(|(description, amount_cents)| CostLine {
                description,
                amount_cents,
            })
            .collect(),
        location: location(p.latitude_e6, p.longitude_e6),
        state: p.state,
        hidden: p.hidden,
        hidden_reason: if author || moderator {
            p.hidden_reason.clone()
        } else {
            None
        },
        supported_by_me,
        review,
        earlier_reviews,
        history,
        submitted_at: p.submitted_at.map(|t| t.and_utc()),
        created_at: p.created_at.and_utc(),
        updated_at: p.updated_at.and_utc(),
        title: p.title,
        summary: p.summary,
        category: p.category,
        estimated_cost_cents: p.estimated_cost_cents,
        merged_into_id: p.merged_into_id,
        support_count: p.support_count,
        version: p.version,
    })
}

/// A proposal by id in the reader's language (`wanted`, most wanted first), if this caller
/// may see it.
pub fn get_in(
    conn: &mut DbConnection,
    id: i64,
    caller: Option<&Caller>,
    wanted: &[Locale],
) -> ApiResult<ProposalView> {
    let mut shown = get(conn, id, caller)?;
    if let Some(p) = store::proposals::find(conn, id)? {
        let texts = crate::service::translations::proposal_texts(conn, &p, wanted)?;
        shown.language = texts.language;
        shown.languages = texts.languages;
        shown.title = texts.title;
        shown.summary = texts.summary;
        shown.body_html = texts.body_html;
    }
    Ok(shown)
}

/// Listed proposals in the reader's language: each title and summary, and the language they
/// are in.
pub fn in_language(
    conn: &mut DbConnection,
    listed: &mut [Listed],
    wanted: &[Locale],
) -> ApiResult<()> {
    for item in listed.iter_mut() {
        let texts = crate::service::translations::proposal_texts(conn, &item.proposal, wanted)?;
        item.proposal.title = texts.title;
        item.proposal.summary = texts.summary;
        item.language = texts.language;
    }
    Ok(())
}

/// A proposal by id, if this caller may see it.
pub fn get(conn: &mut DbConnection, id: i64, caller: Option<&Caller>) -> ApiResult<ProposalView> {
    let p =
        store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    check_visible(conn, &p, caller)?;
    view(conn, p, caller)
}

/// A proposal as it was before an edit replaced it.
#[derive(Serialize, ToSchema)]
pub struct ProposalVersion {
    pub version: i32,
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    /// The body as sanitised HTML.
    pub body_html: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub cost_lines: Vec<CostLine>,
    pub location: Option<Location>,
    /// Who made the edit that replaced this version.
    pub edited_by: i64,
    pub edited_by_name: String,
    pub replaced_at: DateTime<Utc>,
}

/// Earlier versions of a proposal this caller may see, oldest first.
pub fn versions(
    conn: &mut DbConnection,
    id: i64,
    caller: Option<&Caller>,
) -> ApiResult<Vec<ProposalVersion>> {
    let p =
        store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    check_visible(conn, &p, caller)?;
    store::proposals::versions(conn, id)?
        .into_iter()
        .map(|(version, snapshot, edited_by, at)| {
            let stored: super::drafts::StoredSnapshot =
                serde_json::from_str(&snapshot).map_err(ApiError::internal)?;
            let c = stored.content;
            Ok(ProposalVersion {
                version,
                area_id: c.area_id,
                title: c.title,
                summary: c.summary,
                body_html: markdown::render(&c.body),
                category: c.category,
                estimated_cost_cents: c.estimated_cost_cents,
                cost_lines: stored
                    .cost_lines
                    .into_iter()
                    .map(|(description, amount_cents)| CostLine {
                        description,
                        amount_cents,
                    })
                    .collect(),
                location: location(c.latitude_e6, c.longitude_e6),
                edited_by,
                edited_by_name: store::users::find(conn, edited_by)?
                    .map(|u| u.display_name)
                    .unwrap_or_default(),
                replaced_at: at.and_utc(),
            })
        })
        .collect()
}

fn location(latitude_e6: Option<i64>, longitude_e6: Option<i64>) -> Option<Location> {
    latitude_e6.zip(longitude_e6).map(|(lat, lon)| Location {
        latitude: lat as f64 / 1e6,
        longitude: lon as f64 / 1e6,
    })
}

/// What a list of proposals asks for.
pub struct ProposalQuery<'a> {
    pub edition_id: i64,
    pub area_id: Option<i64>,
    pub citywide_only: bool,
    pub category: Option<&'a str>,
    /// Any of these states; all when empty.
    pub states: &'a [ProposalState],
    pub author_id: Option<i64>,
    pub updated_since: Option<chrono::NaiveDateTime>,
    /// Words to find in the proposal or its discussion (full-text search).
    pub text: Option<&'a str>,
    pub sort: Sort,
    /// Position after which the page starts: (sort key, id).
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

/// One page of an edition's proposals. Drafts and hidden proposals appear only for who may
/// see them: administrators, the area workers of the area searched, and their own authors.
pub fn list(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    search: &ProposalQuery<'_>,
) -> ApiResult<Vec<Listed>> {
    store::editions::find(conn, search.edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    let include_hidden =
        caller.is_some_and(|c| c.is_admin() || search.area_id.is_some_and(|a| c.works_in_area(a)));
    let found = match search.text {
        Some(text) => Some(crate::service::search::matching_proposals(conn, text)?),
        None => None,
    };
    let page = store::proposal_search::list(
        conn,
        &ProposalFilter {
            edition_id: search.edition_id,
            area_id: search.area_id,
            citywide_only: search.citywide_only,
            category: search.category,
            states: search.states,
            author_id: search.author_id,
            updated_since: search.updated_since,
            only_ids: found.as_deref(),
            include_hidden,
            viewer_id: caller.map(Caller::id),
            sort: search.sort,
            after: search.after,
            limit: search.limit,
        },
    )?;
    listed(conn, page, caller)
}

/// A proposal as a list shows it: with its author's name, whether the caller co-signed it and
/// the reviewed cost.
pub struct Listed {
    pub proposal: Proposal,
    pub author_name: String,
    pub supported_by_me: bool,
    pub reviewed_cost_cents: Option<i64>,
    /// For a proposal with milestones: how far it is carried out, 0 to 100 (the mean of its
    /// milestones' progress).
    pub progress_pct: Option<i32>,
    /// The language of the title and summary (see `in_language`).
    pub language: Locale,
}

pub fn listed(
    conn: &mut DbConnection,
    page: Vec<Proposal>,
    caller: Option<&Caller>,
) -> ApiResult<Vec<Listed>> {
    let details = store::proposal_search::list_details(conn, &page, caller.map(Caller::id))?;
    Ok(page
        .into_iter()
        .map(|proposal| Listed {
            author_name: details
                .author_names
                .get(&proposal.author_id)
                .cloned()
                .unwrap_or_default(),
            supported_by_me: details.supported.contains(&proposal.id),
            reviewed_cost_cents: details.reviewed_costs.get(&proposal.id).copied(),
            progress_pct: details
                .milestone_progress
                .get(&proposal.id)
                .filter(|all| !all.is_empty())
                .map(|all| all.iter().sum::<i32>() / all.len() as i32),
            language: proposal.language,
            proposal,
        })
        .collect())
}

/// The sort key a cursor carries for a proposal.
pub fn sort_key(sort: Sort, p: &Proposal) -> i64 {
    match sort {
        Sort::Newest => p.id,
        Sort::MostSupported => p.support_count,
        Sort::Cost => p.estimated_cost_cents,
        Sort::Shuffled { seed } => store::proposal_search::shuffle_key(p.id, seed),
    }
}

/// The caller's own proposals (drafts included) or those they co-signed, across editions.
pub fn of_caller(
    conn: &mut DbConnection,
    caller: &Caller,
    relation: Relation,
    before_id: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<Listed>> {
    let page = store::proposal_search::of_user(conn, caller.id(), relation, before_id, limit)?;
    listed(conn, page, Some(caller))
}

/// What a copy of the public lists must drop: the proposals hidden, merged or withdrawn since
/// a time (a proposal shown again comes back through the lists' `updated_since`).
pub fn removed_since(
    conn: &mut DbConnection,
    since: chrono::NaiveDateTime,
    after: Option<(chrono::NaiveDateTime, i64)>,
    limit: i64,
) -> ApiResult<Vec<Proposal>> {
    Ok(store::proposal_search::removed_since(
        conn, since, after, limit,
    )?)
}

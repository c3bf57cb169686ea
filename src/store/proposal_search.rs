//! One page of an edition's proposals: filters, orders (one of them shuffled) and keyset cursors.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::proposal::ProposalState;
use crate::store::proposals::Proposal;
use crate::store::schema::proposals;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Newest,
    MostSupported,
    Cost,
    /// A shuffled order that stays the same for the same seed, so that paging works and no
    /// proposal is always on top.
    Shuffled {
        seed: i64,
    },
}

/// The largest seed of [`Sort::Shuffled`] (a prime; seeds are 0 to it, exclusive).
pub const SHUFFLE_MODULUS: i64 = 2_147_483_647;

/// The position of a proposal in the shuffled order of `seed`; the same as [`shuffled`] computes
/// in SQL, so that a cursor made here finds its place there. Two multiplications modulo a prime
/// with a shift-xor between them: a linear map alone would keep neighbouring ids at evenly spaced
/// places. Every intermediate value stays below 2^48, so neither database overflows.
pub fn shuffle_key(id: i64, seed: i64) -> i64 {
    let xor_shift = |x: i64, by: u32| (x | (x >> by)) - (x & (x >> by));
    let first = xor_shift(
        ((id % SHUFFLE_MODULUS) * 48_271 + seed) % SHUFFLE_MODULUS,
        11,
    );
    xor_shift((first * 16_807 + 12_345) % SHUFFLE_MODULUS, 7)
}

fn shuffled(seed: i64) -> diesel::expression::SqlLiteral<diesel::sql_types::BigInt> {
    // XOR spelt with | and & because SQLite has no XOR operator; `seed` is a checked integer.
    let first = format!(
        "(((proposals.id % {m}) * 48271 + {seed}) % {m})",
        m = SHUFFLE_MODULUS
    );
    let first = format!("(({first} | ({first} >> 11)) - ({first} & ({first} >> 11)))");
    let second = format!("((({first}) * 16807 + 12345) % {SHUFFLE_MODULUS})");
    diesel::dsl::sql(&format!(
        "(({second} | ({second} >> 7)) - ({second} & ({second} >> 7)))"
    ))
}

pub struct ProposalFilter<'a> {
    pub edition_id: i64,
    pub area_id: Option<i64>,
    pub citywide_only: bool,
    pub category: Option<&'a str>,
    /// Any of these states; all when empty.
    pub states: &'a [ProposalState],
    pub author_id: Option<i64>,
    /// Changed at or after this time (for keeping a copy in step).
    pub updated_since: Option<NaiveDateTime>,
    /// Only these proposals (those a full-text search found).
    pub only_ids: Option<&'a [i64]>,
    /// Drafts and hidden proposals are left out unless the caller may see them.
    pub include_hidden: bool,
    /// Also the caller's own drafts and hidden proposals.
    pub viewer_id: Option<i64>,
    pub sort: Sort,
    /// Position after which the page starts: (sort key, id).
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, filter: &ProposalFilter<'_>) -> QueryResult<Vec<Proposal>> {
    let mut query = proposals::table
        .filter(proposals::edition_id.eq(filter.edition_id))
        .select(Proposal::as_select())
        .into_boxed();
    if let Some(area) = filter.area_id {
        query = query.filter(proposals::area_id.eq(area));
    }
    if filter.citywide_only {
        query = query.filter(proposals::area_id.is_null());
    }
    if let Some(category) = filter.category {
        query = query.filter(proposals::category.eq(category));
    }
    if !filter.states.is_empty() {
        query = query.filter(proposals::state.eq_any(filter.states.to_vec()));
    }
    if let Some(author) = filter.author_id {
        query = query.filter(proposals::author_id.eq(author));
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(proposals::updated_at.ge(since));
    }
    if let Some(ids) = filter.only_ids {
        query = query.filter(proposals::id.eq_any(ids.to_vec()));
    }
    let viewer = filter.viewer_id.unwrap_or(-1);
    if !filter.include_hidden {
        query = query.filter(
            proposals::hidden
                .eq(false)
                .and(proposals::state.ne("draft"))
                .or(proposals::author_id.eq(viewer)),
        );
    } else {
        query = query.filter(
            proposals::state
                .ne("draft")
                .or(proposals::author_id.eq(viewer)),
        );
    }
    query = match (filter.sort, filter.after) {
        (Sort::Newest, Some((_, id))) => query.filter(proposals::id.lt(id)),
        (Sort::MostSupported, Some((count, id))) => query.filter(
            proposals::support_count
                .lt(count)
                .or(proposals::support_count.eq(count).and(proposals::id.gt(id))),
        ),
        (Sort::Cost, Some((cost, id))) => query.filter(
            proposals::estimated_cost_cents
                .gt(cost)
                .or(proposals::estimated_cost_cents
                    .eq(cost)
                    .and(proposals::id.gt(id))),
        ),
        (Sort::Shuffled { seed }, Some((key, id))) => query.filter(
            shuffled(seed)
                .gt(key)
                .or(shuffled(seed).eq(key).and(proposals::id.gt(id))),
        ),
        (_, None) => query,
    };
    query = match filter.sort {
        Sort::Shuffled { seed } => query.order((shuffled(seed).asc(), proposals::id.asc())),
        Sort::Newest => query.order(proposals::id.desc()),
        Sort::MostSupported => query.order((proposals::support_count.desc(), proposals::id.asc())),
        Sort::Cost => query.order((proposals::estimated_cost_cents.asc(), proposals::id.asc())),
    };
    query.limit(filter.limit).load(conn)
}

/// What a list shows beside each proposal, read for a whole page at once.
pub struct ListDetails {
    pub author_names: std::collections::HashMap<i64, String>,
    pub supported: std::collections::HashSet<i64>,
    pub reviewed_costs: std::collections::HashMap<i64, i64>,
    /// The progress (0 to 100) of each milestone of a proposal being carried out.
    pub milestone_progress: std::collections::HashMap<i64, Vec<i32>>,
}

pub fn list_details(
    conn: &mut DbConnection,
    page: &[Proposal],
    viewer_id: Option<i64>,
) -> QueryResult<ListDetails> {
    use crate::store::schema::{milestones, reviews, supports, users};
    let ids: Vec<i64> = page.iter().map(|p| p.id).collect();
    let authors: Vec<i64> = page.iter().map(|p| p.author_id).collect();
    let author_names = users::table
        .filter(users::id.eq_any(authors))
        .select((users::id, users::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let supported = match viewer_id {
        Some(viewer) => supports::table
            .filter(supports::user_id.eq(viewer))
            .filter(supports::proposal_id.eq_any(&ids))
            .select(supports::proposal_id)
            .load::<i64>(conn)?
            .into_iter()
            .collect(),
        None => Default::default(),
    };
    let reviewed_costs = reviews::table
        .filter(reviews::proposal_id.eq_any(&ids))
        .filter(reviews::reviewed_cost_cents.is_not_null())
        .select((reviews::proposal_id, reviews::reviewed_cost_cents))
        .load::<(i64, Option<i64>)>(conn)?
        .into_iter()
        .filter_map(|(id, cost)| Some((id, cost?)))
        .collect();
    let mut milestone_progress: std::collections::HashMap<i64, Vec<i32>> = Default::default();
    for (proposal, progress) in milestones::table
        .filter(milestones::proposal_id.eq_any(&ids))
        .order(milestones::id)
        .select((milestones::proposal_id, milestones::progress_pct))
        .load::<(i64, i32)>(conn)?
    {
        milestone_progress
            .entry(proposal)
            .or_default()
            .push(progress);
    }
    Ok(ListDetails {
        author_names,
        supported,
        reviewed_costs,
        milestone_progress,
    })
}

/// Whose proposals a personal list shows.
#[derive(Clone, Copy, Debug)]
pub enum Relation {
    /// Written or co-written by the user, drafts included.
    Wrote,
    /// Co-signed by the user.
    Supported,
    /// Either: everything on the user's own page in one list.
    WroteOrSupported,
}

/// The proposals of every edition that stand in `relation` to `user_id`, newest first.
pub fn of_user(
    conn: &mut DbConnection,
    user_id: i64,
    relation: Relation,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Proposal>> {
    use crate::store::schema::{proposal_coauthors, supports};
    let wrote = || {
        proposals::author_id.eq(user_id).or(proposals::id.eq_any(
            proposal_coauthors::table
                .filter(proposal_coauthors::user_id.eq(user_id))
                .select(proposal_coauthors::proposal_id),
        ))
    };
    let supported = || {
        proposals::id.eq_any(
            supports::table
                .filter(supports::user_id.eq(user_id))
                .select(supports::proposal_id),
        )
    };
    let mut query = proposals::table.select(Proposal::as_select()).into_boxed();
    query = match relation {
        Relation::Wrote => query.filter(wrote()),
        Relation::Supported => query.filter(supported()),
        Relation::WroteOrSupported => query.filter(wrote().or(supported())),
    };
    if let Some(before) = before_id {
        query = query.filter(proposals::id.lt(before));
    }
    query.order(proposals::id.desc()).limit(limit).load(conn)
}

/// Proposals that left the public lists (hidden, merged into another, or withdrawn) and were
/// changed at or after `since`, oldest change first; `after` is the (change, id) of the last
/// one already read.
pub fn removed_since(
    conn: &mut DbConnection,
    since: NaiveDateTime,
    after: Option<(NaiveDateTime, i64)>,
    limit: i64,
) -> QueryResult<Vec<Proposal>> {
    let mut query = proposals::table
        .filter(proposals::updated_at.ge(since))
        .filter(
            proposals::hidden
                .eq(true)
                .or(proposals::merged_into_id.is_not_null())
                .or(proposals::state.eq(ProposalState::Withdrawn)),
        )
        .select(Proposal::as_select())
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            proposals::updated_at
                .gt(at)
                .or(proposals::updated_at.eq(at).and(proposals::id.gt(id))),
        );
    }
    query
        .order((proposals::updated_at.asc(), proposals::id.asc()))
        .limit(limit)
        .load(conn)
}

/// Proposals assigned for review and not yet reviewed, in the given departments (all when
/// `None`), oldest assignment first; `after` is the (assigned_at, id) of the last one read.
pub fn waiting_for_review(
    conn: &mut DbConnection,
    departments: Option<&[String]>,
    after: Option<(NaiveDateTime, i64)>,
    limit: i64,
) -> QueryResult<Vec<(Proposal, crate::store::proposals::Review)>> {
    use crate::store::proposals::Review;
    use crate::store::schema::reviews;
    let mut query = proposals::table
        .inner_join(reviews::table)
        .filter(reviews::verdict.is_null())
        .select((Proposal::as_select(), Review::as_select()))
        .into_boxed();
    if let Some(departments) = departments {
        query = query.filter(reviews::department.eq_any(departments.to_vec()));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            reviews::assigned_at
                .gt(at)
                .or(reviews::assigned_at.eq(at).and(proposals::id.gt(id))),
        );
    }
    query
        .order((reviews::assigned_at.asc(), proposals::id.asc()))
        .limit(limit)
        .load(conn)
}

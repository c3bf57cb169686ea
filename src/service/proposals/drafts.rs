//! Writing a proposal: drafts, their checks, edits with versions, submitting and withdrawing.

use super::*;
use crate::domain::locale::Locale;

/// What an author writes.
#[derive(Clone, Debug)]
pub struct Draft {
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub cost_lines: Vec<(String, i64)>,
    pub location: Option<(f64, f64)>,
    pub coauthor_ids: Vec<i64>,
    /// The language it is written in; the author's own language when not said.
    pub language: Option<Locale>,
}

/// Checks a draft against the edition and the area; returns the stored form.
pub(super) fn check_draft(
    conn: &mut DbConnection,
    edition: &Edition,
    author: &Caller,
    draft: &Draft,
) -> ApiResult<ProposalContent> {
    let mut errors = proposal::check_texts(&draft.title, &draft.summary, &draft.body);
    errors.extend(proposal::check_costs(
        &proposal::ESTIMATED_COST,
        draft.estimated_cost_cents,
        &draft.cost_lines,
    ));
    let categories = store::editions::categories(conn, edition.id)?;
    if let Some(category) = &draft.category
        && !categories.iter().any(|c| &c.code == category)
    {
        errors.push(FieldError::new(
            "category",
            t!("is-not-a-category-of-this-edition"),
        ));
    }
    let location = match draft.location {
        None => None,
        Some((lat, lon)) => match proposal::check_location(lat, lon) {
            Ok(l) => Some(l),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    check_coauthors(conn, author, &draft.coauthor_ids, &mut errors)?;
    if let Some(area_id) = draft.area_id {
        check_area(conn, edition, area_id, location, &mut errors)?;
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    Ok(ProposalContent {
        area_id: draft.area_id,
        title: draft.title.trim().to_string(),
        summary: draft.summary.trim().to_string(),
        body: draft.body.clone(),
        category: draft.category.clone(),
        estimated_cost_cents: draft.estimated_cost_cents,
        latitude_e6: location.map(|l| l.0),
        longitude_e6: location.map(|l| l.1),
        language: draft.language.unwrap_or(author.user.locale),
    })
}

/// Co-authors must exist, be someone else than the author, and be few.
fn check_coauthors(
    conn: &mut DbConnection,
    author: &Caller,
    coauthor_ids: &[i64],
    errors: &mut Vec<FieldError>,
) -> ApiResult<()> {
    if coauthor_ids.len() > MAX_COAUTHORS {
        errors.push(FieldError::new(
            "coauthor_ids",
            t!("at-most-co-authors", max_coauthors = MAX_COAUTHORS),
        ));
    }
    for (i, id) in coauthor_ids.iter().enumerate() {
        if *id == author.id() {
            errors.push(FieldError::new(
                format!("coauthor_ids[{i}]"),
                t!("the-author-is-not-a-co-author"),
            ));
        } else if store::users::find(conn, *id)?.is_none() {
            errors.push(FieldError::new(
                format!("coauthor_ids[{i}]"),
                t!("no-such-user"),
            ));
        }
    }
    Ok(())
}

/// The area must take part in the edition, and a location must lie inside its outline.
fn check_area(
    conn: &mut DbConnection,
    edition: &Edition,
    area_id: i64,
    location: Option<(i64, i64)>,
    errors: &mut Vec<FieldError>,
) -> ApiResult<()> {
    let participating = store::editions::area_ids(conn, edition.id)?;
    match store::areas::find(conn, area_id)? {
        Some(area) if participating.contains(&area_id) => {
            if let (Some(geometry), Some((lat, lon))) = (&area.geometry, location) {
                let outline = serde_json::from_str(geometry)
                    .ok()
                    .and_then(|g| Outline::parse(&g).ok());
                if outline.is_some_and(|o| !o.contains(lon as f64 / 1e6, lat as f64 / 1e6)) {
                    errors.push(FieldError::new(
                        "latitude",
                        t!("the-location-lies-outside-the-area"),
                    ));
                }
            }
        }
        _ => errors.push(FieldError::new(
            "area_id",
            t!("is-not-an-area-of-this-edition"),
        )),
    }
    Ok(())
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
    draft: Draft,
) -> ApiResult<Proposal> {
    check_resident(caller, draft.area_id, "write")?;
    db::write_transaction(conn, |conn| {
        let edition = load_edition(conn, edition_id)?;
        if edition.phase > Phase::Ideas {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                t!(
                    "ideas-phase-over",
                    phase = t!("phase", name = edition.phase.as_str())
                ),
            ));
        }
        let content = check_draft(conn, &edition, caller, &draft)?;
        let now = crate::clock::now();
        let created = store::proposals::insert(conn, edition_id, caller.id(), &content, now)?;
        crate::service::search::index_proposal(conn, &created)?;
        store::proposals::set_cost_lines(conn, created.id, &draft.cost_lines)?;
        store::proposals::set_coauthors(conn, created.id, &draft.coauthor_ids)?;
        store::proposals::add_event(
            conn,
            created.id,
            None,
            ProposalState::Draft,
            None,
            Some(caller.id()),
            now,
        )?;
        Ok(created)
    })
}

#[derive(Serialize)]
pub(super) struct Snapshot<'a> {
    content: &'a ProposalContentView,
    cost_lines: &'a [(String, i64)],
}

/// A version as stored: what `Snapshot` wrote.
#[derive(serde::Deserialize)]
pub(super) struct StoredSnapshot {
    pub content: ProposalContentView,
    pub cost_lines: Vec<(String, i64)>,
}

#[derive(Serialize, serde::Deserialize)]
pub(super) struct ProposalContentView {
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
}

pub(super) fn snapshot(p: &Proposal, lines: &[(String, i64)]) -> String {
    let content = ProposalContentView {
        area_id: p.area_id,
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
        category: p.category.clone(),
        estimated_cost_cents: p.estimated_cost_cents,
        latitude_e6: p.latitude_e6,
        longitude_e6: p.longitude_e6,
    };
    serde_json::to_string(&Snapshot {
        content: &content,
        cost_lines: lines,
    })
    .unwrap_or_default()
}

/// A change to a proposal: absent fields stay as they are.
#[derive(Default)]
pub struct DraftChange {
    pub area_id: Option<Option<i64>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub category: Option<Option<String>>,
    pub estimated_cost_cents: Option<i64>,
    pub cost_lines: Option<Vec<(String, i64)>>,
    pub location: Option<Option<(f64, f64)>>,
    pub coauthor_ids: Option<Vec<i64>>,
    pub language: Option<Locale>,
    /// The version the change was made on (`If-Match`); refused when it is no longer current.
    pub read_version: Option<chrono::NaiveDateTime>,
}

/// Authors change drafts and submitted proposals until the support phase starts. After
/// submission every change keeps the previous text as a version.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    change: DraftChange,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let current = load_for_update(conn, id)?;
        crate::service::versions::check_unchanged(current.updated_at, change.read_version)?;
        let draft = Draft {
            area_id: change.area_id.unwrap_or(current.area_id),
            title: change
                .title
                .clone()
                .unwrap_or_else(|| current.title.clone()),
            summary: change
                .summary
                .clone()
                .unwrap_or_else(|| current.summary.clone()),
            body: change.body.clone().unwrap_or_else(|| current.body.clone()),
            category: change
                .category
                .clone()
                .unwrap_or_else(|| current.category.clone()),
            estimated_cost_cents: change
                .estimated_cost_cents
                .unwrap_or(current.estimated_cost_cents),
            cost_lines: match &change.cost_lines {
                Some(lines) => lines.clone(),
                None => store::proposals::cost_lines(conn, id)?,
            },
            location: change.location.unwrap_or_else(|| {
                current
                    .latitude_e6
                    .zip(current.longitude_e6)
                    .map(|(lat, lon)| (lat as f64 / 1e6, lon as f64 / 1e6))
            }),
            coauthor_ids: match &change.coauthor_ids {
                Some(ids) => ids.clone(),
                None => store::proposals::coauthors(conn, id)?,
            },
            language: Some(change.language.unwrap_or(current.language)),
        };
        check_visible(conn, &current, Some(caller))?;
        if !is_author(conn, &current, caller)? {
            return Err(ApiError::forbidden(t!(
                "only-the-authors-can-change-a-proposal"
            )));
        }
        let state = current.state;
        if !matches!(state, ProposalState::Draft | ProposalState::Submitted) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "a-proposal-cannot-be-changed",
                    state = t!("proposal-state", name = current.state.as_str())
                ),
            ));
        }
        let edition = load_edition(conn, current.edition_id)?;
        if edition.phase > Phase::Ideas {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                t!("proposals-can-be-changed-until-the-support"),
            ));
        }
        if draft.area_id != current.area_id {
            check_resident(caller, draft.area_id, "move")?;
        }
        let content = check_draft(conn, &edition, caller, &draft)?;
        let now = crate::clock::now();
        let mut version = current.version;
        if state == ProposalState::Submitted {
            let lines = store::proposals::cost_lines(conn, id)?;
            store::proposals::add_version(
                conn,
                id,
                current.version,
                &snapshot(&current, &lines),
                caller.id(),
                now,
            )?;
            version += 1;
        }
        store::proposals::update_content(conn, id, &content, version, now)?;
        if let Some(changed) = store::proposals::find(conn, id)? {
            crate::service::search::index_proposal(conn, &changed)?;
        }
        store::proposals::set_cost_lines(conn, id, &draft.cost_lines)?;
        store::proposals::set_coauthors(conn, id, &draft.coauthor_ids)?;
        load(conn, id)
    })
}

/// Submits a draft in the ideas phase, checking the edition's rules.
pub fn submit(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    public_url: &str,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        if !is_author(conn, &p, caller)? {
            return Err(ApiError::forbidden(t!(
                "only-the-authors-can-submit-a-proposal"
            )));
        }
        check_resident(caller, p.area_id, "submit")?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Ideas {
            return Err(phase_closed("submit", Phase::Ideas, &edition));
        }
        if !p.state.can_move_to(ProposalState::Submitted) {
            return Err(illegal_move(&p, ProposalState::Submitted));
        }
        let mut errors = Vec::new();
        if p.estimated_cost_cents < edition.min_cost_cents {
            errors.push(FieldError::new(
                "estimated_cost_cents",
                t!(
                    "must-be-at-least-cents-in-this",
                    min_cost_cents = edition.min_cost_cents
                ),
            ));
        }
        if let Some(max) = edition.max_cost_cents
            && p.estimated_cost_cents > max
        {
            errors.push(FieldError::new(
                "estimated_cost_cents",
                t!("must-be-at-most-cents-in-this", max = max),
            ));
        }
        let categories = store::editions::categories(conn, edition.id)?;
        if !categories.is_empty() && p.category.is_none() {
            errors.push(FieldError::new(
                "category",
                t!("choose-one-of-the-edition-s-categories"),
            ));
        }
        if let Some(max) = edition.max_proposals_per_resident
            && store::proposals::submitted_count_by_author(conn, edition.id, p.author_id)?
                >= max as i64
        {
            errors.push(FieldError::new(
                "max_proposals_per_resident",
                t!("a-resident-can-submit-at-most-proposals", max = max),
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        store::proposals::mark_submitted(conn, id, crate::clock::now())?;
        record(
            conn,
            &p,
            Some(ProposalState::Draft),
            ProposalState::Submitted,
            None,
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
    })
}

/// An author withdraws a proposal that is not on a ballot yet.
pub fn withdraw(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    reason: Option<&str>,
    public_url: &str,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        if !is_author(conn, &p, caller)? {
            return Err(ApiError::forbidden(t!(
                "only-the-authors-can-withdraw-a-proposal"
            )));
        }
        if !p.state.can_move_to(ProposalState::Withdrawn) {
            return Err(illegal_move(&p, ProposalState::Withdrawn));
        }
        store::proposals::set_state(conn, id, ProposalState::Withdrawn, crate::clock::now())?;
        record(
            conn,
            &p,
            Some(p.state),
            ProposalState::Withdrawn,
            reason.map(|r| t!("as-written", text = r)),
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
    })
}

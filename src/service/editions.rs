//! Editions: the money rules, the participating areas, categories, the schedule and the phases
//! (the envelopes computed from them are in `service::envelopes`).

use chrono::NaiveDateTime;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::envelope::Allocation;
use crate::domain::phase::{self, Phase, PhaseChangeError};
use crate::domain::proposal::ProposalState;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::i18n::Text;
use crate::service::rounds::{self, Turnout};
use crate::store::{
    self,
    audit::AuditEvent,
    editions::{Edition, EditionFields, Envelope},
};

pub const MAX_ALPHA_PPM: i64 = 100_000_000;

/// The schedule shown to residents: when each phase is planned to start.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    pub ideas: Option<NaiveDateTime>,
    pub support: Option<NaiveDateTime>,
    pub review: Option<NaiveDateTime>,
    pub voting: Option<NaiveDateTime>,
    pub decision: Option<NaiveDateTime>,
    pub implementation: Option<NaiveDateTime>,
    pub closed: Option<NaiveDateTime>,
}

/// Everything an administrator may set; `None` keeps the current value on update.
#[derive(Default)]
pub struct EditionInput {
    /// The version the change was made on (`If-Match`); refused when it is no longer current.
    pub read_version: Option<NaiveDateTime>,
    pub name: Option<String>,
    pub fiscal_year: Option<i32>,
    pub base_cents: Option<i64>,
    pub reserved_bp: Option<i32>,
    pub citywide_bp: Option<i32>,
    pub allocation: Option<Allocation>,
    pub alpha: Option<f64>,
    pub floor_cents: Option<i64>,
    pub area_ids: Option<Vec<i64>>,
    pub categories: Option<Vec<(String, String)>>,
    pub min_cost_cents: Option<i64>,
    pub max_cost_cents: Option<Option<i64>>,
    pub support_threshold: Option<i32>,
    pub max_proposals_per_resident: Option<Option<i32>>,
    pub report_threshold: Option<Option<i32>>,
    pub min_votes: Option<Option<i32>>,
    pub schedule: Option<Schedule>,
}

impl EditionInput {
    fn touches_money(&self) -> bool {
        self.base_cents.is_some()
            || self.reserved_bp.is_some()
            || self.citywide_bp.is_some()
            || self.allocation.is_some()
            || self.alpha.is_some()
            || self.floor_cents.is_some()
            || self.area_ids.is_some()
    }
}

/// An edition with its areas and categories.
pub struct EditionDetail {
    pub edition: Edition,
    pub area_ids: Vec<i64>,
    pub categories: Vec<(String, String)>,
}

fn blank_fields() -> EditionFields {
    EditionFields {
        name: String::new(),
        fiscal_year: 0,
        base_cents: 0,
        reserved_bp: 0,
        citywide_bp: 0,
        allocation: Allocation::Equal,
        alpha_ppm: 0,
        floor_cents: 0,
        min_cost_cents: 0,
        max_cost_cents: None,
        support_threshold: 0,
        max_proposals_per_resident: None,
        report_threshold: None,
        min_votes: None,
        ideas_at: None,
        support_at: None,
        review_at: None,
        voting_at: None,
        decision_at: None,
        implementation_at: None,
        closed_at: None,
    }
}

/// Applies the input over `fields`, checking every value; all problems are named at once.
fn apply(
    fields: &mut EditionFields,
    input: &EditionInput,
    creating: bool,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut required = |present: bool, name: &str| {
        if creating && !present {
            errors.push(FieldError::new(name, t!("is-required")));
        }
    };
    required(input.name.is_some(), "name");
    required(input.fiscal_year.is_some(), "fiscal_year");
    required(input.base_cents.is_some(), "base_cents");
    required(input.reserved_bp.is_some(), "reserved_bp");
    required(input.allocation.is_some(), "allocation");
    required(input.area_ids.is_some(), "area_ids");
    if let Some(name) = &input.name {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push(FieldError::new(
                "name",
                t!("length-between", min = 1, max = 200),
            ));
        }
        fields.name = name.to_string();
    }
    if let Some(year) = input.fiscal_year {
        check_range(
            &mut errors,
            "fiscal_year",
            year,
            2000..=2200,
            t!("year-between", min = 2000, max = 2200),
        );
        fields.fiscal_year = year;
    }
    if let Some(base) = input.base_cents {
        check_range(
            &mut errors,
            "base_cents",
            base,
            0..=1_000_000_000_000_00,
            t!("cents-between", max = 1_000_000_000_000_00_i64),
        );
        fields.base_cents = base;
    }
    if let Some(bp) = input.reserved_bp {
        check_range(
            &mut errors,
            "reserved_bp",
            bp,
            1..=10_000,
            t!("basis-points-between", min = 1, max = 10_000),
        );
        fields.reserved_bp = bp;
    }
    if let Some(bp) = input.citywide_bp {
        check_range(
            &mut errors,
            "citywide_bp",
            bp,
            0..=10_000,
            t!("basis-points-between", min = 0, max = 10_000),
        );
        fields.citywide_bp = bp;
    }
    if let Some(allocation) = input.allocation {
        fields.allocation = allocation;
    }
    if let Some(alpha) = input.alpha {
        let ppm = (alpha * 1_000_000.0).round();
        if !alpha.is_finite() || alpha < 0.0 || ppm > MAX_ALPHA_PPM as f64 {
            errors.push(FieldError::new(
                "alpha",
                t!("number-between", min = 0, max = 100),
            ));
        } else {
            fields.alpha_ppm = ppm as i64;
        }
    }
    if let Some(floor) = input.floor_cents {
        if floor < 0 {
            errors.push(FieldError::new("floor_cents", t!("must-not-be-negative")));
        }
        fields.floor_cents = floor;
    }
    if let Some(min) = input.min_cost_cents {
        if min < 0 {
            errors.push(FieldError::new(
                "min_cost_cents",
                t!("must-not-be-negative"),
            ));
        }
        fields.min_cost_cents = min;
    }
    if let Some(max) = input.max_cost_cents {
        fields.max_cost_cents = max;
    }
    if let Some(max) = fields.max_cost_cents
        && max < fields.min_cost_cents
    {
        errors.push(FieldError::new(
            "max_cost_cents",
            t!("must-not-be-below-min-cost-cents"),
        ));
    }
    if let Some(threshold) = input.support_threshold {
        if threshold < 0 {
            errors.push(FieldError::new(
                "support_threshold",
                t!("must-not-be-negative"),
            ));
        }
        fields.support_threshold = threshold;
    }
    if let Some(max) = input.max_proposals_per_resident {
        if max.is_some_and(|m| m < 1) {
            errors.push(FieldError::new(
                "max_proposals_per_resident",
                t!("must-be-at-least-1"),
            ));
        }
        fields.max_proposals_per_resident = max;
    }
    if let Some(threshold) = input.report_threshold {
        if threshold.is_some_and(|t| t < 1) {
            errors.push(FieldError::new(
                "report_threshold",
                t!("must-be-at-least-1"),
            ));
        }
        fields.report_threshold = threshold;
    }
    if let Some(min) = input.min_votes {
        if min.is_some_and(|m| m < 1) {
            errors.push(FieldError::new("min_votes", t!("must-be-at-least-1")));
        }
        fields.min_votes = min;
    }
    if let Some(schedule) = &input.schedule {
        set_schedule(fields, schedule, &mut errors);
    }
    if let Some(categories) = &input.categories {
        check_categories(categories, &mut errors);
    }
    if let Some(ids) = &input.area_ids {
        check_area_ids(ids, &mut errors);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_range<T: PartialOrd>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: T,
    allowed: std::ops::RangeInclusive<T>,
    message: Text,
) {
    if !allowed.contains(&value) {
        errors.push(FieldError::new(field, message));
    }
}

/// Sets the planned phase dates; each must not come before the one of an earlier phase.
fn set_schedule(fields: &mut EditionFields, schedule: &Schedule, errors: &mut Vec<FieldError>) {
    fields.ideas_at = schedule.ideas;
    fields.support_at = schedule.support;
    fields.review_at = schedule.review;
    fields.voting_at = schedule.voting;
    fields.decision_at = schedule.decision;
    fields.implementation_at = schedule.implementation;
    fields.closed_at = schedule.closed;
    let dates = [
        ("ideas", schedule.ideas),
        ("support", schedule.support),
        ("review", schedule.review),
        ("voting", schedule.voting),
        ("decision", schedule.decision),
        ("implementation", schedule.implementation),
        ("closed", schedule.closed),
    ];
    let mut previous: Option<(&str, NaiveDateTime)> = None;
    for (name, date) in dates {
        if let Some(date) = date {
            if let Some((before, earlier)) = previous
                && date < earlier
            {
                errors.push(FieldError::new(
                    format!("schedule.{name}"),
                    t!("must-not-be-before-schedule", before = before),
                ));
            }
            previous = Some((name, date));
        }
    }
}

fn check_categories(categories: &[(String, String)], errors: &mut Vec<FieldError>) {
    let mut seen = std::collections::HashSet::new();
    for (i, (code, name)) in categories.iter().enumerate() {
        if crate::domain::area::parse_code(code).is_err() {
            errors.push(FieldError::new(
                format!("categories[{i}].code"),
                t!("must-be-1-to-32-letters-digits"),
            ));
        }
        if name.trim().is_empty() || name.chars().count() > 120 {
            errors.push(FieldError::new(
                format!("categories[{i}].name"),
                t!("length-between", min = 1, max = 120),
            ));
        }
        if !seen.insert(code.as_str()) {
            errors.push(FieldError::new(
                format!("categories[{i}].code"),
                t!("appears-twice"),
            ));
        }
    }
}

fn check_area_ids(ids: &[i64], errors: &mut Vec<FieldError>) {
    if ids.is_empty() {
        errors.push(FieldError::new(
            "area_ids",
            t!("an-edition-needs-at-least-one-area"),
        ));
    }
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    if unique.len() != ids.len() {
        errors.push(FieldError::new("area_ids", t!("lists-an-area-twice")));
    }
}

pub(crate) fn rules_frozen() -> ApiError {
    ApiError::new(
        ErrorCode::RulesFrozen,
        t!("voting-has-started-the-money-rules-of"),
    )
}

fn check_areas_exist(conn: &mut DbConnection, ids: &[i64]) -> ApiResult<()> {
    let found = store::areas::find_many(conn, ids)?;
    if let Some(missing) = ids.iter().find(|id| !found.iter().any(|a| a.id == **id)) {
        return Err(ApiError::invalid(
            "area_ids",
            t!("no-area-with-id", missing = missing),
        ));
    }
    Ok(())
}

fn detail(conn: &mut DbConnection, edition: Edition) -> ApiResult<EditionDetail> {
    let area_ids = store::editions::area_ids(conn, edition.id)?;
    let categories = store::editions::categories(conn, edition.id)?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    Ok(EditionDetail {
        edition,
        area_ids,
        categories,
    })
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    input: EditionInput,
) -> ApiResult<EditionDetail> {
    caller.require_admin()?;
    let mut fields = blank_fields();
    apply(&mut fields, &input, true).map_err(ApiError::invalid_fields)?;
    db::write_transaction(conn, |conn| {
        let area_ids = input.area_ids.clone().unwrap_or_default();
        check_areas_exist(conn, &area_ids)?;
        let edition = store::editions::insert(conn, &fields, crate::clock::now())?;
        store::editions::set_areas(conn, edition.id, &area_ids)?;
        store::editions::set_categories(
            conn,
            edition.id,
            &input.categories.clone().unwrap_or_default(),
        )?;
        crate::service::envelopes::recompute_envelopes(conn, edition.id)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "edition_created",
                entity_type: "edition",
                entity_id: edition.id.to_string(),
                details: serde_json::json!({"name": edition.name, "base_cents": edition.base_cents, "reserved_bp": edition.reserved_bp}),
            },
        )?;
        detail(conn, edition)
    })
}

pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    input: EditionInput,
) -> ApiResult<EditionDetail> {
    caller.require_admin()?;
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        crate::service::versions::check_unchanged(edition.updated_at, input.read_version)?;
        if (input.touches_money() || input.min_votes.is_some()) && edition.rules_frozen_at.is_some()
        {
            return Err(rules_frozen());
        }
        let mut fields = EditionFields::from(&edition);
        apply(&mut fields, &input, false).map_err(ApiError::invalid_fields)?;
        store::editions::update(conn, id, &fields, crate::clock::now())?;
        if let Some(area_ids) = &input.area_ids {
            check_areas_exist(conn, area_ids)?;
            store::editions::set_areas(conn, id, area_ids)?;
        }
        if let Some(categories) = &input.categories {
            store::editions::set_categories(conn, id, categories)?;
        }
        if input.touches_money() {
            crate::service::envelopes::recompute_envelopes(conn, id)?;
            store::audit::append(
                conn,
                AuditEvent {
                    actor_id: Some(caller.id()),
                    action: "edition_money_rules_changed",
                    entity_type: "edition",
                    entity_id: id.to_string(),
                    details: serde_json::json!({
                        "base_cents": fields.base_cents,
                        "reserved_bp": fields.reserved_bp,
                        "citywide_bp": fields.citywide_bp,
                        "allocation": fields.allocation,
                        "alpha_ppm": fields.alpha_ppm,
                        "floor_cents": fields.floor_cents,
                        "area_ids": input.area_ids,
                    }),
                },
            )?;
        }
        let edition =
            store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        detail(conn, edition)
    })
}

/// The envelopes the edition would have with these changes, computed and not saved, with the
/// overrides it has now: what an administrator sees before saving new money rules.
pub fn preview_envelopes(
    conn: &mut DbConnection,
    caller: &Caller,
    id: Option<i64>,
    input: &EditionInput,
) -> ApiResult<Vec<Envelope>> {
    caller.require_admin()?;
    let edition = id.map(|id| find(conn, id)).transpose()?;
    let mut fields = edition
        .as_ref()
        .map_or_else(blank_fields, EditionFields::from);
    apply(&mut fields, input, edition.is_none()).map_err(ApiError::invalid_fields)?;
    let area_ids = match (&input.area_ids, id) {
        (Some(area_ids), _) => {
            check_areas_exist(conn, area_ids)?;
            area_ids.clone()
        }
        (None, Some(id)) => store::editions::area_ids(conn, id)?,
        (None, None) => Vec::new(),
    };
    let now_stored = match id {
        Some(id) => store::editions::envelopes(conn, id)?,
        None => Vec::new(),
    };
    let rules = crate::service::envelopes::split_rules(&fields);
    let computed = crate::service::envelopes::compute_envelopes(conn, &rules, &area_ids)?;
    Ok(computed
        .into_iter()
        .map(|computed| {
            let stored = now_stored.iter().find(|e| e.area_id == computed.area_id);
            Envelope {
                id: stored.map_or(0, |e| e.id),
                edition_id: id.unwrap_or(0),
                area_id: computed.area_id,
                scope_key: store::editions::envelope_key(computed.area_id),
                explanation: computed.explanation,
                computed_cents: computed.computed_cents,
                override_cents: stored.and_then(|e| e.override_cents),
                override_reason: stored.and_then(|e| e.override_reason.clone()),
                updated_at: crate::clock::now(),
            }
        })
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<EditionDetail> {
    let edition =
        store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    detail(conn, edition)
}

pub use crate::store::editions::EditionFilter;

/// Editions, newest first.
pub fn list(conn: &mut DbConnection, filter: &EditionFilter) -> ApiResult<Vec<EditionDetail>> {
    store::editions::list(conn, filter)?
        .into_iter()
        .map(|e| detail(conn, e))
        .collect()
}

/// Moves the edition one phase forward, or one back with a reason. Entering `voting` freezes
/// the money rules for good; leaving `support` settles which proposals reached the threshold.
pub fn change_phase(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    to: Phase,
    reason: Option<&str>,
    public_url: &str,
) -> ApiResult<EditionDetail> {
    caller.require_admin()?;
    let changed = db::write_transaction(conn, |conn| {
        let edition = store::editions::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        let from = edition.phase;
        phase::check_change(from, to, reason).map_err(|e| match e {
            PhaseChangeError::ReasonRequired => {
                ApiError::invalid("reason", t!("going-back-a-phase-needs-a-reason"))
            }
            PhaseChangeError::SamePhase => ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "edition-already-in",
                    phase = t!("phase", name = to.as_str())
                ),
            ),
            PhaseChangeError::NotAdjacent { from, to } => ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "phase-not-adjacent",
                    from = t!("phase", name = from.as_str()),
                    next = t!("phase", name = from.next().map_or("none", Phase::as_str)),
                    previous = t!(
                        "phase",
                        name = from.previous().map_or("none", Phase::as_str)
                    ),
                    to = t!("phase", name = to.as_str())
                ),
            ),
        })?;
        let now = crate::clock::now();
        store::editions::set_phase(conn, id, to, now, to == Phase::Voting)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "phase_changed",
                entity_type: "edition",
                entity_id: id.to_string(),
                details: serde_json::json!({"from": from.as_str(), "to": to.as_str(), "reason": reason}),
            },
        )?;
        let edition =
            store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        detail(conn, edition)
    })?;
    if to > Phase::Support {
        crate::service::proposals::settle_support_phase(conn, public_url)?;
    }
    Ok(changed)
}

pub(crate) fn find(conn: &mut DbConnection, id: i64) -> ApiResult<Edition> {
    store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))
}

/// Participation in an edition so far; public.
pub struct Statistics {
    pub edition: Edition,
    /// (area, state, number of proposals).
    pub proposals: Vec<(Option<i64>, ProposalState, i64)>,
    /// Residents who co-signed at least one proposal.
    pub supporters: i64,
    pub supports: i64,
    pub turnout: Vec<Turnout>,
}

pub fn statistics(conn: &mut DbConnection, id: i64) -> ApiResult<Statistics> {
    Ok(Statistics {
        edition: find(conn, id)?,
        proposals: store::proposals::counts_by_area_and_state(conn, id)?,
        supporters: store::proposals::supporter_count_in_edition(conn, id)?,
        supports: store::proposals::support_total_in_edition(conn, id)?,
        turnout: rounds::turnout(conn, id)?,
    })
}

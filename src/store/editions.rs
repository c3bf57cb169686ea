//! Editions, their participating areas, categories and envelopes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::envelope::Allocation;
use crate::domain::locale::Locale;
use crate::domain::phase::Phase;
use crate::store::schema::{edition_areas, edition_categories, editions, envelopes};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = editions)]
pub struct Edition {
    pub id: i64,
    pub name: String,
    pub fiscal_year: i32,
    pub base_cents: i64,
    pub reserved_bp: i32,
    pub citywide_bp: i32,
    pub allocation: Allocation,
    pub alpha_ppm: i64,
    pub floor_cents: i64,
    pub phase: Phase,
    pub phase_changed_at: NaiveDateTime,
    pub rules_frozen_at: Option<NaiveDateTime>,
    pub min_cost_cents: i64,
    pub max_cost_cents: Option<i64>,
    pub support_threshold: i32,
    pub max_proposals_per_resident: Option<i32>,
    pub report_threshold: Option<i32>,
    pub min_votes: Option<i32>,
    pub ideas_at: Option<NaiveDateTime>,
    pub support_at: Option<NaiveDateTime>,
    pub review_at: Option<NaiveDateTime>,
    pub voting_at: Option<NaiveDateTime>,
    pub decision_at: Option<NaiveDateTime>,
    pub implementation_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language it was written in; others are translations.
    pub language: Locale,
}

/// Every field an administrator sets on an edition.
#[derive(AsChangeset, Insertable, Clone, Debug)]
#[diesel(table_name = editions, treat_none_as_null = true)]
pub struct EditionFields {
    pub name: String,
    pub fiscal_year: i32,
    pub base_cents: i64,
    pub reserved_bp: i32,
    pub citywide_bp: i32,
    pub allocation: Allocation,
    pub alpha_ppm: i64,
    pub floor_cents: i64,
    pub min_cost_cents: i64,
    pub max_cost_cents: Option<i64>,
    pub support_threshold: i32,
    pub max_proposals_per_resident: Option<i32>,
    pub report_threshold: Option<i32>,
    pub min_votes: Option<i32>,
    pub ideas_at: Option<NaiveDateTime>,
    pub support_at: Option<NaiveDateTime>,
    pub review_at: Option<NaiveDateTime>,
    pub voting_at: Option<NaiveDateTime>,
    pub decision_at: Option<NaiveDateTime>,
    pub implementation_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
}

impl From<&Edition> for EditionFields {
    fn from(e: &Edition) -> Self {
        Self {
            name: e.name.clone(),
            fiscal_year: e.fiscal_year,
            base_cents: e.base_cents,
            reserved_bp: e.reserved_bp,
            citywide_bp: e.citywide_bp,
            allocation: e.allocation,
            alpha_ppm: e.alpha_ppm,
            floor_cents: e.floor_cents,
            min_cost_cents: e.min_cost_cents,
            max_cost_cents: e.max_cost_cents,
            support_threshold: e.support_threshold,
            max_proposals_per_resident: e.max_proposals_per_resident,
            report_threshold: e.report_threshold,
            min_votes: e.min_votes,
            ideas_at: e.ideas_at,
            support_at: e.support_at,
            review_at: e.review_at,
            voting_at: e.voting_at,
            decision_at: e.decision_at,
            implementation_at: e.implementation_at,
            closed_at: e.closed_at,
        }
    }
}

pub fn insert(
    conn: &mut DbConnection,
    fields: &EditionFields,
    now: NaiveDateTime,
) -> QueryResult<Edition> {
    diesel::insert_into(editions::table)
        .values((
            fields,
            editions::phase.eq(Phase::Draft),
            editions::phase_changed_at.eq(now),
            editions::created_at.eq(now),
            editions::updated_at.eq(now),
        ))
        .returning(editions::all_columns)
        .get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    fields: &EditionFields,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(editions::table.find(id))
        .set((fields, editions::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Edition>> {
    editions::table
        .find(id)
        .select(Edition::as_select())
        .first(conn)
        .optional()
}

/// Reads the edition and, on PostgreSQL, locks its row until the transaction ends (on SQLite
/// the immediate transaction already holds the write lock).
pub fn find_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Edition>> {
    let touched = diesel::update(editions::table.find(id))
        .set(editions::id.eq(editions::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find(conn, id)
}

pub struct EditionFilter {
    /// Any of these phases; all when empty.
    pub phases: Vec<Phase>,
    pub fiscal_year: Option<i32>,
    /// Changed at or after this time.
    pub updated_since: Option<NaiveDateTime>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, filter: &EditionFilter) -> QueryResult<Vec<Edition>> {
    let (after_id, limit) = (filter.after_id, filter.limit);
    let mut query = editions::table.select(Edition::as_select()).into_boxed();
    if !filter.phases.is_empty() {
        query = query.filter(editions::phase.eq_any(filter.phases.clone()));
    }
    if let Some(year) = filter.fiscal_year {
        query = query.filter(editions::fiscal_year.eq(year));
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(editions::updated_at.ge(since));
    }
    if let Some(after) = after_id {
        query = query.filter(editions::id.lt(after));
    }
    query.order(editions::id.desc()).limit(limit).load(conn)
}

pub fn set_phase(
    conn: &mut DbConnection,
    id: i64,
    phase: Phase,
    now: NaiveDateTime,
    freeze_rules: bool,
) -> QueryResult<()> {
    diesel::update(editions::table.find(id))
        .set((
            editions::phase.eq(phase),
            editions::phase_changed_at.eq(now),
            editions::updated_at.eq(now),
        ))
        .execute(conn)?;
    if freeze_rules {
        diesel::update(
            editions::table
                .find(id)
                .filter(editions::rules_frozen_at.is_null()),
        )
        .set(editions::rules_frozen_at.eq(now))
        .execute(conn)?;
    }
    Ok(())
}

pub fn area_ids(conn: &mut DbConnection, edition_id: i64) -> QueryResult<Vec<i64>> {
    edition_areas::table
        .filter(edition_areas::edition_id.eq(edition_id))
        .select(edition_areas::area_id)
        .order(edition_areas::area_id)
        .load(conn)
}

pub fn set_areas(conn: &mut DbConnection, edition_id: i64, area_ids: &[i64]) -> QueryResult<()> {
    diesel::delete(edition_areas::table.filter(edition_areas::edition_id.eq(edition_id)))
        .execute(conn)?;
    for area_id in area_ids {
        diesel::insert_into(edition_areas::table)
            .values((
                edition_areas::edition_id.eq(edition_id),
                edition_areas::area_id.eq(area_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Editions that an area takes part in and whose money rules are not frozen yet.
pub fn unfrozen_with_area(conn: &mut DbConnection, area_id: i64) -> QueryResult<Vec<i64>> {
    edition_areas::table
        .inner_join(editions::table)
        .filter(edition_areas::area_id.eq(area_id))
        .filter(editions::rules_frozen_at.is_null())
        .select(editions::id)
        .load(conn)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = edition_categories)]
pub struct Category {
    pub id: i64,
    pub edition_id: i64,
    pub code: String,
    pub name: String,
    pub language: Locale,
}

pub fn categories(conn: &mut DbConnection, edition_id: i64) -> QueryResult<Vec<Category>> {
    edition_categories::table
        .filter(edition_categories::edition_id.eq(edition_id))
        .order(edition_categories::code)
        .select(Category::as_select())
        .load(conn)
}

pub fn set_categories(
    conn: &mut DbConnection,
    edition_id: i64,
    categories: &[(String, String)],
) -> QueryResult<()> {
    diesel::delete(edition_categories::table.filter(edition_categories::edition_id.eq(edition_id)))
        .execute(conn)?;
    for (code, name) in categories {
        diesel::insert_into(edition_categories::table)
            .values((
                edition_categories::edition_id.eq(edition_id),
                edition_categories::code.eq(code),
                edition_categories::name.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = envelopes)]
pub struct Envelope {
    pub id: i64,
    pub edition_id: i64,
    pub area_id: Option<i64>,
    pub scope_key: String,
    /// JSON: the inputs and intermediate numbers that produced `computed_cents`.
    pub explanation: String,
    pub computed_cents: i64,
    pub override_cents: Option<i64>,
    pub override_reason: Option<String>,
    pub updated_at: NaiveDateTime,
}

impl Envelope {
    /// What the area actually gets: the override when there is one.
    pub fn amount_cents(&self) -> i64 {
        self.override_cents.unwrap_or(self.computed_cents)
    }
}

pub const CITYWIDE: &str = "citywide";

pub fn envelope_key(area_id: Option<i64>) -> String {
    area_id.map_or_else(|| CITYWIDE.to_string(), |id| format!("area:{id}"))
}

pub fn envelopes(conn: &mut DbConnection, edition_id: i64) -> QueryResult<Vec<Envelope>> {
    envelopes::table
        .filter(envelopes::edition_id.eq(edition_id))
        .order(envelopes::id)
        .select(Envelope::as_select())
        .load(conn)
}

pub fn find_envelope(
    conn: &mut DbConnection,
    edition_id: i64,
    area_id: Option<i64>,
) -> QueryResult<Option<Envelope>> {
    envelopes::table
        .filter(envelopes::edition_id.eq(edition_id))
        .filter(envelopes::scope_key.eq(envelope_key(area_id)))
        .select(Envelope::as_select())
        .first(conn)
        .optional()
}

/// Stores a computed envelope, keeping an existing override.
pub fn upsert_computed(
    conn: &mut DbConnection,
    edition_id: i64,
    area_id: Option<i64>,
    computed_cents: i64,
    explanation: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let key = envelope_key(area_id);
    let updated = diesel::update(
        envelopes::table
            .filter(envelopes::edition_id.eq(edition_id))
            .filter(envelopes::scope_key.eq(&key)),
    )
    .set((
        envelopes::computed_cents.eq(computed_cents),
        envelopes::explanation.eq(explanation),
        envelopes::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(envelopes::table)
            .values((
                envelopes::edition_id.eq(edition_id),
                envelopes::area_id.eq(area_id),
                envelopes::scope_key.eq(&key),
                envelopes::explanation.eq(explanation),
                envelopes::computed_cents.eq(computed_cents),
                envelopes::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes envelopes of areas that no longer take part.
pub fn delete_envelopes_except(
    conn: &mut DbConnection,
    edition_id: i64,
    keep_keys: &[String],
) -> QueryResult<()> {
    diesel::delete(
        envelopes::table
            .filter(envelopes::edition_id.eq(edition_id))
            .filter(envelopes::scope_key.ne_all(keep_keys)),
    )
    .execute(conn)?;
    Ok(())
}

pub fn set_override(
    conn: &mut DbConnection,
    envelope_id: i64,
    amount: Option<i64>,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(envelopes::table.find(envelope_id))
        .set((
            envelopes::override_cents.eq(amount),
            envelopes::override_reason.eq(reason),
            envelopes::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

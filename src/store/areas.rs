//! Areas (wijken): the neighbourhoods a city splits its budget over.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::store::schema::{areas, edition_areas};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub population: i64,
    pub deprivation_ppm: i64,
    pub geometry: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language it was written in; others are translations.
    pub language: Locale,
}

/// The fields an administrator sets.
#[derive(Clone, Debug)]
pub struct AreaFields {
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub population: i64,
    pub deprivation_ppm: i64,
    pub geometry: Option<String>,
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Area>> {
    areas::table
        .find(id)
        .select(Area::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Area>> {
    areas::table
        .filter(areas::code.eq(code))
        .select(Area::as_select())
        .first(conn)
        .optional()
}

pub fn find_many(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Area>> {
    areas::table
        .filter(areas::id.eq_any(ids))
        .order(areas::code)
        .select(Area::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    fields: &AreaFields,
    now: NaiveDateTime,
) -> QueryResult<Area> {
    diesel::insert_into(areas::table)
        .values((
            areas::code.eq(&fields.code),
            areas::name.eq(&fields.name),
            areas::parent_id.eq(fields.parent_id),
            areas::population.eq(fields.population),
            areas::deprivation_ppm.eq(fields.deprivation_ppm),
            areas::geometry.eq(&fields.geometry),
            areas::created_at.eq(now),
            areas::updated_at.eq(now),
        ))
        .returning(areas::all_columns)
        .get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    fields: &AreaFields,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(areas::table.find(id))
        .set((
            areas::code.eq(&fields.code),
            areas::name.eq(&fields.name),
            areas::parent_id.eq(fields.parent_id),
            areas::population.eq(fields.population),
            areas::deprivation_ppm.eq(fields.deprivation_ppm),
            areas::geometry.eq(&fields.geometry),
            areas::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub struct AreaFilter<'a> {
    pub parent_id: Option<i64>,
    pub text: Option<&'a str>,
    /// Changed at or after this time.
    pub updated_since: Option<NaiveDateTime>,
    pub after_code: Option<&'a str>,
    pub limit: i64,
}

/// A page of areas in code order.
pub fn list(conn: &mut DbConnection, filter: &AreaFilter<'_>) -> QueryResult<Vec<Area>> {
    let mut query = areas::table.select(Area::as_select()).into_boxed();
    if let Some(parent) = filter.parent_id {
        query = query.filter(areas::parent_id.eq(parent));
    }
    if let Some(text) = filter.text {
        let pattern = format!("%{}%", crate::store::sql::escape_like(&text.to_lowercase()));
        query = query.filter(
            crate::store::sql::lower(areas::name)
                .like(pattern.clone())
                .escape('\\')
                .or(crate::store::sql::lower(areas::code)
                    .like(pattern)
                    .escape('\\')),
        );
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(areas::updated_at.ge(since));
    }
    if let Some(after) = filter.after_code {
        query = query.filter(areas::code.gt(after));
    }
    query.order(areas::code).limit(filter.limit).load(conn)
}

/// True when an edition, a child area or another record still points at the area.
pub fn is_referenced(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let children: i64 = areas::table
        .filter(areas::parent_id.eq(id))
        .count()
        .get_result(conn)?;
    let editions: i64 = edition_areas::table
        .filter(edition_areas::area_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(children + editions > 0)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
    diesel::delete(areas::table.find(id)).execute(conn)
}

/// The chain of parents above an area (to refuse cycles).
pub fn ancestors(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
    let mut chain = Vec::new();
    let mut current = find(conn, id)?.and_then(|a| a.parent_id);
    while let Some(parent) = current {
        if chain.contains(&parent) || chain.len() > 64 {
            break;
        }
        chain.push(parent);
        current = find(conn, parent)?.and_then(|a| a.parent_id);
    }
    Ok(chain)
}

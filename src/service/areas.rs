//! Areas: created, changed and imported by administrators, readable by everyone.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::auth::caller::Caller;
use crate::csv;
use crate::db::{self, DbConnection};
use crate::domain::area;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::service::envelopes;
pub use crate::store::areas::{Area, AreaFilter};
use crate::store::{self, areas::AreaFields, audit::AuditEvent};

pub struct NewArea {
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub population: i64,
    pub deprivation_index: f64,
    pub geometry: Option<Value>,
}

/// Absent fields stay as they are; `parent_id: Some(None)` or `geometry: Some(Value::Null)`
/// clear the value.
#[derive(Default)]
pub struct AreaChange {
    pub code: Option<String>,
    pub name: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub population: Option<i64>,
    pub deprivation_index: Option<f64>,
    pub geometry: Option<Value>,
}

fn duplicate_code(code: &str) -> ApiError {
    ApiError::new(ErrorCode::AlreadyExists, t!("area-code-taken", code = code))
}

fn check_parent(conn: &mut DbConnection, id: Option<i64>, parent_id: Option<i64>) -> ApiResult<()> {
    let Some(parent) = parent_id else {
        return Ok(());
    };
    if store::areas::find(conn, parent)?.is_none() {
        return Err(ApiError::invalid_coded(
            "parent_id",
            "not_found",
            t!("no-such-area"),
        ));
    }
    if let Some(id) = id
        && (parent == id || store::areas::ancestors(conn, parent)?.contains(&id))
    {
        return Err(ApiError::invalid(
            "parent_id",
            t!("an-area-cannot-lie-inside-itself"),
        ));
    }
    Ok(())
}

fn audit(conn: &mut DbConnection, caller: &Caller, action: &str, area: &Area) -> ApiResult<()> {
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: Some(caller.id()),
            action,
            entity_type: "area",
            entity_id: area.id.to_string(),
            details: serde_json::json!({
                "code": area.code,
                "population": area.population,
                "deprivation_ppm": area.deprivation_ppm,
                "parent_id": area.parent_id,
            }),
        },
    )?;
    Ok(())
}

pub fn create(conn: &mut DbConnection, caller: &Caller, new: NewArea) -> ApiResult<Area> {
    caller.require_admin()?;
    let checked = area::check(
        &new.code,
        &new.name,
        new.population,
        new.deprivation_index,
        new.geometry.as_ref(),
        "",
    )
    .map_err(ApiError::invalid_fields)?;
    db::write_transaction(conn, |conn| {
        if store::areas::find_by_code(conn, &checked.code)?.is_some() {
            return Err(duplicate_code(&checked.code));
        }
        check_parent(conn, None, new.parent_id)?;
        let created = store::areas::insert(
            conn,
            &AreaFields {
                code: checked.code,
                name: checked.name,
                parent_id: new.parent_id,
                population: checked.population,
                deprivation_ppm: checked.deprivation_ppm,
                geometry: checked.geometry,
            },
            crate::clock::now(),
        )?;
        audit(conn, caller, "area_created", &created)?;
        Ok(created)
    })
}

pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    change: AreaChange,
) -> ApiResult<Area> {
    caller.require_admin()?;
    db::write_transaction(conn, |conn| {
        let current =
            store::areas::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Area))?;
        let geometry = match &change.geometry {
            None => current
                .geometry
                .as_ref()
                .map(|g| serde_json::from_str::<Value>(g).unwrap_or(Value::Null)),
            Some(value) => Some(value.clone()),
        };
        let checked = area::check(
            change.code.as_deref().unwrap_or(&current.code),
            change.name.as_deref().unwrap_or(&current.name),
            change.population.unwrap_or(current.population),
            change
                .deprivation_index
                .unwrap_or(area::deprivation_index(current.deprivation_ppm)),
            geometry.as_ref(),
            "",
        )
        .map_err(ApiError::invalid_fields)?;
        if checked.code != current.code
            && store::areas::find_by_code(conn, &checked.code)?.is_some()
        {
            return Err(duplicate_code(&checked.code));
        }
        let parent_id = change.parent_id.unwrap_or(current.parent_id);
        check_parent(conn, Some(id), parent_id)?;
        store::areas::update(
            conn,
            id,
            &AreaFields {
                code: checked.code,
                name: checked.name,
                parent_id,
                population: checked.population,
                deprivation_ppm: checked.deprivation_ppm,
                geometry: checked.geometry,
            },
            crate::clock::now(),
        )?;
        let updated =
            store::areas::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Area))?;
        if updated.population != current.population
            || updated.deprivation_ppm != current.deprivation_ppm
        {
            for edition_id in store::editions::unfrozen_with_area(conn, id)? {
                envelopes::recompute_envelopes(conn, edition_id).map_err(|e| {
                    ApiError::invalid(
                        "population",
                        t!(
                            "edition-cannot-be-split-any-more",
                            edition_id = edition_id,
                            detail = e.detail
                        ),
                    )
                })?;
            }
        }
        audit(conn, caller, "area_updated", &updated)?;
        Ok(updated)
    })
}

pub fn delete(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<()> {
    caller.require_admin()?;
    db::write_transaction(conn, |conn| {
        let area = store::areas::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Area))?;
        if store::areas::is_referenced(conn, id)? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("the-area-has-sub-areas-or-takes"),
            ));
        }
        store::areas::delete(conn, id)?;
        audit(conn, caller, "area_deleted", &area)?;
        Ok(())
    })
}

pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    /// Each row's code and name, and whether the code is new.
    pub rows: Vec<(String, String, bool)>,
}

const IMPORT_COLUMNS: [&str; 5] = [
    "code",
    "name",
    "population",
    "deprivation_index",
    "parent_code",
];

/// Imports areas from CSV (`code,name,population,deprivation_index[,parent_code]`, comma or
/// semicolon separated). Every row is checked first; when any row is wrong nothing is written
/// and the answer names each wrong row by its line number. Existing codes are updated. With
/// `check_only` every row is checked the same way and nothing is written.
pub fn import(
    conn: &mut DbConnection,
    caller: &Caller,
    text: &str,
    check_only: bool,
) -> ApiResult<ImportSummary> {
    caller.require_admin()?;
    let (rows, mut errors) = read_area_rows(text)?;
    if rows.is_empty() && errors.is_empty() {
        return Err(ApiError::invalid("body", t!("the-file-has-no-rows")));
    }
    db::write_transaction(conn, |conn| {
        let mut parent_ids = parents_outside_the_file(conn, &rows, &mut errors)?;
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        if check_only {
            return checked_summary(conn, &rows);
        }
        let now = crate::clock::now();
        let summary = upsert_areas(conn, &rows, &mut parent_ids, now)?;
        link_parents(conn, &rows, &parent_ids, now)?;
        for (_, checked, _) in &rows {
            if let Some(Some(id)) = parent_ids.get(&checked.code) {
                for edition_id in store::editions::unfrozen_with_area(conn, *id)? {
                    envelopes::recompute_envelopes(conn, edition_id)?;
                }
            }
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "areas_imported",
                entity_type: "area",
                entity_id: "import".into(),
                details: serde_json::json!({"created": summary.created, "updated": summary.updated}),
            },
        )?;
        Ok(summary)
    })
}

/// One checked row of an area import: its line, the area, and its parent's code if any.
type AreaRow = (usize, area::CheckedArea, Option<String>);

/// Reads and checks every row; a wrong header is an error at once, wrong rows are collected.
fn read_area_rows(text: &str) -> ApiResult<(Vec<AreaRow>, Vec<FieldError>)> {
    let mut reader = match csv::Upload::open(text) {
        Some(Ok(upload)) => upload,
        Some(Err(e)) => {
            return Err(ApiError::invalid(
                format!("rows[{}]", e.line),
                csv::problem(&e),
            ));
        }
        None => return Err(ApiError::invalid("body", t!("the-file-is-empty"))),
    };
    let header = reader.header.clone();
    let column = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = IMPORT_COLUMNS[..4]
        .iter()
        .copied()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::invalid(
            "header",
            t!("missing-columns", columns = missing.join(", ")),
        ));
    }
    if let Some(unknown) = header
        .iter()
        .find(|h| !IMPORT_COLUMNS.contains(&h.as_str()))
    {
        return Err(ApiError::invalid(
            "header",
            t!("unknown-column", column = unknown),
        ));
    }
    let (code_at, name_at, population_at, deprivation_at) = (
        column("code").unwrap_or(0),
        column("name").unwrap_or(0),
        column("population").unwrap_or(0),
        column("deprivation_index").unwrap_or(0),
    );
    let parent_at = column("parent_code");

    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    while let Some(record) = reader.next_record() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(FieldError::new(
                    format!("rows[{}]", e.line),
                    csv::problem(&e),
                ));
                break;
            }
        };
        let prefix = format!("rows[{}].", record.line);
        if record.fields.len() != header.len() {
            errors.push(FieldError::new(
                format!("rows[{}]", record.line),
                t!(
                    "row-field-count",
                    fields = record.fields.len(),
                    header = header.len()
                ),
            ));
            continue;
        }
        let get = |i: usize| record.fields[i].trim();
        let population = get(population_at).parse::<i64>();
        let deprivation = get(deprivation_at).replace(',', ".").parse::<f64>();
        if population.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}population"),
                t!("must-be-a-whole-number"),
            ));
        }
        if deprivation.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}deprivation_index"),
                t!("number-between", min = 0, max = 1),
            ));
        }
        let (Ok(population), Ok(deprivation)) = (population, deprivation) else {
            continue;
        };
        match area::check(
            get(code_at),
            get(name_at),
            population,
            deprivation,
            None,
            &prefix,
        ) {
            Ok(checked) => {
                if !seen.insert(checked.code.clone()) {
                    errors.push(FieldError::new(
                        format!("{prefix}code"),
                        t!("appears-twice-in-the-file"),
                    ));
                }
                let parent_code = parent_at
                    .map(|i| get(i).to_string())
                    .filter(|p| !p.is_empty());
                rows.push((record.line, checked, parent_code));
            }
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    Ok((rows, errors))
}

/// Looks up the parents the file names but does not define.
fn parents_outside_the_file(
    conn: &mut DbConnection,
    rows: &[AreaRow],
    errors: &mut Vec<FieldError>,
) -> ApiResult<HashMap<String, Option<i64>>> {
    let seen: HashSet<&str> = rows.iter().map(|(_, c, _)| c.code.as_str()).collect();
    let mut parent_ids: HashMap<String, Option<i64>> = HashMap::new();
    for (line, _, parent_code) in rows {
        if let Some(parent) = parent_code
            && !seen.contains(parent.as_str())
        {
            match store::areas::find_by_code(conn, parent)? {
                Some(area) => {
                    parent_ids.insert(parent.clone(), Some(area.id));
                }
                None => errors.push(FieldError::new(
                    format!("rows[{line}].parent_code"),
                    t!("no-area-has-this-code"),
                )),
            }
        }
    }
    Ok(parent_ids)
}

/// What an import of the checked rows would do.
fn checked_summary(conn: &mut DbConnection, rows: &[AreaRow]) -> ApiResult<ImportSummary> {
    let mut summary = ImportSummary {
        created: 0,
        updated: 0,
        rows: Vec::new(),
    };
    for (_, checked, _) in rows {
        let new = store::areas::find_by_code(conn, &checked.code)?.is_none();
        if new {
            summary.created += 1;
        } else {
            summary.updated += 1;
        }
        summary
            .rows
            .push((checked.code.clone(), checked.name.clone(), new));
    }
    Ok(summary)
}

/// Creates or updates every area of the file (without parents yet); parents defined in the
/// same file are written first, then linked.
fn upsert_areas(
    conn: &mut DbConnection,
    rows: &[AreaRow],
    parent_ids: &mut HashMap<String, Option<i64>>,
    now: chrono::NaiveDateTime,
) -> ApiResult<ImportSummary> {
    let mut summary = ImportSummary {
        created: 0,
        updated: 0,
        rows: Vec::new(),
    };
    // Parents defined in the same file are written first, then linked.
    for (_, checked, _) in rows {
        let fields = AreaFields {
            code: checked.code.clone(),
            name: checked.name.clone(),
            parent_id: None,
            population: checked.population,
            deprivation_ppm: checked.deprivation_ppm,
            geometry: None,
        };
        let (id, new) = match store::areas::find_by_code(conn, &checked.code)? {
            Some(existing) => {
                store::areas::update(
                    conn,
                    existing.id,
                    &AreaFields {
                        parent_id: existing.parent_id,
                        geometry: existing.geometry.clone(),
                        ..fields
                    },
                    now,
                )?;
                summary.updated += 1;
                (existing.id, false)
            }
            None => {
                summary.created += 1;
                (store::areas::insert(conn, &fields, now)?.id, true)
            }
        };
        parent_ids.entry(checked.code.clone()).or_insert(Some(id));
        summary
            .rows
            .push((checked.code.clone(), checked.name.clone(), new));
    }
    Ok(summary)
}

fn link_parents(
    conn: &mut DbConnection,
    rows: &[AreaRow],
    parent_ids: &HashMap<String, Option<i64>>,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    for (line, checked, parent_code) in rows {
        let Some(parent_code) = parent_code else {
            continue;
        };
        let id = parent_ids.get(&checked.code).copied().flatten();
        let parent = parent_ids.get(parent_code).copied().flatten();
        if let (Some(id), Some(parent)) = (id, parent) {
            if parent == id || store::areas::ancestors(conn, parent)?.contains(&id) {
                return Err(ApiError::invalid(
                    format!("rows[{line}].parent_code"),
                    t!("an-area-cannot-lie-inside-itself"),
                ));
            }
            let mut area = store::areas::find(conn, id)?
                .ok_or_else(|| ApiError::internal("imported area vanished"))?;
            area.parent_id = Some(parent);
            store::areas::update(
                conn,
                id,
                &AreaFields {
                    code: area.code,
                    name: area.name,
                    parent_id: area.parent_id,
                    population: area.population,
                    deprivation_ppm: area.deprivation_ppm,
                    geometry: area.geometry,
                },
                now,
            )?;
        }
    }
    Ok(())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Area> {
    store::areas::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Area))
}

/// Every area in code order (a city has dozens, not thousands); public.
pub fn every(conn: &mut DbConnection) -> ApiResult<Vec<Area>> {
    list(
        conn,
        &AreaFilter {
            parent_id: None,
            text: None,
            updated_since: None,
            after_code: None,
            limit: i64::MAX,
        },
    )
}

/// One page of areas in code order; public.
pub fn list(conn: &mut DbConnection, filter: &AreaFilter<'_>) -> ApiResult<Vec<Area>> {
    Ok(store::areas::list(conn, filter)?)
}

//! Administrators keep the areas: the list with the map, one area at a time with its outline
//! previewed on the map before saving, and the CSV import checked row by row and shown before
//! anything is written, through the same services as the API.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;
use serde_json::Value;

use super::editions::administrator;
use super::listing::{Listing, SortColumn, by_text, listing};
use super::translations::OtherLanguages;
use crate::api::blocking;
use crate::domain::area;
use crate::error::{ApiError, FieldError};
use crate::service::areas::{self, Area, AreaChange, ImportSummary, NewArea};
use crate::state::AppState;
use crate::web::map::{AreaMap, of_areas};
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::upload;

struct AreaRow {
    id: i64,
    code: String,
    name: String,
    parent: String,
    population: i64,
    deprivation: f64,
    outlined: bool,
}

/// A checked file waiting to be imported: its text, what it would do in a sentence, and each
/// row's code, name and whether it is new.
struct CheckedFile {
    text: String,
    summary: String,
    rows: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "console_areas.html")]
struct AreasPage {
    page: Page,
    listing: Listing<AreaRow>,
    map: Option<AreaMap>,
    checked: Option<CheckedFile>,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

fn columns() -> Vec<SortColumn<AreaRow>> {
    vec![
        SortColumn {
            key: "name",
            label: t!("site-area-name"),
            number: false,
            compare: |a, b| by_text(&a.name, &b.name),
        },
        SortColumn {
            key: "code",
            label: t!("site-area-code"),
            number: false,
            compare: |a, b| by_text(&a.code, &b.code),
        },
        SortColumn {
            key: "parent",
            label: t!("site-area-parent"),
            number: false,
            compare: |a, b| by_text(&a.parent, &b.parent),
        },
        SortColumn {
            key: "population",
            label: t!("site-area-population"),
            number: true,
            compare: |a, b| a.population.cmp(&b.population),
        },
        SortColumn {
            key: "deprivation",
            label: t!("site-area-deprivation"),
            number: true,
            compare: |a, b| a.deprivation.total_cmp(&b.deprivation),
        },
    ]
}

async fn render_list(
    req: &HttpRequest,
    page: &Page,
    state: &AppState,
    checked: Option<CheckedFile>,
    done: Option<String>,
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let every = match blocking::run(&state.pool, areas::every).await {
        Ok(every) => every,
        Err(error) => return failure(page, &error),
    };
    let name_of = |id: Option<i64>| {
        id.and_then(|id| every.iter().find(|a| a.id == id))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let rows = every
        .iter()
        .map(|a| AreaRow {
            id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            parent: name_of(a.parent_id),
            population: a.population,
            deprivation: area::deprivation_index(a.deprivation_ppm),
            outlined: a.geometry.is_some(),
        })
        .collect();
    page.render_with(
        status,
        &AreasPage {
            page: page.clone(),
            listing: listing(req, page, rows, &columns()),
            map: of_areas(&every, None).map(AreaMap::in_console),
            checked,
            done,
            errors,
        },
    )
}

#[derive(Deserialize)]
pub struct DoneQuery {
    created: Option<usize>,
    updated: Option<usize>,
    saved: Option<String>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let done = match (query.created, query.updated, &query.saved) {
        (Some(created), Some(updated), _) => Some(page.say(&t!(
            "site-areas-imported",
            created = created,
            updated = updated
        ))),
        (_, _, Some(code)) => Some(page.say(&t!("site-areas-saved", code = code.clone()))),
        _ => None,
    };
    render_list(&req, &page, &state, None, done, (StatusCode::OK, vec![])).await
}

/// Checks an uploaded file row by row and shows what importing it would do; nothing is written.
pub async fn check_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let text = match upload::file_to_check(&req, &state, &page, payload).await {
        Ok(Ok(text)) => text,
        Ok(Err(no_file)) => return render_list(&req, &page, &state, None, None, no_file).await,
        Err(answer) => return answer,
    };
    let csv = text.clone();
    let checked = blocking::run(&state.pool, move |conn| {
        areas::import(conn, &caller, &csv, true)
    })
    .await;
    match checked {
        Ok(ImportSummary {
            created,
            updated,
            rows,
        }) => {
            let file = CheckedFile {
                text,
                summary: page.say(&t!(
                    "site-areas-ready",
                    created = created,
                    updated = updated
                )),
                rows,
            };
            let ok = (StatusCode::OK, vec![]);
            render_list(&req, &page, &state, Some(file), None, ok).await
        }
        Err(error) => {
            let shown = (error.status_code(), upload::row_errors(&page, &error));
            render_list(&req, &page, &state, None, None, shown).await
        }
    }
}

/// Imports the file checked before (its text came back with the form), checked again.
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<upload::CheckedFileForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let imported = blocking::run(&state.pool, move |conn| {
        areas::import(conn, &caller, &form.csv, false)
    })
    .await;
    match imported {
        Ok(summary) => see_other(&format!(
            "/console/areas?created={}&updated={}",
            summary.created, summary.updated
        ))
        .finish(),
        Err(error) => {
            let shown = (error.status_code(), upload::row_errors(&page, &error));
            render_list(&req, &page, &state, None, None, shown).await
        }
    }
}

/// What the area form holds, as typed.
#[derive(Deserialize, Default)]
pub struct AreaForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    population: String,
    #[serde(default)]
    deprivation_index: String,
    #[serde(default)]
    geometry: String,
    /// `preview` shows the outline on the map without saving.
    #[serde(default)]
    intent: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "console_area.html")]
struct AreaPage {
    page: Page,
    /// `None` while creating.
    id: Option<i64>,
    form: AreaForm,
    /// The areas it may lie in: id and name.
    parents: Vec<(String, String)>,
    /// The outline typed, drawn among the other areas.
    map: Option<AreaMap>,
    /// Its name in the other languages.
    names: OtherLanguages,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 6] {
    [
        Field::input("code", t!("site-area-code")),
        Field::input("name", t!("site-area-name")),
        Field {
            name: "parent_id",
            label: t!("site-area-parent"),
            input: Some("parent"),
        },
        Field::input("population", t!("site-area-population")),
        Field::input("deprivation_index", t!("site-area-deprivation")),
        Field::input("geometry", t!("site-area-geometry")),
    ]
}

/// The form's numbers and outline, or what was typed that is not one.
struct Typed {
    parent_id: Option<i64>,
    population: i64,
    deprivation_index: f64,
    geometry: Value,
}

fn typed(form: &AreaForm) -> Result<Typed, ApiError> {
    let mut errors = Vec::new();
    let population = form.population.trim().replace(['.', ' '], "").parse();
    if population.is_err() {
        errors.push(FieldError::new("population", t!("must-be-a-whole-number")));
    }
    let deprivation = form.deprivation_index.trim().replace(',', ".").parse();
    if deprivation.is_err() {
        errors.push(FieldError::new(
            "deprivation_index",
            t!("number-between", min = 0, max = 1),
        ));
    }
    let geometry = match form.geometry.trim() {
        "" => Ok(Value::Null),
        text => serde_json::from_str(text),
    };
    if geometry.is_err() {
        errors.push(FieldError::new("geometry", t!("site-area-geometry-json")));
    }
    let parent_id = match form.parent.trim() {
        "" => Ok(None),
        id => id.parse().map(Some),
    };
    if parent_id.is_err() {
        errors.push(FieldError::new("parent_id", t!("no-such-area")));
    }
    match (parent_id, population, deprivation, geometry) {
        (Ok(parent_id), Ok(population), Ok(deprivation_index), Ok(geometry))
            if errors.is_empty() =>
        {
            Ok(Typed {
                parent_id,
                population,
                deprivation_index,
                geometry,
            })
        }
        _ => Err(ApiError::invalid_fields(errors)),
    }
}

/// The map with the typed outline in the area's place, checked as saving would check it.
fn preview(id: Option<i64>, form: &AreaForm, every: &[Area]) -> Result<Option<AreaMap>, ApiError> {
    let typed = typed(form)?;
    let checked = area::check(
        &form.code,
        &form.name,
        typed.population,
        typed.deprivation_index,
        Some(&typed.geometry),
        "",
    )
    .map_err(ApiError::invalid_fields)?;
    let now = crate::clock::now();
    let shown_id = id.unwrap_or(0);
    let mut drawn: Vec<Area> = every.iter().filter(|a| a.id != shown_id).cloned().collect();
    drawn.push(Area {
        id: shown_id,
        code: checked.code,
        name: checked.name,
        parent_id: typed.parent_id,
        population: checked.population,
        deprivation_ppm: checked.deprivation_ppm,
        geometry: checked.geometry,
        created_at: now,
        updated_at: now,
        language: crate::domain::locale::Locale::default(),
    });
    Ok(of_areas(&drawn, Some(shown_id)).map(AreaMap::in_console))
}

async fn render_area(
    page: &Page,
    state: &AppState,
    id: Option<i64>,
    form: AreaForm,
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let loaded = blocking::run(&state.pool, move |conn| {
        let names = match id {
            Some(id) => super::translations::names(conn, id)?,
            None => vec![],
        };
        Ok((areas::every(conn)?, names))
    })
    .await;
    let (every, names) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return failure(page, &error),
    };
    let map = if form.intent == "preview" && errors.is_empty() {
        match preview(id, &form, &every) {
            Ok(map) => map,
            Err(error) => {
                let errors = page.errors(&error, &fields());
                return render_area_with(
                    page,
                    (id, form, names),
                    &every,
                    None,
                    (error.status_code(), errors),
                );
            }
        }
    } else {
        of_areas(&every, id).map(AreaMap::in_console)
    };
    render_area_with(page, (id, form, names), &every, map, (status, errors))
}

fn render_area_with(
    page: &Page,
    (id, form, names): (Option<i64>, AreaForm, OtherLanguages),
    every: &[Area],
    map: Option<AreaMap>,
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    page.render_with(
        status,
        &AreaPage {
            page: page.clone(),
            id,
            form,
            parents: every
                .iter()
                .filter(|a| Some(a.id) != id)
                .map(|a| (a.id.to_string(), a.name.clone()))
                .collect(),
            map,
            names,
            errors,
        },
    )
}

pub async fn new_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let ok = (StatusCode::OK, vec![]);
    render_area(&page, &state, None, AreaForm::default(), ok).await
}

pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    if let Err(answer) = administrator(&req, &state, &page).await {
        return answer;
    }
    let id = path.into_inner();
    let found = match blocking::run(&state.pool, move |conn| areas::get(conn, id)).await {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let geometry = found
        .geometry
        .as_deref()
        .and_then(|g| serde_json::from_str::<Value>(g).ok())
        .map(|g| g.to_string())
        .unwrap_or_default();
    let form = AreaForm {
        code: found.code,
        name: found.name,
        parent: found.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        population: found.population.to_string(),
        deprivation_index: format!("{}", area::deprivation_index(found.deprivation_ppm)),
        geometry,
        ..AreaForm::default()
    };
    render_area(&page, &state, Some(id), form, (StatusCode::OK, vec![])).await
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<AreaForm>,
) -> HttpResponse {
    submit(req, state, None, form.into_inner()).await
}

pub async fn save(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<AreaForm>,
) -> HttpResponse {
    submit(req, state, Some(path.into_inner()), form.into_inner()).await
}

/// Previews the outline, or saves the area through the API's service.
async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: Option<i64>,
    form: AreaForm,
) -> HttpResponse {
    let page = Page::of(&req);
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    if form.intent == "preview" {
        return render_area(&page, &state, id, form, (StatusCode::OK, vec![])).await;
    }
    let saved = match typed(&form) {
        Ok(typed) => {
            let (code, name) = (form.code.clone(), form.name.clone());
            blocking::run(&state.pool, move |conn| match id {
                Some(id) => areas::update(
                    conn,
                    &caller,
                    id,
                    AreaChange {
                        code: Some(code),
                        name: Some(name),
                        parent_id: Some(typed.parent_id),
                        population: Some(typed.population),
                        deprivation_index: Some(typed.deprivation_index),
                        geometry: Some(typed.geometry),
                    },
                ),
                None => areas::create(
                    conn,
                    &caller,
                    NewArea {
                        code,
                        name,
                        parent_id: typed.parent_id,
                        population: typed.population,
                        deprivation_index: typed.deprivation_index,
                        geometry: Some(typed.geometry).filter(|g| !g.is_null()),
                    },
                ),
            })
            .await
        }
        Err(error) => Err(error),
    };
    match saved {
        Ok(saved) => see_other(&format!("/console/areas?saved={}", saved.code)).finish(),
        Err(error) => {
            let errors = page.errors(&error, &fields());
            render_area(&page, &state, id, form, (error.status_code(), errors)).await
        }
    }
}

//! Areas: public to read, administrators change them.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::Admin;
use crate::api::extract::{Json, Query, ReaderLanguages, body_error, nullable};
use crate::api::pagination::{Page, PageQuery};
use crate::domain::area::deprivation_index;
use crate::domain::locale::Locale;
use crate::domain::translation::Translatable;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::service::areas::{self, Area, AreaChange, AreaFilter, NewArea};
use crate::service::translations;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct AreaView {
    pub id: i64,
    pub code: String,
    /// In the first language of `Accept-Language` it has, else in its own.
    pub name: String,
    /// The language of `name`.
    pub language: Locale,
    pub parent_id: Option<i64>,
    pub population: i64,
    /// 0 (least deprived) to 1 (most deprived).
    pub deprivation_index: f64,
    /// GeoJSON Polygon or MultiPolygon.
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Area> for AreaView {
    fn from(a: Area) -> Self {
        Self {
            id: a.id,
            code: a.code,
            name: a.name,
            language: a.language,
            parent_id: a.parent_id,
            population: a.population,
            deprivation_index: deprivation_index(a.deprivation_ppm),
            geometry: a.geometry.and_then(|g| serde_json::from_str(&g).ok()),
            created_at: a.created_at.and_utc(),
            updated_at: a.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateArea {
    #[schema(pattern = "^\\s*[A-Za-z0-9._-]{1,32}\\s*$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    pub name: String,
    pub parent_id: Option<i64>,
    #[schema(minimum = 0, maximum = 1000000000)]
    pub population: i64,
    #[serde(default)]
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub deprivation_index: f64,
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
}

/// Create an area (administrators only).
#[utoipa::path(
    tag = "areas",
    security(("bearer" = [])),
    request_body = CreateArea,
    responses(
        (status = 201, description = "created: the area", body = AreaView),
        (status = 403, description = "not an administrator"),
        (status = 409, description = "code exists"),
        (status = 422, description = "invalid field"),
    )
)]
#[post("/areas")]
pub async fn create_area(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    body: Json<CreateArea>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let area = blocking::run(&state.pool, move |conn| {
        areas::create(
            conn,
            &caller,
            NewArea {
                code: body.code,
                name: body.name,
                parent_id: body.parent_id,
                population: body.population,
                deprivation_index: body.deprivation_index,
                geometry: body.geometry,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(AreaView::from(area)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateArea {
    #[schema(pattern = "^\\s*[A-Za-z0-9._-]{1,32}\\s*$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 120, pattern = r"\S")]
    pub name: Option<String>,
    /// `null` removes the parent.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub parent_id: Option<Option<i64>>,
    #[schema(minimum = 0, maximum = 1000000000)]
    pub population: Option<i64>,
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub deprivation_index: Option<f64>,
    /// `null` removes the outline.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Option<Value>>,
}

/// Change an area (administrators only). Envelopes of editions not yet voting are recomputed.
#[utoipa::path(
    tag = "areas",
    security(("bearer" = [])),
    request_body = UpdateArea,
    params(("id" = i64, Path, description = "area id")),
    responses(
        (status = 200, description = "the area", body = AreaView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such area"),
        (status = 409, description = "another area has this code"),
        (status = 422, description = "invalid field"),
    )
)]
#[patch("/areas/{id}")]
pub async fn update_area(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<UpdateArea>,
) -> ApiResult<web::Json<AreaView>> {
    let id = path.into_inner();
    let body = body.into_inner()?;
    let area = blocking::run(&state.pool, move |conn| {
        areas::update(
            conn,
            &caller,
            id,
            AreaChange {
                code: body.code,
                name: body.name,
                parent_id: body.parent_id,
                population: body.population,
                deprivation_index: body.deprivation_index,
                geometry: body.geometry.map(|g| g.unwrap_or(Value::Null)),
            },
        )
    })
    .await?;
    Ok(web::Json(area.into()))
}

/// Delete an area that nothing refers to (administrators only).
#[utoipa::path(
    tag = "areas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "area id")),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such area"),
        (status = 409, description = "still referred to"),
    )
)]
#[delete("/areas/{id}")]
pub async fn delete_area(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    blocking::run(&state.pool, move |conn| areas::delete(conn, &caller, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One area (public).
#[utoipa::path(
    tag = "areas",
    params(("id" = i64, Path, description = "area id")),
    responses((status = 200, description = "the area", body = AreaView), (status = 404, description = "no such area"))
)]
#[get("/areas/{id}")]
pub async fn get_area(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<web::Json<AreaView>> {
    let id = path.into_inner();
    let mut areas = blocking::run(&state.pool, move |conn| {
        let area = areas::get(conn, id)?;
        in_language(conn, vec![area], &wanted)
    })
    .await?;
    Ok(web::Json(areas.remove(0)))
}

/// Areas as the API shows them, each name in the reader's language.
fn in_language(
    conn: &mut crate::db::DbConnection,
    found: Vec<Area>,
    wanted: &[Locale],
) -> ApiResult<Vec<AreaView>> {
    let mut views = Vec::new();
    for area in found {
        let mut view = AreaView::from(area);
        let place = (Translatable::Area, view.id, view.language);
        view.language = translations::name_in(conn, place, &mut view.name, wanted)?;
        views.push(view);
    }
    Ok(views)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AreaSearch {
    /// Only the sub-areas of this area.
    pub parent_id: Option<i64>,
    /// Text in the code or the name.
    pub q: Option<String>,
    /// Only areas changed at or after this time (for keeping a copy in step).
    pub updated_since: Option<DateTime<Utc>>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List areas in code order (public).
#[utoipa::path(tag = "areas", params(AreaSearch), responses((status = 200, description = "a page of areas", body = Page<AreaView>)))]
#[get("/areas")]
pub async fn list_areas(
    state: web::Data<AppState>,
    query: Query<AreaSearch>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<web::Json<Page<AreaView>>> {
    let query = query.into_inner()?;
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    let limit = page.limit()?;
    let after = page.after()?;
    let items = blocking::run(&state.pool, move |conn| {
        let found = areas::list(
            conn,
            &AreaFilter {
                parent_id: query.parent_id,
                text: query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()),
                updated_since: query.updated_since.map(|t| t.naive_utc()),
                after_code: after.as_deref(),
                limit,
            },
        )?;
        in_language(conn, found, &wanted)
    })
    .await?;
    Ok(web::Json(Page::from_items(items, limit, |a: &AreaView| {
        a.code.clone()
    })))
}

#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    /// Rows that made (with `check_only`: would make) a new entry.
    pub created: usize,
    /// Rows that changed (with `check_only`: would change) an existing one.
    pub updated: usize,
    /// True when the file was only checked and nothing was written.
    pub checked_only: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `true`: check every row and write nothing.
    pub check_only: Option<bool>,
}

/// Largest CSV import accepted.
pub const IMPORT_LIMIT: usize = 2 * 1024 * 1024;

/// Import areas from CSV (administrators only): header `code,name,population,deprivation_index`
/// and optionally `parent_code`; comma or semicolon separated. Every row is checked first; when
/// any row is wrong nothing is written and `errors` names each row by its line number
/// (`rows[3].population`). Existing codes are updated. With `check_only=true` the rows are
/// checked and counted, and nothing is written.
#[utoipa::path(
    tag = "areas",
    security(("bearer" = [])),
    request_body(content = String, content_type = "application/octet-stream", description = "The CSV file as UTF-8 text; sent as `text/csv` or `application/octet-stream`",
        example = json!("code,name,population,deprivation_index,parent_code\nBRUG,Brugse Poort,18400,0.71,\nBRUG-N,Brugse Poort Noord,7300,0.74,BRUG\n")),
    params(ImportQuery),
    responses(
        (status = 200, description = "the areas imported (or, checked only, that would be)", body = ImportResult),
        (status = 403, description = "not an administrator"),
        (status = 415, description = "not CSV"),
        (status = 422, description = "rows with errors; nothing was written"),
    )
)]
#[post("/areas/import")]
pub async fn import_areas(
    req: HttpRequest,
    state: web::Data<AppState>,
    Admin(caller): Admin,
    query: Query<ImportQuery>,
    body: web::Payload,
) -> ApiResult<web::Json<ImportResult>> {
    let check_only = query.into_inner()?.check_only.unwrap_or(false);
    let text = read_csv_body(&req, body, IMPORT_LIMIT).await?;
    let summary = blocking::run(&state.pool, move |conn| {
        areas::import(conn, &caller, &text, check_only)
    })
    .await?;
    Ok(web::Json(ImportResult {
        created: summary.created,
        updated: summary.updated,
        checked_only: check_only,
    }))
}

/// Reads a CSV body (`text/csv` or `application/octet-stream`) of at most `limit` bytes as UTF-8.
pub async fn read_csv_body(
    req: &HttpRequest,
    mut body: web::Payload,
    limit: usize,
) -> ApiResult<String> {
    use futures_util::StreamExt;
    let content_type = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // The document says application/octet-stream, the type client generators can send as a
    // file; people with curl send text/csv.
    let accepted = ["text/csv", "text/plain", "application/octet-stream"];
    if !accepted.iter().any(|t| content_type.starts_with(t)) {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            t!("send-the-file-with-content-type-text"),
        ));
    }
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| body_error(e.into()))?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::new(
                ErrorCode::PayloadTooLarge,
                t!("the-file-is-larger-than-bytes", limit = limit),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|_| ApiError::invalid("body", t!("the-file-is-not-utf-8-text")))?;
    if text.contains('\0') {
        return Err(ApiError::invalid(
            "body",
            t!("the-file-contains-the-nul-character-u"),
        ));
    }
    Ok(text)
}

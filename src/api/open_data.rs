//! Open data for portals and anyone else: a DCAT-AP catalogue and each public table as CSV or
//! JSON. Public, cacheable for five minutes by any cache, and revalidated with `ETag`.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::Encoding;
use crate::api::blocking;
use crate::api::extract::Query;
use crate::error::ApiResult;
use crate::service::open_data::{self, Dataset};
use crate::state::AppState;

const CACHE: &str = "public, max-age=300";

/// Who publishes the data: the name the city signs its mail with (`MAIL_FROM`).
fn publisher(mail_from: &str) -> String {
    match mail_from.split_once('<') {
        Some((name, _)) if !name.trim().is_empty() => name.trim().trim_matches('"').to_string(),
        _ => mail_from.trim().to_string(),
    }
}

/// The catalogue of the open data, in the DCAT-AP vocabulary as JSON-LD: each dataset with its
/// CSV and JSON distributions, and the results with each counted round's `.pb` file.
#[utoipa::path(
    tag = "open-data",
    responses((status = 200, description = "the catalogue (JSON-LD)", content_type = "application/ld+json", body = Object))
)]
#[get("/open-data")]
pub async fn get_open_data_catalogue(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let public_url = state.config.public_url.clone();
    let publisher = publisher(&state.config.mail_from);
    let catalogue = blocking::run(&state.pool, move |conn| {
        open_data::catalogue(conn, &public_url, &publisher)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/ld+json")
        .insert_header((header::CACHE_CONTROL, CACHE))
        .body(catalogue.to_string()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DatasetQuery {
    /// `json` (the default) or `csv`.
    pub format: Option<Encoding>,
}

/// One public table: `editions`, `envelopes`, `proposals` (no drafts, nothing hidden),
/// `results` (with a link to each round's `.pb` file), `decisions` or `spending` (per budget
/// line), as a JSON array of objects or as CSV with a header.
#[utoipa::path(
    tag = "open-data",
    params(("dataset" = Dataset, Path, description = "the table"), DatasetQuery),
    responses(
        (status = 200, description = "the table: a JSON array of one object per row, or CSV", content(
            (Vec<serde_json::Value> = "application/json", example = json!([{"edition_id": 1, "name": "Wijkbudget 2027", "fiscal_year": 2027}])),
            (String = "text/csv", example = json!("edition_id,name,fiscal_year\n1,Wijkbudget 2027,2027\n"))
        )),
        (status = 404, description = "no such dataset"),
    )
)]
#[get("/open-data/{dataset}")]
pub async fn get_open_data(
    state: web::Data<AppState>,
    path: web::Path<Dataset>,
    query: Query<DatasetQuery>,
) -> ApiResult<HttpResponse> {
    let dataset = path.into_inner();
    let format = query.into_inner()?.format.unwrap_or(Encoding::Json);
    let public_url = state.config.public_url.clone();
    let table = blocking::run(&state.pool, move |conn| {
        open_data::table(conn, dataset, &public_url)
    })
    .await?;
    let name = dataset.as_str();
    let (content_type, body, extension) = match format {
        Encoding::Json => ("application/json", table.to_json().to_string(), "json"),
        Encoding::Csv => ("text/csv; charset=utf-8", table.to_csv(), "csv"),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, CACHE))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"wijkbudget-{name}.{extension}\""),
        ))
        .body(body))
}

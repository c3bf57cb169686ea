//! The language versions of proposals, editions, areas, categories and milestones.

use actix_web::{get, put, web};

use crate::api::blocking;
use crate::api::caller::{Caller, MaybeCaller};
use crate::api::extract::Json;
use crate::domain::locale::Locale;
use crate::domain::translation::Translatable;
use crate::error::ApiResult;
use crate::service::translations::{self, TranslationInput, TranslationView, Translations};
use crate::state::AppState;

/// The languages a text can be read in: the one it was written in, and its translations.
#[utoipa::path(tag = "translations",
    params(
        ("subject" = Translatable, Path, description = "`proposal`, `edition`, `area`, `category` or `milestone`"),
        ("id" = i64, Path, description = "its id"),
    ),
    responses(
        (status = 200, description = "its languages and the current translations", body = Translations),
        (status = 404, description = "no such text, or not visible to the caller"),
    ))]
#[get("/translations/{subject}/{id}")]
pub async fn list_translations(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    path: web::Path<(Translatable, i64)>,
) -> ApiResult<web::Json<Translations>> {
    let (subject, id) = path.into_inner();
    let found = blocking::run(&state.pool, move |conn| {
        translations::languages_of(conn, caller.as_ref(), subject, id)
    })
    .await?;
    Ok(web::Json(found))
}

/// Write the version of a text in another language than it was written in; each save is kept
/// in that language's history. A proposal's authors and moderators translate it, finance a
/// milestone, administrators everything. A proposal's translation is searchable at once.
#[utoipa::path(tag = "translations", security(("bearer" = [])),
    params(
        ("subject" = Translatable, Path, description = "`proposal`, `edition`, `area`, `category` or `milestone`"),
        ("id" = i64, Path, description = "its id"),
        ("language" = Locale, Path, description = "`nl`, `fr` or `en`: not the original"),
    ),
    request_body = TranslationInput,
    responses(
        (status = 200, description = "the version saved", body = TranslationView),
        (status = 403, description = "not someone who may translate it"),
        (status = 404, description = "no such text"),
        (status = 409, description = "that is the language it was written in"),
        (status = 422, description = "invalid field"),
    ))]
#[put("/translations/{subject}/{id}/{language}")]
pub async fn upsert_translation(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Translatable, i64, Locale)>,
    body: Json<TranslationInput>,
) -> ApiResult<web::Json<TranslationView>> {
    let target = path.into_inner();
    let input = body.into_inner()?;
    let saved = blocking::run(&state.pool, move |conn| {
        translations::save(conn, &caller, target, &input)
    })
    .await?;
    Ok(web::Json(saved))
}

/// Every version of a translation, newest first.
#[utoipa::path(tag = "translations",
    params(
        ("subject" = Translatable, Path, description = "`proposal`, `edition`, `area`, `category` or `milestone`"),
        ("id" = i64, Path, description = "its id"),
        ("language" = Locale, Path, description = "`nl`, `fr` or `en`"),
    ),
    responses(
        (status = 200, description = "its versions, newest first", body = Vec<TranslationView>),
        (status = 404, description = "no such text"),
    ))]
#[get("/translations/{subject}/{id}/{language}/history")]
pub async fn list_translation_history(
    state: web::Data<AppState>,
    MaybeCaller(caller): MaybeCaller,
    path: web::Path<(Translatable, i64, Locale)>,
) -> ApiResult<web::Json<Vec<TranslationView>>> {
    let target = path.into_inner();
    let versions = blocking::run(&state.pool, move |conn| {
        translations::history(conn, caller.as_ref(), target)
    })
    .await?;
    Ok(web::Json(versions))
}

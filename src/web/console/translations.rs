//! The names of areas in the city's other languages, written by an administrator in the
//! console through the same service (and history) as the API's translations.

use actix_web::{HttpRequest, HttpResponse, web};

use super::editions::administrator;
use crate::api::blocking;
use crate::domain::locale::Locale;
use crate::domain::translation::Translatable;
use crate::service::translations::{self, TranslationInput};
use crate::state::AppState;
use crate::web::page::{Page, see_other};
use crate::web::rounds::failure;

/// A text in each language other than its own: (code, language name, current version).
pub type OtherLanguages = Vec<(&'static str, &'static str, String)>;

/// An area's name in each language other than its own.
pub fn names(
    conn: &mut crate::db::DbConnection,
    id: i64,
) -> crate::error::ApiResult<OtherLanguages> {
    let known = translations::languages_of(conn, None, Translatable::Area, id)?;
    Ok(Locale::ALL
        .into_iter()
        .filter(|l| *l != known.original_language)
        .map(|l| {
            let current = known
                .translations
                .iter()
                .find(|t| t.language == l)
                .map(|t| t.title.clone())
                .unwrap_or_default();
            let name = match l {
                Locale::Nl => "Nederlands",
                Locale::Fr => "Français",
                Locale::En => "English",
            };
            (l.as_str(), name, current)
        })
        .collect())
}

/// Saves the names filled in that differ from the current ones.
pub async fn save_area_names(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let fields = form.into_inner();
    let value = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    if !page.came_from_this_site(&state, &value("csrf_token")) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let typed: Vec<(Locale, String)> = Locale::ALL
        .into_iter()
        .map(|l| (l, value(&format!("name_{}", l.as_str()))))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    let saved = blocking::run(&state.pool, move |conn| {
        let current = names(conn, id)?;
        for (language, name) in typed {
            let unchanged = current
                .iter()
                .any(|(code, _, now)| *code == language.as_str() && *now == name);
            let original = !current
                .iter()
                .any(|(code, _, _)| *code == language.as_str());
            if unchanged || original {
                continue;
            }
            let input = TranslationInput {
                title: name,
                summary: None,
                body: None,
            };
            translations::save(conn, &caller, (Translatable::Area, id, language), &input)?;
        }
        Ok(())
    })
    .await;
    match saved {
        Ok(()) => see_other(&format!("/console/areas/{id}#names")).finish(),
        Err(error) => failure(&page, &error),
    }
}

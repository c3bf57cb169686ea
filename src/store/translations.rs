//! Translations of proposals, editions, areas, categories and milestones: every version kept,
//! the newest per subject and language current.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::domain::translation::Translatable;
use crate::store::schema::{
    areas, edition_categories, editions, milestones, proposals, translations, users,
};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = translations)]
pub struct Translation {
    pub id: i64,
    pub subject: Translatable,
    pub subject_id: i64,
    pub language: Locale,
    pub title: String,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub edited_by: i64,
    pub created_at: NaiveDateTime,
}

/// A new version of a translation.
pub struct NewVersion<'a> {
    pub subject: Translatable,
    pub subject_id: i64,
    pub language: Locale,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub body: Option<&'a str>,
    pub edited_by: i64,
}

pub fn add_version(
    conn: &mut DbConnection,
    new: &NewVersion<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(translations::table)
        .values((
            translations::subject.eq(new.subject),
            translations::subject_id.eq(new.subject_id),
            translations::language.eq(new.language),
            translations::title.eq(new.title),
            translations::summary.eq(new.summary),
            translations::body.eq(new.body),
            translations::edited_by.eq(new.edited_by),
            translations::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The current version in each language the subject is translated into.
pub fn current(
    conn: &mut DbConnection,
    subject: Translatable,
    subject_id: i64,
) -> QueryResult<Vec<Translation>> {
    let every: Vec<Translation> = translations::table
        .filter(translations::subject.eq(subject))
        .filter(translations::subject_id.eq(subject_id))
        .order(translations::id.desc())
        .select(Translation::as_select())
        .load(conn)?;
    let mut newest: Vec<Translation> = Vec::new();
    for version in every {
        if !newest.iter().any(|t| t.language == version.language) {
            newest.push(version);
        }
    }
    newest.sort_by_key(|t| Locale::ALL.iter().position(|l| *l == t.language));
    Ok(newest)
}

/// Every version in one language, newest first, with the name of who wrote it.
pub fn history(
    conn: &mut DbConnection,
    subject: Translatable,
    subject_id: i64,
    language: Locale,
) -> QueryResult<Vec<(Translation, String)>> {
    translations::table
        .inner_join(users::table.on(users::id.eq(translations::edited_by)))
        .filter(translations::subject.eq(subject))
        .filter(translations::subject_id.eq(subject_id))
        .filter(translations::language.eq(language))
        .order(translations::id.desc())
        .select((Translation::as_select(), users::display_name))
        .load(conn)
}

/// The language a subject was written in; `None` when there is no such subject.
pub fn original_language(
    conn: &mut DbConnection,
    subject: Translatable,
    id: i64,
) -> QueryResult<Option<Locale>> {
    match subject {
        Translatable::Proposal => proposals::table
            .find(id)
            .select(proposals::language)
            .first(conn)
            .optional(),
        Translatable::Edition => editions::table
            .find(id)
            .select(editions::language)
            .first(conn)
            .optional(),
        Translatable::Area => areas::table
            .find(id)
            .select(areas::language)
            .first(conn)
            .optional(),
        Translatable::Category => edition_categories::table
            .find(id)
            .select(edition_categories::language)
            .first(conn)
            .optional(),
        Translatable::Milestone => milestones::table
            .find(id)
            .select(milestones::language)
            .first(conn)
            .optional(),
    }
}

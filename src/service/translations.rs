//! Proposals, editions, areas, categories and milestones in Dutch, French and English: who may
//! write a translation, its checks and history, and which version a reader gets.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::locale::Locale;
use crate::domain::markdown;
use crate::domain::role::Role;
use crate::domain::translation::{self, Translatable};
use crate::error::{ApiError, ApiResult, ErrorCode, Thing};
use crate::service::proposals::{check_visible, is_author, is_moderator};
use crate::service::search;
use crate::store;
use crate::store::audit::AuditEvent;
use crate::store::translations::{NewVersion, Translation};

/// One version of a translation.
#[derive(Serialize, ToSchema, Clone, Debug)]
pub struct TranslationView {
    pub language: Locale,
    /// A proposal's or milestone's title; an edition's, area's or category's name.
    pub title: String,
    /// A proposal's summary.
    pub summary: Option<String>,
    /// A proposal's body (Markdown) or a milestone's note.
    pub body: Option<String>,
    pub edited_at: DateTime<Utc>,
    /// Who wrote this version; empty for a former resident.
    pub edited_by: String,
}

/// The languages of a text.
#[derive(Serialize, ToSchema, Clone, Debug)]
pub struct Translations {
    /// The language it was written in (its own fields hold that version).
    pub original_language: Locale,
    /// Every language it can be read in: the original first.
    pub languages: Vec<Locale>,
    /// The current version in each other language.
    pub translations: Vec<TranslationView>,
}

/// The texts of a translation.
#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    /// A title (1 to 120 characters), or a name for an edition, area or category.
    pub title: String,
    /// For a proposal, required: 1 to 500 characters.
    pub summary: Option<String>,
    /// For a proposal (Markdown) or a milestone (its note): at most 20,000 characters.
    pub body: Option<String>,
}

fn view(t: Translation, edited_by: String) -> TranslationView {
    TranslationView {
        language: t.language,
        title: t.title,
        summary: t.summary,
        body: t.body,
        edited_at: t.created_at.and_utc(),
        edited_by,
    }
}

fn thing(subject: Translatable) -> Thing {
    match subject {
        Translatable::Proposal => Thing::Proposal,
        Translatable::Edition => Thing::Edition,
        Translatable::Area => Thing::Area,
        Translatable::Category => Thing::Object,
        Translatable::Milestone => Thing::Milestone,
    }
}

/// The subject's original language, once the caller may see it (a 404 otherwise).
fn original(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    subject: Translatable,
    id: i64,
) -> ApiResult<Locale> {
    let language = store::translations::original_language(conn, subject, id)?
        .ok_or_else(|| ApiError::not_found(thing(subject)))?;
    let proposal = match subject {
        Translatable::Proposal => Some(id),
        Translatable::Milestone => store::milestones::find(conn, id)?.map(|m| m.proposal_id),
        _ => None,
    };
    if let Some(p) = proposal {
        let p =
            store::proposals::find(conn, p)?.ok_or_else(|| ApiError::not_found(thing(subject)))?;
        check_visible(conn, &p, caller).map_err(|_| ApiError::not_found(thing(subject)))?;
    }
    Ok(language)
}

/// Who may write a subject's translations: a proposal's authors and moderators, finance for a
/// milestone, administrators for all.
fn check_may_translate(
    conn: &mut DbConnection,
    caller: &Caller,
    subject: Translatable,
    id: i64,
) -> ApiResult<()> {
    if caller.is_admin() {
        return Ok(());
    }
    let allowed = match subject {
        Translatable::Proposal => {
            let p = store::proposals::find(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
            is_author(conn, &p, caller)? || is_moderator(&p, caller)
        }
        Translatable::Milestone => caller.has(Role::Finance),
        Translatable::Edition | Translatable::Area | Translatable::Category => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(t!("only-who-writes-it-translates-it")))
    }
}

pub fn languages_of(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    subject: Translatable,
    id: i64,
) -> ApiResult<Translations> {
    let original_language = original(conn, caller, subject, id)?;
    let mut translations = Vec::new();
    for t in store::translations::current(conn, subject, id)? {
        let by = store::users::find(conn, t.edited_by)?
            .filter(|u| u.erased_at.is_none())
            .map(|u| u.display_name)
            .unwrap_or_default();
        translations.push(view(t, by));
    }
    let mut languages = vec![original_language];
    languages.extend(translations.iter().map(|t| t.language));
    Ok(Translations {
        original_language,
        languages,
        translations,
    })
}

/// Writes a new version of a translation (the first one adds the language).
pub fn save(
    conn: &mut DbConnection,
    caller: &Caller,
    (subject, id, language): (Translatable, i64, Locale),
    input: &TranslationInput,
) -> ApiResult<TranslationView> {
    let errors = translation::check(
        subject,
        &input.title,
        input.summary.as_deref(),
        input.body.as_deref(),
    );
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    db::write_transaction(conn, |conn| {
        let original_language = original(conn, Some(caller), subject, id)?;
        check_may_translate(conn, caller, subject, id)?;
        if language == original_language {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("that-is-the-language-it-was-written-in"),
            ));
        }
        let (title, summary, body) = (
            input.title.trim(),
            input.summary.as_deref().map(str::trim),
            input.body.as_deref(),
        );
        store::translations::add_version(
            conn,
            &NewVersion {
                subject,
                subject_id: id,
                language,
                title,
                summary,
                body,
                edited_by: caller.id(),
            },
            crate::clock::now(),
        )?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "translation_saved",
                entity_type: subject.as_str(),
                entity_id: id.to_string(),
                details: serde_json::json!({"language": language}),
            },
        )?;
        if subject == Translatable::Proposal {
            let text = format!(
                "{}\n{}",
                summary.unwrap_or_default(),
                body.unwrap_or_default()
            );
            search::index_text(conn, (id, language), title, &text)?;
        }
        let saved = store::translations::current(conn, subject, id)?
            .into_iter()
            .find(|t| t.language == language)
            .ok_or_else(|| ApiError::not_found(thing(subject)))?;
        Ok(view(saved, caller.user.display_name.clone()))
    })
}

/// Every version of one translation, newest first.
pub fn history(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    (subject, id, language): (Translatable, i64, Locale),
) -> ApiResult<Vec<TranslationView>> {
    original(conn, caller, subject, id)?;
    Ok(store::translations::history(conn, subject, id, language)?
        .into_iter()
        .map(|(t, by)| view(t, by))
        .collect())
}

/// The version of a text to show a reader who wants `wanted` (most wanted first): its
/// language, and the translation when it is not the original.
pub fn version_for(
    conn: &mut DbConnection,
    (subject, id, original): (Translatable, i64, Locale),
    wanted: &[Locale],
) -> ApiResult<(Locale, Vec<Locale>, Option<Translation>)> {
    let current = store::translations::current(conn, subject, id)?;
    let available: Vec<Locale> = current.iter().map(|t| t.language).collect();
    let chosen = translation::choose(wanted, &available, original);
    let mut languages = vec![original];
    languages.extend(available);
    let version = current
        .into_iter()
        .find(|t| t.language == chosen && chosen != original);
    Ok((chosen, languages, version))
}

/// Puts a name (an area's, an edition's) in the reader's language; returns the language it is
/// then in.
pub fn name_in(
    conn: &mut DbConnection,
    place: (Translatable, i64, Locale),
    name: &mut String,
    wanted: &[Locale],
) -> ApiResult<Locale> {
    let (language, _, version) = version_for(conn, place, wanted)?;
    if let Some(version) = version {
        *name = version.title;
    }
    Ok(language)
}

/// A proposal's texts in the reader's language: title, summary, body (as HTML).
pub struct ProposalTexts {
    pub language: Locale,
    pub languages: Vec<Locale>,
    pub title: String,
    pub summary: String,
    pub body_html: String,
}

pub fn proposal_texts(
    conn: &mut DbConnection,
    p: &store::proposals::Proposal,
    wanted: &[Locale],
) -> ApiResult<ProposalTexts> {
    let (language, languages, version) =
        version_for(conn, (Translatable::Proposal, p.id, p.language), wanted)?;
    Ok(match version {
        Some(t) => ProposalTexts {
            language,
            languages,
            body_html: markdown::render(t.body.as_deref().unwrap_or_default()),
            summary: t.summary.unwrap_or_default(),
            title: t.title,
        },
        None => ProposalTexts {
            language,
            languages,
            title: p.title.clone(),
            summary: p.summary.clone(),
            body_html: markdown::render(&p.body),
        },
    })
}

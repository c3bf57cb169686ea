//! Accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::store::schema::users;

#[derive(Queryable, Selectable, Identifiable, Clone, Debug)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub locale: Locale,
    pub birth_date: Option<String>,
    pub claimed_area_id: Option<i64>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub notify_by_email: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub erased_at: Option<NaiveDateTime>,
}

impl User {
    /// What a former resident's address becomes: no address at all, so no mail reaches
    /// anyone and no registration can take it.
    pub fn erased_address(id: i64) -> String {
        format!("erased:{id}")
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub locale: Locale,
    pub birth_date: Option<&'a str>,
    pub claimed_area_id: Option<i64>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub notify_by_email: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(new)
        .returning(users::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn set_password(conn: &mut DbConnection, id: i64, password_hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::updated_at.eq(crate::clock::now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_verified(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(at))
    .execute(conn)?;
    Ok(())
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: i64,
    display_name: Option<&str>,
    locale: Option<Locale>,
    notify_by_email: Option<bool>,
) -> QueryResult<()> {
    let now = crate::clock::now();
    if let Some(name) = display_name {
        diesel::update(users::table.find(id))
            .set((users::display_name.eq(name), users::updated_at.eq(now)))
            .execute(conn)?;
    }
    if let Some(locale) = locale {
        diesel::update(users::table.find(id))
            .set((users::locale.eq(locale), users::updated_at.eq(now)))
            .execute(conn)?;
    }
    if let Some(notify) = notify_by_email {
        diesel::update(users::table.find(id))
            .set((users::notify_by_email.eq(notify), users::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(())
}

/// Clears every personal field of an account and keeps the row for what refers to it; the
/// password can no longer match anything.
pub fn erase(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(User::erased_address(id)),
            users::password_hash.eq("!"),
            users::display_name.eq(""),
            users::birth_date.eq(None::<String>),
            users::claimed_area_id.eq(None::<i64>),
            users::notify_by_email.eq(false),
            users::updated_at.eq(now),
            users::erased_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// One page of accounts, by id, optionally filtered by a text in the address or the name.
/// Where an account is with its residency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResidencyStatus {
    /// Verified in an area: may co-sign and vote there.
    Verified,
    /// Says where they live and waits for staff to verify it.
    Pending,
    /// Has not said where they live.
    None,
}

pub struct UserFilter<'a> {
    /// Text found in the e-mail address or the display name.
    pub text: Option<&'a str>,
    pub role: Option<crate::domain::role::Role>,
    /// Verified in this area, or saying they live there.
    pub area_id: Option<i64>,
    pub residency: Option<ResidencyStatus>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn search(conn: &mut DbConnection, filter: &UserFilter<'_>) -> QueryResult<Vec<User>> {
    use crate::store::schema::{residencies, role_grants};
    let mut query = users::table.select(User::as_select()).into_boxed();
    if let Some(role) = filter.role {
        query = query.filter(
            users::id.eq_any(
                role_grants::table
                    .filter(role_grants::role.eq(role.as_str()))
                    .select(role_grants::user_id),
            ),
        );
    }
    if let Some(area) = filter.area_id {
        query = query.filter(
            users::id
                .eq_any(
                    residencies::table
                        .filter(residencies::area_id.eq(area))
                        .select(residencies::user_id),
                )
                .or(users::claimed_area_id.eq(area)),
        );
    }
    let verified = || residencies::table.select(residencies::user_id);
    query = match filter.residency {
        Some(ResidencyStatus::Verified) => query.filter(users::id.eq_any(verified())),
        Some(ResidencyStatus::Pending) => query
            .filter(users::claimed_area_id.is_not_null())
            .filter(users::id.ne_all(verified())),
        Some(ResidencyStatus::None) => query
            .filter(users::claimed_area_id.is_null())
            .filter(users::id.ne_all(verified())),
        None => query,
    };
    let (text, after_id, limit) = (filter.text, filter.after_id, filter.limit);
    if let Some(text) = text {
        let pattern = format!("%{}%", crate::store::sql::escape_like(&text.to_lowercase()));
        query = query.filter(
            users::email
                .like(pattern.clone())
                .escape('\\')
                .or(crate::store::sql::lower(users::display_name)
                    .like(pattern)
                    .escape('\\')),
        );
    }
    if let Some(after) = after_id {
        query = query.filter(users::id.gt(after));
    }
    query.order(users::id).limit(limit).load(conn)
}

/// A verified resident, as voting needs them.
#[derive(Queryable, Clone, Debug)]
pub struct Resident {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub notify_by_email: bool,
}

/// Every verified resident who may vote (old enough when a date is given), with their area.
pub fn resident_areas(
    conn: &mut DbConnection,
    born_on_or_before: Option<&str>,
) -> QueryResult<Vec<(i64, i64)>> {
    use crate::store::schema::residencies;
    let mut query = users::table
        .inner_join(residencies::table.on(residencies::user_id.eq(users::id)))
        .filter(users::email_verified_at.is_not_null())
        .filter(users::erased_at.is_null())
        .select((users::id, residencies::area_id))
        .into_boxed();
    if let Some(date) = born_on_or_before {
        query = query.filter(users::birth_date.le(date.to_string()));
    }
    query.load(conn)
}

/// Verified residents (of the area, or of any area), optionally born on or before a date
/// (`YYYY-MM-DD`).
pub fn residents(
    conn: &mut DbConnection,
    area_id: Option<i64>,
    born_on_or_before: Option<&str>,
) -> QueryResult<Vec<Resident>> {
    use crate::store::schema::residencies;
    let mut query = users::table
        .inner_join(residencies::table.on(residencies::user_id.eq(users::id)))
        .filter(users::email_verified_at.is_not_null())
        .filter(users::erased_at.is_null())
        .select((
            users::id,
            users::email,
            users::display_name,
            users::locale,
            users::notify_by_email,
        ))
        .into_boxed();
    if let Some(area) = area_id {
        query = query.filter(residencies::area_id.eq(area));
    }
    if let Some(date) = born_on_or_before {
        query = query.filter(users::birth_date.le(date.to_string()));
    }
    query.order(users::id).load(conn)
}

pub fn set_birth_date(conn: &mut DbConnection, id: i64, born: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::birth_date.eq(born))
        .execute(conn)?;
    Ok(())
}

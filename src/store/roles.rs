//! Role grants, each with its scope (an area for area workers, a department for reviewers).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::role::Role;
use crate::store::schema::role_grants;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = role_grants)]
pub struct RoleGrant {
    pub id: i64,
    pub user_id: i64,
    pub role: Role,
    pub area_id: Option<i64>,
    pub department: Option<String>,
    pub scope_key: String,
    pub granted_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// The key that makes a grant unique per user, role and scope.
pub fn scope_key(area_id: Option<i64>, department: Option<&str>) -> String {
    match (area_id, department) {
        (Some(area), _) => format!("area:{area}"),
        (None, Some(dept)) => format!("department:{dept}"),
        (None, None) => String::new(),
    }
}

/// Grants a role; returns `None` when the user already had exactly this grant.
pub fn grant(
    conn: &mut DbConnection,
    user_id: i64,
    role: Role,
    area_id: Option<i64>,
    department: Option<&str>,
    granted_by: Option<i64>,
) -> QueryResult<Option<RoleGrant>> {
    let key = scope_key(area_id, department);
    let existing = role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::role.eq(role))
        .filter(role_grants::scope_key.eq(&key))
        .select(role_grants::id)
        .first::<i64>(conn)
        .optional()?;
    if existing.is_some() {
        return Ok(None);
    }
    diesel::insert_into(role_grants::table)
        .values((
            role_grants::user_id.eq(user_id),
            role_grants::role.eq(role),
            role_grants::area_id.eq(area_id),
            role_grants::department.eq(department),
            role_grants::scope_key.eq(&key),
            role_grants::granted_by.eq(granted_by),
            role_grants::created_at.eq(crate::clock::now()),
        ))
        .returning(role_grants::all_columns)
        .get_result(conn)
        .map(Some)
}

pub fn revoke(
    conn: &mut DbConnection,
    user_id: i64,
    grant_id: i64,
) -> QueryResult<Option<RoleGrant>> {
    let grant = role_grants::table
        .filter(role_grants::id.eq(grant_id))
        .filter(role_grants::user_id.eq(user_id))
        .select(RoleGrant::as_select())
        .first(conn)
        .optional()?;
    if grant.is_some() {
        diesel::delete(role_grants::table.find(grant_id)).execute(conn)?;
    }
    Ok(grant)
}

/// Locks every administrator grant until the transaction ends, so two administrators removing
/// each other at once cannot both succeed.
pub fn lock_admin_grants(conn: &mut DbConnection) -> QueryResult<usize> {
    diesel::update(role_grants::table.filter(role_grants::role.eq(Role::Admin)))
        .set(role_grants::id.eq(role_grants::id))
        .execute(conn)
}

pub fn count_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    role_grants::table
        .filter(role_grants::role.eq(Role::Admin))
        .count()
        .get_result(conn)
}

pub fn for_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<RoleGrant>> {
    role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .order(role_grants::id)
        .select(RoleGrant::as_select())
        .load(conn)
}

/// The addresses of the administrators and their languages, for mail about the platform.
pub fn admin_addresses(
    conn: &mut DbConnection,
) -> QueryResult<Vec<(String, crate::domain::locale::Locale)>> {
    use crate::store::schema::users;
    role_grants::table
        .inner_join(users::table)
        .filter(role_grants::role.eq(Role::Admin))
        .filter(users::erased_at.is_null())
        .select((users::email, users::locale))
        .distinct()
        .load(conn)
}

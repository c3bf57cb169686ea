//! API clients: systems of the city that call the API on their own behalf.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::api_clients;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = api_clients)]
pub struct ApiClient {
    pub id: i64,
    pub client_id: String,
    pub name: String,
    pub user_id: i64,
    pub secret_hash: String,
    pub scopes: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = api_clients)]
pub struct NewApiClient<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub user_id: i64,
    pub secret_hash: &'a str,
    pub scopes: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewApiClient<'_>) -> QueryResult<ApiClient> {
    diesel::insert_into(api_clients::table)
        .values(new)
        .returning(api_clients::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .find(id)
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_client_id(
    conn: &mut DbConnection,
    client_id: &str,
) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

/// The client an account acts for, if it is a client's account.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .filter(api_clients::user_id.eq(user_id))
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<ApiClient>> {
    api_clients::table
        .order(api_clients::id)
        .select(ApiClient::as_select())
        .load(conn)
}

/// Revokes a client; false when it was revoked already.
pub fn revoke(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        api_clients::table
            .find(id)
            .filter(api_clients::revoked_at.is_null()),
    )
    .set(api_clients::revoked_at.eq(at))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn mark_used(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(api_clients::table.find(id))
        .set(api_clients::last_used_at.eq(at))
        .execute(conn)?;
    Ok(())
}

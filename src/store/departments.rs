//! The city's departments.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::departments;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = departments)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Department>> {
    departments::table
        .find(code)
        .select(Department::as_select())
        .first(conn)
        .optional()
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Department>> {
    departments::table
        .order(departments::code)
        .select(Department::as_select())
        .load(conn)
}

pub fn insert(
    conn: &mut DbConnection,
    code: &str,
    name: &str,
    now: NaiveDateTime,
) -> QueryResult<Department> {
    diesel::insert_into(departments::table)
        .values((
            departments::code.eq(code),
            departments::name.eq(name),
            departments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Department {
        code: code.to_string(),
        name: name.to_string(),
        created_at: now,
    })
}

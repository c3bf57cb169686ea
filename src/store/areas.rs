//! Areas (wijken): the neighbourhoods a city splits its budget over.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::areas;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub population: i64,
    pub deprivation_ppm: i64,
    pub geometry: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Area>> {
    areas::table
        .find(id)
        .select(Area::as_select())
        .first(conn)
        .optional()
}

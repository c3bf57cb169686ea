//! The city's departments: read by staff frontends, kept by administrators.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Admin;
use crate::api::extract::Json;
use crate::error::ApiResult;
use crate::service::departments::{self, Department};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct DepartmentView {
    /// Lower case; reviews and reviewer roles name the department by it (any case).
    pub code: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl From<Department> for DepartmentView {
    fn from(d: Department) -> Self {
        Self {
            code: d.code,
            name: d.name,
            created_at: d.created_at.and_utc(),
        }
    }
}

/// The city's departments (public), by code.
#[utoipa::path(tag = "departments", responses((status = 200, description = "the departments", body = Vec<DepartmentView>)))]
#[get("/departments")]
pub async fn list_departments(
    state: web::Data<AppState>,
) -> ApiResult<web::Json<Vec<DepartmentView>>> {
    let all = blocking::run(&state.pool, departments::list).await?;
    Ok(web::Json(
        all.into_iter().map(DepartmentView::from).collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDepartment {
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub name: String,
}

/// Add a department (administrators only; audited). A code that differs only in case from an
/// existing one is the same department: `409 already_exists`.
#[utoipa::path(
    tag = "departments",
    security(("bearer" = [])),
    request_body = CreateDepartment,
    responses(
        (status = 201, description = "created: the department", body = DepartmentView),
        (status = 403, description = "not an administrator"),
        (status = 409, description = "the department exists"),
        (status = 422, description = "invalid code or name"),
    )
)]
#[post("/departments")]
pub async fn create_department(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    body: Json<CreateDepartment>,
) -> ApiResult<HttpResponse> {
    let request = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        departments::create(conn, &caller, &request.code, &request.name)
    })
    .await?;
    Ok(HttpResponse::Created().json(DepartmentView::from(created)))
}

//! The city's departments, a managed list administrators keep. Reviews are assigned to, and
//! reviewers work in, a department of the list, named by its code: a name typed in another
//! case is the same department, an unknown one is refused rather than silently created.

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
pub use crate::store::departments::Department;
use crate::store::{self, audit::AuditEvent};

/// A department's code: what is typed, trimmed and in lower case.
pub fn code_of(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// The department a typed name means, or a 422 naming `field` and the departments there are.
pub fn resolve(conn: &mut DbConnection, field: &str, typed: &str) -> ApiResult<String> {
    let code = code_of(typed);
    if store::departments::find(conn, &code)?.is_some() {
        return Ok(code);
    }
    let known: Vec<String> = store::departments::all(conn)?
        .into_iter()
        .map(|d| d.code)
        .collect();
    Err(ApiError::invalid(
        field,
        if known.is_empty() {
            t!("no-departments-yet")
        } else {
            t!("not-a-department", known = known.join(", "))
        },
    ))
}

pub fn list(conn: &mut DbConnection) -> ApiResult<Vec<Department>> {
    Ok(store::departments::all(conn)?)
}

/// An administrator adds a department.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    code: &str,
    name: &str,
) -> ApiResult<Department> {
    caller.require_admin()?;
    let code = code_of(code);
    let name = name.trim();
    let mut errors = Vec::new();
    if code.is_empty() || code.chars().count() > 80 || code.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "code",
            t!("length-between", min = 1, max = 80),
        ));
    }
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "name",
            t!("length-between", min = 1, max = 120),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    db::write_transaction(conn, |conn| {
        if store::departments::find(conn, &code)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                t!("department-exists-already", code = code),
            ));
        }
        let department = store::departments::insert(conn, &code, name, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "department_created",
                entity_type: "department",
                entity_id: code.clone(),
                details: serde_json::json!({"name": name}),
            },
        )?;
        Ok(department)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_department_whatever_the_case_or_spaces() {
        assert_eq!(code_of(" Groen "), "groen");
        assert_eq!(code_of("GROEN"), code_of("groen"));
    }
}

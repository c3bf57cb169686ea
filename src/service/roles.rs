//! Granting and revoking roles, and finding accounts (administrators only).

pub use crate::store::users::{ResidencyStatus, UserFilter};

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::role::Role;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::store::{self, audit::AuditEvent, roles::RoleGrant, users::User};

pub struct GrantRequest {
    pub role: Role,
    pub area_id: Option<i64>,
    pub department: Option<String>,
}

/// Grants a role with its scope: area workers need an area, reviewers a department, the other
/// roles neither. Granting what the user already has changes nothing and is not an error.
pub fn grant(
    conn: &mut DbConnection,
    caller: &Caller,
    user_id: i64,
    request: GrantRequest,
) -> ApiResult<RoleGrant> {
    caller.require_admin()?;
    let department = request
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let mut errors = Vec::new();
    match request.role {
        Role::AreaWorker => {
            if request.area_id.is_none() {
                errors.push(FieldError::new(
                    "area_id",
                    t!("an-area-worker-needs-an-area"),
                ));
            }
            if department.is_some() {
                errors.push(FieldError::new(
                    "department",
                    t!("only-reviewers-have-a-department"),
                ));
            }
        }
        Role::Reviewer => {
            if department.is_none() {
                errors.push(FieldError::new(
                    "department",
                    t!("a-reviewer-needs-a-department"),
                ));
            }
            if request.area_id.is_some() {
                errors.push(FieldError::new(
                    "area_id",
                    t!("only-area-workers-have-an-area"),
                ));
            }
        }
        _ => {
            if request.area_id.is_some() {
                errors.push(FieldError::new(
                    "area_id",
                    t!("only-area-workers-have-an-area"),
                ));
            }
            if department.is_some() {
                errors.push(FieldError::new(
                    "department",
                    t!("only-reviewers-have-a-department"),
                ));
            }
        }
    }
    if department.is_some_and(|d| d.chars().count() > 80) {
        errors.push(FieldError::new(
            "department",
            t!("length-at-most", max = 80),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    db::write_transaction(conn, |conn| {
        store::users::find(conn, user_id)?.ok_or_else(|| ApiError::not_found(Thing::User))?;
        if store::api_clients::of_user(conn, user_id)?.is_some() {
            return Err(ApiError::invalid(
                "role",
                t!("an-api-client-holds-scopes-not-roles"),
            ));
        }
        if let Some(area_id) = request.area_id
            && store::areas::find(conn, area_id)?.is_none()
        {
            return Err(ApiError::invalid_coded(
                "area_id",
                "not_found",
                t!("no-such-area"),
            ));
        }
        let department = department
            .map(|d| crate::service::departments::resolve(conn, "department", d))
            .transpose()?;
        let department = department.as_deref();
        match store::roles::grant(
            conn,
            user_id,
            request.role,
            request.area_id,
            department,
            Some(caller.id()),
        )? {
            Some(grant) => {
                store::audit::append(
                    conn,
                    AuditEvent {
                        actor_id: Some(caller.id()),
                        action: "role_granted",
                        entity_type: "user",
                        entity_id: user_id.to_string(),
                        details: serde_json::json!({
                            "grant_id": grant.id,
                            "role": grant.role,
                            "area_id": grant.area_id,
                            "department": grant.department,
                        }),
                    },
                )?;
                Ok(grant)
            }
            None => store::roles::for_user(conn, user_id)?
                .into_iter()
                .find(|g| {
                    g.role == request.role
                        && g.scope_key == store::roles::scope_key(request.area_id, department)
                })
                .ok_or_else(|| ApiError::internal("grant vanished")),
        }
    })
}

pub fn revoke(
    conn: &mut DbConnection,
    caller: &Caller,
    user_id: i64,
    grant_id: i64,
) -> ApiResult<()> {
    caller.require_admin()?;
    db::write_transaction(conn, |conn| {
        store::roles::lock_admin_grants(conn)?;
        let grant = store::roles::revoke(conn, user_id, grant_id)?
            .ok_or_else(|| ApiError::not_found(Thing::RoleGrant))?;
        if grant.role == Role::Admin && store::roles::count_admins(conn)? == 0 {
            return Err(ApiError::new(
                ErrorCode::LastAdministrator,
                t!("this-is-the-last-administrator-s-role"),
            ));
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "role_revoked",
                entity_type: "user",
                entity_id: user_id.to_string(),
                details: serde_json::json!({
                    "grant_id": grant.id,
                    "role": grant.role,
                    "area_id": grant.area_id,
                    "department": grant.department,
                }),
            },
        )?;
        Ok(())
    })
}

/// An account with its grants, as administrators see it.
pub struct UserWithRoles {
    pub user: User,
    pub grants: Vec<RoleGrant>,
    pub residency: Option<store::residency::Residency>,
}

/// One account with its grants and residency, for administrators.
pub fn user_with_roles(
    conn: &mut DbConnection,
    caller: &Caller,
    user_id: i64,
) -> ApiResult<UserWithRoles> {
    caller.require_admin()?;
    let user =
        store::users::find(conn, user_id)?.ok_or_else(|| ApiError::not_found(Thing::User))?;
    Ok(UserWithRoles {
        grants: store::roles::for_user(conn, user.id)?,
        residency: store::residency::find(conn, user.id)?,
        user,
    })
}

/// Accounts for administrators; an area worker sees the accounts of an area they work in (the
/// residents waiting for verification there, for one), and only with that area as a filter.
pub fn list_users(
    conn: &mut DbConnection,
    caller: &Caller,
    filter: &store::users::UserFilter<'_>,
) -> ApiResult<Vec<UserWithRoles>> {
    if !caller.is_admin() && !filter.area_id.is_some_and(|a| caller.works_in_area(a)) {
        return Err(ApiError::forbidden(t!("this-needs-the-admin-role-or-the")));
    }
    let users = store::users::search(
        conn,
        &store::users::UserFilter {
            text: filter.text.map(str::trim).filter(|t| !t.is_empty()),
            ..*filter
        },
    )?;
    users
        .into_iter()
        .map(|user| {
            let grants = store::roles::for_user(conn, user.id)?;
            let residency = store::residency::find(conn, user.id)?;
            Ok(UserWithRoles {
                user,
                grants,
                residency,
            })
        })
        .collect()
}

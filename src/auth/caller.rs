//! The authenticated caller, as every service sees it. Loaded fresh on each request (by
//! `service::accounts::caller_for_session`), so a role granted or revoked, or a session ended,
//! takes effect on the next request.

use crate::domain::role::Role;
use crate::domain::scope::Scope;
use crate::error::{ApiError, ApiResult, ErrorCode};
pub use crate::store::{residency::Residency, roles::RoleGrant, users::User};

#[derive(Clone)]
pub struct Caller {
    pub user: User,
    pub session_id: String,
    pub grants: Vec<RoleGrant>,
    pub residency: Option<Residency>,
    /// Set when a system of the city calls through an API client: it holds scopes, no roles.
    pub client: Option<ClientAccess>,
}

/// An API client's access, as its token gives it.
#[derive(Clone, Debug)]
pub struct ClientAccess {
    pub client_id: String,
    pub scopes: Vec<Scope>,
}

impl Caller {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    /// A person holds the roles granted to them; an API client the roles its scopes allow.
    pub fn has(&self, role: Role) -> bool {
        match &self.client {
            Some(client) => client.scopes.iter().any(|s| s.role() == Some(role)),
            None => self.grants.iter().any(|g| g.role == role),
        }
    }

    /// Whether an API client holds the scope; a person never does (their roles decide).
    pub fn holds(&self, scope: Scope) -> bool {
        self.client
            .as_ref()
            .is_some_and(|client| client.scopes.contains(&scope))
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// 403 unless the caller holds the role (administrators hold every role).
    pub fn require(&self, role: Role) -> ApiResult<()> {
        if self.has(role) || self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden(t!("needs-role", role = role.as_str())))
        }
    }

    pub fn require_admin(&self) -> ApiResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden(t!("this-needs-the-admin-role")))
        }
    }

    /// True for an area worker whose grant covers the area.
    pub fn works_in_area(&self, area_id: i64) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::AreaWorker && g.area_id == Some(area_id))
    }

    /// The areas the caller works in as an area worker.
    pub fn worker_areas(&self) -> Vec<i64> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::AreaWorker)
            .filter_map(|g| g.area_id)
            .collect()
    }

    pub fn reviewer_departments(&self) -> Vec<&str> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Reviewer)
            .filter_map(|g| g.department.as_deref())
            .collect()
    }

    pub fn email_verified(&self) -> bool {
        self.user.email_verified_at.is_some()
    }

    /// Co-signing, submitting and voting need a verified address.
    pub fn require_verified_email(&self) -> ApiResult<()> {
        if self.client.is_some() {
            return Err(ApiError::forbidden(t!(
                "an-api-client-does-not-act-as-a-resident"
            )));
        }
        if self.email_verified() {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::EmailNotVerified,
                t!("verify-your-e-mail-address-first"),
            ))
        }
    }

    /// The area the caller is a verified resident of, if any.
    pub fn resident_area(&self) -> Option<i64> {
        self.residency.as_ref().map(|r| r.area_id)
    }
}

//! Accounts: the first administrator, registration, verification, sign-in and profiles.

use crate::auth::password::{self, Password};
use crate::db::{self, DbConnection};
use crate::domain::email::Email;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};
use crate::store::{self, audit::AuditEvent, users::NewUser};

/// What `create-admin` did.
pub enum AdminCreated {
    NewAccount(i64),
    ExistingAccountPromoted(i64),
}

/// Creates a verified administrator, or makes an existing account one (with the new password).
pub fn create_admin(
    conn: &mut DbConnection,
    email: &str,
    raw_password: &str,
) -> ApiResult<AdminCreated> {
    let email = Email::parse(email).map_err(|m| ApiError::invalid("email", m))?;
    let password = Password::parse(raw_password, &[email.as_str()])
        .map_err(|m| ApiError::invalid("password", m))?;
    let hash = password::hash(&password).map_err(ApiError::internal)?;
    db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        let (user_id, outcome) = match store::users::find_by_email(conn, email.as_str())? {
            Some(user) => {
                store::users::set_password(conn, user.id, &hash, Some(now))?;
                store::users::mark_verified(conn, user.id, now)?;
                (user.id, AdminCreated::ExistingAccountPromoted(user.id))
            }
            None => {
                let display_name = email.as_str().split('@').next().unwrap_or("admin");
                let user = store::users::insert(
                    conn,
                    &NewUser {
                        email: email.as_str(),
                        password_hash: &hash,
                        display_name,
                        locale: "nl",
                        birth_date: None,
                        claimed_area_id: None,
                        email_verified_at: Some(now),
                        sessions_valid_after: now,
                        notify_by_email: true,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                (user.id, AdminCreated::NewAccount(user.id))
            }
        };
        if let Some(grant) = store::roles::grant(conn, user_id, Role::Admin, None, None, None)? {
            store::audit::append(
                conn,
                AuditEvent {
                    actor_id: None,
                    action: "role_granted",
                    entity_type: "user",
                    entity_id: user_id.to_string(),
                    details: serde_json::json!({"role": grant.role, "via": "create-admin"}),
                },
            )?;
        }
        Ok(outcome)
    })
}

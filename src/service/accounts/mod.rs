//! Accounts: the first administrator, registration, e-mail verification, sign-in sessions,
//! password reset and change, and the caller's own profile.
//!
//! Steps that hash a password run outside any transaction, so a slow hash never holds a
//! database lock; every answer that could reveal whether an address is registered is the same
//! for known and unknown addresses.

pub use crate::store::outbox::MailSummary;

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::auth::caller::Caller;
use crate::auth::device;
use crate::auth::password::{self, HashingLimit, Password};
use crate::auth::tokens::{self, ACCESS_TOKEN_SECONDS, TokenKeys};
use crate::config::SecretKey;
use crate::db::{self, DbConnection, Pool};
use crate::domain::email::Email;
use crate::domain::locale::Locale;
use crate::domain::one_time_token::TokenPurpose;
use crate::domain::role::Role;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::i18n::Text;
use crate::mail::{self, templates::Template};
use crate::service::rate_limit;
use crate::store::{self, audit::AuditEvent, one_time_tokens, users::NewUser};

mod personal_data;
mod sessions;
pub use personal_data::*;
pub use sessions::*;

/// A slot for a password hash, or 503 with Retry-After when too many run already.
fn hashing_slot(limit: &HashingLimit) -> ApiResult<password::HashPermit<'_>> {
    limit
        .permit()
        .ok_or_else(|| ApiError::unavailable("too many password hashes at once"))
}

pub const VERIFY_EMAIL_HOURS: i64 = 24;
pub const PASSWORD_RESET_MINUTES: i64 = 30;
pub const DISPLAY_NAME_MAX: usize = 80;

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
    let hash = password::hash(&password, &mut password::HashMemory::default())
        .map_err(ApiError::internal)?;
    db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        let (user_id, outcome) = match store::users::find_by_email(conn, email.as_str())? {
            Some(user) => {
                store::users::set_password(conn, user.id, &hash)?;
                store::sessions::revoke_all_for_user(conn, user.id, "password_changed")?;
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
                        locale: Locale::Nl,
                        birth_date: None,
                        claimed_area_id: None,
                        email_verified_at: Some(now),
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
                    details: serde_json::json!({"role": grant.role, "grant_id": grant.id, "via": "create-admin"}),
                },
            )?;
        }
        Ok(outcome)
    })
}

/// A registration as the client sent it.
pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: Option<Locale>,
    pub birth_date: Option<String>,
    pub area_id: Option<i64>,
}

pub fn parse_display_name(raw: &str) -> Result<String, Text> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(t!("must-not-be-empty"));
    }
    if name.chars().count() > DISPLAY_NAME_MAX {
        return Err(t!("length-at-most", max = DISPLAY_NAME_MAX));
    }
    if name.chars().any(char::is_control) {
        return Err(t!("must-not-contain-control-characters"));
    }
    Ok(name.to_string())
}

pub fn parse_birth_date(raw: &str) -> Result<NaiveDate, Text> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| t!("date-like", example = "1990-04-23"))?;
    let today = crate::clock::now().date();
    if date > today || date.year_ce().1 < 1900 {
        return Err(t!("must-be-a-real-birth-date"));
    }
    Ok(date)
}

/// Registers an account, or (for an address that has one) mails its owner instead. The answer
/// and the work done are the same either way.
pub fn register(
    pool: &Pool,
    limit: &HashingLimit,
    registration: Registration,
    client: &str,
    public_url: &str,
) -> ApiResult<()> {
    let mut errors = Vec::new();
    let email = Email::parse(&registration.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    let display_name = parse_display_name(&registration.display_name)
        .map_err(|m| errors.push(FieldError::new("display_name", m)))
        .ok();
    let context: Vec<&str> = [email.as_ref().map(|e| e.as_str()), display_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let password = Password::parse(&registration.password, &context)
        .map_err(|m| errors.push(FieldError::new("password", m)))
        .ok();
    let birth_date = match registration.birth_date.as_deref() {
        None => None,
        Some(raw) => parse_birth_date(raw)
            .map_err(|m| errors.push(FieldError::new("birth_date", m)))
            .ok(),
    };
    let mut conn = pool.get()?;
    if let Some(area_id) = registration.area_id
        && store::areas::find(&mut conn, area_id)?.is_none()
    {
        errors.push(FieldError::coded(
            "area_id",
            "not_found",
            t!("no-such-area"),
        ));
    }
    let (Some(email), Some(display_name), Some(password), true) =
        (email, display_name, password, errors.is_empty())
    else {
        return Err(ApiError::invalid_fields(errors));
    };
    drop(conn);

    let mut slot = hashing_slot(limit)?;
    let mut conn = pool.get()?;
    rate_limit::take(
        &mut conn,
        &[(&rate_limit::REGISTRATIONS_PER_ADDRESS, client)],
    )?;
    drop(conn);
    let hash = password::hash(&password, slot.memory()).map_err(ApiError::internal)?;
    drop(slot);
    let locale = registration.locale.unwrap_or_default();
    let mut conn = pool.get()?;
    db::write_transaction(&mut conn, |conn| {
        let now = crate::clock::now();
        if let Some(existing) = store::users::find_by_email(conn, email.as_str())? {
            let reset_link = format!("{public_url}/forgot-password");
            return Ok(mail::enqueue(
                conn,
                &existing.email,
                existing.locale,
                &Template::AlreadyRegistered {
                    name: &existing.display_name,
                    reset_link: &reset_link,
                },
            )?);
        }
        let birth_date = birth_date.map(|d| d.format("%Y-%m-%d").to_string());
        let user = store::users::insert(
            conn,
            &NewUser {
                email: email.as_str(),
                password_hash: &hash,
                display_name: &display_name,
                locale,
                birth_date: birth_date.as_deref(),
                claimed_area_id: registration.area_id,
                email_verified_at: None,
                notify_by_email: true,
                created_at: now,
                updated_at: now,
            },
        )?;
        send_verification(conn, &user, public_url)
    })
}

fn send_verification(
    conn: &mut DbConnection,
    user: &store::users::User,
    public_url: &str,
) -> ApiResult<()> {
    let now = crate::clock::now();
    one_time_tokens::invalidate_for_user(conn, user.id, TokenPurpose::VerifyEmail, now)?;
    let token = tokens::random_token();
    one_time_tokens::create(
        conn,
        user.id,
        TokenPurpose::VerifyEmail,
        &tokens::token_hash(&token),
        now,
        now + TimeDelta::hours(VERIFY_EMAIL_HOURS),
    )?;
    let link = format!("{public_url}/verify-email?token={token}");
    mail::enqueue(
        conn,
        &user.email,
        user.locale,
        &Template::VerifyEmail {
            name: &user.display_name,
            link: &link,
        },
    )?;
    Ok(())
}

fn invalid_token() -> ApiError {
    ApiError::invalid("token", t!("is-invalid-used-or-expired"))
}

pub fn verify_email(conn: &mut DbConnection, token: &str) -> ApiResult<()> {
    db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        let user_id = one_time_tokens::consume(
            conn,
            TokenPurpose::VerifyEmail,
            &tokens::token_hash(token),
            now,
        )?
        .ok_or_else(invalid_token)?;
        store::users::mark_verified(conn, user_id, now)?;
        Ok(())
    })
}

/// Sends a new verification link to the signed-in caller.
pub fn resend_verification(
    conn: &mut DbConnection,
    caller: &Caller,
    public_url: &str,
) -> ApiResult<()> {
    if caller.email_verified() {
        return Err(ApiError::new(
            crate::error::ErrorCode::Conflict,
            t!("the-e-mail-address-is-already-verified"),
        ));
    }
    rate_limit::take(
        conn,
        &[(
            &rate_limit::VERIFICATION_RESENDS_PER_ACCOUNT,
            &caller.id().to_string(),
        )],
    )?;
    db::write_transaction(conn, |conn| {
        send_verification(conn, &caller.user, public_url)
    })
}

/// A caller acting outside any session: the command line and `seed-demo`.
pub fn caller_of_user(conn: &mut DbConnection, user_id: i64) -> ApiResult<Caller> {
    Ok(Caller {
        user: store::users::find(conn, user_id)?.ok_or_else(|| ApiError::not_found(Thing::User))?,
        session_id: String::new(),
        grants: store::roles::for_user(conn, user_id)?,
        residency: store::residency::find(conn, user_id)?,
        client: None,
    })
}

/// Whether any account exists yet (`seed-demo` fills only an empty database).
pub fn any_account(conn: &mut DbConnection) -> ApiResult<bool> {
    let first = store::users::UserFilter {
        text: None,
        role: None,
        area_id: None,
        residency: None,
        after_id: None,
        limit: 1,
    };
    Ok(!store::users::search(conn, &first)?.is_empty())
}

/// An account whose address the city already vouches for, created without a verification
/// mail. The password hash is computed once by the caller, because creating many such accounts
/// (the demo city) with one Argon2 hash each would take minutes.
pub struct VouchedAccount<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub birth_date: Option<&'a str>,
    pub claimed_area_id: Option<i64>,
}

pub fn create_vouched(conn: &mut DbConnection, account: VouchedAccount) -> ApiResult<i64> {
    let now = crate::clock::now();
    let user = store::users::insert(
        conn,
        &NewUser {
            email: account.email,
            password_hash: account.password_hash,
            display_name: account.display_name,
            locale: Locale::Nl,
            birth_date: account.birth_date,
            claimed_area_id: account.claimed_area_id,
            email_verified_at: Some(now),
            notify_by_email: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    Ok(user.id)
}

/// Mails a reset link when the address has an account; answers the same either way.
pub fn request_password_reset(
    conn: &mut DbConnection,
    email: &str,
    client: &str,
    public_url: &str,
) -> ApiResult<()> {
    let Ok(email) = Email::parse(email) else {
        return Err(ApiError::invalid("email", t!("is-not-an-e-mail-address")));
    };
    rate_limit::take(
        conn,
        &[
            (&rate_limit::RESETS_PER_ADDRESS, client),
            (&rate_limit::RESETS_PER_ACCOUNT, email.as_str()),
        ],
    )?;
    db::write_transaction(conn, |conn| {
        let Some(user) = store::users::find_by_email(conn, email.as_str())? else {
            return Ok(());
        };
        let now = crate::clock::now();
        one_time_tokens::invalidate_for_user(conn, user.id, TokenPurpose::PasswordReset, now)?;
        let token = tokens::random_token();
        one_time_tokens::create(
            conn,
            user.id,
            TokenPurpose::PasswordReset,
            &tokens::token_hash(&token),
            now,
            now + TimeDelta::minutes(PASSWORD_RESET_MINUTES),
        )?;
        let link = format!("{public_url}/reset-password?token={token}");
        mail::enqueue(
            conn,
            &user.email,
            user.locale,
            &Template::PasswordReset {
                name: &user.display_name,
                link: &link,
            },
        )?;
        Ok(())
    })
}

/// Sets a new password with a reset token; every session of the user ends.
pub fn confirm_password_reset(
    pool: &Pool,
    limit: &HashingLimit,
    token: &str,
    new_password: &str,
) -> ApiResult<()> {
    let token_hash = tokens::token_hash(token);
    let mut conn = pool.get()?;
    let user = store::one_time_tokens::peek_user(
        &mut conn,
        TokenPurpose::PasswordReset,
        &token_hash,
        crate::clock::now(),
    )?
    .and_then(|user_id| store::users::find(&mut conn, user_id).transpose())
    .transpose()?
    .ok_or_else(invalid_token)?;
    drop(conn);
    let password = Password::parse(new_password, &[&user.email, &user.display_name])
        .map_err(|m| ApiError::invalid("new_password", m))?;
    let mut slot = hashing_slot(limit)?;
    let hash = password::hash(&password, slot.memory()).map_err(ApiError::internal)?;
    drop(slot);
    let mut conn = pool.get()?;
    db::write_transaction(&mut conn, |conn| {
        let now = crate::clock::now();
        let user_id =
            one_time_tokens::consume(conn, TokenPurpose::PasswordReset, &token_hash, now)?
                .filter(|id| *id == user.id)
                .ok_or_else(invalid_token)?;
        store::users::set_password(conn, user_id, &hash)?;
        store::users::mark_verified(conn, user_id, now)?;
        store::sessions::revoke_all_for_user(conn, user_id, "password_reset")?;
        mail::enqueue(
            conn,
            &user.email,
            user.locale,
            &Template::PasswordChanged {
                name: &user.display_name,
            },
        )?;
        Ok(())
    })
}

/// Changes the caller's password after checking the current one; every session ends.
pub fn change_password(
    pool: &Pool,
    limit: &HashingLimit,
    caller: &Caller,
    current: &str,
    new_password: &str,
) -> ApiResult<()> {
    let mut slot = hashing_slot(limit)?;
    if !password::verify(current, &caller.user.password_hash, slot.memory()) {
        return Err(ApiError::invalid(
            "current_password",
            t!("is-not-your-current-password"),
        ));
    }
    let password = Password::parse(
        new_password,
        &[&caller.user.email, &caller.user.display_name],
    )
    .map_err(|m| ApiError::invalid("new_password", m))?;
    let hash = password::hash(&password, slot.memory()).map_err(ApiError::internal)?;
    drop(slot);
    let mut conn = pool.get()?;
    db::write_transaction(&mut conn, |conn| {
        store::users::set_password(conn, caller.id(), &hash)?;
        store::sessions::revoke_all_for_user(conn, caller.id(), "password_changed")?;
        mail::enqueue(
            conn,
            &caller.user.email,
            caller.user.locale,
            &Template::PasswordChanged {
                name: &caller.user.display_name,
            },
        )?;
        Ok(())
    })
}

/// The profile fields a resident may change.
pub struct ProfileChange {
    pub display_name: Option<String>,
    pub locale: Option<Locale>,
    pub notify_by_email: Option<bool>,
}

/// Changes the caller's own profile; returns the caller as they are now.
pub fn update_profile(
    conn: &mut DbConnection,
    caller: Caller,
    change: ProfileChange,
) -> ApiResult<Caller> {
    let display_name = change
        .display_name
        .as_deref()
        .map(parse_display_name)
        .transpose()
        .map_err(|m| ApiError::invalid("display_name", m))?;
    store::users::update_profile(
        conn,
        caller.id(),
        display_name.as_deref(),
        change.locale,
        change.notify_by_email,
    )?;
    let user =
        store::users::find(conn, caller.id())?.ok_or_else(|| ApiError::not_found(Thing::User))?;
    Ok(Caller { user, ..caller })
}

/// What was mailed to the caller, newest first: subjects and times, never a body (a one-time
/// link in it would let a stolen access token reset the password).
pub fn mail_to_caller(
    conn: &mut DbConnection,
    caller: &Caller,
    before_id: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<MailSummary>> {
    Ok(store::outbox::to_recipient(
        conn,
        &caller.user.email,
        before_id,
        limit,
    )?)
}

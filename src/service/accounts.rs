//! Accounts: the first administrator, registration, e-mail verification, sign-in sessions,
//! password reset and change, and the caller's own profile.
//!
//! Steps that hash a password run outside any transaction, so a slow hash never holds a
//! database lock; every answer that could reveal whether an address is registered is the same
//! for known and unknown addresses.

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
use crate::error::{ApiError, ApiResult, FieldError};
use crate::mail::{self, templates::Template};
use crate::service::rate_limit;
use crate::store::{self, audit::AuditEvent, one_time_tokens, users::NewUser};

/// A slot for a password hash, or 503 with Retry-After when too many run already.
fn hashing_slot(limit: &HashingLimit) -> ApiResult<password::HashPermit<'_>> {
    limit
        .permit()
        .ok_or_else(|| ApiError::unavailable("too many password hashes at once"))
}

pub const VERIFY_EMAIL_HOURS: i64 = 24;
pub const PASSWORD_RESET_MINUTES: i64 = 30;
pub const SESSION_DAYS: i64 = 30;
/// However often it is refreshed, a session ends this long after sign-in.
pub const SESSION_MAX_DAYS: i64 = 90;
/// How long after its use a refresh token may be presented once more, for a client whose
/// answer was lost on the way.
pub const REFRESH_GRACE_SECONDS: i64 = 30;
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

pub fn parse_display_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("must not be empty".into());
    }
    if name.chars().count() > DISPLAY_NAME_MAX {
        return Err(format!("must be at most {DISPLAY_NAME_MAX} characters"));
    }
    if name.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(name.to_string())
}

pub fn parse_birth_date(raw: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| "must be a date like 1990-04-23".to_string())?;
    let today = crate::clock::now().date();
    if date > today || date.year_ce().1 < 1900 {
        return Err("must be a real birth date".into());
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
        errors.push(FieldError::new("area_id", "no such area"));
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
    ApiError::invalid("token", "is invalid, used or expired")
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
        return Err(ApiError::conflict(
            crate::error::ErrorCode::Conflict,
            "the e-mail address is already verified",
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

/// Access and refresh token of a new or renewed session.
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    /// Given at sign-in only: the client sends it with its next sign-ins.
    pub device_token: Option<String>,
}

fn open_session(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    user_id: i64,
) -> ApiResult<IssuedTokens> {
    let now = crate::clock::now();
    let session_id = tokens::random_token();
    store::sessions::create(
        conn,
        &session_id,
        user_id,
        now,
        now + TimeDelta::days(SESSION_DAYS),
    )?;
    issue_tokens(conn, keys, user_id, &session_id)
}

fn issue_tokens(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    user_id: i64,
    session_id: &str,
) -> ApiResult<IssuedTokens> {
    let now = crate::clock::now();
    let refresh_token = tokens::random_token();
    store::sessions::add_refresh_token(conn, session_id, &tokens::token_hash(&refresh_token), now)?;
    let access_token = keys
        .issue(user_id, session_id, now.and_utc().timestamp())
        .map_err(ApiError::internal)?;
    Ok(IssuedTokens {
        access_token,
        refresh_token,
        expires_in: ACCESS_TOKEN_SECONDS,
        device_token: None,
    })
}

fn invalid_credentials() -> ApiError {
    ApiError::unauthorized("the e-mail address or password is wrong")
}

/// What a client presents to sign in.
pub struct SignIn<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The device token of an earlier sign-in on this device, if the client kept one.
    pub device_token: Option<&'a str>,
    /// The client's address.
    pub client: &'a str,
}

/// Signs in. Unknown addresses cost the same password work as known ones and get the same
/// answer. A device that signed in to the account before is limited on its own, so nobody can
/// lock the owner out; any other attempt counts against the account and address pair, the
/// address, and the account as a whole (the brute-force cap).
pub fn login(
    pool: &Pool,
    limit: &HashingLimit,
    keys: &TokenKeys,
    device_key: &SecretKey,
    sign_in: SignIn<'_>,
) -> ApiResult<IssuedTokens> {
    let account_key = sign_in.email.trim().to_lowercase();
    let client = sign_in.client;
    let mut slot = hashing_slot(limit)?;
    let mut conn = pool.get()?;
    let user = store::users::find_by_email(&mut conn, &account_key)?;
    let known_device = match (&user, sign_in.device_token) {
        (Some(user), Some(token)) => device::recognise(device_key, token, user.id),
        _ => None,
    };
    let pair = format!("{account_key}|{client}");
    let limits = match &known_device {
        Some(device_id) => vec![(&rate_limit::LOGIN_FAILURES_PER_DEVICE, device_id.as_str())],
        None => vec![
            (
                &rate_limit::LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
                pair.as_str(),
            ),
            (&rate_limit::LOGIN_FAILURES_PER_ADDRESS, client),
            (
                &rate_limit::LOGIN_FAILURES_PER_ACCOUNT,
                account_key.as_str(),
            ),
        ],
    };
    // Every attempt counts as a failure before the password is looked at, so attempts at the
    // same moment cannot all slip under the limits; a success hands its counts back.
    let attempt = rate_limit::take(&mut conn, &limits)?;
    drop(conn);
    let candidate = sign_in.password;

    let verified = match &user {
        Some(user) => password::verify(candidate, &user.password_hash, slot.memory()),
        None => {
            password::verify_against_nothing(candidate, slot.memory());
            false
        }
    };
    let mut conn = pool.get()?;
    let Some(user) = user.filter(|_| verified) else {
        return Err(invalid_credentials());
    };
    rate_limit::refund(&mut conn, attempt)?;
    let rehash = password::needs_rehash(&user.password_hash)
        .then(|| Password::parse(candidate, &[]).ok())
        .flatten()
        .and_then(|p| password::hash(&p, slot.memory()).ok());
    drop(slot);
    db::write_transaction(&mut conn, |conn| {
        if let Some(hash) = &rehash {
            store::users::set_password(conn, user.id, hash)?;
        }
        match &known_device {
            Some(device_id) => {
                rate_limit::clear(conn, &rate_limit::LOGIN_FAILURES_PER_DEVICE, device_id)?
            }
            None => rate_limit::clear(
                conn,
                &rate_limit::LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
                &pair,
            )?,
        }
        let mut tokens = open_session(conn, keys, user.id)?;
        tokens.device_token = Some(match (&known_device, sign_in.device_token) {
            (Some(_), Some(token)) => token.to_string(),
            _ => device::issue(device_key, user.id),
        });
        Ok(tokens)
    })
}

/// Rotates a refresh token. A token used twice means it was stolen or replayed: the whole
/// session (every token of the family) ends.
pub fn refresh(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    refresh_token: &str,
) -> ApiResult<IssuedTokens> {
    let refused =
        || ApiError::unauthorized("the refresh token is invalid or the session has ended");
    // The refusal is returned inside Ok so that the revocation of a reused family commits.
    db::write_transaction(conn, |conn| -> ApiResult<Result<IssuedTokens, ApiError>> {
        let now = crate::clock::now();
        let Some(token) =
            store::sessions::find_refresh_token(conn, &tokens::token_hash(refresh_token))?
        else {
            return Ok(Err(refused()));
        };
        let Some(session) = store::sessions::find(conn, &token.session_id)? else {
            return Ok(Err(refused()));
        };
        if !session.is_active(now) || now >= session.created_at + TimeDelta::days(SESSION_MAX_DAYS)
        {
            return Ok(Err(refused()));
        }
        let first_use =
            token.rotated_at.is_none() && store::sessions::mark_rotated(conn, token.id, now)?;
        if !first_use && !retried_after_a_lost_answer(conn, &token, now)? {
            store::sessions::revoke(conn, &session.id, "refresh_token_reused")?;
            tracing::warn!(
                user_id = session.user_id,
                "refresh token reused: session revoked"
            );
            return Ok(Err(refused()));
        }
        let until = (now + TimeDelta::days(SESSION_DAYS))
            .min(session.created_at + TimeDelta::days(SESSION_MAX_DAYS));
        store::sessions::extend(conn, &session.id, until)?;
        Ok(Ok(issue_tokens(conn, keys, session.user_id, &session.id)?))
    })?
}

/// A used refresh token presented again is theft, unless it is the token used last in its
/// session, used within the grace window, not retried before, and what it was exchanged for
/// has not been used: then the client most likely never received the answer. The retry works
/// once, and the successors it replaces can never be used.
fn retried_after_a_lost_answer(
    conn: &mut DbConnection,
    token: &store::sessions::RefreshToken,
    now: chrono::NaiveDateTime,
) -> ApiResult<bool> {
    let Some(last) = store::sessions::last_rotated(conn, &token.session_id)? else {
        return Ok(false);
    };
    let recent = last
        .rotated_at
        .is_some_and(|at| now - at <= TimeDelta::seconds(REFRESH_GRACE_SECONDS));
    if last.id != token.id || !recent || last.retry_closed_at.is_some() {
        return Ok(false);
    }
    for successor in store::sessions::unrotated(conn, &token.session_id)? {
        if !store::sessions::mark_rotated(conn, successor.id, now)? {
            return Ok(false);
        }
        store::sessions::close_retry(conn, successor.id, now)?;
    }
    store::sessions::close_retry(conn, token.id, now)?;
    Ok(true)
}

/// A caller acting outside any session: the command line and `seed-demo`.
pub fn caller_of_user(conn: &mut DbConnection, user_id: i64) -> ApiResult<Caller> {
    Ok(Caller {
        user: store::users::find(conn, user_id)?.ok_or_else(|| ApiError::not_found("user"))?,
        session_id: String::new(),
        grants: store::roles::for_user(conn, user_id)?,
        residency: store::residency::find(conn, user_id)?,
    })
}

/// Whether any account exists yet (`seed-demo` fills only an empty database).
pub fn any_account(conn: &mut DbConnection) -> ApiResult<bool> {
    Ok(!store::users::search(conn, None, None, 1)?.is_empty())
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

/// The caller of an access token: its session must still be active and belong to the user.
pub fn caller_for_session(
    conn: &mut DbConnection,
    user_id: i64,
    session_id: String,
) -> ApiResult<Caller> {
    let expired = || ApiError::unauthorized("the session has ended; sign in again");
    let (session, user, residency) =
        store::sessions::find_with_user(conn, &session_id)?.ok_or_else(expired)?;
    if session.user_id != user_id || !session.is_active(crate::clock::now()) {
        return Err(expired());
    }
    let grants = store::roles::for_user(conn, user_id)?;
    Ok(Caller {
        user,
        session_id,
        grants,
        residency,
    })
}

pub fn logout(conn: &mut DbConnection, caller: &Caller) -> ApiResult<()> {
    store::sessions::revoke(conn, &caller.session_id, "logout")?;
    Ok(())
}

/// Mails a reset link when the address has an account; answers the same either way.
pub fn request_password_reset(
    conn: &mut DbConnection,
    email: &str,
    client: &str,
    public_url: &str,
) -> ApiResult<()> {
    let Ok(email) = Email::parse(email) else {
        return Err(ApiError::invalid("email", "is not an e-mail address"));
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
            "is not your current password",
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
    let user = store::users::find(conn, caller.id())?.ok_or_else(|| ApiError::not_found("user"))?;
    Ok(Caller { user, ..caller })
}

//! Sessions: signing in, refreshing, the caller of an access token, signing out.

use super::*;

pub const SESSION_DAYS: i64 = 30;
/// However often it is refreshed, a session ends this long after sign-in.
pub const SESSION_MAX_DAYS: i64 = 90;
/// How long after its use a refresh token may be presented once more, for a client whose
/// answer was lost on the way.
pub const REFRESH_GRACE_SECONDS: i64 = 30;

/// Access and refresh token of a new or renewed session.
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    /// Given at sign-in only: the client sends it with its next sign-ins.
    pub device_token: Option<String>,
    /// The session the tokens belong to (the website's session cookie names it).
    pub user_id: i64,
    pub session_id: String,
}

/// A session for an account whose owner proved who they are elsewhere (the city's identity
/// provider).
pub fn session_for(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    user_id: i64,
) -> ApiResult<IssuedTokens> {
    open_session(conn, keys, user_id)
}

pub(super) fn open_session(
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

pub(super) fn issue_tokens(
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
        user_id,
        session_id: session_id.to_string(),
    })
}

pub(super) fn invalid_credentials() -> ApiError {
    ApiError::unauthorized(t!("the-e-mail-address-or-password-is"))
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
    let refused = || ApiError::unauthorized(t!("the-refresh-token-is-invalid-or-the"));
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
pub(super) fn retried_after_a_lost_answer(
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

/// The caller of an access token: its session must still be active and belong to the user.
/// The caller a session belongs to. `token_scope` is what an API client's access token holds
/// (the website's sessions and people's tokens hold none).
pub fn caller_for_session(
    conn: &mut DbConnection,
    user_id: i64,
    session_id: String,
    token_scope: Option<&str>,
) -> ApiResult<Caller> {
    let expired = || ApiError::unauthorized(t!("the-session-has-ended-sign-in-again"));
    let (session, user, residency) =
        store::sessions::find_with_user(conn, &session_id)?.ok_or_else(expired)?;
    if session.user_id != user_id || !session.is_active(crate::clock::now()) {
        return Err(expired());
    }
    let grants = store::roles::for_user(conn, user_id)?;
    let client = crate::service::api_clients::access_of(conn, user_id, token_scope)?;
    Ok(Caller {
        user,
        session_id,
        grants,
        residency,
        client,
    })
}

pub fn logout(conn: &mut DbConnection, caller: &Caller) -> ApiResult<()> {
    store::sessions::revoke(conn, &caller.session_id, "logout")?;
    Ok(())
}

//! Registration, verification, sign-in, refresh, sign-out and password reset.

use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::{Caller, client_address};
use crate::api::extract::Json;
use crate::domain::locale::Locale;
use crate::error::ApiResult;
use crate::service::accounts::{self, IssuedTokens, Registration};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[schema(example = "an.peeters@example.org", format = Email, max_length = 254)]
    pub email: String,
    /// 8 to 1024 characters; common passwords are refused.
    #[schema(min_length = 8, max_length = 1024)]
    pub password: String,
    /// The name other residents see; no control characters.
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub display_name: String,
    /// The language of the account's e-mail; when absent, the language `Accept-Language` asks
    /// for, else Dutch.
    pub locale: Option<Locale>,
    /// `YYYY-MM-DD`; needed for rounds with a minimum age.
    #[schema(format = Date)]
    pub birth_date: Option<String>,
    /// The area the resident says they live in (verified separately).
    pub area_id: Option<i64>,
}

/// The same answer whatever happened, so nobody learns whether an address is registered.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub status: String,
    pub detail: String,
}

fn accepted(detail: &str) -> HttpResponse {
    HttpResponse::Accepted().json(Accepted {
        status: "accepted".into(),
        detail: detail.into(),
    })
}

/// Register an account. Always `202` for a valid request: a new address gets a verification
/// link, an address that has an account gets a notice instead.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 202, description = "accepted; the outcome arrives by e-mail", body = Accepted),
        (status = 422, description = "invalid field"),
        (status = 429, description = "too many registrations from this address"),
        (status = 503, description = "too many password checks at once; retry after the Retry-After delay"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let client = client_address(&req, state.config.trust_forwarded_for);
    let public_url = state.config.public_url.clone();
    let registration = Registration {
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        locale: body
            .locale
            .or_else(|| crate::telemetry::asked_locale(req.headers())),
        birth_date: body.birth_date,
        area_id: body.area_id,
    };
    let hashing = state.hashing.clone();
    blocking::run_with_pool(&state.pool, move |pool| {
        accounts::register(pool, &hashing, registration, &client, &public_url)
    })
    .await?;
    Ok(accepted("check your e-mail to continue"))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The token from the e-mailed link.
    pub token: String,
}

/// Confirm an e-mail address with the token from the link.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 204, description = "verified"),
        (status = 422, description = "invalid, used or expired token"),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: Json<TokenRequest>,
) -> ApiResult<HttpResponse> {
    let token = body.into_inner()?.token;
    blocking::run(&state.pool, move |conn| {
        accounts::verify_email(conn, &token)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a new verification link to the signed-in caller.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "accepted; the outcome arrives by e-mail", body = Accepted),
        (status = 409, description = "already verified"),
        (status = 429, description = "too many resends"),
    )
)]
#[post("/auth/verify-email/resend")]
pub async fn resend_verification(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<HttpResponse> {
    let public_url = state.config.public_url.clone();
    blocking::run(&state.pool, move |conn| {
        accounts::resend_verification(conn, &caller, &public_url)
    })
    .await?;
    Ok(accepted("a new link is on its way"))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The `device_token` of an earlier sign-in on this device. With it, the device keeps
    /// signing in while someone else hammers the account with wrong passwords.
    #[serde(default)]
    pub device_token: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// JWT for `Authorization: Bearer …`, valid for `expires_in` seconds.
    pub access_token: String,
    /// Opaque; use once with `/auth/refresh` to get a new pair.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    pub expires_in: i64,
    /// After a sign-in (not a refresh): keep it on this device and send it with the next
    /// sign-in, so that wrong passwords tried by others never lock this device out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_token: Option<String>,
}

impl From<IssuedTokens> for TokenResponse {
    fn from(t: IssuedTokens) -> Self {
        Self {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            token_type: "Bearer".into(),
            expires_in: t.expires_in,
            device_token: t.device_token,
        }
    }
}

/// Sign in with e-mail address and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "an access token and a refresh token", body = TokenResponse),
        (status = 401, description = "wrong address or password"),
        (status = 429, description = "too many failed attempts"),
        (status = 503, description = "too many password checks at once; retry after the Retry-After delay"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let body = body.into_inner()?;
    let client = client_address(&req, state.config.trust_forwarded_for);
    let keys = state.tokens.clone();
    let hashing = state.hashing.clone();
    let device_key = state.config.jwt_secret.clone();
    let tokens = blocking::run_with_pool(&state.pool, move |pool| {
        accounts::login(
            pool,
            &hashing,
            &keys,
            &device_key,
            accounts::SignIn {
                email: &body.email,
                password: &body.password,
                device_token: body.device_token.as_deref(),
                client: &client,
            },
        )
    })
    .await?;
    Ok(web::Json(tokens.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Exchange a refresh token for a new pair. Each refresh token works once; using one twice
/// ends the whole session.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "an access token and a refresh token", body = TokenResponse),
        (status = 401, description = "invalid, reused or ended"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenResponse>> {
    let keys = state.tokens.clone();
    let token = body.into_inner()?.refresh_token;
    let tokens = blocking::run(&state.pool, move |conn| {
        accounts::refresh(conn, &keys, &token)
    })
    .await?;
    Ok(web::Json(tokens.into()))
}

/// End the caller's session: its access and refresh tokens stop working.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 204, description = "signed out"), (status = 401, description = "not signed in"))
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    blocking::run(&state.pool, move |conn| accounts::logout(conn, &caller)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

/// Ask for a password-reset link. Always `202` for a valid address.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "accepted; the outcome arrives by e-mail", body = Accepted),
        (status = 422, description = "not an address"),
        (status = 429, description = "too many requests"),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let client = client_address(&req, state.config.trust_forwarded_for);
    let public_url = state.config.public_url.clone();
    let email = body.into_inner()?.email;
    blocking::run(&state.pool, move |conn| {
        accounts::request_password_reset(conn, &email, &client, &public_url)
    })
    .await?;
    Ok(accepted(
        "if the address has an account, a link is on its way",
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    pub token: String,
    /// 8 to 1024 characters; common passwords are refused.
    #[schema(min_length = 8, max_length = 1024)]
    pub new_password: String,
}

/// Set a new password with the token from the reset link; every session of the account ends.
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "password changed"),
        (status = 422, description = "invalid token or weak password"),
        (status = 503, description = "too many password checks at once; retry after the Retry-After delay"),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: Json<PasswordResetConfirm>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let hashing = state.hashing.clone();
    blocking::run_with_pool(&state.pool, move |pool| {
        accounts::confirm_password_reset(pool, &hashing, &body.token, &body.new_password)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

//! Sign-in with the city's identity provider (OpenID Connect; Belgian cities reach federal
//! eID and itsme through one): the authorization code flow with PKCE, the provider found by
//! discovery, a state that works once and a nonce, and the ID token's signature and claims
//! checked before anything is believed. Verified claims may set the resident's area and birth
//! date, as the administrator configured (`OIDC_RESIDENCY_*`, `OIDC_BIRTHDATE`). Passwords keep
//! working beside it.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::TimeDelta;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, HttpRequest, HttpResponse, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse,
};
use serde_json::Value;

use crate::auth::tokens::TokenKeys;
use crate::config::IdentityProvider;
use crate::db::{self, Pool};
use crate::domain::locale::Locale;
use crate::domain::residency::ResidencyMethod;
use crate::error::{ApiError, ApiResult};
use crate::service::accounts::{self, IssuedTokens};
use crate::store::{self, audit::AuditEvent, identities::PendingSignIn};

/// A sign-in must come back from the provider within this time.
const SIGN_IN_MINUTES: i64 = 15;
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// The provider's answers, fetched without following redirects.
fn http_client() -> ApiResult<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(PROVIDER_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(ApiError::internal)
}

async fn send(
    client: &reqwest::Client,
    request: HttpRequest,
) -> Result<HttpResponse, reqwest::Error> {
    let (parts, body) = request.into_parts();
    let response = client
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let mut answer = openidconnect::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    let body = response.bytes().await?.to_vec();
    Ok(answer.body(body).unwrap_or_default())
}

/// Database work between the calls to the provider, off the async workers.
async fn on_database<T, F>(pool: &Pool, work: F) -> ApiResult<T>
where
    F: FnOnce(&mut db::DbConnection) -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await
    .map_err(ApiError::internal)?
}

fn unavailable(e: impl std::fmt::Display) -> ApiError {
    tracing::warn!(error = %e, "the identity provider did not answer as expected");
    ApiError {
        retry_after_seconds: Some(30),
        ..ApiError::new(
            crate::error::ErrorCode::ServiceUnavailable,
            t!("the-identity-provider-does-not-answer"),
        )
    }
}

fn refused(reason: impl std::fmt::Display) -> ApiError {
    tracing::warn!(%reason, "a sign-in with the identity provider was refused");
    ApiError::unauthorized(t!("the-identity-provider-sign-in-failed"))
}

/// A client configured from the provider's discovery document: authorization and token
/// endpoints known (the token endpoint checked when used), the rest unused.
type ProviderClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

async fn client_of(
    provider: &IdentityProvider,
    http: &reqwest::Client,
    public_url: &str,
) -> ApiResult<ProviderClient> {
    let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(unavailable)?;
    let fetch = |request: HttpRequest| send(http, request);
    let metadata = CoreProviderMetadata::discover_async(issuer, &fetch)
        .await
        .map_err(unavailable)?;
    let redirect =
        RedirectUrl::new(format!("{public_url}/auth/oidc/callback")).map_err(ApiError::internal)?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Starts a sign-in: where to send the browser, and the state to bind to it.
pub async fn start(
    pool: &Pool,
    provider: &IdentityProvider,
    public_url: &str,
    next_path: &str,
) -> ApiResult<(String, String)> {
    let http = http_client()?;
    let client = client_of(provider, &http, public_url).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge);
    if provider.area_claim.is_some() {
        request = request.add_scope(Scope::new("address".into()));
    }
    let (url, state, nonce) = request.url();
    let pending = PendingSignIn {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        next_path: next_path.to_string(),
        created_at: crate::clock::now(),
    };
    on_database(pool, move |conn| {
        store::identities::forget_older_than(
            conn,
            crate::clock::now() - TimeDelta::minutes(SIGN_IN_MINUTES),
        )?;
        Ok(store::identities::remember(conn, &pending)?)
    })
    .await?;
    Ok((url.to_string(), state.secret().clone()))
}

/// Where a finished sign-in goes: the session, and the page the resident came from.
pub struct SignedIn {
    pub tokens: IssuedTokens,
    pub next_path: String,
}

/// Finishes a sign-in: takes the state (once), trades the code with its PKCE verifier, checks
/// the ID token (signature with the provider's keys, issuer, audience, expiry, nonce), then
/// finds or makes the account and opens a session.
pub async fn finish(
    pool: &Pool,
    keys: Arc<TokenKeys>,
    provider: &IdentityProvider,
    public_url: &str,
    code: &str,
    state: &str,
) -> ApiResult<SignedIn> {
    let state = state.to_string();
    let pending = on_database(pool, move |conn| Ok(store::identities::take(conn, &state)?))
        .await?
        .filter(|p| p.created_at > crate::clock::now() - TimeDelta::minutes(SIGN_IN_MINUTES))
        .ok_or_else(|| refused("unknown, used or expired state"))?;
    let http = http_client()?;
    let client = client_of(provider, &http, public_url).await?;
    let fetch = |request: HttpRequest| send(&http, request);
    let answer = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&fetch)
        .await
        .map_err(refused)?;
    let id_token = answer.id_token().ok_or_else(|| refused("no ID token"))?;
    let verified = id_token
        .claims(
            &client.id_token_verifier(),
            &Nonce::new(pending.nonce.clone()),
        )
        .map_err(refused)?;
    let subject = verified.subject().to_string();
    // The signature is checked; the payload is read again whole for the configured claims.
    let claims: Value = id_token
        .to_string()
        .split('.')
        .nth(1)
        .and_then(|payload| URL_SAFE_NO_PAD.decode(payload).ok())
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .ok_or_else(|| refused("unreadable claims"))?;
    let provider = provider.clone();
    let tokens = on_database(pool, move |conn| {
        let user_id =
            db::write_transaction(conn, |conn| account_for(conn, &provider, &subject, &claims))?;
        accounts::session_for(conn, &keys, user_id)
    })
    .await?;
    Ok(SignedIn {
        tokens,
        next_path: pending.next_path,
    })
}

/// A claim by its dotted path (`address.postal_code`), as text.
fn claim<'a>(claims: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(claims, |value, key| value.get(key))
        .and_then(Value::as_str)
}

/// The account of the provider's subject: the one linked before; else the account with the
/// same address when the provider vouches for the address; else a new account (no password).
/// Then the verified claims set the area and the birth date, as configured.
fn account_for(
    conn: &mut db::DbConnection,
    provider: &IdentityProvider,
    subject: &str,
    claims: &Value,
) -> ApiResult<i64> {
    let now = crate::clock::now();
    let issuer = provider.issuer.as_str();
    let email = claim(claims, "email").map(|e| e.trim().to_lowercase());
    let email_verified = claims["email_verified"] == Value::Bool(true);
    let user_id = match store::identities::user_of(conn, issuer, subject)? {
        Some(user) => user,
        None => {
            let existing = match &email {
                Some(address) => store::users::find_by_email(conn, address)?,
                None => None,
            };
            let user = match existing {
                Some(user) if email_verified => user.id,
                Some(_) => {
                    return Err(ApiError::new(
                        crate::error::ErrorCode::Conflict,
                        t!("an-account-with-this-address-exists"),
                    ));
                }
                None => {
                    let address = email.clone().unwrap_or_else(|| {
                        format!(
                            "{}@identity.invalid",
                            crate::auth::tokens::token_hash(subject)
                        )
                    });
                    let name = claim(claims, "name")
                        .or(claim(claims, "given_name"))
                        .unwrap_or("Inwoner")
                        .to_string();
                    store::users::insert(
                        conn,
                        &store::users::NewUser {
                            email: &address,
                            password_hash: "!identity-provider",
                            display_name: &name,
                            locale: Locale::Nl,
                            birth_date: None,
                            claimed_area_id: None,
                            email_verified_at: (email_verified && email.is_some()).then_some(now),
                            notify_by_email: true,
                            created_at: now,
                            updated_at: now,
                        },
                    )?
                    .id
                }
            };
            store::identities::link(conn, user, (issuer, subject), now)?;
            store::audit::append(
                conn,
                AuditEvent {
                    actor_id: Some(user),
                    action: "identity_linked",
                    entity_type: "user",
                    entity_id: user.to_string(),
                    details: serde_json::json!({"issuer": issuer}),
                },
            )?;
            user
        }
    };
    if provider.trust_birthdate
        && let Some(born) = claim(claims, "birthdate")
        && chrono::NaiveDate::parse_from_str(born, "%Y-%m-%d").is_ok()
    {
        store::users::set_birth_date(conn, user_id, born)?;
    }
    let area_code = provider
        .area_claim
        .as_deref()
        .and_then(|path| claim(claims, path))
        .and_then(|value| provider.areas.get(value.trim()));
    if let Some(code) = area_code
        && let Some(area) = store::areas::find_by_code(conn, code)?
    {
        store::residency::set(
            conn,
            &store::residency::Residency {
                user_id,
                area_id: area.id,
                method: ResidencyMethod::Census,
                verified_by: None,
                verified_at: now,
            },
        )?;
    }
    Ok(user_id)
}

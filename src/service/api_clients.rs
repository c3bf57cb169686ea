//! API clients: systems of the city (its finance package, its open-data portal, a scanner of
//! paper ballots) that call the API on their own behalf with the OAuth 2.0 client-credentials
//! grant (RFC 6749 §4.4).
//!
//! Each client acts through an account of its own, so that everything it changes is
//! attributed to it in the audit log as a person's work would be; that account has no
//! password and no residency, and holds the client's scopes instead of roles. Administrators
//! create and revoke clients; the secret is shown once and kept as a SHA-256 hash (it is 256
//! random bits, so a fast hash leaves a copied table useless).

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::{Caller, ClientAccess};
use crate::auth::tokens::{self, ACCESS_TOKEN_SECONDS, TokenKeys};
use crate::db::{self, DbConnection};
use crate::domain::locale::Locale;
use crate::domain::scope::{self, Scope};
use crate::error::{ApiError, ApiResult, ErrorCode, Thing};
use crate::i18n::Text;
use crate::store::{self, api_clients::ApiClient, audit::AuditEvent};

/// The stored hash of an account that no password opens.
const NO_PASSWORD: &str = "!api-client";

/// A client as administrators see it: never its secret.
#[derive(Serialize, ToSchema)]
pub struct ApiClientView {
    pub id: i64,
    /// What the client sends as `client_id`.
    pub client_id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The account its work is attributed to in the audit log.
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn view(client: ApiClient) -> ApiClientView {
    ApiClientView {
        scopes: stored_scopes(&client),
        id: client.id,
        client_id: client.client_id,
        name: client.name,
        user_id: client.user_id,
        created_at: client.created_at.and_utc(),
        last_used_at: client.last_used_at.map(|at| at.and_utc()),
        revoked_at: client.revoked_at.map(|at| at.and_utc()),
    }
}

fn stored_scopes(client: &ApiClient) -> Vec<Scope> {
    scope::parse_list(&client.scopes).unwrap_or_default()
}

/// A new client with its secret, which is never shown again.
#[derive(Serialize, ToSchema)]
pub struct CreatedApiClient {
    #[serde(flatten)]
    pub client: ApiClientView,
    pub client_secret: String,
}

fn parse_name(raw: &str) -> ApiResult<String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(ApiError::invalid(
            "name",
            t!("length-between", min = 1, max = 120),
        ));
    }
    Ok(name.to_string())
}

pub fn create(
    conn: &mut DbConnection,
    admin: &Caller,
    name: &str,
    scopes: &[Scope],
) -> ApiResult<CreatedApiClient> {
    admin.require_admin()?;
    let name = parse_name(name)?;
    if scopes.is_empty() {
        return Err(ApiError::invalid("scopes", t!("name-at-least-one-scope")));
    }
    let mut scopes = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    let client_id = format!("wbc_{}", uuid::Uuid::new_v4().simple());
    let secret = tokens::random_token();
    let now = crate::clock::now();
    let created = db::write_transaction(conn, |conn| -> ApiResult<ApiClient> {
        let account = store::users::insert(
            conn,
            &store::users::NewUser {
                email: &format!("{client_id}@api-clients.invalid"),
                password_hash: NO_PASSWORD,
                display_name: &name,
                locale: Locale::En,
                birth_date: None,
                claimed_area_id: None,
                email_verified_at: None,
                notify_by_email: false,
                created_at: now,
                updated_at: now,
            },
        )?;
        let client = store::api_clients::insert(
            conn,
            &store::api_clients::NewApiClient {
                client_id: &client_id,
                name: &name,
                user_id: account.id,
                secret_hash: &tokens::token_hash(&secret),
                scopes: &scope::list_text(&scopes),
                created_by: admin.id(),
                created_at: now,
            },
        )?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(admin.id()),
                action: "api_client_created",
                entity_type: "api_client",
                entity_id: client.id.to_string(),
                details: serde_json::json!({"name": name, "scopes": scope::list_text(&scopes)}),
            },
        )?;
        Ok(client)
    })?;
    Ok(CreatedApiClient {
        client: view(created),
        client_secret: secret,
    })
}

pub fn list(conn: &mut DbConnection, admin: &Caller) -> ApiResult<Vec<ApiClientView>> {
    admin.require_admin()?;
    Ok(store::api_clients::all(conn)?
        .into_iter()
        .map(view)
        .collect())
}

/// Revokes a client: its tokens stop working at once (their sessions end).
pub fn revoke(conn: &mut DbConnection, admin: &Caller, id: i64) -> ApiResult<()> {
    admin.require_admin()?;
    db::write_transaction(conn, |conn| {
        let client = store::api_clients::find(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::ApiClient))?;
        if !store::api_clients::revoke(conn, id, crate::clock::now())? {
            return Ok(());
        }
        store::sessions::revoke_all_for_user(conn, client.user_id, "api_client_revoked")?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(admin.id()),
                action: "api_client_revoked",
                entity_type: "api_client",
                entity_id: id.to_string(),
                details: serde_json::json!({"name": client.name}),
            },
        )?;
        Ok(())
    })
}

/// Why the token endpoint refuses, in the words of RFC 6749 §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    InvalidRequest,
    InvalidClient,
    UnsupportedGrantType,
    InvalidScope,
}

impl TokenRefusal {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenRefusal::InvalidRequest => "invalid_request",
            TokenRefusal::InvalidClient => "invalid_client",
            TokenRefusal::UnsupportedGrantType => "unsupported_grant_type",
            TokenRefusal::InvalidScope => "invalid_scope",
        }
    }
}

/// A refusal with the problem that explains it.
pub struct Refused {
    pub refusal: TokenRefusal,
    pub problem: ApiError,
}

impl From<ApiError> for Refused {
    fn from(problem: ApiError) -> Self {
        Self {
            refusal: TokenRefusal::InvalidRequest,
            problem,
        }
    }
}

impl From<diesel::result::Error> for Refused {
    fn from(e: diesel::result::Error) -> Self {
        ApiError::from(e).into()
    }
}

pub fn refused(refusal: TokenRefusal, detail: Text) -> Refused {
    let code = match refusal {
        TokenRefusal::InvalidClient => ErrorCode::Unauthorized,
        _ => ErrorCode::BadRequest,
    };
    Refused {
        refusal,
        problem: ApiError::new(code, detail),
    }
}

/// What a token request carries, as the endpoint read it.
pub struct TokenRequest<'a> {
    pub grant_type: Option<&'a str>,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub scope: Option<&'a str>,
}

/// An access token for a client.
#[derive(Serialize, ToSchema)]
pub struct ClientToken {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    pub expires_in: i64,
    /// The scopes the token holds, separated by spaces.
    pub scope: String,
}

/// The client-credentials grant: a short-lived access token with the scopes asked for (all of
/// the client's when it asks for none). Each token is a session of the client's account, so
/// revoking the client ends every token at once; each is written to the audit log.
pub fn issue_token(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    request: &TokenRequest<'_>,
) -> Result<ClientToken, Refused> {
    if request.grant_type != Some("client_credentials") {
        return Err(refused(
            TokenRefusal::UnsupportedGrantType,
            t!("only-the-client-credentials-grant"),
        ));
    }
    let unknown = || {
        refused(
            TokenRefusal::InvalidClient,
            t!("unknown-client-or-wrong-secret"),
        )
    };
    let client = store::api_clients::find_by_client_id(conn, request.client_id)?
        .filter(|c| c.revoked_at.is_none())
        .ok_or_else(unknown)?;
    if tokens::token_hash(request.client_secret) != client.secret_hash {
        return Err(unknown());
    }
    let granted = stored_scopes(&client);
    let scopes = match request.scope {
        None => granted,
        Some(asked) => {
            let asked = scope::parse_list(asked).map_err(|name| {
                refused(TokenRefusal::InvalidScope, t!("unknown-scope", name = name))
            })?;
            if let Some(beyond) = asked.iter().find(|s| !granted.contains(s)) {
                return Err(refused(
                    TokenRefusal::InvalidScope,
                    t!("scope-not-granted", name = beyond.as_str()),
                ));
            }
            asked
        }
    };
    let scope_text = scope::list_text(&scopes);
    let now = crate::clock::now();
    let session_id = tokens::random_token();
    let access_token = db::write_transaction(conn, |conn| -> Result<String, Refused> {
        store::sessions::create(
            conn,
            &session_id,
            client.user_id,
            now,
            now + TimeDelta::seconds(ACCESS_TOKEN_SECONDS),
        )?;
        store::api_clients::mark_used(conn, client.id, now)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(client.user_id),
                action: "api_client_token_issued",
                entity_type: "api_client",
                entity_id: client.id.to_string(),
                details: serde_json::json!({"scope": scope_text}),
            },
        )?;
        keys.issue_with_scope(
            client.user_id,
            &session_id,
            Some(scope_text.clone()),
            now.and_utc().timestamp(),
        )
        .map_err(|e| ApiError::internal(e).into())
    })?;
    Ok(ClientToken {
        access_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TOKEN_SECONDS,
        scope: scope_text,
    })
}

/// The access of the account's client, when the account is one: the scopes of the token that
/// the client still holds (an administrator may have narrowed them since). A revoked client
/// has no access at all.
pub fn access_of(
    conn: &mut DbConnection,
    user_id: i64,
    token_scope: Option<&str>,
) -> ApiResult<Option<ClientAccess>> {
    let Some(client) = store::api_clients::of_user(conn, user_id)? else {
        return Ok(None);
    };
    if client.revoked_at.is_some() {
        return Err(ApiError::unauthorized(t!("this-api-client-was-revoked")));
    }
    let held = stored_scopes(&client);
    let scopes = scope::parse_list(token_scope.unwrap_or_default())
        .unwrap_or_default()
        .into_iter()
        .filter(|s| held.contains(s))
        .collect();
    Ok(Some(ClientAccess {
        client_id: client.client_id,
        scopes,
    }))
}

//! API clients for the city's systems: administrators create and revoke them, and a client
//! trades its credentials for a short-lived access token at `/oauth/token` (RFC 6749 §4.4).

use actix_web::http::header;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, delete, get, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::Admin;
use crate::api::extract::Json;
use crate::domain::locale::Locale;
use crate::domain::scope::Scope;
use crate::error::{ApiResult, Problem};
use crate::service::api_clients::{
    self, ApiClientView, ClientToken, CreatedApiClient, Refused, TokenRefusal, TokenRequest,
    refused,
};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    /// What the system is, as the audit log names it (`Financieel pakket`).
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<Scope>,
}

/// Create an API client (administrators; audited). The answer holds the client's secret, once:
/// it is kept only as a hash.
#[utoipa::path(
    tag = "api-clients",
    security(("bearer" = [])),
    request_body = NewApiClient,
    responses(
        (status = 201, description = "created, with its secret", body = CreatedApiClient),
        (status = 403, description = "not an administrator"),
        (status = 422, description = "no name, or no scope"),
    )
)]
#[post("/api-clients")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    body: Json<NewApiClient>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        api_clients::create(conn, &caller, &body.name, &body.scopes)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// Every API client, revoked ones included, without secrets (administrators).
#[utoipa::path(
    tag = "api-clients",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "the clients", body = Vec<ApiClientView>),
        (status = 403, description = "not an administrator"),
    )
)]
#[get("/api-clients")]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    Admin(caller): Admin,
) -> ApiResult<web::Json<Vec<ApiClientView>>> {
    let clients = blocking::run(&state.pool, move |conn| api_clients::list(conn, &caller)).await?;
    Ok(web::Json(clients))
}

/// Revoke an API client (administrators; audited): its tokens stop working at once. Revoking
/// it again changes nothing.
#[utoipa::path(
    tag = "api-clients",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "API client id")),
    responses(
        (status = 204, description = "revoked"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such client"),
    )
)]
#[delete("/api-clients/{id}")]
pub async fn revoke_api_client(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        api_clients::revoke(conn, &caller, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The token request, form-encoded as RFC 6749 §4.4.2 says. The client authenticates with HTTP
/// Basic (preferred) or with `client_id` and `client_secret` here.
#[derive(Deserialize, ToSchema)]
pub struct TokenForm {
    /// `client_credentials`; any other grant is refused with `unsupported_grant_type`.
    #[schema(value_type = Option<GrantType>)]
    pub grant_type: Option<String>,
    /// Scopes separated by spaces; all of the client's when left out.
    pub scope: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// The one grant the token endpoint gives.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum GrantType {
    ClientCredentials,
}

/// A refused token request: problem details with the OAuth `error` code beside them.
#[derive(Serialize, ToSchema)]
pub struct TokenProblem {
    #[serde(flatten)]
    pub problem: Problem,
    /// `invalid_request`, `invalid_client`, `unsupported_grant_type` or `invalid_scope`.
    pub error: String,
    pub error_description: String,
}

/// `client_id:client_secret` from `Authorization: Basic`, each form-decoded (RFC 6749 §2.3.1).
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let form_decode = |part: &str| {
        form_urlencoded::parse(format!("v={part}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((form_decode(id)?, form_decode(secret)?))
}

fn token_refused(req: &HttpRequest, refused: Refused) -> HttpResponse {
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or(Locale::En);
    let problem = refused.problem.problem(locale);
    let status = actix_web::http::StatusCode::from_u16(problem.status)
        .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
    let mut response = HttpResponse::build(status);
    response
        .content_type("application/problem+json")
        .insert_header((header::CACHE_CONTROL, "no-store"));
    if refused.refusal == TokenRefusal::InvalidClient {
        response.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"wijkbudget\""));
    }
    response.json(TokenProblem {
        error: refused.refusal.as_str().to_string(),
        error_description: problem.detail.clone(),
        problem,
    })
}

/// The OAuth 2.0 client-credentials grant: an API client's id and secret for an access token
/// of 15 minutes, with the scopes asked for. Send the token as `Authorization: Bearer`. Refusals
/// are problem details that also carry the OAuth `error` and `error_description`.
#[utoipa::path(
    tag = "api-clients",
    request_body(content = TokenForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "the access token", body = ClientToken),
        (status = 400, description = "not the client-credentials grant, a scope not held, or a malformed request", body = TokenProblem, content_type = "application/problem+json"),
        (status = 401, description = "unknown client, revoked client or wrong secret", body = TokenProblem, content_type = "application/problem+json"),
    )
)]
#[post("/oauth/token")]
pub async fn issue_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let form: TokenForm = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(e) => {
            let detail = t!("form-not-readable", reason = e.to_string());
            return Ok(token_refused(
                &req,
                refused(TokenRefusal::InvalidRequest, detail),
            ));
        }
    };
    let (client_id, client_secret) =
        match (basic_credentials(&req), form.client_id, form.client_secret) {
            (Some(basic), _, _) => basic,
            (None, Some(id), Some(secret)) => (id, secret),
            _ => {
                let detail = t!("the-token-request-needs-client-credentials");
                return Ok(token_refused(
                    &req,
                    refused(TokenRefusal::InvalidClient, detail),
                ));
            }
        };
    let tokens = state.tokens.clone();
    let issued = blocking::run(&state.pool, move |conn| {
        Ok(api_clients::issue_token(
            conn,
            &tokens,
            &TokenRequest {
                grant_type: form.grant_type.as_deref(),
                client_id: &client_id,
                client_secret: &client_secret,
                scope: form.scope.as_deref(),
            },
        ))
    })
    .await?;
    Ok(match issued {
        Ok(token) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::PRAGMA, "no-cache"))
            .json(token),
        Err(refused) => token_refused(&req, refused),
    })
}

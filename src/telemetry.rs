//! Structured logs and the per-request context: a request id on every request and response,
//! one log line per request (method, path without query, status, duration; never a body,
//! a password or a token), the reader's language from `Accept-Language`, and problem details
//! for every error, whoever produced it, in that language.

use std::time::Instant;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::domain::locale::Locale;
use crate::error::{ApiError, ErrorCode};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Installs the global subscriber; a bad filter falls back to `info` with a warning.
pub fn init(filter: &str, format: LogFormat) {
    let (env_filter, bad_filter) = match EnvFilter::try_new(filter) {
        Ok(f) => (f, false),
        Err(_) => (EnvFilter::new("info"), true),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(env_filter)
        .with_writer(std::io::stderr);
    let installed = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    if installed.is_ok() && bad_filter {
        tracing::warn!(filter, "LOG is not a valid filter; using info");
    }
}

/// The id of the current request, available to handlers as request extension.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

fn acceptable_request_id(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    ok.then(|| text.to_string())
}

pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let request_id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(acceptable_request_id)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let locale = reader_locale(&req);
    req.extensions_mut().insert(locale);
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %req.method(),
        path = %req.path(),
    );
    let started = Instant::now();
    let response = next.call(req).instrument(span.clone()).await?;
    let mut response = as_problem_when_error(response, locale);
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let status = response.status().as_u16();
    let elapsed = started.elapsed().as_secs_f64();
    let route = response
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    crate::metrics::request_answered(
        response.request().method().as_str(),
        &route,
        status,
        elapsed,
    );
    let elapsed_ms = elapsed * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, elapsed_ms, "request failed");
        } else {
            tracing::info!(status, elapsed_ms, "request");
        }
    });
    Ok(response)
}

/// The language the request asks for among ours; English when it names none, because a client
/// that sends no `Accept-Language` is most often a program whose developer reads English.
fn reader_locale(req: &ServiceRequest) -> Locale {
    asked_locale(req.headers()).unwrap_or(Locale::En)
}

/// The language of ours that `Accept-Language` prefers, if it names one.
pub fn asked_locale(headers: &header::HeaderMap) -> Option<Locale> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::negotiate)
}

/// Every error answer as problem details in the reader's language: those of our own errors are
/// said again in it, those from actix itself or a library middleware are made problem details.
fn as_problem_when_error<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    locale: Locale,
) -> ServiceResponse<BoxBody> {
    let localised = response
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
        .filter(|_| locale != Locale::En)
        .map(|e| e.response_in(locale));
    if let Some(localised) = localised {
        let (req, _) = response.into_parts();
        return ServiceResponse::new(req, localised);
    }
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    // A page of the website tells its reader what went wrong in its own HTML.
    let answered = content_type
        .is_some_and(|v| v.starts_with("application/problem+json") || v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || answered {
        return response.map_into_boxed_body();
    }
    let code = match status.as_u16() {
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        409 => ErrorCode::Conflict,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        422 => ErrorCode::ValidationFailed,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::ServiceUnavailable,
        400..=499 => ErrorCode::BadRequest,
        _ => ErrorCode::InternalError,
    };
    let (req, _) = response.into_parts();
    ServiceResponse::new(req, ApiError::new(code, code.title()).response_in(locale))
}

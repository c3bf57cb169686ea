//! The Idempotency-Key header on POST and PUT: the request body is read here, fingerprinted
//! with the query, and the answer kept, so a retry after a lost answer is answered from the
//! record (see `service::idempotency`). Marked with `Idempotent-Replayed: true` when it is.

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use futures_util::StreamExt;

use crate::api::areas::IMPORT_LIMIT;
use crate::api::blocking;
use crate::api::caller::bearer_token;
use crate::auth::tokens::token_hash;
use crate::error::{ApiError, ErrorCode};
use crate::service::idempotency::{self, Answer, Begin};
use crate::state::AppState;

pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

pub async fn replay_or_keep(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(key) = req.headers().get(&IDEMPOTENCY_KEY).cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if ![Method::POST, Method::PUT].contains(req.method()) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let scope = match bearer_token(req.request()) {
        None => "anonymous".to_string(),
        Some(Ok(token)) => match state.tokens.verify(&token) {
            Some(claims) => format!("user:{}", claims.sub),
            // The handler answers 401; nothing is kept for a caller it does not know.
            None => return Ok(next.call(req).await?.map_into_boxed_body()),
        },
        Some(Err(_)) => return Ok(next.call(req).await?.map_into_boxed_body()),
    };
    let key_hash = match idempotency::key_hash(
        &scope,
        req.method().as_str(),
        req.path(),
        key.to_str().unwrap_or_default(),
    ) {
        Ok(hash) => hash,
        Err(e) => return Ok(req.error_response(e)),
    };
    let body = match read_body(&mut req).await {
        Ok(body) => body,
        Err(e) => return Ok(req.error_response(e)),
    };
    let request_hash = fingerprint(&req, &body);
    req.set_payload(body.into());

    let (pool, claimed) = (state.pool.clone(), key_hash.clone());
    let begun = blocking::run(&pool, move |conn| {
        idempotency::begin(conn, &claimed, &request_hash)
    })
    .await;
    match begun {
        Err(e) => Ok(req.error_response(e)),
        Ok(Begin::Replay(kept)) => Ok(req.into_response(replayed(kept))),
        Ok(Begin::Proceed) => {
            let response = next.call(req).await?;
            keep_answer(&state, key_hash, response).await
        }
    }
}

/// The body, up to the largest any endpoint reads.
async fn read_body(req: &mut ServiceRequest) -> Result<web::Bytes, ApiError> {
    let mut payload = req.parts_mut().1.take();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::invalid("body", t!("could-not-be-read")))?;
        if body.len() + chunk.len() > IMPORT_LIMIT {
            return Err(ApiError::new(
                ErrorCode::PayloadTooLarge,
                t!("the-body-exceeds-bytes", import_limit = IMPORT_LIMIT),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// What makes two requests the same: the query, the content type and the body.
fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    token_hash(&format!(
        "{}\n{content_type}\n{}",
        req.query_string(),
        String::from_utf8_lossy(body)
    ))
}

fn replayed(kept: idempotency::KeptRequest) -> HttpResponse {
    let status = u16::try_from(kept.status.unwrap_or(500))
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    response.insert_header((REPLAYED, HeaderValue::from_static("true")));
    if let Some(content_type) = kept.content_type {
        response.insert_header((header::CONTENT_TYPE, content_type));
    }
    if let Some(location) = kept.location {
        response.insert_header((header::LOCATION, location));
    }
    response.body(kept.body.unwrap_or_default())
}

/// Keeps the answer when it is the request's outcome, or frees the key for a fresh try.
async fn keep_answer(
    state: &web::Data<AppState>,
    key_hash: String,
    response: ServiceResponse<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let (req, response) = response.into_parts();
    let status = response.status().as_u16();
    let text_header = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = text_header(header::CONTENT_TYPE);
    let location = text_header(header::LOCATION);
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body).await.unwrap_or_default();
    let text = std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| idempotency::worth_keeping(status))
        .map(str::to_string);
    let outcome = blocking::run(&state.pool, move |conn| match text {
        Some(body) => idempotency::keep(
            conn,
            &key_hash,
            &Answer {
                status: i32::from(status),
                content_type: content_type.as_deref(),
                location: location.as_deref(),
                body: &body,
            },
        ),
        None => idempotency::release(conn, &key_hash),
    })
    .await;
    if let Err(e) = outcome {
        tracing::warn!(error = %e, "keeping an idempotent answer failed");
    }
    Ok(ServiceResponse::new(
        req,
        head.set_body(BoxBody::new(bytes)),
    ))
}

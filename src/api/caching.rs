//! Entity tags: every successful read carries an `ETag`, and a read with `If-None-Match` naming
//! the current one is answered `304 Not Modified` without a body. Proposals, editions and
//! rounds also carry their version in the tag (`"v<updated_at in µs>-<hash>"`), which their
//! PATCH takes back in `If-Match`: a change made on an older version is refused with `412`.

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// The version of the record an answer shows (its `updated_at`), put in the answer's ETag.
#[derive(Clone, Copy)]
struct ResourceVersion(NaiveDateTime);

/// A JSON answer that shows one version of a record.
pub fn versioned(
    status: StatusCode,
    body: &impl Serialize,
    version: NaiveDateTime,
) -> HttpResponse {
    let mut response = HttpResponse::build(status).json(body);
    response.extensions_mut().insert(ResourceVersion(version));
    response
}

/// The version named by `If-Match`, when the request has one (`*` names any version).
pub struct IfMatch(pub Option<NaiveDateTime>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get(header::IF_MATCH) {
            None => Ok(IfMatch(None)),
            Some(value) if value.as_bytes() == b"*" => Ok(IfMatch(None)),
            Some(value) => value
                .to_str()
                .ok()
                .and_then(version_in_tag)
                .map(|version| IfMatch(Some(version)))
                .ok_or_else(|| {
                    ApiError::invalid_coded(
                        "If-Match",
                        "not_an_etag",
                        t!("is-not-an-etag-this-server-gave"),
                    )
                }),
        };
        std::future::ready(parsed)
    }
}

fn version_in_tag(tag: &str) -> Option<NaiveDateTime> {
    let inner = tag.trim().trim_start_matches("W/").strip_prefix("\"v")?;
    let (micros, _) = inner.split_once('-')?;
    DateTime::from_timestamp_micros(micros.parse().ok()?).map(|t| t.naive_utc())
}

fn tag(version: Option<ResourceVersion>, body: &[u8]) -> String {
    let hash = Sha256::digest(body);
    let hash: String = hash[..12].iter().map(|b| format!("{b:02x}")).collect();
    match version {
        Some(ResourceVersion(at)) => format!("\"v{}-{hash}\"", at.and_utc().timestamp_micros()),
        None => format!("\"{hash}\""),
    }
}

fn matches_any(header_value: Option<&HeaderValue>, tag: &str) -> bool {
    header_value
        .and_then(|v| v.to_str().ok())
        .is_some_and(|list| {
            list.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == "*" || t == tag)
        })
}

/// Tags successful reads (and answers that show a version), and answers a read whose
/// `If-None-Match` names the current tag with `304` and no body.
pub async fn tag_and_revalidate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let read = matches!(*req.method(), Method::GET | Method::HEAD);
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.call(req).await?;
    let version = response
        .response()
        .extensions()
        .get::<ResourceVersion>()
        .copied();
    if response.status() != StatusCode::OK || !(read || version.is_some()) {
        return Ok(response.map_into_boxed_body());
    }
    let (req, response) = response.into_parts();
    let (mut head, body) = response.into_parts();
    let bytes = to_bytes(body).await.unwrap_or_default();
    let tag = tag(version, &bytes);
    let headers = head.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    // Every read is revalidated; a signed-in caller's answers are theirs alone.
    if !headers.contains_key(header::CACHE_CONTROL) {
        let scope = if req.headers().contains_key(header::AUTHORIZATION) {
            "private, no-cache"
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(scope));
    }
    if read && matches_any(if_none_match.as_ref(), &tag) {
        let mut not_modified = HttpResponse::NotModified();
        for name in [header::ETAG, header::CACHE_CONTROL] {
            if let Some(value) = head.headers().get(&name) {
                not_modified.insert_header((name, value.clone()));
            }
        }
        return Ok(ServiceResponse::new(req, not_modified.finish()));
    }
    Ok(ServiceResponse::new(
        req,
        head.set_body(BoxBody::new(bytes)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_survives_the_round_trip_through_a_tag() {
        let at = crate::clock::now();
        let tagged = tag(Some(ResourceVersion(at)), b"{}");
        assert_eq!(version_in_tag(&tagged), Some(at));
        assert_eq!(version_in_tag(&format!("W/{tagged}")), Some(at));
        assert_eq!(version_in_tag(&tag(None, b"{}")), None);
        assert_eq!(version_in_tag("\"vnot-a-number\""), None);
    }

    #[test]
    fn if_none_match_takes_a_list_and_weak_tags() {
        let value = HeaderValue::from_static("\"a\", W/\"b\"");
        assert!(matches_any(Some(&value), "\"b\""));
        assert!(!matches_any(Some(&value), "\"c\""));
        assert!(matches_any(Some(&HeaderValue::from_static("*")), "\"c\""));
        assert!(!matches_any(None, "\"a\""));
    }
}

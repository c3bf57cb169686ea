//! Request extractors that turn every kind of bad input into a problem that names the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::domain::locale::Locale;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::i18n::Text;

/// Largest request body accepted unless an endpoint sets its own limit.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// A JSON body: requires `Content-Type: application/json`, caps the size and answers a
/// field that does not fit with a 422 naming it (`unknown field`, `missing field`, wrong type).
///
/// The outcome is kept until the handler asks for it with [`Json::into_inner`], so that the
/// caller's authorisation (checked by the other extractors) is always answered first.
pub struct Json<T>(Result<T, ApiError>);

impl<T> Json<T> {
    pub fn into_inner(self) -> ApiResult<T> {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = is_json_content_type(req);
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            if !content_type_ok {
                return Ok(Json(Err(ApiError::new(
                    ErrorCode::UnsupportedMediaType,
                    t!("send-the-body-as-json-with-content"),
                ))));
            }
            let parsed = match body.await {
                Ok(bytes) => parse_json(&bytes),
                Err(e) => Err(body_error(e)),
            };
            Ok(Json(parsed))
        })
    }
}

fn is_json_content_type(req: &HttpRequest) -> bool {
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Maps a failure to read the body to the status a client can act on.
pub fn body_error(error: actix_web::Error) -> ApiError {
    match error.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => ApiError::new(
            ErrorCode::PayloadTooLarge,
            t!("the-request-body-is-larger-than-this"),
        ),
        Some(_) => ApiError::new(
            ErrorCode::BadRequest,
            t!("the-request-body-could-not-be-read"),
        ),
        None => {
            if error.as_response_error().status_code()
                == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
            {
                ApiError::new(
                    ErrorCode::PayloadTooLarge,
                    t!("the-request-body-is-larger-than-this"),
                )
            } else {
                ApiError::new(
                    ErrorCode::BadRequest,
                    t!("the-request-body-could-not-be-read"),
                )
            }
        }
    }
}

/// Parses JSON, telling syntax errors (400) from data that does not fit the schema (422).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::MalformedJson,
            t!("malformed-json", line = e.line(), column = e.column()),
        )
    })?;
    whole_numbers_as_integers(&mut value);
    if let Some(field) = string_with_nul(&value, "") {
        return Err(ApiError::invalid(field, t!("nul-refused")));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        schema_error(&path, &error.into_inner().to_string())
    })
}

/// JSON has one number type: `12.0` is the integer 12 (as JSON Schema says), so a client whose
/// JSON library writes whole numbers with a decimal point is understood.
fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(number) => {
            if let Some(float) = number
                .as_f64()
                .filter(|_| !number.is_i64() && !number.is_u64())
                && float.fract() == 0.0
                && float >= i64::MIN as f64
                && float < i64::MAX as f64
            {
                *value = Value::from(float as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// Where the first string holding a NUL character is, named as serde names fields. PostgreSQL
/// text cannot hold the NUL character and no field of this API has a use for it, so every body,
/// query and file carrying one is refused before it reaches a handler.
fn string_with_nul(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let named = |path: &str| {
        if path.is_empty() {
            "body".to_string()
        } else {
            path.to_string()
        }
    };
    match value {
        Value::String(text) if text.contains('\0') => Some(named(path)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| string_with_nul(item, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(key, inner)| {
            if key.contains('\0') {
                return Some(named(path));
            }
            let inner_path = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            string_with_nul(inner, &inner_path)
        }),
        _ => None,
    }
}

/// Builds the 422 for a value that is valid JSON but not a valid request; `path` is where serde
/// stopped, and for unknown or missing fields the field itself is taken from serde's message.
fn schema_error(path: &str, message: &str) -> ApiError {
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string();
    // serde names a missing field only in its message; the path stops at the parent object.
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let parent = if path == "." { "" } else { path };
    let field = match missing {
        Some(name) if parent.is_empty() => name.to_string(),
        Some(name) => format!("{parent}.{name}"),
        None if parent.is_empty() => "body".to_string(),
        None => parent.to_string(),
    };
    let (code, message) = if message.starts_with("unknown field") {
        ("unknown_field", t!("unknown-field"))
    } else if message.starts_with("missing field") {
        ("required", t!("is-required"))
    } else {
        ("wrong_type", expected_shape(&message))
    };
    ApiError::invalid_coded(field, code, message)
}

/// What serde expected, said without serde's English: its message names a Rust type or a
/// list of variants after "expected".
fn expected_shape(serde_message: &str) -> Text {
    let expected = serde_message
        .rsplit_once("expected ")
        .map_or("", |(_, expected)| expected.trim());
    if let Some(names) = expected.strip_prefix("one of ") {
        return t!("one-of", names = names.replace('`', ""));
    }
    let shape = match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => "whole_number",
        "f32" | "f64" => "number",
        "a string" | "a borrowed string" | "a character" => "text",
        "a boolean" => "boolean",
        e if e.starts_with("a sequence") || e.starts_with("an array") => "list",
        e if e.starts_with("struct") || e.starts_with("a map") => "object",
        e if serde_message.contains("premature end of input")
            || serde_message.contains("input contains invalid characters")
            || e.contains("date") =>
        {
            "date_time"
        }
        _ => "other",
    };
    t!("wrong-shape", shape = shape)
}

/// Query parameters, with the same 422 naming the parameter when one does not fit; like
/// [`Json`], the outcome waits for [`Query::into_inner`] so authorisation is answered first.
pub struct Query<T>(Result<T, ApiError>);

impl<T> Query<T> {
    pub fn into_inner(self) -> ApiResult<T> {
        self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Query(parse_query(req.query_string()))))
    }
}

pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    if let Some((name, _)) = form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| name.contains('\0') || value.contains('\0'))
    {
        return Err(ApiError::invalid_coded(
            name.replace('\0', ""),
            "nul_character",
            t!("nul-refused"),
        ));
    }
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer)
        .map_err(|error| schema_error(&error.path().to_string(), &error.into_inner().to_string()))
}

/// For PATCH bodies: tells an absent field (`None`) from an explicit `null` (`Some(None)`).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A filter that takes one value or several separated by commas (`?state=submitted,feasible`);
/// empty when absent. A name `parse` does not know is refused, listing the valid `names`.
pub fn comma_list<'a, T>(
    field: &str,
    text: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<T>, ApiError> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    let parsed: Option<Vec<T>> = text.split(',').map(&parse).collect();
    parsed.ok_or_else(|| {
        let names: Vec<&str> = names.into_iter().collect();
        ApiError::invalid_coded(
            field,
            "not_one_of",
            t!("one-or-more-of", names = names.join(", ")),
        )
    })
}

/// The language the request asked for (`telemetry::request_context` settles it from
/// `Accept-Language`), for answers that carry words beyond problem details.
pub struct ReaderLocale(pub Locale);

impl FromRequest for ReaderLocale {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        use actix_web::HttpMessage;
        let locale = req
            .extensions()
            .get::<Locale>()
            .copied()
            .unwrap_or(Locale::En);
        std::future::ready(Ok(ReaderLocale(locale)))
    }
}

/// The languages the request's `Accept-Language` accepts, most wanted first: which version of
/// a text written in several languages it gets.
pub struct ReaderLanguages(pub Vec<Locale>);

impl FromRequest for ReaderLanguages {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let wanted = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::preferences)
            .unwrap_or_default();
        std::future::ready(Ok(ReaderLanguages(wanted)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        title: String,
        cost: Option<i64>,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u8,
    }

    fn field_of(json: &str) -> (ErrorCode, String) {
        let err = parse_json::<Body>(json.as_bytes()).unwrap_err();
        (
            err.code,
            err.errors
                .first()
                .map(|e| e.field.clone())
                .unwrap_or_default(),
        )
    }

    #[test]
    fn syntax_errors_are_malformed_json() {
        assert_eq!(field_of("{\"title\": ").0, ErrorCode::MalformedJson);
        assert_eq!(field_of("{} trailing").0, ErrorCode::MalformedJson);
    }

    #[test]
    fn schema_errors_name_the_field() {
        assert_eq!(
            field_of(r#"{"title":"x","role":"admin"}"#),
            (ErrorCode::ValidationFailed, "role".into())
        );
        assert_eq!(
            field_of(r#"{}"#),
            (ErrorCode::ValidationFailed, "title".into())
        );
        assert_eq!(
            field_of(r#"{"title":"x","cost":"ten"}"#),
            (ErrorCode::ValidationFailed, "cost".into())
        );
        assert_eq!(
            field_of(r#"{"title":"x","inner":{"n":300}}"#),
            (ErrorCode::ValidationFailed, "inner.n".into())
        );
        assert_eq!(
            field_of(r#"{"title":"x","inner":{"m":1}}"#),
            (ErrorCode::ValidationFailed, "inner.m".into())
        );
    }

    #[test]
    fn whole_numbers_written_with_a_decimal_point_are_integers() {
        #[derive(Debug, Deserialize)]
        struct Ids {
            ids: Vec<i64>,
            share: f64,
        }
        let ids: Ids = parse_json(br#"{"ids":[12.0,-3.0,4],"share":1.0}"#).unwrap();
        assert_eq!(ids.ids, vec![12, -3, 4]);
        assert_eq!(ids.share, 1.0);
        assert_eq!(
            field_of(r#"{"title":"x","cost":2.5}"#),
            (ErrorCode::ValidationFailed, "cost".into())
        );
        assert_eq!(
            field_of(r#"{"title":"x","cost":1e300}"#),
            (ErrorCode::ValidationFailed, "cost".into())
        );
    }

    #[test]
    fn query_errors_name_the_parameter() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Page {
            limit: Option<u32>,
        }
        let err = parse_query::<Page>("limit=many").unwrap_err();
        assert_eq!(err.errors[0].field, "limit");
    }

    #[test]
    fn the_nul_character_is_refused_where_it_stands() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Search {
            q: Option<String>,
        }
        let err = parse_query::<Search>("q=a%00b").unwrap_err();
        assert_eq!(
            (err.code, err.errors[0].field.as_str()),
            (ErrorCode::ValidationFailed, "q")
        );
        assert!(parse_query::<Search>("q=a%01b").is_ok());
        assert_eq!(field_of(r#"{"title":"a\u0000b"}"#).1, "title");
        assert_eq!(
            field_of(r#"{"title":"x","inner":{"list":["ok","\u0000"]}}"#).1,
            "inner.list[1]"
        );
        assert_eq!(
            parse_json::<String>(br#""\u0000""#).unwrap_err().errors[0].field,
            "body"
        );
        assert!(parse_json::<Body>(br#"{"title":"a\u0001b"}"#).is_ok());
    }
}

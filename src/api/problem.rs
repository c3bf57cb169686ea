//! How an [`ApiError`] travels over HTTP: an RFC 9457 problem+json answer with the headers its
//! code calls for, in the language the request asked for (`telemetry::request_context` puts the
//! English answer of [`ResponseError::error_response`] into that language).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::domain::locale::Locale;
use crate::error::{ApiError, ErrorCode};

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        self.response_in(Locale::En)
    }
}

impl ApiError {
    pub fn response_in(&self, locale: Locale) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        response.insert_header((header::CONTENT_LANGUAGE, locale.as_str()));
        response.insert_header((header::VARY, "Accept-Language"));
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(allow) = &self.allow
            && let Ok(value) = HeaderValue::from_str(allow)
        {
            response.insert_header((header::ALLOW, value));
        }
        if self.code == ErrorCode::Unauthorized {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response.body(serde_json::to_string(&self.problem(locale)).unwrap_or_default())
    }
}

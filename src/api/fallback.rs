//! Answers for requests no route takes: 405 with `Allow` when the path exists with another
//! method, 404 otherwise, both as problem details.

use actix_web::{HttpRequest, web};

use crate::api::route_table::RouteTable;
use crate::error::{ApiError, ErrorCode};

pub async fn not_found_or_wrong_method(
    req: HttpRequest,
    table: web::Data<RouteTable>,
) -> Result<actix_web::HttpResponse, ApiError> {
    Err(unmatched(&req, &table))
}

/// For a path parameter that does not parse (`/areas/import` read as `/areas/{id}`): the path
/// names no resource, or names one that does not take this method.
pub fn path_error(_: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    match req.app_data::<web::Data<RouteTable>>() {
        Some(table) => unmatched(req, table).into(),
        None => ApiError::new(ErrorCode::NotFound, t!("no-resource", path = req.path())).into(),
    }
}

fn unmatched(req: &HttpRequest, table: &RouteTable) -> ApiError {
    let methods = table.methods_for(req.path());
    if methods.is_empty() || methods.iter().any(|m| m == req.method().as_str()) {
        ApiError::new(ErrorCode::NotFound, t!("no-resource", path = req.path()))
    } else {
        ApiError {
            allow: Some(methods.join(", ")),
            ..ApiError::new(
                ErrorCode::MethodNotAllowed,
                t!(
                    "method-not-accepted",
                    path = req.path(),
                    method = req.method().as_str(),
                    methods = methods.join(", ")
                ),
            )
        }
    }
}

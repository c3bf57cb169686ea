//! Answers for requests no route takes: 405 with `Allow` when the path exists with another
//! method, 404 otherwise, both as problem details.

use std::sync::Arc;

use actix_web::{HttpRequest, web};

use crate::error::{ApiError, ErrorCode};

/// The documented routes, as path templates with their methods.
#[derive(Clone, Default)]
pub struct RouteTable {
    routes: Arc<Vec<(Vec<String>, Vec<String>)>>,
}

impl RouteTable {
    pub fn from_openapi(document: &utoipa::openapi::OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = split(template).map(str::to_string).collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .iter()
                .filter(|(_, present)| *present)
                .map(|(m, _)| m.to_string())
                .collect();
                (segments, methods)
            })
            .collect();
        Self {
            routes: Arc::new(routes),
        }
    }

    /// The methods a concrete path accepts, or none when no template matches it. Where several
    /// templates match (`/areas/import` and `/areas/{id}`), the one with the most literal
    /// segments names the resource.
    pub fn methods_for(&self, path: &str) -> Vec<String> {
        let wanted: Vec<&str> = split(path).collect();
        let matching: Vec<(usize, &Vec<String>)> = self
            .routes
            .iter()
            .filter_map(|(template, methods)| {
                let fits = template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t == w || is_parameter(t));
                fits.then(|| {
                    (
                        template.iter().filter(|t| !is_parameter(t)).count(),
                        methods,
                    )
                })
            })
            .collect();
        let most_literal = matching.iter().map(|(literals, _)| *literals).max();
        let mut methods: Vec<String> = matching
            .into_iter()
            .filter(|(literals, _)| Some(*literals) == most_literal)
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect();
        methods.sort();
        methods.dedup();
        methods
    }
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
}

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
        None => ApiError::new(
            ErrorCode::NotFound,
            format!("no resource at {}", req.path()),
        )
        .into(),
    }
}

fn unmatched(req: &HttpRequest, table: &RouteTable) -> ApiError {
    let methods = table.methods_for(req.path());
    if methods.is_empty() || methods.iter().any(|m| m == req.method().as_str()) {
        ApiError::new(
            ErrorCode::NotFound,
            format!("no resource at {}", req.path()),
        )
    } else {
        ApiError {
            allow: Some(methods.join(", ")),
            ..ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!(
                    "{} does not accept {}; it accepts {}",
                    req.path(),
                    req.method(),
                    methods.join(", ")
                ),
            )
        }
    }
}

//! The documented routes, read from the OpenAPI document: which methods a path takes (for 405
//! with `Allow`) and which query parameters an operation takes, so that a parameter no
//! operation knows is refused with a 422 naming it everywhere, not only where a handler reads a
//! query (a misspelt filter silently ignored shows a resident the wrong list).

use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::error::ApiError;

struct Route {
    segments: Vec<String>,
    /// Each method with the names of its query parameters.
    operations: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Default)]
pub struct RouteTable {
    routes: Arc<Vec<Route>>,
}

impl RouteTable {
    pub fn from_openapi(document: &utoipa::openapi::OpenApi) -> Self {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::path::ParameterIn;
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let operations = [
                    ("GET", &item.get),
                    ("PUT", &item.put),
                    ("POST", &item.post),
                    ("PATCH", &item.patch),
                    ("DELETE", &item.delete),
                ]
                .into_iter()
                .filter_map(|(method, operation)| {
                    let query = operation
                        .as_ref()?
                        .parameters
                        .iter()
                        .flatten()
                        .filter_map(|p| match p {
                            RefOr::T(p) if p.parameter_in == ParameterIn::Query => {
                                Some(p.name.clone())
                            }
                            _ => None,
                        })
                        .collect();
                    Some((method.to_string(), query))
                })
                .collect();
                Route {
                    segments: split(template).map(str::to_string).collect(),
                    operations,
                }
            })
            .collect();
        Self {
            routes: Arc::new(routes),
        }
    }

    /// The routes a concrete path names. Where several templates match (`/areas/import` and
    /// `/areas/{id}`), the ones with the most literal segments name the resource.
    fn routes_for(&self, path: &str) -> Vec<&Route> {
        let wanted: Vec<&str> = split(path).collect();
        let matching: Vec<(usize, &Route)> = self
            .routes
            .iter()
            .filter_map(|route| {
                let fits = route.segments.len() == wanted.len()
                    && route
                        .segments
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t == w || is_parameter(t));
                fits.then(|| {
                    let literals = route.segments.iter().filter(|t| !is_parameter(t)).count();
                    (literals, route)
                })
            })
            .collect();
        let most_literal = matching.iter().map(|(literals, _)| *literals).max();
        matching
            .into_iter()
            .filter(|(literals, _)| Some(*literals) == most_literal)
            .map(|(_, route)| route)
            .collect()
    }

    /// The methods a concrete path accepts, or none when no template matches it.
    pub fn methods_for(&self, path: &str) -> Vec<String> {
        let mut methods: Vec<String> = self
            .routes_for(path)
            .into_iter()
            .flat_map(|route| route.operations.iter().map(|(method, _)| method.clone()))
            .collect();
        methods.sort();
        methods.dedup();
        methods
    }

    /// The query parameters the operation at `method` and `path` takes, or `None` when no
    /// documented operation is there.
    pub fn query_parameters_for(&self, method: &str, path: &str) -> Option<Vec<String>> {
        self.routes_for(path).into_iter().find_map(|route| {
            route
                .operations
                .iter()
                .find(|(m, _)| m == method)
                .map(|(_, query)| query.clone())
        })
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

/// Answers 422 naming the first query parameter the operation does not take.
pub async fn refuse_unknown_parameters(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let unknown = req
        .app_data::<web::Data<RouteTable>>()
        .and_then(|table| table.query_parameters_for(req.method().as_str(), req.path()))
        .and_then(|known| {
            form_urlencoded::parse(req.query_string().as_bytes())
                .map(|(name, _)| name.into_owned())
                .find(|name| !known.contains(name))
                .map(|name| (name, known))
        });
    match unknown {
        None => Ok(next.call(req).await?.map_into_boxed_body()),
        Some((name, known)) => {
            let message = if known.is_empty() {
                t!("unknown-parameter-none")
            } else {
                t!("unknown-parameter", known = known.join(", "))
            };
            let error =
                ApiError::invalid_coded(name.replace('\0', ""), "unknown_parameter", message);
            Ok(req.error_response(error))
        }
    }
}

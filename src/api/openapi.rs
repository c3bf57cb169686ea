//! The OpenAPI document: what the routes declare, plus the answers every operation of a kind
//! can give and names for the generic list pages that read well as types in generated clients.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::{Encoding, finance, moderation, proposals, routes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "wijkbudget",
        description = "Participatory neighbourhood budgeting: areas and editions, citizen \
        proposals, co-signing, feasibility review, voting rounds with fair outcome rules \
        (greedy, Method of Equal Shares, Phragmén), council decisions and the strategic-cycle \
        budget module. Errors are RFC 9457 problem details with a stable `code`. No text \
        may contain the NUL character (U+0000): a body, query or file with one is refused \
        with 422 naming the field. Every POST and PUT honours an `Idempotency-Key` header \
        (1 to 255 visible ASCII characters, e.g. a UUID): the same key, sender, path and \
        body within 24 hours give the first answer again, marked `Idempotent-Replayed: true`; \
        the same key with another body is `422 idempotency_key_reused`, and while the first \
        request is still being answered a retry gets `409 conflict`.",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    // Query-parameter enums are referenced by name but not collected from the paths.
    components(schemas(
        crate::error::Problem,
        crate::error::FieldProblem,
        crate::error::ErrorCode,
        Encoding,
        crate::service::open_data::Dataset,
        proposals::ProposalOrder,
        crate::service::finance::ReportGrouping,
        finance::RevisedRecord,
        moderation::ReportStatus,
        crate::service::roles::ResidencyStatus,
        crate::domain::translation::Translatable
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health, readiness and Prometheus metrics"),
        (name = "open-data", description = "Public tables as CSV and JSON, with a DCAT-AP catalogue for open-data portals"),
        (name = "webhooks", description = "Signed event deliveries to the city's systems (Standard Webhooks)"),
        (name = "api-clients", description = "The city's systems as API clients: OAuth 2.0 client credentials with scopes"),
        (name = "auth", description = "Registration, sign-in, sessions and password reset"),
        (name = "me", description = "The signed-in caller's own account"),
        (name = "translations", description = "Proposals, editions, areas, categories and milestones in Dutch, French and English"),
        (name = "files", description = "Pictures (JPEG, PNG, WebP; re-encoded without metadata) and PDF files on proposals, comments and milestones"),
        (name = "areas", description = "Neighbourhoods with population and deprivation"),
        (name = "editions", description = "Participatory budgets: money rules, envelopes and phases"),
        (name = "proposals", description = "Citizen initiatives: writing, co-signing and feasibility review"),
        (name = "departments", description = "The city's departments, where proposals are reviewed"),
        (name = "moderation", description = "Reports by residents, the moderators' queue, hiding and showing proposals"),
        (name = "comments", description = "The discussion under each proposal: comments, one level of replies, reports and moderation"),
        (name = "rounds", description = "Voting rounds, ballots, results and the public pabulib export"),
        (name = "audit", description = "The append-only, hash-chained audit log"),
        (name = "council", description = "Council decisions on outcomes"),
        (name = "finance", description = "The strategic-cycle budget module: plans, budget lines, fundings, commitments, expenditures, milestones, reports"),
        (name = "users", description = "Accounts, roles and residency, for administrators and area workers"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document exactly as the server serves it at `/api/v1/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    use utoipa_actix_web::AppExt;
    let mut document = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes)
        .split_for_parts()
        .1;
    CommonResponses.modify(&mut document);
    let mut document = name_pages(document);
    super::openapi_examples::add_examples(&mut document);
    document
}

/// utoipa names a page of `T` `Page_T` and copies `T` into it. A generated client would then
/// have a type `PageProposalSummaryItemsItem` beside `ProposalSummary`; as `ProposalSummaryPage`
/// with its items referring to `ProposalSummary`, a list's items have the same type as the
/// single item elsewhere.
fn name_pages(mut document: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    use utoipa::openapi::{Ref, RefOr};
    const PREFIX: &str = "Page_";
    let page_name = |name: &str| name.strip_prefix(PREFIX).map(|item| format!("{item}Page"));
    let Some(components) = document.components.as_mut() else {
        return document;
    };
    let pages: Vec<String> = components
        .schemas
        .keys()
        .filter(|name| name.starts_with(PREFIX))
        .cloned()
        .collect();
    for page in pages {
        let item = &page[PREFIX.len()..];
        let Some(mut schema) = components.schemas.remove(&page) else {
            continue;
        };
        if let RefOr::T(Schema::Object(object)) = &mut schema
            && let Some(RefOr::T(Schema::Array(items))) = object.properties.get_mut("items")
        {
            items.items = ArrayItems::RefOrSchema(Box::new(Ref::from_schema_name(item).into()));
        }
        components.schemas.insert(format!("{item}Page"), schema);
    }
    for operation in operations_mut(&mut document) {
        for response in operation.responses.responses.values_mut() {
            let RefOr::T(response) = response else {
                continue;
            };
            for content in response.content.values_mut() {
                if let RefOr::T(content) = content
                    && let Some(RefOr::Ref(reference)) = &mut content.schema
                    && let Some(name) = reference.ref_location.strip_prefix("#/components/schemas/")
                    && let Some(renamed) = page_name(name)
                {
                    *reference = Ref::from_schema_name(renamed);
                }
            }
        }
    }
    document
}

/// Documents the answers every operation of a kind can give, so no handler has to repeat them:
/// 401 where a token is required, 404 where the path names a resource, and the problems of a
/// malformed body or query. It is also the one place that says how an error answer looks: a
/// handler declares only `(status = 4xx, description = "...")` and every 4xx and 5xx answer
/// gets the problem+json body here.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::path::ParameterIn;
        for operation in operations_mut(openapi) {
            let needs_token = operation.security.as_ref().is_some_and(|s| !s.is_empty());
            let has_body = operation.request_body.is_some();
            let has_path_parameter = operation
                .parameters
                .iter()
                .flatten()
                .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Path));
            let has_query = operation
                .parameters
                .iter()
                .flatten()
                .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query));
            let mut add = |status: &str, description: &str| {
                operation
                    .responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| problem_response(description));
            };
            if needs_token {
                add("401", "no valid access token");
            }
            if has_body {
                add("400", "the body is not well-formed JSON");
                add("413", "the body is too large");
                add("415", "the body is not sent as application/json");
            }
            if has_path_parameter {
                add("404", "no such resource");
            }
            if has_body || has_query {
                add("422", "invalid field");
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let RefOr::T(response) = response
                    && status.starts_with(['4', '5'])
                    && response.content.is_empty()
                {
                    response.content.insert(
                        "application/problem+json".to_string(),
                        problem_content().into(),
                    );
                }
            }
        }
        for get in openapi
            .paths
            .paths
            .values_mut()
            .filter_map(|item| item.get.as_mut())
        {
            get.parameters
                .get_or_insert_with(Vec::new)
                .push(header_parameter(
                    "If-None-Match",
                    "The `ETag` of an earlier answer: `304` without a body while it is current.",
                ));
            get.responses.responses.insert(
                "304".to_string(),
                utoipa::openapi::ResponseBuilder::new()
                    .description("not modified: `If-None-Match` names the current `ETag`")
                    .build()
                    .into(),
            );
        }
    }
}

/// An optional text header a request may send.
fn header_parameter(
    name: &str,
    description: &str,
) -> utoipa::openapi::RefOr<utoipa::openapi::path::Parameter> {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(utoipa::openapi::Required::False)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
        .into()
}

fn problem_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    utoipa::openapi::ResponseBuilder::new()
        .description(description)
        .content("application/problem+json", problem_content())
        .build()
        .into()
}

fn problem_content() -> utoipa::openapi::Content {
    utoipa::openapi::ContentBuilder::new()
        .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
        .build()
}

pub(super) fn operations_mut(
    document: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    document.paths.paths.values_mut().flat_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
    })
}

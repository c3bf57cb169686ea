//! HTTP handlers: parse, authorise, call a service, map to JSON. No business rules here.

pub mod areas;
pub mod audit;
pub mod auth;
pub mod blocking;
pub mod caller;
pub mod council;
pub mod departments;
pub mod editions;
pub mod extract;
pub mod fallback;
pub mod finance;
pub mod health;
pub mod idempotency;
pub mod me;
pub mod moderation;
pub mod pagination;
pub mod problem;
pub mod proposals;
pub mod rounds;
pub mod users;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::service_config::ServiceConfig;

/// Every route of the service. Only routes registered here appear in the OpenAPI document. A
/// table, one line per route, and the one place to see them all, so it is not split.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::health).service(health::ready).service(
        utoipa_actix_web::scope("/api/v1")
            .service(auth::register)
            .service(auth::verify_email)
            .service(auth::resend_verification)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::password_reset)
            .service(auth::password_reset_confirm)
            .service(me::get_me)
            .service(me::update_me)
            .service(me::change_password)
            .service(me::redeem_residency_code)
            .service(users::list_users)
            .service(users::grant_role)
            .service(users::revoke_role)
            .service(users::verify_residency)
            .service(users::residency_codes)
            .service(areas::import_areas)
            .service(areas::list_areas)
            .service(areas::create_area)
            .service(areas::get_area)
            .service(areas::update_area)
            .service(areas::delete_area)
            .service(editions::list_editions)
            .service(editions::create_edition)
            .service(editions::get_edition)
            .service(editions::update_edition)
            .service(editions::change_phase)
            .service(editions::envelopes)
            .service(editions::override_envelope)
            .service(editions::statistics)
            .service(proposals::list_proposals)
            .service(proposals::create_proposal)
            .service(proposals::get_proposal)
            .service(proposals::update_proposal)
            .service(proposals::proposal_versions)
            .service(proposals::submit_proposal)
            .service(proposals::withdraw_proposal)
            .service(proposals::support_proposal)
            .service(proposals::withdraw_support)
            .service(moderation::report_proposal)
            .service(moderation::moderate_proposal)
            .service(moderation::report_queue)
            .service(departments::list_departments)
            .service(departments::create_department)
            .service(proposals::assign_review)
            .service(proposals::review_proposal)
            .service(proposals::merge_proposals)
            .service(rounds::list_rounds)
            .service(rounds::create_round)
            .service(rounds::get_round)
            .service(rounds::update_round)
            .service(rounds::open_round)
            .service(rounds::close_round)
            .service(rounds::withdraw_project)
            .service(rounds::cancel_round)
            .service(rounds::reschedule_round)
            .service(rounds::put_ballot)
            .service(rounds::get_ballot)
            .service(rounds::delete_ballot)
            .service(rounds::put_code_ballot)
            .service(rounds::voting_codes)
            .service(rounds::paper_ballots)
            .service(rounds::results)
            .service(rounds::export_pb)
            .service(audit::list_audit)
            .service(council::decide)
            .service(council::decisions_of_round)
            .service(finance::list_plans)
            .service(finance::create_plan)
            .service(finance::create_objective)
            .service(finance::create_action_plan)
            .service(finance::create_action)
            .service(finance::list_policy_fields)
            .service(finance::upsert_policy_field)
            .service(finance::list_ledger_accounts)
            .service(finance::upsert_ledger_account)
            .service(finance::import_budget_lines)
            .service(finance::list_budget_lines)
            .service(finance::create_budget_line)
            .service(finance::update_budget_line)
            .service(finance::bind_base_lines)
            .service(finance::create_funding)
            .service(finance::advance)
            .service(finance::create_commitment)
            .service(finance::create_expenditure)
            .service(finance::edit_milestone)
            .service(finance::edit_objective)
            .service(finance::edit_action_plan)
            .service(finance::edit_action)
            .service(finance::list_revisions)
            .service(finance::reverse_funding)
            .service(finance::reverse_commitment)
            .service(finance::reverse_expenditure)
            .service(finance::list_milestones)
            .service(finance::create_milestone)
            .service(finance::proposal_report)
            .service(finance::budget_report),
    );
}

/// How a report is sent: `?format=json` (the default) or `?format=csv`.
#[derive(Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Json,
    Csv,
}

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
        crate::error::FieldError,
        crate::error::ErrorCode,
        Encoding,
        proposals::ProposalOrder,
        finance::ReportGrouping,
        finance::RevisedRecord,
        moderation::ReportStatus
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "operations", description = "Health and readiness"),
        (name = "auth", description = "Registration, sign-in, sessions and password reset"),
        (name = "me", description = "The signed-in caller's own account"),
        (name = "areas", description = "Neighbourhoods with population and deprivation"),
        (name = "editions", description = "Participatory budgets: money rules, envelopes and phases"),
        (name = "proposals", description = "Citizen initiatives: writing, co-signing and feasibility review"),
        (name = "departments", description = "The city's departments, where proposals are reviewed"),
        (name = "moderation", description = "Reports by residents, the moderators' queue, hiding and showing proposals"),
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
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
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
        }
    }
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

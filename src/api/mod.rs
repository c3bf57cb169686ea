//! HTTP handlers: parse, authorise, call a service, map to JSON. No business rules here.

pub mod api_clients;
pub mod areas;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod blocking;
pub mod caching;
pub mod caller;
pub mod comments;
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
pub mod open_data;
mod openapi;
mod openapi_examples;
pub mod pagination;
pub mod problem;
pub mod proposals;
pub mod rounds;
pub mod route_table;
pub mod search;
pub mod translations;
pub mod users;
pub mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every route of the service. Only routes registered here appear in the OpenAPI document. A
/// table, one line per route, and the one place to see them all, so it is not split.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_readiness)
        .service(health::get_metrics)
        .service(
            utoipa_actix_web::scope("/api/v1")
                .service(auth::register)
                .service(auth::verify_email)
                .service(auth::resend_verification)
                .service(auth::login)
                .service(auth::refresh)
                .service(auth::logout)
                .service(auth::request_password_reset)
                .service(auth::confirm_password_reset)
                .service(me::get_me)
                .service(me::update_me)
                .service(me::change_password)
                .service(me::get_my_data)
                .service(me::delete_me)
                .service(me::redeem_residency_code)
                .service(me::list_my_proposals)
                .service(me::list_my_supports)
                .service(me::list_my_ballots)
                .service(me::list_my_notifications)
                .service(me::list_my_follows)
                .service(me::follow)
                .service(me::unfollow)
                .service(search::search_proposals)
                .service(translations::list_translations)
                .service(translations::upsert_translation)
                .service(translations::list_translation_history)
                .service(attachments::attach_to_proposal)
                .service(attachments::attach_to_comment)
                .service(attachments::attach_to_milestone)
                .service(attachments::list_attachments)
                .service(attachments::get_file)
                .service(attachments::get_thumbnail)
                .service(attachments::delete_file)
                .service(me::get_my_notification_preferences)
                .service(me::update_my_notification_preferences)
                .service(api_clients::create_api_client)
                .service(api_clients::list_api_clients)
                .service(api_clients::revoke_api_client)
                .service(api_clients::issue_token)
                .service(open_data::get_open_data_catalogue)
                .service(open_data::get_open_data)
                .service(webhooks::create_webhook)
                .service(webhooks::list_webhooks)
                .service(webhooks::update_webhook)
                .service(webhooks::delete_webhook)
                .service(webhooks::list_webhook_deliveries)
                .service(webhooks::replay_webhook_delivery)
                .service(users::list_users)
                .service(users::grant_role)
                .service(users::revoke_role)
                .service(users::verify_residency)
                .service(users::issue_residency_codes)
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
                .service(editions::get_envelopes)
                .service(editions::override_envelope)
                .service(editions::get_edition_statistics)
                .service(proposals::list_proposals)
                .service(proposals::create_proposal)
                .service(proposals::get_proposal)
                .service(proposals::update_proposal)
                .service(proposals::list_proposal_versions)
                .service(proposals::submit_proposal)
                .service(proposals::withdraw_proposal)
                .service(proposals::support_proposal)
                .service(proposals::withdraw_support)
                .service(proposals::list_removed_proposals)
                .service(moderation::report_proposal)
                .service(moderation::moderate_proposal)
                .service(moderation::list_reports)
                .service(comments::list_reported_comments)
                .service(comments::list_comments)
                .service(comments::create_comment)
                .service(comments::edit_comment)
                .service(comments::delete_comment)
                .service(comments::report_comment)
                .service(comments::moderate_comment)
                .service(departments::list_departments)
                .service(departments::create_department)
                .service(proposals::assign_review)
                .service(proposals::review_proposal)
                .service(proposals::list_review_queue)
                .service(proposals::merge_proposals)
                .service(rounds::list_ballot_types)
                .service(rounds::list_rounds)
                .service(rounds::create_round)
                .service(rounds::get_round)
                .service(rounds::update_round)
                .service(rounds::open_round)
                .service(rounds::close_round)
                .service(rounds::withdraw_project)
                .service(rounds::cancel_round)
                .service(rounds::reschedule_round)
                .service(rounds::cast_ballot)
                .service(rounds::get_ballot)
                .service(rounds::delete_ballot)
                .service(rounds::cast_code_ballot)
                .service(rounds::issue_voting_codes)
                .service(rounds::import_paper_ballots)
                .service(rounds::get_results)
                .service(rounds::compare_rules)
                .service(rounds::export_round_pb)
                .service(audit::list_audit)
                .service(council::decide_round)
                .service(council::list_decisions)
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
                .service(finance::advance_implementation)
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
                .service(finance::get_proposal_report)
                .service(finance::get_budget_report),
        );
}

/// How a report is sent: `?format=json` (the default) or `?format=csv`.
#[derive(Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Json,
    Csv,
}

pub use openapi::openapi_document;

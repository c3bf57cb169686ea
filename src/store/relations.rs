//! How the tables of the schema join, and which may appear in one query.

use super::schema::*;

diesel::joinable!(comment_reports -> comments (comment_id));
diesel::joinable!(role_grants -> users (user_id));
diesel::joinable!(residencies -> areas (area_id));
diesel::joinable!(residency_codes -> areas (area_id));
diesel::joinable!(edition_areas -> areas (area_id));
diesel::joinable!(edition_areas -> editions (edition_id));
diesel::joinable!(edition_categories -> editions (edition_id));
diesel::joinable!(envelopes -> editions (edition_id));
diesel::joinable!(proposals -> editions (edition_id));
diesel::joinable!(supports -> proposals (proposal_id));
diesel::joinable!(proposal_events -> proposals (proposal_id));
diesel::joinable!(reviews -> proposals (proposal_id));
diesel::joinable!(rounds -> editions (edition_id));
diesel::joinable!(round_projects -> rounds (round_id));
diesel::joinable!(round_projects -> proposals (proposal_id));
diesel::joinable!(ballots -> rounds (round_id));
diesel::joinable!(voting_codes -> rounds (round_id));
diesel::joinable!(decisions -> rounds (round_id));
diesel::joinable!(objectives -> plan_versions (plan_version_id));
diesel::joinable!(action_plans -> objectives (objective_id));
diesel::joinable!(actions -> action_plans (action_plan_id));
diesel::joinable!(budget_lines -> actions (action_id));
diesel::joinable!(budget_lines -> plan_versions (plan_version_id));
diesel::joinable!(budget_lines -> policy_fields (policy_field_code));
diesel::joinable!(budget_lines -> ledger_accounts (ledger_account_code));
diesel::joinable!(fundings -> budget_lines (budget_line_id));
diesel::joinable!(fundings -> proposals (proposal_id));
diesel::joinable!(commitments -> fundings (funding_id));
diesel::joinable!(expenditures -> commitments (commitment_id));
diesel::joinable!(milestones -> proposals (proposal_id));
diesel::joinable!(one_time_tokens -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(api_clients -> users (user_id));
diesel::joinable!(identities -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    audit_checkpoints,
    api_clients,
    identities,
    identity_sign_ins,
    webhooks,
    webhook_deliveries,
    webhook_attempts,
    webhook_cursor,
    follows,
    translations,
    attachments,
    notification_preferences,
    digest_items,
    digests,
    comments,
    comment_reports,
    review_cost_lines,
    areas,
    users,
    role_grants,
    residencies,
    residency_codes,
    one_time_tokens,
    sessions,
    refresh_tokens,
    rate_limit_events,
    mail_outbox,
    audit_log,
    audit_head,
    idempotency_keys,
    departments,
    editions,
    edition_areas,
    edition_categories,
    envelopes,
    proposals,
    proposal_coauthors,
    proposal_cost_lines,
    proposal_versions,
    proposal_events,
    supports,
    proposal_reports,
    reviews,
    revisions,
    review_verdicts,
    rounds,
    round_projects,
    ballots,
    voting_codes,
    decisions,
    plan_versions,
    objectives,
    action_plans,
    actions,
    policy_fields,
    ledger_accounts,
    budget_lines,
    edition_budget_lines,
    fundings,
    commitments,
    expenditures,
    milestones,
);

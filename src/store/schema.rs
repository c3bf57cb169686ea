//! The one schema both backends share, written by hand in generic SQL types (the tables of the
//! city's other systems in `integrations`).
pub use integrations::*;
mod integrations;

diesel::table! {
    areas (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        parent_id -> Nullable<BigInt>,
        population -> BigInt,
        deprivation_ppm -> BigInt,
        geometry -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        locale -> Text,
        birth_date -> Nullable<Text>,
        claimed_area_id -> Nullable<BigInt>,
        email_verified_at -> Nullable<Timestamp>,
        notify_by_email -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    role_grants (id) {
        id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        area_id -> Nullable<BigInt>,
        department -> Nullable<Text>,
        scope_key -> Text,
        granted_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    residencies (user_id) {
        user_id -> BigInt,
        area_id -> BigInt,
        method -> Text,
        verified_by -> Nullable<BigInt>,
        verified_at -> Timestamp,
    }
}

diesel::table! {
    residency_codes (id) {
        id -> BigInt,
        area_id -> BigInt,
        code_hash -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        redeemed_by -> Nullable<BigInt>,
        redeemed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        session_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        retry_closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limit_events (id) {
        id -> BigInt,
        bucket -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        user_id -> Nullable<BigInt>,
        notification_kind -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        details -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_checkpoints (entry_id) {
        entry_id -> BigInt,
        entry_hash -> Text,
        seal -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        last_id -> BigInt,
        last_hash -> Text,
    }
}

diesel::table! {
    idempotency_keys (key_hash) {
        key_hash -> Text,
        request_hash -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    departments (code) {
        code -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    editions (id) {
        id -> BigInt,
        name -> Text,
        fiscal_year -> Integer,
        base_cents -> BigInt,
        reserved_bp -> Integer,
        citywide_bp -> Integer,
        allocation -> Text,
        alpha_ppm -> BigInt,
        floor_cents -> BigInt,
        phase -> Text,
        phase_changed_at -> Timestamp,
        rules_frozen_at -> Nullable<Timestamp>,
        min_cost_cents -> BigInt,
        max_cost_cents -> Nullable<BigInt>,
        support_threshold -> Integer,
        max_proposals_per_resident -> Nullable<Integer>,
        report_threshold -> Nullable<Integer>,
        min_votes -> Nullable<Integer>,
        ideas_at -> Nullable<Timestamp>,
        support_at -> Nullable<Timestamp>,
        review_at -> Nullable<Timestamp>,
        voting_at -> Nullable<Timestamp>,
        decision_at -> Nullable<Timestamp>,
        implementation_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
    }
}

diesel::table! {
    edition_areas (edition_id, area_id) {
        edition_id -> BigInt,
        area_id -> BigInt,
    }
}

diesel::table! {
    edition_categories (id) {
        id -> BigInt,
        edition_id -> BigInt,
        code -> Text,
        name -> Text,
        language -> Text,
    }
}

diesel::table! {
    envelopes (id) {
        id -> BigInt,
        edition_id -> BigInt,
        area_id -> Nullable<BigInt>,
        scope_key -> Text,
        explanation -> Text,
        computed_cents -> BigInt,
        override_cents -> Nullable<BigInt>,
        override_reason -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    proposals (id) {
        id -> BigInt,
        edition_id -> BigInt,
        area_id -> Nullable<BigInt>,
        author_id -> BigInt,
        title -> Text,
        summary -> Text,
        body -> Text,
        category -> Nullable<Text>,
        estimated_cost_cents -> BigInt,
        latitude_e6 -> Nullable<BigInt>,
        longitude_e6 -> Nullable<BigInt>,
        state -> Text,
        hidden -> Bool,
        hidden_reason -> Nullable<Text>,
        merged_into_id -> Nullable<BigInt>,
        support_count -> BigInt,
        version -> Integer,
        submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
    }
}

diesel::table! {
    proposal_coauthors (proposal_id, user_id) {
        proposal_id -> BigInt,
        user_id -> BigInt,
    }
}

diesel::table! {
    proposal_cost_lines (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        position -> Integer,
        description -> Text,
        amount_cents -> BigInt,
    }
}

diesel::table! {
    proposal_versions (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        version -> Integer,
        snapshot -> Text,
        edited_by -> BigInt,
        edited_at -> Timestamp,
    }
}

diesel::table! {
    proposal_events (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        from_state -> Nullable<Text>,
        to_state -> Text,
        reason -> Nullable<Text>,
        actor_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    supports (proposal_id, user_id) {
        proposal_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    proposal_reports (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        reporter_id -> BigInt,
        reason -> Text,
        created_at -> Timestamp,
        handled_at -> Nullable<Timestamp>,
        handled_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    reviews (proposal_id) {
        proposal_id -> BigInt,
        department -> Text,
        assigned_by -> BigInt,
        assigned_at -> Timestamp,
        reviewer_id -> Nullable<BigInt>,
        verdict -> Nullable<Text>,
        public_explanation -> Nullable<Text>,
        internal_notes -> Nullable<Text>,
        reviewed_cost_cents -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        milestone_id -> Nullable<BigInt>,
        author_id -> BigInt,
        body -> Text,
        official -> Bool,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        removed_at -> Nullable<Timestamp>,
        hidden -> Bool,
        hidden_reason -> Nullable<Text>,
    }
}

diesel::table! {
    comment_reports (id) {
        id -> BigInt,
        comment_id -> BigInt,
        reporter_id -> BigInt,
        reason -> Text,
        created_at -> Timestamp,
        handled_at -> Nullable<Timestamp>,
        handled_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    follows (id) {
        id -> BigInt,
        user_id -> BigInt,
        subject -> Text,
        subject_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_cost_lines (id) {
        id -> BigInt,
        verdict_id -> BigInt,
        position -> Integer,
        description -> Text,
        amount_cents -> BigInt,
    }
}

diesel::table! {
    review_verdicts (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        department -> Text,
        reviewer_id -> BigInt,
        verdict -> Text,
        public_explanation -> Text,
        internal_notes -> Nullable<Text>,
        reviewed_cost_cents -> Nullable<BigInt>,
        reviewed_at -> Timestamp,
    }
}

diesel::table! {
    revisions (id) {
        id -> BigInt,
        entity_type -> Text,
        entity_id -> BigInt,
        before -> Text,
        after -> Text,
        reason -> Text,
        changed_by -> BigInt,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    rounds (id) {
        id -> BigInt,
        edition_id -> BigInt,
        area_id -> Nullable<BigInt>,
        scope_key -> Text,
        name -> Text,
        ballot_type -> Text,
        min_choices -> Nullable<Integer>,
        max_choices -> Nullable<Integer>,
        budget_limit_cents -> Nullable<BigInt>,
        min_spend_bp -> Nullable<Integer>,
        points -> Nullable<Integer>,
        max_points_per_project -> Nullable<Integer>,
        rule -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        min_age -> Nullable<Integer>,
        uses_codes -> Bool,
        allows_abstention -> Bool,
        status -> Text,
        opened_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        budget_cents -> Nullable<BigInt>,
        outcome -> Nullable<Text>,
        engine_version -> Nullable<Text>,
        ballot_count -> Nullable<BigInt>,
        ballots_hash -> Nullable<Text>,
        audit_head_hash -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        status_reason -> Nullable<Text>,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    round_projects (round_id, proposal_id) {
        round_id -> BigInt,
        proposal_id -> BigInt,
        cost_cents -> BigInt,
        withdrawn_at -> Nullable<Timestamp>,
        withdrawn_reason -> Nullable<Text>,
    }
}

diesel::table! {
    ballots (round_id, pseudonym) {
        round_id -> BigInt,
        pseudonym -> Text,
        sealed -> Text,
        channel -> Text,
    }
}

diesel::table! {
    voting_codes (id) {
        id -> BigInt,
        round_id -> BigInt,
        code_hash -> Text,
        used_channel -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    decisions (id) {
        id -> BigInt,
        round_id -> BigInt,
        kind -> Text,
        council_session -> Text,
        decided_on -> Text,
        approved -> Text,
        changes -> Text,
        over_envelope_reason -> Nullable<Text>,
        decided_by -> BigInt,
        superseded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_versions (id) {
        id -> BigInt,
        kind -> Text,
        name -> Text,
        first_year -> Integer,
        last_year -> Integer,
        sequence -> Integer,
        council_decision_date -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    objectives (id) {
        id -> BigInt,
        plan_version_id -> BigInt,
        code -> Text,
        title -> Text,
    }
}

diesel::table! {
    action_plans (id) {
        id -> BigInt,
        objective_id -> BigInt,
        code -> Text,
        title -> Text,
    }
}

diesel::table! {
    actions (id) {
        id -> BigInt,
        action_plan_id -> BigInt,
        code -> Text,
        title -> Text,
        priority -> Bool,
    }
}

diesel::table! {
    policy_fields (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    ledger_accounts (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    budget_lines (id) {
        id -> BigInt,
        plan_version_id -> BigInt,
        fiscal_year -> Integer,
        action_id -> BigInt,
        policy_field_code -> Text,
        ledger_account_code -> Text,
        planned_cents -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    edition_budget_lines (edition_id, budget_line_id) {
        edition_id -> BigInt,
        budget_line_id -> BigInt,
    }
}

diesel::table! {
    fundings (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        budget_line_id -> BigInt,
        amount_cents -> BigInt,
        kind -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        corrects_id -> Nullable<BigInt>,
        correction_reason -> Nullable<Text>,
    }
}

diesel::table! {
    commitments (id) {
        id -> BigInt,
        funding_id -> BigInt,
        erp_reference -> Text,
        committed_on -> Text,
        amount_cents -> BigInt,
        third_party -> Text,
        overrun_reason -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        corrects_id -> Nullable<BigInt>,
        correction_reason -> Nullable<Text>,
    }
}

diesel::table! {
    expenditures (id) {
        id -> BigInt,
        commitment_id -> BigInt,
        reference -> Text,
        spent_on -> Text,
        amount_cents -> BigInt,
        overrun_reason -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        corrects_id -> Nullable<BigInt>,
        correction_reason -> Nullable<Text>,
    }
}

diesel::table! {
    milestones (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        title -> Text,
        status -> Text,
        progress_pct -> Integer,
        due_on -> Nullable<Text>,
        note -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
        language -> Text,
    }
}

diesel::table! {
    notification_preferences (user_id, kind) {
        user_id -> BigInt,
        kind -> Text,
        delivery -> Text,
    }
}

diesel::table! {
    digest_items (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        line -> Text,
        link -> Text,
        created_at -> Timestamp,
        digest_day -> Nullable<Text>,
    }
}

diesel::table! {
    digests (user_id, day) {
        user_id -> BigInt,
        day -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        comment_id -> Nullable<BigInt>,
        milestone_id -> Nullable<BigInt>,
        uploader_id -> BigInt,
        content_type -> Text,
        file_name -> Text,
        byte_size -> BigInt,
        storage_key -> Text,
        thumbnail_key -> Nullable<Text>,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        alt_text -> Text,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    translations (id) {
        id -> BigInt,
        subject -> Text,
        subject_id -> BigInt,
        language -> Text,
        title -> Text,
        summary -> Nullable<Text>,
        body -> Nullable<Text>,
        edited_by -> BigInt,
        created_at -> Timestamp,
    }
}

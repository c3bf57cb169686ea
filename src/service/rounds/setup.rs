//! Setting up a round: its ballot rules, outcome rule and window, while it is scheduled.

use super::*;
use crate::error::Thing;

/// What an administrator sets; `None` keeps the current value on update.
#[derive(Default, Clone)]
pub struct RoundInput {
    /// The version the change was made on (`If-Match`); refused when it is no longer current.
    pub read_version: Option<chrono::NaiveDateTime>,
    pub name: Option<String>,
    pub ballot_type: Option<BallotType>,
    pub min_choices: Option<Option<i32>>,
    pub max_choices: Option<Option<i32>>,
    pub budget_limit_cents: Option<Option<i64>>,
    pub min_spend_bp: Option<Option<i32>>,
    pub points: Option<Option<i32>>,
    pub max_points_per_project: Option<Option<i32>>,
    pub rule: Option<String>,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub min_age: Option<Option<i32>>,
    pub uses_codes: Option<bool>,
    pub allows_abstention: Option<bool>,
}

pub fn rules_of(round: &Round) -> BallotRules {
    BallotRules {
        ballot_type: round.ballot_type,
        min_choices: round.min_choices,
        max_choices: round.max_choices,
        budget_limit_cents: round.budget_limit_cents,
        min_spend_bp: round.min_spend_bp,
        points: round.points,
        max_points_per_project: round.max_points_per_project,
        allows_abstention: round.allows_abstention,
    }
}

pub(super) fn apply(fields: &mut RoundFields, input: &RoundInput) -> Result<(), Vec<FieldError>> {
    if let Some(name) = &input.name {
        fields.name = name.trim().to_string();
    }
    if let Some(t) = input.ballot_type {
        fields.ballot_type = t;
    }
    macro_rules! set {
        ($($field:ident),*) => { $( if let Some(value) = input.$field { fields.$field = value; } )* };
    }
    set!(
        min_choices,
        max_choices,
        budget_limit_cents,
        min_spend_bp,
        points,
        max_points_per_project,
        min_age
    );
    if let Some(rule) = &input.rule {
        fields.rule = rule.clone();
    }
    if let Some(at) = input.opens_at {
        fields.opens_at = at;
    }
    if let Some(at) = input.closes_at {
        fields.closes_at = at;
    }
    if let Some(codes) = input.uses_codes {
        fields.uses_codes = codes;
    }
    if let Some(abstention) = input.allows_abstention {
        fields.allows_abstention = abstention;
    }
    let mut errors = Vec::new();
    if fields.name.is_empty() || fields.name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            t!("length-between", min = 1, max = 200),
        ));
    }
    let ballot_type = fields.ballot_type;
    errors.extend(
        BallotRules {
            ballot_type,
            min_choices: fields.min_choices,
            max_choices: fields.max_choices,
            budget_limit_cents: fields.budget_limit_cents,
            min_spend_bp: fields.min_spend_bp,
            points: fields.points,
            max_points_per_project: fields.max_points_per_project,
            allows_abstention: fields.allows_abstention,
        }
        .check(),
    );
    match Rule::parse(&fields.rule) {
        None => errors.push(FieldError::new(
            "rule",
            t!("one-of", names = Rule::ALL.map(Rule::label).join(", ")),
        )),
        Some(rule) if !ballot_type.counts_with(rule) => errors.push(FieldError::new(
            "rule",
            t!(
                "rule-cannot-count",
                rule = rule.label(),
                ballot_type = ballot_type.as_str()
            ),
        )),
        Some(_) => {}
    }
    if fields.closes_at <= fields.opens_at {
        errors.push(FieldError::new("closes_at", t!("must-be-after-opens-at")));
    }
    if fields.min_age.is_some_and(|a| !(0..=120).contains(&a)) {
        errors.push(FieldError::new(
            "min_age",
            t!("number-between", min = 0, max = 120),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

pub(super) fn rules_frozen() -> ApiError {
    ApiError::new(
        ErrorCode::RulesFrozen,
        t!("the-round-has-opened-its-rules-and"),
    )
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
    area_id: Option<i64>,
    input: RoundInput,
) -> ApiResult<Round> {
    caller.require_admin()?;
    let mut missing = Vec::new();
    for (field, present) in [
        ("ballot_type", input.ballot_type.is_some()),
        ("rule", input.rule.is_some()),
        ("opens_at", input.opens_at.is_some()),
        ("closes_at", input.closes_at.is_some()),
    ] {
        if !present {
            missing.push(FieldError::new(field, t!("is-required")));
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::invalid_fields(missing));
    }
    let now = crate::clock::now();
    let mut fields = RoundFields {
        name: String::new(),
        ballot_type: BallotType::Approval,
        min_choices: None,
        max_choices: None,
        budget_limit_cents: None,
        min_spend_bp: None,
        points: None,
        max_points_per_project: None,
        rule: String::new(),
        opens_at: now,
        closes_at: now,
        min_age: None,
        uses_codes: false,
        allows_abstention: false,
    };
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find(conn, edition_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        fields.name = match area_id {
            Some(area) => {
                let area_name = store::areas::find(conn, area)?
                    .map(|a| a.name)
                    .unwrap_or_default();
                format!("{} – {area_name}", edition.name)
            }
            None => format!("{} – city-wide", edition.name),
        };
        apply(&mut fields, &input).map_err(ApiError::invalid_fields)?;
        if let Some(area) = area_id
            && !store::editions::area_ids(conn, edition.id)?.contains(&area)
        {
            return Err(ApiError::invalid(
                "area_id",
                t!("is-not-an-area-of-this-edition"),
            ));
        }
        if store::editions::find_envelope(conn, edition_id, area_id)?.is_none() {
            return Err(ApiError::invalid(
                "area_id",
                t!("the-edition-has-no-envelope-for-this"),
            ));
        }
        let existing = store::rounds::for_edition(conn, edition_id)?;
        if existing
            .iter()
            .any(|r| r.area_id == area_id && r.cancelled_at.is_none())
        {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                t!("this-envelope-has-a-voting-round-already"),
            ));
        }
        let round = store::rounds::insert(conn, edition_id, area_id, &fields, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "round_created",
                entity_type: "round",
                entity_id: round.id.to_string(),
                details: serde_json::json!({"edition_id": edition_id, "area_id": area_id, "ballot_type": round.ballot_type, "rule": round.rule}),
            },
        )?;
        Ok(round)
    })
}

pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    input: RoundInput,
) -> ApiResult<Round> {
    caller.require_admin()?;
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Round))?;
        crate::service::versions::check_unchanged(round.updated_at, input.read_version)?;
        if round.status != RoundStatus::Scheduled {
            return Err(rules_frozen());
        }
        let mut fields = RoundFields::from(&round);
        apply(&mut fields, &input).map_err(ApiError::invalid_fields)?;
        store::rounds::update(conn, id, &fields, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "round_changed",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({"ballot_type": fields.ballot_type, "rule": fields.rule, "opens_at": fields.opens_at.to_string(), "closes_at": fields.closes_at.to_string()}),
            },
        )?;
        store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Round))
    })
}

/// The feasible proposals of the round's envelope, with their reviewed cost.
pub fn eligible_projects(conn: &mut DbConnection, round: &Round) -> ApiResult<Vec<(i64, i64)>> {
    let candidates = store::proposals::in_states(
        conn,
        round.edition_id,
        &[ProposalState::Feasible, ProposalState::OnBallot],
    )?;
    let mut projects = Vec::new();
    for p in candidates
        .into_iter()
        .filter(|p| p.area_id == round.area_id && !p.hidden)
    {
        let cost = store::proposals::review(conn, p.id)?
            .and_then(|r| r.reviewed_cost_cents)
            .unwrap_or(p.estimated_cost_cents);
        projects.push((p.id, cost));
    }
    Ok(projects)
}

/// The ballot the round would open with now, to check before opening it: each eligible
/// project's id, title and reviewed cost.
pub fn ballot_preview(
    conn: &mut DbConnection,
    round: &Round,
) -> ApiResult<Vec<(i64, String, i64)>> {
    eligible_projects(conn, round)?
        .into_iter()
        .map(|(id, cost)| {
            let proposal = store::proposals::find(conn, id)?
                .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
            Ok((id, proposal.title, cost))
        })
        .collect()
}

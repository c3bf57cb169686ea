//! Voting rounds: their rules, opening and closing (by an administrator or by the scheduler at
//! their times), the outcome computed by the `tally` engine, results, exports and turnout.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::auth::caller::Caller;
use crate::auth::tokens;
use crate::db::{self, DbConnection};
use crate::domain::ballot::{BallotRules, BallotType, Choices};
use crate::domain::phase::Phase;
use crate::domain::proposal::ProposalState;
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::mail::{self, templates::Template};
use crate::store::{
    self,
    audit::AuditEvent,
    rounds::{Round, RoundFields},
};
use crate::tally::election::{Ballot, Election, Project, VoteType, format_amount};
use crate::tally::pabulib::PbDocument;
use crate::tally::table::Table;
use crate::tally::{self, Options, Rule};

/// What an administrator sets; `None` keeps the current value on update.
#[derive(Default, Clone)]
pub struct RoundInput {
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
    }
}

fn apply(fields: &mut RoundFields, input: &RoundInput) -> Result<(), Vec<FieldError>> {
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
    let mut errors = Vec::new();
    if fields.name.is_empty() || fields.name.chars().count() > 200 {
        errors.push(FieldError::new("name", "must be 1 to 200 characters"));
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
        }
        .check(),
    );
    match Rule::parse(&fields.rule) {
        None => errors.push(FieldError::new(
            "rule",
            format!("must be one of {}", Rule::ALL.map(Rule::label).join(", ")),
        )),
        Some(Rule::Phragmen)
            if !matches!(ballot_type, BallotType::Approval | BallotType::Knapsack) =>
        {
            errors.push(FieldError::new(
                "rule",
                "phragmen needs approval or knapsack ballots",
            ))
        }
        Some(_) => {}
    }
    if fields.closes_at <= fields.opens_at {
        errors.push(FieldError::new("closes_at", "must be after opens_at"));
    }
    if fields.min_age.is_some_and(|a| !(0..=120).contains(&a)) {
        errors.push(FieldError::new("min_age", "must be between 0 and 120"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn rules_frozen() -> ApiError {
    ApiError::new(
        ErrorCode::RulesFrozen,
        "the round has opened: its rules and ballot are frozen",
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
            missing.push(FieldError::new(field, "is required"));
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
    };
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find(conn, edition_id)?
            .ok_or_else(|| ApiError::not_found("edition"))?;
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
                "is not an area of this edition",
            ));
        }
        if store::editions::find_envelope(conn, edition_id, area_id)?.is_none() {
            return Err(ApiError::invalid(
                "area_id",
                "the edition has no envelope for this scope",
            ));
        }
        let existing = store::rounds::for_edition(conn, edition_id)?;
        if existing.iter().any(|r| r.area_id == area_id) {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                "this envelope has a voting round already",
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
            .ok_or_else(|| ApiError::not_found("round"))?;
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
        store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found("round"))
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

/// The date before which a voter must be born to meet the minimum age today.
fn born_on_or_before(min_age: Option<i32>, today: NaiveDateTime) -> Option<String> {
    use chrono::Datelike;
    let age = min_age?;
    let date = today.date();
    let cutoff = date
        .with_year(date.year() - age)
        .or_else(|| date.pred_opt().and_then(|d| d.with_year(d.year() - age)))?;
    Some(cutoff.format("%Y-%m-%d").to_string())
}

fn notify_residents(
    conn: &mut DbConnection,
    round: &Round,
    opened: bool,
    public_url: &str,
) -> ApiResult<()> {
    let cutoff = born_on_or_before(round.min_age, crate::clock::now());
    let link = format!("{public_url}/rounds/{}", round.id);
    for resident in store::users::residents(conn, round.area_id, cutoff.as_deref())? {
        if !resident.notify_by_email {
            continue;
        }
        let (email, name, locale) = (resident.email, resident.display_name, resident.locale);
        mail::enqueue(
            conn,
            &email,
            locale,
            &if opened {
                Template::RoundOpened {
                    name: &name,
                    round: &round.name,
                    link: &link,
                }
            } else {
                Template::ResultsPublished {
                    name: &name,
                    round: &round.name,
                    link: &link,
                }
            },
        )?;
    }
    Ok(())
}

/// Opens a scheduled round in the voting phase: the feasible proposals of its envelope go on
/// the ballot with their reviewed cost, and everything that decides the outcome is frozen.
pub fn open(
    conn: &mut DbConnection,
    actor: Option<&Caller>,
    id: i64,
    public_url: &str,
) -> ApiResult<Round> {
    if let Some(caller) = actor {
        caller.require_admin()?;
    }
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found("round"))?;
        if round.status != RoundStatus::Scheduled {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("the round is {} already", round.status),
            ));
        }
        let edition = store::editions::find(conn, round.edition_id)?
            .ok_or_else(|| ApiError::not_found("edition"))?;
        if edition.phase != Phase::Voting {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                format!(
                    "rounds open in the voting phase; the edition is in {}",
                    edition.phase
                ),
            ));
        }
        let envelope = store::editions::find_envelope(conn, round.edition_id, round.area_id)?
            .ok_or_else(|| ApiError::not_found("envelope"))?;
        let projects = eligible_projects(conn, &round)?;
        let now = crate::clock::now();
        store::rounds::set_projects(conn, id, &projects)?;
        store::rounds::set_budget(conn, id, envelope.amount_cents())?;
        if round.ballot_type == BallotType::Knapsack && round.budget_limit_cents.is_none() {
            let mut fields = RoundFields::from(&round);
            fields.budget_limit_cents = Some(envelope.amount_cents());
            store::rounds::update(conn, id, &fields, now)?;
        }
        store::rounds::set_status(conn, id, RoundStatus::Scheduled, RoundStatus::Open, now)?;
        for (proposal_id, _) in &projects {
            if store::proposals::move_state(
                conn,
                *proposal_id,
                ProposalState::Feasible,
                ProposalState::OnBallot,
                now,
            )? {
                store::proposals::add_event(
                    conn,
                    *proposal_id,
                    Some(ProposalState::Feasible),
                    ProposalState::OnBallot,
                    None,
                    actor.map(Caller::id),
                    now,
                )?;
            }
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: actor.map(Caller::id),
                action: "round_opened",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({"projects": projects, "budget_cents": envelope.amount_cents()}),
            },
        )?;
        let round = store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found("round"))?;
        notify_residents(conn, &round, true, public_url)?;
        Ok(round)
    })
}

/// The outcome as stored with the round and published in its results.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct StoredOutcome {
    pub rule: String,
    pub engine_version: String,
    /// Funded proposals in the order the rule chose them.
    pub selected: Vec<i64>,
    pub projects: Vec<ProjectResult>,
    pub total_cost_cents: i64,
    pub budget_cents: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_voter_budget: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct ProjectResult {
    pub proposal_id: i64,
    pub cost_cents: i64,
    /// Ballots naming the project.
    pub votes: i64,
    /// Points (cumulative) or rank scores (ranked); equal to votes otherwise.
    pub score: i64,
    pub selected: bool,
}

/// The round's ballots as an election for the outcome engine.
pub fn election_of(
    round: &Round,
    projects: &[(i64, i64)],
    ballots: &[(String, String)],
) -> ApiResult<Election> {
    let index: HashMap<i64, u32> = projects
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i as u32))
        .collect();
    let ballot_type = round.ballot_type;
    let vote_type = match ballot_type {
        BallotType::Approval | BallotType::Knapsack => VoteType::Approval,
        BallotType::Cumulative => VoteType::Cumulative,
        BallotType::Ranked => VoteType::Ordinal,
    };
    let mut converted = Vec::with_capacity(ballots.len());
    for (choices, _) in ballots {
        let choices: Choices = serde_json::from_str(choices).map_err(ApiError::internal)?;
        let mut ballot = Ballot::default();
        match choices {
            Choices::ProjectIds(ids) => {
                ballot.projects = ids.iter().filter_map(|id| index.get(id).copied()).collect()
            }
            Choices::Points(points) => {
                for (id, n) in points {
                    if let Some(&p) = index.get(&id) {
                        ballot.projects.push(p);
                        ballot.points.push(n);
                    }
                }
            }
        }
        converted.push(ballot);
    }
    Ok(Election {
        vote_type,
        budget: round.budget_cents.unwrap_or(0),
        projects: projects
            .iter()
            .map(|(id, cost)| Project {
                id: id.to_string(),
                cost: *cost,
            })
            .collect(),
        ballots: converted,
        max_length: (ballot_type == BallotType::Ranked)
            .then(|| round.max_choices.map_or(projects.len(), |m| m as usize)),
        score_threshold: None,
    })
}

/// The hash over the sorted canonical ballots that the results publish.
fn ballots_hash(ballots: &[(String, String)]) -> String {
    let mut canonical: Vec<String> = ballots
        .iter()
        .map(|(choices, _)| {
            serde_json::from_str::<Choices>(choices)
                .map(|c| c.canonical())
                .unwrap_or_default()
        })
        .collect();
    canonical.sort();
    tokens::token_hash(&canonical.join("\n"))
}

/// Computes the outcome of a round from its stored ballots.
pub fn compute_outcome(
    conn: &mut DbConnection,
    round: &Round,
) -> ApiResult<(StoredOutcome, String, i64)> {
    let projects = store::rounds::projects(conn, round.id)?;
    let ballots = store::rounds::ballots(conn, round.id)?;
    let election = election_of(round, &projects, &ballots)?;
    let rule = Rule::parse(&round.rule)
        .ok_or_else(|| ApiError::internal("stored round has an unknown rule"))?;
    let outcome =
        tally::compute(&election, rule, &Options::default()).map_err(ApiError::internal)?;
    let votes = election.vote_counts();
    let scores = election.scores();
    let selected: Vec<i64> = outcome.selected.iter().map(|&p| projects[p].0).collect();
    let stored = StoredOutcome {
        rule: rule.label().to_string(),
        engine_version: tally::ENGINE_VERSION.to_string(),
        projects: projects
            .iter()
            .enumerate()
            .map(|(i, (id, cost))| ProjectResult {
                proposal_id: *id,
                cost_cents: *cost,
                votes: votes[i],
                score: scores[i],
                selected: selected.contains(id),
            })
            .collect(),
        selected,
        total_cost_cents: outcome.total_cost,
        budget_cents: election.budget,
        per_voter_budget: outcome.per_voter_budget,
    };
    Ok((stored, ballots_hash(&ballots), ballots.len() as i64))
}

/// Closes an open round and computes its outcome in the same transaction; no ballot can be
/// written after the close has begun (ballots hold a shared lock on the round row).
pub fn close(
    conn: &mut DbConnection,
    actor: Option<&Caller>,
    id: i64,
    public_url: &str,
) -> ApiResult<Round> {
    if let Some(caller) = actor {
        caller.require_admin()?;
    }
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found("round"))?;
        if round.status != RoundStatus::Open {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("the round is {}, not open", round.status),
            ));
        }
        let now = crate::clock::now();
        store::rounds::set_status(conn, id, RoundStatus::Open, RoundStatus::Closed, now)?;
        let (outcome, hash, count) = compute_outcome(conn, &round)?;
        for project in &outcome.projects {
            let to = if project.selected {
                ProposalState::Selected
            } else {
                ProposalState::NotSelected
            };
            if store::proposals::move_state(
                conn,
                project.proposal_id,
                ProposalState::OnBallot,
                to,
                now,
            )? {
                store::proposals::add_event(
                    conn,
                    project.proposal_id,
                    Some(ProposalState::OnBallot),
                    to,
                    None,
                    None,
                    now,
                )?;
            }
        }
        let entry = store::audit::append(
            conn,
            AuditEvent {
                actor_id: actor.map(Caller::id),
                action: "round_closed",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({
                    "rule": outcome.rule,
                    "engine_version": outcome.engine_version,
                    "selected": outcome.selected,
                    "ballots": count,
                    "ballots_hash": hash,
                }),
            },
        )?;
        let text = serde_json::to_string(&outcome).map_err(ApiError::internal)?;
        store::rounds::store_outcome(
            conn,
            id,
            &store::rounds::StoredOutcome {
                outcome: &text,
                engine_version: &outcome.engine_version,
                ballot_count: count,
                ballots_hash: &hash,
                audit_head_hash: &entry.hash,
            },
        )?;
        let round = store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found("round"))?;
        notify_residents(conn, &round, false, public_url)?;
        Ok(round)
    })
}

/// Opens and closes the rounds whose time has come; safe to run in every process at once.
pub fn run_schedule(conn: &mut DbConnection, public_url: &str) -> ApiResult<usize> {
    let due = store::rounds::due(conn, crate::clock::now())?;
    let mut changed = 0;
    for round in due {
        let result = match round.status.as_str() {
            "scheduled" => open(conn, None, round.id, public_url).map(|_| ()),
            _ => close(conn, None, round.id, public_url).map(|_| ()),
        };
        match result {
            Ok(()) => changed += 1,
            // Another process got there first, or the edition is not in the voting phase yet.
            Err(e) if matches!(e.code, ErrorCode::Conflict | ErrorCode::PhaseClosed) => {}
            Err(e) => tracing::warn!(round = round.id, error = %e, "scheduled round change failed"),
        }
    }
    Ok(changed)
}

pub fn outcome_of(round: &Round) -> ApiResult<StoredOutcome> {
    let text = round.outcome.as_deref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            "results are published when the round closes",
        )
    })?;
    serde_json::from_str(text).map_err(ApiError::internal)
}

/// Turnout of one round.
pub struct Turnout {
    pub round_id: i64,
    pub area_id: Option<i64>,
    pub ballots: i64,
    pub eligible: i64,
    pub population: Option<i64>,
    pub share_of_population: Option<f64>,
}

pub fn round_turnout(conn: &mut DbConnection, round: &Round) -> ApiResult<Turnout> {
    let ballots = store::rounds::ballot_count(conn, round.id)?;
    let cutoff = born_on_or_before(round.min_age, round.opened_at.unwrap_or(round.opens_at));
    let eligible = if round.uses_codes {
        store::rounds::code_count(conn, round.id)?
    } else {
        store::users::residents(conn, round.area_id, cutoff.as_deref())?.len() as i64
    };
    let population = match round.area_id {
        Some(area) => store::areas::find(conn, area)?.map(|a| a.population),
        None => {
            let ids = store::editions::area_ids(conn, round.edition_id)?;
            Some(
                store::areas::find_many(conn, &ids)?
                    .iter()
                    .map(|a| a.population)
                    .sum(),
            )
        }
    };
    Ok(Turnout {
        round_id: round.id,
        area_id: round.area_id,
        ballots,
        eligible,
        population,
        share_of_population: population
            .filter(|p| *p > 0)
            .map(|p| ballots as f64 / p as f64),
    })
}

pub fn turnout(conn: &mut DbConnection, edition_id: i64) -> ApiResult<Vec<Turnout>> {
    store::rounds::for_edition(conn, edition_id)?
        .iter()
        .filter(|r| r.status != RoundStatus::Scheduled)
        .map(|r| round_turnout(conn, r))
        .collect()
}

fn pabulib_date(at: NaiveDateTime) -> String {
    at.format("%d.%m.%Y").to_string()
}

/// The closed round as a pabulib file: anonymised ballots (numbered in receipt order, which
/// says nothing about who voted or when), the stored outcome in `selected`.
pub fn export_pb(conn: &mut DbConnection, round: &Round) -> ApiResult<String> {
    let outcome = outcome_of(round)?;
    let edition = store::editions::find(conn, round.edition_id)?
        .ok_or_else(|| ApiError::not_found("edition"))?;
    let projects = store::rounds::projects(conn, round.id)?;
    let ballots = store::rounds::ballots(conn, round.id)?;
    let ballot_type = round.ballot_type;
    let vote_type = match ballot_type {
        BallotType::Approval | BallotType::Knapsack => "approval",
        BallotType::Cumulative => "cumulative",
        BallotType::Ranked => "ordinal",
    };
    let subunit = match round.area_id {
        Some(area) => store::areas::find(conn, area)?
            .map(|a| a.name)
            .unwrap_or_default(),
        None => "city-wide".into(),
    };
    let mut meta = vec![
        (
            "description".to_string(),
            format!("{} ({})", round.name, edition.name),
        ),
        ("country".into(), "Belgium".into()),
        ("unit".into(), edition.name.clone()),
        ("subunit".into(), subunit),
        ("instance".into(), edition.fiscal_year.to_string()),
        ("num_projects".into(), projects.len().to_string()),
        ("num_votes".into(), ballots.len().to_string()),
        ("budget".into(), format_amount(outcome.budget_cents)),
        ("vote_type".into(), vote_type.into()),
        ("rule".into(), outcome.rule.clone()),
        (
            "date_begin".into(),
            pabulib_date(round.opened_at.unwrap_or(round.opens_at)),
        ),
        (
            "date_end".into(),
            pabulib_date(round.closed_at.unwrap_or(round.closes_at)),
        ),
        ("currency".into(), "EUR".into()),
        ("engine".into(), outcome.engine_version.clone()),
        (
            "comment".into(),
            "ties broken by lower cost, then more votes, then the smaller project id".into(),
        ),
    ];
    let mut push = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            meta.push((key.to_string(), v));
        }
    };
    push("min_length", round.min_choices.map(|v| v.to_string()));
    push("max_length", round.max_choices.map(|v| v.to_string()));
    if ballot_type == BallotType::Knapsack {
        push("max_sum_cost", round.budget_limit_cents.map(format_amount));
    }
    if ballot_type == BallotType::Cumulative {
        push("max_sum_points", round.points.map(|v| v.to_string()));
        push(
            "max_points",
            round.max_points_per_project.map(|v| v.to_string()),
        );
    }
    let mut titles = HashMap::new();
    for (id, _) in &projects {
        if let Some(p) = store::proposals::find(conn, *id)? {
            titles.insert(*id, (p.title, p.category.unwrap_or_default()));
        }
    }
    let project_columns = [
        "project_id",
        "cost",
        "votes",
        "score",
        "name",
        "category",
        "selected",
    ];
    let mut project_rows = Table::new(project_columns.len());
    for p in &outcome.projects {
        let (title, category) = titles.get(&p.proposal_id).cloned().unwrap_or_default();
        project_rows.push_row([
            p.proposal_id.to_string().as_str(),
            &format_amount(p.cost_cents),
            &p.votes.to_string(),
            &p.score.to_string(),
            &title,
            &category,
            if p.selected { "1" } else { "0" },
        ]);
    }
    let with_points = ballot_type == BallotType::Cumulative;
    let mut vote_columns = vec!["voter_id".to_string(), "vote".to_string()];
    if with_points {
        vote_columns.push("points".into());
    }
    vote_columns.push("receipt".into());
    let mut votes = Table::new(vote_columns.len());
    for (number, (choices, receipt)) in ballots.iter().enumerate() {
        let choices: Choices = serde_json::from_str(choices).map_err(ApiError::internal)?;
        let mut row = vec![(number + 1).to_string()];
        match choices {
            Choices::ProjectIds(ids) => {
                row.push(ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
            }
            Choices::Points(points) => {
                row.push(
                    points
                        .keys()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                );
                row.push(
                    points
                        .values()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
        }
        row.push(receipt.clone());
        votes.push_row(row.iter().map(String::as_str));
    }
    Ok(PbDocument {
        meta,
        project_columns: project_columns.iter().map(|s| s.to_string()).collect(),
        projects: project_rows,
        vote_columns,
        votes,
        lines: Default::default(),
    }
    .write())
}

fn find(conn: &mut DbConnection, id: i64) -> ApiResult<Round> {
    store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found("round"))
}

fn title_of(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<String> {
    Ok(store::proposals::find(conn, proposal_id)?
        .map(|p| p.title)
        .unwrap_or_default())
}

/// A project on a round's ballot, as voters see it.
pub struct BallotEntry {
    pub proposal_id: i64,
    pub title: String,
    pub cost_cents: i64,
}

/// A round with the projects on its ballot (while scheduled: the feasible proposals that would
/// be); public.
pub struct RoundDetail {
    pub round: Round,
    pub projects: Vec<BallotEntry>,
}

/// The round with the projects on its ballot.
pub fn with_ballot(conn: &mut DbConnection, round: Round) -> ApiResult<RoundDetail> {
    let projects = if round.status == RoundStatus::Scheduled {
        eligible_projects(conn, &round)?
    } else {
        store::rounds::projects(conn, round.id)?
    };
    let projects = projects
        .into_iter()
        .map(|(proposal_id, cost_cents)| {
            Ok(BallotEntry {
                proposal_id,
                title: title_of(conn, proposal_id)?,
                cost_cents,
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(RoundDetail { round, projects })
}

pub fn detail(conn: &mut DbConnection, id: i64) -> ApiResult<RoundDetail> {
    let round = find(conn, id)?;
    with_ballot(conn, round)
}

/// The rounds of an edition, each with its ballot.
pub fn of_edition(conn: &mut DbConnection, edition_id: i64) -> ApiResult<Vec<RoundDetail>> {
    store::editions::find(conn, edition_id)?.ok_or_else(|| ApiError::not_found("edition"))?;
    store::rounds::for_edition(conn, edition_id)?
        .into_iter()
        .map(|r| with_ballot(conn, r))
        .collect()
}

/// A closed round's outcome with the turnout and each project's title.
pub struct RoundResults {
    pub round: Round,
    pub outcome: StoredOutcome,
    pub turnout: Turnout,
    /// The title of each project of the outcome, in the outcome's order.
    pub titles: Vec<String>,
}

pub fn results(conn: &mut DbConnection, id: i64) -> ApiResult<RoundResults> {
    let round = find(conn, id)?;
    let outcome = outcome_of(&round)?;
    let turnout = round_turnout(conn, &round)?;
    let titles = outcome
        .projects
        .iter()
        .map(|p| title_of(conn, p.proposal_id))
        .collect::<ApiResult<_>>()?;
    Ok(RoundResults {
        round,
        outcome,
        turnout,
        titles,
    })
}

/// The round's anonymised ballots as a pabulib `.pb` file.
pub fn export(conn: &mut DbConnection, id: i64) -> ApiResult<String> {
    let round = find(conn, id)?;
    export_pb(conn, &round)
}

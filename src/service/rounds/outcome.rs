//! A round's outcome: computing it from the ballots, turnout, results and the anonymised .pb export.

use super::*;
use crate::config::SecretKey;
use crate::error::Thing;
use crate::tally::explain::{Ending, Why};

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
    /// The votes a project needed to be selectable: the edition's minimum, and at least 1.
    /// Absent in outcomes stored before the minimum existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_votes: Option<i64>,
    /// How the count ended, where the rule says more than its projects (Add1's per-voter
    /// budget). Absent in outcomes stored before explanations existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<Ending>,
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
    /// Named on fewer ballots than the edition's minimum, so not selectable.
    #[serde(default)]
    pub below_min_votes: bool,
    /// Why the run funded it or not. Absent in outcomes stored before explanations existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
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
    let vote_type = ballot_type.vote_type();
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
        min_votes: None,
    })
}

/// Every ballot of a round, opened, as (choices as JSON, receipt) in receipt order: an order
/// that says nothing about who voted or when.
pub(super) fn opened_ballots(
    conn: &mut DbConnection,
    secret: &SecretKey,
    round_id: i64,
) -> ApiResult<Vec<(String, String)>> {
    let mut ballots = store::rounds::ballots(conn, round_id)?
        .into_iter()
        .map(|b| {
            let content =
                crate::service::ballot_seal::open(secret, round_id, &b.pseudonym, &b.sealed)?;
            let choices = serde_json::to_string(&content.choices).map_err(ApiError::internal)?;
            Ok((choices, content.receipt))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    ballots.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(ballots)
}

/// The hash over the sorted canonical ballots that the results publish.
pub(super) fn ballots_hash(ballots: &[(String, String)]) -> String {
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
    secret: &SecretKey,
    round: &Round,
) -> ApiResult<(StoredOutcome, String, i64)> {
    let projects = store::rounds::projects(conn, round.id)?;
    let ballots = opened_ballots(conn, secret, round.id)?;
    let mut election = election_of(round, &projects, &ballots)?;
    // A project nobody voted for is never selected, whatever the edition's minimum.
    election.min_votes = Some(
        store::editions::find(conn, round.edition_id)?
            .and_then(|e| e.min_votes)
            .map_or(1, i64::from)
            .max(1),
    );
    let rule = Rule::parse(&round.rule)
        .ok_or_else(|| ApiError::internal("stored round has an unknown rule"))?;
    let tally::explain::Explained {
        outcome,
        reasons,
        ending,
    } = tally::explain(&election, rule, &Options::default()).map_err(ApiError::internal)?;
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
                below_min_votes: election.min_votes.is_some_and(|min| votes[i] < min),
                why: reasons.get(i).cloned(),
            })
            .collect(),
        selected,
        total_cost_cents: outcome.total_cost,
        budget_cents: election.budget,
        per_voter_budget: outcome.per_voter_budget,
        min_votes: election.min_votes,
        ending: Some(ending),
    };
    Ok((stored, ballots_hash(&ballots), ballots.len() as i64))
}

pub fn outcome_of(round: &Round) -> ApiResult<StoredOutcome> {
    let text = round.outcome.as_deref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            t!("results-are-published-when-the-round-closes"),
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

/// How many residents of one area voted in a city-wide round, of how many could.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TurnoutInArea {
    pub area_id: i64,
    pub ballots: i64,
    pub eligible: i64,
}

/// Turnout per area of a city-wide round that residents vote in with their accounts (online or
/// on paper). A ballot row says nothing of its voter's area, and nothing here is stored: the
/// count walks the eligible residents and asks whether each one's pseudonym cast a ballot, so
/// only the totals leave. Rounds of one area, and rounds with voting codes, have none.
pub fn turnout_per_area(
    conn: &mut DbConnection,
    secret: &SecretKey,
    round: &Round,
) -> ApiResult<Vec<TurnoutInArea>> {
    if round.area_id.is_some() || round.uses_codes || round.status == RoundStatus::Scheduled {
        return Ok(vec![]);
    }
    let cutoff = born_on_or_before(round.min_age, round.opened_at.unwrap_or(round.opens_at));
    let cast: std::collections::HashSet<String> = store::rounds::pseudonyms(conn, round.id)?
        .into_iter()
        .collect();
    let mut per_area: std::collections::BTreeMap<i64, TurnoutInArea> = Default::default();
    for (user_id, area_id) in store::users::resident_areas(conn, cutoff.as_deref())? {
        let area = per_area.entry(area_id).or_insert(TurnoutInArea {
            area_id,
            ballots: 0,
            eligible: 0,
        });
        area.eligible += 1;
        let pseudonym = crate::service::ballots::resident_pseudonym(secret, round.id, user_id);
        if cast.contains(&pseudonym) {
            area.ballots += 1;
        }
    }
    Ok(per_area.into_values().collect())
}

pub fn turnout(conn: &mut DbConnection, edition_id: i64) -> ApiResult<Vec<Turnout>> {
    store::rounds::for_edition(conn, edition_id)?
        .iter()
        .filter(|r| r.status != RoundStatus::Scheduled)
        .map(|r| round_turnout(conn, r))
        .collect()
}

pub(super) fn pabulib_date(at: NaiveDateTime) -> String {
    at.format("%d.%m.%Y").to_string()
}

/// The closed round as a pabulib file: anonymised ballots (numbered in receipt order, which
/// says nothing about who voted or when), the stored outcome in `selected`.
pub fn export_pb(conn: &mut DbConnection, secret: &SecretKey, round: &Round) -> ApiResult<String> {
    let outcome = outcome_of(round)?;
    let edition = store::editions::find(conn, round.edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    let projects = store::rounds::projects(conn, round.id)?;
    let ballots = opened_ballots(conn, secret, round.id)?;
    let meta = pb_meta(
        conn,
        round,
        &edition,
        &outcome,
        projects.len(),
        ballots.len(),
    )?;
    let (project_columns, project_rows) = pb_projects(conn, &outcome)?;
    let on_ballot: Vec<i64> = projects.iter().map(|(id, _)| *id).collect();
    let (vote_columns, votes) = pb_votes(
        &ballots,
        &on_ballot,
        round.ballot_type == BallotType::Cumulative,
    )?;
    Ok(PbDocument {
        meta,
        project_columns,
        projects: project_rows,
        vote_columns,
        votes,
        lines: Default::default(),
    }
    .write())
}

/// The META section: where and when the vote was, its budget, ballot rules and counting rule.
fn pb_meta(
    conn: &mut DbConnection,
    round: &Round,
    edition: &store::editions::Edition,
    outcome: &StoredOutcome,
    num_projects: usize,
    num_votes: usize,
) -> ApiResult<Vec<(String, String)>> {
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
        ("num_projects".into(), num_projects.to_string()),
        ("num_votes".into(), num_votes.to_string()),
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
    push("min_votes", outcome.min_votes.map(|v| v.to_string()));
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
    Ok(meta)
}

/// The PROJECTS section: every project on the ballot with its votes, score and whether the
/// outcome funds it.
fn pb_projects(
    conn: &mut DbConnection,
    outcome: &StoredOutcome,
) -> ApiResult<(Vec<String>, Table)> {
    let mut titles = HashMap::new();
    for project in &outcome.projects {
        if let Some(p) = store::proposals::find(conn, project.proposal_id)? {
            titles.insert(
                project.proposal_id,
                (p.title, p.category.unwrap_or_default()),
            );
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
    Ok((
        project_columns.iter().map(|s| s.to_string()).collect(),
        project_rows,
    ))
}

/// The VOTES section: the ballots, numbered, with their receipts.
/// The VOTES section; choices of projects withdrawn from the ballot are left out, as in the count.
fn pb_votes(
    ballots: &[(String, String)],
    on_ballot: &[i64],
    with_points: bool,
) -> ApiResult<(Vec<String>, Table)> {
    let mut vote_columns = vec!["voter_id".to_string(), "vote".to_string()];
    if with_points {
        vote_columns.push("points".into());
    }
    vote_columns.push("receipt".into());
    let mut votes = Table::new(vote_columns.len());
    for (number, (choices, receipt)) in ballots.iter().enumerate() {
        let mut choices: Choices = serde_json::from_str(choices).map_err(ApiError::internal)?;
        choices.keep_only(on_ballot);
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
    Ok((vote_columns, votes))
}

/// A closed round's outcome with the turnout and each project's title.
pub struct RoundResults {
    pub round: Round,
    pub outcome: StoredOutcome,
    pub turnout: Turnout,
    /// For a city-wide round: the turnout of each area.
    pub per_area: Vec<TurnoutInArea>,
    /// The title of each project of the outcome, in the outcome's order.
    pub titles: Vec<String>,
}

pub fn results(conn: &mut DbConnection, secret: &SecretKey, id: i64) -> ApiResult<RoundResults> {
    let round = find(conn, id)?;
    let outcome = outcome_of(&round)?;
    let turnout = round_turnout(conn, &round)?;
    let per_area = turnout_per_area(conn, secret, &round)?;
    let titles = outcome
        .projects
        .iter()
        .map(|p| title_of(conn, p.proposal_id))
        .collect::<ApiResult<_>>()?;
    Ok(RoundResults {
        round,
        outcome,
        turnout,
        per_area,
        titles,
    })
}

/// What the published ballots of a counted round hold under `receipt`, so that a voter can
/// check that their ballot was counted as they cast it; nobody learns whose ballot it is.
pub fn published_ballot(
    conn: &mut DbConnection,
    secret: &SecretKey,
    id: i64,
    receipt: &str,
) -> ApiResult<Option<Choices>> {
    let round = find(conn, id)?;
    outcome_of(&round)?;
    let wanted = receipt.trim().to_lowercase();
    opened_ballots(conn, secret, id)?
        .into_iter()
        .find(|(_, published)| *published == wanted)
        .map(|(choices, _)| serde_json::from_str(&choices).map_err(ApiError::internal))
        .transpose()
}

/// The round's anonymised ballots as a pabulib `.pb` file.
pub fn export(conn: &mut DbConnection, secret: &SecretKey, id: i64) -> ApiResult<String> {
    let round = find(conn, id)?;
    export_pb(conn, secret, &round)
}

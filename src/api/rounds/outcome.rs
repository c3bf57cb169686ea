//! Results of a closed round (JSON and CSV) and its anonymised .pb export.

use super::*;
use crate::api::extract::ReaderLocale;
use crate::service::rounds::explanation;

#[derive(Serialize, ToSchema)]
pub struct ProjectResultView {
    pub proposal_id: i64,
    pub title: String,
    pub cost_cents: i64,
    pub votes: i64,
    /// Points or rank scores; the same as votes for approval and knapsack ballots.
    pub score: i64,
    pub selected: bool,
    /// Named on fewer ballots than `min_votes`, so not selectable.
    pub below_min_votes: bool,
    /// Why the count funded it or not, in one sentence in the language `Accept-Language` asks
    /// for, with the numbers of the run (the order greedy went in and the money left; the round
    /// Equal Shares bought it in and the price its supporters paid, or what they had left).
    /// Absent for rounds counted before explanations existed.
    pub explanation: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsView {
    pub round_id: i64,
    pub rule: String,
    pub engine_version: String,
    /// Funded proposals in the order the rule chose them.
    pub selected: Vec<i64>,
    pub projects: Vec<ProjectResultView>,
    /// The votes a project needed to be selectable: the edition's `min_votes`, at least 1.
    pub min_votes: Option<i64>,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub left_over_cents: i64,
    pub ballots: i64,
    /// Voters who could vote (residents, or codes issued).
    pub eligible: i64,
    /// Ballots / eligible voters.
    pub turnout: Option<f64>,
    pub population: Option<i64>,
    /// Ballots as a share of the population.
    pub share_of_population: Option<f64>,
    /// For a city-wide round voted with accounts: how many residents of each area voted, of
    /// how many could (counted from the residents; no ballot records its voter's area). Empty
    /// for a round of one area or with voting codes.
    pub turnout_per_area: Vec<service::TurnoutInArea>,
    /// SHA-256 over the sorted canonical ballots.
    pub ballots_hash: String,
    /// The audit chain's head when the round closed.
    pub audit_head_hash: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// How the count ended where the rule says more than its projects (Add1: the per-voter
    /// budget it settled on and why it stopped raising it), in the asked language.
    pub explanation: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ResultsFormat {
    /// `json` (default) or `csv`.
    pub format: Option<Encoding>,
}

/// The outcome of a closed round (public): per project votes and cost, what was funded, the
/// money left, turnout. `?format=csv` gives the projects as CSV.
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id"), ResultsFormat),
    responses(
        (status = 200, description = "the results; with `format=csv`, the projects as CSV", content((ResultsView = "application/json"), (String = "text/csv", example = json!("proposal_id,title,cost_cents,votes,score,selected\n32,Buurtmoestuin,1000000,9,9,1\n31,Speelstraat met groen,1850000,3,3,0\n")))),
        (status = 404, description = "no such round"),
        (status = 409, description = "not closed yet"),
    )
)]
#[get("/rounds/{id}/results")]
pub async fn get_results(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: Query<ResultsFormat>,
    ReaderLocale(locale): ReaderLocale,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let csv_wanted = query.into_inner()?.format == Some(Encoding::Csv);
    let secret = state.config.pseudonym_secret.clone();
    let RoundResults {
        round,
        outcome,
        turnout,
        per_area,
        titles,
    } = blocking::run(&state.pool, move |conn| service::results(conn, &secret, id)).await?;
    let measure = explanation::Measure::of_ballot(round.ballot_type);
    let view = {
        let mut projects = Vec::with_capacity(outcome.projects.len());
        for (p, title) in outcome.projects.iter().zip(titles) {
            projects.push(ProjectResultView {
                proposal_id: p.proposal_id,
                title,
                cost_cents: p.cost_cents,
                votes: p.votes,
                score: p.score,
                selected: p.selected,
                below_min_votes: p.below_min_votes,
                explanation: p
                    .why
                    .as_ref()
                    .map(|why| explanation::sentence(why, measure).render(locale)),
            });
        }
        ResultsView {
            round_id: id,
            rule: outcome.rule,
            engine_version: outcome.engine_version,
            selected: outcome.selected,
            projects,
            min_votes: outcome.min_votes,
            budget_cents: outcome.budget_cents,
            spent_cents: outcome.total_cost_cents,
            left_over_cents: outcome.budget_cents - outcome.total_cost_cents,
            ballots: turnout.ballots,
            eligible: turnout.eligible,
            turnout: (turnout.eligible > 0)
                .then(|| turnout.ballots as f64 / turnout.eligible as f64),
            population: turnout.population,
            share_of_population: turnout.share_of_population,
            turnout_per_area: per_area,
            ballots_hash: round.ballots_hash.unwrap_or_default(),
            audit_head_hash: round.audit_head_hash.unwrap_or_default(),
            closed_at: round.closed_at.map(|t| t.and_utc()),
            explanation: outcome
                .ending
                .as_ref()
                .and_then(explanation::ending)
                .map(|text| text.render(locale)),
        }
    };
    if csv_wanted {
        let mut text = csv::line(
            &[
                "proposal_id",
                "title",
                "cost_cents",
                "votes",
                "score",
                "selected",
            ]
            .map(String::from),
            ',',
        );
        for p in &view.projects {
            text.push_str(&csv::line(
                &[
                    p.proposal_id.to_string(),
                    csv::cell(&p.title, ','),
                    csv::number_cell(p.cost_cents),
                    p.votes.to_string(),
                    p.score.to_string(),
                    u8::from(p.selected).to_string(),
                ],
                ',',
            ));
        }
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(text));
    }
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::VARY, "Accept-Language"))
        .json(view))
}

/// The closed round as a pabulib `.pb` file with anonymised ballots (public), from which
/// `wijkbudget tally` recomputes the stored outcome.
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, description = "the pabulib file", content_type = "text/plain", body = String,
            example = json!("META\nkey;value\ndescription;Wijkbudget 2027 – Brugse Poort\nnum_projects;2\nnum_votes;2\nbudget;40560.43\nvote_type;approval\nrule;equalshares/add1\nPROJECTS\nproject_id;cost;votes;name;selected\n31;18500;1;Speelstraat met groen;0\n32;10000;2;Buurtmoestuin;1\nVOTES\nvoter_id;vote\n7c1e4a0f9b2d3e8a;32\n1b9e0c4d2a6f8e3b;31,32\n")),
        (status = 404, description = "no such round"),
        (status = 409, description = "not closed yet"),
    )
)]
#[get("/rounds/{id}/export.pb")]
pub async fn export_round_pb(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let secret = state.config.pseudonym_secret.clone();
    let text = blocking::run(&state.pool, move |conn| service::export(conn, &secret, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"round-{id}.pb\""),
        ))
        .body(text))
}

/// What one outcome rule funds with a round's ballots.
#[derive(Serialize, ToSchema)]
pub struct RuleOutcomeView {
    /// The rule, by its pabulib label.
    pub rule: String,
    /// Whether this is the rule the round was counted with.
    pub rule_of_the_round: bool,
    /// The funded projects, in the order the rule chose them.
    pub selected: Vec<i64>,
    pub total_cost_cents: i64,
    /// The share of ballots naming at least one funded project, in basis points.
    pub voters_with_a_funded_project_bp: i64,
    /// The money of the funded projects per area (`area_id` absent: city-wide projects).
    pub spending_by_area: Vec<AreaSpending>,
}

#[derive(Serialize, ToSchema)]
pub struct AreaSpending {
    pub area_id: Option<i64>,
    pub cents: i64,
}

/// The outcomes of every rule that fits the round's ballot type, on the same ballots of a
/// closed round, its own rule first (public): what the council compares before it decides.
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, description = "one outcome per rule", body = Vec<RuleOutcomeView>),
        (status = 404, description = "no such round"),
        (status = 409, description = "not closed yet"),
    )
)]
#[get("/rounds/{id}/results/compare")]
pub async fn compare_rules(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<RuleOutcomeView>>> {
    let id = path.into_inner();
    let secret = state.config.pseudonym_secret.clone();
    let (round_rule, outcomes) = blocking::run(&state.pool, move |conn| {
        let rule = service::detail(conn, id)?.round.rule;
        Ok((rule, service::compare_rules(conn, &secret, id)?))
    })
    .await?;
    Ok(web::Json(
        outcomes
            .into_iter()
            .map(|o| RuleOutcomeView {
                rule: o.rule.label().to_string(),
                rule_of_the_round: o.rule.label() == round_rule,
                selected: o.selected,
                total_cost_cents: o.total_cost_cents,
                voters_with_a_funded_project_bp: o.voters_with_a_funded_project_bp,
                spending_by_area: o
                    .spending_by_area
                    .into_iter()
                    .map(|(area_id, cents)| AreaSpending { area_id, cents })
                    .collect(),
            })
            .collect(),
    ))
}

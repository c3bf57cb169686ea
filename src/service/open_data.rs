//! Open data: public tables of what the platform holds (editions, envelopes, proposals,
//! results, decisions, spending per budget line), each as CSV and JSON, and a catalogue of them
//! in the DCAT-AP vocabulary that an open-data portal harvests. Only what is public anyway:
//! no drafts, no hidden proposals, no person.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::csv;
use crate::db::DbConnection;
use crate::domain::proposal::ProposalState;
use crate::domain::round::RoundStatus;
use crate::error::ApiResult;
use crate::service::finance;
use crate::service::rounds::outcome_of;
use crate::store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    Editions,
    Envelopes,
    Proposals,
    Results,
    Decisions,
    Spending,
}

impl Dataset {
    pub const ALL: [Dataset; 6] = [
        Dataset::Editions,
        Dataset::Envelopes,
        Dataset::Proposals,
        Dataset::Results,
        Dataset::Decisions,
        Dataset::Spending,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Editions => "editions",
            Dataset::Envelopes => "envelopes",
            Dataset::Proposals => "proposals",
            Dataset::Results => "results",
            Dataset::Decisions => "decisions",
            Dataset::Spending => "spending",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Dataset::Editions => "Editions of the participatory budget",
            Dataset::Envelopes => "Envelopes: the money of each area per edition",
            Dataset::Proposals => "Proposals of residents",
            Dataset::Results => "Results of the voting rounds",
            Dataset::Decisions => "Decisions of the council on the results",
            Dataset::Spending => "Spending per budget line",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Dataset::Editions => {
                "One row per edition: its year, base budget, the share reserved for residents and how it is split over the areas."
            }
            Dataset::Envelopes => {
                "One row per edition and area (and one city-wide row): the amount computed from population and need, and the amount after any override with its reason."
            }
            Dataset::Proposals => {
                "One row per public proposal (no drafts, nothing hidden by moderation): its area, state, estimated cost and support."
            }
            Dataset::Results => {
                "One row per counted round and project: cost, votes, score and whether the round's rule funded it. Each round's anonymised ballots are a pabulib .pb file from which anyone recomputes the outcome."
            }
            Dataset::Decisions => {
                "One row per council decision on a round: the session, the date and the approved proposals."
            }
            Dataset::Spending => {
                "One row per budget line of the multi-year plan: planned, allocated to funded proposals, committed and spent, in cents."
            }
        }
    }
}

/// A dataset as rows under named columns.
pub struct Table {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// One object per row, keys in column order.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    Value::Object(
                        self.columns
                            .iter()
                            .zip(row)
                            .map(|(c, v)| (c.to_string(), v.clone()))
                            .collect(),
                    )
                })
                .collect(),
        )
    }

    /// RFC 4180 CSV with a header; text cells that a spreadsheet would run as a formula are
    /// neutralised.
    pub fn to_csv(&self) -> String {
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        let mut text = csv::line(&header, ',');
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Null => String::new(),
                    Value::String(s) => csv::cell(s, ','),
                    other => other.to_string(),
                })
                .collect();
            text.push_str(&csv::line(&cells, ','));
        }
        text
    }
}

/// Enumerations and times as their JSON text.
fn text<T: Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

pub fn table(conn: &mut DbConnection, dataset: Dataset, public_url: &str) -> ApiResult<Table> {
    match dataset {
        Dataset::Editions => editions(conn),
        Dataset::Envelopes => envelopes(conn),
        Dataset::Proposals => proposals(conn, public_url),
        Dataset::Results => results(conn, public_url),
        Dataset::Decisions => decisions(conn),
        Dataset::Spending => spending(conn),
    }
}

fn all_editions(conn: &mut DbConnection) -> ApiResult<Vec<store::editions::Edition>> {
    Ok(store::editions::list(
        conn,
        &store::editions::EditionFilter {
            phases: Vec::new(),
            fiscal_year: None,
            updated_since: None,
            after_id: None,
            limit: 100_000,
        },
    )?)
}

fn editions(conn: &mut DbConnection) -> ApiResult<Table> {
    let rows = all_editions(conn)?
        .into_iter()
        .map(|e| {
            vec![
                json!(e.id),
                json!(e.name),
                json!(e.fiscal_year),
                text(e.phase),
                json!(e.base_cents),
                json!(e.reserved_bp),
                json!(e.citywide_bp),
                text(e.allocation),
                json!(e.min_cost_cents),
                json!(e.max_cost_cents),
                json!(e.support_threshold),
                text(e.language),
            ]
        })
        .collect();
    Ok(Table {
        columns: &[
            "edition_id",
            "name",
            "fiscal_year",
            "phase",
            "base_cents",
            "reserved_basis_points",
            "citywide_basis_points",
            "allocation",
            "min_cost_cents",
            "max_cost_cents",
            "support_threshold",
            "language",
        ],
        rows,
    })
}

fn envelopes(conn: &mut DbConnection) -> ApiResult<Table> {
    let mut rows = Vec::new();
    for edition in all_editions(conn)? {
        let sheet = crate::service::envelopes::envelope_sheet(conn, edition.id)?;
        for envelope in &sheet.envelopes {
            let area = envelope
                .area_id
                .and_then(|id| sheet.areas.iter().find(|a| a.id == id));
            rows.push(vec![
                json!(edition.id),
                json!(envelope.area_id),
                json!(area.map(|a| a.code.clone())),
                json!(area.map(|a| a.name.clone())),
                json!(envelope.computed_cents),
                json!(envelope.override_cents),
                json!(envelope.override_reason),
                json!(envelope.amount_cents()),
            ]);
        }
    }
    Ok(Table {
        columns: &[
            "edition_id",
            "area_id",
            "area_code",
            "area_name",
            "computed_cents",
            "override_cents",
            "override_reason",
            "amount_cents",
        ],
        rows,
    })
}

fn proposals(conn: &mut DbConnection, public_url: &str) -> ApiResult<Table> {
    let public: Vec<ProposalState> = ProposalState::ALL
        .into_iter()
        .filter(|s| *s != ProposalState::Draft)
        .collect();
    let rows = store::proposals::in_states_everywhere(conn, &public)?
        .into_iter()
        .filter(|p| !p.hidden)
        .map(|p| {
            vec![
                json!(p.id),
                json!(p.edition_id),
                json!(p.area_id),
                json!(p.title),
                json!(p.category),
                text(p.state),
                json!(p.estimated_cost_cents),
                json!(p.support_count),
                json!(p.latitude_e6.map(|v| v as f64 / 1e6)),
                json!(p.longitude_e6.map(|v| v as f64 / 1e6)),
                json!(p.merged_into_id),
                json!(p.submitted_at.map(|at| at.and_utc())),
                text(p.language),
                json!(format!("{public_url}/proposals/{}", p.id)),
            ]
        })
        .collect();
    Ok(Table {
        columns: &[
            "proposal_id",
            "edition_id",
            "area_id",
            "title",
            "category",
            "state",
            "estimated_cost_cents",
            "support_count",
            "latitude",
            "longitude",
            "merged_into_id",
            "submitted_at",
            "language",
            "url",
        ],
        rows,
    })
}

/// The rounds with a counted outcome, oldest first.
pub fn counted_rounds(conn: &mut DbConnection) -> ApiResult<Vec<store::rounds::Round>> {
    let mut counted = Vec::new();
    for edition in all_editions(conn)? {
        counted.extend(
            store::rounds::for_edition(conn, edition.id)?
                .into_iter()
                .filter(|r| r.status == RoundStatus::Closed && r.outcome.is_some()),
        );
    }
    counted.sort_by_key(|r| r.id);
    Ok(counted)
}

/// Where a counted round's anonymised ballots are, as a pabulib file.
pub fn pb_url(public_url: &str, round_id: i64) -> String {
    format!("{public_url}/api/v1/rounds/{round_id}/export.pb")
}

fn results(conn: &mut DbConnection, public_url: &str) -> ApiResult<Table> {
    let mut rows = Vec::new();
    for round in counted_rounds(conn)? {
        let outcome = outcome_of(&round)?;
        for project in &outcome.projects {
            let title = store::proposals::find(conn, project.proposal_id)?.map(|p| p.title);
            rows.push(vec![
                json!(round.id),
                json!(round.edition_id),
                json!(round.area_id),
                json!(round.name),
                json!(outcome.rule),
                json!(round.ballot_count),
                json!(project.proposal_id),
                json!(title),
                json!(project.cost_cents),
                json!(project.votes),
                json!(project.score),
                json!(project.selected),
                json!(pb_url(public_url, round.id)),
            ]);
        }
    }
    Ok(Table {
        columns: &[
            "round_id",
            "edition_id",
            "area_id",
            "round_name",
            "rule",
            "ballots",
            "proposal_id",
            "title",
            "cost_cents",
            "votes",
            "score",
            "selected",
            "pb_file",
        ],
        rows,
    })
}

fn decisions(conn: &mut DbConnection) -> ApiResult<Table> {
    let mut rows = Vec::new();
    for round in counted_rounds(conn)? {
        for decision in store::decisions::history(conn, round.id)? {
            let approved: Vec<i64> = serde_json::from_str(&decision.approved).unwrap_or_default();
            rows.push(vec![
                json!(decision.id),
                json!(round.id),
                json!(round.edition_id),
                text(decision.kind),
                json!(decision.council_session),
                json!(decision.decided_on),
                json!(
                    approved
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                json!(decision.superseded_by),
            ]);
        }
    }
    Ok(Table {
        columns: &[
            "decision_id",
            "round_id",
            "edition_id",
            "kind",
            "council_session",
            "decided_on",
            "approved_proposal_ids",
            "superseded_by",
        ],
        rows,
    })
}

fn spending(conn: &mut DbConnection) -> ApiResult<Table> {
    let rows = finance::public_line_totals(conn)?
        .into_iter()
        .map(|line| {
            vec![
                json!(line.budget_line_id),
                json!(line.plan_version_id),
                json!(line.fiscal_year),
                json!(line.policy_field_code),
                json!(line.ledger_account_code),
                json!(line.totals.planned_cents),
                json!(line.totals.allocated_cents),
                json!(line.totals.committed_cents),
                json!(line.totals.spent_cents),
            ]
        })
        .collect();
    Ok(Table {
        columns: &[
            "budget_line_id",
            "plan_version_id",
            "fiscal_year",
            "policy_field_code",
            "ledger_account_code",
            "planned_cents",
            "allocated_cents",
            "committed_cents",
            "spent_cents",
        ],
        rows,
    })
}

/// The catalogue in DCAT-AP terms (JSON-LD): every dataset with a CSV and a JSON distribution,
/// and each counted round's `.pb` file with the results.
pub fn catalogue(conn: &mut DbConnection, public_url: &str, publisher: &str) -> ApiResult<Value> {
    let rounds = counted_rounds(conn)?;
    let base = format!("{public_url}/api/v1/open-data");
    let datasets: Vec<Value> = Dataset::ALL
        .into_iter()
        .map(|dataset| {
            let name = dataset.as_str();
            let mut distributions: Vec<Value> = [("csv", "text/csv", "CSV"), ("json", "application/json", "JSON")]
                .into_iter()
                .map(|(format, media_type, label)| {
                    let url = format!("{base}/{name}?format={format}");
                    json!({
                        "@id": url,
                        "@type": "dcat:Distribution",
                        "dct:title": format!("{} ({label})", dataset.title()),
                        "dcat:accessURL": url,
                        "dcat:downloadURL": url,
                        "dcat:mediaType": media_type,
                        "dct:format": label,
                    })
                })
                .collect();
            if dataset == Dataset::Results {
                distributions.extend(rounds.iter().map(|round| {
                    let url = pb_url(public_url, round.id);
                    json!({
                        "@id": url,
                        "@type": "dcat:Distribution",
                        "dct:title": format!("{}: anonymised ballots (pabulib)", round.name),
                        "dcat:accessURL": url,
                        "dcat:downloadURL": url,
                        "dcat:mediaType": "text/plain",
                        "dct:format": "pabulib",
                    })
                }));
            }
            json!({
                "@id": format!("{base}/{name}"),
                "@type": "dcat:Dataset",
                "dct:identifier": name,
                "dct:title": dataset.title(),
                "dct:description": dataset.description(),
                "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
                "dcat:keyword": ["participatory budgeting", "burgerbegroting", "budget participatif"],
                "dct:accrualPeriodicity": "continuous",
                "dcat:distribution": distributions,
            })
        })
        .collect();
    Ok(json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": base,
        "@type": "dcat:Catalog",
        "dct:title": "Participatory budget: open data",
        "dct:description": "Every public table of the participatory budget, as CSV and JSON, with the anonymised ballots of each counted round.",
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
        "foaf:homepage": public_url,
        "dcat:dataset": datasets,
    }))
}

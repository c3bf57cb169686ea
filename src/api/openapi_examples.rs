//! An example for every request body and every successful answer of the OpenAPI document, so
//! `/docs` and generated clients show what a real call sends and gets back.
//!
//! An operation may state its own example in its `#[utoipa::path]` (the CSV files do, and any
//! schema may carry one with `#[schema(example = …)]`); every other example is built here from
//! the schema itself, so it can never drift from the shape it illustrates. Values come from
//! what a field means (`title`, `*_cents`, `opens_at`, …) in a small Ghent-like city, within the
//! schema's bounds and enums.

use serde_json::{Map, Value, json};
use utoipa::openapi::{OpenApi, RefOr};

/// Adds the missing examples to the document.
pub fn add_examples(document: &mut OpenApi) {
    let schemas = document
        .components
        .as_ref()
        .and_then(|c| serde_json::to_value(&c.schemas).ok())
        .unwrap_or(Value::Null);
    for operation in super::openapi::operations_mut(document) {
        let request = Builder {
            schemas: &schemas,
            request: true,
        };
        let answer = Builder {
            schemas: &schemas,
            request: false,
        };
        let bodies = operation
            .request_body
            .iter_mut()
            .filter_map(|body| match body {
                RefOr::T(body) => Some(body),
                RefOr::Ref(_) => None,
            })
            .flat_map(|body| body.content.values_mut())
            .map(|content| (content, &request));
        let answers = operation
            .responses
            .responses
            .iter_mut()
            .filter(|(status, _)| status.starts_with('2'))
            .filter_map(|(_, response)| match response {
                RefOr::T(response) => Some(response),
                RefOr::Ref(_) => None,
            })
            .flat_map(|response| response.content.values_mut())
            .map(|content| (content, &answer));
        for (content, builder) in bodies.chain(answers) {
            if let RefOr::T(content) = content
                && content.example.is_none()
                && let Some(schema) = &content.schema
                && let Ok(schema) = serde_json::to_value(schema)
            {
                content.example = Some(builder.example(&schema, Spot::default(), 0));
            }
        }
    }
}

struct Builder<'a> {
    schemas: &'a Value,
    /// A request shows only its required fields (all of them when none is required, as in an
    /// update), so it never combines options that exclude each other; an answer shows all.
    request: bool,
}

/// Where a value sits: the field it fills and the schema that holds the field, so `name` can
/// be an edition's name in an edition and an area's in an area.
#[derive(Clone, Copy, Default)]
struct Spot<'a> {
    field: &'a str,
    owner: &'a str,
}

/// Deep enough for every shape of the API (a report's rows of rows), shallow enough that a
/// schema referring to itself ends.
const MAX_DEPTH: usize = 16;

impl Builder<'_> {
    fn example(&self, schema: &Value, spot: Spot, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        if let Some(example) = schema.get("example") {
            return example.clone();
        }
        if let Some(first) = schema
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            return first.clone();
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let owner = reference
                .strip_prefix("#/components/schemas/")
                .unwrap_or_default();
            let target = self.schemas.get(owner).unwrap_or(&Value::Null);
            return self.example(target, Spot { owner, ..spot }, depth + 1);
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(members) = self.example(part, spot, depth + 1) {
                    merged.extend(members);
                }
            }
            return Value::Object(merged);
        }
        for combinator in ["oneOf", "anyOf"] {
            if let Some(variants) = schema.get(combinator).and_then(Value::as_array) {
                let chosen = variants
                    .iter()
                    .find(|v| v.get("type").and_then(Value::as_str) != Some("null"));
                return chosen.map_or(Value::Null, |v| self.example(v, spot, depth + 1));
            }
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|e| e.iter().find(|v| !v.is_null()))
        {
            return first.clone();
        }
        match type_of(schema) {
            "object" => self.object(schema, spot, depth),
            "array" => {
                let item = schema.get("items").unwrap_or(&Value::Null);
                let field = singular(spot.field);
                json!([self.example(item, Spot { field, ..spot }, depth + 1)])
            }
            "string" => json!(text(schema, spot)),
            "integer" => json!(whole_number(schema, spot.field)),
            "number" => json!(fraction(schema, spot.field)),
            "boolean" => json!(!spot.field.starts_with("hidden") && spot.field != "priority"),
            _ => Value::Null,
        }
    }

    fn object(&self, schema: &Value, spot: Spot, depth: usize) -> Value {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return free_object(spot.field);
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let shown = |field: &String| {
            !self.request || required.is_empty() || required.contains(&field.as_str())
        };
        let object: Map<String, Value> = properties
            .iter()
            .filter(|(field, _)| shown(field))
            .map(|(field, property)| {
                let spot = Spot { field, ..spot };
                (field.clone(), self.example(property, spot, depth + 1))
            })
            .collect();
        Value::Object(object)
    }
}

/// The schema's type; OpenAPI 3.1 writes an optional value as `["integer", "null"]`.
fn type_of(schema: &Value) -> &str {
    match schema.get("type") {
        Some(Value::String(t)) => t,
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => "",
    }
}

fn singular(name: &str) -> &str {
    name.strip_suffix("ies")
        .or_else(|| name.strip_suffix('s'))
        .unwrap_or(name)
}

fn text(schema: &Value, spot: Spot) -> String {
    match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => return moment(spot.field).into(),
        Some("date") => return day(spot.field).into(),
        Some("email") => return "an.peeters@example.org".into(),
        _ => {}
    }
    let owner = spot.owner;
    let field = spot.field;
    if field.ends_with("_at") {
        return moment(field).into();
    }
    if field.ends_with("_on") || field.ends_with("date") {
        return day(field).into();
    }
    let words = match field {
        "name" if owner.contains("Edition") => "Wijkbudget 2027",
        "name" if owner.contains("Round") => "Stemming Brugse Poort 2027",
        "name" if owner.contains("Plan") => "Meerjarenplan 2026-2031",
        "name" if owner.contains("Department") => "Groen en natuur",
        "name" if owner.contains("Category") => "Groen",
        "name" | "title" if owner.contains("Objective") => "Een groene, leefbare stad",
        "name" | "title" if owner.contains("Action") => "Meer groen in de wijken",
        "name" | "title" if owner.contains("Milestone") => "Plantenbakken geplaatst",
        "name" if owner.contains("PolicyField") => "Openbaar groen",
        "name" if owner.contains("Ledger") => "Aankoop van groenvoorzieningen",
        "code" if owner.contains("Department") || owner.contains("Category") => "groen",
        "code" if owner.contains("PolicyField") => "0680",
        "code" if owner.contains("Ledger") => "2240000",
        "code" if owner.contains("Objective") => "D1",
        "code" if owner.contains("Action") => "AP1.2",
        "code" if owner.contains("Residency") || owner.contains("Redeem") => "YJGU-ZLVB-MLAE-35YH",
        "title" => "Speelstraat met groen in de Brugse Poort",
        "summary" => "Een autovrije straat met plantenbakken, banken en speeltoestellen.",
        "body" => "## Wat\nDe straat wordt op zondag autovrij, met groen en speelruimte.",
        "body_html" => "<h2>Wat</h2>\n<p>De straat wordt op zondag autovrij.</p>",
        "name" => "Brugse Poort",
        "display_name" | "author_name" | "edited_by_name" | "reviewer_name" => "An Peeters",
        "email" => "an.peeters@example.org",
        "password" | "new_password" => "stille wilgen langs de vaart",
        "current_password" => "oude bomen aan de Leie",
        "code" => "BRUG",
        "category" => "groen",
        "department" => "groen",
        "description" => "Plantenbakken en zitbanken",
        "reason"
        | "note"
        | "correction_reason"
        | "override_reason"
        | "overrun_reason"
        | "over_envelope_reason"
        | "hidden_reason"
        | "status_reason" => "Vastgesteld in de gemeenteraad van 23 juni",
        "public_explanation" => "Haalbaar: de straat is geschikt en de kosten zijn nagerekend.",
        "internal_notes" => "Afgestemd met de dienst mobiliteit.",
        "council_session" => "Gemeenteraad 2027-06-23, punt 12",
        "access_token" | "token" => "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl",
        "refresh_token" => "42.b3f1c9e0.k1Jq8xYw2mVn4pTz",
        "device_token" => "d41d8cd98f00b204e9800998ecf8427e",
        "token_type" => "Bearer",
        "receipt" => "7c1e4a0f9b2d3e8a",
        "next_cursor" => "Q0VOVA",
        "ledger_account_code" => "2240000",
        "policy_field_code" => "0680",
        "erp_reference" | "reference" => "F-2027-0042",
        "third_party" => "Groendienst Stad",
        "hash" | "prev_hash" | "audit_head_hash" | "ballots_hash" => {
            "9f2c4e1ab07d5e3c8a6b1f0e2d4c6a8b9f2c4e1ab07d5e3c8a6b1f0e2d4c6a8b"
        }
        "engine_version" => "wijkbudget-tally 0.1.0",
        "subject" => "Je voorstel is haalbaar bevonden",
        "rule" => "equalshares/add1",
        "detail" => "accepted",
        "status" => "accepted",
        "weight" | "total_weight" => "18400",
        "remainder" => "largest remainder",
        "entity_type" => "proposal",
        "entity_id" => "31",
        "action" => "proposal_submitted",
        "change" => "add",
        "field" => "title",
        "key" => "1 2027 0680 2240000",
        "message" => "must be 1 to 200 characters",

        "from" | "to" | "state" => "submitted",
        "type" => "Polygon",
        _ => "",
    };
    if words.is_empty() { "tekst" } else { words }.to_string()
}

fn whole_number(schema: &Value, name: &str) -> i64 {
    let typical = match name {
        n if n.ends_with("_bp") => 1_000,
        n if n.contains("year") => 2027,
        "population" => 18_400,
        "version" | "sequence" => 2,
        "progress_pct" => 40,
        "expires_in" => 900,
        "status" => 200,
        "min_age" => 16,
        "points" => 10,
        "max_points_per_project" => 5,
        "max_choices" => 3,
        "min_choices" | "min_votes" => 1,
        "support_threshold" => 10,
        "report_threshold" => 3,
        "max_proposals_per_resident" => 3,
        "count" => 2,
        "support_count" | "supporters" | "supports" | "votes" | "score" => 9,
        "ballots" | "eligible" => 412,
        "open_reports" => 1,
        "created" | "updated" | "imported" => 5,
        "base_cents" => 95_000_000_000,
        "pot_cents" | "total_cents" => 950_000_000,
        "budget_cents" | "budget_limit_cents" | "allocated_cents" => 40_560_043,
        "floor_cents" | "share_floor_cents" => 2_000_000,
        "min_cost_cents" => 100_000,
        "max_cost_cents" => 10_000_000,
        "planned_cents" => 20_000_000,
        "left_over_cents" | "difference_from_pot_cents" | "extra_cent" => 12_043,
        n if n.ends_with("_cents") || n == "cents" => 1_850_000,
        _ => 31,
    };
    let minimum = schema.get("minimum").and_then(Value::as_i64);
    let maximum = schema.get("maximum").and_then(Value::as_i64);
    let at_least = minimum.map_or(typical, |m| typical.max(m));
    maximum.map_or(at_least, |m| at_least.min(m))
}

fn fraction(schema: &Value, name: &str) -> f64 {
    let typical: f64 = match name {
        "latitude" => 51.0603,
        "longitude" => 3.7065,
        "deprivation_index" => 0.71,
        "alpha" => 0.5,
        "turnout" => 0.31,
        n if n.starts_with("share") => 0.18,
        _ => 0.5,
    };
    let minimum = schema.get("minimum").and_then(Value::as_f64);
    let maximum = schema.get("maximum").and_then(Value::as_f64);
    let at_least = minimum.map_or(typical, |m| typical.max(m));
    maximum.map_or(at_least, |m| at_least.min(m))
}

/// A moment that fits the field: an edition's schedule in order, a round open for two weeks.
fn moment(field: &str) -> &'static str {
    match field {
        "ideas" => "2027-01-15T09:00:00Z",
        "support" => "2027-03-01T09:00:00Z",
        "review" => "2027-04-01T09:00:00Z",
        "voting" | "opens_at" | "opened_at" => "2027-05-01T09:00:00Z",
        "closes_at" | "closed_at" | "closed" => "2027-05-15T18:00:00Z",
        "decision" => "2027-06-01T09:00:00Z",
        "implementation" => "2027-07-01T09:00:00Z",
        "created_at" | "submitted_at" | "granted_at" => "2027-01-20T10:30:00Z",
        _ => "2027-05-16T08:15:00Z",
    }
}

fn day(field: &str) -> &'static str {
    match field {
        "birth_date" => "1990-04-23",
        "council_decision_date" | "decided_on" => "2027-06-23",
        _ => "2027-09-15",
    }
}

/// An object whose schema leaves its members open.
fn free_object(name: &str) -> Value {
    match name {
        "geometry" => json!({
            "type": "Polygon",
            "coordinates": [[[3.70, 51.06], [3.71, 51.06], [3.71, 51.07], [3.70, 51.06]]]
        }),
        "points" => json!({"31": 6, "33": 4}),
        "details" => json!({"from": "draft", "to": "submitted"}),
        "before" => json!({"planned_cents": 20_000_000}),
        "after" => json!({"planned_cents": 22_000_000}),
        _ => json!({}),
    }
}

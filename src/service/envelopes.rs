//! The envelopes of an edition: computed from its money rules and areas (with the explanation
//! of each share), overridden by an administrator with a reason, and listed for everyone.

use serde::{Deserialize, Serialize};

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::envelope::{self, AreaInput, SplitError, SplitRules};
use crate::error::Thing;
use crate::error::{ApiError, ApiResult};
use crate::service::editions::{find, rules_frozen};
use crate::store::editions::EditionFields;
pub use crate::store::editions::Envelope;
use crate::store::{self, areas::Area, audit::AuditEvent, editions::Edition};

fn split_error(error: SplitError) -> ApiError {
    match error {
        SplitError::FloorsExceedPot { needed, available } => ApiError::invalid(
            "floor_cents",
            t!("floors-exceed-pot", needed = needed, available = available),
        ),
        SplitError::NoWeight => ApiError::invalid("area_ids", t!("no-weight")),
        SplitError::NoAreas => ApiError::invalid("area_ids", t!("no-participating-areas")),
    }
}

/// The inputs and intermediate numbers of an area's computed envelope, stored with it so that
/// anyone can see why the area has this amount.
#[derive(Serialize, Deserialize)]
pub struct Explanation {
    pub population: i64,
    pub deprivation_ppm: i64,
    pub weight: String,
    pub total_weight: String,
    pub floor_cents: i64,
    /// The area's part of what was shared by weight after the floors.
    pub share_floor_cents: i64,
    pub remainder: String,
    pub extra_cent: i64,
}

impl Explanation {
    /// The area's share of what was shared by weight, in percent.
    pub fn share_percent(&self) -> f64 {
        let weight: f64 = self.weight.parse().unwrap_or(0.0);
        let total: f64 = self.total_weight.parse().unwrap_or(0.0);
        if total > 0.0 {
            weight * 100.0 / total
        } else {
            0.0
        }
    }
}

/// Why an area's envelope has its amount, when it was computed for an area.
pub fn explanation_of(envelope: &Envelope) -> Option<Explanation> {
    envelope.area_id?;
    serde_json::from_str(&envelope.explanation).ok()
}

/// Recomputes and stores the envelopes of an edition from its current inputs, keeping
/// overrides. Refused once the money rules are frozen.
pub fn recompute_envelopes(conn: &mut DbConnection, edition_id: i64) -> ApiResult<()> {
    let edition = store::editions::find(conn, edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    if edition.rules_frozen_at.is_some() {
        return Err(rules_frozen());
    }
    let area_ids = store::editions::area_ids(conn, edition_id)?;
    let computed = compute_envelopes(
        conn,
        &split_rules(&EditionFields::from(&edition)),
        &area_ids,
    )?;
    let now = crate::clock::now();
    let mut keep = Vec::new();
    for envelope in computed {
        store::editions::upsert_computed(
            conn,
            edition_id,
            envelope.area_id,
            envelope.computed_cents,
            &envelope.explanation,
            now,
        )?;
        keep.push(store::editions::envelope_key(envelope.area_id));
    }
    store::editions::delete_envelopes_except(conn, edition_id, &keep)?;
    Ok(())
}

pub fn split_rules(fields: &EditionFields) -> SplitRules {
    SplitRules {
        base_cents: fields.base_cents,
        reserved_bp: fields.reserved_bp,
        citywide_bp: fields.citywide_bp,
        allocation: fields.allocation,
        alpha_ppm: fields.alpha_ppm,
        floor_cents: fields.floor_cents,
    }
}

/// One envelope as the money rules compute it, with the numbers that explain it.
pub struct ComputedEnvelope {
    /// `None`: the city-wide envelope.
    pub area_id: Option<i64>,
    pub computed_cents: i64,
    /// JSON: an [`Explanation`] for an area, the pot for the city-wide envelope.
    pub explanation: String,
}

/// The envelopes these money rules give these areas, the city-wide one first.
pub fn compute_envelopes(
    conn: &mut DbConnection,
    rules: &SplitRules,
    area_ids: &[i64],
) -> ApiResult<Vec<ComputedEnvelope>> {
    let areas = store::areas::find_many(conn, area_ids)?;
    let inputs: Vec<AreaInput> = areas
        .iter()
        .map(|a| AreaInput {
            area_id: a.id,
            code: a.code.clone(),
            population: a.population,
            deprivation_ppm: a.deprivation_ppm,
        })
        .collect();
    let split = envelope::split(rules, &inputs).map_err(split_error)?;
    let mut computed = vec![ComputedEnvelope {
        area_id: None,
        computed_cents: split.citywide_cents,
        explanation:
            serde_json::json!({"pot_cents": split.pot_cents, "citywide_bp": rules.citywide_bp})
                .to_string(),
    }];
    for (share, input) in split.areas.iter().zip(&inputs) {
        let explanation = Explanation {
            population: input.population,
            deprivation_ppm: input.deprivation_ppm,
            weight: share.weight.to_string(),
            total_weight: split.total_weight.to_string(),
            floor_cents: rules.floor_cents,
            share_floor_cents: share.floor_part_cents - rules.floor_cents,
            remainder: share.remainder.to_string(),
            extra_cent: share.extra_cent,
        };
        computed.push(ComputedEnvelope {
            area_id: Some(share.area_id),
            computed_cents: share.amount_cents,
            explanation: serde_json::to_string(&explanation).map_err(ApiError::internal)?,
        });
    }
    Ok(computed)
}

/// Sets (or, with `None`, removes) an administrator's override of one envelope.
pub fn override_envelope(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
    area_id: Option<i64>,
    amount_cents: Option<i64>,
    reason: &str,
) -> ApiResult<()> {
    caller.require_admin()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid(
            "reason",
            t!("an-override-needs-a-reason"),
        ));
    }
    if amount_cents.is_some_and(|a| a < 0) {
        return Err(ApiError::invalid(
            "amount_cents",
            t!("must-not-be-negative"),
        ));
    }
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find_for_update(conn, edition_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        if edition.rules_frozen_at.is_some() {
            return Err(rules_frozen());
        }
        let envelope = store::editions::find_envelope(conn, edition_id, area_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Envelope))?;
        store::editions::set_override(
            conn,
            envelope.id,
            amount_cents,
            amount_cents.map(|_| reason),
            crate::clock::now(),
        )?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: if amount_cents.is_some() {
                    "envelope_overridden"
                } else {
                    "envelope_override_removed"
                },
                entity_type: "edition",
                entity_id: edition_id.to_string(),
                details: serde_json::json!({
                    "area_id": area_id,
                    "computed_cents": envelope.computed_cents,
                    "previous_override_cents": envelope.override_cents,
                    "override_cents": amount_cents,
                    "reason": reason,
                }),
            },
        )?;
        Ok(())
    })
}

/// An edition's envelopes with the areas they go to; public.
pub struct EnvelopeSheet {
    pub edition: Edition,
    pub envelopes: Vec<Envelope>,
    pub areas: Vec<Area>,
}

pub fn envelope_sheet(conn: &mut DbConnection, id: i64) -> ApiResult<EnvelopeSheet> {
    let edition = find(conn, id)?;
    let envelopes = store::editions::envelopes(conn, id)?;
    let area_ids: Vec<i64> = envelopes.iter().filter_map(|r| r.area_id).collect();
    let areas = store::areas::find_many(conn, &area_ids)?;
    Ok(EnvelopeSheet {
        edition,
        envelopes,
        areas,
    })
}

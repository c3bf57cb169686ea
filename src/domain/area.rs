//! The rules an area's fields must follow.

use serde_json::Value;

use crate::domain::geo::Outline;
use crate::error::FieldError;
use crate::i18n::Text;

pub const MAX_POPULATION: i64 = 1_000_000_000;

/// An area code: 1 to 32 letters, digits, `-`, `_` or `.`.
pub fn parse_code(raw: &str) -> Result<String, Text> {
    let code = raw.trim();
    if code.is_empty() || code.len() > 32 {
        return Err(t!("length-between", min = 1, max = 32));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(t!("may-contain-only-letters-digits-and"));
    }
    Ok(code.to_string())
}

pub fn parse_name(raw: &str) -> Result<String, Text> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(t!("length-between", min = 1, max = 120));
    }
    Ok(name.to_string())
}

pub fn parse_population(value: i64) -> Result<i64, Text> {
    if !(0..=MAX_POPULATION).contains(&value) {
        return Err(t!("number-between", min = 0, max = MAX_POPULATION));
    }
    Ok(value)
}

/// A deprivation index between 0 and 1, kept in millionths.
pub fn parse_deprivation(value: f64) -> Result<i64, Text> {
    if !value.is_finite() || !(0.0..=1.0).contains(&value) {
        return Err(t!("number-between", min = 0, max = 1));
    }
    Ok((value * 1_000_000.0).round() as i64)
}

pub fn deprivation_index(ppm: i64) -> f64 {
    ppm as f64 / 1_000_000.0
}

/// A GeoJSON Polygon or MultiPolygon, stored as compact JSON.
pub fn parse_geometry(value: &Value) -> Result<String, Text> {
    Outline::parse(value)?;
    Ok(value.to_string())
}

/// Checked area fields, with every problem named.
pub struct CheckedArea {
    pub code: String,
    pub name: String,
    pub population: i64,
    pub deprivation_ppm: i64,
    pub geometry: Option<String>,
}

pub fn check(
    code: &str,
    name: &str,
    population: i64,
    deprivation_index: f64,
    geometry: Option<&Value>,
    field_prefix: &str,
) -> Result<CheckedArea, Vec<FieldError>> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{field_prefix}{name}");
    let code = parse_code(code)
        .map_err(|m| errors.push(FieldError::new(field("code"), m)))
        .ok();
    let name = parse_name(name)
        .map_err(|m| errors.push(FieldError::new(field("name"), m)))
        .ok();
    let population = parse_population(population)
        .map_err(|m| errors.push(FieldError::new(field("population"), m)))
        .ok();
    let deprivation = parse_deprivation(deprivation_index)
        .map_err(|m| errors.push(FieldError::new(field("deprivation_index"), m)))
        .ok();
    let geometry = match geometry {
        None | Some(Value::Null) => Some(None),
        Some(g) => parse_geometry(g)
            .map(Some)
            .map_err(|m| errors.push(FieldError::new(field("geometry"), m)))
            .ok(),
    };
    match (code, name, population, deprivation, geometry) {
        (Some(code), Some(name), Some(population), Some(deprivation_ppm), Some(geometry))
            if errors.is_empty() =>
        {
            Ok(CheckedArea {
                code,
                name,
                population,
                deprivation_ppm,
                geometry,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_field_is_named() {
        let errors = check(
            "",
            "",
            -1,
            1.5,
            Some(&serde_json::json!({"type": "Point"})),
            "",
        )
        .err()
        .unwrap();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "code",
                "name",
                "population",
                "deprivation_index",
                "geometry"
            ]
        );
    }

    #[test]
    fn deprivation_is_kept_in_millionths() {
        assert_eq!(parse_deprivation(0.35), Ok(350_000));
        assert!(parse_deprivation(f64::NAN).is_err());
    }
}

//! GeoJSON area outlines: validation of Polygon and MultiPolygon geometries, and the test
//! whether a point lies inside.

use crate::i18n::Text;
use serde_json::Value;

/// A validated outline: polygons, each a list of rings (the first the outer ring), each a list
/// of (longitude, latitude).
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

fn position(value: &Value) -> Result<(f64, f64), Text> {
    let pair = value
        .as_array()
        .ok_or(t!("a-position-must-be-longitude-latitude"))?;
    if pair.len() < 2 || pair.len() > 3 {
        return Err(t!("a-position-must-be-longitude-latitude"));
    }
    let lon = pair[0]
        .as_f64()
        .ok_or_else(|| t!("coordinate-not-a-number", axis = "longitude"))?;
    let lat = pair[1]
        .as_f64()
        .ok_or_else(|| t!("coordinate-not-a-number", axis = "latitude"))?;
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(t!("a-position-is-outside-longitude-180-180"));
    }
    Ok((lon, lat))
}

fn ring(value: &Value) -> Result<Vec<(f64, f64)>, Text> {
    let points = value
        .as_array()
        .ok_or(t!("ring-is-a-list"))?
        .iter()
        .map(position)
        .collect::<Result<Vec<_>, _>>()?;
    if points.len() < 4 {
        return Err(t!("a-ring-needs-at-least-four-positions"));
    }
    if points.first() != points.last() {
        return Err(t!("a-ring-must-end-where-it-starts"));
    }
    Ok(points)
}

fn polygon(value: &Value) -> Result<Vec<Vec<(f64, f64)>>, Text> {
    let rings = value
        .as_array()
        .ok_or(t!("polygon-is-a-list"))?
        .iter()
        .map(ring)
        .collect::<Result<Vec<_>, _>>()?;
    if rings.is_empty() {
        return Err(t!("a-polygon-needs-at-least-one-ring"));
    }
    Ok(rings)
}

impl Outline {
    /// Accepts a GeoJSON geometry of type Polygon or MultiPolygon.
    pub fn parse(value: &Value) -> Result<Self, Text> {
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .ok_or(t!("geometry-needs-type"))?;
        let coordinates = value
            .get("coordinates")
            .ok_or(t!("geometry-needs-coordinates"))?;
        let polygons = match kind {
            "Polygon" => vec![polygon(coordinates)?],
            "MultiPolygon" => {
                let list = coordinates.as_array().ok_or(t!("multipolygon-is-a-list"))?;
                if list.is_empty() {
                    return Err(t!("a-multipolygon-needs-at-least-one-polygon"));
                }
                list.iter().map(polygon).collect::<Result<Vec<_>, _>>()?
            }
            other => {
                return Err(t!(
                    "type-must-be-polygon-or-multipolygon-not",
                    other = other
                ));
            }
        };
        Ok(Self { polygons })
    }

    /// Each polygon as its rings, the outer ring first, each ring as (longitude, latitude).
    pub fn polygons(&self) -> &[Vec<Vec<(f64, f64)>>] {
        &self.polygons
    }

    /// Ray casting: inside the outer ring and outside every hole of some polygon.
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        self.polygons.iter().any(|rings| {
            let inside = |ring: &Vec<(f64, f64)>| {
                let mut inside = false;
                for pair in ring.windows(2) {
                    let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
                    if (y1 > latitude) != (y2 > latitude)
                        && longitude < (x2 - x1) * (latitude - y1) / (y2 - y1) + x1
                    {
                        inside = !inside;
                    }
                }
                inside
            };
            rings.first().is_some_and(&inside) && !rings.iter().skip(1).any(&inside)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn square() -> Value {
        json!({"type": "Polygon", "coordinates": [[[3.0, 51.0], [4.0, 51.0], [4.0, 52.0], [3.0, 52.0], [3.0, 51.0]]]})
    }

    #[test]
    fn valid_polygons_contain_their_inside() {
        let outline = Outline::parse(&square()).unwrap();
        assert!(outline.contains(3.5, 51.5));
        assert!(!outline.contains(5.0, 51.5));
    }

    #[test]
    fn malformed_geometries_are_refused() {
        for bad in [
            json!({"type": "Point", "coordinates": [3.0, 51.0]}),
            json!({"type": "Polygon", "coordinates": [[[3.0, 51.0], [4.0, 51.0], [3.0, 51.0]]]}),
            json!({"type": "Polygon", "coordinates": [[[3.0, 51.0], [4.0, 51.0], [4.0, 52.0], [3.0, 52.5]]]}),
            json!({"type": "Polygon", "coordinates": [[[300.0, 51.0], [4.0, 51.0], [4.0, 52.0], [300.0, 51.0]]]}),
            json!({"type": "Polygon"}),
            json!({"type": "MultiPolygon", "coordinates": []}),
            json!("Polygon"),
        ] {
            assert!(Outline::parse(&bad).is_err(), "{bad}");
        }
    }
}

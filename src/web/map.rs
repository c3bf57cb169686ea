//! The areas as an SVG map drawn from their GeoJSON outlines, on the server: no tile server, no
//! script, each area a link. Longitudes are narrowed by the cosine of the map's middle latitude,
//! which keeps a city's shapes true without a projection library.

use crate::domain::geo::Outline;
use crate::service::areas::Area;

/// Width of the drawing in its own units; the height follows the outlines' proportions.
const WIDTH: f64 = 1000.0;
/// Room around the outlines, in the drawing's units.
const MARGIN: f64 = 10.0;

/// One area on the map.
pub struct Shape {
    pub id: i64,
    pub name: String,
    /// The SVG path of its outline (holes drawn with the even-odd rule).
    pub path: String,
    /// Where its name goes: the middle of its largest ring's bounding box.
    pub label_x: String,
    pub label_y: String,
    /// The area the page is about.
    pub current: bool,
}

pub struct AreaMap {
    pub view_box: String,
    pub shapes: Vec<Shape>,
    /// Drawn in the console: each area links to its form, not its public page.
    pub console: bool,
}

impl AreaMap {
    /// The same map with each area linking to its form in the console.
    pub fn in_console(self) -> Self {
        Self {
            console: true,
            ..self
        }
    }
}

/// A map of the areas that have an outline, or none when no area has one.
pub fn of_areas(areas: &[Area], current: Option<i64>) -> Option<AreaMap> {
    let outlined: Vec<(&Area, Outline)> = areas
        .iter()
        .filter_map(|area| {
            let geometry = serde_json::from_str(area.geometry.as_deref()?).ok()?;
            Some((area, Outline::parse(&geometry).ok()?))
        })
        .collect();
    let positions = || {
        outlined
            .iter()
            .flat_map(|(_, outline)| outline.polygons().iter().flatten().flatten())
    };
    let (mut west, mut east, mut south, mut north) = (180.0f64, -180.0f64, 90.0f64, -90.0f64);
    for &(lon, lat) in positions() {
        (west, east) = (west.min(lon), east.max(lon));
        (south, north) = (south.min(lat), north.max(lat));
    }
    if outlined.is_empty() || east <= west || north <= south {
        return None;
    }
    let narrowing = ((south + north) / 2.0).to_radians().cos();
    let scale = (WIDTH - 2.0 * MARGIN) / ((east - west) * narrowing);
    let height = (north - south) * scale + 2.0 * MARGIN;
    let x = |lon: f64| MARGIN + (lon - west) * narrowing * scale;
    let y = |lat: f64| MARGIN + (north - lat) * scale;
    let shapes = outlined
        .iter()
        .map(|(area, outline)| {
            let mut path = String::new();
            for ring in outline.polygons().iter().flatten() {
                for (i, &(lon, lat)) in ring.iter().enumerate() {
                    let command = if i == 0 { 'M' } else { 'L' };
                    path.push_str(&format!("{command}{:.1} {:.1}", x(lon), y(lat)));
                }
                path.push('Z');
            }
            let largest = outline
                .polygons()
                .iter()
                .filter_map(|rings| rings.first())
                .max_by_key(|ring| ring.len())
                .cloned()
                .unwrap_or_default();
            let middle = |values: Vec<f64>| {
                let low = values.iter().copied().fold(f64::INFINITY, f64::min);
                let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (low + high) / 2.0
            };
            let label_lon = middle(largest.iter().map(|p| p.0).collect());
            let label_lat = middle(largest.iter().map(|p| p.1).collect());
            Shape {
                id: area.id,
                name: area.name.clone(),
                path,
                label_x: format!("{:.1}", x(label_lon)),
                label_y: format!("{:.1}", y(label_lat)),
                current: current == Some(area.id),
            }
        })
        .collect();
    Some(AreaMap {
        view_box: format!("0 0 {WIDTH:.0} {height:.0}"),
        shapes,
        console: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: i64, geometry: Option<&str>) -> Area {
        let now = chrono::NaiveDateTime::default();
        Area {
            id,
            code: format!("A{id}"),
            name: format!("Area {id}"),
            parent_id: None,
            population: 1,
            deprivation_ppm: 0,
            geometry: geometry.map(str::to_string),
            created_at: now,
            updated_at: now,
            language: crate::domain::locale::Locale::Nl,
        }
    }

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[3.70,51.00],[3.72,51.00],[3.72,51.02],[3.70,51.02],[3.70,51.00]]]}"#;
    const EAST: &str = r#"{"type":"Polygon","coordinates":[[[3.72,51.00],[3.76,51.00],[3.76,51.01],[3.72,51.00]]]}"#;

    #[test]
    fn the_map_spans_every_outline_and_skips_areas_without_one() {
        let areas = [area(1, Some(SQUARE)), area(2, Some(EAST)), area(3, None)];
        let map = of_areas(&areas, Some(2)).unwrap();
        assert_eq!(map.shapes.len(), 2);
        assert!(map.shapes[1].current && !map.shapes[0].current);
        assert_eq!(map.shapes[0].path.matches('M').count(), 1);
        assert!(
            map.shapes[0].path.starts_with("M10.0 "),
            "{}",
            map.shapes[0].path
        );
        assert!(
            map.shapes[1].path.contains("L990.0 "),
            "{}",
            map.shapes[1].path
        );
        let height: f64 = map.view_box.rsplit(' ').next().unwrap().parse().unwrap();
        // 0.06° of longitude at 51° is about 0.0378° of latitude wide; 0.02° high.
        let expected = 0.02 / (0.06 * 51.01f64.to_radians().cos()) * 980.0 + 20.0;
        assert!((height - expected).abs() < 1.0, "{height} vs {expected}");
    }

    #[test]
    fn no_outline_no_map() {
        assert!(of_areas(&[area(1, None)], None).is_none());
        assert!(of_areas(&[area(1, Some("{\"type\":\"Point\"}"))], None).is_none());
    }
}

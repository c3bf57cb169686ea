//! Envelopes: how the reserved pot is split over the city-wide envelope and the areas.
//!
//! `pot = floor(base × reserved_bp / 10000)`; the city-wide envelope is
//! `floor(pot × citywide_bp / 10000)`; every area first gets the floor (if any); the rest is
//! split by weight. Each area gets the floor of its exact share in cents and the cents left over
//! go one each to the largest remainders, ties by area code. The result always adds up to the pot.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Fixed-point scale of `alpha` and the deprivation index (millionths).
pub const PPM: i128 = 1_000_000;
pub const BASIS_POINTS: i128 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// The same weight for every area.
    Equal,
    /// Weight = population.
    PerCapita,
    /// Weight = population × (1 + alpha × deprivation index).
    NeedsWeighted,
}

impl Allocation {
    pub fn as_str(self) -> &'static str {
        match self {
            Allocation::Equal => "equal",
            Allocation::PerCapita => "per_capita",
            Allocation::NeedsWeighted => "needs_weighted",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Allocation::Equal,
            Allocation::PerCapita,
            Allocation::NeedsWeighted,
        ]
        .into_iter()
        .find(|a| a.as_str() == value)
    }
}

/// One participating area, as the split sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaInput {
    pub area_id: i64,
    pub code: String,
    pub population: i64,
    /// Deprivation index in millionths (0..=1_000_000).
    pub deprivation_ppm: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitRules {
    pub base_cents: i64,
    pub reserved_bp: i32,
    pub citywide_bp: i32,
    pub allocation: Allocation,
    /// `alpha` in millionths (only for `needs_weighted`).
    pub alpha_ppm: i64,
    /// Every area gets at least this much before the rest is split.
    pub floor_cents: i64,
}

/// One area's envelope with the numbers that produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaShare {
    pub area_id: i64,
    pub code: String,
    /// The weight, exactly (an integer in the units of the method).
    pub weight: i128,
    /// Floor plus the floor of the exact share of the split rest.
    pub floor_part_cents: i64,
    /// The numerator of the exact share's fractional cents (denominator: the total weight).
    pub remainder: i128,
    /// 1 when this area received one of the leftover cents.
    pub extra_cent: i64,
    pub amount_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub pot_cents: i64,
    pub citywide_cents: i64,
    /// The money split by weight after the floors.
    pub weighted_rest_cents: i64,
    pub total_weight: i128,
    pub areas: Vec<AreaShare>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The floors of all areas need more than the pot minus the city-wide envelope.
    FloorsExceedPot {
        needed: i64,
        available: i64,
    },
    /// Every weight is zero (for example every population is zero with `per_capita`).
    NoWeight,
    NoAreas,
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SplitError::FloorsExceedPot { needed, available } => write!(
                f,
                "the floors need {needed} cents but only {available} cents are left after the city-wide envelope"
            ),
            SplitError::NoWeight => {
                f.write_str("every area has weight zero: enter populations or use the equal method")
            }
            SplitError::NoAreas => f.write_str("the edition has no participating areas"),
        }
    }
}

pub fn pot_cents(base_cents: i64, reserved_bp: i32) -> i64 {
    (base_cents as i128 * reserved_bp as i128 / BASIS_POINTS) as i64
}

/// The weight of one area under the method.
pub fn weight(area: &AreaInput, allocation: Allocation, alpha_ppm: i64) -> i128 {
    let population = area.population.max(0) as i128;
    match allocation {
        Allocation::Equal => 1,
        Allocation::PerCapita => population,
        // population × (1 + alpha × d) scaled by PPM²: population × (PPM² + alpha_ppm × d_ppm)
        Allocation::NeedsWeighted => {
            population
                * (PPM * PPM + alpha_ppm.max(0) as i128 * area.deprivation_ppm.max(0) as i128)
        }
    }
}

/// Splits the pot. Areas come back in the order given.
pub fn split(rules: &SplitRules, areas: &[AreaInput]) -> Result<Split, SplitError> {
    if areas.is_empty() {
        return Err(SplitError::NoAreas);
    }
    let pot = pot_cents(rules.base_cents, rules.reserved_bp);
    let citywide = (pot as i128 * rules.citywide_bp as i128 / BASIS_POINTS) as i64;
    let for_areas = pot - citywide;
    let floors_needed = rules.floor_cents.max(0) as i128 * areas.len() as i128;
    if floors_needed > for_areas as i128 {
        return Err(SplitError::FloorsExceedPot {
            needed: floors_needed.min(i64::MAX as i128) as i64,
            available: for_areas,
        });
    }
    let rest = for_areas - floors_needed as i64;
    let weights: Vec<i128> = areas
        .iter()
        .map(|a| weight(a, rules.allocation, rules.alpha_ppm))
        .collect();
    let total_weight: i128 = weights.iter().sum();
    if total_weight == 0 && rest > 0 {
        return Err(SplitError::NoWeight);
    }
    let mut shares: Vec<AreaShare> = areas
        .iter()
        .zip(&weights)
        .map(|(area, &w)| {
            let (whole, remainder) = if total_weight == 0 {
                (0, 0)
            } else {
                let exact = rest as i128 * w;
                (exact / total_weight, exact % total_weight)
            };
            let floor_part = rules.floor_cents.max(0) + whole as i64;
            AreaShare {
                area_id: area.area_id,
                code: area.code.clone(),
                weight: w,
                floor_part_cents: floor_part,
                remainder,
                extra_cent: 0,
                amount_cents: floor_part,
            }
        })
        .collect();
    let handed_out: i64 = shares.iter().map(|s| s.floor_part_cents).sum::<i64>() + citywide;
    let leftover = (pot - handed_out) as usize;
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        shares[b]
            .remainder
            .cmp(&shares[a].remainder)
            .then_with(|| shares[a].code.cmp(&shares[b].code))
    });
    for &index in order.iter().take(leftover) {
        shares[index].extra_cent = 1;
        shares[index].amount_cents += 1;
    }
    Ok(Split {
        pot_cents: pot,
        citywide_cents: citywide,
        weighted_rest_cents: rest,
        total_weight,
        areas: shares,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn area(id: i64, code: &str, population: i64, deprivation_ppm: i64) -> AreaInput {
        AreaInput {
            area_id: id,
            code: code.into(),
            population,
            deprivation_ppm,
        }
    }

    fn rules(allocation: Allocation) -> SplitRules {
        SplitRules {
            base_cents: 1_000_000_00,
            reserved_bp: 100,
            citywide_bp: 2000,
            allocation,
            alpha_ppm: 1_000_000,
            floor_cents: 0,
        }
    }

    #[test]
    fn a_worked_example_adds_up_to_the_cent() {
        // base €1,000,000 × 1% = €10,000 pot; 20% city-wide = €2,000; €8,000 for three areas.
        let areas = [
            area(1, "A", 1000, 0),
            area(2, "B", 2000, 500_000),
            area(3, "C", 1000, 1_000_000),
        ];
        let split = split(&rules(Allocation::NeedsWeighted), &areas).unwrap();
        assert_eq!(split.pot_cents, 1_000_000);
        assert_eq!(split.citywide_cents, 200_000);
        // weights 1000×1, 2000×1.5, 1000×2 = 1000 : 3000 : 2000
        let amounts: Vec<i64> = split.areas.iter().map(|a| a.amount_cents).collect();
        assert_eq!(amounts, vec![133_333, 400_000, 266_667]);
        assert_eq!(
            amounts.iter().sum::<i64>() + split.citywide_cents,
            split.pot_cents
        );
    }

    #[test]
    fn ties_in_remainders_go_by_area_code() {
        let areas = [area(1, "B", 1, 0), area(2, "A", 1, 0), area(3, "C", 1, 0)];
        let mut r = rules(Allocation::Equal);
        r.base_cents = 100;
        r.reserved_bp = 10_000;
        r.citywide_bp = 0;
        let split = split(&r, &areas).unwrap();
        let amounts: Vec<(String, i64)> = split
            .areas
            .iter()
            .map(|a| (a.code.clone(), a.amount_cents))
            .collect();
        assert_eq!(
            amounts,
            vec![("B".into(), 33), ("A".into(), 34), ("C".into(), 33)]
        );
    }

    #[test]
    fn floors_that_do_not_fit_are_an_error() {
        let mut r = rules(Allocation::Equal);
        r.floor_cents = 500_000;
        assert!(matches!(
            split(&r, &[area(1, "A", 1, 0), area(2, "B", 1, 0)]),
            Err(SplitError::FloorsExceedPot { .. })
        ));
    }

    fn arb_areas() -> impl Strategy<Value = Vec<AreaInput>> {
        prop::collection::vec((0i64..2_000_000, 0i64..=1_000_000), 1..30).prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (pop, dep))| {
                    area(
                        i as i64 + 1,
                        &format!("W{:03}", (i * 7919) % 1000),
                        pop,
                        dep,
                    )
                })
                .collect()
        })
    }

    fn arb_rules() -> impl Strategy<Value = SplitRules> {
        (
            0i64..10_000_000_000_00,
            1i32..=10_000,
            0i32..=10_000,
            prop_oneof![
                Just(Allocation::Equal),
                Just(Allocation::PerCapita),
                Just(Allocation::NeedsWeighted)
            ],
            0i64..10_000_000,
            0i64..1_000_00,
        )
            .prop_map(
                |(base, reserved, citywide, allocation, alpha, floor)| SplitRules {
                    base_cents: base,
                    reserved_bp: reserved,
                    citywide_bp: citywide,
                    allocation,
                    alpha_ppm: alpha,
                    floor_cents: floor,
                },
            )
    }

    proptest! {
        #[test]
        fn envelopes_add_up_to_the_pot_never_go_negative_and_respect_the_floor(
            rules in arb_rules(),
            areas in arb_areas(),
        ) {
            if let Ok(split) = split(&rules, &areas) {
                let total: i64 = split.areas.iter().map(|a| a.amount_cents).sum::<i64>() + split.citywide_cents;
                prop_assert_eq!(total, split.pot_cents);
                prop_assert!(split.citywide_cents >= 0);
                for share in &split.areas {
                    prop_assert!(share.amount_cents >= rules.floor_cents);
                    prop_assert!(share.amount_cents >= 0);
                }
            }
        }

        #[test]
        fn more_population_never_means_less_money(
            rules in arb_rules(),
            areas in arb_areas(),
            extra in 1i64..100_000,
            which in any::<prop::sample::Index>(),
        ) {
            prop_assume!(rules.allocation != Allocation::Equal);
            let i = which.index(areas.len());
            let mut grown = areas.clone();
            grown[i].population += extra;
            if let (Ok(before), Ok(after)) = (split(&rules, &areas), split(&rules, &grown)) {
                prop_assert!(after.areas[i].amount_cents >= before.areas[i].amount_cents);
            }
        }

        #[test]
        fn more_deprivation_never_means_less_money_when_needs_weighted(
            mut rules in arb_rules(),
            areas in arb_areas(),
            which in any::<prop::sample::Index>(),
            extra in 1i64..1_000_000,
        ) {
            rules.allocation = Allocation::NeedsWeighted;
            let i = which.index(areas.len());
            let mut poorer = areas.clone();
            poorer[i].deprivation_ppm = (poorer[i].deprivation_ppm + extra).min(1_000_000);
            if let (Ok(before), Ok(after)) = (split(&rules, &areas), split(&rules, &poorer)) {
                prop_assert!(after.areas[i].amount_cents >= before.areas[i].amount_cents);
            }
        }

        #[test]
        fn alpha_zero_equals_per_capita(mut rules in arb_rules(), areas in arb_areas()) {
            rules.allocation = Allocation::NeedsWeighted;
            rules.alpha_ppm = 0;
            let needs = split(&rules, &areas);
            rules.allocation = Allocation::PerCapita;
            let per_capita = split(&rules, &areas);
            let amounts = |s: Result<Split, SplitError>| s.map(|s| s.areas.iter().map(|a| a.amount_cents).collect::<Vec<_>>());
            prop_assert_eq!(amounts(needs), amounts(per_capita));
        }
    }
}

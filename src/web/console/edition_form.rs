//! The edition settings form as typed, read into the service's input: amounts and percentages
//! as residents type them, the areas ticked, categories one per line, the planned phases.

use chrono::NaiveDateTime;

use super::editions::{SCHEDULED, TYPED_MOMENT};
use crate::domain::envelope::Allocation;
use crate::error::{ApiError, FieldError};
use crate::service::editions::{EditionDetail, EditionInput, Schedule};
use crate::web::page::{Field, Page};
use crate::web::write::{cents, typed_amount};

/// What the settings form holds, as typed.
#[derive(Default)]
pub(super) struct EditionForm {
    pub(super) name: String,
    pub(super) fiscal_year: String,
    pub(super) base: String,
    pub(super) reserved: String,
    pub(super) citywide: String,
    pub(super) allocation: String,
    pub(super) alpha: String,
    pub(super) floor: String,
    /// One category per line: `code; name`.
    pub(super) categories: String,
    pub(super) areas: Vec<i64>,
    /// The planned start of each phase of `SCHEDULED`.
    pub(super) schedule: [String; 7],
    /// The version the form was read at, so a change made meanwhile is not overwritten.
    pub(super) version: String,
    /// `preview` shows the envelopes without saving.
    pub(super) step: String,
    pub(super) csrf_token: String,
}

impl EditionForm {
    pub(super) fn of(page: &Page, detail: &EditionDetail) -> Self {
        let e = &detail.edition;
        let planned = [
            e.ideas_at,
            e.support_at,
            e.review_at,
            e.voting_at,
            e.decision_at,
            e.implementation_at,
            e.closed_at,
        ];
        Self {
            name: e.name.clone(),
            fiscal_year: e.fiscal_year.to_string(),
            base: typed_amount(page, e.base_cents),
            reserved: typed_amount(page, e.reserved_bp.into()),
            citywide: typed_amount(page, e.citywide_bp.into()),
            allocation: e.allocation.as_str().into(),
            alpha: (e.alpha_ppm as f64 / 1_000_000.0).to_string(),
            floor: typed_amount(page, e.floor_cents),
            categories: detail
                .categories
                .iter()
                .map(|(code, name)| format!("{code}; {name}"))
                .collect::<Vec<_>>()
                .join("\n"),
            areas: detail.area_ids.clone(),
            schedule: planned.map(|at| {
                at.map(|at| at.format(TYPED_MOMENT).to_string())
                    .unwrap_or_default()
            }),
            version: e.updated_at.format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
            ..Self::default()
        }
    }

    pub(super) fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "name" => form.name = value,
                "fiscal_year" => form.fiscal_year = value,
                "base" => form.base = value,
                "reserved" => form.reserved = value,
                "citywide" => form.citywide = value,
                "allocation" => form.allocation = value,
                "alpha" => form.alpha = value,
                "floor" => form.floor = value,
                "categories" => form.categories = value,
                "area" => form.areas.extend(value.parse::<i64>().ok()),
                "version" => form.version = value,
                "step" => form.step = value,
                "csrf_token" => form.csrf_token = value,
                other => {
                    if let Some(phase) = other.strip_prefix("schedule-")
                        && let Some(at) = SCHEDULED.iter().position(|p| p.as_str() == phase)
                    {
                        form.schedule[at] = value;
                    }
                }
            }
        }
        form
    }

    /// The input for the service, or every value typed in a way that is not a number or date.
    /// Once the money rules are frozen they are left out, so the rest can still change.
    pub(super) fn input(&self, money_frozen: bool) -> Result<EditionInput, ApiError> {
        let mut errors = Vec::new();
        let mut amount = |typed: &str, field: &'static str| {
            cents(typed).or_else(|| {
                errors.push(FieldError::new(field, t!("site-write-cost-words")));
                None
            })
        };
        let base_cents = amount(&self.base, "base_cents");
        let reserved_bp = amount(&self.reserved, "reserved_bp").map(|bp| bp as i32);
        let citywide_bp = match self.citywide.trim() {
            "" => Some(0),
            typed => amount(typed, "citywide_bp").map(|bp| bp as i32),
        };
        let floor_cents = match self.floor.trim() {
            "" => Some(0),
            typed => amount(typed, "floor_cents"),
        };
        let fiscal_year = self.fiscal_year.trim().parse::<i32>().ok();
        if fiscal_year.is_none() {
            errors.push(FieldError::new(
                "fiscal_year",
                t!("site-edition-year-words"),
            ));
        }
        let allocation = Allocation::parse(&self.allocation);
        if allocation.is_none() {
            errors.push(FieldError::new(
                "allocation",
                t!("site-edition-choose-allocation"),
            ));
        }
        let alpha = match self.alpha.trim() {
            "" => Some(0.0),
            typed => typed.replace(',', ".").parse::<f64>().ok(),
        };
        if alpha.is_none() {
            errors.push(FieldError::new(
                "alpha",
                t!("number-between", min = 0, max = 100),
            ));
        }
        let mut categories = Vec::new();
        for (i, line) in self
            .categories
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
        {
            match line.split_once(';') {
                Some((code, name)) => categories.push((code.trim().into(), name.trim().into())),
                None => errors.push(FieldError::new(
                    format!("categories[{i}]"),
                    t!("site-edition-category-words"),
                )),
            }
        }
        let mut planned: [Option<NaiveDateTime>; 7] = [None; 7];
        for (at, typed) in self.schedule.iter().enumerate() {
            if typed.trim().is_empty() {
                continue;
            }
            match NaiveDateTime::parse_from_str(typed.trim(), TYPED_MOMENT) {
                Ok(moment) => planned[at] = Some(moment),
                Err(_) => errors.push(FieldError::new(
                    format!("schedule.{}", SCHEDULED[at].as_str()),
                    t!("site-edition-moment-words"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        let [
            ideas,
            support,
            review,
            voting,
            decision,
            implementation,
            closed,
        ] = planned;
        let money = !money_frozen;
        Ok(EditionInput {
            read_version: NaiveDateTime::parse_from_str(&self.version, "%Y-%m-%dT%H:%M:%S%.f").ok(),
            name: Some(self.name.clone()),
            fiscal_year,
            base_cents: base_cents.filter(|_| money),
            reserved_bp: reserved_bp.filter(|_| money),
            citywide_bp: citywide_bp.filter(|_| money),
            allocation: allocation.filter(|_| money),
            alpha: alpha.filter(|_| money),
            floor_cents: floor_cents.filter(|_| money),
            area_ids: Some(self.areas.clone()).filter(|_| money),
            categories: Some(categories),
            schedule: Some(Schedule {
                ideas,
                support,
                review,
                voting,
                decision,
                implementation,
                closed,
            }),
            ..EditionInput::default()
        })
    }
}

pub(super) fn fields() -> Vec<Field> {
    let mut fields = vec![
        Field::input("name", t!("site-edition-name")),
        Field::input("fiscal_year", t!("site-edition-year")),
        Field {
            name: "base_cents",
            label: t!("site-edition-base"),
            input: Some("base"),
        },
        Field {
            name: "reserved_bp",
            label: t!("site-edition-reserved"),
            input: Some("reserved"),
        },
        Field {
            name: "citywide_bp",
            label: t!("site-edition-citywide-share"),
            input: Some("citywide"),
        },
        Field {
            name: "allocation",
            label: t!("site-edition-allocation"),
            input: Some("allocation-equal"),
        },
        Field::input("alpha", t!("site-edition-alpha")),
        Field {
            name: "floor_cents",
            label: t!("site-edition-floor"),
            input: Some("floor"),
        },
        Field {
            name: "area_ids",
            label: t!("site-edition-areas"),
            input: Some("areas"),
        },
        Field::input("categories", t!("site-edition-categories")),
    ];
    let inputs = [
        ("schedule.ideas", "schedule-ideas"),
        ("schedule.support", "schedule-support"),
        ("schedule.review", "schedule-review"),
        ("schedule.voting", "schedule-voting"),
        ("schedule.decision", "schedule-decision"),
        ("schedule.implementation", "schedule-implementation"),
        ("schedule.closed", "schedule-closed"),
    ];
    fields.extend(inputs.into_iter().map(|(name, input)| Field {
        name,
        label: t!("site-edition-schedule"),
        input: Some(input),
    }));
    fields
}

//! Roles beyond `resident`, which every account has.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Gebiedswerker: verifies residents and moderates proposals in the areas of the grant.
    AreaWorker,
    /// Checks feasibility for one department.
    Reviewer,
    /// Decides on outcomes.
    Council,
    /// Links funded proposals to the budget and follows spending.
    Finance,
    /// Runs the platform.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::AreaWorker,
        Role::Reviewer,
        Role::Council,
        Role::Finance,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::AreaWorker => "area_worker",
            Role::Reviewer => "reviewer",
            Role::Council => "council",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}

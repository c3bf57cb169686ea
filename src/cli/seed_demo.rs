//! `wijkbudget seed-demo`: a demo city in an empty database, with an edition in every phase,
//! so a new user sees the whole cycle through the API at once.

mod discussion;

use chrono::TimeDelta;

use crate::auth::caller::Caller;
use crate::auth::password::{self, Password};
use crate::db::DbConnection;
use crate::domain::ballot::{BallotType, Choices};
use crate::domain::envelope::Allocation;
use crate::domain::finance::{FundingKind, MilestoneStatus};
use crate::domain::phase::Phase;
use crate::domain::proposal::ProposalState;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult};
use crate::service::{
    accounts, areas, ballots, decisions, departments, editions, finance, proposals, residency,
    roles, rounds,
};

pub const ADMIN_EMAIL: &str = "admin@demo.wijkbudget.example";
pub const PASSWORD: &str = "demo wachtwoord voor de wijk";
const URL: &str = "http://127.0.0.1:8080";

/// (code, name, population, deprivation index)
const AREAS: [(&str, &str, i64, f64); 5] = [
    ("BRUG", "Brugse Poort", 18_400, 0.71),
    ("MUIDE", "Muide-Meulestede", 9_100, 0.64),
    ("STAM", "Sint-Amandsberg", 27_300, 0.38),
    ("ZWIJN", "Zwijnaarde", 7_800, 0.12),
    ("CENT", "Binnenstad", 24_600, 0.25),
];

/// Rough outlines of the demo areas (longitude, latitude), in the order of `AREAS`, drawn by
/// hand so that the site's map has something to show; neighbours share their corners.
#[rustfmt::skip]
const OUTLINES: [&[(f64, f64)]; 5] = [
    &[(3.690, 51.050), (3.712, 51.046), (3.710, 51.056), (3.722, 51.062), (3.700, 51.066), (3.688, 51.060)],
    &[(3.722, 51.062), (3.740, 51.058), (3.752, 51.072), (3.736, 51.086), (3.716, 51.080), (3.700, 51.066)],
    &[(3.738, 51.044), (3.764, 51.048), (3.772, 51.064), (3.752, 51.072), (3.740, 51.058)],
    &[(3.694, 51.030), (3.734, 51.024), (3.738, 51.044), (3.712, 51.046), (3.690, 51.050)],
    &[(3.712, 51.046), (3.738, 51.044), (3.740, 51.058), (3.722, 51.062), (3.710, 51.056)],
];

/// An outline as a GeoJSON polygon, its ring closed.
fn polygon(corners: &[(f64, f64)]) -> serde_json::Value {
    let mut ring: Vec<[f64; 2]> = corners.iter().map(|&(lon, lat)| [lon, lat]).collect();
    ring.extend(ring.first().copied());
    serde_json::json!({"type": "Polygon", "coordinates": [ring]})
}

const IDEAS: [(&str, &str, i64); 6] = [
    (
        "Speelstraat met groen",
        "Een autoluwe straat met plantenbakken en speeltoestellen.",
        18_000_00,
    ),
    (
        "Buurtmoestuin",
        "Een gedeelde moestuin op het braakliggende terrein achter de school.",
        9_500_00,
    ),
    (
        "Zitbanken langs de Leie",
        "Tien zitbanken en twee picknicktafels langs het jaagpad.",
        7_200_00,
    ),
    (
        "Fietsherstelpunt",
        "Een vast fietsherstelpunt met gereedschap, open voor iedereen.",
        5_400_00,
    ),
    (
        "Muurschildering",
        "Een muurschildering door jongeren uit de buurt op de blinde gevel.",
        12_000_00,
    ),
    (
        "Deelkeuken",
        "Een ingerichte keuken in het buurthuis voor kookactiviteiten.",
        21_000_00,
    ),
];

struct Demo {
    admin: Caller,
    hash: String,
    areas: Vec<i64>,
    residents: Vec<Vec<i64>>,
    users: usize,
    last_email: String,
    /// Each account a tester signs in with and what it may do, for the summary.
    accounts: Vec<(String, String)>,
}

/// Where a demo role applies.
#[derive(Clone, Copy)]
enum Scope {
    City,
    /// The area at this index of `AREAS`.
    Area(usize),
    Department(&'static str),
}

/// The city staff who act in the demo, each holding the permit for their work.
struct Staff {
    reviewer: proposals::ReviewDesk,
    council: decisions::CouncilSeat,
    finance: finance::FinanceDesk,
}

impl Demo {
    fn user(&mut self, conn: &mut DbConnection, name: &str, area: Option<i64>) -> ApiResult<i64> {
        self.users += 1;
        let email = format!(
            "{}{}@demo.wijkbudget.example",
            name.to_lowercase().replace(' ', "."),
            self.users
        );
        self.last_email = email.clone();
        let user_id = accounts::create_vouched(
            conn,
            accounts::VouchedAccount {
                email: &email,
                password_hash: &self.hash,
                display_name: name,
                birth_date: Some("1980-05-01"),
                claimed_area_id: area,
            },
        )?;
        if let Some(area) = area {
            residency::verify(conn, &self.admin, user_id, area, "census")?;
        }
        Ok(user_id)
    }

    /// A resident who says they live in an area and waits for its area worker to verify it.
    fn claimant(&mut self, conn: &mut DbConnection, name: &str, area: usize) -> ApiResult<()> {
        self.users += 1;
        let email = format!(
            "{}{}@demo.wijkbudget.example",
            name.to_lowercase().replace(' ', "."),
            self.users
        );
        accounts::create_vouched(
            conn,
            accounts::VouchedAccount {
                email: &email,
                password_hash: &self.hash,
                display_name: name,
                birth_date: Some("1990-09-01"),
                claimed_area_id: Some(self.areas[area]),
            },
        )?;
        let code = AREAS[area].0;
        self.accounts.push((
            email,
            format!("waiting for the area worker of {code} to verify where they live"),
        ));
        Ok(())
    }

    fn role(
        &mut self,
        conn: &mut DbConnection,
        name: &str,
        role: Role,
        scope: Scope,
    ) -> ApiResult<Caller> {
        let id = self.user(conn, name, None)?;
        let (area_id, department) = match scope {
            Scope::City => (None, None),
            Scope::Area(index) => (Some(self.areas[index]), None),
            Scope::Department(code) => (None, Some(code.to_string())),
        };
        roles::grant(
            conn,
            &self.admin,
            id,
            roles::GrantRequest {
                role,
                area_id,
                department: department.clone(),
            },
        )?;
        let what = match scope {
            Scope::City => role.as_str().to_string(),
            Scope::Area(index) => format!("{} of area {}", role.as_str(), AREAS[index].0),
            Scope::Department(code) => format!("{} of department {code}", role.as_str()),
        };
        self.accounts.push((self.last_email.clone(), what));
        accounts::caller_of_user(conn, id)
    }
}

fn advance(conn: &mut DbConnection, demo: &Demo, edition: i64, to: Phase) -> ApiResult<()> {
    editions::change_phase(conn, &demo.admin, edition, to, None, URL)?;
    Ok(())
}

/// Fills an empty database; returns a summary of what it made. Ballots are stored under the
/// service's own pseudonym secret, so the demo voters find them again.
pub fn seed(
    conn: &mut DbConnection,
    pseudonym_secret: &crate::config::SecretKey,
) -> ApiResult<String> {
    if accounts::any_account(conn)? {
        return Err(ApiError::new(
            crate::error::ErrorCode::Conflict,
            t!("seed-demo-fills-an-empty-database-this"),
        ));
    }
    let mut demo = city(conn)?;
    departments::create(conn, &demo.admin, "groen", "Groendienst")?;
    let staff = Staff {
        reviewer: proposals::ReviewDesk::open(demo.role(
            conn,
            "Dienst Groen",
            Role::Reviewer,
            Scope::Department("groen"),
        )?)?,
        council: decisions::CouncilSeat::open(demo.role(
            conn,
            "Raadslid",
            Role::Council,
            Scope::City,
        )?)?,
        finance: finance::FinanceDesk::open(demo.role(
            conn,
            "Financien",
            Role::Finance,
            Scope::City,
        )?)?,
    };
    demo.role(conn, "Wijkwerker", Role::AreaWorker, Scope::Area(0))?;
    let phases = [
        Phase::Draft,
        Phase::Ideas,
        Phase::Support,
        Phase::Review,
        Phase::Voting,
        Phase::Decision,
        Phase::Implementation,
        Phase::Closed,
    ];
    let mut made = Vec::new();
    for (index, target) in phases.into_iter().enumerate() {
        let year = 2020 + index as i32;
        let edition = edition_in_phase(conn, &demo, &staff, pseudonym_secret, year, target)?;
        made.push(format!(
            "edition {edition} \"Wijkbudget {year}\" in phase {}",
            target.as_str()
        ));
    }
    for name in ["Nieuwe buur", "Nieuwe buurvrouw"] {
        demo.claimant(conn, name, 0)?;
    }
    let accounts: Vec<String> = std::iter::once((ADMIN_EMAIL.to_string(), "admin".to_string()))
        .chain(demo.accounts.iter().cloned())
        .map(|(email, what)| format!("  {email:<44} {what}"))
        .collect();
    Ok(format!(
        "demo city made: {} areas, {} accounts, {}\nevery demo account has the password \"{PASSWORD}\"; sign in as:\n{}",
        demo.areas.len(),
        demo.users + 1,
        made.join("; "),
        accounts.join("\n")
    ))
}

/// The administrator, the areas and twelve verified residents in each.
fn city(conn: &mut DbConnection) -> ApiResult<Demo> {
    let (accounts::AdminCreated::NewAccount(admin_id)
    | accounts::AdminCreated::ExistingAccountPromoted(admin_id)) =
        accounts::create_admin(conn, ADMIN_EMAIL, PASSWORD)?;
    let admin = accounts::caller_of_user(conn, admin_id)?;
    let hash = password::hash(
        &Password::parse(PASSWORD, &[]).map_err(ApiError::internal)?,
        &mut password::HashMemory::default(),
    )
    .map_err(ApiError::internal)?;
    let mut demo = Demo {
        admin,
        hash,
        areas: Vec::new(),
        residents: Vec::new(),
        users: 0,
        last_email: String::new(),
        accounts: Vec::new(),
    };
    for ((code, name, population, deprivation), outline) in AREAS.into_iter().zip(OUTLINES) {
        let area = areas::create(
            conn,
            &demo.admin,
            areas::NewArea {
                code: code.into(),
                name: name.into(),
                parent_id: None,
                population,
                deprivation_index: deprivation,
                geometry: Some(polygon(outline)),
            },
        )?;
        demo.areas.push(area.id);
    }
    for (i, (code, ..)) in AREAS.iter().enumerate() {
        let area = demo.areas[i];
        let mut ids = Vec::new();
        for n in 0..12 {
            ids.push(demo.user(
                conn,
                &format!("Bewoner {}", code.to_lowercase()),
                Some(area),
            )?);
            if n == 0 {
                let first = demo.last_email.clone();
                demo.accounts.push((
                    first,
                    format!("resident of area {code}, verified (and 11 more, numbered on)"),
                ));
            }
        }
        demo.residents.push(ids);
    }
    Ok(demo)
}

/// One edition of the demo, taken through every phase up to `target` the way a city would.
fn edition_in_phase(
    conn: &mut DbConnection,
    demo: &Demo,
    staff: &Staff,
    pseudonym_secret: &crate::config::SecretKey,
    year: i32,
    target: Phase,
) -> ApiResult<i64> {
    let edition = create_edition(conn, demo, year)?;
    if target == Phase::Draft {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Ideas)?;
    let proposal_ids = write_ideas(conn, demo, edition)?;
    if target == Phase::Ideas {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Support)?;
    support_ideas(conn, demo, &proposal_ids)?;
    discussion::discuss(conn, demo, staff, proposal_ids[0])?;
    if target == Phase::Support {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Review)?;
    review_ideas(conn, demo, staff, &proposal_ids, target == Phase::Review)?;
    if target == Phase::Review {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Voting)?;
    let round = vote(conn, demo, pseudonym_secret, edition)?;
    if target == Phase::Voting {
        return Ok(edition);
    }
    rounds::close(
        conn,
        pseudonym_secret,
        Some(&demo.admin),
        (round, Some("the demo city counts at once")),
        URL,
    )?;
    advance(conn, demo, edition, Phase::Decision)?;
    decide(conn, staff, round, year)?;
    // The plan and its line exist once the council decides, so finance can fund the approved
    // proposals of the edition still in its decision phase.
    let line = budget_line(conn, staff, year)?;
    if target == Phase::Decision {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Implementation)?;
    implement(conn, demo, staff, &proposal_ids, line, year)?;
    if target == Phase::Implementation {
        return Ok(edition);
    }
    advance(conn, demo, edition, Phase::Closed)?;
    Ok(edition)
}

fn create_edition(conn: &mut DbConnection, demo: &Demo, year: i32) -> ApiResult<i64> {
    let detail = editions::create(
        conn,
        &demo.admin,
        editions::EditionInput {
            name: Some(format!("Wijkbudget {year}")),
            fiscal_year: Some(year),
            base_cents: Some(40_000_000_00),
            reserved_bp: Some(50),
            citywide_bp: Some(1500),
            allocation: Some(Allocation::NeedsWeighted),
            alpha: Some(1.0),
            floor_cents: Some(10_000_00),
            area_ids: Some(demo.areas.clone()),
            categories: Some(vec![
                ("groen".into(), "Groen en natuur".into()),
                ("samen".into(), "Samenleven".into()),
            ]),
            min_cost_cents: Some(1_000_00),
            max_cost_cents: Some(Some(25_000_00)),
            support_threshold: Some(3),
            max_proposals_per_resident: Some(Some(3)),
            report_threshold: Some(Some(5)),
            ..Default::default()
        },
    )?;
    Ok(detail.edition.id)
}

/// Proposals for the first area: its residents write them.
fn write_ideas(conn: &mut DbConnection, demo: &Demo, edition: i64) -> ApiResult<Vec<i64>> {
    let area = demo.areas[0];
    let mut proposal_ids = Vec::new();
    for (n, (title, summary, cost)) in IDEAS.iter().enumerate() {
        let author = accounts::caller_of_user(conn, demo.residents[0][n % 3])?;
        let p = proposals::create(
            conn,
            &author,
            edition,
            proposals::Draft {
                area_id: Some(area),
                title: (*title).into(),
                summary: (*summary).into(),
                body: format!(
                    "## {title}\n\n{summary}\n\nWe vragen de stad om dit samen met de buurt uit te voeren."
                ),
                category: Some(if n % 2 == 0 { "groen" } else { "samen" }.into()),
                estimated_cost_cents: *cost,
                cost_lines: vec![],
                location: None,
                coauthor_ids: vec![],
                language: None,
            },
        )?;
        proposals::submit(conn, &author, p.id, URL)?;
        proposal_ids.push(p.id);
    }
    Ok(proposal_ids)
}

fn support_ideas(conn: &mut DbConnection, demo: &Demo, proposal_ids: &[i64]) -> ApiResult<()> {
    for (n, id) in proposal_ids.iter().enumerate() {
        // The last idea gets too little support and expires.
        let supporters = if n == proposal_ids.len() - 1 {
            1
        } else {
            4 + n
        };
        for resident in demo.residents[0].iter().take(supporters) {
            let c = accounts::caller_of_user(conn, *resident)?;
            proposals::support(conn, &c, *id)?;
        }
    }
    Ok(())
}

/// Assigns every proposal that reached the threshold to the green department and reviews them;
/// with `leave_one_waiting` the last stays assigned and unreviewed, work for the reviewer.
fn review_ideas(
    conn: &mut DbConnection,
    demo: &Demo,
    staff: &Staff,
    proposal_ids: &[i64],
    leave_one_waiting: bool,
) -> ApiResult<()> {
    let reviewable = proposal_ids.len() - 1;
    for (n, id) in proposal_ids.iter().enumerate().take(reviewable) {
        proposals::assign_review(conn, &demo.admin, *id, "groen")?;
        if leave_one_waiting && n + 1 == reviewable {
            break;
        }
        let feasible = n != 4;
        proposals::review(
            conn,
            &staff.reviewer,
            *id,
            proposals::ReviewInput {
                feasible,
                public_explanation: if feasible {
                    "Uitvoerbaar op openbaar domein.".into()
                } else {
                    "De gevel is geen eigendom van de stad.".into()
                },
                reviewed_cost_cents: feasible.then_some(IDEAS[n].2 + 500_00),
                reviewed_cost_lines: if feasible {
                    vec![
                        ("Uitvoering volgens de raming".into(), IDEAS[n].2),
                        ("Werfsignalisatie en toezicht".into(), 500_00),
                    ]
                } else {
                    Vec::new()
                },
                internal_notes: Some("Afgestemd met de buurtregisseur.".into()),
            },
            URL,
        )?;
    }
    Ok(())
}

/// Opens the first area's round and lets its residents vote; returns the round.
fn vote(
    conn: &mut DbConnection,
    demo: &Demo,
    pseudonym_secret: &crate::config::SecretKey,
    edition: i64,
) -> ApiResult<i64> {
    let area = demo.areas[0];
    let now = crate::clock::now();
    let round = rounds::create(
        conn,
        &demo.admin,
        edition,
        Some(area),
        rounds::RoundInput {
            ballot_type: Some(BallotType::Approval),
            max_choices: Some(Some(3)),
            rule: Some("equalshares/add1".into()),
            opens_at: Some(now - TimeDelta::minutes(5)),
            closes_at: Some(now + TimeDelta::days(14)),
            ..Default::default()
        },
    )?;
    rounds::open(conn, Some(&demo.admin), round.id, URL)?;
    let on_ballot = rounds::detail(conn, round.id)?.projects;
    for (n, resident) in demo.residents[0].clone().iter().enumerate() {
        let c = accounts::caller_of_user(conn, *resident)?;
        let choice: Vec<i64> = [n % on_ballot.len(), (n * 2 + 1) % on_ballot.len()]
            .iter()
            .map(|&i| on_ballot[i].proposal_id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        ballots::put(
            conn,
            pseudonym_secret,
            &c,
            round.id,
            Choices::ProjectIds(choice),
        )?;
    }
    Ok(round.id)
}

fn decide(conn: &mut DbConnection, staff: &Staff, round: i64, year: i32) -> ApiResult<()> {
    decisions::decide(
        conn,
        &staff.council,
        round,
        decisions::DecisionInput {
            kind: decisions::Kind::Approve,
            council_session: format!("Gemeenteraad {year}-06-23, punt 12"),
            decided_on: format!("{year}-06-23"),
            add: vec![],
            remove: vec![],
            over_envelope_reason: None,
        },
        URL,
    )?;
    Ok(())
}

/// The multi-year plan with one action and the budget line the demo's proposals are funded on.
fn budget_line(conn: &mut DbConnection, staff: &Staff, year: i32) -> ApiResult<i64> {
    let plan = finance::create_plan(
        conn,
        &staff.finance,
        finance::PlanInput {
            kind: "mjp".into(),
            name: format!("Meerjarenplan {year}"),
            first_year: year,
            last_year: year + 5,
            council_decision_date: Some(format!("{}-12-18", year - 1)),
        },
    )?;
    let objective = finance::add_plan_item(
        conn,
        &staff.finance,
        finance::Level::Objective,
        plan.id,
        "BD1",
        "Buurten waar het goed leven is",
        false,
    )?;
    let action_plan = finance::add_plan_item(
        conn,
        &staff.finance,
        finance::Level::ActionPlan,
        objective,
        "AP1.1",
        "Bewonersparticipatie",
        false,
    )?;
    let action = finance::add_plan_item(
        conn,
        &staff.finance,
        finance::Level::Action,
        action_plan,
        "A1.1.1",
        "Wijkbudget",
        true,
    )?;
    finance::add_ledger_account(
        conn,
        &staff.finance,
        "6493000",
        "Werkingssubsidies aan verenigingen",
    )?;
    finance::add_ledger_account(
        conn,
        &staff.finance,
        "2240000",
        "Installaties, machines en uitrusting",
    )?;
    let line = finance::add_line(
        conn,
        &staff.finance,
        finance::LineInput {
            plan_version_id: plan.id,
            fiscal_year: year,
            action_id: action,
            policy_field_code: "0680".into(),
            ledger_account_code: "2240000".into(),
            planned_cents: 200_000_00,
        },
    )?;
    Ok(line.id)
}

/// Funds every approved proposal, commits and half spends it, and records a milestone.
fn implement(
    conn: &mut DbConnection,
    demo: &Demo,
    staff: &Staff,
    proposal_ids: &[i64],
    line: i64,
    year: i32,
) -> ApiResult<()> {
    for id in proposal_ids {
        if proposals::read::get(conn, *id, Some(&demo.admin))?.state != ProposalState::Approved {
            continue;
        }
        let cost = finance::approved_cost(conn, *id)?;
        let funding = finance::fund(
            conn,
            &staff.finance,
            *id,
            line,
            cost,
            FundingKind::OwnExecution,
        )?;
        finance::advance(conn, &staff.finance, *id, ProposalState::Funded)?;
        let commitment = finance::commit(
            conn,
            &staff.finance,
            funding.id,
            finance::CommitmentInput {
                erp_reference: format!("PO-{year}-{id}"),
                date: format!("{year}-09-01"),
                amount_cents: cost,
                third_party: "Groenaannemer BV".into(),
                overrun_reason: None,
            },
        )?;
        finance::spend(
            conn,
            &staff.finance,
            commitment.id,
            finance::ExpenditureInput {
                reference: format!("F-{year}-{id}"),
                date: format!("{year}-11-15"),
                amount_cents: cost / 2,
                overrun_reason: None,
            },
        )?;
        finance::advance(conn, &staff.finance, *id, ProposalState::InProgress)?;
        finance::add_milestone(
            conn,
            &staff.finance,
            *id,
            finance::MilestoneInput {
                title: "Werken gestart".into(),
                status: MilestoneStatus::InProgress,
                progress_pct: 40,
                date: Some(format!("{year}-10-01")),
                note: Some("Eerste fase klaar.".into()),
            },
            URL,
        )?;
    }
    Ok(())
}

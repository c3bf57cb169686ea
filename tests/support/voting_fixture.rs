//! An edition in the voting phase with one open round and verified residents, written straight
//! into the database; shared by the ballot benchmark and the crash-safety harness.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::TimeDelta;
use wijkbudget::auth::caller::Caller;
use wijkbudget::db::{self, DbConnection};
use wijkbudget::domain::ballot::BallotType;
use wijkbudget::domain::envelope::Allocation;
use wijkbudget::domain::phase::Phase;
use wijkbudget::service::{accounts, areas, departments, editions, proposals, rounds};
use wijkbudget::store;

pub const PASSWORD: &str = "benchmark voters walk to the polls";

/// What the fixture made: the open round, its projects and the voters (id, e-mail).
pub struct VotingRound {
    pub round_id: i64,
    pub project_ids: Vec<i64>,
    pub voters: Vec<(i64, String)>,
}

pub fn caller(conn: &mut DbConnection, user_id: i64) -> Caller {
    Caller {
        user: store::users::find(conn, user_id).unwrap().unwrap(),
        session_id: String::new(),
        grants: store::roles::for_user(conn, user_id).unwrap(),
        residency: store::residency::find(conn, user_id).unwrap(),
        client: None,
    }
}

pub fn resident(conn: &mut DbConnection, hash: &str, email: &str, area: i64) -> i64 {
    let now = wijkbudget::clock::now();
    let user = store::users::insert(
        conn,
        &store::users::NewUser {
            email,
            password_hash: hash,
            display_name: email,
            locale: wijkbudget::domain::locale::Locale::Nl,
            birth_date: None,
            claimed_area_id: Some(area),
            email_verified_at: Some(now),
            notify_by_email: false,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    store::residency::set(
        conn,
        &store::residency::Residency {
            user_id: user.id,
            area_id: area,
            method: wijkbudget::domain::residency::ResidencyMethod::Census,
            verified_by: None,
            verified_at: now,
        },
    )
    .unwrap();
    user.id
}

/// An edition in the voting phase with one open approval round (at most 4 of 8 projects).
pub fn prepare(pool: &db::Pool, voter_count: usize) -> VotingRound {
    prepare_with(pool, voter_count, None)
}

/// As [`prepare`]; with a `schedule` (opens, closes) the round waits for the scheduler to open
/// and close it instead of being opened at once.
pub fn prepare_with(
    pool: &db::Pool,
    voter_count: usize,
    schedule: Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)>,
) -> VotingRound {
    let mut conn = pool.get().unwrap();
    let conn = &mut *conn;
    accounts::create_admin(conn, "admin@bench.example", PASSWORD).unwrap();
    let admin_id = store::users::find_by_email(conn, "admin@bench.example")
        .unwrap()
        .unwrap()
        .id;
    let admin = caller(conn, admin_id);
    let area = areas::create(
        conn,
        &admin,
        areas::NewArea {
            code: "BENCH".into(),
            name: "Bench".into(),
            parent_id: None,
            population: 50_000,
            deprivation_index: 0.3,
            geometry: None,
        },
    )
    .unwrap()
    .id;
    let edition = editions::create(
        conn,
        &admin,
        editions::EditionInput {
            name: Some("Benchmark".into()),
            fiscal_year: Some(2027),
            base_cents: Some(100_000_000_00),
            reserved_bp: Some(100),
            allocation: Some(Allocation::Equal),
            area_ids: Some(vec![area]),
            ..Default::default()
        },
    )
    .unwrap()
    .edition
    .id;
    editions::change_phase(conn, &admin, edition, Phase::Ideas, None, "http://bench").unwrap();
    let hash = wijkbudget::auth::password::hash(
        &wijkbudget::auth::password::Password::parse(PASSWORD, &[]).unwrap(),
        &mut wijkbudget::auth::password::HashMemory::default(),
    )
    .unwrap();
    let author_id = resident(conn, &hash, "author@bench.example", area);
    let mut ids = Vec::new();
    for i in 0..8 {
        let author = caller(conn, author_id);
        let draft = proposals::Draft {
            area_id: Some(area),
            title: format!("Project {i}"),
            summary: "Benchmark project".into(),
            body: String::new(),
            category: None,
            estimated_cost_cents: 100_000 * (i + 1),
            cost_lines: vec![],
            location: None,
            coauthor_ids: vec![],
            language: None,
        };
        let p = proposals::create(conn, &author, edition, draft).unwrap();
        proposals::submit(conn, &author, p.id, "http://bench").unwrap();
        ids.push(p.id);
    }
    editions::change_phase(conn, &admin, edition, Phase::Support, None, "http://bench").unwrap();
    editions::change_phase(conn, &admin, edition, Phase::Review, None, "http://bench").unwrap();
    let review_desk = proposals::ReviewDesk::open(caller(conn, admin_id)).unwrap();
    departments::create(conn, &admin, "bench", "Bench").unwrap();
    for (i, id) in ids.iter().enumerate() {
        proposals::assign_review(conn, &admin, *id, "bench").unwrap();
        proposals::review(
            conn,
            &review_desk,
            *id,
            proposals::ReviewInput {
                feasible: true,
                public_explanation: "ok".into(),
                reviewed_cost_cents: Some(100_000 * (i as i64 + 1)),
                reviewed_cost_lines: Vec::new(),
                internal_notes: None,
            },
            "http://bench",
        )
        .unwrap();
    }
    editions::change_phase(conn, &admin, edition, Phase::Voting, None, "http://bench").unwrap();
    let now = wijkbudget::clock::now();
    let (opens_at, closes_at) =
        schedule.unwrap_or((now - TimeDelta::minutes(1), now + TimeDelta::hours(2)));
    let round = rounds::create(
        conn,
        &admin,
        edition,
        Some(area),
        rounds::RoundInput {
            ballot_type: Some(BallotType::Approval),
            max_choices: Some(Some(4)),
            rule: Some("greedy".into()),
            opens_at: Some(opens_at),
            closes_at: Some(closes_at),
            ..Default::default()
        },
    )
    .unwrap();
    if schedule.is_none() {
        rounds::open(conn, Some(&admin), round.id, "http://bench").unwrap();
    }
    let voters = (0..voter_count)
        .map(|i| {
            let email = format!("voter{i}@bench.example");
            (resident(conn, &hash, &email, area), email)
        })
        .collect();
    VotingRound {
        round_id: round.id,
        project_ids: ids,
        voters,
    }
}

impl VotingRound {
    /// A signed-in session and access token per voter, for a server signing with `jwt_secret`.
    pub fn voter_tokens(&self, pool: &db::Pool, jwt_secret: &str) -> Vec<String> {
        let secret =
            wijkbudget::config::SecretKey::new(jwt_secret.as_bytes().to_vec(), "JWT_SECRET")
                .unwrap();
        let keys = wijkbudget::auth::tokens::TokenKeys::new(&secret).unwrap();
        let mut conn = pool.get().unwrap();
        let now = wijkbudget::clock::now();
        self.voters
            .iter()
            .map(|(user_id, _)| {
                let session = wijkbudget::auth::tokens::random_token();
                store::sessions::create(
                    &mut conn,
                    &session,
                    *user_id,
                    now,
                    now + TimeDelta::days(1),
                )
                .unwrap();
                keys.issue(*user_id, &session, now.and_utc().timestamp())
                    .unwrap()
            })
            .collect()
    }
}

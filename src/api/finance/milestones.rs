//! Milestones of funded proposals.

use super::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMilestone {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    pub status: MilestoneStatus,
    #[schema(minimum = 0, maximum = 100)]
    pub progress_pct: i32,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MilestoneView {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub progress_pct: i32,
    pub date: Option<String>,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

pub(super) fn milestone_view(m: service::Milestone) -> MilestoneView {
    MilestoneView {
        id: m.id,
        title: m.title,
        status: m.status.as_str().to_string(),
        progress_pct: m.progress_pct,
        date: m.due_on,
        note: m.note,
        recorded_at: m.created_at.and_utc(),
    }
}

/// Record an implementation milestone of a funded proposal (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateMilestone, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 201, description = "created: the milestone", body = MilestoneView), (status = 403, description = "not finance"), (status = 409, description = "not funded"), (status = 422, description = "invalid field")))]
#[post("/proposals/{id}/milestones")]
pub async fn create_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateMilestone>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let public_url = state.config.public_url.clone();
    let created = blocking::run(&state.pool, move |conn| {
        let input = service::MilestoneInput::from(b);
        service::add_milestone(conn, &desk, id, input, &public_url)
    })
    .await?;
    Ok(HttpResponse::Created().json(milestone_view(created)))
}

impl From<CreateMilestone> for service::MilestoneInput {
    fn from(b: CreateMilestone) -> Self {
        Self {
            title: b.title,
            status: b.status,
            progress_pct: b.progress_pct,
            date: b.date,
            note: b.note,
        }
    }
}

/// The milestones of a proposal (public).
#[utoipa::path(tag = "finance", params(("id" = i64, Path, description = "proposal id")),
    responses((status = 200, description = "the milestones", body = Vec<MilestoneView>), (status = 404, description = "no such proposal")))]
#[get("/proposals/{id}/milestones")]
pub async fn list_milestones(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<MilestoneView>>> {
    let id = path.into_inner();
    let list = blocking::run(&state.pool, move |conn| service::milestones(conn, id)).await?;
    Ok(web::Json(list.into_iter().map(milestone_view).collect()))
}

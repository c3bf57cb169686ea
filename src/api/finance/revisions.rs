//! Editing milestones and plan items with a reason, and reading any record's revisions.

use super::*;
use crate::service::finance::{Level, MilestoneInput, Revision};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditMilestone {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    pub status: MilestoneStatus,
    #[schema(minimum = 0, maximum = 100)]
    pub progress_pct: i32,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: Option<String>,
    pub note: Option<String>,
    /// Why it changes; kept in its revisions.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Correct a milestone (finance), with a reason; the earlier version stays in its revisions.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = EditMilestone, params(("id" = i64, Path, description = "milestone id")),
    responses((status = 200, description = "the milestone", body = MilestoneView), (status = 403, description = "not finance"), (status = 404, description = "no such milestone"), (status = 422, description = "invalid field or no reason")))]
#[patch("/milestones/{id}")]
pub async fn edit_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<EditMilestone>,
) -> ApiResult<web::Json<MilestoneView>> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let body = body.into_inner()?;
    let input = MilestoneInput {
        title: body.title,
        status: body.status,
        progress_pct: body.progress_pct,
        date: body.date,
        note: body.note,
    };
    let edited = blocking::run(&state.pool, move |conn| {
        service::edit_milestone(conn, &desk, id, input, &body.reason)
    })
    .await?;
    Ok(web::Json(milestone_view(edited)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditPlanItem {
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    /// Actions only.
    pub priority: Option<bool>,
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

async fn edit_item(
    state: web::Data<AppState>,
    caller: Caller,
    (level, id): (Level, i64),
    body: Json<EditPlanItem>,
) -> ApiResult<web::Json<PlanItemView>> {
    let desk = service::FinanceDesk::open(caller)?;
    let body = body.into_inner()?;
    let edited = blocking::run(&state.pool, move |conn| {
        service::edit_plan_item(
            conn,
            &desk,
            (level, id),
            (&body.title, body.priority),
            &body.reason,
        )
    })
    .await?;
    Ok(web::Json(edited.into()))
}

/// Rename an objective (finance), with a reason; its code stays.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = EditPlanItem, params(("id" = i64, Path, description = "objective id")),
    responses((status = 200, description = "the plan item", body = PlanItemView), (status = 403, description = "not finance"), (status = 404, description = "no such objective"), (status = 422, description = "invalid field or no reason")))]
#[patch("/objectives/{id}")]
pub async fn edit_objective(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<EditPlanItem>,
) -> ApiResult<web::Json<PlanItemView>> {
    edit_item(state, caller, (Level::Objective, path.into_inner()), body).await
}

/// Rename an action plan (finance), with a reason; its code stays.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = EditPlanItem, params(("id" = i64, Path, description = "action plan id")),
    responses((status = 200, description = "the plan item", body = PlanItemView), (status = 403, description = "not finance"), (status = 404, description = "no such action plan"), (status = 422, description = "invalid field or no reason")))]
#[patch("/action-plans/{id}")]
pub async fn edit_action_plan(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<EditPlanItem>,
) -> ApiResult<web::Json<PlanItemView>> {
    edit_item(state, caller, (Level::ActionPlan, path.into_inner()), body).await
}

/// Rename an action or set its priority (finance), with a reason; its code stays.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = EditPlanItem, params(("id" = i64, Path, description = "action id")),
    responses((status = 200, description = "the plan item", body = PlanItemView), (status = 403, description = "not finance"), (status = 404, description = "no such action"), (status = 422, description = "invalid field or no reason")))]
#[patch("/actions/{id}")]
pub async fn edit_action(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<EditPlanItem>,
) -> ApiResult<web::Json<PlanItemView>> {
    edit_item(state, caller, (Level::Action, path.into_inner()), body).await
}

/// The kinds of record whose edits are kept.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RevisedRecord {
    Milestone,
    Objective,
    ActionPlan,
    Action,
    BudgetLine,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RevisionQuery {
    pub entity_type: RevisedRecord,
    pub entity_id: i64,
}

#[derive(Serialize, ToSchema)]
pub struct RevisionView {
    pub id: i64,
    /// The record as it was, and as it became.
    pub before: serde_json::Value,
    pub after: serde_json::Value,
    pub reason: String,
    pub changed_by: i64,
    pub changed_at: DateTime<Utc>,
}

/// Every edit of a milestone, plan item or budget line, oldest first (finance, council,
/// administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), params(RevisionQuery),
    responses((status = 200, description = "the revisions, newest first", body = Vec<RevisionView>), (status = 403, description = "cannot read the books"), (status = 422, description = "unknown record kind")))]
#[get("/revisions")]
pub async fn list_revisions(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<RevisionQuery>,
) -> ApiResult<web::Json<Vec<RevisionView>>> {
    let reader = service::BookReader::open(caller)?;
    let query = query.into_inner()?;
    let entity_type = match query.entity_type {
        RevisedRecord::Milestone => "milestone",
        RevisedRecord::Objective => "objective",
        RevisedRecord::ActionPlan => "action_plan",
        RevisedRecord::Action => "action",
        RevisedRecord::BudgetLine => "budget_line",
    };
    let revisions = blocking::run(&state.pool, move |conn| {
        service::revisions(conn, &reader, entity_type, query.entity_id)
    })
    .await?;
    Ok(web::Json(
        revisions
            .into_iter()
            .map(|r: Revision| RevisionView {
                id: r.id,
                before: serde_json::from_str(&r.before).unwrap_or_default(),
                after: serde_json::from_str(&r.after).unwrap_or_default(),
                reason: r.reason,
                changed_by: r.changed_by,
                changed_at: r.changed_at.and_utc(),
            })
            .collect(),
    ))
}

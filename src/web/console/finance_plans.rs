//! The city's multi-year plan as finance keeps it: plan versions, and in each its objectives,
//! action plans and actions, added here through the API's services. The council and
//! administrators read it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::finance::{desk, keeps_books, reader};
use crate::api::blocking;
use crate::error::{ApiError, FieldError};
use crate::service::finance::{self, Level, PlanInput, PlanTree};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;

/// A plan item with what hangs under it.
struct Branch {
    id: i64,
    code: String,
    title: String,
    priority: bool,
    under: Vec<Branch>,
}

struct PlanShown {
    id: i64,
    /// Name, kind and period in a sentence.
    heading: String,
    objectives: Vec<Branch>,
}

/// Where something can be added: the select's value (`level:parent id`) and its label.
struct Parent {
    value: String,
    label: String,
}

#[derive(Deserialize, Default)]
pub struct PlanForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    first_year: String,
    #[serde(default)]
    last_year: String,
    #[serde(default)]
    council_decision_date: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Deserialize, Default)]
pub struct ItemForm {
    /// `objective:3`: add an objective to plan version 3; `action_plan:7`: an action plan to
    /// objective 7; `action:9`: an action to action plan 9.
    #[serde(default)]
    under: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "console_finance_plans.html")]
struct PlansPage {
    page: Page,
    plans: Vec<PlanShown>,
    parents: Vec<Parent>,
    may_book: bool,
    plan: PlanForm,
    item: ItemForm,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

fn branches(
    items: &[finance::PlanItem],
    parent: i64,
    below: &dyn Fn(i64) -> Vec<Branch>,
) -> Vec<Branch> {
    items
        .iter()
        .filter(|item| item.parent_id == parent)
        .map(|item| Branch {
            id: item.id,
            code: item.code.clone(),
            title: item.title.clone(),
            priority: item.priority,
            under: below(item.id),
        })
        .collect()
}

fn shown(page: &Page, trees: &[PlanTree]) -> (Vec<PlanShown>, Vec<Parent>) {
    let mut parents = Vec::new();
    let plans = trees
        .iter()
        .map(|tree| {
            let heading = page.say(&t!(
                "site-plan-heading",
                name = tree.plan.name.clone(),
                kind = tree.plan.kind.as_str(),
                first = tree.plan.first_year,
                last = tree.plan.last_year
            ));
            parents.push(Parent {
                value: format!("objective:{}", tree.plan.id),
                label: page.say(&t!("site-plan-under-plan", name = tree.plan.name.clone())),
            });
            for objective in &tree.objectives {
                parents.push(Parent {
                    value: format!("action_plan:{}", objective.id),
                    label: page.say(&t!(
                        "site-plan-under-objective",
                        code = objective.code.clone(),
                        title = objective.title.clone()
                    )),
                });
            }
            for action_plan in &tree.action_plans {
                parents.push(Parent {
                    value: format!("action:{}", action_plan.id),
                    label: page.say(&t!(
                        "site-plan-under-action-plan",
                        code = action_plan.code.clone(),
                        title = action_plan.title.clone()
                    )),
                });
            }
            let actions = |id: i64| branches(&tree.actions, id, &|_| Vec::new());
            let action_plans = |id: i64| branches(&tree.action_plans, id, &actions);
            PlanShown {
                id: tree.plan.id,
                heading,
                objectives: branches(&tree.objectives, tree.plan.id, &action_plans),
            }
        })
        .collect();
    (plans, parents)
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    (plan, item): (PlanForm, ItemForm),
    done: Option<String>,
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let reader = match reader(req, state, page).await {
        Ok(reader) => reader,
        Err(answer) => return answer,
    };
    let may_book = keeps_books(reader.caller());
    let trees = match blocking::run(&state.pool, move |conn| finance::plans(conn, &reader)).await {
        Ok(trees) => trees,
        Err(error) => return failure(page, &error),
    };
    let (plans, parents) = shown(page, &trees);
    page.render_with(
        status,
        &PlansPage {
            page: page.clone(),
            plans,
            parents,
            may_book,
            plan,
            item,
            done,
            errors,
        },
    )
}

#[derive(Deserialize)]
pub struct DoneQuery {
    added: Option<String>,
}

pub async fn plans(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let done = query
        .added
        .clone()
        .map(|code| page.say(&t!("site-plan-added", code = code)));
    let blank = (PlanForm::default(), ItemForm::default());
    render(&req, &state, &page, blank, done, (StatusCode::OK, vec![])).await
}

fn plan_fields() -> [Field; 5] {
    [
        Field::input("kind", t!("site-plan-kind")),
        Field::input("name", t!("site-plan-name")),
        Field::input("first_year", t!("site-plan-first-year")),
        Field::input("last_year", t!("site-plan-last-year")),
        Field::input("council_decision_date", t!("site-plan-decided")),
    ]
}

fn item_fields() -> [Field; 3] {
    [
        Field {
            name: "parent_id",
            label: t!("site-plan-under"),
            input: Some("under"),
        },
        Field {
            name: "code",
            label: t!("site-plan-code"),
            input: Some("item-code"),
        },
        Field {
            name: "title",
            label: t!("site-plan-title"),
            input: Some("item-title"),
        },
    ]
}

fn year(typed: &str, field: &str, errors: &mut Vec<FieldError>) -> i32 {
    typed.trim().parse().unwrap_or_else(|_| {
        errors.push(FieldError::new(field, t!("must-be-a-whole-number")));
        0
    })
}

pub async fn create_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PlanForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let mut errors = Vec::new();
    let first_year = year(&form.first_year, "first_year", &mut errors);
    let last_year = year(&form.last_year, "last_year", &mut errors);
    let created = if errors.is_empty() {
        let input = PlanInput {
            kind: form.kind.clone(),
            name: form.name.clone(),
            first_year,
            last_year,
            council_decision_date: Some(form.council_decision_date.trim().to_string())
                .filter(|d| !d.is_empty()),
        };
        blocking::run(&state.pool, move |conn| {
            finance::create_plan(conn, &desk, input)
        })
        .await
        .map(|plan| plan.name)
    } else {
        Err(ApiError::invalid_fields(errors))
    };
    match created {
        Ok(name) => see_other(&format!(
            "/console/finance/plans?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("added", &name)
                .finish()
        ))
        .finish(),
        Err(error) => {
            let shown = (error.status_code(), page.errors(&error, &plan_fields()));
            render(
                &req,
                &state,
                &page,
                (form, ItemForm::default()),
                None,
                shown,
            )
            .await
        }
    }
}

pub async fn add_item(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ItemForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let under = form.under.split_once(':').and_then(|(level, id)| {
        let level = match level {
            "objective" => Level::Objective,
            "action_plan" => Level::ActionPlan,
            "action" => Level::Action,
            _ => return None,
        };
        Some((level, id.parse::<i64>().ok()?))
    });
    let added = match under {
        Some((level, parent_id)) => {
            let (code, title) = (form.code.clone(), form.title.clone());
            let priority = form.priority.is_some();
            blocking::run(&state.pool, move |conn| {
                finance::add_plan_item(conn, &desk, level, parent_id, &code, &title, priority)
            })
            .await
        }
        None => Err(ApiError::invalid("parent_id", t!("site-finance-choose"))),
    };
    match added {
        Ok(_) => see_other(&format!(
            "/console/finance/plans?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("added", form.code.trim())
                .finish()
        ))
        .finish(),
        Err(error) => {
            let shown = (error.status_code(), page.errors(&error, &item_fields()));
            render(
                &req,
                &state,
                &page,
                (PlanForm::default(), form),
                None,
                shown,
            )
            .await
        }
    }
}

//! Administrators find accounts and grant or revoke their roles, with the scope each role needs
//! chosen from a list (an area for area workers, a department for reviewers).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::editions::administrator;
use super::listing::{Listing, SortColumn, by_text, listing};
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::service::roles::{self, GrantRequest, UserFilter, UserWithRoles};
use crate::service::{areas, departments};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;

/// As many accounts as one page lists; the search narrows it.
const LISTED: i64 = 100;

/// A role grant in words, with what it takes to revoke it.
struct GrantRow {
    id: i64,
    words: String,
}

struct UserRow {
    id: i64,
    name: String,
    email: String,
    grants: Vec<GrantRow>,
}

fn columns() -> Vec<SortColumn<UserRow>> {
    vec![
        SortColumn {
            key: "name",
            label: t!("site-users-name"),
            number: false,
            compare: |a, b| by_text(&a.name, &b.name),
        },
        SortColumn {
            key: "email",
            label: t!("site-email"),
            number: false,
            compare: |a, b| by_text(&a.email, &b.email),
        },
        SortColumn {
            key: "roles",
            label: t!("site-users-roles"),
            number: true,
            compare: |a, b| a.grants.len().cmp(&b.grants.len()),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_users.html")]
struct UsersPage {
    page: Page,
    query: String,
    role: String,
    roles: Vec<(&'static str, String)>,
    listing: Listing<UserRow>,
}

/// Every role with its name in the reader's language.
fn role_names(page: &Page) -> Vec<(&'static str, String)> {
    Role::ALL
        .into_iter()
        .map(|role| {
            (
                role.as_str(),
                page.say(&t!("site-role", role = role.as_str())),
            )
        })
        .collect()
}

/// The grants of an account in words: the role and its area or department.
fn grant_rows(page: &Page, user: &UserWithRoles, area_names: &[(i64, String)]) -> Vec<GrantRow> {
    user.grants
        .iter()
        .map(|grant| {
            let role = page.say(&t!("site-role", role = grant.role.as_str()));
            let scope = grant
                .area_id
                .and_then(|id| area_names.iter().find(|(area, _)| *area == id))
                .map(|(_, name)| name.clone())
                .or_else(|| grant.department.clone());
            GrantRow {
                id: grant.id,
                words: match scope {
                    Some(scope) => format!("{role} ({scope})"),
                    None => role,
                },
            }
        })
        .collect()
}

#[derive(serde::Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    role: Option<String>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let text = query.q.clone().unwrap_or_default();
    let role = query.role.as_deref().and_then(Role::parse);
    let searched = text.clone();
    let found = blocking::run(&state.pool, move |conn| {
        let filter = UserFilter {
            text: Some(searched.as_str()),
            role,
            area_id: None,
            residency: None,
            after_id: None,
            limit: LISTED,
        };
        let users = roles::list_users(conn, &caller, &filter)?;
        let area_names: Vec<(i64, String)> = areas::every(conn)?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        Ok((users, area_names))
    })
    .await;
    let (users, area_names) = match found {
        Ok(found) => found,
        Err(error) => return failure(&page, &error),
    };
    let rows = users
        .iter()
        .map(|u| UserRow {
            id: u.user.id,
            name: u.user.display_name.clone(),
            email: u.user.email.clone(),
            grants: grant_rows(&page, u, &area_names),
        })
        .collect();
    page.render(&UsersPage {
        listing: listing(&req, &page, rows, &columns()),
        query: text,
        role: role.map_or("", Role::as_str).to_string(),
        roles: role_names(&page),
        page: page.clone(),
    })
}

#[derive(serde::Deserialize, Default)]
pub struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    area_id: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "console_user.html")]
struct UserPage {
    page: Page,
    id: i64,
    name: String,
    email: String,
    grants: Vec<GrantRow>,
    roles: Vec<(&'static str, String)>,
    areas: Vec<(i64, String)>,
    departments: Vec<(String, String)>,
    form: GrantForm,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

fn fields() -> [Field; 3] {
    [
        Field::input("role", t!("site-users-role")),
        Field::input("area_id", t!("site-users-area")),
        Field::input("department", t!("site-users-department")),
    ]
}

async fn render_user(
    page: &Page,
    state: &AppState,
    caller: Caller,
    id: i64,
    (form, done): (GrantForm, Option<String>),
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        let user = roles::user_with_roles(conn, &caller, id)?;
        let area_names: Vec<(i64, String)> = areas::every(conn)?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let departments: Vec<(String, String)> = departments::list(conn)?
            .into_iter()
            .map(|d| (d.code, d.name))
            .collect();
        Ok((user, area_names, departments))
    })
    .await;
    let (user, areas, departments) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    page.render_with(
        status,
        &UserPage {
            page: page.clone(),
            id,
            grants: grant_rows(page, &user, &areas),
            name: user.user.display_name,
            email: user.user.email,
            roles: role_names(page),
            areas,
            departments,
            form,
            done,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let done = query
        .done
        .as_deref()
        .map(|done| page.say(&t!("site-users-done", what = done.to_string())));
    let shown = (GrantForm::default(), done);
    render_user(
        &page,
        &state,
        caller,
        path.into_inner(),
        shown,
        (StatusCode::OK, vec![]),
    )
    .await
}

/// Grants a role through the API's service, which checks the scope the role needs.
pub async fn grant(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<GrantForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let granted = match Role::parse(&form.role) {
        None => Err(ApiError::invalid("role", t!("site-users-choose-role"))),
        Some(role) => {
            let request = GrantRequest {
                role,
                area_id: form.area_id.parse().ok(),
                department: Some(form.department.clone()).filter(|d| !d.is_empty()),
            };
            let acting = caller.clone();
            blocking::run(&state.pool, move |conn| {
                roles::grant(conn, &acting, id, request)
            })
            .await
        }
    };
    match granted {
        Ok(_) => see_other(&format!("/console/users/{id}?done=granted")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &fields());
            let status = error.status_code();
            render_user(&page, &state, caller, id, (form, None), (status, errors)).await
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub struct RevokeForm {
    #[serde(default)]
    csrf_token: String,
}

/// Revokes one grant; the last administrator's role stays (the service refuses).
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<RevokeForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (id, grant_id) = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let acting = caller.clone();
    let revoked = blocking::run(&state.pool, move |conn| {
        roles::revoke(conn, &acting, id, grant_id)
    })
    .await;
    match revoked {
        Ok(()) => see_other(&format!("/console/users/{id}?done=revoked")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &fields());
            let status = error.status_code();
            let shown = (GrantForm::default(), None);
            render_user(&page, &state, caller, id, shown, (status, errors)).await
        }
    }
}

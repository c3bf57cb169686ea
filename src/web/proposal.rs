//! A proposal's page: its text, cost, place, supporters, history and the city's review, how far
//! it is carried out once funded, and the button to co-sign it (or withdraw one's support)
//! while its edition collects supports.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::comments::{Discussion, Draft, discussion, staff};
use super::implementation::{Implementation, implementation};
use super::page::{ErrorItem, Page};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::locale::Locale;
use crate::domain::proposal::ProposalState;
use crate::domain::translation::Translatable;
use crate::error::ApiError;
use crate::i18n::Decimal;
use crate::service::attachments::{self, AttachmentView};
use crate::service::comments::{self, CommentView};
use crate::service::finance::{self, ProposalMoney};
use crate::service::follows::{self, Subject};
use crate::service::proposals::read::{self as proposals, ProposalView};
use crate::service::proposals::{support_and_count, withdraw_support};
use crate::service::translations;
use crate::state::AppState;

/// What the page offers about supporting the proposal.
enum SupportOffer {
    /// Not collecting supports (anymore): nothing to press.
    None,
    SignIn(String),
    Support,
    Withdraw,
}

#[derive(Template)]
#[template(path = "proposal.html")]
struct ProposalPage {
    page: Page,
    proposal: ProposalView,
    state: String,
    cost: String,
    offer: SupportOffer,
    /// The visitor wrote it: they may submit the draft or withdraw it.
    authoring: bool,
    /// Each change of state, oldest first: when, to what, and why.
    history: Vec<(String, String, Option<String>)>,
    /// Where it would be, as latitude and longitude.
    location: Option<String>,
    /// The review's verdict in words, with the cost it put on the ballot, once given.
    verdict: Option<String>,
    /// The department's breakdown of the reviewed cost: what, and how much.
    reviewed_lines: Vec<(String, String)>,
    /// For a funded proposal: its money and milestones.
    implementation: Option<Implementation>,
    discussion: Discussion,
    /// The language the text is shown in (its code and name), and the other versions.
    version: (&'static str, &'static str),
    other_versions: Vec<(&'static str, &'static str)>,
    /// The proposal's own pictures and files.
    files: Vec<AttachmentView>,
    /// The visitor may add pictures and files (an author).
    may_attach: bool,
    /// Signed in: whether the visitor follows the proposal (its comments come by mail).
    following: Option<bool>,
    is_draft: bool,
    errors: Vec<ErrorItem>,
}

pub(super) fn render(
    page: &Page,
    (status, errors): (actix_web::http::StatusCode, Vec<ErrorItem>),
    Shown {
        proposal,
        money,
        comments,
        viewer,
        following,
        files,
    }: Shown,
    draft: Draft,
) -> HttpResponse {
    let milestones = money
        .iter()
        .flat_map(|m| &m.milestones)
        .map(|m| (m.id, m.title.clone()))
        .collect();
    let discussion = discussion(
        page,
        (proposal.id, milestones),
        (comments, &files),
        viewer,
        draft,
    );
    let viewer = viewer.map(|(id, _)| id);
    let may_attach =
        viewer.is_some_and(|id| id == proposal.author_id || proposal.coauthor_ids.contains(&id));
    let work = money.map(|m| implementation(page, m, &files));
    let files = files
        .into_iter()
        .filter(|f| f.comment_id.is_none() && f.milestone_id.is_none())
        .collect();
    let signed_in = viewer.is_some();
    let authoring = viewer
        .is_some_and(|id| id == proposal.author_id || proposal.coauthor_ids.contains(&id))
        && matches!(
            proposal.state,
            ProposalState::Draft | ProposalState::Submitted
        );
    let offer = match (proposal.state == ProposalState::Submitted, signed_in) {
        (false, _) => SupportOffer::None,
        (true, false) => SupportOffer::SignIn(session::sign_in_link(&format!(
            "/proposals/{}",
            proposal.id
        ))),
        (true, true) if proposal.supported_by_me => SupportOffer::Withdraw,
        (true, true) => SupportOffer::Support,
    };
    let history = proposal
        .history
        .iter()
        .map(|entry| {
            let state = ProposalState::parse(&entry.to).map_or_else(
                || entry.to.clone(),
                |s| page.say(&t!("proposal-state", name = s.as_str())),
            );
            (
                page.moment(entry.at.naive_utc()),
                state,
                entry.reason.clone(),
            )
        })
        .collect();
    let location = proposal.location.map(|l| {
        page.say(&t!(
            "site-proposal-location-value",
            latitude = Decimal(l.latitude),
            longitude = Decimal(l.longitude)
        ))
    });
    let verdict = proposal.review.as_ref().and_then(|r| {
        let said = page.say(&t!(
            "site-proposal-verdict",
            verdict = r.verdict.as_deref()?
        ));
        Some(match r.reviewed_cost_cents {
            Some(cost) => format!("{said} – {}", page.money(cost)),
            None => said,
        })
    });
    let reviewed_lines = proposal
        .review
        .iter()
        .flat_map(|r| &r.reviewed_cost_lines)
        .map(|l| (l.description.clone(), page.money(l.amount_cents)))
        .collect();
    page.render_with(
        status,
        &ProposalPage {
            page: page.clone(),
            history,
            location,
            verdict,
            reviewed_lines,
            implementation: work,
            discussion,
            version: language_name(proposal.language),
            other_versions: proposal
                .languages
                .iter()
                .filter(|l| **l != proposal.language)
                .map(|l| language_name(*l))
                .collect(),
            files,
            may_attach,
            following: viewer.map(|_| following),
            state: page.say(&t!("proposal-state", name = proposal.state.as_str())),
            cost: page.money(proposal.estimated_cost_cents),
            is_draft: proposal.state == ProposalState::Draft,
            proposal,
            offer,
            authoring,
            errors,
        },
    )
}

/// A proposal as the page shows it, with its money once the council approved it, its
/// discussion, and who looks at it (their id, and whether they are on the city's staff).
pub(super) struct Shown {
    proposal: ProposalView,
    money: Option<ProposalMoney>,
    comments: Vec<CommentView>,
    viewer: Option<(i64, bool)>,
    following: bool,
    files: Vec<AttachmentView>,
}

pub(super) async fn load(
    state: &AppState,
    id: i64,
    caller: Option<Caller>,
    wanted: Vec<Locale>,
) -> Result<Shown, ApiError> {
    blocking::run(&state.pool, move |conn| {
        let proposal = proposals::get_in(conn, id, caller.as_ref(), &wanted)?;
        let comments = comments::list(conn, caller.as_ref(), id)?;
        let files = attachments::of_proposal(conn, caller.as_ref(), id)?;
        let viewer = caller.as_ref().map(|c| (c.id(), staff(c)));
        let following = match &caller {
            Some(c) => follows::follows(conn, c, Subject::Proposal, id)?,
            None => false,
        };
        let carried_out = matches!(
            proposal.state,
            ProposalState::Approved
                | ProposalState::Funded
                | ProposalState::InProgress
                | ProposalState::Completed
        );
        let money = if carried_out {
            let mut money = finance::proposal_money(conn, id)?;
            for m in &mut money.milestones {
                let place = (Translatable::Milestone, m.id, m.language);
                if let (_, _, Some(version)) = translations::version_for(conn, place, &wanted)? {
                    m.title = version.title;
                    m.note = version.body.or(m.note.take());
                }
            }
            Some(money)
        } else {
            None
        };
        Ok(Shown {
            proposal,
            money,
            comments,
            viewer,
            following,
            files,
        })
    })
    .await
}

/// A language's code and its name in itself, as the language menu says it.
fn language_name(language: Locale) -> (&'static str, &'static str) {
    match language {
        Locale::Nl => ("nl", "Nederlands"),
        Locale::Fr => ("fr", "Français"),
        Locale::En => ("en", "English"),
    }
}

pub async fn proposal(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let caller = session::visitor(&req, &state).await;
    // `?version=fr` asks for one language version; else the page's language, else the original.
    let asked = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(name, _)| name == "version")
        .and_then(|(_, value)| Locale::parse(&value));
    let wanted = asked.into_iter().chain([page.locale]).collect();
    match load(&state, id, caller, wanted).await {
        Ok(shown) => render(
            &page,
            (actix_web::http::StatusCode::OK, vec![]),
            shown,
            Draft::default(),
        ),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize)]
pub struct SupportForm {
    /// `withdraw` to take one's support back; anything else co-signs.
    #[serde(default)]
    action: String,
    #[serde(default)]
    csrf_token: String,
}

/// Co-signs the proposal, or withdraws the support, then shows the proposal again.
pub async fn support(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<SupportForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{id}"));
    };
    let withdraw = form.action == "withdraw";
    let done = blocking::run(&state.pool, move |conn| {
        if withdraw {
            withdraw_support(conn, &caller, id)
        } else {
            support_and_count(conn, &caller, id).map(|_| ())
        }
    })
    .await;
    match done {
        Ok(()) => HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/proposals/{id}")))
            .finish(),
        Err(error) => {
            let caller = session::visitor(&req, &state).await;
            match load(&state, id, caller, vec![page.locale]).await {
                Ok(shown) => {
                    let errors = page.errors(&error, &[]);
                    render(
                        &page,
                        (error.status_code(), errors),
                        shown,
                        Draft::default(),
                    )
                }
                Err(error) => failure(&page, &error),
            }
        }
    }
}

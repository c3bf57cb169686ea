//! The one error type above the store, and its RFC 9457 problem-details form. Free of any web
//! framework: each edge turns it into its own answer (`api::problem` for HTTP).
//!
//! Every error a client can see has a stable snake_case `code`; the HTTP status and the title
//! follow from the code. Internal causes are logged, never sent.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::locale::Locale;
use crate::i18n::Text;

/// Stable machine-readable error codes. Clients may match on these; they never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request line, a path or a query parameter is not understood.
    BadRequest,
    /// The body is not syntactically valid JSON.
    MalformedJson,
    /// Wrong or missing credentials or token.
    Unauthorized,
    /// Signed in, but without the right to do this.
    Forbidden,
    /// The account's e-mail address is not verified yet.
    EmailNotVerified,
    /// The caller may not take part (area, age, residency).
    NotEligible,
    /// No such object, or the caller may not see it.
    NotFound,
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// The object is in a state that does not allow this.
    Conflict,
    /// The edition is not in the phase that allows this.
    PhaseClosed,
    /// The rules are frozen: voting has started or the round is open.
    RulesFrozen,
    /// The voting round is not open (yet, or any more).
    RoundClosed,
    /// An object with this unique key exists already.
    AlreadyExists,
    /// The funding would exceed the planned amount of the budget line.
    ExceedsBudgetLine,
    /// The change would leave the platform without any administrator.
    LastAdministrator,
    /// The proposal is on an open round's ballot; take it off the ballot first.
    OnOpenBallot,
    /// `If-Match` named a version that is no longer current: someone changed it since.
    PreconditionFailed,
    /// The body is larger than this endpoint accepts.
    PayloadTooLarge,
    /// The body is not JSON (or not the format this endpoint reads).
    UnsupportedMediaType,
    /// The body was understood but a field is invalid; see `errors`.
    ValidationFailed,
    /// The same Idempotency-Key was used with a different request.
    IdempotencyKeyReused,
    /// Too many requests; retry after the number of seconds in `Retry-After`.
    RateLimited,
    /// The server is overloaded or the database is unreachable; retry later.
    ServiceUnavailable,
    /// An unexpected error; it has been logged with the request id.
    InternalError,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 24] = [
        Self::BadRequest,
        Self::MalformedJson,
        Self::Unauthorized,
        Self::Forbidden,
        Self::EmailNotVerified,
        Self::NotEligible,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Conflict,
        Self::PhaseClosed,
        Self::RulesFrozen,
        Self::RoundClosed,
        Self::AlreadyExists,
        Self::ExceedsBudgetLine,
        Self::LastAdministrator,
        Self::OnOpenBallot,
        Self::PreconditionFailed,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::ValidationFailed,
        Self::IdempotencyKeyReused,
        Self::RateLimited,
        Self::ServiceUnavailable,
        Self::InternalError,
    ];

    /// The HTTP status code that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest | Self::MalformedJson => 400,
            Self::Unauthorized => 401,
            Self::Forbidden | Self::EmailNotVerified | Self::NotEligible => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict
            | Self::PhaseClosed
            | Self::RulesFrozen
            | Self::RoundClosed
            | Self::AlreadyExists
            | Self::ExceedsBudgetLine
            | Self::LastAdministrator
            | Self::OnOpenBallot => 409,
            Self::PreconditionFailed => 412,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::ValidationFailed | Self::IdempotencyKeyReused => 422,
            Self::RateLimited => 429,
            Self::ServiceUnavailable => 503,
            Self::InternalError => 500,
        }
    }

    /// The title of the problem, `title-<code>` in the catalogues.
    pub fn title(self) -> Text {
        t!("problem-title", code = self.as_str())
    }

    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// The kinds of object a client can ask for and not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Action,
    ActionPlan,
    ApiClient,
    Area,
    Ballot,
    BudgetLine,
    Comment,
    Commitment,
    Edition,
    Envelope,
    Expenditure,
    File,
    Funding,
    Milestone,
    Object,
    Objective,
    PlanVersion,
    Proposal,
    RoleGrant,
    Round,
    Support,
    User,
    Webhook,
}

impl Thing {
    pub const ALL: [Thing; 23] = [
        Thing::Action,
        Thing::ActionPlan,
        Thing::ApiClient,
        Thing::Area,
        Thing::Ballot,
        Thing::BudgetLine,
        Thing::Comment,
        Thing::Commitment,
        Thing::Edition,
        Thing::Envelope,
        Thing::Expenditure,
        Thing::File,
        Thing::Funding,
        Thing::Milestone,
        Thing::Object,
        Thing::Objective,
        Thing::PlanVersion,
        Thing::Proposal,
        Thing::RoleGrant,
        Thing::Round,
        Thing::Support,
        Thing::User,
        Thing::Webhook,
    ];

    /// The selector of `thing` in the catalogues.
    pub fn as_str(self) -> &'static str {
        match self {
            Thing::Action => "action",
            Thing::ActionPlan => "action_plan",
            Thing::ApiClient => "api_client",
            Thing::Area => "area",
            Thing::Ballot => "ballot",
            Thing::BudgetLine => "budget_line",
            Thing::Comment => "comment",
            Thing::Commitment => "commitment",
            Thing::Edition => "edition",
            Thing::Envelope => "envelope",
            Thing::Expenditure => "expenditure",
            Thing::File => "file",
            Thing::Funding => "funding",
            Thing::Milestone => "milestone",
            Thing::Object => "object",
            Thing::Objective => "objective",
            Thing::PlanVersion => "plan_version",
            Thing::Proposal => "proposal",
            Thing::RoleGrant => "role_grant",
            Thing::Round => "round",
            Thing::Support => "support",
            Thing::User => "user",
            Thing::Webhook => "webhook",
        }
    }
}

/// One invalid field of a request, as the client reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = FieldError)]
pub struct FieldProblem {
    /// The field, as a JSON path (`title`, `points.12`, `rows[3].population`).
    pub field: String,
    /// What is wrong with it, as a stable name a program can act on: `required`,
    /// `unknown_field`, `wrong_type`, `unknown_parameter`, `not_one_of`, `out_of_range`,
    /// `cursor`, `not_an_etag`, `nul_character`, a ballot rule (`max_choices`,
    /// `min_choices`, `budget_limit`, `abstention`, …), or `invalid` for any other rule.
    pub code: String,
    /// What is wrong with it, for people, in the language the request asked for.
    pub message: String,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    /// See [`FieldProblem::code`].
    pub code: String,
    pub message: Text,
}

impl FieldError {
    /// A field that breaks a rule with no code of its own (`invalid`).
    pub fn new(field: impl Into<String>, message: Text) -> Self {
        Self::coded(field, "invalid", message)
    }

    pub fn coded(field: impl Into<String>, code: &str, message: Text) -> Self {
        Self {
            field: field.into(),
            code: code.to_string(),
            message,
        }
    }

    pub fn problem(&self, locale: Locale) -> FieldProblem {
        FieldProblem {
            field: self.field.clone(),
            code: self.code.clone(),
            message: self.message.render(locale),
        }
    }
}

/// RFC 9457 problem details, as sent with `Content-Type: application/problem+json`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`urn:wijkbudget:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ErrorCode,
    /// Per-field reasons, for `validation_failed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// An error as the client will see it.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: Text,
    pub errors: Vec<FieldError>,
    pub retry_after_seconds: Option<u64>,
    pub allow: Option<String>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ErrorCode, detail: Text) -> Self {
        Self {
            code,
            detail,
            errors: Vec::new(),
            retry_after_seconds: None,
            allow: None,
        }
    }

    pub fn not_found(thing: Thing) -> Self {
        Self::new(
            ErrorCode::NotFound,
            t!("not-found", thing = t!("thing", name = thing.as_str())),
        )
    }

    pub fn unauthorized(detail: Text) -> Self {
        Self::new(ErrorCode::Unauthorized, detail)
    }

    pub fn forbidden(detail: Text) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    /// A 422 naming one field.
    pub fn invalid(field: impl Into<String>, message: Text) -> Self {
        Self::invalid_fields(vec![FieldError::new(field, message)])
    }

    /// A 422 naming one invalid field with the code of the rule it breaks.
    pub fn invalid_coded(field: impl Into<String>, code: &str, message: Text) -> Self {
        Self::invalid_fields(vec![FieldError::coded(field, code, message)])
    }

    /// A 422 naming every invalid field.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => t!(
                "one-field-invalid",
                field = one.field.as_str(),
                message = one.message.clone()
            ),
            many => t!("fields-invalid", count = many.len()),
        };
        Self {
            errors,
            ..Self::new(ErrorCode::ValidationFailed, detail)
        }
    }

    pub fn rate_limited(retry_after_seconds: u64) -> Self {
        Self {
            retry_after_seconds: Some(retry_after_seconds.max(1)),
            ..Self::new(
                ErrorCode::RateLimited,
                t!("rate-limited", seconds = retry_after_seconds.max(1)),
            )
        }
    }

    /// An unexpected failure: the cause goes to the log, the client gets a generic answer.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(ErrorCode::InternalError, t!("internal-error"))
    }

    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        tracing::warn!(error = %cause, "service unavailable");
        Self {
            retry_after_seconds: Some(1),
            ..Self::new(ErrorCode::ServiceUnavailable, t!("service-unavailable"))
        }
    }

    /// The problem as a reader of `locale` reads it.
    pub fn problem(&self, locale: Locale) -> Problem {
        Problem {
            problem_type: format!("urn:wijkbudget:problem:{}", self.code.as_str()),
            title: self.code.title().render(locale),
            status: self.code.status(),
            detail: self.detail.render(locale),
            code: self.code,
            errors: self.errors.iter().map(|e| e.problem(locale)).collect(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.detail)
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Self::not_found(Thing::Object),
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::SerializationFailure,
                _,
            ) => Self::unavailable("serialization failure under concurrent writes"),
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => Self::new(ErrorCode::AlreadyExists, t!("unique-value-taken")),
            // Deleting what other records still point to; the services check the usual links
            // first with a precise message, the database catches the rest.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                _,
            ) => Self::new(ErrorCode::Conflict, t!("still-referred-to")),
            other => Self::internal(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Self::unavailable(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_snake_case() {
        assert_eq!(ErrorCode::PhaseClosed.as_str(), "phase_closed");
        assert_eq!(ErrorCode::ExceedsBudgetLine.as_str(), "exceeds_budget_line");
    }

    #[test]
    fn validation_problem_names_the_field_in_each_language() {
        let error = ApiError::invalid("title", t!("length-between", min = 1, max = 200));
        let english = error.problem(Locale::En);
        assert_eq!(english.status, 422);
        assert_eq!(english.errors[0].field, "title");
        assert_eq!(english.detail, "title: must be 1 to 200 characters");
        assert_eq!(english.title, "Invalid input");
        let dutch = error.problem(Locale::Nl);
        assert_eq!(dutch.detail, "title: moet 1 tot 200 tekens lang zijn");
        assert_eq!(dutch.title, "Ongeldige invoer");
        assert_eq!(error.problem(Locale::Fr).title, "Saisie non valide");
    }

    #[test]
    fn every_thing_and_code_has_its_own_words_in_every_language() {
        for locale in Locale::ALL {
            let mut seen = std::collections::HashSet::new();
            for thing in Thing::ALL {
                let text = ApiError::not_found(thing).detail.render(locale);
                assert!(seen.insert(text.clone()), "{text} twice in {locale:?}");
            }
            let mut titles = std::collections::HashSet::new();
            for code in ErrorCode::ALL {
                let title = code.title().render(locale);
                assert!(titles.insert(title.clone()), "{title} twice in {locale:?}");
            }
        }
    }
}

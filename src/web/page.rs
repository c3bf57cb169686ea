//! What every page knows about its reader (the language) and how a page goes out: HTML with a
//! strict Content-Security-Policy, the language in `<html lang>` and `Content-Language`, and the
//! language cookie when the reader just chose one.

use std::sync::OnceLock;

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use sha2::{Digest, Sha256};

use crate::domain::locale::Locale;
use crate::error::ApiError;
use crate::i18n::{self, Text};
use crate::state::AppState;

use super::session;

const LANGUAGE_COOKIE: &str = "lang";

/// No script, style or request to another origin; no inline script or style at all.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The reader of a page.
#[derive(Clone)]
pub struct Page {
    pub locale: Locale,
    /// The path and its query without `lang`, to link to the same page in another language.
    path: String,
    /// The reader chose this language with `?lang=` on this request.
    chosen: bool,
    /// The random value of the browser's form-token cookie, and whether this page sets it.
    csrf_seed: String,
    csrf_new: bool,
    csrf_token: String,
    secure_cookies: bool,
}

/// A field of a form as the error summary names it.
pub struct Field {
    pub name: &'static str,
    /// The words for it.
    pub label: Text,
    /// The id of its input, when the page shows one.
    pub input: Option<&'static str>,
}

impl Field {
    /// A field whose input has the field's name as its id.
    pub fn input(name: &'static str, label: Text) -> Self {
        Self {
            name,
            label,
            input: Some(name),
        }
    }
}

/// One line of a page's error summary, linked to its field when it has one.
pub struct ErrorItem {
    pub anchor: Option<String>,
    pub message: String,
}

impl Page {
    pub fn of(req: &HttpRequest) -> Self {
        let asked = web_query_lang(req);
        let remembered = req
            .cookie(LANGUAGE_COOKIE)
            .and_then(|c| Locale::parse(c.value()));
        let from_header = || crate::telemetry::asked_locale(req.headers());
        let locale = asked
            .or(remembered)
            .or_else(from_header)
            .unwrap_or(Locale::Nl);
        let kept: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(name, _)| name != "lang")
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        let mut path = req.path().to_string();
        if !kept.is_empty() {
            path.push('?');
            path.push_str(
                &form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(kept)
                    .finish(),
            );
        }
        let state = req.app_data::<web::Data<AppState>>();
        let remembered_seed = req
            .cookie(session::CSRF_COOKIE)
            .map(|c| c.value().to_string())
            .filter(|seed| !seed.is_empty());
        let csrf_new = remembered_seed.is_none();
        let csrf_seed = remembered_seed.unwrap_or_else(session::new_csrf_seed);
        let csrf_token = state
            .map(|s| session::csrf_token(&s.config.jwt_secret, &csrf_seed))
            .unwrap_or_default();
        Self {
            locale,
            path,
            chosen: asked.is_some(),
            csrf_seed,
            csrf_new,
            csrf_token,
            secure_cookies: state.is_some_and(|s| s.config.public_url.starts_with("https://")),
        }
    }

    /// The token every form of this page carries in its hidden `csrf_token` field.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    /// Whether a form came from one of this site's pages in this browser: it carries the token
    /// of the seed the browser sent back in its cookie.
    pub fn came_from_this_site(&self, state: &AppState, submitted: &str) -> bool {
        !self.csrf_new
            && session::csrf_matches(&state.config.jwt_secret, &self.csrf_seed, submitted)
    }

    /// The answer to a form that did not come from this site's page in this browser.
    pub fn refuse_form(&self) -> HttpResponse {
        self.render_with(
            StatusCode::FORBIDDEN,
            &MessagePage::new(
                self.clone(),
                t!("site-form-refused-title"),
                t!("site-form-refused"),
            ),
        )
    }

    pub fn lang(&self) -> &'static str {
        self.locale.as_str()
    }

    /// The catalogue's text for `key` in the reader's language.
    pub fn t(&self, key: &'static str) -> String {
        Text::new(key).render(self.locale)
    }

    pub fn say(&self, text: &Text) -> String {
        text.render(self.locale)
    }

    pub fn money(&self, cents: i64) -> String {
        i18n::money(cents, self.locale)
    }

    /// A moment in UTC as the language writes it: `1 mei 2027, 09:00 UTC`.
    pub fn moment(&self, at: NaiveDateTime) -> String {
        let (day, hour, minute) = (self.day(at.date()), at.hour(), at.minute());
        match self.locale {
            Locale::Nl | Locale::En => format!("{day}, {hour:02}:{minute:02} UTC"),
            Locale::Fr => format!("{day} à {hour:02}:{minute:02} UTC"),
        }
    }

    /// A day as the language writes it: `1 mei 2027`.
    pub fn day(&self, date: NaiveDate) -> String {
        format!(
            "{} {} {}",
            date.day(),
            self.month(date.month()),
            date.year()
        )
    }

    fn month(&self, month: u32) -> &'static str {
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let names = match self.locale {
            Locale::Nl => &NL,
            Locale::Fr => &FR,
            Locale::En => &EN,
        };
        names[(month.clamp(1, 12) - 1) as usize]
    }

    /// The three languages, each in its own words, and whether it is the current one.
    pub fn languages(&self) -> [(&'static str, &'static str, bool); 3] {
        [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]
            .map(|(code, name)| (code, name, code == self.lang()))
    }

    pub fn switch_to(&self, code: &str) -> String {
        let joint = if self.path.contains('?') { '&' } else { '?' };
        format!("{}{joint}lang={code}", self.path)
    }

    /// The stylesheet's address, which changes whenever its content does.
    pub fn stylesheet(&self) -> &'static str {
        static ADDRESS: OnceLock<String> = OnceLock::new();
        ADDRESS.get_or_init(|| versioned("/assets/site.css", super::STYLESHEET))
    }

    /// The voting booth's script's address, which changes whenever its content does.
    pub fn booth_script(&self) -> &'static str {
        static ADDRESS: OnceLock<String> = OnceLock::new();
        ADDRESS.get_or_init(|| versioned("/assets/booth.js", super::BOOTH_SCRIPT))
    }

    /// The console's script's address, which changes whenever its content does.
    pub fn console_script(&self) -> &'static str {
        static ADDRESS: OnceLock<String> = OnceLock::new();
        ADDRESS.get_or_init(|| versioned("/assets/console.js", super::CONSOLE_SCRIPT))
    }

    /// The problem of a service as lines of an error summary: each field's message after the
    /// words for the field, so that every line reads as a sentence and links to its input. A
    /// field inside a list (`cost_lines[1].amount_cents`) links to the list's input.
    pub fn errors(&self, error: &ApiError, fields: &[Field]) -> Vec<ErrorItem> {
        if error.errors.is_empty() {
            return vec![ErrorItem {
                anchor: None,
                message: self.say(&error.detail),
            }];
        }
        error
            .errors
            .iter()
            .map(|e| {
                let field = fields.iter().find(|f| {
                    let nested = e.field.strip_prefix(f.name);
                    nested.is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
                });
                let label = field.map_or_else(|| e.field.clone(), |f| self.say(&f.label));
                ErrorItem {
                    anchor: field.and_then(|f| f.input).map(str::to_string),
                    message: self.say(&t!(
                        "site-field-error",
                        label = label,
                        message = e.message.clone()
                    )),
                }
            })
            .collect()
    }

    pub fn render(&self, template: &impl Template) -> HttpResponse {
        self.render_with(StatusCode::OK, template)
    }

    pub fn render_with(&self, status: StatusCode, template: &impl Template) -> HttpResponse {
        let body = match template.render() {
            Ok(body) => body,
            Err(e) => {
                tracing::error!(error = %e, "a page did not render");
                return HttpResponse::InternalServerError().finish();
            }
        };
        let mut response = HttpResponse::build(status);
        response
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CONTENT_LANGUAGE, self.lang()))
            .insert_header((header::VARY, "Accept-Language, Cookie"))
            .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .insert_header((header::REFERRER_POLICY, "same-origin"));
        if self.csrf_new {
            let cookie = Cookie::build(session::CSRF_COOKIE, self.csrf_seed.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(self.secure_cookies)
                .finish();
            response.cookie(cookie);
        }
        if self.chosen {
            let cookie = Cookie::build(LANGUAGE_COOKIE, self.lang())
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(Duration::days(365))
                .finish();
            response.cookie(cookie);
        }
        response.body(body)
    }
}

/// The answer to a form that worked: go (and reload) there.
pub fn see_other(location: &str) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((actix_web::http::header::LOCATION, location.to_string()));
    response
}

/// An asset's address with a tag of its content, so that it can be cached for a year.
fn versioned(path: &str, content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let tag: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("{path}?v={tag}")
}

fn web_query_lang(req: &HttpRequest) -> Option<Locale> {
    form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Locale::parse(&value))
}

#[derive(Template)]
#[template(path = "message.html")]
/// A page that says one thing: a heading, a sentence and where to go next.
pub struct MessagePage {
    pub page: Page,
    pub heading: String,
    pub body: String,
    pub next: Option<(String, String)>,
}

impl MessagePage {
    pub fn new(page: Page, heading: Text, body: Text) -> Self {
        let home = (String::from("/"), page.t("site-to-home"));
        Self {
            heading: page.say(&heading),
            body: page.say(&body),
            next: Some(home),
            page,
        }
    }
}

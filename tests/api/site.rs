//! The residents' website: the pages behind the links the server mails work as plain forms
//! (no JavaScript), in Dutch by default, French or English, with a strict security policy, and
//! a closed round's page says why each project was or was not funded.

use serde_json::json;

use crate::editions::{create_area, create_edition, move_to};
use crate::helpers::{PASSWORD, Reply, TestApp, spawn_app};
use crate::proposals::{resident_of, setting, submitted_proposal};
use crate::voting::{round, vote_and_close, voting_edition};

async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request).await
}

/// A browser without JavaScript: it keeps the cookies the site sets, and submits a form with
/// the token of the last page it opened, as a real form would.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: std::collections::BTreeMap<String, String>,
    form_token: String,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: Default::default(),
            form_token: String::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, reply: &Reply) {
        for set in reply.headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (name, rest) = set.split_once('=').unwrap();
            let value = rest.split(';').next().unwrap();
            if value.is_empty() || set.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        let marker = "name=\"csrf_token\" value=\"";
        if let Some(start) = reply.text.find(marker) {
            let rest = &reply.text[start + marker.len()..];
            self.form_token = rest[..rest.find('"').unwrap()].to_string();
        }
    }

    pub async fn open(&mut self, path: &str) -> Reply {
        let request = self
            .app
            .client
            .get(self.app.url(path))
            .header("Cookie", self.cookie_header());
        let reply = self.app.send(request).await;
        self.keep(&reply);
        reply
    }

    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.form_token.clone();
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .append_pair("csrf_token", &token)
            .finish();
        let request = self
            .app
            .client
            .post(self.app.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", self.cookie_header())
            .body(body);
        let reply = self.app.send(request).await;
        self.keep(&reply);
        reply
    }

    /// Sends a form with a file (`multipart/form-data`), as a browser does for a file input.
    pub async fn upload(&mut self, path: &str, field: &str, file_name: &str, file: &str) -> Reply {
        let boundary = "----wijkbudget-test-boundary";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n",
            self.form_token
        );
        let request = self
            .app
            .client
            .post(self.app.url(path))
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("Cookie", self.cookie_header())
            .body(body);
        let reply = self.app.send(request).await;
        self.keep(&reply);
        reply
    }

    /// Sends a form with a binary file and other fields, as a browser does.
    pub async fn upload_file(
        &mut self,
        path: &str,
        (file_name, content_type, bytes): (&str, &str, Vec<u8>),
        fields: &[(&str, &str)],
    ) -> Reply {
        let mut form = reqwest::multipart::Form::new().text("csrf_token", self.form_token.clone());
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_string())
            .mime_str(content_type)
            .unwrap();
        let request = self
            .app
            .client
            .post(self.app.url(path))
            .header("Cookie", self.cookie_header())
            .multipart(form.part("file", part));
        let reply = self.app.send(request).await;
        self.keep(&reply);
        reply
    }
}

pub fn header(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The `Set-Cookie` header that sets `name`.
fn set_cookie(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_default()
}

#[track_caller]
pub fn assert_page(reply: &Reply, status: u16, lang: &str) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert!(
        reply.content_type().starts_with("text/html"),
        "{}",
        reply.content_type()
    );
    assert!(
        reply.text.contains(&format!("<html lang=\"{lang}\">")),
        "{}",
        reply.text
    );
    assert!(header(reply, "content-security-policy").contains("default-src 'self'"));
    for script in reply.text.split("<script").skip(1) {
        assert!(
            script.starts_with(" src=\"/assets/booth.js?v=")
                || script.starts_with(" src=\"/assets/console.js?v="),
            "only the site's own scripts, from this site: <script{script}"
        );
    }
    for outside in ["http://", "https://", "//cdn"] {
        assert!(
            !reply.text.contains(outside),
            "a request to another origin: {outside}"
        );
    }
}

#[tokio::test]
async fn the_home_page_speaks_dutch_unless_the_reader_asks_or_chose_otherwise() {
    let app = spawn_app().await;
    let dutch = page(&app, "/", &[]).await;
    assert_page(&dutch, 200, "nl");
    assert!(dutch.text.contains("Wijkbudgetten"));
    let french = page(&app, "/", &[("Accept-Language", "fr-BE,fr;q=0.9")]).await;
    assert_page(&french, 200, "fr");
    assert!(french.text.contains("Budgets de quartier"));
    let chosen = page(&app, "/?lang=en", &[("Accept-Language", "fr")]).await;
    assert_page(&chosen, 200, "en");
    let cookie = set_cookie(&chosen, "lang");
    assert!(
        cookie.starts_with("lang=en") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let remembered = page(
        &app,
        "/",
        &[("Accept-Language", "fr"), ("Cookie", "lang=en")],
    )
    .await;
    assert_page(&remembered, 200, "en");
    assert!(remembered.text.contains("Neighbourhood budgets"));
    let stylesheet = dutch
        .text
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let css = page(&app, stylesheet, &[]).await;
    assert_eq!(css.status, 200);
    assert!(header(&css, "cache-control").contains("immutable"));
}

#[tokio::test]
async fn the_mailed_verification_link_opens_a_page_that_confirms_with_one_press() {
    let app = spawn_app().await;
    let account = app.unverified_resident("Lotte").await;
    let token = app.mailed_token(&account.email, "verify-email").await;
    let mut browser = Browser::new(&app);
    let form = browser.open(&format!("/verify-email?token={token}")).await;
    assert_page(&form, 200, "nl");
    assert!(
        form.text
            .contains("method=\"post\" action=\"/verify-email\"")
    );
    let me = app.get("/api/v1/me", Some(&account.token)).await.json();
    assert_eq!(
        me["email_verified"], false,
        "opening the link alone confirms nothing"
    );
    let done = browser.submit("/verify-email", &[("token", &token)]).await;
    assert_page(&done, 200, "nl");
    assert!(
        done.text.contains("Je e-mailadres is bevestigd"),
        "{}",
        done.text
    );
    let me = app.get("/api/v1/me", Some(&account.token)).await.json();
    assert_eq!(me["email_verified"], true);
    let again = browser.submit("/verify-email", &[("token", &token)]).await;
    assert_page(&again, 422, "nl");
    assert!(again.text.contains("Er is een probleem"), "{}", again.text);
}

#[tokio::test]
async fn a_new_password_is_chosen_on_the_page_the_reset_mail_links_to() {
    let app = spawn_app().await;
    let account = app.resident("Karim").await;
    let mut browser = Browser::new(&app);
    browser.open("/forgot-password").await;
    let asked = browser
        .submit("/forgot-password", &[("email", &account.email)])
        .await;
    assert_page(&asked, 200, "nl");
    let token = app.mailed_token(&account.email, "reset-password").await;
    let form = page(
        &app,
        &format!("/reset-password?token={token}"),
        &[("Accept-Language", "fr")],
    )
    .await;
    assert_page(&form, 200, "fr");
    assert!(form.text.contains("autocomplete=\"new-password\""));
    assert!(
        ["&amp;", "&#38;"].iter().any(|amp| form
            .text
            .contains(&format!("/reset-password?token={token}{amp}lang=nl"))),
        "switching the language keeps the link's token"
    );
    let weak = browser
        .submit(
            "/reset-password",
            &[("token", &token), ("new_password", "kort")],
        )
        .await;
    assert_page(&weak, 422, "nl");
    assert!(
        weak.text.contains("<a href=\"#new-password\">"),
        "the error summary links to the field: {}",
        weak.text
    );
    assert!(weak.text.contains("id=\"new-password-error\""));
    let new_password = "zeven kleine eenden op de vijver";
    let done = browser
        .submit(
            "/reset-password",
            &[("token", &token), ("new_password", new_password)],
        )
        .await;
    assert_page(&done, 200, "nl");
    assert_eq!(app.login(&account.email, new_password).await.status, 200);
    assert_eq!(app.login(&account.email, PASSWORD).await.status, 401);
}

#[tokio::test]
async fn a_closed_round_s_page_says_why_each_project_was_funded_or_not() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 4, &[300_000, 150_000, 200_000]).await;
    let p = v.projects.clone();
    let r = round(&app, &v, json!({"rule": "equalshares/add1"})).await;
    let open = page(&app, &format!("/rounds/{r}"), &[]).await;
    assert_page(&open, 200, "nl");
    assert!(open.text.contains("Op het stembiljet"));
    let ballots = [vec![p[0], p[1]], vec![p[0]], vec![p[1], p[2]], vec![p[2]]];
    vote_and_close(&app, &v, r, &ballots).await;
    let results = page(&app, &format!("/rounds/{r}"), &[("Accept-Language", "fr")]).await;
    assert_page(&results, 200, "fr");
    // French apostrophes are escaped in HTML.
    assert!(
        results
            .text
            .contains("Financé au tour 1 d&#39;Equal Shares"),
        "{}",
        results.text
    );
    assert!(
        results
            .text
            .contains("Equal Shares a relevé le budget par électeur")
    );
    // The chart draws a bar per project with its words beside it; funded ones are ticked in
    // text, not marked by colour alone, and the table stays as its text alternative.
    assert!(results.text.contains("<svg") && results.text.contains("role=\"img\""));
    let ticked = results.text.matches("✓ ").count();
    let funded = results.text.matches("class=\"funded\"").count();
    assert!(ticked >= 1 && funded >= 1, "{}", results.text);
    assert!(
        results.text.contains("voix"),
        "the bars are labelled in French"
    );
    assert!(
        results.text.contains("des 4 habitants qui pouvaient voter"),
        "{}",
        results.text
    );
    let edition = page(&app, &format!("/editions/{}", v.edition), &[]).await;
    assert_page(&edition, 200, "nl");
    assert!(edition.text.contains(&format!("href=\"/rounds/{r}\"")));
    assert!(edition.text.contains("Het geld per wijk"));
    assert!(
        edition.text.contains("voor de 1.000 inwoners"),
        "each envelope says why it has its amount: {}",
        edition.text
    );
    let proposal = page(&app, &format!("/proposals/{}", p[1]), &[]).await;
    assert_page(&proposal, 200, "nl");
    let missing = page(&app, "/proposals/987654", &[]).await;
    assert_page(&missing, 404, "nl");
    assert!(missing.text.contains("Pagina niet gevonden"));
}

#[tokio::test]
async fn a_draft_edition_is_not_public_yet() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let area = create_area(&app, &admin, "NOORD", 1000, 0.2).await;
    let draft = create_edition(&app, &admin, &[area]).await;
    let reply = page(&app, &format!("/editions/{draft}"), &[]).await;
    assert_page(&reply, 404, "nl");
    let home = page(&app, "/", &[]).await;
    assert!(!home.text.contains(&format!("/editions/{draft}")));
}

#[tokio::test]
async fn nothing_a_visitor_or_an_author_sends_runs_as_script_on_a_page() {
    let app = spawn_app().await;
    let attack = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    let encoded: String = form_urlencoded::byte_serialize(attack.as_bytes()).collect();
    for path in ["/verify-email", "/reset-password"] {
        let reply = page(&app, &format!("{path}?token={encoded}"), &[]).await;
        assert_page(&reply, 200, "nl");
        assert!(!reply.text.contains("<img src=x"), "{}", reply.text);
    }
    let s = crate::proposals::setting(&app).await;
    let author = crate::proposals::resident_of(&app, &s.admin, "Auteur", s.north).await;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &json!({
                "area_id": s.north,
                "title": "<script>alert(3)</script>Bomen",
                "summary": "Samenvatting <img src=x onerror=alert(4)>",
                "body": "Tekst <script>alert(5)</script> [link](javascript:alert(6))",
                "category": "groen",
                "estimated_cost_cents": 100_000,
            }),
            Some(&author.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let id = created.json()["id"].as_i64().unwrap();
    let submitted = app
        .post(
            &format!("/api/v1/proposals/{id}/submit"),
            &json!({}),
            Some(&author.token),
        )
        .await;
    assert_eq!(submitted.status, 200, "{}", submitted.text);
    let reply = page(&app, &format!("/proposals/{id}"), &[]).await;
    assert_page(&reply, 200, "nl");
    assert!(!reply.text.contains("<img src=x"), "{}", reply.text);
    assert!(!reply.text.contains("javascript:"), "{}", reply.text);
}

#[tokio::test]
async fn every_link_the_server_mails_opens_a_page() {
    let app = spawn_app().await;
    let newcomer = app.unverified_resident("Noor").await;
    let mut browser = Browser::new(&app);
    browser.open("/forgot-password").await;
    browser
        .submit("/forgot-password", &[("email", &newcomer.email)])
        .await;
    app.mailed_token(&newcomer.email, "reset-password").await;
    // A round that opens, is voted in and closes mails its voters and the authors.
    let v = voting_edition(&app, 2, &[100_000, 150_000]).await;
    let r = round(&app, &v, json!({"rule": "greedy"})).await;
    vote_and_close(&app, &v, r, &[vec![v.projects[0]]]).await;
    app.wait_for_mail(&v.voters[0].email, &format!("/rounds/{r}"))
        .await;
    let mut paths: Vec<String> = app
        .delivered_mail()
        .iter()
        .flat_map(|mail| {
            mail.body
                .split_whitespace()
                .filter_map(|word| word.strip_prefix("http://wijkbudget.test"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    paths.sort();
    paths.dedup();
    let kinds: Vec<&str> = paths
        .iter()
        .map(|p| {
            p.trim_start_matches('/')
                .split(['/', '?'])
                .next()
                .unwrap_or("")
        })
        .collect();
    for kind in ["verify-email", "reset-password", "rounds", "proposals"] {
        assert!(
            kinds.contains(&kind),
            "no mailed /{kind} link among {paths:?}"
        );
    }
    for path in &paths {
        let reply = page(&app, path, &[]).await;
        assert_page(&reply, 200, "nl");
    }
}

#[tokio::test]
async fn the_proposals_page_shows_a_fair_order_that_stays_put_and_pages_and_filters() {
    let app = spawn_app().await;
    let s = crate::proposals::setting(&app).await;
    let mut authors = Vec::new();
    for k in 0..7 {
        let name = format!("Auteur {k}");
        authors.push(crate::proposals::resident_of(&app, &s.admin, &name, s.north).await);
    }
    for n in 0..21 {
        crate::proposals::submitted_proposal(
            &app,
            &authors[n / 3],
            s.edition,
            s.north,
            &format!("Voorstel nummer {n:02}"),
            100_000,
        )
        .await;
    }
    let path = format!("/editions/{}/proposals", s.edition);
    let first = page(&app, &path, &[]).await;
    assert_page(&first, 200, "nl");
    let cookie = set_cookie(&first, "seed");
    assert!(
        cookie.starts_with("seed=") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let seed = cookie.split(';').next().unwrap().to_string();
    let titles = |reply: &Reply| -> Vec<String> {
        reply
            .text
            .split("\">Voorstel nummer ")
            .skip(1)
            .map(|rest| rest[..2].to_string())
            .collect()
    };
    let again = page(&app, &path, &[("Cookie", &seed)]).await;
    assert_eq!(
        titles(&first),
        titles(&again),
        "the same order for the same visitor"
    );
    assert_eq!(titles(&first).len(), 20);
    let next = again
        .text
        .split("href=\"")
        .find(|h| h.contains("after="))
        .unwrap();
    let next = next
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let rest = page(&app, &next, &[("Cookie", &seed)]).await;
    assert_page(&rest, 200, "nl");
    let mut all: Vec<String> = titles(&again).into_iter().chain(titles(&rest)).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 21, "every proposal once over the two pages");
    let found = page(&app, &format!("{path}?q=nummer+07"), &[("Cookie", &seed)]).await;
    assert_eq!(titles(&found), vec!["07"]);
    let south = page(
        &app,
        &format!("{path}?area={}", s.south),
        &[("Cookie", &seed)],
    )
    .await;
    assert!(titles(&south).is_empty());
    assert!(south.text.contains("Geen enkel voorstel past."));
}

#[tokio::test]
async fn signing_in_on_the_site_opens_my_page_and_signing_out_ends_the_session() {
    let app = spawn_app().await;
    let account = app.resident("Yasmine").await;
    let mut browser = Browser::new(&app);
    let away = browser.open("/me").await;
    assert_eq!(away.status, 303);
    assert_eq!(header(&away, "location"), "/login?next=%2Fme");
    let form = browser.open("/login?next=%2Fme").await;
    assert_page(&form, 200, "nl");
    assert!(form.text.contains("name=\"email\"") && form.text.contains("name=\"password\""));

    let wrong = browser
        .submit(
            "/login",
            &[
                ("email", &account.email),
                ("password", "niet het wachtwoord"),
            ],
        )
        .await;
    assert_page(&wrong, 401, "nl");
    assert!(wrong.text.contains("error-summary"), "{}", wrong.text);
    assert!(!browser.cookies.contains_key("session"));

    let signed_in = browser
        .submit(
            "/login",
            &[
                ("email", &account.email),
                ("password", PASSWORD),
                ("next", "/me"),
            ],
        )
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.text);
    assert_eq!(header(&signed_in, "location"), "/me");
    let cookie = set_cookie(&signed_in, "session");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "the test site is served over http: {cookie}"
    );
    let mine = browser.open("/me").await;
    assert_page(&mine, 200, "nl");
    assert!(mine.text.contains("Yasmine") && mine.text.contains(&account.email));
    let session = browser.cookies["session"].clone();

    let out = browser.submit("/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert!(!browser.cookies.contains_key("session"));
    assert_eq!(browser.open("/me").await.status, 303);
    // A copy of the cookie kept from before is worth nothing: the session ended on the server.
    browser.cookies.insert("session".into(), session);
    assert_eq!(browser.open("/me").await.status, 303);
}

#[tokio::test]
async fn after_signing_in_the_site_only_goes_to_its_own_pages() {
    let app = spawn_app().await;
    let account = app.resident("Ruben").await;
    for next in [
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let mut browser = Browser::new(&app);
        browser.open("/login").await;
        let signed_in = browser
            .submit(
                "/login",
                &[
                    ("email", &account.email),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(signed_in.status, 303);
        assert_eq!(header(&signed_in, "location"), "/me", "{next}");
    }
}

#[tokio::test]
async fn a_form_without_the_token_of_this_browser_is_refused() {
    let app = spawn_app().await;
    let account = app.resident("Mila").await;
    let fields = [("email", account.email.as_str()), ("password", PASSWORD)];
    let mut stranger = Browser::new(&app);
    let no_cookie = stranger.submit("/login", &fields).await;
    assert_page(&no_cookie, 403, "nl");
    assert!(!stranger.cookies.contains_key("session"));

    let mut visitor = Browser::new(&app);
    visitor.open("/login").await;
    let mut other = Browser::new(&app);
    other.open("/login").await;
    // Another browser's token does not fit this browser's cookie.
    visitor.form_token = other.form_token.clone();
    assert_page(&visitor.submit("/login", &fields).await, 403, "nl");
    visitor.form_token = String::new();
    assert_page(&visitor.submit("/login", &fields).await, 403, "nl");
    for path in [
        "/register",
        "/forgot-password",
        "/verify-email",
        "/reset-password",
        "/logout",
    ] {
        assert_eq!(visitor.submit(path, &[]).await.status, 403, "{path}");
    }
    assert!(!visitor.cookies.contains_key("session"));
    // A forged session cookie opens nothing either.
    visitor
        .cookies
        .insert("session".into(), format!("{}.abc.def", account.id));
    assert_eq!(visitor.open("/me").await.status, 303);
}

#[tokio::test]
async fn registering_on_the_site_mails_the_confirmation_link_in_the_page_s_language() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    let form = browser.open("/register?lang=fr").await;
    assert_page(&form, 200, "fr");
    let refused = browser
        .submit(
            "/register",
            &[
                ("display_name", "Inès"),
                ("email", "geen-adres"),
                ("password", "kort"),
            ],
        )
        .await;
    assert_page(&refused, 422, "fr");
    for field in ["#email", "#password"] {
        assert!(
            refused.text.contains(&format!("<a href=\"{field}\">")),
            "the summary links to {field}: {}",
            refused.text
        );
    }
    let done = browser
        .submit(
            "/register",
            &[
                ("display_name", "Inès"),
                ("email", "ines@example.org"),
                ("password", "zeven kleine eenden op de vijver"),
            ],
        )
        .await;
    assert_page(&done, 200, "fr");
    let mail = app
        .wait_for_mail("ines@example.org", "/verify-email?token=")
        .await;
    assert!(
        mail.body.contains("adresse"),
        "mailed in French: {}",
        mail.body
    );
}

/// Signs in on the site as `account`.
pub async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser.open("/login").await;
    let reply = browser
        .submit("/login", &[("email", email), ("password", PASSWORD)])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text);
    browser
}

/// An edition in its voting phase with one open round of this kind, and a voter signed in on
/// the site; the API's view of the voter's ballot in it.
struct Booth<'a> {
    app: &'a TestApp,
    browser: Browser<'a>,
    projects: Vec<i64>,
    round: i64,
    token: String,
}

impl<'a> Booth<'a> {
    async fn open(app: &'a TestApp, settings: serde_json::Value) -> Booth<'a> {
        let v = voting_edition(app, 1, &[100_000, 150_000, 200_000]).await;
        let round = round(app, &v, settings).await;
        let voter = &v.voters[0];
        Booth {
            app,
            browser: signed_in(app, &voter.email).await,
            projects: v.projects.clone(),
            round,
            token: voter.token.clone(),
        }
    }

    fn id(&self, n: usize) -> String {
        self.projects[n].to_string()
    }

    async fn page(&mut self) -> Reply {
        let path = format!("/rounds/{}", self.round);
        self.browser.open(&path).await
    }

    async fn vote(&mut self, fields: &[(&str, &str)]) -> Reply {
        let path = format!("/rounds/{}/ballot", self.round);
        self.browser.submit(&path, fields).await
    }

    async fn ballot(&self) -> serde_json::Value {
        let path = format!("/api/v1/rounds/{}/ballot", self.round);
        self.app.get(&path, Some(&self.token)).await.json()
    }
}

#[tokio::test]
async fn an_approval_ballot_is_cast_on_the_site_without_javascript() {
    let app = spawn_app().await;
    let mut booth = Booth::open(&app, json!({"max_choices": 2})).await;
    let (a, b, c) = (booth.id(0), booth.id(1), booth.id(2));

    let anonymous = page(&app, &format!("/rounds/{}", booth.round), &[]).await;
    assert_page(&anonymous, 200, "nl");
    assert!(
        anonymous
            .text
            .contains(&format!("/login?next=%2Frounds%2F{}", booth.round))
    );
    assert!(!anonymous.text.contains("name=\"project_ids\""));

    // The rules come first; one checkbox per proposal.
    let form = booth.page().await;
    assert_page(&form, 200, "nl");
    let rules = form.text.find("Kies hoogstens 2 projecten").unwrap();
    let first_box = form.text.find("type=\"checkbox\"").unwrap();
    assert!(
        rules < first_box,
        "the rules are read before the first choice"
    );
    assert!(
        form.text
            .contains(&format!("name=\"project_ids\" value=\"{a}\""))
    );
    let too_many = booth
        .vote(&[
            ("project_ids", &a),
            ("project_ids", &b),
            ("project_ids", &c),
        ])
        .await;
    assert_page(&too_many, 422, "nl");
    assert!(too_many.text.contains("error-summary"), "{}", too_many.text);
    let cast = booth
        .vote(&[("project_ids", &a), ("project_ids", &c)])
        .await;
    assert_page(&cast, 201, "nl");
    let ballot = booth.ballot().await;
    assert_eq!(
        ballot["project_ids"],
        json!([booth.projects[0], booth.projects[2]])
    );
    let receipt = ballot["receipt"].as_str().unwrap().to_string();
    assert!(cast.text.contains(&receipt), "{}", cast.text);
    let again = booth.page().await;
    assert!(again.text.contains(&receipt));
    let mine = booth.browser.open("/me").await;
    assert!(
        mine.text.contains(&receipt) && mine.text.contains(&format!("/rounds/{}", booth.round)),
        "my page lists the vote with its receipt: {}",
        mine.text
    );
    assert!(again.text.contains(&format!("value=\"{a}\" checked")));
}

#[tokio::test]
async fn a_knapsack_ballot_over_its_limit_is_refused_on_the_site() {
    let app = spawn_app().await;
    let mut booth = Booth::open(
        &app,
        json!({"ballot_type": "knapsack", "budget_limit_cents": 250_000}),
    )
    .await;
    let (a, b, c) = (booth.id(0), booth.id(1), booth.id(2));
    booth.page().await;
    let over = booth
        .vote(&[("project_ids", &b), ("project_ids", &c)])
        .await;
    assert_page(&over, 422, "nl");
    let within = booth
        .vote(&[("project_ids", &a), ("project_ids", &b)])
        .await;
    assert_page(&within, 201, "nl");
    assert_eq!(
        booth.ballot().await["project_ids"],
        json!([booth.projects[0], booth.projects[1]])
    );
}

#[tokio::test]
async fn a_cumulative_ballot_is_cast_on_the_site_without_javascript() {
    let app = spawn_app().await;
    let mut booth = Booth::open(
        &app,
        json!({"ballot_type": "cumulative", "points": 10, "max_points_per_project": 6}),
    )
    .await;
    let points = |n: usize| format!("points[{}]", booth.projects[n]);
    let (first, second, third) = (points(0), points(1), points(2));
    let form = booth.page().await;
    assert!(form.text.contains(&format!("name=\"{first}\"")));
    let too_much = booth.vote(&[(&first, "7"), (&third, "3")]).await;
    assert_page(&too_much, 422, "nl");
    assert!(
        too_much
            .text
            .contains(&format!("<a href=\"#p-{}\">", booth.projects[0])),
        "the summary links to the project's field: {}",
        too_much.text
    );
    assert!(
        too_much.text.contains("value=\"7\""),
        "what was typed is kept"
    );
    let spread = booth
        .vote(&[(&first, "6"), (&second, ""), (&third, "4")])
        .await;
    assert_page(&spread, 201, "nl");
    assert_eq!(
        booth.ballot().await["points"],
        json!({booth.id(0): 6, booth.id(2): 4})
    );
}

/// The numbers give the order; the same rank twice is refused.
#[tokio::test]
async fn a_ranked_ballot_is_cast_on_the_site_without_javascript() {
    let app = spawn_app().await;
    let mut booth = Booth::open(&app, json!({"ballot_type": "ranked", "max_choices": 2})).await;
    let rank = |n: usize| format!("rank[{}]", booth.projects[n]);
    let (first, second, third) = (rank(0), rank(1), rank(2));
    booth.page().await;
    let twice = booth.vote(&[(&first, "1"), (&third, "1")]).await;
    assert_page(&twice, 422, "nl");
    let ordered = booth.vote(&[(&first, "2"), (&third, "1")]).await;
    assert_page(&ordered, 201, "nl");
    assert_eq!(
        booth.ballot().await["project_ids"],
        json!([booth.projects[2], booth.projects[0]])
    );
    let changed = booth.vote(&[(&second, "1")]).await;
    assert_page(&changed, 200, "nl");
    assert_eq!(
        booth.ballot().await["project_ids"],
        json!([booth.projects[1]])
    );
}

#[tokio::test]
async fn a_resident_supports_a_proposal_on_the_site_and_takes_it_back() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    let id = submitted_proposal(
        &app,
        &author,
        s.edition,
        s.north,
        "Bankjes in het park",
        80_000,
    )
    .await;
    move_to(&app, &s.admin, s.edition, "support").await;
    let path = format!("/proposals/{id}");
    let anonymous = page(&app, &path, &[]).await;
    assert_page(&anonymous, 200, "nl");
    assert!(
        anonymous
            .text
            .contains(&format!("/login?next=%2Fproposals%2F{id}"))
    );

    let mut browser = signed_in(&app, &neighbour.email).await;
    let form = browser.open(&path).await;
    assert!(
        form.text
            .contains(&format!("action=\"/proposals/{id}/support\""))
    );
    let supported = browser.submit(&format!("{path}/support"), &[]).await;
    assert_eq!(supported.status, 303, "{}", supported.text);
    assert_eq!(header(&supported, "location"), path);
    let api_path = format!("/api/v1/proposals/{id}");
    let count = || async { app.get(&api_path, None).await.json()["support_count"].clone() };
    assert_eq!(count().await, 1);
    let shown = browser.open(&path).await;
    assert!(
        shown.text.contains("Je steunt dit voorstel"),
        "{}",
        shown.text
    );
    let twice = browser.submit(&format!("{path}/support"), &[]).await;
    assert_eq!(twice.status, 303, "supporting twice changes nothing");
    assert_eq!(count().await, 1);
    let withdrawn = browser
        .submit(&format!("{path}/support"), &[("action", "withdraw")])
        .await;
    assert_eq!(withdrawn.status, 303);
    assert_eq!(count().await, 0);
    // Once the support phase is over, the page says why supporting no longer works.
    move_to(&app, &s.admin, s.edition, "review").await;
    let refused = browser.submit(&format!("{path}/support"), &[]).await;
    assert_page(&refused, 409, "nl");
    assert!(refused.text.contains("error-summary"), "{}", refused.text);
}

#[tokio::test]
async fn an_address_the_site_does_not_have_gets_a_page_and_the_api_a_problem() {
    let app = spawn_app().await;
    let browser = [("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")];
    for path in ["/nergens", "/rounds/geen-nummer", "/proposals/999999"] {
        let missing = page(&app, path, &browser).await;
        assert_page(&missing, 404, "nl");
        assert!(
            missing.text.contains("Pagina niet gevonden") || missing.text.contains("niet gevonden"),
            "{path}: {}",
            missing.text
        );
    }
    let french = page(&app, "/nergens", &[browser[0], ("Accept-Language", "fr")]).await;
    assert_page(&french, 404, "fr");
    // Programs, and the API's addresses even in a browser, get problem details.
    let program = page(&app, "/nergens", &[]).await;
    assert!(
        program
            .content_type()
            .starts_with("application/problem+json")
    );
    for path in ["/api/v1/nergens", "/api/v1/rounds/geen-nummer"] {
        let problem = page(&app, path, &browser).await;
        assert_eq!(problem.status, 404, "{path}");
        assert!(
            problem
                .content_type()
                .starts_with("application/problem+json"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_voter_finds_their_ballot_under_their_receipt_once_the_round_is_counted() {
    let app = spawn_app().await;
    let v = voting_edition(&app, 2, &[100_000, 150_000]).await;
    let r = round(&app, &v, json!({"rule": "greedy"})).await;
    let cast = app
        .put(
            &format!("/api/v1/rounds/{r}/ballot"),
            &json!({"project_ids": [v.projects[1]]}),
            Some(&v.voters[0].token),
        )
        .await;
    let receipt = cast.json()["receipt"].as_str().unwrap().to_string();
    let early = page(&app, &format!("/rounds/{r}/receipt?code={receipt}"), &[]).await;
    assert_page(&early, 409, "nl");
    vote_and_close(&app, &v, r, &[]).await;

    let form = page(&app, &format!("/rounds/{r}/receipt"), &[]).await;
    assert_page(&form, 200, "nl");
    let found = page(&app, &format!("/rounds/{r}/receipt?code={receipt}"), &[]).await;
    assert_page(&found, 200, "nl");
    assert!(
        found
            .text
            .contains("Deze stem werd onder je ontvangstbewijs geteld"),
        "{}",
        found.text
    );
    assert!(found.text.contains("<li>Project 1</li>"), "{}", found.text);
    assert!(!found.text.contains("<li>Project 0</li>"));
    let wrong = page(
        &app,
        &format!("/rounds/{r}/receipt?code=0000{receipt}"),
        &[],
    )
    .await;
    assert_page(&wrong, 200, "nl");
    assert!(
        wrong
            .text
            .contains("Onder dit ontvangstbewijs werd geen stem"),
        "{}",
        wrong.text
    );
    let results = page(&app, &format!("/rounds/{r}"), &[]).await;
    assert!(
        results
            .text
            .contains(&format!("href=\"/rounds/{r}/receipt\""))
    );
}

#[tokio::test]
async fn a_resident_enters_the_code_of_their_residency_letter_on_my_page() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let north = create_area(&app, &admin, "NOORD", 1000, 0.2).await;
    let codes = app
        .post(
            &format!("/api/v1/areas/{north}/residency-codes"),
            &json!({"count": 1}),
            Some(&admin.token),
        )
        .await;
    let code = codes.text.lines().nth(1).unwrap().to_string();
    let resident = app.resident("Fien").await;
    let mut browser = signed_in(&app, &resident.email).await;
    let mine = browser.open("/me").await;
    assert!(
        mine.text.contains("action=\"/me/residency\""),
        "{}",
        mine.text
    );
    let wrong = browser
        .submit("/me/residency", &[("code", "GEEN-CODE")])
        .await;
    assert_page(&wrong, 422, "nl");
    assert!(wrong.text.contains("<a href=\"#code\">"), "{}", wrong.text);
    assert!(
        wrong.text.contains("value=\"GEEN-CODE\""),
        "what was typed is kept"
    );
    let redeemed = browser
        .submit("/me/residency", &[("code", &code.to_lowercase())])
        .await;
    assert_eq!(redeemed.status, 303, "{}", redeemed.text);
    let mine = browser.open("/me").await;
    assert!(!mine.text.contains("action=\"/me/residency\""));
    let me = app.get("/api/v1/me", Some(&resident.token)).await.json();
    assert_eq!(me["residency"]["area_id"], north);
    assert_eq!(me["residency"]["method"], "letter_code");
}

#[tokio::test]
async fn a_resident_writes_submits_and_withdraws_a_proposal_on_the_site() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Schrijver", s.north).await;
    let mut browser = signed_in(&app, &author.email).await;
    let edition = browser.open(&format!("/editions/{}", s.edition)).await;
    let path = format!("/editions/{}/propose", s.edition);
    assert!(
        edition.text.contains(&format!("href=\"{path}\"")),
        "{}",
        edition.text
    );
    let form = browser.open(&path).await;
    assert_page(&form, 200, "nl");
    assert!(
        form.text
            .contains(&format!("<option value=\"{}\" selected>", s.north)),
        "the resident's own area is chosen"
    );

    let area = s.north.to_string();
    let refused = browser
        .submit(
            &path,
            &[
                ("title", "Bomen"),
                ("summary", ""),
                ("body", ""),
                ("area", &area),
                ("cost", "veel"),
            ],
        )
        .await;
    assert_page(&refused, 422, "nl");
    assert!(
        refused.text.contains("<a href=\"#cost\">"),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("value=\"Bomen\""),
        "what was typed is kept"
    );
    let saved = browser
        .submit(
            &path,
            &[
                ("title", "Bomen langs de Leie"),
                ("summary", "Twintig bomen langs het jaagpad."),
                ("body", "Schaduw voor wandelaars en fietsers."),
                ("area", &area),
                ("category", "groen"),
                ("cost", "12.500,50"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let proposal_path = header(&saved, "location");
    let id = proposal_path.trim_start_matches("/proposals/").to_string();
    let api = format!("/api/v1/proposals/{id}");
    let stored = app.get(&api, Some(&author.token)).await.json();
    assert_eq!(stored["state"], "draft");
    assert_eq!(stored["estimated_cost_cents"], 1_250_050);

    let draft = browser.open(&proposal_path).await;
    assert!(
        draft
            .text
            .contains(&format!("action=\"/proposals/{id}/submit\""))
    );
    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;
    let mut other = signed_in(&app, &neighbour.email).await;
    let seen = other.open(&proposal_path).await;
    assert!(
        !seen.text.contains("/submit\""),
        "only the authors can submit"
    );

    let submitted = browser
        .submit(&format!("{proposal_path}/submit"), &[])
        .await;
    assert_eq!(submitted.status, 303, "{}", submitted.text);
    assert_eq!(app.get(&api, None).await.json()["state"], "submitted");
    let withdrawn = browser
        .submit(&format!("{proposal_path}/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.text);
    assert_eq!(
        app.get(&api, Some(&author.token)).await.json()["state"],
        "withdrawn"
    );
}

#[tokio::test]
async fn an_area_has_a_page_with_its_outline_on_the_map_its_money_and_its_proposals() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let outline = json!({"type": "Polygon", "coordinates": [[[3.70, 51.05], [3.72, 51.05], [3.72, 51.06], [3.70, 51.05]]]});
    let drawn = app
        .patch(
            &format!("/api/v1/areas/{}", s.north),
            &json!({"geometry": outline}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(drawn.status, 200, "{}", drawn.text);
    let draft = create_edition(&app, &s.admin, &[s.north]).await;

    let area = page(&app, &format!("/areas/{}", s.north), &[]).await;
    assert_page(&area, 200, "nl");
    assert!(area.text.contains("<h1>Wijk NOORD</h1>"), "{}", area.text);
    assert!(
        area.text.contains("<svg viewBox=\"0 0 1000 "),
        "{}",
        area.text
    );
    assert!(
        area.text.contains(&format!(
            "<a href=\"/areas/{}\" aria-label=\"Wijk NOORD\" aria-current=\"page\"",
            s.north
        )),
        "{}",
        area.text
    );
    assert!(
        !area.text.contains(&format!("href=\"/areas/{}\"", s.south)),
        "an area without an outline is not on the map"
    );
    assert!(area.text.contains("1.000"), "population as Dutch writes it");
    assert!(area.text.contains("0,2 (van 0"), "{}", area.text);
    assert!(area.text.contains(&format!(
        "href=\"/editions/{}/proposals?area={}\"",
        s.edition, s.north
    )));
    assert!(
        area.text.contains("<p><strong>€"),
        "the area's money in the edition"
    );
    assert!(
        !area.text.contains(&format!("/editions/{draft}")),
        "a draft edition is not public yet"
    );

    let edition = page(&app, &format!("/editions/{}", s.edition), &[]).await;
    assert_page(&edition, 200, "nl");
    assert_eq!(
        edition
            .text
            .matches(&format!("href=\"/areas/{}\"", s.north))
            .count(),
        2,
        "on the map and in the table"
    );
    assert!(
        edition
            .text
            .contains(&format!("href=\"/areas/{}\"", s.south))
    );

    let english = page(&app, &format!("/areas/{}?lang=en", s.north), &[]).await;
    assert_page(&english, 200, "en");
    assert!(english.text.contains("0.2 (from 0"), "{}", english.text);
    let missing = page(&app, "/areas/987654", &[("accept", "text/html")]).await;
    assert_page(&missing, 404, "nl");
}

/// The first round of the demo city's edition in `phase`.
async fn demo_round(app: &TestApp, phase: &str) -> i64 {
    let editions = app.get("/api/v1/editions?limit=20", None).await.json();
    let edition = editions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["phase"] == phase)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let rounds = app
        .get(&format!("/api/v1/editions/{edition}/rounds"), None)
        .await
        .json();
    rounds[0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_round_s_page_tells_the_council_s_decisions_and_a_funded_project_how_far_it_is() {
    let app = spawn_app().await;
    wijkbudget::cli::seed_demo::seed(&mut app.db(), &app.config.pseudonym_secret).unwrap();
    let council = app
        .with_role(
            &app.sign_in(
                wijkbudget::cli::seed_demo::ADMIN_EMAIL,
                wijkbudget::cli::seed_demo::PASSWORD,
            )
            .await,
            "Raadslid Test",
            "council",
            json!({}),
        )
        .await;
    let deciding = demo_round(&app, "decision").await;
    let results = app
        .get(&format!("/api/v1/rounds/{deciding}/results"), None)
        .await
        .json();
    let left_out = results["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["selected"] == false)
        .unwrap();
    let amended = app
        .post(
            &format!("/api/v1/rounds/{deciding}/decision"),
            &json!({
                "kind": "amend",
                "council_session": "Gemeenteraad 2027-07-01, punt 3",
                "decided_on": "2027-07-01",
                "add": [{"proposal_id": left_out["proposal_id"], "reason": "Dringend voor de school"}],
                "over_envelope_reason": "Aangevuld uit de reserve"
            }),
            Some(&council.token),
        )
        .await;
    assert_eq!(amended.status, 201, "{}", amended.text);

    let round = page(&app, &format!("/rounds/{deciding}"), &[]).await;
    assert_page(&round, 200, "nl");
    let amended_at = round
        .text
        .find("Gewijzigd door de gemeenteraad op 1 juli 2027 (Gemeenteraad 2027-07-01, punt 3)")
        .expect("the standing decision");
    let earlier = app
        .get(&format!("/api/v1/rounds/{deciding}/decisions"), None)
        .await
        .json()[0]["decided_on"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(earlier.ends_with("-06-23"), "{earlier}");
    let approved_at = round
        .text
        .find(&format!(
            "Goedgekeurd zoals geteld door de gemeenteraad op 23 juni {}",
            &earlier[..4]
        ))
        .expect("the earlier decision");
    assert!(
        amended_at < approved_at,
        "the decision that stands comes first"
    );
    assert!(round.text.contains(&format!(
        "Toegevoegd: {}. Waarom: Dringend voor de school",
        left_out["title"].as_str().unwrap()
    )));
    assert!(round.text.contains("Waarom: Aangevuld uit de reserve"));
    assert_eq!(
        round
            .text
            .matches("Een latere beslissing verving deze.")
            .count(),
        1
    );

    let implementing = demo_round(&app, "implementation").await;
    let funded = app
        .get(&format!("/api/v1/rounds/{implementing}/results"), None)
        .await
        .json()["selected"][0]
        .as_i64()
        .unwrap();
    let report = app
        .get(&format!("/api/v1/proposals/{funded}/report"), None)
        .await
        .json();
    let proposal = page(&app, &format!("/proposals/{funded}?lang=en"), &[]).await;
    assert_page(&proposal, 200, "en");
    for (words, field) in [
        ("Approved by the council", "approved_cost_cents"),
        ("Set aside on the city&#39;s budget", "allocated_cents"),
        ("Ordered (committed)", "committed_cents"),
        ("Paid", "spent_cents"),
    ] {
        let amount = wijkbudget::i18n::money(
            report[field].as_i64().unwrap(),
            wijkbudget::domain::locale::Locale::En,
        );
        let row =
            format!("<tr><th scope=\"row\">{words}</th><td class=\"number\">{amount}</td></tr>");
        assert!(proposal.text.contains(&row), "{row} in {}", proposal.text);
    }
    let milestone = &report["milestones"][0];
    assert!(proposal.text.contains(&format!(
        "<strong>{}</strong>",
        milestone["title"].as_str().unwrap()
    )));
    assert!(proposal.text.contains(&format!(
        "<progress id=\"progress\" max=\"100\" value=\"{}\">",
        milestone["progress_pct"]
    )));
    assert!(proposal.text.contains("<h2>History</h2>"));
}

#[tokio::test]
async fn the_booth_loads_its_own_small_script_that_only_counts_and_the_form_works_without_it() {
    let app = spawn_app().await;
    let mut booth = Booth::open(
        &app,
        json!({"ballot_type": "knapsack", "budget_limit_cents": 250_000}),
    )
    .await;
    let page_with_booth = booth.page().await;
    assert_page(&page_with_booth, 200, "nl");
    let text = &page_with_booth.text;
    assert!(text.contains("data-limit=\"250000\""), "{text}");
    assert!(text.contains("data-cents=\"100000\""), "{text}");
    assert!(
        text.contains("data-say=\"Je koos voor {used} van €\u{a0}2.500,00.\""),
        "{text}"
    );
    let address = text
        .split("<script src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let script = page(&app, &address, &[]).await;
    assert_eq!(script.status, 200);
    assert!(script.content_type().starts_with("text/javascript"));
    assert!(header(&script, "cache-control").contains("immutable"));
    assert!(script.text.len() < 4_000, "a few kilobytes at most");
    for outside in ["http", "fetch(", "XMLHttpRequest", "innerHTML", "eval("] {
        assert!(
            !script.text.contains(outside),
            "the script does only its count: {outside}"
        );
    }
    let other_app = spawn_app().await;
    let mut ranked = Booth::open(&other_app, json!({"ballot_type": "ranked"})).await;
    assert!(
        !ranked.page().await.text.contains("<script"),
        "nothing to count on a ranked ballot"
    );
}

#[tokio::test]
async fn an_author_previews_then_changes_a_proposal_with_cost_lines_a_place_and_a_co_author() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Schrijver", s.north).await;
    let neighbour = resident_of(&app, &s.admin, "Buurvrouw", s.north).await;
    let mut browser = signed_in(&app, &author.email).await;
    let path = format!("/editions/{}/propose", s.edition);
    browser.open(&path).await;
    let area = s.north.to_string();
    let text = [
        ("title", "Bomen langs de Leie"),
        ("summary", "Twintig bomen langs het jaagpad."),
        (
            "body",
            "Schaduw voor **wandelaars**.\n\n<script>alert(1)</script>",
        ),
        ("area", area.as_str()),
        ("category", "groen"),
        ("cost", "12.500"),
    ];

    let mut previewed = text.to_vec();
    previewed.extend([
        ("cost_lines", "Bomen; 10.000\nPlantgoed; 2.500"),
        ("intent", "preview"),
    ]);
    let preview = browser.submit(&path, &previewed).await;
    assert_page(&preview, 200, "nl");
    assert!(
        preview.text.contains("<strong>wandelaars</strong>"),
        "{}",
        preview.text
    );
    assert!(
        !preview.text.contains("<script>alert"),
        "the preview is sanitised"
    );
    assert!(
        preview.text.contains("Plantgoed: €\u{a0}2.500,00"),
        "{}",
        preview.text
    );
    let mine = app
        .get("/api/v1/me/proposals", Some(&author.token))
        .await
        .json();
    assert!(
        mine["items"].as_array().unwrap().is_empty(),
        "a preview saves nothing"
    );

    let mut wrong = text.to_vec();
    wrong.extend([("cost_lines", "Bomen zonder bedrag"), ("latitude", "noord")]);
    let refused = browser.submit(&path, &wrong).await;
    assert_page(&refused, 422, "nl");
    assert!(
        refused.text.contains("<a href=\"#cost_lines\">"),
        "{}",
        refused.text
    );
    assert!(
        refused.text.contains("<a href=\"#latitude\">"),
        "{}",
        refused.text
    );

    let mut saved_fields = text.to_vec();
    let coauthor = neighbour.id.to_string();
    saved_fields.extend([
        ("cost_lines", "Bomen; 10.000\nPlantgoed; 2.500"),
        ("latitude", "51,0543"),
        ("longitude", "3,7174"),
        ("coauthors", coauthor.as_str()),
        ("intent", "save"),
    ]);
    let saved = browser.submit(&path, &saved_fields).await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let proposal_path = header(&saved, "location");
    let id = proposal_path.trim_start_matches("/proposals/").to_string();
    let api = format!("/api/v1/proposals/{id}");
    let stored = app.get(&api, Some(&author.token)).await.json();
    assert_eq!(stored["cost_lines"][1]["amount_cents"], 250_000, "{stored}");
    assert_eq!(stored["location"]["latitude"], 51.0543);
    assert_eq!(stored["coauthor_ids"], json!([neighbour.id]));

    let page_of_it = browser.open(&proposal_path).await;
    assert!(
        page_of_it.text.contains("Buurvrouw"),
        "the co-author is named"
    );
    let edit_path = format!("/proposals/{id}/edit");
    assert!(page_of_it.text.contains(&format!("href=\"{edit_path}\"")));
    let edit = browser.open(&edit_path).await;
    assert_page(&edit, 200, "nl");
    assert!(edit.text.contains("Plantgoed; 2500,00"), "{}", edit.text);
    assert!(edit.text.contains("value=\"12500,00\""), "{}", edit.text);
    let mut changed = saved_fields.clone();
    changed[0] = ("title", "Dertig bomen langs de Leie");
    let changed_reply = browser.submit(&edit_path, &changed).await;
    assert_eq!(changed_reply.status, 303, "{}", changed_reply.text);
    let stored = app.get(&api, Some(&author.token)).await.json();
    assert_eq!(stored["title"], "Dertig bomen langs de Leie");

    let mut coauthor_browser = signed_in(&app, &neighbour.email).await;
    let as_coauthor = coauthor_browser.open(&edit_path).await;
    assert_page(&as_coauthor, 200, "nl");
    let stranger = resident_of(&app, &s.admin, "Passant", s.north).await;
    let mut stranger_browser = signed_in(&app, &stranger.email).await;
    let not_theirs = stranger_browser.open(&edit_path).await;
    assert_eq!(not_theirs.status, 404, "a draft is not there for others");
    stranger_browser.open("/").await;
    let forced = stranger_browser.submit(&edit_path, &changed).await;
    assert_eq!(forced.status, 404, "{}", forced.text);
    browser.open(&proposal_path).await;
    let submitted = browser
        .submit(&format!("/proposals/{id}/submit"), &[])
        .await;
    assert_eq!(submitted.status, 303, "{}", submitted.text);
    let public_now = stranger_browser.open(&edit_path).await;
    assert_page(&public_now, 403, "nl");
    let forced = stranger_browser.submit(&edit_path, &changed).await;
    assert_eq!(forced.status, 403, "{}", forced.text);
    assert_eq!(
        app.get(&api, Some(&author.token)).await.json()["title"],
        "Dertig bomen langs de Leie"
    );
}

#[tokio::test]
async fn a_city_wide_round_shows_the_turnout_of_each_area_without_storing_it_with_a_ballot() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let north_voter = resident_of(&app, &s.admin, "Noord Stemmer", s.north).await;
    let south_voter = resident_of(&app, &s.admin, "Zuid Stemmer", s.south).await;
    resident_of(&app, &s.admin, "Zuid Thuisblijver", s.south).await;
    let mut body = crate::proposals::proposal_body(s.north, "Fietspad door de stad", 50_000);
    body["area_id"] = serde_json::Value::Null;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/proposals", s.edition),
            &body,
            Some(&author.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let project = created.json()["id"].as_i64().unwrap();
    let proposal_path = format!("/api/v1/proposals/{project}");
    app.post(
        &format!("{proposal_path}/submit"),
        &json!({}),
        Some(&author.token),
    )
    .await;
    move_to(&app, &s.admin, s.edition, "support").await;
    for supporter in [&north_voter, &south_voter] {
        app.post(
            &format!("{proposal_path}/support"),
            &json!({}),
            Some(&supporter.token),
        )
        .await;
    }
    move_to(&app, &s.admin, s.edition, "review").await;
    let reviewer = app
        .with_role(&s.admin, "Nadia", "reviewer", json!({"department": "stad"}))
        .await;
    app.post(
        &format!("{proposal_path}/assignment"),
        &json!({"department": "stad"}),
        Some(&s.admin.token),
    )
    .await;
    let reviewed = app
        .post(&format!("{proposal_path}/reviews"), &json!({"verdict": "feasible", "public_explanation": "Kan.", "reviewed_cost_cents": 50_000}), Some(&reviewer.token))
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.text);
    move_to(&app, &s.admin, s.edition, "voting").await;
    let created = app
        .post(
            &format!("/api/v1/editions/{}/rounds", s.edition),
            &json!({
                "ballot_type": "approval",
                "rule": "greedy",
                "opens_at": (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339(),
                "closes_at": (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339(),
            }),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let r = created.json()["id"].as_i64().unwrap();
    let opened = app
        .post(
            &format!("/api/v1/rounds/{r}/open"),
            &json!({}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    for voter in [&north_voter, &south_voter] {
        let cast = app
            .put(
                &format!("/api/v1/rounds/{r}/ballot"),
                &json!({"project_ids": [project]}),
                Some(&voter.token),
            )
            .await;
        assert_eq!(cast.status, 201, "{}", cast.text);
    }
    let closed = app
        .post(
            &format!("/api/v1/rounds/{r}/close"),
            &json!({"reason": "De test telt meteen"}),
            Some(&s.admin.token),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);

    let results = app
        .get(&format!("/api/v1/rounds/{r}/results"), None)
        .await
        .json();
    assert_eq!(
        results["turnout_per_area"],
        json!([
            {"area_id": s.north, "ballots": 1, "eligible": 2},
            {"area_id": s.south, "ballots": 1, "eligible": 2},
        ]),
        "{results}"
    );
    let shown = page(&app, &format!("/rounds/{r}"), &[]).await;
    assert_page(&shown, 200, "nl");
    assert!(
        shown.text.contains("<caption>Opkomst per wijk</caption>"),
        "{}",
        shown.text
    );
    assert!(
        shown.text.contains("<th scope=\"row\">Wijk ZUID</th><td class=\"number\" data-label=\"Gestemd\">1</td><td class=\"number\" data-label=\"Mochten stemmen\">2</td><td class=\"number\" data-label=\"Opkomst\">50 %</td>"),
        "{}",
        shown.text
    );
}

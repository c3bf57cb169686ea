//! Sign-in with the city's identity provider, end to end against a real, OpenID Certified
//! provider (oidc-provider, started here with Node): the code flow with PKCE, residency and
//! birth date from verified claims, and refusals of a wrong nonce, a tampered ID token, a
//! replayed callback and a callback in another browser.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use wijkbudget::config::IdentityProvider;

use crate::editions::create_area;
use crate::helpers::{TestApp, spawn_app_with};

const CLIENT_ID: &str = "wijkbudget-test";
const CLIENT_SECRET: &str = "a-client-secret-the-provider-and-service-share";

struct ProviderProcess {
    child: Child,
    issuer: String,
}

impl Drop for ProviderProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the provider, or says why it cannot (CI installs it: `.ci/run` sets
/// `CI_REQUIRE_OIDC=1`, which turns a missing provider into a failure).
async fn start_provider(redirect_uri: &str) -> Option<ProviderProcess> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
    if !folder.join("node_modules/oidc-provider").exists() {
        assert!(
            std::env::var("CI_REQUIRE_OIDC").is_err(),
            "the test provider is not installed: run `npm ci` in tests/oidc"
        );
        println!(
            "identity provider tests skipped: run `npm ci` in tests/oidc to install the provider"
        );
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("node")
        .arg("provider.mjs")
        .current_dir(&folder)
        .env("PORT", port.to_string())
        .env("CLIENT_ID", CLIENT_ID)
        .env("CLIENT_SECRET", CLIENT_SECRET)
        .env("REDIRECT_URI", redirect_uri)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("node runs the test provider");
    let provider = ProviderProcess {
        child,
        issuer: format!("http://127.0.0.1:{port}"),
    };
    let discovery = format!("{}/.well-known/openid-configuration", provider.issuer);
    for _ in 0..100 {
        if reqwest::get(&discovery)
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return Some(provider);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the test provider did not start");
}

/// A browser: follows redirects between the service and the provider, keeps their cookies
/// (all on 127.0.0.1), and reaches the service where its public address points.
struct Browser<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
}

/// Where the browser stopped: the status and the path of the last answer, and its body.
struct Landing {
    status: u16,
    url: String,
    body: String,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: BTreeMap::new(),
        }
    }

    async fn get(&mut self, url: &str) -> reqwest::Response {
        let url = url.replace("http://wijkbudget.test", &self.app.address);
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let response = self
            .app
            .client
            .get(&url)
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        for set in response.headers().get_all("set-cookie") {
            let text = set.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            let lower = attributes.to_ascii_lowercase();
            if lower.contains("max-age=0") || lower.contains("1970") {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_string(), value.to_string());
            }
        }
        response
    }

    /// Follows redirects from `url` until an answer that is not one.
    async fn follow(&mut self, url: &str) -> Landing {
        let mut url = url.to_string();
        for _ in 0..20 {
            let response = self.get(&url).await;
            let status = response.status().as_u16();
            if let Some(next) = response.headers().get("location") {
                let next = next.to_str().unwrap().to_string();
                url = if next.starts_with('/') {
                    let origin: String = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
                    format!("{origin}{next}")
                } else {
                    next
                };
                continue;
            }
            let body = response.text().await.unwrap();
            let path = url
                .replace(&self.app.address, "")
                .replace("http://wijkbudget.test", "");
            return Landing {
                status,
                url: path,
                body,
            };
        }
        panic!("too many redirects from {url}");
    }

    /// The provider's authorization address the service sends the browser to.
    async fn start(&mut self) -> String {
        let response = self
            .get(&format!("{}/sign-in/identity?next=/me", self.app.address))
            .await;
        assert_eq!(response.status(), 303);
        response.headers()["location"].to_str().unwrap().to_string()
    }
}

async fn app_with_provider() -> Option<(TestApp, ProviderProcess, i64)> {
    let provider = start_provider("http://wijkbudget.test/auth/oidc/callback").await?;
    let issuer = provider.issuer.clone();
    let app = spawn_app_with(move |c| {
        c.identity_provider = Some(IdentityProvider {
            issuer,
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            label: "eID / itsme".into(),
            area_claim: Some("address.postal_code".into()),
            areas: [("9040".to_string(), "NOORD".to_string())].into(),
            trust_birthdate: true,
        });
    })
    .await;
    let admin = app.admin().await;
    let north = create_area(&app, &admin, "NOORD", 1000, 0.2).await;
    Some((app, provider, north))
}

#[tokio::test]
async fn a_resident_signs_in_with_the_provider_and_its_claims_set_area_and_birth_date() {
    let Some((app, _provider, north)) = app_with_provider().await else {
        return;
    };
    let login = app.get("/login", None).await;
    assert!(
        login.text.contains("/sign-in/identity"),
        "the sign-in page offers the provider"
    );

    let mut browser = Browser::new(&app);
    let authorize = browser.start().await;
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    assert!(authorize.contains("nonce="), "{authorize}");
    let landing = browser.follow(&authorize).await;
    assert_eq!(
        (landing.status, landing.url.as_str()),
        (200, "/me"),
        "{}",
        landing.body
    );
    assert!(landing.body.contains("Anna Peeters"), "{}", landing.body);

    let mut conn = app.db();
    let user = wijkbudget::store::users::find_by_email(&mut conn, "anna.peeters@inwoner.example")
        .unwrap()
        .expect("an account was made");
    assert!(
        user.email_verified_at.is_some(),
        "the provider vouched for the address"
    );
    assert_eq!(user.birth_date.as_deref(), Some("1990-04-12"));
    let residency = wijkbudget::store::residency::find(&mut conn, user.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        residency.area_id, north,
        "postal code 9040 is the north area"
    );

    // Signing in again finds the same account.
    let mut again = Browser::new(&app);
    let authorize = again.start().await;
    assert_eq!(again.follow(&authorize).await.url, "/me");
    let accounts: i64 = {
        use diesel::prelude::*;
        use wijkbudget::store::schema::users;
        users::table
            .filter(users::email.eq("anna.peeters@inwoner.example"))
            .count()
            .get_result(&mut *conn)
            .unwrap()
    };
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn a_wrong_nonce_a_tampered_token_a_replayed_callback_and_another_browser_are_refused() {
    let Some((app, provider, _)) = app_with_provider().await else {
        return;
    };

    // The nonce the service chose is replaced on the way to the provider.
    let mut browser = Browser::new(&app);
    let authorize = browser.start().await;
    let nonce = authorize
        .split("nonce=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let landing = browser
        .follow(&authorize.replace(&nonce, "a-nonce-of-the-attacker"))
        .await;
    assert_eq!(landing.status, 401, "{}", landing.body);
    assert!(
        !browser.cookies.contains_key("session"),
        "no session for a wrong nonce"
    );

    // The ID token's payload is changed after the provider signed it.
    let tampered = app
        .client
        .post(format!("{}/test/tamper-next-id-token", provider.issuer))
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), 204);
    let mut browser = Browser::new(&app);
    let authorize = browser.start().await;
    let landing = browser.follow(&authorize).await;
    assert_eq!(landing.status, 401, "{}", landing.body);
    assert!(
        !browser.cookies.contains_key("session"),
        "no session for a tampered token"
    );

    // A callback works once, and only in the browser that started the sign-in.
    let mut browser = Browser::new(&app);
    let mut url = browser.start().await;
    let callback = loop {
        let response = browser.get(&url).await;
        let next = response.headers()["location"].to_str().unwrap().to_string();
        if next.contains("/auth/oidc/callback") {
            break next;
        }
        url = if next.starts_with('/') {
            format!("{}{next}", provider.issuer)
        } else {
            next
        };
    };
    let mut stranger = Browser::new(&app);
    assert_eq!(
        stranger.follow(&callback).await.status,
        401,
        "another browser cannot finish it"
    );
    assert_eq!(browser.follow(&callback).await.url, "/me");
    let replayed = browser.follow(&callback).await;
    assert_eq!(replayed.status, 401, "a callback works once");
}

#[tokio::test]
async fn a_provider_that_does_not_answer_is_named_and_passwords_still_work() {
    let app = spawn_app_with(|c| {
        c.identity_provider = Some(IdentityProvider {
            issuer: "http://127.0.0.1:1".into(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            label: "eID / itsme".into(),
            area_claim: None,
            areas: BTreeMap::new(),
            trust_birthdate: false,
        });
    })
    .await;
    let down = app
        .send(
            app.client
                .get(app.url("/sign-in/identity?next=/me"))
                .header("accept-language", "en"),
        )
        .await;
    assert_eq!(down.status, 503, "{}", down.text);
    assert!(down.text.contains("identity provider"), "{}", down.text);
    let admin = app.admin().await;
    assert!(
        !admin.token.is_empty(),
        "signing in with a password still works"
    );
}

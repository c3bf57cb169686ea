use std::time::{Duration, Instant};

use diesel::prelude::*;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, spawn_app};

#[tokio::test]
async fn a_new_user_registers_verifies_logs_in_refreshes_and_logs_out() {
    let app = spawn_app().await;
    let email = "an.peeters@example.org";
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": email, "password": PASSWORD, "display_name": "An", "locale": "en", "birth_date": "1990-04-23"}),
            None,
        )
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text);

    let login = app.login(email, PASSWORD).await;
    assert_eq!(login.status, 200, "unverified accounts can sign in");
    let unverified_token = login.json()["access_token"].as_str().unwrap().to_string();
    let me = app.get("/api/v1/me", Some(&unverified_token)).await.json();
    assert_eq!(me["email_verified"], false);

    let mail = app.wait_for_mail(email, "/verify-email?token=").await;
    assert!(
        mail.body
            .contains("http://wijkbudget.test/verify-email?token="),
        "{}",
        mail.body
    );
    assert_eq!(
        mail.subject, "Confirm your e-mail address",
        "the user's locale picks the language"
    );
    let token = app.mailed_token(email, "verify-email").await;
    assert!(token.len() >= 22, "at least 128 bits");
    let verified = app
        .post("/api/v1/auth/verify-email", &json!({"token": token}), None)
        .await;
    assert_eq!(verified.status, 204);
    app.post("/api/v1/auth/verify-email", &json!({"token": token}), None)
        .await
        .assert_problem(422, "validation_failed");

    let login = app.login(email, PASSWORD).await.json();
    assert_eq!(login["token_type"], "Bearer");
    assert_eq!(login["expires_in"], 900);
    let access = login["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/me", Some(access)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["email_verified"], true);
    assert_eq!(me.json()["birth_date"], "1990-04-23");

    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": login["refresh_token"]}),
            None,
        )
        .await;
    assert_eq!(refreshed.status, 200);
    let refreshed = refreshed.json();
    assert_ne!(
        refreshed["refresh_token"], login["refresh_token"],
        "refresh tokens rotate"
    );
    let new_access = refreshed["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/me", Some(new_access)).await.status, 200);

    assert_eq!(
        app.post("/api/v1/auth/logout", &json!({}), Some(new_access))
            .await
            .status,
        204
    );
    app.get("/api/v1/me", Some(new_access))
        .await
        .assert_problem(401, "unauthorized");
    app.get("/api/v1/me", Some(access))
        .await
        .assert_problem(401, "unauthorized");
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": refreshed["refresh_token"]}),
        None,
    )
    .await
    .assert_problem(401, "unauthorized");
}

async fn refresh(app: &TestApp, token: &Value) -> crate::helpers::Reply {
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": token}),
        None,
    )
    .await
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_family() {
    let app = spawn_app().await;
    let user = app.resident("Bram").await;
    let original = json!(user.refresh_token);
    let first = refresh(&app, &original).await.json();
    // The rightful client moves on with the new token; then the old one comes back: theft.
    let second = refresh(&app, &first["refresh_token"]).await.json();
    refresh(&app, &original)
        .await
        .assert_problem(401, "unauthorized");
    refresh(&app, &second["refresh_token"])
        .await
        .assert_problem(401, "unauthorized");
    app.get("/api/v1/me", second["access_token"].as_str())
        .await
        .assert_problem(401, "unauthorized");
    let other_session = app.sign_in(&user.email, PASSWORD).await;
    assert_eq!(
        app.get("/api/v1/me", Some(&other_session.token))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_refresh_retried_after_a_lost_answer_keeps_the_session_once() {
    let app = spawn_app().await;
    let user = app.resident("Lotte").await;
    let original = json!(user.refresh_token);
    let lost = refresh(&app, &original).await;
    assert_eq!(lost.status, 200, "{}", lost.text);
    // The answer never arrived; the client sends the same token again at once.
    let retried = refresh(&app, &original).await;
    assert_eq!(retried.status, 200, "{}", retried.text);
    let retried = retried.json();
    assert_eq!(
        app.get("/api/v1/me", retried["access_token"].as_str())
            .await
            .status,
        200
    );
    // What the lost answer held was retired: it is not a second way in.
    refresh(&app, &lost.json()["refresh_token"])
        .await
        .assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn a_second_retry_of_the_same_refresh_token_is_theft() {
    let app = spawn_app().await;
    let user = app.resident("Joris").await;
    let original = json!(user.refresh_token);
    assert_eq!(refresh(&app, &original).await.status, 200);
    let retried = refresh(&app, &original).await.json();
    refresh(&app, &original)
        .await
        .assert_problem(401, "unauthorized");
    refresh(&app, &retried["refresh_token"])
        .await
        .assert_problem(401, "unauthorized");
}

fn claims(app: &TestApp, user_id: i64, session: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    let _ = app;
    json!({
        "iss": "wijkbudget", "aud": "wijkbudget-api", "sub": user_id.to_string(),
        "exp": now + 600, "nbf": now - 5, "iat": now - 5, "typ": "access", "sid": session,
    })
}

fn sign(app: &TestApp, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(app.config.jwt_secret.bytes()).unwrap(),
    )
    .unwrap()
}

fn session_of(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let value: Value = serde_json::from_slice(&bytes).unwrap();
    value["sid"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn forged_expired_and_misdirected_tokens_get_401() {
    use base64::Engine;
    let app = spawn_app().await;
    let user = app.resident("Chris").await;
    let session = session_of(&user.token);
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());

    let genuine = sign(&app, &claims(&app, user.id, &session));
    assert_eq!(
        app.get("/api/v1/me", Some(&genuine)).await.status,
        200,
        "the forging helper itself works"
    );

    let alg_none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(&claims(&app, user.id, &session))
    );
    let wrong_key = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(&app, user.id, &session),
        &EncodingKey::from_secret(b"another key that is long enough!!").unwrap(),
    )
    .unwrap();
    let mut expired = claims(&app, user.id, &session);
    expired["exp"] = json!(chrono::Utc::now().timestamp() - 60);
    expired["iat"] = json!(chrono::Utc::now().timestamp() - 1000);
    expired["nbf"] = json!(chrono::Utc::now().timestamp() - 1000);
    let mut wrong_aud = claims(&app, user.id, &session);
    wrong_aud["aud"] = json!("another-api");
    let mut wrong_iss = claims(&app, user.id, &session);
    wrong_iss["iss"] = json!("someone-else");
    let mut refresh_typed = claims(&app, user.id, &session);
    refresh_typed["typ"] = json!("refresh");
    let mut no_exp = claims(&app, user.id, &session);
    no_exp.as_object_mut().unwrap().remove("exp");
    let parts: Vec<&str> = genuine.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        b64(&claims(&app, user.id + 1, &session)),
        parts[2]
    );
    let hs512 = jsonwebtoken::encode(
        &Header::new(Algorithm::HS512),
        &claims(&app, user.id, &session),
        &EncodingKey::from_secret(app.config.jwt_secret.bytes()).unwrap(),
    )
    .unwrap();

    for (name, token) in [
        ("alg none", alg_none),
        ("wrong key", wrong_key),
        ("expired", sign(&app, &expired)),
        ("wrong aud", sign(&app, &wrong_aud)),
        ("wrong iss", sign(&app, &wrong_iss)),
        ("refresh-typed", sign(&app, &refresh_typed)),
        ("no exp", sign(&app, &no_exp)),
        ("tampered payload", tampered),
        ("HS512", hs512),
        ("refresh token as access token", user.refresh_token.clone()),
        ("garbage", "not.a.token".to_string()),
    ] {
        let reply = app.get("/api/v1/me", Some(&token)).await;
        assert_eq!(reply.status, 401, "{name}: {}", reply.text);
        assert!(
            reply.content_type().starts_with("application/problem+json"),
            "{name}"
        );
    }
    let basic = app
        .send(
            app.client
                .get(app.url("/api/v1/me"))
                .header("authorization", "Basic YTpi"),
        )
        .await;
    basic.assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn register_login_and_reset_answer_the_same_for_known_and_unknown_addresses() {
    let app = spawn_app().await;
    let known = app.resident("Dirk").await;

    let register = |email: &str| json!({"email": email, "password": "een ander lang wachtwoord", "display_name": "X"});
    let for_known = app
        .post("/api/v1/auth/register", &register(&known.email), None)
        .await;
    let for_unknown = app
        .post(
            "/api/v1/auth/register",
            &register("nobody@example.org"),
            None,
        )
        .await;
    assert_eq!(
        (for_known.status, for_known.text.clone()),
        (for_unknown.status, for_unknown.text.clone())
    );
    app.wait_for_mail(&known.email, "/forgot-password").await;

    let wrong_password = app.login(&known.email, "niet het juiste wachtwoord").await;
    let unknown_address = app
        .login("nobody@example.org", "niet het juiste wachtwoord")
        .await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(
        wrong_password.json()["detail"],
        unknown_address.json()["detail"]
    );
    assert_eq!(
        wrong_password.json()["code"],
        unknown_address.json()["code"]
    );

    let reset_known = app
        .post(
            "/api/v1/auth/password-reset",
            &json!({"email": known.email}),
            None,
        )
        .await;
    let reset_unknown = app
        .post(
            "/api/v1/auth/password-reset",
            &json!({"email": "nobody@example.org"}),
            None,
        )
        .await;
    assert_eq!(
        (reset_known.status, reset_known.text),
        (reset_unknown.status, reset_unknown.text)
    );
}

#[tokio::test]
async fn login_takes_about_as_long_for_unknown_addresses_as_for_known_ones() {
    let app = spawn_app().await;
    let known = app.resident("Els").await;
    let mut known_times = Vec::new();
    let mut unknown_times = Vec::new();
    for i in 0..5 {
        let started = Instant::now();
        app.login(&known.email, &format!("wrong password {i}"))
            .await;
        known_times.push(started.elapsed());
        let started = Instant::now();
        app.login(&format!("ghost{i}@example.org"), "wrong password")
            .await;
        unknown_times.push(started.elapsed());
    }
    known_times.sort();
    unknown_times.sort();
    let (known_median, unknown_median) = (known_times[2], unknown_times[2]);
    // Both do one full argon2id verification; without the dummy verification an unknown
    // address would answer in a small fraction of the time.
    assert!(
        unknown_median * 3 >= known_median && known_median * 3 >= unknown_median,
        "known {known_median:?} vs unknown {unknown_median:?}"
    );
}

#[tokio::test]
async fn the_eleventh_failed_login_gets_429_and_the_password_works_again_after_the_window() {
    let app = spawn_app().await;
    let user = app.resident("Fien").await;
    for attempt in 1..=10 {
        let reply = app.login(&user.email, "verkeerd wachtwoord").await;
        assert_eq!(reply.status, 401, "attempt {attempt}");
    }
    let limited = app.login(&user.email, "verkeerd wachtwoord").await;
    limited.assert_problem(429, "rate_limited");
    let retry_after: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    app.login(&user.email, PASSWORD)
        .await
        .assert_problem(429, "rate_limited");

    {
        use wijkbudget::store::schema::rate_limit_events::dsl::*;
        let mut conn = app.db();
        let past = chrono::Utc::now().naive_utc() - chrono::TimeDelta::minutes(16);
        diesel::update(rate_limit_events)
            .set(occurred_at.eq(past))
            .execute(&mut conn)
            .unwrap();
    }
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        200,
        "no permanent lockout"
    );
}

#[tokio::test]
async fn thirty_failures_from_one_address_are_limited_across_accounts() {
    let app = spawn_app().await;
    for i in 0..30 {
        let reply = app
            .login(&format!("someone{i}@example.org"), "verkeerd")
            .await;
        assert_eq!(reply.status, 401);
    }
    app.login("someone-else@example.org", "verkeerd")
        .await
        .assert_problem(429, "rate_limited");
}

#[tokio::test]
async fn stored_password_hashes_are_argon2id_with_the_required_parameters() {
    let app = spawn_app().await;
    let user = app.resident("Gert").await;
    use wijkbudget::store::schema::users::dsl::*;
    let hash: String = users
        .find(user.id)
        .select(password_hash)
        .first(&mut app.db())
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test]
async fn weak_and_invalid_registrations_are_refused_naming_each_field() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "not-an-address", "password": "password", "display_name": " ", "birth_date": "2999-01-01", "area_id": 999}),
            None,
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    let mut fields = reply.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        vec!["area_id", "birth_date", "display_name", "email", "password"]
    );
    let short = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "a@example.org", "password": "kort", "display_name": "A"}),
            None,
        )
        .await;
    assert_eq!(short.error_fields(), vec!["password"]);
    let too_long = app
        .post(
            "/api/v1/auth/register",
            &json!({"email": "a@example.org", "password": "lang ".repeat(205), "display_name": "A"}),
            None,
        )
        .await;
    assert_eq!(too_long.error_fields(), vec!["password"]);
}

#[tokio::test]
async fn password_reset_works_once_and_ends_every_session() {
    let app = spawn_app().await;
    let user = app.resident("Hilde").await;
    let reply = app
        .post(
            "/api/v1/auth/password-reset",
            &json!({"email": user.email}),
            None,
        )
        .await;
    assert_eq!(reply.status, 202);
    let token = app.mailed_token(&user.email, "reset-password").await;
    app.post(
        "/api/v1/auth/password-reset/confirm",
        &json!({"token": token, "new_password": "123456789"}),
        None,
    )
    .await
    .assert_problem(422, "validation_failed");
    let new_password = "nieuwe zomer aan de Schelde";
    let confirmed = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "new_password": new_password}),
            None,
        )
        .await;
    assert_eq!(confirmed.status, 204, "{}", confirmed.text);
    app.get("/api/v1/me", Some(&user.token))
        .await
        .assert_problem(401, "unauthorized");
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": user.refresh_token}),
        None,
    )
    .await
    .assert_problem(401, "unauthorized");
    app.post(
        "/api/v1/auth/password-reset/confirm",
        &json!({"token": token, "new_password": "nog een ander lang wachtwoord"}),
        None,
    )
    .await
    .assert_problem(422, "validation_failed");
    assert_eq!(app.login(&user.email, PASSWORD).await.status, 401);
    assert_eq!(app.login(&user.email, new_password).await.status, 200);
}

#[tokio::test]
async fn an_expired_reset_token_is_refused() {
    let app = spawn_app().await;
    let user = app.resident("Ingrid").await;
    app.post(
        "/api/v1/auth/password-reset",
        &json!({"email": user.email}),
        None,
    )
    .await;
    let token = app.mailed_token(&user.email, "reset-password").await;
    {
        use wijkbudget::store::schema::one_time_tokens::dsl::*;
        let past = chrono::Utc::now().naive_utc() - chrono::TimeDelta::minutes(1);
        diesel::update(one_time_tokens.filter(purpose.eq("password_reset")))
            .set(expires_at.eq(past))
            .execute(&mut app.db())
            .unwrap();
    }
    app.post(
        "/api/v1/auth/password-reset/confirm",
        &json!({"token": token, "new_password": "nieuwe zomer aan de Schelde"}),
        None,
    )
    .await
    .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn changing_the_password_ends_every_session() {
    let app = spawn_app().await;
    let user = app.resident("Jan").await;
    let second = app.sign_in(&user.email, PASSWORD).await;
    app.post(
        "/api/v1/me/password",
        &json!({"current_password": "fout", "new_password": "iets heel anders nu"}),
        Some(&user.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    let changed = app
        .post(
            "/api/v1/me/password",
            &json!({"current_password": PASSWORD, "new_password": "iets heel anders nu"}),
            Some(&user.token),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    app.get("/api/v1/me", Some(&user.token))
        .await
        .assert_problem(401, "unauthorized");
    app.get("/api/v1/me", Some(&second.token))
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(
        app.login(&user.email, "iets heel anders nu").await.status,
        200
    );
}

#[tokio::test]
async fn profile_changes_apply_and_protected_fields_cannot_be_set() {
    let app = spawn_app().await;
    let user = app.resident("Karel").await;
    let updated = app
        .patch(
            "/api/v1/me",
            &json!({"display_name": "Karel V", "locale": "fr", "notify_by_email": false}),
            Some(&user.token),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.json()["display_name"], "Karel V");
    assert_eq!(updated.json()["locale"], "fr");
    assert_eq!(updated.json()["notify_by_email"], false);
    for forbidden in [
        json!({"email_verified": true}),
        json!({"roles": ["admin"]}),
        json!({"id": 1}),
        json!({"email": "x@y.be"}),
    ] {
        app.patch("/api/v1/me", &forbidden, Some(&user.token))
            .await
            .assert_problem(422, "validation_failed");
    }
    app.patch("/api/v1/me", &json!({"locale": "de"}), Some(&user.token))
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn verification_resend_is_limited() {
    let app = spawn_app().await;
    let user = app.unverified_resident("Lotte").await;
    for _ in 0..3 {
        assert_eq!(
            app.post(
                "/api/v1/auth/verify-email/resend",
                &json!({}),
                Some(&user.token)
            )
            .await
            .status,
            202
        );
    }
    app.post(
        "/api/v1/auth/verify-email/resend",
        &json!({}),
        Some(&user.token),
    )
    .await
    .assert_problem(429, "rate_limited");
    let _ = Duration::from_secs(0);
}

#[tokio::test]
async fn only_an_administrator_grants_roles_and_grants_take_effect_on_the_next_request() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let resident = app.resident("Mira").await;
    let other = app.resident("Nico").await;

    app.post(
        &format!("/api/v1/users/{}/roles", other.id),
        &json!({"role": "admin"}),
        Some(&resident.token),
    )
    .await
    .assert_problem(403, "forbidden");
    app.get("/api/v1/users", Some(&resident.token))
        .await
        .assert_problem(403, "forbidden");

    let grant = app
        .post(
            &format!("/api/v1/users/{}/roles", resident.id),
            &json!({"role": "admin"}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(grant.status, 201, "{}", grant.text);
    let listed = app.get("/api/v1/users?q=mira", Some(&resident.token)).await;
    assert_eq!(
        listed.status, 200,
        "the same token now carries the new role"
    );
    assert_eq!(listed.json()["items"].as_array().unwrap().len(), 1);

    let grant_id = grant.json()["id"].as_i64().unwrap();
    let revoked = app
        .delete(
            &format!("/api/v1/users/{}/roles/{grant_id}", resident.id),
            Some(&admin.token),
        )
        .await;
    assert_eq!(revoked.status, 204);
    app.get("/api/v1/users", Some(&resident.token))
        .await
        .assert_problem(403, "forbidden");

    app.post(
        &format!("/api/v1/users/{}/roles", other.id),
        &json!({"role": "reviewer"}),
        Some(&admin.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.post(
        &format!("/api/v1/users/{}/roles", other.id),
        &json!({"role": "area_worker"}),
        Some(&admin.token),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.post(
        "/api/v1/users/999999/roles",
        &json!({"role": "council"}),
        Some(&admin.token),
    )
    .await
    .assert_problem(404, "not_found");

    let actions: Vec<String> = {
        use wijkbudget::store::schema::audit_log::dsl::*;
        audit_log
            .order(id)
            .select(action)
            .load(&mut app.db())
            .unwrap()
    };
    assert_eq!(
        actions,
        vec!["role_granted", "role_granted", "role_revoked"]
    );
}

#[tokio::test]
async fn users_list_pages_with_a_cursor() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for name in ["Olga", "Pieter", "Quinten"] {
        app.unverified_resident(name).await;
    }
    let first = app
        .get("/api/v1/users?limit=2", Some(&admin.token))
        .await
        .json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get(
            &format!("/api/v1/users?limit=2&cursor={cursor}"),
            Some(&admin.token),
        )
        .await
        .json();
    assert_eq!(second["items"].as_array().unwrap().len(), 2);
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    app.get("/api/v1/users?limit=1000", Some(&admin.token))
        .await
        .assert_problem(422, "validation_failed");
    app.get("/api/v1/users?cursor=%%%", Some(&admin.token))
        .await
        .assert_problem(422, "validation_failed");
}

#[tokio::test]
async fn the_last_administrator_cannot_remove_their_own_role_even_when_two_remove_each_other() {
    let app = spawn_app().await;
    let first = app.admin().await;
    let admin_grants = |app: &TestApp| -> Vec<(i64, i64)> {
        use wijkbudget::store::schema::role_grants::dsl::*;
        role_grants
            .filter(role.eq("admin"))
            .select((id, user_id))
            .load(&mut app.db())
            .unwrap()
    };
    let (own_grant, _) = admin_grants(&app)[0];
    app.delete(
        &format!("/api/v1/users/{}/roles/{own_grant}", first.id),
        Some(&first.token),
    )
    .await
    .assert_problem(409, "last_administrator");

    let second = app.resident("Tess").await;
    let granted = app
        .post(
            &format!("/api/v1/users/{}/roles", second.id),
            &json!({"role": "admin"}),
            Some(&first.token),
        )
        .await;
    assert_eq!(granted.status, 201, "{}", granted.text);
    let second_grant = granted.json()["id"].as_i64().unwrap();
    let remove_second = format!("/api/v1/users/{}/roles/{second_grant}", second.id);
    let remove_first = format!("/api/v1/users/{}/roles/{own_grant}", first.id);
    let (a, b) = tokio::join!(
        app.delete(&remove_second, Some(&first.token)),
        app.delete(&remove_first, Some(&second.token)),
    );
    let statuses = [a.status, b.status];
    assert_eq!(
        statuses.iter().filter(|s| **s == 204).count(),
        1,
        "exactly one removal succeeds: {statuses:?} {} {}",
        a.text,
        b.text
    );
    assert_eq!(admin_grants(&app).len(), 1, "one administrator remains");
}

#[tokio::test]
async fn a_session_ends_ninety_days_after_sign_in_however_often_it_is_refreshed() {
    let app = spawn_app().await;
    let user = app.resident("Wout").await;
    let refreshed = refresh(&app, &json!(user.refresh_token)).await.json();
    {
        use wijkbudget::store::schema::sessions::dsl::*;
        let long_ago = chrono::Utc::now().naive_utc() - chrono::TimeDelta::days(91);
        diesel::update(sessions)
            .set(created_at.eq(long_ago))
            .execute(&mut app.db())
            .unwrap();
    }
    refresh(&app, &refreshed["refresh_token"])
        .await
        .assert_problem(401, "unauthorized");
}

//! Building and running the HTTP service: pool, migrations, the App with its middleware, the
//! OpenAPI document and `/docs`, and the background workers.

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::{Condition, from_fn};
use actix_web::web::{self, PayloadConfig};
use actix_web::{App, HttpServer};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::{self, extract::DEFAULT_BODY_LIMIT, route_table::RouteTable};
use crate::auth::tokens::TokenKeys;
use crate::config::Config;
use crate::db::{self, Pool};
use crate::mail;
use crate::state::AppState;
use crate::telemetry;

/// Start-up failed; the message names what to fix.
#[derive(Debug)]
pub struct StartupError(pub String);

impl std::fmt::Display for StartupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartupError {}

/// Opens the pool and applies pending migrations.
pub async fn prepare_database(config: &Config) -> Result<Pool, StartupError> {
    let url = config.database_url.clone();
    let size = config.pool_size;
    let secret = config.pseudonym_secret.clone();
    if let Some(file) = config.pseudonym_secret_beside_database() {
        tracing::warn!(
            path = %file.display(),
            "PSEUDONYM_SECRET is kept beside the database it protects: a copy of this folder \
             holds both the sealed ballots and their key. Set PSEUDONYM_SECRET from a secret \
             store (README, Security)"
        );
    }
    tokio::task::spawn_blocking(move || {
        let pool = db::connect(&url, size)
            .map_err(|e| StartupError(format!("setting DATABASE_URL: cannot open {url:?}: {e}")))?;
        let mut conn = pool
            .get()
            .map_err(|e| StartupError(format!("setting DATABASE_URL: {e}")))?;
        let applied = db::run_migrations(&mut conn)
            .map_err(|e| StartupError(format!("database migration failed: {e}")))?;
        if applied > 0 {
            tracing::info!(applied, "applied database migrations");
        }
        let sealed = crate::service::ballots::seal_plaintext_ballots(&mut conn, &secret)
            .map_err(|e| StartupError(format!("sealing stored ballots failed: {e}")))?;
        if sealed > 0 {
            tracing::info!(sealed, "sealed ballots stored before ballots were sealed");
        }
        Ok(pool)
    })
    .await
    .map_err(|e| StartupError(format!("start-up task failed: {e}")))?
}

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds the listener (port 0 picks a free port) and prepares everything; call
    /// [`Application::run_until_stopped`] to serve.
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let pool = prepare_database(&config).await?;
        let listener = TcpListener::bind(&config.bind).map_err(|e| {
            StartupError(format!(
                "setting BIND: cannot listen on {}: {e}",
                config.bind
            ))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| StartupError(format!("setting BIND: {e}")))?
            .port();
        let workers = config.workers;
        let tokens = TokenKeys::new(&config.jwt_secret)
            .map_err(|e| StartupError(format!("setting JWT_SECRET: {e}")))?;
        crate::metrics::install();
        let jobs = start_background_work(&config, &pool)?;
        let hashing = Arc::new(crate::auth::password::HashingLimit::new(
            config.password_hash_concurrency,
            config.password_hash_wait,
        ));
        let files = crate::storage::FileStore::open(&config.storage).map_err(StartupError)?;
        let state = web::Data::new(AppState {
            files,
            pool,
            config: Arc::new(config),
            tokens: Arc::new(tokens),
            hashing,
            jobs,
        });
        let document = api::openapi_document();
        let route_table = web::Data::new(RouteTable::from_openapi(&document));
        let server = HttpServer::new(move || {
            let cors_origins = &state.config.cors_origins;
            App::new()
                .app_data(state.clone())
                .app_data(route_table.clone())
                .app_data(PayloadConfig::new(DEFAULT_BODY_LIMIT))
                .app_data(web::PathConfig::default().error_handler(crate::web::path_error))
                .wrap(from_fn(api::caching::tag_and_revalidate))
                .wrap(from_fn(api::idempotency::replay_or_keep))
                .wrap(from_fn(api::route_table::refuse_unknown_parameters))
                .wrap(Condition::new(!cors_origins.is_empty(), cors(cors_origins)))
                .wrap(from_fn(telemetry::request_context))
                .service(
                    SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", document.clone()),
                )
                .route("/docs", web::get().to(docs_redirect))
                .configure(|cfg| api::routes(&mut ServiceConfig::new(cfg)))
                .configure(crate::web::routes)
                .default_service(web::to(crate::web::fallback))
        })
        .workers(workers)
        // A client that has not sent its request head within 10 s is cut off (slow clients).
        .client_request_timeout(std::time::Duration::from_secs(10))
        .client_disconnect_timeout(std::time::Duration::from_secs(5))
        .shutdown_timeout(30)
        .listen(listener)
        .map_err(|e| StartupError(format!("setting BIND: {e}")))?
        .run();
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT or SIGTERM; in-flight requests finish first.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

async fn docs_redirect() -> actix_web::HttpResponse {
    actix_web::HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/docs/"))
        .finish()
}

/// Workers every process runs; each job is safe to run in several processes at once.
fn start_background_work(
    config: &Config,
    pool: &Pool,
) -> Result<Arc<crate::service::jobs::JobHealth>, StartupError> {
    // Data written before the search index existed (or by an older version) is indexed once.
    let catch_up = pool.clone();
    tokio::task::spawn_blocking(move || {
        let Ok(mut conn) = catch_up.get() else { return };
        match crate::service::search::index_missing(&mut conn) {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "indexed texts for search"),
            Err(e) => tracing::warn!(error = %e, "indexing for search failed"),
        }
    });
    let transport =
        mail::sender::Transport::from_config(&config.mail_transport).map_err(StartupError)?;
    let from = config
        .mail_from
        .parse()
        .map_err(|e| StartupError(format!("setting MAIL_FROM: {e}")))?;
    let sender = mail::sender::Sender {
        from,
        secret: config.jwt_secret.clone(),
        public_url: config.public_url.clone(),
    };
    tokio::spawn(mail::sender::run(pool.clone(), transport, sender));
    tokio::spawn(crate::service::webhooks::run(
        pool.clone(),
        crate::service::webhooks::Sender {
            sealing: config.pseudonym_secret.clone(),
            disable_after: config.operations.webhook_disable_after,
            public_url: config.public_url.clone(),
        },
    ));
    let health = Arc::new(crate::service::jobs::JobHealth::new());
    let context = crate::service::jobs::JobContext {
        secret: config.pseudonym_secret.clone(),
        public_url: config.public_url.clone(),
        digest_hour: config.digest_hour,
    };
    tokio::spawn(crate::service::jobs::run(
        pool.clone(),
        context,
        health.clone(),
    ));
    Ok(health)
}

fn cors(origins: &[String]) -> Cors {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            "authorization",
            "content-type",
            "idempotency-key",
            "x-request-id",
        ])
        .expose_headers(["x-request-id", "retry-after", "location"])
        .max_age(3600);
    for origin in origins {
        cors = if origin == "*" {
            cors.allow_any_origin()
        } else {
            cors.allowed_origin(origin)
        };
    }
    cors
}

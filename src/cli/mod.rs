//! The command line: `serve` (default), `migrate`, `create-admin`, `openapi`, `tally`,
//! `seed-demo`, `audit verify`, `healthcheck`, `backup` and `restore`.

pub mod seed_demo;
mod tally;

use std::io::BufRead;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::{Config, LogFormat, RawSettings, SETTINGS};
use crate::service::accounts::{self, AdminCreated};
use crate::startup::{self, Application};
use crate::telemetry;

#[derive(Parser)]
#[command(
    name = "wijkbudget",
    version,
    about = "Participatory neighbourhood budgeting: a REST API for proposals, voting and the city's books",
    long_about = "wijkbudget runs a participatory budget from the first idea to the last euro spent: \
areas and editions with needs-weighted envelopes, citizen proposals, co-signing, feasibility \
review, voting rounds with fair outcome rules, council decisions and the strategic-cycle budget \
module. With no settings at all it keeps its data in ./data (SQLite) and listens on \
127.0.0.1:8080."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP API (the default when no command is given). Applies pending migrations first.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a verified administrator, or make an existing account one. There is no default
    /// administrator: the first one comes from here.
    CreateAdmin {
        /// E-mail address of the administrator.
        #[arg(long)]
        email: String,
        /// Password (8 to 1024 characters, not a common one). When omitted it is read from
        /// the first line of standard input, which keeps it out of the shell history.
        #[arg(long)]
        password: Option<String>,
    },
    /// Print the OpenAPI 3.1 document the server serves at /api/v1/openapi.json.
    Openapi,
    /// Fill an empty database with a demo city: areas, an edition in every phase, proposals,
    /// supports, reviews, ballots, a council decision, a plan with budget lines, fundings and
    /// milestones. Then run `wijkbudget serve` and explore the API.
    SeedDemo,
    /// Recompute participatory budgets from pabulib .pb files (files or folders). Prints one line
    /// per file and a summary; with --check, exits non-zero when an outcome differs from the
    /// file's `selected` column.
    Tally(tally::TallyArgs),
    /// Work with the audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Exit 0 when the server at BIND answers GET /health with 200 (for container health checks).
    Healthcheck,
    /// Write a consistent backup of the whole database to a new file while the service runs
    /// (SQLite: VACUUM INTO; PostgreSQL: pg_dump in its custom format). The ballots in it stay
    /// sealed: keep PSEUDONYM_SECRET (and JWT_SECRET) apart from the backups.
    Backup {
        /// The file to write; it must not exist.
        file: std::path::PathBuf,
    },
    /// Restore a backup into the configured database: for SQLite into a database file that does
    /// not exist yet; for PostgreSQL into the database, replacing what it holds, in one
    /// transaction. Then start `serve` with the same secrets.
    Restore {
        /// A file written by `wijkbudget backup`.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute the hash chain of the audit log and check it against the sealed checkpoints
    /// (with this server's PSEUDONYM_SECRET) and the heads published with round results; exits
    /// non-zero and names the first break when an entry was edited, removed or replaced, or the
    /// history was rewritten and re-hashed.
    Verify {
        /// A head hash published elsewhere (a results page, a council document); repeatable.
        /// The log must still contain it.
        #[arg(long = "published")]
        published: Vec<String>,
    },
}

fn settings_help() -> String {
    let mut text = String::from(
        "Settings (environment variable, else the same key in lower case in ./wijkbudget.toml \
or the file named by WIJKBUDGET_CONFIG, else the default):\n",
    );
    for setting in SETTINGS {
        text.push_str(&format!(
            "  {:<20} {} [default: {}]\n",
            setting.env, setting.help, setting.default
        ));
    }
    text
}

/// Parses the command line and runs the command; errors end as one line on stderr.
pub fn main() -> ExitCode {
    let matches = Cli::command()
        .after_long_help(settings_help())
        .get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match run(cli.command.unwrap_or(Command::Serve)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wijkbudget: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load_config() -> Result<Config, String> {
    let raw = RawSettings::from_environment().map_err(|e| e.to_string())?;
    let (filter, format) = raw.log_settings();
    telemetry::init(&filter, format.unwrap_or(LogFormat::Text));
    raw.into_config().map_err(|e| e.to_string())
}

/// Runs one command: a match with one short arm per command of the CLI, kept together so the
/// whole command set reads in one place.
fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Openapi => {
            let document = crate::api::openapi_document()
                .to_pretty_json()
                .map_err(|e| e.to_string())?;
            println!("{document}");
            Ok(())
        }
        Command::Audit {
            action: AuditAction::Verify { published },
        } => {
            let config = load_config()?;
            let pool = runtime()?
                .block_on(startup::prepare_database(&config))
                .map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let checked =
                crate::service::audit::verify(&mut conn, &config.pseudonym_secret, &published)
                    .map_err(|e| e.detail.to_string())?;
            match checked {
                Ok(count) => {
                    println!("audit log intact: {count} entries");
                    Ok(())
                }
                Err(broken) => Err(broken.to_string()),
            }
        }
        Command::SeedDemo => {
            let config = load_config()?;
            let pool = runtime()?
                .block_on(startup::prepare_database(&config))
                .map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let summary = seed_demo::seed(&mut conn, &config.pseudonym_secret)
                .map_err(|e| e.detail.to_string())?;
            println!("{summary}");
            Ok(())
        }
        Command::Tally(args) => match tally::run(&args)? {
            true => Ok(()),
            false => {
                Err("some outcomes differ from the official ones or could not be computed".into())
            }
        },
        Command::Backup { file } => {
            let config = load_config()?;
            crate::db::backup::backup(&config.database_url, &file)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let config = load_config()?;
            crate::db::backup::restore(&config.database_url, &file)?;
            println!(
                "restored {}; start `wijkbudget serve` with the same secrets",
                file.display()
            );
            Ok(())
        }
        Command::Healthcheck => {
            let raw = RawSettings::from_environment().map_err(|e| e.to_string())?;
            let config = raw.into_config().map_err(|e| e.to_string())?;
            healthcheck(&config.bind)
        }
        Command::Serve => {
            let config = load_config()?;
            actix_web::rt::System::new().block_on(async move {
                let bind = config.bind.clone();
                let database = format!("{:?}", config.database_url);
                let app = Application::build(config)
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::info!(%bind, port = app.port(), %database, "wijkbudget is serving");
                app.run_until_stopped().await.map_err(|e| e.to_string())
            })
        }
        Command::Migrate => {
            let config = load_config()?;
            runtime()?
                .block_on(startup::prepare_database(&config))
                .map_err(|e| e.to_string())?;
            println!("database is up to date");
            Ok(())
        }
        Command::CreateAdmin { email, password } => {
            let config = load_config()?;
            let password = match password {
                Some(p) => p,
                None => read_password_from_stdin()?,
            };
            let pool = runtime()?
                .block_on(startup::prepare_database(&config))
                .map_err(|e| e.to_string())?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            match accounts::create_admin(&mut conn, &email, &password) {
                Ok(AdminCreated::NewAccount(id)) => {
                    println!("created administrator {email} (user {id})");
                    Ok(())
                }
                Ok(AdminCreated::ExistingAccountPromoted(id)) => {
                    println!(
                        "user {id} ({email}) is now an administrator; its password was replaced"
                    );
                    Ok(())
                }
                Err(e) => Err(match e.errors.first() {
                    Some(field) => format!("--{} {}", field.field, field.message),
                    None => e.detail.to_string(),
                }),
            }
        }
    }
}

fn healthcheck(bind: &str) -> Result<(), String> {
    use std::io::{Read, Write};
    use std::net::{TcpStream, ToSocketAddrs};
    use std::time::Duration;
    let address = bind
        .replace("0.0.0.0", "127.0.0.1")
        .replace("[::]", "[::1]")
        .to_socket_addrs()
        .map_err(|e| format!("setting BIND: {e}"))?
        .next()
        .ok_or("setting BIND: no address")?;
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(3))
        .map_err(|e| format!("cannot reach {address}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(b"GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
        Ok(())
    } else {
        Err(format!(
            "unhealthy: {}",
            answer.lines().next().unwrap_or("no answer")
        ))
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

fn read_password_from_stdin() -> Result<String, String> {
    eprintln!("reading the password from standard input (one line)");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err("no password given: pass --password or one line on standard input".into());
    }
    Ok(password)
}

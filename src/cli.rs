//! Shell subcommands: `webchat agent add|list`, `webchat ingest <site>`.

use clap::Subcommand;

use crate::{
    auth::{AuthService, StaffAccount},
    config::Config,
    domain::{model::Role, validate},
    rag::{
        Rag,
        ingest::{JobStatus, MAX_PAGES_LIMIT, Progress},
    },
    store,
};

#[derive(Subcommand)]
pub enum AgentCommand {
    /// Create an agent (or admin) account, or update the one with this email.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long = "name")]
        display_name: String,
        /// The password; else WEBCHAT_AGENT_PASSWORD; else asked for on the
        /// terminal (twice, not echoed).
        #[arg(long, env = "WEBCHAT_AGENT_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        /// agent (the default), supervisor or admin.
        #[arg(long, default_value = "agent")]
        role: String,
        /// The same as --role admin.
        #[arg(long)]
        admin: bool,
    },
    /// List agent and admin accounts.
    List,
}

/// Where the command writes, said plainly: a SQLite file as an absolute
/// path (a relative `DATABASE_URL` depends on the folder it is run from),
/// and whether it did not exist yet.
fn describe_database(url: &str) -> (String, bool) {
    let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(p))
    else {
        return (crate::config::redact_url(url), false);
    };
    let path = std::path::Path::new(path);
    let absolute =
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |dir| dir.join(path));
    (
        format!("the SQLite database {}", absolute.display()),
        !path.exists(),
    )
}

/// The password from the flag or the environment, else asked for twice on a terminal.
fn password_of(given: Option<String>) -> anyhow::Result<String> {
    if let Some(password) = given {
        return Ok(password);
    }
    anyhow::ensure!(
        std::io::IsTerminal::is_terminal(&std::io::stdin()),
        "no password: pass --password, set WEBCHAT_AGENT_PASSWORD, or run this on a terminal to be asked"
    );
    let first = rpassword::prompt_password("Password (at least 8 characters): ")?;
    let again = rpassword::prompt_password("The same password again: ")?;
    anyhow::ensure!(
        first == again,
        "the two passwords differ; nothing was saved"
    );
    Ok(first)
}

pub async fn agent(config: Config, command: AgentCommand) -> anyhow::Result<()> {
    let (database, is_new) = describe_database(&config.database_url);
    let store = store::connect(&config.database_url).await?;
    let auth = AuthService::new(store.clone(), config.user_token_ttl, config.agent_token_ttl);
    match command {
        AgentCommand::Add {
            email,
            display_name,
            password,
            role,
            admin,
        } => {
            let role = if admin {
                Role::Admin
            } else {
                Role::parse(&role)
                    .filter(|r| r.is_staff())
                    .ok_or_else(|| anyhow::anyhow!("--role must be agent, supervisor or admin"))?
            };
            let account = StaffAccount {
                email,
                password: password_of(password)?,
                display_name,
                role,
            };
            let user = auth
                .save_staff(account, true)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message))?;
            println!(
                "saved {} {} ({}) in {database}",
                user.role, user.display_name, user.id
            );
            if is_new {
                eprintln!(
                    "note: {database} did not exist and was created just now; if the server uses another \
                     one, run this with its DATABASE_URL (or from its folder)"
                );
            }
        }
        AgentCommand::List => {
            for m in store.list_staff().await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    m.user.id, m.user.role, m.email, m.user.display_name
                );
            }
        }
    }
    Ok(())
}

/// Crawls `site` into the knowledge base, with a progress bar on stderr.
pub async fn ingest(config: Config, site: String, max_pages: usize) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..=MAX_PAGES_LIMIT).contains(&max_pages),
        "--max-pages must be 1..={MAX_PAGES_LIMIT}"
    );
    let site = validate::site(&site).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = store::connect(&config.database_url).await?;
    let rag = Rag::from_config(&config, store)?;
    let bar = |p: &Progress| {
        let width = 30;
        let filled = (p.pages_done * width / max_pages).min(width);
        eprint!(
            "\r[{}{}] {}/{max_pages} pages, {} failed ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            p.pages_done,
            p.pages_failed
        );
    };
    let done = rag.ingestor.ingest(&site, max_pages, &bar).await;
    eprintln!();
    match done.status {
        JobStatus::Done => {
            println!(
                "ingested {} pages of {site} ({} failed)",
                done.pages_done, done.pages_failed
            );
            Ok(())
        }
        _ => anyhow::bail!(
            "ingesting {site} failed: {}",
            done.error.unwrap_or_default()
        ),
    }
}

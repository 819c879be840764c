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
        /// The password; read from WEBCHAT_AGENT_PASSWORD when not given.
        #[arg(long, env = "WEBCHAT_AGENT_PASSWORD", hide_env_values = true)]
        password: String,
        /// Make the account an admin.
        #[arg(long)]
        admin: bool,
    },
    /// List agent and admin accounts.
    List,
}

pub async fn agent(config: Config, command: AgentCommand) -> anyhow::Result<()> {
    let store = store::connect(&config.database_url).await?;
    let auth = AuthService::new(store.clone(), config.user_token_ttl, config.agent_token_ttl);
    match command {
        AgentCommand::Add {
            email,
            display_name,
            password,
            admin,
        } => {
            let role = if admin { Role::Admin } else { Role::Agent };
            let account = StaffAccount {
                email,
                password,
                display_name,
                role,
            };
            let user = auth
                .save_staff(account, true)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message))?;
            println!("saved {} {} ({})", user.role, user.display_name, user.id);
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

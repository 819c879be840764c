//! The `webchat` binary: serve (default), manage agents, or ingest a site.

use clap::{Parser, Subcommand};
use webchat::{app::App, cli, config::Config};

#[derive(Parser)]
#[command(
    name = "webchat",
    version,
    about = "Self-hosted live chat with a bot and human handoff"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (the default).
    Serve,
    /// Manage agent and admin accounts.
    Agent {
        #[command(subcommand)]
        command: cli::AgentCommand,
    },
    /// Crawl a site into the bot's knowledge (replaces its pages).
    Ingest {
        /// The site, e.g. https://example.com
        site: String,
        /// At most this many pages (1..=500).
        #[arg(long, default_value_t = 50)]
        max_pages: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("webchat: {e}");
            std::process::exit(2);
        }
    };
    webchat::telemetry::init(&config.log_filter);
    match args.command.unwrap_or(Command::Serve) {
        Command::Serve => App::build(config).await?.run().await,
        Command::Agent { command } => cli::agent(config, command).await,
        Command::Ingest { site, max_pages } => cli::ingest(config, site, max_pages).await,
    }
}

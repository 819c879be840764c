//! Shell subcommands: `webchat agent add|list`.

use clap::Subcommand;

use crate::{
    auth::{AuthService, StaffAccount},
    chat::model::Role,
    config::Config,
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

//! The command line: global options (server URL, admin account, JSON output,
//! the server's pid) and one subcommand per scenario.

use std::{path::PathBuf, time::Duration};

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "loadgen",
    version,
    about = "Load generator for Webchat: real visitors and agents over Socket.IO"
)]
pub struct Cli {
    /// The server's base URL.
    #[arg(
        long,
        global = true,
        env = "LOADGEN_URL",
        default_value = "http://127.0.0.1:3001"
    )]
    pub url: String,
    /// An admin account, used to create the agents a scenario needs.
    #[arg(long, global = true, env = "WEBCHAT_ADMIN_EMAIL")]
    pub admin_email: Option<String>,
    #[arg(
        long,
        global = true,
        env = "WEBCHAT_ADMIN_PASSWORD",
        hide_env_values = true
    )]
    pub admin_password: Option<String>,
    /// Also write the report as JSON to this file.
    #[arg(long, global = true)]
    pub json: Option<PathBuf>,
    /// The server's process id, to report its memory (RSS) and CPU.
    #[arg(long, global = true)]
    pub server_pid: Option<u32>,
    /// How long to wait for a connection or an acknowledgement.
    #[arg(long, global = true, default_value = "10s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// How many connections to open at once during set-up.
    #[arg(long, global = true, default_value_t = 32)]
    pub connect_concurrency: usize,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Visitors and agents chat at a set total message rate.
    Chat(ChatArgs),
    /// Connections that say hello and then hold, idle.
    Idle(IdleArgs),
    /// Many queued sessions, many agents racing to claim them.
    ClaimStorm(ClaimStormArgs),
    /// A full queue routed to agents as they come online (ROUTING=auto).
    Route(RouteArgs),
    /// Starts the server binary and times it until /health answers.
    Startup(StartupArgs),
    /// Search latency over a seeded database (scripts/bench-search.sh).
    Search(SearchArgs),
}

#[derive(Args, Debug, Clone)]
pub struct SearchArgs {
    /// Comma-separated query strings of `GET /api/search` (without `?`).
    #[arg(
        long,
        default_value = "q=order,q=refund,q=refund%20late,q=deliv,q=w1777,q=nomatchword,q=order&status=closed,tag=vip"
    )]
    pub queries: String,
    /// Rounds of every query.
    #[arg(long, default_value_t = 50)]
    pub rounds: usize,
    /// Searches in flight at once.
    #[arg(long, default_value_t = 1)]
    pub concurrency: usize,
}

#[derive(Args, Debug, Clone)]
pub struct ChatArgs {
    /// Visitors, each with one session handed off to an agent.
    #[arg(long, default_value_t = 200)]
    pub visitors: usize,
    /// Agents; visitor i's session is claimed by agent i mod agents.
    #[arg(long, default_value_t = 20)]
    pub agents: usize,
    /// Messages per second, in total, half from visitors and half from agents.
    #[arg(long, default_value_t = 100.0)]
    pub rate: f64,
    /// How long to send for (after set-up).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub duration: Duration,
    /// Characters of filler text in each message.
    #[arg(long, default_value_t = 64)]
    pub text_bytes: usize,
    /// Webhooks for `message.created` to a receiver in loadgen (the server
    /// needs WEBHOOK_ALLOW_PRIVATE=true); 0: none.
    #[arg(long, default_value_t = 0)]
    pub webhooks: usize,
}

#[derive(Args, Debug, Clone)]
pub struct IdleArgs {
    #[arg(long, default_value_t = 1000)]
    pub connections: usize,
    /// How long to hold the connections once all are open.
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    pub hold: Duration,
    /// Also create a session on each connection (a visitor waiting for the bot).
    #[arg(long)]
    pub with_session: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ClaimStormArgs {
    /// Sessions put in the queue before the agents start.
    #[arg(long, default_value_t = 1000)]
    pub sessions: usize,
    #[arg(long, default_value_t = 50)]
    pub agents: usize,
    /// Visitor connections that open the sessions (default: min(sessions, 100)).
    #[arg(long)]
    pub visitors: Option<usize>,
}

#[derive(Args, Debug, Clone)]
pub struct RouteArgs {
    /// Sessions put in the queue before the agents come online.
    #[arg(long, default_value_t = 1000)]
    pub sessions: usize,
    #[arg(long, default_value_t = 50)]
    pub agents: usize,
    /// Chats routed to each agent at once.
    #[arg(long, default_value_t = 3)]
    pub capacity: usize,
    /// Visitor connections that open the sessions (default: min(sessions, 100)).
    #[arg(long)]
    pub visitors: Option<usize>,
    /// Handoffs timed one at a time after the drain, to idle agents.
    #[arg(long, default_value_t = 20)]
    pub singles: usize,
    /// Gives up waiting for the queue to drain after this long.
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub max_wait: Duration,
}

#[derive(Args, Debug, Clone)]
pub struct StartupArgs {
    /// The server binary (e.g. target/release/webchat).
    #[arg(long)]
    pub bin: PathBuf,
    /// How many cold starts to time, each on a fresh SQLite database unless
    /// DATABASE_URL is set in the environment.
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// The port to start it on (the --url is ignored).
    #[arg(long, default_value_t = 3999)]
    pub port: u16,
}

/// `30s`, `500ms`, `2m`, or a plain number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("bad duration: {s}"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("bad duration unit in {s} (use ms, s, m or h)")),
    };
    Duration::try_from_secs_f64(secs).map_err(|e| format!("bad duration {s}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("3 days").is_err());
    }

    #[test]
    fn parses_a_chat_command_with_globals_after_it() {
        let cli = Cli::try_parse_from([
            "loadgen",
            "--url",
            "http://h:1",
            "chat",
            "--visitors",
            "5",
            "--rate",
            "20",
            "--duration",
            "2s",
            "--json",
            "out.json",
            "--server-pid",
            "42",
        ])
        .unwrap();
        assert_eq!(cli.url, "http://h:1");
        assert_eq!(cli.server_pid, Some(42));
        assert_eq!(cli.json, Some(PathBuf::from("out.json")));
        let Command::Chat(chat) = cli.command else {
            panic!("not chat")
        };
        assert_eq!((chat.visitors, chat.agents, chat.rate), (5, 20, 20.0));
        assert_eq!(chat.duration, Duration::from_secs(2));
    }
}

//! Configuration: one `Config`, read from the environment (and `.env`).
//!
//! Every variable is listed in `.env.example`. A bad value stops start-up with
//! a message naming the variable; secrets are never printed (`Debug` redacts).

mod env;
mod limits;
mod mail;
mod webhooks;
mod workspace;

use env::Env;

pub use limits::LimitsConfig;
pub use mail::MailConfig;
pub use webhooks::WebhookConfig;
pub use workspace::WorkspaceConfig;

use crate::chat::routing::{RoutingConfig, RoutingMode};

use std::{
    collections::HashMap,
    fmt,
    net::{IpAddr, SocketAddr},
    time::Duration,
};

/// Everything the server needs to start.
#[derive(Clone)]
pub struct Config {
    pub host: IpAddr,
    pub port: u16,
    /// Where `/metrics` is served (never on the public listener); unset: nowhere.
    pub metrics_addr: Option<SocketAddr>,
    pub database_url: String,
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    pub cors_origins: Vec<String>,
    pub admin_enabled: bool,
    pub public_base_url: Option<String>,
    pub user_token_ttl: Duration,
    pub agent_token_ttl: Duration,
    pub max_body_bytes: usize,
    pub max_socket_payload_bytes: usize,
    /// Engine.IO heartbeat: a client that does not answer a ping within the
    /// timeout (for example one that stopped reading) is disconnected.
    pub socket_ping_interval: Duration,
    /// How long an agent with no socket stays online or away before it is offline.
    pub agent_offline_grace: Duration,
    /// `ROUTING` (auto or manual) and `QUEUE_ALERT_SECS`.
    pub routing: RoutingConfig,
    /// `IDLE_CLOSE_MINUTES`: a chat still with the bot and without a message
    /// this long is closed; `None` (0): never.
    pub idle_close: Option<Duration>,
    /// `RETENTION_DAYS`: closed chats older than this are deleted; `None`: kept.
    pub retention_days: Option<u32>,
    pub socket_ping_timeout: Duration,
    pub kafka: KafkaConfig,
    pub openai: OpenAiConfig,
    pub twilio: TwilioConfig,
    pub embed_model_dir: Option<String>,
    /// `EMBED_MODEL=lexical` switches the bundled model off (the built-in
    /// lexical embedder instead); `bundled` (the default) keeps it.
    pub lexical_embedder: bool,
    /// `BOT_HANDOFF_ON_UNSURE`: when the bot does not know, it queues the
    /// chat for a person by itself (else it offers one).
    pub bot_handoff_on_unsure: bool,
    pub ingest_public: bool,
    pub ingest_allow_private: bool,
    pub limits: LimitsConfig,
    /// Attachments and visitor identity.
    pub workspace: WorkspaceConfig,
    /// `SMTP_URL`, `SMTP_FROM`, `OFFLINE_NOTIFY_EMAIL`.
    pub mail: MailConfig,
    /// Outgoing webhooks' timeout, address guard and retry window.
    pub webhooks: WebhookConfig,
    pub redis_url: Option<String>,
    /// Prefix of the Redis channels (several deployments may share a Redis).
    pub redis_prefix: String,
    pub log_filter: String,
}

#[derive(Clone, Default)]
pub struct KafkaConfig {
    pub enabled: bool,
    pub brokers: Option<String>,
    pub client_id: String,
    pub topic_prefix: String,
    /// Other `KAFKA_*` variables, as librdkafka settings (`KAFKA_SASL_MECHANISMS`
    /// becomes `sasl.mechanisms`).
    pub extra: Vec<(String, String)>,
    /// How long published outbox rows are kept.
    pub outbox_retention: Duration,
}

#[derive(Clone, Default)]
pub struct OpenAiConfig {
    pub api_key: Option<String>,
    pub base_url: Option<String>,
    pub model: String,
    pub embed_model: String,
}

#[derive(Clone, Default)]
pub struct TwilioConfig {
    /// Words that, alone in a message, ask for a human.
    pub handoff_words: Vec<String>,
    pub account_sid: Option<String>,
    pub auth_token: Option<String>,
    pub whatsapp_from: Option<String>,
    pub api_base: String,
    /// Without an auth token, accept unsigned webhooks (local trials only).
    pub allow_unsigned: bool,
}

/// A configuration value that could not be used; names the variable.
#[derive(Debug, thiserror::Error)]
#[error("configuration error in {var}: {reason}")]
pub struct ConfigError {
    pub var: &'static str,
    pub reason: String,
}

impl Config {
    /// Reads the process environment, after loading `.env` if present.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_vars(&std::env::vars().collect())
    }

    /// Builds a config from a map of variables (tests pass their own).
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let env = Env(vars);
        let kafka_brokers = env.string("KAFKA_BROKERS");
        Ok(Config {
            host: env.parse("HOST", "0.0.0.0".parse().expect("valid ip"))?,
            port: env.parse("PORT", 3001)?,
            metrics_addr: env.optional("METRICS_ADDR")?,
            database_url: env.database_url()?,
            admin_email: env.string("WEBCHAT_ADMIN_EMAIL"),
            admin_password: env.string("WEBCHAT_ADMIN_PASSWORD"),
            cors_origins: env.origins(&["CORS_ORIGIN_USER", "CORS_ORIGIN_AGENT"])?,
            admin_enabled: env.bool("ADMIN_ENABLED", true)?,
            public_base_url: env
                .string("PUBLIC_BASE_URL")
                .or_else(|| env.string("NGROK_BASE_URL")),
            user_token_ttl: Duration::from_secs(env.parse("USER_TOKEN_TTL_HOURS", 720u64)? * 3600),
            agent_token_ttl: Duration::from_secs(env.parse("AGENT_TOKEN_TTL_HOURS", 12u64)? * 3600),
            max_body_bytes: env.parse("MAX_BODY_BYTES", 64 * 1024)?,
            max_socket_payload_bytes: env.parse("MAX_SOCKET_PAYLOAD_BYTES", 64 * 1024)?,
            socket_ping_interval: Duration::from_secs(
                env.parse("SOCKET_PING_INTERVAL_SECS", 25u64)?,
            ),
            socket_ping_timeout: Duration::from_secs(env.parse("SOCKET_PING_TIMEOUT_SECS", 20u64)?),
            agent_offline_grace: Duration::from_secs(env.parse_in(
                "AGENT_OFFLINE_GRACE_SECS",
                60u64,
                1..=86_400,
            )?),
            routing: RoutingConfig {
                mode: match env.string("ROUTING").as_deref() {
                    None | Some("auto") => RoutingMode::Auto,
                    Some("manual") => RoutingMode::Manual,
                    Some(other) => {
                        return Err(ConfigError {
                            var: "ROUTING",
                            reason: format!("must be \"auto\" or \"manual\", got {other:?}"),
                        });
                    }
                },
                alert_after: Duration::from_secs(env.parse_in(
                    "QUEUE_ALERT_SECS",
                    60u64,
                    1..=86_400,
                )?),
            },
            idle_close: match env.parse_in("IDLE_CLOSE_MINUTES", 30, 0..=10_080)? {
                0 => None,
                minutes => Some(Duration::from_secs(minutes * 60)),
            },
            retention_days: match env.optional::<u32>("RETENTION_DAYS")? {
                Some(0 | 36_501..) => {
                    return Err(ConfigError {
                        var: "RETENTION_DAYS",
                        reason: "must be 1 to 36500 days (unset keeps every chat)".into(),
                    });
                }
                days => days,
            },
            kafka: KafkaConfig {
                enabled: env.bool("KAFKA_ENABLED", kafka_brokers.is_some())?,
                brokers: kafka_brokers,
                client_id: env
                    .string("KAFKA_CLIENT_ID")
                    .unwrap_or_else(|| "webchat".into()),
                topic_prefix: env
                    .string("KAFKA_TOPIC_PREFIX")
                    .unwrap_or_else(|| "webchat".into()),
                extra: env.kafka_passthrough(),
                outbox_retention: Duration::from_secs(
                    env.parse("OUTBOX_RETENTION_HOURS", 168u64)? * 3600,
                ),
            },
            openai: OpenAiConfig {
                api_key: env.string("OPENAI_API_KEY"),
                base_url: env.string("OPENAI_BASE_URL"),
                model: env
                    .string("OPENAI_MODEL")
                    .unwrap_or_else(|| "gpt-4o-mini".into()),
                embed_model: env
                    .string("OPENAI_EMBED_MODEL")
                    .unwrap_or_else(|| "text-embedding-3-small".into()),
            },
            twilio: TwilioConfig {
                handoff_words: env
                    .string("WHATSAPP_HANDOFF_WORDS")
                    .unwrap_or_else(|| "human,agent".into())
                    .split(',')
                    .map(|w| w.trim().to_lowercase())
                    .filter(|w| !w.is_empty())
                    .collect(),
                account_sid: env.string("TWILIO_ACCOUNT_SID"),
                auth_token: env.string("TWILIO_AUTH_TOKEN"),
                whatsapp_from: env.string("TWILIO_WHATSAPP_FROM"),
                api_base: env
                    .string("TWILIO_API_BASE")
                    .unwrap_or_else(|| "https://api.twilio.com".into()),
                allow_unsigned: env.bool("TWILIO_ALLOW_UNSIGNED", false)?,
            },
            embed_model_dir: env.string("EMBED_MODEL_DIR"),
            lexical_embedder: match env.string("EMBED_MODEL").as_deref() {
                None | Some("bundled") => false,
                Some("lexical") => true,
                Some(other) => {
                    return Err(ConfigError {
                        var: "EMBED_MODEL",
                        reason: format!("must be \"bundled\" or \"lexical\", got {other:?}"),
                    });
                }
            },
            bot_handoff_on_unsure: env.bool("BOT_HANDOFF_ON_UNSURE", false)?,
            ingest_public: env.bool("INGEST_PUBLIC", false)?,
            ingest_allow_private: env.bool("INGEST_ALLOW_PRIVATE", false)?,
            limits: LimitsConfig::from_env(&env)?,
            workspace: WorkspaceConfig::from_env(&env)?,
            mail: MailConfig::from_env(&env)?,
            webhooks: WebhookConfig::from_env(&env)?,
            redis_url: env.string("REDIS_URL"),
            redis_prefix: env
                .string("REDIS_PREFIX")
                .unwrap_or_else(|| "webchat".into()),
            log_filter: env.string("RUST_LOG").unwrap_or_else(|| "info".into()),
        })
    }

    /// A config for tests and tools: loopback, port 0, the given database.
    pub fn for_database(database_url: &str) -> Self {
        let vars = HashMap::from([
            ("HOST".to_string(), "127.0.0.1".to_string()),
            ("PORT".to_string(), "0".to_string()),
            ("DATABASE_URL".to_string(), database_url.to_string()),
        ]);
        Self::from_vars(&vars).expect("test config is valid")
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &redact_url(&self.database_url))
            .field("admin_email", &self.admin_email)
            .field(
                "admin_password",
                &self.admin_password.as_ref().map(|_| "***"),
            )
            .field("cors_origins", &self.cors_origins)
            .field("kafka_enabled", &self.kafka.enabled)
            .field("openai_key_set", &self.openai.api_key.is_some())
            .field("twilio_configured", &self.twilio.auth_token.is_some())
            .field("redis", &self.redis_url.as_deref().map(redact_url))
            .field("attachment_bucket", &self.workspace.attachment_bucket)
            .field("smtp", &self.mail.smtp_url.as_deref().map(redact_url))
            .field(
                "identity_secret_set",
                &self.workspace.identity_secret.is_some(),
            )
            .finish_non_exhaustive()
    }
}

/// Hides the password part of a connection URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_embedded_setup() {
        let c = Config::from_vars(&HashMap::new()).unwrap();
        assert_eq!(c.port, 3001);
        assert_eq!(c.database_url, "sqlite://webchat.db");
        assert!(c.admin_enabled);
        assert!(!c.kafka.enabled);
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = Config::from_vars(&vars(&[("PORT", "http")])).unwrap_err();
        assert_eq!(err.var, "PORT");
        let err = Config::from_vars(&vars(&[("ADMIN_ENABLED", "maybe")])).unwrap_err();
        assert_eq!(err.var, "ADMIN_ENABLED");
        let err = Config::from_vars(&vars(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert_eq!(err.var, "DATABASE_URL");
        let err = Config::from_vars(&vars(&[("CORS_ORIGIN_USER", "evil")])).unwrap_err();
        assert_eq!(err.var, "CORS_ORIGIN_USER");
    }

    #[test]
    fn other_kafka_settings_pass_through() {
        let c = Config::from_vars(&vars(&[
            ("KAFKA_BROKERS", "b:9092"),
            ("KAFKA_SASL_MECHANISMS", "PLAIN"),
            ("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"),
        ]))
        .unwrap();
        assert!(c.kafka.enabled, "brokers alone turn Kafka on");
        assert_eq!(
            c.kafka.extra,
            vec![
                ("sasl.mechanisms".to_string(), "PLAIN".to_string()),
                ("security.protocol".to_string(), "SASL_SSL".to_string())
            ]
        );
    }

    #[test]
    fn ngrok_alias_and_secrets_redacted() {
        let c = Config::from_vars(&vars(&[
            ("NGROK_BASE_URL", "https://x.ngrok.io"),
            ("WEBCHAT_ADMIN_PASSWORD", "hunter2"),
            ("DATABASE_URL", "postgres://u:pw@h/db"),
        ]))
        .unwrap();
        assert_eq!(c.public_base_url.as_deref(), Some("https://x.ngrok.io"));
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains(":pw@"),
            "{shown}"
        );
    }
}

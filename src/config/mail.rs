//! Email (`SMTP_URL`, `SMTP_FROM`, `OFFLINE_NOTIFY_EMAIL`): unset
//! `SMTP_URL` logs mails and skips them.

use super::{ConfigError, Env};

#[derive(Clone, Default)]
pub struct MailConfig {
    /// `smtp://host:port`, `smtps://…` (TLS), `smtp://…?tls=required`
    /// (STARTTLS), with `user:password@` when the server wants them.
    pub smtp_url: Option<String>,
    /// The sender, e.g. `Acme support <support@acme.example>`.
    pub from: String,
    /// Who hears about offline conversations.
    pub offline_notify: Option<String>,
}

impl MailConfig {
    pub(super) fn from_env(env: &Env<'_>) -> Result<Self, ConfigError> {
        let smtp_url = env.string("SMTP_URL");
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(ConfigError {
                var: "SMTP_URL",
                reason: "must be smtp://host:port or smtps://host:port (user:password@ before the host when needed)".into(),
            });
        }
        let from = env
            .string("SMTP_FROM")
            .unwrap_or_else(|| "Webchat <webchat@localhost>".into());
        let offline_notify = env.string("OFFLINE_NOTIFY_EMAIL");
        for (var, value) in [
            ("SMTP_FROM", Some(&from)),
            ("OFFLINE_NOTIFY_EMAIL", offline_notify.as_ref()),
        ] {
            if let Some(v) = value
                && v.parse::<lettre::message::Mailbox>().is_err()
            {
                return Err(ConfigError {
                    var,
                    reason: format!("{v:?} is not an email address"),
                });
            }
        }
        Ok(MailConfig {
            smtp_url,
            from,
            offline_notify,
        })
    }
}

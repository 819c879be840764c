//! The workspace's settings: attachments (`ATTACHMENT_MAX_BYTES`,
//! `ATTACHMENT_TYPES`, `ATTACHMENT_BUCKET`) and visitor identity
//! (`IDENTITY_SECRET`).

use super::{ConfigError, Env};

/// The default `ATTACHMENT_TYPES`: images, PDF and plain text.
pub const DEFAULT_TYPES: &str =
    "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain";

#[derive(Clone, Default)]
pub struct S3Settings {
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

#[derive(Clone)]
pub struct WorkspaceConfig {
    /// The largest upload accepted (over it: 413).
    pub attachment_max_bytes: usize,
    /// Content types accepted, as sniffed from the bytes; `image/*` allows
    /// every image type.
    pub attachment_types: Vec<String>,
    /// `s3://bucket[/prefix]`: attachments' bytes go there; unset: in the
    /// database.
    pub attachment_bucket: Option<String>,
    /// The bucket's endpoint and credentials: the usual `AWS_ENDPOINT_URL`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (unset:
    /// Amazon S3 and the machine's own credentials).
    pub s3: S3Settings,
    /// The key of the HMAC that identifies signed-in customers; unset:
    /// identities are refused.
    pub identity_secret: Option<String>,
}

impl WorkspaceConfig {
    /// `DEFAULT_TYPES`, one per entry.
    pub fn default_types() -> Vec<String> {
        DEFAULT_TYPES.split(',').map(String::from).collect()
    }

    pub(super) fn from_env(env: &Env<'_>) -> Result<Self, ConfigError> {
        let attachment_max_bytes = env.parse_in(
            "ATTACHMENT_MAX_BYTES",
            10 * 1024 * 1024,
            1..=1024 * 1024 * 1024,
        )? as usize;
        let attachment_types: Vec<String> = env
            .string("ATTACHMENT_TYPES")
            .unwrap_or_else(|| DEFAULT_TYPES.into())
            .split(',')
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(bad) = attachment_types
            .iter()
            .find(|t| t.split('/').count() != 2 || t.starts_with('*'))
        {
            return Err(ConfigError {
                var: "ATTACHMENT_TYPES",
                reason: format!("{bad:?} is not a type/subtype (or type/*)"),
            });
        }
        let attachment_bucket = env.string("ATTACHMENT_BUCKET");
        if let Some(bucket) = &attachment_bucket
            && !bucket.starts_with("s3://")
        {
            return Err(ConfigError {
                var: "ATTACHMENT_BUCKET",
                reason: "must be s3://bucket or s3://bucket/prefix".into(),
            });
        }
        let identity_secret = env.string("IDENTITY_SECRET");
        if identity_secret.as_ref().is_some_and(|s| s.len() < 16) {
            return Err(ConfigError {
                var: "IDENTITY_SECRET",
                reason: "use at least 16 characters (32 random bytes as hex is good)".into(),
            });
        }
        Ok(WorkspaceConfig {
            attachment_max_bytes,
            attachment_types,
            attachment_bucket,
            s3: S3Settings {
                endpoint: env.string("AWS_ENDPOINT_URL"),
                region: env.string("AWS_REGION"),
                access_key_id: env.string("AWS_ACCESS_KEY_ID"),
                secret_access_key: env.string("AWS_SECRET_ACCESS_KEY"),
            },
            identity_secret,
        })
    }
}

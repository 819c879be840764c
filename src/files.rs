//! Attachment bytes: what a file is (sniffed from its bytes, never from its
//! name or the client's word), whether the workspace accepts it, and where
//! its bytes live: in the database (the default, so every node reads them
//! with no other service) or in an S3-compatible bucket (`ATTACHMENT_BUCKET`,
//! through the `object_store` crate).

use std::sync::Arc;

use anyhow::Context;
use object_store::{
    BackoffConfig, ObjectStore, PutPayload, RetryConfig, aws::AmazonS3Builder, path::Path,
};
use uuid::Uuid;

use crate::{config::WorkspaceConfig, store::Bytes};

/// Why a file is refused.
#[derive(Debug, PartialEq)]
pub enum Refused {
    Empty,
    TooLarge {
        size: usize,
        max: usize,
    },
    /// The sniffed type (`None`: not a known kind of file) is not accepted.
    Type(Option<&'static str>),
}

#[derive(Clone)]
pub struct Files {
    max_bytes: usize,
    types: Arc<[String]>,
    bucket: Option<Bucket>,
}

#[derive(Clone)]
struct Bucket {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

impl Files {
    /// Bytes in the database.
    pub fn in_database(max_bytes: usize, types: &[String]) -> Files {
        Files {
            max_bytes,
            types: types.into(),
            bucket: None,
        }
    }

    /// As configured: a bucket when `ATTACHMENT_BUCKET` is set (endpoint and
    /// credentials from `AWS_*`, else the machine's own), else the database.
    pub fn from_config(config: &WorkspaceConfig) -> anyhow::Result<Files> {
        let mut files = Files::in_database(config.attachment_max_bytes, &config.attachment_types);
        if let Some(url) = &config.attachment_bucket {
            let rest = url.trim_start_matches("s3://");
            let (name, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let s3 = &config.s3;
            let mut builder = AmazonS3Builder::from_env().with_bucket_name(name);
            if let Some(endpoint) = &s3.endpoint {
                builder = builder
                    .with_endpoint(endpoint)
                    .with_allow_http(endpoint.starts_with("http://"))
                    .with_virtual_hosted_style_request(false);
            }
            if let Some(region) = &s3.region {
                builder = builder.with_region(region);
            }
            if let (Some(id), Some(secret)) = (&s3.access_key_id, &s3.secret_access_key) {
                builder = builder
                    .with_access_key_id(id)
                    .with_secret_access_key(secret);
            }
            // A request waits at most a few seconds for a bucket that does
            // not answer (the default retries for minutes).
            let retry = RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: 2,
                retry_timeout: std::time::Duration::from_secs(5),
            };
            let store = builder
                .with_retry(retry)
                .build()
                .with_context(|| format!("ATTACHMENT_BUCKET {url}: check the AWS_* settings"))?;
            files.bucket = Some(Bucket {
                store: Arc::new(store),
                prefix: prefix.trim_matches('/').to_string(),
            });
        }
        Ok(files)
    }

    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The accepted content types, as configured.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// The file's content type, if the workspace accepts it.
    pub fn check(&self, bytes: &[u8]) -> Result<&'static str, Refused> {
        if bytes.is_empty() {
            return Err(Refused::Empty);
        }
        if bytes.len() > self.max_bytes {
            return Err(Refused::TooLarge {
                size: bytes.len(),
                max: self.max_bytes,
            });
        }
        match sniff(bytes) {
            Some(kind) if self.accepts(kind) => Ok(kind),
            other => Err(Refused::Type(other)),
        }
    }

    fn accepts(&self, kind: &str) -> bool {
        self.types.iter().any(|t| match t.strip_suffix("/*") {
            Some(family) => kind.split('/').next() == Some(family),
            None => t == kind,
        })
    }

    /// Keeps the bytes: in the bucket (the answer names the key), or for
    /// the database row.
    pub async fn keep(&self, id: Uuid, session_id: Uuid, bytes: Vec<u8>) -> anyhow::Result<Bytes> {
        let Some(bucket) = &self.bucket else {
            return Ok(Bytes::Inline(bytes));
        };
        let key = match bucket.prefix.as_str() {
            "" => format!("{session_id}/{id}"),
            prefix => format!("{prefix}/{session_id}/{id}"),
        };
        bucket
            .store
            .put(&Path::from(key.as_str()), PutPayload::from(bytes))
            .await
            .context("storing the attachment in the bucket")?;
        Ok(Bytes::Object(key))
    }

    /// The bytes kept by `keep`.
    pub async fn read(&self, bytes: Bytes) -> anyhow::Result<Vec<u8>> {
        match bytes {
            Bytes::Inline(data) => Ok(data),
            Bytes::Object(key) => {
                let bucket = self
                    .bucket
                    .as_ref()
                    .context("an attachment is in a bucket but ATTACHMENT_BUCKET is not set")?;
                let got = bucket
                    .store
                    .get(&Path::from(key.as_str()))
                    .await
                    .context("reading the attachment from the bucket")?;
                Ok(got.bytes().await?.to_vec())
            }
        }
    }
}

/// A file's type from its first bytes: the `infer` crate's signatures, or
/// `text/plain` for UTF-8 with no control characters but tab and line breaks.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if let Some(kind) = infer::get(bytes) {
        return Some(kind.mime_type());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let plain = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
    plain.then_some("text/plain")
}

/// Whether browsers may show the type inline (images, not SVG, which can
/// carry script).
pub fn is_inline_image(content_type: &str) -> bool {
    content_type.starts_with("image/") && content_type != "image/svg+xml"
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn files(types: &str) -> Files {
        let types: Vec<String> = types.split(',').map(String::from).collect();
        Files::in_database(100, &types)
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(sniff(PNG), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(
            sniff("order #1234, thanks\n".as_bytes()),
            Some("text/plain")
        );
        assert_eq!(
            sniff(b"MZ\x90\0\x03"),
            Some("application/vnd.microsoft.portable-executable")
        );
        assert_eq!(sniff(b"\0\x01\x02binary"), None);
    }

    #[test]
    fn only_accepted_types_within_the_limit_pass() {
        let f = files("image/*,text/plain");
        assert_eq!(f.check(PNG), Ok("image/png"));
        assert_eq!(f.check(b"hello"), Ok("text/plain"));
        assert_eq!(
            f.check(b"%PDF-1.7\n"),
            Err(Refused::Type(Some("application/pdf")))
        );
        assert_eq!(f.check(b""), Err(Refused::Empty));
        assert_eq!(
            f.check(&[b'a'; 101]),
            Err(Refused::TooLarge {
                size: 101,
                max: 100
            })
        );
    }

    #[test]
    fn svg_is_never_shown_inline() {
        assert!(is_inline_image("image/png"));
        assert!(!is_inline_image("image/svg+xml"));
        assert!(!is_inline_image("application/pdf"));
    }
}

//! WhatsApp files both ways. Inbound: a message's `MediaUrl`s are fetched
//! from Twilio (with the account's credentials, and only from Twilio's API
//! host) so they become attachments like any other. Outbound: an agent's
//! attachments go to Twilio as `MediaUrl`s that are signed links expiring
//! after an hour, which Twilio fetches without a token.

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::form::MediaRef;
use crate::{
    config::TwilioConfig,
    domain::signing::{hmac_sha256, hmac_sha256_matches},
};

/// How long a signed link to an attachment works.
pub const LINK_LIFETIME: Duration = Duration::from_secs(3600);

/// Fetches inbound media from Twilio.
pub struct MediaFetcher {
    http: reqwest::Client,
    /// Only URLs under this base are fetched (Twilio's API, or its stand-in).
    api_base: String,
    credentials: Option<(String, String)>,
    max_bytes: usize,
}

/// A fetched file: its name (from the URL) and bytes.
pub struct Fetched {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl MediaFetcher {
    pub fn new(config: &TwilioConfig, max_bytes: usize) -> MediaFetcher {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("http client");
        MediaFetcher {
            http,
            api_base: format!("{}/", config.api_base.trim_end_matches('/')),
            credentials: config.account_sid.clone().zip(config.auth_token.clone()),
            max_bytes,
        }
    }

    /// The file, or why not (said to the log; the message still arrives).
    pub async fn fetch(&self, media: &MediaRef) -> anyhow::Result<Fetched> {
        if !media.url.starts_with(&self.api_base) {
            anyhow::bail!("media is not on Twilio's host ({})", self.api_base);
        }
        let mut request = self.http.get(&media.url);
        if let Some((sid, token)) = &self.credentials {
            request = request.basic_auth(sid, Some(token));
        }
        let mut response = request.send().await?.error_for_status()?;
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if bytes.len() + chunk.len() > self.max_bytes {
                anyhow::bail!(
                    "media is over the attachment limit of {} bytes",
                    self.max_bytes
                );
            }
            bytes.extend_from_slice(&chunk);
        }
        let name = media
            .url
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("media");
        let extension = media.content_type.split('/').nth(1).unwrap_or("bin");
        Ok(Fetched {
            name: format!("{name}.{extension}"),
            bytes,
        })
    }
}

/// Signs and checks expiring links to attachments, with a key derived from
/// `TWILIO_AUTH_TOKEN` (a secret every node shares).
#[derive(Clone)]
pub struct LinkSigner {
    key: Vec<u8>,
}

impl LinkSigner {
    pub fn from_config(config: &TwilioConfig) -> Option<LinkSigner> {
        let token = config.auth_token.as_ref()?;
        Some(LinkSigner {
            key: hmac_sha256(token.as_bytes(), b"webchat attachment links v1"),
        })
    }

    fn signed(id: Uuid, expires: i64) -> String {
        format!("{id}:{expires}")
    }

    /// `{base}/api/attachments/{id}?expires=…&sig=…`, good for `LINK_LIFETIME`.
    pub fn link(&self, base: &str, id: Uuid, now: DateTime<Utc>) -> String {
        let expires = now.timestamp() + LINK_LIFETIME.as_secs() as i64;
        let sig = hex::encode(hmac_sha256(&self.key, Self::signed(id, expires).as_bytes()));
        format!(
            "{}/api/attachments/{id}?expires={expires}&sig={sig}",
            base.trim_end_matches('/')
        )
    }

    /// Whether the link's signature is ours and it has not expired.
    pub fn verify(&self, id: Uuid, expires: i64, sig: &str, now: DateTime<Utc>) -> bool {
        now.timestamp() <= expires
            && hmac_sha256_matches(&self.key, Self::signed(id, expires).as_bytes(), sig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(token: &str) -> LinkSigner {
        LinkSigner::from_config(&TwilioConfig {
            auth_token: Some(token.into()),
            ..TwilioConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn links_verify_until_they_expire() {
        let s = signer("twilio-token");
        let id = Uuid::now_v7();
        let now = Utc::now();
        let link = s.link("https://chat.example/", id, now);
        let query = link.split_once('?').unwrap().1;
        let params: Vec<(&str, &str)> = query
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        let expires: i64 = params[0].1.parse().unwrap();
        let sig = params[1].1;
        assert!(link.starts_with(&format!("https://chat.example/api/attachments/{id}?")));
        assert!(s.verify(id, expires, sig, now));
        assert!(
            !s.verify(id, expires, sig, now + chrono::Duration::hours(2)),
            "expired"
        );
        assert!(!s.verify(Uuid::now_v7(), expires, sig, now), "another file");
        assert!(!s.verify(id, expires + 3600, sig, now), "a longer life");
        assert!(
            !signer("other").verify(id, expires, sig, now),
            "another key"
        );
    }

    #[test]
    fn only_twilio_urls_are_fetched() {
        let fetcher = MediaFetcher::new(
            &TwilioConfig {
                api_base: "https://api.twilio.com".into(),
                ..TwilioConfig::default()
            },
            1000,
        );
        let media = MediaRef {
            url: "https://evil.example/api.twilio.com/x".into(),
            content_type: "image/png".into(),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let error = rt.block_on(fetcher.fetch(&media)).err().unwrap();
        assert!(
            error.to_string().contains("not on Twilio's host"),
            "{error}"
        );
    }
}

//! Fetching one URL for the crawler: a shared reqwest client (rustls, no
//! proxy, timeouts, the SSRF-guarding resolver), redirects followed by hand
//! so every hop is checked again (scheme, address, the caller's rules), and
//! a body read up to a byte cap. Bodies of unwanted content types are never
//! read.

use std::{sync::Arc, time::Duration};

use reqwest::{StatusCode, header};
use url::Url;

use super::ssrf::{AddressPolicy, GuardedResolver, Refused};

pub const USER_AGENT: &str = concat!("WebchatBot/", env!("CARGO_PKG_VERSION"));
/// The product token robots.txt groups are matched against.
pub const ROBOTS_AGENT: &str = "webchatbot";

#[derive(Debug, Clone)]
pub struct FetchLimits {
    pub max_bytes: usize,
    pub timeout: Duration,
    pub max_redirects: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            max_bytes: 2 * 1024 * 1024,
            timeout: Duration::from_secs(15),
            max_redirects: 5,
        }
    }
}

#[derive(Debug)]
pub struct Fetched {
    /// Where the content came from, after redirects.
    pub url: Url,
    pub content_type: String,
    pub body: Vec<u8>,
    /// The body was longer than the cap and was cut.
    pub truncated: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error("{0} is not allowed: {1}")]
    NotAllowed(String, String),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("skipped: content type {0:?}")]
    Skipped(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("network: {0}")]
    Network(String),
}

pub struct Fetcher {
    client: reqwest::Client,
    policy: Arc<AddressPolicy>,
    limits: FetchLimits,
}

impl Fetcher {
    pub fn new(policy: AddressPolicy, limits: FetchLimits) -> anyhow::Result<Self> {
        let policy = Arc::new(policy);
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy() // a proxy would connect for us, past the address checks
            .dns_resolver(Arc::new(GuardedResolver::new(policy.clone())))
            .connect_timeout(Duration::from_secs(5))
            .timeout(limits.timeout)
            .build()?;
        Ok(Fetcher {
            client,
            policy,
            limits,
        })
    }

    /// GETs `url`, following redirects; `allow_hop` vets every URL (the
    /// first and each redirect target), `wanted` the content type (`None`
    /// takes any). Returns the final body, cut at the byte cap.
    pub async fn get(
        &self,
        url: &Url,
        allow_hop: &(dyn Fn(&Url) -> Result<(), String> + Sync),
        wanted: Option<&[&str]>,
    ) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        for _ in 0..=self.limits.max_redirects {
            self.vet(&current, allow_hop)?;
            let res = self
                .client
                .get(current.clone())
                .header(
                    header::ACCEPT,
                    "text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.5",
                )
                .send()
                .await
                .map_err(network)?;
            let status = res.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let location = res
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or(FetchError::Status(status.as_u16()))?;
                current = current
                    .join(location)
                    .map_err(|e| FetchError::NotAllowed(location.to_string(), e.to_string()))?;
                continue;
            }
            if !status.is_success() {
                return Err(FetchError::Status(status.as_u16()));
            }
            let content_type = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase();
            if let Some(kinds) = wanted
                && !kinds.iter().any(|k| content_type.starts_with(k))
            {
                return Err(FetchError::Skipped(content_type));
            }
            let (body, truncated) = read_capped(res, self.limits.max_bytes).await?;
            return Ok(Fetched {
                url: current,
                content_type,
                body,
                truncated,
            });
        }
        Err(FetchError::TooManyRedirects(self.limits.max_redirects))
    }

    fn vet(
        &self,
        url: &Url,
        allow_hop: &(dyn Fn(&Url) -> Result<(), String> + Sync),
    ) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::NotAllowed(
                url.to_string(),
                "not http(s)".into(),
            ));
        }
        let host = url
            .host_str()
            .ok_or_else(|| FetchError::NotAllowed(url.to_string(), "no host".into()))?;
        self.policy.check_host(host)?;
        allow_hop(url).map_err(|reason| FetchError::NotAllowed(url.to_string(), reason))
    }
}

async fn read_capped(
    mut res: reqwest::Response,
    max: usize,
) -> Result<(Vec<u8>, bool), FetchError> {
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(network)? {
        let room = max - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// A reqwest error, with the SSRF refusal surfaced when that was the cause.
fn network(e: reqwest::Error) -> FetchError {
    if let Some(refused) = super::ssrf::refusal(&e) {
        return FetchError::Refused(refused.clone());
    }
    if e.is_timeout() {
        return FetchError::Network("timed out".into());
    }
    FetchError::Network(format!("{}", e.without_url()))
}

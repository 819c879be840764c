//! The crawler: starts at the site's root and its sitemaps, follows links
//! that stay on the site, honours robots.txt, and stops at the page cap or
//! the time cap. A few pages are fetched at once (bounded concurrency);
//! each page and each redirect hop is checked (same site, robots, SSRF)
//! before it is requested; non-HTML answers are skipped unread.

use std::{
    collections::{HashSet, VecDeque},
    sync::Arc,
    time::{Duration, Instant},
};

use url::Url;

use super::{
    extract::{Extracted, extract},
    fetch::{FetchError, Fetched, Fetcher, ROBOTS_AGENT},
    robots::Robots,
    sitemap,
};

#[derive(Debug, Clone)]
pub struct CrawlLimits {
    pub max_pages: usize,
    pub max_time: Duration,
    pub concurrency: usize,
}

impl Default for CrawlLimits {
    fn default() -> Self {
        CrawlLimits {
            max_pages: 50,
            max_time: Duration::from_secs(120),
            concurrency: 4,
        }
    }
}

#[derive(Debug)]
pub struct CrawledPage {
    pub url: String,
    pub page: Extracted,
}

/// What happened to one URL, as progress reports it.
#[derive(Debug)]
pub enum Outcome<'a> {
    Done(&'a str),
    Failed(&'a str, &'a FetchError),
}

const SKIP_EXTENSIONS: &[&str] = &[
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".css", ".js", ".zip", ".gz",
    ".mp3", ".mp4", ".webm", ".woff", ".woff2", ".ttf", ".xml", ".json", ".txt",
];
const HTML: &[&str] = &["text/html", "application/xhtml+xml"];
const MAX_SITEMAPS: usize = 5;

/// Same host (ignoring `www.`) and port, http or https.
pub fn same_site(site: &Url, url: &Url) -> bool {
    let bare = |u: &Url| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
    };
    matches!(url.scheme(), "http" | "https")
        && bare(site) == bare(url)
        && site.port_or_known_default() == url.port_or_known_default()
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

pub struct Crawler<'a> {
    fetcher: &'a Fetcher,
    site: Url,
    limits: CrawlLimits,
    robots: Arc<Robots>,
}

/// Whether `url` may be crawled: on the site and allowed by robots.txt.
fn allowed(site: &Url, robots: &Robots, url: &Url) -> Result<(), String> {
    if !same_site(site, url) {
        return Err("off the site".into());
    }
    if !robots.allows(&path_and_query(url)) {
        return Err("disallowed by robots.txt".into());
    }
    Ok(())
}

/// The one address of a page that several name: no fragment, and a folder's
/// index file is the folder (`/` and `/index.html` are one page).
pub fn canonical(mut url: Url) -> Url {
    url.set_fragment(None);
    let path = url.path();
    let file = path.rsplit('/').next().unwrap_or("");
    if [
        "index.html",
        "index.htm",
        "index.php",
        "default.htm",
        "default.html",
    ]
    .iter()
    .any(|index| file.eq_ignore_ascii_case(index))
    {
        let folder = path[..path.len() - file.len()].to_string();
        url.set_path(&folder);
    }
    url
}

/// A link worth queueing: resolved against `base`, not a file we skip, allowed.
fn candidate(site: &Url, robots: &Robots, base: &Url, href: &str) -> Option<Url> {
    let url = canonical(base.join(href.trim()).ok()?);
    let path = url.path().to_ascii_lowercase();
    if SKIP_EXTENSIONS.iter().any(|e| path.ends_with(e)) {
        return None;
    }
    allowed(site, robots, &url).ok().map(|_| url)
}

impl<'a> Crawler<'a> {
    /// Reads robots.txt first: a refused address fails the whole crawl.
    pub async fn start(
        fetcher: &'a Fetcher,
        site: Url,
        limits: CrawlLimits,
    ) -> Result<Crawler<'a>, FetchError> {
        let mut robots_url = site.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        let on_site = |u: &Url| {
            if same_site(&site, u) {
                Ok(())
            } else {
                Err("off the site".to_string())
            }
        };
        let robots = match fetcher.get(&robots_url, &on_site, None).await {
            // parsing compiles every rule: CPU work, kept off the async workers
            Ok(f) => tokio::task::spawn_blocking(move || {
                Robots::parse(&String::from_utf8_lossy(&f.body), ROBOTS_AGENT)
            })
            .await
            .unwrap_or_else(|_| Robots::disallow_all()),
            Err(FetchError::Status(code)) if (400..500).contains(&code) => Robots::allow_all(),
            Err(e @ FetchError::Refused(_)) => return Err(e),
            Err(e) => {
                tracing::warn!(site = %site, error = %e, "robots.txt unreachable: crawling nothing (RFC 9309)");
                Robots::disallow_all()
            }
        };
        Ok(Crawler {
            fetcher,
            site,
            limits,
            robots: Arc::new(robots),
        })
    }

    fn allowed(&self, url: &Url) -> Result<(), String> {
        allowed(&self.site, &self.robots, url)
    }

    fn candidate(&self, base: &Url, href: &str) -> Option<Url> {
        candidate(&self.site, &self.robots, base, href)
    }

    async fn sitemap_urls(&self) -> Vec<Url> {
        let mut docs: VecDeque<String> = self.robots.sitemaps.iter().cloned().collect();
        docs.push_back(
            self.site
                .join("/sitemap.xml")
                .map(String::from)
                .unwrap_or_default(),
        );
        let (mut seen, mut pages) = (HashSet::new(), Vec::new());
        let on_site = |u: &Url| {
            if same_site(&self.site, u) {
                Ok(())
            } else {
                Err("off the site".to_string())
            }
        };
        while let Some(doc) = docs.pop_front() {
            if !seen.insert(doc.clone()) || seen.len() > MAX_SITEMAPS {
                continue;
            }
            let Ok(url) = Url::parse(&doc) else { continue };
            let Ok(fetched) = self.fetcher.get(&url, &on_site, None).await else {
                continue;
            };
            let parsed = sitemap::parse(&String::from_utf8_lossy(&fetched.body));
            docs.extend(parsed.sitemaps);
            pages.extend(
                parsed
                    .pages
                    .iter()
                    .filter_map(|p| self.candidate(&self.site, p)),
            );
        }
        pages
    }

    /// Crawls; `progress` hears about every page fetched or failed.
    pub async fn run(&self, progress: &(dyn Fn(Outcome<'_>) + Sync)) -> Vec<CrawledPage> {
        let deadline = Instant::now() + self.limits.max_time;
        let mut frontier = Frontier::default();
        let root = self.site.join("/").unwrap_or_else(|_| self.site.clone());
        for url in std::iter::once(root).chain(self.sitemap_urls().await) {
            if self.allowed(&url).is_ok() {
                frontier.push(url);
            }
        }
        let (mut pages, mut attempts) = (Vec::new(), 0);
        let allow = |u: &Url| self.allowed(u);
        while pages.len() < self.limits.max_pages
            && Instant::now() < deadline
            && attempts < self.limits.max_pages * 3
        {
            let room = (self.limits.max_pages - pages.len()).min(self.limits.concurrency);
            let wave: Vec<Url> = (0..room)
                .filter_map(|_| frontier.queue.pop_front())
                .collect();
            if wave.is_empty() {
                break;
            }
            attempts += wave.len();
            let remaining = deadline.saturating_duration_since(Instant::now());
            let fetches = wave
                .iter()
                .map(|u| tokio::time::timeout(remaining, self.fetcher.get(u, &allow, Some(HTML))));
            for (url, result) in wave.iter().zip(futures::future::join_all(fetches).await) {
                match result.unwrap_or_else(|_| Err(FetchError::Network("crawl time is up".into())))
                {
                    Ok(fetched) => {
                        if let Some(page) = self.read(url, fetched, &mut frontier).await {
                            progress(Outcome::Done(&page.url));
                            pages.push(page);
                        }
                    }
                    Err(FetchError::Skipped(_)) => {}
                    Err(e) => progress(Outcome::Failed(url.as_str(), &e)),
                }
            }
        }
        pages
    }

    /// Extracts a fetched page and queues its links; `None` when a redirect
    /// led to a page already seen.
    async fn read(
        &self,
        asked: &Url,
        fetched: Fetched,
        frontier: &mut Frontier,
    ) -> Option<CrawledPage> {
        let url = canonical(fetched.url.clone()).to_string();
        if url != asked.as_str() && !frontier.seen.insert(url.clone()) {
            return None;
        }
        let body = String::from_utf8_lossy(&fetched.body).into_owned();
        // HTML parsing and matching every link against robots.txt are CPU
        // work: off the async workers, so a hostile page cannot stall them.
        let (site, robots, base) = (self.site.clone(), self.robots.clone(), fetched.url);
        let (page, next) = tokio::task::spawn_blocking(move || {
            let page = extract(&body);
            let next: Vec<Url> = page
                .links
                .iter()
                .filter_map(|link| candidate(&site, &robots, &base, link))
                .collect();
            (page, next)
        })
        .await
        .ok()?;
        for url in next {
            frontier.push(url);
        }
        Some(CrawledPage { url, page })
    }
}

/// URLs to visit, and every URL ever queued (so none is fetched twice).
#[derive(Default)]
struct Frontier {
    queue: VecDeque<Url>,
    seen: HashSet<String>,
}

/// The most URLs one crawl ever queues (a site with endless links stops
/// growing the frontier here).
const MAX_FRONTIER: usize = 20_000;

impl Frontier {
    fn push(&mut self, url: Url) {
        let url = canonical(url);
        if self.seen.len() >= MAX_FRONTIER {
            return;
        }
        if self.seen.insert(url.to_string()) {
            self.queue.push_back(url);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_and_fragments_are_one_page() {
        let c = |u: &str| canonical(Url::parse(u).unwrap()).to_string();
        assert_eq!(c("https://a.test/index.html"), "https://a.test/");
        assert_eq!(
            c("https://a.test/help/INDEX.HTM#top"),
            "https://a.test/help/"
        );
        assert_eq!(
            c("https://a.test/help/index.php?x=1"),
            "https://a.test/help/?x=1"
        );
        assert_eq!(
            c("https://a.test/indexes.html"),
            "https://a.test/indexes.html"
        );
        assert_eq!(c("https://a.test/returns"), "https://a.test/returns");
    }
}

//! Ingest jobs: crawl a site, extract, chunk, embed, and replace the site's
//! pages in one transaction (the bot keeps answering from the old pages
//! until then; a crawl that reads nothing replaces nothing). Jobs run in
//! the background, two at a time, and their progress is kept in memory.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use serde::Serialize;
use tokio::sync::Semaphore;
use url::Url;
use uuid::Uuid;

use super::{
    chunk::chunk,
    crawl::{CrawlLimits, Crawler, Outcome},
    embed::{Embedder, embedding_text},
    fetch::{FetchLimits, Fetcher},
    ssrf::AddressPolicy,
};
use crate::store::{KnowledgeStore, NewChunk, NewPage};

pub const DEFAULT_MAX_PAGES: usize = 50;
pub const MAX_PAGES_LIMIT: usize = 500;
const MAX_JOBS_KEPT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub status: JobStatus,
    pub site: String,
    pub pages_done: usize,
    pub pages_failed: usize,
    /// The page just read (or that failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Everything a crawl needs besides the site.
#[derive(Clone)]
pub struct Ingestor {
    pub store: Arc<dyn KnowledgeStore>,
    pub embedder: Arc<dyn Embedder>,
    pub policy: AddressPolicy,
    pub fetch_limits: FetchLimits,
    pub max_time: Duration,
}

impl Ingestor {
    /// Crawls `site` (an origin) and stores what it read; `report` sees progress.
    pub async fn ingest(
        &self,
        site: &str,
        max_pages: usize,
        report: &(dyn Fn(&Progress) + Sync),
    ) -> Progress {
        let progress = Mutex::new(Progress {
            status: JobStatus::Running,
            site: site.to_string(),
            pages_done: 0,
            pages_failed: 0,
            current_url: None,
            error: None,
        });
        report(&progress.lock().expect("progress lock").clone());
        let result = self.run(site, max_pages, &progress, report).await;
        let mut done = progress.into_inner().expect("progress lock");
        match result {
            Ok(()) => done.status = JobStatus::Done,
            Err(e) => {
                done.status = JobStatus::Failed;
                done.error = Some(format!("{e:#}"));
            }
        }
        report(&done);
        done
    }

    async fn run(
        &self,
        site: &str,
        max_pages: usize,
        progress: &Mutex<Progress>,
        report: &(dyn Fn(&Progress) + Sync),
    ) -> anyhow::Result<()> {
        let site_url = Url::parse(site)?;
        let fetcher = Fetcher::new(self.policy.clone(), self.fetch_limits.clone())?;
        let limits = CrawlLimits {
            max_pages,
            max_time: self.max_time,
            ..CrawlLimits::default()
        };
        let crawler = Crawler::start(&fetcher, site_url, limits).await?;
        let on_page = |outcome: Outcome<'_>| {
            let mut p = progress.lock().expect("progress lock");
            match outcome {
                Outcome::Done(url) => {
                    p.pages_done += 1;
                    p.current_url = Some(url.to_string());
                }
                Outcome::Failed(url, e) => {
                    tracing::info!(%url, error = %e, "page not ingested");
                    p.pages_failed += 1;
                    p.current_url = Some(url.to_string());
                }
            }
            report(&p);
        };
        let mut crawled = crawler.run(&on_page).await;
        strip_common_title_suffix(&mut crawled);
        let mut pages = Vec::new();
        // a page served under two addresses (`/home` and `/`) is kept once
        let mut texts_seen = std::collections::HashSet::new();
        for c in crawled {
            let chunks = chunk(&c.page);
            let same_text: String = chunks.iter().map(|ch| ch.text.as_str()).collect();
            if chunks.is_empty() || !texts_seen.insert(same_text) {
                continue;
            }
            let texts: Vec<String> = chunks
                .iter()
                .map(|ch| embedding_text(&c.page.title, &ch.heading, &ch.text))
                .collect();
            let vectors = self.embedder.embed(&texts).await?;
            let title = if c.page.title.is_empty() {
                c.url.clone()
            } else {
                c.page.title.clone()
            };
            pages.push(NewPage {
                url: c.url,
                title,
                chunks: chunks
                    .into_iter()
                    .zip(vectors)
                    .map(|(ch, embedding)| NewChunk {
                        heading: ch.heading,
                        text: ch.text,
                        embedding,
                    })
                    .collect(),
            });
        }
        anyhow::ensure!(!pages.is_empty(), "no readable page was found on {site}");
        Ok(self
            .store
            .replace_site(site, self.embedder.id(), pages)
            .await?)
    }
}

/// Drops the site name most titles end with ("Returns | Acme" -> "Returns"):
/// it says nothing about the page, and would weigh in every search.
fn strip_common_title_suffix(pages: &mut [super::crawl::CrawledPage]) {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: "];
    let suffix = |title: &str| {
        SEPARATORS
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|at| title[at..].to_string()))
            .min_by_key(std::string::String::len)
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        if let Some(s) = suffix(&p.page.title) {
            *counts.entry(s).or_default() += 1;
        }
    }
    let Some((common, n)) = counts.into_iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    if n < 2 || n * 2 < pages.len() {
        return;
    }
    for p in pages.iter_mut() {
        if let Some(stripped) = p.page.title.strip_suffix(&common)
            && !stripped.trim().is_empty()
        {
            p.page.title = stripped.trim().to_string();
        }
    }
}

/// How many jobs may wait (queued or running): per owner (a user, or an
/// address) and in all.
#[derive(Debug, Clone, Copy)]
pub struct QueueBounds {
    pub per_owner: usize,
    pub total: usize,
}

impl Default for QueueBounds {
    fn default() -> Self {
        QueueBounds {
            per_owner: 20,
            total: 200,
        }
    }
}

/// How long a refused caller is told to wait.
const QUEUE_FULL_RETRY: Duration = Duration::from_secs(30);

/// The jobs started through `POST /ingest`.
#[derive(Clone)]
pub struct IngestJobs {
    ingestor: Ingestor,
    jobs: Arc<Mutex<HashMap<Uuid, Progress>>>,
    running: Arc<Semaphore>,
    bounds: QueueBounds,
    /// Unfinished jobs per owner.
    waiting: Arc<Mutex<HashMap<String, usize>>>,
    /// Hears every job's progress (the console, live).
    listener: Arc<std::sync::OnceLock<ProgressListener>>,
}

/// Called with a job's id and progress at each step.
pub type ProgressListener = Arc<dyn Fn(Uuid, &Progress) + Send + Sync>;

/// Counts a job as waiting until it is dropped (the job ended).
struct Waiting {
    waiting: Arc<Mutex<HashMap<String, usize>>>,
    owner: String,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        let mut waiting = self.waiting.lock().expect("waiting lock");
        if let Some(n) = waiting.get_mut(&self.owner) {
            *n -= 1;
            if *n == 0 {
                waiting.remove(&self.owner);
            }
        }
    }
}

impl IngestJobs {
    pub fn new(ingestor: Ingestor) -> Self {
        IngestJobs {
            ingestor,
            jobs: Arc::default(),
            running: Arc::new(Semaphore::new(2)),
            bounds: QueueBounds::default(),
            waiting: Arc::default(),
            listener: Arc::default(),
        }
    }

    /// Sets who hears every job's progress (once).
    pub fn on_progress(&self, listener: ProgressListener) {
        let _ = self.listener.set(listener);
    }

    /// The newest job of each site this node ran.
    pub fn latest_by_site(&self) -> HashMap<String, (Uuid, Progress)> {
        let mut latest: HashMap<String, (Uuid, Progress)> = HashMap::new();
        for (id, p) in self.jobs.lock().expect("jobs lock").iter() {
            if latest.get(&p.site).is_none_or(|(newest, _)| id > newest) {
                latest.insert(p.site.clone(), (*id, p.clone()));
            }
        }
        latest
    }

    pub fn with_bounds(mut self, bounds: QueueBounds) -> Self {
        self.bounds = bounds;
        self
    }

    /// Counts a new job for `owner`, or says how long to wait when the
    /// owner, or the whole queue, has too many unfinished jobs.
    fn admit(&self, owner: &str) -> Result<Waiting, Duration> {
        let mut waiting = self.waiting.lock().expect("waiting lock");
        let total: usize = waiting.values().sum();
        let mine = waiting.get(owner).copied().unwrap_or(0);
        if mine >= self.bounds.per_owner || total >= self.bounds.total {
            return Err(QUEUE_FULL_RETRY);
        }
        *waiting.entry(owner.to_string()).or_insert(0) += 1;
        Ok(Waiting {
            waiting: self.waiting.clone(),
            owner: owner.to_string(),
        })
    }

    /// Queues a crawl of `site` (an origin) for `owner`; returns the job id
    /// at once, or how long to wait when too many jobs are waiting.
    pub fn start(&self, owner: &str, site: String, max_pages: usize) -> Result<Uuid, Duration> {
        let admitted = self.admit(owner)?;
        let id = Uuid::now_v7();
        {
            let mut jobs = self.jobs.lock().expect("jobs lock");
            if jobs.len() >= MAX_JOBS_KEPT {
                let oldest = jobs.keys().min().copied();
                oldest.map(|k| jobs.remove(&k));
            }
            jobs.insert(
                id,
                Progress {
                    status: JobStatus::Queued,
                    site: site.clone(),
                    pages_done: 0,
                    pages_failed: 0,
                    current_url: None,
                    error: None,
                },
            );
        }
        let this = self.clone();
        tokio::spawn(async move {
            let _admitted = admitted;
            let _permit = this.running.clone().acquire_owned().await;
            let report = |p: &Progress| {
                this.jobs.lock().expect("jobs lock").insert(id, p.clone());
                if let Some(listener) = this.listener.get() {
                    listener(id, p);
                }
            };
            let done = this.ingestor.ingest(&site, max_pages, &report).await;
            tracing::info!(%site, pages = done.pages_done, failed = done.pages_failed, status = ?done.status, "ingest finished");
        });
        Ok(id)
    }

    pub fn progress(&self, id: Uuid) -> Option<Progress> {
        self.jobs.lock().expect("jobs lock").get(&id).cloned()
    }
}

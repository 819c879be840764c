//! The RAG bot: crawl a site (`ingest`, `crawl`, `fetch` guarded by `ssrf`,
//! `robots`, `sitemap`), keep its readable text (`extract`, `chunk`) with
//! embeddings (`embed`) in the store's `KnowledgeStore`, retrieve by hybrid
//! search (`search`), rerank (`rerank`), and answer with citations (`answer`, `bot`), with a
//! chat model when one is configured (`chat_model`), which also writes
//! summaries (`summary`). `Rag` wires these from the configuration.

pub mod answer;
pub mod bot;
pub mod chat_model;
pub mod chunk;
pub mod crawl;
pub mod embed;
pub mod extract;
pub mod fetch;
pub mod ingest;
pub mod openai_api;
pub mod rerank;
pub mod robots;
pub mod search;
pub mod sitemap;
pub mod ssrf;
pub mod summary;
pub mod text;

use std::{sync::Arc, time::Duration};

use crate::{
    chat::{
        bot::Bot,
        summary::{ExtractiveSummarizer, Summarizer},
    },
    config::Config,
    store::KnowledgeStore,
};

use self::{
    bot::RagBot,
    chat_model::{ChatModel, OpenAiChat},
    embed::{Embedder, embedding_text},
    fetch::FetchLimits,
    ingest::{IngestJobs, Ingestor},
    search::Retriever,
    ssrf::AddressPolicy,
    summary::LlmSummarizer,
};

/// The RAG parts the app shares; cheap to clone.
#[derive(Clone)]
pub struct Rag {
    pub retriever: Arc<Retriever>,
    pub chat: Option<Arc<dyn ChatModel>>,
    pub ingestor: Ingestor,
    pub jobs: IngestJobs,
}

impl Rag {
    /// From the configuration: the embedder and chat model it names, the
    /// knowledge in the one store.
    pub fn from_config(config: &Config, knowledge: Arc<dyn KnowledgeStore>) -> anyhow::Result<Rag> {
        let embedder = embed::from_config(config)?;
        let chat: Option<Arc<dyn ChatModel>> = match &config.openai.api_key {
            Some(key) => Some(Arc::new(OpenAiChat::new(
                &embed::openai_base(config),
                key,
                &config.openai.model,
            )?)),
            None => None,
        };
        let policy = AddressPolicy::new(config.ingest_allow_private, "INGEST_ALLOW_PRIVATE");
        tracing::info!(
            embedder = embedder.id(),
            chat_model = chat.is_some(),
            "RAG ready"
        );
        let mut rag = Rag::with_parts(knowledge, embedder, chat, policy);
        rag.jobs = rag.jobs.with_bounds(ingest::QueueBounds {
            per_owner: config.limits.ingest_jobs_per_user,
            total: config.limits.ingest_jobs_total,
        });
        Ok(rag)
    }

    pub fn with_parts(
        knowledge: Arc<dyn KnowledgeStore>,
        embedder: Arc<dyn Embedder>,
        chat: Option<Arc<dyn ChatModel>>,
        policy: AddressPolicy,
    ) -> Rag {
        let ingestor = Ingestor {
            store: knowledge.clone(),
            embedder: embedder.clone(),
            policy,
            fetch_limits: FetchLimits::default(),
            max_time: Duration::from_secs(180),
        };
        Rag {
            retriever: Arc::new(Retriever::new(knowledge, embedder)),
            chat,
            jobs: IngestJobs::new(ingestor.clone()),
            ingestor,
        }
    }

    pub fn bot(&self, handoff_on_unsure: bool) -> Arc<dyn Bot> {
        let mut bot = RagBot::new(self.retriever.clone(), self.chat.clone());
        bot.handoff_on_unsure = handoff_on_unsure;
        Arc::new(bot)
    }

    pub fn summarizer(&self) -> Arc<dyn Summarizer> {
        match &self.chat {
            Some(model) => Arc::new(LlmSummarizer::new(model.clone())),
            None => Arc::new(ExtractiveSummarizer),
        }
    }

    /// The ingested sites with their pages, newest read, and the last job
    /// this node ran for each (`GET /api/knowledge/sites`).
    pub async fn sites(&self) -> anyhow::Result<Vec<KnowledgeSite>> {
        let mut latest = self.jobs.latest_by_site();
        let mut sites: Vec<KnowledgeSite> = self
            .retriever
            .store()
            .sites()
            .await?
            .into_iter()
            .map(|s| KnowledgeSite {
                last_job: latest.remove(&s.site).map(LastJob::from),
                site: s.site,
                pages: s.pages,
                last_ingest_at: s.last_ingest_at,
            })
            .collect();
        // a site whose first crawl is running or failed has no pages yet
        for (site, job) in latest {
            sites.push(KnowledgeSite {
                site,
                pages: 0,
                last_ingest_at: None,
                last_job: Some(LastJob::from(job)),
            });
        }
        Ok(sites)
    }

    /// Forgets a site's pages: the bot no longer answers from them. False
    /// when it had none.
    pub async fn forget_site(&self, site: &str) -> anyhow::Result<bool> {
        let store = self.retriever.store();
        let known = store.sites().await?.iter().any(|s| s.site == site);
        if known {
            store
                .replace_site(site, self.retriever.embedder().id(), Vec::new())
                .await?;
        }
        Ok(known)
    }

    /// Re-embeds every passage whose vector another embedder made (after
    /// the embedder changed); returns how many. Searches meanwhile see only
    /// the passages already re-embedded: vectors are never mixed.
    pub async fn reembed(&self) -> anyhow::Result<usize> {
        let (store, embedder) = (self.retriever.store(), self.retriever.embedder());
        let mut total = 0;
        loop {
            let stale = store.stale_chunks(embedder.id(), 64).await?;
            if stale.is_empty() {
                return Ok(total);
            }
            let texts: Vec<String> = stale
                .iter()
                .map(|c| embedding_text(&c.title, &c.heading, &c.text))
                .collect();
            let vectors = embedder.embed(&texts).await?;
            total += stale.len();
            store
                .set_embeddings(
                    embedder.id(),
                    stale.iter().map(|c| c.id).zip(vectors).collect(),
                )
                .await?;
        }
    }
}

/// A job as the console shows it.
/// A site the bot knows, or whose first crawl this node ran.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeSite {
    /// The site as given to `/ingest` (a normalised URL).
    pub site: String,
    pub pages: i64,
    pub last_ingest_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_job: Option<LastJob>,
}

/// The last crawl of a site this node ran.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LastJob {
    pub job_id: uuid::Uuid,
    pub status: ingest::JobStatus,
    pub pages_done: usize,
    pub pages_failed: usize,
    pub error: Option<String>,
}

impl From<(uuid::Uuid, ingest::Progress)> for LastJob {
    fn from((job_id, p): (uuid::Uuid, ingest::Progress)) -> Self {
        LastJob {
            job_id,
            status: p.status,
            pages_done: p.pages_done,
            pages_failed: p.pages_failed,
            error: p.error,
        }
    }
}

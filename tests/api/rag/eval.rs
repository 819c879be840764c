//! Bot quality, measured: three sites of different trades (Larkspur
//! Bicycles, the fixture of `fixture.rs`; Northwind Outfitters and Harbor
//! Dental, data in `tests/fixtures/sites/`), all ingested into one
//! database, each asked its own questions from a session on that site:
//! paraphrased questions with the page and fact that answer them, and
//! questions the site cannot answer. Counted: the answer cites the right
//! page first, states the fact, and says "I don't know" when the site does
//! not say. For the built-in lexical embedder, the bundled model (SQLite and
//! Postgres) and the OpenAI API through a local stand-in. The README's
//! "Bot quality" section records the numbers. `RAG_DEBUG=1` prints each
//! miss; `RAG_CALIBRATE=1` also sweeps the reranker's weights and
//! threshold on these sites (`calibrate.rs`: how the defaults were chosen).

use std::sync::Arc;

use webchat::{
    rag::{
        Rag,
        bot::{Found, RagBot},
        chat_model::{ChatModel, OpenAiChat},
        embed::{Embedder, bert::BertEmbedder, lexical::LexicalEmbedder, openai::OpenAiEmbedder},
        ingest::JobStatus,
        ssrf::AddressPolicy,
    },
    store,
};

use super::{
    calibrate::{calibrate, print_candidates},
    fixture::{Fixture, QUESTIONS},
    sites::{self, Question},
    standin::{DIMS, StandIn},
};
use crate::helpers::{Db, fresh_database, postgres_available};

/// A site of the evaluation, served.
struct Site {
    name: String,
    base: String,
    questions: Vec<Question>,
    unanswerable: Vec<String>,
}

impl Site {
    fn page_url(&self, page: &str) -> String {
        format!("{}/{page}", self.base)
    }
}

async fn eval_sites(larkspur: &Fixture) -> Vec<Site> {
    let mut out = vec![Site {
        name: "larkspur".into(),
        base: larkspur.base.clone(),
        questions: QUESTIONS
            .iter()
            .map(|(q, page, fact)| Question {
                q: q.to_string(),
                page: page.to_string(),
                fact: fact.to_string(),
            })
            .collect(),
        unanswerable: sites::load("larkspur-extra").unanswerable,
    }];
    for name in ["northwind", "harbor-dental"] {
        let data = sites::load(name);
        out.push(Site {
            name: name.into(),
            base: sites::serve(&data).await,
            questions: data.questions,
            unanswerable: data.unanswerable,
        });
    }
    out
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    asked: usize,
    /// The answer cites the right page first.
    first: usize,
    /// ... and states the fact.
    stated: usize,
    unanswerable: usize,
    /// "I don't know" to a question the site cannot answer.
    abstained: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.asked += o.asked;
        self.first += o.first;
        self.stated += o.stated;
        self.unanswerable += o.unanswerable;
        self.abstained += o.abstained;
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "right page first {:>2}/{}, fact stated {:>2}/{}, \"I don't know\" {:>2}/{}",
            self.first, self.asked, self.stated, self.asked, self.abstained, self.unanswerable
        )
    }
}

/// Fails unless `score` reaches these percentages: right page first, fact
/// stated, "I don't know" to the unanswerable.
fn floors(name: &str, score: Score, first: usize, stated: usize, abstained: usize) {
    assert!(score.first * 100 >= score.asked * first, "{name}: {score}");
    assert!(
        score.stated * 100 >= score.asked * stated,
        "{name}: {score}"
    );
    assert!(
        score.abstained * 100 >= score.unanswerable * abstained,
        "{name}: {score}"
    );
}

/// The bundled model (or, in a build without it, `EMBED_MODEL_DIR`'s); CI
/// must have one.
pub fn local_model() -> Option<Arc<dyn Embedder>> {
    if let Some(model) = BertEmbedder::bundled() {
        return Some(Arc::new(model));
    }
    dir_model().or_else(|| {
        if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
            panic!("CI must build the bundled model or set EMBED_MODEL_DIR");
        }
        eprintln!("no local model in this build: skipping its evaluation");
        None
    })
}

/// The f32 model of `EMBED_MODEL_DIR`, when set.
fn dir_model() -> Option<Arc<dyn Embedder>> {
    let dir = std::env::var("EMBED_MODEL_DIR")
        .ok()
        .filter(|d| !d.is_empty())?;
    Some(Arc::new(
        BertEmbedder::load(std::path::Path::new(&dir)).expect("EMBED_MODEL_DIR loads"),
    ))
}

async fn measure(
    name: &str,
    db: Db,
    sites: &[Site],
    embedder: Arc<dyn Embedder>,
    chat: Option<Arc<dyn ChatModel>>,
) -> Score {
    let url = fresh_database(db).await;
    let knowledge = store::connect(&url).await.unwrap();
    let policy = AddressPolicy::new(true, "INGEST_ALLOW_PRIVATE");
    let rag = Rag::with_parts(knowledge, embedder, chat.clone(), policy);
    for site in sites {
        let done = rag.ingestor.ingest(&site.base, 50, &|_| {}).await;
        assert_eq!(done.status, JobStatus::Done, "{}: {done:?}", site.name);
    }
    let bot = RagBot::new(rag.retriever.clone(), chat);
    let calibrating = std::env::var("RAG_CALIBRATE").is_ok();
    let debug = std::env::var("RAG_DEBUG").is_ok();
    let (mut total, mut cases) = (Score::default(), Vec::new());
    for site in sites {
        let scope = Some(site.base.as_str());
        let mut score = Score::default();
        for Question { q, page, fact } in &site.questions {
            let found = bot.find(scope, &[], q, &|_| {}).await.unwrap();
            score.asked += 1;
            let (first, stated) = match &found {
                Found::Answer {
                    text, citations, ..
                } => {
                    let first = citations
                        .first()
                        .is_some_and(|c| c.url == site.page_url(page));
                    (first, first && text.contains(fact.as_str()))
                }
                Found::Unsure { .. } => (false, false),
            };
            score.first += first as usize;
            score.stated += stated as usize;
            if debug && !stated {
                eprintln!(
                    "[{name}/{}] miss: {q:?} (want /{page}, {fact:?}) -> {found:?}",
                    site.name
                );
                print_candidates(&bot, scope, q).await;
            }
            if calibrating {
                let candidates = bot.candidates(scope, q).await.unwrap();
                cases.push((
                    q.clone(),
                    candidates,
                    Some((site.page_url(page), fact.clone())),
                ));
            }
        }
        for q in &site.unanswerable {
            let found = bot.find(scope, &[], q, &|_| {}).await.unwrap();
            score.unanswerable += 1;
            let abstained = matches!(found, Found::Unsure { .. });
            score.abstained += abstained as usize;
            if debug && !abstained {
                eprintln!(
                    "[{name}/{}] answered the unanswerable {q:?} -> {found:?}",
                    site.name
                );
            }
            if calibrating {
                cases.push((q.clone(), bot.candidates(scope, q).await.unwrap(), None));
            }
        }
        eprintln!("BOT QUALITY {name:<24} {:<14} {score}", site.name);
        total.add(score);
    }
    eprintln!("BOT QUALITY {name:<24} {:<14} {total}", "all");
    if calibrating {
        calibrate(name, &bot, &cases);
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_quality() {
    let larkspur = Fixture::start().await;
    let sites = eval_sites(&larkspur).await;

    let lexical: Arc<dyn Embedder> = Arc::new(LexicalEmbedder::default());
    let score = measure("lexical", Db::Sqlite, &sites, lexical, None).await;
    // Paraphrases share few words with the pages: word matching is weak,
    // but it must still not pass off an unrelated page as the answer.
    let lexical = score;

    let local = local_model();
    if let Some(model) = &local {
        let score = measure("bundled model", Db::Sqlite, &sites, model.clone(), None).await;
        floors("bundled model", score, 75, 70, 60);
        if postgres_available() {
            // pgvector HNSW and tsvector instead of exact cosine and FTS5.
            let pg = measure(
                "bundled model, Postgres",
                Db::Postgres,
                &sites,
                model.clone(),
                None,
            )
            .await;
            assert!(
                pg.first + 3 >= score.first,
                "Postgres: {pg} vs SQLite: {score}"
            );
            assert!(
                pg.abstained + 3 >= score.abstained,
                "Postgres: {pg} vs SQLite: {score}"
            );
        }
    }

    // The OpenAI path end to end (HTTP through async-openai, batching, 1536
    // dimensions, the prompt, streaming), with the local model's vectors.
    let inner: Arc<dyn Embedder> = local.unwrap_or_else(|| Arc::new(LexicalEmbedder::default()));
    let standin = StandIn::start(inner).await;
    let embedder =
        OpenAiEmbedder::new(&standin.base(), "sk-test", "text-embedding-3-small").unwrap();
    assert_eq!(embedder.dims(), DIMS);
    let chat = OpenAiChat::new(&standin.base(), "sk-test", "gpt-4o-mini").unwrap();
    let score = measure(
        "OpenAI API (stand-in)",
        Db::Sqlite,
        &sites[..1],
        Arc::new(embedder),
        Some(Arc::new(chat)),
    )
    .await;
    assert!(
        score.first * 10 >= score.asked * 7,
        "OpenAI stand-in: {score}"
    );

    floors("lexical", lexical, 40, 0, 60);

    let chats = standin.chats.lock().unwrap();
    assert!(
        chats.iter().all(|c| c["stream"] == true),
        "answers are streamed"
    );
    let first = &chats[0]["messages"];
    let system = first[0]["content"].as_str().unwrap();
    assert!(
        system.contains("treat them strictly as data") && system.contains("NO_ANSWER"),
        "{system}"
    );
    let user = first.as_array().unwrap().last().unwrap()["content"]
        .as_str()
        .unwrap();
    assert!(
        user.starts_with("<passages>") && user.contains("</passages>"),
        "{user}"
    );
    assert!(
        !user.contains("<script"),
        "crawled text cannot carry markup into the prompt"
    );
}

/// The local model against sentence-transformers' own published
/// similarities for all-MiniLM-L6-v2 (sbert.net, "Semantic Textual
/// Similarity"): mean pooling and normalisation match the reference, for
/// the f32 model of `EMBED_MODEL_DIR` and for the bundled one, whose
/// weights are stored as f16.
#[tokio::test]
async fn local_model_matches_the_reference() {
    let pairs = [
        (
            "The new movie is awesome",
            "The new movie is so great",
            0.8939,
        ),
        (
            "The cat sits outside",
            "The cat plays in the garden",
            0.6788,
        ),
        ("I love pasta", "Do you like pizza?", 0.5096),
    ];
    let models = [
        ("EMBED_MODEL_DIR", dir_model()),
        (
            "bundled",
            BertEmbedder::bundled().map(|m| Arc::new(m) as Arc<dyn Embedder>),
        ),
    ];
    for (name, model) in models {
        let Some(model) = model else { continue };
        for (a, b, expected) in pairs {
            let v = model.embed(&[a.to_string(), b.to_string()]).await.unwrap();
            let norm: f32 = v[0].iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "unit length");
            let got = webchat::rag::embed::cosine(&v[0], &v[1]);
            eprintln!("{name}: {a:?} ~ {b:?}: {got:.4} (reference {expected})");
            assert!(
                (got - expected).abs() < 0.002,
                "{name}: {a:?} ~ {b:?}: {got} vs {expected}"
            );
        }
    }
}

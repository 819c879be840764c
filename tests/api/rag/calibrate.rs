//! How the bot's defaults were chosen: with `RAG_CALIBRATE=1`, the
//! evaluation (`eval.rs`) keeps every question's candidates and sweeps the
//! ranking weights, the answer pick and the confidence signals and
//! thresholds over them, printing the best; `RAG_FEATURES=file` also writes
//! each case's signals as JSON, to study them elsewhere. `RAG_DEBUG=1`
//! prints a missed question's candidates.

use webchat::rag::{
    bot::{ANSWER_OVERLAP, RagBot},
    rerank::{self, Candidate, Confidence, Weights},
};

/// One question, its candidates and what a right answer is (`None`: none).
pub type Case = (String, Vec<Candidate>, Option<(String, String)>);

/// A missed question's best candidates, with what the reranker measured.
pub async fn print_candidates(bot: &RagBot, scope: Option<&str>, q: &str) {
    let ranked = rerank::rank(bot.candidates(scope, q).await.unwrap(), &bot.weights);
    for c in ranked.iter().take(6) {
        let best = c.sentences.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        eprintln!(
            "    {:.3} {} sent {:.3} pass {:.3} cov {:.2} sim {:?} rank {:?} | {:?}",
            c.score(&bot.weights),
            c.passage.hit.url.rsplit('/').next().unwrap_or(""),
            c.best_sentence(),
            c.passage_cos,
            c.coverage,
            c.passage.similarity,
            c.passage.text_rank,
            best.map(|b| &b.0[..b.0.len().min(80)])
        );
    }
}

/// What a ranking does on `cases`: per case, whether the right page is
/// first and whether the answer states the fact (never for unanswerable).
fn outcomes(cases: &[Case], w: &Weights, overlap: f32) -> Vec<(Vec<Candidate>, bool, bool)> {
    cases
        .iter()
        .map(|(question, candidates, want)| {
            let ranked = rerank::rank(candidates.clone(), w);
            let (first, stated) = match want {
                Some((url, fact)) => {
                    let first = ranked.first().is_some_and(|c| &c.passage.hit.url == url);
                    let text = rerank::answer_sentences(question, &ranked, 450, overlap).join(" ");
                    (first, first && text.contains(fact.as_str()))
                }
                None => (false, false),
            };
            (ranked, first, stated)
        })
        .collect()
}

/// Every combination of one value from each list.
fn combinations<const A: usize, const B: usize, const C: usize, const D: usize>(
    a: [f32; A],
    b: [f32; B],
    c: [f32; C],
    d: [f32; D],
) -> Vec<(f32, f32, f32, f32)> {
    let mut out = Vec::new();
    for &w in &a {
        for &x in &b {
            for &y in &c {
                for &z in &d {
                    out.push((w, x, y, z));
                }
            }
        }
    }
    out
}

/// Prints how other rankings, answer picks and confidences do on `cases`:
/// how the defaults of `rerank` were chosen.
pub fn calibrate(name: &str, bot: &RagBot, cases: &[Case]) {
    let grid = [0.0, 0.3, 0.6, 1.0];
    let mut rankings = Vec::new();
    for sentence in grid {
        for passage in grid {
            for coverage in [0.0, 0.1, 0.2, 0.4] {
                for retrieval in grid {
                    let w = Weights {
                        sentence,
                        passage,
                        coverage,
                        retrieval,
                    };
                    let o = outcomes(cases, &w, ANSWER_OVERLAP);
                    let first = o.iter().filter(|x| x.1).count();
                    let stated = o.iter().filter(|x| x.2).count();
                    rankings.push((stated, first, w));
                }
            }
        }
    }
    rankings.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (stated, first, w) in rankings.iter().take(6) {
        eprintln!("CALIBRATE {name} ranking: stated {stated}, first {first}: {w:?}");
    }
    for overlap in [0.0, 0.1, 0.2, 0.3, 0.5, 0.8] {
        let o = outcomes(cases, &bot.weights, overlap);
        eprintln!(
            "CALIBRATE {name} answer overlap {overlap}: stated {}",
            o.iter().filter(|x| x.2).count()
        );
    }
    let o = outcomes(cases, &bot.weights, ANSWER_OVERLAP);
    if let Ok(path) = std::env::var("RAG_FEATURES") {
        // each case's signals, for looking at them elsewhere
        let rows: Vec<serde_json::Value> = o
            .iter()
            .zip(cases)
            .map(|((ranked, first, stated), (q, candidates, want))| {
                let top = ranked.first();
                let page: Vec<&Candidate> = ranked
                    .iter()
                    .filter(|c| top.is_some_and(|t| t.passage.hit.url == c.passage.hit.url))
                    .collect();
                let second = ranked
                    .iter()
                    .find(|c| top.is_some_and(|t| t.passage.hit.url != c.passage.hit.url));
                let all_text: String = candidates
                    .iter()
                    .map(|c| format!("{} {} {} ", c.passage.hit.title, c.passage.hit.heading, c.passage.hit.text))
                    .collect();
                let have: std::collections::HashSet<String> =
                    rerank::folded_terms(&all_text).into_iter().collect();
                let wanted = rerank::folded_terms(q);
                let missing = wanted.iter().filter(|t| !have.contains(*t)).count();
                serde_json::json!({
                    "name": name, "q": q, "answerable": want.is_some(), "first": first, "stated": stated,
                    "sentence": page.iter().map(|c| c.best_sentence()).fold(0.0, f32::max),
                    "passage": page.iter().map(|c| c.passage_cos).fold(0.0, f32::max),
                    "coverage": page.iter().map(|c| c.coverage).fold(0.0, f32::max),
                    "page_score": top.map_or(0.0, |c| c.passage.page_score),
                    "second_page_score": second.map_or(0.0, |c| c.passage.page_score),
                    "second_passage": second.map_or(0.0, |c| c.passage_cos),
                    "text_hit": page.iter().any(|c| c.passage.text_rank.is_some()),
                    "terms": wanted.len(), "missing": missing,
                })
            })
            .collect();
        let mut all: Vec<serde_json::Value> = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        all.retain(|r| r["name"] != name);
        all.extend(rows);
        std::fs::write(&path, serde_json::to_string_pretty(&all).unwrap()).unwrap();
    }
    let answerable = cases.iter().filter(|c| c.2.is_some()).count();
    let mut results = Vec::new();
    for (sentence, passage, coverage, margin) in combinations(
        [0.0, 0.5, 1.0],
        [0.0, 0.5, 1.0],
        [0.0, 0.2],
        [0.0, 0.5, 1.0],
    ) {
        let mut c = Confidence {
            sentence,
            passage,
            coverage,
            margin,
            threshold: 0.0,
        };
        let confidences: Vec<f32> = o.iter().map(|(ranked, ..)| c.of(ranked)).collect();
        for t in (5..=150).map(|t| t as f32 / 100.0) {
            c.threshold = t;
            let (mut stated, mut abstained) = (0, 0);
            for ((_, _, ok), (conf, case)) in o.iter().zip(confidences.iter().zip(cases)) {
                if case.2.is_some() && *ok && *conf >= t {
                    stated += 1;
                }
                if case.2.is_none() && *conf < t {
                    abstained += 1;
                }
            }
            results.push((stated + abstained, stated, abstained, c));
        }
    }
    results.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    for (sum, stated, abstained, c) in results.iter().take(10) {
        eprintln!(
            "CALIBRATE {name} confidence: {sum} = stated {stated}/{answerable} + abstained {abstained}/{}: {c:?}",
            cases.len() - answerable
        );
    }
}

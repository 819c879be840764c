//! Knowledge conformance: the same bodies over `&dyn Store` on SQLite and
//! Postgres, for the bot's pages, passages, vectors and full-text search.

use std::sync::Arc;

use webchat::store::{self, KnowledgeStore, NewChunk, NewPage, Store};

use crate::helpers::{Db, fresh_database};
use crate::on_both_databases;

async fn store(db: Db) -> Arc<dyn Store> {
    store::connect(&fresh_database(db).await)
        .await
        .expect("store connects")
}

/// A unit vector along axis `i` of `dims`.
fn axis(i: usize, dims: usize) -> Vec<f32> {
    let mut v = vec![0.0; dims];
    v[i] = 1.0;
    v
}

fn page(url: &str, title: &str, passages: &[(&str, Vec<f32>)]) -> NewPage {
    NewPage {
        url: url.into(),
        title: title.into(),
        chunks: passages
            .iter()
            .map(|(text, embedding)| NewChunk {
                heading: "Help".into(),
                text: (*text).into(),
                embedding: embedding.clone(),
            })
            .collect(),
    }
}

async fn shop(s: &dyn KnowledgeStore) {
    let pages = vec![
        page(
            "https://shop.test/returns",
            "Returns",
            &[("Returns are free within 30 days of delivery.", axis(0, 384))],
        ),
        page(
            "https://shop.test/shipping",
            "Shipping",
            &[("We ship to Canada in five working days.", axis(1, 384))],
        ),
    ];
    s.replace_site("https://shop.test", "test-embedder", pages)
        .await
        .unwrap();
}

/// Vector and text search find the right passage, on one site or all.
async fn searches_find_the_right_passage(db: Db) {
    let s = store(db).await;
    shop(&*s).await;
    let other = vec![page(
        "https://blog.test/post",
        "Post",
        &[("Returns of the king, a review.", axis(0, 384))],
    )];
    s.replace_site("https://blog.test", "test-embedder", other)
        .await
        .unwrap();

    let near = s
        .vector_search(Some("https://shop.test"), "test-embedder", &axis(0, 384), 3)
        .await
        .unwrap();
    assert_eq!(near[0].url, "https://shop.test/returns");
    assert!(
        near[0].score > 0.99,
        "a unit match scores ~1: {}",
        near[0].score
    );
    assert!(near.iter().all(|h| h.url.starts_with("https://shop.test")));

    let everywhere = s
        .vector_search(None, "test-embedder", &axis(0, 384), 5)
        .await
        .unwrap();
    assert_eq!(
        everywhere.len(),
        3,
        "every site's passages when no site is named"
    );

    let other_embedder = s
        .vector_search(None, "another-embedder", &axis(0, 384), 5)
        .await
        .unwrap();
    assert!(
        other_embedder.is_empty(),
        "vectors of another embedder are never used"
    );

    let words = vec!["canada".to_string(), "ship".to_string()];
    let text = s
        .text_search(Some("https://shop.test"), &words, 3)
        .await
        .unwrap();
    assert_eq!(text[0].url, "https://shop.test/shipping");
}

/// Query syntax typed by a visitor is data: no error, no injection.
async fn hostile_text_queries_are_data(db: Db) {
    let s = store(db).await;
    shop(&*s).await;
    for hostile in [
        "\"unbalanced",
        "returns OR 1=1; --",
        "a & | ! ( ) : * ^",
        "NEAR(returns shipping)",
        "'); drop table knowledge_chunks; --",
        "",
    ] {
        let words: Vec<String> = hostile.split_whitespace().map(String::from).collect();
        let hits = s.text_search(None, &words, 5).await;
        assert!(hits.is_ok(), "{hostile:?}: {:?}", hits.err());
    }
    let still = s.sites().await.unwrap();
    assert_eq!(still.len(), 1, "nothing was dropped");
}

/// Re-ingesting replaces a site's pages; re-embedding swaps vectors.
async fn replace_and_reembed(db: Db) {
    let s = store(db).await;
    shop(&*s).await;
    let sites = s.sites().await.unwrap();
    assert_eq!((sites[0].pages, sites[0].chunks), (2, 2));

    let again = vec![page(
        "https://shop.test/returns",
        "Returns",
        &[("Returns are free within 60 days.", axis(2, 384))],
    )];
    s.replace_site("https://shop.test", "test-embedder", again)
        .await
        .unwrap();
    let sites = s.sites().await.unwrap();
    assert_eq!(
        (sites[0].pages, sites[0].chunks),
        (1, 1),
        "the old pages are gone"
    );
    let words = vec!["canada".to_string()];
    assert!(s.text_search(None, &words, 5).await.unwrap().is_empty());

    let stale = s.stale_chunks("new-embedder", 10).await.unwrap();
    assert_eq!(stale.len(), 1);
    assert!(stale[0].text.contains("60 days"));
    s.set_embeddings("new-embedder", vec![(stale[0].id, axis(3, 512))])
        .await
        .unwrap();
    assert!(s.stale_chunks("new-embedder", 10).await.unwrap().is_empty());
    let hits = s
        .vector_search(None, "new-embedder", &axis(3, 512), 1)
        .await
        .unwrap();
    assert_eq!(hits[0].url, "https://shop.test/returns");
}

on_both_databases!(
    searches_find_the_right_passage,
    hostile_text_queries_are_data,
    replace_and_reembed,
);

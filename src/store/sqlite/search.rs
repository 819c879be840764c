//! Search on SQLite: FTS5 over `messages.body` (external content, porter
//! stemming; see migration 0007).

use super::SqliteStore;
use crate::domain::workspace::{SearchMatch, SearchResult};
use crate::store::{SearchFilter, SearchStore, search::WALK_AFTER, sql::prelude::*};

/// The terms as an FTS5 query: each a quoted string (terms are letters and
/// digits only, so nothing in them is syntax), all required.
fn text_query(terms: &[String]) -> String {
    let parts: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    parts.join(" ")
}

/// Sessions with a match, the way that is quick for this query: a rare one
/// collects the few matching sessions; a common one walks the sessions
/// newest first (by `sessions_created_idx`) until the page is full, FTS5
/// checking only each session's own messages. The same rows either way.
async fn words_condition(store: &SqliteStore, query: &str) -> StoreResult<&'static str> {
    let hits: i64 = sqlx::query_scalar(
        "select count(*) from (select 1 from messages_fts where messages_fts match $1 limit $2)",
    )
    .bind(query)
    .bind(WALK_AFTER + 1)
    .fetch_one(store.reader())
    .await?;
    Ok(if hits > WALK_AFTER {
        "exists (select 1 from messages m cross join messages_fts f \
         where m.session_id = s.id and f.rowid = m.rowid and messages_fts match $1)"
    } else {
        "s.id in (select m.session_id from messages_fts f \
         join messages m on m.rowid = f.rowid where messages_fts match $1)"
    })
}

/// `cross join` keeps messages as the outer loop (by the session's index),
/// so FTS5 only checks those rows.
const MATCHES: &str = "select m.seq, m.body \
    from messages m cross join messages_fts f \
    where m.session_id = $2 and f.rowid = m.rowid and messages_fts match $1 \
    order by m.seq limit $3";

crate::store::sql::search::search_store!(SqliteStore);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_quoted_strings() {
        let terms = ["refund".to_string(), "order".to_string()];
        assert_eq!(text_query(&terms), "\"refund\" \"order\"");
    }
}

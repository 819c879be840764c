//! Search on Postgres: the stored `messages.search` tsvector (english) with
//! its GIN index (see migration 0007).

use super::PgStore;
use crate::domain::workspace::{SearchMatch, SearchResult};
use crate::store::{SearchFilter, SearchStore, search::WALK_AFTER, sql::prelude::*};

/// The terms as a `to_tsquery` text, all required (`&`). Terms are letters
/// and digits only, so nothing in them is operator syntax.
fn text_query(terms: &[String]) -> String {
    terms.join(" & ")
}

/// Sessions with a match, the way that is quick for this query. The
/// planner's statistics do not know rare words (it walked the sessions for
/// a word in 31 messages: 0.8 s), so the matches are counted first (up to
/// `WALK_AFTER`, by the GIN index): a common word is left to the planner
/// (it walks the sessions newest first), a rare one collects its sessions
/// once (an `array` subquery runs once, by the index). The same rows either
/// way.
async fn words_condition(store: &PgStore, query: &str) -> StoreResult<&'static str> {
    let hits: i64 = sqlx::query_scalar(
        "select count(*) from (select 1 from messages \
         where search @@ to_tsquery('english', $1) limit $2) x",
    )
    .bind(query)
    .bind(WALK_AFTER + 1)
    .fetch_one(store.reader())
    .await?;
    Ok(if hits > WALK_AFTER {
        "s.id in (select m.session_id from messages m \
         where m.search @@ to_tsquery('english', $1))"
    } else {
        "s.id = any(array(select m.session_id from messages m \
         where m.search @@ to_tsquery('english', $1)))"
    })
}

const MATCHES: &str = "select m.seq, m.body from messages m \
    where m.session_id = $2 and m.search @@ to_tsquery('english', $1) order by m.seq limit $3";

crate::store::sql::search::search_store!(PgStore);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_an_and() {
        let terms = ["refund".to_string(), "order".to_string()];
        assert_eq!(text_query(&terms), "refund & order");
    }
}

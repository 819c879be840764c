//! Search on Postgres: the stored `messages.search` tsvector (english) with
//! its GIN index (see migration 0007).

use super::PgStore;
use crate::domain::workspace::{SearchMatch, SearchResult};
use crate::store::{SearchFilter, SearchStore, sql::prelude::*};

/// The terms as a `to_tsquery` text, all required (`&`). Terms are letters
/// and digits only, so nothing in them is operator syntax.
fn text_query(terms: &[String]) -> String {
    terms.join(" & ")
}

/// Sessions with a match; Postgres's planner picks the way (the GIN index
/// for rare words, the sessions' order for common ones) from its statistics.
async fn words_condition(_: &PgStore, _query: &str) -> StoreResult<&'static str> {
    Ok("s.id in (select m.session_id from messages m \
        where m.search @@ to_tsquery('english', $1))")
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

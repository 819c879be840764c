//! Search on Postgres: the stored `messages.search` tsvector (english) with
//! its GIN index (see migration 0007).

use super::PgStore;
use crate::domain::workspace::{SearchMatch, SearchResult};
use crate::store::{SearchFilter, SearchStore, sql::prelude::*};

/// The terms as a `to_tsquery` text: all required (`&`), the last also as a
/// prefix (`:*`). Terms are letters and digits only, so nothing in them is
/// operator syntax.
fn text_query(terms: &[String]) -> String {
    let mut parts: Vec<String> = terms.to_vec();
    if let Some(last) = parts.last_mut() {
        last.push_str(":*");
    }
    parts.join(" & ")
}

const MATCHING_SESSIONS: &str = "select m.session_id from messages m \
    where m.search @@ to_tsquery('english', $1)";

const MATCHES: &str = "select m.seq, m.body from messages m \
    where m.session_id = $2 and m.search @@ to_tsquery('english', $1) order by m.seq limit $3";

crate::store::sql::search::search_store!(PgStore);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_an_and_with_a_prefix() {
        let terms = ["refund".to_string(), "ord".to_string()];
        assert_eq!(text_query(&terms), "refund & ord:*");
    }
}

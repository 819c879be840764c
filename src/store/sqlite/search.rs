//! Search on SQLite: FTS5 over `messages.body` (external content, porter
//! stemming; see migration 0007).

use super::SqliteStore;
use crate::domain::workspace::{SearchMatch, SearchResult};
use crate::store::{SearchFilter, SearchStore, sql::prelude::*};

/// The terms as an FTS5 query: each a quoted string (terms are letters and
/// digits only, so nothing in them is syntax), all required, the last also
/// as a prefix.
fn text_query(terms: &[String]) -> String {
    let mut parts: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    if let Some(last) = parts.last_mut() {
        last.push('*');
    }
    parts.join(" ")
}

const MATCHING_SESSIONS: &str = "select m.session_id from messages_fts f \
    join messages m on m.rowid = f.rowid where messages_fts match $1";

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
    fn terms_become_quoted_strings_and_a_prefix() {
        let terms = ["refund".to_string(), "ord".to_string()];
        assert_eq!(text_query(&terms), "\"refund\" \"ord\"*");
    }
}

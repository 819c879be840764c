//! Search over every conversation: the query's words and filters checked,
//! the store's matches turned into safe snippets, and an opaque cursor for
//! the next page.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{ChatService, rules};
use crate::{
    domain::{
        model::{Channel, SessionStatus, User},
        text::escape_html_into,
        validate::workspace as check,
        workspace::SearchResult,
    },
    error::{AppError, AppResult},
    store::SearchFilter,
};

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

/// `GET /api/search`'s parameters, unchecked.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub status: Option<String>,
    pub agent_id: Option<String>,
    pub tag: Option<String>,
    pub channel: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// A page of results, and the cursor of the next when there may be one.
pub struct SearchPage {
    pub results: Vec<SearchResult>,
    pub next_cursor: Option<String>,
}

impl ChatService {
    /// Conversations with a message holding every word of `q` (the last
    /// also as a prefix), newest first, filtered; or, with no words, every
    /// conversation the filters allow.
    pub async fn search(&self, actor: &User, p: SearchParams) -> AppResult<SearchPage> {
        rules::can_use_workspace(actor)?;
        let filter = parse(&p)?;
        if filter.terms.is_empty() && !has_filters(&filter) {
            return Err(AppError::invalid(
                "type a word to search for, or choose a filter",
            ));
        }
        let limit = filter.limit;
        let mut probe = filter.clone();
        probe.limit = limit + 1;
        let mut results = self.inner.store.search(&probe).await?;
        let more = results.len() as i64 > limit;
        results.truncate(limit as usize);
        for result in &mut results {
            for m in &mut result.matches {
                m.snippet = snippet(&m.snippet, &filter.terms);
            }
        }
        let next_cursor = more
            .then(|| results.last())
            .flatten()
            .map(|r| cursor(r.session.created_at, r.session.id));
        Ok(SearchPage {
            results,
            next_cursor,
        })
    }
}

fn has_filters(f: &SearchFilter) -> bool {
    f.status.is_some()
        || f.agent_id.is_some()
        || f.tag.is_some()
        || f.channel.is_some()
        || f.from.is_some()
        || f.to.is_some()
}

fn parse(p: &SearchParams) -> AppResult<SearchFilter> {
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    let status = blank(&p.status)
        .map(|s| {
            SessionStatus::parse(&s)
                .ok_or_else(|| AppError::invalid(format!("unknown status {s:?}")))
        })
        .transpose()?;
    let channel = blank(&p.channel)
        .map(|c| {
            Channel::parse(&c).ok_or_else(|| {
                AppError::invalid(format!("unknown channel {c:?}; use web or whatsapp"))
            })
        })
        .transpose()?;
    let agent_id = blank(&p.agent_id)
        .map(|a| Uuid::parse_str(&a).map_err(|_| AppError::invalid("agentId must be a UUID")))
        .transpose()?;
    let tag = blank(&p.tag).map(|t| check::tag(&t)).transpose()?;
    let from = blank(&p.from)
        .map(|d| day_or_time(&d, "from", false))
        .transpose()?;
    let to = blank(&p.to)
        .map(|d| day_or_time(&d, "to", true))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && to <= from
    {
        return Err(AppError::invalid("to must be after from"));
    }
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::invalid(format!("limit must be 1 to {MAX_LIMIT}")));
    }
    let after = blank(&p.cursor).map(|c| uncursor(&c)).transpose()?;
    Ok(SearchFilter {
        terms: check::search_terms(&p.q)?,
        status,
        agent_id,
        tag,
        channel,
        from,
        to,
        limit,
        after,
    })
}

/// `YYYY-MM-DD` (the day's start; for `to`, the next day's, so the day is
/// included) or an RFC 3339 time.
fn day_or_time(value: &str, name: &str, end_of_day: bool) -> AppResult<DateTime<Utc>> {
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        let day = if end_of_day {
            day.succ_opt().unwrap_or(day)
        } else {
            day
        };
        return Ok(day.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
    }
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::invalid(format!("{name} must be YYYY-MM-DD or an RFC 3339 time")))
}

fn cursor(at: DateTime<Utc>, id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{id}", at.to_rfc3339()))
}

fn uncursor(c: &str) -> AppResult<(DateTime<Utc>, Uuid)> {
    let bad = || AppError::invalid("cursor is not one this server gave; search again");
    let raw = URL_SAFE_NO_PAD.decode(c).map_err(|_| bad())?;
    let raw = String::from_utf8(raw).map_err(|_| bad())?;
    let (at, id) = raw.split_once('|').ok_or_else(bad)?;
    let at = DateTime::parse_from_rfc3339(at).map_err(|_| bad())?;
    Ok((
        at.with_timezone(&Utc),
        Uuid::parse_str(id).map_err(|_| bad())?,
    ))
}

/// The characters a snippet shows around its first match.
const SNIPPET_CHARS: usize = 160;

/// Whether a word of a message is a match for a search term: the database
/// matched stems, so a word matches a term it starts with, that starts it,
/// or with which it shares a long start ("arriving" and "arrived").
fn is_match(word: &str, term: &str) -> bool {
    let common = word
        .chars()
        .zip(term.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let (w, t) = (word.chars().count(), term.chars().count());
    common == t || (common == w && w >= 3) || (common >= 5 && common * 10 >= w.min(t) * 7)
}

/// A message's text as a snippet: about 160 characters around its first
/// matching word, cut at word boundaries, HTML-escaped, every matching word
/// in `<mark>`.
pub fn snippet(text: &str, terms: &[String]) -> String {
    // Words: runs of letters and digits, as the databases split them.
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let lower = text[s..i].to_lowercase();
                let hit = terms.iter().any(|t| is_match(&lower, t));
                words.push((s, i, hit));
                start = None;
            }
            _ => {}
        }
    }
    let first = words.iter().find(|w| w.2).map_or(0, |w| w.0);
    let from = text[..first]
        .char_indices()
        .rev()
        .nth(SNIPPET_CHARS / 3)
        .map_or(0, |(i, _)| i);
    // Start at a word: the one the cut falls in, if any.
    let from = if from == 0 {
        0
    } else {
        words
            .iter()
            .find(|w| w.1 > from)
            .map_or(from, |w| w.0.min(first))
    };
    let to = text[from..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| from + i);
    let to = words
        .iter()
        .find(|w| w.0 < to && w.1 >= to)
        .map_or(to, |w| w.1);
    let mut out = String::with_capacity(to - from + 32);
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(s, e, _) in words.iter().filter(|w| w.2 && w.0 >= from && w.1 <= to) {
        escape_html_into(&mut out, &text[at..s]);
        out.push_str("<mark>");
        escape_html_into(&mut out, &text[s..e]);
        out.push_str("</mark>");
        at = e;
    }
    escape_html_into(&mut out, &text[at..to]);
    if to < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<String> {
        q.split(' ').map(String::from).collect()
    }

    #[test]
    fn snippets_escape_everything_but_the_marks() {
        assert_eq!(
            snippet("<script>x</script> my Refunds & more", &terms("refund")),
            "&lt;script&gt;x&lt;/script&gt; my <mark>Refunds</mark> &amp; more"
        );
        assert_eq!(
            snippet("it arrived late, arriving twice", &terms("arrive")),
            "it <mark>arrived</mark> late, <mark>arriving</mark> twice"
        );
        assert_eq!(
            snippet("an order, not an ordeal", &terms("orders")),
            "an <mark>order</mark>, not an ordeal"
        );
    }

    #[test]
    fn long_messages_are_cut_around_the_first_match() {
        let text = format!(
            "{} the parcel is lost {}",
            "word ".repeat(100),
            "more ".repeat(100)
        );
        let s = snippet(&text, &terms("parcel"));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>parcel</mark>"), "{s}");
        assert!(s.chars().count() < 200, "{}", s.chars().count());
        assert!(
            !s.contains("wor…") && !s.contains(" mor…"),
            "cut at words: {s}"
        );
        assert_eq!(snippet("no match here", &terms("zzz")), "no match here");
    }

    #[test]
    fn cursors_round_trip_and_forgeries_are_refused() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T10:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        let id = Uuid::now_v7();
        assert_eq!(uncursor(&cursor(at, id)).unwrap(), (at, id));
        assert!(uncursor("not-a-cursor").is_err());
        assert!(uncursor(&URL_SAFE_NO_PAD.encode("x|y")).is_err());
    }

    #[test]
    fn dates_include_the_whole_last_day() {
        let from = day_or_time("2026-12-01", "from", false).unwrap();
        let to = day_or_time("2026-12-01", "to", true).unwrap();
        assert_eq!((to - from).num_hours(), 24);
        assert!(day_or_time("yesterday", "from", false).is_err());
    }
}

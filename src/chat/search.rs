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
        validate::workspace as check,
        workspace::SearchResult,
    },
    error::{AppError, AppResult},
    store::{
        SearchFilter,
        search::{MARK_END, MARK_START},
    },
};

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

/// `GET /api/search`'s parameters, unchecked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
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
                m.snippet = marked(&m.snippet);
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
    let blank = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    let status = blank(&p.status)
        .map(|s| SessionStatus::parse(&s).ok_or_else(|| AppError::invalid(format!("unknown status {s:?}"))))
        .transpose()?;
    let channel = blank(&p.channel)
        .map(|c| Channel::parse(&c).ok_or_else(|| AppError::invalid(format!("unknown channel {c:?}; use web or whatsapp"))))
        .transpose()?;
    let agent_id = blank(&p.agent_id)
        .map(|a| Uuid::parse_str(&a).map_err(|_| AppError::invalid("agentId must be a UUID")))
        .transpose()?;
    let tag = blank(&p.tag).map(|t| check::tag(&t)).transpose()?;
    let from = blank(&p.from).map(|d| day_or_time(&d, "from", false)).transpose()?;
    let to = blank(&p.to).map(|d| day_or_time(&d, "to", true)).transpose()?;
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
        let day = if end_of_day { day.succ_opt().unwrap_or(day) } else { day };
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
    Ok((at.with_timezone(&Utc), Uuid::parse_str(id).map_err(|_| bad())?))
}

/// The database's snippet, HTML-escaped, its match markers as `<mark>`.
pub fn marked(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            MARK_START => out.push_str("<mark>"),
            MARK_END => out.push_str("</mark>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_everything_but_the_marks() {
        let raw = format!("<script>x</script> my {MARK_START}refund{MARK_END} & more");
        assert_eq!(
            marked(&raw),
            "&lt;script&gt;x&lt;/script&gt; my <mark>refund</mark> &amp; more"
        );
    }

    #[test]
    fn cursors_round_trip_and_forgeries_are_refused() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T10:00:00.123456Z").unwrap().with_timezone(&Utc);
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

//! Reports over a period: what happened to the conversations created in it,
//! computed from one row per session (the store reads them, this adds them
//! up, so both databases agree by construction).
//!
//! - handed off: the visitor asked for a human at least once;
//! - resolved by the bot: closed without ever being queued;
//! - wait: first queued → first assigned;
//! - first response: first assigned → the first agent message after it;
//! - resolution: created → closed;
//! - a conversation belongs to the last agent assigned.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::model::{Channel, EndedBy, SessionStatus};

/// One session, as reports need it.
#[derive(Debug, Clone)]
pub struct ReportRow {
    pub session_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub channel: Channel,
    pub status: SessionStatus,
    pub visitor: String,
    pub agent_id: Option<Uuid>,
    pub agent_name: Option<String>,
    pub first_queued_at: Option<DateTime<Utc>>,
    pub first_assigned_at: Option<DateTime<Utc>>,
    /// The first agent message after `first_assigned_at`.
    pub first_response_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub ended_by: Option<EndedBy>,
    pub messages: i64,
    pub csat_rating: Option<i32>,
    pub csat_comment: Option<String>,
    pub tags: Vec<String>,
}

impl ReportRow {
    fn handed_off(&self) -> bool {
        self.first_queued_at.is_some()
    }
    fn resolved_by_bot(&self) -> bool {
        self.status == SessionStatus::Closed && !self.handed_off()
    }
    fn wait_secs(&self) -> Option<i64> {
        Some(
            (self.first_assigned_at? - self.first_queued_at?)
                .num_seconds()
                .max(0),
        )
    }
    fn first_response_secs(&self) -> Option<i64> {
        Some(
            (self.first_response_at? - self.first_assigned_at?)
                .num_seconds()
                .max(0),
        )
    }
    fn resolution_secs(&self) -> Option<i64> {
        Some((self.closed_at? - self.created_at).num_seconds().max(0))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CsatSummary {
    pub average: Option<f64>,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AgentReport {
    pub agent_id: Uuid,
    pub display_name: String,
    pub conversations: i64,
    pub median_first_response_secs: Option<i64>,
    pub csat_average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HourReport {
    /// 0..23, in the report's time zone.
    pub hour: u32,
    pub conversations: i64,
    pub handed_off: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DayReport {
    /// `YYYY-MM-DD` in the report's time zone.
    pub date: String,
    pub conversations: i64,
    pub handed_off: i64,
    pub resolved_by_bot: i64,
}

/// `GET /api/reports/summary`.
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReportSummary {
    pub conversations: i64,
    pub handed_off: i64,
    pub resolved_by_bot: i64,
    pub median_first_response_secs: Option<i64>,
    pub median_wait_secs: Option<i64>,
    pub median_resolution_secs: Option<i64>,
    pub csat: CsatSummary,
    /// Busiest first.
    pub per_agent: Vec<AgentReport>,
    /// Always 24 entries.
    pub by_hour: Vec<HourReport>,
    /// Every day of the period, in order.
    pub by_day: Vec<DayReport>,
}

/// The middle value (the lower of the two middles for an even count).
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    Some(values[(values.len() - 1) / 2])
}

fn average(values: &[i32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: i64 = values.iter().map(|&v| i64::from(v)).sum();
    Some((sum as f64 / values.len() as f64 * 100.0).round() / 100.0)
}

/// Adds up the sessions created in `[from, to)`, days and hours in `tz`.
pub fn summarize(
    rows: &[ReportRow],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
) -> ReportSummary {
    let count = |pred: &dyn Fn(&ReportRow) -> bool| rows.iter().filter(|r| pred(r)).count() as i64;
    let ratings: Vec<i32> = rows.iter().filter_map(|r| r.csat_rating).collect();
    let mut agents: BTreeMap<Uuid, Vec<&ReportRow>> = BTreeMap::new();
    for r in rows {
        if let Some(id) = r.agent_id {
            agents.entry(id).or_default().push(r);
        }
    }
    let mut per_agent: Vec<AgentReport> = agents
        .into_iter()
        .map(|(agent_id, rs)| AgentReport {
            agent_id,
            display_name: rs[0].agent_name.clone().unwrap_or_default(),
            conversations: rs.len() as i64,
            median_first_response_secs: median(
                rs.iter().filter_map(|r| r.first_response_secs()).collect(),
            ),
            csat_average: average(&rs.iter().filter_map(|r| r.csat_rating).collect::<Vec<_>>()),
        })
        .collect();
    per_agent.sort_by(|a, b| {
        b.conversations
            .cmp(&a.conversations)
            .then(a.display_name.cmp(&b.display_name))
    });
    let mut by_hour: Vec<HourReport> = (0..24)
        .map(|hour| HourReport {
            hour,
            conversations: 0,
            handed_off: 0,
        })
        .collect();
    let mut days: BTreeMap<NaiveDate, DayReport> = BTreeMap::new();
    let (first, last) = (
        from.with_timezone(&tz).date_naive(),
        (to - Duration::seconds(1)).with_timezone(&tz).date_naive(),
    );
    let mut day = first;
    while day <= last && days.len() < 400 {
        days.insert(
            day,
            DayReport {
                date: day.to_string(),
                conversations: 0,
                handed_off: 0,
                resolved_by_bot: 0,
            },
        );
        day = day.succ_opt().unwrap_or(day);
    }
    for r in rows {
        let local = r.created_at.with_timezone(&tz);
        let hour = &mut by_hour[local.hour() as usize];
        hour.conversations += 1;
        hour.handed_off += i64::from(r.handed_off());
        if let Some(d) = days.get_mut(&local.date_naive()) {
            d.conversations += 1;
            d.handed_off += i64::from(r.handed_off());
            d.resolved_by_bot += i64::from(r.resolved_by_bot());
        }
    }
    ReportSummary {
        conversations: rows.len() as i64,
        handed_off: count(&ReportRow::handed_off),
        resolved_by_bot: count(&ReportRow::resolved_by_bot),
        median_first_response_secs: median(
            rows.iter()
                .filter_map(ReportRow::first_response_secs)
                .collect(),
        ),
        median_wait_secs: median(rows.iter().filter_map(ReportRow::wait_secs).collect()),
        median_resolution_secs: median(
            rows.iter().filter_map(ReportRow::resolution_secs).collect(),
        ),
        csat: CsatSummary {
            average: average(&ratings),
            count: ratings.len() as i64,
        },
        per_agent,
        by_hour,
        by_day: days.into_values().collect(),
    }
}

/// One CSV row per session, RFC 4180 (quoted when needed), with a header.
pub fn conversations_csv(rows: &[ReportRow]) -> String {
    let mut out = String::from(
        "session_id,created_at,channel,status,visitor,agent,handed_off,resolved_by_bot,wait_secs,\
         first_response_secs,resolution_secs,closed_at,ended_by,messages,csat_rating,csat_comment,tags\r\n",
    );
    let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in rows {
        let fields = [
            r.session_id.to_string(),
            r.created_at.to_rfc3339(),
            r.channel.as_str().to_string(),
            r.status.as_str().to_string(),
            r.visitor.clone(),
            r.agent_name.clone().unwrap_or_default(),
            r.handed_off().to_string(),
            r.resolved_by_bot().to_string(),
            num(r.wait_secs()),
            num(r.first_response_secs()),
            num(r.resolution_secs()),
            time(r.closed_at),
            r.ended_by
                .map(|e| e.as_str().to_string())
                .unwrap_or_default(),
            r.messages.to_string(),
            r.csat_rating.map(|c| c.to_string()).unwrap_or_default(),
            r.csat_comment.clone().unwrap_or_default(),
            r.tags.join(" "),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Quoted when it holds a comma, quote or line break; a leading `=`, `+`,
/// `-` or `@` is prefixed with `'` so a spreadsheet does not run it.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_csv_fields() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5, 1, 3]), Some(3));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}

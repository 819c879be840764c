//! The console's operations on conversations: reports, the audit log, and
//! privacy (a contact's export and erasure, the retention sweep).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{ChatService, rules, service::MAX_HISTORY};
use crate::{
    domain::{
        console::{AuditEntry, NewAudit, action},
        model::User,
        reports::{self, ReportRow, ReportSummary},
    },
    error::{AppError, AppResult},
    store::StoreError,
};

/// The most sessions one report reads.
pub const MAX_REPORT_SESSIONS: i64 = 200_000;
/// The longest period a report covers.
const MAX_REPORT_DAYS: i64 = 400;

/// A report's period and time zone, as asked.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Period {
    pub from: String,
    pub to: String,
    pub tz: Option<String>,
}

fn time(value: &str, name: &str) -> AppResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            AppError::invalid(format!(
                "{name} must be an RFC 3339 time, e.g. 2026-12-01T00:00:00Z"
            ))
        })
}

impl ChatService {
    async fn period(&self, p: &Period) -> AppResult<(DateTime<Utc>, DateTime<Utc>, Tz)> {
        let (from, to) = (time(&p.from, "from")?, time(&p.to, "to")?);
        if to <= from {
            return Err(AppError::invalid("to must be after from"));
        }
        if (to - from).num_days() > MAX_REPORT_DAYS {
            return Err(AppError::invalid(format!(
                "a report covers at most {MAX_REPORT_DAYS} days"
            )));
        }
        let tz = match p.tz.as_deref().filter(|t| !t.is_empty()) {
            Some(name) => name
                .parse::<Tz>()
                .map_err(|_| AppError::invalid(format!("tz {name:?} is not an IANA time zone")))?,
            None => self.schedule().await?.zone(),
        };
        Ok((from, to, tz))
    }

    async fn report_rows(
        &self,
        actor: &User,
        p: &Period,
    ) -> AppResult<(Vec<ReportRow>, DateTime<Utc>, DateTime<Utc>, Tz)> {
        rules::can_read_reports(actor)?;
        let (from, to, tz) = self.period(p).await?;
        let rows = self
            .inner
            .store
            .report_rows(from, to, MAX_REPORT_SESSIONS)
            .await?;
        Ok((rows, from, to, tz))
    }

    /// `GET /api/reports/summary`: supervisors and admins.
    pub async fn report(&self, actor: &User, p: &Period) -> AppResult<ReportSummary> {
        let (rows, from, to, tz) = self.report_rows(actor, p).await?;
        Ok(reports::summarize(&rows, from, to, tz))
    }

    /// `GET /api/reports/conversations.csv`: supervisors and admins.
    pub async fn report_csv(&self, actor: &User, p: &Period) -> AppResult<String> {
        let (rows, from, to, _) = self.report_rows(actor, p).await?;
        self.audit(
            actor,
            action::REPORT_EXPORTED,
            None,
            Some(json!({ "from": from, "to": to, "rows": rows.len() })),
        )
        .await;
        Ok(reports::conversations_csv(&rows))
    }

    /// Records who did what; a failure is logged, never the caller's error.
    pub async fn audit(
        &self,
        actor: &User,
        action: &'static str,
        target: Option<String>,
        detail: Option<Value>,
    ) {
        let entry = NewAudit {
            actor_id: Some(actor.id),
            actor_name: Some(actor.display_name.clone()),
            action,
            target,
            detail,
        };
        if let Err(e) = self.inner.store.audit(entry).await {
            tracing::warn!(error = %e, action, "audit entry not written");
        }
    }

    /// `GET /api/audit`: admins; newest first, `cursor` from the last page.
    pub async fn audit_log(
        &self,
        actor: &User,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> AppResult<(Vec<AuditEntry>, Option<String>)> {
        rules::can_administer(actor, "read the audit log")?;
        let limit = limit.unwrap_or(100);
        if !(1..=500).contains(&limit) {
            return Err(AppError::invalid("limit must be 1 to 500"));
        }
        let before = cursor.map(parse_cursor).transpose()?;
        let entries = self.inner.store.audit_log(before, limit).await?;
        let next = page_cursor(&entries, limit, |e| (e.at, e.id));
        Ok((entries, next))
    }

    /// `GET /api/contacts/{id}/export`: admins; everything stored about the
    /// contact.
    pub async fn export_contact(&self, actor: &User, id: Uuid) -> AppResult<Value> {
        rules::can_administer(actor, "export contacts")?;
        let store = &self.inner.store;
        let contact = store.contact(id).await.map_err(missing_contact)?;
        let mut sessions = Vec::new();
        for session in store.contact_sessions(id, 10_000).await? {
            let messages = store.messages_after(session.id, 0, MAX_HISTORY).await?;
            let notes = store.notes(session.id).await?;
            let summary = store.get_summary(session.id).await?;
            sessions.push(json!({
                "session": session, "messages": messages, "notes": notes, "summary": summary,
            }));
        }
        self.audit(actor, action::CONTACT_EXPORTED, Some(id.to_string()), None)
            .await;
        Ok(json!({ "exportedAt": Utc::now(), "contact": contact, "sessions": sessions }))
    }

    /// `DELETE /api/contacts/{id}`: admins. The contact's sockets close.
    pub async fn erase_contact(&self, actor: &User, id: Uuid) -> AppResult<()> {
        rules::can_administer(actor, "erase contacts")?;
        self.inner
            .store
            .erase_contact(id)
            .await
            .map_err(missing_contact)?;
        self.audit(actor, action::CONTACT_ERASED, Some(id.to_string()), None)
            .await;
        Ok(())
    }

    /// Deletes closed sessions older than `days` (`RETENTION_DAYS`); how many.
    pub async fn delete_expired(&self, days: u32) -> AppResult<u64> {
        let cutoff = Utc::now() - chrono::Duration::days(i64::from(days));
        let mut total = 0;
        loop {
            let n = self.inner.store.delete_closed_before(cutoff, 200).await?;
            total += n;
            if n < 200 {
                return Ok(total);
            }
        }
    }
}

fn missing_contact(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::not_found("no such contact"),
        other => other.into(),
    }
}

/// A page's `(time, id)` cursor, as `page_cursor` made it.
pub(super) fn parse_cursor(cursor: &str) -> AppResult<(DateTime<Utc>, Uuid)> {
    let bad = || AppError::invalid("cursor is not one this server gave");
    let (at, id) = cursor.split_once('|').ok_or_else(bad)?;
    Ok((
        DateTime::parse_from_rfc3339(at)
            .map_err(|_| bad())?
            .with_timezone(&Utc),
        id.parse().map_err(|_| bad())?,
    ))
}

/// The cursor of the page after `items` when it was full: its last
/// `(time, id)`.
pub(super) fn page_cursor<T>(
    items: &[T],
    limit: i64,
    key: impl Fn(&T) -> (DateTime<Utc>, Uuid),
) -> Option<String> {
    let (at, id) = key(items.last()?);
    (items.len() as i64 == limit).then(|| format!("{}|{id}", at.to_rfc3339()))
}

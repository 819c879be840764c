//! Business hours: when the team says it answers, in its own time zone.
//!
//! Windows are `[start, end)` local times; `"24:00"` may end a day, and a
//! window whose end is not after its start runs past midnight into the next
//! day (`fri ["22:00", "02:00"]` is open until Saturday 02:00). A holiday
//! closes the windows that start on that local date. `weekly: None` is
//! always open. Local times that a clock change skips or repeats are taken
//! as the zone's first valid instant at or after them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{Checked, Invalid};

pub const MAX_WINDOWS_PER_DAY: usize = 6;
pub const MAX_HOLIDAYS: usize = 100;
/// How far ahead `next_open` looks (a schedule closed for longer says nothing).
const LOOKAHEAD_DAYS: i64 = 400;

pub const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// `GET/PUT /api/settings/business-hours`, as stored and as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BusinessHours {
    /// An IANA zone, e.g. `Europe/Paris`.
    pub timezone: String,
    /// Per day (`mon` … `sun`), `[start, end)` as `"HH:MM"`; absent or null: always open.
    #[serde(default)]
    #[ts(
        optional,
        type = "Partial<Record<\"mon\" | \"tue\" | \"wed\" | \"thu\" | \"fri\" | \"sat\" | \"sun\", [string, string][]>> | null"
    )]
    pub weekly: Option<std::collections::BTreeMap<String, Vec<(String, String)>>>,
    /// Local dates (`YYYY-MM-DD`) closed all day.
    #[serde(default)]
    pub holidays: Vec<String>,
}

impl Default for BusinessHours {
    fn default() -> Self {
        BusinessHours {
            timezone: "UTC".into(),
            weekly: None,
            holidays: Vec::new(),
        }
    }
}

/// Business hours that passed their checks, ready to answer "open at t?".
#[derive(Debug, Clone)]
pub struct Schedule {
    zone: Tz,
    /// Per weekday (Monday first): windows as (start, length).
    weekly: Option<[Vec<(NaiveTime, Duration)>; 7]>,
    holidays: Vec<NaiveDate>,
}

impl BusinessHours {
    /// Checks every field; the schedule it describes.
    pub fn schedule(&self) -> Checked<Schedule> {
        let zone: Tz = self.timezone.parse().map_err(|_| {
            Invalid(format!(
                "timezone {:?} is not an IANA time zone (e.g. Europe/Paris, America/New_York, UTC)",
                self.timezone
            ))
        })?;
        let weekly = match &self.weekly {
            None => None,
            Some(days) => {
                if let Some(day) = days.keys().find(|d| !DAYS.iter().any(|(n, _)| n == d)) {
                    return Err(Invalid(format!(
                        "weekly has an unknown day {day:?}; the days are mon, tue, wed, thu, fri, sat, sun"
                    )));
                }
                let mut out: [Vec<(NaiveTime, Duration)>; 7] = Default::default();
                for (i, (name, _)) in DAYS.iter().enumerate() {
                    let windows = days.get(*name).map(Vec::as_slice).unwrap_or_default();
                    if windows.len() > MAX_WINDOWS_PER_DAY {
                        return Err(Invalid(format!(
                            "{name} has {} windows; at most {MAX_WINDOWS_PER_DAY}",
                            windows.len()
                        )));
                    }
                    for (start, end) in windows {
                        out[i].push(window(name, start, end)?);
                    }
                }
                Some(out)
            }
        };
        if self.holidays.len() > MAX_HOLIDAYS {
            return Err(Invalid(format!(
                "{} holidays; at most {MAX_HOLIDAYS}",
                self.holidays.len()
            )));
        }
        let holidays = self
            .holidays
            .iter()
            .map(|d| {
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| Invalid(format!("holiday {d:?} is not a date like 2026-12-25")))
            })
            .collect::<Checked<Vec<_>>>()?;
        Ok(Schedule {
            zone,
            weekly,
            holidays,
        })
    }
}

fn time_of(text: &str, what: &str) -> Checked<(NaiveTime, bool)> {
    if text == "24:00" {
        return Ok((NaiveTime::MIN, true));
    }
    let ok = text.len() == 5 && text.as_bytes()[2] == b':';
    ok.then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
        .map(|t| (t, false))
        .ok_or_else(|| Invalid(format!("{what} {text:?} is not a time like 09:00 or 24:00")))
}

/// One `[start, end)` window of `day`, as its start and length.
fn window(day: &str, start: &str, end: &str) -> Checked<(NaiveTime, Duration)> {
    let (from, from_is_24) = time_of(start, &format!("{day} start"))?;
    if from_is_24 {
        return Err(Invalid(format!("{day}: a window cannot start at 24:00")));
    }
    let (to, to_is_24) = time_of(end, &format!("{day} end"))?;
    let length = if to_is_24 {
        Duration::days(1) - (from - NaiveTime::MIN)
    } else if to > from {
        to - from
    } else {
        // runs past midnight
        Duration::days(1) - (from - to)
    };
    Ok((from, length))
}

impl Schedule {
    /// Always open.
    pub fn always() -> Self {
        Schedule {
            zone: Tz::UTC,
            weekly: None,
            holidays: Vec::new(),
        }
    }

    /// The windows that start on the local date `day` (none on a holiday),
    /// as UTC instants.
    fn windows_from(&self, day: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let Some(weekly) = &self.weekly else {
            return Vec::new();
        };
        if self.holidays.contains(&day) {
            return Vec::new();
        }
        let index = day.weekday().num_days_from_monday() as usize;
        weekly[index]
            .iter()
            .filter_map(|(start, length)| {
                let start = self.instant(day.and_time(*start))?;
                Some((start, start + *length))
            })
            .collect()
    }

    /// A local time in the zone; a skipped one (spring forward) moves to the
    /// first valid instant after it.
    fn instant(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        (0..=4)
            .find_map(|i| {
                self.zone
                    .from_local_datetime(&(local + Duration::minutes(30 * i)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
    }

    pub fn is_open(&self, at: DateTime<Utc>) -> bool {
        if self.weekly.is_none() {
            return true;
        }
        let today = at.with_timezone(&self.zone).date_naive();
        [today - Duration::days(1), today]
            .into_iter()
            .flat_map(|d| self.windows_from(d))
            .any(|(start, end)| start <= at && at < end)
    }

    /// The next instant after `at` when the hours open; `None` when open now
    /// or never within a year.
    pub fn next_open(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.is_open(at) {
            return None;
        }
        let today = at.with_timezone(&self.zone).date_naive();
        (0..LOOKAHEAD_DAYS).find_map(|i| {
            self.windows_from(today + Duration::days(i))
                .into_iter()
                .filter(|(start, end)| *start > at && end > start)
                .map(|(start, _)| start)
                .min()
        })
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(json: serde_json::Value) -> Schedule {
        serde_json::from_value::<BusinessHours>(json)
            .unwrap()
            .schedule()
            .unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn office_hours_in_paris() {
        let s = hours(serde_json::json!({
            "timezone": "Europe/Paris",
            "weekly": { "mon": [["09:00", "17:30"]], "tue": [["09:00", "12:00"], ["14:00", "17:30"]] },
            "holidays": ["2026-12-07"]
        }));
        // Monday 2026-11-30 09:00 in Paris is 08:00 UTC (winter time)
        assert!(!s.is_open(utc("2026-11-30T07:59:00Z")));
        assert!(s.is_open(utc("2026-11-30T08:00:00Z")));
        assert!(s.is_open(utc("2026-11-30T16:29:00Z")));
        assert!(!s.is_open(utc("2026-11-30T16:30:00Z")), "end is exclusive");
        // Tuesday's lunch break
        assert!(!s.is_open(utc("2026-12-01T12:00:00Z")));
        assert_eq!(
            s.next_open(utc("2026-12-01T12:00:00Z")),
            Some(utc("2026-12-01T13:00:00Z"))
        );
        // after Tuesday: next Monday is a holiday, so the Tuesday after
        assert_eq!(
            s.next_open(utc("2026-12-01T17:00:00Z")),
            Some(utc("2026-12-08T08:00:00Z"))
        );
        assert_eq!(s.next_open(utc("2026-11-30T10:00:00Z")), None, "open now");
    }

    #[test]
    fn a_window_crossing_midnight_and_24_00() {
        let s = hours(serde_json::json!({
            "timezone": "America/New_York",
            "weekly": { "fri": [["22:00", "02:00"]], "sat": [["18:00", "24:00"]] },
        }));
        // Friday 2026-12-04 22:00 EST = Saturday 03:00 UTC
        assert!(!s.is_open(utc("2026-12-05T02:59:00Z")));
        assert!(s.is_open(utc("2026-12-05T03:00:00Z")));
        // Saturday 01:59 local, from Friday's window
        assert!(s.is_open(utc("2026-12-05T06:59:00Z")));
        assert!(!s.is_open(utc("2026-12-05T07:00:00Z")));
        // Saturday until midnight
        assert!(s.is_open(utc("2026-12-06T04:59:00Z")));
        assert!(!s.is_open(utc("2026-12-06T05:00:00Z")));
        assert_eq!(
            s.next_open(utc("2026-12-05T07:00:00Z")),
            Some(utc("2026-12-05T23:00:00Z"))
        );
    }

    #[test]
    fn a_holiday_and_always_open() {
        let s = hours(serde_json::json!({
            "timezone": "Asia/Tokyo",
            "weekly": { "fri": [["09:00", "18:00"]] },
            "holidays": ["2026-12-25"]
        }));
        // Christmas Friday 10:00 in Tokyo
        assert!(!s.is_open(utc("2026-12-25T01:00:00Z")));
        assert_eq!(
            s.next_open(utc("2026-12-25T01:00:00Z")),
            Some(utc("2027-01-01T00:00:00Z"))
        );
        let always = hours(serde_json::json!({ "timezone": "UTC", "weekly": null }));
        assert!(always.is_open(utc("2026-12-25T01:00:00Z")));
        let never = hours(serde_json::json!({ "timezone": "UTC", "weekly": {} }));
        assert!(!never.is_open(utc("2026-12-25T01:00:00Z")));
        assert_eq!(never.next_open(utc("2026-12-25T01:00:00Z")), None);
    }

    #[test]
    fn a_clock_change_day() {
        // Paris springs forward on 2027-03-28 at 02:00 → 03:00
        let s = hours(serde_json::json!({
            "timezone": "Europe/Paris",
            "weekly": { "sun": [["02:30", "10:00"]] },
        }));
        // 02:30 does not exist: the window opens at 03:00 CEST = 01:00 UTC
        assert!(!s.is_open(utc("2027-03-28T00:59:00Z")));
        assert!(s.is_open(utc("2027-03-28T01:00:00Z")));
    }

    #[test]
    fn bad_hours_say_what_is_wrong() {
        let check = |json: serde_json::Value| {
            serde_json::from_value::<BusinessHours>(json)
                .map_err(|e| e.to_string())
                .and_then(|h| h.schedule().map(|_| ()).map_err(|e| e.0))
                .unwrap_err()
        };
        assert!(check(serde_json::json!({ "timezone": "Mars/Olympus" })).contains("IANA"));
        assert!(
            check(serde_json::json!({ "timezone": "UTC", "weekly": { "monday": [] } }))
                .contains("unknown day")
        );
        assert!(
            check(
                serde_json::json!({ "timezone": "UTC", "weekly": { "mon": [["9:00", "17:00"]] } })
            )
            .contains("09:00")
        );
        assert!(
            check(
                serde_json::json!({ "timezone": "UTC", "weekly": { "mon": [["24:00", "17:00"]] } })
            )
            .contains("24:00")
        );
        assert!(
            check(serde_json::json!({ "timezone": "UTC", "holidays": ["25/12/2026"] }))
                .contains("2026-12-25")
        );
        assert!(
            check(serde_json::json!({ "timezone": "UTC", "extra": 1 })).contains("unknown field")
        );
    }
}

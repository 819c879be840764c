//! The admin monitor's counters.

use chrono::{DateTime, Utc};

use super::model::Stats;

/// From per-status counts, today's closed count and (queued, assigned) pairs.
pub fn build(
    counts: &[(String, i64)],
    closed_today: i64,
    waits: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Stats {
    let count = |status: &str| {
        counts
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n)
    };
    Stats {
        queued: count("queued_for_agent"),
        active: count("active_with_agent"),
        bot: count("bot_pending"),
        closed_today,
        median_wait_seconds: median(
            waits
                .iter()
                .map(|(q, a)| (*a - *q).num_milliseconds() as f64 / 1000.0)
                .collect(),
        ),
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_waits() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        let s = build(&[("queued_for_agent".into(), 2)], 5, &[]);
        assert_eq!((s.queued, s.active, s.closed_today), (2, 0, 5));
    }
}

//! A queue that is watched: each waiting visitor hears its place and an
//! estimate when they change, and agents hear about chats that wait too long.

use std::collections::HashMap;

use chrono::Utc;
use uuid::Uuid;

use super::{ChatService, notify::Notice};
use crate::error::AppResult;

/// How many recent waits the visitor's estimate averages.
pub(super) const RECENT_WAITS: i64 = 20;

/// The wait a visitor at `position` can expect: the recent average wait for
/// each round of chats the online agents take ahead of it.
pub fn estimate_wait(position: i64, recent_waits: &[i64], online_agents: i64) -> Option<i64> {
    if recent_waits.is_empty() || position < 1 {
        return None;
    }
    let count = i64::try_from(recent_waits.len()).unwrap_or(i64::MAX);
    let average = recent_waits.iter().sum::<i64>() / count;
    let rounds = (position + online_agents.max(1) - 1) / online_agents.max(1);
    Some(average.max(1) * rounds)
}

impl ChatService {
    /// Announces chats queued longer than `QUEUE_ALERT_SECS` (each once per
    /// period across the nodes); returns how many.
    pub async fn alert_overdue(&self) -> AppResult<usize> {
        let now = Utc::now();
        let after = chrono::Duration::from_std(self.inner.routing.alert_after)
            .unwrap_or(chrono::Duration::seconds(60));
        let overdue = self.inner.store.take_overdue(now - after).await?;
        for o in &overdue {
            self.notify(Notice::QueueAlert {
                session_id: o.session_id,
                waiting_secs: (now - o.queued_at).num_seconds().max(0),
            })
            .await;
        }
        Ok(overdue.len())
    }

    /// Tells each queued visitor its position and estimated wait, when they
    /// changed since this node last told it.
    pub async fn announce_positions(&self) -> AppResult<()> {
        let now = Utc::now();
        let queued = self.inner.store.queue(0).await?;
        if queued.is_empty() && self.router().told.lock().expect("not poisoned").is_empty() {
            return Ok(());
        }
        let waits = self.inner.store.recent_waits(now, RECENT_WAITS).await?;
        let online = self.online_agents().await?;
        let mut changed = Vec::new();
        {
            let mut told = self.router().told.lock().expect("not poisoned");
            let mut next = HashMap::with_capacity(queued.len());
            for (i, item) in queued.iter().enumerate() {
                let position = i64::try_from(i).unwrap_or(i64::MAX) + 1;
                let estimate = estimate_wait(position, &waits, online);
                if told.get(&item.session_id) != Some(&(position, estimate)) {
                    changed.push((item.session_id, position, estimate));
                }
                next.insert(item.session_id, (position, estimate));
            }
            *told = next;
        }
        for (session_id, position, estimated_wait_secs) in changed {
            self.notify(Notice::QueuePosition {
                session_id,
                position,
                estimated_wait_secs,
            })
            .await;
        }
        Ok(())
    }

    /// A visitor's socket (re)joined a queued chat: tell it its position
    /// again on the next announcement.
    pub(super) fn retell_position(&self, session_id: Uuid) {
        self.router()
            .told
            .lock()
            .expect("not poisoned")
            .remove(&session_id);
        self.router().wake_positions.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_grows_with_position_and_shrinks_with_agents() {
        assert_eq!(estimate_wait(1, &[], 3), None, "no history, no guess");
        assert_eq!(estimate_wait(1, &[30, 90], 1), Some(60));
        assert_eq!(estimate_wait(3, &[60], 1), Some(180));
        assert_eq!(
            estimate_wait(3, &[60], 3),
            Some(60),
            "three agents take three at once"
        );
        assert_eq!(estimate_wait(4, &[60], 3), Some(120));
        assert_eq!(
            estimate_wait(2, &[0], 0),
            Some(2),
            "no agent online counts as one"
        );
    }
}

//! The periodic work every node runs beside the server, each loop until
//! `stop`: the monitor's counters, presence (heartbeat and sweep), the
//! router and its alerts, queue positions, availability, the offline
//! path's mail, idle bot chats, and expired sockets.

use std::{sync::Arc, time::Duration};

use tokio_util::sync::CancellationToken;

use crate::{
    chat::{ChatService, team::PresenceConfig},
    realtime::LiveSockets,
};

/// Fresh counters for the admin monitor every 5 seconds.
pub(super) async fn publish_stats(chat: ChatService, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => {
                if let Err(e) = chat.publish_stats().await {
                    tracing::debug!(error = %e.message, "admin stats not published");
                }
            }
        }
    }
}

/// Tells this node's visitors whether someone can answer, when it changes:
/// on an agent's status or new hours at once, and every few seconds for the
/// clock (opening hours) and the queue (the estimate).
pub(super) async fn tell_availability(chat: ChatService, stop: CancellationToken) {
    loop {
        if let Err(e) = chat.announce_availability().await {
            tracing::debug!(error = %e.message, "availability not announced this round");
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = chat.availability_woken(Duration::from_secs(5)) => {}
        }
    }
}

/// The offline path's mail: the team's notices, and agents' replies to
/// visitors with no socket connected on any node.
pub(super) async fn offline_mail(
    chat: ChatService,
    sockets: Arc<dyn LiveSockets>,
    stop: CancellationToken,
) {
    let mut tick = tokio::time::interval(crate::chat::offline::SCAN_EVERY);
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => {}
        }
        if let Err(e) = chat.tell_team_offline().await {
            tracing::debug!(error = %e.message, "offline notices not queued this round");
        }
        let connected = |user_id| {
            let sockets = sockets.clone();
            async move { sockets.user_connected(user_id).await }
        };
        if let Err(e) = chat.mail_replies(connected).await {
            tracing::debug!(error = %e.message, "reply mails not queued this round");
        }
    }
}

/// Deletes closed chats older than `RETENTION_DAYS`, at start and hourly.
pub(super) async fn keep_retention(chat: ChatService, days: u32, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => match chat.delete_expired(days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, days, "closed chats past the retention period deleted"),
                Err(e) => tracing::warn!(error = %e.message, "retention sweep failed; will try again"),
            },
        }
    }
}

/// Closes chats left with the bot (`IDLE_CLOSE_MINUTES`), checking a few
/// times per period (at most every minute).
pub(super) async fn close_idle(chat: ChatService, idle: Duration, stop: CancellationToken) {
    let mut tick = tokio::time::interval(
        (idle / 4).clamp(Duration::from_millis(100), Duration::from_secs(60)),
    );
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => match chat.close_idle(idle).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(closed = n, "idle bot chats closed"),
                Err(e) => tracing::debug!(error = %e.message, "idle chats not closed this round"),
            },
        }
    }
}

/// This node's heartbeat for the agent sockets it holds, and the sweep that
/// announces agents whose grace ran out as offline.
pub(super) async fn keep_presence(chat: ChatService, grace: Duration, stop: CancellationToken) {
    let config = PresenceConfig::with_grace(grace);
    let mut heartbeat = tokio::time::interval(config.heartbeat);
    let mut sweep = tokio::time::interval(
        (grace / 4).clamp(Duration::from_millis(250), Duration::from_secs(5)),
    );
    loop {
        let result = tokio::select! {
            _ = stop.cancelled() => return,
            _ = heartbeat.tick() => chat.presence_heartbeat().await,
            _ = sweep.tick() => chat.sweep_presence().await,
        };
        if let Err(e) = result {
            tracing::debug!(error = %e.message, "presence not kept this round");
        }
    }
}

/// This node's router: runs when something here may let a queued chat be
/// routed, and every few seconds for what other nodes changed; announces
/// overdue chats on the same loop.
pub(super) async fn route_queue(chat: ChatService, stop: CancellationToken) {
    let alert_after = chat.routing().alert_after;
    let alert_every = (alert_after / 4).clamp(Duration::from_millis(250), Duration::from_secs(5));
    let mut alerts = tokio::time::interval(alert_every);
    loop {
        let result = tokio::select! {
            _ = stop.cancelled() => return,
            _ = chat.router_woken(Duration::from_secs(3)) => chat.route_queue().await.map(drop),
            _ = alerts.tick() => chat.alert_overdue().await.map(drop),
        };
        if let Err(e) = result {
            tracing::warn!(error = %e.message, "routing pass failed; retrying shortly");
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
}

/// Tells queued visitors their position when it changes, at most a few
/// times a second however busy the queue.
pub(super) async fn tell_positions(chat: ChatService, stop: CancellationToken) {
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = chat.positions_woken(Duration::from_secs(10)) => {}
        }
        if let Err(e) = chat.announce_positions().await {
            tracing::debug!(error = %e.message, "queue positions not told this round");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Disconnects sockets whose token expired, every few seconds.
pub(super) async fn expire_sockets(sockets: Arc<dyn LiveSockets>, stop: CancellationToken) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tick.tick() => {
                let n = sockets.disconnect_expired();
                if n > 0 {
                    tracing::info!(sockets = n, "disconnected sockets with expired tokens");
                }
            }
        }
    }
}

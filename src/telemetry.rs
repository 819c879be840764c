//! Logging: the subscriber `main` installs, with floors that keep secrets
//! out of the logs at every level. Socket.IO and WebSocket libraries log
//! raw packets (handshake `auth` and `hello` tokens, message text) at debug
//! and trace; whatever `RUST_LOG` asks, their events above `info` are
//! dropped. (socketioxide's own `tracing` feature is also left off.)

use tracing::{Level, Metadata};
use tracing_subscriber::{
    EnvFilter, Layer, filter::filter_fn, layer::SubscriberExt, util::SubscriberInitExt,
};

/// Crates that may log payloads, tokens or headers below `info`.
const FLOORED: [&str; 10] = [
    "socketioxide",
    "socketioxide_core",
    "socketioxide_redis",
    "engineioxide",
    "engineioxide_core",
    "tungstenite",
    "tokio_tungstenite",
    "hyper",
    "h2",
    "rdkafka",
];

/// True when an event or span may be logged: never below `info` from a
/// floored crate.
pub fn safe(meta: &Metadata<'_>) -> bool {
    *meta.level() <= Level::INFO || !floored(meta.target())
}

fn floored(target: &str) -> bool {
    FLOORED.iter().any(|krate| {
        target
            .strip_prefix(krate)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    })
}

/// Installs the subscriber: `filter` (`RUST_LOG` syntax, `info` when it
/// does not parse), under the floors.
pub fn init(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_filter(filter)
                .with_filter(filter_fn(safe)),
        )
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_logging_is_floored() {
        assert!(floored("socketioxide::ns"));
        assert!(floored("tungstenite::protocol"));
        assert!(floored("engineioxide"));
        assert!(!floored("socketioxide_extra"), "a prefix is not a crate");
        assert!(!floored("webchat::realtime"));
    }
}

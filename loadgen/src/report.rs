//! The result of a run, one shape for every scenario (sections a scenario
//! does not fill are left out), printed as text and written as JSON.

use std::{collections::BTreeMap, fmt::Write as _};

use serde::Serialize;
use serde_json::Value;

use crate::{procstat::ServerStats, stats::Percentiles};

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub scenario: &'static str,
    pub url: String,
    pub started_at: String,
    pub params: Value,
    /// Seconds spent creating agents, connecting and handing off.
    pub setup_s: f64,
    /// Seconds of the measured phase.
    pub measured_s: f64,
    pub connections: Connections,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<Messages>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Claims>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<Routing>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle: Option<Idle>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup: Option<Startup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchBench>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhooks: Option<WebhookBench>,
    pub errors: BTreeMap<String, u64>,
    pub error_total: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<ServerStats>,
    /// The load generator's own process (same measures as `server`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loadgen: Option<ServerStats>,
}

#[derive(Debug, Default, Serialize)]
pub struct Connections {
    pub attempted: usize,
    /// Open at the end of the measured phase.
    pub held: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Messages {
    pub sent: u64,
    pub acked: u64,
    /// `message:new` received by the other side of the session.
    pub delivered: u64,
    pub acked_per_s: f64,
    pub delivered_per_s: f64,
    /// From emit to ack.
    pub ack_latency_ms: Percentiles,
    /// From emit to the other side's `message:new`.
    pub delivery_latency_ms: Percentiles,
}

/// `chat --webhooks N`: what reached loadgen's receiver.
#[derive(Debug, Default, Serialize)]
pub struct WebhookBench {
    pub webhooks: usize,
    /// Acked messages times webhooks.
    pub expected: u64,
    /// `message.created` deliveries received.
    pub delivered: u64,
    /// Other deliveries (none are asked for; must be 0).
    pub other_events: u64,
    /// Deliveries per second over the sending and the drain.
    pub delivered_per_s: f64,
    /// Seconds after the last send until the last delivery arrived.
    pub drain_s: f64,
    /// From the message's emit to its webhook POST's arrival.
    pub latency_ms: Percentiles,
}

#[derive(Debug, Default, Serialize)]
pub struct Claims {
    pub sessions: usize,
    pub agents: usize,
    pub won: u64,
    pub conflicts: u64,
    /// Sessions won by more than one agent (must be 0).
    pub duplicate_wins: u64,
    pub unclaimed: u64,
    /// `handoff:accepted` events the visitors received.
    pub visitors_notified: u64,
    /// From the start signal to the last session claimed.
    pub drain_s: f64,
    pub claims_per_s: f64,
    pub claim_latency_ms: Percentiles,
}

#[derive(Debug, Default, Serialize)]
pub struct Routing {
    pub sessions: usize,
    pub agents: usize,
    pub capacity: usize,
    pub routed: u64,
    /// Sessions routed more than once (must be 0).
    pub duplicate_routes: u64,
    pub unrouted: u64,
    /// Assignments that found their agent already at capacity (must be 0).
    pub over_capacity: u64,
    pub visitors_notified: u64,
    /// From the agents coming online to the last session routed.
    pub drain_s: f64,
    pub routed_per_s: f64,
    /// From an agent's place freeing to its next `session:assigned`.
    pub route_latency_ms: Percentiles,
    /// Once drained: single handoffs to idle agents, request to assignment.
    pub single_latency_ms: Percentiles,
}

#[derive(Debug, Default, Serialize)]
pub struct Idle {
    pub connect_s: f64,
    pub connects_per_s: f64,
    /// (server RSS after - before) / connections held.
    pub memory_per_connection_kb: Option<f64>,
}

#[derive(Debug, Default, Serialize)]
pub struct Startup {
    pub binary: String,
    pub binary_bytes: u64,
    /// Spawn to the first 200 from /health, per run.
    pub runs_ms: Vec<f64>,
    pub min_ms: f64,
    pub median_ms: f64,
}

#[derive(Debug, Default, Serialize)]
pub struct SearchBench {
    /// Every measured search.
    pub latency_ms: Percentiles,
    pub queries: Vec<SearchQueryStats>,
}

#[derive(Debug, Default, Serialize)]
pub struct SearchQueryStats {
    pub query: String,
    /// Conversations on the first page.
    pub results: u64,
    pub latency_ms: Percentiles,
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn pct(p: &Percentiles) -> String {
    format!(
        "p50 {} ms, p95 {} ms, p99 {} ms, max {} ms (n={})",
        p.p50, p.p95, p.p99, p.max, p.count
    )
}

impl Report {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "loadgen {} against {}", self.scenario, self.url);
        let _ = writeln!(s, "  params       {}", self.params);
        let _ = writeln!(
            s,
            "  set-up       {:.2} s; measured {:.2} s",
            self.setup_s, self.measured_s
        );
        let c = &self.connections;
        let _ = writeln!(s, "  connections  {} held of {}", c.held, c.attempted);
        if let Some(m) = &self.messages {
            m.write(&mut s);
        }
        if let Some(c) = &self.claims {
            c.write(&mut s);
        }
        if let Some(r) = &self.routing {
            r.write(&mut s);
        }
        if let Some(i) = &self.idle {
            i.write(&mut s);
        }
        if let Some(st) = &self.startup {
            let _ = writeln!(
                s,
                "  startup      {}: {} bytes; to /health min {} ms, median {} ms, runs {:?}",
                st.binary, st.binary_bytes, st.min_ms, st.median_ms, st.runs_ms
            );
        }
        if let Some(w) = &self.webhooks {
            let _ = writeln!(
                s,
                "  webhooks     {} × message.created: {} of {} delivered ({}/s, drained {} s after the last send); {}",
                w.webhooks,
                w.delivered,
                w.expected,
                w.delivered_per_s,
                w.drain_s,
                pct(&w.latency_ms)
            );
        }
        if let Some(b) = &self.search {
            let _ = writeln!(s, "  search       all: {}", pct(&b.latency_ms));
            for q in &b.queries {
                let _ = writeln!(
                    s,
                    "    {:<24} {:>3} results; {}",
                    q.query,
                    q.results,
                    pct(&q.latency_ms)
                );
            }
        }
        let _ = writeln!(s, "  errors       {} {:?}", self.error_total, self.errors);
        if let Some(sv) = &self.server {
            let _ = writeln!(
                s,
                "  server {}   RSS {} → {} MB (peak {}), {} threads, CPU avg {}% peak {}% of one core",
                sv.pid,
                sv.rss_start_mb,
                sv.rss_end_mb,
                sv.rss_peak_mb,
                sv.threads,
                sv.cpu_avg_percent,
                sv.cpu_peak_percent
            );
        }
        if let Some(own) = &self.loadgen {
            let _ = writeln!(
                s,
                "  loadgen      RSS {} MB, CPU avg {}% peak {}% of one core",
                own.rss_end_mb, own.cpu_avg_percent, own.cpu_peak_percent
            );
        }
        s
    }
}

impl Messages {
    fn write(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "  messages     {} sent, {} acked ({}/s), {} delivered ({}/s)",
            self.sent, self.acked, self.acked_per_s, self.delivered, self.delivered_per_s
        );
        let _ = writeln!(s, "  ack          {}", pct(&self.ack_latency_ms));
        let _ = writeln!(s, "  delivery     {}", pct(&self.delivery_latency_ms));
    }
}

impl Claims {
    fn write(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "  claims       {} sessions, {} agents: {} won, {} conflicts, {} duplicate wins, {} unclaimed, {} visitors notified",
            self.sessions,
            self.agents,
            self.won,
            self.conflicts,
            self.duplicate_wins,
            self.unclaimed,
            self.visitors_notified
        );
        let _ = writeln!(
            s,
            "  queue drained in {:.3} s ({}/s); claim {}",
            self.drain_s,
            self.claims_per_s,
            pct(&self.claim_latency_ms)
        );
    }
}

impl Routing {
    fn write(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "  routing      {} sessions, {} agents of capacity {}: {} routed, {} duplicates, {} unrouted, {} over capacity, {} visitors notified",
            self.sessions,
            self.agents,
            self.capacity,
            self.routed,
            self.duplicate_routes,
            self.unrouted,
            self.over_capacity,
            self.visitors_notified
        );
        let _ = writeln!(
            s,
            "  queue drained in {:.3} s ({}/s); routing {}",
            self.drain_s,
            self.routed_per_s,
            pct(&self.route_latency_ms)
        );
        let _ = writeln!(
            s,
            "  single handoffs to idle agents: {}",
            pct(&self.single_latency_ms)
        );
    }
}

impl Idle {
    fn write(&self, s: &mut String) {
        let per = self
            .memory_per_connection_kb
            .map_or("n/a (no --server-pid)".into(), |kb| format!("{kb} kB"));
        let _ = writeln!(
            s,
            "  idle         connected in {:.2} s ({}/s); memory per connection {per}",
            self.connect_s, self.connects_per_s
        );
    }
}

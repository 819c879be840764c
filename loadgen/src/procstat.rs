//! The server's memory and CPU, read from `/proc/<pid>/stat` and
//! `/proc/<pid>/status` (Linux) while a scenario runs: resident memory now and
//! at its peak, threads, and CPU use in percent of one core, averaged over the
//! run and at its busiest one-second window.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use serde::Serialize;

/// Linux reports CPU times in USER_HZ ticks, 100 per second on every
/// architecture's user ABI.
const TICKS_PER_SEC: f64 = 100.0;

#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub at: Instant,
    pub rss_kb: u64,
    pub hwm_kb: u64,
    pub threads: u64,
    pub cpu_ticks: u64,
}

/// Reads one sample of process `pid`.
pub fn sample(pid: u32) -> std::io::Result<Sample> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let cpu_ticks = parse_cpu_ticks(&stat).ok_or_else(|| bad("stat"))?;
    Ok(Sample {
        at: Instant::now(),
        rss_kb: status_kb(&status, "VmRSS:").ok_or_else(|| bad("VmRSS"))?,
        hwm_kb: status_kb(&status, "VmHWM:").unwrap_or(0),
        threads: status_kb(&status, "Threads:").unwrap_or(0),
        cpu_ticks,
    })
}

fn bad(what: &str) -> std::io::Error {
    std::io::Error::other(format!("unexpected /proc format ({what})"))
}

/// utime + stime: fields 14 and 15, counted after the `(comm)` field, which
/// may itself hold spaces and parentheses.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The number after `key` in `/proc/<pid>/status` (kB for the Vm lines).
fn status_kb(status: &str, key: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().next()?.parse().ok()
}

fn cpu_percent(a: &Sample, b: &Sample) -> f64 {
    let secs = b.at.duration_since(a.at).as_secs_f64();
    if secs <= 0.0 {
        return 0.0;
    }
    let ticks = b.cpu_ticks.saturating_sub(a.cpu_ticks) as f64;
    (ticks / TICKS_PER_SEC / secs * 1000.0).round() / 10.0
}

/// What the report shows about the server process.
#[derive(Debug, Clone, Serialize)]
pub struct ServerStats {
    pub pid: u32,
    pub rss_start_mb: f64,
    pub rss_end_mb: f64,
    pub rss_peak_mb: f64,
    /// The process's own high-water mark since it started (VmHWM).
    pub rss_hwm_mb: f64,
    pub threads: u64,
    /// Percent of one core, over the measured window.
    pub cpu_avg_percent: f64,
    /// The busiest one-second window.
    pub cpu_peak_percent: f64,
}

/// Samples a process every second in the background.
pub struct Monitor {
    pid: u32,
    start: Sample,
    state: Arc<Mutex<(Sample, f64, u64)>>, // last sample, peak cpu%, peak rss
    task: tokio::task::JoinHandle<()>,
}

impl Monitor {
    pub fn start(pid: u32) -> std::io::Result<Monitor> {
        let start = sample(pid)?;
        let state = Arc::new(Mutex::new((start, 0.0_f64, start.rss_kb)));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.tick().await;
            loop {
                tick.tick().await;
                let Ok(now) = sample(pid) else { break };
                let mut s = shared.lock().expect("monitor lock");
                s.1 = s.1.max(cpu_percent(&s.0, &now));
                s.2 = s.2.max(now.rss_kb);
                s.0 = now;
            }
        });
        Ok(Monitor {
            pid,
            start,
            state,
            task,
        })
    }

    /// Restarts the averaging window (e.g. after set-up, before the load).
    pub fn reset(&mut self) {
        if let Ok(now) = sample(self.pid) {
            self.start = now;
            *self.state.lock().expect("monitor lock") = (now, 0.0, now.rss_kb);
        }
    }

    pub fn finish(self) -> ServerStats {
        self.task.abort();
        let (last, peak_cpu, peak_rss) = *self.state.lock().expect("monitor lock");
        let end = sample(self.pid).unwrap_or(last);
        let mb = |kb: u64| (kb as f64 / 102.4).round() / 10.0;
        ServerStats {
            pid: self.pid,
            rss_start_mb: mb(self.start.rss_kb),
            rss_end_mb: mb(end.rss_kb),
            rss_peak_mb: mb(peak_rss.max(end.rss_kb)),
            rss_hwm_mb: mb(end.hwm_kb),
            threads: end.threads,
            cpu_avg_percent: cpu_percent(&self.start, &end),
            cpu_peak_percent: peak_cpu.max(cpu_percent(&last, &end)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_stat_with_odd_command_names() {
        let stat = "1234 (web chat) (x)) S 1 1234 1234 0 -1 4194560 500 0 0 0 \
                    250 50 0 0 20 0 9 0 100 123456 789";
        assert_eq!(parse_cpu_ticks(stat), Some(300));
    }

    #[test]
    fn parses_status_lines() {
        let status = "Name:\twebchat\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\nThreads:\t9\n";
        assert_eq!(status_kb(status, "VmRSS:"), Some(10240));
        assert_eq!(status_kb(status, "VmHWM:"), Some(20480));
        assert_eq!(status_kb(status, "Threads:"), Some(9));
    }

    #[test]
    fn samples_this_process() {
        let s = sample(std::process::id()).unwrap();
        assert!(s.rss_kb > 0 && s.threads >= 1);
    }
}

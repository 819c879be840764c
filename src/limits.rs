//! Abuse limits: token buckets keyed by socket, IP or account, and a growing
//! delay after failed logins. In memory, per process (several nodes each
//! enforce their own share).

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// A token bucket per key: `burst` at once, then `per_second`.
pub struct RateLimiter {
    burst: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(burst: u32, per_second: f64) -> Self {
        RateLimiter {
            burst: f64::from(burst),
            per_second,
            buckets: Mutex::default(),
        }
    }

    /// Takes one token for `key`; when none is left, how long until one is.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("not poisoned");
        if buckets.len() > 100_000 {
            let (burst, rate) = (self.burst, self.per_second);
            buckets.retain(|_, (tokens, at)| *tokens + at.elapsed().as_secs_f64() * rate < burst);
        }
        // no allocation for a key already known (every event of a socket)
        if !buckets.contains_key(key) {
            buckets.insert(key.to_string(), (self.burst, now));
        }
        let (tokens, at) = buckets.get_mut(key).expect("just inserted");
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.per_second))
        }
    }

    pub fn forget(&self, key: &str) {
        self.buckets.lock().expect("not poisoned").remove(key);
    }
}

/// Failed logins per key: after `free` failures each further attempt must
/// wait twice as long as the last (1 s, 2 s, 4 s … up to 15 minutes). Keyed
/// by the guesser (the address, or the account and the address), never by
/// the account alone, so guessing cannot lock the owner out.
pub struct LoginGuard {
    free: u32,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginGuard {
    pub fn new(free: u32) -> Self {
        LoginGuard {
            free,
            failures: Mutex::default(),
        }
    }

    /// `Err(wait)` while the key must wait.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let failures = self.failures.lock().expect("not poisoned");
        match failures.get(key) {
            Some((n, last)) if *n >= self.free => {
                let delay = Duration::from_secs(1u64 << (n - self.free).min(10))
                    .min(Duration::from_secs(900));
                let waited = last.elapsed();
                if waited < delay {
                    Err(delay - waited)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    pub fn failed(&self, account: &str) {
        let mut failures = self.failures.lock().expect("not poisoned");
        if failures.len() > 100_000 {
            failures.retain(|_, (_, last)| last.elapsed() < Duration::from_secs(900));
        }
        let entry = failures
            .entry(account.to_string())
            .or_insert((0, Instant::now()));
        entry.0 += 1;
        entry.1 = Instant::now();
    }

    pub fn succeeded(&self, account: &str) {
        self.failures.lock().expect("not poisoned").remove(account);
    }
}

/// The limits the server enforces.
pub struct Limits {
    /// Events per socket (a burst, then a steady rate).
    pub socket_events: RateLimiter,
    /// Socket.IO namespace connections per client IP.
    pub handshakes: RateLimiter,
    /// Engine.IO handshakes (new connections) per client IP, checked
    /// before a session is allocated.
    pub engine_handshakes: RateLimiter,
    /// Login attempts per client IP.
    pub logins_per_ip: RateLimiter,
    /// New sessions per client IP.
    pub sessions_per_ip: RateLimiter,
    /// Handoff requests per client IP.
    pub handoffs_per_ip: RateLimiter,
    /// Failed logins per account and address (`login_key`).
    pub logins: LoginGuard,
    /// Failed logins per address, whatever the account.
    pub failed_logins_per_ip: LoginGuard,
}

/// The key of one guesser at one account.
pub fn login_key(account: &str, ip: &str) -> String {
    format!("{account} from {ip}")
}

impl Limits {
    pub fn new(config: &crate::config::LimitsConfig) -> Self {
        let bucket = |(burst, rate): (u32, f64)| RateLimiter::new(burst, rate);
        Limits {
            socket_events: bucket(config.socket_events),
            handshakes: bucket(config.handshakes_per_ip),
            engine_handshakes: bucket(config.handshakes_per_ip),
            logins_per_ip: bucket(config.logins_per_ip),
            sessions_per_ip: bucket(config.sessions_per_ip),
            handoffs_per_ip: bucket(config.handoffs_per_ip),
            logins: LoginGuard::new(config.login_failures_free),
            failed_logins_per_ip: LoginGuard::new(config.login_failures_free_per_ip),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_a_burst_then_a_rate() {
        let limiter = RateLimiter::new(3, 1000.0);
        assert!((0..3).all(|_| limiter.check("a").is_ok()));
        assert!(limiter.check("a").is_err(), "burst used up");
        assert!(limiter.check("b").is_ok(), "keys are separate");
        std::thread::sleep(Duration::from_millis(5));
        assert!(limiter.check("a").is_ok(), "refills at the rate");
    }

    #[test]
    fn login_delay_grows() {
        let guard = LoginGuard::new(5);
        for _ in 0..5 {
            assert!(guard.check("x").is_ok());
            guard.failed("x");
        }
        let wait = guard.check("x").unwrap_err();
        assert!(wait <= Duration::from_secs(1) && wait > Duration::ZERO);
        guard.failed("x");
        assert!(
            guard.check("x").unwrap_err() > Duration::from_secs(1),
            "doubles"
        );
        guard.succeeded("x");
        assert!(guard.check("x").is_ok());
    }
}

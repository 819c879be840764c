//! What a run measures: a lock-free log-bucketed latency histogram (HDR
//! style: values below 128 µs exact, then 64 buckets per power of two, so any
//! percentile is within 1.6 % of the true value; the max is exact), and
//! counters of errors by code.

use std::{
    collections::BTreeMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use serde::Serialize;

const SUB_BITS: u32 = 6;
const SUB: u64 = 1 << SUB_BITS;
/// Enough buckets for every u64 value.
const BUCKETS: usize = ((64 - SUB_BITS) as usize + 2) * SUB as usize;

pub struct Histogram {
    buckets: Box<[AtomicU64]>,
    count: AtomicU64,
    sum: AtomicU64,
    max: AtomicU64,
}

/// Percentiles in milliseconds.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Percentiles {
    pub count: u64,
    pub mean: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

fn index(v: u64) -> usize {
    if v < 2 * SUB {
        return v as usize;
    }
    let msb = 63 - v.leading_zeros();
    let shift = msb - SUB_BITS;
    (shift as u64 * SUB + (v >> shift)) as usize
}

/// The highest value that lands in bucket `i`.
fn upper(i: usize) -> u64 {
    let i = i as u64;
    if i < 2 * SUB {
        return i;
    }
    let shift = i / SUB - 1;
    let mantissa = i - shift * SUB;
    let top = (u128::from(mantissa + 1) << shift) - 1;
    u64::try_from(top).unwrap_or(u64::MAX)
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            buckets: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            count: AtomicU64::new(0),
            sum: AtomicU64::new(0),
            max: AtomicU64::new(0),
        }
    }
}

impl Histogram {
    /// Records one value in microseconds.
    pub fn record_us(&self, us: u64) {
        self.buckets[index(us)].fetch_add(1, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(us, Ordering::Relaxed);
        self.max.fetch_max(us, Ordering::Relaxed);
    }

    pub fn record(&self, d: Duration) {
        self.record_us(u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    }

    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// The value (µs) at quantile `q` in 0..=1; 0 when empty.
    pub fn quantile_us(&self, q: f64) -> u64 {
        let count = self.count();
        if count == 0 {
            return 0;
        }
        let target = ((q * count as f64).ceil() as u64).clamp(1, count);
        let max = self.max.load(Ordering::Relaxed);
        let mut seen = 0;
        for (i, b) in self.buckets.iter().enumerate() {
            seen += b.load(Ordering::Relaxed);
            if seen >= target {
                return upper(i).min(max);
            }
        }
        max
    }

    pub fn percentiles(&self) -> Percentiles {
        let count = self.count();
        let ms = |us: u64| (us as f64 / 10.0).round() / 100.0;
        let mean = if count == 0 {
            0.0
        } else {
            self.sum.load(Ordering::Relaxed) as f64 / count as f64
        };
        Percentiles {
            count,
            mean: ms(mean.round() as u64),
            p50: ms(self.quantile_us(0.50)),
            p95: ms(self.quantile_us(0.95)),
            p99: ms(self.quantile_us(0.99)),
            max: ms(self.max.load(Ordering::Relaxed)),
        }
    }
}

/// Errors by code (`conflict`, `timeout`, `connect`, …).
#[derive(Default)]
pub struct Errors(Mutex<BTreeMap<String, u64>>);

impl Errors {
    pub fn add(&self, code: &str) {
        *self
            .0
            .lock()
            .expect("errors lock")
            .entry(code.to_string())
            .or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.0.lock().expect("errors lock").clone()
    }
}

/// A plain counter.
#[derive(Default)]
pub struct Counter(AtomicU64);

impl Counter {
    pub fn inc(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_values_and_bound_the_error() {
        for v in [0u64, 1, 127, 128, 129, 1000, 65_535, 1 << 40, u64::MAX] {
            let i = index(v);
            assert!(i < BUCKETS, "{v} -> {i}");
            assert!(upper(i) >= v, "{v}: upper {}", upper(i));
            assert!((upper(i) - v) as f64 <= v as f64 * 0.016 + 1.0, "{v}");
            if i > 0 {
                assert!(upper(i - 1) < v, "{v} belongs to an earlier bucket");
            }
        }
    }

    #[test]
    fn percentiles_of_a_uniform_run() {
        let h = Histogram::default();
        for us in 1..=10_000 {
            h.record_us(us);
        }
        let p = h.percentiles();
        assert_eq!(p.count, 10_000);
        assert!((p.p50 - 5.0).abs() < 0.1, "{p:?}");
        assert!((p.p99 - 9.9).abs() < 0.2, "{p:?}");
        assert_eq!(p.max, 10.0);
        assert!((p.mean - 5.0).abs() < 0.01, "{p:?}");
    }

    #[test]
    fn empty_histogram_reports_zeros() {
        assert_eq!(Histogram::default().percentiles(), Percentiles::default());
    }

    #[test]
    fn errors_count_by_code() {
        let e = Errors::default();
        e.add("conflict");
        e.add("conflict");
        e.add("timeout");
        let s = e.snapshot();
        assert_eq!((s["conflict"], s["timeout"]), (2, 1));
    }
}

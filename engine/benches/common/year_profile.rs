//! A deterministic year of 15-minute intervals for the staffing benchmarks.
//!
//! Shared by `engine/benches/year.rs` (criterion), `engine/examples/year_intervals.rs`
//! (which exports the series for `scripts/bench_pyworkforce.py`) and
//! `bench/wasm/` (the same year in headless Chromium): each includes this file
//! with `#[path = …] mod year_profile;`, so there is one generator.
//!
//! # The year
//!
//! 365 days × 96 intervals of 15 minutes = 35,040 intervals; day 0 is a Monday.
//! Each interval offers a whole number of calls in `0..=400`, AHT 240 s, and the
//! target is 80 % answered within 20 s (Erlang C).
//!
//! The expected calls of an interval are
//!
//! `mean = PEAK_CALLS × intraday(hour) × weekday(day) × season(day)`
//!
//! - `intraday(h)`: a night floor of 0.4 % plus three smooth bumps — the morning
//!   peak at 10:30 (height 1), the afternoon peak at 14:30 (0.8, so there is a
//!   lunch dip between them) and an evening shoulder at 19:30 (0.3) — each the
//!   compact triweight kernel `(1 − x²)³`, `|x| < 1`, over a half-width of 3.5,
//!   4 and 2.5 hours. The hour is taken at the middle of the interval.
//! - `weekday(d)`: Mon 1.12, Tue 1.04, Wed 1.00, Thu 0.98, Fri 0.93, Sat 0.42,
//!   Sun 0.28.
//! - `season(d)`: 1 + 0.10·(January bump) + 0.06·(September bump)
//!   − 0.45·(Christmas dip around day 358, 25 December), the same triweight
//!   kernel over 75, 40 and 6 days.
//!
//! The offered calls are `round(mean + √mean · z)`, clamped to `0..=400`, where
//! `z` is approximately standard normal: the sum of 12 uniforms on `[0, 1)`
//! minus 6 (Irwin–Hall), the uniforms drawn from a SplitMix64 generator seeded
//! with [`SEED`]. The noise therefore has the variance of Poisson arrivals; the
//! night intervals round to 0 or 1 call, the Monday-morning January peaks touch
//! the 400 cap.
//!
//! Only `+ − × ÷`, `sqrt` and `round` are used — all correctly rounded in IEEE
//! 754, and Rust does not contract them into FMAs — so the series is bit-for-bit
//! the same natively and in wasm32. [`year_checksum`] lets each consumer print
//! a fingerprint to confirm that.

#![allow(dead_code)]

use callcalc_engine::{Load, Targets};

/// Intervals per day (15 minutes each).
pub const INTERVALS_PER_DAY: usize = 96;
/// Days in the benchmark year.
pub const DAYS: usize = 365;
/// 35,040 intervals.
pub const INTERVALS: usize = INTERVALS_PER_DAY * DAYS;
/// Interval length, seconds.
pub const INTERVAL_S: f64 = 900.0;
/// Average handle time, seconds.
pub const AHT_S: f64 = 240.0;
/// Service-level target: 80 % …
pub const SL_TARGET: f64 = 0.8;
/// … answered within 20 seconds.
pub const SL_THRESHOLD_S: f64 = 20.0;
/// Calls per interval are clamped to `0..=MAX_CALLS`.
pub const MAX_CALLS: u32 = 400;
/// Expected calls at the intraday peak of an average weekday outside the seasonal bumps.
pub const PEAK_CALLS: f64 = 320.0;
/// Seed of the noise.
pub const SEED: u64 = 0x5EED_0CA1_1CA1_C000;

/// SplitMix64 (Steele, Lea & Flood 2014; constants as in `java.util.SplittableRandom`).
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `[0, 1)` with 53 random bits (exact conversion).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Approximately standard normal: Irwin–Hall sum of 12 uniforms minus 6.
    pub fn next_normal(&mut self) -> f64 {
        let mut s = 0.0;
        for _ in 0..12 {
            s += self.next_f64();
        }
        s - 6.0
    }
}

/// Triweight kernel `(1 − x²)³` on `|x| < 1`, 0 outside: a smooth bump of height 1.
fn bump(x: f64) -> f64 {
    if x.abs() >= 1.0 {
        0.0
    } else {
        let u = 1.0 - x * x;
        u * u * u
    }
}

/// Relative call volume at `hour` (0 ≤ hour < 24) of the day; about 1.0 at the 10:30 peak.
pub fn intraday(hour: f64) -> f64 {
    0.004 + bump((hour - 10.5) / 3.5) + 0.8 * bump((hour - 14.5) / 4.0) + 0.3 * bump((hour - 19.5) / 2.5)
}

/// Day-of-week factor; day 0 of the year is a Monday.
pub fn weekday(day: usize) -> f64 {
    const F: [f64; 7] = [1.12, 1.04, 1.00, 0.98, 0.93, 0.42, 0.28];
    F[day % 7]
}

/// Seasonal factor for day-of-year `day` (0 = 1 January, 358 = 25 December).
pub fn season(day: usize) -> f64 {
    let d = day as f64;
    1.0 + 0.10 * bump((d - 20.0) / 75.0) + 0.06 * bump((d - 250.0) / 40.0) - 0.45 * bump((d - 358.0) / 6.0)
}

/// Expected calls of interval `i` (before noise).
pub fn mean_calls(i: usize) -> f64 {
    let day = i / INTERVALS_PER_DAY;
    let slot = i % INTERVALS_PER_DAY;
    let hour = (slot as f64 + 0.5) * 0.25;
    PEAK_CALLS * intraday(hour) * weekday(day) * season(day)
}

/// Offered calls of every interval of the year, from `seed`.
pub fn year_calls_seeded(seed: u64) -> Vec<u32> {
    let mut rng = SplitMix64::new(seed);
    (0..INTERVALS)
        .map(|i| {
            let mean = mean_calls(i);
            let calls = (mean + mean.sqrt() * rng.next_normal()).round();
            calls.clamp(0.0, MAX_CALLS as f64) as u32
        })
        .collect()
}

/// The benchmark year ([`SEED`]).
pub fn year_calls() -> Vec<u32> {
    year_calls_seeded(SEED)
}

/// One validated [`Load`] per interval (AHT 240 s, 900 s intervals).
pub fn year_loads(calls: &[u32]) -> Vec<Load> {
    calls
        .iter()
        .map(|&c| Load::new(c as f64, INTERVAL_S, AHT_S).expect("calls 0..=400 at AHT 240 s is a valid load"))
        .collect()
}

/// 80 % of calls answered within 20 s.
pub fn year_targets() -> Targets {
    Targets::service_level(SL_TARGET, SL_THRESHOLD_S).expect("80 % in 20 s is a valid target")
}

/// FNV-1a over the call counts (little-endian u32): a fingerprint of the series
/// to compare between native, wasm and the exported file.
pub fn year_checksum(calls: &[u32]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for c in calls {
        for b in c.to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

/// Number of distinct call counts (= distinct loads, as AHT and interval are fixed).
pub fn distinct_calls(calls: &[u32]) -> usize {
    let mut seen = vec![false; MAX_CALLS as usize + 1];
    calls.iter().for_each(|&c| seen[c as usize] = true);
    seen.iter().filter(|&&s| s).count()
}

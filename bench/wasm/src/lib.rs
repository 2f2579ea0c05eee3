//! The benchmark year of `engine/benches/year.rs`, timed with a caller-supplied
//! clock so that it runs inside a browser (`tests/browser.rs` passes
//! `performance.now()`).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo test -p callcalc-bench-wasm \
//!     --target wasm32-unknown-unknown --release -- --nocapture
//! ```
//!
//! `--release` is the app's own release profile (opt-level "z", fat LTO,
//! `panic = "abort"`): the numbers are those of the code the browser app ships.
//! `--nocapture` makes `wasm-bindgen-test-runner` print the report of a passing
//! test (it shows console output only for failures otherwise).

use std::hint::black_box;

use callcalc_engine::{required_agents, required_agents_many, Staffing};

#[path = "../../../engine/benches/common/year_profile.rs"]
pub mod year_profile;

use year_profile::*;

/// Min, median and max of a set of timings, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(samples: &[f64]) -> Spread {
        assert!(!samples.is_empty(), "at least one repetition");
        let mut s = samples.to_vec();
        s.sort_by(f64::total_cmp);
        let k = s.len() / 2;
        let median = if s.len() % 2 == 1 { s[k] } else { (s[k - 1] + s[k]) / 2.0 };
        Spread { min: s[0], median, max: s[s.len() - 1] }
    }
}

/// What one run of the year measured.
#[derive(Debug, Clone)]
pub struct YearRun {
    pub intervals: usize,
    pub total_calls: u64,
    pub distinct_calls: usize,
    /// FNV-1a of the call counts: equals the native example's `checksum`.
    pub calls_checksum: u64,
    /// FNV-1a of the required agents per interval: equals the native example's `agents_checksum`.
    pub agents_checksum: u64,
    pub max_agents: u32,
    pub repetitions: usize,
    /// `required_agents` once per interval (no dedup), whole year, ms.
    pub per_interval_ms: Spread,
    /// `required_agents_many` (identical loads solved once), whole year, ms.
    pub many_ms: Spread,
}

/// Builds the year, checks that `required_agents` per interval and
/// `required_agents_many` agree for every interval, then times each over
/// `repetitions` runs (after one warm-up run of each), alternating the two.
/// `now` is a clock in milliseconds.
pub fn run_year(repetitions: usize, mut now: impl FnMut() -> f64) -> YearRun {
    let calls = year_calls();
    let loads = year_loads(&calls);
    let targets = year_targets();

    let per_interval: Vec<Staffing> = loads.iter().map(|l| required_agents(l, &targets)).collect();
    let many = required_agents_many(&loads, &targets);
    assert_eq!(per_interval, many, "required_agents_many must equal required_agents per interval");
    let agents: Vec<u32> = per_interval.iter().map(|s| s.agents).collect();

    let mut per_ms = Vec::with_capacity(repetitions);
    let mut many_ms = Vec::with_capacity(repetitions);
    for rep in 0..=repetitions {
        let t0 = now();
        let v: Vec<Staffing> = black_box(&loads).iter().map(|l| required_agents(l, black_box(&targets))).collect();
        black_box(v);
        let t1 = now();
        black_box(required_agents_many(black_box(&loads), black_box(&targets)));
        let t2 = now();
        if rep > 0 {
            per_ms.push(t1 - t0);
            many_ms.push(t2 - t1);
        }
    }

    YearRun {
        intervals: calls.len(),
        total_calls: calls.iter().map(|&c| c as u64).sum(),
        distinct_calls: distinct_calls(&calls),
        calls_checksum: year_checksum(&calls),
        agents_checksum: year_checksum(&agents),
        max_agents: agents.iter().copied().max().unwrap_or(0),
        repetitions,
        per_interval_ms: Spread::of(&per_ms),
        many_ms: Spread::of(&many_ms),
    }
}

//! Exports the benchmark year (`engine/benches/common/year_profile.rs`) with
//! callcalc's answer and timing, as JSON on stdout, for `scripts/bench_pyworkforce.py`
//! and `scripts/bench.sh`.
//!
//! ```text
//! cargo run -p callcalc-engine --profile bench --example year_intervals -- [--reps N] [--no-timing]
//! cargo run -p callcalc-engine --profile bench --example year_intervals -- --serve
//! ```
//!
//! Output keys: the year's parameters (`intervals`, `interval_s`, `aht_s`,
//! `sl_target`, `sl_threshold_s`, `seed`, `checksum` and `agents_checksum`
//! (FNV-1a fingerprints, also printed by `bench/wasm`), `distinct_calls`), `calls`
//! (offered calls per interval), `agents` (callcalc's required agents per
//! interval) and, unless `--no-timing`, `timing`: wall-clock milliseconds for the
//! whole year over `repetitions` runs (after one warm-up run) of
//! `required_agents` per interval (no dedup) and of `required_agents_many`
//! (identical loads solved once) — min, median and max.
//!
//! `--serve` is for interleaved comparisons (`scripts/bench_pyworkforce.py`): it
//! prints the year as above without `timing` on one line, runs one untimed
//! warm-up pass of each path, then for every line `time N` read on stdin (`N`
//! passes, 1 if omitted) times `N` consecutive passes of `required_agents` per
//! interval over the whole year, then `N` of `required_agents_many`, and answers
//! with one JSON line `{"passes": N, "required_agents_per_interval_ms": …,
//! "required_agents_many_ms": …}`: milliseconds per pass, the wall clock of the
//! `N` passes divided by `N` (the solve loop only: no process start, no year
//! generation, no I/O). A line it cannot read is answered with
//! `{"error": …}`. It exits at the end of stdin.

#[path = "../benches/common/year_profile.rs"]
mod year_profile;

use std::hint::black_box;
use std::io::{BufRead, Write};
use std::time::Instant;

use callcalc_engine::{required_agents, required_agents_many, Load, Staffing, Targets};
use serde_json::json;

use year_profile::*;

fn usage() -> ! {
    eprintln!("usage: year_intervals [--reps N] [--no-timing] | --serve");
    std::process::exit(2)
}

fn stats_ms(mut ms: Vec<f64>) -> serde_json::Value {
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 { ms[ms.len() / 2] } else { (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0 };
    json!({ "min": ms[0], "median": median, "max": ms[ms.len() - 1] })
}

fn main() {
    let mut reps = 15usize;
    let mut timing = true;
    let mut serve = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--reps" => reps = args.next().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or_else(|| usage()),
            "--no-timing" => timing = false,
            "--serve" => serve = true,
            _ => usage(),
        }
    }

    let calls = year_calls();
    let loads = year_loads(&calls);
    let targets = year_targets();

    let per_interval: Vec<Staffing> = loads.iter().map(|l| required_agents(l, &targets)).collect();
    let many = required_agents_many(&loads, &targets);
    assert_eq!(per_interval, many, "required_agents_many must equal required_agents per interval");
    let agents: Vec<u32> = per_interval.iter().map(|s| s.agents).collect();

    let mut out = json!({
        "intervals": calls.len(),
        "interval_s": INTERVAL_S,
        "aht_s": AHT_S,
        "sl_target": SL_TARGET,
        "sl_threshold_s": SL_THRESHOLD_S,
        "seed": format!("{SEED:#018x}"),
        "checksum": format!("{:#018x}", year_checksum(&calls)),
        "distinct_calls": distinct_calls(&calls),
        "total_calls": calls.iter().map(|&c| c as u64).sum::<u64>(),
        "zero_call_intervals": calls.iter().filter(|&&c| c == 0).count(),
        "agents_checksum": format!("{:#018x}", year_checksum(&agents)),
        "calls": calls,
        "agents": agents,
    });

    if serve {
        println!("{out}");
        serve_timings(&loads, &targets);
        return;
    }

    if timing {
        let mut per_ms = Vec::with_capacity(reps);
        let mut many_ms = Vec::with_capacity(reps);
        // Warm-up, then alternate the two so that drifting machine load hits both alike.
        time_per_interval(&loads, &targets, 1);
        time_many(&loads, &targets, 1);
        for _ in 0..reps {
            per_ms.push(time_per_interval(&loads, &targets, 1));
            many_ms.push(time_many(&loads, &targets, 1));
        }
        out["timing"] = json!({
            "repetitions": reps,
            "unit": "ms for the whole year",
            "required_agents_per_interval": stats_ms(per_ms),
            "required_agents_many": stats_ms(many_ms),
        });
    }
    println!("{out}");
}

/// Milliseconds per pass of `required_agents` per interval over the year, over `passes` consecutive passes.
fn time_per_interval(loads: &[Load], targets: &Targets, passes: u32) -> f64 {
    let t = Instant::now();
    for _ in 0..passes {
        let v: Vec<Staffing> = black_box(loads).iter().map(|l| required_agents(l, black_box(targets))).collect();
        black_box(v);
    }
    t.elapsed().as_secs_f64() * 1e3 / f64::from(passes)
}

/// Milliseconds per pass of `required_agents_many` over the year, over `passes` consecutive passes.
fn time_many(loads: &[Load], targets: &Targets, passes: u32) -> f64 {
    let t = Instant::now();
    for _ in 0..passes {
        black_box(required_agents_many(black_box(loads), black_box(targets)));
    }
    t.elapsed().as_secs_f64() * 1e3 / f64::from(passes)
}

/// The number of passes a `--serve` request asks for: `time` or `time N`, `N ≥ 1`.
fn parse_request(line: &str) -> Option<u32> {
    let mut words = line.split_whitespace();
    if words.next() != Some("time") {
        return None;
    }
    let passes = match words.next() {
        None => 1,
        Some(n) => n.parse().ok().filter(|&n| n > 0)?,
    };
    words.next().is_none().then_some(passes)
}

/// `--serve`: one warm-up pass of each path, then the timed passes each request
/// asks for, answered on stdout; returns at the end of stdin (or when stdout is
/// closed).
fn serve_timings(loads: &[Load], targets: &Targets) {
    time_per_interval(loads, targets, 1);
    time_many(loads, targets, 1);
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { return };
        let reply = match parse_request(&line) {
            Some(passes) => {
                let per = time_per_interval(loads, targets, passes);
                let many = time_many(loads, targets, passes);
                json!({ "passes": passes, "required_agents_per_interval_ms": per, "required_agents_many_ms": many })
            }
            None => json!({ "error": format!("expected `time` or `time N` (N ≥ 1), got {line:?}") }),
        };
        let mut out = stdout.lock();
        if writeln!(out, "{reply}").and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

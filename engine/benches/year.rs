//! Staffing a whole year of 15-minute intervals (35,040 of them) at 80 % in 20 s.
//!
//! The year is described in `common/year_profile.rs` (a deterministic daily
//! profile with weekday and seasonal factors and seeded Poisson-sized noise,
//! 0–400 calls per interval, AHT 240 s).
//!
//! - `required_agents_per_interval`: one `required_agents` call per interval,
//!   no deduplication — the cost of the Erlang C scan itself.
//! - `required_agents_many`: the batch API, which solves identical loads once.
//!
//! Both collect a `Vec<Staffing>` of 35,040 results; the loads are built (and
//! validated) once, outside the timed region. Goal: under 5 ms for the year.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p callcalc-engine --bench year
//! ```

#[path = "common/year_profile.rs"]
mod year_profile;

use std::hint::black_box;
use std::time::Duration;

use callcalc_engine::{required_agents, required_agents_many, Staffing};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use year_profile::*;

fn year(c: &mut Criterion) {
    let calls = year_calls();
    let loads = year_loads(&calls);
    let targets = year_targets();

    // Correctness before speed: both paths give the same answer for every interval.
    let per_interval: Vec<Staffing> = loads.iter().map(|l| required_agents(l, &targets)).collect();
    let many = required_agents_many(&loads, &targets);
    assert_eq!(per_interval, many);
    let max_agents = per_interval.iter().map(|s| s.agents).max().unwrap_or(0);
    eprintln!(
        "year: {} intervals, {} calls, {} distinct loads, {} zero-call intervals, max {} calls → max {} agents, checksum {:#018x}",
        calls.len(),
        calls.iter().map(|&c| c as u64).sum::<u64>(),
        distinct_calls(&calls),
        calls.iter().filter(|&&c| c == 0).count(),
        calls.iter().max().unwrap_or(&0),
        max_agents,
        year_checksum(&calls),
    );

    let mut g = c.benchmark_group("year_35040_intervals");
    g.throughput(Throughput::Elements(loads.len() as u64));
    g.sample_size(30);
    g.measurement_time(Duration::from_secs(6));
    g.bench_function("required_agents_per_interval", |b| {
        b.iter(|| black_box(&loads).iter().map(|l| required_agents(l, black_box(&targets))).collect::<Vec<Staffing>>())
    });
    g.bench_function("required_agents_many", |b| {
        b.iter(|| required_agents_many(black_box(&loads), black_box(&targets)))
    });
    g.finish();
}

criterion_group!(benches, year);
criterion_main!(benches);

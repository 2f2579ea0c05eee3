//! Erlang A staffing speed.
//!
//! - `erlang_a_year`: the year of `common/year_profile.rs` (35,040 15-minute
//!   intervals, 0–400 calls following a daily profile, AHT 240 s), staffed for
//!   80 % answered within 20 s (answered within T over offered) with Erlang A,
//!   mean patience 120 s. `erlang_a_required_agents_many` is the batch API
//!   (identical loads solved once, warm starts); `per_interval` solves each
//!   interval on its own from `N ≈ A` — the cost without any reuse.
//!   Goal: the year under 50 ms.
//! - `erlang_a_100k_erlangs`: one staffing solve at 100,000 Erlangs (AHT 240 s,
//!   patience 120 s, 80/20). Goal: under 50 ms.
//! - `simulation_default_budget`: one simulation with the default settings
//!   (20 replications, at most 2,000,000 events) of reference case xpub-x-06
//!   (12 agents, 18 lines, patience 120 s, redials r = 0.5 after 300 s) — the
//!   bounded work of a "check with a simulation" click.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-queue cargo bench -p callcalc-engine --bench queue_models
//! ```

#[path = "common/year_profile.rs"]
mod year_profile;

use std::hint::black_box;
use std::time::Duration;

use callcalc_engine::{
    erlang_a_required_agents_many, simulate, ErlangA, ErlangX, Load, QueueTargets, Redial, RedialSource,
    SimulationSpec, SlDefinition,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use year_profile::*;

const PATIENCE_S: f64 = 120.0;

fn targets() -> QueueTargets {
    QueueTargets::service_level(SlDefinition::AnsweredOverOffered, SL_TARGET).expect("80 % is a valid target")
}

fn year(c: &mut Criterion) {
    let calls = year_calls();
    let loads = year_loads(&calls);
    let t = targets();

    // Correctness before speed: the batch equals the one-by-one solves.
    let many = erlang_a_required_agents_many(&loads, PATIENCE_S, SL_THRESHOLD_S, &t).expect("valid inputs");
    let single: Vec<u32> = loads
        .iter()
        .map(|l| {
            let q = ErlangA::new(*l, PATIENCE_S, SL_THRESHOLD_S).expect("valid inputs");
            q.required_agents(&t).agents().expect("reachable")
        })
        .collect();
    let batch: Vec<u32> = many.iter().map(|s| s.agents().expect("reachable")).collect();
    assert_eq!(single, batch);
    eprintln!(
        "erlang A year: {} intervals, {} distinct loads, max {} agents, {} agent-intervals",
        loads.len(),
        distinct_calls(&calls),
        batch.iter().max().unwrap_or(&0),
        batch.iter().map(|&n| n as u64).sum::<u64>()
    );

    let mut g = c.benchmark_group("erlang_a_year_35040_intervals");
    g.throughput(Throughput::Elements(loads.len() as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("erlang_a_required_agents_many", |b| {
        b.iter(|| erlang_a_required_agents_many(black_box(&loads), PATIENCE_S, SL_THRESHOLD_S, black_box(&t)))
    });
    g.bench_function("per_interval", |b| {
        b.iter(|| {
            black_box(&loads)
                .iter()
                .map(|l| match ErlangA::new(*l, PATIENCE_S, SL_THRESHOLD_S) {
                    Ok(q) => q.required_agents(black_box(&t)).agents(),
                    Err(_) => None,
                })
                .collect::<Vec<Option<u32>>>()
        })
    });
    g.finish();
}

fn large(c: &mut Criterion) {
    // 100,000 Erlangs: 375,000 calls per 15 minutes at AHT 240 s.
    let load = Load::new(375_000.0, INTERVAL_S, AHT_S).expect("valid load");
    let q = ErlangA::new(load, PATIENCE_S, SL_THRESHOLD_S).expect("valid inputs");
    let t = targets();
    let s = q.required_agents(&t);
    let s = s.met().expect("reachable");
    eprintln!(
        "erlang A at {} Erl: {} agents (SL {:.6}, below {:.6}), {} evaluations",
        load.traffic().erlangs(),
        s.agents,
        s.kpis.sl_answered_within_t_over_offered.value,
        s.kpis_below.map_or(f64::NAN, |k| k.sl_answered_within_t_over_offered.value),
        s.evaluations
    );
    let mut g = c.benchmark_group("erlang_a_100k_erlangs");
    g.sample_size(20);
    g.bench_function("required_agents", |b| b.iter(|| black_box(&q).required_agents(black_box(&t))));
    g.bench_function("at_answer", |b| b.iter(|| black_box(&q).at(black_box(s.agents))));
    g.finish();
}

fn simulation(c: &mut Criterion) {
    let x = ErlangX::new(
        Load::new(120.0, 1800.0, 180.0).expect("valid load"),
        Some(18),
        Some(120.0),
        Redial::new(0.5, RedialSource::BlockedAndAbandoned).expect("valid redial"),
        20.0,
    )
    .expect("valid inputs");
    let spec = SimulationSpec::from_erlang_x(&x, 12);
    let r = simulate(spec.clone()).expect("valid spec");
    eprintln!(
        "simulation: {} events, {} attempts, budget exhausted: {}, P(abandon) {:.5} ± {:.5}",
        r.events, r.attempts, r.budget_exhausted, r.p_abandon.mean, r.p_abandon.half_width_95
    );
    let mut g = c.benchmark_group("simulation_default_budget");
    g.sample_size(10);
    g.bench_function("xpub_x_06", |b| b.iter(|| simulate(black_box(spec.clone()))));
    g.finish();
}

criterion_group!(benches, year, large, simulation);
criterion_main!(benches);

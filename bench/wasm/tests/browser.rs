//! The year benchmark in headless Chromium. It reports; it asserts nothing
//! about time (only that the two staffing paths agree, inside `run_year`).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo test -p callcalc-bench-wasm \
//!     --target wasm32-unknown-unknown --release -- --nocapture
//! ```
//!
//! The runner (`wasm-bindgen-test-runner` 0.2.130, set in `.cargo/config.toml`)
//! starts chromedriver from PATH. Lines starting with `wasm-year:` are the report
//! that `scripts/bench.sh` collects.

#![cfg(target_arch = "wasm32")]

use callcalc_bench_wasm::run_year;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Timed repetitions of each path (after one warm-up run).
const REPETITIONS: usize = 51;

#[wasm_bindgen_test]
fn year_of_intervals_in_the_browser() {
    let performance = web_sys::window().expect("a browser window").performance().expect("window.performance");
    let r = run_year(REPETITIONS, || performance.now());
    console_log!(
        "wasm-year: {} intervals, {} calls, {} distinct loads, max {} agents, calls checksum {:#018x}, agents checksum {:#018x}",
        r.intervals,
        r.total_calls,
        r.distinct_calls,
        r.max_agents,
        r.calls_checksum,
        r.agents_checksum
    );
    console_log!(
        "wasm-year: required_agents per interval: median {:.3} ms (min {:.3}, max {:.3}) over {} runs",
        r.per_interval_ms.median,
        r.per_interval_ms.min,
        r.per_interval_ms.max,
        r.repetitions
    );
    console_log!(
        "wasm-year: required_agents_many (dedup): median {:.3} ms (min {:.3}, max {:.3}) over {} runs",
        r.many_ms.median,
        r.many_ms.min,
        r.many_ms.max,
        r.repetitions
    );
}

#[wasm_bindgen_test]
fn forecast_page_year_and_shifts_in_the_browser() {
    let performance = web_sys::window().expect("a browser window").performance().expect("window.performance");
    let r = callcalc_bench_wasm::run_forecast(21, || performance.now());
    console_log!("wasm-forecast: demo year {} intervals (365 × 96), {} distinct loads", r.intervals, r.distinct_loads);
    console_log!(
        "wasm-forecast: re-staff the year after a target change, Erlang C: median {:.3} ms (min {:.3}, max {:.3}) over {} runs",
        r.erlang_c_ms.median,
        r.erlang_c_ms.min,
        r.erlang_c_ms.max,
        r.repetitions
    );
    console_log!(
        "wasm-forecast: re-staff the year after a target change, Erlang A: median {:.3} ms (min {:.3}, max {:.3}) over {} runs",
        r.erlang_a_ms.median,
        r.erlang_a_ms.min,
        r.erlang_a_ms.max,
        r.repetitions
    );
    console_log!(
        "wasm-forecast: the same, Erlang A by the reference path (every KPI at every candidate): median {:.3} ms (min {:.3}, max {:.3})",
        r.erlang_a_reference_ms.median,
        r.erlang_a_reference_ms.min,
        r.erlang_a_reference_ms.max
    );
    // Relative, so a busy machine does not fail it: the page's path beats the reference path in the same run.
    assert!(
        r.erlang_a_ms.median < r.erlang_a_reference_ms.median,
        "{:?} vs {:?}",
        r.erlang_a_ms,
        r.erlang_a_reference_ms
    );
    console_log!(
        "wasm-forecast: re-staff the year after a target change, Erlang X (patience 120 s, redial 20 %): median {:.3} ms (min {:.3}, max {:.3}) over {} runs",
        r.erlang_x_ms.median,
        r.erlang_x_ms.min,
        r.erlang_x_ms.max,
        r.repetitions.min(11)
    );
    console_log!(
        "wasm-forecast: the same, Erlang X by the reference path (required_agents per distinct load), one run: {:.1} ms",
        r.erlang_x_reference_ms
    );
    assert!(r.erlang_x_ms.median < r.erlang_x_reference_ms, "{:?} vs {}", r.erlang_x_ms, r.erlang_x_reference_ms);
    console_log!(
        "wasm-forecast: shift optimiser, {} intervals, {} templates: median {:.1} ms (min {:.1}, max {:.1}); {} agents, {} under, gap {:.3}",
        r.week_intervals,
        r.templates,
        r.shifts_ms.median,
        r.shifts_ms.min,
        r.shifts_ms.max,
        r.shift_agents,
        r.shift_under,
        r.shift_gap
    );
    assert_eq!(r.intervals, 35_040);
}

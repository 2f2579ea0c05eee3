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

// ---------------------------------------------------------------- forecast page

use callcalc_engine::{
    demo, import_bytes, optimise_shifts, staff_intervals, AggregateOptions, ImportOptions, IntervalHistory,
    IntervalModel, Load, ShiftKind, ShiftProblem, ShiftTemplate, Targets,
};
use callcalc_engine::{erlang_a_required_agents_many, ErlangX, QueueTargets, Redial, RedialSource, SlDefinition};

/// Slots of a day on the 15-minute grid.
const DAY_SLOTS: usize = 96;

/// The demo centre's year of interval reports (phone, chat, e-mail merged) as
/// loads on the full 96-slot day grid: 365 days × 96 = 35,040 intervals
/// (zero calls outside the 08:00–22:00 window), AHT per interval from the
/// report (the year's mean where an interval has none).
pub fn demo_year_loads() -> Vec<Load> {
    let files = demo::demo_files(&demo::DemoCentre::default());
    let agg = AggregateOptions::new(900, 20.0, 0.0).expect("valid settings");
    let mut opts = ImportOptions::new("demo-intervals.csv".to_string());
    opts.aggregate = agg;
    let imported = import_bytes(files.interval_report.as_bytes(), opts).expect("the demo imports");
    let cells = imported.interval_stats(agg).expect("an interval report").expect("aggregates");
    let h = IntervalHistory::from_interval_stats(&cells, 900).expect("a valid history");
    let (mut num, mut den) = (0.0, 0.0);
    for d in h.days() {
        for (v, a) in d.volumes.iter().zip(d.aht_s.as_ref().expect("AHT in the demo")) {
            if let Some(a) = a {
                num += v * a;
                den += v;
            }
        }
    }
    let mean_aht = num / den;
    let mut loads = Vec::with_capacity(365 * DAY_SLOTS);
    for d in h.days().iter().take(365) {
        for slot in 0..DAY_SLOTS {
            let k = slot as i64 - i64::from(h.first_slot());
            let (calls, aht) = if k >= 0 && (k as usize) < d.volumes.len() {
                let k = k as usize;
                (d.volumes[k], d.aht_s.as_ref().and_then(|a| a[k]).unwrap_or(mean_aht))
            } else {
                (0.0, mean_aht)
            };
            loads.push(Load::new(calls, 900.0, aht).expect("valid load"));
        }
    }
    loads
}

/// Timings of the forecast page's heavy steps.
#[derive(Debug, Clone)]
pub struct ForecastRun {
    pub intervals: usize,
    pub distinct_loads: usize,
    pub repetitions: usize,
    /// Erlang C, the year re-staffed after each change of SL target (80 → 90 → 80 …).
    pub erlang_c_ms: Spread,
    /// Erlang A (patience 120 s), the same (the page's path, `staff_intervals` → `erlang_a_staff_many`).
    pub erlang_a_ms: Spread,
    /// Erlang A by the reference path (`erlang_a_required_agents_many`: every KPI at every candidate), for comparison.
    pub erlang_a_reference_ms: Spread,
    /// Erlang X (patience 120 s, 20 % of abandoned callers redial), the page's path
    /// (`staff_intervals` → `erlang_x_staff_many`), alternating SL 80 / 90 %.
    pub erlang_x_ms: Spread,
    /// Erlang X by the reference path (`ErlangX::required_agents` once per distinct
    /// load, as the page did before), SL 80 %: one run (it is slow), ms.
    pub erlang_x_reference_ms: f64,
    pub week_intervals: usize,
    pub templates: usize,
    pub shift_agents: u64,
    pub shift_under: u64,
    pub shift_gap: f64,
    /// The shift optimiser on the first week's Erlang C requirement.
    pub shifts_ms: Spread,
}

/// 20 templates: 8-hour full-time shifts starting every 30 minutes 07:00–13:30
/// (14, 1 h unpaid break in the middle), 4-hour part-time shifts at
/// 08:00, 10:00, 12:00, 14:00, 16:00, 18:00 (6), each starting on every day of the week.
pub fn twenty_templates(days: u32) -> Vec<ShiftTemplate> {
    let mut t = Vec::new();
    let starts = |slot: u32, len: u32| -> Vec<u32> {
        (0..days)
            .map(|d| d * DAY_SLOTS as u32 + slot)
            .filter(|&s| (s + len) as usize <= days as usize * DAY_SLOTS)
            .collect()
    };
    for k in 0..14 {
        let slot = 28 + 2 * k;
        t.push(
            ShiftTemplate::new(
                format!("FT {slot}"),
                ShiftKind::FullTime,
                36,
                vec![16, 17, 18, 19],
                false,
                starts(slot, 36),
                None,
            )
            .expect("valid template"),
        );
    }
    for k in 0..6 {
        let slot = 32 + 8 * k;
        t.push(
            ShiftTemplate::new(format!("PT {slot}"), ShiftKind::PartTime, 16, vec![], false, starts(slot, 16), None)
                .expect("valid template"),
        );
    }
    t
}

/// Times the year's staffing after target changes (Erlang C, A and X; X's reference path once) and the
/// shift optimiser for a week.
pub fn run_forecast(repetitions: usize, mut now: impl FnMut() -> f64) -> ForecastRun {
    let loads = demo_year_loads();
    let mut keys: Vec<(u64, u64)> = loads.iter().map(|l| (l.calls().to_bits(), l.aht_s().to_bits())).collect();
    keys.sort_unstable();
    keys.dedup();
    let c = |sl| IntervalModel::ErlangC(Targets::service_level(sl, 20.0).expect("valid"));
    let a = |sl| IntervalModel::erlang_a(sl, 20.0, 120.0).expect("valid");
    let mut c_ms = Vec::new();
    let mut a_ms = Vec::new();
    let mut r_ms = Vec::new();
    for rep in 0..=repetitions {
        let sl = if rep % 2 == 0 { 0.8 } else { 0.9 };
        let t0 = now();
        black_box(staff_intervals(black_box(&loads), &c(sl)).expect("staffs"));
        let t1 = now();
        black_box(staff_intervals(black_box(&loads), &a(sl)).expect("staffs"));
        let t2 = now();
        let q = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl).expect("valid");
        black_box(erlang_a_required_agents_many(black_box(&loads), 120.0, 20.0, &q).expect("staffs"));
        let t3 = now();
        if rep > 0 {
            c_ms.push(t1 - t0);
            a_ms.push(t2 - t1);
            r_ms.push(t3 - t2);
        }
    }
    // Erlang X: the page's path, repeated; the reference path once, and both give the same agents.
    let x = |sl| IntervalModel::erlang_x(sl, 20.0, 120.0, 0.2).expect("valid");
    let mut x_ms = Vec::new();
    for rep in 0..=repetitions.min(11) {
        let sl = if rep % 2 == 0 { 0.8 } else { 0.9 };
        let t0 = now();
        black_box(staff_intervals(black_box(&loads), &x(sl)).expect("staffs"));
        if rep > 0 {
            x_ms.push(now() - t0);
        }
    }
    let fast: Vec<u32> = staff_intervals(&loads, &x(0.8)).expect("staffs").iter().map(|s| s.agents).collect();
    let q = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).expect("valid");
    let redial = Redial::new(0.2, RedialSource::AbandonedOnly).expect("valid");
    let t0 = now();
    let mut solved: std::collections::HashMap<(u64, u64), u32> = std::collections::HashMap::new();
    let reference: Vec<u32> = black_box(&loads)
        .iter()
        .map(|l| {
            *solved.entry((l.calls().to_bits(), l.aht_s().to_bits())).or_insert_with(|| {
                let x = ErlangX::new(*l, None, Some(120.0), redial, 20.0).expect("valid");
                x.required_agents(&q).agents().expect("met")
            })
        })
        .collect();
    let x_reference_ms = now() - t0;
    assert_eq!(fast, reference, "Erlang X: the page's path gives the reference path's agents");

    let week = &loads[..7 * DAY_SLOTS];
    let required: Vec<u32> = staff_intervals(week, &c(0.8)).expect("staffs").iter().map(|s| s.agents).collect();
    let templates = twenty_templates(7);
    let problem = ShiftProblem::new(900, required, templates.clone()).expect("valid problem");
    let mut s_ms = Vec::new();
    let mut plan = optimise_shifts(&problem);
    for _ in 0..repetitions.clamp(1, 11) {
        let t0 = now();
        plan = black_box(optimise_shifts(black_box(&problem)));
        s_ms.push(now() - t0);
    }
    ForecastRun {
        intervals: loads.len(),
        distinct_loads: keys.len(),
        repetitions,
        erlang_c_ms: Spread::of(&c_ms),
        erlang_a_ms: Spread::of(&a_ms),
        erlang_a_reference_ms: Spread::of(&r_ms),
        erlang_x_ms: Spread::of(&x_ms),
        erlang_x_reference_ms: x_reference_ms,
        week_intervals: week.len(),
        templates: templates.len(),
        shift_agents: plan.agents,
        shift_under: plan.under_total,
        shift_gap: plan.gap,
        shifts_ms: Spread::of(&s_ms),
    }
}

// ------------------------------------------------------------------ import

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use callcalc_engine::{civil_from_days, days_from_civil, ImportedData, Importer};

/// The system allocator, counting live bytes and their peak (so the import
/// benchmark can report the memory an import needs, not just what the wasm
/// memory grew to).
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Live heap bytes now.
pub fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Rows of the import benchmark.
pub const IMPORT_ROWS: usize = 1_000_000;

/// Days of demo records generated per block of [`million_cdr_rows_block`].
pub const BLOCK_DAYS: u32 = 40;

/// Block `k` of the import benchmark's file: the seeded demo generator's
/// call-detail records for [`BLOCK_DAYS`] days starting `k × BLOCK_DAYS`
/// days after the demo start, the header kept only in block 0. Generated in
/// blocks so the browser test can yield between them (a renderer blocked
/// for 30 s is killed by chromedriver).
pub fn million_cdr_rows_block(k: u32) -> String {
    let base = demo::DemoCentre::default();
    let (y, m, d) = base.start;
    let start = civil_from_days(days_from_civil(y, m, d) + i64::from(k * BLOCK_DAYS));
    let centre = demo::DemoCentre { start, seed: base.seed.wrapping_add(u64::from(k)), ..base };
    let text = demo::cdr_csv(&centre, BLOCK_DAYS);
    if k == 0 {
        text
    } else {
        text.split_once('\n').map(|(_, rows)| rows.to_string()).unwrap_or_default()
    }
}

/// Header plus exactly [`IMPORT_ROWS`] call-detail records from blocks of
/// the seeded demo generator (≈190 bytes a row), `next_block` called with
/// 0, 1, 2 … until there are enough rows.
pub fn million_cdr_rows_from(mut next_block: impl FnMut(u32) -> String) -> Vec<u8> {
    let mut text = String::new();
    let mut k = 0;
    while text.bytes().filter(|&b| b == b'\n').count() <= IMPORT_ROWS {
        text.push_str(&next_block(k));
        k += 1;
    }
    let end = text.match_indices('\n').nth(IMPORT_ROWS).map(|(i, _)| i + 1).expect("enough rows");
    text.truncate(end);
    // A file read by the browser arrives as exactly its bytes.
    let mut bytes = text.into_bytes();
    bytes.shrink_to_fit();
    bytes
}

/// [`million_cdr_rows_from`] the generator's blocks, in one call.
pub fn million_cdr_rows() -> Vec<u8> {
    million_cdr_rows_from(million_cdr_rows_block)
}

/// What one import of the million rows measured.
#[derive(Debug, Clone)]
pub struct ImportRun {
    pub rows: u64,
    pub file_bytes: usize,
    pub cells: usize,
    /// Chunk size fed to the importer, bytes.
    pub chunk: usize,
    /// Wall time of decoding check, parsing, validation and aggregation, ms.
    pub ms: f64,
    /// Peak live heap during the import, the file's bytes included.
    pub peak_bytes: usize,
}

/// Imports `bytes` (UTF-8) through [`Importer::feed`] in pieces of `chunk`
/// bytes (cut at character boundaries), as the page does between yields to
/// the browser; checks every row is kept and counted once.
pub fn run_import(bytes: &[u8], chunk: usize, mut now: impl FnMut() -> f64) -> ImportRun {
    let base = live_bytes();
    PEAK.store(base, Ordering::Relaxed);
    let t0 = now();
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut importer = Importer::new(ImportOptions::new("million.csv"));
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + chunk).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        importer.feed(&text[at..end]);
        at = end;
    }
    let out = importer.finish().expect("the demo file imports");
    let ms = now() - t0;
    let peak_bytes = PEAK.load(Ordering::Relaxed);
    let ImportedData::Cdr(cells) = &out.data else { panic!("not call records") };
    let offered: u64 = cells.iter().map(|c| c.offered).sum();
    assert_eq!(out.summary.kept, IMPORT_ROWS as u64);
    assert_eq!(out.summary.rejected, 0);
    assert_eq!(offered, out.summary.kept, "every record in exactly one interval");
    ImportRun { rows: out.summary.kept, file_bytes: bytes.len(), cells: cells.len(), chunk, ms, peak_bytes }
}

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

// ------------------------------------------------------------------ import

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use callcalc_engine::{demo, ImportOptions, ImportedData, Importer};

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

/// Header plus exactly [`IMPORT_ROWS`] call-detail records from the seeded
/// demo generator (as `engine/benches/import.rs`: ~135 bytes a row).
pub fn million_cdr_rows() -> Vec<u8> {
    let centre = demo::DemoCentre::default();
    let mut text = demo::cdr_csv(&centre, 560);
    let end = text.match_indices('\n').nth(IMPORT_ROWS).map(|(i, _)| i + 1).expect("the generator makes enough rows");
    text.truncate(end);
    // A file read by the browser arrives as exactly its bytes.
    let mut bytes = text.into_bytes();
    bytes.shrink_to_fit();
    bytes
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

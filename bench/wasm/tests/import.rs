//! Importing 1,000,000 call-detail records (~190 MB, the seeded demo
//! generator) in headless Chromium: parse, validate and aggregate into
//! 15-minute intervals through `Importer::feed` in 1 MiB pieces, as the page
//! does. Reports time and memory (peak live heap during the import, the file
//! included, and the wasm memory size); asserts the counts, not the time.
//!
//! ```text
//! WASM_BINDGEN_TEST_TIMEOUT=600 CARGO_TARGET_DIR=/work/target-import cargo test -p callcalc-bench-wasm \
//!     --target wasm32-unknown-unknown --release --test import -- --nocapture
//! ```
//! Lines starting with `wasm-import:` are the report.

#![cfg(target_arch = "wasm32")]

use callcalc_bench_wasm::{million_cdr_rows_block, million_cdr_rows_from, run_import, Spread, IMPORT_ROWS};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const MIB: f64 = 1024.0 * 1024.0;

fn wasm_memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65_536
}

/// Gives the browser (and the test runner polling it) a turn.
async fn yield_to_browser() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_million_call_records_in_the_browser() {
    let performance = web_sys::window().expect("a browser window").performance().expect("window.performance");
    let t0 = performance.now();
    // The generator's blocks, yielding between them (the same bytes as
    // `million_cdr_rows()`).
    let (mut blocks, mut lines) = (Vec::new(), 0);
    while lines <= IMPORT_ROWS {
        let block = million_cdr_rows_block(blocks.len() as u32);
        lines += block.bytes().filter(|&b| b == b'\n').count();
        blocks.push(block);
        yield_to_browser().await;
    }
    let bytes = million_cdr_rows_from(|k| std::mem::take(&mut blocks[k as usize]));
    let generated_ms = performance.now() - t0;
    yield_to_browser().await;
    let memory_before = wasm_memory_bytes();
    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(run_import(&bytes, 1 << 20, || performance.now()));
        yield_to_browser().await;
    }
    let memory_after = wasm_memory_bytes();
    let r = &runs[0];
    let ms = Spread::of(&runs.iter().map(|r| r.ms).collect::<Vec<_>>());
    let peak = runs.iter().map(|r| r.peak_bytes).max().unwrap_or(0);
    console_log!(
        "wasm-import: {} rows, {:.1} MiB file, {} interval cells, generated in {:.0} ms",
        r.rows,
        r.file_bytes as f64 / MIB,
        r.cells,
        generated_ms
    );
    console_log!(
        "wasm-import: parse + aggregate in 1 MiB pieces: median {:.0} ms (min {:.0}, max {:.0}) over {} runs",
        ms.median,
        ms.min,
        ms.max,
        runs.len()
    );
    console_log!(
        "wasm-import: peak live heap during an import (file included) {:.1} MiB = {:.2}x the file; wasm memory {:.1} MiB before the imports, {:.1} MiB after ({:.2}x the file)",
        peak as f64 / MIB,
        peak as f64 / r.file_bytes as f64,
        memory_before as f64 / MIB,
        memory_after as f64 / MIB,
        memory_after as f64 / r.file_bytes as f64
    );
}

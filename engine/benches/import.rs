//! Importing 1,000,000 call-detail records: decode check, CSV, cell parsing,
//! validation and aggregation into 15-minute intervals, in one pass.
//!
//! The records come from the demo generator (`demo::cdr_csv`, a 40-agent
//! phone/chat/e-mail centre, Russian ACD format: `;`, `dd.mm.yyyy hh:mm:ss`,
//! `hh:mm:ss` durations, Excel `="0100001"` ids, customer-side columns, ~187 bytes
//! per row), cut to
//! exactly 1,000,000 data rows. Generation is outside the timed region.
//!
//! - `cdr_1m_import_bytes`: `import_bytes` on the raw bytes (UTF-8 check,
//!   header detection, 1 MiB pieces, rows → `IntervalStats`).
//! - `cdr_1m_csv_only`: the CSV reader alone, for comparison.
//!
//! Goal: well under 5 s; aim < 1 s.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-import cargo bench -p callcalc-engine --bench import
//! ```

use std::hint::black_box;
use std::time::Duration;

use callcalc_engine::{demo, import_bytes, CsvReader, ImportOptions, ImportedData};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const ROWS: usize = 1_000_000;

fn million_rows() -> String {
    let centre = demo::DemoCentre::default();
    let text = demo::cdr_csv(&centre, 560);
    // Header + exactly ROWS records (every record is one line: no quoted breaks).
    let mut end = 0;
    for (n, (i, _)) in text.match_indices('\n').enumerate() {
        if n == ROWS {
            end = i + 1;
            break;
        }
    }
    assert!(end > 0, "the generator produced fewer than {ROWS} rows");
    text[..end].to_string()
}

fn import(c: &mut Criterion) {
    let text = million_rows();
    let bytes = text.as_bytes();

    // Correctness before speed.
    let out = import_bytes(bytes, ImportOptions::new("bench.csv")).expect("demo data imports");
    assert_eq!(out.summary.kept as usize, ROWS);
    assert_eq!(out.summary.rejected, 0);
    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    let offered: u64 = cells.iter().map(|c| c.offered).sum();
    assert_eq!(offered as usize, ROWS);
    eprintln!("import: {ROWS} rows, {} bytes, {} interval cells", bytes.len(), cells.len());

    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("cdr_1m_import_bytes", |b| {
        b.iter(|| {
            let out = import_bytes(black_box(bytes), ImportOptions::new("bench.csv")).expect("imports");
            black_box(out.summary.kept)
        })
    });
    g.bench_function("cdr_1m_csv_only", |b| {
        b.iter(|| {
            let mut fields = 0usize;
            let mut r = CsvReader::new(None);
            let mut sink = |rec: callcalc_engine::Record<'_>| fields += rec.len();
            r.feed(black_box(&text), &mut sink);
            r.finish(&mut sink);
            black_box(fields)
        })
    });
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);

//! Bytes → decode → CSV → header detection → typed rows → aggregation, fed
//! in pieces whose size the input chooses. Must never panic, and the row
//! accounting must add up.
//!
//! ```text
//! cargo +nightly fuzz run csv
//! ```
#![no_main]

use callcalc_engine::{decode, AggregateOptions, CsvReader, Delimiter, ImportOptions, Importer, Record};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else { return };
    let decoded = decode(bytes);
    let text = decoded.text.as_str();

    // Plain CSV reading with each delimiter, in pieces.
    let piece = usize::from(control % 31) + 1;
    for delim in [None, Some(Delimiter::Semicolon), Some(Delimiter::Comma), Some(Delimiter::Tab)] {
        let mut reader = CsvReader::new(delim);
        let mut rows = 0u64;
        let mut sink = |rec: Record<'_>| {
            rows += 1;
            assert_eq!(rec.row, rows);
            for i in 0..rec.len() {
                let _ = rec.cell(i);
            }
        };
        for chunk in pieces(text, piece) {
            reader.feed(chunk, &mut sink);
        }
        reader.finish(&mut sink);
    }

    // The whole importer, with the aggregation options the input picks.
    let mut opts = ImportOptions::new("fuzz.csv");
    let interval = [300, 900, 1800, 3600][usize::from(control >> 6)];
    if let Ok(a) = AggregateOptions::new(interval, f64::from(control & 31), f64::from(control & 7)) {
        opts.aggregate = a.split(control & 1 == 1, control & 2 == 2);
    }
    let mut imp = Importer::new(opts);
    for chunk in pieces(text, piece) {
        imp.feed(chunk);
    }
    if let Ok(out) = imp.finish() {
        let s = &out.summary;
        assert_eq!(s.rows_read, s.kept + s.rejected + s.totals_skipped + s.repeated_headers_skipped);
        assert_eq!(s.rejected as usize, out.rejected.len());
        let _ = out.interval_stats(AggregateOptions::default());
    }
});

/// `text` in pieces of about `n` bytes, split on character boundaries.
fn pieces(text: &str, n: usize) -> impl Iterator<Item = &str> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + n).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let s = &text[start..end];
        start = end;
        Some(s)
    })
}

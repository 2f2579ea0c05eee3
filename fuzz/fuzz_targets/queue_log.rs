//! Asterisk queue_log text → the importer (file form, fed in pieces the
//! input chooses, and whole through `import_bytes`). Must never panic, and
//! the row accounting must add up.
//!
//! ```text
//! cargo +nightly fuzz run queue_log
//! ```
#![no_main]

use callcalc_engine::{import_bytes, AggregateOptions, ImportOptions, Importer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else { return };
    // A first line that makes the text a queue log; the rest is the fuzzer's.
    let mut text = String::from("1709280000|1709280000.1|очередь|SIP/101|ENTERQUEUE||79161234567|1\n");
    text.push_str(&String::from_utf8_lossy(rest));
    let mut opts = ImportOptions::new("queue_log");
    opts.utc_offset_s = i32::from(control as i8) * 900;
    if control & 0x80 != 0 {
        opts.aggregate = AggregateOptions::default().split(true, true);
    }
    let whole = import_bytes(text.as_bytes(), opts.clone());
    let piece = usize::from(control % 29) + 1;
    let mut imp = Importer::new(opts);
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + piece).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        imp.feed(&text[start..end]);
        start = end;
    }
    let streamed = imp.finish();
    if let (Ok(w), Ok(s)) = (&whole, &streamed) {
        assert_eq!(w.summary.rows_read, s.summary.rows_read);
        assert_eq!(w.data, s.data);
        assert!(w.summary.kept + w.summary.rejected <= w.summary.rows_read);
    }
});

//! Every cell reader on arbitrary text: numbers, counts, percentages,
//! durations, dates, outcomes, channels, header labels. Must never panic;
//! what parses must be finite and non-negative where promised.
//!
//! ```text
//! cargo +nightly fuzz run cells
//! ```
#![no_main]

use callcalc_engine::{
    normalize_label, parse_count, parse_datetime_cell, parse_decimal, parse_duration_cell, parse_duration_s,
    parse_non_negative, parse_percent, parse_percent_cell, Channel, Outcome, MAX_COUNT,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for cell in std::iter::once(text.as_ref()).chain(text.split([';', '\n'])) {
        if let Ok(x) = parse_decimal("x", cell) {
            assert!(x.is_finite());
        }
        let _ = parse_percent("x", cell);
        if let Ok(x) = parse_duration_s("x", cell) {
            assert!(x >= 0.0);
        }
        if let Ok(x) = parse_duration_cell(cell) {
            assert!(x.is_finite() && x >= 0.0);
        }
        if let Ok(n) = parse_count(cell) {
            assert!(n <= MAX_COUNT);
        }
        if let Ok(x) = parse_percent_cell(cell) {
            assert!(x >= 0.0);
        }
        if let Ok(x) = parse_non_negative(cell) {
            assert!(x >= 0.0);
        }
        if let Ok(c) = parse_datetime_cell(cell) {
            assert!(c.second_of_day.is_none_or(|s| s < 86_400));
            let _ = c.timestamp().map(|t| t.to_string());
        }
        let _ = Outcome::parse(cell);
        let _ = Channel::parse(cell);
        let _ = normalize_label(cell);
    }
});

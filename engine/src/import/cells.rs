//! Cell readers for imported statistics, on top of [`crate::parse_decimal`]
//! and [`crate::parse_duration_s`]: counts, durations, percentages. They
//! return the [`Problem`] so the importer can name the column and row.

use super::csv::trim_cell;
use crate::error::Problem;
use crate::parse::{decimal_fast, parse_decimal, parse_duration_s};

/// Largest count accepted: 2^53, beyond which `f64` cannot hold every integer.
pub const MAX_COUNT: u64 = 1 << 53;

/// A count of contacts: a whole number ≥ 0, with optional thousands
/// separators (spaces, non-breaking spaces) and a zero decimal part (`12,0`).
///
/// ```
/// use callcalc_engine::{parse_count, Problem};
/// assert_eq!(parse_count("1 234"), Ok(1234));
/// assert_eq!(parse_count("12,0"), Ok(12));
/// assert_eq!(parse_count("12,5"), Err(Problem::NotInteger));
/// assert_eq!(parse_count("-1"), Err(Problem::Negative));
/// assert!(parse_count("двенадцать").is_err());
/// ```
pub fn parse_count(text: &str) -> Result<u64, Problem> {
    let t = trim_cell(text);
    // Fast path: plain ASCII digits.
    if !t.is_empty() && t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(t.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')));
    }
    let x = parse_decimal("count", t).map_err(|_| Problem::Unreadable { expected: "a whole number" })?;
    if x < 0.0 {
        return Err(Problem::Negative);
    }
    if x.fract() != 0.0 {
        return Err(Problem::NotInteger);
    }
    if x > MAX_COUNT as f64 {
        return Err(Problem::TooLarge { max: MAX_COUNT as f64 });
    }
    Ok(x as u64)
}

/// A duration in seconds: `hh:mm:ss`, `mm:ss`, `h:mm:ss,5` or plain seconds
/// (decimal comma allowed), ≥ 0. Hours may exceed 23 (`125:30:00` in agent
/// reports).
///
/// ```
/// use callcalc_engine::parse_duration_cell;
/// assert_eq!(parse_duration_cell("00:03:25"), Ok(205.0));
/// assert_eq!(parse_duration_cell("125:30:00"), Ok(451_800.0));
/// assert_eq!(parse_duration_cell("12,5"), Ok(12.5));
/// assert!(parse_duration_cell("3:75").is_err());
/// ```
pub fn parse_duration_cell(text: &str) -> Result<f64, Problem> {
    let t = trim_cell(text);
    if let Some(x) = duration_fast(t) {
        return Ok(x);
    }
    match parse_duration_s("duration", t) {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(Problem::NotFinite),
        Err(e) => Err(e.problem),
    }
}

/// `h…h:mm:ss` / `mm:ss` with whole seconds, without allocating.
fn duration_fast(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let mut total: u64 = 0;
    let mut part: u64 = 0;
    let mut part_len = 0usize;
    let mut parts = 1;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                part = part * 10 + u64::from(c - b'0');
                part_len += 1;
                if part_len > 9 {
                    return None;
                }
            }
            b':' => {
                if part_len == 0 || (parts > 1 && (part_len != 2 || part >= 60)) || i + 1 == b.len() {
                    return None;
                }
                total = total * 60 + part;
                part = 0;
                part_len = 0;
                parts += 1;
                if parts > 3 {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if parts == 1 || part_len != 2 || part >= 60 {
        return None;
    }
    Some((total * 60 + part) as f64)
}

/// A percentage cell: `85%`, `85,0 %`, `85` → 0.85 (a bare number is
/// percent, as in [`crate::parse_percent`]).
///
/// ```
/// use callcalc_engine::parse_percent_cell;
/// assert_eq!(parse_percent_cell("85,5 %"), Ok(0.855));
/// assert_eq!(parse_percent_cell("80"), Ok(0.8));
/// assert!(parse_percent_cell("-5%").is_err());
/// ```
pub fn parse_percent_cell(text: &str) -> Result<f64, Problem> {
    let t = text.trim().trim_end_matches('%').trim_end();
    let x = parse_decimal("percent", t).map_err(|_| Problem::Unreadable { expected: "a percentage" })?;
    if x < 0.0 {
        return Err(Problem::Negative);
    }
    Ok(x / 100.0)
}

/// A non-negative decimal number (agents staffed, averages as numbers).
pub fn parse_non_negative(text: &str) -> Result<f64, Problem> {
    let t = trim_cell(text);
    let x = match decimal_fast(t) {
        Some(x) => x,
        None => parse_decimal("number", t).map_err(|e| e.problem)?,
    };
    if x < 0.0 {
        Err(Problem::Negative)
    } else {
        Ok(x)
    }
}

/// A yes/no flag: `да/нет`, `так/ні`, `yes/no`, `y/n`, `true/false`,
/// `1/0`, `+/-` (any case).
///
/// ```
/// use callcalc_engine::parse_flag;
/// assert_eq!(parse_flag("Да"), Ok(true));
/// assert_eq!(parse_flag("0"), Ok(false));
/// assert!(parse_flag("может быть").is_err());
/// ```
pub fn parse_flag(text: &str) -> Result<bool, Problem> {
    let t = trim_cell(text).to_lowercase();
    match t.as_str() {
        "1" | "да" | "д" | "так" | "yes" | "y" | "true" | "+" | "истина" | "х" | "x" => Ok(true),
        "0" | "нет" | "н" | "ні" | "no" | "n" | "false" | "-" | "ложь" => Ok(false),
        _ => Err(Problem::Unreadable { expected: "yes or no (да/нет, 1/0)" }),
    }
}

/// A survey score: a number in `[min, max]` (CSAT 1–5, NPS 0–10 as a
/// whole number when `whole`).
///
/// ```
/// use callcalc_engine::parse_score;
/// assert_eq!(parse_score("4,5", 1.0, 5.0, false), Ok(4.5));
/// assert!(parse_score("11", 0.0, 10.0, true).is_err());
/// assert!(parse_score("7,5", 0.0, 10.0, true).is_err());
/// ```
pub fn parse_score(text: &str, min: f64, max: f64, whole: bool) -> Result<f64, Problem> {
    let t = trim_cell(text);
    let x = match decimal_fast(t) {
        Some(x) => x,
        None => parse_decimal("score", t).map_err(|e| e.problem)?,
    };
    if whole && x.fract() != 0.0 {
        return Err(Problem::NotInteger);
    }
    if !(min..=max).contains(&x) {
        return Err(Problem::OutOfRange { min, max, min_inclusive: true, max_inclusive: true });
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_duration_agrees_with_general_path() {
        for s in ["0:00", "00:00:00", "1:02:03", "59:59", "125:30:00", "00:03:25"] {
            assert_eq!(duration_fast(s), Some(parse_duration_s("d", s).unwrap()), "{s}");
        }
        for s in ["1:2", "1:60", ":10", "10:", "1:02:03:04", "12", "1:02,5"] {
            assert_eq!(duration_fast(s), None, "{s}");
        }
        assert_eq!(parse_duration_cell("1:02,5"), Ok(62.5));
        assert_eq!(
            parse_duration_cell("-3:10"),
            Err(Problem::Unreadable { expected: "a duration: seconds, mm:ss or hh:mm:ss" })
        );
        assert_eq!(parse_duration_cell("-3"), Err(Problem::Negative));
        assert_eq!(
            parse_duration_cell(""),
            Err(Problem::Unreadable { expected: "a duration: seconds, mm:ss or hh:mm:ss" })
        );
    }
}

//! Reading numbers and durations as people type them: decimal comma or point,
//! spaces (also non-breaking) as thousands separators, percentages,
//! `hh:mm:ss` / `mm:ss` / seconds. Used by the app's inputs and by importers.

use crate::error::{FieldError, Problem};

/// Reads a decimal number written with a comma or a point, with optional
/// spaces, non-breaking spaces or thin spaces between digit groups.
///
/// ```
/// use callcalc_engine::parse_decimal;
/// assert_eq!(parse_decimal("f", "3,5").unwrap(), 3.5);
/// assert_eq!(parse_decimal("f", "1\u{a0}234,5").unwrap(), 1234.5);
/// assert_eq!(parse_decimal("f", " -12.25 ").unwrap(), -12.25);
/// assert!(parse_decimal("f", "12,3,4").is_err());
/// assert!(parse_decimal("f", "").is_err());
/// ```
pub fn parse_decimal(field: &'static str, text: &str) -> Result<f64, FieldError> {
    if let Some(x) = decimal_fast(text.trim()) {
        return Ok(x);
    }
    let bad = || FieldError::new(field, text, Problem::Unreadable { expected: "a number" });
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() || cleaned.matches('.').count() > 1 {
        return Err(bad());
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')) {
        return Err(bad());
    }
    let x: f64 = cleaned.parse().map_err(|_| bad())?;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(FieldError::new(field, text, Problem::NotFinite))
    }
}

/// Reads a percentage: `85`, `85%`, `85,5 %` → 0.85, 0.855. A bare number is
/// taken as percent, as people type targets ("80" for 80%).
///
/// ```
/// use callcalc_engine::parse_percent;
/// assert_eq!(parse_percent("sl", "80").unwrap(), 0.8);
/// assert!((parse_percent("sl", "85,5 %").unwrap() - 0.855).abs() < 1e-15);
/// ```
pub fn parse_percent(field: &'static str, text: &str) -> Result<f64, FieldError> {
    let t = text.trim().trim_end_matches('%');
    parse_decimal(field, t)
        .map(|x| x / 100.0)
        .map_err(|_| FieldError::new(field, text, Problem::Unreadable { expected: "a percentage" }))
}

/// Reads a duration in seconds from `hh:mm:ss`, `mm:ss` or plain seconds
/// (decimal comma allowed).
///
/// ```
/// use callcalc_engine::parse_duration_s;
/// assert_eq!(parse_duration_s("aht", "3:10").unwrap(), 190.0);
/// assert_eq!(parse_duration_s("aht", "01:02:03").unwrap(), 3723.0);
/// assert_eq!(parse_duration_s("aht", "240,5").unwrap(), 240.5);
/// assert!(parse_duration_s("aht", "3:75").is_err());
/// assert!(parse_duration_s("aht", "-3:10").is_err());
/// ```
pub fn parse_duration_s(field: &'static str, text: &str) -> Result<f64, FieldError> {
    let bad =
        || FieldError::new(field, text, Problem::Unreadable { expected: "a duration: seconds, mm:ss or hh:mm:ss" });
    let t = text.trim();
    let parts = t.split(':').count();
    if parts == 1 {
        let x = parse_decimal(field, t).map_err(|_| bad())?;
        return if x < 0.0 { Err(FieldError::new(field, text, Problem::Negative)) } else { Ok(x) };
    }
    if parts > 3 {
        return Err(bad());
    }
    let mut total = 0.0;
    for (i, p) in t.split(':').enumerate() {
        let last = i == parts - 1;
        let p = p.trim();
        if p.is_empty() || (!last && !p.bytes().all(|c| c.is_ascii_digit())) {
            return Err(bad());
        }
        let v = parse_decimal(field, p).map_err(|_| bad())?;
        if v < 0.0 || (i > 0 && v >= 60.0) {
            return Err(bad());
        }
        total = total * 60.0 + v;
    }
    Ok(total)
}

/// Powers of ten that are exact in `f64` (10^0 … 10^22).
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Allocation-free reading of the common shape `[+-]digits[.,]digits` (no
/// group separators, no exponent, at most 15 significant digits). Returns
/// `None` for anything else, so the caller falls back to the general path.
///
/// The result is exactly what `str::parse::<f64>` gives: the mantissa `m <
/// 10^15 < 2^53` and `10^k` (k ≤ 22) are both exact in `f64`, and IEEE
/// division rounds their quotient correctly.
pub(crate) fn decimal_fast(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: u64 = 0;
    let mut n_digits = 0usize;
    let mut frac_digits: Option<usize> = None;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                n_digits += 1;
                if n_digits > 15 {
                    return None;
                }
                if let Some(k) = frac_digits.as_mut() {
                    *k += 1;
                }
            }
            b'.' | b',' if frac_digits.is_none() => frac_digits = Some(0),
            _ => return None,
        }
    }
    if n_digits == 0 {
        return None;
    }
    let k = frac_digits.unwrap_or(0);
    let x = mantissa as f64 / EXACT_POW10[k];
    Some(if neg { -x } else { x })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_std_parse() {
        for s in
            ["0", "-0", "+5", "5.", ".5", "3,5", "123456789012345", "0.00000000000001", "99999,99999", "1.1", "0,3"]
        {
            let std: f64 = s.replace(',', ".").parse().unwrap();
            let fast = decimal_fast(s).unwrap();
            assert_eq!(fast.to_bits(), std.to_bits(), "{s}");
        }
        for s in ["", "-", ".", "1,2,3", "1 234", "1e5", "1234567890123456", "12a"] {
            assert!(decimal_fast(s).is_none(), "{s}");
        }
    }
}

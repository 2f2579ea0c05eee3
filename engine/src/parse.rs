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
    let bad = || FieldError::new(field, text, Problem::Unreadable { expected: "a duration: seconds, mm:ss or hh:mm:ss" });
    let t = text.trim();
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() == 1 {
        let x = parse_decimal(field, t).map_err(|_| bad())?;
        return if x < 0.0 { Err(FieldError::new(field, text, Problem::Negative)) } else { Ok(x) };
    }
    if parts.len() > 3 {
        return Err(bad());
    }
    let mut total = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        let p = p.trim();
        if p.is_empty() || (!last && !p.chars().all(|c| c.is_ascii_digit())) {
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

//! Helpers shared by the forms: collecting every field error, optional
//! fields, whole numbers.

use callcalc_engine::{parse_decimal, FieldError, Problem};

/// The value, or `None` with the error recorded (so every bad field is reported).
pub fn keep<T>(errs: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errs.push(e)).ok()
}

/// The trimmed text, or `None` when the field was left empty.
pub fn optional(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty()).then_some(t)
}

/// A whole number in `[min, max]`, written as people type numbers.
pub fn whole(field: &'static str, text: &str, min: f64, max: f64) -> Result<u32, FieldError> {
    let x = parse_decimal(field, text)?;
    if x.fract() != 0.0 || !(min..=max).contains(&x) {
        return Err(FieldError::new(field, text, Problem::NotInteger));
    }
    Ok(x as u32)
}

/// `x` when `0 < x ≤ max`; else an out-of-range error for `field` that shows
/// the value as typed (`shown`) and the range as the user reads it,
/// `(0, shown_max]` (e.g. a percentage: `max` 1, `shown_max` 100).
pub fn positive_up_to(
    field: &'static str,
    x: f64,
    max: f64,
    shown: impl std::fmt::Display,
    shown_max: f64,
) -> Result<f64, FieldError> {
    if x > 0.0 && x <= max {
        Ok(x)
    } else {
        Err(FieldError::new(
            field,
            shown,
            Problem::OutOfRange { min: 0.0, max: shown_max, min_inclusive: false, max_inclusive: true },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_in_range_only() {
        assert_eq!(whole("n", "12", 0.0, 100.0).unwrap(), 12);
        assert_eq!(whole("n", "2,5", 0.0, 100.0).unwrap_err().problem, Problem::NotInteger);
        assert_eq!(whole("n", "0", 1.0, 100.0).unwrap_err().field, "n");
        assert_eq!(optional("  "), None);
        let mut errs = Vec::new();
        assert_eq!(keep(&mut errs, whole("n", "x", 0.0, 1.0)), None);
        assert_eq!(errs.len(), 1);
        assert_eq!(positive_up_to("p", 0.5, 1.0, "50", 100.0).unwrap(), 0.5);
        let e = positive_up_to("p", 0.0, 1.0, "0", 100.0).unwrap_err();
        assert_eq!((e.field, e.value.as_str()), ("p", "0"));
        assert!(matches!(e.problem, Problem::OutOfRange { max, .. } if max == 100.0));
        assert!(positive_up_to("p", 1.2, 1.0, "120", 100.0).is_err());
    }
}

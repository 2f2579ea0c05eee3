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
    }
}

//! Validation errors. Every constructor in the engine validates its inputs once
//! and returns a [`FieldError`] naming the offending field; after that, methods
//! cannot fail.

use core::fmt;

/// What is wrong with a field's value. The app translates these; `Display`
/// gives the English text used by the CLI.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not a finite number (NaN or infinite).
    NotFinite,
    /// Must be strictly greater than zero.
    NotPositive,
    /// Must be zero or more.
    Negative,
    /// Must lie in `[min, max]` (both inclusive unless stated by the bound flags).
    OutOfRange { min: f64, max: f64, min_inclusive: bool, max_inclusive: bool },
    /// Must be a whole number.
    NotInteger,
    /// Text that could not be read as the expected kind of value.
    Unreadable { expected: &'static str },
    /// A value is too large for the engine to handle meaningfully.
    TooLarge { max: f64 },
}

/// A rejected input: which field, what value, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// Machine name of the field (`"aht_s"`, `"calls"`, `"shrinkage"` …); the app
    /// uses it to place the message next to the right input.
    pub field: &'static str,
    /// The rejected value, as given.
    pub value: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, value: impl fmt::Display, problem: Problem) -> Self {
        FieldError { field, value: value.to_string(), problem }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotFinite => write!(f, "must be a finite number"),
            Problem::NotPositive => write!(f, "must be greater than 0"),
            Problem::Negative => write!(f, "must not be negative"),
            Problem::OutOfRange { min, max, min_inclusive, max_inclusive } => write!(
                f,
                "must be {} {} and {} {}",
                if *min_inclusive { "at least" } else { "above" },
                min,
                if *max_inclusive { "at most" } else { "below" },
                max
            ),
            Problem::NotInteger => write!(f, "must be a whole number"),
            Problem::Unreadable { expected } => write!(f, "expected {expected}"),
            Problem::TooLarge { max } => write!(f, "must be at most {max}"),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?} {}", self.field, self.value, self.problem)
    }
}

impl std::error::Error for FieldError {}

/// `x` finite and > 0.
pub(crate) fn positive(field: &'static str, x: f64) -> Result<f64, FieldError> {
    if !x.is_finite() {
        Err(FieldError::new(field, x, Problem::NotFinite))
    } else if x <= 0.0 {
        Err(FieldError::new(field, x, Problem::NotPositive))
    } else {
        Ok(x)
    }
}

/// `x` finite and >= 0.
pub(crate) fn non_negative(field: &'static str, x: f64) -> Result<f64, FieldError> {
    if !x.is_finite() {
        Err(FieldError::new(field, x, Problem::NotFinite))
    } else if x < 0.0 {
        Err(FieldError::new(field, x, Problem::Negative))
    } else {
        Ok(x)
    }
}

/// `x` in `[min, max)` or `[min, max]` etc., as the flags say.
pub(crate) fn in_range(
    field: &'static str,
    x: f64,
    min: f64,
    max: f64,
    min_inclusive: bool,
    max_inclusive: bool,
) -> Result<f64, FieldError> {
    if !x.is_finite() {
        return Err(FieldError::new(field, x, Problem::NotFinite));
    }
    let lo_ok = if min_inclusive { x >= min } else { x > min };
    let hi_ok = if max_inclusive { x <= max } else { x < max };
    if lo_ok && hi_ok {
        Ok(x)
    } else {
        Err(FieldError::new(field, x, Problem::OutOfRange { min, max, min_inclusive, max_inclusive }))
    }
}

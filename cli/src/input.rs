//! Reading case inputs: JSON numbers or decimal strings, with located errors.

use serde_json::{Map, Value};

/// The inputs of one case, with the case id for messages.
pub struct Inputs<'a> {
    pub id: &'a str,
    pub map: &'a Map<String, Value>,
}

impl<'a> Inputs<'a> {
    /// A required number (JSON number or decimal string).
    pub fn num(&self, key: &str) -> Result<f64, String> {
        self.opt_num(key)?.ok_or_else(|| format!("case {}: input {key:?} is missing", self.id))
    }

    /// An optional number; `null` or absent gives `None`.
    pub fn opt_num(&self, key: &str) -> Result<Option<f64>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => {
                n.as_f64().map(Some).ok_or_else(|| format!("case {}: input {key:?} is not a finite number", self.id))
            }
            Some(Value::String(s)) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("case {}: input {key:?} = {s:?} is not a decimal number", self.id)),
            Some(other) => Err(format!("case {}: input {key:?} = {other} is not a number", self.id)),
        }
    }

    /// A required whole number ≥ 0 that fits in u32.
    pub fn count(&self, key: &str) -> Result<u32, String> {
        let x = self.num(key)?;
        self.to_count(key, x)
    }

    /// An optional whole number ≥ 0 (`null` = none).
    #[allow(dead_code)] // used by the queue-model cases
    pub fn opt_count(&self, key: &str) -> Result<Option<u32>, String> {
        self.opt_num(key)?.map(|x| self.to_count(key, x)).transpose()
    }

    fn to_count(&self, key: &str, x: f64) -> Result<u32, String> {
        if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
            Ok(x as u32)
        } else {
            Err(format!("case {}: input {key:?} = {x} is not a whole number of 0 or more", self.id))
        }
    }
}

/// A JSON number, or `null` for NaN/infinite values (JSON has no such numbers).
pub fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map(Value::Number).unwrap_or(Value::Null)
}

/// An optional number: `null` when `None`.
pub fn opt(x: Option<f64>) -> Value {
    x.map(num).unwrap_or(Value::Null)
}

/// `15m`, `1h`, `900s`, `900` → seconds.
pub fn parse_interval(s: &str) -> Result<u32, String> {
    let t = s.trim().to_ascii_lowercase();
    let (digits, mult) = if let Some(x) = t.strip_suffix("min") {
        (x, 60)
    } else if let Some(x) = t.strip_suffix('m') {
        (x, 60)
    } else if let Some(x) = t.strip_suffix('h') {
        (x, 3600)
    } else if let Some(x) = t.strip_suffix('s') {
        (x, 1)
    } else {
        (t.as_str(), 1)
    };
    digits
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("--interval: {s:?} is not a duration such as 15m, 1h or 900s"))
}

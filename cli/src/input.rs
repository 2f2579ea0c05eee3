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

/// `--utc-offset`: `+03:00`, `-05:00`, `+0530`, `+3`, `0`, `UTC` → seconds
/// east of UTC (local time − UTC), within ±14 h.
pub fn parse_utc_offset(s: &str) -> Result<i32, String> {
    let bad = || format!("--utc-offset: {s:?} is not an offset such as +03:00 or -05:00");
    let t = s.trim();
    if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") || t == "0" {
        return Ok(0);
    }
    let t = t.strip_prefix("UTC").or_else(|| t.strip_prefix("utc")).unwrap_or(t);
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let h: i32 = h.parse().map_err(|_| bad())?;
    let m: i32 = m.parse().map_err(|_| bad())?;
    if !(0..=14).contains(&h) || !(0..60).contains(&m) || (h == 14 && m > 0) {
        return Err(bad());
    }
    Ok(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod utc_offset_tests {
    use super::parse_utc_offset;

    #[test]
    fn offsets() {
        assert_eq!(parse_utc_offset("+03:00"), Ok(10_800));
        assert_eq!(parse_utc_offset("-05:00"), Ok(-18_000));
        assert_eq!(parse_utc_offset("+0530"), Ok(19_800));
        assert_eq!(parse_utc_offset("+3"), Ok(10_800));
        assert_eq!(parse_utc_offset("UTC+02:00"), Ok(7_200));
        assert_eq!(parse_utc_offset("UTC"), Ok(0));
        assert!(parse_utc_offset("03:00").is_err());
        assert!(parse_utc_offset("+15:00").is_err());
        assert!(parse_utc_offset("+03:75").is_err());
        assert!(parse_utc_offset("+Я").is_err());
    }
}

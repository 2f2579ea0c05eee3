//! The browser's localStorage, behind a small versioned text format.
//!
//! Each record is `"<kind> v<version>\n"` followed by `key=value` lines
//! (values escaped: `\\`, `\n`). A record of another version, or one that does
//! not parse, is reported as [`Loaded::Discarded`] so the page can say so and
//! start from defaults — never a blank page. Storage being unavailable
//! (private mode, quota) is not an error: the app then simply forgets.

use std::collections::BTreeMap;

/// Outcome of reading a record.
#[derive(Debug, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// A record of this kind and version.
    Found(BTreeMap<String, String>),
    /// Something was stored but is corrupt or of another version; ignored.
    Discarded,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read_raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn write_raw(key: &str, value: &str) {
    if let Some(s) = storage() {
        // Quota or privacy errors: the app keeps working without persistence.
        let _ = s.set_item(key, value);
    }
}

/// Serialises a record.
pub fn encode(kind: &str, version: u32, fields: &[(&str, &str)]) -> String {
    let mut out = format!("{kind} v{version}\n");
    for (k, v) in fields {
        out.push_str(k);
        out.push('=');
        out.push_str(&v.replace('\\', "\\\\").replace('\n', "\\n"));
        out.push('\n');
    }
    out
}

/// Parses a record of `kind` at `version`.
pub fn decode(text: &str, kind: &str, version: u32) -> Loaded {
    let mut lines = text.split('\n');
    if lines.next() != Some(&format!("{kind} v{version}")) {
        return Loaded::Discarded;
    }
    let mut map = BTreeMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let Some((k, v)) = line.split_once('=') else {
            return Loaded::Discarded;
        };
        let mut val = String::with_capacity(v.len());
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => val.push('\n'),
                    Some('\\') => val.push('\\'),
                    _ => return Loaded::Discarded,
                }
            } else {
                val.push(c);
            }
        }
        map.insert(k.to_string(), val);
    }
    Loaded::Found(map)
}

/// The record under `key` decoded by `decode`: `(value, discarded)`, where
/// `discarded` says something was stored but could not be used (the default
/// is returned then, and also when nothing is stored).
pub fn load_or_default<T: Default>(key: &str, decode: impl FnOnce(&str) -> Option<T>) -> (T, bool) {
    match read_raw(key) {
        None => (T::default(), false),
        Some(text) => match decode(&text) {
            Some(v) => (v, false),
            None => (T::default(), true),
        },
    }
}

/// Reads and decodes the record stored under `key`.
pub fn load(key: &str, kind: &str, version: u32) -> Loaded {
    match read_raw(key) {
        None => Loaded::Empty,
        Some(text) => decode(&text, kind, version),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_awkward_values() {
        let text = encode("staffing", 1, &[("aht", "3:10"), ("note", "a=b\\c\nd")]);
        let Loaded::Found(m) = decode(&text, "staffing", 1) else { panic!("not found") };
        assert_eq!(m["aht"], "3:10");
        assert_eq!(m["note"], "a=b\\c\nd");
    }

    #[test]
    fn other_versions_and_garbage_are_discarded() {
        let text = encode("staffing", 1, &[("aht", "180")]);
        assert_eq!(decode(&text, "staffing", 2), Loaded::Discarded);
        assert_eq!(decode("{\"json\": true}", "staffing", 1), Loaded::Discarded);
        assert_eq!(decode("staffing v1\nno-equals-sign\n", "staffing", 1), Loaded::Discarded);
    }
}

//! Reference cases and their tolerances, in one place.
//!
//! The reference files live in the repository, `testdata/reference/` (copied
//! from the project's reference material; provenance in `testdata/README.md`;
//! another folder with the same layout can be given with `CALLCALC_TESTDATA`).
//! They were computed independently at 50 significant digits.

#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Relative tolerance for probabilities, times and traffic (the reference
/// files' suggested tolerance).
pub const REL_PROB: f64 = 1e-9;
/// Values below this are "underflows to 0 in f64" (reference conventions).
pub const UNDERFLOW: f64 = 1e-300;

pub fn testdata_dir() -> PathBuf {
    match std::env::var_os("CALLCALC_TESTDATA") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata"),
    }
}

pub fn reference_file(name: &str) -> PathBuf {
    let p = testdata_dir().join("reference").join(name);
    assert!(p.exists(), "reference file {} is missing from the repository's testdata/", p.display());
    p
}

pub fn load_json(path: &PathBuf) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `callcalc cases FILE` and returns its JSON output.
pub fn run_cases(path: &PathBuf) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_callcalc")).arg("cases").arg(path).output().expect("run callcalc");
    assert!(out.status.success(), "callcalc cases failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("callcalc prints JSON")
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Compares one output against its expected value; returns a message on mismatch.
/// Integers (JSON integers in `expected`) must match exactly; decimal strings to
/// [`REL_PROB`] relative; `null` and booleans exactly; descriptive strings
/// (rules, notes) are not compared.
pub fn compare(id: &str, key: &str, expected: &Value, got: Option<&Value>) -> Option<String> {
    let optional = key.ends_with("_one_minus");
    let got = match got {
        Some(g) => g,
        None if optional => return None,
        None => return Some(format!("{id}.{key}: missing (expected {expected})")),
    };
    match expected {
        Value::Null => (!got.is_null()).then(|| format!("{id}.{key}: expected null, got {got}")),
        Value::Bool(b) => (got.as_bool() != Some(*b)).then(|| format!("{id}.{key}: expected {b}, got {got}")),
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            (as_f64(got) != n.as_f64()).then(|| format!("{id}.{key}: expected exactly {n}, got {got}"))
        }
        Value::String(s) if s.parse::<f64>().is_err() => None,
        _ => {
            let e = as_f64(expected)?;
            let g = match as_f64(got) {
                Some(g) => g,
                None => return Some(format!("{id}.{key}: expected {e}, got {got}")),
            };
            if e.abs() < UNDERFLOW && g.abs() < UNDERFLOW {
                return None;
            }
            let rel = (g - e).abs() / e.abs().max(UNDERFLOW);
            (rel > REL_PROB)
                .then(|| format!("{id}.{key}: expected {e}, got {g} (relative error {rel:.2e} > {REL_PROB:e})"))
        }
    }
}

/// Checks every case of `file` whose model is in `models`; returns how many
/// cases were checked. Panics listing every mismatch.
pub fn check_models(file: &str, models: &[&str]) -> usize {
    let path = reference_file(file);
    let doc = load_json(&path);
    let got = run_cases(&path);
    let got = got.as_array().expect("array");
    let mut problems = Vec::new();
    let mut checked = 0;
    for (case, out) in doc["cases"].as_array().expect("cases").iter().zip(got) {
        let model = case["model"].as_str().unwrap_or("");
        if !models.contains(&model) {
            continue;
        }
        let id = case["id"].as_str().unwrap_or("?");
        assert_eq!(out["id"].as_str(), Some(id), "outputs are in input order");
        let Some(outputs) = out.get("outputs") else {
            problems.push(format!("{id}: no outputs: {}", out["error"]));
            continue;
        };
        checked += 1;
        for (key, expected) in case["expected"].as_object().expect("expected") {
            if let Some(p) = compare(id, key, expected, outputs.get(key)) {
                problems.push(p);
            }
        }
    }
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
    checked
}

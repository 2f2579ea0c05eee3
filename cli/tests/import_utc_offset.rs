//! `callcalc import --utc-offset`: Unix times of an Asterisk queue_log
//! shifted to local intervals; the recognised format is named.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn run(args: &[&str]) -> (bool, Value, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/vendor/queue_log");
    let out =
        Command::new(env!("CARGO_BIN_EXE_callcalc")).arg("import").arg(path).args(args).output().expect("run callcalc");
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.success(), doc, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn queue_log_with_utc_offset() {
    let (ok, doc, stderr) = run(&["--utc-offset", "+03:00", "--by-queue"]);
    assert!(ok, "{stderr}");
    assert_eq!(doc["format"], "Asterisk queue_log");
    let first = &doc["intervals"][0];
    assert_eq!(first["interval_start"], "2024-03-01T11:00:00");
    // The damaged lines are located on stderr.
    assert!(stderr.contains("row 32"), "{stderr}");
    let (ok, doc, _) = run(&[]);
    assert!(ok);
    assert_eq!(doc["intervals"][0]["interval_start"], "2024-03-01T08:00:00");
}

#[test]
fn bad_utc_offset_is_refused() {
    let (ok, _, stderr) = run(&["--utc-offset", "03:00"]);
    assert!(!ok);
    assert!(stderr.contains("--utc-offset"), "{stderr}");
}

//! `callcalc import FILE`: JSON intervals on stdout, rejected rows with their
//! locations on stderr, for the engine's import fixtures.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/import").join(name)
}

fn callcalc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callcalc")).args(args).output().expect("run callcalc")
}

fn import_ok(args: &[&str]) -> (Value, String) {
    let out = callcalc(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "callcalc {args:?} failed: {stderr}");
    (serde_json::from_slice(&out.stdout).expect("stdout is JSON"), stderr)
}

#[test]
fn cdr_in_windows_1251_prints_intervals_and_rejected_rows() {
    let path = fixture("cdr_ru_cp1251.csv");
    let (doc, stderr) =
        import_ok(&["import", path.to_str().unwrap(), "--interval", "15m", "--threshold", "20", "--merge-queues"]);
    assert_eq!(doc["encoding"], "windows-1251");
    assert_eq!(doc["kind"], "cdr");
    assert_eq!(doc["interval_s"], 900);
    assert_eq!(doc["summary"]["kept"], 7);
    assert_eq!(doc["summary"]["rejected"], 3);
    assert_eq!(doc["summary"]["totals_skipped"], 1);
    let iv = doc["intervals"].as_array().unwrap();
    assert_eq!(iv.len(), 2);
    let a = &iv[0];
    assert_eq!(a["interval_start"], "2024-03-01T08:00:00");
    assert_eq!((a["offered"].as_u64(), a["answered"].as_u64(), a["abandoned"].as_u64()), (Some(4), Some(3), Some(1)));
    assert_eq!(a["answered_within_t"], 2);
    assert_eq!(a["aht_s"], 270.0);
    assert_eq!(a["asa_s"], 14.0);
    assert_eq!(a["mean_patience_s"], 107.0);
    for k in ["sl_abandons_ignored", "sl_abandons_negative", "sl_abandons_positive"] {
        assert_eq!(a[k], 0.5, "{k}");
    }
    let b = &iv[1];
    assert_eq!(b["blocked"], 1);
    assert_eq!(b["short_abandoned"], 1);
    assert!((b["sl_abandons_positive"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-15);
    assert_eq!(doc["total"]["offered"], 7);
    assert_eq!(doc["mapping"]["outcome"]["label"], "Результат");

    assert!(
        stderr.contains("rejected: cdr_ru_cp1251.csv: row 8 (line 9), column «Дата и время поступления»"),
        "{stderr}"
    );
    assert!(stderr.contains("row 9 (line 10), column «Результат» (outcome): \"Переведён\""), "{stderr}");
    assert!(stderr.contains("row 11 (line 12), column «Разговор»"), "{stderr}");
    assert!(stderr.contains("skipped (totals): cdr_ru_cp1251.csv: row 12 (line 13): Всего: 10"), "{stderr}");
}

#[test]
fn intervals_are_per_queue_when_the_data_has_queues() {
    let path = fixture("cdr_ru_cp1251.csv");
    let (split, _) = import_ok(&["import", path.to_str().unwrap(), "--interval", "15m"]);
    let (merged, _) = import_ok(&["import", path.to_str().unwrap(), "--interval", "15m", "--merge-queues"]);
    let split = split["intervals"].as_array().unwrap().clone();
    let merged = merged["intervals"].as_array().unwrap().clone();
    assert!(split.len() > merged.len(), "the fixture has several queues in one interval");
    assert!(split.iter().all(|c| c["queue"].is_string()), "a queue on each interval");
    assert!(merged.iter().all(|c| c["queue"].is_null()));
    // The queues of an interval add up to the merged interval.
    for m in &merged {
        let start = &m["interval_start"];
        for k in ["offered", "answered", "abandoned"] {
            let sum: u64 =
                split.iter().filter(|c| &c["interval_start"] == start).map(|c| c[k].as_u64().unwrap_or(0)).sum();
            assert_eq!(Some(sum), m[k].as_u64(), "{start} {k}");
        }
    }
}

#[test]
fn hourly_split_by_channel() {
    let path = fixture("cdr_ru_cp1251.csv");
    let (doc, _) = import_ok(&["import", path.to_str().unwrap(), "--interval", "1h", "--by-channel"]);
    let chans: Vec<&str> =
        doc["intervals"].as_array().unwrap().iter().map(|c| c["channel"].as_str().unwrap()).collect();
    assert_eq!(chans, ["phone", "email", "chat"]);
}

#[test]
fn interval_report_keeps_its_own_interval_and_refuses_to_split_it() {
    let path = fixture("interval_en_comma.csv");
    let (doc, stderr) = import_ok(&["import", path.to_str().unwrap(), "--merge-queues"]);
    assert_eq!(doc["kind"], "interval_report");
    assert_eq!(doc["interval_s"], 1800);
    assert_eq!(doc["threshold_s"], 20.0);
    assert_eq!(doc["intervals"][0]["offered"], 1254);
    assert_eq!(doc["intervals"][0]["mean_patience_s"], Value::Null);
    assert!(
        stderr.contains("rejected: interval_en_comma.csv: row 5 (line 5), column «Offered» (offered): \"abc\""),
        "{stderr}"
    );

    let out = callcalc(&["import", path.to_str().unwrap(), "--interval", "15m"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("1800-second intervals"));
}

#[test]
fn agent_report_in_utf16() {
    let path = fixture("agents_ru_utf16le.txt");
    let (doc, stderr) = import_ok(&["import", path.to_str().unwrap()]);
    assert_eq!(doc["encoding"], "utf-16le");
    assert_eq!(doc["delimiter"], "tab");
    let agents = doc["agents"].as_array().unwrap();
    assert_eq!(agents.len(), 2);
    assert_eq!(agents[1]["agent"], "Петров И.И.");
    assert_eq!(agents[1]["not_ready_by_reason_s"]["Перерыв"], 8070.0);
    assert_eq!(agents[1]["contacts_by_channel"]["chat"], 12);
    assert!(stderr.contains("column «Время / Доступен»"), "{stderr}");
}

#[test]
fn demo_month_round_trips_through_the_cli() {
    let centre = callcalc_engine::demo::DemoCentre { start: (2024, 3, 1), ..Default::default() };
    let dir = std::env::temp_dir().join(format!("callcalc-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("demo_cdr.csv");
    std::fs::write(&path, callcalc_engine::demo::cdr_csv(&centre, 3)).unwrap();
    let (doc, _) = import_ok(&["import", path.to_str().unwrap(), "--interval", "30m"]);
    assert_eq!(doc["summary"]["rejected"], 0);
    let offered: u64 = doc["intervals"].as_array().unwrap().iter().map(|c| c["offered"].as_u64().unwrap()).sum();
    assert_eq!(Some(offered), doc["summary"]["kept"].as_u64());
    assert!(doc["intervals"].as_array().unwrap().iter().all(|c| c["interval_start"]
        .as_str()
        .unwrap()
        .ends_with(":00:00")
        || c["interval_start"].as_str().unwrap().ends_with(":30:00")));
}

#[test]
fn errors_are_reported_not_panics() {
    let out = callcalc(&["import"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing FILE"));

    let out = callcalc(&["import", "/nonexistent/file.csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));

    let dir = std::env::temp_dir().join(format!("callcalc-import-e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unknown.csv");
    std::fs::write(&path, "foo;bar\n1;2\n").unwrap();
    let out = callcalc(&["import", path.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no header row"));

    let out = callcalc(&["import", path.to_str().unwrap(), "--interval", "7m"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("interval"));
}

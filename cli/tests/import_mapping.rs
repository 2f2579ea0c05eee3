//! `callcalc import` with a value mapping: `--column`, `--value`,
//! `--exclude`, `--kind` and `--mapping FILE` on the synthetic file in the
//! published format of the "Anonymous Bank" call-centre data
//! (`engine/tests/fixtures/import/bank_calls_synthetic.tsv`, hand-made, no
//! real calls), whose header the importer does not recognise.

use serde_json::Value;
use std::collections::BTreeMap;
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

const COLUMNS: [&str; 9] = [
    "date=date",
    "time=vru_entry",
    "queue_entry=q_start",
    "queue_exit=q_exit",
    "wait_s=q_time",
    "outcome=outcome",
    "talk_s=ser_time",
    "agent=server",
    "queue=type",
];
const VALUES: [&str; 6] = [
    "outcome:AGENT=answered",
    "outcome:HANG=abandoned",
    "outcome:PHANTOM=ignore",
    "queue_entry:0:00:00=empty",
    "queue_exit:0:00:00=empty",
    "agent:NO_SERVER=empty",
];

fn flag_args(path: &str) -> Vec<String> {
    let mut v: Vec<String> = ["import", path, "--interval", "30m", "--kind", "cdr"].map(String::from).to_vec();
    for c in COLUMNS {
        v.extend(["--column".to_string(), c.to_string()]);
    }
    for x in VALUES {
        v.extend(["--value".to_string(), x.to_string()]);
    }
    v
}

/// (offered, answered, abandoned, not_queued) per half-hour, counted from the
/// file's cells: a call is in the half-hour of its queue entry, or of its
/// arrival when it never queued; PHANTOM rows are in none.
fn expected(exclude_type: Option<&str>) -> BTreeMap<String, [u64; 4]> {
    let text = std::fs::read_to_string(fixture("bank_calls_synthetic.tsv")).unwrap();
    let mut m = BTreeMap::new();
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if Some(c[4]) == exclude_type || c[12] == "PHANTOM" {
            continue;
        }
        let queued = c[9] != "0:00:00";
        let t: Vec<u32> = (if queued { c[9] } else { c[6] }).split(':').map(|x| x.parse().unwrap()).collect();
        let key = format!("1999-01-01T{:02}:{:02}:00", t[0], if t[1] < 30 { 0 } else { 30 });
        let e = m.entry(key).or_insert([0u64; 4]);
        match (c[12], queued) {
            ("AGENT", _) => {
                e[0] += 1;
                e[1] += 1;
            }
            ("HANG", true) => {
                e[0] += 1;
                e[2] += 1;
            }
            _ => e[3] += 1,
        }
    }
    m
}

/// Offered, answered, abandoned and not queued per interval start, the
/// queues of an interval added up (intervals are given per queue).
fn intervals(doc: &Value) -> BTreeMap<String, [u64; 4]> {
    let mut m = BTreeMap::new();
    for i in doc["intervals"].as_array().unwrap() {
        let n = |k: &str| i[k].as_u64().unwrap();
        let e: &mut [u64; 4] = m.entry(i["interval_start"].as_str().unwrap().to_string()).or_insert([0; 4]);
        for (slot, k) in e.iter_mut().zip(["offered", "answered", "abandoned", "not_queued"]) {
            *slot += n(k);
        }
    }
    m
}

#[test]
fn flags_map_an_unrecognised_header_and_the_bank_codes() {
    let path = fixture("bank_calls_synthetic.tsv");
    let args = flag_args(path.to_str().unwrap());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (doc, stderr) = import_ok(&args);
    assert_eq!(intervals(&doc), expected(None));
    let s = &doc["summary"];
    assert_eq!((s["rows_read"].as_u64(), s["rejected"].as_u64(), s["excluded"].as_u64()), (Some(62), Some(0), Some(0)));
    assert_eq!(s["ignored"], 6);
    assert_eq!(s["not_queued"], expected(None).values().map(|e| e[3]).sum::<u64>());
    assert_eq!(doc["mapping"]["queue_entry"]["label"], "q_start");
    assert_eq!(doc["coded"]["outcome"]["values"][0]["value"], "AGENT");
    assert_eq!(doc["coded"]["outcome"]["values"][0]["reading"], "answered");
    assert!(stderr.contains("8 not queued, 0 excluded, 6 ignored"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn a_mapping_file_gives_the_same_output_as_the_flags() {
    let path = fixture("bank_calls_synthetic.tsv");
    let args = flag_args(path.to_str().unwrap());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let by_flags = callcalc(&args);
    let mapping = fixture("bank_calls_synthetic.mapping.json");
    let by_file =
        callcalc(&["import", path.to_str().unwrap(), "--interval", "30m", "--mapping", mapping.to_str().unwrap()]);
    assert!(by_file.status.success(), "{}", String::from_utf8_lossy(&by_file.stderr));
    assert_eq!(String::from_utf8_lossy(&by_file.stdout), String::from_utf8_lossy(&by_flags.stdout));
    assert_eq!(String::from_utf8_lossy(&by_file.stderr), String::from_utf8_lossy(&by_flags.stderr));
}

#[test]
fn flags_override_the_mapping_file() {
    let path = fixture("bank_calls_synthetic.tsv");
    let mapping = fixture("bank_calls_synthetic.mapping.json");
    let (doc, _) = import_ok(&[
        "import",
        path.to_str().unwrap(),
        "--interval",
        "30m",
        "--mapping",
        mapping.to_str().unwrap(),
        "--exclude",
        "queue=TT",
        "--value",
        "outcome:PHANTOM=abandoned",
    ]);
    // PHANTOM rows never queued: now read as callers who left in the IVR.
    let text = std::fs::read_to_string(&path).unwrap();
    let tt = text.lines().filter(|l| l.split('\t').nth(4) == Some("TT")).count() as u64;
    let phantoms_kept =
        text.lines().filter(|l| l.contains("\tPHANTOM\t") && l.split('\t').nth(4) != Some("TT")).count() as u64;
    assert_eq!(doc["summary"]["excluded"], tt);
    assert_eq!(doc["summary"]["ignored"], 0);
    let not_queued: u64 = expected(Some("TT")).values().map(|e| e[3]).sum();
    assert_eq!(doc["summary"]["not_queued"], not_queued + phantoms_kept);
}

#[test]
fn without_a_time_mapping_the_warnings_are_on_stderr() {
    let path = fixture("bank_calls_synthetic.tsv");
    let (doc, stderr) = import_ok(&[
        "import",
        path.to_str().unwrap(),
        "--kind",
        "cdr",
        "--column",
        "date=date",
        "--column",
        "outcome=outcome",
        "--column",
        "wait_s=q_time",
        "--column",
        "talk_s=ser_time",
        "--value",
        "outcome:AGENT=answered",
        "--value",
        "outcome:HANG=abandoned",
        "--value",
        "outcome:PHANTOM=ignore",
    ]);
    assert!(stderr.contains("warning: bank_calls_synthetic.tsv: all 56 kept contacts are at 00:00:00"), "{stderr}");
    assert_eq!(doc["summary"]["warnings"].as_array().unwrap().len(), 2);
}

#[test]
fn mapping_errors_are_clear() {
    let path = fixture("bank_calls_synthetic.tsv");
    let p = path.to_str().unwrap();
    let out = callcalc(&["import", p, "--column", "date=date", "--column", "outcome=outcome"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("say the kind"), "{err}");
    let out = callcalc(&["import", p, "--kind", "cdr", "--column", "queue_entry=q_begin"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"q_begin\""), "{err}");
    let out = callcalc(&["import", p, "--value", "outcome:HANG=lost"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--value: \"lost\" is not answered"), "{err}");
    let out = callcalc(&["import", p, "--value", "wait_s:-=0"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only be mapped to empty"), "{err}");
}

#[test]
fn kpi_takes_the_same_mapping() {
    let path = fixture("bank_calls_synthetic.tsv");
    let mapping = fixture("bank_calls_synthetic.mapping.json");
    let out = callcalc(&["kpi", path.to_str().unwrap(), "--interval", "30m", "--mapping", mapping.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = doc["KPI"].as_array().unwrap();
    let want = expected(None);
    assert_eq!(rows.len(), want.len() + 1, "one row per half-hour and the total");
    for (row, (start, e)) in rows.iter().zip(&want) {
        assert_eq!(row["period"].as_str().unwrap(), start.replace('T', " ").strip_suffix(":00").unwrap());
        assert_eq!(row["offered"].as_u64(), Some(e[0]));
    }
    assert_eq!(rows[want.len()]["offered"].as_u64(), Some(want.values().map(|e| e[0]).sum()));
}

#[test]
fn values_alone_apply_to_a_recognised_header() {
    // A recognised header with a vendor's own outcome codes.
    let dir = std::env::temp_dir().join(format!("callcalc-import-mapping-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("codes.csv");
    std::fs::write(
        &file,
        "Дата;Время;Результат;Ожидание\n01.03.2024;08:00:05;OK;12\n01.03.2024;08:01:00;DROP;40\n01.03.2024;08:02:00;TEST;0\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let out = callcalc(&["import", f]);
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["rejected"], 3);
    assert_eq!(doc["coded"]["outcome"]["values"][0]["reading"], Value::Null);
    let (doc, _) = import_ok(&[
        "import",
        f,
        "--value",
        "outcome:ok=answered",
        "--value",
        "outcome:DROP=abandoned",
        "--value",
        "outcome:TEST=ignore",
    ]);
    assert_eq!((doc["summary"]["kept"].as_u64(), doc["summary"]["ignored"].as_u64()), (Some(2), Some(1)));
    assert_eq!((doc["total"]["answered"].as_u64(), doc["total"]["abandoned"].as_u64()), (Some(1), Some(1)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_vendor_file_takes_a_mapping_files_utc_offset_and_refuses_value_choices() {
    let log = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/vendor/queue_log");
    let dir = std::env::temp_dir().join(format!("callcalc-utc-offset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let m = dir.join("offset.json");
    std::fs::write(&m, r#"{"version": 1, "utc_offset_minutes": 180}"#).unwrap();
    let (plain, _) = import_ok(&["import", log.to_str().unwrap()]);
    let (shifted, _) = import_ok(&["import", log.to_str().unwrap(), "--mapping", m.to_str().unwrap()]);
    let refused = callcalc(&["import", log.to_str().unwrap(), "--value", "outcome:X=ignore"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is read by its own reader"));
    std::fs::remove_dir_all(&dir).unwrap();
    let starts = |d: &Value| -> Vec<String> {
        d["intervals"].as_array().unwrap().iter().map(|i| i["interval_start"].as_str().unwrap().to_string()).collect()
    };
    let (a, b) = (starts(&plain), starts(&shifted));
    assert!(!a.is_empty());
    assert_eq!(a.len(), b.len());
    // 08:00 UTC → 11:00 local.
    assert_eq!(&a[0][11..13], "08", "{a:?}");
    assert_eq!(&b[0][11..13], "11", "{b:?}");
    assert_eq!(plain["total"]["offered"], shifted["total"]["offered"]);
}

//! `callcalc kpi FILE`: the KPI table as JSON, with the values worked out by
//! hand from the engine's import fixture (and the variant in each header).

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/import").join(name)
}

fn callcalc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callcalc")).args(args).output().expect("run callcalc")
}

fn kpi_ok(args: &[&str]) -> Value {
    let out = callcalc(args);
    assert!(out.status.success(), "callcalc {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn cdr_file_by_interval_gives_hand_checked_kpis() {
    let path = fixture("cdr_ru_cp1251.csv");
    let doc = kpi_ok(&["kpi", path.to_str().unwrap(), "--interval", "15m"]);
    let rows = doc["KPI"].as_array().unwrap();
    // Two 15-minute intervals and the total.
    assert_eq!(rows.len(), 3);
    let a = &rows[0];
    assert_eq!(a["period"], "2024-03-01 08:00");
    assert_eq!(a["offered"], 4.0);
    assert_eq!(a["answered"], 3.0);
    assert_eq!(a["abandoned"], 1.0);
    // 2 answered within 20 s of 4 offered (abandons count against the SL).
    assert_eq!(a["service_level [kpi.service_level.aban_negative]"], 0.5);
    // Mean wait of the answered: 14 s; AHT (talk + hold + ACW) / handled: 270 s.
    assert_eq!(a["asa [kpi.asa.answered_only]"], 14.0);
    assert_eq!(a["aht [kpi.aht.talk_hold_acw]"], 270.0);
    assert_eq!(a["abandonment [kpi.abandonment.over_offered]"], 0.25);
    // No agent report: no occupancy; no staffed time in CDRs: no cost.
    assert_eq!(a["occupancy [kpi.occupancy.measured]"], Value::Null);
    assert_eq!(a["cost [kpi.cost.fully_loaded.per_handled]"], Value::Null);
    let total = &rows[2];
    assert_eq!(total["period"], "total");
    assert_eq!(total["offered"], 7.0);
    let formulas = doc["Formulas"].as_array().unwrap();
    let sl = formulas.iter().find(|r| r["column"] == "service_level").unwrap();
    assert_eq!(sl["formula"], "SL = Aₜ / O");
}

#[test]
fn variants_and_grouping_are_options() {
    let path = fixture("cdr_ru_cp1251.csv");
    let doc = kpi_ok(&["kpi", path.to_str().unwrap(), "--group", "day", "--sl", "aban_positive", "--aht", "talk_only"]);
    let rows = doc["KPI"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "one day and the total");
    assert_eq!(rows[0]["period"], "2024-03-01");
    assert_eq!(rows[0]["offered"], rows[1]["offered"]);
    assert!(rows[0].get("service_level [kpi.service_level.aban_positive]").is_some());
    assert!(rows[0].get("aht [kpi.aht.talk_only]").is_some());
    // One channel: the phone contacts only (a subset of the whole).
    let phone = kpi_ok(&["kpi", path.to_str().unwrap(), "--group", "day", "--channel", "phone"]);
    let p = phone["KPI"].as_array().unwrap().last().unwrap()["offered"].as_f64().unwrap();
    assert!(p > 0.0 && p <= rows[1]["offered"].as_f64().unwrap(), "{p}");
    let bad = callcalc(&["kpi", path.to_str().unwrap(), "--sl", "nonsense"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--sl"));
}

#[test]
fn one_queue_only() {
    let path = fixture("cdr_ru_cp1251.csv");
    let p = path.to_str().unwrap();
    let total = |doc: &Value| doc["KPI"].as_array().unwrap().last().unwrap()["offered"].as_f64().unwrap();
    // 7 contacts kept: 5 in «Общая», 1 in «Чат сайта», 1 in «Почта».
    assert_eq!(total(&kpi_ok(&["kpi", p, "--group", "day"])), 7.0);
    assert_eq!(total(&kpi_ok(&["kpi", p, "--group", "day", "--queue", "Общая"])), 5.0);
    assert_eq!(total(&kpi_ok(&["kpi", p, "--group", "day", "--queue", "Чат сайта"])), 1.0);
    // The 08:00 interval of «Общая»: 3 offered, 2 answered, 1 abandoned.
    let general = kpi_ok(&["kpi", p, "--queue", "Общая"]);
    let first = &general["KPI"][0];
    assert_eq!(first["period"], "2024-03-01 08:00");
    assert_eq!(first["offered"], 3.0);
    assert_eq!(first["abandoned"], 1.0);
    let bad = callcalc(&["kpi", p, "--queue", "Нет такой"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("--queue") && err.contains("Почта"), "{err}");
}

#[test]
fn call_records_with_customer_columns_add_the_customer_and_reasons_sheets() {
    let path = fixture("cdr_customer_side.csv");
    let doc = kpi_ok(&["kpi", path.to_str().unwrap(), "--group", "day"]);
    let customer = doc["Customer"].as_array().expect("a Customer sheet");
    let total = customer.last().unwrap();
    assert_eq!(total["period"], "total");
    // Answered with flags: 5; transferred 1, resolved 4; repeat within 24 h: 1 of 5.
    assert_eq!(total["transfer_rate"], 0.2);
    assert_eq!(total["fcr_flagged"], 0.8);
    assert_eq!(total["fcr_repeat_window"], 0.8);
    let nps = total["nps"].as_f64().unwrap();
    assert!((nps - 100.0 / 3.0).abs() < 1e-9, "NPS {nps}");
    let reasons: Vec<(&str, f64)> = doc["Reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["reason"].as_str().unwrap(), r["contacts"].as_f64().unwrap()))
        .collect();
    assert_eq!(reasons, vec![("Баланс", 2.0), ("Кредит", 2.0), ("Карта", 1.0)]);
    // A file without those columns has neither sheet.
    let plain = kpi_ok(&["kpi", fixture("cdr_ru_cp1251.csv").to_str().unwrap()]);
    assert!(plain.get("Customer").is_none() && plain.get("Reasons").is_none());
}

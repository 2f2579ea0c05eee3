//! Operators page in a real headless Chromium against the release build:
//! demo data → operators table → the synthetic centre with planted gamers →
//! a flagged operator with its evidence (as the engine computes it) → a QA
//! sample exported as CSV and XLSX, read back and checked against the plan
//! shown.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use callcalc_e2e::Session;
use callcalc_engine::{analyse_operators, Channel, DetectorSettings, OperatorThresholds, SyntheticCentre};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_table_flags_and_qa_sample_export() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#operators", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();

    // The demo data set: a table of operators, no flags (the demo plants no gamers).
    s.wait_for("operators-table").await;
    let name = s.text_when("op-row-0-name", |t| !t.is_empty()).await;
    assert!(!name.is_empty());
    let kept: u64 = s.text("operators-kept").await.parse().unwrap();
    assert!(kept > 1000, "{kept}");
    assert!(s.exists("operators-no-flags").await);
    // sorting by contacts, largest first
    s.click("sort-contacts").await;
    let first: u64 = s.text("op-row-0-contacts").await.replace(',', "").parse().unwrap();
    let second: u64 = s.text("op-row-1-contacts").await.replace(',', "").parse().unwrap();
    assert!(first >= second, "{first} {second}");
    // peers by queue; the demo's optional call-record columns give repeats and resolution per operator
    assert!(s.text("op-row-0-peers").await.starts_with("queue: "));
    assert!(s.text("op-row-0-repeats").await.ends_with("%)"));
    assert!(s.text("op-row-0-resolved").await.contains(" / "));

    // The synthetic centre: the engine's first raised flag is shown with its evidence.
    let centre = SyntheticCentre::new(2024, 40, 10, 2).unwrap().generate();
    let t = OperatorThresholds { channel: Some(Channel::Phone), ..OperatorThresholds::default() };
    let report = analyse_operators(&centre.records, &centre.times, &DetectorSettings::new(t).unwrap());
    let expected = report.raised().next().expect("the planted centre raises flags");
    s.click("operators-source-planted").await;
    let op = s.text_when("flag-0-operator", |t| !t.is_empty()).await;
    assert_eq!(op, expected.operator);
    assert!(centre.planted.iter().any(|g| g.operator == op), "{op} is planted");
    assert_eq!(s.text("flag-detail-operator").await, expected.operator);
    assert!(!s.text("flag-explanation").await.is_empty());
    assert!(s.text("flag-rule").await.contains("BH q ≤ FDR"));
    assert!(s.text("flag-evidence-0").await.contains(expected.evidence[0].name));
    assert!(s.exists("flag-contact-0").await);
    assert!(s.text("operators-fdr-note").await.contains("Benjamini"));
    assert_eq!(s.text("flag-peers").await, "channel: phone", "no queue in the synthetic centre: peers by channel");

    // The flagged operator's detail: the same flag, the distributions against the peers.
    let mut i = 0;
    while s.text(&format!("op-row-{i}-name")).await != op {
        i += 1;
    }
    s.click(&format!("op-row-{i}-open")).await;
    assert_eq!(s.text_when("detail-operator", |t| !t.is_empty()).await, op);
    assert_eq!(s.text("detail-flag-0-pattern").await, s.text("flag-0-pattern").await);
    assert!(s.exists("detail-hist-handle-bar-0").await);
    assert!(s.exists("detail-hist-wait-marker").await);
    let contacts = report.kpis_of(&op).unwrap().contacts;
    assert_eq!(s.text("detail-hist-handle-n").await.parse::<u64>().unwrap(), contacts);

    let n_raised = report.raised().count();
    assert!(s.exists(&format!("flag-{}", n_raised - 1)).await);
    assert!(!s.exists(&format!("flag-{n_raised}")).await);

    // The QA plan shown, and its export read back.
    let total: u64 = s.text_when("qa-total", |t| !t.is_empty()).await.replace(',', "").parse().unwrap();
    let op0 = s.text("qa-row-0-operator").await;
    let n0: usize = s.text("qa-row-0-n").await.parse().unwrap();
    let k0: u64 = s.text("qa-row-0-k").await.parse().unwrap();
    let start0: u64 = s.text("qa-row-0-start").await.parse().unwrap();
    s.click("qa-export-csv").await;
    let csv = String::from_utf8(s.downloaded("qa-sample.csv").await).unwrap();
    let csv = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len() as u64, total + 1, "header + one row per contact to review");
    let mine: Vec<Vec<&str>> =
        lines[1..].iter().map(|l| l.split(';').collect::<Vec<_>>()).filter(|c| c[0] == op0).collect();
    assert_eq!(mine.len(), n0);
    for (i, row) in mine.iter().enumerate() {
        assert_eq!(row[1].parse::<u64>().unwrap(), start0 + i as u64 * k0, "row {i}: {row:?}");
    }

    s.click("qa-export-xlsx").await;
    let bytes = s.downloaded("qa-sample.xlsx").await;
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("QA sample").unwrap();
    let rows: Vec<_> = range.rows().collect();
    assert_eq!(rows.len() as u64, total + 1);
    let first_of_op0 = rows.iter().find(|r| matches!(&r[0], Data::String(x) if *x == op0)).unwrap();
    assert_eq!(first_of_op0[1], Data::Float(start0 as f64));

    s.close().await;
}

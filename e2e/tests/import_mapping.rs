//! Import mapping in a real headless Chromium against the release build,
//! entirely through the page:
//! (a) an Asterisk queue_log: the format is recognised and named, the UTC
//!     offset moves every interval (the table equals the engine's import with
//!     that offset);
//! (b) the bank call-record format (`date` yymmdd, `vru_entry`, `q_start` =
//!     `0:00:00` for never-queued calls, outcomes AGENT/HANG/PHANTOM): the
//!     columns come from a loaded mapping file (columns only), the outcome
//!     codes are mapped in the value tables and `0:00:00` is declared empty;
//!     the interval table, not-queued and ignored counts are checked against
//!     counts made here from the file's cells, independently of the importer.

use std::collections::BTreeMap;

use callcalc_e2e::Session;
use callcalc_engine::{import_bytes, AggregateOptions, ImportOptions};

fn fixture(rel: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../engine/tests/fixtures")
        .join(rel)
        .canonicalize()
        .unwrap()
}

/// The start cell of interval row `i` of the page's table.
async fn start_of(s: &Session, i: usize) -> String {
    let v = s
        .client
        .execute(
            "const r = document.querySelector(`[data-testid='interval-${arguments[0]}'] td`); return r ? r.textContent : '';",
            vec![i.into()],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// How many interval rows the table lists.
async fn interval_rows(s: &Session) -> usize {
    let v = s
        .client
        .execute(
            "return document.querySelectorAll(\"[data-testid^='interval-'][data-testid$='-use']\").length;",
            vec![],
        )
        .await
        .unwrap();
    v.as_u64().unwrap_or(0) as usize
}

async fn open_import(s: &Session) {
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_log_is_named_and_its_utc_offset_moves_the_intervals() {
    let path = fixture("vendor/queue_log");
    let bytes = std::fs::read(&path).unwrap();
    let engine = |offset_s: i32| {
        let mut o = ImportOptions::new("queue_log");
        o.aggregate = AggregateOptions::new(15 * 60, 20.0, 0.0).unwrap();
        o.utc_offset_s = offset_s;
        let out = import_bytes(&bytes, o).unwrap();
        out.interval_stats(AggregateOptions::new(15 * 60, 20.0, 0.0).unwrap()).unwrap().unwrap()
    };
    let s = Session::start().await;
    open_import(&s).await;
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file");
    assert_eq!(s.text("import-format-name").await, "Asterisk queue_log");
    // The headless browser's zone is the default; set UTC explicitly first.
    s.select("import-utc-offset", "0").await;
    let at_utc = engine(0);
    assert!(!at_utc.is_empty());
    s.text_when("interval-0-offered", |t| t == at_utc[0].offered.to_string()).await;
    let first_utc = start_of(&s, 0).await;
    assert_eq!(first_utc, at_utc[0].start.to_string());
    assert_eq!(first_utc, "2024-03-01T08:00:00", "1709280000 is 08:00 UTC");
    // Moscow time: every interval three hours later, counts unchanged.
    s.select("import-utc-offset", "180").await;
    let moscow = engine(180 * 60);
    for _ in 0..100 {
        if start_of(&s, 0).await == "2024-03-01T11:00:00" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(start_of(&s, 0).await, "2024-03-01T11:00:00");
    assert_eq!(interval_rows(&s).await, moscow.len());
    for (i, c) in moscow.iter().enumerate() {
        assert_eq!(start_of(&s, i).await, c.start.to_string(), "interval {i}");
        assert_eq!(s.text(&format!("interval-{i}-offered")).await, c.offered.to_string(), "interval {i}");
    }
    let total: u64 = moscow.iter().map(|c| c.offered).sum();
    assert_eq!(s.text("interval-total-offered").await, total.to_string());
    s.close().await;
}

/// Seconds of day of `h:mm:ss`.
fn sod(s: &str) -> i64 {
    let p: Vec<i64> = s.split(':').map(|x| x.parse().unwrap()).collect();
    p[0] * 3600 + p[1] * 60 + p[2]
}

/// Counted from the cells: per half-hour (start, seconds of day) offered and
/// abandoned (a half-hour with only not-queued calls is listed with 0
/// offered; one with only phantom calls is not); then not-queued and ignored
/// rows. A call is placed at its queue
/// entry, or at its arrival in the voice menu when it never queued; AGENT is
/// answered, HANG after queueing abandoned, HANG without queueing not queued
/// (left in the IVR), PHANTOM no call.
fn independent(text: &str) -> (BTreeMap<i64, (u64, u64)>, u64, u64) {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (ve, qs, out) = (col("vru_entry"), col("q_start"), col("outcome"));
    let mut m: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let (mut not_queued, mut ignored) = (0, 0);
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        let queued = c[qs] != "0:00:00";
        let at = if queued { sod(c[qs]) } else { sod(c[ve]) };
        let slot = at - at % 1800;
        match (c[out], queued) {
            ("PHANTOM", _) => ignored += 1,
            ("AGENT", _) => m.entry(slot).or_default().0 += 1,
            ("HANG", true) => {
                let e = m.entry(slot).or_default();
                e.0 += 1;
                e.1 += 1;
            }
            ("HANG", false) => {
                // Counted in its interval's not-queued count, not offered.
                m.entry(slot).or_default();
                not_queued += 1;
            }
            (o, _) => panic!("unexpected outcome {o}"),
        }
    }
    (m, not_queued, ignored)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bank_call_records_need_value_mapping_and_sentinels() {
    let path = fixture("import/bank_calls_synthetic.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let (expected, not_queued, ignored) = independent(&text);
    assert!(not_queued > 0 && ignored > 0, "the fixture has both");
    // A mapping file with the columns only (the values are chosen in the page).
    let mapping = r#"{"version": 1, "kind": "cdr", "columns": [
        ["date", "date"], ["time", "vru_entry"], ["queue_entry", "q_start"], ["queue_exit", "q_exit"],
        ["wait_s", "q_time"], ["outcome", "outcome"], ["talk_s", "ser_time"]]}"#;
    let mapping_path = std::env::temp_dir().join(format!("bank-columns-{}.json", std::process::id()));
    std::fs::write(&mapping_path, mapping).unwrap();

    let s = Session::start().await;
    open_import(&s).await;
    s.select("import-interval", "30").await;
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file");
    // Detected or not, the mapping file applies to the layout on the page.
    s.wait_for("mapping-load").await.send_keys(mapping_path.to_str().unwrap()).await.expect("load the mapping");
    s.wait_for("mapping-loaded").await;
    s.wait_for("value-mapping").await;
    // The outcome codes as found, with their counts; mapped one by one.
    let mut codes = BTreeMap::new();
    for i in 0..3 {
        let value = s.text(&format!("value-outcome-{i}-value")).await;
        let count: u64 = s.text(&format!("value-outcome-{i}-count")).await.parse().unwrap();
        codes.insert(value, count);
    }
    let in_file = |code: &str| text.lines().filter(|l| l.split('\t').nth(12) == Some(code)).count() as u64;
    for code in ["AGENT", "HANG", "PHANTOM"] {
        assert_eq!(codes.get(code), Some(&in_file(code)), "{code}");
    }
    for (code, choice) in [("AGENT", "outcome:answered"), ("HANG", "outcome:abandoned"), ("PHANTOM", "outcome:ignore")]
    {
        // Rows are ordered by count: find the code's row each time (a choice re-imports).
        let mut row = None;
        for i in 0..3 {
            if s.text(&format!("value-outcome-{i}-value")).await == code {
                row = Some(i);
            }
        }
        let i = row.unwrap_or_else(|| panic!("{code} listed"));
        s.select(&format!("value-outcome-{i}-choice"), choice).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    // 0:00:00 in the queue entry and exit columns means "never queued".
    for field in ["queue_entry", "queue_exit"] {
        s.select("sentinel-field", field).await;
        s.type_into("sentinel-text", "0:00:00").await;
        s.click("sentinel-add").await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    }
    s.text_when("import-not-queued-count", |t| t == not_queued.to_string()).await;
    assert_eq!(s.text("import-ignored").await, ignored.to_string());
    assert_eq!(s.text("import-rejected").await, "0");
    // The interval table against the independent count, half-hour by half-hour.
    assert_eq!(interval_rows(&s).await, expected.len());
    for (i, (slot, (offered, _))) in expected.iter().enumerate() {
        let start = format!("1999-01-01T{:02}:{:02}:00", slot / 3600, slot / 60 % 60);
        assert_eq!(start_of(&s, i).await, start, "interval {i}");
        assert_eq!(s.text(&format!("interval-{i}-offered")).await, offered.to_string(), "{start}");
    }
    let total: u64 = expected.values().map(|e| e.0).sum();
    assert_eq!(s.text("interval-total-offered").await, total.to_string());
    let _ = std::fs::remove_file(&mapping_path);
    s.close().await;
}

//! The imported data set in a real headless Chromium against the release
//! build: choose a call-detail fixture in the file input, use it for every
//! page, reload (still there), remove it (back to the demo); download the
//! rejected rows and read them back.

use callcalc_e2e::Session;
use callcalc_engine::{import_bytes, ImportOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_file_is_used_everywhere_kept_across_reloads_and_removed() {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/import/cdr_ru_cp1251.csv");
    let path = path.canonicalize().expect("fixture exists");
    let bytes = std::fs::read(&path).unwrap();
    let expected = import_bytes(&bytes, ImportOptions::new("cdr_ru_cp1251.csv")).unwrap();
    assert!(expected.summary.rejected > 0, "the fixture has rejected rows to download");

    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("dataset-demo").await;
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file");
    s.text_when("import-kept", |t| t == expected.summary.kept.to_string()).await;

    // Every rejected row comes back from the download, neutralised, with its location.
    s.click("download-rejected").await;
    let csv = String::from_utf8(s.downloaded("rejected-rows.csv").await).expect("UTF-8");
    let csv = csv.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "file;row;column;value;expected");
    assert_eq!(lines.len() as u64, 1 + expected.summary.rejected);
    for (line, r) in lines[1..].iter().zip(&expected.rejected) {
        assert!(line.starts_with(&format!("cdr_ru_cp1251.csv;{};", r.row)), "{line}");
        assert!(line.contains(&r.column_name), "{line}");
        assert!(!line.split(';').any(|c| c.starts_with(['=', '+', '@'])), "no formula cell: {line}");
    }

    // Use it in every page.
    s.click("import-use-dataset").await;
    assert_eq!(s.text_when("dataset-file-0-name", |t| !t.is_empty()).await, "cdr_ru_cp1251.csv");
    assert_eq!(s.text("dataset-file-0-kept").await, expected.summary.kept.to_string());
    for page in ["kpi", "forecast", "budget", "operators"] {
        s.client.goto(&format!("{}#{page}", s.base)).await.unwrap();
        let badge = s.text_when("data-set", |t| t.contains("cdr_ru_cp1251.csv")).await;
        assert!(badge.contains("cdr_ru_cp1251.csv"), "{page}: {badge}");
    }

    // A reload keeps it.
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    assert_eq!(s.text_when("dataset-file-0-name", |t| !t.is_empty()).await, "cdr_ru_cp1251.csv");
    assert!(s.text("dataset-status").await.contains("restored"));
    s.client.goto(&format!("{}#kpi", s.base)).await.unwrap();
    s.text_when("data-set", |t| t.contains("cdr_ru_cp1251.csv")).await;

    // One click back to the demo, also after a reload.
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    s.click("dataset-remove").await;
    s.wait_for("dataset-demo").await;
    s.client.refresh().await.unwrap();
    s.wait_for("dataset-demo").await;
    assert!(!s.exists("dataset-files").await);
    s.client.goto(&format!("{}#kpi", s.base)).await.unwrap();
    let badge = s.text_when("data-set", |t| !t.is_empty()).await;
    assert!(!badge.contains("cdr_ru_cp1251.csv"), "{badge}");
    s.close().await;
}

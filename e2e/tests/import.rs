//! Import in a real headless Chromium against the release build: upload a
//! Windows-1251 call-detail file, see what was kept and rejected (as the engine
//! says), change the interval length, send an interval to the staffing page.

use callcalc_e2e::Session;
use callcalc_engine::{import_bytes, AggregateOptions, ImportOptions, IntervalStats};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_a_cdr_file_and_feed_the_staffing_page() {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/fixtures/import/cdr_ru_cp1251.csv");
    let path = path.canonicalize().expect("fixture exists");
    let bytes = std::fs::read(&path).unwrap();
    let mut opts = ImportOptions::new("cdr_ru_cp1251.csv");
    opts.aggregate = AggregateOptions::new(15 * 60, 20.0, 0.0).unwrap();
    let expected = import_bytes(&bytes, opts).unwrap();
    let cells: Vec<IntervalStats> =
        expected.interval_stats(AggregateOptions::new(15 * 60, 20.0, 0.0).unwrap()).unwrap().unwrap();

    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file");

    let kept = s.text_when("import-kept", |t| !t.is_empty()).await;
    assert_eq!(kept, expected.summary.kept.to_string());
    assert_eq!(s.text("import-rejected").await, expected.summary.rejected.to_string());
    assert_eq!(s.text("import-encoding").await, expected.summary.encoding.unwrap().name());
    assert_eq!(s.text("import-kind").await, "cdr");
    if expected.summary.rejected > 0 {
        let first = s.text("rejected-0").await;
        assert!(first.contains(&expected.rejected[0].column_name), "{first}");
        assert!(s.exists("download-rejected").await);
    }
    // The interval table holds the engine's intervals, in order.
    assert_eq!(s.text("interval-0-offered").await, cells[0].offered.to_string());
    let total: u64 = cells.iter().map(|c| c.offered).sum();
    assert_eq!(s.text("interval-total-offered").await, total.to_string());

    // A changed column mapping is remembered for files with the same header set.
    let changed = s
        .client
        .execute(
            "const sel = [...document.querySelectorAll(\"select[data-testid^='map-']\")].find(x => x.value !== '' && !x.dataset.testid.includes('date'));\
             sel.value = ''; sel.dispatchEvent(new Event('change', {bubbles: true})); return sel.dataset.testid;",
            vec![],
        )
        .await
        .unwrap();
    let changed = changed.as_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    s.client.refresh().await.unwrap();
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file again");
    s.text_when("import-kept", |t| !t.is_empty()).await;
    let value = s.wait_for(&changed).await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(value, "", "{changed} stays unmapped after reloading the same kind of file");
    // Put the detected mapping back for the rest of the test.
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.refresh().await.unwrap();
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file again");
    s.text_when("import-kept", |t| t == expected.summary.kept.to_string()).await;

    // The first interval with a handle time goes to the staffing page.
    let (i, cell) = cells.iter().enumerate().find(|(_, c)| c.aht_s().is_some()).expect("an answered interval");
    s.click(&format!("interval-{i}-use")).await;
    s.wait_for("result-agents").await;
    let calls = s.wait_for("input-calls").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(calls, cell.offered.to_string());
    let interval = s.wait_for("input-interval_min").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(interval, "15");
    s.close().await;
}

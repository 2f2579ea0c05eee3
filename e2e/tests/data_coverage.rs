//! Short data sets against the release build, in Russian: a one-day call
//! export imported and used in every page is shown as one day on each
//! analysis page, refused by the budget and by the forecast backtest (with
//! how much history they need, never a validator text) and marked partial
//! on the KPI page; a ten-day export is budgeted with its month scaled.

use callcalc_e2e::Session;
use callcalc_engine::demo;

/// Writes demo call records of `days` days from `start` to a file named `name`.
fn export_file(name: &str, start: (i32, u32, u32), days: u32) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("callcalc-e2e-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let centre = demo::DemoCentre { start, volume_scale: 0.2, ..Default::default() };
    std::fs::write(&path, demo::cdr_csv(&centre, days)).unwrap();
    path
}

async fn import_and_use(s: &Session, path: &std::path::Path, name: &str) {
    s.client.goto(&format!("{}#import", s.base)).await.unwrap();
    let input = s.wait_for("import-file").await;
    input.send_keys(path.to_str().unwrap()).await.expect("choose the file");
    s.click("import-use-dataset").await;
    s.text_when("dataset-file-0-name", |t| t == name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_day_file_is_shown_as_one_day_refused_by_budget_and_backtest_and_ten_days_are_scaled() {
    let one_day = export_file("one-day.csv", (2024, 7, 3), 1);
    let ten_days = export_file("ten-days.csv", (2024, 7, 10), 10);

    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','ru');", vec![]).await.unwrap();
    s.client.refresh().await.unwrap();
    import_and_use(&s, &one_day, "one-day.csv").await;
    let one = "Период: 03.07.2024 – 03.07.2024, 1 день с обращениями; календарных дней в периоде: 1";
    assert_eq!(s.text_when("dataset-coverage", |t| !t.is_empty()).await, one, "the import page's panel");

    // Budget: the coverage, the refusal, no totals.
    s.client.goto(&format!("{}#budget", s.base)).await.unwrap();
    assert_eq!(s.text_when("data-coverage", |t| !t.is_empty()).await, one);
    let refusal = s.text("budget-too-short").await;
    assert!(refusal.starts_with("Для бюджета нужна история не менее 7 дней; в данных 1 день"), "{refusal}");
    assert_eq!(s.text("budget-cash").await, "—");
    assert!(!s.exists("budget-scaling").await);

    // Forecast: the coverage and the backtest's refusal, not the validator's text.
    s.client.goto(&format!("{}#forecast", s.base)).await.unwrap();
    assert_eq!(s.text_when("data-coverage", |t| !t.is_empty()).await, one);
    let bt = s.text("backtest-too-short").await;
    assert!(bt.starts_with("Для прогноза нужна история не менее 2 недель (14 дней); в данных 1 день"), "{bt}");
    let body = s.client.source().await.unwrap();
    assert!(!body.contains("must be at most"), "no validator text on the forecast page");

    // KPI: the July row is marked partial.
    s.client.goto(&format!("{}#kpi", s.base)).await.unwrap();
    assert_eq!(s.text_when("data-coverage", |t| !t.is_empty()).await, one);
    assert_eq!(s.text("kpi-partial-0").await, "2024-07 — неполный период: 1 из 31 дн.");

    // Ten days replace the one day: budgeted, July scaled to 31 days.
    import_and_use(&s, &ten_days, "ten-days.csv").await;
    s.client.goto(&format!("{}#budget", s.base)).await.unwrap();
    assert_eq!(
        s.text_when("data-coverage", |t| t.contains("19.07.2024")).await,
        "Период: 10.07.2024 – 19.07.2024, 10 дней с обращениями; календарных дней в периоде: 10"
    );
    assert_eq!(s.text("budget-scaling-0").await, "июль 2024: 10 дней данных из 31; объём масштабирован ×3,10");
    assert!(!s.exists("budget-too-short").await);
    let fte = s.text_when("budget-avg-fte", |t| !t.is_empty() && t != "—").await;
    assert!(callcalc_e2e::read_number(&fte).is_some_and(|x| x > 0.0), "{fte}");
    s.close().await;
    let _ = std::fs::remove_dir_all(one_day.parent().unwrap());
}

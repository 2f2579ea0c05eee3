//! The forecast page against the release build: demo data → backtest table →
//! heatmap → shift optimiser → XLSX export read back with calamine, its
//! numbers equal to the page's.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::{read_number, Session};

fn row_with<'a>(range: &'a calamine::Range<Data>, first: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == first))
        .unwrap_or_else(|| panic!("no row {first}"))
}

fn float(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_forecast_heatmap_shifts_and_export() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#forecast", s.base)).await.unwrap();

    // Backtest table: every method, one best.
    s.wait_for("backtest-table").await;
    for key in ["seasonal_naive", "profile_trend_4w", "profile_trend_8w", "holt_winters_fixed", "holt_winters_grid"] {
        let wape = read_number(&s.text(&format!("backtest-wape-{key}")).await).unwrap();
        assert!(wape > 0.0 && wape < 100.0, "{key}: {wape}");
    }
    assert!(s.exists("backtest-best").await);

    // Heatmap: net cells, then gross (net / (1 − 30 %)).
    s.wait_for("heatmap").await;
    let peak: u32 = s.text("fc-peak").await.parse().unwrap();
    assert!(peak > 0);
    let first_peak_net = s.text("peak-0-net").await;
    assert_eq!(first_peak_net, peak.to_string());
    s.click("heatmap-gross").await;
    s.wait_for("heatmap").await;
    let kind = s
        .client
        .execute("return document.querySelector(\"[data-testid='heatmap']\").dataset.kind", vec![])
        .await
        .unwrap();
    assert_eq!(kind.as_str(), Some("gross"));

    // Shift optimiser.
    s.click("shift-run").await;
    let agents = s.text_when("shift-agents", |t| t.parse::<u64>().is_ok()).await;
    let agents: f64 = agents.parse().unwrap();
    assert!(agents > 0.0);
    let paid: f64 = s.text("shift-paid-hours").await.replace(',', "").parse().unwrap();
    // English digit groups ("7,893"): read without the group separator.
    let total_calls: f64 = s.text("fc-total-calls").await.replace(',', "").parse().unwrap();

    // Export XLSX and read it back.
    s.click("fc-export-xlsx").await;
    let bytes = s.downloaded("callcalc-forecast.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    let names = book.sheet_names();
    for n in ["Forecast", "Backtest", "Monthly plan", "Shifts", "Coverage"] {
        assert!(names.iter().any(|x| x == n), "{names:?}");
    }
    let shifts = book.worksheet_range("Shifts").unwrap();
    assert_eq!(float(&row_with(&shifts, "Agents")[4]), agents);
    assert!((float(&row_with(&shifts, "Paid hours")[4]) - paid).abs() < 0.05 + 1e-9);
    let fc = book.worksheet_range("Forecast").unwrap();
    assert!((float(&row_with(&fc, "Total calls")[2]) - total_calls).abs() < 0.5 + 1e-9);
    s.close().await;
}

//! The forecast page's deferred-work model against the release build: choose
//! it, the peak report and the shift plan speak of deadlines, and the XLSX
//! export carries the deferred plan with its backlog.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::Session;

fn header(range: &calamine::Range<Data>, first: &str) -> Vec<String> {
    range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == first))
        .unwrap_or_else(|| panic!("no header row {first}"))
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deferred_work_plan_shifts_and_export() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#forecast", s.base)).await.unwrap();
    s.wait_for("heatmap").await;
    s.select("select-fc-model", "deferred").await;
    s.wait_for("fc-deferred-note").await;
    s.text_when("peak-col-sl", |t| t.contains("deadline")).await;
    let peak: u32 = s.text("fc-peak").await.parse().unwrap();
    assert!(peak > 0);
    assert_eq!(s.text("peak-0-net").await, peak.to_string());

    s.click("shift-run").await;
    s.text_when("shift-agents", |t| t.parse::<u64>().is_ok()).await;
    assert!(s.exists("shift-deferred-note").await);

    s.click("fc-export-xlsx").await;
    let bytes = s.downloaded("callcalc-forecast.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    let fc = book.worksheet_range("Forecast").unwrap();
    let h = header(&fc, "Date");
    assert!(h.iter().any(|x| x == "Backlog, items") && h.iter().any(|x| x == "Deadline met"), "{h:?}");
    let net_col = h.iter().position(|x| x == "Net agents").unwrap();
    let max_net = fc
        .rows()
        .filter_map(|r| match r.get(net_col) {
            Some(Data::Float(x)) => Some(*x),
            Some(Data::Int(x)) => Some(*x as f64),
            _ => None,
        })
        .fold(0.0, f64::max);
    assert_eq!(max_net, f64::from(peak));
    let cov = book.worksheet_range("Coverage").unwrap();
    assert_eq!(header(&cov, "Date").last().map(String::as_str), Some("Deadline met"));
    s.close().await;
}

//! The budget page against the release build: a
//! callback scenario (callback FTE, fewer abandons, traces), the XLSX read back
//! (Scenarios columns and the Customer economics sheet equal the page's), the
//! share link carrying customer economics, and the forecast FTE source.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::Session;

/// A number as the English UI writes it ("+1,234,567 ₽", "−12.5"): grouping commas dropped.
fn read_number(text: &str) -> Option<f64> {
    let negative = text.trim_start().starts_with(['−', '-']);
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    digits.parse::<f64>().ok().map(|x| if negative { -x } else { x })
}

fn cell_f64(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The value in column `header` of the row whose first cell is `label`.
fn column_value(range: &calamine::Range<Data>, label: &str, header: &str) -> f64 {
    let head = range.rows().next().unwrap();
    let col =
        head.iter().position(|c| matches!(c, Data::String(s) if s == header)).unwrap_or_else(|| panic!("{header}"));
    let row = range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == label))
        .unwrap_or_else(|| panic!("row {label}"));
    cell_f64(&row[col])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callback_scenario_customer_economics_in_xlsx_and_link_and_forecast_source() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#budget", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.text_when("budget-cash", |t| t.chars().any(|c| c.is_ascii_digit())).await;
    assert!(s.text("budget-source-used").await.contains("data history"));

    // Callback for 20% of the contacts, returned within 30 minutes.
    s.type_into("input-sc_name", "Callback 20%").await;
    s.type_into("input-sc_callback_pct", "20").await;
    s.type_into("input-sc_callback_minutes", "30").await;
    s.click("sc-add").await;
    assert_eq!(s.text("sc-name-0").await, "Callback 20%");
    let cb_fte =
        read_number(&s.text_when("sc-cbfte-0", |t| t.chars().any(|c| c.is_ascii_digit() && c != '0')).await).unwrap();
    assert!(cb_fte > 0.0);
    let ab = read_number(&s.text("sc-abandons-0").await).unwrap();
    let ab_base = read_number(&s.text("sc-abandons-base").await).unwrap();
    assert!(ab < ab_base && (ab - 0.8 * ab_base).abs() <= 0.01 * ab_base + 1.0, "{ab} vs 0.8 × {ab_base}");
    assert!(s.exists("how-sc-cbfte-0").await && s.exists("how-sc-abandons-0").await);

    // Customer economics edited on the page → its own XLSX sheet; callback columns in Scenarios.
    s.type_into("input-ce_margin", "20000").await;
    let farris = read_number(&s.text_when("ce-clv-farris", |t| t.starts_with("53")).await).unwrap();
    s.click("budget-export-xlsx").await;
    let bytes = s.downloaded("callcalc-budget.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), vec!["Monthly", "Drivers", "Scenarios", "Formulas", "Customer economics"]);
    let scen = book.worksheet_range("Scenarios").unwrap();
    assert!((column_value(&scen, "Callback 20%", "Callback FTE") - cb_fte).abs() <= 0.05);
    assert!((column_value(&scen, "Callback 20%", "Abandons") - ab).abs() <= 0.5);
    let ce = book.worksheet_range("Customer economics").unwrap();
    assert!((column_value(&ce, "CLV (a) Farris", "Value") - farris).abs() <= 0.5);
    let monthly = book.worksheet_range("Monthly").unwrap();
    assert!(monthly.rows().any(|r| matches!(r.first(), Some(Data::String(x)) if x == "Callback FTE (deferred)")));

    // The share link carries the customer economics.
    s.click("budget-share").await;
    let link = s.wait_for("budget-share-url").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(link.contains("ce.margin%3D20000"), "{link}");
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&s.base).await.unwrap();
    s.client.goto(&link).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("budget-from-link").await;
    let again = read_number(&s.text_when("ce-clv-farris", |t| t.starts_with("53")).await).unwrap();
    assert!((again - farris).abs() <= 0.5);
    assert_eq!(s.text("sc-name-0").await, "Callback 20%");

    // The forecast source: staffed from the forecast of the next 12 months; the page says so.
    let before = s.text("budget-avg-fte").await;
    let started = std::time::Instant::now();
    s.client
        .execute(
            "const e = document.querySelector(\"[data-testid='input-source']\"); e.value = 'forecast'; e.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    let used = s.text_when("budget-source-used", |t| t.contains("forecast")).await;
    let after = s.text_when("budget-avg-fte", |t| t != before).await;
    eprintln!(
        "forecast source: recomputed in {:?} (release build, demo data): {used}; FTE {before} → {after}",
        started.elapsed()
    );
    assert!(read_number(&after).unwrap() > 1.0);
    assert!(!s.exists("error-source").await);
    s.close().await;
}

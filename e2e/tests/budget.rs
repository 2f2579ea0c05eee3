//! The budget page in a real headless Chromium against the release build:
//! a budget from the demo data, a scenario SL 90/10 with its deltas, the XLSX
//! export read back with calamine (totals equal the page's), and a shared
//! link that reopens the same scenarios.

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

/// The value in the last column of the row whose first cell is `label`.
fn row_total(range: &calamine::Range<Data>, label: &str) -> f64 {
    let row = range
        .rows()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == label))
        .unwrap_or_else(|| panic!("row {label}"));
    cell_f64(row.last().unwrap())
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
async fn budget_from_demo_scenario_deltas_xlsx_and_link() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#budget", s.base)).await.unwrap();
    // Reload so that the app starts in English with nothing stored.
    s.client.refresh().await.unwrap();

    // Totals appear at once from the demo data set.
    let cash_text = s.text_when("budget-cash", |t| t.chars().any(|c| c.is_ascii_digit())).await;
    let page_cash = read_number(&cash_text).unwrap();
    assert!(page_cash > 1e6, "{cash_text}");
    let fte = read_number(&s.text_when("budget-avg-fte", |t| t.chars().any(|c| c.is_ascii_digit())).await).unwrap();
    assert!(fte > 1.0, "average FTE {fte}");
    assert!(cash_text.ends_with(" ₽"), "{cash_text}");
    assert!(read_number(&s.text("budget-cost-per-call").await).unwrap() > 0.0);
    assert!(s.exists("how-cash").await, "the total has its trace");

    // A scenario: SL 90/10.
    s.type_into("input-sc_name", "SL 90/10").await;
    s.type_into("input-sc_sl_percent", "90").await;
    s.type_into("input-sc_sl_seconds", "10").await;
    s.click("sc-add").await;
    assert_eq!(s.text("sc-name-0").await, "SL 90/10");
    let d_fte = read_number(&s.text_when("sc-dfte-0", |t| t.starts_with('+')).await).unwrap();
    let d_cash = read_number(&s.text_when("sc-dcash-0", |t| t.starts_with('+')).await).unwrap();
    assert!(d_fte > 0.0 && d_cash > 0.0, "{d_fte} {d_cash}");
    assert_eq!(s.text("sc-sl-0").await, "90/10");
    let sc_cash = read_number(&s.text("sc-cash-0").await).unwrap();
    assert!((sc_cash - page_cash - d_cash).abs() <= 2.0, "{sc_cash} − {page_cash} vs {d_cash}");

    // XLSX export, read back.
    s.click("budget-export-xlsx").await;
    let bytes = s.downloaded("callcalc-budget.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), vec!["Monthly", "Drivers", "Scenarios", "Formulas", "Customer economics"]);
    let monthly = book.worksheet_range("Monthly").unwrap();
    let xlsx_cash = row_total(&monthly, "Cash (OPEX + CAPEX)");
    assert!((xlsx_cash - page_cash).abs() <= 0.5, "workbook {xlsx_cash} vs page {page_cash}");
    let scen = book.worksheet_range("Scenarios").unwrap();
    let xlsx_d_cash = column_value(&scen, "SL 90/10", "Δ cash");
    assert!((xlsx_d_cash - d_cash).abs() <= 0.5, "workbook Δ {xlsx_d_cash} vs page {d_cash}");
    let formulas = book.worksheet_range("Formulas").unwrap();
    assert!(formulas.rows().any(|r| matches!(r.first(), Some(Data::String(s)) if s == "budget.cash")));

    // The shared link reopens the scenario in a browser with nothing stored.
    s.click("budget-share").await;
    let link = s.wait_for("budget-share-url").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(link.contains("#budget?s="), "{link}");
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&s.base).await.unwrap();
    s.client.goto(&link).await.unwrap();
    s.client.refresh().await.unwrap();
    assert!(s.exists("budget-from-link").await || s.wait_for("budget-from-link").await.is_displayed().await.unwrap());
    assert_eq!(s.text("sc-name-0").await, "SL 90/10");
    let again = read_number(&s.text_when("sc-dcash-0", |t| t.starts_with('+')).await).unwrap();
    assert!((again - d_cash).abs() <= 0.5);
    s.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn added_channel_scenario_customer_economics_and_abandon_revenue() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#budget", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.text_when("budget-cash", |t| t.chars().any(|c| c.is_ascii_digit())).await;

    // A new campaign with its own volume and AHT raises FTE and the budget.
    s.type_into("input-sc_name", "Campaign").await;
    s.type_into("input-sc_added_contacts", "5000").await;
    s.type_into("input-sc_added_aht", "240").await;
    s.click("sc-add").await;
    assert_eq!(s.text("sc-name-0").await, "Campaign");
    let d_fte = read_number(&s.text_when("sc-dfte-0", |t| t.starts_with('+')).await).unwrap();
    assert!(d_fte > 0.0, "{d_fte}");

    // Customer economics: (500 k + 300 k + 200 k) / 100 = 10,000 per customer.
    assert_eq!(s.text("ce-cac-blended").await, "10,000 ₽");
    assert!(s.exists("how-clv-farris").await);

    // Revenue retained from fewer abandons.
    s.type_into("input-inv_abandon_before", "8").await;
    s.type_into("input-inv_abandon_after", "5").await;
    s.type_into("input-inv_buy_share", "20").await;
    s.type_into("input-inv_margin_per_sale", "1000").await;
    let retained = read_number(&s.text_when("inv-revenue-retained", |t| t != "0 ₽").await).unwrap();
    assert!(retained > 0.0, "{retained}");
    s.close().await;
}

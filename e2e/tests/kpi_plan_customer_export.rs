//! KPI dashboard additions in headless Chromium against the release
//! build: the trace panel in Russian shows Russian input meanings; a plan
//! with a per-month target, the customer-side KPIs and the Pareto of
//! contact reasons are in the XLSX export (read back with calamine).

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn russian_traces_plan_customer_and_reasons_in_the_xlsx() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','ru');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#kpi", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("kpi-table").await;

    // RU trace: the SL inputs are described in Russian, not in the engine's English.
    s.click("kpi-cell-total-service_level").await;
    let inputs = s.text("kpi-trace-inputs").await;
    assert!(inputs.contains("поступило"), "{inputs}");
    for english in ["answered within T", "abandoned within T", "— offered", "interval rows summed"] {
        assert!(!inputs.contains(english), "English {english:?} in RU: {inputs}");
    }
    let variant = s.text("kpi-trace-variant").await;
    assert!(variant.contains("потерянные"), "{variant}");

    // A plan: 80 % every month, 99 % in the first month (from CSV text).
    let first = s.text("kpi-row-0").await.chars().take(7).collect::<String>();
    s.type_into("input-plan_service_level", "80").await;
    s.type_into("input-plan_months", &format!("month;sl;aht;cost_per_call;budget\n{first};99;;;\n")).await;
    s.wait_for(&format!("kpi-plan-month-{first}")).await;

    // Customer side shows values (the demo's call records carry the columns).
    let nps = s.text("kpi-cust-total-nps").await;
    assert!(!nps.contains("нет данных") && !nps.is_empty(), "{nps}");

    s.click("kpi-export-xlsx").await;
    let bytes = s.downloaded("callcalc-kpi.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    let names = book.sheet_names();
    for n in ["KPI", "Plan", "Customer", "Reasons"] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
    // KPI sheet: a plan column with the first month's own target and 80 % after it.
    let kpi = book.worksheet_range("KPI").unwrap();
    let col = (0..kpi.width() as u32)
        .find(|&c| kpi.get_value((0, c)) == Some(&Data::String("plan service_level".into())))
        .expect("a plan column");
    assert_eq!(kpi.get_value((1, col)), Some(&Data::Float(0.99)));
    assert_eq!(kpi.get_value((2, col)), Some(&Data::Float(0.8)));
    // Reasons: sorted by contacts, cumulative share ends at 1, the first reason is vital.
    let r = book.worksheet_range("Reasons").unwrap();
    assert!(r.height() >= 4, "reasons: {}", r.height());
    let count = |row: u32| match r.get_value((row, 1)) {
        Some(Data::Float(x)) => *x,
        other => panic!("count {other:?}"),
    };
    assert!(count(1) >= count(2));
    assert_eq!(r.get_value((1, 4)), Some(&Data::String("yes".into())));
    match r.get_value(((r.height() - 1) as u32, 3)) {
        Some(Data::Float(x)) => assert!((x - 1.0).abs() < 1e-9, "{x}"),
        other => panic!("cumulative {other:?}"),
    }
    // Customer: the total row's NPS is a number within −100…100.
    let c = book.worksheet_range("Customer").unwrap();
    let last = (c.height() - 1) as u32;
    match c.get_value((last, 6)) {
        Some(Data::Float(x)) => assert!((-100.0..=100.0).contains(x), "{x}"),
        other => panic!("NPS {other:?}"),
    }
    s.close().await;
}

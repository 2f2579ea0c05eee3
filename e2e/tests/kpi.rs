//! The KPI dashboard in a real headless Chromium against the release build:
//! it is the first screen; with the demo data the total row equals the
//! engine's; a cell opens its trace; a wrong reported SL is flagged with the
//! variant that explains it; the XLSX export reads back (calamine) with the
//! page's numbers and the Formulas sheet.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::{read_number, Session};
use callcalc_engine::{
    dashboard_total, demo, import_bytes, AggregateOptions, DashboardSettings, ImportOptions, ImportedData, KpiKey,
    ServiceLevelVariant,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_kpis_trace_reported_check_and_xlsx() {
    // The engine's numbers for the demo (the page's defaults: 15-min grid, T = 20 s).
    let files = demo::demo_files(&demo::DemoCentre::default());
    let agg = AggregateOptions::new(900, 20.0, 0.0).unwrap();
    let mut opts = ImportOptions::new("demo-intervals.csv");
    opts.aggregate = agg;
    let cells = import_bytes(files.interval_report.as_bytes(), opts).unwrap().interval_stats(agg).unwrap().unwrap();
    let mut opts = ImportOptions::new("demo-agents.csv");
    opts.aggregate = agg;
    let ImportedData::Agents(agents) = import_bytes(files.agent_report.as_bytes(), opts).unwrap().data else {
        panic!("agent report")
    };
    let settings = DashboardSettings::default();
    let total = dashboard_total(&cells, &agents, &settings).unwrap();
    let offered = total.value(KpiKey::Offered, &settings).unwrap();
    let sl = total.value(KpiKey::ServiceLevel, &settings).unwrap();
    let ignored = total.contacts.service_level(ServiceLevelVariant::AbandonsIgnored).value.unwrap();
    assert!(ignored - sl > 0.001, "the variants differ on the demo");

    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    // No hash: the KPI dashboard is the first screen.
    s.client.goto(&s.base).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("kpi-table").await;
    let page_offered = s.text_when("kpi-cell-total-offered", |t| !t.is_empty()).await;
    // English digit groups: "642,942".
    assert_eq!(page_offered.replace(',', "").parse::<f64>().ok(), Some(offered), "{page_offered}");
    let page_sl = s.text("kpi-cell-total-service_level").await;
    let page_sl_v = read_number(&page_sl).unwrap();
    assert!((page_sl_v - (sl * 1000.0).round() / 10.0).abs() < 1e-9, "{page_sl} vs {sl}");

    // A cell opens its trace: formula, variant, rows, other variants.
    s.click("kpi-cell-total-service_level").await;
    assert_eq!(s.text("kpi-trace-formula").await, "SL = Aₜ / O");
    assert!(s.text("kpi-trace-variant").await.contains("kpi.service_level.aban_negative"));
    let rows = s.text("kpi-trace-rows").await;
    assert!(rows.contains(&cells.len().to_string()), "{rows}");
    let other = s.text("kpi-trace-other-kpi.service_level.aban_ignored").await;
    assert!(other.contains('%') && other.contains("Aban-Ignored"), "{other}");

    // A reported SL equal to the Aban-Ignored value is flagged and explained.
    s.type_into("input-reported_value", &format!("{:.3}", ignored * 100.0)).await;
    let verdict = s.wait_for("kpi-reported-verdict").await;
    assert_eq!(verdict.attr("data-verdict").await.unwrap().as_deref(), Some("explained"));
    assert!(s.exists("kpi-reported-explained-kpi.service_level.aban_ignored").await);
    let diff = read_number(&s.text("kpi-reported-difference").await).unwrap();
    assert!((diff - ((ignored - sl) * 1000.0).round() / 10.0).abs() < 0.11, "difference {diff}");

    // XLSX export read back: the total row equals the page; the formula sheet names the variant.
    s.click("kpi-export-xlsx").await;
    let bytes = s.downloaded("callcalc-kpi.xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    // KPI, Intervals, Formulas; the demo's call records add the Customer and Reasons sheets.
    assert_eq!(book.sheet_names()[..3], ["KPI".to_string(), "Intervals".to_string(), "Formulas".to_string()]);
    let kpi = book.worksheet_range("KPI").unwrap();
    let last = (kpi.height() - 1) as u32;
    assert_eq!(kpi.get_value((0, 4)), Some(&Data::String("service_level [kpi.service_level.aban_negative]".into())));
    assert_eq!(kpi.get_value((last, 1)), Some(&Data::Float(offered)));
    match kpi.get_value((last, 4)) {
        Some(Data::Float(x)) => assert!(((x * 1000.0).round() / 10.0 - page_sl_v).abs() < 1e-9, "{x} vs {page_sl}"),
        other => panic!("SL cell {other:?}"),
    }
    let f = book.worksheet_range("Formulas").unwrap();
    let sl_row = (0..f.height() as u32)
        .find(|&r| f.get_value((r, 0)) == Some(&Data::String("service_level".into())))
        .expect("a service_level row");
    assert_eq!(f.get_value((sl_row, 1)), Some(&Data::String("kpi.service_level.aban_negative".into())));
    assert_eq!(f.get_value((sl_row, 2)), Some(&Data::String("SL = Aₜ / O".into())));
    s.close().await;
}

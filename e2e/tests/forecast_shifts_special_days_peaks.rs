//! The forecast page's additions against the release build: shift plan for a
//! chosen week of a one-month horizon exported and read back (its dates are
//! that week's), special days changing the backtest, and the peaks evaluated
//! at the data set's own staffing.

use calamine::{Data, Reader, Xlsx};
use callcalc_e2e::{read_number, Session};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chosen_week_shift_plan_special_days_and_staffed_peaks() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#forecast", s.base)).await.unwrap();
    s.wait_for("backtest-table").await;

    // Peaks: the data's own staffing next to the flat one.
    s.wait_for("peak-staffed-note").await;
    let staffed = read_number(&s.text("peak-0-staffed").await).unwrap();
    assert!(staffed > 0.0);
    assert!(read_number(&s.text("peak-0-sl-staffed").await).is_some());

    // One month: week 3 of the horizon, optimised and exported.
    s.select("select-fc-horizon", "1m").await;
    s.wait_for("select-shift-week").await;
    let label = s
        .client
        .execute(
            "const o = document.querySelector(\"[data-testid='select-shift-week']\").options; \
             return o.length >= 4 ? o[2].textContent : '';",
            vec![],
        )
        .await
        .unwrap();
    let label = label.as_str().unwrap().to_string();
    assert!(!label.is_empty(), "a month has at least four weeks");
    // "Week 3: 2026-…-… – 2026-…-…"
    let first_day = label.split(": ").nth(1).unwrap().split(" – ").next().unwrap().to_string();
    s.select("select-shift-week", "2").await;
    s.click("shift-run").await;
    s.text_when("shift-agents", |t| t.parse::<u64>().is_ok()).await;
    s.click("shift-export").await;
    let bytes = s.downloaded(&format!("callcalc-shifts-{first_day}.xlsx")).await;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), vec!["Shifts".to_string(), "Coverage".to_string()]);
    let cov = book.worksheet_range("Coverage").unwrap();
    let dates: Vec<String> = cov
        .rows()
        .skip(1)
        .filter_map(|r| match r.first() {
            Some(Data::String(d)) => Some(d.clone()),
            _ => None,
        })
        .collect();
    assert!(!dates.is_empty());
    assert_eq!(dates.iter().min().unwrap(), &first_day, "the plan is the chosen week's");

    // Special days: a bad date is reported; a good list shows what changed.
    s.type_into("input-fc_special", "2026-02-30").await;
    s.wait_for("error-fc_special").await;
    s.type_into("input-fc_special", "1999-01-01").await;
    let outside = s.text_when("fc-special-outside", |t| t.contains("1999-01-01")).await;
    assert!(outside.contains("1999-01-01"));
    assert_eq!(s.text("fc-special-count").await, "0");
    s.close().await;
}

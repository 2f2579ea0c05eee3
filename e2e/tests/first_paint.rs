//! Start-up time of the release build in headless Chromium: first contentful
//! paint (`performance.getEntriesByName('first-contentful-paint')`) and the
//! time at which the KPI table (the first screen, on the demo centre) is in
//! the page (polled every 5 ms: a few ms late at most; the page's main thread
//! answers the poll only once `main()` has returned). The first load of a
//! fresh browser is "cold", the reloads after it "warm".
//!
//! A measurement, not a check: ignored by `make test`. Run it against
//! `dist/` (or the offline file with `CALLCALC_START_URL=file:///…/callcalc.html`):
//!
//! ```text
//! cargo test -p callcalc-e2e --test first_paint -- --ignored --nocapture
//! ```
//! Lines starting with `first-paint:` are the report.

use std::time::Duration;

use callcalc_e2e::Session;

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn first_contentful_paint_and_kpi_table() {
    let runs: usize = std::env::var("CALLCALC_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(11).max(2);
    let s = Session::start().await;
    let url = std::env::var("CALLCALC_START_URL").unwrap_or_else(|_| format!("{}#kpi", s.base));
    let (mut fcp, mut table) = (Vec::new(), Vec::new());
    for i in 0..runs {
        s.client.goto("about:blank").await.unwrap();
        // A fresh browser profile: nothing saved, the demo centre as a first visit sees it.
        s.client.goto(&url).await.unwrap();
        let mut at = None;
        for _ in 0..4000 {
            let v = s
                .client
                .execute(
                    "return document.querySelector(\"[data-testid='kpi-table']\") ? performance.now() : -1;",
                    vec![],
                )
                .await
                .unwrap();
            if let Some(t) = v.as_f64().filter(|t| *t >= 0.0) {
                at = Some(t);
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let at = at.expect("the KPI table appeared");
        // The paint entry is queued after the frame is presented: give it a moment.
        let mut paint = None;
        for _ in 0..200 {
            let v = s
                .client
                .execute(
                    "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : -1;",
                    vec![],
                )
                .await
                .unwrap();
            if let Some(t) = v.as_f64().filter(|t| *t >= 0.0) {
                paint = Some(t);
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let paint = paint.expect("a first contentful paint");
        println!("first-paint: run {i}: FCP {paint:.0} ms, KPI table {at:.0} ms");
        fcp.push(paint);
        table.push(at);
    }
    println!(
        "first-paint: {runs} loads of {url}: FCP median {:.0} ms (first load {:.0} ms), KPI table median {:.0} ms (first load {:.0} ms)",
        median(&fcp[1..]),
        fcp[0],
        median(&table[1..]),
        table[0]
    );
    assert!(fcp.iter().zip(&table).all(|(p, t)| *p > 0.0 && *t > 0.0));
    s.close().await;
}

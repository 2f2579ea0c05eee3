//! axe-core in the page (release build, headless Chromium): no serious or
//! critical accessibility violation on any of the nine pages, in Russian,
//! at a desktop (1400 px) and a phone (390 px) width — at the phone width
//! more tables and heatmaps scroll, and a box that scrolls must be reachable
//! by keyboard.
//!
//! axe-core is the npm package installed by `scripts/setup.sh --browser`
//! into `.tools/` (or `AXE_CORE_JS` = the path of `axe.min.js`); it is
//! injected over WebDriver, so nothing is fetched and the page's CSP stays.

use std::path::PathBuf;
use std::time::Duration;

use callcalc_e2e::Session;

const PAGES: [&str; 9] =
    ["kpi", "import", "staffing", "compare", "capacity", "forecast", "budget", "operators", "practice"];

fn axe_source() -> String {
    let path = std::env::var_os("AXE_CORE_JS").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/setup.sh --browser to install axe-core)", path.display()))
}

async fn viewport(s: &Session, width: u32) {
    let mut outer = i64::from(width);
    for _ in 0..4 {
        s.client.set_window_size(outer.max(200) as u32, 900).await.expect("resize");
        let inner = s.client.execute("return window.innerWidth", vec![]).await.unwrap().as_i64().unwrap_or(0);
        if inner == i64::from(width) {
            return;
        }
        outer += i64::from(width) - inner;
    }
    panic!("could not set the viewport to {width} px");
}

/// Runs axe on the document; the serious and critical violations, one line each.
async fn serious_violations(s: &Session) -> Vec<String> {
    let result = s
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ['violations'] }).then((r) => {
                 done(r.violations
                   .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                   .map((v) => v.impact + ' ' + v.id + ' (' + v.nodes.length + '): ' + v.help + ' — ' +
                     v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160) + ']').join(' | ')));
               }, (e) => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("axe.run");
    result.as_array().into_iter().flatten().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_serious_or_critical_axe_violations_on_any_page() {
    let axe = axe_source();
    let s = Session::start().await;
    // axe on the forecast page (two heatmaps, many tables) takes a few seconds.
    let mut timeouts = s.client.get_timeouts().await.expect("timeouts");
    timeouts.set_script(Some(Duration::from_secs(120)));
    s.client.update_timeouts(timeouts).await.expect("script timeout");
    s.client.goto(&s.base).await.unwrap();
    s.wait_for("nav-kpi").await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','ru');", vec![]).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("nav-kpi").await;
    s.client.execute(&axe, vec![]).await.expect("inject axe-core");
    let version = s.client.execute("return axe.version", vec![]).await.unwrap();
    assert!(version.as_str().is_some_and(|v| v.starts_with('4')), "axe {version}");

    let mut failures = Vec::new();
    for width in [1400, 390] {
        viewport(&s, width).await;
        for page in PAGES {
            s.show_page(page).await;
            if page == "forecast" && s.exists("shift-run").await && !s.exists("shift-coverage").await {
                s.click("shift-run").await;
                s.wait_for("shift-coverage").await;
                s.show_page(page).await;
            }
            for v in serious_violations(&s).await {
                failures.push(format!("{width} px #{page}: {v}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} violations:\n{}", failures.len(), failures.join("\n"));
    s.close().await;
}

//! The one-file build (`make offline`: `dist-offline/callcalc.html`, made by
//! `scripts/offline.py` from `dist/`) opened from disk (`file://`) in headless
//! Chromium: every page renders its main element, the footer names the same
//! version and build as the served release build, the stylesheet and the
//! boot script run under a CSP that allows them only by hash and forbids
//! every connection, and nothing is loaded from anywhere.
//!
//! Needs `trunk build --release` and `python3 scripts/offline.py` first
//! (`scripts/test.sh` does both). `CALLCALC_OFFLINE` overrides the file.

use std::path::PathBuf;
use std::time::Duration;

use callcalc_e2e::{dist_dir, Session};
use fantoccini::Locator;

fn offline_file() -> PathBuf {
    match std::env::var_os("CALLCALC_OFFLINE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist-offline/callcalc.html"),
    }
}

/// `callcalc 0.1.0 · build 1a2b3c4d5[-dirty] · 2026-12-03` (or `сборка` in
/// Russian, `unknown` outside a git checkout): checks the shape and returns
/// the hash.
fn build_hash(line: &str, word: &str) -> String {
    let prefix = format!("callcalc {} · {word} ", env!("CARGO_PKG_VERSION"));
    let rest = line.strip_prefix(&prefix).unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    let (hash, date) = rest.split_once(" · ").unwrap_or_else(|| panic!("{line:?}: no date"));
    let bare = hash.trim_end_matches("-dirty");
    assert!(bare == "unknown" || (bare.len() >= 7 && bare.chars().all(|c| c.is_ascii_hexdigit())), "{line:?}");
    let d: Vec<&str> = date.split('-').collect();
    assert!(
        d.len() == 3 && [4, 2, 2].iter().zip(&d).all(|(n, p)| p.len() == *n && p.chars().all(|c| c.is_ascii_digit())),
        "{line:?}: date"
    );
    hash.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offline_file_runs_every_page_from_disk() {
    let file = offline_file();
    assert!(
        file.is_file(),
        "{} is missing: run `make offline` (or scripts/offline.py after trunk build)",
        file.display()
    );
    let file = file.canonicalize().expect("absolute path");
    let url = format!("file://{}", file.display());

    // The served release build, for the version line to compare with.
    let s = Session::start().await;
    s.client.goto(&format!("{}#staffing", s.base)).await.unwrap();
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.refresh().await.unwrap();
    let served = s.text_when("build-version", |t| !t.is_empty()).await;
    let served_hash = build_hash(&served, "build");
    assert!(dist_dir().join("index.html").is_file());

    s.client.goto(&format!("{url}#kpi")).await.unwrap();
    assert!(s.client.current_url().await.unwrap().as_str().starts_with("file://"));
    // localStorage of a file:// page is its own: choose English there too.
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("kpi-table").await;

    // The same calculator as the served build, named in the footer.
    let line = s.text("build-version").await;
    assert_eq!(build_hash(&line, "build"), served_hash);
    assert_eq!(line, served, "the offline file shows the served build's version line");

    // The policy: no connection, the inline script and style allowed by hash only.
    let csp = s
        .client
        .execute(
            "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); \
             return m ? m.getAttribute('content') : '';",
            vec![],
        )
        .await
        .unwrap();
    let csp = csp.as_str().unwrap_or_default().to_string();
    assert!(csp.contains("connect-src 'none'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    let script_src = csp.split(';').find(|d| d.trim_start().starts_with("script-src")).unwrap_or_default();
    assert!(script_src.contains("'sha256-") && script_src.contains("'wasm-unsafe-eval'"), "{csp}");
    let style_src = csp.split(';').find(|d| d.trim_start().starts_with("style-src")).unwrap_or_default();
    assert!(style_src.contains("'sha256-"), "{csp}");

    // The hashed stylesheet applied (the header is a flex row), nothing was
    // loaded from anywhere, and no script or stylesheet points at a file.
    let facts = s
        .client
        .execute(
            "return [getComputedStyle(document.querySelector('.app-header')).display, \
                     performance.getEntriesByType('resource').length, \
                     document.querySelectorAll('script[src], link[href]:not([href^=\"data:\"])').length];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(facts, serde_json::json!(["flex", 0, 0]));

    // Every page, by its navigation link: the page's section and its main element.
    let pages = [
        ("import", "import-file"),
        ("kpi", "kpi-table"),
        ("staffing", "result-agents"),
        ("compare", "compare-table"),
        ("capacity", "cap-sl"),
        ("forecast", "backtest-table"),
        ("budget", "budget-monthly"),
        ("operators", "operators-table"),
        ("practice", "practice-settings"),
    ];
    for (page, main) in pages {
        s.click(&format!("nav-{page}")).await;
        s.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&format!("section.{page}-page")))
            .await
            .unwrap_or_else(|e| panic!("#{page}: the page did not render: {e}"));
        s.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&format!("[data-testid='{main}']")))
            .await
            .unwrap_or_else(|e| panic!("#{page}: {main} did not appear: {e}"));
        let here = s.client.current_url().await.unwrap();
        assert_eq!(here.fragment(), Some(page), "{here}");
        assert!(here.as_str().starts_with("file://"), "{here}");
        assert_eq!(build_hash(&s.text("build-version").await, "build"), served_hash, "#{page}");
    }

    // Opened straight on a page (a bookmark), in Russian: the footer says «сборка».
    s.client.execute("localStorage.setItem('callcalc.lang','ru');", vec![]).await.unwrap();
    s.client.goto(&format!("{url}#forecast")).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("backtest-table").await;
    assert_eq!(build_hash(&s.text("build-version").await, "сборка"), served_hash);
    s.close().await;
}

//! The staffing page in a real headless Chromium against the release build:
//! type inputs, read results by `data-testid`, compare with the engine, switch
//! language, reload and find the inputs kept.

use callcalc_e2e::{read_number, Session};
use callcalc_engine::{required_agents, Load, Shrinkage, Targets};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staffing_page_matches_engine_switches_language_and_persists() {
    let s = Session::start().await;
    s.open().await;
    // Start from a clean slate: English, default inputs.
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.open().await;

    // The CSP forbids every network connection.
    let csp = s
        .client
        .execute("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content", vec![])
        .await
        .unwrap();
    let csp = csp.as_str().unwrap_or_default();
    assert!(csp.contains("connect-src 'none'"), "{csp}");

    s.type_into("input-calls", "137").await;
    s.type_into("input-interval_min", "30").await;
    s.type_into("input-aht", "4:23").await;
    s.type_into("input-sl_percent", "95").await;
    s.type_into("input-sl_seconds", "60").await;
    s.type_into("input-shrinkage", "35").await;

    let load = Load::new(137.0, 1800.0, 263.0).unwrap();
    let expected = required_agents(&load, &Targets::service_level(0.95, 60.0).unwrap());
    assert_eq!(expected.agents, 26, "reference pub-rs-08");
    let gross = expected.gross(Shrinkage::new(0.35).unwrap());

    let agents = s.text_when("result-agents", |t| t == expected.agents.to_string()).await;
    assert_eq!(agents, "26");
    assert_eq!(s.text("result-gross-fte").await, gross.fte_rounded.to_string());
    let traffic = read_number(&s.text("result-traffic").await).unwrap();
    assert!((traffic - load.traffic().erlangs()).abs() < 0.005, "{traffic}");
    let sl = read_number(&s.text("result-sl").await).unwrap();
    assert!((sl - expected.kpis.service_level * 100.0).abs() < 0.05, "{sl}");
    let asa = read_number(&s.text("result-asa").await).unwrap();
    assert!((asa - expected.kpis.asa_s).abs() < 0.05, "{asa}");
    let occ = read_number(&s.text("result-occupancy").await).unwrap();
    assert!((occ - expected.kpis.occupancy * 100.0).abs() < 0.05, "{occ}");
    let fte = read_number(&s.text("result-gross-fte-unrounded").await).unwrap();
    assert!((fte - gross.fte).abs() < 0.005, "{fte}");

    // A wrong value is reported next to its field.
    s.type_into("input-aht", "abc").await;
    let err = s.text("error-aht").await;
    assert!(err.contains("duration"), "{err}");
    s.type_into("input-aht", "263").await;
    s.text_when("result-agents", |t| t == "26").await;

    // Too few agents on hand: the queue is unstable, never a negative wait.
    s.type_into("input-agents_on_hand", "20").await;
    let unstable = s.text("check-unstable").await;
    assert!(unstable.contains("unstable"), "{unstable}");

    // Language switch: Russian labels and decimal commas.
    s.click("lang-ru").await;
    let traffic_ru = s.text_when("result-traffic", |t| t.contains("Эрл")).await;
    assert!(traffic_ru.contains(','), "{traffic_ru}");

    // Reload: the inputs and the language are remembered.
    s.client.refresh().await.unwrap();
    s.wait_for("result-agents").await;
    let calls = s.wait_for("input-calls").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(calls, "137");
    let aht = s.wait_for("input-aht").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(aht, "263");
    assert_eq!(s.text("result-agents").await, "26");
    assert!(s.text("result-traffic").await.contains("Эрл"));
    s.close().await;
}

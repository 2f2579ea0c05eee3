//! The model-comparison and capacity pages in a real headless Chromium
//! against the release build, checked against the engine.

use callcalc_e2e::{read_number, Session};
use callcalc_engine::{
    required_agents, simulate, ErlangA, ErlangX, Load, QueueTargets, Redial, RedialSource, SimulationSpec,
    SlDefinition, Targets,
};

fn defaults() -> (Load, ErlangA, ErlangX, QueueTargets) {
    // The pages' defaults: 360 calls / 30 min, AHT 4:00, 80% in 20 s,
    // patience 120 s, 60 lines, 20% of lost callers redial.
    let load = Load::new(360.0, 1800.0, 240.0).unwrap();
    let a = ErlangA::new(load, 120.0, 20.0).unwrap();
    let redial = Redial::new(0.2, RedialSource::BlockedAndAbandoned).unwrap();
    let x = ErlangX::new(load, Some(60), Some(120.0), redial, 20.0).unwrap();
    let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
    (load, a, x, t)
}

fn close(shown: &str, expected: f64, tol: f64) {
    let got = read_number(shown).unwrap_or_else(|| panic!("no number in {shown:?}"));
    assert!((got - expected).abs() <= tol, "shown {shown:?}, engine {expected}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comparison_and_capacity_pages_match_the_engine() {
    let (load, a, x, targets) = defaults();
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#compare", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("compare-table").await;

    // Agents required by each model.
    let c_req = required_agents(&load, &Targets::service_level(0.8, 20.0).unwrap()).agents;
    assert_eq!(s.text("cmp-c-required").await, c_req.to_string());
    assert_eq!(s.text("cmp-a-required").await, a.required_agents(&targets).agents().unwrap().to_string());
    assert_eq!(s.text("cmp-x-required").await, x.required_agents(&targets).agents().unwrap().to_string());

    // KPIs at the given 52 agents.
    let ak = a.at(52);
    close(&s.text("cmp-a-sl").await, ak.sl_answered_within_t_over_offered.value * 100.0, 0.05);
    close(&s.text("cmp-a-abandon").await, ak.p_abandon * 100.0, 0.05);
    let xk = x.at(52).stable().cloned().unwrap();
    close(&s.text("cmp-x-block").await, xk.p_block * 100.0, 0.05);

    // Fewer agents than Erlangs: Erlang C is unstable, Erlang A is not.
    s.type_into("input-agents", "45").await;
    let c_sl = s.text_when("cmp-c-sl", |t| t.contains("unstable")).await;
    assert!(c_sl.contains("unstable"), "{c_sl}");
    close(&s.text("cmp-a-sl").await, a.at(45).sl_answered_within_t_over_offered.value * 100.0, 0.05);
    s.type_into("input-agents", "52").await;

    // Capacity page, same (remembered) inputs.
    s.click("nav-capacity").await;
    s.wait_for("cap-sl").await;
    close(&s.text("cap-sl").await, xk.sl_answered_within_t_over_attempts.value * 100.0, 0.05);
    close(&s.text("cap-block").await, xk.p_block * 100.0, 0.05);
    close(&s.text("cap-abandon").await, xk.p_abandon * 100.0, 0.05);
    let x_req = x.required_agents(&targets).agents().unwrap();
    assert_eq!(s.text("cap-required").await, x_req.to_string());
    assert_eq!(read_number(&s.text("cap-surplus").await).unwrap(), 52.0 - x_req as f64);

    // The simulation runs in the browser and shows its interval beside the formula.
    s.click("sim-run").await;
    s.wait_for("sim-table").await;
    let mut spec = SimulationSpec::from_erlang_x(&x, 52);
    spec.seed = 20_261_127;
    let sim = simulate(spec).unwrap();
    let est = s.text("sim-sl-estimate").await;
    assert!(est.contains('±'), "{est}");
    close(&est, sim.sl_answered_within_t_over_attempts.mean * 100.0, 0.005);
    let formula_inside = (xk.p_block - sim.p_block.mean).abs() <= sim.p_block.half_width_95;
    let status = s.text("sim-block-status").await;
    assert_eq!(status.contains("within"), formula_inside, "{status}");
    // The warning shows exactly when a compared quantity falls outside.
    let mut any_outside = false;
    for key in ["block", "abandon", "sl", "asa"] {
        any_outside |= s.text(&format!("sim-{key}-status")).await.contains("outside");
    }
    assert_eq!(s.exists("sim-warning").await, any_outside);
    s.close().await;
}

//! `callcalc cases` against the independent 50-digit reference values for
//! the queueing models beyond Erlang C: Erlang A (cases_public.json), Erlang X,
//! chat and chat staffing (cases_x_public.json), plus the "redials from
//! abandoned only" variant block of the Erlang X cases.

mod common;

use serde_json::{json, Value};

#[test]
fn erlang_a_matches_reference() {
    let n = common::check_models("cases_public.json", &["erlang_a"]);
    assert_eq!(n, 8, "every Erlang A case was checked");
}

#[test]
fn erlang_x_chat_and_chat_staffing_match_reference() {
    let n = common::check_models("cases_x_public.json", &["erlang_x", "erlang_chat", "erlang_chat_required_agents"]);
    assert_eq!(n, 17, "every Erlang X, chat and chat staffing case was checked");
}

/// The `expected_variant_redials_from_abandoned_only` blocks: the same Erlang X
/// cases with `"redials_from": "abandoned_only"` (blocked attempts are lost).
#[test]
fn erlang_x_redials_from_abandoned_only_variant_matches_reference() {
    let doc = common::load_json(&common::reference_file("cases_x_public.json"));
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for case in doc["cases"].as_array().expect("cases") {
        let Some(variant) = case.get("expected_variant_redials_from_abandoned_only") else { continue };
        let mut inputs = case["inputs"].clone();
        inputs["redials_from"] = json!("abandoned_only");
        cases.push(json!({ "id": case["id"], "model": "erlang_x", "inputs": inputs }));
        expected.push((case["id"].as_str().unwrap_or("?").to_string(), variant.clone()));
    }
    let dir = std::env::temp_dir().join(format!("callcalc-queue-variant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("variant.json");
    std::fs::write(&path, serde_json::to_string(&json!({ "cases": cases })).unwrap()).unwrap();
    let out = common::run_cases(&path);
    let out = out.as_array().expect("array");
    let mut problems = Vec::new();
    let mut values = 0;
    for ((id, variant), got) in expected.iter().zip(out) {
        let outputs = got.get("outputs").unwrap_or(&Value::Null);
        for (key, want) in variant.as_object().expect("object") {
            if key == "rule" {
                continue;
            }
            values += 1;
            if let Some(p) = common::compare(id, key, want, outputs.get(key)) {
                problems.push(p);
            }
        }
    }
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(expected.len(), 7, "every case with a variant block was checked");
    assert_eq!(values, 7 * 8);
}

fn run_inline(name: &str, cases: Value) -> Vec<Value> {
    let dir = std::env::temp_dir().join(format!("callcalc-queue-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cases.json");
    std::fs::write(&path, serde_json::to_string(&json!({ "cases": cases })).unwrap()).unwrap();
    common::run_cases(&path).as_array().expect("array").clone()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Staffing, deferred work and simulation models: consistent with the
/// evaluation models they build on.
#[test]
fn staffing_deferred_and_simulation_models() {
    let ea = json!({"calls_per_interval": 100, "interval_s": 1800, "aht_s": 180, "mean_patience_s": 300, "sl_threshold_s": 20});
    let mut ea_staff = ea.clone();
    ea_staff["sl_target"] = json!(0.8);
    let mut ea_at = ea.clone();
    ea_at["agents"] = json!(13);
    let x = json!({"calls_per_interval": 120, "interval_s": 1800, "aht_s": 180, "lines": 18, "mean_patience_s": 120,
                   "redial_probability": "0.5", "sl_threshold_s": 20});
    let mut x_staff = x.clone();
    x_staff["sl_definition"] = json!("sl_answered_within_t_over_accepted");
    x_staff["sl_target"] = json!(0.7);
    x_staff["max_abandon"] = json!(0.1);
    let mut x_sim = x.clone();
    x_sim["agents"] = json!(12);
    x_sim["redial_probability"] = json!("0");
    x_sim["replications"] = json!(8);
    x_sim["max_events"] = json!(400000);
    x_sim["seed"] = json!(11);
    let mut x_exact = x_sim.clone();
    x_exact.as_object_mut().unwrap().retain(|k, _| !["replications", "max_events", "seed"].contains(&k.as_str()));
    let out = run_inline(
        "extra",
        json!([
            {"id": "a-staff", "model": "erlang_a_required_agents", "inputs": ea_staff},
            {"id": "a-at", "model": "erlang_a", "inputs": ea_at},
            {"id": "x-staff", "model": "erlang_x_required_agents", "inputs": x_staff},
            {"id": "deferred", "model": "deferred_work", "inputs": {"arrivals": [18, 0, 27, 0], "interval_s": 3600,
                "aht_s": 300, "productive_share": 0.75, "deadline_s": 7200}},
            {"id": "x-sim", "model": "erlang_x_simulation", "inputs": x_sim},
            {"id": "x-exact", "model": "erlang_x", "inputs": x_exact},
        ]),
    );
    let o = |i: usize| &out[i]["outputs"];
    assert_eq!(o(0)["agents"], json!(13), "{}", out[0]);
    assert_eq!(o(0)["sl_at_agents"], o(1)["sl_answered_within_t_over_offered"]);
    assert!(f(&o(0)["sl_at_agents_minus_1"]) < 0.8);
    assert_eq!(o(0)["binding"], json!("service_level"));

    let n = o(2)["agents"].as_u64().expect("x staffing met") as u32;
    assert!(f(&o(2)["sl_at_agents"]) >= 0.7 && f(&o(2)["p_abandon_at_agents"]) <= 0.1, "{}", out[2]);
    let mut at = x.clone();
    at["agents"] = json!(n);
    let mut below = x.clone();
    below["agents"] = json!(n - 1);
    let check = run_inline(
        "x-at",
        json!([{"id": "n", "model": "erlang_x", "inputs": at}, {"id": "n-1", "model": "erlang_x", "inputs": below}]),
    );
    assert_eq!(o(2)["sl_at_agents"], check[0]["outputs"]["sl_answered_within_t_over_accepted"]);
    let b = &check[1]["outputs"];
    assert!(f(&b["sl_answered_within_t_over_accepted"]) < 0.7 || f(&b["p_abandon"]) > 0.1);

    assert_eq!(o(3)["agents"], json!([0, 2, 0, 3]));
    assert_eq!(o(3)["level_agents"], json!(2));

    for key in ["p_block", "p_abandon", "sl_answered_within_t_over_accepted", "occupancy"] {
        let (mean, half, exact) =
            (f(&o(4)[format!("{key}_mean")]), f(&o(4)[format!("{key}_ci95_halfwidth")]), f(&o(5)[key]));
        assert!((mean - exact).abs() <= 1.7 * half, "{key}: simulated {mean} ± {half}, exact {exact}");
    }
}

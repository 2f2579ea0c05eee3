//! `callcalc cases` against the independent 50-digit reference values for
//! Erlang B, Erlang C (stable and unstable), required agents and FTE.

mod common;

#[test]
fn erlang_b_c_staffing_and_fte_match_reference() {
    let n = common::check_models(
        "cases_public.json",
        &["erlang_b", "erlang_c", "required_agents_sl", "required_agents_asa", "fte_from_shrinkage"],
    );
    assert_eq!(n, 35, "every Erlang B/C, staffing and FTE case was checked");
}

#[test]
fn unknown_models_are_reported_per_case_not_fatal() {
    let dir = std::env::temp_dir().join(format!("callcalc-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mixed.json");
    std::fs::write(
        &path,
        r#"{"cases": [
            {"id": "x", "model": "no_such_model", "inputs": {}},
            {"id": "b", "model": "erlang_b", "inputs": {"traffic_erlangs": "20.0", "agents": 25}},
            {"id": "bad", "model": "erlang_c", "inputs": {"calls_per_interval": 10, "interval_s": 3600, "aht_s": "-3", "agents": 2, "sl_threshold_s": 20}}
        ]}"#,
    )
    .unwrap();
    let out = common::run_cases(&path);
    let out = out.as_array().unwrap();
    assert!(out[0]["error"].as_str().unwrap().contains("unknown model"));
    assert!((out[1]["outputs"]["blocking"].as_f64().unwrap() - 0.05022177789079462).abs() < 1e-15);
    assert!(out[2]["error"].as_str().unwrap().contains("aht_s"), "{}", out[2]);
}

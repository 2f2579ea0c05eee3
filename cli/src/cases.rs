//! `callcalc cases FILE`: recompute reference cases with the engine.
//!
//! The file is `{"cases": [{"id", "model", "inputs": {…}, "expected": {…}}, …]}`
//! (extra keys ignored). Output: `[{"id": …, "model": …, "outputs": {…}}]` with
//! the same output keys as `expected`; a case that cannot be computed (unknown
//! model, bad input) gets `"error": "…"` instead of `outputs`, and the others
//! still run.

use callcalc_engine::{erlang_b, required_agents, ErlangC, Load, Queue, Shrinkage, Targets, Traffic};
use serde_json::{json, Map, Value};

use crate::input::{num, opt, Inputs};

pub fn run_file(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: not valid JSON: {e}"))?;
    let cases = doc
        .get("cases")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{path}: expected an object with a \"cases\" array"))?;
    let out: Vec<Value> = cases.iter().enumerate().map(|(i, c)| run_case(i, c)).collect();
    serde_json::to_string_pretty(&Value::Array(out)).map_err(|e| e.to_string())
}

fn run_case(index: usize, case: &Value) -> Value {
    let fallback_id = format!("#{index}");
    let id = case.get("id").and_then(Value::as_str).unwrap_or(&fallback_id);
    let model = case.get("model").and_then(Value::as_str).unwrap_or("");
    let empty = Map::new();
    let inputs = Inputs { id, map: case.get("inputs").and_then(Value::as_object).unwrap_or(&empty) };
    match evaluate(model, &inputs) {
        Ok(outputs) => json!({ "id": id, "model": model, "outputs": outputs }),
        Err(e) => json!({ "id": id, "model": model, "error": e }),
    }
}

/// Outputs of one case, by model.
pub fn evaluate(model: &str, i: &Inputs) -> Result<Map<String, Value>, String> {
    match model {
        "erlang_b" => erlang_b_case(i),
        "erlang_c" => erlang_c_case(i),
        "required_agents_sl" => required_sl_case(i),
        "required_agents_asa" => required_asa_case(i),
        "fte_from_shrinkage" => fte_case(i),
        "erlang_a" => crate::cases_queue::erlang_a(i),
        "erlang_x" => crate::cases_queue::erlang_x(i),
        "erlang_chat" => crate::cases_queue::erlang_chat(i),
        "erlang_chat_required_agents" => crate::cases_queue::erlang_chat_required_agents(i),
        "erlang_a_required_agents" => crate::cases_queue::erlang_a_required_agents(i),
        "erlang_x_required_agents" => crate::cases_queue::erlang_x_required_agents(i),
        "deferred_work" => crate::cases_queue::deferred_work(i),
        "erlang_x_simulation" => crate::cases_queue::erlang_x_simulation(i),
        other => Err(format!("case {}: unknown model {other:?}", i.id)),
    }
}

fn err(i: &Inputs, e: callcalc_engine::FieldError) -> String {
    format!("case {}: {e}", i.id)
}

fn load(i: &Inputs) -> Result<Load, String> {
    Load::new(i.num("calls_per_interval")?, i.num("interval_s")?, i.num("aht_s")?).map_err(|e| err(i, e))
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn erlang_b_case(i: &Inputs) -> Result<Map<String, Value>, String> {
    let a = Traffic::new(i.num("traffic_erlangs")?).map_err(|e| err(i, e))?;
    Ok(obj(json!({ "blocking": num(erlang_b(a, i.count("agents")?)) })))
}

fn erlang_c_case(i: &Inputs) -> Result<Map<String, Value>, String> {
    let load = load(i)?;
    let q = ErlangC::new(load, i.num("sl_threshold_s")?).map_err(|e| err(i, e))?;
    let a = load.traffic().erlangs();
    Ok(obj(match q.at(i.count("agents")?) {
        Queue::Stable(k) => json!({
            "traffic_erlangs": num(a),
            "stable": true,
            "erlang_b": num(k.erlang_b),
            "p_wait": num(k.p_wait),
            "service_level": num(k.service_level),
            "service_level_one_minus": num(k.service_level_one_minus),
            "asa_s": num(k.asa_s),
            "occupancy": num(k.occupancy),
        }),
        Queue::Unstable(o) => json!({
            "traffic_erlangs": num(a),
            "stable": false,
            "p_wait": null,
            "service_level": null,
            "asa_s": null,
            "asa_infinite": true,
            "offered_load_per_agent": num(o.load_per_agent),
            "expected_outcome": "undefined/infinite: A >= N, M/M/N has no steady state",
        }),
    }))
}

fn required_sl_case(i: &Inputs) -> Result<Map<String, Value>, String> {
    let load = load(i)?;
    let t = i.num("sl_threshold_s")?;
    let targets = Targets::service_level(i.num("sl_target")?, t).map_err(|e| err(i, e))?;
    let s = required_agents(&load, &targets);
    let q = ErlangC::new(load, t).map_err(|e| err(i, e))?;
    let below = s.agents.checked_sub(1).and_then(|n| q.at(n).stable().map(|k| k.service_level));
    Ok(obj(json!({
        "traffic_erlangs": num(s.traffic_erlangs),
        "agents": s.agents,
        "sl_at_agents": num(s.kpis.service_level),
        "sl_at_agents_minus_1": opt(below),
        "occupancy_at_agents": num(s.kpis.occupancy),
        "rule": "smallest integer N > A with 1 - C(N,A) exp(-(N-A) t/AHT) >= target",
    })))
}

fn required_asa_case(i: &Inputs) -> Result<Map<String, Value>, String> {
    let load = load(i)?;
    let t = i.opt_num("sl_threshold_s")?.unwrap_or(0.0);
    let targets = Targets::asa(i.num("asa_target_s")?, t).map_err(|e| err(i, e))?;
    let s = required_agents(&load, &targets);
    let q = ErlangC::new(load, t).map_err(|e| err(i, e))?;
    let below = s.agents.checked_sub(1).and_then(|n| q.at(n).stable().map(|k| k.asa_s));
    Ok(obj(json!({
        "traffic_erlangs": num(s.traffic_erlangs),
        "agents": s.agents,
        "asa_at_agents_s": num(s.kpis.asa_s),
        "asa_at_agents_minus_1_s": opt(below),
        "rule": "smallest integer N > A with C(N,A) AHT/(N-A) <= target",
    })))
}

fn fte_case(i: &Inputs) -> Result<Map<String, Value>, String> {
    let s = Shrinkage::new(i.num("shrinkage")?).map_err(|e| err(i, e))?;
    let g = s.gross(i.num("net_agents")?).map_err(|e| err(i, e))?;
    Ok(obj(json!({
        "gross_fte": num(g.fte),
        "gross_fte_ceil": g.fte_rounded,
        "rule": "gross = net / (1 - shrinkage); NOT net*(1+shrinkage)",
        "wrong_variant_net_times_1_plus_s": num(g.wrong_variant_net_times_1_plus_s),
    })))
}

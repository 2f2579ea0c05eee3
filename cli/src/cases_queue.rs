//! Reference cases for the queueing models beyond Erlang C: Erlang A, Erlang X
//! (lines, patience, redials), chat with concurrency and its staffing.
//!
//! Output keys are the `expected` keys of `testdata/reference/cases_public.json`
//! (model `erlang_a`) and `cases_x_public.json` (`erlang_x`, `erlang_chat`,
//! `erlang_chat_required_agents`). Further models for auditors:
//! `erlang_a_required_agents`, `erlang_x_required_agents` (staffing for every
//! target at once), `deferred_work` (back office with deadlines) and
//! `erlang_x_simulation` (the true dynamics, seeded).

use callcalc_engine::{
    Chat, ChatResult, DeferredWork, ErlangA, ErlangX, ErlangXResult, FieldError, Load, Proportion, QueueMetrics,
    QueueTargets, Redial, RedialSource, Simulation, SimulationSpec, SlDefinition, StaffingOutcome,
};
use serde_json::{json, Map, Value};

use crate::input::{num, opt, Inputs};

fn err(i: &Inputs, e: FieldError) -> String {
    format!("case {}: {e}", i.id)
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn load(i: &Inputs) -> Result<Load, String> {
    Load::new(i.num("calls_per_interval")?, i.num("interval_s")?, i.num("aht_s")?).map_err(|e| err(i, e))
}

/// Adds `key` and `key_one_minus` for a probability with its complement.
fn put_share(m: &mut Map<String, Value>, key: &str, s: Option<Proportion>) {
    m.insert(key.to_string(), opt(s.map(|s| s.value)));
    m.insert(format!("{key}_one_minus"), opt(s.map(|s| s.complement)));
}

/// `erlang_a`: every Erlang A KPI at the given agents.
pub fn erlang_a(i: &Inputs) -> Result<Map<String, Value>, String> {
    let q = ErlangA::new(load(i)?, i.num("mean_patience_s")?, i.num("sl_threshold_s")?).map_err(|e| err(i, e))?;
    let k = q.at(i.count("agents")?);
    let mut m = obj(json!({
        "traffic_erlangs": num(k.traffic_erlangs),
        "p_wait": num(k.p_wait),
        "p_abandon": num(k.p_abandon),
        "p_served": num(k.p_served),
        "asa_served_s": opt(k.asa_served_s),
        "mean_wait_all_s": num(k.mean_wait_all_s),
        "mean_wait_abandoned_s": opt(k.mean_wait_abandoned_s),
        "asa_virtual_s": opt(k.asa_virtual_s),
        "mean_queue_length": num(k.mean_queue_length),
        "p_abandon_within_t": num(k.p_abandon_within_t),
        "occupancy_carried": num(k.occupancy_carried),
    }));
    put_share(&mut m, "sl_answered_within_t_over_offered", Some(k.sl_answered_within_t_over_offered));
    put_share(&mut m, "sl_answered_within_t_over_answered", k.sl_answered_within_t_over_answered);
    put_share(
        &mut m,
        "sl_answered_within_t_over_offered_minus_abandoned_within_t",
        Some(k.sl_answered_within_t_over_offered_minus_abandoned_within_t),
    );
    put_share(&mut m, "sl_all_wait_le_t", Some(k.sl_all_wait_le_t));
    put_share(&mut m, "sl_offered_wait_le_t", Some(k.sl_offered_wait_le_t));
    Ok(m)
}

fn redial(i: &Inputs) -> Result<Redial, String> {
    let source = match i.map.get("redials_from").and_then(Value::as_str) {
        None | Some("blocked_and_abandoned") => RedialSource::BlockedAndAbandoned,
        Some("abandoned_only") => RedialSource::AbandonedOnly,
        Some(other) => {
            return Err(format!(
                "case {}: input \"redials_from\" = {other:?} is not \"blocked_and_abandoned\" or \"abandoned_only\"",
                i.id
            ))
        }
    };
    Redial::new(i.opt_num("redial_probability")?.unwrap_or(0.0), source).map_err(|e| err(i, e))
}

fn erlang_x_model(i: &Inputs) -> Result<ErlangX, String> {
    ErlangX::new(load(i)?, i.opt_count("lines")?, i.opt_num("mean_patience_s")?, redial(i)?, i.num("sl_threshold_s")?)
        .map_err(|e| err(i, e))
}

/// `erlang_x`: every Erlang X KPI at the given agents and lines. Optional
/// input `redials_from`: `"blocked_and_abandoned"` (default) or `"abandoned_only"`.
pub fn erlang_x(i: &Inputs) -> Result<Map<String, Value>, String> {
    let x = erlang_x_model(i)?;
    let interval = x.load().interval_s();
    Ok(match x.at(i.count("agents")?) {
        ErlangXResult::Stable(k) => {
            let mut m = obj(json!({
                "traffic_erlangs": num(k.traffic_erlangs),
                "attempts_per_interval": num(k.attempt_rate_per_s * interval),
                "redials_per_interval": num(k.redial_rate_per_s * interval),
                "total_offered_load_erlangs": num(k.total_offered_load_erlangs),
                "p_block": num(k.p_block),
                "p_abandon": num(k.p_abandon),
                "p_abandon_given_accepted": num(k.p_abandon_given_accepted),
                "p_served": num(k.p_served),
                "p_wait": num(k.p_wait),
                "p_wait_given_accepted": num(k.p_wait_given_accepted),
                "asa_served_s": opt(k.asa_served_s),
                "asa_virtual_accepted_s": opt(k.asa_virtual_accepted_s),
                "mean_wait_accepted_s": opt(k.mean_wait_accepted_s),
                "mean_wait_abandoned_s": opt(k.mean_wait_abandoned_s),
                "mean_queue_length": num(k.mean_queue_length),
                "p_abandon_within_t": num(k.p_abandon_within_t),
                "occupancy": num(k.occupancy),
                "carried_load_erlangs": num(k.carried_load_erlangs),
                "p_fresh_caller_eventually_served": num(k.p_fresh_caller_eventually_served),
                "p_fresh_caller_lost": num(k.p_fresh_caller_lost),
                "stable": true,
            }));
            put_share(&mut m, "sl_answered_within_t_over_attempts", Some(k.sl_answered_within_t_over_attempts));
            put_share(&mut m, "sl_answered_within_t_over_accepted", Some(k.sl_answered_within_t_over_accepted));
            put_share(&mut m, "sl_answered_within_t_over_answered", k.sl_answered_within_t_over_answered);
            put_share(
                &mut m,
                "sl_answered_within_t_over_accepted_minus_abandoned_within_t",
                Some(k.sl_answered_within_t_over_accepted_minus_abandoned_within_t),
            );
            put_share(&mut m, "sl_all_wait_le_t_over_accepted", Some(k.sl_all_wait_le_t_over_accepted));
            put_share(&mut m, "sl_virtual_wait_le_t_over_accepted", Some(k.sl_virtual_wait_le_t_over_accepted));
            m
        }
        ErlangXResult::Unstable(o) => obj(json!({
            "traffic_erlangs": num(o.traffic_erlangs),
            "stable": false,
            "p_wait": null,
            "asa_served_s": null,
            "offered_load_per_agent": num(o.load_per_agent),
            "expected_outcome": "undefined/infinite: no line limit, no patience and A >= N: no steady state",
        })),
    })
}

fn chat_model(i: &Inputs) -> Result<Chat, String> {
    let list = match i.map.get("aht_by_concurrency_s") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            })
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(|| format!("case {}: input \"aht_by_concurrency_s\" must be a list of numbers", i.id))?,
        Some(_) => return Err(format!("case {}: input \"aht_by_concurrency_s\" must be a list of numbers", i.id)),
        None => return Err(format!("case {}: input \"aht_by_concurrency_s\" is missing", i.id)),
    };
    Chat::new(
        i.num("chats_per_interval")?,
        i.num("interval_s")?,
        &list,
        i.opt_num("mean_patience_s")?,
        i.num("sl_threshold_s")?,
    )
    .map_err(|e| err(i, e))
}

/// `erlang_chat`: every chat KPI at the given agents.
pub fn erlang_chat(i: &Inputs) -> Result<Map<String, Value>, String> {
    let c = chat_model(i)?;
    Ok(match c.at(i.count("agents")?) {
        ChatResult::Stable(k) => {
            let mut m = obj(json!({
                "traffic_chats_per_s": num(k.arrival_rate_per_s),
                "p_wait": num(k.p_wait),
                "p_abandon": num(k.p_abandon),
                "p_served": num(k.p_served),
                "asa_served_s": opt(k.asa_served_s),
                "asa_virtual_offered_s": opt(k.asa_virtual_offered_s),
                "mean_wait_offered_s": num(k.mean_wait_offered_s),
                "mean_wait_abandoned_s": opt(k.mean_wait_abandoned_s),
                "mean_queue_length": num(k.mean_queue_length),
                "p_abandon_within_t": num(k.p_abandon_within_t),
                "mean_chats_in_service": num(k.mean_chats_in_service),
                "mean_chats_per_agent": num(k.mean_chats_per_agent),
                "slot_utilisation": num(k.slot_utilisation),
                "agent_busy_fraction": num(k.agent_busy_fraction),
                "throughput_per_interval": num(k.throughput_per_interval),
                "max_throughput_per_interval": num(k.max_throughput_per_interval),
                "stable": true,
            }));
            put_share(&mut m, "sl_answered_within_t_over_offered", Some(k.sl_answered_within_t_over_offered));
            put_share(&mut m, "sl_answered_within_t_over_answered", k.sl_answered_within_t_over_answered);
            put_share(
                &mut m,
                "sl_answered_within_t_over_offered_minus_abandoned_within_t",
                Some(k.sl_answered_within_t_over_offered_minus_abandoned_within_t),
            );
            put_share(&mut m, "sl_all_wait_le_t_over_offered", Some(k.sl_all_wait_le_t_over_offered));
            put_share(&mut m, "sl_virtual_wait_le_t_over_offered", Some(k.sl_virtual_wait_le_t_over_offered));
            m
        }
        ChatResult::Unstable(o) => obj(json!({
            "traffic_chats_per_s": num(o.arrival_rate_per_s),
            "stable": false,
            "p_wait": null,
            "asa_served_s": null,
            "max_throughput_per_interval": num(o.max_rate_per_s * i.num("interval_s")?),
            "expected_outcome": "undefined/infinite: no patience and arrivals >= N*k/AHT_k: no steady state",
        })),
    })
}

/// `erlang_chat_required_agents`: for each of three SL definitions, the
/// smallest N with SL(N) ≥ sl_target, and SL at N and N − 1.
pub fn erlang_chat_required_agents(i: &Inputs) -> Result<Map<String, Value>, String> {
    let c = chat_model(i)?;
    let target = i.num("sl_target")?;
    let mut m = Map::new();
    for (name, def) in [
        ("sl_answered_within_t_over_offered", SlDefinition::AnsweredOverOffered),
        ("sl_virtual_wait_le_t_over_offered", SlDefinition::VirtualWaitLeT),
        ("sl_answered_within_t_over_answered", SlDefinition::AnsweredOverAnswered),
    ] {
        let t = QueueTargets::service_level(def, target).map_err(|e| err(i, e))?;
        let s = c.required_agents(&t);
        let s = s.met().ok_or_else(|| format!("case {}: {name} target not reachable", i.id))?;
        let sl = |k: &callcalc_engine::ChatKpis| k.service_level(def).map(|p| p.value);
        m.insert(format!("agents_for_{name}"), json!(s.agents));
        m.insert(format!("{name}_at_agents"), opt(sl(&s.kpis)));
        m.insert(format!("{name}_at_agents_minus_1"), opt(s.kpis_below.as_ref().and_then(sl)));
    }
    m.insert(
        "rule".into(),
        json!("smallest integer N (stable if no patience) with SL(N) >= sl_target, for each SL variant; SL from the erlang_chat chain"),
    );
    Ok(m)
}

fn targets(i: &Inputs) -> Result<QueueTargets, String> {
    let key = i.map.get("sl_definition").and_then(Value::as_str).unwrap_or("sl_answered_within_t_over_offered");
    let def = SlDefinition::from_key(key).ok_or_else(|| format!("case {}: unknown sl_definition {key:?}", i.id))?;
    QueueTargets::new(
        def,
        i.opt_num("sl_target")?,
        i.opt_num("asa_target_s")?,
        i.opt_num("max_abandon")?,
        i.opt_num("max_block")?,
        i.opt_num("max_occupancy")?,
    )
    .map_err(|e| err(i, e))
}

fn staffing_outputs<K: QueueMetrics>(
    t: &QueueTargets,
    out: &StaffingOutcome<K>,
    extra: impl Fn(&K) -> Vec<(&'static str, Value)>,
) -> Map<String, Value> {
    let mut m = Map::new();
    let sl = |k: &K| k.service_level(t.sl_definition);
    match out {
        StaffingOutcome::Met(s) => {
            m.insert("agents".into(), json!(s.agents));
            m.insert("binding".into(), json!(s.binding.key()));
            m.insert("sl_at_agents".into(), opt(sl(&s.kpis)));
            m.insert("sl_at_agents_minus_1".into(), opt(s.kpis_below.as_ref().and_then(sl)));
            m.insert("p_abandon_at_agents".into(), num(s.kpis.p_abandon()));
            m.insert("p_block_at_agents".into(), num(s.kpis.p_block()));
            m.insert("asa_served_at_agents_s".into(), opt(s.kpis.asa_served_s()));
            m.insert("occupancy_at_agents".into(), num(s.kpis.occupancy()));
            for (k, v) in extra(&s.kpis) {
                m.insert(k.into(), v);
            }
        }
        StaffingOutcome::Unreachable(u) => {
            m.insert("agents".into(), Value::Null);
            m.insert("unreachable".into(), json!(true));
            m.insert("max_agents_tried".into(), json!(u.max_agents));
            m.insert("failing".into(), json!(u.failing.key()));
        }
    }
    m.insert("sl_definition".into(), json!(t.sl_definition.key()));
    m.insert(
        "rule".into(),
        json!("smallest integer N meeting every target (SL >= sl_target, ASA of served <= asa_target_s, abandonment <= max_abandon, blocking <= max_block, occupancy <= max_occupancy)"),
    );
    m
}

/// `erlang_a_required_agents`: inputs of `erlang_a` without `agents`, plus
/// targets `sl_definition`, `sl_target`, `asa_target_s`, `max_abandon`, `max_occupancy`.
pub fn erlang_a_required_agents(i: &Inputs) -> Result<Map<String, Value>, String> {
    let q = ErlangA::new(load(i)?, i.num("mean_patience_s")?, i.num("sl_threshold_s")?).map_err(|e| err(i, e))?;
    let t = targets(i)?;
    let out = q.required_agents(&t);
    let mut m = staffing_outputs(&t, &out, |_| Vec::new());
    m.insert("traffic_erlangs".into(), num(q.load().traffic().erlangs()));
    Ok(m)
}

/// `erlang_x_required_agents`: inputs of `erlang_x` without `agents`, plus the targets.
pub fn erlang_x_required_agents(i: &Inputs) -> Result<Map<String, Value>, String> {
    let x = erlang_x_model(i)?;
    let t = targets(i)?;
    let interval = x.load().interval_s();
    let out = x.required_agents(&t);
    let mut m = staffing_outputs(&t, &out, |k| {
        vec![
            ("attempts_per_interval_at_agents", num(k.attempt_rate_per_s * interval)),
            ("p_fresh_caller_lost_at_agents", num(k.p_fresh_caller_lost)),
        ]
    });
    m.insert("traffic_erlangs".into(), num(x.load().traffic().erlangs()));
    Ok(m)
}

fn number_list(i: &Inputs, key: &str) -> Result<Vec<f64>, String> {
    match i.map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            })
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(|| format!("case {}: input {key:?} must be a list of numbers", i.id)),
        Some(_) => Err(format!("case {}: input {key:?} must be a list of numbers", i.id)),
        None => Err(format!("case {}: input {key:?} is missing", i.id)),
    }
}

/// `deferred_work`: `arrivals` (list per interval), `interval_s`, `aht_s`,
/// `productive_share`, `deadline_s` → agents per interval and the level staffing.
pub fn deferred_work(i: &Inputs) -> Result<Map<String, Value>, String> {
    let w = DeferredWork::new(
        &number_list(i, "arrivals")?,
        i.num("interval_s")?,
        i.num("aht_s")?,
        i.num("productive_share")?,
        i.num("deadline_s")?,
    )
    .map_err(|e| err(i, e))?;
    let p = w.plan();
    Ok(obj(json!({
        "agents": p.intervals.iter().map(|x| x.agents).collect::<Vec<u32>>(),
        "agents_exact": p.intervals.iter().map(|x| num(x.agents_exact)).collect::<Vec<Value>>(),
        "backlog_out": p.intervals.iter().map(|x| num(x.backlog_out)).collect::<Vec<Value>>(),
        "deadline_intervals": p.deadline_intervals,
        "peak_agents": p.peak_agents,
        "level_agents": p.level_agents,
        "agent_intervals": p.agent_intervals,
        "backlog_end": num(p.backlog_end),
        "rule": "per interval N = ceil(due * AHT / (interval * productive_share)), oldest first, backlog carried; level = smallest constant N meeting every deadline",
    })))
}

/// `erlang_x_simulation`: the inputs of `erlang_x` plus optional
/// `replications`, `seed`, `max_events`, `redial_delay_mean_s`: the true
/// dynamics (real redials after a delay), mean and 95% half-width per metric.
pub fn erlang_x_simulation(i: &Inputs) -> Result<Map<String, Value>, String> {
    let x = erlang_x_model(i)?;
    let mut spec = SimulationSpec::from_erlang_x(&x, i.count("agents")?);
    if let Some(r) = i.opt_count("replications")? {
        spec.replications = r;
    }
    if let Some(s) = i.opt_num("seed")? {
        spec.seed = s as u64;
    }
    if let Some(e) = i.opt_num("max_events")? {
        spec.max_events = e as u64;
    }
    if let Some(d) = i.opt_num("redial_delay_mean_s")? {
        spec.redial_delay_mean_s = d;
    }
    let r = Simulation::new(spec).map_err(|e| err(i, e))?.run();
    let mut m = Map::new();
    for (key, e) in [
        ("attempt_rate_per_s", r.attempt_rate_per_s),
        ("p_block", r.p_block),
        ("p_abandon", r.p_abandon),
        ("p_served", r.p_served),
        ("p_wait", r.p_wait),
        ("p_abandon_within_t", r.p_abandon_within_t),
        ("sl_answered_within_t_over_attempts", r.sl_answered_within_t_over_attempts),
        ("sl_answered_within_t_over_accepted", r.sl_answered_within_t_over_accepted),
        ("asa_served_s", r.asa_served_s),
        ("mean_wait_accepted_s", r.mean_wait_accepted_s),
        ("occupancy", r.agent_busy_fraction),
        ("p_fresh_caller_lost", r.p_fresh_caller_lost),
    ] {
        m.insert(format!("{key}_mean"), num(e.mean));
        m.insert(format!("{key}_ci95_halfwidth"), num(e.half_width_95));
    }
    m.insert("replications".into(), json!(r.replications));
    m.insert("events".into(), json!(r.events));
    m.insert("budget_exhausted".into(), json!(r.budget_exhausted));
    Ok(m)
}

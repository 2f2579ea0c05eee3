//! The fast Erlang X staffing of many intervals (`erlang_x_staff_many`, the
//! forecast page's path; `ErlangX::required_agents_fast`) returns what the
//! reference path (`ErlangX::required_agents`: Illinois fixed point per
//! candidate, search from `round(A)`) returns: the same agents, binding and
//! outcome, and the same KPIs to rounding (1e-12 relative) — over random
//! mixed systems (small and large traffic, short and long patience, redials
//! 0–90 %, 15/30-minute intervals, with and without lines) and on the demo
//! centre's year. `ErlangX::attempt_rate_fast` equals `ErlangX::attempt_rate`
//! to rounding.

use callcalc_engine::{
    demo, erlang_x_staff_many, import_bytes, AggregateOptions, ErlangX, ErlangXKpis, ImportOptions, IntervalHistory,
    Load, QueueTargets, Redial, RedialSource, SlDefinition, StaffingOutcome,
};
use proptest::prelude::*;

/// Relative difference, 0 when both are equal (including both infinite).
fn rel(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    }
}

const TOL: f64 = 1e-12;

/// Every number of the two KPI records agrees to `TOL` relative; the
/// integers and settings exactly (`fixed_point_iterations` excepted: the
/// solvers differ).
fn same_kpis(f: &ErlangXKpis, r: &ErlangXKpis) -> Result<(), String> {
    if (f.agents, f.lines, f.redial) != (r.agents, r.lines, r.redial) {
        return Err("agents/lines/redial".into());
    }
    let opt = |x: Option<f64>| x.unwrap_or(f64::NAN);
    let prop = |x: Option<callcalc_engine::Proportion>| x.map_or(f64::NAN, |p| p.value);
    let pairs = [
        ("attempt_rate", f.attempt_rate_per_s, r.attempt_rate_per_s),
        ("redial_rate", f.redial_rate_per_s, r.redial_rate_per_s),
        ("total_offered", f.total_offered_load_erlangs, r.total_offered_load_erlangs),
        ("p_block", f.p_block, r.p_block),
        ("p_abandon", f.p_abandon, r.p_abandon),
        ("p_abandon_acc", f.p_abandon_given_accepted, r.p_abandon_given_accepted),
        ("p_served", f.p_served, r.p_served),
        ("p_wait", f.p_wait, r.p_wait),
        ("p_wait_acc", f.p_wait_given_accepted, r.p_wait_given_accepted),
        ("asa_served", opt(f.asa_served_s), opt(r.asa_served_s)),
        ("asa_virtual", opt(f.asa_virtual_accepted_s), opt(r.asa_virtual_accepted_s)),
        ("mean_wait_acc", opt(f.mean_wait_accepted_s), opt(r.mean_wait_accepted_s)),
        ("mean_wait_ab", opt(f.mean_wait_abandoned_s), opt(r.mean_wait_abandoned_s)),
        ("queue", f.mean_queue_length, r.mean_queue_length),
        ("ab_within_t", f.p_abandon_within_t, r.p_abandon_within_t),
        ("sl_attempts", f.sl_answered_within_t_over_attempts.value, r.sl_answered_within_t_over_attempts.value),
        ("sl_accepted", f.sl_answered_within_t_over_accepted.value, r.sl_answered_within_t_over_accepted.value),
        ("sl_answered", prop(f.sl_answered_within_t_over_answered), prop(r.sl_answered_within_t_over_answered)),
        (
            "sl_minus_ab",
            f.sl_answered_within_t_over_accepted_minus_abandoned_within_t.value,
            r.sl_answered_within_t_over_accepted_minus_abandoned_within_t.value,
        ),
        ("sl_all", f.sl_all_wait_le_t_over_accepted.value, r.sl_all_wait_le_t_over_accepted.value),
        ("sl_virtual", f.sl_virtual_wait_le_t_over_accepted.value, r.sl_virtual_wait_le_t_over_accepted.value),
        ("occupancy", f.occupancy, r.occupancy),
        ("carried", f.carried_load_erlangs, r.carried_load_erlangs),
        ("eventually", f.p_fresh_caller_eventually_served, r.p_fresh_caller_eventually_served),
        ("lost", f.p_fresh_caller_lost, r.p_fresh_caller_lost),
    ];
    for (name, a, b) in pairs {
        if !(a.is_nan() && b.is_nan()) && rel(a, b) > TOL {
            return Err(format!("{name}: fast {a:e} reference {b:e} (rel {:e})", rel(a, b)));
        }
    }
    Ok(())
}

fn same(fast: &StaffingOutcome<ErlangXKpis>, reference: &StaffingOutcome<ErlangXKpis>) -> Result<(), String> {
    match (fast, reference) {
        (StaffingOutcome::Met(a), StaffingOutcome::Met(b)) => {
            if (a.agents, a.binding) != (b.agents, b.binding) {
                return Err(format!(
                    "agents/binding: fast {} {:?}, reference {} {:?}",
                    a.agents, a.binding, b.agents, b.binding
                ));
            }
            same_kpis(&a.kpis, &b.kpis)?;
            match (&a.kpis_below, &b.kpis_below) {
                (Some(x), Some(y)) => same_kpis(x, y).map_err(|e| format!("below: {e}")),
                (None, None) => Ok(()),
                _ => Err("kpis_below present in one only".into()),
            }
        }
        (StaffingOutcome::Unreachable(a), StaffingOutcome::Unreachable(b)) => {
            if (a.max_agents, a.failing) != (b.max_agents, b.failing) {
                return Err(format!(
                    "unreachable: fast {} {:?}, reference {} {:?}",
                    a.max_agents, a.failing, b.max_agents, b.failing
                ));
            }
            match (&a.kpis_at_max, &b.kpis_at_max) {
                (Some(x), Some(y)) => same_kpis(x, y),
                (None, None) => Ok(()),
                _ => Err("kpis_at_max present in one only".into()),
            }
        }
        _ => Err(format!("met in one only: fast {:?}, reference {:?}", fast.agents(), reference.agents())),
    }
}

fn targets_strategy() -> impl Strategy<Value = QueueTargets> {
    (0.3f64..0.99, 5.0f64..120.0, 0.01f64..0.3, 0.001f64..0.1, 0u8..6).prop_map(|(sl, asa, ab, block, kind)| {
        let mut t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl).unwrap();
        match kind {
            0 | 1 => {}
            2 => t.max_asa_s = Some(asa),
            3 => t.max_abandon = Some(ab),
            4 => t.max_block = Some(block),
            _ => t.sl_definition = SlDefinition::VirtualWaitLeT,
        }
        t
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fast_staffing_equals_the_reference(
        calls in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..40.0, 0.0f64..400.0, (0u32..120).prop_map(f64::from)], 1..16),
        aht in prop::collection::vec(20.0f64..600.0, 1..4),
        interval in prop_oneof![Just(900.0), Just(1800.0)],
        patience in prop_oneof![Just(None), (5.0f64..60.0).prop_map(Some), (60.0f64..1800.0).prop_map(Some)],
        redial in prop_oneof![Just(0.0), 0.0f64..0.9],
        blocked in any::<bool>(),
        lines in prop_oneof![3 => Just(None), 1 => (1u32..200).prop_map(Some)],
        threshold in prop_oneof![Just(0.0), 1.0f64..120.0],
        targets in targets_strategy(),
    ) {
        let source = if blocked { RedialSource::BlockedAndAbandoned } else { RedialSource::AbandonedOnly };
        let redial = Redial::new(redial, source).unwrap();
        let loads: Vec<Load> = calls.iter().enumerate()
            .map(|(i, &c)| Load::new(c, interval, aht[i % aht.len()]).unwrap())
            .collect();
        let fast = erlang_x_staff_many(&loads, lines, patience, redial, threshold, &targets).unwrap();
        prop_assert_eq!(fast.len(), loads.len());
        for (i, (l, f)) in loads.iter().zip(&fast).enumerate() {
            let x = ErlangX::new(*l, lines, patience, redial, threshold).unwrap();
            let reference = x.required_agents(&targets);
            if let Err(e) = same(f, &reference) {
                return Err(TestCaseError::fail(format!("interval {i} {l:?}: {e}")));
            }
            if let Err(e) = same(&x.required_agents_fast(&targets), &reference) {
                return Err(TestCaseError::fail(format!("one load {l:?}: {e}")));
            }
        }
    }

    #[test]
    fn fast_attempt_rate_equals_the_reference(
        calls in prop_oneof![0.0f64..40.0, 0.0f64..2000.0],
        aht in 20.0f64..600.0,
        interval in prop_oneof![Just(900.0), Just(1800.0)],
        patience in prop_oneof![Just(None), (5.0f64..60.0).prop_map(Some), (60.0f64..1800.0).prop_map(Some)],
        redial in 0.0f64..0.95,
        blocked in any::<bool>(),
        lines in prop_oneof![Just(None), (1u32..300).prop_map(Some)],
        agents_share in 0.0f64..2.0,
        guess in prop_oneof![Just(None), (0.5f64..3.0).prop_map(Some)],
    ) {
        let source = if blocked { RedialSource::BlockedAndAbandoned } else { RedialSource::AbandonedOnly };
        let load = Load::new(calls, interval, aht).unwrap();
        let x = ErlangX::new(load, lines, patience, Redial::new(redial, source).unwrap(), 20.0).unwrap();
        let agents = (load.traffic().erlangs() * agents_share).round() as u32;
        let guess = guess.map(|g| g * load.arrival_rate_per_s());
        match (x.attempt_rate_fast(agents, guess), x.attempt_rate(agents)) {
            // Both are roots to rounding: g is computed to a few ε·L and its
            // slope is at least 1 − r, so roots agree to about ε/(1 − r).
            (Some((f, _)), Some((r, _))) => {
                prop_assert!(rel(f, r) <= 5e-15 / (1.0 - redial), "fast {f:e} reference {r:e}")
            }
            (None, None) => {}
            (f, r) => prop_assert!(false, "fast {f:?} reference {r:?}"),
        }
    }
}

/// The demo centre's year on the 96-slot day grid, as the wasm benchmark and
/// the forecast page build it (bench/wasm/src/lib.rs `demo_year_loads`).
fn demo_year_loads() -> Vec<Load> {
    let files = demo::demo_files(&demo::DemoCentre::default());
    let agg = AggregateOptions::new(900, 20.0, 0.0).unwrap();
    let mut opts = ImportOptions::new("demo-intervals.csv".to_string());
    opts.aggregate = agg;
    let imported = import_bytes(files.interval_report.as_bytes(), opts).unwrap();
    let cells = imported.interval_stats(agg).unwrap().unwrap();
    let h = IntervalHistory::from_interval_stats(&cells, 900).unwrap();
    let mut loads = Vec::new();
    for d in h.days().iter().take(365) {
        for slot in 0..96i64 {
            let k = slot - i64::from(h.first_slot());
            let (calls, aht) = if k >= 0 && (k as usize) < d.volumes.len() {
                (d.volumes[k as usize], d.aht_s.as_ref().and_then(|a| a[k as usize]).unwrap_or(200.0))
            } else {
                (0.0, 200.0)
            };
            loads.push(Load::new(calls, 900.0, aht).unwrap());
        }
    }
    loads
}

/// The forecast page's settings (SL 80 % / 20 s over attempts, patience
/// 120 s, 20 % of abandoned callers redial) on the demo year.
#[test]
fn demo_year_fast_path_equals_the_reference_path() {
    let loads = demo_year_loads();
    assert_eq!(loads.len(), 35_040);
    let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
    let redial = Redial::new(0.2, RedialSource::AbandonedOnly).unwrap();
    let fast = erlang_x_staff_many(&loads, None, Some(120.0), redial, 20.0, &t).unwrap();
    let mut staffed = 0u64;
    let mut seen = std::collections::HashSet::new();
    for (i, (l, f)) in loads.iter().zip(&fast).enumerate() {
        staffed += u64::from(f.agents().unwrap());
        if !seen.insert([l.calls().to_bits(), l.aht_s().to_bits()]) {
            continue;
        }
        let reference = ErlangX::new(*l, None, Some(120.0), redial, 20.0).unwrap().required_agents(&t);
        if let Err(e) = same(f, &reference) {
            panic!("interval {i} {l:?}: {e}");
        }
    }
    assert!(staffed > 100_000, "a year of real staffing: {staffed}");
}

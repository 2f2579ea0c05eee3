//! The fast Erlang A staffing of many intervals (`erlang_a_staff_many`, the
//! forecast page's path) returns exactly what the reference path
//! (`erlang_a_required_agents_many`, full KPIs at every candidate) returns:
//! the same agents, and the same KPIs bit for bit — over random loads and
//! targets, and on the demo centre's year. Also: Erlang C is no bound for
//! Erlang A in either direction, so it can only be a start.

use callcalc_engine::{
    demo, erlang_a_required_agents_many, erlang_a_staff_many, import_bytes, required_agents, AggregateOptions, ErlangA,
    ErlangAKpis, ErlangAStaffingKpis, ImportOptions, IntervalHistory, Load, QueueTargets, SlDefinition,
    StaffingOutcome, Targets,
};
use proptest::prelude::*;

fn same_kpis(fast: &ErlangAStaffingKpis, full: &ErlangAKpis) -> bool {
    fast.agents == full.agents
        && fast.sl_answered_within_t_over_offered.to_bits() == full.sl_answered_within_t_over_offered.value.to_bits()
        && fast.p_abandon.to_bits() == full.p_abandon.to_bits()
        && fast.asa_served_s.map(f64::to_bits) == full.asa_served_s.map(f64::to_bits)
        && fast.occupancy_carried.to_bits() == full.occupancy_carried.to_bits()
}

fn same(fast: &StaffingOutcome<ErlangAStaffingKpis>, full: &StaffingOutcome<ErlangAKpis>) -> Result<(), String> {
    match (fast, full) {
        (StaffingOutcome::Met(a), StaffingOutcome::Met(b)) => {
            if a.agents != b.agents || a.binding != b.binding || !same_kpis(&a.kpis, &b.kpis) {
                return Err(format!("fast {a:?}\nfull {b:?}"));
            }
            match (&a.kpis_below, &b.kpis_below) {
                (Some(x), Some(y)) if same_kpis(x, y) => Ok(()),
                (None, None) => Ok(()),
                _ => Err(format!("below: fast {:?}\nfull {:?}", a.kpis_below, b.kpis_below)),
            }
        }
        (StaffingOutcome::Unreachable(a), StaffingOutcome::Unreachable(b)) => {
            if a.max_agents == b.max_agents && a.failing == b.failing {
                Ok(())
            } else {
                Err(format!("fast {a:?}\nfull {b:?}"))
            }
        }
        _ => Err(format!("fast {fast:?}\nfull {full:?}")),
    }
}

fn targets_strategy() -> impl Strategy<Value = QueueTargets> {
    (0.3f64..0.99, prop::option::of(5.0f64..120.0), prop::option::of(0.01f64..0.3), 0u8..4).prop_map(
        |(sl, asa, ab, kind)| {
            let mut t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl).unwrap();
            match kind {
                0 => {}
                1 => t.max_asa_s = asa,
                2 => t.max_abandon = ab,
                _ => {
                    // The reference path for a definition the lean pass does not compute.
                    t.sl_definition = SlDefinition::VirtualWaitLeT;
                }
            }
            t
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_equals_the_reference_path(
        calls in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..40.0, 0.0f64..600.0, (0u32..200).prop_map(f64::from)], 1..40),
        aht in prop::collection::vec(20.0f64..900.0, 1..5),
        interval in prop_oneof![Just(900.0), Just(1800.0), Just(3600.0)],
        patience in 5.0f64..1200.0,
        threshold in prop_oneof![Just(0.0), 1.0f64..300.0],
        targets in targets_strategy(),
    ) {
        let loads: Vec<Load> = calls.iter().enumerate()
            .map(|(i, &c)| Load::new(c, interval, aht[i % aht.len()]).unwrap())
            .collect();
        let fast = erlang_a_staff_many(&loads, patience, threshold, &targets).unwrap();
        let full = erlang_a_required_agents_many(&loads, patience, threshold, &targets).unwrap();
        prop_assert_eq!(fast.len(), loads.len());
        for (i, (a, b)) in fast.iter().zip(&full).enumerate() {
            if let Err(e) = same(a, b) {
                return Err(TestCaseError::fail(format!("interval {i} {:?}: {e}", loads[i])));
            }
        }
        // And each equals the one-interval solve.
        for (l, a) in loads.iter().zip(&fast) {
            let one = ErlangA::new(*l, patience, threshold).unwrap().required_agents(&targets);
            prop_assert_eq!(a.agents(), one.agents());
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

#[test]
fn demo_year_fast_path_equals_the_reference_path() {
    let loads = demo_year_loads();
    assert_eq!(loads.len(), 35_040);
    for sl in [0.8, 0.9] {
        let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl).unwrap();
        let fast = erlang_a_staff_many(&loads, 120.0, 20.0, &t).unwrap();
        let full = erlang_a_required_agents_many(&loads, 120.0, 20.0, &t).unwrap();
        let mut staffed = 0u64;
        for (i, (a, b)) in fast.iter().zip(&full).enumerate() {
            if let Err(e) = same(a, b) {
                panic!("interval {i}: {e}");
            }
            staffed += u64::from(a.agents().unwrap());
        }
        assert!(staffed > 100_000, "a year of real staffing: {staffed}");
    }
}

#[test]
fn erlang_c_is_no_bound_for_erlang_a_in_either_direction() {
    let sl_a = |l: Load, patience: f64, t: f64, x: f64| {
        let q = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, x).unwrap();
        ErlangA::new(l, patience, t).unwrap().required_agents(&q).agents().unwrap()
    };
    let sl_c = |l: Load, t: f64, x: f64| required_agents(&l, &Targets::service_level(x, t).unwrap()).agents;
    let load = Load::new(100.0, 1800.0, 180.0).unwrap();
    // Usual settings: impatient callers leave, so fewer agents meet 80/20.
    assert!(sl_a(load, 120.0, 20.0, 0.8) < sl_c(load, 20.0, 0.8));
    // Long T, short patience: abandoned callers count as not answered in time,
    // Erlang A needs more agents than Erlang C for the same target.
    assert!(sl_a(load, 30.0, 300.0, 0.95) > sl_c(load, 300.0, 0.95));
}

//! Property tests of Erlang B/C and the staffing solver.

use callcalc_engine::{
    erlang_b, required_agents, required_agents_many, ErlangC, Load, Queue, Shrinkage, Targets, Traffic,
};
use proptest::prelude::*;

fn load(calls: f64, aht: f64) -> Load {
    Load::new(calls, 1800.0, aht).unwrap()
}

proptest! {
    #[test]
    fn probabilities_stay_in_unit_interval(a in 0.01f64..3000.0, extra in 0u32..200) {
        let n = a.floor() as u32 + 1 + extra;
        let b = erlang_b(Traffic::new(a).unwrap(), n);
        prop_assert!((0.0..=1.0).contains(&b));
        let q = ErlangC::new(Load::new(a * 1800.0 / 180.0, 1800.0, 180.0).unwrap(), 20.0).unwrap();
        let Queue::Stable(k) = q.at(n) else { return Err(TestCaseError::fail("N > A must be stable")) };
        for p in [k.erlang_b, k.p_wait, k.service_level, k.service_level_one_minus, k.occupancy] {
            prop_assert!((0.0..=1.0).contains(&p), "{p} out of [0, 1] at A={a}, N={n}");
        }
        prop_assert!(k.p_wait >= k.erlang_b, "C ≥ B always");
        prop_assert!(k.asa_s >= 0.0 && k.asa_s.is_finite());
    }

    #[test]
    fn more_agents_never_hurt(calls in 1.0f64..2000.0, aht in 30.0f64..900.0, t in 0.0f64..120.0) {
        let q = ErlangC::new(load(calls, aht), t).unwrap();
        let a = q.load().traffic().erlangs();
        let from = a.floor() as u32 + 1;
        let rows = q.range(from, from + 40);
        for w in rows.windows(2) {
            let (Queue::Stable(x), Queue::Stable(y)) = (w[0], w[1]) else { return Err(TestCaseError::fail("stable")) };
            prop_assert!(y.service_level >= x.service_level);
            prop_assert!(y.p_wait <= x.p_wait);
            prop_assert!(y.asa_s <= x.asa_s);
            prop_assert!(y.erlang_b <= x.erlang_b);
        }
    }

    #[test]
    fn required_agents_is_the_smallest_meeting_every_target(
        calls in 0.0f64..3000.0, aht in 30.0f64..900.0, x in 0.5f64..0.99, t in 0.0f64..60.0,
        occ in proptest::option::of(0.6f64..1.0), asa in proptest::option::of(1.0f64..60.0),
    ) {
        let l = load(calls, aht);
        let targets = Targets::new(t, Some(x), asa, occ).unwrap();
        let s = required_agents(&l, &targets);
        let q = ErlangC::new(l, t).unwrap();
        let meets = |n: u32| match q.at(n) {
            Queue::Stable(k) => k.service_level >= x
                && asa.is_none_or(|m| k.asa_s <= m)
                && occ.is_none_or(|m| k.traffic_erlangs / n as f64 <= m),
            Queue::Unstable(_) => false,
        };
        if calls == 0.0 {
            prop_assert_eq!(s.agents, 0);
        } else {
            prop_assert!(meets(s.agents), "N = {} must meet the targets", s.agents);
            prop_assert!(!meets(s.agents - 1), "N − 1 = {} must not", s.agents - 1);
            prop_assert!(s.raw_agents <= s.agents);
        }
    }

    #[test]
    fn traffic_at_or_above_agents_is_unstable(a in 1.0f64..500.0, short in 0u32..5) {
        let n = (a.floor() as u32).saturating_sub(short);
        let q = ErlangC::new(Load::new(a * 10.0, 1800.0, 180.0).unwrap(), 20.0).unwrap();
        prop_assert!(matches!(q.at(n), Queue::Unstable(_)));
    }

    #[test]
    fn gross_fte_is_never_below_net(net in 0u32..10_000, s in 0.0f64..0.9) {
        let g = Shrinkage::new(s).unwrap().gross_of_count(net);
        prop_assert!(g.fte + 1e-9 >= net as f64);
        prop_assert!(g.fte_rounded as f64 + 1e-9 >= g.fte);
        prop_assert!((g.fte_rounded as f64) < g.fte + 1.0);
    }
}

#[test]
fn batch_solve_equals_one_by_one() {
    let loads: Vec<Load> =
        (0..400).map(|c| load(c as f64, 240.0)).chain((0..400).map(|c| load(c as f64, 240.0))).collect();
    let t = Targets::service_level(0.8, 20.0).unwrap();
    let many = required_agents_many(&loads, &t);
    for (l, s) in loads.iter().zip(&many) {
        assert_eq!(*s, required_agents(l, &t));
    }
}

#[test]
fn a_million_erlangs_staff_without_overflow() {
    // 1,000,000 Erlangs: 10^7 calls per hour at 360 s.
    let l = Load::new(1.0e7, 3600.0, 360.0).unwrap();
    let s = required_agents(&l, &Targets::service_level(0.8, 20.0).unwrap());
    assert!(s.agents > 1_000_000 && s.agents < 1_001_000, "{}", s.agents);
    assert!(s.kpis.service_level >= 0.8 && s.kpis.asa_s.is_finite());
}

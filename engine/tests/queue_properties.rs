//! Properties of the queueing models beyond Erlang C: probabilities are
//! probabilities, KPIs move the right way with agents, the limits reduce to
//! Erlang B / C, the models reduce to each other, the staffing solver returns
//! the smallest feasible N, and the seeded simulation agrees with the exact
//! chain where the chain is exact.

use callcalc_engine::{
    erlang_b, simulate, Chat, ChatKpis, ChatResult, Distribution, ErlangA, ErlangAKpis, ErlangC, ErlangX, ErlangXKpis,
    ErlangXResult, Load, Proportion, Queue, QueueMetrics, QueueTargets, Redial, RedialSource, SimulationSpec,
    SlDefinition, StaffingOutcome, Traffic,
};
use proptest::prelude::*;

fn rel(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    }
}

fn is_prob(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

fn share_ok(s: Proportion) -> bool {
    is_prob(s.value) && is_prob(s.complement) && (s.value + s.complement - 1.0).abs() < 1e-12
}

fn erlang_a_ok(k: &ErlangAKpis) -> Result<(), TestCaseError> {
    for p in [k.p_wait, k.p_abandon, k.p_served, k.p_abandon_within_t, k.occupancy_carried] {
        prop_assert!(is_prob(p), "{p} not in [0, 1]: {k:?}");
    }
    prop_assert!((k.p_served + k.p_abandon - 1.0).abs() < 1e-12);
    prop_assert!(k.p_abandon_within_t <= k.p_abandon * (1.0 + 1e-12) + 1e-300);
    for s in [
        k.sl_answered_within_t_over_offered,
        k.sl_answered_within_t_over_offered_minus_abandoned_within_t,
        k.sl_all_wait_le_t,
        k.sl_offered_wait_le_t,
    ]
    .into_iter()
    .chain(k.sl_answered_within_t_over_answered)
    {
        prop_assert!(share_ok(s), "{s:?}");
    }
    prop_assert!(k.mean_wait_all_s >= 0.0 && k.mean_wait_all_s.is_finite());
    prop_assert!(k.asa_served_s.is_none_or(|w| w >= 0.0 && w.is_finite()));
    prop_assert!(
        (k.mean_wait_all_s - k.p_abandon * k.mean_patience_s).abs() <= 1e-9 * k.mean_wait_all_s.max(1e-300) + 1e-12
    );
    Ok(())
}

/// One KPI of an Erlang A result.
type Metric<'a> = &'a dyn Fn(&ErlangAKpis) -> f64;

/// 96 cases per property; `PROPTEST_CASES=n` runs more.
fn config() -> ProptestConfig {
    ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96))
}

proptest! {
    #![proptest_config(config())]

    /// Every probability of Erlang A lies in [0, 1], complements add up, and
    /// `E[W] = P(abandon)·patience` (Little's law on the queue).
    #[test]
    fn erlang_a_probabilities_are_probabilities(
        erlangs in 0.0f64..300.0,
        aht in 5.0f64..1200.0,
        patience in 0.5f64..5000.0,
        t in 0.0f64..600.0,
        spread in 0.0f64..2.0,
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let q = ErlangA::new(load, patience, t).unwrap();
        let n = (erlangs * spread) as u32;
        erlang_a_ok(&q.at(n))?;
        erlang_a_ok(&q.at(n + 1))?;
    }

    /// More agents never hurt: every SL definition rises, abandonment, ASA and
    /// carried occupancy fall.
    #[test]
    fn erlang_a_kpis_are_monotone_in_agents(
        erlangs in 0.1f64..80.0,
        aht in 30.0f64..600.0,
        patience in 2.0f64..1000.0,
        t in 0.0f64..200.0,
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let q = ErlangA::new(load, patience, t).unwrap();
        let tol = 1e-12;
        let mut prev = q.at(0);
        for n in 1..(2.0 * erlangs + 8.0) as u32 {
            let k = q.at(n);
            for d in SlDefinition::ALL {
                if let (Some(a), Some(b)) = (QueueMetrics::service_level(&k, d), QueueMetrics::service_level(&prev, d)) {
                    prop_assert!(a >= b - tol, "{} falls from N = {} to {}: {b} → {a}", d.key(), n - 1, n);
                }
            }
            prop_assert!(k.p_abandon <= prev.p_abandon + tol);
            prop_assert!(k.p_wait <= prev.p_wait + tol);
            if let (Some(a), Some(b)) = (k.asa_served_s, prev.asa_served_s) {
                prop_assert!(a <= b * (1.0 + tol) + 1e-15);
            }
            if n > 1 {
                prop_assert!(k.occupancy_carried <= prev.occupancy_carried + tol);
            }
            prev = k;
        }
    }

    /// Patience → ∞ reproduces Erlang C (probability of waiting, service
    /// level, ASA over all calls): the gap is O(1/patience) — `gap·patience`
    /// does not grow over λ·patience = 1e5, 1e6, 1e7 (a single ratio would be
    /// fragile: the SL gap can change sign, abandonment both removing answered
    /// calls and shortening waits) — and small at the largest accepted patience.
    #[test]
    fn erlang_a_tends_to_erlang_c_as_patience_grows(
        erlangs in 0.5f64..200.0,
        extra in 1.0f64..30.0,
        aht in 60.0f64..600.0,
        t in 0.0f64..120.0,
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let n = (erlangs + extra).ceil() as u32;
        let Queue::Stable(c) = ErlangC::new(load, t).unwrap().at(n) else { unreachable!("N > A") };
        let lam = load.arrival_rate_per_s();
        let lp = [0.99e5, 0.99e6, 0.99e7];
        let k: Vec<ErlangAKpis> = lp.iter().map(|p| ErlangA::new(load, p / lam, t).unwrap().at(n)).collect();
        let metrics: [(Metric, f64); 4] = [
            (&|k| k.p_wait, c.p_wait),
            (&|k| k.sl_answered_within_t_over_offered.value, c.service_level),
            (&|k| k.sl_offered_wait_le_t.value, c.service_level),
            (&|k| k.mean_wait_all_s, c.asa_s),
        ];
        for (f, exact) in metrics {
            let scaled: Vec<f64> = k.iter().zip(lp).map(|(k, p)| (f(k) - exact).abs() * p).collect();
            prop_assert!(scaled[2] <= 1.5 * scaled[0].max(scaled[1]) + 1e-5 * exact.abs(), "gap·λp {scaled:?}");
            prop_assert!((f(&k[2]) - exact).abs() <= 1e-2 * exact.abs() + 1e-12);
        }
        prop_assert!(k[2].p_abandon < 1e-3);
    }

    /// Patience → 0 reproduces Erlang B: whoever finds every agent busy
    /// leaves at once, so P(abandon) = P(wait) = B(N, A).
    #[test]
    fn erlang_a_tends_to_erlang_b_as_patience_vanishes(
        erlangs in 0.1f64..300.0,
        spread in 0.2f64..2.0,
        aht in 30.0f64..600.0,
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let n = ((erlangs * spread) as u32).max(1);
        let b = erlang_b(Traffic::new(erlangs).unwrap(), n);
        // λ·patience = 1e-9: a waiting caller leaves before the next arrival.
        let a = ErlangA::new(load, 1e-9 / load.arrival_rate_per_s(), 20.0).unwrap().at(n);
        prop_assert!(rel(a.p_abandon, b) < 1e-5, "p_abandon {} vs B {}", a.p_abandon, b);
        prop_assert!(rel(a.p_wait, b) < 1e-5);
        prop_assert!(rel(a.occupancy_carried, erlangs * (1.0 - b) / n as f64) < 1e-5);
    }

    /// Chat with one chat per agent is Erlang A (with patience) and Erlang C
    /// (without), field by field.
    #[test]
    fn chat_with_concurrency_one_is_erlang_a_or_c(
        erlangs in 0.1f64..150.0,
        spread in 0.3f64..2.0,
        aht in 30.0f64..900.0,
        patience in 1.0f64..2000.0,
        t in 0.0f64..120.0,
    ) {
        let calls = erlangs * 1800.0 / aht;
        let load = Load::new(calls, 1800.0, aht).unwrap();
        let n = (erlangs * spread) as u32 + 1;
        let a = ErlangA::new(load, patience, t).unwrap().at(n);
        let ChatResult::Stable(c) = Chat::new(calls, 1800.0, &[aht], Some(patience), t).unwrap().at(n) else {
            unreachable!("patience keeps chat stable")
        };
        for (x, y) in [
            (a.p_wait, c.p_wait),
            (a.p_abandon, c.p_abandon),
            (a.p_served, c.p_served),
            (a.mean_wait_all_s, c.mean_wait_offered_s),
            (a.p_abandon_within_t, c.p_abandon_within_t),
            (a.sl_answered_within_t_over_offered.value, c.sl_answered_within_t_over_offered.value),
            (a.sl_all_wait_le_t.value, c.sl_all_wait_le_t_over_offered.value),
            (a.sl_offered_wait_le_t.value, c.sl_virtual_wait_le_t_over_offered.value),
            (a.occupancy_carried, c.slot_utilisation),
        ] {
            prop_assert!(rel(x, y) < 1e-12, "{x} vs {y}");
        }
        prop_assert!(rel(a.asa_served_s.unwrap_or(0.0), c.asa_served_s.unwrap_or(0.0)) < 1e-12);

        let q = ErlangC::new(load, t).unwrap().at(n);
        match (q, Chat::new(calls, 1800.0, &[aht], None, t).unwrap().at(n)) {
            (Queue::Stable(q), ChatResult::Stable(c)) => {
                prop_assert!(rel(q.p_wait, c.p_wait) < 1e-12);
                prop_assert!(rel(q.service_level, c.sl_answered_within_t_over_offered.value) < 1e-12);
                prop_assert!(rel(q.service_level_one_minus, c.sl_answered_within_t_over_offered.complement) < 1e-11);
                prop_assert!(rel(q.asa_s, c.mean_wait_offered_s) < 1e-12);
                prop_assert!(rel(q.occupancy, c.slot_utilisation) < 1e-12);
            }
            (Queue::Unstable(_), ChatResult::Unstable(_)) => {}
            (q, c) => prop_assert!(false, "stability differs: {q:?} vs {c:?}"),
        }
    }

    /// Erlang X reduces to Erlang A (no lines, no redials) and to Erlang B
    /// (K = N, no patience, no redials).
    #[test]
    fn erlang_x_reduces_to_erlang_a_and_b(
        erlangs in 0.1f64..150.0,
        spread in 0.3f64..2.0,
        aht in 30.0f64..900.0,
        patience in 1.0f64..2000.0,
        t in 0.0f64..120.0,
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let n = (erlangs * spread) as u32 + 1;
        let a = ErlangA::new(load, patience, t).unwrap().at(n);
        let x = ErlangX::new(load, None, Some(patience), Redial::none(), t).unwrap();
        let ErlangXResult::Stable(k) = x.at(n) else { unreachable!("patience keeps it stable") };
        for (p, q) in [
            (a.p_wait, k.p_wait),
            (a.p_abandon, k.p_abandon),
            (a.mean_wait_all_s, k.mean_wait_accepted_s.unwrap_or(f64::NAN)),
            (a.sl_answered_within_t_over_offered.value, k.sl_answered_within_t_over_attempts.value),
            (a.sl_answered_within_t_over_offered.complement, k.sl_answered_within_t_over_accepted.complement),
            (a.sl_offered_wait_le_t.value, k.sl_virtual_wait_le_t_over_accepted.value),
            (a.occupancy_carried, k.occupancy),
        ] {
            prop_assert!(rel(p, q) < 1e-12, "{p} vs {q}");
        }
        prop_assert_eq!(k.p_block, 0.0);

        let b = ErlangX::new(load, Some(n), None, Redial::none(), t).unwrap();
        let ErlangXResult::Stable(k) = b.at(n) else { unreachable!("lines keep it stable") };
        let eb = erlang_b(Traffic::new(load.traffic().erlangs()).unwrap(), n);
        prop_assert!(rel(k.p_block, eb) < 1e-12, "{} vs B {}", k.p_block, eb);
        prop_assert_eq!(k.p_wait, 0.0);
    }

    /// Erlang X with lines, patience and redials: outcomes add up to 1, the
    /// attempt rate solves its fixed point, redials only add attempts, and
    /// every SL definition rises with agents.
    #[test]
    fn erlang_x_fixed_point_and_monotone_service_levels(
        erlangs in 0.2f64..60.0,
        aht in 30.0f64..600.0,
        patience in prop::option::of(2.0f64..900.0),
        t in 0.0f64..200.0,
        r in 0.0f64..0.9,
        lines_factor in prop::option::of(0.5f64..3.0),
        abandoned_only in any::<bool>(),
    ) {
        let load = Load::new(erlangs * 1800.0 / aht, 1800.0, aht).unwrap();
        let lines = lines_factor.map(|f| (f * erlangs) as u32 + 1);
        let source = if abandoned_only { RedialSource::AbandonedOnly } else { RedialSource::BlockedAndAbandoned };
        let x = ErlangX::new(load, lines, patience, Redial::new(r, source).unwrap(), t).unwrap();
        let lam = load.arrival_rate_per_s();
        let mut prev: Option<ErlangXKpis> = None;
        for n in 0..(2.0 * erlangs + 8.0) as u32 {
            let Some(k) = x.at(n).stable().copied() else { prev = None; continue };
            prop_assert!((k.p_block + k.p_abandon + k.p_served - 1.0).abs() < 1e-12);
            for p in [k.p_block, k.p_abandon, k.p_served, k.p_wait, k.p_abandon_within_t, k.occupancy, k.p_fresh_caller_lost] {
                prop_assert!(is_prob(p), "{p}");
            }
            prop_assert!(k.attempt_rate_per_s >= lam * (1.0 - 1e-15));
            prop_assert!((k.attempt_rate_per_s - lam - k.redial_rate_per_s).abs() <= 1e-11 * k.attempt_rate_per_s);
            prop_assert!((k.p_fresh_caller_eventually_served + k.p_fresh_caller_lost - 1.0).abs() < 1e-12);
            if let Some(p) = prev {
                for d in SlDefinition::ALL {
                    if let (Some(a), Some(b)) = (QueueMetrics::service_level(&k, d), QueueMetrics::service_level(&p, d)) {
                        prop_assert!(a >= b - 1e-10, "{} falls at N = {n}: {b} → {a}", d.key());
                    }
                }
                if let (Some(a), Some(b)) = (k.asa_served_s, p.asa_served_s) {
                    prop_assert!(a <= b * (1.0 + 1e-10) + 1e-12);
                }
            }
            prev = Some(k);
        }
    }

    /// Chat: probabilities in [0, 1] and service levels rising with agents.
    #[test]
    fn chat_probabilities_and_monotone_service_levels(
        lam in 0.0f64..0.3,
        first in 60.0f64..400.0,
        growth in prop::collection::vec(1.0f64..1.9, 0..4),
        patience in prop::option::of(5.0f64..600.0),
        t in 0.0f64..120.0,
    ) {
        let mut aht = vec![first];
        for g in growth {
            let last = aht[aht.len() - 1];
            aht.push(last * g);
        }
        let c = Chat::new(lam * 1800.0, 1800.0, &aht, patience, t).unwrap();
        let k_max = aht.len() as f64;
        let mut prev: Option<ChatKpis> = None;
        for n in 0..(2.0 * lam * aht[aht.len() - 1] / k_max + 8.0) as u32 {
            let Some(k) = c.at(n).stable().copied() else { prev = None; continue };
            for p in [k.p_wait, k.p_abandon, k.p_served, k.p_abandon_within_t, k.slot_utilisation, k.agent_busy_fraction] {
                prop_assert!(is_prob(p), "{p}");
            }
            prop_assert!((k.p_abandon + k.p_served - 1.0).abs() < 1e-12);
            prop_assert!(k.mean_chats_per_agent <= k_max + 1e-12);
            if let Some(p) = prev {
                for d in SlDefinition::ALL {
                    if let (Some(a), Some(b)) = (QueueMetrics::service_level(&k, d), QueueMetrics::service_level(&p, d)) {
                        prop_assert!(a >= b - 1e-10, "{} falls at N = {n}", d.key());
                    }
                }
            }
            prev = Some(k);
        }
    }

    /// The staffing solver returns a feasible N whose predecessor is not.
    #[test]
    fn erlang_a_staffing_is_the_smallest_feasible_n(
        erlangs in 0.0f64..500.0,
        aht in 30.0f64..600.0,
        patience in 5.0f64..900.0,
        target in 0.3f64..0.99,
        max_abandon in prop::option::of(0.01f64..0.3),
        max_asa in prop::option::of(1.0f64..120.0),
    ) {
        let load = Load::new(erlangs * 900.0 / aht, 900.0, aht).unwrap();
        let q = ErlangA::new(load, patience, 20.0).unwrap();
        let t = QueueTargets::new(SlDefinition::AnsweredOverOffered, Some(target), max_asa, max_abandon, None, None).unwrap();
        let StaffingOutcome::Met(s) = q.required_agents(&t) else { panic!("Erlang A targets are reachable") };
        prop_assert!(t.first_missed(&q.at(s.agents)).is_none());
        if s.agents > 0 {
            prop_assert!(t.first_missed(&q.at(s.agents - 1)).is_some());
        }
    }
}

/// Erlang X staffing with lines and patience, where blocking is not monotone
/// in N, still returns the smallest feasible N (checked by a full scan).
#[test]
fn erlang_x_staffing_matches_a_full_scan() {
    let mut checked = 0;
    for (calls, aht, lines, patience, r, max_block) in [
        (60.0, 437.0, 11u32, 364.0, 0.0, 0.2),
        (90.0, 347.0, 28, 112.0, 0.41, 0.02),
        (120.0, 180.0, 18, 120.0, 0.5, 0.05),
        (200.0, 240.0, 40, 60.0, 0.3, 0.01),
    ] {
        let load = Load::new(calls, 1800.0, aht).unwrap();
        let x = ErlangX::new(
            load,
            Some(lines),
            Some(patience),
            Redial::new(r, RedialSource::BlockedAndAbandoned).unwrap(),
            20.0,
        )
        .unwrap();
        for sl in [None, Some(0.5)] {
            let t = QueueTargets::new(SlDefinition::AnsweredOverAccepted, sl, None, Some(0.3), Some(max_block), None)
                .unwrap();
            let scan = (0..=lines).find(|&n| x.at(n).stable().is_some_and(|k| t.first_missed(k).is_none()));
            assert_eq!(x.required_agents(&t).agents(), scan, "calls {calls}, lines {lines}, SL {sl:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}

/// Large centres are handled in O(√A): 100,000 Erlangs, stable and overloaded.
#[test]
fn erlang_a_at_100k_erlangs_is_consistent() {
    let load = Load::new(375_000.0, 900.0, 240.0).unwrap();
    let q = ErlangA::new(load, 120.0, 20.0).unwrap();
    for n in [80_000, 99_000, 100_000, 100_400, 101_000, 120_000] {
        let k = q.at(n);
        assert!((k.p_served + k.p_abandon - 1.0).abs() < 1e-12);
        assert!(share_ok(k.sl_answered_within_t_over_offered) && share_ok(k.sl_offered_wait_le_t));
        assert!(k.asa_served_s.unwrap().is_finite());
    }
    // Far above the load waiting is rare (P(wait) ≈ 1e-6), and the complement
    // of the SL is still resolved, not rounded to 0. (With T = 20 s it is
    // about 1e-303 already at N = A + 400: 20 s is 8,300 service completions.)
    let q = ErlangA::new(load, 120.0, 0.01).unwrap();
    let k = q.at(101_500);
    let miss = k.sl_offered_wait_le_t.complement;
    assert!(miss > 0.5 * k.p_wait && miss < k.p_wait && k.p_wait < 1e-5, "{miss} vs P(wait) {}", k.p_wait);
}

/// The simulation of the true dynamics agrees with the exact chain within
/// its confidence interval where the chain is exact: no redials (Erlang X
/// with lines and patience) and one chat per agent (chat k = 1 = Erlang A).
/// Seeded, so deterministic; intervals are widened to 99.9% (×1.68) so that
/// five metrics per model do not make a 95% miss likely.
#[test]
fn simulation_agrees_with_the_exact_chain_where_it_is_exact() {
    const WIDEN: f64 = 3.29 / 1.96;
    // Erlang X, r = 0: 25 calls / 15 min, AHT 240 s, 5 agents, 8 lines, patience 60 s.
    let x = ErlangX::new(Load::new(25.0, 900.0, 240.0).unwrap(), Some(8), Some(60.0), Redial::none(), 15.0).unwrap();
    let ErlangXResult::Stable(k) = x.at(5) else { unreachable!() };
    let mut spec = SimulationSpec::from_erlang_x(&x, 5);
    spec.replications = 16;
    spec.max_events = 1_200_000;
    spec.seed = 2024;
    let s = simulate(spec).unwrap();
    assert!(!s.budget_exhausted || s.attempts > 100_000);
    for (name, e, exact) in [
        ("p_block", s.p_block, k.p_block),
        ("p_abandon", s.p_abandon, k.p_abandon),
        ("sl_over_accepted", s.sl_answered_within_t_over_accepted, k.sl_answered_within_t_over_accepted.value),
        ("asa_served", s.asa_served_s, k.asa_served_s.unwrap()),
        ("occupancy", s.agent_busy_fraction, k.occupancy),
    ] {
        assert!(e.covers(exact, WIDEN), "{name}: simulated {} ± {}, exact {exact}", e.mean, e.half_width_95);
        assert!(e.half_width_95 < 0.05 * exact.max(0.05), "{name}: interval too wide to mean anything: {e:?}");
    }

    // Chat with k = 1 (least-loaded routing is then exact): 120 chats / 30 min, AHT 240 s, 18 agents.
    let c = Chat::new(120.0, 1800.0, &[240.0], Some(120.0), 30.0).unwrap();
    let ChatResult::Stable(k) = c.at(18) else { unreachable!() };
    let mut spec = SimulationSpec::from_chat(&c, 18);
    spec.replications = 16;
    spec.max_events = 1_200_000;
    spec.seed = 7;
    let s = simulate(spec).unwrap();
    for (name, e, exact) in [
        ("p_wait", s.p_wait, k.p_wait),
        ("p_abandon", s.p_abandon, k.p_abandon),
        ("sl_over_offered", s.sl_answered_within_t_over_attempts, k.sl_answered_within_t_over_offered.value),
        ("asa_served", s.asa_served_s, k.asa_served_s.unwrap()),
        ("chats_per_agent", s.mean_chats_per_agent, k.mean_chats_per_agent),
    ] {
        assert!(e.covers(exact, WIDEN), "{name}: simulated {} ± {}, exact {exact}", e.mean, e.half_width_95);
    }
}

/// With true redials (after a delay) the fixed point is an approximation:
/// the simulation stays close to it but measures the gap; lognormal patience
/// and deterministic handle times run too.
#[test]
fn simulation_measures_the_redial_approximation_and_takes_other_laws() {
    // Reference xpub-x-06: 120 calls / 30 min, AHT 180 s, 12 agents, 18 lines, patience 120 s, r = 0.5.
    let x = ErlangX::new(
        Load::new(120.0, 1800.0, 180.0).unwrap(),
        Some(18),
        Some(120.0),
        Redial::new(0.5, RedialSource::BlockedAndAbandoned).unwrap(),
        20.0,
    )
    .unwrap();
    let ErlangXResult::Stable(k) = x.at(12) else { unreachable!() };
    let mut spec = SimulationSpec::from_erlang_x(&x, 12);
    spec.replications = 8;
    spec.max_events = 600_000;
    let s = simulate(spec.clone()).unwrap();
    assert!(
        rel(s.attempt_rate_per_s.mean, k.attempt_rate_per_s) < 0.05,
        "{:?} vs {}",
        s.attempt_rate_per_s,
        k.attempt_rate_per_s
    );
    assert!(rel(s.p_abandon.mean, k.p_abandon) < 0.15, "{:?} vs {}", s.p_abandon, k.p_abandon);
    assert!(rel(s.p_fresh_caller_lost.mean, k.p_fresh_caller_lost) < 0.25);

    spec.handle = Distribution::Deterministic { value_s: 180.0 };
    spec.patience = Some(Distribution::LogNormal { mean_s: 120.0, cv: 1.2 });
    let s = simulate(spec).unwrap();
    for e in [s.p_block, s.p_abandon, s.p_served, s.sl_answered_within_t_over_accepted, s.agent_busy_fraction] {
        assert!(is_prob(e.mean) && e.half_width_95.is_finite(), "{e:?}");
    }
    assert!((s.p_block.mean + s.p_abandon.mean + s.p_served.mean - 1.0).abs() < 0.01);
}

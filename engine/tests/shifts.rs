//! Shift coverage: exact covers, reported shortfalls, and a week of
//! 15-minute intervals with 20 templates.

use std::time::Instant;

use callcalc_engine::{optimise_shifts, ShiftKind, ShiftPlan, ShiftProblem, ShiftTemplate};

/// Recomputes coverage from the plan's counts and checks every reported figure.
fn check_consistent(problem: &ShiftProblem, plan: &ShiftPlan, interval_s: u32) {
    let mut cover = vec![0u32; problem.requirement().len()];
    let mut paid = 0u64;
    for s in &plan.shifts {
        let t = &problem.templates()[s.template];
        for o in 0..t.length() {
            if !t.breaks().contains(&o) {
                cover[(s.start + o) as usize] += s.agents;
            }
        }
        paid += u64::from(s.agents) * u64::from(t.paid_intervals());
    }
    for (i, c) in plan.intervals.iter().enumerate() {
        assert_eq!(c.scheduled, cover[i], "interval {i}");
        assert_eq!(c.required, problem.requirement()[i]);
        assert_eq!(c.over, cover[i].saturating_sub(c.required));
        assert_eq!(c.under, c.required.saturating_sub(cover[i]));
        assert_eq!(plan.unmet_intervals.contains(&(i as u32)), c.under > 0);
    }
    assert!((plan.paid_hours - paid as f64 * f64::from(interval_s) / 3600.0).abs() < 1e-9);
    assert_eq!(plan.agents, plan.shifts.iter().map(|s| u64::from(s.agents)).sum::<u64>());
}

/// A validated template (test shorthand).
fn template(
    name: &str,
    kind: ShiftKind,
    length: u32,
    breaks: Vec<u32>,
    paid: bool,
    starts: Vec<u32>,
    cap: Option<u32>,
) -> ShiftTemplate {
    ShiftTemplate::new(name, kind, length, breaks, paid, starts, cap).unwrap()
}

#[test]
fn covers_a_known_requirement_exactly() {
    // Hourly day: 3 agents 00–08, 5 agents 08–16, 2 agents 16–24; 8-hour shifts at any hour.
    let mut req = vec![3u32; 8];
    req.extend([5u32; 8]);
    req.extend([2u32; 8]);
    let t = template("8h", ShiftKind::FullTime, 8, vec![], true, (0..=16).collect(), None);
    let p = ShiftProblem::new(3600, req, vec![t]).unwrap();
    let plan = optimise_shifts(&p);
    check_consistent(&p, &plan, 3600);
    assert_eq!(plan.under_total, 0);
    assert_eq!(plan.over_total, 0);
    assert_eq!(plan.paid_hours, 80.0);
    assert_eq!(plan.lower_bound_hours, 80.0);
    assert_eq!(plan.gap, 0.0);
    let counts: Vec<(u32, u32)> = plan.shifts.iter().map(|s| (s.start, s.agents)).collect();
    assert_eq!(counts, vec![(0, 3), (8, 5), (16, 2)]);
}

#[test]
fn covers_exactly_with_breaks_and_part_time() {
    // Built from a known plan: 2 × FT (8 intervals, unpaid break at offset 4) at 0,
    // 1 × PT (4 intervals) at 4 (filling the FT break), 1 × PT at 8.
    let ft = template("ft", ShiftKind::FullTime, 8, vec![4], false, vec![0, 2, 4], None);
    let pt = template("pt", ShiftKind::PartTime, 4, vec![], false, (0..=8).collect(), None);
    let mut req = vec![0u32; 12];
    for (o, r) in req.iter_mut().enumerate().take(8) {
        if o != 4 {
            *r += 2;
        }
    }
    for r in &mut req[4..12] {
        *r += 1;
    }
    let p = ShiftProblem::new(1800, req.clone(), vec![ft, pt]).unwrap();
    let plan = optimise_shifts(&p);
    println!("req {req:?} → {:?}, {} h (bound {} h)", plan.shifts, plan.paid_hours, plan.lower_bound_hours);
    check_consistent(&p, &plan, 1800);
    assert_eq!(plan.under_total, 0, "{plan:?}");
    assert!(plan.paid_hours >= plan.lower_bound_hours);
    // The known plan costs 2·7 + 2·4 = 22 paid half-hours = 11 h, and the
    // bound proves it optimal; the heuristic is allowed 5% above it.
    assert_eq!(plan.lower_bound_hours, 11.0);
    assert!(plan.paid_hours <= 11.0 * 1.05, "{}", plan.paid_hours);
    assert_eq!(plan.part_time_agents + plan.full_time_agents, plan.agents);
}

#[test]
fn reports_unreachable_and_capped_intervals_instead_of_failing() {
    // Nothing can start before interval 2, so intervals 0 and 1 cannot be covered.
    let t = template("4", ShiftKind::FullTime, 4, vec![], true, vec![2, 4, 6], None);
    let p = ShiftProblem::new(900, vec![1, 2, 3, 3, 3, 3, 3, 3, 3, 3], vec![t]).unwrap();
    let plan = optimise_shifts(&p);
    check_consistent(&p, &plan, 900);
    assert_eq!(plan.unmet_intervals, vec![0, 1]);
    assert_eq!(plan.under_total, 3);
    assert!(plan.intervals[2..].iter().all(|c| c.under == 0));

    // A cap of 2 agents cannot meet a requirement of 3.
    let capped = template("capped", ShiftKind::PartTime, 4, vec![], true, vec![0], Some(2));
    let p = ShiftProblem::new(900, vec![3; 4], vec![capped]).unwrap();
    let plan = optimise_shifts(&p);
    check_consistent(&p, &plan, 900);
    assert_eq!(plan.agents, 2);
    assert_eq!(plan.unmet_intervals, vec![0, 1, 2, 3]);
    assert_eq!(plan.under_total, 4);
    assert_eq!(plan.lower_bound_hours, 3.0); // 3 agents × 4 × 15 min, caps ignored
}

#[test]
fn rejects_invalid_input() {
    let t = template("x", ShiftKind::FullTime, 4, vec![], true, vec![0], None);
    assert_eq!(ShiftProblem::new(900, vec![], vec![t.clone()]).unwrap_err().field, "requirement");
    assert_eq!(ShiftProblem::new(900, vec![1; 4], vec![]).unwrap_err().field, "templates");
    assert_eq!(ShiftProblem::new(0, vec![1; 4], vec![t]).unwrap_err().field, "interval_s");
    assert_eq!(
        ShiftTemplate::new("y", ShiftKind::FullTime, 0, vec![], true, vec![0], None).unwrap_err().field,
        "length"
    );
    assert_eq!(
        ShiftTemplate::new("y", ShiftKind::FullTime, 2, vec![0, 1], true, vec![0], None).unwrap_err().field,
        "breaks"
    );
    assert_eq!(
        ShiftTemplate::new("y", ShiftKind::FullTime, 2, vec![], true, vec![], None).unwrap_err().field,
        "starts"
    );
}

/// A week of 15-minute intervals (672), open 07:00–22:00 with two daily peaks,
/// and 20 templates (full- and part-time, various lengths and breaks, part-time
/// capped at 40 agents per template) that may
/// start every 15 minutes from 06:00 to 18:00 each day.
fn week_problem() -> ShiftProblem {
    let mut req = vec![0u32; 672];
    for day in 0..7 {
        let scale = if day >= 5 { 0.4 } else { 1.0 };
        for slot in 28..88 {
            let h = slot as f64 / 4.0;
            let peak = 40.0 * (-(h - 10.5f64).powi(2) / 4.0).exp() + 30.0 * (-(h - 15.0f64).powi(2) / 6.0).exp() + 6.0;
            req[day * 96 + slot] = (peak * scale).round() as u32;
        }
    }
    let specs: [(&str, ShiftKind, u32, &[u32], bool); 20] = [
        ("FT 8h A", ShiftKind::FullTime, 34, &[8, 16, 17, 26], false),
        ("FT 8h B", ShiftKind::FullTime, 34, &[10, 18, 19, 28], false),
        ("FT 8h C", ShiftKind::FullTime, 34, &[6, 14, 15, 24], false),
        ("FT 8h D", ShiftKind::FullTime, 34, &[12, 20, 21, 30], false),
        ("FT 9h A", ShiftKind::FullTime, 38, &[8, 18, 19, 30], false),
        ("FT 9h B", ShiftKind::FullTime, 38, &[10, 20, 21, 32], false),
        ("FT 10h A", ShiftKind::FullTime, 42, &[8, 18, 19, 20, 32], false),
        ("FT 10h B", ShiftKind::FullTime, 42, &[12, 22, 23, 24, 34], false),
        ("FT 7h A", ShiftKind::FullTime, 30, &[8, 14, 15, 22], false),
        ("FT 7h B", ShiftKind::FullTime, 30, &[10, 16, 17, 24], false),
        ("PT 4h A", ShiftKind::PartTime, 16, &[8], true),
        ("PT 4h B", ShiftKind::PartTime, 16, &[6], true),
        ("PT 4h C", ShiftKind::PartTime, 16, &[10], true),
        ("PT 5h A", ShiftKind::PartTime, 20, &[10], true),
        ("PT 5h B", ShiftKind::PartTime, 20, &[8], true),
        ("PT 6h A", ShiftKind::PartTime, 24, &[8, 16], true),
        ("PT 6h B", ShiftKind::PartTime, 24, &[12, 18], true),
        ("PT 3h", ShiftKind::PartTime, 12, &[], true),
        ("PT 2h", ShiftKind::PartTime, 8, &[], true),
        ("FT 8h paid breaks", ShiftKind::FullTime, 32, &[8, 16, 24], true),
    ];
    let templates = specs
        .iter()
        .map(|&(name, kind, length, breaks, paid)| {
            let starts: Vec<u32> =
                (0..7u32).flat_map(|d| (24..=72u32).map(move |s| d * 96 + s)).filter(|&s| s + length <= 672).collect();
            // Part-time contracts are limited to 40 agents per template.
            let cap = (kind == ShiftKind::PartTime).then_some(40);
            template(name, kind, length, breaks.to_vec(), paid, starts, cap)
        })
        .collect();
    ShiftProblem::new(900, req, templates).unwrap()
}

#[test]
fn a_week_of_quarter_hours_with_twenty_templates() {
    let p = week_problem();
    let columns: usize = p.templates().len() * 7 * 49;
    let t0 = Instant::now();
    let plan = optimise_shifts(&p);
    let elapsed = t0.elapsed();
    check_consistent(&p, &plan, 900);
    let required_hours: f64 = p.requirement().iter().map(|&r| f64::from(r)).sum::<f64>() / 4.0;
    println!(
        "week × 20 templates (~{columns} columns): {:?}; {} agents ({} FT, {} PT), paid {:.2} h, bound {:.2} h, gap {:.2}%, \
         required agent-hours {:.2}, over {} / under {} agent-intervals",
        elapsed,
        plan.agents,
        plan.full_time_agents,
        plan.part_time_agents,
        plan.paid_hours,
        plan.lower_bound_hours,
        plan.gap * 100.0,
        required_hours,
        plan.over_total,
        plan.under_total
    );
    assert_eq!(plan.under_total, 0, "every interval 06:00–24:00 is reachable");
    assert!(plan.paid_hours >= plan.lower_bound_hours);
    assert!(
        plan.lower_bound_hours >= required_hours,
        "bound {} < work content {}",
        plan.lower_bound_hours,
        required_hours
    );
    assert!(plan.gap < 0.35, "gap {}", plan.gap);
    assert!(elapsed.as_secs_f64() < 2.0, "{elapsed:?}");
}

#[test]
fn random_small_problems_are_consistent_and_above_the_bound() {
    // Deterministic LCG: many small problems, with and without caps and reachability.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |m: u32| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) % u64::from(m)) as u32
    };
    for case in 0..300 {
        let horizon = 4 + next(40);
        let req: Vec<u32> = (0..horizon).map(|_| next(6)).collect();
        let mut templates = Vec::new();
        for k in 0..1 + next(4) {
            let length = 1 + next(horizon.min(12));
            let breaks: Vec<u32> = (0..next(3)).map(|_| next(length)).filter(|&b| b + 1 < length).collect();
            let starts: Vec<u32> = (0..=horizon - length).filter(|_| next(3) > 0).collect();
            if starts.is_empty() {
                continue;
            }
            let kind = if k % 2 == 0 { ShiftKind::FullTime } else { ShiftKind::PartTime };
            let cap = (next(3) == 0).then(|| next(5));
            templates.push(template(&format!("t{k}"), kind, length, breaks, next(2) == 0, starts, cap));
        }
        if templates.is_empty() {
            continue;
        }
        let p = ShiftProblem::new(900, req, templates).unwrap();
        let plan = optimise_shifts(&p);
        check_consistent(&p, &plan, 900);
        if plan.under_total == 0 {
            assert!(plan.paid_hours + 1e-9 >= plan.lower_bound_hours, "case {case}: {plan:?}");
        }
    }
}

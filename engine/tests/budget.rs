//! Budget model: staffing through the Erlang C engine, people, seats, lines,
//! costs, scenarios, sensitivity and the investment case, against values
//! computed by hand or through the engine's own staffing functions.

use callcalc_engine::*;

const CALLS_PER_INTERVAL: f64 = 60.0;
/// 60 calls per half hour × 24 half hours × 30 days.
const MONTHLY: f64 = 43_200.0;

fn pay() -> Pay {
    Pay::new(1000.0, 0.1, 0.302, 50.0).unwrap()
}

/// 12 months, flat 12-hour day in half hours, 30 open days, AHT 180 s,
/// 80/20, 30% shrinkage, 165 paid hours, no attrition, no other costs.
fn base_input() -> BudgetInput {
    BudgetInput { monthly_contacts: vec![MONTHLY], agent_pay: pay(), ..Default::default() }
}

fn model(i: BudgetInput) -> BudgetModel {
    BudgetModel::new(i).unwrap()
}

/// FTE for `agents` on the phones in every half hour of the base day.
fn fte_for(agents: u32, shrinkage: f64, paid_h: f64) -> f64 {
    agents as f64 * 24.0 * 0.5 * 30.0 / (1.0 - shrinkage) / paid_h
}

fn agents_for(calls: f64, aht: f64, sl: f64) -> u32 {
    required_agents(&Load::new(calls, 1800.0, aht).unwrap(), &Targets::service_level(sl, 20.0).unwrap()).agents
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()), "{a} vs {b}");
}

#[test]
fn fte_follows_required_agents_and_shrinkage() {
    let b = model(base_input()).evaluate();
    let n = agents_for(CALLS_PER_INTERVAL, 180.0, 0.8);
    assert_eq!(n, 9);
    for r in &b.months {
        assert_eq!(r.peak_net_agents, n);
        close(r.net_agent_hours, n as f64 * 12.0 * 30.0);
        close(r.required_fte, fte_for(n, 0.3, 165.0));
        close(r.productive_agents, r.required_fte);
        assert_eq!(r.hires, 0);
    }
    let t = b.months[0].trace_fte();
    assert_eq!(t.id, "budget.required_fte");
    close(t.result, b.months[0].required_fte);
}

#[test]
fn sl_target_change_moves_fte_as_required_agents_and_budget_by_delta_fte_times_loaded_cost() {
    let base = model(base_input());
    let (b0, results) = run_scenarios(
        &base,
        &[Scenario { name: "SL 90/20".into(), changes: vec![DriverChange::set(Driver::ServiceLevelTarget, 0.9)] }],
    );
    let s = results[0].outcome.as_ref().unwrap();
    let (n80, n90) = (agents_for(CALLS_PER_INTERVAL, 180.0, 0.8), agents_for(CALLS_PER_INTERVAL, 180.0, 0.9));
    assert!(n90 > n80);
    let d_fte = fte_for(n90, 0.3, 165.0) - fte_for(n80, 0.3, 165.0);
    for (m0, m1) in b0.months.iter().zip(&s.budget.months) {
        close(m1.required_fte - m0.required_fte, d_fte);
        close(m1.agent_labour - m0.agent_labour, d_fte * pay().loaded_monthly());
    }
    close(s.delta_average_fte, d_fte);
    // With no other cost, the whole budget moves by ΔFTE × loaded cost × months.
    close(s.delta_cash, d_fte * pay().loaded_monthly() * 12.0);
    close(s.delta_pnl, s.delta_cash);
}

#[test]
fn sl_90_10_scenario_moves_fte_as_required_agents_with_the_new_threshold() {
    let base = model(base_input());
    let sc = Scenario {
        name: "SL 90/10".into(),
        changes: vec![
            DriverChange::set(Driver::ServiceLevelTarget, 0.9),
            DriverChange::set(Driver::ServiceLevelThreshold, 10.0),
        ],
    };
    let (b0, results) = run_scenarios(&base, &[sc]);
    let s = results[0].outcome.as_ref().unwrap();
    let n80 = agents_for(CALLS_PER_INTERVAL, 180.0, 0.8);
    let n90_10 = required_agents(
        &Load::new(CALLS_PER_INTERVAL, 1800.0, 180.0).unwrap(),
        &Targets::service_level(0.9, 10.0).unwrap(),
    )
    .agents;
    assert!(n90_10 > agents_for(CALLS_PER_INTERVAL, 180.0, 0.9) || n90_10 >= n80);
    assert_eq!(s.budget.months[0].peak_net_agents, n90_10);
    let d_fte = fte_for(n90_10, 0.3, 165.0) - fte_for(n80, 0.3, 165.0);
    close(s.delta_average_fte, d_fte);
    close(s.delta_cash, d_fte * pay().loaded_monthly() * 12.0);
    assert_eq!(b0.months[0].peak_net_agents, n80);
    // The threshold is a driver of the tornado too.
    assert_eq!(base.driver_value(Driver::ServiceLevelThreshold), 20.0);
    assert_eq!(
        base.with_changes(&[DriverChange::set(Driver::ServiceLevelThreshold, -1.0)]).unwrap_err().field,
        "sl_threshold_s"
    );
}

#[test]
fn added_channel_is_its_own_erlang_c_queue_and_fte_rises_as_the_staffing_engine_says() {
    let base = model(base_input());
    // A new campaign: 14 400 contacts a month (20 per half hour), AHT 300 s.
    let sc = Scenario { name: "campaign".into(), changes: vec![DriverChange::added_channel(14_400.0, 300.0)] };
    let (b0, results) = run_scenarios(&base, &[sc]);
    let s = results[0].outcome.as_ref().unwrap();
    let n_base = agents_for(CALLS_PER_INTERVAL, 180.0, 0.8);
    let n_added = agents_for(20.0, 300.0, 0.8);
    assert!(n_added > 0);
    // Separate queue: not the Erlang C of the merged traffic.
    for r in &s.budget.months {
        assert_eq!(r.peak_net_agents, n_base + n_added);
        close(r.required_fte, fte_for(n_base + n_added, 0.3, 165.0));
        close(r.contacts_offered, MONTHLY + 14_400.0);
        close(r.contacts_handled, MONTHLY + 14_400.0);
        // Minutes billed at each queue's own AHT.
        close(r.telephony_minutes, MONTHLY * 180.0 / 60.0 + 14_400.0 * 300.0 / 60.0);
    }
    let d_fte = fte_for(n_base + n_added, 0.3, 165.0) - fte_for(n_base, 0.3, 165.0);
    close(s.delta_average_fte, d_fte);
    close(s.delta_cash, d_fte * pay().loaded_monthly() * 12.0);
    assert_eq!(b0.months[0].peak_net_agents, n_base);
    // The baseline driver values are unchanged; bad channels are rejected by field.
    close(
        base.with_changes(&[DriverChange::added_channel(14_400.0, 300.0)]).unwrap().driver_value(Driver::Volume),
        MONTHLY * 12.0,
    );
    assert_eq!(base.with_changes(&[DriverChange::added_channel(-1.0, 300.0)]).unwrap_err().field, "added_contacts");
    assert_eq!(base.with_changes(&[DriverChange::added_channel(100.0, 0.0)]).unwrap_err().field, "added_aht_s");
    // Zero volume adds nothing.
    let zero = base.with_changes(&[DriverChange::added_channel(0.0, 300.0)]).unwrap().evaluate();
    assert_eq!(zero.totals.cash, b0.totals.cash);
}

#[test]
fn loaded_cost_and_country_defaults() {
    close(pay().loaded_monthly(), 1000.0 * 1.1 * 1.302 + 50.0);
    let t = pay().trace();
    assert_eq!(t.id, "budget.loaded_cost");
    assert_eq!(t.inputs.len(), 4);
    for (c, rate) in [(Country::Ru, 0.302), (Country::Ua, 0.22), (Country::Kz, 0.15)] {
        let d = employer_defaults(c);
        assert_eq!(d.payroll_tax_rate, rate);
        assert!(d.basis.contains("not law"));
        let p = Pay::with_defaults(2000.0, 0.0, 0.0, &d).unwrap();
        close(p.loaded_monthly(), 2000.0 * (1.0 + rate));
    }
    assert_eq!(Pay::new(-1.0, 0.0, 0.0, 0.0).unwrap_err().field, "monthly_salary");
}

#[test]
fn horizon_12_to_36_months_and_monthly_volumes() {
    for months in [12, 24, 36] {
        let b = model(BudgetInput { months, ..base_input() }).evaluate();
        assert_eq!(b.months.len(), months as usize);
        assert_eq!(b.months.last().unwrap().month, months);
    }
    assert_eq!(BudgetModel::new(BudgetInput { months: 11, ..base_input() }).unwrap_err().field, "months");
    assert_eq!(BudgetModel::new(BudgetInput { months: 37, ..base_input() }).unwrap_err().field, "months");
    // One volume per month.
    let vols: Vec<f64> = (0..12).map(|m| MONTHLY * (1.0 + m as f64 / 10.0)).collect();
    let b = model(BudgetInput { monthly_contacts: vols.clone(), ..base_input() }).evaluate();
    for (r, v) in b.months.iter().zip(&vols) {
        assert_eq!(r.contacts_offered, *v);
    }
    assert!(b.months[11].required_fte > b.months[0].required_fte);
    let wrong = BudgetInput { monthly_contacts: vec![1.0; 5], ..base_input() };
    assert_eq!(BudgetModel::new(wrong).unwrap_err().field, "monthly_contacts");
}

#[test]
fn attrition_and_whole_hires() {
    let b = model(BudgetInput { attrition_monthly: 0.05, ..base_input() }).evaluate();
    let r = fte_for(9, 0.3, 165.0); // 28.05…
    let mut prev = r;
    for m in &b.months {
        let retained = prev * 0.95;
        close(m.leavers, prev * 0.05);
        let hires = (r - retained).max(0.0).ceil() as u64;
        assert_eq!(m.hires, hires);
        close(m.productive_agents, retained + hires as f64);
        assert!(m.productive_agents >= m.required_fte - 1e-9);
        prev = m.productive_agents;
    }
    assert_eq!(b.months[0].hires, 2); // ⌈28.05 × 0.05⌉ = ⌈1.40⌉
    assert_eq!(b.totals.hires, b.months.iter().map(|m| m.hires).sum::<u64>());
}

#[test]
fn hiring_lead_time_places_recruitment_training_and_trainee_pay() {
    // Volume doubles from month 7: hires productive in month 7, recruited in month 4
    // (lead 3), paid training in months 5 and 6 (2 months), training fee at month 5.
    let mut vols = vec![MONTHLY; 6];
    vols.extend(vec![2.0 * MONTHLY; 6]);
    let i = BudgetInput {
        monthly_contacts: vols,
        hiring_lead_months: 3,
        paid_training_months: 2,
        recruitment_per_hire: 300.0,
        training_per_hire: 500.0,
        ..base_input()
    };
    let b = model(i).evaluate();
    let n1 = agents_for(CALLS_PER_INTERVAL, 180.0, 0.8);
    let n2 = agents_for(2.0 * CALLS_PER_INTERVAL, 180.0, 0.8);
    let hires = (fte_for(n2, 0.3, 165.0) - fte_for(n1, 0.3, 165.0)).ceil() as u64;
    assert_eq!(b.months[6].hires, hires);
    let h = hires as f64;
    close(b.months[3].recruitment, h * 300.0);
    close(b.months[4].training, h * 500.0);
    for m in [4, 5] {
        assert_eq!(b.months[m].trainees, hires);
        close(b.months[m].trainee_labour, h * pay().loaded_monthly());
    }
    for m in [0, 1, 2, 3, 6, 7] {
        assert_eq!(b.months[m].trainees, 0);
        assert_eq!(b.months[m].trainee_labour, 0.0);
    }
    close(b.totals.recruitment, h * 300.0);
    close(b.totals.training, h * 500.0);
    assert_eq!(
        BudgetModel::new(BudgetInput { hiring_lead_months: 1, paid_training_months: 2, ..base_input() })
            .unwrap_err()
            .field,
        "paid_training_months"
    );
}

#[test]
fn costs_before_month_1_are_booked_in_month_1() {
    // Attrition 10%, lead 2, training 1: month-1 hires were recruited in month −1.
    let i = BudgetInput {
        attrition_monthly: 0.1,
        hiring_lead_months: 2,
        paid_training_months: 1,
        recruitment_per_hire: 100.0,
        ..base_input()
    };
    let b = model(i).evaluate();
    let h1 = b.months[0].hires as f64;
    let h2 = b.months[1].hires as f64;
    let h3 = b.months[2].hires as f64;
    // Month 1 carries the recruitment of the hires productive in months 1, 2 and 3.
    close(b.months[0].recruitment, (h1 + h2 + h3) * 100.0);
    // Trainee pay in month 1: month-1 hires (trained in month 0) + month-2 hires (trained in month 1).
    close(b.months[0].trainee_labour, (h1 + h2) * pay().loaded_monthly());
    assert_eq!(b.months[0].trainees, b.months[1].hires);
}

#[test]
fn support_roles_by_ratio_and_count() {
    let sup_pay = Pay::new(1500.0, 0.0, 0.0, 0.0).unwrap();
    let mgr_pay = Pay::new(3000.0, 0.0, 0.0, 0.0).unwrap();
    let i = BudgetInput {
        support_roles: vec![
            SupportRole::supervisors(12.0, sup_pay),
            SupportRole { name: "QA".into(), count: RoleCount::PerAgents(20.0), pay: sup_pay },
            SupportRole { name: "manager".into(), count: RoleCount::Fixed(1.0), pay: mgr_pay },
            SupportRole { name: "WFM".into(), count: RoleCount::Fixed(0.5), pay: mgr_pay },
        ],
        ..base_input()
    };
    let b = model(i).evaluate();
    let agents = fte_for(9, 0.3, 165.0); // 28.05
    let sup = (agents / 12.0).ceil(); // 3
    let qa = (agents / 20.0).ceil(); // 2
    close(b.months[0].support_heads, sup + qa + 1.5);
    close(b.months[0].support_labour, (sup + qa) * 1500.0 + 1.5 * 3000.0);
    let bad = BudgetInput {
        support_roles: vec![SupportRole { name: "x".into(), count: RoleCount::PerAgents(0.0), pay: sup_pay }],
        ..base_input()
    };
    assert_eq!(BudgetModel::new(bad).unwrap_err().field, "support_roles.agents_per_role");
}

#[test]
fn seats_capex_depreciation_rent_and_licences() {
    // Volume steps up in month 7: more seats bought then.
    let mut vols = vec![MONTHLY; 6];
    vols.extend(vec![2.0 * MONTHLY; 6]);
    let i = BudgetInput {
        months: 24,
        monthly_contacts: [vols.clone(), vec![MONTHLY; 12]].concat(),
        seat_sharing_ratio: 0.9,
        seat_capex: 3600.0,
        depreciation_years: 3,
        rent_per_seat_month: 100.0,
        licence_per_seat_month: 50.0,
        support_roles: vec![SupportRole { name: "manager".into(), count: RoleCount::Fixed(1.0), pay: Pay::default() }],
        ..base_input()
    };
    let b = model(i).evaluate();
    let n1 = agents_for(CALLS_PER_INTERVAL, 180.0, 0.8);
    let n2 = agents_for(2.0 * CALLS_PER_INTERVAL, 180.0, 0.8);
    let s1 = (n1 as f64 / 0.9).ceil() as u64 + 1;
    let s2 = (n2 as f64 / 0.9).ceil() as u64 + 1;
    assert_eq!(b.months[0].seats_needed, s1);
    assert_eq!(b.months[6].seats_needed, s2);
    close(b.months[0].capex, s1 as f64 * 3600.0);
    close(b.months[6].capex, (s2 - s1) as f64 * 3600.0);
    assert_eq!(b.months[1].capex, 0.0);
    // Back to the lower volume: fewer seats needed, but the seats are still owned.
    assert_eq!(b.months[12].seats_needed, s1);
    assert_eq!(b.months[12].seats_owned, s2);
    close(b.months[12].rent, s2 as f64 * 100.0);
    close(b.months[12].licences, s1 as f64 * 50.0);
    // Depreciation: 1/36 of each purchase per month from the month of purchase.
    close(b.months[0].depreciation, s1 as f64 * 3600.0 / 36.0);
    close(b.months[6].depreciation, s2 as f64 * 3600.0 / 36.0);
    close(b.totals.capex, s2 as f64 * 3600.0);
    close(b.totals.depreciation, s1 as f64 * 100.0 * 24.0 + (s2 - s1) as f64 * 100.0 * 18.0);
    close(straight_line_monthly(3600.0, std::num::NonZeroU32::new(3).unwrap()), 100.0);
    // Cash vs P&L.
    for r in &b.months {
        close(r.cash, r.opex + r.capex);
        close(r.pnl, r.opex + r.depreciation);
    }
}

#[test]
fn depreciation_ends_after_its_years() {
    let i = BudgetInput { months: 36, seat_capex: 1200.0, depreciation_years: 1, ..base_input() };
    let b = model(i).evaluate();
    let seats = b.months[0].seats_needed as f64;
    close(b.months[11].depreciation, seats * 100.0);
    assert_eq!(b.months[12].depreciation, 0.0);
    close(b.totals.depreciation, b.totals.capex);
}

#[test]
fn lines_from_erlang_b_telephony_overhead() {
    let i = BudgetInput {
        max_blocking: 0.01,
        line_cost_month: 20.0,
        telephony_per_minute: 0.02,
        overhead_rate: 0.1,
        ivr_deflection: 0.25,
        ..base_input()
    };
    let b = model(i).evaluate();
    let r = &b.months[0];
    // 45 calls per half hour reach agents: A = 45 × 180 / 1800 = 4.5 Erl.
    close(r.contacts_handled, MONTHLY * 0.75);
    close(r.peak_traffic_erlangs, 4.5);
    assert_eq!(r.lines, lines_for_blocking(Traffic::new(4.5).unwrap(), 0.01).unwrap());
    close(r.lines_cost, r.lines as f64 * 20.0);
    close(r.telephony_minutes, MONTHLY * 0.75 * 3.0);
    close(r.telephony, MONTHLY * 0.75 * 3.0 * 0.02);
    let before = r.agent_labour + r.telephony + r.lines_cost;
    close(r.overhead, 0.1 * before);
    close(r.opex, 1.1 * before);
    // Deflection lowers the FTE: 45 calls per interval need fewer agents than 60.
    assert_eq!(r.peak_net_agents, agents_for(45.0, 180.0, 0.8));
}

#[test]
fn intraday_profile_peak_and_totals() {
    // Half the day's volume in 4 of 24 intervals.
    let mut profile = vec![0.5 / 20.0; 24];
    for w in profile.iter_mut().take(4) {
        *w = 0.5 / 4.0;
    }
    let b = model(BudgetInput { intraday_profile: profile, ..base_input() }).evaluate();
    let daily = MONTHLY / 30.0;
    let peak_calls = daily * 0.125;
    let off_calls = daily * 0.025;
    let (np, no) = (agents_for(peak_calls, 180.0, 0.8), agents_for(off_calls, 180.0, 0.8));
    let r = &b.months[0];
    assert_eq!(r.peak_net_agents, np);
    close(r.net_agent_hours, (4.0 * np as f64 + 20.0 * no as f64) * 0.5 * 30.0);
    // Totals and unit costs on the P&L basis.
    let t = &b.totals;
    close(t.contacts_offered, MONTHLY * 12.0);
    close(t.pnl, b.months.iter().map(|m| m.pnl).sum());
    close(t.cost_per_handled_contact.unwrap(), t.pnl / t.contacts_handled);
    close(t.cost_per_offered_contact.unwrap(), t.pnl / t.contacts_offered);
    close(t.cost_per_agent_hour.unwrap(), t.pnl / t.paid_agent_hours);
    close(t.cost_per_agent_hour.unwrap(), pay().loaded_monthly() / 165.0);
    assert!(t.trace_cost_per_handled_contact().is_some());
    let bad = BudgetInput { intraday_profile: vec![1.0; 49], ..base_input() };
    assert_eq!(BudgetModel::new(bad).unwrap_err().field, "intraday_profile");
    let bad = BudgetInput { intraday_profile: vec![0.0; 4], ..base_input() };
    assert_eq!(BudgetModel::new(bad).unwrap_err().field, "intraday_profile");
}

#[test]
fn salary_indexation_every_12_months() {
    let b = model(BudgetInput { months: 24, salary_indexation_annual: 0.08, ..base_input() }).evaluate();
    close(b.months[12].agent_labour, b.months[11].agent_labour * 1.08);
    close(b.months[11].agent_labour, b.months[0].agent_labour);
    close(b.months[12].pay_index, 1.08);
}

#[test]
fn zero_volume_budget_has_no_agents_and_no_unit_costs() {
    let b = model(BudgetInput { monthly_contacts: vec![0.0], ..base_input() }).evaluate();
    assert!(b.months.iter().all(|m| m.required_fte == 0.0 && m.peak_net_agents == 0 && m.lines == 0));
    assert_eq!(b.totals.cost_per_handled_contact, None);
    assert_eq!(b.totals.cost_per_agent_hour, None);
    assert!(b.totals.trace_cost_per_handled_contact().is_none());
}

#[test]
fn validation_names_fields() {
    let e = |i: BudgetInput| BudgetModel::new(i).unwrap_err().field;
    assert_eq!(e(BudgetInput { aht_s: 0.0, ..base_input() }), "aht_s");
    assert_eq!(e(BudgetInput { sl_target: 1.0, ..base_input() }), "sl_target");
    assert_eq!(e(BudgetInput { shrinkage: 1.0, ..base_input() }), "shrinkage");
    assert_eq!(e(BudgetInput { attrition_monthly: 1.0, ..base_input() }), "attrition_monthly");
    assert_eq!(e(BudgetInput { ivr_deflection: 1.0, ..base_input() }), "ivr_deflection");
    assert_eq!(e(BudgetInput { seat_sharing_ratio: 0.0, ..base_input() }), "seat_sharing_ratio");
    assert_eq!(e(BudgetInput { depreciation_years: 0, ..base_input() }), "depreciation_years");
    assert_eq!(e(BudgetInput { max_blocking: 0.0, ..base_input() }), "max_blocking");
    assert_eq!(e(BudgetInput { overhead_rate: -0.1, ..base_input() }), "overhead_rate");
    assert_eq!(e(BudgetInput { starting_agents: Some(-1.0), ..base_input() }), "starting_agents");
    assert_eq!(e(BudgetInput { monthly_contacts: vec![f64::NAN], ..base_input() }), "monthly_contacts");
    // Too much traffic in one interval for a budget run.
    assert_eq!(e(BudgetInput { monthly_contacts: vec![1e9], ..base_input() }), "monthly_contacts");
}

// ---------------------------------------------------------------- scenarios

#[test]
fn scenarios_change_drivers_through_the_staffing_engine() {
    let base = model(BudgetInput { telephony_per_minute: 0.01, attrition_monthly: 0.03, ..base_input() });
    let scenarios = vec![
        Scenario { name: "volume +20%".into(), changes: vec![DriverChange::relative(Driver::Volume, 0.2)] },
        Scenario { name: "AHT 200".into(), changes: vec![DriverChange::set(Driver::Aht, 200.0)] },
        Scenario { name: "shrinkage 35%".into(), changes: vec![DriverChange::set(Driver::Shrinkage, 0.35)] },
        Scenario { name: "IVR 20%".into(), changes: vec![DriverChange::set(Driver::IvrDeflection, 0.2)] },
        Scenario { name: "attrition 6%".into(), changes: vec![DriverChange::set(Driver::Attrition, 0.06)] },
        Scenario { name: "salary +5%".into(), changes: vec![DriverChange::relative(Driver::AgentSalary, 0.05)] },
        Scenario { name: "impossible SL".into(), changes: vec![DriverChange::set(Driver::ServiceLevelTarget, 1.0)] },
    ];
    let (b0, res) = run_scenarios(&base, &scenarios);
    assert_eq!(res.len(), 7);
    let ok = |k: usize| res[k].outcome.as_ref().unwrap();
    // Volume +20%: 72 calls per interval.
    assert_eq!(ok(0).budget.months[0].peak_net_agents, agents_for(72.0, 180.0, 0.8));
    assert!(ok(0).delta_cash > 0.0);
    // AHT 200.
    assert_eq!(ok(1).budget.months[0].peak_net_agents, agents_for(60.0, 200.0, 0.8));
    // Shrinkage 35%: same agents, more FTE.
    close(ok(2).budget.months[0].required_fte, fte_for(9, 0.35, 165.0));
    // IVR 20%: 48 calls per interval.
    assert_eq!(ok(3).budget.months[0].peak_net_agents, agents_for(48.0, 180.0, 0.8));
    assert!(ok(3).delta_cash < 0.0);
    // Attrition: more hires, same FTE requirement.
    assert!(ok(4).budget.totals.hires > b0.totals.hires);
    close(ok(4).delta_average_fte, 0.0);
    // Salary +5%: labour × 1.05.
    close(
        ok(5).budget.totals.agent_labour,
        b0.totals.agent_labour * (1.0 + 0.05 * 1100.0 * 1.302 / pay().loaded_monthly()),
    );
    assert_eq!(res[6].outcome.as_ref().unwrap_err().field, "sl_target");
    assert_eq!(res[6].name, "impossible SL");
}

// ---------------------------------------------------------------- sensitivity

#[test]
fn tornado_rows_sorted_by_impact_and_consistent_with_reruns() {
    let base = model(BudgetInput {
        sl_target: 0.95,
        telephony_per_minute: 0.01,
        attrition_monthly: 0.04,
        recruitment_per_hire: 500.0,
        ..base_input()
    });
    let rows = sensitivity(&base, 0.1, BudgetMeasure::Cash).unwrap();
    assert_eq!(rows.len(), Driver::ALL.len());
    assert!(rows.windows(2).all(|w| w[0].swing >= w[1].swing));
    let base_total = base.evaluate().totals.cash;
    for r in &rows {
        close(r.base_total, base_total);
        close(r.base_value, base.driver_value(r.driver));
        for (end, x) in [(&r.low, -0.1), (&r.high, 0.1)] {
            match end {
                SensitivityEnd::Evaluated { total, delta, driver_value } => {
                    let m = base.with_changes(&[DriverChange::relative(r.driver, x)]).unwrap();
                    close(*total, m.evaluate().totals.cash);
                    close(*delta, total - base_total);
                    close(*driver_value, base.driver_value(r.driver) * (1.0 + x));
                }
                SensitivityEnd::Invalid(e) => {
                    // 0.95 × 1.1 > 1: the only invalid end here.
                    assert_eq!(r.driver, Driver::ServiceLevelTarget);
                    assert!(x > 0.0);
                    assert_eq!(e.field, "sl_target");
                }
            }
        }
    }
    // Zero-valued drivers (indexation, IVR deflection) do not move the budget.
    for d in [Driver::SalaryIndexation, Driver::IvrDeflection] {
        assert_eq!(rows.iter().find(|r| r.driver == d).unwrap().swing, 0.0);
    }
    // Salary moves the whole agent payroll; it is wider than telephony.
    let pos = |d| rows.iter().position(|r| r.driver == d).unwrap();
    assert!(pos(Driver::AgentSalary) < pos(Driver::TelephonyRate));
    assert_eq!(sensitivity(&base, 0.0, BudgetMeasure::Cash).unwrap_err().field, "sensitivity_fraction");
}

#[test]
fn tornado_of_cost_per_call_reruns_each_end_and_divides_by_its_own_volume() {
    let base = model(BudgetInput { telephony_per_minute: 0.01, ..base_input() });
    let rows = sensitivity(&base, 0.1, BudgetMeasure::CostPerOfferedContact).unwrap();
    assert_eq!(rows.len(), Driver::ALL.len());
    let b = base.evaluate().totals;
    let cpc = b.cost_per_offered_contact.unwrap();
    close(b.total(BudgetMeasure::CostPerOfferedContact), cpc);
    close(b.pnl / b.contacts_offered, cpc);
    for r in &rows {
        close(r.base_total, cpc);
        for (end, x) in [(&r.low, -0.1), (&r.high, 0.1)] {
            if let SensitivityEnd::Evaluated { total, delta, .. } = end {
                let t = base.with_changes(&[DriverChange::relative(r.driver, x)]).unwrap().evaluate().totals;
                close(*total, t.pnl / t.contacts_offered);
                close(*delta, total - cpc);
            }
        }
    }
    // Salary raises cost per call; more volume spreads the fixed costs, so the
    // relative swing of cost per call is far smaller than that of the cash budget.
    let salary = rows.iter().find(|r| r.driver == Driver::AgentSalary).unwrap();
    assert!(matches!(salary.high, SensitivityEnd::Evaluated { delta, .. } if delta > 0.0));
    let cash = sensitivity(&base, 0.1, BudgetMeasure::Cash).unwrap();
    let vol = |rs: &[callcalc_engine::TornadoRow]| rs.iter().find(|r| r.driver == Driver::Volume).unwrap().clone();
    assert!(vol(&rows).swing / cpc < vol(&cash).swing / b.cash);
}

// ---------------------------------------------------------------- investment case

fn investment(aht_cut: f64, realisation: FteRealisation) -> InvestmentInput {
    InvestmentInput {
        one_time_cost: 30_000.0,
        recurring_cost_monthly: 1_000.0,
        aht_reduction_s: aht_cut,
        volume_reduction: 0.0,
        attrition_reduction: 0.0,
        abandon_rate_before: 0.0,
        abandon_rate_after: 0.0,
        value_per_abandon_avoided: 0.0,
        discount_rate_annual: 0.12,
        fte_realisation: realisation,
    }
}

#[test]
fn investment_case_fte_saved_through_the_staffing_engine() {
    let base = model(BudgetInput { months: 24, ..base_input() });
    let case = investment_case(&base, &investment(20.0, FteRealisation::Immediately)).unwrap();
    let n_before = agents_for(60.0, 180.0, 0.8);
    let n_after = agents_for(60.0, 160.0, 0.8);
    assert!(n_after < n_before);
    let d_fte = fte_for(n_before, 0.3, 165.0) - fte_for(n_after, 0.3, 165.0);
    for m in &case.months {
        close(m.fte_saved, d_fte);
        close(m.cost_saving, d_fte * pay().loaded_monthly());
        close(m.net_cash_flow, m.cost_saving - 1000.0);
    }
    // Cash flows → finance formulas.
    let v = case.cash_flows.values();
    assert_eq!(v.len(), 25);
    assert_eq!(v[0], -30_000.0);
    let r = DiscountRate::monthly_from_annual(0.12).unwrap();
    close(case.monthly_discount_rate, r.per_period());
    close(case.npv.value, npv(r, &case.cash_flows, NpvTiming::FirstAtTimeZero).value);
    let net = v[1];
    // Constant monthly flow: simple payback = 30000 / net.
    close(case.payback_simple.payback.periods().unwrap(), 30_000.0 / net);
    assert!(case.payback_discounted.payback.periods().unwrap() > 30_000.0 / net);
    let m_irr = case.irr_monthly.rate().unwrap();
    close(case.irr_annual.unwrap(), (1.0 + m_irr).powi(12) - 1.0);
    close(case.total_cost, 30_000.0 + 24_000.0);
    close(case.total_benefit, d_fte * pay().loaded_monthly() * 24.0);
    close(case.roi.unwrap().value, (case.total_benefit - case.total_cost) / case.total_cost);
    close(case.benefit_cost_ratio.unwrap().value, case.total_benefit / case.total_cost);
}

#[test]
fn investment_case_through_attrition_and_other_benefits() {
    // No attrition: an AHT cut cannot shed staff, so labour does not fall.
    let base = model(BudgetInput { telephony_per_minute: 0.02, ..base_input() });
    let case = investment_case(&base, &investment(20.0, FteRealisation::ThroughAttrition)).unwrap();
    for m in &case.months {
        // Only telephony minutes are saved: 43 200 × 20 s / 60 × 0.02.
        close(m.cost_saving, MONTHLY * 20.0 / 60.0 * 0.02);
        assert!(m.fte_saved > 0.0); // the requirement falls, the payroll does not
    }
    // With attrition, fewer hires bring the payroll down over time.
    let base = model(BudgetInput { attrition_monthly: 0.05, ..base_input() });
    let case = investment_case(&base, &investment(20.0, FteRealisation::ThroughAttrition)).unwrap();
    assert!(case.months[11].cost_saving > case.months[0].cost_saving);
    // Lower attrition saves hires; fewer abandons keep revenue.
    let base = model(BudgetInput { attrition_monthly: 0.05, recruitment_per_hire: 800.0, ..base_input() });
    let mut inv = investment(0.0, FteRealisation::Immediately);
    inv.attrition_reduction = 0.02;
    inv.abandon_rate_before = 0.08;
    inv.abandon_rate_after = 0.05;
    inv.value_per_abandon_avoided = 2.0;
    let case = investment_case(&base, &inv).unwrap();
    assert!(case.improved.totals.hires < base.evaluate().totals.hires);
    for m in &case.months {
        close(m.abandons_avoided, MONTHLY * 0.03);
        close(m.revenue_retained, MONTHLY * 0.03 * 2.0);
    }
}

#[test]
fn investment_case_that_never_pays_back() {
    let base = model(base_input());
    let mut inv = investment(0.0, FteRealisation::Immediately);
    inv.one_time_cost = 10_000.0;
    let case = investment_case(&base, &inv).unwrap();
    assert!(matches!(case.payback_simple.payback, Payback::Never { .. }));
    assert_eq!(case.irr_monthly, Irr::NoRoot(NoIrr::AllNonPositive));
    assert!(case.npv.value < 0.0);
    close(case.roi.unwrap().value, -1.0);
    // Validation.
    let e = |inv: InvestmentInput| investment_case(&base, &inv).unwrap_err().field;
    assert_eq!(e(InvestmentInput { aht_reduction_s: 180.0, ..inv }), "aht_reduction_s");
    assert_eq!(e(InvestmentInput { attrition_reduction: 0.01, ..inv }), "attrition_reduction");
    assert_eq!(e(InvestmentInput { abandon_rate_after: 0.1, ..inv }), "abandon_rate_after");
    assert_eq!(e(InvestmentInput { one_time_cost: -1.0, ..inv }), "one_time_cost");
    assert_eq!(e(InvestmentInput { discount_rate_annual: -0.9, ..inv }), "discount_rate_annual");
    // No costs at all: ROI undefined.
    let free = InvestmentInput { one_time_cost: 0.0, recurring_cost_monthly: 0.0, ..inv };
    let case = investment_case(&base, &free).unwrap();
    assert!(case.roi.is_none() && case.benefit_cost_ratio.is_none());
    assert_eq!(case.payback_simple.payback, Payback::NothingToRecover);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        /// Any valid budget evaluates without panicking to finite, non-negative costs.
        #[test]
        fn valid_budgets_evaluate_to_finite_costs(
            months in 12u32..=36, contacts in proptest::collection::vec(0.0f64..300_000.0, 1..=1),
            aht in 30.0f64..900.0, sl in 0.5f64..0.95, shrink in 0.0f64..0.6, attr in 0.0f64..0.2,
            lead in 0u32..6, train_frac in 0.0f64..1.0, defl in 0.0f64..0.9, ratio in 0.5f64..2.0,
            capex in 0.0f64..5000.0, years in 1u32..8, overhead in 0.0f64..0.5, start in proptest::option::of(0.0f64..500.0),
        ) {
            let i = BudgetInput {
                months, monthly_contacts: contacts, aht_s: aht, sl_target: sl, shrinkage: shrink,
                attrition_monthly: attr, hiring_lead_months: lead,
                paid_training_months: (lead as f64 * train_frac) as u32, ivr_deflection: defl,
                seat_sharing_ratio: ratio, seat_capex: capex, depreciation_years: years, overhead_rate: overhead,
                starting_agents: start, recruitment_per_hire: 300.0, training_per_hire: 200.0,
                telephony_per_minute: 0.01, line_cost_month: 10.0, rent_per_seat_month: 80.0,
                licence_per_seat_month: 40.0,
                support_roles: vec![SupportRole::supervisors(15.0, pay())],
                ..base_input()
            };
            let b = BudgetModel::new(i).unwrap().evaluate();
            prop_assert_eq!(b.months.len(), months as usize);
            for r in &b.months {
                for v in [r.required_fte, r.productive_agents, r.opex, r.capex, r.depreciation, r.cash, r.pnl] {
                    prop_assert!(v.is_finite() && v >= 0.0);
                }
                prop_assert!(r.productive_agents + 1e-9 >= r.required_fte);
            }
            prop_assert!((b.totals.depreciation - b.totals.capex) <= 1e-6 * (1.0 + b.totals.capex));
        }
    }
}

// ------------------------------------------------------------------ callback

#[test]
fn callback_share_zero_gives_the_baseline_exactly() {
    let base = model(base_input());
    let b0 = base.evaluate();
    let b1 = base.with_changes(&[DriverChange::callback(0.0, 3600.0)]).unwrap().evaluate();
    assert_eq!(b0, b1, "c = 0 must not change one number");
    // Nor with another deadline: only the deadline input recorded in the months differs.
    let mut b2 = base.with_changes(&[DriverChange::callback(0.0, 7200.0)]).unwrap().evaluate();
    b2.months.iter_mut().for_each(|m| m.callback_deadline_s = 3600.0);
    assert_eq!(b0, b2);
    assert_eq!(b0.months[0].callback_fte, 0.0);
    close(b0.months[0].realtime_fte, b0.months[0].required_fte);
}

#[test]
fn callback_moves_contacts_from_the_erlang_c_queue_to_deferred_work() {
    let base = model(BudgetInput { abandon_rate: 0.06, ..base_input() });
    let b0 = base.evaluate();
    let c = 0.25;
    let b1 = base.with_changes(&[DriverChange::callback(c, 3600.0)]).unwrap().evaluate();
    // Real time: Erlang C on (1 − c) × 60 = 45 calls per half hour.
    let n_rt = agents_for(CALLS_PER_INTERVAL * (1.0 - c), 180.0, 0.8);
    // Callbacks: 15 per half hour × 180 s = 2700 s of work, due one interval later.
    let day = callback_day(&[CALLS_PER_INTERVAL; 24], 1800.0, 180.0, c, 3600.0).unwrap();
    let agents: Vec<u32> = day.plan.intervals.iter().map(|x| x.agents).collect();
    assert_eq!(agents.len(), 25, "the day and one interval after it");
    assert_eq!(agents[0], 0);
    // 1.5 agents of work per interval, rounded up only for the work due: 2, 1, 2, 1 … (the surplus works ahead).
    assert_eq!(agents[1..5], [2, 1, 2, 1], "{agents:?}");
    assert_eq!(agents.iter().sum::<u32>(), 36, "= 24 × 1.5: no agent-interval wasted");
    close(day.callback_agent_hours, 18.0);
    for r in &b1.months {
        close(r.realtime_net_agent_hours, n_rt as f64 * 12.0 * 30.0);
        close(r.realtime_fte, fte_for(n_rt, 0.3, 165.0));
        close(r.callback_net_agent_hours, day.callback_agent_hours * 30.0);
        close(r.callback_fte, r.callback_net_agent_hours / 0.7 / 165.0);
        close(r.required_fte, r.realtime_fte + r.callback_fte);
        close(r.callback_contacts, MONTHLY * c);
        // Every contact is still handled (and billed); abandons only in real time.
        close(r.contacts_handled, MONTHLY);
        close(r.abandons, MONTHLY * (1.0 - c) * 0.06);
    }
    assert!(b1.months[0].realtime_fte < b0.months[0].realtime_fte);
    assert!(b1.totals.abandons < b0.totals.abandons);
    close(b1.totals.trace_abandons().result, b1.totals.abandons);
    close(b1.months[0].trace_callback_fte().result, b1.months[0].callback_fte);
    close(b1.months[0].trace_realtime_fte().result, b1.months[0].realtime_fte);
    close(b1.totals.average_realtime_fte + b1.totals.average_callback_fte, b1.totals.average_required_fte);
}

#[test]
fn realtime_fte_never_rises_with_the_callback_share_and_deferred_fte_never_falls() {
    let base = model(base_input());
    let mut last: Option<(f64, f64, f64)> = None;
    for k in 0..=18 {
        let c = k as f64 * 0.05;
        let b = base.with_changes(&[DriverChange::callback(c, 7200.0)]).unwrap().evaluate();
        let (rt, cb, ab) = (b.months[0].realtime_fte, b.months[0].callback_fte, b.months[0].callback_contacts);
        if let Some((rt0, cb0, ab0)) = last {
            assert!(rt <= rt0 + 1e-12, "c = {c}: real-time FTE {rt} > {rt0}");
            assert!(cb + 1e-12 >= cb0, "c = {c}: callback FTE {cb} < {cb0}");
            assert!(ab > ab0);
        }
        last = Some((rt, cb, ab));
    }
}

#[test]
fn callback_fields_are_validated_and_in_the_tornado() {
    let base = model(base_input());
    assert_eq!(base.with_changes(&[DriverChange::callback(1.0, 3600.0)]).unwrap_err().field, "callback_share");
    assert_eq!(base.with_changes(&[DriverChange::callback(0.2, 600.0)]).unwrap_err().field, "callback_deadline_s");
    assert_eq!(base.with_changes(&[DriverChange::callback(0.2, 100_000.0)]).unwrap_err().field, "callback_deadline_s");
    assert_eq!(BudgetModel::new(BudgetInput { abandon_rate: 1.0, ..base_input() }).unwrap_err().field, "abandon_rate");
    let with = base.with_changes(&[DriverChange::callback(0.2, 3600.0)]).unwrap();
    let rows = sensitivity(&with, 0.1, BudgetMeasure::Cash).unwrap();
    let row = rows.iter().find(|r| r.driver == Driver::CallbackShare).unwrap();
    close(row.base_value, 0.2);
    match &row.high {
        SensitivityEnd::Evaluated { driver_value, .. } => close(*driver_value, 0.22),
        SensitivityEnd::Invalid(e) => panic!("{e:?}"),
    }
}

// ------------------------------------------------------- explicit (forecast) days

#[test]
fn explicit_days_are_staffed_interval_by_interval() {
    // 30 identical days of the typical profile give the typical-month budget.
    let typical = model(base_input()).evaluate();
    let same =
        model(BudgetInput { month_days: vec![vec![vec![CALLS_PER_INTERVAL; 24]; 30]; 12], ..base_input() }).evaluate();
    for (a, b) in typical.months.iter().zip(&same.months) {
        close(a.required_fte, b.required_fte);
        assert_eq!(a.peak_net_agents, b.peak_net_agents);
        close(a.open_days, b.open_days);
    }
    // Days that differ: each interval staffed on its own; the month's contacts spread in proportion.
    let mut days = vec![vec![30.0; 24]; 10];
    days.extend(vec![vec![90.0; 24]; 10]);
    let total: f64 = days.iter().flatten().sum();
    let b = model(BudgetInput { monthly_contacts: vec![total], month_days: vec![days; 12], ..base_input() }).evaluate();
    let hours = (agents_for(30.0, 180.0, 0.8) + agents_for(90.0, 180.0, 0.8)) as f64 * 10.0 * 24.0 * 0.5;
    close(b.months[0].net_agent_hours, hours);
    close(b.months[0].required_fte, hours / 0.7 / 165.0);
    assert_eq!(b.months[0].peak_net_agents, agents_for(90.0, 180.0, 0.8));
    close(b.months[0].open_days, 20.0);
    // A volume scenario scales every day; a callback plans every day.
    let base = model(BudgetInput {
        monthly_contacts: vec![total],
        month_days: vec![vec![vec![60.0; 24]; 20]; 12],
        ..base_input()
    });
    let up = base.with_changes(&[DriverChange::relative(Driver::Volume, 0.5)]).unwrap().evaluate();
    assert_eq!(up.months[0].peak_net_agents, agents_for(90.0, 180.0, 0.8));
    let cb = base.with_changes(&[DriverChange::callback(0.25, 3600.0)]).unwrap().evaluate();
    let day = callback_day(&[60.0; 24], 1800.0, 180.0, 0.25, 3600.0).unwrap();
    close(cb.months[0].callback_net_agent_hours, day.callback_agent_hours * 20.0);
    // Validation names the field.
    let bad = BudgetModel::new(BudgetInput { month_days: vec![vec![vec![1.0; 23]]; 12], ..base_input() });
    assert_eq!(bad.unwrap_err().field, "month_days");
    let bad = BudgetModel::new(BudgetInput { month_days: vec![vec![vec![1.0; 24]]; 11], ..base_input() });
    assert_eq!(bad.unwrap_err().field, "month_days");
}

//! Finance formulas against published examples (Microsoft Excel help,
//! numpy-financial) and hand-computed values.

use callcalc_engine::*;
use proptest::prelude::*;

fn flows(v: &[f64]) -> CashFlows {
    CashFlows::new(v.to_vec()).unwrap()
}

fn rate(r: f64) -> DiscountRate {
    DiscountRate::new(r).unwrap()
}

// ---------------------------------------------------------------- NPV

#[test]
fn npv_excel_example_1_first_value_end_of_period_1() {
    // Microsoft Learn, NPV function, example 1: NPV(10%, −10000, 3000, 4200, 6800) = 1188.44.
    let v = npv(rate(0.10), &flows(&[-10_000.0, 3_000.0, 4_200.0, 6_800.0]), NpvTiming::FirstAtEndOfPeriod1);
    assert!((v.value - 1188.44).abs() < 0.005, "{}", v.value);
    assert_eq!(v.timing, NpvTiming::FirstAtEndOfPeriod1);
    assert_eq!(v.periods, 4);
}

#[test]
fn npv_excel_example_2_investment_added_outside() {
    // Microsoft Learn, NPV function, example 2: NPV(8%, 8000, 9200, 10000, 12000, 14500) + (−40000) = 1922.06.
    let ret = [8_000.0, 9_200.0, 10_000.0, 12_000.0, 14_500.0];
    let v = npv(rate(0.08), &flows(&ret), NpvTiming::FirstAtEndOfPeriod1).value - 40_000.0;
    assert!((v - 1922.06).abs() < 0.005, "{v}");
    // The same with the investment at t = 0 inside the series (numpy timing).
    let mut with_t0 = vec![-40_000.0];
    with_t0.extend_from_slice(&ret);
    let w = npv(rate(0.08), &flows(&with_t0), NpvTiming::FirstAtTimeZero).value;
    assert!((w - v).abs() < 1e-9);
    // … and a 9000 loss in year 6: −3749.47.
    let mut loss = ret.to_vec();
    loss.push(-9_000.0);
    let v = npv(rate(0.08), &flows(&loss), NpvTiming::FirstAtEndOfPeriod1).value - 40_000.0;
    assert!((v - -3749.47).abs() < 0.005, "{v}");
}

#[test]
#[allow(clippy::excessive_precision)] // the value as numpy-financial documents it
fn npv_numpy_financial_example_first_value_at_t0() {
    let v = npv(rate(0.281), &flows(&[-100.0, 39.0, 59.0, 55.0, 20.0]), NpvTiming::FirstAtTimeZero);
    assert!((v.value - -0.0084785916384548798).abs() < 1e-13, "{}", v.value);
}

#[test]
fn npv_conventions_differ_by_one_plus_r() {
    let f = flows(&[-100.0, 39.0, 59.0, 55.0, 20.0]);
    let excel = npv(rate(0.1), &f, NpvTiming::FirstAtEndOfPeriod1).value;
    let numpy = npv(rate(0.1), &f, NpvTiming::FirstAtTimeZero).value;
    assert!((excel * 1.1 - numpy).abs() < 1e-12);
}

#[test]
fn npv_at_zero_rate_is_the_sum_and_trace_names_the_convention() {
    let v = npv(rate(0.0), &flows(&[-10.0, 4.0, 4.0, 4.0]), NpvTiming::FirstAtEndOfPeriod1);
    assert!((v.value - 2.0).abs() < 1e-12);
    let t = v.trace();
    assert_eq!(t.id, "finance.npv");
    assert!(t.variant.contains("Excel"));
    assert!(t.source.contains("Microsoft"));
}

#[test]
fn npv_extreme_but_valid_inputs_stay_finite() {
    let big = vec![MAX_CASH_FLOW; MAX_PERIODS];
    let v = npv(rate(MIN_DISCOUNT_RATE), &flows(&big), NpvTiming::FirstAtEndOfPeriod1);
    assert!(v.value.is_finite());
    let v = npv(rate(MAX_DISCOUNT_RATE), &flows(&big), NpvTiming::FirstAtTimeZero);
    assert!(v.value.is_finite());
}

#[test]
fn validation_names_fields() {
    assert_eq!(CashFlows::new(vec![]).unwrap_err().field, "cash_flows");
    assert_eq!(CashFlows::new(vec![f64::INFINITY]).unwrap_err().field, "cash_flows");
    assert_eq!(CashFlows::new(vec![2e15]).unwrap_err().field, "cash_flows");
    assert_eq!(CashFlows::new(vec![1.0; MAX_PERIODS + 1]).unwrap_err().field, "cash_flows");
    assert_eq!(DiscountRate::new(-0.5).unwrap_err().field, "discount_rate");
    assert_eq!(DiscountRate::new(f64::NAN).unwrap_err().field, "discount_rate");
    assert_eq!(DiscountRate::monthly_from_annual(-0.9).unwrap_err().field, "discount_rate_annual");
}

// ---------------------------------------------------------------- IRR

fn assert_npv_zero(v: &[f64], r: f64) {
    // NPV at the root, relative to the size of the flows.
    let scale: f64 = v.iter().map(|x| x.abs()).sum();
    let d = 1.0 / (1.0 + r);
    let npv: f64 = v.iter().enumerate().map(|(t, x)| x * d.powi(t as i32)).sum();
    assert!(npv.abs() / scale < 1e-12, "NPV({r}) = {npv}");
}

#[test]
fn irr_numpy_financial_example() {
    let v = [-100.0, 39.0, 59.0, 55.0, 20.0];
    let r = irr(&flows(&v)).rate().unwrap();
    assert!((r - 0.28095).abs() < 5e-6);
    assert!((r - 0.2809484211599611).abs() < 1e-12, "{r}");
    assert_npv_zero(&v, r);
    // numpy: npv(0.281, …) is slightly negative, so the root is just below 0.281.
    assert!(r < 0.281);
}

#[test]
fn irr_excel_examples() {
    // Microsoft Learn, IRR function: five years → 8.66%, four years → −2.12%, two years → −44.35%.
    let all = [-70_000.0, 12_000.0, 15_000.0, 18_000.0, 21_000.0, 26_000.0];
    let r5 = irr(&flows(&all)).rate().unwrap();
    assert!((r5 - 0.0866).abs() < 5e-5, "{r5}");
    assert_npv_zero(&all, r5);
    let r4 = irr(&flows(&all[..5])).rate().unwrap();
    assert!((r4 - -0.0212).abs() < 5e-5, "{r4}");
    assert_npv_zero(&all[..5], r4);
    let r2 = irr(&flows(&all[..3])).rate().unwrap();
    assert!((r2 - -0.4435).abs() < 5e-5, "{r2}");
    assert_npv_zero(&all[..3], r2);
}

#[test]
fn irr_no_root_when_flows_never_change_sign() {
    assert_eq!(irr(&flows(&[100.0, 39.0, 0.0, 20.0])), Irr::NoRoot(NoIrr::AllNonNegative));
    assert_eq!(irr(&flows(&[-100.0, -39.0])), Irr::NoRoot(NoIrr::AllNonPositive));
    assert_eq!(irr(&flows(&[0.0, 0.0])), Irr::NoRoot(NoIrr::AllZero));
    assert_eq!(irr(&flows(&[0.0])).rate(), None);
}

#[test]
fn irr_root_outside_search_range_is_said_so() {
    // 1 + r = 1e7: beyond the 1e6 + 1 upper end of the search.
    assert!(matches!(irr(&flows(&[-1.0, 1e7])), Irr::NoRoot(NoIrr::OutsideSearchRange { .. })));
    // 1 + r = 1e−7: below −99.9999%.
    assert!(matches!(irr(&flows(&[-1e7, 1.0])), Irr::NoRoot(NoIrr::OutsideSearchRange { .. })));
    // Just inside: 1 + r = 1e5.
    let r = irr(&flows(&[-1.0, 1e5])).rate().unwrap();
    assert!((r - 99_999.0).abs() < 1e-6);
}

#[test]
fn irr_leading_zeros_and_late_investment() {
    let r = irr(&flows(&[0.0, 0.0, -100.0, 110.0])).rate().unwrap();
    assert!((r - 0.1).abs() < 1e-13);
    // Borrowing first, repaying later (inflow then outflow): still one sign change.
    let r = irr(&flows(&[100.0, -121.0])).rate().unwrap();
    assert!((r - 0.21).abs() < 1e-13);
}

#[test]
fn irr_several_sign_changes_reports_all_roots() {
    // −100 + 230x − 132x² = 0 at x = 1/1.1 and 1/1.2: roots 10% and 20%.
    match irr(&flows(&[-100.0, 230.0, -132.0])) {
        Irr::Ambiguous { roots, sign_changes } => {
            assert_eq!(sign_changes, 2);
            assert_eq!(roots.len(), 2);
            assert!((roots[0] - 0.1).abs() < 1e-12);
            assert!((roots[1] - 0.2).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    // Three sign changes, roots 0%, 50%, 100%: (1+r)^-k polynomial with x = 1, 2/3, 1/2.
    // P(x) = −(x − 1)(x − 2/3)(x − 1/2)·6 = −6x³ + 13x² − 9x + 2 → flows [2, −9, 13, −6].
    match irr(&flows(&[2.0, -9.0, 13.0, -6.0])) {
        Irr::Ambiguous { roots, sign_changes } => {
            assert_eq!(sign_changes, 3);
            assert_eq!(roots.len(), 3, "{roots:?}");
            for (r, want) in roots.iter().zip([0.0, 0.5, 1.0]) {
                assert!((r - want).abs() < 1e-9, "{r} vs {want}");
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(irr(&flows(&[-100.0, 230.0, -132.0])).rate(), None);
    assert!(irr(&flows(&[-100.0, 230.0, -132.0])).trace().is_none());
}

#[test]
fn irr_several_sign_changes_and_no_root_found() {
    // 1 − 3x + 3x² has no real root: two sign changes, no IRR.
    assert_eq!(irr(&flows(&[1.0, -3.0, 3.0])), Irr::Ambiguous { roots: vec![], sign_changes: 2 });
}

#[test]
fn irr_trace_for_unique_root() {
    let t = irr(&flows(&[-100.0, 110.0])).trace().unwrap();
    assert_eq!(t.id, "finance.irr");
    assert!((t.result - 0.1).abs() < 1e-13);
}

proptest! {
    #[test]
    fn irr_conventional_flows_always_unique_and_zero_npv(
        invest in 1.0f64..1e7,
        returns in proptest::collection::vec(0.0f64..1e6, 1..60),
    ) {
        prop_assume!(returns.iter().any(|&x| x > 0.0));
        let mut v = vec![-invest];
        v.extend(returns);
        match irr(&flows(&v)) {
            Irr::Unique { rate } => {
                prop_assert!(rate > -1.0);
                // NPV at the root is zero relative to the flows, or the root is at the search edge.
                let scale: f64 = v.iter().map(|x| x.abs()).sum();
                let d = 1.0 / (1.0 + rate);
                let npv: f64 = v.iter().enumerate().map(|(t, x)| x * d.powi(t as i32)).sum();
                prop_assert!(npv.abs() / scale < 1e-9, "NPV({}) = {}", rate, npv);
            }
            Irr::NoRoot(NoIrr::OutsideSearchRange { .. }) => {}
            other => prop_assert!(false, "{:?}", other),
        }
    }
}

// ---------------------------------------------------------------- payback

#[test]
fn simple_payback_interpolates_inside_the_crossing_period() {
    let f = flows(&[-1000.0, 300.0, 400.0, 500.0, 200.0]);
    // Cumulative −1000, −700, −300, +200: crosses in period 3, 300/500 of the way.
    let p = payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero);
    assert_eq!(p.payback, Payback::After { periods: 2.6, first_crossing: 2.6 });
    assert_eq!(p.payback.periods(), Some(2.6));
    assert!(p.trace().is_some());
    // Excel timing: every flow one period later.
    let p = payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtEndOfPeriod1);
    assert!((p.payback.periods().unwrap() - 3.6).abs() < 1e-12);
}

#[test]
fn discounted_payback_is_later_and_hand_computed() {
    let f = flows(&[-1000.0, 500.0, 500.0, 500.0]);
    let simple = payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback.periods().unwrap();
    assert!((simple - 2.0).abs() < 1e-12);
    // At 10%: 454.545…, 413.223…, 375.657…; cumulative after 2: −132.231…; 132.231/375.657 = 0.352.
    let p = payback(&f, PaybackVariant::Discounted(rate(0.1)), NpvTiming::FirstAtTimeZero);
    let expected = 2.0 + (1000.0 - 500.0 / 1.1 - 500.0 / 1.21) / (500.0 / 1.331);
    assert!((p.payback.periods().unwrap() - expected).abs() < 1e-12);
    assert!(expected > simple);
}

#[test]
fn payback_never_when_not_recovered() {
    let f = flows(&[-1000.0, 300.0, 300.0, 300.0]);
    assert_eq!(
        payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback,
        Payback::Never { final_cumulative: -100.0 }
    );
    // Simple pays back, discounted does not.
    let f = flows(&[-1000.0, 350.0, 350.0, 350.0]);
    assert!(payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback.periods().is_some());
    let d = payback(&f, PaybackVariant::Discounted(rate(0.1)), NpvTiming::FirstAtTimeZero);
    assert!(matches!(d.payback, Payback::Never { .. }));
    assert_eq!(d.payback.periods(), None);
    assert!(d.trace().is_none());
}

#[test]
fn payback_relapse_and_nothing_to_recover() {
    // Cumulative −100, +0 (paid back at 1), −50, +50: payback for good at 3 − 0.5 = 2.5.
    let f = flows(&[-100.0, 100.0, -50.0, 100.0]);
    assert_eq!(
        payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback,
        Payback::After { periods: 2.5, first_crossing: 1.0 }
    );
    let f = flows(&[100.0, 0.0, 5.0]);
    assert_eq!(payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback, Payback::NothingToRecover);
}

// ---------------------------------------------------------------- ROI

#[test]
fn roi_and_benefit_cost_ratio_are_different_named_quantities() {
    let r = roi(130_000.0, 100_000.0, RoiVariant::NetReturnOnCost).unwrap();
    let b = roi(130_000.0, 100_000.0, RoiVariant::BenefitCostRatio).unwrap();
    assert!((r.value - 0.3).abs() < 1e-12);
    assert!((b.value - 1.3).abs() < 1e-12);
    assert_eq!(r.trace().id, "finance.roi");
    assert_eq!(b.trace().id, "finance.bcr");
    // A loss is a negative ROI.
    assert!((roi(-10.0, 100.0, RoiVariant::NetReturnOnCost).unwrap().value - -1.1).abs() < 1e-12);
    assert_eq!(roi(1.0, -1.0, RoiVariant::BenefitCostRatio).unwrap_err().field, "cost");
    assert_eq!(roi(f64::NAN, 1.0, RoiVariant::BenefitCostRatio).unwrap_err().field, "gain");
}

// ---------------------------------------------------------------- customer economics

#[test]
fn cac_variants() {
    let d = AcquisitionData::new(60_000.0, 20_000.0, 40_000.0, 800.0, 300.0).unwrap();
    assert_eq!(cac(&d, CacVariant::BlendedWithSalaries).value, Some(150.0));
    assert_eq!(cac(&d, CacVariant::BlendedWithoutSalaries).value, Some(100.0));
    assert_eq!(cac(&d, CacVariant::PaidOnly).value, Some(200.0));
    let t = cac(&d, CacVariant::PaidOnly).trace().unwrap();
    assert!(t.variant.contains("paid"));
    let none = AcquisitionData::new(1.0, 0.0, 0.0, 0.0, 0.0).unwrap();
    assert_eq!(cac(&none, CacVariant::BlendedWithSalaries).value, None);
    assert!(cac(&none, CacVariant::BlendedWithSalaries).trace().is_none());
    assert_eq!(AcquisitionData::new(-1.0, 0.0, 0.0, 1.0, 0.0).unwrap_err().field, "paid_spend");
}

#[test]
fn clv_variants_hand_computed() {
    // m = 120, r = 0.75, d = 0.05.
    let e = RetentionEconomics::new(120.0, 0.75, 0.05).unwrap();
    let a = e.farris();
    assert!((a.value - 120.0 * 0.75 / 0.30).abs() < 1e-9); // 300
    assert_eq!(a.variant, ClvVariant::FarrisEndOfPeriod);
    let b = e.margin_at_start();
    assert!((b.value - 120.0 * 1.05 / 0.30).abs() < 1e-9); // 420
    assert!((b.value - a.value - 120.0).abs() < 1e-9);
    // Finite horizon, 3 periods: q = 0.75/1.05.
    let q: f64 = 0.75 / 1.05;
    let d3 = e.finite_horizon(3);
    assert!((d3.value - 120.0 * (q + q * q + q * q * q)).abs() < 1e-9);
    assert_eq!(d3.variant, ClvVariant::FiniteHorizon { periods: 3 });
    assert_eq!(e.finite_horizon(0).value, 0.0);
    assert!(e.finite_horizon(5000).value <= a.value + 1e-9);
    // Simple.
    let c = clv_simple(40.0, 12.0, 2.5, 0.25).unwrap();
    assert!((c.value - 300.0).abs() < 1e-12);
    for clv in [a, b, d3, c] {
        let t = clv.trace();
        assert_eq!(t.id, "finance.clv");
        assert_eq!(t.result, clv.value);
    }
    // r = 1 is allowed with d > 0 (perpetual customer): m/d.
    let p = RetentionEconomics::new(10.0, 1.0, 0.1).unwrap();
    assert!((p.farris().value - 100.0).abs() < 1e-9);
    assert!((p.finite_horizon(3).value - 10.0 * (1.0 / 1.1 + 1.0 / 1.21 + 1.0 / 1.331)).abs() < 1e-9);
    assert_eq!(RetentionEconomics::new(10.0, 1.2, 0.1).unwrap_err().field, "retention");
    assert_eq!(RetentionEconomics::new(-10.0, 0.5, 0.1).unwrap_err().field, "margin_per_period");
}

#[test]
fn retention_cost() {
    let r = retention_cost_per_retained(12_500.0, 500.0).unwrap();
    assert_eq!(r.value, Some(25.0));
    assert_eq!(r.trace().unwrap().result, 25.0);
    assert_eq!(retention_cost_per_retained(-1.0, 5.0).unwrap_err().field, "retention_spend");
}

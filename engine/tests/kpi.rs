//! KPIs from a small fixture of period totals, every variant against values
//! computed by hand, and "explain a reported figure" for each named mismatch.

use callcalc_engine::*;

/// A month of one voice queue. Hand-made so every KPI is a simple fraction.
///
/// - offered 1000, queued 950, answered 900, abandoned 80 (20 left otherwise);
/// - answered within 20 s: 720; abandoned within 20 s: 50, of which 20 within 5 s;
/// - waits: answered 27 000 s, abandoned 4 000 s;
/// - handled 900: talk 180 000 s, hold 18 000 s, ACW 27 000 s (handle 225 000 s = 62.5 h);
/// - agents: logged in 360 000 s (100 h), available 75 000 s, not ready 60 000 s,
///   absence 36 000 s, paid 432 000 s (120 h);
/// - costs: labour 2400, telephony 300, technology 200, facilities 250, overhead 150 (3300).
fn fixture() -> ContactTotalsInput {
    ContactTotalsInput {
        sl_threshold_s: 20.0,
        short_abandon_threshold_s: 5.0,
        offered: 1000.0,
        queued: 950.0,
        answered: 900.0,
        abandoned: 80.0,
        short_abandons: 20.0,
        answered_within_t: 720.0,
        abandoned_within_t: 50.0,
        answer_wait_s: 27_000.0,
        abandon_wait_s: 4_000.0,
        handled: 900.0,
        talk_s: 180_000.0,
        hold_s: 18_000.0,
        acw_s: 27_000.0,
        logged_in_s: 360_000.0,
        available_s: 75_000.0,
        not_ready_s: 60_000.0,
        absence_s: 36_000.0,
        paid_s: 432_000.0,
        labour_cost: 2400.0,
        telephony_cost: 300.0,
        technology_cost: 200.0,
        facilities_cost: 250.0,
        overhead_cost: 150.0,
    }
}

fn totals() -> ContactTotals {
    ContactTotals::new(fixture()).unwrap()
}

fn close(k: &Kpi, want: f64) {
    let v = k.value.unwrap_or_else(|| panic!("{:?} undefined", k.variant));
    assert!((v - want).abs() < 1e-12, "{:?}: {v} vs {want}", k.variant);
    let t = k.trace().unwrap();
    assert_eq!(t.result, v);
    assert_eq!(t.id, k.variant.id());
    assert!(!t.formula.is_empty() && !t.variant.is_empty() && !t.source.is_empty());
    assert!(!t.inputs.is_empty());
}

#[test]
fn service_level_all_cisco_variants() {
    let t = totals();
    use ServiceLevelVariant as V;
    close(&t.service_level(V::AbandonsIgnored), 720.0 / 950.0);
    close(&t.service_level(V::AbandonsNegative), 0.72);
    close(&t.service_level(V::AbandonsNegativeShortExcluded), 720.0 / 980.0);
    close(&t.service_level(V::AbandonsPositive), 0.77);
    close(&t.service_level(V::AbandonsPositiveShortExcluded), 750.0 / 980.0);
    let k = t.service_level(V::AbandonsIgnored);
    assert_eq!((k.numerator, k.denominator), (720.0, 950.0));
    assert!(k.trace().unwrap().variant.contains("Aban-Ignored"));
}

#[test]
fn asa_variants() {
    let t = totals();
    close(&t.asa(AsaVariant::AnsweredOnly), 30.0);
    close(&t.asa(AsaVariant::AllContacts), 31_000.0 / 980.0);
}

#[test]
fn abandonment_variants() {
    let t = totals();
    use AbandonmentVariant as V;
    close(&t.abandonment_rate(V::OverOffered), 0.08);
    close(&t.abandonment_rate(V::OverQueued), 80.0 / 950.0);
    close(&t.abandonment_rate(V::ShortExcludedOverOffered), 60.0 / 980.0);
    close(&t.abandonment_rate(V::ShortExcludedOverAnsweredPlusAbandoned), 0.0625);
}

#[test]
fn aht_variants_and_mistakes() {
    let t = totals();
    close(&t.aht(AhtVariant::TalkHoldAcw), 250.0);
    close(&t.aht(AhtVariant::TalkHold), 220.0);
    close(&t.aht(AhtVariant::TalkOnly), 200.0);
    assert_eq!(KpiVariant::Aht(AhtVariant::TalkHoldAcw).kind(), VariantKind::Definition);
    assert_eq!(KpiVariant::Aht(AhtVariant::TalkHold).kind(), VariantKind::Mistake);
}

#[test]
fn occupancy_utilization_shrinkage_productivity() {
    let t = totals();
    close(&t.occupancy(OccupancyVariant::Measured), 0.75);
    close(&t.occupancy(OccupancyVariant::Utilization), 0.625);
    close(&t.shrinkage(ShrinkageVariant::Total), 96_000.0 / 432_000.0);
    close(&t.shrinkage(ShrinkageVariant::OnShift), 60_000.0 / 360_000.0);
    close(&t.contacts_per_agent_hour(HourBasis::LoggedIn), 9.0);
    close(&t.contacts_per_agent_hour(HourBasis::Paid), 7.5);
}

#[test]
fn cost_variants() {
    let t = totals();
    let c = |scope, basis| t.cost(CostVariant { scope, basis });
    use CostBasis as B;
    use CostScope as S;
    close(&c(S::FullyLoaded, B::HandledContact), 3300.0 / 900.0);
    close(&c(S::FullyLoaded, B::OfferedContact), 3.3);
    close(&c(S::FullyLoaded, B::HandledMinute), 3300.0 / 3750.0);
    close(&c(S::FullyLoaded, B::AgentHour), 27.5);
    close(&c(S::LabourOnly, B::HandledContact), 2400.0 / 900.0);
    close(&c(S::LabourOnly, B::OfferedContact), 2.4);
    close(&c(S::LabourOnly, B::HandledMinute), 0.64);
    close(&c(S::LabourOnly, B::AgentHour), 20.0);
    assert_eq!(c(S::FullyLoaded, B::AgentHour).variant.unit(), "money/h");
}

#[test]
fn every_variant_id_is_distinct() {
    let mut ids = std::collections::HashSet::new();
    for fam in [
        ReportedKpi::ServiceLevel,
        ReportedKpi::Asa,
        ReportedKpi::AbandonmentRate,
        ReportedKpi::Aht,
        ReportedKpi::Occupancy,
        ReportedKpi::Shrinkage,
        ReportedKpi::ContactsPerAgentHour,
        ReportedKpi::CostPerContact,
        ReportedKpi::CostPerHandledMinute,
        ReportedKpi::CostPerAgentHour,
        ReportedKpi::GrossFte,
    ] {
        for v in fam.variants() {
            assert!(ids.insert(v.id()), "{}", v.id());
        }
    }
    assert_eq!(ids.len(), 5 + 2 + 4 + 3 + 2 + 2 + 2 + 4 + 2 + 2 + 2);
}

#[test]
fn zero_denominators_are_undefined_not_nan() {
    let t = ContactTotals::new(ContactTotalsInput::default()).unwrap();
    for fam in [ReportedKpi::ServiceLevel, ReportedKpi::Aht, ReportedKpi::CostPerContact, ReportedKpi::Occupancy] {
        for k in t.all_variants(fam) {
            assert_eq!(k.value, None, "{:?}", k.variant);
            assert!(k.trace().is_none());
        }
    }
    // Everything abandoned within T: Aban-Ignored has no denominator.
    let all_ab = ContactTotals::new(ContactTotalsInput {
        sl_threshold_s: 20.0,
        offered: 10.0,
        queued: 10.0,
        abandoned: 10.0,
        abandoned_within_t: 10.0,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(all_ab.service_level(ServiceLevelVariant::AbandonsIgnored).value, None);
    assert_eq!(all_ab.service_level(ServiceLevelVariant::AbandonsPositive).value, Some(1.0));
}

#[test]
fn validation_names_the_inconsistent_field() {
    let f = fixture();
    let err = |raw: ContactTotalsInput| ContactTotals::new(raw).unwrap_err().field;
    assert_eq!(err(ContactTotalsInput { talk_s: -1.0, ..f }), "talk_s");
    assert_eq!(err(ContactTotalsInput { paid_s: f64::NAN, ..f }), "paid_s");
    assert_eq!(err(ContactTotalsInput { answered: 1001.0, ..f }), "answered");
    assert_eq!(err(ContactTotalsInput { abandoned: 101.0, ..f }), "abandoned");
    assert_eq!(err(ContactTotalsInput { queued: 79.0, ..f }), "queued");
    assert_eq!(err(ContactTotalsInput { answered_within_t: 901.0, ..f }), "answered_within_t");
    assert_eq!(err(ContactTotalsInput { abandoned_within_t: 81.0, ..f }), "abandoned_within_t");
    assert_eq!(err(ContactTotalsInput { short_abandons: 51.0, ..f }), "short_abandons");
    assert_eq!(err(ContactTotalsInput { short_abandon_threshold_s: 30.0, ..f }), "short_abandon_threshold_s");
}

// ------------------------------------------------------------ explain a reported figure

fn reported(kpi: ReportedKpi, value: f64, tol: f64) -> ReportedFigure {
    ReportedFigure::new(kpi, value, tol).unwrap()
}

#[test]
fn explain_abandons_excluded_from_service_level() {
    // Reported 75.8% (shown to 0.1%); the auditor's Aban-Negative is 72.0%.
    let e = explain(&totals(), &reported(ReportedKpi::ServiceLevel, 0.758, 0.0005));
    assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsIgnored)]));
    let best = &e.candidates[0];
    assert!((best.kpi.value.unwrap() - 720.0 / 950.0).abs() < 1e-12);
    assert!((best.difference.unwrap() - (0.758 - 720.0 / 950.0)).abs() < 1e-12);
    assert!(best.kpi.variant.description().contains("abandons within T excluded"));
    assert_eq!(e.value_of(KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsNegative)), Some(0.72));
    assert_eq!(e.candidates.len(), 5);
    assert!(e.mistakes().is_empty()); // a definition, not an error: the report must say which
}

#[test]
fn explain_acw_left_out_of_aht() {
    let e = explain(&totals(), &reported(ReportedKpi::Aht, 220.0, 0.5));
    assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::Aht(AhtVariant::TalkHold)]));
    assert_eq!(e.mistakes(), vec![KpiVariant::Aht(AhtVariant::TalkHold)]);
    assert_eq!(e.candidates[0].difference, Some(0.0));
    assert_eq!(e.value_of(KpiVariant::Aht(AhtVariant::TalkHoldAcw)), Some(250.0));
    assert!(KpiVariant::Aht(AhtVariant::TalkHold).description().contains("ACW"));
}

#[test]
fn explain_short_abandons_dropped() {
    // Reported abandonment 6.1%: the short abandons were dropped (60/980 = 6.12%).
    let e = explain(&totals(), &reported(ReportedKpi::AbandonmentRate, 0.061, 0.0005));
    assert_eq!(
        e.verdict,
        Verdict::Explained(vec![KpiVariant::Abandonment(AbandonmentVariant::ShortExcludedOverOffered)])
    );
    // And a service level of 73.5% is Aban-Negative with short abandons dropped (720/980).
    let e = explain(&totals(), &reported(ReportedKpi::ServiceLevel, 0.735, 0.0005));
    assert_eq!(
        e.verdict,
        Verdict::Explained(vec![KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsNegativeShortExcluded)])
    );
}

#[test]
fn explain_offered_instead_of_handled_denominator() {
    // Reported cost per call 3.30: total cost over OFFERED contacts (3300/1000), not handled (3.67).
    let e = explain(&totals(), &reported(ReportedKpi::CostPerContact, 3.30, 0.005));
    let offered = KpiVariant::Cost(CostVariant { scope: CostScope::FullyLoaded, basis: CostBasis::OfferedContact });
    assert_eq!(e.verdict, Verdict::Explained(vec![offered]));
    assert!(offered.description().contains("offered"));
    assert!(
        (e.value_of(KpiVariant::Cost(CostVariant { scope: CostScope::FullyLoaded, basis: CostBasis::HandledContact }))
            .unwrap()
            - 3.6667)
            .abs()
            < 1e-4
    );
}

#[test]
fn explain_labour_only_cost() {
    let e = explain(&totals(), &reported(ReportedKpi::CostPerContact, 2.67, 0.005));
    assert_eq!(
        e.verdict,
        Verdict::Explained(vec![KpiVariant::Cost(CostVariant {
            scope: CostScope::LabourOnly,
            basis: CostBasis::HandledContact
        })])
    );
}

#[test]
fn explain_net_times_one_plus_s() {
    // 14 net agents at 30% shrinkage: reported 18.2 FTE is N × (1 + s), the definition gives 20.
    let s = Shrinkage::new(0.3).unwrap();
    let e = explain_gross_fte(14.0, s, &reported(ReportedKpi::GrossFte, 18.2, 0.01)).unwrap();
    assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::GrossFte(FteVariant::NetTimesOnePlusS)]));
    assert_eq!(e.mistakes(), vec![KpiVariant::GrossFte(FteVariant::NetTimesOnePlusS)]);
    assert!((e.value_of(KpiVariant::GrossFte(FteVariant::DivideByAvailableShare)).unwrap() - 20.0).abs() < 1e-12);
    let t = e.candidates[0].kpi.trace().unwrap();
    assert_eq!(t.formula, "FTE = N × (1 + s)");
    // 20 is the definition.
    let ok = explain_gross_fte(14.0, s, &reported(ReportedKpi::GrossFte, 20.0, 0.01)).unwrap();
    assert_eq!(ok.verdict, Verdict::Explained(vec![KpiVariant::GrossFte(FteVariant::DivideByAvailableShare)]));
    assert!(ok.mistakes().is_empty());
    assert_eq!(explain_gross_fte(-1.0, s, &reported(ReportedKpi::GrossFte, 1.0, 0.0)).unwrap_err().field, "net_agents");
}

#[test]
fn explain_asa_and_utilisation() {
    let e = explain(&totals(), &reported(ReportedKpi::Asa, 31.6, 0.05));
    assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::Asa(AsaVariant::AllContacts)]));
    let e = explain(&totals(), &reported(ReportedKpi::Occupancy, 0.625, 0.0005));
    assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::Occupancy(OccupancyVariant::Utilization)]));
}

#[test]
fn unexplained_figure_names_the_closest_variant() {
    let e = explain(&totals(), &reported(ReportedKpi::ServiceLevel, 0.80, 0.0005));
    match e.verdict {
        Verdict::Unexplained { closest, difference } => {
            assert_eq!(closest, Some(KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsPositive)));
            assert!((difference.unwrap() - 0.03).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    // Candidates sorted closest first.
    let d: Vec<f64> = e.candidates.iter().map(|c| c.difference.unwrap().abs()).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn several_matches_are_all_listed() {
    // With no short abandons, the short-excluded variants equal the plain ones.
    let raw = ContactTotalsInput { short_abandons: 0.0, ..fixture() };
    let e = explain(&ContactTotals::new(raw).unwrap(), &reported(ReportedKpi::ServiceLevel, 0.72, 1e-9));
    assert_eq!(
        e.verdict,
        Verdict::Explained(vec![
            KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsNegative),
            KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsNegativeShortExcluded),
        ])
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any totals that pass validation give every variant as a finite value or `None`, never NaN.
        #[test]
        fn valid_totals_never_give_nan(
            offered in 0.0f64..1e7, a in 0.0f64..1.0, b in 0.0f64..1.0, c in 0.0f64..1.0, d in 0.0f64..1.0,
            e in 0.0f64..1.0, secs in proptest::collection::vec(0.0f64..1e8, 12), costs in proptest::collection::vec(0.0f64..1e7, 5),
        ) {
            let answered = offered * a;
            let abandoned = (offered - answered) * b;
            let abandoned_within_t = abandoned * c;
            let raw = ContactTotalsInput {
                sl_threshold_s: 20.0, short_abandon_threshold_s: 5.0,
                offered, queued: abandoned + (offered - abandoned) * e, answered, abandoned,
                short_abandons: abandoned_within_t * d, answered_within_t: answered * d, abandoned_within_t,
                answer_wait_s: secs[0], abandon_wait_s: secs[1], handled: secs[2] / 100.0,
                talk_s: secs[3], hold_s: secs[4], acw_s: secs[5], logged_in_s: secs[6], available_s: secs[7],
                not_ready_s: secs[8], absence_s: secs[9], paid_s: secs[10],
                labour_cost: costs[0], telephony_cost: costs[1], technology_cost: costs[2],
                facilities_cost: costs[3], overhead_cost: costs[4],
            };
            let t = ContactTotals::new(raw).unwrap();
            for fam in [ReportedKpi::ServiceLevel, ReportedKpi::Asa, ReportedKpi::AbandonmentRate, ReportedKpi::Aht,
                        ReportedKpi::Occupancy, ReportedKpi::Shrinkage, ReportedKpi::ContactsPerAgentHour,
                        ReportedKpi::CostPerContact, ReportedKpi::CostPerHandledMinute, ReportedKpi::CostPerAgentHour] {
                for k in t.all_variants(fam) {
                    if let Some(v) = k.value {
                        prop_assert!(v.is_finite() && v >= 0.0, "{:?} = {}", k.variant, v);
                    }
                }
                let e = explain(&t, &ReportedFigure::new(fam, 0.5, 0.01).unwrap());
                prop_assert_eq!(e.candidates.len(), fam.variants().len());
            }
        }
    }
}

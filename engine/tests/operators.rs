//! Operator analytics: detector precision and recall on a synthetic centre
//! with planted gamers, KPI arithmetic, statistics and QA sample sizes.

use callcalc_engine::{
    analyse_operators, benjamini_hochberg, binomial_upper_tail, normal_quantile, random_review_sample,
    sample_size_mean, sample_size_proportion, systematic_plan, Channel, ContactRecord, DetectorSettings,
    OperatorThresholds, OperatorTime, Pattern, Statistic, SyntheticCentre,
};

const SEEDS: [u64; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
const OPERATORS: u32 = 60;
const DAYS: u32 = 10;
const GAMERS_PER_PATTERN: u32 = 4;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    negatives: u32,
}

impl Counts {
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_) as f64
    }
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn false_alarm_rate(&self) -> f64 {
        self.fp as f64 / self.negatives as f64
    }
}

#[test]
fn detectors_find_planted_gamers_with_few_false_alarms() {
    // two weeks and one week of working days
    detector_quality(DAYS);
    detector_quality(5);
}

fn detector_quality(days: u32) {
    let mut totals = [Counts::default(); Pattern::ALL.len()];
    let settings = DetectorSettings::default();
    for seed in SEEDS {
        let centre = SyntheticCentre::new(seed, OPERATORS, days, GAMERS_PER_PATTERN).unwrap().generate();
        let report = analyse_operators(&centre.records, &centre.times, &settings);
        assert_eq!(report.kpis.len(), OPERATORS as usize);
        let mut line = format!("{days} days, seed {seed}:");
        for (i, pattern) in Pattern::ALL.iter().enumerate() {
            let planted = centre.planted_for(*pattern);
            let raised = report.raised_for(*pattern);
            let tp = raised.iter().filter(|o| planted.contains(o)).count() as u32;
            let c = Counts {
                tp,
                fp: raised.len() as u32 - tp,
                fn_: planted.len() as u32 - tp,
                negatives: OPERATORS - planted.len() as u32,
            };
            let t = &mut totals[i];
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
            t.negatives += c.negatives;
            line.push_str(&format!(" {}={}/{}+{}fp", pattern.name(), c.tp, planted.len(), c.fp));
        }
        println!("{line}");
    }
    println!(
        "{:<20} {:>9} {:>7} {:>11} (over {} seeds × {} operators × {} days, {} gamers per pattern)",
        "pattern",
        "precision",
        "recall",
        "false-alarm",
        SEEDS.len(),
        OPERATORS,
        days,
        GAMERS_PER_PATTERN
    );
    for (i, pattern) in Pattern::ALL.iter().enumerate() {
        let t = totals[i];
        println!(
            "{:<20} {:>9.3} {:>7.3} {:>11.4}   tp={} fp={} fn={}",
            pattern.name(),
            t.precision(),
            t.recall(),
            t.false_alarm_rate(),
            t.tp,
            t.fp,
            t.fn_
        );
    }
    for (i, pattern) in Pattern::ALL.iter().enumerate() {
        let t = totals[i];
        assert!(t.recall() >= 0.9, "{}: recall {}", pattern.name(), t.recall());
        assert!(t.false_alarm_rate() <= 0.05, "{}: false-alarm rate {}", pattern.name(), t.false_alarm_rate());
    }
}

#[test]
fn honest_centre_raises_almost_nothing() {
    let mut raised = 0;
    let mut tests = 0;
    for seed in SEEDS {
        let centre = SyntheticCentre::new(100 + seed, OPERATORS, DAYS, 0).unwrap().generate();
        assert!(centre.planted.is_empty());
        let report = analyse_operators(&centre.records, &centre.times, &DetectorSettings::default());
        raised += report.raised().count();
        tests += report.flags.len();
    }
    println!("honest centres: {raised} flags raised of {tests} tests");
    assert!(tests >= SEEDS.len() * OPERATORS as usize * Pattern::ALL.len() - 10);
    assert!((raised as f64) <= 0.01 * tests as f64, "{raised} of {tests}");
}

#[test]
fn flags_carry_evidence_and_explanation() {
    let centre = SyntheticCentre::new(11, OPERATORS, DAYS, GAMERS_PER_PATTERN).unwrap().generate();
    let report = analyse_operators(&centre.records, &centre.times, &DetectorSettings::default());
    for f in report.raised() {
        assert!(f.q_value <= report.fdr && f.p_value <= f.q_value);
        assert!(!f.evidence.is_empty());
        assert!(f.explanation_key.starts_with("operators.pattern."));
        match f.statistic {
            Statistic::Binomial { share, peer_share, ratio, .. } => {
                assert!(matches!(
                    f.pattern,
                    Pattern::ShortCalls | Pattern::TransferAvoidance | Pattern::AnsweredNearSl | Pattern::RepeatCallers
                ));
                assert!(ratio.is_some_and(|r| r >= f.threshold) && share > peer_share);
            }
            Statistic::RobustZ { z, .. } => assert!(z >= f.threshold),
        }
    }
}

#[test]
fn generator_is_reproducible_and_seed_sensitive() {
    let a = SyntheticCentre::new(5, 20, 2, 1).unwrap().generate();
    let b = SyntheticCentre::new(5, 20, 2, 1).unwrap().generate();
    let c = SyntheticCentre::new(6, 20, 2, 1).unwrap().generate();
    assert_eq!(a, b);
    assert_ne!(a.records, c.records);
    assert_eq!(a.planted.len(), Pattern::ALL.len());
    assert_eq!(a.times.len(), 40);
}

#[test]
fn raising_thresholds_removes_flags() {
    let centre = SyntheticCentre::new(3, OPERATORS, DAYS, GAMERS_PER_PATTERN).unwrap().generate();
    let strict = OperatorThresholds {
        short_share_ratio: 1e6,
        transfer_share_ratio: 1e6,
        acw_z: 1e3,
        hold_z: 1e3,
        not_ready_z: 1e3,
        near_sl_ratio: 1e6,
        repeat_ratio: 1e6,
        ..OperatorThresholds::default()
    };
    let report = analyse_operators(&centre.records, &centre.times, &DetectorSettings::new(strict).unwrap());
    assert_eq!(report.raised().count(), 0);
    assert!(!report.flags.is_empty());
}

#[test]
fn short_threshold_is_editable() {
    let recs: Vec<ContactRecord> = (0..100)
        .map(|i| ContactRecord::new("a", Channel::Chat, 5.0 + i as f64, 0.0, 0.0, false, false).unwrap())
        .collect();
    let times = [OperatorTime::new("a", 3600.0, 3600.0, 0.0, 0.0).unwrap()];
    let k10 = callcalc_engine::operator_kpis(&recs, &times, &DetectorSettings::default());
    assert_eq!(k10[0].short_contacts, 5);
    let t = OperatorThresholds { short_contact_s: 30.0, ..OperatorThresholds::default() };
    let k30 = callcalc_engine::operator_kpis(&recs, &times, &DetectorSettings::new(t).unwrap());
    assert_eq!(k30[0].short_contacts, 25);
    assert_eq!(k30[0].contacts_per_hour, Some(50.0));
}

#[test]
fn binomial_tail_reference_values() {
    // R: pbinom(4, 100, 0.03, lower.tail = FALSE) = 0.1821452
    assert!((binomial_upper_tail(5, 100, 0.03).unwrap() - 0.182_145_2).abs() < 1e-7);
    // R: pbinom(29, 200, 0.1, lower.tail = FALSE) = 0.01632657 (P(X ≥ 30))
    assert!((binomial_upper_tail(30, 200, 0.1).unwrap() - 0.016_326_57).abs() < 1e-8);
    assert_eq!(binomial_upper_tail(11, 10, 0.5).unwrap(), 0.0);
    assert_eq!(binomial_upper_tail(1, 10, 0.0).unwrap(), 0.0);
}

#[test]
fn bh_matches_r_p_adjust() {
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05, 0.5), "BH")
    //    = 0.06 0.06 0.06 0.06 0.06 0.50
    let q = benjamini_hochberg(&[0.01, 0.02, 0.03, 0.04, 0.05, 0.5]);
    for (a, b) in q.iter().zip([0.06, 0.06, 0.06, 0.06, 0.06, 0.5]) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }
}

#[test]
fn quality_sample_sizes_textbook() {
    assert_eq!(normal_quantile(0.995).unwrap().to_string()[..6], *"2.5758");
    assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, None).unwrap().n, 385);
    assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(1000)).unwrap().n, 278);
    assert_eq!(sample_size_proportion(0.99, 0.5, 0.05, None).unwrap().n, 664);
    assert_eq!(sample_size_proportion(0.95, 0.5, 0.03, None).unwrap().n, 1068);
    assert_eq!(sample_size_mean(0.95, 10.0, 2.0, None).unwrap().n, 97);
    assert_eq!(sample_size_mean(0.95, 10.0, 2.0, Some(200)).unwrap().n, 66);
    let plan = systematic_plan(10_000, 385, 9).unwrap();
    assert_eq!(plan.k, 25);
    assert!(plan.indices.iter().all(|&i| i < 10_000));
    let s = random_review_sample(10_000, 385, 9).unwrap();
    assert_eq!(s.len(), 385);
    assert!(s.windows(2).all(|w| w[0] < w[1]));
}

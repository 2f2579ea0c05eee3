//! Practice mode: every generator yields solvable exercises whose stored answer
//! equals an independent recomputation through the engine; tolerance rules;
//! answer reading; reproducible papers; scoring.

use std::collections::HashSet;

use callcalc_engine::*;

const DIFFICULTIES: [Difficulty; 3] = [Difficulty::Basic, Difficulty::Intermediate, Difficulty::Advanced];
const SEEDS: u64 = 150;

/// Recomputes the expected answer of an exercise from its givens, through the
/// engine's public API only.
fn recompute(e: &Exercise) -> AnswerValue {
    match &e.givens {
        Givens::Traffic { calls, interval_s, aht_s } => {
            AnswerValue::Number(Load::new(*calls, *interval_s, *aht_s).unwrap().traffic().erlangs())
        }
        Givens::Staffing { calls, interval_s, aht_s, sl_target, sl_threshold_s, max_occupancy } => {
            let load = Load::new(*calls, *interval_s, *aht_s).unwrap();
            let t = Targets::new(*sl_threshold_s, Some(*sl_target), None, *max_occupancy).unwrap();
            AnswerValue::Number(required_agents(&load, &t).agents as f64)
        }
        Givens::GrossFte { net_agents, shrinkage } => {
            let g = Shrinkage::new(*shrinkage).unwrap().gross(*net_agents as f64).unwrap();
            AnswerValue::Number(g.fte_rounded as f64)
        }
        Givens::StaffedGrossFte { calls, interval_s, aht_s, sl_target, sl_threshold_s, shrinkage } => {
            let load = Load::new(*calls, *interval_s, *aht_s).unwrap();
            let net = required_agents(&load, &Targets::service_level(*sl_target, *sl_threshold_s).unwrap()).agents;
            let g = Shrinkage::new(*shrinkage).unwrap().gross(net as f64).unwrap();
            AnswerValue::Number(g.fte_rounded as f64)
        }
        Givens::QueueAt { calls, interval_s, aht_s, threshold_s, agents, metric } => {
            let q = ErlangC::new(Load::new(*calls, *interval_s, *aht_s).unwrap(), *threshold_s).unwrap();
            let k = *q.at(*agents).stable().expect("the exercise's staffing is stable");
            AnswerValue::Number(match metric {
                Metric::Occupancy => k.occupancy,
                Metric::Asa => k.asa_s,
                other => panic!("unexpected metric {other:?}"),
            })
        }
        Givens::Kpi { totals, variant } => {
            AnswerValue::Number(ContactTotals::new(*totals).unwrap().kpi(*variant).value.unwrap())
        }
        Givens::ExplainFigure { totals, reported, options } => {
            let e = explain(&ContactTotals::new(*totals).unwrap(), reported);
            match e.verdict {
                Verdict::Explained(v) => {
                    assert_eq!(v.len(), 1, "exactly one variant explains the figure");
                    AnswerValue::Choice(options.iter().position(|o| *o == v[0]).unwrap())
                }
                other => panic!("unexplained figure: {other:?}"),
            }
        }
        Givens::Report { totals, net_agents, shrinkage, lines } => {
            let totals = ContactTotals::new(*totals).unwrap();
            let sh = Shrinkage::new(*shrinkage).unwrap();
            let wrong: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let e = if l.reported.kpi == ReportedKpi::GrossFte {
                        explain_gross_fte(*net_agents, sh, &l.reported).unwrap()
                    } else {
                        explain(&totals, &l.reported)
                    };
                    // The stated definition does not reproduce the figure …
                    let stated_ok = e.candidates.iter().any(|c| c.kpi.variant == l.stated && c.matches);
                    if !stated_ok {
                        // … and some other variant (the planted mistake) does.
                        assert!(matches!(e.verdict, Verdict::Explained(_)), "planted error is explainable");
                    }
                    !stated_ok
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(wrong.len(), 1, "exactly one planted mistake");
            AnswerValue::Choice(wrong[0])
        }
        Givens::ModelChoice { queue, mean_patience_s, options, calls, interval_s, aht_s, agents } => {
            let load = Load::new(*calls, *interval_s, *aht_s).unwrap();
            // The situation is one the engine can compute: stable for Erlang C,
            // valid patience for Erlang A.
            assert!(ErlangC::new(load, 20.0).unwrap().at(*agents).stable().is_some());
            if let Some(p) = mean_patience_s {
                assert!(ErlangA::new(load, *p, 20.0).unwrap().at(*agents).p_abandon > 0.0);
            }
            let model = match (queue, mean_patience_s) {
                (false, _) => QueueModel::ErlangB,
                (true, None) => QueueModel::ErlangC,
                (true, Some(_)) => QueueModel::ErlangA,
            };
            AnswerValue::Choice(options.iter().position(|m| *m == model).unwrap())
        }
        Givens::Cash { flows, annual_rate, horizon_months, question } => {
            let cf = CashFlows::new(flows.clone()).unwrap();
            let rate = DiscountRate::monthly_from_annual(*annual_rate).unwrap();
            let investment = -flows[0];
            let gain: f64 = flows[1..].iter().sum();
            match question {
                CashQuestion::Roi => {
                    AnswerValue::Number(roi(gain, investment, RoiVariant::NetReturnOnCost).unwrap().value)
                }
                CashQuestion::Npv => AnswerValue::Number(npv(rate, &cf, NpvTiming::FirstAtTimeZero).value),
                CashQuestion::SimplePayback => AnswerValue::Number(
                    payback(&cf, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback.periods().unwrap(),
                ),
                CashQuestion::Decision => {
                    let v = npv(rate, &cf, NpvTiming::FirstAtTimeZero).value;
                    let p = payback(&cf, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback.periods();
                    AnswerValue::Choice(if v >= 0.0 {
                        0
                    } else if p.is_some_and(|p| p <= *horizon_months as f64) {
                        1
                    } else {
                        2
                    })
                }
            }
        }
    }
}

fn stored(e: &Exercise) -> AnswerValue {
    match e.answer {
        Answer::Number { value, .. } => AnswerValue::Number(value),
        Answer::Choice { correct } => AnswerValue::Choice(correct),
    }
}

/// The stored answer typed as a candidate would type it.
fn typed(e: &Exercise) -> String {
    match e.answer {
        Answer::Number { value, format, .. } => match format {
            AnswerFormat::Percent => format!("{} %", value * 100.0).replace('.', ","),
            AnswerFormat::Duration => {
                let s = value.round() as u64;
                format!("{}:{:02}", s / 60, s % 60)
            }
            AnswerFormat::Count => format!("{}", value as u64),
            AnswerFormat::Number => format!("{value}").replace('.', ","),
        },
        Answer::Choice { correct } => ["A", "b", "В", "4", "E)"][correct].to_string(),
    }
}

fn all_exercises() -> Vec<Exercise> {
    let mut out = Vec::new();
    for &topic in &Topic::ALL {
        for &d in &DIFFICULTIES {
            for seed in 0..SEEDS {
                out.push(Exercise::generate(seed.wrapping_mul(0x9E37_79B9) ^ 0xC0FFEE, topic, d));
            }
        }
    }
    out
}

#[test]
fn stored_answers_equal_independent_engine_recomputation() {
    let mut kinds = HashSet::new();
    let mut givens = HashSet::new();
    for e in all_exercises() {
        kinds.insert(e.kind);
        givens.insert(std::mem::discriminant(&e.givens));
        assert_eq!(stored(&e), recompute(&e), "{:?} {:?} seed {}", e.topic, e.difficulty, e.seed);
        // Solvable: the answer typed back is accepted.
        let t = typed(&e);
        assert!(
            e.check(&t).is_correct(),
            "{:?} {:?} seed {}: {t:?} → {:?}",
            e.topic,
            e.difficulty,
            e.seed,
            e.check(&t)
        );
        // Texts in both languages, options for choices.
        assert!(!e.prompt.ru.is_empty() && !e.prompt.en.is_empty());
        assert_ne!(e.prompt.ru, e.prompt.en);
        match e.answer {
            Answer::Choice { correct } => assert!(correct < e.options.len() && e.options.len() >= 2),
            Answer::Number { value, .. } => {
                assert!(value.is_finite());
                assert!(e.options.is_empty());
            }
        }
    }
    for k in [ExerciseKind::Compute, ExerciseKind::Choose, ExerciseKind::FindTheError, ExerciseKind::BudgetCase] {
        assert!(kinds.contains(&k), "{k:?} never generated");
    }
    assert_eq!(givens.len(), 10, "every kind of givens is generated");
}

#[test]
fn worked_solutions_are_the_engines_traces() {
    for e in all_exercises() {
        assert!(!e.solution.is_empty(), "{:?} {:?} seed {}", e.topic, e.difficulty, e.seed);
        for s in &e.solution {
            assert!(!s.trace.formula.is_empty() && !s.trace.id.is_empty());
            assert!(s.substituted.starts_with(s.trace.formula));
            assert!(!s.title.ru.is_empty() && !s.title.en.is_empty());
        }
        // A compute answer is the result of one of its steps (head counts: rounded up).
        if let Answer::Number { value, tolerance, .. } = e.answer {
            let found = e.solution.iter().any(|s| {
                if tolerance == Tolerance::WholeUp {
                    s.trace.result == value || ceil_people(s.trace.result) as f64 == value
                } else {
                    s.trace.result == value
                }
            });
            assert!(found, "{:?} {:?} seed {}", e.topic, e.difficulty, e.seed);
        }
    }
}

#[test]
fn model_choice_reaches_every_model_and_traces_the_fitting_one() {
    let mut seen = HashSet::new();
    for seed in 0..300 {
        let e = Exercise::generate(seed, Topic::TrafficStaffing, Difficulty::Advanced);
        if let (Givens::ModelChoice { options, .. }, Answer::Choice { correct }) = (&e.givens, &e.answer) {
            let model = options[*correct];
            seen.insert(model);
            let last = &e.solution.last().unwrap().trace;
            let expected_id = match model {
                QueueModel::ErlangB => "erlang_b",
                QueueModel::ErlangC => "erlang_c.service_level",
                QueueModel::ErlangA => "erlang_a.p_abandon",
            };
            assert_eq!(last.id, expected_id);
        }
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[test]
fn budget_case_reaches_every_decision() {
    let mut seen = HashSet::new();
    for seed in 0..400 {
        let e = Exercise::generate(seed, Topic::Investment, Difficulty::Advanced);
        assert_eq!(e.kind, ExerciseKind::BudgetCase);
        if let Answer::Choice { correct } = e.answer {
            seen.insert(correct);
        }
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[test]
fn find_the_error_plants_every_mistake() {
    let mut seen = HashSet::new();
    for seed in 0..300 {
        let e = Exercise::generate(seed, Topic::KpiReading, Difficulty::Advanced);
        assert_eq!(e.kind, ExerciseKind::FindTheError);
        if let Answer::Choice { correct } = e.answer {
            seen.insert(correct);
        }
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
}

fn staffing_exercise() -> (Exercise, f64) {
    let e = Exercise::generate(11, Topic::TrafficStaffing, Difficulty::Intermediate);
    let Answer::Number { value, tolerance, format, .. } = e.answer else { panic!("compute expected") };
    assert_eq!(tolerance, Tolerance::WholeUp);
    assert_eq!(format, AnswerFormat::Count);
    (e, value)
}

#[test]
fn agents_must_be_rounded_up_to_the_exact_count() {
    let (e, n) = staffing_exercise();
    assert!(e.check(&format!("{n}")).is_correct());
    assert!(e.check(&format!("{n},0")).is_correct());
    assert!(e.check(&format!(" {n} ")).is_correct());
    // Fractional below the need, truncated, and over-staffed answers are wrong.
    for wrong in [n - 0.8, n - 1.0, n - 0.5, n + 1.0, n - 0.001] {
        match e.check(&format!("{wrong}").replace('.', ",")) {
            AnswerCheck::Wrong { given: AnswerValue::Number(g), expected: AnswerValue::Number(x) } => {
                assert_eq!(x, n);
                assert!((g - wrong).abs() < 1e-9);
            }
            other => panic!("{wrong}: {other:?}"),
        }
    }
    assert!(Tolerance::WholeUp.accepts(14.0, 14.0));
    assert!(!Tolerance::WholeUp.accepts(13.2, 14.0));
    assert!(!Tolerance::WholeUp.accepts(13.999, 14.0));
}

#[test]
fn percent_and_fraction_are_both_read() {
    let e = Exercise::generate(3, Topic::Occupancy, Difficulty::Basic);
    let Answer::Number { value, format, tolerance, .. } = e.answer else { panic!("compute expected") };
    assert_eq!(format, AnswerFormat::Percent);
    assert_eq!(tolerance, Tolerance::Absolute(0.005));
    let pct = (value * 1000.0).round() / 10.0; // to 0.1 percentage point: within ±0.5 pp
    for t in [format!("{pct}%"), format!("{pct} %"), format!("{pct}"), format!("{}", pct / 100.0)] {
        let t = t.replace('.', ",");
        assert!(e.check(&t).is_correct(), "{t}: {:?}", e.check(&t));
    }
    // Off by one percentage point: wrong, with the fraction as expected value.
    match e.check(&format!("{}%", pct + 1.0)) {
        AnswerCheck::Wrong { expected: AnswerValue::Number(x), .. } => assert_eq!(x, value),
        other => panic!("{other:?}"),
    }
    // A fraction written with a percent sign is a different number.
    assert!(!e.check(&format!("{}%", value)).is_correct());
    assert_eq!(read_number(AnswerFormat::Percent, "85,5 %").unwrap(), 0.855);
    assert_eq!(read_number(AnswerFormat::Percent, "0,855").unwrap(), 0.855);
    assert!((read_number(AnswerFormat::Percent, "85,5").unwrap() - 0.855).abs() < 1e-15);
    assert!(Tolerance::Absolute(0.005).accepts(0.804, 0.8));
    assert!(!Tolerance::Absolute(0.005).accepts(0.806, 0.8));
    assert!(Tolerance::Relative(0.01).accepts(-99.0, -100.0));
    assert!(!Tolerance::Relative(0.01).accepts(-98.9, -100.0));
}

#[test]
fn durations_money_and_choices_are_read_as_typed() {
    assert_eq!(read_number(AnswerFormat::Duration, "2:05").unwrap(), 125.0);
    assert_eq!(read_number(AnswerFormat::Duration, "125,5").unwrap(), 125.5);
    assert_eq!(read_number(AnswerFormat::Number, "1 234,5").unwrap(), 1234.5);
    assert_eq!(read_number(AnswerFormat::Number, "-12 000").unwrap(), -12000.0);
    assert_eq!(read_choice("а", 3), Ok(0));
    assert_eq!(read_choice("Б)", 3), Ok(1));
    assert_eq!(read_choice("c.", 3), Ok(2));
    assert_eq!(read_choice("3", 3), Ok(2));
    assert!(read_choice("0", 3).is_err());
    assert!(read_choice("AB", 3).is_err());
    let e = Exercise::generate(5, Topic::Occupancy, Difficulty::Advanced);
    let Answer::Number { format, value, .. } = e.answer else { panic!() };
    assert_eq!(format, AnswerFormat::Duration);
    let s = value.round() as u64;
    assert!(e.check(&format!("{}:{:02}", s / 60, s % 60)).is_correct());
    assert!(e.check(&format!("{}", value + 0.9).replace('.', ",")).is_correct());
    assert!(!e.check(&format!("{}", value + 1.5)).is_correct());
}

#[test]
fn unreadable_answers_say_why() {
    let (e, _) = staffing_exercise();
    for t in ["", "fourteen", "14 agents", "1,2,3"] {
        match e.check(t) {
            AnswerCheck::Unreadable { reason } => {
                assert!(!reason.ru.is_empty() && !reason.en.is_empty());
            }
            other => panic!("{t:?}: {other:?}"),
        }
    }
    let d = Exercise::generate(2, Topic::Occupancy, Difficulty::Advanced);
    assert!(matches!(d.check("3:75"), AnswerCheck::Unreadable { .. }));
    let c = Exercise::generate(2, Topic::Investment, Difficulty::Advanced);
    assert!(matches!(c.check("Z"), AnswerCheck::Unreadable { .. }));
    assert!(matches!(c.check("4"), AnswerCheck::Unreadable { .. }));
}

#[test]
fn same_seed_same_paper_different_seeds_different_papers() {
    for seed in [0u64, 1, 42, u64::MAX] {
        for &d in &DIFFICULTIES {
            let a = Paper::generate(seed, &Topic::ALL, 21, d).unwrap();
            let b = Paper::generate(seed, &Topic::ALL, 21, d).unwrap();
            assert_eq!(a, b);
            assert_eq!(a.exercises.len(), 21);
        }
    }
    let mut prompts = HashSet::new();
    for seed in 0..60u64 {
        let p = Paper::generate(seed, &Topic::ALL, 7, Difficulty::Intermediate).unwrap();
        let key: Vec<String> = p.exercises.iter().map(|e| e.prompt.en.clone()).collect();
        assert!(prompts.insert(key), "seed {seed} repeats an earlier paper");
    }
    // Topics cycle in the given order.
    let p = Paper::generate(9, &[Topic::Investment, Topic::ShrinkageFte], 5, Difficulty::Basic).unwrap();
    let topics: Vec<Topic> = p.exercises.iter().map(|e| e.topic).collect();
    assert_eq!(
        topics,
        [Topic::Investment, Topic::ShrinkageFte, Topic::Investment, Topic::ShrinkageFte, Topic::Investment]
    );
    assert_eq!(Paper::generate(1, &[], 1, Difficulty::Basic).unwrap_err().field, "topics");
    assert_eq!(Paper::generate(1, &Topic::ALL, MAX_PAPER_EXERCISES + 1, Difficulty::Basic).unwrap_err().field, "count");
    assert!(Paper::generate(1, &[], 0, Difficulty::Basic).unwrap().exercises.is_empty());
}

#[test]
fn score_by_topic() {
    let topics = [Topic::TrafficStaffing, Topic::Investment, Topic::KpiReading];
    let p = Paper::generate(77, &topics, 6, Difficulty::Advanced).unwrap();
    let right: Vec<String> = p.exercises.iter().map(typed).collect();
    // 0: right, 1: right, 2: unanswered, 3: wrong, 4: unreadable, 5: missing.
    let wrong3 = match p.exercises[3].answer {
        Answer::Number { value, .. } => format!("{}", value + 5.0),
        Answer::Choice { .. } => unreachable!("exercise 3 is a staffing computation"),
    };
    let answers = [Some(right[0].as_str()), Some(right[1].as_str()), None, Some(wrong3.as_str()), Some("???")];
    let s = p.score(&answers);
    assert_eq!(s.checks.len(), 6);
    assert_eq!(s.total, TopicScore { correct: 2, wrong: 1, unreadable: 1, unanswered: 2 });
    assert_eq!(s.by_topic.len(), 3);
    assert_eq!(
        s.by_topic[0],
        (Topic::TrafficStaffing, TopicScore { correct: 1, wrong: 1, unreadable: 0, unanswered: 0 })
    );
    assert_eq!(s.by_topic[1], (Topic::Investment, TopicScore { correct: 1, wrong: 0, unreadable: 1, unanswered: 0 }));
    assert_eq!(s.by_topic[2], (Topic::KpiReading, TopicScore { correct: 0, wrong: 0, unreadable: 0, unanswered: 2 }));
    assert_eq!(s.total.share(), Some(2.0 / 6.0));
    let all = p.score(&right.iter().map(|r| Some(r.as_str())).collect::<Vec<_>>());
    assert_eq!(all.total.correct, 6);
}

#[test]
fn splitmix64_reference_sequence() {
    // Reference outputs of splitmix64 seeded with 1234567 (Vigna's splitmix64.c).
    let mut r = SplitMix64::new(1234567);
    let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
    assert_eq!(got, [6457827717110365317, 3203168211198807973, 9817491932198370423]);
    let mut r = SplitMix64::new(9);
    for _ in 0..1000 {
        let u = r.unit();
        assert!((0.0..1.0).contains(&u));
        let i = r.int(3, 5);
        assert!((3..=5).contains(&i));
    }
}

#[test]
fn generators_never_fall_back() {
    for e in all_exercises() {
        let ok = match (&e.topic, &e.givens) {
            (Topic::TrafficStaffing, Givens::Traffic { .. } | Givens::Staffing { .. } | Givens::ModelChoice { .. }) => {
                true
            }
            (Topic::ShrinkageFte, Givens::GrossFte { .. } | Givens::StaffedGrossFte { .. }) => true,
            (Topic::Occupancy, Givens::QueueAt { .. }) => true,
            (Topic::ServiceLevel, Givens::Kpi { variant: KpiVariant::ServiceLevel(_), .. }) => true,
            (Topic::ServiceLevel, Givens::ExplainFigure { reported, .. }) => reported.kpi == ReportedKpi::ServiceLevel,
            (Topic::CostPerCall, Givens::Kpi { variant: KpiVariant::Cost(_), .. }) => true,
            (Topic::CostPerCall, Givens::ExplainFigure { reported, .. }) => reported.kpi == ReportedKpi::CostPerContact,
            (Topic::Investment, Givens::Cash { flows, .. }) => flows.len() > 2,
            (Topic::KpiReading, Givens::ExplainFigure { .. } | Givens::Report { .. }) => true,
            _ => false,
        };
        assert!(ok, "{:?} {:?} seed {}: {:?}", e.topic, e.difficulty, e.seed, e.givens);
    }
}

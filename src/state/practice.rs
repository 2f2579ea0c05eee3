//! The practice page: settings as typed, their parsing into a paper spec, the
//! engine calls (paper generation, answer checks, scoring), the texts shown
//! for verdicts and the answer key, and the results history in localStorage.

use callcalc_engine::{
    parse_decimal, Answer, AnswerCheck, AnswerFormat, AnswerValue, Difficulty, Exercise, FieldError, Paper, Problem,
    Score, SplitMix64, Text, Topic, MAX_PAPER_EXERCISES,
};

use crate::format;
use crate::i18n::Lang;
use crate::storage::{self, Loaded};

pub const HISTORY_KEY: &str = "callcalc.practice.history";
const HISTORY_KIND: &str = "practice-history";
/// Version 2 adds the submission time; version 1 records still load.
pub const HISTORY_VERSION: u32 = 2;
/// The history keeps this many most recent results.
pub const HISTORY_MAX: usize = 50;
/// Seeds are drawn below this bound so they are easy to read out and hand over.
pub const SEED_BOUND: u64 = 1_000_000;
/// Longest exam, minutes.
pub const MAX_MINUTES: f64 = 600.0;

/// The settings form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeForm {
    pub seed: String,
    pub count: String,
    pub difficulty: Difficulty,
    /// One flag per [`Topic::ALL`] entry.
    pub topics: [bool; 7],
    pub minutes: String,
}

impl Default for PracticeForm {
    fn default() -> Self {
        PracticeForm {
            seed: "2026".into(),
            count: "7".into(),
            difficulty: Difficulty::Basic,
            topics: [true; 7],
            minutes: "20".into(),
        }
    }
}

/// Validated settings: what [`Paper::generate`] needs, and the exam length.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperSpec {
    pub seed: u64,
    pub topics: Vec<Topic>,
    pub count: usize,
    pub difficulty: Difficulty,
    pub minutes: u32,
}

fn whole(field: &'static str, text: &str, min: f64, max: f64) -> Result<f64, FieldError> {
    let x = parse_decimal(field, text)?;
    if x.fract() != 0.0 {
        return Err(FieldError::new(field, text, Problem::NotInteger));
    }
    if !(min..=max).contains(&x) {
        return Err(FieldError::new(
            field,
            text,
            Problem::OutOfRange { min, max, min_inclusive: true, max_inclusive: true },
        ));
    }
    Ok(x)
}

impl PracticeForm {
    /// Validates every field; each error names its field (`seed`, `count`, `topics`, `minutes`).
    pub fn parse(&self) -> Result<PaperSpec, Vec<FieldError>> {
        let mut errs = Vec::new();
        let seed = whole("seed", &self.seed, 0.0, 9.0e15).map_err(|e| errs.push(e)).ok();
        let count = whole("count", &self.count, 1.0, MAX_PAPER_EXERCISES as f64).map_err(|e| errs.push(e)).ok();
        let minutes = whole("minutes", &self.minutes, 1.0, MAX_MINUTES).map_err(|e| errs.push(e)).ok();
        let topics: Vec<Topic> =
            Topic::ALL.iter().zip(self.topics.iter()).filter(|(_, on)| **on).map(|(t, _)| *t).collect();
        if topics.is_empty() {
            errs.push(FieldError::new(
                "topics",
                "0",
                Problem::OutOfRange {
                    min: 1.0,
                    max: Topic::ALL.len() as f64,
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ));
        }
        match (seed, count, minutes) {
            (Some(s), Some(c), Some(m)) if errs.is_empty() => Ok(PaperSpec {
                seed: s as u64,
                topics,
                count: c as usize,
                difficulty: self.difficulty,
                minutes: m as u32,
            }),
            _ => Err(errs),
        }
    }
}

/// The engine's paper for a spec.
pub fn generate(spec: &PaperSpec) -> Result<Paper, FieldError> {
    Paper::generate(spec.seed, &spec.topics, spec.count, spec.difficulty)
}

/// A new seed for the "new paper" button, mixing the previous seed with
/// outside entropy (the clock) through [`SplitMix64`].
pub fn next_seed(previous: u64, entropy: u64) -> u64 {
    let mut rng = SplitMix64::new(previous ^ entropy.rotate_left(17));
    let mut s = rng.next_u64() % SEED_BOUND;
    if s == previous {
        s = rng.next_u64() % SEED_BOUND;
    }
    s
}

pub fn difficulty_code(d: Difficulty) -> &'static str {
    match d {
        Difficulty::Basic => "basic",
        Difficulty::Intermediate => "intermediate",
        Difficulty::Advanced => "advanced",
    }
}

pub fn difficulty_from_code(code: &str) -> Option<Difficulty> {
    match code {
        "basic" => Some(Difficulty::Basic),
        "intermediate" => Some(Difficulty::Intermediate),
        "advanced" => Some(Difficulty::Advanced),
        _ => None,
    }
}

/// A bilingual engine text in `lang`.
pub fn text(lang: Lang, t: &Text) -> String {
    match lang {
        Lang::Ru => t.ru.clone(),
        Lang::En => t.en.clone(),
    }
}

/// The label of option `i` (`А, Б, В …` in Russian, `A, B, C …` in English).
pub fn option_label(lang: Lang, i: usize) -> String {
    let letters = match lang {
        Lang::Ru => "АБВГДЕЖЗ",
        Lang::En => "ABCDEFGH",
    };
    letters.chars().nth(i).map(String::from).unwrap_or_else(|| (i + 1).to_string())
}

/// What the candidate types for option `i`: its number from 1, which
/// [`callcalc_engine::read_choice`] reads in both languages.
pub fn choice_answer(i: usize) -> String {
    (i + 1).to_string()
}

/// The option chosen in an answer text, if it names one.
pub fn chosen_option(e: &Exercise, answer: &str) -> Option<usize> {
    callcalc_engine::read_choice(answer, e.options.len()).ok()
}

/// A value as the exercise asks for it, in `lang`.
pub fn value_text(lang: Lang, e: &Exercise, v: AnswerValue) -> String {
    match (v, &e.answer) {
        (AnswerValue::Choice(i), _) => {
            let option = e.options.get(i).map(|o| text(lang, o)).unwrap_or_default();
            format!("{}) {}", option_label(lang, i), option)
        }
        (AnswerValue::Number(x), Answer::Number { unit, format: f, .. }) => match f {
            AnswerFormat::Percent => format::percent(lang, x, 2),
            AnswerFormat::Count => format::plain(lang, x),
            AnswerFormat::Duration => format!("{} {}", format::plain(lang, (x * 100.0).round() / 100.0), seconds(lang)),
            AnswerFormat::Number => {
                let n = format::plain(lang, (x * 10_000.0).round() / 10_000.0);
                if unit.is_empty() {
                    n
                } else {
                    format!("{n} {unit}")
                }
            }
        },
        (AnswerValue::Number(x), Answer::Choice { .. }) => format::plain(lang, x),
    }
}

fn seconds(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "с",
        Lang::En => "s",
    }
}

/// The stored (engine-computed) answer of an exercise.
pub fn expected_value(e: &Exercise) -> AnswerValue {
    match e.answer {
        Answer::Number { value, .. } => AnswerValue::Number(value),
        Answer::Choice { correct } => AnswerValue::Choice(correct),
    }
}

/// The answer-key line for an exercise.
pub fn key_text(lang: Lang, e: &Exercise) -> String {
    value_text(lang, e, expected_value(e))
}

/// A verdict as shown to the candidate.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Correct,
    Wrong { expected: String },
    Unreadable { reason: String },
}

pub fn verdict(lang: Lang, e: &Exercise, c: &AnswerCheck) -> Verdict {
    match c {
        AnswerCheck::Correct { .. } => Verdict::Correct,
        AnswerCheck::Wrong { expected, .. } => Verdict::Wrong { expected: value_text(lang, e, *expected) },
        AnswerCheck::Unreadable { reason } => Verdict::Unreadable { reason: text(lang, reason) },
    }
}

/// Answers as given to [`Paper::score`]: only exercises that were checked and
/// have an answer count.
fn submitted<'a>(answers: &'a [String], checked: &[bool]) -> Vec<Option<&'a str>> {
    answers
        .iter()
        .enumerate()
        .map(|(i, a)| (checked.get(i).copied().unwrap_or(false) && !a.trim().is_empty()).then_some(a.as_str()))
        .collect()
}

/// The engine's score for the checked answers (unchecked or empty ones count as unanswered).
pub fn score(paper: &Paper, answers: &[String], checked: &[bool]) -> Score {
    paper.score(&submitted(answers, checked))
}

/// One result in the history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub seed: u64,
    pub difficulty: Difficulty,
    pub correct: u32,
    pub total: u32,
    /// Exam length in minutes; 0 for a practice run.
    pub minutes: u32,
    /// When the result was submitted: milliseconds since the Unix epoch
    /// (`Date.now()`); `None` for results kept before dates were recorded.
    pub submitted_ms: Option<u64>,
}

impl HistoryEntry {
    pub fn from_score(spec: &PaperSpec, score: &Score, exam: bool, submitted_ms: u64) -> HistoryEntry {
        HistoryEntry {
            seed: spec.seed,
            difficulty: spec.difficulty,
            correct: score.total.correct,
            total: score.total.total(),
            minutes: if exam { spec.minutes } else { 0 },
            submitted_ms: Some(submitted_ms),
        }
    }

    fn encode(&self) -> String {
        format!(
            "{};{};{};{};{};{}",
            self.seed,
            difficulty_code(self.difficulty),
            self.correct,
            self.total,
            self.minutes,
            self.submitted_ms.map(|t| t.to_string()).unwrap_or_default()
        )
    }

    /// One entry; `dated`: the record version with the submission time (v2).
    fn decode(text: &str, dated: bool) -> Option<HistoryEntry> {
        let mut parts = text.split(';');
        let e = HistoryEntry {
            seed: parts.next()?.parse().ok()?,
            difficulty: difficulty_from_code(parts.next()?)?,
            correct: parts.next()?.parse().ok()?,
            total: parts.next()?.parse().ok()?,
            minutes: parts.next()?.parse().ok()?,
            submitted_ms: match (dated, parts.next()) {
                (false, None) => None,
                (true, Some("")) => None,
                (true, Some(t)) => Some(t.parse().ok()?),
                _ => return None,
            },
        };
        (parts.next().is_none() && e.correct <= e.total).then_some(e)
    }
}

/// Serialises the history (newest first) as a versioned record.
pub fn encode_history(entries: &[HistoryEntry]) -> String {
    let keys: Vec<String> = (0..entries.len()).map(|i| format!("r{i:03}")).collect();
    let values: Vec<String> = entries.iter().map(HistoryEntry::encode).collect();
    let fields: Vec<(&str, &str)> = keys.iter().map(String::as_str).zip(values.iter().map(String::as_str)).collect();
    storage::encode(HISTORY_KIND, HISTORY_VERSION, &fields)
}

/// Reads a stored history (v2; v1 records, kept before results were dated,
/// load without dates); `None` when the record is corrupt or of another version.
pub fn decode_history(text: &str) -> Option<Vec<HistoryEntry>> {
    let found = |version: u32| match storage::decode(text, HISTORY_KIND, version) {
        Loaded::Found(map) => Some(map),
        Loaded::Empty | Loaded::Discarded => None,
    };
    if let Some(map) = found(HISTORY_VERSION) {
        map.values().map(|v| HistoryEntry::decode(v, true)).collect()
    } else {
        found(1)?.values().map(|v| HistoryEntry::decode(v, false)).collect()
    }
}

/// The stored history, and whether a corrupt record was ignored.
pub fn load_history() -> (Vec<HistoryEntry>, bool) {
    match storage::read_raw(HISTORY_KEY) {
        None => (Vec::new(), false),
        Some(text) => match decode_history(&text) {
            Some(h) => (h, false),
            None => (Vec::new(), true),
        },
    }
}

pub fn save_history(entries: &[HistoryEntry]) {
    storage::write_raw(HISTORY_KEY, &encode_history(entries));
}

/// The history with `entry` added first, keeping the newest [`HISTORY_MAX`].
pub fn with_entry(history: &[HistoryEntry], entry: HistoryEntry) -> Vec<HistoryEntry> {
    std::iter::once(entry).chain(history.iter().cloned()).take(HISTORY_MAX).collect()
}

/// `mm:ss` for the exam timer.
pub fn clock(seconds_left: u32) -> String {
    format!("{:02}:{:02}", seconds_left / 60, seconds_left % 60)
}

/// A seed for a new exam: drawn from outside entropy (the page mixes
/// `Math.random()` with the clock) through [`SplitMix64`], below
/// [`SEED_BOUND`], and never one of `avoid` (the paper in the settings, the
/// paper just practised, the papers in the history) — an exam is never a
/// paper whose solutions were already shown.
pub fn exam_seed(avoid: &[u64], entropy: u64) -> u64 {
    let mut rng = SplitMix64::new(entropy);
    loop {
        let s = rng.next_u64() % SEED_BOUND;
        if !avoid.contains(&s) {
            return s;
        }
    }
}

/// Whole seconds left before `deadline_ms` at `now_ms` (both milliseconds
/// since the epoch), rounded up so the clock shows `20:00` at the start and
/// reaches `00:00` exactly at the deadline. The time left is always computed
/// from the clock, never counted in ticks: a frozen or throttled tab loses
/// no time.
pub fn remaining_seconds(deadline_ms: u64, now_ms: u64) -> u32 {
    let ms = deadline_ms.saturating_sub(now_ms);
    u32::try_from(ms.div_ceil(1000)).unwrap_or(u32::MAX)
}

pub const EXAM_KEY: &str = "callcalc.practice.exam";
const EXAM_KIND: &str = "practice-exam";
pub const EXAM_VERSION: u32 = 1;

/// An exam in progress, kept in localStorage so that a reload, a closed tab
/// or a visit to another page does not lose it: the paper (its spec, with the
/// exam's own seed), the answers typed so far and the deadline as an absolute
/// time.
#[derive(Clone, Debug, PartialEq)]
pub struct ExamState {
    pub spec: PaperSpec,
    pub answers: Vec<String>,
    /// Milliseconds since the epoch.
    pub started_ms: u64,
    /// `started_ms + minutes · 60 000`.
    pub deadline_ms: u64,
}

impl ExamState {
    /// A new exam of `spec` (whose seed is the exam's) started at `now_ms`.
    pub fn start(spec: PaperSpec, now_ms: u64) -> ExamState {
        let deadline_ms = now_ms.saturating_add(u64::from(spec.minutes) * 60_000);
        ExamState { answers: vec![String::new(); spec.count], spec, started_ms: now_ms, deadline_ms }
    }

    pub fn remaining(&self, now_ms: u64) -> u32 {
        remaining_seconds(self.deadline_ms, now_ms)
    }

    pub fn encode(&self) -> String {
        let topics: String = Topic::ALL.iter().map(|t| if self.spec.topics.contains(t) { '1' } else { '0' }).collect();
        let head = [
            ("seed", self.spec.seed.to_string()),
            ("difficulty", difficulty_code(self.spec.difficulty).to_string()),
            ("count", self.spec.count.to_string()),
            ("topics", topics),
            ("minutes", self.spec.minutes.to_string()),
            ("started", self.started_ms.to_string()),
            ("deadline", self.deadline_ms.to_string()),
        ];
        let answers: Vec<(String, String)> =
            self.answers.iter().enumerate().map(|(i, a)| (format!("a{i:03}"), a.clone())).collect();
        let fields: Vec<(&str, &str)> = head
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .collect();
        storage::encode(EXAM_KIND, EXAM_VERSION, &fields)
    }

    /// `None` when the record is corrupt, of another version, or describes
    /// no valid paper (every field is checked as the settings form would).
    pub fn decode(text: &str) -> Option<ExamState> {
        let Loaded::Found(map) = storage::decode(text, EXAM_KIND, EXAM_VERSION) else { return None };
        let get = |k: &str| map.get(k).map(String::as_str);
        let flags = get("topics")?;
        if flags.len() != Topic::ALL.len() || flags.chars().any(|c| c != '0' && c != '1') {
            return None;
        }
        let mut topics = [false; 7];
        for (t, c) in topics.iter_mut().zip(flags.chars()) {
            *t = c == '1';
        }
        let form = PracticeForm {
            seed: get("seed")?.to_string(),
            count: get("count")?.to_string(),
            difficulty: difficulty_from_code(get("difficulty")?)?,
            topics,
            minutes: get("minutes")?.to_string(),
        };
        let spec = form.parse().ok()?;
        let started_ms: u64 = get("started")?.parse().ok()?;
        let deadline_ms: u64 = get("deadline")?.parse().ok()?;
        if deadline_ms < started_ms {
            return None;
        }
        let answers: Vec<String> =
            (0..spec.count).map(|i| get(&format!("a{i:03}")).unwrap_or_default().to_string()).collect();
        // Nothing else: an answer beyond the paper means the record is not this paper's.
        const HEAD: [&str; 7] = ["seed", "difficulty", "count", "topics", "minutes", "started", "deadline"];
        let answer_key = |k: &str| {
            k.strip_prefix('a')
                .filter(|n| n.len() == 3)
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|i| i < spec.count)
        };
        if !map.keys().all(|k| HEAD.contains(&k.as_str()) || answer_key(k)) {
            return None;
        }
        Some(ExamState { spec, answers, started_ms, deadline_ms })
    }

    pub fn save(&self) {
        storage::write_raw(EXAM_KEY, &self.encode());
    }

    /// The exam in progress, if any, and whether a corrupt record was ignored.
    pub fn load() -> (Option<ExamState>, bool) {
        match storage::read_raw(EXAM_KEY) {
            None => (None, false),
            Some(text) => match ExamState::decode(&text) {
                Some(e) => (Some(e), false),
                None => {
                    ExamState::clear();
                    (None, true)
                }
            },
        }
    }

    /// Forgets the exam (it was submitted, or its record was unusable).
    pub fn clear() {
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.remove_item(EXAM_KEY);
        }
    }
}

/// The staffing form an exercise's numbers fill in, for "open in the
/// calculator": traffic and staffing exercises only (`None` for the others).
/// Fields the exercise does not give keep their values from `base`.
pub fn calculator_form(
    e: &Exercise,
    base: &crate::state::staffing::StaffingInputs,
) -> Option<crate::state::staffing::StaffingInputs> {
    use crate::state::staffing::{StaffingInputs, StaffingModel, TargetKind};
    let num = |x: f64| format!("{}", (x * 1e6).round() / 1e6);
    let pct = |x: f64| num(x * 100.0);
    let with_load = |calls: f64, interval_s: f64, aht_s: f64| StaffingInputs {
        calls: num(calls),
        interval_min: num(interval_s / 60.0),
        aht: num(aht_s),
        model: StaffingModel::C,
        target: TargetKind::ServiceLevel,
        agents_on_hand: String::new(),
        ..base.clone()
    };
    use callcalc_engine::Givens;
    match &e.givens {
        Givens::Traffic { calls, interval_s, aht_s } => Some(with_load(*calls, *interval_s, *aht_s)),
        Givens::Staffing { calls, interval_s, aht_s, sl_target, sl_threshold_s, max_occupancy } => {
            Some(StaffingInputs {
                sl_percent: pct(*sl_target),
                sl_seconds: num(*sl_threshold_s),
                max_occupancy: max_occupancy.map(pct).unwrap_or_default(),
                ..with_load(*calls, *interval_s, *aht_s)
            })
        }
        Givens::StaffedGrossFte { calls, interval_s, aht_s, sl_target, sl_threshold_s, shrinkage } => {
            Some(StaffingInputs {
                sl_percent: pct(*sl_target),
                sl_seconds: num(*sl_threshold_s),
                max_occupancy: String::new(),
                shrinkage: pct(*shrinkage),
                ..with_load(*calls, *interval_s, *aht_s)
            })
        }
        Givens::QueueAt { calls, interval_s, aht_s, threshold_s, agents, .. } => Some(StaffingInputs {
            sl_seconds: num(*threshold_s),
            agents_on_hand: agents.to_string(),
            ..with_load(*calls, *interval_s, *aht_s)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn staffing_exercises_open_in_the_calculator_with_their_numbers() {
        use crate::state::staffing::StaffingInputs;
        let mut found = 0;
        for seed in 0..200u64 {
            let paper = callcalc_engine::Paper::generate(
                seed,
                &[callcalc_engine::Topic::ALL[0]],
                3,
                callcalc_engine::Difficulty::Intermediate,
            )
            .unwrap();
            for e in &paper.exercises {
                if let (callcalc_engine::Givens::Staffing { calls, .. }, Some(f)) =
                    (&e.givens, calculator_form(e, &StaffingInputs::default()))
                {
                    assert_eq!(f.calls.parse::<f64>().unwrap(), *calls);
                    let p = f.parse().expect("the form parses");
                    let staffed = crate::state::staffing::compute(&p);
                    if let callcalc_engine::Answer::Number { value, .. } = e.answer {
                        assert_eq!(
                            staffed.agents.map(f64::from),
                            Some(value),
                            "the calculator gives the exercise's answer"
                        );
                    }
                    found += 1;
                }
            }
        }
        assert!(found > 0, "some staffing exercises were generated");
    }
    use super::*;

    fn spec() -> PaperSpec {
        PracticeForm::default().parse().unwrap()
    }

    #[test]
    fn default_form_parses_into_a_spec() {
        let s = spec();
        assert_eq!(s.seed, 2026);
        assert_eq!(s.count, 7);
        assert_eq!(s.topics, Topic::ALL.to_vec());
        assert_eq!(s.minutes, 20);
    }

    #[test]
    fn bad_fields_are_reported_each() {
        let f = PracticeForm {
            seed: "abc".into(),
            count: "0".into(),
            topics: [false; 7],
            minutes: "1.5".into(),
            ..PracticeForm::default()
        };
        let errs = f.parse().unwrap_err();
        let mut fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        fields.sort();
        assert_eq!(fields, ["count", "minutes", "seed", "topics"]);
        let too_many = PracticeForm { count: "201".into(), ..PracticeForm::default() };
        assert_eq!(too_many.parse().unwrap_err()[0].field, "count");
    }

    #[test]
    fn same_seed_same_paper() {
        let a = generate(&spec()).unwrap();
        let b = generate(&spec()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.exercises.len(), 7);
        let other = generate(&PaperSpec { seed: 2027, ..spec() }).unwrap();
        assert_ne!(a, other);
    }

    #[test]
    fn next_seed_changes_and_stays_short() {
        for prev in [0, 1, 2026, 999_999] {
            let s = next_seed(prev, 1_700_000_000_000);
            assert!(s < SEED_BOUND);
            assert_ne!(s, prev);
        }
    }

    #[test]
    fn stored_answers_are_correct_and_others_wrong() {
        let paper = generate(&spec()).unwrap();
        for e in &paper.exercises {
            let right = match e.answer {
                Answer::Number { value, .. } => format!("{value}"),
                Answer::Choice { correct } => choice_answer(correct),
            };
            assert!(e.check(&right).is_correct(), "{:?} {right}", e.topic);
            let wrong = match e.answer {
                Answer::Number { value, .. } => format!("{}", value * 3.0 + 7.0),
                Answer::Choice { correct } => choice_answer((correct + 1) % e.options.len()),
            };
            let v = verdict(Lang::En, e, &e.check(&wrong));
            assert!(matches!(v, Verdict::Wrong { .. }), "{v:?}");
            if let Answer::Choice { correct } = e.answer {
                assert_eq!(chosen_option(e, &choice_answer(correct)), Some(correct));
            }
        }
        let v = verdict(Lang::Ru, &paper.exercises[0], &paper.exercises[0].check("???"));
        assert!(matches!(v, Verdict::Unreadable { reason } if !reason.is_empty()));
    }

    #[test]
    fn score_counts_only_checked_answers() {
        let paper = generate(&spec()).unwrap();
        let mut answers = vec![String::new(); paper.exercises.len()];
        let mut checked = vec![false; paper.exercises.len()];
        answers[0] = match paper.exercises[0].answer {
            Answer::Number { value, .. } => format!("{value}"),
            Answer::Choice { correct } => choice_answer(correct),
        };
        answers[1] = "nonsense".into();
        let s = score(&paper, &answers, &checked);
        assert_eq!(s.total.unanswered, 7);
        checked[0] = true;
        checked[1] = true;
        let s = score(&paper, &answers, &checked);
        assert_eq!((s.total.correct, s.total.unreadable, s.total.unanswered), (1, 1, 5));
        checked[2] = true;
        assert_eq!(score(&paper, &answers, &checked).total.unanswered, 5, "an empty answer is unanswered");
        assert_eq!(s.by_topic.len(), 7);
    }

    #[test]
    fn answer_key_texts_follow_the_language() {
        let paper = generate(&spec()).unwrap();
        for e in &paper.exercises {
            assert!(!key_text(Lang::En, e).is_empty());
            assert!(!key_text(Lang::Ru, e).is_empty());
        }
        assert_eq!(option_label(Lang::Ru, 1), "Б");
        assert_eq!(option_label(Lang::En, 1), "B");
        assert_eq!(clock(125), "02:05");
    }

    #[test]
    fn history_round_trips_and_corrupt_records_are_rejected() {
        let h = vec![
            HistoryEntry {
                seed: 5,
                difficulty: Difficulty::Advanced,
                correct: 3,
                total: 7,
                minutes: 20,
                submitted_ms: Some(1_796_300_000_123),
            },
            HistoryEntry {
                seed: 9,
                difficulty: Difficulty::Basic,
                correct: 0,
                total: 2,
                minutes: 0,
                submitted_ms: None,
            },
        ];
        assert_eq!(decode_history(&encode_history(&h)), Some(h.clone()));
        assert!(encode_history(&h).starts_with("practice-history v2\n"));
        assert_eq!(decode_history("{garbage"), None);
        assert_eq!(decode_history("practice-history v1\nr000=5;hard;1;2;0\n"), None);
        assert_eq!(decode_history("practice-history v1\nr000=5;basic;3;2;0\n"), None);
        assert_eq!(decode_history("practice-history v2\nr000=5;basic;1;2;0;soon\n"), None);
        assert_eq!(decode_history("practice-history v2\nr000=5;basic;1;2;0\n"), None, "v2 has the date field");
        assert_eq!(decode_history("practice-history v0\n"), None);
        // Results kept before dates were recorded still load, undated.
        assert_eq!(
            decode_history("practice-history v1\nr000=5;advanced;3;7;20\n"),
            Some(vec![HistoryEntry { submitted_ms: None, ..h[0].clone() }])
        );
        assert_eq!(decode_history("practice-history v1\nr000=5;advanced;3;7;20;1\n"), None);
        let many: Vec<_> =
            (0..60).fold(Vec::new(), |acc, i| with_entry(&acc, HistoryEntry { seed: i, ..h[1].clone() }));
        assert_eq!(many.len(), HISTORY_MAX);
        assert_eq!(many[0].seed, 59);
        assert_eq!(decode_history(&encode_history(&many)), Some(many));
    }

    #[test]
    fn an_exam_in_progress_survives_serialisation() {
        let spec =
            PaperSpec { seed: 777_001, minutes: 25, count: 4, topics: vec![Topic::ALL[1], Topic::ALL[5]], ..spec() };
        let mut exam = ExamState::start(spec.clone(), 1_796_300_000_000);
        assert_eq!(exam.deadline_ms, 1_796_300_000_000 + 25 * 60_000);
        assert_eq!(exam.answers, vec![String::new(); 4]);
        exam.answers[0] = "12,5".into();
        exam.answers[2] = "two\nlines = and \\ a backslash".into();
        let text = exam.encode();
        assert_eq!(ExamState::decode(&text), Some(exam.clone()));
        // The paper comes back too: the same exercises.
        let back = ExamState::decode(&text).unwrap();
        assert_eq!(generate(&back.spec).unwrap(), generate(&spec).unwrap());
        // Corrupt or foreign records are refused, not half-read.
        assert_eq!(ExamState::decode("{garbage"), None);
        assert_eq!(ExamState::decode(&text.replace("practice-exam v1", "practice-exam v9")), None);
        assert_eq!(ExamState::decode(&text.replace("topics=0100010", "topics=0000000")), None);
        assert_eq!(ExamState::decode(&text.replace("count=4", "count=0")), None);
        assert_eq!(ExamState::decode(&text.replace("a000=", "a004=")), None, "an answer beyond the paper");
        assert_eq!(ExamState::decode(&text.replace("difficulty=basic", "difficulty=hard")), None);
        let early = format!("deadline={}", exam.started_ms - 1);
        assert_eq!(ExamState::decode(&text.replace(&format!("deadline={}", exam.deadline_ms), &early)), None);
        // Missing answers are empty ones.
        let fewer = text.replace("a000=12,5\n", "");
        assert_eq!(ExamState::decode(&fewer).unwrap().answers[0], "");
    }

    #[test]
    fn time_left_comes_from_timestamps_not_ticks() {
        let exam = ExamState::start(PaperSpec { minutes: 20, ..spec() }, 1_000_000);
        assert_eq!(exam.remaining(1_000_000), 1200);
        assert_eq!(clock(exam.remaining(1_000_000)), "20:00");
        assert_eq!(exam.remaining(1_000_001), 1200, "rounded up: the first second is still shown");
        assert_eq!(exam.remaining(1_001_000), 1199);
        // A 4-second freeze: the next reading is 4 s later, nothing is lost or gained.
        assert_eq!(exam.remaining(1_005_000), 1195);
        assert_eq!(exam.remaining(1_000_000 + 1_200_000 - 1), 1);
        assert_eq!(exam.remaining(1_000_000 + 1_200_000), 0, "zero exactly at the deadline");
        assert_eq!(exam.remaining(9_999_999_999), 0, "after the deadline, not negative");
        assert_eq!(remaining_seconds(0, 5), 0);
    }

    #[test]
    fn an_exam_never_gets_the_paper_just_practised() {
        let practised = 2026;
        for entropy in 0..2000u64 {
            let s = exam_seed(&[practised], entropy);
            assert_ne!(s, practised);
            assert!(s < SEED_BOUND);
        }
        // Whatever the entropy, a seed it would give is avoided when listed.
        for entropy in [0, 1, 1_796_300_000_000, u64::MAX] {
            let first = exam_seed(&[], entropy);
            let again = exam_seed(&[first, practised], entropy);
            assert_ne!(again, first);
            assert_ne!(again, practised);
        }
        // Different entropy, different papers (not a constant).
        let seeds: std::collections::BTreeSet<u64> = (0..100u64).map(|e| exam_seed(&[], e * 7919)).collect();
        assert!(seeds.len() > 95, "{}", seeds.len());
    }
}

//! Practice mode for call-centre director assessments: exercises generated
//! from a seed, answered in free text, checked, and explained step by step.
//!
//! - Every exercise is generated from a `u64` seed with [`SplitMix64`]: the same
//!   seed gives the same exercise, and [`Paper::generate`] the same paper.
//! - The stored answer is always computed by the engine ([`required_agents`],
//!   [`Shrinkage::gross`], [`npv`], the KPI functions, [`explain`] …), and the
//!   worked solution is a list of [`Step`]s built from the engine's own
//!   [`Trace`]s.
//! - Texts are bilingual ([`Text`]); the app picks the language.
//! - Answers are read as people type them ([`parse_decimal`],
//!   [`parse_percent`], [`parse_duration_s`]) and checked against a stated
//!   [`Tolerance`]; agents and people are whole and rounded **up**.

use crate::erlang::{ErlangC, Metric, Queue};
use crate::erlang_a::{ErlangA, ErlangAMetric};
use crate::error::{FieldError, Problem};
use crate::finance::{npv, payback, roi, CashFlows, DiscountRate, NpvTiming, PaybackVariant, RoiVariant};
use crate::kpi::{
    explain, explain_gross_fte, AbandonmentVariant, AhtVariant, ContactTotals, ContactTotalsInput, CostBasis,
    CostScope, CostVariant, FteVariant, KpiVariant, ReportedFigure, ReportedKpi, ServiceLevelVariant, Verdict,
};
use crate::load::Load;
use crate::parse::{parse_decimal, parse_duration_s, parse_percent};
use crate::plural::{ru_count, RuPlural};
use crate::shrinkage::Shrinkage;
use crate::staffing::{required_agents, Targets};
use crate::trace::Trace;

/// Largest number of exercises in one paper.
pub const MAX_PAPER_EXERCISES: usize = 200;

/// A text in Russian and English; the app shows one of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text {
    pub ru: String,
    pub en: String,
}

impl Text {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Text { ru: ru.into(), en: en.into() }
    }
}

/// A text whose Russian side writes decimals with a comma (`67.5` → `67,5`).
fn bi(ru: impl Into<String>, en: impl Into<String>) -> Text {
    Text { ru: ru_decimals(&ru.into()), en: en.into() }
}

/// Replaces a point between two digits with a comma.
fn ru_decimals(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
            let digit_after = chars.get(i + 1).is_some_and(|d| d.is_ascii_digit());
            if c == '.' && digit_before && digit_after {
                ','
            } else {
                c
            }
        })
        .collect()
}

/// The small deterministic PRNG of the practice mode: splitmix64
/// (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; the constants of `java.util.SplittableRandom`).
///
/// ```
/// use callcalc_engine::SplitMix64;
/// let mut a = SplitMix64::new(42);
/// let mut b = SplitMix64::new(42);
/// assert_eq!(a.next_u64(), b.next_u64());
/// // Reference value of splitmix64 seeded with 0.
/// assert_eq!(SplitMix64::new(0).next_u64(), 0xE220A8397B1DCDAF);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in `lo..=hi` (`lo` when `hi ≤ lo`).
    pub fn int(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.next_u64() % (hi - lo + 1)
        }
    }

    /// Uniform in `[lo, hi)`.
    pub fn real(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// One element of a non-empty slice (the first when empty is impossible to ask for).
    pub fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        if items.is_empty() {
            fallback
        } else {
            items[self.int(0, items.len() as u64 - 1) as usize]
        }
    }
}

/// Assessment topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Offered traffic and Erlang C staffing.
    TrafficStaffing,
    /// Shrinkage and gross FTE.
    ShrinkageFte,
    /// Model occupancy and ASA at a given staffing.
    Occupancy,
    /// Service-level definition variants.
    ServiceLevel,
    /// Cost per call.
    CostPerCall,
    /// NPV, payback, ROI and the purchase decision.
    Investment,
    /// Reading KPI reports critically.
    KpiReading,
}

impl Topic {
    /// Every topic, in a fixed order.
    pub const ALL: [Topic; 7] = [
        Topic::TrafficStaffing,
        Topic::ShrinkageFte,
        Topic::Occupancy,
        Topic::ServiceLevel,
        Topic::CostPerCall,
        Topic::Investment,
        Topic::KpiReading,
    ];

    pub fn title(self) -> Text {
        match self {
            Topic::TrafficStaffing => bi("Нагрузка и штат", "Traffic & staffing"),
            Topic::ShrinkageFte => bi("Шринкидж и FTE", "Shrinkage & FTE"),
            Topic::Occupancy => bi("Занятость операторов", "Occupancy"),
            Topic::ServiceLevel => bi("Варианты уровня сервиса", "Service-level variants"),
            Topic::CostPerCall => bi("Стоимость звонка", "Cost per call"),
            Topic::Investment => bi("NPV, окупаемость, ROI", "NPV, payback, ROI"),
            Topic::KpiReading => bi("Критическое чтение KPI", "Reading KPIs critically"),
        }
    }
}

/// Difficulty level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Difficulty {
    Basic,
    Intermediate,
    Advanced,
}

/// Exercise types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExerciseKind {
    /// Compute a number.
    Compute,
    /// Multiple choice.
    Choose,
    /// A KPI report with exactly one planted mistake: which line is wrong.
    FindTheError,
    /// A short budget case: is the purchase worth it.
    BudgetCase,
}

/// How close a numeric answer must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// `|given − expected| ≤ value` (in the answer's unit; fractions for percentages).
    Absolute(f64),
    /// `|given − expected| ≤ value × |expected|`.
    Relative(f64),
    /// A whole head count, rounded up: only the expected integer is right
    /// (13.2 or 13 when 14 are needed is wrong, and so is 15).
    WholeUp,
}

impl Tolerance {
    /// Whether `given` is accepted for `expected`.
    ///
    /// ```
    /// use callcalc_engine::Tolerance;
    /// assert!(Tolerance::WholeUp.accepts(14.0, 14.0));
    /// assert!(!Tolerance::WholeUp.accepts(13.2, 14.0));
    /// assert!(Tolerance::Relative(0.01).accepts(101.0, 100.0));
    /// assert!(!Tolerance::Absolute(0.5).accepts(10.6, 10.0));
    /// ```
    pub fn accepts(self, given: f64, expected: f64) -> bool {
        // A few units of floating-point noise in the bound itself are forgiven.
        let slack = 1e-9 * expected.abs().max(1.0);
        match self {
            Tolerance::Absolute(a) => (given - expected).abs() <= a + slack,
            Tolerance::Relative(r) => (given - expected).abs() <= r * expected.abs() + slack,
            Tolerance::WholeUp => given == expected,
        }
    }

    /// The rule stated to the candidate for an answer typed in `format`
    /// (percentages: an absolute tolerance in percentage points; durations: seconds).
    ///
    /// ```
    /// use callcalc_engine::{AnswerFormat, Tolerance};
    /// let t = Tolerance::Absolute(0.005).describe_for(AnswerFormat::Percent);
    /// assert_eq!(t.en, "tolerance ±0.5 percentage points");
    /// assert_eq!(t.ru, "допуск ±0,5 п. п.");
    /// ```
    pub fn describe_for(self, format: AnswerFormat) -> Text {
        match (self, format) {
            (Tolerance::Absolute(a), AnswerFormat::Percent) => bi(
                format!("допуск ±{} п. п.", fmt_num(a * 100.0)),
                format!("tolerance ±{} percentage points", fmt_num(a * 100.0)),
            ),
            (Tolerance::Absolute(a), AnswerFormat::Duration) => {
                bi(format!("допуск ±{} с", fmt_num(a)), format!("tolerance ±{} s", fmt_num(a)))
            }
            _ => self.describe(),
        }
    }

    /// The rule stated to the candidate.
    pub fn describe(self) -> Text {
        match self {
            Tolerance::Absolute(a) => bi(format!("допуск ±{}", fmt_num(a)), format!("tolerance ±{}", fmt_num(a))),
            Tolerance::Relative(r) => bi(
                format!("допуск ±{}% от верного значения", fmt_num(r * 100.0)),
                format!("tolerance ±{}% of the correct value", fmt_num(r * 100.0)),
            ),
            Tolerance::WholeUp => bi(
                "целое число, округлённое вверх (13,2 оператора — это 14)",
                "a whole number rounded up (13.2 agents means 14)",
            ),
        }
    }
}

/// How a numeric answer is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFormat {
    /// A plain number (decimal comma or point, spaces between digit groups).
    Number,
    /// A percentage: `85%`, `85 %`, `85` (a bare number above 1 is percent) or the fraction `0,85`.
    Percent,
    /// A duration: seconds, `mm:ss` or `hh:mm:ss`.
    Duration,
    /// A whole head count.
    Count,
}

/// The stored answer of an exercise.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A number, stored in engine units (fractions for percentages, seconds for durations).
    Number { value: f64, unit: &'static str, format: AnswerFormat, tolerance: Tolerance },
    /// The index of the correct option.
    Choice { correct: usize },
}

/// A value read from a candidate's answer, or stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnswerValue {
    Number(f64),
    /// Option index, from 0.
    Choice(usize),
}

/// The verdict on one answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerCheck {
    Correct {
        given: AnswerValue,
    },
    Wrong {
        given: AnswerValue,
        expected: AnswerValue,
    },
    /// The text could not be read; nothing was compared.
    Unreadable {
        reason: Text,
    },
}

impl AnswerCheck {
    pub fn is_correct(&self) -> bool {
        matches!(self, AnswerCheck::Correct { .. })
    }
}

/// One step of a worked solution: the engine's own trace, with the inputs
/// substituted into a readable line.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What this step finds.
    pub title: Text,
    /// `symbol = value unit` for each input, then `⇒ result unit`.
    pub substituted: String,
    pub trace: Trace,
}

impl Step {
    /// A step from an engine trace.
    pub fn from_trace(title: Text, trace: Trace) -> Step {
        let inputs: Vec<String> =
            trace.inputs.iter().map(|i| format!("{} = {}", i.symbol, with_unit(fmt_num(i.value), i.unit))).collect();
        let substituted = format!(
            "{}; {} ⇒ {}",
            trace.formula,
            inputs.join(", "),
            with_unit(fmt_num(trace.result), trace.result_unit)
        );
        Step { title, substituted, trace }
    }
}

/// One line of a KPI report: what it claims, and the definition it says it uses.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    pub label: Text,
    pub reported: ReportedFigure,
    /// The definition the report states for this line.
    pub stated: KpiVariant,
}

/// What a finance exercise asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CashQuestion {
    /// ROI = (total benefit − investment) / investment.
    Roi,
    /// NPV of the monthly flows at the monthly rate equivalent to the annual one, first flow at t = 0.
    Npv,
    /// Simple payback in months.
    SimplePayback,
    /// Buy or not (the budget case).
    Decision,
}

/// The typed inputs of an exercise, so anyone can recompute it.
#[derive(Debug, Clone, PartialEq)]
pub enum Givens {
    /// Offered traffic from calls, AHT and interval.
    Traffic { calls: f64, interval_s: f64, aht_s: f64 },
    /// Net agents for a service-level target (and an occupancy cap, if any).
    Staffing {
        calls: f64,
        interval_s: f64,
        aht_s: f64,
        sl_target: f64,
        sl_threshold_s: f64,
        max_occupancy: Option<f64>,
    },
    /// Gross FTE for given net agents and shrinkage.
    GrossFte { net_agents: u32, shrinkage: f64 },
    /// Gross FTE for the net agents of an Erlang C solve.
    StaffedGrossFte { calls: f64, interval_s: f64, aht_s: f64, sl_target: f64, sl_threshold_s: f64, shrinkage: f64 },
    /// A queue KPI (occupancy or ASA) at a given number of agents.
    QueueAt { calls: f64, interval_s: f64, aht_s: f64, threshold_s: f64, agents: u32, metric: Metric },
    /// A measured KPI from period totals, in a stated variant.
    Kpi { totals: ContactTotalsInput, variant: KpiVariant },
    /// A reported figure; which of `options` explains it.
    ExplainFigure { totals: ContactTotalsInput, reported: ReportedFigure, options: Vec<KpiVariant> },
    /// A report with one planted mistake; `net_agents` and `shrinkage` feed its FTE line.
    Report { totals: ContactTotalsInput, net_agents: f64, shrinkage: f64, lines: Vec<ReportLine> },
    /// Monthly cash flows of a purchase (index 0 = t = 0), an annual discount rate and a horizon.
    Cash { flows: Vec<f64>, annual_rate: f64, horizon_months: usize, question: CashQuestion },
    /// A situation: which queueing model fits. `queue`: callers can wait;
    /// `mean_patience_s`: callers hang up after this mean wait (`None`: they wait).
    ModelChoice {
        calls: f64,
        interval_s: f64,
        aht_s: f64,
        agents: u32,
        queue: bool,
        mean_patience_s: Option<f64>,
        options: Vec<QueueModel>,
    },
}

/// Queueing models a situation can call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueModel {
    /// No queue: callers finding every line busy are lost (busy tone).
    ErlangB,
    /// A queue, callers wait as long as needed.
    ErlangC,
    /// A queue, callers abandon after an exponentially distributed patience.
    ErlangA,
}

impl QueueModel {
    pub const ALL: [QueueModel; 3] = [QueueModel::ErlangB, QueueModel::ErlangC, QueueModel::ErlangA];

    /// The model that fits: no queue → Erlang B; a queue without abandons →
    /// Erlang C; a queue with abandons → Erlang A.
    ///
    /// ```
    /// use callcalc_engine::QueueModel;
    /// assert_eq!(QueueModel::fitting(false, None), QueueModel::ErlangB);
    /// assert_eq!(QueueModel::fitting(true, None), QueueModel::ErlangC);
    /// assert_eq!(QueueModel::fitting(true, Some(120.0)), QueueModel::ErlangA);
    /// ```
    pub fn fitting(queue: bool, mean_patience_s: Option<f64>) -> QueueModel {
        match (queue, mean_patience_s) {
            (false, _) => QueueModel::ErlangB,
            (true, None) => QueueModel::ErlangC,
            (true, Some(_)) => QueueModel::ErlangA,
        }
    }

    pub fn title(self) -> Text {
        match self {
            QueueModel::ErlangB => bi(
                "Erlang B: без очереди, занятые линии — отказ",
                "Erlang B: no queue, calls finding all lines busy are lost",
            ),
            QueueModel::ErlangC => {
                bi("Erlang C: очередь, никто не бросает трубку", "Erlang C: a queue, nobody abandons")
            }
            QueueModel::ErlangA => bi(
                "Erlang A: очередь с уходом нетерпеливых абонентов",
                "Erlang A: a queue with impatient callers abandoning",
            ),
        }
    }
}

/// One exercise: prompt, options, stored answer and worked solution.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// The seed it was generated from ([`Exercise::generate`] with it gives it back).
    pub seed: u64,
    pub topic: Topic,
    pub difficulty: Difficulty,
    pub kind: ExerciseKind,
    pub prompt: Text,
    /// Options of a choice (labelled A, B, C … / А, Б, В …); empty for numbers.
    pub options: Vec<Text>,
    pub givens: Givens,
    pub answer: Answer,
    pub solution: Vec<Step>,
}

impl Exercise {
    /// Generates one exercise of `topic` at `difficulty` from `seed`.
    ///
    /// ```
    /// use callcalc_engine::{Difficulty, Exercise, Topic};
    /// let e = Exercise::generate(7, Topic::TrafficStaffing, Difficulty::Intermediate);
    /// assert_eq!(e, Exercise::generate(7, Topic::TrafficStaffing, Difficulty::Intermediate));
    /// assert!(!e.solution.is_empty());
    /// ```
    pub fn generate(seed: u64, topic: Topic, difficulty: Difficulty) -> Exercise {
        let mut rng = SplitMix64::new(seed);
        let g = match topic {
            Topic::TrafficStaffing => gen_traffic_staffing(&mut rng, difficulty),
            Topic::ShrinkageFte => gen_shrinkage(&mut rng, difficulty),
            Topic::Occupancy => gen_occupancy(&mut rng, difficulty),
            Topic::ServiceLevel => gen_service_level(&mut rng, difficulty),
            Topic::CostPerCall => gen_cost(&mut rng, difficulty),
            Topic::Investment => gen_investment(&mut rng, difficulty),
            Topic::KpiReading => gen_kpi_reading(&mut rng, difficulty),
        };
        Exercise {
            seed,
            topic,
            difficulty,
            kind: g.kind,
            prompt: g.prompt,
            options: g.options,
            givens: g.givens,
            answer: g.answer,
            solution: g.solution,
        }
    }

    /// Checks a candidate's text answer.
    ///
    /// ```
    /// use callcalc_engine::{Answer, Difficulty, Exercise, Topic};
    /// let e = Exercise::generate(1, Topic::TrafficStaffing, Difficulty::Intermediate);
    /// if let Answer::Number { value, .. } = e.answer {
    ///     assert!(e.check(&format!("{value}")).is_correct());
    ///     assert!(!e.check(&format!("{}", value - 0.8)).is_correct());
    /// }
    /// assert!(matches!(e.check("fourteen"), callcalc_engine::AnswerCheck::Unreadable { .. }));
    /// ```
    pub fn check(&self, text: &str) -> AnswerCheck {
        match self.answer {
            Answer::Number { value, format, tolerance, .. } => match read_number(format, text) {
                Err(reason) => AnswerCheck::Unreadable { reason },
                Ok(given) => {
                    if tolerance.accepts(given, value) {
                        AnswerCheck::Correct { given: AnswerValue::Number(given) }
                    } else {
                        AnswerCheck::Wrong { given: AnswerValue::Number(given), expected: AnswerValue::Number(value) }
                    }
                }
            },
            Answer::Choice { correct } => match read_choice(text, self.options.len()) {
                Err(reason) => AnswerCheck::Unreadable { reason },
                Ok(i) if i == correct => AnswerCheck::Correct { given: AnswerValue::Choice(i) },
                Ok(i) => AnswerCheck::Wrong { given: AnswerValue::Choice(i), expected: AnswerValue::Choice(correct) },
            },
        }
    }
}

/// Reads a number in the given format.
///
/// Percentages: with a `%` sign the number is percent; a bare number above 1
/// is percent too (`85` → 0.85); a bare number up to 1 is a fraction
/// (`0,85` → 0.85).
///
/// ```
/// use callcalc_engine::{read_number, AnswerFormat};
/// assert_eq!(read_number(AnswerFormat::Percent, "85 %").unwrap(), 0.85);
/// assert_eq!(read_number(AnswerFormat::Percent, "85").unwrap(), 0.85);
/// assert_eq!(read_number(AnswerFormat::Percent, "0,85").unwrap(), 0.85);
/// assert_eq!(read_number(AnswerFormat::Duration, "1:05").unwrap(), 65.0);
/// assert!(read_number(AnswerFormat::Number, "abc").is_err());
/// ```
pub fn read_number(format: AnswerFormat, text: &str) -> Result<f64, Text> {
    let t = text.trim();
    let r = match format {
        AnswerFormat::Number | AnswerFormat::Count => parse_decimal("answer", t),
        AnswerFormat::Duration => parse_duration_s("answer", t),
        AnswerFormat::Percent => {
            if t.ends_with('%') {
                parse_percent("answer", t)
            } else {
                parse_decimal("answer", t).map(|x| if x.abs() > 1.0 { x / 100.0 } else { x })
            }
        }
    };
    r.map_err(|e| unreadable_reason(format, &e))
}

fn unreadable_reason(format: AnswerFormat, e: &FieldError) -> Text {
    let ru = match (format, &e.problem) {
        (_, Problem::Negative) => "значение не может быть отрицательным",
        (AnswerFormat::Duration, _) => "ожидается длительность: секунды, мм:сс или чч:мм:сс",
        (AnswerFormat::Percent, _) => "ожидается процент, например 85% или 85,5",
        _ => "ожидается число, например 12,5",
    };
    bi(format!("«{}»: {}", e.value, ru), e.to_string())
}

/// Reads an option label: `A`/`a`, Cyrillic `А`/`а`, … or its number from 1.
///
/// ```
/// use callcalc_engine::read_choice;
/// assert_eq!(read_choice("b)", 3), Ok(1));
/// assert_eq!(read_choice("В", 3), Ok(2));
/// assert_eq!(read_choice("1", 3), Ok(0));
/// assert!(read_choice("D", 3).is_err());
/// ```
pub fn read_choice(text: &str, options: usize) -> Result<usize, Text> {
    const LATIN: &str = "ABCDEFGH";
    const CYRILLIC: &str = "АБВГДЕЖЗ";
    let t = text.trim().trim_end_matches([')', '.', ':']).trim();
    let upper = t.to_uppercase();
    let index = if let Ok(n) = upper.parse::<usize>() {
        n.checked_sub(1)
    } else {
        let mut chars = upper.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => LATIN.chars().position(|l| l == c).or_else(|| CYRILLIC.chars().position(|l| l == c)),
            _ => None,
        }
    };
    match index {
        Some(i) if i < options => Ok(i),
        _ => Err(bi(
            format!("«{}»: ожидается буква варианта (А–{}) или его номер", text, option_label_ru(options)),
            format!("{text:?}: expected an option letter (A–{}) or its number", option_label_en(options)),
        )),
    }
}

fn option_label_en(n: usize) -> char {
    "ABCDEFGH".chars().nth(n.saturating_sub(1)).unwrap_or('A')
}

fn option_label_ru(n: usize) -> char {
    "АБВГДЕЖЗ".chars().nth(n.saturating_sub(1)).unwrap_or('А')
}

/// Score for one topic (or the whole paper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TopicScore {
    pub correct: u32,
    pub wrong: u32,
    pub unreadable: u32,
    pub unanswered: u32,
}

impl TopicScore {
    pub fn total(&self) -> u32 {
        self.correct + self.wrong + self.unreadable + self.unanswered
    }

    /// Share correct; `None` for no exercises.
    pub fn share(&self) -> Option<f64> {
        let t = self.total();
        if t == 0 {
            None
        } else {
            Some(self.correct as f64 / t as f64)
        }
    }
}

/// A scored paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// One verdict per exercise; `None` where no answer was given.
    pub checks: Vec<Option<AnswerCheck>>,
    /// Per topic, in the order topics first appear in the paper.
    pub by_topic: Vec<(Topic, TopicScore)>,
    pub total: TopicScore,
}

/// A practice paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub seed: u64,
    pub difficulty: Difficulty,
    pub exercises: Vec<Exercise>,
}

impl Paper {
    /// `count` exercises cycling through `topics`, each from its own seed drawn
    /// from `seed` with [`SplitMix64`]. Rejects an empty topic list with a
    /// positive count and more than [`MAX_PAPER_EXERCISES`] exercises.
    ///
    /// ```
    /// use callcalc_engine::{Difficulty, Paper, Topic};
    /// let p = Paper::generate(5, &Topic::ALL, 14, Difficulty::Basic).unwrap();
    /// assert_eq!(p.exercises.len(), 14);
    /// assert_eq!(p, Paper::generate(5, &Topic::ALL, 14, Difficulty::Basic).unwrap());
    /// assert_eq!(Paper::generate(5, &[], 3, Difficulty::Basic).unwrap_err().field, "topics");
    /// ```
    pub fn generate(seed: u64, topics: &[Topic], count: usize, difficulty: Difficulty) -> Result<Paper, FieldError> {
        if count > MAX_PAPER_EXERCISES {
            return Err(FieldError::new("count", count, Problem::TooLarge { max: MAX_PAPER_EXERCISES as f64 }));
        }
        if topics.is_empty() && count > 0 {
            return Err(FieldError::new(
                "topics",
                "[]",
                Problem::OutOfRange {
                    min: 1.0,
                    max: Topic::ALL.len() as f64,
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ));
        }
        let mut rng = SplitMix64::new(seed);
        let exercises =
            (0..count).map(|i| Exercise::generate(rng.next_u64(), topics[i % topics.len()], difficulty)).collect();
        Ok(Paper { seed, difficulty, exercises })
    }

    /// Scores answers given in exercise order (`None` = not answered; missing
    /// trailing answers count as not answered, extra ones are ignored).
    pub fn score(&self, answers: &[Option<&str>]) -> Score {
        let mut by_topic: Vec<(Topic, TopicScore)> = Vec::new();
        let mut total = TopicScore::default();
        let mut checks = Vec::with_capacity(self.exercises.len());
        for (i, e) in self.exercises.iter().enumerate() {
            let check = answers.get(i).copied().flatten().map(|a| e.check(a));
            let pos = match by_topic.iter().position(|(t, _)| *t == e.topic) {
                Some(p) => p,
                None => {
                    by_topic.push((e.topic, TopicScore::default()));
                    by_topic.len() - 1
                }
            };
            for s in [&mut by_topic[pos].1, &mut total] {
                match &check {
                    None => s.unanswered += 1,
                    Some(AnswerCheck::Correct { .. }) => s.correct += 1,
                    Some(AnswerCheck::Wrong { .. }) => s.wrong += 1,
                    Some(AnswerCheck::Unreadable { .. }) => s.unreadable += 1,
                }
            }
            checks.push(check);
        }
        Score { checks, by_topic, total }
    }
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

struct Generated {
    kind: ExerciseKind,
    prompt: Text,
    options: Vec<Text>,
    givens: Givens,
    answer: Answer,
    solution: Vec<Step>,
}

fn compute(prompt: Text, givens: Givens, answer: Answer, solution: Vec<Step>) -> Generated {
    let prompt = match answer {
        Answer::Number { tolerance, format, .. } => {
            let t = tolerance.describe_for(format);
            bi(format!("{} ({}.)", prompt.ru, t.ru), format!("{} ({}.)", prompt.en, t.en))
        }
        Answer::Choice { .. } => prompt,
    };
    Generated { kind: ExerciseKind::Compute, prompt, options: Vec::new(), givens, answer, solution }
}

fn number(value: f64, unit: &'static str, format: AnswerFormat, tolerance: Tolerance) -> Answer {
    Answer::Number { value, unit, format, tolerance }
}

/// A realistic interval load: calls, interval, AHT (whole seconds).
fn draw_load(rng: &mut SplitMix64) -> (f64, f64, f64) {
    let interval_s = rng.pick(&[900.0, 1800.0, 3600.0], 1800.0);
    let per_hour = rng.int(60, 600) as f64;
    let calls = (per_hour * interval_s / 3600.0).round().max(10.0);
    let aht_s = rng.int(120, 420) as f64;
    (calls, interval_s, aht_s)
}

fn draw_targets(rng: &mut SplitMix64) -> (f64, f64) {
    rng.pick(&[(0.8, 20.0), (0.8, 30.0), (0.9, 20.0), (0.7, 60.0), (0.85, 15.0), (0.9, 10.0)], (0.8, 20.0))
}

fn interval_text(interval_s: f64) -> (String, String) {
    let m = interval_s / 60.0;
    (format!("{} мин", fmt_num(m)), format!("{} min", fmt_num(m)))
}

fn load_step(load: &Load) -> Step {
    Step::from_trace(bi("Нагрузка в эрлангах", "Offered traffic in Erlangs"), load.trace())
}

fn gen_traffic_staffing(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    let (calls, interval_s, aht_s) = draw_load(rng);
    let (iru, ien) = interval_text(interval_s);
    let Ok(load) = Load::new(calls, interval_s, aht_s) else {
        return fallback_roi(rng);
    };
    if d == Difficulty::Advanced && rng.unit() < 0.4 {
        return gen_model_choice(rng, &load);
    }
    if d == Difficulty::Basic {
        let tol = Tolerance::Relative(0.01);
        let prompt = bi(
            format!("За {iru} поступает {}, AHT = {}. Какова нагрузка в эрлангах?", ru_calls(calls), mmss(aht_s)),
            format!(
                "{} calls arrive in {ien}, AHT = {}. What is the offered traffic in Erlangs?",
                fmt_num(calls),
                mmss(aht_s)
            ),
        );
        let answer = number(load.traffic().erlangs(), "Erl", AnswerFormat::Number, tol);
        return compute(prompt, Givens::Traffic { calls, interval_s, aht_s }, answer, vec![load_step(&load)]);
    }
    let (x, t) = draw_targets(rng);
    let max_occupancy = if d == Difficulty::Advanced { Some(rng.pick(&[0.8, 0.85, 0.9], 0.85)) } else { None };
    let Ok(targets) = Targets::new(t, Some(x), None, max_occupancy) else {
        return fallback_roi(rng);
    };
    let s = required_agents(&load, &targets);
    let (occ_ru, occ_en) = match max_occupancy {
        Some(m) => (
            format!(", занятость не выше {}%", fmt_num(m * 100.0)),
            format!(", occupancy at most {}%", fmt_num(m * 100.0)),
        ),
        None => (String::new(), String::new()),
    };
    let prompt = bi(
        format!(
            "За {iru} поступает {}, AHT = {}. Цель: {}% звонков отвечены за {} с{occ_ru}. Сколько операторов на линии нужно (Erlang C)?",
            ru_calls(calls), mmss(aht_s), fmt_num(x * 100.0), fmt_num(t)
        ),
        format!(
            "{} calls arrive in {ien}, AHT = {}. Target: {}% answered within {} s{occ_en}. How many agents on the phones are needed (Erlang C)?",
            fmt_num(calls), mmss(aht_s), fmt_num(x * 100.0), fmt_num(t)
        ),
    );
    let tol = Tolerance::WholeUp;
    let solution = vec![
        load_step(&load),
        Step::from_trace(bi("Минимальное число операторов", "Smallest number of agents"), s.trace(&targets)),
        Step::from_trace(
            bi("Уровень сервиса при этом штате", "Service level at this staffing"),
            s.kpis.trace(Metric::ServiceLevel),
        ),
    ];
    compute(
        prompt,
        Givens::Staffing { calls, interval_s, aht_s, sl_target: x, sl_threshold_s: t, max_occupancy },
        number(s.agents as f64, "agents", AnswerFormat::Count, tol),
        solution,
    )
}

/// Choose: which model fits a situation; the solution computes the fitting
/// model's key figure on the situation's numbers.
fn gen_model_choice(rng: &mut SplitMix64, load: &Load) -> Generated {
    let model = rng.pick(&QueueModel::ALL, QueueModel::ErlangC);
    let (calls, interval_s, aht_s) = (load.calls(), load.interval_s(), load.aht_s());
    let a = load.traffic().erlangs();
    let agents = (a.floor() as u32).saturating_add(rng.int(2, 5) as u32);
    let (iru, ien) = interval_text(interval_s);
    let base = bi(
        format!("За {iru} поступает {}, AHT = {}, линий (операторов) — {agents}.", ru_calls(calls), mmss(aht_s)),
        format!("{} calls arrive in {ien}, AHT = {}, {agents} lines (agents).", fmt_num(calls), mmss(aht_s)),
    );
    let (queue, mean_patience_s, situation) = match model {
        QueueModel::ErlangB => (
            false,
            None,
            bi(
                "Очереди нет: если все линии заняты, абонент слышит «занято» и звонок теряется. Нужно оценить долю потерянных звонков.",
                "There is no queue: a caller finding every line busy hears a busy tone and the call is lost. The share of lost calls is wanted.",
            ),
        ),
        QueueModel::ErlangC => (
            true,
            None,
            bi(
                "Звонки ждут в очереди; это внутренняя линия поддержки, и практически никто не бросает трубку. Нужно оценить уровень сервиса.",
                "Calls wait in a queue; it is an internal help line and practically nobody hangs up. The service level is wanted.",
            ),
        ),
        QueueModel::ErlangA => {
            let patience = rng.int(6, 24) as f64 * 10.0;
            (
                true,
                Some(patience),
                bi(
                    format!(
                        "Звонки ждут в очереди, но заметная часть абонентов бросает трубку: среднее терпение около {} с. Нужно оценить долю брошенных.",
                        fmt_num(patience)
                    ),
                    format!(
                        "Calls wait in a queue, but a noticeable share of callers hang up: mean patience is about {} s. The abandonment rate is wanted.",
                        fmt_num(patience)
                    ),
                ),
            )
        }
    };
    let Ok(queue_c) = ErlangC::new(*load, 20.0) else {
        return fallback_roi(rng);
    };
    let Queue::Stable(k) = queue_c.at(agents) else {
        return fallback_roi(rng);
    };
    let solution = match model {
        QueueModel::ErlangB => vec![
            load_step(load),
            Step::from_trace(bi("Доля потерянных звонков", "Share of calls lost"), k.trace(Metric::ErlangB)),
        ],
        QueueModel::ErlangC => vec![
            load_step(load),
            Step::from_trace(bi("Вероятность ожидания", "Probability of waiting"), k.trace(Metric::PWait)),
            Step::from_trace(bi("Уровень сервиса за 20 с", "Service level within 20 s"), k.trace(Metric::ServiceLevel)),
        ],
        QueueModel::ErlangA => {
            let Some(Ok(ea)) = mean_patience_s.map(|p| ErlangA::new(*load, p, 20.0)) else {
                return fallback_roi(rng);
            };
            vec![
                load_step(load),
                Step::from_trace(
                    bi("Доля брошенных звонков", "Share of calls abandoned"),
                    ea.at(agents).trace(ErlangAMetric::PAbandon),
                ),
            ]
        }
    };
    let options = QueueModel::ALL.to_vec();
    let correct = options.iter().position(|m| *m == model).unwrap_or(0);
    let prompt = bi(
        format!("{} {} Какая модель подходит?", base.ru, situation.ru),
        format!("{} {} Which model fits?", base.en, situation.en),
    );
    Generated {
        kind: ExerciseKind::Choose,
        prompt,
        options: options.iter().map(|m| m.title()).collect(),
        givens: Givens::ModelChoice { calls, interval_s, aht_s, agents, queue, mean_patience_s, options },
        answer: Answer::Choice { correct },
        solution,
    }
}

fn gen_shrinkage(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    let shrinkage = rng.int(15, 40) as f64 / 100.0;
    let Ok(sh) = Shrinkage::new(shrinkage) else {
        return fallback_roi(rng);
    };
    let tol = Tolerance::WholeUp;
    if d == Difficulty::Advanced {
        let (calls, interval_s, aht_s) = draw_load(rng);
        let (x, t) = draw_targets(rng);
        let (iru, ien) = interval_text(interval_s);
        let (Ok(load), Ok(targets)) = (Load::new(calls, interval_s, aht_s), Targets::service_level(x, t)) else {
            return fallback_roi(rng);
        };
        let s = required_agents(&load, &targets);
        let g = s.gross(sh);
        let prompt = bi(
            format!(
                "За {iru} поступает {}, AHT = {}, цель {}% за {} с, шринкидж {}%. Сколько сотрудников (FTE) нужно в графике на этот интервал?",
                ru_calls(calls), mmss(aht_s), fmt_num(x * 100.0), fmt_num(t), fmt_num(shrinkage * 100.0)
            ),
            format!(
                "{} calls arrive in {ien}, AHT = {}, target {}% within {} s, shrinkage {}%. How many staff (FTE) must be scheduled for this interval?",
                fmt_num(calls), mmss(aht_s), fmt_num(x * 100.0), fmt_num(t), fmt_num(shrinkage * 100.0)
            ),
        );
        let solution = vec![
            load_step(&load),
            Step::from_trace(bi("Операторы на линии (нетто)", "Net agents on the phones"), s.trace(&targets)),
            Step::from_trace(bi("Брутто FTE с учётом шринкиджа", "Gross FTE after shrinkage"), g.trace()),
        ];
        return compute(
            prompt,
            Givens::StaffedGrossFte { calls, interval_s, aht_s, sl_target: x, sl_threshold_s: t, shrinkage },
            number(g.fte_rounded as f64, "FTE", AnswerFormat::Count, tol),
            solution,
        );
    }
    let net_agents = rng.int(8, 120) as u32;
    let g = sh.gross_of_count(net_agents);
    let prompt = bi(
        format!(
            "По модели нужно операторов на линии: {net_agents}, шринкидж {}%. Сколько сотрудников (FTE) нужно в графике?",
            fmt_num(shrinkage * 100.0)
        ),
        format!(
            "The model needs {net_agents} agents on the phones; shrinkage is {}%. How many staff (FTE) must be scheduled?",
            fmt_num(shrinkage * 100.0)
        ),
    );
    compute(
        prompt,
        Givens::GrossFte { net_agents, shrinkage },
        number(g.fte_rounded as f64, "FTE", AnswerFormat::Count, tol),
        vec![Step::from_trace(bi("Брутто FTE с учётом шринкиджа", "Gross FTE after shrinkage"), g.trace())],
    )
}

fn gen_occupancy(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    let (calls, interval_s, aht_s) = draw_load(rng);
    let (iru, ien) = interval_text(interval_s);
    let threshold_s = 20.0;
    let Ok(load) = Load::new(calls, interval_s, aht_s) else {
        return fallback_roi(rng);
    };
    let Ok(queue) = ErlangC::new(load, threshold_s) else {
        return fallback_roi(rng);
    };
    // A stable staffing a little above the traffic.
    let agents = (load.traffic().erlangs().floor() as u32).saturating_add(rng.int(1, 4) as u32);
    let Queue::Stable(k) = queue.at(agents) else {
        return fallback_roi(rng);
    };
    let (metric, answer, q_ru, q_en) = if d == Difficulty::Advanced {
        let tol = Tolerance::Absolute(1.0);
        (
            Metric::Asa,
            number(k.asa_s, "s", AnswerFormat::Duration, tol),
            "Каково среднее время ожидания ответа (ASA) по модели Erlang C",
            "What is the average speed of answer (ASA) under Erlang C",
        )
    } else {
        let tol = Tolerance::Absolute(0.005);
        (
            Metric::Occupancy,
            number(k.occupancy, "", AnswerFormat::Percent, tol),
            "Какова занятость операторов по модели",
            "What is the model occupancy of the agents",
        )
    };
    let prompt = bi(
        format!(
            "За {iru} поступает {}, AHT = {}, на линии {}. {q_ru}?",
            ru_calls(calls),
            mmss(aht_s),
            ru_count(u64::from(agents), ["оператор", "оператора", "операторов"])
        ),
        format!(
            "{} calls arrive in {ien}, AHT = {}, {agents} agents are on the phones. {q_en}?",
            fmt_num(calls),
            mmss(aht_s)
        ),
    );
    let mut solution = vec![load_step(&load)];
    if metric == Metric::Asa {
        solution.push(Step::from_trace(bi("Вероятность ожидания", "Probability of waiting"), k.trace(Metric::PWait)));
    }
    let title = if metric == Metric::Asa {
        bi("Среднее ожидание", "Average speed of answer")
    } else {
        bi("Занятость", "Occupancy")
    };
    solution.push(Step::from_trace(title, k.trace(metric)));
    compute(prompt, Givens::QueueAt { calls, interval_s, aht_s, threshold_s, agents, metric }, answer, solution)
}

/// Realistic, consistent totals of one month of a voice queue (whole counts).
fn draw_totals(rng: &mut SplitMix64) -> ContactTotalsInput {
    let offered = rng.int(3_000, 30_000) as f64;
    let abandoned = (offered * rng.real(0.03, 0.12)).round().max(30.0);
    let other = (offered * rng.real(0.0, 0.01)).round();
    let answered = offered - abandoned - other;
    let queued = (offered * rng.real(0.9, 1.0)).round().max(abandoned);
    let answered_within_t = (answered * rng.real(0.6, 0.92)).round();
    let abandoned_within_t = (abandoned * rng.real(0.3, 0.6)).round().max(10.0);
    let short_abandons = (abandoned_within_t * rng.real(0.3, 0.6)).round().max(5.0);
    let handled = answered;
    let talk = rng.int(150, 300) as f64;
    let hold = rng.int(10, 40) as f64;
    let acw = rng.int(20, 60) as f64;
    let handle_s = handled * (talk + hold + acw);
    let available_s = (handle_s * rng.real(0.15, 0.4)).round();
    let not_ready_s = (handle_s * rng.real(0.1, 0.2)).round();
    let logged_in_s = handle_s + available_s + not_ready_s;
    let absence_s = (logged_in_s * rng.real(0.05, 0.12)).round();
    let paid_s = logged_in_s + absence_s;
    let hourly = rng.int(6, 30) as f64;
    let labour_cost = (paid_s / 3600.0 * hourly).round();
    ContactTotalsInput {
        sl_threshold_s: 20.0,
        short_abandon_threshold_s: 5.0,
        offered,
        queued,
        answered,
        abandoned,
        short_abandons,
        answered_within_t,
        abandoned_within_t,
        answer_wait_s: (answered * rng.real(5.0, 40.0)).round(),
        abandon_wait_s: (abandoned * rng.real(20.0, 90.0)).round(),
        handled,
        talk_s: handled * talk,
        hold_s: handled * hold,
        acw_s: handled * acw,
        logged_in_s,
        available_s,
        not_ready_s,
        absence_s,
        paid_s,
        labour_cost,
        telephony_cost: (labour_cost * rng.real(0.05, 0.12)).round(),
        technology_cost: (labour_cost * rng.real(0.05, 0.1)).round(),
        facilities_cost: (labour_cost * rng.real(0.08, 0.15)).round(),
        overhead_cost: (labour_cost * rng.real(0.05, 0.12)).round(),
    }
}

fn totals_text(r: &ContactTotalsInput) -> Text {
    bi(
        format!(
            "Данные за месяц: поступило {}, отвечено {} (из них за {} с — {}), брошено {} (за {} с — {}, из них коротких до {} с — {}); обработано {}, разговор {} ч, удержание {} ч, постобработка {} ч.",
            fmt_num(r.offered), fmt_num(r.answered), fmt_num(r.sl_threshold_s), fmt_num(r.answered_within_t),
            fmt_num(r.abandoned), fmt_num(r.sl_threshold_s), fmt_num(r.abandoned_within_t), fmt_num(r.short_abandon_threshold_s),
            fmt_num(r.short_abandons), fmt_num(r.handled), fmt_num(round_to(r.talk_s / 3600.0, 1)),
            fmt_num(round_to(r.hold_s / 3600.0, 1)), fmt_num(round_to(r.acw_s / 3600.0, 1))
        ),
        format!(
            "Monthly data: offered {}, answered {} ({} within {} s), abandoned {} ({} within {} s, of which {} short, under {} s); handled {}, talk {} h, hold {} h, after-call work {} h.",
            fmt_num(r.offered), fmt_num(r.answered), fmt_num(r.answered_within_t), fmt_num(r.sl_threshold_s),
            fmt_num(r.abandoned), fmt_num(r.abandoned_within_t), fmt_num(r.sl_threshold_s), fmt_num(r.short_abandons),
            fmt_num(r.short_abandon_threshold_s), fmt_num(r.handled), fmt_num(round_to(r.talk_s / 3600.0, 1)),
            fmt_num(round_to(r.hold_s / 3600.0, 1)), fmt_num(round_to(r.acw_s / 3600.0, 1))
        ),
    )
}

fn costs_text(r: &ContactTotalsInput) -> Text {
    bi(
        format!(
            "Затраты за месяц: ФОТ операторов {}, телефония {}, ИТ {}, помещения {}, накладные {}.",
            fmt_num(r.labour_cost),
            fmt_num(r.telephony_cost),
            fmt_num(r.technology_cost),
            fmt_num(r.facilities_cost),
            fmt_num(r.overhead_cost)
        ),
        format!(
            "Monthly costs: agent labour {}, telephony {}, technology {}, facilities {}, overhead {}.",
            fmt_num(r.labour_cost),
            fmt_num(r.telephony_cost),
            fmt_num(r.technology_cost),
            fmt_num(r.facilities_cost),
            fmt_num(r.overhead_cost)
        ),
    )
}

fn kpi_step(totals: &ContactTotals, variant: KpiVariant) -> Option<Step> {
    let title = variant_text(variant);
    totals.kpi(variant).trace().map(|t| Step::from_trace(title, t))
}

fn gen_service_level(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    if d == Difficulty::Advanced {
        return gen_explain(rng, Some(ReportedKpi::ServiceLevel));
    }
    let raw = draw_totals(rng);
    let Ok(totals) = ContactTotals::new(raw) else {
        return fallback_roi(rng);
    };
    let variants: &[ServiceLevelVariant] = if d == Difficulty::Basic {
        &[ServiceLevelVariant::AbandonsNegative, ServiceLevelVariant::AbandonsIgnored]
    } else {
        &[
            ServiceLevelVariant::AbandonsNegative,
            ServiceLevelVariant::AbandonsIgnored,
            ServiceLevelVariant::AbandonsPositive,
            ServiceLevelVariant::AbandonsNegativeShortExcluded,
            ServiceLevelVariant::AbandonsPositiveShortExcluded,
        ]
    };
    let variant = KpiVariant::ServiceLevel(rng.pick(variants, ServiceLevelVariant::AbandonsNegative));
    let Some(value) = totals.kpi(variant).value else {
        return fallback_roi(rng);
    };
    let tol = Tolerance::Absolute(0.001);
    let def = variant_text(variant);
    let data = totals_text(&raw);
    let prompt = bi(
        format!("{} Рассчитайте уровень сервиса по определению: {}.", data.ru, def.ru),
        format!("{} Compute the service level by the definition: {}.", data.en, def.en),
    );
    let solution = kpi_step(&totals, variant).into_iter().collect();
    compute(prompt, Givens::Kpi { totals: raw, variant }, number(value, "", AnswerFormat::Percent, tol), solution)
}

fn gen_cost(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    if d == Difficulty::Advanced {
        return gen_explain(rng, Some(ReportedKpi::CostPerContact));
    }
    let raw = draw_totals(rng);
    let Ok(totals) = ContactTotals::new(raw) else {
        return fallback_roi(rng);
    };
    let basis = if d == Difficulty::Basic {
        CostBasis::HandledContact
    } else {
        rng.pick(
            &[CostBasis::HandledContact, CostBasis::HandledMinute, CostBasis::AgentHour],
            CostBasis::HandledContact,
        )
    };
    let variant = KpiVariant::Cost(CostVariant { scope: CostScope::FullyLoaded, basis });
    let Some(value) = totals.kpi(variant).value else {
        return fallback_roi(rng);
    };
    let tol = Tolerance::Relative(0.005);
    let data = totals_text(&raw);
    let costs = costs_text(&raw);
    let paid = bi(
        format!("Оплачено часов операторов: {}.", fmt_num(round_to(raw.paid_s / 3600.0, 2))),
        format!("Paid agent hours: {}.", fmt_num(round_to(raw.paid_s / 3600.0, 2))),
    );
    let def = variant_text(variant);
    let prompt = bi(
        format!("{} {} {} Рассчитайте: {}.", data.ru, costs.ru, paid.ru, def.ru),
        format!("{} {} {} Compute the {}.", data.en, costs.en, paid.en, def.en),
    );
    let unit = match basis {
        CostBasis::HandledMinute => "money/min",
        CostBasis::AgentHour => "money/h",
        CostBasis::HandledContact | CostBasis::OfferedContact => "money/contact",
    };
    let solution = kpi_step(&totals, variant).into_iter().collect();
    compute(prompt, Givens::Kpi { totals: raw, variant }, number(value, unit, AnswerFormat::Number, tol), solution)
}

/// Choose: which variant explains a reported figure. `family` None draws one.
fn gen_explain(rng: &mut SplitMix64, family: Option<ReportedKpi>) -> Generated {
    let families =
        [ReportedKpi::ServiceLevel, ReportedKpi::Aht, ReportedKpi::AbandonmentRate, ReportedKpi::CostPerContact];
    let family = family.unwrap_or_else(|| rng.pick(&families, ReportedKpi::Aht));
    // Redraw until exactly one variant reproduces the rounded figure; AHT
    // variants differ by whole hold / ACW seconds, so the last try always is unique.
    for attempt in 0..24 {
        let fam = if attempt == 23 { ReportedKpi::Aht } else { family };
        let raw = draw_totals(rng);
        let Ok(totals) = ContactTotals::new(raw) else {
            continue;
        };
        let options = fam.variants();
        let variant = rng.pick(&options, KpiVariant::Aht(AhtVariant::TalkHoldAcw));
        let Some(value) = totals.kpi(variant).value else {
            continue;
        };
        let (shown, tolerance) = match fam {
            ReportedKpi::Aht => (value.round(), 0.5),
            ReportedKpi::CostPerContact => (round_to(value, 2), 0.005),
            _ => (round_to(value, 3), 0.0005),
        };
        let Ok(reported) = ReportedFigure::new(fam, shown, tolerance) else {
            continue;
        };
        let e = explain(&totals, &reported);
        if e.verdict != Verdict::Explained(vec![variant]) {
            continue;
        }
        let Some(correct) = options.iter().position(|v| *v == variant) else {
            continue;
        };
        let fig = match fam {
            ReportedKpi::Aht => bi(format!("AHT = {} с", fmt_num(shown)), format!("AHT = {} s", fmt_num(shown))),
            ReportedKpi::CostPerContact => {
                bi(format!("стоимость звонка = {}", fmt_num(shown)), format!("cost per call = {}", fmt_num(shown)))
            }
            ReportedKpi::AbandonmentRate => bi(
                format!("доля брошенных = {}%", fmt_num(shown * 100.0)),
                format!("abandonment rate = {}%", fmt_num(shown * 100.0)),
            ),
            _ => bi(
                format!("уровень сервиса = {}%", fmt_num(shown * 100.0)),
                format!("service level = {}%", fmt_num(shown * 100.0)),
            ),
        };
        let data = totals_text(&raw);
        let extra = if fam == ReportedKpi::CostPerContact {
            let c = costs_text(&raw);
            bi(format!(" {}", c.ru), format!(" {}", c.en))
        } else {
            bi("", "")
        };
        let queued =
            bi(format!("Встали в очередь: {}.", fmt_num(raw.queued)), format!("Queued: {}.", fmt_num(raw.queued)));
        let prompt = bi(
            format!("{} {}{} В отчёте: {}. Какое определение даёт эту цифру?", data.ru, queued.ru, extra.ru, fig.ru),
            format!(
                "{} {}{} The report says {}. Which definition gives this figure?",
                data.en, queued.en, extra.en, fig.en
            ),
        );
        let solution = e
            .candidates
            .iter()
            .filter_map(|c| c.kpi.trace().map(|t| Step::from_trace(variant_text(c.kpi.variant), t)))
            .collect();
        return Generated {
            kind: ExerciseKind::Choose,
            prompt,
            options: options.iter().map(|v| variant_text(*v)).collect(),
            givens: Givens::ExplainFigure { totals: raw, reported, options },
            answer: Answer::Choice { correct },
            solution,
        };
    }
    fallback_roi(rng)
}

fn gen_kpi_reading(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    match d {
        Difficulty::Basic => gen_explain(rng, None),
        Difficulty::Intermediate | Difficulty::Advanced => gen_find_error(rng),
    }
}

/// A report of five lines, each stating its definition; one is computed with a known mistake.
fn gen_find_error(rng: &mut SplitMix64) -> Generated {
    let raw = draw_totals(rng);
    let Ok(totals) = ContactTotals::new(raw) else {
        return fallback_roi(rng);
    };
    let net_agents = rng.int(20, 150) as f64;
    let shrinkage = rng.int(20, 40) as f64 / 100.0;
    let Ok(sh) = Shrinkage::new(shrinkage) else {
        return fallback_roi(rng);
    };
    let sl = KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsNegative);
    let aht = KpiVariant::Aht(AhtVariant::TalkHoldAcw);
    let ab = KpiVariant::Abandonment(AbandonmentVariant::OverOffered);
    let cost = KpiVariant::Cost(CostVariant { scope: CostScope::FullyLoaded, basis: CostBasis::HandledContact });
    let fte = KpiVariant::GrossFte(FteVariant::DivideByAvailableShare);
    let stated = [sl, aht, ab, cost, fte];
    // The planted mistake for each line.
    let mistakes = [
        KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsIgnored),
        KpiVariant::Aht(AhtVariant::TalkHold),
        KpiVariant::Abandonment(AbandonmentVariant::ShortExcludedOverOffered),
        KpiVariant::Cost(CostVariant { scope: CostScope::FullyLoaded, basis: CostBasis::OfferedContact }),
        KpiVariant::GrossFte(FteVariant::NetTimesOnePlusS),
    ];
    let wrong = rng.int(0, stated.len() as u64 - 1) as usize;
    let mut lines = Vec::new();
    let mut solution = Vec::new();
    for (i, &def) in stated.iter().enumerate() {
        let used = if i == wrong { mistakes[i] } else { def };
        let (value, kpi, tol) = match used {
            KpiVariant::GrossFte(v) => {
                let Ok(k) = crate::kpi::gross_fte_variant(net_agents, sh, v) else {
                    return fallback_roi(rng);
                };
                (k.value.map(|x| round_to(x, 1)), ReportedKpi::GrossFte, 0.05)
            }
            KpiVariant::Aht(_) => (totals.kpi(used).value.map(f64::round), ReportedKpi::Aht, 0.5),
            KpiVariant::Cost(_) => (totals.kpi(used).value.map(|x| round_to(x, 2)), ReportedKpi::CostPerContact, 0.005),
            KpiVariant::ServiceLevel(_) => {
                (totals.kpi(used).value.map(|x| round_to(x, 3)), ReportedKpi::ServiceLevel, 0.0005)
            }
            _ => (totals.kpi(used).value.map(|x| round_to(x, 3)), ReportedKpi::AbandonmentRate, 0.0005),
        };
        let Some(value) = value else {
            return fallback_roi(rng);
        };
        let Ok(reported) = ReportedFigure::new(kpi, value, tol) else {
            return fallback_roi(rng);
        };
        // The worked solution: recompute the stated definition with the engine.
        let recomputed = line_trace(&totals, net_agents, sh, def);
        if let Some(t) = recomputed {
            let title = variant_text(def);
            let verdict = if i == wrong {
                bi(
                    format!("{} — не совпадает с отчётом ({})", title.ru, fmt_num(value)),
                    format!("{} — does not match the report ({})", title.en, fmt_num(value)),
                )
            } else {
                bi(format!("{} — совпадает с отчётом", title.ru), format!("{} — matches the report", title.en))
            };
            solution.push(Step::from_trace(verdict, t));
        }
        if i == wrong {
            // And what the report actually did.
            let planted = line_trace(&totals, net_agents, sh, used);
            if let Some(t) = planted {
                let m = variant_text(used);
                solution.push(Step::from_trace(
                    bi(format!("Ошибка в отчёте: {}", m.ru), format!("The report's mistake: {}", m.en)),
                    t,
                ));
            }
        }
        lines.push(ReportLine { label: report_line_label(def, value), reported, stated: def });
    }
    let data = totals_text(&raw);
    let costs = costs_text(&raw);
    let fte_data = bi(
        format!("Нужно операторов на линии: {}, шринкидж {}%.", fmt_num(net_agents), fmt_num(shrinkage * 100.0)),
        format!("Net agents needed: {}, shrinkage {}%.", fmt_num(net_agents), fmt_num(shrinkage * 100.0)),
    );
    let prompt = bi(
        format!("{} {} {} В отчёте ровно одна строка посчитана с ошибкой. Какая?", data.ru, costs.ru, fte_data.ru),
        format!(
            "{} {} {} Exactly one line of the report is computed wrongly. Which one?",
            data.en, costs.en, fte_data.en
        ),
    );
    let options = lines.iter().map(|l| l.label.clone()).collect();
    Generated {
        kind: ExerciseKind::FindTheError,
        prompt,
        options,
        givens: Givens::Report { totals: raw, net_agents, shrinkage, lines },
        answer: Answer::Choice { correct: wrong },
        solution,
    }
}

/// The engine's trace of one report line's variant.
fn line_trace(totals: &ContactTotals, net_agents: f64, sh: Shrinkage, v: KpiVariant) -> Option<Trace> {
    match v {
        KpiVariant::GrossFte(f) => crate::kpi::gross_fte_variant(net_agents, sh, f).ok().and_then(|k| k.trace()),
        _ => totals.kpi(v).trace(),
    }
}

fn report_line_label(def: KpiVariant, value: f64) -> Text {
    let d = variant_text(def);
    let v = match def {
        KpiVariant::Aht(_) => (format!("{} с", fmt_num(value)), format!("{} s", fmt_num(value))),
        KpiVariant::Cost(_) | KpiVariant::GrossFte(_) => (fmt_num(value), fmt_num(value)),
        _ => (format!("{}%", fmt_num(round_to(value * 100.0, 1))), format!("{}%", fmt_num(round_to(value * 100.0, 1)))),
    };
    bi(format!("{}: {}", d.ru, v.0), format!("{}: {}", d.en, v.1))
}

/// Monthly flows of a purchase: investment at t = 0, then a constant net saving.
fn draw_purchase(rng: &mut SplitMix64) -> (Vec<f64>, f64, usize) {
    let investment = rng.int(10, 200) as f64 * 10_000.0;
    let horizon = rng.pick(&[12usize, 24, 36], 24);
    let factor = rng.real(0.6, 1.6);
    let saving = (investment / horizon as f64 * factor / 100.0).round() * 100.0;
    let mut flows = vec![-investment];
    flows.extend(std::iter::repeat_n(saving, horizon));
    let annual_rate = rng.int(5, 25) as f64 / 100.0;
    (flows, annual_rate, horizon)
}

fn purchase_text(flows: &[f64], annual_rate: f64, horizon: usize) -> Text {
    let inv = -flows.first().copied().unwrap_or(0.0);
    let saving = flows.get(1).copied().unwrap_or(0.0);
    bi(
        format!(
            "Система стоит {} (оплата сразу) и экономит {} в месяц в течение {horizon} мес. Ставка дисконтирования {}% годовых (помесячно — эквивалентная ставка, первый платёж в момент 0).",
            fmt_num(inv), fmt_num(saving), fmt_num(annual_rate * 100.0)
        ),
        format!(
            "A system costs {} (paid up front) and saves {} a month for {horizon} months. Discount rate {}% a year (monthly: the equivalent rate, first flow at t = 0).",
            fmt_num(inv), fmt_num(saving), fmt_num(annual_rate * 100.0)
        ),
    )
}

fn gen_investment(rng: &mut SplitMix64, d: Difficulty) -> Generated {
    let (flows, annual_rate, horizon_months) = draw_purchase(rng);
    let (Ok(cf), Ok(rate)) = (CashFlows::new(flows.clone()), DiscountRate::monthly_from_annual(annual_rate)) else {
        return fallback_roi(rng);
    };
    let investment = -flows[0];
    let gain: f64 = flows[1..].iter().sum();
    let case = purchase_text(&flows, annual_rate, horizon_months);
    let n = npv(rate, &cf, NpvTiming::FirstAtTimeZero);
    let simple = payback(&cf, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero);
    let discounted = payback(&cf, PaybackVariant::Discounted(rate), NpvTiming::FirstAtTimeZero);
    let npv_step = Step::from_trace(bi("Чистая приведённая стоимость", "Net present value"), n.trace());
    let simple_step = simple.trace().map(|t| Step::from_trace(bi("Простая окупаемость", "Simple payback"), t));
    let disc_step =
        discounted.trace().map(|t| Step::from_trace(bi("Дисконтированная окупаемость", "Discounted payback"), t));
    let question = match d {
        Difficulty::Basic => CashQuestion::Roi,
        Difficulty::Intermediate => {
            if simple.payback.periods().is_some() && rng.unit() < 0.5 {
                CashQuestion::SimplePayback
            } else {
                CashQuestion::Npv
            }
        }
        Difficulty::Advanced => CashQuestion::Decision,
    };
    let givens = Givens::Cash { flows: flows.clone(), annual_rate, horizon_months, question };
    match question {
        CashQuestion::Roi => {
            let Ok(r) = roi(gain, investment, RoiVariant::NetReturnOnCost) else {
                return fallback_roi(rng);
            };
            let tol = Tolerance::Absolute(0.005);
            let prompt = bi(
                format!("{} Какова ROI за {horizon_months} мес. без дисконтирования?", case.ru),
                format!("{} What is the undiscounted ROI over {horizon_months} months?", case.en),
            );
            compute(
                prompt,
                givens,
                number(r.value, "", AnswerFormat::Percent, tol),
                vec![Step::from_trace(bi("Окупаемость инвестиций (ROI)", "Return on investment"), r.trace())],
            )
        }
        CashQuestion::Npv => {
            let tol = Tolerance::Absolute((investment * 0.005).round());
            let prompt = bi(format!("{} Какова NPV?", case.ru), format!("{} What is the NPV?", case.en));
            compute(prompt, givens, number(n.value, "money", AnswerFormat::Number, tol), vec![npv_step])
        }
        CashQuestion::SimplePayback => {
            let Some(periods) = simple.payback.periods() else {
                return fallback_roi(rng);
            };
            let tol = Tolerance::Absolute(0.1);
            let prompt = bi(
                format!("{} За сколько месяцев окупится покупка (простая окупаемость)?", case.ru),
                format!("{} In how many months does the purchase pay back (simple payback)?", case.en),
            );
            compute(
                prompt,
                givens,
                number(periods, "months", AnswerFormat::Number, tol),
                simple_step.into_iter().collect(),
            )
        }
        CashQuestion::Decision => {
            let correct = decision_index(n.value, simple.payback.periods(), horizon_months);
            let prompt =
                bi(format!("{} Стоит ли покупать?", case.ru), format!("{} Is the purchase worth it?", case.en));
            let options = vec![
                bi(
                    "Да: NPV ≥ 0, покупка окупается с учётом дисконтирования в пределах срока",
                    "Yes: NPV ≥ 0, it pays back within the horizon even discounted",
                ),
                bi(
                    "Нет: без дисконтирования окупается в срок, но NPV < 0",
                    "No: it pays back within the horizon undiscounted, but NPV < 0",
                ),
                bi(
                    "Нет: не окупается в срок даже без дисконтирования",
                    "No: it does not pay back within the horizon even undiscounted",
                ),
            ];
            let mut solution = vec![npv_step];
            solution.extend(simple_step);
            solution.extend(disc_step);
            Generated {
                kind: ExerciseKind::BudgetCase,
                prompt,
                options,
                givens,
                answer: Answer::Choice { correct },
                solution,
            }
        }
    }
}

/// The budget-case rule: 0 = buy (NPV ≥ 0); 1 = NPV < 0 although the simple
/// payback is within the horizon; 2 = not even the simple payback is.
///
/// ```
/// use callcalc_engine::decision_index;
/// assert_eq!(decision_index(10.0, Some(20.0), 24), 0);
/// assert_eq!(decision_index(-10.0, Some(23.5), 24), 1);
/// assert_eq!(decision_index(-10.0, None, 24), 2);
/// ```
pub fn decision_index(npv_value: f64, simple_payback_periods: Option<f64>, horizon: usize) -> usize {
    if npv_value >= 0.0 {
        0
    } else if simple_payback_periods.is_some_and(|p| p <= horizon as f64) {
        1
    } else {
        2
    }
}

/// Used only when a drawn input is rejected by an engine constructor (which
/// the generators' ranges rule out): a small ROI exercise that cannot fail.
fn fallback_roi(rng: &mut SplitMix64) -> Generated {
    let cost = rng.int(10, 100) as f64 * 1_000.0;
    let gain = cost * (1.0 + rng.int(5, 60) as f64 / 100.0);
    let flows = vec![-cost, gain];
    let tol = Tolerance::Absolute(0.005);
    let value = (gain - cost) / cost;
    let (value, solution) = match roi(gain, cost, RoiVariant::NetReturnOnCost) {
        Ok(r) => {
            (r.value, vec![Step::from_trace(bi("Окупаемость инвестиций (ROI)", "Return on investment"), r.trace())])
        }
        Err(_) => (value, Vec::new()),
    };
    let prompt = bi(
        format!("Вложение {} приносит {}. Какова ROI?", fmt_num(cost), fmt_num(gain)),
        format!("An investment of {} returns {}. What is the ROI?", fmt_num(cost), fmt_num(gain)),
    );
    compute(
        prompt,
        Givens::Cash { flows, annual_rate: 0.0, horizon_months: 1, question: CashQuestion::Roi },
        number(value, "", AnswerFormat::Percent, tol),
        solution,
    )
}

/// Bilingual name of a KPI variant, as the practice mode shows it.
pub fn variant_text(v: KpiVariant) -> Text {
    use KpiVariant as K;
    let (ru, en) = match v {
        K::ServiceLevel(s) => match s {
            ServiceLevelVariant::AbandonsIgnored => (
                "уровень сервиса: брошенные за T исключены из знаменателя",
                "service level: abandons within T excluded from the denominator",
            ),
            ServiceLevelVariant::AbandonsNegative => (
                "уровень сервиса: отвеченные за T от всех поступивших",
                "service level: answered within T over all offered",
            ),
            ServiceLevelVariant::AbandonsNegativeShortExcluded => (
                "уровень сервиса: отвеченные за T от поступивших без коротких брошенных",
                "service level: answered within T over offered minus short abandons",
            ),
            ServiceLevelVariant::AbandonsPositive => (
                "уровень сервиса: брошенные за T засчитаны как обслуженные",
                "service level: abandons within T counted as met",
            ),
            ServiceLevelVariant::AbandonsPositiveShortExcluded => (
                "уровень сервиса: брошенные за T засчитаны, короткие исключены",
                "service level: abandons within T counted as met, short abandons dropped",
            ),
        },
        K::Aht(a) => match a {
            AhtVariant::TalkHoldAcw => {
                ("AHT: разговор + удержание + постобработка", "AHT: talk + hold + after-call work")
            }
            AhtVariant::TalkHold => {
                ("AHT без постобработки (разговор + удержание)", "AHT without after-call work (talk + hold)")
            }
            AhtVariant::TalkOnly => ("AHT: только разговор", "AHT: talk only"),
        },
        K::Abandonment(a) => match a {
            AbandonmentVariant::OverOffered => ("доля брошенных от поступивших", "abandonment: abandoned over offered"),
            AbandonmentVariant::OverQueued => {
                ("доля брошенных от вставших в очередь", "abandonment: abandoned over queued")
            }
            AbandonmentVariant::ShortExcludedOverOffered => (
                "доля брошенных без коротких, от поступивших без коротких",
                "abandonment: short abandons dropped from both sides",
            ),
            AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => (
                "доля брошенных без коротких, от отвеченных + брошенных",
                "abandonment: short abandons dropped, over answered + abandoned",
            ),
        },
        K::Cost(c) => match (c.scope, c.basis) {
            (CostScope::FullyLoaded, CostBasis::HandledContact) => {
                ("полная стоимость обработанного звонка", "fully loaded cost per handled call")
            }
            (CostScope::FullyLoaded, CostBasis::OfferedContact) => {
                ("полная стоимость в расчёте на поступивший звонок", "fully loaded cost per offered call")
            }
            (CostScope::FullyLoaded, CostBasis::HandledMinute) => {
                ("полная стоимость минуты обработки", "fully loaded cost per handled minute")
            }
            (CostScope::FullyLoaded, CostBasis::AgentHour) => {
                ("полная стоимость оплаченного часа оператора", "fully loaded cost per paid agent hour")
            }
            (CostScope::LabourOnly, CostBasis::HandledContact) => {
                ("только ФОТ на обработанный звонок", "labour cost only per handled call")
            }
            (CostScope::LabourOnly, CostBasis::OfferedContact) => {
                ("только ФОТ на поступивший звонок", "labour cost only per offered call")
            }
            (CostScope::LabourOnly, CostBasis::HandledMinute) => {
                ("только ФОТ на минуту обработки", "labour cost only per handled minute")
            }
            (CostScope::LabourOnly, CostBasis::AgentHour) => {
                ("только ФОТ на оплаченный час", "labour cost only per paid hour")
            }
        },
        K::GrossFte(FteVariant::DivideByAvailableShare) => {
            ("FTE = нетто / (1 − шринкидж)", "FTE = net / (1 − shrinkage)")
        }
        K::GrossFte(FteVariant::NetTimesOnePlusS) => ("FTE = нетто × (1 + шринкидж)", "FTE = net × (1 + shrinkage)"),
        other => return bi(other.description(), other.description()),
    };
    bi(ru, en)
}

/// Explains a report line with the engine: the stated definition must
/// reproduce the reported figure. Used by the tests and the app's review.
pub fn report_line_matches(totals: &ContactTotals, net_agents: f64, shrinkage: Shrinkage, line: &ReportLine) -> bool {
    let e = if line.reported.kpi == ReportedKpi::GrossFte {
        match explain_gross_fte(net_agents, shrinkage, &line.reported) {
            Ok(e) => e,
            Err(_) => return false,
        }
    } else {
        explain(totals, &line.reported)
    };
    e.candidates.iter().any(|c| c.kpi.variant == line.stated && c.matches)
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

fn round_to(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

/// A number of calls in Russian with the noun agreeing: «1 звонок», «122 звонка», «5 звонков».
fn ru_calls(calls: f64) -> String {
    format!("{} {}", fmt_num(calls), RuPlural::of_number(calls).pick(["звонок", "звонка", "звонков"]))
}

/// A number with up to 4 decimals, trailing zeros trimmed.
fn fmt_num(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

fn with_unit(v: String, unit: &str) -> String {
    if unit.is_empty() {
        v
    } else {
        format!("{v} {unit}")
    }
}

fn mmss(s: f64) -> String {
    let s = s.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

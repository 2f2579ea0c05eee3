//! Call-detail records → interval statistics, and the measured KPIs of an
//! interval: AHT, ASA, the three Cisco service-level variants, and the
//! abandonment (patience) estimate used to fit Erlang A.
//!
//! Conventions:
//! - a contact belongs to the interval of its **queue entry** when the
//!   record gives one, else of its arrival (see [`super::RowReader::read_cdr`]),
//!   so per interval `offered = answered + abandoned + blocked` holds exactly;
//! - callers who never reached the queue (no queue entry, not answered) are
//!   not offered: they are counted apart in `not_queued`, by arrival;
//! - `offered` counts every contact of the kept rows, blocked ones included
//!   (they were offered and not served); short abandons are a subset of
//!   `abandoned`, reported separately;
//! - "within T" means a wait `≤ T` seconds;
//! - intervals without contacts are not listed (the output is sparse); their
//!   offered count is zero, as the CDR shows.
//!
//! Memory is proportional to the number of (interval, queue, channel) cells,
//! not to the number of rows.

use std::collections::HashMap;

use super::datetime::Timestamp;
use super::quality::{
    caller_key, followed_by_repeat, ContactKey, QualityCounts, ReasonCount, CSAT_TOP2_MIN, DEFAULT_REPEAT_WINDOW_S,
    NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN,
};
use super::rows::{CdrRow, Channel, IntervalRow, Outcome};
use crate::error::{non_negative, FieldError, Problem};
use crate::trace::Trace;

const SRC_SL: &str = "Cisco Unified ICM/CCE reporting guides (service level types: abandoned calls ignored / negative / positive); definitions.md, Service level";
const SRC_AHT: &str = "Amazon Connect historical metrics definitions, \"Average handle time\"; definitions.md, AHT";
const SRC_ASA: &str =
    "Amazon Connect historical metrics definitions, \"Average queue answer time\"; definitions.md, ASA";
const SRC_PATIENCE: &str = "Brown, Gans, Mandelbaum, Sakov, Shen, Zeltyn & Zhao, Statistical analysis of a telephone call center: a queueing-science perspective, JASA 100(469) 2005, §6; Mandelbaum & Zeltyn, Data-stories about (im)patient customers in tele-queues, Queueing Systems 75 (2013)";

/// How abandoned contacts enter the service level (Cisco ICM/UCCE "service
/// level type").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlVariant {
    /// `SL = answered≤T / (offered − abandoned≤T)`: early abandons leave the
    /// denominator.
    AbandonsIgnored,
    /// `SL = answered≤T / offered`: every abandon counts against the SL.
    AbandonsNegative,
    /// `SL = (answered≤T + abandoned≤T) / offered`: early abandons count as
    /// served in time (Amazon Connect "Service level X").
    AbandonsPositive,
}

impl SlVariant {
    pub const ALL: [SlVariant; 3] =
        [SlVariant::AbandonsIgnored, SlVariant::AbandonsNegative, SlVariant::AbandonsPositive];

    /// Stable machine name: `"sl_abandons_ignored"`, `"sl_abandons_negative"`,
    /// `"sl_abandons_positive"`.
    pub fn name(self) -> &'static str {
        match self {
            SlVariant::AbandonsIgnored => "sl_abandons_ignored",
            SlVariant::AbandonsNegative => "sl_abandons_negative",
            SlVariant::AbandonsPositive => "sl_abandons_positive",
        }
    }

    fn formula(self) -> &'static str {
        match self {
            SlVariant::AbandonsIgnored => "SL = answered≤T / (offered − abandoned≤T)",
            SlVariant::AbandonsNegative => "SL = answered≤T / offered",
            SlVariant::AbandonsPositive => "SL = (answered≤T + abandoned≤T) / offered",
        }
    }
}

/// Measured service level, a fraction in `[0, 1]`.
///
/// - `answered_within_t`, `abandoned_within_t`: contacts answered / abandoned
///   with a wait `≤ T`; `offered`: all contacts offered.
/// - Variants (Cisco ICM/UCCE): [`SlVariant::AbandonsIgnored`]
///   `a≤T / (offered − ab≤T)`; [`SlVariant::AbandonsNegative`] `a≤T / offered`;
///   [`SlVariant::AbandonsPositive`] `(a≤T + ab≤T) / offered`.
/// - `None` when the denominator is zero (no contacts, or all abandoned early).
/// - Source: Cisco Unified ICM/CCE reporting guides; definitions.md.
///
/// ```
/// use callcalc_engine::{service_level, SlVariant};
/// // 100 offered, 70 answered within 20 s, 10 abandoned within 20 s.
/// assert_eq!(service_level(SlVariant::AbandonsIgnored, 70, 10, 100), Some(70.0 / 90.0));
/// assert_eq!(service_level(SlVariant::AbandonsNegative, 70, 10, 100), Some(0.7));
/// assert_eq!(service_level(SlVariant::AbandonsPositive, 70, 10, 100), Some(0.8));
/// assert_eq!(service_level(SlVariant::AbandonsNegative, 0, 0, 0), None);
/// ```
pub fn service_level(variant: SlVariant, answered_within_t: u64, abandoned_within_t: u64, offered: u64) -> Option<f64> {
    let (num, den) = match variant {
        SlVariant::AbandonsIgnored => (answered_within_t, offered.checked_sub(abandoned_within_t)?),
        SlVariant::AbandonsNegative => (answered_within_t, offered),
        SlVariant::AbandonsPositive => (answered_within_t.saturating_add(abandoned_within_t), offered),
    };
    if den == 0 {
        None
    } else {
        Some(num as f64 / den as f64)
    }
}

/// Measured average handle time, seconds per handled contact:
/// `AHT = (Σ talk + Σ hold + Σ after-contact work) / handled`.
///
/// - Inputs: totals in seconds over the handled contacts; `handled`: their number.
/// - Variant: talk + hold + ACW (not interaction-only, which omits ACW).
/// - `None` when nothing was handled.
/// - Source: Amazon Connect historical metrics "Average handle time"; definitions.md (AHT).
///
/// ```
/// use callcalc_engine::average_handle_time_s;
/// assert_eq!(average_handle_time_s(1800.0, 200.0, 400.0, 10), Some(240.0));
/// assert_eq!(average_handle_time_s(0.0, 0.0, 0.0, 0), None);
/// ```
pub fn average_handle_time_s(talk_s: f64, hold_s: f64, acw_s: f64, handled: u64) -> Option<f64> {
    if handled == 0 {
        None
    } else {
        Some((talk_s + hold_s + acw_s) / handled as f64)
    }
}

/// Measured average speed of answer, seconds: `ASA = Σ wait of answered
/// contacts / answered`.
///
/// - Variant: mean queue wait of **answered** contacts only (Amazon Connect
///   "Average queue answer time"); not the Erlang C mean over all calls.
/// - `None` when nothing was answered.
/// - Source: Amazon Connect historical metrics; definitions.md (ASA).
///
/// ```
/// use callcalc_engine::measured_asa_s;
/// assert_eq!(measured_asa_s(300.0, 20), Some(15.0));
/// assert_eq!(measured_asa_s(0.0, 0), None);
/// ```
pub fn measured_asa_s(wait_of_answered_s: f64, answered: u64) -> Option<f64> {
    if answered == 0 {
        None
    } else {
        Some(wait_of_answered_s / answered as f64)
    }
}

/// The abandonment-rate estimate for Erlang A (M/M/N+M), from waits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Patience {
    /// `θ̂ = abandoned / Σ waits`, abandons per second of waiting.
    pub rate_per_s: f64,
    /// `1/θ̂ = Σ waits / abandoned`, mean patience in seconds.
    pub mean_s: f64,
    pub abandoned: u64,
    pub total_wait_s: f64,
}

/// Maximum-likelihood estimate of exponential patience under censoring.
///
/// Every caller who waited contributes their wait: abandoners' waits are
/// their (observed) patience, served callers' waits are censored patience
/// (they would have waited at least that long). For exponential patience with
/// rate θ the likelihood is `θ^abandoned · e^(−θ·Σ waits)`, maximised at
///
/// `θ̂ = abandoned / Σ_{all callers} wait`, mean patience `= Σ wait / abandoned`.
///
/// Equivalently `θ̂ = P(abandon) / E[wait]` — the ratio Erlang A uses.
///
/// - `abandoned`: number of abandons (short abandons included);
///   `total_wait_s`: total seconds waited by **all** callers who queued
///   (answered and abandoned; blocked contacts did not queue).
/// - `None` when there are no abandons (patience not identifiable: the
///   estimate is "longer than every wait seen") or no waiting at all.
/// - Source: Brown et al. (2005), JASA 100(469), §6; Mandelbaum & Zeltyn
///   (2013), Queueing Systems 75.
///
/// ```
/// use callcalc_engine::patience_estimate;
/// // 5 abandons over 2 000 s of waiting: θ = 0.0025/s, mean patience 400 s.
/// let p = patience_estimate(5, 2000.0).unwrap();
/// assert_eq!(p.rate_per_s, 0.0025);
/// assert_eq!(p.mean_s, 400.0);
/// assert!(patience_estimate(0, 2000.0).is_none());
/// ```
pub fn patience_estimate(abandoned: u64, total_wait_s: f64) -> Option<Patience> {
    if abandoned == 0 || total_wait_s.is_nan() || total_wait_s <= 0.0 || !total_wait_s.is_finite() {
        return None;
    }
    Some(Patience {
        rate_per_s: abandoned as f64 / total_wait_s,
        mean_s: total_wait_s / abandoned as f64,
        abandoned,
        total_wait_s,
    })
}

/// Statistics of one interval (and queue/channel when split). Sums, so two
/// cells can be merged; the KPIs are methods. Counts that the source did not
/// report are `None` (an interval report without an "abandoned" column),
/// never zero.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalStats {
    pub start: Timestamp,
    pub length_s: u32,
    /// `None` when not split by queue (all queues together).
    pub queue: Option<String>,
    /// `None` when not split by channel, or the source has no channel.
    pub channel: Option<Channel>,
    pub offered: u64,
    pub answered: u64,
    pub abandoned: Option<u64>,
    /// Abandons with a wait below the short-abandon threshold (or marked so).
    pub short_abandoned: Option<u64>,
    pub blocked: Option<u64>,
    pub answered_within_t: Option<u64>,
    pub abandoned_within_t: Option<u64>,
    /// Σ (talk + hold + ACW) over `handled_with_time` contacts, seconds.
    pub handle_s: f64,
    /// Answered contacts whose handle time is known.
    pub handled_with_time: u64,
    /// Talk, hold and ACW totals when known separately, seconds.
    pub talk_s: Option<f64>,
    pub hold_s: Option<f64>,
    pub acw_s: Option<f64>,
    /// Σ wait of answered contacts over `answered_with_wait` of them, seconds.
    pub wait_answered_s: f64,
    pub answered_with_wait: u64,
    /// Σ wait of every queued contact (answered and abandoned), seconds;
    /// `None` when the source does not give the waits of abandoned contacts.
    pub wait_all_s: Option<f64>,
    /// Agent-seconds staffed (agents × seconds); `None` if not reported.
    pub staffed_agent_s: Option<f64>,
    /// Transfers, resolution, repeats, surveys and complexity from optional
    /// call-record columns (all zero for interval reports).
    pub quality: QualityCounts,
    /// Call-detail records of contacts that never reached the queue (left in
    /// the IVR), placed by their arrival time: not part of `offered`.
    pub not_queued: u64,
}

fn add_opt_u(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    Some(a?.saturating_add(b?))
}
fn add_opt_f(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? + b?)
}

impl IntervalStats {
    /// An empty cell (all counts zero and known).
    pub fn empty(start: Timestamp, length_s: u32, queue: Option<String>, channel: Option<Channel>) -> Self {
        IntervalStats {
            start,
            length_s,
            queue,
            channel,
            offered: 0,
            answered: 0,
            abandoned: Some(0),
            short_abandoned: Some(0),
            blocked: Some(0),
            answered_within_t: Some(0),
            abandoned_within_t: Some(0),
            handle_s: 0.0,
            handled_with_time: 0,
            talk_s: Some(0.0),
            hold_s: Some(0.0),
            acw_s: Some(0.0),
            wait_answered_s: 0.0,
            answered_with_wait: 0,
            wait_all_s: Some(0.0),
            staffed_agent_s: None,
            quality: QualityCounts::default(),
            not_queued: 0,
        }
    }

    /// Adds another cell's sums into this one (the start, length and labels
    /// of `self` are kept). Unknown (`None`) stays unknown.
    pub fn merge(&mut self, o: &IntervalStats) {
        self.offered = self.offered.saturating_add(o.offered);
        self.answered = self.answered.saturating_add(o.answered);
        self.abandoned = add_opt_u(self.abandoned, o.abandoned);
        self.short_abandoned = add_opt_u(self.short_abandoned, o.short_abandoned);
        self.blocked = add_opt_u(self.blocked, o.blocked);
        self.answered_within_t = add_opt_u(self.answered_within_t, o.answered_within_t);
        self.abandoned_within_t = add_opt_u(self.abandoned_within_t, o.abandoned_within_t);
        self.handle_s += o.handle_s;
        self.handled_with_time += o.handled_with_time;
        self.talk_s = add_opt_f(self.talk_s, o.talk_s);
        self.hold_s = add_opt_f(self.hold_s, o.hold_s);
        self.acw_s = add_opt_f(self.acw_s, o.acw_s);
        self.wait_answered_s += o.wait_answered_s;
        self.answered_with_wait += o.answered_with_wait;
        self.wait_all_s = add_opt_f(self.wait_all_s, o.wait_all_s);
        self.staffed_agent_s = match (self.staffed_agent_s, o.staffed_agent_s) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
        self.quality.merge(&o.quality);
        self.not_queued = self.not_queued.saturating_add(o.not_queued);
    }

    /// The sums of many cells under one label (e.g. a whole day or file).
    pub fn total<'a>(cells: impl IntoIterator<Item = &'a IntervalStats>) -> Option<IntervalStats> {
        let mut it = cells.into_iter();
        let mut acc = it.next()?.clone();
        let mut end = acc.start.seconds() + i64::from(acc.length_s);
        for c in it {
            acc.merge(c);
            acc.start = acc.start.min(c.start);
            end = end.max(c.start.seconds() + i64::from(c.length_s));
        }
        acc.length_s = u32::try_from(end - acc.start.seconds()).unwrap_or(u32::MAX);
        Some(acc)
    }

    /// AHT, seconds: see [`average_handle_time_s`].
    pub fn aht_s(&self) -> Option<f64> {
        if self.handled_with_time == 0 {
            None
        } else {
            Some(self.handle_s / self.handled_with_time as f64)
        }
    }

    /// ASA over answered contacts, seconds: see [`measured_asa_s`].
    pub fn asa_s(&self) -> Option<f64> {
        measured_asa_s(self.wait_answered_s, self.answered_with_wait)
    }

    /// Service level in the given variant: see [`service_level`]. `None`
    /// if the source lacks the counts it needs or the denominator is zero.
    pub fn service_level(&self, variant: SlVariant) -> Option<f64> {
        let a = self.answered_within_t?;
        let ab = match variant {
            SlVariant::AbandonsNegative => self.abandoned_within_t.unwrap_or(0),
            _ => self.abandoned_within_t?,
        };
        service_level(variant, a, ab, self.offered)
    }

    /// Patience estimate: see [`patience_estimate`].
    pub fn patience(&self) -> Option<Patience> {
        patience_estimate(self.abandoned?, self.wait_all_s?)
    }

    /// Mean patience, seconds (`Σ wait / abandoned`).
    pub fn mean_patience_s(&self) -> Option<f64> {
        self.patience().map(|p| p.mean_s)
    }

    /// Abandoned share of offered contacts (Amazon Connect variant:
    /// abandoned / queued, here offered).
    pub fn abandon_share(&self) -> Option<f64> {
        if self.offered == 0 {
            None
        } else {
            Some(self.abandoned? as f64 / self.offered as f64)
        }
    }

    /// Average agents staffed over the interval.
    pub fn agents_staffed(&self) -> Option<f64> {
        Some(self.staffed_agent_s? / f64::from(self.length_s.max(1)))
    }

    /// Offered traffic in Erlangs, `offered × AHT / length`.
    pub fn traffic_erlangs(&self) -> Option<f64> {
        Some(crate::load::traffic_erlangs(self.offered as f64, f64::from(self.length_s.max(1)), self.aht_s()?))
    }

    /// How the service level of this cell was computed.
    pub fn trace_service_level(&self, variant: SlVariant) -> Option<Trace> {
        let v = self.service_level(variant)?;
        Some(
            Trace::new("measured.service_level", variant.formula(), variant.name(), SRC_SL, v, "")
                .input("answered≤T", "contacts answered within T", self.answered_within_t.unwrap_or(0) as f64, "")
                .input("abandoned≤T", "contacts abandoned within T", self.abandoned_within_t.unwrap_or(0) as f64, "")
                .input("offered", "contacts offered", self.offered as f64, ""),
        )
    }

    /// How the AHT of this cell was computed.
    pub fn trace_aht(&self) -> Option<Trace> {
        Some(
            Trace::new(
                "measured.aht",
                "AHT = Σ(talk + hold + ACW) / handled",
                "talk + hold + after-contact work per handled contact",
                SRC_AHT,
                self.aht_s()?,
                "s",
            )
            .input("Σ handle", "total handle time", self.handle_s, "s")
            .input("handled", "handled contacts with handle time", self.handled_with_time as f64, ""),
        )
    }

    /// How the ASA of this cell was computed.
    pub fn trace_asa(&self) -> Option<Trace> {
        Some(
            Trace::new(
                "measured.asa",
                "ASA = Σ wait(answered) / answered",
                "mean queue wait of answered contacts",
                SRC_ASA,
                self.asa_s()?,
                "s",
            )
            .input("Σ wait", "total wait of answered contacts", self.wait_answered_s, "s")
            .input("answered", "answered contacts", self.answered_with_wait as f64, ""),
        )
    }

    /// How the patience estimate of this cell was computed.
    pub fn trace_patience(&self) -> Option<Trace> {
        let p = self.patience()?;
        Some(
            Trace::new(
                "measured.patience",
                "mean patience = Σ wait(all queued) / abandoned",
                "exponential-patience MLE under censoring",
                SRC_PATIENCE,
                p.mean_s,
                "s",
            )
            .input("Σ wait", "total wait of all queued contacts", p.total_wait_s, "s")
            .input("abandoned", "abandoned contacts", p.abandoned as f64, ""),
        )
    }
}

/// Aggregation settings, validated once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AggregateOptions {
    interval_s: u32,
    sl_threshold_s: f64,
    short_abandon_s: f64,
    repeat_window_s: u32,
    pub by_queue: bool,
    pub by_channel: bool,
}

impl AggregateOptions {
    /// `interval_s` must divide a day (300, 900, 1800, 3600 …, at least 60);
    /// `sl_threshold_s` (T) and `short_abandon_s` ≥ 0 (0 = no short abandons
    /// except those the ACD marks).
    ///
    /// ```
    /// use callcalc_engine::AggregateOptions;
    /// let o = AggregateOptions::new(900, 20.0, 5.0).unwrap();
    /// assert_eq!(o.interval_s(), 900);
    /// assert_eq!(AggregateOptions::new(1000, 20.0, 5.0).unwrap_err().field, "interval_s");
    /// ```
    pub fn new(interval_s: u32, sl_threshold_s: f64, short_abandon_s: f64) -> Result<Self, FieldError> {
        if interval_s < 60 || 86_400 % interval_s != 0 {
            return Err(FieldError::new(
                "interval_s",
                interval_s,
                Problem::Unreadable {
                    expected: "an interval length of at least 60 s that divides a day (5, 15, 30, 60 min …)",
                },
            ));
        }
        Ok(AggregateOptions {
            interval_s,
            sl_threshold_s: non_negative("sl_threshold_s", sl_threshold_s)?,
            short_abandon_s: non_negative("short_abandon_s", short_abandon_s)?,
            repeat_window_s: DEFAULT_REPEAT_WINDOW_S,
            by_queue: false,
            by_channel: false,
        })
    }

    /// Split the cells by queue and/or channel.
    pub fn split(mut self, by_queue: bool, by_channel: bool) -> Self {
        self.by_queue = by_queue;
        self.by_channel = by_channel;
        self
    }

    /// The repeat-contact window W of the repeat-window FCR variant, in
    /// seconds (1 minute to 30 days; default 24 h).
    ///
    /// ```
    /// use callcalc_engine::AggregateOptions;
    /// let o = AggregateOptions::default().with_repeat_window(3 * 86_400).unwrap();
    /// assert_eq!(o.repeat_window_s(), 259_200);
    /// assert_eq!(AggregateOptions::default().with_repeat_window(0).unwrap_err().field, "repeat_window_s");
    /// ```
    pub fn with_repeat_window(mut self, window_s: u32) -> Result<Self, FieldError> {
        if !(60..=30 * 86_400).contains(&window_s) {
            return Err(FieldError::new(
                "repeat_window_s",
                window_s,
                Problem::OutOfRange { min: 60.0, max: 2_592_000.0, min_inclusive: true, max_inclusive: true },
            ));
        }
        self.repeat_window_s = window_s;
        Ok(self)
    }

    pub fn repeat_window_s(&self) -> u32 {
        self.repeat_window_s
    }

    pub fn interval_s(&self) -> u32 {
        self.interval_s
    }
    pub fn sl_threshold_s(&self) -> f64 {
        self.sl_threshold_s
    }
    pub fn short_abandon_s(&self) -> f64 {
        self.short_abandon_s
    }
}

impl Default for AggregateOptions {
    /// 15-minute intervals, T = 20 s, short abandons below 5 s, not split.
    fn default() -> Self {
        AggregateOptions {
            interval_s: 900,
            sl_threshold_s: 20.0,
            short_abandon_s: 5.0,
            repeat_window_s: DEFAULT_REPEAT_WINDOW_S,
            by_queue: false,
            by_channel: false,
        }
    }
}

type CellKey = (i64, u32, u8);

fn channel_code(c: Option<Channel>) -> u8 {
    match c {
        None => 0,
        Some(ch) => 1 + Channel::ALL.iter().position(|x| *x == ch).unwrap_or(0) as u8,
    }
}

fn channel_from_code(code: u8) -> Option<Channel> {
    if code == 0 {
        None
    } else {
        Channel::ALL.get(usize::from(code) - 1).copied()
    }
}

/// Streaming CDR aggregation: add rows one by one, then take the sorted
/// cells. Memory grows with the number of cells, not rows — except for
/// files with a caller-id column, where 24 bytes per contact are kept to
/// find repeat contacts when the file ends.
///
/// ```
/// use callcalc_engine::{AggregateOptions, CdrAggregator, CdrRow, Outcome, SlVariant, Timestamp};
/// let t0 = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let row = |s: i64, outcome, wait_s, talk_s| CdrRow::new(t0.plus(s), outcome, wait_s, talk_s, 0.0, 30.0);
/// let mut agg = CdrAggregator::new(AggregateOptions::new(900, 20.0, 5.0).unwrap());
/// agg.add(&row(10, Outcome::Answered, 5.0, 170.0));
/// agg.add(&row(20, Outcome::Answered, 35.0, 230.0));
/// agg.add(&row(30, Outcome::Abandoned, 60.0, 0.0));
/// agg.add(&row(40, Outcome::Abandoned, 3.0, 0.0));   // short abandon, within T
/// let cells = agg.finish();
/// assert_eq!(cells.len(), 1);
/// let c = &cells[0];
/// assert_eq!((c.offered, c.answered, c.abandoned, c.short_abandoned), (4, 2, Some(2), Some(1)));
/// assert_eq!(c.aht_s(), Some(230.0));            // (170+30 + 230+30) / 2
/// assert_eq!(c.asa_s(), Some(20.0));             // (5 + 35) / 2
/// assert_eq!(c.service_level(SlVariant::AbandonsNegative), Some(0.25));
/// assert_eq!(c.service_level(SlVariant::AbandonsIgnored), Some(1.0 / 3.0));
/// assert_eq!(c.service_level(SlVariant::AbandonsPositive), Some(0.5));
/// assert_eq!(c.mean_patience_s(), Some(51.5));   // (5 + 35 + 60 + 3) / 2
/// ```
#[derive(Debug, Clone)]
pub struct CdrAggregator {
    opts: AggregateOptions,
    cells: Vec<IntervalStats>,
    index: HashMap<CellKey, usize>,
    queues: HashMap<String, u32>,
    last: Option<(CellKey, usize)>,
    rows: u64,
    /// Contacts with a caller id: key and arrival, and (cell, answered).
    callers: Vec<ContactKey>,
    caller_cells: Vec<(u32, bool)>,
    /// Contacts per (reason, queue id, channel code).
    reasons: HashMap<(u32, u32, u8), u64>,
    reason_names: Vec<String>,
    reason_ids: HashMap<String, u32>,
}

/// What a whole CDR aggregation yields: the interval cells and the contact
/// reasons (empty when the file has no reason column).
#[derive(Debug, Clone, PartialEq)]
pub struct CdrSummary {
    pub cells: Vec<IntervalStats>,
    pub reasons: Vec<ReasonCount>,
}

impl CdrAggregator {
    pub fn new(opts: AggregateOptions) -> Self {
        CdrAggregator {
            opts,
            cells: Vec::new(),
            index: HashMap::new(),
            queues: HashMap::new(),
            last: None,
            rows: 0,
            callers: Vec::new(),
            caller_cells: Vec::new(),
            reasons: HashMap::new(),
            reason_names: Vec::new(),
            reason_ids: HashMap::new(),
        }
    }

    pub fn options(&self) -> &AggregateOptions {
        &self.opts
    }

    /// Rows added so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    fn queue_id(&mut self, q: Option<&str>) -> u32 {
        match q {
            None => 0,
            Some(q) => {
                if let Some(&id) = self.queues.get(q) {
                    return id;
                }
                let id = self.queues.len() as u32 + 1;
                self.queues.insert(q.to_string(), id);
                id
            }
        }
    }

    /// The index of the cell of a contact placed at `at`.
    fn cell_index(&mut self, at: Timestamp, queue: Option<&str>, channel: Option<Channel>) -> (usize, u32, u8) {
        let start = at.floor_to(self.opts.interval_s);
        let queue = if self.opts.by_queue { queue } else { None };
        let channel = if self.opts.by_channel { channel } else { None };
        let qid = self.queue_id(queue);
        let key = (start.seconds(), qid, channel_code(channel));
        let idx = match self.last {
            Some((k, i)) if k == key => i,
            _ => {
                let i = match self.index.get(&key) {
                    Some(&i) => i,
                    None => {
                        let i = self.cells.len();
                        self.cells.push(IntervalStats::empty(
                            start,
                            self.opts.interval_s,
                            queue.map(str::to_string),
                            channel,
                        ));
                        self.index.insert(key, i);
                        i
                    }
                };
                self.last = Some((key, i));
                i
            }
        };
        (idx, qid, channel_code(channel))
    }

    /// Counts a record of a caller who never reached the queue (left in the
    /// IVR) in the interval of its arrival: [`IntervalStats::not_queued`],
    /// not `offered`. Not counted in [`CdrAggregator::rows`].
    pub fn add_not_queued(&mut self, arrival: Timestamp, queue: Option<&str>, channel: Option<Channel>) {
        let (idx, _, _) = self.cell_index(arrival, queue, channel);
        self.cells[idx].not_queued += 1;
    }

    /// Adds one contact.
    pub fn add(&mut self, row: &CdrRow<'_>) {
        self.rows += 1;
        let (idx, qid, channel_code) = self.cell_index(row.arrival, row.queue, row.channel);
        if let Some(caller) = row.caller {
            self.callers.push(ContactKey { caller: caller_key(caller), arrival_s: row.arrival.seconds() });
            self.caller_cells.push((idx as u32, row.outcome == Outcome::Answered));
        }
        if let Some(reason) = row.reason {
            let reason = reason.trim();
            let rid = match self.reason_ids.get(reason) {
                Some(&id) => id,
                None => {
                    let id = self.reason_names.len() as u32;
                    self.reason_names.push(reason.to_string());
                    self.reason_ids.insert(reason.to_string(), id);
                    id
                }
            };
            *self.reasons.entry((rid, qid, channel_code)).or_default() += 1;
        }
        let t = self.opts.sl_threshold_s;
        let short = self.opts.short_abandon_s;
        let c = &mut self.cells[idx];
        if row.outcome == Outcome::Answered {
            let q = &mut c.quality;
            if let Some(tr) = row.transferred {
                q.transfer_known += 1;
                q.transferred += u64::from(tr);
            }
            if let Some(r) = row.resolved {
                q.resolution_known += 1;
                q.resolved += u64::from(r);
            }
            if let Some(x) = row.complexity {
                q.complexity_known += 1;
                q.complexity_sum += x;
            }
        }
        if let Some(x) = row.csat {
            let q = &mut c.quality;
            q.csat_responses += 1;
            q.csat_sum += x;
            q.csat_top2 += u64::from(x >= CSAT_TOP2_MIN);
        }
        if let Some(x) = row.nps {
            let q = &mut c.quality;
            q.nps_responses += 1;
            q.nps_promoters += u64::from(x >= NPS_PROMOTER_MIN);
            q.nps_detractors += u64::from(x <= NPS_DETRACTOR_MAX);
        }
        c.offered += 1;
        let wait = row.wait_s;
        match row.outcome {
            Outcome::Answered => {
                c.answered += 1;
                let handle = row.talk_s + row.hold_s + row.acw_s;
                c.handle_s += handle;
                c.handled_with_time += 1;
                c.talk_s = c.talk_s.map(|x| x + row.talk_s);
                c.hold_s = c.hold_s.map(|x| x + row.hold_s);
                c.acw_s = c.acw_s.map(|x| x + row.acw_s);
                c.wait_answered_s += wait;
                c.answered_with_wait += 1;
                c.wait_all_s = c.wait_all_s.map(|x| x + wait);
                if wait <= t {
                    c.answered_within_t = c.answered_within_t.map(|x| x + 1);
                }
            }
            Outcome::Abandoned | Outcome::ShortAbandon => {
                c.abandoned = c.abandoned.map(|x| x + 1);
                c.wait_all_s = c.wait_all_s.map(|x| x + wait);
                if row.outcome == Outcome::ShortAbandon || wait < short {
                    c.short_abandoned = c.short_abandoned.map(|x| x + 1);
                }
                if wait <= t {
                    c.abandoned_within_t = c.abandoned_within_t.map(|x| x + 1);
                }
            }
            Outcome::Blocked => {
                c.blocked = c.blocked.map(|x| x + 1);
            }
        }
    }

    /// The cells, sorted by start, then queue, then channel.
    pub fn finish(self) -> Vec<IntervalStats> {
        self.finish_summary().cells
    }

    /// The cells (as [`Self::finish`]) with repeat contacts counted over
    /// the whole file, and the contact reasons sorted by reason, queue and
    /// channel.
    pub fn finish_summary(self) -> CdrSummary {
        let mut cells = self.cells;
        let repeats = followed_by_repeat(&self.callers, i64::from(self.opts.repeat_window_s));
        for (&(cell, answered), repeated) in self.caller_cells.iter().zip(repeats) {
            if answered {
                let q = &mut cells[cell as usize].quality;
                q.repeat_known += 1;
                q.repeated += u64::from(repeated);
            }
        }
        cells.sort_by(|a, b| (a.start, &a.queue, a.channel).cmp(&(b.start, &b.queue, b.channel)));
        let queue_names: HashMap<u32, &String> = self.queues.iter().map(|(k, v)| (*v, k)).collect();
        let mut reasons: Vec<ReasonCount> = self
            .reasons
            .iter()
            .map(|(&(rid, qid, ch), &contacts)| ReasonCount {
                reason: self.reason_names[rid as usize].clone(),
                queue: queue_names.get(&qid).map(|q| (*q).clone()),
                channel: channel_from_code(ch),
                contacts,
            })
            .collect();
        reasons.sort_by(|a, b| (&a.reason, &a.queue, a.channel).cmp(&(&b.reason, &b.queue, b.channel)));
        CdrSummary { cells, reasons }
    }
}

/// Aggregates CDR rows in one call: see [`CdrAggregator`].
pub fn aggregate_cdr<'a, 'r: 'a>(
    rows: impl IntoIterator<Item = &'a CdrRow<'r>>,
    opts: AggregateOptions,
) -> Vec<IntervalStats> {
    let mut agg = CdrAggregator::new(opts);
    for r in rows {
        agg.add(r);
    }
    agg.finish()
}

/// The interval length of an interval report: from `08:00-08:15` cells if
/// given, else the smallest gap between distinct row starts; `None` with a
/// single start.
pub fn report_interval_s(rows: &[IntervalRow]) -> Option<u32> {
    if let Some(l) = rows.iter().find_map(|r| r.length_s) {
        return Some(l);
    }
    let mut starts: Vec<i64> = rows.iter().map(|r| r.start.seconds()).collect();
    starts.sort_unstable();
    starts.dedup();
    starts.windows(2).map(|w| w[1] - w[0]).filter(|&g| g > 0).min().and_then(|g| u32::try_from(g).ok())
}

/// Converts interval-report rows to [`IntervalStats`] on the grid of
/// `opts.interval_s`, summing rows that fall into one cell (sub-intervals,
/// or queues/channels when not split). Averages become sums weighted by
/// answered contacts (AHT, ASA). Abandoned waits are not in such reports, so
/// the patience estimate is `None`. `answered_within_t` uses the report's own
/// threshold, not `opts`.
///
/// Fails when the report's intervals are longer than `opts.interval_s`: a
/// 30-minute row cannot be split into 15-minute cells.
///
/// ```
/// use callcalc_engine::{aggregate_interval_rows, AggregateOptions, IntervalRow, Timestamp};
/// let row = |m: u32, offered, answered| IntervalRow { start: Timestamp::from_civil(2024, 3, 1, 8, m, 0).unwrap(),
///     length_s: Some(900), queue: None, channel: None, offered, answered, abandoned: Some(offered - answered),
///     short_abandoned: None, answered_within_t: Some(answered), abandoned_within_t: None, talk_avg_s: None,
///     hold_avg_s: None, acw_avg_s: None, talk_total_s: None, hold_total_s: None, acw_total_s: None,
///     aht_s: Some(200.0), asa_s: Some(10.0), agents_staffed: Some(4.0), service_level: None };
/// let cells = aggregate_interval_rows(&[row(0, 10, 9), row(15, 20, 18)], AggregateOptions::new(1800, 20.0, 0.0).unwrap()).unwrap();
/// assert_eq!((cells[0].offered, cells[0].answered, cells[0].abandoned), (30, 27, Some(3)));
/// assert_eq!(cells[0].aht_s(), Some(200.0));
/// assert_eq!(cells[0].agents_staffed(), Some(4.0));
/// assert!(aggregate_interval_rows(&[row(0, 1, 1)], AggregateOptions::new(300, 20.0, 0.0).unwrap()).is_err());
/// ```
pub fn aggregate_interval_rows(rows: &[IntervalRow], opts: AggregateOptions) -> Result<Vec<IntervalStats>, FieldError> {
    let native = report_interval_s(rows);
    if let Some(n) = native {
        if n > opts.interval_s {
            return Err(FieldError::new(
                "interval_s",
                opts.interval_s,
                Problem::OutOfRange { min: f64::from(n), max: 86_400.0, min_inclusive: true, max_inclusive: true },
            ));
        }
    }
    let row_len = native.unwrap_or(opts.interval_s);
    let mut cells: Vec<IntervalStats> = Vec::new();
    let mut index: HashMap<(i64, Option<String>, u8), usize> = HashMap::new();
    for r in rows {
        let start = r.start.floor_to(opts.interval_s);
        let queue = if opts.by_queue { r.queue.clone() } else { None };
        let channel = if opts.by_channel { r.channel } else { None };
        let c = row_stats(r, start, opts.interval_s, row_len, queue.clone(), channel);
        match index.get(&(start.seconds(), queue.clone(), channel_code(channel))) {
            Some(&i) => cells[i].merge(&c),
            None => {
                index.insert((start.seconds(), queue, channel_code(channel)), cells.len());
                cells.push(c);
            }
        }
    }
    cells.sort_by(|a, b| (a.start, &a.queue, a.channel).cmp(&(b.start, &b.queue, b.channel)));
    Ok(cells)
}

fn row_stats(
    r: &IntervalRow,
    start: Timestamp,
    length_s: u32,
    row_len: u32,
    queue: Option<String>,
    channel: Option<Channel>,
) -> IntervalStats {
    let n = r.answered as f64;
    let handle = r.handle_avg_s();
    let total = |avg: Option<f64>, tot: Option<f64>| tot.or(avg.map(|a| a * n));
    IntervalStats {
        start,
        length_s,
        queue,
        channel,
        offered: r.offered,
        answered: r.answered,
        abandoned: r.abandoned,
        short_abandoned: r.short_abandoned,
        blocked: None,
        answered_within_t: r.answered_within_t,
        abandoned_within_t: r.abandoned_within_t,
        handle_s: handle.map_or(0.0, |h| h * n),
        handled_with_time: if handle.is_some() { r.answered } else { 0 },
        talk_s: total(r.talk_avg_s, r.talk_total_s),
        hold_s: total(r.hold_avg_s, r.hold_total_s),
        acw_s: total(r.acw_avg_s, r.acw_total_s),
        wait_answered_s: r.asa_s.map_or(0.0, |a| a * n),
        answered_with_wait: if r.asa_s.is_some() { r.answered } else { 0 },
        wait_all_s: None,
        staffed_agent_s: r.agents_staffed.map(|a| a * f64::from(row_len)),
        quality: QualityCounts::default(),
        not_queued: 0,
    }
}

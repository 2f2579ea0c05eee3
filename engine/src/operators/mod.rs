//! Operator analytics: per-operator KPIs from per-contact records, robust
//! comparison with the peer group, and named patterns of gamed statistics
//! (operators paid by their numbers releasing calls at once, sitting in
//! after-contact work, parking callers on hold, going not-ready in peaks,
//! transferring to avoid work).
//!
//! Method, for every pattern and every operator with enough contacts:
//! - share patterns (short contacts, transfers): a one-sided exact binomial
//!   test of the operator's count against the pooled share of the *other*
//!   operators (leave-one-out), plus a practical-size rule (share at least
//!   `ratio ×` the peer share);
//! - level patterns (ACW, hold, not-ready in peaks): a robust z-score against
//!   the peer median and `1.4826 · MAD`, its one-sided normal p-value, plus a
//!   minimum z (and, for not-ready, a peak share above the operator's own
//!   off-peak share);
//! - multiple comparisons: all p-values of all operators × patterns are
//!   adjusted together with Benjamini–Hochberg, and a flag is raised only when
//!   its adjusted q-value is at most the chosen false discovery rate **and**
//!   the practical-size rule holds.
//!
//! A flag is evidence for a conversation with the operator, not proof: a
//! specialist queue, a new hire or a broken headset produce the same numbers.

mod adapter;
mod sampling;
mod scoring;
mod stats;
mod synth;

use std::collections::BTreeMap;

use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::import::Channel;
use crate::trace::Trace;

pub use adapter::{
    operator_times_from_agents, operators_from_cdr, operators_from_cdr_with, schedule_conformance, AgentTimes,
    AgentTotals, CdrContacts, ContactRef, PeakDefinition, RowProblem, MAX_LISTED_PROBLEMS,
};
pub use sampling::{
    random_review_sample, sample_size_mean, sample_size_proportion, systematic_plan, SampleSize, SampleTarget,
    SystematicPlan, MAX_SAMPLE_LIST, MAX_SAMPLE_POPULATION,
};
pub(crate) use scoring::t_two_sided;
pub use scoring::{score_summary, student_t_two_sided, ScoreSummary};
pub use stats::{
    benjamini_hochberg, binomial_upper_tail, median, nice_bin_width, normal_quantile, normal_upper_tail, Histogram,
    PeerSpread, ScaleKind, MAD_SCALE, MEAN_AD_SCALE,
};
pub use synth::{PlantedGamer, SyntheticCentre, SyntheticOperators, SYNTH_SL_THRESHOLD_S};

/// Longest talk, hold or after-contact work of one contact, seconds (a day).
pub const MAX_CONTACT_PART_S: f64 = 86_400.0;
/// Longest logged-in time of one operator row, seconds (ten years).
pub const MAX_OPERATOR_TIME_S: f64 = 315_360_000.0;
/// Fewest peers (operators with enough contacts) for a robust z-score or a
/// pooled peer share to mean anything; below it a pattern is not tested.
pub const MIN_PEERS: usize = 5;

fn operator_id(id: &str) -> Result<String, FieldError> {
    let t = id.trim();
    if t.is_empty() {
        Err(FieldError::new("operator", id, Problem::Unreadable { expected: "an operator id" }))
    } else {
        Ok(t.to_string())
    }
}

fn duration(field: &'static str, x: f64, max: f64) -> Result<f64, FieldError> {
    let x = non_negative(field, x)?;
    if x > max {
        Err(FieldError::new(field, x, Problem::TooLarge { max }))
    } else {
        Ok(x)
    }
}

/// One handled contact of one operator. Validated: a non-empty operator id,
/// durations finite, `≥ 0` and at most [`MAX_CONTACT_PART_S`].
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRecord {
    operator: String,
    channel: Channel,
    talk_s: f64,
    hold_s: f64,
    acw_s: f64,
    transferred: bool,
    peak: bool,
    wait_s: Option<f64>,
    queue: Option<String>,
    repeat: Option<bool>,
    resolved: Option<bool>,
    complexity: Option<f64>,
}

impl ContactRecord {
    /// ```
    /// use callcalc_engine::{Channel, ContactRecord};
    /// let c = ContactRecord::new("A. Petrova", Channel::Phone, 180.0, 20.0, 30.0, false, true).unwrap();
    /// assert_eq!(c.handle_s(), 230.0);
    /// assert_eq!(ContactRecord::new("", Channel::Phone, 1.0, 0.0, 0.0, false, false).unwrap_err().field, "operator");
    /// assert_eq!(ContactRecord::new("A", Channel::Phone, -1.0, 0.0, 0.0, false, false).unwrap_err().field, "talk_s");
    /// ```
    pub fn new(
        operator: &str,
        channel: Channel,
        talk_s: f64,
        hold_s: f64,
        acw_s: f64,
        transferred: bool,
        peak: bool,
    ) -> Result<Self, FieldError> {
        Ok(ContactRecord {
            operator: operator_id(operator)?,
            channel,
            talk_s: duration("talk_s", talk_s, MAX_CONTACT_PART_S)?,
            hold_s: duration("hold_s", hold_s, MAX_CONTACT_PART_S)?,
            acw_s: duration("acw_s", acw_s, MAX_CONTACT_PART_S)?,
            transferred,
            peak,
            wait_s: None,
            queue: None,
            repeat: None,
            resolved: None,
            complexity: None,
        })
    }

    /// The same contact with its wait in queue before the answer, seconds
    /// (finite, `≥ 0`, at most [`MAX_CONTACT_PART_S`]).
    ///
    /// ```
    /// use callcalc_engine::{Channel, ContactRecord};
    /// let c = ContactRecord::new("A", Channel::Phone, 60.0, 0.0, 0.0, false, false).unwrap();
    /// assert_eq!(c.wait_s(), None);
    /// assert_eq!(c.clone().with_wait(18.0).unwrap().wait_s(), Some(18.0));
    /// assert_eq!(c.with_wait(-1.0).unwrap_err().field, "wait_s");
    /// ```
    pub fn with_wait(mut self, wait_s: f64) -> Result<Self, FieldError> {
        self.wait_s = Some(duration("wait_s", wait_s, MAX_CONTACT_PART_S)?);
        Ok(self)
    }

    /// The same contact, marked as followed (or not) by a repeat contact of
    /// the same caller within the repeat window (the source decides the
    /// window; see the adapter).
    pub fn with_repeat(mut self, followed_by_repeat: bool) -> Self {
        self.repeat = Some(followed_by_repeat);
        self
    }

    /// Whether the same caller came back within the repeat window; `None`
    /// when the source has no caller id.
    pub fn followed_by_repeat(&self) -> Option<bool> {
        self.repeat
    }

    /// The same contact with its resolution flag (the request was registered
    /// with a disposition; `true`: marked resolved).
    pub fn with_resolved(mut self, resolved: bool) -> Self {
        self.resolved = Some(resolved);
        self
    }

    /// The same contact with its complexity level (finite, `≥ 0`, at most
    /// 1 000 000).
    ///
    /// ```
    /// use callcalc_engine::{Channel, ContactRecord};
    /// let c = ContactRecord::new("A", Channel::Phone, 60.0, 0.0, 0.0, false, false).unwrap();
    /// assert_eq!(c.clone().with_complexity(3.0).unwrap().complexity(), Some(3.0));
    /// assert_eq!(c.with_complexity(f64::NAN).unwrap_err().field, "complexity");
    /// ```
    pub fn with_complexity(mut self, level: f64) -> Result<Self, FieldError> {
        self.complexity = Some(duration("complexity", level, 1e6)?);
        Ok(self)
    }

    /// Marked resolved (`Some(true)`) or not; `None` without a resolution flag.
    pub fn resolved(&self) -> Option<bool> {
        self.resolved
    }
    /// Complexity level, when the source has one.
    pub fn complexity(&self) -> Option<f64> {
        self.complexity
    }

    /// The same contact in a named queue (blank: no queue).
    pub fn with_queue(mut self, queue: &str) -> Self {
        let q = queue.trim();
        self.queue = (!q.is_empty()).then(|| q.to_string());
        self
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }
    /// Seconds in queue before the answer, when the source has it.
    pub fn wait_s(&self) -> Option<f64> {
        self.wait_s
    }
    /// The queue the contact came through, when the source has it.
    pub fn queue(&self) -> Option<&str> {
        self.queue.as_deref()
    }
    pub fn channel(&self) -> Channel {
        self.channel
    }
    pub fn talk_s(&self) -> f64 {
        self.talk_s
    }
    pub fn hold_s(&self) -> f64 {
        self.hold_s
    }
    pub fn acw_s(&self) -> f64 {
        self.acw_s
    }
    /// The operator passed the contact on to someone else.
    pub fn transferred(&self) -> bool {
        self.transferred
    }
    /// The contact arrived in a peak interval (the centre's own definition).
    pub fn peak(&self) -> bool {
        self.peak
    }
    /// Handle time `talk + hold + ACW`, seconds.
    pub fn handle_s(&self) -> f64 {
        self.talk_s + self.hold_s + self.acw_s
    }
}

/// Logged-in and not-ready time of one operator, split into peak and
/// off-peak intervals. Validated: durations finite, `≥ 0`, at most
/// [`MAX_OPERATOR_TIME_S`], and not-ready never more than logged-in.
/// Several rows of one operator (days, queues) are summed by the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorTime {
    operator: String,
    logged_in_peak_s: f64,
    logged_in_off_peak_s: f64,
    not_ready_peak_s: f64,
    not_ready_off_peak_s: f64,
}

impl OperatorTime {
    /// ```
    /// use callcalc_engine::OperatorTime;
    /// let t = OperatorTime::new("op1", 7_200.0, 21_600.0, 720.0, 2_160.0).unwrap();
    /// assert_eq!(t.logged_in_s(), 28_800.0);
    /// assert_eq!(OperatorTime::new("op1", 100.0, 100.0, 200.0, 0.0).unwrap_err().field, "not_ready_peak_s");
    /// ```
    pub fn new(
        operator: &str,
        logged_in_peak_s: f64,
        logged_in_off_peak_s: f64,
        not_ready_peak_s: f64,
        not_ready_off_peak_s: f64,
    ) -> Result<Self, FieldError> {
        let operator = operator_id(operator)?;
        let lp = duration("logged_in_peak_s", logged_in_peak_s, MAX_OPERATOR_TIME_S)?;
        let lo = duration("logged_in_off_peak_s", logged_in_off_peak_s, MAX_OPERATOR_TIME_S)?;
        let np = in_range("not_ready_peak_s", not_ready_peak_s, 0.0, lp, true, true)?;
        let no = in_range("not_ready_off_peak_s", not_ready_off_peak_s, 0.0, lo, true, true)?;
        Ok(OperatorTime {
            operator,
            logged_in_peak_s: lp,
            logged_in_off_peak_s: lo,
            not_ready_peak_s: np,
            not_ready_off_peak_s: no,
        })
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }
    pub fn logged_in_peak_s(&self) -> f64 {
        self.logged_in_peak_s
    }
    pub fn logged_in_off_peak_s(&self) -> f64 {
        self.logged_in_off_peak_s
    }
    pub fn not_ready_peak_s(&self) -> f64 {
        self.not_ready_peak_s
    }
    pub fn not_ready_off_peak_s(&self) -> f64 {
        self.not_ready_off_peak_s
    }
    pub fn logged_in_s(&self) -> f64 {
        self.logged_in_peak_s + self.logged_in_off_peak_s
    }
}

/// Per-operator KPIs. Means are per handled contact; `None` where the
/// denominator is zero or the input has no time row for the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorKpis {
    pub operator: String,
    pub contacts: u64,
    pub peak_contacts: u64,
    /// Average handle time `Σ(talk + hold + ACW) / contacts`, seconds.
    pub aht_s: Option<f64>,
    pub talk_mean_s: Option<f64>,
    pub hold_mean_s: Option<f64>,
    pub acw_mean_s: Option<f64>,
    /// Contacts with talk time below the short-contact threshold.
    pub short_contacts: u64,
    /// `short_contacts / contacts`.
    pub short_share: Option<f64>,
    pub transfers: u64,
    /// `transfers / contacts`.
    pub transfer_share: Option<f64>,
    /// Hold share of the conversation, `Σhold / Σ(talk + hold)`.
    pub hold_share: Option<f64>,
    /// `not-ready / logged-in` in peak intervals.
    pub not_ready_share_peak: Option<f64>,
    /// `not-ready / logged-in` off peak.
    pub not_ready_share_off_peak: Option<f64>,
    /// Logged-in seconds (peak + off-peak), when a time row exists.
    pub logged_in_s: Option<f64>,
    /// `contacts / (logged-in seconds / 3600)`.
    pub contacts_per_hour: Option<f64>,
    /// Contacts whose wait at answer is known.
    pub waits_known: u64,
    /// Contacts answered with a wait in `[T − w, T]` (just before the
    /// service-level threshold `T`).
    pub near_sl: u64,
    /// `near_sl / waits_known`.
    pub near_sl_share: Option<f64>,
    /// Contacts whose caller is known (repeat contacts can be told).
    pub callers_known: u64,
    /// Contacts followed by a repeat contact of the same caller within the
    /// repeat window.
    pub repeat_followed: u64,
    /// `repeat_followed / callers_known`.
    pub repeat_share: Option<f64>,
    /// Requests registered: contacts whose record carries a resolution flag.
    pub registered: u64,
    /// Of them, marked resolved.
    pub resolved: u64,
    /// `Σ weight` of the registered requests, weight = complexity level
    /// (1 when the record has none).
    pub registered_weighted: f64,
    /// `Σ weight` of the resolved requests.
    pub resolved_weighted: f64,
    /// `resolved / registered`.
    pub resolution_rate: Option<f64>,
    /// `resolved_weighted / registered_weighted`: resolution weighted by
    /// complexity (hard requests count more).
    pub resolution_rate_weighted: Option<f64>,
    /// The peers the operator is compared with.
    pub peer_group: PeerGroup,
}

/// How operators are grouped into peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum PeerGrouping {
    /// Operators of the same queue (the queue of most of the operator's
    /// contacts); operators whose contacts have no queue fall back to their
    /// main channel.
    #[default]
    Queue,
    /// Operators of the same channel (the channel of most of their contacts).
    Channel,
    /// All operators of the centre.
    Centre,
}

impl PeerGrouping {
    pub const ALL: [PeerGrouping; 3] = [PeerGrouping::Queue, PeerGrouping::Channel, PeerGrouping::Centre];

    /// Stable machine name.
    pub fn name(self) -> &'static str {
        match self {
            PeerGrouping::Queue => "queue",
            PeerGrouping::Channel => "channel",
            PeerGrouping::Centre => "centre",
        }
    }
}

/// One peer group: what its operators share.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum PeerGroup {
    /// The same main queue.
    Queue(String),
    /// The same main channel (the data has no queue, or grouping by channel).
    Channel(Channel),
    /// The whole centre.
    #[default]
    Centre,
}

/// Size of one peer group in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerGroupSize {
    pub group: PeerGroup,
    /// Operators in the group.
    pub operators: usize,
    /// Operators with enough contacts to be tested.
    pub tested: usize,
}

/// A named pattern of gamed statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pattern {
    /// Releasing contacts at once: many contacts with almost no talk.
    ShortCalls,
    /// Sitting in after-contact work to stay unavailable.
    ExcessiveAcw,
    /// Parking callers on hold.
    HoldAbuse,
    /// Going not-ready when the queue is busiest.
    NotReadyInPeaks,
    /// Transferring contacts to avoid handling them.
    TransferAvoidance,
    /// Answering contacts in the last seconds before the service-level
    /// threshold (timing answers to make the service level).
    AnsweredNearSl,
    /// Callers come back after the operator's contacts far more often than
    /// after the peers' (problems not solved, callers got rid of).
    RepeatCallers,
}

impl Pattern {
    pub const ALL: [Pattern; 7] = [
        Pattern::ShortCalls,
        Pattern::ExcessiveAcw,
        Pattern::HoldAbuse,
        Pattern::NotReadyInPeaks,
        Pattern::TransferAvoidance,
        Pattern::AnsweredNearSl,
        Pattern::RepeatCallers,
    ];

    /// Stable machine name.
    pub fn name(self) -> &'static str {
        match self {
            Pattern::ShortCalls => "short_calls",
            Pattern::ExcessiveAcw => "excessive_acw",
            Pattern::HoldAbuse => "hold_abuse",
            Pattern::NotReadyInPeaks => "not_ready_in_peaks",
            Pattern::TransferAvoidance => "transfer_avoidance",
            Pattern::AnsweredNearSl => "answered_near_sl",
            Pattern::RepeatCallers => "repeat_callers",
        }
    }

    /// Translation key of the plain-language explanation shown to supervisors.
    pub fn explanation_key(self) -> &'static str {
        match self {
            Pattern::ShortCalls => "operators.pattern.short_calls.explanation",
            Pattern::ExcessiveAcw => "operators.pattern.excessive_acw.explanation",
            Pattern::HoldAbuse => "operators.pattern.hold_abuse.explanation",
            Pattern::NotReadyInPeaks => "operators.pattern.not_ready_in_peaks.explanation",
            Pattern::TransferAvoidance => "operators.pattern.transfer_avoidance.explanation",
            Pattern::AnsweredNearSl => "operators.pattern.answered_near_sl.explanation",
            Pattern::RepeatCallers => "operators.pattern.repeat_callers.explanation",
        }
    }

    /// The rule, in English (the app translates by [`Pattern::name`]).
    pub fn rule(self) -> &'static str {
        match self {
            Pattern::ShortCalls => "short-contact share ≥ ratio × pooled peer share, exact binomial test P(X ≥ k), BH q ≤ FDR",
            Pattern::ExcessiveAcw => "mean ACW robust z = (x − median)/(1.4826·MAD) ≥ z_min, normal p-value, BH q ≤ FDR",
            Pattern::HoldAbuse => "hold share Σhold/Σ(talk+hold) robust z ≥ z_min, normal p-value, BH q ≤ FDR",
            Pattern::NotReadyInPeaks => {
                "not-ready share in peaks robust z ≥ z_min and above the operator's own off-peak share, normal p-value, BH q ≤ FDR"
            }
            Pattern::TransferAvoidance => {
                "transfer share ≥ ratio × pooled peer share, exact binomial test P(X ≥ k), BH q ≤ FDR"
            }
            Pattern::AnsweredNearSl => {
                "share of answers with wait in [T − w, T] ≥ ratio × pooled peer share, exact binomial test P(X ≥ k), BH q ≤ FDR"
            }
            Pattern::RepeatCallers => {
                "share of contacts followed by a repeat of the same caller within the window ≥ ratio × pooled peer share, exact binomial test P(X ≥ k), BH q ≤ FDR"
            }
        }
    }
}

/// Editable thresholds of the detectors; validate with [`DetectorSettings::new`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OperatorThresholds {
    /// A contact is short when its talk time is below this, seconds (default 10).
    pub short_contact_s: f64,
    /// Operators with fewer contacts are reported but not tested (default 50).
    pub min_contacts: u64,
    /// False discovery rate for Benjamini–Hochberg, `(0, 1)` (default 0.01).
    pub fdr: f64,
    /// ShortCalls: minimum share ÷ peer share, `≥ 1` (default 2).
    pub short_share_ratio: f64,
    /// TransferAvoidance: minimum share ÷ peer share, `≥ 1` (default 2).
    pub transfer_share_ratio: f64,
    /// ExcessiveAcw: minimum robust z (default 3.5, Iglewicz & Hoaglin).
    pub acw_z: f64,
    /// HoldAbuse: minimum robust z (default 3.5).
    pub hold_z: f64,
    /// NotReadyInPeaks: minimum robust z (default 3.5).
    pub not_ready_z: f64,
    /// Analyse one channel only; `None`: all contacts together.
    pub channel: Option<Channel>,
    /// Service-level threshold `T`, seconds (default 20).
    pub sl_threshold_s: f64,
    /// AnsweredNearSl: the window `w` before `T`, seconds (default 5): a
    /// contact counts when its wait is in `[T − w, T]`.
    pub near_sl_window_s: f64,
    /// AnsweredNearSl: minimum share ÷ peer share, `≥ 1` (default 2).
    pub near_sl_ratio: f64,
    /// RepeatCallers: minimum share ÷ peer share, `≥ 1` (default 2).
    pub repeat_ratio: f64,
    /// Who an operator is compared with (default: the same queue).
    pub peers: PeerGrouping,
}

impl Default for OperatorThresholds {
    fn default() -> Self {
        OperatorThresholds {
            short_contact_s: 10.0,
            min_contacts: 50,
            fdr: 0.01,
            short_share_ratio: 2.0,
            transfer_share_ratio: 2.0,
            acw_z: 3.5,
            hold_z: 3.5,
            not_ready_z: 3.5,
            channel: None,
            sl_threshold_s: 20.0,
            near_sl_window_s: 5.0,
            near_sl_ratio: 2.0,
            repeat_ratio: 2.0,
            peers: PeerGrouping::Queue,
        }
    }
}

/// Validated detector thresholds; `Default` holds the defaults of
/// [`OperatorThresholds`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DetectorSettings(OperatorThresholds);

impl DetectorSettings {
    /// ```
    /// use callcalc_engine::{DetectorSettings, OperatorThresholds};
    /// let t = OperatorThresholds { fdr: 0.05, ..OperatorThresholds::default() };
    /// assert!(DetectorSettings::new(t).is_ok());
    /// let bad = OperatorThresholds { short_share_ratio: 0.5, ..t };
    /// assert_eq!(DetectorSettings::new(bad).unwrap_err().field, "short_share_ratio");
    /// ```
    pub fn new(t: OperatorThresholds) -> Result<Self, FieldError> {
        duration("short_contact_s", t.short_contact_s, MAX_CONTACT_PART_S)?;
        positive("short_contact_s", t.short_contact_s)?;
        if t.min_contacts == 0 {
            return Err(FieldError::new("min_contacts", 0, Problem::NotPositive));
        }
        in_range("fdr", t.fdr, 0.0, 1.0, false, false)?;
        in_range("short_share_ratio", t.short_share_ratio, 1.0, 1e6, true, true)?;
        in_range("transfer_share_ratio", t.transfer_share_ratio, 1.0, 1e6, true, true)?;
        in_range("acw_z", t.acw_z, 0.0, 1e3, true, true)?;
        in_range("hold_z", t.hold_z, 0.0, 1e3, true, true)?;
        in_range("not_ready_z", t.not_ready_z, 0.0, 1e3, true, true)?;
        duration("sl_threshold_s", t.sl_threshold_s, MAX_CONTACT_PART_S)?;
        positive("sl_threshold_s", t.sl_threshold_s)?;
        in_range("near_sl_window_s", t.near_sl_window_s, 0.0, t.sl_threshold_s, false, true)?;
        in_range("near_sl_ratio", t.near_sl_ratio, 1.0, 1e6, true, true)?;
        in_range("repeat_ratio", t.repeat_ratio, 1.0, 1e6, true, true)?;
        Ok(DetectorSettings(t))
    }

    pub fn thresholds(&self) -> &OperatorThresholds {
        &self.0
    }
}

/// One named number behind a flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Machine name (`"short_share"`, `"peer_median"` …).
    pub name: &'static str,
    pub value: f64,
    /// `"s"`, `"share"`, `"contacts"`, `""`.
    pub unit: &'static str,
}

/// The test statistic behind a flag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// Exact one-sided binomial test of `k` of `n` against the peer share.
    Binomial { k: u64, n: u64, share: f64, peer_share: f64, ratio: Option<f64> },
    /// Robust z-score against the peer median and scale.
    RobustZ { value: f64, peer_median: f64, peer_scale: f64, peers: usize, z: f64 },
}

/// The result of testing one pattern for one operator. Every tested
/// (operator, pattern) pair gets one; `raised` says whether it is a flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub operator: String,
    pub pattern: Pattern,
    /// The peers the operator was compared with.
    pub peer_group: PeerGroup,
    /// The rule, in English (see [`Pattern::rule`]).
    pub rule: &'static str,
    /// The editable practical-size threshold used: a share ratio or a minimum z.
    pub threshold: f64,
    /// The numbers behind the flag.
    pub evidence: Vec<Evidence>,
    pub statistic: Statistic,
    /// One-sided p-value of the test (exact binomial or normal tail of z).
    pub p_value: f64,
    /// Benjamini–Hochberg adjusted p-value over all tests in the report.
    pub q_value: f64,
    /// `q ≤ FDR` and the practical-size threshold holds.
    pub raised: bool,
    /// Translation key of the plain-language explanation.
    pub explanation_key: &'static str,
}

const SRC_BINOMIAL: &str = "exact binomial test (Clopper & Pearson 1934; R binom.test, alternative = \"greater\"); Benjamini & Hochberg (1995), JRSS B 57:289";
const SRC_Z: &str = "modified z-score (Iglewicz & Hoaglin 1993, How to Detect and Handle Outliers); MAD scale 1.4826 (Rousseeuw & Croux 1993); Benjamini & Hochberg (1995), JRSS B 57:289";

impl Flag {
    /// How the p-value was computed, with the BH q-value as an input.
    ///
    /// ```
    /// use callcalc_engine::{analyse_operators, Channel, ContactRecord, DetectorSettings};
    /// let recs: Vec<_> = (0..6)
    ///     .flat_map(|o| (0..60).map(move |i| (o, i)))
    ///     .map(|(o, i)| {
    ///         let talk = if o == 0 && i % 3 == 0 { 2.0 } else { 120.0 };
    ///         ContactRecord::new(&format!("op{o}"), Channel::Phone, talk, 0.0, 30.0, false, false).unwrap()
    ///     })
    ///     .collect();
    /// let r = analyse_operators(&recs, &[], &DetectorSettings::default());
    /// let t = r.raised().next().unwrap().trace();
    /// assert_eq!(t.id, "operators.binomial_test");
    /// assert_eq!(t.inputs[0].value, 20.0); // k: 20 of 60 contacts short, peers none
    /// assert_eq!(t.result, 0.0); // P(X ≥ 20 | p₀ = 0) = 0
    /// ```
    pub fn trace(&self) -> Trace {
        let t = match self.statistic {
            Statistic::Binomial { k, n, peer_share, .. } => Trace::new(
                "operators.binomial_test",
                "p = P(X ≥ k) = Σ_{i≥k} C(n,i)·p₀ⁱ·(1−p₀)ⁿ⁻ⁱ",
                "one-sided exact binomial, leave-one-out pooled peer share, BH-adjusted",
                SRC_BINOMIAL,
                self.p_value,
                "",
            )
            .input("k", "contacts with the pattern", k as f64, "contacts")
            .input("n", "contacts handled", n as f64, "contacts")
            .input("p₀", "pooled share of the other operators", peer_share, ""),
            Statistic::RobustZ { value, peer_median, peer_scale, z, .. } => Trace::new(
                "operators.robust_z",
                "z = (x − med)/(1.4826·MAD); p = 1 − Φ(z)",
                "robust z-score against the peer group, one-sided normal p-value, BH-adjusted",
                SRC_Z,
                self.p_value,
                "",
            )
            .input("x", "the operator's value", value, "")
            .input("med", "peer median", peer_median, "")
            .input("1.4826·MAD", "peer scale", peer_scale, "")
            .input("z", "robust z-score", z, ""),
        };
        t.input("q", "Benjamini–Hochberg adjusted p-value", self.q_value, "")
    }
}

/// KPIs of every operator and the tests of every pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorReport {
    /// Sorted by operator id.
    pub kpis: Vec<OperatorKpis>,
    /// All tests (operators × patterns that could be tested), raised or not.
    pub flags: Vec<Flag>,
    /// The false discovery rate the flags were raised at.
    pub fdr: f64,
    /// The peer groups, in order, with their sizes.
    pub peer_groups: Vec<PeerGroupSize>,
}

impl OperatorReport {
    /// The raised flags.
    pub fn raised(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|f| f.raised)
    }

    /// Operators raised for `pattern`.
    pub fn raised_for(&self, pattern: Pattern) -> Vec<&str> {
        self.raised().filter(|f| f.pattern == pattern).map(|f| f.operator.as_str()).collect()
    }

    /// KPIs of one operator.
    pub fn kpis_of(&self, operator: &str) -> Option<&OperatorKpis> {
        self.kpis.iter().find(|k| k.operator == operator)
    }
}

#[derive(Debug, Default, Clone)]
struct Acc {
    contacts: u64,
    peak_contacts: u64,
    talk: f64,
    hold: f64,
    acw: f64,
    short: u64,
    transfers: u64,
    time: Option<[f64; 4]>,
    waits_known: u64,
    near_sl: u64,
    callers_known: u64,
    repeat_followed: u64,
    registered: u64,
    resolved: u64,
    registered_w: f64,
    resolved_w: f64,
    queues: BTreeMap<String, u64>,
    channels: BTreeMap<Channel, u64>,
}

impl Acc {
    fn peer_group(&self, grouping: PeerGrouping) -> PeerGroup {
        fn main<K: Clone + Ord>(m: &BTreeMap<K, u64>) -> Option<K> {
            // most contacts; ties: the first in order
            m.iter()
                .fold(None, |best: Option<(&K, u64)>, (k, &n)| match best {
                    Some((_, b)) if b >= n => best,
                    _ => Some((k, n)),
                })
                .map(|(k, _)| k.clone())
        }
        match grouping {
            PeerGrouping::Queue => main(&self.queues)
                .map(PeerGroup::Queue)
                .or_else(|| main(&self.channels).map(PeerGroup::Channel))
                .unwrap_or(PeerGroup::Centre),
            PeerGrouping::Channel => main(&self.channels).map(PeerGroup::Channel).unwrap_or(PeerGroup::Centre),
            PeerGrouping::Centre => PeerGroup::Centre,
        }
    }
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    if den > 0.0 {
        Some(num / den)
    } else {
        None
    }
}

/// Per-operator KPIs only (no tests).
///
/// - AHT `= Σ(talk + hold + ACW) / contacts` (s); talk/hold/ACW means the same
///   way; short share `= #(talk < T_short) / contacts`; transfer share
///   `= transfers / contacts`; hold share `= Σhold / Σ(talk + hold)`;
///   not-ready share `= not-ready / logged-in`, separately in peak and
///   off-peak intervals; contacts per logged-in hour `= contacts / (logged-in / 3600)`;
///   repeat share `= followed by a repeat / contacts with a caller`;
///   resolution `= resolved / registered` (registered: contacts with a
///   resolution flag) and weighted by complexity `= Σ level(resolved) / Σ level(registered)`
///   (level 1 when a record has none).
/// - Variant: AHT includes hold and after-contact work (COPC / ICMI
///   definition), not talk alone.
/// - Source: COPC CX Standard release 7 glossary; ICMI, *Call Center
///   Management on Fast Forward* (Cleveland), ch. 6.
///
/// ```
/// use callcalc_engine::{operator_kpis, Channel, ContactRecord, DetectorSettings, OperatorTime};
/// let c = |t, h, a, tr| ContactRecord::new("op1", Channel::Phone, t, h, a, tr, false).unwrap();
/// let recs = [c(200.0, 0.0, 40.0, false), c(5.0, 0.0, 0.0, false), c(95.0, 60.0, 20.0, true)];
/// let times = [OperatorTime::new("op1", 1_800.0, 1_800.0, 180.0, 360.0).unwrap()];
/// let k = &operator_kpis(&recs, &times, &DetectorSettings::default())[0];
/// assert_eq!(k.aht_s, Some(140.0));                 // (240 + 5 + 175) / 3
/// assert_eq!(k.short_share, Some(1.0 / 3.0));
/// assert_eq!(k.hold_share, Some(60.0 / 360.0));
/// assert_eq!(k.not_ready_share_peak, Some(0.1));
/// assert_eq!(k.contacts_per_hour, Some(3.0));
/// ```
pub fn operator_kpis(
    records: &[ContactRecord],
    times: &[OperatorTime],
    settings: &DetectorSettings,
) -> Vec<OperatorKpis> {
    let g = settings.thresholds().peers;
    accumulate(records, times, settings).into_iter().map(|(op, a)| kpis_of(op, &a, g)).collect()
}

fn accumulate(records: &[ContactRecord], times: &[OperatorTime], settings: &DetectorSettings) -> BTreeMap<String, Acc> {
    let t = settings.thresholds();
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    for r in records.iter().filter(|r| t.channel.is_none_or(|c| c == r.channel)) {
        let a = by.entry(r.operator.clone()).or_default();
        a.contacts += 1;
        a.peak_contacts += u64::from(r.peak);
        a.talk += r.talk_s;
        a.hold += r.hold_s;
        a.acw += r.acw_s;
        a.short += u64::from(r.talk_s < t.short_contact_s);
        a.transfers += u64::from(r.transferred);
        if let Some(w) = r.wait_s {
            a.waits_known += 1;
            a.near_sl += u64::from(near_sl(w, t));
        }
        if let Some(ok) = r.resolved {
            let w = r.complexity.unwrap_or(1.0);
            a.registered += 1;
            a.registered_w += w;
            if ok {
                a.resolved += 1;
                a.resolved_w += w;
            }
        }
        if let Some(rep) = r.repeat {
            a.callers_known += 1;
            a.repeat_followed += u64::from(rep);
        }
        if let Some(q) = &r.queue {
            *a.queues.entry(q.clone()).or_default() += 1;
        }
        *a.channels.entry(r.channel).or_default() += 1;
    }
    for tm in times {
        let a = by.entry(tm.operator.clone()).or_default();
        let acc = a.time.get_or_insert([0.0; 4]);
        acc[0] += tm.logged_in_peak_s;
        acc[1] += tm.logged_in_off_peak_s;
        acc[2] += tm.not_ready_peak_s;
        acc[3] += tm.not_ready_off_peak_s;
    }
    by
}

/// A wait at answer in `[T − w, T]`.
fn near_sl(wait_s: f64, t: &OperatorThresholds) -> bool {
    wait_s <= t.sl_threshold_s && wait_s >= t.sl_threshold_s - t.near_sl_window_s
}

fn kpis_of(operator: String, a: &Acc, grouping: PeerGrouping) -> OperatorKpis {
    let n = a.contacts as f64;
    let logged = a.time.map(|t| t[0] + t[1]);
    OperatorKpis {
        operator,
        contacts: a.contacts,
        peak_contacts: a.peak_contacts,
        aht_s: ratio(a.talk + a.hold + a.acw, n),
        talk_mean_s: ratio(a.talk, n),
        hold_mean_s: ratio(a.hold, n),
        acw_mean_s: ratio(a.acw, n),
        short_contacts: a.short,
        short_share: ratio(a.short as f64, n),
        transfers: a.transfers,
        transfer_share: ratio(a.transfers as f64, n),
        hold_share: ratio(a.hold, a.talk + a.hold),
        not_ready_share_peak: a.time.and_then(|t| ratio(t[2], t[0])),
        not_ready_share_off_peak: a.time.and_then(|t| ratio(t[3], t[1])),
        logged_in_s: logged,
        contacts_per_hour: logged.and_then(|l| ratio(n, l / 3600.0)),
        waits_known: a.waits_known,
        near_sl: a.near_sl,
        near_sl_share: ratio(a.near_sl as f64, a.waits_known as f64),
        callers_known: a.callers_known,
        repeat_followed: a.repeat_followed,
        repeat_share: ratio(a.repeat_followed as f64, a.callers_known as f64),
        registered: a.registered,
        resolved: a.resolved,
        registered_weighted: a.registered_w,
        resolved_weighted: a.resolved_w,
        resolution_rate: ratio(a.resolved as f64, a.registered as f64),
        resolution_rate_weighted: ratio(a.resolved_w, a.registered_w),
        peer_group: a.peer_group(grouping),
    }
}

/// A test before multiple-comparison adjustment.
struct Pending {
    operator: String,
    pattern: Pattern,
    threshold: f64,
    evidence: Vec<Evidence>,
    statistic: Statistic,
    p_value: f64,
    big_enough: bool,
}

fn ev(name: &'static str, value: f64, unit: &'static str) -> Evidence {
    Evidence { name, value, unit }
}

/// Binomial share tests (ShortCalls, TransferAvoidance, AnsweredNearSl)
/// against the pooled share of the other tested operators: `count` of
/// `total` contacts; operators with `total < min_total` are not tested.
#[allow(clippy::too_many_arguments)]
fn share_tests(
    out: &mut Vec<Pending>,
    tested: &[&OperatorKpis],
    pattern: Pattern,
    count: fn(&OperatorKpis) -> u64,
    total: fn(&OperatorKpis) -> u64,
    min_total: u64,
    min_ratio: f64,
    share_name: &'static str,
) {
    let tested: Vec<&OperatorKpis> = tested.iter().copied().filter(|k| total(k) >= min_total).collect();
    if tested.len() < MIN_PEERS {
        return;
    }
    let total_k: u64 = tested.iter().map(|k| count(k)).sum();
    let total_n: u64 = tested.iter().map(|k| total(k)).sum();
    for k in tested {
        let (x, n) = (count(k), total(k));
        let (peer_k, peer_n) = (total_k - x, total_n - n);
        let peer_share = peer_k as f64 / peer_n as f64;
        let share = x as f64 / n as f64;
        let r = ratio(share, peer_share);
        let big_enough = match r {
            Some(r) => r >= min_ratio,
            None => x > 0,
        };
        let p_value = stats::upper_tail(x, n, peer_share);
        out.push(Pending {
            operator: k.operator.clone(),
            pattern,
            threshold: min_ratio,
            evidence: vec![
                ev(share_name, share, "share"),
                ev("peer_share", peer_share, "share"),
                ev("count", x as f64, "contacts"),
                ev(
                    match pattern {
                        Pattern::AnsweredNearSl => "contacts_with_wait",
                        Pattern::RepeatCallers => "contacts_with_caller",
                        _ => "contacts",
                    },
                    n as f64,
                    "contacts",
                ),
            ],
            statistic: Statistic::Binomial { k: x, n, share, peer_share, ratio: r },
            p_value,
            big_enough,
        });
    }
}

/// Robust-z tests against the median and scaled MAD of all values given.
fn z_tests(
    out: &mut Vec<Pending>,
    values: &[(&OperatorKpis, f64)],
    pattern: Pattern,
    min_z: f64,
    (value_name, unit): (&'static str, &'static str),
    extra: fn(&OperatorKpis) -> Vec<Evidence>,
    also: fn(&OperatorKpis) -> bool,
) {
    if values.len() < MIN_PEERS {
        return;
    }
    let xs: Vec<f64> = values.iter().map(|v| v.1).collect();
    let Some(spread) = PeerSpread::of(&xs) else { return };
    for (k, x) in values {
        let Some(z) = spread.z(*x) else { continue };
        let mut evidence = vec![
            ev(value_name, *x, unit),
            ev("peer_median", spread.median, unit),
            ev("peer_scale", spread.scale, unit),
            ev("z", z, ""),
        ];
        evidence.extend(extra(k));
        out.push(Pending {
            operator: k.operator.clone(),
            pattern,
            threshold: min_z,
            evidence,
            statistic: Statistic::RobustZ {
                value: *x,
                peer_median: spread.median,
                peer_scale: spread.scale,
                peers: spread.n,
                z,
            },
            p_value: normal_upper_tail(z),
            big_enough: z >= min_z && also(k),
        });
    }
}

/// Operator KPIs and pattern tests against the peer group.
///
/// Peer groups ([`PeerGrouping`], default: the same queue, same period): an
/// operator belongs to the group of the queue of most of their contacts;
/// when their contacts carry no queue, to the group of their main channel.
/// Every test compares an operator only with the tested operators of their
/// own group.
///
/// Tested operators: at least `min_contacts` contacts (in the chosen
/// channel); NotReadyInPeaks additionally needs logged-in time both in and
/// out of peaks, AnsweredNearSl at least `min_contacts` contacts with a known
/// wait. Each pattern needs at least [`MIN_PEERS`] tested operators in the
/// group.
///
/// - ShortCalls / TransferAvoidance / AnsweredNearSl (`k` = answers with a
///   wait in `[T − w, T]`, `n` = contacts with a known wait) / RepeatCallers
///   (`k` = contacts followed by a repeat of the same caller, `n` = contacts
///   with a known caller): `p = P(X ≥ k)`, `X ~ Bin(n, p₀)`,
///   `p₀ = Σ_{j≠i} k_j / Σ_{j≠i} n_j` (leave-one-out pooled peer share);
///   practical size `k/n ≥ ratio · p₀` (any `k > 0` when `p₀ = 0`).
/// - ExcessiveAcw (mean ACW, s), HoldAbuse (`Σhold/Σ(talk+hold)`),
///   NotReadyInPeaks (`NR_peak/LI_peak`): `z = (x − med)/(1.4826·MAD)` over
///   the tested operators, `p = 1 − Φ(z)`; practical size `z ≥ z_min`, and for
///   NotReadyInPeaks also `NR_peak/LI_peak > NR_off/LI_off` (the operator's
///   own off-peak share: not-ready *because* of the peak, not all day).
/// - Multiple comparisons: Benjamini–Hochberg over *all* tests of the
///   report (operators × patterns); raised iff `q ≤ FDR` and practical size.
/// - Sources: exact binomial test (Clopper & Pearson 1934); modified z-score
///   (Iglewicz & Hoaglin 1993); FDR (Benjamini & Hochberg 1995).
///
/// ```
/// use callcalc_engine::{analyse_operators, Channel, ContactRecord, DetectorSettings, Pattern};
/// let mut recs = Vec::new();
/// for op in 0..8 {
///     for i in 0..200 {
///         // op0 releases every 4th call at once; the others every 50th
///         let short = if op == 0 { i % 4 == 0 } else { i % 50 == 0 };
///         let talk = if short { 3.0 } else { 150.0 + (i % 7) as f64 };
///         let acw = 20.0 + op as f64;
///         recs.push(ContactRecord::new(&format!("op{op}"), Channel::Phone, talk, 0.0, acw, false, false).unwrap());
///     }
/// }
/// let r = analyse_operators(&recs, &[], &DetectorSettings::default());
/// assert_eq!(r.raised_for(Pattern::ShortCalls), vec!["op0"]);
/// let f = r.raised().next().unwrap();
/// assert!(f.q_value < 1e-10);
/// ```
pub fn analyse_operators(
    records: &[ContactRecord],
    times: &[OperatorTime],
    settings: &DetectorSettings,
) -> OperatorReport {
    let t = *settings.thresholds();
    let by = accumulate(records, times, settings);
    let kpis: Vec<OperatorKpis> = by.iter().map(|(op, a)| kpis_of(op.clone(), a, t.peers)).collect();
    let mut groups: BTreeMap<&PeerGroup, (usize, Vec<&OperatorKpis>)> = BTreeMap::new();
    for k in &kpis {
        let g = groups.entry(&k.peer_group).or_default();
        g.0 += 1;
        if k.contacts >= t.min_contacts {
            g.1.push(k);
        }
    }
    let mut pending = Vec::new();
    for (_, tested) in groups.values() {
        group_tests(&mut pending, tested, &t);
    }
    let peer_groups = groups
        .iter()
        .map(|(g, (n, tested))| PeerGroupSize { group: (*g).clone(), operators: *n, tested: tested.len() })
        .collect();

    let p: Vec<f64> = pending.iter().map(|x| x.p_value).collect();
    let q = benjamini_hochberg(&p);
    let flags = pending
        .into_iter()
        .zip(q)
        .map(|(x, q_value)| Flag {
            rule: x.pattern.rule(),
            explanation_key: x.pattern.explanation_key(),
            raised: q_value <= t.fdr && x.big_enough,
            peer_group: kpis
                .iter()
                .find(|k| k.operator == x.operator)
                .map(|k| k.peer_group.clone())
                .unwrap_or_default(),
            operator: x.operator,
            pattern: x.pattern,
            threshold: x.threshold,
            evidence: x.evidence,
            statistic: x.statistic,
            p_value: x.p_value,
            q_value,
        })
        .collect();
    OperatorReport { kpis, flags, fdr: t.fdr, peer_groups }
}

/// All pattern tests within one peer group.
fn group_tests(pending: &mut Vec<Pending>, tested: &[&OperatorKpis], t: &OperatorThresholds) {
    fn contacts(k: &OperatorKpis) -> u64 {
        k.contacts
    }
    share_tests(
        pending,
        tested,
        Pattern::ShortCalls,
        |k| k.short_contacts,
        contacts,
        0,
        t.short_share_ratio,
        "short_share",
    );
    let acw: Vec<(&OperatorKpis, f64)> = tested.iter().filter_map(|k| Some((*k, k.acw_mean_s?))).collect();
    z_tests(
        pending,
        &acw,
        Pattern::ExcessiveAcw,
        t.acw_z,
        ("acw_mean_s", "s"),
        |k| vec![ev("aht_s", k.aht_s.unwrap_or(0.0), "s"), ev("contacts", k.contacts as f64, "contacts")],
        |_| true,
    );
    let hold: Vec<(&OperatorKpis, f64)> = tested.iter().filter_map(|k| Some((*k, k.hold_share?))).collect();
    z_tests(
        pending,
        &hold,
        Pattern::HoldAbuse,
        t.hold_z,
        ("hold_share", "share"),
        |k| vec![ev("hold_mean_s", k.hold_mean_s.unwrap_or(0.0), "s"), ev("contacts", k.contacts as f64, "contacts")],
        |_| true,
    );
    let nr: Vec<(&OperatorKpis, f64)> = tested
        .iter()
        .filter_map(|k| {
            k.not_ready_share_off_peak?;
            Some((*k, k.not_ready_share_peak?))
        })
        .collect();
    z_tests(
        pending,
        &nr,
        Pattern::NotReadyInPeaks,
        t.not_ready_z,
        ("not_ready_share_peak", "share"),
        |k| {
            let off = k.not_ready_share_off_peak.unwrap_or(0.0);
            vec![
                ev("not_ready_share_off_peak", off, "share"),
                ev("peak_excess_share", k.not_ready_share_peak.unwrap_or(0.0) - off, "share"),
            ]
        },
        |k| k.not_ready_share_peak > k.not_ready_share_off_peak,
    );
    share_tests(
        pending,
        tested,
        Pattern::TransferAvoidance,
        |k| k.transfers,
        contacts,
        0,
        t.transfer_share_ratio,
        "transfer_share",
    );
    share_tests(
        pending,
        tested,
        Pattern::AnsweredNearSl,
        |k| k.near_sl,
        |k| k.waits_known,
        t.min_contacts,
        t.near_sl_ratio,
        "near_sl_share",
    );
    share_tests(
        pending,
        tested,
        Pattern::RepeatCallers,
        |k| k.repeat_followed,
        |k| k.callers_known,
        t.min_contacts,
        t.repeat_ratio,
        "repeat_share",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(op: &str, talk: f64, hold: f64, acw: f64, tr: bool) -> ContactRecord {
        ContactRecord::new(op, Channel::Phone, talk, hold, acw, tr, false).unwrap()
    }

    #[test]
    fn too_few_operators_are_not_tested() {
        let recs: Vec<_> =
            (0..3).flat_map(|o| (0..100).map(move |_| rec(&format!("o{o}"), 100.0, 0.0, 10.0, false))).collect();
        let r = analyse_operators(&recs, &[], &DetectorSettings::default());
        assert_eq!(r.kpis.len(), 3);
        assert!(r.flags.is_empty());
    }

    #[test]
    fn identical_peers_raise_nothing() {
        let recs: Vec<_> =
            (0..10).flat_map(|o| (0..100).map(move |_| rec(&format!("o{o}"), 100.0, 5.0, 10.0, false))).collect();
        let r = analyse_operators(&recs, &[], &DetectorSettings::default());
        assert_eq!(r.raised().count(), 0);
        // no spread: no z tests; binomial tests with zero counts have p = 1
        assert!(r.flags.iter().all(|f| matches!(f.statistic, Statistic::Binomial { .. }) && f.p_value == 1.0));
    }

    #[test]
    fn channel_filter_and_min_contacts() {
        let mut recs: Vec<_> =
            (0..6).flat_map(|o| (0..60).map(move |_| rec(&format!("o{o}"), 100.0, 0.0, 10.0, false))).collect();
        recs.push(ContactRecord::new("o0", Channel::Chat, 1.0, 0.0, 0.0, true, false).unwrap());
        let t = OperatorThresholds { channel: Some(Channel::Chat), ..OperatorThresholds::default() };
        let k = operator_kpis(&recs, &[], &DetectorSettings::new(t).unwrap());
        assert_eq!(k.len(), 1);
        assert_eq!(k[0].contacts, 1);
        let t = OperatorThresholds { min_contacts: 61, ..OperatorThresholds::default() };
        let r = analyse_operators(&recs, &[], &DetectorSettings::new(t).unwrap());
        assert!(r.flags.is_empty());
    }

    #[test]
    fn operator_time_rows_are_summed_and_missing_time_is_none() {
        let times = [
            OperatorTime::new("a", 100.0, 300.0, 10.0, 30.0).unwrap(),
            OperatorTime::new("a", 100.0, 100.0, 30.0, 10.0).unwrap(),
        ];
        let k = operator_kpis(&[rec("b", 1.0, 0.0, 0.0, false)], &times, &DetectorSettings::default());
        assert_eq!(k[0].operator, "a");
        assert_eq!(k[0].not_ready_share_peak, Some(0.2));
        assert_eq!(k[0].not_ready_share_off_peak, Some(0.1));
        assert_eq!(k[0].contacts_per_hour, Some(0.0));
        assert_eq!(k[1].contacts_per_hour, None);
        assert_eq!(k[1].not_ready_share_peak, None);
    }

    /// `n` contacts of `op` in `queue`, every `every`-th answered at 17 s (just
    /// before T = 20 s), the rest at 2 s or 40 s.
    fn waits(op: &str, queue: &str, n: usize, every: usize, acw: f64) -> Vec<ContactRecord> {
        (0..n)
            .map(|i| {
                let w = if i % every == 0 {
                    17.0
                } else if i % 2 == 0 {
                    2.0
                } else {
                    40.0
                };
                rec(op, 120.0, 0.0, acw + (i % 5) as f64, false).with_wait(w).unwrap().with_queue(queue)
            })
            .collect()
    }

    #[test]
    fn answers_piled_up_before_the_sl_threshold_are_flagged() {
        let mut recs = waits("gamer", "Q", 200, 4, 30.0);
        for o in 0..7 {
            recs.extend(waits(&format!("o{o}"), "Q", 200, 25, 30.0));
        }
        let r = analyse_operators(&recs, &[], &DetectorSettings::default());
        assert_eq!(r.raised_for(Pattern::AnsweredNearSl), vec!["gamer"]);
        let k = r.kpis_of("gamer").unwrap();
        assert_eq!((k.near_sl, k.waits_known), (50, 200));
        let f = r.raised().find(|f| f.pattern == Pattern::AnsweredNearSl).unwrap();
        assert!(matches!(f.statistic, Statistic::Binomial { k: 50, n: 200, .. }));
        assert_eq!(f.evidence[0].name, "near_sl_share");
        // moving the threshold away from 17 s: nobody piles up before it
        let t = OperatorThresholds { sl_threshold_s: 30.0, ..OperatorThresholds::default() };
        let r = analyse_operators(&recs, &[], &DetectorSettings::new(t).unwrap());
        assert!(r.raised_for(Pattern::AnsweredNearSl).is_empty());
        assert_eq!(r.kpis_of("gamer").unwrap().near_sl, 0);
        // without waits the pattern is not tested
        let plain: Vec<_> =
            (0..8).flat_map(|o| (0..100).map(move |_| rec(&format!("o{o}"), 100.0, 0.0, 10.0, false))).collect();
        let r = analyse_operators(&plain, &[], &DetectorSettings::default());
        assert!(r.flags.iter().all(|f| f.pattern != Pattern::AnsweredNearSl));
    }

    #[test]
    fn peers_are_the_operators_of_the_same_queue() {
        // A VIP queue whose operators all take 90 s of ACW, a general queue at 30 s:
        // compared by channel the VIP operators look like ACW abusers, by queue nobody does.
        let mut recs = Vec::new();
        for o in 0..8 {
            recs.extend(waits(&format!("g{o}"), "General", 100, 25, 30.0 + o as f64));
        }
        for o in 0..6 {
            recs.extend(waits(&format!("v{o}"), "VIP", 100, 25, 90.0 + o as f64));
        }
        let by_queue = analyse_operators(&recs, &[], &DetectorSettings::default());
        assert!(by_queue.raised_for(Pattern::ExcessiveAcw).is_empty());
        assert_eq!(by_queue.kpis_of("v0").unwrap().peer_group, PeerGroup::Queue("VIP".into()));
        assert_eq!(
            by_queue.peer_groups.iter().map(|g| (g.group.clone(), g.tested)).collect::<Vec<_>>(),
            vec![(PeerGroup::Queue("General".into()), 8), (PeerGroup::Queue("VIP".into()), 6)]
        );
        assert!(by_queue.flags.iter().all(|f| f.peer_group == by_queue.kpis_of(&f.operator).unwrap().peer_group));
        let t = OperatorThresholds { peers: PeerGrouping::Channel, ..OperatorThresholds::default() };
        let by_channel = analyse_operators(&recs, &[], &DetectorSettings::new(t).unwrap());
        assert_eq!(by_channel.raised_for(Pattern::ExcessiveAcw).len(), 6);
        assert_eq!(by_channel.peer_groups[0].group, PeerGroup::Channel(Channel::Phone));
        // the main queue decides; contacts without a queue fall back to the channel
        let mut mixed = waits("m", "VIP", 3, 25, 30.0);
        mixed.extend(waits("m", "General", 5, 25, 30.0));
        mixed.push(rec("n", 100.0, 0.0, 10.0, false));
        let k = operator_kpis(&mixed, &[], &DetectorSettings::default());
        assert_eq!(k[0].peer_group, PeerGroup::Queue("General".into()));
        assert_eq!(k[1].peer_group, PeerGroup::Channel(Channel::Phone));
        let t = OperatorThresholds { peers: PeerGrouping::Centre, ..OperatorThresholds::default() };
        let k = operator_kpis(&mixed, &[], &DetectorSettings::new(t).unwrap());
        assert_eq!(k[0].peer_group, PeerGroup::Centre);
    }

    #[test]
    fn resolution_is_weighted_by_complexity() {
        let c = |resolved: Option<bool>, level: Option<f64>| {
            let r = rec("a", 100.0, 0.0, 10.0, false);
            let r = match resolved {
                Some(ok) => r.with_resolved(ok),
                None => r,
            };
            match level {
                Some(l) => r.with_complexity(l).unwrap(),
                None => r,
            }
        };
        // resolved: levels 1 and 1 (none = 1); unresolved: level 3; one without a mark
        let recs = [c(Some(true), Some(1.0)), c(Some(true), None), c(Some(false), Some(3.0)), c(None, Some(2.0))];
        let k = &operator_kpis(&recs, &[], &DetectorSettings::default())[0];
        assert_eq!((k.registered, k.resolved), (3, 2));
        assert_eq!((k.resolved_weighted, k.registered_weighted), (2.0, 5.0));
        assert_eq!(k.resolution_rate, Some(2.0 / 3.0));
        assert_eq!(k.resolution_rate_weighted, Some(0.4));
        assert_eq!((k.callers_known, k.repeat_share), (0, None));
    }

    #[test]
    fn settings_reject_bad_values() {
        let d = OperatorThresholds::default();
        for (t, field) in [
            (OperatorThresholds { short_contact_s: 0.0, ..d }, "short_contact_s"),
            (OperatorThresholds { min_contacts: 0, ..d }, "min_contacts"),
            (OperatorThresholds { fdr: 1.0, ..d }, "fdr"),
            (OperatorThresholds { acw_z: f64::NAN, ..d }, "acw_z"),
            (OperatorThresholds { transfer_share_ratio: 0.9, ..d }, "transfer_share_ratio"),
            (OperatorThresholds { sl_threshold_s: 0.0, ..d }, "sl_threshold_s"),
            (OperatorThresholds { near_sl_window_s: 25.0, ..d }, "near_sl_window_s"),
            (OperatorThresholds { near_sl_ratio: 0.5, ..d }, "near_sl_ratio"),
            (OperatorThresholds { repeat_ratio: 0.5, ..d }, "repeat_ratio"),
        ] {
            assert_eq!(DetectorSettings::new(t).unwrap_err().field, field);
        }
    }
}

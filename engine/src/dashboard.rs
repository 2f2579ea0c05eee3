//! The KPI dashboard: interval statistics (and the agent report, when there
//! is one) grouped by interval, day, week or month into rows of
//! [`ContactTotals`], with every KPI in the variant chosen, able to say how
//! it was computed ([`KpiCell`]: the engine's [`Trace`], the rows it came
//! from and the other variants' values). Also the peak view (busiest
//! intervals or days against the rest) and the export sheets.
//!
//! Conventions (what the data can and cannot say):
//! - a KPI whose inputs the source does not report is `None` and names what
//!   is missing ([`Missing`]), never 0;
//! - contact KPIs (volumes, SL, ASA, abandonment, AHT) come from the interval
//!   statistics; agent KPIs (occupancy, utilisation, shrinkage, contacts per
//!   agent hour) from the agent report's own totals (its handle time and its
//!   contacts), so that each ratio has both sides from one source;
//! - agent rows belong to a group when their date lies inside it; an
//!   interval row (shorter than a day) has no agent KPIs;
//! - paid time = logged-in time (the agent report has no absence column),
//!   so total shrinkage is not-ready over logged-in time here;
//! - cost of a row = (labour rate + other rate) × agent hours, agent hours
//!   from the agent report when the row has it, else the staffed
//!   agent-seconds of the interval report.

use crate::error::{non_negative, FieldError};
use crate::export::{Cell, Sheet};
use crate::import::{AgentRow, Channel, IntervalStats, Timestamp};
use crate::kpi::{
    AbandonmentVariant, AhtVariant, AsaVariant, ContactTotals, ContactTotalsInput, CostBasis, CostScope, CostVariant,
    HourBasis, Kpi, KpiVariant, OccupancyVariant, ReportedKpi, ServiceLevelVariant, ShrinkageVariant,
};
use crate::trace::Trace;

const SRC_SUM: &str = "sum of the imported interval statistics";
const SRC_AVG: &str = "Amazon Connect admin guide, historical-metrics-definitions.md (average agent interaction / hold / after-contact work time per contact)";

/// How intervals are grouped into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// One row per interval of the data (15 or 30 minutes …).
    Interval,
    /// Calendar day.
    Day,
    /// ISO week (Monday to Sunday).
    Week,
    /// Calendar month.
    Month,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [Grouping::Interval, Grouping::Day, Grouping::Week, Grouping::Month];

    /// `"interval"`, `"day"`, `"week"`, `"month"`.
    pub fn name(self) -> &'static str {
        match self {
            Grouping::Interval => "interval",
            Grouping::Day => "day",
            Grouping::Week => "week",
            Grouping::Month => "month",
        }
    }

    /// The grouping named `name` (see [`Grouping::name`]).
    pub fn from_name(name: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The group `[start, end)` containing an interval that starts at `t` and lasts `len_s`.
    ///
    /// ```
    /// use callcalc_engine::{Grouping, Timestamp};
    /// let t = Timestamp::from_civil(2024, 3, 6, 10, 15, 0).unwrap(); // a Wednesday
    /// let (s, e) = Grouping::Week.span(t, 900);
    /// assert_eq!(s, Timestamp::from_civil(2024, 3, 4, 0, 0, 0).unwrap());
    /// assert_eq!(e, Timestamp::from_civil(2024, 3, 11, 0, 0, 0).unwrap());
    /// let (s, e) = Grouping::Month.span(t, 900);
    /// assert_eq!((s.date(), e.date()), ((2024, 3, 1), (2024, 4, 1)));
    /// ```
    pub fn span(self, t: Timestamp, len_s: u32) -> (Timestamp, Timestamp) {
        match self {
            Grouping::Interval => (t, t.plus(i64::from(len_s.max(1)))),
            Grouping::Day => (Timestamp::from_days(t.days(), 0), Timestamp::from_days(t.days() + 1, 0)),
            Grouping::Week => {
                let d = t.days() - i64::from(t.weekday());
                (Timestamp::from_days(d, 0), Timestamp::from_days(d + 7, 0))
            }
            Grouping::Month => {
                let (y, m, _) = t.date();
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                (
                    Timestamp::from_days(crate::import::days_from_civil(y, m, 1), 0),
                    Timestamp::from_days(crate::import::days_from_civil(ny, nm, 1), 0),
                )
            }
        }
    }

    /// The row label of a group starting at `start`: `2024-03-06 10:15`,
    /// `2024-03-06`, `2024-W10`, `2024-03`.
    pub fn label(self, start: Timestamp) -> String {
        let (y, m, d) = start.date();
        match self {
            Grouping::Interval => {
                let s = start.second_of_day();
                format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", s / 3600, s / 60 % 60)
            }
            Grouping::Day => format!("{y:04}-{m:02}-{d:02}"),
            Grouping::Week => {
                // ISO week: the week's Thursday decides the year.
                let thursday = start.days() - i64::from(start.weekday()) + 3;
                let (ty, _, _) = crate::import::civil_from_days(thursday);
                let jan1 = crate::import::days_from_civil(ty, 1, 1);
                let week = (thursday - jan1) / 7 + 1;
                format!("{ty:04}-W{week:02}")
            }
            Grouping::Month => format!("{y:04}-{m:02}"),
        }
    }
}

/// The variant chosen for each KPI family (one global choice, printed on
/// every export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KpiChoice {
    pub service_level: ServiceLevelVariant,
    pub asa: AsaVariant,
    pub abandonment: AbandonmentVariant,
    pub aht: AhtVariant,
    pub occupancy: OccupancyVariant,
    pub shrinkage: ShrinkageVariant,
    pub hours: HourBasis,
    pub cost: CostVariant,
}

impl Default for KpiChoice {
    /// SL Aban-Negative (abandons count against it), ASA over answered
    /// contacts, abandonment over offered, AHT = talk + hold + ACW, measured
    /// occupancy, total shrinkage, logged-in hours, fully loaded cost per
    /// handled contact.
    fn default() -> Self {
        KpiChoice {
            service_level: ServiceLevelVariant::AbandonsNegative,
            asa: AsaVariant::AnsweredOnly,
            abandonment: AbandonmentVariant::OverOffered,
            aht: AhtVariant::TalkHoldAcw,
            occupancy: OccupancyVariant::Measured,
            shrinkage: ShrinkageVariant::Total,
            hours: HourBasis::LoggedIn,
            cost: CostVariant { scope: CostScope::FullyLoaded, basis: CostBasis::HandledContact },
        }
    }
}

impl KpiChoice {
    /// The chosen variant of a ratio KPI (`None` for volumes and the plain averages).
    pub fn variant(&self, key: KpiKey) -> Option<KpiVariant> {
        Some(match key {
            KpiKey::ServiceLevel => KpiVariant::ServiceLevel(self.service_level),
            KpiKey::Asa => KpiVariant::Asa(self.asa),
            KpiKey::Abandonment => KpiVariant::Abandonment(self.abandonment),
            KpiKey::Aht => KpiVariant::Aht(self.aht),
            KpiKey::Occupancy => KpiVariant::Occupancy(self.occupancy),
            KpiKey::Shrinkage => KpiVariant::Shrinkage(self.shrinkage),
            KpiKey::ContactsPerAgentHour => KpiVariant::ContactsPerAgentHour(self.hours),
            KpiKey::Cost => KpiVariant::Cost(self.cost),
            _ => return None,
        })
    }
}

/// Cost input: money per agent hour (labour, and everything else:
/// telephony, technology, facilities, overhead), validated ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CostInput {
    labour_per_agent_hour: f64,
    other_per_agent_hour: f64,
}

impl CostInput {
    /// ```
    /// use callcalc_engine::CostInput;
    /// assert!(CostInput::new(300.0, 100.0).is_ok());
    /// assert_eq!(CostInput::new(-1.0, 0.0).unwrap_err().field, "labour_per_agent_hour");
    /// ```
    pub fn new(labour_per_agent_hour: f64, other_per_agent_hour: f64) -> Result<CostInput, FieldError> {
        Ok(CostInput {
            labour_per_agent_hour: non_negative("labour_per_agent_hour", labour_per_agent_hour)?,
            other_per_agent_hour: non_negative("other_per_agent_hour", other_per_agent_hour)?,
        })
    }
    pub fn labour_per_agent_hour(&self) -> f64 {
        self.labour_per_agent_hour
    }
    pub fn other_per_agent_hour(&self) -> f64 {
        self.other_per_agent_hour
    }
    fn is_zero(&self) -> bool {
        self.labour_per_agent_hour == 0.0 && self.other_per_agent_hour == 0.0
    }
}

/// Dashboard settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DashboardSettings {
    pub grouping: Grouping,
    pub choice: KpiChoice,
    pub cost: CostInput,
    /// The service-level threshold `T` the statistics were counted with, seconds
    /// (shown in traces; it cannot be changed after the data were aggregated).
    pub sl_threshold_s: f64,
    /// Only this channel (`None`: all channels; needs cells split by channel).
    pub channel: Option<Channel>,
}

impl Default for DashboardSettings {
    fn default() -> Self {
        DashboardSettings {
            grouping: Grouping::Day,
            choice: KpiChoice::default(),
            cost: CostInput::default(),
            sl_threshold_s: 20.0,
            channel: None,
        }
    }
}

/// The columns of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiKey {
    Offered,
    Answered,
    Abandoned,
    ServiceLevel,
    Asa,
    Abandonment,
    Aht,
    AvgTalk,
    AvgHold,
    AvgAcw,
    Occupancy,
    Shrinkage,
    ContactsPerAgentHour,
    Cost,
}

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiUnit {
    Count,
    /// A fraction shown as a percentage.
    Share,
    Seconds,
    PerHour,
    Money,
}

impl KpiKey {
    pub const ALL: [KpiKey; 14] = [
        KpiKey::Offered,
        KpiKey::Answered,
        KpiKey::Abandoned,
        KpiKey::ServiceLevel,
        KpiKey::Asa,
        KpiKey::Abandonment,
        KpiKey::Aht,
        KpiKey::AvgTalk,
        KpiKey::AvgHold,
        KpiKey::AvgAcw,
        KpiKey::Occupancy,
        KpiKey::Shrinkage,
        KpiKey::ContactsPerAgentHour,
        KpiKey::Cost,
    ];

    /// Stable machine name (`"service_level"`), used in exports, JSON and test ids.
    pub fn name(self) -> &'static str {
        match self {
            KpiKey::Offered => "offered",
            KpiKey::Answered => "answered",
            KpiKey::Abandoned => "abandoned",
            KpiKey::ServiceLevel => "service_level",
            KpiKey::Asa => "asa",
            KpiKey::Abandonment => "abandonment",
            KpiKey::Aht => "aht",
            KpiKey::AvgTalk => "avg_talk",
            KpiKey::AvgHold => "avg_hold",
            KpiKey::AvgAcw => "avg_acw",
            KpiKey::Occupancy => "occupancy",
            KpiKey::Shrinkage => "shrinkage",
            KpiKey::ContactsPerAgentHour => "contacts_per_agent_hour",
            KpiKey::Cost => "cost",
        }
    }

    pub fn unit(self) -> KpiUnit {
        match self {
            KpiKey::Offered | KpiKey::Answered | KpiKey::Abandoned => KpiUnit::Count,
            KpiKey::ServiceLevel | KpiKey::Abandonment | KpiKey::Occupancy | KpiKey::Shrinkage => KpiUnit::Share,
            KpiKey::Asa | KpiKey::Aht | KpiKey::AvgTalk | KpiKey::AvgHold | KpiKey::AvgAcw => KpiUnit::Seconds,
            KpiKey::ContactsPerAgentHour => KpiUnit::PerHour,
            KpiKey::Cost => KpiUnit::Money,
        }
    }

    /// The KPI family a reported figure of this column belongs to.
    pub fn reported(self) -> Option<ReportedKpi> {
        Some(match self {
            KpiKey::ServiceLevel => ReportedKpi::ServiceLevel,
            KpiKey::Asa => ReportedKpi::Asa,
            KpiKey::Abandonment => ReportedKpi::AbandonmentRate,
            KpiKey::Aht => ReportedKpi::Aht,
            KpiKey::Occupancy => ReportedKpi::Occupancy,
            KpiKey::Shrinkage => ReportedKpi::Shrinkage,
            KpiKey::ContactsPerAgentHour => ReportedKpi::ContactsPerAgentHour,
            KpiKey::Cost => ReportedKpi::CostPerContact,
            _ => return None,
        })
    }

    /// Formula of a column that is not a ratio KPI with variants.
    fn plain_formula(self) -> &'static str {
        match self {
            KpiKey::Offered => "offered = Σ offered over the intervals",
            KpiKey::Answered => "answered = Σ answered over the intervals",
            KpiKey::Abandoned => "abandoned = Σ abandoned over the intervals",
            KpiKey::AvgTalk => "average talk = talk / N_h",
            KpiKey::AvgHold => "average hold = hold / N_h",
            KpiKey::AvgAcw => "average ACW = ACW / N_h",
            _ => "",
        }
    }
}

/// Why a KPI cannot be computed for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The source has no abandoned counts.
    Abandoned,
    /// The source has no counts within the threshold `T`.
    WithinThreshold,
    /// Queue waits are not known for every answered contact.
    AnswerWaits,
    /// Waits of abandoned contacts are not reported.
    AbandonWaits,
    /// Talk, hold and ACW are not known separately.
    HandleParts,
    /// Handle time is not known for every answered contact.
    HandleTime,
    /// No agent report rows fall in this period.
    AgentReport,
    /// No cost was entered, or there are no agent hours to cost.
    Cost,
    /// The denominator is zero (no contacts, no time).
    ZeroDenominator,
}

impl Missing {
    /// Stable machine name (translation key).
    pub fn name(self) -> &'static str {
        match self {
            Missing::Abandoned => "missing.abandoned",
            Missing::WithinThreshold => "missing.within_threshold",
            Missing::AnswerWaits => "missing.answer_waits",
            Missing::AbandonWaits => "missing.abandon_waits",
            Missing::HandleParts => "missing.handle_parts",
            Missing::HandleTime => "missing.handle_time",
            Missing::AgentReport => "missing.agent_report",
            Missing::Cost => "missing.cost",
            Missing::ZeroDenominator => "missing.zero_denominator",
        }
    }
}

/// Which inputs the source reported for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Known {
    pub abandoned: bool,
    pub within_t: bool,
    pub answer_waits: bool,
    pub abandon_waits: bool,
    pub handle_parts: bool,
    pub handle_time: bool,
    pub cost: bool,
}

/// One row of the dashboard: a group of intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardRow {
    pub label: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Interval cells merged into the row.
    pub cells: usize,
    /// First and last interval start among them.
    pub first: Timestamp,
    pub last: Timestamp,
    /// Agent-report rows (agent × day) in the row.
    pub agent_rows: usize,
    /// Contact totals from the interval statistics (with the cost).
    pub contacts: ContactTotals,
    /// Agent totals from the agent report, when the row has agent rows.
    pub agents: Option<ContactTotals>,
    pub known: Known,
}

/// One cell explained: the value in the chosen variant, its trace, and the
/// other variants' values.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiCell {
    pub key: KpiKey,
    pub value: Option<f64>,
    pub missing: Option<Missing>,
    /// How the value was computed (`None` when it is undefined).
    pub trace: Option<Trace>,
    /// Every variant of the KPI family on the same totals (the chosen one included).
    pub variants: Vec<Kpi>,
}

fn agents_of(rows: &[&AgentRow]) -> Option<ContactTotals> {
    if rows.is_empty() {
        return None;
    }
    let mut r = ContactTotalsInput::default();
    for a in rows {
        r.logged_in_s += a.logged_in_s.unwrap_or(0.0);
        r.available_s += a.available_s.unwrap_or(0.0);
        r.talk_s += a.talk_s.unwrap_or(0.0);
        r.hold_s += a.hold_s.unwrap_or(0.0);
        r.acw_s += a.acw_s.unwrap_or(0.0);
        r.not_ready_s += a.not_ready_s.unwrap_or_else(|| a.not_ready_by_reason.iter().map(|(_, s)| s).sum());
        r.handled += a.contacts.unwrap_or_else(|| a.contacts_by_channel.iter().map(|(_, n)| n).sum()) as f64;
    }
    r.paid_s = r.logged_in_s;
    r.offered = r.handled;
    r.queued = r.handled;
    r.answered = r.handled;
    ContactTotals::new(r).ok()
}

fn contacts_of(
    s: &IntervalStats,
    agents: Option<&ContactTotals>,
    settings: &DashboardSettings,
) -> (ContactTotals, Known) {
    let abandoned = s.abandoned.unwrap_or(0) as f64;
    let answered = s.answered as f64;
    let answered_within_t = s.answered_within_t.unwrap_or(0).min(s.answered) as f64;
    let abandoned_within_t = (s.abandoned_within_t.unwrap_or(0) as f64).min(abandoned);
    let short = (s.short_abandoned.unwrap_or(0) as f64).min(abandoned_within_t);
    let blocked = s.blocked.unwrap_or(0) as f64;
    let offered = s.offered as f64;
    let parts = match (s.talk_s, s.hold_s, s.acw_s) {
        (Some(t), Some(h), Some(a)) if s.handled_with_time == s.answered => Some((t, h, a)),
        _ => None,
    };
    let (talk_s, hold_s, acw_s) = parts.unwrap_or((s.handle_s, 0.0, 0.0));
    let hours_s = agents.map(|a| a.input().logged_in_s).or(s.staffed_agent_s).unwrap_or(0.0);
    let hours = hours_s / 3600.0;
    let known = Known {
        abandoned: s.abandoned.is_some(),
        within_t: s.answered_within_t.is_some() && (s.abandoned_within_t.is_some() || s.abandoned == Some(0)),
        answer_waits: s.answered_with_wait == s.answered,
        abandon_waits: s.wait_all_s.is_some(),
        handle_parts: parts.is_some(),
        handle_time: s.handled_with_time == s.answered,
        cost: !settings.cost.is_zero() && hours_s > 0.0,
    };
    let raw = ContactTotalsInput {
        sl_threshold_s: settings.sl_threshold_s,
        short_abandon_threshold_s: 0.0,
        offered,
        queued: (offered - blocked).max(abandoned),
        answered,
        abandoned,
        short_abandons: short,
        answered_within_t,
        abandoned_within_t,
        answer_wait_s: s.wait_answered_s,
        abandon_wait_s: s.wait_all_s.map_or(0.0, |w| (w - s.wait_answered_s).max(0.0)),
        handled: s.handled_with_time as f64,
        talk_s,
        hold_s,
        acw_s,
        logged_in_s: hours_s,
        paid_s: hours_s,
        labour_cost: settings.cost.labour_per_agent_hour * hours,
        overhead_cost: settings.cost.other_per_agent_hour * hours,
        ..Default::default()
    };
    // The totals are consistent by construction (counts clamped above);
    // an inconsistent source falls back to volumes only.
    let totals = ContactTotals::new(raw).unwrap_or_else(|_| {
        ContactTotals::new(ContactTotalsInput { offered, queued: offered, ..Default::default() })
            .unwrap_or_else(|_| ContactTotals::new(ContactTotalsInput::default()).expect("zero totals are valid"))
    });
    (totals, known)
}

/// Builds one row from interval cells (already filtered) and the agent rows in it.
fn make_row(
    label: String,
    start: Timestamp,
    end: Timestamp,
    cells: &[&IntervalStats],
    agents: &[&AgentRow],
    settings: &DashboardSettings,
) -> Option<DashboardRow> {
    let merged = IntervalStats::total(cells.iter().copied())?;
    let first = cells.iter().map(|c| c.start).min()?;
    let last = cells.iter().map(|c| c.start).max()?;
    let agent_totals = agents_of(agents);
    let (contacts, known) = contacts_of(&merged, agent_totals.as_ref(), settings);
    Some(DashboardRow {
        label,
        start,
        end,
        cells: cells.len(),
        first,
        last,
        agent_rows: agents.len(),
        contacts,
        agents: agent_totals,
        known,
    })
}

fn channel_ok(c: &IntervalStats, channel: Option<Channel>) -> bool {
    channel.is_none() || c.channel == channel
}

/// Groups interval cells (sorted or not; several queues or channels per
/// interval are merged) into dashboard rows, in time order. Agent rows are
/// attached to the day/week/month containing their date (not to intervals).
///
/// ```
/// use callcalc_engine::{build_dashboard, DashboardSettings, Grouping, IntervalStats, KpiKey, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t, 900, None, None);
/// a.offered = 10; a.answered = 8; a.abandoned = Some(2); a.answered_within_t = Some(6); a.abandoned_within_t = Some(1);
/// let mut b = IntervalStats::empty(t.plus(900), 900, None, None);
/// b.offered = 30; b.answered = 30; b.answered_within_t = Some(24);
/// let settings = DashboardSettings { grouping: Grouping::Day, ..Default::default() };
/// let rows = build_dashboard(&[a, b], &[], &settings);
/// assert_eq!(rows.len(), 1);
/// assert_eq!(rows[0].label, "2024-03-01");
/// assert_eq!(rows[0].value(KpiKey::Offered, &settings), Some(40.0));
/// assert_eq!(rows[0].value(KpiKey::ServiceLevel, &settings), Some(0.75)); // (6 + 24) / 40, Aban-Negative
/// ```
pub fn build_dashboard(
    cells: &[IntervalStats],
    agents: &[AgentRow],
    settings: &DashboardSettings,
) -> Vec<DashboardRow> {
    let g = settings.grouping;
    let mut keyed: Vec<(Timestamp, Timestamp, &IntervalStats)> = cells
        .iter()
        .filter(|c| channel_ok(c, settings.channel))
        .map(|c| {
            let (s, e) = g.span(c.start, c.length_s);
            (s, e, c)
        })
        .collect();
    keyed.sort_by_key(|k| (k.0, k.2.start));
    let mut agent_rows: Vec<&AgentRow> = agents.iter().filter(|a| a.period_start.is_some()).collect();
    agent_rows.sort_by_key(|a| a.period_start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < keyed.len() {
        let (s, e, _) = keyed[i];
        let mut j = i;
        while j < keyed.len() && keyed[j].0 == s {
            j += 1;
        }
        let group: Vec<&IntervalStats> = keyed[i..j].iter().map(|k| k.2).collect();
        let in_group: Vec<&AgentRow> = if g == Grouping::Interval {
            Vec::new()
        } else {
            agent_rows.iter().copied().filter(|a| a.period_start.is_some_and(|p| p >= s && p < e)).collect()
        };
        if let Some(row) = make_row(g.label(s), s, e, &group, &in_group, settings) {
            out.push(row);
        }
        i = j;
    }
    out
}

/// All intervals (of the channel chosen) as one row, with every agent row.
///
/// ```
/// use callcalc_engine::{dashboard_total, DashboardSettings, IntervalStats, KpiKey, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t, 900, None, None);
/// a.offered = 10; a.answered = 10;
/// let mut b = IntervalStats::empty(t.plus(86_400), 900, None, None);
/// b.offered = 5; b.answered = 5;
/// let total = dashboard_total(&[a, b], &[], &DashboardSettings::default()).unwrap();
/// assert_eq!(total.value(KpiKey::Offered, &DashboardSettings::default()), Some(15.0));
/// assert_eq!(total.cells, 2);
/// ```
pub fn dashboard_total(
    cells: &[IntervalStats],
    agents: &[AgentRow],
    settings: &DashboardSettings,
) -> Option<DashboardRow> {
    let group: Vec<&IntervalStats> = cells.iter().filter(|c| channel_ok(c, settings.channel)).collect();
    let start = group.iter().map(|c| c.start).min()?;
    let end = group.iter().map(|c| c.start.plus(i64::from(c.length_s))).max()?;
    let agent_rows: Vec<&AgentRow> = agents.iter().collect();
    make_row("total".to_string(), start, end, &group, &agent_rows, settings)
}

/// Peak rows against the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct PeakView {
    /// The busiest rows (by offered contacts) merged.
    pub peak: DashboardRow,
    /// The other rows merged (`None` when every row is a peak).
    pub rest: Option<DashboardRow>,
    /// How many rows are peaks, of how many.
    pub peak_rows: usize,
    pub rows: usize,
    /// The smallest offered count among the peak rows.
    pub threshold_offered: f64,
}

/// The busiest `share` (0–1; at least one row) of the groups of `grouping`
/// — intervals or days — by offered contacts, merged into one row, against
/// the rest merged into another.
///
/// ```
/// use callcalc_engine::{peak_view, DashboardSettings, Grouping, IntervalStats, KpiKey, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let cells: Vec<IntervalStats> = (0..4).map(|i| {
///     let mut c = IntervalStats::empty(t.plus(900 * i), 900, None, None);
///     c.offered = 10 * (i as u64 + 1); c.answered = c.offered; c
/// }).collect();
/// let s = DashboardSettings::default();
/// let p = peak_view(&cells, &[], &s, Grouping::Interval, 0.25).unwrap();
/// assert_eq!((p.peak_rows, p.rows), (1, 4));
/// assert_eq!(p.peak.value(KpiKey::Offered, &s), Some(40.0));
/// assert_eq!(p.rest.unwrap().value(KpiKey::Offered, &s), Some(60.0));
/// ```
pub fn peak_view(
    cells: &[IntervalStats],
    agents: &[AgentRow],
    settings: &DashboardSettings,
    grouping: Grouping,
    share: f64,
) -> Option<PeakView> {
    let s = DashboardSettings { grouping, ..*settings };
    let g = grouping;
    let mut spans: Vec<(Timestamp, f64)> =
        build_dashboard(cells, agents, &s).into_iter().map(|r| (r.start, r.contacts.input().offered)).collect();
    if spans.is_empty() {
        return None;
    }
    let n = spans.len();
    let share = if share.is_finite() { share.clamp(0.0, 1.0) } else { 0.0 };
    let k = ((n as f64 * share).ceil() as usize).clamp(1, n);
    spans.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let peak_starts: std::collections::HashSet<i64> = spans[..k].iter().map(|x| x.0.seconds()).collect();
    let threshold_offered = spans[k - 1].1;
    let is_peak = |c: &IntervalStats| peak_starts.contains(&g.span(c.start, c.length_s).0.seconds());
    let filtered: Vec<&IntervalStats> = cells.iter().filter(|c| channel_ok(c, settings.channel)).collect();
    let (peak_cells, rest_cells): (Vec<&IntervalStats>, Vec<&IntervalStats>) =
        filtered.into_iter().partition(|c| is_peak(c));
    let agent_in = |peak: bool| -> Vec<&AgentRow> {
        if g == Grouping::Interval {
            return Vec::new();
        }
        agents
            .iter()
            .filter(|a| a.period_start.is_some_and(|p| peak_starts.contains(&g.span(p, 1).0.seconds()) == peak))
            .collect()
    };
    let bounds = |cs: &[&IntervalStats]| -> Option<(Timestamp, Timestamp)> {
        Some((cs.iter().map(|c| c.start).min()?, cs.iter().map(|c| c.start.plus(i64::from(c.length_s))).max()?))
    };
    let (ps, pe) = bounds(&peak_cells)?;
    let peak = make_row("peak".to_string(), ps, pe, &peak_cells, &agent_in(true), settings)?;
    let rest = bounds(&rest_cells)
        .and_then(|(rs, re)| make_row("rest".to_string(), rs, re, &rest_cells, &agent_in(false), settings));
    Some(PeakView { peak, rest, peak_rows: k, rows: n, threshold_offered })
}

impl DashboardRow {
    fn missing(&self, key: KpiKey, choice: &KpiChoice) -> Option<Missing> {
        let k = &self.known;
        let need = |ok: bool, m: Missing| if ok { None } else { Some(m) };
        match key {
            KpiKey::Offered | KpiKey::Answered => None,
            KpiKey::Abandoned => need(k.abandoned, Missing::Abandoned),
            KpiKey::ServiceLevel => need(k.within_t, Missing::WithinThreshold),
            KpiKey::Asa => match choice.asa {
                AsaVariant::AnsweredOnly => need(k.answer_waits, Missing::AnswerWaits),
                AsaVariant::AllContacts => {
                    need(k.answer_waits, Missing::AnswerWaits).or(need(k.abandon_waits, Missing::AbandonWaits))
                }
            },
            KpiKey::Abandonment => need(k.abandoned, Missing::Abandoned),
            KpiKey::Aht => match choice.aht {
                AhtVariant::TalkHoldAcw => need(k.handle_time, Missing::HandleTime),
                _ => need(k.handle_parts, Missing::HandleParts),
            },
            KpiKey::AvgTalk | KpiKey::AvgHold | KpiKey::AvgAcw => need(k.handle_parts, Missing::HandleParts),
            KpiKey::Occupancy | KpiKey::Shrinkage | KpiKey::ContactsPerAgentHour => {
                need(self.agents.is_some(), Missing::AgentReport)
            }
            KpiKey::Cost => need(k.cost, Missing::Cost).or(need(k.handle_time, Missing::HandleTime)),
        }
    }

    fn totals_for(&self, key: KpiKey) -> Option<&ContactTotals> {
        match key {
            KpiKey::Occupancy | KpiKey::Shrinkage | KpiKey::ContactsPerAgentHour => self.agents.as_ref(),
            _ => Some(&self.contacts),
        }
    }

    fn plain(&self, key: KpiKey) -> (f64, f64) {
        let r = self.contacts.input();
        match key {
            KpiKey::Offered => (r.offered, 1.0),
            KpiKey::Answered => (r.answered, 1.0),
            KpiKey::Abandoned => (r.abandoned, 1.0),
            KpiKey::AvgTalk => (r.talk_s, r.handled),
            KpiKey::AvgHold => (r.hold_s, r.handled),
            KpiKey::AvgAcw => (r.acw_s, r.handled),
            _ => (0.0, 0.0),
        }
    }

    /// The value of column `key` in the chosen variant (`None` when the data
    /// lack it or the denominator is zero).
    pub fn value(&self, key: KpiKey, settings: &DashboardSettings) -> Option<f64> {
        if self.missing(key, &settings.choice).is_some() {
            return None;
        }
        match settings.choice.variant(key) {
            Some(v) => self.totals_for(key)?.kpi(v).value,
            None => {
                let (n, d) = self.plain(key);
                (d > 0.0).then(|| n / d)
            }
        }
    }

    /// The cell explained: value, what is missing, the trace (formula,
    /// variant, source, the totals substituted and the intervals they came
    /// from) and every variant of the family on the same totals.
    ///
    /// ```
    /// use callcalc_engine::{build_dashboard, DashboardSettings, IntervalStats, KpiKey, Timestamp};
    /// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
    /// let mut a = IntervalStats::empty(t, 900, None, None);
    /// a.offered = 10; a.answered = 8; a.abandoned = Some(2); a.answered_within_t = Some(6); a.abandoned_within_t = Some(2);
    /// let s = DashboardSettings::default();
    /// let row = &build_dashboard(&[a], &[], &s)[0];
    /// let cell = row.cell(KpiKey::ServiceLevel, &s);
    /// let trace = cell.trace.unwrap();
    /// assert_eq!(trace.formula, "SL = Aₜ / O");
    /// assert!(trace.inputs.iter().any(|i| i.symbol == "intervals" && i.value == 1.0));
    /// assert_eq!(cell.variants.len(), 5); // the five SL variants side by side
    /// ```
    pub fn cell(&self, key: KpiKey, settings: &DashboardSettings) -> KpiCell {
        let missing = self.missing(key, &settings.choice);
        let span = |mut t: Trace| {
            t.inputs.push(crate::trace::TraceInput {
                symbol: "intervals",
                meaning: "interval rows summed into this row",
                value: self.cells as f64,
                unit: "",
            });
            if matches!(key, KpiKey::Occupancy | KpiKey::Shrinkage | KpiKey::ContactsPerAgentHour) {
                t.inputs.push(crate::trace::TraceInput {
                    symbol: "agent rows",
                    meaning: "agent-report rows (agent × day) summed into this row",
                    value: self.agent_rows as f64,
                    unit: "",
                });
            }
            t
        };
        match (settings.choice.variant(key), key.reported()) {
            (Some(v), Some(family)) => {
                let Some(totals) = self.totals_for(key) else {
                    return KpiCell { key, value: None, missing, trace: None, variants: Vec::new() };
                };
                let chosen = totals.kpi(v);
                let variants = match family {
                    ReportedKpi::CostPerContact => {
                        let mut out = Vec::new();
                        for scope in [CostScope::FullyLoaded, CostScope::LabourOnly] {
                            for basis in [
                                CostBasis::HandledContact,
                                CostBasis::OfferedContact,
                                CostBasis::HandledMinute,
                                CostBasis::AgentHour,
                            ] {
                                out.push(totals.kpi(KpiVariant::Cost(CostVariant { scope, basis })));
                            }
                        }
                        out
                    }
                    f => totals.all_variants(f),
                };
                let (value, trace) =
                    if missing.is_some() { (None, None) } else { (chosen.value, chosen.trace().map(span)) };
                let missing = missing.or(value.is_none().then_some(Missing::ZeroDenominator));
                KpiCell { key, value, missing, trace, variants: if missing.is_some() { Vec::new() } else { variants } }
            }
            _ => {
                let (n, d) = self.plain(key);
                let value = if missing.is_some() || d <= 0.0 { None } else { Some(n / d) };
                let trace = value.map(|v| {
                    let r = self.contacts.input();
                    let (src, unit) = match key.unit() {
                        KpiUnit::Count => (SRC_SUM, "contacts"),
                        _ => (SRC_AVG, "s"),
                    };
                    let mut t = Trace::new(key.name(), key.plain_formula(), key.plain_formula(), src, v, unit);
                    match key {
                        KpiKey::Offered | KpiKey::Answered | KpiKey::Abandoned => {}
                        KpiKey::AvgTalk => t = t.input("talk", "total talk time", r.talk_s, "s"),
                        KpiKey::AvgHold => t = t.input("hold", "total hold time", r.hold_s, "s"),
                        _ => t = t.input("ACW", "total after-contact work", r.acw_s, "s"),
                    }
                    if key.unit() == KpiUnit::Seconds {
                        t = t.input("N_h", "handled", r.handled, "contacts");
                    }
                    span(t)
                });
                let missing = missing.or(value.is_none().then_some(Missing::ZeroDenominator));
                KpiCell { key, value, missing, trace, variants: Vec::new() }
            }
        }
    }
}

/// Offered contacts of one channel and its share of all channels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelVolume {
    pub channel: Channel,
    pub offered: u64,
    pub answered: u64,
    /// `offered / Σ offered`.
    pub share: Option<f64>,
}

/// Volumes per channel (cells split by channel; cells without a channel are
/// left out), with each channel's share of the total offered.
///
/// ```
/// use callcalc_engine::{channel_volumes, Channel, IntervalStats, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut p = IntervalStats::empty(t, 900, None, Some(Channel::Phone)); p.offered = 30;
/// let mut c = IntervalStats::empty(t, 900, None, Some(Channel::Chat)); c.offered = 10;
/// let v = channel_volumes(&[p, c]);
/// assert_eq!(v[0].channel, Channel::Phone);
/// assert_eq!(v[0].share, Some(0.75));
/// assert_eq!(v[1].share, Some(0.25));
/// ```
pub fn channel_volumes(cells: &[IntervalStats]) -> Vec<ChannelVolume> {
    let mut out: Vec<ChannelVolume> = Vec::new();
    for ch in Channel::ALL {
        let (mut o, mut a, mut any) = (0u64, 0u64, false);
        for c in cells.iter().filter(|c| c.channel == Some(ch)) {
            o = o.saturating_add(c.offered);
            a = a.saturating_add(c.answered);
            any = true;
        }
        if any {
            out.push(ChannelVolume { channel: ch, offered: o, answered: a, share: None });
        }
    }
    let total: u64 = out.iter().map(|v| v.offered).sum();
    for v in &mut out {
        v.share = (total > 0).then(|| v.offered as f64 / total as f64);
    }
    out
}

/// The variant id printed for a column (`"kpi.service_level.aban_negative"`,
/// or the column name for volumes and plain averages).
pub fn column_variant_id(key: KpiKey, choice: &KpiChoice) -> &'static str {
    choice.variant(key).map_or(key.name(), KpiVariant::id)
}

fn value_cell(key: KpiKey, v: Option<f64>) -> Cell {
    match key.unit() {
        KpiUnit::Share => Cell::percent(v),
        _ => Cell::number(v),
    }
}

/// The export workbook: a "KPI" sheet (one row per group plus the total; the
/// header names each column's variant), an "Intervals" sheet (the interval
/// statistics as imported), and a "Formulas" sheet (each column's formula,
/// variant, description and source, and the settings).
///
/// ```
/// use callcalc_engine::{build_dashboard, dashboard_sheets, DashboardSettings, IntervalStats, Timestamp};
/// use callcalc_engine::export::Cell;
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t, 900, None, None);
/// a.offered = 10; a.answered = 10; a.answered_within_t = Some(8);
/// let s = DashboardSettings::default();
/// let rows = build_dashboard(&[a.clone()], &[], &s);
/// let sheets = dashboard_sheets(&rows, None, &[a], &s);
/// assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["KPI", "Intervals", "Formulas"]);
/// assert_eq!(sheets[0].rows[0][4], Cell::text("service_level [kpi.service_level.aban_negative]"));
/// assert_eq!(sheets[0].rows[1][4], Cell::Percent(0.8));
/// ```
pub fn dashboard_sheets(
    rows: &[DashboardRow],
    total: Option<&DashboardRow>,
    cells: &[IntervalStats],
    settings: &DashboardSettings,
) -> Vec<Sheet> {
    let choice = &settings.choice;
    let mut kpi = Sheet::new("KPI");
    let mut head = vec!["period".to_string()];
    for key in KpiKey::ALL {
        head.push(match choice.variant(key) {
            Some(v) => format!("{} [{}]", key.name(), v.id()),
            None => key.name().to_string(),
        });
    }
    kpi.header(head);
    for r in rows.iter().chain(total) {
        let mut line = vec![Cell::text(r.label.clone())];
        line.extend(KpiKey::ALL.iter().map(|&k| value_cell(k, r.value(k, settings))));
        kpi.row(line);
    }
    let mut iv = Sheet::new("Intervals");
    iv.header([
        "start",
        "length_s",
        "queue",
        "channel",
        "offered",
        "answered",
        "abandoned",
        "answered_within_t",
        "abandoned_within_t",
        "handle_s",
        "handled",
        "wait_answered_s",
        "staffed_agent_s",
    ]);
    for c in cells.iter().filter(|c| channel_ok(c, settings.channel)) {
        let opt = |x: Option<u64>| Cell::number(x.map(|v| v as f64));
        iv.row([
            Cell::text(Grouping::Interval.label(c.start)),
            Cell::from(c.length_s),
            Cell::text(c.queue.clone().unwrap_or_default()),
            Cell::text(c.channel.map_or("", Channel::name)),
            Cell::from(c.offered),
            Cell::from(c.answered),
            opt(c.abandoned),
            opt(c.answered_within_t),
            opt(c.abandoned_within_t),
            Cell::from(c.handle_s),
            Cell::from(c.handled_with_time),
            Cell::from(c.wait_answered_s),
            Cell::number(c.staffed_agent_s),
        ]);
    }
    let mut f = Sheet::new("Formulas");
    f.header(["column", "variant", "formula", "description", "source"]);
    for key in KpiKey::ALL {
        match choice.variant(key) {
            Some(v) => f.row([
                Cell::text(key.name()),
                Cell::text(v.id()),
                Cell::text(v.formula()),
                Cell::text(v.description()),
                Cell::text(v.source()),
            ]),
            None => f.row([
                Cell::text(key.name()),
                Cell::text(key.name()),
                Cell::text(key.plain_formula()),
                Cell::text(key.plain_formula()),
                Cell::text(if key.unit() == KpiUnit::Count { SRC_SUM } else { SRC_AVG }),
            ]),
        };
    }
    f.row([]);
    f.row([Cell::text("grouping"), Cell::text(settings.grouping.name())]);
    f.row([Cell::text("sl_threshold_s"), Cell::Number(settings.sl_threshold_s)]);
    f.row([Cell::text("channel"), Cell::text(settings.channel.map_or("all", Channel::name))]);
    f.row([Cell::text("labour_per_agent_hour"), Cell::Number(settings.cost.labour_per_agent_hour)]);
    f.row([Cell::text("other_per_agent_hour"), Cell::Number(settings.cost.other_per_agent_hour)]);
    vec![kpi, iv, f]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(d: u32, h: u32, m: u32) -> Timestamp {
        Timestamp::from_civil(2024, 3, d, h, m, 0).unwrap()
    }

    /// Two days, two intervals each; hand-computed totals below.
    fn fixture() -> Vec<IntervalStats> {
        let mk = |t: Timestamp, off, ans, ab, a_t, b_t, talk, hold, acw, wait, staffed| {
            let mut c = IntervalStats::empty(t, 900, None, None);
            c.offered = off;
            c.answered = ans;
            c.abandoned = Some(ab);
            c.short_abandoned = Some(0);
            c.answered_within_t = Some(a_t);
            c.abandoned_within_t = Some(b_t);
            c.talk_s = Some(talk);
            c.hold_s = Some(hold);
            c.acw_s = Some(acw);
            c.handle_s = talk + hold + acw;
            c.handled_with_time = ans;
            c.wait_answered_s = wait;
            c.answered_with_wait = ans;
            c.wait_all_s = None;
            c.staffed_agent_s = Some(staffed);
            c
        };
        vec![
            // day 1: offered 100, answered 90, abandoned 10, A_t 72, B_t 4
            mk(ts(1, 8, 0), 40, 36, 4, 30, 2, 7200.0, 360.0, 1440.0, 360.0, 3600.0 * 4.0),
            mk(ts(1, 8, 15), 60, 54, 6, 42, 2, 10_800.0, 540.0, 2160.0, 900.0, 3600.0 * 6.0),
            // day 2: offered 50, answered 50, abandoned 0, A_t 45
            mk(ts(2, 8, 0), 50, 50, 0, 45, 0, 9000.0, 0.0, 1000.0, 250.0, 3600.0 * 5.0),
        ]
    }

    fn agent(d: u32, logged: f64, avail: f64, talk: f64, nr: f64, contacts: u64) -> AgentRow {
        AgentRow {
            period_start: Some(ts(d, 0, 0)),
            agent: "A".into(),
            queue: None,
            logged_in_s: Some(logged),
            available_s: Some(avail),
            talk_s: Some(talk),
            hold_s: Some(0.0),
            acw_s: Some(0.0),
            not_ready_s: Some(nr),
            scheduled_s: None,
            not_ready_by_reason: vec![],
            contacts: Some(contacts),
            contacts_by_channel: vec![],
        }
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    #[test]
    fn days_group_and_every_sl_variant_matches_hand_values() {
        let s = DashboardSettings::default();
        let rows = build_dashboard(&fixture(), &[], &s);
        assert_eq!(rows.len(), 2);
        let d1 = &rows[0];
        assert_eq!(d1.cells, 2);
        close(d1.value(KpiKey::Offered, &s), 100.0);
        close(d1.value(KpiKey::Abandoned, &s), 10.0);
        let sl = |v| d1.contacts.service_level(v).value;
        close(sl(ServiceLevelVariant::AbandonsNegative), 0.72); // 72 / 100
        close(sl(ServiceLevelVariant::AbandonsIgnored), 0.75); // 72 / 96
        close(sl(ServiceLevelVariant::AbandonsPositive), 0.76); // 76 / 100
        let ign = DashboardSettings {
            choice: KpiChoice { service_level: ServiceLevelVariant::AbandonsIgnored, ..Default::default() },
            ..s
        };
        close(d1.value(KpiKey::ServiceLevel, &ign), 0.75);
        // ASA = (360 + 900) / 90 = 14 s; abandonment 10 / 100.
        close(d1.value(KpiKey::Asa, &s), 14.0);
        close(d1.value(KpiKey::Abandonment, &s), 0.1);
        // AHT = (18000 + 900 + 3600) / 90 = 250 s; talk 200, hold 10, ACW 40.
        close(d1.value(KpiKey::Aht, &s), 250.0);
        close(d1.value(KpiKey::AvgTalk, &s), 200.0);
        close(d1.value(KpiKey::AvgHold, &s), 10.0);
        close(d1.value(KpiKey::AvgAcw, &s), 40.0);
        // All-contacts ASA needs the waits of abandoned contacts: missing.
        let all = DashboardSettings { choice: KpiChoice { asa: AsaVariant::AllContacts, ..Default::default() }, ..s };
        assert_eq!(d1.value(KpiKey::Asa, &all), None);
        assert_eq!(d1.cell(KpiKey::Asa, &all).missing, Some(Missing::AbandonWaits));
    }

    #[test]
    fn weeks_months_and_intervals() {
        let cells = fixture();
        for (g, n) in [(Grouping::Interval, 3), (Grouping::Day, 2), (Grouping::Week, 1), (Grouping::Month, 1)] {
            let s = DashboardSettings { grouping: g, ..Default::default() };
            let rows = build_dashboard(&cells, &[], &s);
            assert_eq!(rows.len(), n, "{g:?}");
        }
        // 2024-03-01 is a Friday, 03-02 a Saturday: the same ISO week 9.
        assert_eq!(Grouping::Week.label(ts(1, 0, 0)), "2024-W09");
        assert_eq!(Grouping::Week.label(ts(4, 0, 0)), "2024-W10");
        assert_eq!(Grouping::Week.label(Timestamp::from_civil(2021, 1, 3, 0, 0, 0).unwrap()), "2020-W53");
        let s = DashboardSettings { grouping: Grouping::Month, ..Default::default() };
        let m = &build_dashboard(&cells, &[], &s)[0];
        close(m.value(KpiKey::Offered, &s), 150.0);
        close(m.value(KpiKey::ServiceLevel, &s), 117.0 / 150.0);
        close(m.value(KpiKey::Aht, &s), (22_500.0 + 10_000.0) / 140.0);
    }

    #[test]
    fn agent_kpis_come_from_the_agent_report_of_the_day() {
        let agents =
            vec![agent(1, 28_800.0, 6_000.0, 18_000.0, 4_800.0, 80), agent(2, 14_400.0, 4_000.0, 6_000.0, 0.0, 30)];
        let s = DashboardSettings { cost: CostInput::new(300.0, 100.0).unwrap(), ..Default::default() };
        let rows = build_dashboard(&fixture(), &agents, &s);
        let d1 = &rows[0];
        assert_eq!(d1.agent_rows, 1);
        close(d1.value(KpiKey::Occupancy, &s), 0.75); // 18000 / (18000 + 6000)
        close(d1.value(KpiKey::Shrinkage, &s), 4_800.0 / 28_800.0);
        close(d1.value(KpiKey::ContactsPerAgentHour, &s), 10.0); // 80 / 8 h
                                                                 // Cost: 8 agent hours × 400 = 3200 over 90 handled.
        close(d1.value(KpiKey::Cost, &s), 3200.0 / 90.0);
        let util = DashboardSettings {
            choice: KpiChoice { occupancy: OccupancyVariant::Utilization, ..Default::default() },
            ..s
        };
        close(d1.value(KpiKey::Occupancy, &util), 18_000.0 / 28_800.0);
        // Interval rows have no agent KPIs.
        let iv = DashboardSettings { grouping: Grouping::Interval, ..s };
        let r = &build_dashboard(&fixture(), &agents, &iv)[0];
        assert_eq!(r.value(KpiKey::Occupancy, &iv), None);
        assert_eq!(r.cell(KpiKey::Occupancy, &iv).missing, Some(Missing::AgentReport));
        // Without agents the cost uses the staffed hours: day 2 has 5 h × 400 over 50 handled.
        let d2 = &build_dashboard(&fixture(), &[], &s)[1];
        close(d2.value(KpiKey::Cost, &s), 2000.0 / 50.0);
        let labour_offered = DashboardSettings {
            choice: KpiChoice {
                cost: CostVariant { scope: CostScope::LabourOnly, basis: CostBasis::OfferedContact },
                ..Default::default()
            },
            ..s
        };
        close(d2.value(KpiKey::Cost, &labour_offered), 1500.0 / 50.0);
    }

    #[test]
    fn cost_is_missing_without_a_cost_input() {
        let s = DashboardSettings::default();
        let r = &build_dashboard(&fixture(), &[], &s)[0];
        assert_eq!(r.value(KpiKey::Cost, &s), None);
        assert_eq!(r.cell(KpiKey::Cost, &s).missing, Some(Missing::Cost));
    }

    #[test]
    fn a_cell_trace_names_variant_inputs_and_rows_and_the_other_variants() {
        let s = DashboardSettings { cost: CostInput::new(300.0, 100.0).unwrap(), ..Default::default() };
        let total = dashboard_total(&fixture(), &[], &s).unwrap();
        assert_eq!(total.cells, 3);
        let c = total.cell(KpiKey::Aht, &s);
        let t = c.trace.unwrap();
        assert_eq!(t.id, "kpi.aht.talk_hold_acw");
        close(Some(t.result), 32_500.0 / 140.0);
        assert!(t.inputs.iter().any(|i| i.symbol == "intervals" && i.value == 3.0));
        assert_eq!(c.variants.len(), 3);
        close(c.variants[2].value, 27_000.0 / 140.0); // talk only
        let cost = total.cell(KpiKey::Cost, &s);
        assert_eq!(cost.variants.len(), 8);
        let avg = total.cell(KpiKey::AvgHold, &s).trace.unwrap();
        close(Some(avg.result), 900.0 / 140.0);
    }

    #[test]
    fn peak_intervals_against_the_rest() {
        let s = DashboardSettings::default();
        let p = peak_view(&fixture(), &[], &s, Grouping::Interval, 0.34).unwrap();
        assert_eq!((p.peak_rows, p.rows), (2, 3));
        assert_eq!(p.threshold_offered, 50.0);
        close(p.peak.value(KpiKey::Offered, &s), 110.0);
        close(p.rest.as_ref().unwrap().value(KpiKey::Offered, &s), 40.0);
        close(p.peak.value(KpiKey::ServiceLevel, &s), 87.0 / 110.0);
        let days = peak_view(&fixture(), &[], &s, Grouping::Day, 0.5).unwrap();
        assert_eq!(days.peak_rows, 1);
        close(days.peak.value(KpiKey::Offered, &s), 100.0);
    }

    #[test]
    fn explained_mismatches_from_dashboard_totals() {
        use crate::kpi::{explain, ReportedFigure, Verdict};
        let s = DashboardSettings { cost: CostInput::new(300.0, 100.0).unwrap(), ..Default::default() };
        let d1 = &build_dashboard(&fixture(), &[], &s)[0];
        // SL reported 75 % = Aban-Ignored (abandons excluded).
        let e = explain(&d1.contacts, &ReportedFigure::new(ReportedKpi::ServiceLevel, 0.75, 0.0005).unwrap());
        assert_eq!(e.verdict, Verdict::Explained(vec![KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsIgnored)]));
        // AHT reported 210 s = ACW left out: (18000 + 900) / 90.
        let e = explain(&d1.contacts, &ReportedFigure::new(ReportedKpi::Aht, 210.0, 0.5).unwrap());
        assert_eq!(e.mistakes(), vec![KpiVariant::Aht(AhtVariant::TalkHold)]);
        // Cost per call 40 over offered contacts: 4000 / 100 (fully loaded, 10 h × 400).
        let e = explain(&d1.contacts, &ReportedFigure::new(ReportedKpi::CostPerContact, 40.0, 0.01).unwrap());
        assert_eq!(
            e.verdict,
            Verdict::Explained(vec![KpiVariant::Cost(CostVariant {
                scope: CostScope::FullyLoaded,
                basis: CostBasis::OfferedContact
            })])
        );
    }

    #[test]
    fn channel_filter_and_sheets() {
        let mut cells = fixture();
        cells[0].channel = Some(Channel::Phone);
        cells[1].channel = Some(Channel::Chat);
        cells[2].channel = Some(Channel::Phone);
        let s = DashboardSettings { channel: Some(Channel::Phone), ..Default::default() };
        let total = dashboard_total(&cells, &[], &s).unwrap();
        close(total.value(KpiKey::Offered, &s), 90.0);
        let rows = build_dashboard(&cells, &[], &s);
        let sheets = dashboard_sheets(&rows, Some(&total), &cells, &s);
        assert_eq!(sheets[0].rows.len(), 1 + 2 + 1);
        assert_eq!(sheets[1].rows.len(), 1 + 2);
        assert!(sheets[2]
            .rows
            .iter()
            .any(|r| r.first() == Some(&Cell::text("channel")) && r.get(1) == Some(&Cell::text("phone"))));
    }
}

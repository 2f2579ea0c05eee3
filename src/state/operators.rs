//! Operators page state: where the contacts come from (the data set's call
//! records and agent report, or a synthetic centre with planted gamers), the
//! detector settings as typed, the per-operator table, the raised flags with
//! the contacts behind them, and the quality-monitoring sample plan.

use std::collections::BTreeMap;

use callcalc_engine::export::{Cell, Sheet};
use callcalc_engine::{
    analyse_operators, operator_times_from_agents, operators_from_cdr, parse_decimal, random_review_sample,
    sample_size_mean, sample_size_proportion, systematic_plan, AgentTotals, Channel, ContactRecord, DetectorSettings,
    FieldError, Flag, Histogram, ImportedData, OperatorReport, OperatorThresholds, OperatorTime, Pattern,
    PeakDefinition, PeerGroup, PeerGrouping, PlantedGamer, RowProblem, SampleSize, SyntheticCentre,
};

use crate::state::dataset::{DataSet, INTERVAL_S};
use crate::state::form::{keep, whole};

/// Seed of the synthetic centre with planted gamers.
pub const PLANTED_SEED: u64 = 2024;
/// Operators, days and gamers per pattern of the synthetic centre.
pub const PLANTED_SIZE: (u32, u32, u32) = (40, 10, 2);

/// Where the operator contacts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataSource {
    /// The data set's call-detail records and agent report.
    DataSet,
    /// A seeded synthetic centre with known planted gamers.
    Planted,
}

/// The contacts and time rows the page analyses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OperatorData {
    pub records: Vec<ContactRecord>,
    /// A label per record (contact id, arrival), parallel to `records`.
    pub labels: Vec<(String, String)>,
    pub times: Vec<OperatorTime>,
    /// Agent-report totals (empty without an agent report).
    pub agents: Vec<AgentTotals>,
    /// The planted truth of a synthetic centre.
    pub planted: Vec<PlantedGamer>,
    pub notes: DataNotes,
}

/// Operator data shared between memos (compared by identity: the vectors
/// are large).
#[derive(Debug, Clone, Default)]
pub struct SharedData(pub std::sync::Arc<OperatorData>);

impl PartialEq for SharedData {
    fn eq(&self, other: &SharedData) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What was read and what could not be used.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataNotes {
    pub cdr_rows: u64,
    pub not_handled: u64,
    pub no_operator: u64,
    pub unreadable: u64,
    pub totals_skipped: u64,
    pub agent_rows: u64,
    pub agent_unusable: u64,
    pub problems: Vec<RowProblem>,
    pub peak: Option<PeakDefinition>,
    /// Why there is nothing to analyse (no call-detail records).
    pub missing_cdr: bool,
}

fn two(n: u32) -> String {
    format!("{n:02}")
}

/// Operator data from the data set: its call-detail records (peak
/// intervals: top quartile of volume) and its agent report (peak days).
pub fn data_from_dataset(ds: &DataSet) -> Result<OperatorData, String> {
    let Some(cdr) = ds.cdr.as_ref() else {
        return Ok(OperatorData {
            notes: DataNotes { missing_cdr: true, ..DataNotes::default() },
            ..Default::default()
        });
    };
    let c = operators_from_cdr(&cdr.source.bytes, INTERVAL_S).map_err(|e| e.to_string())?;
    let mut notes = DataNotes {
        cdr_rows: c.rows_read,
        not_handled: c.not_handled,
        no_operator: c.no_operator,
        unreadable: c.unreadable,
        totals_skipped: c.totals_skipped,
        problems: c.problems.clone(),
        peak: Some(c.peak),
        ..DataNotes::default()
    };
    let (times, agents) = match ds.agent_report.as_ref().map(|p| &p.imported.data) {
        Some(ImportedData::Agents(rows)) => {
            let t = operator_times_from_agents(rows, &c.peak_days);
            notes.agent_rows = t.rows;
            notes.agent_unusable = t.unusable;
            notes.problems.extend(t.problems);
            (t.times, t.totals)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let labels = c
        .refs
        .iter()
        .map(|r| {
            let (y, m, d) = r.arrival.date();
            let s = r.arrival.second_of_day();
            let when = format!("{}.{}.{y} {}:{}:{}", two(d), two(m), two(s / 3600), two(s / 60 % 60), two(s % 60));
            (r.id.clone().unwrap_or_else(|| format!("row {}", r.row)), when)
        })
        .collect();
    Ok(OperatorData { records: c.records, labels, times, agents, planted: Vec::new(), notes })
}

/// The synthetic centre with planted gamers ([`PLANTED_SEED`], [`PLANTED_SIZE`]).
pub fn data_planted() -> OperatorData {
    let (ops, days, gamers) = PLANTED_SIZE;
    let c = SyntheticCentre::new(PLANTED_SEED, ops, days, gamers).expect("constant, valid size").generate();
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let labels = c
        .records
        .iter()
        .map(|r| {
            let i = seen.entry(r.operator().to_string()).or_default();
            *i += 1;
            (format!("{}-{:05}", r.operator(), i), String::new())
        })
        .collect();
    OperatorData {
        records: c.records,
        labels,
        times: c.times,
        agents: Vec::new(),
        planted: c.planted,
        notes: DataNotes::default(),
    }
}

/// The detector thresholds as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectorForm {
    pub short_contact_s: String,
    pub min_contacts: String,
    pub fdr_percent: String,
    pub short_share_ratio: String,
    pub transfer_share_ratio: String,
    pub acw_z: String,
    pub hold_z: String,
    pub not_ready_z: String,
    /// `""`: all channels; else a [`Channel::name`].
    pub channel: String,
    pub sl_threshold_s: String,
    pub near_sl_window_s: String,
    pub near_sl_ratio: String,
    pub repeat_ratio: String,
    pub peers: PeerGrouping,
}

impl Default for DetectorForm {
    fn default() -> Self {
        let d = OperatorThresholds::default();
        let s = |x: f64| x.to_string();
        DetectorForm {
            short_contact_s: s(d.short_contact_s),
            min_contacts: d.min_contacts.to_string(),
            fdr_percent: s(d.fdr * 100.0),
            short_share_ratio: s(d.short_share_ratio),
            transfer_share_ratio: s(d.transfer_share_ratio),
            acw_z: s(d.acw_z),
            hold_z: s(d.hold_z),
            not_ready_z: s(d.not_ready_z),
            // the demo's operators each serve one channel: compare phone with phone
            channel: Channel::Phone.name().to_string(),
            sl_threshold_s: s(d.sl_threshold_s),
            near_sl_window_s: s(d.near_sl_window_s),
            near_sl_ratio: s(d.near_sl_ratio),
            repeat_ratio: s(d.repeat_ratio),
            peers: d.peers,
        }
    }
}

/// Channels offered by the settings form.
pub const CHANNELS: [Channel; 3] = [Channel::Phone, Channel::Chat, Channel::Email];

impl DetectorForm {
    /// Validated settings, or every field error.
    pub fn parse(&self) -> Result<DetectorSettings, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut num = |field: &'static str, text: &str| keep(&mut errs, parse_decimal(field, text));
        let short = num("short_contact_s", &self.short_contact_s);
        let fdr = num("fdr", &self.fdr_percent).map(|x| x / 100.0);
        let ssr = num("short_share_ratio", &self.short_share_ratio);
        let tsr = num("transfer_share_ratio", &self.transfer_share_ratio);
        let acw = num("acw_z", &self.acw_z);
        let hold = num("hold_z", &self.hold_z);
        let nr = num("not_ready_z", &self.not_ready_z);
        let sl = num("sl_threshold_s", &self.sl_threshold_s);
        let win = num("near_sl_window_s", &self.near_sl_window_s);
        let nsr = num("near_sl_ratio", &self.near_sl_ratio);
        let rr = num("repeat_ratio", &self.repeat_ratio);
        let min = keep(&mut errs, whole("min_contacts", &self.min_contacts, 1.0, 1e9));
        let channel = CHANNELS.into_iter().find(|c| c.name() == self.channel);
        let (
            Some(short),
            Some(fdr),
            Some(ssr),
            Some(tsr),
            Some(acw),
            Some(hold),
            Some(nr),
            Some(min),
            Some(sl),
            Some(win),
            Some(nsr),
            Some(rr),
        ) = (short, fdr, ssr, tsr, acw, hold, nr, min, sl, win, nsr, rr)
        else {
            return Err(errs);
        };
        DetectorSettings::new(OperatorThresholds {
            short_contact_s: short,
            min_contacts: u64::from(min),
            fdr,
            short_share_ratio: ssr,
            transfer_share_ratio: tsr,
            acw_z: acw,
            hold_z: hold,
            not_ready_z: nr,
            channel,
            sl_threshold_s: sl,
            near_sl_window_s: win,
            near_sl_ratio: nsr,
            repeat_ratio: rr,
            peers: self.peers,
        })
        .map_err(|e| vec![e])
    }
}

/// One row of the operator table.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorRow {
    pub operator: String,
    /// Contacts in the analysed channel(s).
    pub contacts: u64,
    /// All contacts per channel: count, share of the operator's contacts,
    /// share of the centre's contacts of that channel.
    pub by_channel: Vec<ChannelCount>,
    pub aht_s: Option<f64>,
    pub talk_s: Option<f64>,
    pub hold_s: Option<f64>,
    pub acw_s: Option<f64>,
    pub transfers: u64,
    pub short_contacts: u64,
    pub short_share: Option<f64>,
    pub not_ready_s: Option<f64>,
    pub not_ready_by_reason: Vec<(String, f64)>,
    pub occupancy: Option<f64>,
    /// Logged-in ÷ scheduled time (agent reports with a scheduled column).
    pub conformance: Option<f64>,
    pub contacts_per_hour: Option<f64>,
    /// Share of the answers with a wait in `[T − w, T]`.
    pub near_sl_share: Option<f64>,
    /// The peers the operator is compared with.
    pub peer_group: PeerGroup,
    /// Contacts followed by a repeat of the same caller, and their share of
    /// the contacts with a caller id.
    pub repeat_followed: u64,
    pub repeat_share: Option<f64>,
    /// Requests registered (with a resolution flag) and resolved.
    pub registered: u64,
    pub resolved: u64,
    pub resolution_rate: Option<f64>,
    /// Resolved weighted by complexity level.
    pub resolved_weighted: f64,
    pub resolution_rate_weighted: Option<f64>,
    /// Raised flags of this operator.
    pub flags: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelCount {
    pub channel: Channel,
    pub contacts: u64,
    pub share_of_operator: f64,
    pub share_of_centre: f64,
}

/// The table rows, in operator order.
pub fn table_rows(data: &OperatorData, report: &OperatorReport) -> Vec<OperatorRow> {
    let mut per: BTreeMap<&str, [u64; 3]> = BTreeMap::new();
    let mut centre = [0u64; 3];
    for r in &data.records {
        if let Some(i) = CHANNELS.iter().position(|c| *c == r.channel()) {
            per.entry(r.operator()).or_default()[i] += 1;
            centre[i] += 1;
        }
    }
    report
        .kpis
        .iter()
        .map(|k| {
            let counts = per.get(k.operator.as_str()).copied().unwrap_or_default();
            let total: u64 = counts.iter().sum();
            let by_channel = CHANNELS
                .iter()
                .enumerate()
                .filter(|(i, _)| centre[*i] > 0)
                .map(|(i, &channel)| ChannelCount {
                    channel,
                    contacts: counts[i],
                    share_of_operator: if total > 0 { counts[i] as f64 / total as f64 } else { 0.0 },
                    share_of_centre: counts[i] as f64 / centre[i] as f64,
                })
                .collect();
            let agent = data.agents.iter().find(|a| a.operator == k.operator);
            OperatorRow {
                operator: k.operator.clone(),
                contacts: k.contacts,
                by_channel,
                aht_s: k.aht_s,
                talk_s: k.talk_mean_s,
                hold_s: k.hold_mean_s,
                acw_s: k.acw_mean_s,
                transfers: k.transfers,
                short_contacts: k.short_contacts,
                short_share: k.short_share,
                not_ready_s: agent.map(|a| a.not_ready_s),
                not_ready_by_reason: agent.map(|a| a.not_ready_by_reason.clone()).unwrap_or_default(),
                occupancy: agent.and_then(AgentTotals::occupancy),
                conformance: agent.and_then(AgentTotals::conformance),
                contacts_per_hour: k.contacts_per_hour,
                near_sl_share: k.near_sl_share,
                peer_group: k.peer_group.clone(),
                repeat_followed: k.repeat_followed,
                repeat_share: k.repeat_share,
                registered: k.registered,
                resolved: k.resolved,
                resolution_rate: k.resolution_rate,
                resolved_weighted: k.resolved_weighted,
                resolution_rate_weighted: k.resolution_rate_weighted,
                flags: report.raised().filter(|f| f.operator == k.operator).count(),
            }
        })
        .collect()
}

/// A sortable column of the operator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Operator,
    Contacts,
    Aht,
    Talk,
    Hold,
    Acw,
    Transfers,
    Short,
    NotReady,
    Occupancy,
    Conformance,
    PerHour,
    NearSl,
    Repeats,
    Resolution,
    ResolutionWeighted,
    Flags,
}

impl SortKey {
    pub const ALL: [SortKey; 17] = [
        SortKey::Operator,
        SortKey::Contacts,
        SortKey::Aht,
        SortKey::Talk,
        SortKey::Hold,
        SortKey::Acw,
        SortKey::Transfers,
        SortKey::Short,
        SortKey::NotReady,
        SortKey::Occupancy,
        SortKey::Conformance,
        SortKey::PerHour,
        SortKey::NearSl,
        SortKey::Repeats,
        SortKey::Resolution,
        SortKey::ResolutionWeighted,
        SortKey::Flags,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Operator => "operator",
            SortKey::Contacts => "contacts",
            SortKey::Aht => "aht",
            SortKey::Talk => "talk",
            SortKey::Hold => "hold",
            SortKey::Acw => "acw",
            SortKey::Transfers => "transfers",
            SortKey::Short => "short",
            SortKey::NotReady => "not-ready",
            SortKey::Occupancy => "occupancy",
            SortKey::Conformance => "conformance",
            SortKey::PerHour => "per-hour",
            SortKey::NearSl => "near-sl",
            SortKey::Repeats => "repeats",
            SortKey::Resolution => "resolved",
            SortKey::ResolutionWeighted => "resolved-weighted",
            SortKey::Flags => "flags",
        }
    }

    fn value(self, r: &OperatorRow) -> Option<f64> {
        match self {
            SortKey::Operator => None,
            SortKey::Contacts => Some(r.contacts as f64),
            SortKey::Aht => r.aht_s,
            SortKey::Talk => r.talk_s,
            SortKey::Hold => r.hold_s,
            SortKey::Acw => r.acw_s,
            SortKey::Transfers => Some(r.transfers as f64),
            SortKey::Short => Some(r.short_contacts as f64),
            SortKey::NotReady => r.not_ready_s,
            SortKey::Occupancy => r.occupancy,
            SortKey::Conformance => r.conformance,
            SortKey::PerHour => r.contacts_per_hour,
            SortKey::NearSl => r.near_sl_share,
            SortKey::Repeats => r.repeat_share,
            SortKey::Resolution => r.resolution_rate,
            SortKey::ResolutionWeighted => r.resolution_rate_weighted,
            SortKey::Flags => Some(r.flags as f64),
        }
    }
}

/// Sorts rows by `key`; missing values go last either way, ties by operator.
pub fn sort_rows(rows: &mut [OperatorRow], key: SortKey, ascending: bool) {
    rows.sort_by(|a, b| {
        let ord = match key {
            SortKey::Operator => a.operator.cmp(&b.operator),
            _ => match (key.value(a), key.value(b)) {
                (Some(x), Some(y)) => {
                    let o = x.total_cmp(&y);
                    if ascending {
                        o
                    } else {
                        o.reverse()
                    }
                }
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        let ord = if key == SortKey::Operator && !ascending { ord.reverse() } else { ord };
        ord.then_with(|| a.operator.cmp(&b.operator))
    });
}

/// One contact shown as evidence for a flag.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceContact {
    pub id: String,
    pub when: String,
    pub talk_s: f64,
    pub hold_s: f64,
    pub acw_s: f64,
    pub transferred: bool,
    pub wait_s: Option<f64>,
}

/// Contacts behind a flag: the operator's short contacts (ShortCalls), the
/// longest ACW (ExcessiveAcw), the longest holds (HoldAbuse), the transfers
/// (TransferAvoidance); for NotReadyInPeaks the operator's peak contacts.
/// At most `limit`, in the order that shows the pattern best.
pub fn evidence_contacts(
    data: &OperatorData,
    flag: &Flag,
    settings: &DetectorSettings,
    limit: usize,
) -> Vec<EvidenceContact> {
    let t = settings.thresholds();
    let mut mine: Vec<usize> = (0..data.records.len())
        .filter(|&i| {
            let r = &data.records[i];
            r.operator() == flag.operator && t.channel.is_none_or(|c| c == r.channel())
        })
        .collect();
    let recs = &data.records;
    match flag.pattern {
        Pattern::ShortCalls => mine.retain(|&i| recs[i].talk_s() < t.short_contact_s),
        Pattern::TransferAvoidance => mine.retain(|&i| recs[i].transferred()),
        Pattern::ExcessiveAcw => mine.sort_by(|&a, &b| recs[b].acw_s().total_cmp(&recs[a].acw_s())),
        Pattern::HoldAbuse => mine.sort_by(|&a, &b| recs[b].hold_s().total_cmp(&recs[a].hold_s())),
        Pattern::NotReadyInPeaks => mine.retain(|&i| recs[i].peak()),
        Pattern::AnsweredNearSl => mine.retain(|&i| {
            recs[i].wait_s().is_some_and(|w| w <= t.sl_threshold_s && w >= t.sl_threshold_s - t.near_sl_window_s)
        }),
        Pattern::RepeatCallers => mine.retain(|&i| recs[i].followed_by_repeat() == Some(true)),
    }
    mine.into_iter()
        .take(limit)
        .map(|i| {
            let r = &recs[i];
            let (id, when) = data.labels.get(i).cloned().unwrap_or_default();
            EvidenceContact {
                id,
                when,
                talk_s: r.talk_s(),
                hold_s: r.hold_s(),
                acw_s: r.acw_s(),
                transferred: r.transferred(),
                wait_s: r.wait_s(),
            }
        })
        .collect()
}

/// Everything the detail panel shows about one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorDetail {
    pub row: OperatorRow,
    /// Contacts per channel (every channel the centre has, all contacts).
    pub by_channel: Vec<ChannelCount>,
    /// Operators in the same peer group (the operator included).
    pub peers: usize,
    /// Handle time `talk + hold + ACW`, seconds: the operator vs the peers.
    pub handle: Histogram,
    pub handle_peers: Histogram,
    /// Wait at answer, seconds (bins of the near-threshold window `w`,
    /// aligned on `T`), when the contacts carry waits.
    pub wait: Option<(Histogram, Histogram)>,
    /// The service-level threshold `T` and window `w` used, seconds.
    pub sl_threshold_s: f64,
    pub near_sl_window_s: f64,
    /// The operator's raised flags.
    pub flags: Vec<Flag>,
}

/// Bins of the handle-time histogram.
pub const HANDLE_BINS: usize = 12;

/// The detail of `operator`, `None` when the report has no such operator.
pub fn operator_detail(
    data: &OperatorData,
    report: &OperatorReport,
    settings: &DetectorSettings,
    operator: &str,
) -> Option<OperatorDetail> {
    let t = settings.thresholds();
    let k = report.kpis_of(operator)?;
    let row = table_rows(data, report).into_iter().find(|r| r.operator == operator)?;
    let group: Vec<&str> =
        report.kpis.iter().filter(|p| p.peer_group == k.peer_group).map(|p| p.operator.as_str()).collect();
    let mut centre: BTreeMap<Channel, u64> = BTreeMap::new();
    let mut mine: BTreeMap<Channel, u64> = BTreeMap::new();
    let (mut handle_me, mut handle_peer, mut wait_me, mut wait_peer) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in &data.records {
        *centre.entry(r.channel()).or_default() += 1;
        let me = r.operator() == operator;
        if me {
            *mine.entry(r.channel()).or_default() += 1;
        }
        if t.channel.is_some_and(|c| c != r.channel()) {
            continue;
        }
        let peer = !me && group.contains(&r.operator());
        if me || peer {
            let (h, w) = if me { (&mut handle_me, &mut wait_me) } else { (&mut handle_peer, &mut wait_peer) };
            h.push(r.handle_s());
            if let Some(x) = r.wait_s() {
                w.push(x);
            }
        }
    }
    let total: u64 = mine.values().sum();
    let by_channel = centre
        .iter()
        .map(|(&channel, &all)| {
            let n = mine.get(&channel).copied().unwrap_or(0);
            ChannelCount {
                channel,
                contacts: n,
                share_of_operator: if total > 0 { n as f64 / total as f64 } else { 0.0 },
                share_of_centre: n as f64 / all as f64,
            }
        })
        .collect();
    // one bin width for both: the 95th percentile of everyone's handle time in HANDLE_BINS − 1 bins
    let mut all: Vec<f64> = handle_me.iter().chain(&handle_peer).copied().collect();
    all.sort_by(f64::total_cmp);
    let p95 = all.get(((all.len() as f64 * 0.95) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(60.0);
    let width = callcalc_engine::nice_bin_width(p95 / (HANDLE_BINS - 1) as f64);
    let handle = Histogram::of(&handle_me, width, HANDLE_BINS);
    let handle_peers = Histogram::of(&handle_peer, width, HANDLE_BINS);
    let w = t.near_sl_window_s;
    let wait_bins = ((2.0 * t.sl_threshold_s / w).ceil() as usize).clamp(2, 40) + 1;
    let wait = (!wait_me.is_empty()).then(|| {
        (
            Histogram::aligned(&wait_me, w, t.sl_threshold_s, wait_bins),
            Histogram::aligned(&wait_peer, w, t.sl_threshold_s, wait_bins),
        )
    });
    Some(OperatorDetail {
        row,
        by_channel,
        peers: group.len(),
        handle,
        handle_peers,
        wait,
        sl_threshold_s: t.sl_threshold_s,
        near_sl_window_s: w,
        flags: report.raised().filter(|f| f.operator == operator).cloned().collect(),
    })
}

/// The analysis of the page.
pub fn analyse(data: &OperatorData, settings: &DetectorSettings) -> OperatorReport {
    analyse_operators(&data.records, &data.times, settings)
}

/// What the QA sample estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QaTarget {
    DefectRate,
    Score,
}

/// How the reviewed contacts are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QaMethod {
    /// Every k-th contact from a random start.
    Systematic,
    /// A simple random sample.
    Random,
}

/// The QA plan form as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct QaForm {
    pub confidence_percent: String,
    /// Percentage points for a defect rate, score points for a score.
    pub margin: String,
    /// Planning defect rate, %.
    pub defect_percent: String,
    /// Planning standard deviation of the score, points.
    pub score_sd: String,
    pub target: QaTarget,
    pub method: QaMethod,
    pub seed: String,
}

impl Default for QaForm {
    fn default() -> Self {
        QaForm {
            confidence_percent: "95".into(),
            margin: "10".into(),
            defect_percent: "50".into(),
            score_sd: "15".into(),
            target: QaTarget::DefectRate,
            method: QaMethod::Systematic,
            seed: "1".into(),
        }
    }
}

/// Validated QA plan inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QaInputs {
    pub confidence: f64,
    pub margin: f64,
    pub target: QaTarget,
    pub p: f64,
    pub sd: f64,
    pub method: QaMethod,
    pub seed: u64,
}

impl QaForm {
    pub fn parse(&self) -> Result<QaInputs, Vec<FieldError>> {
        let mut errs = Vec::new();
        let c = keep(&mut errs, parse_decimal("confidence", &self.confidence_percent)).map(|x| x / 100.0);
        let m = keep(&mut errs, parse_decimal("margin", &self.margin));
        let p = keep(&mut errs, parse_decimal("p", &self.defect_percent)).map(|x| x / 100.0);
        let sd = keep(&mut errs, parse_decimal("std_dev", &self.score_sd));
        let seed = keep(&mut errs, whole("seed", &self.seed, 0.0, 4e9));
        let (Some(confidence), Some(margin), Some(p), Some(sd), Some(seed)) = (c, m, p, sd, seed) else {
            return Err(errs);
        };
        let margin = match self.target {
            QaTarget::DefectRate => margin / 100.0,
            QaTarget::Score => margin,
        };
        let inputs =
            QaInputs { confidence, margin, target: self.target, p, sd, method: self.method, seed: u64::from(seed) };
        // validate once against a population of one contact
        inputs.size(None).map_err(|e| vec![e])?;
        Ok(inputs)
    }
}

impl QaInputs {
    /// The sample size for a population of `n` contacts (`None`: infinite).
    pub fn size(&self, population: Option<u64>) -> Result<SampleSize, FieldError> {
        match self.target {
            QaTarget::DefectRate => sample_size_proportion(self.confidence, self.p, self.margin, population),
            QaTarget::Score => sample_size_mean(self.confidence, self.sd, self.margin, population),
        }
    }
}

/// One operator's review plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorPlan {
    pub operator: String,
    /// Contacts of the operator in the analysed channel(s).
    pub population: u64,
    pub size: SampleSize,
    /// `k` and the start (1-based) of a systematic plan.
    pub every_k: Option<(u64, u64)>,
    /// Record indices (into [`OperatorData::records`]) to review, in time order.
    pub records: Vec<usize>,
}

/// The review plan of every operator with contacts.
pub fn qa_plan(
    data: &OperatorData,
    settings: &DetectorSettings,
    q: &QaInputs,
) -> Result<Vec<OperatorPlan>, FieldError> {
    let channel = settings.thresholds().channel;
    let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in data.records.iter().enumerate() {
        if channel.is_none_or(|c| c == r.channel()) {
            by.entry(r.operator()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (op, idx) in by {
        let population = idx.len() as u64;
        let size = q.size(Some(population))?;
        // one seed per operator, so operators' plans differ
        let seed = q.seed.wrapping_mul(1_000_003).wrapping_add(out.len() as u64);
        let (every_k, picked) = match q.method {
            QaMethod::Systematic => {
                let plan = systematic_plan(population, size.n, seed)?;
                (Some((plan.k, plan.start + 1)), plan.indices)
            }
            QaMethod::Random => (None, random_review_sample(population, size.n, seed)?),
        };
        out.push(OperatorPlan {
            operator: op.to_string(),
            population,
            size,
            every_k,
            records: picked.into_iter().map(|j| idx[j as usize]).collect(),
        });
    }
    Ok(out)
}

/// The sample as a sheet: one row per contact to review, with an empty
/// column per scoring criterion for the reviewer.
pub fn qa_sheet(data: &OperatorData, plans: &[OperatorPlan], headers: &[&str]) -> Sheet {
    let mut sheet = Sheet::new("QA sample");
    sheet.header(headers.iter().copied());
    for p in plans {
        let positions: BTreeMap<usize, usize> = data
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.operator() == p.operator)
            .map(|(i, _)| i)
            .enumerate()
            .map(|(pos, i)| (i, pos))
            .collect();
        for &i in &p.records {
            let r = &data.records[i];
            let (id, when) = data.labels.get(i).cloned().unwrap_or_default();
            sheet.row([
                Cell::text(p.operator.clone()),
                Cell::number(positions.get(&i).map(|&x| x as f64 + 1.0)),
                Cell::text(id),
                Cell::text(when),
                Cell::text(r.channel().name()),
                Cell::number(Some(r.talk_s())),
                Cell::number(Some(r.hold_s())),
                Cell::number(Some(r.acw_s())),
            ]);
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planted_report() -> (OperatorData, DetectorSettings, OperatorReport) {
        let data = data_planted();
        let s = DetectorForm::default().parse().unwrap();
        let r = analyse(&data, &s);
        (data, s, r)
    }

    #[test]
    fn planted_centre_flags_its_gamers() {
        let (data, s, r) = planted_report();
        assert_eq!(data.planted.len(), 2 * Pattern::ALL.len());
        let raised: Vec<_> = r.raised().collect();
        assert!(!raised.is_empty());
        let hits = raised.iter().filter(|f| data.planted.iter().any(|g| g.operator == f.operator)).count();
        assert!(hits * 10 >= raised.len() * 9, "{hits} of {}", raised.len());
        for f in raised.iter().filter(|f| f.pattern != Pattern::NotReadyInPeaks) {
            let ev = evidence_contacts(&data, f, &s, 5);
            assert!(!ev.is_empty(), "{} {:?}", f.operator, f.pattern);
            match f.pattern {
                Pattern::ShortCalls => assert!(ev.iter().all(|e| e.talk_s < 10.0)),
                Pattern::TransferAvoidance => assert!(ev.iter().all(|e| e.transferred)),
                Pattern::ExcessiveAcw => assert!(ev.windows(2).all(|w| w[0].acw_s >= w[1].acw_s)),
                Pattern::AnsweredNearSl => {
                    assert!(ev.iter().all(|e| e.wait_s.is_some_and(|w| (15.0..=20.0).contains(&w))))
                }
                _ => {}
            }
        }
    }

    #[test]
    fn demo_dataset_reads_and_plants_nothing_in_phone() {
        let ds = crate::state::dataset::demo_dataset();
        let data = data_from_dataset(&ds).unwrap();
        assert!(!data.records.is_empty() && !data.agents.is_empty());
        assert_eq!(data.notes.unreadable, 0);
        let s = DetectorForm::default().parse().unwrap();
        let r = analyse(&data, &s);
        assert_eq!(r.raised().count(), 0);
        let rows = table_rows(&data, &r);
        assert_eq!(rows.len(), r.kpis.len());
        let with_contacts: Vec<_> = rows.iter().filter(|r| r.by_channel.iter().any(|c| c.contacts > 0)).collect();
        assert!(!with_contacts.is_empty());
        // centre shares of one channel add up to one
        let phone: f64 = rows.iter().map(|r| r.by_channel[0].share_of_centre).sum();
        assert!((phone - 1.0).abs() < 1e-9);
        assert!(rows.iter().all(|r| r.occupancy.is_some() && r.not_ready_by_reason.len() == 3));
        assert!(rows.iter().all(|r| r.conformance == Some(1.0)), "demo agents work exactly their schedule");
        // the demo's call records carry caller ids, resolution marks and complexity levels
        for r in rows.iter().filter(|r| r.contacts > 0) {
            assert!(r.repeat_share.is_some() && r.registered > 0 && r.resolved <= r.registered, "{r:?}");
            let w = r.resolution_rate_weighted.unwrap();
            assert!(w > 0.0 && w < 1.0 && r.resolved_weighted >= r.resolved as f64);
        }
    }

    #[test]
    fn detail_of_a_near_threshold_gamer_shows_the_pile_up() {
        let (data, s, r) = planted_report();
        let f = r.raised().find(|f| f.pattern == Pattern::AnsweredNearSl).expect("a near-SL flag");
        assert!(data.planted.iter().any(|g| g.operator == f.operator && g.pattern == Pattern::AnsweredNearSl));
        // the synthetic centre has no queue: peers fall back to the channel
        assert_eq!(f.peer_group, PeerGroup::Channel(Channel::Phone));
        let d = operator_detail(&data, &r, &s, &f.operator).unwrap();
        assert_eq!(d.peers, 40);
        assert!(d.flags.iter().any(|x| x.pattern == Pattern::AnsweredNearSl));
        assert_eq!(d.handle.n, d.row.contacts);
        let mine_all: u64 = data.records.iter().filter(|x| x.operator() == f.operator).count() as u64;
        assert_eq!(d.handle_peers.n, data.records.len() as u64 - mine_all);
        assert_eq!(d.handle.counts.len(), HANDLE_BINS);
        let (w_me, w_peers) = d.wait.as_ref().unwrap();
        // bins of 5 s aligned on T = 20 s: the window (15, 20] is the bin with lower edge 15
        let j = w_me.lower.iter().position(|&e| e == 15.0).unwrap();
        assert_eq!(w_me.lower[j + 1], 20.0);
        assert!(w_me.share(j) > 2.0 * w_peers.share(j), "{} vs {}", w_me.share(j), w_peers.share(j));
        let share: f64 = d.by_channel.iter().map(|c| c.share_of_operator).sum();
        assert!((share - 1.0).abs() < 1e-12);
        assert!(operator_detail(&data, &r, &s, "nobody").is_none());
        // an honest operator: no flags, and no pile-up before the threshold
        let honest = r.kpis.iter().find(|k| !data.planted.iter().any(|g| g.operator == k.operator)).unwrap();
        let d = operator_detail(&data, &r, &s, &honest.operator).unwrap();
        assert!(d.flags.is_empty());
        let (w_me, w_peers) = d.wait.as_ref().unwrap();
        assert!(w_me.share(j) < 2.0 * w_peers.share(j));
    }

    #[test]
    fn peer_grouping_follows_the_form() {
        let ds = crate::state::dataset::demo_dataset();
        let data = data_from_dataset(&ds).unwrap();
        let s = DetectorForm::default().parse().unwrap();
        let r = analyse(&data, &s);
        // the demo's phone operators serve three queues; the general line is everyone's main queue
        let with_contacts: Vec<_> = r.kpis.iter().filter(|k| k.contacts > 0).collect();
        assert!(!with_contacts.is_empty());
        assert!(with_contacts.iter().all(|k| matches!(&k.peer_group, PeerGroup::Queue(q) if q == "Общая линия")));
        let s = DetectorForm { peers: PeerGrouping::Centre, channel: String::new(), ..DetectorForm::default() }
            .parse()
            .unwrap();
        let r = analyse(&data, &s);
        assert_eq!(r.peer_groups.len(), 1);
        assert_eq!(r.peer_groups[0].operators, r.kpis.len());
        let s = DetectorForm { channel: String::new(), ..DetectorForm::default() }.parse().unwrap();
        let r = analyse(&data, &s);
        assert!(r.peer_groups.len() >= 3, "{:?}", r.peer_groups);
        let f = DetectorForm { near_sl_window_s: "30".into(), ..DetectorForm::default() };
        assert_eq!(f.parse().unwrap_err()[0].field, "near_sl_window_s");
    }

    #[test]
    fn sorting_by_a_column() {
        let (data, _, r) = planted_report();
        let mut rows = table_rows(&data, &r);
        sort_rows(&mut rows, SortKey::Acw, false);
        assert!(rows.windows(2).all(|w| w[0].acw_s >= w[1].acw_s));
        sort_rows(&mut rows, SortKey::Operator, true);
        assert_eq!(rows[0].operator, "op001");
        sort_rows(&mut rows, SortKey::Operator, false);
        assert_eq!(rows[0].operator, "op040");
    }

    #[test]
    fn form_errors_name_their_fields() {
        let f = DetectorForm { fdr_percent: "100".into(), ..DetectorForm::default() };
        assert_eq!(f.parse().unwrap_err()[0].field, "fdr");
        let f = DetectorForm { acw_z: "x".into(), min_contacts: "0".into(), ..DetectorForm::default() };
        let e = f.parse().unwrap_err();
        assert_eq!(e.iter().map(|e| e.field).collect::<Vec<_>>(), vec!["acw_z", "min_contacts"]);
        let q = QaForm { margin: "0".into(), ..QaForm::default() };
        assert_eq!(q.parse().unwrap_err()[0].field, "margin");
    }

    #[test]
    fn qa_plan_matches_textbook_sizes_and_every_kth_contact() {
        let (data, s, _) = planted_report();
        let q = QaForm { margin: "5".into(), ..QaForm::default() }.parse().unwrap();
        let plans = qa_plan(&data, &s, &q).unwrap();
        assert_eq!(plans.len(), 40);
        for p in &plans {
            // n = n₀/(1 + (n₀−1)/N), n₀ = 1.96²·0.25/0.05² = 384.15
            let n0 = 1.959_963_984_540_054f64.powi(2) * 0.25 / 0.0025;
            let expect = (n0 / (1.0 + (n0 - 1.0) / p.population as f64)).ceil() as u64;
            assert_eq!(p.size.n, expect);
            assert_eq!(p.records.len() as u64, p.size.n);
            let (k, start) = p.every_k.unwrap();
            assert_eq!(k, p.population / p.size.n);
            assert!(start >= 1 && start <= k);
        }
        let sheet = qa_sheet(&data, &plans[..1], &["op", "#", "id", "when", "ch", "talk", "hold", "acw"]);
        let csv = callcalc_engine::export::to_csv(&sheet, callcalc_engine::export::CsvStyle::PLAIN);
        assert_eq!(csv.lines().count() as u64, 1 + plans[0].size.n);
        let (k, start) = plans[0].every_k.unwrap();
        let second = csv.lines().nth(2).unwrap();
        assert!(second.starts_with(&format!("op001,{}", start + k)), "{second}");
        // seeded: the same plan again
        assert_eq!(plans, qa_plan(&data, &s, &q).unwrap());
    }
}

/// Where the QA evaluations are kept in localStorage.
pub const SCORES_KEY: &str = "callcalc.operators.scores";
const SCORES_KIND: &str = "operator-scores";
const SCORES_VERSION: u32 = 1;

/// One reviewed contact's scores: politeness, competence, stress
/// tolerance, script adherence, each 1–5.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub operator: String,
    pub scores: [u8; 4],
}

impl Evaluation {
    /// The mean of the four criteria.
    pub fn mean(&self) -> f64 {
        self.scores.iter().map(|&s| f64::from(s)).sum::<f64>() / 4.0
    }
}

/// The evaluations as a storage record.
pub fn encode_evaluations(list: &[Evaluation]) -> String {
    let lines: Vec<String> = list
        .iter()
        .map(|e| {
            let [a, b, c, d] = e.scores;
            format!("{a}{b}{c}{d}{}", e.operator.replace(['\t', '\n'], " "))
        })
        .collect();
    crate::storage::encode(SCORES_KIND, SCORES_VERSION, &[("evaluations", &lines.join("\n"))])
}

/// The evaluations of a storage record; `None` when it is corrupt or of
/// another version.
pub fn decode_evaluations(text: &str) -> Option<Vec<Evaluation>> {
    let crate::storage::Loaded::Found(map) = crate::storage::decode(text, SCORES_KIND, SCORES_VERSION) else {
        return None;
    };
    let all = map.get("evaluations")?;
    all.split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let digits: Vec<u8> = l.chars().take(4).map(|c| c.to_digit(10).map(|d| d as u8)).collect::<Option<_>>()?;
            let scores: [u8; 4] = digits.try_into().ok()?;
            let operator = l.get(4..)?.trim().to_string();
            (scores.iter().all(|s| (1..=5).contains(s)) && !operator.is_empty())
                .then_some(Evaluation { operator, scores })
        })
        .collect()
}

/// The scoring form as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreForm {
    pub operator: String,
    pub politeness: String,
    pub competence: String,
    pub stress: String,
    pub script: String,
}

impl Default for ScoreForm {
    fn default() -> Self {
        ScoreForm {
            operator: String::new(),
            politeness: "5".into(),
            competence: "5".into(),
            stress: "5".into(),
            script: "5".into(),
        }
    }
}

impl ScoreForm {
    pub fn parse(&self) -> Result<Evaluation, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut score =
            |field: &'static str, text: &str| keep(&mut errs, whole(field, text, 1.0, 5.0)).map(|x| x as u8);
        let p = score("politeness", &self.politeness);
        let c = score("competence", &self.competence);
        let s = score("stress", &self.stress);
        let x = score("script", &self.script);
        let operator = self.operator.trim();
        if operator.is_empty() {
            errs.push(FieldError::new(
                "score_operator",
                "",
                callcalc_engine::Problem::Unreadable { expected: "an operator" },
            ));
        }
        match (p, c, s, x) {
            (Some(p), Some(c), Some(s), Some(x)) if errs.is_empty() => {
                Ok(Evaluation { operator: operator.to_string(), scores: [p, c, s, x] })
            }
            _ => Err(errs),
        }
    }
}

/// One operator's scores summarised.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorScore {
    pub operator: String,
    pub summary: callcalc_engine::ScoreSummary,
}

/// Per-operator mean of the evaluations' criterion means, with a 95 % t interval.
pub fn score_rows(list: &[Evaluation]) -> Vec<OperatorScore> {
    let mut by: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for e in list {
        by.entry(e.operator.as_str()).or_default().push(e.mean());
    }
    by.into_iter()
        .filter_map(|(op, xs)| {
            let summary = callcalc_engine::score_summary(&xs, 0.95).ok()??;
            Some(OperatorScore { operator: op.to_string(), summary })
        })
        .collect()
}

#[cfg(test)]
mod score_tests {
    use super::*;

    #[test]
    fn evaluations_round_trip_and_summarise() {
        let list = vec![
            Evaluation { operator: "Петрова А.".into(), scores: [5, 4, 4, 3] },
            Evaluation { operator: "Петрова А.".into(), scores: [3, 4, 4, 5] },
            Evaluation { operator: "op2".into(), scores: [1, 1, 1, 1] },
        ];
        let text = encode_evaluations(&list);
        assert_eq!(decode_evaluations(&text).unwrap(), list);
        assert_eq!(decode_evaluations("operator-scores v1\nevaluations=9999x\n"), None);
        assert_eq!(decode_evaluations("garbage"), None);
        let rows = score_rows(&list);
        assert_eq!(rows[0].operator, "op2");
        assert_eq!(rows[0].summary.half_width, None);
        // both evaluations average 4.0: s = 0, interval of zero width
        assert_eq!((rows[1].summary.mean, rows[1].summary.half_width), (4.0, Some(0.0)));
        let f = ScoreForm { operator: "op2".into(), politeness: "6".into(), ..ScoreForm::default() };
        assert_eq!(f.parse().unwrap_err()[0].field, "politeness");
        let f = ScoreForm::default();
        assert_eq!(f.parse().unwrap_err()[0].field, "score_operator");
    }
}

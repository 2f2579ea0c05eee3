//! KPI dashboard state: the settings as typed (text fields kept as text),
//! their conversion into the engine's [`DashboardSettings`], the dashboard
//! computed from the shared data set, the reported-figure check and the
//! export files. Plain Rust, unit-tested natively; the page wraps these in memos.

use callcalc_engine::export::{to_csv, to_json, to_xlsx, Cell, CsvStyle, Sheet};
use callcalc_engine::Coverage;
use callcalc_engine::{
    build_dashboard, channel_volumes, dashboard_sheets, dashboard_total, explain, parse_decimal, parse_duration_s,
    parse_percent, peak_view, AbandonmentVariant, AgentRow, AhtVariant, AsaVariant, Channel, CostBasis, CostInput,
    CostScope, DashboardRow, DashboardSettings, Explanation, FieldError, Grouping, ImportedData, IntervalStats,
    KpiChoice, KpiKey, KpiUnit, OccupancyVariant, PeakView, PlanBook, PlanKey, ReportedFigure, ServiceLevelVariant,
};
use callcalc_engine::{customer_rows, customer_sheets, customer_total, pareto, CustomerRow, ParetoBar, ReasonCount};

use crate::state::kpi_plan::all_plan_rows;

use crate::state::dataset::{DataSet, Part, SL_THRESHOLD_S};
use crate::state::form::keep;

/// At most this many rows are drawn on the page (the export has them all).
pub const MAX_SHOWN_ROWS: usize = 400;

/// Every SL variant the settings offer, with its stable name.
pub const SL_VARIANTS: [(ServiceLevelVariant, &str); 5] = [
    (ServiceLevelVariant::AbandonsNegative, "aban_negative"),
    (ServiceLevelVariant::AbandonsIgnored, "aban_ignored"),
    (ServiceLevelVariant::AbandonsPositive, "aban_positive"),
    (ServiceLevelVariant::AbandonsNegativeShortExcluded, "aban_negative_short_excluded"),
    (ServiceLevelVariant::AbandonsPositiveShortExcluded, "aban_positive_short_excluded"),
];
pub const ASA_VARIANTS: [(AsaVariant, &str); 2] =
    [(AsaVariant::AnsweredOnly, "answered_only"), (AsaVariant::AllContacts, "all_contacts")];
pub const ABANDON_VARIANTS: [(AbandonmentVariant, &str); 4] = [
    (AbandonmentVariant::OverOffered, "over_offered"),
    (AbandonmentVariant::OverQueued, "over_queued"),
    (AbandonmentVariant::ShortExcludedOverOffered, "short_excluded_over_offered"),
    (AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned, "short_excluded_over_answered_plus_abandoned"),
];
pub const AHT_VARIANTS: [(AhtVariant, &str); 3] = [
    (AhtVariant::TalkHoldAcw, "talk_hold_acw"),
    (AhtVariant::TalkHold, "talk_hold"),
    (AhtVariant::TalkOnly, "talk_only"),
];
pub const OCC_VARIANTS: [(OccupancyVariant, &str); 2] =
    [(OccupancyVariant::Measured, "measured"), (OccupancyVariant::Utilization, "utilization")];
pub const COST_SCOPES: [(CostScope, &str); 2] =
    [(CostScope::FullyLoaded, "fully_loaded"), (CostScope::LabourOnly, "labour_only")];
pub const COST_BASES: [(CostBasis, &str); 4] = [
    (CostBasis::HandledContact, "handled"),
    (CostBasis::OfferedContact, "offered"),
    (CostBasis::HandledMinute, "handled_minute"),
    (CostBasis::AgentHour, "agent_hour"),
];

/// The name of `v` in a `(variant, name)` table.
pub fn name_of<T: PartialEq + Copy>(table: &[(T, &'static str)], v: T) -> &'static str {
    table.iter().find(|(x, _)| *x == v).map_or("", |(_, n)| n)
}

/// The variant named `name` in a `(variant, name)` table.
pub fn by_name<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(x, _)| *x)
}

/// What the user chose and typed in the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiForm {
    pub grouping: Grouping,
    pub choice: KpiChoice,
    /// Labour cost per agent hour (money), as typed.
    pub labour_per_hour: String,
    /// Other costs (telephony, technology, facilities, overhead) per agent hour, as typed.
    pub other_per_hour: String,
    /// Share of the busiest intervals in the peak view, percent as typed.
    pub peak_share: String,
    /// Only this channel (`None`: all channels).
    pub channel: Option<Channel>,
    /// Only this queue (`None`: all queues).
    pub queue: Option<String>,
    /// SL threshold T for call records, seconds as typed (interval reports
    /// carry their own T: then this is not used).
    pub sl_threshold: String,
}

impl Default for KpiForm {
    fn default() -> Self {
        KpiForm {
            grouping: Grouping::Month,
            choice: KpiChoice::default(),
            labour_per_hour: "450".into(),
            other_per_hour: "150".into(),
            peak_share: "10".into(),
            channel: None,
            queue: None,
            sl_threshold: "20".into(),
        }
    }
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiParsed {
    pub settings: DashboardSettings,
    /// Only this queue (`None`: all queues).
    pub queue: Option<String>,
    /// Fraction of intervals counted as peaks.
    pub peak_share: f64,
}

/// Longest SL threshold accepted, seconds (an hour).
pub const MAX_SL_THRESHOLD_S: f64 = 3600.0;

impl KpiForm {
    /// The SL threshold for call records, seconds: `0 ≤ T ≤ 3600` (field `sl_threshold`).
    pub fn threshold_s(&self) -> Result<f64, FieldError> {
        let t = parse_decimal("sl_threshold", &self.sl_threshold)?;
        if (0.0..=MAX_SL_THRESHOLD_S).contains(&t) {
            Ok(t)
        } else {
            Err(FieldError::new(
                "sl_threshold",
                &self.sl_threshold,
                callcalc_engine::Problem::OutOfRange {
                    min: 0.0,
                    max: MAX_SL_THRESHOLD_S,
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ))
        }
    }

    /// Validates every field (all errors reported, each naming its field).
    pub fn parse(&self) -> Result<KpiParsed, Vec<FieldError>> {
        let mut errs = Vec::new();
        keep(&mut errs, self.threshold_s());
        let labour = keep(&mut errs, parse_decimal("labour_per_hour", &self.labour_per_hour));
        let other = keep(&mut errs, parse_decimal("other_per_hour", &self.other_per_hour));
        let cost = match (labour, other) {
            (Some(l), Some(o)) => keep(
                &mut errs,
                CostInput::new(l, o).map_err(|mut e| {
                    e.field = if e.field == "labour_per_agent_hour" { "labour_per_hour" } else { "other_per_hour" };
                    e
                }),
            ),
            _ => None,
        };
        let peak = keep(
            &mut errs,
            parse_percent("peak_share", &self.peak_share).and_then(|p| {
                if p > 0.0 && p <= 1.0 {
                    Ok(p)
                } else {
                    Err(FieldError::new(
                        "peak_share",
                        &self.peak_share,
                        callcalc_engine::Problem::OutOfRange {
                            min: 0.0,
                            max: 100.0,
                            min_inclusive: false,
                            max_inclusive: true,
                        },
                    ))
                }
            }),
        );
        match (cost, peak) {
            (Some(cost), Some(peak_share)) if errs.is_empty() => Ok(KpiParsed {
                settings: DashboardSettings {
                    grouping: self.grouping,
                    choice: self.choice,
                    cost,
                    sl_threshold_s: SL_THRESHOLD_S,
                    channel: self.channel,
                },
                peak_share,
                queue: self.queue.clone(),
            }),
            _ => Err(errs),
        }
    }
}

/// The data the dashboard reads: interval statistics and agent rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiData {
    /// Interval statistics, channels merged.
    pub cells: Vec<IntervalStats>,
    /// The same split by channel (for the channel filter and the channel shares).
    pub by_channel: Vec<IntervalStats>,
    /// The same split by queue and channel (for the queue filter).
    pub by_queue: Vec<IntervalStats>,
    pub agents: Vec<AgentRow>,
    /// The interval statistics could not be built (message).
    pub error: Option<String>,
    /// The SL threshold T of the "answered within T" counts, seconds
    /// (`None`: an interval report that does not state its T).
    pub threshold_s: Option<f64>,
    /// Whether T can be changed: call records keep their waits and are
    /// aggregated again; an interval report's counts are fixed at its own T.
    pub threshold_editable: bool,
    /// The call records' cells split by queue and channel, for the
    /// customer-side KPIs (transfer, FCR, CSAT, NPS); empty without records.
    pub customer_cells: Vec<IntervalStats>,
    /// Contacts per reason (call records with a reason column).
    pub reasons: Vec<ReasonCount>,
}

/// The data set's intervals and agent rows; call records are aggregated
/// with the SL threshold `sl_threshold_s` (an interval report keeps its own).
pub fn kpi_data(d: &DataSet, sl_threshold_s: f64) -> KpiData {
    let agents = match d.agent_report.as_ref().map(|p| &p.imported.data) {
        Some(ImportedData::Agents(rows)) => rows.clone(),
        _ => Vec::new(),
    };
    let (part, threshold_editable) = match (&d.interval_report, &d.cdr) {
        (Some(p), _) => (Ok(p.clone()), false),
        (None, Some(p)) => (p.with_sl_threshold(sl_threshold_s), true),
        (None, None) => return KpiData { agents, ..Default::default() },
    };
    let part: Part = match part {
        Ok(p) => p,
        Err(e) => return KpiData { agents, error: Some(e), threshold_editable, ..Default::default() },
    };
    let (cells, error) = match part.intervals() {
        Some(Ok(c)) => (c, None),
        Some(Err(e)) => (Vec::new(), Some(e)),
        None => (Vec::new(), None),
    };
    let split = |q: bool, c: bool| part.cells(q, c).and_then(Result::ok).unwrap_or_default();
    let by_channel = split(false, true);
    let mut by_queue: Vec<IntervalStats> = split(true, true);
    if by_queue.iter().all(|c| c.queue.is_none()) {
        // The source has no queue column: nothing to filter by.
        by_queue.clear();
    }
    let customer_cells = d.cdr.as_ref().and_then(|p| p.cells(true, true)).and_then(Result::ok).unwrap_or_default();
    let reasons = d.cdr.as_ref().map(|p| p.imported.reasons.clone()).unwrap_or_default();
    KpiData {
        cells,
        by_channel,
        by_queue,
        agents,
        error,
        threshold_s: part.sl_threshold_s(),
        threshold_editable,
        customer_cells,
        reasons,
    }
}

/// The customer side of the dashboard: rows of the grouping, the total and
/// the Pareto of contact reasons, for the chosen queue and channel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Customer {
    pub rows: Vec<CustomerRow>,
    pub total: Option<CustomerRow>,
    pub bars: Vec<ParetoBar>,
}

impl Customer {
    /// True when some row has a customer-side value or there are reasons.
    pub fn has_data(&self) -> bool {
        self.total.as_ref().is_some_and(CustomerRow::has_data) || !self.bars.is_empty()
    }
}

/// Share of contacts the "vital few" reasons make up.
pub const PARETO_CUT: f64 = 0.8;

/// Customer-side rows and the reasons' Pareto for the settings' grouping,
/// queue and channel.
pub fn customer(data: &KpiData, s: &DashboardSettings, queue: Option<&str>) -> Customer {
    let keep_q = |q: &Option<String>| queue.is_none_or(|x| q.as_deref() == Some(x));
    let keep_c = |c: &Option<Channel>| s.channel.is_none_or(|x| *c == Some(x));
    let cells: Vec<IntervalStats> =
        data.customer_cells.iter().filter(|c| keep_q(&c.queue) && keep_c(&c.channel)).cloned().collect();
    let reasons: Vec<ReasonCount> =
        data.reasons.iter().filter(|r| keep_q(&r.queue) && keep_c(&r.channel)).cloned().collect();
    Customer {
        rows: customer_rows(&cells, s.grouping),
        total: customer_total(&cells, "total"),
        bars: pareto(&reasons, PARETO_CUT),
    }
}

/// The queues present in the data (sorted; empty when the source has no queue column).
pub fn queues(data: &KpiData) -> Vec<String> {
    let mut q: Vec<String> = data.by_queue.iter().filter_map(|c| c.queue.clone()).collect();
    q.sort();
    q.dedup();
    q
}

/// The channels present in the data.
pub fn channels(data: &KpiData) -> Vec<Channel> {
    channel_volumes(&data.by_channel).into_iter().map(|v| v.channel).collect()
}

/// The computed dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub settings: DashboardSettings,
    /// Only this queue (`None`: all queues).
    pub queue: Option<String>,
    pub rows: Vec<DashboardRow>,
    pub total: Option<DashboardRow>,
    /// Busiest intervals against the rest.
    pub peaks: Option<PeakView>,
    /// Busiest days against the rest (with the agent report's occupancy).
    pub peak_days: Option<PeakView>,
}

/// Groups the data into rows with the settings.
pub fn compute(data: &KpiData, p: &KpiParsed) -> Dashboard {
    let mut s = p.settings;
    s.sl_threshold_s = data.threshold_s.unwrap_or(SL_THRESHOLD_S);
    let cells = data.cells_for(&s, p.queue.as_deref());
    let cells = &cells[..];
    Dashboard {
        settings: s,
        queue: p.queue.clone(),
        rows: build_dashboard(cells, &data.agents, &s),
        total: dashboard_total(cells, &data.agents, &s),
        peaks: peak_view(cells, &data.agents, &s, Grouping::Interval, p.peak_share),
        peak_days: peak_view(cells, &data.agents, &s, Grouping::Day, p.peak_share),
    }
}

impl KpiData {
    /// The cells the settings read: split by channel when one channel is
    /// chosen; only the queue's cells (split by queue and channel) when a queue is.
    pub fn cells_for(&self, s: &DashboardSettings, queue: Option<&str>) -> std::borrow::Cow<'_, [IntervalStats]> {
        use std::borrow::Cow;
        match queue {
            Some(q) => Cow::Owned(self.by_queue.iter().filter(|c| c.queue.as_deref() == Some(q)).cloned().collect()),
            None if s.channel.is_some() => Cow::Borrowed(&self.by_channel),
            None => Cow::Borrowed(&self.cells),
        }
    }
}

impl Dashboard {
    /// The row addressed by a table index (`rows.len()` = the total row).
    pub fn row(&self, index: usize) -> Option<&DashboardRow> {
        if index == self.rows.len() {
            self.total.as_ref()
        } else {
            self.rows.get(index)
        }
    }
}

/// A dashboard row over a period the data covers only partly.
#[derive(Debug, Clone, PartialEq)]
pub struct PartialRow {
    /// Index into [`Dashboard::rows`].
    pub index: usize,
    pub label: String,
    /// Calendar days of the row's period the data spans.
    pub covered_days: u32,
    /// Calendar days of the period (7 for a week, 28..=31 for a month).
    pub period_days: u32,
}

/// The week and month rows whose period the data reaches only partly: a
/// row is partial when fewer than all of its calendar days `[start, end)`
/// lie between the data's first and last day (day and interval rows never
/// are). Their KPIs are measured, but over part of the period only.
pub fn partial_rows(dash: &Dashboard, cov: &Coverage) -> Vec<PartialRow> {
    if !matches!(dash.settings.grouping, Grouping::Week | Grouping::Month) {
        return Vec::new();
    }
    dash.rows
        .iter()
        .enumerate()
        .filter_map(|(index, r)| {
            let (start, end) = (r.start.days(), r.end.days());
            let period = end - start;
            let covered = (end.min(cov.last_day + 1) - start.max(cov.first_day)).max(0);
            (covered < period).then(|| PartialRow {
                index,
                label: r.label.clone(),
                covered_days: covered as u32,
                period_days: period as u32,
            })
        })
        .collect()
}

/// What the KPI data covers (the cells with channels merged).
pub fn coverage(data: &KpiData) -> Option<Coverage> {
    Coverage::from_interval_stats(&data.cells)
}

/// A cell of the table: (row index, column).
pub type CellRef = (usize, KpiKey);

/// The reported-figure form: which column, the value as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedForm {
    pub key: KpiKey,
    pub value: String,
}

impl Default for ReportedForm {
    fn default() -> Self {
        ReportedForm { key: KpiKey::ServiceLevel, value: String::new() }
    }
}

/// The columns a reported figure can be entered for.
pub const REPORTABLE: [KpiKey; 8] = [
    KpiKey::ServiceLevel,
    KpiKey::Asa,
    KpiKey::Abandonment,
    KpiKey::Aht,
    KpiKey::Occupancy,
    KpiKey::Shrinkage,
    KpiKey::ContactsPerAgentHour,
    KpiKey::Cost,
];

/// Reads a reported value as people write it: SL `92 %` / `92`, AHT `3:10`,
/// cost `41`. The tolerance is half a unit of the last digit shown in reports
/// (0.05 % for shares, 0.5 s, 0.005 for money and rates).
pub fn parse_reported(form: &ReportedForm) -> Result<ReportedFigure, FieldError> {
    let family = form.key.reported().ok_or_else(|| {
        FieldError::new("reported_kpi", form.key.name(), callcalc_engine::Problem::Unreadable { expected: "a KPI" })
    })?;
    let (value, tol) = match form.key.unit() {
        KpiUnit::Share => (parse_percent("reported_value", &form.value)?, 0.0005),
        KpiUnit::Seconds => (parse_duration_s("reported_value", &form.value)?, 0.5),
        _ => (parse_decimal("reported_value", &form.value)?, 0.005),
    };
    ReportedFigure::new(family, value, tol)
}

/// Explains a reported figure against the total of the data (the agent
/// totals for occupancy, shrinkage and contacts per hour).
pub fn check_reported(dash: &Dashboard, reported: &ReportedFigure, key: KpiKey) -> Option<Explanation> {
    let total = dash.total.as_ref()?;
    let totals = match key {
        KpiKey::Occupancy | KpiKey::Shrinkage | KpiKey::ContactsPerAgentHour => total.agents.as_ref()?,
        _ => &total.contacts,
    };
    Some(explain(totals, reported))
}

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    CsvRu,
    CsvPlain,
    Json,
}

/// The workbook sheets of the dashboard: KPI, Intervals, Formulas, and with
/// a plan its columns `plan <key>` on the KPI sheet and a Plan sheet.
pub fn sheets(dash: &Dashboard, data: &KpiData, plan: Option<&PlanBook>) -> Vec<Sheet> {
    let mut out = dashboard_sheets(
        &dash.rows,
        dash.total.as_ref(),
        &data.cells_for(&dash.settings, dash.queue.as_deref()),
        &dash.settings,
    );
    if let Some(book) = plan.filter(|b| !b.is_empty()) {
        add_plan(&mut out, dash, book);
    }
    let c = customer(data, &dash.settings, dash.queue.as_deref());
    if c.has_data() {
        out.extend(customer_sheets(&c.rows, c.total.as_ref(), &c.bars));
    }
    out
}

fn plan_cell(key: PlanKey, v: Option<f64>) -> Cell {
    match key {
        PlanKey::ServiceLevel | PlanKey::Abandonment => Cell::percent(v),
        _ => Cell::number(v),
    }
}

/// Plan columns on the KPI sheet (one per target set anywhere in the book)
/// and a Plan sheet: period, KPI, variant, actual, plan, difference, met.
fn add_plan(sheets: &mut Vec<Sheet>, dash: &Dashboard, book: &PlanBook) {
    let rows = all_plan_rows(dash, book, usize::MAX);
    let keys: Vec<PlanKey> =
        PlanKey::ALL.iter().copied().filter(|k| rows.iter().any(|r| r.checks.iter().any(|c| c.key == *k))).collect();
    if let Some(kpi) = sheets.first_mut() {
        if let Some(head) = kpi.rows.first_mut() {
            head.extend(keys.iter().map(|k| Cell::text(format!("plan {}", k.name()))));
        }
        for (line, r) in kpi.rows.iter_mut().skip(1).zip(&rows) {
            line.extend(keys.iter().map(|&k| plan_cell(k, r.checks.iter().find(|c| c.key == k).map(|c| c.plan))));
        }
    }
    let mut p = Sheet::new("Plan");
    p.header(["period", "kpi", "variant", "actual", "plan", "difference", "met"]);
    for r in &rows {
        for c in &r.checks {
            p.row([
                Cell::text(r.label.clone()),
                Cell::text(c.key.name()),
                Cell::text(c.trace.as_ref().map(|t| t.variant.to_string()).unwrap_or_default()),
                plan_cell(c.key, c.actual),
                plan_cell(c.key, Some(c.plan)),
                plan_cell(c.key, c.difference),
                Cell::text(match c.met {
                    Some(true) => "met",
                    Some(false) => "missed",
                    None => "unknown",
                }),
            ]);
        }
    }
    sheets.push(p);
}

/// File name, MIME type and bytes of an export (with the plan when given).
pub fn export_file(
    dash: &Dashboard,
    data: &KpiData,
    plan: Option<&PlanBook>,
    format: ExportFormat,
) -> (&'static str, &'static str, Vec<u8>) {
    let sheets = sheets(dash, data, plan);
    match format {
        ExportFormat::Xlsx => ("callcalc-kpi.xlsx", crate::download::XLSX, to_xlsx(&sheets)),
        ExportFormat::CsvRu => {
            ("callcalc-kpi.csv", crate::download::CSV, to_csv(&sheets[0], CsvStyle::RU_EXCEL).into_bytes())
        }
        ExportFormat::CsvPlain => {
            ("callcalc-kpi.csv", crate::download::CSV, to_csv(&sheets[0], CsvStyle::PLAIN).into_bytes())
        }
        ExportFormat::Json => {
            // JSON: the KPI, Formulas (and Plan) sheets (intervals are in the XLSX).
            let kept: Vec<Sheet> = sheets.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, s)| s.clone()).collect();
            ("callcalc-kpi.json", crate::download::JSON, to_json(&kept).into_bytes())
        }
    }
}

/// A chart series: one point per row (`None` where the KPI is undefined).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: KpiKey,
    pub labels: Vec<String>,
    pub values: Vec<Option<f64>>,
}

/// The series of `key` over the rows.
pub fn series(dash: &Dashboard, key: KpiKey) -> Series {
    Series {
        key,
        labels: dash.rows.iter().map(|r| r.label.clone()).collect(),
        values: dash.rows.iter().map(|r| r.value(key, &dash.settings)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;
    use callcalc_engine::{CustomerKey, KpiVariant, Verdict};

    #[test]
    fn the_form_parses_and_names_bad_fields() {
        let ok = KpiForm::default().parse().unwrap();
        assert_eq!(ok.settings.cost.labour_per_agent_hour(), 450.0);
        assert_eq!(ok.peak_share, 0.1);
        let bad = KpiForm { labour_per_hour: "-1".into(), peak_share: "0".into(), ..Default::default() };
        let errs = bad.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["labour_per_hour", "peak_share"]);
    }

    #[test]
    fn the_demo_gives_twelve_months_and_a_flagged_sl() {
        let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
        assert!(data.error.is_none());
        assert!(!data.agents.is_empty());
        let p = KpiForm::default().parse().unwrap();
        let dash = compute(&data, &p);
        assert!(dash.rows.len() >= 12, "a year by month: {}", dash.rows.len());
        let total = dash.total.as_ref().unwrap();
        let sl = total.value(KpiKey::ServiceLevel, &dash.settings).unwrap();
        let ignored = total.contacts.service_level(ServiceLevelVariant::AbandonsIgnored).value.unwrap();
        assert!(ignored > sl, "abandons excluded raise the SL");
        // Reporting the Aban-Ignored value is explained as that variant.
        let form = ReportedForm { key: KpiKey::ServiceLevel, value: format!("{:.4}", ignored * 100.0) };
        let r = parse_reported(&form).unwrap();
        let e = check_reported(&dash, &r, KpiKey::ServiceLevel).unwrap();
        match e.verdict {
            Verdict::Explained(v) => {
                assert!(v.contains(&KpiVariant::ServiceLevel(ServiceLevelVariant::AbandonsIgnored)))
            }
            other => panic!("not explained: {other:?}"),
        }
        // The peak intervals are busier than the rest.
        let peaks = dash.peaks.as_ref().unwrap();
        let off = |r: &DashboardRow| r.value(KpiKey::Offered, &dash.settings).unwrap() / r.cells as f64;
        assert!(off(&peaks.peak) > off(peaks.rest.as_ref().unwrap()));
        let days = dash.peak_days.as_ref().unwrap();
        assert!(days.rows >= 365, "a year of days: {}", days.rows);
        assert!(off(&days.peak) > off(days.rest.as_ref().unwrap()));
    }

    #[test]
    fn one_channel_is_a_filter_of_the_split_cells() {
        let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
        let chans = channels(&data);
        assert!(chans.contains(&Channel::Phone) && chans.len() >= 2, "{chans:?}");
        let all = compute(&data, &KpiForm::default().parse().unwrap());
        let total_all = all.total.as_ref().unwrap().value(KpiKey::Offered, &all.settings).unwrap();
        let mut sum = 0.0;
        for ch in chans {
            let d = compute(&data, &KpiForm { channel: Some(ch), ..Default::default() }.parse().unwrap());
            sum += d.total.as_ref().unwrap().value(KpiKey::Offered, &d.settings).unwrap();
        }
        assert_eq!(sum, total_all, "the channels add up to the whole");
    }

    #[test]
    fn one_queue_is_a_filter_and_the_queues_add_up() {
        // The demo's interval report has no queue column: nothing to filter by.
        assert!(queues(&kpi_data(&demo_dataset(), SL_THRESHOLD_S)).is_empty());
        // Hand-made cells split by queue and channel: VIP (phone) 10 + 5 offered,
        // Support phone 20, Support chat 7.
        let t = callcalc_engine::Timestamp::from_civil(2024, 3, 1, 9, 0, 0).unwrap();
        let cell = |q: &str, ch: Channel, dt: i64, offered: u64| {
            let mut c = IntervalStats::empty(t.plus(dt), 900, Some(q.to_string()), Some(ch));
            c.offered = offered;
            c.answered = offered;
            c.answered_within_t = Some(offered);
            c.handled_with_time = offered;
            c.handle_s = 180.0 * offered as f64;
            c.answered_with_wait = offered;
            c.talk_s = None;
            c
        };
        let by_queue = vec![
            cell("VIP", Channel::Phone, 0, 10),
            cell("VIP", Channel::Phone, 900, 5),
            cell("Support", Channel::Phone, 0, 20),
            cell("Support", Channel::Chat, 0, 7),
        ];
        let mut all = by_queue[0].clone();
        all.queue = None;
        all.channel = None;
        for c in &by_queue[1..] {
            all.merge(c);
        }
        let data = KpiData { cells: vec![all], by_queue, ..Default::default() };
        assert_eq!(queues(&data), ["Support", "VIP"]);
        let offered = |queue: Option<&str>, channel: Option<Channel>| {
            let f = KpiForm { queue: queue.map(str::to_string), channel, ..Default::default() };
            let d = compute(&data, &f.parse().unwrap());
            d.total.as_ref().map(|t| t.value(KpiKey::Offered, &d.settings).unwrap())
        };
        assert_eq!(offered(None, None), Some(42.0));
        assert_eq!(offered(Some("VIP"), None), Some(15.0));
        assert_eq!(offered(Some("Support"), None), Some(27.0));
        assert_eq!(offered(Some("Support"), Some(Channel::Chat)), Some(7.0));
        assert_eq!(offered(Some("VIP"), Some(Channel::Chat)), None, "no chat in VIP");
        // The export reads the same (filtered) cells: one interval row for Support.
        let d = compute(&data, &KpiForm { queue: Some("Support".into()), ..Default::default() }.parse().unwrap());
        let (_, _, csv) = export_file(&d, &data, None, ExportFormat::CsvPlain);
        assert!(String::from_utf8(csv).unwrap().contains("27"));
    }

    #[test]
    fn imported_call_records_filter_by_queue_like_their_rows() {
        // Only the call records (the demo's CDR file imported alone).
        let cdr = demo_dataset().cdr.unwrap();
        let text = String::from_utf8(cdr.source.bytes.to_vec()).unwrap();
        // Hand count from the rows: offered and answered per queue (column 3, result column 5).
        let mut by_hand: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split(';').collect();
            let e = by_hand.entry(f[2].to_string()).or_default();
            e.0 += 1;
            e.1 += u64::from(f[4] == "Отвечен");
        }
        let d = DataSet::default().with_part(cdr);
        let data = kpi_data(&d, SL_THRESHOLD_S);
        assert!(data.threshold_editable && data.threshold_s == Some(SL_THRESHOLD_S));
        assert_eq!(queues(&data), by_hand.keys().cloned().collect::<Vec<_>>());
        assert!(by_hand.len() >= 3, "{by_hand:?}");
        for (q, (offered, answered)) in &by_hand {
            let f = KpiForm { queue: Some(q.clone()), ..Default::default() };
            let dash = compute(&data, &f.parse().unwrap());
            let t = dash.total.as_ref().unwrap();
            assert_eq!(t.value(KpiKey::Offered, &dash.settings), Some(*offered as f64), "{q}");
            assert_eq!(t.value(KpiKey::Answered, &dash.settings), Some(*answered as f64), "{q}");
        }
        // Channels filter the records too, and add up to the whole.
        let all = compute(&data, &KpiForm::default().parse().unwrap());
        let whole = all.total.as_ref().unwrap().value(KpiKey::Offered, &all.settings).unwrap();
        assert_eq!(whole, by_hand.values().map(|v| v.0).sum::<u64>() as f64);
        let chans = channels(&data);
        assert!(chans.len() >= 2);
        let sum: f64 = chans
            .iter()
            .map(|&ch| {
                let d = compute(&data, &KpiForm { channel: Some(ch), ..Default::default() }.parse().unwrap());
                let v = d.total.as_ref().unwrap().value(KpiKey::Offered, &d.settings).unwrap();
                assert!(v < whole, "{ch:?} is a part");
                v
            })
            .sum();
        assert_eq!(sum, whole);
    }

    #[test]
    fn the_threshold_of_call_records_changes_the_service_level() {
        let d = DataSet::default().with_part(demo_dataset().cdr.unwrap());
        let sl = |t: &str| {
            let f = KpiForm { sl_threshold: t.into(), ..Default::default() };
            let p = f.parse().unwrap();
            let data = kpi_data(&d, f.threshold_s().unwrap());
            let dash = compute(&data, &p);
            assert_eq!(dash.settings.sl_threshold_s, f.threshold_s().unwrap(), "printed on exports");
            dash.total.as_ref().unwrap().value(KpiKey::ServiceLevel, &dash.settings).unwrap()
        };
        let (s10, s20, s60) = (sl("10"), sl("20"), sl("60"));
        assert!(s10 < s20 && s20 < s60, "{s10} {s20} {s60}");
        let bad = KpiForm { sl_threshold: "-5".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err()[0].field, "sl_threshold");
        assert_eq!(
            KpiForm { sl_threshold: "x".into(), ..Default::default() }.threshold_s().unwrap_err().field,
            "sl_threshold"
        );
        // The demo's interval report keeps its own T, whatever is typed.
        let demo = kpi_data(&demo_dataset(), 60.0);
        assert!(!demo.threshold_editable);
        assert_eq!(demo.threshold_s, kpi_data(&demo_dataset(), 20.0).threshold_s);
    }

    #[test]
    fn in_russian_no_trace_input_of_the_demo_keeps_its_english_meaning() {
        use crate::i18n::{trace_meaning, Lang};
        let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
        let mut untranslated = std::collections::BTreeSet::new();
        let mut seen = 0;
        // Every column of every month, the total, and day rows (agent KPIs), in the
        // default variants and in every other variant of each family.
        let mut forms = vec![KpiForm::default(), KpiForm { grouping: Grouping::Day, ..Default::default() }];
        for (v, _) in SL_VARIANTS {
            let mut f = KpiForm::default();
            f.choice.service_level = v;
            forms.push(f);
        }
        for (v, _) in ABANDON_VARIANTS {
            let mut f = KpiForm::default();
            f.choice.abandonment = v;
            forms.push(f);
        }
        for ((a, _), (o, _)) in AHT_VARIANTS.iter().zip(OCC_VARIANTS.iter().cycle()) {
            let mut f = KpiForm::default();
            f.choice.aht = *a;
            f.choice.occupancy = *o;
            forms.push(f);
        }
        for (b, _) in COST_BASES {
            let mut f = KpiForm::default();
            f.choice.cost.basis = b;
            forms.push(f);
        }
        for f in forms {
            let dash = compute(&data, &f.parse().unwrap());
            for row in dash.rows.iter().take(3).chain(dash.total.as_ref()) {
                for key in KpiKey::ALL {
                    let Some(t) = row.cell(key, &dash.settings).trace else { continue };
                    for inp in &t.inputs {
                        seen += 1;
                        if trace_meaning(Lang::Ru, inp.symbol, inp.meaning) == inp.meaning {
                            untranslated.insert(format!("{} | {}", inp.symbol, inp.meaning));
                        }
                    }
                }
            }
        }
        assert!(seen > 100, "{seen} inputs");
        assert!(untranslated.is_empty(), "English in RU: {untranslated:#?}");
    }

    #[test]
    fn the_demo_shows_customer_side_kpis_and_the_reasons_pareto() {
        let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
        assert!(!data.customer_cells.is_empty() && !data.reasons.is_empty(), "the demo carries the columns");
        let p = KpiForm::default().parse().unwrap();
        let c = customer(&data, &p.settings, None);
        assert!(c.has_data());
        let total = c.total.as_ref().unwrap();
        for k in CustomerKey::ALL {
            let v = k.value(&total.counts);
            assert!(v.is_some(), "{k:?} has data in the demo");
            assert!(k.trace(&total.counts).is_some());
        }
        // In Russian, every customer trace has its variant and input meanings translated.
        {
            use crate::i18n::{trace_meaning, trace_variant, Lang};
            for k in CustomerKey::ALL {
                let t = k.trace(&total.counts).unwrap();
                assert_ne!(trace_variant(Lang::Ru, t.id, t.variant), t.variant, "{}", t.id);
                for inp in &t.inputs {
                    assert_ne!(trace_meaning(Lang::Ru, inp.symbol, inp.meaning), inp.meaning, "{}", inp.meaning);
                }
            }
        }
        // Transfer rate by hand from the summed counts.
        let q = &total.counts;
        let tr = CustomerKey::TransferRate.value(q).unwrap();
        assert_eq!(tr, q.transferred as f64 / q.transfer_known as f64);
        // Pareto: sorted, cumulative reaching 100 %, vital few up to 80 %.
        assert!(c.bars.windows(2).all(|w| w[0].contacts >= w[1].contacts));
        assert!((c.bars.last().unwrap().cumulative - 1.0).abs() < 1e-9);
        let vital: Vec<_> = c.bars.iter().filter(|b| b.vital).collect();
        assert!(!vital.is_empty() && vital.len() < c.bars.len());
        assert!(vital.last().unwrap().cumulative >= PARETO_CUT - 1e-12);
        // One queue is a part of the whole.
        let q0 = data.customer_cells.iter().find_map(|c| c.queue.clone()).unwrap();
        let one = customer(&data, &p.settings, Some(&q0));
        let n = |c: &Customer| c.bars.iter().map(|b| b.contacts).sum::<u64>();
        assert!(n(&one) < n(&c));
        // Exports carry the Customer and Reasons sheets.
        let dash = compute(&data, &p);
        let (_, _, json) = export_file(&dash, &data, None, ExportFormat::Json);
        let json = String::from_utf8(json).unwrap();
        assert!(json.contains("\"Customer\"") && json.contains("\"Reasons\"") && json.contains("vital_few"));
        // An interval report alone has no customer side: no data, not zeros.
        let ir = DataSet::default().with_part(demo_dataset().interval_report.unwrap());
        let c = customer(&kpi_data(&ir, SL_THRESHOLD_S), &p.settings, None);
        assert!(!c.has_data());
    }

    #[test]
    fn reported_values_are_read_as_written() {
        let r = parse_reported(&ReportedForm { key: KpiKey::Aht, value: "3:10".into() }).unwrap();
        assert_eq!(r.value, 190.0);
        let r = parse_reported(&ReportedForm { key: KpiKey::ServiceLevel, value: "92 %".into() }).unwrap();
        assert!((r.value - 0.92).abs() < 1e-12);
        let r = parse_reported(&ReportedForm { key: KpiKey::Cost, value: "41".into() }).unwrap();
        assert_eq!(r.value, 41.0);
        assert_eq!(
            parse_reported(&ReportedForm { key: KpiKey::Cost, value: "x".into() }).unwrap_err().field,
            "reported_value"
        );
    }

    #[test]
    fn exports_carry_the_variants() {
        let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
        let dash = compute(&data, &KpiForm::default().parse().unwrap());
        let (name, _, bytes) = export_file(&dash, &data, None, ExportFormat::CsvRu);
        assert_eq!(name, "callcalc-kpi.csv");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("service_level [kpi.service_level.aban_negative]"));
        let (_, _, json) = export_file(&dash, &data, None, ExportFormat::Json);
        assert!(String::from_utf8(json).unwrap().contains("\"Formulas\""));
        let (_, _, x) = export_file(&dash, &data, None, ExportFormat::Xlsx);
        assert_eq!(&x[..2], b"PK");
    }
}

#[cfg(test)]
mod partial_tests {
    //! Week and month rows over a period the data covers only partly.
    use std::sync::Arc;

    use callcalc_engine::demo;

    use super::*;
    use crate::i18n::Lang;
    use crate::state::coverage::partial_text;
    use crate::state::import::Source;

    fn data_of(start: (i32, u32, u32), days: u32) -> KpiData {
        let centre = demo::DemoCentre { start, ..Default::default() };
        let part = Part::import(Source {
            name: "short.csv".into(),
            bytes: Arc::new(demo::cdr_csv(&centre, days).into_bytes()),
        })
        .unwrap();
        kpi_data(&DataSet::default().with_part(part), SL_THRESHOLD_S)
    }

    fn dash(data: &KpiData, grouping: Grouping) -> Dashboard {
        compute(data, &KpiForm { grouping, ..Default::default() }.parse().unwrap())
    }

    #[test]
    fn a_month_row_with_one_day_of_31_is_partial() {
        let data = data_of((2024, 7, 3), 1);
        let cov = coverage(&data).unwrap();
        let d = dash(&data, Grouping::Month);
        let p = partial_rows(&d, &cov);
        assert_eq!(p, vec![PartialRow { index: 0, label: "2024-07".into(), covered_days: 1, period_days: 31 }]);
        assert_eq!(partial_text(Lang::Ru, p[0].covered_days, p[0].period_days), "неполный период: 1 из 31 дн.");
        // A week row: 1 of 7; day rows are whole days.
        let w = partial_rows(&dash(&data, Grouping::Week), &cov);
        assert_eq!((w[0].covered_days, w[0].period_days), (1, 7));
        assert!(partial_rows(&dash(&data, Grouping::Day), &cov).is_empty());
    }

    #[test]
    fn only_the_ends_of_a_span_are_partial() {
        // 29 July – 9 August 2024 (Monday to Friday of the next week): July 3 of 31, August 9 of 31;
        // the ISO weeks: 29 Jul – 4 Aug whole, 5 – 11 Aug 5 of 7.
        let data = data_of((2024, 7, 29), 12);
        let cov = coverage(&data).unwrap();
        let m = partial_rows(&dash(&data, Grouping::Month), &cov);
        let got: Vec<(String, u32, u32)> = m.iter().map(|r| (r.label.clone(), r.covered_days, r.period_days)).collect();
        assert_eq!(got, vec![("2024-07".into(), 3, 31), ("2024-08".into(), 9, 31)]);
        let w = partial_rows(&dash(&data, Grouping::Week), &cov);
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].index, w[0].covered_days, w[0].period_days), (1, 5, 7));
        // The full demo year has no partial month.
        let demo = kpi_data(&crate::state::dataset::demo_dataset(), SL_THRESHOLD_S);
        assert!(partial_rows(&dash(&demo, Grouping::Month), &coverage(&demo).unwrap()).is_empty());
    }
}

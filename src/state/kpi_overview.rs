//! The KPI page's headline cards: for the chosen period (the latest month,
//! week or day of the data set, or the whole data set) the six KPIs a
//! director asks for first, each with its value in the page's variant, the
//! change against the previous period of the same length, the status
//! against the plan, a sparkline of the last periods and the engine's
//! [`KpiCell`] (trace, missing reason). Plain Rust, unit-tested natively; the
//! page wraps [`overview`] in a memo.
//!
//! The rows are the engine's [`build_dashboard`] rows with the same
//! settings as the dashboard table (only the grouping is the period's), so a
//! card equals the table's row for the same period.

use callcalc_engine::{
    build_dashboard, dashboard_total, plan_vs_book, DashboardRow, DashboardSettings, Grouping, KpiCell, KpiKey,
    KpiVariant, PlanBook, PlanKey, Timestamp,
};

use crate::state::dataset::SL_THRESHOLD_S;
use crate::state::kpi::{KpiData, KpiParsed};
use crate::storage::{self, Loaded};

/// The KPIs on the cards, in order.
pub const CARD_KEYS: [KpiKey; 6] =
    [KpiKey::ServiceLevel, KpiKey::Asa, KpiKey::Abandonment, KpiKey::Aht, KpiKey::Occupancy, KpiKey::Cost];

/// Points on a sparkline: the current period and up to 11 before it.
pub const SPARK_POINTS: usize = 12;

/// A missed target is "near" when the actual is within this share of the
/// target: `|actual − plan| ≤ 0.05 × |plan|` (e.g. SL 77 % against a plan
/// of 80 %: 3 points = 3.75 % of the target, near; 75 %: 6.25 %, missed).
pub const NEAR_SHARE: f64 = 0.05;

/// Which period the cards show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverviewPeriod {
    /// The calendar month of the last interval of the data set.
    #[default]
    LatestMonth,
    /// The ISO week of the last interval.
    LatestWeek,
    /// The day of the last interval.
    LatestDay,
    /// Every interval of the data set (no previous period).
    Whole,
}

impl OverviewPeriod {
    pub const ALL: [OverviewPeriod; 4] =
        [OverviewPeriod::LatestMonth, OverviewPeriod::LatestWeek, OverviewPeriod::LatestDay, OverviewPeriod::Whole];

    /// Stable name (select value, test ids).
    pub fn name(self) -> &'static str {
        match self {
            OverviewPeriod::LatestMonth => "latest_month",
            OverviewPeriod::LatestWeek => "latest_week",
            OverviewPeriod::LatestDay => "latest_day",
            OverviewPeriod::Whole => "whole",
        }
    }

    pub fn from_name(name: &str) -> Option<OverviewPeriod> {
        OverviewPeriod::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The grouping of the periods the cards compare and the sparkline draws
    /// (months for the whole data set).
    pub fn grouping(self) -> Grouping {
        match self {
            OverviewPeriod::LatestMonth | OverviewPeriod::Whole => Grouping::Month,
            OverviewPeriod::LatestWeek => Grouping::Week,
            OverviewPeriod::LatestDay => Grouping::Day,
        }
    }
}

/// A card's value against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    /// On the good side of the target (SL ≥ plan; ASA, abandonment, AHT,
    /// cost ≤ plan — the engine's [`PlanKey::direction`]).
    Met,
    /// Missed by at most [`NEAR_SHARE`] of the target.
    Near,
    /// Missed by more.
    Missed,
}

impl PlanStatus {
    /// `"met"`, `"near"`, `"missed"` (a `data-status` attribute and a CSS class).
    pub fn name(self) -> &'static str {
        match self {
            PlanStatus::Met => "met",
            PlanStatus::Near => "near",
            PlanStatus::Missed => "missed",
        }
    }

    /// The status of `actual` against `plan` given whether the engine says it
    /// was met: near when missed by at most [`NEAR_SHARE`] × |plan|.
    pub fn of(met: bool, actual: f64, plan: f64) -> PlanStatus {
        if met {
            PlanStatus::Met
        } else if (actual - plan).abs() <= NEAR_SHARE * plan.abs() + 1e-12 {
            PlanStatus::Near
        } else {
            PlanStatus::Missed
        }
    }
}

/// A card against its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardPlan {
    pub target: f64,
    pub status: PlanStatus,
}

/// One headline card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub key: KpiKey,
    /// The value in the chosen variant, its trace, or why it is missing.
    pub cell: KpiCell,
    /// The chosen variant (to mark it in the trace's other variants).
    pub chosen: Option<KpiVariant>,
    /// The previous period's value (`None`: no previous period in the data, or undefined there).
    pub previous: Option<f64>,
    /// `value − previous`, in the KPI's unit (shares as fractions: ×100 = percentage points).
    pub delta: Option<f64>,
    /// Against the plan, when the plan sets a target for this KPI and period.
    pub plan: Option<CardPlan>,
    /// The last [`SPARK_POINTS`] periods, oldest first, ending with this one
    /// (`None` where the KPI is undefined).
    pub spark: Vec<Option<f64>>,
}

impl Card {
    pub fn value(&self) -> Option<f64> {
        self.cell.value
    }
}

/// The period the cards show.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    /// `2024-03`, `2024-W10`, `2024-03-06`, or `None` for the whole data set.
    pub label: Option<String>,
    pub first: Timestamp,
    pub last: Timestamp,
    pub intervals: usize,
    pub agent_rows: usize,
    /// The previous period's label (`None`: the data has none).
    pub previous_label: Option<String>,
}

/// The cards for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub period: OverviewPeriod,
    pub row: OverviewRow,
    pub cards: Vec<Card>,
}

/// The plan key of a card's KPI (occupancy has none).
pub fn plan_key(key: KpiKey) -> Option<PlanKey> {
    PlanKey::ALL.into_iter().find(|p| p.kpi() == Some(key))
}

/// The cards for `period` with the dashboard's settings (`None` when the
/// data has no intervals). The previous period is the row just before the
/// current one when it ends where the current one starts (a gap in the data:
/// no previous period, no change shown).
pub fn overview(data: &KpiData, p: &KpiParsed, period: OverviewPeriod, plan: Option<&PlanBook>) -> Option<Overview> {
    let mut s: DashboardSettings = p.settings;
    s.sl_threshold_s = data.threshold_s.unwrap_or(SL_THRESHOLD_S);
    s.grouping = period.grouping();
    let cells = data.cells_for(&s, p.queue.as_deref());
    let rows = build_dashboard(&cells, &data.agents, &s);
    let (current, previous): (DashboardRow, Option<&DashboardRow>) = match period {
        OverviewPeriod::Whole => (dashboard_total(&cells, &data.agents, &s)?, None),
        _ => {
            let (last, before) = rows.split_last()?;
            (last.clone(), before.last().filter(|b| b.end == last.start))
        }
    };
    let spark_rows = &rows[rows.len().saturating_sub(SPARK_POINTS)..];
    let checks = plan.filter(|b| !b.is_empty()).map(|b| plan_vs_book(&current, &s, b)).unwrap_or_default();
    let cards = CARD_KEYS
        .iter()
        .map(|&key| {
            let cell = current.cell(key, &s);
            let prev = previous.and_then(|r| r.value(key, &s));
            let delta = cell.value.zip(prev).map(|(v, p)| v - p);
            let plan = plan_key(key)
                .and_then(|pk| checks.iter().find(|c| c.key == pk))
                .and_then(|c| Some(CardPlan { target: c.plan, status: PlanStatus::of(c.met?, c.actual?, c.plan) }));
            Card {
                key,
                chosen: s.choice.variant(key),
                previous: prev,
                delta,
                plan,
                spark: spark_rows.iter().map(|r| r.value(key, &s)).collect(),
                cell,
            }
        })
        .collect();
    let row = OverviewRow {
        label: (period != OverviewPeriod::Whole).then(|| current.label.clone()),
        first: current.first,
        last: current.last,
        intervals: current.cells,
        agent_rows: current.agent_rows,
        previous_label: previous.map(|r| r.label.clone()),
    };
    Some(Overview { period, row, cards })
}

/// Sparkline geometry: `points` for an SVG `<polyline>` in a `width` ×
/// `height` box (y grows downwards; the lowest value at the bottom). A gap
/// (undefined value) splits the line: one string per run of defined points.
/// A flat series is drawn at mid-height.
pub fn spark_lines(values: &[Option<f64>], width: f64, height: f64) -> Vec<String> {
    let defined: Vec<f64> = values.iter().flatten().copied().filter(|v| v.is_finite()).collect();
    if defined.is_empty() {
        return Vec::new();
    }
    let lo = defined.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = defined.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let step = if values.len() > 1 { width / (values.len() - 1) as f64 } else { 0.0 };
    let y = |v: f64| if hi > lo { height - (v - lo) / (hi - lo) * height } else { height / 2.0 };
    let mut out = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => run.push(format!("{:.1},{:.1}", i as f64 * step, y(v))),
            None if !run.is_empty() => out.push(std::mem::take(&mut run).join(" ")),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run.join(" "));
    }
    out
}

const FOLD_KEY: &str = "callcalc.kpi-settings";
const FOLD_KIND: &str = "kpi-settings";
const FOLD_VERSION: u32 = 1;

/// Whether the settings open unfolded: on the first visit (nothing stored)
/// yes, and the visit is remembered; later visits open folded. An
/// unreadable record counts as a visit.
pub fn settings_open_on_load() -> bool {
    let first = matches!(storage::load(FOLD_KEY, FOLD_KIND, FOLD_VERSION), Loaded::Empty);
    if first {
        storage::write_raw(FOLD_KEY, &storage::encode(FOLD_KIND, FOLD_VERSION, &[("seen", "1")]));
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;
    use crate::state::kpi::{compute, kpi_data, KpiForm};
    use callcalc_engine::{PlanTargets, PlanTargetsInput};

    fn demo() -> (KpiData, KpiParsed) {
        (kpi_data(&demo_dataset(), SL_THRESHOLD_S), KpiForm::default().parse().unwrap())
    }

    #[test]
    fn cards_equal_the_dashboard_rows_of_the_same_period() {
        let (data, p) = demo();
        for (period, grouping) in [
            (OverviewPeriod::LatestMonth, Grouping::Month),
            (OverviewPeriod::LatestWeek, Grouping::Week),
            (OverviewPeriod::LatestDay, Grouping::Day),
        ] {
            let o = overview(&data, &p, period, None).unwrap();
            let form = KpiForm { grouping, ..KpiForm::default() };
            let dash = compute(&data, &form.parse().unwrap());
            let n = dash.rows.len();
            let (last, prev) = (&dash.rows[n - 1], &dash.rows[n - 2]);
            assert_eq!(o.row.label.as_deref(), Some(last.label.as_str()));
            assert_eq!(o.row.previous_label.as_deref(), Some(prev.label.as_str()));
            assert_eq!(o.row.intervals, last.cells);
            for c in &o.cards {
                let v = last.value(c.key, &dash.settings);
                assert_eq!(c.value(), v, "{period:?} {:?}", c.key);
                assert_eq!(c.previous, prev.value(c.key, &dash.settings));
                assert_eq!(c.delta, v.zip(c.previous).map(|(a, b)| a - b));
                assert_eq!(c.spark.len(), SPARK_POINTS.min(n));
                assert_eq!(c.spark.last().copied().flatten(), v);
                assert_eq!(c.spark[0], dash.rows[n - c.spark.len()].value(c.key, &dash.settings));
            }
            // Every card has a value with its trace, or says why not (the demo's
            // agent report does not cover its last month: occupancy is missing there).
            for c in &o.cards {
                assert_eq!(c.value().is_some(), c.cell.trace.is_some(), "{period:?} {:?}", c.key);
                assert_eq!(c.value().is_none(), c.cell.missing.is_some(), "{period:?} {:?}", c.key);
            }
            let defined = o.cards.iter().filter(|c| c.value().is_some()).count();
            assert!(defined >= 5, "{period:?}: {defined} cards with values");
        }
        // The whole data set equals the total row, without a previous period.
        let o = overview(&data, &p, OverviewPeriod::Whole, None).unwrap();
        let dash = compute(&data, &p);
        let total = dash.total.as_ref().unwrap();
        assert_eq!(o.row.label, None);
        for c in &o.cards {
            assert_eq!(c.value(), total.value(c.key, &dash.settings), "{:?}", c.key);
            assert_eq!((c.previous, c.delta), (None, None));
        }
    }

    #[test]
    fn the_page_variant_is_the_cards_variant() {
        let (data, _) = demo();
        let mut f = KpiForm::default();
        f.choice.service_level = callcalc_engine::ServiceLevelVariant::AbandonsIgnored;
        let ignored = overview(&data, &f.parse().unwrap(), OverviewPeriod::LatestMonth, None).unwrap();
        let negative =
            overview(&data, &KpiForm::default().parse().unwrap(), OverviewPeriod::LatestMonth, None).unwrap();
        let sl = |o: &Overview| o.cards[0].value().unwrap();
        assert!(sl(&ignored) > sl(&negative));
        assert_eq!(ignored.cards[0].cell.trace.as_ref().unwrap().id, "kpi.service_level.aban_ignored");
    }

    #[test]
    fn plan_status_met_near_missed() {
        // SL (at least): 80 % plan.
        assert_eq!(PlanStatus::of(true, 0.81, 0.8), PlanStatus::Met);
        assert_eq!(PlanStatus::of(false, 0.77, 0.8), PlanStatus::Near); // 3.75 % of the target
        assert_eq!(PlanStatus::of(false, 0.76, 0.8), PlanStatus::Near); // exactly 5 %
        assert_eq!(PlanStatus::of(false, 0.75, 0.8), PlanStatus::Missed);
        // AHT (at most): 180 s plan.
        assert_eq!(PlanStatus::of(false, 188.0, 180.0), PlanStatus::Near);
        assert_eq!(PlanStatus::of(false, 190.0, 180.0), PlanStatus::Missed);

        // On the demo: targets at, just off and far off the actual of the latest month.
        let (data, p) = demo();
        let o = overview(&data, &p, OverviewPeriod::LatestMonth, None).unwrap();
        let sl = o.cards[0].value().unwrap();
        let aht = o.cards[3].value().unwrap();
        let book = |sl_plan: f64, aht_plan: f64| {
            let t = PlanTargets::new(PlanTargetsInput {
                service_level: Some(sl_plan),
                aht_s: Some(aht_plan),
                ..Default::default()
            })
            .unwrap();
            PlanBook::new(t, [])
        };
        let status = |b: &PlanBook| {
            let o = overview(&data, &p, OverviewPeriod::LatestMonth, Some(b)).unwrap();
            (o.cards[0].plan.map(|c| c.status), o.cards[3].plan.map(|c| c.status), o.cards[4].plan)
        };
        assert_eq!(status(&book(sl, aht)), (Some(PlanStatus::Met), Some(PlanStatus::Met), None));
        assert_eq!(status(&book(sl * 1.03, aht * 0.97)), (Some(PlanStatus::Near), Some(PlanStatus::Near), None));
        assert_eq!(
            status(&book((sl * 1.2).min(1.0), aht * 0.8)),
            (Some(PlanStatus::Missed), Some(PlanStatus::Missed), None)
        );
        // No target: no status.
        let o = overview(&data, &p, OverviewPeriod::LatestMonth, Some(&PlanBook::default())).unwrap();
        assert!(o.cards.iter().all(|c| c.plan.is_none()));
        assert_eq!(plan_key(KpiKey::Occupancy), None);
        assert_eq!(plan_key(KpiKey::Cost), Some(PlanKey::CostPerContact));
    }

    #[test]
    fn missing_data_shows_why_and_no_data_no_cards() {
        // The interval report alone: no agent report, so occupancy is missing.
        let ir = crate::state::dataset::DataSet::default().with_part(demo_dataset().interval_report.unwrap());
        let data = kpi_data(&ir, SL_THRESHOLD_S);
        let o = overview(&data, &KpiForm::default().parse().unwrap(), OverviewPeriod::LatestMonth, None).unwrap();
        let occ = o.cards.iter().find(|c| c.key == KpiKey::Occupancy).unwrap();
        assert_eq!(occ.value(), None);
        assert!(occ.cell.missing.is_some(), "a reason: {:?}", occ.cell);
        assert_eq!(occ.delta, None);
        // No intervals at all: no cards.
        assert_eq!(
            overview(&KpiData::default(), &KpiForm::default().parse().unwrap(), OverviewPeriod::Whole, None),
            None
        );
    }

    #[test]
    fn a_gap_before_the_period_means_no_previous_period() {
        let t = |m| Timestamp::from_civil(2024, m, 1, 9, 0, 0).unwrap();
        let cell = |m, offered| {
            let mut c = callcalc_engine::IntervalStats::empty(t(m), 900, None, None);
            c.offered = offered;
            c.answered = offered;
            c
        };
        let p = KpiForm::default().parse().unwrap();
        // January and March: no February, so March has no previous month.
        let data = KpiData { cells: vec![cell(1, 10), cell(3, 20)], ..Default::default() };
        let o = overview(&data, &p, OverviewPeriod::LatestMonth, None).unwrap();
        assert_eq!((o.row.label.as_deref(), o.row.previous_label.as_deref()), (Some("2024-03"), None));
        assert!(o.cards.iter().all(|c| c.delta.is_none()));
        // February and March: the change is March − February.
        let mut feb = cell(2, 40);
        feb.answered = 30;
        feb.abandoned = Some(10);
        let mut mar = cell(3, 20);
        mar.abandoned = None;
        let data = KpiData { cells: vec![feb, mar], ..Default::default() };
        let o = overview(&data, &p, OverviewPeriod::LatestMonth, None).unwrap();
        assert_eq!(o.row.previous_label.as_deref(), Some("2024-02"));
        let ab = o.cards.iter().find(|c| c.key == KpiKey::Abandonment).unwrap();
        // Abandonment is missing in March (no abandoned counts), so no change.
        assert_eq!(ab.previous, Some(0.25));
        assert_eq!(ab.delta, None);
    }

    #[test]
    fn sparklines_scale_into_the_box_and_split_at_gaps() {
        assert_eq!(spark_lines(&[Some(1.0), Some(3.0), Some(2.0)], 100.0, 20.0), ["0.0,20.0 50.0,0.0 100.0,10.0"]);
        assert_eq!(
            spark_lines(&[Some(1.0), None, Some(2.0), Some(3.0)], 30.0, 10.0),
            ["0.0,10.0", "20.0,5.0 30.0,0.0"]
        );
        assert_eq!(spark_lines(&[Some(5.0), Some(5.0)], 10.0, 10.0), ["0.0,5.0 10.0,5.0"]);
        assert!(spark_lines(&[None, None], 10.0, 10.0).is_empty());
    }
}

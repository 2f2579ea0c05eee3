//! Plan vs actual: targets the user enters (service level, ASA, AHT,
//! abandonment, cost per contact, a monthly budget) against the KPIs of a
//! dashboard row, each with the difference and whether the plan was met.
//!
//! Conventions:
//! - the actual value is the row's KPI in the variant chosen on the
//!   dashboard (the variant id is printed in the check's trace), so a plan
//!   of «SL 80 %» is compared with the SL the dashboard shows;
//! - difference = actual − plan, in the KPI's unit;
//! - service level is met when actual ≥ plan; ASA, AHT, abandonment, cost
//!   per contact and spend are met when actual ≤ plan;
//! - the monthly budget is prorated to the row's period by time, month by
//!   month: a day of March gets 1/31 of the budget, a week across two months
//!   its share of each; the actual is the row's spend (cost in the chosen
//!   scope: fully loaded or labour only).

use crate::dashboard::{column_variant_id, DashboardRow, DashboardSettings, KpiKey, Missing};
use crate::error::{in_range, non_negative, FieldError};
use crate::import::{days_in_month, Timestamp};
use crate::trace::Trace;

const SRC_PLAN: &str = "plan entered by the user; actual from the dashboard row in the chosen variant";

/// The targets a plan can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanKey {
    ServiceLevel,
    Asa,
    Aht,
    Abandonment,
    CostPerContact,
    Budget,
}

/// Which side of the plan is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDirection {
    /// Met when actual ≥ plan.
    AtLeast,
    /// Met when actual ≤ plan.
    AtMost,
}

impl PlanKey {
    pub const ALL: [PlanKey; 6] = [
        PlanKey::ServiceLevel,
        PlanKey::Asa,
        PlanKey::Aht,
        PlanKey::Abandonment,
        PlanKey::CostPerContact,
        PlanKey::Budget,
    ];

    /// Stable machine name (`"service_level"`, `"budget"`), used in test ids and storage.
    pub fn name(self) -> &'static str {
        match self {
            PlanKey::ServiceLevel => "service_level",
            PlanKey::Asa => "asa",
            PlanKey::Aht => "aht",
            PlanKey::Abandonment => "abandonment",
            PlanKey::CostPerContact => "cost",
            PlanKey::Budget => "budget",
        }
    }

    /// The dashboard column compared with the plan (`None` for the budget: the spend).
    pub fn kpi(self) -> Option<KpiKey> {
        match self {
            PlanKey::ServiceLevel => Some(KpiKey::ServiceLevel),
            PlanKey::Asa => Some(KpiKey::Asa),
            PlanKey::Aht => Some(KpiKey::Aht),
            PlanKey::Abandonment => Some(KpiKey::Abandonment),
            PlanKey::CostPerContact => Some(KpiKey::Cost),
            PlanKey::Budget => None,
        }
    }

    pub fn direction(self) -> PlanDirection {
        match self {
            PlanKey::ServiceLevel => PlanDirection::AtLeast,
            _ => PlanDirection::AtMost,
        }
    }
}

/// Plan targets as entered (`None`: no target for that KPI). Shares are
/// fractions (0.8 for 80 %), times in seconds, money in the cost's currency.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlanTargetsInput {
    pub service_level: Option<f64>,
    pub asa_s: Option<f64>,
    pub aht_s: Option<f64>,
    pub abandonment: Option<f64>,
    pub cost_per_contact: Option<f64>,
    /// Budget (spend) per calendar month.
    pub monthly_budget: Option<f64>,
}

/// Validated plan targets.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlanTargets(PlanTargetsInput);

impl PlanTargets {
    /// Validates: shares in `[0, 1]`, everything else finite and ≥ 0. The
    /// error names the field (`service_level`, `asa_s`, `aht_s`,
    /// `abandonment`, `cost_per_contact`, `monthly_budget`).
    ///
    /// ```
    /// use callcalc_engine::{PlanTargets, PlanTargetsInput};
    /// let ok = PlanTargets::new(PlanTargetsInput { service_level: Some(0.8), ..Default::default() });
    /// assert!(ok.is_ok());
    /// let bad = PlanTargets::new(PlanTargetsInput { abandonment: Some(1.5), ..Default::default() });
    /// assert_eq!(bad.unwrap_err().field, "abandonment");
    /// ```
    pub fn new(raw: PlanTargetsInput) -> Result<PlanTargets, FieldError> {
        let share = |f: &'static str, v: Option<f64>| v.map(|x| in_range(f, x, 0.0, 1.0, true, true)).transpose();
        let amount = |f: &'static str, v: Option<f64>| v.map(|x| non_negative(f, x)).transpose();
        share("service_level", raw.service_level)?;
        amount("asa_s", raw.asa_s)?;
        amount("aht_s", raw.aht_s)?;
        share("abandonment", raw.abandonment)?;
        amount("cost_per_contact", raw.cost_per_contact)?;
        amount("monthly_budget", raw.monthly_budget)?;
        Ok(PlanTargets(raw))
    }

    pub fn input(&self) -> &PlanTargetsInput {
        &self.0
    }

    /// The target for `key` (for the budget: per month).
    pub fn get(&self, key: PlanKey) -> Option<f64> {
        let r = &self.0;
        match key {
            PlanKey::ServiceLevel => r.service_level,
            PlanKey::Asa => r.asa_s,
            PlanKey::Aht => r.aht_s,
            PlanKey::Abandonment => r.abandonment,
            PlanKey::CostPerContact => r.cost_per_contact,
            PlanKey::Budget => r.monthly_budget,
        }
    }

    /// True when no target is set.
    pub fn is_empty(&self) -> bool {
        PlanKey::ALL.iter().all(|k| self.get(*k).is_none())
    }
}

/// A monthly budget prorated to `[start, end)` by time, month by month:
/// `Σ budget × seconds in month m ∩ period / seconds in month m`.
///
/// ```
/// use callcalc_engine::{prorated_budget, Timestamp};
/// let d = |m, day| Timestamp::from_civil(2024, m, day, 0, 0, 0).unwrap();
/// // One day of March (31 days): 31 000 / 31 = 1 000.
/// assert!((prorated_budget(31_000.0, d(3, 1), d(3, 2)) - 1_000.0).abs() < 1e-9);
/// // 28 Feb – 2 Mar 2024 (leap year): 2 days of February (29 d) + 1 of March (31 d).
/// let b = prorated_budget(2_900.0, d(2, 28), d(3, 2));
/// assert!((b - (200.0 + 2_900.0 / 31.0)).abs() < 1e-9);
/// ```
pub fn prorated_budget(monthly: f64, start: Timestamp, end: Timestamp) -> f64 {
    let mut total = 0.0;
    let mut t = start;
    while t < end {
        let (y, m, _) = t.date();
        let dim = days_in_month(y, m);
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let next = Timestamp::from_civil(ny, nm, 1, 0, 0, 0).unwrap_or(end);
        let seg_end = if next < end { next } else { end };
        let secs = (seg_end.seconds() - t.seconds()) as f64;
        total += monthly * secs / (f64::from(dim) * 86_400.0);
        if seg_end <= t {
            break;
        }
        t = seg_end;
    }
    total
}

/// One KPI of a row against its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanCheck {
    pub key: PlanKey,
    /// The row's value (`None` when the data lack it).
    pub actual: Option<f64>,
    /// The plan for the row (the budget prorated to the row's period).
    pub plan: f64,
    /// `actual − plan`.
    pub difference: Option<f64>,
    /// Whether the plan was met (`None` when the actual is unknown).
    pub met: Option<bool>,
    /// Why the actual is unknown.
    pub missing: Option<Missing>,
    /// How the difference was computed (`None` when the actual is unknown).
    pub trace: Option<Trace>,
}

/// Every KPI of `row` that has a target, against it (in [`PlanKey::ALL`]
/// order). See the module documentation for the rules.
///
/// ```
/// use callcalc_engine::{build_dashboard, plan_vs_actual, DashboardSettings, IntervalStats, PlanKey,
///     PlanTargets, PlanTargetsInput, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t, 900, None, None);
/// a.offered = 10; a.answered = 10; a.answered_within_t = Some(7); a.abandoned = Some(0); a.abandoned_within_t = Some(0);
/// let s = DashboardSettings::default();
/// let row = &build_dashboard(&[a], &[], &s)[0];
/// let plan = PlanTargets::new(PlanTargetsInput { service_level: Some(0.8), ..Default::default() }).unwrap();
/// let checks = plan_vs_actual(row, &s, &plan);
/// assert_eq!(checks.len(), 1);
/// assert_eq!(checks[0].key, PlanKey::ServiceLevel);
/// assert!((checks[0].difference.unwrap() - (-0.1)).abs() < 1e-12); // 70 % − 80 %
/// assert_eq!(checks[0].met, Some(false));
/// ```
pub fn plan_vs_actual(row: &DashboardRow, settings: &DashboardSettings, plan: &PlanTargets) -> Vec<PlanCheck> {
    PlanKey::ALL
        .iter()
        .filter_map(|&key| {
            let target = plan.get(key)?;
            Some(check_one(row, settings, key, target, None))
        })
        .collect()
}

fn check_one(
    row: &DashboardRow,
    settings: &DashboardSettings,
    key: PlanKey,
    target: f64,
    budget_for_row: Option<f64>,
) -> PlanCheck {
    let (actual, missing, plan, variant, unit) = match key.kpi() {
        Some(k) => {
            let cell = row.cell(k, settings);
            let unit = match k {
                KpiKey::ServiceLevel | KpiKey::Abandonment => "",
                KpiKey::Asa | KpiKey::Aht => "s",
                _ => "money",
            };
            let missing = cell.missing.or(if cell.value.is_none() { Some(Missing::ZeroDenominator) } else { None });
            (cell.value, missing, target, column_variant_id(k, &settings.choice), unit)
        }
        None => {
            let spend = row.known.cost.then(|| row.contacts.cost_in_scope(settings.choice.cost.scope));
            let missing = if spend.is_none() { Some(Missing::Cost) } else { None };
            let plan = budget_for_row.unwrap_or_else(|| prorated_budget(target, row.start, row.end));
            (spend, missing, plan, "plan.budget.prorated_by_time", "money")
        }
    };
    let difference = actual.map(|a| a - plan);
    let met = actual.map(|a| match key.direction() {
        PlanDirection::AtLeast => a >= plan - 1e-12,
        PlanDirection::AtMost => a <= plan + 1e-12,
    });
    let trace = difference.map(|d| {
        let formula = match key.direction() {
            PlanDirection::AtLeast => "Δ = actual − plan; met when actual ≥ plan",
            PlanDirection::AtMost => "Δ = actual − plan; met when actual ≤ plan",
        };
        let mut t = Trace::new("plan.difference", formula, variant, SRC_PLAN, d, unit)
            .input("actual", "the row's value in the chosen variant", actual.unwrap_or(0.0), unit)
            .input("plan", "the target for the row", plan, unit);
        if key == PlanKey::Budget && budget_for_row.is_none() {
            t = t.input("budget", "monthly budget entered", target, unit);
        }
        t
    });
    PlanCheck { key, actual, plan, difference, met, missing, trace }
}

/// Targets of one calendar month (they override the every-month targets
/// for rows inside that month).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthPlan {
    pub year: i32,
    /// 1–12.
    pub month: u32,
    pub targets: PlanTargets,
}

impl MonthPlan {
    /// `YYYY-MM`.
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// A plan with targets per month: `every_month` applies where a month has
/// no target of its own.
///
/// Rules for a dashboard row `[start, end)`:
/// - SL, ASA, AHT, abandonment, cost per contact: the target of the row's
///   month when the row lies inside one month and that month sets it, else
///   the every-month target (a week across two months, or the total, uses
///   the every-month target);
/// - budget: each month's budget (its own, else the every-month one)
///   prorated to the part of the row inside that month, summed; no budget
///   when a month the row touches has none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanBook {
    pub every_month: PlanTargets,
    /// Sorted by month, one entry per month.
    pub months: Vec<MonthPlan>,
}

impl PlanBook {
    /// A book from the every-month targets and month plans (a later entry
    /// for the same month replaces an earlier one).
    pub fn new(every_month: PlanTargets, months: impl IntoIterator<Item = MonthPlan>) -> PlanBook {
        let mut by: std::collections::BTreeMap<(i32, u32), MonthPlan> = Default::default();
        for m in months {
            by.insert((m.year, m.month), m);
        }
        PlanBook { every_month, months: by.into_values().collect() }
    }

    /// The plan of month `(year, month)`, if any.
    pub fn month(&self, year: i32, month: u32) -> Option<&PlanTargets> {
        self.months.iter().find(|m| m.year == year && m.month == month).map(|m| &m.targets)
    }

    /// True when no target is set anywhere.
    pub fn is_empty(&self) -> bool {
        self.every_month.is_empty() && self.months.iter().all(|m| m.targets.is_empty())
    }

    /// The target of `key` for a row `[start, end)` (for the budget: the
    /// prorated sum, see the type's rules).
    ///
    /// ```
    /// use callcalc_engine::{MonthPlan, PlanBook, PlanKey, PlanTargets, PlanTargetsInput, Timestamp};
    /// let t = |sl, b| PlanTargets::new(PlanTargetsInput { service_level: sl, monthly_budget: b, ..Default::default() }).unwrap();
    /// let book = PlanBook::new(t(Some(0.8), Some(31_000.0)), [MonthPlan { year: 2024, month: 2, targets: t(Some(0.9), Some(29_000.0)) }]);
    /// let d = |m, day| Timestamp::from_civil(2024, m, day, 0, 0, 0).unwrap();
    /// assert_eq!(book.target(PlanKey::ServiceLevel, d(2, 5), d(2, 6)), Some(0.9)); // February's own
    /// assert_eq!(book.target(PlanKey::ServiceLevel, d(3, 5), d(3, 6)), Some(0.8)); // every month
    /// assert_eq!(book.target(PlanKey::ServiceLevel, d(2, 28), d(3, 2)), Some(0.8)); // across months
    /// // 28–29 Feb: 2 × 29 000 / 29; 1 March: 31 000 / 31.
    /// assert!((book.target(PlanKey::Budget, d(2, 28), d(3, 2)).unwrap() - 3_000.0).abs() < 1e-9);
    /// ```
    pub fn target(&self, key: PlanKey, start: Timestamp, end: Timestamp) -> Option<f64> {
        if key == PlanKey::Budget {
            let mut total = 0.0;
            let mut t = start;
            while t < end {
                let (y, m, _) = t.date();
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                let next = Timestamp::from_civil(ny, nm, 1, 0, 0, 0).unwrap_or(end);
                let seg_end = if next < end { next } else { end };
                if seg_end <= t {
                    break;
                }
                let monthly = self.month(y, m).and_then(|p| p.get(key)).or(self.every_month.get(key))?;
                total += prorated_budget(monthly, t, seg_end);
                t = seg_end;
            }
            return Some(total);
        }
        let (y0, m0, _) = start.date();
        let (y1, m1, _) = end.plus(-1).max(start).date();
        let own = if (y0, m0) == (y1, m1) { self.month(y0, m0).and_then(|p| p.get(key)) } else { None };
        own.or(self.every_month.get(key))
    }
}

/// Every KPI of `row` that has a target in `book` for the row's period,
/// against it (in [`PlanKey::ALL`] order); see [`PlanBook`] for which
/// month's target applies.
///
/// ```
/// use callcalc_engine::{build_dashboard, plan_vs_book, DashboardSettings, Grouping, IntervalStats, MonthPlan,
///     PlanBook, PlanKey, PlanTargets, PlanTargetsInput, Timestamp};
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
/// let mut a = IntervalStats::empty(t, 900, None, None);
/// a.offered = 10; a.answered = 10; a.answered_within_t = Some(7); a.abandoned = Some(0); a.abandoned_within_t = Some(0);
/// let s = DashboardSettings { grouping: Grouping::Month, ..Default::default() };
/// let row = &build_dashboard(&[a], &[], &s)[0];
/// let march = PlanTargets::new(PlanTargetsInput { service_level: Some(0.7), ..Default::default() }).unwrap();
/// let book = PlanBook::new(PlanTargets::default(), [MonthPlan { year: 2024, month: 3, targets: march }]);
/// let checks = plan_vs_book(row, &s, &book);
/// assert_eq!((checks[0].key, checks[0].plan, checks[0].met), (PlanKey::ServiceLevel, 0.7, Some(true)));
/// ```
pub fn plan_vs_book(row: &DashboardRow, settings: &DashboardSettings, book: &PlanBook) -> Vec<PlanCheck> {
    PlanKey::ALL
        .iter()
        .filter_map(|&key| {
            let plan = book.target(key, row.start, row.end)?;
            let budget = (key == PlanKey::Budget).then_some(plan);
            Some(check_one(row, settings, key, plan, budget))
        })
        .collect()
}

/// What a cell of a plan file should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanExpected {
    /// The header row: the column names `month;sl;aht;cost_per_call;budget`.
    Header,
    /// A month `YYYY-MM` (or `MM.YYYY`).
    Month,
    /// A month not given on an earlier row.
    NewMonth,
    /// A percentage 0–100 (`85`, `85 %`).
    Percent,
    /// A duration: seconds or `m:ss`.
    Duration,
    /// A number ≥ 0.
    Amount,
}

/// A rejected cell of a plan file: the row is left out, the others kept.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFileError {
    /// 1-based spreadsheet row.
    pub row: u64,
    /// The column's name as in the header (`sl`, `aht` …).
    pub column: String,
    /// The cell as written.
    pub text: String,
    pub expected: PlanExpected,
}

/// The months read from a plan file and the rows that were rejected.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanFile {
    pub months: Vec<MonthPlan>,
    pub errors: Vec<PlanFileError>,
}

/// The plan file's columns.
pub const PLAN_FILE_COLUMNS: [&str; 5] = ["month", "sl", "aht", "cost_per_call", "budget"];

fn read_month(t: &str) -> Option<(i32, u32)> {
    let (y, m) = if let Some((y, m)) = t.split_once('-') {
        (y, m)
    } else if let Some((m, y)) = t.split_once('.').or_else(|| t.split_once('/')) {
        (y, m)
    } else {
        return None;
    };
    let (y, m): (i32, u32) = (y.trim().parse().ok()?, m.trim().parse().ok()?);
    ((1900..=2200).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

/// Reads a plan file: a header `month;sl;aht;cost_per_call;budget` (any
/// order, `month` required, other columns optional; `,` `;` or tab
/// separated; UTF-8, UTF-16 or Windows-1251) and one row per month. SL in
/// percent, AHT in seconds or `m:ss`, cost per call and monthly budget as
/// numbers (decimal comma allowed); an empty cell sets no target. A row
/// with a bad cell is left out with an error naming its row, column, text
/// and what was expected; the good rows are kept.
///
/// ```
/// use callcalc_engine::{read_plan_file, PlanExpected, PlanKey};
/// let f = read_plan_file("month;sl;aht;cost_per_call;budget\n2024-01;80;3:10;41,5;1000000\n2024-02;abc;;;\n".as_bytes());
/// assert_eq!(f.months.len(), 1);
/// assert_eq!(f.months[0].targets.get(PlanKey::Aht), Some(190.0));
/// assert_eq!((f.errors[0].row, f.errors[0].column.as_str(), f.errors[0].expected), (3, "sl", PlanExpected::Percent));
/// ```
pub fn read_plan_file(bytes: &[u8]) -> PlanFile {
    let text = crate::import::decode(bytes).text;
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut reader = crate::import::CsvReader::new(None);
    let mut keep = |r: crate::import::Record<'_>| {
        if !r.is_blank() {
            records.push((r.row, r.to_cells()));
        }
    };
    reader.feed(&text, &mut keep);
    reader.finish(&mut keep);
    let mut out = PlanFile::default();
    let Some((header_row, header)) = records.first() else {
        out.errors.push(PlanFileError {
            row: 1,
            column: String::new(),
            text: String::new(),
            expected: PlanExpected::Header,
        });
        return out;
    };
    let mut cols: [Option<usize>; 5] = [None; 5];
    for (i, name) in header.iter().enumerate() {
        let key = name.trim().to_lowercase();
        match PLAN_FILE_COLUMNS.iter().position(|c| *c == key) {
            Some(k) if cols[k].is_none() => cols[k] = Some(i),
            _ => out.errors.push(PlanFileError {
                row: *header_row,
                column: format!("{}", i + 1),
                text: name.clone(),
                expected: PlanExpected::Header,
            }),
        }
    }
    if cols[0].is_none() {
        out.errors.push(PlanFileError {
            row: *header_row,
            column: "month".into(),
            text: header.join(";"),
            expected: PlanExpected::Header,
        });
        return out;
    }
    let mut months: Vec<MonthPlan> = Vec::new();
    for (row, cells) in &records[1..] {
        let cell = |k: usize| cols[k].and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("");
        let err = |k: usize, expected| PlanFileError {
            row: *row,
            column: PLAN_FILE_COLUMNS[k].to_string(),
            text: cell(k).to_string(),
            expected,
        };
        let Some((year, month)) = read_month(cell(0)) else {
            out.errors.push(err(0, PlanExpected::Month));
            continue;
        };
        if months.iter().any(|m| m.year == year && m.month == month) {
            out.errors.push(err(0, PlanExpected::NewMonth));
            continue;
        }
        let mut bad = None;
        let mut read = |k: usize, f: fn(&str) -> Result<f64, crate::error::Problem>, expected| {
            let t = cell(k);
            if t.is_empty() {
                return None;
            }
            match f(t) {
                Ok(x) => Some(x),
                Err(_) => {
                    bad.get_or_insert(err(k, expected));
                    None
                }
            }
        };
        let raw = PlanTargetsInput {
            service_level: read(1, crate::import::parse_percent_cell, PlanExpected::Percent),
            aht_s: read(2, crate::import::parse_duration_cell, PlanExpected::Duration),
            cost_per_contact: read(3, crate::import::parse_non_negative, PlanExpected::Amount),
            monthly_budget: read(4, crate::import::parse_non_negative, PlanExpected::Amount),
            ..Default::default()
        };
        if let Some(e) = bad {
            out.errors.push(e);
            continue;
        }
        match PlanTargets::new(raw) {
            Ok(targets) => months.push(MonthPlan { year, month, targets }),
            Err(e) => {
                let (k, expected) = match e.field {
                    "service_level" => (1, PlanExpected::Percent),
                    "aht_s" => (2, PlanExpected::Duration),
                    "cost_per_contact" => (3, PlanExpected::Amount),
                    _ => (4, PlanExpected::Amount),
                };
                out.errors.push(err(k, expected));
            }
        }
    }
    months.sort_by_key(|m| (m.year, m.month));
    out.months = months;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::{build_dashboard, dashboard_total, CostInput, Grouping};
    use crate::import::IntervalStats;

    fn ts(d: u32, h: u32) -> Timestamp {
        Timestamp::from_civil(2024, 3, d, h, 0, 0).unwrap()
    }

    /// Two days of March 2024. Day 1: 100 offered, 90 answered (80 within
    /// 20 s), 10 abandoned, waits 1 800 s, handle 90 × 200 s. Day 2: 50
    /// offered, 50 answered (45 within), waits 500 s, handle 50 × 180 s.
    fn fixture() -> Vec<IntervalStats> {
        let mut a = IntervalStats::empty(ts(1, 9), 3600, None, None);
        a.offered = 100;
        a.answered = 90;
        a.abandoned = Some(10);
        a.answered_within_t = Some(80);
        a.abandoned_within_t = Some(4);
        a.talk_s = None;
        a.wait_answered_s = 1_800.0;
        a.answered_with_wait = 90;
        a.handled_with_time = 90;
        a.handle_s = 18_000.0;
        a.staffed_agent_s = Some(36_000.0);
        let mut b = IntervalStats::empty(ts(2, 9), 3600, None, None);
        b.offered = 50;
        b.answered = 50;
        b.abandoned = Some(0);
        b.answered_within_t = Some(45);
        b.abandoned_within_t = Some(0);
        b.talk_s = None;
        b.wait_answered_s = 500.0;
        b.answered_with_wait = 50;
        b.handled_with_time = 50;
        b.handle_s = 9_000.0;
        b.staffed_agent_s = Some(18_000.0);
        vec![a, b]
    }

    fn targets() -> PlanTargets {
        PlanTargets::new(PlanTargetsInput {
            service_level: Some(0.85),
            asa_s: Some(15.0),
            aht_s: Some(190.0),
            abandonment: Some(0.05),
            cost_per_contact: Some(60.0),
            monthly_budget: Some(310_000.0),
        })
        .unwrap()
    }

    #[test]
    fn each_day_against_the_plan_by_hand() {
        let s = DashboardSettings {
            grouping: Grouping::Day,
            cost: CostInput::new(500.0, 100.0).unwrap(),
            ..Default::default()
        };
        let rows = build_dashboard(&fixture(), &[], &s);
        assert_eq!(rows.len(), 2);
        let day1 = plan_vs_actual(&rows[0], &s, &targets());
        assert_eq!(day1.len(), 6);
        let by = |v: &[PlanCheck], k: PlanKey| v.iter().find(|c| c.key == k).unwrap().clone();
        // SL Aban-Negative = 80 / 100 = 0.80 < 0.85: not met, Δ = −0.05.
        let sl = by(&day1, PlanKey::ServiceLevel);
        assert!((sl.actual.unwrap() - 0.80).abs() < 1e-12);
        assert!((sl.difference.unwrap() + 0.05).abs() < 1e-12);
        assert_eq!(sl.met, Some(false));
        // ASA = 1 800 / 90 = 20 s > 15: not met.
        let asa = by(&day1, PlanKey::Asa);
        assert!((asa.actual.unwrap() - 20.0).abs() < 1e-12);
        assert_eq!(asa.met, Some(false));
        // AHT = 18 000 / 90 = 200 s > 190: not met, Δ = +10 s.
        let aht = by(&day1, PlanKey::Aht);
        assert!((aht.difference.unwrap() - 10.0).abs() < 1e-12);
        assert_eq!(aht.met, Some(false));
        // Abandonment = 10 / 100 = 0.10 > 0.05.
        assert_eq!(by(&day1, PlanKey::Abandonment).met, Some(false));
        // Cost: 10 agent hours × 600 = 6 000 over 90 handled = 66.67 > 60.
        let cost = by(&day1, PlanKey::CostPerContact);
        assert!((cost.actual.unwrap() - 6_000.0 / 90.0).abs() < 1e-9);
        assert_eq!(cost.met, Some(false));
        // Budget: 310 000 / 31 = 10 000 a day; spend 6 000 ≤ 10 000: met, Δ = −4 000.
        let budget = by(&day1, PlanKey::Budget);
        assert!((budget.plan - 10_000.0).abs() < 1e-9);
        assert!((budget.difference.unwrap() + 4_000.0).abs() < 1e-9);
        assert_eq!(budget.met, Some(true));
        assert_eq!(budget.trace.as_ref().unwrap().variant, "plan.budget.prorated_by_time");

        // Day 2: SL 45/50 = 0.90 met; ASA 10 s met; AHT 180 met; abandonment 0 met;
        // cost 5 h × 600 / 50 = 60 = plan: met (at most).
        let day2 = plan_vs_actual(&rows[1], &s, &targets());
        assert!(day2.iter().all(|c| c.met == Some(true)), "{day2:?}");
        assert!((by(&day2, PlanKey::CostPerContact).difference.unwrap()).abs() < 1e-9);
    }

    #[test]
    fn the_total_and_what_is_missing() {
        let s = DashboardSettings { grouping: Grouping::Day, ..Default::default() };
        let total = dashboard_total(&fixture(), &[], &s).unwrap();
        let checks = plan_vs_actual(&total, &s, &targets());
        let sl = checks.iter().find(|c| c.key == PlanKey::ServiceLevel).unwrap();
        // (80 + 45) / 150 = 0.8333 < 0.85.
        assert!((sl.actual.unwrap() - 125.0 / 150.0).abs() < 1e-12);
        assert_eq!(sl.met, Some(false));
        assert!(sl.trace.as_ref().unwrap().variant.contains("aban_negative"));
        // No cost entered: cost and budget are unknown, never 0 or "met".
        for k in [PlanKey::CostPerContact, PlanKey::Budget] {
            let c = checks.iter().find(|c| c.key == k).unwrap();
            assert_eq!(c.actual, None);
            assert_eq!(c.met, None);
            assert_eq!(c.missing, Some(Missing::Cost));
        }
        // The total spans 1 March 09:00 – 2 March 10:00 = 25 h of a 31-day month.
        let budget = checks.iter().find(|c| c.key == PlanKey::Budget).unwrap();
        assert!((budget.plan - 310_000.0 * 25.0 / (31.0 * 24.0)).abs() < 1e-6);
    }

    #[test]
    fn targets_without_values_are_skipped_and_bad_ones_named() {
        let s = DashboardSettings::default();
        let rows = build_dashboard(&fixture(), &[], &s);
        assert!(plan_vs_actual(&rows[0], &s, &PlanTargets::default()).is_empty());
        assert!(PlanTargets::default().is_empty());
        let e = PlanTargets::new(PlanTargetsInput { aht_s: Some(-1.0), ..Default::default() }).unwrap_err();
        assert_eq!(e.field, "aht_s");
        let e =
            PlanTargets::new(PlanTargetsInput { monthly_budget: Some(f64::NAN), ..Default::default() }).unwrap_err();
        assert_eq!(e.field, "monthly_budget");
    }

    #[test]
    fn a_budget_over_a_whole_year_is_twelve_months() {
        let s = Timestamp::from_civil(2024, 1, 1, 0, 0, 0).unwrap();
        let e = Timestamp::from_civil(2025, 1, 1, 0, 0, 0).unwrap();
        assert!((prorated_budget(1_000.0, s, e) - 12_000.0).abs() < 1e-6);
    }

    #[test]
    fn a_plan_file_keeps_good_rows_and_locates_bad_ones() {
        let text = "month;sl;aht;cost_per_call;budget\n\
                    2024-01;80;190;41,5;1 000 000\n\
                    02.2024;85 %;3:10;;\n\
                    2024-13;80;;;\n\
                    2024-03;120;;;\n\
                    2024-04;80;x;;\n\
                    2024-05;;;-5;\n\
                    2024-01;90;;;\n\
                    2024-06;;;;900000\n";
        let f = read_plan_file(text.as_bytes());
        let labels: Vec<String> = f.months.iter().map(MonthPlan::label).collect();
        assert_eq!(labels, ["2024-01", "2024-02", "2024-06"]);
        assert!((f.months[0].targets.get(PlanKey::ServiceLevel).unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(f.months[0].targets.get(PlanKey::CostPerContact), Some(41.5));
        assert_eq!(f.months[0].targets.get(PlanKey::Budget), Some(1_000_000.0));
        assert_eq!(f.months[1].targets.get(PlanKey::Aht), Some(190.0));
        assert_eq!(f.months[1].targets.get(PlanKey::CostPerContact), None, "empty cell: no target");
        let errs: Vec<(u64, &str, &str, PlanExpected)> =
            f.errors.iter().map(|e| (e.row, e.column.as_str(), e.text.as_str(), e.expected)).collect();
        assert_eq!(
            errs,
            [
                (4, "month", "2024-13", PlanExpected::Month),
                (5, "sl", "120", PlanExpected::Percent),
                (6, "aht", "x", PlanExpected::Duration),
                (7, "cost_per_call", "-5", PlanExpected::Amount),
                (8, "month", "2024-01", PlanExpected::NewMonth),
            ]
        );
    }

    #[test]
    fn a_plan_file_in_windows_1251_with_columns_in_another_order() {
        // "budget,month" header, comma-separated, a Cyrillic junk column.
        let mut bytes = b"budget;month;\xef\xf0\xe8\xec\xe5\xf7\xe0\xed\xe8\xe5\n".to_vec();
        bytes.extend_from_slice(b"500000;2024-03;\xe4\xe0\n");
        let f = read_plan_file(&bytes);
        assert_eq!(f.months.len(), 1);
        assert_eq!(f.months[0].targets.get(PlanKey::Budget), Some(500_000.0));
        assert_eq!(f.errors.len(), 1, "{:?}", f.errors);
        assert_eq!((f.errors[0].row, f.errors[0].column.as_str(), f.errors[0].text.as_str()), (1, "3", "примечание"));
        assert_eq!(f.errors[0].expected, PlanExpected::Header);
        // No month column: nothing read, the header is the error.
        let f = read_plan_file(b"sl;aht\n80;190\n");
        assert!(f.months.is_empty());
        assert_eq!((f.errors[0].row, f.errors[0].column.as_str()), (1, "month"));
        assert_eq!(read_plan_file(b"").errors[0].expected, PlanExpected::Header);
    }

    #[test]
    fn each_day_gets_its_months_plan() {
        // Day 1 and day 2 of March; March has its own SL 0.75 and budget 62 000,
        // every month SL 0.85 and budget 310 000.
        let s = DashboardSettings {
            grouping: Grouping::Day,
            cost: CostInput::new(500.0, 100.0).unwrap(),
            ..Default::default()
        };
        let rows = build_dashboard(&fixture(), &[], &s);
        let march = PlanTargets::new(PlanTargetsInput {
            service_level: Some(0.75),
            monthly_budget: Some(62_000.0),
            ..Default::default()
        })
        .unwrap();
        let book = PlanBook::new(targets(), [MonthPlan { year: 2024, month: 3, targets: march }]);
        let day1 = plan_vs_book(&rows[0], &s, &book);
        let by = |v: &[PlanCheck], k: PlanKey| v.iter().find(|c| c.key == k).unwrap().clone();
        // SL 0.80 against March's 0.75: met (against the every-month 0.85 it was missed).
        let sl = by(&day1, PlanKey::ServiceLevel);
        assert_eq!((sl.plan, sl.met), (0.75, Some(true)));
        // AHT has no March target: the every-month 190 s.
        assert_eq!(by(&day1, PlanKey::Aht).plan, 190.0);
        // Budget: 62 000 / 31 = 2 000 a day; spend 6 000: missed by 4 000.
        let b = by(&day1, PlanKey::Budget);
        assert!((b.plan - 2_000.0).abs() < 1e-9);
        assert_eq!(b.met, Some(false));
        assert!((b.difference.unwrap() - 4_000.0).abs() < 1e-9);
        // A month without its own plan and without an every-month budget: no budget target.
        let only_march = PlanBook::new(PlanTargets::default(), [MonthPlan { year: 2024, month: 4, targets: march }]);
        assert!(plan_vs_book(&rows[0], &s, &only_march).is_empty());
        assert!(!only_march.is_empty() && PlanBook::default().is_empty());
    }
}

//! The forecast page's state: settings as typed, the interval history built
//! from the shared data set, backtest, forecast, interval requirement (net and
//! gross), peaks, the monthly hiring plan, shift plans and the export.
//! Plain Rust, unit-tested natively; the page wraps each step in a memo.

use callcalc_engine::export::{Cell, Sheet};
use callcalc_engine::{
    civil_from_days, days_in_month, evaluate_sequence, hiring_plan, interval_kpis, optimise_shifts, parse_decimal,
    parse_percent, staff_intervals, weekday, Backtest, FieldError, Forecast, HiringInput, HiringPlan, HwParameters,
    IntervalHistory, IntervalKpis, IntervalModel, Load, Method, ShiftKind, ShiftPlan, ShiftProblem, ShiftTemplate,
    Shrinkage, Smoothing, Targets,
};
use callcalc_engine::{ShortHistory, MIN_BACKTEST_DAYS};

use crate::state::dataset::{DataSet, INTERVAL_S};
use crate::state::form::{keep, positive_up_to, whole};

/// Weeks of history the backtest scores (fewer when the history is short).
pub const BACKTEST_WEEKS: u32 = 4;
/// Intervals listed in the peak report.
pub const PEAK_ROWS: usize = 10;

/// The methods the page backtests and offers, in table order.
pub fn methods() -> Vec<Method> {
    vec![
        Method::SeasonalNaive,
        Method::ProfileTrend { window_weeks: 4 },
        Method::ProfileTrend { window_weeks: 8 },
        Method::HoltWinters(HwParameters::Fixed(Smoothing::new(0.02, 0.0, 0.1, 0.98).expect("valid constants"))),
        Method::HoltWinters(HwParameters::GridSearch),
    ]
}

/// A stable key for a method of [`methods`] (for the select and tests).
pub fn method_key(m: &Method) -> String {
    match m {
        Method::ProfileTrend { window_weeks } => format!("profile_trend_{window_weeks}w"),
        other => other.name().to_string(),
    }
}

/// How far ahead to forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Horizon {
    Day,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Horizon {
    pub const ALL: [Horizon; 6] =
        [Horizon::Day, Horizon::Week, Horizon::Month, Horizon::Quarter, Horizon::HalfYear, Horizon::Year];
    pub fn code(self) -> &'static str {
        match self {
            Horizon::Day => "day",
            Horizon::Week => "week",
            Horizon::Month => "1m",
            Horizon::Quarter => "3m",
            Horizon::HalfYear => "6m",
            Horizon::Year => "12m",
        }
    }
    pub fn from_code(s: &str) -> Option<Horizon> {
        Self::ALL.into_iter().find(|h| h.code() == s)
    }
    /// The open days forecast: the next open day, the next 7 calendar days,
    /// or the next 1/3/6/12 calendar months.
    pub fn days(self, h: &IntervalHistory) -> Vec<i64> {
        let months = |m| h.open_days_for_months(m).unwrap_or_default();
        match self {
            Horizon::Day => h.open_days_after(7).into_iter().take(1).collect(),
            Horizon::Week => h.open_days_after(7),
            Horizon::Month => months(1),
            Horizon::Quarter => months(3),
            Horizon::HalfYear => months(6),
            Horizon::Year => months(12),
        }
    }
}

/// The queueing model of the requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueChoice {
    ErlangC,
    ErlangA,
    /// Erlang A plus redials of abandoned callers.
    ErlangX,
    /// Chat: several chats per agent, handle time growing with concurrency.
    Chat,
    /// Deferred work (e-mail, back office): a reply deadline in open hours,
    /// FIFO, backlog carried over ([`IntervalModel::Deferred`]).
    Deferred,
}

impl QueueChoice {
    pub fn code(self) -> &'static str {
        match self {
            QueueChoice::ErlangC => "c",
            QueueChoice::ErlangA => "a",
            QueueChoice::ErlangX => "x",
            QueueChoice::Chat => "chat",
            QueueChoice::Deferred => "deferred",
        }
    }
    pub fn from_code(s: &str) -> Option<QueueChoice> {
        match s {
            "c" => Some(QueueChoice::ErlangC),
            "a" => Some(QueueChoice::ErlangA),
            "x" => Some(QueueChoice::ErlangX),
            "chat" => Some(QueueChoice::Chat),
            "deferred" => Some(QueueChoice::Deferred),
            _ => None,
        }
    }
}

/// The settings as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastInputs {
    pub horizon: Horizon,
    /// Index into [`methods`]; `None`: the backtest's best.
    pub method: Option<usize>,
    pub model: QueueChoice,
    pub sl_percent: String,
    pub threshold_s: String,
    pub patience_s: String,
    /// Erlang X: share of abandoned callers who call again, percent.
    pub redial_percent: String,
    /// Chat: AHT multipliers by concurrency (1 chat, 2 chats, …), separated by
    /// semicolons or spaces; their count is the concurrency.
    pub chat_factors: String,
    /// Deferred work: reply deadline in open (business) hours.
    pub deadline_h: String,
    /// Deferred work: productive share of paid time, percent.
    pub deferred_occupancy_percent: String,
    /// Deferred work: items already open when the horizon starts (the
    /// current backlog), counted as arriving in its first interval.
    pub deferred_open_items: String,
    pub shrinkage: String,
    /// Peak report: a flat staffing to evaluate at the peaks.
    pub flat_agents: String,
    /// Peak report: a lower service level to compare the cost with.
    pub lower_sl_percent: String,
    /// Cost of one paid agent-hour.
    pub hourly_cost: String,
    pub headcount: String,
    pub attrition: String,
    pub lead_months: String,
    pub training_months: String,
    /// Paid hours of one FTE in a month.
    pub fte_hours: String,
    /// Special days (holidays, campaigns) excluded from fitting and scoring:
    /// ISO dates separated by commas, semicolons, spaces or new lines.
    pub special_days: String,
    /// The series forecast: a [`crate::state::forecast_series::Series`]
    /// code (`all`, `ch:chat`, `q:Sales` …); default all contacts.
    pub series: String,
}

impl Default for ForecastInputs {
    fn default() -> Self {
        ForecastInputs {
            horizon: Horizon::Week,
            method: None,
            model: QueueChoice::ErlangC,
            sl_percent: "80".into(),
            threshold_s: "20".into(),
            patience_s: "120".into(),
            redial_percent: "20".into(),
            chat_factors: "1; 1,4; 1,9".into(),
            deadline_h: "4".into(),
            deferred_occupancy_percent: "90".into(),
            deferred_open_items: "0".into(),
            shrinkage: "30".into(),
            flat_agents: "20".into(),
            lower_sl_percent: "70".into(),
            hourly_cost: "15".into(),
            headcount: "60".into(),
            attrition: "3".into(),
            lead_months: "1".into(),
            training_months: "1".into(),
            fte_hours: "165".into(),
            special_days: String::new(),
            series: crate::state::forecast_series::ALL_CODE.into(),
        }
    }
}

/// Validated settings.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedForecast {
    pub horizon: Horizon,
    pub method: Option<usize>,
    pub model: IntervalModel,
    /// The same model at the lower service level of the peak report.
    pub lower_model: IntervalModel,
    pub shrinkage: Shrinkage,
    pub flat_agents: u32,
    pub hourly_cost: f64,
    pub headcount: f64,
    pub attrition: f64,
    pub lead_months: u32,
    pub training_months: u32,
    pub fte_hours: f64,
    /// Special days (day numbers), sorted, without duplicates.
    pub special_days: Vec<i64>,
}

/// Special days as typed: ISO dates `YYYY-MM-DD` separated by commas,
/// semicolons, spaces or new lines; sorted, duplicates removed. An error
/// (field `fc_special`) names the first date that is not a calendar date.
pub fn parse_special_days(text: &str) -> Result<Vec<i64>, FieldError> {
    let mut out = Vec::new();
    for tok in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        let bad =
            || FieldError::new("fc_special", tok, callcalc_engine::Problem::Unreadable { expected: "YYYY-MM-DD" });
        let mut parts = tok.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
            return Err(bad());
        };
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return Err(bad());
        }
        out.push(callcalc_engine::days_from_civil(y, m, d));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The history with `special` days marked (excluded from fitting and
/// scoring, [`IntervalHistory::mark_special`]); dates outside the history are
/// ignored by the engine and returned for the page to list.
pub fn with_special_days(h: &IntervalHistory, special: &[i64]) -> Result<(IntervalHistory, Vec<i64>), String> {
    let mut out = h.clone();
    out.mark_special(special).map_err(|e| e.to_string())?;
    let outside = special.iter().copied().filter(|d| !h.days().iter().any(|x| x.day == *d)).collect();
    Ok((out, outside))
}

/// What marking special days did: how many days of the history are marked,
/// dates outside the history, and the backtest WAPE of the method in use
/// without and with them (`None` where that backtest failed).
#[derive(Clone, Debug, PartialEq)]
pub struct SpecialSummary {
    pub marked: usize,
    pub outside: Vec<i64>,
    pub wape_before: Option<f64>,
    pub wape_after: Option<f64>,
    /// The engine refused the list (no ordinary day would remain); the
    /// forecast then uses the history unmarked.
    pub error: Option<String>,
}

/// The WAPE of `m` in a backtest.
pub fn wape_of(b: &Backtest, m: &Method) -> Option<f64> {
    b.results.iter().find(|a| &a.method == m).map(|a| a.wape)
}

/// Chat AHT multipliers by concurrency: decimals (comma or point) separated by
/// semicolons, spaces or new lines; error field `fc_chat_factors`.
pub fn parse_chat_factors(text: &str) -> Result<Vec<f64>, FieldError> {
    text.split(|c: char| c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| parse_decimal("fc_chat_factors", t))
        .collect()
}

/// Parameters only some models use.
#[derive(Clone, Debug, PartialEq)]
struct ModelExtras {
    patience: f64,
    redial: f64,
    chat_factors: Vec<f64>,
    /// Deferred work: (deadline s, productive share, items open at the start).
    deferred: (f64, f64, f64),
}

/// Longest deferred-work deadline, open hours (a week of 24/7 opening): the
/// plan keeps up to `deadline / interval` arrival cohorts open, so its time
/// grows with the deadline.
pub const MAX_DEADLINE_H: f64 = 168.0;

/// The deferred-work deadline as typed, hours of open time: a decimal of at
/// least one interval (15 min) and at most [`MAX_DEADLINE_H`]; error field
/// `fc_deadline`.
pub fn parse_deadline_h(text: &str) -> Result<f64, FieldError> {
    let h = parse_decimal("fc_deadline", text)?;
    let min = f64::from(INTERVAL_S) / 3600.0;
    if (min..=MAX_DEADLINE_H).contains(&h) {
        Ok(h)
    } else {
        Err(FieldError::new(
            "fc_deadline",
            text.trim(),
            callcalc_engine::Problem::OutOfRange { min, max: MAX_DEADLINE_H, min_inclusive: true, max_inclusive: true },
        ))
    }
}

fn model_for(choice: QueueChoice, sl: f64, threshold: f64, x: &ModelExtras) -> Result<IntervalModel, FieldError> {
    let patience = x.patience;
    match choice {
        QueueChoice::ErlangC => Targets::service_level(sl, threshold).map(IntervalModel::ErlangC),
        QueueChoice::ErlangA => IntervalModel::erlang_a(sl, threshold, patience),
        QueueChoice::ErlangX => IntervalModel::erlang_x(sl, threshold, patience, x.redial),
        QueueChoice::Chat => IntervalModel::chat(sl, threshold, &x.chat_factors, Some(patience)),
        QueueChoice::Deferred => IntervalModel::deferred_from_backlog(x.deferred.0, x.deferred.1, x.deferred.2),
    }
}

fn rename(field: &'static str) -> impl Fn(FieldError) -> FieldError {
    move |e| FieldError { field, ..e }
}

impl ForecastInputs {
    /// Every field checked; all errors reported, each naming its field.
    pub fn parse(&self) -> Result<ParsedForecast, Vec<FieldError>> {
        let mut errs = Vec::new();
        let uses = |m: QueueChoice| self.model == m;
        // Deferred work has no answer-time target nor patience (those fields are hidden).
        let queue = !uses(QueueChoice::Deferred);
        let sl = if queue { keep(&mut errs, parse_percent("fc_sl", &self.sl_percent)) } else { Some(1.0) };
        let threshold =
            if queue { keep(&mut errs, parse_decimal("fc_threshold", &self.threshold_s)) } else { Some(0.0) };
        let patience = if queue { keep(&mut errs, parse_decimal("fc_patience", &self.patience_s)) } else { Some(1.0) };
        let deferred = if queue {
            Some((3600.0, 1.0, 0.0))
        } else {
            let open = keep(&mut errs, parse_decimal("fc_deferred_open", &self.deferred_open_items));
            let d = keep(&mut errs, parse_deadline_h(&self.deadline_h));
            let p = keep(
                &mut errs,
                parse_percent("fc_deferred_occupancy", &self.deferred_occupancy_percent).and_then(|p| {
                    positive_up_to("fc_deferred_occupancy", p, 1.0, self.deferred_occupancy_percent.trim(), 100.0)
                }),
            );
            d.zip(p).zip(open).map(|((d, p), o)| (d * 3600.0, p, o))
        };
        // Fields of other models are not checked (they are hidden).
        let redial = if uses(QueueChoice::ErlangX) {
            keep(&mut errs, parse_percent("fc_redial", &self.redial_percent))
        } else {
            Some(0.0)
        };
        let chat_factors = if uses(QueueChoice::Chat) {
            keep(&mut errs, parse_chat_factors(&self.chat_factors))
        } else {
            Some(vec![1.0])
        };
        // Deferred work: no lower service level (the peak report compares the plan with itself).
        let lower =
            if queue { keep(&mut errs, parse_percent("fc_lower_sl", &self.lower_sl_percent)) } else { Some(1.0) };
        let shrinkage = keep(
            &mut errs,
            parse_percent("fc_shrinkage", &self.shrinkage)
                .and_then(|s| Shrinkage::new(s).map_err(rename("fc_shrinkage"))),
        );
        let flat_agents = keep(&mut errs, whole("fc_flat_agents", &self.flat_agents, 0.0, 100_000.0));
        let hourly_cost = keep(
            &mut errs,
            parse_decimal("fc_hourly_cost", &self.hourly_cost).and_then(|x| {
                if x >= 0.0 {
                    Ok(x)
                } else {
                    Err(FieldError::new("fc_hourly_cost", x, callcalc_engine::Problem::Negative))
                }
            }),
        );
        let headcount = keep(&mut errs, parse_decimal("fc_headcount", &self.headcount));
        let attrition = keep(&mut errs, parse_percent("fc_attrition", &self.attrition));
        let lead = keep(&mut errs, whole("fc_lead", &self.lead_months, 0.0, 24.0));
        let training = keep(&mut errs, whole("fc_training", &self.training_months, 0.0, 24.0));
        let special_days = keep(&mut errs, parse_special_days(&self.special_days));
        let fte_hours = keep(
            &mut errs,
            parse_decimal("fc_fte_hours", &self.fte_hours)
                .and_then(|x| positive_up_to("fc_fte_hours", x, 744.0, x, 744.0)),
        );
        let mut model = None;
        let mut lower_model = None;
        if let (Some(sl), Some(t), Some(patience), Some(redial), Some(chat_factors), Some(deferred)) =
            (sl, threshold, patience, redial, chat_factors, deferred)
        {
            let x = ModelExtras { patience, redial, chat_factors, deferred };
            model = keep(
                &mut errs,
                model_for(self.model, sl, t, &x).map_err(|e| {
                    let f = match e.field {
                        "sl_target" => "fc_sl",
                        "patience_s" | "mean_patience_s" => "fc_patience",
                        "redial_probability" => "fc_redial",
                        "aht_factors" => "fc_chat_factors",
                        "deadline_s" => "fc_deadline",
                        "productive_share" => "fc_deferred_occupancy",
                        "open_items" => "fc_deferred_open",
                        _ => "fc_threshold",
                    };
                    FieldError { field: f, ..e }
                }),
            );
            if let (Some(l), true) = (lower, model.is_some()) {
                lower_model = keep(&mut errs, model_for(self.model, l, t, &x).map_err(rename("fc_lower_sl")));
            }
        }
        // Hiring inputs are checked by the engine's constructor with a dummy requirement.
        if let (Some(h), Some(a), Some(l), Some(t)) = (headcount, attrition, lead, training) {
            if let Err(e) = HiringInput::new(vec![0.0], h, a, l, t) {
                let f = match e.field {
                    "headcount" => "fc_headcount",
                    "monthly_attrition" => "fc_attrition",
                    "lead_time_months" => "fc_lead",
                    _ => "fc_training",
                };
                errs.push(FieldError { field: f, ..e });
            }
        }
        match (
            model,
            lower_model,
            shrinkage,
            flat_agents,
            hourly_cost,
            headcount,
            attrition,
            lead,
            training,
            (fte_hours, special_days),
        ) {
            (
                Some(model),
                Some(lower_model),
                Some(shrinkage),
                Some(flat_agents),
                Some(hourly_cost),
                Some(h),
                Some(a),
                Some(l),
                Some(t),
                (Some(f), Some(special_days)),
            ) if errs.is_empty() => Ok(ParsedForecast {
                horizon: self.horizon,
                method: self.method,
                model,
                lower_model,
                shrinkage,
                flat_agents,
                hourly_cost,
                headcount: h,
                attrition: a,
                lead_months: l,
                training_months: t,
                fte_hours: f,
                special_days,
            }),
            _ => Err(errs),
        }
    }
}

/// The interval history of the data set (channels and queues together).
pub fn history(ds: &DataSet) -> Result<IntervalHistory, String> {
    let cells = ds.intervals().ok_or_else(|| "no interval data".to_string())??;
    IntervalHistory::from_interval_stats(&cells, INTERVAL_S).map_err(|e| e.to_string())
}

/// Why the backtest did not run.
#[derive(Clone, Debug, PartialEq)]
pub enum BacktestProblem {
    /// The history spans fewer than [`MIN_BACKTEST_DAYS`] calendar days (one
    /// week to fit, the next to score); the forecast itself still runs.
    TooShort(ShortHistory),
    /// The engine refused the backtest (e.g. no volume in the scored weeks).
    Engine(FieldError),
}

impl std::fmt::Display for BacktestProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BacktestProblem::TooShort(s) => write!(f, "{s}"),
            BacktestProblem::Engine(e) => write!(f, "{e}"),
        }
    }
}

/// Backtest of every method over the last [`BACKTEST_WEEKS`] weeks (fewer
/// if the history is shorter; at least one week of training is kept). A
/// history spanning fewer than [`MIN_BACKTEST_DAYS`] calendar days is
/// refused with [`BacktestProblem::TooShort`] (how much is needed, how much
/// there is).
pub fn backtest(h: &IntervalHistory) -> Result<Backtest, BacktestProblem> {
    let span = h.days().last().map_or(0, |d| d.day) - h.days().first().map_or(0, |d| d.day) + 1;
    let open = h.days().iter().filter(|d| d.volumes.iter().any(|&v| v > 0.0)).count();
    ShortHistory::check(MIN_BACKTEST_DAYS, span.clamp(0, i64::from(u32::MAX)) as u32, open as u32)
        .map_err(BacktestProblem::TooShort)?;
    let weeks = (BACKTEST_WEEKS as i64).min(span / 7 - 1).max(1) as u32;
    h.backtest(weeks, &methods()).map_err(BacktestProblem::Engine)
}

/// The method used: the user's choice, else the backtest's best.
pub fn chosen_method(choice: Option<usize>, bt: Option<&Backtest>) -> Method {
    let all = methods();
    match choice.and_then(|i| all.get(i).copied()) {
        Some(m) => m,
        None => bt.map(|b| b.best().method).unwrap_or(all[0]),
    }
}

/// Mean handle time over the whole history (contacts-weighted), the AHT of
/// intervals the forecast has none for; 180 s if the history has none.
pub fn history_aht(h: &IntervalHistory) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for d in h.days() {
        if let Some(a) = &d.aht_s {
            for (v, x) in d.volumes.iter().zip(a) {
                if let Some(x) = x {
                    num += v * x;
                    den += v;
                }
            }
        }
    }
    // A history whose handle times are all zero (or missing) gives no usable
    // AHT: 180 s keeps every later `Load` valid instead of failing.
    if den > 0.0 && num > 0.0 {
        num / den
    } else {
        180.0
    }
}

/// One interval of the requirement.
#[derive(Clone, Debug, PartialEq)]
pub struct NeedRow {
    pub day: i64,
    /// Slot of the day (0 = 00:00).
    pub slot: u32,
    pub calls: f64,
    pub aht_s: f64,
    /// Net agents on the phones.
    pub net: u32,
    /// Gross FTE `net / (1 − shrinkage)`.
    pub gross: f64,
    pub met: bool,
    pub kpis: IntervalKpis,
}

/// The requirement of every forecast interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    pub interval_s: u32,
    pub rows: Vec<NeedRow>,
    /// Rows whose targets no staffing meets.
    pub unmet: usize,
}

impl Requirement {
    pub fn agent_hours(&self) -> f64 {
        self.rows.iter().map(|r| f64::from(r.net)).sum::<f64>() * f64::from(self.interval_s) / 3600.0
    }
    pub fn total_calls(&self) -> f64 {
        self.rows.iter().map(|r| r.calls).sum()
    }
    pub fn peak(&self) -> Option<&NeedRow> {
        self.rows.iter().max_by_key(|r| r.net)
    }
}

/// The loads of the requirement's rows, in order (the open intervals).
pub fn row_loads(r: &Requirement) -> Result<Vec<Load>, String> {
    r.rows.iter().map(|n| Load::new(n.calls, f64::from(r.interval_s), n.aht_s).map_err(|e| e.to_string())).collect()
}

/// The forecast's (day, slot) keys and their loads.
type KeyedLoads = (Vec<(i64, u32)>, Vec<Load>);

fn loads(f: &Forecast, aht_default: f64) -> Result<KeyedLoads, String> {
    let mut keys = Vec::new();
    let mut out = Vec::new();
    for d in &f.days {
        for (i, &v) in d.volumes.iter().enumerate() {
            let aht = d.aht_s.as_ref().and_then(|a| a[i]).unwrap_or(aht_default);
            keys.push((d.day, f.first_slot + i as u32));
            out.push(Load::new(v, f64::from(f.interval_s), aht).map_err(|e| e.to_string())?);
        }
    }
    Ok((keys, out))
}

/// Net agents per interval with the chosen model, and gross FTE after shrinkage,
/// for every day of the forecast (Erlang X too: `staff_intervals` solves a
/// year of distinct loads with it in tenths of a second).
pub fn requirement(f: &Forecast, aht_default: f64, model: &IntervalModel, s: Shrinkage) -> Result<Requirement, String> {
    let (keys, loads) = loads(f, aht_default)?;
    let staff = staff_intervals(&loads, model).map_err(|e| e.to_string())?;
    let keep = 1.0 - s.fraction();
    let rows: Vec<NeedRow> = keys
        .into_iter()
        .zip(loads.iter().zip(staff))
        .map(|((day, slot), (l, st))| NeedRow {
            day,
            slot,
            calls: l.calls(),
            aht_s: l.aht_s(),
            net: st.agents,
            gross: f64::from(st.agents) / keep,
            met: st.met,
            kpis: st.kpis,
        })
        .collect();
    let unmet = rows.iter().filter(|r| !r.met).count();
    Ok(Requirement { interval_s: f.interval_s, rows, unmet })
}

/// One peak interval.
#[derive(Clone, Debug, PartialEq)]
pub struct PeakRow {
    pub day: i64,
    pub slot: u32,
    pub calls: f64,
    pub net: u32,
    /// Agents needed at the lower service level.
    pub net_lower: u32,
    /// What the flat staffing gives here.
    pub flat: IntervalKpis,
    /// The data set's own staffing for this interval ([`StaffedPattern::agents_for`]) and what it gives.
    pub staffed: Option<(f64, IntervalKpis)>,
}

/// Agents staffed per interval in the data set (interval report column
/// `agents_staffed`, agent-seconds / interval length, summed over queues and
/// channels), keyed by (day, slot of day).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StaffedPattern {
    by_slot: std::collections::HashMap<(i64, u32), f64>,
    last_day: i64,
}

/// How far back (weeks) [`StaffedPattern::agents_for`] looks for the same weekday.
pub const STAFFED_LOOKBACK_WEEKS: i64 = 8;

impl StaffedPattern {
    /// `None` when no interval reports agents staffed.
    pub fn from_intervals(cells: &[callcalc_engine::IntervalStats]) -> Option<StaffedPattern> {
        let mut by_slot = std::collections::HashMap::new();
        let mut last_day = i64::MIN;
        for c in cells {
            if let (Some(a), true) = (c.staffed_agent_s, c.length_s > 0) {
                let key = (c.start.days(), c.start.second_of_day() / c.length_s);
                *by_slot.entry(key).or_insert(0.0) += a / f64::from(c.length_s);
                last_day = last_day.max(key.0);
            }
        }
        (!by_slot.is_empty()).then_some(StaffedPattern { by_slot, last_day })
    }

    /// The staffing a forecast interval gets if the centre keeps its
    /// schedule: agents staffed at the same slot on the latest day of the
    /// data with the same weekday (`day − 7k`, `k ≥ 1`, up to
    /// [`STAFFED_LOOKBACK_WEEKS`] weeks before the data's last day); `None`
    /// if there is none (a closed slot is 0 agents only if reported so).
    pub fn agents_for(&self, day: i64, slot: u32) -> Option<f64> {
        let mut d = day - 7;
        while d > self.last_day {
            d -= 7;
        }
        (0..STAFFED_LOOKBACK_WEEKS).find_map(|k| self.by_slot.get(&(d - 7 * k, slot)).copied())
    }
}

/// The data set's staffing pattern, if its interval data reports agents staffed.
pub fn staffed_pattern(ds: &DataSet) -> Option<StaffedPattern> {
    ds.intervals()?.ok().and_then(|c| StaffedPattern::from_intervals(&c))
}

/// Peak intervals, a flat staffing there, and the cost of the target vs a lower SL.
#[derive(Clone, Debug, PartialEq)]
pub struct PeakReport {
    pub rows: Vec<PeakRow>,
    pub flat_agents: u32,
    /// Paid hours at the peaks meeting the target: `Σ net · Δt / (1 − s)`.
    pub paid_hours_target: f64,
    /// The same at the lower service level.
    pub paid_hours_lower: f64,
    pub cost_target: f64,
    pub cost_lower: f64,
}

/// The [`PEAK_ROWS`] intervals with the highest requirement (ties: earlier
/// first); at each, the KPIs `flat_agents` would give, and the agents at the
/// lower SL. Costs: paid hours × hourly cost.
///
/// With `staffed` (the data's own staffing per interval), each peak is also
/// evaluated at the agents the data staffed there, rounded to whole agents
/// (the queue models take whole agents; the exact average is shown).
///
/// Deferred work ([`IntervalModel::is_sequence`]): the flat staffing is
/// evaluated over the whole sequence ([`evaluate_sequence`], backlog carried
/// over) and its "service level" is the deadline-met share of the items due
/// in the peak interval; the data's own staffing likewise (intervals the data
/// has no staffing for keep the plan's agents); no lower SL (`net_lower =
/// net`).
pub fn peaks(r: &Requirement, p: &ParsedForecast, staffed: Option<&StaffedPattern>) -> Result<PeakReport, String> {
    // Deferred work: (flat staffing, data's staffing) evaluated over the sequence.
    let sequence = if p.model.is_sequence() {
        let loads = row_loads(r)?;
        let flat = evaluate_sequence(&loads, &p.model, &vec![p.flat_agents; loads.len()]).map_err(|e| e.to_string())?;
        let own = match staffed {
            Some(s) => {
                let agents: Vec<u32> =
                    r.rows.iter().map(|n| s.agents_for(n.day, n.slot).map_or(n.net, |a| a.round() as u32)).collect();
                Some(evaluate_sequence(&loads, &p.model, &agents).map_err(|e| e.to_string())?)
            }
            None => None,
        };
        Some((flat, own))
    } else {
        None
    };
    let mut idx: Vec<usize> = (0..r.rows.len()).collect();
    idx.sort_by(|&a, &b| r.rows[b].net.cmp(&r.rows[a].net).then(a.cmp(&b)));
    idx.truncate(PEAK_ROWS);
    let dt = f64::from(r.interval_s);
    let keep = 1.0 - p.shrinkage.fraction();
    let mut rows = Vec::new();
    for i in idx {
        let n = &r.rows[i];
        let load = Load::new(n.calls, dt, n.aht_s).map_err(|e| e.to_string())?;
        if let Some((flat, own)) = &sequence {
            let staffed = staffed.and_then(|s| s.agents_for(n.day, n.slot)).zip(own.as_ref().map(|k| k[i]));
            rows.push(PeakRow {
                day: n.day,
                slot: n.slot,
                calls: n.calls,
                net: n.net,
                net_lower: n.net,
                flat: flat[i],
                staffed,
            });
            continue;
        }
        let flat = interval_kpis(&load, &p.model, p.flat_agents).map_err(|e| e.to_string())?;
        let lower = staff_intervals(&[load], &p.lower_model).map_err(|e| e.to_string())?[0].agents;
        let staffed = match staffed.and_then(|s| s.agents_for(n.day, n.slot)) {
            Some(a) => Some((a, interval_kpis(&load, &p.model, a.round() as u32).map_err(|e| e.to_string())?)),
            None => None,
        };
        rows.push(PeakRow { day: n.day, slot: n.slot, calls: n.calls, net: n.net, net_lower: lower, flat, staffed });
    }
    let hours = |f: fn(&PeakRow) -> u32| rows.iter().map(|x| f64::from(f(x))).sum::<f64>() * dt / 3600.0 / keep;
    let paid_hours_target = hours(|x| x.net);
    let paid_hours_lower = hours(|x| x.net_lower);
    Ok(PeakReport {
        flat_agents: p.flat_agents,
        cost_target: paid_hours_target * p.hourly_cost,
        cost_lower: paid_hours_lower * p.hourly_cost,
        paid_hours_target,
        paid_hours_lower,
        rows,
    })
}

/// The flat staffing the peak report starts from: the requirement at the peak
/// interval (the report's first row: net agents, whole by construction), so
/// the table opens at a staffing that meets the target at every peak rather
/// than at an arbitrary number far below the traffic (every row at 0 %).
/// `None` when there are no peaks. The page uses it while the user has not
/// typed a flat staffing of their own.
pub fn peak_default_agents(report: &PeakReport) -> Option<u32> {
    report.rows.first().map(|x| x.net)
}

#[cfg(test)]
mod peak_default_tests {
    use super::*;
    use crate::state::dataset::demo_dataset;

    #[test]
    fn the_default_flat_staffing_is_the_peak_requirement_and_meets_the_target_at_every_peak() {
        let ds = demo_dataset();
        let h = history(&ds).unwrap();
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Week.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
        let old = peaks(&r, &p, None).unwrap();
        let agents = peak_default_agents(&old).unwrap();
        assert_eq!(agents, r.peak().unwrap().net, "the requirement at the peak interval");
        // The old fixed default (20) was far below the demo's peaks: 0 % everywhere.
        assert!(old.rows.iter().all(|x| x.flat.service_level < 0.01), "{:?}", old.rows[0].flat);
        let p = ForecastInputs { flat_agents: agents.to_string(), ..Default::default() }.parse().unwrap();
        let rep = peaks(&r, &p, None).unwrap();
        assert_eq!(peak_default_agents(&rep), Some(agents), "stable: it does not depend on the flat staffing");
        for x in &rep.rows {
            assert!(x.flat.service_level >= 0.8, "{} agents give {} at a peak", agents, x.flat.service_level);
        }
        assert_eq!(peak_default_agents(&PeakReport { rows: Vec::new(), ..rep }), None);
    }
}

/// A month of the long-term plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanMonth {
    pub year: i32,
    pub month: u32,
    pub calls: f64,
    /// Paid FTE required: `(paid hours per forecast day) × (open days of the
    /// calendar month) / (paid hours of an FTE per month)`, paid hours =
    /// net agent-hours / (1 − shrinkage).
    pub required_fte: f64,
}

/// Monthly FTE requirement from a (long) requirement, and the hiring plan for it.
#[derive(Clone, Debug, PartialEq)]
pub struct LongTerm {
    pub months: Vec<PlanMonth>,
    pub plan: HiringPlan,
}

pub fn long_term(r: &Requirement, h: &IntervalHistory, p: &ParsedForecast) -> Result<LongTerm, String> {
    let open = h.open_weekdays();
    let keep = 1.0 - p.shrinkage.fraction();
    let dt_h = f64::from(r.interval_s) / 3600.0;
    // (year, month) → (calls, net agent-hours, forecast days)
    let mut acc: Vec<(i32, u32, f64, f64, std::collections::BTreeSet<i64>)> = Vec::new();
    for row in &r.rows {
        let (y, m, _) = civil_from_days(row.day);
        if acc.last().is_none_or(|a| (a.0, a.1) != (y, m)) {
            acc.push((y, m, 0.0, 0.0, Default::default()));
        }
        let a = acc.last_mut().expect("pushed above");
        a.2 += row.calls;
        a.3 += f64::from(row.net) * dt_h;
        a.4.insert(row.day);
    }
    let months: Vec<PlanMonth> = acc
        .into_iter()
        .map(|(y, m, calls, hours, days)| {
            let first = callcalc_engine::days_from_civil(y, m, 1);
            let open_days = (0..i64::from(days_in_month(y, m))).filter(|k| open[weekday(first + k)]).count() as f64;
            let per_day = hours / keep / days.len().max(1) as f64;
            PlanMonth { year: y, month: m, calls, required_fte: per_day * open_days / p.fte_hours }
        })
        .collect();
    if months.is_empty() {
        return Err("empty forecast".into());
    }
    let input = HiringInput::new(
        months.iter().map(|m| m.required_fte).collect(),
        p.headcount,
        p.attrition,
        p.lead_months,
        p.training_months,
    )
    .map_err(|e| e.to_string())?;
    Ok(LongTerm { plan: hiring_plan(&input), months })
}

/// A shift template row as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ShiftRow {
    pub name: String,
    /// Start time of day, "HH:MM" on the 15-minute grid.
    pub start: String,
    pub length_h: String,
    /// Unpaid break minutes in the middle of the shift.
    pub break_min: String,
    pub part_time: bool,
}

impl ShiftRow {
    pub fn new(name: &str, start: &str, length_h: &str, break_min: &str, part_time: bool) -> ShiftRow {
        ShiftRow {
            name: name.into(),
            start: start.into(),
            length_h: length_h.into(),
            break_min: break_min.into(),
            part_time,
        }
    }
}

/// Five templates of a centre open 08:00–22:00.
pub fn default_shifts() -> Vec<ShiftRow> {
    vec![
        ShiftRow::new("Early", "08:00", "8", "60", false),
        ShiftRow::new("Day", "10:00", "8", "60", false),
        ShiftRow::new("Late", "14:00", "8", "60", false),
        ShiftRow::new("Morning part-time", "08:00", "4", "0", true),
        ShiftRow::new("Evening part-time", "18:00", "4", "0", true),
    ]
}

/// Slots per full day on the 15-minute grid.
pub const DAY_SLOTS: u32 = 86_400 / INTERVAL_S;

/// "HH:MM" on the 15-minute grid → slot of the day.
pub fn parse_slot(field: &'static str, text: &str) -> Result<u32, FieldError> {
    let bad =
        || FieldError::new(field, text, callcalc_engine::Problem::Unreadable { expected: "HH:MM on a 15-minute grid" });
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let m: u32 = m.trim().parse().map_err(|_| bad())?;
    if h > 23 || m > 59 || !(h * 3600 + m * 60).is_multiple_of(INTERVAL_S) {
        return Err(bad());
    }
    Ok((h * 3600 + m * 60) / INTERVAL_S)
}

/// "HH:MM" of a slot of the day.
pub fn slot_time(slot: u32) -> String {
    let s = slot * INTERVAL_S;
    format!("{:02}:{:02}", s / 3600, s % 3600 / 60)
}

/// ISO date of a day number.
pub fn date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Errors of one template row: (row index, error).
pub type RowErrors = Vec<(usize, FieldError)>;

/// The shift week: one calendar week of the requirement (days
/// `first + 7k … first + 7k + 6`, `first` = the horizon's first day; only the
/// open days the requirement has) on a full-day grid (`DAY_SLOTS` per day, 0
/// required outside the open window).
#[derive(Clone, Debug, PartialEq)]
pub struct ShiftWeek {
    pub days: Vec<i64>,
    pub required: Vec<u32>,
    /// Loads per grid interval (0 calls outside the window).
    pub loads: Vec<Load>,
    /// Per grid interval, its row of the requirement (`None`: closed).
    pub rows: Vec<Option<usize>>,
    /// Deferred work: the requirement's loads from its first row to the
    /// week's last, and their planned net agents (the backlog the week starts
    /// with comes from the plan before it).
    pub sequence: Vec<Load>,
    pub planned: Vec<u32>,
}

/// The calendar weeks of the requirement that have days: `(first, last)`
/// open day of each, in order; week `k` of [`shift_week`] is entry `k`.
pub fn shift_weeks(r: &Requirement) -> Vec<(i64, i64)> {
    let Some(first) = r.rows.first().map(|x| x.day) else { return Vec::new() };
    let mut out: Vec<(i64, (i64, i64))> = Vec::new();
    for row in &r.rows {
        let k = (row.day - first).div_euclid(7);
        match out.last_mut() {
            Some((w, span)) if *w == k => span.1 = span.1.max(row.day),
            _ => out.push((k, (row.day, row.day))),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// Week `week` of [`shift_weeks`] (the last one if beyond).
pub fn shift_week(r: &Requirement, aht_default: f64, week: usize) -> ShiftWeek {
    let weeks = shift_weeks(r);
    let (lo, hi) = weeks.get(week).or(weeks.last()).copied().unwrap_or((0, -1));
    let mut days: Vec<i64> = Vec::new();
    for row in &r.rows {
        if row.day >= lo && row.day <= hi && days.last() != Some(&row.day) {
            days.push(row.day);
        }
    }
    let n = days.len() * DAY_SLOTS as usize;
    let empty = Load::new(0.0, f64::from(r.interval_s), aht_default).expect("valid: zero calls");
    let mut required = vec![0; n];
    let mut loads = vec![empty; n];
    let mut rows = vec![None; n];
    let mut end = 0;
    for (j, row) in r.rows.iter().enumerate() {
        if let Some(d) = days.iter().position(|&x| x == row.day) {
            let i = d * DAY_SLOTS as usize + row.slot as usize;
            required[i] = row.net;
            loads[i] = Load::new(row.calls, f64::from(r.interval_s), row.aht_s).expect("valid: from a valid load");
            rows[i] = Some(j);
            end = j + 1;
        }
    }
    let sequence = r.rows[..end]
        .iter()
        .map(|row| Load::new(row.calls, f64::from(r.interval_s), row.aht_s).expect("valid: from a valid load"))
        .collect();
    let planned = r.rows[..end].iter().map(|row| row.net).collect();
    ShiftWeek { days, required, loads, rows, sequence, planned }
}

/// Templates from the rows: each starts at its time on every day of the week
/// (where the shift fits in the week), breaks centred in the shift, unpaid.
pub fn templates(rows: &[ShiftRow], week_days: usize) -> Result<Vec<ShiftTemplate>, RowErrors> {
    let mut errs = Vec::new();
    let mut out = Vec::new();
    let horizon = week_days as u32 * DAY_SLOTS;
    for (i, r) in rows.iter().enumerate() {
        let start = parse_slot("shift_start", &r.start).map_err(|e| errs.push((i, e))).ok();
        let length = parse_decimal("shift_length", &r.length_h)
            .and_then(|h| {
                let k = h * 3600.0 / f64::from(INTERVAL_S);
                if k >= 1.0 && k.fract() == 0.0 && k <= 16.0 * 4.0 {
                    Ok(k as u32)
                } else {
                    Err(FieldError::new("shift_length", h, callcalc_engine::Problem::NotInteger))
                }
            })
            .map_err(|e| errs.push((i, e)))
            .ok();
        let breaks = parse_decimal("shift_break", &r.break_min)
            .and_then(|m| {
                let k = m * 60.0 / f64::from(INTERVAL_S);
                if k >= 0.0 && k.fract() == 0.0 {
                    Ok(k as u32)
                } else {
                    Err(FieldError::new("shift_break", m, callcalc_engine::Problem::NotInteger))
                }
            })
            .map_err(|e| errs.push((i, e)))
            .ok();
        if let (Some(start), Some(length), Some(b)) = (start, length, breaks) {
            let first_break = (length / 2).saturating_sub(b / 2);
            let brk: Vec<u32> = (first_break..first_break + b).collect();
            let starts: Vec<u32> =
                (0..week_days as u32).map(|d| d * DAY_SLOTS + start).filter(|s| s + length <= horizon).collect();
            let kind = if r.part_time { ShiftKind::PartTime } else { ShiftKind::FullTime };
            let name = if r.name.trim().is_empty() { format!("#{}", i + 1) } else { r.name.trim().to_string() };
            let starts = if starts.is_empty() { vec![u32::MAX] } else { starts };
            match ShiftTemplate::new(name, kind, length, brk, false, starts, None) {
                Ok(t) if t.starts() != [u32::MAX] => out.push(t),
                Ok(_) => errs.push((
                    i,
                    FieldError::new(
                        "shift_start",
                        &r.start,
                        callcalc_engine::Problem::Unreadable { expected: "a shift that ends within the week" },
                    ),
                )),
                Err(e) => errs.push((
                    i,
                    FieldError { field: if e.field == "breaks" { "shift_break" } else { "shift_length" }, ..e },
                )),
            }
        }
    }
    if out.is_empty() && errs.is_empty() {
        errs.push((0, FieldError::new("shift_start", 0, callcalc_engine::Problem::NotPositive)));
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// The optimiser's plan for the week and the service level each interval would get.
#[derive(Clone, Debug, PartialEq)]
pub struct ShiftOutcome {
    pub days: Vec<i64>,
    pub plan: ShiftPlan,
    /// SL per grid interval with the scheduled agents (`None`: no calls).
    pub service_level: Vec<Option<f64>>,
    /// Intervals with calls whose SL falls below the target.
    pub below_target: usize,
    /// Deferred work: `service_level` is the deadline-met share of the items
    /// due in the interval (`None`: nothing due), `below_target` counts
    /// intervals with missed deadlines.
    pub deadline_met: bool,
}

pub fn plan_shifts(
    week: &ShiftWeek,
    templates: Vec<ShiftTemplate>,
    model: &IntervalModel,
) -> Result<ShiftOutcome, String> {
    let problem = ShiftProblem::new(INTERVAL_S, week.required.clone(), templates).map_err(|e| e.to_string())?;
    let plan = optimise_shifts(&problem);
    if model.is_sequence() {
        // The plan's agents up to the week, the scheduled ones in it; the
        // closed hours of the grid are not part of the sequence.
        let mut agents = week.planned.clone();
        for (row, c) in week.rows.iter().zip(&plan.intervals) {
            if let Some(j) = row {
                agents[*j] = c.scheduled;
            }
        }
        let k = evaluate_sequence(&week.sequence, model, &agents).map_err(|e| e.to_string())?;
        let sl: Vec<Option<f64>> = week
            .rows
            .iter()
            .map(|row| row.and_then(|j| k[j].deferred.filter(|d| d.due > 0.0).map(|_| k[j].service_level)))
            .collect();
        let below = week.rows.iter().flatten().filter(|&&j| k[j].deferred.is_some_and(|d| d.missed > 1e-9)).count();
        return Ok(ShiftOutcome {
            days: week.days.clone(),
            plan,
            service_level: sl,
            below_target: below,
            deadline_met: true,
        });
    }
    let target = model.sl_target().unwrap_or(0.0);
    let mut below = 0;
    let mut sl = Vec::with_capacity(week.loads.len());
    for (l, c) in week.loads.iter().zip(&plan.intervals) {
        if l.calls() == 0.0 {
            sl.push(None);
            continue;
        }
        let k = interval_kpis(l, model, c.scheduled).map_err(|e| e.to_string())?;
        if k.service_level < target - 1e-12 {
            below += 1;
        }
        sl.push(Some(k.service_level));
    }
    Ok(ShiftOutcome { days: week.days.clone(), plan, service_level: sl, below_target: below, deadline_met: false })
}

/// Everything the export writes.
pub struct ExportInput<'a> {
    pub backtest: Option<&'a Backtest>,
    pub method: Method,
    pub requirement: Option<&'a Requirement>,
    pub long_term: Option<&'a LongTerm>,
    pub shifts: Option<&'a ShiftOutcome>,
}

/// The workbook: Forecast (per interval), Backtest, Monthly plan, Shifts, Coverage.
pub fn export_sheets(x: &ExportInput) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    if let Some(r) = x.requirement {
        let mut s = Sheet::new("Forecast");
        s.row([Cell::text(format!("Method: {}", method_key(&x.method)))]);
        // Deferred work: the deadline-met share and the backlog carried over.
        if r.rows.iter().any(|x| x.kpis.deferred.is_some()) {
            s.header([
                "Date",
                "Time",
                "Items",
                "AHT, s",
                "Net agents",
                "Gross FTE",
                "Deadline met",
                "Items due",
                "Backlog, items",
                "Backlog, work h",
            ]);
            for row in &r.rows {
                let d = row.kpis.deferred;
                let due = d.map_or(0.0, |d| d.due);
                s.row([
                    Cell::text(date(row.day)),
                    Cell::text(slot_time(row.slot)),
                    Cell::number(Some(row.calls)),
                    Cell::number(Some(row.aht_s)),
                    Cell::from(row.net),
                    Cell::number(Some(row.gross)),
                    Cell::percent((due > 0.0).then_some(row.kpis.service_level)),
                    Cell::number(Some(due)),
                    Cell::number(d.map(|d| d.backlog)),
                    Cell::number(d.map(|d| d.backlog_work_h)),
                ]);
            }
        } else {
            s.header(["Date", "Time", "Calls", "AHT, s", "Net agents", "Gross FTE", "Service level"]);
            for row in &r.rows {
                s.row([
                    Cell::text(date(row.day)),
                    Cell::text(slot_time(row.slot)),
                    Cell::number(Some(row.calls)),
                    Cell::number(Some(row.aht_s)),
                    Cell::from(row.net),
                    Cell::number(Some(row.gross)),
                    Cell::percent(Some(row.kpis.service_level)),
                ]);
            }
        }
        s.row([Cell::text("Total calls"), Cell::Empty, Cell::number(Some(r.total_calls()))]);
        s.row([Cell::text("Net agent-hours"), Cell::Empty, Cell::number(Some(r.agent_hours()))]);
        sheets.push(s);
    }
    if let Some(b) = x.backtest {
        let mut s = Sheet::new("Backtest");
        s.row([Cell::text(format!("Last {} weeks, rolling weekly origin", b.weeks))]);
        s.header(["Method", "WAPE", "MAPE", "Bias", "Intervals"]);
        for a in &b.results {
            s.row([
                Cell::text(method_key(&a.method)),
                Cell::percent(Some(a.wape)),
                Cell::percent(Some(a.mape)),
                Cell::percent(Some(a.bias)),
                Cell::from(a.intervals as u64),
            ]);
        }
        sheets.push(s);
    }
    if let Some(lt) = x.long_term {
        let mut s = Sheet::new("Monthly plan");
        s.header(["Month", "Calls", "Required FTE", "Available FTE", "Hires", "Headcount", "Shortfall FTE"]);
        for (m, h) in lt.months.iter().zip(&lt.plan.months) {
            s.row([
                Cell::text(format!("{:04}-{:02}", m.year, m.month)),
                Cell::number(Some(m.calls)),
                Cell::number(Some(m.required_fte)),
                Cell::number(Some(h.available_fte)),
                Cell::from(h.hires),
                Cell::number(Some(h.headcount)),
                Cell::number(Some(h.shortfall)),
            ]);
        }
        sheets.push(s);
    }
    if let Some(o) = x.shifts {
        sheets.extend(shift_sheets(o));
    }
    sheets
}

/// The shift plan of one week: Shifts (agents per template start) and
/// Coverage (required, scheduled, over, under, SL per interval).
pub fn shift_sheets(o: &ShiftOutcome) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    let mut s = Sheet::new("Shifts");
    s.header(["Template", "Kind", "Date", "Start", "Agents"]);
    for c in &o.plan.shifts {
        let day = o.days.get((c.start / DAY_SLOTS) as usize).copied().unwrap_or_default();
        s.row([
            Cell::text(c.name.clone()),
            Cell::text(if c.kind == ShiftKind::PartTime { "part-time" } else { "full-time" }),
            Cell::text(date(day)),
            Cell::text(slot_time(c.start % DAY_SLOTS)),
            Cell::from(c.agents),
        ]);
    }
    s.row([Cell::text("Agents"), Cell::Empty, Cell::Empty, Cell::Empty, Cell::from(o.plan.agents)]);
    s.row([Cell::text("Paid hours"), Cell::Empty, Cell::Empty, Cell::Empty, Cell::number(Some(o.plan.paid_hours))]);
    sheets.push(s);
    let mut c = Sheet::new("Coverage");
    let sl_name = if o.deadline_met { "Deadline met" } else { "Service level" };
    c.header(["Date", "Time", "Required", "Scheduled", "Over", "Under", sl_name]);
    for (i, (cov, sl)) in o.plan.intervals.iter().zip(&o.service_level).enumerate() {
        if cov.required == 0 && cov.scheduled == 0 {
            continue;
        }
        let day = o.days.get(i / DAY_SLOTS as usize).copied().unwrap_or_default();
        c.row([
            Cell::text(date(day)),
            Cell::text(slot_time(i as u32 % DAY_SLOTS)),
            Cell::from(cov.required),
            Cell::from(cov.scheduled),
            Cell::from(cov.over),
            Cell::from(cov.under),
            Cell::percent(*sl),
        ]);
    }
    sheets.push(c);
    sheets
}

/// A synthetic history for the tests: 8 slots from 09:00, the same every week.
#[cfg(test)]
fn synthetic_history(weeks: i64) -> IntervalHistory {
    let days = (0..weeks * 7)
        .map(|d| callcalc_engine::HistoryDay {
            day: 12_000 + d,
            volumes: (0..8).map(|s| 10.0 + 5.0 * (s as f64) + (d % 7) as f64).collect(),
            aht_s: Some(vec![Some(240.0); 8]),
            special: false,
        })
        .collect();
    IntervalHistory::new(INTERVAL_S, 36, 8, days).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;

    #[test]
    fn defaults_parse_and_bad_fields_are_named() {
        let p = ForecastInputs::default().parse().unwrap();
        assert_eq!(p.flat_agents, 20);
        let bad = ForecastInputs { sl_percent: "120".into(), attrition: "x".into(), ..Default::default() };
        let errs = bad.parse().unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"fc_sl") && fields.contains(&"fc_attrition"), "{fields:?}");
    }

    #[test]
    fn demo_history_backtest_forecast_and_requirement() {
        let h = history(&demo_dataset()).unwrap();
        assert_eq!(h.interval_s(), 900);
        assert!(h.days().len() >= 365);
        let bt = backtest(&h).unwrap();
        assert_eq!(bt.results.len(), methods().len());
        assert!(bt.best().wape < 0.5, "{:?}", bt.best());
        let m = chosen_method(None, Some(&bt));
        assert_eq!(m, bt.best().method);
        let f = h.forecast(m, &Horizon::Week.days(&h)).unwrap();
        assert_eq!(f.days.len(), 7);
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
        assert_eq!(r.rows.len(), 7 * h.slots_per_day() as usize);
        for row in &r.rows {
            assert!((row.gross - f64::from(row.net) / 0.7).abs() < 1e-9);
            if row.calls > 0.0 {
                assert!(row.kpis.service_level >= 0.8);
            }
        }
        // Erlang A needs no more agents than Erlang C at the same SL.
        let pa = ForecastInputs { model: QueueChoice::ErlangA, ..Default::default() }.parse().unwrap();
        let ra = requirement(&f, history_aht(&h), &pa.model, pa.shrinkage).unwrap();
        assert!(ra.agent_hours() <= r.agent_hours());
    }

    /// Erlang X and chat: the page's requirement per interval equals the
    /// engine model's own `required_agents` for that interval's load; the
    /// heatmap's net differs from Erlang C; bad parameters name their field.
    #[test]
    fn erlang_x_and_chat_requirements_match_the_engine_models() {
        use callcalc_engine::{Chat, ErlangX, QueueTargets, Redial, RedialSource, SlDefinition};
        let h = history(&demo_dataset()).unwrap();
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Day.days(&h)).unwrap();
        let aht = history_aht(&h);
        let c = ForecastInputs::default().parse().unwrap();
        let rc = requirement(&f, aht, &c.model, c.shrinkage).unwrap();
        let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
        let (_, loads) = loads(&f, aht).unwrap();

        let t0 = std::time::Instant::now();
        let x = ForecastInputs { model: QueueChoice::ErlangX, ..Default::default() }.parse().unwrap();
        let rx = requirement(&f, aht, &x.model, x.shrinkage).unwrap();
        println!("erlang X, one day: {:?}", t0.elapsed());
        let redial = Redial::new(0.2, RedialSource::AbandonedOnly).unwrap();
        for (row, l) in rx.rows.iter().zip(&loads) {
            let own = ErlangX::new(*l, None, Some(120.0), redial, 20.0).unwrap().required_agents(&t);
            assert_eq!(row.net, own.agents().unwrap());
        }
        assert_ne!(
            rx.rows.iter().map(|r| r.net).collect::<Vec<_>>(),
            rc.rows.iter().map(|r| r.net).collect::<Vec<_>>()
        );

        let t0 = std::time::Instant::now();
        let ch = ForecastInputs { model: QueueChoice::Chat, ..Default::default() }.parse().unwrap();
        let rch = requirement(&f, aht, &ch.model, ch.shrinkage).unwrap();
        println!("chat, one day: {:?}", t0.elapsed());
        for (row, l) in rch.rows.iter().zip(&loads) {
            let a = l.aht_s();
            let own = Chat::new(l.calls(), l.interval_s(), &[a, 1.4 * a, 1.9 * a], Some(120.0), 20.0)
                .unwrap()
                .required_agents(&t);
            assert_eq!(row.net, own.agents().unwrap());
        }
        assert!(rch.agent_hours() < rc.agent_hours());

        let bad = |model, redial: &str, factors: &str| {
            ForecastInputs { model, redial_percent: redial.into(), chat_factors: factors.into(), ..Default::default() }
                .parse()
                .unwrap_err()
                .iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(bad(QueueChoice::ErlangX, "100", "x"), vec!["fc_redial"]);
        assert_eq!(bad(QueueChoice::Chat, "x", "1; 0"), vec!["fc_chat_factors"]);
        assert_eq!(bad(QueueChoice::Chat, "20", "1; abc"), vec!["fc_chat_factors"]);
        assert_eq!(parse_chat_factors("1; 1,4 1.9").unwrap(), vec![1.0, 1.4, 1.9]);

        // Erlang X over a month: every day of the horizon, each interval the
        // engine's own staffing of its load (beyond the first week too).
        let fm = h.forecast(Method::SeasonalNaive, &Horizon::Month.days(&h)).unwrap();
        let rxm = requirement(&fm, aht, &x.model, x.shrinkage).unwrap();
        let slots = h.slots_per_day() as usize;
        assert_eq!(rxm.rows.len(), fm.days.len() * slots);
        assert!(fm.days.len() >= 28 && rxm.rows.last().unwrap().day == fm.days.last().unwrap().day);
        let (_, month_loads) = super::loads(&fm, aht).unwrap();
        for (row, l) in rxm.rows.iter().zip(&month_loads).skip(7 * slots).step_by(7) {
            let own = ErlangX::new(*l, None, Some(120.0), redial, 20.0).unwrap().required_agents(&t);
            assert_eq!(row.net, own.agents().unwrap(), "day {} slot {}", row.day, row.slot);
        }
        // Redials of abandoned callers add attempts: more agent-hours than Erlang A (same patience).
        let pa = ForecastInputs { model: QueueChoice::ErlangA, ..Default::default() }.parse().unwrap();
        let ram = requirement(&fm, aht, &pa.model, pa.shrinkage).unwrap();
        assert!(rxm.agent_hours() > ram.agent_hours());
        // The year plan is staffed with Erlang X too: each month needs at least Erlang A's FTE.
        let fy = h.forecast(Method::SeasonalNaive, &Horizon::Year.days(&h)).unwrap();
        let t0 = std::time::Instant::now();
        let rxy = requirement(&fy, aht, &x.model, x.shrinkage).unwrap();
        println!("erlang X, the year: {:?}", t0.elapsed());
        assert_eq!(rxy.rows.len(), fy.days.len() * slots);
        let lx = long_term(&rxy, &h, &x).unwrap();
        let la = long_term(&requirement(&fy, aht, &pa.model, pa.shrinkage).unwrap(), &h, &pa).unwrap();
        assert_eq!(lx.months.len(), la.months.len());
        assert!(lx.months.iter().zip(&la.months).all(|(x, a)| x.required_fte >= a.required_fte));
        assert!(lx.months.iter().zip(&la.months).any(|(x, a)| x.required_fte > a.required_fte));
        assert_eq!(
            requirement(&fm, aht, &ch.model, ch.shrinkage).unwrap().rows.len(),
            fm.days.len() * h.slots_per_day() as usize
        );

        // Peak report, shift plan and export work with each model.
        for p in [&x, &ch] {
            let r = requirement(&f, aht, &p.model, p.shrinkage).unwrap();
            let pk = peaks(&r, p, None).unwrap();
            let top = r.peak().unwrap();
            assert_eq!(pk.rows[0].net, top.net);
            assert!(pk.paid_hours_lower <= pk.paid_hours_target);
            let w = shift_week(&r, aht, 0);
            let o = plan_shifts(&w, templates(&default_shifts(), w.days.len()).unwrap(), &p.model).unwrap();
            assert_eq!(o.service_level.len(), w.loads.len());
            let sheets = export_sheets(&ExportInput {
                backtest: None,
                method: Method::SeasonalNaive,
                requirement: Some(&r),
                long_term: None,
                shifts: Some(&o),
            });
            let csv = callcalc_engine::export::to_csv(&sheets[0], callcalc_engine::export::CsvStyle::PLAIN);
            assert!(csv.contains(&format!(",{},", top.net)), "{csv}");
        }
    }

    /// Deferred work on the demo data: the page's net per interval is the
    /// engine's plan over the open intervals in order (and the independent
    /// `DeferredWork` plan with per-interval AHT); every deadline is met at
    /// the plan; an under-covering shift plan misses deadlines; fields are
    /// checked only when the model is chosen.
    #[test]
    fn deferred_requirement_meets_deadlines_and_shift_gaps_miss() {
        use callcalc_engine::DeferredWork;
        let ds = demo_dataset();
        let h = history(&ds).unwrap();
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Week.days(&h)).unwrap();
        let aht = history_aht(&h);
        let p = ForecastInputs { model: QueueChoice::Deferred, ..Default::default() }.parse().unwrap();
        assert_eq!(p.model, IntervalModel::deferred(4.0 * 3600.0, 0.9).unwrap());
        let r = requirement(&f, aht, &p.model, p.shrinkage).unwrap();
        let (_, ls) = loads(&f, aht).unwrap();
        assert_eq!(r.rows.len(), 7 * h.slots_per_day() as usize);
        let engine = staff_intervals(&ls, &p.model).unwrap();
        let calls: Vec<f64> = ls.iter().map(|l| l.calls()).collect();
        let ahts: Vec<f64> = ls.iter().map(|l| l.aht_s()).collect();
        let own = DeferredWork::with_aht_per_interval(&calls, &ahts, 900.0, 0.9, 4.0 * 3600.0).unwrap().plan();
        for ((row, e), o) in r.rows.iter().zip(&engine).zip(&own.intervals) {
            assert_eq!(row.net, e.agents);
            assert_eq!(row.net, o.agents);
            assert!((row.gross - f64::from(row.net) / 0.7).abs() < 1e-9);
            assert_eq!(row.kpis.deferred.unwrap().missed, 0.0);
            assert_eq!(row.kpis.service_level, 1.0);
        }
        assert_eq!(r.unmet, 0);
        // Not the Erlang C requirement: fewer agent-hours (4 h to answer), work carried over.
        let c = ForecastInputs::default().parse().unwrap();
        let rc = requirement(&f, aht, &c.model, c.shrinkage).unwrap();
        assert!(r.agent_hours() < rc.agent_hours(), "{} vs {}", r.agent_hours(), rc.agent_hours());
        assert!(r.rows.iter().any(|x| x.kpis.deferred.unwrap().backlog > 0.0));
        // A longer deadline never needs more agent-hours (here: fewer).
        let p24 = ForecastInputs { model: QueueChoice::Deferred, deadline_h: "24".into(), ..Default::default() }
            .parse()
            .unwrap();
        assert!(requirement(&f, aht, &p24.model, p24.shrinkage).unwrap().agent_hours() <= r.agent_hours());

        // Shift plan of the week: the plan's coverage meets every deadline; a lone
        // morning template leaves the afternoon short and deadlines are missed.
        let w = shift_week(&r, aht, 0);
        assert_eq!(w.rows.iter().flatten().count(), r.rows.len());
        let o = plan_shifts(&w, templates(&default_shifts(), w.days.len()).unwrap(), &p.model).unwrap();
        assert!(o.deadline_met);
        assert_eq!(o.service_level.len(), w.loads.len());
        if o.plan.under_total == 0 {
            assert_eq!(o.below_target, 0);
        }
        let morning = templates(&[ShiftRow::new("m", "08:00", "4", "0", true)], w.days.len()).unwrap();
        let short = plan_shifts(&w, morning, &p.model).unwrap();
        assert!(short.plan.under_total > 0);
        assert!(short.below_target > 0);
        assert!(short.service_level.iter().flatten().any(|&x| x < 1.0));
        let sheets = shift_sheets(&short);
        let csv = callcalc_engine::export::to_csv(&sheets[1], callcalc_engine::export::CsvStyle::PLAIN);
        assert!(csv.contains("Deadline met"), "{csv}");

        // Peaks: the flat staffing over the sequence; 0 agents misses every deadline due.
        let p0 = ForecastInputs { model: QueueChoice::Deferred, flat_agents: "0".into(), ..Default::default() }
            .parse()
            .unwrap();
        let pk = peaks(&r, &p0, staffed_pattern(&ds).as_ref()).unwrap();
        assert_eq!(pk.rows[0].net, r.peak().unwrap().net);
        for x in &pk.rows {
            assert_eq!(x.net_lower, x.net);
            let d = x.flat.deferred.unwrap();
            assert_eq!(x.flat.service_level, if d.due > 0.0 { 0.0 } else { 1.0 });
            assert!(x.staffed.is_some());
        }
        let pk_plan =
            peaks(&r, &ForecastInputs { flat_agents: "1000".into(), ..p_inputs_deferred() }.parse().unwrap(), None)
                .unwrap();
        assert!(pk_plan.rows.iter().all(|x| x.flat.service_level == 1.0));

        // Export: the deferred plan with its backlog.
        let sheets = export_sheets(&ExportInput {
            backtest: None,
            method: Method::SeasonalNaive,
            requirement: Some(&r),
            long_term: None,
            shifts: Some(&o),
        });
        let csv = callcalc_engine::export::to_csv(&sheets[0], callcalc_engine::export::CsvStyle::PLAIN);
        assert!(csv.contains("Backlog, items") && csv.contains("Deadline met"), "{csv}");
        let top = r.peak().unwrap();
        assert!(csv.contains(&format!(",{},", top.net)), "{csv}");

        // Field errors, only for the chosen model.
        let fields = |x: ForecastInputs| x.parse().unwrap_err().iter().map(|e| e.field).collect::<Vec<_>>();
        let bad = |d: &str, o: &str| ForecastInputs {
            deadline_h: d.into(),
            deferred_occupancy_percent: o.into(),
            ..p_inputs_deferred()
        };
        assert_eq!(fields(bad("0,1", "90")), vec!["fc_deadline"]);
        assert_eq!(fields(bad("x", "0")), vec!["fc_deadline", "fc_deferred_occupancy"]);
        assert_eq!(fields(bad("4", "120")), vec!["fc_deferred_occupancy"]);
        assert!(ForecastInputs { deadline_h: "x".into(), ..Default::default() }.parse().is_ok());
        // The call targets are not used (hidden) under deferred work.
        assert!(ForecastInputs { sl_percent: "x".into(), ..p_inputs_deferred() }.parse().is_ok());
        assert_eq!(QueueChoice::from_code("deferred"), Some(QueueChoice::Deferred));
        // The current backlog: a number ≥ 0 (at its field), planned within the deadline from the start.
        let open = |o: &str| ForecastInputs { deferred_open_items: o.into(), ..p_inputs_deferred() };
        assert_eq!(fields(open("x")), vec!["fc_deferred_open"]);
        assert_eq!(fields(open("-5")), vec!["fc_deferred_open"]);
        let po = open("300").parse().unwrap();
        assert_eq!(po.model, IntervalModel::deferred_from_backlog(4.0 * 3600.0, 0.9, 300.0).unwrap());
        let ro = requirement(&f, aht, &po.model, po.shrinkage).unwrap();
        assert!(ro.agent_hours() > r.agent_hours(), "{} vs {}", ro.agent_hours(), r.agent_hours());
        assert_eq!(ro.total_calls(), r.total_calls(), "the forecast itself is unchanged");
        let (_, ls) = loads(&f, aht).unwrap();
        let mut with_open: Vec<f64> = ls.iter().map(|l| l.calls()).collect();
        with_open[0] += 300.0;
        let ahts: Vec<f64> = ls.iter().map(|l| l.aht_s()).collect();
        let own = DeferredWork::with_aht_per_interval(&with_open, &ahts, 900.0, 0.9, 4.0 * 3600.0).unwrap().plan();
        assert!(ro.rows.iter().zip(&own.intervals).all(|(a, b)| a.net == b.agents));

        // The year plan with deferred work: the whole year, fast (linear).
        let fy = h.forecast(Method::SeasonalNaive, &Horizon::Year.days(&h)).unwrap();
        let ry = requirement(&fy, aht, &p.model, p.shrinkage).unwrap();
        assert_eq!(ry.rows.len(), fy.days.len() * h.slots_per_day() as usize);
        let lt = long_term(&ry, &h, &p).unwrap();
        assert_eq!(lt.months.len(), 12);
        assert!(lt.months.iter().all(|m| m.required_fte > 0.0));
    }

    fn p_inputs_deferred() -> ForecastInputs {
        ForecastInputs { model: QueueChoice::Deferred, ..Default::default() }
    }

    /// Rough timing of the demo year per model for the notes (not asserted):
    /// `cargo test -p callcalc-app --lib year_timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn year_timing() {
        let h = history(&demo_dataset()).unwrap();
        let m = chosen_method(None, Some(&backtest(&h).unwrap()));
        let f = h.forecast(m, &Horizon::Year.days(&h)).unwrap();
        let aht = history_aht(&h);
        println!("method {}", method_key(&m));
        for choice in
            [QueueChoice::ErlangC, QueueChoice::ErlangA, QueueChoice::Chat, QueueChoice::Deferred, QueueChoice::ErlangX]
        {
            let p = ForecastInputs { model: choice, ..Default::default() }.parse().unwrap();
            let (_, loads) = loads(&f, aht).unwrap();
            let t0 = std::time::Instant::now();
            let s = staff_intervals(&loads, &p.model).unwrap();
            println!("{choice:?}: {} intervals in {:?}", s.len(), t0.elapsed());
        }
    }

    #[test]
    fn peaks_are_the_largest_requirements_and_flat_staffing_is_evaluated() {
        let h = synthetic_history(6);
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Week.days(&h)).unwrap();
        let p = ForecastInputs { flat_agents: "5".into(), ..Default::default() }.parse().unwrap();
        let r = requirement(&f, 240.0, &p.model, p.shrinkage).unwrap();
        let pk = peaks(&r, &p, None).unwrap();
        assert_eq!(pk.rows.len(), PEAK_ROWS);
        let max = r.rows.iter().map(|x| x.net).max().unwrap();
        assert_eq!(pk.rows[0].net, max);
        assert!(pk.rows.windows(2).all(|w| w[0].net >= w[1].net));
        for row in &pk.rows {
            assert!(row.net_lower <= row.net);
            if row.net > 5 {
                assert!(row.flat.service_level < 0.8);
            }
        }
        assert!(pk.cost_lower <= pk.cost_target);
        assert!((pk.cost_target - pk.paid_hours_target * 15.0).abs() < 1e-9);
    }

    #[test]
    fn long_term_requirement_and_hiring() {
        let h = synthetic_history(6);
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Year.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, 240.0, &p.model, p.shrinkage).unwrap();
        let lt = long_term(&r, &h, &p).unwrap();
        assert!(lt.months.len() >= 12);
        // Every day the same weekly pattern: a 30-day month needs 30/31 of a 31-day month.
        let per_day: Vec<f64> =
            lt.months[1..].iter().map(|m| m.required_fte / f64::from(days_in_month(m.year, m.month))).collect();
        assert!(per_day.iter().all(|x| (x / per_day[0] - 1.0).abs() < 0.05), "{per_day:?}");
        assert_eq!(lt.plan.months.len(), lt.months.len());
    }

    #[test]
    fn shift_plan_covers_the_week_and_reports_sl() {
        let h = synthetic_history(6);
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Week.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, 240.0, &p.model, p.shrinkage).unwrap();
        let week = shift_week(&r, 240.0, 0);
        assert_eq!(week.required.len(), 7 * 96);
        let t = templates(&[ShiftRow::new("9-11", "09:00", "2", "0", true)], 7).unwrap();
        let o = plan_shifts(&week, t, &p.model).unwrap();
        assert_eq!(o.plan.under_total, 0, "the window 09:00–11:00 is exactly the template");
        assert_eq!(o.below_target, 0);
        // A template that cannot reach the window leaves it short.
        let t = templates(&[ShiftRow::new("night", "00:00", "4", "0", true)], 7).unwrap();
        let o = plan_shifts(&week, t, &p.model).unwrap();
        assert!(!o.plan.unmet_intervals.is_empty());
        assert!(o.below_target > 0);
        let sheets = export_sheets(&ExportInput {
            backtest: None,
            method: Method::SeasonalNaive,
            requirement: Some(&r),
            long_term: None,
            shifts: Some(&o),
        });
        assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["Forecast", "Shifts", "Coverage"]);
    }

    #[test]
    fn any_week_of_the_horizon_can_be_planned_and_exported() {
        let h = synthetic_history(6);
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Quarter.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, 240.0, &p.model, p.shrinkage).unwrap();
        let weeks = shift_weeks(&r);
        let first = r.rows[0].day;
        let last = r.rows.last().unwrap().day;
        assert_eq!(weeks.len() as i64, (last - first) / 7 + 1);
        assert_eq!(weeks[0].0, first);
        assert_eq!(weeks[1].0, first + 7);
        assert_eq!(weeks.last().unwrap().1, last);
        // Week 5: its seven days, the requirement of those days on the grid.
        let w = shift_week(&r, 240.0, 5);
        assert_eq!(w.days, (first + 35..first + 42).collect::<Vec<_>>());
        let row = r.rows.iter().find(|x| x.day == first + 36 && x.slot == 38).unwrap();
        assert_eq!(w.required[96 + 38], row.net);
        let t = templates(&default_shifts(), w.days.len()).unwrap();
        let o = plan_shifts(&w, t, &p.model).unwrap();
        assert_eq!(o.days, w.days);
        let sheets = shift_sheets(&o);
        assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["Shifts", "Coverage"]);
        let csv = callcalc_engine::export::to_csv(&sheets[1], callcalc_engine::export::CsvStyle::PLAIN);
        assert!(csv.contains(&date(first + 35)) && !csv.contains(&date(first + 34)), "{csv}");
        // Beyond the horizon: the last week.
        assert_eq!(shift_week(&r, 240.0, 999).days.last(), Some(&last));
    }

    #[test]
    fn special_days_are_parsed_and_change_the_backtest() {
        let d = callcalc_engine::days_from_civil;
        assert_eq!(
            parse_special_days("2026-01-07, 2026-01-01;2026-01-07\n 2024-02-29").unwrap(),
            vec![d(2024, 2, 29), d(2026, 1, 1), d(2026, 1, 7)]
        );
        assert!(parse_special_days("  ").unwrap().is_empty());
        for bad in ["2026-13-01", "2025-02-29", "01.01.2026", "2026-1-1", "2026-01-01-02", "x"] {
            let e = parse_special_days(&format!("2026-01-01, {bad}")).unwrap_err();
            assert_eq!(e.field, "fc_special", "{bad}");
        }
        let bad = ForecastInputs { special_days: "2026-02-30".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err()[0].field, "fc_special");

        let h = synthetic_history(6);
        let base = backtest(&h).unwrap();
        // A day in the backtest window with a doubled volume: a "campaign".
        let mut days = h.days().to_vec();
        let k = days.len() - 3;
        days[k].volumes.iter_mut().for_each(|v| *v *= 3.0);
        let campaign = days[k].day;
        let h2 = IntervalHistory::new(INTERVAL_S, 36, 8, days).unwrap();
        let noisy = backtest(&h2).unwrap();
        let (marked, outside) = with_special_days(&h2, &[campaign, 1]).unwrap();
        assert_eq!(outside, vec![1]);
        let clean = backtest(&marked).unwrap();
        let naive = |b: &Backtest| b.results[0].wape;
        assert!(naive(&noisy) > naive(&base) + 0.01, "the campaign spoils the score");
        assert!(naive(&clean) < naive(&noisy), "marking it special removes it: {} vs {}", naive(&clean), naive(&noisy));
        // Every day special: refused.
        let all: Vec<i64> = h.days().iter().map(|x| x.day).collect();
        assert!(with_special_days(&h, &all).is_err());
    }

    #[test]
    fn peaks_use_the_data_sets_own_staffing() {
        let ds = demo_dataset();
        let pat = staffed_pattern(&ds).expect("the demo reports agents staffed");
        let h = history(&ds).unwrap();
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Week.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
        let rep = peaks(&r, &p, Some(&pat)).unwrap();
        let last = h.days().last().unwrap().day;
        for x in &rep.rows {
            let (a, k) = x.staffed.expect("every peak is in the open window");
            // The same weekday, one or more weeks back, inside the data.
            let src = (1..=8).map(|w| x.day - 7 * w).find(|&d| d <= last).unwrap();
            let cells = ds.intervals().unwrap().unwrap();
            let want: f64 = cells
                .iter()
                .filter(|c| c.start.days() == src && c.start.second_of_day() / 900 == x.slot)
                .filter_map(|c| c.staffed_agent_s)
                .sum::<f64>()
                / 900.0;
            assert!((a - want).abs() < 1e-9, "{a} vs {want}");
            assert_eq!(
                k,
                interval_kpis(
                    &Load::new(
                        x.calls,
                        900.0,
                        r.rows.iter().find(|n| n.day == x.day && n.slot == x.slot).unwrap().aht_s
                    )
                    .unwrap(),
                    &p.model,
                    a.round() as u32
                )
                .unwrap()
            );
        }
        // Without a pattern: no staffed column, the flat staffing as before.
        let flat_only = peaks(&r, &p, None).unwrap();
        assert!(flat_only.rows.iter().all(|x| x.staffed.is_none()));
        assert_eq!(flat_only.rows[0].flat, rep.rows[0].flat);
        // A synthetic pattern: 7 agents at slot 40 on day 100 → day 114 uses it; day 101 has none.
        let cell = |day: i64, agents: f64| {
            let mut c = ds.intervals().unwrap().unwrap()[0].clone();
            c.start = callcalc_engine::Timestamp::from_days(day, 40 * 900);
            c.staffed_agent_s = Some(agents * 900.0);
            c
        };
        let pat = StaffedPattern::from_intervals(&[cell(100, 7.0), cell(100, 2.0)]).unwrap();
        assert_eq!(pat.agents_for(114, 40), Some(9.0));
        assert_eq!(pat.agents_for(101, 40), None);
        assert_eq!(pat.agents_for(114, 41), None);
    }

    #[test]
    fn template_rows_are_validated() {
        assert_eq!(parse_slot("s", "08:15").unwrap(), 33);
        assert!(parse_slot("s", "08:10").is_err());
        let errs = templates(
            &[ShiftRow::new("a", "25:00", "8", "60", false), ShiftRow::new("b", "08:00", "x", "7", false)],
            7,
        )
        .unwrap_err();
        assert_eq!(
            errs.iter().map(|(i, e)| (*i, e.field)).collect::<Vec<_>>(),
            vec![(0, "shift_start"), (1, "shift_length"), (1, "shift_break")]
        );
        let t = templates(&default_shifts(), 7).unwrap();
        assert_eq!(t.len(), 5);
        assert_eq!(t[0].starts().len(), 7);
        assert_eq!(t[0].paid_intervals(), 28);
    }
}
#[cfg(test)]
mod demo_long_term {
    use super::*;
    #[test]
    fn demo_long_term_has_twelve_months() {
        let h = history(&crate::state::dataset::demo_dataset()).unwrap();
        let f = h.forecast(Method::SeasonalNaive, &Horizon::Year.days(&h)).unwrap();
        let p = ForecastInputs::default().parse().unwrap();
        let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
        let lt = long_term(&r, &h, &p);
        let lt = lt.unwrap();
        assert_eq!(lt.months.len(), 12, "{:?}", lt.months);
    }
}

/// The forecast's long range, as the page states it: from `from_day`,
/// last year's same weekday × `growth` (engine `Forecast::yearly_from_day`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LongRange {
    pub from_day: i64,
    pub growth: f64,
}

#[cfg(test)]
mod short_history_tests {
    //! A history too short for the backtest says so (typed, worded in RU);
    //! the forecast still runs on what there is.
    use std::sync::Arc;

    use callcalc_engine::demo;

    use super::*;
    use crate::i18n::Lang;
    use crate::state::coverage::{short_history_text, Need};
    use crate::state::dataset::{demo_dataset, Part};
    use crate::state::import::Source;

    fn history_of(start: (i32, u32, u32), days: u32) -> IntervalHistory {
        let centre = demo::DemoCentre { start, ..Default::default() };
        let text = demo::cdr_csv(&centre, days);
        let part = Part::import(Source { name: "short.csv".into(), bytes: Arc::new(text.into_bytes()) }).unwrap();
        history(&demo_dataset().with_part(part)).unwrap()
    }

    #[test]
    fn one_day_refuses_the_backtest_with_what_is_needed_and_still_forecasts() {
        let h = history_of((2024, 7, 3), 1);
        let err = backtest(&h).unwrap_err();
        let BacktestProblem::TooShort(s) = err else { panic!("{err:?}") };
        assert_eq!(s, ShortHistory { needed_days: 14, calendar_days: 1, open_days: 1 });
        let ru = short_history_text(Lang::Ru, Need::Backtest, &s);
        assert!(ru.starts_with("Для прогноза нужна история не менее 2 недель (14 дней); в данных 1 день"), "{ru}");
        assert!(!ru.contains("weeks") && !ru.contains("must be"), "no validator text: {ru}");
        // Without a backtest the seasonal naive method is used, and it runs:
        // the same weekday (the only one seen) with the day's volumes.
        let m = chosen_method(None, None);
        assert_eq!(m, Method::SeasonalNaive);
        let f = h.forecast(m, &Horizon::Week.days(&h)).unwrap();
        assert_eq!(f.days.len(), 1, "one open weekday in a week");
        assert_eq!(f.days[0].volumes, h.days()[0].volumes);
    }

    #[test]
    fn ten_days_are_still_too_short_and_fourteen_are_backtested() {
        let err = backtest(&history_of((2024, 7, 10), 10)).unwrap_err();
        assert_eq!(err, BacktestProblem::TooShort(ShortHistory { needed_days: 14, calendar_days: 10, open_days: 10 }));
        let b = backtest(&history_of((2024, 7, 1), 14)).unwrap();
        assert_eq!(b.weeks, 1);
        assert_eq!(b.results.len(), methods().len());
    }
}

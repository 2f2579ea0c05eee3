//! Forecasting contact volumes per interval from an interval history, with a
//! rolling-origin backtest and monthly totals for long horizons.
//!
//! The history is a calendar of **open days**, each with the same intraday
//! window of `slots_per_day` intervals (e.g. 07:00–21:15 in 15-minute slots).
//! Days not listed (weekends, closures) are closed; days marked *special*
//! (holidays, outages, campaigns) are kept for reference but excluded from
//! every fit and from backtest scoring. The seasonal key of an interval is its
//! **interval of the week**: `(weekday, slot)`.
//!
//! Methods ([`Method`]):
//! - seasonal naive: the same interval of the most recent ordinary day with the
//!   same weekday ("same interval last week");
//! - profile × trend: interval-of-week share of the daily total × a daily
//!   total with weekday factors and a linear trend;
//! - Holt-Winters: additive damped-trend exponential smoothing, ETS(A,Ad,A),
//!   with one seasonal state per interval of the week; fixed or grid-searched
//!   smoothing parameters.
//!
//! Forecasts are clamped at zero (volumes cannot be negative). Nothing here
//! reads files or clocks.

use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::import::{civil_from_days, days_from_civil};

const SRC_FPP3: &str = "Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed. (OTexts 2021)";

/// Most open days a forecast horizon may hold (a little over two years of
/// weekdays, more than every day of 12 months).
pub const MAX_HORIZON_DAYS: usize = 800;
/// Most days a history may hold (ten years).
pub const MAX_HISTORY_DAYS: usize = 3660;

/// Earliest day number accepted: 1900-01-01 (the importer's year range).
pub const MIN_DAY: i64 = -25_567;
/// Latest day number accepted: 2999-12-31.
pub const MAX_DAY: i64 = 376_199;

fn day_in_range(field: &'static str, day: i64) -> Result<i64, FieldError> {
    if (MIN_DAY..=MAX_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(FieldError::new(
            field,
            day,
            Problem::OutOfRange { min: MIN_DAY as f64, max: MAX_DAY as f64, min_inclusive: true, max_inclusive: true },
        ))
    }
}

/// Weekday of a day number (days since 1970-01-01): Monday = 0 … Sunday = 6.
///
/// 1970-01-01 was a Thursday, so `weekday = (d + 3) mod 7`.
///
/// ```
/// use callcalc_engine::{days_from_civil, weekday};
/// assert_eq!(weekday(days_from_civil(2003, 3, 3)), 0); // a Monday
/// assert_eq!(weekday(0), 3); // 1970-01-01, a Thursday
/// ```
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// One open day of history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryDay {
    /// Days since 1970-01-01 (see [`days_from_civil`]).
    pub day: i64,
    /// Contacts offered in each slot of the day's window, `slots_per_day` values.
    pub volumes: Vec<f64>,
    /// Average handle time per slot in seconds, if known (`None` in a slot with no handled contacts).
    pub aht_s: Option<Vec<Option<f64>>>,
    /// Excluded from fitting and scoring (holiday, outage, campaign).
    pub special: bool,
}

/// A validated interval history: open days in increasing order, each with the
/// same intraday window.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalHistory {
    interval_s: u32,
    first_slot: u32,
    slots_per_day: u32,
    days: Vec<HistoryDay>,
}

impl IntervalHistory {
    /// Validates a history.
    ///
    /// - `interval_s`: interval length in seconds, dividing 86 400;
    /// - `first_slot`: index of the window's first interval in the day
    ///   (07:00 in 15-minute slots is 28);
    /// - `slots_per_day`: intervals in the window (`first_slot + slots_per_day ≤ 86 400 / interval_s`);
    /// - `days`: strictly increasing day numbers in [`MIN_DAY`]..=[`MAX_DAY`], every `volumes` (and `aht_s`)
    ///   of length `slots_per_day`, volumes finite and ≥ 0, AHT finite and > 0;
    ///   at least one ordinary (not special) day.
    ///
    /// ```
    /// use callcalc_engine::{HistoryDay, IntervalHistory};
    /// let d = |day, v: Vec<f64>| HistoryDay { day, volumes: v, aht_s: None, special: false };
    /// let h = IntervalHistory::new(900, 28, 2, vec![d(0, vec![1.0, 2.0]), d(1, vec![3.0, 4.0])]).unwrap();
    /// assert_eq!(h.days().len(), 2);
    /// let e = IntervalHistory::new(900, 28, 2, vec![d(1, vec![1.0, 2.0]), d(0, vec![3.0, 4.0])]).unwrap_err();
    /// assert_eq!(e.field, "days");
    /// ```
    pub fn new(
        interval_s: u32,
        first_slot: u32,
        slots_per_day: u32,
        days: Vec<HistoryDay>,
    ) -> Result<Self, FieldError> {
        if interval_s == 0 || 86_400 % interval_s != 0 {
            return Err(FieldError::new(
                "interval_s",
                interval_s,
                Problem::Unreadable { expected: "a divisor of 86400 seconds" },
            ));
        }
        let per_day = 86_400 / interval_s;
        if slots_per_day == 0 {
            return Err(FieldError::new("slots_per_day", slots_per_day, Problem::NotPositive));
        }
        if u64::from(first_slot) + u64::from(slots_per_day) > u64::from(per_day) {
            return Err(FieldError::new(
                "first_slot",
                first_slot,
                Problem::OutOfRange {
                    min: 0.0,
                    max: f64::from(per_day - slots_per_day),
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ));
        }
        if days.len() > MAX_HISTORY_DAYS {
            return Err(FieldError::new("days", days.len(), Problem::TooLarge { max: MAX_HISTORY_DAYS as f64 }));
        }
        let n = slots_per_day as usize;
        for (i, d) in days.iter().enumerate() {
            day_in_range("days", d.day)?;
            if i > 0 && d.day <= days[i - 1].day {
                return Err(FieldError::new(
                    "days",
                    d.day,
                    Problem::Unreadable { expected: "strictly increasing days" },
                ));
            }
            if d.volumes.len() != n {
                return Err(FieldError::new(
                    "volumes",
                    d.volumes.len(),
                    Problem::Unreadable { expected: "slots_per_day values" },
                ));
            }
            for &v in &d.volumes {
                non_negative("volumes", v)?;
            }
            if let Some(a) = &d.aht_s {
                if a.len() != n {
                    return Err(FieldError::new(
                        "aht_s",
                        a.len(),
                        Problem::Unreadable { expected: "slots_per_day values" },
                    ));
                }
                for x in a.iter().flatten() {
                    positive("aht_s", *x)?;
                }
            }
        }
        if !days.iter().any(|d| !d.special) {
            return Err(FieldError::new(
                "days",
                days.len(),
                Problem::Unreadable { expected: "at least one ordinary day" },
            ));
        }
        Ok(IntervalHistory { interval_s, first_slot, slots_per_day, days })
    }

    pub fn interval_s(&self) -> u32 {
        self.interval_s
    }
    pub fn first_slot(&self) -> u32 {
        self.first_slot
    }
    pub fn slots_per_day(&self) -> u32 {
        self.slots_per_day
    }
    pub fn days(&self) -> &[HistoryDay] {
        &self.days
    }

    /// Marks the listed days special (excluded from fitting and scoring);
    /// days not in the history are ignored. An error, leaving the history
    /// unchanged, if no ordinary day would remain.
    ///
    /// ```
    /// use callcalc_engine::{HistoryDay, IntervalHistory};
    /// let d = |day| HistoryDay { day, volumes: vec![1.0], aht_s: None, special: false };
    /// let mut h = IntervalHistory::new(3600, 8, 1, vec![d(0), d(1)]).unwrap();
    /// h.mark_special(&[1]).unwrap();
    /// assert!(h.days()[1].special);
    /// assert_eq!(h.mark_special(&[0]).unwrap_err().field, "special");
    /// ```
    pub fn mark_special(&mut self, days: &[i64]) -> Result<(), FieldError> {
        let remaining = self.days.iter().filter(|d| !d.special && !days.contains(&d.day)).count();
        if remaining == 0 {
            return Err(FieldError::new(
                "special",
                days.len(),
                Problem::Unreadable { expected: "at least one ordinary day left" },
            ));
        }
        for d in &mut self.days {
            if days.contains(&d.day) {
                d.special = true;
            }
        }
        Ok(())
    }

    /// Weekdays (Monday = 0) with at least one ordinary day: the open weekdays.
    pub fn open_weekdays(&self) -> [bool; 7] {
        let mut open = [false; 7];
        for d in self.days.iter().filter(|d| !d.special) {
            open[weekday(d.day)] = true;
        }
        open
    }

    /// The open days (weekdays seen in the history) among the `calendar_days`
    /// calendar days after the last history day, capped at [`MAX_HORIZON_DAYS`].
    ///
    /// ```
    /// use callcalc_engine::{days_from_civil, HistoryDay, IntervalHistory};
    /// let mon = days_from_civil(2003, 3, 3);
    /// let d = |day| HistoryDay { day, volumes: vec![1.0], aht_s: None, special: false };
    /// let h = IntervalHistory::new(3600, 8, 1, (0..5).map(|i| d(mon + i)).collect()).unwrap();
    /// // After Friday: Sat, Sun closed, then Mon..Fri.
    /// assert_eq!(h.open_days_after(7), (7..12).map(|i| mon + i).collect::<Vec<_>>());
    /// ```
    pub fn open_days_after(&self, calendar_days: u32) -> Vec<i64> {
        let open = self.open_weekdays();
        let last = self.days.last().map_or(0, |d| d.day);
        (1..=i64::from(calendar_days))
            .map(|k| last + k)
            .filter(|&d| d <= MAX_DAY && open[weekday(d)])
            .take(MAX_HORIZON_DAYS)
            .collect()
    }

    /// The open days of the next `months` calendar months after the last
    /// history day (the rest of its month counts as month 1 when not
    /// finished), `months` in 1..=24.
    ///
    /// ```
    /// use callcalc_engine::{days_from_civil, HistoryDay, IntervalHistory};
    /// let fri = days_from_civil(2003, 10, 24);
    /// let h = IntervalHistory::new(3600, 8, 1, (0..5).map(|i| HistoryDay { day: fri - 4 + i, volumes: vec![1.0], aht_s: None, special: false }).collect()).unwrap();
    /// let days = h.open_days_for_months(1).unwrap();
    /// assert_eq!(days.len(), 5); // Mon 27 .. Fri 31 October 2003
    /// // Ending on 31 December: the 12 months are January to December.
    /// let dec31 = days_from_civil(2024, 12, 31);
    /// let week = (0..7).map(|i| HistoryDay { day: dec31 - 6 + i, volumes: vec![1.0], aht_s: None, special: false });
    /// let h = IntervalHistory::new(3600, 8, 1, week.collect()).unwrap();
    /// let days = h.open_days_for_months(12).unwrap();
    /// assert_eq!((days[0], *days.last().unwrap()), (dec31 + 1, days_from_civil(2025, 12, 31)));
    /// ```
    pub fn open_days_for_months(&self, months: u32) -> Result<Vec<i64>, FieldError> {
        in_range("months", f64::from(months), 1.0, 24.0, true, true)?;
        let last = self.days.last().map_or(0, |d| d.day);
        let (y, m, d) = civil_from_days(last);
        // A history ending on the last day of its month starts the count at the next month.
        let finished = i64::from(d == crate::import::days_in_month(y, m));
        let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months) + finished;
        let end = days_from_civil((total.div_euclid(12)) as i32, (total.rem_euclid(12) + 1) as u32, 1);
        let open = self.open_weekdays();
        Ok(((last + 1)..end.min(MAX_DAY + 1)).filter(|&d| open[weekday(d)]).take(MAX_HORIZON_DAYS).collect())
    }

    /// A copy keeping only the days before `day` (for backtests).
    fn before(&self, day: i64) -> Option<IntervalHistory> {
        let days: Vec<HistoryDay> = self.days.iter().filter(|d| d.day < day).cloned().collect();
        if days.iter().any(|d| !d.special) {
            Some(IntervalHistory { days, ..*self })
        } else {
            None
        }
    }
}

/// Smoothing parameters of ETS(A,Ad,A), validated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Smoothing {
    /// Level smoothing `α` in (0, 1].
    pub alpha: f64,
    /// Trend smoothing `β` in [0, 1] (0: the initial trend, zero, is kept).
    pub beta: f64,
    /// Seasonal smoothing `γ` in [0, 1].
    pub gamma: f64,
    /// Trend damping `φ` in (0, 1].
    pub phi: f64,
}

impl Smoothing {
    /// ```
    /// use callcalc_engine::Smoothing;
    /// assert!(Smoothing::new(0.1, 0.0, 0.2, 0.98).is_ok());
    /// assert_eq!(Smoothing::new(0.0, 0.0, 0.2, 0.98).unwrap_err().field, "alpha");
    /// ```
    pub fn new(alpha: f64, beta: f64, gamma: f64, phi: f64) -> Result<Self, FieldError> {
        Ok(Smoothing {
            alpha: in_range("alpha", alpha, 0.0, 1.0, false, true)?,
            beta: in_range("beta", beta, 0.0, 1.0, true, true)?,
            gamma: in_range("gamma", gamma, 0.0, 1.0, true, true)?,
            phi: in_range("phi", phi, 0.0, 1.0, false, true)?,
        })
    }
}

/// How Holt-Winters gets its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HwParameters {
    Fixed(Smoothing),
    /// Grid search over `α ∈ {0.005, 0.01, 0.02, 0.05, 0.1, 0.2}`,
    /// `β ∈ {0, 0.001, 0.01}`, `γ ∈ {0.05, 0.1, 0.2, 0.3, 0.5}`, `φ = 0.98`,
    /// minimising the absolute error `Σ|y − ŷ|` of forecasting the ordinary
    /// days of the last 7 calendar days from the history before them (a
    /// holdout week, the horizon staffing plans use; FPP3 §5.8); when that
    /// leaves no training or no holdout day, the in-sample one-step-ahead sum
    /// of squared errors (FPP3 §8.6) instead. The chosen parameters are then
    /// refitted on the whole history. Ties keep the first in that order
    /// (deterministic).
    GridSearch,
}

/// A forecasting method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// `ŷ(d, s) = y(d′, s)`, `d′` the most recent ordinary day before the
    /// horizon with `weekday(d′) = weekday(d)`; a weekday never seen forecasts 0.
    SeasonalNaive,
    /// Profile × daily total with weekday factors and a linear trend, fitted on
    /// the last `window_weeks` weeks (1..=520).
    ProfileTrend { window_weeks: u32 },
    /// ETS(A,Ad,A): additive damped-trend Holt-Winters, weekly seasonality.
    HoltWinters(HwParameters),
}

impl Method {
    /// Stable machine name.
    pub fn name(&self) -> &'static str {
        match self {
            Method::SeasonalNaive => "seasonal_naive",
            Method::ProfileTrend { .. } => "profile_trend",
            Method::HoltWinters(HwParameters::Fixed(_)) => "holt_winters_fixed",
            Method::HoltWinters(HwParameters::GridSearch) => "holt_winters_grid",
        }
    }
}

/// One forecast day.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastDay {
    pub day: i64,
    /// Forecast contacts per slot (≥ 0).
    pub volumes: Vec<f64>,
    /// Forecast AHT per slot in seconds (volume-weighted mean of the same
    /// interval of the week in the history), when the history has AHT.
    pub aht_s: Option<Vec<Option<f64>>>,
}

/// A forecast: per-interval volumes for each requested day.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub method: Method,
    pub interval_s: u32,
    pub first_slot: u32,
    pub slots_per_day: u32,
    pub days: Vec<ForecastDay>,
    /// The Holt-Winters parameters used (fixed or chosen by the grid search).
    pub smoothing: Option<Smoothing>,
    /// The long range: from this day on (more than [`LONG_RANGE_DAYS`] after
    /// the history), days whose same weekday 52 weeks earlier is an ordinary
    /// history day are forecast as that day × `yearly_growth` (yearly
    /// seasonality), not by the method; `None` when the history is too short.
    pub yearly_from_day: Option<i64>,
    /// Growth applied to last year's days: the last [`LONG_RANGE_DAYS`] of
    /// history over the same weeks a year earlier, or 1 when the history
    /// does not reach back that far.
    pub yearly_growth: f64,
}

/// Total forecast volume of one calendar month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthTotal {
    pub year: i32,
    pub month: u32,
    /// Forecast days of the month in the forecast.
    pub days: u32,
    pub volume: f64,
}

impl Forecast {
    /// Total volume of each calendar month in the forecast, in order:
    /// `V(month) = Σ_{d in month} Σ_s ŷ(d, s)`.
    ///
    /// ```
    /// use callcalc_engine::{days_from_civil, HistoryDay, IntervalHistory, Method};
    /// let mon = days_from_civil(2003, 3, 3);
    /// let h = IntervalHistory::new(3600, 8, 2, (0..5).map(|i| HistoryDay { day: mon + i, volumes: vec![10.0, 20.0], aht_s: None, special: false }).collect()).unwrap();
    /// let f = h.forecast(Method::SeasonalNaive, &h.open_days_for_months(2).unwrap()).unwrap();
    /// let m = f.monthly_totals();
    /// assert_eq!((m[0].month, m[0].days, m[0].volume), (3, 16, 16.0 * 30.0)); // weekdays 10–31 March
    /// assert_eq!((m[1].month, m[1].days, m[1].volume), (4, 22, 22.0 * 30.0));
    /// ```
    pub fn monthly_totals(&self) -> Vec<MonthTotal> {
        let mut out: Vec<MonthTotal> = Vec::new();
        for d in &self.days {
            let (y, m, _) = civil_from_days(d.day);
            let v: f64 = d.volumes.iter().sum();
            match out.last_mut() {
                Some(t) if t.year == y && t.month == m => {
                    t.days += 1;
                    t.volume += v;
                }
                _ => out.push(MonthTotal { year: y, month: m, days: 1, volume: v }),
            }
        }
        out
    }

    /// Sum of every forecast interval.
    pub fn total(&self) -> f64 {
        self.days.iter().flat_map(|d| d.volumes.iter()).sum()
    }
}

const ALPHAS: [f64; 6] = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2];
const BETAS: [f64; 3] = [0.0, 0.001, 0.01];
const GAMMAS: [f64; 5] = [0.05, 0.1, 0.2, 0.3, 0.5];
const GRID_PHI: f64 = 0.98;

impl IntervalHistory {
    /// Forecasts the given future days with `method`.
    ///
    /// - `days`: strictly increasing, all after the last history day and at
    ///   most [`MAX_DAY`], at most
    ///   [`MAX_HORIZON_DAYS`]; closed days are simply not listed.
    /// - `ProfileTrend.window_weeks` must be in 1..=520.
    ///
    /// Formulas (`y(d, s)`: volume of slot `s` on day `d`, `w(d)` its weekday,
    /// `k = (w, s)` the interval of the week; only ordinary days are used):
    ///
    /// - **Seasonal naive** (FPP3 §5.2): `ŷ(d, s) = y(d′, s)`, `d′` the last
    ///   ordinary day with `w(d′) = w(d)`.
    /// - **Profile × trend**: on the window, `D(d) = Σ_s y(d, s)`;
    ///   profile `p(w, s) = Σ_d y(d, s) / Σ_d D(d)` over days of weekday `w`;
    ///   weekday factor `f_w = mean D(d) over weekday w / mean D(d)`; linear
    ///   trend `a + b·d` by least squares on `D(d)/f_{w(d)}` (FPP3 §7.1, §3.2);
    ///   `ŷ(d, s) = max(0, a + b·h′(d)) · f_{w(d)} · p(w(d), s)`, with `h′`
    ///   the days ahead up to the window's length and damped beyond it
    ///   ([`trend_steps`]).
    /// - **Holt-Winters ETS(A,Ad,A)** (FPP3 §8.3, §8.2 damped trend), time
    ///   `t` running over the ordinary observed intervals, `k(t)` its interval
    ///   of the week:
    ///   `ℓ_t = α(y_t − s_k) + (1−α)(ℓ_{t−1} + φ b_{t−1})`,
    ///   `b_t = β(ℓ_t − ℓ_{t−1}) + (1−β) φ b_{t−1}`,
    ///   `s_k ← γ(y_t − ℓ_{t−1} − φ b_{t−1}) + (1−γ) s_k`;
    ///   `ŷ_{T+h} = ℓ_T + (φ + … + φ^h) b_T + s_k`, `h` counting forecast
    ///   intervals. Seasonal states are indexed by interval of the week, so
    ///   closed weekends and special days need no filler. Initial state:
    ///   `ℓ_0` = mean of the first ordinary observation of each interval of
    ///   the week, `s_k` = that observation − `ℓ_0`, `b_0 = 0`. Additive
    ///   (not multiplicative) because near-zero early/late intervals make
    ///   multiplicative indices unstable.
    ///
    /// Every forecast is clamped at 0.
    ///
    /// ```
    /// use callcalc_engine::{HistoryDay, HwParameters, IntervalHistory, Method};
    /// // Two weeks of Mon–Fri, two slots, the same every week.
    /// let days: Vec<HistoryDay> = (0..14).filter(|d| (d + 3) % 7 < 5)
    ///     .map(|d| HistoryDay { day: d + 4, volumes: vec![10.0 + d as f64 % 7.0, 5.0], aht_s: None, special: false })
    ///     .collect();
    /// let h = IntervalHistory::new(1800, 16, 2, days).unwrap();
    /// let next = h.open_days_after(7);
    /// let f = h.forecast(Method::SeasonalNaive, &next).unwrap();
    /// assert_eq!(f.days[0].volumes, h.days()[5].volumes);
    /// let g = h.forecast(Method::HoltWinters(HwParameters::GridSearch), &next).unwrap();
    /// assert!((g.days[0].volumes[0] - f.days[0].volumes[0]).abs() < 1e-9);
    /// ```
    pub fn forecast(&self, method: Method, days: &[i64]) -> Result<Forecast, FieldError> {
        if days.len() > MAX_HORIZON_DAYS {
            return Err(FieldError::new("horizon", days.len(), Problem::TooLarge { max: MAX_HORIZON_DAYS as f64 }));
        }
        let last = self.days.last().map_or(i64::MIN, |d| d.day);
        for (i, &d) in days.iter().enumerate() {
            day_in_range("horizon", d)?;
            if d <= last || (i > 0 && d <= days[i - 1]) {
                return Err(FieldError::new(
                    "horizon",
                    d,
                    Problem::Unreadable { expected: "increasing days after the history" },
                ));
            }
        }
        if let Method::ProfileTrend { window_weeks } = method {
            in_range("window_weeks", f64::from(window_weeks), 1.0, 520.0, true, true)?;
        }
        Ok(self.forecast_validated(method, days))
    }

    fn forecast_validated(&self, method: Method, days: &[i64]) -> Forecast {
        let n = self.slots_per_day as usize;
        let (volumes, smoothing): (Vec<Vec<f64>>, Option<Smoothing>) = match method {
            Method::SeasonalNaive => (self.seasonal_naive(days), None),
            Method::ProfileTrend { window_weeks } => (self.profile_trend(days, window_weeks), None),
            Method::HoltWinters(p) => {
                let s = match p {
                    HwParameters::Fixed(s) => s,
                    HwParameters::GridSearch => self.grid_search(),
                };
                (self.holt_winters(days, s), Some(s))
            }
        };
        let (volumes, yearly_from_day, yearly_growth) = self.long_range(days, volumes);
        let aht = self.aht_profile();
        let days = days
            .iter()
            .zip(volumes)
            .map(|(&day, v)| ForecastDay {
                day,
                volumes: v.into_iter().map(|x| if x.is_finite() { x.max(0.0) } else { 0.0 }).collect(),
                aht_s: aht.as_ref().map(|a| a[weekday(day) * n..(weekday(day) + 1) * n].to_vec()),
            })
            .collect();
        Forecast {
            method,
            interval_s: self.interval_s,
            first_slot: self.first_slot,
            slots_per_day: self.slots_per_day,
            days,
            smoothing,
            yearly_from_day,
            yearly_growth,
        }
    }

    /// Yearly seasonality for the long range: a day more than
    /// [`LONG_RANGE_DAYS`] after the history whose same weekday 52 weeks
    /// (364 days) earlier is an ordinary history day gets
    /// `ŷ(d, s) = y(d − 364, s) · g`, with growth
    /// `g = Σ last LONG_RANGE_DAYS of history / Σ the same days 364 earlier`
    /// (1 when the history does not reach back that far). The seasonal
    /// naive forecast with a yearly period and a growth ratio (FPP3 §5.2):
    /// the intraweek methods see a few weeks and would carry their level — or
    /// their trend — for a whole year.
    fn long_range(&self, days: &[i64], mut volumes: Vec<Vec<f64>>) -> (Vec<Vec<f64>>, Option<i64>, f64) {
        let Some(last) = self.ordinary().last().map(|d| d.day) else { return (volumes, None, 1.0) };
        let by_day: std::collections::HashMap<i64, &HistoryDay> = self.ordinary().map(|d| (d.day, d)).collect();
        let from = last + LONG_RANGE_DAYS + 1;
        if !days.iter().any(|&d| d >= from && by_day.contains_key(&(d - 364))) {
            return (volumes, None, 1.0);
        }
        let (mut recent, mut year_ago) = (0.0, 0.0);
        let mut complete = true;
        for d in (last - LONG_RANGE_DAYS + 1)..=last {
            if let Some(h) = by_day.get(&d) {
                match by_day.get(&(d - 364)) {
                    Some(y) => {
                        recent += h.volumes.iter().sum::<f64>();
                        year_ago += y.volumes.iter().sum::<f64>();
                    }
                    None => complete = false,
                }
            }
        }
        let growth = if complete && year_ago > 0.0 && recent > 0.0 { recent / year_ago } else { 1.0 };
        for (v, &d) in volumes.iter_mut().zip(days) {
            if d >= from {
                if let Some(y) = by_day.get(&(d - 364)) {
                    *v = y.volumes.iter().map(|x| x * growth).collect();
                }
            }
        }
        (volumes, Some(from), growth)
    }

    fn ordinary(&self) -> impl Iterator<Item = &HistoryDay> {
        self.days.iter().filter(|d| !d.special)
    }

    fn seasonal_naive(&self, days: &[i64]) -> Vec<Vec<f64>> {
        let mut last: [Option<&HistoryDay>; 7] = [None; 7];
        for d in self.ordinary() {
            last[weekday(d.day)] = Some(d);
        }
        let n = self.slots_per_day as usize;
        days.iter().map(|&d| last[weekday(d)].map_or_else(|| vec![0.0; n], |h| h.volumes.clone())).collect()
    }

    fn profile_trend(&self, days: &[i64], window_weeks: u32) -> Vec<Vec<f64>> {
        let n = self.slots_per_day as usize;
        let last = self.ordinary().last().map_or(0, |d| d.day);
        let from = last - 7 * i64::from(window_weeks) + 1;
        let window: Vec<&HistoryDay> = self.ordinary().filter(|d| d.day >= from).collect();
        let mut slot_sum = vec![0.0; 7 * n];
        let mut day_sum = [0.0; 7];
        let mut day_count = [0usize; 7];
        for d in &window {
            let w = weekday(d.day);
            for (s, &v) in d.volumes.iter().enumerate() {
                slot_sum[w * n + s] += v;
            }
            day_sum[w] += d.volumes.iter().sum::<f64>();
            day_count[w] += 1;
        }
        let total: f64 = day_sum.iter().sum();
        let mean_all = total / window.len() as f64;
        let factor: [f64; 7] = core::array::from_fn(|w| {
            if day_count[w] == 0 || mean_all <= 0.0 {
                0.0
            } else {
                day_sum[w] / day_count[w] as f64 / mean_all
            }
        });
        // Least squares of D/f on day number, centred for accuracy.
        let pts: Vec<(f64, f64)> = window
            .iter()
            .filter(|d| factor[weekday(d.day)] > 0.0)
            .map(|d| ((d.day - last) as f64, d.volumes.iter().sum::<f64>() / factor[weekday(d.day)]))
            .collect();
        let m = pts.len().max(1) as f64;
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / m;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / m;
        let sxx: f64 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
        let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let b = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        let a = my - b * mx;
        let window_days = 7 * i64::from(window_weeks);
        days.iter()
            .map(|&d| {
                let w = weekday(d);
                let level = (a + b * trend_steps(d - last, window_days)).max(0.0) * factor[w];
                (0..n).map(|s| if day_sum[w] > 0.0 { level * slot_sum[w * n + s] / day_sum[w] } else { 0.0 }).collect()
            })
            .collect()
    }

    /// Runs ETS(A,Ad,A) over the ordinary history; returns the final state
    /// and the one-step-ahead SSE.
    fn hw_fit(&self, p: Smoothing) -> (f64, f64, Vec<f64>, f64) {
        let n = self.slots_per_day as usize;
        let mut seasonal = vec![f64::NAN; 7 * n];
        for d in self.ordinary() {
            let w = weekday(d.day);
            for (s, &v) in d.volumes.iter().enumerate() {
                if seasonal[w * n + s].is_nan() {
                    seasonal[w * n + s] = v;
                }
            }
        }
        let seen: Vec<f64> = seasonal.iter().copied().filter(|x| !x.is_nan()).collect();
        let l0 = seen.iter().sum::<f64>() / seen.len().max(1) as f64;
        for x in &mut seasonal {
            *x = if x.is_nan() { 0.0 } else { *x - l0 };
        }
        let (mut level, mut trend, mut sse) = (l0, 0.0, 0.0);
        for d in self.ordinary() {
            let w = weekday(d.day);
            for (s, &y) in d.volumes.iter().enumerate() {
                let k = w * n + s;
                let base = level + p.phi * trend;
                let e = y - (base + seasonal[k]);
                sse += e * e;
                let new_level = p.alpha * (y - seasonal[k]) + (1.0 - p.alpha) * base;
                trend = p.beta * (new_level - level) + (1.0 - p.beta) * p.phi * trend;
                seasonal[k] = p.gamma * (y - base) + (1.0 - p.gamma) * seasonal[k];
                level = new_level;
            }
        }
        (level, trend, seasonal, sse)
    }

    fn grid_search(&self) -> Smoothing {
        // Hold out the last 7 calendar days when the history allows it.
        let end = self.days.last().map_or(0, |d| d.day);
        let holdout: Vec<&HistoryDay> = self.ordinary().filter(|d| d.day > end - 7).collect();
        let train = self.before(end - 6).filter(|_| !holdout.is_empty());
        let holdout_days: Vec<i64> = holdout.iter().map(|d| d.day).collect();
        let mut best: Option<(f64, Smoothing)> = None;
        for &alpha in &ALPHAS {
            for &beta in &BETAS {
                for &gamma in &GAMMAS {
                    let s = Smoothing { alpha, beta, gamma, phi: GRID_PHI };
                    let score = match &train {
                        Some(t) => t
                            .holt_winters(&holdout_days, s)
                            .iter()
                            .zip(&holdout)
                            .flat_map(|(f, d)| f.iter().zip(&d.volumes).map(|(p, y)| (p.max(0.0) - y).abs()))
                            .sum::<f64>(),
                        None => self.hw_fit(s).3,
                    };
                    if best.is_none_or(|(b, _)| score < b) {
                        best = Some((score, s));
                    }
                }
            }
        }
        best.map_or(Smoothing { alpha: 0.05, beta: 0.0, gamma: 0.1, phi: GRID_PHI }, |b| b.1)
    }

    fn holt_winters(&self, days: &[i64], p: Smoothing) -> Vec<Vec<f64>> {
        let n = self.slots_per_day as usize;
        let (level, trend, seasonal, _) = self.hw_fit(p);
        let mut damp_sum = 0.0;
        let mut phi_h = 1.0;
        days.iter()
            .map(|&d| {
                let w = weekday(d);
                (0..n)
                    .map(|s| {
                        phi_h *= p.phi;
                        damp_sum += phi_h;
                        level + damp_sum * trend + seasonal[w * n + s]
                    })
                    .collect()
            })
            .collect()
    }

    /// Volume-weighted mean AHT per interval of the week (`7 × slots_per_day`),
    /// `None` when no day has AHT.
    fn aht_profile(&self) -> Option<Vec<Option<f64>>> {
        let n = self.slots_per_day as usize;
        let mut num = vec![0.0; 7 * n];
        let mut den = vec![0.0; 7 * n];
        let mut any = false;
        for d in self.ordinary() {
            if let Some(a) = &d.aht_s {
                any = true;
                let w = weekday(d.day);
                for (s, x) in a.iter().enumerate() {
                    if let Some(x) = x {
                        num[w * n + s] += x * d.volumes[s];
                        den[w * n + s] += d.volumes[s];
                    }
                }
            }
        }
        any.then(|| num.iter().zip(&den).map(|(a, b)| (*b > 0.0).then(|| a / b)).collect())
    }
}

/// Accuracy of one method over the backtest weeks (ordinary days only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accuracy {
    pub method: Method,
    /// `WAPE = Σ|y − ŷ| / Σ y` (fraction).
    pub wape: f64,
    /// `MAPE = (1/n⁺) Σ_{y>0} |y − ŷ| / y` (fraction), over intervals with `y > 0`.
    pub mape: f64,
    /// `bias = Σ(ŷ − y) / Σ y` (fraction; positive = over-forecast).
    pub bias: f64,
    /// Mean error `ME = (1/n) Σ (y − ŷ)`, contacts per interval (FPP3 sign: positive = under-forecast).
    pub mean_error: f64,
    /// Intervals scored.
    pub intervals: usize,
    /// Intervals with `y > 0` (the MAPE denominator).
    pub positive_intervals: usize,
}

/// A rolling-origin backtest: accuracy per method and the best by WAPE.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    pub weeks: u32,
    pub results: Vec<Accuracy>,
    /// Index into `results` of the lowest WAPE (first on ties).
    pub best: usize,
}

impl Backtest {
    pub fn best(&self) -> &Accuracy {
        &self.results[self.best]
    }
}

impl IntervalHistory {
    /// Backtest on the last `weeks` weeks, rolling origin (FPP3 §5.10,
    /// "time series cross-validation"): for `j = weeks, …, 1` the history
    /// before day `E − 7j + 1` (`E` the last history day) forecasts the open
    /// days of the following 7 calendar days; special days are neither fitted
    /// nor scored. Errors of all weeks are pooled:
    ///
    /// - `WAPE = Σ|y − ŷ| / Σ y` — the MAD/mean ratio, Kolassa & Schütz,
    ///   Foresight 6 (2007) 40–43;
    /// - `MAPE = mean over y > 0 of |y − ŷ|/y` — FPP3 §5.8 (percentage
    ///   errors; undefined at `y = 0`, so those intervals are left out);
    /// - `bias = Σ(ŷ − y) / Σ y` and `ME = mean(y − ŷ)` — FPP3 §5.8.
    ///
    /// The best method is the one with the lowest WAPE. `weeks` must be in
    /// 1..=52, every origin must leave an ordinary training day and some
    /// scored volume must be positive; `methods` non-empty.
    ///
    /// ```
    /// use callcalc_engine::{HistoryDay, IntervalHistory, Method};
    /// let days: Vec<HistoryDay> = (0..28).map(|d| HistoryDay { day: d, volumes: vec![5.0 + (d % 7) as f64], aht_s: None, special: false }).collect();
    /// let h = IntervalHistory::new(3600, 9, 1, days).unwrap();
    /// let b = h.backtest(2, &[Method::SeasonalNaive, Method::ProfileTrend { window_weeks: 2 }]).unwrap();
    /// assert_eq!(b.results[0].wape, 0.0);
    /// assert_eq!(b.results[0].intervals, 14);
    /// assert!(b.results[1].wape < 1e-9);
    /// ```
    pub fn backtest(&self, weeks: u32, methods: &[Method]) -> Result<Backtest, FieldError> {
        in_range("weeks", f64::from(weeks), 1.0, 52.0, true, true)?;
        if methods.is_empty() {
            return Err(FieldError::new("methods", 0, Problem::NotPositive));
        }
        for m in methods {
            if let Method::ProfileTrend { window_weeks } = m {
                in_range("window_weeks", f64::from(*window_weeks), 1.0, 520.0, true, true)?;
            }
        }
        let end = self.days.last().map_or(0, |d| d.day);
        let mut folds = Vec::new();
        for j in (1..=i64::from(weeks)).rev() {
            let start = end - 7 * j + 1;
            let train = self
                .before(start)
                .ok_or_else(|| FieldError::new("weeks", weeks, Problem::TooLarge { max: f64::from(weeks) - 1.0 }))?;
            let test: Vec<&HistoryDay> =
                self.days.iter().filter(|d| d.day >= start && d.day < start + 7 && !d.special).collect();
            folds.push((train, test));
        }
        let actual: f64 = folds.iter().flat_map(|f| f.1.iter()).flat_map(|d| d.volumes.iter()).sum();
        if actual <= 0.0 {
            return Err(FieldError::new(
                "weeks",
                weeks,
                Problem::Unreadable { expected: "backtest weeks with some volume" },
            ));
        }
        let mut results = Vec::with_capacity(methods.len());
        for &m in methods {
            let (mut abs, mut signed, mut ape, mut npos, mut count) = (0.0, 0.0, 0.0, 0usize, 0usize);
            for (train, test) in &folds {
                let days: Vec<i64> = test.iter().map(|d| d.day).collect();
                let f = train.forecast_validated(m, &days);
                for (fd, hd) in f.days.iter().zip(test) {
                    for (&p, &y) in fd.volumes.iter().zip(&hd.volumes) {
                        abs += (y - p).abs();
                        signed += p - y;
                        count += 1;
                        if y > 0.0 {
                            ape += (y - p).abs() / y;
                            npos += 1;
                        }
                    }
                }
            }
            results.push(Accuracy {
                method: m,
                wape: abs / actual,
                mape: if npos > 0 { ape / npos as f64 } else { 0.0 },
                bias: signed / actual,
                mean_error: if count > 0 { -signed / count as f64 } else { 0.0 },
                intervals: count,
                positive_intervals: npos,
            });
        }
        let best = (0..results.len()).fold(0, |b, i| if results[i].wape < results[b].wape { i } else { b });
        Ok(Backtest { weeks, results, best })
    }
}

impl IntervalHistory {
    /// A history from imported interval statistics (cells of any queues and
    /// channels; cells with the same start are added together).
    ///
    /// - day of a cell: `⌊start / 86 400⌋`; slot: `second_of_day / interval_s`;
    /// - window: from the earliest to the latest slot holding a cell on any
    ///   day; slots of a day without a cell have volume 0;
    /// - volume of a slot: Σ offered; AHT of a slot: `Σ handle_s / Σ handled_with_time`
    ///   (`None` where nothing was handled with a known time);
    /// - every cell's `length_s` must equal `interval_s` (else the field
    ///   `interval_s` is named); days are those holding at least one cell.
    ///
    /// ```
    /// use callcalc_engine::{IntervalHistory, IntervalStats, Timestamp};
    /// let cell = |day, slot: u32, offered, handle_s| {
    ///     let mut c = IntervalStats::empty(Timestamp::from_days(day, slot * 900), 900, None, None);
    ///     c.offered = offered;
    ///     c.answered = offered;
    ///     c.handled_with_time = offered;
    ///     c.handle_s = handle_s;
    ///     c
    /// };
    /// let cells = vec![cell(0, 32, 10, 1800.0), cell(0, 33, 4, 800.0), cell(1, 33, 6, 600.0), cell(1, 33, 2, 200.0)];
    /// let h = IntervalHistory::from_interval_stats(&cells, 900).unwrap();
    /// assert_eq!((h.first_slot(), h.slots_per_day()), (32, 2));
    /// assert_eq!(h.days()[1].volumes, vec![0.0, 8.0]);
    /// assert_eq!(h.days()[0].aht_s.as_ref().unwrap()[0], Some(180.0));
    /// assert_eq!(h.days()[1].aht_s.as_ref().unwrap()[1], Some(100.0));
    /// ```
    pub fn from_interval_stats(cells: &[crate::IntervalStats], interval_s: u32) -> Result<Self, FieldError> {
        if interval_s == 0 || 86_400 % interval_s != 0 {
            return Err(FieldError::new(
                "interval_s",
                interval_s,
                Problem::Unreadable { expected: "a divisor of 86400 seconds" },
            ));
        }
        if cells.is_empty() {
            return Err(FieldError::new("days", 0, Problem::NotPositive));
        }
        if let Some(c) = cells.iter().find(|c| c.length_s != interval_s) {
            return Err(FieldError::new(
                "interval_s",
                c.length_s,
                Problem::Unreadable { expected: "cells of the interval length" },
            ));
        }
        let slot = |c: &crate::IntervalStats| c.start.second_of_day() / interval_s;
        let first = cells.iter().map(slot).min().unwrap_or(0);
        let last = cells.iter().map(slot).max().unwrap_or(0);
        let n = (last - first + 1) as usize;
        // Per day: offered, handle seconds and agents staffed, by slot.
        type DaySlots = (Vec<f64>, Vec<f64>, Vec<u64>);
        let mut by_day: std::collections::BTreeMap<i64, DaySlots> = Default::default();
        for c in cells {
            let e = by_day.entry(c.start.days()).or_insert_with(|| (vec![0.0; n], vec![0.0; n], vec![0; n]));
            let k = (slot(c) - first) as usize;
            e.0[k] += c.offered as f64;
            e.1[k] += c.handle_s;
            e.2[k] += c.handled_with_time;
        }
        let days = by_day
            .into_iter()
            .map(|(day, (volumes, handle, handled))| HistoryDay {
                day,
                volumes,
                aht_s: Some(
                    handle.iter().zip(&handled).map(|(&h, &k)| (k > 0 && h > 0.0).then(|| h / k as f64)).collect(),
                ),
                special: false,
            })
            .collect();
        IntervalHistory::new(interval_s, first, n as u32, days)
    }
}

/// Source of the forecasting definitions (for traces and docs).
pub const FORECAST_SOURCE: &str = SRC_FPP3;
/// Days after the history beyond which a forecast day takes last year's
/// same weekday (when the history has it): 8 weeks, twice the backtest.
pub const LONG_RANGE_DAYS: i64 = 56;

/// Daily damping of a linear trend beyond the window it was fitted on.
pub const TREND_DAMPING: f64 = 0.98;

/// How many days of trend a forecast `h` days after the history carries: the
/// fitted linear trend for as many days ahead as the window it was fitted on
/// (`window_days`), then damped by [`TREND_DAMPING`] a day, so a trend seen
/// over a few weeks adds at most `φ/(1 − φ)` = 49 more days of growth
/// however far the horizon (the damped trend of FPP3 §8.2, applied to the
/// least-squares trend; a 12-month forecast from four December weeks would
/// otherwise carry the pre-holiday rise for a whole year).
///
/// ```
/// use callcalc_engine::trend_steps;
/// assert_eq!(trend_steps(10, 28), 10.0);
/// assert!((trend_steps(29, 28) - 28.98).abs() < 1e-12);
/// assert!(trend_steps(365, 28) < 28.0 + 49.0);
/// ```
pub fn trend_steps(h: i64, window_days: i64) -> f64 {
    if h <= window_days {
        return h as f64;
    }
    let extra = (h - window_days) as f64;
    // Σ_{i=1..extra} φ^i = φ (1 − φ^extra) / (1 − φ)
    window_days as f64 + TREND_DAMPING * (1.0 - TREND_DAMPING.powf(extra)) / (1.0 - TREND_DAMPING)
}

//! What a data set covers in time: its first and last day, the **open days**
//! (days with at least one offered contact), the **calendar days** it spans,
//! and per calendar month how much of the month it saw. With it a partial
//! month is scaled to a whole one ([`MonthCoverage::scale`]) instead of being
//! taken for a month, and analyses refuse histories too short for them
//! ([`ShortHistory`]).

use crate::import::{civil_from_days, days_from_civil, days_in_month};
use crate::IntervalStats;

/// Calendar days a budget needs at least: one whole week, so every weekday
/// of the centre's pattern appears and the open-day rate is measured.
pub const MIN_BUDGET_DAYS: u32 = 7;
/// Calendar days a forecast backtest needs at least: one week to fit and
/// the following week to score.
pub const MIN_BACKTEST_DAYS: u32 = 14;

/// The source of the day-count scaling of [`MonthCoverage::scale`].
pub const COVERAGE_SOURCE: &str = "W. G. Cochran, Sampling Techniques, 3rd ed. (Wiley 1977), ch. 2: a population \
                                   total estimated as N × the sample mean (here: open days × mean per open day)";

/// One calendar month as the data set saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthCoverage {
    pub year: i32,
    /// 1..=12.
    pub month: u32,
    /// Calendar days of the month `D` (28..=31).
    pub days_in_month: u32,
    /// Calendar days of the month between the data set's first and last day
    /// `c` (1..=D).
    pub covered_days: u32,
    /// Days of the month with at least one offered contact `o` (0..=c).
    pub open_days: u32,
    /// Σ offered contacts of the month in the data `V`.
    pub offered: f64,
}

impl MonthCoverage {
    /// True when the data set spans only some of the month's days.
    pub fn is_partial(&self) -> bool {
        self.covered_days < self.days_in_month
    }

    /// Open days the whole month is expected to have:
    /// `Ô = o + (D − c) · r`, where `o` is the open days found, `D` the
    /// days of the month, `c` the calendar days of the month the data spans
    /// and `r` the data set's open-day rate ([`Coverage::open_rate`]): the
    /// days of the month the data does not reach are open at the rate the
    /// data shows. A month the data spans entirely keeps `Ô = o`.
    ///
    /// ```
    /// use callcalc_engine::MonthCoverage;
    /// // 1 day of July seen, open every day: July has 31 open days.
    /// let m = MonthCoverage { year: 2003, month: 7, days_in_month: 31, covered_days: 1, open_days: 1, offered: 1312.0 };
    /// assert_eq!(m.expected_open_days(1.0), 31.0);
    /// // 10 days seen, 8 open (r = 0.8): 8 + 21 × 0.8 = 24.8.
    /// let m = MonthCoverage { covered_days: 10, open_days: 8, ..m };
    /// assert!((m.expected_open_days(0.8) - 24.8).abs() < 1e-12);
    /// ```
    pub fn expected_open_days(&self, open_rate: f64) -> f64 {
        let missing = f64::from(self.days_in_month.saturating_sub(self.covered_days));
        f64::from(self.open_days) + missing * open_rate.clamp(0.0, 1.0)
    }

    /// Factor that turns the month's volume in the data into a whole
    /// month's: `k = Ô / o` ([`MonthCoverage::expected_open_days`]), so
    /// `V̂ = V · k` = the mean volume per open day found × the open days the
    /// month is expected to have (a total estimated as N × the sample mean,
    /// Cochran, Sampling Techniques, 3rd ed. 1977, ch. 2; [`COVERAGE_SOURCE`]).
    /// `k = 1` for a month the data spans entirely and for a month without
    /// an open day (nothing to scale: as far as the data shows it is closed).
    ///
    /// ```
    /// use callcalc_engine::MonthCoverage;
    /// let july = MonthCoverage { year: 2003, month: 7, days_in_month: 31, covered_days: 1, open_days: 1, offered: 1312.0 };
    /// assert_eq!(july.scale(1.0), 31.0);
    /// assert_eq!(july.offered * july.scale(1.0), 40_672.0);
    /// let full = MonthCoverage { covered_days: 31, open_days: 27, ..july };
    /// assert_eq!(full.scale(0.5), 1.0);
    /// ```
    pub fn scale(&self, open_rate: f64) -> f64 {
        if self.open_days == 0 || !self.is_partial() {
            1.0
        } else {
            self.expected_open_days(open_rate) / f64::from(self.open_days)
        }
    }
}

/// What a data set covers: computed once from its interval statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// First and last day holding a cell (days since 1970-01-01).
    pub first_day: i64,
    pub last_day: i64,
    /// Days with at least one offered contact.
    pub open_days: u32,
    /// Calendar days from the first to the last day, both included.
    pub calendar_days: u32,
    /// Interval length of the data, seconds (the first cell's).
    pub interval_s: u32,
    /// Every calendar month from the first to the last day, in order.
    pub months: Vec<MonthCoverage>,
}

impl Coverage {
    /// The coverage of interval statistics (any queues and channels);
    /// `None` without cells. A day is open when its cells offer at least
    /// one contact; the span runs from the first to the last day holding a
    /// cell (an interval report's empty intervals count as covered).
    ///
    /// ```
    /// use callcalc_engine::{days_from_civil, Coverage, IntervalStats, Timestamp};
    /// let cell = |y, m, d, offered| {
    ///     let mut c = IntervalStats::empty(Timestamp::from_days(days_from_civil(y, m, d), 36_000), 900, None, None);
    ///     c.offered = offered;
    ///     c
    /// };
    /// // 3 and 5 March with contacts, 4 March in the file but empty.
    /// let cov = Coverage::from_interval_stats(&[cell(2003, 3, 3, 10), cell(2003, 3, 4, 0), cell(2003, 3, 5, 7)]).unwrap();
    /// assert_eq!((cov.open_days, cov.calendar_days), (2, 3));
    /// assert_eq!(cov.months.len(), 1);
    /// assert_eq!((cov.months[0].covered_days, cov.months[0].open_days, cov.months[0].offered), (3, 2, 17.0));
    /// assert!(cov.months[0].is_partial());
    /// assert!(Coverage::from_interval_stats(&[]).is_none());
    /// ```
    pub fn from_interval_stats(cells: &[IntervalStats]) -> Option<Coverage> {
        let first_day = cells.iter().map(|c| c.start.days()).min()?;
        let last_day = cells.iter().map(|c| c.start.days()).max()?;
        let mut open = std::collections::BTreeSet::new();
        let mut offered: std::collections::BTreeMap<(i32, u32), f64> = std::collections::BTreeMap::new();
        for c in cells {
            if c.offered > 0 {
                open.insert(c.start.days());
            }
            let (y, m, _) = c.start.date();
            *offered.entry((y, m)).or_default() += c.offered as f64;
        }
        let mut months = Vec::new();
        let (mut y, mut m, _) = civil_from_days(first_day);
        let (ly, lm, _) = civil_from_days(last_day);
        while (y, m) <= (ly, lm) {
            let dim = days_in_month(y, m);
            let (start, end) = (days_from_civil(y, m, 1), days_from_civil(y, m, dim));
            let (lo, hi) = (start.max(first_day), end.min(last_day));
            months.push(MonthCoverage {
                year: y,
                month: m,
                days_in_month: dim,
                covered_days: (hi - lo + 1) as u32,
                open_days: open.range(lo..=hi).count() as u32,
                offered: offered.get(&(y, m)).copied().unwrap_or(0.0),
            });
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        Some(Coverage {
            first_day,
            last_day,
            open_days: open.len() as u32,
            calendar_days: (last_day - first_day + 1) as u32,
            interval_s: cells[0].length_s,
            months,
        })
    }

    /// The open-day rate `r = O / C`: open days over calendar days spanned.
    ///
    /// ```
    /// use callcalc_engine::Coverage;
    /// let c = Coverage { first_day: 0, last_day: 9, open_days: 8, calendar_days: 10, interval_s: 900, months: vec![] };
    /// assert_eq!(c.open_rate(), 0.8);
    /// ```
    pub fn open_rate(&self) -> f64 {
        f64::from(self.open_days) / f64::from(self.calendar_days.max(1))
    }

    /// True when a month of the span is only partly covered.
    pub fn has_partial_month(&self) -> bool {
        self.months.iter().any(MonthCoverage::is_partial)
    }

    /// `Ok` when the data spans at least `needed_days` calendar days, else
    /// the typed problem saying what is needed and what there is.
    ///
    /// ```
    /// use callcalc_engine::{Coverage, ShortHistory};
    /// let c = Coverage { first_day: 0, last_day: 0, open_days: 1, calendar_days: 1, interval_s: 900, months: vec![] };
    /// assert_eq!(c.require(7), Err(ShortHistory { needed_days: 7, calendar_days: 1, open_days: 1 }));
    /// assert!(c.require(1).is_ok());
    /// ```
    pub fn require(&self, needed_days: u32) -> Result<(), ShortHistory> {
        ShortHistory::check(needed_days, self.calendar_days, self.open_days)
    }
}

/// A history too short for what was asked of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortHistory {
    /// Calendar days needed at least.
    pub needed_days: u32,
    /// Calendar days the data spans.
    pub calendar_days: u32,
    /// Days of them with contacts.
    pub open_days: u32,
}

impl ShortHistory {
    /// `Err` when `calendar_days < needed_days`.
    ///
    /// ```
    /// use callcalc_engine::ShortHistory;
    /// assert!(ShortHistory::check(14, 14, 10).is_ok());
    /// assert_eq!(ShortHistory::check(14, 1, 1).unwrap_err().needed_days, 14);
    /// ```
    pub fn check(needed_days: u32, calendar_days: u32, open_days: u32) -> Result<(), ShortHistory> {
        if calendar_days < needed_days {
            Err(ShortHistory { needed_days, calendar_days, open_days })
        } else {
            Ok(())
        }
    }
}

impl std::fmt::Display for ShortHistory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the history spans {} calendar day(s) ({} with contacts); at least {} are needed",
            self.calendar_days, self.open_days, self.needed_days
        )
    }
}

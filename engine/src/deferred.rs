//! Deferred work (e-mail, back office, tickets): work that need not be
//! answered at once but within a response deadline. Staffing is a matter of
//! capacity and deadlines, not of queueing delay.
//!
//! ## Model (fluid, earliest deadline first)
//! Intervals of length `L` (s). Items arriving in interval `i` may be worked
//! from interval `i` on and must be finished by the end of interval
//! `i + d − 1`, with `d = ⌊deadline / L⌋ ≥ 1` (so `d = 1` means "within the
//! interval of arrival"). One agent provides `L·p` seconds of work per
//! interval, `p` = productive share (the part of paid time spent on the work).
//! Work is done oldest first (FIFO = earliest deadline first, as every item
//! has the same deadline); backlog carries over between intervals.
//!
//! Per interval `i` the plan staffs just enough agents for the work that falls
//! due at the end of `i` and is not done yet:
//! `N_i = ⌈due_i·AHT / (L·p)⌉`; the rounding surplus works ahead on the
//! oldest backlog. The constant ("level") staffing that meets every deadline
//! is found as well: the smallest `N` for which the same FIFO process with
//! `N` agents in every interval never misses a deadline.
//!
//! Sources: G. Koole, *Call Center Optimization* (MG books, 2013), ch. on
//! e-mail and other deferred work (deadline-based staffing with backlog);
//! J. R. Jackson, *Scheduling a production line to minimize maximum
//! tardiness* (1955) — earliest-due-date order meets every deadline whenever
//! any order does.

use std::collections::VecDeque;

use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::shrinkage::ceil_people;
use crate::trace::Trace;

const SRC: &str = "Koole, Call Center Optimization (2013), deferred work with deadlines and backlog; Jackson (1955): earliest due date first meets every deadline if any order does";

/// A deferred-work plan request, validated once.
#[derive(Debug, Clone, PartialEq)]
pub struct DeferredWork {
    arrivals: Vec<f64>,
    interval_s: f64,
    /// One AHT for all intervals ([`DeferredWork::new`]), or the
    /// arrivals-weighted mean of `aht_per_interval`.
    aht_s: f64,
    /// Handle time of the items arriving in each interval, seconds.
    aht_per_interval: Vec<f64>,
    productive_share: f64,
    deadline_s: f64,
    deadline_intervals: usize,
}

/// One interval of a deferred-work plan. Items are counts (may be fractional
/// for forecasts); work is in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeferredInterval {
    pub index: usize,
    /// Items arriving in this interval.
    pub arrivals: f64,
    /// Items open at the start (carried over).
    pub backlog_in: f64,
    /// Open items whose deadline is the end of this interval.
    pub due: f64,
    /// `due·AHT / (L·p)`: agents needed, unrounded.
    pub agents_exact: f64,
    /// `agents_exact` rounded up to whole agents.
    pub agents: u32,
    /// Items worked in this interval (due ones first, then the oldest others).
    pub worked: f64,
    /// Items open at the end (none of them due yet).
    pub backlog_out: f64,
    /// Work hours carried over, `backlog_out·AHT / 3600`.
    pub backlog_out_work_h: f64,
}

/// A deferred-work plan: per-interval staffing and the level alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct DeferredPlan {
    pub intervals: Vec<DeferredInterval>,
    /// `d`: intervals an item may take, including its arrival interval.
    pub deadline_intervals: usize,
    /// Sum over intervals of agents (agent-intervals).
    pub agent_intervals: u64,
    /// Peak of the per-interval staffing.
    pub peak_agents: u32,
    /// Smallest constant staffing that meets every deadline.
    pub level_agents: u32,
    /// Items still open (not yet due) after the last interval.
    pub backlog_end: f64,
    pub interval_s: f64,
    pub aht_s: f64,
    pub productive_share: f64,
    pub deadline_s: f64,
}

impl DeferredWork {
    /// Validates: every arrival count `≥ 0` (field `"arrivals"`),
    /// `interval_s > 0`, `aht_s > 0`, `0 < productive_share ≤ 1`,
    /// `deadline_s ≥ interval_s` (a deadline shorter than the interval cannot
    /// be planned per interval).
    ///
    /// ```
    /// use callcalc_engine::DeferredWork;
    /// assert!(DeferredWork::new(&[10.0, 20.0], 3600.0, 300.0, 0.8, 86_400.0).is_ok());
    /// let e = DeferredWork::new(&[10.0, -1.0], 3600.0, 300.0, 0.8, 86_400.0).unwrap_err();
    /// assert_eq!(e.field, "arrivals");
    /// assert_eq!(DeferredWork::new(&[1.0], 3600.0, 300.0, 0.8, 1800.0).unwrap_err().field, "deadline_s");
    /// ```
    pub fn new(
        arrivals: &[f64],
        interval_s: f64,
        aht_s: f64,
        productive_share: f64,
        deadline_s: f64,
    ) -> Result<Self, FieldError> {
        for (i, &a) in arrivals.iter().enumerate() {
            if non_negative("arrivals", a).is_err() {
                let problem = if a.is_finite() { Problem::Negative } else { Problem::NotFinite };
                return Err(FieldError::new("arrivals", format!("interval {i}: {a}"), problem));
            }
        }
        let interval_s = positive("interval_s", interval_s)?;
        let aht_s = positive("aht_s", aht_s)?;
        let productive_share = in_range("productive_share", productive_share, 0.0, 1.0, false, true)?;
        let deadline_s = positive("deadline_s", deadline_s)?;
        let d = (deadline_s / interval_s * (1.0 + 1e-12)).floor();
        if d < 1.0 {
            return Err(FieldError::new(
                "deadline_s",
                deadline_s,
                Problem::OutOfRange { min: interval_s, max: f64::INFINITY, min_inclusive: true, max_inclusive: true },
            ));
        }
        let deadline_intervals = d.min(arrivals.len().max(1) as f64 + 1.0) as usize;
        Ok(DeferredWork {
            arrivals: arrivals.to_vec(),
            interval_s,
            aht_s,
            aht_per_interval: vec![aht_s; arrivals.len()],
            productive_share,
            deadline_s,
            deadline_intervals,
        })
    }

    /// Like [`DeferredWork::new`] but every interval has its own handle time:
    /// the items arriving in interval `i` take `aht_s[i]` seconds each (the
    /// forecast's AHT of that interval), wherever they are worked. Validates
    /// as `new`, plus one `aht_s` entry per arrival interval, each `> 0`
    /// (field `"aht_s"`). With the same AHT everywhere the plan is identical
    /// to `new`'s.
    ///
    /// ```
    /// use callcalc_engine::DeferredWork;
    /// // 18 items of 5 min, then 9 items of 10 min; 1-hour intervals, 75 % productive, 2 h deadline.
    /// let w = DeferredWork::with_aht_per_interval(&[18.0, 9.0, 0.0], &[300.0, 600.0, 300.0], 3600.0, 0.75, 7200.0)
    ///     .unwrap();
    /// let agents: Vec<u32> = w.plan().intervals.iter().map(|i| i.agents).collect();
    /// // hour 2: 18·300 s due = 2 agents (2700 s each); hour 3: 9·600 s due = 2 agents
    /// assert_eq!(agents, vec![0, 2, 2]);
    /// assert_eq!(DeferredWork::with_aht_per_interval(&[1.0], &[], 3600.0, 0.8, 7200.0).unwrap_err().field, "aht_s");
    /// ```
    pub fn with_aht_per_interval(
        arrivals: &[f64],
        aht_s: &[f64],
        interval_s: f64,
        productive_share: f64,
        deadline_s: f64,
    ) -> Result<Self, FieldError> {
        if aht_s.len() != arrivals.len() {
            return Err(FieldError::new(
                "aht_s",
                format!("{} entries for {} intervals", aht_s.len(), arrivals.len()),
                Problem::OutOfRange {
                    min: arrivals.len() as f64,
                    max: arrivals.len() as f64,
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ));
        }
        for &a in aht_s {
            positive("aht_s", a)?;
        }
        let total: f64 = arrivals.iter().sum();
        let mean = if aht_s.windows(2).all(|w| w[0] == w[1]) {
            aht_s.first().copied().unwrap_or(1.0)
        } else if total > 0.0 {
            arrivals.iter().zip(aht_s).map(|(n, a)| n * a).sum::<f64>() / total
        } else {
            aht_s.first().copied().unwrap_or(1.0)
        };
        let mut w = DeferredWork::new(arrivals, interval_s, mean, productive_share, deadline_s)?;
        w.aht_per_interval = aht_s.to_vec();
        Ok(w)
    }

    /// `d`: intervals an item may take, including its arrival interval.
    pub fn deadline_intervals(&self) -> usize {
        self.deadline_intervals
    }

    /// Work one agent does per interval, seconds: `L·p`.
    fn capacity_per_agent_s(&self) -> f64 {
        self.interval_s * self.productive_share
    }

    /// The plan: per interval `N_i = ⌈due_i·AHT/(L·p)⌉` with FIFO work-ahead
    /// of the rounding surplus and backlog carried over; plus the level
    /// staffing.
    ///
    /// - `due_i`: items whose deadline (arrival interval + `d` − 1) is interval
    ///   `i` and that are still open; `AHT` (s) per item; `L` interval (s);
    ///   `p` productive share.
    /// - Variant: just-in-time per interval (smallest staffing each interval,
    ///   deadlines exactly met); `level_agents` is the constant alternative.
    /// - Source: Koole (2013); Jackson (1955).
    ///
    /// ```
    /// use callcalc_engine::DeferredWork;
    /// // 1-hour intervals, 5-minute items, 75% productive, answer within 2 hours.
    /// // One agent does 3600·0.75/300 = 9 items per hour.
    /// let w = DeferredWork::new(&[18.0, 0.0, 27.0, 0.0], 3600.0, 300.0, 0.75, 7200.0).unwrap();
    /// let p = w.plan();
    /// let agents: Vec<u32> = p.intervals.iter().map(|i| i.agents).collect();
    /// assert_eq!(agents, vec![0, 2, 0, 3]); // due at the end of the second hour
    /// assert_eq!(p.level_agents, 2);        // 2 per hour clears 18 and 27 in time
    /// assert_eq!(p.backlog_end, 0.0);
    /// ```
    pub fn plan(&self) -> DeferredPlan {
        let cap = self.capacity_per_agent_s();
        let d = self.deadline_intervals;
        let mut open: VecDeque<Cohort> = VecDeque::new();
        let mut out = Vec::with_capacity(self.arrivals.len());
        for (i, &a) in self.arrivals.iter().enumerate() {
            let backlog_in: f64 = open.iter().map(|c| c.items).sum();
            if a > 0.0 {
                open.push_back(Cohort { due: i + d - 1, items: a, aht_s: self.aht_per_interval[i] });
            }
            let due: f64 = open.iter().take_while(|c| c.due <= i).map(|c| c.items).sum();
            let agents_exact = work_s(open.iter().take_while(|c| c.due <= i)) / cap;
            let agents = ceil_people(agents_exact).min(u32::MAX as u64) as u32;
            let (worked, _) = work_fifo(&mut open, agents as f64 * cap);
            let backlog_out: f64 = open.iter().map(|c| c.items).sum();
            out.push(DeferredInterval {
                index: i,
                arrivals: a,
                backlog_in,
                due,
                agents_exact,
                agents,
                worked,
                backlog_out,
                backlog_out_work_h: work_s(open.iter()) / 3600.0,
            });
        }
        let peak = out.iter().map(|x| x.agents).max().unwrap_or(0);
        // Level staffing: the peak is feasible (FIFO with at least the
        // per-interval capacity never falls behind it); bisect below it.
        let (mut lo, mut hi) = (0u32, peak);
        if !self.level_feasible(0) {
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if self.level_feasible(mid) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        } else {
            hi = 0;
        }
        DeferredPlan {
            backlog_end: out.last().map_or(0.0, |x| x.backlog_out),
            agent_intervals: out.iter().map(|x| x.agents as u64).sum(),
            peak_agents: peak,
            level_agents: hi,
            intervals: out,
            deadline_intervals: d,
            interval_s: self.interval_s,
            aht_s: self.aht_s,
            productive_share: self.productive_share,
            deadline_s: self.deadline_s,
        }
    }

    /// Whether `agents` in every interval meet every deadline (FIFO fluid).
    fn level_feasible(&self, agents: u32) -> bool {
        let capacity_s = agents as f64 * self.capacity_per_agent_s();
        let d = self.deadline_intervals;
        let mut open: VecDeque<Cohort> = VecDeque::new();
        for (i, &a) in self.arrivals.iter().enumerate() {
            if a > 0.0 {
                open.push_back(Cohort { due: i + d - 1, items: a, aht_s: self.aht_per_interval[i] });
            }
            work_fifo(&mut open, capacity_s);
            if open.front().is_some_and(|c| c.due <= i) {
                return false;
            }
        }
        true
    }

    /// The same FIFO process (earliest deadline first, backlog carried over)
    /// run with GIVEN agents per interval, and whether each interval's
    /// deadlines were met.
    ///
    /// Per interval `i` with `N_i` agents: capacity `N_i·L·p` seconds, spent
    /// oldest item first (items past their deadline stay in the queue, first
    /// in line, and are finished late). The items falling due in `i` are those
    /// that arrived in `i − d + 1`; `missed_i` = those of them still open at
    /// the end of `i`; deadline-met share `SL_i = 1 − missed_i / due_i`
    /// (`None` when nothing falls due); occupancy `= work done / (N_i·L)`
    /// (0 without agents). Symbols as in [`DeferredWork::plan`]; source:
    /// Koole (2013). `agents` must have one entry per interval (field
    /// `"agents"`).
    ///
    /// ```
    /// use callcalc_engine::DeferredWork;
    /// let w = DeferredWork::new(&[18.0, 0.0, 27.0, 0.0], 3600.0, 300.0, 0.75, 7200.0).unwrap();
    /// let planned: Vec<u32> = w.plan().intervals.iter().map(|i| i.agents).collect();
    /// let ok = w.run(&planned).unwrap();
    /// assert!(ok.iter().all(|x| x.missed == 0.0));
    /// assert_eq!(ok[1].service_level, Some(1.0));
    /// assert_eq!(ok[0].service_level, None); // nothing falls due in hour 1
    /// // One agent in hour 2 (9 items of the 18): half of them miss the deadline.
    /// let short = w.run(&[0, 1, 0, 3]).unwrap();
    /// assert!((short[1].missed - 9.0).abs() < 1e-9);
    /// assert_eq!(short[1].service_level, Some(0.5));
    /// assert!((short[1].occupancy - 0.75).abs() < 1e-12);
    /// assert!((short[1].backlog_out - 9.0).abs() < 1e-9);
    /// ```
    pub fn run(&self, agents: &[u32]) -> Result<Vec<DeferredRunInterval>, FieldError> {
        if agents.len() != self.arrivals.len() {
            return Err(FieldError::new(
                "agents",
                format!("{} entries for {} intervals", agents.len(), self.arrivals.len()),
                Problem::OutOfRange {
                    min: self.arrivals.len() as f64,
                    max: self.arrivals.len() as f64,
                    min_inclusive: true,
                    max_inclusive: true,
                },
            ));
        }
        let cap = self.capacity_per_agent_s();
        let d = self.deadline_intervals;
        let mut open: VecDeque<Cohort> = VecDeque::new();
        let mut out = Vec::with_capacity(agents.len());
        for (i, (&a, &n)) in self.arrivals.iter().zip(agents).enumerate() {
            if a > 0.0 {
                open.push_back(Cohort { due: i + d - 1, items: a, aht_s: self.aht_per_interval[i] });
            }
            let (worked, worked_s) = work_fifo(&mut open, n as f64 * cap);
            let due = if i + 1 >= d { self.arrivals[i + 1 - d] } else { 0.0 };
            let missed: f64 = open.iter().filter(|c| c.due == i).map(|c| c.items).sum();
            let paid_s = n as f64 * self.interval_s;
            out.push(DeferredRunInterval {
                index: i,
                agents: n,
                arrivals: a,
                due,
                missed,
                service_level: (due > 0.0).then(|| 1.0 - missed / due),
                worked,
                worked_s,
                occupancy: if paid_s > 0.0 { worked_s / paid_s } else { 0.0 },
                backlog_out: open.iter().map(|c| c.items).sum(),
                overdue_out: open.iter().filter(|c| c.due <= i).map(|c| c.items).sum(),
                backlog_out_work_h: work_s(open.iter()) / 3600.0,
            });
        }
        Ok(out)
    }
}

/// One interval of [`DeferredWork::run`] (given staffing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeferredRunInterval {
    pub index: usize,
    pub agents: u32,
    /// Items arriving in this interval.
    pub arrivals: f64,
    /// Items whose deadline is the end of this interval (arrived `d − 1` intervals earlier).
    pub due: f64,
    /// Of `due`, the items not finished by the end of this interval.
    pub missed: f64,
    /// `1 − missed/due`: share of the items due here finished in time; `None` when none fall due.
    pub service_level: Option<f64>,
    /// Items worked in this interval.
    pub worked: f64,
    /// Work done in this interval, seconds.
    pub worked_s: f64,
    /// `worked_s / (N·L)`; 0 without agents.
    pub occupancy: f64,
    /// Items open at the end (carried over), late ones included.
    pub backlog_out: f64,
    /// Of `backlog_out`, the items already past their deadline.
    pub overdue_out: f64,
    /// Work hours carried over, `Σ items·AHT / 3600`.
    pub backlog_out_work_h: f64,
}

/// Items of one arrival interval still open: deadline interval, count, AHT.
#[derive(Debug, Clone, Copy)]
struct Cohort {
    due: usize,
    items: f64,
    aht_s: f64,
}

/// Work of a run of cohorts, seconds: `Σ items·AHT`, summed per stretch of
/// equal AHT (so one AHT gives exactly `(Σ items)·AHT`).
fn work_s<'a>(cohorts: impl Iterator<Item = &'a Cohort>) -> f64 {
    let (mut total, mut run_items, mut run_aht) = (0.0, 0.0, None::<f64>);
    for c in cohorts {
        if run_aht.is_some_and(|a| a != c.aht_s) {
            total += run_items * run_aht.unwrap_or(0.0);
            run_items = 0.0;
        }
        run_aht = Some(c.aht_s);
        run_items += c.items;
    }
    total + run_aht.map_or(0.0, |a| run_items * a)
}

/// Works `capacity_s` seconds oldest first; returns (items worked, seconds
/// worked). Capacity is carried in items of the current cohort's AHT
/// (converted when the AHT changes), so one AHT gives exactly the item
/// arithmetic `capacity/AHT`. Remainders below `1e-9` of an item (rounding)
/// count as done.
fn work_fifo(open: &mut VecDeque<Cohort>, capacity_s: f64) -> (f64, f64) {
    let Some(first) = open.front() else { return (0.0, 0.0) };
    let mut unit = first.aht_s;
    let mut left = capacity_s / unit;
    let (mut worked, mut worked_s) = (0.0, 0.0);
    while let Some(front) = open.front_mut() {
        if left <= 0.0 {
            break;
        }
        if front.aht_s != unit {
            left = left * unit / front.aht_s;
            unit = front.aht_s;
        }
        if front.items <= left * (1.0 + 1e-12) + 1e-9 {
            let n = front.items;
            left -= n;
            worked += n;
            worked_s += n * unit;
            open.pop_front();
        } else {
            front.items -= left;
            worked += left;
            worked_s += left * unit;
            left = 0.0;
        }
    }
    (worked, worked_s)
}

impl DeferredInterval {
    /// How this interval's agents were computed.
    ///
    /// ```
    /// use callcalc_engine::DeferredWork;
    /// let p = DeferredWork::new(&[18.0, 0.0], 3600.0, 300.0, 0.75, 7200.0).unwrap().plan();
    /// let t = p.intervals[1].trace(&p);
    /// assert_eq!(t.id, "deferred.agents");
    /// assert!((t.result - 2.0).abs() < 1e-12);
    /// ```
    pub fn trace(&self, plan: &DeferredPlan) -> Trace {
        Trace::new(
            "deferred.agents",
            "N_i = due_i · AHT / (L · p), rounded up; surplus works ahead, oldest first",
            "just-in-time per interval with backlog carried over (earliest deadline first)",
            SRC,
            self.agents_exact,
            "agents",
        )
        .input("due_i", "open items due by the end of this interval", self.due, "")
        .input("AHT", "handle time per item", plan.aht_s, "s")
        .input("L", "interval length", plan.interval_s, "s")
        .input("p", "productive share of paid time", plan.productive_share, "")
        .input("deadline", "response deadline", plan.deadline_s, "s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_done_by_its_deadline_and_backlog_balances() {
        let arrivals: Vec<f64> = (0..96).map(|i| ((i * 37) % 23) as f64 * 1.5).collect();
        let w = DeferredWork::new(&arrivals, 900.0, 420.0, 0.85, 4.0 * 3600.0).unwrap();
        let p = w.plan();
        assert_eq!(p.deadline_intervals, 16);
        let mut carried = 0.0;
        for x in &p.intervals {
            assert!((x.backlog_in - carried).abs() < 1e-9);
            assert!((x.backlog_in + x.arrivals - x.worked - x.backlog_out).abs() < 1e-9);
            assert!(x.worked + 1e-9 >= x.due);
            carried = x.backlog_out;
        }
        assert!(p.level_agents <= p.peak_agents);
        assert!(w.level_feasible(p.level_agents));
        assert!(p.level_agents == 0 || !w.level_feasible(p.level_agents - 1));
    }

    fn mixed() -> (Vec<f64>, Vec<f64>) {
        let arrivals: Vec<f64> =
            (0..120).map(|i| ((i * 37) % 23) as f64 * 1.7 + if i % 11 == 0 { 0.0 } else { 0.3 }).collect();
        let aht: Vec<f64> = (0..120).map(|i| 200.0 + ((i * 13) % 17) as f64 * 25.0).collect();
        (arrivals, aht)
    }

    #[test]
    fn one_aht_per_interval_constructor_equals_new() {
        let (arrivals, _) = mixed();
        for deadline_h in [0.25, 1.0, 4.0, 24.0] {
            let a = DeferredWork::new(&arrivals, 900.0, 420.0, 0.85, deadline_h * 3600.0).unwrap().plan();
            let b = DeferredWork::with_aht_per_interval(
                &arrivals,
                &vec![420.0; arrivals.len()],
                900.0,
                0.85,
                deadline_h * 3600.0,
            )
            .unwrap()
            .plan();
            assert!(a == b, "deadline {deadline_h} h");
        }
    }

    #[test]
    fn run_at_the_plan_meets_every_deadline_and_fewer_agents_miss() {
        let (arrivals, aht) = mixed();
        let w = DeferredWork::with_aht_per_interval(&arrivals, &aht, 900.0, 0.9, 3.0 * 3600.0).unwrap();
        let p = w.plan();
        let planned: Vec<u32> = p.intervals.iter().map(|x| x.agents).collect();
        let run = w.run(&planned).unwrap();
        let mut carried = 0.0;
        for (r, x) in run.iter().zip(&p.intervals) {
            assert_eq!(r.missed, 0.0, "{r:?}");
            assert!(r.service_level.is_none_or(|s| s == 1.0));
            assert!((r.backlog_out - x.backlog_out).abs() < 1e-9);
            assert!((carried + r.arrivals - r.worked - r.backlog_out).abs() < 1e-9);
            assert!(r.occupancy <= 0.9 + 1e-12);
            carried = r.backlog_out;
        }
        // Work done = due work: the plan never idles more than the rounding.
        let total_work: f64 = arrivals.iter().zip(&aht).map(|(n, a)| n * a).sum();
        let done: f64 = run.iter().map(|r| r.worked_s).sum::<f64>() + run.last().unwrap().backlog_out_work_h * 3600.0;
        assert!((done - total_work).abs() < 1e-6 * total_work);
        // One agent fewer in an interval with due work: something misses (there or later).
        let k = planned.iter().position(|&n| n > 0).unwrap();
        let mut short = planned.clone();
        short[k] -= 1;
        let run = w.run(&short).unwrap();
        assert!(run.iter().map(|r| r.missed).sum::<f64>() > 1e-6);
        assert!(run[k..].iter().any(|r| r.service_level.is_some_and(|s| s < 1.0)));
        assert_eq!(w.run(&planned[1..]).unwrap_err().field, "agents");
    }

    #[test]
    fn zero_arrivals_need_no_agents() {
        let w = DeferredWork::with_aht_per_interval(&[0.0; 10], &[300.0; 10], 900.0, 0.8, 3600.0).unwrap();
        let p = w.plan();
        assert!(p.intervals.iter().all(|x| x.agents == 0));
        assert_eq!(p.level_agents, 0);
        assert!(w.run(&[0; 10]).unwrap().iter().all(|r| r.service_level.is_none() && r.occupancy == 0.0));
    }

    #[test]
    fn deadline_of_one_interval_staffs_each_interval_for_its_own_work() {
        let w = DeferredWork::new(&[9.0, 10.0, 0.0], 3600.0, 300.0, 0.75, 3600.0).unwrap();
        let p = w.plan();
        assert_eq!(p.intervals.iter().map(|x| x.agents).collect::<Vec<_>>(), vec![1, 2, 0]);
        assert_eq!(p.level_agents, 2);
    }
}

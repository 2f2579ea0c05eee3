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
    aht_s: f64,
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
            productive_share,
            deadline_s,
            deadline_intervals,
        })
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
        let mut open: VecDeque<(usize, f64)> = VecDeque::new(); // (due interval, items)
        let mut out = Vec::with_capacity(self.arrivals.len());
        for (i, &a) in self.arrivals.iter().enumerate() {
            let backlog_in: f64 = open.iter().map(|c| c.1).sum();
            if a > 0.0 {
                open.push_back((i + d - 1, a));
            }
            let due: f64 = open.iter().take_while(|c| c.0 <= i).map(|c| c.1).sum();
            let agents_exact = due * self.aht_s / cap;
            let agents = ceil_people(agents_exact).min(u32::MAX as u64) as u32;
            let worked = work_fifo(&mut open, agents as f64 * cap / self.aht_s);
            let backlog_out: f64 = open.iter().map(|c| c.1).sum();
            out.push(DeferredInterval {
                index: i,
                arrivals: a,
                backlog_in,
                due,
                agents_exact,
                agents,
                worked,
                backlog_out,
                backlog_out_work_h: backlog_out * self.aht_s / 3600.0,
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
        let items_per_interval = agents as f64 * self.capacity_per_agent_s() / self.aht_s;
        let d = self.deadline_intervals;
        let mut open: VecDeque<(usize, f64)> = VecDeque::new();
        for (i, &a) in self.arrivals.iter().enumerate() {
            if a > 0.0 {
                open.push_back((i + d - 1, a));
            }
            work_fifo(&mut open, items_per_interval);
            if open.front().is_some_and(|c| c.0 <= i) {
                return false;
            }
        }
        true
    }
}

/// Works up to `capacity` items oldest first; returns the items worked.
/// Remainders below `1e-9` of an item (rounding) count as done.
fn work_fifo(open: &mut VecDeque<(usize, f64)>, capacity: f64) -> f64 {
    let mut left = capacity;
    let mut worked = 0.0;
    while let Some(front) = open.front_mut() {
        if left <= 0.0 {
            break;
        }
        if front.1 <= left * (1.0 + 1e-12) + 1e-9 {
            let n = front.1;
            left -= n;
            worked += n;
            open.pop_front();
        } else {
            front.1 -= left;
            worked += left;
            left = 0.0;
        }
    }
    worked
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

    #[test]
    fn deadline_of_one_interval_staffs_each_interval_for_its_own_work() {
        let w = DeferredWork::new(&[9.0, 10.0, 0.0], 3600.0, 300.0, 0.75, 3600.0).unwrap();
        let p = w.plan();
        assert_eq!(p.intervals.iter().map(|x| x.agents).collect::<Vec<_>>(), vec![1, 2, 0]);
        assert_eq!(p.level_agents, 2);
    }
}

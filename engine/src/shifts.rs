//! Shift coverage: how many agents start on each shift template so that a
//! per-interval requirement of agents is covered at the least paid time.
//!
//! This is the set-covering model of shift scheduling (Dantzig, "A comment on
//! Edie's traffic delays at toll booths", Operations Research 2(3) 1954):
//! minimise `Σ_c cost_c · x_c` subject to `Σ_{c ∋ t} x_c ≥ r_t` for every
//! interval `t`, `x_c` whole numbers, where a column `c` is a template at one
//! of its start intervals, `c ∋ t` means an agent on `c` works (is not on a
//! break) in interval `t`, and `cost_c` is its paid intervals. The optimiser
//! is a greedy heuristic with a redundancy-removal pass, and reports a
//! lower bound from LP duality so the user sees how far from optimal it can
//! be. Intervals no template reaches, or left short by agent caps, are
//! reported, never an error.

use core::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::{positive, FieldError, Problem};

/// Most (template, start) columns in one problem.
pub const MAX_SHIFT_COLUMNS: usize = 200_000;
/// Most intervals in a horizon (a leap year of 15-minute intervals).
pub const MAX_SHIFT_INTERVALS: usize = 35_136;
/// Most agent-intervals required in total (`Σ r_t`): every agent the greedy
/// adds removes at least one, so coverage counts stay far inside `u32`.
pub const MAX_TOTAL_REQUIREMENT: u64 = 1_000_000_000;
/// Most agents required in one interval.
pub const MAX_REQUIRED_AGENTS: u32 = 100_000;

/// Full- or part-time (reported; caps are per template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftKind {
    FullTime,
    PartTime,
}

/// A shift template: a length, breaks, and the intervals it may start at.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftTemplate {
    name: String,
    kind: ShiftKind,
    length: u32,
    breaks: Vec<u32>,
    paid_breaks: bool,
    starts: Vec<u32>,
    max_agents: Option<u32>,
}

impl ShiftTemplate {
    /// Validates a template.
    ///
    /// - `length`: intervals from start to end (> 0);
    /// - `breaks`: offsets from the start (each `< length`, distinct) of the
    ///   intervals the agent is off the phones; at least one working interval must remain;
    /// - `paid_breaks`: whether break intervals are paid (`cost = length`) or
    ///   not (`cost = length − breaks`);
    /// - `starts`: interval indices in the horizon the shift may start at
    ///   (non-empty; checked against the horizon by [`ShiftProblem::new`]);
    /// - `max_agents`: at most this many agents on this template in total (all starts).
    ///
    /// ```
    /// use callcalc_engine::{ShiftKind, ShiftTemplate};
    /// let t = ShiftTemplate::new("early", ShiftKind::FullTime, 34, vec![16, 17], false, vec![0, 4], None).unwrap();
    /// assert_eq!(t.paid_intervals(), 32);
    /// assert_eq!(ShiftTemplate::new("x", ShiftKind::PartTime, 4, vec![4], false, vec![0], None).unwrap_err().field, "breaks");
    /// ```
    pub fn new(
        name: impl Into<String>,
        kind: ShiftKind,
        length: u32,
        mut breaks: Vec<u32>,
        paid_breaks: bool,
        starts: Vec<u32>,
        max_agents: Option<u32>,
    ) -> Result<Self, FieldError> {
        positive("length", f64::from(length))?;
        if length as usize > MAX_SHIFT_INTERVALS {
            return Err(FieldError::new("length", length, Problem::TooLarge { max: MAX_SHIFT_INTERVALS as f64 }));
        }
        breaks.sort_unstable();
        breaks.dedup();
        if let Some(&b) = breaks.iter().find(|&&b| b >= length) {
            return Err(FieldError::new(
                "breaks",
                b,
                Problem::OutOfRange { min: 0.0, max: f64::from(length), min_inclusive: true, max_inclusive: false },
            ));
        }
        if breaks.len() as u32 >= length {
            return Err(FieldError::new(
                "breaks",
                breaks.len(),
                Problem::Unreadable { expected: "at least one working interval" },
            ));
        }
        if starts.is_empty() {
            return Err(FieldError::new("starts", 0, Problem::NotPositive));
        }
        Ok(ShiftTemplate { name: name.into(), kind, length, breaks, paid_breaks, starts, max_agents })
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn kind(&self) -> ShiftKind {
        self.kind
    }
    pub fn length(&self) -> u32 {
        self.length
    }
    /// Break offsets from the start, ascending.
    pub fn breaks(&self) -> &[u32] {
        &self.breaks
    }
    pub fn starts(&self) -> &[u32] {
        &self.starts
    }
    pub fn max_agents(&self) -> Option<u32> {
        self.max_agents
    }
    /// Paid intervals of one agent on this template.
    pub fn paid_intervals(&self) -> u32 {
        if self.paid_breaks {
            self.length
        } else {
            self.length - self.breaks.len() as u32
        }
    }
    /// Working (on-phone) intervals of one agent.
    pub fn working_intervals(&self) -> u32 {
        self.length - self.breaks.len() as u32
    }
}

/// A validated shift-coverage problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftProblem {
    interval_s: u32,
    requirement: Vec<u32>,
    templates: Vec<ShiftTemplate>,
}

impl ShiftProblem {
    /// - `interval_s`: interval length in seconds (> 0), for paid hours;
    /// - `requirement`: agents needed per interval (1..=[`MAX_SHIFT_INTERVALS`] intervals,
    ///   each ≤ [`MAX_REQUIRED_AGENTS`], sum ≤ [`MAX_TOTAL_REQUIREMENT`]);
    /// - `templates`: non-empty; every `start + length ≤ requirement.len()`;
    ///   at most [`MAX_SHIFT_COLUMNS`] (template, start) pairs.
    ///
    /// ```
    /// use callcalc_engine::{ShiftKind, ShiftProblem, ShiftTemplate};
    /// let t = ShiftTemplate::new("4h", ShiftKind::PartTime, 4, vec![], false, vec![0, 6], None).unwrap();
    /// assert!(ShiftProblem::new(3600, vec![1; 8], vec![t.clone()]).unwrap_err().field == "starts");
    /// assert!(ShiftProblem::new(3600, vec![1; 10], vec![t]).is_ok());
    /// ```
    pub fn new(interval_s: u32, requirement: Vec<u32>, templates: Vec<ShiftTemplate>) -> Result<Self, FieldError> {
        positive("interval_s", f64::from(interval_s))?;
        if requirement.is_empty() {
            return Err(FieldError::new("requirement", 0, Problem::NotPositive));
        }
        if requirement.len() > MAX_SHIFT_INTERVALS {
            return Err(FieldError::new(
                "requirement",
                requirement.len(),
                Problem::TooLarge { max: MAX_SHIFT_INTERVALS as f64 },
            ));
        }
        if let Some(&r) = requirement.iter().find(|&&r| r > MAX_REQUIRED_AGENTS) {
            return Err(FieldError::new("requirement", r, Problem::TooLarge { max: f64::from(MAX_REQUIRED_AGENTS) }));
        }
        let total: u64 = requirement.iter().map(|&r| u64::from(r)).sum();
        if total > MAX_TOTAL_REQUIREMENT {
            return Err(FieldError::new("requirement", total, Problem::TooLarge { max: MAX_TOTAL_REQUIREMENT as f64 }));
        }
        if templates.is_empty() {
            return Err(FieldError::new("templates", 0, Problem::NotPositive));
        }
        let horizon = requirement.len() as u64;
        let mut columns = 0usize;
        for t in &templates {
            for &s in &t.starts {
                if u64::from(s) + u64::from(t.length) > horizon {
                    return Err(FieldError::new(
                        "starts",
                        s,
                        Problem::OutOfRange {
                            min: 0.0,
                            max: (horizon.saturating_sub(u64::from(t.length))) as f64,
                            min_inclusive: true,
                            max_inclusive: true,
                        },
                    ));
                }
            }
            columns += t.starts.len();
        }
        if columns > MAX_SHIFT_COLUMNS {
            return Err(FieldError::new("templates", columns, Problem::TooLarge { max: MAX_SHIFT_COLUMNS as f64 }));
        }
        Ok(ShiftProblem { interval_s, requirement, templates })
    }

    pub fn requirement(&self) -> &[u32] {
        &self.requirement
    }
    pub fn templates(&self) -> &[ShiftTemplate] {
        &self.templates
    }

    /// Same as [`optimise_shifts`].
    pub fn optimise(&self) -> ShiftPlan {
        optimise_shifts(self)
    }
}

/// Agents starting on one template at one start interval.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftCount {
    /// Index into the problem's templates.
    pub template: usize,
    pub name: String,
    pub kind: ShiftKind,
    pub start: u32,
    pub agents: u32,
}

/// Coverage of one interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntervalCoverage {
    pub required: u32,
    /// Agents working (not on a break) in the interval.
    pub scheduled: u32,
    /// `max(0, scheduled − required)`.
    pub over: u32,
    /// `max(0, required − scheduled)`.
    pub under: u32,
}

/// The optimiser's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftPlan {
    /// Non-zero counts, by template then start.
    pub shifts: Vec<ShiftCount>,
    pub intervals: Vec<IntervalCoverage>,
    /// Intervals left under-staffed (no template reaches them, or caps bind).
    pub unmet_intervals: Vec<u32>,
    /// `Σ under`, agent-intervals short.
    pub under_total: u64,
    /// `Σ over`, agent-intervals in excess.
    pub over_total: u64,
    pub agents: u64,
    pub full_time_agents: u64,
    pub part_time_agents: u64,
    /// Paid hours of the plan: `Σ_c cost_c x_c · interval_s / 3600`.
    pub paid_hours: f64,
    /// Lower bound on the paid hours of any plan covering every interval that
    /// some template reaches (caps ignored); see [`optimise_shifts`].
    pub lower_bound_hours: f64,
    /// `(paid − bound) / bound`, 0 when the bound is 0.
    pub gap: f64,
}

/// One (template, start) column.
struct Column {
    template: usize,
    start: u32,
    cost: u32,
    /// Intervals worked, ascending.
    work: Vec<u32>,
}

/// Heap entry: gain per paid interval as the fraction `gain / cost`, compared exactly.
#[derive(PartialEq, Eq)]
struct Entry {
    gain: u64,
    cost: u64,
    column: usize,
}

impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        (u128::from(self.gain) * u128::from(o.cost))
            .cmp(&(u128::from(o.gain) * u128::from(self.cost)))
            .then_with(|| o.cost.cmp(&self.cost))
            .then_with(|| o.column.cmp(&self.column))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Chooses how many agents start on each (template, start) to cover the
/// requirement at least paid time.
///
/// **Heuristic** (greedy for covering integer programs, Chvátal, "A greedy
/// heuristic for the set-covering problem", Math. Oper. Res. 4(3) 1979, with
/// multiplicities): with deficit `d_t = max(0, r_t − cover_t)`, repeatedly
/// pick the column with the largest `gain_c / cost_c`, `gain_c = #{t ∈ c :
/// d_t > 0}`, and add `k = min_{t ∈ c, d_t > 0} d_t` agents to it (capped
/// by the template's `max_agents`) — exactly what adding one agent at a time
/// would do, since the gain stays the same for those `k`. Gains only fall, so
/// stale heap entries are rechecked lazily. It stops when no column reduces
/// the deficit. Then **redundancy removal**: columns in decreasing cost,
/// remove agents while every interval they work stays at or above its
/// requirement. Then up to 3 passes of **remove-and-repair** (a 1-opt local
/// search): take one agent off a column (most expensive first), re-cover the
/// intervals this leaves short greedily with the columns through them, and
/// keep the change only if the new agents cost strictly less; each pass ends
/// with redundancy removal. Ties in the greedy ratio go to the cheaper
/// column, then the lower (template, start) index, so the plan is deterministic.
///
/// **Lower bound** (LP weak duality): any `y_t ≥ 0` with `Σ_{t ∈ c} y_t ≤
/// cost_c` for every column gives `Σ_t r_t y_t ≤` the cost of any cover.
/// Start from `y_t = min_{c ∋ t} cost_c / |c|` where `r_t > 0` (feasible:
/// each column's sum is at most `|c| · cost_c/|c|`), then raise each `y_t`
/// in decreasing `r_t` by the least slack of the columns covering it (dual
/// ascent). The bound is the larger of that and the single-interval bound
/// `max_t r_t · min_{c ∋ t} cost_c`, rounded up to whole paid intervals.
/// Only intervals some template reaches count.
///
/// Symbols: `r_t` agents required in interval `t`; `cost_c` paid intervals;
/// hours = intervals · `interval_s` / 3600.
///
/// ```
/// use callcalc_engine::{optimise_shifts, ShiftKind, ShiftProblem, ShiftTemplate};
/// // 8 one-hour intervals, 2 agents needed throughout; an 8-hour shift covers it.
/// let t = ShiftTemplate::new("day", ShiftKind::FullTime, 8, vec![], true, vec![0], None).unwrap();
/// let plan = optimise_shifts(&ShiftProblem::new(3600, vec![2; 8], vec![t]).unwrap());
/// assert_eq!(plan.agents, 2);
/// assert_eq!(plan.paid_hours, 16.0);
/// assert_eq!(plan.lower_bound_hours, 16.0);
/// assert_eq!(plan.under_total, 0);
/// ```
pub fn optimise_shifts(problem: &ShiftProblem) -> ShiftPlan {
    let horizon = problem.requirement.len();
    let req = &problem.requirement;
    let mut columns = Vec::new();
    for (ti, t) in problem.templates.iter().enumerate() {
        for &s in &t.starts {
            let work: Vec<u32> = (0..t.length).filter(|o| t.breaks.binary_search(o).is_err()).map(|o| s + o).collect();
            columns.push(Column { template: ti, start: s, cost: t.paid_intervals(), work });
        }
    }
    let mut cover = vec![0u32; horizon];
    let mut x = vec![0u32; columns.len()];
    let mut used = vec![0u32; problem.templates.len()];
    let cap_left =
        |ti: usize, used: &[u32]| problem.templates[ti].max_agents.map_or(u32::MAX, |m| m.saturating_sub(used[ti]));
    let gain =
        |c: &Column, cover: &[u32]| c.work.iter().filter(|&&t| cover[t as usize] < req[t as usize]).count() as u64;

    let mut heap: BinaryHeap<Entry> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| Entry { gain: gain(c, &cover), cost: u64::from(c.cost), column: i })
        .filter(|e| e.gain > 0)
        .collect();
    while let Some(top) = heap.pop() {
        let c = &columns[top.column];
        let left = cap_left(c.template, &used);
        if left == 0 {
            continue;
        }
        let g = gain(c, &cover);
        if g == 0 {
            continue;
        }
        if g != top.gain {
            heap.push(Entry { gain: g, cost: top.cost, column: top.column });
            continue;
        }
        let k = c
            .work
            .iter()
            .filter(|&&t| cover[t as usize] < req[t as usize])
            .map(|&t| req[t as usize] - cover[t as usize])
            .min()
            .unwrap_or(0)
            .min(left);
        for &t in &c.work {
            cover[t as usize] += k;
        }
        x[top.column] += k;
        used[c.template] += k;
        let g = gain(c, &cover);
        if g > 0 {
            heap.push(Entry { gain: g, cost: top.cost, column: top.column });
        }
    }

    let mut state = State { cover, x, used };
    state.remove_redundant(&columns, req);
    // Remove-and-repair: drop one agent, re-cover what it left short with
    // cheaper columns; keep only strict improvements.
    let mut by_interval: Vec<Vec<u32>> = vec![Vec::new(); horizon];
    for (i, c) in columns.iter().enumerate() {
        for &t in &c.work {
            by_interval[t as usize].push(i as u32);
        }
    }
    let mut stamp = vec![0u32; columns.len()];
    let mut round = 0u32;
    for _pass in 0..REPAIR_PASSES {
        let mut improved = false;
        let mut order: Vec<usize> = (0..columns.len()).filter(|&i| state.x[i] > 0).collect();
        order.sort_by(|&a, &b| columns[b].cost.cmp(&columns[a].cost).then(a.cmp(&b)));
        for i in order {
            while state.x[i] > 0 {
                round += 1;
                if !state.try_replace(i, &columns, &by_interval, req, problem, &mut stamp, round) {
                    break;
                }
                improved = true;
            }
        }
        state.remove_redundant(&columns, req);
        if !improved {
            break;
        }
    }
    let State { cover, x, .. } = state;

    let bound_intervals = lower_bound(&columns, req);
    let hours = |intervals: f64| intervals * f64::from(problem.interval_s) / 3600.0;

    let mut shifts = Vec::new();
    let (mut agents, mut ft, mut pt, mut paid) = (0u64, 0u64, 0u64, 0u64);
    for (i, c) in columns.iter().enumerate() {
        if x[i] > 0 {
            let t = &problem.templates[c.template];
            shifts.push(ShiftCount {
                template: c.template,
                name: t.name.clone(),
                kind: t.kind,
                start: c.start,
                agents: x[i],
            });
            agents += u64::from(x[i]);
            paid += u64::from(x[i]) * u64::from(c.cost);
            match t.kind {
                ShiftKind::FullTime => ft += u64::from(x[i]),
                ShiftKind::PartTime => pt += u64::from(x[i]),
            }
        }
    }
    let intervals: Vec<IntervalCoverage> = req
        .iter()
        .zip(&cover)
        .map(|(&r, &s)| IntervalCoverage {
            required: r,
            scheduled: s,
            over: s.saturating_sub(r),
            under: r.saturating_sub(s),
        })
        .collect();
    let unmet_intervals = (0..horizon as u32).filter(|&t| intervals[t as usize].under > 0).collect();
    let paid_hours = hours(paid as f64);
    let lower_bound_hours = hours(bound_intervals);
    ShiftPlan {
        shifts,
        unmet_intervals,
        under_total: intervals.iter().map(|i| u64::from(i.under)).sum(),
        over_total: intervals.iter().map(|i| u64::from(i.over)).sum(),
        intervals,
        agents,
        full_time_agents: ft,
        part_time_agents: pt,
        paid_hours,
        lower_bound_hours,
        gap: if lower_bound_hours > 0.0 { (paid_hours - lower_bound_hours) / lower_bound_hours } else { 0.0 },
    }
}

/// Passes of remove-and-repair over the plan.
const REPAIR_PASSES: usize = 3;

/// The plan being improved: coverage, agents per column, agents per template.
struct State {
    cover: Vec<u32>,
    x: Vec<u32>,
    used: Vec<u32>,
}

impl State {
    fn add(&mut self, c: &Column, i: usize, k: u32) {
        for &t in &c.work {
            self.cover[t as usize] += k;
        }
        self.x[i] += k;
        self.used[c.template] += k;
    }

    fn remove(&mut self, c: &Column, i: usize, k: u32) {
        for &t in &c.work {
            self.cover[t as usize] -= k;
        }
        self.x[i] -= k;
        self.used[c.template] -= k;
    }

    /// Columns in decreasing cost: remove agents while every interval they
    /// work stays at or above its requirement.
    fn remove_redundant(&mut self, columns: &[Column], req: &[u32]) {
        let mut order: Vec<usize> = (0..columns.len()).filter(|&i| self.x[i] > 0).collect();
        order.sort_by(|&a, &b| columns[b].cost.cmp(&columns[a].cost).then(a.cmp(&b)));
        for i in order {
            let c = &columns[i];
            let spare =
                c.work.iter().map(|&t| self.cover[t as usize].saturating_sub(req[t as usize])).min().unwrap_or(0);
            let k = spare.min(self.x[i]);
            if k > 0 {
                self.remove(c, i, k);
            }
        }
    }

    /// Removes one agent from column `i` and greedily re-covers the intervals
    /// it leaves short using other columns through those intervals; keeps the
    /// change if it is strictly cheaper, otherwise restores the plan.
    #[allow(clippy::too_many_arguments)]
    fn try_replace(
        &mut self,
        i: usize,
        columns: &[Column],
        by_interval: &[Vec<u32>],
        req: &[u32],
        problem: &ShiftProblem,
        stamp: &mut [u32],
        round: u32,
    ) -> bool {
        let c = &columns[i];
        self.remove(c, i, 1);
        let short: Vec<u32> = c.work.iter().copied().filter(|&t| self.cover[t as usize] < req[t as usize]).collect();
        if short.is_empty() {
            return true;
        }
        stamp[i] = round;
        let mut candidates = Vec::new();
        for &t in &short {
            for &j in &by_interval[t as usize] {
                if stamp[j as usize] != round {
                    stamp[j as usize] = round;
                    candidates.push(j as usize);
                }
            }
        }
        let mut added: Vec<usize> = Vec::new();
        let mut spent = 0u32;
        let ok = loop {
            if short.iter().all(|&t| self.cover[t as usize] >= req[t as usize]) {
                break true;
            }
            let mut best: Option<(u64, u64, usize)> = None;
            for &j in &candidates {
                let cj = &columns[j];
                if problem.templates[cj.template].max_agents.is_some_and(|m| self.used[cj.template] >= m) {
                    continue;
                }
                let g = cj.work.iter().filter(|&&t| self.cover[t as usize] < req[t as usize]).count() as u64;
                let better = best.is_none_or(|(bg, bc, _)| {
                    let l = u128::from(g) * u128::from(bc);
                    let r = u128::from(bg) * u128::from(cj.cost);
                    l > r || (l == r && u64::from(cj.cost) < bc)
                });
                if g > 0 && better {
                    best = Some((g, u64::from(cj.cost), j));
                }
            }
            match best {
                Some((_, cost, j)) if u64::from(spent) + cost < u64::from(c.cost) => {
                    spent += cost as u32;
                    self.add(&columns[j], j, 1);
                    added.push(j);
                }
                _ => break false,
            }
        };
        if !ok {
            for &j in &added {
                self.remove(&columns[j], j, 1);
            }
            self.add(c, i, 1);
        }
        ok
    }
}

/// Dual lower bound in paid intervals (see [`optimise_shifts`]).
fn lower_bound(columns: &[Column], req: &[u32]) -> f64 {
    let horizon = req.len();
    let mut by_interval: Vec<Vec<u32>> = vec![Vec::new(); horizon];
    for (i, c) in columns.iter().enumerate() {
        for &t in &c.work {
            if req[t as usize] > 0 {
                by_interval[t as usize].push(i as u32);
            }
        }
    }
    let mut y = vec![0.0f64; horizon];
    let mut single = 0.0f64;
    for t in 0..horizon {
        if req[t] == 0 || by_interval[t].is_empty() {
            continue;
        }
        let cols = &by_interval[t];
        y[t] = cols
            .iter()
            .map(|&c| f64::from(columns[c as usize].cost) / columns[c as usize].work.len() as f64)
            .fold(f64::INFINITY, f64::min);
        let min_cost = cols.iter().map(|&c| columns[c as usize].cost).min().unwrap_or(0);
        single = single.max(f64::from(req[t]) * f64::from(min_cost));
    }
    let mut slack: Vec<f64> =
        columns.iter().map(|c| f64::from(c.cost) - c.work.iter().map(|&t| y[t as usize]).sum::<f64>()).collect();
    let mut order: Vec<usize> = (0..horizon).filter(|&t| req[t] > 0 && !by_interval[t].is_empty()).collect();
    order.sort_by(|&a, &b| req[b].cmp(&req[a]).then(a.cmp(&b)));
    for t in order {
        let cols = &by_interval[t];
        let inc = cols.iter().map(|&c| slack[c as usize]).fold(f64::INFINITY, f64::min).max(0.0);
        if inc > 0.0 && inc.is_finite() {
            y[t] += inc;
            for &c in cols {
                slack[c as usize] -= inc;
            }
        }
    }
    let dual: f64 = (0..horizon).map(|t| f64::from(req[t]) * y[t]).sum();
    // Costs are whole paid intervals, so any cover costs a whole number; the
    // small tolerance absorbs rounding in the dual sums.
    (dual.max(single) - 1e-7).ceil().max(0.0)
}

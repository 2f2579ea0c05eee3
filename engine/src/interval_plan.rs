//! Staffing a series of intervals (a forecast week, a year) with one queueing
//! model, and what a given number of agents would give in an interval.

use std::collections::HashMap;

use crate::chat::{Chat, ChatResult, MAX_CONCURRENCY};
use crate::deferred::{DeferredRunInterval, DeferredWork};
use crate::erlang::{ErlangC, Queue};
use crate::erlang_a::{erlang_a_staff_many, ErlangA, ErlangAStaffingKpis};
use crate::erlang_x::{erlang_x_staff_many, ErlangX, ErlangXResult, Redial};
use crate::error::{non_negative, positive, FieldError, Problem};
use crate::load::Load;
use crate::solver::{QueueMetrics, QueueTargets, SlDefinition, StaffingOutcome};
use crate::staffing::{required_agents_many, Targets};

/// The queueing model and targets every interval is staffed with.
#[derive(Debug, Clone, PartialEq)]
pub enum IntervalModel {
    /// Erlang C (nobody abandons), see [`crate::required_agents`].
    ErlangC(Targets),
    /// Erlang A (exponential patience), SL as answered within `T` over offered,
    /// see [`crate::ErlangA::required_agents`].
    ErlangA { patience_s: f64, threshold_s: f64, targets: QueueTargets },
    /// Erlang X without a line limit: exponential patience and redials of
    /// abandoned callers ([`crate::ErlangX`]); SL answered within `T` over
    /// all attempts (fresh calls and redials). Build with [`IntervalModel::erlang_x`].
    ErlangX { patience_s: f64, redial: Redial, threshold_s: f64, targets: QueueTargets },
    /// Chat with concurrency `k = aht_factors.len()` ([`crate::Chat`]): the
    /// handle time of a chat while its agent holds `i` chats is
    /// `AHT·aht_factors[i − 1]`, `AHT` being the interval's forecast handle
    /// time; SL answered within `T` over offered. Build with [`IntervalModel::chat`].
    Chat { aht_factors: Vec<f64>, patience_s: Option<f64>, threshold_s: f64, targets: QueueTargets },
    /// Deferred work (e-mail, back office; [`crate::DeferredWork`]): not a
    /// queue per interval but the whole sequence of loads. The loads are the
    /// OPEN intervals in order (across days; closed hours do not count, so
    /// the deadline is in open/business time, "reply within N business
    /// hours"). Items arriving in interval `i` must be finished by the end of
    /// interval `i + d − 1`, `d = ⌊deadline_s / L⌋`; work is done oldest
    /// first (FIFO = earliest deadline first), backlog carries over (across
    /// days too); each interval's items take that interval's AHT; one agent
    /// works `L·productive_share` seconds per interval. "Service level" =
    /// share of the items falling due in an interval that were finished by
    /// their deadline. `open_items` are items already open when the sequence
    /// starts (the current backlog): their age is not known, so they are
    /// counted as arriving in the first interval (due within the deadline
    /// from the start) at that interval's AHT. Build with
    /// [`IntervalModel::deferred`] or [`IntervalModel::deferred_from_backlog`];
    /// staff with [`staff_intervals`], evaluate given staffing with
    /// [`evaluate_sequence`].
    Deferred { deadline_s: f64, productive_share: f64, open_items: f64 },
}

impl IntervalModel {
    /// Erlang A with a service-level target (answered within `T` / offered).
    ///
    /// ```
    /// use callcalc_engine::IntervalModel;
    /// assert!(IntervalModel::erlang_a(0.8, 20.0, 120.0).is_ok());
    /// assert_eq!(IntervalModel::erlang_a(0.8, 20.0, 0.0).unwrap_err().field, "patience_s");
    /// ```
    pub fn erlang_a(sl_target: f64, threshold_s: f64, patience_s: f64) -> Result<Self, FieldError> {
        Ok(IntervalModel::ErlangA {
            patience_s: positive("patience_s", patience_s)?,
            threshold_s: non_negative("threshold_s", threshold_s)?,
            targets: QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl_target)?,
        })
    }

    /// Erlang X (no line limit) with a service-level target (answered within
    /// `T` over attempts); `redial` = probability that an abandoned caller
    /// calls again ([`crate::RedialSource::AbandonedOnly`]: without a line
    /// limit nobody is blocked).
    ///
    /// ```
    /// use callcalc_engine::IntervalModel;
    /// assert!(IntervalModel::erlang_x(0.8, 20.0, 120.0, 0.2).is_ok());
    /// assert_eq!(IntervalModel::erlang_x(0.8, 20.0, 0.0, 0.2).unwrap_err().field, "patience_s");
    /// assert_eq!(IntervalModel::erlang_x(0.8, 20.0, 120.0, 1.0).unwrap_err().field, "redial_probability");
    /// ```
    pub fn erlang_x(sl_target: f64, threshold_s: f64, patience_s: f64, redial: f64) -> Result<Self, FieldError> {
        Ok(IntervalModel::ErlangX {
            patience_s: positive("patience_s", patience_s)?,
            redial: Redial::new(redial, crate::erlang_x::RedialSource::AbandonedOnly)?,
            threshold_s: non_negative("threshold_s", threshold_s)?,
            targets: QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl_target)?,
        })
    }

    /// Chat with a service-level target (answered within `T` over offered).
    /// `aht_factors[i − 1]` multiplies the forecast AHT while an agent holds
    /// `i` chats (1 to [`crate::MAX_CONCURRENCY`] entries, each `> 0`);
    /// `patience_s` `None` = nobody abandons.
    ///
    /// ```
    /// use callcalc_engine::IntervalModel;
    /// assert!(IntervalModel::chat(0.8, 60.0, &[1.0, 1.4, 1.9], Some(180.0)).is_ok());
    /// assert_eq!(IntervalModel::chat(0.8, 60.0, &[], None).unwrap_err().field, "aht_factors");
    /// assert_eq!(IntervalModel::chat(0.8, 60.0, &[1.0, 0.0], None).unwrap_err().field, "aht_factors");
    /// assert_eq!(IntervalModel::chat(0.8, 60.0, &[1.0], Some(-5.0)).unwrap_err().field, "patience_s");
    /// ```
    pub fn chat(
        sl_target: f64,
        threshold_s: f64,
        aht_factors: &[f64],
        patience_s: Option<f64>,
    ) -> Result<Self, FieldError> {
        if aht_factors.is_empty() || aht_factors.len() > MAX_CONCURRENCY {
            return Err(FieldError::new(
                "aht_factors",
                format!("{} entries", aht_factors.len()),
                Problem::OutOfRange { min: 1.0, max: MAX_CONCURRENCY as f64, min_inclusive: true, max_inclusive: true },
            ));
        }
        for &f in aht_factors {
            positive("aht_factors", f)?;
        }
        Ok(IntervalModel::Chat {
            aht_factors: aht_factors.to_vec(),
            patience_s: patience_s.map(|p| positive("patience_s", p)).transpose()?,
            threshold_s: non_negative("threshold_s", threshold_s)?,
            targets: QueueTargets::service_level(SlDefinition::AnsweredOverOffered, sl_target)?,
        })
    }

    /// Deferred work with a response deadline counted in open time (see
    /// [`IntervalModel::Deferred`]): `deadline_s > 0` (field `"deadline_s"`;
    /// at least one interval long, checked by [`staff_intervals`]),
    /// `0 < productive_share ≤ 1` (field `"productive_share"`).
    ///
    /// ```
    /// use callcalc_engine::IntervalModel;
    /// assert!(IntervalModel::deferred(4.0 * 3600.0, 0.9).is_ok());
    /// assert_eq!(IntervalModel::deferred(0.0, 0.9).unwrap_err().field, "deadline_s");
    /// assert_eq!(IntervalModel::deferred(3600.0, 1.2).unwrap_err().field, "productive_share");
    /// assert_eq!(IntervalModel::deferred(3600.0, 0.9).unwrap().sl_target(), Some(1.0));
    /// ```
    pub fn deferred(deadline_s: f64, productive_share: f64) -> Result<Self, FieldError> {
        Self::deferred_from_backlog(deadline_s, productive_share, 0.0)
    }

    /// Deferred work as [`IntervalModel::deferred`], starting from
    /// `open_items ≥ 0` items already open (field `"open_items"`), counted as
    /// arriving in the first interval.
    ///
    /// ```
    /// use callcalc_engine::{staff_intervals, IntervalModel, Load};
    /// // Four 1-hour intervals, 10 items of 6 min each hour; 2-hour deadline, 100 % productive.
    /// let loads = vec![Load::new(10.0, 3600.0, 360.0).unwrap(); 4];
    /// let fresh = IntervalModel::deferred(7200.0, 1.0).unwrap();
    /// let agents = |m| staff_intervals(&loads, &m).unwrap().iter().map(|s| s.agents).collect::<Vec<_>>();
    /// assert_eq!(agents(fresh), vec![0, 1, 1, 1]);
    /// // 30 open items (3 h of work) must be done by the end of hour 2 with hour 1's arrivals.
    /// let backlog = IntervalModel::deferred_from_backlog(7200.0, 1.0, 30.0).unwrap();
    /// assert_eq!(agents(backlog), vec![0, 4, 1, 1]);
    /// assert_eq!(IntervalModel::deferred_from_backlog(7200.0, 1.0, -1.0).unwrap_err().field, "open_items");
    /// ```
    pub fn deferred_from_backlog(deadline_s: f64, productive_share: f64, open_items: f64) -> Result<Self, FieldError> {
        Ok(IntervalModel::Deferred {
            deadline_s: positive("deadline_s", deadline_s)?,
            productive_share: crate::error::in_range("productive_share", productive_share, 0.0, 1.0, false, true)?,
            open_items: non_negative("open_items", open_items)?,
        })
    }

    /// Whether the model staffs the sequence as a whole (deferred work)
    /// rather than each interval on its own.
    pub fn is_sequence(&self) -> bool {
        matches!(self, IntervalModel::Deferred { .. })
    }

    /// The service-level target (share, 0–1) of the model, if any; deferred
    /// work: 1 (every deadline met).
    pub fn sl_target(&self) -> Option<f64> {
        match self {
            IntervalModel::Deferred { .. } => Some(1.0),
            IntervalModel::ErlangC(t) => t.sl_target,
            IntervalModel::ErlangA { targets, .. }
            | IntervalModel::ErlangX { targets, .. }
            | IntervalModel::Chat { targets, .. } => targets.sl_target,
        }
    }

    /// The Erlang X system of one interval.
    fn x_system(load: &Load, patience_s: f64, redial: Redial, threshold_s: f64) -> Result<ErlangX, FieldError> {
        ErlangX::new(*load, None, Some(patience_s), redial, threshold_s)
    }

    /// The chat system of one interval: handle times `AHT·factor`.
    fn chat_system(
        load: &Load,
        aht_factors: &[f64],
        patience_s: Option<f64>,
        threshold_s: f64,
    ) -> Result<Chat, FieldError> {
        let aht: Vec<f64> = aht_factors.iter().map(|f| f * load.aht_s()).collect();
        Chat::new(load.calls(), load.interval_s(), &aht, patience_s, threshold_s)
    }
}

fn kpis_of<K: QueueMetrics>(agents: u32, k: &K) -> IntervalKpis {
    IntervalKpis {
        agents,
        service_level: k.service_level(SlDefinition::AnsweredOverOffered).unwrap_or(0.0),
        asa_s: k.asa_served_s(),
        abandon: Some(k.p_abandon()),
        occupancy: k.occupancy(),
        deferred: None,
    }
}

fn overloaded(load: &Load, agents: u32) -> IntervalKpis {
    let idle = load.calls() == 0.0;
    IntervalKpis {
        agents,
        service_level: if idle { 1.0 } else { 0.0 },
        asa_s: None,
        abandon: None,
        occupancy: if idle { 0.0 } else { 1.0 },
        deferred: None,
    }
}

fn from_outcome<K: QueueMetrics>(load: &Load, o: StaffingOutcome<K>) -> IntervalStaffing {
    match o {
        StaffingOutcome::Met(s) => IntervalStaffing { agents: s.agents, met: true, kpis: kpis_of(s.agents, &s.kpis) },
        StaffingOutcome::Unreachable(u) => IntervalStaffing {
            agents: u.max_agents,
            met: false,
            kpis: match &u.kpis_at_max {
                Some(k) => kpis_of(u.max_agents, k),
                None => overloaded(load, u.max_agents),
            },
        },
    }
}

/// Solves each distinct load once (loads repeat a lot in a forecast year).
fn per_distinct_load(
    loads: &[Load],
    mut solve: impl FnMut(&Load) -> Result<IntervalStaffing, FieldError>,
) -> Result<Vec<IntervalStaffing>, FieldError> {
    let mut seen: HashMap<[u64; 3], IntervalStaffing> = HashMap::new();
    let mut out = Vec::with_capacity(loads.len());
    for l in loads {
        let key = [l.calls().to_bits(), l.interval_s().to_bits(), l.aht_s().to_bits()];
        let s = match seen.get(&key) {
            Some(s) => *s,
            None => {
                let s = solve(l)?;
                seen.insert(key, s);
                s
            }
        };
        out.push(s);
    }
    Ok(out)
}

/// What `agents` give in one interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntervalKpis {
    pub agents: u32,
    /// Share answered within `T` (over offered); 0 for an overloaded Erlang C queue.
    pub service_level: f64,
    /// Mean wait of answered contacts, seconds; `None` when the Erlang C queue is overloaded.
    pub asa_s: Option<f64>,
    /// Share of callers abandoning (Erlang A); `None` under Erlang C.
    pub abandon: Option<f64>,
    /// Busy share of the agents (deferred work: work done / (N·L)).
    pub occupancy: f64,
    /// Deferred work only: deadlines and backlog of this interval.
    pub deferred: Option<DeferredKpis>,
}

/// Deferred work in one interval of a sequence run ([`evaluate_sequence`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeferredKpis {
    /// Items whose deadline is the end of this interval.
    pub due: f64,
    /// Of `due`, items not finished by the end of this interval.
    pub missed: f64,
    /// Items open at the end of the interval (carried over), late ones included.
    pub backlog: f64,
    /// Work carried over, hours (`Σ items·AHT / 3600`).
    pub backlog_work_h: f64,
}

/// The staffing of one interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntervalStaffing {
    /// Net agents meeting the targets; when unreachable, the most the solver tried.
    pub agents: u32,
    /// False when no number of agents meets the targets (Erlang A with an
    /// abandonment-bound SL).
    pub met: bool,
    pub kpis: IntervalKpis,
}

/// What `agents` give for `load` under `model`'s queue:
///
/// - Erlang C: `SL = 1 − C(N, A)·e^{−(N−A)T/AHT}`, `ASA = C·AHT/(N − A)`,
///   `occupancy = A/N` (Gans, Koole & Mandelbaum 2003 §4.1); with `N ≤ A` the
///   queue is overloaded: SL 0, ASA unknown, occupancy 1.
/// - Erlang A: the M/M/N+M steady state ([`crate::ErlangA::at`]), SL answered
///   within `T` over offered, ASA of answered calls.
/// - Erlang X: [`crate::ErlangX::at`] (SL over attempts, occupancy of the
///   carried load); chat: [`crate::Chat::at`] (occupancy = slot utilisation).
///   Without a steady state: SL 0, ASA and abandonment unknown, occupancy 1.
///
/// ```
/// use callcalc_engine::{interval_kpis, IntervalModel, Load, Targets};
/// let load = Load::new(100.0, 1800.0, 180.0).unwrap();
/// let k = interval_kpis(&load, &IntervalModel::ErlangC(Targets::service_level(0.8, 20.0).unwrap()), 14).unwrap();
/// assert!((k.service_level - 0.8883500191794669).abs() < 1e-12);
/// let over = interval_kpis(&load, &IntervalModel::ErlangC(Targets::service_level(0.8, 20.0).unwrap()), 10).unwrap();
/// assert_eq!((over.service_level, over.asa_s), (0.0, None));
/// ```
pub fn interval_kpis(load: &Load, model: &IntervalModel, agents: u32) -> Result<IntervalKpis, FieldError> {
    Ok(match model {
        IntervalModel::ErlangC(t) => match ErlangC::new(*load, t.sl_threshold_s)?.at(agents) {
            Queue::Stable(k) => IntervalKpis {
                agents,
                service_level: k.service_level,
                asa_s: Some(k.asa_s),
                abandon: None,
                occupancy: k.occupancy,
                deferred: None,
            },
            Queue::Unstable(_) => IntervalKpis {
                agents,
                service_level: if load.calls() == 0.0 { 1.0 } else { 0.0 },
                asa_s: None,
                abandon: None,
                occupancy: if load.calls() == 0.0 { 0.0 } else { 1.0 },
                deferred: None,
            },
        },
        IntervalModel::ErlangA { patience_s, threshold_s, .. } => {
            let k = ErlangA::new(*load, *patience_s, *threshold_s)?.at(agents);
            IntervalKpis {
                agents,
                service_level: k.sl_answered_within_t_over_offered.value,
                asa_s: k.asa_served_s,
                abandon: Some(k.p_abandon),
                occupancy: k.occupancy_carried,
                deferred: None,
            }
        }
        IntervalModel::ErlangX { patience_s, redial, threshold_s, .. } => {
            match IntervalModel::x_system(load, *patience_s, *redial, *threshold_s)?.at(agents) {
                ErlangXResult::Stable(k) => kpis_of(agents, &k),
                ErlangXResult::Unstable(_) => overloaded(load, agents),
            }
        }
        IntervalModel::Chat { aht_factors, patience_s, threshold_s, .. } => {
            match IntervalModel::chat_system(load, aht_factors, *patience_s, *threshold_s)?.at(agents) {
                ChatResult::Stable(k) => kpis_of(agents, &k),
                ChatResult::Unstable(_) => overloaded(load, agents),
            }
        }
        IntervalModel::Deferred { .. } => {
            return Err(FieldError::new(
                "model",
                "deferred",
                Problem::Unreadable { expected: "a sequence of intervals (evaluate_sequence), not one interval" },
            ))
        }
    })
}

fn deferred_work(
    loads: &[Load],
    deadline_s: f64,
    productive_share: f64,
    open_items: f64,
) -> Result<DeferredWork, FieldError> {
    let interval_s = loads.first().map_or(1.0, Load::interval_s);
    if let Some(l) = loads.iter().find(|l| l.interval_s() != interval_s) {
        return Err(FieldError::new(
            "interval_s",
            l.interval_s(),
            Problem::OutOfRange { min: interval_s, max: interval_s, min_inclusive: true, max_inclusive: true },
        ));
    }
    let mut arrivals: Vec<f64> = loads.iter().map(Load::calls).collect();
    if let Some(first) = arrivals.first_mut() {
        *first += open_items;
    }
    let aht: Vec<f64> = loads.iter().map(Load::aht_s).collect();
    DeferredWork::with_aht_per_interval(&arrivals, &aht, interval_s, productive_share, deadline_s)
}

fn deferred_kpis(r: &DeferredRunInterval) -> IntervalKpis {
    IntervalKpis {
        agents: r.agents,
        service_level: r.service_level.unwrap_or(1.0),
        asa_s: None,
        abandon: None,
        occupancy: r.occupancy,
        deferred: Some(DeferredKpis {
            due: r.due,
            missed: r.missed,
            backlog: r.backlog_out,
            backlog_work_h: r.backlog_out_work_h,
        }),
    }
}

/// What GIVEN agents per interval (`agents[i]` in interval `i`) give over a
/// sequence of loads.
///
/// - Queue models (C, A, X, chat): each interval on its own, [`interval_kpis`].
/// - Deferred work ([`IntervalModel::Deferred`]): the FIFO run of
///   [`crate::DeferredWork::run`] over the whole sequence (backlog carried
///   over; an interval's capacity `N_i·L·p` seconds works the oldest items
///   first, late ones included). Per interval: `service_level` = share of
///   the items falling due there finished by their deadline,
///   `1 − missed_i/due_i` (1 when nothing falls due: nothing was missed; see
///   `deferred.due`), `occupancy = work done / (N_i·L)`, ASA and abandonment
///   `None` (not applicable), `deferred` = due, missed, backlog at the end.
///   Source: Koole, *Call Center Optimization* (2013), deferred work.
///
/// Errors: `agents` not one per load (field `"agents"`); deferred loads of
/// different lengths (`"interval_s"`) or a deadline shorter than an interval
/// (`"deadline_s"`).
///
/// ```
/// use callcalc_engine::{evaluate_sequence, staff_intervals, IntervalModel, Load};
/// // Hourly e-mail: 18 then 27 items of 5 min, 75 % productive, reply within 2 open hours.
/// let loads: Vec<Load> =
///     [18.0, 0.0, 27.0, 0.0].iter().map(|&n| Load::new(n, 3600.0, 300.0).unwrap()).collect();
/// let m = IntervalModel::deferred(7200.0, 0.75).unwrap();
/// let plan: Vec<u32> = staff_intervals(&loads, &m).unwrap().iter().map(|s| s.agents).collect();
/// assert_eq!(plan, vec![0, 2, 0, 3]);
/// let k = evaluate_sequence(&loads, &m, &[0, 1, 0, 3]).unwrap();
/// assert_eq!(k[1].service_level, 0.5); // 9 of the 18 due in hour 2 are done in time
/// assert_eq!(k[1].deferred.unwrap().missed, 9.0);
/// // Hour 4: 3 agents do 27 items, the 9 late ones first, so only 18 of the 27 due are in time.
/// assert!((k[3].service_level - 2.0 / 3.0).abs() < 1e-12);
/// assert_eq!(k[1].asa_s, None);
/// ```
pub fn evaluate_sequence(
    loads: &[Load],
    model: &IntervalModel,
    agents: &[u32],
) -> Result<Vec<IntervalKpis>, FieldError> {
    if agents.len() != loads.len() {
        return Err(FieldError::new(
            "agents",
            format!("{} entries for {} intervals", agents.len(), loads.len()),
            Problem::OutOfRange {
                min: loads.len() as f64,
                max: loads.len() as f64,
                min_inclusive: true,
                max_inclusive: true,
            },
        ));
    }
    match model {
        IntervalModel::Deferred { deadline_s, productive_share, open_items } => {
            if loads.is_empty() {
                return Ok(Vec::new());
            }
            let w = deferred_work(loads, *deadline_s, *productive_share, *open_items)?;
            Ok(w.run(agents)?.iter().map(deferred_kpis).collect())
        }
        m => loads.iter().zip(agents).map(|(l, &n)| interval_kpis(l, m, n)).collect(),
    }
}

/// Required net agents for every interval, in input order.
///
/// Erlang C goes through [`required_agents_many`], Erlang A through
/// [`erlang_a_staff_many`] (the same answers as
/// [`crate::erlang_a_required_agents_many`]): identical loads are solved once
/// and the Erlang A search starts from the Erlang C answer, so a year of
/// intervals is a few milliseconds (C) to tens of milliseconds (A).
/// Erlang X goes through [`crate::erlang_x_staff_many`] (the agents of
/// [`crate::ErlangX::required_agents`], KPIs equal to rounding; a year in
/// tenths of a second); chat solves each distinct load once with
/// [`crate::Chat::required_agents`]; same answers, interval by interval.
/// Deferred work staffs the whole sequence with [`crate::DeferredWork::plan`]
/// (per interval `N_i = ⌈due work_i / (L·p)⌉`, due work = open items falling
/// due at the end of `i` × their AHT; the surplus of the rounding works
/// ahead, oldest first); every interval is `met` and its KPIs are those of
/// [`evaluate_sequence`] at that plan (every deadline met).
///
/// ```
/// use callcalc_engine::{staff_intervals, IntervalModel, Load, Targets};
/// let loads: Vec<Load> = [0.0, 100.0, 360.0].iter().map(|&c| Load::new(c, 1800.0, 180.0).unwrap()).collect();
/// let s = staff_intervals(&loads, &IntervalModel::ErlangC(Targets::service_level(0.8, 20.0).unwrap())).unwrap();
/// assert_eq!(s.iter().map(|x| x.agents).collect::<Vec<_>>(), vec![0, 14, 41]);
/// let a = staff_intervals(&loads, &IntervalModel::erlang_a(0.8, 20.0, 300.0).unwrap()).unwrap();
/// assert_eq!(a[1].agents, 13); // patient callers abandon: one agent fewer than Erlang C
/// let x = staff_intervals(&loads, &IntervalModel::erlang_x(0.8, 20.0, 300.0, 0.0).unwrap()).unwrap();
/// assert_eq!(x[1].agents, 13); // no redials: Erlang X is Erlang A
/// let chat = staff_intervals(&loads, &IntervalModel::chat(0.8, 20.0, &[1.0, 1.5], None).unwrap()).unwrap();
/// assert!(chat[1].agents < 14); // two chats at a time, each 1.5× longer
/// ```
pub fn staff_intervals(loads: &[Load], model: &IntervalModel) -> Result<Vec<IntervalStaffing>, FieldError> {
    match model {
        IntervalModel::ErlangC(t) => Ok(required_agents_many(loads, t)
            .into_iter()
            .map(|s| IntervalStaffing {
                agents: s.agents,
                met: true,
                kpis: IntervalKpis {
                    agents: s.agents,
                    service_level: s.kpis.service_level,
                    asa_s: Some(s.kpis.asa_s),
                    abandon: None,
                    occupancy: s.kpis.occupancy,
                    deferred: None,
                },
            })
            .collect()),
        IntervalModel::ErlangA { patience_s, threshold_s, targets } => {
            let out = erlang_a_staff_many(loads, *patience_s, *threshold_s, targets)?;
            Ok(out
                .into_iter()
                .map(|o| {
                    let (agents, met, k) = match o {
                        StaffingOutcome::Met(s) => (s.agents, true, s.kpis),
                        StaffingOutcome::Unreachable(u) => {
                            let k = u.kpis_at_max.unwrap_or_else(|| unreachable_kpis(u.max_agents));
                            (u.max_agents, false, k)
                        }
                    };
                    IntervalStaffing {
                        agents,
                        met,
                        kpis: IntervalKpis {
                            agents,
                            service_level: k.sl_answered_within_t_over_offered,
                            asa_s: k.asa_served_s,
                            abandon: Some(k.p_abandon),
                            occupancy: k.occupancy_carried,
                            deferred: None,
                        },
                    }
                })
                .collect())
        }
        IntervalModel::ErlangX { patience_s, redial, threshold_s, targets } => {
            let out = erlang_x_staff_many(loads, None, Some(*patience_s), *redial, *threshold_s, targets)?;
            Ok(loads.iter().zip(out).map(|(l, o)| from_outcome(l, o)).collect())
        }
        IntervalModel::Chat { aht_factors, patience_s, threshold_s, targets } => per_distinct_load(loads, |l| {
            let c = IntervalModel::chat_system(l, aht_factors, *patience_s, *threshold_s)?;
            Ok(from_outcome(l, c.required_agents(targets)))
        }),
        IntervalModel::Deferred { deadline_s, productive_share, open_items } => {
            if loads.is_empty() {
                return Ok(Vec::new());
            }
            let w = deferred_work(loads, *deadline_s, *productive_share, *open_items)?;
            let agents: Vec<u32> = w.plan().intervals.iter().map(|x| x.agents).collect();
            Ok(w.run(&agents)?
                .iter()
                .map(|r| IntervalStaffing { agents: r.agents, met: true, kpis: deferred_kpis(r) })
                .collect())
        }
    }
}

fn unreachable_kpis(agents: u32) -> ErlangAStaffingKpis {
    // Only reached if the solver reports no KPIs at its limit; a neutral record.
    let l = Load::new(0.0, 1.0, 1.0).expect("valid constant load");
    let mut k = ErlangAStaffingKpis::from(&ErlangA::new(l, 1.0, 0.0).expect("valid constants").at(agents));
    k.agents = agents;
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::required_agents;

    #[test]
    fn erlang_c_matches_required_agents_and_kpis_agree() {
        let t = Targets::service_level(0.8, 20.0).unwrap();
        let model = IntervalModel::ErlangC(t);
        let loads: Vec<Load> = (0..60).map(|i| Load::new(f64::from(i) * 7.3, 900.0, 240.0).unwrap()).collect();
        let s = staff_intervals(&loads, &model).unwrap();
        for (l, x) in loads.iter().zip(&s) {
            assert_eq!(x.agents, required_agents(l, &t).agents);
            let k = interval_kpis(l, &model, x.agents).unwrap();
            assert!((k.service_level - x.kpis.service_level).abs() < 1e-12);
            assert!(k.service_level >= 0.8);
            if x.agents > 0 && l.calls() > 0.0 {
                let below = interval_kpis(l, &model, x.agents - 1).unwrap();
                assert!(below.service_level < 0.8);
            }
        }
    }

    fn mixed_loads() -> Vec<Load> {
        (0..50)
            .map(|i| {
                Load::new(f64::from(i % 25) * 6.5, if i < 25 { 900.0 } else { 1800.0 }, 150.0 + f64::from(i)).unwrap()
            })
            .collect()
    }

    #[test]
    fn erlang_x_matches_its_own_required_agents() {
        let model = IntervalModel::erlang_x(0.8, 20.0, 90.0, 0.3).unwrap();
        let IntervalModel::ErlangX { redial, targets, .. } = model.clone() else { unreachable!() };
        let loads = mixed_loads();
        for (l, s) in loads.iter().zip(staff_intervals(&loads, &model).unwrap()) {
            let own = ErlangX::new(*l, None, Some(90.0), redial, 20.0).unwrap().required_agents(&targets);
            let m = own.met().unwrap();
            assert_eq!((s.agents, s.met), (m.agents, true));
            // The fast path's attempt rate equals the reference's to rounding.
            let close = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
            assert!(close(s.kpis.service_level, m.kpis.sl_answered_within_t_over_attempts.value));
            assert!(close(s.kpis.abandon.unwrap(), m.kpis.p_abandon));
            let k = interval_kpis(l, &model, s.agents).unwrap();
            assert_eq!(k.agents, s.agents);
            assert!(close(k.service_level, s.kpis.service_level) && close(k.occupancy, s.kpis.occupancy));
            assert!(close(k.abandon.unwrap(), s.kpis.abandon.unwrap()));
            assert_eq!(k.asa_s.is_some(), s.kpis.asa_s.is_some());
            assert!(k.asa_s.zip(s.kpis.asa_s).is_none_or(|(a, b)| close(a, b)));
        }
    }

    #[test]
    fn chat_matches_its_own_required_agents() {
        let model = IntervalModel::chat(0.8, 60.0, &[1.0, 1.4, 1.9], Some(180.0)).unwrap();
        let loads = mixed_loads();
        let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
        for (l, s) in loads.iter().zip(staff_intervals(&loads, &model).unwrap()) {
            let aht = [l.aht_s(), 1.4 * l.aht_s(), 1.9 * l.aht_s()];
            let own = Chat::new(l.calls(), l.interval_s(), &aht, Some(180.0), 60.0).unwrap().required_agents(&t);
            let m = own.met().unwrap();
            assert_eq!((s.agents, s.met), (m.agents, true));
            assert_eq!(s.kpis.service_level, m.kpis.sl_answered_within_t_over_offered.value);
            assert_eq!(s.kpis.occupancy, m.kpis.slot_utilisation);
            assert_eq!(interval_kpis(l, &model, s.agents).unwrap(), s.kpis);
        }
    }

    #[test]
    fn an_open_backlog_is_planned_within_the_deadline_and_missed_without_it() {
        let calls: Vec<f64> = (0..120).map(|i| f64::from((i * 37) % 23) * 1.3).collect();
        let loads: Vec<Load> = calls.iter().map(|&c| Load::new(c, 900.0, 420.0).unwrap()).collect();
        let fresh = IntervalModel::deferred(4.0 * 3600.0, 0.85).unwrap();
        let open = IntervalModel::deferred_from_backlog(4.0 * 3600.0, 0.85, 250.0).unwrap();
        let plan0 = staff_intervals(&loads, &fresh).unwrap();
        let plan1 = staff_intervals(&loads, &open).unwrap();
        let sum = |p: &[IntervalStaffing]| p.iter().map(|x| u64::from(x.agents)).sum::<u64>();
        assert!(sum(&plan1) > sum(&plan0));
        // Planned with the backlog: every deadline met.
        let a1: Vec<u32> = plan1.iter().map(|x| x.agents).collect();
        let k1 = evaluate_sequence(&loads, &open, &a1).unwrap();
        assert!(k1.iter().all(|k| k.deferred.unwrap().missed == 0.0));
        // Its capacity (900 s × 0.85 an agent-interval) covers the backlog's and the arrivals' work, but for
        // the items still open (not yet due) at the end.
        let left = k1.last().unwrap().deferred.unwrap().backlog;
        let work = (calls.iter().sum::<f64>() + 250.0 - left) * 420.0;
        assert!(sum(&plan1) as f64 * 900.0 * 0.85 >= work - 1e-6, "{} agent-intervals for {work} s", sum(&plan1));
        // The plan that ignores the backlog misses deadlines once the backlog is there.
        let a0: Vec<u32> = plan0.iter().map(|x| x.agents).collect();
        let k0 = evaluate_sequence(&loads, &open, &a0).unwrap();
        assert!(k0.iter().map(|k| k.deferred.unwrap().missed).sum::<f64>() > 0.0);
    }

    #[test]
    fn deferred_staffing_meets_every_deadline_and_one_aht_equals_deferred_work() {
        let calls: Vec<f64> = (0..200).map(|i| f64::from((i * 37) % 23) * 1.3).collect();
        let one: Vec<Load> = calls.iter().map(|&c| Load::new(c, 900.0, 420.0).unwrap()).collect();
        let m = IntervalModel::deferred(4.0 * 3600.0, 0.85).unwrap();
        let s = staff_intervals(&one, &m).unwrap();
        let own = DeferredWork::new(&calls, 900.0, 420.0, 0.85, 4.0 * 3600.0).unwrap().plan();
        assert_eq!(
            s.iter().map(|x| x.agents).collect::<Vec<_>>(),
            own.intervals.iter().map(|x| x.agents).collect::<Vec<_>>()
        );
        // Per-interval AHT: every deadline met at the plan; the KPIs are those of the run at the plan.
        let mixed: Vec<Load> = calls
            .iter()
            .enumerate()
            .map(|(i, &c)| Load::new(c, 900.0, 200.0 + (i % 9) as f64 * 40.0).unwrap())
            .collect();
        let s = staff_intervals(&mixed, &m).unwrap();
        let agents: Vec<u32> = s.iter().map(|x| x.agents).collect();
        let k = evaluate_sequence(&mixed, &m, &agents).unwrap();
        for (x, k) in s.iter().zip(&k) {
            assert!(x.met);
            assert_eq!(x.kpis, *k);
            assert_eq!(k.service_level, 1.0);
            assert_eq!(k.deferred.unwrap().missed, 0.0);
            assert!(k.occupancy <= 0.85 + 1e-12);
        }
        assert!(k.iter().any(|k| k.deferred.unwrap().backlog > 0.0), "work is carried over");
        // One agent fewer where the plan staffs: some items miss their deadline.
        for i in (0..agents.len()).filter(|&i| agents[i] > 0).step_by(7) {
            let mut short = agents.clone();
            short[i] -= 1;
            let k = evaluate_sequence(&mixed, &m, &short).unwrap();
            assert!(k.iter().any(|k| k.service_level < 1.0 && k.deferred.unwrap().missed > 0.0), "interval {i}");
        }
        // Zero arrivals: zero agents, nothing due.
        let zero: Vec<Load> = (0..20).map(|_| Load::new(0.0, 900.0, 300.0).unwrap()).collect();
        assert!(staff_intervals(&zero, &m).unwrap().iter().all(|x| x.agents == 0 && x.kpis.service_level == 1.0));
        // Errors name their fields.
        assert_eq!(evaluate_sequence(&zero, &m, &[1]).unwrap_err().field, "agents");
        assert_eq!(interval_kpis(&zero[0], &m, 1).unwrap_err().field, "model");
        let short_deadline = IntervalModel::deferred(600.0, 0.85).unwrap();
        assert_eq!(staff_intervals(&zero, &short_deadline).unwrap_err().field, "deadline_s");
        let uneven = [Load::new(1.0, 900.0, 300.0).unwrap(), Load::new(1.0, 1800.0, 300.0).unwrap()];
        assert_eq!(staff_intervals(&uneven, &m).unwrap_err().field, "interval_s");
        // Queue models: the sequence evaluation is interval_kpis per interval.
        let c = IntervalModel::ErlangC(Targets::service_level(0.8, 20.0).unwrap());
        let k = evaluate_sequence(&one[..5], &c, &[5, 6, 7, 8, 9]).unwrap();
        assert_eq!(k[2], interval_kpis(&one[2], &c, 7).unwrap());
    }

    /// Rough native timing for the notes (not asserted):
    /// `cargo test -p callcalc-engine --release --lib timing_year -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing_year() {
        // A year of 15-minute intervals, 8:00–22:00, a daily and weekly shape.
        let loads: Vec<Load> = (0..365 * 56)
            .map(|i| {
                let (d, s) = (i / 56, i % 56);
                let shape = 1.0 + (f64::from(s) / 56.0 * std::f64::consts::PI).sin() * 2.0;
                let week = if d % 7 >= 5 { 0.6 } else { 1.0 };
                let calls = (20.0 * shape * week * (1.0 + f64::from(d % 13) / 50.0)).round();
                Load::new(calls, 900.0, 180.0 + f64::from(s % 7)).unwrap()
            })
            .collect();
        for (name, m) in [
            ("C", IntervalModel::ErlangC(crate::Targets::service_level(0.8, 20.0).unwrap())),
            ("A", IntervalModel::erlang_a(0.8, 20.0, 120.0).unwrap()),
            ("X", IntervalModel::erlang_x(0.8, 20.0, 120.0, 0.2).unwrap()),
            ("chat", IntervalModel::chat(0.8, 60.0, &[1.0, 1.4, 1.9], Some(180.0)).unwrap()),
            ("deferred", IntervalModel::deferred(4.0 * 3600.0, 0.9).unwrap()),
        ] {
            let t0 = std::time::Instant::now();
            let s = staff_intervals(&loads, &m).unwrap();
            println!(
                "{name}: {} intervals in {:?} (sum {})",
                s.len(),
                t0.elapsed(),
                s.iter().map(|x| x.agents).sum::<u32>()
            );
        }
    }

    #[test]
    fn erlang_a_meets_the_target_and_reports_abandonment() {
        let model = IntervalModel::erlang_a(0.8, 20.0, 120.0).unwrap();
        let loads: Vec<Load> = (1..40).map(|i| Load::new(f64::from(i) * 5.0, 900.0, 240.0).unwrap()).collect();
        for (l, x) in loads.iter().zip(staff_intervals(&loads, &model).unwrap()) {
            assert!(x.met);
            assert!(x.kpis.service_level >= 0.8, "{x:?}");
            let k = interval_kpis(l, &model, x.agents).unwrap();
            assert!(k.abandon.unwrap() >= 0.0 && k.abandon.unwrap() < 0.2);
        }
    }
}

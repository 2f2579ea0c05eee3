//! Staffing a series of intervals (a forecast week, a year) with one queueing
//! model, and what a given number of agents would give in an interval.

use crate::erlang::{ErlangC, Queue};
use crate::erlang_a::{erlang_a_staff_many, ErlangA, ErlangAStaffingKpis};
use crate::error::{non_negative, positive, FieldError};
use crate::load::Load;
use crate::solver::{QueueTargets, SlDefinition, StaffingOutcome};
use crate::staffing::{required_agents_many, Targets};

/// The queueing model and targets every interval is staffed with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IntervalModel {
    /// Erlang C (nobody abandons), see [`crate::required_agents`].
    ErlangC(Targets),
    /// Erlang A (exponential patience), SL as answered within `T` over offered,
    /// see [`crate::ErlangA::required_agents`].
    ErlangA { patience_s: f64, threshold_s: f64, targets: QueueTargets },
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
    /// Busy share of the agents.
    pub occupancy: f64,
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
            },
            Queue::Unstable(_) => IntervalKpis {
                agents,
                service_level: if load.calls() == 0.0 { 1.0 } else { 0.0 },
                asa_s: None,
                abandon: None,
                occupancy: if load.calls() == 0.0 { 0.0 } else { 1.0 },
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
            }
        }
    })
}

/// Required net agents for every interval, in input order.
///
/// Erlang C goes through [`required_agents_many`], Erlang A through
/// [`erlang_a_staff_many`] (the same answers as
/// [`crate::erlang_a_required_agents_many`]): identical loads are solved once
/// and the Erlang A search starts from the Erlang C answer, so a year of
/// intervals is a few milliseconds (C) to tens of milliseconds (A).
///
/// ```
/// use callcalc_engine::{staff_intervals, IntervalModel, Load, Targets};
/// let loads: Vec<Load> = [0.0, 100.0, 360.0].iter().map(|&c| Load::new(c, 1800.0, 180.0).unwrap()).collect();
/// let s = staff_intervals(&loads, &IntervalModel::ErlangC(Targets::service_level(0.8, 20.0).unwrap())).unwrap();
/// assert_eq!(s.iter().map(|x| x.agents).collect::<Vec<_>>(), vec![0, 14, 41]);
/// let a = staff_intervals(&loads, &IntervalModel::erlang_a(0.8, 20.0, 300.0).unwrap()).unwrap();
/// assert_eq!(a[1].agents, 13); // patient callers abandon: one agent fewer than Erlang C
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
                        },
                    }
                })
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

//! Erlang A (Palm's M/M/N+M queue): Erlang C plus exponential patience.
//! Callers who wait abandon at rate `θ = 1/mean patience`; nobody is blocked.
//!
//! Computed with the exact stationary birth–death chain of
//! [`crate::ErlangX`] (`K = ∞`, no redials): weights summed outward from the
//! boundary state `N` with power-of-two rescaling, truncated where the rest
//! is provably below `1e-22` relative, and the waiting-time laws through the
//! Beta / negative-binomial identity — no factorials, no powers of `A`, so
//! 100,000 Erlangs cost a few thousand terms.
//!
//! Limits: patience → ∞ gives Erlang C ([`crate::erlang_c`]); patience → 0
//! gives Erlang B ([`crate::erlang_b`]) for the share of callers lost.
//!
//! Sources: O. Garnett, A. Mandelbaum & M. Reiman, *Designing a call center
//! with impatient customers*, MSOM 4(3) 2002; A. Mandelbaum & S. Zeltyn,
//! *Service engineering in action: the Palm/Erlang-A queue, with applications
//! to call centers* (2007).

use std::collections::HashMap;

use crate::erlang_x::{patience_rate, prob, search_limit, Chain, ChainOut, Service};
use crate::error::{non_negative, FieldError};
use crate::load::Load;
use crate::solver::{
    smallest_agents, Proportion, QueueMetrics, QueueStaffing, QueueTargets, SlDefinition, StaffingOutcome,
    TargetsUnreachable,
};
use crate::trace::Trace;

const SRC: &str = "Garnett, Mandelbaum & Reiman, Designing a call center with impatient customers, MSOM 4(3) 2002; waiting-time laws: Mandelbaum & Zeltyn, Service engineering in action: the Palm/Erlang-A queue, with applications to call centers (2007)";

/// An Erlang A queue: load, mean patience and SL threshold, validated once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangA {
    load: Load,
    mean_patience_s: f64,
    theta: f64,
    threshold_s: f64,
}

/// Every KPI of Erlang A at `agents` agents (always stable: impatience keeps
/// the queue finite even when `A ≥ N`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangAKpis {
    pub agents: u32,
    /// `A = λ·AHT` (Erlangs).
    pub traffic_erlangs: f64,
    pub aht_s: f64,
    pub mean_patience_s: f64,
    pub threshold_s: f64,
    /// Probability that an arrival finds every agent busy.
    pub p_wait: f64,
    /// Probability that an arrival abandons, `θ·E[Q]/λ`.
    pub p_abandon: f64,
    pub p_served: f64,
    /// `E[W | served]` (s): ASA of answered calls, zero waits included; `None` with no agents.
    pub asa_served_s: Option<f64>,
    /// `E[W]` over all arrivals, abandoned callers' time to abandon included
    /// (`= P_abandon · mean patience`, pyworkforce's ASA).
    pub mean_wait_all_s: f64,
    /// `E[W | abandoned]` (s); `None` if nobody abandons.
    pub mean_wait_abandoned_s: Option<f64>,
    /// `E[V]`: mean wait of a test caller with infinite patience (s); `None` with no agents.
    pub asa_virtual_s: Option<f64>,
    /// `E[Q]`: mean number waiting.
    pub mean_queue_length: f64,
    /// `P(abandon, W ≤ T)`.
    pub p_abandon_within_t: f64,
    /// Answered within `T` / offered (Cisco Aban-Negative).
    pub sl_answered_within_t_over_offered: Proportion,
    /// Answered within `T` / answered; `None` with no agents.
    pub sl_answered_within_t_over_answered: Option<Proportion>,
    /// Answered within `T` / (offered − abandoned within `T`) (Cisco Aban-Ignored).
    pub sl_answered_within_t_over_offered_minus_abandoned_within_t: Proportion,
    /// (Answered + abandoned within `T`) / offered (Cisco Aban-Positive).
    pub sl_all_wait_le_t: Proportion,
    /// `P(V ≤ T)`: the "offered wait" of a caller with infinite patience.
    pub sl_offered_wait_le_t: Proportion,
    /// Carried load per agent `λ·(1 − P_abandon)·AHT/N` (variant c of definitions.md).
    pub occupancy_carried: f64,
}

impl ErlangA {
    /// Validates: `mean_patience_s > 0` with `λ·patience ≤`
    /// [`crate::MAX_PATIENCE_ARRIVALS`], `sl_threshold_s ≥ 0`.
    ///
    /// ```
    /// use callcalc_engine::{ErlangA, Load};
    /// let load = Load::new(100.0, 1800.0, 180.0).unwrap();
    /// assert!(ErlangA::new(load, 300.0, 20.0).is_ok());
    /// assert_eq!(ErlangA::new(load, 0.0, 20.0).unwrap_err().field, "mean_patience_s");
    /// assert_eq!(ErlangA::new(load, 300.0, -1.0).unwrap_err().field, "sl_threshold_s");
    /// ```
    pub fn new(load: Load, mean_patience_s: f64, sl_threshold_s: f64) -> Result<Self, FieldError> {
        let theta = patience_rate(mean_patience_s, load.arrival_rate_per_s())?;
        let threshold_s = non_negative("sl_threshold_s", sl_threshold_s)?;
        Ok(ErlangA { load, mean_patience_s, theta, threshold_s })
    }

    pub fn load(&self) -> &Load {
        &self.load
    }
    pub fn mean_patience_s(&self) -> f64 {
        self.mean_patience_s
    }
    pub fn threshold_s(&self) -> f64 {
        self.threshold_s
    }

    fn chain(&self, agents: u32) -> Chain<'static> {
        Chain {
            lambda: self.load.arrival_rate_per_s(),
            service: Service::Agents { agents, mu: 1.0 / self.load.aht_s() },
            theta: self.theta,
            cap: None,
        }
    }

    /// Every KPI at `agents` agents.
    ///
    /// With `λ` = arrivals/s, `μ = 1/AHT`, `θ = 1/patience`, `ν = Nμ`:
    /// stationary `π_n ∝ A^n/n!` for `n ≤ N` and
    /// `π_{N+i} = π_N·Π_{m=1..i} λ/(ν + mθ)`; then
    /// - `P_wait = Σ_{i≥0} π_{N+i}`, `P_abandon = Σ_i π_{N+i}·(i+1)θ/(ν+(i+1)θ)`,
    /// - `E[W | served] = Σ_i π_{N+i}·ν/(ν+(i+1)θ)·Σ_{m≤i} 1/(ν+(m+1)θ) / P_served`,
    /// - `E[W] = Σ_i π_{N+i}·(i+1)/(ν+(i+1)θ) = P_abandon/θ`,
    /// - service levels from `P(V ≤ T | i) = I_x(i+1, ν/θ)`, `x = 1 − e^{−θT}`
    ///   (see the module docs of [`crate::ErlangX`] for all four tail laws),
    /// - `occupancy = λ(1 − P_abandon)·AHT/N`.
    ///
    /// Units: seconds, probabilities per arrival. Variant: each SL field names
    /// its definition ([`crate::SlDefinition`]). Source: Garnett, Mandelbaum &
    /// Reiman (2002); Mandelbaum & Zeltyn (2007).
    ///
    /// ```
    /// use callcalc_engine::{ErlangA, Load};
    /// // Reference pub-ea-01 (pyworkforce README example): 100 calls / 30 min,
    /// // AHT 180 s, patience 300 s, 13 agents, T = 20 s.
    /// let q = ErlangA::new(Load::new(100.0, 1800.0, 180.0).unwrap(), 300.0, 20.0).unwrap();
    /// let k = q.at(13);
    /// assert!((k.p_abandon / 0.02496330363357188 - 1.0).abs() < 1e-12);
    /// assert!((k.asa_served_s.unwrap() / 6.91396830606578 - 1.0).abs() < 1e-12);
    /// assert!((k.sl_answered_within_t_over_offered.value / 0.8581777000307626 - 1.0).abs() < 1e-12);
    /// assert!((k.occupancy_carried / 0.7500282279741755 - 1.0).abs() < 1e-12);
    /// ```
    pub fn at(&self, agents: u32) -> ErlangAKpis {
        self.evaluate(agents, true)
    }

    fn evaluate(&self, agents: u32, deep: bool) -> ErlangAKpis {
        // θ > 0: the chain always has a steady state.
        let o = self
            .chain(agents)
            .evaluate(Some(self.threshold_s), deep)
            .unwrap_or(ChainOut { p_abandon: 1.0, ..ChainOut::default() });
        self.kpis(agents, &o)
    }

    fn kpis(&self, agents: u32, o: &ChainOut) -> ErlangAKpis {
        let t = o.tail.unwrap_or_default();
        let served = o.p_served();
        let lam = self.load.arrival_rate_per_s();
        let aht = self.load.aht_s();
        ErlangAKpis {
            agents,
            traffic_erlangs: self.load.traffic().erlangs(),
            aht_s: aht,
            mean_patience_s: self.mean_patience_s,
            threshold_s: self.threshold_s,
            p_wait: prob(o.p_wait),
            p_abandon: prob(o.p_abandon),
            p_served: prob(served),
            asa_served_s: (served > 0.0).then(|| o.served_wait / served),
            mean_wait_all_s: o.wait,
            mean_wait_abandoned_s: (o.p_abandon > 0.0).then(|| o.abandoned_wait / o.p_abandon),
            asa_virtual_s: Some(o.virtual_wait).filter(|v| v.is_finite()),
            mean_queue_length: o.mean_queue,
            p_abandon_within_t: prob(t.abandoned_le),
            sl_answered_within_t_over_offered: Proportion::ratio(t.served_le, o.p_abandon + t.served_gt, 1.0),
            sl_answered_within_t_over_answered: (served > 0.0)
                .then(|| Proportion::ratio(t.served_le, t.served_gt, served)),
            sl_answered_within_t_over_offered_minus_abandoned_within_t: Proportion::ratio(
                t.served_le,
                t.served_gt + t.abandoned_gt,
                t.served_le + t.served_gt + t.abandoned_gt,
            ),
            sl_all_wait_le_t: Proportion::ratio(t.served_le + t.abandoned_le, t.served_gt + t.abandoned_gt, 1.0),
            sl_offered_wait_le_t: Proportion::ratio(t.virtual_le, t.virtual_gt, 1.0),
            occupancy_carried: if agents == 0 { 0.0 } else { prob(lam * served * aht / agents as f64) },
        }
    }

    /// Smallest number of agents meeting every target at once: service level
    /// (any [`SlDefinition`]; over "offered" = over all arrivals), `E[W|served]`,
    /// abandonment, occupancy (carried). Blocking is always 0 here.
    ///
    /// - Rule: smallest integer `N ≥ 0` with every set target met at `N`;
    ///   each KPI is monotone in `N` (property-tested), so a galloping search
    ///   from `N ≈ A` plus bisection needs `O(log N)` evaluations of `O(√A)` terms.
    /// - Source: Garnett, Mandelbaum & Reiman (2002) (staffing with abandonment).
    ///
    /// ```
    /// use callcalc_engine::{ErlangA, Load, QueueTargets, SlDefinition};
    /// let q = ErlangA::new(Load::new(100.0, 1800.0, 180.0).unwrap(), 300.0, 20.0).unwrap();
    /// let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
    /// let s = q.required_agents(&t);
    /// let s = s.met().unwrap();
    /// assert_eq!(s.agents, 13); // SL(13) = 0.858, SL(12) < 0.8
    /// assert!(s.kpis_below.unwrap().sl_answered_within_t_over_offered.value < 0.8);
    /// ```
    pub fn required_agents(&self, targets: &QueueTargets) -> StaffingOutcome<ErlangAKpis> {
        let a = self.load.traffic().erlangs();
        self.required_agents_from(targets, a.round() as u32)
    }

    fn required_agents_from(&self, targets: &QueueTargets, start: u32) -> StaffingOutcome<ErlangAKpis> {
        let a = self.load.traffic().erlangs();
        smallest_agents(targets, 0, search_limit(a), start, a == 0.0, |n| Some(self.evaluate(n, false)))
    }
}

/// Erlang A staffing for many intervals (a day, a year) with one patience,
/// threshold and set of targets.
///
/// Identical loads are solved once (interval reports have whole call counts,
/// so a year of 35,040 intervals has a few hundred distinct loads) and each
/// search starts from the previous interval's answer. Results are in input
/// order. Fails only if some load makes `λ·patience` exceed
/// [`crate::MAX_PATIENCE_ARRIVALS`].
///
/// - Rule and source: as [`ErlangA::required_agents`].
///
/// ```
/// use callcalc_engine::{erlang_a_required_agents_many, Load, QueueTargets, SlDefinition};
/// let loads: Vec<Load> = [0.0, 100.0, 100.0, 400.0].iter()
///     .map(|&c| Load::new(c, 1800.0, 180.0).unwrap()).collect();
/// let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
/// let out = erlang_a_required_agents_many(&loads, 300.0, 20.0, &t).unwrap();
/// let agents: Vec<u32> = out.iter().map(|s| s.agents().unwrap()).collect();
/// assert_eq!(&agents[..3], &[0, 13, 13]);
/// assert!(agents[3] > 40);
/// ```
pub fn erlang_a_required_agents_many(
    loads: &[Load],
    mean_patience_s: f64,
    sl_threshold_s: f64,
    targets: &QueueTargets,
) -> Result<Vec<StaffingOutcome<ErlangAKpis>>, FieldError> {
    let mut cache: HashMap<(u64, u64, u64), StaffingOutcome<ErlangAKpis>> = HashMap::new();
    let mut out = Vec::with_capacity(loads.len());
    let mut previous: Option<(f64, u32)> = None;
    for l in loads {
        let key = (l.calls().to_bits(), l.interval_s().to_bits(), l.aht_s().to_bits());
        if let Some(s) = cache.get(&key) {
            out.push(s.clone());
            continue;
        }
        let q = ErlangA::new(*l, mean_patience_s, sl_threshold_s)?;
        let a = l.traffic().erlangs();
        let start = match previous {
            // Scale the previous answer to this load: N ≈ A + (N' − A').
            Some((pa, pn)) => (a + (pn as f64 - pa)).max(0.0).round() as u32,
            None => a.round() as u32,
        };
        let s = q.required_agents_from(targets, start);
        if let Some(n) = s.agents() {
            previous = Some((a, n));
        }
        cache.insert(key, s.clone());
        out.push(s);
    }
    Ok(out)
}

/// The Erlang A numbers a staffing search reads at one number of agents:
/// each is bit for bit the same field of [`ErlangA::at`]'s search-depth
/// evaluation ([`ErlangAKpis`]), computed by a lean pass of the chain that
/// skips the other KPIs (about half the work per queue state).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangAStaffingKpis {
    pub agents: u32,
    /// Answered within `T` / offered ([`ErlangAKpis::sl_answered_within_t_over_offered`]).
    pub sl_answered_within_t_over_offered: f64,
    pub p_abandon: f64,
    /// `E[W | served]` (s); `None` with no agents.
    pub asa_served_s: Option<f64>,
    /// Carried load per agent.
    pub occupancy_carried: f64,
}

impl QueueMetrics for ErlangAStaffingKpis {
    /// Only "answered within `T` over offered" (= over accepted: nobody is
    /// blocked); [`erlang_a_staff_many`] uses this type for no other definition.
    fn service_level(&self, variant: SlDefinition) -> Option<f64> {
        match variant {
            SlDefinition::AnsweredOverOffered | SlDefinition::AnsweredOverAccepted => {
                Some(self.sl_answered_within_t_over_offered)
            }
            _ => None,
        }
    }
    fn asa_served_s(&self) -> Option<f64> {
        self.asa_served_s
    }
    fn p_abandon(&self) -> f64 {
        self.p_abandon
    }
    fn p_block(&self) -> f64 {
        0.0
    }
    fn occupancy(&self) -> f64 {
        self.occupancy_carried
    }
}

impl From<&ErlangAKpis> for ErlangAStaffingKpis {
    fn from(k: &ErlangAKpis) -> Self {
        ErlangAStaffingKpis {
            agents: k.agents,
            sl_answered_within_t_over_offered: k.sl_answered_within_t_over_offered.value,
            p_abandon: k.p_abandon,
            asa_served_s: k.asa_served_s,
            occupancy_carried: k.occupancy_carried,
        }
    }
}

impl ErlangA {
    /// The search-depth KPIs a staffing search needs, by the lean chain pass.
    fn evaluate_lean(&self, agents: u32) -> ErlangAStaffingKpis {
        let o = self
            .chain(agents)
            .evaluate_lean(self.threshold_s)
            .unwrap_or(ChainOut { p_abandon: 1.0, ..ChainOut::default() });
        // The same expressions as `kpis` for these fields.
        let t = o.tail.unwrap_or_default();
        let served = o.p_served();
        let lam = self.load.arrival_rate_per_s();
        let aht = self.load.aht_s();
        ErlangAStaffingKpis {
            agents,
            sl_answered_within_t_over_offered: Proportion::ratio(t.served_le, o.p_abandon + t.served_gt, 1.0).value,
            p_abandon: prob(o.p_abandon),
            asa_served_s: (served > 0.0).then(|| o.served_wait / served),
            occupancy_carried: if agents == 0 { 0.0 } else { prob(lam * served * aht / agents as f64) },
        }
    }
}

/// Erlang A staffing of many intervals (a forecast year): the same agents
/// and KPIs as [`erlang_a_required_agents_many`], faster.
///
/// - Same rule: smallest `N` meeting every target, by the same galloping
///   search ([`ErlangA::required_agents`]); every candidate's KPIs are the
///   same numbers bit for bit (the lean pass of [`ErlangAStaffingKpis`]), so
///   each comparison with a target — and thus the answer — is the same.
/// - Warm start as [`erlang_a_required_agents_many`]: from the previous
///   interval's answer shifted by the change of load; the start changes how
///   many candidates are evaluated, never the answer (the search is exact
///   from any start). On the demo year this already needs the minimum two
///   evaluations (`N` and `N − 1`) for 87 % of the loads; starting from the
///   Erlang C answer instead was measured to need more evaluations (it is
///   also no bound: Erlang A does **not** always need fewer agents than
///   Erlang C — abandoned callers count as not answered in time, so with a
///   long `T` or short patience it needs more; tested).
/// - Identical loads are solved once.
/// - Targets: SL "answered within `T`" over offered (or accepted, the same
///   here), ASA, abandonment, occupancy; any other SL definition goes
///   through [`erlang_a_required_agents_many`] (the results are the same).
///
/// Source: as [`ErlangA::required_agents`].
///
/// ```
/// use callcalc_engine::{erlang_a_required_agents_many, erlang_a_staff_many, Load, QueueTargets, SlDefinition};
/// let loads: Vec<Load> = [0.0, 100.0, 100.0, 400.0].iter()
///     .map(|&c| Load::new(c, 1800.0, 180.0).unwrap()).collect();
/// let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
/// let fast = erlang_a_staff_many(&loads, 300.0, 20.0, &t).unwrap();
/// let old = erlang_a_required_agents_many(&loads, 300.0, 20.0, &t).unwrap();
/// let agents: Vec<u32> = fast.iter().map(|s| s.agents().unwrap()).collect();
/// assert_eq!(agents, old.iter().map(|s| s.agents().unwrap()).collect::<Vec<_>>());
/// assert_eq!(&agents[..3], &[0, 13, 13]);
/// let k = fast[1].met().unwrap().kpis;
/// assert_eq!(k.sl_answered_within_t_over_offered, old[1].met().unwrap().kpis.sl_answered_within_t_over_offered.value);
/// ```
pub fn erlang_a_staff_many(
    loads: &[Load],
    mean_patience_s: f64,
    sl_threshold_s: f64,
    targets: &QueueTargets,
) -> Result<Vec<StaffingOutcome<ErlangAStaffingKpis>>, FieldError> {
    let lean_ok = targets.sl_target.is_none()
        || matches!(targets.sl_definition, SlDefinition::AnsweredOverOffered | SlDefinition::AnsweredOverAccepted);
    if !lean_ok {
        let out = erlang_a_required_agents_many(loads, mean_patience_s, sl_threshold_s, targets)?;
        return Ok(out.iter().map(lean_outcome).collect());
    }
    let mut cache: HashMap<(u64, u64, u64), StaffingOutcome<ErlangAStaffingKpis>> = HashMap::new();
    let mut out = Vec::with_capacity(loads.len());
    let mut previous: Option<(f64, u32)> = None;
    for l in loads {
        let key = (l.calls().to_bits(), l.interval_s().to_bits(), l.aht_s().to_bits());
        if let Some(s) = cache.get(&key) {
            out.push(s.clone());
            continue;
        }
        let q = ErlangA::new(*l, mean_patience_s, sl_threshold_s)?;
        let a = l.traffic().erlangs();
        let start = match previous {
            // Scale the previous answer to this load: N ≈ A + (N' − A').
            Some((pa, pn)) => (a + (pn as f64 - pa)).max(0.0).round() as u32,
            None => a.round() as u32,
        };
        let s = smallest_agents(targets, 0, search_limit(a), start, a == 0.0, |n| Some(q.evaluate_lean(n)));
        if let Some(n) = s.agents() {
            previous = Some((a, n));
        }
        cache.insert(key, s.clone());
        out.push(s);
    }
    Ok(out)
}

fn lean_outcome(o: &StaffingOutcome<ErlangAKpis>) -> StaffingOutcome<ErlangAStaffingKpis> {
    match o {
        StaffingOutcome::Met(s) => StaffingOutcome::Met(QueueStaffing {
            agents: s.agents,
            binding: s.binding,
            kpis: (&s.kpis).into(),
            kpis_below: s.kpis_below.as_ref().map(Into::into),
            evaluations: s.evaluations,
        }),
        StaffingOutcome::Unreachable(u) => StaffingOutcome::Unreachable(TargetsUnreachable {
            max_agents: u.max_agents,
            failing: u.failing,
            kpis_at_max: u.kpis_at_max.as_ref().map(Into::into),
        }),
    }
}

impl QueueMetrics for ErlangAKpis {
    fn service_level(&self, variant: SlDefinition) -> Option<f64> {
        Some(match variant {
            SlDefinition::AnsweredOverOffered | SlDefinition::AnsweredOverAccepted => {
                self.sl_answered_within_t_over_offered.value
            }
            SlDefinition::AnsweredOverAnswered => self.sl_answered_within_t_over_answered?.value,
            SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT => {
                self.sl_answered_within_t_over_offered_minus_abandoned_within_t.value
            }
            SlDefinition::AllWaitLeT => self.sl_all_wait_le_t.value,
            SlDefinition::VirtualWaitLeT => self.sl_offered_wait_le_t.value,
        })
    }
    fn asa_served_s(&self) -> Option<f64> {
        self.asa_served_s
    }
    fn p_abandon(&self) -> f64 {
        self.p_abandon
    }
    fn p_block(&self) -> f64 {
        0.0
    }
    fn occupancy(&self) -> f64 {
        self.occupancy_carried
    }
}

/// Which Erlang A quantity to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErlangAMetric {
    PWait,
    PAbandon,
    AsaServed,
    MeanWaitAll,
    MeanWaitAbandoned,
    AbandonWithinT,
    ServiceLevel(SlDefinition),
    Occupancy,
}

impl ErlangAKpis {
    /// Service level under `variant` ([`SlDefinition::AnsweredOverAccepted`] is
    /// the same as over offered: nobody is blocked).
    pub fn service_level(&self, variant: SlDefinition) -> Option<Proportion> {
        Some(match variant {
            SlDefinition::AnsweredOverOffered | SlDefinition::AnsweredOverAccepted => {
                self.sl_answered_within_t_over_offered
            }
            SlDefinition::AnsweredOverAnswered => self.sl_answered_within_t_over_answered?,
            SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT => {
                self.sl_answered_within_t_over_offered_minus_abandoned_within_t
            }
            SlDefinition::AllWaitLeT => self.sl_all_wait_le_t,
            SlDefinition::VirtualWaitLeT => self.sl_offered_wait_le_t,
        })
    }

    /// How `metric` was computed, with these inputs substituted.
    ///
    /// ```
    /// use callcalc_engine::{ErlangA, ErlangAMetric, Load, SlDefinition};
    /// let k = ErlangA::new(Load::new(100.0, 1800.0, 180.0).unwrap(), 300.0, 20.0).unwrap().at(13);
    /// let t = k.trace(ErlangAMetric::ServiceLevel(SlDefinition::VirtualWaitLeT));
    /// assert_eq!(t.id, "erlang_a.service_level");
    /// assert!((t.result / 0.8608308677797507 - 1.0).abs() < 1e-12);
    /// assert!(t.inputs.iter().any(|i| i.symbol == "θ"));
    /// ```
    pub fn trace(&self, metric: ErlangAMetric) -> Trace {
        let n = self.agents as f64;
        let base = |t: Trace| {
            t.input("A", "offered traffic", self.traffic_erlangs, "Erl")
                .input("N", "agents", n, "")
                .input("AHT", "average handle time", self.aht_s, "s")
                .input("θ", "abandonment rate = 1 / mean patience", 1.0 / self.mean_patience_s, "1/s")
        };
        match metric {
            ErlangAMetric::PWait => base(Trace::new(
                "erlang_a.p_wait",
                "P_wait = Σ_{i≥0} π_{N+i}, π_{N+i} = π_N·Π_{m=1..i} λ/(Nμ + mθ), π_n ∝ A^n/n! (n ≤ N)",
                "Erlang A (M/M/N+M): probability an arrival finds every agent busy",
                SRC,
                self.p_wait,
                "",
            )),
            ErlangAMetric::PAbandon => base(Trace::new(
                "erlang_a.p_abandon",
                "P_abandon = θ·E[Q]/λ = Σ_i π_{N+i}·(i+1)θ/(Nμ + (i+1)θ)",
                "Erlang A: share of all arrivals that abandon",
                SRC,
                self.p_abandon,
                "",
            )),
            ErlangAMetric::AsaServed => base(Trace::new(
                "erlang_a.asa_served",
                "E[W | served] = Σ_i π_{N+i}·ν/(ν+(i+1)θ)·Σ_{m≤i} 1/(ν+(m+1)θ) / P_served, ν = Nμ",
                "ASA of answered calls, zero waits included (definitions.md ASA: E[W|served])",
                SRC,
                self.asa_served_s.unwrap_or(f64::NAN),
                "s",
            )),
            ErlangAMetric::MeanWaitAll => base(Trace::new(
                "erlang_a.mean_wait_all",
                "E[W] = P_abandon / θ",
                "mean wait over all arrivals incl. abandoned (pyworkforce's average_speed_of_answer)",
                SRC,
                self.mean_wait_all_s,
                "s",
            )),
            ErlangAMetric::MeanWaitAbandoned => base(Trace::new(
                "erlang_a.mean_wait_abandoned",
                "E[W | abandoned] = Σ_i π_{N+i}·Σ_{m≤i} (m+1)θ/(ν+(m+1)θ) / (ν+(i+1)θ) / P_abandon",
                "time to abandon of callers who abandon",
                SRC,
                self.mean_wait_abandoned_s.unwrap_or(f64::NAN),
                "s",
            )),
            ErlangAMetric::AbandonWithinT => base(Trace::new(
                "erlang_a.abandon_within_t",
                "P(ab, W ≤ T | i) = x·P(NB ≤ i) + (i+1)θ/(ν+(i+1)θ)·P(NB > i+1), NB ~ NegBin(ν/θ, x), x = 1 − e^(−θT)",
                "abandoned within T over all arrivals",
                SRC,
                self.p_abandon_within_t,
                "",
            ))
            .input("T", "service-level threshold", self.threshold_s, "s"),
            ErlangAMetric::ServiceLevel(v) => {
                let value = QueueMetrics::service_level(self, v).unwrap_or(f64::NAN);
                base(Trace::new(
                    "erlang_a.service_level",
                    "P(V ≤ T | i) = I_x(i+1, ν/θ) = P(NB > i), x = 1 − e^(−θT); answered ≤ T adds survival e^(−θV)",
                    v.describe(),
                    SRC,
                    value,
                    "",
                ))
                .input("T", "service-level threshold", self.threshold_s, "s")
            }
            ErlangAMetric::Occupancy => base(Trace::new(
                "erlang_a.occupancy",
                "ρ = λ·(1 − P_abandon)·AHT / N",
                "carried load per agent (variant c of definitions.md)",
                SRC,
                self.occupancy_carried,
                "",
            )),
        }
    }
}

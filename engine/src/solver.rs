//! Staffing for the queueing models beyond Erlang C (Erlang A, Erlang X, chat):
//! the smallest number of agents meeting every given target at once, and the
//! vocabulary the models share — service-level variants, a probability with
//! its directly computed complement, targets and outcomes.
//!
//! The reverse direction (given agents and lines → every KPI) is each model's
//! `at` method.

use crate::error::{in_range, positive, FieldError};

/// Which service-level definition a number or a target uses.
///
/// The Cisco Unified ICM/CCE reporting guide names three treatments of
/// abandoned calls (`definitions.md`, "Service level"); queueing models add
/// the "answered over answered" and the virtual-wait variants. "Offered" is
/// every arrival (for Erlang X: every attempt, including blocked ones);
/// "accepted" is every arrival that got a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlDefinition {
    /// Answered within `T` / offered (Cisco "Aban-Negative"). Erlang X: over all
    /// attempts, blocked ones included.
    AnsweredOverOffered,
    /// Answered within `T` / accepted (not blocked). Equals
    /// [`SlDefinition::AnsweredOverOffered`] when there is no line limit.
    AnsweredOverAccepted,
    /// Answered within `T` / answered.
    AnsweredOverAnswered,
    /// Answered within `T` / (accepted − abandoned within `T`) (Cisco "Aban-Ignored").
    AnsweredOverOfferedMinusAbandonedWithinT,
    /// (Answered within `T` + abandoned within `T`) / accepted (Cisco
    /// "Aban-Positive"; Amazon Connect "Service level X").
    AllWaitLeT,
    /// `P(V ≤ T)`: the wait a test caller with infinite patience would have
    /// (CCmath's "virtual service level"; pyworkforce's Erlang A SL).
    VirtualWaitLeT,
}

impl SlDefinition {
    /// Every variant, in a stable order.
    pub const ALL: [SlDefinition; 6] = [
        SlDefinition::AnsweredOverOffered,
        SlDefinition::AnsweredOverAccepted,
        SlDefinition::AnsweredOverAnswered,
        SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT,
        SlDefinition::AllWaitLeT,
        SlDefinition::VirtualWaitLeT,
    ];

    /// Stable machine name (also a translation key for the app).
    pub fn key(self) -> &'static str {
        match self {
            SlDefinition::AnsweredOverOffered => "sl_answered_within_t_over_offered",
            SlDefinition::AnsweredOverAccepted => "sl_answered_within_t_over_accepted",
            SlDefinition::AnsweredOverAnswered => "sl_answered_within_t_over_answered",
            SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT => {
                "sl_answered_within_t_over_offered_minus_abandoned_within_t"
            }
            SlDefinition::AllWaitLeT => "sl_all_wait_le_t",
            SlDefinition::VirtualWaitLeT => "sl_virtual_wait_le_t",
        }
    }

    /// The definition named by `key` ([`SlDefinition::key`]; the Erlang X
    /// spellings `…_over_attempts`, `…_over_accepted_minus_abandoned_within_t`,
    /// `…_over_accepted` for all-wait and virtual, and `sl_offered_wait_le_t`
    /// are accepted too).
    ///
    /// ```
    /// use callcalc_engine::SlDefinition;
    /// assert_eq!(SlDefinition::from_key("sl_all_wait_le_t"), Some(SlDefinition::AllWaitLeT));
    /// assert_eq!(SlDefinition::from_key("sl_offered_wait_le_t"), Some(SlDefinition::VirtualWaitLeT));
    /// assert_eq!(SlDefinition::from_key("sl_answered_within_t_over_attempts"), Some(SlDefinition::AnsweredOverOffered));
    /// assert_eq!(SlDefinition::from_key("nonsense"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<SlDefinition> {
        if let Some(d) = SlDefinition::ALL.into_iter().find(|d| d.key() == key) {
            return Some(d);
        }
        Some(match key {
            "sl_answered_within_t_over_attempts" => SlDefinition::AnsweredOverOffered,
            "sl_answered_within_t_over_accepted_minus_abandoned_within_t" => {
                SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT
            }
            "sl_all_wait_le_t_over_accepted" | "sl_all_wait_le_t_over_offered" => SlDefinition::AllWaitLeT,
            "sl_offered_wait_le_t" | "sl_virtual_wait_le_t_over_accepted" | "sl_virtual_wait_le_t_over_offered" => {
                SlDefinition::VirtualWaitLeT
            }
            _ => return None,
        })
    }

    /// The definition in words (English).
    pub fn describe(self) -> &'static str {
        match self {
            SlDefinition::AnsweredOverOffered => "answered within T / offered (Cisco Aban-Negative)",
            SlDefinition::AnsweredOverAccepted => "answered within T / accepted (not blocked)",
            SlDefinition::AnsweredOverAnswered => "answered within T / answered",
            SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT => {
                "answered within T / (accepted − abandoned within T) (Cisco Aban-Ignored)"
            }
            SlDefinition::AllWaitLeT => "(answered + abandoned within T) / accepted (Cisco Aban-Positive)",
            SlDefinition::VirtualWaitLeT => "P(virtual wait ≤ T): wait of a caller with infinite patience",
        }
    }
}

/// A probability together with its complement `1 − value`, each computed
/// directly (as a sum of positive terms), so that the complement stays
/// accurate where `value` rounds to 1 (e.g. `2.1e-228`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    pub value: f64,
    /// `1 − value`, computed directly.
    pub complement: f64,
}

impl Proportion {
    /// `numerator / denominator` with complement `complement_numerator / denominator`.
    /// An empty denominator (e.g. "over accepted" when every attempt is
    /// blocked) gives 0: nothing was answered.
    pub(crate) fn ratio(numerator: f64, complement_numerator: f64, denominator: f64) -> Proportion {
        if denominator > 0.0 {
            Proportion {
                value: (numerator / denominator).clamp(0.0, 1.0),
                complement: (complement_numerator / denominator).clamp(0.0, 1.0),
            }
        } else {
            Proportion { value: 0.0, complement: 1.0 }
        }
    }
}

/// Which target decided the number of agents (or failed at the search limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueBinding {
    /// No arrivals: the smallest allowed number of agents.
    NoTraffic,
    /// Every target is met already at the smallest allowed number of agents.
    Minimum,
    /// One agent fewer has no steady state (no patience, no line limit, `A ≥ N`).
    Stability,
    ServiceLevel,
    Asa,
    Abandonment,
    Blocking,
    Occupancy,
}

impl QueueBinding {
    /// Stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            QueueBinding::NoTraffic => "no_traffic",
            QueueBinding::Minimum => "minimum",
            QueueBinding::Stability => "stability",
            QueueBinding::ServiceLevel => "service_level",
            QueueBinding::Asa => "asa",
            QueueBinding::Abandonment => "abandonment",
            QueueBinding::Blocking => "blocking",
            QueueBinding::Occupancy => "occupancy",
        }
    }
}

/// The KPIs the staffing solver can put a target on. Implemented by the
/// result types of Erlang A, Erlang X and chat.
pub trait QueueMetrics {
    /// Service level under `variant`; `None` where undefined (e.g. "over
    /// answered" when nothing is answered).
    fn service_level(&self, variant: SlDefinition) -> Option<f64>;
    /// Mean wait of served contacts `E[W | served]` (s); `None` if nothing is served.
    fn asa_served_s(&self) -> Option<f64>;
    /// Probability that an arrival (attempt) abandons.
    fn p_abandon(&self) -> f64;
    /// Probability that an arrival (attempt) is blocked (no free line).
    fn p_block(&self) -> f64;
    /// Occupancy as the model defines it (carried load / agents; chat: slot utilisation).
    fn occupancy(&self) -> f64;
}

/// Targets for a staffing solve, validated once. Every target that is set
/// must hold at once; unset targets are ignored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueTargets {
    /// Which service-level definition `sl_target` refers to (the threshold `T`
    /// belongs to the model).
    pub sl_definition: SlDefinition,
    /// Service level at least this, in (0, 1).
    pub sl_target: Option<f64>,
    /// `E[W | served]` at most this many seconds (> 0).
    pub max_asa_s: Option<f64>,
    /// Abandonment probability at most this, in (0, 1].
    pub max_abandon: Option<f64>,
    /// Blocking probability at most this, in (0, 1].
    pub max_block: Option<f64>,
    /// Occupancy at most this, in (0, 1].
    pub max_occupancy: Option<f64>,
}

impl QueueTargets {
    /// Validates every target that is set.
    ///
    /// ```
    /// use callcalc_engine::{QueueTargets, SlDefinition};
    /// let t = QueueTargets::new(SlDefinition::AnsweredOverOffered, Some(0.8), Some(30.0), Some(0.05), None, Some(0.9)).unwrap();
    /// assert_eq!(t.max_abandon, Some(0.05));
    /// let e = QueueTargets::new(SlDefinition::AnsweredOverOffered, Some(1.2), None, None, None, None).unwrap_err();
    /// assert_eq!(e.field, "sl_target");
    /// ```
    pub fn new(
        sl_definition: SlDefinition,
        sl_target: Option<f64>,
        max_asa_s: Option<f64>,
        max_abandon: Option<f64>,
        max_block: Option<f64>,
        max_occupancy: Option<f64>,
    ) -> Result<Self, FieldError> {
        Ok(QueueTargets {
            sl_definition,
            sl_target: sl_target.map(|x| in_range("sl_target", x, 0.0, 1.0, false, false)).transpose()?,
            max_asa_s: max_asa_s.map(|x| positive("max_asa_s", x)).transpose()?,
            max_abandon: max_abandon.map(|x| in_range("max_abandon", x, 0.0, 1.0, false, true)).transpose()?,
            max_block: max_block.map(|x| in_range("max_block", x, 0.0, 1.0, false, true)).transpose()?,
            max_occupancy: max_occupancy.map(|x| in_range("max_occupancy", x, 0.0, 1.0, false, true)).transpose()?,
        })
    }

    /// Only a service-level target.
    ///
    /// ```
    /// use callcalc_engine::{QueueTargets, SlDefinition};
    /// let t = QueueTargets::service_level(SlDefinition::VirtualWaitLeT, 0.8).unwrap();
    /// assert_eq!(t.sl_target, Some(0.8));
    /// assert!(QueueTargets::service_level(SlDefinition::VirtualWaitLeT, 0.0).is_err());
    /// ```
    pub fn service_level(variant: SlDefinition, target: f64) -> Result<Self, FieldError> {
        Self::new(variant, Some(target), None, None, None, None)
    }

    /// The first target `k` misses, in the order SL, ASA, abandonment,
    /// blocking, occupancy; `None` if all are met.
    pub fn first_missed<K: QueueMetrics>(&self, k: &K) -> Option<QueueBinding> {
        if let Some(x) = self.sl_target {
            match k.service_level(self.sl_definition) {
                Some(v) if v >= x => {}
                _ => return Some(QueueBinding::ServiceLevel),
            }
        }
        if let Some(m) = self.max_asa_s {
            match k.asa_served_s() {
                Some(v) if v <= m => {}
                _ => return Some(QueueBinding::Asa),
            }
        }
        if let Some(m) = self.max_abandon {
            if k.p_abandon() > m {
                return Some(QueueBinding::Abandonment);
            }
        }
        if let Some(m) = self.max_block {
            if k.p_block() > m {
                return Some(QueueBinding::Blocking);
            }
        }
        if let Some(m) = self.max_occupancy {
            if k.occupancy() > m {
                return Some(QueueBinding::Occupancy);
            }
        }
        None
    }
}

/// A successful staffing solve.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueStaffing<K> {
    /// Smallest number of agents meeting every target.
    pub agents: u32,
    /// The target that `agents − 1` misses (or why `agents` is the minimum).
    pub binding: QueueBinding,
    /// Every KPI at `agents`.
    pub kpis: K,
    /// Every KPI at `agents − 1` (`None` at the minimum or when unstable there).
    pub kpis_below: Option<K>,
    /// Number of model evaluations the search used.
    pub evaluations: u32,
}

/// No number of agents up to the search limit meets every target (e.g. a
/// blocking target that the line count `K` alone rules out).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsUnreachable<K> {
    /// Largest number of agents tried.
    pub max_agents: u32,
    /// The target still missed there.
    pub failing: QueueBinding,
    /// KPIs at `max_agents` (`None` if that point has no steady state).
    pub kpis_at_max: Option<K>,
}

/// Result of a staffing solve.
#[derive(Debug, Clone, PartialEq)]
pub enum StaffingOutcome<K> {
    Met(QueueStaffing<K>),
    Unreachable(TargetsUnreachable<K>),
}

impl<K> StaffingOutcome<K> {
    /// The solved staffing, if every target could be met.
    pub fn met(&self) -> Option<&QueueStaffing<K>> {
        match self {
            StaffingOutcome::Met(s) => Some(s),
            StaffingOutcome::Unreachable(_) => None,
        }
    }
    /// Agents required, if every target could be met.
    pub fn agents(&self) -> Option<u32> {
        self.met().map(|s| s.agents)
    }
}

/// Smallest `N` in `[min, max]` with `eval(N)` stable and meeting every
/// target, assuming the targets are monotone in `N` (more agents never hurt;
/// checked by the property tests). Gallops from `start` (down if it already
/// meets the targets, up otherwise) and then bisects: `O(log N)` evaluations.
pub(crate) fn smallest_agents<K: QueueMetrics + Clone>(
    targets: &QueueTargets,
    min: u32,
    max: u32,
    start: u32,
    no_traffic: bool,
    mut eval: impl FnMut(u32) -> Option<K>,
) -> StaffingOutcome<K> {
    let max = max.max(min);
    let mut memo: Vec<(u32, Option<K>)> = Vec::new();
    let mut evaluations = 0u32;
    let mut get = |n: u32, memo: &mut Vec<(u32, Option<K>)>| -> Option<K> {
        if let Some((_, k)) = memo.iter().find(|(m, _)| *m == n) {
            return k.clone();
        }
        evaluations += 1;
        let k = eval(n);
        memo.push((n, k.clone()));
        k
    };
    let meets = |k: &Option<K>| k.as_ref().is_some_and(|k| targets.first_missed(k).is_none());

    let start = start.clamp(min, max);
    let (mut lo, mut hi): (Option<u32>, u32);
    if meets(&get(start, &mut memo)) {
        hi = start;
        lo = None;
        let mut step = 1u64;
        while hi > min {
            let cand = (hi as u64).saturating_sub(step).max(min as u64) as u32;
            if meets(&get(cand, &mut memo)) {
                hi = cand;
                step *= 2;
            } else {
                lo = Some(cand);
                break;
            }
        }
    } else {
        let mut l = start;
        let mut step = 1u64;
        loop {
            if l >= max {
                let k = get(max, &mut memo);
                let failing = match &k {
                    Some(k) => targets.first_missed(k).unwrap_or(QueueBinding::Minimum),
                    None => QueueBinding::Stability,
                };
                return StaffingOutcome::Unreachable(TargetsUnreachable { max_agents: max, failing, kpis_at_max: k });
            }
            let cand = (l as u64 + step).min(max as u64) as u32;
            if meets(&get(cand, &mut memo)) {
                hi = cand;
                break;
            }
            l = cand;
            step *= 2;
        }
        lo = Some(l);
    }
    if let Some(mut l) = lo {
        while hi - l > 1 {
            let mid = l + (hi - l) / 2;
            if meets(&get(mid, &mut memo)) {
                hi = mid;
            } else {
                l = mid;
            }
        }
        lo = Some(l);
    }
    let kpis = match get(hi, &mut memo) {
        Some(k) => k,
        // `hi` met the targets, so it was stable; unreachable in practice.
        None => {
            return StaffingOutcome::Unreachable(TargetsUnreachable {
                max_agents: hi,
                failing: QueueBinding::Stability,
                kpis_at_max: None,
            })
        }
    };
    let kpis_below = if hi > 0 { get(hi - 1, &mut memo) } else { None };
    let binding = match lo {
        None if no_traffic => QueueBinding::NoTraffic,
        None => QueueBinding::Minimum,
        Some(_) => match &kpis_below {
            Some(k) => targets.first_missed(k).unwrap_or(QueueBinding::Minimum),
            None => QueueBinding::Stability,
        },
    };
    StaffingOutcome::Met(QueueStaffing { agents: hi, binding, kpis, kpis_below, evaluations })
}

/// Smallest `N` in `[min, max]` meeting `targets` when only the targets in
/// `monotone` are known to be monotone in `N`: first the smallest `N` meeting
/// `monotone` (galloping + bisection, as [`smallest_agents`]); every feasible
/// `N` lies at or above it, so the rest is found by scanning upward from
/// there. Exact, and as fast as [`smallest_agents`] whenever the other targets
/// already hold at that point.
pub(crate) fn smallest_agents_scan<K: QueueMetrics + Clone>(
    targets: &QueueTargets,
    monotone: &QueueTargets,
    min: u32,
    max: u32,
    start: u32,
    no_traffic: bool,
    mut eval: impl FnMut(u32) -> Option<K>,
) -> StaffingOutcome<K> {
    let first = smallest_agents(monotone, min, max, start, no_traffic, &mut eval);
    let base = match first {
        StaffingOutcome::Unreachable(u) => return StaffingOutcome::Unreachable(u),
        StaffingOutcome::Met(s) => s,
    };
    if targets.first_missed(&base.kpis).is_none() {
        let binding = match (&base.kpis_below, base.binding) {
            (_, QueueBinding::NoTraffic | QueueBinding::Minimum | QueueBinding::Stability) => base.binding,
            (Some(k), b) => targets.first_missed(k).unwrap_or(b),
            (None, b) => b,
        };
        return StaffingOutcome::Met(QueueStaffing { binding, ..base });
    }
    let mut evaluations = base.evaluations;
    let mut below = Some(base.kpis);
    let mut n = base.agents;
    while n < max {
        n += 1;
        evaluations += 1;
        let k = eval(n);
        if let Some(k) = &k {
            if targets.first_missed(k).is_none() {
                let binding = match &below {
                    Some(b) => targets.first_missed(b).unwrap_or(QueueBinding::Minimum),
                    None => QueueBinding::Stability,
                };
                return StaffingOutcome::Met(QueueStaffing {
                    agents: n,
                    binding,
                    kpis: k.clone(),
                    kpis_below: below,
                    evaluations,
                });
            }
        }
        below = k;
    }
    let failing = match &below {
        Some(k) => targets.first_missed(k).unwrap_or(QueueBinding::Minimum),
        None => QueueBinding::Stability,
    };
    StaffingOutcome::Unreachable(TargetsUnreachable { max_agents: max, failing, kpis_at_max: below })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Fake(f64);
    impl QueueMetrics for Fake {
        fn service_level(&self, _: SlDefinition) -> Option<f64> {
            Some(self.0)
        }
        fn asa_served_s(&self) -> Option<f64> {
            Some(0.0)
        }
        fn p_abandon(&self) -> f64 {
            0.0
        }
        fn p_block(&self) -> f64 {
            0.0
        }
        fn occupancy(&self) -> f64 {
            0.0
        }
    }

    #[test]
    fn finds_the_smallest_n_from_any_start() {
        let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
        // SL(N) = N / 100, stable from 10 on: answer 80.
        for start in [0, 10, 50, 79, 80, 81, 500, 10_000] {
            let out = smallest_agents(&t, 0, 10_000, start, false, |n| (n >= 10).then(|| Fake(n as f64 / 100.0)));
            let s = out.met().unwrap();
            assert_eq!(s.agents, 80, "start {start}");
            assert_eq!(s.binding, QueueBinding::ServiceLevel);
            assert_eq!(s.kpis_below, Some(Fake(0.79)));
        }
        let out = smallest_agents(&t, 0, 50, 10, false, |n| Some(Fake(n as f64 / 100.0)));
        assert!(matches!(out, StaffingOutcome::Unreachable(TargetsUnreachable { max_agents: 50, .. })));
        let out = smallest_agents(&t, 3, 50, 10, false, |_| Some(Fake(1.0)));
        assert_eq!(out.met().map(|s| (s.agents, s.binding)), Some((3, QueueBinding::Minimum)));
        let out = smallest_agents(&t, 0, 50, 10, false, |n| if n < 7 { None } else { Some(Fake(1.0)) });
        assert_eq!(out.met().map(|s| (s.agents, s.binding)), Some((7, QueueBinding::Stability)));
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Blocky(u32);
    impl QueueMetrics for Blocky {
        fn service_level(&self, _: SlDefinition) -> Option<f64> {
            Some(self.0 as f64 / 100.0)
        }
        fn asa_served_s(&self) -> Option<f64> {
            Some(0.0)
        }
        fn p_abandon(&self) -> f64 {
            0.0
        }
        /// Not monotone: low at 80..=84 and from 90 on.
        fn p_block(&self) -> f64 {
            if (85..90).contains(&self.0) {
                0.2
            } else {
                0.01
            }
        }
        fn occupancy(&self) -> f64 {
            0.0
        }
    }

    #[test]
    fn the_scan_handles_targets_that_are_not_monotone() {
        let mono = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.86).unwrap();
        let all = QueueTargets { max_block: Some(0.05), ..mono };
        let out = smallest_agents_scan(&all, &mono, 0, 200, 100, false, |n| Some(Blocky(n)));
        let s = out.met().unwrap();
        assert_eq!((s.agents, s.binding), (90, QueueBinding::Blocking));
        let mono = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
        let all = QueueTargets { max_block: Some(0.05), ..mono };
        let out = smallest_agents_scan(&all, &mono, 0, 200, 10, false, |n| Some(Blocky(n)));
        assert_eq!(out.met().map(|s| (s.agents, s.binding)), Some((80, QueueBinding::ServiceLevel)));
        let out = smallest_agents_scan(&all, &mono, 0, 87, 10, false, |n| Some(Blocky(n)));
        assert!(out.met().is_some());
        let all = QueueTargets { sl_target: Some(0.86), ..all };
        let mono = QueueTargets { sl_target: Some(0.86), ..mono };
        let out = smallest_agents_scan(&all, &mono, 0, 88, 10, false, |n| Some(Blocky(n)));
        assert!(matches!(
            out,
            StaffingOutcome::Unreachable(TargetsUnreachable { failing: QueueBinding::Blocking, .. })
        ));
    }
}

//! Staffing: the smallest number of agents meeting every given target at once.

use std::collections::HashMap;

use crate::erlang::{
    average_speed_of_answer, c_from_inverse_b, service_level_miss_if_met, service_level_one_minus, BlockingSeq,
    ErlangC, Queue, QueueKpis,
};
use crate::error::{in_range, non_negative, positive, FieldError};
use crate::load::Load;
use crate::shrinkage::{GrossFte, Shrinkage};
use crate::trace::Trace;

/// Targets for an Erlang C staffing solve, validated once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Targets {
    /// `T` in seconds: the threshold of the service level, reported even when
    /// no service-level target is set.
    pub sl_threshold_s: f64,
    /// Service-level target `X` (share answered within `T`), in (0, 1).
    pub sl_target: Option<f64>,
    /// ASA must not exceed this many seconds.
    pub max_asa_s: Option<f64>,
    /// Occupancy `A/N` must not exceed this, in (0, 1].
    pub max_occupancy: Option<f64>,
}

impl Targets {
    /// ```
    /// use callcalc_engine::Targets;
    /// let t = Targets::new(20.0, Some(0.8), None, Some(0.85)).unwrap();
    /// assert_eq!(t.sl_target, Some(0.8));
    /// assert_eq!(Targets::new(20.0, Some(1.0), None, None).unwrap_err().field, "sl_target");
    /// ```
    pub fn new(
        sl_threshold_s: f64,
        sl_target: Option<f64>,
        max_asa_s: Option<f64>,
        max_occupancy: Option<f64>,
    ) -> Result<Self, FieldError> {
        Ok(Targets {
            sl_threshold_s: non_negative("sl_threshold_s", sl_threshold_s)?,
            sl_target: sl_target.map(|x| in_range("sl_target", x, 0.0, 1.0, false, false)).transpose()?,
            max_asa_s: max_asa_s.map(|x| positive("max_asa_s", x)).transpose()?,
            max_occupancy: max_occupancy.map(|x| in_range("max_occupancy", x, 0.0, 1.0, false, true)).transpose()?,
        })
    }

    /// Service level `X` within `T` seconds only.
    pub fn service_level(target: f64, threshold_s: f64) -> Result<Self, FieldError> {
        Self::new(threshold_s, Some(target), None, None)
    }

    /// ASA at most `max_asa_s` only (`T` used for reporting SL).
    pub fn asa(max_asa_s: f64, report_threshold_s: f64) -> Result<Self, FieldError> {
        Self::new(report_threshold_s, None, Some(max_asa_s), None)
    }
}

/// Which target decided the number of agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// No calls: no agents needed.
    NoTraffic,
    /// Only stability (`N > A`) was needed: every target was already met at the
    /// first stable N.
    Stability,
    ServiceLevel,
    Asa,
    Occupancy,
}

/// Result of a staffing solve. Net (on the phones) and gross (paid, after
/// shrinkage) staffing are kept apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staffing {
    pub traffic_erlangs: f64,
    /// Smallest N meeting the queue targets (service level, ASA) — before the occupancy cap.
    pub raw_agents: u32,
    /// Net agents: `raw_agents` raised, if needed, to keep occupancy at or under its cap.
    pub agents: u32,
    pub binding: Binding,
    /// Every KPI at `agents`.
    pub kpis: QueueKpis,
}

impl Staffing {
    /// How the number of agents was found.
    ///
    /// ```
    /// use callcalc_engine::{required_agents, Load, Targets};
    /// let t = Targets::service_level(0.8, 20.0).unwrap();
    /// let s = required_agents(&Load::new(100.0, 1800.0, 180.0).unwrap(), &t);
    /// let tr = s.trace(&t);
    /// assert_eq!(tr.result, 14.0);
    /// assert!(tr.inputs.iter().any(|i| i.symbol == "X" && i.value == 0.8));
    /// ```
    pub fn trace(&self, targets: &Targets) -> Trace {
        let mut t = Trace::new(
            "staffing.agents",
            "N = min { n > A : SL(n) ≥ X, ASA(n) ≤ ASA_max, A/n ≤ ρ_max } (only the targets given)",
            "Erlang C, net agents on the phones; every given target met at once",
            "Gans, Koole & Mandelbaum, MSOM 5(2) 2003, §4.1; rule as in the reference cases (testdata/reference/cases_public.json)",
            self.agents as f64,
            "",
        )
        .input("A", "offered traffic", self.traffic_erlangs, "Erl")
        .input("T", "service-level threshold", targets.sl_threshold_s, "s");
        if let Some(x) = targets.sl_target {
            t = t.input("X", "service-level target", x, "");
        }
        if let Some(m) = targets.max_asa_s {
            t = t.input("ASA_max", "ASA target", m, "s");
        }
        if let Some(r) = targets.max_occupancy {
            t = t.input("ρ_max", "maximum occupancy", r, "");
        }
        t
    }

    /// Gross FTE after shrinkage for these net agents.
    pub fn gross(&self, shrinkage: Shrinkage) -> GrossFte {
        shrinkage.gross_of_count(self.agents)
    }
}

/// Required agents for one interval under Erlang C: the smallest integer
/// `N > A` such that
///
/// - `SL(N) = 1 − C(N, A)·e^{−(N−A)T/AHT} ≥ X` (if a service-level target is set),
/// - `ASA(N) = C(N, A)·AHT/(N − A) ≤ ASA_max` (if set),
/// - `A/N ≤ ρ_max` (if set; applied after the queue targets, see [`Staffing::raw_agents`]).
///
/// Both SL and ASA improve monotonically in N, so the first N meeting them is
/// the answer; the scan walks the Erlang B recurrence once (`O(N)`). At each
/// candidate N it evaluates only what the targets need — `C`, then the service
/// level (skipping `exp` where a rigorous lower bound already fails, see
/// `service_level_miss_if_met`) and the ASA — with the same `f64` operations as
/// [`ErlangC::at`]; the other KPIs are computed once, at the answer. The result
/// is bit for bit the one of evaluating [`ErlangC::at`] at every N.
///
/// - Source: Gans, Koole & Mandelbaum (2003) §4.1; rule as in `cases_public.json`
///   ("smallest integer N > A with … ≥ target").
/// - Zero calls need zero agents.
///
/// ```
/// use callcalc_engine::{required_agents, Load, Targets};
/// // 100 calls / 30 min, AHT 180 s, 80% in 20 s → 14 agents (reference pub-rs-02).
/// let s = required_agents(&Load::new(100.0, 1800.0, 180.0).unwrap(), &Targets::service_level(0.8, 20.0).unwrap());
/// assert_eq!(s.agents, 14);
/// assert!((s.kpis.service_level - 0.8883500191794669).abs() < 1e-13);
/// ```
pub fn required_agents(load: &Load, targets: &Targets) -> Staffing {
    let a = load.traffic().erlangs();
    let queue = ErlangC::from_validated(*load, targets.sl_threshold_s);
    let mut seq = BlockingSeq::new(load.traffic());
    if a == 0.0 {
        let kpis = match queue.kpis_from(&seq) {
            Queue::Stable(k) => k,
            Queue::Unstable(_) => zero_kpis(load, targets),
        };
        return Staffing { traffic_erlangs: 0.0, raw_agents: 0, agents: 0, binding: Binding::NoTraffic, kpis };
    }
    let aht = load.aht_s();
    let threshold = targets.sl_threshold_s;
    // `A as u32` is `⌊A⌋`: 0 ≤ A ≤ MAX_TRAFFIC_ERLANGS < 2³², and the cast truncates
    // toward zero (without the libm `floor` call it costs on baseline x86-64).
    let first_stable = (a as u32).saturating_add(1);
    seq.advance_to(first_stable);
    let mut binding = Binding::Stability;
    // At the answer: C, and 1 − SL if the service-level check computed it — the
    // values `queue.kpis_from(&seq)` reports as p_wait and service_level_one_minus.
    let (c, sl_miss) = loop {
        let n = seq.servers();
        if (n as f64) > a {
            let c = c_from_inverse_b(a, n, seq.inverse_blocking());
            // None: no service-level target; Some(None): missed; Some(Some(miss)): met.
            let sl = targets.sl_target.map(|x| service_level_miss_if_met(c, n, a, threshold, aht, x));
            if matches!(sl, Some(None)) {
                binding = Binding::ServiceLevel;
            } else if targets.max_asa_s.is_none_or(|m| average_speed_of_answer(c, n, a, aht) <= m) {
                break (c, sl.flatten());
            } else {
                binding = Binding::Asa;
            }
        }
        seq.step();
    };
    let miss = sl_miss.unwrap_or_else(|| service_level_one_minus(c, seq.servers(), a, threshold, aht));
    let kpis = queue.stable_kpis_with(&seq, c, miss);
    let raw = kpis.agents;
    let mut agents = raw;
    if let Some(m) = targets.max_occupancy {
        let mut n = ((a / m).ceil() as u32).max(1);
        while n > 1 && a / ((n - 1) as f64) <= m {
            n -= 1;
        }
        while a / n as f64 > m {
            n += 1;
        }
        if n > agents {
            agents = n;
            binding = Binding::Occupancy;
        }
    }
    let kpis = if agents == raw {
        kpis
    } else {
        seq.advance_to(agents);
        match queue.kpis_from(&seq) {
            Queue::Stable(k) => k,
            Queue::Unstable(_) => kpis,
        }
    };
    Staffing { traffic_erlangs: a, raw_agents: raw, agents, binding, kpis }
}

fn zero_kpis(load: &Load, targets: &Targets) -> QueueKpis {
    QueueKpis {
        agents: 0,
        traffic_erlangs: 0.0,
        aht_s: load.aht_s(),
        threshold_s: targets.sl_threshold_s,
        erlang_b: 1.0,
        p_wait: 0.0,
        service_level: 1.0,
        service_level_one_minus: 0.0,
        asa_s: 0.0,
        occupancy: 0.0,
    }
}

/// Staffing for many intervals (a day, a year) with the same targets.
///
/// Identical loads are solved once: interval reports have whole call counts and
/// a plan usually has one AHT, so a year of 35,040 intervals has a few hundred
/// distinct loads. Results are in input order.
///
/// ```
/// use callcalc_engine::{required_agents_many, Load, Targets};
/// let loads: Vec<Load> = [0.0, 100.0, 100.0, 360.0].iter()
///     .map(|&c| Load::new(c, 1800.0, 180.0).unwrap()).collect();
/// let out = required_agents_many(&loads, &Targets::service_level(0.8, 20.0).unwrap());
/// assert_eq!(out.iter().map(|s| s.agents).collect::<Vec<_>>(), vec![0, 14, 14, 41]);
/// ```
pub fn required_agents_many(loads: &[Load], targets: &Targets) -> Vec<Staffing> {
    let mut cache: HashMap<(u64, u64, u64), Staffing> = HashMap::new();
    loads
        .iter()
        .map(|l| {
            let key = (l.calls().to_bits(), l.interval_s().to_bits(), l.aht_s().to_bits());
            *cache.entry(key).or_insert_with(|| required_agents(l, targets))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as it was before `required_agents` stopped building the full
    /// KPIs at every candidate N: kept as the reference that the faster scan
    /// must reproduce bit for bit.
    fn required_agents_reference(load: &Load, targets: &Targets) -> Staffing {
        let a = load.traffic().erlangs();
        let queue = ErlangC::from_validated(*load, targets.sl_threshold_s);
        let mut seq = BlockingSeq::new(load.traffic());
        if a == 0.0 {
            let kpis = match queue.kpis_from(&seq) {
                Queue::Stable(k) => k,
                Queue::Unstable(_) => zero_kpis(load, targets),
            };
            return Staffing { traffic_erlangs: 0.0, raw_agents: 0, agents: 0, binding: Binding::NoTraffic, kpis };
        }
        let first_stable = (a.floor() as u32).saturating_add(1);
        seq.advance_to(first_stable);
        let mut binding = Binding::Stability;
        let kpis = loop {
            if let Queue::Stable(k) = queue.kpis_from(&seq) {
                let sl_ok = targets.sl_target.is_none_or(|x| k.service_level >= x);
                let asa_ok = targets.max_asa_s.is_none_or(|m| k.asa_s <= m);
                if sl_ok && asa_ok {
                    break k;
                }
                binding = if !sl_ok { Binding::ServiceLevel } else { Binding::Asa };
            }
            seq.step();
        };
        let raw = kpis.agents;
        let mut agents = raw;
        if let Some(m) = targets.max_occupancy {
            let mut n = ((a / m).ceil() as u32).max(1);
            while n > 1 && a / ((n - 1) as f64) <= m {
                n -= 1;
            }
            while a / n as f64 > m {
                n += 1;
            }
            if n > agents {
                agents = n;
                binding = Binding::Occupancy;
            }
        }
        let kpis = if agents == raw {
            kpis
        } else {
            seq.advance_to(agents);
            match queue.kpis_from(&seq) {
                Queue::Stable(k) => k,
                Queue::Unstable(_) => kpis,
            }
        };
        Staffing { traffic_erlangs: a, raw_agents: raw, agents, binding, kpis }
    }

    /// Every field of a [`Staffing`], floats as their bit patterns.
    fn bits(s: &Staffing) -> (u32, u32, Binding, u32, [u64; 10]) {
        let k = &s.kpis;
        let floats = [
            s.traffic_erlangs,
            k.traffic_erlangs,
            k.aht_s,
            k.threshold_s,
            k.erlang_b,
            k.p_wait,
            k.service_level,
            k.service_level_one_minus,
            k.asa_s,
            k.occupancy,
        ];
        (s.raw_agents, s.agents, s.binding, k.agents, floats.map(f64::to_bits))
    }

    #[test]
    fn fast_scan_is_bitwise_the_reference_scan() {
        let mut targets = Vec::new();
        for &t in &[0.0, 5.0, 20.0, 30.0, 180.0] {
            for &x in &[0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999_999] {
                targets.push(Targets::new(t, Some(x), None, None).unwrap());
                targets.push(Targets::new(t, Some(x), Some(15.0), None).unwrap());
                targets.push(Targets::new(t, Some(x), None, Some(0.85)).unwrap());
            }
            targets.push(Targets::new(t, None, Some(1.0), None).unwrap());
            targets.push(Targets::new(t, None, Some(30.0), Some(0.9)).unwrap());
            targets.push(Targets::new(t, None, None, Some(0.8)).unwrap());
            targets.push(Targets::new(t, None, None, None).unwrap());
        }
        let mut checked = 0;
        let calls = (0..=420).map(|c| c as f64).chain((1..60).map(|i| i as f64 * 37.3)).chain([0.01, 0.5, 1e4, 3.3e4]);
        for calls in calls {
            for &(interval, aht) in &[(900.0, 240.0), (1800.0, 180.0), (3600.0, 307.5), (900.0, 17.0)] {
                let load = Load::new(calls, interval, aht).unwrap();
                for t in &targets {
                    let fast = required_agents(&load, t);
                    let reference = required_agents_reference(&load, t);
                    assert_eq!(bits(&fast), bits(&reference), "calls {calls}, interval {interval}, AHT {aht}, {t:?}");
                    assert_eq!(fast, reference);
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }
}

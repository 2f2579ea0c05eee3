//! Erlang B (loss) and Erlang C (delay, M/M/N) formulas.
//!
//! Both are computed with the numerically stable recurrence for the inverse of
//! the blocking probability — no factorials, no powers — so they hold from
//! 0.01 to millions of Erlangs in `f64`.

use crate::error::{non_negative, FieldError};
use crate::load::{Load, Traffic};
use crate::trace::Trace;

const SRC_B: &str = "Erlang B recurrence: D. L. Jagerman, Some properties of the Erlang loss function, Bell System Technical Journal 53(3), 1974";
const SRC_C: &str = "Gans, Koole & Mandelbaum, Telephone call centers: tutorial, review and research prospects, MSOM 5(2) 2003, §4.1 (Erlang C); C = N·B/(N − A(1 − B)): R. B. Cooper, Introduction to Queueing Theory, 2nd ed. 1981, §3.4";

/// The sequence of Erlang B blocking probabilities B(0, A), B(1, A), B(2, A), …
/// kept as the inverse `R(n) = 1/B(n, A)`, which obeys
/// `R(0) = 1`, `R(n) = 1 + (n/A)·R(n−1)`.
///
/// Each step costs one multiply and one add on the dependency chain, and the
/// recurrence is stable: a relative error in `R(n−1)` reaches `R(n)` multiplied
/// by `1 − B(n) < 1`.
#[derive(Debug, Clone)]
pub struct BlockingSeq {
    a: f64,
    n: u32,
    /// 1 / B(n, A); `+∞` once B underflows.
    r: f64,
}

impl BlockingSeq {
    /// Starts at `n = 0` (B = 1).
    pub fn new(traffic: Traffic) -> Self {
        BlockingSeq { a: traffic.erlangs(), n: 0, r: 1.0 }
    }

    /// Current number of servers `n`.
    pub fn servers(&self) -> u32 {
        self.n
    }

    /// B(n, A) at the current `n`.
    pub fn blocking(&self) -> f64 {
        if self.a == 0.0 {
            return if self.n == 0 { 1.0 } else { 0.0 };
        }
        1.0 / self.r
    }

    /// `1 / B(n, A)` at the current `n` (`+∞` when B underflows).
    pub fn inverse_blocking(&self) -> f64 {
        if self.a == 0.0 && self.n > 0 {
            return f64::INFINITY;
        }
        self.r
    }

    /// Moves to `n + 1`.
    #[inline]
    pub fn step(&mut self) {
        self.n += 1;
        if self.a > 0.0 {
            self.r = 1.0 + self.r * (self.n as f64 / self.a);
        }
    }

    /// Advances to `n = servers` (no-op if already there or beyond).
    pub fn advance_to(&mut self, servers: u32) {
        while self.n < servers {
            self.step();
        }
    }
}

/// Erlang B blocking probability: the share of calls that find all `N` lines
/// busy and are lost (M/M/N/N, blocked calls cleared).
///
/// `B(N, A) = (A^N / N!) / Σ_{k=0..N} A^k / k!`, computed by the recurrence
/// `1/B(n) = 1 + (n/A)·1/B(n−1)`, `B(0) = 1`.
///
/// - `A`: offered traffic in Erlangs; `N`: lines (or agents without a queue).
/// - Result: probability in `[0, 1]`.
/// - Source: Jagerman (1974), Bell System Technical Journal 53(3).
///
/// ```
/// use callcalc_engine::{erlang_b, Traffic};
/// // Reference: B(25, 20) = 0.05022177789079462.
/// let b = erlang_b(Traffic::new(20.0).unwrap(), 25);
/// assert!((b - 0.05022177789079462).abs() < 1e-15);
/// ```
pub fn erlang_b(traffic: Traffic, lines: u32) -> f64 {
    let mut seq = BlockingSeq::new(traffic);
    seq.advance_to(lines);
    seq.blocking()
}

/// Erlang C probability that a call waits, `C(N, A)`, for a stable queue
/// (`N > A`), from the inverse Erlang B value `R = 1/B(N, A)`:
///
/// `C = N·B / (N − A(1 − B)) = N / (A + R·(N − A))`.
///
/// Returns `None` when `N ≤ A` (no steady state).
///
/// - Source: Cooper (1981) §3.4; Gans, Koole & Mandelbaum (2003) §4.1.
///
/// ```
/// use callcalc_engine::{erlang_c, Traffic};
/// // Reference: C(14, 10) = 0.1741319335950498.
/// let c = erlang_c(Traffic::new(10.0).unwrap(), 14).unwrap();
/// assert!((c - 0.1741319335950498).abs() < 1e-14);
/// assert!(erlang_c(Traffic::new(10.0).unwrap(), 10).is_none());
/// ```
pub fn erlang_c(traffic: Traffic, agents: u32) -> Option<f64> {
    let a = traffic.erlangs();
    if a == 0.0 {
        return Some(0.0);
    }
    if (agents as f64) <= a {
        return None;
    }
    let mut seq = BlockingSeq::new(traffic);
    seq.advance_to(agents);
    Some(c_from_inverse_b(a, agents, seq.inverse_blocking()))
}

#[inline]
pub(crate) fn c_from_inverse_b(a: f64, n: u32, r: f64) -> f64 {
    let n = n as f64;
    if r.is_infinite() {
        return 0.0;
    }
    n / (a + r * (n - a))
}

/// Erlang C service level: the share of calls answered within `T` seconds,
/// over all calls offered (nobody abandons in M/M/N).
///
/// `SL(T) = 1 − C(N, A)·e^{−(N − A)·T/AHT}`
///
/// - `C`: probability of waiting; `N`: agents; `A`: traffic (Erlangs);
///   `T`: threshold (s); `AHT`: average handle time (s).
/// - Variant: Erlang C model value (equals all Cisco variants, as there are no abandons).
/// - Source: Gans, Koole & Mandelbaum (2003), MSOM 5(2), eq. (4.2).
///
/// Returned as `1 − SL` too (see [`QueueKpis::service_level_one_minus`]) because
/// that complement is accurate where SL rounds to 1.
///
/// ```
/// use callcalc_engine::service_level_one_minus;
/// // C = 0.1741319335950498, N = 14, A = 10, T = 20 s, AHT = 180 s.
/// let miss = service_level_one_minus(0.1741319335950498, 14, 10.0, 20.0, 180.0);
/// assert!((1.0 - miss - 0.8883500191794669).abs() < 1e-14);
/// ```
pub fn service_level_one_minus(p_wait: f64, agents: u32, traffic: f64, threshold_s: f64, aht_s: f64) -> f64 {
    p_wait * sl_exponent(agents, traffic, threshold_s, aht_s).exp()
}

/// The exponent `−(N − A)·T/AHT` of the service level, in the one order of
/// operations that [`service_level_one_minus`] and [`service_level_miss_if_met`] share.
#[inline]
fn sl_exponent(agents: u32, traffic: f64, threshold_s: f64, aht_s: f64) -> f64 {
    -(agents as f64 - traffic) * threshold_s / aht_s
}

/// Whether the service level meets `target`, and if so the miss `1 − SL`:
/// `Some(miss)` exactly when `1.0 - miss >= target`, where `miss` is bit for bit
/// `service_level_one_minus(p_wait, agents, traffic, threshold_s, aht_s)` — the
/// same `f64` operations on the same values whenever it gets that far — but
/// without calling `exp` when a cheap lower bound of the miss already fails
/// the target, which is the case at most N a staffing scan walks past.
///
/// Why the shortcut never changes the answer (`t` = the exponent, `≤ 0` for a
/// stable queue; `E` = the computed `t.exp()`; `L` = the computed bound; every
/// basic operation is correctly rounded, relative error ≤ u = 2⁻⁵³):
///
/// 1. For `t > −16`: `(1 + t/16)¹⁶ ≤ eᵗ`, because `ln(1 + x) ≤ x` for `x > −1`.
/// 2. `y = fl(1 + t/16)` (`t/16` is exact: a power of two) and four squarings
///    give `y¹⁶` within a factor `(1 + u)³¹ < 1 + 2⁻⁴⁸` of the true power; the
///    factor `1 − 2⁻⁴⁰` (exact in `f64`) and its rounding then make
///    `L < eᵗ·(1 − 2⁻⁴¹)`.
/// 3. `E ≥ eᵗ·(1 − 2⁻⁴¹)`: any usable `exp` is within a few ulps (glibc and
///    Rust's `libm`, used on wasm32, are within 1 ulp), and `2⁻⁴¹` is 4096 ulps.
///    So `L ≤ E`. (No step underflows: `t/16` is a double in `(−1, 0]`, so a
///    positive `y` is at least `2⁻⁵³`, and `y¹⁶ ≥ 2⁻⁸⁴⁸`.)
/// 4. Rounding is monotone and `p_wait ≥ 0`, so `fl(p_wait·L) ≤ fl(p_wait·E)` and
///    `fl(1 − fl(p_wait·L)) ≥ fl(1 − fl(p_wait·E))`: if the bound side is below
///    `target`, so is the exact side, and the answer is `None` either way.
///
/// For `t < −16` (`1 + t/16 ≤ 0`) no bound is used. A NaN anywhere makes the
/// shortcut's comparison false, so it falls through to the exact expression.
#[inline]
pub(crate) fn service_level_miss_if_met(
    p_wait: f64,
    agents: u32,
    traffic: f64,
    threshold_s: f64,
    aht_s: f64,
    target: f64,
) -> Option<f64> {
    let t = sl_exponent(agents, traffic, threshold_s, aht_s);
    let y = 1.0 + t * (1.0 / 16.0);
    if y > 0.0 {
        let mut l = y * y;
        l *= l;
        l *= l;
        l *= l;
        let lower = l * (1.0 - 1.0 / (1u64 << 40) as f64);
        if 1.0 - p_wait * lower < target {
            return None;
        }
    }
    // Exactly `service_level_one_minus(p_wait, agents, traffic, threshold_s, aht_s)`.
    let miss = p_wait * t.exp();
    (1.0 - miss >= target).then_some(miss)
}

/// Erlang C average speed of answer over **all** calls, including those
/// answered at once: `ASA = C·AHT / (N − A)` seconds.
///
/// - Variant: the Erlang C model mean wait of all calls (`definitions.md`, ASA);
///   the mean wait of calls that waited is `AHT/(N − A)`.
/// - Source: Gans, Koole & Mandelbaum (2003), MSOM 5(2), §4.1.
///
/// ```
/// use callcalc_engine::average_speed_of_answer;
/// let asa = average_speed_of_answer(0.1741319335950498, 14, 10.0, 180.0);
/// assert!((asa - 7.835937011777243).abs() < 1e-12);
/// ```
pub fn average_speed_of_answer(p_wait: f64, agents: u32, traffic: f64, aht_s: f64) -> f64 {
    p_wait * aht_s / (agents as f64 - traffic)
}

/// Model occupancy (utilisation) of agents: `ρ = A / N`.
///
/// - Variant (a) of `definitions.md` ("Occupancy"): the Erlang C model value,
///   not the measured handle/(handle + idle) ratio. Defined as 0 when `N = 0`
///   and there is no traffic.
/// - Source: Gans, Koole & Mandelbaum (2003) §4.1 (agent utilisation).
///
/// ```
/// use callcalc_engine::occupancy;
/// assert_eq!(occupancy(10.0, 14), 10.0 / 14.0);
/// assert_eq!(occupancy(0.0, 0), 0.0);
/// ```
pub fn occupancy(traffic: f64, agents: u32) -> f64 {
    if agents == 0 {
        0.0
    } else {
        traffic / agents as f64
    }
}

/// An Erlang C (M/M/N) queue: a load and a service-level threshold, validated once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangC {
    load: Load,
    threshold_s: f64,
}

/// Which quantity of an Erlang C result to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Traffic,
    ErlangB,
    PWait,
    ServiceLevel,
    Asa,
    Occupancy,
}

/// KPIs of a stable M/M/N queue at a given number of agents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueKpis {
    pub agents: u32,
    pub traffic_erlangs: f64,
    pub aht_s: f64,
    pub threshold_s: f64,
    /// Erlang B at N: what blocking would be with N lines and no queue.
    pub erlang_b: f64,
    /// Erlang C: probability an arriving call waits.
    pub p_wait: f64,
    /// Share answered within the threshold, `1 − C·e^{−(N−A)T/AHT}`.
    pub service_level: f64,
    /// `C·e^{−(N−A)T/AHT}`, accurate where `service_level` rounds to 1.
    pub service_level_one_minus: f64,
    /// Mean wait over all calls, seconds.
    pub asa_s: f64,
    /// `A / N`.
    pub occupancy: f64,
}

/// The queue cannot reach a steady state: traffic ≥ agents, so waits grow
/// without bound. There is no ASA or service level to report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overload {
    pub agents: u32,
    pub traffic_erlangs: f64,
    /// `A / N` (≥ 1); infinite for `N = 0`.
    pub load_per_agent: f64,
    /// Erlang B at N (well defined even without a queue).
    pub erlang_b: f64,
}

/// Erlang C result at N agents: stable, or overloaded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Queue {
    Stable(QueueKpis),
    Unstable(Overload),
}

impl Queue {
    pub fn agents(&self) -> u32 {
        match self {
            Queue::Stable(k) => k.agents,
            Queue::Unstable(o) => o.agents,
        }
    }
    pub fn stable(&self) -> Option<&QueueKpis> {
        match self {
            Queue::Stable(k) => Some(k),
            Queue::Unstable(_) => None,
        }
    }
}

impl ErlangC {
    /// `threshold_s` (the T of "X% within T seconds") must be ≥ 0.
    pub fn new(load: Load, threshold_s: f64) -> Result<Self, FieldError> {
        let threshold_s = non_negative("sl_threshold_s", threshold_s)?;
        Ok(ErlangC { load, threshold_s })
    }

    /// For callers that validated the threshold already (e.g. [`crate::Targets`]).
    pub(crate) fn from_validated(load: Load, threshold_s: f64) -> Self {
        ErlangC { load, threshold_s }
    }

    pub fn load(&self) -> &Load {
        &self.load
    }
    pub fn threshold_s(&self) -> f64 {
        self.threshold_s
    }

    /// Every KPI at `agents` agents.
    ///
    /// ```
    /// use callcalc_engine::{ErlangC, Load, Queue};
    /// let q = ErlangC::new(Load::new(100.0, 1800.0, 180.0).unwrap(), 20.0).unwrap();
    /// match q.at(14) {
    ///     Queue::Stable(k) => assert!((k.service_level - 0.8883500191794669).abs() < 1e-13),
    ///     Queue::Unstable(_) => unreachable!(),
    /// }
    /// assert!(matches!(q.at(10), Queue::Unstable(_)));
    /// ```
    pub fn at(&self, agents: u32) -> Queue {
        let mut seq = BlockingSeq::new(self.load.traffic());
        seq.advance_to(agents);
        self.kpis_from(&seq)
    }

    /// KPIs for every N in `from..=to`, in one pass of the recurrence.
    pub fn range(&self, from: u32, to: u32) -> Vec<Queue> {
        let mut seq = BlockingSeq::new(self.load.traffic());
        seq.advance_to(from);
        let mut out = Vec::with_capacity(to.saturating_sub(from) as usize + 1);
        while seq.servers() <= to {
            out.push(self.kpis_from(&seq));
            if seq.servers() == u32::MAX {
                break;
            }
            seq.step();
        }
        out
    }

    /// KPIs at the sequence's current N.
    pub(crate) fn kpis_from(&self, seq: &BlockingSeq) -> Queue {
        let a = self.load.traffic().erlangs();
        let n = seq.servers();
        let aht = self.load.aht_s();
        if a == 0.0 {
            return Queue::Stable(QueueKpis {
                agents: n,
                traffic_erlangs: 0.0,
                aht_s: aht,
                threshold_s: self.threshold_s,
                erlang_b: seq.blocking(),
                p_wait: 0.0,
                service_level: 1.0,
                service_level_one_minus: 0.0,
                asa_s: 0.0,
                occupancy: 0.0,
            });
        }
        if (n as f64) <= a {
            return Queue::Unstable(Overload {
                agents: n,
                traffic_erlangs: a,
                load_per_agent: if n == 0 { f64::INFINITY } else { a / n as f64 },
                erlang_b: seq.blocking(),
            });
        }
        Queue::Stable(self.stable_kpis_from(seq))
    }

    /// KPIs at the sequence's current N, for callers that know `0 < A < N`
    /// (the stable branch of [`ErlangC::kpis_from`]).
    pub(crate) fn stable_kpis_from(&self, seq: &BlockingSeq) -> QueueKpis {
        let a = self.load.traffic().erlangs();
        let n = seq.servers();
        let c = c_from_inverse_b(a, n, seq.inverse_blocking());
        self.stable_kpis_with(seq, c, service_level_one_minus(c, n, a, self.threshold_s, self.load.aht_s()))
    }

    /// [`ErlangC::stable_kpis_from`] for a caller that already holds its two
    /// costly values at the sequence's current N: `c` must be
    /// `c_from_inverse_b(A, N, seq.inverse_blocking())` and `miss`
    /// `service_level_one_minus(c, N, A, T, AHT)`, as computed there.
    pub(crate) fn stable_kpis_with(&self, seq: &BlockingSeq, c: f64, miss: f64) -> QueueKpis {
        let a = self.load.traffic().erlangs();
        let n = seq.servers();
        let aht = self.load.aht_s();
        QueueKpis {
            agents: n,
            traffic_erlangs: a,
            aht_s: aht,
            threshold_s: self.threshold_s,
            erlang_b: seq.blocking(),
            p_wait: c,
            service_level: 1.0 - miss,
            service_level_one_minus: miss,
            asa_s: average_speed_of_answer(c, n, a, aht),
            occupancy: occupancy(a, n),
        }
    }
}

impl QueueKpis {
    /// How `metric` was computed, with these inputs substituted.
    pub fn trace(&self, metric: Metric) -> Trace {
        let (a, n) = (self.traffic_erlangs, self.agents as f64);
        match metric {
            Metric::Traffic => {
                Trace::new("traffic", "A = calls × AHT / interval", "offered traffic (Erlangs)", SRC_C, a, "Erl")
            }
            Metric::ErlangB => Trace::new(
                "erlang_b",
                "1/B(n) = 1 + (n/A)·1/B(n−1), B(0) = 1",
                "Erlang B: blocked calls cleared, N lines",
                SRC_B,
                self.erlang_b,
                "",
            )
            .input("A", "offered traffic", a, "Erl")
            .input("N", "agents (lines)", n, ""),
            Metric::PWait => Trace::new(
                "erlang_c.p_wait",
                "C = N·B / (N − A·(1 − B))",
                "Erlang C: probability that a call waits (M/M/N, nobody abandons)",
                SRC_C,
                self.p_wait,
                "",
            )
            .input("N", "agents", n, "")
            .input("A", "offered traffic", a, "Erl")
            .input("B", "Erlang B at N", self.erlang_b, ""),
            Metric::ServiceLevel => Trace::new(
                "erlang_c.service_level",
                "SL = 1 − C·e^(−(N − A)·T / AHT)",
                "Erlang C model: answered within T over all offered (no abandons, so all Cisco variants agree)",
                SRC_C,
                self.service_level,
                "",
            )
            .input("C", "probability of waiting", self.p_wait, "")
            .input("N", "agents", n, "")
            .input("A", "offered traffic", a, "Erl")
            .input("T", "service-level threshold", self.threshold_s, "s")
            .input("AHT", "average handle time", self.aht_s, "s"),
            Metric::Asa => Trace::new(
                "erlang_c.asa",
                "ASA = C·AHT / (N − A)",
                "Erlang C model: mean wait over all calls, including those answered at once",
                SRC_C,
                self.asa_s,
                "s",
            )
            .input("C", "probability of waiting", self.p_wait, "")
            .input("AHT", "average handle time", self.aht_s, "s")
            .input("N", "agents", n, "")
            .input("A", "offered traffic", a, "Erl"),
            Metric::Occupancy => Trace::new(
                "erlang_c.occupancy",
                "ρ = A / N",
                "model occupancy (variant a of definitions.md), not measured handle/(handle + idle)",
                SRC_C,
                self.occupancy,
                "",
            )
            .input("A", "offered traffic", a, "Erl")
            .input("N", "agents", n, ""),
        }
    }
}

/// Lines (trunks) needed so that Erlang B blocking is at most `max_blocking`:
/// the smallest `K` with `B(K, A) ≤ max_blocking`.
///
/// - Source: Jagerman (1974); the classic trunk-sizing use of Erlang B.
/// - `max_blocking` must lie in (0, 1); zero traffic needs zero lines.
///
/// ```
/// use callcalc_engine::{lines_for_blocking, Traffic};
/// // B(25, 20) = 0.0502 > 0.05, B(26, 20) = 0.0373: 26 lines for 5% at 20 Erl.
/// assert_eq!(lines_for_blocking(Traffic::new(20.0).unwrap(), 0.05).unwrap(), 26);
/// assert_eq!(lines_for_blocking(Traffic::new(0.0).unwrap(), 0.05).unwrap(), 0);
/// ```
pub fn lines_for_blocking(traffic: Traffic, max_blocking: f64) -> Result<u32, FieldError> {
    let p = crate::error::in_range("max_blocking", max_blocking, 0.0, 1.0, false, false)?;
    if traffic.erlangs() == 0.0 {
        return Ok(0);
    }
    let mut seq = BlockingSeq::new(traffic);
    while seq.blocking() > p {
        seq.step();
    }
    Ok(seq.servers())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut in `service_level_miss_if_met` must never change its
    /// answer, including for targets placed exactly on, and one ulp either side
    /// of, the service level computed without it; and the miss it returns is
    /// bit for bit `service_level_one_minus`.
    #[test]
    fn service_level_miss_if_met_equals_the_plain_comparison() {
        // SplitMix64, to spread the inputs deterministically.
        let mut state: u64 = 0x0DDB_1A5E_5BAD_5EED;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut shortcut_taken = 0;
        for _ in 0..200_000 {
            let a = 0.01 + next() * 300.0;
            let n = a.floor() as u32 + 1 + (next() * 40.0) as u32;
            let c = next();
            let t = [0.0, 1.0, 20.0, 60.0, 600.0][(next() * 5.0) as usize];
            let aht = 1.0 + next() * 600.0;
            let sl = 1.0 - service_level_one_minus(c, n, a, t, aht);
            for x in [sl.next_down(), sl, sl.next_up(), next(), 0.8] {
                let miss = service_level_one_minus(c, n, a, t, aht);
                let plain = (1.0 - miss >= x).then_some(miss.to_bits());
                let fast = service_level_miss_if_met(c, n, a, t, aht, x).map(f64::to_bits);
                assert_eq!(fast, plain, "c {c}, n {n}, a {a}, T {t}, AHT {aht}, x {x}");
                let arg = -(n as f64 - a) * t / aht;
                let y = 1.0 + arg / 16.0;
                if y > 0.0 && 1.0 - c * y.powi(16) * (1.0 - 2f64.powi(-40)) < x {
                    shortcut_taken += 1;
                }
            }
        }
        assert!(shortcut_taken > 100_000, "the shortcut is exercised: {shortcut_taken}");
    }
}

//! A seeded discrete-event simulation of the true dynamics behind Erlang X and
//! chat, to check (and to measure the error of) their analytic assumptions:
//!
//! - real redials: a lost attempt (blocked and/or abandoned) tries again after
//!   an exponential delay, instead of the fixed point's immediate,
//!   independent re-attempt;
//! - real chat routing: each arriving chat goes to the least-loaded agent
//!   with a free slot and stays there (no migration), instead of the even split;
//! - any handle-time and patience law: exponential, deterministic or
//!   lognormal (mean and coefficient of variation).
//!
//! Chats progress at a speed set by their agent's load: one chat's work has
//! mean `AHT_1` at concurrency 1, and with `i` chats each advances at
//! `AHT_1/AHT_i` (for exponential work this is exactly "each finishes at rate
//! `1/AHT_i`", the chat model's rule).
//!
//! Replications are independent (seeds split from one seed with SplitMix64,
//! streams from xoshiro256++); each runs a warm-up, then an observation
//! window; attempts arriving in the window are followed to their outcome and
//! fresh callers through all their redials. The mean over replications and
//! the 95% half-width `t_{0.975, R−1}·s/√R` are reported. A total event budget
//! bounds the work (a default case runs in well under a second natively).
//!
//! Sources: A. M. Law, *Simulation Modeling and Analysis*, 5th ed. (2015),
//! ch. 9 (replication/deletion, t confidence intervals); D. Blackman &
//! S. Vigna, *Scrambled linear pseudorandom number generators*, ACM TOMS
//! 47(4) 2021 (xoshiro256++, SplitMix64).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use crate::chat::{Chat, MAX_CONCURRENCY};
use crate::erlang_x::{ErlangX, RedialSource, MAX_LINES};
use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::trace::Trace;

const SRC: &str = "Discrete-event simulation, replication/deletion with t confidence intervals: Law, Simulation Modeling and Analysis, 5th ed. (2015) ch. 9; PRNG xoshiro256++ / SplitMix64: Blackman & Vigna, ACM TOMS 47(4) 2021";

/// A probability law of a duration (seconds).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    Exponential {
        mean_s: f64,
    },
    Deterministic {
        value_s: f64,
    },
    /// Lognormal with the given mean and coefficient of variation (sd/mean).
    LogNormal {
        mean_s: f64,
        cv: f64,
    },
}

impl Distribution {
    /// Mean in seconds.
    pub fn mean_s(&self) -> f64 {
        match *self {
            Distribution::Exponential { mean_s } | Distribution::LogNormal { mean_s, .. } => mean_s,
            Distribution::Deterministic { value_s } => value_s,
        }
    }

    fn validate(&self, mean_field: &'static str, cv_field: &'static str) -> Result<(), FieldError> {
        match *self {
            Distribution::Exponential { mean_s } => positive(mean_field, mean_s).map(|_| ()),
            Distribution::Deterministic { value_s } => positive(mean_field, value_s).map(|_| ()),
            Distribution::LogNormal { mean_s, cv } => {
                positive(mean_field, mean_s)?;
                in_range(cv_field, cv, 0.0, 100.0, true, true).map(|_| ())
            }
        }
    }

    fn sample(&self, rng: &mut Rng) -> f64 {
        match *self {
            Distribution::Exponential { mean_s } => -mean_s * rng.uniform_open().ln(),
            Distribution::Deterministic { value_s } => value_s,
            Distribution::LogNormal { mean_s, cv } => {
                let s2 = (cv * cv).ln_1p();
                let mu = mean_s.ln() - 0.5 * s2;
                (mu + s2.sqrt() * rng.normal()).exp()
            }
        }
    }
}

/// xoshiro256++ (Blackman & Vigna), seeded through SplitMix64.
#[derive(Debug, Clone)]
struct Rng {
    s: [u64; 4],
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn from_splitmix(state: &mut u64) -> Self {
        Rng { s: [splitmix64(state), splitmix64(state), splitmix64(state), splitmix64(state)] }
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform on the open interval (0, 1).
    fn uniform_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform_open(), self.uniform_open());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// What to simulate. Plain data; [`Simulation::new`] validates it.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationSpec {
    /// Fresh arrivals per second (Poisson).
    pub arrival_rate_per_s: f64,
    pub agents: u32,
    /// Most contacts in the system, in service or waiting (`None` = no limit).
    pub lines: Option<u32>,
    /// Handle time of one contact (for chat: its work at concurrency 1; the
    /// mean is rescaled to `AHT_1`).
    pub handle: Distribution,
    /// Chat: `AHT_i` for `i = 1..k` chats per agent; empty = one contact per agent.
    pub chat_aht_by_concurrency_s: Vec<f64>,
    /// Patience of a waiting contact (`None` = waits forever).
    pub patience: Option<Distribution>,
    /// Probability that a lost attempt redials, in `[0, 1)`.
    pub redial_probability: f64,
    pub redial_source: RedialSource,
    /// Mean of the exponential delay before a redial (s).
    pub redial_delay_mean_s: f64,
    pub sl_threshold_s: f64,
    /// Independent replications (2 to 10,000).
    pub replications: u32,
    /// Warm-up per replication (s), not observed.
    pub warmup_s: f64,
    /// Observation window per replication (s).
    pub run_s: f64,
    /// Total event budget over all replications (≥ 1,000).
    pub max_events: u64,
    pub seed: u64,
}

impl SimulationSpec {
    /// Calls with exponential handle times, no patience, no lines, no redials;
    /// 20 replications of about 20,000 arrivals each after a warm-up,
    /// 2,000,000 events at most, seed 1.
    ///
    /// ```
    /// use callcalc_engine::SimulationSpec;
    /// let s = SimulationSpec::calls(0.1, 20, 180.0);
    /// assert_eq!(s.replications, 20);
    /// assert!((s.run_s - 200_000.0).abs() < 1e-6);
    /// ```
    pub fn calls(arrival_rate_per_s: f64, agents: u32, aht_s: f64) -> Self {
        let run_s = if arrival_rate_per_s > 0.0 { 20_000.0 / arrival_rate_per_s } else { 3600.0 };
        SimulationSpec {
            arrival_rate_per_s,
            agents,
            lines: None,
            handle: Distribution::Exponential { mean_s: aht_s },
            chat_aht_by_concurrency_s: Vec::new(),
            patience: None,
            redial_probability: 0.0,
            redial_source: RedialSource::BlockedAndAbandoned,
            redial_delay_mean_s: 300.0,
            sl_threshold_s: 20.0,
            replications: 20,
            warmup_s: (50.0 * aht_s).max(0.05 * run_s),
            run_s,
            max_events: 2_000_000,
            seed: 1,
        }
    }

    /// The true dynamics behind an Erlang X model at `agents` agents
    /// (exponential laws, as the model assumes; redial delay 300 s).
    pub fn from_erlang_x(x: &ErlangX, agents: u32) -> Self {
        let load = x.load();
        let mut s = SimulationSpec::calls(load.arrival_rate_per_s(), agents, load.aht_s());
        s.lines = x.lines();
        s.patience = x.mean_patience_s().map(|m| Distribution::Exponential { mean_s: m });
        s.redial_probability = x.redial().probability();
        s.redial_source = x.redial().source();
        s.sl_threshold_s = x.threshold_s();
        if let Some(m) = x.mean_patience_s() {
            s.warmup_s = s.warmup_s.max(20.0 * m);
        }
        s
    }

    /// The true dynamics behind a chat model at `agents` agents: least-loaded
    /// routing, no migration, exponential work.
    pub fn from_chat(c: &Chat, agents: u32) -> Self {
        let aht = c.aht_by_concurrency_s();
        let mut s = SimulationSpec::calls(c.arrival_rate_per_s(), agents, aht[0]);
        s.chat_aht_by_concurrency_s = aht.to_vec();
        s.patience = c.mean_patience_s().map(|m| Distribution::Exponential { mean_s: m });
        s.sl_threshold_s = c.threshold_s();
        let longest = aht.iter().cloned().fold(0.0, f64::max);
        s.warmup_s = s.warmup_s.max(50.0 * longest);
        s
    }
}

/// A validated simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    spec: SimulationSpec,
}

/// A mean over replications with its 95% confidence half-width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    /// `t_{0.975, n−1}·s/√n`; 0 when every replication gave the same value.
    pub half_width_95: f64,
    /// Replications that defined this metric (a ratio with a zero
    /// denominator is left out).
    pub replications: u32,
}

impl Estimate {
    fn from(values: &[f64]) -> Estimate {
        let v: Vec<f64> = values.iter().cloned().filter(|x| x.is_finite()).collect();
        let n = v.len();
        if n == 0 {
            return Estimate { mean: f64::NAN, half_width_95: f64::NAN, replications: 0 };
        }
        let mean = v.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Estimate { mean, half_width_95: f64::INFINITY, replications: 1 };
        }
        let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
        Estimate { mean, half_width_95: t_975(n - 1) * (var / n as f64).sqrt(), replications: n as u32 }
    }

    /// Whether `value` lies in `mean ± widen·half_width`.
    pub fn covers(&self, value: f64, widen: f64) -> bool {
        (value - self.mean).abs() <= widen * self.half_width_95
    }
}

/// 97.5 % quantile of Student's t with `df` degrees of freedom (the
/// half-width factor of a two-sided 95 % interval), from statrs' `StudentsT`;
/// infinite for `df = 0`. (A rounded table with a `1.96 + 2.4/ν` tail was
/// used before: 0.1 % off at ν = 31.)
fn t_975(df: usize) -> f64 {
    if df == 0 {
        return f64::INFINITY;
    }
    crate::operators::t_two_sided(0.95, df as f64)
}

/// Simulated KPIs (per attempt unless stated), each with its 95% half-width.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationResult {
    pub replications: u32,
    /// Events processed over all replications.
    pub events: u64,
    /// The event budget cut some replication short.
    pub budget_exhausted: bool,
    /// Observed time summed over replications (s).
    pub observed_s: f64,
    /// Attempts observed, all replications.
    pub attempts: u64,
    pub attempt_rate_per_s: Estimate,
    pub p_block: Estimate,
    pub p_abandon: Estimate,
    pub p_served: Estimate,
    pub p_wait: Estimate,
    pub p_abandon_within_t: Estimate,
    pub sl_answered_within_t_over_attempts: Estimate,
    pub sl_answered_within_t_over_accepted: Estimate,
    pub sl_answered_within_t_over_answered: Estimate,
    /// `E[W | served]` (s).
    pub asa_served_s: Estimate,
    /// `E[W]` over accepted attempts (s).
    pub mean_wait_accepted_s: Estimate,
    /// `E[W | abandoned]` (s).
    pub mean_wait_abandoned_s: Estimate,
    /// Share of agents with at least one contact (calls: occupancy).
    pub agent_busy_fraction: Estimate,
    /// Contacts in service per agent.
    pub mean_chats_per_agent: Estimate,
    /// Contacts in service / (agents·k).
    pub slot_utilisation: Estimate,
    /// A fresh caller arriving in the window is finally lost (all redials included).
    pub p_fresh_caller_lost: Estimate,
}

/// Which simulated quantity to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimulationMetric {
    PBlock,
    PAbandon,
    ServiceLevelOverAccepted,
    AsaServed,
    Occupancy,
    FreshCallerLost,
}

impl SimulationResult {
    /// How a simulated number was obtained.
    ///
    /// ```
    /// use callcalc_engine::{Simulation, SimulationMetric, SimulationSpec};
    /// let mut spec = SimulationSpec::calls(0.05, 12, 180.0);
    /// spec.replications = 4;
    /// spec.max_events = 20_000;
    /// let r = Simulation::new(spec).unwrap().run();
    /// let t = r.trace(SimulationMetric::Occupancy);
    /// assert_eq!(t.id, "simulation.occupancy");
    /// assert!(t.inputs.iter().any(|i| i.symbol == "R" && i.value == 4.0));
    /// ```
    pub fn trace(&self, metric: SimulationMetric) -> Trace {
        let (id, formula, e) = match metric {
            SimulationMetric::PBlock => ("simulation.p_block", "blocked attempts / attempts", self.p_block),
            SimulationMetric::PAbandon => ("simulation.p_abandon", "abandoned attempts / attempts", self.p_abandon),
            SimulationMetric::ServiceLevelOverAccepted => (
                "simulation.service_level",
                "answered within T / accepted attempts",
                self.sl_answered_within_t_over_accepted,
            ),
            SimulationMetric::AsaServed => ("simulation.asa_served", "Σ waits of served / served", self.asa_served_s),
            SimulationMetric::Occupancy => {
                ("simulation.occupancy", "∫ busy agents dt / (N · observed time)", self.agent_busy_fraction)
            }
            SimulationMetric::FreshCallerLost => {
                ("simulation.fresh_caller_lost", "fresh callers finally lost / fresh callers", self.p_fresh_caller_lost)
            }
        };
        Trace::new(
            id,
            formula,
            "discrete-event simulation of the true dynamics; mean of R replications ± 95% t half-width",
            SRC,
            e.mean,
            "",
        )
        .input("R", "replications", e.replications as f64, "")
        .input("±", "95% confidence half-width", e.half_width_95, "")
        .input("events", "events simulated", self.events as f64, "")
    }
}

impl Simulation {
    /// Validates every field once (field names: `arrival_rate_per_s`,
    /// `agents`, `lines`, `handle_mean_s`, `handle_cv`,
    /// `chat_aht_by_concurrency_s`, `patience_mean_s`, `patience_cv`,
    /// `redial_probability`, `redial_delay_mean_s`, `sl_threshold_s`,
    /// `replications`, `warmup_s`, `run_s`, `max_events`).
    ///
    /// ```
    /// use callcalc_engine::{Simulation, SimulationSpec};
    /// assert!(Simulation::new(SimulationSpec::calls(0.1, 20, 180.0)).is_ok());
    /// let mut bad = SimulationSpec::calls(0.1, 20, 180.0);
    /// bad.replications = 1;
    /// assert_eq!(Simulation::new(bad).unwrap_err().field, "replications");
    /// ```
    pub fn new(spec: SimulationSpec) -> Result<Self, FieldError> {
        non_negative("arrival_rate_per_s", spec.arrival_rate_per_s)?;
        if spec.agents == 0 {
            return Err(FieldError::new("agents", 0, Problem::NotPositive));
        }
        if let Some(k) = spec.lines {
            if k > MAX_LINES {
                return Err(FieldError::new("lines", k, Problem::TooLarge { max: MAX_LINES as f64 }));
            }
        }
        spec.handle.validate("handle_mean_s", "handle_cv")?;
        if spec.chat_aht_by_concurrency_s.len() > MAX_CONCURRENCY {
            return Err(FieldError::new(
                "chat_aht_by_concurrency_s",
                format!("{} entries", spec.chat_aht_by_concurrency_s.len()),
                Problem::TooLarge { max: MAX_CONCURRENCY as f64 },
            ));
        }
        for &h in &spec.chat_aht_by_concurrency_s {
            positive("chat_aht_by_concurrency_s", h)?;
        }
        if let Some(p) = &spec.patience {
            p.validate("patience_mean_s", "patience_cv")?;
        }
        in_range("redial_probability", spec.redial_probability, 0.0, 1.0, true, false)?;
        positive("redial_delay_mean_s", spec.redial_delay_mean_s)?;
        non_negative("sl_threshold_s", spec.sl_threshold_s)?;
        if !(2..=10_000).contains(&spec.replications) {
            return Err(FieldError::new(
                "replications",
                spec.replications,
                Problem::OutOfRange { min: 2.0, max: 10_000.0, min_inclusive: true, max_inclusive: true },
            ));
        }
        non_negative("warmup_s", spec.warmup_s)?;
        positive("run_s", spec.run_s)?;
        if spec.max_events < 1000 {
            return Err(FieldError::new(
                "max_events",
                spec.max_events,
                Problem::OutOfRange { min: 1000.0, max: u64::MAX as f64, min_inclusive: true, max_inclusive: true },
            ));
        }
        Ok(Simulation { spec })
    }

    pub fn spec(&self) -> &SimulationSpec {
        &self.spec
    }

    /// Runs every replication and summarizes.
    ///
    /// - Estimator: per replication, ratios of counts over attempts arriving in
    ///   the observation window `[warm-up, warm-up + run)` (each followed to
    ///   its outcome); time averages over the window. Across the `R`
    ///   replications: mean and `t_{0.975, R−1}·s/√R`.
    /// - Source: Law (2015) ch. 9.
    ///
    /// ```
    /// use callcalc_engine::{Simulation, SimulationSpec};
    /// // M/M/10/10 (Erlang B): 10 Erlangs on 10 lines, B = 0.2146.
    /// let mut spec = SimulationSpec::calls(10.0 / 180.0, 10, 180.0);
    /// spec.lines = Some(10);
    /// spec.replications = 10;
    /// spec.max_events = 300_000;
    /// let r = Simulation::new(spec).unwrap().run();
    /// assert!((r.p_block.mean - 0.2146).abs() < 0.02);
    /// ```
    pub fn run(&self) -> SimulationResult {
        let spec = &self.spec;
        let reps = spec.replications;
        let budget = (spec.max_events / reps as u64).max(100);
        let mut seeder = spec.seed;
        let mut all: Vec<RepStats> = Vec::with_capacity(reps as usize);
        for _ in 0..reps {
            let rng = Rng::from_splitmix(&mut seeder);
            all.push(Replication::new(spec, rng, budget).run());
        }
        let col = |f: &dyn Fn(&RepStats) -> f64| Estimate::from(&all.iter().map(f).collect::<Vec<f64>>());
        let div = |a: u64, b: u64| if b == 0 { f64::NAN } else { a as f64 / b as f64 };
        let n = spec.agents as f64;
        let k = spec.chat_aht_by_concurrency_s.len().max(1) as f64;
        SimulationResult {
            replications: reps,
            events: all.iter().map(|s| s.events).sum(),
            budget_exhausted: all.iter().any(|s| s.exhausted),
            observed_s: all.iter().map(|s| s.observed_s).sum(),
            attempts: all.iter().map(|s| s.attempts).sum(),
            attempt_rate_per_s: col(&|s| if s.observed_s > 0.0 { s.attempts as f64 / s.observed_s } else { f64::NAN }),
            p_block: col(&|s| div(s.blocked, s.attempts)),
            p_abandon: col(&|s| div(s.abandoned, s.attempts)),
            p_served: col(&|s| div(s.served, s.attempts)),
            p_wait: col(&|s| div(s.waited, s.attempts)),
            p_abandon_within_t: col(&|s| div(s.abandoned_le, s.attempts)),
            sl_answered_within_t_over_attempts: col(&|s| div(s.served_le, s.attempts)),
            sl_answered_within_t_over_accepted: col(&|s| div(s.served_le, s.served + s.abandoned)),
            sl_answered_within_t_over_answered: col(&|s| div(s.served_le, s.served)),
            asa_served_s: col(&|s| if s.served == 0 { f64::NAN } else { s.wait_served / s.served as f64 }),
            mean_wait_accepted_s: col(&|s| {
                let acc = s.served + s.abandoned;
                if acc == 0 {
                    f64::NAN
                } else {
                    (s.wait_served + s.wait_abandoned) / acc as f64
                }
            }),
            mean_wait_abandoned_s: col(&|s| {
                if s.abandoned == 0 {
                    f64::NAN
                } else {
                    s.wait_abandoned / s.abandoned as f64
                }
            }),
            agent_busy_fraction: col(&|s| if s.observed_s > 0.0 { s.busy_time / (n * s.observed_s) } else { f64::NAN }),
            mean_chats_per_agent: col(&|s| {
                if s.observed_s > 0.0 {
                    s.chat_time / (n * s.observed_s)
                } else {
                    f64::NAN
                }
            }),
            slot_utilisation: col(&|s| {
                if s.observed_s > 0.0 {
                    s.chat_time / (n * k * s.observed_s)
                } else {
                    f64::NAN
                }
            }),
            p_fresh_caller_lost: col(&|s| div(s.fresh_lost, s.fresh_lost + s.fresh_served)),
        }
    }
}

/// Simulates `spec` (validating it first). Shorthand for
/// `Simulation::new(spec)?.run()`.
///
/// - Method and source: see [`Simulation::run`].
///
/// ```
/// use callcalc_engine::{simulate, SimulationSpec};
/// let mut spec = SimulationSpec::calls(0.05, 12, 180.0);
/// spec.replications = 5;
/// spec.max_events = 100_000;
/// let r = simulate(spec).unwrap();
/// assert!((r.agent_busy_fraction.mean - 0.75).abs() < 0.05); // A/N = 9/12
/// ```
pub fn simulate(spec: SimulationSpec) -> Result<SimulationResult, FieldError> {
    Ok(Simulation::new(spec)?.run())
}

// ---------------------------------------------------------------------------
// One replication
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Kind {
    Fresh,
    Redial { tracked_caller: bool },
    Abandon { cust: u32, gen: u32 },
    Complete { agent: u32, version: u32 },
}

#[derive(Debug, Clone, Copy)]
struct Event {
    t: f64,
    seq: u64,
    kind: Kind,
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    /// Reversed: the heap pops the earliest event (ties in scheduling order).
    fn cmp(&self, other: &Self) -> Ordering {
        other.t.total_cmp(&self.t).then_with(|| other.seq.cmp(&self.seq))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Free,
    Waiting,
    InService,
}

#[derive(Debug, Clone, Copy)]
struct Customer {
    arrival: f64,
    gen: u32,
    state: State,
    tracked_attempt: bool,
    tracked_caller: bool,
    /// Waited in the queue (found every slot busy).
    queued: bool,
}

#[derive(Debug, Clone, Default)]
struct Agent {
    /// (customer, remaining work at `last`)
    chats: Vec<(u32, f64)>,
    last: f64,
    version: u32,
}

#[derive(Debug, Clone, Default)]
struct RepStats {
    events: u64,
    exhausted: bool,
    observed_s: f64,
    attempts: u64,
    blocked: u64,
    waited: u64,
    served: u64,
    served_le: u64,
    abandoned: u64,
    abandoned_le: u64,
    wait_served: f64,
    wait_abandoned: f64,
    busy_time: f64,
    chat_time: f64,
    fresh_served: u64,
    fresh_lost: u64,
}

struct Replication<'a> {
    spec: &'a SimulationSpec,
    rng: Rng,
    budget: u64,
    now: f64,
    seq: u64,
    heap: BinaryHeap<Event>,
    agents: Vec<Agent>,
    /// Agents by load: `by_load[l]` holds the agents with `l` contacts.
    by_load: Vec<Vec<u32>>,
    pos: Vec<usize>,
    k: usize,
    speed: Vec<f64>,
    work_scale: f64,
    customers: Vec<Customer>,
    free: Vec<u32>,
    queue: VecDeque<(u32, u32)>,
    waiting: u64,
    in_service: u64,
    busy_agents: u64,
    start: f64,
    end: f64,
    last_t: f64,
    pending_attempts: u64,
    pending_callers: u64,
    stats: RepStats,
}

impl<'a> Replication<'a> {
    fn new(spec: &'a SimulationSpec, rng: Rng, budget: u64) -> Self {
        let n = spec.agents as usize;
        let aht = &spec.chat_aht_by_concurrency_s;
        let k = aht.len().max(1);
        let (speed, work_scale) = if aht.is_empty() {
            (vec![1.0], 1.0)
        } else {
            (aht.iter().map(|a| aht[0] / a).collect(), aht[0] / spec.handle.mean_s())
        };
        let mut by_load = vec![Vec::new(); k + 1];
        by_load[0] = (0..n as u32).collect();
        Replication {
            spec,
            rng,
            budget,
            now: 0.0,
            seq: 0,
            heap: BinaryHeap::new(),
            agents: vec![Agent::default(); n],
            by_load,
            pos: (0..n).collect(),
            k,
            speed,
            work_scale,
            customers: Vec::new(),
            free: Vec::new(),
            queue: VecDeque::new(),
            waiting: 0,
            in_service: 0,
            busy_agents: 0,
            start: spec.warmup_s,
            end: spec.warmup_s + spec.run_s,
            last_t: 0.0,
            pending_attempts: 0,
            pending_callers: 0,
            stats: RepStats::default(),
        }
    }

    fn schedule(&mut self, t: f64, kind: Kind) {
        self.seq += 1;
        self.heap.push(Event { t, seq: self.seq, kind });
    }

    fn exp(&mut self, mean: f64) -> f64 {
        -mean * self.rng.uniform_open().ln()
    }

    fn run(mut self) -> RepStats {
        let spec = self.spec;
        if spec.arrival_rate_per_s > 0.0 {
            let dt = self.exp(1.0 / spec.arrival_rate_per_s);
            self.schedule(dt, Kind::Fresh);
        }
        let longest = spec
            .handle
            .mean_s()
            .max(spec.redial_delay_mean_s)
            .max(spec.patience.map_or(0.0, |p| p.mean_s()))
            .max(spec.chat_aht_by_concurrency_s.iter().cloned().fold(0.0, f64::max));
        let drain_limit = self.end + 200.0 * longest;
        while let Some(ev) = self.heap.pop() {
            if self.stats.events >= self.budget {
                self.stats.exhausted = true;
                break;
            }
            self.stats.events += 1;
            self.advance(ev.t);
            match ev.kind {
                Kind::Fresh => {
                    let dt = self.exp(1.0 / spec.arrival_rate_per_s);
                    self.schedule(self.now + dt, Kind::Fresh);
                    let tracked = self.in_window();
                    if tracked {
                        self.pending_callers += 1;
                    }
                    self.attempt(tracked);
                }
                Kind::Redial { tracked_caller } => self.attempt(tracked_caller),
                Kind::Abandon { cust, gen } => self.abandon(cust, gen),
                Kind::Complete { agent, version } => self.complete(agent, version),
            }
            if self.now >= self.end && self.pending_attempts == 0 && self.pending_callers == 0 {
                break;
            }
            if self.now > drain_limit {
                break;
            }
        }
        let observed_end = self.now.min(self.end);
        self.stats.observed_s = (observed_end - self.start).max(0.0);
        self.stats
    }

    fn in_window(&self) -> bool {
        self.now >= self.start && self.now < self.end
    }

    /// Moves the clock to `t`, integrating busy agents and contacts in service
    /// over the observation window.
    fn advance(&mut self, t: f64) {
        let a = self.last_t.max(self.start);
        let b = t.min(self.end);
        if b > a {
            self.stats.busy_time += self.busy_agents as f64 * (b - a);
            self.stats.chat_time += self.in_service as f64 * (b - a);
        }
        self.last_t = t;
        self.now = t;
    }

    fn new_customer(&mut self, tracked_attempt: bool, tracked_caller: bool) -> u32 {
        let c = Customer {
            arrival: self.now,
            gen: 0,
            state: State::Waiting,
            tracked_attempt,
            tracked_caller,
            queued: false,
        };
        match self.free.pop() {
            Some(id) => {
                let slot = &mut self.customers[id as usize];
                let gen = slot.gen.wrapping_add(1);
                *slot = Customer { gen, ..c };
                id
            }
            None => {
                self.customers.push(c);
                (self.customers.len() - 1) as u32
            }
        }
    }

    fn release(&mut self, id: u32) {
        self.customers[id as usize].state = State::Free;
        self.free.push(id);
    }

    fn attempt(&mut self, tracked_caller: bool) {
        let tracked = self.in_window();
        if tracked {
            self.stats.attempts += 1;
        }
        if let Some(k) = self.spec.lines {
            if self.in_service + self.waiting >= k as u64 {
                if tracked {
                    self.stats.blocked += 1;
                }
                self.lost(tracked_caller, true);
                return;
            }
        }
        let id = self.new_customer(tracked, tracked_caller);
        match self.least_loaded() {
            Some(agent) => self.start_service(id, agent),
            None => {
                if tracked {
                    self.stats.waited += 1;
                    self.pending_attempts += 1;
                }
                self.waiting += 1;
                self.customers[id as usize].queued = true;
                let gen = self.customers[id as usize].gen;
                self.queue.push_back((id, gen));
                if let Some(p) = self.spec.patience {
                    let d = p.sample(&mut self.rng);
                    self.schedule(self.now + d, Kind::Abandon { cust: id, gen });
                }
            }
        }
    }

    fn least_loaded(&self) -> Option<u32> {
        (0..self.k).find_map(|l| self.by_load[l].last().copied())
    }

    fn move_agent(&mut self, agent: u32, from: usize, to: usize) {
        let p = self.pos[agent as usize];
        let bucket = &mut self.by_load[from];
        bucket.swap_remove(p);
        if let Some(&moved) = bucket.get(p) {
            self.pos[moved as usize] = p;
        }
        self.pos[agent as usize] = self.by_load[to].len();
        self.by_load[to].push(agent);
        if from == 0 && to > 0 {
            self.busy_agents += 1;
        } else if from > 0 && to == 0 {
            self.busy_agents -= 1;
        }
    }

    /// Brings the agent's remaining work up to now.
    fn touch(&mut self, agent: u32) {
        let now = self.now;
        let a = &mut self.agents[agent as usize];
        let n = a.chats.len();
        if n > 0 {
            let done = (now - a.last) * self.speed[n - 1];
            for c in &mut a.chats {
                c.1 -= done;
            }
        }
        a.last = now;
    }

    fn reschedule(&mut self, agent: u32) {
        let now = self.now;
        let a = &mut self.agents[agent as usize];
        a.version = a.version.wrapping_add(1);
        let n = a.chats.len();
        if n > 0 {
            let least = a.chats.iter().map(|c| c.1).fold(f64::INFINITY, f64::min).max(0.0);
            let (t, version) = (now + least / self.speed[n - 1], a.version);
            self.schedule(t, Kind::Complete { agent, version });
        }
    }

    fn start_service(&mut self, id: u32, agent: u32) {
        let c = &mut self.customers[id as usize];
        let waited = c.queued;
        c.state = State::InService;
        let w = self.now - c.arrival;
        let (tracked_attempt, tracked_caller) = (c.tracked_attempt, c.tracked_caller);
        if tracked_attempt {
            self.stats.served += 1;
            self.stats.wait_served += w;
            if w <= self.spec.sl_threshold_s {
                self.stats.served_le += 1;
            }
            if waited {
                self.pending_attempts -= 1;
            }
        }
        if tracked_caller {
            self.stats.fresh_served += 1;
            self.pending_callers -= 1;
        }
        self.touch(agent);
        let work = self.spec.handle.sample(&mut self.rng) * self.work_scale;
        let load = self.agents[agent as usize].chats.len();
        self.agents[agent as usize].chats.push((id, work));
        self.in_service += 1;
        self.move_agent(agent, load, load + 1);
        self.reschedule(agent);
    }

    fn complete(&mut self, agent: u32, version: u32) {
        if self.agents[agent as usize].version != version {
            return;
        }
        self.touch(agent);
        let a = &mut self.agents[agent as usize];
        let Some(i) = (0..a.chats.len()).min_by(|&x, &y| a.chats[x].1.total_cmp(&a.chats[y].1)) else {
            return;
        };
        let load = a.chats.len();
        let (id, _) = a.chats.swap_remove(i);
        self.in_service -= 1;
        self.release(id);
        self.move_agent(agent, load, load - 1);
        // The freed slot takes the longest-waiting contact (all other agents
        // are full whenever someone waits).
        while let Some((next, gen)) = self.queue.pop_front() {
            let c = self.customers[next as usize];
            if c.gen == gen && c.state == State::Waiting {
                self.waiting -= 1;
                self.start_service(next, agent);
                return;
            }
        }
        self.reschedule(agent);
    }

    fn abandon(&mut self, cust: u32, gen: u32) {
        let c = self.customers[cust as usize];
        if c.gen != gen || c.state != State::Waiting {
            return;
        }
        self.waiting -= 1;
        let w = self.now - c.arrival;
        if c.tracked_attempt {
            self.stats.abandoned += 1;
            self.stats.wait_abandoned += w;
            if w <= self.spec.sl_threshold_s {
                self.stats.abandoned_le += 1;
            }
            self.pending_attempts -= 1;
        }
        self.release(cust);
        self.lost(c.tracked_caller, false);
    }

    /// A lost attempt: redial, or the caller is lost for good.
    fn lost(&mut self, tracked_caller: bool, blocked: bool) {
        let eligible = !blocked || self.spec.redial_source == RedialSource::BlockedAndAbandoned;
        if eligible && self.spec.redial_probability > 0.0 && self.rng.uniform_open() < self.spec.redial_probability {
            let d = self.exp(self.spec.redial_delay_mean_s);
            self.schedule(self.now + d, Kind::Redial { tracked_caller });
        } else if tracked_caller {
            self.stats.fresh_lost += 1;
            self.pending_callers -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_975_matches_published_quantiles() {
        // t_{0.975} from any t table (R: qt(0.975, df)).
        for (df, t) in [(1, 12.706_204_736), (5, 2.570_581_836), (30, 2.042_272_456), (31, 2.039_513_446)] {
            assert!((t_975(df) - t).abs() < 1e-8, "df {df}: {}", t_975(df));
        }
        assert_eq!(t_975(0), f64::INFINITY);
    }

    #[test]
    fn xoshiro_matches_the_reference_sequence() {
        // Reference output of xoshiro256++ for the state {1, 2, 3, 4}.
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(got, vec![41943041, 58720359, 3588806011781223]);
    }

    #[test]
    fn uniforms_are_open_and_lognormal_has_its_mean() {
        let mut seed = 7;
        let mut r = Rng::from_splitmix(&mut seed);
        let d = Distribution::LogNormal { mean_s: 100.0, cv: 0.8 };
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let u = r.uniform_open();
            assert!(u > 0.0 && u < 1.0);
            sum += d.sample(&mut r);
        }
        assert!((sum / n as f64 - 100.0).abs() < 1.0);
    }

    #[test]
    fn same_seed_same_result() {
        let mut spec = SimulationSpec::calls(0.08, 15, 180.0);
        spec.patience = Some(Distribution::Deterministic { value_s: 60.0 });
        spec.replications = 3;
        spec.max_events = 30_000;
        let a = simulate(spec.clone()).unwrap();
        let b = simulate(spec.clone()).unwrap();
        assert_eq!(a, b);
        spec.seed = 2;
        assert_ne!(a, simulate(spec).unwrap());
    }
}

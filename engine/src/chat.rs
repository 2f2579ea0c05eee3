//! Chat with concurrency: each agent handles up to `k` chats at once, and
//! the handle time of a chat depends on how many the agent holds.
//!
//! Model (cases_x_public.json conventions, `chat_model`): the state is the
//! number `n` of chats in the system. With `s = min(n, N·k)` chats in
//! service split evenly over the `N` agents — `b = s mod N` agents hold
//! `a + 1` chats and `N − b` hold `a = s div N` — the total completion rate
//! is `b·(a+1)/AHT_{a+1} + (N − b)·a/AHT_a` (an agent with `i` chats finishes
//! each at rate `1/AHT_i`). Chats wait FCFS when all `N·k` slots are busy and
//! abandon at rate `1/mean patience` each; there is no line limit. The
//! waiting-time laws are those of [`crate::ErlangX`] with
//! `ν = N·k/AHT_k`. With `k = 1` this is exactly Erlang A (or Erlang C
//! without patience).
//!
//! The even split is an approximation of real routing (least-loaded agent,
//! no migration of chats); [`crate::simulate`] measures its error.
//!
//! Sources: cases_x_public.json conventions (chat_model); T. Tezcan &
//! J. Zhang, *Routing and staffing in customer service chat systems with
//! impatient customers*, Operations Research 62(4) 2014 (multi-chat agents,
//! state-dependent service rates).

use crate::erlang_x::{patience_rate, prob, search_limit, Chain, ChainOut, Service};
use crate::error::{non_negative, positive, FieldError, Problem};
use crate::load::MAX_TRAFFIC_ERLANGS;
use crate::solver::{smallest_agents, Proportion, QueueMetrics, QueueTargets, SlDefinition, StaffingOutcome};
use crate::trace::Trace;

/// Largest concurrency `k` (chats per agent) accepted.
pub const MAX_CONCURRENCY: usize = 32;

const SRC: &str = "cases_x_public.json conventions (chat_model: even split, birth–death chain in the number of chats); Tezcan & Zhang, Routing and staffing in customer service chat systems with impatient customers, Operations Research 62(4) 2014";

/// A chat queue: arrivals, per-concurrency handle times, patience and SL
/// threshold, validated once.
#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    chats_per_interval: f64,
    interval_s: f64,
    lambda: f64,
    aht: Vec<f64>,
    mean_patience_s: Option<f64>,
    theta: f64,
    threshold_s: f64,
}

/// Every KPI of the chat model at `agents` agents (stable case). "Offered"
/// means every arriving chat.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChatKpis {
    pub agents: u32,
    /// `k`: most chats per agent.
    pub concurrency: u32,
    pub interval_s: f64,
    pub threshold_s: f64,
    pub mean_patience_s: Option<f64>,
    /// Arrival rate `λ`, chats per second.
    pub arrival_rate_per_s: f64,
    /// `ν = N·k/AHT_k`: completion rate with every slot busy, per second.
    pub full_rate_per_s: f64,
    pub p_wait: f64,
    pub p_abandon: f64,
    pub p_served: f64,
    /// `E[W | served]` (s); `None` if nothing is served.
    pub asa_served_s: Option<f64>,
    /// `E[V]` over offered chats, zero waits included (s); `None` without agents.
    pub asa_virtual_offered_s: Option<f64>,
    /// `E[W]` over offered chats, abandoned chats' time to abandon included (s).
    pub mean_wait_offered_s: f64,
    /// `E[W | abandoned]` (s); `None` without abandonment.
    pub mean_wait_abandoned_s: Option<f64>,
    pub mean_queue_length: f64,
    pub p_abandon_within_t: f64,
    pub sl_answered_within_t_over_offered: Proportion,
    pub sl_answered_within_t_over_answered: Option<Proportion>,
    pub sl_answered_within_t_over_offered_minus_abandoned_within_t: Proportion,
    pub sl_all_wait_le_t_over_offered: Proportion,
    pub sl_virtual_wait_le_t_over_offered: Proportion,
    /// `E[chats in service]`.
    pub mean_chats_in_service: f64,
    /// `E[chats in service] / N`.
    pub mean_chats_per_agent: f64,
    /// `E[chats in service] / (N·k)`.
    pub slot_utilisation: f64,
    /// `E[agents with ≥ 1 chat] / N` under the even split.
    pub agent_busy_fraction: f64,
    /// Chats completed per interval, `λ·P_served·interval`.
    pub throughput_per_interval: f64,
    /// `ν·interval`: the most the team can complete per interval.
    pub max_throughput_per_interval: f64,
}

/// No steady state: no patience and `λ ≥ N·k/AHT_k`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChatOverload {
    pub agents: u32,
    pub arrival_rate_per_s: f64,
    /// `N·k/AHT_k` (per second).
    pub max_rate_per_s: f64,
}

/// Chat at N agents.
// Returned by value once per evaluation; boxing the large variant would cost
// an allocation per evaluation in the staffing search.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChatResult {
    Stable(ChatKpis),
    Unstable(ChatOverload),
}

impl ChatResult {
    pub fn stable(&self) -> Option<&ChatKpis> {
        match self {
            ChatResult::Stable(k) => Some(k),
            ChatResult::Unstable(_) => None,
        }
    }
}

impl Chat {
    /// Validates: `chats_per_interval ≥ 0`, `interval_s > 0`, 1 to
    /// [`MAX_CONCURRENCY`] handle times (seconds, `> 0`; entry `i − 1` is the
    /// AHT of a chat while its agent holds `i` chats), patience `> 0` (`None`
    /// = infinite), `sl_threshold_s ≥ 0`.
    ///
    /// ```
    /// use callcalc_engine::Chat;
    /// assert!(Chat::new(120.0, 1800.0, &[240.0, 330.0], Some(120.0), 30.0).is_ok());
    /// assert_eq!(Chat::new(120.0, 1800.0, &[], None, 30.0).unwrap_err().field, "aht_by_concurrency_s");
    /// assert_eq!(Chat::new(120.0, 1800.0, &[240.0, -1.0], None, 30.0).unwrap_err().field, "aht_by_concurrency_s");
    /// ```
    pub fn new(
        chats_per_interval: f64,
        interval_s: f64,
        aht_by_concurrency_s: &[f64],
        mean_patience_s: Option<f64>,
        sl_threshold_s: f64,
    ) -> Result<Self, FieldError> {
        let chats = non_negative("chats_per_interval", chats_per_interval)?;
        let interval_s = positive("interval_s", interval_s)?;
        if aht_by_concurrency_s.is_empty() || aht_by_concurrency_s.len() > MAX_CONCURRENCY {
            return Err(FieldError::new(
                "aht_by_concurrency_s",
                format!("{} entries", aht_by_concurrency_s.len()),
                Problem::OutOfRange { min: 1.0, max: MAX_CONCURRENCY as f64, min_inclusive: true, max_inclusive: true },
            ));
        }
        for &h in aht_by_concurrency_s {
            positive("aht_by_concurrency_s", h)?;
        }
        let lambda = chats / interval_s;
        let max_aht = aht_by_concurrency_s.iter().cloned().fold(0.0, f64::max);
        if lambda * max_aht > MAX_TRAFFIC_ERLANGS {
            return Err(FieldError::new(
                "chats_per_interval",
                chats,
                Problem::TooLarge { max: MAX_TRAFFIC_ERLANGS * interval_s / max_aht },
            ));
        }
        let theta = match mean_patience_s {
            Some(p) => patience_rate(p, lambda)?,
            None => 0.0,
        };
        Ok(Chat {
            chats_per_interval: chats,
            interval_s,
            lambda,
            aht: aht_by_concurrency_s.to_vec(),
            mean_patience_s,
            theta,
            threshold_s: non_negative("sl_threshold_s", sl_threshold_s)?,
        })
    }

    pub fn chats_per_interval(&self) -> f64 {
        self.chats_per_interval
    }
    pub fn concurrency(&self) -> u32 {
        self.aht.len() as u32
    }
    pub fn aht_by_concurrency_s(&self) -> &[f64] {
        &self.aht
    }
    /// Arrival rate `λ`, chats per second.
    pub fn arrival_rate_per_s(&self) -> f64 {
        self.lambda
    }
    pub fn interval_s(&self) -> f64 {
        self.interval_s
    }
    /// Mean patience in seconds (`None` = infinite).
    pub fn mean_patience_s(&self) -> Option<f64> {
        self.mean_patience_s
    }
    pub fn threshold_s(&self) -> f64 {
        self.threshold_s
    }

    fn chain(&self, agents: u32) -> Chain<'_> {
        Chain { lambda: self.lambda, service: Service::Chat { agents, aht: &self.aht }, theta: self.theta, cap: None }
    }

    /// Every KPI at `agents` agents.
    ///
    /// Stationary `π_{n+1} = π_n·λ/d_{n+1}` with the even-split completion
    /// rate `d_n` (module docs) for `n ≤ N·k` and `d_n = ν + (n − Nk)·θ`
    /// above; waiting-time laws as in Erlang A with `ν = N·k/AHT_k`:
    /// `P(V ≤ T | i) = I_x(i+1, ν/θ)`, `x = 1 − e^{−θT}`.
    /// `slot_utilisation = E[min(n, Nk)]/(N·k)`,
    /// `agent_busy_fraction = E[min(n, N)]/N`, throughput `= λ·P_served·interval`.
    ///
    /// Units: seconds; probabilities per offered chat. Source: cases_x_public.json
    /// conventions (chat_model); Tezcan & Zhang (2014).
    ///
    /// ```
    /// use callcalc_engine::{Chat, ChatResult};
    /// // Reference xpub-c-03: 110 chats / 30 min, AHT 240/330/450 s at 1/2/3 chats,
    /// // 10 agents, patience 180 s, T = 60 s.
    /// let c = Chat::new(110.0, 1800.0, &[240.0, 330.0, 450.0], Some(180.0), 60.0).unwrap();
    /// let ChatResult::Stable(k) = c.at(10) else { unreachable!() };
    /// assert!((k.sl_answered_within_t_over_offered.value / 0.9526328616306362 - 1.0).abs() < 1e-12);
    /// assert!((k.agent_busy_fraction / 0.9967900519766819 - 1.0).abs() < 1e-12);
    /// ```
    pub fn at(&self, agents: u32) -> ChatResult {
        self.evaluate(agents, true)
    }

    fn evaluate(&self, agents: u32, deep: bool) -> ChatResult {
        let k = self.aht.len() as f64;
        let full = agents as f64 * k / self.aht[self.aht.len() - 1];
        match self.chain(agents).evaluate(Some(self.threshold_s), deep) {
            Some(o) => ChatResult::Stable(self.kpis(agents, full, &o)),
            None => {
                ChatResult::Unstable(ChatOverload { agents, arrival_rate_per_s: self.lambda, max_rate_per_s: full })
            }
        }
    }

    fn kpis(&self, agents: u32, full: f64, o: &ChainOut) -> ChatKpis {
        let t = o.tail.unwrap_or_default();
        let served = o.p_served();
        let n = agents as f64;
        let k = self.aht.len() as f64;
        let per_agent = if agents == 0 { 0.0 } else { o.mean_in_service / n };
        ChatKpis {
            agents,
            concurrency: self.aht.len() as u32,
            interval_s: self.interval_s,
            threshold_s: self.threshold_s,
            mean_patience_s: self.mean_patience_s,
            arrival_rate_per_s: self.lambda,
            full_rate_per_s: full,
            p_wait: prob(o.p_wait),
            p_abandon: prob(o.p_abandon),
            p_served: prob(served),
            asa_served_s: (served > 0.0).then(|| o.served_wait / served),
            asa_virtual_offered_s: Some(o.virtual_wait).filter(|v| v.is_finite()),
            mean_wait_offered_s: o.wait,
            mean_wait_abandoned_s: (o.p_abandon > 0.0).then(|| o.abandoned_wait / o.p_abandon),
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
            sl_all_wait_le_t_over_offered: Proportion::ratio(
                t.served_le + t.abandoned_le,
                t.served_gt + t.abandoned_gt,
                1.0,
            ),
            sl_virtual_wait_le_t_over_offered: Proportion::ratio(t.virtual_le, t.virtual_gt, 1.0),
            mean_chats_in_service: o.mean_in_service,
            mean_chats_per_agent: per_agent,
            slot_utilisation: prob(per_agent / k),
            agent_busy_fraction: if agents == 0 { 0.0 } else { prob(o.mean_busy_agents / n) },
            throughput_per_interval: self.lambda * served * self.interval_s,
            max_throughput_per_interval: full * self.interval_s,
        }
    }

    /// Smallest number of agents meeting every target at once (SL variant,
    /// `E[W|served]`, abandonment, occupancy = slot utilisation).
    ///
    /// - Rule: smallest integer `N` (stable if there is no patience) with every
    ///   set target met; each KPI is monotone in `N` (property-tested), so the
    ///   search gallops from `N ≈ λ·AHT_k/k` and bisects.
    /// - Source: as [`Chat::at`]; reference case xpub-cr-01.
    ///
    /// ```
    /// use callcalc_engine::{Chat, QueueTargets, SlDefinition};
    /// // Reference xpub-cr-01: 400 chats / 30 min, AHT 240/330/450 s, patience 180 s, 80% in 60 s.
    /// let c = Chat::new(400.0, 1800.0, &[240.0, 330.0, 450.0], Some(180.0), 60.0).unwrap();
    /// let t = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
    /// assert_eq!(c.required_agents(&t).agents(), Some(30));
    /// let t = QueueTargets::service_level(SlDefinition::VirtualWaitLeT, 0.8).unwrap();
    /// assert_eq!(c.required_agents(&t).agents(), Some(28));
    /// ```
    pub fn required_agents(&self, targets: &QueueTargets) -> StaffingOutcome<ChatKpis> {
        let k = self.aht.len() as f64;
        let load = self.lambda * self.aht[self.aht.len() - 1] / k;
        smallest_agents(targets, 0, search_limit(load), load.round() as u32, self.lambda == 0.0, |n| {
            match self.evaluate(n, false) {
                ChatResult::Stable(k) => Some(k),
                ChatResult::Unstable(_) => None,
            }
        })
    }
}

impl ChatKpis {
    /// Service level under `variant` (`AnsweredOverAccepted` = over offered: nothing is blocked).
    pub fn service_level(&self, variant: SlDefinition) -> Option<Proportion> {
        Some(match variant {
            SlDefinition::AnsweredOverOffered | SlDefinition::AnsweredOverAccepted => {
                self.sl_answered_within_t_over_offered
            }
            SlDefinition::AnsweredOverAnswered => self.sl_answered_within_t_over_answered?,
            SlDefinition::AnsweredOverOfferedMinusAbandonedWithinT => {
                self.sl_answered_within_t_over_offered_minus_abandoned_within_t
            }
            SlDefinition::AllWaitLeT => self.sl_all_wait_le_t_over_offered,
            SlDefinition::VirtualWaitLeT => self.sl_virtual_wait_le_t_over_offered,
        })
    }
}

impl QueueMetrics for ChatKpis {
    fn service_level(&self, variant: SlDefinition) -> Option<f64> {
        ChatKpis::service_level(self, variant).map(|s| s.value)
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
        self.slot_utilisation
    }
}

/// Which chat quantity to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatMetric {
    PWait,
    PAbandon,
    AsaServed,
    ServiceLevel(SlDefinition),
    SlotUtilisation,
    AgentBusyFraction,
    Throughput,
}

impl ChatKpis {
    /// How `metric` was computed, with these inputs substituted.
    ///
    /// ```
    /// use callcalc_engine::{Chat, ChatMetric};
    /// let c = Chat::new(180.0, 3600.0, &[300.0, 420.0], None, 60.0).unwrap();
    /// let k = *c.at(12).stable().unwrap();
    /// let t = k.trace(ChatMetric::SlotUtilisation);
    /// assert_eq!(t.id, "chat.slot_utilisation");
    /// assert!((t.result / 0.8010158852245794 - 1.0).abs() < 1e-12); // reference xpub-c-02
    /// ```
    pub fn trace(&self, metric: ChatMetric) -> Trace {
        let base = |t: Trace| {
            t.input("λ", "chat arrival rate", self.arrival_rate_per_s, "1/s")
                .input("N", "agents", self.agents as f64, "")
                .input("k", "most chats per agent", self.concurrency as f64, "")
                .input("ν", "completion rate with every slot busy, N·k/AHT_k", self.full_rate_per_s, "1/s")
                .input("patience", "mean patience (∞ = none)", self.mean_patience_s.unwrap_or(f64::INFINITY), "s")
        };
        match metric {
            ChatMetric::PWait => base(Trace::new(
                "chat.p_wait",
                "P_wait = Σ_{n ≥ N·k} π_n",
                "probability a chat finds every slot busy (even split)",
                SRC,
                self.p_wait,
                "",
            )),
            ChatMetric::PAbandon => base(Trace::new(
                "chat.p_abandon",
                "P_abandon = θ·E[Q]/λ",
                "share of offered chats that abandon",
                SRC,
                self.p_abandon,
                "",
            )),
            ChatMetric::AsaServed => base(Trace::new(
                "chat.asa_served",
                "E[W | served] = Σ_i π_{Nk+i}·ν/(ν+(i+1)θ)·Σ_{m≤i} 1/(ν+(m+1)θ) / P_served",
                "mean wait of served chats, zero waits included",
                SRC,
                self.asa_served_s.unwrap_or(f64::NAN),
                "s",
            )),
            ChatMetric::ServiceLevel(v) => {
                let value = QueueMetrics::service_level(self, v).unwrap_or(f64::NAN);
                base(Trace::new(
                    "chat.service_level",
                    "P(V ≤ T | i) = I_x(i+1, ν/θ), x = 1 − e^(−θT), ν = N·k/AHT_k",
                    v.describe(),
                    SRC,
                    value,
                    "",
                ))
                .input("T", "service-level threshold", self.threshold_s, "s")
            }
            ChatMetric::SlotUtilisation => base(Trace::new(
                "chat.slot_utilisation",
                "u = E[min(n, N·k)] / (N·k)",
                "share of chat slots in use (the chat model's occupancy)",
                SRC,
                self.slot_utilisation,
                "",
            )),
            ChatMetric::AgentBusyFraction => base(Trace::new(
                "chat.agent_busy_fraction",
                "b = E[min(n, N)] / N",
                "share of agents holding at least one chat, even split",
                SRC,
                self.agent_busy_fraction,
                "",
            )),
            ChatMetric::Throughput => base(Trace::new(
                "chat.throughput",
                "X = λ·P_served·interval",
                "chats completed per interval",
                SRC,
                self.throughput_per_interval,
                "",
            ))
            .input("interval", "interval length", self.interval_s, "s"),
        }
    }
}

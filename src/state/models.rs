//! The queue-model pages (comparison and capacity): the form as typed, its
//! parsing into engine inputs, persistence, and the engine calls for each page.

use callcalc_engine::{
    erlang_b, parse_decimal, parse_duration_s, parse_percent, required_agents, simulate, ErlangA, ErlangAKpis, ErlangC,
    ErlangX, ErlangXResult, FieldError, Load, Problem, Queue, QueueKpis, QueueMetrics, QueueTargets, Redial,
    RedialSource, SimulationResult, SimulationSpec, SlDefinition, Targets,
};

use crate::state::form::keep;
use crate::storage::{self, Loaded};

pub const STORAGE_KEY: &str = "callcalc.models";
const KIND: &str = "models";
pub const VERSION: u32 = 1;

/// The form as typed (text, so nothing is lost while a value is half-typed).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelInputs {
    pub calls: String,
    pub interval_min: String,
    pub aht: String,
    pub sl_percent: String,
    pub sl_seconds: String,
    pub patience: String,
    pub lines: String,
    pub redial_percent: String,
    pub agents: String,
}

impl Default for ModelInputs {
    /// 360 calls per half hour at 4:00, 80/20, patience 2 min, 60 lines, 20%
    /// of lost callers redial, 52 agents on hand.
    fn default() -> Self {
        ModelInputs {
            calls: "360".into(),
            interval_min: "30".into(),
            aht: "4:00".into(),
            sl_percent: "80".into(),
            sl_seconds: "20".into(),
            patience: "120".into(),
            lines: "60".into(),
            redial_percent: "20".into(),
            agents: "52".into(),
        }
    }
}

/// Validated engine inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParsedModels {
    pub load: Load,
    pub sl_target: f64,
    pub threshold_s: f64,
    pub patience_s: f64,
    pub lines: Option<u32>,
    pub redial: Redial,
    pub agents: u32,
}

fn renamed(field: &'static str, r: Result<f64, FieldError>) -> Result<f64, FieldError> {
    r.map_err(|e| FieldError { field, ..e })
}

fn whole(field: &'static str, text: &str) -> Result<u32, FieldError> {
    crate::state::form::whole(field, text, 0.0, 1.0e7)
}

impl ModelInputs {
    /// Validates every field; each error names its form field.
    pub fn parse(&self) -> Result<ParsedModels, Vec<FieldError>> {
        let mut errs = Vec::new();
        let calls = keep(&mut errs, parse_decimal("calls", &self.calls));
        let interval = keep(&mut errs, parse_decimal("interval_min", &self.interval_min));
        let aht = keep(&mut errs, parse_duration_s("aht", &self.aht));
        let sl = keep(&mut errs, parse_percent("sl_percent", &self.sl_percent));
        let t = keep(&mut errs, parse_decimal("sl_seconds", &self.sl_seconds));
        let patience = keep(&mut errs, parse_duration_s("patience", &self.patience));
        let lines = match self.lines.trim() {
            "" => Some(None),
            text => keep(&mut errs, whole("lines", text)).map(Some),
        };
        let redial = keep(&mut errs, parse_percent("redial_percent", &self.redial_percent)).and_then(|r| {
            keep(
                &mut errs,
                Redial::new(r, RedialSource::BlockedAndAbandoned)
                    .map_err(|e| FieldError { field: "redial_percent", ..e }),
            )
        });
        let agents = keep(&mut errs, whole("agents", &self.agents));
        let load = match (calls, interval, aht) {
            (Some(c), Some(i), Some(a)) => keep(
                &mut errs,
                Load::new(c, i * 60.0, a).map_err(|e| {
                    let field = match e.field {
                        "interval_s" => "interval_min",
                        "aht_s" => "aht",
                        _ => "calls",
                    };
                    FieldError { field, ..e }
                }),
            ),
            _ => None,
        };
        if let (Some(sl), Some(t)) = (sl, t) {
            keep(&mut errs, renamed("sl_percent", callcalc_engine::Targets::service_level(sl, t).map(|_| sl)));
        }
        if let Some(p) = patience {
            if p <= 0.0 {
                errs.push(FieldError::new("patience", &self.patience, Problem::NotPositive));
            }
        }
        if let (Some(load), Some(p), Some(l), Some(r)) = (load, patience, lines, redial) {
            if p > 0.0 {
                let check = ErlangX::new(load, l, Some(p), r, t.unwrap_or(0.0)).map_err(|e| {
                    let field = match e.field {
                        "mean_patience_s" => "patience",
                        "lines" => "lines",
                        "sl_threshold_s" => "sl_seconds",
                        _ => "calls",
                    };
                    FieldError { field, ..e }
                });
                keep(&mut errs, check);
            }
        }
        match (load, sl, t, patience, lines, redial, agents) {
            (
                Some(load),
                Some(sl_target),
                Some(threshold_s),
                Some(patience_s),
                Some(lines),
                Some(redial),
                Some(agents),
            ) if errs.is_empty() => {
                Ok(ParsedModels { load, sl_target, threshold_s, patience_s, lines, redial, agents })
            }
            _ => Err(errs),
        }
    }

    pub fn encode(&self) -> String {
        storage::encode(
            KIND,
            VERSION,
            &[
                ("calls", &self.calls),
                ("interval_min", &self.interval_min),
                ("aht", &self.aht),
                ("sl_percent", &self.sl_percent),
                ("sl_seconds", &self.sl_seconds),
                ("patience", &self.patience),
                ("lines", &self.lines),
                ("redial_percent", &self.redial_percent),
                ("agents", &self.agents),
            ],
        )
    }

    pub fn decode(text: &str) -> Option<Self> {
        let Loaded::Found(m) = storage::decode(text, KIND, VERSION) else { return None };
        let get = |k: &str| m.get(k).cloned();
        Some(ModelInputs {
            calls: get("calls")?,
            interval_min: get("interval_min")?,
            aht: get("aht")?,
            sl_percent: get("sl_percent")?,
            sl_seconds: get("sl_seconds")?,
            patience: get("patience")?,
            lines: get("lines")?,
            redial_percent: get("redial_percent")?,
            agents: get("agents")?,
        })
    }

    /// `(inputs, discarded)`: `discarded` when a stored record could not be used.
    pub fn load_saved() -> (Self, bool) {
        storage::load_or_default(STORAGE_KEY, Self::decode)
    }

    pub fn save(&self) {
        storage::write_raw(STORAGE_KEY, &self.encode());
    }
}

/// The queue models compared side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    ErlangB,
    ErlangC,
    ErlangA,
    ErlangX,
}

impl Model {
    pub const ALL: [Model; 4] = [Model::ErlangB, Model::ErlangC, Model::ErlangA, Model::ErlangX];
    pub fn key(self) -> &'static str {
        match self {
            Model::ErlangB => "b",
            Model::ErlangC => "c",
            Model::ErlangA => "a",
            Model::ErlangX => "x",
        }
    }
}

/// KPIs of one model at one staffing level. `None` where the model has no
/// such quantity (Erlang B has no wait; Erlang C no abandonment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelKpis {
    /// Answered within T over offered (Erlang B: answered at once = 1 − B).
    pub service_level: Option<f64>,
    pub asa_s: Option<f64>,
    pub p_abandon: Option<f64>,
    pub p_block: Option<f64>,
    pub occupancy: Option<f64>,
    /// Traffic ≥ agents in a model without abandonment: no steady state.
    pub unstable: bool,
}

impl ModelKpis {
    fn unstable() -> Self {
        ModelKpis { service_level: None, asa_s: None, p_abandon: None, p_block: None, occupancy: None, unstable: true }
    }
}

/// One column of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelColumn {
    pub model: Model,
    /// Smallest N meeting the service-level target; `None` if unreachable.
    pub required: Option<u32>,
    /// KPIs at the agents the user chose.
    pub at_agents: ModelKpis,
}

fn c_kpis(q: Queue) -> ModelKpis {
    match q {
        Queue::Stable(k) => from_c(&k),
        Queue::Unstable(_) => ModelKpis::unstable(),
    }
}

fn from_c(k: &QueueKpis) -> ModelKpis {
    ModelKpis {
        service_level: Some(k.service_level),
        asa_s: Some(k.asa_s),
        p_abandon: Some(0.0),
        p_block: Some(0.0),
        occupancy: Some(k.occupancy),
        unstable: false,
    }
}

fn from_a(k: &ErlangAKpis) -> ModelKpis {
    ModelKpis {
        service_level: Some(k.sl_answered_within_t_over_offered.value),
        asa_s: k.asa_served_s,
        p_abandon: Some(k.p_abandon),
        p_block: Some(0.0),
        occupancy: Some(k.occupancy_carried),
        unstable: false,
    }
}

fn from_x(r: &ErlangXResult) -> ModelKpis {
    match r.stable() {
        Some(k) => ModelKpis {
            service_level: Some(k.sl_answered_within_t_over_attempts.value),
            asa_s: k.asa_served_s,
            p_abandon: Some(k.p_abandon),
            p_block: Some(k.p_block),
            occupancy: Some(k.occupancy),
            unstable: false,
        },
        None => ModelKpis::unstable(),
    }
}

/// Erlang B as a staffing model (no queue: a call is answered at once or lost).
fn b_kpis(p: &ParsedModels, n: u32) -> ModelKpis {
    let a = p.load.traffic().erlangs();
    let b = erlang_b(p.load.traffic(), n);
    ModelKpis {
        service_level: Some(1.0 - b),
        asa_s: Some(0.0),
        p_abandon: Some(0.0),
        p_block: Some(b),
        occupancy: Some(if n == 0 { 0.0 } else { a * (1.0 - b) / n as f64 }),
        unstable: false,
    }
}

/// The comparison page: each model's required agents for the SL target, and
/// every KPI at the chosen agents.
pub fn compare(p: &ParsedModels) -> Vec<ModelColumn> {
    let traffic = p.load.traffic();
    let b_required = callcalc_engine::lines_for_blocking(traffic, (1.0 - p.sl_target).max(f64::MIN_POSITIVE)).ok();
    let c_targets = Targets::service_level(p.sl_target, p.threshold_s).ok();
    let c_required = c_targets.map(|t| required_agents(&p.load, &t).agents);
    let c_at =
        ErlangC::new(p.load, p.threshold_s).map(|q| c_kpis(q.at(p.agents))).unwrap_or_else(|_| ModelKpis::unstable());
    let targets = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, p.sl_target).ok();
    let a = ErlangA::new(p.load, p.patience_s, p.threshold_s).ok();
    let x = ErlangX::new(p.load, p.lines, Some(p.patience_s), p.redial, p.threshold_s).ok();
    vec![
        ModelColumn { model: Model::ErlangB, required: b_required, at_agents: b_kpis(p, p.agents) },
        ModelColumn { model: Model::ErlangC, required: c_required, at_agents: c_at },
        ModelColumn {
            model: Model::ErlangA,
            required: a.as_ref().zip(targets.as_ref()).and_then(|(a, t)| a.required_agents(t).agents()),
            at_agents: a.map(|a| from_a(&a.at(p.agents))).unwrap_or_else(ModelKpis::unstable),
        },
        ModelColumn {
            model: Model::ErlangX,
            required: x.as_ref().zip(targets.as_ref()).and_then(|(x, t)| x.required_agents(t).agents()),
            at_agents: x.map(|x| from_x(&x.at(p.agents))).unwrap_or_else(ModelKpis::unstable),
        },
    ]
}

/// The capacity page: what the agents and lines achieve under Erlang X, and
/// the surplus or deficit against the agents the target needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Capacity {
    pub result: ErlangXResult,
    pub required: Option<u32>,
    /// `agents − required` (negative: a deficit).
    pub surplus: Option<i64>,
    pub meets_target: bool,
}

pub fn capacity(p: &ParsedModels) -> Option<Capacity> {
    let x = ErlangX::new(p.load, p.lines, Some(p.patience_s), p.redial, p.threshold_s).ok()?;
    let targets = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, p.sl_target).ok()?;
    let result = x.at(p.agents);
    let required = x.required_agents(&targets).agents();
    let meets_target = result
        .stable()
        .is_some_and(|k| k.service_level(SlDefinition::AnsweredOverOffered).is_some_and(|sl| sl >= p.sl_target));
    Some(Capacity { result, required, surplus: required.map(|r| p.agents as i64 - r as i64), meets_target })
}

/// Runs the seeded simulation of the true dynamics behind the capacity page's
/// Erlang X model (real redials after an exponential delay).
pub fn simulate_capacity(p: &ParsedModels, seed: u64) -> Result<SimulationResult, FieldError> {
    let x = ErlangX::new(p.load, p.lines, Some(p.patience_s), p.redial, p.threshold_s)?;
    let mut spec = SimulationSpec::from_erlang_x(&x, p.agents);
    spec.seed = seed;
    simulate(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let p = ModelInputs::default().parse().unwrap();
        assert_eq!(p.lines, Some(60));
        assert_eq!(p.agents, 52);
        assert!((p.redial.probability() - 0.2).abs() < 1e-15);
    }

    #[test]
    fn comparison_orders_models_by_what_they_assume() {
        let p = ModelInputs { lines: "".into(), redial_percent: "0".into(), ..Default::default() }.parse().unwrap();
        let cols = compare(&p);
        let req: Vec<u32> = cols.iter().map(|c| c.required.unwrap()).collect();
        // Erlang C (nobody hangs up) needs the most; Erlang A fewer, since
        // abandons relieve the queue; X without lines or redials equals A.
        assert_eq!(req[1], required_agents(&p.load, &Targets::service_level(0.8, 20.0).unwrap()).agents);
        assert!(req[2] <= req[1], "{req:?}");
        assert_eq!(req[2], req[3], "{req:?}");
    }

    #[test]
    fn capacity_reports_deficit_and_unstable_c() {
        let f = ModelInputs { agents: "45".into(), ..Default::default() };
        let p = f.parse().unwrap();
        let c = capacity(&p).unwrap();
        assert!(c.surplus.unwrap() < 0);
        assert!(!c.meets_target);
        // 45 agents < 48 Erlangs: Erlang C has no steady state, Erlang A does.
        let cols = compare(&p);
        assert!(cols[1].at_agents.unstable);
        assert!(!cols[2].at_agents.unstable);
    }

    #[test]
    fn bad_fields_are_named() {
        let f = ModelInputs {
            lines: "2.5".into(),
            patience: "0".into(),
            redial_percent: "100".into(),
            ..Default::default()
        };
        let errs = f.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        for f in ["lines", "patience", "redial_percent"] {
            assert!(fields.contains(&f), "{fields:?}");
        }
    }

    #[test]
    fn storage_round_trip() {
        let f = ModelInputs { lines: "".into(), ..Default::default() };
        assert_eq!(ModelInputs::decode(&f.encode()), Some(f));
    }
}

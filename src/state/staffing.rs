//! The staffing form: raw text fields, their persistence, and parsing into
//! engine inputs with every error located at its field.

use callcalc_engine::{
    parse_decimal, parse_duration_s, parse_percent, Chat, ChatMetric, DeferredWork, ErlangA, ErlangAMetric, ErlangC,
    ErlangX, ErlangXMetric, FieldError, GrossFte, Load, Metric, Problem, Queue, QueueBinding, QueueMetrics,
    QueueStaffing, QueueTargets, Redial, RedialSource, Shrinkage, SlDefinition, Targets, Trace,
};

use crate::storage::{self, Loaded};

pub const STORAGE_KEY: &str = "callcalc.staffing";
const KIND: &str = "staffing";
pub const VERSION: u32 = 2;
/// Records of version 1 (Erlang C only) are read and given the new fields' defaults.
const OLD_VERSION: u32 = 1;

/// Which target the form solves for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    ServiceLevel,
    Asa,
}

impl TargetKind {
    pub fn code(self) -> &'static str {
        match self {
            TargetKind::ServiceLevel => "sl",
            TargetKind::Asa => "asa",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "sl" => Some(TargetKind::ServiceLevel),
            "asa" => Some(TargetKind::Asa),
            _ => None,
        }
    }
}

/// The queueing model the page staffs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffingModel {
    /// Erlang C: nobody abandons, unlimited lines.
    C,
    /// Erlang A: callers abandon after an exponential patience.
    A,
    /// Erlang X: patience, limited lines and redials.
    X,
    /// Chat: an agent handles up to k chats, AHT per concurrency.
    Chat,
    /// Deferred work (e-mail, back office): cleared within a deadline.
    Deferred,
}

impl StaffingModel {
    pub const ALL: [StaffingModel; 5] =
        [StaffingModel::C, StaffingModel::A, StaffingModel::X, StaffingModel::Chat, StaffingModel::Deferred];
    pub fn code(self) -> &'static str {
        match self {
            StaffingModel::C => "c",
            StaffingModel::A => "a",
            StaffingModel::X => "x",
            StaffingModel::Chat => "chat",
            StaffingModel::Deferred => "deferred",
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == s)
    }
}

/// The form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingInputs {
    pub calls: String,
    pub interval_min: String,
    pub aht: String,
    pub target: TargetKind,
    pub sl_percent: String,
    pub sl_seconds: String,
    pub asa_seconds: String,
    pub max_occupancy: String,
    pub shrinkage: String,
    pub agents_on_hand: String,
    pub model: StaffingModel,
    /// Erlang A / X / chat: mean patience (s or mm:ss; chat: empty = none).
    pub patience: String,
    /// Erlang X: lines (empty = unlimited).
    pub lines: String,
    /// Erlang X: share of lost callers who redial, %.
    pub redial_percent: String,
    /// Chat: AHT when handling 1, 2, … chats at once, separated by `;`.
    pub chat_aht: String,
    /// Deferred work: response deadline, hours.
    pub deadline_h: String,
    /// Deferred work: productive share of an agent's time, %.
    pub productive_percent: String,
}

impl Default for StaffingInputs {
    /// The demo: 360 calls per half hour at 4 minutes, 80/20, 30% shrinkage.
    fn default() -> Self {
        StaffingInputs {
            calls: "360".into(),
            interval_min: "30".into(),
            aht: "4:00".into(),
            target: TargetKind::ServiceLevel,
            sl_percent: "80".into(),
            sl_seconds: "20".into(),
            asa_seconds: "15".into(),
            max_occupancy: "".into(),
            shrinkage: "30".into(),
            agents_on_hand: "".into(),
            model: StaffingModel::C,
            patience: "120".into(),
            lines: "".into(),
            redial_percent: "0".into(),
            chat_aht: "240; 300; 380".into(),
            deadline_h: "4".into(),
            productive_percent: "85".into(),
        }
    }
}

/// The model-specific inputs, validated.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelParams {
    C,
    A { patience_s: f64 },
    X { patience_s: f64, lines: Option<u32>, redial: Redial },
    Chat { aht_by_concurrency_s: Vec<f64>, patience_s: Option<f64> },
    Deferred { deadline_s: f64, productive_share: f64 },
}

/// Engine inputs, all validated.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedStaffing {
    pub load: Load,
    pub targets: Targets,
    pub shrinkage: Shrinkage,
    pub agents_on_hand: Option<u32>,
    pub model: ModelParams,
}

use crate::state::form::{keep as field, optional, whole};

impl StaffingInputs {
    /// Validates every field, collecting all errors (each names its form field).
    pub fn parse(&self) -> Result<ParsedStaffing, Vec<FieldError>> {
        let mut errs = Vec::new();
        let calls = field(&mut errs, parse_decimal("calls", &self.calls));
        let interval_min = field(&mut errs, parse_decimal("interval_min", &self.interval_min));
        let aht = field(&mut errs, parse_duration_s("aht", &self.aht));
        let sl_seconds = field(&mut errs, parse_decimal("sl_seconds", &self.sl_seconds));
        let sl_target = match self.target {
            TargetKind::ServiceLevel => field(&mut errs, parse_percent("sl_percent", &self.sl_percent)).map(Some),
            TargetKind::Asa => Some(None),
        };
        let max_asa = match self.target {
            TargetKind::Asa => field(&mut errs, parse_decimal("asa_seconds", &self.asa_seconds)).map(Some),
            TargetKind::ServiceLevel => Some(None),
        };
        let max_occ = match optional(&self.max_occupancy) {
            None => Some(None),
            Some(t) => field(&mut errs, parse_percent("max_occupancy", t)).map(Some),
        };
        let shrink = field(&mut errs, parse_percent("shrinkage", &self.shrinkage))
            .and_then(|s| field(&mut errs, Shrinkage::new(s).map_err(|e| FieldError { field: "shrinkage", ..e })));
        let on_hand = match optional(&self.agents_on_hand) {
            None => Some(None),
            Some(t) => field(&mut errs, whole("agents_on_hand", t, 0.0, 1.0e7)).map(Some),
        };
        let load = match (calls, interval_min, aht) {
            (Some(c), Some(i), Some(a)) => {
                let r = Load::new(c, i * 60.0, a).map_err(|e| {
                    let field = match e.field {
                        "interval_s" => "interval_min",
                        "aht_s" => "aht",
                        "traffic_erlangs" => "calls",
                        f => f,
                    };
                    FieldError { field, ..e }
                });
                field(&mut errs, r)
            }
            _ => None,
        };
        let targets = match (sl_seconds, sl_target, max_asa, max_occ) {
            (Some(t), Some(sl), Some(asa), Some(occ)) => {
                let r = Targets::new(t, sl, asa, occ).map_err(|e| {
                    let field = match e.field {
                        "sl_threshold_s" => "sl_seconds",
                        "sl_target" => "sl_percent",
                        "max_asa_s" => "asa_seconds",
                        f => f,
                    };
                    FieldError { field, ..e }
                });
                field(&mut errs, r)
            }
            _ => None,
        };
        let model = self.parse_model(&mut errs);
        match (load, targets, shrink, on_hand, model) {
            (Some(load), Some(targets), Some(shrinkage), Some(agents_on_hand), Some(model)) if errs.is_empty() => {
                Ok(ParsedStaffing { load, targets, shrinkage, agents_on_hand, model })
            }
            _ => Err(errs),
        }
    }

    /// The fields of the chosen model (the others are kept but not checked).
    fn parse_model(&self, errs: &mut Vec<FieldError>) -> Option<ModelParams> {
        let patience = |errs: &mut Vec<FieldError>| -> Option<f64> {
            let p = field(errs, parse_duration_s("patience", &self.patience))?;
            if p <= 0.0 {
                errs.push(FieldError::new("patience", &self.patience, Problem::NotPositive));
                return None;
            }
            Some(p)
        };
        match self.model {
            StaffingModel::C => Some(ModelParams::C),
            StaffingModel::A => patience(errs).map(|patience_s| ModelParams::A { patience_s }),
            StaffingModel::X => {
                let p = patience(errs);
                let lines = match optional(&self.lines) {
                    None => Some(None),
                    Some(t) => field(errs, whole("lines", t, 1.0, 1.0e6)).map(Some),
                };
                let redial = field(errs, parse_percent("redial_percent", &self.redial_percent)).and_then(|r| {
                    field(
                        errs,
                        Redial::new(r, RedialSource::BlockedAndAbandoned)
                            .map_err(|e| FieldError { field: "redial_percent", ..e }),
                    )
                });
                Some(ModelParams::X { patience_s: p?, lines: lines?, redial: redial? })
            }
            StaffingModel::Chat => {
                let mut list = Vec::new();
                let mut ok = true;
                for part in self.chat_aht.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    match parse_duration_s("chat_aht", part) {
                        Ok(x) if x > 0.0 => list.push(x),
                        Ok(_) => {
                            errs.push(FieldError::new("chat_aht", part, Problem::NotPositive));
                            ok = false;
                        }
                        Err(e) => {
                            errs.push(e);
                            ok = false;
                        }
                    }
                }
                if ok && list.is_empty() {
                    errs.push(FieldError::new(
                        "chat_aht",
                        &self.chat_aht,
                        Problem::Unreadable { expected: "a number" },
                    ));
                    ok = false;
                }
                let p = match optional(&self.patience) {
                    None => Some(None),
                    Some(_) => patience(errs).map(Some),
                };
                (ok).then_some(()).and(p).map(|patience_s| ModelParams::Chat { aht_by_concurrency_s: list, patience_s })
            }
            StaffingModel::Deferred => {
                let d = field(errs, parse_decimal("deadline_h", &self.deadline_h));
                let prod = field(errs, parse_percent("productive_percent", &self.productive_percent));
                let (d, prod) = (d?, prod?);
                if d <= 0.0 {
                    errs.push(FieldError::new("deadline_h", &self.deadline_h, Problem::NotPositive));
                    return None;
                }
                if !(prod > 0.0 && prod <= 1.0) {
                    errs.push(FieldError::new(
                        "productive_percent",
                        &self.productive_percent,
                        Problem::OutOfRange { min: 0.0, max: 100.0, min_inclusive: false, max_inclusive: true },
                    ));
                    return None;
                }
                Some(ModelParams::Deferred { deadline_s: d * 3600.0, productive_share: prod })
            }
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
                ("target", self.target.code()),
                ("sl_percent", &self.sl_percent),
                ("sl_seconds", &self.sl_seconds),
                ("asa_seconds", &self.asa_seconds),
                ("max_occupancy", &self.max_occupancy),
                ("shrinkage", &self.shrinkage),
                ("agents_on_hand", &self.agents_on_hand),
                ("model", self.model.code()),
                ("patience", &self.patience),
                ("lines", &self.lines),
                ("redial_percent", &self.redial_percent),
                ("chat_aht", &self.chat_aht),
                ("deadline_h", &self.deadline_h),
                ("productive_percent", &self.productive_percent),
            ],
        )
    }

    /// Decodes a stored record; `None` if it is not a complete record of this
    /// version or of version 1 (which lacks the model fields: they get defaults).
    pub fn decode(text: &str) -> Option<Self> {
        let (m, old) = match storage::decode(text, KIND, VERSION) {
            Loaded::Found(m) => (m, false),
            _ => match storage::decode(text, KIND, OLD_VERSION) {
                Loaded::Found(m) => (m, true),
                _ => return None,
            },
        };
        let get = |k: &str| m.get(k).cloned();
        let d = StaffingInputs::default();
        let newer = |k: &str, default: String| if old { Some(default) } else { get(k) };
        Some(StaffingInputs {
            calls: get("calls")?,
            interval_min: get("interval_min")?,
            aht: get("aht")?,
            target: TargetKind::from_code(&get("target")?)?,
            sl_percent: get("sl_percent")?,
            sl_seconds: get("sl_seconds")?,
            asa_seconds: get("asa_seconds")?,
            max_occupancy: get("max_occupancy")?,
            shrinkage: get("shrinkage")?,
            agents_on_hand: get("agents_on_hand")?,
            model: if old { StaffingModel::C } else { StaffingModel::from_code(&get("model")?)? },
            patience: newer("patience", d.patience)?,
            lines: newer("lines", d.lines)?,
            redial_percent: newer("redial_percent", d.redial_percent)?,
            chat_aht: newer("chat_aht", d.chat_aht)?,
            deadline_h: newer("deadline_h", d.deadline_h)?,
            productive_percent: newer("productive_percent", d.productive_percent)?,
        })
    }

    /// Loads the saved form: `(inputs, discarded)` where `discarded` says a
    /// stored record existed but could not be used.
    pub fn load_saved() -> (Self, bool) {
        storage::load_or_default(STORAGE_KEY, Self::decode)
    }

    pub fn save(&self) {
        storage::write_raw(STORAGE_KEY, &self.encode());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_give_traffic_48() {
        let p = StaffingInputs::default().parse().unwrap();
        assert!((p.load.traffic().erlangs() - 48.0).abs() < 1e-12);
        assert_eq!(p.targets.sl_target, Some(0.8));
    }

    #[test]
    fn decimal_comma_and_mmss_are_accepted() {
        let f = StaffingInputs { calls: "100,5".into(), aht: "3:10".into(), ..Default::default() };
        let p = f.parse().unwrap();
        assert_eq!(p.load.calls(), 100.5);
        assert_eq!(p.load.aht_s(), 190.0);
    }

    #[test]
    fn every_bad_field_is_reported_at_its_name() {
        let f =
            StaffingInputs { aht: "0".into(), shrinkage: "100".into(), sl_percent: "abc".into(), ..Default::default() };
        let errs = f.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"aht"), "{fields:?}");
        assert!(fields.contains(&"shrinkage"), "{fields:?}");
        assert!(fields.contains(&"sl_percent"), "{fields:?}");
    }

    #[test]
    fn version_1_records_are_migrated_to_erlang_c() {
        let v1 = "staffing v1\ncalls=100\ninterval_min=30\naht=3:00\ntarget=sl\nsl_percent=80\nsl_seconds=20\nasa_seconds=15\nmax_occupancy=\nshrinkage=30\nagents_on_hand=\n";
        let f = StaffingInputs::decode(v1).unwrap();
        assert_eq!(f.calls, "100");
        assert_eq!(f.model, StaffingModel::C);
        assert_eq!(f.chat_aht, StaffingInputs::default().chat_aht);
    }

    #[test]
    fn model_fields_are_checked_only_for_the_chosen_model() {
        let bad = StaffingInputs { patience: "0".into(), chat_aht: "x".into(), ..Default::default() };
        assert!(bad.parse().is_ok(), "Erlang C ignores patience and chat fields");
        let a = StaffingInputs { model: StaffingModel::A, ..bad.clone() };
        assert_eq!(a.parse().unwrap_err()[0].field, "patience");
        let chat = StaffingInputs { model: StaffingModel::Chat, patience: "".into(), ..bad };
        assert_eq!(chat.parse().unwrap_err()[0].field, "chat_aht");
    }

    #[test]
    fn storage_round_trip_and_corrupt_records() {
        let f = StaffingInputs { aht: "3:10".into(), target: TargetKind::Asa, ..Default::default() };
        assert_eq!(StaffingInputs::decode(&f.encode()), Some(f));
        assert_eq!(StaffingInputs::decode("staffing v0\ncalls=1\n"), None);
        assert_eq!(StaffingInputs::decode("staffing v2\ncalls=1\n"), None);
    }
}

/// KPIs of the chosen model at one number of agents. `None` where the model
/// has no such quantity (Erlang C has no abandonment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KpiRow {
    pub agents: u32,
    /// No steady state (traffic ≥ agents, nobody abandons).
    pub unstable: bool,
    pub service_level: Option<f64>,
    pub p_wait: Option<f64>,
    pub asa_s: Option<f64>,
    pub occupancy: Option<f64>,
    pub p_abandon: Option<f64>,
    pub p_block: Option<f64>,
}

impl KpiRow {
    fn unstable(agents: u32) -> Self {
        KpiRow {
            agents,
            unstable: true,
            service_level: None,
            p_wait: None,
            asa_s: None,
            occupancy: None,
            p_abandon: None,
            p_block: None,
        }
    }
    fn from_queue(q: Queue) -> Self {
        match q {
            Queue::Stable(k) => KpiRow {
                agents: k.agents,
                unstable: false,
                service_level: Some(k.service_level),
                p_wait: Some(k.p_wait),
                asa_s: Some(k.asa_s),
                occupancy: Some(k.occupancy),
                p_abandon: None,
                p_block: None,
            },
            Queue::Unstable(o) => KpiRow::unstable(o.agents),
        }
    }
}

/// What decided the number of agents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    NoTraffic,
    Stability,
    ServiceLevel,
    Asa,
    Occupancy,
    Abandonment,
    Blocking,
    Deadline,
}

/// Traces of the page's numbers (those the model has).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Traces {
    pub traffic: Option<Trace>,
    pub agents: Option<Trace>,
    pub gross: Option<Trace>,
    pub service_level: Option<Trace>,
    pub p_wait: Option<Trace>,
    pub asa: Option<Trace>,
    pub occupancy: Option<Trace>,
    pub p_abandon: Option<Trace>,
    pub p_block: Option<Trace>,
}

/// Everything the staffing page shows, computed by the engine in one place
/// (called from a memo, never from inside `view!`).
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingOutcome {
    pub model: StaffingModel,
    pub traffic_erlangs: f64,
    /// Net agents meeting every target; `None` when no number of agents can.
    pub agents: Option<u32>,
    /// Agents by the queue targets before the occupancy cap (Erlang C only).
    pub raw_agents: Option<u32>,
    pub decided: Decided,
    pub gross: Option<GrossFte>,
    /// KPIs at `agents`.
    pub at: Option<KpiRow>,
    /// Agents N−3 … N+5.
    pub table: Vec<KpiRow>,
    /// (agents, service level) for the chart, stable N only.
    pub chart: Vec<(u32, f64)>,
    /// KPIs at the agents the user has, if given.
    pub check: Option<KpiRow>,
    pub traces: Traces,
}

fn queue_targets(t: &Targets) -> Option<QueueTargets> {
    QueueTargets::new(SlDefinition::AnsweredOverOffered, t.sl_target, t.max_asa_s, None, None, t.max_occupancy).ok()
}

fn decided(b: QueueBinding) -> Decided {
    match b {
        QueueBinding::NoTraffic => Decided::NoTraffic,
        QueueBinding::Minimum | QueueBinding::Stability => Decided::Stability,
        QueueBinding::ServiceLevel => Decided::ServiceLevel,
        QueueBinding::Asa => Decided::Asa,
        QueueBinding::Abandonment => Decided::Abandonment,
        QueueBinding::Blocking => Decided::Blocking,
        QueueBinding::Occupancy => Decided::Occupancy,
    }
}

fn queue_row<K: QueueMetrics>(agents: u32, k: &K, p_wait: f64, with_block: bool) -> KpiRow {
    KpiRow {
        agents,
        unstable: false,
        service_level: k.service_level(SlDefinition::AnsweredOverOffered),
        p_wait: Some(p_wait),
        asa_s: k.asa_served_s(),
        occupancy: Some(k.occupancy()),
        p_abandon: Some(k.p_abandon()),
        p_block: with_block.then(|| k.p_block()),
    }
}

/// Rows N−3…N+5, the chart points and the check, from a KPI function of N.
fn around(
    n: u32,
    on_hand: Option<u32>,
    eval: impl Fn(u32) -> KpiRow,
) -> (Vec<KpiRow>, Vec<(u32, f64)>, Option<KpiRow>) {
    let table = (n.saturating_sub(3)..=n.saturating_add(5)).map(&eval).collect();
    let chart = if n == 0 {
        Vec::new()
    } else {
        (n.saturating_sub(12)..=n.saturating_add(8))
            .map(&eval)
            .filter_map(|r| r.service_level.filter(|_| !r.unstable).map(|sl| (r.agents, sl)))
            .collect()
    };
    (table, chart, on_hand.map(eval))
}

/// Fills the outcome from a queue model's staffing solve: required agents,
/// what decided them, KPI rows around them, and the traces `traces_of` gives.
/// When no number of agents meets the targets, only the check is filled.
fn fill_solved<K>(
    out: &mut StaffingOutcome,
    on_hand: Option<u32>,
    solved: Option<&QueueStaffing<K>>,
    eval: impl Fn(u32) -> KpiRow,
    traces_of: impl FnOnce(&K, &mut Traces),
) {
    match solved {
        Some(s) => {
            traces_of(&s.kpis, &mut out.traces);
            out.agents = Some(s.agents);
            out.decided = decided(s.binding);
            out.at = Some(eval(s.agents));
            (out.table, out.chart, out.check) = around(s.agents, on_hand, eval);
        }
        None => out.check = on_hand.map(eval),
    }
}

/// Solves the page for the chosen model: required agents, gross FTE, the
/// N−3…N+5 table, the chart and the optional check of a given head count.
pub fn compute(p: &ParsedStaffing) -> StaffingOutcome {
    let load = p.load;
    let t = p.targets;
    let traffic = load.traffic().erlangs();
    let mut out = StaffingOutcome {
        model: StaffingModel::C,
        traffic_erlangs: traffic,
        agents: None,
        raw_agents: None,
        decided: Decided::Stability,
        gross: None,
        at: None,
        table: Vec::new(),
        chart: Vec::new(),
        check: None,
        traces: Traces { traffic: Some(load.trace()), ..Traces::default() },
    };
    match &p.model {
        ModelParams::C => {
            let s = callcalc_engine::required_agents(&load, &t);
            let q = ErlangC::new(load, t.sl_threshold_s).ok();
            let eval = |n: u32| q.map_or(KpiRow::unstable(n), |q| KpiRow::from_queue(q.at(n)));
            let (table, chart, check) = around(s.agents, p.agents_on_hand, eval);
            out.traces.agents = Some(s.trace(&t));
            out.traces.service_level = Some(s.kpis.trace(Metric::ServiceLevel));
            out.traces.p_wait = Some(s.kpis.trace(Metric::PWait));
            out.traces.asa = Some(s.kpis.trace(Metric::Asa));
            out.traces.occupancy = Some(s.kpis.trace(Metric::Occupancy));
            out.decided = match s.binding {
                callcalc_engine::Binding::NoTraffic => Decided::NoTraffic,
                callcalc_engine::Binding::Stability => Decided::Stability,
                callcalc_engine::Binding::ServiceLevel => Decided::ServiceLevel,
                callcalc_engine::Binding::Asa => Decided::Asa,
                callcalc_engine::Binding::Occupancy => Decided::Occupancy,
            };
            out.agents = Some(s.agents);
            out.raw_agents = Some(s.raw_agents);
            out.at = Some(KpiRow::from_queue(Queue::Stable(s.kpis)));
            (out.table, out.chart, out.check) = (table, chart, check);
        }
        ModelParams::A { patience_s } => {
            if let (Ok(a), Some(qt)) = (ErlangA::new(load, *patience_s, t.sl_threshold_s), queue_targets(&t)) {
                let eval = |n: u32| {
                    let k = a.at(n);
                    queue_row(n, &k, k.p_wait, false)
                };
                fill_solved(&mut out, p.agents_on_hand, a.required_agents(&qt).met(), eval, |k, tr| {
                    tr.service_level = Some(k.trace(ErlangAMetric::ServiceLevel(SlDefinition::AnsweredOverOffered)));
                    tr.p_wait = Some(k.trace(ErlangAMetric::PWait));
                    tr.asa = Some(k.trace(ErlangAMetric::AsaServed));
                    tr.occupancy = Some(k.trace(ErlangAMetric::Occupancy));
                    tr.p_abandon = Some(k.trace(ErlangAMetric::PAbandon));
                });
            }
        }
        ModelParams::X { patience_s, lines, redial } => {
            if let (Ok(x), Some(qt)) =
                (ErlangX::new(load, *lines, Some(*patience_s), *redial, t.sl_threshold_s), queue_targets(&t))
            {
                let eval = |n: u32| match x.at(n).stable() {
                    Some(k) => queue_row(n, k, k.p_wait, true),
                    None => KpiRow::unstable(n),
                };
                fill_solved(&mut out, p.agents_on_hand, x.required_agents(&qt).met(), eval, |k, tr| {
                    tr.service_level = Some(k.trace(ErlangXMetric::ServiceLevel(SlDefinition::AnsweredOverOffered)));
                    tr.p_wait = Some(k.trace(ErlangXMetric::PWait));
                    tr.asa = Some(k.trace(ErlangXMetric::AsaServed));
                    tr.occupancy = Some(k.trace(ErlangXMetric::Occupancy));
                    tr.p_abandon = Some(k.trace(ErlangXMetric::Abandonment));
                    tr.p_block = Some(k.trace(ErlangXMetric::Blocking));
                });
            }
        }
        ModelParams::Chat { aht_by_concurrency_s, patience_s } => {
            let chat = Chat::new(load.calls(), load.interval_s(), aht_by_concurrency_s, *patience_s, t.sl_threshold_s);
            if let (Ok(c), Some(qt)) = (chat, queue_targets(&t)) {
                let eval = |n: u32| match c.at(n).stable() {
                    Some(k) => queue_row(n, k, k.p_wait, false),
                    None => KpiRow::unstable(n),
                };
                fill_solved(&mut out, p.agents_on_hand, c.required_agents(&qt).met(), eval, |k, tr| {
                    tr.service_level = Some(k.trace(ChatMetric::ServiceLevel(SlDefinition::AnsweredOverOffered)));
                    tr.p_wait = Some(k.trace(ChatMetric::PWait));
                    tr.asa = Some(k.trace(ChatMetric::AsaServed));
                    tr.occupancy = Some(k.trace(ChatMetric::SlotUtilisation));
                    tr.p_abandon = Some(k.trace(ChatMetric::PAbandon));
                });
            }
        }
        ModelParams::Deferred { deadline_s, productive_share } => {
            // This interval's arrivals, to be answered within the deadline: a
            // batch spread over the deadline's intervals.
            let window = (deadline_s / load.interval_s()).floor().max(1.0) as usize;
            let mut arrivals = vec![0.0; window];
            arrivals[0] = load.calls();
            if let Ok(w) = DeferredWork::new(&arrivals, load.interval_s(), load.aht_s(), *productive_share, *deadline_s)
            {
                let plan = w.plan();
                out.agents = Some(plan.level_agents);
                out.decided = Decided::Deadline;
                out.traces.agents = plan.intervals.last().map(|i| i.trace(&plan));
                out.at = Some(KpiRow {
                    agents: plan.level_agents,
                    unstable: false,
                    service_level: None,
                    p_wait: None,
                    asa_s: None,
                    occupancy: (plan.level_agents > 0).then(|| traffic / (plan.level_agents as f64 * productive_share)),
                    p_abandon: None,
                    p_block: None,
                });
            }
        }
    }
    out.model = match p.model {
        ModelParams::C => StaffingModel::C,
        ModelParams::A { .. } => StaffingModel::A,
        ModelParams::X { .. } => StaffingModel::X,
        ModelParams::Chat { .. } => StaffingModel::Chat,
        ModelParams::Deferred { .. } => StaffingModel::Deferred,
    };
    if let Some(n) = out.agents {
        let g = p.shrinkage.gross_of_count(n);
        out.traces.gross = Some(g.trace());
        out.gross = Some(g);
    }
    out
}

#[cfg(test)]
mod outcome_tests {
    use super::*;
    use callcalc_engine::{required_agents, Chat};

    fn with(model: StaffingModel) -> StaffingOutcome {
        compute(&StaffingInputs { model, ..Default::default() }.parse().unwrap())
    }

    #[test]
    fn demo_outcome_matches_reference_pub_rs_03() {
        // 360 calls / 30 min, AHT 240 s, 80% in 15 s → 55 agents (reference pub-rs-03).
        let f = StaffingInputs { sl_seconds: "15".into(), ..Default::default() };
        let o = compute(&f.parse().unwrap());
        assert_eq!(o.agents, Some(55));
        assert_eq!(o.gross.unwrap().fte_rounded, 79); // 55 / 0.7 = 78.57
        assert_eq!(o.table.first().map(|r| r.agents), Some(52));
        assert_eq!(o.table.last().map(|r| r.agents), Some(60));
        assert!(o.chart.windows(2).all(|w| w[1].1 > w[0].1), "SL rises with agents");
    }

    #[test]
    fn too_few_agents_on_hand_is_unstable_not_a_negative_wait() {
        let f = StaffingInputs { agents_on_hand: "40".into(), ..Default::default() };
        let o = compute(&f.parse().unwrap());
        assert!(o.check.unwrap().unstable);
        assert_eq!(o.check.unwrap().asa_s, None);
    }

    #[test]
    fn each_model_answers_through_the_engine() {
        let c = with(StaffingModel::C);
        assert_eq!(
            c.agents,
            Some(
                required_agents(&Load::new(360.0, 1800.0, 240.0).unwrap(), &Targets::service_level(0.8, 20.0).unwrap())
                    .agents
            )
        );
        let a = with(StaffingModel::A);
        let x = with(StaffingModel::X);
        assert!(a.agents.unwrap() <= c.agents.unwrap(), "abandons relieve the queue");
        assert_eq!(x.agents, a.agents, "X without lines or redials is A");
        assert!(a.at.unwrap().p_abandon.unwrap() > 0.0);
        let chat = with(StaffingModel::Chat);
        let qt = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();
        let direct = Chat::new(360.0, 1800.0, &[240.0, 300.0, 380.0], Some(120.0), 20.0).unwrap().required_agents(&qt);
        assert_eq!(chat.agents, direct.agents());
        let d = with(StaffingModel::Deferred);
        // 360 e-mails × 240 s = 24 h of work, within 4 h at 85% productive: ⌈24 / 3.4⌉ = 8 agents.
        assert_eq!(d.agents, Some(8));
        assert!(d.table.is_empty());
    }
}

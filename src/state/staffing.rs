//! The staffing form: raw text fields, their persistence, and parsing into
//! engine inputs with every error located at its field.

use callcalc_engine::{
    parse_decimal, parse_duration_s, parse_percent, FieldError, Load, Problem, Shrinkage, Targets,
};

use crate::storage::{self, Loaded};

pub const STORAGE_KEY: &str = "callcalc.staffing";
const KIND: &str = "staffing";
pub const VERSION: u32 = 1;

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
        }
    }
}

/// Engine inputs, all validated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParsedStaffing {
    pub load: Load,
    pub targets: Targets,
    pub shrinkage: Shrinkage,
    pub agents_on_hand: Option<u32>,
}

/// Parses one field, naming it on error.
fn field<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn optional(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty()).then_some(t)
}

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
            Some(t) => field(&mut errs, parse_decimal("agents_on_hand", t)).and_then(|x| {
                if x.fract() != 0.0 || !(0.0..=1.0e7).contains(&x) {
                    errs.push(FieldError::new("agents_on_hand", t, Problem::NotInteger));
                    None
                } else {
                    Some(Some(x as u32))
                }
            }),
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
        match (load, targets, shrink, on_hand) {
            (Some(load), Some(targets), Some(shrinkage), Some(agents_on_hand)) if errs.is_empty() => {
                Ok(ParsedStaffing { load, targets, shrinkage, agents_on_hand })
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
                ("target", self.target.code()),
                ("sl_percent", &self.sl_percent),
                ("sl_seconds", &self.sl_seconds),
                ("asa_seconds", &self.asa_seconds),
                ("max_occupancy", &self.max_occupancy),
                ("shrinkage", &self.shrinkage),
                ("agents_on_hand", &self.agents_on_hand),
            ],
        )
    }

    /// Decodes a stored record; `None` if it is not a complete record of this version.
    pub fn decode(text: &str) -> Option<Self> {
        let Loaded::Found(m) = storage::decode(text, KIND, VERSION) else { return None };
        let get = |k: &str| m.get(k).cloned();
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
        })
    }

    /// Loads the saved form: `(inputs, discarded)` where `discarded` says a
    /// stored record existed but could not be used.
    pub fn load_saved() -> (Self, bool) {
        match storage::read_raw(STORAGE_KEY) {
            None => (Self::default(), false),
            Some(text) => match Self::decode(&text) {
                Some(s) => (s, false),
                None => (Self::default(), true),
            },
        }
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
        let f = StaffingInputs { aht: "0".into(), shrinkage: "100".into(), sl_percent: "abc".into(), ..Default::default() };
        let errs = f.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"aht"), "{fields:?}");
        assert!(fields.contains(&"shrinkage"), "{fields:?}");
        assert!(fields.contains(&"sl_percent"), "{fields:?}");
    }

    #[test]
    fn storage_round_trip_and_corrupt_records() {
        let f = StaffingInputs { aht: "3:10".into(), target: TargetKind::Asa, ..Default::default() };
        assert_eq!(StaffingInputs::decode(&f.encode()), Some(f));
        assert_eq!(StaffingInputs::decode("staffing v0\ncalls=1\n"), None);
        assert_eq!(StaffingInputs::decode("staffing v1\ncalls=1\n"), None);
    }
}

/// Everything the staffing page shows, computed by the engine in one place
/// (called from a memo, never from inside `view!`).
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingOutcome {
    pub load: Load,
    pub targets: Targets,
    pub staffing: callcalc_engine::Staffing,
    pub gross: callcalc_engine::GrossFte,
    /// Agents N−3 … N+5.
    pub table: Vec<callcalc_engine::Queue>,
    /// (agents, service level) for the chart, stable N only.
    pub chart: Vec<(u32, f64)>,
    /// KPIs at the agents the user has, if given.
    pub check: Option<callcalc_engine::Queue>,
}

/// Solves the page: required agents, gross FTE, the N−3…N+5 table, the chart
/// and the optional check of a given head count.
pub fn compute(p: &ParsedStaffing) -> StaffingOutcome {
    use callcalc_engine::{required_agents, ErlangC, Queue};
    let staffing = required_agents(&p.load, &p.targets);
    let gross = staffing.gross(p.shrinkage);
    let queue = ErlangC::new(p.load, p.targets.sl_threshold_s);
    let n = staffing.agents;
    let (table, chart, check) = match queue {
        Ok(q) => {
            let table = q.range(n.saturating_sub(3), n.saturating_add(5));
            let first_stable = (p.load.traffic().erlangs().floor() as u32).saturating_add(1);
            let from = first_stable.max(n.saturating_sub(12));
            let chart = if n == 0 {
                Vec::new()
            } else {
                q.range(from, n.saturating_add(8))
                    .iter()
                    .filter_map(|r| match r {
                        Queue::Stable(k) => Some((k.agents, k.service_level)),
                        Queue::Unstable(_) => None,
                    })
                    .collect()
            };
            (table, chart, p.agents_on_hand.map(|m| q.at(m)))
        }
        // The threshold was validated by `Targets`; nothing to show otherwise.
        Err(_) => (Vec::new(), Vec::new(), None),
    };
    StaffingOutcome { load: p.load, targets: p.targets, staffing, gross, table, chart, check }
}

#[cfg(test)]
mod outcome_tests {
    use super::*;
    use callcalc_engine::Queue;

    #[test]
    fn demo_outcome_matches_reference_pub_rs_03() {
        // 360 calls / 30 min, AHT 240 s, 80% in 15 s → 55 agents (reference pub-rs-03).
        let f = StaffingInputs { sl_seconds: "15".into(), ..Default::default() };
        let o = compute(&f.parse().unwrap());
        assert_eq!(o.staffing.agents, 55);
        assert_eq!(o.gross.fte_rounded, 79); // 55 / 0.7 = 78.57
        assert_eq!(o.table.first().map(Queue::agents), Some(52));
        assert_eq!(o.table.last().map(Queue::agents), Some(60));
        assert!(o.chart.windows(2).all(|w| w[1].1 > w[0].1), "SL rises with agents");
    }

    #[test]
    fn too_few_agents_on_hand_is_unstable_not_a_negative_wait() {
        let f = StaffingInputs { agents_on_hand: "40".into(), ..Default::default() };
        let o = compute(&f.parse().unwrap());
        assert!(matches!(o.check, Some(Queue::Unstable(_))));
    }
}

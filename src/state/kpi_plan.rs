//! Plan vs actual on the KPI dashboard: the targets as typed (text kept as
//! text, empty = no target), their conversion into the engine's
//! [`PlanTargets`], the table of checks per dashboard row and for the total,
//! and the versioned localStorage record.

use callcalc_engine::{
    parse_decimal, parse_duration_s, parse_percent, plan_vs_actual, FieldError, PlanCheck, PlanTargets,
    PlanTargetsInput,
};

use crate::state::form::{keep, optional};
use crate::state::kpi::{Dashboard, MAX_SHOWN_ROWS};
use crate::storage::{self, Loaded};

const KIND: &str = "kpi-plan";
const VERSION: u32 = 1;
const STORAGE_KEY: &str = "callcalc.kpi-plan";

/// The plan targets as typed; an empty field means "no target".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanForm {
    /// Service level, percent (`80`, `80 %`).
    pub service_level: String,
    /// ASA, seconds or `m:ss`.
    pub asa: String,
    /// AHT, seconds or `m:ss`.
    pub aht: String,
    /// Abandonment rate, percent.
    pub abandonment: String,
    /// Cost per contact (in the cost basis chosen on the dashboard).
    pub cost: String,
    /// Budget (spend) per calendar month.
    pub budget: String,
}

/// The form field names (`plan_<name>`): test ids `input-plan_<name>`, errors `error-plan_<name>`.
pub const PLAN_FIELDS: [&str; 6] =
    ["plan_service_level", "plan_asa", "plan_aht", "plan_abandonment", "plan_cost", "plan_budget"];

impl PlanForm {
    /// Validates every field (all errors reported, each naming its `plan_*` field).
    pub fn parse(&self) -> Result<PlanTargets, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut field = |name: &'static str, text: &str, read: fn(&'static str, &str) -> Result<f64, FieldError>| {
            optional(text).and_then(|t| keep(&mut errs, read(name, t)))
        };
        let raw = PlanTargetsInput {
            service_level: field("plan_service_level", &self.service_level, parse_percent),
            asa_s: field("plan_asa", &self.asa, parse_duration_s),
            aht_s: field("plan_aht", &self.aht, parse_duration_s),
            abandonment: field("plan_abandonment", &self.abandonment, parse_percent),
            cost_per_contact: field("plan_cost", &self.cost, parse_decimal),
            monthly_budget: field("plan_budget", &self.budget, parse_decimal),
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        PlanTargets::new(raw).map_err(|mut e| {
            e.field = match e.field {
                "service_level" => "plan_service_level",
                "asa_s" => "plan_asa",
                "aht_s" => "plan_aht",
                "abandonment" => "plan_abandonment",
                "cost_per_contact" => "plan_cost",
                _ => "plan_budget",
            };
            vec![e]
        })
    }

    pub fn encode(&self) -> String {
        storage::encode(
            KIND,
            VERSION,
            &[
                ("service_level", &self.service_level),
                ("asa", &self.asa),
                ("aht", &self.aht),
                ("abandonment", &self.abandonment),
                ("cost", &self.cost),
                ("budget", &self.budget),
            ],
        )
    }

    /// Decodes a stored record; `None` unless it is a complete record of this version.
    pub fn decode(text: &str) -> Option<Self> {
        let Loaded::Found(m) = storage::decode(text, KIND, VERSION) else {
            return None;
        };
        let get = |k: &str| m.get(k).cloned();
        Some(PlanForm {
            service_level: get("service_level")?,
            asa: get("asa")?,
            aht: get("aht")?,
            abandonment: get("abandonment")?,
            cost: get("cost")?,
            budget: get("budget")?,
        })
    }

    /// The saved plan (`true` when a stored record had to be discarded).
    pub fn load_saved() -> (Self, bool) {
        match storage::read_raw(STORAGE_KEY) {
            None => (Self::default(), false),
            Some(text) => match Self::decode(&text) {
                Some(p) => (p, false),
                None => (Self::default(), true),
            },
        }
    }

    pub fn save(&self) {
        storage::write_raw(STORAGE_KEY, &self.encode());
    }
}

/// One row of the plan table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub label: String,
    /// `true` for the total row.
    pub total: bool,
    pub checks: Vec<PlanCheck>,
}

/// Every dashboard row (at most [`MAX_SHOWN_ROWS`]) and the total, against the plan.
pub fn plan_rows(dash: &Dashboard, plan: &PlanTargets) -> Vec<PlanRow> {
    let s = &dash.settings;
    let mut out: Vec<PlanRow> = dash
        .rows
        .iter()
        .take(MAX_SHOWN_ROWS)
        .map(|r| PlanRow { label: r.label.clone(), total: false, checks: plan_vs_actual(r, s, plan) })
        .collect();
    if let Some(t) = &dash.total {
        out.push(PlanRow { label: t.label.clone(), total: true, checks: plan_vs_actual(t, s, plan) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;
    use crate::state::kpi::{compute, kpi_data, KpiForm};
    use callcalc_engine::{KpiKey, PlanKey};

    #[test]
    fn the_form_reads_targets_as_written_and_names_bad_fields() {
        let f = PlanForm {
            service_level: "80 %".into(),
            asa: "0:20".into(),
            aht: "3:10".into(),
            abandonment: "5".into(),
            cost: "41,5".into(),
            budget: "".into(),
        };
        let p = f.parse().unwrap();
        assert!((p.get(PlanKey::ServiceLevel).unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(p.get(PlanKey::Asa), Some(20.0));
        assert_eq!(p.get(PlanKey::Aht), Some(190.0));
        assert!((p.get(PlanKey::Abandonment).unwrap() - 0.05).abs() < 1e-12);
        assert_eq!(p.get(PlanKey::CostPerContact), Some(41.5));
        assert_eq!(p.get(PlanKey::Budget), None);
        assert!(PlanForm::default().parse().unwrap().is_empty());
        let bad = PlanForm { aht: "x".into(), budget: "-5".into(), ..Default::default() };
        let errs = bad.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["plan_aht"]);
        let bad = PlanForm { service_level: "120".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err()[0].field, "plan_service_level");
        let bad = PlanForm { budget: "-5".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err()[0].field, "plan_budget");
    }

    #[test]
    fn the_record_round_trips_and_other_versions_are_discarded() {
        let f = PlanForm { service_level: "80".into(), budget: "1 000 000".into(), ..Default::default() };
        assert_eq!(PlanForm::decode(&f.encode()), Some(f.clone()));
        let other = f.encode().replacen("kpi-plan v1", "kpi-plan v2", 1);
        assert_eq!(PlanForm::decode(&other), None);
        assert_eq!(PlanForm::decode("garbage"), None);
    }

    #[test]
    fn the_demo_against_a_plan_has_every_row_and_the_total() {
        let data = kpi_data(&demo_dataset(), crate::state::dataset::SL_THRESHOLD_S);
        let dash = compute(&data, &KpiForm::default().parse().unwrap());
        let actual_sl = dash.total.as_ref().unwrap().value(KpiKey::ServiceLevel, &dash.settings).unwrap();
        // A target just above the actual SL is missed by exactly the gap.
        let f = PlanForm {
            service_level: format!("{}", (actual_sl + 0.01) * 100.0),
            budget: "3000000".into(),
            ..Default::default()
        };
        let rows = plan_rows(&dash, &f.parse().unwrap());
        assert_eq!(rows.len(), dash.rows.len() + 1);
        let total = rows.last().unwrap();
        assert!(total.total);
        let sl = total.checks.iter().find(|c| c.key == PlanKey::ServiceLevel).unwrap();
        assert_eq!(sl.met, Some(false));
        assert!((sl.difference.unwrap() + 0.01).abs() < 1e-9);
        // The budget of each month row is the monthly budget (whole months of the demo year).
        let budget = rows[1].checks.iter().find(|c| c.key == PlanKey::Budget).unwrap();
        assert!((budget.plan - 3_000_000.0).abs() < 1e-6, "{budget:?}");
        assert!(budget.actual.is_some(), "the demo has a cost");
    }
}

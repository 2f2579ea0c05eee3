//! Plan vs actual on the KPI dashboard: the targets as typed (text kept as
//! text, empty = no target), their conversion into the engine's
//! [`PlanTargets`], the table of checks per dashboard row and for the total,
//! and the versioned localStorage record.

use callcalc_engine::{
    parse_decimal, parse_duration_s, parse_percent, plan_vs_book, read_plan_file, FieldError, PlanBook, PlanCheck,
    PlanFile, PlanTargets, PlanTargetsInput,
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
    /// Targets per month as a small CSV (`month;sl;aht;cost_per_call;budget`),
    /// typed or loaded from a file; empty = none.
    pub months: String,
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

    /// The per-month targets read from [`PlanForm::months`] (good rows kept,
    /// bad rows as located errors).
    pub fn month_file(&self) -> PlanFile {
        if self.months.trim().is_empty() {
            PlanFile::default()
        } else {
            read_plan_file(self.months.as_bytes())
        }
    }

    /// The every-month targets and the months' own targets.
    pub fn book(&self) -> Result<PlanBook, Vec<FieldError>> {
        Ok(PlanBook::new(self.parse()?, self.month_file().months))
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
                ("months", &self.months),
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
            // Added later in version 1: older records have no per-month plan.
            months: get("months").unwrap_or_default(),
        })
    }

    /// The saved plan (`true` when a stored record had to be discarded).
    pub fn load_saved() -> (Self, bool) {
        storage::load_or_default(STORAGE_KEY, Self::decode)
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
pub fn plan_rows(dash: &Dashboard, plan: &PlanBook) -> Vec<PlanRow> {
    all_plan_rows(dash, plan, MAX_SHOWN_ROWS)
}

/// Every dashboard row (at most `limit`) and the total, against the plan.
pub fn all_plan_rows(dash: &Dashboard, plan: &PlanBook, limit: usize) -> Vec<PlanRow> {
    let s = &dash.settings;
    let mut out: Vec<PlanRow> = dash
        .rows
        .iter()
        .take(limit)
        .map(|r| PlanRow { label: r.label.clone(), total: false, checks: plan_vs_book(r, s, plan) })
        .collect();
    if let Some(t) = &dash.total {
        out.push(PlanRow { label: t.label.clone(), total: true, checks: plan_vs_book(t, s, plan) });
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
            months: String::new(),
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
        let rows = plan_rows(&dash, &f.book().unwrap());
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

    #[test]
    fn targets_per_month_from_a_file_and_in_the_exports() {
        use crate::state::kpi::{export_file, ExportFormat};
        let data = kpi_data(&demo_dataset(), crate::state::dataset::SL_THRESHOLD_S);
        let dash = compute(&data, &KpiForm::default().parse().unwrap());
        let first = &dash.rows[0].label; // the demo's first month, "YYYY-MM"
        let f = PlanForm {
            service_level: "80".into(),
            months: format!("month;sl;aht;cost_per_call;budget\n{first};95;;;2000000\nbad;1;;;\n"),
            ..Default::default()
        };
        let file = f.month_file();
        assert_eq!(file.months.len(), 1);
        assert_eq!((file.errors[0].row, file.errors[0].column.as_str()), (3, "month"));
        let book = f.book().unwrap();
        let rows = plan_rows(&dash, &book);
        let sl = |i: usize| rows[i].checks.iter().find(|c| c.key == PlanKey::ServiceLevel).unwrap().plan;
        assert!((sl(0) - 0.95).abs() < 1e-12, "the first month's own target");
        assert!((sl(1) - 0.80).abs() < 1e-12, "every other month");
        let budget = rows[0].checks.iter().find(|c| c.key == PlanKey::Budget).unwrap();
        assert!((budget.plan - 2_000_000.0).abs() < 1e-6);
        assert!(rows[1].checks.iter().all(|c| c.key != PlanKey::Budget), "no budget for other months");
        // The record keeps the months; an older record without them still reads.
        assert_eq!(PlanForm::decode(&f.encode()), Some(f.clone()));
        let old = f.encode().lines().filter(|l| !l.starts_with("months=")).collect::<Vec<_>>().join("\n");
        assert_eq!(PlanForm::decode(&old).map(|p| p.months), Some(String::new()));
        // Exports: plan columns on the KPI sheet (CSV) and a Plan sheet (JSON).
        let (_, _, csv) = export_file(&dash, &data, Some(&book), ExportFormat::CsvPlain);
        let csv = String::from_utf8(csv).unwrap();
        let head = csv.lines().next().unwrap();
        assert!(head.contains("plan service_level") && head.contains("plan budget"), "{head}");
        let first_line = csv.lines().nth(1).unwrap();
        assert!(first_line.contains("0.95") || first_line.contains("95"), "{first_line}");
        let (_, _, json) = export_file(&dash, &data, Some(&book), ExportFormat::Json);
        let json = String::from_utf8(json).unwrap();
        assert!(json.contains("\"Plan\"") && json.contains("\"met\""), "plan sheet in JSON");
        let (_, _, none) = export_file(&dash, &data, None, ExportFormat::Json);
        assert!(!String::from_utf8(none).unwrap().contains("\"Plan\""));
    }
}

//! The forecast page's settings kept in the browser's localStorage: every
//! typed field of [`ForecastInputs`] (horizon, method, model, targets,
//! special days, …), the shift templates and the week the shift plan covers.
//! Nothing else is kept: forecasts and plans are recomputed from the data set.
//!
//! The record is forward-compatible: a key it lacks (a setting added in a
//! later release) takes its default, a code that is no longer known (a removed
//! method or model) takes the default too. A record of another kind or
//! version, or one that does not parse, is discarded as a whole and the page
//! says so (defaults are loaded).

use crate::state::forecast::{default_shifts, methods, ForecastInputs, Horizon, QueueChoice, ShiftRow};
use crate::storage::{self, Loaded};

pub const STORAGE_KEY: &str = "callcalc.forecast";
const KIND: &str = "forecast";
const VERSION: u32 = 1;

/// What the page restores.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedForecast {
    pub inputs: ForecastInputs,
    pub shifts: Vec<ShiftRow>,
    /// Index of the horizon week the shift plan covers.
    pub shift_week: usize,
}

impl Default for SavedForecast {
    fn default() -> Self {
        SavedForecast { inputs: ForecastInputs::default(), shifts: default_shifts(), shift_week: 0 }
    }
}

/// Shift templates as text: one line per template, its fields separated by
/// tabs (tabs typed into a name become spaces), part-time as `1`/`0`.
fn encode_shifts(rows: &[ShiftRow]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    rows.iter()
        .map(|r| {
            format!(
                "{}\t{}\t{}\t{}\t{}",
                clean(&r.name),
                clean(&r.start),
                clean(&r.length_h),
                clean(&r.break_min),
                if r.part_time { 1 } else { 0 }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_shifts(text: &str) -> Option<Vec<ShiftRow>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split('\n')
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                [name, start, length, brk, part] => Some(ShiftRow::new(name, start, length, brk, *part == "1")),
                _ => None,
            }
        })
        .collect()
}

impl SavedForecast {
    /// Serialises every setting. The destructuring names every field of
    /// [`ForecastInputs`], so a field added there without being saved here
    /// does not compile.
    pub fn encode(&self) -> String {
        let ForecastInputs {
            horizon,
            method,
            model,
            sl_percent,
            threshold_s,
            patience_s,
            redial_percent,
            chat_factors,
            shrinkage,
            flat_agents,
            lower_sl_percent,
            hourly_cost,
            headcount,
            attrition,
            lead_months,
            training_months,
            fte_hours,
            special_days,
            series,
            deadline_h,
            deferred_occupancy_percent,
            deferred_open_items,
        } = &self.inputs;
        let method = method.map_or_else(|| "best".to_string(), |i| i.to_string());
        let shifts = encode_shifts(&self.shifts);
        let week = self.shift_week.to_string();
        storage::encode(
            KIND,
            VERSION,
            &[
                ("horizon", horizon.code()),
                ("method", &method),
                ("model", model.code()),
                ("sl_percent", sl_percent),
                ("threshold_s", threshold_s),
                ("patience_s", patience_s),
                ("redial_percent", redial_percent),
                ("chat_factors", chat_factors),
                ("shrinkage", shrinkage),
                ("flat_agents", flat_agents),
                ("lower_sl_percent", lower_sl_percent),
                ("hourly_cost", hourly_cost),
                ("headcount", headcount),
                ("attrition", attrition),
                ("lead_months", lead_months),
                ("training_months", training_months),
                ("fte_hours", fte_hours),
                ("special_days", special_days),
                ("series", series),
                ("deadline_h", deadline_h),
                ("deferred_occupancy_percent", deferred_occupancy_percent),
                ("deferred_open_items", deferred_open_items),
                ("shifts", &shifts),
                ("shift_week", &week),
            ],
        )
    }

    /// Decodes a stored record; `None` when it is not a record of this kind
    /// and version or does not parse. Missing keys and unknown codes take
    /// their defaults.
    pub fn decode(text: &str) -> Option<Self> {
        let Loaded::Found(m) = storage::decode(text, KIND, VERSION) else { return None };
        let d = SavedForecast::default();
        let text = |k: &str, default: String| m.get(k).cloned().unwrap_or(default);
        let di = d.inputs;
        let method = match m.get("method").map(String::as_str) {
            None | Some("best") => None,
            Some(i) => i.parse::<usize>().ok().filter(|&i| i < methods().len()),
        };
        let inputs = ForecastInputs {
            horizon: m.get("horizon").and_then(|c| Horizon::from_code(c)).unwrap_or(di.horizon),
            method,
            model: m.get("model").and_then(|c| QueueChoice::from_code(c)).unwrap_or(di.model),
            sl_percent: text("sl_percent", di.sl_percent),
            threshold_s: text("threshold_s", di.threshold_s),
            patience_s: text("patience_s", di.patience_s),
            redial_percent: text("redial_percent", di.redial_percent),
            chat_factors: text("chat_factors", di.chat_factors),
            shrinkage: text("shrinkage", di.shrinkage),
            flat_agents: text("flat_agents", di.flat_agents),
            lower_sl_percent: text("lower_sl_percent", di.lower_sl_percent),
            hourly_cost: text("hourly_cost", di.hourly_cost),
            headcount: text("headcount", di.headcount),
            attrition: text("attrition", di.attrition),
            lead_months: text("lead_months", di.lead_months),
            training_months: text("training_months", di.training_months),
            fte_hours: text("fte_hours", di.fte_hours),
            special_days: text("special_days", di.special_days),
            series: text("series", di.series),
            deadline_h: text("deadline_h", di.deadline_h),
            deferred_occupancy_percent: text("deferred_occupancy_percent", di.deferred_occupancy_percent),
            deferred_open_items: text("deferred_open_items", di.deferred_open_items),
        };
        let shifts = match m.get("shifts") {
            None => d.shifts,
            Some(s) => decode_shifts(s)?,
        };
        let shift_week = m.get("shift_week").and_then(|w| w.parse().ok()).unwrap_or(0);
        Some(SavedForecast { inputs, shifts, shift_week })
    }

    /// The saved settings: `(settings, discarded)` where `discarded` says a
    /// stored record existed but could not be used (defaults are returned).
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

    /// Every field changed from its default.
    fn changed() -> SavedForecast {
        SavedForecast {
            inputs: ForecastInputs {
                horizon: Horizon::Quarter,
                method: Some(2),
                model: QueueChoice::Chat,
                sl_percent: "90".into(),
                threshold_s: "30".into(),
                patience_s: "95,5".into(),
                redial_percent: "35".into(),
                chat_factors: "1; 1,5".into(),
                shrinkage: "33".into(),
                flat_agents: "44".into(),
                lower_sl_percent: "60".into(),
                hourly_cost: "17,25".into(),
                headcount: "71".into(),
                attrition: "2,5".into(),
                lead_months: "2".into(),
                training_months: "3".into(),
                fte_hours: "160".into(),
                special_days: "2003-01-01\n2003-05-01; 2003-05-09".into(),
                series: "ch:chat".into(),
                deadline_h: "8".into(),
                deferred_occupancy_percent: "85".into(),
                deferred_open_items: "120".into(),
            },
            shifts: vec![
                ShiftRow::new("Утро\tранняя", "07:00", "8,5", "45", false),
                ShiftRow::new("Вечер = поздняя", "17:00", "4", "0", true),
            ],
            shift_week: 3,
        }
    }

    #[test]
    fn every_setting_round_trips() {
        let s = changed();
        let d = SavedForecast::default();
        // The fixture really differs from the defaults in every field.
        assert_ne!(s.inputs.horizon, d.inputs.horizon);
        assert_ne!(s.inputs.model, d.inputs.model);
        assert_ne!(s.inputs.special_days, d.inputs.special_days);
        let back = SavedForecast::decode(&s.encode()).expect("a record of this version");
        let mut want = s.clone();
        want.shifts[0].name = "Утро ранняя".into(); // the tab became a space
        assert_eq!(back, want);
    }

    #[test]
    fn defaults_round_trip_and_best_method_is_kept_as_best() {
        let d = SavedForecast::default();
        assert_eq!(SavedForecast::decode(&d.encode()), Some(d));
    }

    #[test]
    fn missing_keys_and_unknown_codes_take_defaults() {
        let text = storage::encode(
            KIND,
            VERSION,
            &[("horizon", "5y"), ("model", "q"), ("method", "99"), ("sl_percent", "85")],
        );
        let s = SavedForecast::decode(&text).expect("parses");
        let d = SavedForecast::default();
        assert_eq!(s.inputs.horizon, d.inputs.horizon);
        assert_eq!(s.inputs.model, d.inputs.model);
        assert_eq!(s.inputs.method, None);
        assert_eq!(s.inputs.sl_percent, "85");
        assert_eq!(s.shifts, d.shifts);
        assert_eq!(s.shift_week, 0);
    }

    #[test]
    fn other_versions_and_broken_shift_lines_are_discarded() {
        let text = SavedForecast::default().encode().replace("forecast v1", "forecast v0");
        assert_eq!(SavedForecast::decode(&text), None);
        let text = storage::encode(KIND, VERSION, &[("shifts", "Early\t08:00\t8")]);
        assert_eq!(SavedForecast::decode(&text), None);
        assert_eq!(SavedForecast::decode("not a record"), None);
    }

    #[test]
    fn no_shift_templates_is_a_valid_saved_state() {
        let s = SavedForecast { shifts: Vec::new(), ..SavedForecast::default() };
        assert_eq!(SavedForecast::decode(&s.encode()).expect("parses").shifts, Vec::new());
    }
}

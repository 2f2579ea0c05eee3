//! The budget page's state: the workload taken from the shared data set, the
//! form as typed (text fields), its parsing into a validated
//! [`BudgetModel`] with every error at its field, named scenarios, the
//! investment case, and the export workbook.

use std::collections::BTreeMap;

use callcalc_engine::export::{Cell, Sheet};
use callcalc_engine::{
    civil_from_days, employer_defaults, investment_case, parse_decimal, parse_duration_s, parse_percent, run_scenarios,
    sensitivity, Budget, BudgetInput, BudgetMeasure, BudgetModel, Country, Driver, DriverChange, FieldError,
    FteRealisation, IntervalStats, InvestmentCase, InvestmentInput, Pay, Problem, RoleCount, Scenario, ScenarioResult,
    SupportRole, TornadoRow,
};
use callcalc_engine::{Coverage, MonthCoverage, ShortHistory, MIN_BUDGET_DAYS};

use crate::state::customer::CustomerInputs;
use crate::state::form::{keep, optional, whole};
use crate::storage::{self, Loaded};

pub const STORAGE_KEY: &str = "callcalc.budget";
const KIND: &str = "budget";
/// Version 2 adds the customer-economics form (`ce.<field>` lines); version 1 records
/// (files, links) still load, with the customer-economics defaults.
pub const VERSION: u32 = 2;

// ------------------------------------------------------------------ workload

/// The workload the budget is built on, measured from interval statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    /// Contacts offered per calendar month of the data, in order; a month
    /// the data covers only partly is scaled to a whole month
    /// ([`MonthCoverage::scale`]; see [`Workload::months`]).
    pub monthly_contacts: Vec<f64>,
    /// Σ handle time / handled contacts, seconds.
    pub aht_s: f64,
    /// Mean over the data's months of the open days each month is expected
    /// to have ([`MonthCoverage::expected_open_days`]; for whole months the
    /// open days found), at most 31.
    pub open_days_per_month: f64,
    /// Interval length of the data, seconds.
    pub interval_s: f64,
    /// Contacts per interval of the day (from the first to the last open interval).
    pub intraday_profile: Vec<f64>,
    /// Σ abandoned / Σ offered over the intervals that report abandons (0 when none do).
    pub abandon_rate: f64,
    /// What the data covers.
    pub coverage: Coverage,
    /// The months behind [`Workload::monthly_contacts`], with their scaling.
    pub months: Vec<DataMonth>,
}

/// One month of the data as the budget takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct DataMonth {
    pub coverage: MonthCoverage,
    /// `k` of [`MonthCoverage::scale`] (1 for a whole month).
    pub scale: f64,
}

impl Workload {
    /// Contacts for each of `months` budget months: the data's months in
    /// order, repeated (the seasonal pattern of the data carries on).
    pub fn contacts_for(&self, months: u32) -> Vec<f64> {
        (0..months as usize).map(|m| self.monthly_contacts[m % self.monthly_contacts.len()]).collect()
    }

    /// The months the data covers only partly, with their scaling (shown on the page).
    pub fn scaled_months(&self) -> impl Iterator<Item = &DataMonth> {
        self.months.iter().filter(|m| m.coverage.is_partial())
    }
}

/// Why the data set gives no workload.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkloadProblem {
    /// The data could not be read as interval statistics (the importer's message).
    Data(String),
    /// No contact with a handle time.
    NoContacts,
    /// Fewer calendar days than [`MIN_BUDGET_DAYS`]: a month's volume is not
    /// estimated from so short a period.
    TooShort(ShortHistory),
}

impl std::fmt::Display for WorkloadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkloadProblem::Data(e) => write!(f, "{e}"),
            WorkloadProblem::NoContacts => write!(f, "the data set has no contacts with a handle time"),
            WorkloadProblem::TooShort(s) => write!(f, "{s}"),
        }
    }
}

/// Measures the workload from interval statistics (every channel and queue
/// together): monthly volumes, AHT, open days and the intraday profile.
///
/// A month the data covers only partly is never taken for a whole month:
/// its volume is scaled by `k = Ô / o` ([`MonthCoverage::scale`]: the open
/// days the month is expected to have over the open days found, the days
/// not covered open at the data's open-day rate `r = O / C`), and the
/// typical day stands for `Ô` open days. A month without any open day is
/// left out (missing, not budgeted as zero). Data spanning fewer than
/// [`MIN_BUDGET_DAYS`] calendar days is refused ([`WorkloadProblem::TooShort`]).
/// Whole months keep their measured volumes and open days.
pub fn workload(cells: &[IntervalStats]) -> Result<Workload, WorkloadProblem> {
    let mut slots: BTreeMap<u32, f64> = BTreeMap::new();
    let (mut handle, mut handled) = (0.0, 0u64);
    let mut interval = None;
    let (mut abandoned, mut offered_with_abandons) = (0u64, 0u64);
    let mut total = 0.0;
    for c in cells {
        if let Some(a) = c.abandoned {
            abandoned += a;
            offered_with_abandons += c.offered;
        }
        total += c.offered as f64;
        let len = c.length_s.max(1);
        interval.get_or_insert(len);
        *slots.entry(c.start.second_of_day() / len).or_default() += c.offered as f64;
        handle += c.handle_s;
        handled += c.handled_with_time;
    }
    let coverage = Coverage::from_interval_stats(cells).ok_or(WorkloadProblem::NoContacts)?;
    if total <= 0.0 || handled == 0 {
        return Err(WorkloadProblem::NoContacts);
    }
    coverage.require(MIN_BUDGET_DAYS).map_err(WorkloadProblem::TooShort)?;
    let rate = coverage.open_rate();
    let months: Vec<DataMonth> = coverage
        .months
        .iter()
        .filter(|m| m.open_days > 0)
        .map(|m| DataMonth { coverage: m.clone(), scale: m.scale(rate) })
        .collect();
    let expected: f64 = months.iter().map(|m| m.coverage.expected_open_days(rate)).sum();
    let (first, last) = (*slots.keys().next().unwrap_or(&0), *slots.keys().last().unwrap_or(&0));
    let profile = (first..=last).map(|s| slots.get(&s).copied().unwrap_or(0.0)).collect();
    Ok(Workload {
        monthly_contacts: months.iter().map(|m| m.coverage.offered * m.scale).collect(),
        aht_s: handle / handled as f64,
        open_days_per_month: (expected / months.len().max(1) as f64).min(31.0),
        interval_s: interval.unwrap_or(900) as f64,
        intraday_profile: profile,
        abandon_rate: if offered_with_abandons > 0 {
            (abandoned as f64 / offered_with_abandons as f64).min(0.99)
        } else {
            0.0
        },
        coverage,
        months,
    })
}

/// The workload of a data set: [`workload`] on its interval statistics.
pub fn dataset_workload(ds: &crate::state::dataset::DataSet) -> Result<Workload, WorkloadProblem> {
    match ds.intervals() {
        Some(Ok(cells)) => workload(&cells),
        Some(Err(e)) => Err(WorkloadProblem::Data(e)),
        None => Err(WorkloadProblem::Data("no interval data".to_string())),
    }
}

// ------------------------------------------------------------- FTE source

/// Where the budget's contacts per interval (and so its FTE) come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FteSource {
    /// The data set's history: its months in order (repeated beyond them),
    /// one typical day per month (the measured intraday profile).
    #[default]
    History,
    /// The forecast of the next 12 months (the forecast module, the
    /// backtest's best method as on the forecast page): every forecast day and
    /// interval staffed on its own.
    Forecast,
}

impl FteSource {
    pub fn code(self) -> &'static str {
        match self {
            FteSource::History => "history",
            FteSource::Forecast => "forecast",
        }
    }
    pub fn from_code(s: &str) -> Option<FteSource> {
        [FteSource::History, FteSource::Forecast].into_iter().find(|x| x.code() == s)
    }
}

/// The forecast of the next 12 months, cut into calendar months of days for the budget.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastWork {
    /// Method used (the backtest's best, as the forecast page uses by default).
    pub method: String,
    pub interval_s: f64,
    /// First slot of the forecast day (0 = 00:00).
    pub first_slot: u32,
    /// (year, month) of each forecast month, in order.
    pub months: Vec<(i32, u32)>,
    /// Per month, per forecast day, contacts per interval.
    pub month_days: Vec<Vec<Vec<f64>>>,
}

impl ForecastWork {
    /// Σ of each month's forecast contacts (summed as the engine sums the days).
    pub fn month_totals(&self) -> Vec<f64> {
        self.month_days.iter().map(|md| md.iter().flatten().sum()).collect()
    }

    /// The months for a `months`-long budget: the forecast's months in order, repeated beyond them.
    pub fn days_for(&self, months: u32) -> Vec<Vec<Vec<f64>>> {
        (0..months as usize).map(|m| self.month_days[m % self.month_days.len()].clone()).collect()
    }
}

/// Forecasts the next 12 months from the data set with the forecast module
/// (history → backtest → best method → `IntervalHistory::forecast` over
/// `Horizon::Year`, all through `state::forecast`) and groups the days by
/// calendar month.
pub fn forecast_work(ds: &crate::state::dataset::DataSet) -> Result<ForecastWork, String> {
    use crate::state::forecast::{backtest, chosen_method, history, Horizon};
    let h = history(ds)?;
    let bt = backtest(&h).ok();
    let method = chosen_method(None, bt.as_ref());
    let f = h.forecast(method, &Horizon::Year.days(&h)).map_err(|e| e.to_string())?;
    let mut months: Vec<(i32, u32)> = Vec::new();
    let mut month_days: Vec<Vec<Vec<f64>>> = Vec::new();
    for d in &f.days {
        let (y, m, _) = civil_from_days(d.day);
        if months.last() != Some(&(y, m)) {
            months.push((y, m));
            month_days.push(Vec::new());
        }
        if let Some(md) = month_days.last_mut() {
            md.push(d.volumes.clone());
        }
    }
    if month_days.is_empty() {
        return Err("the forecast has no days".to_string());
    }
    Ok(ForecastWork {
        method: crate::state::forecast::method_key(&method),
        interval_s: f64::from(f.interval_s),
        first_slot: f.first_slot,
        months,
        month_days,
    })
}

// ---------------------------------------------------------------- currency

/// The currency the amounts are in (a label: nothing is converted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    Rub,
    Uah,
    Kzt,
    Usd,
    Eur,
}

impl Currency {
    pub const ALL: [Currency; 5] = [Currency::Rub, Currency::Uah, Currency::Kzt, Currency::Usd, Currency::Eur];
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Uah => "UAH",
            Currency::Kzt => "KZT",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Rub => "₽",
            Currency::Uah => "₴",
            Currency::Kzt => "₸",
            Currency::Usd => "$",
            Currency::Eur => "€",
        }
    }
    pub fn from_code(s: &str) -> Option<Currency> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
}

// -------------------------------------------------------------------- form

/// The budget form as typed. Rates are percentages, money per month unless named otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetInputs {
    pub currency: Currency,
    /// Where the contacts per interval come from (history or forecast).
    pub source: FteSource,
    pub months: String,
    /// Empty = the AHT measured in the data.
    pub aht: String,
    pub ivr_deflection: String,
    pub sl_percent: String,
    pub sl_seconds: String,
    pub shrinkage: String,
    pub paid_hours: String,
    pub attrition: String,
    pub hiring_lead: String,
    pub paid_training: String,
    /// Empty = month 1's requirement.
    pub starting_agents: String,
    pub agent_salary: String,
    pub bonus: String,
    pub payroll_tax: String,
    pub benefits: String,
    pub indexation: String,
    pub sup_span: String,
    pub sup_salary: String,
    pub qa_count: String,
    pub qa_salary: String,
    pub trainer_count: String,
    pub trainer_salary: String,
    pub wfm_count: String,
    pub wfm_salary: String,
    pub manager_count: String,
    pub manager_salary: String,
    pub seat_sharing: String,
    pub seat_capex: String,
    pub depreciation_years: String,
    pub licence: String,
    pub rent: String,
    pub telephony: String,
    pub max_blocking: String,
    pub line_cost: String,
    pub training_per_hire: String,
    pub recruitment_per_hire: String,
    pub overhead: String,
}

impl Default for BudgetInputs {
    /// A mid-size Russian centre in roubles (editable example values, not a benchmark).
    fn default() -> Self {
        let ru = employer_defaults(Country::Ru);
        BudgetInputs {
            currency: Currency::Rub,
            source: FteSource::History,
            months: "12".into(),
            aht: "".into(),
            ivr_deflection: "0".into(),
            sl_percent: "80".into(),
            sl_seconds: "20".into(),
            shrinkage: "30".into(),
            paid_hours: fmt(ru.paid_hours_per_fte_month),
            attrition: "4".into(),
            hiring_lead: "2".into(),
            paid_training: "1".into(),
            starting_agents: "".into(),
            agent_salary: "65000".into(),
            bonus: "10".into(),
            payroll_tax: fmt(ru.payroll_tax_rate * 100.0),
            benefits: "2000".into(),
            indexation: "7".into(),
            sup_span: "15".into(),
            sup_salary: "95000".into(),
            qa_count: "2".into(),
            qa_salary: "75000".into(),
            trainer_count: "1".into(),
            trainer_salary: "80000".into(),
            wfm_count: "1".into(),
            wfm_salary: "100000".into(),
            manager_count: "1".into(),
            manager_salary: "180000".into(),
            seat_sharing: "1".into(),
            seat_capex: "150000".into(),
            depreciation_years: "3".into(),
            licence: "7000".into(),
            rent: "12000".into(),
            telephony: "1,5".into(),
            max_blocking: "1".into(),
            line_cost: "300".into(),
            training_per_hire: "25000".into(),
            recruitment_per_hire: "20000".into(),
            overhead: "8".into(),
        }
    }
}

fn fmt(x: f64) -> String {
    let mut s = format!("{x:.4}");
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    s.replace('.', ",")
}

/// Where an engine field is typed on the form.
fn form_field(engine: &'static str) -> &'static str {
    match engine {
        "aht_s" => "aht",
        "sl_target" => "sl_percent",
        "sl_threshold_s" | "threshold_s" => "sl_seconds",
        "paid_hours_per_fte_month" => "paid_hours",
        "attrition_monthly" => "attrition",
        "hiring_lead_months" => "hiring_lead",
        "paid_training_months" => "paid_training",
        "salary_indexation_annual" => "indexation",
        "seat_sharing_ratio" => "seat_sharing",
        "licence_per_seat_month" => "licence",
        "rent_per_seat_month" => "rent",
        "telephony_per_minute" => "telephony",
        "line_cost_month" => "line_cost",
        "overhead_rate" => "overhead",
        "month_days" => "source",
        other => other,
    }
}

impl BudgetInputs {
    /// The text fields with their stored names (for storage, files and links).
    pub fn fields(&self) -> Vec<(&'static str, &String)> {
        vec![
            ("months", &self.months),
            ("aht", &self.aht),
            ("ivr_deflection", &self.ivr_deflection),
            ("sl_percent", &self.sl_percent),
            ("sl_seconds", &self.sl_seconds),
            ("shrinkage", &self.shrinkage),
            ("paid_hours", &self.paid_hours),
            ("attrition", &self.attrition),
            ("hiring_lead", &self.hiring_lead),
            ("paid_training", &self.paid_training),
            ("starting_agents", &self.starting_agents),
            ("agent_salary", &self.agent_salary),
            ("bonus", &self.bonus),
            ("payroll_tax", &self.payroll_tax),
            ("benefits", &self.benefits),
            ("indexation", &self.indexation),
            ("sup_span", &self.sup_span),
            ("sup_salary", &self.sup_salary),
            ("qa_count", &self.qa_count),
            ("qa_salary", &self.qa_salary),
            ("trainer_count", &self.trainer_count),
            ("trainer_salary", &self.trainer_salary),
            ("wfm_count", &self.wfm_count),
            ("wfm_salary", &self.wfm_salary),
            ("manager_count", &self.manager_count),
            ("manager_salary", &self.manager_salary),
            ("seat_sharing", &self.seat_sharing),
            ("seat_capex", &self.seat_capex),
            ("depreciation_years", &self.depreciation_years),
            ("licence", &self.licence),
            ("rent", &self.rent),
            ("telephony", &self.telephony),
            ("max_blocking", &self.max_blocking),
            ("line_cost", &self.line_cost),
            ("training_per_hire", &self.training_per_hire),
            ("recruitment_per_hire", &self.recruitment_per_hire),
            ("overhead", &self.overhead),
        ]
    }

    fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "months" => &mut self.months,
            "aht" => &mut self.aht,
            "ivr_deflection" => &mut self.ivr_deflection,
            "sl_percent" => &mut self.sl_percent,
            "sl_seconds" => &mut self.sl_seconds,
            "shrinkage" => &mut self.shrinkage,
            "paid_hours" => &mut self.paid_hours,
            "attrition" => &mut self.attrition,
            "hiring_lead" => &mut self.hiring_lead,
            "paid_training" => &mut self.paid_training,
            "starting_agents" => &mut self.starting_agents,
            "agent_salary" => &mut self.agent_salary,
            "bonus" => &mut self.bonus,
            "payroll_tax" => &mut self.payroll_tax,
            "benefits" => &mut self.benefits,
            "indexation" => &mut self.indexation,
            "sup_span" => &mut self.sup_span,
            "sup_salary" => &mut self.sup_salary,
            "qa_count" => &mut self.qa_count,
            "qa_salary" => &mut self.qa_salary,
            "trainer_count" => &mut self.trainer_count,
            "trainer_salary" => &mut self.trainer_salary,
            "wfm_count" => &mut self.wfm_count,
            "wfm_salary" => &mut self.wfm_salary,
            "manager_count" => &mut self.manager_count,
            "manager_salary" => &mut self.manager_salary,
            "seat_sharing" => &mut self.seat_sharing,
            "seat_capex" => &mut self.seat_capex,
            "depreciation_years" => &mut self.depreciation_years,
            "licence" => &mut self.licence,
            "rent" => &mut self.rent,
            "telephony" => &mut self.telephony,
            "max_blocking" => &mut self.max_blocking,
            "line_cost" => &mut self.line_cost,
            "training_per_hire" => &mut self.training_per_hire,
            "recruitment_per_hire" => &mut self.recruitment_per_hire,
            "overhead" => &mut self.overhead,
            _ => return None,
        })
    }

    /// Fills the payroll-tax rate, paid hours and currency of a country's
    /// editable defaults (salaries are left as typed).
    pub fn apply_country(&mut self, country: Country) {
        let d = employer_defaults(country);
        self.payroll_tax = fmt(d.payroll_tax_rate * 100.0);
        self.paid_hours = fmt(d.paid_hours_per_fte_month);
        self.currency = match country {
            Country::Ru => Currency::Rub,
            Country::Ua => Currency::Uah,
            Country::Kz => Currency::Kzt,
        };
    }

    /// Parses the form into engine drivers on the data's workload; every bad
    /// field is reported under its form name.
    pub fn parse(&self, work: &Workload) -> Result<BudgetModel, Vec<FieldError>> {
        self.parse_with(work, None)
    }

    /// [`BudgetInputs::parse`] with the forecast for [`FteSource::Forecast`]:
    /// each budget month's contacts are the forecast month's total and every
    /// forecast day and interval is staffed on its own (months beyond the
    /// forecast repeat it). Without a forecast that source is an error at `source`.
    pub fn parse_with(&self, work: &Workload, forecast: Option<&ForecastWork>) -> Result<BudgetModel, Vec<FieldError>> {
        let mut e = Vec::new();
        let fc = match self.source {
            FteSource::History => None,
            FteSource::Forecast => match forecast {
                Some(f) => Some(f),
                None => {
                    e.push(FieldError::new(
                        "source",
                        "forecast",
                        Problem::Unreadable { expected: "a forecast of the data" },
                    ));
                    None
                }
            },
        };
        let months = keep(&mut e, whole("months", &self.months, 12.0, 36.0));
        let aht = match optional(&self.aht) {
            None => Some(work.aht_s),
            Some(t) => keep(&mut e, parse_duration_s("aht", t)),
        };
        let pct = |e: &mut Vec<FieldError>, name: &'static str, text: &str| keep(e, parse_percent(name, text));
        let num = |e: &mut Vec<FieldError>, name: &'static str, text: &str| keep(e, parse_decimal(name, text));
        let ivr = pct(&mut e, "ivr_deflection", &self.ivr_deflection);
        let sl = pct(&mut e, "sl_percent", &self.sl_percent);
        let slt = num(&mut e, "sl_seconds", &self.sl_seconds);
        let shr = pct(&mut e, "shrinkage", &self.shrinkage);
        let paid = num(&mut e, "paid_hours", &self.paid_hours);
        let att = pct(&mut e, "attrition", &self.attrition);
        let lead = keep(&mut e, whole("hiring_lead", &self.hiring_lead, 0.0, 24.0));
        let train = keep(&mut e, whole("paid_training", &self.paid_training, 0.0, 24.0));
        let start = match optional(&self.starting_agents) {
            None => Some(None),
            Some(t) => num(&mut e, "starting_agents", t).map(Some),
        };
        let bonus = pct(&mut e, "bonus", &self.bonus);
        let tax = pct(&mut e, "payroll_tax", &self.payroll_tax);
        let benefits = num(&mut e, "benefits", &self.benefits);
        let index = pct(&mut e, "indexation", &self.indexation);
        let pay = |e: &mut Vec<FieldError>, name: &'static str, text: &str| -> Option<Pay> {
            let salary = num(e, name, text)?;
            let (b, t, be) = (bonus?, tax?, benefits?);
            keep(
                e,
                Pay::new(salary, b, t, be).map_err(|mut err| {
                    if err.field == "monthly_salary" {
                        err.field = name;
                    }
                    err
                }),
            )
        };
        let agent_pay = pay(&mut e, "agent_salary", &self.agent_salary);
        let mut roles = Vec::new();
        let sup_span = num(&mut e, "sup_span", &self.sup_span);
        if let (Some(span), Some(p)) = (sup_span, pay(&mut e, "sup_salary", &self.sup_salary)) {
            if span <= 0.0 {
                e.push(FieldError::new("sup_span", &self.sup_span, Problem::NotPositive));
            } else {
                roles.push(SupportRole::supervisors(span, p));
            }
        }
        for (role, count_name, count, salary_name, salary) in [
            ("QA", "qa_count", &self.qa_count, "qa_salary", &self.qa_salary),
            ("trainer", "trainer_count", &self.trainer_count, "trainer_salary", &self.trainer_salary),
            ("WFM", "wfm_count", &self.wfm_count, "wfm_salary", &self.wfm_salary),
            ("manager", "manager_count", &self.manager_count, "manager_salary", &self.manager_salary),
        ] {
            let n = num(&mut e, count_name, count);
            if let (Some(n), Some(p)) = (n, pay(&mut e, salary_name, salary)) {
                if n < 0.0 {
                    e.push(FieldError::new(count_name, count, Problem::Negative));
                } else {
                    roles.push(SupportRole { name: role.to_string(), count: RoleCount::Fixed(n), pay: p });
                }
            }
        }
        let sharing = num(&mut e, "seat_sharing", &self.seat_sharing);
        let capex = num(&mut e, "seat_capex", &self.seat_capex);
        let dep = keep(&mut e, whole("depreciation_years", &self.depreciation_years, 1.0, 50.0));
        let licence = num(&mut e, "licence", &self.licence);
        let rent = num(&mut e, "rent", &self.rent);
        let tel = num(&mut e, "telephony", &self.telephony);
        let blocking = pct(&mut e, "max_blocking", &self.max_blocking);
        let line = num(&mut e, "line_cost", &self.line_cost);
        let tph = num(&mut e, "training_per_hire", &self.training_per_hire);
        let rph = num(&mut e, "recruitment_per_hire", &self.recruitment_per_hire);
        let overhead = pct(&mut e, "overhead", &self.overhead);
        if !e.is_empty() {
            return Err(e);
        }
        // Every Option is Some when no error was recorded.
        let g = |x: Option<f64>| x.unwrap_or_default();
        let months = months.unwrap_or(12);
        // History: a typical day per month. Forecast: the forecast's days, its month totals,
        // its interval and its mean day as the profile (used by added channels).
        let (monthly_contacts, open_days, interval_s, profile, month_days) = match fc {
            None => (
                work.contacts_for(months),
                work.open_days_per_month,
                work.interval_s,
                work.intraday_profile.clone(),
                Vec::new(),
            ),
            Some(f) => {
                let days = f.days_for(months);
                let totals: Vec<f64> = days.iter().map(|md| md.iter().flatten().sum()).collect();
                let n_days: usize = days.iter().map(Vec::len).sum();
                let slots = days.first().and_then(|md| md.first()).map_or(0, Vec::len);
                let mut profile = vec![0.0; slots];
                for d in days.iter().flatten() {
                    for (p, v) in profile.iter_mut().zip(d) {
                        *p += v;
                    }
                }
                (totals, (n_days as f64 / days.len().max(1) as f64).min(31.0), f.interval_s, profile, days)
            }
        };
        let input = BudgetInput {
            months,
            monthly_contacts,
            ivr_deflection: g(ivr),
            aht_s: g(aht),
            open_days_per_month: open_days,
            interval_s,
            intraday_profile: profile,
            sl_target: g(sl),
            sl_threshold_s: g(slt),
            shrinkage: g(shr),
            paid_hours_per_fte_month: g(paid),
            attrition_monthly: g(att),
            hiring_lead_months: lead.unwrap_or(0),
            paid_training_months: train.unwrap_or(0),
            starting_agents: start.flatten(),
            agent_pay: agent_pay.unwrap_or_default(),
            salary_indexation_annual: g(index),
            support_roles: roles,
            seat_sharing_ratio: g(sharing),
            seat_capex: g(capex),
            depreciation_years: dep.unwrap_or(3),
            licence_per_seat_month: g(licence),
            rent_per_seat_month: g(rent),
            telephony_per_minute: g(tel),
            max_blocking: g(blocking),
            line_cost_month: g(line),
            training_per_hire: g(tph),
            recruitment_per_hire: g(rph),
            overhead_rate: g(overhead),
            added_channels: Vec::new(),
            callback_share: 0.0,
            callback_deadline_s: 3600.0_f64.max(interval_s),
            abandon_rate: work.abandon_rate,
            month_days,
        };
        BudgetModel::new(input).map_err(|mut err| {
            err.field = form_field(err.field);
            vec![err]
        })
    }

    /// `key=value` lines (also the body of the scenario file and the link).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![("currency", self.currency.code().to_string()), ("source", self.source.code().to_string())];
        v.extend(self.fields().into_iter().map(|(k, s)| (k, s.clone())));
        v
    }

    /// The form from stored pairs; unknown keys are ignored, missing keys keep their defaults.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> BudgetInputs {
        let mut f = BudgetInputs::default();
        for (k, v) in pairs {
            if k == "currency" {
                if let Some(c) = Currency::from_code(v) {
                    f.currency = c;
                }
            } else if k == "source" {
                if let Some(x) = FteSource::from_code(v) {
                    f.source = x;
                }
            } else if let Some(slot) = f.field_mut(k) {
                *slot = v.to_string();
            }
        }
        f
    }
}

// ---------------------------------------------------------------- scenarios

/// A named scenario as typed: each driver field empty = unchanged.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ScenarioInputs {
    pub name: String,
    /// Volume change, % (e.g. `10` or `-5`).
    pub volume_pct: String,
    /// New AHT (s or mm:ss).
    pub aht: String,
    /// New SL target, %.
    pub sl_percent: String,
    /// New SL threshold, s.
    pub sl_seconds: String,
    /// New shrinkage, %.
    pub shrinkage: String,
    /// New monthly attrition, %.
    pub attrition: String,
    /// New IVR / self-service deflection, %.
    pub deflection: String,
    /// New annual salary indexation, %.
    pub indexation: String,
    /// Added channel / new project or campaign: contacts per month (with `added_aht`).
    pub added_contacts: String,
    /// AHT of the added channel (s or mm:ss).
    pub added_aht: String,
    /// Share of the contacts reaching agents offered a callback, %.
    pub callback_pct: String,
    /// Callbacks returned within, minutes (empty = 60).
    pub callback_minutes: String,
}

/// Scenario fields in storage / link order.
/// Records written before the added channel have 9 fields, before the callback 11; the missing
/// last ones then read as empty (= unchanged).
pub const SCENARIO_KEYS: [&str; 13] = [
    "name",
    "volume_pct",
    "aht",
    "sl_percent",
    "sl_seconds",
    "shrinkage",
    "attrition",
    "deflection",
    "indexation",
    "added_contacts",
    "added_aht",
    "callback_pct",
    "callback_minutes",
];

impl ScenarioInputs {
    fn values(&self) -> [&String; 13] {
        [
            &self.name,
            &self.volume_pct,
            &self.aht,
            &self.sl_percent,
            &self.sl_seconds,
            &self.shrinkage,
            &self.attrition,
            &self.deflection,
            &self.indexation,
            &self.added_contacts,
            &self.added_aht,
            &self.callback_pct,
            &self.callback_minutes,
        ]
    }

    fn from_values(v: &[&str]) -> ScenarioInputs {
        let g = |i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
        ScenarioInputs {
            name: g(0),
            volume_pct: g(1),
            aht: g(2),
            sl_percent: g(3),
            sl_seconds: g(4),
            shrinkage: g(5),
            attrition: g(6),
            deflection: g(7),
            indexation: g(8),
            added_contacts: g(9),
            added_aht: g(10),
            callback_pct: g(11),
            callback_minutes: g(12),
        }
    }

    /// The engine scenario; errors name the scenario form's fields (`sc_<field>`).
    pub fn parse(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut e = Vec::new();
        let mut changes = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            e.push(FieldError::new("sc_name", "", Problem::Unreadable { expected: "a name" }));
        }
        if let Some(t) = optional(&self.volume_pct) {
            if let Some(x) = keep(&mut e, parse_decimal("sc_volume_pct", t)) {
                changes.push(DriverChange::relative(Driver::Volume, x / 100.0));
            }
        }
        if let Some(t) = optional(&self.aht) {
            if let Some(x) = keep(&mut e, parse_duration_s("sc_aht", t)) {
                changes.push(DriverChange::set(Driver::Aht, x));
            }
        }
        for (name, text, driver) in [
            ("sc_sl_percent", &self.sl_percent, Driver::ServiceLevelTarget),
            ("sc_shrinkage", &self.shrinkage, Driver::Shrinkage),
            ("sc_attrition", &self.attrition, Driver::Attrition),
            ("sc_deflection", &self.deflection, Driver::IvrDeflection),
            ("sc_indexation", &self.indexation, Driver::SalaryIndexation),
        ] {
            if let Some(t) = optional(text) {
                if let Some(x) = keep(&mut e, parse_percent(name, t)) {
                    changes.push(DriverChange::set(driver, x));
                }
            }
        }
        if let Some(t) = optional(&self.sl_seconds) {
            if let Some(x) = keep(&mut e, parse_decimal("sc_sl_seconds", t)) {
                changes.push(DriverChange::set(Driver::ServiceLevelThreshold, x));
            }
        }
        // An added channel needs both its volume and its AHT.
        match (optional(&self.added_contacts), optional(&self.added_aht)) {
            (None, None) => {}
            (c, a) => {
                let contacts = match c {
                    Some(t) => keep(&mut e, parse_decimal("sc_added_contacts", t)),
                    None => {
                        e.push(FieldError::new("sc_added_contacts", "", Problem::Unreadable { expected: "a number" }));
                        None
                    }
                };
                let aht = match a {
                    Some(t) => keep(&mut e, parse_duration_s("sc_added_aht", t)),
                    None => {
                        e.push(FieldError::new(
                            "sc_added_aht",
                            "",
                            Problem::Unreadable { expected: "a duration: seconds, mm:ss or hh:mm:ss" },
                        ));
                        None
                    }
                };
                if let (Some(c), Some(a)) = (contacts, aht) {
                    changes.push(DriverChange::added_channel(c, a));
                }
            }
        }
        // Callback: the share, and the deadline (60 minutes when left empty).
        match (optional(&self.callback_pct), optional(&self.callback_minutes)) {
            (None, None) => {}
            (None, Some(_)) => {
                e.push(FieldError::new("sc_callback_pct", "", Problem::Unreadable { expected: "a percentage" }))
            }
            (Some(p), m) => {
                let share = keep(&mut e, parse_percent("sc_callback_pct", p));
                let minutes = match m {
                    Some(t) => keep(&mut e, parse_decimal("sc_callback_minutes", t)),
                    None => Some(60.0),
                };
                if let (Some(c), Some(min)) = (share, minutes) {
                    changes.push(DriverChange::callback(c, min * 60.0));
                }
            }
        }
        if e.is_empty() {
            Ok(Scenario { name: name.to_string(), changes })
        } else {
            Err(e)
        }
    }

    /// One line: the fields separated by `|` (escaped `\|`, `\\`).
    pub fn encode(&self) -> String {
        self.values().iter().map(|v| v.replace('\\', "\\\\").replace('|', "\\|")).collect::<Vec<_>>().join("|")
    }

    /// Reads [`ScenarioInputs::encode`].
    pub fn decode(line: &str) -> ScenarioInputs {
        let mut parts = vec![String::new()];
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let (Some(n), Some(p)) = (chars.next(), parts.last_mut()) {
                        p.push(n);
                    }
                }
                '|' => parts.push(String::new()),
                _ => {
                    if let Some(p) = parts.last_mut() {
                        p.push(c);
                    }
                }
            }
        }
        ScenarioInputs::from_values(&parts.iter().map(String::as_str).collect::<Vec<_>>())
    }
}

/// The SL target and threshold a scenario runs at: its own where it sets them, else the baseline's.
pub fn scenario_sl(base: (f64, f64), s: &ScenarioInputs) -> (f64, f64) {
    let Ok(sc) = s.parse() else { return base };
    let set = |d: Driver| {
        sc.changes.iter().find_map(|c| match c.change {
            callcalc_engine::Change::Set(v) if c.driver == d => Some(v),
            _ => None,
        })
    };
    (set(Driver::ServiceLevelTarget).unwrap_or(base.0), set(Driver::ServiceLevelThreshold).unwrap_or(base.1))
}

/// The baseline and every scenario. Scenarios whose fields do not parse are
/// reported with their errors (the others still run).
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub baseline: Budget,
    /// Per scenario, in order: the engine's result, or the parse errors.
    pub rows: Vec<Result<ScenarioResult, Vec<FieldError>>>,
}

/// Runs the baseline and the scenarios through the engine.
pub fn compare(model: &BudgetModel, scenarios: &[ScenarioInputs]) -> Comparison {
    let parsed: Vec<Result<Scenario, Vec<FieldError>>> = scenarios.iter().map(ScenarioInputs::parse).collect();
    let ok: Vec<Scenario> = parsed.iter().filter_map(|p| p.as_ref().ok().cloned()).collect();
    let (baseline, results) = run_scenarios(model, &ok);
    let mut results = results.into_iter();
    let rows = parsed.into_iter().map(|p| p.map(|_| results.next().expect("one result per valid scenario"))).collect();
    Comparison { baseline, rows }
}

/// Tornado of the cash budget against ±10% in each driver.
pub fn tornado(model: &BudgetModel) -> Vec<TornadoRow> {
    tornado_of(model, BudgetMeasure::Cash)
}

/// Tornado of `measure` (the cash budget or the cost per call offered) against
/// ±10% in each driver.
pub fn tornado_of(model: &BudgetModel, measure: BudgetMeasure) -> Vec<TornadoRow> {
    sensitivity(model, 0.1, measure).unwrap_or_default()
}

// ----------------------------------------------------------- investment case

/// The investment form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct InvestmentInputs {
    pub one_time: String,
    pub recurring: String,
    pub aht_reduction: String,
    pub volume_reduction: String,
    pub attrition_reduction: String,
    pub discount_rate: String,
    /// Abandonment rate before / after the investment, %.
    pub abandon_before: String,
    pub abandon_after: String,
    /// Share of the avoided abandons who would have bought, %.
    pub buy_share: String,
    /// Margin per purchase (money).
    pub margin_per_sale: String,
    /// FTE savings realised at once (else through attrition).
    pub immediately: bool,
}

impl Default for InvestmentInputs {
    /// A WFM / knowledge-base project: 3 M one-time, 150 k a month, AHT −15 s, 12% a year.
    fn default() -> Self {
        InvestmentInputs {
            one_time: "3000000".into(),
            recurring: "150000".into(),
            aht_reduction: "15".into(),
            volume_reduction: "0".into(),
            attrition_reduction: "0".into(),
            discount_rate: "12".into(),
            abandon_before: "0".into(),
            abandon_after: "0".into(),
            buy_share: "0".into(),
            margin_per_sale: "0".into(),
            immediately: true,
        }
    }
}

impl InvestmentInputs {
    /// Parses and evaluates the case against the baseline model.
    pub fn evaluate(&self, model: &BudgetModel) -> Result<InvestmentCase, Vec<FieldError>> {
        let mut e = Vec::new();
        let one = keep(&mut e, parse_decimal("inv_one_time", &self.one_time));
        let rec = keep(&mut e, parse_decimal("inv_recurring", &self.recurring));
        let aht = keep(&mut e, parse_duration_s("inv_aht_reduction", &self.aht_reduction));
        let vol = keep(&mut e, parse_percent("inv_volume_reduction", &self.volume_reduction));
        let att = keep(&mut e, parse_percent("inv_attrition_reduction", &self.attrition_reduction));
        let rate = keep(&mut e, parse_percent("inv_discount_rate", &self.discount_rate));
        let ab_before = keep(&mut e, parse_percent("inv_abandon_before", &self.abandon_before));
        let ab_after = keep(&mut e, parse_percent("inv_abandon_after", &self.abandon_after));
        let share = keep(&mut e, parse_percent("inv_buy_share", &self.buy_share));
        let margin = keep(&mut e, parse_decimal("inv_margin_per_sale", &self.margin_per_sale));
        if share.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            e.push(FieldError::new(
                "inv_buy_share",
                &self.buy_share,
                Problem::OutOfRange { min: 0.0, max: 100.0, min_inclusive: true, max_inclusive: true },
            ));
        }
        if let Some(m) = margin.filter(|m| *m < 0.0) {
            e.push(FieldError::new("inv_margin_per_sale", m, Problem::Negative));
        }
        if !e.is_empty() {
            return Err(e);
        }
        let g = |x: Option<f64>| x.unwrap_or_default();
        let input = InvestmentInput {
            one_time_cost: g(one),
            recurring_cost_monthly: g(rec),
            aht_reduction_s: g(aht),
            volume_reduction: g(vol),
            attrition_reduction: g(att),
            abandon_rate_before: g(ab_before),
            abandon_rate_after: g(ab_after),
            // Value of one abandon avoided = share who would have bought × margin per sale.
            value_per_abandon_avoided: g(share) * g(margin),
            discount_rate_annual: g(rate),
            fte_realisation: if self.immediately {
                FteRealisation::Immediately
            } else {
                FteRealisation::ThroughAttrition
            },
        };
        investment_case(model, &input).map_err(|mut err| {
            err.field = match err.field {
                "one_time_cost" => "inv_one_time",
                "recurring_cost_monthly" => "inv_recurring",
                "aht_reduction_s" => "inv_aht_reduction",
                "volume_reduction" => "inv_volume_reduction",
                "attrition_reduction" => "inv_attrition_reduction",
                "discount_rate" | "rate" | "discount_rate_annual" => "inv_discount_rate",
                "abandon_rate_before" => "inv_abandon_before",
                "abandon_rate_after" => "inv_abandon_after",
                "value_per_abandon_avoided" => "inv_margin_per_sale",
                f => f,
            };
            vec![err]
        })
    }
}

// ------------------------------------------------------------------ storage

/// The saved page: the form, the scenarios and the customer economics.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SavedBudget {
    pub inputs: BudgetInputs,
    pub scenarios: Vec<ScenarioInputs>,
    pub customer: CustomerInputs,
}

impl SavedBudget {
    /// The versioned record (`budget v2`): form fields, `scenario.<n>` lines, `ce.<field>` lines.
    pub fn encode(&self) -> String {
        let mut pairs: Vec<(String, String)> =
            self.inputs.to_pairs().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        for (n, s) in self.scenarios.iter().enumerate() {
            pairs.push((format!("scenario.{n:03}"), s.encode()));
        }
        for (k, v) in self.customer.fields() {
            pairs.push((format!("ce.{k}"), v.clone()));
        }
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        storage::encode(KIND, VERSION, &refs)
    }

    /// Reads a record of version 2, or of version 1 (no customer economics:
    /// defaults); `None` when it is not a budget record of a known version.
    pub fn decode(text: &str) -> Option<SavedBudget> {
        let map = [VERSION, 1].into_iter().find_map(|v| match storage::decode(text, KIND, v) {
            Loaded::Found(map) => Some(map),
            _ => None,
        })?;
        let inputs = BudgetInputs::from_pairs(map.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let scenarios =
            map.iter().filter(|(k, _)| k.starts_with("scenario.")).map(|(_, v)| ScenarioInputs::decode(v)).collect();
        let customer =
            CustomerInputs::from_pairs(map.iter().filter_map(|(k, v)| Some((k.strip_prefix("ce.")?, v.as_str()))));
        Some(SavedBudget { inputs, scenarios, customer })
    }

    /// The saved page, and whether a stored record was discarded.
    pub fn load() -> (SavedBudget, bool) {
        storage::load_or_default(STORAGE_KEY, SavedBudget::decode)
    }

    pub fn save(&self) {
        storage::write_raw(STORAGE_KEY, &self.encode());
    }

    /// A shareable hash: `#budget?s=<percent-encoded record>`.
    pub fn to_hash(&self) -> String {
        format!("#budget?s={}", percent_encode(&self.encode()))
    }

    /// The page from a hash made by [`SavedBudget::to_hash`]; `None` without `?s=` or when it does not read.
    pub fn from_hash(hash: &str) -> Option<SavedBudget> {
        let (_, query) = hash.split_once('?')?;
        let value = query.split('&').find_map(|kv| kv.strip_prefix("s="))?;
        SavedBudget::decode(&percent_decode(value)?)
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
/// Revenue retained from fewer abandons over the horizon:
/// `Σ_months contacts handled × (abandon rate before − after) × value per abandon avoided`
/// (each month as the engine's investment case computes it).
pub fn revenue_retained(case: &InvestmentCase) -> f64 {
    case.months.iter().map(|m| m.revenue_retained).sum()
}

/// Abandons avoided over the horizon (Σ of the engine's monthly values).
pub fn abandons_avoided(case: &InvestmentCase) -> f64 {
    case.months.iter().map(|m| m.abandons_avoided).sum()
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`percent_encode`]; `None` for malformed escapes or non-UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

// ------------------------------------------------------------------- export

fn money_row(label: &str, f: impl Fn(&callcalc_engine::BudgetMonth) -> f64, b: &Budget, total: f64) -> Vec<Cell> {
    let mut r = vec![Cell::text(label)];
    r.extend(b.months.iter().map(|m| Cell::number(Some(f(m)))));
    r.push(Cell::number(Some(total)));
    r
}

/// The budget workbook: monthly budget, drivers, scenario comparison, formulas.
pub fn workbook(model: &BudgetModel, cmp: &Comparison, currency: Currency) -> Vec<Sheet> {
    let b = &cmp.baseline;
    let t = &b.totals;
    let mut monthly = Sheet::new("Monthly");
    let mut header = vec![format!("Item ({})", currency.code())];
    header.extend(b.months.iter().map(|m| format!("M{}", m.month)));
    header.push("Total".into());
    monthly.header(header);
    type Row<'a> = (&'a str, fn(&callcalc_engine::BudgetMonth) -> f64, f64);
    let rows: [Row; 24] = [
        ("Contacts offered", |m| m.contacts_offered, t.contacts_offered),
        ("Contacts handled", |m| m.contacts_handled, t.contacts_handled),
        ("Callbacks (deferred)", |m| m.callback_contacts, t.callback_contacts),
        ("Abandons (estimate)", |m| m.abandons, t.abandons),
        ("Required FTE", |m| m.required_fte, t.average_required_fte),
        ("Real-time FTE (Erlang C)", |m| m.realtime_fte, t.average_realtime_fte),
        ("Callback FTE (deferred)", |m| m.callback_fte, t.average_callback_fte),
        ("Productive agents (FTE)", |m| m.productive_agents, t.average_agents),
        ("Hires", |m| m.hires as f64, t.hires as f64),
        ("Agent labour", |m| m.agent_labour, t.agent_labour),
        ("Trainee labour", |m| m.trainee_labour, t.trainee_labour),
        ("Support labour", |m| m.support_labour, t.support_labour),
        ("Recruitment", |m| m.recruitment, t.recruitment),
        ("Training", |m| m.training, t.training),
        ("Telephony", |m| m.telephony, t.telephony),
        ("Lines", |m| m.lines_cost, t.lines_cost),
        ("Licences", |m| m.licences, t.licences),
        ("Rent", |m| m.rent, t.rent),
        ("Overhead", |m| m.overhead, t.overhead),
        ("OPEX", |m| m.opex, t.opex),
        ("CAPEX", |m| m.capex, t.capex),
        ("Depreciation", |m| m.depreciation, t.depreciation),
        ("Cash (OPEX + CAPEX)", |m| m.cash, t.cash),
        ("P&L (OPEX + depreciation)", |m| m.pnl, t.pnl),
    ];
    for (label, f, total) in rows {
        monthly.row(money_row(label, f, b, total));
    }

    let i = model.input();
    let mut drivers = Sheet::new("Drivers");
    drivers.header(["Driver", "Value"]);
    let d = |s: &mut Sheet, k: &str, v: f64| {
        s.row([Cell::text(k), Cell::number(Some(v))]);
    };
    drivers.row([Cell::text("Currency"), Cell::text(currency.code())]);
    drivers.row([
        Cell::text("FTE source"),
        Cell::text(if i.month_days.is_empty() {
            "data history (typical day per month)"
        } else {
            "forecast of the next 12 months (every day and interval)"
        }),
    ]);
    d(&mut drivers, "Months", i.months as f64);
    d(&mut drivers, "AHT, s", i.aht_s);
    drivers.row([Cell::text("IVR deflection"), Cell::percent(Some(i.ivr_deflection))]);
    drivers.row([Cell::text("SL target"), Cell::percent(Some(i.sl_target))]);
    d(&mut drivers, "SL threshold, s", i.sl_threshold_s);
    drivers.row([Cell::text("Shrinkage"), Cell::percent(Some(i.shrinkage))]);
    d(&mut drivers, "Paid hours per FTE per month", i.paid_hours_per_fte_month);
    drivers.row([Cell::text("Monthly attrition"), Cell::percent(Some(i.attrition_monthly))]);
    d(&mut drivers, "Agent salary", i.agent_pay.monthly_salary());
    d(&mut drivers, "Agent loaded cost per month", i.agent_pay.loaded_monthly());
    drivers.row([Cell::text("Salary indexation (annual)"), Cell::percent(Some(i.salary_indexation_annual))]);
    d(&mut drivers, "Seat CAPEX", i.seat_capex);
    d(&mut drivers, "Depreciation years", i.depreciation_years as f64);
    d(&mut drivers, "Licence per seat per month", i.licence_per_seat_month);
    d(&mut drivers, "Rent per seat per month", i.rent_per_seat_month);
    d(&mut drivers, "Telephony per minute", i.telephony_per_minute);
    drivers.row([Cell::text("Overhead"), Cell::percent(Some(i.overhead_rate))]);
    drivers.row([Cell::text("Callback share"), Cell::percent(Some(i.callback_share))]);
    d(&mut drivers, "Callback deadline, s", i.callback_deadline_s);
    drivers.row([Cell::text("Abandonment rate (real-time queue, measured)"), Cell::percent(Some(i.abandon_rate))]);

    let mut scen = Sheet::new("Scenarios");
    scen.header([
        "Scenario",
        "Average FTE",
        "Cash budget",
        "Cost per call offered",
        "Δ FTE",
        "Δ cash",
        "Real-time FTE",
        "Callback FTE",
        "Abandons",
    ]);
    scen.row([
        Cell::text("Baseline"),
        Cell::number(Some(t.average_required_fte)),
        Cell::number(Some(t.cash)),
        Cell::number(t.cost_per_offered_contact),
        Cell::number(Some(0.0)),
        Cell::number(Some(0.0)),
        Cell::number(Some(t.average_realtime_fte)),
        Cell::number(Some(t.average_callback_fte)),
        Cell::number(Some(t.abandons)),
    ]);
    for r in cmp.rows.iter().flatten() {
        match &r.outcome {
            Ok(s) => scen.row([
                Cell::text(&r.name),
                Cell::number(Some(s.budget.totals.average_required_fte)),
                Cell::number(Some(s.budget.totals.cash)),
                Cell::number(s.budget.totals.cost_per_offered_contact),
                Cell::number(Some(s.delta_average_fte)),
                Cell::number(Some(s.delta_cash)),
                Cell::number(Some(s.budget.totals.average_realtime_fte)),
                Cell::number(Some(s.budget.totals.average_callback_fte)),
                Cell::number(Some(s.budget.totals.abandons)),
            ]),
            Err(e) => scen.row([Cell::text(&r.name), Cell::text(format!("invalid: {}", e.field))]),
        };
    }

    let mut formulas = Sheet::new("Formulas");
    formulas.header(["Quantity", "Formula", "Variant", "Inputs", "Result", "Source"]);
    let traces = [
        Some(t.trace_cash()),
        Some(t.trace_pnl()),
        t.trace_cost_per_offered_contact(),
        t.trace_cost_per_handled_contact(),
        t.trace_cost_per_agent_hour(),
        b.months.first().map(|m| m.trace_fte()),
        b.months.first().map(|m| m.trace_realtime_fte()),
        b.months.first().map(|m| m.trace_callback_fte()),
        Some(t.trace_abandons()),
        Some(i.agent_pay.trace()),
    ];
    for tr in traces.into_iter().flatten() {
        let inputs =
            tr.inputs.iter().map(|x| format!("{} = {} {}", x.symbol, x.value, x.unit)).collect::<Vec<_>>().join("; ");
        formulas.row([
            Cell::text(tr.id),
            Cell::text(tr.formula),
            Cell::text(tr.variant),
            Cell::text(inputs),
            Cell::number(Some(tr.result)),
            Cell::text(tr.source),
        ]);
    }
    for r in cmp.rows.iter().flatten() {
        if let Ok(sb) = &r.outcome {
            if sb.budget.totals.callback_contacts > 0.0 {
                for tr in
                    [sb.budget.months.first().map(|m| m.trace_callback_fte()), Some(sb.budget.totals.trace_abandons())]
                        .into_iter()
                        .flatten()
                {
                    let inputs = tr
                        .inputs
                        .iter()
                        .map(|x| format!("{} = {} {}", x.symbol, x.value, x.unit))
                        .collect::<Vec<_>>()
                        .join("; ");
                    formulas.row([
                        Cell::text(format!("{} [{}]", tr.id, r.name)),
                        Cell::text(tr.formula),
                        Cell::text(tr.variant),
                        Cell::text(inputs),
                        Cell::number(Some(tr.result)),
                        Cell::text(tr.source),
                    ]);
                }
            }
        }
    }
    vec![monthly, drivers, scen, formulas]
}

// ------------------------------------------------------------------- charts

/// One horizontal bar of the scenario chart, in SVG units (width 480).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub y: f64,
    pub width: f64,
}

/// Scenario chart width and row height, SVG units.
pub const CHART_W: f64 = 480.0;
pub const CHART_LABEL_W: f64 = 140.0;
pub const CHART_ROW_H: f64 = 26.0;

/// Bars of the cash budget: baseline first, then each computed scenario, scaled to the largest.
pub fn scenario_bars(cmp: &Comparison, baseline_label: &str) -> Vec<Bar> {
    let mut items = vec![(baseline_label.to_string(), cmp.baseline.totals.cash)];
    for r in cmp.rows.iter().flatten() {
        if let Ok(s) = &r.outcome {
            items.push((r.name.clone(), s.budget.totals.cash));
        }
    }
    let max = items.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    items
        .into_iter()
        .enumerate()
        .map(|(k, (label, value))| Bar {
            label,
            value,
            y: k as f64 * CHART_ROW_H + 4.0,
            width: if max > 0.0 { value / max * (CHART_W - CHART_LABEL_W - 8.0) } else { 0.0 },
        })
        .collect()
}

/// One tornado row in SVG units: the bar from the low end and the bar to the high end around the base line.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub driver: Driver,
    pub y: f64,
    /// x and width of the −10% bar (`None` when that end is invalid).
    pub low: Option<(f64, f64)>,
    pub high: Option<(f64, f64)>,
    pub low_delta: Option<f64>,
    pub high_delta: Option<f64>,
    pub swing: f64,
}

/// x of the base line in the tornado chart.
pub const TORNADO_MID: f64 = CHART_LABEL_W + (CHART_W - CHART_LABEL_W) / 2.0;

/// Places the tornado rows: deltas scaled to the widest, around [`TORNADO_MID`].
pub fn tornado_bars(rows: &[TornadoRow]) -> Vec<TornadoBar> {
    use callcalc_engine::SensitivityEnd;
    let delta = |e: &SensitivityEnd| match e {
        SensitivityEnd::Evaluated { delta, .. } => Some(*delta),
        SensitivityEnd::Invalid(_) => None,
    };
    let max = rows.iter().flat_map(|r| [delta(&r.low), delta(&r.high)]).flatten().map(f64::abs).fold(0.0, f64::max);
    let half = (CHART_W - CHART_LABEL_W) / 2.0 - 4.0;
    let place = |d: f64| {
        let w = if max > 0.0 { d.abs() / max * half } else { 0.0 };
        if d < 0.0 {
            (TORNADO_MID - w, w)
        } else {
            (TORNADO_MID, w)
        }
    };
    rows.iter()
        .enumerate()
        .map(|(k, r)| TornadoBar {
            driver: r.driver,
            y: k as f64 * CHART_ROW_H + 4.0,
            low: delta(&r.low).map(place),
            high: delta(&r.high).map(place),
            low_delta: delta(&r.low),
            high_delta: delta(&r.high),
            swing: r.swing,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;
    use callcalc_engine::{required_agents_many, Load, Shrinkage, Targets};

    fn demo_work() -> Workload {
        workload(&demo_dataset().intervals().unwrap().unwrap()).unwrap()
    }

    #[test]
    fn the_demo_year_gives_twelve_months_a_profile_and_an_aht() {
        let w = demo_work();
        assert_eq!(w.monthly_contacts.len(), 12);
        assert_eq!(w.interval_s, 900.0);
        assert_eq!(w.intraday_profile.len(), 56, "08:00–22:00 in quarter hours");
        assert!(w.aht_s > 60.0 && w.aht_s < 900.0, "{}", w.aht_s);
        assert!(w.open_days_per_month > 28.0 && w.open_days_per_month <= 31.0);
        assert_eq!(w.contacts_for(14)[12], w.monthly_contacts[0]);
    }

    #[test]
    fn defaults_give_a_budget_at_once_with_fte_from_the_staffing_engine() {
        let w = demo_work();
        let model = BudgetInputs::default().parse(&w).unwrap();
        let b = model.evaluate();
        assert!(b.totals.cash > 0.0 && b.totals.capex > 0.0);
        // Month 1's FTE = Σ Erlang C agents per interval × 0.25 h × open days / (1 − s) / paid hours.
        let i = model.input();
        let weight: f64 = i.intraday_profile.iter().sum();
        let daily = i.monthly_contacts[0] / i.open_days_per_month;
        let loads: Vec<Load> =
            i.intraday_profile.iter().map(|p| Load::new(daily * p / weight, 900.0, i.aht_s).unwrap()).collect();
        let st = required_agents_many(&loads, &Targets::service_level(0.8, 20.0).unwrap());
        let hours: f64 = st.iter().map(|s| s.agents as f64 * 0.25).sum::<f64>() * i.open_days_per_month;
        let fte = hours / (1.0 - Shrinkage::new(0.3).unwrap().fraction()) / 164.0;
        assert!((b.months[0].required_fte - fte).abs() < 1e-9, "{} vs {fte}", b.months[0].required_fte);
    }

    #[test]
    fn every_bad_field_is_reported_at_its_name() {
        let w = demo_work();
        let f = BudgetInputs {
            months: "40".into(),
            sl_percent: "abc".into(),
            agent_salary: "-5".into(),
            seat_capex: "x".into(),
            ..Default::default()
        };
        let errs = f.parse(&w).unwrap_err();
        let names: Vec<_> = errs.iter().map(|e| e.field).collect();
        for n in ["months", "sl_percent", "agent_salary", "seat_capex"] {
            assert!(names.contains(&n), "{n} in {names:?}");
        }
        // An engine-side range error comes back under the form's name.
        let f = BudgetInputs { sl_percent: "100".into(), ..Default::default() };
        assert_eq!(f.parse(&w).unwrap_err()[0].field, "sl_percent");
        let f = BudgetInputs { paid_training: "3".into(), hiring_lead: "2".into(), ..Default::default() };
        assert_eq!(f.parse(&w).unwrap_err()[0].field, "paid_training");
    }

    #[test]
    fn country_presets_are_editable_defaults() {
        let mut f = BudgetInputs::default();
        f.apply_country(Country::Kz);
        assert_eq!(f.payroll_tax, "15");
        assert_eq!(f.currency, Currency::Kzt);
        f.payroll_tax = "12".into();
        let m = f.parse(&demo_work()).unwrap();
        assert_eq!(m.input().agent_pay.payroll_tax_rate(), 0.12);
    }

    #[test]
    fn sl_scenario_changes_fte_by_the_staffing_engine_and_cost_by_fte_times_loaded_cost() {
        // No attrition, no hiring lead, no support roles, no seats: labour is the only cost.
        let f = BudgetInputs {
            attrition: "0".into(),
            hiring_lead: "0".into(),
            paid_training: "0".into(),
            indexation: "0".into(),
            sup_span: "100000".into(),
            sup_salary: "0".into(),
            qa_count: "0".into(),
            trainer_count: "0".into(),
            wfm_count: "0".into(),
            manager_count: "0".into(),
            seat_capex: "0".into(),
            licence: "0".into(),
            rent: "0".into(),
            telephony: "0".into(),
            line_cost: "0".into(),
            training_per_hire: "0".into(),
            recruitment_per_hire: "0".into(),
            overhead: "0".into(),
            ..Default::default()
        };
        let model = f.parse(&demo_work()).unwrap();
        let sc = ScenarioInputs {
            name: "SL 90/10".into(),
            sl_percent: "90".into(),
            sl_seconds: "10".into(),
            ..Default::default()
        };
        let cmp = compare(&model, &[sc]);
        let s = cmp.rows[0].as_ref().unwrap().outcome.as_ref().unwrap();
        let i = model.input();
        let loaded = i.agent_pay.loaded_monthly();
        let weight: f64 = i.intraday_profile.iter().sum();
        for (m, (b0, b1)) in cmp.baseline.months.iter().zip(&s.budget.months).enumerate() {
            let daily = i.monthly_contacts[m] / i.open_days_per_month;
            let loads: Vec<Load> =
                i.intraday_profile.iter().map(|p| Load::new(daily * p / weight, 900.0, i.aht_s).unwrap()).collect();
            let agents = |sl, t| {
                required_agents_many(&loads, &Targets::service_level(sl, t).unwrap())
                    .iter()
                    .map(|s| s.agents)
                    .sum::<u32>()
            };
            let d_hours = (agents(0.9, 10.0) - agents(0.8, 20.0)) as f64 * 0.25 * i.open_days_per_month;
            let d_fte = d_hours / 0.7 / i.paid_hours_per_fte_month;
            assert!(d_fte > 0.0);
            assert!((b1.required_fte - b0.required_fte - d_fte).abs() < 1e-9);
            // Whole hires make staff differ from the requirement by < 1 FTE; labour follows staff × loaded cost.
            let d_staff = b1.productive_agents - b0.productive_agents;
            assert!((b1.cash - b0.cash - d_staff * loaded).abs() < 1e-6 * b0.cash);
        }
        assert!(s.delta_cash > 0.0);
        let d_staff: f64 = s
            .budget
            .months
            .iter()
            .zip(&cmp.baseline.months)
            .map(|(a, b)| a.productive_agents - b.productive_agents)
            .sum();
        assert!((s.delta_cash - d_staff * loaded).abs() < 1e-6 * cmp.baseline.totals.cash);
    }

    #[test]
    fn scenarios_with_bad_fields_are_reported_and_others_still_run() {
        let model = BudgetInputs::default().parse(&demo_work()).unwrap();
        let good = ScenarioInputs { name: "Volume +10%".into(), volume_pct: "10".into(), ..Default::default() };
        let bad = ScenarioInputs { name: "".into(), aht: "x".into(), ..Default::default() };
        let impossible = ScenarioInputs { name: "SL 100".into(), sl_percent: "100".into(), ..Default::default() };
        let cmp = compare(&model, &[good, bad, impossible]);
        assert!(cmp.rows[0].as_ref().unwrap().outcome.as_ref().unwrap().delta_cash > 0.0);
        let errs: Vec<_> = cmp.rows[1].as_ref().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(errs, vec!["sc_name", "sc_aht"]);
        assert_eq!(cmp.rows[2].as_ref().unwrap().outcome.as_ref().unwrap_err().field, "sl_target");
        assert_eq!(workbook(&model, &cmp, Currency::Rub).len(), 4);
        let bars = scenario_bars(&cmp, "Baseline");
        assert_eq!(bars.len(), 2, "baseline and the one computed scenario");
        assert!(bars[1].width > bars[0].width);
        let t = tornado_bars(&tornado(&model));
        assert_eq!(t.len(), Driver::ALL.len());
        let widest = t[0].low.unwrap().1.max(t[0].high.unwrap().1);
        assert!((widest - ((CHART_W - CHART_LABEL_W) / 2.0 - 4.0)).abs() < 1e-9);
    }

    #[test]
    fn saved_page_round_trips_through_storage_text_and_link() {
        let saved = SavedBudget {
            inputs: BudgetInputs { currency: Currency::Eur, months: "24".into(), ..Default::default() },
            scenarios: vec![
                ScenarioInputs { name: "a|b\\c & d".into(), sl_percent: "90".into(), ..Default::default() },
                ScenarioInputs { name: "Объём +5%".into(), volume_pct: "5".into(), ..Default::default() },
            ],
            ..Default::default()
        };
        assert_eq!(SavedBudget::decode(&saved.encode()), Some(saved.clone()));
        let hash = saved.to_hash();
        assert!(hash.starts_with("#budget?s="));
        assert!(!hash[1..].contains('#') && !hash.contains(' '));
        assert_eq!(SavedBudget::from_hash(&hash), Some(saved));
        assert_eq!(SavedBudget::from_hash("#budget"), None);
        assert_eq!(SavedBudget::from_hash("#budget?s=%zz"), None);
        assert_eq!(SavedBudget::decode("staffing v1\n"), None);
    }

    #[test]
    fn investment_case_from_the_form() {
        let model = BudgetInputs::default().parse(&demo_work()).unwrap();
        let case = InvestmentInputs::default().evaluate(&model).unwrap();
        assert!(case.months[0].fte_saved > 0.0);
        assert_eq!(case.cash_flows.values()[0], -3_000_000.0);
        let bad = InvestmentInputs { aht_reduction: "100000".into(), ..Default::default() };
        assert_eq!(bad.evaluate(&model).unwrap_err()[0].field, "inv_aht_reduction");
    }

    #[test]
    fn revenue_retained_from_fewer_abandons_is_an_input() {
        let model = BudgetInputs::default().parse(&demo_work()).unwrap();
        let without = InvestmentInputs::default().evaluate(&model).unwrap();
        assert_eq!(revenue_retained(&without), 0.0);
        let inputs = InvestmentInputs {
            abandon_before: "8".into(),
            abandon_after: "5".into(),
            buy_share: "20".into(),
            margin_per_sale: "1000".into(),
            ..Default::default()
        };
        let with = inputs.evaluate(&model).unwrap();
        // Abandons avoided = handled contacts (improved budget) × (8% − 5%); each worth 20% × 1000 = 200.
        let handled: f64 = with.improved.months.iter().map(|m| m.contacts_handled).sum();
        let avoided = abandons_avoided(&with);
        assert!((avoided - handled * 0.03).abs() < 1e-6 * avoided, "{avoided} vs {}", handled * 0.03);
        let retained = revenue_retained(&with);
        assert!((retained - avoided * 200.0).abs() < 1e-6 * retained);
        assert!(retained > 0.0);
        // The benefit and NPV rise by exactly the retained revenue (undiscounted / discounted).
        assert!((with.total_benefit - without.total_benefit - retained).abs() < 1e-6 * retained);
        assert!(with.npv.value > without.npv.value);
        // Errors at their fields: after > before, share > 100%, negative margin.
        let bad = InvestmentInputs { abandon_before: "5".into(), abandon_after: "8".into(), ..Default::default() };
        assert_eq!(bad.evaluate(&model).unwrap_err()[0].field, "inv_abandon_after");
        let bad = InvestmentInputs { buy_share: "150".into(), margin_per_sale: "-1".into(), ..Default::default() };
        let fields: Vec<_> = bad.evaluate(&model).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["inv_buy_share", "inv_margin_per_sale"]);
    }

    #[test]
    fn tornado_toggles_between_cash_and_cost_per_call() {
        let model = BudgetInputs::default().parse(&demo_work()).unwrap();
        let totals = model.evaluate().totals;
        let cash = tornado_of(&model, BudgetMeasure::Cash);
        let cpc = tornado_of(&model, BudgetMeasure::CostPerOfferedContact);
        assert_eq!(cash, tornado(&model));
        assert_eq!(cash.len(), cpc.len());
        assert!((cash[0].base_total - totals.cash).abs() < 1e-6);
        assert!((cpc[0].base_total - totals.cost_per_offered_contact.unwrap()).abs() < 1e-9);
        // Cost per call is money per contact: its swings are orders of magnitude below the budget's.
        assert!(cpc[0].swing < cash[0].swing / 1000.0);
    }

    #[test]
    fn added_channel_scenario_is_staffed_as_its_own_queue() {
        let model = BudgetInputs::default().parse(&demo_work()).unwrap();
        let sc = ScenarioInputs {
            name: "Campaign".into(),
            added_contacts: "5000".into(),
            added_aht: "4:00".into(),
            ..Default::default()
        };
        let parsed = sc.parse().unwrap();
        assert_eq!(parsed.changes, vec![DriverChange::added_channel(5000.0, 240.0)]);
        let cmp = compare(&model, std::slice::from_ref(&sc));
        let s = cmp.rows[0].as_ref().unwrap().outcome.as_ref().unwrap();
        // Exactly the engine's model with the channel added.
        let expected = model.with_changes(&[DriverChange::added_channel(5000.0, 240.0)]).unwrap().evaluate();
        assert_eq!(s.budget, expected);
        assert!(s.delta_average_fte > 0.0);
        assert!(s.delta_cash > 0.0);
        for (b0, b1) in cmp.baseline.months.iter().zip(&s.budget.months) {
            assert!((b1.contacts_offered - b0.contacts_offered - 5000.0).abs() < 1e-6);
            assert!(b1.required_fte > b0.required_fte);
        }
        // Kept in the record (link / file) and read back; old 9-field lines read as no channel.
        assert_eq!(ScenarioInputs::decode(&sc.encode()), sc);
        assert_eq!(ScenarioInputs::decode("a|||||||||").added_contacts, "");
        // Both fields are needed; errors at their fields.
        let half = ScenarioInputs { name: "x".into(), added_contacts: "100".into(), ..Default::default() };
        assert_eq!(half.parse().unwrap_err()[0].field, "sc_added_aht");
        let bad = ScenarioInputs {
            name: "x".into(),
            added_contacts: "many".into(),
            added_aht: "0".into(),
            ..Default::default()
        };
        assert_eq!(bad.parse().unwrap_err()[0].field, "sc_added_contacts");
    }

    #[test]
    fn callback_scenario_moves_realtime_fte_to_deferred_and_cuts_abandons() {
        let w = demo_work();
        assert!(w.abandon_rate > 0.0 && w.abandon_rate < 0.5, "measured from the demo: {}", w.abandon_rate);
        let model = BudgetInputs::default().parse(&w).unwrap();
        assert_eq!(model.input().abandon_rate, w.abandon_rate);
        let sc = ScenarioInputs { name: "Callback 20%".into(), callback_pct: "20".into(), ..Default::default() };
        // Empty deadline = 60 minutes.
        assert_eq!(sc.parse().unwrap().changes, vec![DriverChange::callback(0.2, 3600.0)]);
        let cmp = compare(&model, std::slice::from_ref(&sc));
        let s = cmp.rows[0].as_ref().unwrap().outcome.as_ref().unwrap();
        assert_eq!(s.budget, model.with_changes(&[DriverChange::callback(0.2, 3600.0)]).unwrap().evaluate());
        let (t0, t1) = (&cmp.baseline.totals, &s.budget.totals);
        assert!(t1.average_realtime_fte < t0.average_realtime_fte);
        assert!(t1.average_callback_fte > 0.0 && t0.average_callback_fte == 0.0);
        assert!((t1.abandons - t0.abandons * 0.8).abs() < 1e-6 * t0.abandons);
        // Kept in the record; old 11-field lines read as no callback; errors at their fields.
        let sc2 = ScenarioInputs { callback_minutes: "120".into(), ..sc.clone() };
        assert_eq!(ScenarioInputs::decode(&sc2.encode()), sc2);
        assert_eq!(ScenarioInputs::decode("a||||||||||").callback_pct, "");
        let bad = ScenarioInputs { name: "x".into(), callback_minutes: "30".into(), ..Default::default() };
        assert_eq!(bad.parse().unwrap_err()[0].field, "sc_callback_pct");
        let bad = ScenarioInputs {
            name: "x".into(),
            callback_pct: "a".into(),
            callback_minutes: "b".into(),
            ..Default::default()
        };
        let f: Vec<_> = bad.parse().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(f, ["sc_callback_pct", "sc_callback_minutes"]);
        // Exported: the Scenarios sheet has the callback FTE and abandons, Formulas the traces.
        let wb = workbook(&model, &cmp, Currency::Rub);
        let json = callcalc_engine::export::to_json(&wb);
        assert!(json.contains("Callback FTE") && json.contains("budget.callback_fte [Callback 20%]"));
    }

    #[test]
    fn customer_economics_round_trip_in_the_record_and_the_link_and_old_links_still_load() {
        let saved = SavedBudget {
            inputs: BudgetInputs { months: "18".into(), ..Default::default() },
            scenarios: vec![ScenarioInputs {
                name: "Callback".into(),
                callback_pct: "15".into(),
                ..Default::default()
            }],
            customer: CustomerInputs {
                margin: "12345,5".into(),
                retention: "85".into(),
                new_customers: "7 & 8 = 15".into(),
                ..Default::default()
            },
        };
        let text = saved.encode();
        assert!(text.starts_with("budget v2\n") && text.contains("ce.margin=12345,5\n"), "{text}");
        assert_eq!(SavedBudget::decode(&text), Some(saved.clone()));
        assert_eq!(SavedBudget::from_hash(&saved.to_hash()), Some(saved.clone()));
        // A v1 record (link or file written before customer economics) loads, with the defaults.
        let v1 = "budget v1\ncurrency=EUR\nmonths=24\nscenario.000=Old|5||||||||\n";
        let old = SavedBudget::decode(v1).unwrap();
        assert_eq!(old.inputs.months, "24");
        assert_eq!(old.inputs.currency, Currency::Eur);
        assert_eq!(old.scenarios[0].volume_pct, "5");
        assert_eq!(old.scenarios[0].callback_pct, "");
        assert_eq!(old.customer, CustomerInputs::default());
        assert_eq!(SavedBudget::from_hash(&format!("#budget?s={}", percent_encode(v1))), Some(old));
        assert_eq!(SavedBudget::decode("budget v3\nmonths=24\n"), None);
        // The workbook sheet carries the page's values and traces.
        let ce = CustomerInputs { new_customers: "100".into(), ..saved.customer.clone() };
        let econ = ce.evaluate().unwrap();
        let sheet = crate::state::customer::customer_sheet(&ce, &econ, "RUB");
        let json = callcalc_engine::export::to_json(std::slice::from_ref(&sheet));
        assert!(json.contains("Customer economics") && json.contains("12345,5"), "{json}");
        let farris = sheet.rows.iter().find(|r| matches!(&r[0], Cell::Text(t) if t.starts_with("CLV (a)"))).unwrap();
        assert_eq!(farris[1], Cell::Number(econ.clv_farris.value));
        assert!(matches!(&farris[2], Cell::Text(f) if *f == econ.clv_farris.trace().formula));
    }

    #[test]
    fn forecast_source_staffs_every_forecast_interval_as_the_staffing_engine_does() {
        let ds = demo_dataset();
        let w = workload(&ds.intervals().unwrap().unwrap()).unwrap();
        let t0 = std::time::Instant::now();
        let fw = forecast_work(&ds).unwrap();
        let t_forecast = t0.elapsed();
        assert_eq!(fw.months.len(), 12, "{:?}", fw.months);
        let f = BudgetInputs { source: FteSource::Forecast, ..Default::default() };
        // Without the forecast, the source is an error at its field.
        assert_eq!(f.parse(&w).unwrap_err()[0].field, "source");
        let model = f.parse_with(&w, Some(&fw)).unwrap();
        let t1 = std::time::Instant::now();
        let b = model.evaluate();
        let t_evaluate = t1.elapsed();
        let i = model.input();
        let targets = Targets::service_level(0.8, 20.0).unwrap();
        for (m, md) in fw.month_days.iter().enumerate() {
            // The forecast's loads at the budget's AHT, staffed by the staffing engine.
            let loads: Vec<Load> =
                md.iter().flatten().map(|&v| Load::new(v, fw.interval_s, i.aht_s).unwrap()).collect();
            let hours: f64 = required_agents_many(&loads, &targets).iter().map(|s| s.agents as f64).sum::<f64>()
                * fw.interval_s
                / 3600.0;
            let fte = hours / (1.0 - 0.3) / i.paid_hours_per_fte_month;
            assert!(
                (b.months[m].required_fte - fte).abs() < 1e-9,
                "month {}: {} vs {fte}",
                m + 1,
                b.months[m].required_fte
            );
            let total: f64 = md.iter().flatten().sum();
            assert!((b.months[m].contacts_offered - total).abs() < 1e-6);
            assert_eq!(b.months[m].open_days, md.len() as f64);
        }
        // Differs from the history source (other days, other months).
        let hist = BudgetInputs::default().parse(&w).unwrap().evaluate();
        assert_ne!(hist.months[0].required_fte, b.months[0].required_fte);
        // Kept in the record.
        let saved = SavedBudget { inputs: f.clone(), ..Default::default() };
        assert_eq!(SavedBudget::decode(&saved.encode()).unwrap().inputs.source, FteSource::Forecast);
        let t2 = std::time::Instant::now();
        let _ = tornado(&model);
        eprintln!(
            "forecast source timings (debug build): forecast {t_forecast:?}, one evaluate {t_evaluate:?}, tornado (22 evaluates) {:?}; \
             contacts offered {:.0} (history {:.0}), mean FTE {:.1} (history {:.1})",
            t2.elapsed(),
            b.totals.contacts_offered,
            hist.totals.contacts_offered,
            b.totals.average_required_fte,
            hist.totals.average_required_fte
        );
    }
}

/// The KPI dashboard's cost per agent hour (labour, everything else) from a
/// saved budget on the data set: the budget as the budget page evaluates it
/// (its FTE source included), then [`BudgetTotals::cost_input`].
///
/// [`BudgetTotals::cost_input`]: callcalc_engine::BudgetTotals::cost_input
pub fn kpi_cost_from_budget(
    saved: &SavedBudget,
    ds: &crate::state::dataset::DataSet,
) -> Result<callcalc_engine::CostInput, BudgetCostProblem> {
    let failed = BudgetCostProblem::Failed;
    let work = match dataset_workload(ds) {
        Ok(w) => w,
        Err(WorkloadProblem::TooShort(s)) => return Err(BudgetCostProblem::TooShort(s)),
        Err(e) => return Err(failed(e.to_string())),
    };
    let forecast = match saved.inputs.source {
        FteSource::Forecast => Some(forecast_work(ds).map_err(failed)?),
        FteSource::History => None,
    };
    let model = saved
        .inputs
        .parse_with(&work, forecast.as_ref())
        .map_err(|errs| failed(errs.iter().map(|e| format!("{}: {e}", e.field)).collect::<Vec<_>>().join("; ")))?;
    model.evaluate().totals.cost_input().ok_or_else(|| failed("the budget has no paid agent hours".to_string()))
}

/// Why a cost could not be taken from the budget.
#[derive(Clone, Debug, PartialEq)]
pub enum BudgetCostProblem {
    /// The data set is too short for a budget ([`WorkloadProblem::TooShort`]).
    TooShort(ShortHistory),
    /// Anything else (the budget's own message).
    Failed(String),
}

impl std::fmt::Display for BudgetCostProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BudgetCostProblem::TooShort(s) => write!(f, "{s}"),
            BudgetCostProblem::Failed(e) => write!(f, "{e}"),
        }
    }
}

/// The message shown next to "cost from the budget" (the refusal in the page's language).
pub fn budget_cost_text(lang: crate::i18n::Lang, e: &BudgetCostProblem) -> String {
    match e {
        BudgetCostProblem::TooShort(s) => {
            crate::state::coverage::short_history_text(lang, crate::state::coverage::Need::Budget, s)
        }
        BudgetCostProblem::Failed(t) => t.clone(),
    }
}

#[cfg(test)]
mod kpi_cost_tests {
    use super::*;
    use crate::state::dataset::demo_dataset;

    #[test]
    fn the_kpi_cost_is_the_budgets_cost_per_paid_agent_hour() {
        let ds = demo_dataset();
        let saved = SavedBudget::default();
        let c = kpi_cost_from_budget(&saved, &ds).unwrap();
        let w = workload(&ds.intervals().unwrap().unwrap()).unwrap();
        let t = saved.inputs.parse(&w).unwrap().evaluate().totals;
        assert!((c.labour_per_agent_hour() - t.agent_labour / t.paid_agent_hours).abs() < 1e-9);
        // Labour + everything else = the budget's P&L cost per paid agent hour.
        let all = c.labour_per_agent_hour() + c.other_per_agent_hour();
        assert!((all - t.cost_per_agent_hour.unwrap()).abs() < 1e-6 * all, "{all} vs {:?}", t.cost_per_agent_hour);
        assert!(c.other_per_agent_hour() > 0.0);
    }
}

#[cfg(test)]
mod coverage_tests {
    //! Short and partial data sets: a month with some days of data is
    //! scaled, a history shorter than a week is refused, the full demo is
    //! unchanged.
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use callcalc_engine::{days_from_civil, demo};

    use super::*;
    use crate::i18n::Lang;
    use crate::state::coverage::{coverage_line, month_scale_text, short_history_text, Need};
    use crate::state::dataset::{demo_dataset, DataSet, Part};
    use crate::state::import::Source;

    /// Demo call records of `days` days from `start`, imported as a file.
    fn cdr_days(start: (i32, u32, u32), days: u32) -> DataSet {
        let centre = demo::DemoCentre { start, ..Default::default() };
        let text = demo::cdr_csv(&centre, days);
        let part = Part::import(Source { name: "short.csv".into(), bytes: Arc::new(text.into_bytes()) }).unwrap();
        demo_dataset().with_part(part)
    }

    #[test]
    fn a_one_day_file_is_refused_with_what_is_needed() {
        let ds = cdr_days((2024, 7, 3), 1);
        let cov = ds.coverage().unwrap();
        assert_eq!((cov.open_days, cov.calendar_days), (1, 1));
        assert_eq!(
            coverage_line(Lang::Ru, &cov),
            "Период: 03.07.2024 – 03.07.2024, 1 день с обращениями; календарных дней в периоде: 1"
        );
        let err = dataset_workload(&ds).unwrap_err();
        let WorkloadProblem::TooShort(s) = &err else { panic!("{err:?}") };
        assert_eq!(*s, ShortHistory { needed_days: MIN_BUDGET_DAYS, calendar_days: 1, open_days: 1 });
        assert_eq!(
            short_history_text(Lang::Ru, Need::Budget, s),
            "Для бюджета нужна история не менее 7 дней; в данных 1 день (1 с обращениями). \
             Месячный объём по такому короткому периоду не оценить: импортируйте более длинную историю."
        );
        // The KPI cost taken from the budget is refused too (never a month's cost from one day).
        let e = kpi_cost_from_budget(&SavedBudget::default(), &ds).unwrap_err();
        assert_eq!(e, BudgetCostProblem::TooShort(*s));
        assert!(budget_cost_text(Lang::Ru, &e).starts_with("Для бюджета нужна история не менее 7 дней"));
    }

    #[test]
    fn six_days_are_refused_and_seven_are_budgeted() {
        assert!(matches!(dataset_workload(&cdr_days((2024, 7, 3), 6)), Err(WorkloadProblem::TooShort(_))));
        let w = dataset_workload(&cdr_days((2024, 7, 3), 7)).unwrap();
        assert_eq!(w.coverage.calendar_days, 7);
    }

    #[test]
    fn a_ten_day_file_is_scaled_to_a_whole_month() {
        let ds = cdr_days((2024, 7, 10), 10);
        let w = dataset_workload(&ds).unwrap();
        let cov = &w.coverage;
        assert_eq!((cov.first_day, cov.last_day), (days_from_civil(2024, 7, 10), days_from_civil(2024, 7, 19)));
        assert_eq!((cov.open_days, cov.calendar_days), (10, 10), "the demo centre is open every day");
        // July: 10 open days found of 31, open rate 1 → Ô = 31, k = 3.1.
        assert_eq!(w.months.len(), 1);
        let july = &w.months[0];
        assert_eq!((july.coverage.covered_days, july.coverage.days_in_month), (10, 31));
        assert!((july.scale - 3.1).abs() < 1e-12);
        let raw: f64 = ds.intervals().unwrap().unwrap().iter().map(|c| c.offered as f64).sum();
        assert!((w.monthly_contacts[0] - raw * 3.1).abs() < 1e-6, "{} vs {}", w.monthly_contacts[0], raw * 3.1);
        // The typical day stands for the month's 31 open days: the same contacts per day as measured.
        assert_eq!(w.open_days_per_month, 31.0);
        assert!((w.monthly_contacts[0] / w.open_days_per_month - raw / 10.0).abs() < 1e-6);
        assert_eq!(
            month_scale_text(Lang::Ru, &july.coverage, july.scale),
            "июль 2024: 10 дней данных из 31; объём масштабирован ×3,10"
        );
        // The budget's months carry the whole month's contacts, and its cost per
        // contact is the whole month's cost over them.
        let b = BudgetInputs::default().parse(&w).unwrap().evaluate();
        assert!((b.months[0].contacts_offered - raw * 3.1).abs() < 1e-6);
        assert!(b.months.iter().all(|m| (m.contacts_offered - raw * 3.1).abs() < 1e-6), "July repeated");
        // Taken unscaled (10 days as a month, 10 open days) the FTE would be a third of it.
        let unscaled = Workload { monthly_contacts: vec![raw], open_days_per_month: 10.0, ..w.clone() };
        let u = BudgetInputs::default().parse(&unscaled).unwrap().evaluate();
        assert!((b.months[0].required_fte / u.months[0].required_fte - 3.1).abs() < 1e-9);
    }

    #[test]
    fn a_span_over_two_months_scales_each_by_its_own_days() {
        // 26 June – 5 July 2024: June 5 of 30 days, July 5 of 31.
        let ds = cdr_days((2024, 6, 26), 10);
        let w = dataset_workload(&ds).unwrap();
        let scales: Vec<(u32, u32, f64)> =
            w.months.iter().map(|m| (m.coverage.month, m.coverage.covered_days, m.scale)).collect();
        assert_eq!(scales.len(), 2);
        assert_eq!((scales[0].0, scales[0].1), (6, 5));
        assert!((scales[0].2 - 6.0).abs() < 1e-12);
        assert_eq!((scales[1].0, scales[1].1), (7, 5));
        assert!((scales[1].2 - 6.2).abs() < 1e-12);
        assert_eq!(w.scaled_months().count(), 2);
        assert!((w.open_days_per_month - 30.5).abs() < 1e-12, "mean of 30 and 31");
    }

    #[test]
    fn closed_days_in_the_data_lower_the_expected_open_days() {
        // Ten days of cells, contacts on 8 of them (r = 0.8): July 10–19.
        let mut cells = cdr_days((2024, 7, 10), 10).intervals().unwrap().unwrap();
        let closed = [days_from_civil(2024, 7, 13), days_from_civil(2024, 7, 14)];
        for c in cells.iter_mut().filter(|c| closed.contains(&c.start.days())) {
            c.offered = 0;
            c.answered = 0;
            c.abandoned = c.abandoned.map(|_| 0);
            c.handle_s = 0.0;
            c.handled_with_time = 0;
        }
        let w = workload(&cells).unwrap();
        assert_eq!((w.coverage.open_days, w.coverage.calendar_days), (8, 10));
        // Ô = 8 + 21 × 0.8 = 24.8; k = 24.8 / 8 = 3.1.
        assert!((w.open_days_per_month - 24.8).abs() < 1e-12);
        assert!((w.months[0].scale - 3.1).abs() < 1e-12);
    }

    #[test]
    fn the_full_demo_is_budgeted_exactly_as_before() {
        let cells = demo_dataset().intervals().unwrap().unwrap();
        let w = workload(&cells).unwrap();
        // The measurement before coverage: per-month sums, distinct open days / months.
        let mut months: BTreeMap<(i32, u32), f64> = BTreeMap::new();
        let mut days = BTreeSet::new();
        for c in &cells {
            *months.entry((c.start.date().0, c.start.date().1)).or_default() += c.offered as f64;
            if c.offered > 0 {
                days.insert(c.start.days());
            }
        }
        assert_eq!(w.monthly_contacts, months.values().copied().collect::<Vec<_>>());
        assert_eq!(w.open_days_per_month, (days.len() as f64 / months.len() as f64).min(31.0));
        assert_eq!(w.scaled_months().count(), 0, "a whole year: nothing scaled");
        assert!(w.months.iter().all(|m| m.scale == 1.0));
        let before = Workload {
            monthly_contacts: months.values().copied().collect(),
            open_days_per_month: (days.len() as f64 / months.len() as f64).min(31.0),
            ..w.clone()
        };
        let (a, b) = (BudgetInputs::default().parse(&w).unwrap(), BudgetInputs::default().parse(&before).unwrap());
        assert_eq!(a.evaluate().totals, b.evaluate().totals);
    }
}

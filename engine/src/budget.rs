//! A contact-centre budget: volumes → staffing (through the Erlang C solver)
//! → agents with attrition and hiring lead time → support roles, seats, lines,
//! telephony, licences, rent → monthly OPEX, CAPEX, cash and depreciation.
//! Scenarios change drivers and re-run the whole chain; sensitivity moves each
//! driver ±x% into a tornado; an investment case turns savings into cash flows
//! for NPV, IRR, payback and ROI through the finance formulas ([`crate::npv`],
//! [`crate::irr`], [`crate::payback`], [`crate::roi`]).
//!
//! Money is in one currency, unnamed; amounts are per month unless a name says
//! otherwise. Workforce figures are FTE (full-time equivalents) unless they are
//! whole people (hires, trainees, seats).

use std::num::NonZeroU32;

use crate::dashboard::CostInput;
use crate::deferred::{DeferredPlan, DeferredWork};
use crate::erlang::lines_for_blocking;
use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::finance::{
    irr, npv, payback, roi, CashFlows, DiscountRate, Irr, Npv, NpvTiming, PaybackResult, PaybackVariant, Roi,
    RoiVariant,
};
use crate::load::{Load, Traffic};
use crate::shrinkage::{ceil_people, Shrinkage};
use crate::staffing::{required_agents_many, Targets};
use crate::trace::Trace;

const SRC_FTE: &str = "Erlang C staffing per interval (Gans, Koole & Mandelbaum 2003 §4.1), summed to agent hours; FTE = hours / (1 − s) / paid hours per FTE (OdeToErlang FORMULAS.md; Amazon Connect capacity planning)";
const SRC_LOADED: &str = "loaded employment cost: salary + bonus, plus employer payroll taxes on both, plus benefits (common budgeting practice; rates are user inputs)";
const SRC_CALLBACK: &str = "modelling assumption of callcalc after Koole, Call Center Optimization (2013): a callback (virtual queue) turns a real-time contact into deferred work with a deadline; real-time part Erlang C (Gans, Koole & Mandelbaum 2003), deferred part earliest-deadline-first (deferred.rs)";
const SRC_UNIT_COST: &str = "definitions.md 'Cost per call / contact': total cost for the period / contacts (handled or offered denominator exposed)";

/// Largest traffic in one interval the budget accepts, in Erlangs (about ten
/// thousand agents on the phones at once), so that a budget with its
/// scenarios and sensitivity stays fast.
pub const MAX_BUDGET_INTERVAL_ERLANGS: f64 = 10_000.0;

/// Employer defaults for a country: payroll-tax rate and paid hours.
///
/// These are **editable default values for budgeting, not statements of law**:
/// rates change, have caps and reduced regimes. Check the current rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmployerDefaults {
    pub country: Country,
    /// Employer payroll taxes and social contributions as a fraction of gross pay.
    pub payroll_tax_rate: f64,
    /// Paid hours per full-time employee per month (40-hour week, annual calendar / 12).
    pub paid_hours_per_fte_month: f64,
    /// What the rate is made of, in English.
    pub basis: &'static str,
}

/// Countries with preset employer defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Country {
    /// Russia.
    Ru,
    /// Ukraine.
    Ua,
    /// Kazakhstan.
    Kz,
}

/// Default employer payroll-tax rate and paid hours for a country — defaults
/// to start a budget from, to be edited, **not law**:
///
/// - RU: 30.2% = unified insurance contributions 30% (up to the annual base
///   cap; 15.1% above it, reduced SME/IT rates not modelled) + 0.2% accident
///   insurance (lowest risk class); ~1,970 h/year → 164 h/month;
/// - UA: 22% = single social contribution (ЄСВ), on pay up to its cap; 166 h/month;
/// - KZ: 15% = social tax 9.5% (social contributions are deducted from it) +
///   employer health insurance (ОСМС) 3% + employer pension contribution
///   (ОПВР) 2.5% (2025 step of its phase-in); 166 h/month.
///
/// ```
/// use callcalc_engine::{employer_defaults, Country};
/// assert_eq!(employer_defaults(Country::Ua).payroll_tax_rate, 0.22);
/// let mut ru = employer_defaults(Country::Ru);
/// ru.payroll_tax_rate = 0.151; // edited: above the cap
/// assert_eq!(ru.payroll_tax_rate, 0.151);
/// ```
pub fn employer_defaults(country: Country) -> EmployerDefaults {
    match country {
        Country::Ru => EmployerDefaults {
            country,
            payroll_tax_rate: 0.302,
            paid_hours_per_fte_month: 164.0,
            basis: "RU default: insurance contributions 30% up to the base cap + 0.2% accident insurance; not law, edit as needed",
        },
        Country::Ua => EmployerDefaults {
            country,
            payroll_tax_rate: 0.22,
            paid_hours_per_fte_month: 166.0,
            basis: "UA default: single social contribution (ESV) 22% up to its cap; not law, edit as needed",
        },
        Country::Kz => EmployerDefaults {
            country,
            payroll_tax_rate: 0.15,
            paid_hours_per_fte_month: 166.0,
            basis: "KZ default: social tax 9.5% + employer health insurance 3% + employer pension contribution 2.5%; not law, edit as needed",
        },
    }
}

/// Pay of one role, validated: monthly salary ≥ 0, bonus as a fraction of
/// salary in `[0, 10]`, employer payroll taxes as a fraction of salary + bonus
/// in `[0, 1]`, benefits per month ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pay {
    monthly_salary: f64,
    bonus_rate: f64,
    payroll_tax_rate: f64,
    benefits_monthly: f64,
}

impl Pay {
    /// ```
    /// use callcalc_engine::Pay;
    /// assert!(Pay::new(1000.0, 0.1, 0.302, 50.0).is_ok());
    /// assert_eq!(Pay::new(1000.0, 0.1, 1.5, 50.0).unwrap_err().field, "payroll_tax_rate");
    /// ```
    pub fn new(
        monthly_salary: f64,
        bonus_rate: f64,
        payroll_tax_rate: f64,
        benefits_monthly: f64,
    ) -> Result<Self, FieldError> {
        Ok(Pay {
            monthly_salary: non_negative("monthly_salary", monthly_salary)?,
            bonus_rate: in_range("bonus_rate", bonus_rate, 0.0, 10.0, true, true)?,
            payroll_tax_rate: in_range("payroll_tax_rate", payroll_tax_rate, 0.0, 1.0, true, true)?,
            benefits_monthly: non_negative("benefits_monthly", benefits_monthly)?,
        })
    }

    /// Pay with the payroll-tax rate of a country's [`EmployerDefaults`].
    pub fn with_defaults(
        monthly_salary: f64,
        bonus_rate: f64,
        benefits_monthly: f64,
        defaults: &EmployerDefaults,
    ) -> Result<Self, FieldError> {
        Pay::new(monthly_salary, bonus_rate, defaults.payroll_tax_rate, benefits_monthly)
    }

    pub fn monthly_salary(&self) -> f64 {
        self.monthly_salary
    }
    pub fn bonus_rate(&self) -> f64 {
        self.bonus_rate
    }
    pub fn payroll_tax_rate(&self) -> f64 {
        self.payroll_tax_rate
    }
    pub fn benefits_monthly(&self) -> f64 {
        self.benefits_monthly
    }

    /// Loaded monthly cost of one FTE:
    ///
    /// `L = W · (1 + b) · (1 + τ) + β`
    ///
    /// - `W`: monthly salary (money); `b`: bonus as a fraction of salary;
    ///   `τ`: employer payroll taxes as a fraction of salary + bonus; `β`:
    ///   benefits per month (money, untaxed here).
    /// - Variant: taxes on salary and bonus, benefits added after tax; no caps.
    /// - Source: common budgeting practice (rates from [`employer_defaults`] or the user).
    ///
    /// ```
    /// use callcalc_engine::Pay;
    /// // 1000 salary, 10% bonus, 30.2% taxes, 50 benefits: 1100 × 1.302 + 50 = 1482.2.
    /// assert!((Pay::new(1000.0, 0.1, 0.302, 50.0).unwrap().loaded_monthly() - 1482.2).abs() < 1e-9);
    /// ```
    pub fn loaded_monthly(&self) -> f64 {
        self.monthly_salary * (1.0 + self.bonus_rate) * (1.0 + self.payroll_tax_rate) + self.benefits_monthly
    }

    pub fn trace(&self) -> Trace {
        Trace::new(
            "budget.loaded_cost",
            "L = W · (1 + b) · (1 + τ) + β",
            "taxes on salary and bonus; benefits added after tax",
            SRC_LOADED,
            self.loaded_monthly(),
            "money/month",
        )
        .input("W", "monthly salary", self.monthly_salary, "money")
        .input("b", "bonus rate", self.bonus_rate, "")
        .input("τ", "employer payroll-tax rate", self.payroll_tax_rate, "")
        .input("β", "benefits per month", self.benefits_monthly, "money")
    }
}

/// How many people a support role has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RoleCount {
    /// A fixed number of FTE (may be fractional), ≥ 0.
    Fixed(f64),
    /// One per this many productive agents (> 0), rounded up: `⌈agents / span⌉`.
    PerAgents(f64),
}

/// A support role: supervisors, team leads, QA, trainers, WFM, managers …
#[derive(Debug, Clone, PartialEq)]
pub struct SupportRole {
    pub name: String,
    pub count: RoleCount,
    pub pay: Pay,
}

impl SupportRole {
    /// Supervisors, one per `span` agents.
    pub fn supervisors(span: f64, pay: Pay) -> Self {
        SupportRole { name: "supervisor".to_string(), count: RoleCount::PerAgents(span), pay }
    }

    /// People in the role for `productive_agents` agents.
    ///
    /// `Fixed(n)` → `n`; `PerAgents(k)` → `⌈agents / k⌉` (whole people).
    ///
    /// ```
    /// use callcalc_engine::{Pay, RoleCount, SupportRole};
    /// let s = SupportRole::supervisors(15.0, Pay::default());
    /// assert_eq!(s.heads(31.0), 3.0);
    /// let qa = SupportRole { name: "QA".into(), count: RoleCount::Fixed(1.5), pay: Pay::default() };
    /// assert_eq!(qa.heads(31.0), 1.5);
    /// ```
    pub fn heads(&self, productive_agents: f64) -> f64 {
        match self.count {
            RoleCount::Fixed(n) => n,
            RoleCount::PerAgents(span) => {
                if span > 0.0 {
                    ceil_people(productive_agents / span) as f64
                } else {
                    0.0
                }
            }
        }
    }
}

/// All budget drivers as raw values; validate with [`BudgetModel::new`].
/// [`Default`] gives neutral, cost-free settings (no contacts): set the volume,
/// pay and prices.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetInput {
    /// Horizon, 12 to 36 months.
    pub months: u32,
    /// Contacts offered per month: one value (every month) or one per month.
    pub monthly_contacts: Vec<f64>,
    /// Share of offered contacts resolved by the IVR / self-service, `[0, 1)`.
    pub ivr_deflection: f64,
    /// Average handle time, seconds (talk + hold + ACW).
    pub aht_s: f64,
    /// Days the centre is open per month, `(0, 31]`.
    pub open_days_per_month: f64,
    /// Interval length, seconds (1800 = half hours).
    pub interval_s: f64,
    /// Share of a day's contacts in each open interval (weights, normalised;
    /// `intervals × interval_s ≤ 24 h`).
    pub intraday_profile: Vec<f64>,
    /// Service-level target `X` in (0, 1) …
    pub sl_target: f64,
    /// … within `T` seconds.
    pub sl_threshold_s: f64,
    /// Planned shrinkage, `[0, 1)`.
    pub shrinkage: f64,
    /// Paid hours per FTE per month.
    pub paid_hours_per_fte_month: f64,
    /// Agents leaving per month, as a fraction of agents, `[0, 1)`.
    pub attrition_monthly: f64,
    /// Months from the decision to hire to a productive agent (0–24).
    pub hiring_lead_months: u32,
    /// The last months of the lead time, paid but not productive (≤ lead).
    pub paid_training_months: u32,
    /// Agents (FTE) on staff before month 1; `None` = month 1's requirement.
    pub starting_agents: Option<f64>,
    pub agent_pay: Pay,
    /// Pay rise applied to every role every 12 months (month 13, 25 …), `[−0.5, 1]`.
    pub salary_indexation_annual: f64,
    pub support_roles: Vec<SupportRole>,
    /// Agents on the phones at the peak per seat, `(0, 10]` (1 = a seat each;
    /// below 1 adds seats for on-shift shrinkage; above 1 for hot-desking or home work).
    pub seat_sharing_ratio: f64,
    /// CAPEX per new seat (workstation, furniture, headset …).
    pub seat_capex: f64,
    /// Straight-line depreciation of seats, whole years (1–50).
    pub depreciation_years: u32,
    pub licence_per_seat_month: f64,
    pub rent_per_seat_month: f64,
    /// Telephony price per handled minute.
    pub telephony_per_minute: f64,
    /// Erlang B blocking target for trunk lines, (0, 1).
    pub max_blocking: f64,
    pub line_cost_month: f64,
    pub training_per_hire: f64,
    pub recruitment_per_hire: f64,
    /// Overhead as a fraction of all other OPEX, `[0, 10]`.
    pub overhead_rate: f64,
    /// Added channels / new projects or campaigns, each with its own volume
    /// and AHT, each staffed as its own Erlang C queue (see [`AddedChannel`]).
    pub added_channels: Vec<AddedChannel>,
    /// Share `c` of the contacts reaching agents offered a virtual-queue
    /// callback instead of waiting, `[0, 1)`; 0 = no callback (see [`callback_day`]).
    pub callback_share: f64,
    /// Callbacks are returned within this many seconds of the request
    /// (from the interval length to one day; see [`callback_day`]).
    pub callback_deadline_s: f64,
    /// Share of the contacts in the real-time queue that abandon, `[0, 1)`
    /// (measured from the data; used for the abandons estimate only).
    pub abandon_rate: f64,
    /// Explicit days (e.g. a forecast), per budget month: contacts per interval
    /// of every open day of the month, each day as long as `intraday_profile`
    /// and on the same clock. Empty (the default) = every month is
    /// `open_days_per_month` copies of the intraday profile. When given, a
    /// month's contacts reaching agents (`monthly_contacts × (1 − IVR)`) are
    /// spread over its days and intervals in these proportions and every
    /// interval is staffed on its own (FTE = Σ days Σ intervals agents × L / (1 − s) / h).
    pub month_days: Vec<Vec<Vec<f64>>>,
}

/// An added channel or a new project / campaign: its own monthly volume and
/// AHT, offered to agents (not deflected by the IVR), spread over the same
/// open days and intraday profile and staffed by its own team through the same
/// Erlang C path and service-level target as the baseline queue. Its required
/// agents are added to the baseline's interval by interval; its contacts count
/// as offered and handled; its minutes are billed (`N × AHT_added / 60`) and its
/// traffic joins the peak for the Erlang B lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddedChannel {
    /// Contacts offered per month (≥ 0).
    pub monthly_contacts: f64,
    /// Average handle time of this channel, seconds (> 0).
    pub aht_s: f64,
}

impl Default for BudgetInput {
    fn default() -> Self {
        BudgetInput {
            months: 12,
            monthly_contacts: vec![0.0],
            ivr_deflection: 0.0,
            aht_s: 180.0,
            open_days_per_month: 30.0,
            interval_s: 1800.0,
            intraday_profile: vec![1.0; 24],
            sl_target: 0.8,
            sl_threshold_s: 20.0,
            shrinkage: 0.3,
            paid_hours_per_fte_month: 165.0,
            attrition_monthly: 0.0,
            hiring_lead_months: 0,
            paid_training_months: 0,
            starting_agents: None,
            agent_pay: Pay::default(),
            salary_indexation_annual: 0.0,
            support_roles: Vec::new(),
            seat_sharing_ratio: 1.0,
            seat_capex: 0.0,
            depreciation_years: 3,
            licence_per_seat_month: 0.0,
            rent_per_seat_month: 0.0,
            telephony_per_minute: 0.0,
            max_blocking: 0.01,
            line_cost_month: 0.0,
            training_per_hire: 0.0,
            recruitment_per_hire: 0.0,
            overhead_rate: 0.0,
            added_channels: Vec::new(),
            callback_share: 0.0,
            callback_deadline_s: 3600.0,
            abandon_rate: 0.0,
            month_days: Vec::new(),
        }
    }
}

/// A validated budget: the drivers, the per-interval loads of every month, and
/// the trunk lines of every month.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetModel {
    input: BudgetInput,
    targets: Targets,
    shrinkage: Shrinkage,
    /// Per month: contacts offered.
    offered: Vec<f64>,
    /// Per month: its days' real-time loads and callback plans.
    month_days: Vec<MonthDays>,
    /// Per added channel, per month, per interval (the same every open day of the month).
    added_loads: Vec<Vec<Vec<Load>>>,
    /// Per month: Erlang B lines at the peak interval.
    lines: Vec<u32>,
}

/// One month's days: the real-time loads of each distinct day, how many open
/// days each of them stands for, and each day's callback plan.
#[derive(Debug, Clone, PartialEq)]
struct MonthDays {
    /// Per day, per interval (every interval of [`BudgetInput::intraday_profile`]).
    days: Vec<Vec<Load>>,
    /// Open days each day stands for: `open_days_per_month` for the typical
    /// day, 1 for explicit days ([`BudgetInput::month_days`]).
    repeat: f64,
    /// Per day: the callback (deferred) plan; `None` without callback.
    callbacks: Vec<Option<CallbackDay>>,
}

fn count_error(field: &'static str, value: impl std::fmt::Display, min: f64, max: f64) -> FieldError {
    FieldError::new(field, value, Problem::OutOfRange { min, max, min_inclusive: true, max_inclusive: true })
}

impl BudgetModel {
    /// Validates every driver (the error names the field) and prepares the
    /// per-interval loads.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel};
    /// let ok = BudgetModel::new(BudgetInput { monthly_contacts: vec![50_000.0], ..Default::default() });
    /// assert!(ok.is_ok());
    /// let bad = BudgetModel::new(BudgetInput { months: 48, ..Default::default() });
    /// assert_eq!(bad.unwrap_err().field, "months");
    /// ```
    pub fn new(input: BudgetInput) -> Result<Self, FieldError> {
        let i = &input;
        if !(12..=36).contains(&i.months) {
            return Err(count_error("months", i.months, 12.0, 36.0));
        }
        let n = i.monthly_contacts.len();
        if n != 1 && n != i.months as usize {
            return Err(count_error("monthly_contacts", format!("{n} values"), 1.0, i.months as f64));
        }
        for &c in &i.monthly_contacts {
            non_negative("monthly_contacts", c)?;
        }
        let deflection = in_range("ivr_deflection", i.ivr_deflection, 0.0, 1.0, true, false)?;
        let aht = in_range("aht_s", i.aht_s, 0.0, 86_400.0, false, true)?;
        let days = in_range("open_days_per_month", i.open_days_per_month, 0.0, 31.0, false, true)?;
        let interval = in_range("interval_s", i.interval_s, 0.0, 86_400.0, false, true)?;
        if i.intraday_profile.is_empty() || i.intraday_profile.len() as f64 * interval > 86_400.0 {
            return Err(count_error(
                "intraday_profile",
                format!("{} intervals", i.intraday_profile.len()),
                1.0,
                (86_400.0 / interval).floor(),
            ));
        }
        for &w in &i.intraday_profile {
            non_negative("intraday_profile", w)?;
        }
        let weight_sum: f64 = i.intraday_profile.iter().sum();
        positive("intraday_profile", weight_sum)?;
        let targets = Targets::new(i.sl_threshold_s, Some(i.sl_target), None, None)?;
        let shrinkage = Shrinkage::new(i.shrinkage)?;
        in_range("paid_hours_per_fte_month", i.paid_hours_per_fte_month, 0.0, 744.0, false, true)?;
        in_range("attrition_monthly", i.attrition_monthly, 0.0, 1.0, true, false)?;
        if i.hiring_lead_months > 24 {
            return Err(count_error("hiring_lead_months", i.hiring_lead_months, 0.0, 24.0));
        }
        if i.paid_training_months > i.hiring_lead_months {
            return Err(count_error("paid_training_months", i.paid_training_months, 0.0, i.hiring_lead_months as f64));
        }
        if let Some(s) = i.starting_agents {
            non_negative("starting_agents", s)?;
        }
        in_range("salary_indexation_annual", i.salary_indexation_annual, -0.5, 1.0, true, true)?;
        for r in &i.support_roles {
            match r.count {
                RoleCount::Fixed(c) => {
                    non_negative("support_roles.count", c)?;
                }
                RoleCount::PerAgents(s) => {
                    positive("support_roles.agents_per_role", s)?;
                }
            }
        }
        in_range("seat_sharing_ratio", i.seat_sharing_ratio, 0.0, 10.0, false, true)?;
        non_negative("seat_capex", i.seat_capex)?;
        if !(1..=50).contains(&i.depreciation_years) {
            return Err(count_error("depreciation_years", i.depreciation_years, 1.0, 50.0));
        }
        non_negative("licence_per_seat_month", i.licence_per_seat_month)?;
        non_negative("rent_per_seat_month", i.rent_per_seat_month)?;
        non_negative("telephony_per_minute", i.telephony_per_minute)?;
        in_range("max_blocking", i.max_blocking, 0.0, 1.0, false, false)?;
        non_negative("line_cost_month", i.line_cost_month)?;
        non_negative("training_per_hire", i.training_per_hire)?;
        non_negative("recruitment_per_hire", i.recruitment_per_hire)?;
        in_range("overhead_rate", i.overhead_rate, 0.0, 10.0, true, true)?;
        let callback = in_range("callback_share", i.callback_share, 0.0, 1.0, true, false)?;
        in_range("abandon_rate", i.abandon_rate, 0.0, 1.0, true, false)?;
        // The deadline is checked even without callback, so that a scenario's bad value shows.
        in_range("callback_deadline_s", i.callback_deadline_s, interval, 86_400.0, true, true)?;

        let months = i.months as usize;
        let per_day = i.intraday_profile.len();
        let explicit = !i.month_days.is_empty();
        if explicit {
            if i.month_days.len() != months {
                return Err(count_error(
                    "month_days",
                    format!("{} months", i.month_days.len()),
                    i.months as f64,
                    i.months as f64,
                ));
            }
            for md in &i.month_days {
                if md.is_empty() || md.len() > 31 {
                    return Err(count_error("month_days", format!("{} days", md.len()), 1.0, 31.0));
                }
                for day in md {
                    if day.len() != per_day {
                        return Err(count_error(
                            "month_days",
                            format!("{} intervals", day.len()),
                            per_day as f64,
                            per_day as f64,
                        ));
                    }
                    for &v in day {
                        non_negative("month_days", v)?;
                    }
                }
            }
        }
        // Open days of each month: the explicit days, or the typical month.
        let month_open_days = |m: usize| if explicit { i.month_days[m].len() as f64 } else { days };
        // Added channels: the same typical day every open day of a month.
        let mut added_loads: Vec<Vec<Vec<Load>>> = Vec::with_capacity(i.added_channels.len());
        for ch in &i.added_channels {
            non_negative("added_contacts", ch.monthly_contacts)?;
            let aht = in_range("added_aht_s", ch.aht_s, 0.0, 86_400.0, false, true)?;
            let mut per_month = Vec::with_capacity(months);
            for m in 0..months {
                let daily = ch.monthly_contacts / month_open_days(m);
                let day: Vec<Load> = i
                    .intraday_profile
                    .iter()
                    .map(|&w| Load::new(daily * w / weight_sum, interval, aht))
                    .collect::<Result<_, _>>()?;
                if day.iter().any(|l| l.calls() * aht / interval > MAX_BUDGET_INTERVAL_ERLANGS) {
                    return Err(FieldError::new(
                        "added_contacts",
                        ch.monthly_contacts,
                        Problem::TooLarge { max: MAX_BUDGET_INTERVAL_ERLANGS },
                    ));
                }
                per_month.push(day);
            }
            added_loads.push(per_month);
        }
        let mut offered = Vec::with_capacity(months);
        let mut month_days = Vec::with_capacity(months);
        let mut lines = Vec::with_capacity(months);
        for m in 0..months {
            let o = if n == 1 { i.monthly_contacts[0] } else { i.monthly_contacts[m] };
            let reach = o * (1.0 - deflection);
            // The month's days as contacts per interval, before the callback split.
            let (calls_by_day, repeat): (Vec<Vec<f64>>, f64) = if explicit {
                let md = &i.month_days[m];
                let total: f64 = md.iter().flatten().sum();
                if total <= 0.0 && reach > 0.0 {
                    return Err(FieldError::new(
                        "month_days",
                        format!("month {}: no contacts", m + 1),
                        Problem::NotPositive,
                    ));
                }
                let scale = if total > 0.0 { reach / total } else { 0.0 };
                (md.iter().map(|d| d.iter().map(|&v| v * scale).collect()).collect(), 1.0)
            } else {
                let daily = reach / days;
                (vec![i.intraday_profile.iter().map(|&w| daily * w / weight_sum).collect()], days)
            };
            let mut peak = 0.0f64;
            let mut loads = Vec::with_capacity(calls_by_day.len());
            let mut callbacks = Vec::with_capacity(calls_by_day.len());
            for day_calls in &calls_by_day {
                let mut day_loads = Vec::with_capacity(per_day);
                for (k, &calls) in day_calls.iter().enumerate() {
                    let added: f64 = added_loads.iter().map(|c| c[m][k].calls() * c[m][k].aht_s() / interval).sum();
                    let a = calls * aht / interval + added;
                    if a > MAX_BUDGET_INTERVAL_ERLANGS {
                        return Err(FieldError::new(
                            "monthly_contacts",
                            o,
                            Problem::TooLarge { max: MAX_BUDGET_INTERVAL_ERLANGS },
                        ));
                    }
                    peak = peak.max(a);
                    day_loads.push(Load::new(calls, interval, aht)?);
                }
                if callback > 0.0 {
                    let cb = callback_day(day_calls, interval, aht, callback, i.callback_deadline_s)?;
                    // The real-time queue keeps (1 − c) of every interval's calls.
                    for (l, &rt) in day_loads.iter_mut().zip(&cb.realtime_calls) {
                        *l = Load::new(rt, interval, aht)?;
                    }
                    callbacks.push(Some(cb));
                } else {
                    callbacks.push(None);
                }
                loads.push(day_loads);
            }
            offered.push(o);
            month_days.push(MonthDays { days: loads, repeat, callbacks });
            // No traffic, no lines (`lines_for_blocking` documents this, but returns 1 at A = 0).
            let l = if peak > 0.0 { lines_for_blocking(Traffic::new(peak)?, i.max_blocking)? } else { 0 };
            lines.push(l);
        }
        Ok(BudgetModel { input, targets, shrinkage, offered, month_days, added_loads, lines })
    }

    /// The validated drivers.
    pub fn input(&self) -> &BudgetInput {
        &self.input
    }

    /// The same model with driver changes applied (re-validated).
    pub fn with_changes(&self, changes: &[DriverChange]) -> Result<BudgetModel, FieldError> {
        let mut input = self.input.clone();
        for c in changes {
            c.apply(&mut input)?;
        }
        BudgetModel::new(input)
    }

    /// The current value of a driver (for [`Driver::Volume`], the total
    /// contacts offered over the horizon).
    pub fn driver_value(&self, driver: Driver) -> f64 {
        let i = &self.input;
        match driver {
            Driver::Volume => self.offered.iter().sum(),
            Driver::Aht => i.aht_s,
            Driver::ServiceLevelTarget => i.sl_target,
            Driver::ServiceLevelThreshold => i.sl_threshold_s,
            Driver::Shrinkage => i.shrinkage,
            Driver::Attrition => i.attrition_monthly,
            Driver::IvrDeflection => i.ivr_deflection,
            Driver::AgentSalary => i.agent_pay.monthly_salary,
            Driver::SalaryIndexation => i.salary_indexation_annual,
            Driver::TelephonyRate => i.telephony_per_minute,
            Driver::CallbackShare => i.callback_share,
        }
    }

    /// Runs the budget: staffing for every interval of every month, then
    /// people, seats, lines and costs. See [`BudgetMonth`] for each figure.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0], // 60 per half hour over 24 intervals × 30 days
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// assert_eq!(b.months.len(), 12);
    /// assert_eq!(b.months[0].peak_net_agents, 9); // 60 calls × 180 s / 1800 s = 6 Erl → 9 agents for 80/20
    /// // 9 agents × 12 h × 30 days = 3240 h; / 0.7 / 165 h = 28.05 FTE.
    /// assert!((b.months[0].required_fte - 3240.0 / 0.7 / 165.0).abs() < 1e-9);
    /// ```
    pub fn evaluate(&self) -> Budget {
        let i = &self.input;
        let months = i.months as usize;
        let s = self.shrinkage.fraction();
        let interval_h = i.interval_s / 3600.0;
        // One staffing call over the whole horizon: identical loads are solved once.
        let flat: Vec<Load> = self.month_days.iter().flat_map(|md| md.days.iter().flatten()).copied().collect();
        let staffing = required_agents_many(&flat, &self.targets);
        let per_day = i.intraday_profile.len();
        // Each added channel is its own queue: its agents and traffic add up interval by interval
        // (per month, the same every open day).
        let mut added_agents = vec![0u32; months * per_day];
        let mut added_traffic = vec![0.0f64; months * per_day];
        for ch in &self.added_loads {
            let flat: Vec<Load> = ch.iter().flatten().copied().collect();
            for (k, add) in required_agents_many(&flat, &self.targets).into_iter().enumerate() {
                added_agents[k] += add.agents;
                added_traffic[k] += add.traffic_erlangs;
            }
        }
        let added_per_month: f64 = i.added_channels.iter().map(|c| c.monthly_contacts).sum();
        let added_minutes: f64 = i.added_channels.iter().map(|c| telephony_minutes(c.monthly_contacts, c.aht_s)).sum();

        let mut rows: Vec<BudgetMonth> = Vec::with_capacity(months);
        let mut pos = 0;
        for m in 0..months {
            let md = &self.month_days[m];
            let add_agents = &added_agents[m * per_day..(m + 1) * per_day];
            let add_traffic = &added_traffic[m * per_day..(m + 1) * per_day];
            let (mut realtime_hours, mut callback_hours, mut callback_contacts) = (0.0, 0.0, 0.0);
            let (mut peak_net_agents, mut peak_traffic) = (0u32, 0.0f64);
            for (d, day_loads) in md.days.iter().enumerate() {
                let day = &staffing[pos..pos + day_loads.len()];
                pos += day_loads.len();
                let agents = |k: usize| day[k].agents + add_agents[k];
                let net_hours_day: f64 = (0..day.len()).map(|k| agents(k) as f64 * interval_h).sum();
                realtime_hours += net_hours_day * md.repeat;
                peak_net_agents = peak_net_agents.max((0..day.len()).map(agents).max().unwrap_or(0));
                peak_traffic =
                    (0..day.len()).map(|k| day[k].traffic_erlangs + add_traffic[k]).fold(peak_traffic, f64::max);
                if let Some(cb) = &md.callbacks[d] {
                    // Callback agents work alongside the real-time queue, interval by interval
                    // (and after it, until the last deadline of the day).
                    let both = cb
                        .plan
                        .intervals
                        .iter()
                        .enumerate()
                        .map(|(k, x)| x.agents + if k < day.len() { agents(k) } else { 0 });
                    peak_net_agents = peak_net_agents.max(both.max().unwrap_or(0));
                    callback_hours += cb.callback_agent_hours * md.repeat;
                    callback_contacts += cb.callback_contacts * md.repeat;
                }
            }
            let net_agent_hours = realtime_hours + callback_hours;
            let handled = self.offered[m] * (1.0 - i.ivr_deflection) + added_per_month;
            let realtime_contacts = self.offered[m] * (1.0 - i.ivr_deflection) - callback_contacts;
            rows.push(BudgetMonth {
                month: m as u32 + 1,
                contacts_offered: self.offered[m] + added_per_month,
                contacts_handled: handled,
                net_agent_hours,
                realtime_net_agent_hours: realtime_hours,
                callback_net_agent_hours: callback_hours,
                callback_contacts,
                callback_share: i.callback_share,
                callback_deadline_s: i.callback_deadline_s,
                realtime_contacts,
                abandon_rate: i.abandon_rate,
                abandons: realtime_contacts * i.abandon_rate,
                required_fte: fte_from_net_hours(net_agent_hours, self.shrinkage, i.paid_hours_per_fte_month),
                realtime_fte: fte_from_net_hours(realtime_hours, self.shrinkage, i.paid_hours_per_fte_month),
                callback_fte: fte_from_net_hours(callback_hours, self.shrinkage, i.paid_hours_per_fte_month),
                open_days: md.repeat * md.days.len() as f64,
                peak_net_agents,
                peak_traffic_erlangs: peak_traffic,
                lines: self.lines[m],
                pay_index: indexation_factor(i.salary_indexation_annual, m as u32 + 1),
                shrinkage: s,
                paid_hours_per_fte: i.paid_hours_per_fte_month,
                ..BudgetMonth::default()
            });
        }

        // Agents: attrition and hires (whole people, productive in the month they are needed).
        let a = i.attrition_monthly;
        let mut prev = i.starting_agents.unwrap_or(rows.first().map_or(0.0, |r| r.required_fte));
        for r in rows.iter_mut() {
            let retained = prev * (1.0 - a);
            r.leavers = prev * a;
            r.hires = ceil_people((r.required_fte - retained).max(0.0));
            r.productive_agents = retained + r.hires as f64;
            prev = r.productive_agents;
        }

        // Recruitment, training and trainee pay, placed by the lead time;
        // anything before month 1 is booked in month 1.
        let lead = i.hiring_lead_months as i64;
        let train = i.paid_training_months as i64;
        let agent_loaded = i.agent_pay.loaded_monthly();
        for m in 0..months {
            let h = rows[m].hires;
            if h == 0 {
                continue;
            }
            let h = h as f64;
            let productive_month = m as i64 + 1;
            let at = |month: i64| (month.max(1) - 1) as usize;
            rows[at(productive_month - lead)].recruitment += h * i.recruitment_per_hire;
            rows[at(productive_month - train)].training += h * i.training_per_hire;
            for k in (productive_month - train)..productive_month {
                let idx = at(k);
                rows[idx].trainee_labour += h * agent_loaded * rows[idx].pay_index;
                if k >= 1 {
                    rows[idx].trainees += h as u64;
                }
            }
        }

        // Support roles, seats, lines, telephony, costs.
        let dep_months = i.depreciation_years as usize * 12;
        let mut owned = 0u64;
        let mut purchases: Vec<f64> = Vec::with_capacity(months);
        for (m, r) in rows.iter_mut().enumerate() {
            let idx = r.pay_index;
            r.agent_labour = r.productive_agents * agent_loaded * idx;
            let mut support_heads = 0.0;
            let mut support_labour = 0.0;
            for role in &i.support_roles {
                let heads = role.heads(r.productive_agents);
                support_heads += heads;
                support_labour += heads * role.pay.loaded_monthly() * idx;
            }
            r.support_heads = support_heads;
            r.support_labour = support_labour;
            r.seats_needed = seats_needed(r.peak_net_agents, i.seat_sharing_ratio, support_heads);
            let new_seats = r.seats_needed.saturating_sub(owned);
            owned = owned.max(r.seats_needed);
            r.seats_owned = owned;
            r.capex = new_seats as f64 * i.seat_capex;
            purchases.push(r.capex);
            let first = m.saturating_sub(dep_months - 1);
            r.depreciation = purchases[first..=m].iter().sum::<f64>() / dep_months as f64;
            r.telephony_minutes = telephony_minutes(r.contacts_handled - added_per_month, i.aht_s) + added_minutes;
            r.telephony = r.telephony_minutes * i.telephony_per_minute;
            r.lines_cost = r.lines as f64 * i.line_cost_month;
            r.licences = r.seats_needed as f64 * i.licence_per_seat_month;
            r.rent = r.seats_owned as f64 * i.rent_per_seat_month;
            let before_overhead = r.agent_labour
                + r.trainee_labour
                + r.support_labour
                + r.recruitment
                + r.training
                + r.telephony
                + r.lines_cost
                + r.licences
                + r.rent;
            r.overhead = i.overhead_rate * before_overhead;
            r.opex = before_overhead + r.overhead;
            r.cash = r.opex + r.capex;
            r.pnl = r.opex + r.depreciation;
            r.paid_agent_hours = (r.productive_agents + r.trainees as f64) * i.paid_hours_per_fte_month;
        }
        let totals = BudgetTotals::of(&rows);
        Budget { months: rows, totals }
    }
}

/// Gross FTE from net agent hours:
///
/// `FTE = H / ((1 − s) · h)`
///
/// - `H`: agent hours on the phones in the month (Σ over intervals of the
///   Erlang C agents × interval length, hours); `s`: shrinkage; `h`: paid
///   hours per FTE per month. Unrounded (a budget carries fractional FTE).
/// - Variant: divide by the available share (not `× (1 + s)`).
/// - Source: OdeToErlang FORMULAS.md; Amazon Connect capacity planning.
///
/// ```
/// use callcalc_engine::{fte_from_net_hours, Shrinkage};
/// // 2310 net hours, 30% shrinkage, 165 paid hours: 2310 / 0.7 / 165 = 20.
/// assert!((fte_from_net_hours(2310.0, Shrinkage::new(0.3).unwrap(), 165.0) - 20.0).abs() < 1e-12);
/// ```
pub fn fte_from_net_hours(net_agent_hours: f64, shrinkage: Shrinkage, paid_hours_per_fte: f64) -> f64 {
    net_agent_hours / (1.0 - shrinkage.fraction()) / paid_hours_per_fte
}

/// One open day with a virtual-queue callback offered: the real-time part
/// (for the Erlang C queue) and the callbacks' deferred-work plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackDay {
    /// Calls per interval left in the real-time queue, `(1 − c)·λ_i`.
    pub realtime_calls: Vec<f64>,
    /// Callback requests per interval, `c·λ_i`.
    pub callback_calls: Vec<f64>,
    /// Callbacks in the day, `Σ_i c·λ_i`.
    pub callback_contacts: f64,
    /// The deferred-work plan of the callbacks: the day's intervals followed
    /// by `d − 1` intervals without arrivals, so that the last requests of the
    /// day are returned by their deadline too.
    pub plan: DeferredPlan,
    /// Agent hours on callbacks in the day, `Σ_i N_i^cb · L / 3600`.
    pub callback_agent_hours: f64,
}

/// Callback (virtual queue) as a budget driver, for one open day.
///
/// A share `c` of the contacts reaching agents is offered a callback and
/// leaves the real-time queue; the callbacks are deferred work with a
/// deadline:
///
/// - real time: `λ_i^rt = (1 − c)·λ_i` per interval, staffed by Erlang C as
///   the rest of the budget (at the same SL target);
/// - callbacks: `λ_i^cb = c·λ_i` arrive in interval `i` and must be returned
///   within `D` seconds (`d = ⌊D/L⌋` intervals); the plan staffs
///   `N_i^cb = ⌈due_i · AHT / L⌉` agents, earliest deadline first, with
///   backlog carried over ([`DeferredWork::plan`], productive share 1: the
///   shrinkage is applied afterwards, as for real-time hours);
/// - callback hours per day `H_cb = Σ_i N_i^cb · L / 3600`.
///
/// Symbols: `λ_i` calls per interval reaching agents; `c ∈ [0, 1)`; `L`
/// interval length (s); `AHT` handle time of a callback (s) = the inbound
/// AHT; `D` callback deadline (s, `L ≤ D ≤ 86 400`).
///
/// Assumptions (a modelling assumption of callcalc, after Koole, *Call
/// Center Optimization*, 2013, on callback and deferred work): every offered
/// contact accepts and is reached at the first attempt; its handle time is
/// the inbound AHT; callbacks are returned by agents of the same centre on
/// the same day, possibly after the last open interval when the deadline
/// reaches past it; the Erlang C queue keeps its SL target. So real-time FTE
/// falls, deferred FTE is added, and the contacts that take a callback do not
/// abandon (see [`BudgetTotals::trace_abandons`]).
///
/// ```
/// use callcalc_engine::callback_day;
/// // Two hours of 30-minute intervals, 40 calls each, 180 s AHT; 25 % take a
/// // callback returned within an hour (d = 2 intervals).
/// let d = callback_day(&[40.0, 40.0, 40.0, 40.0], 1800.0, 180.0, 0.25, 3600.0).unwrap();
/// assert_eq!(d.realtime_calls, vec![30.0; 4]);
/// assert_eq!(d.callback_contacts, 40.0);
/// // 10 callbacks × 180 s = 1 800 s of work due one interval later: 1 agent per interval.
/// let agents: Vec<u32> = d.plan.intervals.iter().map(|x| x.agents).collect();
/// assert_eq!(agents, vec![0, 1, 1, 1, 1]);
/// assert_eq!(d.callback_agent_hours, 2.0);
/// ```
pub fn callback_day(
    calls: &[f64],
    interval_s: f64,
    aht_s: f64,
    share: f64,
    deadline_s: f64,
) -> Result<CallbackDay, FieldError> {
    let c = in_range("callback_share", share, 0.0, 1.0, true, false)?;
    let interval_s = positive("interval_s", interval_s)?;
    let realtime_calls: Vec<f64> = calls.iter().map(|&l| l * (1.0 - c)).collect();
    let callback_calls: Vec<f64> = calls.iter().map(|&l| l * c).collect();
    let deadline_s = in_range("callback_deadline_s", deadline_s, interval_s, 86_400.0, true, true)?;
    let d = (deadline_s / interval_s * (1.0 + 1e-12)).floor().max(1.0) as usize;
    let mut arrivals = callback_calls.clone();
    arrivals.extend(std::iter::repeat_n(0.0, d - 1));
    let plan = DeferredWork::new(&arrivals, interval_s, aht_s, 1.0, deadline_s)
        .map_err(|mut e| {
            if e.field == "deadline_s" {
                e.field = "callback_deadline_s";
            }
            e
        })?
        .plan();
    let callback_agent_hours = plan.agent_intervals as f64 * interval_s / 3600.0;
    Ok(CallbackDay {
        callback_contacts: callback_calls.iter().sum(),
        realtime_calls,
        callback_calls,
        plan,
        callback_agent_hours,
    })
}

/// Seats needed: `seats = ⌈N_peak / ρ⌉ + ⌈S⌉`.
///
/// `N_peak`: agents on the phones in the busiest interval (Erlang C);
/// `ρ`: seat-sharing ratio, agents on the phones per seat; `S`: support staff
/// (one seat each). Source: budgeting convention; the ratio is the user's.
///
/// ```
/// use callcalc_engine::seats_needed;
/// assert_eq!(seats_needed(41, 1.0, 3.0), 44);
/// assert_eq!(seats_needed(41, 0.85, 3.0), 52); // ⌈48.2⌉ + 3: extra seats for on-shift shrinkage
/// ```
pub fn seats_needed(peak_net_agents: u32, seat_sharing_ratio: f64, support_heads: f64) -> u64 {
    if seat_sharing_ratio <= 0.0 {
        return ceil_people(support_heads);
    }
    ceil_people(peak_net_agents as f64 / seat_sharing_ratio) + ceil_people(support_heads)
}

/// Telephony minutes: `minutes = N_h · AHT / 60`.
///
/// `N_h`: contacts handled by agents; `AHT`: seconds. Variant: billed on the
/// whole handle time (a conservative simplification: ACW is not connected
/// time, queue time is).
///
/// ```
/// use callcalc_engine::telephony_minutes;
/// assert_eq!(telephony_minutes(1000.0, 180.0), 3000.0);
/// ```
pub fn telephony_minutes(contacts_handled: f64, aht_s: f64) -> f64 {
    contacts_handled * aht_s / 60.0
}

/// Straight-line depreciation per month: `D = C / (12 · Y)` for `12·Y`
/// months from the month of purchase. `C`: CAPEX (money); `Y`: years.
///
/// ```
/// use callcalc_engine::straight_line_monthly;
/// use std::num::NonZeroU32;
/// assert_eq!(straight_line_monthly(36_000.0, NonZeroU32::new(3).unwrap()), 1000.0);
/// ```
pub fn straight_line_monthly(capex: f64, years: NonZeroU32) -> f64 {
    capex / (12.0 * years.get() as f64)
}

/// Pay index in month `m` (1-based) with annual indexation `i` applied every
/// 12 months: `(1 + i)^⌊(m − 1)/12⌋`.
///
/// ```
/// use callcalc_engine::indexation_factor;
/// assert_eq!(indexation_factor(0.1, 12), 1.0);
/// assert!((indexation_factor(0.1, 13) - 1.1).abs() < 1e-15);
/// assert!((indexation_factor(0.1, 25) - 1.21).abs() < 1e-15);
/// ```
pub fn indexation_factor(annual: f64, month: u32) -> f64 {
    (1.0 + annual).powi((month.saturating_sub(1) / 12) as i32)
}

/// One month of the budget.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BudgetMonth {
    /// 1-based.
    pub month: u32,
    pub contacts_offered: f64,
    /// Offered × (1 − IVR deflection): contacts reaching agents.
    pub contacts_handled: f64,
    /// Σ over intervals of Erlang C agents × interval hours × open days.
    pub net_agent_hours: f64,
    /// Agent hours of the real-time (Erlang C) queue: Σ agents × interval hours × open days.
    pub realtime_net_agent_hours: f64,
    /// Agent hours returning callbacks (deferred work): Σ agents of the day's plan × interval hours × open days.
    pub callback_net_agent_hours: f64,
    /// Contacts moved from the real-time queue to a callback: `c × contacts reaching agents`.
    pub callback_contacts: f64,
    /// The callback share `c` and deadline (s) this month was run with.
    pub callback_share: f64,
    pub callback_deadline_s: f64,
    /// Contacts reaching agents in real time (IVR-deflected, callbacks and added channels excluded).
    pub realtime_contacts: f64,
    /// Abandonment rate of the real-time queue (input) and the abandons estimate `realtime_contacts × rate`.
    pub abandon_rate: f64,
    pub abandons: f64,
    /// `net_agent_hours / (1 − s) / paid hours per FTE` (= real-time FTE + callback FTE).
    pub required_fte: f64,
    /// Real-time part: `realtime_net_agent_hours / (1 − s) / paid hours`.
    pub realtime_fte: f64,
    /// Callback (deferred) part: `callback_net_agent_hours / (1 − s) / paid hours`.
    pub callback_fte: f64,
    /// Open days per month the hours were multiplied by.
    pub open_days: f64,
    /// Most agents on the phones in one interval.
    pub peak_net_agents: u32,
    pub peak_traffic_erlangs: f64,
    /// Erlang B trunk lines for the peak interval at the blocking target.
    pub lines: u32,
    /// Pay index `(1 + i)^⌊(m−1)/12⌋`.
    pub pay_index: f64,
    pub shrinkage: f64,
    pub paid_hours_per_fte: f64,
    /// Productive agents (FTE) on staff: last month's × (1 − attrition) + hires.
    pub productive_agents: f64,
    /// Expected leavers (FTE) this month.
    pub leavers: f64,
    /// New agents becoming productive this month (whole people).
    pub hires: u64,
    /// People in paid training this month.
    pub trainees: u64,
    pub support_heads: f64,
    pub seats_needed: u64,
    /// Seats owned: never fewer than before (CAPEX is sunk).
    pub seats_owned: u64,
    pub telephony_minutes: f64,
    /// Agents + trainees × paid hours per FTE.
    pub paid_agent_hours: f64,
    // --- costs (money) ---
    pub agent_labour: f64,
    pub trainee_labour: f64,
    pub support_labour: f64,
    pub recruitment: f64,
    pub training: f64,
    pub telephony: f64,
    pub lines_cost: f64,
    pub licences: f64,
    pub rent: f64,
    pub overhead: f64,
    /// Every operating cost above.
    pub opex: f64,
    /// Seats bought this month × CAPEX per seat.
    pub capex: f64,
    /// Straight-line depreciation of all seats bought so far.
    pub depreciation: f64,
    /// Cash out: OPEX + CAPEX.
    pub cash: f64,
    /// P&L cost: OPEX + depreciation.
    pub pnl: f64,
}

impl BudgetMonth {
    /// How the month's FTE requirement was computed.
    pub fn trace_fte(&self) -> Trace {
        Trace::new(
            "budget.required_fte",
            "FTE = H / ((1 − s) · h)",
            "Erlang C agents per interval summed to hours, divided by the available share and paid hours",
            SRC_FTE,
            self.required_fte,
            "FTE",
        )
        .input("H", "net agent hours in the month", self.net_agent_hours, "h")
        .input("s", "shrinkage", self.shrinkage, "")
        .input("h", "paid hours per FTE per month", self.paid_hours_per_fte, "h")
    }
}

impl BudgetMonth {
    /// How the month's callback (deferred) FTE was computed.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     callback_share: 0.2,
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// let t = b.months[0].trace_callback_fte();
    /// assert_eq!(t.id, "budget.callback_fte");
    /// assert!(t.result > 0.0 && (t.result - b.months[0].callback_fte).abs() < 1e-12);
    /// ```
    pub fn trace_callback_fte(&self) -> Trace {
        Trace::new(
            "budget.callback_fte",
            "FTE_cb = H_cb / ((1 − s) · h); H_cb = Σ over the D open days of Σ_i N_i^cb · L",
            "callback share c of the contacts reaching agents handled as deferred work (earliest deadline first), not in the Erlang C queue",
            SRC_CALLBACK,
            self.callback_fte,
            "FTE",
        )
        .input("c", "callback share of the contacts reaching agents", self.callback_share, "")
        .input("deadline", "callback returned within", self.callback_deadline_s, "s")
        .input("N_cb", "callbacks in the month", self.callback_contacts, "contacts")
        .input("H_cb", "agent hours on callbacks in the month", self.callback_net_agent_hours, "h")
        .input("D", "open days per month", self.open_days, "days")
        .input("s", "shrinkage", self.shrinkage, "")
        .input("h", "paid hours per FTE per month", self.paid_hours_per_fte, "h")
    }

    /// How the month's real-time (Erlang C queue) FTE was computed.
    pub fn trace_realtime_fte(&self) -> Trace {
        Trace::new(
            "budget.realtime_fte",
            "FTE_rt = H_rt / ((1 − s) · h)",
            "Erlang C agents per interval for (1 − c) of the contacts, summed to hours",
            SRC_FTE,
            self.realtime_fte,
            "FTE",
        )
        .input("c", "callback share of the contacts reaching agents", self.callback_share, "")
        .input("H_rt", "real-time agent hours in the month", self.realtime_net_agent_hours, "h")
        .input("s", "shrinkage", self.shrinkage, "")
        .input("h", "paid hours per FTE per month", self.paid_hours_per_fte, "h")
    }
}

/// Sums over the horizon and unit costs (on the P&L basis: OPEX + depreciation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BudgetTotals {
    pub contacts_offered: f64,
    pub contacts_handled: f64,
    pub paid_agent_hours: f64,
    /// Mean of the monthly FTE requirement.
    pub average_required_fte: f64,
    /// Mean productive agents on staff.
    pub average_agents: f64,
    /// Mean monthly real-time (Erlang C) FTE and callback (deferred) FTE; they sum to `average_required_fte`.
    pub average_realtime_fte: f64,
    pub average_callback_fte: f64,
    /// Contacts moved to a callback over the horizon.
    pub callback_contacts: f64,
    /// Contacts in the real-time queue over the horizon, and the abandons estimate.
    pub realtime_contacts: f64,
    pub abandons: f64,
    /// Abandonment rate of the real-time queue (input).
    pub abandon_rate: f64,
    pub hires: u64,
    pub agent_labour: f64,
    pub trainee_labour: f64,
    pub support_labour: f64,
    pub recruitment: f64,
    pub training: f64,
    pub telephony: f64,
    pub lines_cost: f64,
    pub licences: f64,
    pub rent: f64,
    pub overhead: f64,
    pub opex: f64,
    pub capex: f64,
    pub depreciation: f64,
    pub cash: f64,
    pub pnl: f64,
    /// P&L cost / contacts offered (the "per call offered" variant); `None` without contacts.
    pub cost_per_offered_contact: Option<f64>,
    /// P&L cost / contacts handled by agents.
    pub cost_per_handled_contact: Option<f64>,
    /// P&L cost / paid agent hours.
    pub cost_per_agent_hour: Option<f64>,
}

impl BudgetTotals {
    /// The KPI dashboard's cost input from this budget, per paid agent hour:
    /// labour = agent labour ÷ paid agent hours; everything else = (P&L
    /// cost − agent labour) ÷ paid agent hours (trainees, support roles,
    /// telephony, licences, rent, depreciation, overhead). So the dashboard's
    /// fully loaded cost per contact is the budget's own P&L cost per agent
    /// hour, and its labour-only variant the agents' wages alone.
    /// `None` without paid agent hours.
    ///
    /// ```
    /// use callcalc_engine::BudgetTotals;
    /// let t = BudgetTotals { paid_agent_hours: 1_000.0, agent_labour: 450_000.0, pnl: 600_000.0, ..Default::default() };
    /// let c = t.cost_input().unwrap();
    /// assert_eq!((c.labour_per_agent_hour(), c.other_per_agent_hour()), (450.0, 150.0));
    /// assert!(BudgetTotals::default().cost_input().is_none());
    /// ```
    pub fn cost_input(&self) -> Option<CostInput> {
        if self.paid_agent_hours <= 0.0 {
            return None;
        }
        let labour = self.agent_labour / self.paid_agent_hours;
        let other = ((self.pnl - self.agent_labour) / self.paid_agent_hours).max(0.0);
        CostInput::new(labour, other).ok()
    }

    fn of(rows: &[BudgetMonth]) -> BudgetTotals {
        let mut t = BudgetTotals::default();
        for r in rows {
            t.contacts_offered += r.contacts_offered;
            t.contacts_handled += r.contacts_handled;
            t.paid_agent_hours += r.paid_agent_hours;
            t.average_required_fte += r.required_fte;
            t.average_agents += r.productive_agents;
            t.average_realtime_fte += r.realtime_fte;
            t.average_callback_fte += r.callback_fte;
            t.callback_contacts += r.callback_contacts;
            t.realtime_contacts += r.realtime_contacts;
            t.abandons += r.abandons;
            t.abandon_rate = r.abandon_rate;
            t.hires += r.hires;
            t.agent_labour += r.agent_labour;
            t.trainee_labour += r.trainee_labour;
            t.support_labour += r.support_labour;
            t.recruitment += r.recruitment;
            t.training += r.training;
            t.telephony += r.telephony;
            t.lines_cost += r.lines_cost;
            t.licences += r.licences;
            t.rent += r.rent;
            t.overhead += r.overhead;
            t.opex += r.opex;
            t.capex += r.capex;
            t.depreciation += r.depreciation;
            t.cash += r.cash;
            t.pnl += r.pnl;
        }
        let n = rows.len().max(1) as f64;
        t.average_required_fte /= n;
        t.average_agents /= n;
        t.average_realtime_fte /= n;
        t.average_callback_fte /= n;
        let per = |d: f64| if d > 0.0 { Some(t.pnl / d) } else { None };
        t.cost_per_offered_contact = per(t.contacts_offered);
        t.cost_per_handled_contact = per(t.contacts_handled);
        t.cost_per_agent_hour = per(t.paid_agent_hours);
        t
    }

    /// The total in one measure.
    pub fn total(&self, measure: BudgetMeasure) -> f64 {
        match measure {
            BudgetMeasure::Cash => self.cash,
            BudgetMeasure::ProfitAndLoss => self.pnl,
            BudgetMeasure::CostPerOfferedContact => self.cost_per_offered_contact.unwrap_or(f64::NAN),
        }
    }

    /// How the abandons estimate was computed: `abandons = N_rt · a`, where
    /// `N_rt` = contacts left in the real-time queue (callbacks excluded) and
    /// `a` the abandonment rate of the real-time queue.
    ///
    /// Assumption: the real-time queue keeps its service-level target, so its
    /// abandonment rate stays as measured; a contact that takes a callback
    /// does not abandon (it is called back by the deadline).
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel};
    /// let t = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![10_000.0], abandon_rate: 0.05, callback_share: 0.2,
    ///     ..Default::default()
    /// }).unwrap().evaluate().totals;
    /// // 12 months × 10 000 × (1 − 0.2) × 5 % = 4 800.
    /// assert!((t.trace_abandons().result - 4_800.0).abs() < 1e-6);
    /// ```
    pub fn trace_abandons(&self) -> Trace {
        Trace::new(
            "budget.abandons",
            "abandons = N_rt · a; N_rt = N_h · (1 − c)",
            "callback takers do not abandon; the real-time queue keeps its SL target and measured abandonment rate",
            SRC_CALLBACK,
            self.abandons,
            "contacts",
        )
        .input("N_rt", "contacts in the real-time queue", self.realtime_contacts, "contacts")
        .input("N_cb", "contacts moved to a callback", self.callback_contacts, "contacts")
        .input("a", "abandonment rate of the real-time queue", self.abandon_rate, "")
    }

    /// How the cash total was computed: `cash = Σ OPEX + Σ CAPEX` over the horizon.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     seat_capex: 500.0,
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// let t = b.totals.trace_cash();
    /// assert_eq!(t.result, b.totals.opex + b.totals.capex);
    /// ```
    pub fn trace_cash(&self) -> Trace {
        Trace::new(
            "budget.cash",
            "cash = Σ OPEX + Σ CAPEX",
            "cash basis: seats expensed when bought",
            "budgeting convention (cash out of the period)",
            self.cash,
            "money",
        )
        .input("Σ OPEX", "operating costs over the horizon", self.opex, "money")
        .input("Σ CAPEX", "seats bought over the horizon", self.capex, "money")
    }

    /// How the P&L total was computed: `P&L = Σ OPEX + Σ depreciation`.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     seat_capex: 3600.0,
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// assert_eq!(b.totals.trace_pnl().result, b.totals.opex + b.totals.depreciation);
    /// ```
    pub fn trace_pnl(&self) -> Trace {
        Trace::new(
            "budget.pnl",
            "P&L = Σ OPEX + Σ depreciation",
            "accrual basis: seats depreciated straight-line",
            "budgeting convention (straight-line depreciation)",
            self.pnl,
            "money",
        )
        .input("Σ OPEX", "operating costs over the horizon", self.opex, "money")
        .input("Σ D", "depreciation over the horizon", self.depreciation, "money")
    }

    /// How the cost per offered contact ("cost per call") was computed; `None` without contacts.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// let t = b.totals.trace_cost_per_offered_contact().unwrap();
    /// assert!((t.result - b.totals.pnl / (43_200.0 * 12.0)).abs() < 1e-9);
    /// ```
    pub fn trace_cost_per_offered_contact(&self) -> Option<Trace> {
        self.cost_per_offered_contact.map(|v| {
            Trace::new(
                "budget.cost_per_offered_contact",
                "cost per call = (OPEX + depreciation) / contacts offered",
                "fully loaded, P&L basis, offered-contact denominator (IVR-deflected contacts included)",
                SRC_UNIT_COST,
                v,
                "money/contact",
            )
            .input("OPEX + depreciation", "P&L cost over the horizon", self.pnl, "money")
            .input("N_o", "contacts offered", self.contacts_offered, "contacts")
        })
    }

    /// How the cost per paid agent hour was computed; `None` without hours.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, Pay};
    /// let b = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     ..Default::default()
    /// }).unwrap().evaluate();
    /// let t = b.totals.trace_cost_per_agent_hour().unwrap();
    /// assert!((t.result - b.totals.pnl / b.totals.paid_agent_hours).abs() < 1e-9);
    /// ```
    pub fn trace_cost_per_agent_hour(&self) -> Option<Trace> {
        self.cost_per_agent_hour.map(|v| {
            Trace::new(
                "budget.cost_per_agent_hour",
                "cost per agent hour = (OPEX + depreciation) / paid agent hours",
                "fully loaded, P&L basis; paid hours of productive agents and trainees",
                "budgeting convention; paid hours = (agents + trainees) × paid hours per FTE",
                v,
                "money/h",
            )
            .input("OPEX + depreciation", "P&L cost over the horizon", self.pnl, "money")
            .input("H_paid", "paid agent hours", self.paid_agent_hours, "h")
        })
    }

    /// How the cost per handled contact was computed; `None` without contacts.
    pub fn trace_cost_per_handled_contact(&self) -> Option<Trace> {
        self.cost_per_handled_contact.map(|v| {
            Trace::new(
                "budget.cost_per_handled_contact",
                "cost per contact = (OPEX + depreciation) / contacts handled",
                "fully loaded, P&L basis, handled-contact denominator",
                SRC_UNIT_COST,
                v,
                "money/contact",
            )
            .input("OPEX + depreciation", "P&L cost over the horizon", self.pnl, "money")
            .input("N_h", "contacts handled by agents", self.contacts_handled, "contacts")
        })
    }
}

/// Which total a comparison uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BudgetMeasure {
    /// OPEX + CAPEX (cash out).
    Cash,
    /// OPEX + depreciation (cost in the P&L).
    ProfitAndLoss,
    /// P&L cost / contacts offered: the cost per call (money per contact), as
    /// [`BudgetTotals::cost_per_offered_contact`]; NaN when there are no contacts.
    CostPerOfferedContact,
}

/// A budget: monthly rows and totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub months: Vec<BudgetMonth>,
    pub totals: BudgetTotals,
}

// ------------------------------------------------------------------ scenarios

/// A budget driver that scenarios and sensitivity can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Driver {
    /// Contacts offered (every month).
    Volume,
    /// Average handle time, s.
    Aht,
    ServiceLevelTarget,
    /// Service-level threshold `T`, seconds (the "20" of 80/20).
    ServiceLevelThreshold,
    Shrinkage,
    /// Monthly attrition.
    Attrition,
    IvrDeflection,
    /// Agent monthly salary.
    AgentSalary,
    /// Annual salary indexation (all roles).
    SalaryIndexation,
    /// Telephony price per minute.
    TelephonyRate,
    /// Share of the contacts reaching agents offered a callback (see [`callback_day`]).
    CallbackShare,
}

impl Driver {
    /// Every driver, in a fixed order.
    pub const ALL: [Driver; 11] = [
        Driver::Volume,
        Driver::Aht,
        Driver::ServiceLevelTarget,
        Driver::ServiceLevelThreshold,
        Driver::Shrinkage,
        Driver::Attrition,
        Driver::IvrDeflection,
        Driver::AgentSalary,
        Driver::SalaryIndexation,
        Driver::TelephonyRate,
        Driver::CallbackShare,
    ];
}

/// How a driver changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Set to this value (for volume: every month's contacts).
    Set(f64),
    /// Multiply by `1 + x` (`-0.1` = 10% less).
    Relative(f64),
    /// Add a channel / project with its own monthly volume and AHT (only with
    /// [`Driver::Volume`]; see [`DriverChange::added_channel`]).
    AddChannel(AddedChannel),
    /// Offer a callback to share `c` of the contacts, returned within
    /// `deadline_s` (only with [`Driver::CallbackShare`]; see [`DriverChange::callback`]).
    Callback { share: f64, deadline_s: f64 },
}

/// One driver change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DriverChange {
    pub driver: Driver,
    pub change: Change,
}

impl DriverChange {
    pub fn set(driver: Driver, value: f64) -> Self {
        DriverChange { driver, change: Change::Set(value) }
    }
    pub fn relative(driver: Driver, fraction: f64) -> Self {
        DriverChange { driver, change: Change::Relative(fraction) }
    }

    /// An added channel or new project / campaign with its own monthly volume
    /// and AHT, staffed as its own Erlang C queue at the baseline's service-level
    /// target and added to the baseline's agents interval by interval (see
    /// [`AddedChannel`]). Its FTE is `Σ_intervals N_added × interval h × open days
    /// / (1 − shrinkage) / paid hours`, as for the baseline.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, DriverChange, Pay};
    /// let base = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0], // 60 per half hour, 24 intervals × 30 days
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     ..Default::default()
    /// }).unwrap();
    /// // The same volume and AHT again as a separate queue: 9 more agents per interval.
    /// let m = base.with_changes(&[DriverChange::added_channel(43_200.0, 180.0)]).unwrap().evaluate();
    /// assert_eq!(m.months[0].peak_net_agents, 18);
    /// assert!((m.months[0].required_fte - 2.0 * 3240.0 / 0.7 / 165.0).abs() < 1e-9);
    /// assert_eq!(m.months[0].contacts_offered, 86_400.0);
    /// ```
    pub fn added_channel(monthly_contacts: f64, aht_s: f64) -> Self {
        DriverChange { driver: Driver::Volume, change: Change::AddChannel(AddedChannel { monthly_contacts, aht_s }) }
    }

    /// A virtual-queue callback offered to share `c` of the contacts reaching
    /// agents, returned within `deadline_s` seconds (see [`callback_day`]):
    /// real-time FTE falls, callback (deferred) FTE is added.
    ///
    /// ```
    /// use callcalc_engine::{BudgetInput, BudgetModel, DriverChange, Pay};
    /// let base = BudgetModel::new(BudgetInput {
    ///     monthly_contacts: vec![43_200.0],
    ///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
    ///     ..Default::default()
    /// }).unwrap();
    /// let b0 = base.evaluate();
    /// let b1 = base.with_changes(&[DriverChange::callback(0.3, 3600.0)]).unwrap().evaluate();
    /// assert!(b1.months[0].realtime_fte < b0.months[0].realtime_fte);
    /// assert!(b1.months[0].callback_fte > 0.0);
    /// assert!((b1.months[0].callback_contacts - 0.3 * 43_200.0).abs() < 1e-6);
    /// ```
    pub fn callback(share: f64, deadline_s: f64) -> Self {
        DriverChange { driver: Driver::CallbackShare, change: Change::Callback { share, deadline_s } }
    }

    fn apply(&self, i: &mut BudgetInput) -> Result<(), FieldError> {
        if let Change::AddChannel(ch) = self.change {
            i.added_channels.push(ch);
            return Ok(());
        }
        if let Change::Callback { share, deadline_s } = self.change {
            i.callback_share = share;
            i.callback_deadline_s = deadline_s;
            return Ok(());
        }
        let f = |old: f64| match self.change {
            Change::Set(v) => v,
            Change::Relative(x) => old * (1.0 + x),
            Change::AddChannel(_) | Change::Callback { .. } => old,
        };
        if let Change::Relative(x) = self.change {
            if !x.is_finite() {
                return Err(FieldError::new("change", x, Problem::NotFinite));
            }
        }
        match self.driver {
            Driver::Volume => i.monthly_contacts.iter_mut().for_each(|c| *c = f(*c)),
            Driver::Aht => i.aht_s = f(i.aht_s),
            Driver::ServiceLevelTarget => i.sl_target = f(i.sl_target),
            Driver::ServiceLevelThreshold => i.sl_threshold_s = f(i.sl_threshold_s),
            Driver::Shrinkage => i.shrinkage = f(i.shrinkage),
            Driver::Attrition => i.attrition_monthly = f(i.attrition_monthly),
            Driver::IvrDeflection => i.ivr_deflection = f(i.ivr_deflection),
            Driver::AgentSalary => {
                let p = i.agent_pay;
                i.agent_pay = Pay::new(f(p.monthly_salary), p.bonus_rate, p.payroll_tax_rate, p.benefits_monthly)?;
            }
            Driver::SalaryIndexation => i.salary_indexation_annual = f(i.salary_indexation_annual),
            Driver::TelephonyRate => i.telephony_per_minute = f(i.telephony_per_minute),
            Driver::CallbackShare => i.callback_share = f(i.callback_share),
        }
        Ok(())
    }
}

/// A named set of driver changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub changes: Vec<DriverChange>,
}

/// A scenario run against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioResult {
    pub name: String,
    /// The scenario's budget, or the driver value it made invalid.
    pub outcome: Result<ScenarioBudget, FieldError>,
}

/// A valid scenario's budget and its differences from the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioBudget {
    pub budget: Budget,
    /// Scenario − baseline, cash (OPEX + CAPEX).
    pub delta_cash: f64,
    /// Scenario − baseline, P&L (OPEX + depreciation).
    pub delta_pnl: f64,
    /// Scenario − baseline, mean monthly FTE requirement.
    pub delta_average_fte: f64,
}

/// Runs the baseline and every scenario through the whole model (staffing
/// engine included). An invalid scenario (e.g. a service-level target of 1)
/// is reported in its own result; the others still run.
///
/// ```
/// use callcalc_engine::{run_scenarios, BudgetInput, BudgetModel, Driver, DriverChange, Pay, Scenario};
/// let base = BudgetModel::new(BudgetInput {
///     monthly_contacts: vec![43_200.0],
///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
///     ..Default::default()
/// }).unwrap();
/// let up = Scenario { name: "volume +20%".into(), changes: vec![DriverChange::relative(Driver::Volume, 0.2)] };
/// let (baseline, results) = run_scenarios(&base, &[up]);
/// let s = results[0].outcome.as_ref().unwrap();
/// assert!(s.delta_cash > 0.0 && s.budget.totals.cash > baseline.totals.cash);
/// ```
pub fn run_scenarios(baseline: &BudgetModel, scenarios: &[Scenario]) -> (Budget, Vec<ScenarioResult>) {
    let base = baseline.evaluate();
    let results = scenarios
        .iter()
        .map(|sc| ScenarioResult {
            name: sc.name.clone(),
            outcome: baseline.with_changes(&sc.changes).map(|m| {
                let budget = m.evaluate();
                ScenarioBudget {
                    delta_cash: budget.totals.cash - base.totals.cash,
                    delta_pnl: budget.totals.pnl - base.totals.pnl,
                    delta_average_fte: budget.totals.average_required_fte - base.totals.average_required_fte,
                    budget,
                }
            }),
        })
        .collect();
    (base, results)
}

// ---------------------------------------------------------------- sensitivity

/// One end (low or high) of a tornado bar.
#[derive(Debug, Clone, PartialEq)]
pub enum SensitivityEnd {
    Evaluated {
        /// The driver's value at this end (for volume: total contacts).
        driver_value: f64,
        total: f64,
        /// `total − base total`.
        delta: f64,
    },
    /// The moved driver is outside its valid range (e.g. SL target ≥ 1).
    Invalid(FieldError),
}

impl SensitivityEnd {
    fn total(&self) -> Option<f64> {
        match self {
            SensitivityEnd::Evaluated { total, .. } => Some(*total),
            SensitivityEnd::Invalid(_) => None,
        }
    }
}

/// One tornado row: a driver moved down and up by the same fraction.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    pub driver: Driver,
    pub base_value: f64,
    pub base_total: f64,
    /// Driver × (1 − x).
    pub low: SensitivityEnd,
    /// Driver × (1 + x).
    pub high: SensitivityEnd,
    /// Width of the bar: max − min of the base, low and high totals.
    pub swing: f64,
}

/// Sensitivity of the budget total (`measure`) to each driver moved by
/// `±fraction` (e.g. `0.1` for ±10%), every move re-run through the whole
/// model. Rows sorted by swing, widest first (a tornado chart).
///
/// - `swing = max(T_base, T_low, T_high) − min(…)`, money.
/// - `fraction` must lie in (0, 1).
///
/// ```
/// use callcalc_engine::{sensitivity, BudgetInput, BudgetMeasure, BudgetModel, Driver, Pay};
/// let m = BudgetModel::new(BudgetInput {
///     monthly_contacts: vec![43_200.0],
///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
///     telephony_per_minute: 0.01,
///     ..Default::default()
/// }).unwrap();
/// let rows = sensitivity(&m, 0.1, BudgetMeasure::Cash).unwrap();
/// assert_eq!(rows.len(), Driver::ALL.len());
/// assert!(rows.windows(2).all(|w| w[0].swing >= w[1].swing));
/// ```
pub fn sensitivity(model: &BudgetModel, fraction: f64, measure: BudgetMeasure) -> Result<Vec<TornadoRow>, FieldError> {
    let x = in_range("sensitivity_fraction", fraction, 0.0, 1.0, false, false)?;
    let base_total = model.evaluate().totals.total(measure);
    let end = |driver: Driver, r: f64| match model.with_changes(&[DriverChange::relative(driver, r)]) {
        Ok(m) => {
            let total = m.evaluate().totals.total(measure);
            SensitivityEnd::Evaluated { driver_value: m.driver_value(driver), total, delta: total - base_total }
        }
        Err(e) => SensitivityEnd::Invalid(e),
    };
    let mut rows: Vec<TornadoRow> = Driver::ALL
        .iter()
        .map(|&driver| {
            let low = end(driver, -x);
            let high = end(driver, x);
            let totals = [Some(base_total), low.total(), high.total()];
            let max = totals.iter().flatten().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            let min = totals.iter().flatten().fold(f64::INFINITY, |a, &b| a.min(b));
            TornadoRow { driver, base_value: model.driver_value(driver), base_total, low, high, swing: max - min }
        })
        .collect();
    rows.sort_by(|a, b| b.swing.total_cmp(&a.swing));
    Ok(rows)
}

// ------------------------------------------------------------ investment case

/// When FTE savings turn into lower payroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FteRealisation {
    /// Staff is cut to the new requirement at once (month 1).
    Immediately,
    /// The improved case starts with the baseline's staff; fewer hires let
    /// attrition bring it down (with no attrition, no FTE saving is realised).
    ThroughAttrition,
}

/// An investment (e.g. a knowledge base, speech analytics, self-service) as raw values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InvestmentInput {
    /// Spent at t = 0.
    pub one_time_cost: f64,
    /// Spent every month of the horizon.
    pub recurring_cost_monthly: f64,
    /// AHT reduction, seconds (new AHT = baseline − this, must stay > 0).
    pub aht_reduction_s: f64,
    /// Share of contacts removed, `[0, 1)` (self-service, fewer repeat contacts).
    pub volume_reduction: f64,
    /// Reduction of monthly attrition, fraction points (≤ baseline attrition).
    pub attrition_reduction: f64,
    /// Abandonment rate before and after (`after ≤ before`, both in [0, 1]).
    pub abandon_rate_before: f64,
    pub abandon_rate_after: f64,
    /// Revenue (margin) kept per abandon avoided.
    pub value_per_abandon_avoided: f64,
    /// Annual discount rate, converted to monthly `(1 + r)^{1/12} − 1`.
    pub discount_rate_annual: f64,
    pub fte_realisation: FteRealisation,
}

/// One month of an investment case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InvestmentMonth {
    pub month: u32,
    /// Baseline cash − improved cash (labour, hiring, seats, telephony …).
    pub cost_saving: f64,
    /// Baseline FTE requirement − improved FTE requirement.
    pub fte_saved: f64,
    /// Contacts handled × (abandon rate before − after).
    pub abandons_avoided: f64,
    /// `abandons_avoided × value_per_abandon_avoided`.
    pub revenue_retained: f64,
    pub recurring_cost: f64,
    /// `cost_saving + revenue_retained − recurring_cost`.
    pub net_cash_flow: f64,
}

/// An investment case evaluated against a baseline budget.
#[derive(Debug, Clone, PartialEq)]
pub struct InvestmentCase {
    pub improved: Budget,
    pub months: Vec<InvestmentMonth>,
    /// `[−one_time, net_1, …, net_n]`, t = 0 first.
    pub cash_flows: CashFlows,
    pub monthly_discount_rate: f64,
    /// NPV with the investment at t = 0 (numpy timing).
    pub npv: Npv,
    /// Monthly IRR (typed: unique, none, or ambiguous).
    pub irr_monthly: Irr,
    /// `(1 + IRR_m)^12 − 1` when the monthly IRR is unique.
    pub irr_annual: Option<f64>,
    pub payback_simple: PaybackResult,
    pub payback_discounted: PaybackResult,
    /// Σ cost savings + revenue retained (undiscounted).
    pub total_benefit: f64,
    /// One-time + Σ recurring (undiscounted).
    pub total_cost: f64,
    /// `(benefit − cost)/cost`; `None` when the cost is 0.
    pub roi: Option<Roi>,
    /// `benefit/cost`; `None` when the cost is 0.
    pub benefit_cost_ratio: Option<Roi>,
}

/// Evaluates an investment against a baseline budget.
///
/// 1. The improved budget is the baseline with AHT − Δ, volume × (1 − v) and
///    attrition − Δa, run through the same model (Erlang C staffing, hiring,
///    seats …), starting from the baseline's staff less the month-1 FTE saving
///    ([`FteRealisation::Immediately`]) or from the baseline's staff
///    ([`FteRealisation::ThroughAttrition`]).
/// 2. Monthly benefit = baseline cash − improved cash + abandons avoided ×
///    value, where abandons avoided = improved contacts handled × (before − after).
/// 3. Cash flows `[−one_time, benefit_m − recurring, …]` → NPV (t = 0 first),
///    IRR, simple and discounted payback (months), ROI and benefit-cost ratio
///    (undiscounted totals) through the finance module.
///
/// ```
/// use callcalc_engine::{investment_case, BudgetInput, BudgetModel, FteRealisation, InvestmentInput, Pay};
/// let base = BudgetModel::new(BudgetInput {
///     monthly_contacts: vec![43_200.0],
///     agent_pay: Pay::new(1000.0, 0.0, 0.0, 0.0).unwrap(),
///     ..Default::default()
/// }).unwrap();
/// let case = investment_case(&base, &InvestmentInput {
///     one_time_cost: 20_000.0, recurring_cost_monthly: 500.0, aht_reduction_s: 20.0,
///     volume_reduction: 0.0, attrition_reduction: 0.0, abandon_rate_before: 0.0,
///     abandon_rate_after: 0.0, value_per_abandon_avoided: 0.0, discount_rate_annual: 0.1,
///     fte_realisation: FteRealisation::Immediately,
/// }).unwrap();
/// assert!(case.months[0].fte_saved > 0.0);
/// assert!(case.npv.value > 0.0 && case.irr_monthly.rate().is_some());
/// ```
pub fn investment_case(baseline: &BudgetModel, inv: &InvestmentInput) -> Result<InvestmentCase, FieldError> {
    let one_time = non_negative("one_time_cost", inv.one_time_cost)?;
    let recurring = non_negative("recurring_cost_monthly", inv.recurring_cost_monthly)?;
    let b = baseline.input();
    let aht_cut = in_range("aht_reduction_s", inv.aht_reduction_s, 0.0, b.aht_s, true, false)?;
    let vol_cut = in_range("volume_reduction", inv.volume_reduction, 0.0, 1.0, true, false)?;
    let att_cut = in_range("attrition_reduction", inv.attrition_reduction, 0.0, b.attrition_monthly, true, true)?;
    let ab_before = in_range("abandon_rate_before", inv.abandon_rate_before, 0.0, 1.0, true, true)?;
    let ab_after = in_range("abandon_rate_after", inv.abandon_rate_after, 0.0, ab_before, true, true)?;
    let value = non_negative("value_per_abandon_avoided", inv.value_per_abandon_avoided)?;
    let rate = DiscountRate::monthly_from_annual(inv.discount_rate_annual)?;

    let base = baseline.evaluate();
    let base_start = b.starting_agents.unwrap_or(base.months.first().map_or(0.0, |r| r.required_fte));
    let mut improved_model = baseline.with_changes(&[
        DriverChange::set(Driver::Aht, b.aht_s - aht_cut),
        DriverChange::relative(Driver::Volume, -vol_cut),
        DriverChange::set(Driver::Attrition, b.attrition_monthly - att_cut),
    ])?;
    let improved_first = improved_model.evaluate().months.first().map_or(0.0, |r| r.required_fte);
    let base_first = base.months.first().map_or(0.0, |r| r.required_fte);
    let start = match inv.fte_realisation {
        FteRealisation::Immediately => (base_start - (base_first - improved_first)).max(0.0),
        FteRealisation::ThroughAttrition => base_start,
    };
    improved_model.input.starting_agents = Some(start);
    let improved = improved_model.evaluate();

    let mut months = Vec::with_capacity(base.months.len());
    let mut flows = Vec::with_capacity(base.months.len() + 1);
    flows.push(-one_time);
    let mut total_benefit = 0.0;
    for (bm, im) in base.months.iter().zip(&improved.months) {
        let cost_saving = bm.cash - im.cash;
        let abandons_avoided = im.contacts_handled * (ab_before - ab_after);
        let revenue_retained = abandons_avoided * value;
        let net = cost_saving + revenue_retained - recurring;
        total_benefit += cost_saving + revenue_retained;
        flows.push(net);
        months.push(InvestmentMonth {
            month: bm.month,
            cost_saving,
            fte_saved: bm.required_fte - im.required_fte,
            abandons_avoided,
            revenue_retained,
            recurring_cost: recurring,
            net_cash_flow: net,
        });
    }
    let total_cost = one_time + recurring * months.len() as f64;
    let cash_flows = CashFlows::new(flows)?;
    let irr_monthly = irr(&cash_flows);
    let irr_annual = irr_monthly.rate().map(|r| (1.0 + r).powi(12) - 1.0);
    let (roi_v, bcr) = if total_cost > 0.0 {
        (
            roi(total_benefit, total_cost, RoiVariant::NetReturnOnCost).ok(),
            roi(total_benefit, total_cost, RoiVariant::BenefitCostRatio).ok(),
        )
    } else {
        (None, None)
    };
    Ok(InvestmentCase {
        npv: npv(rate, &cash_flows, NpvTiming::FirstAtTimeZero),
        payback_simple: payback(&cash_flows, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero),
        payback_discounted: payback(&cash_flows, PaybackVariant::Discounted(rate), NpvTiming::FirstAtTimeZero),
        improved,
        months,
        cash_flows,
        monthly_discount_rate: rate.per_period(),
        irr_monthly,
        irr_annual,
        total_benefit,
        total_cost,
        roi: roi_v,
        benefit_cost_ratio: bcr,
    })
}

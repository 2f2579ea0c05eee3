//! Finance formulas for investment cases and customer economics: NPV in both
//! timing conventions, IRR with an explicit "no root / several roots" answer,
//! simple and discounted payback, ROI vs benefit-cost ratio, CAC, CLV and
//! retention cost.
//!
//! Conventions: a period is whatever the cash flows are spaced by (a month in
//! the budget's investment case, a year in Excel's examples); rates are
//! fractions per period (`0.1` = 10% per period); money is in one currency,
//! unnamed.

use crate::error::{in_range, non_negative, positive, FieldError, Problem};
use crate::trace::Trace;

const SRC_NPV_EXCEL: &str = "Microsoft Learn, NPV function (Excel/VBA): NPV = Σ_{i=1..n} values_i / (1 + rate)^i, the first value at the end of period 1";
const SRC_NPV_NUMPY: &str =
    "numpy-financial npv: Σ_{t=0..M−1} values_t / (1 + rate)^t, the first value at t = 0 (numpy.npv docs 1.13–1.18)";
const SRC_IRR: &str = "IRR: the rate r with NPV(r) = 0 (numpy-financial irr; Microsoft Learn, IRR function); root count bounded by Descartes' rule of signs";
const SRC_PAYBACK: &str =
    "payback: cumulative cash flow crosses 0, linear interpolation inside the crossing period (definitions.md, 'Payback period'; not an authoritative source)";
const SRC_ROI: &str =
    "ROI = (gain − cost)/cost; benefit-cost ratio = gain/cost (definitions.md, 'ROI'; no authoritative source found)";
const SRC_CAC: &str =
    "CAC = sales & marketing spend / new customers acquired (definitions.md, 'CAC'; tool docs, not authoritative)";
const SRC_CLV: &str = "Farris, Bendle, Pfeifer & Reibstein, Marketing Metrics: CLV = m·r/(1 + d − r); other variants as listed in definitions.md ('CLV')";
const SRC_RETENTION: &str =
    "retention spend / customers retained (definitions.md, 'Retention cost': no authoritative formula; SMCRM data set records retention spend per customer)";

/// Largest number of periods a cash-flow series may have (100 years of months).
pub const MAX_PERIODS: usize = 1200;
/// Largest magnitude of one cash flow.
pub const MAX_CASH_FLOW: f64 = 1e15;
/// Lowest discount rate per period accepted for NPV and discounted payback.
///
/// With at most [`MAX_PERIODS`] periods, `(1 + r)^{−1200} ≤ 0.6^{−1200} ≈ 1e266`,
/// so no discounted value can overflow `f64`.
pub const MIN_DISCOUNT_RATE: f64 = -0.4;
/// Highest discount rate per period accepted (100 000% per period).
pub const MAX_DISCOUNT_RATE: f64 = 1000.0;

/// The IRR search covers `1 + r ∈ [1e−6, 1e6 + 1]`, i.e. `r` from −99.9999% to 10⁸%.
pub const IRR_MIN_RATE: f64 = -0.999_999;
/// See [`IRR_MIN_RATE`].
pub const IRR_MAX_RATE: f64 = 1_000_000.0;
/// Step of the root scan used when flows change sign more than once, in
/// `ln(1 + r)`: two roots closer than about 0.1% in `1 + r` may be seen as none.
pub const IRR_SCAN_STEP: f64 = 1e-3;

/// A series of cash flows, one per period, validated: 1 to [`MAX_PERIODS`]
/// values, each finite with magnitude at most [`MAX_CASH_FLOW`].
/// Outflows (investments, costs) are negative, inflows positive.
#[derive(Debug, Clone, PartialEq)]
pub struct CashFlows(Vec<f64>);

impl CashFlows {
    /// ```
    /// use callcalc_engine::CashFlows;
    /// assert!(CashFlows::new(vec![-100.0, 39.0, 59.0]).is_ok());
    /// assert_eq!(CashFlows::new(vec![]).unwrap_err().field, "cash_flows");
    /// assert_eq!(CashFlows::new(vec![1.0, f64::NAN]).unwrap_err().field, "cash_flows");
    /// ```
    pub fn new(values: Vec<f64>) -> Result<Self, FieldError> {
        if values.is_empty() {
            return Err(FieldError::new(
                "cash_flows",
                "[]",
                Problem::OutOfRange { min: 1.0, max: MAX_PERIODS as f64, min_inclusive: true, max_inclusive: true },
            ));
        }
        if values.len() > MAX_PERIODS {
            return Err(FieldError::new("cash_flows", values.len(), Problem::TooLarge { max: MAX_PERIODS as f64 }));
        }
        for &v in &values {
            if !v.is_finite() {
                return Err(FieldError::new("cash_flows", v, Problem::NotFinite));
            }
            if v.abs() > MAX_CASH_FLOW {
                return Err(FieldError::new("cash_flows", v, Problem::TooLarge { max: MAX_CASH_FLOW }));
            }
        }
        Ok(CashFlows(values))
    }

    pub fn values(&self) -> &[f64] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true: validation rejects an empty series.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A discount rate per period, validated between [`MIN_DISCOUNT_RATE`] and
/// [`MAX_DISCOUNT_RATE`] (both inclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiscountRate(f64);

impl DiscountRate {
    /// ```
    /// use callcalc_engine::DiscountRate;
    /// assert_eq!(DiscountRate::new(0.1).unwrap().per_period(), 0.1);
    /// assert_eq!(DiscountRate::new(-1.0).unwrap_err().field, "discount_rate");
    /// ```
    pub fn new(rate_per_period: f64) -> Result<Self, FieldError> {
        Ok(DiscountRate(in_range("discount_rate", rate_per_period, MIN_DISCOUNT_RATE, MAX_DISCOUNT_RATE, true, true)?))
    }

    /// The monthly rate equivalent to an annual rate: `(1 + r_y)^{1/12} − 1`.
    ///
    /// ```
    /// use callcalc_engine::DiscountRate;
    /// let m = DiscountRate::monthly_from_annual(0.12).unwrap().per_period();
    /// assert!(((1.0 + m).powi(12) - 1.12).abs() < 1e-12);
    /// ```
    pub fn monthly_from_annual(annual: f64) -> Result<Self, FieldError> {
        let a = in_range("discount_rate_annual", annual, MIN_DISCOUNT_RATE, MAX_DISCOUNT_RATE, true, true)?;
        Ok(DiscountRate((a.ln_1p() / 12.0).exp_m1()))
    }

    pub fn per_period(self) -> f64 {
        self.0
    }
}

/// When the first cash flow happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpvTiming {
    /// Excel/VBA `NPV(rate, v1, …, vn)`: `v1` at the END of period 1, so every
    /// value is discounted, the first by `(1 + r)`. Excel users add a t = 0
    /// investment outside the function.
    FirstAtEndOfPeriod1,
    /// numpy(-financial) `npv(rate, values)`: `values[0]` at t = 0, undiscounted.
    FirstAtTimeZero,
}

impl NpvTiming {
    /// Time (in periods) of the value with index `i`.
    fn time_of(self, i: usize) -> f64 {
        match self {
            NpvTiming::FirstAtEndOfPeriod1 => (i + 1) as f64,
            NpvTiming::FirstAtTimeZero => i as f64,
        }
    }

    fn label(self) -> &'static str {
        match self {
            NpvTiming::FirstAtEndOfPeriod1 => "Excel NPV: first value at the end of period 1 (discounted once)",
            NpvTiming::FirstAtTimeZero => "numpy-financial npv: first value at t = 0 (undiscounted)",
        }
    }
}

/// A net present value and how it was computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Npv {
    pub value: f64,
    pub rate: f64,
    pub timing: NpvTiming,
    pub periods: usize,
}

/// Net present value of a series of cash flows at a rate per period:
///
/// - [`NpvTiming::FirstAtEndOfPeriod1`] (Excel): `NPV = Σ_{i=1..n} v_i / (1 + r)^i`;
/// - [`NpvTiming::FirstAtTimeZero`] (numpy-financial): `NPV = Σ_{t=0..n−1} v_t / (1 + r)^t`.
///
/// The two differ by a factor `(1 + r)`: Excel's value is numpy's divided by `1 + r`.
/// Symbols: `v`: cash flow per period (money; outflows negative); `r`: discount
/// rate per period (fraction). Result: money at the valuation date (t = 0).
/// Sources: Microsoft Learn NPV function; numpy-financial `npv`; `definitions.md` ("NPV").
///
/// ```
/// use callcalc_engine::{npv, CashFlows, DiscountRate, NpvTiming};
/// // Microsoft's example: NPV(10%, −10000, 3000, 4200, 6800) = 1188.44.
/// let f = CashFlows::new(vec![-10_000.0, 3_000.0, 4_200.0, 6_800.0]).unwrap();
/// let v = npv(DiscountRate::new(0.10).unwrap(), &f, NpvTiming::FirstAtEndOfPeriod1);
/// assert!((v.value - 1188.44).abs() < 0.005);
/// // numpy-financial: npv(0.281, [−100, 39, 59, 55, 20]) = −0.0084785916384548798.
/// let f = CashFlows::new(vec![-100.0, 39.0, 59.0, 55.0, 20.0]).unwrap();
/// let v = npv(DiscountRate::new(0.281).unwrap(), &f, NpvTiming::FirstAtTimeZero);
/// assert!((v.value - -0.0084785916384548798).abs() < 1e-12);
/// ```
pub fn npv(rate: DiscountRate, flows: &CashFlows, timing: NpvTiming) -> Npv {
    let d = 1.0 / (1.0 + rate.0);
    // Horner from the last value: Σ v_t d^t = v_0 + d(v_1 + d(v_2 + …)).
    let mut acc = 0.0;
    for &v in flows.0.iter().rev() {
        acc = acc * d + v;
    }
    let value = match timing {
        NpvTiming::FirstAtTimeZero => acc,
        NpvTiming::FirstAtEndOfPeriod1 => acc * d,
    };
    Npv { value, rate: rate.0, timing, periods: flows.len() }
}

impl Npv {
    pub fn trace(&self) -> Trace {
        let (formula, source) = match self.timing {
            NpvTiming::FirstAtEndOfPeriod1 => ("NPV = Σ_{i=1..n} v_i / (1 + r)^i", SRC_NPV_EXCEL),
            NpvTiming::FirstAtTimeZero => ("NPV = Σ_{t=0..n−1} v_t / (1 + r)^t", SRC_NPV_NUMPY),
        };
        Trace::new("finance.npv", formula, self.timing.label(), source, self.value, "money")
            .input("r", "discount rate per period", self.rate, "")
            .input("n", "number of cash flows", self.periods as f64, "")
    }
}

/// Why a series of cash flows has no internal rate of return.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoIrr {
    /// Every cash flow is zero: NPV is 0 at every rate.
    AllZero,
    /// No cash flow is negative (and at least one is positive): NPV > 0 at every rate.
    AllNonNegative,
    /// No cash flow is positive (and at least one is negative): NPV < 0 at every rate.
    AllNonPositive,
    /// The flows change sign once, so exactly one root exists, but it lies
    /// outside the searched range [`IRR_MIN_RATE`, `IRR_MAX_RATE`].
    OutsideSearchRange { min_rate: f64, max_rate: f64 },
}

/// Internal rate of return: the rate `r` with `NPV(r) = 0`, as a typed answer
/// that never silently picks one of several roots.
#[derive(Debug, Clone, PartialEq)]
pub enum Irr {
    /// The flows change sign exactly once: by Descartes' rule of signs there is
    /// exactly one rate `r > −1` with `NPV(r) = 0`, and this is it.
    Unique { rate: f64 },
    /// There is no rate at which NPV is zero.
    NoRoot(NoIrr),
    /// The flows change sign `sign_changes ≥ 2` times: there may be up to that
    /// many roots (or none). `roots` lists, in ascending order, every root found
    /// by scanning `ln(1 + r)` in steps of [`IRR_SCAN_STEP`] over the search
    /// range and bisecting each bracket; a pair of roots closer than the step,
    /// or a root where NPV touches zero without crossing, may be missed. No
    /// single IRR is reported because the choice would be arbitrary.
    Ambiguous { roots: Vec<f64>, sign_changes: usize },
}

impl Irr {
    /// The rate, only when it is unique.
    pub fn rate(&self) -> Option<f64> {
        match self {
            Irr::Unique { rate } => Some(*rate),
            _ => None,
        }
    }

    /// How the IRR was found; `None` unless it is unique (a list of candidate
    /// roots is not one number to trace).
    pub fn trace(&self) -> Option<Trace> {
        match self {
            Irr::Unique { rate } => Some(Trace::new(
                "finance.irr",
                "NPV(r) = Σ v_t / (1 + r)^t = 0",
                "one sign change in the cash flows: the unique root (Descartes' rule of signs), bracketed and bisected",
                SRC_IRR,
                *rate,
                "",
            )),
            _ => None,
        }
    }
}

/// Sign changes in a sequence, ignoring zeros.
fn sign_changes(values: &[f64]) -> usize {
    let mut last = 0.0f64;
    let mut n = 0;
    for &v in values {
        if v == 0.0 {
            continue;
        }
        if last != 0.0 && (v > 0.0) != (last > 0.0) {
            n += 1;
        }
        last = v;
    }
    n
}

/// A continuous function of `u = ln(1 + r)` with the same sign and zeros as
/// `NPV(r)`, that cannot overflow: `Σ v_t x^t` with `x = 1/(1 + r) ≤ 1`, or
/// `x^{−(n−1)}` times it when `x > 1`.
fn scaled_npv(values: &[f64], u: f64) -> f64 {
    let mut acc = 0.0;
    if u >= 0.0 {
        let x = (-u).exp();
        for &v in values.iter().rev() {
            acc = acc * x + v;
        }
    } else {
        let y = u.exp();
        for &v in values {
            acc = acc * y + v;
        }
    }
    acc
}

/// Bisection on `u` inside a bracket `[lo, hi]` with `f(lo)·f(hi) < 0`.
fn bisect(values: &[f64], mut lo: f64, mut hi: f64) -> f64 {
    let mut f_lo = scaled_npv(values, lo);
    for _ in 0..400 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        let f_mid = scaled_npv(values, mid);
        if f_mid == 0.0 {
            return mid;
        }
        if (f_mid > 0.0) == (f_lo > 0.0) {
            lo = mid;
            f_lo = f_mid;
        } else {
            hi = mid;
        }
    }
    lo + (hi - lo) / 2.0
}

/// Internal rate of return of a series of cash flows (per period).
///
/// `IRR` is the rate `r > −1` with `NPV(r) = Σ v_t / (1 + r)^t = 0`. The root is
/// the same under both [`NpvTiming`] conventions (they differ by a factor
/// `1 + r`). Method: substitute `x = 1/(1 + r)`, so NPV is a polynomial in `x`
/// whose positive roots number at most the sign changes of the flows
/// (Descartes' rule of signs):
///
/// - no sign change → [`Irr::NoRoot`];
/// - one sign change → exactly one root: bracketed over the search range and
///   found by bisection on `ln(1 + r)` to full precision → [`Irr::Unique`];
/// - several → every root found by a scan plus bisection → [`Irr::Ambiguous`].
///
/// Sources: numpy-financial `irr`; Microsoft Learn IRR function; `definitions.md` ("IRR").
///
/// ```
/// use callcalc_engine::{irr, CashFlows, Irr};
/// // numpy-financial: irr([−100, 39, 59, 55, 20]) = 0.28095.
/// let r = irr(&CashFlows::new(vec![-100.0, 39.0, 59.0, 55.0, 20.0]).unwrap());
/// assert!((r.rate().unwrap() - 0.28094842115996066).abs() < 1e-12);
/// // Two sign changes with roots 10% and 20%: reported, not picked.
/// match irr(&CashFlows::new(vec![-100.0, 230.0, -132.0]).unwrap()) {
///     Irr::Ambiguous { roots, sign_changes } => {
///         assert_eq!(sign_changes, 2);
///         assert!((roots[0] - 0.1).abs() < 1e-12 && (roots[1] - 0.2).abs() < 1e-12);
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn irr(flows: &CashFlows) -> Irr {
    let v = flows.values();
    let has_pos = v.iter().any(|&x| x > 0.0);
    let has_neg = v.iter().any(|&x| x < 0.0);
    match (has_pos, has_neg) {
        (false, false) => return Irr::NoRoot(NoIrr::AllZero),
        (true, false) => return Irr::NoRoot(NoIrr::AllNonNegative),
        (false, true) => return Irr::NoRoot(NoIrr::AllNonPositive),
        (true, true) => {}
    }
    let u_min = IRR_MIN_RATE.ln_1p();
    let u_max = IRR_MAX_RATE.ln_1p();
    let changes = sign_changes(v);
    if changes == 1 {
        let (f_lo, f_hi) = (scaled_npv(v, u_min), scaled_npv(v, u_max));
        if f_lo == 0.0 {
            return Irr::Unique { rate: IRR_MIN_RATE };
        }
        if f_hi == 0.0 {
            return Irr::Unique { rate: IRR_MAX_RATE };
        }
        if (f_lo > 0.0) == (f_hi > 0.0) {
            return Irr::NoRoot(NoIrr::OutsideSearchRange { min_rate: IRR_MIN_RATE, max_rate: IRR_MAX_RATE });
        }
        return Irr::Unique { rate: bisect(v, u_min, u_max).exp_m1() };
    }
    let steps = ((u_max - u_min) / IRR_SCAN_STEP).ceil() as usize;
    let mut roots = Vec::new();
    let mut prev_u = u_min;
    let mut prev_f = scaled_npv(v, prev_u);
    if prev_f == 0.0 {
        roots.push(prev_u.exp_m1());
    }
    for i in 1..=steps {
        let u = if i == steps { u_max } else { u_min + i as f64 * IRR_SCAN_STEP };
        let f = scaled_npv(v, u);
        if f == 0.0 {
            roots.push(u.exp_m1());
        } else if prev_f != 0.0 && (f > 0.0) != (prev_f > 0.0) {
            roots.push(bisect(v, prev_u, u).exp_m1());
        }
        prev_u = u;
        prev_f = f;
    }
    Irr::Ambiguous { roots, sign_changes: changes }
}

/// Payback: when the cumulative cash flow is recovered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Payback {
    /// The cumulative cash flow is never negative: there is nothing to recover.
    NothingToRecover,
    /// The cumulative flow is ≥ 0 from `periods` on (interpolated linearly
    /// inside the crossing period, in periods from t = 0). `first_crossing` is
    /// when it first turned non-negative; it is earlier than `periods` when a
    /// later outflow pushed the cumulative flow below zero again.
    After { periods: f64, first_crossing: f64 },
    /// The cumulative flow is still negative at the end of the series.
    Never { final_cumulative: f64 },
}

impl Payback {
    /// Periods to payback when it happens (0 when nothing is to be recovered).
    pub fn periods(&self) -> Option<f64> {
        match self {
            Payback::NothingToRecover => Some(0.0),
            Payback::After { periods, .. } => Some(*periods),
            Payback::Never { .. } => None,
        }
    }
}

/// Which payback.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PaybackVariant {
    /// Undiscounted cumulative cash flow.
    Simple,
    /// Cumulative of `v_t / (1 + r)^t`.
    Discounted(DiscountRate),
}

/// A payback result with its variant and timing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaybackResult {
    pub payback: Payback,
    pub variant: PaybackVariant,
    pub timing: NpvTiming,
}

/// Payback period of a series of cash flows.
///
/// Cumulative flow `C_k = Σ_{i≤k} w_i` with `w_i = v_i` (simple) or
/// `w_i = v_i / (1 + r)^{t_i}` (discounted), where `t_i` is the time of value `i`
/// (`i` or `i + 1`, per [`NpvTiming`]). If `C_k < 0` is the last negative
/// cumulative value, payback is `t_k + (−C_k) / w_{k+1}`: linear interpolation
/// inside the period in which the cumulative flow crosses 0. Result in periods
/// from t = 0; [`Payback::Never`] when the cumulative flow ends negative.
///
/// Variant: simple vs discounted (`definitions.md`, "Payback period");
/// source: finance tool docs (nestegg-calculators, SooTool), not authoritative.
///
/// ```
/// use callcalc_engine::{payback, CashFlows, NpvTiming, Payback, PaybackVariant};
/// let f = CashFlows::new(vec![-1000.0, 400.0, 400.0, 400.0]).unwrap();
/// let p = payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero);
/// assert_eq!(p.payback, Payback::After { periods: 2.5, first_crossing: 2.5 });
/// let f = CashFlows::new(vec![-1000.0, 100.0]).unwrap();
/// assert!(matches!(payback(&f, PaybackVariant::Simple, NpvTiming::FirstAtTimeZero).payback, Payback::Never { .. }));
/// ```
pub fn payback(flows: &CashFlows, variant: PaybackVariant, timing: NpvTiming) -> PaybackResult {
    let d = match variant {
        PaybackVariant::Simple => 1.0,
        PaybackVariant::Discounted(r) => 1.0 / (1.0 + r.0),
    };
    let mut factor = match timing {
        NpvTiming::FirstAtTimeZero => 1.0,
        NpvTiming::FirstAtEndOfPeriod1 => d,
    };
    let mut cumulative = Vec::with_capacity(flows.len());
    let mut weighted = Vec::with_capacity(flows.len());
    let mut c = 0.0;
    for &v in flows.values() {
        let w = v * factor;
        c += w;
        weighted.push(w);
        cumulative.push(c);
        factor *= d;
    }
    let crossing = |k: usize| timing.time_of(k) + (-cumulative[k]) / weighted[k + 1];
    let n = cumulative.len();
    let payback = match cumulative.iter().rposition(|&c| c < 0.0) {
        None => Payback::NothingToRecover,
        Some(k) if k == n - 1 => Payback::Never { final_cumulative: cumulative[k] },
        Some(k) => {
            let first = (0..k).find(|&j| cumulative[j] < 0.0 && cumulative[j + 1] >= 0.0).unwrap_or(k);
            Payback::After { periods: crossing(k), first_crossing: crossing(first) }
        }
    };
    PaybackResult { payback, variant, timing }
}

impl PaybackResult {
    /// `None` when the flows never pay back.
    pub fn trace(&self) -> Option<Trace> {
        let (variant, formula, rate) = match self.variant {
            PaybackVariant::Simple => (
                "simple (undiscounted) payback",
                "payback = t_k + (−C_k) / v_{k+1}, C_k last negative cumulative flow",
                0.0,
            ),
            PaybackVariant::Discounted(r) => (
                "discounted payback",
                "payback = t_k + (−C_k) / w_{k+1}, w_t = v_t / (1 + r)^t, C_k last negative cumulative flow",
                r.0,
            ),
        };
        self.payback.periods().map(|result| {
            Trace::new("finance.payback", formula, variant, SRC_PAYBACK, result, "periods").input(
                "r",
                "discount rate per period",
                rate,
                "",
            )
        })
    }
}

/// Which return on investment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoiVariant {
    /// `ROI = (gain − cost) / cost`: the net return per unit of cost (0 = break even).
    NetReturnOnCost,
    /// `BCR = gain / cost`: the benefit-cost ratio (1 = break even).
    BenefitCostRatio,
}

/// A return on investment with its variant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roi {
    pub variant: RoiVariant,
    pub gain: f64,
    pub cost: f64,
    pub value: f64,
}

/// Return on investment, as a named variant:
///
/// - [`RoiVariant::NetReturnOnCost`]: `ROI = (G − C) / C`;
/// - [`RoiVariant::BenefitCostRatio`]: `BCR = G / C` (= ROI + 1, a different quantity).
///
/// Symbols: `G`: total gain (benefits, money; negative for a loss); `C`: total cost (money, > 0).
/// Source: `definitions.md` ("ROI"): the usual form vs a benefit-cost ratio; no
/// authoritative text was found.
///
/// ```
/// use callcalc_engine::{roi, RoiVariant};
/// assert_eq!(roi(150.0, 100.0, RoiVariant::NetReturnOnCost).unwrap().value, 0.5);
/// assert_eq!(roi(150.0, 100.0, RoiVariant::BenefitCostRatio).unwrap().value, 1.5);
/// assert_eq!(roi(150.0, 0.0, RoiVariant::NetReturnOnCost).unwrap_err().field, "cost");
/// ```
pub fn roi(gain: f64, cost: f64, variant: RoiVariant) -> Result<Roi, FieldError> {
    if !gain.is_finite() {
        return Err(FieldError::new("gain", gain, Problem::NotFinite));
    }
    let cost = positive("cost", cost)?;
    let value = match variant {
        RoiVariant::NetReturnOnCost => (gain - cost) / cost,
        RoiVariant::BenefitCostRatio => gain / cost,
    };
    Ok(Roi { variant, gain, cost, value })
}

impl Roi {
    pub fn trace(&self) -> Trace {
        let (id, formula, variant) = match self.variant {
            RoiVariant::NetReturnOnCost => ("finance.roi", "ROI = (G − C) / C", "net return on cost (0 = break even)"),
            RoiVariant::BenefitCostRatio => {
                ("finance.bcr", "BCR = G / C", "benefit-cost ratio (1 = break even), not ROI")
            }
        };
        Trace::new(id, formula, variant, SRC_ROI, self.value, "").input("G", "total gain", self.gain, "money").input(
            "C",
            "total cost",
            self.cost,
            "money",
        )
    }
}

// ---------------------------------------------------------------------------
// Customer economics
// ---------------------------------------------------------------------------

/// Acquisition spend and new customers of one period, validated (all ≥ 0,
/// paid-channel customers ≤ all new customers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AcquisitionData {
    /// Paid media / paid acquisition channels.
    pub paid_spend: f64,
    /// Other marketing (content, brand, tools, marketing staff).
    pub other_marketing_spend: f64,
    /// Sales salaries and commissions.
    pub sales_salaries: f64,
    /// All new customers acquired in the period.
    pub new_customers: f64,
    /// New customers attributed to paid channels.
    pub new_customers_paid: f64,
}

impl AcquisitionData {
    /// ```
    /// use callcalc_engine::AcquisitionData;
    /// assert!(AcquisitionData::new(5000.0, 3000.0, 2000.0, 100.0, 40.0).is_ok());
    /// assert_eq!(AcquisitionData::new(5000.0, 3000.0, 2000.0, 100.0, 140.0).unwrap_err().field, "new_customers_paid");
    /// ```
    pub fn new(
        paid_spend: f64,
        other_marketing_spend: f64,
        sales_salaries: f64,
        new_customers: f64,
        new_customers_paid: f64,
    ) -> Result<Self, FieldError> {
        let new_customers = non_negative("new_customers", new_customers)?;
        let new_customers_paid = in_range("new_customers_paid", new_customers_paid, 0.0, new_customers, true, true)?;
        Ok(AcquisitionData {
            paid_spend: non_negative("paid_spend", paid_spend)?,
            other_marketing_spend: non_negative("other_marketing_spend", other_marketing_spend)?,
            sales_salaries: non_negative("sales_salaries", sales_salaries)?,
            new_customers,
            new_customers_paid,
        })
    }
}

/// Which customer acquisition cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacVariant {
    /// All sales & marketing spend, incl. sales salaries, over all new customers.
    BlendedWithSalaries,
    /// Marketing spend (paid + other), without sales salaries, over all new customers.
    BlendedWithoutSalaries,
    /// Paid-channel spend over customers from paid channels.
    PaidOnly,
}

/// A customer acquisition cost with its variant; `value` is `None` when no
/// customer was acquired (the denominator is 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cac {
    pub variant: CacVariant,
    pub spend: f64,
    pub customers: f64,
    pub value: Option<f64>,
}

/// Customer acquisition cost: `CAC = S / N`.
///
/// - [`CacVariant::BlendedWithSalaries`]: `S` = paid + other marketing + sales salaries, `N` = all new customers;
/// - [`CacVariant::BlendedWithoutSalaries`]: `S` = paid + other marketing, `N` = all new customers;
/// - [`CacVariant::PaidOnly`]: `S` = paid spend, `N` = customers from paid channels.
///
/// Units: money per customer. Source: `definitions.md` ("CAC"), tool docs, not authoritative.
///
/// ```
/// use callcalc_engine::{cac, AcquisitionData, CacVariant};
/// let d = AcquisitionData::new(5000.0, 3000.0, 2000.0, 100.0, 40.0).unwrap();
/// assert_eq!(cac(&d, CacVariant::BlendedWithSalaries).value, Some(100.0));
/// assert_eq!(cac(&d, CacVariant::BlendedWithoutSalaries).value, Some(80.0));
/// assert_eq!(cac(&d, CacVariant::PaidOnly).value, Some(125.0));
/// ```
pub fn cac(data: &AcquisitionData, variant: CacVariant) -> Cac {
    let (spend, customers) = match variant {
        CacVariant::BlendedWithSalaries => {
            (data.paid_spend + data.other_marketing_spend + data.sales_salaries, data.new_customers)
        }
        CacVariant::BlendedWithoutSalaries => (data.paid_spend + data.other_marketing_spend, data.new_customers),
        CacVariant::PaidOnly => (data.paid_spend, data.new_customers_paid),
    };
    let value = if customers > 0.0 { Some(spend / customers) } else { None };
    Cac { variant, spend, customers, value }
}

impl Cac {
    /// `None` when the CAC is undefined (no customers acquired).
    pub fn trace(&self) -> Option<Trace> {
        let variant = match self.variant {
            CacVariant::BlendedWithSalaries => {
                "blended: all sales & marketing spend incl. sales salaries / all new customers"
            }
            CacVariant::BlendedWithoutSalaries => "blended without sales salaries: marketing spend / all new customers",
            CacVariant::PaidOnly => "paid only: paid-channel spend / customers from paid channels",
        };
        self.value.map(|v| {
            Trace::new("finance.cac", "CAC = S / N", variant, SRC_CAC, v, "money/customer")
                .input("S", "acquisition spend", self.spend, "money")
                .input("N", "new customers", self.customers, "")
        })
    }
}

/// Which customer lifetime value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClvVariant {
    /// (a) Farris et al.: `m·r/(1 + d − r)`, infinite horizon, margin at the end of each period.
    FarrisEndOfPeriod,
    /// (b) margin also received at t = 0: `m(1 + d)/(1 + d − r)` (= (a) + m).
    MarginAtStart,
    /// (c) simple: average purchase value × purchase frequency × lifespan × margin.
    Simple,
    /// (d) finite horizon of `periods` periods, margin at the end of each period:
    /// `Σ_{t=1..T} m·r^t/(1 + d)^t`.
    FiniteHorizon { periods: u32 },
}

/// A customer lifetime value with its variant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clv {
    pub variant: ClvVariant,
    pub value: f64,
    /// `m` (money per period) for (a), (b), (d); margin fraction for (c).
    pub margin: f64,
    /// `r` for (a), (b), (d); purchase frequency per period for (c).
    pub retention_or_frequency: f64,
    /// `d` for (a), (b), (d); average purchase value for (c).
    pub discount_or_value: f64,
    /// Lifespan in periods for (c); horizon for (d); 0 for the infinite-horizon variants.
    pub horizon: f64,
}

/// Retention economics of one customer for the Farris-style CLV variants,
/// validated: margin `m ≥ 0` per period, retention `0 ≤ r ≤ 1`, discount
/// `d ≥ 0` per period, and `1 + d − r > 0` (so `r = 1` needs `d > 0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetentionEconomics {
    margin: f64,
    retention: f64,
    discount: f64,
}

impl RetentionEconomics {
    /// ```
    /// use callcalc_engine::RetentionEconomics;
    /// assert!(RetentionEconomics::new(100.0, 0.8, 0.1).is_ok());
    /// assert_eq!(RetentionEconomics::new(100.0, 1.0, 0.0).unwrap_err().field, "retention");
    /// ```
    pub fn new(margin_per_period: f64, retention: f64, discount_rate: f64) -> Result<Self, FieldError> {
        let margin = non_negative("margin_per_period", margin_per_period)?;
        let discount = in_range("discount_rate", discount_rate, 0.0, MAX_DISCOUNT_RATE, true, true)?;
        let retention = if discount > 0.0 {
            in_range("retention", retention, 0.0, 1.0, true, true)?
        } else {
            in_range("retention", retention, 0.0, 1.0, true, false)?
        };
        Ok(RetentionEconomics { margin, retention, discount })
    }

    fn clv(&self, variant: ClvVariant, value: f64, horizon: f64) -> Clv {
        Clv {
            variant,
            value,
            margin: self.margin,
            retention_or_frequency: self.retention,
            discount_or_value: self.discount,
            horizon,
        }
    }

    /// CLV variant (a), Farris et al., *Marketing Metrics*:
    /// `CLV = m · r / (1 + d − r)`.
    ///
    /// `m`: margin per period per customer (money); `r`: retention rate per
    /// period; `d`: discount rate per period. Infinite horizon; the first margin
    /// arrives at the end of period 1, if the customer is retained.
    ///
    /// ```
    /// use callcalc_engine::RetentionEconomics;
    /// // m = 100, r = 0.8, d = 0.1: 100·0.8/0.3 = 266.67.
    /// let c = RetentionEconomics::new(100.0, 0.8, 0.1).unwrap().farris();
    /// assert!((c.value - 266.666_666_666_666_7).abs() < 1e-9);
    /// ```
    pub fn farris(&self) -> Clv {
        let v = self.margin * self.retention / (1.0 + self.discount - self.retention);
        self.clv(ClvVariant::FarrisEndOfPeriod, v, 0.0)
    }

    /// CLV variant (b), margin received at t = 0 as well:
    /// `CLV = m (1 + d) / (1 + d − r)` = variant (a) + `m`.
    ///
    /// Derived (not read) from (a) by adding the undiscounted first margin;
    /// `definitions.md` ("CLV", b).
    ///
    /// ```
    /// use callcalc_engine::RetentionEconomics;
    /// let c = RetentionEconomics::new(100.0, 0.8, 0.1).unwrap().margin_at_start();
    /// assert!((c.value - 366.666_666_666_666_7).abs() < 1e-9);
    /// ```
    pub fn margin_at_start(&self) -> Clv {
        let v = self.margin * (1.0 + self.discount) / (1.0 + self.discount - self.retention);
        self.clv(ClvVariant::MarginAtStart, v, 0.0)
    }

    /// CLV variant (d), finite horizon of `T` periods, margin at the end of
    /// each period: `CLV = Σ_{t=1..T} m·q^t`, `q = r/(1 + d)`,
    /// i.e. `m·q(1 − q^T)/(1 − q)`; it tends to variant (a) as `T → ∞`.
    ///
    /// ```
    /// use callcalc_engine::RetentionEconomics;
    /// let e = RetentionEconomics::new(100.0, 0.8, 0.1).unwrap();
    /// // T = 2: 100·(0.8/1.1) + 100·(0.8/1.1)² = 125.62.
    /// assert!((e.finite_horizon(2).value - 125.619_834_710_743_8).abs() < 1e-9);
    /// assert!((e.finite_horizon(1000).value - e.farris().value).abs() < 1e-9);
    /// ```
    pub fn finite_horizon(&self, periods: u32) -> Clv {
        let q = self.retention / (1.0 + self.discount);
        // Summed term by term: exact for q = 1 and no cancellation near it.
        let mut term = 1.0;
        let mut sum = 0.0;
        for _ in 0..periods {
            term *= q;
            if term == 0.0 {
                break;
            }
            sum += term;
        }
        self.clv(ClvVariant::FiniteHorizon { periods }, self.margin * sum, periods as f64)
    }
}

/// CLV variant (c), simple: `CLV = V × F × L × g`.
///
/// `V`: average purchase value (money); `F`: purchases per period; `L`:
/// lifespan in periods; `g`: gross margin fraction (`1` for a revenue-based
/// CLV). Undiscounted. Source: `definitions.md` ("CLV", c), azcalculator.
///
/// ```
/// use callcalc_engine::clv_simple;
/// // 50 per purchase, 4 a year, 3 years, 30% margin: 180.
/// assert!((clv_simple(50.0, 4.0, 3.0, 0.3).unwrap().value - 180.0).abs() < 1e-12);
/// assert_eq!(clv_simple(50.0, 4.0, 3.0, 1.5).unwrap_err().field, "margin_fraction");
/// ```
pub fn clv_simple(
    average_purchase_value: f64,
    purchases_per_period: f64,
    lifespan_periods: f64,
    margin_fraction: f64,
) -> Result<Clv, FieldError> {
    let v = non_negative("average_purchase_value", average_purchase_value)?;
    let f = non_negative("purchases_per_period", purchases_per_period)?;
    let l = non_negative("lifespan_periods", lifespan_periods)?;
    let g = in_range("margin_fraction", margin_fraction, 0.0, 1.0, true, true)?;
    Ok(Clv {
        variant: ClvVariant::Simple,
        value: v * f * l * g,
        margin: g,
        retention_or_frequency: f,
        discount_or_value: v,
        horizon: l,
    })
}

impl Clv {
    pub fn trace(&self) -> Trace {
        match self.variant {
            ClvVariant::Simple => Trace::new(
                "finance.clv",
                "CLV = V × F × L × g",
                "(c) simple: value × frequency × lifespan × margin, undiscounted",
                SRC_CLV,
                self.value,
                "money",
            )
            .input("V", "average purchase value", self.discount_or_value, "money")
            .input("F", "purchases per period", self.retention_or_frequency, "")
            .input("L", "lifespan", self.horizon, "periods")
            .input("g", "margin fraction", self.margin, ""),
            v => {
                let (formula, label) = match v {
                    ClvVariant::FarrisEndOfPeriod => (
                        "CLV = m·r / (1 + d − r)",
                        "(a) Farris et al.: infinite horizon, margin at the end of each period",
                    ),
                    ClvVariant::MarginAtStart => {
                        ("CLV = m(1 + d) / (1 + d − r)", "(b) infinite horizon, first margin at t = 0 (derived)")
                    }
                    _ => ("CLV = Σ_{t=1..T} m·r^t / (1 + d)^t", "(d) finite horizon, margin at the end of each period"),
                };
                let mut t = Trace::new("finance.clv", formula, label, SRC_CLV, self.value, "money")
                    .input("m", "margin per period", self.margin, "money")
                    .input("r", "retention rate per period", self.retention_or_frequency, "")
                    .input("d", "discount rate per period", self.discount_or_value, "");
                if let ClvVariant::FiniteHorizon { periods } = v {
                    t = t.input("T", "horizon", periods as f64, "periods");
                }
                t
            }
        }
    }
}

/// Retention cost per retained customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetentionCost {
    pub spend: f64,
    pub customers_retained: f64,
    /// `None` when no customer was retained.
    pub value: Option<f64>,
}

/// Retention cost per retained customer: `RC = S / R`.
///
/// `S`: retention spend in the period (money: offers, retention team, …);
/// `R`: customers retained (customers at the start of the period still
/// active at its end). No authoritative formula was found (`definitions.md`,
/// "Retention cost"); this is the plain average.
///
/// ```
/// use callcalc_engine::retention_cost_per_retained;
/// assert_eq!(retention_cost_per_retained(9000.0, 450.0).unwrap().value, Some(20.0));
/// assert_eq!(retention_cost_per_retained(9000.0, 0.0).unwrap().value, None);
/// ```
pub fn retention_cost_per_retained(spend: f64, customers_retained: f64) -> Result<RetentionCost, FieldError> {
    let spend = non_negative("retention_spend", spend)?;
    let r = non_negative("customers_retained", customers_retained)?;
    Ok(RetentionCost { spend, customers_retained: r, value: if r > 0.0 { Some(spend / r) } else { None } })
}

impl RetentionCost {
    /// `None` when undefined (no customer retained).
    pub fn trace(&self) -> Option<Trace> {
        self.value.map(|v| {
            Trace::new(
                "finance.retention_cost",
                "RC = S / R",
                "retention spend per retained customer",
                SRC_RETENTION,
                v,
                "money/customer",
            )
            .input("S", "retention spend", self.spend, "money")
            .input("R", "customers retained", self.customers_retained, "")
        })
    }
}

//! Long-term staffing: monthly FTE requirement against the FTE the centre
//! will have (headcount after attrition, hires after their lead time and
//! training) → how many people to hire each month.

use crate::error::{in_range, non_negative, FieldError, Problem};

/// Most months in a hiring plan.
pub const MAX_PLAN_MONTHS: usize = 120;

/// Inputs of a hiring plan, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct HiringInput {
    /// Productive FTE required in each month (≥ 0), month 0 = the first plan month.
    pub required_fte: Vec<f64>,
    /// Productive agents (FTE) at the start of month 0.
    pub headcount: f64,
    /// Share of agents leaving per month, in [0, 1).
    pub monthly_attrition: f64,
    /// Months from the decision to hire (now) to the first month a hire can start, 0..=24.
    pub lead_time_months: u32,
    /// Months a new hire spends in training (paid, not productive), 0..=24.
    pub training_months: u32,
}

impl HiringInput {
    /// ```
    /// use callcalc_engine::HiringInput;
    /// assert!(HiringInput::new(vec![10.0; 3], 10.0, 0.02, 1, 1).is_ok());
    /// assert_eq!(HiringInput::new(vec![10.0], 10.0, 1.0, 1, 1).unwrap_err().field, "monthly_attrition");
    /// assert_eq!(HiringInput::new(vec![], 10.0, 0.0, 1, 1).unwrap_err().field, "required_fte");
    /// ```
    pub fn new(
        required_fte: Vec<f64>,
        headcount: f64,
        monthly_attrition: f64,
        lead_time_months: u32,
        training_months: u32,
    ) -> Result<Self, FieldError> {
        if required_fte.is_empty() {
            return Err(FieldError::new("required_fte", 0, Problem::NotPositive));
        }
        if required_fte.len() > MAX_PLAN_MONTHS {
            return Err(FieldError::new(
                "required_fte",
                required_fte.len(),
                Problem::TooLarge { max: MAX_PLAN_MONTHS as f64 },
            ));
        }
        for &r in &required_fte {
            non_negative("required_fte", r)?;
        }
        Ok(HiringInput {
            required_fte,
            headcount: non_negative("headcount", headcount)?,
            monthly_attrition: in_range("monthly_attrition", monthly_attrition, 0.0, 1.0, true, false)?,
            lead_time_months: in_range("lead_time_months", f64::from(lead_time_months), 0.0, 24.0, true, true)? as u32,
            training_months: in_range("training_months", f64::from(training_months), 0.0, 24.0, true, true)? as u32,
        })
    }
}

/// One month of a hiring plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HiringMonth {
    /// Month index from 0.
    pub month: usize,
    pub required_fte: f64,
    /// People starting this month (whole people).
    pub hires: u32,
    /// Agents leaving during the month, `a · H_{m−1}` (expected, fractional).
    pub leavers: f64,
    /// Headcount at the end of the month, trainees included.
    pub headcount: f64,
    /// Of the headcount, still in training.
    pub in_training: f64,
    /// Productive FTE available: `headcount − in_training`.
    pub available_fte: f64,
    /// `max(0, required − available)`: FTE short (months before the first
    /// hire can be productive, or none hired yet).
    pub shortfall: f64,
}

/// A hiring plan.
#[derive(Debug, Clone, PartialEq)]
pub struct HiringPlan {
    pub months: Vec<HiringMonth>,
    pub total_hires: u32,
    /// Months where available FTE stays below the requirement.
    pub short_months: Vec<usize>,
}

/// Hires per month so that productive FTE covers the requirement in every
/// month it can.
///
/// Model (monthly, expected values): `a` monthly attrition, `L` lead time,
/// `τ` training months, `h_m` people starting in month `m` (only `m ≥ L`):
///
/// - headcount `H_m = H_{m−1}·(1 − a) + h_m`, `H_{−1}` = current headcount;
///   trainees leave at the same rate;
/// - in training `T_m = Σ_{m−τ < j ≤ m} h_j (1 − a)^{m−j}`;
/// - available productive FTE `P_m = H_m − T_m`.
///
/// A hire starting in month `m` is productive from month `m + τ`. Month by
/// month (`m = L, L+1, …`), `h_m` is the smallest whole number with
/// `P_{m+τ} ≥ R_{m+τ}` given the hires already chosen and none later —
/// hiring no earlier than needed, since earlier hires cost pay and are lost to
/// attrition. Months before `L + τ` cannot be helped and are reported short.
/// (Workforce-planning recursion as in Koole, *Call Center Optimization*,
/// MG books 2013, ch. 12 "Long-term planning".)
///
/// ```
/// use callcalc_engine::{hiring_plan, HiringInput};
/// // 100 agents, 2 % leave a month, requirement flat at 100: from month 1
/// // (lead time 1, no training) hire back the leavers.
/// let p = hiring_plan(&HiringInput::new(vec![100.0; 4], 100.0, 0.02, 1, 0).unwrap());
/// assert_eq!(p.months[0].hires, 0);
/// assert!((p.months[0].available_fte - 98.0).abs() < 1e-9);
/// assert_eq!(p.short_months, vec![0]);
/// assert_eq!(p.months[1].hires, 4); // 98 · 0.98 = 96.04, short 3.96 → 4 people
/// assert!(p.months[1].available_fte >= 100.0);
/// ```
pub fn hiring_plan(input: &HiringInput) -> HiringPlan {
    let n = input.required_fte.len();
    let a = input.monthly_attrition;
    let keep = 1.0 - a;
    let tau = input.training_months as usize;
    let mut hires = vec![0u32; n];
    // P_m given the hires so far.
    let simulate = |hires: &[u32]| -> Vec<(f64, f64, f64)> {
        let mut h = input.headcount;
        let mut out = Vec::with_capacity(n);
        for m in 0..n {
            let leavers = h * a;
            h = h * keep + f64::from(hires[m]);
            let lo = (m + 1).saturating_sub(tau);
            let training: f64 =
                if tau == 0 { 0.0 } else { (lo..=m).map(|j| f64::from(hires[j]) * keep.powi((m - j) as i32)).sum() };
            out.push((h, training, leavers));
        }
        out
    };
    for m in (input.lead_time_months as usize)..n {
        let target = m + tau;
        if target >= n {
            break;
        }
        let state = simulate(&hires);
        let (h, t, _) = state[target];
        let short = input.required_fte[target] - (h - t);
        if short > 1e-9 {
            // A hire at m is worth (1 − a)^τ productive FTE at m + τ.
            let worth = keep.powi(tau as i32);
            hires[m] = (short / worth - 1e-9).ceil().max(0.0) as u32;
        }
    }
    let state = simulate(&hires);
    let months: Vec<HiringMonth> = (0..n)
        .map(|m| {
            let (h, t, l) = state[m];
            let available = h - t;
            HiringMonth {
                month: m,
                required_fte: input.required_fte[m],
                hires: hires[m],
                leavers: l,
                headcount: h,
                in_training: t,
                available_fte: available,
                shortfall: (input.required_fte[m] - available).max(0.0),
            }
        })
        .collect();
    let short_months = months.iter().filter(|m| m.shortfall > 1e-9).map(|m| m.month).collect();
    HiringPlan { total_hires: hires.iter().sum(), months, short_months }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_attrition_and_enough_staff_hires_nobody() {
        let p = hiring_plan(&HiringInput::new(vec![50.0; 12], 60.0, 0.0, 2, 1).unwrap());
        assert_eq!(p.total_hires, 0);
        assert!(p.short_months.is_empty());
        assert!(p.months.iter().all(|m| (m.available_fte - 60.0).abs() < 1e-12));
    }

    #[test]
    fn growth_is_hired_lead_time_plus_training_ahead() {
        // Requirement steps from 10 to 20 in month 5; lead 1, training 2.
        let mut req = vec![10.0; 5];
        req.extend([20.0; 5]);
        let p = hiring_plan(&HiringInput::new(req, 10.0, 0.0, 1, 2).unwrap());
        assert_eq!(p.months[3].hires, 10, "{p:?}");
        assert_eq!(p.total_hires, 10);
        assert!((p.months[3].in_training - 10.0).abs() < 1e-12);
        assert!((p.months[4].available_fte - 10.0).abs() < 1e-12);
        assert!((p.months[5].available_fte - 20.0).abs() < 1e-12);
        assert!(p.short_months.is_empty());
    }

    #[test]
    fn months_before_the_first_productive_hire_are_short() {
        let p = hiring_plan(&HiringInput::new(vec![30.0; 6], 20.0, 0.0, 2, 1).unwrap());
        assert_eq!(p.short_months, vec![0, 1, 2]);
        assert_eq!(p.months[2].hires, 10);
        assert!((p.months[3].available_fte - 30.0).abs() < 1e-12);
    }

    #[test]
    fn attrition_is_replaced_and_every_reachable_month_is_covered() {
        let req: Vec<f64> = (0..24).map(|m| 80.0 + 2.0 * m as f64).collect();
        let input = HiringInput::new(req, 85.0, 0.03, 1, 1).unwrap();
        let p = hiring_plan(&input);
        for m in &p.months[2..] {
            assert!(m.available_fte >= m.required_fte - 1e-9, "{m:?}");
            // Minimal: one hire fewer in the month that feeds m would leave it short.
            let feeder = m.month - 1;
            if p.months[feeder].hires > 0 {
                assert!(m.available_fte - 0.97 < m.required_fte + 1e-9, "{m:?}");
            }
        }
        assert!(p.total_hires > 0);
    }
}

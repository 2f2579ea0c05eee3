//! Quality monitoring: how many contacts to review, and which ones.

use std::collections::BTreeSet;

use super::stats::quantile;
use crate::error::{in_range, positive, FieldError, Problem};
use crate::import::demo::Rng;
use crate::trace::Trace;

const SRC: &str = "Cochran, Sampling Techniques, 3rd ed. (1977), §4.4 (n₀ = z²·p(1−p)/e², n = n₀/(1 + (n₀−1)/N)) and §2.5 (n₀ = (z·σ/e)²)";

/// The largest population or sample the engine plans for.
pub const MAX_SAMPLE_POPULATION: u64 = 1_000_000_000;
/// The largest sample a plan lists contact by contact.
pub const MAX_SAMPLE_LIST: u64 = 10_000_000;

/// What a sample size estimates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SampleTarget {
    /// A proportion (defect rate) with the planning value `p`.
    Proportion { p: f64 },
    /// A mean score with the planning standard deviation `sigma`.
    Mean { sigma: f64 },
}

/// A quality-monitoring sample size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleSize {
    pub target: SampleTarget,
    /// Two-sided confidence level, e.g. 0.95.
    pub confidence: f64,
    /// `z = Φ⁻¹(1 − (1 − confidence)/2)`.
    pub z: f64,
    /// Margin of error `e` (a fraction for proportions, score units for means).
    pub margin: f64,
    /// Unrounded size for an infinite population, `n₀`.
    pub n0: f64,
    /// Population size `N`, when the finite-population correction applies.
    pub population: Option<u64>,
    /// Unrounded corrected size `n₀ / (1 + (n₀ − 1)/N)`, when `N` is given.
    pub n_corrected: Option<f64>,
    /// Contacts to review: the applicable size rounded up (never more than `N`).
    pub n: u64,
}

fn z_of(confidence: f64) -> Result<(f64, f64), FieldError> {
    let c = in_range("confidence", confidence, 0.0, 1.0, false, false)?;
    Ok((c, quantile(1.0 - (1.0 - c) / 2.0)))
}

fn population_of(population: Option<u64>) -> Result<Option<u64>, FieldError> {
    match population {
        Some(0) => Err(FieldError::new("population", 0, Problem::NotPositive)),
        Some(n) if n > MAX_SAMPLE_POPULATION => {
            Err(FieldError::new("population", n, Problem::TooLarge { max: MAX_SAMPLE_POPULATION as f64 }))
        }
        other => Ok(other),
    }
}

fn too_small_margin(margin: f64, min: f64, max: f64) -> FieldError {
    FieldError::new("margin", margin, Problem::OutOfRange { min, max, min_inclusive: true, max_inclusive: false })
}

/// Rounds up, ignoring floating-point noise in the last few units.
fn ceil_count(x: f64) -> u64 {
    let guarded = x - x.abs() * 1e-12;
    if guarded <= 0.0 {
        0
    } else {
        guarded.ceil() as u64
    }
}

fn finish(target: SampleTarget, confidence: f64, z: f64, margin: f64, n0: f64, population: Option<u64>) -> SampleSize {
    let n_corrected = population.map(|big_n| n0 / (1.0 + (n0 - 1.0) / big_n as f64));
    let size = n_corrected.unwrap_or(n0);
    let mut n = ceil_count(size).max(1);
    if let Some(big_n) = population {
        n = n.min(big_n);
    }
    SampleSize { target, confidence, z, margin, n0, population, n_corrected, n }
}

/// Sample size to estimate a proportion (defect rate) within `±e`.
///
/// `n₀ = z² · p(1 − p) / e²`; with a population of `N` contacts,
/// `n = n₀ / (1 + (n₀ − 1)/N)`; the result is rounded up.
///
/// - `z`: two-sided normal quantile of the confidence level (1.95996 for
///   95 %, 2.57583 for 99 %); `p`: planning defect rate (0.5 is the
///   conservative maximum); `e`: margin of error as a fraction; `N`: contacts
///   in the period.
/// - Variant: normal approximation (Wald), finite-population correction
///   applied to the unrounded `n₀`.
/// - Source: Cochran, *Sampling Techniques* (1977), eq. 4.2 and §4.4.
///
/// ```
/// use callcalc_engine::sample_size_proportion;
/// assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, None).unwrap().n, 385);
/// assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(1000)).unwrap().n, 278);
/// assert_eq!(sample_size_proportion(0.99, 0.5, 0.05, None).unwrap().n, 664);
/// assert_eq!(sample_size_proportion(0.95, 0.5, 0.0, None).unwrap_err().field, "margin");
/// ```
pub fn sample_size_proportion(
    confidence: f64,
    p: f64,
    margin: f64,
    population: Option<u64>,
) -> Result<SampleSize, FieldError> {
    let (confidence, z) = z_of(confidence)?;
    let p = in_range("p", p, 0.0, 1.0, false, false)?;
    let margin = in_range("margin", margin, 0.0, 1.0, false, false)?;
    let population = population_of(population)?;
    let n0 = z * z * p * (1.0 - p) / (margin * margin);
    if !n0.is_finite() || n0 > MAX_SAMPLE_POPULATION as f64 {
        // the margin is so small that the sample would exceed any population
        let min = z * (p * (1.0 - p) / MAX_SAMPLE_POPULATION as f64).sqrt();
        return Err(too_small_margin(margin, min, 1.0));
    }
    Ok(finish(SampleTarget::Proportion { p }, confidence, z, margin, n0, population))
}

/// Sample size to estimate a mean quality score within `±e` score points.
///
/// `n₀ = (z · σ / e)²`, then the same finite-population correction as for a
/// proportion, rounded up.
///
/// - `σ`: planning standard deviation of the score (from a pilot or past
///   evaluations), score points; `e`: margin in score points; `z`, `N` as in
///   [`sample_size_proportion`].
/// - Variant: normal approximation with a known σ.
/// - Source: Cochran, *Sampling Techniques* (1977), §2.5 (eq. 2.23).
///
/// ```
/// use callcalc_engine::sample_size_mean;
/// // 95 %, σ = 10 points, ±2 points: (1.96·10/2)² = 96.04 → 97
/// assert_eq!(sample_size_mean(0.95, 10.0, 2.0, None).unwrap().n, 97);
/// ```
pub fn sample_size_mean(
    confidence: f64,
    std_dev: f64,
    margin: f64,
    population: Option<u64>,
) -> Result<SampleSize, FieldError> {
    let (confidence, z) = z_of(confidence)?;
    let sigma = positive("std_dev", std_dev)?;
    let margin = positive("margin", margin)?;
    let population = population_of(population)?;
    let n0 = (z * sigma / margin).powi(2);
    if !n0.is_finite() || n0 > MAX_SAMPLE_POPULATION as f64 {
        let min = z * sigma / (MAX_SAMPLE_POPULATION as f64).sqrt();
        return Err(too_small_margin(margin, min, f64::MAX));
    }
    Ok(finish(SampleTarget::Mean { sigma }, confidence, z, margin, n0, population))
}

impl SampleSize {
    pub fn trace(&self) -> Trace {
        let (formula, variant, spread) = match self.target {
            SampleTarget::Proportion { p } => (
                "n₀ = z²·p(1−p)/e²; n = n₀/(1 + (n₀−1)/N)",
                "proportion, normal approximation, finite-population correction",
                ("p", "planning defect rate", p),
            ),
            SampleTarget::Mean { sigma } => (
                "n₀ = (z·σ/e)²; n = n₀/(1 + (n₀−1)/N)",
                "mean score, known σ, finite-population correction",
                ("σ", "standard deviation of the score", sigma),
            ),
        };
        let mut t = Trace::new("quality.sample_size", formula, variant, SRC, self.n as f64, "contacts")
            .input("z", "normal quantile of the confidence level", self.z, "")
            .input(spread.0, spread.1, spread.2, "")
            .input("e", "margin of error", self.margin, "")
            .input("n₀", "size for an infinite population", self.n0, "contacts");
        if let Some(n) = self.population {
            t = t.input("N", "contacts in the period", n as f64, "contacts");
        }
        t
    }
}

/// A systematic review plan: every `k`-th contact from a random start.
#[derive(Debug, Clone, PartialEq)]
pub struct SystematicPlan {
    pub population: u64,
    pub n: u64,
    /// Interval `k = ⌊N / n⌋`.
    pub k: u64,
    /// 0-based index of the first reviewed contact, uniform in `0..k`.
    pub start: u64,
    /// 0-based indices reviewed: `start + i·k`, `i = 0 … n−1`.
    pub indices: Vec<u64>,
}

fn check_sample(population: u64, n: u64) -> Result<(), FieldError> {
    if population == 0 {
        return Err(FieldError::new("population", 0, Problem::NotPositive));
    }
    if population > MAX_SAMPLE_POPULATION {
        return Err(FieldError::new("population", population, Problem::TooLarge { max: MAX_SAMPLE_POPULATION as f64 }));
    }
    if n == 0 {
        return Err(FieldError::new("n", 0, Problem::NotPositive));
    }
    if n > population || n > MAX_SAMPLE_LIST {
        return Err(FieldError::new("n", n, Problem::TooLarge { max: population.min(MAX_SAMPLE_LIST) as f64 }));
    }
    Ok(())
}

/// "Every k-th contact" plan: `k = ⌊N / n⌋`, a seeded random start in
/// `0..k`, then every `k`-th contact in time order.
///
/// - `N`: contacts in the period; `n`: sample size (e.g. from
///   [`sample_size_proportion`]).
/// - Variant: 1-in-k systematic sampling with a random start; the last
///   `N − n·k` contacts can never be picked (at most `k − 1` of them).
/// - Source: Cochran, *Sampling Techniques* (1977), §8.1.
///
/// ```
/// use callcalc_engine::systematic_plan;
/// let plan = systematic_plan(1000, 278, 7).unwrap();
/// assert_eq!(plan.k, 3);
/// assert_eq!(plan.indices.len(), 278);
/// assert!(plan.start < 3 && plan.indices[1] - plan.indices[0] == 3);
/// ```
pub fn systematic_plan(population: u64, n: u64, seed: u64) -> Result<SystematicPlan, FieldError> {
    check_sample(population, n)?;
    let k = population / n;
    let start = Rng::new(seed).below(k);
    let indices = (0..n).map(|i| start + i * k).collect();
    Ok(SystematicPlan { population, n, k, start, indices })
}

/// A seeded simple random sample of `n` distinct contacts out of `N`, as
/// sorted 0-based indices (Floyd's algorithm: `n` draws, no `N`-sized array).
///
/// Source: Bentley & Floyd, "A sample of brilliance", CACM 30(9), 1987.
///
/// ```
/// use callcalc_engine::random_review_sample;
/// let s = random_review_sample(1000, 5, 42).unwrap();
/// assert_eq!(s.len(), 5);
/// assert!(s.windows(2).all(|w| w[0] < w[1]) && s[4] < 1000);
/// assert_eq!(s, random_review_sample(1000, 5, 42).unwrap());
/// ```
pub fn random_review_sample(population: u64, n: u64, seed: u64) -> Result<Vec<u64>, FieldError> {
    check_sample(population, n)?;
    let mut rng = Rng::new(seed);
    let mut chosen = BTreeSet::new();
    for j in (population - n)..population {
        let t = rng.below(j + 1);
        if !chosen.insert(t) {
            chosen.insert(j);
        }
    }
    Ok(chosen.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_values() {
        let s = sample_size_proportion(0.95, 0.5, 0.05, None).unwrap();
        assert!((s.n0 - 384.146).abs() < 1e-3);
        assert_eq!(sample_size_proportion(0.90, 0.5, 0.05, None).unwrap().n, 271);
        assert_eq!(sample_size_proportion(0.95, 0.1, 0.03, None).unwrap().n, 385);
        assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(100)).unwrap().n, 80);
        assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(10)).unwrap().n, 10);
        assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(1)).unwrap().n, 1);
        let t = s.trace();
        assert_eq!(t.id, "quality.sample_size");
        assert_eq!(t.result, 385.0);
    }

    #[test]
    fn rejects_bad_inputs() {
        assert_eq!(sample_size_proportion(1.0, 0.5, 0.05, None).unwrap_err().field, "confidence");
        assert_eq!(sample_size_proportion(0.95, 0.0, 0.05, None).unwrap_err().field, "p");
        assert_eq!(sample_size_proportion(0.95, 0.5, 0.05, Some(0)).unwrap_err().field, "population");
        assert_eq!(sample_size_proportion(0.95, 0.5, 1e-300, None).unwrap_err().field, "margin");
        assert_eq!(sample_size_mean(0.95, 0.0, 1.0, None).unwrap_err().field, "std_dev");
        assert_eq!(sample_size_mean(0.95, 1e6, 1e-6, None).unwrap_err().field, "margin");
        assert_eq!(systematic_plan(10, 11, 1).unwrap_err().field, "n");
        assert_eq!(random_review_sample(0, 1, 1).unwrap_err().field, "population");
    }

    #[test]
    fn random_sample_covers_whole_population_when_n_equals_n() {
        let s = random_review_sample(50, 50, 3).unwrap();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
        let plan = systematic_plan(50, 50, 3).unwrap();
        assert_eq!((plan.k, plan.start), (1, 0));
    }
}

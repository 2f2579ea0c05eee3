//! Robust and exact statistics used by the operator detectors: median and
//! scaled MAD, the exact binomial upper tail in log space, the normal tail
//! and quantile, and the Benjamini–Hochberg step-up adjustment.

use statrs::distribution::{Binomial, DiscreteCDF};
use statrs::function::erf::erfc;

use crate::error::{in_range, FieldError};

/// Consistency constant that turns the median absolute deviation into an
/// estimate of the standard deviation of normal data: `1 / Φ⁻¹(3/4) ≈ 1.4826`.
pub const MAD_SCALE: f64 = 1.4826;

/// Consistency constant for the mean absolute deviation (`√(π/2) ≈ 1.2533`),
/// used as the fallback scale when more than half of the peers share one value
/// (MAD = 0), as IBM SPSS and Iglewicz & Hoaglin recommend.
pub const MEAN_AD_SCALE: f64 = 1.253_314;

/// Median of the finite values; `None` when there are none.
///
/// `med = x₍₍ₙ₊₁₎/₂₎` for odd `n`, the mean of the two middle order statistics
/// for even `n`. Source: any statistics text (e.g. NIST/SEMATECH e-Handbook
/// §1.3.5.1).
///
/// ```
/// use callcalc_engine::median;
/// assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
/// assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
/// assert_eq!(median(&[]), None);
/// ```
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    sorted_median(&mut v)
}

fn sorted_median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

/// How the spread of a peer group was estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    /// `1.4826 · MAD`.
    Mad,
    /// `1.2533 · mean absolute deviation from the median` (MAD was 0).
    MeanAbsoluteDeviation,
    /// Every peer has the same value: no spread, no z-score.
    None,
}

/// Robust location and scale of a peer group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeerSpread {
    /// Number of finite peer values.
    pub n: usize,
    pub median: f64,
    /// Median absolute deviation from the median, unscaled.
    pub mad: f64,
    /// Standard-deviation-equivalent scale used for z-scores (see [`ScaleKind`]).
    pub scale: f64,
    pub scale_kind: ScaleKind,
}

impl PeerSpread {
    /// Median and MAD of the finite values; `None` when there are none.
    ///
    /// `MAD = med(|xᵢ − med(x)|)`, `σ̂ = 1.4826 · MAD` (Rousseeuw & Croux 1993,
    /// "Alternatives to the median absolute deviation", JASA 88:1273). When MAD
    /// is 0 the scale falls back to `1.2533 · mean|xᵢ − med(x)|`.
    ///
    /// ```
    /// use callcalc_engine::PeerSpread;
    /// let s = PeerSpread::of(&[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap();
    /// assert_eq!(s.median, 3.0);
    /// assert_eq!(s.mad, 1.0);
    /// assert!((s.scale - 1.4826).abs() < 1e-12);
    /// ```
    pub fn of(values: &[f64]) -> Option<PeerSpread> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        let n = v.len();
        let med = sorted_median(&mut v)?;
        let mut dev: Vec<f64> = v.iter().map(|x| (x - med).abs()).collect();
        let mean_ad = dev.iter().sum::<f64>() / n as f64;
        let mad = sorted_median(&mut dev).unwrap_or(0.0);
        let (scale, scale_kind) = if mad > 0.0 {
            (MAD_SCALE * mad, ScaleKind::Mad)
        } else if mean_ad > 0.0 {
            (MEAN_AD_SCALE * mean_ad, ScaleKind::MeanAbsoluteDeviation)
        } else {
            (0.0, ScaleKind::None)
        };
        Some(PeerSpread { n, median: med, mad, scale, scale_kind })
    }

    /// Robust z-score `z = (x − med) / (1.4826 · MAD)` (the "modified z-score"
    /// of Iglewicz & Hoaglin 1993, "How to Detect and Handle Outliers", ASQC,
    /// written with the 1.4826 scale instead of the equivalent 0.6745 factor).
    /// `None` when the peers have no spread or `x` is not finite.
    ///
    /// ```
    /// use callcalc_engine::PeerSpread;
    /// let s = PeerSpread::of(&[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap();
    /// assert!((s.z(6.0).unwrap() - 3.0 / 1.4826).abs() < 1e-12);
    /// assert_eq!(PeerSpread::of(&[5.0, 5.0]).unwrap().z(6.0), None);
    /// ```
    pub fn z(&self, x: f64) -> Option<f64> {
        if self.scale > 0.0 && x.is_finite() {
            Some((x - self.median) / self.scale)
        } else {
            None
        }
    }
}

/// Exact upper tail, infallible form for validated `p` in `[0, 1]`:
/// `P(X ≥ k) = P(X > k − 1)`, statrs' binomial survival function (the
/// regularised incomplete beta `I_p(k, n − k + 1)`).
pub(crate) fn upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    match Binomial::new(p, n) {
        Ok(b) => b.sf(k - 1).clamp(0.0, 1.0),
        Err(_) => 1.0,
    }
}

/// One-sided exact binomial test: `P(X ≥ k)` for `X ~ Binomial(n, p)`.
///
/// `P(X ≥ k) = Σᵢ₌ₖⁿ C(n, i) pⁱ (1 − p)ⁿ⁻ⁱ = I_p(k, n − k + 1)`, the
/// regularised incomplete beta function, computed by statrs (`Binomial::sf`):
/// no sum of terms, so it neither overflows for `n` in the millions nor loses
/// tiny p-values (1e-200 is still resolved).
///
/// - `k`: observed count (short contacts, transfers); `n`: contacts; `p`: the
///   expected share under the null (the pooled peer share).
/// - Variant: one-sided, "greater" (the operator has *more* than peers).
/// - Source: the exact binomial test (Clopper & Pearson 1934; R `binom.test`
///   with `alternative = "greater"`).
///
/// ```
/// use callcalc_engine::binomial_upper_tail;
/// // P(X ≥ 8), n = 10, p = 1/2: (45 + 10 + 1) / 1024
/// assert!((binomial_upper_tail(8, 10, 0.5).unwrap() - 56.0 / 1024.0).abs() < 1e-14);
/// assert_eq!(binomial_upper_tail(0, 10, 0.3).unwrap(), 1.0);
/// assert_eq!(binomial_upper_tail(3, 10, 1.5).unwrap_err().field, "p");
/// ```
pub fn binomial_upper_tail(k: u64, n: u64, p: f64) -> Result<f64, FieldError> {
    let p = in_range("p", p, 0.0, 1.0, true, true)?;
    Ok(upper_tail(k, n, p))
}

/// Upper tail of the standard normal, `Q(z) = 1 − Φ(z) = erfc(z/√2)/2`: the
/// one-sided p-value of a z-score (statrs' `erfc`, accurate to about 1e-15
/// relative in the tail). `NaN` gives 1 (no evidence).
///
/// ```
/// use callcalc_engine::normal_upper_tail;
/// assert!((normal_upper_tail(1.959_963_985) - 0.025).abs() < 1e-10);
/// assert!((normal_upper_tail(5.0) / 2.866_515_718_791_946e-7 - 1.0).abs() < 1e-9);
/// assert_eq!(normal_upper_tail(0.0), 0.5);
/// ```
pub fn normal_upper_tail(z: f64) -> f64 {
    if z.is_nan() {
        return 1.0;
    }
    0.5 * erfc(z / core::f64::consts::SQRT_2)
}

/// Inverse of the standard normal CDF, `z = Φ⁻¹(p)`, for `0 < p < 1`.
///
/// `Φ⁻¹(p) = −√2 · erfc⁻¹(2p)`, by statrs (`Normal::inverse_cdf`, from the
/// inverse error function of Boost's rational approximations).
///
/// ```
/// use callcalc_engine::normal_quantile;
/// assert!((normal_quantile(0.975).unwrap() - 1.959_963_984_540).abs() < 1e-11);
/// assert!((normal_quantile(0.995).unwrap() - 2.575_829_303_549).abs() < 1e-11);
/// assert_eq!(normal_quantile(1.0).unwrap_err().field, "p");
/// ```
pub fn normal_quantile(p: f64) -> Result<f64, FieldError> {
    let p = in_range("p", p, 0.0, 1.0, false, false)?;
    Ok(quantile(p))
}

/// `Φ⁻¹(p)` for a validated `0 < p < 1`.
pub(crate) fn quantile(p: f64) -> f64 {
    -core::f64::consts::SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
}

/// Benjamini–Hochberg adjusted p-values ("q-values"), in the input order.
///
/// Sort the `m` p-values ascending, `p₍₁₎ ≤ … ≤ p₍ₘ₎`; then
/// `q₍ᵢ₎ = min_{j ≥ i} min(1, m · p₍ⱼ₎ / j)`. Rejecting every hypothesis with
/// `q ≤ α` controls the false discovery rate at `α` for independent or
/// positively dependent tests. Non-finite p-values count as 1.
///
/// - Variant: the step-up procedure (not Bonferroni, not Benjamini–Yekutieli).
/// - Source: Benjamini & Hochberg (1995), "Controlling the false discovery
///   rate", JRSS B 57:289; R `p.adjust(method = "BH")`.
///
/// ```
/// use callcalc_engine::benjamini_hochberg;
/// let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005]);
/// let want = [0.02, 0.04, 0.04, 0.02];
/// for (a, b) in q.iter().zip(want) { assert!((a - b).abs() < 1e-15); }
/// ```
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let clean: Vec<f64> = p_values.iter().map(|&p| if p.is_finite() { p.clamp(0.0, 1.0) } else { 1.0 }).collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| clean[a].total_cmp(&clean[b]));
    let mut q = vec![1.0; m];
    let mut running = 1.0_f64;
    for (rank0, &idx) in order.iter().enumerate().rev() {
        let adj = (clean[idx] * m as f64 / (rank0 + 1) as f64).min(1.0);
        running = running.min(adj);
        q[idx] = running;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Σᵢ₌ₖⁿ C(n, i) pⁱ qⁿ⁻ⁱ` term by term, each from `ln Γ`: an independent route.
    fn exact_tail(k: u64, n: u64, p: f64) -> f64 {
        use statrs::function::gamma::ln_gamma;
        let ln_pmf = |i: u64| {
            let (i, n) = (i as f64, n as f64);
            ln_gamma(n + 1.0) - ln_gamma(i + 1.0) - ln_gamma(n - i + 1.0) + i * p.ln() + (n - i) * (1.0 - p).ln()
        };
        (k..=n).map(|i| ln_pmf(i).exp()).sum()
    }

    #[test]
    fn tail_matches_published_values() {
        // R: pbinom(7, 10, 0.5, lower.tail = FALSE) = 0.0546875 (= 56/1024)
        assert!((upper_tail(8, 10, 0.5) - 0.054_687_5).abs() < 1e-14);
        // R: pbinom(4, 20, 0.1, lower.tail = FALSE) = 0.043174495284...
        assert!((upper_tail(5, 20, 0.1) - 0.043_174_495_284).abs() < 1e-12);
    }

    #[test]
    fn tail_matches_direct_sum_both_branches() {
        for &(n, p) in &[(20u64, 0.1), (50, 0.5), (200, 0.03), (37, 0.9)] {
            for k in 0..=n {
                let a = upper_tail(k, n, p);
                let b = exact_tail(k, n, p).min(1.0);
                assert!((a - b).abs() < 1e-12 + 1e-9 * b, "n={n} p={p} k={k}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn tail_resolves_tiny_values_and_large_n() {
        // P(X ≥ 100 | n = 100, p = 0.01) = 1e-200
        let t = upper_tail(100, 100, 0.01);
        assert!((t.log10() + 200.0).abs() < 1e-9, "{t}");
        // ln P(X ≥ 51 500 | n = 10⁶, p = 0.05) = −26.31555377 (log-sum-exp of lgamma terms)
        let big = upper_tail(51_500, 1_000_000, 0.05);
        assert!((big.ln() + 26.315_553_77).abs() < 1e-6, "{big}");
        // e^−996.8 is below the smallest f64: zero (or a subnormal), never garbage
        assert!(upper_tail(60_000, 1_000_000, 0.05) < 1e-300);
        assert!((upper_tail(50_000, 1_000_000, 0.05) - 0.5).abs() < 0.01);
    }

    #[test]
    fn quantile_and_tail_are_inverse() {
        for &p in &[1e-10, 0.001, 0.02, 0.1, 0.3, 0.5, 0.8, 0.975, 0.999] {
            let z = quantile(p);
            let back = if p < 0.5 { normal_upper_tail(-z) } else { 1.0 - normal_upper_tail(z) };
            assert!((back - p).abs() < 1e-9 * p, "p={p} z={z} back={back}");
        }
    }

    #[test]
    fn bh_monotone_and_capped() {
        let q = benjamini_hochberg(&[0.9, 0.8, f64::NAN, 0.0]);
        assert_eq!(q[2], 1.0);
        assert_eq!(q[3], 0.0);
        assert!(q.iter().all(|&x| (0.0..=1.0).contains(&x)));
        assert!(benjamini_hochberg(&[]).is_empty());
    }
}

/// Counts of values in bins, for distributions drawn next to each other.
///
/// Bin `i` holds the values `x` with `lower[i] < x ≤ lower[i + 1]`
/// (right-closed, so a wait of exactly the service-level threshold `T` falls
/// in the bin that ends at `T`); the first bin also holds everything
/// `≤ lower[1]`, the last everything above its lower edge. Non-finite values
/// are ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Lower edge of each bin.
    pub lower: Vec<f64>,
    pub counts: Vec<u64>,
    /// Values counted.
    pub n: u64,
}

impl Histogram {
    /// `bins` bins of `width` from 0 (the last one open-ended).
    ///
    /// ```
    /// use callcalc_engine::Histogram;
    /// let h = Histogram::of(&[0.0, 10.0, 10.5, 19.0, 95.0, f64::NAN], 10.0, 3);
    /// assert_eq!(h.lower, vec![0.0, 10.0, 20.0]);
    /// assert_eq!(h.counts, vec![2, 2, 1]); // (·,10] (10,20] (20,·)
    /// assert_eq!(h.share(0), 0.4);
    /// ```
    pub fn of(values: &[f64], width: f64, bins: usize) -> Histogram {
        let width = if width.is_finite() && width > 0.0 { width } else { 1.0 };
        Histogram::with_lower(values, (0..bins.max(1)).map(|i| i as f64 * width).collect())
    }

    /// Bins of `width` with `anchor` on an edge (the first bin from 0 to the
    /// first edge may be narrower), `bins` in all.
    ///
    /// ```
    /// use callcalc_engine::Histogram;
    /// let h = Histogram::aligned(&[2.0, 15.0, 17.0, 20.0, 21.0, 60.0], 5.0, 18.0, 5);
    /// assert_eq!(h.lower, vec![0.0, 3.0, 8.0, 13.0, 18.0]);
    /// assert_eq!(h.counts, vec![1, 0, 0, 2, 3]);
    /// let h = Histogram::aligned(&[15.0, 20.0], 5.0, 20.0, 5);
    /// assert_eq!(h.lower, vec![0.0, 5.0, 10.0, 15.0, 20.0]);
    /// assert_eq!(h.counts, vec![0, 0, 1, 1, 0]); // 20 falls in (15, 20]
    /// ```
    pub fn aligned(values: &[f64], width: f64, anchor: f64, bins: usize) -> Histogram {
        let width = if width.is_finite() && width > 0.0 { width } else { 1.0 };
        let first = if anchor.is_finite() { anchor.rem_euclid(width) } else { 0.0 };
        let mut lower = vec![0.0];
        let mut e = if first > 1e-9 { first } else { width };
        while lower.len() < bins.max(1) {
            lower.push(e);
            e += width;
        }
        Histogram::with_lower(values, lower)
    }

    fn with_lower(values: &[f64], lower: Vec<f64>) -> Histogram {
        let mut counts = vec![0u64; lower.len()];
        let mut n = 0;
        for &x in values.iter().filter(|x| x.is_finite()) {
            let i = lower[1..].partition_point(|&e| e < x);
            counts[i] += 1;
            n += 1;
        }
        Histogram { lower, counts, n }
    }

    /// Share of the values in bin `i` (0 when there are none).
    pub fn share(&self, i: usize) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.counts.get(i).copied().unwrap_or(0) as f64 / self.n as f64
        }
    }
}

/// The smallest "nice" width `1, 2 or 5 × 10ᵏ` at least `x` (1 for
/// non-positive or non-finite `x`).
///
/// ```
/// use callcalc_engine::nice_bin_width;
/// assert_eq!(nice_bin_width(37.0), 50.0);
/// assert_eq!(nice_bin_width(0.13), 0.2);
/// assert_eq!(nice_bin_width(100.0), 100.0);
/// ```
pub fn nice_bin_width(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * p).find(|w| *w >= x * (1.0 - 1e-12)).unwrap_or(10.0 * p)
}

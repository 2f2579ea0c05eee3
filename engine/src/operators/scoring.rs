//! Quality scores of reviewed contacts: a mean with a Student-t confidence
//! interval.

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::error::{in_range, FieldError, Problem};
use crate::trace::Trace;

/// Two-sided quantile of Student's t: the `t` with `P(|T| ≤ t) = confidence`
/// for `df` degrees of freedom (e.g. 12.706 for 95 %, ν = 1; 2.228 for
/// ν = 10).
///
/// - Method: the quantile `t_{(1+c)/2, ν}` of statrs' `StudentsT`
///   (inverse of the regularised incomplete beta function); published values
///   from any t table (e.g. Abramowitz & Stegun 1964, table 26.10).
///
/// ```
/// use callcalc_engine::student_t_two_sided;
/// assert!((student_t_two_sided(0.95, 1).unwrap() - 12.706_204_736).abs() < 1e-6);
/// assert!((student_t_two_sided(0.95, 10).unwrap() - 2.228_138_852).abs() < 1e-8);
/// assert_eq!(student_t_two_sided(0.95, 0).unwrap_err().field, "df");
/// ```
pub fn student_t_two_sided(confidence: f64, df: u32) -> Result<f64, FieldError> {
    let c = in_range("confidence", confidence, 0.0, 1.0, false, false)?;
    if df == 0 {
        return Err(FieldError::new("df", 0, Problem::NotPositive));
    }
    Ok(t_two_sided(c, f64::from(df)))
}

/// The two-sided Student-t quantile for a validated `0 < c < 1` and `ν > 0`;
/// infinite if statrs refuses `ν` (it cannot for `ν > 0`).
pub(crate) fn t_two_sided(c: f64, df: f64) -> f64 {
    match StudentsT::new(0.0, 1.0, df) {
        Ok(t) => t.inverse_cdf(0.5 + c / 2.0),
        Err(_) => f64::INFINITY,
    }
}

/// Mean of scores with a two-sided Student-t confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreSummary {
    pub n: u64,
    pub mean: f64,
    /// Sample standard deviation (`n − 1` in the denominator); `None` for `n = 1`.
    pub sd: Option<f64>,
    pub confidence: f64,
    /// `t(confidence; n − 1)`; `None` for `n = 1`.
    pub t: Option<f64>,
    /// `t · s / √n`; `None` for `n = 1`.
    pub half_width: Option<f64>,
}

/// Mean score and its confidence interval `x̄ ± t(c; n−1) · s/√n`.
///
/// - `x̄`: mean of the scores; `s`: sample standard deviation; `n`: scores.
/// - Variant: Student t interval (normal scores, unknown σ); undefined for one score.
/// - Source: Student (1908); any statistics textbook, e.g. Montgomery &
///   Runger, *Applied Statistics and Probability for Engineers*, §8.2.
///
/// `None` for no scores; scores must be finite.
///
/// ```
/// use callcalc_engine::score_summary;
/// let s = score_summary(&[4.0, 5.0, 3.0, 4.0], 0.95).unwrap().unwrap();
/// assert_eq!(s.mean, 4.0);
/// // s = √(2/3) = 0.8165, t(0.95; 3) = 3.1824: ± 1.2992
/// assert!((s.half_width.unwrap() - 1.299_2).abs() < 1e-4);
/// ```
pub fn score_summary(scores: &[f64], confidence: f64) -> Result<Option<ScoreSummary>, FieldError> {
    let confidence = in_range("confidence", confidence, 0.0, 1.0, false, false)?;
    if let Some(x) = scores.iter().find(|x| !x.is_finite()) {
        return Err(FieldError::new("score", *x, Problem::NotFinite));
    }
    if scores.is_empty() {
        return Ok(None);
    }
    let n = scores.len();
    let mean = scores.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return Ok(Some(ScoreSummary { n: 1, mean, sd: None, confidence, t: None, half_width: None }));
    }
    let sd = (scores.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    let t = student_t_two_sided(confidence, (n - 1) as u32)?;
    Ok(Some(ScoreSummary {
        n: n as u64,
        mean,
        sd: Some(sd),
        confidence,
        t: Some(t),
        half_width: Some(t * sd / (n as f64).sqrt()),
    }))
}

impl ScoreSummary {
    pub fn trace(&self) -> Trace {
        let mut t = Trace::new(
            "quality.score_ci",
            "x̄ ± t(c; n−1)·s/√n",
            "Student t interval, unknown σ",
            "Student (1908); Montgomery & Runger, Applied Statistics and Probability for Engineers, §8.2; t quantile: Abramowitz & Stegun 26.7.3–4",
            self.half_width.unwrap_or(f64::NAN),
            "points",
        )
        .input("x̄", "mean score", self.mean, "points")
        .input("n", "evaluations", self.n as f64, "");
        if let (Some(sd), Some(tq)) = (self.sd, self.t) {
            t = t.input("s", "sample standard deviation", sd, "points").input("t", "Student t quantile", tq, "");
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_table_values() {
        // two-sided 95 % and 99 % critical values (any t table)
        for (df, t95, t99) in [
            (1, 12.706_205, 63.656_741),
            (2, 4.302_653, 9.924_843),
            (3, 3.182_446, 5.840_909),
            (5, 2.570_582, 4.032_143),
            (10, 2.228_139, 3.169_273),
            (30, 2.042_272, 2.749_996),
            (120, 1.979_930, 2.617_421),
        ] {
            assert!((student_t_two_sided(0.95, df).unwrap() - t95).abs() < 1e-5, "df {df}");
            assert!((student_t_two_sided(0.99, df).unwrap() - t99).abs() < 1e-5, "df {df}");
        }
        // large ν tends to the normal quantile
        assert!((student_t_two_sided(0.95, 100_000).unwrap() - 1.959_964).abs() < 1e-4);
    }

    #[test]
    fn summaries() {
        assert_eq!(score_summary(&[], 0.95).unwrap(), None);
        let one = score_summary(&[3.0], 0.95).unwrap().unwrap();
        assert_eq!((one.mean, one.half_width), (3.0, None));
        assert_eq!(score_summary(&[f64::NAN], 0.95).unwrap_err().field, "score");
        assert_eq!(score_summary(&[1.0], 1.0).unwrap_err().field, "confidence");
        let s = score_summary(&[2.0, 4.0], 0.95).unwrap().unwrap();
        // s = √2, t(0.95; 1) = 12.7062: ± 12.7062
        assert!((s.half_width.unwrap() - 12.706_204_736).abs() < 1e-6);
        assert_eq!(s.trace().id, "quality.score_ci");
    }
}

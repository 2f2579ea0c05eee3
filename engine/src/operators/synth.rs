//! A seeded synthetic contact centre with planted gamers, to measure the
//! precision and recall of the operator detectors.
//!
//! Model (per operator, honest): talk lognormal with an operator mean of
//! 240 s × lognormal(cv 0.15); a hold on 25 % ± 4 % of contacts, lognormal
//! 45 s × lognormal(cv 0.15); ACW lognormal with an operator mean of
//! 30 s × lognormal(cv 0.12); 2–4 % short contacts (talk 1–8 s); 6–10 %
//! transfers; 8-hour days, 3 of them in peak intervals; not-ready 8 % ± 2 %
//! of peak time and 12 % ± 3 % off peak, with day-to-day noise; contacts
//! per day Poisson with mean (available time × 0.85 occupancy) / AHT.
//!
//! Planted gamers (each one pattern, operators chosen at random):
//! ShortCalls 12–20 % short contacts; ExcessiveAcw ACW mean × 2–3;
//! HoldAbuse a hold on 55–70 % of contacts, mean 110–150 s; NotReadyInPeaks
//! 25–35 % not-ready in peaks; TransferAvoidance 22–32 % transfers;
//! AnsweredNearSl 12–20 % of contacts answered with a wait in the last 5 s
//! before the service-level threshold ([`SYNTH_SL_THRESHOLD_S`]);
//! RepeatCallers 22–32 % of contacts followed by a repeat contact of the
//! same caller (honest operators 6–10 %).
//!
//! Wait at answer (drawn from a second seeded stream, so the other numbers
//! do not depend on it): the same for every honest operator of the queue —
//! 45 % answered at once (0–3 s), the rest exponential with a mean of 30 s
//! (≈ 5 % of answers then fall in `[15 s, 20 s]`).

use super::{ContactRecord, OperatorTime, Pattern, MAX_CONTACT_PART_S};
use crate::error::{FieldError, Problem};
use crate::import::demo::Rng;
use crate::import::Channel;

/// Service-level threshold the synthetic near-threshold gamers aim at, seconds.
pub const SYNTH_SL_THRESHOLD_S: f64 = 20.0;

/// Peak part of an 8-hour day, seconds.
const PEAK_S: f64 = 3.0 * 3600.0;
/// Off-peak part of an 8-hour day, seconds.
const OFF_PEAK_S: f64 = 5.0 * 3600.0;

/// Size and seed of a synthetic centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticCentre {
    seed: u64,
    operators: u32,
    days: u32,
    gamers_per_pattern: u32,
}

/// One planted gamer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantedGamer {
    pub operator: String,
    pub pattern: Pattern,
}

/// Generated records, time rows and the planted truth.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticOperators {
    /// Operator ids `op001 …`, in order.
    pub operators: Vec<String>,
    pub records: Vec<ContactRecord>,
    /// One row per operator and working day.
    pub times: Vec<OperatorTime>,
    pub planted: Vec<PlantedGamer>,
}

impl SyntheticOperators {
    /// Operators planted with `pattern`.
    pub fn planted_for(&self, pattern: Pattern) -> Vec<&str> {
        self.planted.iter().filter(|g| g.pattern == pattern).map(|g| g.operator.as_str()).collect()
    }
}

struct Profile {
    talk_mean: f64,
    hold_prob: f64,
    hold_mean: f64,
    acw_mean: f64,
    short_prob: f64,
    transfer_prob: f64,
    nr_peak: f64,
    nr_off: f64,
    near_sl_prob: f64,
    repeat_prob: f64,
}

impl SyntheticCentre {
    /// `operators` in `10..=1000`, `days` in `1..=31`, and the gamers of all
    /// patterns at most half of the operators (each gamer games one pattern,
    /// so for every pattern the peers stay mostly honest).
    ///
    /// ```
    /// use callcalc_engine::{Pattern, SyntheticCentre};
    /// let c = SyntheticCentre::new(1, 20, 2, 1).unwrap().generate();
    /// assert_eq!(c.operators.len(), 20);
    /// assert_eq!(c.planted_for(Pattern::HoldAbuse).len(), 1);
    /// assert_eq!(SyntheticCentre::new(1, 20, 2, 2).unwrap_err().field, "gamers_per_pattern");
    /// ```
    pub fn new(seed: u64, operators: u32, days: u32, gamers_per_pattern: u32) -> Result<Self, FieldError> {
        let range = |field, x: u32, min: u32, max: u32| {
            if (min..=max).contains(&x) {
                Ok(x)
            } else {
                Err(FieldError::new(
                    field,
                    x,
                    Problem::OutOfRange { min: min as f64, max: max as f64, min_inclusive: true, max_inclusive: true },
                ))
            }
        };
        let operators = range("operators", operators, 10, 1000)?;
        let days = range("days", days, 1, 31)?;
        let gamers_per_pattern =
            range("gamers_per_pattern", gamers_per_pattern, 0, operators / (2 * Pattern::ALL.len() as u32))?;
        Ok(SyntheticCentre { seed, operators, days, gamers_per_pattern })
    }

    /// Generates the centre; the same seed gives the same data everywhere.
    pub fn generate(&self) -> SyntheticOperators {
        let mut rng = Rng::new(self.seed);
        let mut wr = Rng::new(self.seed ^ 0x5EED_5A17);
        let n = self.operators as usize;
        let operators: Vec<String> = (1..=n).map(|i| format!("op{i:03}")).collect();

        // Choose the gamers: a seeded shuffle, the first 5·g get a pattern each.
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        let mut pattern_of: Vec<Option<Pattern>> = vec![None; n];
        let g = self.gamers_per_pattern as usize;
        for (slot, &idx) in order.iter().take(Pattern::ALL.len() * g).enumerate() {
            pattern_of[idx] = Some(Pattern::ALL[slot / g.max(1)]);
        }

        let mut records = Vec::new();
        let mut times = Vec::new();
        let mut planted = Vec::new();
        for (i, id) in operators.iter().enumerate() {
            let mut p = Profile {
                talk_mean: 240.0 * rng.lognormal(1.0, 0.15),
                hold_prob: (0.25 + 0.04 * rng.normal()).clamp(0.05, 0.6),
                hold_mean: 45.0 * rng.lognormal(1.0, 0.15),
                acw_mean: 30.0 * rng.lognormal(1.0, 0.12),
                short_prob: 0.02 + 0.02 * rng.uniform(),
                transfer_prob: 0.06 + 0.04 * rng.uniform(),
                nr_peak: (0.08 + 0.02 * rng.normal()).clamp(0.01, 0.5),
                nr_off: (0.12 + 0.03 * rng.normal()).clamp(0.01, 0.5),
                near_sl_prob: 0.0,
                repeat_prob: 0.06 + 0.04 * wr.uniform(),
            };
            if let Some(pattern) = pattern_of[i] {
                let late = matches!(pattern, Pattern::AnsweredNearSl | Pattern::RepeatCallers);
                let u = if late { wr.uniform() } else { rng.uniform() };
                match pattern {
                    Pattern::ShortCalls => p.short_prob = 0.12 + 0.08 * u,
                    Pattern::ExcessiveAcw => p.acw_mean *= 2.0 + u,
                    Pattern::HoldAbuse => {
                        p.hold_prob = 0.55 + 0.15 * u;
                        p.hold_mean = 110.0 + 40.0 * rng.uniform();
                    }
                    Pattern::NotReadyInPeaks => p.nr_peak = 0.25 + 0.10 * u,
                    Pattern::TransferAvoidance => p.transfer_prob = 0.22 + 0.10 * u,
                    Pattern::AnsweredNearSl => p.near_sl_prob = 0.12 + 0.08 * u,
                    Pattern::RepeatCallers => p.repeat_prob = 0.22 + 0.10 * u,
                }
                planted.push(PlantedGamer { operator: id.clone(), pattern });
            }
            let aht = p.talk_mean + p.hold_prob * p.hold_mean + p.acw_mean;
            for _ in 0..self.days {
                let logged_peak = PEAK_S;
                let logged_off = OFF_PEAK_S;
                let nr_peak = (logged_peak * p.nr_peak * rng.lognormal(1.0, 0.3)).min(logged_peak);
                let nr_off = (logged_off * p.nr_off * rng.lognormal(1.0, 0.3)).min(logged_off);
                let (avail_peak, avail_off) = (logged_peak - nr_peak, logged_off - nr_off);
                let contacts = rng.poisson((avail_peak + avail_off) * 0.85 / aht);
                let peak_share = avail_peak / (avail_peak + avail_off).max(1.0);
                if let Ok(t) = OperatorTime::new(id, logged_peak, logged_off, nr_peak, nr_off) {
                    times.push(t);
                }
                for _ in 0..contacts {
                    let peak = rng.uniform() < peak_share;
                    let (talk, hold, acw, transferred) = if rng.uniform() < p.short_prob {
                        (1.0 + 7.0 * rng.uniform(), 0.0, 5.0 * rng.uniform(), false)
                    } else {
                        let transferred = rng.uniform() < p.transfer_prob;
                        let talk = rng.lognormal(p.talk_mean, 0.6) * if transferred { 0.4 } else { 1.0 };
                        let hold = if rng.uniform() < p.hold_prob { rng.lognormal(p.hold_mean, 0.8) } else { 0.0 };
                        let acw = rng.lognormal(p.acw_mean, 0.5);
                        // a genuine contact talks for at least the short threshold's worth
                        (talk.max(10.0), hold, acw, transferred)
                    };
                    let wait = if wr.uniform() < p.near_sl_prob {
                        SYNTH_SL_THRESHOLD_S - 5.0 * wr.uniform()
                    } else if wr.uniform() < 0.45 {
                        3.0 * wr.uniform()
                    } else {
                        wr.exponential(30.0)
                    };
                    let repeat = wr.uniform() < p.repeat_prob;
                    let cap = |x: f64| x.min(MAX_CONTACT_PART_S);
                    if let Ok(r) =
                        ContactRecord::new(id, Channel::Phone, cap(talk), cap(hold), cap(acw), transferred, peak)
                            .and_then(|r| r.with_wait(cap(wait)))
                            .map(|r| r.with_repeat(repeat))
                    {
                        records.push(r);
                    }
                }
            }
        }
        SyntheticOperators { operators, records, times, planted }
    }
}

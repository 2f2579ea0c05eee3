//! Offered load: calls per interval and average handle time → traffic in Erlangs.

use crate::error::{non_negative, positive, FieldError, Problem};
use crate::trace::Trace;

/// Largest traffic the engine accepts, in Erlangs. The Erlang recurrences are
/// linear in the number of agents, so this bounds one solve to a few milliseconds.
pub const MAX_TRAFFIC_ERLANGS: f64 = 2_000_000.0;

/// Offered traffic in Erlangs, validated: finite, `0 ≤ A ≤` [`MAX_TRAFFIC_ERLANGS`].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Traffic(f64);

impl Traffic {
    /// ```
    /// use callcalc_engine::Traffic;
    /// assert_eq!(Traffic::new(12.5).unwrap().erlangs(), 12.5);
    /// assert!(Traffic::new(-1.0).is_err());
    /// ```
    pub fn new(erlangs: f64) -> Result<Self, FieldError> {
        let a = non_negative("traffic_erlangs", erlangs)?;
        if a > MAX_TRAFFIC_ERLANGS {
            return Err(FieldError::new("traffic_erlangs", a, Problem::TooLarge { max: MAX_TRAFFIC_ERLANGS }));
        }
        Ok(Traffic(a))
    }

    pub fn erlangs(self) -> f64 {
        self.0
    }
}

/// The load of one interval: arrivals, interval length and average handle time.
///
/// Symbols: λ = calls / interval_s (calls per second), AHT in seconds
/// (talk + hold + after-call work), A = λ·AHT in Erlangs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    calls: f64,
    interval_s: f64,
    aht_s: f64,
    traffic: Traffic,
}

impl Load {
    /// Validates once: `calls ≥ 0`, `interval_s > 0`, `aht_s > 0`, and the
    /// resulting traffic within [`MAX_TRAFFIC_ERLANGS`]. Calls need not be whole
    /// (forecasts are fractional).
    ///
    /// ```
    /// use callcalc_engine::Load;
    /// let load = Load::new(100.0, 1800.0, 180.0).unwrap();
    /// assert!((load.traffic().erlangs() - 10.0).abs() < 1e-12);
    /// let err = Load::new(100.0, 1800.0, 0.0).unwrap_err();
    /// assert_eq!(err.field, "aht_s");
    /// ```
    pub fn new(calls: f64, interval_s: f64, aht_s: f64) -> Result<Self, FieldError> {
        let calls = non_negative("calls", calls)?;
        let interval_s = positive("interval_s", interval_s)?;
        let aht_s = positive("aht_s", aht_s)?;
        let traffic = Traffic::new(traffic_erlangs(calls, interval_s, aht_s))?;
        Ok(Load { calls, interval_s, aht_s, traffic })
    }

    pub fn calls(&self) -> f64 {
        self.calls
    }
    pub fn interval_s(&self) -> f64 {
        self.interval_s
    }
    pub fn aht_s(&self) -> f64 {
        self.aht_s
    }
    /// Arrival rate λ in calls per second.
    pub fn arrival_rate_per_s(&self) -> f64 {
        self.calls / self.interval_s
    }
    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// How the traffic was computed.
    pub fn trace(&self) -> Trace {
        Trace::new(
            "traffic",
            "A = calls × AHT / interval",
            "offered traffic (Erlangs)",
            "A. K. Erlang (1917); Gans, Koole & Mandelbaum, Telephone call centers: tutorial, review and research prospects, MSOM 5(2) 2003, §4.1",
            self.traffic.0,
            "Erl",
        )
        .input("calls", "calls offered in the interval", self.calls, "")
        .input("AHT", "average handle time (talk + hold + after-call work)", self.aht_s, "s")
        .input("interval", "interval length", self.interval_s, "s")
    }
}

/// Offered traffic in Erlangs: `A = calls · AHT / interval`.
///
/// - `calls`: arrivals in the interval; `aht_s`: average handle time, seconds;
///   `interval_s`: interval length, seconds. Result: Erlangs (mean number of
///   busy agents if every call were served at once).
/// - Variant: offered (not carried) traffic.
/// - Source: Gans, Koole & Mandelbaum (2003), MSOM 5(2), §4.1; `definitions.md` ("Traffic A").
///
/// ```
/// use callcalc_engine::traffic_erlangs;
/// // 100 calls in 30 minutes at 3 minutes each = 10 Erlangs.
/// assert_eq!(traffic_erlangs(100.0, 1800.0, 180.0), 10.0);
/// ```
pub fn traffic_erlangs(calls: f64, interval_s: f64, aht_s: f64) -> f64 {
    calls * aht_s / interval_s
}

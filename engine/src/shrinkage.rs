//! Shrinkage and full-time equivalents: net agents on the phones → gross staff paid.

use crate::error::{in_range, non_negative, FieldError};
use crate::trace::Trace;

const SRC: &str = "OdeToErlang FORMULAS.md (Total FTE = Required Agents / (1 − Shrinkage)); pyworkforce (positions = ceil(raw / (1 − shrinkage))); Amazon Connect capacity planning";

/// Shrinkage `s`: the fraction of paid time agents are not available for
/// contacts (breaks, training, meetings, absence). Validated `0 ≤ s < 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shrinkage(f64);

/// Gross staffing after shrinkage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrossFte {
    /// Net agents needed on the phones (input).
    pub net_agents: f64,
    pub shrinkage: f64,
    /// `net / (1 − s)`, unrounded.
    pub fte: f64,
    /// `fte` rounded up to whole people.
    pub fte_rounded: u64,
    /// The common mistake `net × (1 + s)`, shown to auditors for comparison.
    pub wrong_variant_net_times_1_plus_s: f64,
}

impl Shrinkage {
    /// ```
    /// use callcalc_engine::Shrinkage;
    /// assert!(Shrinkage::new(0.3).is_ok());
    /// assert_eq!(Shrinkage::new(1.0).unwrap_err().field, "shrinkage");
    /// ```
    pub fn new(fraction: f64) -> Result<Self, FieldError> {
        Ok(Shrinkage(in_range("shrinkage", fraction, 0.0, 1.0, true, false)?))
    }

    pub fn fraction(self) -> f64 {
        self.0
    }

    /// [`Shrinkage::gross`] for a whole, non-negative head count, which cannot be rejected.
    pub fn gross_of_count(self, net_agents: u32) -> GrossFte {
        self.compute(net_agents as f64)
    }

    fn compute(self, net: f64) -> GrossFte {
        let fte = net / (1.0 - self.0);
        GrossFte {
            net_agents: net,
            shrinkage: self.0,
            fte,
            fte_rounded: ceil_people(fte),
            wrong_variant_net_times_1_plus_s: net * (1.0 + self.0),
        }
    }

    /// Gross FTE needed to have `net_agents` on the phones:
    ///
    /// `FTE = N_net / (1 − s)`, rounded up for whole people.
    ///
    /// - `N_net`: net agents (from the Erlang model); `s`: shrinkage fraction.
    /// - Variant: divide by the available share. `N_net × (1 + s)` is a different,
    ///   wrong number (14 × 1.3 = 18.2, not 20) and is reported beside it.
    /// - Source: OdeToErlang FORMULAS.md; pyworkforce; `definitions.md` ("Shrinkage").
    ///
    /// ```
    /// use callcalc_engine::Shrinkage;
    /// let g = Shrinkage::new(0.30).unwrap().gross(14.0).unwrap();
    /// assert!((g.fte - 20.0).abs() < 1e-12);
    /// assert_eq!(g.fte_rounded, 20); // not 21, although 14/0.7 is 20.000000000000004 in f64
    /// assert!((g.wrong_variant_net_times_1_plus_s - 18.2).abs() < 1e-12);
    /// ```
    pub fn gross(self, net_agents: f64) -> Result<GrossFte, FieldError> {
        Ok(self.compute(non_negative("net_agents", net_agents)?))
    }
}

/// Rounds a head count up, ignoring the last few units of floating-point noise
/// (so `14 / 0.7 = 20.000000000000004` is 20 people, not 21).
pub fn ceil_people(x: f64) -> u64 {
    let guarded = x - x.abs() * 1e-12;
    if guarded <= 0.0 {
        0
    } else {
        guarded.ceil() as u64
    }
}

impl GrossFte {
    pub fn trace(&self) -> Trace {
        Trace::new(
            "fte.gross",
            "FTE = N_net / (1 − s)",
            "divide by the available share (not N × (1 + s))",
            SRC,
            self.fte,
            "FTE",
        )
        .input("N_net", "net agents on the phones", self.net_agents, "")
        .input("s", "shrinkage", self.shrinkage, "")
    }
}

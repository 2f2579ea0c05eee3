//! Traces: how a number was computed, for the app's "how is this computed"
//! panels, the audit trail and the CLI. A trace is data, never HTML.

/// One named input substituted into a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceInput {
    /// Symbol as it appears in the formula (`"A"`, `"N"`, `"AHT"`).
    pub symbol: &'static str,
    /// Meaning of the symbol, in English (the app has its own translations).
    pub meaning: &'static str,
    pub value: f64,
    /// Unit (`"s"`, `"Erlang"`, `""` for pure numbers).
    pub unit: &'static str,
}

/// How one result was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// Stable identifier of the formula (`"erlang_c.service_level"`), used by the
    /// app as a translation key.
    pub id: &'static str,
    /// The formula in symbols, plain text (`"SL = 1 − C·e^(−(N−A)·T/AHT)"`).
    pub formula: &'static str,
    /// Which definition variant this is (`"Erlang C, all calls incl. zero waits"`).
    pub variant: &'static str,
    /// Where the formula was read from.
    pub source: &'static str,
    pub inputs: Vec<TraceInput>,
    pub result: f64,
    pub result_unit: &'static str,
}

impl Trace {
    pub(crate) fn new(
        id: &'static str,
        formula: &'static str,
        variant: &'static str,
        source: &'static str,
        result: f64,
        result_unit: &'static str,
    ) -> Self {
        Trace { id, formula, variant, source, inputs: Vec::new(), result, result_unit }
    }

    pub(crate) fn input(mut self, symbol: &'static str, meaning: &'static str, value: f64, unit: &'static str) -> Self {
        self.inputs.push(TraceInput { symbol, meaning, value, unit });
        self
    }
}

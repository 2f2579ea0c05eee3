//! # callcalc-engine
//!
//! Contact-centre queueing, staffing and KPI formulas. Pure computation: no I/O,
//! no DOM, no storage, no clock; builds for `wasm32-unknown-unknown` and native.
//!
//! Conventions:
//! - times are seconds, probabilities and shares are fractions in `[0, 1]`,
//!   traffic is in Erlangs;
//! - inputs are validated once, in constructors, which return
//!   `Result<_, FieldError>` naming the field; methods then cannot fail;
//! - results are typed structs; a queue that cannot reach a steady state is
//!   an explicit variant ([`Queue::Unstable`]), never a negative wait;
//! - every formula documents its symbols, units, variant and source, and can
//!   produce a [`Trace`] of how a number was computed.

mod erlang;
mod error;
mod load;
mod parse;
mod shrinkage;
mod staffing;
mod trace;

pub use erlang::{
    average_speed_of_answer, erlang_b, erlang_c, lines_for_blocking, occupancy, service_level_one_minus, BlockingSeq,
    ErlangC, Metric, Overload, Queue, QueueKpis,
};
pub use error::{FieldError, Problem};
pub use load::{traffic_erlangs, Load, Traffic, MAX_TRAFFIC_ERLANGS};
pub use parse::{parse_decimal, parse_duration_s, parse_percent};
pub use shrinkage::{ceil_people, GrossFte, Shrinkage};
pub use staffing::{required_agents, required_agents_many, Binding, Staffing, Targets};
pub use trace::{Trace, TraceInput};

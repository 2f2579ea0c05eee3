//! The Asterisk CDR: `Master.csv` written by `cdr_csv` (no header row) and
//! the FreePBX/Issabel `cdr` table exported with its header, read as
//! call-detail records.
//!
//! `Master.csv` columns (Asterisk `cdr_csv.c`): accountcode, src, dst,
//! dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer,
//! end, duration, billsec, disposition, amaflags[, uniqueid, userfield].
//! The FreePBX table: calldate, clid, src, dst, dcontext, channel,
//! dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags,
//! accountcode, uniqueid, userfield, …
//!
//! # Definitions
//! - one CDR line = one contact offered, in the interval of `start`
//!   (`calldate`), the server's local time as written;
//! - `disposition` ANSWERED → answered (by anything: the CDR `answer` is
//!   often the IVR's, [`SourceNote::AnswerMayBeIvr`](super::SourceNote));
//!   BUSY, FAILED, CONGESTION → blocked (never connected); NO ANSWER → offered,
//!   not answered;
//! - talk = `billsec` (answer → end); no hold, no after-call work;
//! - no time in queue: ASA, service level, abandonment in the queue and
//!   patience are left unknown (`None`), never 0
//!   ([`SourceNote::NoQueueWait`](super::SourceNote)).

use crate::error::Problem;
use crate::import::aggregate::{AggregateOptions, CdrAggregator, IntervalStats};
use crate::import::cells::parse_count;
use crate::import::columns::{header_key, normalize_label, ColumnMap, Layout, ReportKind};
use crate::import::csv::{Delimiter, Record};
use crate::import::datetime::parse_datetime_cell;
use crate::import::rows::{CdrRow, CellError, Channel, Outcome};
use crate::import::ReasonCount;

/// `Master.csv` column names (cdr_csv order).
pub const MASTER_COLUMNS: [&str; 18] = [
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "uniqueid",
    "userfield",
];

const DISPOSITIONS: [&str; 5] = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"];

fn is_datetime(s: &str) -> bool {
    parse_datetime_cell(s).ok().and_then(|c| c.timestamp()).is_some()
}

/// Whether a headerless record is a `Master.csv` line: 16–18 cells, `start`
/// a date and time, `duration` and `billsec` whole numbers, a known
/// `disposition`.
pub fn is_master_line(cells: &[String]) -> bool {
    (16..=18).contains(&cells.len())
        && is_datetime(&cells[9])
        && parse_count(&cells[12]).is_ok()
        && parse_count(&cells[13]).is_ok()
        && DISPOSITIONS.contains(&cells[14].trim())
}

/// The layout of a `Master.csv` file of `width` columns.
pub fn master_layout(delimiter: Delimiter, width: usize) -> Layout {
    let columns: Vec<String> = MASTER_COLUMNS.iter().take(width.clamp(16, 18)).map(|s| s.to_string()).collect();
    Layout {
        delimiter,
        header_rows: Vec::new(),
        key: header_key(&columns),
        columns,
        map: ColumnMap::new(ReportKind::Cdr),
        values: Default::default(),
    }
}

/// Whether header labels are the FreePBX `cdr` table's: `calldate`,
/// `billsec` and `disposition` among them.
pub fn is_freepbx_header(cells: &[String]) -> bool {
    let n: Vec<String> = cells.iter().map(|c| normalize_label(c).0).collect();
    ["calldate", "billsec", "disposition"].iter().all(|k| n.iter().any(|c| c == k))
}

/// Reads CDR lines by column name.
#[derive(Debug, Clone)]
pub struct AsteriskCdrReader {
    agg: CdrAggregator,
    start: usize,
    billsec: usize,
    disposition: usize,
    src: Option<usize>,
    uniqueid: Option<usize>,
}

impl AsteriskCdrReader {
    /// `columns`: the layout's labels (Master.csv names or the table's).
    pub fn new(opts: AggregateOptions, columns: &[String]) -> Self {
        let find = |names: &[&str]| columns.iter().position(|c| names.contains(&normalize_label(c).0.as_str()));
        AsteriskCdrReader {
            agg: CdrAggregator::new(opts),
            start: find(&["start", "calldate"]).unwrap_or(9),
            billsec: find(&["billsec"]).unwrap_or(13),
            disposition: find(&["disposition"]).unwrap_or(14),
            src: find(&["src"]),
            uniqueid: find(&["uniqueid"]),
        }
    }

    /// Reads one CDR line.
    pub fn record(&mut self, rec: &Record<'_>) -> Result<(), CellError> {
        let cell = |i: usize| rec.cell(i).unwrap_or("");
        let bad = |col: usize, expected: &'static str| CellError {
            column: Some(col),
            field: None,
            value: cell(col).to_string(),
            problem: Problem::Unreadable { expected },
        };
        let start = parse_datetime_cell(cell(self.start))
            .ok()
            .and_then(|c| c.timestamp())
            .ok_or_else(|| bad(self.start, "a date and time (yyyy-mm-dd hh:mm:ss)"))?;
        let outcome = match cell(self.disposition).to_ascii_uppercase().as_str() {
            "ANSWERED" => Outcome::Answered,
            "NO ANSWER" => Outcome::Abandoned,
            "BUSY" | "FAILED" | "CONGESTION" => Outcome::Blocked,
            _ => return Err(bad(self.disposition, "ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION")),
        };
        let billsec = parse_count(cell(self.billsec)).map_err(|p| CellError {
            column: Some(self.billsec),
            field: None,
            value: cell(self.billsec).to_string(),
            problem: p,
        })?;
        let talk = if outcome == Outcome::Answered { billsec as f64 } else { 0.0 };
        let mut row = CdrRow::new(start, outcome, 0.0, talk, 0.0, 0.0);
        row.channel = Some(Channel::Phone);
        row.caller = self.src.map(cell).filter(|s| !s.is_empty());
        row.contact_id = self.uniqueid.map(cell).filter(|s| !s.is_empty());
        self.agg.add(&row);
        Ok(())
    }

    /// The cells with every wait-derived total unknown (no queue in a CDR):
    /// ASA, service level, abandonment and patience come out `None`.
    pub fn finish(self) -> (Vec<IntervalStats>, Vec<ReasonCount>) {
        let s = self.agg.finish_summary();
        let mut cells = s.cells;
        for c in &mut cells {
            c.abandoned = None;
            c.short_abandoned = None;
            c.answered_within_t = None;
            c.abandoned_within_t = None;
            c.wait_answered_s = 0.0;
            c.answered_with_wait = 0;
            c.wait_all_s = None;
            c.hold_s = None;
            c.acw_s = None;
        }
        (cells, s.reasons)
    }
}

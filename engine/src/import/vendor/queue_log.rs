//! The Asterisk queue log (Asterisk, FreePBX, Issabel queues): events →
//! calls per queue → the same [`IntervalStats`] every page uses, plus what a
//! queue log alone tells: exits that are neither answers nor abandons, calls
//! still open at the end of the log, and per-agent time.
//!
//! Two shapes are read:
//! - the file `/var/log/asterisk/queue_log`: lines
//!   `epoch|callid|queue|agent|EVENT|data1|data2|…` (Unix time, UTC);
//! - the database export of the `queue_log` table, with a header row
//!   `time, callid, queuename, agent, event, data1 … data5` (or one `data`
//!   column holding `|`-separated values); `time` is a Unix time or
//!   `YYYY-MM-DD HH:MM:SS[.ffffff]` (Asterisk writes that text in the server's
//!   local time, so it is taken as it is).
//!
//! Event data (Asterisk `doc/queuelog.txt`, docs.asterisk.org "Queue Logs",
//! `app_queue.c`): ENTERQUEUE `url|callerid|position`; CONNECT
//! `holdtime|bridgedchanneluniqueid|ringtime`; COMPLETECALLER/COMPLETEAGENT
//! `holdtime|calltime|origposition`; TRANSFER
//! `extension|context|holdtime|calltime|origposition`; BLINDTRANSFER
//! `extension|context|holdtime|calltime|origposition`; ATTENDEDTRANSFER
//! `method|method data…|holdtime|calltime|origposition` (the method data is
//! one or two fields, so holdtime and calltime are read from the end);
//! ABANDON, EXITWITHTIMEOUT, EXITEMPTY `position|origposition|waittime`;
//! EXITWITHKEY `key|position|origposition|waittime`; RINGNOANSWER
//! `ringtime` (ms); PAUSE/PAUSEALL `reason`; ADDMEMBER, REMOVEMEMBER,
//! AGENTLOGIN, AGENTLOGOFF, UNPAUSE, UNPAUSEALL.
//!
//! # Definitions
//! - A call is one caller in one queue: (callid, queue) from its ENTERQUEUE.
//!   A call that moves to another queue counts in each queue it entered.
//! - Each call belongs to the interval of its ENTERQUEUE.
//! - offered = ENTERQUEUE; answered = CONNECT; abandoned = ABANDON (the
//!   caller hung up while queued). EXITWITHTIMEOUT, EXITWITHKEY and EXITEMPTY
//!   are offered but neither answered nor abandoned: counted apart
//!   ([`QueueExits`]).
//! - wait = CONNECT holdtime for the answered, waittime for the others
//!   (the gap since ENTERQUEUE when an old Asterisk did not log it); ASA =
//!   mean wait of the answered; answered within T = wait ≤ T.
//! - talk = calltime of COMPLETECALLER / COMPLETEAGENT / *TRANSFER; AHT =
//!   mean talk of the answered whose call ended in the log. The queue log has
//!   no after-call work or hold: AHT is talk only
//!   ([`SourceNote::NoAfterCallWork`](super::SourceNote::NoAfterCallWork)).
//! - A call with ENTERQUEUE and no end by the last line is counted offered
//!   and reported (`in_queue_at_end`); one answered but not ended counts as
//!   answered without a talk time (`talking_at_end`). Events of calls whose
//!   ENTERQUEUE is not in the log are counted (`without_entry`), not used.
//! - Epoch times → local time: + `utc_offset_s`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::Problem;
use crate::import::aggregate::{AggregateOptions, CdrAggregator, IntervalStats};
use crate::import::columns::{header_key, normalize_label, ColumnMap, Layout, ReportKind};
use crate::import::csv::{Delimiter, Record};
use crate::import::datetime::{parse_datetime_cell, Timestamp};
use crate::import::rows::{CdrRow, CellError, Channel, Outcome};
use crate::import::ReasonCount;

/// Column labels of a queue-log line (the file has no header).
pub const COLUMNS: [&str; 10] =
    ["time", "callid", "queuename", "agent", "event", "data1", "data2", "data3", "data4", "data5"];

/// Unix times accepted: 1990-01-01 to 2100-01-01.
const EPOCH_MIN: i64 = 631_152_000;
const EPOCH_MAX: i64 = 4_102_444_800;

/// Whether a line is a queue-log file line: `epoch|callid|queue|agent|EVENT…`
/// (an epoch of 9–10 digits, an upper-case event).
///
/// ```
/// use callcalc_engine::vendor::queue_log::is_queue_log_line;
/// assert!(is_queue_log_line("1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000"));
/// assert!(!is_queue_log_line("Дата;Очередь;Поступило"));
/// ```
pub fn is_queue_log_line(line: &str) -> bool {
    let mut f = line.trim_end_matches(['\r', '\n']).split('|');
    let (Some(t), Some(_), Some(_), Some(_), Some(ev)) = (f.next(), f.next(), f.next(), f.next(), f.next()) else {
        return false;
    };
    let secs = t.split('.').next().unwrap_or("");
    (9..=10).contains(&secs.len())
        && secs.bytes().all(|b| b.is_ascii_digit())
        && !ev.is_empty()
        && ev.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
}

/// The layout given to a queue-log file (no header rows).
pub fn file_layout() -> Layout {
    Layout {
        delimiter: Delimiter::Semicolon,
        header_rows: Vec::new(),
        columns: COLUMNS.iter().map(|s| s.to_string()).collect(),
        key: header_key(&COLUMNS),
        map: ColumnMap::new(ReportKind::Cdr),
        values: Default::default(),
    }
}

/// The header row of a database export, if `cells` are one: `time`,
/// `callid`, `queuename` (or `queue`), `agent`, `event` in this order at the
/// start, then data columns.
pub fn is_db_header(cells: &[String]) -> bool {
    let n: Vec<String> = cells.iter().take(5).map(|c| normalize_label(c).0).collect();
    n.len() == 5
        && matches!(n[0].as_str(), "time" | "timestamp")
        && matches!(n[1].as_str(), "callid" | "call id")
        && matches!(n[2].as_str(), "queuename" | "queue name" | "queue")
        && n[3] == "agent"
        && n[4] == "event"
}

/// Calls offered but neither answered nor abandoned, per interval and queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueExits {
    pub start: Timestamp,
    /// `None` when the import is not split by queue.
    pub queue: Option<String>,
    /// EXITWITHTIMEOUT: the queue's timeout sent the caller on.
    pub timeouts: u64,
    /// EXITWITHKEY: the caller pressed a key to leave.
    pub key_exits: u64,
    /// EXITEMPTY: the queue had no agents (leaveempty).
    pub empty_exits: u64,
    /// ENTERQUEUE with no end before the last line of the log.
    pub in_queue_at_end: u64,
}

/// Counts over the whole log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueLogCounts {
    /// ENTERQUEUE lines (calls offered).
    pub entered: u64,
    /// CONNECT lines of calls entered in the log.
    pub answered: u64,
    /// Answered calls that ended in the log (with a talk time).
    pub completed: u64,
    /// Ended by TRANSFER, BLINDTRANSFER or ATTENDEDTRANSFER.
    pub transferred: u64,
    pub abandoned: u64,
    pub timeouts: u64,
    pub key_exits: u64,
    pub empty_exits: u64,
    /// Still queued at the last line.
    pub in_queue_at_end: u64,
    /// Answered, not ended at the last line (no talk time).
    pub talking_at_end: u64,
    /// Call events whose ENTERQUEUE is not in the log (the call began
    /// before it): not counted in any interval.
    pub without_entry: u64,
    /// Lines earlier than the line before them by more than a second (the
    /// log must be in time order; sort a database export by time).
    pub out_of_order: u64,
}

/// Pause time of an agent with one reason.
#[derive(Debug, Clone, PartialEq)]
pub struct PauseTime {
    /// The reason as logged (empty: no reason given).
    pub reason: String,
    pub pauses: u64,
    pub seconds: f64,
}

/// What the queue log says about one agent (queue member).
#[derive(Debug, Clone, PartialEq)]
pub struct QueueLogAgent {
    /// The member name as logged (`SIP/8007`, `Agent/1001`, `Иванов`).
    pub agent: String,
    /// CONNECT lines.
    pub answered: u64,
    /// RINGNOANSWER lines (rang, not picked up).
    pub ring_no_answer: u64,
    /// Σ talk of the calls the agent completed, seconds.
    pub talk_s: f64,
    /// Time a member of at least one queue (ADDMEMBER…REMOVEMEMBER,
    /// AGENTLOGIN…AGENTLOGOFF), seconds; an open session counts up to the
    /// last line of the log.
    pub logged_in_s: f64,
    /// Logged in at the last line (the session was cut there).
    pub logged_in_at_end: bool,
    /// Pause time by reason (PAUSE/PAUSEALL…UNPAUSE/UNPAUSEALL; an open
    /// pause counts up to the last line).
    pub pauses: Vec<PauseTime>,
}

/// Everything a queue log gives beyond the interval cells.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueLogReport {
    pub counts: QueueLogCounts,
    /// Exits apart, per interval and queue (sorted by start, queue).
    pub exits: Vec<QueueExits>,
    pub agents: Vec<QueueLogAgent>,
    /// Events read but not used (`CONFIGRELOAD`, `RINGCANCELED` …) and
    /// how many of each.
    pub other_events: Vec<(String, u64)>,
    /// Time of the first and last line (local).
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    Queued,
    Connected,
}

#[derive(Debug, Clone)]
struct Call {
    entered: Timestamp,
    caller: Option<String>,
    agent: Option<String>,
    wait_s: Option<f64>,
    stage: Stage,
}

#[derive(Debug, Clone, Default)]
struct AgentState {
    answered: u64,
    ring_no_answer: u64,
    talk_s: f64,
    logged_in_s: f64,
    member_of: BTreeSet<String>,
    since: Option<Timestamp>,
    pause: Option<(Timestamp, String)>,
    pauses: BTreeMap<String, (u64, f64)>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Exits {
    timeouts: u64,
    key_exits: u64,
    empty_exits: u64,
    in_queue: u64,
    /// Answered, not ended: counted answered without a talk time.
    talking: u64,
    talking_wait_s: f64,
    talking_within_t: u64,
    wait_s: f64,
}

/// Reads queue-log records (one event each) and rebuilds the calls.
///
/// ```
/// use callcalc_engine::{import_bytes, ImportOptions, ImportedData, SourceFormat};
/// let log = "1709280000|1709280000.1|support|NONE|ENTERQUEUE||79161234567|1\n\
///            1709280012|1709280000.1|support|SIP/101|CONNECT|12|1709280012.2|3\n\
///            1709280192|1709280000.1|support|SIP/101|COMPLETECALLER|12|180|1\n\
///            1709280100|1709280100.3|support|NONE|ENTERQUEUE||79160000000|1\n\
///            1709280145|1709280100.3|support|NONE|ABANDON|1|1|45\n";
/// let out = import_bytes(log.as_bytes(), ImportOptions::new("queue_log")).unwrap();
/// assert_eq!(out.summary.format, Some(SourceFormat::AsteriskQueueLog));
/// let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
/// let c = &cells[0];
/// assert_eq!((c.offered, c.answered, c.abandoned), (2, 1, Some(1)));
/// assert_eq!(c.asa_s(), Some(12.0));
/// assert_eq!(c.aht_s(), Some(180.0));
/// ```
#[derive(Debug, Clone)]
pub struct QueueLogReader {
    opts: AggregateOptions,
    utc_offset_s: i64,
    agg: CdrAggregator,
    open: HashMap<(String, String), Call>,
    exits: HashMap<(i64, Option<String>), Exits>,
    agents: BTreeMap<String, AgentState>,
    counts: QueueLogCounts,
    other: BTreeMap<String, u64>,
    first: Option<Timestamp>,
    last: Option<Timestamp>,
}

fn is_none(s: &str) -> bool {
    s.is_empty() || s.eq_ignore_ascii_case("NONE")
}

impl QueueLogReader {
    pub fn new(opts: AggregateOptions, utc_offset_s: i32) -> Self {
        QueueLogReader {
            agg: CdrAggregator::new(opts.clone()),
            opts,
            utc_offset_s: i64::from(utc_offset_s),
            open: HashMap::new(),
            exits: HashMap::new(),
            agents: BTreeMap::new(),
            counts: QueueLogCounts::default(),
            other: BTreeMap::new(),
            first: None,
            last: None,
        }
    }

    /// The time cell: a Unix time (UTC, shifted by the offset) or a local
    /// date and time.
    fn time(&self, v: &str) -> Option<Timestamp> {
        let secs = v.split('.').next().unwrap_or("");
        if !secs.is_empty() && secs.len() <= 11 && secs.bytes().all(|b| b.is_ascii_digit()) {
            let s: i64 = secs.parse().ok()?;
            if !(EPOCH_MIN..=EPOCH_MAX).contains(&s) {
                return None;
            }
            return Some(Timestamp::from_seconds(s + self.utc_offset_s));
        }
        parse_datetime_cell(v).ok()?.timestamp()
    }

    /// Reads one event record (columns as [`COLUMNS`]; data columns may
    /// hold `|`-separated values).
    pub fn record(&mut self, rec: &Record<'_>) -> Result<(), CellError> {
        let cell = |i: usize| rec.cell(i).unwrap_or("");
        let t_raw = cell(0);
        let t = self.time(t_raw).ok_or_else(|| CellError {
            column: Some(0),
            field: None,
            value: t_raw.to_string(),
            problem: Problem::Unreadable { expected: "a Unix time or a date and time (yyyy-mm-dd hh:mm:ss)" },
        })?;
        let event = cell(4).to_ascii_uppercase();
        if event.is_empty() {
            return Err(CellError {
                column: Some(4),
                field: None,
                value: String::new(),
                problem: Problem::Unreadable { expected: "a queue_log event (ENTERQUEUE, CONNECT …)" },
            });
        }
        // Data values with the column each came from.
        let mut data: Vec<(usize, &str)> = Vec::new();
        for col in 5..rec.len().max(5) {
            for v in cell(col).split('|') {
                data.push((col, v.trim()));
            }
        }
        if data.len() > 64 {
            data.truncate(64);
        }
        let (callid, queue, agent) = (cell(1), cell(2), cell(3));
        if let Some(last) = self.last {
            if t.seconds() + 1 < last.seconds() {
                self.counts.out_of_order += 1;
            }
        }
        self.apply(t, callid, queue, agent, &event, &data)?;
        self.first = Some(self.first.map_or(t, |f| f.min(t)));
        self.last = Some(self.last.map_or(t, |l| l.max(t)));
        Ok(())
    }

    fn apply(
        &mut self,
        t: Timestamp,
        callid: &str,
        queue: &str,
        agent: &str,
        event: &str,
        data: &[(usize, &str)],
    ) -> Result<(), CellError> {
        let key = || (callid.to_string(), queue.to_string());
        // Seconds in a data field; `from_end` counts from the last field.
        let secs = |i: usize, from_end: bool| -> Result<Option<f64>, CellError> {
            let idx = if from_end { data.len().checked_sub(i + 1) } else { Some(i) };
            let Some(&(col, v)) = idx.and_then(|i| data.get(i)) else { return Ok(None) };
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<u32>() {
                Ok(x) => Ok(Some(f64::from(x))),
                Err(_) => Err(CellError {
                    column: Some(col),
                    field: None,
                    value: v.to_string(),
                    problem: Problem::Unreadable { expected: "a whole number of seconds" },
                }),
            }
        };
        match event {
            "ENTERQUEUE" => {
                let caller = data.get(1).map(|d| d.1).filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("unknown"));
                if let Some(old) = self.open.remove(&key()) {
                    self.end_open(queue, old);
                }
                self.counts.entered += 1;
                let call = Call {
                    entered: t,
                    caller: caller.map(str::to_string),
                    agent: None,
                    wait_s: None,
                    stage: Stage::Queued,
                };
                self.open.insert(key(), call);
            }
            "CONNECT" => {
                let wait = secs(0, false)?;
                let Some(call) = self.open.get_mut(&key()) else {
                    self.counts.without_entry += 1;
                    return Ok(());
                };
                call.wait_s = Some(wait.unwrap_or_else(|| (t.seconds() - call.entered.seconds()).max(0) as f64));
                call.stage = Stage::Connected;
                call.agent = (!is_none(agent)).then(|| agent.to_string());
                self.counts.answered += 1;
                if !is_none(agent) {
                    self.agents.entry(agent.to_string()).or_default().answered += 1;
                }
            }
            "COMPLETECALLER" | "COMPLETEAGENT" | "TRANSFER" | "BLINDTRANSFER" | "ATTENDEDTRANSFER" => {
                let transfer = !event.starts_with("COMPLETE");
                let (hold, talk) =
                    if transfer { (secs(2, true)?, secs(1, true)?) } else { (secs(0, false)?, secs(1, false)?) };
                let Some(call) = self.open.remove(&key()) else {
                    self.counts.without_entry += 1;
                    return Ok(());
                };
                if call.stage == Stage::Queued {
                    // No CONNECT line: the completion says it was answered.
                    self.counts.answered += 1;
                    if !is_none(agent) {
                        self.agents.entry(agent.to_string()).or_default().answered += 1;
                    }
                }
                let wait = call.wait_s.or(hold).unwrap_or(0.0);
                let talk = talk.unwrap_or_else(|| (t.seconds() - call.entered.seconds() - wait as i64).max(0) as f64);
                self.counts.completed += 1;
                self.counts.transferred += u64::from(transfer);
                let who = call.agent.clone().or_else(|| (!is_none(agent)).then(|| agent.to_string()));
                if let Some(a) = &who {
                    self.agents.entry(a.clone()).or_default().talk_s += talk;
                }
                let mut row = CdrRow::new(call.entered, Outcome::Answered, wait, talk, 0.0, 0.0);
                row.queue = Some(queue);
                row.channel = Some(Channel::Phone);
                row.contact_id = Some(callid);
                row.agent = who.as_deref();
                row.caller = call.caller.as_deref();
                row.transferred = Some(transfer);
                self.agg.add(&row);
            }
            "ABANDON" | "EXITWITHTIMEOUT" | "EXITEMPTY" | "EXITWITHKEY" => {
                let wait = secs(if event == "EXITWITHKEY" { 3 } else { 2 }, false)?;
                let Some(call) = self.open.remove(&key()) else {
                    self.counts.without_entry += 1;
                    return Ok(());
                };
                let wait = wait.unwrap_or_else(|| (t.seconds() - call.entered.seconds()).max(0) as f64);
                if event == "ABANDON" {
                    self.counts.abandoned += 1;
                    let mut row = CdrRow::new(call.entered, Outcome::Abandoned, wait, 0.0, 0.0, 0.0);
                    row.queue = Some(queue);
                    row.channel = Some(Channel::Phone);
                    row.contact_id = Some(callid);
                    row.caller = call.caller.as_deref();
                    self.agg.add(&row);
                } else {
                    let e = self.exits_of(call.entered, queue);
                    e.wait_s += wait;
                    match event {
                        "EXITWITHTIMEOUT" => e.timeouts += 1,
                        "EXITEMPTY" => e.empty_exits += 1,
                        _ => e.key_exits += 1,
                    }
                    match event {
                        "EXITWITHTIMEOUT" => self.counts.timeouts += 1,
                        "EXITEMPTY" => self.counts.empty_exits += 1,
                        _ => self.counts.key_exits += 1,
                    }
                }
            }
            "RINGNOANSWER" => {
                if !is_none(agent) {
                    self.agents.entry(agent.to_string()).or_default().ring_no_answer += 1;
                }
            }
            "ADDMEMBER" | "AGENTLOGIN" | "AGENTCALLBACKLOGIN" => {
                let what = if event == "ADDMEMBER" { queue.to_string() } else { "\u{0}login".to_string() };
                if !is_none(agent) {
                    let a = self.agents.entry(agent.to_string()).or_default();
                    if a.member_of.is_empty() {
                        a.since = Some(t);
                    }
                    a.member_of.insert(what);
                }
            }
            "REMOVEMEMBER" | "AGENTLOGOFF" | "AGENTCALLBACKLOGOFF" => {
                let what = if event == "REMOVEMEMBER" { queue.to_string() } else { "\u{0}login".to_string() };
                if let Some(a) = self.agents.get_mut(agent) {
                    a.member_of.remove(&what);
                    if event != "REMOVEMEMBER" {
                        a.member_of.clear();
                    }
                    if a.member_of.is_empty() {
                        if let Some(s) = a.since.take() {
                            a.logged_in_s += (t.seconds() - s.seconds()).max(0) as f64;
                        }
                    }
                }
            }
            "PAUSE" | "PAUSEALL" => {
                if !is_none(agent) {
                    let reason = data.first().map_or("", |d| d.1).to_string();
                    let a = self.agents.entry(agent.to_string()).or_default();
                    if a.pause.is_none() {
                        a.pause = Some((t, reason));
                    }
                }
            }
            "UNPAUSE" | "UNPAUSEALL" => {
                if let Some(a) = self.agents.get_mut(agent) {
                    if let Some((s, reason)) = a.pause.take() {
                        let p = a.pauses.entry(reason).or_default();
                        p.0 += 1;
                        p.1 += (t.seconds() - s.seconds()).max(0) as f64;
                    }
                }
            }
            other => *self.other.entry(other.to_string()).or_default() += 1,
        }
        Ok(())
    }

    fn exits_of(&mut self, entered: Timestamp, queue: &str) -> &mut Exits {
        let start = entered.floor_to(self.opts.interval_s()).seconds();
        let q = self.opts.by_queue.then(|| queue.to_string());
        self.exits.entry((start, q)).or_default()
    }

    /// A call still open when the log ends (or re-entered): in the queue, or
    /// answered without an end.
    fn end_open(&mut self, queue: &str, call: Call) {
        let t = self.opts.sl_threshold_s();
        let e = self.exits_of(call.entered, queue);
        match call.stage {
            Stage::Queued => e.in_queue += 1,
            Stage::Connected => {
                let w = call.wait_s.unwrap_or(0.0);
                e.talking += 1;
                e.talking_wait_s += w;
                e.talking_within_t += u64::from(w <= t);
            }
        }
        match call.stage {
            Stage::Queued => self.counts.in_queue_at_end += 1,
            Stage::Connected => self.counts.talking_at_end += 1,
        }
    }

    /// Ends the log: the interval cells (offered includes the exits apart
    /// and the calls still open; no after-call work or hold: those totals
    /// are unknown), the contact reasons (none) and the report.
    pub fn finish(mut self) -> (Vec<IntervalStats>, Vec<ReasonCount>, QueueLogReport) {
        let open: Vec<((String, String), Call)> = self.open.drain().collect();
        for ((_, queue), call) in open {
            self.end_open(&queue, call);
        }
        let last = self.last;
        let summary = self.agg.finish_summary();
        let mut cells = summary.cells;
        let mut index: HashMap<(i64, Option<String>), usize> =
            cells.iter().enumerate().map(|(i, c)| ((c.start.seconds(), c.queue.clone()), i)).collect();
        let channel = self.opts.by_channel.then_some(Channel::Phone);
        let mut exits = Vec::new();
        for ((start, queue), e) in &self.exits {
            let i = *index.entry((*start, queue.clone())).or_insert_with(|| {
                cells.push(IntervalStats::empty(
                    Timestamp::from_seconds(*start),
                    self.opts.interval_s(),
                    queue.clone(),
                    channel,
                ));
                cells.len() - 1
            });
            let c = &mut cells[i];
            let apart = e.timeouts + e.key_exits + e.empty_exits;
            c.offered += apart + e.in_queue + e.talking;
            c.wait_all_s = c.wait_all_s.map(|x| x + e.wait_s + e.talking_wait_s);
            c.answered += e.talking;
            c.wait_answered_s += e.talking_wait_s;
            c.answered_with_wait += e.talking;
            c.answered_within_t = c.answered_within_t.map(|x| x + e.talking_within_t);
            if apart + e.in_queue > 0 {
                exits.push(QueueExits {
                    start: Timestamp::from_seconds(*start),
                    queue: queue.clone(),
                    timeouts: e.timeouts,
                    key_exits: e.key_exits,
                    empty_exits: e.empty_exits,
                    in_queue_at_end: e.in_queue,
                });
            }
        }
        for c in &mut cells {
            c.hold_s = None;
            c.acw_s = None;
        }
        cells.sort_by(|a, b| (a.start, &a.queue, a.channel).cmp(&(b.start, &b.queue, b.channel)));
        exits.sort_by(|a, b| (a.start, &a.queue).cmp(&(b.start, &b.queue)));
        let agents = self
            .agents
            .into_iter()
            .map(|(agent, mut a)| {
                let end = last.map_or(0, Timestamp::seconds);
                let logged_in_at_end = a.since.is_some();
                if let Some(s) = a.since.take() {
                    a.logged_in_s += (end - s.seconds()).max(0) as f64;
                }
                if let Some((s, reason)) = a.pause.take() {
                    let p = a.pauses.entry(reason).or_default();
                    p.0 += 1;
                    p.1 += (end - s.seconds()).max(0) as f64;
                }
                QueueLogAgent {
                    agent,
                    answered: a.answered,
                    ring_no_answer: a.ring_no_answer,
                    talk_s: a.talk_s,
                    logged_in_s: a.logged_in_s,
                    logged_in_at_end,
                    pauses: a
                        .pauses
                        .into_iter()
                        .map(|(reason, (pauses, seconds))| PauseTime { reason, pauses, seconds })
                        .collect(),
                }
            })
            .collect();
        let report = QueueLogReport {
            counts: self.counts,
            exits,
            agents,
            other_events: self.other.into_iter().collect(),
            first: self.first,
            last: self.last,
        };
        (cells, summary.reasons, report)
    }
}

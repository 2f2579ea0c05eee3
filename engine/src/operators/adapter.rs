//! From imported files to the operator analysis: call-detail records become
//! [`ContactRecord`]s (one per answered contact with an operator, marked peak
//! or not), agent-report rows become [`OperatorTime`]s and per-operator
//! not-ready-by-reason totals. Rows that cannot be used are counted by
//! reason and the first few are listed, never dropped silently.
//!
//! Peak definition (variant): the contacts offered per interval (all
//! outcomes, by arrival) are counted on a grid of `interval_s`; among the
//! intervals with at least one contact, an interval is *peak* when its volume
//! is at least the upper quartile `Q₃` (nearest-rank 75th percentile) — the
//! busiest quarter of working intervals. Agent reports carry one row per
//! operator and day, so their time is split by *peak days* defined the same
//! way on daily volumes (the intra-day split is not in such reports).

use std::collections::BTreeMap;

use super::{ContactRecord, OperatorTime};
use crate::import::{
    caller_key, decode, followed_by_repeat, normalize_label, sniff, AgentRow, Channel, ContactKey, CsvReader,
    ImportError, ImportOptions, Outcome, ReportKind, RowReader, Timestamp, DEFAULT_REPEAT_WINDOW_S,
};

/// Problems listed row by row (the rest are only counted).
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// One row that could not be used, with the reason in English.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// 1-based row of the file.
    pub row: u64,
    pub reason: String,
}

/// Where a contact came from, parallel to [`CdrContacts::records`].
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRef {
    /// The contact id of the CDR (`None` when the file has no id column).
    pub id: Option<String>,
    pub arrival: Timestamp,
    /// 1-based row of the file.
    pub row: u64,
}

/// The top-quartile peak definition as applied to one file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeakDefinition {
    /// Interval length, seconds.
    pub interval_s: u32,
    /// Intervals with at least one offered contact.
    pub intervals: usize,
    /// Intervals at or above the threshold.
    pub peak_intervals: usize,
    /// `Q₃` of the offered contacts per non-empty interval.
    pub threshold: u64,
}

/// Operator contacts read from a call-detail record file.
#[derive(Debug, Clone, PartialEq)]
pub struct CdrContacts {
    /// Answered contacts with an operator, in file order.
    pub records: Vec<ContactRecord>,
    /// The id, arrival and row of each record.
    pub refs: Vec<ContactRef>,
    /// Data rows read (after the header).
    pub rows_read: u64,
    /// Abandoned, short-abandoned and blocked contacts: no operator handled them.
    pub not_handled: u64,
    /// Answered rows with an empty operator cell.
    pub no_operator: u64,
    /// Rows with a cell that could not be read, or durations out of range.
    pub unreadable: u64,
    /// «Итого» / "Total" rows.
    pub totals_skipped: u64,
    /// Records without a channel column or cell, counted as phone contacts.
    pub channel_assumed_phone: u64,
    /// The first [`MAX_LISTED_PROBLEMS`] unreadable rows.
    pub problems: Vec<RowProblem>,
    pub peak: PeakDefinition,
    /// Day numbers (see [`Timestamp::days`]) whose volume is in the top quartile.
    pub peak_days: Vec<i64>,
}

fn quartile3(mut v: Vec<u64>) -> u64 {
    if v.is_empty() {
        return 0;
    }
    v.sort_unstable();
    let rank = (0.75 * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

fn is_totals(first_cell: &str) -> bool {
    let n = normalize_label(first_cell).0;
    n.starts_with("итог") || n.starts_with("total") || n.starts_with("всего")
}

fn note(problems: &mut Vec<RowProblem>, row: u64, reason: String) {
    if problems.len() < MAX_LISTED_PROBLEMS {
        problems.push(RowProblem { row, reason });
    }
}

struct Read {
    operator: String,
    channel: Channel,
    talk: f64,
    hold: f64,
    acw: f64,
    wait: f64,
    queue: Option<String>,
    transferred: bool,
    resolved: Option<bool>,
    complexity: Option<f64>,
    /// Index into the caller keys, when the row has a caller id.
    key: Option<usize>,
    arrival: Timestamp,
    id: Option<String>,
    row: u64,
}

/// Reads the operator contacts of a call-detail record file (any encoding
/// the importer reads; the header is found the same way).
///
/// - Kept: answered contacts with a non-empty operator, with their wait at
///   answer and queue (when the file has a queue column); `peak` is set when
///   the contact's arrival interval has a volume `≥ Q₃` of the non-empty
///   intervals (see the module documentation).
/// - Counted: not-handled outcomes, answered rows without an operator,
///   unreadable rows (first [`MAX_LISTED_PROBLEMS`] listed), totals rows.
/// - Optional columns: the transfer flag (without the column no contact is
///   transferred and the TransferAvoidance test finds nothing), the
///   resolution flag and complexity level, and the caller id: a kept contact
///   is *followed by a repeat* when the same caller (any outcome, any
///   operator) arrives again within 24 h ([`DEFAULT_REPEAT_WINDOW_S`]; see
///   [`operators_from_cdr_with`]).
///
/// ```
/// use callcalc_engine::operators_from_cdr;
/// let csv = "ID;Дата и время;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор\n\
///            1;01.03.2024 08:00:05;Отвечен;5;180;0;30;Петрова\n\
///            2;01.03.2024 08:01:00;Потерян;40;;;;\n\
///            3;01.03.2024 08:20:00;Отвечен;3;abc;0;0;Петрова\n\
///            4;01.03.2024 08:31:00;Отвечен;3;60;10;5;\n";
/// let c = operators_from_cdr(csv.as_bytes(), 900).unwrap();
/// assert_eq!(c.records.len(), 1);
/// assert_eq!((c.not_handled, c.unreadable, c.no_operator), (1, 1, 1));
/// assert_eq!(c.problems[0].row, 4);
/// assert!(c.records[0].peak()); // the 08:00 interval has 2 contacts = Q₃
/// assert_eq!(c.records[0].wait_s(), Some(5.0));
/// ```
pub fn operators_from_cdr(bytes: &[u8], interval_s: u32) -> Result<CdrContacts, ImportError> {
    operators_from_cdr_with(bytes, interval_s, DEFAULT_REPEAT_WINDOW_S)
}

/// [`operators_from_cdr`] with a repeat-contact window of `repeat_window_s`
/// seconds (a repeat: the same caller arrives again, strictly later and at
/// most the window after the contact's arrival; see [`followed_by_repeat`]).
///
/// ```
/// use callcalc_engine::operators_from_cdr_with;
/// let csv = "ID;Дата и время;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор;Перевод;Решен;Номер клиента;Сложность\n\
///            1;01.03.2024 08:00:05;Отвечен;5;180;0;30;Петрова;Нет;Нет;+7 900 111-22-33;3\n\
///            2;01.03.2024 09:00:00;Потерян;40;;;;;;;79001112233;\n\
///            3;01.03.2024 08:20:00;Отвечен;3;60;0;10;Иванов;Да;Да;+7 900 444-55-66;1\n";
/// let c = operators_from_cdr_with(csv.as_bytes(), 900, 86_400).unwrap();
/// assert_eq!(c.records[0].followed_by_repeat(), Some(true)); // called again (abandoned) an hour later
/// assert_eq!(c.records[1].followed_by_repeat(), Some(false));
/// assert!(c.records[1].transferred() && !c.records[0].transferred());
/// assert_eq!((c.records[1].resolved(), c.records[1].complexity()), (Some(true), Some(1.0)));
/// let short = operators_from_cdr_with(csv.as_bytes(), 900, 1_800).unwrap();
/// assert_eq!(short.records[0].followed_by_repeat(), Some(false));
/// ```
pub fn operators_from_cdr_with(
    bytes: &[u8],
    interval_s: u32,
    repeat_window_s: u32,
) -> Result<CdrContacts, ImportError> {
    let decoded = decode(bytes);
    let text = decoded.text.as_str();
    let mut head_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut opts = ImportOptions::new("cdr");
    opts.kind = Some(ReportKind::Cdr);
    let layout = sniff(&text[..head_end], &opts)?;
    let interval_s = interval_s.max(1);
    let last_header = layout.last_header_row();
    let mut reader = RowReader::new(layout.map.clone(), layout.delimiter);
    let mut csv = CsvReader::new(Some(layout.delimiter));

    let mut out = CdrContacts {
        records: Vec::new(),
        refs: Vec::new(),
        rows_read: 0,
        not_handled: 0,
        no_operator: 0,
        unreadable: 0,
        totals_skipped: 0,
        channel_assumed_phone: 0,
        problems: Vec::new(),
        peak: PeakDefinition { interval_s, intervals: 0, peak_intervals: 0, threshold: 0 },
        peak_days: Vec::new(),
    };
    let mut read: Vec<Read> = Vec::new();
    let mut keys: Vec<ContactKey> = Vec::new();
    let mut per_interval: BTreeMap<i64, u64> = BTreeMap::new();
    let mut per_day: BTreeMap<i64, u64> = BTreeMap::new();
    let mut on_record = |rec: crate::import::Record<'_>| {
        if rec.row <= last_header || rec.is_blank() {
            return;
        }
        out.rows_read += 1;
        if rec.cell(0).is_some_and(is_totals) {
            out.totals_skipped += 1;
            return;
        }
        let row = match reader.cdr(&rec) {
            Ok(r) => r,
            Err(e) => {
                out.unreadable += 1;
                let column = e.column.map(|c| layout.column_label(c)).unwrap_or_default();
                note(&mut out.problems, rec.row, format!("{column} «{}»: {}", e.value, e.problem));
                return;
            }
        };
        *per_interval.entry(row.arrival.floor_to(interval_s).seconds()).or_default() += 1;
        let key = row.caller.map(str::trim).filter(|c| !c.is_empty()).map(|c| {
            keys.push(ContactKey { caller: caller_key(c), arrival_s: row.arrival.seconds() });
            keys.len() - 1
        });
        *per_day.entry(row.arrival.days()).or_default() += 1;
        if row.outcome != Outcome::Answered {
            out.not_handled += 1;
            return;
        }
        let Some(agent) = row.agent.map(str::trim).filter(|a| !a.is_empty()) else {
            out.no_operator += 1;
            return;
        };
        let channel = row.channel.unwrap_or_else(|| {
            out.channel_assumed_phone += 1;
            Channel::Phone
        });
        read.push(Read {
            operator: agent.to_string(),
            channel,
            talk: row.talk_s,
            hold: row.hold_s,
            acw: row.acw_s,
            wait: row.wait_s,
            queue: row.queue.map(str::to_string),
            transferred: row.transferred.unwrap_or(false),
            resolved: row.resolved,
            complexity: row.complexity,
            key,
            arrival: row.arrival,
            id: row.contact_id.map(str::to_string),
            row: rec.row,
        });
    };
    csv.feed(text, &mut on_record);
    csv.finish(&mut on_record);

    let threshold = quartile3(per_interval.values().copied().collect());
    out.peak.intervals = per_interval.len();
    out.peak.peak_intervals = per_interval.values().filter(|&&v| v >= threshold).count();
    out.peak.threshold = threshold;
    let day_threshold = quartile3(per_day.values().copied().collect());
    out.peak_days = per_day.iter().filter(|(_, &v)| v >= day_threshold).map(|(&d, _)| d).collect();

    let repeats = followed_by_repeat(&keys, i64::from(repeat_window_s));
    for r in read {
        let volume = per_interval.get(&r.arrival.floor_to(interval_s).seconds()).copied().unwrap_or(0);
        let rec = ContactRecord::new(&r.operator, r.channel, r.talk, r.hold, r.acw, r.transferred, volume >= threshold)
            .and_then(|c| c.with_wait(r.wait))
            .map(|c| c.with_queue(r.queue.as_deref().unwrap_or("")))
            .map(|c| match r.key {
                Some(k) => c.with_repeat(repeats[k]),
                None => c,
            })
            .map(|c| match r.resolved {
                Some(ok) => c.with_resolved(ok),
                None => c,
            })
            .and_then(|c| match r.complexity {
                Some(level) => c.with_complexity(level),
                None => Ok(c),
            });
        match rec {
            Ok(c) => {
                out.records.push(c);
                out.refs.push(ContactRef { id: r.id, arrival: r.arrival, row: r.row });
            }
            Err(e) => {
                out.unreadable += 1;
                note(&mut out.problems, r.row, e.to_string());
            }
        }
    }
    Ok(out)
}

/// Agent-report totals of one operator over all rows.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentTotals {
    pub operator: String,
    pub logged_in_s: f64,
    /// `None` when the report has no available-time column.
    pub available_s: Option<f64>,
    /// Talk + hold + ACW from the report, `None` without a talk column.
    pub handle_s: Option<f64>,
    pub not_ready_s: f64,
    /// Not-ready time by reason, in column order.
    pub not_ready_by_reason: Vec<(String, f64)>,
    /// Contacts per channel as the report counts them.
    pub contacts_by_channel: Vec<(Channel, u64)>,
    /// Scheduled time of the rows that have it, and the logged-in time of
    /// those same rows; `None` without a scheduled-time column.
    pub scheduled_s: Option<f64>,
    pub logged_in_when_scheduled_s: f64,
}

/// Schedule conformance = time logged in ÷ time scheduled, over the same
/// days (the worked hours against the planned hours; above 1 = overtime).
///
/// Symbols: logged-in and scheduled time, seconds. Unit: a fraction.
/// Variant: **conformance**, not adherence — adherence asks whether the agent
/// was in the scheduled state *at the scheduled times* (time in adherence ÷
/// scheduled time), which needs a per-interval schedule and state log that
/// agent reports do not carry. Source: the WFM convention that separates the
/// two (e.g. NICE IEX WFM: adherence vs conformance). `None` when nothing was
/// scheduled.
///
/// ```
/// use callcalc_engine::schedule_conformance;
/// assert_eq!(schedule_conformance(27_000.0, 28_800.0), Some(0.9375));
/// assert_eq!(schedule_conformance(100.0, 0.0), None);
/// ```
pub fn schedule_conformance(logged_in_s: f64, scheduled_s: f64) -> Option<f64> {
    if scheduled_s > 0.0 {
        Some(logged_in_s / scheduled_s)
    } else {
        None
    }
}

impl AgentTotals {
    /// [`schedule_conformance`] over the rows with a scheduled time.
    pub fn conformance(&self) -> Option<f64> {
        schedule_conformance(self.logged_in_when_scheduled_s, self.scheduled_s?)
    }

    /// Occupancy `handle / (handle + available)` (measured variant, as
    /// [`AgentRow::occupancy`]); `None` without both columns or when zero.
    pub fn occupancy(&self) -> Option<f64> {
        let h = self.handle_s?;
        let a = self.available_s?;
        if h + a > 0.0 {
            Some(h / (h + a))
        } else {
            None
        }
    }
}

/// Operator time from an agent report.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentTimes {
    /// One per usable row.
    pub times: Vec<OperatorTime>,
    /// Per operator, sorted by operator.
    pub totals: Vec<AgentTotals>,
    pub rows: u64,
    /// Rows without a logged-in time, or with not-ready above logged-in.
    pub unusable: u64,
    /// Rows without a date: counted as off-peak time.
    pub undated: u64,
    pub problems: Vec<RowProblem>,
}

/// Operator time from agent-report rows: a row of a peak day (see
/// `peak_days`, e.g. [`CdrContacts::peak_days`]) counts as peak time, any
/// other row as off-peak. Not-ready is the report's not-ready column, or the
/// sum of its not-ready-by-reason columns.
///
/// ```
/// use callcalc_engine::{operator_times_from_agents, AgentRow, Timestamp};
/// let row = |day: i64, nr: f64| AgentRow { period_start: Some(Timestamp::from_days(day, 0)), agent: "A".into(),
///     queue: None, logged_in_s: Some(28_800.0), available_s: Some(6_000.0), talk_s: Some(15_000.0),
///     hold_s: Some(1_000.0), acw_s: Some(2_000.0), not_ready_s: None, scheduled_s: None,
///     not_ready_by_reason: vec![("Обед".into(), nr)], contacts: Some(80), contacts_by_channel: vec![] };
/// let t = operator_times_from_agents(&[row(1, 3_600.0), row(2, 1_800.0)], &[1]);
/// assert_eq!(t.times[0].not_ready_peak_s(), 3_600.0);
/// assert_eq!(t.times[1].not_ready_off_peak_s(), 1_800.0);
/// assert_eq!(t.totals[0].not_ready_by_reason, vec![("Обед".to_string(), 5_400.0)]);
/// assert_eq!(t.totals[0].occupancy(), Some(0.75));
/// ```
pub fn operator_times_from_agents(rows: &[AgentRow], peak_days: &[i64]) -> AgentTimes {
    let mut out =
        AgentTimes { times: Vec::new(), totals: Vec::new(), rows: 0, unusable: 0, undated: 0, problems: Vec::new() };
    let mut by: BTreeMap<String, AgentTotals> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        out.rows += 1;
        let row_no = i as u64 + 1;
        let Some(logged) = r.logged_in_s else {
            out.unusable += 1;
            note(&mut out.problems, row_no, format!("{}: no logged-in time", r.agent));
            continue;
        };
        let nr = r.not_ready_s.unwrap_or_else(|| r.not_ready_by_reason.iter().map(|x| x.1).sum());
        let peak = r.period_start.is_some_and(|t| peak_days.contains(&t.days()));
        let t = if peak {
            OperatorTime::new(&r.agent, logged, 0.0, nr, 0.0)
        } else {
            OperatorTime::new(&r.agent, 0.0, logged, 0.0, nr)
        };
        let t = match t {
            Ok(t) => t,
            Err(e) => {
                out.unusable += 1;
                note(&mut out.problems, row_no, format!("{}: {e}", r.agent));
                continue;
            }
        };
        out.undated += u64::from(r.period_start.is_none());
        let a = by.entry(t.operator().to_string()).or_insert_with(|| AgentTotals {
            operator: t.operator().to_string(),
            logged_in_s: 0.0,
            available_s: None,
            handle_s: None,
            not_ready_s: 0.0,
            not_ready_by_reason: Vec::new(),
            contacts_by_channel: Vec::new(),
            scheduled_s: None,
            logged_in_when_scheduled_s: 0.0,
        });
        a.logged_in_s += logged;
        if let Some(sch) = r.scheduled_s {
            *a.scheduled_s.get_or_insert(0.0) += sch;
            a.logged_in_when_scheduled_s += logged;
        }
        a.not_ready_s += nr;
        if let Some(v) = r.available_s {
            *a.available_s.get_or_insert(0.0) += v;
        }
        if let Some(talk) = r.talk_s {
            *a.handle_s.get_or_insert(0.0) += talk + r.hold_s.unwrap_or(0.0) + r.acw_s.unwrap_or(0.0);
        }
        for (reason, s) in &r.not_ready_by_reason {
            match a.not_ready_by_reason.iter_mut().find(|x| &x.0 == reason) {
                Some(x) => x.1 += s,
                None => a.not_ready_by_reason.push((reason.clone(), *s)),
            }
        }
        for (ch, n) in &r.contacts_by_channel {
            match a.contacts_by_channel.iter_mut().find(|x| x.0 == *ch) {
                Some(x) => x.1 += n,
                None => a.contacts_by_channel.push((*ch, *n)),
            }
        }
        out.times.push(t);
    }
    out.totals = by.into_values().collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::demo::{demo_files, DemoCentre};
    use crate::import::{import_bytes, ImportedData};
    use crate::operators::{analyse_operators, DetectorSettings, Pattern};

    /// A call-record file with the optional columns: 8 operators × 200
    /// answered calls; `Перевёл` transfers every 3rd call (peers every 25th),
    /// the callers of `Отфутболил` come back within the hour after every 3rd
    /// call (an abandoned call), the peers' callers after every 25th.
    fn cdr_with_optional_columns() -> String {
        let mut csv = String::from("ID;Дата и время;Очередь;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор;Переведен;Решен;Номер клиента;Сложность\n");
        let ops = ["Перевёл", "Отфутболил", "Анна", "Борис", "Вера", "Глеб", "Дина", "Ефим"];
        let mut id = 0;
        for (o, op) in ops.iter().enumerate() {
            for i in 0..200u32 {
                id += 1;
                let (day, sec) = (1 + i / 40, 8 * 3600 + (i % 40) * 600 + o as u32 * 7);
                let stamp = format!("{day:02}.03.2024 {:02}:{:02}:{:02}", sec / 3600, sec / 60 % 60, sec % 60);
                let transferred = if o == 0 { i % 3 == 0 } else { i % 25 == 0 };
                let back = if o == 1 { i % 3 == 0 } else { i % 25 == 1 };
                let yn = |b: bool| if b { "Да" } else { "Нет" };
                let caller = format!("+7 900 {o}{i:05}");
                csv.push_str(&format!(
                    "{id};{stamp};Общая;Отвечен;5;120;0;20;{op};{};{};{caller};{}\n",
                    yn(transferred),
                    yn(!back),
                    1 + i % 3
                ));
                if back {
                    id += 1;
                    let sec = sec + 1800;
                    let stamp = format!("{day:02}.03.2024 {:02}:{:02}:{:02}", sec / 3600, sec / 60 % 60, sec % 60);
                    csv.push_str(&format!("{id};{stamp};Общая;Потерян;30;;;;;;;{caller};\n"));
                }
            }
        }
        csv
    }

    #[test]
    fn optional_columns_feed_transfers_repeats_and_resolution() {
        let c = operators_from_cdr(cdr_with_optional_columns().as_bytes(), 900).unwrap();
        assert_eq!(c.unreadable, 0, "{:?}", c.problems);
        assert_eq!(c.records.len(), 1600);
        let r = analyse_operators(&c.records, &[], &DetectorSettings::default());
        assert_eq!(r.raised_for(Pattern::TransferAvoidance), vec!["Перевёл"]);
        assert_eq!(r.raised_for(Pattern::RepeatCallers), vec!["Отфутболил"]);
        let k = r.kpis_of("Отфутболил").unwrap();
        assert_eq!((k.repeat_followed, k.callers_known), (67, 200));
        assert_eq!(k.peer_group, crate::operators::PeerGroup::Queue("Общая".into()));
        // registered = rows with a resolution mark; weights 1, 2, 3 by row
        assert_eq!((k.registered, k.resolved), (200, 133));
        let w_all: f64 = (0..200u32).map(|i| f64::from(1 + i % 3)).sum();
        let w_resolved: f64 = (0..200u32).filter(|i| i % 3 != 0).map(|i| f64::from(1 + i % 3)).sum();
        assert_eq!(k.registered_weighted, w_all);
        assert_eq!(k.resolved_weighted, w_resolved);
        assert_eq!(k.resolution_rate_weighted, Some(w_resolved / w_all));
        let peer = r.kpis_of("Анна").unwrap();
        assert_eq!((peer.repeat_followed, peer.transfers), (8, 8));
        // a window shorter than the half hour to the repeat: no repeats at all
        let short = operators_from_cdr_with(cdr_with_optional_columns().as_bytes(), 900, 1_000).unwrap();
        assert!(short.records.iter().all(|r| r.followed_by_repeat() == Some(false)));
    }

    #[test]
    fn demo_cdr_and_agent_report_feed_the_analysis() {
        let files = demo_files(&DemoCentre::default());
        let c = operators_from_cdr(files.cdr.as_bytes(), 900).unwrap();
        assert_eq!(c.unreadable, 0, "{:?}", c.problems);
        assert!(c.records.len() > 1000);
        assert_eq!(c.records.len(), c.refs.len());
        assert_eq!(c.rows_read, c.records.len() as u64 + c.not_handled + c.no_operator + c.totals_skipped);
        assert_eq!(c.channel_assumed_phone, 0);
        // the busiest quarter of intervals, ties included
        assert!(c.peak.peak_intervals * 4 >= c.peak.intervals);
        assert!(c.peak.peak_intervals * 2 < c.peak.intervals);
        assert!(c.records.iter().any(|r| r.peak()) && c.records.iter().any(|r| !r.peak()));
        assert!(c.refs[0].id.as_deref().is_some_and(|id| !id.is_empty()));

        let agents = import_bytes(files.agent_report.as_bytes(), ImportOptions::new("agents.csv")).unwrap();
        let ImportedData::Agents(rows) = &agents.data else { panic!("agent report") };
        let t = operator_times_from_agents(rows, &c.peak_days);
        assert_eq!(t.unusable, 0, "{:?}", t.problems);
        assert_eq!(t.times.len(), rows.len());
        assert!(t.totals.iter().all(|a| a.not_ready_by_reason.len() == 3 && a.occupancy().is_some()));
        assert!(t.times.iter().any(|x| x.logged_in_peak_s() > 0.0));

        let r = analyse_operators(&c.records, &t.times, &DetectorSettings::default());
        // every CDR operator appears in the agent report
        let cdr_ops: std::collections::BTreeSet<&str> = c.records.iter().map(|r| r.operator()).collect();
        assert!(cdr_ops.iter().all(|o| t.totals.iter().any(|a| a.operator == *o)));
        assert!(r.kpis.iter().all(|k| k.contacts_per_hour.is_some()));
        assert!(!r.flags.is_empty());
        // the demo centre plants no gamers: its operators draw from one distribution
        println!(
            "demo: {} operators, {} contacts, {} flags raised of {} tests",
            r.kpis.len(),
            c.records.len(),
            r.raised().count(),
            r.flags.len()
        );
        assert!(r.raised_for(Pattern::TransferAvoidance).is_empty());
        // peers are compared within a channel (the demo's agents each serve one channel)
        for ch in [Channel::Phone, Channel::Chat, Channel::Email] {
            let th = crate::operators::OperatorThresholds { channel: Some(ch), ..Default::default() };
            let r = analyse_operators(&c.records, &t.times, &DetectorSettings::new(th).unwrap());
            let raised: Vec<String> = r.raised().map(|f| format!("{} {}", f.operator, f.pattern.name())).collect();
            println!("demo {ch}: {} operators, raised {raised:?} of {} tests", r.kpis.len(), r.flags.len());
            if ch == Channel::Phone {
                assert!(raised.is_empty() && r.flags.len() > 100, "{raised:?}");
            }
        }
    }

    #[test]
    fn fixture_counts_every_unused_row() {
        let csv = "Отчёт\nID;Дата и время;Канал;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор\n\
                   1;01.03.2024 08:00:05;Телефон;Отвечен;5;180;0;30;Петрова\n\
                   2;01.03.2024 08:01:00;Телефон;Потерян;40;;;;\n\
                   3;01.03.2024 08:02:00;Чат;Отвечен;5;200;10;20;Иванов\n\
                   4;01.03.2024 08:20:00;Телефон;Отвечен;3;abc;0;0;Петрова\n\
                   5;01.03.2024 09:31:00;Телефон;Отвечен;3;60;10;5;\n\
                   6;01.03.2024 09:32:00;Телефон;Отвечен;3;60;10;99999999;Иванов\n\
                   Итого;;;;;;;;\n";
        let c = operators_from_cdr(csv.as_bytes(), 900).unwrap();
        assert_eq!(c.rows_read, 7);
        assert_eq!(c.records.len(), 2);
        assert_eq!((c.not_handled, c.no_operator, c.unreadable, c.totals_skipped), (1, 1, 2, 1));
        assert_eq!(c.problems.iter().map(|p| p.row).collect::<Vec<_>>(), vec![6, 8]);
        assert_eq!(c.records[1].channel(), Channel::Chat);
        assert_eq!(c.refs[1].id.as_deref(), Some("3"));
        // intervals 08:00 (3 contacts), 09:30 (2): Q₃ = 3 → only 08:00 is peak
        assert_eq!((c.peak.intervals, c.peak.threshold, c.peak.peak_intervals), (2, 3, 1));
        assert!(c.records.iter().all(|r| r.peak()));
    }

    #[test]
    fn cp1251_bytes_are_decoded() {
        let text = "Дата и время;Результат;Ожидание;Разговор;Оператор\n01.03.2024 08:00:05;Отвечен;4;100;Сидоров\n";
        // Windows-1251: А…я are 0xC0…0xFF, ASCII as is
        let bytes: Vec<u8> = text
            .chars()
            .map(|ch| match ch {
                'А'..='я' => (ch as u32 - 'А' as u32 + 0xC0) as u8,
                _ => ch as u8,
            })
            .collect();
        let c = operators_from_cdr(&bytes, 900).unwrap();
        assert_eq!(c.records.len(), 1);
        assert_eq!(c.records[0].operator(), "Сидоров");
    }

    #[test]
    fn agent_rows_without_time_are_counted() {
        let row = AgentRow {
            period_start: None,
            agent: "B".into(),
            queue: None,
            logged_in_s: None,
            available_s: None,
            talk_s: None,
            hold_s: None,
            acw_s: None,
            not_ready_s: Some(10.0),
            scheduled_s: None,
            not_ready_by_reason: vec![],
            contacts: None,
            contacts_by_channel: vec![],
        };
        let bad = AgentRow { logged_in_s: Some(5.0), ..row.clone() };
        let ok = AgentRow { logged_in_s: Some(50.0), ..row.clone() };
        let t = operator_times_from_agents(&[row, bad, ok], &[]);
        assert_eq!((t.rows, t.unusable, t.undated, t.times.len()), (3, 2, 1, 1));
        assert_eq!(t.problems.iter().map(|p| p.row).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(t.totals[0].occupancy(), None);
    }
}

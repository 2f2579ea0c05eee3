//! Importing real statistics — ACD/PBX/CRM exports as they are, in any of
//! the encodings, delimiters and number formats Russian and Ukrainian
//! contact centres produce.
//!
//! Pipeline:
//! 1. [`decode`] bytes → text (UTF-8 ± BOM, UTF-16 LE/BE, Windows-1251);
//! 2. [`CsvReader`] text → records, fed in pieces (progress in the browser);
//! 3. header detection below title rows, one- or two-row headers, the kind of
//!    statistics and the [`ColumnMap`] from RU/UA/EN header synonyms
//!    ([`Layout`], editable and passed back);
//! 4. [`RowReader`] records → typed rows ([`IntervalRow`], [`CdrRow`],
//!    [`AgentRow`]); totals rows («Итого», «Всего», «Total») and repeated
//!    headers are skipped **and listed**; unreadable rows are rejected **and
//!    listed** with file, row, line, column, value and what was expected;
//! 5. [`CdrAggregator`] call-detail records → [`IntervalStats`] on the fly
//!    (memory ∝ intervals), or [`aggregate_interval_rows`] for reports.
//!
//! [`Importer`] runs steps 2–5; [`import_bytes`] runs all five at once.

mod aggregate;
mod cells;
mod columns;
mod csv;
mod datetime;
mod decode;
pub mod demo;
pub mod mapping;
mod quality;
mod rows;
mod sheet;
pub mod vendor;

use core::fmt;

pub use aggregate::{
    aggregate_cdr, aggregate_interval_rows, average_handle_time_s, measured_asa_s, patience_estimate,
    report_interval_s, service_level, AggregateOptions, CdrAggregator, CdrSummary, IntervalStats, Patience, SlVariant,
};
pub use cells::{
    parse_count, parse_duration_cell, parse_flag, parse_non_negative, parse_percent_cell, parse_score, MAX_COUNT,
};
pub use columns::{header_key, normalize_label, ColumnMap, Field, Layout, ReportKind};
pub use csv::{detect_delimiter, CsvReader, Delimiter, Record};
pub use datetime::{
    civil_from_days, days_from_civil, days_in_month, is_leap_year, parse_datetime_cell, parse_yymmdd, DateTimeCell,
    Timestamp,
};
pub use decode::{decode, decode_as, Decoded, Encoding};
pub use mapping::{
    header_layout, CodedColumn, ImportWarning, MappingFile, MappingFileError, OutcomeMeaning, RowFilter, ValueCount,
    ValueMapping, MAPPING_FILE_VERSION, MAX_CODED_VALUES, SAME_TIME_SHARE, WARNING_MIN_ROWS,
};
use mapping::{same_text, CodedCollector, TimeProfile};
pub use quality::{
    caller_key, csat_mean, csat_top2_box, fcr_flagged, fcr_repeat_window, followed_by_repeat, net_promoter_score,
    pareto, repeat_contact_rate, transfer_rate, ContactKey, ParetoBar, QualityCounts, ReasonCount, CSAT_MAX,
    CSAT_TOP2_MIN, DEFAULT_REPEAT_WINDOW_S, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN,
};
pub use rows::{AgentRow, CdrRead, CdrRow, CellError, Channel, IntervalRow, Outcome, RowReader};
pub use sheet::{is_workbook, read_workbook, sheet_to_csv_text, Workbook, WorkbookError, WorkbookSheet};

pub use vendor::queue_log::{PauseTime, QueueExits, QueueLogAgent, QueueLogCounts, QueueLogReport};
pub use vendor::{ole2_kind, SourceFormat, SourceNote, WorkbookKind};

use crate::error::{FieldError, Problem};
use columns::{detect_layout, HeldRecord, HEADER_SEARCH_RECORDS};

/// What to import and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// Shown in rejected-row reports.
    pub file_name: String,
    /// `None`: detect.
    pub delimiter: Option<Delimiter>,
    /// `None`: detect from the header.
    pub kind: Option<ReportKind>,
    /// A layout from a previous detection, possibly edited by the user:
    /// header rows and mapping are taken from it instead of detected.
    pub layout: Option<Layout>,
    /// Interval grid and thresholds for call-detail records.
    pub aggregate: AggregateOptions,
    /// XLSX/ODS: the sheet to import; `None`: the first sheet with data.
    pub sheet: Option<String>,
    /// Local time − UTC, seconds (`+03:00` → 10 800), applied to Unix
    /// (epoch) times, which are UTC: Asterisk queue_log. Default 0.
    pub utc_offset_s: i32,
}

impl ImportOptions {
    /// Detect everything; 15-minute intervals, T = 20 s, short abandons < 5 s.
    pub fn new(file_name: impl Into<String>) -> Self {
        ImportOptions {
            file_name: file_name.into(),
            delimiter: None,
            kind: None,
            layout: None,
            aggregate: AggregateOptions::default(),
            sheet: None,
            utc_offset_s: 0,
        }
    }
}

/// Why a file could not be imported at all (single rows are never a reason:
/// they are rejected and listed).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file has no non-empty rows.
    Empty { file: String },
    /// No header row matches a kind of statistics: ask the user for a mapping.
    /// `kind` and `missing` describe the closest match; `columns` are the
    /// labels of the best candidate header row.
    NoHeader { file: String, kind: Option<ReportKind>, missing: Vec<&'static [Field]>, columns: Vec<String> },
    /// An XLSX/ODS workbook that cannot be read, or has no such sheet.
    Workbook { file: String, problem: String },
    /// A spreadsheet the importer recognises but does not read (`.xls`,
    /// `.xlsb`, password-protected): never parsed as text.
    UnsupportedWorkbook { file: String, kind: WorkbookKind },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty { file } => write!(f, "{file}: the file has no data"),
            ImportError::Workbook { file, problem } => write!(f, "{file}: {problem}"),
            ImportError::UnsupportedWorkbook { file, kind } => write!(f, "{file}: {kind}"),
            ImportError::NoHeader { file, kind, missing, columns } => {
                write!(f, "{file}: no header row of a known report was found")?;
                if let Some(k) = kind {
                    write!(f, "; closest: {k}, missing ")?;
                    for (i, alts) in missing.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        let names: Vec<&str> = alts.iter().map(|a| a.name()).collect();
                        f.write_str(&names.join(" or "))?;
                    }
                }
                write!(f, "; columns: {columns:?}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// A data row that was not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedRow {
    pub file: String,
    /// 1-based spreadsheet row (see [`Record::row`]).
    pub row: u64,
    /// 1-based text line where the row starts.
    pub line: u64,
    /// 0-based column, if one cell is at fault.
    pub column: Option<usize>,
    /// The column's header label (or `"column N"`).
    pub column_name: String,
    pub field: Option<Field>,
    /// The cell as read.
    pub value: String,
    pub problem: Problem,
}

impl RejectedRow {
    /// What was expected, in English (`"expected a whole number"` …).
    pub fn expected(&self) -> String {
        self.problem.to_string()
    }
}

impl fmt::Display for RejectedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: row {} (line {})", self.file, self.row, self.line)?;
        if self.column.is_some() || !self.column_name.is_empty() {
            write!(f, ", column «{}»", self.column_name)?;
        }
        if let Some(field) = self.field {
            write!(f, " ({field})")?;
        }
        write!(f, ": {:?} — {}", self.value, self.problem)
    }
}

/// Why a non-data row was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Title or note rows above the header.
    Preamble,
    /// «Итого», «Всего», «Total» … rows (totals are recomputed, not imported).
    Totals,
    /// The header again (page breaks in exports).
    RepeatedHeader,
}

impl SkipReason {
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::Preamble => "preamble",
            SkipReason::Totals => "totals",
            SkipReason::RepeatedHeader => "repeated_header",
        }
    }
}

/// A skipped non-data row, listed so nothing disappears unseen.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    pub row: u64,
    pub line: u64,
    pub reason: SkipReason,
    /// The row's non-empty cells joined by ` | ` (shortened to 200 characters).
    pub text: String,
}

/// Counts of what happened to the rows of a file.
///
/// `rows_read = kept + rejected + totals_skipped + repeated_headers_skipped +
/// excluded + ignored + not_queued` (rows below the header that are not
/// empty).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    pub file: String,
    /// Set by [`import_bytes`]; `None` when text was fed directly.
    pub encoding: Option<Encoding>,
    /// Byte sequences that could not be decoded (became U+FFFD).
    pub undecodable: usize,
    pub delimiter: Delimiter,
    pub kind: ReportKind,
    pub rows_read: u64,
    pub kept: u64,
    pub rejected: u64,
    pub totals_skipped: u64,
    pub repeated_headers_skipped: u64,
    pub empty_rows: u64,
    pub preamble_rows: u64,
    /// Date/time cells whose zone designator (`Z`, `+03:00`) was not applied.
    pub zone_designators_ignored: u64,
    /// Call-detail records never offered to the queue: the queue-entry
    /// column is mapped, its cell is empty (or a sentinel) and the contact
    /// was not answered — callers who left in the IVR. Not offered, not
    /// abandons; per interval in [`IntervalStats::not_queued`].
    pub not_queued: u64,
    /// Rows left out by a row filter ([`mapping::RowFilter`]).
    pub excluded: u64,
    /// Rows whose outcome maps to [`OutcomeMeaning::Ignore`].
    pub ignored: u64,
    /// Plausibility warnings (typed).
    pub warnings: Vec<ImportWarning>,
    /// Distinct values of the coded columns (outcome, channel, transferred,
    /// resolved, queue), at most [`MAX_CODED_VALUES`] each.
    pub coded: Vec<CodedColumn>,
    /// The vendor format recognised (queue_log, Cisco, Avaya …), if any;
    /// [`SourceFormat::notes`] says what it cannot give.
    pub format: Option<SourceFormat>,
}

/// The imported data, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportedData {
    /// Interval-report rows as read (aggregate with [`aggregate_interval_rows`]).
    Intervals(Vec<IntervalRow>),
    /// Call-detail records, aggregated while reading with
    /// [`ImportOptions::aggregate`].
    Cdr(Vec<IntervalStats>),
    /// Agent-report rows.
    Agents(Vec<AgentRow>),
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub layout: Layout,
    pub summary: ImportSummary,
    pub rejected: Vec<RejectedRow>,
    /// Preamble, totals and repeated-header rows, in file order.
    pub skipped: Vec<SkippedRow>,
    pub data: ImportedData,
    /// The aggregation settings used for call-detail records.
    pub aggregate: AggregateOptions,
    /// Contacts per reason (call-detail records with a reason column;
    /// empty otherwise).
    pub reasons: Vec<ReasonCount>,
    /// An Asterisk queue log: exits apart, open calls, agents.
    pub queue_log: Option<QueueLogReport>,
}

impl Imported {
    /// Interval statistics: the CDR cells as aggregated, or the interval
    /// report on the grid of `opts` (its interval length must not be shorter
    /// than the report's). `None` for agent reports.
    pub fn interval_stats(&self, opts: AggregateOptions) -> Option<Result<Vec<IntervalStats>, FieldError>> {
        match &self.data {
            ImportedData::Cdr(cells) => Some(Ok(cells.clone())),
            ImportedData::Intervals(rows) => Some(aggregate_interval_rows(rows, opts)),
            ImportedData::Agents(_) => None,
        }
    }
}

enum Sink {
    Intervals(Vec<IntervalRow>),
    Cdr(Box<CdrAggregator>),
    Agents(Vec<AgentRow>),
    QueueLog(Box<vendor::queue_log::QueueLogReader>),
    AsteriskCdr(Box<vendor::cdr::AsteriskCdrReader>),
}

struct Active {
    layout: Layout,
    reader: RowReader,
    header_cells: Vec<String>,
    sink: Sink,
    /// Row filters with their columns.
    filters: Vec<(usize, String)>,
    coded: CodedCollector,
    times: TimeProfile,
}

/// What became of a data row that was read.
enum Read {
    Kept,
    NotQueued,
    Ignored,
}

struct State {
    file: String,
    kind: Option<ReportKind>,
    aggregate: AggregateOptions,
    forced: Option<Layout>,
    held: Vec<HeldRecord>,
    active: Option<Active>,
    error: Option<ImportError>,
    rejected: Vec<RejectedRow>,
    skipped: Vec<SkippedRow>,
    rows_read: u64,
    kept: u64,
    totals: u64,
    repeated: u64,
    empty: u64,
    preamble: u64,
    excluded: u64,
    ignored: u64,
    not_queued: u64,
    /// Not-queued records without an arrival time (in no interval).
    not_queued_untimed: u64,
    warnings: Vec<ImportWarning>,
    utc_offset_s: i32,
    format: Option<SourceFormat>,
}

/// Streaming importer: [`Importer::feed`] text in pieces (any size, any
/// split), then [`Importer::finish`]. The header is detected from the first
/// rows unless [`ImportOptions::layout`] is given; after that rows are read,
/// checked and aggregated as they arrive.
///
/// ```
/// use callcalc_engine::{Importer, ImportOptions, ImportedData};
/// let text = "Отчёт по вызовам\n\
///             Дата и время;Очередь;Результат;Ожидание;Разговор;Удержание;Постобработка\n\
///             01.03.2024 08:00:05;Общая;Отвечен;00:00:12;00:03:00;00:00:00;00:00:30\n\
///             01.03.2024 08:07:40;Общая;Потерян;00:00:45;;;\n\
///             01.03.2024 08:09:00;Общая;Отвечен;abc;00:02:00;0;0\n\
///             Итого;;;;;;\n";
/// let mut imp = Importer::new(ImportOptions::new("march.csv"));
/// let chars: Vec<char> = text.chars().collect();
/// for piece in chars.chunks(17) {
///     imp.feed(&piece.iter().collect::<String>());
/// }
/// let out = imp.finish().unwrap();
/// assert_eq!((out.summary.kept, out.summary.rejected, out.summary.totals_skipped), (2, 1, 1));
/// assert_eq!(out.rejected[0].row, 5);
/// assert_eq!(out.rejected[0].column_name, "Ожидание");
/// let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
/// assert_eq!((cells[0].offered, cells[0].answered), (2, 1));
/// ```
pub struct Importer {
    csv: CsvReader,
    st: State,
    bytes: u64,
    /// Text held until the first line is complete, to tell a queue-log
    /// file (`|`-separated, no header) from CSV; `None` once decided.
    first_line: Option<String>,
    /// A queue-log file: its lines are split here, not by the CSV reader.
    pipe: Option<PipeLines>,
}

/// Splits `|`-separated queue-log lines fed in pieces.
struct PipeLines {
    partial: String,
    line: u64,
}

impl PipeLines {
    fn feed(&mut self, text: &str, st: &mut State) {
        self.partial.push_str(text);
        let Some(last) = self.partial.rfind('\n') else { return };
        let rest = self.partial.split_off(last + 1);
        let full = core::mem::replace(&mut self.partial, rest);
        for l in full.split_terminator('\n') {
            self.line(l, st);
        }
    }

    fn line(&mut self, l: &str, st: &mut State) {
        self.line += 1;
        let l = l.strip_suffix('\r').unwrap_or(l);
        let fields: Vec<String> = l.split('|').map(str::to_owned).collect();
        let (text, ends) = csv::owned_parts(&fields);
        let rec = Record::from_parts(self.line, self.line, false, Delimiter::Semicolon, &text, &ends);
        st.on_record(rec);
    }

    fn finish(&mut self, st: &mut State) {
        let rest = core::mem::take(&mut self.partial);
        if !rest.is_empty() {
            self.line(&rest, st);
        }
    }
}

impl Importer {
    pub fn new(opts: ImportOptions) -> Self {
        let delimiter = opts.layout.as_ref().map(|l| l.delimiter).or(opts.delimiter);
        let forced = opts.layout.is_some() || opts.delimiter.is_some();
        Importer {
            csv: CsvReader::new(delimiter),
            st: State {
                file: opts.file_name,
                kind: opts.kind,
                aggregate: opts.aggregate,
                forced: opts.layout,
                held: Vec::new(),
                active: None,
                error: None,
                rejected: Vec::new(),
                skipped: Vec::new(),
                rows_read: 0,
                kept: 0,
                totals: 0,
                repeated: 0,
                empty: 0,
                preamble: 0,
                excluded: 0,
                ignored: 0,
                not_queued: 0,
                not_queued_untimed: 0,
                warnings: Vec::new(),
                utc_offset_s: opts.utc_offset_s,
                format: None,
            },
            bytes: 0,
            first_line: if forced { None } else { Some(String::new()) },
            pipe: None,
        }
    }

    /// Reads the next piece of text.
    pub fn feed(&mut self, text: &str) {
        let text = if self.bytes == 0 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
        self.bytes += text.len() as u64;
        if let Some(held) = self.first_line.as_mut() {
            held.push_str(text);
            let ready = held.contains('\n') || held.len() >= 4096;
            if !ready {
                return;
            }
            self.decide_text_kind();
            return;
        }
        self.feed_decided(text);
    }

    fn feed_decided(&mut self, text: &str) {
        let st = &mut self.st;
        match self.pipe.as_mut() {
            Some(p) => p.feed(text, st),
            None => self.csv.feed(text, &mut |rec| st.on_record(rec)),
        }
    }

    /// The first line is in: a queue-log file, or CSV.
    fn decide_text_kind(&mut self) {
        let Some(held) = self.first_line.take() else { return };
        let first = held.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if vendor::queue_log::is_queue_log_line(first) {
            self.pipe = Some(PipeLines { partial: String::new(), line: 0 });
            self.st.format = Some(SourceFormat::AsteriskQueueLog);
            self.st.forced = Some(vendor::queue_log::file_layout());
        }
        self.feed_decided(&held);
    }

    /// Bytes of text fed so far (for a progress bar against the file size).
    pub fn bytes_fed(&self) -> u64 {
        self.bytes
    }

    /// Records (rows) read so far.
    pub fn rows_seen(&self) -> u64 {
        self.csv.records()
    }

    /// The layout, once the header has been found.
    pub fn layout(&self) -> Option<&Layout> {
        self.st.active.as_ref().map(|a| &a.layout)
    }

    /// Rejected rows so far.
    pub fn rejected(&self) -> &[RejectedRow] {
        &self.st.rejected
    }

    /// Ends the input and returns everything read.
    pub fn finish(mut self) -> Result<Imported, ImportError> {
        self.decide_text_kind();
        let st = &mut self.st;
        match self.pipe.as_mut() {
            Some(p) => p.finish(st),
            None => self.csv.finish(&mut |rec| st.on_record(rec)),
        }
        if self.st.active.is_none() && self.st.error.is_none() {
            let delim = self.st.held.first().map(|h| h.delimiter).unwrap_or(Delimiter::Semicolon);
            self.st.decide(delim);
        }
        if let Some(e) = self.st.error.take() {
            return Err(e);
        }
        let st = self.st;
        let Some(active) = st.active else {
            return Err(ImportError::Empty { file: st.file });
        };
        let Active { layout, mut reader, sink, coded, times, .. } = active;
        let zones = reader.zone_designators_ignored();
        let coded = coded.finish(|field, value| reader.reading(field, value));
        let mut warnings = st.warnings;
        let mut reasons = Vec::new();
        let mut queue_log = None;
        let data = match sink {
            Sink::QueueLog(r) => {
                let (cells, why, report) = r.finish();
                reasons = why;
                queue_log = Some(report);
                ImportedData::Cdr(cells)
            }
            Sink::AsteriskCdr(r) => {
                let (cells, why) = r.finish();
                reasons = why;
                ImportedData::Cdr(cells)
            }
            Sink::Intervals(rows) => ImportedData::Intervals(rows),
            Sink::Cdr(agg) => {
                let s = agg.finish_summary();
                reasons = s.reasons;
                warnings.extend(times.warnings(s.cells.iter().filter(|c| c.offered > 0).map(|c| c.start)));
                if st.not_queued_untimed > 0 {
                    warnings.push(ImportWarning::NotQueuedWithoutTime { rows: st.not_queued_untimed });
                }
                ImportedData::Cdr(s.cells)
            }
            Sink::Agents(rows) => ImportedData::Agents(rows),
        };
        let summary = ImportSummary {
            file: st.file,
            encoding: None,
            undecodable: 0,
            delimiter: layout.delimiter,
            kind: layout.map.kind,
            rows_read: st.rows_read,
            kept: st.kept,
            rejected: st.rejected.len() as u64,
            totals_skipped: st.totals,
            repeated_headers_skipped: st.repeated,
            empty_rows: st.empty,
            preamble_rows: st.preamble,
            zone_designators_ignored: zones,
            not_queued: st.not_queued,
            excluded: st.excluded,
            ignored: st.ignored,
            warnings,
            coded,
            format: st.format,
        };
        let mut skipped = st.skipped;
        skipped.sort_by_key(|s| s.row);
        Ok(Imported {
            layout,
            summary,
            rejected: st.rejected,
            skipped,
            data,
            aggregate: st.aggregate,
            reasons,
            queue_log,
        })
    }
}

impl State {
    fn on_record(&mut self, rec: Record<'_>) {
        if self.error.is_some() {
            return;
        }
        if self.active.is_some() {
            self.process(&rec);
            return;
        }
        if let Some(layout) = self.forced.take() {
            self.activate(layout);
            self.process(&rec);
            return;
        }
        if rec.is_blank() {
            self.empty += 1;
            return;
        }
        self.held.push(HeldRecord {
            row: rec.row,
            line: rec.line,
            cells: rec.to_cells(),
            raw: (0..rec.len()).filter_map(|i| rec.raw(i)).map(str::to_owned).collect(),
            unterminated_quote: rec.unterminated_quote,
            delimiter: rec.delimiter,
        });
        if self.held.len() > HEADER_SEARCH_RECORDS {
            self.decide(rec.delimiter);
        }
    }

    fn decide(&mut self, delimiter: Delimiter) {
        if self.held.is_empty() {
            return;
        }
        if let Some(layout) = vendor::detect_layout(&self.held, delimiter, self.kind) {
            self.format = Some(layout.0);
            let held = core::mem::take(&mut self.held);
            self.activate(layout.1);
            for h in &held {
                let (text, ends) = csv::owned_parts(&h.raw);
                let rec = Record::from_parts(h.row, h.line, h.unterminated_quote, h.delimiter, &text, &ends);
                self.process(&rec);
            }
            return;
        }
        match detect_layout(&self.held, delimiter, self.kind) {
            Ok(layout) => {
                self.format = vendor::headers::recognise(&layout.columns);
                let held = core::mem::take(&mut self.held);
                self.activate(layout);
                for h in &held {
                    let (text, ends) = csv::owned_parts(&h.raw);
                    let rec = Record::from_parts(h.row, h.line, h.unterminated_quote, h.delimiter, &text, &ends);
                    self.process(&rec);
                }
            }
            Err(e) => {
                self.error = Some(ImportError::NoHeader {
                    file: self.file.clone(),
                    kind: e.kind,
                    missing: e.missing,
                    columns: e.columns,
                });
            }
        }
    }

    fn activate(&mut self, layout: Layout) {
        let sink = match layout.map.kind {
            _ if self.format == Some(SourceFormat::AsteriskQueueLog) => {
                Sink::QueueLog(Box::new(vendor::queue_log::QueueLogReader::new(self.aggregate, self.utc_offset_s)))
            }
            _ if self.format == Some(SourceFormat::AsteriskCdr) => {
                Sink::AsteriskCdr(Box::new(vendor::cdr::AsteriskCdrReader::new(self.aggregate, &layout.columns)))
            }
            ReportKind::Interval => Sink::Intervals(Vec::new()),
            ReportKind::Cdr => Sink::Cdr(Box::new(CdrAggregator::new(self.aggregate))),
            ReportKind::Agent => Sink::Agents(Vec::new()),
        };
        let mut filters = Vec::new();
        for f in &layout.values.exclude {
            match layout.map.get(f.field) {
                Some(c) => filters.push((c, f.value.clone())),
                None => {
                    self.warnings.push(ImportWarning::FilterFieldNotMapped { field: f.field, value: f.value.clone() })
                }
            }
        }
        let reader = RowReader::new(layout.map.clone(), layout.delimiter).with_values(layout.values.clone());
        self.active = Some(Active {
            reader,
            coded: CodedCollector::new(&layout.map),
            layout,
            header_cells: Vec::new(),
            sink,
            filters,
            times: TimeProfile::default(),
        });
    }

    fn process(&mut self, rec: &Record<'_>) {
        let Some(active) = self.active.as_mut() else { return };
        let last_header = active.layout.last_header_row();
        if rec.row <= last_header {
            if active.layout.header_rows.contains(&rec.row) {
                if rec.row == last_header {
                    active.header_cells = rec.to_cells();
                }
            } else if rec.is_blank() {
                self.empty += 1;
            } else {
                self.preamble += 1;
                self.skipped.push(SkippedRow {
                    row: rec.row,
                    line: rec.line,
                    reason: SkipReason::Preamble,
                    text: row_text(rec),
                });
            }
            return;
        }
        if rec.is_blank() {
            self.empty += 1;
            return;
        }
        self.rows_read += 1;
        if is_totals_row(rec) {
            self.totals += 1;
            self.skipped.push(SkippedRow {
                row: rec.row,
                line: rec.line,
                reason: SkipReason::Totals,
                text: row_text(rec),
            });
            return;
        }
        if !active.header_cells.is_empty() && is_same_row(rec, &active.header_cells) {
            self.repeated += 1;
            self.skipped.push(SkippedRow {
                row: rec.row,
                line: rec.line,
                reason: SkipReason::RepeatedHeader,
                text: row_text(rec),
            });
            return;
        }
        active.coded.add(rec);
        let result = if rec.unterminated_quote {
            Err(CellError {
                column: None,
                field: None,
                value: row_text(rec),
                problem: Problem::Unreadable { expected: "a closing quote (\") before the end of the file" },
            })
        } else if active.filters.iter().any(|(c, v)| same_text(rec.cell(*c).unwrap_or(""), v)) {
            self.excluded += 1;
            return;
        } else {
            match &mut active.sink {
                Sink::Intervals(rows) => active.reader.interval(rec).and_then(|mut r| {
                    if self.format.is_some() {
                        vendor_interval(&active.layout.columns, rec, &mut r, self.format, self.utc_offset_s)?;
                    }
                    rows.push(r);
                    Ok(Read::Kept)
                }),
                Sink::Cdr(agg) => active.reader.read_cdr(rec).map(|r| match r {
                    CdrRead::Contact(row) => {
                        active.times.add(row.arrival);
                        agg.add(&row);
                        Read::Kept
                    }
                    CdrRead::NotQueued { arrival, queue, channel } => {
                        match arrival {
                            Some(t) => agg.add_not_queued(t, queue, channel),
                            None => self.not_queued_untimed += 1,
                        }
                        Read::NotQueued
                    }
                    CdrRead::Ignored => Read::Ignored,
                }),
                Sink::Agents(rows) => active.reader.agent(rec).map(|r| {
                    rows.push(r);
                    Read::Kept
                }),
                Sink::QueueLog(r) => r.record(rec).map(|()| Read::Kept),
                Sink::AsteriskCdr(r) => r.record(rec).map(|()| Read::Kept),
            }
        };
        match result {
            Ok(Read::Kept) => self.kept += 1,
            Ok(Read::NotQueued) => self.not_queued += 1,
            Ok(Read::Ignored) => self.ignored += 1,
            Err(e) => {
                let column_name = e.column.map(|c| active.layout.column_label(c)).unwrap_or_default();
                self.rejected.push(RejectedRow {
                    file: self.file.clone(),
                    row: rec.row,
                    line: rec.line,
                    column: e.column,
                    column_name,
                    field: e.field,
                    value: e.value,
                    problem: e.problem,
                });
            }
        }
    }
}

/// First words of totals rows (RU, UA, EN), lower case.
const TOTAL_WORDS: &[&str] = &[
    "итого",
    "итог",
    "итоги",
    "всего",
    "сумма",
    "total",
    "totals",
    "sum",
    "grand",
    "overall",
    "усього",
    "всього",
    "разом",
    "підсумок",
    "σ",
];

/// A totals row: its first non-empty cell starts with a totals word
/// («Итого», «Всего за период:», «Total», «Разом»).
fn is_totals_row(rec: &Record<'_>) -> bool {
    let Some(first) = rec.cells().find(|c| !c.is_empty()) else { return false };
    let Some(ch) = first.chars().next() else { return false };
    if !(ch.is_alphabetic() || ch == 'Σ') || first.len() > 200 {
        return false;
    }
    let word: String =
        first.chars().take_while(|c| c.is_alphanumeric() || *c == 'Σ').flat_map(char::to_lowercase).collect();
    TOTAL_WORDS.contains(&word.as_str())
}

fn is_same_row(rec: &Record<'_>, cells: &[String]) -> bool {
    rec.cell(0) == cells.first().map(String::as_str)
        && rec.cells().zip(cells).all(|(a, b)| a == b)
        && rec.len() >= cells.len()
}

fn row_text(rec: &Record<'_>) -> String {
    let mut s = String::new();
    for c in rec.cells().filter(|c| !c.is_empty()) {
        if !s.is_empty() {
            s.push_str(" | ");
        }
        s.push_str(c);
        if s.chars().count() > 200 {
            s = s.chars().take(200).collect();
            s.push('…');
            break;
        }
    }
    s
}

/// Finds the layout of a file from its beginning (a prefix is enough), for
/// the UI to show before importing. The delimiter and kind of `opts` are used
/// when given.
///
/// ```
/// use callcalc_engine::{sniff, Field, ImportOptions, ReportKind};
/// let l = sniff("Дата;Интервал;Поступило;Принято\n01.03.2024;08:00;10;9\n", &ImportOptions::new("x.csv")).unwrap();
/// assert_eq!(l.map.kind, ReportKind::Interval);
/// assert_eq!(l.map.get(Field::Answered), Some(3));
/// ```
pub fn sniff(text: &str, opts: &ImportOptions) -> Result<Layout, ImportError> {
    let mut o = opts.clone();
    o.layout = None;
    let mut imp = Importer::new(o);
    imp.feed(text);
    imp.finish().map(|i| i.layout)
}

/// Decodes and imports a whole file, feeding the text in 1 MiB pieces.
/// The summary carries the detected encoding.
///
/// ```
/// use callcalc_engine::{import_bytes, ImportOptions, Encoding};
/// let bytes = b"\xc4\xe0\xf2\xe0;\xcf\xee\xf1\xf2\xf3\xef\xe8\xeb\xee;\xcf\xf0\xe8\xed\xff\xf2\xee\n01.03.2024;10;9\n";
/// let out = import_bytes(bytes, ImportOptions::new("cp1251.csv")).unwrap();
/// assert_eq!(out.summary.encoding, Some(Encoding::Windows1251));
/// assert_eq!(out.summary.kept, 1);
/// ```
pub fn import_bytes(bytes: &[u8], mut opts: ImportOptions) -> Result<Imported, ImportError> {
    if let Some(kind) = unsupported_workbook(bytes) {
        return Err(ImportError::UnsupportedWorkbook { file: opts.file_name, kind });
    }
    if is_workbook(bytes) {
        let (name, text) = workbook_sheet_text(bytes, &opts.file_name, opts.sheet.as_deref())?;
        opts.file_name = name;
        opts.delimiter = Some(Delimiter::Semicolon);
        return import_bytes(text.as_bytes(), opts);
    }
    // Valid UTF-8 without a BOM is read in place; anything else is decoded first.
    let plain = match core::str::from_utf8(bytes) {
        Ok(s) if !s.starts_with('\u{feff}') && decode::utf16_without_bom(bytes).is_none() => Some(s),
        _ => None,
    };
    let decoded = if plain.is_some() { None } else { Some(decode(bytes)) };
    let text = match (&decoded, plain) {
        (Some(d), _) => d.text.as_str(),
        (None, Some(s)) => s,
        (None, None) => "",
    };
    let mut imp = Importer::new(opts);
    let mut start = 0;
    const PIECE: usize = 1 << 20;
    while start < text.len() {
        let mut end = (start + PIECE).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        imp.feed(&text[start..end]);
        start = end;
    }
    let mut out = imp.finish()?;
    out.summary.encoding = Some(decoded.as_ref().map_or(Encoding::Utf8, |d| d.encoding));
    out.summary.undecodable = decoded.as_ref().map_or(0, |d| d.replaced);
    Ok(out)
}

/// The chosen sheet of an XLSX/ODS workbook (`None`: the first with data) as
/// `;`-separated text, and the file name rejected rows should name
/// (`report.xlsx [Лист1]`).
pub fn workbook_sheet_text(bytes: &[u8], file: &str, sheet: Option<&str>) -> Result<(String, String), ImportError> {
    if let Some(kind) = unsupported_workbook(bytes) {
        return Err(ImportError::UnsupportedWorkbook { file: file.to_string(), kind });
    }
    let wb =
        read_workbook(bytes).map_err(|e| ImportError::Workbook { file: file.to_string(), problem: e.to_string() })?;
    let s = wb.sheet(sheet).ok_or_else(|| ImportError::Workbook {
        file: file.to_string(),
        problem: match sheet {
            Some(n) => format!("no sheet named {n:?}; sheets: {:?}", wb.names()),
            None => "the workbook has no sheets".to_string(),
        },
    })?;
    Ok((format!("{file} [{}]", s.name), sheet_to_csv_text(s)))
}

/// A spreadsheet container the importer does not read: an OLE2 compound
/// file (`.xls`, a password-protected workbook) or a ZIP holding an Excel
/// binary workbook (`xl/workbook.bin`, `.xlsb`). `None` for anything else.
///
/// ```
/// use callcalc_engine::{import_bytes, unsupported_workbook, ImportError, ImportOptions, WorkbookKind};
/// let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
/// assert_eq!(unsupported_workbook(&xls), Some(WorkbookKind::Xls));
/// let e = import_bytes(&xls, ImportOptions::new("old.xls")).unwrap_err();
/// assert_eq!(e, ImportError::UnsupportedWorkbook { file: "old.xls".into(), kind: WorkbookKind::Xls });
/// ```
pub fn unsupported_workbook(bytes: &[u8]) -> Option<WorkbookKind> {
    if let Some(kind) = ole2_kind(bytes) {
        return Some(kind);
    }
    (is_workbook(bytes) && sheet::zip_has(bytes, "xl/workbook.bin")).then_some(WorkbookKind::Xlsb)
}

/// Vendor interval rows: wait and handle totals → ASA and AHT (Cisco,
/// Genesys); Genesys WFM interval starts are UTC → local.
fn vendor_interval(
    columns: &[String],
    rec: &Record<'_>,
    row: &mut IntervalRow,
    format: Option<SourceFormat>,
    utc_offset_s: i32,
) -> Result<(), CellError> {
    vendor::headers::apply_totals(columns, rec, row).map_err(|(c, problem)| CellError {
        column: Some(c),
        field: None,
        value: rec.cell(c).unwrap_or("").to_string(),
        problem,
    })?;
    if format == Some(SourceFormat::GenesysCloudWfm) {
        row.start = row.start.plus(i64::from(utc_offset_s));
    }
    Ok(())
}

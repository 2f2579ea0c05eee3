//! The user's value-level choices for an import — what a file's own codes
//! mean (outcomes, channels, yes/no flags), which texts mean "empty"
//! (sentinels such as `0:00:00` in a queue-entry column), which rows to leave
//! out (row filters) — plus what the importer found while reading:
//! the distinct values of coded columns ([`CodedColumn`]) and typed
//! plausibility warnings ([`ImportWarning`]).
//!
//! [`MappingFile`] saves a whole mapping (columns by header label, values,
//! time zone) as a small versioned JSON file shared by the app's import page
//! and `callcalc import --mapping FILE`.
//!
//! Matching rule for every raw text of a mapping (outcome, channel and flag
//! texts, sentinels, row-filter values): the cell and the mapped text are
//! compared after trimming, first exactly, then ignoring letter case
//! (Unicode lower case).

use core::fmt;
use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::columns::{normalize_label, ColumnMap, Field, Layout, ReportKind};
use super::csv::{CsvReader, Delimiter};
use super::datetime::Timestamp;
use super::rows::{Channel, Outcome};

/// What a coded outcome value means (chosen by the user per distinct value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeMeaning {
    Answered,
    Abandoned,
    ShortAbandon,
    Blocked,
    /// Not a contact (a phantom/ghost call, a test call): the row is counted
    /// apart as `ignored`, neither kept nor rejected.
    Ignore,
}

impl OutcomeMeaning {
    pub const ALL: [OutcomeMeaning; 5] = [
        OutcomeMeaning::Answered,
        OutcomeMeaning::Abandoned,
        OutcomeMeaning::ShortAbandon,
        OutcomeMeaning::Blocked,
        OutcomeMeaning::Ignore,
    ];

    /// Stable machine name: `"answered"`, `"abandoned"`, `"short_abandon"`,
    /// `"blocked"`, `"ignore"` (the names of [`Outcome::name`] plus `ignore`).
    pub fn name(self) -> &'static str {
        match self {
            OutcomeMeaning::Answered => "answered",
            OutcomeMeaning::Abandoned => "abandoned",
            OutcomeMeaning::ShortAbandon => "short_abandon",
            OutcomeMeaning::Blocked => "blocked",
            OutcomeMeaning::Ignore => "ignore",
        }
    }

    /// Inverse of [`OutcomeMeaning::name`].
    ///
    /// ```
    /// use callcalc_engine::OutcomeMeaning;
    /// assert_eq!(OutcomeMeaning::from_name("ignore"), Some(OutcomeMeaning::Ignore));
    /// assert_eq!(OutcomeMeaning::from_name("hang"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        OutcomeMeaning::ALL.into_iter().find(|m| m.name() == name.trim())
    }

    /// The outcome of a contact; `None` for [`OutcomeMeaning::Ignore`].
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            OutcomeMeaning::Answered => Some(Outcome::Answered),
            OutcomeMeaning::Abandoned => Some(Outcome::Abandoned),
            OutcomeMeaning::ShortAbandon => Some(Outcome::ShortAbandon),
            OutcomeMeaning::Blocked => Some(Outcome::Blocked),
            OutcomeMeaning::Ignore => None,
        }
    }

    pub fn from_outcome(o: Outcome) -> Self {
        match o {
            Outcome::Answered => OutcomeMeaning::Answered,
            Outcome::Abandoned => OutcomeMeaning::Abandoned,
            Outcome::ShortAbandon => OutcomeMeaning::ShortAbandon,
            Outcome::Blocked => OutcomeMeaning::Blocked,
        }
    }
}

/// A row filter: leave out rows whose `field` column equals `value` (after
/// trimming; case-insensitive). Such rows are counted apart as `excluded`,
/// never rejected, and their other cells are not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowFilter {
    pub field: Field,
    pub value: String,
}

impl RowFilter {
    /// Whether a cell of the filter's column matches.
    ///
    /// ```
    /// use callcalc_engine::{Field, RowFilter};
    /// let f = RowFilter { field: Field::Queue, value: "Test".into() };
    /// assert!(f.matches(" TEST "));
    /// assert!(!f.matches("Testing"));
    /// ```
    pub fn matches(&self, cell: &str) -> bool {
        same_text(cell, &self.value)
    }
}

/// `a` and `b` after trimming: equal, or equal ignoring letter case.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || (a.len().abs_diff(b.len()) <= 8 && a.to_lowercase() == b.to_lowercase())
}

/// The user's value-level choices, part of [`Layout`] (field `values`).
///
/// ```
/// use callcalc_engine::{Channel, Field, OutcomeMeaning, ValueMapping};
/// let mut v = ValueMapping::default();
/// v.set_outcome("HANG", OutcomeMeaning::Abandoned);
/// v.set_outcome("PHANTOM", OutcomeMeaning::Ignore);
/// v.add_empty(Field::QueueEntry, "0:00:00");
/// assert_eq!(v.outcome(" hang "), Some(OutcomeMeaning::Abandoned));
/// assert_eq!(v.outcome("AGENT"), None); // not mapped: the built-in reading applies
/// assert!(v.is_empty_value(Field::QueueEntry, "0:00:00"));
/// assert!(!v.is_empty_value(Field::QueueExit, "0:00:00"));
/// v.set_channel("IVR-V", Channel::Phone);
/// assert_eq!(v.channel("ivr-v"), Some(Channel::Phone));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueMapping {
    /// Raw outcome text (as in the file, trimmed) → meaning. Consulted before
    /// [`Outcome::parse`].
    pub outcomes: Vec<(String, OutcomeMeaning)>,
    /// Raw channel text → channel. Consulted before [`Channel::parse`].
    pub channels: Vec<(String, Channel)>,
    /// Raw flag text (transferred / resolved columns) → yes/no. Consulted
    /// before the built-in yes/no reading.
    pub flags: Vec<(String, bool)>,
    /// Sentinels: per field, raw texts that mean "empty" (e.g. queue_entry:
    /// `0:00:00`; any field: `-`, `n/a`). A sentinel cell is read exactly as
    /// an empty cell of that field.
    pub empty: Vec<(Field, String)>,
    /// Rows left out by value; counted apart as `excluded`.
    pub exclude: Vec<RowFilter>,
}

fn lookup<T: Copy>(list: &[(String, T)], raw: &str) -> Option<T> {
    let raw = raw.trim();
    list.iter().find(|(k, _)| k.trim() == raw).or_else(|| list.iter().find(|(k, _)| same_text(k, raw))).map(|(_, v)| *v)
}

fn set<T>(list: &mut Vec<(String, T)>, raw: &str, value: T) {
    let raw = raw.trim();
    match list.iter_mut().find(|(k, _)| k.trim() == raw) {
        Some(slot) => slot.1 = value,
        None => list.push((raw.to_string(), value)),
    }
}

impl ValueMapping {
    /// No choices at all.
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
            && self.channels.is_empty()
            && self.flags.is_empty()
            && self.empty.is_empty()
            && self.exclude.is_empty()
    }

    /// The user's meaning of an outcome text, if mapped.
    pub fn outcome(&self, raw: &str) -> Option<OutcomeMeaning> {
        lookup(&self.outcomes, raw)
    }

    /// The user's channel for a channel text, if mapped.
    pub fn channel(&self, raw: &str) -> Option<Channel> {
        lookup(&self.channels, raw)
    }

    /// The user's yes/no for a flag text, if mapped.
    pub fn flag(&self, raw: &str) -> Option<bool> {
        lookup(&self.flags, raw)
    }

    /// Whether `raw` is a sentinel ("empty") text of `field`.
    pub fn is_empty_value(&self, field: Field, raw: &str) -> bool {
        self.empty.iter().any(|(f, s)| *f == field && same_text(s, raw))
    }

    /// Maps an outcome text (replacing an earlier choice for the same text).
    pub fn set_outcome(&mut self, raw: &str, meaning: OutcomeMeaning) {
        set(&mut self.outcomes, raw, meaning);
    }

    /// Maps a channel text (replacing an earlier choice for the same text).
    pub fn set_channel(&mut self, raw: &str, channel: Channel) {
        set(&mut self.channels, raw, channel);
    }

    /// Maps a flag text (replacing an earlier choice for the same text).
    pub fn set_flag(&mut self, raw: &str, yes: bool) {
        set(&mut self.flags, raw, yes);
    }

    /// Adds a sentinel text of `field` (once).
    pub fn add_empty(&mut self, field: Field, raw: &str) {
        if !self.is_empty_value(field, raw) {
            self.empty.push((field, raw.trim().to_string()));
        }
    }

    /// Adds a row filter (once).
    pub fn add_exclude(&mut self, field: Field, value: &str) {
        if !self.exclude.iter().any(|f| f.field == field && f.matches(value)) {
            self.exclude.push(RowFilter { field, value: value.trim().to_string() });
        }
    }

    /// Adds `other`'s choices, `other` winning where both map a text.
    pub fn merge(&mut self, other: &ValueMapping) {
        for (k, v) in &other.outcomes {
            self.set_outcome(k, *v);
        }
        for (k, v) in &other.channels {
            self.set_channel(k, *v);
        }
        for (k, v) in &other.flags {
            self.set_flag(k, *v);
        }
        for (f, s) in &other.empty {
            self.add_empty(*f, s);
        }
        for r in &other.exclude {
            self.add_exclude(r.field, &r.value);
        }
    }
}

/// How many distinct values of one coded column are collected.
pub const MAX_CODED_VALUES: usize = 100;

/// The distinct values of a coded column found during an import (for the
/// value-mapping editor): outcome, channel, transferred, resolved and queue
/// columns. Values are in order of falling count, then text.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedColumn {
    pub field: Field,
    /// 0-based column.
    pub column: usize,
    pub values: Vec<ValueCount>,
    /// More than [`MAX_CODED_VALUES`] distinct values: the rest are not listed.
    pub truncated: bool,
}

/// One distinct value of a coded column.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueCount {
    /// The cell as read (trimmed); `""` for empty cells.
    pub value: String,
    /// Data rows with this value (rows left out by a filter included).
    pub count: u64,
    /// What the importer currently reads it as, by machine name: an
    /// [`OutcomeMeaning::name`], a [`Channel::name`], `"yes"`/`"no"`, the
    /// queue's name, or `"empty"` (an empty cell or a sentinel of the
    /// field). `None` = not understood (such outcome and channel cells reject
    /// their rows: map the value and import again).
    pub reading: Option<String>,
}

/// The fields whose distinct values are collected.
pub(crate) const CODED_FIELDS: [Field; 5] =
    [Field::Outcome, Field::Channel, Field::Transferred, Field::Resolved, Field::Queue];

/// Collects distinct values of the coded columns while rows are read.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodedCollector {
    columns: Vec<(Field, usize, HashMap<String, u64>, bool)>,
}

impl CodedCollector {
    pub(crate) fn new(map: &ColumnMap) -> Self {
        let columns =
            CODED_FIELDS.into_iter().filter_map(|f| map.get(f).map(|c| (f, c, HashMap::new(), false))).collect();
        CodedCollector { columns }
    }

    pub(crate) fn add(&mut self, rec: &super::csv::Record<'_>) {
        for (_, c, counts, truncated) in &mut self.columns {
            let v = rec.cell(*c).unwrap_or("").trim();
            if let Some(n) = counts.get_mut(v) {
                *n += 1;
            } else if counts.len() < MAX_CODED_VALUES {
                counts.insert(v.to_string(), 1);
            } else {
                *truncated = true;
            }
        }
    }

    /// The columns with each value's reading by `read(field, value)`.
    pub(crate) fn finish(self, mut read: impl FnMut(Field, &str) -> Option<String>) -> Vec<CodedColumn> {
        self.columns
            .into_iter()
            .map(|(field, column, counts, truncated)| {
                let mut values: Vec<ValueCount> = counts
                    .into_iter()
                    .map(|(value, count)| {
                        let reading = read(field, &value);
                        ValueCount { value, count, reading }
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                CodedColumn { field, column, values, truncated }
            })
            .collect()
    }
}

/// Kept rows needed before a plausibility warning about times is given
/// (fewer rows may honestly share one interval).
pub const WARNING_MIN_ROWS: u64 = 10;

/// Share of rows at one time of day from which
/// [`ImportWarning::SameTimeOfDay`] is given.
pub const SAME_TIME_SHARE: f64 = 0.9;

/// A warning about data that would aggregate into something implausible
/// (typed; the app words it, the CLI prints its [`fmt::Display`] in
/// English). Time warnings concern call-detail records with at least
/// [`WARNING_MIN_ROWS`] kept contacts.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportWarning {
    /// Every kept contact fell in one interval (starting at `start`).
    AllInOneInterval { start: Timestamp, rows: u64 },
    /// Every kept contact's time of day is 00:00:00: a date without a time
    /// (map a time column: arrival, queue entry or queue exit).
    AllAtMidnight { rows: u64 },
    /// `rows` of `of` kept contacts (a share ≥ [`SAME_TIME_SHARE`], not
    /// all at midnight) are at the same time of day `second_of_day`.
    SameTimeOfDay { second_of_day: u32, rows: u64, of: u64 },
    /// A row filter names a field that is not mapped to a column: it left
    /// nothing out.
    FilterFieldNotMapped { field: Field, value: String },
    /// Not-queued contacts (see `ImportSummary::not_queued`) without an
    /// arrival time: counted in the summary but in no interval.
    NotQueuedWithoutTime { rows: u64 },
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::AllInOneInterval { start, rows } => write!(
                f,
                "all {rows} kept contacts fall in one interval starting {start}; check that a time column is mapped"
            ),
            ImportWarning::AllAtMidnight { rows } => write!(
                f,
                "all {rows} kept contacts are at 00:00:00: the file gives a date without a time; map a time column (arrival, queue entry or queue exit)"
            ),
            ImportWarning::SameTimeOfDay { second_of_day, rows, of } => write!(
                f,
                "{rows} of {of} kept contacts are at the same time of day {:02}:{:02}:{:02}; check the time column",
                second_of_day / 3600,
                second_of_day / 60 % 60,
                second_of_day % 60
            ),
            ImportWarning::FilterFieldNotMapped { field, value } => write!(
                f,
                "the row filter {field} = {value:?} left nothing out: no column is mapped to {field}"
            ),
            ImportWarning::NotQueuedWithoutTime { rows } => write!(
                f,
                "{rows} contacts that never reached the queue have no arrival time: they are counted in the summary but in no interval"
            ),
        }
    }
}

/// Time-of-day profile of kept contacts, for the plausibility warnings.
#[derive(Debug, Clone, Default)]
pub(crate) struct TimeProfile {
    rows: u64,
    by_second: HashMap<u32, u64>,
}

impl TimeProfile {
    pub(crate) fn add(&mut self, t: Timestamp) {
        self.rows += 1;
        *self.by_second.entry(t.second_of_day()).or_default() += 1;
    }

    /// Warnings for contacts aggregated into interval starts `starts`.
    pub(crate) fn warnings(&self, starts: impl Iterator<Item = Timestamp>) -> Vec<ImportWarning> {
        let mut out = Vec::new();
        if self.rows < WARNING_MIN_ROWS {
            return out;
        }
        let mut starts = starts;
        if let Some(first) = starts.next() {
            if starts.all(|s| s == first) {
                out.push(ImportWarning::AllInOneInterval { start: first, rows: self.rows });
            }
        }
        if self.by_second.get(&0) == Some(&self.rows) {
            out.push(ImportWarning::AllAtMidnight { rows: self.rows });
        } else if let Some((&second_of_day, &rows)) =
            self.by_second.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        {
            if rows as f64 >= SAME_TIME_SHARE * self.rows as f64 {
                out.push(ImportWarning::SameTimeOfDay { second_of_day, rows, of: self.rows });
            }
        }
        out
    }
}

// Fields and channels are saved by their stable machine names.
impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Field::from_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown field {name:?}")))
    }
}

impl Serialize for Channel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Channel::from_name(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown channel {name:?}")))
    }
}

/// The mapping-file format version written by [`MappingFile::to_json`].
pub const MAPPING_FILE_VERSION: u32 = 1;

/// The whole mapping as a small JSON file (saved and loaded by the app's
/// import page and `callcalc import --mapping FILE`):
///
/// ```json
/// {"version": 1, "kind": "cdr",
///  "columns": [["date", "date"], ["queue_entry", "q_start"], ["outcome", "outcome"]],
///  "values": {"outcomes": [["HANG", "abandoned"], ["PHANTOM", "ignore"]],
///             "empty": [["queue_entry", "0:00:00"]], "exclude": [{"field": "queue", "value": "TT"}]},
///  "utc_offset_minutes": null}
/// ```
///
/// `columns` pairs a field's machine name ([`Field::name`], or
/// `not_ready:REASON` for an agent report's reason column) with the header
/// label of its column; `kind` is `interval`, `cdr` or `agent`.
///
/// ```
/// use callcalc_engine::{sniff, Field, ImportOptions, MappingFile, OutcomeMeaning};
/// let text = "Дата;Время;Результат;Ожидание\n01.03.2024;08:00:05;HANG;12\n";
/// let detected = sniff(text, &ImportOptions::new("x.csv")).unwrap();
/// let mut layout = detected.clone();
/// layout.values.set_outcome("HANG", OutcomeMeaning::Abandoned);
/// let file = MappingFile::from_layout(&layout, None);
/// let json = file.to_json();
/// let back = MappingFile::from_json(&json).unwrap();
/// assert_eq!(back, file);
/// let applied = back.apply(&detected).unwrap();
/// assert_eq!(applied.map, detected.map);
/// assert_eq!(applied.values.outcome("HANG"), Some(OutcomeMeaning::Abandoned));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MappingFile {
    /// [`MAPPING_FILE_VERSION`].
    pub version: u32,
    /// `"interval"`, `"cdr"` or `"agent"`; `None`: as detected.
    #[serde(default)]
    pub kind: Option<String>,
    /// (field name, header label).
    #[serde(default)]
    pub columns: Vec<(String, String)>,
    #[serde(default)]
    pub values: ValueMapping,
    /// Local time = UTC + this offset, for formats with epoch times.
    #[serde(default)]
    pub utc_offset_minutes: Option<i32>,
}

/// Why a mapping file cannot be read or applied (typed; the app words it).
#[derive(Clone, Debug, PartialEq)]
pub enum MappingFileError {
    /// Not JSON of the mapping-file shape; 1-based position, and the JSON
    /// reader's own English description.
    Invalid { line: usize, column: usize, detail: String },
    /// A version this program does not read.
    UnsupportedVersion { found: u32 },
    /// `kind` is not `interval`, `cdr` or `agent`.
    UnknownKind { name: String },
    /// A field name in `columns` that does not exist.
    UnknownField { name: String },
    /// A field that files of this kind do not have.
    FieldNotOfKind { field: Field, kind: ReportKind },
    /// The file has no column with this header label.
    ColumnNotFound { field: String, label: String },
    /// Two fields name the same column.
    DuplicateColumn { label: String },
    /// No header row holding the mapped labels was found (header detection
    /// failed and the labels are not in the first rows either).
    NoHeaderRow { labels: Vec<String> },
    /// Header detection failed and the mapping does not say the kind.
    KindNeeded,
    /// The mapping lacks required fields (each entry: one of these fields).
    Incomplete { kind: ReportKind, missing: Vec<&'static [Field]> },
}

impl fmt::Display for MappingFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingFileError::Invalid { line, column, detail } => {
                write!(f, "mapping file: line {line}, column {column}: {detail}")
            }
            MappingFileError::UnsupportedVersion { found } => {
                write!(f, "mapping file: version {found} is not supported (expected {MAPPING_FILE_VERSION})")
            }
            MappingFileError::UnknownKind { name } => {
                write!(f, "mapping: kind {name:?} is not interval, cdr or agent")
            }
            MappingFileError::UnknownField { name } => write!(f, "mapping: {name:?} is not a field name"),
            MappingFileError::FieldNotOfKind { field, kind } => {
                write!(f, "mapping: field {field} does not belong to a {kind} file")
            }
            MappingFileError::ColumnNotFound { field, label } => {
                write!(f, "mapping: {field}: the file has no column {label:?}")
            }
            MappingFileError::DuplicateColumn { label } => {
                write!(f, "mapping: column {label:?} is mapped to two fields")
            }
            MappingFileError::NoHeaderRow { labels } => {
                write!(f, "mapping: no row among the first rows holds the columns {labels:?}")
            }
            MappingFileError::KindNeeded => {
                write!(f, "mapping: the header was not recognised; say the kind (cdr, interval or agent)")
            }
            MappingFileError::Incomplete { kind, missing } => {
                write!(f, "mapping: a {kind} file needs ")?;
                for (i, alts) in missing.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    let names: Vec<&str> = alts.iter().map(|a| a.name()).collect();
                    f.write_str(&names.join(" or "))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for MappingFileError {}

/// The short kind name of mapping files.
fn kind_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Interval => "interval",
        ReportKind::Cdr => "cdr",
        ReportKind::Agent => "agent",
    }
}

/// The column whose label is `label` (trimmed; exact first, then ignoring case).
fn find_label(columns: &[String], label: &str) -> Option<usize> {
    let l = label.trim();
    columns.iter().position(|c| c.trim() == l).or_else(|| columns.iter().position(|c| same_text(c, l)))
}

impl MappingFile {
    /// The mapping of `layout`: kind, every mapped column by its header label,
    /// and the value choices.
    pub fn from_layout(layout: &Layout, utc_offset_minutes: Option<i32>) -> Self {
        let mut columns: Vec<(String, String)> =
            layout.map.entries().map(|(f, c)| (f.name().to_string(), layout.column_label(c))).collect();
        for (reason, c) in &layout.map.not_ready_reasons {
            columns.push((format!("not_ready:{reason}"), layout.column_label(*c)));
        }
        MappingFile {
            version: MAPPING_FILE_VERSION,
            kind: Some(kind_name(layout.map.kind).to_string()),
            columns,
            values: layout.values.clone(),
            utc_offset_minutes,
        }
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and enums always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a mapping file, checking the version, the kind and the field names.
    pub fn from_json(text: &str) -> Result<Self, MappingFileError> {
        let file: MappingFile = serde_json::from_str(text).map_err(|e| MappingFileError::Invalid {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })?;
        if file.version != MAPPING_FILE_VERSION {
            return Err(MappingFileError::UnsupportedVersion { found: file.version });
        }
        file.kind()?;
        for (name, _) in &file.columns {
            if !name.starts_with("not_ready:") && Field::from_name(name).is_none() {
                return Err(MappingFileError::UnknownField { name: name.clone() });
            }
        }
        Ok(file)
    }

    /// The kind the file names, if any.
    pub fn kind(&self) -> Result<Option<ReportKind>, MappingFileError> {
        match &self.kind {
            None => Ok(None),
            Some(k) => {
                ReportKind::from_name(k).map(Some).ok_or_else(|| MappingFileError::UnknownKind { name: k.clone() })
            }
        }
    }

    /// Applies the mapping to a detected layout of a file: the delimiter and
    /// header rows are kept, the column map is replaced by this file's
    /// columns (found by header label) and the values by this file's. A label
    /// not present is a typed error naming it; so is a mapping that lacks a
    /// required field of its kind.
    pub fn apply(&self, detected: &Layout) -> Result<Layout, MappingFileError> {
        let kind = self.kind()?.unwrap_or(detected.map.kind);
        let mut map = ColumnMap::new(kind);
        let mut used: Vec<usize> = Vec::new();
        for (name, label) in &self.columns {
            let col = find_label(&detected.columns, label)
                .ok_or_else(|| MappingFileError::ColumnNotFound { field: name.clone(), label: label.clone() })?;
            if used.contains(&col) {
                return Err(MappingFileError::DuplicateColumn { label: label.clone() });
            }
            used.push(col);
            if let Some(reason) = name.strip_prefix("not_ready:") {
                map.not_ready_reasons.push((reason.to_string(), col));
                continue;
            }
            let field = Field::from_name(name).ok_or_else(|| MappingFileError::UnknownField { name: name.clone() })?;
            if !kind.fields().any(|f| f == field) {
                return Err(MappingFileError::FieldNotOfKind { field, kind });
            }
            map.set(field, Some(col));
        }
        map.threshold_s = threshold_of(&map, detected);
        let missing = map.missing();
        if !missing.is_empty() {
            return Err(MappingFileError::Incomplete { kind, missing });
        }
        Ok(Layout { map, values: self.values.clone(), ..detected.clone() })
    }

    /// [`MappingFile::apply`] to the layout detected in `text` (a whole file
    /// or its beginning: the first 64 KiB are looked at); when header detection fails, the
    /// header is the first of the first rows holding every mapped label,
    /// and the kind must be given by the file or `opts.kind`.
    pub fn layout_for_text(&self, text: &str, opts: &super::ImportOptions) -> Result<Layout, MappingFileError> {
        let kind = self.kind()?.or(opts.kind);
        let mut o = opts.clone();
        o.kind = kind;
        let text = head(text);
        let detected = match super::sniff(text, &o) {
            Ok(l) => l,
            Err(_) => {
                let kind = kind.ok_or(MappingFileError::KindNeeded)?;
                let labels: Vec<&str> = self.columns.iter().map(|(_, l)| l.as_str()).collect();
                header_layout(text, opts.delimiter, kind, &labels).ok_or_else(|| MappingFileError::NoHeaderRow {
                    labels: labels.iter().map(|s| s.to_string()).collect(),
                })?
            }
        };
        self.apply(&detected)
    }
}

/// The "answered within T" threshold of a re-mapped column map: the detected
/// one when its column is unchanged, else read from the new column's label.
fn threshold_of(map: &ColumnMap, detected: &Layout) -> Option<f64> {
    let col = map.get(Field::AnsweredWithinT).or(map.get(Field::AbandonedWithinT))?;
    let detected_col = detected.map.get(Field::AnsweredWithinT).or(detected.map.get(Field::AbandonedWithinT));
    if detected_col == Some(col) && detected.map.threshold_s.is_some() {
        return detected.map.threshold_s;
    }
    detected.columns.get(col).and_then(|l| normalize_label(l).1)
}

/// The first 64 KiB of `text` (on a character boundary): the header is among
/// the first rows.
fn head(text: &str) -> &str {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A layout with an empty column map of `kind` whose header is the first of
/// the first rows of `text` holding every label of `labels` (trimmed,
/// ignoring case), for files whose header is not recognised. `None` when no
/// such row is found.
///
/// ```
/// use callcalc_engine::{header_layout, ReportKind};
/// let l = header_layout("export\nvru+line,call_id,date\nAA0101,1,990101\n", None, ReportKind::Cdr, &["date", "call_id"]).unwrap();
/// assert_eq!(l.header_rows, vec![2]);
/// assert_eq!(l.columns[2], "date");
/// assert_eq!(l.map.mapped(), 0);
/// ```
pub fn header_layout(text: &str, delimiter: Option<Delimiter>, kind: ReportKind, labels: &[&str]) -> Option<Layout> {
    let mut csv = CsvReader::new(delimiter);
    let mut found: Option<(u64, Vec<String>, Delimiter)> = None;
    let mut seen = 0usize;
    let mut on = |rec: super::csv::Record<'_>| {
        if found.is_some() || rec.is_blank() || seen >= super::columns::HEADER_SEARCH_RECORDS {
            return;
        }
        seen += 1;
        let cells = rec.to_cells();
        if !labels.is_empty() && labels.iter().all(|l| find_label(&cells, l).is_some()) {
            found = Some((rec.row, cells, rec.delimiter));
        }
    };
    csv.feed(head(text), &mut on);
    csv.finish(&mut on);
    let (row, columns, delimiter) = found?;
    let key = super::columns::header_key(&columns);
    Some(Layout {
        delimiter,
        header_rows: vec![row],
        columns,
        key,
        map: ColumnMap::new(kind),
        values: ValueMapping::default(),
    })
}

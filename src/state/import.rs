//! The import page: running the engine's importer on a file's bytes (or the
//! demo centre's), and the view of the result — summary, column mapping,
//! rejected rows, interval statistics — plus handing an interval to the
//! staffing page. The file never leaves the browser.

use std::sync::Arc;

#[cfg(test)]
use callcalc_engine::import_bytes;
use callcalc_engine::{
    decode, demo, header_key, sniff, AggregateOptions, ColumnMap, CsvReader, Delimiter, Field, FieldError, ImportError,
    ImportOptions, ImportSummary, Imported, Importer, IntervalStats, Layout, MappingFile, MappingFileError,
    RejectedRow, ReportKind, SlVariant, SourceFormat, SourceNote, ValueMapping, WorkbookKind,
};

use crate::i18n::{field_text, kind_text, problem_text, Lang, Msg};
use crate::state::staffing::StaffingInputs;
use crate::storage::{self, Loaded};

/// localStorage key prefix of remembered mappings, one per header set.
const MAPPING_PREFIX: &str = "callcalc.mapping.";
/// The first record format (columns only, `field=column index`), still read.
const MAPPING_KIND: &str = "mapping";
const MAPPING_VERSION: u32 = 1;

/// The user's whole mapping (columns by header label, value choices,
/// sentinels, row filters) as the engine's mapping-file JSON.
pub fn encode_mapping(layout: &Layout) -> String {
    MappingFile::from_layout(layout, None).to_json()
}

/// [`encode_mapping`] with the UTC offset the user chose (saved files and
/// remembered mappings of epoch-time formats).
pub fn encode_mapping_with(layout: &Layout, utc_offset_min: Option<i32>) -> String {
    MappingFile::from_layout(layout, utc_offset_min).to_json()
}

/// The UTC offset in a remembered or loaded mapping, if it has one.
pub fn mapping_offset(text: &str) -> Option<i32> {
    MappingFile::from_json(text).ok()?.utc_offset_minutes
}

/// The UTC offset remembered for the header set of `layout`.
pub fn recall_offset(layout: &Layout) -> Option<i32> {
    mapping_offset(&storage::read_raw(&format!("{MAPPING_PREFIX}{}", layout.key))?)
}

/// Applies a remembered mapping to a detected layout of the same header set:
/// the mapping-file JSON, or a record of the first format (`mapping v1`,
/// columns by index). `None` if the record is not usable (other version,
/// unknown field, a column not in the file).
pub fn apply_mapping(text: &str, detected: &Layout) -> Option<Layout> {
    if text.trim_start().starts_with('{') {
        return MappingFile::from_json(text).ok()?.apply(detected).ok();
    }
    let Loaded::Found(m) = storage::decode(text, MAPPING_KIND, MAPPING_VERSION) else { return None };
    let mut layout = detected.clone();
    for (name, col) in &m {
        let field = Field::from_name(name)?;
        let col =
            if col.is_empty() { None } else { Some(col.parse::<usize>().ok().filter(|&c| c < layout.columns.len())?) };
        layout.map.set(field, col);
    }
    Some(layout)
}

/// A mapping file's problem in the user's language.
pub fn mapping_error_text(lang: Lang, e: &MappingFileError) -> String {
    let or = |alts: &[Field]| alternatives(lang, alts);
    match e {
        MappingFileError::Invalid { line, column, detail } => format!(
            "{} ({} {line}, {} {column}; {}: {detail})",
            Msg::ImpMapErrInvalid.text(lang),
            Msg::ImpMapErrLine.text(lang),
            Msg::ImpMapErrCol.text(lang),
            Msg::ImpErrDetail.text(lang)
        ),
        MappingFileError::UnsupportedVersion { found } => format!("{}: {found}", Msg::ImpMapErrVersion.text(lang)),
        MappingFileError::UnknownKind { name } => format!("{}: «{name}»", Msg::ImpMapErrKind.text(lang)),
        MappingFileError::UnknownField { name } => format!("{}: «{name}»", Msg::ImpMapErrField.text(lang)),
        MappingFileError::FieldNotOfKind { field, kind } => {
            format!("{}: {} — {}", Msg::ImpMapErrNotOfKind.text(lang), field_text(lang, *field), kind_text(lang, *kind))
        }
        MappingFileError::ColumnNotFound { field, label } => {
            let f = Field::from_name(field).map(|f| field_text(lang, f).to_string()).unwrap_or_else(|| field.clone());
            format!("{} «{label}» ({f})", Msg::ImpMapErrNoColumn.text(lang))
        }
        MappingFileError::DuplicateColumn { label } => format!("{}: «{label}»", Msg::ImpMapErrDuplicate.text(lang)),
        MappingFileError::NoHeaderRow { labels } => {
            let l: Vec<String> = labels.iter().map(|l| format!("«{l}»")).collect();
            format!("{} {}", Msg::ImpMapErrNoHeaderRow.text(lang), l.join(", "))
        }
        MappingFileError::KindNeeded => Msg::ImpMapErrKindNeeded.text(lang).to_string(),
        MappingFileError::Incomplete { kind, missing } => {
            let m: Vec<String> = missing.iter().map(|a| or(a)).collect();
            format!("{} ({}): {}", Msg::ImpMapErrIncomplete.text(lang), kind_text(lang, *kind), m.join(", "))
        }
    }
}

/// A mapping file loaded by the user, applied to the layout on the page
/// (detected, or the draft when no header was recognised).
pub fn load_mapping_file(text: &str, current: &Layout) -> Result<Layout, MappingFileError> {
    MappingFile::from_json(text)?.apply(current)
}

/// Remembers the user's mapping for this header set.
pub fn remember_mapping(layout: &Layout, utc_offset_min: Option<i32>) {
    storage::write_raw(&format!("{MAPPING_PREFIX}{}", layout.key), &encode_mapping_with(layout, utc_offset_min));
}

/// The remembered mapping for the header set of `detected`, if any.
pub fn recall_mapping(detected: &Layout) -> Option<Layout> {
    apply_mapping(&storage::read_raw(&format!("{MAPPING_PREFIX}{}", detected.key))?, detected)
}

/// At most this many rejected rows and intervals are listed on the page (all
/// are counted; the CLI prints every one).
pub const MAX_LISTED: usize = 500;

/// A file to import: its name and bytes (shared, so re-imports with another
/// mapping do not copy it).
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// The import options the user chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub interval_min: u32,
    pub threshold_s: f64,
    /// Local time − UTC, minutes, for formats with epoch (UTC) times such as
    /// Asterisk queue_log; the page starts from the browser's zone.
    pub utc_offset_min: i32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { interval_min: 15, threshold_s: 20.0, utc_offset_min: 0 }
    }
}

/// The browser's offset in minutes (local − UTC) from JavaScript's
/// `Date.getTimezoneOffset()`, which is UTC − local (Moscow: −180 → +180).
pub fn utc_offset_from_js(get_timezone_offset: f64) -> i32 {
    if get_timezone_offset.is_finite() && get_timezone_offset.abs() <= 24.0 * 60.0 {
        -(get_timezone_offset.round() as i32)
    } else {
        0
    }
}

/// Whether a recognised format writes epoch (UTC) times, so the page offers
/// the UTC offset.
pub fn uses_utc_offset(format: Option<SourceFormat>) -> bool {
    matches!(format, Some(SourceFormat::AsteriskQueueLog | SourceFormat::AsteriskCdr))
}

/// A format's note in words.
pub fn note_text(lang: Lang, n: SourceNote) -> &'static str {
    match n {
        SourceNote::NoAfterCallWork => Msg::ImpNoteNoAcw.text(lang),
        SourceNote::NoHoldTime => Msg::ImpNoteNoHold.text(lang),
        SourceNote::NoQueueWait => Msg::ImpNoteNoWait.text(lang),
        SourceNote::AnswerMayBeIvr => Msg::ImpNoteIvr.text(lang),
        SourceNote::HandleTimeTotalOnly => Msg::ImpNoteAhtTotal.text(lang),
        SourceNote::NoAbandons => Msg::ImpNoteNoAbandons.text(lang),
    }
}

/// One interval as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalLine {
    pub start: String,
    pub queue: String,
    pub channel: String,
    pub offered: u64,
    pub answered: u64,
    pub abandoned: Option<u64>,
    pub aht_s: Option<f64>,
    pub asa_s: Option<f64>,
    /// Answered within T over offered (Cisco "abandons negative").
    pub sl_negative: Option<f64>,
    /// Answered within T over offered minus abandoned within T ("abandons ignored").
    pub sl_ignored: Option<f64>,
    pub mean_patience_s: Option<f64>,
    pub length_s: u32,
}

/// The result of an import, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportView {
    pub summary: ImportSummary,
    pub layout: Layout,
    /// (field, column label) for every mapped field.
    pub mapping: Vec<(Field, String)>,
    /// Fields the page offers to map: those detected from the header plus
    /// those mapped now (an unmapped field stays on the list to map again).
    pub fields: Vec<Field>,
    /// The first [`MAX_LISTED`] rejected rows (listed on the page).
    pub rejected: Vec<RejectedRow>,
    /// Every rejected row (downloaded).
    pub rejected_all: Arc<Vec<RejectedRow>>,
    /// The rows near the top, offered as the header row.
    pub header_rows: Vec<HeaderRow>,
    pub intervals: Vec<IntervalLine>,
    pub interval_count: usize,
    /// All intervals together.
    pub total: Option<IntervalLine>,
}

fn line(s: &IntervalStats) -> IntervalLine {
    IntervalLine {
        start: s.start.to_string(),
        queue: s.queue.clone().unwrap_or_default(),
        channel: s.channel.map(|c| c.name().to_string()).unwrap_or_default(),
        offered: s.offered,
        answered: s.answered,
        abandoned: s.abandoned,
        aht_s: s.aht_s(),
        asa_s: s.asa_s(),
        sl_negative: s.service_level(SlVariant::AbandonsNegative),
        sl_ignored: s.service_level(SlVariant::AbandonsIgnored),
        mean_patience_s: s.mean_patience_s(),
        length_s: s.length_s,
    }
}

/// Why an import failed (file-level problems only: row problems are
/// rejected rows, not failures). Typed; [`failure_text`] words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The engine could not import the file.
    Import(ImportError),
    /// No header row was recognised: the page opens the mapping editor on
    /// `draft` (the engine's `NoHeader` error is kept for the message).
    NoHeader { error: ImportError, draft: Box<Draft> },
    /// The import settings were refused (interval length, threshold).
    Settings(FieldError),
}

impl Failure {
    fn of(e: ImportError, text: &str) -> Failure {
        match &e {
            ImportError::NoHeader { .. } => match Draft::for_no_header(&e, text) {
                Some(draft) => Failure::NoHeader { error: e, draft: Box::new(draft) },
                None => Failure::Import(e),
            },
            _ => Failure::Import(e),
        }
    }

    /// The mapping editor's starting point, when the header was not recognised.
    pub fn draft(&self) -> Option<&Draft> {
        match self {
            Failure::NoHeader { draft, .. } => Some(draft.as_ref()),
            _ => None,
        }
    }
}

/// A field list as the messages write it: `a or b` (in `lang`).
fn alternatives(lang: Lang, alts: &[Field]) -> String {
    let names: Vec<&str> = alts.iter().map(|f| field_text(lang, *f)).collect();
    names.join(&format!(" {} ", Msg::ImpErrOr.text(lang)))
}

/// The failure in the user's language, with its data: the file, the closest
/// kind of report and what it lacks, the file's columns, the setting refused.
pub fn failure_text(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Import(e) => import_error_text(lang, e),
        // Without any kind matched, the engine names the first row's cells;
        // the draft's header row is the better guess at the columns.
        Failure::NoHeader { error: ImportError::NoHeader { file, kind: None, missing, .. }, draft } => {
            let e = ImportError::NoHeader {
                file: file.clone(),
                kind: None,
                missing: missing.clone(),
                columns: draft.layout.columns.clone(),
            };
            import_error_text(lang, &e)
        }
        Failure::NoHeader { error, .. } => import_error_text(lang, error),
        Failure::Settings(e) => {
            format!("{}: {} = «{}»: {}", Msg::ImpErrSettings.text(lang), e.field, e.value, problem_text(lang, e))
        }
    }
}

/// An engine import error in the user's language (never its English
/// `Display`, except a workbook reader's technical detail, labelled so).
pub fn import_error_text(lang: Lang, e: &ImportError) -> String {
    match e {
        ImportError::Empty { file } => format!("{file}: {}", Msg::ImpErrEmpty.text(lang)),
        ImportError::NoHeader { file, kind, missing, columns } => {
            let mut out = format!("{file}: {}", Msg::ImpErrNoHeader.text(lang));
            if let Some(k) = kind {
                out.push_str(&format!("; {}: {}", Msg::ImpErrClosest.text(lang), kind_text(lang, *k)));
                if !missing.is_empty() {
                    let lacks: Vec<String> = missing.iter().map(|alts| alternatives(lang, alts)).collect();
                    out.push_str(&format!(", {}: {}", Msg::ImpErrMissing.text(lang), lacks.join(", ")));
                }
            }
            let cols: Vec<String> = columns.iter().filter(|c| !c.is_empty()).map(|c| format!("«{c}»")).collect();
            if !cols.is_empty() {
                out.push_str(&format!("; {}: {}", Msg::ImpErrColumns.text(lang), cols.join(", ")));
            }
            out
        }
        ImportError::UnsupportedWorkbook { file, kind } => {
            let why = match kind {
                WorkbookKind::Xls => Msg::ImpErrXls,
                WorkbookKind::Xlsb => Msg::ImpErrXlsb,
                WorkbookKind::Encrypted => Msg::ImpErrEncrypted,
                WorkbookKind::OtherOle2 => Msg::ImpErrOle2,
            };
            format!("{file}: {}", why.text(lang))
        }
        ImportError::Workbook { file, problem } => match problem.strip_prefix("no sheet named ") {
            Some(rest) => {
                let name = rest.split("; sheets:").next().unwrap_or(rest).trim_matches('"');
                format!("{file}: {} «{name}»", Msg::ImpErrNoSheet.text(lang))
            }
            None => format!("{file}: {} ({}: {problem})", Msg::ImpErrWorkbook.text(lang), Msg::ImpErrDetail.text(lang)),
        },
    }
}

/// A row near the file's top the user can choose as the header.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderRow {
    /// 1-based spreadsheet row.
    pub row: u64,
    pub cells: Vec<String>,
}

impl HeaderRow {
    /// The row's non-empty cells, shortened, for a select option.
    pub fn preview(&self) -> String {
        let mut s = String::new();
        for c in self.cells.iter().filter(|c| !c.is_empty()) {
            if !s.is_empty() {
                s.push_str(" | ");
            }
            s.push_str(c);
            if s.chars().count() > 80 {
                s = s.chars().take(80).collect();
                s.push('…');
                break;
            }
        }
        s
    }
}

/// How many rows near the top are offered as the header.
pub const HEADER_CHOICES: usize = 15;

/// The first non-blank rows of `text` (at most [`HEADER_CHOICES`]) and the
/// delimiter they were read with.
pub fn header_rows(text: &str) -> (Delimiter, Vec<HeaderRow>) {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let end = end.min(text.len());
    let mut reader = CsvReader::new(None);
    let mut rows = Vec::new();
    let mut delimiter = None;
    let mut take = |rec: callcalc_engine::Record<'_>| {
        if rows.len() < HEADER_CHOICES && !rec.is_blank() {
            delimiter.get_or_insert(rec.delimiter);
            rows.push(HeaderRow { row: rec.row, cells: rec.to_cells() });
        }
    };
    reader.feed(&text[..end], &mut take);
    reader.finish(&mut take);
    (delimiter.unwrap_or(Delimiter::Semicolon), rows)
}

/// A layout with row `row` (1-based) of `rows` as the one-row header and the
/// columns of `kind` detected from its labels (the user changes the rest).
pub fn layout_for_header(delimiter: Delimiter, rows: &[HeaderRow], row: u64, kind: ReportKind) -> Layout {
    let columns: Vec<String> = rows.iter().find(|r| r.row == row).map(|r| r.cells.clone()).unwrap_or_default();
    Layout {
        delimiter,
        header_rows: vec![row],
        key: header_key(&columns),
        map: ColumnMap::detect(kind, &columns),
        columns,
        values: ValueMapping::default(),
    }
}

/// The mapping editor's starting point for a file whose header was not
/// recognised: the rows near the top, and a layout on the row the engine
/// found closest (or the first row with the most cells).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub layout: Layout,
    pub rows: Vec<HeaderRow>,
}

impl Draft {
    /// `None` unless `e` is a `NoHeader` error and `text` has rows.
    pub fn for_no_header(e: &ImportError, text: &str) -> Option<Draft> {
        let ImportError::NoHeader { kind, columns, .. } = e else { return None };
        let (delimiter, rows) = header_rows(text);
        let trimmed: Vec<&str> = columns.iter().map(|c| c.trim()).collect();
        // The engine's closest row when it matched a kind at all; else the
        // first row with the most cells (title rows have one or two).
        let closest =
            kind.and_then(|_| rows.iter().find(|r| r.cells.iter().map(|c| c.trim()).eq(trimmed.iter().copied())));
        let widest = || rows.iter().max_by_key(|r| (r.cells.iter().filter(|c| !c.is_empty()).count(), -(r.row as i64)));
        let best = closest.or_else(widest)?;
        let layout = layout_for_header(delimiter, &rows, best.row, kind.unwrap_or(ReportKind::Cdr));
        Some(Draft { layout, rows })
    }
}

/// The fields the editor lists for `layout`: those given, those its kind
/// requires (every alternative) and those mapped now, in field order.
pub fn editor_fields(layout: &Layout, given: &[Field]) -> Vec<Field> {
    let kind = layout.map.kind;
    let mut out: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| {
            given.contains(f) || layout.map.get(*f).is_some() || kind.requirements().iter().any(|alts| alts.contains(f))
        })
        .filter(|f| kind.fields().any(|k| k == *f))
        .collect();
    out.dedup();
    out
}

/// Imports `source` with `settings`; `layout` forces a column mapping (the
/// user's override) instead of the detected one.
pub fn run(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, Failure> {
    run_with(source, settings, layout, |_| None)
}

/// [`run`], applying a remembered mapping for the detected header set when
/// the user has not overridden it on the page.
pub fn run_remembered(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, Failure> {
    run_with(source, settings, layout, recall_mapping)
}

fn run_with(
    source: &Source,
    settings: Settings,
    layout: Option<Layout>,
    recall: impl Fn(&Layout) -> Option<Layout>,
) -> Result<ImportView, Failure> {
    let forced = layout.is_some();
    let result = run_once(source, settings, layout);
    if !forced {
        if let Some(remembered) = remembered_for(&result, recall) {
            return run_once(source, settings, Some(remembered));
        }
    }
    result
}

/// The mapping remembered for the header set of a result: of the detected
/// layout (when it differs), or of the draft when no header was recognised.
fn remembered_for(result: &Result<ImportView, Failure>, recall: impl Fn(&Layout) -> Option<Layout>) -> Option<Layout> {
    match result {
        Ok(view) => recall(&view.layout).filter(|l| *l != view.layout),
        Err(f) => f.draft().and_then(|d| recall(&d.layout)),
    }
}

fn run_once(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, Failure> {
    let mut run = ChunkedImport::new(source, settings, layout)?;
    while !run.step() {}
    run.finish()
}

/// Text fed to the importer per step (the page yields to the browser between
/// steps, so a large file keeps the page responsive and shows progress).
pub const CHUNK_BYTES: usize = 1 << 20;

/// An import done in steps of [`CHUNK_BYTES`]: the file is decoded once, then
/// fed to the engine's [`Importer`] a piece at a time.
pub struct ChunkedImport {
    source: Source,
    settings: Settings,
    agg: AggregateOptions,
    text: String,
    encoding: callcalc_engine::Encoding,
    replaced: usize,
    at: usize,
    importer: Importer,
}

impl ChunkedImport {
    /// Starts importing `source` with `settings` (and the user's mapping, if
    /// any).
    pub fn new(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ChunkedImport, Failure> {
        let agg =
            AggregateOptions::new(settings.interval_min * 60, settings.threshold_s, 0.0).map_err(Failure::Settings)?;
        // XLSX/ODS: the first sheet with data, unless the page chose one
        // (then `source` is that sheet's text already).
        // .xls / .xlsb / password-protected workbooks: a typed refusal, never
        // their bytes read as text.
        if let Some(kind) = callcalc_engine::unsupported_workbook(&source.bytes) {
            return Err(Failure::Import(ImportError::UnsupportedWorkbook { file: source.name.clone(), kind }));
        }
        let source = &sheet_source(source, None)?;
        let mut opts = ImportOptions::new(source.name.clone());
        opts.utc_offset_s = settings.utc_offset_min.saturating_mul(60);
        opts.aggregate = agg;
        opts.layout = layout;
        let d = decode(&source.bytes);
        Ok(ChunkedImport {
            source: source.clone(),
            settings,
            agg,
            text: d.text,
            encoding: d.encoding,
            replaced: d.replaced,
            at: 0,
            importer: Importer::new(opts),
        })
    }

    /// Feeds the next piece; `true` when all the text has been fed.
    pub fn step(&mut self) -> bool {
        if self.at < self.text.len() {
            let mut end = (self.at + CHUNK_BYTES).min(self.text.len());
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
            self.importer.feed(&self.text[self.at..end]);
            self.at = end;
        }
        self.at >= self.text.len()
    }

    /// Share of the text fed so far, 0–1.
    pub fn progress(&self) -> f64 {
        if self.text.is_empty() {
            1.0
        } else {
            self.at as f64 / self.text.len() as f64
        }
    }

    /// Ends the import and builds the view.
    pub fn finish(self) -> Result<ImportView, Failure> {
        let mut imported = self.importer.finish().map_err(|e| Failure::of(e, &self.text))?;
        imported.summary.encoding = Some(self.encoding);
        imported.summary.undecodable = self.replaced;
        view_of(&self.source, &self.text, self.agg, imported)
    }

    /// The settings of this run.
    pub fn settings(&self) -> Settings {
        self.settings
    }
}

/// Whether a result should be imported again with the mapping remembered
/// for its header set (the user has not overridden it on the page); a file
/// whose header was not recognised is imported with the mapping remembered
/// for its draft's header row.
pub fn remembered_layout(result: &Result<ImportView, Failure>, forced: bool) -> Option<Layout> {
    if forced {
        return None;
    }
    remembered_for(result, recall_mapping)
}

fn view_of(source: &Source, text: &str, agg: AggregateOptions, imported: Imported) -> Result<ImportView, Failure> {
    let cells = match imported.interval_stats(agg) {
        Some(Ok(c)) => c,
        Some(Err(e)) => return Err(Failure::Settings(e)),
        None => Vec::new(),
    };
    let mapping = imported
        .layout
        .map
        .entries()
        .map(|(f, col)| (f, imported.layout.columns.get(col).cloned().unwrap_or_default()))
        .collect();
    let total = IntervalStats::total(cells.iter()).map(|t| line(&t));
    // The detected fields come from the file's beginning (a prefix is enough).
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let detected = sniff(&text[..end], &ImportOptions::new(source.name.clone()))
        .map(|l| l.map.entries().map(|(f, _)| f).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut fields: Vec<Field> = detected;
    for (f, _) in imported.layout.map.entries() {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    let (_, header_rows) = header_rows(text);
    Ok(ImportView {
        header_rows,
        fields,
        interval_count: cells.len(),
        intervals: cells.iter().take(MAX_LISTED).map(line).collect(),
        total,
        mapping,
        rejected: imported.rejected.iter().take(MAX_LISTED).cloned().collect(),
        rejected_all: Arc::new(imported.rejected),
        summary: imported.summary,
        layout: imported.layout,
    })
}

/// The sheets of an XLSX/ODS workbook the page offers.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetChoice {
    /// In workbook order.
    pub names: Vec<String>,
    /// What is imported until the user chooses: the first sheet with data.
    pub default: Option<String>,
}

/// The sheets of an XLSX/ODS workbook; `None` when `bytes` are not a
/// workbook (CSV text), `Some(Err)` when the workbook cannot be read.
pub fn workbook_sheets(file: &str, bytes: &[u8]) -> Option<Result<SheetChoice, Failure>> {
    if !callcalc_engine::is_workbook(bytes) {
        return None;
    }
    Some(
        callcalc_engine::read_workbook(bytes)
            .map(|w| SheetChoice { names: w.names(), default: w.sheet(None).map(|s| s.name.clone()) })
            .map_err(|e| Failure::Import(ImportError::Workbook { file: file.to_string(), problem: e.to_string() })),
    )
}

/// One sheet of an XLSX/ODS workbook (`None`: the first with data) as a
/// `;`-separated text source named `file.xlsx [Sheet]`, which is what the
/// importer reads and rejected rows name. A source that is not a workbook is
/// returned as it is.
pub fn sheet_source(source: &Source, sheet: Option<&str>) -> Result<Source, Failure> {
    if !callcalc_engine::is_workbook(&source.bytes) {
        return Ok(source.clone());
    }
    let (name, text) =
        callcalc_engine::workbook_sheet_text(&source.bytes, &source.name, sheet).map_err(Failure::Import)?;
    Ok(Source { name, bytes: Arc::new(text.into_bytes()) })
}

/// The demo centre's files (seeded: the same every time).
pub fn demo_source(kind: ReportKind) -> Source {
    let files = demo::demo_files(&demo::DemoCentre::default());
    let (name, text) = match kind {
        ReportKind::Cdr => ("demo-cdr.csv", files.cdr),
        ReportKind::Interval => ("demo-intervals.csv", files.interval_report),
        ReportKind::Agent => ("demo-agents.csv", files.agent_report),
    };
    Source { name: name.to_string(), bytes: Arc::new(text.into_bytes()) }
}

/// The staffing form filled from one interval: its calls, length and AHT
/// (other fields as they were).
pub fn staffing_from(l: &IntervalLine, base: &StaffingInputs) -> Option<StaffingInputs> {
    let aht = l.aht_s?;
    Some(StaffingInputs {
        calls: l.offered.to_string(),
        interval_min: (l.length_s / 60).to_string(),
        aht: format!("{}", (aht * 10.0).round() / 10.0),
        ..base.clone()
    })
}

/// CSV of the rejected rows (file; row; column; value; expected), cells
/// neutralised against formula injection.
pub fn rejected_csv(rows: &[RejectedRow]) -> String {
    let mut out = String::from("file;row;column;value;expected\r\n");
    for r in rows {
        let cells = [r.file.clone(), r.row.to_string(), r.column_name.clone(), r.value.clone(), r.expected()];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// One CSV cell: quoted when needed, and prefixed with `'` when it would start
/// a spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn csv_cell(text: &str) -> String {
    let mut t = text.to_string();
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        t.insert(0, '\'');
    }
    if t.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

/// "500 of 1234 shown" when not every rejected row is listed.
pub fn shown_of(listed: usize, total: u64) -> Option<(usize, u64)> {
    (total > listed as u64).then_some((listed, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Source {
        let path = format!("{}/engine/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
        Source { name: name.into(), bytes: Arc::new(std::fs::read(path).unwrap()) }
    }

    /// A two-sheet XLSX: a notes sheet first, the call records second.
    fn workbook() -> Source {
        use callcalc_engine::export::{to_xlsx, Cell, Sheet};
        let mut notes = Sheet::new("Заметки");
        notes.row([Cell::text("Выгрузка из АТС")]);
        let mut calls = Sheet::new("Звонки");
        let text =
            std::fs::read(format!("{}/engine/tests/fixtures/import/cdr_ru_cp1251.csv", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let text = callcalc_engine::decode(&text).text;
        for line in text.lines() {
            calls.row(line.split(';').map(Cell::text));
        }
        Source { name: "cdr.xlsx".into(), bytes: Arc::new(to_xlsx(&[notes, calls])) }
    }

    #[test]
    fn a_workbook_offers_its_sheets_and_imports_the_chosen_one() {
        let wb = workbook();
        assert_eq!(workbook_sheets("a.csv", b"a;b\n1;2\n"), None);
        let choice = workbook_sheets(&wb.name, &wb.bytes).unwrap().unwrap();
        assert_eq!(choice.names, vec!["Заметки".to_string(), "Звонки".to_string()]);
        // Both sheets have data: the first is the default.
        assert_eq!(choice.default.as_deref(), Some("Заметки"));
        let notes = run(&wb, Settings::default(), None);
        let notes = notes.unwrap_err();
        assert!(failure_text(Lang::En, &notes).starts_with("cdr.xlsx [Заметки]: no header row"));
        // The editor opens on the notes sheet's only row.
        assert_eq!(notes.draft().unwrap().rows.len(), 1);
        let calls = sheet_source(&wb, Some("Звонки")).unwrap();
        assert_eq!(calls.name, "cdr.xlsx [Звонки]");
        let v = run(&calls, Settings::default(), None).unwrap();
        assert_eq!(v.summary.kind, ReportKind::Cdr);
        assert!(v.summary.kept > 0);
        assert!(v.rejected.iter().all(|r| r.file == "cdr.xlsx [Звонки]"));
        let none = sheet_source(&wb, Some("Нет")).unwrap_err();
        assert_eq!(failure_text(Lang::Ru, &none), "cdr.xlsx: в книге нет листа «Нет»");
    }

    /// A call-record file whose header the detector does not know, below
    /// two title rows.
    const UNKNOWN_HEADER: &str = "Выгрузка звонков за март\n\
        Сформировано 02.04.2024\n\
        Когда;Кто;Чем кончилось;Сколько ждал;Сколько говорил\n\
        01.03.2024 08:00:05;Иванов;Отвечен;12;180\n\
        01.03.2024 08:07:40;Петров;Потерян;45;\n\
        01.03.2024 08:20:00;Иванов;Отвечен;5;100\n";

    fn unknown_header() -> Source {
        Source { name: "звонки.csv".into(), bytes: Arc::new(UNKNOWN_HEADER.as_bytes().to_vec()) }
    }

    /// The Latin words of `text` not in `allowed` (format and field names).
    fn latin_words<'a>(text: &'a str, allowed: &[&str]) -> Vec<&'a str> {
        text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty() && !allowed.contains(w)).collect()
    }

    #[test]
    fn an_unrecognised_header_opens_the_editor_on_its_header_row_and_imports_by_hand() {
        let src = unknown_header();
        let failure = run(&src, Settings::default(), None).unwrap_err();
        let draft = failure.draft().expect("the editor opens").clone();
        assert_eq!(draft.rows.len(), 6);
        assert_eq!(draft.layout.last_header_row(), 3, "the row with the most cells");
        assert_eq!(draft.layout.columns[2], "Чем кончилось");
        assert_eq!(draft.layout.map.kind, ReportKind::Cdr);
        // The user maps every needed field, including ones nobody suggested.
        let mut layout = draft.layout.clone();
        for (f, c) in [(Field::DateTime, 0), (Field::Agent, 1), (Field::Outcome, 2), (Field::Wait, 3), (Field::Talk, 4)]
        {
            layout.map.set(f, Some(c));
        }
        assert!(layout.map.missing().is_empty());
        assert!(editor_fields(&layout, &[Field::Reason]).contains(&Field::Reason));
        assert!(editor_fields(&draft.layout, &[]).contains(&Field::QueueExit), "every alternative of a requirement");
        let v = run(&src, Settings::default(), Some(layout.clone())).unwrap();
        assert_eq!((v.summary.kept, v.summary.rejected, v.summary.preamble_rows), (3, 0, 2));
        let offered: Vec<(u64, u64)> = v.intervals.iter().map(|l| (l.offered, l.answered)).collect();
        assert_eq!(offered, vec![(2, 1), (1, 1)], "08:00 and 08:15");
        // Another header row can be chosen (the editor's row select).
        let other = layout_for_header(draft.layout.delimiter, &draft.rows, 1, ReportKind::Interval);
        assert_eq!((other.columns.len(), other.map.kind), (1, ReportKind::Interval));
        // Remembered for this header set, the mapping is used next time.
        let remembered = |l: &Layout| (l.key == layout.key).then(|| layout.clone());
        let again = run_with(&src, Settings::default(), None, remembered).unwrap();
        assert_eq!(again.summary.kept, 3);
    }

    #[test]
    fn failure_texts_in_russian_name_file_kind_fields_and_columns_without_english() {
        let failure = run(&unknown_header(), Settings::default(), None).unwrap_err();
        let ru = failure_text(Lang::Ru, &failure);
        assert!(ru.starts_with("звонки.csv: строка заголовка известного отчёта не найдена"), "{ru}");
        assert!(ru.contains("«Чем кончилось»"), "{ru}");
        // The file's name is data (its extension a format name).
        assert!(latin_words(&ru, &["csv"]).is_empty(), "{ru}");
        let en = failure_text(Lang::En, &failure);
        assert!(en.contains("no header row of a known report"), "{en}");
        // Every variant, with every kind and field named in a message.
        let mut errors = vec![ImportError::Empty { file: "март.csv".into() }];
        for kind in ReportKind::ALL {
            errors.push(ImportError::NoHeader {
                file: "март.csv".into(),
                kind: Some(kind),
                missing: kind.requirements().to_vec(),
                columns: vec!["Когда".into(), String::new(), "Кто".into()],
            });
        }
        errors
            .push(ImportError::NoHeader { file: "март.csv".into(), kind: None, missing: vec![], columns: vec![] });
        for e in &errors {
            let ru = import_error_text(Lang::Ru, e);
            assert!(ru.starts_with("март.csv: "), "{ru}");
            assert!(latin_words(&ru, &["csv"]).is_empty(), "{e:?} → {ru}");
            assert_ne!(ru, import_error_text(Lang::En, e));
        }
        for f in Field::ALL {
            assert!(latin_words(field_text(Lang::Ru, f), &["T"]).is_empty(), "{f:?}");
        }
        let wb = ImportError::Workbook { file: "отчёт.xlsx".into(), problem: "xl/workbook.xml: broken".into() };
        let ru = import_error_text(Lang::Ru, &wb);
        let sentence = ru.split(" (техническая подробность: ").next().unwrap();
        assert!(latin_words(sentence, &["xlsx", "XLSX", "ODS"]).is_empty(), "{ru}");
        assert!(ru.ends_with("xl/workbook.xml: broken)"), "the reader's detail is kept, labelled: {ru}");
        let settings = Failure::Settings(FieldError::new("interval_s", "0", callcalc_engine::Problem::NotPositive));
        assert_eq!(
            failure_text(Lang::Ru, &settings),
            "неверная настройка импорта: interval_s = «0»: должно быть больше 0"
        );
    }

    #[test]
    fn a_windows_1251_cdr_imports_with_its_rejects() {
        let src = fixture("cdr_ru_cp1251.csv");
        let v = run(&src, Settings::default(), None).unwrap();
        let direct = import_bytes(&src.bytes, ImportOptions::new("cdr_ru_cp1251.csv")).unwrap();
        assert_eq!(v.summary.kept, direct.summary.kept);
        assert_eq!(v.summary.rejected, direct.summary.rejected);
        assert_eq!(v.rejected.len() as u64, direct.summary.rejected);
        let offered: u64 = v.intervals.iter().map(|l| l.offered).sum();
        assert_eq!(offered, v.summary.kept, "every kept call is in one interval");
    }

    #[test]
    fn a_chunked_import_equals_the_engines_whole_file_import() {
        // Bigger than one chunk, so the steps really cut the text.
        let src = demo_source(ReportKind::Cdr);
        assert!(src.bytes.len() > 2 * CHUNK_BYTES);
        let mut run = ChunkedImport::new(&src, Settings::default(), None).unwrap();
        let mut steps = 0;
        let mut last = 0.0;
        while !run.step() {
            steps += 1;
            assert!(run.progress() > last && run.progress() < 1.0);
            last = run.progress();
        }
        assert_eq!(run.progress(), 1.0);
        assert!(steps >= 2, "{steps} steps");
        let v = run.finish().unwrap();
        let mut opts = ImportOptions::new("demo-cdr.csv");
        opts.aggregate = AggregateOptions::new(900, 20.0, 0.0).unwrap();
        let direct = import_bytes(&src.bytes, opts).unwrap();
        assert_eq!(v.summary, direct.summary);
        let offered: u64 = direct
            .interval_stats(AggregateOptions::new(900, 20.0, 0.0).unwrap())
            .unwrap()
            .unwrap()
            .iter()
            .map(|c| c.offered)
            .sum();
        assert_eq!(v.total.unwrap().offered, offered);
    }

    #[test]
    fn an_interval_becomes_the_staffing_form() {
        let l = IntervalLine {
            start: "2024-03-01 08:00".into(),
            queue: String::new(),
            channel: String::new(),
            offered: 137,
            answered: 130,
            abandoned: Some(7),
            aht_s: Some(263.04),
            asa_s: Some(12.0),
            sl_negative: None,
            sl_ignored: None,
            mean_patience_s: None,
            length_s: 1800,
        };
        let f = staffing_from(&l, &StaffingInputs::default()).unwrap();
        assert_eq!((f.calls.as_str(), f.interval_min.as_str(), f.aht.as_str()), ("137", "30", "263"));
        assert!(f.parse().is_ok());
    }

    #[test]
    fn a_changed_mapping_round_trips_through_its_record() {
        let src = fixture("cdr_ru_cp1251.csv");
        let v = run(&src, Settings::default(), None).unwrap();
        let field = Field::Queue;
        let mut changed = v.layout.clone();
        changed.map.set(field, None);
        let back = apply_mapping(&encode_mapping(&changed), &v.layout).unwrap();
        assert_eq!(back.map.get(field), None);
        assert_eq!(back.map.get(Field::Outcome), v.layout.map.get(Field::Outcome));
        // A mapping without a required field is not remembered (detection wins).
        let mut broken = v.layout.clone();
        broken.map.set(Field::Outcome, None);
        assert!(apply_mapping(&encode_mapping(&broken), &v.layout).is_none());
        assert!(apply_mapping("mapping v0\n", &v.layout).is_none());
        assert!(apply_mapping("mapping v1\nno_such_field=1\n", &v.layout).is_none());
    }

    #[test]
    fn a_mapping_record_of_the_first_format_still_loads_and_the_new_one_keeps_values() {
        let src = fixture("cdr_ru_cp1251.csv");
        let v = run(&src, Settings::default(), None).unwrap();
        let queue = v.layout.map.get(Field::Queue).expect("the fixture has a queue column");
        // Written by the page before the mapping-file JSON: columns by index,
        // the queue column unmapped, the agent column moved to the comment column.
        let comment = v.layout.columns.iter().position(|c| c == "Комментарий").unwrap();
        let mut old = "mapping v1\n".to_string();
        for f in Field::ALL {
            let col = match f {
                Field::Queue => None,
                Field::Agent => Some(comment),
                _ => v.layout.map.get(f),
            };
            old.push_str(&format!("{}={}\n", f.name(), col.map(|c| c.to_string()).unwrap_or_default()));
        }
        let back = apply_mapping(&old, &v.layout).expect("the old record loads");
        assert_eq!(back.map.get(Field::Queue), None);
        assert_eq!(back.map.get(Field::Agent), Some(comment));
        assert_eq!(back.map.get(Field::Outcome), v.layout.map.get(Field::Outcome));
        assert_ne!(queue, comment);
        // The new record: JSON with columns by label and the value choices.
        let mut changed = back.clone();
        changed.values.set_outcome("Потерян", callcalc_engine::OutcomeMeaning::ShortAbandon);
        changed.values.add_empty(Field::Wait, "-");
        changed.values.add_exclude(Field::Channel, "Чат");
        let json = encode_mapping(&changed);
        assert!(json.trim_start().starts_with('{'), "{json}");
        let again = apply_mapping(&json, &v.layout).unwrap();
        assert_eq!(again.map, changed.map);
        assert_eq!(again.values, changed.values);
        // Inside the data-set record (escaped key=value) it survives too.
        let rec = storage::encode("x", 1, &[("m", json.as_str())]);
        let Loaded::Found(m) = storage::decode(&rec, "x", 1) else { panic!() };
        assert_eq!(apply_mapping(&m["m"], &v.layout).unwrap().values, changed.values);
        assert!(apply_mapping("{\"version\": 9}", &v.layout).is_none());
    }

    #[test]
    fn a_loaded_mapping_file_applies_by_label_or_says_what_is_wrong_in_russian() {
        let text = std::fs::read_to_string(format!(
            "{}/engine/tests/fixtures/import/bank_calls_synthetic.mapping.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let bank = fixture("bank_calls_synthetic.tsv");
        let failure_or_view = run(&bank, Settings::default(), None);
        let current = match &failure_or_view {
            Ok(v) => v.layout.clone(),
            Err(f) => f.draft().expect("a draft").layout.clone(),
        };
        let layout = load_mapping_file(&text, &current).unwrap();
        assert_eq!(layout.values.outcome("PHANTOM"), Some(callcalc_engine::OutcomeMeaning::Ignore));
        let v = run(&bank, Settings::default(), Some(layout)).unwrap();
        assert!(v.summary.ignored > 0 && v.summary.not_queued > 0, "{:?}", v.summary);
        let e = load_mapping_file("{\"version\":1,\"columns\":[[\"outcome\",\"Итог\"]]}", &current).unwrap_err();
        assert_eq!(mapping_error_text(Lang::Ru, &e), "в файле нет столбца «Итог» (результат звонка)");
        let e = load_mapping_file("{oops", &current).unwrap_err();
        assert!(mapping_error_text(Lang::Ru, &e).starts_with("файл сопоставления не читается (строка 1, позиция 2;"));
    }

    #[test]
    fn unsupported_workbooks_are_refused_in_words_and_epoch_formats_take_the_utc_offset() {
        // An OLE2 compound file header: an .xls (or an encrypted workbook) is never read as text.
        let mut ole = vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
        ole.resize(4096, 0);
        let src = Source { name: "старый.xls".into(), bytes: Arc::new(ole) };
        if let Err(f @ Failure::Import(ImportError::UnsupportedWorkbook { .. })) = run(&src, Settings::default(), None)
        {
            let ru = failure_text(Lang::Ru, &f);
            assert!(ru.starts_with("старый.xls: "), "{ru}");
            assert!(ru.contains(".xlsx") && ru.contains("CSV"), "{ru}");
        } else {
            panic!("an OLE2 file is refused as an unsupported workbook");
        }
        for kind in [WorkbookKind::Xls, WorkbookKind::Xlsb, WorkbookKind::Encrypted, WorkbookKind::OtherOle2] {
            let e = ImportError::UnsupportedWorkbook { file: "книга".into(), kind };
            let ru = import_error_text(Lang::Ru, &e);
            assert!(
                latin_words(&ru, &["xls", "xlsx", "xlsb", "CSV", "Excel", "LibreOffice", "Microsoft", "Office"])
                    .is_empty(),
                "{ru}"
            );
        }
        // JavaScript's getTimezoneOffset is UTC − local: Moscow −180 → +180.
        assert_eq!(utc_offset_from_js(-180.0), 180);
        assert_eq!(utc_offset_from_js(300.0), -300);
        assert_eq!(utc_offset_from_js(f64::NAN), 0);
        assert!(uses_utc_offset(Some(SourceFormat::AsteriskQueueLog)));
        assert!(!uses_utc_offset(Some(SourceFormat::AvayaCms)) && !uses_utc_offset(None));
        // The offset moves a queue_log's intervals (epoch times are UTC).
        let ql = Source {
            name: "queue_log".into(),
            bytes: Arc::new(
                std::fs::read(format!("{}/engine/tests/fixtures/vendor/queue_log", env!("CARGO_MANIFEST_DIR")))
                    .unwrap(),
            ),
        };
        let utc = run(&ql, Settings::default(), None).unwrap();
        assert_eq!(utc.summary.format, Some(SourceFormat::AsteriskQueueLog));
        let msk = run(&ql, Settings { utc_offset_min: 180, ..Settings::default() }, None).unwrap();
        assert_eq!(utc.intervals[0].start, "2024-03-01T08:00:00");
        assert_eq!(msk.intervals[0].start, "2024-03-01T11:00:00");
        assert_eq!(utc.total.map(|t| t.offered), msk.total.map(|t| t.offered));
        // Remembered and saved with the mapping.
        let json = encode_mapping_with(&msk.layout, Some(180));
        assert_eq!(mapping_offset(&json), Some(180));
        assert_eq!(mapping_offset(&encode_mapping(&msk.layout)), None);
    }

    #[test]
    fn every_rejected_row_is_downloaded_though_500_are_listed() {
        // 1,200 rows with a bad duration after a good header.
        let mut text = String::from("Start time;Talk time;Wait time;Outcome\n");
        for i in 0..1_200 {
            text.push_str(&format!("01.03.2024 08:{:02}:00;=cmd|{i};10;answered\n", i % 60));
        }
        text.push_str("01.03.2024 09:00:00;120;10;answered\n");
        let src = Source { name: "bad.csv".into(), bytes: Arc::new(text.into_bytes()) };
        let v = run(&src, Settings::default(), None).unwrap();
        assert_eq!(v.summary.rejected, 1_200);
        assert_eq!(v.rejected.len(), MAX_LISTED);
        assert_eq!(v.rejected_all.len(), 1_200);
        assert_eq!(shown_of(v.rejected.len(), v.summary.rejected), Some((500, 1_200)));
        let csv = rejected_csv(&v.rejected_all);
        assert_eq!(csv.lines().count(), 1 + 1_200);
        assert!(csv.contains(";'=cmd|1199;"), "the last row, neutralised");
        assert!(!csv.contains(";=cmd"), "no cell starts a formula");
        assert_eq!(shown_of(3, 3), None);
    }

    #[test]
    fn rejected_rows_export_cannot_run_formulas() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-3"), "'-3");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn the_demo_cdr_imports_cleanly() {
        let v = run(&demo_source(ReportKind::Cdr), Settings { interval_min: 30, ..Settings::default() }, None).unwrap();
        assert_eq!(v.summary.rejected, 0);
        assert!(v.interval_count > 100);
        assert!(v.total.as_ref().unwrap().offered > 10_000);
    }
}

//! The import page: running the engine's importer on a file's bytes (or the
//! demo centre's), and the view of the result — summary, column mapping,
//! rejected rows, interval statistics — plus handing an interval to the
//! staffing page. The file never leaves the browser.

use std::sync::Arc;

#[cfg(test)]
use callcalc_engine::import_bytes;
use callcalc_engine::{
    decode, demo, sniff, AggregateOptions, Field, FieldError, ImportError, ImportOptions, ImportSummary, Imported,
    Importer, IntervalStats, Layout, RejectedRow, ReportKind, SlVariant,
};

use crate::state::staffing::StaffingInputs;
use crate::storage::{self, Loaded};

/// localStorage key prefix of remembered column mappings, one per header set.
const MAPPING_PREFIX: &str = "callcalc.mapping.";
const MAPPING_KIND: &str = "mapping";
const MAPPING_VERSION: u32 = 1;

/// The user's mapping as a record: `field=column index` (empty = not used).
pub fn encode_mapping(layout: &Layout) -> String {
    let pairs: Vec<(String, String)> = Field::ALL
        .iter()
        .map(|f| (f.name().to_string(), layout.map.get(*f).map(|c| c.to_string()).unwrap_or_default()))
        .collect();
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    storage::encode(MAPPING_KIND, MAPPING_VERSION, &refs)
}

/// Applies a remembered mapping to a detected layout of the same header set;
/// `None` if the record is not usable (other version, unknown field, column
/// out of range).
pub fn apply_mapping(text: &str, detected: &Layout) -> Option<Layout> {
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

/// Remembers the user's mapping for this header set.
pub fn remember_mapping(layout: &Layout) {
    storage::write_raw(&format!("{MAPPING_PREFIX}{}", layout.key), &encode_mapping(layout));
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings { interval_min: 15, threshold_s: 20.0 }
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

/// Why an import failed, with what the engine said (file-level problems only:
/// row problems are rejected rows, not failures).
pub fn error_text(e: &ImportError) -> String {
    e.to_string()
}

/// Imports `source` with `settings`; `layout` forces a column mapping (the
/// user's override) instead of the detected one.
pub fn run(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, String> {
    run_with(source, settings, layout, |_| None)
}

/// [`run`], applying a remembered mapping for the detected header set when
/// the user has not overridden it on the page.
pub fn run_remembered(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, String> {
    run_with(source, settings, layout, recall_mapping)
}

fn run_with(
    source: &Source,
    settings: Settings,
    layout: Option<Layout>,
    recall: impl Fn(&Layout) -> Option<Layout>,
) -> Result<ImportView, String> {
    let forced = layout.is_some();
    let view = run_once(source, settings, layout)?;
    if !forced {
        if let Some(remembered) = recall(&view.layout).filter(|l| l.map != view.layout.map) {
            return run_once(source, settings, Some(remembered));
        }
    }
    Ok(view)
}

fn run_once(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ImportView, String> {
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
    pub fn new(source: &Source, settings: Settings, layout: Option<Layout>) -> Result<ChunkedImport, String> {
        let agg = AggregateOptions::new(settings.interval_min * 60, settings.threshold_s, 0.0)
            .map_err(|e: FieldError| e.to_string())?;
        // XLSX/ODS: the first sheet with data, unless the page chose one
        // (then `source` is that sheet's text already).
        let source = &sheet_source(source, None)?;
        let mut opts = ImportOptions::new(source.name.clone());
        opts.aggregate = agg.clone();
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
    pub fn finish(self) -> Result<ImportView, String> {
        let mut imported = self.importer.finish().map_err(|e| error_text(&e))?;
        imported.summary.encoding = Some(self.encoding);
        imported.summary.undecodable = self.replaced;
        view_of(&self.source, &self.text, self.agg, imported)
    }

    /// The settings of this run.
    pub fn settings(&self) -> Settings {
        self.settings
    }
}

/// Whether a view should be imported again with the mapping remembered for
/// its header set (the user has not overridden it on the page).
pub fn remembered_layout(view: &ImportView, forced: bool) -> Option<Layout> {
    if forced {
        return None;
    }
    recall_mapping(&view.layout).filter(|l| l.map != view.layout.map)
}

fn view_of(source: &Source, text: &str, agg: AggregateOptions, imported: Imported) -> Result<ImportView, String> {
    let cells = match imported.interval_stats(agg) {
        Some(Ok(c)) => c,
        Some(Err(e)) => return Err(e.to_string()),
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
    Ok(ImportView {
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
pub fn workbook_sheets(bytes: &[u8]) -> Option<Result<SheetChoice, String>> {
    if !callcalc_engine::is_workbook(bytes) {
        return None;
    }
    Some(
        callcalc_engine::read_workbook(bytes)
            .map(|w| SheetChoice { names: w.names(), default: w.sheet(None).map(|s| s.name.clone()) })
            .map_err(|e| e.to_string()),
    )
}

/// One sheet of an XLSX/ODS workbook (`None`: the first with data) as a
/// `;`-separated text source named `file.xlsx [Sheet]`, which is what the
/// importer reads and rejected rows name. A source that is not a workbook is
/// returned as it is.
pub fn sheet_source(source: &Source, sheet: Option<&str>) -> Result<Source, String> {
    if !callcalc_engine::is_workbook(&source.bytes) {
        return Ok(source.clone());
    }
    let (name, text) =
        callcalc_engine::workbook_sheet_text(&source.bytes, &source.name, sheet).map_err(|e| error_text(&e))?;
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
        assert_eq!(workbook_sheets(b"a;b\n1;2\n"), None);
        let choice = workbook_sheets(&wb.bytes).unwrap().unwrap();
        assert_eq!(choice.names, vec!["Заметки".to_string(), "Звонки".to_string()]);
        // Both sheets have data: the first is the default.
        assert_eq!(choice.default.as_deref(), Some("Заметки"));
        let notes = run(&wb, Settings::default(), None);
        assert!(notes.unwrap_err().contains("cdr.xlsx [Заметки]"));
        let calls = sheet_source(&wb, Some("Звонки")).unwrap();
        assert_eq!(calls.name, "cdr.xlsx [Звонки]");
        let v = run(&calls, Settings::default(), None).unwrap();
        assert_eq!(v.summary.kind, ReportKind::Cdr);
        assert!(v.summary.kept > 0);
        assert!(v.rejected.iter().all(|r| r.file == "cdr.xlsx [Звонки]"));
        assert!(sheet_source(&wb, Some("Нет")).unwrap_err().contains("no sheet named"));
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
        let (field, _) = v.mapping[0];
        let mut changed = v.layout.clone();
        changed.map.set(field, None);
        let back = apply_mapping(&encode_mapping(&changed), &v.layout).unwrap();
        assert_eq!(back.map.get(field), None);
        assert_eq!(back.map.get(v.mapping[1].0), v.layout.map.get(v.mapping[1].0));
        assert!(apply_mapping("mapping v0\n", &v.layout).is_none());
        assert!(apply_mapping("mapping v1\nno_such_field=1\n", &v.layout).is_none());
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
        let v = run(&demo_source(ReportKind::Cdr), Settings { interval_min: 30, threshold_s: 20.0 }, None).unwrap();
        assert_eq!(v.summary.rejected, 0);
        assert!(v.interval_count > 100);
        assert!(v.total.as_ref().unwrap().offered > 10_000);
    }
}

//! The statistics every analysis page works from (KPI dashboard, forecast,
//! budget, operators): the demo centre until the user imports files on the
//! import page. Provided once by the App as a context; pages read it with
//! [`use_dataset`] and derive everything else in memos.
//!
//! Each part keeps its source (file name and bytes, for re-reading with
//! other settings) and the engine's import of it with the default settings
//! (15-minute intervals, SL threshold 20 s). Call-detail records are
//! aggregated split by queue and channel (so the KPI page can filter them);
//! [`Part::intervals`] and [`DataSet::intervals`] merge the split cells back
//! into one cell per interval for the pages that read whole intervals.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use callcalc_engine::{
    demo, import_bytes, AggregateOptions, Channel, Coverage, ImportOptions, Imported, IntervalStats, Layout, ReportKind,
};
use leptos::prelude::*;

use crate::state::import::{apply_mapping, encode_mapping_with, mapping_offset, Source};
use crate::storage::{self, Loaded};

/// Default interval length of the shared data set, seconds.
pub const INTERVAL_S: u32 = 900;
/// Default service-level threshold of the shared data set, seconds.
pub const SL_THRESHOLD_S: f64 = 20.0;

/// One imported file of the data set.
#[derive(Clone, Debug)]
pub struct Part {
    pub source: Source,
    pub imported: Arc<Imported>,
    /// The UTC offset (seconds) epoch times were read with (Asterisk
    /// queue_log and CDR): the one the import page showed, kept so every
    /// page sees the same local times, and saved with the record.
    pub utc_offset_s: i32,
}

impl PartialEq for Part {
    fn eq(&self, other: &Part) -> bool {
        Arc::ptr_eq(&self.imported, &other.imported)
    }
}

impl Part {
    /// Imports `source` with the data set's default settings.
    pub fn import(source: Source) -> Result<Part, String> {
        Part::import_with(source, None)
    }

    /// Imports `source` with the data set's default settings and, when
    /// given, the user's column mapping instead of the detected one.
    pub fn import_with(source: Source, layout: Option<Layout>) -> Result<Part, String> {
        Part::import_with_offset(source, layout, 0)
    }

    /// As [`Part::import_with`], epoch times read with `utc_offset_s`.
    pub fn import_with_offset(source: Source, layout: Option<Layout>, utc_offset_s: i32) -> Result<Part, String> {
        Part::import_at(source, layout, default_aggregate(), utc_offset_s)
    }

    /// Imports `source` with `aggregate` (call records: split by queue and
    /// channel as `aggregate` says) and, when given, the user's mapping.
    fn import_at(
        source: Source,
        layout: Option<Layout>,
        aggregate: AggregateOptions,
        utc_offset_s: i32,
    ) -> Result<Part, String> {
        let mut opts = ImportOptions::new(source.name.clone());
        opts.aggregate = aggregate;
        opts.layout = layout;
        opts.utc_offset_s = utc_offset_s;
        let imported = import_bytes(&source.bytes, opts).map_err(|e| e.to_string())?;
        Ok(Part { source, imported: Arc::new(imported), utc_offset_s })
    }

    /// Interval statistics of this part on the default grid, one cell per
    /// interval (queues and channels merged; `None` for an agent report).
    pub fn intervals(&self) -> Option<Result<Vec<IntervalStats>, String>> {
        self.cells(false, false)
    }

    /// Interval statistics split by queue and/or channel as asked (call
    /// records: the split cells of the import, merged where not asked for).
    pub fn cells(&self, by_queue: bool, by_channel: bool) -> Option<Result<Vec<IntervalStats>, String>> {
        let opts = default_aggregate().split(by_queue, by_channel);
        let cells = self.imported.interval_stats(opts)?.map_err(|e| e.to_string());
        Some(match self.imported.summary.kind {
            ReportKind::Cdr => cells.map(|c| regroup(&c, by_queue, by_channel)),
            _ => cells,
        })
    }

    /// The SL threshold T the part's "answered within T" counts use: the
    /// report's own for an interval report (`None` when its header does not
    /// say), the aggregation's for call records.
    pub fn sl_threshold_s(&self) -> Option<f64> {
        match self.imported.summary.kind {
            ReportKind::Cdr => Some(self.imported.aggregate.sl_threshold_s()),
            _ => self.imported.layout.map.threshold_s,
        }
    }

    /// Call records aggregated again with the SL threshold `t` seconds (the
    /// records keep their waits, so T can change); `self` when it already
    /// is `t` or the part is not call records.
    pub fn with_sl_threshold(&self, t: f64) -> Result<Part, String> {
        if self.imported.summary.kind != ReportKind::Cdr || self.imported.aggregate.sl_threshold_s() == t {
            return Ok(self.clone());
        }
        let agg = AggregateOptions::new(INTERVAL_S, t, 0.0).map_err(|e| e.to_string())?.split(true, true);
        // A vendor format (queue_log, Asterisk CDR …) is read by its own
        // reader: its layout is not a column mapping to force on the file.
        let layout = self.imported.summary.format.is_none().then(|| self.imported.layout.clone());
        Part::import_at(self.source.clone(), layout, agg, self.utc_offset_s)
    }
}

/// 15-minute intervals, SL threshold 20 s, no short-abandon threshold; call
/// records split by queue and channel.
pub fn default_aggregate() -> AggregateOptions {
    AggregateOptions::new(INTERVAL_S, SL_THRESHOLD_S, 0.0)
        .expect("constant, valid aggregation settings")
        .split(true, true)
}

/// Merges cells with the same start (and queue / channel when kept) with
/// [`IntervalStats::merge`]; the result is sorted by start, queue, channel.
/// Labels not kept become `None`.
pub fn regroup(cells: &[IntervalStats], by_queue: bool, by_channel: bool) -> Vec<IntervalStats> {
    let mut out: BTreeMap<(i64, Option<String>, Option<Channel>), IntervalStats> = BTreeMap::new();
    for c in cells {
        let queue = if by_queue { c.queue.clone() } else { None };
        let channel = if by_channel { c.channel } else { None };
        match out.entry((c.start.seconds(), queue.clone(), channel)) {
            std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(c),
            std::collections::btree_map::Entry::Vacant(e) => {
                let mut n = c.clone();
                n.queue = queue;
                n.channel = channel;
                e.insert(n);
            }
        }
    }
    out.into_values().collect()
}

/// The files the analysis pages work from.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DataSet {
    /// True for the built-in demo centre.
    pub demo: bool,
    /// An interval report (a year of 15-minute intervals in the demo).
    pub interval_report: Option<Part>,
    /// Call-detail records (a month in the demo), aggregated to intervals.
    pub cdr: Option<Part>,
    /// An agent report (the same month in the demo).
    pub agent_report: Option<Part>,
}

impl DataSet {
    /// The part of `kind`.
    pub fn part(&self, kind: ReportKind) -> Option<&Part> {
        match kind {
            ReportKind::Interval => self.interval_report.as_ref(),
            ReportKind::Cdr => self.cdr.as_ref(),
            ReportKind::Agent => self.agent_report.as_ref(),
        }
    }

    /// This data set with `part` in the slot of its kind (a new file of a
    /// kind replaces the old one; the demo flag is cleared).
    pub fn with_part(&self, part: Part) -> DataSet {
        let mut next = if self.demo { DataSet::default() } else { self.clone() };
        match part.imported.summary.kind {
            ReportKind::Interval => next.interval_report = Some(part),
            ReportKind::Cdr => next.cdr = Some(part),
            ReportKind::Agent => next.agent_report = Some(part),
        }
        next
    }

    /// The names of the files in the data set.
    pub fn file_names(&self) -> Vec<String> {
        [&self.interval_report, &self.cdr, &self.agent_report]
            .into_iter()
            .flatten()
            .map(|p| p.source.name.clone())
            .collect()
    }

    /// The files of the data set in a fixed order (interval report, call
    /// records, agent report).
    pub fn parts(&self) -> Vec<&Part> {
        [&self.interval_report, &self.cdr, &self.agent_report].into_iter().flatten().collect()
    }

    /// One line per file, for showing what the data set holds.
    pub fn lines(&self) -> Vec<PartLine> {
        self.parts()
            .into_iter()
            .map(|p| PartLine {
                file: p.source.name.clone(),
                kind: p.imported.summary.kind,
                kept: p.imported.summary.kept,
                rejected: p.imported.summary.rejected,
                bytes: p.source.bytes.len(),
            })
            .collect()
    }

    /// Total size of the files, bytes.
    pub fn source_bytes(&self) -> usize {
        self.parts().iter().map(|p| p.source.bytes.len()).sum()
    }

    /// Interval statistics for the analysis pages: the interval report's if
    /// there is one, else the aggregated call records'.
    pub fn intervals(&self) -> Option<Result<Vec<IntervalStats>, String>> {
        self.interval_report.as_ref().or(self.cdr.as_ref()).and_then(Part::intervals)
    }

    /// What the data set covers in time (first and last day, open and
    /// calendar days, per month): the coverage of [`DataSet::intervals`];
    /// `None` when the data set has no interval statistics.
    pub fn coverage(&self) -> Option<Coverage> {
        self.intervals()?.ok().and_then(|cells| Coverage::from_interval_stats(&cells))
    }
}

/// What the data set holds, one file.
#[derive(Clone, Debug, PartialEq)]
pub struct PartLine {
    pub file: String,
    pub kind: ReportKind,
    /// Rows kept by the import.
    pub kept: u64,
    pub rejected: u64,
    /// File size, bytes.
    pub bytes: usize,
}

/// localStorage key of the imported data set.
pub const SAVED_KEY: &str = "callcalc.dataset";
const SAVED_KIND: &str = "dataset";
const SAVED_VERSION: u32 = 1;
/// Imported files larger than this together (bytes) are used but not kept in
/// the browser: localStorage holds about 5 million characters per site, and
/// the files are stored base64-encoded (4 characters per 3 bytes).
pub const MAX_SAVED_BYTES: usize = 3_000_000;

/// The data set as a versioned record: each file's name, bytes (base64) and
/// column mapping. `Err(size)` when the files are larger than
/// [`MAX_SAVED_BYTES`].
pub fn encode_dataset(d: &DataSet) -> Result<String, usize> {
    let size = d.source_bytes();
    if size > MAX_SAVED_BYTES {
        return Err(size);
    }
    let parts = d.parts();
    let mut fields: Vec<(String, String)> = vec![("files".into(), parts.len().to_string())];
    for (i, p) in parts.iter().enumerate() {
        fields.push((format!("{i}.name"), p.source.name.clone()));
        fields.push((format!("{i}.bytes"), base64_encode(&p.source.bytes)));
        let offset_min = (p.utc_offset_s != 0).then_some(p.utc_offset_s / 60);
        fields.push((format!("{i}.mapping"), encode_mapping_with(&p.imported.layout, offset_min)));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(storage::encode(SAVED_KIND, SAVED_VERSION, &refs))
}

/// Rebuilds a data set from its record (the files are imported again, with
/// their saved column mapping); `None` when the record is of another version,
/// corrupt, or a file no longer imports.
pub fn decode_dataset(text: &str) -> Option<DataSet> {
    let Loaded::Found(m) = storage::decode(text, SAVED_KIND, SAVED_VERSION) else { return None };
    let n: usize = m.get("files")?.parse().ok()?;
    if n == 0 || n > 3 {
        return None;
    }
    let mut d = DataSet::default();
    for i in 0..n {
        let name = m.get(&format!("{i}.name"))?.clone();
        let bytes = base64_decode(m.get(&format!("{i}.bytes"))?)?;
        let source = Source { name, bytes: Arc::new(bytes) };
        let mapping = m.get(&format!("{i}.mapping"));
        let offset_s = mapping.and_then(|t| mapping_offset(t)).unwrap_or(0).saturating_mul(60);
        let mut part = Part::import_with_offset(source.clone(), None, offset_s).ok()?;
        // A vendor format is read by its own reader: no mapping to re-apply.
        let own_reader = part.imported.summary.format.is_some();
        if let Some(layout) = mapping.filter(|_| !own_reader).and_then(|t| apply_mapping(t, &part.imported.layout)) {
            if layout.map != part.imported.layout.map || layout.values != part.imported.layout.values {
                part = Part::import_with_offset(source, Some(layout), offset_s).ok()?;
            }
        }
        d = d.with_part(part);
    }
    Some(d)
}

/// What happened to the data set in the browser's storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Kept: it will be there after a reload.
    Saved { bytes: usize },
    /// Used now but too large to keep; gone after a reload.
    TooLarge { bytes: usize, limit: usize },
    /// The browser refused (private mode, storage full).
    Refused,
    /// The saved data set was removed (back to the demo).
    Removed,
    /// A saved data set was read back at start.
    Restored,
    /// A saved data set could not be read back (corrupt or older version) and
    /// was removed.
    Discarded,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `d` in the browser (or removes the saved data set for `None` / the
/// demo).
pub fn save_dataset(d: Option<&DataSet>) -> SaveStatus {
    let Some(store) = local_storage() else { return SaveStatus::Refused };
    let Some(d) = d.filter(|d| !d.demo) else {
        let _ = store.remove_item(SAVED_KEY);
        return SaveStatus::Removed;
    };
    match encode_dataset(d) {
        Err(bytes) => {
            // An older, smaller data set must not come back after a reload.
            let _ = store.remove_item(SAVED_KEY);
            SaveStatus::TooLarge { bytes, limit: MAX_SAVED_BYTES }
        }
        Ok(text) => match store.set_item(SAVED_KEY, &text) {
            Ok(()) => SaveStatus::Saved { bytes: d.source_bytes() },
            Err(_) => {
                let _ = store.remove_item(SAVED_KEY);
                SaveStatus::Refused
            }
        },
    }
}

/// The data set saved in the browser, if any, with what happened reading it.
pub fn load_saved_dataset() -> (Option<DataSet>, Option<SaveStatus>) {
    let Some(text) = storage::read_raw(SAVED_KEY) else { return (None, None) };
    match decode_dataset(&text) {
        Some(d) => (Some(d), Some(SaveStatus::Restored)),
        None => {
            if let Some(s) = local_storage() {
                let _ = s.remove_item(SAVED_KEY);
            }
            (None, Some(SaveStatus::Discarded))
        }
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(B64[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes [`base64_encode`]'s output; `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    for (q, quad) in t.chunks(4).enumerate() {
        let last = q + 1 == t.len() / 4;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

thread_local! {
    static DEMO: OnceCell<DataSet> = const { OnceCell::new() };
}

/// The demo centre's data set (seeded, so the same every time), built once
/// per page load.
pub fn demo_dataset() -> DataSet {
    DEMO.with(|cell| cell.get_or_init(build_demo).clone())
}

fn build_demo() -> DataSet {
    let files = demo::demo_files(&demo::DemoCentre::default());
    let part = |name: &str, text: String| {
        Part::import(Source { name: name.to_string(), bytes: Arc::new(text.into_bytes()) }).ok()
    };
    DataSet {
        demo: true,
        interval_report: part("demo-intervals.csv", files.interval_report),
        cdr: part("demo-cdr.csv", files.cdr),
        agent_report: part("demo-agents.csv", files.agent_report),
    }
}

/// The data set context: `None` means the demo centre.
#[derive(Clone, Copy)]
pub struct DataSetStore(pub RwSignal<Option<DataSet>>);

/// Provides the data set context with the data set saved in the browser (the
/// demo when there is none); the App does this once.
pub fn provide_saved_dataset() -> DataSetStore {
    let (saved, status) = load_saved_dataset();
    let store = provide_dataset(saved);
    provide_context(StartStatus(status));
    store
}

/// What happened at start to the data set saved in the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct StartStatus(pub Option<SaveStatus>);

/// Provides the data set context (the App does this once).
pub fn provide_dataset(initial: Option<DataSet>) -> DataSetStore {
    let store = DataSetStore(RwSignal::new(initial));
    provide_context(store);
    store
}

/// The data set context; a fresh demo-backed one when none was provided
/// (component tests mount pages without the App).
pub fn use_dataset_store() -> DataSetStore {
    use_context::<DataSetStore>().unwrap_or_else(|| provide_dataset(None))
}

/// The current data set as a memo (the demo centre until files are imported).
pub fn use_dataset() -> Memo<DataSet> {
    let store = use_dataset_store();
    Memo::new(move |_| store.0.get().unwrap_or_else(demo_dataset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_all_three_parts_without_rejects() {
        let d = demo_dataset();
        assert!(d.demo);
        for kind in [ReportKind::Interval, ReportKind::Cdr, ReportKind::Agent] {
            let p = d.part(kind).unwrap_or_else(|| panic!("{kind:?} part"));
            assert_eq!(p.imported.summary.kind, kind);
            assert_eq!(p.imported.summary.rejected, 0);
        }
        let cells = d.intervals().unwrap().unwrap();
        // 366 days × 56 open 15-minute intervals (08:00–22:00), channels merged.
        assert_eq!(cells.len(), 366 * 56, "a year of intervals");
    }

    #[test]
    fn an_imported_file_replaces_the_demo() {
        let demo = demo_dataset();
        let cdr = demo.cdr.clone().unwrap();
        let d = demo.with_part(cdr);
        assert!(!d.demo);
        assert!(d.interval_report.is_none() && d.agent_report.is_none());
        assert_eq!(d.file_names(), vec!["demo-cdr.csv".to_string()]);
        // The intervals now come from the call records.
        assert!(d.intervals().unwrap().unwrap().len() < 5_000);
    }

    fn fixture(name: &str) -> Source {
        let path = format!("{}/engine/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
        Source { name: name.into(), bytes: Arc::new(std::fs::read(path).unwrap()) }
    }

    #[test]
    fn base64_round_trips_every_length() {
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64_encode(&bytes);
            assert_eq!(text.len() % 4, 0);
            assert_eq!(base64_decode(&text).unwrap(), bytes, "length {len}");
        }
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_decode("TQ==").unwrap(), b"M");
        assert!(base64_decode("TQ=").is_none());
        assert!(base64_decode("T===").is_none());
        assert!(base64_decode("TQ==TWFu").is_none());
        assert!(base64_decode("TW!u").is_none());
    }

    #[test]
    fn a_queue_log_keeps_its_utc_offset_in_every_page_and_in_its_record() {
        let path = format!("{}/engine/tests/fixtures/vendor/queue_log", env!("CARGO_MANIFEST_DIR"));
        let source = Source { name: "queue_log".into(), bytes: Arc::new(std::fs::read(path).unwrap()) };
        let utc = Part::import_with_offset(source.clone(), None, 0).unwrap();
        let msk = Part::import_with_offset(source, None, 3 * 3600).unwrap();
        let starts = |p: &Part| -> Vec<i64> {
            p.intervals().unwrap().unwrap().iter().map(|c| c.start.seconds()).collect::<Vec<_>>()
        };
        let (u, m) = (starts(&utc), starts(&msk));
        assert!(!u.is_empty());
        assert_eq!(m, u.iter().map(|s| s + 3 * 3600).collect::<Vec<_>>(), "every interval 3 h later");
        // The record keeps the offset: the pages see the same local times after a reload.
        let d = DataSet::default().with_part(msk);
        let back = decode_dataset(&encode_dataset(&d).unwrap()).unwrap();
        assert_eq!(back.cdr.as_ref().unwrap().utc_offset_s, 3 * 3600);
        assert_eq!(back.intervals().unwrap().unwrap(), d.intervals().unwrap().unwrap());
        // Another SL threshold re-aggregates with the same offset.
        let again = back.cdr.as_ref().unwrap().with_sl_threshold(30.0).unwrap();
        assert_eq!(starts(&again), m);
    }

    #[test]
    fn an_imported_data_set_survives_its_record() {
        let cdr = Part::import(fixture("cdr_ru_cp1251.csv")).unwrap();
        let agents = Part::import(fixture("agents_ru_utf16le.txt")).unwrap();
        let d = demo_dataset().with_part(cdr).with_part(agents);
        let text = encode_dataset(&d).unwrap();
        let back = decode_dataset(&text).unwrap();
        assert!(!back.demo);
        assert_eq!(back.lines(), d.lines());
        assert_eq!(back.cdr.as_ref().unwrap().source, d.cdr.as_ref().unwrap().source, "the same bytes");
        assert_eq!(back.intervals().unwrap().unwrap(), d.intervals().unwrap().unwrap());
        // Another version or a damaged record gives nothing (the demo), never a panic.
        assert!(decode_dataset(&text.replacen("dataset v1", "dataset v2", 1)).is_none());
        assert!(decode_dataset(&text.replacen("0.bytes=", "0.bytes=!", 1)).is_none());
        assert!(decode_dataset("dataset v1\nfiles=9\n").is_none());
    }

    #[test]
    fn a_changed_mapping_is_part_of_the_record() {
        let src = fixture("cdr_ru_cp1251.csv");
        let detected = Part::import(src.clone()).unwrap();
        let (field, _) = detected.imported.layout.map.entries().last().unwrap();
        let mut layout = detected.imported.layout.clone();
        layout.map.set(field, None);
        let changed = Part::import_with(src, Some(layout)).unwrap();
        let back = decode_dataset(&encode_dataset(&DataSet::default().with_part(changed)).unwrap()).unwrap();
        assert_eq!(back.cdr.unwrap().imported.layout.map.get(field), None);
    }

    #[test]
    fn split_call_records_merge_back_to_the_same_intervals() {
        // The data set imports call records split by queue and channel; the
        // pages that read whole intervals get the same cells as an unsplit import.
        let cdr = demo_dataset().cdr.unwrap();
        let split = cdr.imported.interval_stats(default_aggregate()).unwrap().unwrap();
        assert!(split.iter().any(|c| c.queue.is_some() && c.channel.is_some()), "stored split");
        let mut opts = ImportOptions::new("demo-cdr.csv");
        opts.aggregate = AggregateOptions::new(INTERVAL_S, SL_THRESHOLD_S, 0.0).unwrap();
        let unsplit = import_bytes(&cdr.source.bytes, opts).unwrap().interval_stats(opts_plain()).unwrap().unwrap();
        let merged = cdr.intervals().unwrap().unwrap();
        assert_eq!(merged.len(), unsplit.len());
        for (m, u) in merged.iter().zip(&unsplit) {
            assert_eq!((m.start, m.queue.as_deref(), m.channel), (u.start, None, None));
            assert_eq!(
                (m.offered, m.answered, m.abandoned, m.answered_within_t),
                (u.offered, u.answered, u.abandoned, u.answered_within_t)
            );
            assert!((m.handle_s - u.handle_s).abs() < 1e-6 && (m.wait_answered_s - u.wait_answered_s).abs() < 1e-6);
        }
        let total = |c: &[IntervalStats]| IntervalStats::total(c.iter()).unwrap();
        assert_eq!(total(&merged).offered, total(&split).offered);
        // Regrouping by channel only keeps every channel and drops the queues.
        let by_channel = cdr.cells(false, true).unwrap().unwrap();
        assert!(by_channel.iter().all(|c| c.queue.is_none() && c.channel.is_some()));
        assert_eq!(total(&by_channel).offered, total(&merged).offered);
    }

    fn opts_plain() -> AggregateOptions {
        AggregateOptions::new(INTERVAL_S, SL_THRESHOLD_S, 0.0).unwrap()
    }

    #[test]
    fn call_records_are_aggregated_again_with_another_threshold() {
        let cdr = demo_dataset().cdr.unwrap();
        assert_eq!(cdr.sl_threshold_s(), Some(SL_THRESHOLD_S));
        let at = |t: f64| {
            let p = cdr.with_sl_threshold(t).unwrap();
            assert_eq!(p.sl_threshold_s(), Some(t));
            IntervalStats::total(p.intervals().unwrap().unwrap().iter()).unwrap()
        };
        let (t0, t20, t60) = (at(0.0), at(20.0), at(60.0));
        assert_eq!(
            t20.answered_within_t,
            IntervalStats::total(cdr.intervals().unwrap().unwrap().iter()).unwrap().answered_within_t
        );
        assert!(t0.answered_within_t < t20.answered_within_t && t20.answered_within_t < t60.answered_within_t);
        assert_eq!((t0.offered, t0.answered), (t60.offered, t60.answered), "only the within-T counts change");
        // The interval report carries its own T (stated in its header).
        let ir = demo_dataset().interval_report.unwrap();
        assert!(ir.sl_threshold_s().is_some());
        assert!(Arc::ptr_eq(&ir.with_sl_threshold(60.0).unwrap().imported, &ir.imported), "not re-imported");
    }

    #[test]
    fn files_too_large_to_keep_are_reported_with_their_size() {
        let big = Source { name: "big.csv".into(), bytes: Arc::new(vec![b'a'; MAX_SAVED_BYTES + 1]) };
        let imported = demo_dataset().cdr.unwrap().imported;
        let d = DataSet::default().with_part(Part { source: big, imported, utc_offset_s: 0 });
        assert_eq!(encode_dataset(&d), Err(MAX_SAVED_BYTES + 1));
    }
}

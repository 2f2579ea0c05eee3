//! The statistics every analysis page works from (KPI dashboard, forecast,
//! budget, operators): the demo centre until the user imports files on the
//! import page. Provided once by the App as a context; pages read it with
//! [`use_dataset`] and derive everything else in memos.
//!
//! Each part keeps its source (file name and bytes, for re-reading with
//! other settings) and the engine's import of it with the default settings
//! (15-minute intervals, SL threshold 20 s).

use std::cell::OnceCell;
use std::sync::Arc;

use callcalc_engine::{demo, import_bytes, AggregateOptions, ImportOptions, Imported, IntervalStats, ReportKind};
use leptos::prelude::*;

use crate::state::import::Source;

/// Default interval length of the shared data set, seconds.
pub const INTERVAL_S: u32 = 900;
/// Default service-level threshold of the shared data set, seconds.
pub const SL_THRESHOLD_S: f64 = 20.0;

/// One imported file of the data set.
#[derive(Clone, Debug)]
pub struct Part {
    pub source: Source,
    pub imported: Arc<Imported>,
}

impl PartialEq for Part {
    fn eq(&self, other: &Part) -> bool {
        Arc::ptr_eq(&self.imported, &other.imported)
    }
}

impl Part {
    /// Imports `source` with the data set's default settings.
    pub fn import(source: Source) -> Result<Part, String> {
        let mut opts = ImportOptions::new(source.name.clone());
        opts.aggregate = default_aggregate();
        let imported = import_bytes(&source.bytes, opts).map_err(|e| e.to_string())?;
        Ok(Part { source, imported: Arc::new(imported) })
    }

    /// Interval statistics of this part on the default grid (`None` for an
    /// agent report).
    pub fn intervals(&self) -> Option<Result<Vec<IntervalStats>, String>> {
        self.imported.interval_stats(default_aggregate()).map(|r| r.map_err(|e| e.to_string()))
    }
}

/// 15-minute intervals, SL threshold 20 s, no short-abandon threshold.
pub fn default_aggregate() -> AggregateOptions {
    AggregateOptions::new(INTERVAL_S, SL_THRESHOLD_S, 0.0).expect("constant, valid aggregation settings")
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

    /// Interval statistics for the analysis pages: the interval report's if
    /// there is one, else the aggregated call records'.
    pub fn intervals(&self) -> Option<Result<Vec<IntervalStats>, String>> {
        self.interval_report.as_ref().or(self.cdr.as_ref()).and_then(Part::intervals)
    }
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
}

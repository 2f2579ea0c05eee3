//! Which series of the data set the forecast page forecasts: all contacts
//! (channels and queues merged, as [`crate::state::forecast::history`]), one
//! channel, or one queue. The interval source is the one of
//! [`DataSet::intervals`]: the interval report if the data set has one, else
//! the call records (aggregated split by queue and channel).

use callcalc_engine::export::{Cell, Sheet};
use callcalc_engine::{Channel, IntervalHistory, IntervalStats};

use crate::state::dataset::{DataSet, Part, INTERVAL_S};
use crate::state::forecast::{history, staffed_pattern, QueueChoice, StaffedPattern};

/// The series forecast.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Series {
    /// Every contact of the data set (channels and queues merged).
    All,
    Channel(Channel),
    /// A queue by its name as the file writes it.
    Queue(String),
}

/// Code of [`Series::All`] (the default of `ForecastInputs::series`).
pub const ALL_CODE: &str = "all";

impl Series {
    /// A stable code for the select and the settings: `all`, `ch:<channel
    /// name>` (`ch:phone`, `ch:chat` …), `q:<queue name>`.
    pub fn code(&self) -> String {
        match self {
            Series::All => ALL_CODE.to_string(),
            Series::Channel(c) => format!("ch:{}", c.name()),
            Series::Queue(q) => format!("q:{q}"),
        }
    }

    /// The series of a [`Series::code`]; `None` for an unknown code.
    pub fn from_code(s: &str) -> Option<Series> {
        if s == ALL_CODE {
            return Some(Series::All);
        }
        if let Some(name) = s.strip_prefix("ch:") {
            return Channel::ALL.into_iter().find(|c| c.name() == name).map(Series::Channel);
        }
        s.strip_prefix("q:").map(|q| Series::Queue(q.to_string()))
    }

    /// An English label for exports and notes: "All contacts", "Channel:
    /// phone", "Queue: Sales".
    pub fn label_en(&self) -> String {
        match self {
            Series::All => "All contacts".to_string(),
            Series::Channel(c) => format!("Channel: {}", c.name()),
            Series::Queue(q) => format!("Queue: {q}"),
        }
    }
}

/// The part the interval data comes from (same rule as [`DataSet::intervals`]).
fn interval_source(ds: &DataSet) -> Option<&Part> {
    ds.interval_report.as_ref().or(ds.cdr.as_ref())
}

/// The series the data set's interval source has: [`Series::All`] first,
/// then each channel it labels (in [`Channel::ALL`] order), then each queue
/// it names (sorted). Only `All` when the source labels neither (or the data
/// set has no interval data).
pub fn available_series(ds: &DataSet) -> Vec<Series> {
    let mut out = vec![Series::All];
    let Some(Ok(cells)) = interval_source(ds).and_then(|p| p.cells(true, true)) else {
        return out;
    };
    let mut channels = std::collections::BTreeSet::new();
    let mut queues = std::collections::BTreeSet::new();
    for c in &cells {
        if let Some(ch) = c.channel {
            channels.insert(Channel::ALL.iter().position(|x| *x == ch).unwrap_or(usize::MAX));
        }
        if let Some(q) = &c.queue {
            queues.insert(q.clone());
        }
    }
    out.extend(channels.into_iter().filter_map(|i| Channel::ALL.get(i).copied()).map(Series::Channel));
    out.extend(queues.into_iter().map(Series::Queue));
    out
}

/// The cells of one series on the default grid (one cell per interval).
fn series_cells(ds: &DataSet, series: &Series) -> Result<Vec<IntervalStats>, String> {
    let part = interval_source(ds).ok_or_else(|| "no interval data".to_string())?;
    let (by_queue, by_channel) = match series {
        Series::All => (false, false),
        Series::Channel(_) => (false, true),
        Series::Queue(_) => (true, false),
    };
    let cells = part.cells(by_queue, by_channel).ok_or_else(|| "no interval data".to_string())??;
    let cells: Vec<IntervalStats> = cells
        .into_iter()
        .filter(|c| match series {
            Series::All => true,
            Series::Channel(ch) => c.channel == Some(*ch),
            Series::Queue(q) => c.queue.as_deref() == Some(q.as_str()),
        })
        .collect();
    if cells.is_empty() {
        return Err(format!("no intervals of {}", series.label_en()));
    }
    Ok(cells)
}

/// The interval history of one series: its volumes and handle times only
/// (so [`crate::state::forecast::history_aht`] of it is the series' AHT).
/// [`Series::All`] is exactly [`history`].
pub fn history_for(ds: &DataSet, series: &Series) -> Result<IntervalHistory, String> {
    match series {
        Series::All => history(ds),
        s => IntervalHistory::from_interval_stats(&series_cells(ds, s)?, INTERVAL_S).map_err(|e| e.to_string()),
    }
}

/// The staffing pattern of one series (agents staffed reported for that
/// channel or queue only); [`Series::All`] is exactly [`staffed_pattern`].
pub fn staffed_pattern_for(ds: &DataSet, series: &Series) -> Option<StaffedPattern> {
    match series {
        Series::All => staffed_pattern(ds),
        s => series_cells(ds, s).ok().and_then(|c| StaffedPattern::from_intervals(&c)),
    }
}

/// The series a settings code asks for, if the data set has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedSeries {
    /// The series forecast.
    pub series: Series,
    /// The code asked for names a series the data set does not have (e.g.
    /// after importing another file): the forecast falls back to all
    /// contacts and the page says so.
    pub missing: Option<String>,
}

/// Resolves the settings code against the data set's [`available_series`].
pub fn resolve_series(code: &str, available: &[Series]) -> ResolvedSeries {
    match Series::from_code(code) {
        Some(s) if available.contains(&s) => ResolvedSeries { series: s, missing: None },
        _ => ResolvedSeries { series: Series::All, missing: Some(code.to_string()) },
    }
}

/// The model a newly chosen series calls for, given the model in use:
/// chat and messenger channels → the chat model (several conversations per
/// agent); e-mail and web forms → deferred work (answered within a deadline,
/// not queued); phone → the model in use, unless it is the chat or the
/// deferred model (then Erlang C, the page's default); every other series
/// (all contacts, a queue) → the model in use.
pub fn suggested_model(series: &Series, current: QueueChoice) -> QueueChoice {
    match series {
        Series::Channel(Channel::Chat | Channel::Messenger) => QueueChoice::Chat,
        Series::Channel(Channel::Email | Channel::WebForm) => QueueChoice::Deferred,
        Series::Channel(Channel::Phone) if matches!(current, QueueChoice::Chat | QueueChoice::Deferred) => {
            QueueChoice::ErlangC
        }
        _ => current,
    }
}

/// Puts the series at the top of the export's Forecast sheet (or, if there
/// is none, of its first sheet): a row `Series | <label>`.
pub fn state_series_in_export(sheets: &mut [Sheet], series: &Series) {
    let target = sheets.iter().position(|s| s.name == "Forecast").or(if sheets.is_empty() { None } else { Some(0) });
    if let Some(i) = target {
        sheets[i].rows.insert(0, vec![Cell::text("Series"), Cell::text(series.label_en())]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dataset::demo_dataset;
    use crate::state::forecast::history_aht;
    use std::collections::HashMap;

    fn by_slot(h: &IntervalHistory) -> HashMap<(i64, u32), f64> {
        let mut m = HashMap::new();
        for d in h.days() {
            for (i, v) in d.volumes.iter().enumerate() {
                m.insert((d.day, h.first_slot() + i as u32), *v);
            }
        }
        m
    }

    #[test]
    fn codes_round_trip() {
        for s in [
            Series::All,
            Series::Channel(Channel::Chat),
            Series::Channel(Channel::WebForm),
            Series::Queue("a:b".into()),
        ] {
            assert_eq!(Series::from_code(&s.code()), Some(s.clone()));
        }
        assert_eq!(Series::from_code("ch:fax"), None);
        assert_eq!(Series::from_code("x"), None);
    }

    #[test]
    fn demo_channels_sum_to_all_contacts() {
        let ds = demo_dataset();
        let av = available_series(&ds);
        assert_eq!(av[0], Series::All);
        let channels: Vec<Channel> = av
            .iter()
            .filter_map(|s| match s {
                Series::Channel(c) => Some(*c),
                _ => None,
            })
            .collect();
        assert!(channels.len() >= 3, "{av:?}");
        assert!(channels.contains(&Channel::Phone) && channels.contains(&Channel::Chat));
        let all = history_for(&ds, &Series::All).unwrap();
        assert_eq!(all, history(&ds).unwrap(), "All is today's history, unchanged");
        let all_slots = by_slot(&all);
        let mut sum: HashMap<(i64, u32), f64> = HashMap::new();
        let mut ahts = Vec::new();
        for c in &channels {
            let h = history_for(&ds, &Series::Channel(*c)).unwrap();
            for (k, v) in by_slot(&h) {
                *sum.entry(k).or_insert(0.0) += v;
            }
            ahts.push(history_aht(&h));
        }
        for (k, v) in &all_slots {
            let s = sum.get(k).copied().unwrap_or(0.0);
            assert!((s - v).abs() < 1e-9, "{k:?}: channels {s} vs all {v}");
        }
        for (k, s) in &sum {
            assert!(all_slots.contains_key(k) || *s == 0.0, "{k:?} only in a channel");
        }
        // AHT of the series: its own handle time over its own contacts.
        let phone = history_for(&ds, &Series::Channel(Channel::Phone)).unwrap();
        let cells = ds.interval_report.as_ref().unwrap().cells(false, true).unwrap().unwrap();
        // history_aht: the contacts-weighted mean of the intervals' AHTs (handle time / handled).
        let (num, den) = cells
            .iter()
            .filter(|c| c.channel == Some(Channel::Phone) && c.handled_with_time > 0 && c.handle_s > 0.0)
            .fold((0.0, 0.0), |(a, b), c| {
                (a + c.offered as f64 * c.handle_s / c.handled_with_time as f64, b + c.offered as f64)
            });
        let want = num / den;
        assert!((history_aht(&phone) - want).abs() < 1e-6, "{} vs {want}", history_aht(&phone));
        assert!((history_aht(&phone) - history_aht(&all)).abs() > 1.0, "the phone AHT is not the mix's");
        // The channels differ from one another and from all contacts.
        assert!(ahts.windows(2).any(|w| (w[0] - w[1]).abs() > 1.0), "{ahts:?}");
        assert!(phone.days().iter().map(|d| d.volumes.iter().sum::<f64>()).sum::<f64>() > 0.0);
    }

    #[test]
    fn queues_of_the_demo_sum_to_all_contacts() {
        // The demo's interval report names no queue (only channels); its call records do.
        let mut ds = demo_dataset();
        assert!(!available_series(&ds).iter().any(|s| matches!(s, Series::Queue(_))));
        ds.interval_report = None;
        let queues: Vec<Series> = available_series(&ds).into_iter().filter(|s| matches!(s, Series::Queue(_))).collect();
        assert!(queues.len() >= 2, "{queues:?}");
        assert!(queues.contains(&Series::Queue("VIP".into())));
        let all = by_slot(&history(&ds).unwrap());
        let mut sum: HashMap<(i64, u32), f64> = HashMap::new();
        for q in &queues {
            for (k, v) in by_slot(&history_for(&ds, q).unwrap()) {
                *sum.entry(k).or_insert(0.0) += v;
            }
        }
        for (k, v) in &all {
            assert!((sum.get(k).copied().unwrap_or(0.0) - v).abs() < 1e-9, "{k:?}");
        }
    }

    #[test]
    fn call_records_are_the_source_without_an_interval_report() {
        let mut ds = demo_dataset();
        ds.interval_report = None;
        let av = available_series(&ds);
        assert!(av.len() > 1, "{av:?}");
        let all = history(&ds).unwrap();
        let total = |h: &IntervalHistory| h.days().iter().flat_map(|d| d.volumes.iter()).sum::<f64>();
        let channels: f64 =
            av.iter().filter(|s| matches!(s, Series::Channel(_))).map(|s| total(&history_for(&ds, s).unwrap())).sum();
        assert!((channels - total(&all)).abs() < 1e-6, "{channels} vs {}", total(&all));
    }

    #[test]
    fn a_missing_series_falls_back_to_all_contacts() {
        let ds = demo_dataset();
        let av = available_series(&ds);
        assert_eq!(resolve_series(ALL_CODE, &av), ResolvedSeries { series: Series::All, missing: None });
        let chat = Series::Channel(Channel::Chat);
        assert_eq!(resolve_series(&chat.code(), &av).series, chat);
        let gone = resolve_series("q:No such queue", &av);
        assert_eq!(gone, ResolvedSeries { series: Series::All, missing: Some("q:No such queue".into()) });
        assert_eq!(resolve_series("garbage", &av).series, Series::All);
        // A data set without web forms: the channel is not offered and falls back.
        assert!(resolve_series(&Series::Channel(Channel::WebForm).code(), &av).missing.is_some());
        // No interval data at all: only All, and history_for reports the error.
        let empty = DataSet::default();
        assert_eq!(available_series(&empty), vec![Series::All]);
        assert!(history_for(&empty, &chat).is_err());
    }

    #[test]
    fn the_staffing_pattern_follows_the_series() {
        let ds = demo_dataset();
        assert_eq!(staffed_pattern_for(&ds, &Series::All), staffed_pattern(&ds));
        let all = staffed_pattern(&ds).expect("the demo reports agents staffed");
        let channels: Vec<StaffedPattern> = [Channel::Phone, Channel::Email, Channel::Chat]
            .into_iter()
            .map(|c| staffed_pattern_for(&ds, &Series::Channel(c)).expect("staffed per channel"))
            .collect();
        let last = history(&ds).unwrap().days().last().unwrap().day;
        let mut checked = 0;
        for slot in [36, 44, 60, 80] {
            let day = last + 3;
            if let Some(a) = all.agents_for(day, slot) {
                let sum: f64 = channels.iter().filter_map(|p| p.agents_for(day, slot)).sum();
                assert!((sum - a).abs() < 1e-9, "slot {slot}: {sum} vs {a}");
                let split = channels.iter().filter_map(|p| p.agents_for(day, slot)).any(|x| x > 0.0 && x < a);
                checked += usize::from(split);
            }
        }
        assert!(checked > 0, "some slot is staffed by more than one channel");
        assert_eq!(staffed_pattern_for(&ds, &Series::Queue("none".into())), None);
    }

    #[test]
    fn the_channel_suggests_its_model() {
        use QueueChoice::*;
        for cur in [ErlangC, ErlangA, ErlangX, Chat, Deferred] {
            assert_eq!(suggested_model(&Series::Channel(Channel::Chat), cur), Chat);
            assert_eq!(suggested_model(&Series::Channel(Channel::Messenger), cur), Chat);
            // E-mail and web forms are deferred work.
            assert_eq!(suggested_model(&Series::Channel(Channel::Email), cur), Deferred);
            assert_eq!(suggested_model(&Series::Channel(Channel::WebForm), cur), Deferred);
            assert_eq!(suggested_model(&Series::All, cur), cur);
            assert_eq!(suggested_model(&Series::Queue("Sales".into()), cur), cur);
        }
        assert_eq!(suggested_model(&Series::Channel(Channel::Phone), ErlangA), ErlangA);
        assert_eq!(suggested_model(&Series::Channel(Channel::Phone), ErlangX), ErlangX);
        assert_eq!(suggested_model(&Series::Channel(Channel::Phone), Chat), ErlangC);
        assert_eq!(suggested_model(&Series::Channel(Channel::Phone), Deferred), ErlangC);
    }

    #[test]
    fn the_export_states_the_series() {
        let mut sheets = vec![Sheet::new("Backtest"), Sheet::new("Forecast")];
        state_series_in_export(&mut sheets, &Series::Channel(Channel::Chat));
        assert!(sheets[0].rows.is_empty());
        let csv = callcalc_engine::export::to_csv(&sheets[1], callcalc_engine::export::CsvStyle::PLAIN);
        assert!(csv.starts_with("Series,Channel: chat"), "{csv}");
        let mut none: Vec<Sheet> = Vec::new();
        state_series_in_export(&mut none, &Series::All);
    }
}

//! Import value mapping: outcome codes, sentinels (`0:00:00` = no queue
//! entry), row filters, not-queued records, ignored outcomes, coded values,
//! plausibility warnings, date + time-of-day columns and mapping files.
//!
//! `bank_calls_synthetic.tsv` is **synthetic**: hand-made (by a seeded
//! script) in the published column format and codes of the Technion SEE
//! lab's "Anonymous Bank" call-centre data (`date` as `yymmdd`, times of day
//! `h:mm:ss`, `q_start`/`q_exit` = `0:00:00` when the call never queued,
//! outcomes `AGENT`/`HANG`/`PHANTOM`, `NO_SERVER`); it holds no real calls.
//! The expected counts are computed here from the file's cells, independently
//! of the importer.

use std::collections::BTreeMap;

use callcalc_engine::*;
use proptest::prelude::*;

const BANK: &str = "bank_calls_synthetic.tsv";

fn fixture_text(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The mapping a user makes for the bank file.
fn bank_mapping() -> MappingFile {
    let columns = [
        ("contact_id", "call_id"),
        ("caller_id", "customer_id"),
        ("queue", "type"),
        ("date", "date"),
        ("time", "vru_entry"),
        ("queue_entry", "q_start"),
        ("queue_exit", "q_exit"),
        ("wait_s", "q_time"),
        ("outcome", "outcome"),
        ("talk_s", "ser_time"),
        ("agent", "server"),
    ];
    let mut values = ValueMapping::default();
    values.set_outcome("AGENT", OutcomeMeaning::Answered);
    values.set_outcome("HANG", OutcomeMeaning::Abandoned);
    values.set_outcome("PHANTOM", OutcomeMeaning::Ignore);
    values.add_empty(Field::QueueEntry, "0:00:00");
    values.add_empty(Field::QueueExit, "0:00:00");
    values.add_empty(Field::Agent, "NO_SERVER");
    MappingFile {
        version: MAPPING_FILE_VERSION,
        kind: Some("cdr".into()),
        columns: columns.iter().map(|(f, l)| (f.to_string(), l.to_string())).collect(),
        values,
        utc_offset_minutes: None,
    }
}

fn import_with(text: &str, mapping: &MappingFile, interval_s: u32) -> Imported {
    let mut opts = ImportOptions::new(BANK);
    opts.aggregate = AggregateOptions::new(interval_s, 20.0, 5.0).unwrap();
    let layout = mapping.layout_for_text(text, &opts).unwrap_or_else(|e| panic!("{e}"));
    opts.layout = Some(layout);
    let mut imp = Importer::new(opts);
    imp.feed(text);
    imp.finish().unwrap()
}

/// Seconds of day of `h:mm:ss`.
fn sod(s: &str) -> i64 {
    let p: Vec<i64> = s.split(':').map(|x| x.parse().unwrap()).collect();
    p[0] * 3600 + p[1] * 60 + p[2]
}

#[derive(Debug, Default, PartialEq, Clone, Copy)]
struct Expected {
    offered: u64,
    answered: u64,
    abandoned: u64,
    not_queued: u64,
}

/// Independent count: per half-hour (seconds of day of its start), and the
/// numbers of ignored and excluded rows.
fn expected(text: &str, exclude_type: Option<&str>) -> (BTreeMap<i64, Expected>, u64, u64) {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (ty, ve, qs, out) = (col("type"), col("vru_entry"), col("q_start"), col("outcome"));
    let mut m: BTreeMap<i64, Expected> = BTreeMap::new();
    let (mut ignored, mut excluded) = (0, 0);
    for line in lines {
        let c: Vec<&str> = line.split('\t').collect();
        if Some(c[ty]) == exclude_type {
            excluded += 1;
            continue;
        }
        let queued = c[qs] != "0:00:00";
        let at = if queued { sod(c[qs]) } else { sod(c[ve]) };
        let e = m.entry(at - at % 1800).or_default();
        match (c[out], queued) {
            ("PHANTOM", _) => {
                ignored += 1;
                // An ignored row is in no interval.
                if *e == Expected::default() {
                    m.remove(&(at - at % 1800));
                }
            }
            ("AGENT", _) => {
                e.offered += 1;
                e.answered += 1;
            }
            ("HANG", true) => {
                e.offered += 1;
                e.abandoned += 1;
            }
            ("HANG", false) => e.not_queued += 1,
            (o, _) => panic!("unexpected outcome {o}"),
        }
    }
    (m, ignored, excluded)
}

fn actual(out: &Imported) -> BTreeMap<i64, Expected> {
    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    cells
        .iter()
        .map(|c| {
            assert_eq!(c.start.date(), (1999, 1, 1));
            (
                i64::from(c.start.second_of_day()),
                Expected {
                    offered: c.offered,
                    answered: c.answered,
                    abandoned: c.abandoned.unwrap(),
                    not_queued: c.not_queued,
                },
            )
        })
        .collect()
}

fn identity_holds(s: &ImportSummary) -> bool {
    s.rows_read
        == s.kept + s.rejected + s.totals_skipped + s.repeated_headers_skipped + s.excluded + s.ignored + s.not_queued
}

#[test]
fn bank_format_per_interval_counts_match_an_independent_count() {
    let text = fixture_text(BANK);
    let out = import_with(&text, &bank_mapping(), 1800);
    let (want, ignored, _) = expected(&text, None);
    assert!(want.len() >= 3, "the fixture spans several half-hours");
    assert_eq!(actual(&out), want);
    let s = &out.summary;
    assert_eq!(s.rejected, 0, "{:?}", out.rejected);
    assert_eq!(s.ignored, ignored);
    assert!(ignored > 0);
    assert_eq!(s.not_queued, want.values().map(|e| e.not_queued).sum::<u64>());
    assert!(s.not_queued > 0);
    assert_eq!(s.kept, want.values().map(|e| e.offered).sum::<u64>());
    assert_eq!(s.excluded, 0);
    assert!(identity_holds(s));
    assert_eq!(s.warnings, vec![]);
    // Not-queued callers are never abandons.
    let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
    let total = IntervalStats::total(cells).unwrap();
    assert_eq!(total.abandoned, Some(want.values().map(|e| e.abandoned).sum::<u64>()));
}

#[test]
fn a_call_is_placed_by_its_queue_entry_not_its_arrival() {
    // Call 33142 arrives 10:29:50 and enters the queue 10:30:02.
    let text = fixture_text(BANK);
    let line = text.lines().find(|l| l.contains("\t33142\t")).unwrap();
    assert!(line.contains("\t10:29:50\t") && line.contains("\t10:30:02\t"), "{line}");
    let one = format!("{}\n{line}\n", text.lines().next().unwrap());
    let out = import_with(&one, &bank_mapping(), 1800);
    let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
    assert_eq!(cells.len(), 1);
    assert_eq!(cells[0].start, Timestamp::from_civil(1999, 1, 1, 10, 30, 0).unwrap());
    assert_eq!(cells[0].asa_s(), Some(126.0));
}

#[test]
fn row_filters_leave_rows_out_and_count_them() {
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.values.add_exclude(Field::Queue, "tt");
    let out = import_with(&text, &m, 1800);
    let (want, ignored, excluded) = expected(&text, Some("TT"));
    assert!(excluded > 0);
    assert_eq!(actual(&out), want);
    assert_eq!((out.summary.excluded, out.summary.ignored, out.summary.rejected), (excluded, ignored, 0));
    assert!(identity_holds(&out.summary));
}

#[test]
fn a_filter_on_an_unmapped_field_warns() {
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.values.add_exclude(Field::Channel, "IVR");
    let out = import_with(&text, &m, 1800);
    assert_eq!(out.summary.excluded, 0);
    assert_eq!(
        out.summary.warnings,
        vec![ImportWarning::FilterFieldNotMapped { field: Field::Channel, value: "IVR".into() }]
    );
}

#[test]
fn without_a_time_column_the_import_warns_instead_of_a_quiet_result() {
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.columns.retain(|(f, _)| !matches!(f.as_str(), "time" | "queue_entry" | "queue_exit"));
    let out = import_with(&text, &m, 1800);
    let s = &out.summary;
    assert_eq!(s.rejected, 0);
    let midnight = Timestamp::from_civil(1999, 1, 1, 0, 0, 0).unwrap();
    assert!(s.warnings.contains(&ImportWarning::AllAtMidnight { rows: s.kept }), "{:?}", s.warnings);
    assert!(s.warnings.contains(&ImportWarning::AllInOneInterval { start: midnight, rows: s.kept }));
    let line = s.warnings[0].to_string();
    assert!(line.contains("00:00") || line.contains("one interval"), "{line}");
}

#[test]
fn date_and_a_queue_entry_time_without_an_arrival_time_are_combined() {
    // The reported misread: `date` + a time-of-day queue-entry column, no
    // arrival time: every call used to land at 00:00.
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.columns.retain(|(f, _)| f != "time");
    let out = import_with(&text, &m, 1800);
    let (want, ignored, _) = expected(&text, None);
    // Queued calls are where their queue entry says.
    let got = actual(&out);
    let queued: Vec<(i64, u64)> = got.iter().map(|(k, e)| (*k, e.offered)).filter(|(_, n)| *n > 0).collect();
    assert!(queued.len() >= 3, "{got:?}");
    assert!(got.keys().all(|k| *k >= 10 * 3600), "nothing at midnight: {got:?}");
    // Calls answered without queueing cannot be placed without an arrival
    // time: rejected and located, not put at 00:00.
    let answered_at_once =
        text.lines().filter(|l| l.contains("\tAGENT\t") && l.split('\t').nth(9) == Some("0:00:00")).count() as u64;
    assert!(answered_at_once > 0);
    assert_eq!(out.summary.rejected, answered_at_once);
    let r = &out.rejected[0];
    assert_eq!((r.column_name.as_str(), r.field, r.value.as_str()), ("q_start", Some(Field::QueueEntry), "0:00:00"));
    // IVR callers are counted, but in no interval, and said so.
    let ivr = want.values().map(|e| e.not_queued).sum::<u64>();
    assert_eq!(out.summary.not_queued, ivr);
    assert!(out.summary.warnings.contains(&ImportWarning::NotQueuedWithoutTime { rows: ivr }));
    assert_eq!(out.summary.ignored, ignored);
    assert!(identity_holds(&out.summary));
}

#[test]
fn unknown_outcome_codes_reject_rows_and_are_listed_for_mapping() {
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.values.outcomes.clear();
    let out = import_with(&text, &m, 1800);
    assert_eq!(out.summary.kept, 0);
    assert_eq!(out.summary.rejected, out.summary.rows_read);
    let r = &out.rejected[0];
    assert_eq!((r.column_name.as_str(), r.field), ("outcome", Some(Field::Outcome)));
    assert!(r.expected().contains("an outcome"), "{}", r.expected());
    let outcome = out.summary.coded.iter().find(|c| c.field == Field::Outcome).unwrap();
    assert_eq!(outcome.column, 12);
    assert!(!outcome.truncated);
    let count = |code: &str| text.lines().filter(|l| l.split('\t').nth(12) == Some(code)).count() as u64;
    let listed: Vec<(&str, u64, Option<&str>)> =
        outcome.values.iter().map(|v| (v.value.as_str(), v.count, v.reading.as_deref())).collect();
    let mut want =
        vec![("AGENT", count("AGENT"), None), ("HANG", count("HANG"), None), ("PHANTOM", count("PHANTOM"), None)];
    want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    assert_eq!(listed, want);
    // With the mapping the readings are the meanings.
    let out = import_with(&text, &bank_mapping(), 1800);
    let outcome = out.summary.coded.iter().find(|c| c.field == Field::Outcome).unwrap();
    let readings: Vec<(&str, Option<&str>)> =
        outcome.values.iter().map(|v| (v.value.as_str(), v.reading.as_deref())).collect();
    assert!(readings.contains(&("PHANTOM", Some("ignore"))));
    assert!(readings.contains(&("HANG", Some("abandoned"))));
    let queue = out.summary.coded.iter().find(|c| c.field == Field::Queue).unwrap();
    assert_eq!(queue.values.iter().map(|v| v.count).sum::<u64>(), out.summary.rows_read);
}

#[test]
fn coded_values_are_capped() {
    let mut text = String::from("date;time;queue;outcome;wait\n");
    for i in 0..150 {
        text.push_str(&format!("01.03.2024;08:{:02}:00;Q{i};answered;5\n", i % 60));
    }
    let out = import_bytes(text.as_bytes(), ImportOptions::new("q.csv")).unwrap();
    let q = out.summary.coded.iter().find(|c| c.field == Field::Queue).unwrap();
    assert_eq!(q.values.len(), MAX_CODED_VALUES);
    assert!(q.truncated);
}

#[test]
fn ambiguous_six_digit_dates_are_rejected_and_located() {
    let text = "date;time;outcome;wait\n990101;08:00:00;answered;5\n010203;08:00:00;answered;5\n";
    let out = import_bytes(text.as_bytes(), ImportOptions::new("d.csv")).unwrap();
    assert_eq!((out.summary.kept, out.summary.rejected), (1, 1));
    let r = &out.rejected[0];
    assert_eq!((r.row, r.column_name.as_str(), r.value.as_str()), (3, "date", "010203"));
    assert!(r.expected().contains("yymmdd"));
    let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
    assert_eq!(cells[0].start, Timestamp::from_civil(1999, 1, 1, 8, 0, 0).unwrap());
}

#[test]
fn sentinels_read_as_empty_cells_of_their_field_only() {
    // "-" in the wait column of a blocked call: empty (no wait); in the talk
    // column of an answered call it is still unreadable.
    let text = "date;time;outcome;wait;talk\n01.03.2024;08:00;blocked;-;\n01.03.2024;08:01;answered;5;-\n";
    let mut opts = ImportOptions::new("s.csv");
    let mut layout = sniff(text, &opts).unwrap();
    layout.values.add_empty(Field::Wait, "-");
    opts.layout = Some(layout);
    let mut imp = Importer::new(opts);
    imp.feed(text);
    let out = imp.finish().unwrap();
    assert_eq!((out.summary.kept, out.summary.rejected), (1, 1));
    assert_eq!(out.rejected[0].field, Some(Field::Talk));
}

#[test]
fn mapping_file_errors_are_typed() {
    assert!(matches!(
        MappingFile::from_json("{\"version\": 2}"),
        Err(MappingFileError::UnsupportedVersion { found: 2 })
    ));
    assert!(matches!(
        MappingFile::from_json("{\"version\": 1,\n \"kind\": \"cdr\",\n \"columns\": [[\"wait\", \"q_time\"]]}"),
        Err(MappingFileError::UnknownField { name }) if name == "wait"
    ));
    assert!(matches!(
        MappingFile::from_json("{\"version\": 1, \"kind\": \"calls\"}"),
        Err(MappingFileError::UnknownKind { .. })
    ));
    assert!(matches!(
        MappingFile::from_json("{\"version\": 1,\n \"kind\": }"),
        Err(MappingFileError::Invalid { line: 2, .. })
    ));
    let text = fixture_text(BANK);
    let mut m = bank_mapping();
    m.columns.push(("reason".into(), "topic".into()));
    assert_eq!(
        m.layout_for_text(&text, &ImportOptions::new(BANK)),
        Err(MappingFileError::NoHeaderRow { labels: m.columns.iter().map(|(_, l)| l.clone()).collect() })
    );
    let detected = header_layout(&text, None, ReportKind::Cdr, &["date"]).unwrap();
    assert_eq!(
        m.apply(&detected),
        Err(MappingFileError::ColumnNotFound { field: "reason".into(), label: "topic".into() })
    );
    let mut m = bank_mapping();
    m.columns.retain(|(f, _)| f != "outcome");
    assert!(matches!(m.apply(&detected), Err(MappingFileError::Incomplete { kind: ReportKind::Cdr, .. })));
    let mut m = bank_mapping();
    m.kind = None;
    assert_eq!(m.layout_for_text(&text, &ImportOptions::new(BANK)), Err(MappingFileError::KindNeeded));
}

#[test]
fn mapping_file_round_trips_through_the_saved_layout() {
    let text = fixture_text(BANK);
    let m = bank_mapping();
    let layout = m.layout_for_text(&text, &ImportOptions::new(BANK)).unwrap();
    let saved = MappingFile::from_layout(&layout, Some(180));
    let back = MappingFile::from_json(&saved.to_json()).unwrap();
    assert_eq!(back, saved);
    assert_eq!(back.utc_offset_minutes, Some(180));
    assert_eq!(back.values, m.values);
    assert_eq!(back.layout_for_text(&text, &ImportOptions::new(BANK)).unwrap(), layout);
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("AGENT".to_string()),
        Just("HANG".to_string()),
        Just("n/a".to_string()),
        Just("0:00:00".to_string()),
        "[A-Za-zА-я0-9 _:-]{0,8}",
    ]
}

fn arb_field() -> impl Strategy<Value = Field> {
    (0..Field::COUNT).prop_map(|i| Field::ALL[i])
}

fn arb_values() -> impl Strategy<Value = ValueMapping> {
    let meaning = (0..5usize).prop_map(|i| OutcomeMeaning::ALL[i]);
    let channel = (0..5usize).prop_map(|i| Channel::ALL[i]);
    (
        prop::collection::vec((arb_text(), meaning), 0..4),
        prop::collection::vec((arb_text(), channel), 0..3),
        prop::collection::vec((arb_text(), any::<bool>()), 0..3),
        prop::collection::vec((arb_field(), arb_text()), 0..3),
        prop::collection::vec((arb_field(), arb_text()), 0..3),
    )
        .prop_map(|(outcomes, channels, flags, empty, exclude)| ValueMapping {
            outcomes,
            channels,
            flags,
            empty,
            exclude: exclude.into_iter().map(|(field, value)| RowFilter { field, value }).collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mapping_files_round_trip_through_json(values in arb_values(), offset in proptest::option::of(-720i32..=840)) {
        let columns = vec![("date".to_string(), "Дата".to_string()), ("queue_entry".to_string(), "q_start".to_string())];
        let m = MappingFile { version: MAPPING_FILE_VERSION, kind: Some("cdr".into()), columns, values, utc_offset_minutes: offset };
        let back = MappingFile::from_json(&m.to_json()).unwrap();
        prop_assert_eq!(back, m);
    }

    /// Whatever is mapped, filtered or ignored, every data row is counted
    /// once: `rows_read = kept + rejected + totals + repeated headers +
    /// excluded + ignored + not_queued`, and the cells hold every kept
    /// contact and every timed not-queued record.
    #[test]
    fn filters_and_ignores_conserve_rows(
        rows in prop::collection::vec((0u32..7200, 0usize..5, 0usize..4, 0u32..300, any::<bool>()), 1..60),
        hang_ignored in any::<bool>(),
        exclude_queue in proptest::option::of(0usize..4),
        entry_sentinel in any::<bool>(),
    ) {
        const OUTCOMES: [&str; 5] = ["AGENT", "HANG", "PHANTOM", "??", "busy"];
        const QUEUES: [&str; 4] = ["PS", "PE", "TT", ""];
        let mut text = String::from("date;time;type;outcome;q_start;q_time\n");
        for (t, o, q, wait, queued) in &rows {
            let at = 8 * 3600 + t;
            let entry = if *queued { format!("{}:{:02}:{:02}", (at + 5) / 3600, (at + 5) / 60 % 60, (at + 5) % 60) } else { "0:00:00".into() };
            text.push_str(&format!("990101;{}:{:02}:{:02};{};{};{};{}\n", at / 3600, at / 60 % 60, at % 60, QUEUES[*q], OUTCOMES[*o], entry, wait));
        }
        let mut opts = ImportOptions::new("p.csv");
        opts.kind = Some(ReportKind::Cdr);
        let mut layout = header_layout(&text, None, ReportKind::Cdr, &["date"]).unwrap();
        for (f, c) in [(Field::Date, 0), (Field::Time, 1), (Field::Queue, 2), (Field::Outcome, 3), (Field::QueueEntry, 4), (Field::Wait, 5)] {
            layout.map.set(f, Some(c));
        }
        layout.values.set_outcome("AGENT", OutcomeMeaning::Answered);
        layout.values.set_outcome("HANG", if hang_ignored { OutcomeMeaning::Ignore } else { OutcomeMeaning::Abandoned });
        layout.values.set_outcome("PHANTOM", OutcomeMeaning::Ignore);
        if entry_sentinel {
            layout.values.add_empty(Field::QueueEntry, "0:00:00");
        }
        if let Some(q) = exclude_queue {
            layout.values.add_exclude(Field::Queue, QUEUES[q]);
        }
        opts.layout = Some(layout);
        let mut imp = Importer::new(opts);
        imp.feed(&text);
        let out = imp.finish().unwrap();
        let s = &out.summary;
        prop_assert_eq!(s.rows_read, rows.len() as u64);
        prop_assert!(identity_holds(s), "{:?}", s);
        let ImportedData::Cdr(cells) = &out.data else { unreachable!() };
        prop_assert_eq!(cells.iter().map(|c| c.offered).sum::<u64>(), s.kept);
        prop_assert_eq!(cells.iter().map(|c| c.not_queued).sum::<u64>(), s.not_queued);
        let excluded = exclude_queue.map_or(0, |q| rows.iter().filter(|r| r.2 == q).count() as u64);
        prop_assert_eq!(s.excluded, excluded);
        if !entry_sentinel {
            // "0:00:00" read as a time: every row is a contact (or rejected/ignored/excluded).
            prop_assert_eq!(s.not_queued, 0);
        }
    }
}

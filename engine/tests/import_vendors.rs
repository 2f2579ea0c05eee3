//! Vendor formats recognised on their own: Asterisk queue_log (file and
//! database export), Asterisk CDR (Master.csv, FreePBX table), Cisco UCCE,
//! Avaya CMS, Genesys Cloud; workbooks the importer does not read. Fixtures
//! in `fixtures/vendor/` (provenance in its README).

use callcalc_engine::export::{to_xlsx, Cell, Sheet};
use callcalc_engine::{
    import_bytes, read_workbook, ImportError, ImportOptions, Imported, ImportedData, IntervalRow, IntervalStats,
    SlVariant, SourceFormat, SourceNote, Timestamp, WorkbookKind,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/vendor/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn import(name: &str, utc_offset_s: i32) -> Imported {
    let mut opts = ImportOptions::new(name);
    opts.utc_offset_s = utc_offset_s;
    opts.aggregate = opts.aggregate.split(true, false);
    import_bytes(&fixture(name), opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cells(out: &Imported) -> &[IntervalStats] {
    match &out.data {
        ImportedData::Cdr(c) => c,
        other => panic!("expected interval cells, got {other:?}"),
    }
}

fn rows(out: &Imported) -> &[IntervalRow] {
    match &out.data {
        ImportedData::Intervals(r) => r,
        other => panic!("expected interval rows, got {other:?}"),
    }
}

fn at(h: u32, m: u32) -> Timestamp {
    Timestamp::from_civil(2024, 3, 1, h, m, 0).unwrap()
}

fn cell<'a>(cells: &'a [IntervalStats], start: Timestamp, queue: &str) -> &'a IntervalStats {
    cells
        .iter()
        .find(|c| c.start == start && c.queue.as_deref() == Some(queue))
        .unwrap_or_else(|| panic!("no cell {start} {queue}: {cells:#?}"))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn queue_log_file_rebuilds_calls_per_queue() {
    let out = import("queue_log", 3 * 3600);
    assert_eq!(out.summary.format, Some(SourceFormat::AsteriskQueueLog));
    assert_eq!(out.summary.format.map(SourceFormat::name), Some("Asterisk queue_log"));
    assert_eq!((out.summary.rows_read, out.summary.kept, out.summary.rejected), (34, 32, 2));
    // The bad epoch: column 1 (time), and the unreadable CONNECT holdtime: column 6 (data1).
    assert_eq!(
        (out.rejected[0].row, out.rejected[0].column, out.rejected[0].value.as_str()),
        (32, Some(0), "17O9282160")
    );
    assert_eq!((out.rejected[1].row, out.rejected[1].column, out.rejected[1].value.as_str()), (33, Some(5), "abc"));
    let c = cells(&out);
    // Epoch 1709280000 = 08:00 UTC = 11:00 at +03:00.
    let s = cell(c, at(11, 0), "support");
    assert_eq!((s.offered, s.answered, s.abandoned), (6, 3, Some(1)));
    assert!(close(s.asa_s(), (12.0 + 30.0 + 10.0) / 3.0), "{:?}", s.asa_s());
    assert!(close(s.aht_s(), (180.0 + 100.0 + 100.0) / 3.0), "{:?}", s.aht_s());
    assert_eq!(s.answered_within_t, Some(2));
    assert_eq!((s.acw_s, s.hold_s), (None, None), "no after-call work or hold in a queue log");
    assert_eq!((s.quality.transferred, s.quality.transfer_known), (2, 3));
    // SL (abandons negative) over offered including the exits apart: 2 / 6.
    assert!(close(s.service_level(SlVariant::AbandonsNegative), 2.0 / 6.0));
    let sales = cell(c, at(11, 0), "sales");
    assert_eq!((sales.offered, sales.answered, sales.abandoned), (2, 1, Some(0)));
    assert!(close(sales.aht_s(), 60.0) && close(sales.asa_s(), 8.0));
    // Open at the end: one answered without an end (no talk time), one still queued.
    let late = cell(c, at(11, 30), "support");
    assert_eq!((late.offered, late.answered, late.aht_s()), (2, 1, None));
    assert!(close(late.asa_s(), 5.0));
    let r = out.queue_log.as_ref().expect("queue-log report");
    let n = &r.counts;
    assert_eq!((n.entered, n.answered, n.completed, n.transferred), (10, 5, 4, 3));
    assert_eq!((n.abandoned, n.timeouts, n.key_exits, n.empty_exits), (1, 1, 1, 1));
    assert_eq!((n.in_queue_at_end, n.talking_at_end, n.without_entry, n.out_of_order), (1, 1, 1, 0));
    let support_exits = r.exits.iter().find(|e| e.start == at(11, 0) && e.queue.as_deref() == Some("support")).unwrap();
    assert_eq!((support_exits.timeouts, support_exits.key_exits, support_exits.empty_exits), (1, 1, 0));
    let sales_exits = r.exits.iter().find(|e| e.queue.as_deref() == Some("sales")).unwrap();
    assert_eq!(sales_exits.empty_exits, 1);
    assert_eq!(r.other_events, vec![("QUEUESTART".to_string(), 1)]);
    let agent = |name: &str| r.agents.iter().find(|a| a.agent == name).unwrap_or_else(|| panic!("{name}"));
    let a101 = agent("SIP/101");
    assert_eq!((a101.answered, a101.ring_no_answer, a101.talk_s), (2, 0, 180.0));
    assert_eq!((a101.logged_in_s, a101.logged_in_at_end), (2310.0, true));
    assert_eq!(a101.pauses.len(), 1);
    assert_eq!((a101.pauses[0].reason.as_str(), a101.pauses[0].pauses, a101.pauses[0].seconds), ("Обед", 1, 1200.0));
    let a102 = agent("SIP/102");
    assert_eq!((a102.answered, a102.ring_no_answer, a102.talk_s), (2, 1, 200.0));
    assert_eq!((a102.logged_in_s, a102.logged_in_at_end), (2310.0, false));
    let ivanov = agent("Local/Иванов@agents");
    assert_eq!((ivanov.answered, ivanov.talk_s, ivanov.logged_in_s), (1, 60.0, 2305.0));
    assert!(SourceFormat::AsteriskQueueLog.notes().contains(&SourceNote::NoAfterCallWork));
}

#[test]
fn queue_log_utc_offset_moves_intervals() {
    let utc = import("queue_log", 0);
    assert!(cells(&utc).iter().any(|c| c.start == at(8, 0)));
    assert!(!cells(&utc).iter().any(|c| c.start == at(11, 0)));
}

#[test]
fn queue_log_streamed_in_small_pieces_matches_whole() {
    let bytes = fixture("queue_log");
    let text = String::from_utf8(bytes.clone()).unwrap();
    let mut opts = ImportOptions::new("queue_log");
    opts.utc_offset_s = 3 * 3600;
    opts.aggregate = opts.aggregate.split(true, false);
    let mut imp = callcalc_engine::Importer::new(opts.clone());
    let chars: Vec<char> = text.chars().collect();
    for piece in chars.chunks(7) {
        imp.feed(&piece.iter().collect::<String>());
    }
    let streamed = imp.finish().unwrap();
    let whole = import_bytes(&bytes, opts).unwrap();
    assert_eq!(streamed.data, whole.data);
    assert_eq!(streamed.queue_log, whole.queue_log);
    assert_eq!(streamed.summary.format, Some(SourceFormat::AsteriskQueueLog));
}

#[test]
fn queue_log_database_export_with_local_times() {
    // Text times are the server's local time: the offset does not move them.
    let out = import("queue_log_db.csv", 3 * 3600);
    assert_eq!(out.summary.format, Some(SourceFormat::AsteriskQueueLog));
    assert_eq!((out.summary.kept, out.summary.rejected), (7, 0));
    let c = cells(&out);
    let s = cell(c, at(11, 0), "support");
    assert_eq!((s.offered, s.answered, s.abandoned), (2, 1, Some(1)));
    assert!(close(s.asa_s(), 20.0) && close(s.aht_s(), 180.0));
    let t = cell(c, at(11, 15), "support");
    assert_eq!((t.offered, t.answered, t.abandoned), (1, 0, Some(0)));
    assert_eq!(out.queue_log.as_ref().unwrap().counts.timeouts, 1);
}

#[test]
fn asterisk_master_csv_without_header() {
    let out = import("Master.csv", 0);
    assert_eq!(out.summary.format, Some(SourceFormat::AsteriskCdr));
    assert_eq!((out.summary.kept, out.summary.rejected), (6, 1));
    assert_eq!((out.rejected[0].row, out.rejected[0].column, out.rejected[0].value.as_str()), (7, Some(13), "x"));
    let c = cells(&out);
    let a = c.iter().find(|c| c.start == at(11, 0)).unwrap();
    assert_eq!((a.offered, a.answered, a.blocked), (3, 1, Some(1)));
    assert!(close(a.aht_s(), 198.0));
    // No queue wait in a CDR: ASA, SL, abandonment and patience are unknown, never 0.
    assert_eq!((a.asa_s(), a.service_level(SlVariant::AbandonsIgnored), a.abandoned), (None, None, None));
    assert_eq!(a.mean_patience_s(), None);
    let b = c.iter().find(|c| c.start == at(11, 15)).unwrap();
    assert_eq!((b.offered, b.answered, b.blocked), (3, 1, Some(2)));
    for n in [SourceNote::NoQueueWait, SourceNote::AnswerMayBeIvr] {
        assert!(SourceFormat::AsteriskCdr.notes().contains(&n));
    }
}

#[test]
fn freepbx_cdr_table_export() {
    let out = import("cdr_freepbx.csv", 0);
    assert_eq!(out.summary.format, Some(SourceFormat::AsteriskCdr));
    assert_eq!((out.summary.kept, out.summary.rejected), (3, 0));
    let c = cells(&out);
    let a = c.iter().find(|c| c.start == at(11, 0)).unwrap();
    assert_eq!((a.offered, a.answered), (2, 1));
    assert!(close(a.aht_s(), 190.0));
    assert_eq!(a.asa_s(), None);
    let b = c.iter().find(|c| c.start == at(11, 30)).unwrap();
    assert!(close(b.aht_s(), 80.0));
}

#[test]
fn cisco_call_type_interval_totals_become_asa_and_aht() {
    let out = import("cisco_call_type_interval.csv", 0);
    assert_eq!(out.summary.format, Some(SourceFormat::CiscoUcceCallType));
    assert_eq!((out.summary.kept, out.summary.rejected), (3, 1));
    assert_eq!((out.rejected[0].row, out.rejected[0].column_name.as_str()), (5, "CallsOffered"));
    let r = rows(&out);
    let first = &r[0];
    assert_eq!(first.queue.as_deref(), Some("5001"));
    assert_eq!((first.offered, first.answered, first.abandoned), (120, 108, Some(10)));
    assert_eq!((first.answered_within_t, first.abandoned_within_t), (Some(90), Some(4)));
    // ASA = AnswerWaitTime / CallsAnswered; AHT = HandleTime / CallsHandled.
    assert!(close(first.asa_s, 1650.0 / 110.0) && close(first.aht_s, 29160.0 / 108.0));
    assert_eq!(first.service_level, None, "the 0–1 ServiceLevel column is not read as a percent");
    let no_wait = &r[2];
    assert_eq!((no_wait.asa_s, no_wait.queue.as_deref()), (None, Some("5002")));
    assert!(close(no_wait.aht_s, 250.0));
}

#[test]
fn cisco_skill_group_interval() {
    let out = import("cisco_skill_group_interval.csv", 0);
    assert_eq!(out.summary.format, Some(SourceFormat::CiscoUcceSkillGroup));
    let r = rows(&out);
    assert_eq!(r.len(), 2);
    assert!(close(r[0].asa_s, 15.0) && close(r[0].aht_s, 240.0));
    assert_eq!(r[0].queue.as_deref(), Some("6001"));
}

#[test]
fn genesys_wfm_historical_utc_intervals_to_local() {
    let out = import("genesys_wfm_historical.csv", 3 * 3600);
    assert_eq!(out.summary.format, Some(SourceFormat::GenesysCloudWfm));
    let r = rows(&out);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].start, at(11, 0));
    assert_eq!((r[0].offered, r[0].answered), (60, 55));
    assert!(close(r[0].aht_s, 240.0) && close(r[2].aht_s, 600.0));
    assert_eq!(r[0].abandoned, None);
    assert!(SourceFormat::GenesysCloudWfm.notes().contains(&SourceNote::NoAbandons));
}

#[test]
fn genesys_queue_performance_export() {
    let out = import("genesys_queue_performance.csv", 0);
    assert_eq!(out.summary.format, Some(SourceFormat::GenesysCloudQueuePerformance));
    let r = rows(&out);
    assert_eq!((r[0].offered, r[0].answered, r[0].abandoned), (100, 92, Some(8)));
    assert!(close(r[0].asa_s, 14.2) && close(r[0].aht_s, 245.5));
    assert!(close(r[0].service_level, 0.875));
}

/// An OLE2 compound file with the given directory names (UTF-16LE), as
/// Excel writes `.xls` and password-protected packages.
fn ole2(names: &[&str]) -> Vec<u8> {
    let mut f = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    f.resize(512, 0);
    for n in names {
        let mut entry: Vec<u8> = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        f.extend(entry);
    }
    f
}

#[test]
fn unsupported_workbooks_are_explained_not_parsed() {
    let cases = [
        (ole2(&["Root Entry", "Workbook", "SummaryInformation"]), WorkbookKind::Xls),
        (ole2(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]), WorkbookKind::Encrypted),
        (ole2(&["Root Entry", "WordDocument"]), WorkbookKind::OtherOle2),
    ];
    for (bytes, kind) in cases {
        let e = import_bytes(&bytes, ImportOptions::new("отчёт.xls")).unwrap_err();
        assert_eq!(e, ImportError::UnsupportedWorkbook { file: "отчёт.xls".into(), kind });
        assert!(read_workbook(&bytes).is_err());
        assert!(callcalc_engine::is_workbook(&bytes), "routed to the workbook reader, not read as text");
    }
    // An .xlsb: a ZIP with xl/workbook.bin. Built by renaming the XLSX entry.
    let mut s = Sheet::new("Лист1");
    s.row([Cell::text("a")]);
    let xlsx = to_xlsx(&[s]);
    let needle = b"xl/workbook.xml";
    let mut xlsb = xlsx.clone();
    let mut i = 0;
    while i + needle.len() <= xlsb.len() {
        if &xlsb[i..i + needle.len()] == needle {
            xlsb[i + 12..i + 15].copy_from_slice(b"bin");
        }
        i += 1;
    }
    let e = import_bytes(&xlsb, ImportOptions::new("book.xlsb")).unwrap_err();
    assert_eq!(e, ImportError::UnsupportedWorkbook { file: "book.xlsb".into(), kind: WorkbookKind::Xlsb });
    assert!(import_bytes(&xlsx, ImportOptions::new("book.xlsx"))
        .is_err_and(|e| !matches!(e, ImportError::UnsupportedWorkbook { .. })));
}

#[test]
fn queue_log_not_split_by_queue_counts_a_moved_call_in_each_queue() {
    let out = import_bytes(&fixture("queue_log"), ImportOptions::new("queue_log")).unwrap();
    let c = cells(&out);
    let first = c.iter().find(|c| c.start == at(8, 0)).unwrap();
    assert_eq!(first.queue, None);
    // support 6 + sales 2: the call that moved from sales to support counts in both.
    assert_eq!((first.offered, first.answered), (8, 4));
}

#[test]
fn plain_csv_has_no_vendor_format() {
    let out = import_bytes(
        "Дата;Интервал;Поступило;Принято\n01.03.2024;08:00;10;9\n".as_bytes(),
        ImportOptions::new("x.csv"),
    )
    .unwrap();
    assert_eq!(out.summary.format, None);
    assert!(out.queue_log.is_none());
}

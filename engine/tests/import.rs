//! Importing real statistics: every fixture in `tests/fixtures/import/` with
//! exactly what is imported, skipped and rejected; piece-size invariance;
//! property tests (aggregation preserves counts, cell parsers round-trip);
//! a seeded no-panic robustness run over random bytes.

use callcalc_engine::*;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn import(name: &str) -> Imported {
    import_bytes(&fixture(name), ImportOptions::new(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn ts(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Timestamp {
    Timestamp::from_civil(y, mo, d, h, mi, s).unwrap()
}

fn rejected(out: &Imported) -> Vec<(u64, u64, &str, &str, String)> {
    out.rejected.iter().map(|r| (r.row, r.line, r.column_name.as_str(), r.value.as_str(), r.expected())).collect()
}

fn skipped(out: &Imported) -> Vec<(u64, SkipReason, &str)> {
    out.skipped.iter().map(|s| (s.row, s.reason, s.text.as_str())).collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-9 * b.abs().max(1.0))
}

#[test]
fn interval_report_utf8_bom_semicolon_title_rows_totals() {
    let out = import("interval_ru_utf8bom.csv");
    let s = &out.summary;
    assert_eq!(s.encoding, Some(Encoding::Utf8));
    assert_eq!(s.delimiter, Delimiter::Semicolon);
    assert_eq!(s.kind, ReportKind::Interval);
    assert_eq!((s.rows_read, s.kept, s.rejected, s.totals_skipped), (8, 4, 3, 1));
    assert_eq!((s.empty_rows, s.preamble_rows, s.repeated_headers_skipped), (2, 2, 0));
    assert_eq!(out.layout.header_rows, vec![4]);
    assert_eq!(out.layout.map.threshold_s, Some(20.0));
    assert_eq!(out.layout.map.get(Field::TalkAvg), Some(8));
    // The header key is stable across versions: saved mappings depend on it.
    assert_eq!(out.layout.key, "12-168f11abbee76cea");

    assert_eq!(
        rejected(&out),
        vec![
            (10, 10, "Поступило", "12,5", "must be a whole number".to_string()),
            (11, 11, "Принято", "", "expected a whole number (the cell is empty)".to_string()),
            (12, 12, "ASA", "1:75", "expected a duration: seconds, mm:ss or hh:mm:ss".to_string()),
        ]
    );
    assert!(out.rejected.iter().all(|r| r.file == "interval_ru_utf8bom.csv"));
    assert_eq!(
        skipped(&out),
        vec![
            (1, SkipReason::Preamble, "Отчёт по очередям за 01.03.2024"),
            (2, SkipReason::Preamble, "Сформирован: 02.03.2024 09:15"),
            (13, SkipReason::Totals, "Итого | 1 280 | 1 238 | 38 | 1 031 | 12"),
        ]
    );

    let ImportedData::Intervals(rows) = &out.data else { panic!("not an interval report") };
    assert_eq!(rows.len(), 4);
    let r = &rows[0];
    assert_eq!((r.start, r.length_s, r.queue.as_deref()), (ts(2024, 3, 1, 8, 0, 0), Some(900), Some("Общая")));
    assert_eq!(
        (r.offered, r.answered, r.abandoned, r.answered_within_t, r.abandoned_within_t),
        (12, 11, Some(1), Some(9), Some(0))
    );
    assert_eq!((r.talk_avg_s, r.aht_s, r.asa_s, r.service_level), (Some(185.5), Some(220.0), Some(14.0), Some(0.75)));
    assert_eq!(rows[1].queue.as_deref(), Some("Линия; VIP"), "quoted delimiter kept");
    assert_eq!(rows[1].asa_s, Some(5.0), "mm:ss");
    assert_eq!(
        (rows[2].offered, rows[2].answered, rows[2].answered_within_t),
        (1234, 1200, Some(1000)),
        "space and NBSP groups"
    );
    assert_eq!(rows[3].answered_within_t, Some(5), "Excel =\"5\" cell");

    let cells = out.interval_stats(AggregateOptions::new(900, 20.0, 5.0).unwrap()).unwrap().unwrap();
    assert_eq!(cells.len(), 2);
    let c = &cells[0];
    assert_eq!((c.offered, c.answered, c.abandoned, c.answered_within_t), (15, 14, Some(1), Some(12)));
    assert!(close(c.aht_s(), (11.0 * 220.0 + 3.0 * 240.0) / 14.0));
    assert!(close(c.asa_s(), (11.0 * 14.0 + 3.0 * 5.0) / 14.0));
    assert_eq!(c.service_level(SlVariant::AbandonsNegative), Some(12.0 / 15.0));
    assert_eq!(c.mean_patience_s(), None, "interval reports lack the waits of abandoned calls");
    assert_eq!(c.blocked, None);
}

#[test]
fn cdr_windows_1251_excel_cells_multiline_quotes_every_outcome() {
    let out = import("cdr_ru_cp1251.csv");
    let s = &out.summary;
    assert_eq!(s.encoding, Some(Encoding::Windows1251));
    assert_eq!((s.kind, s.delimiter), (ReportKind::Cdr, Delimiter::Semicolon));
    assert_eq!((s.rows_read, s.kept, s.rejected, s.totals_skipped), (11, 7, 3, 1));
    assert_eq!(out.layout.map.get(Field::ContactId), Some(0));
    assert_eq!(out.layout.map.get(Field::Agent), Some(9));
    assert_eq!(
        rejected(&out),
        vec![
            (
                8,
                9,
                "Дата и время поступления",
                "31.02.2024 08:21:00",
                "expected a date dd.mm.yyyy, yyyy-mm-dd or dd/mm/yyyy, optionally with a time hh:mm[:ss]".to_string()
            ),
            (
                9,
                10,
                "Результат",
                "Переведён",
                "expected an outcome: answered, abandoned, short abandon or blocked".to_string()
            ),
            (11, 12, "Разговор", "", "expected a duration (the cell is empty)".to_string()),
        ],
        "row numbers are spreadsheet rows; lines count the break inside quotes"
    );
    assert_eq!(out.rejected[1].field, Some(Field::Outcome));
    assert_eq!(skipped(&out), vec![(12, SkipReason::Totals, "Всего: 10")]);

    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    assert_eq!(cells.len(), 2);
    let a = &cells[0];
    assert_eq!(a.start, ts(2024, 3, 1, 8, 0, 0));
    assert_eq!((a.offered, a.answered, a.abandoned, a.short_abandoned, a.blocked), (4, 3, Some(1), Some(0), Some(0)));
    assert_eq!((a.answered_within_t, a.abandoned_within_t), (Some(2), Some(0)));
    assert_eq!(a.aht_s(), Some((230.0 + 160.0 + 420.0) / 3.0));
    assert_eq!(a.asa_s(), Some((12.0 + 25.0 + 5.0) / 3.0));
    assert_eq!(a.mean_patience_s(), Some(12.0 + 65.0 + 25.0 + 5.0));
    for v in SlVariant::ALL {
        assert_eq!(a.service_level(v), Some(0.5), "{v:?}");
    }
    let b = &cells[1];
    assert_eq!((b.offered, b.answered, b.abandoned, b.short_abandoned, b.blocked), (3, 1, Some(1), Some(1), Some(1)));
    assert_eq!((b.answered_within_t, b.abandoned_within_t), (Some(0), Some(1)));
    assert_eq!((b.aht_s(), b.asa_s(), b.mean_patience_s()), (Some(330.0), Some(5400.0), Some(5402.0)));
    assert_eq!(b.service_level(SlVariant::AbandonsNegative), Some(0.0));
    assert_eq!(b.service_level(SlVariant::AbandonsIgnored), Some(0.0));
    assert_eq!(b.service_level(SlVariant::AbandonsPositive), Some(1.0 / 3.0));
    let offered: u64 = cells.iter().map(|c| c.offered).sum();
    assert_eq!(offered, s.kept);
}

#[test]
fn cdr_split_by_queue_and_channel() {
    let mut opts = ImportOptions::new("cdr_ru_cp1251.csv");
    opts.aggregate = AggregateOptions::new(3600, 20.0, 5.0).unwrap().split(true, true);
    let out = import_bytes(&fixture("cdr_ru_cp1251.csv"), opts).unwrap();
    let ImportedData::Cdr(cells) = &out.data else { panic!() };
    let keys: Vec<(Option<&str>, Option<Channel>, u64)> =
        cells.iter().map(|c| (c.queue.as_deref(), c.channel, c.offered)).collect();
    assert_eq!(
        keys,
        vec![
            (Some("Общая"), Some(Channel::Phone), 5),
            (Some("Почта"), Some(Channel::Email), 1),
            (Some("Чат сайта"), Some(Channel::Chat), 1),
        ]
    );
}

#[test]
fn agent_report_utf16le_tab_two_row_header_reasons() {
    let out = import("agents_ru_utf16le.txt");
    let s = &out.summary;
    assert_eq!((s.encoding, s.delimiter, s.kind), (Some(Encoding::Utf16Le), Delimiter::Tab, ReportKind::Agent));
    assert_eq!((s.rows_read, s.kept, s.rejected, s.totals_skipped, s.preamble_rows), (5, 2, 2, 1, 1));
    assert_eq!(out.layout.header_rows, vec![2, 3]);
    assert_eq!(out.layout.columns[2], "Время / Доступен");
    assert_eq!(out.layout.map.not_ready_reasons, vec![("Обед".to_string(), 6), ("Перерыв".to_string(), 7)]);
    assert_eq!(
        rejected(&out),
        vec![
            (6, 6, "Время / Доступен", "", "expected a duration (the cell is empty)".to_string()),
            (7, 7, "Оператор", "", "expected an agent name (the cell is empty)".to_string()),
        ]
    );
    let ImportedData::Agents(rows) = &out.data else { panic!() };
    let p = &rows[1];
    assert_eq!(p.agent, "Петров И.И.");
    assert_eq!(p.period_start, None);
    assert_eq!((p.logged_in_s, p.available_s), (Some(549_000.0), Some(90_930.0)));
    assert_eq!((p.talk_s, p.hold_s, p.acw_s), (Some(316_800.0), Some(14_400.0), Some(50_400.0)));
    assert_eq!(p.not_ready_by_reason, vec![("Обед".to_string(), 68_400.0), ("Перерыв".to_string(), 8_070.0)]);
    assert_eq!(p.contacts_by_channel, vec![(Channel::Phone, 1180), (Channel::Chat, 12)]);
    assert_eq!(rows[0].occupancy(), Some(110.0 / 140.0));
}

#[test]
fn interval_report_comma_decimal_point_quoted_thousands_iso_dates() {
    let out = import("interval_en_comma.csv");
    let s = &out.summary;
    assert_eq!(
        (s.delimiter, s.kind, s.kept, s.rejected, s.totals_skipped),
        (Delimiter::Comma, ReportKind::Interval, 3, 1, 1)
    );
    assert_eq!(rejected(&out), vec![(5, 5, "Offered", "abc", "expected a whole number".to_string())]);
    assert_eq!(skipped(&out), vec![(6, SkipReason::Totals, "Total | 1,269 | 1232 | 37 | 1027 | 12")]);
    let ImportedData::Intervals(rows) = &out.data else { panic!() };
    assert_eq!(
        (rows[0].queue.as_deref(), rows[0].channel, rows[0].offered),
        (Some("Sales, EMEA"), Some(Channel::Phone), 1234)
    );
    assert_eq!((rows[0].aht_s, rows[0].asa_s, rows[0].agents_staffed), (Some(245.5), Some(12.5), Some(30.5)));
    assert_eq!(report_interval_s(rows), Some(1800));
    // 30-minute rows cannot be split into 15 minutes: refused, not invented.
    let err = out.interval_stats(AggregateOptions::new(900, 20.0, 0.0).unwrap()).unwrap().unwrap_err();
    assert_eq!(err.field, "interval_s");
    let cells = out.interval_stats(AggregateOptions::new(1800, 20.0, 0.0).unwrap()).unwrap().unwrap();
    assert_eq!((cells[0].offered, cells[0].answered), (1254, 1218));
    assert!(close(cells[0].aht_s(), (1200.0 * 245.5 + 18.0 * 410.0) / 1218.0));
    assert!(close(cells[0].agents_staffed(), 34.5));
}

#[test]
fn cdr_wait_from_queue_entry_and_exit() {
    let mut opts = ImportOptions::new("cdr_en_entry_exit.csv");
    opts.aggregate = AggregateOptions::new(3600, 20.0, 5.0).unwrap();
    let out = import_bytes(&fixture("cdr_en_entry_exit.csv"), opts).unwrap();
    assert_eq!((out.summary.kept, out.summary.rejected), (3, 1));
    assert_eq!(
        rejected(&out),
        vec![(
            5,
            5,
            "Queue Exit Time",
            "09:09:00",
            "expected a queue exit time not before the queue entry".to_string()
        )]
    );
    let ImportedData::Cdr(cells) = &out.data else { panic!() };
    assert_eq!(cells.len(), 2);
    assert_eq!(
        (cells[0].start, cells[0].offered, cells[0].asa_s(), cells[0].mean_patience_s()),
        (ts(2024, 3, 1, 9, 0, 0), 2, Some(30.0), Some(150.0))
    );
    // 23:59:50 → 00:00:20 crosses midnight: a 30-second wait.
    assert_eq!(
        (cells[1].start, cells[1].asa_s(), cells[1].aht_s()),
        (ts(2024, 3, 1, 23, 0, 0), Some(30.0), Some(70.0))
    );
}

#[test]
fn windows_1251_table_matches_python_codec() {
    let bytes = fixture("cp1251_high_bytes.bin");
    let expected = String::from_utf8(fixture("cp1251_high_bytes.utf8.txt")).unwrap();
    assert_eq!(decode_as(&bytes, Encoding::Windows1251).text, expected);
}

#[test]
fn the_same_table_in_every_encoding_imports_the_same() {
    let text = String::from_utf8(fixture("interval_ru_utf8bom.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let base = import_bytes(text.as_bytes(), ImportOptions::new("x")).unwrap();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let le_nobom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (bytes, enc) in [(le, Encoding::Utf16Le), (be, Encoding::Utf16Be), (le_nobom, Encoding::Utf16Le)] {
        let out = import_bytes(&bytes, ImportOptions::new("x")).unwrap();
        assert_eq!(out.summary.encoding, Some(enc));
        assert_eq!(out.data, base.data);
        assert_eq!(out.rejected, base.rejected);
    }
}

/// Imports `text` fed in pieces of `n` characters.
fn import_in_pieces(text: &str, n: usize, opts: ImportOptions) -> Result<Imported, ImportError> {
    let mut imp = Importer::new(opts);
    let chars: Vec<char> = text.chars().collect();
    for piece in chars.chunks(n.max(1)) {
        imp.feed(&piece.iter().collect::<String>());
    }
    imp.finish()
}

#[test]
fn piece_size_does_not_change_the_result() {
    for name in [
        "interval_ru_utf8bom.csv",
        "cdr_ru_cp1251.csv",
        "agents_ru_utf16le.txt",
        "interval_en_comma.csv",
        "cdr_en_entry_exit.csv",
    ] {
        let d = decode(&fixture(name));
        let whole = import_in_pieces(&d.text, usize::MAX, ImportOptions::new(name)).unwrap();
        for n in [1, 2, 3, 5, 17, 64] {
            let pieces = import_in_pieces(&d.text, n, ImportOptions::new(name)).unwrap();
            assert_eq!(pieces, whole, "{name} in pieces of {n}");
        }
    }
}

#[test]
fn repeated_headers_are_skipped_and_listed() {
    let text = "Дата;Поступило;Принято\n01.03.2024;5;4\nДата;Поступило;Принято\n02.03.2024;6;6\n";
    let out = import_bytes(text.as_bytes(), ImportOptions::new("p.csv")).unwrap();
    assert_eq!((out.summary.kept, out.summary.repeated_headers_skipped, out.summary.rows_read), (2, 1, 3));
    assert_eq!(skipped(&out), vec![(3, SkipReason::RepeatedHeader, "Дата | Поступило | Принято")]);
}

#[test]
fn unknown_headers_and_empty_files_are_errors_not_silence() {
    let err = import_bytes("foo;bar\n1;2\n".as_bytes(), ImportOptions::new("u.csv")).unwrap_err();
    assert!(
        matches!(&err, ImportError::NoHeader { columns, .. } if columns == &["foo".to_string(), "bar".into()]),
        "{err:?}"
    );
    let err = import_bytes("Дата;Принято\n01.03.2024;5\n".as_bytes(), ImportOptions::new("m.csv")).unwrap_err();
    match err {
        ImportError::NoHeader { kind, missing, .. } => {
            assert_eq!(kind, Some(ReportKind::Interval));
            assert_eq!(missing, vec![&[Field::Offered][..]]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        import_bytes(b"\r\n;;\r\n", ImportOptions::new("e.csv")).unwrap_err(),
        ImportError::Empty { file: "e.csv".into() }
    );
}

#[test]
fn user_edited_layout_is_used_as_given() {
    let bytes = fixture("interval_ru_utf8bom.csv");
    let text = decode(&bytes).text;
    let mut layout = sniff(&text, &ImportOptions::new("x")).unwrap();
    assert_eq!(layout.key, "12-168f11abbee76cea");
    // The user says: ignore the ASA column, and "Потеряно до 20 с" is not mapped.
    layout.map.set(Field::Asa, None);
    layout.map.set(Field::AbandonedWithinT, None);
    let mut opts = ImportOptions::new("x");
    opts.layout = Some(layout);
    let out = import_bytes(&bytes, opts).unwrap();
    assert_eq!(out.summary.rejected, 2, "the bad ASA row is now accepted");
    let ImportedData::Intervals(rows) = &out.data else { panic!() };
    assert!(rows.iter().all(|r| r.asa_s.is_none() && r.abandoned_within_t.is_none()));
    let cells = out.interval_stats(AggregateOptions::default()).unwrap().unwrap();
    assert_eq!(cells[0].service_level(SlVariant::AbandonsIgnored), None, "needs abandoned within T");
    assert!(cells[0].service_level(SlVariant::AbandonsNegative).is_some());
}

#[test]
fn demo_files_import_cleanly_through_the_real_path() {
    let centre = demo::DemoCentre::default();
    let month = demo::DemoCentre { start: (2024, 3, 1), ..centre };
    let cdr = demo::cdr_csv(&month, 7);
    let out = import_bytes(cdr.as_bytes(), ImportOptions::new("demo_cdr.csv")).unwrap();
    assert_eq!((out.summary.kind, out.summary.rejected), (ReportKind::Cdr, 0));
    let ImportedData::Cdr(cells) = &out.data else { panic!() };
    let total = IntervalStats::total(cells).unwrap();
    assert_eq!(total.offered, out.summary.kept);
    assert!(total.offered > 7 * 1000, "a week of a 40-agent centre");
    let aht = total.aht_s().unwrap();
    assert!((150.0..600.0).contains(&aht), "AHT {aht}");
    // Same seed, same data.
    assert_eq!(demo::cdr_csv(&month, 2), demo::cdr_csv(&month, 2));

    let ag = demo::agent_report_csv(&month, 7);
    let out = import_bytes(ag.as_bytes(), ImportOptions::new("demo_agents.csv")).unwrap();
    assert_eq!((out.summary.kind, out.summary.rejected, out.summary.totals_skipped), (ReportKind::Agent, 0, 1));
    let ImportedData::Agents(rows) = &out.data else { panic!() };
    let agents: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.agent.as_str()).collect();
    assert_eq!(agents.len(), 40);
    assert!(rows.iter().all(|r| r.occupancy().is_some_and(|o| (0.0..=1.0).contains(&o))));

    let iv = demo::interval_report_csv(&centre, 21);
    let out = import_bytes(iv.as_bytes(), ImportOptions::new("demo_intervals.csv")).unwrap();
    assert_eq!(
        (out.summary.kind, out.summary.rejected, out.summary.totals_skipped, out.summary.preamble_rows),
        (ReportKind::Interval, 0, 1, 2)
    );
    let ImportedData::Intervals(rows) = &out.data else { panic!() };
    let channels: std::collections::BTreeSet<Channel> = rows.iter().filter_map(|r| r.channel).collect();
    assert_eq!(channels.len(), 3);
    // Weekly seasonality: Mondays busier than Sundays.
    let day_total = |d: u32| rows.iter().filter(|r| r.start.date() == (2024, 1, d)).map(|r| r.offered).sum::<u64>();
    assert!(day_total(15) > day_total(14) * 3 / 2, "Monday {} vs Sunday {}", day_total(15), day_total(14));
}

// ---------- property tests ----------

fn hms(s: u64) -> String {
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[derive(Debug, Clone)]
struct GenCdr {
    arrival_s: i64,
    outcome: u8,
    wait: u64,
    talk: u64,
    queue: u8,
    channel: u8,
}

fn gen_cdr() -> impl Strategy<Value = GenCdr> {
    (0i64..3 * 86_400, 0u8..4, 0u64..400, 1u64..900, 0u8..3, 0u8..3).prop_map(
        |(arrival_s, outcome, wait, talk, queue, channel)| GenCdr { arrival_s, outcome, wait, talk, queue, channel },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Σ offered over the cells = rows kept, and every outcome is counted once,
    /// whatever the interval, split and piece size.
    #[test]
    fn aggregation_preserves_counts(
        rows in prop::collection::vec(gen_cdr(), 0..300),
        interval in prop::sample::select(vec![300u32, 900, 1800, 3600]),
        by_queue: bool,
        by_channel: bool,
        piece in 1usize..400,
    ) {
        let t0 = Timestamp::from_civil(2024, 2, 28, 0, 0, 0).unwrap();
        let mut text = String::from("Дата и время;Очередь;Канал;Результат;Ожидание;Разговор\r\n");
        for r in &rows {
            let t = t0.plus(r.arrival_s);
            let (y, m, d) = t.date();
            let outcome = ["Отвечен", "Потерян", "Короткий сброс", "Занято"][r.outcome as usize];
            let talk = if r.outcome == 0 { hms(r.talk) } else { String::new() };
            text.push_str(&format!(
                "{d:02}.{m:02}.{y} {};{};{};{outcome};{};{talk}\r\n",
                &t.to_string()[11..],
                ["Общая", "\"VIP; Gold\"", "Тех"][r.queue as usize],
                ["Телефон", "Чат", "E-mail"][r.channel as usize],
                hms(r.wait),
            ));
        }
        let mut opts = ImportOptions::new("p.csv");
        opts.aggregate = AggregateOptions::new(interval, 20.0, 5.0).unwrap().split(by_queue, by_channel);
        let out = match import_in_pieces(&text, piece, opts) {
            Ok(o) => o,
            Err(ImportError::Empty { .. }) if rows.is_empty() => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        prop_assert_eq!(out.summary.rejected, 0);
        prop_assert_eq!(out.summary.kept, rows.len() as u64);
        let ImportedData::Cdr(cells) = &out.data else { panic!() };
        let sum = |f: &dyn Fn(&IntervalStats) -> u64| cells.iter().map(f).sum::<u64>();
        prop_assert_eq!(sum(&|c| c.offered), out.summary.kept);
        prop_assert_eq!(sum(&|c| c.answered), rows.iter().filter(|r| r.outcome == 0).count() as u64);
        prop_assert_eq!(sum(&|c| c.abandoned.unwrap()), rows.iter().filter(|r| r.outcome == 1 || r.outcome == 2).count() as u64);
        prop_assert_eq!(sum(&|c| c.blocked.unwrap()), rows.iter().filter(|r| r.outcome == 3).count() as u64);
        for c in cells {
            prop_assert_eq!(c.offered, c.answered + c.abandoned.unwrap() + c.blocked.unwrap());
            prop_assert!(c.answered_within_t.unwrap() <= c.answered);
            prop_assert_eq!(c.start, c.start.floor_to(interval));
            for v in SlVariant::ALL {
                if let Some(sl) = c.service_level(v) { prop_assert!((0.0..=1.0).contains(&sl)); }
            }
        }
        let waits_all: u64 = rows.iter().filter(|r| r.outcome != 3).map(|r| r.wait).sum();
        prop_assert_eq!(cells.iter().map(|c| c.wait_all_s.unwrap()).sum::<f64>(), waits_all as f64);
    }

    /// A decimal written Russian-style — groups of three separated by a
    /// space, NBSP or narrow NBSP, decimal comma — reads back exactly.
    #[test]
    fn decimal_round_trip(int in 0u64..1_000_000_000_000, frac in 0u32..1000, digits in 0usize..4, sep in 0usize..3, neg: bool) {
        let frac_text = format!("{frac:03}")[..digits].to_string();
        let s = int.to_string();
        let mut grouped = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 { grouped.push([' ', '\u{a0}', '\u{202f}'][sep]); }
            grouped.push(ch);
        }
        let text = format!("{}{grouped}{}{frac_text}", if neg { "-" } else { "" }, if digits > 0 { "," } else { "" });
        let expected: f64 = format!("{}{int}.{frac_text}0", if neg { "-" } else { "" }).parse().unwrap();
        prop_assert_eq!(parse_decimal("x", &text).unwrap(), expected);
        if !neg && digits == 0 {
            prop_assert_eq!(parse_count(&text).unwrap(), int);
        }
    }

    /// Durations: seconds → hh:mm:ss (and mm:ss, and plain seconds) → seconds.
    #[test]
    fn duration_round_trip(secs in 0u64..10_000_000) {
        prop_assert_eq!(parse_duration_cell(&hms(secs)).unwrap(), secs as f64);
        prop_assert_eq!(parse_duration_s("d", &hms(secs)).unwrap(), secs as f64);
        if secs < 3600 {
            prop_assert_eq!(parse_duration_cell(&format!("{}:{:02}", secs / 60, secs % 60)).unwrap(), secs as f64);
        }
        prop_assert_eq!(parse_duration_cell(&secs.to_string()).unwrap(), secs as f64);
    }

    /// Dates and times in every accepted form read back to the same instant.
    #[test]
    fn datetime_round_trip(days in -25_567i64..375_000, sod in 0u32..86_400) {
        let t = Timestamp::from_days(days, sod);
        let (y, m, d) = t.date();
        prop_assert_eq!(days_from_civil(y, m, d), days);
        let clock = &t.to_string()[11..];
        for text in [
            format!("{d:02}.{m:02}.{y:04} {clock}"),
            format!("{y:04}-{m:02}-{d:02}T{clock}"),
            format!("{d:02}/{m:02}/{y:04} {clock}"),
            t.to_string(),
        ] {
            prop_assert_eq!(parse_datetime_cell(&text).unwrap().timestamp(), Some(t), "{}", text);
        }
    }

    /// Any fields, quoted RFC-4180 style, read back exactly in any pieces.
    #[test]
    fn csv_round_trip(rows in prop::collection::vec(prop::collection::vec("[a-zА-я;,\"\n\r ]{0,6}", 1..5), 1..8), piece in 1usize..50) {
        let mut text = String::new();
        for r in &rows {
            let fields: Vec<String> = r.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
            text.push_str(&fields.join(";"));
            text.push_str("\r\n");
        }
        let mut got: Vec<Vec<String>> = Vec::new();
        let mut reader = CsvReader::new(Some(Delimiter::Semicolon));
        let mut sink = |rec: Record<'_>| got.push((0..rec.len()).map(|i| rec.raw(i).unwrap().to_string()).collect());
        let chars: Vec<char> = text.chars().collect();
        for p in chars.chunks(piece) {
            reader.feed(&p.iter().collect::<String>(), &mut sink);
        }
        reader.finish(&mut sink);
        prop_assert_eq!(got, rows);
    }
}

/// Seeded random bytes and mutated fixtures through every entry point: no
/// panic, and the row accounting always adds up. (cargo-fuzz targets in
/// `fuzz/` do the same without bounds.)
#[test]
fn random_input_never_panics() {
    let mut rng = demo::Rng::new(0xF022);
    let seeds: Vec<Vec<u8>> = [
        "interval_ru_utf8bom.csv",
        "cdr_ru_cp1251.csv",
        "agents_ru_utf16le.txt",
        "interval_en_comma.csv",
        "cdr_en_entry_exit.csv",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    let alphabet = b";,\t\"\r\n=:.-/ 0123456789TZ%\xd0\xb8\xc2\xa0\xff\xfe";
    for round in 0..3000 {
        let mut bytes: Vec<u8> = if round % 2 == 0 {
            seeds[rng.below(seeds.len() as u64) as usize].clone()
        } else {
            (0..rng.below(300)).map(|_| alphabet[rng.below(alphabet.len() as u64) as usize]).collect()
        };
        for _ in 0..rng.below(12) {
            if bytes.is_empty() {
                break;
            }
            let i = rng.below(bytes.len() as u64) as usize;
            match rng.below(3) {
                0 => bytes[i] = alphabet[rng.below(alphabet.len() as u64) as usize],
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, rng.next_u64() as u8),
            }
        }
        if let Ok(out) = import_bytes(&bytes, ImportOptions::new("fuzz")) {
            let s = &out.summary;
            assert_eq!(s.rows_read, s.kept + s.rejected + s.totals_skipped + s.repeated_headers_skipped);
        }
        let text = String::from_utf8_lossy(&bytes);
        for cell in text.split([';', '\n']) {
            let _ = parse_decimal("x", cell);
            let _ = parse_duration_s("x", cell);
            let _ = parse_count(cell);
            let _ = parse_duration_cell(cell);
            let _ = parse_percent_cell(cell);
            let _ = parse_datetime_cell(cell);
            let _ = Outcome::parse(cell);
            let _ = Channel::parse(cell);
            let _ = normalize_label(cell);
        }
    }
}

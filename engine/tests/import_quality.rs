//! Optional call-record columns: transfer, resolution, caller id (repeat
//! contacts), CSAT, NPS, reason and complexity — imported, aggregated and
//! measured exactly as computed by hand; bad cells rejected with their
//! location while the rest of the row set is kept.

use callcalc_engine::*;

const CDR: &str = "\
ID;Дата и время;Очередь;Результат;Ожидание;Разговор;Удержание;Постобработка;Оператор;Номер абонента;Причина обращения;Сложность;Переведен;Решено;Оценка;NPS
1;01.03.2024 08:00:05;Общая;Отвечен;00:00:10;120;0;30;Иванова;+7 (916) 111-22-33;Кредит;3;Да;Нет;2;3
2;01.03.2024 08:03:00;Общая;Отвечен;00:00:05;100;0;20;Петров;79161112233;Кредит;3;Нет;Да;5;10
3;01.03.2024 08:05:00;Общая;Потерян;00:00:40;;;;;79990000000;;;;;;
4;01.03.2024 08:07:00;Общая;Отвечен;00:00:15;90;10;20;Иванова;79990000000;Баланс;1;Нет;Да;;9
5;01.03.2024 08:09:00;Общая;Отвечен;00:00:01;60;0;10;Петров;79995555555;Баланс;1;нет;да;4;
6;01.03.2024 08:10:00;Общая;Отвечен;00:00:01;60;0;10;Петров;79995555556;Баланс;1;может;да;4;
7;01.03.2024 08:11:00;Общая;Отвечен;00:00:01;60;0;10;Петров;79995555557;Баланс;1;нет;да;7;
8;02.03.2024 09:00:00;Общая;Отвечен;00:00:01;60;0;10;Петров;79995555555;Карта;2;нет;да;;
";

fn import() -> Imported {
    import_bytes(CDR.as_bytes(), ImportOptions::new("cdr.csv")).unwrap()
}

#[test]
fn columns_are_detected_from_russian_headers() {
    let out = import();
    let m = &out.layout.map;
    for f in
        [Field::Caller, Field::Reason, Field::Complexity, Field::Transferred, Field::Resolved, Field::Csat, Field::Nps]
    {
        assert!(m.get(f).is_some(), "{f} not detected");
    }
}

#[test]
fn bad_cells_are_rejected_with_their_location_and_the_rest_kept() {
    let out = import();
    // Row 6: «может» is not a yes/no; row 7: CSAT 7 is outside 1–5.
    assert_eq!(out.summary.kept, 6);
    assert_eq!(out.rejected.len(), 2);
    assert_eq!(out.rejected[0].field, Some(Field::Transferred));
    assert_eq!(out.rejected[0].value, "может");
    assert_eq!(out.rejected[0].column_name, "Переведен");
    assert_eq!(out.rejected[1].field, Some(Field::Csat));
    assert_eq!(out.rejected[1].value, "7");
}

#[test]
fn measures_match_hand_counts() {
    let out = import();
    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    let all = IntervalStats::total(cells).unwrap();
    let q = all.quality;
    // Answered and kept: 1, 2, 4, 5, 8 — all with flags.
    assert_eq!((q.transfer_known, q.transferred), (5, 1));
    assert_eq!((q.resolution_known, q.resolved), (5, 4));
    assert_eq!(q.transfer_rate(), Some(0.2));
    assert_eq!(q.fcr_flagged(), Some(0.8));
    // Repeats within 24 h: 1 → 2 (same phone written two ways), 3 (abandoned)
    // → 4 is not counted (3 is not answered); 5 → 8 is 24 h 51 min later.
    assert_eq!((q.repeat_known, q.repeated), (5, 1));
    assert_eq!(q.fcr_repeat_window(), Some(0.8));
    // CSAT answers 2, 5, 4 → mean 11/3, top-2-box 2/3; NPS 3, 10, 9 → (2 − 1)/3.
    assert_eq!(q.csat_responses, 3);
    assert!((q.csat_mean().unwrap() - 11.0 / 3.0).abs() < 1e-12);
    assert!((q.csat_top2_box().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert!((q.nps().unwrap() - 100.0 / 3.0).abs() < 1e-12);
    assert_eq!(q.mean_complexity(), Some(2.0)); // (3 + 3 + 1 + 1 + 2) / 5
    let p = pareto(&out.reasons, 0.8);
    let names: Vec<(&str, u64)> = p.iter().map(|b| (b.reason.as_str(), b.contacts)).collect();
    assert_eq!(names, vec![("Баланс", 2), ("Кредит", 2), ("Карта", 1)]);
}

#[test]
fn a_longer_window_counts_the_later_repeat() {
    let agg = AggregateOptions::default().with_repeat_window(2 * 86_400).unwrap();
    let out = import_bytes(CDR.as_bytes(), ImportOptions { aggregate: agg, ..ImportOptions::new("cdr.csv") }).unwrap();
    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    assert_eq!(IntervalStats::total(cells).unwrap().quality.repeated, 2);
}

#[test]
fn interval_reports_have_no_customer_side_data() {
    let out = import_bytes(
        demo::interval_report_csv(&demo::DemoCentre::default(), 2).as_bytes(),
        ImportOptions::new("i.csv"),
    )
    .unwrap();
    let cells = out.interval_stats(AggregateOptions::default()).unwrap().unwrap();
    let q = IntervalStats::total(&cells).unwrap().quality;
    assert_eq!((q.transfer_rate(), q.fcr_flagged(), q.csat_mean(), q.nps()), (None, None, None, None));
    assert!(out.reasons.is_empty());
}

#[test]
fn demo_call_records_carry_plausible_customer_side_columns() {
    let csv = demo::cdr_csv(&demo::DemoCentre::default(), 7);
    let out = import_bytes(csv.as_bytes(), ImportOptions::new("cdr.csv")).unwrap();
    assert_eq!(out.summary.rejected, 0);
    let ImportedData::Cdr(cells) = &out.data else { panic!("not CDR") };
    let q = IntervalStats::total(cells).unwrap().quality;
    let tr = q.transfer_rate().unwrap();
    let fcr = q.fcr_flagged().unwrap();
    let rep = q.fcr_repeat_window().unwrap();
    let nps = q.nps().unwrap();
    assert!((0.03..0.15).contains(&tr), "transfer rate {tr}");
    assert!((0.65..0.92).contains(&fcr), "FCR {fcr}");
    assert!((0.6..0.99).contains(&rep), "repeat-window FCR {rep}");
    assert!(q.csat_responses > 100 && (1.0..=5.0).contains(&q.csat_mean().unwrap()));
    assert!((-100.0..=100.0).contains(&nps));
    let p = pareto(&out.reasons, 0.8);
    assert_eq!(p[0].reason, "Баланс и выписка");
    assert!(p.iter().filter(|b| b.vital).count() < p.len());
}

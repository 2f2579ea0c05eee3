//! No input can panic the importer: regressions for inputs that did, and
//! seeded mutation runs over real fixtures (CSV, workbooks, queue_log)
//! asserting a result or a typed error, never a panic.

use callcalc_engine::export::{to_xlsx, Cell, Sheet};
use callcalc_engine::{import_bytes, read_workbook, ImportOptions, ImportedData};

/// A workbook whose shared string is `Продажи &amp;Сервис` in the XML: the
/// entity decoder looked for `;` in the first 12 bytes after `&` by slicing
/// the text there, and byte 12 falls inside «в».
#[test]
fn ampersand_before_cyrillic_reads_without_panic() {
    let mut s = Sheet::new("Лист1");
    s.row([Cell::text("Дата"), Cell::text("Очередь"), Cell::text("Поступило"), Cell::text("Принято")]);
    s.row([Cell::text("01.03.2024 08:00"), Cell::text("Продажи &Сервис"), Cell::Number(12.0), Cell::Number(10.0)]);
    let bytes = to_xlsx(&[s]);
    let wb = read_workbook(&bytes).expect("the workbook reads");
    assert_eq!(wb.sheets[0].rows[1][1], "Продажи &Сервис");
    let out = import_bytes(&bytes, ImportOptions::new("sales.xlsx")).expect("imports");
    assert_eq!(out.summary.kept, 1);
    let ImportedData::Intervals(rows) = &out.data else { panic!("an interval report") };
    assert_eq!(rows[0].queue.as_deref(), Some("Продажи &Сервис"));
}

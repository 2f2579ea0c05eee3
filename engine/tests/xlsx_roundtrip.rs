//! The XLSX writer's output read back with calamine, an independent reader.

use calamine::{Data, Reader, Xlsx};
use callcalc_engine::export::{to_xlsx, Cell, Sheet};

#[test]
fn workbook_reads_back_with_calamine() {
    let mut kpi = Sheet::new("KPI");
    kpi.header(["KPI", "Значение"]);
    kpi.row([Cell::text("SL (abandons ignored)"), Cell::Percent(0.8525)]);
    kpi.row([Cell::text("=SUM(A1:A9)"), Cell::Number(-41.5)]);
    kpi.row([Cell::text("пусто"), Cell::Empty, Cell::Number(3.0)]);
    let mut formulas = Sheet::new("Formulas");
    formulas.header(["id", "formula"]);
    formulas.row([Cell::text("aht"), Cell::text("(talk + hold + acw) / handled")]);
    let bytes = to_xlsx(&[kpi, formulas]);

    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
    assert_eq!(book.sheet_names(), vec!["KPI".to_string(), "Formulas".to_string()]);
    let range = book.worksheet_range("KPI").expect("sheet KPI");
    assert_eq!(range.get_value((0, 1)), Some(&Data::String("Значение".into())));
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(0.8525)));
    // A formula-like text stays text, with the apostrophe.
    assert_eq!(range.get_value((2, 0)), Some(&Data::String("'=SUM(A1:A9)".into())));
    assert_eq!(range.get_value((2, 1)), Some(&Data::Float(-41.5)));
    assert_eq!(range.get_value((3, 1)), Some(&Data::Empty));
    assert_eq!(range.get_value((3, 2)), Some(&Data::Float(3.0)));
    let f = book.worksheet_range("Formulas").expect("sheet Formulas");
    assert_eq!(f.get_value((1, 1)), Some(&Data::String("(talk + hold + acw) / handled".into())));
}

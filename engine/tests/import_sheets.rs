//! XLSX and ODS workbooks through the importer: sheets chosen, dates,
//! durations and percentages converted, rejected rows located by file,
//! sheet and spreadsheet row.
//!
//! Fixtures are built here: with the project's own `to_xlsx` (inline
//! strings), and by hand as ZIP archives (shared strings, number styles,
//! deflated entries, ODS `content.xml`) so every byte is visible.

use callcalc_engine::export::{to_xlsx, Cell, Sheet};
use callcalc_engine::{import_bytes, is_workbook, read_workbook, ImportError, ImportOptions, ImportedData, ReportKind};

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A ZIP archive of `(name, content, deflate?)` entries.
fn zip(entries: &[(&str, &str, bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content, deflate) in entries {
        let raw = content.as_bytes();
        let data = if *deflate { miniz_oxide::deflate::compress_to_vec(raw, 6) } else { raw.to_vec() };
        let method: u16 = if *deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let crc = crc32(raw);
        let head = |sig: u32, central_form: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_form {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(raw.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central_form {
                h.extend_from_slice(&[0u8; 6]); // comment len, disk, internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        let local = head(0x0403_4b50, false);
        central.extend(head(0x0201_4b50, true));
        out.extend(local);
        out.extend_from_slice(&data);
    }
    let cd_at = out.len() as u32;
    let n = entries.len() as u16;
    out.extend(central.iter());
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn cdr(out: &callcalc_engine::Imported) -> Vec<(String, u64, u64)> {
    match &out.data {
        ImportedData::Cdr(stats) => stats.iter().map(|s| (s.start.to_string(), s.offered, s.answered)).collect(),
        other => panic!("expected call records, got {other:?}"),
    }
}

fn rejected(out: &callcalc_engine::Imported) -> Vec<(String, u64, String, String)> {
    out.rejected.iter().map(|r| (r.file.clone(), r.row, r.column_name.clone(), r.value.clone())).collect()
}

const HEADER: [&str; 6] = ["ID", "Дата и время поступления", "Очередь", "Результат", "Ожидание", "Разговор"];

#[test]
fn project_xlsx_inline_strings_first_sheet_with_data() {
    let empty = Sheet::new("Пусто");
    let mut s = Sheet::new("Звонки");
    s.row(HEADER.map(Cell::text));
    let row = |id: f64, cells: [&str; 5]| {
        let mut r = vec![Cell::Number(id)];
        r.extend(cells.map(Cell::text));
        r
    };
    s.row(row(1.0, ["01.03.2024 08:01:10", "Общая", "Отвечен", "00:00:12", "00:03:00"]));
    s.row(row(2.0, ["01.03.2024 08:03:00", "Общая", "Потерян", "00:01:05", ""]));
    s.row(row(3.0, ["01.03.2024 08:20:00", "Общая", "Отвечен", "abc", "60"]));
    s.row(row(4.0, ["01.03.2024 08:21:00", "Общая", "Отвечен", "5", "60"]));
    let bytes = to_xlsx(&[empty, s]);
    assert!(is_workbook(&bytes));

    let wb = read_workbook(&bytes).unwrap();
    assert_eq!(wb.names(), vec!["Пусто".to_string(), "Звонки".to_string()]);
    assert_eq!(wb.sheet(None).unwrap().name, "Звонки");
    assert_eq!(wb.sheets[1].rows[1][0], "1");

    let out = import_bytes(&bytes, ImportOptions::new("calls.xlsx")).unwrap();
    assert_eq!(out.summary.kind, ReportKind::Cdr);
    assert_eq!((out.summary.kept, out.summary.rejected), (3, 1));
    assert_eq!(cdr(&out), vec![("2024-03-01T08:00:00".to_string(), 2, 1), ("2024-03-01T08:15:00".to_string(), 1, 1)]);
    assert_eq!(rejected(&out), vec![("calls.xlsx [Звонки]".to_string(), 4, "Ожидание".to_string(), "abc".to_string())]);

    // A sheet chosen by name; an unknown name is an error naming the sheets.
    let mut opts = ImportOptions::new("calls.xlsx");
    opts.sheet = Some("Пусто".into());
    assert!(matches!(import_bytes(&bytes, opts), Err(ImportError::Empty { file }) if file == "calls.xlsx [Пусто]"));
    let mut opts = ImportOptions::new("calls.xlsx");
    opts.sheet = Some("Нет".into());
    let e = import_bytes(&bytes, opts).unwrap_err();
    assert!(e.to_string().contains("no sheet named \"Нет\""), "{e}");
}

/// Serial of 01.03.2024 plus a time of day, as Excel stores it.
fn serial(h: u32, m: u32, s: u32) -> String {
    format!("{}", 45352.0 + f64::from(h * 3600 + m * 60 + s) / 86400.0)
}

fn hand_xlsx(date1904: bool) -> Vec<u8> {
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr{}/><sheets><sheet name="Сводка &amp; итоги" sheetId="1" r:id="rId7"/><sheet name="Лист1" sheetId="2" r:id="rId3"/></sheets></workbook>"#,
        if date1904 { r#" date1904="1""# } else { "" }
    );
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#;
    let shared = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>ID</t></si><si><t>Дата и время поступления</t></si><si><t>Очередь</t></si><si><t>Результат</t></si><si><t>Ожидание</t></si><si><r><t>Разго</t></r><r><rPr><b/></rPr><t>вор</t></r><rPh><t>x</t></rPh></si><si><t xml:space="preserve">Линия; "VIP"</t></si><si><t>Отвечен</t></si><si><t>Потерян</t></si><si><t>Отчёт &lt;март&gt;</t></si></sst>"#;
    let styles = r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm:ss"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="46" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let summary = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c><c r="B1" s="3"><v>0.85</v></c></row></sheetData></worksheet>"#;
    // Title in row 1, an empty row 2 (absent), header in row 3; gaps inside
    // rows (no C5), a duration above 24 h, a bad outcome in row 7.
    let d = if date1904 { |x: String| format!("{}", x.parse::<f64>().unwrap() - 1462.0) } else { |x: String| x };
    let calls = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Звонки за март</t></is></c></row>
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>3</v></c><c r="E3" t="s"><v>4</v></c><c r="F3" t="s"><v>5</v></c></row>
<row r="4"><c r="A4"><v>1</v></c><c r="B4" s="1"><v>{}</v></c><c r="C4" t="s"><v>6</v></c><c r="D4" t="s"><v>7</v></c><c r="E4" s="2"><v>{}</v></c><c r="F4" s="2"><v>{}</v></c></row>
<row r="5"><c r="A5"><v>2</v></c><c r="B5" s="1"><v>{}</v></c><c r="D5" t="s"><v>8</v></c><c r="E5" s="2"><v>{}</v></c></row>
<row r="6"><c r="A6"><v>3</v></c><c r="B6" s="1"><v>{}</v></c><c r="C6" t="s"><v>6</v></c><c r="D6" t="s"><v>7</v></c><c r="E6"><v>5</v></c><c r="F6" s="2"><v>1.0833333333333333</v></c></row>
<row r="7"><c r="A7"><v>4</v></c><c r="B7" s="1"><v>{}</v></c><c r="C7" t="s"><v>6</v></c><c r="D7" t="str"><v>??</v></c></row>
</sheetData></worksheet>"#,
        d(serial(8, 1, 10)),
        12.0 / 86400.0,
        180.0 / 86400.0,
        d(serial(8, 3, 0)),
        65.0 / 86400.0,
        d(serial(8, 20, 0)),
        d(serial(8, 40, 0)),
    );
    zip(&[
        ("[Content_Types].xml", "<Types/>", false),
        ("xl/workbook.xml", &workbook, false),
        ("xl/_rels/workbook.xml.rels", rels, false),
        ("xl/sharedStrings.xml", shared, true),
        ("xl/styles.xml", styles, true),
        ("xl/worksheets/sheet1.xml", summary, false),
        ("xl/worksheets/sheet2.xml", &calls, true),
    ])
}

#[test]
fn hand_made_xlsx_shared_strings_styles_deflate() {
    for date1904 in [false, true] {
        let bytes = hand_xlsx(date1904);
        let wb = read_workbook(&bytes).unwrap();
        assert_eq!(wb.names(), vec!["Сводка & итоги".to_string(), "Лист1".to_string()]);
        assert_eq!(wb.sheets[0].rows, vec![vec!["Отчёт <март>".to_string(), "85%".to_string()]]);
        let rows = &wb.sheets[1].rows;
        assert_eq!(rows[1], Vec::<String>::new(), "row 2 is absent and kept empty");
        assert_eq!(rows[2][5], "Разговор", "rich text runs joined, phonetic run dropped");
        assert_eq!(rows[3], ["1", "01.03.2024 08:01:10", "Линия; \"VIP\"", "Отвечен", "00:00:12", "00:03:00"]);
        assert_eq!(rows[4], ["2", "01.03.2024 08:03:00", "", "Потерян", "00:01:05"]);
        assert_eq!(rows[5][5], "26:00:00", "durations may exceed 24 h");

        // The first sheet has data, so the sheet is chosen by name.
        let mut opts = ImportOptions::new("report.xlsx");
        opts.sheet = Some("Лист1".into());
        let out = import_bytes(&bytes, opts).unwrap();
        assert_eq!(out.summary.kind, ReportKind::Cdr);
        assert_eq!(out.layout.header_rows, vec![3]);
        assert_eq!((out.summary.kept, out.summary.rejected), (3, 1));
        assert_eq!(
            cdr(&out),
            vec![("2024-03-01T08:00:00".to_string(), 2, 1), ("2024-03-01T08:15:00".to_string(), 1, 1)]
        );
        assert_eq!(
            rejected(&out),
            vec![("report.xlsx [Лист1]".to_string(), 7, "Результат".to_string(), "??".to_string())]
        );
    }
}

#[test]
fn ods_content_with_repeats_dates_and_durations() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Звонки">
<table:table-column table:number-columns-repeated="16384"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Звонки за март</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Дата и время поступления</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Очередь</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Результат</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ожидание</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Разговор</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-01T08:01:10"><text:p>01/03/24</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Линия;<text:s text:c="2"/>VIP &amp; Co</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Отвечен</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT00H00M12S"><text:p>00:00:12</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT00H03M00S"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="2"/><table:table-cell office:value-type="date" office:date-value="2024-03-01T08:03:00"/><table:table-cell/><table:table-cell office:value-type="string"><text:p>Потерян</text:p></table:table-cell><table:table-cell office:value-type="time" office:time-value="PT00H01M05S"/><table:table-cell table:number-columns-repeated="16379"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="3"/><table:table-cell office:value-type="date" office:date-value="2024-03-01T08:20:00"/><table:table-cell office:value-type="string"><text:p>Общая</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Отвечен</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.5"/><table:table-cell office:value-type="time" office:time-value="PT26H00M00S"/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="Пустой"><table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let bytes =
        zip(&[("mimetype", "application/vnd.oasis.opendocument.spreadsheet", false), ("content.xml", content, true)]);
    let wb = read_workbook(&bytes).unwrap();
    assert_eq!(wb.names(), vec!["Звонки".to_string(), "Пустой".to_string()]);
    let rows = &wb.sheets[0].rows;
    assert_eq!(rows.len(), 8, "trailing empty rows dropped, repeated data row doubled");
    assert_eq!(rows[0], ["Звонки за март"]);
    assert!(rows[1].is_empty() && rows[2].is_empty());
    assert_eq!(rows[4], ["1", "01.03.2024 08:01:10", "Линия;  VIP & Co", "Отвечен", "00:00:12", "00:03:00"]);
    assert_eq!(rows[5], ["2", "01.03.2024 08:03:00", "", "Потерян", "00:01:05"]);
    assert_eq!(rows[6], rows[7]);
    assert_eq!(rows[6][4..], ["50%".to_string(), "26:00:00".to_string()]);
    assert!(wb.sheets[1].rows.is_empty());

    let out = import_bytes(&bytes, ImportOptions::new("calls.ods")).unwrap();
    assert_eq!(out.summary.kind, ReportKind::Cdr);
    assert_eq!(out.layout.header_rows, vec![4]);
    // Rows 7 and 8 carry a percentage where a wait is expected.
    assert_eq!((out.summary.kept, out.summary.rejected), (2, 2));
    assert_eq!(cdr(&out), vec![("2024-03-01T08:00:00".to_string(), 2, 1)]);
    assert_eq!(
        rejected(&out),
        vec![
            ("calls.ods [Звонки]".to_string(), 7, "Ожидание".to_string(), "50%".to_string()),
            ("calls.ods [Звонки]".to_string(), 8, "Ожидание".to_string(), "50%".to_string()),
        ]
    );
}

#[test]
fn damaged_archives_are_errors_not_panics() {
    let bytes = hand_xlsx(false);
    for cut in [10, 100, bytes.len() / 2] {
        let mut b = bytes[..cut].to_vec();
        b.extend_from_slice(&bytes[bytes.len() - 22..]);
        let r = import_bytes(&b, ImportOptions::new("bad.xlsx"));
        assert!(matches!(r, Err(ImportError::Workbook { ref file, .. }) if file == "bad.xlsx"), "{cut}: {r:?}");
    }
    let only_zip = zip(&[("readme.txt", "hello", false)]);
    let e = import_bytes(&only_zip, ImportOptions::new("x.zip")).unwrap_err();
    assert!(e.to_string().contains("neither an XLSX"), "{e}");
}

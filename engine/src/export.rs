//! Tables out: CSV (for RU Excel: `;` and a decimal comma), XLSX and JSON,
//! written from one [`Sheet`](crate::export::Sheet) model. Pure: the functions return the bytes;
//! the app offers them as a download, the CLI prints them.
//!
//! Safety: a text cell that a spreadsheet would run as a formula (it begins
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a
//! leading apostrophe (OWASP, "CSV Injection"). Numbers are written as
//! numbers, so a negative number is not touched. In XLSX every text cell is
//! an inline string, which Excel never evaluates; the apostrophe is still
//! added so that a copy of the text into another sheet stays inert.
//!
//! The XLSX writer produces the minimal SpreadsheetML package (ECMA-376
//! Part 1: content types, relationships, workbook, styles, one worksheet per
//! sheet) in a ZIP archive with stored (uncompressed) entries and CRC-32
//! (ISO 3309), which keeps it small in the wasm bundle and readable by Excel,
//! LibreOffice and calamine.

use std::fmt::Write as _;

/// One cell of a [`Sheet`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A plain number (written with full precision).
    Number(f64),
    /// A fraction shown as a percentage (`0.853` → 85.3 %); XLSX keeps the
    /// fraction with a `0.0%` format, CSV writes the percentage number.
    Percent(f64),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    /// A number, or an empty cell when there is none (or it is not finite).
    pub fn number(x: Option<f64>) -> Cell {
        match x {
            Some(v) if v.is_finite() => Cell::Number(v),
            _ => Cell::Empty,
        }
    }
    /// A fraction as a percentage, or an empty cell.
    pub fn percent(x: Option<f64>) -> Cell {
        match x {
            Some(v) if v.is_finite() => Cell::Percent(v),
            _ => Cell::Empty,
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::number(Some(x))
    }
}
impl From<u64> for Cell {
    fn from(x: u64) -> Cell {
        Cell::Number(x as f64)
    }
}
impl From<u32> for Cell {
    fn from(x: u32) -> Cell {
        Cell::Number(f64::from(x))
    }
}

/// A named table: the first row is usually the header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet { name: name.into(), rows: Vec::new() }
    }
    /// Appends a row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> &mut Sheet {
        self.rows.push(cells.into_iter().collect());
        self
    }
    /// Appends a row of texts (a header).
    pub fn header<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Sheet {
        self.rows.push(cells.into_iter().map(|s| Cell::Text(s.as_ref().to_string())).collect());
        self
    }
}

/// A text as a spreadsheet will not run it: a leading `=`, `+`, `-`, `@`,
/// tab or carriage return gets an apostrophe in front (OWASP, "CSV
/// Injection").
///
/// ```
/// use callcalc_engine::export::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("-1+2"), "'-1+2");
/// assert_eq!(neutralise("Иванова"), "Иванова");
/// ```
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// How CSV is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    pub delimiter: char,
    /// `12,5` instead of `12.5`.
    pub decimal_comma: bool,
    /// Start with a UTF-8 byte-order mark (Excel then reads UTF-8).
    pub bom: bool,
}

impl CsvStyle {
    /// What Russian-locale Excel opens with a double click: `;`, decimal
    /// comma, UTF-8 with BOM.
    pub const RU_EXCEL: CsvStyle = CsvStyle { delimiter: ';', decimal_comma: true, bom: true };
    /// RFC 4180: `,` and a decimal point, no BOM.
    pub const PLAIN: CsvStyle = CsvStyle { delimiter: ',', decimal_comma: false, bom: false };
}

fn number_text(x: f64) -> String {
    // Shortest round-trip representation; integers without ".0".
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn csv_field(text: &str, delimiter: char) -> String {
    if text.contains(delimiter) || text.contains('"') || text.contains('\n') || text.contains('\r') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The sheet as CSV text (rows end with CRLF).
///
/// ```
/// use callcalc_engine::export::{to_csv, Cell, CsvStyle, Sheet};
/// let mut s = Sheet::new("KPI");
/// s.header(["KPI", "Value"]);
/// s.row([Cell::text("SL"), Cell::Percent(0.8525)]);
/// s.row([Cell::text("=1+1"), Cell::Number(-3.5)]);
/// assert_eq!(to_csv(&s, CsvStyle::RU_EXCEL), "\u{feff}KPI;Value\r\nSL;85,25\r\n'=1+1;-3,5\r\n");
/// assert_eq!(to_csv(&s, CsvStyle::PLAIN), "KPI,Value\r\nSL,85.25\r\n'=1+1,-3.5\r\n");
/// ```
pub fn to_csv(sheet: &Sheet, style: CsvStyle) -> String {
    let mut out = String::new();
    if style.bom {
        out.push('\u{feff}');
    }
    for row in &sheet.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| {
                let raw = match c {
                    Cell::Empty => String::new(),
                    Cell::Text(t) => neutralise(t),
                    Cell::Number(x) => number_text(*x),
                    // Percent points, rounded off the binary noise of ×100.
                    Cell::Percent(x) => number_text((x * 100.0 * 1e9).round() / 1e9),
                };
                let raw = if style.decimal_comma && matches!(c, Cell::Number(_) | Cell::Percent(_)) {
                    raw.replace('.', ",")
                } else {
                    raw
                };
                csv_field(&raw, style.delimiter)
            })
            .collect();
        out.push_str(&fields.join(&style.delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON string literal of `s` (quotes and escapes included).
pub fn json_str(s: &str) -> String {
    json_string(s)
}

/// A JSON number, or `null` when there is none or it is not finite.
pub fn json_num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => number_text(v),
        _ => "null".to_string(),
    }
}

/// The sheets as JSON: `{"<sheet>": [{"<header>": value, …}, …], …}` — the
/// first row of each sheet gives the keys; percentages are fractions.
///
/// ```
/// use callcalc_engine::export::{to_json, Cell, Sheet};
/// let mut s = Sheet::new("kpi");
/// s.header(["kpi", "value"]);
/// s.row([Cell::text("sl"), Cell::Percent(0.85)]);
/// assert_eq!(to_json(&[s]), "{\"kpi\":[{\"kpi\":\"sl\",\"value\":0.85}]}");
/// ```
pub fn to_json(sheets: &[Sheet]) -> String {
    let mut out = String::from("{");
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json_string(&sheet.name));
        out.push_str(":[");
        let keys: Vec<String> = sheet
            .rows
            .first()
            .map(|h| {
                h.iter()
                    .enumerate()
                    .map(|(j, c)| match c {
                        Cell::Text(t) => t.clone(),
                        _ => format!("column_{}", j + 1),
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (r, row) in sheet.rows.iter().skip(1).enumerate() {
            if r > 0 {
                out.push(',');
            }
            out.push('{');
            for (j, key) in keys.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                out.push_str(&json_string(key));
                out.push(':');
                match row.get(j).unwrap_or(&Cell::Empty) {
                    Cell::Empty => out.push_str("null"),
                    Cell::Text(t) => out.push_str(&json_string(t)),
                    Cell::Number(x) | Cell::Percent(x) => out.push_str(&json_num(Some(*x))),
                }
            }
            out.push('}');
        }
        out.push(']');
    }
    out.push('}');
    out
}

// ---------------------------------------------------------------- XLSX

/// CRC-32 (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320), as ZIP needs.
///
/// ```
/// assert_eq!(callcalc_engine::export::crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// A ZIP archive of stored entries (APPNOTE.TXT 6.3: local headers, central
/// directory, end record; no compression, no ZIP64, so < 4 GB).
struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Zip {
    fn new() -> Zip {
        Zip { out: Vec::new(), central: Vec::new(), count: 0 }
    }

    fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let offset = self.out.len() as u32;
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // Local file header.
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        self.out.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
        self.out.extend_from_slice(&0u16.to_le_bytes()); // stored
        self.out.extend_from_slice(&0u16.to_le_bytes()); // time
        self.out.extend_from_slice(&0x0021u16.to_le_bytes()); // date 1980-01-01
        self.out.extend_from_slice(&crc.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&name_len.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        // Central directory entry.
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        c.extend_from_slice(&20u16.to_le_bytes()); // version needed
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0u16.to_le_bytes());
        c.extend_from_slice(&0x0021u16.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&size.to_le_bytes());
        c.extend_from_slice(&name_len.to_le_bytes());
        c.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attrs
        c.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let cd_offset = self.out.len() as u32;
        let cd_size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // disk numbers
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&cd_size.to_le_bytes());
        self.out.extend_from_slice(&cd_offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`,
/// unique in the workbook (a suffix is added).
fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let clean: String =
            s.name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(28).collect();
        let mut name = if clean.trim().is_empty() { format!("Sheet{}", i + 1) } else { clean };
        if names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            name = format!("{name} {}", i + 1);
        }
        names.push(name);
    }
    names
}

fn worksheet_xml(sheet: &Sheet) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        let _ = write!(x, "<row r=\"{}\">", r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_letters(c), r + 1);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let _ = write!(
                        x,
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        xml_escape(&neutralise(t))
                    );
                }
                Cell::Number(v) if v.is_finite() => {
                    let _ = write!(x, "<c r=\"{at}\"><v>{}</v></c>", number_text(*v));
                }
                Cell::Percent(v) if v.is_finite() => {
                    let _ = write!(x, "<c r=\"{at}\" s=\"1\"><v>{}</v></c>", number_text(*v));
                }
                Cell::Number(_) | Cell::Percent(_) => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// The sheets as an XLSX workbook (bytes of the `.xlsx` file).
///
/// ```
/// use callcalc_engine::export::{to_xlsx, Cell, Sheet};
/// let mut s = Sheet::new("KPI");
/// s.header(["KPI", "Value"]);
/// s.row([Cell::text("SL"), Cell::Percent(0.85)]);
/// let bytes = to_xlsx(&[s]);
/// assert_eq!(&bytes[..4], b"PK\x03\x04");
/// let text = String::from_utf8_lossy(&bytes);
/// assert!(text.contains("<sheet name=\"KPI\" sheetId=\"1\" r:id=\"rId1\"/>"));
/// assert!(text.contains("<c r=\"B2\" s=\"1\"><v>0.85</v></c>"));
/// ```
pub fn to_xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let names = sheet_names(sheets);
    let mut zip = Zip::new();
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    for i in 0..sheets.len() {
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
            i + 1
        );
    }
    types.push_str("</Types>");
    zip.add("[Content_Types].xml", types.as_bytes());
    zip.add(
        "_rels/.rels",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
    );
    let mut wb = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, name) in names.iter().enumerate() {
        let _ = write!(wb, "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", xml_escape(name), i + 1, i + 1);
        let _ = write!(
            rels,
            "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{}.xml\"/>",
            i + 1,
            i + 1
        );
    }
    wb.push_str("</sheets></workbook>");
    let _ = write!(
        rels,
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets.len() + 1
    );
    zip.add("xl/workbook.xml", wb.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.add(
        "xl/styles.xml",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>",
    );
    for (i, sheet) in sheets.iter().enumerate() {
        zip.add(&format!("xl/worksheets/sheet{}.xml", i + 1), worksheet_xml(sheet).as_bytes());
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_roll_over() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn sheet_names_are_cleaned_and_unique() {
        let s = [Sheet::new("a/b"), Sheet::new("A/B"), Sheet::new("")];
        assert_eq!(sheet_names(&s), vec!["ab", "AB 2", "Sheet3"]);
    }

    #[test]
    fn csv_quotes_fields_with_delimiters_and_quotes() {
        let mut s = Sheet::new("x");
        s.row([Cell::text("a;b"), Cell::text("say \"hi\""), Cell::Empty, Cell::Number(1e20)]);
        assert_eq!(to_csv(&s, CsvStyle::RU_EXCEL), "\u{feff}\"a;b\";\"say \"\"hi\"\"\";;100000000000000000000\r\n");
    }

    #[test]
    fn xlsx_zip_structure_is_consistent() {
        let mut s = Sheet::new("Данные");
        s.header(["Очередь", "<&>"]);
        s.row([Cell::text("@cmd"), Cell::Number(f64::NAN)]);
        let bytes = to_xlsx(&[s.clone(), s]);
        // End of central directory: 7 entries (content types, rels, workbook,
        // workbook rels, styles, two sheets).
        let eocd = bytes.len() - 22;
        assert_eq!(&bytes[eocd..eocd + 4], &0x0605_4b50u32.to_le_bytes());
        assert_eq!(u16::from_le_bytes([bytes[eocd + 10], bytes[eocd + 11]]), 7);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("&lt;&amp;&gt;"));
        assert!(text.contains("'@cmd"));
        assert!(text.contains("name=\"Данные 2\""));
        assert!(!text.contains("NaN"));
    }
}

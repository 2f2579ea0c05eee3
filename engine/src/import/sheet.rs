//! XLSX and ODS workbooks → rows of text cells → `;`-separated text the
//! CSV [`Importer`](super::Importer) reads unchanged.
//!
//! Pure and small: a ZIP central-directory reader (entries stored or
//! deflated, inflated with `miniz_oxide`), a minimal XML tag scanner, and the
//! two spreadsheet vocabularies:
//! - XLSX: `xl/workbook.xml` (sheet names, `date1904`) + its rels,
//!   `xl/sharedStrings.xml`, `xl/styles.xml` (`numFmts`/`cellXfs`: which
//!   numbers are dates, times or percentages), `xl/worksheets/*.xml` (cells
//!   by `r` reference, gaps kept, inline strings);
//! - ODS: `content.xml` (`table:table`, rows and cells with repeats,
//!   `office:value-type` float/percentage/currency/date/time/boolean/string).
//!
//! Cells are written the way the CSV path expects: dates `dd.mm.yyyy
//! hh:mm:ss` (Excel serials in the 1900 system with its 1900-02-29 bug, or
//! the 1904 system), times and durations `hh:mm:ss` (may exceed 24 h),
//! percentages `85%`, numbers with a `.` decimal point.

use core::fmt;

use super::datetime::{civil_from_days, days_from_civil};

/// A workbook read from XLSX or ODS bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<WorkbookSheet>,
}

/// One sheet: its name and rows of text cells (row `i` is spreadsheet row
/// `i + 1`; empty rows and cells in gaps are kept as empty).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookSheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl WorkbookSheet {
    /// Whether any cell is non-empty.
    pub fn has_data(&self) -> bool {
        self.rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()))
    }
}

impl Workbook {
    /// The sheet named `name`, or (`None`) the first sheet that has data
    /// (the first sheet when none has).
    pub fn sheet(&self, name: Option<&str>) -> Option<&WorkbookSheet> {
        match name {
            Some(n) => self.sheets.iter().find(|s| s.name == n),
            None => self.sheets.iter().find(|s| s.has_data()).or(self.sheets.first()),
        }
    }

    /// Sheet names in workbook order.
    pub fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }
}

/// Why a workbook could not be read: the part of the file and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookError {
    /// ZIP entry (e.g. `xl/workbook.xml`) or `"zip"`.
    pub part: String,
    pub problem: String,
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.part, self.problem)
    }
}

impl std::error::Error for WorkbookError {}

fn err(part: &str, problem: impl Into<String>) -> WorkbookError {
    WorkbookError { part: part.to_string(), problem: problem.into() }
}

/// Whether `bytes` start with the ZIP local-file signature `PK\x03\x04`
/// (XLSX and ODS are ZIP archives; CSV text never starts so).
///
/// OLE2 compound files (`.xls`, password-protected workbooks) count as
/// workbooks too, so callers route them to [`read_workbook`], which says
/// what they are instead of their bytes being read as text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || super::vendor::is_ole2(bytes)
}

/// Whether `bytes` are a ZIP archive with an entry `name`.
pub(crate) fn zip_has(bytes: &[u8], name: &str) -> bool {
    Zip::open(bytes).is_ok_and(|z| z.find(name).is_some())
}

/// Reads an XLSX or ODS workbook.
///
/// ```
/// use callcalc_engine::export::{to_xlsx, Cell, Sheet};
/// use callcalc_engine::{read_workbook, sheet_to_csv_text};
/// let mut s = Sheet::new("Лист1");
/// s.row([Cell::text("Интервал"), Cell::text("Поступило")]);
/// s.row([Cell::text("01.03.2024 08:00"), Cell::Number(12.0)]);
/// let wb = read_workbook(&to_xlsx(&[s])).unwrap();
/// assert_eq!(wb.sheets[0].name, "Лист1");
/// assert_eq!(sheet_to_csv_text(&wb.sheets[0]), "Интервал;Поступило\n01.03.2024 08:00;12\n");
/// ```
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, WorkbookError> {
    if let Some(kind) = super::vendor::ole2_kind(bytes) {
        return Err(err("file", kind.to_string()));
    }
    let zip = Zip::open(bytes)?;
    if zip.find("xl/workbook.xml").is_some() {
        read_xlsx(&zip)
    } else if zip.find("content.xml").is_some() {
        read_ods(&zip)
    } else if zip.find("xl/workbook.bin").is_some() {
        Err(err("file", super::vendor::WorkbookKind::Xlsb.to_string()))
    } else {
        Err(err("zip", "neither an XLSX (xl/workbook.xml) nor an ODS (content.xml) workbook"))
    }
}

/// A sheet as `;`-separated text, one line per spreadsheet row, cells quoted
/// when they hold `;`, `"`, a line break or edge spaces. Rows with data are
/// padded with empty cells to the sheet's width, as Excel saves CSV (a row
/// whose last cells are empty is not "shorter than the header").
pub fn sheet_to_csv_text(sheet: &WorkbookSheet) -> String {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for row in &sheet.rows {
        let pad = if row.is_empty() { 0 } else { width - row.len() };
        for (i, c) in row.iter().chain(core::iter::repeat_n(&String::new(), pad)).enumerate() {
            if i > 0 {
                out.push(';');
            }
            if c.contains([';', '"', '\n', '\r']) || c.starts_with(' ') || c.ends_with(' ') {
                out.push('"');
                out.push_str(&c.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(c);
            }
        }
        out.push('\n');
    }
    out
}

// ---- ZIP ----

struct Entry {
    name: String,
    method: u16,
    compressed: usize,
    local: usize,
}

struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

// Offsets come from the file: every sum is checked (on wasm32 `usize` is
// 32 bits, so `u32` offsets near the top would overflow).
fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// `at + k` for offsets read from the file, `None` on overflow.
fn off(at: usize, k: usize) -> Option<usize> {
    at.checked_add(k)
}

/// Largest entry inflated (a guard against ZIP bombs).
const MAX_ENTRY: usize = 512 << 20;

impl<'a> Zip<'a> {
    fn open(bytes: &'a [u8]) -> Result<Zip<'a>, WorkbookError> {
        let bad = || err("zip", "damaged ZIP archive (central directory)");
        let lowest = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))
            .ok_or_else(bad)?;
        let field16 = |at: usize, k: usize| off(at, k).and_then(|i| u16_at(bytes, i)).map(usize::from).ok_or_else(bad);
        let field32 =
            |at: usize, k: usize| off(at, k).and_then(|i| u32_at(bytes, i)).map(|v| v as usize).ok_or_else(bad);
        let count = field16(eocd, 10)?;
        let mut at = field32(eocd, 16)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(bad());
            }
            let method = field16(at, 10)? as u16;
            let compressed = field32(at, 20)?;
            let n = field16(at, 28)?;
            let e = field16(at, 30)?;
            let c = field16(at, 32)?;
            let local = field32(at, 42)?;
            let name_start = off(at, 46).ok_or_else(bad)?;
            let name = bytes.get(name_start..off(name_start, n).ok_or_else(bad)?).ok_or_else(bad)?;
            entries.push(Entry { name: String::from_utf8_lossy(name).replace('\\', "/"), method, compressed, local });
            at = off(name_start, n + e + c).ok_or_else(bad)?;
        }
        Ok(Zip { bytes, entries })
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name))
    }

    fn read(&self, name: &str) -> Result<Option<String>, WorkbookError> {
        let Some(e) = self.find(name) else { return Ok(None) };
        let bad = || err(name, "damaged ZIP entry");
        let b = self.bytes;
        if u32_at(b, e.local) != Some(0x0403_4b50) {
            return Err(bad());
        }
        let n = off(e.local, 26).and_then(|i| u16_at(b, i)).ok_or_else(bad)? as usize;
        let x = off(e.local, 28).and_then(|i| u16_at(b, i)).ok_or_else(bad)? as usize;
        let start = off(e.local, 30 + n + x).ok_or_else(bad)?;
        let data = b.get(start..start.checked_add(e.compressed).ok_or_else(bad)?).ok_or_else(bad)?;
        let raw = match e.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_ENTRY)
                .map_err(|_| err(name, "cannot inflate the deflated entry"))?,
            m => return Err(err(name, format!("unsupported ZIP compression method {m}"))),
        };
        let text = String::from_utf8(raw).map_err(|_| err(name, "not UTF-8 XML"))?;
        Ok(Some(text))
    }

    fn need(&self, name: &str) -> Result<String, WorkbookError> {
        self.read(name)?.ok_or_else(|| err(name, "missing from the archive"))
    }
}

// ---- XML ----

#[derive(Debug)]
enum Ev<'a> {
    /// Element name, raw attributes, self-closing.
    Start(&'a str, &'a str, bool),
    End(&'a str),
    Text(&'a str),
}

/// Tags and text of an XML document (comments, processing instructions and
/// declarations skipped; CDATA returned as text).
struct Xml<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Xml<'a> {
    fn new(s: &'a str) -> Self {
        Xml { s, at: 0 }
    }
}

impl<'a> Iterator for Xml<'a> {
    type Item = Ev<'a>;
    fn next(&mut self) -> Option<Ev<'a>> {
        loop {
            let rest = &self.s[self.at..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.at += end;
                return Some(Ev::Text(&rest[..end]));
            }
            if let Some(r) = rest.strip_prefix("<![CDATA[") {
                let end = r.find("]]>").unwrap_or(r.len());
                self.at += 9 + end + 3.min(r.len() - end);
                return Some(Ev::Text(&r[..end])); // entities are not decoded in CDATA: rare in spreadsheets
            }
            if rest.starts_with("<!--") {
                self.at += rest.find("-->").map_or(rest.len(), |i| i + 3);
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                self.at += rest.find('>').map_or(rest.len(), |i| i + 1);
                continue;
            }
            // A tag: find its end outside quoted attribute values.
            let bytes = rest.as_bytes();
            let mut q = 0u8;
            let mut end = bytes.len();
            for (i, &c) in bytes.iter().enumerate().skip(1) {
                if q != 0 {
                    if c == q {
                        q = 0;
                    }
                } else if c == b'"' || c == b'\'' {
                    q = c;
                } else if c == b'>' {
                    end = i;
                    break;
                }
            }
            self.at += (end + 1).min(rest.len());
            let inner = &rest[1..end.min(rest.len())];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Ev::End(name.trim()));
            }
            let closing = inner.ends_with('/');
            let inner = inner.strip_suffix('/').unwrap_or(inner);
            let split = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
            return Some(Ev::Start(&inner[..split], &inner[split..], closing));
        }
    }
}

/// The local part of a qualified name (`x:c` → `c`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of attribute `key` (qualified name as written) in raw
/// attributes, entities decoded.
fn attr(raw: &str, key: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let ns = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &raw[ns..i];
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'=') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let q = b[i];
        if q != b'"' && q != b'\'' {
            return None;
        }
        let vs = i + 1;
        let ve = raw[vs..].find(q as char).map_or(raw.len(), |e| vs + e);
        if name == key {
            return Some(unescape(&raw[vs..ve]));
        }
        i = ve + 1;
    }
    None
}

/// Decodes `&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;` (unknown entities
/// are kept as written).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // Byte search: the 12-byte window may end inside a multi-byte letter
        // (`&amp;Сервис`), so the text is never sliced there.
        let Some(semi) = rest.as_bytes().iter().take(12).position(|&b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let num = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                    u32::from_str_radix(h, 16).ok()
                } else {
                    ent.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                num.and_then(char::from_u32)
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---- values ----

/// Seconds as `hh:mm:ss` (hours may exceed 24; negative values get a `-`).
fn hms(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let t = total.unsigned_abs();
    format!("{sign}{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
}

/// Days since 1970-01-01 plus seconds of the day as `dd.mm.yyyy hh:mm:ss`.
fn date_text(days: i64, secs: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{d:02}.{m:02}.{y:04} {}", hms(secs))
}

/// An Excel serial date-time as `dd.mm.yyyy hh:mm:ss`.
///
/// 1900 system: serial 1 = 1900-01-01 and Excel counts a 29 February 1900
/// that never was (serial 60, shown as 28.02.1900 here), so serials from 61
/// on are days since 1899-12-30. 1904 system: serial 0 = 1904-01-01.
fn excel_date(serial: f64, date1904: bool) -> Option<String> {
    if !serial.is_finite() || !(-1.0e7..1.0e7).contains(&serial) {
        return None;
    }
    let total = (serial * 86_400.0).round() as i64;
    let (mut day, secs) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let base = if date1904 {
        days_from_civil(1904, 1, 1)
    } else if day >= 61 {
        days_from_civil(1899, 12, 30)
    } else {
        if day == 60 {
            day = 59;
        }
        days_from_civil(1899, 12, 31)
    };
    Some(date_text(base + day, secs))
}

/// A number as text without binary noise (`0.1 + 0.2` → `0.3`).
fn number_text(x: f64) -> String {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum NumKind {
    Plain,
    Date,
    Time,
    Percent,
}

/// What a number format shows: builtin ids, or the codes of a custom format.
fn kind_of_format(id: u32, code: Option<&str>) -> NumKind {
    match (id, code) {
        (14..=17 | 22 | 27..=36 | 50..=58, None) => NumKind::Date,
        (18..=21 | 45..=47, None) => NumKind::Time,
        (9 | 10, None) => NumKind::Percent,
        (_, None) => NumKind::Plain,
        (_, Some(code)) => {
            // Drop quoted text, escapes and [colour]/[$-locale] sections; keep [h] [mm] [ss].
            let first = code.split(';').next().unwrap_or("");
            let mut clean = String::new();
            let mut chars = first.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => {
                        for d in chars.by_ref() {
                            if d == '"' {
                                break;
                            }
                        }
                    }
                    '\\' | '_' | '*' => {
                        chars.next();
                    }
                    '[' => {
                        let inner: String = chars.by_ref().take_while(|&d| d != ']').collect();
                        let l = inner.to_ascii_lowercase();
                        if l.chars().all(|d| matches!(d, 'h' | 'm' | 's')) {
                            clean.push_str(&l);
                        }
                    }
                    c => clean.push(c.to_ascii_lowercase()),
                }
            }
            if clean.contains('%') {
                NumKind::Percent
            } else if clean.contains(['y', 'd']) || clean.contains("гг") {
                NumKind::Date
            } else if clean.contains(['h', 's']) {
                NumKind::Time
            } else {
                NumKind::Plain
            }
        }
    }
}

fn numeric_text(raw: &str, kind: NumKind, date1904: bool) -> String {
    let raw = raw.trim();
    let Ok(x) = raw.parse::<f64>() else { return raw.to_string() };
    match kind {
        NumKind::Plain => raw.to_string(),
        NumKind::Percent => format!("{}%", number_text(x * 100.0)),
        NumKind::Time => hms((x * 86_400.0).round() as i64),
        NumKind::Date => excel_date(x, date1904).unwrap_or_else(|| raw.to_string()),
    }
}

// ---- XLSX ----

/// Column index (0-based) and row (1-based) of a reference like `AB12`.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].chars().fold(0usize, |a, c| a * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1));
    let row = r[letters..].parse().ok()?;
    Some((col - 1, row))
}

/// Largest gap of empty rows or columns materialised (a stray cell at
/// XFD1048576 does not make a million empty rows).
const MAX_GAP: usize = 100_000;

/// Excel's grid (1,048,576 rows × 16,384 columns, XFD): a cell outside it
/// cannot come from a real workbook and is not materialised (a damaged
/// reference would otherwise grow the sheet by `MAX_GAP` rows per cell).
const MAX_ROWS: usize = 1 << 20;
const MAX_COLS: usize = 1 << 14;

fn read_xlsx(zip: &Zip) -> Result<Workbook, WorkbookError> {
    let wb = zip.need("xl/workbook.xml")?;
    let mut date1904 = false;
    let mut listed = Vec::new(); // (name, r:id)
    for ev in Xml::new(&wb) {
        if let Ev::Start(n, a, _) = ev {
            match local(n) {
                "workbookPr" => date1904 = matches!(attr(a, "date1904").as_deref(), Some("1" | "true")),
                "sheet" => {
                    let name = attr(a, "name").unwrap_or_default();
                    let id = attr(a, "r:id").or_else(|| {
                        // Any prefix bound to the relationships namespace.
                        a.split_whitespace()
                            .find(|p| p.contains(":id="))
                            .and_then(|p| p.split_once('=').map(|(k, _)| k.to_string()))
                            .and_then(|k| attr(a, &k))
                    });
                    listed.push((name, id));
                }
                _ => {}
            }
        }
    }
    let mut targets = Vec::new(); // (Id, path)
    if let Some(rels) = zip.read("xl/_rels/workbook.xml.rels")? {
        for ev in Xml::new(&rels) {
            if let Ev::Start(n, a, _) = ev {
                if local(n) == "Relationship" {
                    if let (Some(id), Some(t)) = (attr(a, "Id"), attr(a, "Target")) {
                        let path = match t.strip_prefix('/') {
                            Some(abs) => abs.to_string(),
                            None => format!("xl/{}", t.trim_start_matches("./")),
                        };
                        targets.push((id, path));
                    }
                }
            }
        }
    }
    let shared = match zip.read("xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x),
        None => Vec::new(),
    };
    let kinds = match zip.read("xl/styles.xml")? {
        Some(x) => style_kinds(&x),
        None => Vec::new(),
    };
    let mut sheets = Vec::new();
    for (i, (name, id)) in listed.into_iter().enumerate() {
        let path = id
            .and_then(|id| targets.iter().find(|(t, _)| *t == id).map(|(_, p)| p.clone()))
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        let xml = zip.need(&path)?;
        sheets.push(WorkbookSheet { name, rows: xlsx_rows(&xml, &shared, &kinds, date1904) });
    }
    Ok(Workbook { sheets })
}

fn shared_strings(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut cur, mut in_t, mut in_ph) = (String::new(), false, false);
    for ev in Xml::new(xml) {
        match ev {
            Ev::Start(n, _, closing) => match local(n) {
                "si" if !closing => cur.clear(),
                "si" => out.push(String::new()),
                "t" => in_t = !closing,
                "rPh" => in_ph = !closing,
                _ => {}
            },
            Ev::End(n) => match local(n) {
                "si" => out.push(core::mem::take(&mut cur)),
                "t" => in_t = false,
                "rPh" => in_ph = false,
                _ => {}
            },
            Ev::Text(t) if in_t && !in_ph => cur.push_str(&unescape(t)),
            Ev::Text(_) => {}
        }
    }
    out
}

/// The kind of number each `cellXfs` entry shows, by style index.
fn style_kinds(xml: &str) -> Vec<NumKind> {
    let mut custom: Vec<(u32, String)> = Vec::new();
    let mut ids = Vec::new();
    let mut in_xfs = false;
    for ev in Xml::new(xml) {
        match ev {
            Ev::Start(n, a, closing) => match local(n) {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(a, "numFmtId"), attr(a, "formatCode")) {
                        custom.push((id.parse().unwrap_or(0), code));
                    }
                }
                "cellXfs" => in_xfs = !closing,
                "xf" if in_xfs => ids.push(attr(a, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0u32)),
                _ => {}
            },
            Ev::End(n) if local(n) == "cellXfs" => in_xfs = false,
            _ => {}
        }
    }
    ids.into_iter()
        .map(|id| kind_of_format(id, custom.iter().find(|(c, _)| *c == id).map(|(_, code)| code.as_str())))
        .collect()
}

fn xlsx_rows(xml: &str, shared: &[String], kinds: &[NumKind], date1904: bool) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row_no = 0usize; // 1-based current row
    let mut col = 0usize; // next column
                          // Current cell: column, type, style, value, inline text, whether inside <v>/<t>.
    let (mut c_col, mut c_t, mut c_s) = (0usize, String::new(), 0usize);
    let (mut v, mut is_text, mut in_v, mut in_t, mut in_c) = (String::new(), String::new(), false, false, false);
    let finish = |rows: &mut Vec<Vec<String>>, row_no: usize, c_col: usize, text: String| {
        if text.is_empty() || row_no == 0 || row_no > MAX_ROWS || c_col >= MAX_COLS {
            return;
        }
        while rows.len() < row_no {
            rows.push(Vec::new());
        }
        let r = &mut rows[row_no - 1];
        if r.len() <= c_col {
            r.resize(c_col + 1, String::new());
        }
        r[c_col] = text;
    };
    for ev in Xml::new(xml) {
        match ev {
            Ev::Start(n, a, closing) => match local(n) {
                "row" => {
                    let r = attr(a, "r").and_then(|r| r.parse().ok()).unwrap_or(row_no + 1);
                    row_no = if r > row_no + MAX_GAP { row_no + 1 } else { r };
                    col = 0;
                }
                "c" => {
                    let at = attr(a, "r").and_then(|r| cell_ref(&r));
                    if let Some((c, r)) = at {
                        if r != row_no && r <= row_no + MAX_GAP {
                            row_no = r;
                        }
                        c_col = c;
                    } else {
                        c_col = col;
                    }
                    col = c_col + 1;
                    c_t = attr(a, "t").unwrap_or_default();
                    c_s = attr(a, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    v.clear();
                    is_text.clear();
                    in_c = !closing;
                }
                "v" if in_c && !closing => in_v = true,
                "t" if in_c && !closing => in_t = true,
                _ => {}
            },
            Ev::End(n) => match local(n) {
                "v" => in_v = false,
                "t" => in_t = false,
                "c" if in_c => {
                    in_c = false;
                    let text = match c_t.as_str() {
                        "s" => v.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default(),
                        "inlineStr" => core::mem::take(&mut is_text),
                        "str" | "e" => core::mem::take(&mut v),
                        "b" => if v.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
                        _ => {
                            let kind = kinds.get(c_s).copied().unwrap_or(NumKind::Plain);
                            if v.is_empty() {
                                String::new()
                            } else {
                                numeric_text(&v, kind, date1904)
                            }
                        }
                    };
                    finish(&mut rows, row_no, c_col, text);
                }
                _ => {}
            },
            Ev::Text(t) if in_v => v.push_str(&unescape(t)),
            Ev::Text(t) if in_t => is_text.push_str(&unescape(t)),
            Ev::Text(_) => {}
        }
    }
    rows
}

// ---- ODS ----

/// Most repeats of one row or cell that holds data (ODS files end sheets
/// with `number-rows-repeated="1048000"` of empty rows; those are dropped).
const MAX_REPEAT: usize = 10_000;

/// `2024-03-01T08:15:00` → `01.03.2024 08:15:00`.
fn ods_date(v: &str) -> String {
    let (d, t) = v.split_once('T').unwrap_or((v, ""));
    let mut p = d.splitn(3, '-');
    let (Some(y), Some(m), Some(dd)) = (p.next(), p.next(), p.next()) else { return v.to_string() };
    let t = t.split(['.', '+', 'Z']).next().unwrap_or("");
    let t = if t.is_empty() { "00:00:00" } else { t };
    format!("{dd}.{m}.{y} {t}")
}

/// `PT08H15M00S` / `P1DT02H00M00S` → `08:15:00` / `26:00:00`.
fn ods_time(v: &str) -> String {
    let neg = v.starts_with('-');
    let body = v.trim_start_matches('-').trim_start_matches('P');
    let (days, time) = body.split_once('T').unwrap_or(("", body));
    let mut secs = 0f64;
    if let Some(d) = days.strip_suffix('D') {
        secs += d.parse::<f64>().unwrap_or(0.0) * 86_400.0;
    }
    let mut num = String::new();
    for c in time.chars() {
        match c {
            'H' | 'M' | 'S' => {
                let x: f64 = num.parse().unwrap_or(0.0);
                secs += x * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
                num.clear();
            }
            c => num.push(c),
        }
    }
    let t = secs.round() as i64;
    hms(if neg { t.saturating_neg() } else { t })
}

fn read_ods(zip: &Zip) -> Result<Workbook, WorkbookError> {
    let xml = zip.need("content.xml")?;
    let mut sheets = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut name = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut pending_cols = 0usize; // empty cells not yet materialised
    let mut pending_rows = 0usize; // empty rows not yet materialised
    let mut row_rep = 1usize;
    let (mut cell_rep, mut cell_val, mut text, mut in_cell, mut paragraphs) =
        (1usize, None::<String>, String::new(), false, 0usize);
    let mut in_table = 0usize;
    for ev in Xml::new(&xml) {
        match ev {
            Ev::Start(n, a, closing) => match n {
                "table:table" => {
                    in_table += 1;
                    if in_table == 1 {
                        name = attr(a, "table:name").unwrap_or_default();
                        rows.clear();
                        pending_rows = 0;
                    }
                }
                "table:table-row" if in_table == 1 => {
                    row_rep = attr(a, "table:number-rows-repeated").and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
                    row.clear();
                    pending_cols = 0;
                    if closing {
                        pending_rows = pending_rows.saturating_add(row_rep);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if in_table == 1 => {
                    cell_rep =
                        attr(a, "table:number-columns-repeated").and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
                    let ty = attr(a, "office:value-type").unwrap_or_default();
                    cell_val = match ty.as_str() {
                        "float" | "currency" => attr(a, "office:value").map(|v| v.trim().to_string()),
                        "percentage" => attr(a, "office:value")
                            .and_then(|v| v.trim().parse::<f64>().ok())
                            .map(|x| format!("{}%", number_text(x * 100.0))),
                        "date" => attr(a, "office:date-value").map(|v| ods_date(&v)),
                        "time" => attr(a, "office:time-value").map(|v| ods_time(&v)),
                        "boolean" => attr(a, "office:boolean-value").map(|v| v.to_ascii_uppercase()),
                        _ => None,
                    };
                    text.clear();
                    paragraphs = 0;
                    in_cell = !closing;
                    if closing {
                        ods_cell(&mut row, &mut pending_cols, cell_val.take(), cell_rep);
                    }
                }
                "text:p" | "text:h" if in_cell => {
                    if paragraphs > 0 {
                        text.push('\n');
                    }
                    paragraphs += 1;
                }
                "text:s" if in_cell => {
                    let c = attr(a, "text:c").and_then(|c| c.parse().ok()).unwrap_or(1usize).min(1000);
                    text.extend(core::iter::repeat(' ').take(c));
                }
                "text:tab" if in_cell => text.push('\t'),
                "text:line-break" if in_cell => text.push('\n'),
                _ => {}
            },
            Ev::End(n) => match n {
                "table:table" => {
                    if in_table == 1 {
                        sheets
                            .push(WorkbookSheet { name: core::mem::take(&mut name), rows: core::mem::take(&mut rows) });
                    }
                    in_table = in_table.saturating_sub(1);
                }
                "table:table-cell" | "table:covered-table-cell" if in_table == 1 && in_cell => {
                    in_cell = false;
                    let val = cell_val.take().or_else(|| Some(core::mem::take(&mut text)).filter(|t| !t.is_empty()));
                    ods_cell(&mut row, &mut pending_cols, val, cell_rep);
                }
                "table:table-row" if in_table == 1 => {
                    if row.is_empty() {
                        pending_rows = pending_rows.saturating_add(row_rep);
                    } else {
                        for _ in 0..pending_rows.min(MAX_GAP) {
                            rows.push(Vec::new());
                        }
                        pending_rows = 0;
                        for _ in 0..row_rep.min(MAX_REPEAT) {
                            rows.push(row.clone());
                        }
                    }
                    row.clear();
                }
                _ => {}
            },
            Ev::Text(t) if in_cell && paragraphs > 0 => text.push_str(&unescape(t)),
            Ev::Text(_) => {}
        }
    }
    if sheets.is_empty() {
        return Err(err("content.xml", "no table:table in the document"));
    }
    Ok(Workbook { sheets })
}

/// Appends a cell repeated `rep` times; empty cells wait until a non-empty
/// one follows (trailing empties are dropped).
fn ods_cell(row: &mut Vec<String>, pending: &mut usize, val: Option<String>, rep: usize) {
    match val {
        None => *pending = pending.saturating_add(rep),
        Some(v) if v.is_empty() => *pending = pending.saturating_add(rep),
        Some(v) => {
            for _ in 0..(*pending).min(MAX_GAP) {
                row.push(String::new());
            }
            *pending = 0;
            for _ in 0..rep.min(MAX_REPEAT) {
                row.push(v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials() {
        // 45352 = 2024-03-01 (1900 system); 0.34375 of a day = 08:15.
        assert_eq!(excel_date(45352.34375, false).unwrap(), "01.03.2024 08:15:00");
        assert_eq!(excel_date(1.0, false).unwrap(), "01.01.1900 00:00:00");
        assert_eq!(excel_date(59.0, false).unwrap(), "28.02.1900 00:00:00");
        assert_eq!(excel_date(61.0, false).unwrap(), "01.03.1900 00:00:00");
        // 1904 system: 43890 = 2024-03-01 − 1462 days.
        assert_eq!(excel_date(43890.5, true).unwrap(), "01.03.2024 12:00:00");
    }

    #[test]
    fn formats_and_entities() {
        assert_eq!(kind_of_format(164, Some("dd.mm.yyyy hh:mm")), NumKind::Date);
        assert_eq!(kind_of_format(165, Some("[h]:mm:ss")), NumKind::Time);
        assert_eq!(kind_of_format(166, Some("0.0%")), NumKind::Percent);
        assert_eq!(kind_of_format(167, Some("#,##0.00\"д\"")), NumKind::Plain);
        assert_eq!(kind_of_format(168, Some("[Red]0.00")), NumKind::Plain);
        assert_eq!(numeric_text("1.5", NumKind::Time, false), "36:00:00");
        assert_eq!(numeric_text("0.85", NumKind::Percent, false), "85%");
        assert_eq!(unescape("a &amp; b &lt;c&gt; &quot;&apos; &#1071;&#x42F; &bogus;"), "a & b <c> \"' ЯЯ &bogus;");
        assert_eq!(ods_time("PT30H05M01S"), "30:05:01");
        assert_eq!(ods_time("P1DT02H00M00S"), "26:00:00");
        assert_eq!(ods_date("2024-03-01T08:15:00"), "01.03.2024 08:15:00");
        assert_eq!(ods_date("2024-03-01"), "01.03.2024 00:00:00");
        assert_eq!(cell_ref("AB12"), Some((27, 12)));
    }

    #[test]
    fn untrusted_sizes_do_not_overflow() {
        // Multi-byte text right after an entity: the 12-byte window ends inside «в».
        assert_eq!(unescape("&amp;Сервис"), "&Сервис");
        assert_eq!(unescape("&Продажи"), "&Продажи");
        assert_eq!(hms(i64::MIN), "-2562047788015215:30:08");
        assert_eq!(numeric_text("-1e300", NumKind::Time, false), "-2562047788015215:30:08");
        assert_eq!(ods_time("-PT1e300H"), "-2562047788015215:30:07");
        let mut row = Vec::new();
        let mut pending = usize::MAX - 1;
        ods_cell(&mut row, &mut pending, None, 5);
        assert_eq!(pending, usize::MAX);
        assert_eq!(u32_at(&[1, 2, 3, 4], usize::MAX - 1), None);
        // A central directory pointing past the end of the file.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&[
            0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0,
        ]);
        assert!(read_workbook(&zip).is_err());
    }
}

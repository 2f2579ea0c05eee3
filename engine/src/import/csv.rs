//! A streaming RFC 4180 CSV reader that takes text in pieces.
//!
//! - Delimiter `,`, `;` or tab, given or detected from the first lines
//!   ([`detect_delimiter`]).
//! - Quoted fields may contain delimiters, doubled quotes (`""` → `"`) and
//!   line breaks; CRLF, LF and lone CR end records.
//! - Lenient where spreadsheets are: text after a closing quote is kept
//!   (`"ab"c` → `abc`), a quote inside an unquoted field is literal (Excel's
//!   `="0012"` cells stay intact for [`Record::cell`] to unwrap).
//! - A quote left open at the end of the input is reported on the last record
//!   ([`Record::unterminated_quote`]), not silently accepted.
//!
//! The reader never allocates per record: a [`Record`] borrows the reader's
//! buffers and is handed to a callback.

use core::fmt;

/// A field delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// `','`, `';'` or `'\t'`.
    pub fn from_char(c: char) -> Option<Self> {
        match c {
            ',' => Some(Delimiter::Comma),
            ';' => Some(Delimiter::Semicolon),
            '\t' => Some(Delimiter::Tab),
            _ => None,
        }
    }

    /// Stable machine name: `"comma"`, `"semicolon"`, `"tab"`.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }
}

impl fmt::Display for Delimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One record (row) of the file, borrowed from the reader.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// 1-based record number: the spreadsheet row (empty lines count, a line
    /// break inside quotes does not start a new row).
    pub row: u64,
    /// 1-based text line where the record starts.
    pub line: u64,
    /// The input ended inside a quoted field of this record.
    pub unterminated_quote: bool,
    /// The delimiter the record was split by.
    pub delimiter: Delimiter,
    text: &'a str,
    /// Byte ranges of the fields in `text`.
    spans: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    /// A record over text built by [`owned_parts`].
    pub(crate) fn from_parts(
        row: u64,
        line: u64,
        unterminated_quote: bool,
        delimiter: Delimiter,
        text: &'a str,
        spans: &'a [(usize, usize)],
    ) -> Self {
        Record { row, line, unterminated_quote, delimiter, text, spans }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// A record always has at least one (possibly empty) field; this is `true`
    /// only for a record without fields, which the reader never produces.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i` exactly as read (unquoted, not trimmed).
    pub fn raw(&self, i: usize) -> Option<&'a str> {
        let &(start, end) = self.spans.get(i)?;
        self.text.get(start..end)
    }

    /// Field `i` cleaned: surrounding whitespace (also non-breaking spaces)
    /// removed, and Excel's text-forcing `="0012"` unwrapped to `0012`.
    ///
    /// ```
    /// use callcalc_engine::{CsvReader, Delimiter};
    /// let mut cells = Vec::new();
    /// let mut r = CsvReader::new(Some(Delimiter::Semicolon));
    /// r.feed("=\"0012\"; 5 ;\"a;b\"\n", &mut |rec| {
    ///     cells = (0..rec.len()).map(|i| rec.cell(i).unwrap().to_string()).collect()
    /// });
    /// assert_eq!(cells, ["0012", "5", "a;b"]);
    /// ```
    pub fn cell(&self, i: usize) -> Option<&'a str> {
        self.raw(i).map(clean_cell)
    }

    /// Cleaned cells in order.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(move |i| self.cell(i))
    }

    /// Every cell is empty after cleaning (an empty line, or `;;;;`).
    pub fn is_blank(&self) -> bool {
        self.cells().all(str::is_empty)
    }

    /// An owned copy of the cleaned cells.
    pub fn to_cells(&self) -> Vec<String> {
        self.cells().map(str::to_owned).collect()
    }
}

/// Concatenated fields and their byte ranges, for [`Record::from_parts`].
pub(crate) fn owned_parts(fields: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(fields.len());
    for f in fields {
        let start = text.len();
        text.push_str(f);
        spans.push((start, text.len()));
    }
    (text, spans)
}

/// Trims and unwraps `="…"`.
pub(crate) fn clean_cell(raw: &str) -> &str {
    let t = trim_cell(raw);
    if t.len() >= 3 && t.starts_with("=\"") && t.ends_with('"') {
        trim_cell(&t[2..t.len() - 1])
    } else {
        t
    }
}

/// `str::trim`, with a fast path for ASCII whitespace.
#[inline]
pub(crate) fn trim_cell(s: &str) -> &str {
    let t = s.trim_ascii();
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&a), Some(&z)) if a >= 0x80 || z >= 0x80 => t.trim(),
        _ => t,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote seen inside a quoted field: doubled quote or closing quote.
    QuotedQuote,
}

/// How much text to look at before choosing a delimiter when none is given.
const SNIFF_BYTES: usize = 64 * 1024;
const SNIFF_LINES: usize = 40;

/// Streaming CSV reader. Feed text in pieces of any size with
/// [`CsvReader::feed`], then call [`CsvReader::finish`]; records are passed
/// to the callback as soon as they are complete.
///
/// ```
/// use callcalc_engine::{CsvReader, Delimiter};
/// let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
/// let mut r = CsvReader::new(None);
/// let mut sink = |rec: callcalc_engine::Record<'_>| rows.push((rec.row, rec.to_cells()));
/// r.feed("a;b\r\n1;\"x\"\"y", &mut sink);
/// r.feed("\nz\"\r\n", &mut sink);
/// r.finish(&mut sink);
/// assert_eq!(r.delimiter(), Some(Delimiter::Semicolon));
/// assert_eq!(rows, vec![(1, vec!["a".into(), "b".into()]), (2, vec!["1".into(), "x\"y\nz".into()])]);
/// ```
#[derive(Debug, Clone)]
pub struct CsvReader {
    delim: Option<u8>,
    /// Text held back until the delimiter is known, and its line breaks.
    sniff: String,
    sniff_lines: usize,
    state: State,
    /// Text of a record being assembled (quoted fields, records across pieces).
    buf: String,
    /// Field ranges of the current record: in `buf`, or in the piece itself
    /// on the zero-copy path.
    spans: Vec<(usize, usize)>,
    /// Start in `buf` of the field being read.
    field_start: usize,
    row: u64,
    line: u64,
    record_line: u64,
    /// The previous byte was a CR that ended a line (a following LF belongs to it).
    after_cr: bool,
    /// Inside quotes, the previous byte was a CR (a following LF is the same break).
    quoted_cr: bool,
    finished: bool,
}

impl CsvReader {
    /// `delimiter: None` detects it from the first lines.
    pub fn new(delimiter: Option<Delimiter>) -> Self {
        CsvReader {
            delim: delimiter.map(Delimiter::byte),
            sniff: String::new(),
            sniff_lines: 0,
            state: State::FieldStart,
            buf: String::new(),
            spans: Vec::new(),
            field_start: 0,
            row: 0,
            line: 1,
            record_line: 1,
            after_cr: false,
            quoted_cr: false,
            finished: false,
        }
    }

    /// The delimiter in use (`None` until detected).
    pub fn delimiter(&self) -> Option<Delimiter> {
        match self.delim {
            Some(b',') => Some(Delimiter::Comma),
            Some(b';') => Some(Delimiter::Semicolon),
            Some(b'\t') => Some(Delimiter::Tab),
            _ => None,
        }
    }

    /// Records read so far.
    pub fn records(&self) -> u64 {
        self.row
    }

    /// Reads a piece of text; complete records go to `on_record`.
    pub fn feed<F: FnMut(Record<'_>)>(&mut self, chunk: &str, on_record: &mut F) {
        if self.finished {
            return;
        }
        if self.delim.is_none() {
            let head = &chunk.as_bytes()[..chunk.len().min(SNIFF_BYTES)];
            let breaks = head.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
            if self.sniff.is_empty() && (chunk.len() >= SNIFF_BYTES || breaks >= 2 * SNIFF_LINES) {
                // Enough text in this piece alone: decide without copying it.
                let mut end = chunk.len().min(SNIFF_BYTES);
                while !chunk.is_char_boundary(end) {
                    end -= 1;
                }
                self.delim = Some(detect_delimiter(&chunk[..end]).byte());
                self.run(chunk, on_record);
                return;
            }
            self.sniff.push_str(chunk);
            self.sniff_lines += breaks;
            if self.sniff.len() < SNIFF_BYTES && self.sniff_lines < 2 * SNIFF_LINES {
                return;
            }
            self.decide_delimiter(on_record);
            return;
        }
        self.run(chunk, on_record);
    }

    /// Ends the input: the last record (without a final line break) is passed on.
    pub fn finish<F: FnMut(Record<'_>)>(&mut self, on_record: &mut F) {
        if self.finished {
            return;
        }
        if self.delim.is_none() {
            self.decide_delimiter(on_record);
        }
        self.finished = true;
        match self.state {
            State::FieldStart if self.spans.is_empty() && self.buf.is_empty() => {}
            _ => {
                let open = self.state == State::Quoted;
                self.end_field();
                self.emit_buf(open, on_record);
            }
        }
    }

    fn decide_delimiter<F: FnMut(Record<'_>)>(&mut self, on_record: &mut F) {
        let text = core::mem::take(&mut self.sniff);
        self.delim = Some(detect_delimiter(&text).byte());
        self.run(&text, on_record);
    }

    #[inline]
    fn end_field(&mut self) {
        self.spans.push((self.field_start, self.buf.len()));
        self.field_start = self.buf.len();
    }

    /// Passes on the record assembled in `buf`.
    #[inline]
    fn emit_buf<F: FnMut(Record<'_>)>(&mut self, unterminated_quote: bool, on_record: &mut F) {
        self.row += 1;
        let delimiter = self.delimiter().unwrap_or(Delimiter::Semicolon);
        on_record(Record {
            row: self.row,
            line: self.record_line,
            unterminated_quote,
            delimiter,
            text: &self.buf,
            spans: &self.spans,
        });
        self.buf.clear();
        self.spans.clear();
        self.field_start = 0;
        self.state = State::FieldStart;
    }

    fn run<F: FnMut(Record<'_>)>(&mut self, s: &str, on_record: &mut F) {
        let d = self.delim.unwrap_or(b';');
        let delimiter = self.delimiter().unwrap_or(Delimiter::Semicolon);
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if self.after_cr {
                self.after_cr = false;
                if b[i] == b'\n' {
                    i += 1;
                    continue;
                }
            }
            if self.state == State::FieldStart && self.spans.is_empty() && self.buf.is_empty() {
                // Zero-copy path: a whole unquoted record inside this piece.
                if let Some(end) = fast_record(b, i, d, &mut self.spans) {
                    self.row += 1;
                    on_record(Record {
                        row: self.row,
                        line: self.record_line,
                        unterminated_quote: false,
                        delimiter,
                        text: s,
                        spans: &self.spans,
                    });
                    self.spans.clear();
                    self.new_line(b[end]);
                    i = end + 1;
                    continue;
                }
                self.spans.clear();
            }
            i = self.slow(s, i, on_record);
        }
    }

    /// The general state machine, from `from` to the end of the current
    /// record (returns the index after its line break) or of the piece.
    fn slow<F: FnMut(Record<'_>)>(&mut self, s: &str, from: usize, on_record: &mut F) -> usize {
        let d = self.delim.unwrap_or(b';');
        let b = s.as_bytes();
        let mut i = from;
        // Start of a run of plain text in `s` not yet copied into `buf`.
        let mut run = from;
        while i < b.len() {
            let c = b[i];
            match self.state {
                State::FieldStart => {
                    if c == b'"' {
                        self.state = State::Quoted;
                        run = i + 1;
                    } else if c == d {
                        self.end_field();
                    } else if c == b'\n' || c == b'\r' {
                        self.end_field();
                        self.emit_buf(false, on_record);
                        self.new_line(c);
                        return i + 1;
                    } else {
                        self.state = State::Unquoted;
                        run = i;
                    }
                }
                State::Unquoted => {
                    let j = find_special(b, i, d);
                    self.buf.push_str(&s[run..j]);
                    if j == b.len() {
                        return j;
                    }
                    let c = b[j];
                    self.end_field();
                    if c == d {
                        self.state = State::FieldStart;
                        i = j + 1;
                        continue;
                    }
                    self.emit_buf(false, on_record);
                    self.new_line(c);
                    return j + 1;
                }
                State::Quoted => {
                    if c == b'"' {
                        self.buf.push_str(&s[run..i]);
                        self.state = State::QuotedQuote;
                    } else if c == b'\r' || (c == b'\n' && !self.quoted_cr) {
                        self.line += 1;
                    }
                    self.quoted_cr = c == b'\r';
                }
                State::QuotedQuote => {
                    if c == b'"' {
                        self.buf.push('"');
                        self.state = State::Quoted;
                        run = i + 1;
                    } else if c == d {
                        self.end_field();
                        self.state = State::FieldStart;
                    } else if c == b'\n' || c == b'\r' {
                        self.end_field();
                        self.emit_buf(false, on_record);
                        self.new_line(c);
                        return i + 1;
                    } else {
                        // Text after a closing quote: kept as written.
                        self.state = State::Unquoted;
                        run = i;
                        continue;
                    }
                }
            }
            i += 1;
        }
        if matches!(self.state, State::Quoted | State::Unquoted) {
            self.buf.push_str(&s[run.min(b.len())..]);
        }
        b.len()
    }

    #[inline]
    fn new_line(&mut self, c: u8) {
        self.line += 1;
        self.record_line = self.line;
        if c == b'\r' {
            self.after_cr = true;
        }
    }
}

/// Index of the first delimiter, LF or CR at or after `from` (`b.len()` if
/// none), eight bytes at a time: a byte equal to `x` makes `v ^ x·0x0101…`
/// have a zero byte, and `(w − 0x01…) & !w & 0x80…` flags the lowest zero
/// byte of `w` exactly (Mycroft's test; false flags only above a true one).
#[inline]
fn find_special(b: &[u8], from: usize, d: u8) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let (pd, pn, pr) = (LO * u64::from(d), LO * u64::from(b'\n'), LO * u64::from(b'\r'));
    let zero = |w: u64| w.wrapping_sub(LO) & !w & HI;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let v = u64::from_le_bytes(word);
        let hit = zero(v ^ pd) | zero(v ^ pn) | zero(v ^ pr);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() {
        let c = b[i];
        if c == d || c == b'\n' || c == b'\r' {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// Field ranges of an unquoted record starting at `from` and ending with a
/// line break inside `b`; the index of that line break. `None` if a field
/// starts with a quote or the piece ends first.
#[inline]
fn fast_record(b: &[u8], from: usize, d: u8, spans: &mut Vec<(usize, usize)>) -> Option<usize> {
    let mut i = from;
    loop {
        let start = i;
        if b.get(i) == Some(&b'"') {
            return None;
        }
        i = find_special(b, i, d);
        if i >= b.len() {
            return None;
        }
        spans.push((start, i));
        if b[i] != d {
            return Some(i);
        }
        i += 1;
    }
}

/// Chooses the delimiter whose field count is most consistent over the first
/// lines of `sample` (quotes respected; empty lines ignored; at least two
/// fields required). Ties go to `;` (the Russian-locale Excel default), then
/// tab, then `,`.
///
/// ```
/// use callcalc_engine::{detect_delimiter, Delimiter};
/// assert_eq!(detect_delimiter("Дата;Поступило;AHT\n01.03.2024;12;3,5\n"), Delimiter::Semicolon);
/// assert_eq!(detect_delimiter("date,offered\n2024-03-01,12\n"), Delimiter::Comma);
/// assert_eq!(detect_delimiter("a\tb\n1\t\"x,y\"\n"), Delimiter::Tab);
/// ```
pub fn detect_delimiter(sample: &str) -> Delimiter {
    let mut best = (Delimiter::Semicolon, 0.0f64, 0usize);
    for cand in [Delimiter::Semicolon, Delimiter::Tab, Delimiter::Comma] {
        let counts = field_counts(sample, cand.byte(), SNIFF_LINES);
        if counts.is_empty() {
            continue;
        }
        // Most frequent count among lines with ≥ 2 fields.
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for &c in &counts {
            if c < 2 {
                continue;
            }
            match freq.iter_mut().find(|(k, _)| *k == c) {
                Some(e) => e.1 += 1,
                None => freq.push((c, 1)),
            }
        }
        let Some(&(mode, n)) = freq.iter().max_by_key(|(k, n)| (*n, *k)) else { continue };
        let share = n as f64 / counts.len() as f64;
        if share > best.1 + 1e-9 {
            best = (cand, share, mode);
        }
    }
    best.0
}

/// Field counts of the first `max_lines` non-empty records of `sample`.
fn field_counts(sample: &str, d: u8, max_lines: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut fields = 1usize;
    let mut in_quotes = false;
    let mut any = false;
    let b = sample.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < max_lines {
        let c = b[i];
        if in_quotes {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if c == b'"' {
            in_quotes = true;
            any = true;
        } else if c == d {
            fields += 1;
            any = true;
        } else if c == b'\n' || c == b'\r' {
            if any {
                out.push(fields);
            }
            fields = 1;
            any = false;
        } else if !c.is_ascii_whitespace() {
            any = true;
        }
        i += 1;
    }
    // The sample may end mid-line: count that line only if the sample is
    // complete (no more text would follow) — callers pass whole prefixes, so
    // a last partial line is ignored unless it is the only one.
    if any && out.is_empty() {
        out.push(fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str, delim: Option<Delimiter>, pieces: usize) -> Vec<(u64, u64, Vec<String>, bool)> {
        let mut out = Vec::new();
        let mut r = CsvReader::new(delim);
        let mut sink = |rec: Record<'_>| {
            out.push((
                rec.row,
                rec.line,
                (0..rec.len()).map(|i| rec.raw(i).unwrap().to_string()).collect(),
                rec.unterminated_quote,
            ))
        };
        let chars: Vec<char> = text.chars().collect();
        let step = chars.len().div_ceil(pieces.max(1)).max(1);
        for piece in chars.chunks(step) {
            let s: String = piece.iter().collect();
            r.feed(&s, &mut sink);
        }
        r.finish(&mut sink);
        out
    }

    #[test]
    fn quoting_line_breaks_and_pieces() {
        let text = "a;\"b;c\";\"d\"\"e\"\r\n\r\n\"multi\nline\";x\r\nlast;\"open";
        let expect = vec![
            (1, 1, vec!["a".to_string(), "b;c".into(), "d\"e".into()], false),
            (2, 2, vec!["".to_string()], false),
            (3, 3, vec!["multi\nline".to_string(), "x".into()], false),
            (4, 5, vec!["last".to_string(), "open".into()], true),
        ];
        for pieces in 1..=text.len() {
            assert_eq!(read_all(text, Some(Delimiter::Semicolon), pieces), expect, "{pieces} pieces");
        }
    }

    #[test]
    fn crlf_split_between_pieces_is_one_break() {
        let mut rows = 0;
        let mut r = CsvReader::new(Some(Delimiter::Comma));
        let mut sink = |_rec: Record<'_>| rows += 1;
        r.feed("a,b\r", &mut sink);
        r.feed("\nc,d\r", &mut sink);
        r.feed("\n", &mut sink);
        r.finish(&mut sink);
        assert_eq!(rows, 2);
    }

    #[test]
    fn text_after_closing_quote_is_kept() {
        let rows = read_all("\"ab\"c;d\n", Some(Delimiter::Semicolon), 1);
        assert_eq!(rows[0].2, vec!["abc".to_string(), "d".into()]);
    }

    #[test]
    fn detection_ignores_quoted_delimiters_and_title_rows() {
        let t = "Отчёт по очередям\nДата;Очередь;Поступило\n01.03.2024;\"Линия; VIP\";10\n01.03.2024;Общая;12,5\n";
        assert_eq!(detect_delimiter(t), Delimiter::Semicolon);
        assert_eq!(detect_delimiter(""), Delimiter::Semicolon);
    }
}

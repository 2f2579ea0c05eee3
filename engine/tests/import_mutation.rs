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

// ---- seeded mutation runs ----

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use callcalc_engine::export::crc32;
use callcalc_engine::{ImportError, Importer};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces inserted by mutations: multi-byte letters, entities, delimiters,
/// quotes, line breaks, markup.
const PIECES: &[&str] = &[
    "Я",
    "ё",
    "Продажи &Сервис",
    "&amp;",
    "&#x42F;",
    "&#1071;",
    "&bogus;",
    "&",
    ";",
    "|",
    ",",
    "\t",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "<",
    ">",
    "</c>",
    "<c r=\"XFD1048577\" t=\"s\"><v>99999</v></c>",
    "<row r=\"4294967296\">",
    "<![CDATA[",
    "]]>",
    "<!--",
    "=\"",
    "\u{feff}",
    "\u{FFFD}",
    "1709280000|1|q|SIP/1|CONNECT|",
    "ENTERQUEUE",
    "99999999999999999999",
    "-1e308",
    "NaN",
    "25:61:61",
    "31.02.2024",
    "€",
    "😀",
    "\u{0}",
];

fn mutate(rng: &mut Rng, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                b.splice(at..at, p.iter().copied());
            }
            2 if !b.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(b.len());
                b.drain(at.min(end)..end);
            }
            3 => {
                let o = &others[rng.below(others.len())];
                if !o.is_empty() {
                    let s = rng.below(o.len());
                    let e = (s + 1 + rng.below(64)).min(o.len());
                    b.splice(at..at, o[s..e].iter().copied());
                }
            }
            4 if !b.is_empty() => {
                // Cut inside a multi-byte letter on purpose.
                let i = rng.below(b.len());
                b.truncate(i);
            }
            _ => {
                let i = rng.below(b.len().max(1));
                if i < b.len() {
                    b[i] = [0xD0, 0xD1, 0x80, 0xBF, 0xFF, 0x00, b'&', b'<'][rng.below(8)];
                }
            }
        }
    }
    b
}

/// Imports `bytes` every way a user can: `import_bytes` with and without a
/// UTC offset, the streaming importer in odd pieces, the workbook reader.
/// A panic fails the test with the input saved for replay.
fn must_not_panic(name: &str, case: usize, bytes: &[u8]) {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let mut opts = ImportOptions::new("mutant");
        let _ = import_bytes(bytes, opts.clone());
        opts.utc_offset_s = -5 * 3600;
        opts.aggregate = opts.aggregate.split(true, true);
        let _ = import_bytes(bytes, opts.clone());
        let _ = read_workbook(bytes);
        let text = String::from_utf8_lossy(bytes);
        let mut imp = Importer::new(opts);
        let mut start = 0;
        let mut step = 1;
        while start < text.len() {
            let mut end = (start + step).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            imp.feed(&text[start..end]);
            start = end;
            step = step % 97 + 13;
        }
        match imp.finish() {
            Ok(out) => {
                // Counts stay consistent whatever the input.
                assert!(out.summary.kept + out.summary.rejected <= out.summary.rows_read);
            }
            Err(ImportError::Empty { .. } | ImportError::NoHeader { .. }) => {}
            Err(e) => panic!("text import gave a workbook error: {e}"),
        }
    }));
    if r.is_err() {
        let path = std::env::temp_dir().join(format!("callcalc-mutant-{name}-{case}.bin"));
        let _ = std::fs::write(&path, bytes);
        panic!("{name} case {case} panicked; input saved to {}", path.display());
    }
}

fn fixtures(dir: &str) -> Vec<Vec<u8>> {
    let root = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> =
        std::fs::read_dir(&root).expect("fixtures").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    names
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// Runs mutations of `seeds` until `iterations` or `budget`, whichever first.
fn run(name: &str, seeds: &[Vec<u8>], seed: u64, iterations: usize, budget: Duration) -> usize {
    let mut rng = Rng(seed);
    let start = Instant::now();
    let mut done = 0;
    for s in seeds {
        must_not_panic(name, done, s);
        done += 1;
    }
    while done < iterations && start.elapsed() < budget {
        let s = &seeds[rng.below(seeds.len())];
        let m = mutate(&mut rng, s, seeds);
        must_not_panic(name, done, &m);
        done += 1;
    }
    done
}

#[test]
fn csv_and_queue_log_mutations_never_panic() {
    let mut seeds = fixtures("import");
    seeds.extend(fixtures("vendor"));
    seeds.push("Дата;Очередь;Поступило;Принято\n01.03.2024 08:00;Продажи &Сервис;12;10\n".as_bytes().to_vec());
    let n = run("csv", &seeds, 0x5EED_C5F0, 3000, Duration::from_secs(8));
    assert!(n >= 200, "only {n} cases ran");
}

// ---- workbooks: mutate the XML inside the ZIP and re-zip ----

/// Entries of a stored (uncompressed) ZIP, as `to_xlsx` writes.
fn unzip_stored(b: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 30 <= b.len() && b[at..at + 4] == *b"PK\x03\x04" {
        let size = u32::from_le_bytes(b[at + 18..at + 22].try_into().unwrap()) as usize;
        let n = u16::from_le_bytes(b[at + 26..at + 28].try_into().unwrap()) as usize;
        let x = u16::from_le_bytes(b[at + 28..at + 30].try_into().unwrap()) as usize;
        let name = String::from_utf8_lossy(&b[at + 30..at + 30 + n]).into_owned();
        let data = at + 30 + n + x;
        out.push((name, b[data..data + size].to_vec()));
        at = data + size;
    }
    out
}

/// A stored ZIP of `entries` with a correct central directory.
fn zip_stored(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let head = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0]);
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes.
                h.extend_from_slice(&[0; 10]);
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(head(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend(head(b"PK\x01\x02", true));
    }
    let cd = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn seed_workbooks() -> Vec<Vec<u8>> {
    let mut s = Sheet::new("Лист1 & Ко");
    s.row([Cell::text("Дата"), Cell::text("Очередь"), Cell::text("Поступило"), Cell::text("Принято")]);
    for (q, n) in [("Продажи &Сервис", 12.0), ("Поддержка <VIP>", 7.0), ("Ёлка \"Новый год\"", 3.0)]
    {
        s.row([Cell::text("01.03.2024 08:00"), Cell::text(q), Cell::Number(n), Cell::Number(n - 1.0)]);
    }
    let mut cdr = Sheet::new("CDR");
    cdr.row(["Дата и время", "Очередь", "Результат", "Ожидание", "Разговор"].map(Cell::text));
    cdr.row([
        Cell::text("01.03.2024 08:00:05"),
        Cell::text("Общая & прочие"),
        Cell::text("Отвечен"),
        Cell::text("00:00:12"),
        Cell::text("00:03:00"),
    ]);
    let ods_content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content><office:body><office:spreadsheet>\
        <table:table table:name=\"Лист&amp;1\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>Дата</text:p></table:table-cell>\
        <table:table-cell office:value-type=\"string\"><text:p>Поступило &amp; Ко</text:p></table:table-cell></table:table-row>\
        <table:table-row table:number-rows-repeated=\"3\"><table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01T08:00:00\"/>\
        <table:table-cell office:value-type=\"float\" office:value=\"12\" table:number-columns-repeated=\"2\"/></table:table-row>\
        <table:table-row><table:table-cell office:value-type=\"time\" office:time-value=\"PT30H05M01S\"/><table:table-cell><text:p>Я<text:s text:c=\"3\"/>&#x42F;</text:p></table:table-cell></table:table-row>\
        </table:table></office:spreadsheet></office:body></office:document-content>";
    let ods = zip_stored(&[
        ("mimetype".into(), b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
        ("content.xml".into(), ods_content.as_bytes().to_vec()),
    ]);
    vec![to_xlsx(&[s, cdr]), ods]
}

#[test]
fn workbook_byte_mutations_never_panic() {
    let seeds = seed_workbooks();
    let n = run("workbook-bytes", &seeds, 0xB00C_0001, 1500, Duration::from_secs(6));
    assert!(n >= 200, "only {n} cases ran");
}

#[test]
fn workbook_xml_mutations_never_panic() {
    let seeds = seed_workbooks();
    let mut rng = Rng(0xB00C_0002);
    let start = Instant::now();
    let mut case = 0;
    let parts: Vec<Vec<(String, Vec<u8>)>> = seeds.iter().map(|s| unzip_stored(s)).collect();
    assert!(parts.iter().all(|p| p.len() >= 2), "seed workbooks unzip");
    // Re-zipped unchanged, each seed still reads (the writer above is right).
    for p in &parts {
        let wb = read_workbook(&zip_stored(p)).expect("re-zipped seed reads");
        assert!(wb.sheets.iter().any(|s| s.has_data()));
    }
    let texts: Vec<Vec<u8>> = parts.iter().flatten().map(|(_, d)| d.clone()).collect();
    while case < 2500 && start.elapsed() < Duration::from_secs(10) {
        let mut entries = parts[rng.below(parts.len())].clone();
        for _ in 0..1 + rng.below(2) {
            let i = rng.below(entries.len());
            entries[i].1 = mutate(&mut rng, &entries[i].1, &texts);
        }
        let bytes = zip_stored(&entries);
        // Every mutant is still a valid ZIP: the XML readers get the damage.
        assert!(callcalc_engine::is_workbook(&bytes));
        must_not_panic("workbook-xml", case, &bytes);
        case += 1;
    }
    assert!(case >= 200, "only {case} cases ran");
}

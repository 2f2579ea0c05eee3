//! Workbook XML → the XLSX/ODS reader → the importer. The input becomes the
//! XML of the parts inside a valid stored ZIP (so the fuzzer spends its time
//! in the XML scanner, entities, cell references and number formats rather
//! than in the ZIP directory), seeded with Cyrillic text and `&`. Must never
//! panic.
//!
//! ```text
//! cargo +nightly fuzz run workbook
//! ```
#![no_main]

use callcalc_engine::export::crc32;
use callcalc_engine::{import_bytes, read_workbook, ImportOptions};
use libfuzzer_sys::fuzz_target;

const WORKBOOK: &str = "<workbook><workbookPr date1904=\"0\"/><sheets><sheet name=\"Лист1 &amp; Ко\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
const RELS: &str = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

fn zip_stored(entries: &[(&str, &[u8])]) -> Vec<u8> {
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
            h.extend_from_slice(&[0; 8]);
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
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

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else { return };
    // Parts separated by 0x00: shared strings, sheet, styles (XLSX) or content (ODS).
    let mut parts = rest.splitn(3, |&b| b == 0);
    let a = parts.next().unwrap_or_default();
    let b = parts.next().unwrap_or_default();
    let c = parts.next().unwrap_or_default();
    let bytes = if control & 1 == 0 {
        let mut shared = b"<sst><si><t>\xd0\x9f\xd1\x80\xd0\xbe\xd0\xb4\xd0\xb0\xd0\xb6\xd0\xb8 &amp;\xd0\xa1\xd0\xb5\xd1\x80\xd0\xb2\xd0\xb8\xd1\x81</t></si>".to_vec();
        shared.extend_from_slice(a);
        let mut sheet = b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>".to_vec();
        sheet.extend_from_slice(b);
        zip_stored(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/sharedStrings.xml", &shared),
            ("xl/styles.xml", c),
            ("xl/worksheets/sheet1.xml", &sheet),
        ])
    } else {
        let mut content = "<office:document-content><table:table table:name=\"Лист&amp;1\"><table:table-row>".as_bytes().to_vec();
        content.extend_from_slice(a);
        content.extend_from_slice(b);
        content.extend_from_slice(c);
        zip_stored(&[("content.xml", &content)])
    };
    let _ = read_workbook(&bytes);
    let mut opts = ImportOptions::new("fuzz.xlsx");
    opts.utc_offset_s = i32::from(control as i8) * 900;
    let _ = import_bytes(&bytes, opts);
});

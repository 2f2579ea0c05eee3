//! Bytes → text. Exports from Russian and Ukrainian ACD/PBX/CRM systems come
//! as UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
//! text") or Windows-1251 (older Windows software, Excel "CSV (разделители —
//! точка с запятой)" on a Russian Windows).
//!
//! Detection order: BOM (UTF-8, UTF-16 LE/BE) → valid UTF-8 → UTF-16 without
//! BOM (zero bytes in every other position) → Windows-1251 when the invalid
//! UTF-8 looks like Cyrillic text → otherwise UTF-8 with the undecodable bytes
//! replaced by U+FFFD and counted.

use core::fmt;

/// A text encoding the importer can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Windows code page 1251 (Cyrillic), as mapped by WHATWG/Unicode.
    Windows1251,
}

impl Encoding {
    /// Stable machine name: `"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1251"`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1251 => "windows-1251",
        }
    }

    /// The inverse of [`Encoding::name`] (case-insensitive; `cp1251`, `utf8` too).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16le" | "utf16le" | "utf-16" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "windows-1251" | "cp1251" | "win1251" | "cp-1251" => Some(Encoding::Windows1251),
            _ => None,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// The input started with a byte-order mark (removed from `text`).
    pub bom: bool,
    /// Byte sequences that were not valid in `encoding` and became U+FFFD.
    /// Zero for a clean file; the importer reports it.
    pub replaced: usize,
}

/// Windows-1251 bytes 0x80–0xFF → Unicode (WHATWG index; 0x98, unassigned in
/// the code page, maps to U+0098 as in WHATWG).
const CP1251_HIGH: [char; 128] = [
    'Ђ', 'Ѓ', '‚', 'ѓ', '„', '…', '†', '‡', '€', '‰', 'Љ', '‹', 'Њ', 'Ќ', 'Ћ', 'Џ', // 0x80
    'ђ', '‘', '’', '“', '”', '•', '–', '—', '\u{98}', '™', 'љ', '›', 'њ', 'ќ', 'ћ', 'џ', // 0x90
    '\u{a0}', 'Ў', 'ў', 'Ј', '¤', 'Ґ', '¦', '§', 'Ё', '©', 'Є', '«', '¬', '\u{ad}', '®', 'Ї', // 0xA0
    '°', '±', 'І', 'і', 'ґ', 'µ', '¶', '·', 'ё', '№', 'є', '»', 'ј', 'Ѕ', 'ѕ', 'ї', // 0xB0
    'А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'Й', 'К', 'Л', 'М', 'Н', 'О', 'П', // 0xC0
    'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Щ', 'Ъ', 'Ы', 'Ь', 'Э', 'Ю', 'Я', // 0xD0
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', // 0xE0
    'р', 'с', 'т', 'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я', // 0xF0
];

/// Detects the encoding and decodes. Never fails: what cannot be decoded is
/// replaced and counted in [`Decoded::replaced`].
///
/// ```
/// use callcalc_engine::{decode, Encoding};
/// // "Дата;Поступило" in Windows-1251.
/// let bytes = b"\xc4\xe0\xf2\xe0;\xcf\xee\xf1\xf2\xf3\xef\xe8\xeb\xee";
/// let d = decode(bytes);
/// assert_eq!(d.encoding, Encoding::Windows1251);
/// assert_eq!(d.text, "Дата;Поступило");
/// let d = decode("\u{feff}Дата".as_bytes());
/// assert_eq!((d.encoding, d.bom, d.text.as_str()), (Encoding::Utf8, true, "Дата"));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return with_bom(decode_as(rest, Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return with_bom(decode_as(rest, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return with_bom(decode_as(rest, Encoding::Utf16Be));
    }
    if let Ok(s) = core::str::from_utf8(bytes) {
        if let Some(enc) = utf16_without_bom(bytes) {
            return decode_as(bytes, enc);
        }
        return Decoded { text: s.to_owned(), encoding: Encoding::Utf8, bom: false, replaced: 0 };
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_as(bytes, enc);
    }
    if looks_like_cp1251(bytes) {
        return decode_as(bytes, Encoding::Windows1251);
    }
    decode_as(bytes, Encoding::Utf8)
}

fn with_bom(mut d: Decoded) -> Decoded {
    d.bom = true;
    d
}

/// Decodes with a known encoding (the UI's "encoding: …" override). A leading
/// BOM of that encoding is removed.
///
/// ```
/// use callcalc_engine::{decode_as, Encoding};
/// let d = decode_as(&[0x1F, 0x04, 0x30, 0x04], Encoding::Utf16Le);
/// assert_eq!(d.text, "Па");
/// ```
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Decoded {
    match encoding {
        Encoding::Utf8 => {
            let (bytes, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                Some(r) => (r, true),
                None => (bytes, false),
            };
            match core::str::from_utf8(bytes) {
                Ok(s) => Decoded { text: s.to_owned(), encoding, bom, replaced: 0 },
                Err(_) => {
                    let mut text = String::with_capacity(bytes.len());
                    let mut replaced = 0;
                    for chunk in bytes.utf8_chunks() {
                        text.push_str(chunk.valid());
                        if !chunk.invalid().is_empty() {
                            text.push('\u{FFFD}');
                            replaced += 1;
                        }
                    }
                    Decoded { text, encoding, bom, replaced }
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let le = encoding == Encoding::Utf16Le;
            let bom_bytes: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            let (bytes, bom) = match bytes.strip_prefix(&bom_bytes) {
                Some(r) => (r, true),
                None => (bytes, false),
            };
            let units = bytes.chunks_exact(2).map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            });
            let mut text = String::with_capacity(bytes.len() / 2 + 1);
            let mut replaced = 0;
            for r in char::decode_utf16(units) {
                match r {
                    Ok(c) => text.push(c),
                    Err(_) => {
                        text.push('\u{FFFD}');
                        replaced += 1;
                    }
                }
            }
            if bytes.len() % 2 == 1 {
                text.push('\u{FFFD}');
                replaced += 1;
            }
            Decoded { text, encoding, bom, replaced }
        }
        Encoding::Windows1251 => {
            let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
            for &b in bytes {
                if b < 0x80 {
                    text.push(char::from(b));
                } else {
                    text.push(CP1251_HIGH[usize::from(b - 0x80)]);
                }
            }
            Decoded { text, encoding, bom: false, replaced: 0 }
        }
    }
}

/// UTF-16 without a BOM: in the first 4 KiB, most even (BE) or odd (LE)
/// positions are zero while the others are not. Text files have no NUL bytes.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        zero_even += usize::from(p[0] == 0);
        zero_odd += usize::from(p[1] == 0);
    }
    // Cyrillic in UTF-16 has 0x04 high bytes, not zeros; ASCII delimiters,
    // digits and line breaks still give many zeros. Require a clear pattern.
    if zero_odd * 10 >= pairs * 3 && zero_even * 20 < pairs {
        Some(Encoding::Utf16Le)
    } else if zero_even * 10 >= pairs * 3 && zero_odd * 20 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Invalid UTF-8 whose high bytes are mostly Windows-1251 letters
/// (А–я at 0xC0–0xFF, Ё/ё, the Ukrainian Є Ї І Ґ є ї і ґ, №, NBSP, «»).
fn looks_like_cp1251(bytes: &[u8]) -> bool {
    let (mut high, mut letters) = (0usize, 0usize);
    for &b in bytes {
        if b >= 0x80 {
            high += 1;
            if b >= 0xC0
                || matches!(
                    b,
                    0xA8 | 0xB8
                        | 0xAA
                        | 0xBA
                        | 0xAF
                        | 0xBF
                        | 0xB2
                        | 0xB3
                        | 0xA5
                        | 0xB4
                        | 0xB9
                        | 0xA0
                        | 0xAB
                        | 0xBB
                        | 0x96
                        | 0x97
                )
            {
                letters += 1;
            }
        }
    }
    high > 0 && letters * 10 >= high * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1251_table_is_a_bijection_onto_distinct_chars() {
        let mut seen = std::collections::HashSet::new();
        for c in CP1251_HIGH {
            assert!(seen.insert(c), "{c:?} twice");
        }
        assert_eq!(CP1251_HIGH[0xC0 - 0x80], 'А');
        assert_eq!(CP1251_HIGH[0xFF - 0x80], 'я');
        assert_eq!(CP1251_HIGH[0xB9 - 0x80], '№');
    }

    #[test]
    fn utf16_le_without_bom_is_detected() {
        let text = "Дата;Поступило\r\n01.03.2024;12\r\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&bytes);
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, text);
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&bytes).encoding, Encoding::Utf16Be);
    }

    #[test]
    fn unknown_bytes_become_replacements_not_silence() {
        let d = decode(b"a;\x81\x82\x83\x84;b");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(d.replaced > 0);
    }
}

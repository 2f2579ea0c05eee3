//! Reading case inputs: JSON numbers or decimal strings, with located errors.

use callcalc_engine::{
    decode, decode_as, is_workbook, sniff, workbook_sheet_text, Channel, Delimiter, Encoding, Field, ImportOptions,
    Imported, Importer, Layout, MappingFile, OutcomeMeaning, ValueMapping, MAPPING_FILE_VERSION,
};
use serde_json::{Map, Value};

/// The inputs of one case, with the case id for messages.
pub struct Inputs<'a> {
    pub id: &'a str,
    pub map: &'a Map<String, Value>,
}

impl<'a> Inputs<'a> {
    /// A required number (JSON number or decimal string).
    pub fn num(&self, key: &str) -> Result<f64, String> {
        self.opt_num(key)?.ok_or_else(|| format!("case {}: input {key:?} is missing", self.id))
    }

    /// An optional number; `null` or absent gives `None`.
    pub fn opt_num(&self, key: &str) -> Result<Option<f64>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => {
                n.as_f64().map(Some).ok_or_else(|| format!("case {}: input {key:?} is not a finite number", self.id))
            }
            Some(Value::String(s)) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| format!("case {}: input {key:?} = {s:?} is not a decimal number", self.id)),
            Some(other) => Err(format!("case {}: input {key:?} = {other} is not a number", self.id)),
        }
    }

    /// A required whole number ≥ 0 that fits in u32.
    pub fn count(&self, key: &str) -> Result<u32, String> {
        let x = self.num(key)?;
        self.to_count(key, x)
    }

    /// An optional whole number ≥ 0 (`null` = none).
    #[allow(dead_code)] // used by the queue-model cases
    pub fn opt_count(&self, key: &str) -> Result<Option<u32>, String> {
        self.opt_num(key)?.map(|x| self.to_count(key, x)).transpose()
    }

    fn to_count(&self, key: &str, x: f64) -> Result<u32, String> {
        if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
            Ok(x as u32)
        } else {
            Err(format!("case {}: input {key:?} = {x} is not a whole number of 0 or more", self.id))
        }
    }
}

/// A JSON number, or `null` for NaN/infinite values (JSON has no such numbers).
pub fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map(Value::Number).unwrap_or(Value::Null)
}

/// An optional number: `null` when `None`.
pub fn opt(x: Option<f64>) -> Value {
    x.map(num).unwrap_or(Value::Null)
}

/// `15m`, `1h`, `900s`, `900` → seconds.
pub fn parse_interval(s: &str) -> Result<u32, String> {
    let t = s.trim().to_ascii_lowercase();
    let (digits, mult) = if let Some(x) = t.strip_suffix("min") {
        (x, 60)
    } else if let Some(x) = t.strip_suffix('m') {
        (x, 60)
    } else if let Some(x) = t.strip_suffix('h') {
        (x, 3600)
    } else if let Some(x) = t.strip_suffix('s') {
        (x, 1)
    } else {
        (t.as_str(), 1)
    };
    digits
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("--interval: {s:?} is not a duration such as 15m, 1h or 900s"))
}

/// `--utc-offset`: `+03:00`, `-05:00`, `+0530`, `+3`, `0`, `UTC` → seconds
/// east of UTC (local time − UTC), within ±14 h.
pub fn parse_utc_offset(s: &str) -> Result<i32, String> {
    let bad = || format!("--utc-offset: {s:?} is not an offset such as +03:00 or -05:00");
    let t = s.trim();
    if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") || t == "0" {
        return Ok(0);
    }
    let t = t.strip_prefix("UTC").or_else(|| t.strip_prefix("utc")).unwrap_or(t);
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let h: i32 = h.parse().map_err(|_| bad())?;
    let m: i32 = m.parse().map_err(|_| bad())?;
    if !(0..=14).contains(&h) || !(0..60).contains(&m) || (h == 14 && m > 0) {
        return Err(bad());
    }
    Ok(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod utc_offset_tests {
    use super::parse_utc_offset;

    #[test]
    fn offsets() {
        assert_eq!(parse_utc_offset("+03:00"), Ok(10_800));
        assert_eq!(parse_utc_offset("-05:00"), Ok(-18_000));
        assert_eq!(parse_utc_offset("+0530"), Ok(19_800));
        assert_eq!(parse_utc_offset("+3"), Ok(10_800));
        assert_eq!(parse_utc_offset("UTC+02:00"), Ok(7_200));
        assert_eq!(parse_utc_offset("UTC"), Ok(0));
        assert!(parse_utc_offset("03:00").is_err());
        assert!(parse_utc_offset("+15:00").is_err());
        assert!(parse_utc_offset("+03:75").is_err());
        assert!(parse_utc_offset("+Я").is_err());
    }
}
/// The mapping options of `callcalc import` and `callcalc kpi`:
/// `--mapping FILE`, `--column ROLE=HEADER`, `--value ROLE:RAW=MEANING`,
/// `--exclude ROLE=VALUE`. Flags override the mapping file.
#[derive(Debug, Default)]
pub struct MappingArgs {
    pub mapping: Option<String>,
    pub columns: Vec<(Field, String)>,
    pub values: ValueMapping,
}

fn field(option: &str, role: &str) -> Result<Field, String> {
    Field::from_name(role.trim()).ok_or_else(|| {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!("{option}: {role:?} is not a field name; fields: {}", names.join(", "))
    })
}

/// `--value ROLE:RAW=MEANING` (ROLE up to the first `:`, MEANING after the
/// last `=`, so RAW may hold both: `queue_entry:0:00:00=empty`) into `values`.
pub fn parse_value(spec: &str, values: &mut ValueMapping) -> Result<(), String> {
    let bad = || {
        format!("--value: {spec:?} is not ROLE:RAW=MEANING (e.g. outcome:HANG=abandoned, queue_entry:0:00:00=empty)")
    };
    let (role, rest) = spec.split_once(':').ok_or_else(bad)?;
    let (raw, meaning) = rest.rsplit_once('=').ok_or_else(bad)?;
    let f = field("--value", role)?;
    let meaning = meaning.trim();
    if meaning == "empty" {
        values.add_empty(f, raw);
        return Ok(());
    }
    match f {
        Field::Outcome => {
            let m = OutcomeMeaning::from_name(meaning).ok_or_else(|| {
                format!("--value: {meaning:?} is not answered, abandoned, short_abandon, blocked, ignore or empty")
            })?;
            values.set_outcome(raw, m);
        }
        Field::Channel => {
            let c = Channel::from_name(meaning).ok_or_else(|| {
                format!("--value: {meaning:?} is not phone, email, chat, messenger, web_form or empty")
            })?;
            values.set_channel(raw, c);
        }
        Field::Transferred | Field::Resolved => {
            let yes = match meaning {
                "yes" => true,
                "no" => false,
                _ => return Err(format!("--value: {meaning:?} is not yes, no or empty")),
            };
            values.set_flag(raw, yes);
        }
        other => {
            return Err(format!("--value: a {other} value can only be mapped to empty (a sentinel), not {meaning:?}"))
        }
    }
    Ok(())
}

impl MappingArgs {
    /// Takes `arg` (and its value from `next`) if it is a mapping option.
    pub fn take(&mut self, arg: &str, next: &mut dyn FnMut(&str) -> Result<String, String>) -> Result<bool, String> {
        match arg {
            "--mapping" => self.mapping = Some(next(arg)?),
            "--column" => {
                let v = next(arg)?;
                let (role, header) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--column: {v:?} is not ROLE=HEADER (e.g. queue_entry=q_start)"))?;
                let f = field("--column", role)?;
                self.columns.retain(|(g, _)| *g != f);
                self.columns.push((f, header.to_string()));
            }
            "--value" => parse_value(&next(arg)?, &mut self.values)?,
            "--exclude" => {
                let v = next(arg)?;
                let (role, value) =
                    v.split_once('=').ok_or_else(|| format!("--exclude: {v:?} is not ROLE=VALUE (e.g. queue=TT)"))?;
                self.values.add_exclude(field("--exclude", role)?, value);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The mapping file, read and checked, if one was given.
    pub fn file(&self) -> Result<Option<MappingFile>, String> {
        let Some(path) = &self.mapping else { return Ok(None) };
        let json = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
        MappingFile::from_json(&json).map(Some).map_err(|e| format!("{path}: {e}"))
    }

    /// No mapping option was given.
    pub fn is_empty(&self) -> bool {
        self.mapping.is_none() && self.columns.is_empty() && self.values.is_empty()
    }

    /// The layout of `text`: the mapping file (or the detected mapping) with
    /// the flags on top. Works when the header is not recognised if the
    /// columns and the kind (`--kind` or the file's) are given. Also the
    /// mapping file's UTC offset in minutes, if it has one.
    pub fn layout(&self, text: &str, opts: &ImportOptions) -> Result<(Layout, Option<i32>), String> {
        if self.mapping.is_none() && self.columns.is_empty() {
            // Values only: the detected columns as they are.
            let mut layout = sniff(head(text), opts).map_err(|e| e.to_string())?;
            layout.values.merge(&self.values);
            return Ok((layout, None));
        }
        let mut mf = match self.file()? {
            Some(mf) => mf,
            None => match sniff(head(text), opts) {
                Ok(l) => MappingFile::from_layout(&l, None),
                Err(_) => MappingFile {
                    version: MAPPING_FILE_VERSION,
                    kind: None,
                    columns: Vec::new(),
                    values: ValueMapping::default(),
                    utc_offset_minutes: None,
                },
            },
        };
        if let Some(k) = opts.kind {
            mf.kind = Some(k.name().to_string());
        }
        for (f, header) in &self.columns {
            mf.columns.retain(|(g, l)| g != f.name() && l.trim() != header.trim());
            mf.columns.push((f.name().to_string(), header.clone()));
        }
        mf.values.merge(&self.values);
        let layout = mf.layout_for_text(head(text), opts).map_err(|e| format!("{}: {e}", opts.file_name))?;
        Ok((layout, mf.utc_offset_minutes))
    }
}

/// Imports `bytes` with the mapping options: the text is decoded (or the
/// workbook sheet read) first, the layout found by header label, then read.
pub fn import_mapped(
    bytes: &[u8],
    mut opts: ImportOptions,
    encoding: Option<Encoding>,
    mapping: &MappingArgs,
) -> Result<Imported, String> {
    let (name, text, enc, replaced) = if is_workbook(bytes) {
        let (name, text) =
            workbook_sheet_text(bytes, &opts.file_name, opts.sheet.as_deref()).map_err(|e| e.to_string())?;
        opts.delimiter = Some(Delimiter::Semicolon);
        (name, text, Encoding::Utf8, 0)
    } else {
        let d = match encoding {
            Some(enc) => decode_as(bytes, enc),
            None => decode(bytes),
        };
        (opts.file_name.clone(), d.text, d.encoding, d.replaced)
    };
    opts.file_name = name;
    // Vendor formats (queue_log, Asterisk CDR …) are read by their own
    // readers, which a given layout would bypass: only a mapping file's UTC
    // offset applies to them.
    let format = {
        let mut probe = Importer::new(ImportOptions { layout: None, ..opts.clone() });
        probe.feed(head(&text));
        probe.finish().ok().and_then(|i| i.summary.format)
    };
    if let Some(format) = format {
        let file = mapping.file()?;
        let choices = !mapping.columns.is_empty()
            || !mapping.values.is_empty()
            || file.as_ref().is_some_and(|m| !m.columns.is_empty() || !m.values.is_empty());
        if choices {
            return Err(format!(
                "{}: a {} file is read by its own reader: --column, --value, --exclude and a mapping file's columns and values do not apply to it",
                opts.file_name,
                format.name()
            ));
        }
        if let Some(m) = file.and_then(|m| m.utc_offset_minutes) {
            opts.utc_offset_s = m.saturating_mul(60);
        }
    } else {
        let (layout, utc_offset_minutes) = mapping.layout(&text, &opts)?;
        if let Some(m) = utc_offset_minutes {
            // Epoch times are shifted to local time.
            opts.utc_offset_s = m.saturating_mul(60);
        }
        opts.layout = Some(layout);
    }
    let mut imp = Importer::new(opts);
    imp.feed(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let mut out = imp.finish().map_err(|e| e.to_string())?;
    out.summary.encoding = Some(enc);
    out.summary.undecodable = replaced;
    Ok(out)
}

/// The first 64 KiB of `text` (on a character boundary): enough to find the header.
fn head(text: &str) -> &str {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

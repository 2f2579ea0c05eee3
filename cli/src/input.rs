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

    /// No mapping option was given.
    pub fn is_empty(&self) -> bool {
        self.mapping.is_none() && self.columns.is_empty() && self.values.is_empty()
    }

    /// The layout of `text`: the mapping file (or the detected mapping) with
    /// the flags on top. Works when the header is not recognised if the
    /// columns and the kind (`--kind` or the file's) are given.
    pub fn layout(&self, text: &str, opts: &ImportOptions) -> Result<Layout, String> {
        if self.mapping.is_none() && self.columns.is_empty() {
            // Values only: the detected columns as they are.
            let mut layout = sniff(head(text), opts).map_err(|e| e.to_string())?;
            layout.values.merge(&self.values);
            return Ok(layout);
        }
        let mut mf = match &self.mapping {
            Some(path) => {
                let json = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
                MappingFile::from_json(&json).map_err(|e| format!("{path}: {e}"))?
            }
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
        mf.layout_for_text(head(text), opts).map_err(|e| format!("{}: {e}", opts.file_name))
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
    opts.layout = Some(mapping.layout(&text, &opts)?);
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

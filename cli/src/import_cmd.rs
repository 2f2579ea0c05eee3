//! `callcalc import FILE`: read an ACD/PBX/CRM export (any supported encoding,
//! delimiter and locale), print the interval statistics as JSON on stdout and
//! every rejected or skipped row, with its location, on stderr.
//!
//! Options:
//! - `--interval 15m` — interval length for call-detail records (`5m`, `15m`,
//!   `30m`, `1h`, `900s`, `900`); for interval reports the report's own length
//!   unless given;
//! - `--threshold 20` — T of the service level in seconds (CDR);
//! - `--short-abandon 5` — abandons with a shorter wait are short abandons;
//! - intervals are given per queue whenever the data has queues (a `queue`
//!   on each interval); `--merge-queues` merges the queues; `--by-channel`
//!   splits by channel (`--by-queue`, the default, is still accepted);
//! - `--kind cdr|interval|agent`, `--encoding windows-1251|utf-8|utf-16le|utf-16be`,
//!   `--delimiter ';'|','|tab` — override detection;
//! - `--utc-offset +03:00` — local time − UTC for sources with Unix times
//!   (Asterisk queue_log) or UTC intervals (Genesys Cloud WFM); default UTC.
//! - `--mapping FILE` — a mapping file (JSON, as saved by the app's import
//!   page: columns by header label, value mapping, filters);
//! - `--column ROLE=HEADER` — map a column (ROLE = the importer's field name:
//!   `date`, `time`, `queue_entry`, `wait_s`, `outcome`, `talk_s`, `agent`,
//!   `contact_id` …); works when the header is not recognised, with `--kind`;
//! - `--value ROLE:RAW=MEANING` — what a file's own code means: outcomes
//!   `answered|abandoned|short_abandon|blocked|ignore`, channels
//!   `phone|email|chat|messenger|web_form`, flags `yes|no`, or `empty` for a
//!   sentinel of any field (`--value queue_entry:0:00:00=empty`);
//! - `--exclude ROLE=VALUE` — leave out rows whose ROLE column is VALUE.
//!
//! Flags override the mapping file. On stderr: rejected and skipped rows, a
//! summary with the not-queued, excluded and ignored counts, and warnings.
//!
//! Output: `{"file", "encoding", "delimiter", "kind", "interval_s", "threshold_s",
//! "summary": {…, "not_queued", "excluded", "ignored", "warnings": [text]}, "mapping": {field: {"column", "label"}},
//! "values": {the value mapping}, "coded": {field: [{"value", "count", "reading"}]}, "intervals": [{…, "not_queued"}],
//! "total": {…}}`; for agent reports `"agents": [{…}]` instead of intervals.

use callcalc_engine::{
    decode_as, import_bytes, report_interval_s, AggregateOptions, Delimiter, Encoding, ImportOptions, Imported,
    ImportedData, Importer, IntervalStats, ReportKind, SlVariant,
};
use serde_json::{json, Map, Value};

use crate::input::{import_mapped, num, opt, parse_interval, parse_utc_offset, MappingArgs};

struct Args {
    path: String,
    interval_s: Option<u32>,
    threshold_s: f64,
    threshold_given: bool,
    short_abandon_s: f64,
    by_queue: bool,
    by_channel: bool,
    kind: Option<ReportKind>,
    encoding: Option<Encoding>,
    delimiter: Option<Delimiter>,
    utc_offset_s: i32,
    mapping: MappingArgs,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        path: String::new(),
        interval_s: None,
        threshold_s: 20.0,
        threshold_given: false,
        short_abandon_s: 5.0,
        by_queue: true,
        by_channel: false,
        kind: None,
        encoding: None,
        delimiter: None,
        utc_offset_s: 0,
        mapping: MappingArgs::default(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name}: missing value"));
        if a.mapping.take(arg, &mut value)? {
            continue;
        }
        match arg.as_str() {
            "--interval" => a.interval_s = Some(parse_interval(&value("--interval")?)?),
            "--threshold" => {
                let v = value("--threshold")?;
                a.threshold_s =
                    v.trim().parse().map_err(|_| format!("--threshold: {v:?} is not a number of seconds"))?;
                a.threshold_given = true;
            }
            "--short-abandon" => {
                let v = value("--short-abandon")?;
                a.short_abandon_s =
                    v.trim().parse().map_err(|_| format!("--short-abandon: {v:?} is not a number of seconds"))?;
            }
            "--by-queue" => a.by_queue = true,
            "--merge-queues" => a.by_queue = false,
            "--by-channel" => a.by_channel = true,
            "--kind" => {
                let v = value("--kind")?;
                a.kind = Some(
                    ReportKind::from_name(&v).ok_or_else(|| format!("--kind: {v:?} is not cdr, interval or agent"))?,
                );
            }
            "--encoding" => {
                let v = value("--encoding")?;
                a.encoding =
                    Some(Encoding::from_name(&v).ok_or_else(|| format!("--encoding: unknown encoding {v:?}"))?);
            }
            "--delimiter" => {
                let v = value("--delimiter")?;
                a.delimiter = Some(match v.as_str() {
                    "tab" | "\\t" | "\t" => Delimiter::Tab,
                    _ => v
                        .chars()
                        .next()
                        .and_then(Delimiter::from_char)
                        .ok_or_else(|| format!("--delimiter: {v:?} is not ; , or tab"))?,
                });
            }
            "--utc-offset" => a.utc_offset_s = parse_utc_offset(&value("--utc-offset")?)?,
            s if s.starts_with("--") => return Err(format!("import: unknown option {s:?}")),
            path if a.path.is_empty() => a.path = path.to_string(),
            extra => return Err(format!("import: unexpected argument {extra:?}")),
        }
    }
    if a.path.is_empty() {
        return Err("import: missing FILE".into());
    }
    Ok(a)
}

/// Runs `callcalc import …` (arguments after the subcommand). Rejected and
/// skipped rows go to stderr; the JSON is returned for stdout.
pub fn run(args: &[String]) -> Result<String, String> {
    let a = parse_args(args)?;
    let bytes = std::fs::read(&a.path).map_err(|e| format!("{}: cannot read: {e}", a.path))?;
    let file_name =
        std::path::Path::new(&a.path).file_name().map_or(a.path.clone(), |n| n.to_string_lossy().into_owned());
    let cdr_interval = a.interval_s.unwrap_or(900);
    let aggregate = AggregateOptions::new(cdr_interval, a.threshold_s, a.short_abandon_s)
        .map_err(|e| format!("--{}: {e}", e.field.replace('_', "-")))?
        .split(a.by_queue, a.by_channel);
    let mut opts = ImportOptions::new(file_name);
    opts.kind = a.kind;
    opts.delimiter = a.delimiter;
    opts.aggregate = aggregate;
    opts.utc_offset_s = a.utc_offset_s;

    let out = if !a.mapping.is_empty() {
        // A mapping needs the text to find its columns by header label.
        Ok(import_mapped(&bytes, opts, a.encoding, &a.mapping)?)
    } else {
        match a.encoding {
            None => import_bytes(&bytes, opts),
            Some(enc) => {
                let d = decode_as(&bytes, enc);
                let mut imp = Importer::new(opts);
                imp.feed(&d.text);
                imp.finish().map(|mut o| {
                    o.summary.encoding = Some(enc);
                    o.summary.undecodable = d.replaced;
                    o
                })
            }
        }
    }
    .map_err(|e| e.to_string())?;

    report_rows(&out);
    let mut doc = header_json(&out);
    match &out.data {
        ImportedData::Agents(rows) => {
            doc.insert("agents".into(), Value::Array(rows.iter().map(agent_json).collect()));
        }
        ImportedData::Cdr(cells) => {
            doc.insert("interval_s".into(), json!(aggregate.interval_s()));
            doc.insert("threshold_s".into(), num(aggregate.sl_threshold_s()));
            doc.insert("short_abandon_s".into(), num(aggregate.short_abandon_s()));
            insert_intervals(&mut doc, cells);
        }
        ImportedData::Intervals(rows) => {
            let native = report_interval_s(rows);
            let interval_s = match (a.interval_s, native) {
                (Some(i), _) => i,
                (None, Some(n)) if n >= 60 && 86_400 % n == 0 => n,
                _ => 900,
            };
            let opts = AggregateOptions::new(interval_s, a.threshold_s, a.short_abandon_s)
                .map_err(|e| e.to_string())?
                .split(a.by_queue, a.by_channel);
            let cells = out.interval_stats(opts).unwrap_or(Ok(Vec::new())).map_err(|e| {
                format!(
                    "{}: the report has {}-second intervals; --interval cannot be shorter ({e})",
                    out.summary.file,
                    native.unwrap_or(0)
                )
            })?;
            if a.threshold_given && out.layout.map.threshold_s != Some(a.threshold_s) {
                eprintln!(
                    "callcalc: note: an interval report counts \"answered within T\" with its own T ({}); --threshold does not change it",
                    out.layout.map.threshold_s.map_or("not stated in the header".to_string(), |t| format!("{t} s"))
                );
            }
            doc.insert("interval_s".into(), json!(interval_s));
            doc.insert("threshold_s".into(), opt(out.layout.map.threshold_s));
            insert_intervals(&mut doc, &cells);
        }
    }
    serde_json::to_string_pretty(&Value::Object(doc)).map_err(|e| e.to_string())
}

/// Rejected and skipped rows, and a one-line summary, on stderr.
fn report_rows(out: &Imported) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for r in &out.rejected {
        let _ = writeln!(w, "rejected: {r}");
    }
    for s in &out.skipped {
        let _ = writeln!(
            w,
            "skipped ({}): {}: row {} (line {}): {}",
            s.reason.name(),
            out.summary.file,
            s.row,
            s.line,
            s.text
        );
    }
    let s = &out.summary;
    let _ = writeln!(
        w,
        "{}: {} ({}, {}): {} rows read, {} kept, {} rejected, {} totals rows skipped, {} not queued, {} excluded, {} ignored",
        s.file,
        s.kind,
        s.encoding.map_or("text", |e| e.name()),
        s.delimiter,
        s.rows_read,
        s.kept,
        s.rejected,
        s.totals_skipped,
        s.not_queued,
        s.excluded,
        s.ignored
    );
    for warning in &s.warnings {
        let _ = writeln!(w, "warning: {}: {warning}", s.file);
    }
    if s.undecodable > 0 {
        let _ = writeln!(
            w,
            "{}: {} byte sequences could not be decoded and were replaced by U+FFFD",
            s.file, s.undecodable
        );
    }
}

fn header_json(out: &Imported) -> Map<String, Value> {
    let s = &out.summary;
    let mut mapping = Map::new();
    for (field, col) in out.layout.map.entries() {
        mapping.insert(field.name().into(), json!({ "column": col, "label": out.layout.column_label(col) }));
    }
    for (reason, col) in &out.layout.map.not_ready_reasons {
        mapping.insert(format!("not_ready:{reason}"), json!({ "column": col, "label": out.layout.column_label(*col) }));
    }
    let mut doc = Map::new();
    doc.insert("file".into(), json!(s.file));
    doc.insert("encoding".into(), json!(s.encoding.map(|e| e.name())));
    doc.insert("delimiter".into(), json!(s.delimiter.name()));
    doc.insert("kind".into(), json!(s.kind.name()));
    doc.insert("format".into(), json!(s.format.map(|f| f.name())));
    doc.insert("header_key".into(), json!(out.layout.key));
    doc.insert(
        "summary".into(),
        json!({
            "rows_read": s.rows_read,
            "kept": s.kept,
            "rejected": s.rejected,
            "totals_skipped": s.totals_skipped,
            "repeated_headers_skipped": s.repeated_headers_skipped,
            "empty_rows": s.empty_rows,
            "preamble_rows": s.preamble_rows,
            "undecodable": s.undecodable,
            "zone_designators_ignored": s.zone_designators_ignored,
            "not_queued": s.not_queued,
            "excluded": s.excluded,
            "ignored": s.ignored,
            "warnings": s.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        }),
    );
    doc.insert("mapping".into(), Value::Object(mapping));
    doc.insert("values".into(), serde_json::to_value(&out.layout.values).unwrap_or(Value::Null));
    let coded: Map<String, Value> = s
        .coded
        .iter()
        .map(|c| {
            let values: Vec<Value> =
                c.values.iter().map(|v| json!({ "value": v.value, "count": v.count, "reading": v.reading })).collect();
            (c.field.name().to_string(), json!({ "column": c.column, "values": values, "truncated": c.truncated }))
        })
        .collect();
    doc.insert("coded".into(), Value::Object(coded));
    doc
}

fn insert_intervals(doc: &mut Map<String, Value>, cells: &[IntervalStats]) {
    doc.insert("intervals".into(), Value::Array(cells.iter().map(interval_json).collect()));
    doc.insert("total".into(), IntervalStats::total(cells).map_or(Value::Null, |t| interval_json(&t)));
}

fn interval_json(c: &IntervalStats) -> Value {
    json!({
        "interval_start": c.start.to_string(),
        "interval_s": c.length_s,
        "queue": c.queue,
        "channel": c.channel.map(|ch| ch.name()),
        "offered": c.offered,
        "answered": c.answered,
        "abandoned": c.abandoned,
        "short_abandoned": c.short_abandoned,
        "blocked": c.blocked,
        "answered_within_t": c.answered_within_t,
        "abandoned_within_t": c.abandoned_within_t,
        "aht_s": opt(c.aht_s()),
        "asa_s": opt(c.asa_s()),
        "sl_abandons_ignored": opt(c.service_level(SlVariant::AbandonsIgnored)),
        "sl_abandons_negative": opt(c.service_level(SlVariant::AbandonsNegative)),
        "sl_abandons_positive": opt(c.service_level(SlVariant::AbandonsPositive)),
        "mean_patience_s": opt(c.mean_patience_s()),
        "agents_staffed": opt(c.agents_staffed()),
        "not_queued": c.not_queued,
    })
}

fn agent_json(r: &callcalc_engine::AgentRow) -> Value {
    let reasons: Map<String, Value> = r.not_ready_by_reason.iter().map(|(k, v)| (k.clone(), num(*v))).collect();
    let channels: Map<String, Value> =
        r.contacts_by_channel.iter().map(|(ch, n)| (ch.name().to_string(), json!(n))).collect();
    json!({
        "period_start": r.period_start.map(|t| t.to_string()),
        "agent": r.agent,
        "queue": r.queue,
        "logged_in_s": opt(r.logged_in_s),
        "available_s": opt(r.available_s),
        "talk_s": opt(r.talk_s),
        "hold_s": opt(r.hold_s),
        "acw_s": opt(r.acw_s),
        "not_ready_s": opt(r.not_ready_s),
        "not_ready_by_reason_s": reasons,
        "contacts": r.contacts,
        "contacts_by_channel": channels,
        "occupancy": opt(r.occupancy()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_lengths() {
        assert_eq!(parse_interval("15m"), Ok(900));
        assert_eq!(parse_interval("1h"), Ok(3600));
        assert_eq!(parse_interval("30min"), Ok(1800));
        assert_eq!(parse_interval("300s"), Ok(300));
        assert_eq!(parse_interval("900"), Ok(900));
        assert!(parse_interval("quarter").is_err());
    }
}

//! Header synonyms of vendor reports, in the vendors' own spelling
//! (normalised by [`normalize_label`]: lower case, punctuation dropped, so
//! `CallsOffered` is `callsoffered` and `% Ans Calls/Serv Level` is
//! `ans calls serv level`), and the recognition of those reports.
//!
//! Sources: Cisco UCCE/PCCE Database Schema Handbook (`Call_Type_Interval`,
//! `Skill_Group_Interval`); Avaya CMS Supervisor report reference (Split/Skill
//! Interval); Genesys Cloud resource center (WFM historical data import
//! format; queue performance export). Written from those documents; see
//! `engine/tests/fixtures/vendor/README.md`.
//!
//! Cisco and Genesys give wait and handle times as interval **totals**
//! (`AnswerWaitTime`, `HandleTime`, `Total Handle Time (Seconds)`): they are
//! divided by the answered/handled count of the same row into ASA and AHT
//! ([`apply_totals`]), as Cisco defines them (ASA = AnswerWaitTime /
//! CallsAnswered, AHT = HandleTime / CallsHandled).

use super::SourceFormat;
use crate::import::cells::{parse_count, parse_duration_cell};
use crate::import::columns::{normalize_label, Field, ReportKind};
use crate::import::csv::Record;
use crate::import::rows::IntervalRow;

/// Vendor labels (normalised) per field, for interval reports.
const INTERVAL: &[(Field, &[&str])] = &[
    // Cisco UCCE.
    (Field::DateTime, &["datetime"]),
    (Field::Queue, &["calltypeid", "skillgroupskilltargetid", "skilltargetid"]),
    (Field::Offered, &["callsoffered"]),
    (Field::Answered, &["callshandled"]),
    (Field::Abandoned, &["totalcallsaband"]),
    (Field::AnsweredWithinT, &["servicelevelcalls"]),
    (Field::AbandonedWithinT, &["servicelevelaband"]),
    // `ServiceLevel` (a 0–1 fraction) is left unmapped: a bare number reads
    // as percent here, and the engine recomputes SL from the counts.
    // Avaya CMS split/skill interval.
    (Field::Answered, &["acd calls"]),
    (Field::Abandoned, &["aban calls"]),
    (Field::TalkAvg, &["avg acd time"]),
    (Field::AcwAvg, &["avg acw time"]),
    (Field::Asa, &["avg speed ans"]),
    (Field::ServiceLevel, &["ans calls serv level"]),
    (Field::Offered, &["calls offered", "acd calls offered"]),
    (Field::Queue, &["split skill"]),
    // Genesys Cloud.
    (Field::DateTime, &["interval start utc date", "interval start", "interval start date"]),
    (Field::Channel, &["media type"]),
    (Field::Offered, &["offer"]),
    (Field::Answered, &["interactions handled", "answer"]),
    (Field::Abandoned, &["abandon", "abandoned"]),
    (Field::Asa, &["asa"]),
    (Field::Aht, &["aht"]),
    (Field::ServiceLevel, &["service level", "service level percent"]),
];

/// The field a normalised vendor label denotes in a report of `kind`, if
/// it is one of the vendor labels above (consulted after the built-in
/// RU/UA/EN synonyms).
pub(crate) fn field(label: &str, kind: ReportKind, taken: &dyn Fn(Field) -> bool) -> Option<Field> {
    if kind != ReportKind::Interval {
        return None;
    }
    INTERVAL.iter().find(|(f, syns)| !taken(*f) && syns.contains(&label)).map(|(f, _)| *f)
}

fn has(n: &[String], label: &str) -> bool {
    n.iter().any(|c| c == label)
}

/// The vendor report whose header these labels are, if recognised.
///
/// ```
/// use callcalc_engine::vendor::headers::recognise;
/// use callcalc_engine::SourceFormat;
/// let h = ["DateTime", "CallTypeID", "CallsOffered", "CallsHandled", "TotalCallsAband"].map(String::from);
/// assert_eq!(recognise(&h), Some(SourceFormat::CiscoUcceCallType));
/// assert_eq!(recognise(&["Дата".to_string(), "Поступило".to_string()]), None);
/// ```
pub fn recognise(columns: &[String]) -> Option<SourceFormat> {
    let n: Vec<String> = columns.iter().map(|c| normalize_label(c).0).collect();
    if has(&n, "calltypeid") && has(&n, "callsoffered") {
        Some(SourceFormat::CiscoUcceCallType)
    } else if has(&n, "skillgroupskilltargetid") || (has(&n, "skilltargetid") && has(&n, "callshandled")) {
        Some(SourceFormat::CiscoUcceSkillGroup)
    } else if has(&n, "acd calls") && has(&n, "avg speed ans") {
        Some(SourceFormat::AvayaCms)
    } else if has(&n, "interval start utc date") || (has(&n, "media type") && has(&n, "interactions handled")) {
        Some(SourceFormat::GenesysCloudWfm)
    } else if has(&n, "queue") && has(&n, "offer") && has(&n, "answer") && has(&n, "abandon") {
        Some(SourceFormat::GenesysCloudQueuePerformance)
    } else {
        None
    }
}

/// Which total a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Total {
    /// Σ wait of the answered, seconds → ASA.
    Wait,
    /// Σ handle time of the handled, seconds → AHT.
    Handle,
}

const TOTALS: &[(Total, &[&str])] = &[
    (Total::Wait, &["answerwaittime"]),
    (Total::Handle, &["handletime", "handledcallstime", "total handle time seconds", "total handle time"]),
];

/// Cisco/Genesys totals of a row → the row's ASA and AHT (only where the
/// report has no average column of its own and the count is not zero).
/// A total that cannot be read is returned as `(column, problem)` so the
/// row is rejected with its location.
pub(crate) fn apply_totals(
    columns: &[String],
    rec: &Record<'_>,
    row: &mut IntervalRow,
) -> Result<(), (usize, crate::error::Problem)> {
    let answered = columns.iter().position(|c| normalize_label(c).0 == "callsanswered");
    for (col, label) in columns.iter().enumerate() {
        let norm = normalize_label(label).0;
        let Some((kind, _)) = TOTALS.iter().find(|(_, syns)| syns.contains(&norm.as_str())) else { continue };
        let Some(v) = rec.cell(col).filter(|v| !v.is_empty()) else { continue };
        let total = parse_duration_cell(v).map_err(|p| (col, p))?;
        match kind {
            Total::Wait if row.asa_s.is_none() => {
                let n = match answered.and_then(|c| rec.cell(c)) {
                    Some(a) => parse_count(a).map_err(|p| (answered.unwrap_or(col), p))?,
                    None => row.answered,
                };
                row.asa_s = (n > 0).then(|| total / n as f64);
            }
            Total::Handle if row.aht_s.is_none() => {
                row.aht_s = (row.answered > 0).then(|| total / row.answered as f64);
            }
            _ => {}
        }
    }
    Ok(())
}

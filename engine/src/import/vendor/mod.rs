//! Vendor formats recognised on their own: which ACD/PBX export a file is
//! ([`SourceFormat`]), what it can and cannot give ([`SourceNote`]), and the
//! workbook containers the importer cannot read ([`WorkbookKind`]).
//!
//! - [`queue_log`]: the Asterisk queue log (file `epoch|callid|queue|agent|EVENT|data…`
//!   or its database export), rebuilt into calls per queue;
//! - [`cdr`]: the Asterisk CDR `Master.csv` (no header row) as a call-detail
//!   file with a header;
//! - [`headers`]: header synonyms of Cisco UCCE/PCCE, Avaya CMS, Genesys
//!   Cloud and the FreePBX `cdr` table, and the recognition of those reports
//!   from their header rows.

pub mod cdr;
pub mod headers;
pub mod queue_log;

use core::fmt;

use super::columns::{header_key, HeldRecord, Layout, ReportKind};
use super::csv::Delimiter;
use super::ColumnMap;

/// A vendor format recognised from the first records of a text file whose
/// layout the generic header detection cannot build: the queue_log
/// database export, the FreePBX `cdr` table, the headerless `Master.csv`.
pub(crate) fn detect_layout(
    held: &[HeldRecord],
    delimiter: Delimiter,
    kind: Option<ReportKind>,
) -> Option<(SourceFormat, Layout)> {
    if !matches!(kind, None | Some(ReportKind::Cdr)) {
        return None;
    }
    let with_header = |h: &HeldRecord| Layout {
        delimiter,
        header_rows: vec![h.row],
        columns: h.cells.clone(),
        key: header_key(&h.cells),
        map: ColumnMap::new(ReportKind::Cdr),
        values: Default::default(),
    };
    for h in held {
        if queue_log::is_db_header(&h.cells) {
            return Some((SourceFormat::AsteriskQueueLog, with_header(h)));
        }
        if cdr::is_freepbx_header(&h.cells) {
            return Some((SourceFormat::AsteriskCdr, with_header(h)));
        }
    }
    let first = held.first()?;
    cdr::is_master_line(&first.cells)
        .then(|| (SourceFormat::AsteriskCdr, cdr::master_layout(delimiter, first.cells.len())))
}

/// A recognised vendor format (the importer names it; the KPIs it cannot
/// give are in [`SourceFormat::notes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceFormat {
    /// Asterisk / FreePBX / Issabel `queue_log` (file or database export).
    AsteriskQueueLog,
    /// Asterisk CDR: `Master.csv` (cdr_csv) or the FreePBX `cdr` table export.
    AsteriskCdr,
    /// Cisco UCCE/PCCE Call Type interval report (`Call_Type_Interval`).
    CiscoUcceCallType,
    /// Cisco UCCE/PCCE Skill Group interval report (`Skill_Group_Interval`).
    CiscoUcceSkillGroup,
    /// Avaya CMS split/skill interval report.
    AvayaCms,
    /// Genesys Cloud WFM historical data import CSV.
    GenesysCloudWfm,
    /// Genesys Cloud queue performance export.
    GenesysCloudQueuePerformance,
}

impl SourceFormat {
    pub const ALL: [SourceFormat; 7] = [
        SourceFormat::AsteriskQueueLog,
        SourceFormat::AsteriskCdr,
        SourceFormat::CiscoUcceCallType,
        SourceFormat::CiscoUcceSkillGroup,
        SourceFormat::AvayaCms,
        SourceFormat::GenesysCloudWfm,
        SourceFormat::GenesysCloudQueuePerformance,
    ];

    /// The vendor's own name of the format (shown as is in every language).
    ///
    /// ```
    /// use callcalc_engine::SourceFormat;
    /// assert_eq!(SourceFormat::AsteriskQueueLog.name(), "Asterisk queue_log");
    /// assert_eq!(SourceFormat::CiscoUcceCallType.name(), "Cisco UCCE call type interval");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::AsteriskQueueLog => "Asterisk queue_log",
            SourceFormat::AsteriskCdr => "Asterisk CDR",
            SourceFormat::CiscoUcceCallType => "Cisco UCCE call type interval",
            SourceFormat::CiscoUcceSkillGroup => "Cisco UCCE skill group interval",
            SourceFormat::AvayaCms => "Avaya CMS split/skill interval",
            SourceFormat::GenesysCloudWfm => "Genesys Cloud WFM historical import",
            SourceFormat::GenesysCloudQueuePerformance => "Genesys Cloud queue performance",
        }
    }

    /// Stable machine name (`"asterisk_queue_log"` …).
    pub fn key(self) -> &'static str {
        match self {
            SourceFormat::AsteriskQueueLog => "asterisk_queue_log",
            SourceFormat::AsteriskCdr => "asterisk_cdr",
            SourceFormat::CiscoUcceCallType => "cisco_ucce_call_type",
            SourceFormat::CiscoUcceSkillGroup => "cisco_ucce_skill_group",
            SourceFormat::AvayaCms => "avaya_cms",
            SourceFormat::GenesysCloudWfm => "genesys_cloud_wfm",
            SourceFormat::GenesysCloudQueuePerformance => "genesys_cloud_queue_performance",
        }
    }

    /// What the format cannot give, by construction of the export (the app
    /// words each note; the KPIs concerned are left empty, never guessed).
    ///
    /// ```
    /// use callcalc_engine::{SourceFormat, SourceNote};
    /// assert!(SourceFormat::AsteriskQueueLog.notes().contains(&SourceNote::NoAfterCallWork));
    /// assert!(SourceFormat::AsteriskCdr.notes().contains(&SourceNote::NoQueueWait));
    /// ```
    pub fn notes(self) -> &'static [SourceNote] {
        match self {
            SourceFormat::AsteriskQueueLog => &[SourceNote::NoAfterCallWork, SourceNote::NoHoldTime],
            SourceFormat::AsteriskCdr => &[
                SourceNote::NoQueueWait,
                SourceNote::AnswerMayBeIvr,
                SourceNote::NoAfterCallWork,
                SourceNote::NoHoldTime,
            ],
            SourceFormat::CiscoUcceCallType | SourceFormat::CiscoUcceSkillGroup => &[SourceNote::HandleTimeTotalOnly],
            SourceFormat::AvayaCms => &[SourceNote::NoHoldTime],
            SourceFormat::GenesysCloudWfm => &[SourceNote::NoQueueWait, SourceNote::NoAbandons],
            SourceFormat::GenesysCloudQueuePerformance => &[],
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A typed note on what a source format cannot give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceNote {
    /// No after-call work in the source: AHT is talk time only (queue_log,
    /// CDR), an underestimate of the staffing handle time.
    NoAfterCallWork,
    /// No hold time apart from talk.
    NoHoldTime,
    /// No time waited in the queue: ASA, service level and abandonment in
    /// the queue cannot be computed (add the queue_log of the same period).
    NoQueueWait,
    /// The CDR `answer` time is often the IVR's answer, not an agent's: CDR
    /// "answered" means the call was answered by something.
    AnswerMayBeIvr,
    /// Handle time only as a total (talk + hold + wrap-up), not its parts.
    HandleTimeTotalOnly,
    /// No abandoned contacts in the source.
    NoAbandons,
}

impl SourceNote {
    /// Stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            SourceNote::NoAfterCallWork => "no_after_call_work",
            SourceNote::NoHoldTime => "no_hold_time",
            SourceNote::NoQueueWait => "no_queue_wait",
            SourceNote::AnswerMayBeIvr => "answer_may_be_ivr",
            SourceNote::HandleTimeTotalOnly => "handle_time_total_only",
            SourceNote::NoAbandons => "no_abandons",
        }
    }
}

/// A spreadsheet container the importer recognises but does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkbookKind {
    /// Excel 97–2003 `.xls` (BIFF8 in an OLE2 compound file).
    Xls,
    /// Excel binary workbook `.xlsb` (a ZIP with `xl/workbook.bin`).
    Xlsb,
    /// A password-protected (encrypted) Excel workbook: an OLE2 file holding
    /// `EncryptionInfo` and `EncryptedPackage`.
    Encrypted,
    /// Another OLE2 compound document (e.g. a Word `.doc`, an old `.xls`
    /// without a `Workbook` stream).
    OtherOle2,
}

impl WorkbookKind {
    /// Stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            WorkbookKind::Xls => "xls",
            WorkbookKind::Xlsb => "xlsb",
            WorkbookKind::Encrypted => "encrypted",
            WorkbookKind::OtherOle2 => "ole2",
        }
    }
}

impl fmt::Display for WorkbookKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WorkbookKind::Xls => "an Excel 97-2003 .xls workbook: save it as .xlsx or CSV",
            WorkbookKind::Xlsb => "an Excel binary .xlsb workbook: save it as .xlsx or CSV",
            WorkbookKind::Encrypted => "a password-protected workbook: remove the password in Excel and save again",
            WorkbookKind::OtherOle2 => "an OLE2 compound document, not a spreadsheet this importer reads",
        })
    }
}

/// The OLE2 compound-file signature (`.xls`, `.doc`, encrypted OOXML).
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` are an OLE2 compound file.
pub fn is_ole2(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE2)
}

/// What kind of OLE2 file `bytes` are (`None` if not OLE2): the directory
/// entry names (UTF-16LE) are looked for anywhere in the file, which is
/// enough to tell an encrypted package from a BIFF workbook without parsing
/// the sector chains.
///
/// ```
/// use callcalc_engine::{ole2_kind, WorkbookKind};
/// let mut f = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// f.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
/// assert_eq!(ole2_kind(&f), Some(WorkbookKind::Xls));
/// assert_eq!(ole2_kind(b"a;b\n"), None);
/// ```
pub fn ole2_kind(bytes: &[u8]) -> Option<WorkbookKind> {
    if !is_ole2(bytes) {
        return None;
    }
    let has = |name: &str| {
        let pat: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(pat.len()).any(|w| w == pat.as_slice())
    };
    Some(if has("EncryptedPackage") || has("EncryptionInfo") {
        WorkbookKind::Encrypted
    } else if has("Workbook") || has("Book") {
        WorkbookKind::Xls
    } else {
        WorkbookKind::OtherOle2
    })
}

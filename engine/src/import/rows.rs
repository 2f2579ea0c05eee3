//! Typed rows of the three kinds of statistics, and reading them from CSV
//! records through a [`ColumnMap`].
//!
//! Rules, the same for every kind:
//! - a mapped numeric column must hold a value in every data row: an empty
//!   cell rejects the row (it does not become zero);
//! - counts are whole numbers ≥ 0; durations are seconds, `mm:ss` or
//!   `hh:mm:ss`, ≥ 0;
//! - the one exception is CDR talk/hold/wrap-up of contacts that were not
//!   answered: there was no talk, so an empty cell means none.

use core::fmt;
use std::borrow::Cow;

use super::cells::{parse_count, parse_duration_cell, parse_flag, parse_percent_cell, parse_score};
use super::columns::{ColumnMap, Field, ReportKind};
use super::csv::{Delimiter, Record};
use super::datetime::{parse_datetime_cell, parse_yymmdd, DateTimeCell, Timestamp, EXPECTED_DATETIME};
use super::mapping::{same_text, OutcomeMeaning, ValueMapping};
use super::quality::CSAT_MAX;
use crate::error::Problem;

/// A contact channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Phone,
    Email,
    Chat,
    Messenger,
    WebForm,
}

impl Channel {
    pub const ALL: [Channel; 5] = [Channel::Phone, Channel::Email, Channel::Chat, Channel::Messenger, Channel::WebForm];

    /// Stable machine name: `"phone"`, `"email"`, `"chat"`, `"messenger"`, `"web_form"`.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Messenger => "messenger",
            Channel::WebForm => "web_form",
        }
    }

    /// Inverse of [`Channel::name`].
    ///
    /// ```
    /// use callcalc_engine::Channel;
    /// assert_eq!(Channel::from_name("web_form"), Some(Channel::WebForm));
    /// assert_eq!(Channel::from_name("fax"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == name.trim())
    }

    /// Reads a channel cell in Russian, Ukrainian or English («Телефон»,
    /// «Голосовой вызов», «E-mail», «Чат», «Telegram», «Веб-форма», `voice` …).
    ///
    /// ```
    /// use callcalc_engine::Channel;
    /// assert_eq!(Channel::parse("Телефон"), Some(Channel::Phone));
    /// assert_eq!(Channel::parse("e-mail"), Some(Channel::Email));
    /// assert_eq!(Channel::parse("WhatsApp"), Some(Channel::Messenger));
    /// assert_eq!(Channel::parse("Веб-форма"), Some(Channel::WebForm));
    /// assert_eq!(Channel::parse("факс"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Channel> {
        let norm = super::columns::normalize_label(text).0;
        let n = norm.as_str();
        const PHONE: &[&str] = &[
            "телефон",
            "телефония",
            "звонок",
            "звонки",
            "вызов",
            "голос",
            "голосовой",
            "голосовой вызов",
            "входящий звонок",
            "phone",
            "voice",
            "call",
            "calls",
            "telephony",
            "inbound call",
            "дзвінок",
            "телефонія",
            "голосовий",
        ];
        const EMAIL: &[&str] = &[
            "e mail",
            "email",
            "почта",
            "эл почта",
            "электронная почта",
            "письмо",
            "письма",
            "mail",
            "лист",
            "пошта",
            "електронна пошта",
        ];
        const CHAT: &[&str] =
            &["чат", "веб чат", "онлайн чат", "чат на сайте", "chat", "web chat", "webchat", "live chat", "чати"];
        const MESSENGER: &[&str] = &[
            "мессенджер",
            "мессенджеры",
            "messenger",
            "telegram",
            "телеграм",
            "whatsapp",
            "ватсап",
            "viber",
            "вайбер",
            "vk",
            "вконтакте",
            "соцсети",
            "social",
            "sms",
            "смс",
            "месенджер",
            "imessage",
            "max",
            "макс",
        ];
        const WEB_FORM: &[&str] = &[
            "веб форма",
            "форма",
            "форма на сайте",
            "заявка",
            "заявка с сайта",
            "web form",
            "webform",
            "form",
            "веб форма сайта",
            "вебформа",
        ];
        for (list, ch) in [
            (PHONE, Channel::Phone),
            (EMAIL, Channel::Email),
            (CHAT, Channel::Chat),
            (MESSENGER, Channel::Messenger),
            (WEB_FORM, Channel::WebForm),
        ] {
            if list.contains(&n) {
                return Some(ch);
            }
        }
        None
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What happened to a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Answered / handled by an agent.
    Answered,
    /// The customer left the queue before an agent answered.
    Abandoned,
    /// Abandoned almost at once, marked so by the ACD.
    ShortAbandon,
    /// Never queued: busy signal, queue full, rejected.
    Blocked,
}

impl Outcome {
    /// Stable machine name.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Answered => "answered",
            Outcome::Abandoned => "abandoned",
            Outcome::ShortAbandon => "short_abandon",
            Outcome::Blocked => "blocked",
        }
    }

    /// Reads an outcome cell («Отвечен», «Потерян», «Короткий сброс»,
    /// «Занято», `ANSWERED`, `abandoned` …).
    ///
    /// ```
    /// use callcalc_engine::Outcome;
    /// assert_eq!(Outcome::parse("Отвечен"), Some(Outcome::Answered));
    /// assert_eq!(Outcome::parse("ПОТЕРЯН"), Some(Outcome::Abandoned));
    /// assert_eq!(Outcome::parse("короткий сброс"), Some(Outcome::ShortAbandon));
    /// assert_eq!(Outcome::parse("busy"), Some(Outcome::Blocked));
    /// assert_eq!(Outcome::parse("?"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Outcome> {
        let norm = super::columns::normalize_label(text).0;
        let n = norm.as_str();
        const ANSWERED: &[&str] = &[
            "отвечен",
            "отвечено",
            "отвеченный",
            "ответ",
            "принят",
            "принято",
            "принятый",
            "обслужен",
            "обслужено",
            "соединен",
            "соединено",
            "успешно",
            "обработан",
            "обработано",
            "answered",
            "answer",
            "handled",
            "connected",
            "completed",
            "served",
            "прийнято",
            "прийнятий",
            "відповідь",
            "оброблено",
            "з єднано",
        ];
        const ABANDONED: &[&str] = &[
            "потерян",
            "потеряно",
            "потерянный",
            "пропущен",
            "пропущено",
            "пропущенный",
            "брошен",
            "брошено",
            "брошенный",
            "сброшен",
            "сброс",
            "не отвечен",
            "неотвечен",
            "без ответа",
            "abandoned",
            "abandon",
            "lost",
            "missed",
            "no answer",
            "noanswer",
            "втрачено",
            "втрачений",
            "пропущений",
            "не прийнято",
        ];
        const SHORT: &[&str] = &[
            "короткий сброс",
            "короткая потеря",
            "короткий",
            "короткий пропущенный",
            "короткий потерянный",
            "short abandon",
            "short abandoned",
            "short",
            "коротке скидання",
            "коротка втрата",
        ];
        const BLOCKED: &[&str] = &[
            "заблокирован",
            "заблокировано",
            "занято",
            "отклонен",
            "отклонено",
            "очередь переполнена",
            "blocked",
            "busy",
            "rejected",
            "queue full",
            "заблоковано",
            "зайнято",
            "відхилено",
        ];
        for (list, o) in [
            (ANSWERED, Outcome::Answered),
            (ABANDONED, Outcome::Abandoned),
            (SHORT, Outcome::ShortAbandon),
            (BLOCKED, Outcome::Blocked),
        ] {
            if list.contains(&n) {
                return Some(o);
            }
        }
        None
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One row of an interval report. Averages are per answered contact, in
/// seconds; `None` means the report has no such column.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalRow {
    pub start: Timestamp,
    /// Interval length when the row says it (`08:00-08:15`), seconds.
    pub length_s: Option<u32>,
    pub queue: Option<String>,
    pub channel: Option<Channel>,
    pub offered: u64,
    pub answered: u64,
    pub abandoned: Option<u64>,
    pub short_abandoned: Option<u64>,
    pub answered_within_t: Option<u64>,
    pub abandoned_within_t: Option<u64>,
    pub talk_avg_s: Option<f64>,
    pub hold_avg_s: Option<f64>,
    pub acw_avg_s: Option<f64>,
    /// Totals of the interval (reports that give sums instead of averages).
    pub talk_total_s: Option<f64>,
    pub hold_total_s: Option<f64>,
    pub acw_total_s: Option<f64>,
    pub aht_s: Option<f64>,
    pub asa_s: Option<f64>,
    pub agents_staffed: Option<f64>,
    /// Service level as reported, a fraction.
    pub service_level: Option<f64>,
}

impl IntervalRow {
    /// Average handle time of the row: the AHT column if present, else talk +
    /// hold + after-contact work when all three are known (as averages or
    /// totals). Never talk alone (that is the interaction-only mis-variant).
    pub fn handle_avg_s(&self) -> Option<f64> {
        if let Some(a) = self.aht_s {
            return Some(a);
        }
        let per = |avg: Option<f64>, total: Option<f64>| {
            avg.or_else(|| total.and_then(|t| if self.answered > 0 { Some(t / self.answered as f64) } else { None }))
        };
        Some(
            per(self.talk_avg_s, self.talk_total_s)?
                + per(self.hold_avg_s, self.hold_total_s)?
                + per(self.acw_avg_s, self.acw_total_s)?,
        )
    }
}

/// One call-detail record, borrowing its text from the CSV record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CdrRow<'a> {
    pub contact_id: Option<&'a str>,
    /// The time that places the contact in an interval: its queue entry
    /// when known, else its arrival (see [`RowReader::read_cdr`]).
    pub arrival: Timestamp,
    pub queue: Option<&'a str>,
    pub channel: Option<Channel>,
    pub outcome: Outcome,
    /// Seconds in queue (0 for blocked contacts).
    pub wait_s: f64,
    pub talk_s: f64,
    pub hold_s: f64,
    pub acw_s: f64,
    pub agent: Option<&'a str>,
    /// Optional columns; `None` when the file has no such column or the cell
    /// is empty (survey columns are mostly empty).
    pub transferred: Option<bool>,
    /// Resolved at first contact, as marked.
    pub resolved: Option<bool>,
    /// Caller or customer id, for repeat contacts.
    pub caller: Option<&'a str>,
    /// CSAT score, 1–5.
    pub csat: Option<f64>,
    /// NPS answer, 0–10.
    pub nps: Option<u8>,
    pub reason: Option<&'a str>,
    /// Complexity level, ≥ 0.
    pub complexity: Option<f64>,
}

impl<'a> CdrRow<'a> {
    /// A record with the required fields and no optional columns.
    pub fn new(arrival: Timestamp, outcome: Outcome, wait_s: f64, talk_s: f64, hold_s: f64, acw_s: f64) -> Self {
        CdrRow {
            contact_id: None,
            arrival,
            queue: None,
            channel: None,
            outcome,
            wait_s,
            talk_s,
            hold_s,
            acw_s,
            agent: None,
            transferred: None,
            resolved: None,
            caller: None,
            csat: None,
            nps: None,
            reason: None,
            complexity: None,
        }
    }
}

/// What one call-detail record turned out to be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CdrRead<'a> {
    /// A contact offered to the queue (answered, abandoned or blocked).
    Contact(CdrRow<'a>),
    /// The queue-entry column is mapped, its cell is empty (or a sentinel)
    /// and the contact was not answered: the caller left before reaching
    /// the queue (in the IVR). Not offered, not an abandon. `arrival` is
    /// `None` when the record has no arrival time of day.
    NotQueued { arrival: Option<Timestamp>, queue: Option<&'a str>, channel: Option<Channel> },
    /// The outcome maps to [`OutcomeMeaning::Ignore`].
    Ignored,
}

/// One row of an agent report. `None`: the report has no such column.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentRow {
    /// Start of the period (the row's date); `None` when the report has no
    /// date column (one period for the whole file).
    pub period_start: Option<Timestamp>,
    pub agent: String,
    pub queue: Option<String>,
    pub logged_in_s: Option<f64>,
    pub available_s: Option<f64>,
    pub talk_s: Option<f64>,
    pub hold_s: Option<f64>,
    pub acw_s: Option<f64>,
    pub not_ready_s: Option<f64>,
    /// Time scheduled to work (for schedule conformance).
    pub scheduled_s: Option<f64>,
    /// Not-ready time by reason, in the order of the columns.
    pub not_ready_by_reason: Vec<(String, f64)>,
    pub contacts: Option<u64>,
    /// Contacts per channel, for the channels the report has columns for.
    pub contacts_by_channel: Vec<(Channel, u64)>,
}

impl AgentRow {
    /// Measured occupancy: handle time / (handle time + available time), the
    /// "measured" variant (b) of definitions.md (Amazon Connect "Occupancy").
    /// `None` if talk or available time is missing or both are zero.
    ///
    /// ```
    /// # use callcalc_engine::AgentRow;
    /// let r = AgentRow { period_start: None, agent: "A".into(), queue: None, logged_in_s: Some(28_800.0),
    ///     available_s: Some(6_000.0), talk_s: Some(15_000.0), hold_s: Some(1_000.0), acw_s: Some(2_000.0),
    ///     not_ready_s: Some(4_800.0), scheduled_s: None, not_ready_by_reason: vec![], contacts: Some(80), contacts_by_channel: vec![] };
    /// assert_eq!(r.occupancy(), Some(0.75));
    /// ```
    pub fn occupancy(&self) -> Option<f64> {
        let handle = self.talk_s? + self.hold_s.unwrap_or(0.0) + self.acw_s.unwrap_or(0.0);
        let avail = self.available_s?;
        let denom = handle + avail;
        if denom > 0.0 {
            Some(handle / denom)
        } else {
            None
        }
    }
}

/// Why a row was rejected: the first cell that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    /// 0-based column, `None` when the problem is not one cell's.
    pub column: Option<usize>,
    pub field: Option<Field>,
    pub value: String,
    pub problem: Problem,
}

impl CellError {
    pub(crate) fn new(column: usize, field: Field, value: &str, problem: Problem) -> Self {
        CellError { column: Some(column), field: Some(field), value: value.to_string(), problem }
    }
}

/// Reads typed rows from records through a mapping. Keeps small caches of
/// outcome and channel texts so a million CDR rows do not re-normalise the
/// same few words.
#[derive(Debug, Clone)]
pub struct RowReader {
    map: ColumnMap,
    values: ValueMapping,
    /// Sentinel texts per field index (from `values.empty`).
    sentinels: Vec<Vec<String>>,
    outcomes: SmallCache<OutcomeMeaning>,
    channels: SmallCache<Channel>,
    zone_ignored: u64,
    /// The last `dd.mm.yyyy` date text read and its day number: CDRs repeat
    /// one date for thousands of rows.
    last_date: ([u8; 10], i64),
    /// Comma-delimited files come from locales with a decimal point, where a
    /// comma inside a (quoted) number groups thousands: `"1,234"` = 1234.
    thousands_comma: bool,
}

/// A few distinct cell texts (outcomes, channels) and what they mean,
/// searched linearly: a CDR has a handful of such words repeated a million
/// times. Beyond 64 distinct texts, new ones are parsed each time.
#[derive(Debug, Clone)]
struct SmallCache<T> {
    entries: Vec<(String, Option<T>)>,
}

impl<T> Default for SmallCache<T> {
    fn default() -> Self {
        SmallCache { entries: Vec::new() }
    }
}

impl<T: Copy> SmallCache<T> {
    fn get_or(&mut self, text: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        if let Some((_, v)) = self.entries.iter().find(|(k, _)| k == text) {
            return *v;
        }
        let v = parse(text);
        if self.entries.len() < 64 {
            self.entries.push((text.to_string(), v));
        }
        v
    }
}

/// Date and time of day of a record, as far as its columns give them.
#[derive(Debug, Clone, Copy, Default)]
struct When {
    days: Option<i64>,
    sod: Option<u32>,
    end: Option<u32>,
}

const EMPTY_COUNT: &str = "a whole number (the cell is empty)";
const EMPTY_DURATION: &str = "a duration (the cell is empty)";
const MISSING_CELL: &str = "a value (the row has fewer columns than the header)";

impl RowReader {
    /// A reader for records split by `delimiter`. With [`Delimiter::Comma`]
    /// numbers use a decimal point and commas group thousands (`"1,234.5"`);
    /// otherwise a decimal comma or point is accepted and spaces group
    /// thousands (`1 234,5`).
    pub fn new(map: ColumnMap, delimiter: Delimiter) -> Self {
        RowReader {
            map,
            values: ValueMapping::default(),
            sentinels: Vec::new(),
            outcomes: SmallCache::default(),
            channels: SmallCache::default(),
            zone_ignored: 0,
            last_date: ([0; 10], 0),
            thousands_comma: delimiter == Delimiter::Comma,
        }
    }

    /// The reader with the user's value choices: outcome, channel and flag
    /// texts are looked up in `values` before the built-in readings, and a
    /// sentinel cell reads as an empty cell of its field. (Row filters are
    /// applied by the [`crate::Importer`], before a row is read.)
    pub fn with_values(mut self, values: ValueMapping) -> Self {
        self.sentinels = vec![Vec::new(); Field::COUNT];
        for (f, t) in &values.empty {
            self.sentinels[f.index()].push(t.clone());
        }
        self.values = values;
        self.outcomes = SmallCache::default();
        self.channels = SmallCache::default();
        self
    }

    /// The value choices in use.
    pub fn values(&self) -> &ValueMapping {
        &self.values
    }

    fn is_sentinel(&self, field: Field, v: &str) -> bool {
        !v.is_empty() && self.sentinels.get(field.index()).is_some_and(|l| l.iter().any(|s| same_text(s, v)))
    }

    /// How a value of a coded column is read now, by machine name (see
    /// [`crate::ValueCount::reading`]): `None` = not understood.
    pub fn reading(&mut self, field: Field, value: &str) -> Option<String> {
        let empty = value.trim().is_empty() || self.is_sentinel(field, value);
        match field {
            Field::Outcome if empty => None,
            Field::Outcome => self.outcome_of(value).map(|m| m.name().to_string()),
            _ if empty => Some("empty".to_string()),
            Field::Channel => self.channel_of(value).map(|c| c.name().to_string()),
            Field::Transferred | Field::Resolved => {
                self.flag_of(value).ok().map(|b| if b { "yes" } else { "no" }.to_string())
            }
            _ => Some(value.trim().to_string()),
        }
    }

    fn outcome_of(&mut self, v: &str) -> Option<OutcomeMeaning> {
        let values = &self.values;
        self.outcomes.get_or(v, |t| values.outcome(t).or_else(|| Outcome::parse(t).map(OutcomeMeaning::from_outcome)))
    }

    fn channel_of(&mut self, v: &str) -> Option<Channel> {
        let values = &self.values;
        self.channels.get_or(v, |t| values.channel(t).or_else(|| Channel::parse(t)))
    }

    fn flag_of(&self, v: &str) -> Result<bool, Problem> {
        match self.values.flag(v) {
            Some(b) => Ok(b),
            None => parse_flag(v),
        }
    }

    /// [`parse_datetime_cell`], reusing the day of the previous row when the
    /// cell starts with the same 10-character date followed by a space.
    fn datetime(&mut self, v: &str) -> Result<super::datetime::DateTimeCell, &'static str> {
        let b = v.as_bytes();
        if b.len() > 11 && b[10] == b' ' && b[..10] == self.last_date.0 {
            if let Ok(rest) = parse_datetime_cell(&v[11..]) {
                if rest.days.is_none() && rest.second_of_day.is_some() {
                    return Ok(super::datetime::DateTimeCell { days: Some(self.last_date.1), ..rest });
                }
            }
        }
        let parsed = parse_datetime_cell(v)?;
        if let (Some(d), true) = (parsed.days, b.len() > 10 && b[10] == b' ') {
            self.last_date.0.copy_from_slice(&b[..10]);
            self.last_date.1 = d;
        }
        Ok(parsed)
    }

    /// The number text as the cell parsers expect it.
    fn number_text<'v>(&self, v: &'v str) -> Cow<'v, str> {
        if self.thousands_comma && v.contains(',') {
            Cow::Owned(v.replace(',', ""))
        } else {
            Cow::Borrowed(v)
        }
    }

    pub fn map(&self) -> &ColumnMap {
        &self.map
    }

    /// Date/time cells whose time-zone designator was not applied so far.
    pub fn zone_designators_ignored(&self) -> u64 {
        self.zone_ignored
    }

    /// The cleaned cell of `field`, `None` if the field is not mapped.
    fn cell<'r>(&self, rec: &Record<'r>, field: Field) -> Result<Option<(usize, &'r str)>, CellError> {
        match self.map.get(field) {
            None => Ok(None),
            Some(c) => match rec.cell(c) {
                Some(v) if self.is_sentinel(field, v) => Ok(Some((c, ""))),
                Some(v) => Ok(Some((c, v))),
                None => Err(CellError::new(c, field, "", Problem::Unreadable { expected: MISSING_CELL })),
            },
        }
    }

    fn count(&self, rec: &Record<'_>, field: Field) -> Result<Option<u64>, CellError> {
        match self.cell(rec, field)? {
            None => Ok(None),
            Some((c, "")) => Err(CellError::new(c, field, "", Problem::Unreadable { expected: EMPTY_COUNT })),
            Some((c, v)) => parse_count(&self.number_text(v)).map(Some).map_err(|p| CellError::new(c, field, v, p)),
        }
    }

    fn duration(&self, rec: &Record<'_>, field: Field) -> Result<Option<f64>, CellError> {
        match self.cell(rec, field)? {
            None => Ok(None),
            Some((c, "")) => Err(CellError::new(c, field, "", Problem::Unreadable { expected: EMPTY_DURATION })),
            Some((c, v)) => {
                parse_duration_cell(&self.number_text(v)).map(Some).map_err(|p| CellError::new(c, field, v, p))
            }
        }
    }

    fn text<'r>(&self, rec: &Record<'r>, field: Field) -> Result<Option<&'r str>, CellError> {
        Ok(self.cell(rec, field)?.map(|(_, v)| v).filter(|v| !v.is_empty()))
    }

    fn channel(&mut self, rec: &Record<'_>) -> Result<Option<Channel>, CellError> {
        match self.cell(rec, Field::Channel)? {
            None | Some((_, "")) => Ok(None),
            Some((c, v)) => {
                let ch = self.channel_of(v);
                ch.map(Some).ok_or_else(|| {
                    CellError::new(
                        c,
                        Field::Channel,
                        v,
                        Problem::Unreadable { expected: "a channel: phone, e-mail, chat, messenger or web form" },
                    )
                })
            }
        }
    }

    /// Date and time of day from the `DateTime`, `Date` and `Time` columns:
    /// the date from whichever has one, the time likewise. A `Date` cell of
    /// six digits is read as `yymmdd` when unambiguous ([`parse_yymmdd`]).
    fn when_parts(&mut self, rec: &Record<'_>) -> Result<When, CellError> {
        let mut w = When::default();
        for field in [Field::DateTime, Field::Date, Field::Time] {
            if let Some((c, v)) = self.cell(rec, field)? {
                if v.is_empty() && field == Field::Time && w.days.is_some() {
                    continue;
                }
                let parsed = match self.datetime(v) {
                    Ok(p) => p,
                    Err(_) if field == Field::Date && v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()) => {
                        let days = parse_yymmdd(v)
                            .map_err(|e| CellError::new(c, field, v, Problem::Unreadable { expected: e }))?;
                        DateTimeCell { days: Some(days), ..DateTimeCell::default() }
                    }
                    Err(e) => return Err(CellError::new(c, field, v, Problem::Unreadable { expected: e })),
                };
                if parsed.zone_ignored {
                    self.zone_ignored += 1;
                }
                w.days = w.days.or(parsed.days);
                if w.sod.is_none() {
                    w.sod = parsed.second_of_day;
                    w.end = parsed.end_second_of_day;
                }
            }
        }
        Ok(w)
    }

    /// Date and time from the `DateTime`, `Date` and `Time` columns (midnight
    /// if no time), and the interval length of `08:00-08:15` cells.
    fn when(&mut self, rec: &Record<'_>, need_date: bool) -> Result<(Option<Timestamp>, Option<u32>), CellError> {
        let w = self.when_parts(rec)?;
        match w.days {
            Some(d) => {
                let start = w.sod.unwrap_or(0);
                let length = w.end.and_then(|e| e.checked_sub(start)).filter(|&l| l > 0);
                Ok((Some(Timestamp::from_days(d, start)), length))
            }
            None if !need_date => Ok((None, None)),
            None => Err(self.no_date(rec, &[Field::DateTime, Field::Date, Field::Time])),
        }
    }

    /// "Expected a date" at the first mapped column of `fields`.
    fn no_date(&self, rec: &Record<'_>, fields: &[Field]) -> CellError {
        let (c, f) = fields.iter().find_map(|&f| self.map.get(f).map(|c| (c, f))).unwrap_or((0, Field::DateTime));
        let v = rec.cell(c).unwrap_or("");
        CellError::new(c, f, v, Problem::Unreadable { expected: EXPECTED_DATETIME })
    }

    /// Reads an interval-report row.
    pub fn interval(&mut self, rec: &Record<'_>) -> Result<IntervalRow, CellError> {
        let (start, length_s) = self.when(rec, true)?;
        let start = start.ok_or_else(|| CellError {
            column: None,
            field: Some(Field::DateTime),
            value: String::new(),
            problem: Problem::Unreadable { expected: EXPECTED_DATETIME },
        })?;
        let offered = self.count(rec, Field::Offered)?.unwrap_or(0);
        let answered = self.count(rec, Field::Answered)?.unwrap_or(0);
        let service_level = match self.cell(rec, Field::ServiceLevel)? {
            None => None,
            Some((c, "")) => {
                return Err(CellError::new(
                    c,
                    Field::ServiceLevel,
                    "",
                    Problem::Unreadable { expected: "a percentage (the cell is empty)" },
                ))
            }
            Some((c, v)) => Some(
                parse_percent_cell(&self.number_text(v)).map_err(|p| CellError::new(c, Field::ServiceLevel, v, p))?,
            ),
        };
        let agents_staffed = match self.cell(rec, Field::AgentsStaffed)? {
            None => None,
            Some((c, "")) => {
                return Err(CellError::new(
                    c,
                    Field::AgentsStaffed,
                    "",
                    Problem::Unreadable { expected: "a number (the cell is empty)" },
                ))
            }
            Some((c, v)) => Some(
                super::cells::parse_non_negative(&self.number_text(v))
                    .map_err(|p| CellError::new(c, Field::AgentsStaffed, v, p))?,
            ),
        };
        Ok(IntervalRow {
            start,
            length_s,
            queue: self.text(rec, Field::Queue)?.map(str::to_string),
            channel: self.channel(rec)?,
            offered,
            answered,
            abandoned: self.count(rec, Field::Abandoned)?,
            short_abandoned: self.count(rec, Field::ShortAbandoned)?,
            answered_within_t: self.count(rec, Field::AnsweredWithinT)?,
            abandoned_within_t: self.count(rec, Field::AbandonedWithinT)?,
            talk_avg_s: self.duration(rec, Field::TalkAvg)?,
            hold_avg_s: self.duration(rec, Field::HoldAvg)?,
            acw_avg_s: self.duration(rec, Field::AcwAvg)?,
            talk_total_s: self.duration(rec, Field::Talk)?,
            hold_total_s: self.duration(rec, Field::Hold)?,
            acw_total_s: self.duration(rec, Field::Acw)?,
            aht_s: self.duration(rec, Field::Aht)?,
            asa_s: self.duration(rec, Field::Asa)?,
            agents_staffed,
            service_level,
        })
    }

    fn outcome(&mut self, rec: &Record<'_>) -> Result<OutcomeMeaning, CellError> {
        let (c, v) = match self.cell(rec, Field::Outcome)? {
            Some(cv) => cv,
            None => {
                return Err(CellError {
                    column: None,
                    field: Some(Field::Outcome),
                    value: String::new(),
                    problem: Problem::Unreadable { expected: "an outcome column" },
                })
            }
        };
        self.outcome_of(v).ok_or_else(|| {
            CellError::new(
                c,
                Field::Outcome,
                rec.cell(c).unwrap_or(v),
                Problem::Unreadable { expected: "an outcome: answered, abandoned, short abandon or blocked" },
            )
        })
    }

    /// A time-of-day or date-and-time cell of `field` (queue entry or exit)
    /// as an instant: a time alone is placed on the day of `base` (or the
    /// next day when that reads as crossing midnight: earlier than `base`
    /// and less than 12 hours after it on the next day), or on `days` when
    /// there is no `base`. `None` when the cell is empty or a sentinel.
    fn instant(
        &self,
        rec: &Record<'_>,
        field: Field,
        base: Option<Timestamp>,
        days: Option<i64>,
    ) -> Result<Option<(usize, Timestamp)>, CellError> {
        let (c, v) = match self.cell(rec, field)? {
            Some((c, v)) if !v.is_empty() => (c, v),
            _ => return Ok(None),
        };
        let p = parse_datetime_cell(v).map_err(|e| CellError::new(c, field, v, Problem::Unreadable { expected: e }))?;
        let t = match (p.timestamp(), p.second_of_day, base, days) {
            (Some(t), _, _, _) => t,
            (None, Some(s), Some(b), _) => {
                let same_day = Timestamp::from_days(b.days(), s);
                let next_day = same_day.plus(86_400);
                if same_day < b && next_day.seconds() - b.seconds() < 43_200 {
                    next_day
                } else {
                    same_day
                }
            }
            (None, Some(s), None, Some(d)) => Timestamp::from_days(d, s),
            _ => return Err(CellError::new(c, field, v, Problem::Unreadable { expected: EXPECTED_DATETIME })),
        };
        Ok(Some((c, t)))
    }

    /// An optional duration cell: empty (or a sentinel) = `default`.
    fn optional_duration(&self, rec: &Record<'_>, field: Field, default: f64) -> Result<f64, CellError> {
        match self.cell(rec, field)? {
            Some((c, v)) if !v.is_empty() => {
                parse_duration_cell(&self.number_text(v)).map_err(|p| CellError::new(c, field, v, p))
            }
            _ => Ok(default),
        }
    }

    /// Reads a call-detail record as a contact; records that are not
    /// contacts of the queue (see [`CdrRead`]) are errors here: use
    /// [`RowReader::read_cdr`] to tell them apart.
    pub fn cdr<'r>(&mut self, rec: &Record<'r>) -> Result<CdrRow<'r>, CellError> {
        match self.read_cdr(rec)? {
            CdrRead::Contact(r) => Ok(r),
            CdrRead::NotQueued { .. } => {
                let c = self.map.get(Field::QueueEntry);
                Err(CellError {
                    column: c,
                    field: Some(Field::QueueEntry),
                    value: c.and_then(|c| rec.cell(c)).unwrap_or("").to_string(),
                    problem: Problem::Unreadable {
                        expected: "a queue entry time (the contact never reached the queue: not queued)",
                    },
                })
            }
            CdrRead::Ignored => {
                let c = self.map.get(Field::Outcome);
                Err(CellError {
                    column: c,
                    field: Some(Field::Outcome),
                    value: c.and_then(|c| rec.cell(c)).unwrap_or("").to_string(),
                    problem: Problem::Unreadable { expected: "an outcome that is not mapped to \"ignore\"" },
                })
            }
        }
    }

    /// Reads a call-detail record.
    ///
    /// - The outcome is read first: a value mapped to
    ///   [`OutcomeMeaning::Ignore`] gives [`CdrRead::Ignored`] without
    ///   reading further.
    /// - Time: the arrival is the `datetime` column, or `date` + `time`. A
    ///   time of day in the queue-entry or queue-exit column is combined with
    ///   the arrival's day (crossing midnight when it reads so) or with the
    ///   `date` column.
    /// - No queue entry (column mapped, cell empty or a sentinel): not
    ///   answered → [`CdrRead::NotQueued`] (left in the IVR: not offered, not
    ///   abandoned); answered → answered at once, wait = the wait cell when
    ///   given, else 0, placed by its arrival time; blocked → as blocked.
    /// - The contact is placed in the interval of its **queue entry** when
    ///   known, else of its arrival, else of its queue exit minus its wait;
    ///   a date without any time column is placed at 00:00 (the importer
    ///   warns: [`crate::ImportWarning::AllAtMidnight`]). A record whose
    ///   file maps a time column but which has no time to place it by is
    ///   rejected.
    /// - Wait: the wait column; else queue exit − queue entry (or arrival).
    pub fn read_cdr<'r>(&mut self, rec: &Record<'r>) -> Result<CdrRead<'r>, CellError> {
        let Some(outcome) = self.outcome(rec)?.outcome() else { return Ok(CdrRead::Ignored) };
        let w = self.when_parts(rec)?;
        let arrival = match (w.days, w.sod) {
            (Some(d), Some(s)) => Some(Timestamp::from_days(d, s)),
            _ => None,
        };
        let entry = self.instant(rec, Field::QueueEntry, arrival, w.days)?;
        let no_entry = entry.is_none() && self.map.get(Field::QueueEntry).is_some();
        if no_entry && matches!(outcome, Outcome::Abandoned | Outcome::ShortAbandon) {
            return Ok(CdrRead::NotQueued {
                arrival,
                queue: self.text(rec, Field::Queue)?,
                channel: self.channel(rec)?,
            });
        }
        let entry_t = entry.map(|(_, t)| t);
        let start = entry_t.or(arrival);
        let exit = self.instant(rec, Field::QueueExit, start, w.days)?;
        let wait_s = if outcome == Outcome::Blocked || no_entry {
            self.optional_duration(rec, Field::Wait, 0.0)?
        } else if self.map.get(Field::Wait).is_some() {
            self.duration(rec, Field::Wait)?.unwrap_or(0.0)
        } else {
            let Some((xc, exit_t)) = exit else {
                return Err(match self.map.get(Field::QueueExit) {
                    Some(c) => CellError::new(
                        c,
                        Field::QueueExit,
                        rec.cell(c).unwrap_or(""),
                        Problem::Unreadable { expected: "a queue exit time (the wait is exit − entry)" },
                    ),
                    None => CellError {
                        column: None,
                        field: Some(Field::Wait),
                        value: String::new(),
                        problem: Problem::Unreadable { expected: "a wait column, or queue entry and exit times" },
                    },
                });
            };
            let Some(s) = start else {
                return Err(CellError::new(
                    xc,
                    Field::QueueExit,
                    rec.cell(xc).unwrap_or(""),
                    Problem::Unreadable { expected: "a queue entry or arrival time to measure the wait from" },
                ));
            };
            let wait = exit_t.seconds() - s.seconds();
            if wait < 0 {
                return Err(CellError::new(
                    xc,
                    Field::QueueExit,
                    rec.cell(xc).unwrap_or(""),
                    Problem::Unreadable { expected: "a queue exit time not before the queue entry" },
                ));
            }
            wait as f64
        };
        let time_mapped = [Field::Time, Field::QueueEntry, Field::QueueExit].iter().any(|f| self.map.get(*f).is_some());
        let placed = match (start, exit, w.days) {
            (Some(t), _, _) => t,
            (None, Some((_, x)), _) if !no_entry => x.plus(-(wait_s.floor() as i64)),
            (None, _, Some(d)) if !time_mapped => Timestamp::from_days(d, w.sod.unwrap_or(0)),
            (None, _, Some(_)) => {
                let (c, f) = match self.map.get(Field::QueueEntry) {
                    Some(c) => (c, Field::QueueEntry),
                    None => match self.map.get(Field::Time) {
                        Some(c) => (c, Field::Time),
                        None => (self.map.get(Field::QueueExit).unwrap_or(0), Field::QueueExit),
                    },
                };
                return Err(CellError::new(
                    c,
                    f,
                    rec.cell(c).unwrap_or(""),
                    Problem::Unreadable {
                        expected: "a time to place the contact in an interval (queue entry, or arrival time for a contact answered without queueing)",
                    },
                ));
            }
            (None, _, None) => return Err(self.no_date(rec, &[Field::DateTime, Field::Date, Field::QueueEntry])),
        };
        let answered = outcome == Outcome::Answered;
        let handling = |me: &Self, field: Field| -> Result<f64, CellError> {
            if answered {
                Ok(me.duration(rec, field)?.unwrap_or(0.0))
            } else {
                me.optional_duration(rec, field, 0.0)
            }
        };
        let talk_s = handling(self, Field::Talk)?;
        let hold_s = handling(self, Field::Hold)?;
        let acw_s = handling(self, Field::Acw)?;
        Ok(CdrRead::Contact(CdrRow {
            contact_id: self.text(rec, Field::ContactId)?,
            arrival: placed,
            queue: self.text(rec, Field::Queue)?,
            channel: self.channel(rec)?,
            outcome,
            wait_s,
            talk_s,
            hold_s,
            acw_s,
            agent: self.text(rec, Field::Agent)?,
            transferred: self.flag(rec, Field::Transferred)?,
            resolved: self.flag(rec, Field::Resolved)?,
            caller: self.text(rec, Field::Caller)?,
            csat: self.score(rec, Field::Csat, 1.0, CSAT_MAX, false)?,
            nps: self.score(rec, Field::Nps, 0.0, 10.0, true)?.map(|x| x as u8),
            reason: self.text(rec, Field::Reason)?,
            complexity: self.score(rec, Field::Complexity, 0.0, 1e6, false)?,
        }))
    }

    /// An optional yes/no cell: empty = unknown.
    fn flag(&self, rec: &Record<'_>, field: Field) -> Result<Option<bool>, CellError> {
        match self.cell(rec, field)? {
            None | Some((_, "")) => Ok(None),
            Some((c, v)) => self.flag_of(v).map(Some).map_err(|p| CellError::new(c, field, v, p)),
        }
    }

    /// An optional score cell in `[min, max]`: empty = not answered.
    fn score(&self, rec: &Record<'_>, field: Field, min: f64, max: f64, whole: bool) -> Result<Option<f64>, CellError> {
        match self.cell(rec, field)? {
            None | Some((_, "")) => Ok(None),
            Some((c, v)) => {
                parse_score(&self.number_text(v), min, max, whole).map(Some).map_err(|p| CellError::new(c, field, v, p))
            }
        }
    }

    /// Reads an agent-report row.
    pub fn agent(&mut self, rec: &Record<'_>) -> Result<AgentRow, CellError> {
        let (period_start, _) = self.when(rec, false)?;
        let agent = match self.cell(rec, Field::Agent)? {
            Some((_, v)) if !v.is_empty() => v.to_string(),
            Some((c, v)) => {
                return Err(CellError::new(
                    c,
                    Field::Agent,
                    v,
                    Problem::Unreadable { expected: "an agent name (the cell is empty)" },
                ))
            }
            None => {
                return Err(CellError {
                    column: None,
                    field: Some(Field::Agent),
                    value: String::new(),
                    problem: Problem::Unreadable { expected: "an agent column" },
                })
            }
        };
        let mut not_ready_by_reason = Vec::with_capacity(self.map.not_ready_reasons.len());
        for (reason, c) in &self.map.not_ready_reasons {
            let v = rec.cell(*c).ok_or_else(|| {
                CellError::new(*c, Field::NotReady, "", Problem::Unreadable { expected: MISSING_CELL })
            })?;
            if v.is_empty() {
                return Err(CellError::new(*c, Field::NotReady, "", Problem::Unreadable { expected: EMPTY_DURATION }));
            }
            let s = parse_duration_cell(&self.number_text(v)).map_err(|p| CellError::new(*c, Field::NotReady, v, p))?;
            not_ready_by_reason.push((reason.clone(), s));
        }
        let mut contacts_by_channel = Vec::new();
        for (field, ch) in [
            (Field::ContactsPhone, Channel::Phone),
            (Field::ContactsEmail, Channel::Email),
            (Field::ContactsChat, Channel::Chat),
            (Field::ContactsMessenger, Channel::Messenger),
            (Field::ContactsWebForm, Channel::WebForm),
        ] {
            if let Some(n) = self.count(rec, field)? {
                contacts_by_channel.push((ch, n));
            }
        }
        Ok(AgentRow {
            period_start,
            agent,
            queue: self.text(rec, Field::Queue)?.map(str::to_string),
            logged_in_s: self.duration(rec, Field::LoggedIn)?,
            available_s: self.duration(rec, Field::Available)?,
            talk_s: self.duration(rec, Field::Talk)?,
            hold_s: self.duration(rec, Field::Hold)?,
            acw_s: self.duration(rec, Field::Acw)?,
            not_ready_s: self.duration(rec, Field::NotReady)?,
            scheduled_s: self.duration(rec, Field::Scheduled)?,
            not_ready_by_reason,
            contacts: self.count(rec, Field::Contacts)?,
            contacts_by_channel,
        })
    }

    /// Which reader a kind uses (for callers dispatching on [`ReportKind`]).
    pub fn kind(&self) -> ReportKind {
        self.map.kind
    }
}

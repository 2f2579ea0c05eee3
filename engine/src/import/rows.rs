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
use super::datetime::{parse_datetime_cell, Timestamp, EXPECTED_DATETIME};
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
    /// Arrival (or queue entry) time.
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
    outcomes: SmallCache<Outcome>,
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
            outcomes: SmallCache::default(),
            channels: SmallCache::default(),
            zone_ignored: 0,
            last_date: ([0; 10], 0),
            thousands_comma: delimiter == Delimiter::Comma,
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
                let ch = self.channels.get_or(v, Channel::parse);
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

    /// Date and time from the `DateTime`, `Date` and `Time` columns: the date
    /// from whichever has one, the time likewise (midnight if none).
    fn when(&mut self, rec: &Record<'_>, need_date: bool) -> Result<(Option<Timestamp>, Option<u32>), CellError> {
        let mut days = None;
        let mut sod = None;
        let mut end = None;
        for field in [Field::DateTime, Field::Date, Field::Time] {
            if let Some((c, v)) = self.cell(rec, field)? {
                if v.is_empty() && field == Field::Time && days.is_some() {
                    continue;
                }
                let parsed =
                    self.datetime(v).map_err(|e| CellError::new(c, field, v, Problem::Unreadable { expected: e }))?;
                if parsed.zone_ignored {
                    self.zone_ignored += 1;
                }
                days = days.or(parsed.days);
                if sod.is_none() {
                    sod = parsed.second_of_day;
                    end = parsed.end_second_of_day;
                }
            }
        }
        match days {
            Some(d) => {
                let start = sod.unwrap_or(0);
                let length = end.and_then(|e| e.checked_sub(start)).filter(|&l| l > 0);
                Ok((Some(Timestamp::from_days(d, start)), length))
            }
            None if !need_date => Ok((None, None)),
            None => {
                let (c, f) = [Field::DateTime, Field::Date, Field::Time]
                    .into_iter()
                    .find_map(|f| self.map.get(f).map(|c| (c, f)))
                    .unwrap_or((0, Field::DateTime));
                let v = rec.cell(c).unwrap_or("");
                Err(CellError::new(c, f, v, Problem::Unreadable { expected: EXPECTED_DATETIME }))
            }
        }
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

    fn outcome(&mut self, rec: &Record<'_>) -> Result<Outcome, CellError> {
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
        let o = self.outcomes.get_or(v, Outcome::parse);
        o.ok_or_else(|| {
            CellError::new(
                c,
                Field::Outcome,
                v,
                Problem::Unreadable { expected: "an outcome: answered, abandoned, short abandon or blocked" },
            )
        })
    }

    /// Reads a call-detail record.
    pub fn cdr<'r>(&mut self, rec: &Record<'r>) -> Result<CdrRow<'r>, CellError> {
        let outcome = self.outcome(rec)?;
        let (arrival, _) = self.when(rec, false)?;
        let entry = match self.cell(rec, Field::QueueEntry)? {
            Some((c, v)) if !v.is_empty() => {
                let p = parse_datetime_cell(v)
                    .map_err(|e| CellError::new(c, Field::QueueEntry, v, Problem::Unreadable { expected: e }))?;
                Some((c, v, p))
            }
            _ => None,
        };
        let arrival = match (arrival, &entry) {
            (Some(a), _) => a,
            (None, Some((c, v, p))) => match (p.timestamp(), p.second_of_day) {
                (Some(t), _) => t,
                _ => {
                    return Err(CellError::new(
                        *c,
                        Field::QueueEntry,
                        v,
                        Problem::Unreadable { expected: EXPECTED_DATETIME },
                    ))
                }
            },
            (None, None) => {
                let (c, f) = [Field::DateTime, Field::Date, Field::QueueEntry]
                    .into_iter()
                    .find_map(|f| self.map.get(f).map(|c| (c, f)))
                    .unwrap_or((0, Field::DateTime));
                let v = rec.cell(c).unwrap_or("");
                return Err(CellError::new(c, f, v, Problem::Unreadable { expected: EXPECTED_DATETIME }));
            }
        };
        let wait_s = if outcome == Outcome::Blocked {
            match self.cell(rec, Field::Wait)? {
                Some((c, v)) if !v.is_empty() => {
                    parse_duration_cell(&self.number_text(v)).map_err(|p| CellError::new(c, Field::Wait, v, p))?
                }
                _ => 0.0,
            }
        } else if self.map.get(Field::Wait).is_some() {
            self.duration(rec, Field::Wait)?.unwrap_or(0.0)
        } else {
            self.wait_from_entry_exit(rec, arrival, entry.map(|(_, _, p)| p))?
        };
        let answered = outcome == Outcome::Answered;
        let handling = |me: &Self, field: Field| -> Result<f64, CellError> {
            if answered {
                Ok(me.duration(rec, field)?.unwrap_or(0.0))
            } else {
                match me.cell(rec, field)? {
                    Some((c, v)) if !v.is_empty() => {
                        parse_duration_cell(&me.number_text(v)).map_err(|p| CellError::new(c, field, v, p))
                    }
                    _ => Ok(0.0),
                }
            }
        };
        let talk_s = handling(self, Field::Talk)?;
        let hold_s = handling(self, Field::Hold)?;
        let acw_s = handling(self, Field::Acw)?;
        Ok(CdrRow {
            contact_id: self.text(rec, Field::ContactId)?,
            arrival,
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
        })
    }

    /// An optional yes/no cell: empty = unknown.
    fn flag(&self, rec: &Record<'_>, field: Field) -> Result<Option<bool>, CellError> {
        match self.cell(rec, field)? {
            None | Some((_, "")) => Ok(None),
            Some((c, v)) => parse_flag(v).map(Some).map_err(|p| CellError::new(c, field, v, p)),
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

    /// Wait = queue exit − queue entry (entry defaults to the arrival time;
    /// an exit with a time only is on the entry's day, or on the next day
    /// when that reads as crossing midnight: earlier than the entry on the
    /// same day and less than 12 hours after it on the next).
    fn wait_from_entry_exit(
        &self,
        rec: &Record<'_>,
        arrival: Timestamp,
        entry: Option<super::datetime::DateTimeCell>,
    ) -> Result<f64, CellError> {
        let entry_t = entry
            .and_then(|p| match (p.timestamp(), p.second_of_day) {
                (Some(t), _) => Some(t),
                (None, Some(s)) => Some(Timestamp::from_days(arrival.days(), s)),
                _ => None,
            })
            .unwrap_or(arrival);
        let (c, v) = match self.cell(rec, Field::QueueExit)? {
            Some(cv) => cv,
            None => {
                return Err(CellError {
                    column: None,
                    field: Some(Field::Wait),
                    value: String::new(),
                    problem: Problem::Unreadable { expected: "a wait column, or queue entry and exit times" },
                })
            }
        };
        let p = parse_datetime_cell(v)
            .map_err(|e| CellError::new(c, Field::QueueExit, v, Problem::Unreadable { expected: e }))?;
        let exit_t = match (p.timestamp(), p.second_of_day) {
            (Some(t), _) => t,
            (None, Some(s)) => {
                let same_day = Timestamp::from_days(entry_t.days(), s);
                let next_day = same_day.plus(86_400);
                if same_day < entry_t && next_day.seconds() - entry_t.seconds() < 43_200 {
                    next_day
                } else {
                    same_day
                }
            }
            _ => {
                return Err(CellError::new(c, Field::QueueExit, v, Problem::Unreadable { expected: EXPECTED_DATETIME }))
            }
        };
        let w = exit_t.seconds() - entry_t.seconds();
        if w < 0 {
            return Err(CellError::new(
                c,
                Field::QueueExit,
                v,
                Problem::Unreadable { expected: "a queue exit time not before the queue entry" },
            ));
        }
        Ok(w as f64)
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

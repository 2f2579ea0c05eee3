//! Civil dates and clock times without a calendar crate: days ↔ (year, month,
//! day) by Howard Hinnant's algorithms, and the date/time cell formats found in
//! Russian and Ukrainian ACD/CRM exports.
//!
//! Times are *local wall-clock* times as written in the file: no time zone, no
//! daylight-saving rules. A contact centre reports in its own local time, and
//! interval grids (08:00, 08:15, …) are defined in that time.

use core::fmt;

/// Expected-value text for date/time cells (shown in rejected-row reports).
pub(crate) const EXPECTED_DATETIME: &str =
    "a date dd.mm.yyyy, yyyy-mm-dd or dd/mm/yyyy, optionally with a time hh:mm[:ss]";
pub(crate) const EXPECTED_TIME: &str = "a time hh:mm[:ss] or an interval hh:mm-hh:mm";

/// Smallest and largest accepted calendar year (guards against garbage such as
/// `01.01.0001` or `01.01.99999` being read as a date).
pub(crate) const MIN_YEAR: i32 = 1900;
pub(crate) const MAX_YEAR: i32 = 2999;

/// A local wall-clock instant: seconds since 1970-01-01 00:00:00 in the
/// report's own (unnamed) time zone.
///
/// ```
/// use callcalc_engine::Timestamp;
/// let t = Timestamp::from_civil(2024, 3, 1, 8, 15, 0).unwrap();
/// assert_eq!(t.to_string(), "2024-03-01T08:15:00");
/// assert_eq!(t.date(), (2024, 3, 1));
/// assert_eq!(t.second_of_day(), 8 * 3600 + 15 * 60);
/// assert_eq!(t.floor_to(1800).to_string(), "2024-03-01T08:00:00");
/// assert_eq!(t.weekday(), 4); // Friday (0 = Monday)
/// assert!(Timestamp::from_civil(2023, 2, 29, 0, 0, 0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// A validated civil date and time (year in 1900..=2999,
    /// real day of month, `hour < 24`, `minute < 60`, `second < 60`).
    pub fn from_civil(year: i32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<Self> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        Some(Timestamp(days * 86_400 + i64::from(hour * 3600 + minute * 60 + second)))
    }

    /// From days since 1970-01-01 and a second of that day.
    pub fn from_days(days: i64, second_of_day: u32) -> Self {
        Timestamp(days * 86_400 + i64::from(second_of_day))
    }

    /// From seconds since 1970-01-01 00:00:00 (local).
    pub fn from_seconds(seconds: i64) -> Self {
        Timestamp(seconds)
    }

    /// Seconds since 1970-01-01 00:00:00 (local).
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        self.0.div_euclid(86_400)
    }

    /// Seconds since local midnight, `0..86400`.
    pub fn second_of_day(self) -> u32 {
        // rem_euclid by 86 400 is in 0..86 400, which fits u32.
        self.0.rem_euclid(86_400) as u32
    }

    /// `(year, month, day)`.
    pub fn date(self) -> (i32, u32, u32) {
        civil_from_days(self.days())
    }

    /// Day of week, 0 = Monday … 6 = Sunday (ISO 8601 order).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The start of the `step_s`-second interval containing this instant, on a
    /// grid anchored at midnight (for steps that divide a day).
    pub fn floor_to(self, step_s: u32) -> Self {
        let step = i64::from(step_s.max(1));
        Timestamp(self.0 - self.0.rem_euclid(step))
    }

    /// This instant plus `seconds`.
    pub fn plus(self, seconds: i64) -> Self {
        Timestamp(self.0.saturating_add(seconds))
    }
}

impl fmt::Display for Timestamp {
    /// ISO 8601 without a zone: `YYYY-MM-DDTHH:MM:SS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.date();
        let s = self.second_of_day();
        write!(f, "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// `true` for Gregorian leap years.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
///
/// Source: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms",
/// `days_from_civil` (public domain).
///
/// ```
/// use callcalc_engine::{civil_from_days, days_from_civil};
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2000, 3, 1), 11_017);
/// assert_eq!(civil_from_days(19_782), (2024, 2, 29));
/// ```
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// `(year, month, day)` of a day count since 1970-01-01; inverse of
/// [`days_from_civil`]. Source: H. Hinnant, `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32, m, d)
}

/// What a date/time cell contained: a date, a time of day, both, or an
/// interval `hh:mm-hh:mm` (start and end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateTimeCell {
    /// Days since 1970-01-01, if the cell had a date.
    pub days: Option<i64>,
    /// Seconds since midnight, if the cell had a time.
    pub second_of_day: Option<u32>,
    /// End of an interval written as `08:00-08:15` (seconds since midnight;
    /// `24:00` allowed here as 86 400).
    pub end_second_of_day: Option<u32>,
    /// The cell carried a time-zone designator (`Z`, `+03:00`) that was not
    /// applied: the clock time is kept as written.
    pub zone_ignored: bool,
}

impl DateTimeCell {
    /// Date and time as one instant (midnight if no time).
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.days.map(|d| Timestamp::from_days(d, self.second_of_day.unwrap_or(0)))
    }
}

/// Reads a date/time cell: `dd.mm.yyyy`, `yyyy-mm-dd`, `dd/mm/yyyy` (also
/// `dd-mm-yyyy`, one-digit day/month), optionally followed by a time
/// `hh:mm[:ss[.fff]]` after a space or ISO `T`, or a time alone, or an
/// interval `hh:mm-hh:mm` (`–`, `—` too). Fractions of a second are
/// truncated. A zone designator after an ISO time is accepted and reported
/// in [`DateTimeCell::zone_ignored`].
///
/// Errors return the text of what was expected.
///
/// ```
/// use callcalc_engine::{parse_datetime_cell, days_from_civil};
/// let c = parse_datetime_cell("01.03.2024 8:15").unwrap();
/// assert_eq!(c.days, Some(days_from_civil(2024, 3, 1)));
/// assert_eq!(c.second_of_day, Some(8 * 3600 + 900));
/// let c = parse_datetime_cell("2024-03-01T08:15:30.250").unwrap();
/// assert_eq!(c.second_of_day, Some(8 * 3600 + 930));
/// let c = parse_datetime_cell("08:00 - 08:15").unwrap();
/// assert_eq!((c.days, c.second_of_day, c.end_second_of_day), (None, Some(28_800), Some(29_700)));
/// assert!(parse_datetime_cell("31.02.2024").is_err());
/// assert!(parse_datetime_cell("25:00").is_err());
/// ```
pub fn parse_datetime_cell(text: &str) -> Result<DateTimeCell, &'static str> {
    let t = super::csv::trim_cell(text);
    if t.is_empty() {
        return Err(EXPECTED_DATETIME);
    }
    // ISO: yyyy-mm-ddThh:mm…
    if let Some(pos) = t.bytes().position(|b| b == b'T' || b == b't') {
        let (d, rest) = (&t[..pos], &t[pos + 1..]);
        let days = parse_date(d).ok_or(EXPECTED_DATETIME)?;
        let (time_part, zone) = split_zone(rest);
        let sod = parse_time(time_part).ok_or(EXPECTED_DATETIME)?;
        return Ok(DateTimeCell {
            days: Some(days),
            second_of_day: Some(sod),
            end_second_of_day: None,
            zone_ignored: zone,
        });
    }
    let space = match t.bytes().position(|b| b == b' ' || b == b'\t') {
        Some(i) => Some(i),
        None if !t.is_ascii() => t.find(char::is_whitespace),
        None => None,
    };
    let (first, rest) = match space {
        Some(i) => (&t[..i], t[i..].trim_start()),
        None => (t, ""),
    };
    let first_clean = first.trim_end_matches(',');
    if let Some(days) = parse_date(first_clean) {
        if rest.is_empty() {
            return Ok(DateTimeCell { days: Some(days), ..DateTimeCell::default() });
        }
        let (start, end) = parse_time_or_range(rest).ok_or(EXPECTED_DATETIME)?;
        return Ok(DateTimeCell {
            days: Some(days),
            second_of_day: Some(start),
            end_second_of_day: end,
            zone_ignored: false,
        });
    }
    match parse_time_or_range(t) {
        Some((start, end)) => {
            Ok(DateTimeCell { days: None, second_of_day: Some(start), end_second_of_day: end, zone_ignored: false })
        }
        None => Err(if t.contains(':') && !t.contains(['.', '/']) { EXPECTED_TIME } else { EXPECTED_DATETIME }),
    }
}

/// Expected-value text for a six-digit date that is not read as `yymmdd`.
pub(crate) const EXPECTED_YYMMDD: &str =
    "a date dd.mm.yyyy or yyyy-mm-dd (six digits are read as yymmdd only when they cannot be ddmmyy or mmddyy)";

/// Reads a six-digit date `yymmdd` (`990101` = 1999-01-01), as days since
/// 1970-01-01 — only when that reading is unambiguous: the same six digits
/// must not also be a valid `ddmmyy` or `mmddyy` date. Two-digit years
/// follow POSIX `strptime` `%y`: 69–99 → 1969–1999, 00–68 → 2000–2068.
/// Used for `date` columns only (the Technion "Anonymous Bank" call-centre
/// data writes its dates so).
///
/// ```
/// use callcalc_engine::{days_from_civil, parse_yymmdd};
/// assert_eq!(parse_yymmdd("990101"), Ok(days_from_civil(1999, 1, 1)));
/// assert_eq!(parse_yymmdd("991231"), Ok(days_from_civil(1999, 12, 31)));
/// assert!(parse_yymmdd("010203").is_err()); // also 01.02.2003 or 02/01/2003
/// assert!(parse_yymmdd("991301").is_err()); // no 13th month
/// assert!(parse_yymmdd("99011").is_err());
/// ```
pub fn parse_yymmdd(text: &str) -> Result<i64, &'static str> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return Err(EXPECTED_DATETIME);
    }
    let pair = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let (p0, p1, p2) = (pair(0), pair(2), pair(4));
    let year = |yy: u32| if yy >= 69 { 1900 + yy as i32 } else { 2000 + yy as i32 };
    let valid = |y: u32, m: u32, d: u32| Timestamp::from_civil(year(y), m, d, 0, 0, 0);
    let ymd = valid(p0, p1, p2).ok_or(EXPECTED_YYMMDD)?;
    if valid(p2, p1, p0).is_some() || valid(p2, p0, p1).is_some() {
        return Err(EXPECTED_YYMMDD);
    }
    Ok(ymd.days())
}

/// Splits a trailing `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh` zone off an
/// ISO time.
fn split_zone(s: &str) -> (&str, bool) {
    let s = s.trim();
    if let Some(x) = s.strip_suffix(['Z', 'z']) {
        return (x, true);
    }
    if let Some(i) = s.rfind(['+', '-']) {
        let zone = &s[i + 1..];
        let ok = match zone.len() {
            2 | 4 => zone.bytes().all(|c| c.is_ascii_digit()),
            5 => zone.as_bytes()[2] == b':' && zone.bytes().enumerate().all(|(k, c)| k == 2 || c.is_ascii_digit()),
            _ => false,
        };
        if ok && i > 0 {
            return (&s[..i], true);
        }
    }
    (s, false)
}

/// Up to `max` ASCII digits at the start of `b`: (value, count).
fn digits(b: &[u8], max: usize) -> (u32, usize) {
    let mut v = 0u32;
    let mut n = 0;
    while n < b.len() && n < max && b[n].is_ascii_digit() {
        v = v * 10 + u32::from(b[n] - b'0');
        n += 1;
    }
    (v, n)
}

/// A date alone, as days since 1970-01-01.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let (a, na) = digits(b, 4);
    if na == 0 || na >= b.len() {
        return None;
    }
    let sep = b[na];
    if !matches!(sep, b'.' | b'-' | b'/') {
        return None;
    }
    let rest = &b[na + 1..];
    let (m, nm) = digits(rest, 2);
    if nm == 0 || nm >= rest.len() || rest[nm] != sep {
        return None;
    }
    let rest2 = &rest[nm + 1..];
    let (c, nc) = digits(rest2, 4);
    if nc != rest2.len() {
        return None;
    }
    let (year, day) = if na == 4 && (1..=2).contains(&nc) {
        (a as i32, c) // yyyy-mm-dd
    } else if (1..=2).contains(&na) && nc == 4 {
        (c as i32, a) // dd.mm.yyyy
    } else {
        return None;
    };
    Timestamp::from_civil(year, m, day, 0, 0, 0).map(|t| t.days())
}

/// `h:mm`, `hh:mm:ss`, `hh:mm:ss.fff` → seconds since midnight (hour < 24).
pub(crate) fn parse_time(s: &str) -> Option<u32> {
    parse_clock(s.trim(), false)
}

fn parse_clock(s: &str, allow_24: bool) -> Option<u32> {
    let b = s.as_bytes();
    let (h, nh) = digits(b, 2);
    if nh == 0 || nh >= b.len() || b[nh] != b':' {
        return None;
    }
    let r = &b[nh + 1..];
    let (m, nm) = digits(r, 2);
    if nm != 2 {
        return None;
    }
    let r = &r[2..];
    let mut sec = 0;
    if !r.is_empty() {
        if r[0] != b':' {
            return None;
        }
        let (sv, ns) = digits(&r[1..], 2);
        if ns != 2 {
            return None;
        }
        sec = sv;
        let tail = &r[3..];
        if !tail.is_empty() {
            // Fraction of a second: truncated.
            if !matches!(tail[0], b'.' | b',') || tail.len() < 2 || !tail[1..].iter().all(u8::is_ascii_digit) {
                return None;
            }
        }
    }
    if m > 59 || sec > 59 {
        return None;
    }
    if h > 23 {
        return if allow_24 && h == 24 && m == 0 && sec == 0 { Some(86_400) } else { None };
    }
    Some(h * 3600 + m * 60 + sec)
}

/// A time, or an interval `start-end` (end may be `24:00`).
fn parse_time_or_range(s: &str) -> Option<(u32, Option<u32>)> {
    let s = super::csv::trim_cell(s);
    let dash = match s.bytes().position(|b| b == b'-') {
        Some(i) => Some(i),
        None if !s.is_ascii() => s.find(['–', '—']),
        None => None,
    };
    if let Some(i) = dash {
        let dash_len = s[i..].chars().next().map_or(1, char::len_utf8);
        let start = parse_clock(s[..i].trim(), false)?;
        let end = parse_clock(s[i + dash_len..].trim(), true)?;
        return Some((start, Some(end)));
    }
    parse_clock(s, false).map(|t| (t, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_centuries() {
        for days in (days_from_civil(1900, 1, 1)..=days_from_civil(2100, 12, 31)).step_by(17) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn date_forms() {
        let d = days_from_civil(2024, 3, 1);
        for s in ["01.03.2024", "1.3.2024", "2024-03-01", "01/03/2024", "01-03-2024", "2024.03.01"] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for s in ["01.03.24", "2024-3", "32.01.2024", "01.13.2024", "01.03/2024", "01.03.2024x", "", "0.0.0"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn zones_are_kept_as_written_and_flagged() {
        let c = parse_datetime_cell("2024-03-01T08:00:00+03:00").unwrap();
        assert_eq!(c.second_of_day, Some(28_800));
        assert!(c.zone_ignored);
        let c = parse_datetime_cell("2024-03-01T08:00:00Z").unwrap();
        assert!(c.zone_ignored);
        assert_eq!(parse_datetime_cell("23:45-24:00").unwrap().end_second_of_day, Some(86_400));
        assert!(parse_datetime_cell("01.03.2024 08:00:00.").is_err());
    }
}

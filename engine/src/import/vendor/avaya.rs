//! Avaya CMS split/skill interval reports exported as text: title lines
//! above the table carry the date (`Date: 03/01/24`, US month/day/year as
//! CMS prints it) and the split (`Split/Skill: 1 Support`); the table's
//! `Time` column holds only the interval (`8:00-8:30`, `8:00 AM-8:30 AM`).
//! The date is joined to each row's time, and the split becomes the queue.

use crate::import::columns::{header_key, normalize_label, ColumnMap, Field, HeldRecord, Layout, ReportKind};
use crate::import::csv::{Delimiter, Record};
use crate::import::datetime::days_from_civil;

/// What the title lines say.
#[derive(Debug, Clone, PartialEq)]
pub struct AvayaContext {
    /// `dd.mm.yyyy` of the report date.
    pub date: String,
    /// The split/skill named in the title, if any.
    pub split: Option<String>,
    /// The column of `Time`.
    pub time_col: usize,
}

/// `03/01/24` or `3/1/2024` (month/day/year) → `01.03.2024`.
fn us_date(s: &str) -> Option<String> {
    let mut p = s.trim().split('/');
    let (m, d, y) = (p.next()?.trim(), p.next()?.trim(), p.next()?.trim());
    if p.next().is_some() {
        return None;
    }
    let (m, d, y): (u32, u32, i32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1990..=2100).contains(&y) {
        return None;
    }
    let _ = days_from_civil(y, m, d);
    Some(format!("{d:02}.{m:02}.{y:04}"))
}

/// The text after `label:` in the first non-empty cell of a title row.
fn title_value<'a>(cells: &'a [String], labels: &[&str]) -> Option<&'a str> {
    let first = cells.iter().find(|c| !c.trim().is_empty())?;
    let (k, v) = first.split_once(':')?;
    let k = normalize_label(k).0;
    if labels.contains(&k.as_str()) {
        let v = v.trim();
        if v.is_empty() {
            // `Date:` in one cell, the value in the next.
            return cells.iter().skip_while(|c| !std::ptr::eq(*c, first)).nth(1).map(|s| s.trim());
        }
        return Some(v);
    }
    None
}

/// An Avaya CMS interval table in the held records with its date in the
/// title lines above: the layout (interval report, `Time` mapped as the
/// date-time) and the context to complete each row.
pub(crate) fn detect(held: &[HeldRecord], delimiter: Delimiter) -> Option<(Layout, AvayaContext)> {
    let (hi, h) = held.iter().enumerate().find(|(_, h)| {
        let n: Vec<String> = h.cells.iter().map(|c| normalize_label(c).0).collect();
        n.iter().any(|c| c == "acd calls") && n.iter().any(|c| c == "avg speed ans")
    })?;
    let mut map = ColumnMap::detect(ReportKind::Interval, &h.cells);
    if map.get(Field::DateTime).is_some() || map.get(Field::Date).is_some() {
        return None; // a table with its own date: the generic path reads it.
    }
    let time_col = h.cells.iter().position(|c| normalize_label(c).0 == "time")?;
    let above = &held[..hi];
    let date = above.iter().find_map(|r| title_value(&r.cells, &["date", "дата"]).and_then(us_date))?;
    let split = above
        .iter()
        .find_map(|r| title_value(&r.cells, &["split skill", "split", "skill"]))
        .map(str::to_string)
        .filter(|s| !s.is_empty());
    map.set(Field::Time, None);
    map.set(Field::DateTime, Some(time_col));
    map.get(Field::Offered)?;
    let layout = Layout {
        delimiter,
        header_rows: vec![h.row],
        columns: h.cells.clone(),
        key: header_key(&h.cells),
        map,
        values: Default::default(),
    };
    Some((layout, AvayaContext { date, split, time_col }))
}

/// `8:00 AM` → `08:00`; `12:30 PM` → `12:30`; `8:00` unchanged.
fn clock_24(t: &str) -> String {
    let t = t.trim();
    let up = t.to_ascii_uppercase();
    let (body, pm) = if let Some(b) = up.strip_suffix("PM") {
        (b.trim().to_string(), Some(true))
    } else if let Some(b) = up.strip_suffix("AM") {
        (b.trim().to_string(), Some(false))
    } else {
        return t.to_string();
    };
    let Some((h, m)) = body.split_once(':') else { return t.to_string() };
    let Ok(h) = h.trim().parse::<u32>() else { return t.to_string() };
    let h = match (h, pm) {
        (12, Some(false)) => 0,
        (h, Some(true)) if h < 12 => h + 12,
        (h, _) => h,
    };
    format!("{h:02}:{}", m.trim())
}

/// The row with its `Time` cell completed by the report date
/// (`01.03.2024 08:00-08:30`), as owned fields for [`Record::from_parts`].
pub(crate) fn complete_row(rec: &Record<'_>, ctx: &AvayaContext) -> Vec<String> {
    (0..rec.len())
        .map(|i| {
            let raw = rec.raw(i).unwrap_or("");
            if i != ctx.time_col || raw.trim().is_empty() {
                return raw.to_string();
            }
            let t = rec.cell(i).unwrap_or("");
            let range = match t.split_once('-') {
                Some((a, b)) => format!("{}-{}", clock_24(a), clock_24(b)),
                None => clock_24(t),
            };
            format!("{} {range}", ctx.date)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_clocks() {
        assert_eq!(us_date("03/01/24").as_deref(), Some("01.03.2024"));
        assert_eq!(us_date("12/31/2023").as_deref(), Some("31.12.2023"));
        assert_eq!(us_date("13/01/24"), None);
        assert_eq!(clock_24("8:00 AM"), "08:00");
        assert_eq!(clock_24("12:00 AM"), "00:00");
        assert_eq!(clock_24("1:30PM"), "13:30");
        assert_eq!(clock_24("8:00"), "8:00");
        assert_eq!(clock_24("Я:ПМ"), "Я:ПМ");
    }
}

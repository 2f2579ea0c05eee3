//! The import page's value-level choices on a layout: what each distinct
//! value of a coded column means (outcome, channel, yes/no, or "empty"),
//! sentinels ("empty" texts) of any mapped column, row filters — and the
//! words for readings and plausibility warnings in RU/EN. The engine
//! (`ValueMapping` in `Layout::values`) does the reading; this only edits
//! the choices and words them.

use callcalc_engine::{Channel, Field, ImportWarning, Layout, OutcomeMeaning, RowFilter};

use crate::i18n::{field_text, Lang, Msg};

/// What the user says one distinct value of a coded column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueChoice {
    /// No choice: the importer's built-in reading.
    AsRead,
    Outcome(OutcomeMeaning),
    Channel(Channel),
    Flag(bool),
    /// The text means an empty cell (a sentinel).
    Empty,
}

impl ValueChoice {
    /// A stable token for a `<select>` value.
    pub fn token(self) -> String {
        match self {
            ValueChoice::AsRead => "as_read".into(),
            ValueChoice::Outcome(m) => format!("outcome:{}", m.name()),
            ValueChoice::Channel(c) => format!("channel:{}", c.name()),
            ValueChoice::Flag(b) => format!("flag:{}", if b { "yes" } else { "no" }),
            ValueChoice::Empty => "empty".into(),
        }
    }

    /// Inverse of [`ValueChoice::token`].
    pub fn from_token(t: &str) -> Option<ValueChoice> {
        match t.split_once(':') {
            None if t == "as_read" => Some(ValueChoice::AsRead),
            None if t == "empty" => Some(ValueChoice::Empty),
            Some(("outcome", m)) => OutcomeMeaning::from_name(m).map(ValueChoice::Outcome),
            Some(("channel", c)) => Channel::from_name(c).map(ValueChoice::Channel),
            Some(("flag", "yes")) => Some(ValueChoice::Flag(true)),
            Some(("flag", "no")) => Some(ValueChoice::Flag(false)),
            _ => None,
        }
    }
}

/// The choices offered for the values of `field`.
pub fn choices_for(field: Field) -> Vec<ValueChoice> {
    let mut out = vec![ValueChoice::AsRead];
    match field {
        Field::Outcome => out.extend(OutcomeMeaning::ALL.map(ValueChoice::Outcome)),
        Field::Channel => out.extend(Channel::ALL.map(ValueChoice::Channel)),
        Field::Transferred | Field::Resolved => out.extend([ValueChoice::Flag(true), ValueChoice::Flag(false)]),
        _ => {}
    }
    if field != Field::Outcome {
        out.push(ValueChoice::Empty);
    }
    out
}

fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// The user's explicit choice for `raw` in a column of `field` (else [`ValueChoice::AsRead`]).
pub fn current_choice(layout: &Layout, field: Field, raw: &str) -> ValueChoice {
    let v = &layout.values;
    if field != Field::Outcome && v.empty.iter().any(|(f, s)| *f == field && same(s, raw)) {
        return ValueChoice::Empty;
    }
    let explicit = match field {
        Field::Outcome => v.outcomes.iter().find(|(k, _)| same(k, raw)).map(|(_, m)| ValueChoice::Outcome(*m)),
        Field::Channel => v.channels.iter().find(|(k, _)| same(k, raw)).map(|(_, c)| ValueChoice::Channel(*c)),
        Field::Transferred | Field::Resolved => {
            v.flags.iter().find(|(k, _)| same(k, raw)).map(|(_, b)| ValueChoice::Flag(*b))
        }
        _ => None,
    };
    explicit.unwrap_or(ValueChoice::AsRead)
}

/// `layout` with `choice` for `raw` in the column of `field` (an earlier
/// choice for the same text is replaced; [`ValueChoice::AsRead`] removes it).
pub fn with_choice(layout: &Layout, field: Field, raw: &str, choice: ValueChoice) -> Layout {
    let mut l = layout.clone();
    let v = &mut l.values;
    v.empty.retain(|(f, s)| !(*f == field && same(s, raw)));
    match field {
        Field::Outcome => v.outcomes.retain(|(k, _)| !same(k, raw)),
        Field::Channel => v.channels.retain(|(k, _)| !same(k, raw)),
        Field::Transferred | Field::Resolved => v.flags.retain(|(k, _)| !same(k, raw)),
        _ => {}
    }
    match choice {
        ValueChoice::AsRead => {}
        ValueChoice::Outcome(m) => v.set_outcome(raw, m),
        ValueChoice::Channel(c) => v.set_channel(raw, c),
        ValueChoice::Flag(b) => v.set_flag(raw, b),
        ValueChoice::Empty => v.add_empty(field, raw),
    }
    l
}

/// `layout` with the sentinel `raw` ("means empty") for `field`; `None`
/// when the text is blank.
pub fn with_sentinel(layout: &Layout, field: Field, raw: &str) -> Option<Layout> {
    (!raw.trim().is_empty()).then(|| {
        let mut l = layout.clone();
        l.values.add_empty(field, raw);
        l
    })
}

/// `layout` without its `i`-th sentinel.
pub fn without_sentinel(layout: &Layout, i: usize) -> Layout {
    let mut l = layout.clone();
    if i < l.values.empty.len() {
        l.values.empty.remove(i);
    }
    l
}

/// `layout` with a row filter leaving out rows whose `field` is `value`;
/// `None` when the value is blank.
pub fn with_filter(layout: &Layout, field: Field, value: &str) -> Option<Layout> {
    (!value.trim().is_empty()).then(|| {
        let mut l = layout.clone();
        l.values.add_exclude(field, value);
        l
    })
}

/// `layout` without its `i`-th row filter.
pub fn without_filter(layout: &Layout, i: usize) -> Layout {
    let mut l = layout.clone();
    if i < l.values.exclude.len() {
        l.values.exclude.remove(i);
    }
    l
}

/// A row filter in words: `queue = «TT»`.
pub fn filter_text(lang: Lang, f: &RowFilter) -> String {
    format!("{} = «{}»", field_text(lang, f.field), f.value)
}

fn outcome_text(lang: Lang, m: OutcomeMeaning) -> &'static str {
    match m {
        OutcomeMeaning::Answered => Msg::ImpValAnswered.text(lang),
        OutcomeMeaning::Abandoned => Msg::ImpValAbandoned.text(lang),
        OutcomeMeaning::ShortAbandon => Msg::ImpValShortAbandon.text(lang),
        OutcomeMeaning::Blocked => Msg::ImpValBlocked.text(lang),
        OutcomeMeaning::Ignore => Msg::ImpValIgnore.text(lang),
    }
}

fn channel_text(lang: Lang, c: Channel) -> &'static str {
    match c {
        Channel::Phone => Msg::ImpValPhone.text(lang),
        Channel::Email => Msg::ImpValEmail.text(lang),
        Channel::Chat => Msg::ImpValChat.text(lang),
        Channel::Messenger => Msg::ImpValMessenger.text(lang),
        Channel::WebForm => Msg::ImpValWebForm.text(lang),
    }
}

/// A choice in words (the select's options).
pub fn choice_text(lang: Lang, c: ValueChoice) -> &'static str {
    match c {
        ValueChoice::AsRead => Msg::ImpValAsRead.text(lang),
        ValueChoice::Outcome(m) => outcome_text(lang, m),
        ValueChoice::Channel(ch) => channel_text(lang, ch),
        ValueChoice::Flag(true) => Msg::ImpValYes.text(lang),
        ValueChoice::Flag(false) => Msg::ImpValNo.text(lang),
        ValueChoice::Empty => Msg::ImpValEmpty.text(lang),
    }
}

/// What the importer reads a value as (`ValueCount::reading`), in words;
/// a queue's name is shown as it is.
pub fn reading_text(lang: Lang, field: Field, reading: Option<&str>) -> String {
    let Some(r) = reading else { return Msg::ImpValNotUnderstood.text(lang).to_string() };
    if r == "empty" {
        return Msg::ImpValEmpty.text(lang).to_string();
    }
    match field {
        Field::Outcome => OutcomeMeaning::from_name(r).map(|m| outcome_text(lang, m).to_string()),
        Field::Channel => Channel::from_name(r).map(|c| channel_text(lang, c).to_string()),
        Field::Transferred | Field::Resolved => match r {
            "yes" => Some(Msg::ImpValYes.text(lang).to_string()),
            "no" => Some(Msg::ImpValNo.text(lang).to_string()),
            _ => None,
        },
        _ => None,
    }
    .unwrap_or_else(|| r.to_string())
}

fn hms(s: u32) -> String {
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A plausibility warning in words, naming the cause and what to do.
pub fn warning_text(lang: Lang, w: &ImportWarning) -> String {
    match w {
        ImportWarning::AllInOneInterval { start, rows } => {
            let (y, m, d) = start.date();
            let at = format!("{d:02}.{m:02}.{y:04} {}", hms(start.second_of_day()));
            format!(
                "{} {rows} {} {at}. {}",
                Msg::ImpWarnAll.text(lang),
                Msg::ImpWarnOneInterval.text(lang),
                Msg::ImpWarnMapTime.text(lang)
            )
        }
        ImportWarning::AllAtMidnight { rows } => {
            format!(
                "{} {rows} {} {}",
                Msg::ImpWarnAll.text(lang),
                Msg::ImpWarnMidnight.text(lang),
                Msg::ImpWarnMapTime.text(lang)
            )
        }
        ImportWarning::SameTimeOfDay { second_of_day, rows, of } => format!(
            "{rows} {} {of} {} {}. {}",
            Msg::ImportxOf.text(lang),
            Msg::ImpWarnSameTime.text(lang),
            hms(*second_of_day),
            Msg::ImpWarnCheckTime.text(lang)
        ),
        ImportWarning::FilterFieldNotMapped { field, value } => format!(
            "{} {}: {}",
            Msg::ImpWarnFilterUnmapped.text(lang),
            filter_text(lang, &RowFilter { field: *field, value: value.clone() }),
            Msg::ImpWarnFilterUnmappedWhy.text(lang)
        ),
        ImportWarning::NotQueuedWithoutTime { rows } => format!("{rows} {}", Msg::ImpWarnNotQueuedUntimed.text(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callcalc_engine::{sniff, ImportOptions, Timestamp};

    fn layout() -> Layout {
        sniff("Дата;Время;Результат;Ожидание;Канал\n01.03.2024;08:00:05;HANG;12;IVR\n", &ImportOptions::new("x.csv"))
            .unwrap()
    }

    #[test]
    fn a_value_choice_replaces_the_earlier_one_and_as_read_removes_it() {
        let l = layout();
        for f in [Field::Outcome, Field::Channel, Field::Transferred, Field::Queue] {
            for c in choices_for(f) {
                assert_eq!(ValueChoice::from_token(&c.token()), Some(c));
            }
        }
        assert!(!choices_for(Field::Outcome).contains(&ValueChoice::Empty));
        let a = with_choice(&l, Field::Outcome, "HANG", ValueChoice::Outcome(OutcomeMeaning::Blocked));
        let b = with_choice(&a, Field::Outcome, " HANG ", ValueChoice::Outcome(OutcomeMeaning::Abandoned));
        assert_eq!(b.values.outcomes, vec![("HANG".to_string(), OutcomeMeaning::Abandoned)]);
        assert_eq!(current_choice(&b, Field::Outcome, "HANG"), ValueChoice::Outcome(OutcomeMeaning::Abandoned));
        let c = with_choice(&b, Field::Outcome, "HANG", ValueChoice::AsRead);
        assert!(c.values.outcomes.is_empty());
        let e = with_choice(&l, Field::Channel, "-", ValueChoice::Empty);
        assert_eq!(current_choice(&e, Field::Channel, "-"), ValueChoice::Empty);
        let e = with_choice(&e, Field::Channel, "-", ValueChoice::Channel(Channel::Chat));
        assert!(e.values.empty.is_empty());
        assert_eq!(current_choice(&e, Field::Channel, "-"), ValueChoice::Channel(Channel::Chat));
        let s = with_sentinel(&l, Field::Wait, "n/a").unwrap();
        assert!(with_sentinel(&l, Field::Wait, "  ").is_none());
        assert_eq!(without_sentinel(&s, 0).values.empty, vec![]);
        let f = with_filter(&l, Field::Queue, "TT").unwrap();
        assert_eq!(filter_text(Lang::Ru, &f.values.exclude[0]), "очередь (группа, услуга) = «TT»");
        assert!(without_filter(&f, 0).values.exclude.is_empty());
    }

    #[test]
    fn readings_and_warnings_are_worded_in_both_languages() {
        assert_eq!(reading_text(Lang::Ru, Field::Outcome, Some("ignore")), "не звонок (не учитывать строку)");
        assert_eq!(reading_text(Lang::En, Field::Outcome, None), "not understood");
        assert_eq!(reading_text(Lang::Ru, Field::Queue, Some("Общая")), "Общая");
        assert_eq!(reading_text(Lang::Ru, Field::Transferred, Some("yes")), "да");
        let midnight = warning_text(Lang::Ru, &ImportWarning::AllAtMidnight { rows: 40 });
        assert_eq!(
            midnight,
            "Все 40 звонков — ровно в 00:00:00: в столбце даты нет времени. Сопоставьте столбец времени (поступление, вход в очередь или выход из неё)."
        );
        let start = Timestamp::from_civil(2024, 3, 1, 8, 0, 0).unwrap();
        let one = warning_text(Lang::En, &ImportWarning::AllInOneInterval { start, rows: 12 });
        assert_eq!(one, "All 12 kept contacts fall in one interval, starting 01.03.2024 08:00:00. Map a time column (arrival, queue entry or queue exit).");
        let same = warning_text(Lang::Ru, &ImportWarning::SameTimeOfDay { second_of_day: 3600, rows: 95, of: 100 });
        assert!(same.starts_with("95 из 100 звонков в одно и то же время суток 01:00:00."), "{same}");
        for w in [
            ImportWarning::FilterFieldNotMapped { field: Field::Queue, value: "тест".into() },
            ImportWarning::NotQueuedWithoutTime { rows: 3 },
        ] {
            let ru = warning_text(Lang::Ru, &w);
            assert!(!ru.chars().any(|c| c.is_ascii_alphabetic()), "{ru}");
            assert_ne!(ru, warning_text(Lang::En, &w));
        }
    }
}

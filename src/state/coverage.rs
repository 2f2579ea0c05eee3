//! What the data set covers, as the pages say it: the period, the days with
//! contacts and the calendar days (the data-set badge on every analysis
//! page), a partly covered month and its scaling (budget), a history too
//! short for what was asked (budget, forecast backtest) and a KPI row over a
//! partial period. The numbers come from the engine's [`Coverage`]; this
//! module only words them, in Russian or English.

use callcalc_engine::{civil_from_days, Coverage, MonthCoverage, ShortHistory};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{Lang, Msg};
use crate::state::dataset::{use_dataset, DataSet};

/// A day as the language writes dates: `03.03.2003` / `2003-03-03`.
pub fn date_text(lang: Lang, day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    match lang {
        Lang::Ru => format!("{d:02}.{m:02}.{y:04}"),
        Lang::En => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// `n` with "day" in the form the number takes: `1 день`, `3 дня`, `5 дней`,
/// `11 дней`, `21 день` / `1 day`, `3 days`.
pub fn days_text(lang: Lang, n: u32) -> String {
    let word = match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (1, r) if r != 11 => Msg::CovDayOne,
            (2..=4, r) if !(12..=14).contains(&r) => Msg::CovDayFew,
            _ => Msg::CovDayMany,
        },
        Lang::En if n == 1 => Msg::CovDayOne,
        Lang::En => Msg::CovDayMany,
    };
    format!("{} {}", format::number(lang, f64::from(n), 0), word.text(lang))
}

/// The month's name and year: `июль 2003` / `July 2003`.
pub fn month_text(lang: Lang, year: i32, month: u32) -> String {
    const NAMES: [Msg; 12] = [
        Msg::CovMonth1,
        Msg::CovMonth2,
        Msg::CovMonth3,
        Msg::CovMonth4,
        Msg::CovMonth5,
        Msg::CovMonth6,
        Msg::CovMonth7,
        Msg::CovMonth8,
        Msg::CovMonth9,
        Msg::CovMonth10,
        Msg::CovMonth11,
        Msg::CovMonth12,
    ];
    let name = NAMES.get(month.wrapping_sub(1) as usize).map_or("?", |m| m.text(lang));
    format!("{name} {year}")
}

/// The badge line: `Период: 03.03.2003 – 05.03.2003, 3 дня с обращениями;
/// календарных дней в периоде: 3`.
pub fn coverage_line(lang: Lang, c: &Coverage) -> String {
    format!(
        "{}: {} – {}, {} {}; {} {}",
        Msg::CovData.text(lang),
        date_text(lang, c.first_day),
        date_text(lang, c.last_day),
        days_text(lang, c.open_days),
        Msg::CovWithContacts.text(lang),
        Msg::CovCalendarDays.text(lang),
        format::number(lang, f64::from(c.calendar_days), 0),
    )
}

/// What asked for more history than there is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The budget's workload (volumes per month, the typical day).
    Budget,
    /// The forecast's backtest (methods compared on the last weeks).
    Backtest,
}

/// The refusal: `Для бюджета нужна история не менее 7 календарных дней; в
/// данных 1 день (1 с обращениями). …`.
pub fn short_history_text(lang: Lang, need: Need, s: &ShortHistory) -> String {
    let (what, after) = match need {
        Need::Budget => (Msg::CovNeedBudget, Msg::CovNeedBudgetAfter),
        Need::Backtest => (Msg::CovNeedBacktest, Msg::CovNeedBacktestAfter),
    };
    let needed = if need == Need::Backtest && s.needed_days.is_multiple_of(7) {
        let weeks = s.needed_days / 7;
        // After "не менее" / "at least": "1 недели", "2 недель" / "1 week", "2 weeks".
        let word = if weeks == 1 { Msg::CovWeekOne } else { Msg::CovWeekMany };
        format!("{weeks} {} ({})", word.text(lang), days_text(lang, s.needed_days))
    } else {
        days_text(lang, s.needed_days)
    };
    format!(
        "{} {needed}; {} {} ({} {}). {}",
        what.text(lang),
        Msg::CovInData.text(lang),
        days_text(lang, s.calendar_days),
        format::number(lang, f64::from(s.open_days), 0),
        Msg::CovWithContacts.text(lang),
        after.text(lang),
    )
}

/// A partly covered month and its scaling: `июль 2003: 1 день данных из 31;
/// объём масштабирован ×31,00`.
pub fn month_scale_text(lang: Lang, m: &MonthCoverage, scale: f64) -> String {
    format!(
        "{}: {} {} {}; {} ×{}",
        month_text(lang, m.year, m.month),
        days_text(lang, m.open_days),
        Msg::CovDataOf.text(lang),
        m.days_in_month,
        Msg::CovScaled.text(lang),
        format::number(lang, scale, 2),
    )
}

/// A KPI row over a partial period: `неполный период: 1 из 31 дн.`.
pub fn partial_text(lang: Lang, covered: u32, of: u32) -> String {
    format!("{} {covered} {} {of} {}", Msg::CovPartial.text(lang), Msg::CovOf.text(lang), Msg::CovDaysShort.text(lang))
}

/// The data set's coverage as a context, provided once by the App so every
/// page reads the same memo.
#[derive(Clone, Copy)]
pub struct CoverageMemo(pub Memo<Option<Coverage>>);

/// Provides the coverage memo ([`DataSet::coverage`] of the current data set,
/// computed when first read and again only when the data set changes).
pub fn provide_coverage() -> Memo<Option<Coverage>> {
    let data = use_dataset();
    let memo = Memo::new(move |_| data.with(DataSet::coverage));
    provide_context(CoverageMemo(memo));
    memo
}

/// The data set's coverage: the App's memo, or a new one where none was
/// provided (component tests mount pages without the App).
pub fn use_coverage() -> Memo<Option<Coverage>> {
    use_context::<CoverageMemo>().map_or_else(provide_coverage, |c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use callcalc_engine::days_from_civil;

    #[test]
    fn russian_day_counts_take_the_right_form() {
        let ru = |n| days_text(Lang::Ru, n);
        assert_eq!(ru(1), "1 день");
        assert_eq!(ru(3), "3 дня");
        assert_eq!(ru(5), "5 дней");
        assert_eq!(ru(11), "11 дней");
        assert_eq!(ru(12), "12 дней");
        assert_eq!(ru(21), "21 день");
        assert_eq!(ru(22), "22 дня");
        assert_eq!(ru(111), "111 дней");
        assert_eq!(days_text(Lang::En, 1), "1 day");
        assert_eq!(days_text(Lang::En, 2), "2 days");
    }

    #[test]
    fn the_badge_line_names_the_period_and_the_days() {
        let c = Coverage {
            first_day: days_from_civil(2003, 3, 3),
            last_day: days_from_civil(2003, 3, 5),
            open_days: 3,
            calendar_days: 3,
            interval_s: 900,
            months: vec![],
        };
        assert_eq!(
            coverage_line(Lang::Ru, &c),
            "Период: 03.03.2003 – 05.03.2003, 3 дня с обращениями; календарных дней в периоде: 3"
        );
        assert_eq!(
            coverage_line(Lang::En, &c),
            "Period: 2003-03-03 – 2003-03-05, 3 days with contacts; calendar days in the period: 3"
        );
    }

    #[test]
    fn the_refusals_say_what_is_needed_and_what_there_is() {
        let s = ShortHistory { needed_days: 14, calendar_days: 1, open_days: 1 };
        let ru = short_history_text(Lang::Ru, Need::Backtest, &s);
        assert!(ru.starts_with("Для прогноза нужна история не менее 2 недель (14 дней); в данных 1 день"), "{ru}");
        let s = ShortHistory { needed_days: 7, calendar_days: 1, open_days: 1 };
        let ru = short_history_text(Lang::Ru, Need::Budget, &s);
        assert!(ru.starts_with("Для бюджета нужна история не менее 7 дней; в данных 1 день (1 с обращениями)"), "{ru}");
        let en = short_history_text(Lang::En, Need::Budget, &s);
        assert!(en.starts_with("The budget needs a history of at least 7 days; the data has 1 day"), "{en}");
        assert!(!ru.chars().any(|c| c.is_ascii_alphabetic()), "no English in the Russian text: {ru}");
    }

    #[test]
    fn a_partial_month_and_a_partial_row_are_worded() {
        let m = MonthCoverage { year: 2003, month: 7, days_in_month: 31, covered_days: 1, open_days: 1, offered: 1.0 };
        assert_eq!(month_scale_text(Lang::Ru, &m, 31.0), "июль 2003: 1 день данных из 31; объём масштабирован ×31,00");
        assert_eq!(month_scale_text(Lang::En, &m, 31.0), "July 2003: 1 day of data of 31; volume scaled ×31.00");
        assert_eq!(partial_text(Lang::Ru, 1, 31), "неполный период: 1 из 31 дн.");
        assert_eq!(partial_text(Lang::En, 1, 31), "partial: 1 of 31 days");
    }
}

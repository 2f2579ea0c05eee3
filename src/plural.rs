//! A count followed by its noun in the form that agrees with it:
//! «1 интервал», «2 интервала», «5 интервалов», «21 интервал»; "1 interval",
//! "2 intervals". The Russian rule is the engine's
//! ([`callcalc_engine::plural::RuPlural`]); the nouns and their forms are in
//! the i18n catalogue ([`Noun`]).

use callcalc_engine::plural::RuPlural;

use crate::i18n::{Lang, Noun};

/// The form of `noun` that follows the whole number `n`.
pub fn noun(lang: Lang, n: u64, noun: Noun) -> &'static str {
    match lang {
        Lang::Ru => RuPlural::of(n).pick(noun.ru()),
        Lang::En => noun.en()[usize::from(n != 1)],
    }
}

/// `n` in plain digits (a count, as the page's tests and exports read it), a
/// space, and the agreeing noun.
pub fn count(lang: Lang, n: u64, what: Noun) -> String {
    format!("{n} {}", noun(lang, n, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_take_one_few_or_many() {
        let cases = [
            (1, "1 интервал"),
            (2, "2 интервала"),
            (5, "5 интервалов"),
            (11, "11 интервалов"),
            (21, "21 интервал"),
            (122, "122 интервала"),
            (1011, "1011 интервалов"),
        ];
        for (n, want) in cases {
            assert_eq!(count(Lang::Ru, n, Noun::Interval), want);
        }
        assert_eq!(count(Lang::Ru, 92, Noun::ForecastDay), "92 прогнозных дня");
        assert_eq!(count(Lang::Ru, 1, Noun::AgentReportRow), "1 строка отчёта по операторам");
    }

    #[test]
    fn english_counts_take_singular_or_plural() {
        assert_eq!(count(Lang::En, 1, Noun::Interval), "1 interval");
        assert_eq!(count(Lang::En, 0, Noun::Interval), "0 intervals");
        assert_eq!(count(Lang::En, 1234, Noun::ForecastDay), "1234 forecast days");
    }

    #[test]
    fn every_noun_has_all_forms() {
        for &n in Noun::ALL {
            assert!(n.ru().iter().chain(n.en().iter()).all(|f| !f.trim().is_empty()), "{n:?}");
            assert_ne!(n.ru()[0], n.en()[0], "{n:?} untranslated");
        }
    }
}

//! Showing numbers as each language writes them: `1 234,5` in Russian,
//! `1,234.5` in English. Text only; never HTML.

use crate::i18n::Lang;

/// `x` with `decimals` digits after the separator, digit groups of three.
pub fn number(lang: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let group = match lang {
        Lang::Ru => '\u{a0}',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    // "-0.0" is shown as "0.0".
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(lang.decimal_sep());
        out.push_str(&f);
    }
    out
}

/// A share in [0, 1] as a percentage: `88,8 %` / `88.8%`.
pub fn percent(lang: Lang, share: f64, decimals: usize) -> String {
    let n = number(lang, share * 100.0, decimals);
    match lang {
        Lang::Ru => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// Shortest readable form for messages and inputs (up to 6 significant decimals).
pub fn plain(lang: Lang, x: f64) -> String {
    let mut s = format!("{x:.6}");
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    if lang == Lang::Ru {
        s = s.replace('.', ",");
    }
    s
}

/// A p- or q-value as people read and report them: `< 0,001` / `< 0.001`
/// below 0.001; otherwise two significant digits from 0.1 up (`0,54`) and
/// three decimals below (`0,032`, `0,004`), with the language's decimal
/// separator. Never scientific notation. `—` when not a number.
pub fn p_value(lang: Lang, p: f64) -> String {
    if !p.is_finite() {
        return "—".to_string();
    }
    let p = p.clamp(0.0, 1.0);
    if p < 0.001 {
        return format!("< {}", number(lang, 0.001, 3));
    }
    // 0.0995… rounds to 0.100 at three decimals: two are enough from there.
    let decimals = if p >= 0.0995 { 2 } else { 3 };
    number(lang, p, decimals)
}

/// `symbol` and its p-value as a statement: `q < 0,001`, `p = 0,032`.
pub fn p_statement(lang: Lang, symbol: &str, p: f64) -> String {
    let v = p_value(lang, p);
    if v.starts_with('<') {
        format!("{symbol} {v}")
    } else {
        format!("{symbol} = {v}")
    }
}

#[cfg(test)]
mod p_value_tests {
    use super::*;

    #[test]
    fn p_values_are_written_as_people_read_them() {
        assert_eq!(p_value(Lang::Ru, 0.0), "< 0,001");
        assert_eq!(p_value(Lang::Ru, 3.2e-7), "< 0,001");
        assert_eq!(p_value(Lang::En, 0.000_999), "< 0.001");
        assert_eq!(p_value(Lang::Ru, 0.001), "0,001");
        assert_eq!(p_value(Lang::Ru, 0.0324), "0,032");
        assert_eq!(p_value(Lang::En, 0.0324), "0.032");
        assert_eq!(p_value(Lang::Ru, 0.00449), "0,004");
        assert_eq!(p_value(Lang::Ru, 0.0996), "0,10");
        assert_eq!(p_value(Lang::Ru, 0.5432), "0,54");
        assert_eq!(p_value(Lang::En, 1.0), "1.00");
        assert_eq!(p_value(Lang::En, f64::NAN), "—");
        assert_eq!(p_statement(Lang::Ru, "q", 1e-9), "q < 0,001");
        assert_eq!(p_statement(Lang::Ru, "p", 0.032), "p = 0,032");
        assert_eq!(p_statement(Lang::En, "p", 0.25), "p = 0.25");
        // Never the scientific notation the page used to show.
        for p in [0.0, 1e-12, 5e-5, 0.0123, 0.5] {
            for lang in [Lang::Ru, Lang::En] {
                let t = p_value(lang, p);
                assert!(!t.contains('e'), "{t}");
                if lang == Lang::Ru {
                    assert!(!t.contains('.'), "{t}");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_separators_follow_the_language() {
        assert_eq!(number(Lang::Ru, 1234.5, 1), "1\u{a0}234,5");
        assert_eq!(number(Lang::En, 1234567.0, 0), "1,234,567");
        assert_eq!(number(Lang::En, -0.04, 1), "0.0");
        assert_eq!(number(Lang::En, -2.5, 1), "−2.5");
        assert_eq!(percent(Lang::Ru, 0.8883, 1), "88,8\u{a0}%");
        assert_eq!(plain(Lang::Ru, 0.85), "0,85");
        assert_eq!(number(Lang::En, f64::NAN, 1), "—");
    }
}

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

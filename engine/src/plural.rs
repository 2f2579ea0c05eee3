//! Russian plural forms for a count followed by a noun ("1 звонок",
//! "2 звонка", "5 звонков", "21 звонок", "11 звонков").
//!
//! Rule (CLDR plural rules for `ru`, cardinal, integers):
//! - *one*: `n mod 10 = 1` and `n mod 100 ≠ 11` — 1, 21, 101 → «звонок»;
//! - *few*: `n mod 10 ∈ 2..=4` and `n mod 100 ∉ 12..=14` — 2, 3, 24 → «звонка»;
//! - *many*: everything else — 0, 5–20, 25, 111, 112 → «звонков».
//!
//! A fractional number takes the genitive singular («1,5 звонка»), which is
//! the *few* form (CLDR's `other` for decimals; Розенталь, «Справочник по
//! правописанию и стилистике», § 187).
//!
//! Source: Unicode CLDR, Language Plural Rules, `ru`
//! (<https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html>).

/// Which of the three Russian noun forms follows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuPlural {
    /// 1, 21, 31, 101 … (nominative singular: «звонок»).
    One,
    /// 2–4, 22–24 … and fractions (genitive singular: «звонка»).
    Few,
    /// 0, 5–20, 25–30, 111–114 … (genitive plural: «звонков»).
    Many,
}

impl RuPlural {
    /// The form for a whole count `n` (CLDR `ru` cardinal rule, see the module).
    ///
    /// ```
    /// use callcalc_engine::plural::RuPlural;
    /// assert_eq!(RuPlural::of(1), RuPlural::One);
    /// assert_eq!(RuPlural::of(2), RuPlural::Few);
    /// assert_eq!(RuPlural::of(5), RuPlural::Many);
    /// assert_eq!(RuPlural::of(11), RuPlural::Many);
    /// assert_eq!(RuPlural::of(21), RuPlural::One);
    /// assert_eq!(RuPlural::of(122), RuPlural::Few);
    /// ```
    pub fn of(n: u64) -> RuPlural {
        let (d, h) = (n % 10, n % 100);
        if d == 1 && h != 11 {
            RuPlural::One
        } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
            RuPlural::Few
        } else {
            RuPlural::Many
        }
    }

    /// The form for a number that may be fractional or negative: whole
    /// values follow [`RuPlural::of`] on their magnitude, fractions take
    /// the genitive singular ([`RuPlural::Few`]).
    ///
    /// ```
    /// use callcalc_engine::plural::RuPlural;
    /// assert_eq!(RuPlural::of_number(21.0), RuPlural::One);
    /// assert_eq!(RuPlural::of_number(1.5), RuPlural::Few);
    /// assert_eq!(RuPlural::of_number(-5.0), RuPlural::Many);
    /// ```
    pub fn of_number(x: f64) -> RuPlural {
        let a = x.abs();
        if !a.is_finite() {
            RuPlural::Many
        } else if a.fract() != 0.0 {
            RuPlural::Few
        } else if a >= u64::MAX as f64 {
            RuPlural::Many
        } else {
            RuPlural::of(a as u64)
        }
    }

    /// Picks this form from `[one, few, many]`.
    ///
    /// ```
    /// use callcalc_engine::plural::RuPlural;
    /// let calls = ["звонок", "звонка", "звонков"];
    /// assert_eq!(RuPlural::of(122).pick(calls), "звонка");
    /// ```
    pub fn pick<T>(self, [one, few, many]: [T; 3]) -> T {
        match self {
            RuPlural::One => one,
            RuPlural::Few => few,
            RuPlural::Many => many,
        }
    }
}

/// `n` followed by the Russian noun form that agrees with it.
///
/// ```
/// use callcalc_engine::plural::ru_count;
/// let calls = ["звонок", "звонка", "звонков"];
/// assert_eq!(ru_count(1, calls), "1 звонок");
/// assert_eq!(ru_count(122, calls), "122 звонка");
/// assert_eq!(ru_count(111, calls), "111 звонков");
/// ```
pub fn ru_count(n: u64, forms: [&str; 3]) -> String {
    format!("{n} {}", RuPlural::of(n).pick(forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_follow_the_last_two_digits() {
        let calls = ["звонок", "звонка", "звонков"];
        let cases = [
            (0, "звонков"),
            (1, "звонок"),
            (2, "звонка"),
            (4, "звонка"),
            (5, "звонков"),
            (11, "звонков"),
            (12, "звонков"),
            (14, "звонков"),
            (20, "звонков"),
            (21, "звонок"),
            (22, "звонка"),
            (25, "звонков"),
            (101, "звонок"),
            (111, "звонков"),
            (112, "звонков"),
            (1001, "звонок"),
            (1_000_000, "звонков"),
        ];
        for (n, want) in cases {
            assert_eq!(RuPlural::of(n).pick(calls), want, "n = {n}");
        }
    }

    #[test]
    fn numbers_that_are_not_whole() {
        assert_eq!(RuPlural::of_number(0.5), RuPlural::Few);
        assert_eq!(RuPlural::of_number(2.0), RuPlural::Few);
        assert_eq!(RuPlural::of_number(f64::NAN), RuPlural::Many);
        assert_eq!(RuPlural::of_number(1e300), RuPlural::Many);
    }
}

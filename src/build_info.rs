//! Which calculator this is: the version from `Cargo.toml`, the git commit it
//! was built from and the build date (set by `build.rs`), so an auditor can
//! name the exact calculator behind a figure. Shown in the page footer
//! (`data-testid="build-version"`); exports may quote [`BUILD_LINE`].

use crate::i18n::Lang;

/// The semantic version of the app (`Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The git short hash of the build, `-dirty` when the tree had uncommitted
/// changes, `unknown` when built outside a git checkout.
pub const GIT_HASH: &str = env!("CALLCALC_GIT_HASH");
/// The UTC date of the build, `YYYY-MM-DD`.
pub const BUILD_DATE: &str = env!("CALLCALC_BUILD_DATE");
/// `callcalc 0.1.0 · build 1a2b3c4d5 · 2026-12-03`: the language-neutral line
/// (for exports and logs).
pub const BUILD_LINE: &str = concat!(
    "callcalc ",
    env!("CARGO_PKG_VERSION"),
    " · build ",
    env!("CALLCALC_GIT_HASH"),
    " · ",
    env!("CALLCALC_BUILD_DATE")
);

/// The build line as the footer shows it: the word "build" in the interface
/// language (`сборка` in Russian), everything else as in [`BUILD_LINE`].
pub fn build_line(lang: Lang) -> String {
    let word = match lang {
        Lang::Ru => "сборка",
        Lang::En => "build",
    };
    format!("callcalc {VERSION} · {word} {GIT_HASH} · {BUILD_DATE}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_version_commit_and_date() {
        assert_eq!(VERSION.split('.').filter(|p| p.parse::<u32>().is_ok()).count(), 3, "{VERSION}");
        assert_eq!(BUILD_LINE, build_line(Lang::En));
        assert_eq!(BUILD_LINE, format!("callcalc {VERSION} · build {GIT_HASH} · {BUILD_DATE}"));
        assert_eq!(build_line(Lang::Ru), format!("callcalc {VERSION} · сборка {GIT_HASH} · {BUILD_DATE}"));
        // A short hash (hex, maybe "-dirty") or "unknown", never empty.
        let bare = GIT_HASH.trim_end_matches("-dirty");
        assert!(bare == "unknown" || (bare.len() >= 7 && bare.chars().all(|c| c.is_ascii_hexdigit())), "{GIT_HASH}");
        let d: Vec<&str> = BUILD_DATE.split('-').collect();
        assert_eq!(d.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![4, 2, 2], "{BUILD_DATE}");
        assert!(d.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
    }
}

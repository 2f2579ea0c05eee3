//! Build information for the footer (`src/build_info.rs`): the git short hash
//! of the checkout (with `-dirty` when tracked files differ from HEAD) and
//! the UTC build date. Outside a git checkout (a source tarball) or without
//! git the hash is `unknown`; the build never fails for lack of git.
//! `SOURCE_DATE_EPOCH` (seconds), when set, fixes the date (reproducible builds).

use std::path::PathBuf;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Reruns the script when `path` changes; a missing path (a packed ref, a
/// fresh repository without an index) is not watched, since Cargo would then
/// rerun the script on every build.
fn watch(path: &std::path::Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let hash = git(&["rev-parse", "--short=9", "HEAD"]).filter(|h| !h.is_empty());
    let dirty =
        hash.is_some() && git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    let hash = match hash {
        Some(h) if dirty => format!("{h}-dirty"),
        Some(h) => h,
        None => "unknown".to_string(),
    };
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    println!("cargo:rustc-env=CALLCALC_GIT_HASH={hash}");
    println!("cargo:rustc-env=CALLCALC_BUILD_DATE={y:04}-{m:02}-{d:02}");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    // A new commit, a checkout or staged changes move HEAD or the index;
    // edited sources make the tree dirty: rerun on any of them.
    for args in [["rev-parse", "--git-path", "HEAD"], ["rev-parse", "--git-path", "index"]] {
        if let Some(p) = git(&args) {
            watch(&manifest.join(p));
        }
    }
    if let Some(r) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(p) = git(&["rev-parse", "--git-path", &r]) {
            watch(&manifest.join(p));
        }
    }
    for p in ["src", "engine/src", "style", "index.html", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={p}");
    }
}

#!/usr/bin/env bash
# Every test of callcalc, in three layers, after the gates (rustfmt, clippy
# with warnings denied, rustdoc with warnings denied). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PATH"
command -v npm >/dev/null 2>&1 && export PATH="$(npm prefix -g)/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "0/4 gates: formatting, lints, documentation"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --exclude callcalc-e2e --exclude callcalc-bench-wasm

step "1/4 native: engine (reference values, properties, doctests), CLI, app logic"
cargo test --workspace --exclude callcalc-e2e --exclude callcalc-bench-wasm

step "2/4 components in headless Chromium (wasm-bindgen-test)"
# One test binary for every feature: the runner's timeout (20 s by default)
# is for the whole binary, not per test.
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test -p callcalc-app --target wasm32-unknown-unknown

step "3/4 release build (trunk build --release) and the offline file (dist-offline/callcalc.html)"
trunk build --release
python3 scripts/offline.py dist dist-offline/callcalc.html

step "4/4 end to end: WebDriver against the release build in headless Chromium"
cargo test -p callcalc-e2e

#!/usr/bin/env bash
# Installs what building and testing callcalc needs, only where missing:
#   - the wasm32-unknown-unknown Rust target, and rustfmt and clippy (the test gates)
#   - Trunk 0.21.14 (the newest Trunk needs a newer rustc than 1.95)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - wasm-opt 132 from npm `binaryen` (Trunk cannot download it here; Debian's 108 builds a broken bundle)
#   - python3 (Trunk's post-build hook, scripts/embed_wasm.py)
#   - with --browser: Debian's chromium and chromium-driver, and npm axe-core in .tools (tests only)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"
if have npm; then export PATH="$(npm prefix -g 2>/dev/null)/bin:$PATH"; fi

apt_install() {
  if [ "$(id -u)" -ne 0 ] && have sudo; then SUDO=sudo; else SUDO=; fi
  if [ -z "${APT_UPDATED:-}" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

have cargo || { echo "Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component (test gates)"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! have trunk || ! trunk --version | grep -q '0\.21\.14'; then
  say "installing trunk 0.21.14 (about 10 minutes, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked trunk --version 0.21.14
fi

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (matches Cargo.lock)"
  # Not --locked: one of its locked dependencies is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

if ! have wasm-opt || ! wasm-opt --version | grep -q 'version 132'; then
  if ! have npm; then say "installing nodejs and npm"; apt_install nodejs npm; export PATH="$(npm prefix -g)/bin:$PATH"; fi
  say "installing wasm-opt 132 (npm binaryen@132)"
  npm install -g binaryen@132 >/dev/null
fi

have python3 || { say "installing python3"; apt_install python3; }

if [ "${1:-}" = "--browser" ]; then
  if ! have chromium || ! have chromedriver; then
    say "installing chromium and chromium-driver (tests only)"
    apt_install chromium chromium-driver
  fi
  # axe-core for the accessibility test (e2e/tests/accessibility.rs injects .tools/…/axe.min.js; no network at test time).
  if [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
    if ! have npm; then say "installing nodejs and npm"; apt_install nodejs npm; fi
    say "installing axe-core 4.14.1 into .tools (accessibility test only)"
    npm install --prefix .tools --no-save axe-core@4.14.1 >/dev/null
  fi
fi
say "ready: $(trunk --version), wasm-bindgen $WB_VERSION, $(wasm-opt --version)"

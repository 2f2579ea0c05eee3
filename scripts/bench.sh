#!/usr/bin/env bash
# The staffing benchmarks: one year of 15-minute intervals (35,040, 0–400 calls,
# AHT 240 s, 80 % in 20 s; see engine/benches/common/year_profile.rs) solved
#   1. natively (criterion: engine/benches/year.rs),
#   2. by pyworkforce versus callcalc, interleaved in one run
#      (scripts/bench_pyworkforce.py, which keeps engine/examples/year_intervals.rs
#      running in its --serve mode beside pyworkforce and alternates the two),
#   3. in headless Chromium through the wasm build (bench/wasm).
# Writes the logs and bench-results/summary.txt (git-ignored) and prints the summary.
#
# Usage: scripts/bench.sh            (honours CARGO_TARGET_DIR; PYWORKFORCE_REPS sets the
#                                    interleaved pyworkforce/callcalc repetitions, default 11)
# Needs: python3 (3.12+ for the current pyworkforce; a venv is made in .tools/venv
# if missing), the wasm32-unknown-unknown target, wasm-bindgen-test-runner 0.2.130
# (cargo install wasm-bindgen-cli --version 0.2.130), chromium + chromedriver on PATH.
#
# Timings are wall clock on whatever else the machine is doing: on a shared
# machine, run it twice and compare.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench-results"
mkdir -p "$OUT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$ROOT/.tools/venv"
failed=()

step() { printf '\n== %s ==\n' "$*"; }

# ---------------------------------------------------------------- 1. native
step "native: cargo bench -p callcalc-engine --bench year"
if cargo bench -p callcalc-engine --bench year >"$OUT/native-criterion.log" 2>&1; then
    grep -E '^year:|^year_35040|time:' "$OUT/native-criterion.log"
else
    tail -20 "$OUT/native-criterion.log"
    failed+=("native criterion bench (see $OUT/native-criterion.log)")
fi

# ------------------------------------------------- the year, exported once
step "export: cargo run -p callcalc-engine --profile bench --example year_intervals"
if ! cargo run -q -p callcalc-engine --profile bench --example year_intervals -- --reps 21 >"$OUT/year.json" 2>"$OUT/year-export.log"; then
    cat "$OUT/year-export.log"
    failed+=("year export (see $OUT/year-export.log)")
fi

# ------------------------------------------------------------ 2. pyworkforce
step "pyworkforce: scripts/bench_pyworkforce.py"
pick_python() {
    for p in python3.13 python3.12; do
        command -v "$p" >/dev/null 2>&1 && { command -v "$p"; return; }
    done
    if command -v pyenv >/dev/null 2>&1; then
        for v in 3.13 3.12; do
            p=$(ls -d "$(pyenv root)"/versions/"$v"*/bin/python"$v" 2>/dev/null | tail -1)
            [ -n "$p" ] && { echo "$p"; return; }
        done
    fi
    command -v python3
}
if ! "$VENV/bin/python" -c 'import pyworkforce' >/dev/null 2>&1; then
    PY=$(pick_python)
    echo "creating $VENV with $PY and installing pyworkforce"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV" && "$VENV/bin/pip" install -q pyworkforce >"$OUT/pyworkforce-install.log" 2>&1 \
        || { cat "$OUT/pyworkforce-install.log"; failed+=("pyworkforce install (see $OUT/pyworkforce-install.log)"); }
fi
pyw_status=skipped
if "$VENV/bin/python" -c 'import pyworkforce' >/dev/null 2>&1; then
    "$VENV/bin/python" scripts/bench_pyworkforce.py --reps "${PYWORKFORCE_REPS:-11}" \
        --json-out "$OUT/pyworkforce.json" | tee "$OUT/pyworkforce.log"
    case ${PIPESTATUS[0]} in
        0) pyw_status="all intervals agree" ;;
        1) pyw_status="DISAGREEMENTS (listed in $OUT/pyworkforce.log)"; failed+=("pyworkforce and callcalc disagree") ;;
        *) pyw_status="failed"; failed+=("pyworkforce comparison (see $OUT/pyworkforce.log)") ;;
    esac
fi

# ------------------------------------------------------------------ 3. wasm
step "browser: cargo test -p callcalc-bench-wasm --target wasm32-unknown-unknown --release -- --nocapture"
if ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    echo "wasm-bindgen-test-runner not on PATH: cargo install wasm-bindgen-cli --version 0.2.130"
    failed+=("wasm-bindgen-test-runner missing")
elif WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}" \
    cargo test -p callcalc-bench-wasm --target wasm32-unknown-unknown --release -- --nocapture >"$OUT/wasm.log" 2>&1; then
    # wasm-import: a million call records (bench/wasm/tests/import.rs) needs more than the runner's default 20 s.
    grep -E 'wasm-year:|wasm-import:|wasm-forecast:|test result' "$OUT/wasm.log"
else
    tail -30 "$OUT/wasm.log"
    failed+=("browser benchmark (see $OUT/wasm.log)")
fi

# ---------------------------------------------------------------- summary
step "summary ($OUT/summary.txt)"
python3 - "$OUT" "$TARGET_DIR" "$pyw_status" >"$OUT/summary.txt" <<'EOF'
import json, re, sys
from pathlib import Path
out, target, pyw_status = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def est(name):
    p = target / "criterion" / "year_35040_intervals" / name / "new" / "estimates.json"
    try:
        e = json.loads(p.read_text())
    except OSError:
        return "not measured"
    # The estimate criterion prints: the slope of the linear-sampling fit (else the mean).
    k = "slope" if e.get("slope") else "mean"
    ci = e[k]["confidence_interval"]
    return (f"{e[k]['point_estimate'] / 1e6:.3f} ms [95% CI {ci['lower_bound'] / 1e6:.3f}–{ci['upper_bound'] / 1e6:.3f}] ({k}), "
            f"median of samples {e['median']['point_estimate'] / 1e6:.3f} ms")

lines = ["callcalc staffing benchmarks: one year, 35,040 15-minute intervals, 0–400 calls, AHT 240 s, 80% in 20 s", ""]
try:
    year = json.loads((out / "year.json").read_text())
    lines.append(f"year: {year['total_calls']} calls, {year['distinct_calls']} distinct loads, "
                 f"{year['zero_call_intervals']} intervals without calls, calls checksum {year['checksum']}, "
                 f"agents checksum {year['agents_checksum']}")
except (OSError, ValueError, KeyError):
    year = None
lines += ["", "native (criterion, bench profile: opt-level 3, thin LTO):",
          f"  required_agents per interval: {est('required_agents_per_interval')}",
          f"  required_agents_many (dedup): {est('required_agents_many')}"]
if year and "timing" in year:
    t = year["timing"]
    lines += ["native (year_intervals example, %d runs):" % t["repetitions"],
              "  required_agents per interval: median %.3f ms, min %.3f ms" % (t["required_agents_per_interval"]["median"], t["required_agents_per_interval"]["min"]),
              "  required_agents_many (dedup): median %.3f ms, min %.3f ms" % (t["required_agents_many"]["median"], t["required_agents_many"]["min"])]
lines += ["", f"pyworkforce: {pyw_status}"]
try:
    p = json.loads((out / "pyworkforce.json").read_text())
    def mmm(s, spec, unit):
        return f"median {s['median']:{spec}}{unit} (min {s['min']:{spec}}{unit}, max {s['max']:{spec}}{unit})"
    lines += [f"  pyworkforce {p['pyworkforce_version']} (Python {p['python']}) and callcalc interleaved, {p['repetitions']} repetitions, whole year:",
              f"  pyworkforce, {p['compared_intervals']} intervals with calls: {mmm(p['pyworkforce_ms'], ',.1f', ' ms')}",
              f"  callcalc ({p['callcalc_passes']} passes timed together per repetition, per pass) required_agents once per interval: {mmm(p['callcalc_per_interval_ms'], '.3f', ' ms')}",
              f"  callcalc required_agents_many: {mmm(p['callcalc_many_ms'], '.3f', ' ms')}",
              f"  ratio per repetition, pyworkforce / callcalc per interval: {mmm(p['ratio_per_interval'], ',.0f', 'x')}",
              f"  ratio per repetition, pyworkforce / callcalc required_agents_many: {mmm(p['ratio_many'], ',.0f', 'x')}",
              f"  agents agree on {p['agree']} of {p['compared_intervals']}; {len(p['disagreements'])} disagreements; "
              f"{p['zero_call_intervals']} zero-call intervals not solvable by pyworkforce ({p['pyworkforce_zero_calls']})"]
except (OSError, ValueError, KeyError):
    lines.append("  no result")
lines += ["", "headless Chromium (wasm32, the app's release profile: opt-level z, fat LTO):"]
try:
    wasm = [l.split("wasm-year: ", 1)[1] for l in (out / "wasm.log").read_text().splitlines() if "wasm-year: " in l]
except OSError:
    wasm = []
lines += ["  " + l for l in wasm] or ["  no result"]
try:
    imp = [l.split("wasm-import: ", 1)[1] for l in (out / "wasm.log").read_text().splitlines() if "wasm-import: " in l]
except OSError:
    imp = []
lines += ["", "import in headless Chromium (1,000,000 call records, bench/wasm/tests/import.rs):"]
lines += ["  " + l for l in imp] or ["  no result"]
try:
    fc = [l.split("wasm-forecast: ", 1)[1] for l in (out / "wasm.log").read_text().splitlines() if "wasm-forecast: " in l]
except OSError:
    fc = []
lines += ["", "forecast page in headless Chromium (demo year re-staffed; shift optimiser, bench/wasm/tests):"]
lines += ["  " + l for l in fc] or ["  no result"]
print("\n".join(lines))
EOF
cat "$OUT/summary.txt"

if [ ${#failed[@]} -gt 0 ]; then
    printf '\nnot all benchmarks ran cleanly:\n'
    printf '  - %s\n' "${failed[@]}"
    exit 1
fi

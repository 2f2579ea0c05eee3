#!/usr/bin/env python3
"""The benchmark year solved by pyworkforce and by callcalc: times, ratio, agreement.

The 35,040 intervals are not re-generated here: they come from callcalc's own
generator (engine/benches/common/year_profile.rs), exported by the example
`engine/examples/year_intervals.rs` together with callcalc's required agents per
interval and its timing (wall clock for the whole year, per-interval
`required_agents` and deduplicating `required_agents_many`).

pyworkforce is called as its documentation shows, in minutes:

    ErlangC(transactions=calls, aht=240/60, asa=20/60, interval=900/60)
        .required_positions(service_level=0.8)["raw_positions"]

once per interval (it has no batch deduplication). pyworkforce refuses
`transactions <= 0`, so intervals without calls are left out of its timing and
of the comparison (callcalc staffs them with 0 agents); the script says how many.

Usage (pyworkforce must be importable, e.g. from the project venv):

    .tools/venv/bin/python scripts/bench_pyworkforce.py [--year-json FILE] [--reps N] [--json-out FILE]

Without --year-json the script runs
`cargo run -q -p callcalc-engine --profile bench --example year_intervals`
itself (honouring CARGO_TARGET_DIR). Exit status: 0 when every comparable
interval agrees, 1 when some disagree (they are listed), 2 on a setup error.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_year(path):
    if path:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    cmd = ["cargo", "run", "-q", "-p", "callcalc-engine", "--profile", "bench", "--example", "year_intervals"]
    print("running:", " ".join(cmd), file=sys.stderr)
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--year-json", help="output of the year_intervals example (default: run it)")
    ap.add_argument("--reps", type=int, default=3, help="timed pyworkforce runs over the year (default 3)")
    ap.add_argument("--json-out", help="also write the summary as JSON to this file")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")

    try:
        import pyworkforce
        from pyworkforce.queuing import ErlangC
    except ImportError as e:
        print(f"pyworkforce is not importable from {sys.executable}: {e}", file=sys.stderr)
        print("install it into the project venv: python3.12 -m venv .tools/venv && "
              ".tools/venv/bin/pip install pyworkforce", file=sys.stderr)
        return 2
    try:
        from importlib.metadata import version
        pyw_version = version("pyworkforce")
    except Exception:  # noqa: BLE001 - the version is informative only
        pyw_version = getattr(pyworkforce, "__version__", "unknown")

    year = load_year(args.year_json)
    calls = year["calls"]
    cc_agents = year["agents"]
    if len(calls) != year["intervals"] or len(cc_agents) != len(calls):
        print("malformed year JSON: lengths differ", file=sys.stderr)
        return 2

    aht_min = year["aht_s"] / 60.0
    asa_min = year["sl_threshold_s"] / 60.0
    interval_min = year["interval_s"] / 60.0
    target = year["sl_target"]

    # What pyworkforce does with an interval without calls (it is not solvable there).
    try:
        ErlangC(transactions=0, aht=aht_min, asa=asa_min, interval=interval_min)
        zero_behaviour = "accepted transactions=0"
    except Exception as e:  # noqa: BLE001 - reported verbatim
        zero_behaviour = f"{type(e).__name__}: {e}"

    idx = [i for i, c in enumerate(calls) if c > 0]
    zero = len(calls) - len(idx)

    def solve_year():
        return [
            ErlangC(transactions=calls[i], aht=aht_min, asa=asa_min, interval=interval_min)
            .required_positions(service_level=target)["raw_positions"]
            for i in idx
        ]

    times = []
    pyw = None
    for _ in range(args.reps):
        t0 = time.perf_counter()
        pyw = solve_year()
        times.append(time.perf_counter() - t0)
    pyw_ms = {"min": min(times) * 1e3, "median": statistics.median(times) * 1e3, "max": max(times) * 1e3}

    disagreements = [
        {"interval": i, "day": i // 96, "slot": i % 96, "calls": calls[i],
         "traffic_erlangs": calls[i] * year["aht_s"] / year["interval_s"],
         "callcalc": cc_agents[i], "pyworkforce": p}
        for i, p in zip(idx, pyw) if p != cc_agents[i]
    ]

    timing = year.get("timing")
    cc_per = timing["required_agents_per_interval"] if timing else None
    cc_many = timing["required_agents_many"] if timing else None

    print(f"year: {len(calls)} intervals, {sum(calls)} calls, checksum {year['checksum']}, "
          f"AHT {year['aht_s']:g} s, target {target:g} within {year['sl_threshold_s']:g} s")
    print(f"pyworkforce {pyw_version} (Python {sys.version.split()[0]}): intervals with 0 calls: {zero} "
          f"not solvable ({zero_behaviour}); callcalc gives them 0 agents")
    print(f"pyworkforce ErlangC.required_positions, {len(idx)} intervals: median {pyw_ms['median']:.1f} ms "
          f"(min {pyw_ms['min']:.1f}, max {pyw_ms['max']:.1f}) over {args.reps} runs")
    summary = {
        "pyworkforce_version": pyw_version,
        "python": sys.version.split()[0],
        "intervals": len(calls),
        "compared_intervals": len(idx),
        "zero_call_intervals": zero,
        "pyworkforce_zero_calls": zero_behaviour,
        "pyworkforce_ms": pyw_ms,
        "pyworkforce_reps": args.reps,
        "agree": len(idx) - len(disagreements),
        "disagreements": disagreements,
    }
    if cc_per:
        ratio = pyw_ms["median"] / cc_per["median"]
        ratio_many = pyw_ms["median"] / cc_many["median"]
        ratio_min = pyw_ms["min"] / cc_per["min"]
        print(f"callcalc required_agents per interval, all {len(calls)} intervals: median {cc_per['median']:.3f} ms "
              f"(min {cc_per['min']:.3f}) over {timing['repetitions']} runs")
        print(f"callcalc required_agents_many (dedup): median {cc_many['median']:.3f} ms (min {cc_many['min']:.3f})")
        print(f"ratio pyworkforce / callcalc per interval: {ratio:,.0f}x (medians), {ratio_min:,.0f}x (minima); "
              f"pyworkforce / callcalc dedup: {ratio_many:,.0f}x (medians)")
        summary.update({"callcalc_per_interval_ms": cc_per, "callcalc_many_ms": cc_many,
                        "ratio_per_interval": ratio, "ratio_per_interval_min": ratio_min, "ratio_many": ratio_many})
    else:
        print("callcalc timing: not in the year JSON (exported with --no-timing)")

    print(f"agents agree on {len(idx) - len(disagreements)} of {len(idx)} intervals with calls")
    for d in disagreements[:50]:
        print(f"  DISAGREE interval {d['interval']} (day {d['day']}, slot {d['slot']}): {d['calls']} calls, "
              f"A = {d['traffic_erlangs']:.6f} Erl: callcalc {d['callcalc']}, pyworkforce {d['pyworkforce']}")
    if len(disagreements) > 50:
        print(f"  … and {len(disagreements) - 50} more")

    if args.json_out:
        Path(args.json_out).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())

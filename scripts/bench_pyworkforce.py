#!/usr/bin/env python3
"""The benchmark year solved by pyworkforce and by callcalc, interleaved in one run.

The 35,040 intervals are not re-generated here: they come from callcalc's own
generator (engine/benches/common/year_profile.rs) through the example
`engine/examples/year_intervals.rs`, which this script starts once in its
`--serve` mode and keeps running beside the Python process. That process prints
the year (calls and callcalc's required agents per interval), and then, for each
request, times the passes over the year it is asked for and answers with the
milliseconds per pass.

What is timed, on each side (wall clock of the solve loop only):

- callcalc (native, bench profile: opt-level 3, thin LTO), inside the example
  process: `--callcalc-passes` P consecutive passes (default 200) of
  `required_agents` called once per interval over all 35,040 intervals (no
  deduplication), divided by P; then P passes of `required_agents_many` over the
  same 35,040 (identical loads solved once), divided by P. A callcalc pass takes
  milliseconds and a pyworkforce pass seconds: timing P passes together makes
  callcalc's timed window a sizeable fraction of pyworkforce's, so that a burst
  of load on a shared machine is averaged on both sides instead of landing
  whole on one 3 ms pass (or missing it). Not timed: process start, generating
  the year, the pipe round trip, JSON.
- pyworkforce, in this Python process: one pass of

      ErlangC(transactions=calls, aht=240/60, asa=20/60, interval=900/60)
          .required_positions(service_level=0.8)["raw_positions"]

  (its documented API, in minutes) over the intervals with calls, collected
  into a list. pyworkforce refuses `transactions <= 0`, so the intervals without
  calls are left out of its pass and of the comparison (callcalc staffs them
  with 0 agents and its timed pass includes them); the script says how many.

Both sides get one untimed warm-up pass. Then each repetition times callcalc's
P passes and one pyworkforce pass back to back, the order alternating
between repetitions, so that the load of a shared machine falls on both alike.
Reported: min / median / max of each side over the repetitions, and of the
per-repetition ratio pyworkforce time / callcalc time (against `required_agents`
per interval and against `required_agents_many`), plus the agreement of agents.

Usage (pyworkforce must be importable, e.g. from the project venv):

    .tools/venv/bin/python scripts/bench_pyworkforce.py [--reps N] [--callcalc-passes P] [--json-out FILE]
        [--callcalc-bin PATH]

Without --callcalc-bin the script runs
`cargo run -q -p callcalc-engine --profile bench --example year_intervals -- --serve`
(honouring CARGO_TARGET_DIR; the build is not timed). Exit status: 0 when every
comparable interval agrees, 1 when some disagree (they are listed), 2 on a setup
error.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_CMD = ["cargo", "run", "-q", "-p", "callcalc-engine", "--profile", "bench", "--example", "year_intervals",
             "--", "--serve"]


def stats(xs):
    return {"min": min(xs), "median": statistics.median(xs), "max": max(xs)}


class Callcalc:
    """The `year_intervals --serve` process: the year first, then one timed pass per request."""

    def __init__(self, cmd):
        print("starting:", " ".join(cmd), file=sys.stderr)
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{' '.join(cmd)} exited with {self.proc.wait()} before printing the year")
        self.year = json.loads(line)

    def time_year(self, passes):
        self.proc.stdin.write(f"time {passes}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the callcalc process exited with {self.proc.wait()}")
        r = json.loads(line)
        if "error" in r:
            raise RuntimeError(f"callcalc: {r['error']}")
        return r["required_agents_per_interval_ms"], r["required_agents_many_ms"]

    def close(self):
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=11, help="interleaved timed repetitions (default 11)")
    ap.add_argument("--callcalc-passes", type=int, default=200,
                    help="callcalc passes timed together per repetition, per path (default 200)")
    ap.add_argument("--json-out", help="also write the summary as JSON to this file")
    ap.add_argument("--callcalc-bin", help="a built year_intervals example (default: cargo run it)")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")
    if args.callcalc_passes < 1:
        ap.error("--callcalc-passes must be at least 1")

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

    cmd = [args.callcalc_bin, "--serve"] if args.callcalc_bin else SERVE_CMD
    try:
        cc = Callcalc(cmd)
    except (OSError, RuntimeError, ValueError) as e:
        print(f"cannot start callcalc: {e}", file=sys.stderr)
        return 2
    try:
        return run(args, cc, ErlangC, pyw_version)
    finally:
        cc.close()


def run(args, cc, ErlangC, pyw_version):
    year = cc.year
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

    def time_pyworkforce():
        t0 = time.perf_counter()
        agents = solve_year()
        return (time.perf_counter() - t0) * 1e3, agents

    # Untimed warm-up on both sides (the callcalc process also ran its own warm-up pass; this reply is dropped).
    _, pyw = time_pyworkforce()
    cc.time_year(1)

    reps = []
    for r in range(args.reps):
        if r % 2 == 0:
            cc_per, cc_many = cc.time_year(args.callcalc_passes)
            pyw_ms, pyw_agents = time_pyworkforce()
        else:
            pyw_ms, pyw_agents = time_pyworkforce()
            cc_per, cc_many = cc.time_year(args.callcalc_passes)
        if pyw_agents != pyw:
            print(f"pyworkforce gave different agents in repetition {r + 1}", file=sys.stderr)
            return 2
        reps.append({"callcalc_first": r % 2 == 0, "pyworkforce_ms": pyw_ms, "callcalc_per_interval_ms": cc_per,
                     "callcalc_many_ms": cc_many, "ratio_per_interval": pyw_ms / cc_per,
                     "ratio_many": pyw_ms / cc_many})

    disagreements = [
        {"interval": i, "day": i // 96, "slot": i % 96, "calls": calls[i],
         "traffic_erlangs": calls[i] * year["aht_s"] / year["interval_s"],
         "callcalc": cc_agents[i], "pyworkforce": p}
        for i, p in zip(idx, pyw) if p != cc_agents[i]
    ]

    summary = {
        "pyworkforce_version": pyw_version,
        "python": sys.version.split()[0],
        "intervals": len(calls),
        "compared_intervals": len(idx),
        "zero_call_intervals": zero,
        "pyworkforce_zero_calls": zero_behaviour,
        "repetitions": args.reps,
        "callcalc_passes": args.callcalc_passes,
        "pyworkforce_ms": stats([x["pyworkforce_ms"] for x in reps]),
        "callcalc_per_interval_ms": stats([x["callcalc_per_interval_ms"] for x in reps]),
        "callcalc_many_ms": stats([x["callcalc_many_ms"] for x in reps]),
        "ratio_per_interval": stats([x["ratio_per_interval"] for x in reps]),
        "ratio_many": stats([x["ratio_many"] for x in reps]),
        "agree": len(idx) - len(disagreements),
        "disagreements": disagreements,
        "runs": reps,
    }

    def fmt(s, spec, unit=""):
        return (f"median {s['median']:{spec}}{unit} (min {s['min']:{spec}}{unit}, max {s['max']:{spec}}{unit})")

    print(f"year: {len(calls)} intervals, {sum(calls)} calls, checksum {year['checksum']}, "
          f"AHT {year['aht_s']:g} s, target {target:g} within {year['sl_threshold_s']:g} s")
    print(f"pyworkforce {pyw_version} (Python {summary['python']}): intervals with 0 calls: {zero} "
          f"not solvable ({zero_behaviour}); callcalc gives them 0 agents")
    print(f"{args.reps} interleaved repetitions (order alternating), whole-year pass times "
          f"(callcalc: {args.callcalc_passes} passes per repetition and path, per pass):")
    print(f"  pyworkforce ErlangC.required_positions, {len(idx)} intervals with calls: "
          f"{fmt(summary['pyworkforce_ms'], ',.1f', ' ms')}")
    print(f"  callcalc required_agents once per interval, all {len(calls)} intervals: "
          f"{fmt(summary['callcalc_per_interval_ms'], '.3f', ' ms')}")
    print(f"  callcalc required_agents_many (identical loads solved once): "
          f"{fmt(summary['callcalc_many_ms'], '.3f', ' ms')}")
    print(f"  ratio pyworkforce / callcalc per interval, per repetition: {fmt(summary['ratio_per_interval'], ',.0f', 'x')}")
    print(f"  ratio pyworkforce / callcalc required_agents_many, per repetition: {fmt(summary['ratio_many'], ',.0f', 'x')}")
    print(f"agents agree on {summary['agree']} of {len(idx)} intervals with calls")
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

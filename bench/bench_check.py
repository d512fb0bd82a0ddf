"""Benchmark: `runlift check` on plans of 10^4, 10^5 and 10^6 rows.

    python bench/bench_check.py                    # 10^4, 10^5 and 10^6 rows
    python bench/bench_check.py --rows 10000 --rows 100000
    python bench/bench_check.py --no-cli           # the library call only

The horizon is 28 days of 1,440 slots (one a minute), every rule at its
default, some soft, every objective term weighted. The plan holds a real training block
(four weeks of runs, key runs and heavy-legs lifts at 07:00 and 18:00), and every other
row is core, mobility or cross-training, cell after cell; past the 40,320 cells a plan
holds several sessions a slot, while the scenario asks for one session a slot: the
check then reports violations, as it must (one a slot, a day or a type: tens of
thousands).

The pair rules (same_muscle_hours, lift_to_key_hours, same_day_order) report every pair
that breaks them, so a plan whose every session pairs with every other would make the
report itself quadratic. The filler types take part in no pair: the bench measures how
the check grows with the plan, not with a report of a billion pairs.

For each size, in a fresh process (so that its peak memory is its own):

- library: ``runlift.api.check(problem, placements)`` on placements already read, and
  the same after reading the CSV with ``runlift.api.load_plan``;
- cli: ``runlift check SCENARIO PLAN.csv --format csv --out FILE`` (the 10^6 target).

Each prints wall seconds and the process's peak resident memory (resource.getrusage).
Target (issue 14): 10^6 rows checked in <= 10 s and <= 1 GB. Wall time depends on what
else the machine runs: the first line gives the time of a fixed pure-Python loop (10^7
additions), to compare runs on a busy machine with runs on an idle one, and each size a
plain peer on the same file (read it, and pass csv.reader over its rows, nothing kept:
the least a check of it does), timed in the library's process just before it; the
library and the command are given as multiples of it too.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DAYS = 28
SLOTS = 24 * 60  # one a minute: the most a day holds
# Four weeks of a block: (weekday, 07:00 session, 18:00 session), "-" for none.
WEEK = (("easy_run", "lower_strength"), ("intervals", "core"), ("easy_run", "-"),
        ("tempo", "upper_body"), ("-", "mobility"), ("long_run", "-"),
        ("easy_run", "posterior_chain"))
FILLER = ("core", "mobility", "cross_training")
DEFAULT_ROWS = (10_000, 100_000, 1_000_000)
TARGET_SECONDS, TARGET_BYTES = 10.0, 1 << 30


def slot_names() -> list[str]:
    return [f"s{m // 60:02d}{m % 60:02d}" for m in range(0, 24 * 60, 24 * 60 // SLOTS)]


def block() -> list[tuple[int, str, str]]:
    """(day, slot, session) of the four weeks' block."""
    return [(day, slot, session) for day in range(DAYS)
            for slot, session in zip(("s0700", "s1800"), WEEK[day % 7], strict=True)
            if session != "-"]


def scenario_yaml() -> str:
    """The block, and the filler types sharing the other slots: one session a slot."""
    names = slot_names()
    slots = ", ".join(f"{n}: '{n[1:3]}:{n[3:]}'" for n in names)
    counts: dict[str, int] = {}
    for _, _, session in block():
        counts[session] = counts.get(session, 0) + 1
    free = DAYS * len(names) - len(block())
    for i, session in enumerate(FILLER):
        counts[session] = counts.get(session, 0) + free // len(FILLER) + (
            i < free % len(FILLER))
    sessions = ", ".join(f"{t}: {n}" for t, n in sorted(counts.items()))
    return (f"name: Check bench, {DAYS} days of {len(names)} slots\ndays: {DAYS}\n"
            f"slots: {{{slots}}}\nsessions: {{{sessions}}}\n"
            "prefer: {long_run: [sat, sun], lower_strength: [mon, thu]}\n"
            "soft: {max_hard_days: 3, same_muscle_hours: 2, lift_to_key_hours: 1}\n"
            "weights: {balance: 1, preferences: 2, spread: 1}\n")


def plan_csv(rows: int) -> str:
    """The block first, then filler, cell after cell (skipping the block's two slots)."""
    names = [n for n in slot_names() if n not in ("s0700", "s1800")]
    lines = ["day,slot,session", *(f"{d},{s},{t}" for d, s, t in block())][:rows + 1]
    for i in range(rows + 1 - len(lines)):
        cell = i % (DAYS * len(names))
        lines.append(f"{cell // len(names)},{names[cell % len(names)]},"
                     f"{FILLER[i % len(FILLER)]}")
    return "\n".join(lines) + "\n"


def write_inputs(folder: Path, rows: int) -> tuple[Path, Path]:
    scenario, plan = folder / "bench.yaml", folder / f"plan-{rows}.csv"
    scenario.write_text(scenario_yaml())
    plan.write_text(plan_csv(rows))
    return scenario, plan


def peak_bytes(who: int = resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # Linux reports KiB


def peer_seconds(plan: Path) -> float:
    """The plain peer: the file read and its rows passed through csv.reader."""
    started = time.perf_counter()
    with plan.open(newline="", encoding="utf-8") as handle:
        for _ in csv.reader(handle):
            pass
    return time.perf_counter() - started


def library_run(scenario: Path, plan: Path) -> None:
    """In this process: the peer, then read, check (timed alone), and print two lines."""
    from runlift.api import check, load_plan, load_scenario
    from runlift.scenario.resolve import resolve

    peer = peer_seconds(plan)
    problem = resolve(load_scenario(scenario))
    started, cpu = time.perf_counter(), time.process_time()
    placements = load_plan(plan, problem)
    read, read_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    result = check(problem, placements)
    checked, checked_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(placements):>9,} rows  library  check {checked:6.2f} s ({checked_cpu:6.2f} s "
          f"CPU)  read+check {read + checked:6.2f} s ({read_cpu + checked_cpu:6.2f} s CPU)  "
          f"peak {peak_bytes() / 2**20:5.0f} MiB  {len(result.violations):,} violations")
    print(f"{len(placements):>9,} rows  peer     csv.reader pass {peer:6.2f} s: check "
          f"{checked / peer:5.1f}x, read+check {(read + checked) / peer:5.1f}x")
    print(f"PEER {peer}", flush=True)  # for the command's line (read by main)


def cli_run(scenario: Path, plan: Path, rows: int, peer: float) -> tuple[float, int]:
    script = Path(sys.executable).with_name("runlift")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "runlift"]
    out = plan.with_suffix(".report.csv")
    started = time.perf_counter()
    # A shell in between: its getrusage(RUSAGE_CHILDREN) holds runlift's peak alone.
    done = subprocess.run(
        [sys.executable, "-c", "import resource, subprocess, sys; "
         "code = subprocess.call(sys.argv[1:]); "
         "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
         "print(usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime); "
         "sys.exit(code)",
         *command, "check", str(scenario), str(plan), "--format", "csv", "--out", str(out)],
        capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"runlift check failed: {done.stderr}")
    peak, cpu = done.stdout.split()[-2:]
    print(f"{rows:>9,} rows  cli      check {seconds:6.2f} s ({float(cpu):6.2f} s CPU)  the "
          f"whole command                 peak {int(peak) / 2**20:5.0f} MiB  "
          f"{seconds / peer:5.1f}x the peer")
    return seconds, int(peak)


def loop_seconds() -> float:
    """A fixed pure-Python workload: what this machine gives one process right now."""
    started, total = time.perf_counter(), 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append",
                        help="plan rows (repeat; default 10^4, 10^5, 10^6)")
    parser.add_argument("--no-cli", action="store_true", help="skip the command line runs")
    parser.add_argument("--library", nargs=2, metavar=("SCENARIO", "PLAN"),
                        help=argparse.SUPPRESS)  # one library run, in a fresh process
    args = parser.parse_args()
    if args.library:
        library_run(Path(args.library[0]), Path(args.library[1]))
        return
    print(f"machine: a loop of 10^7 additions takes {loop_seconds():.2f} s")
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        for rows in args.rows or DEFAULT_ROWS:
            scenario, plan = write_inputs(Path(tmp), rows)
            done = subprocess.run([sys.executable, __file__, "--library", str(scenario),
                                   str(plan)], check=True, capture_output=True, text=True)
            lines = done.stdout.splitlines()
            print("\n".join(line for line in lines if not line.startswith("PEER ")), flush=True)
            peer = float(next(line for line in lines if line.startswith("PEER ")).split()[1])
            if not args.no_cli:
                seconds, peak = cli_run(scenario, plan, rows, peer)
                if rows >= 1_000_000:
                    met = seconds <= TARGET_SECONDS and peak <= TARGET_BYTES
                    print(f"target 10^6 rows <= {TARGET_SECONDS:.0f} s and <= 1 GB: "
                          f"{'PASS' if met else 'FAIL'}")


if __name__ == "__main__":
    main()

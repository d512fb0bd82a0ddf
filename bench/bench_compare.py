"""Benchmark: `runlift compare` over 12 variants vs 12 sequential `runlift solve` calls.

Both sides run as fresh processes, as a coach would run them, in one run of this script:

- sequential: each of the 12 alternatives written to its own scenario file and solved by
  `runlift solve FILE --format json`, one process after another;
- compare: one `runlift compare WEEK --vary rules.lift_to_key_hours=24,36,48,72
  --vary rules.legs_policy=any,stack,separate --format json` (parallel worker processes);
- compare, --workers 1: the same, solving in one process, to separate the gain of paying
  the import once from the gain of the parallel workers.

Target: compare <= 0.7 x sequential. Prints the median of --repeat runs of each, the
ratio, and the statuses so that the two sides can be seen to agree.

    python bench/bench_compare.py [--scenario FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "half-marathon-build.yaml"
HOURS = (24, 36, 48, 72)
POLICIES = ("any", "stack", "separate")
CLI = [sys.executable, "-m", "runlift"]
TARGET = 0.7


def vary_args() -> list[str]:
    return ["--vary", "rules.lift_to_key_hours=" + ",".join(map(str, HOURS)),
            "--vary", "rules.legs_policy=" + ",".join(POLICIES)]


def write_alternatives(scenario: Path, folder: Path) -> list[Path]:
    """The 12 alternatives as files, built by hand (not by runlift's compare code)."""
    sys.path.insert(0, str(ROOT))
    from runlift.scenario.loading import read_document

    base, _ = read_document(scenario)
    paths = []
    for hours in HOURS:
        for policy in POLICIES:
            data = copy.deepcopy(base)
            data.setdefault("rules", {}).update(lift_to_key_hours=hours, legs_policy=policy)
            path = folder / f"alt-{hours}-{policy}.json"
            path.write_text(json.dumps(data, default=str), encoding="utf-8")
            paths.append(path)
    return paths


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    return time.perf_counter() - start, done


def sequential(paths: list[Path]) -> tuple[float, list[str]]:
    total, statuses = 0.0, []
    for path in paths:
        seconds, done = timed([*CLI, "solve", str(path), "--format", "json"])
        if done.returncode not in (0, 1):
            raise SystemExit(f"solve {path.name} failed: {done.stderr}")
        total += seconds
        statuses.append(json.loads(done.stdout)["status"])
    return total, statuses


def compare(scenario: Path, *extra: str) -> tuple[float, list[str]]:
    seconds, done = timed([*CLI, "compare", str(scenario), *vary_args(), "--format", "json",
                           *extra])
    if done.returncode != 0:
        raise SystemExit(f"compare failed: {done.stderr}")
    table = json.loads(done.stdout)["table"]["status"]
    return seconds, list(table.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    runs: dict[str, list[float]] = {"sequential": [], "compare": [], "compare1": []}
    with tempfile.TemporaryDirectory() as folder:
        paths = write_alternatives(args.scenario, Path(folder))
        for _ in range(args.repeat):
            seconds, solve_statuses = sequential(paths)
            runs["sequential"].append(seconds)
            seconds, compare_statuses = compare(args.scenario)
            runs["compare"].append(seconds)
            seconds, _ = compare(args.scenario, "--workers", "1")
            runs["compare1"].append(seconds)
    if solve_statuses != compare_statuses:
        raise SystemExit(f"statuses differ: {solve_statuses} vs {compare_statuses}")

    median = {name: statistics.median(times) for name, times in runs.items()}
    ratio = median["compare"] / median["sequential"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"scenario: {args.scenario}")
    print(f"alternatives: {len(paths)} ({dict(sorted(Counter(solve_statuses).items()))}); "
          f"cores: {cores}; median of {args.repeat} run(s)")
    print(f"12 sequential `runlift solve` calls: {median['sequential']:.3f} s")
    print(f"`runlift compare` (default workers):  {median['compare']:.3f} s")
    print(f"`runlift compare --workers 1`:        {median['compare1']:.3f} s")
    print(f"ratio compare / sequential: {ratio:.3f} (target <= {TARGET}: "
          f"{'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()

"""Benchmark: the peak memory of `runlift batch`'s own process (the parent), against the
squad's size.

For each size, a generated squad (`runlift squad-example N`) is planned by a fresh
`runlift batch SQUAD --out DIR --no-progress --time-limit T` process; its peak resident
memory is the kernel's high-water mark (VmHWM in /proc/PID/status, sampled until it
exits: the parent alone, not the worker processes). Beside it, the peer: a process that
only loads the same squad file (`runlift.batch.squad.load_squad`), the floor any run
starts from. The difference is what the run itself holds: the results stream to disk and
summary.csv is written from the records, so it should not grow with the squad.

Target (issue 14): the parent <= 300 MB at 100,000 athletes. A 100,000-athlete run takes
long on a small machine (each athlete is a solve); --sizes picks what fits, and the
per-athlete slopes tell what 100,000 would take.

    python bench/bench_batch_memory.py [--sizes 1000,10000,100000] [--time-limit 0.05]
                                       [--workers 2] [--seed 1]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB, TARGET_ATHLETES = 300.0, 100_000
CLI = [sys.executable, "-m", "runlift"]
LOAD_ONLY = "import sys\nfrom runlift.batch.squad import load_squad\nload_squad(sys.argv[1])\n"


def peak_mb(command: list[str]) -> tuple[float, float, int, str]:
    """Run ``command``; its peak RSS in MB (VmHWM, sampled), wall seconds, exit code and
    the last line of its stderr."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    status, peak = Path(f"/proc/{process.pid}/status"), 0
    while process.poll() is None:
        try:
            found = re.search(r"VmHWM:\s+(\d+)", status.read_text())
            peak = max(peak, int(found.group(1)) if found else 0)
        except OSError:
            pass
        time.sleep(0.05)
    _, stderr = process.communicate()
    lines = stderr.strip().splitlines()
    return peak / 1024, time.perf_counter() - started, process.returncode, (
        lines[-1] if lines else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--time-limit", default="0.05")
    parser.add_argument("--workers", default="2")
    parser.add_argument("--seed", default="1")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'athletes':>9} {'load only MB':>13} {'batch parent MB':>16} "
          f"{'run share MB':>13} {'batch s':>8}  exit")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            squad = Path(tmp) / f"squad-{size}.yaml"
            subprocess.run([*CLI, "squad-example", str(size), "--seed", args.seed, "--out",
                            str(squad)], check=True)
            load, _, _, _ = peak_mb([sys.executable, "-c", LOAD_ONLY, str(squad)])
            parent, seconds, code, last = peak_mb([
                *CLI, "batch", str(squad), "--out", str(Path(tmp) / f"out-{size}"),
                "--no-progress", "--workers", args.workers, "--time-limit", args.time_limit])
            rows.append((size, load, parent))
            print(f"{size:>9,} {load:>13.0f} {parent:>16.0f} {parent - load:>13.0f} "
                  f"{seconds:>8.1f}  {code}  {last[:80]}", flush=True)
    if len(rows) > 1:
        (n0, l0, p0), (n1, l1, p1) = rows[0], rows[-1]
        per_load = (l1 - l0) / (n1 - n0) * 1024
        per_run = ((p1 - l1) - (p0 - l0)) / (n1 - n0) * 1024
        print(f"per athlete: loading {per_load:.1f} KB, the run beyond loading "
              f"{per_run:.2f} KB")
    size, _, parent = rows[-1]
    verdict = "PASS" if parent <= TARGET_MB and size >= TARGET_ATHLETES else "FAIL"
    print(f"{verdict}: the parent's peak at {size:,} athletes is {parent:.0f} MB "
          f"(target <= {TARGET_MB:.0f} MB at {TARGET_ATHLETES:,})")


if __name__ == "__main__":
    main()

"""Benchmark: wall time of `runlift --help`, as a user at a shell sees it.

Runs the installed `runlift` command (or `python -m runlift` when it is not on
PATH) --repeat times in fresh processes and prints the median, the fastest and the
slowest run. Target (issue 2): median <= 0.3 s. Over the target, or with --imports, it
also lists the modules that take longest to import (`python -X importtime`), the usual
cause being a heavy library (ortools, pandas, icalendar, dask) imported at module level
instead of inside the function that needs it.

    python bench/bench_help.py [--repeat 10] [--imports]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.3


def help_command() -> list[str]:
    script = Path(sys.executable).with_name("runlift")
    if script.exists():
        return [str(script), "--help"]
    found = shutil.which("runlift")
    return [found, "--help"] if found else [sys.executable, "-m", "runlift", "--help"]


def time_runs(command: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def import_offenders(top: int = 12) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of the slowest imports of the CLI module."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run([sys.executable, "-c", "import runlift.cli.main"], env=env,
                          capture_output=True, text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = (part.strip() for part in line[len("import time:"):].split("|"))
        rows.append((int(total), int(own), name))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--imports", action="store_true", help="always list slow imports")
    args = parser.parse_args()
    command = help_command()
    time_runs(command, 1)  # warm the file system cache and the bytecode
    times = time_runs(command, args.repeat)
    median = statistics.median(times)
    print(f"`{' '.join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command))}`"
          f" over {args.repeat} runs: median {median:.3f} s "
          f"(fastest {min(times):.3f}, slowest {max(times):.3f})")
    ok = median <= TARGET_SECONDS
    print(f"target <= {TARGET_SECONDS} s: {'PASS' if ok else 'FAIL'}")
    if args.imports or not ok:
        print("\nslowest imports of runlift.cli.main (cumulative ms, self ms, module):")
        for total, own, name in import_offenders():
            print(f"  {total / 1000:8.1f} {own / 1000:8.1f}  {name}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

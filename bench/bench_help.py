"""Benchmark: wall time of `runlift --help`, and of `runlift solve` on the main example,
as a user at a shell sees them, with `python -c pass` (the interpreter's own start-up)
timed in the same run.

Runs the installed `runlift` command (or `python -m runlift` when it is not on
PATH) --repeat times in fresh processes and prints the median, the fastest and the
slowest run, beside the libraries a solve needs loaded alone (pydantic, CP-SAT's C++
core, YAML, click, rich: the floor under any solve). Targets: `--help` median <= 0.3 s
(issue 2); `runlift solve` on scenarios/half-marathon-build.yaml, median <= 0.3 s (issue
8). Over a target, or with
--imports, it also lists the modules that take longest to import (`python -X
importtime`), the usual cause being a heavy library (ortools, pandas, icalendar, dask)
imported at module level instead of inside the function that needs it.

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


# The peer of `runlift solve`: the libraries it cannot do without, loaded and used once as
# it uses them (a pydantic model validated, CP-SAT's C++ core, YAML, the command line and
# the terminal table), and nothing of runlift. Its time is the floor of any solve.
LIBRARIES = """
import os
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"  # as runlift.cli.entry sets it
from pydantic import BaseModel, ConfigDict, Field
class Week(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    days: int = Field(7, ge=1)
    sessions: dict[str, int] = {}
import click, yaml
from rich.console import Console
from rich.table import Table
from ortools.sat.python import cp_model_helper
Week.model_validate(yaml.safe_load("days: 7\\nsessions: {easy_run: 3}"))
cp_model_helper.SolveWrapper().solve(cp_model_helper.CpModelProto())
Console().print(Table("day"))
"""

ROOT = Path(__file__).resolve().parents[1]
MAIN_EXAMPLE = ROOT / "scenarios" / "half-marathon-build.yaml"


def runlift_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("runlift")
    if script.exists():
        return [str(script), *args]
    found = shutil.which("runlift")
    return [found, *args] if found else [sys.executable, "-m", "runlift", *args]


def help_command() -> list[str]:
    return runlift_command("--help")


# As a user's machine runs it: with the bytecode cache (some sandboxes turn it off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_runs(command: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENV)
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
    medians = {}
    for name, command in (("python -c pass", [sys.executable, "-c", "pass"]),
                          ("the libraries alone", [sys.executable, "-c", LIBRARIES]),
                          ("runlift --help", help_command()),
                          ("runlift solve (main example)",
                           runlift_command("solve", str(MAIN_EXAMPLE)))):
        time_runs(command, 1)  # warm the file system cache and the bytecode
        times = time_runs(command, args.repeat)
        medians[name] = median = statistics.median(times)
        print(f"{name:<30} over {args.repeat} runs: median {median:.3f} s "
              f"(fastest {min(times):.3f}, slowest {max(times):.3f})")
    help_ok = medians["runlift --help"] <= TARGET_SECONDS
    solve_ok = medians["runlift solve (main example)"] <= TARGET_SECONDS
    print(f"--help target <= {TARGET_SECONDS} s: {'PASS' if help_ok else 'FAIL'}")
    print(f"solve target <= {TARGET_SECONDS} s: {'PASS' if solve_ok else 'FAIL'} "
          f"(the interpreter alone: {medians['python -c pass']:.3f} s; the libraries a "
          f"solve needs, alone: {medians['the libraries alone']:.3f} s; runlift's own "
          f"share: {medians['runlift solve (main example)'] - medians['the libraries alone']:.3f}"
          " s)")
    ok = help_ok and solve_ok
    if args.imports or not ok:
        print("\nslowest imports of runlift.cli.main (cumulative ms, self ms, module):")
        for total, own, name in import_offenders():
            print(f"  {total / 1000:8.1f} {own / 1000:8.1f}  {name}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

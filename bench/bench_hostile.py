"""Benchmark: time to the one-line error for each hostile input of issues 13 and 14.

    python bench/bench_hostile.py [--repeat 3]

Each case of tests/bad_inputs.py marked hostile (alias bombs, nesting past any use,
special files, numbers past what a week holds or CP-SAT's integers allow) is written to a
temporary folder and given to `runlift solve` in a fresh process, as a user would. The
bench prints, per case, the seconds the load takes to raise its error in this process
(the models imported once before: what the input costs), the wall time of the whole
command (median of --repeat; mostly the interpreter's and the imports' start-up), the
exit code (2 expected) and the line on stderr. Beside them, as the peer, `runlift solve`
of the main example, a week that plans. Target: every case exit 2 with one line, its
load under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bad_inputs import CASES, HOSTILE  # noqa: E402

from runlift.errors import InputError  # noqa: E402
from runlift.scenario.scenario_file import load_scenario  # noqa: E402

TARGET_SECONDS = 1.0


def runlift(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("runlift")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "runlift", *args]


def timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, int, str]:
    times, done = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                              check=False)
        times.append(time.perf_counter() - start)
    assert done is not None
    return statistics.median(times), done.returncode, done.stderr.strip()


def _load_seconds(path: Path) -> float:
    """Seconds of CPU for load_scenario to raise its InputError on ``path``."""
    started = time.process_time()
    try:
        load_scenario(path)
    except InputError:
        return time.process_time() - started
    raise AssertionError(f"{path} loaded without an error")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    peer, code, _ = timed(runlift("solve", str(ROOT / "scenarios" / "half-marathon-build.yaml")),
                          ROOT, args.repeat)
    print(f"peer: runlift solve of the main example  {peer:6.3f} s  exit {code}")
    load_scenario(ROOT / "scenarios" / "build-week.yaml")  # the models built once
    failed = 0
    print(f"{'case':<38} {'load':>7} {'command':>8}  exit")
    for case in (c for c in CASES if c.id in HOSTILE):
        with tempfile.TemporaryDirectory() as folder:
            path = case.write(Path(folder))
            load = _load_seconds(path)
            seconds, code, err = timed(runlift("solve", path.name), Path(folder), args.repeat)
        ok = code == 2 and len(err.splitlines()) == 1 and load < TARGET_SECONDS
        failed += not ok
        print(f"{case.id:<38} {load:6.3f}s {seconds:7.3f}s  {code}  {'ok ' if ok else 'BAD'} "
              f"{err[:70]}")
    print(f"target: exit 2, one line, load < {TARGET_SECONDS} s each: "
          f"{'PASS' if not failed else f'FAIL ({failed})'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

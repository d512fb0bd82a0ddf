"""Benchmark: a squad coupled by a shared gym whose capacity binds, solved jointly.

Generates `runlift squad-example 200 --gym-capacity C`, reports how crowded the busiest
gym slot would be if every athlete were planned alone (so that the capacity visibly
binds), then times fresh `runlift batch` processes, everything included (reading the
squad, every athlete alone, the repair, the joint search, the checks and the files), one
per stopping rule of the joint search (RULES): the plain peer (stop at the first joint
plan, the repaired weeks alone), the old default (search until proven or the time
limit), `--gap 1`, the default, and `--gap 5`. Each row: wall time, status, objective,
proven bound and gap.

The proven bound is the larger of CP-SAT's bound and the sum of the athletes' bounds
alone (no joint plan can cost an athlete less than their optimum alone).

    python bench/bench_gym.py [--athletes 200] [--capacity 40] [--workers 2] [--time-limit S]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bench_batch import CLI, timed_batch  # bench/ is on sys.path when run as a script


def run(squad: Path, out: Path, workers: int, extra: list[str]) -> tuple[float, dict[str, Any]]:
    wall = timed_batch(squad, out, workers, extra)
    return wall, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def busiest_alone(squad: Path, out: Path, workers: int) -> int:
    """The most athletes one gym slot would hold if each athlete were planned alone."""
    import yaml

    data = yaml.safe_load(squad.read_text(encoding="utf-8"))
    gym = set(data.pop("gym")["sessions"])
    alone = squad.with_name("alone.yaml")
    alone.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    subprocess.run([*CLI, "batch", str(alone), "--out", str(out), "--no-progress",
                    "--workers", str(workers)], capture_output=True, check=False)
    usage: Counter[tuple[str, str]] = Counter()
    for path in out.glob("*.json"):
        if path.name != "summary.json":
            for entry in json.loads(path.read_text(encoding="utf-8"))["plan"]:
                if entry["session"] in gym:
                    usage[entry["date"], entry["slot"]] += 1
    return max(usage.values(), default=0)


def show(label: str, wall: float, joint: dict[str, Any]) -> None:
    gap = joint["gap_percent"]
    print(f"{label:<40} {wall:>8.2f} {joint['status']:>11} {joint['objective']!s:>10} "
          f"{joint['best_bound']!s:>10} {'-' if gap is None else f'{gap:.2f}':>7}")


# The stopping rules compared: the plain peer (the first joint plan, which is the repaired
# weeks alone), the old default (search until proven or the time limit), and gaps.
RULES: list[tuple[str, list[str]]] = [
    ("plain peer: first plan (--gap 100)", ["--gap", "100"]),
    ("old default (--gap 0)", ["--gap", "0"]),
    ("--gap 1", ["--gap", "1"]),
    ("new default (2 s for a proof, then 1%)", []),
    ("--gap 5", ["--gap", "5"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="--time-limit of every run (default: runlift's)")
    args = parser.parse_args()
    from runlift.batch.example import squad_yaml

    limit = [] if args.time_limit is None else ["--time-limit", str(args.time_limit)]
    with tempfile.TemporaryDirectory(prefix="bench-gym-") as tmp:
        folder = Path(tmp)
        squad = folder / "squad.yaml"
        squad.write_text(squad_yaml(args.athletes, seed=args.seed, gym_capacity=args.capacity),
                         encoding="utf-8")
        crowd = busiest_alone(squad, folder / "alone", args.workers)
        print(f"squad: runlift squad-example {args.athletes} --seed {args.seed} "
              f"--gym-capacity {args.capacity}; workers {args.workers}")
        print(f"busiest gym slot if everyone were planned alone: {crowd} athletes "
              f"(capacity {args.capacity}: {'binds' if crowd > args.capacity else 'loose'})\n")
        print(f"{'stopping rule':<40} {'wall s':>8} {'status':>11} {'objective':>10} "
              f"{'bound':>10} {'gap %':>7}")
        joints = {}
        for i, (label, extra) in enumerate(RULES):
            wall, joints[label] = run(squad, folder / f"run{i}", args.workers, [*extra, *limit])
            show(label, wall, joints[label])
            busiest = max((s["athletes"] for s in joints[label]["gym_usage"]), default=0)
            assert busiest <= args.capacity, (label, busiest)
        new = joints["new default (2 s for a proof, then 1%)"]
        old = joints["old default (--gap 0)"]
        worse = 100 * (new["objective"] - old["objective"]) / old["objective"]
        print(f"\nnew default against the old: objective {new['objective']} against "
              f"{old['objective']} ({worse:+.2f}%); every run within capacity {args.capacity}")


if __name__ == "__main__":
    main()

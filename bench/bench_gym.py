"""Benchmark: a squad coupled by a shared gym whose capacity binds, solved jointly.

Generates `runlift squad-example 200 --gym-capacity C`, reports how crowded the busiest
gym slot would be if every athlete were planned alone (so that the capacity visibly
binds), then times fresh `runlift batch` processes:

- `--gap 1`: the time to a joint plan within 1% of the proven bound (the target: <= 30 s
  on a quiet 2-core machine), everything included (reading the squad, every athlete
  alone, the repair, the joint search, the checks and the files);
- `--time-limit T` without a gap (optional, --full): where the search stands at the
  limit (status, objective, bound, gap), with the wall time.

The proven bound is the larger of CP-SAT's bound and the sum of the athletes' bounds
alone (no joint plan can cost an athlete less than their optimum alone).

    python bench/bench_gym.py [--athletes 200] [--capacity 40] [--workers 2] [--full]
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

TARGET_SECONDS = 30.0


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
    print(f"{label:<28} {wall:>8.2f} {joint['status']:>11} {joint['objective']!s:>10} "
          f"{joint['best_bound']!s:>10} {'-' if gap is None else f'{gap:.2f}':>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--full", action="store_true", help="also search to the time limit")
    args = parser.parse_args()
    from runlift.batch.example import squad_yaml

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
        print(f"{'run':<28} {'wall s':>8} {'status':>11} {'objective':>10} {'bound':>10} "
              f"{'gap %':>7}")
        wall, joint = run(squad, folder / "gap1", args.workers,
                          ["--gap", "1", "--time-limit", str(args.time_limit)])
        show("--gap 1", wall, joint)
        if args.full:
            wall_full, full = run(squad, folder / "full", args.workers,
                                  ["--time-limit", str(args.time_limit)])
            show(f"--time-limit {args.time_limit:g}", wall_full, full)
        busiest = max((s["athletes"] for s in joint["gym_usage"]), default=0)
        within = joint["gap_percent"] is not None and joint["gap_percent"] <= 1.0
        print(f"\nwithin 1% of the proven bound: {within}, in {wall:.2f} s "
              f"(target <= {TARGET_SECONDS:.0f} s); busiest gym slot {busiest} <= "
              f"{args.capacity}: {busiest <= args.capacity}")


if __name__ == "__main__":
    main()

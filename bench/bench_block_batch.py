"""Benchmark: `runlift batch` on a generated squad of blocks, locally and through Dask.

The squad is `runlift squad-example N --blocks --weeks W` (default: 100 athletes with
16-week blocks, each toward their own race). Each run is a fresh `runlift batch SQUAD
--out DIR --no-progress --workers K` process, timed from start to exit. From summary.csv
it reports the wall time, plans/s, how many blocks were proven optimal, and the overhead
ratio = wall x workers / the sum of the blocks' plan times in the workers.

Targets (on a 2-core machine): 100 athletes x 16 weeks with 2 local workers in <= 60 s,
every block proven optimal; Dask on a 2-worker LocalCluster within 1.3x of local, with
the same summary.

    python bench/bench_block_batch.py [--athletes 100] [--weeks 16] [--workers 2]
                                      [--backend local|dask|both] [--repeat 1] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import local_cluster, timed_batch  # this folder: the batch bench

TARGET_SECONDS, TARGET_DASK = 60.0, 1.3


def generate(folder: Path, athletes: int, weeks: int, seed: int) -> Path:
    from runlift.batch.example import squad_yaml

    path = folder / f"blocks-{athletes}x{weeks}.yaml"
    path.write_text(squad_yaml(athletes, seed=seed, blocks=True, weeks=weeks),
                    encoding="utf-8")
    return path


def run_batch(squad: Path, out: Path, workers: int, extra: list[str]) -> dict[str, Any]:
    wall = timed_batch(squad, out, workers, extra)
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    plan = sum(float(r["solve_seconds"] or 0) for r in rows)
    statuses = Counter(r["status"] for r in rows)
    return {"athletes": len(rows), "wall": wall, "statuses": statuses,
            "proven": statuses.get("optimal", 0), "plan": plan, "workers": workers,
            "overhead": wall * workers / plan if plan else float("nan"), "rows": rows}


def median_run(squad: Path, out: Path, workers: int, extra: list[str], repeat: int
               ) -> dict[str, Any]:
    runs = [run_batch(squad, out / f"run{i}", workers, extra) for i in range(repeat)]
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


HEADER = (f"{'run':<20} {'N':>5} {'wall s':>8} {'plans/s':>8} {'proven':>7} "
          f"{'sum plan s':>10} {'overhead':>9}   statuses")


def show(label: str, r: dict[str, Any]) -> None:
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(r["statuses"].items()))
    print(f"{label:<20} {r['athletes']:>5} {r['wall']:>8.2f} "
          f"{r['athletes'] / r['wall']:>8.2f} {r['proven']:>7} {r['plan']:>10.2f} "
          f"{r['overhead']:>9.2f}   {statuses}")


def same_summary(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def untimed(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: v for k, v in r.items() if not k.endswith("_seconds")} for r in rows]

    return untimed(a["rows"]) == untimed(b["rows"])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=("local", "dask", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per backend (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-block-batch-") as tmp:
        folder = Path(tmp)
        squad = generate(folder, args.athletes, args.weeks, args.seed)
        print(f"squad: runlift squad-example {args.athletes} --seed {args.seed} --blocks "
              f"--weeks {args.weeks}; workers: {args.workers}; median of {args.repeat} "
              "run(s) per backend\n")
        print(HEADER)
        local = remote = None
        if args.backend in ("local", "both"):
            local = median_run(squad, folder / "local", args.workers, [], args.repeat)
            show("local", local)
        if args.backend in ("dask", "both"):
            with local_cluster(args.workers) as cluster:
                remote = median_run(squad, folder / "dask", args.workers,
                                    ["--backend", "dask", "--address",
                                     cluster.scheduler_address], args.repeat)
            show("dask LocalCluster", remote)
        print()
        if local:
            every = local["proven"] == local["athletes"]
            fast = local["wall"] <= TARGET_SECONDS
            print(f"local: {local['wall']:.1f} s (target <= {TARGET_SECONDS:.0f} s), "
                  f"{local['athletes'] / local['wall']:.2f} plans/s, proven optimal "
                  f"{local['proven']} of {local['athletes']}: {verdict(every and fast)}")
        if local and remote:
            ratio = remote["wall"] / local["wall"]
            same = same_summary(local, remote)
            print(f"dask / local wall: {ratio:.2f} (target <= {TARGET_DASK}); same summary: "
                  f"{same}: {verdict(ratio <= TARGET_DASK and same)}")


if __name__ == "__main__":
    main()

"""Benchmark: `runlift batch` on a generated squad, locally and through Dask.

Each run is a fresh `runlift batch SQUAD --out DIR --no-progress` process, timed from start
to exit (interpreter start, reading the squad, the pool, every solve, every file, the
summary). From summary.csv it reports:

- plans/s and whether every plan was proven optimal;
- the overhead ratio = wall x workers / sum of the athletes' solve times, where a solve
  time is the whole `runlift.api.solve` call in the worker (build, search, check,
  explanation); the ratio against the CP-SAT search alone is shown beside it.

Targets (issue 4, on a quiet 2-core machine): 1,000 athletes with 2 local workers in
<= 15 s, overhead ratio <= 1.5; Dask on a 2-worker LocalCluster within 1.3x of local.

    python bench/bench_batch.py [--athletes 1000] [--workers 2] [--backend local|dask|both]
                                [--repeat 3] [--sizes 100,1000,5000] [--seed 1]
                                [--dask-profiler]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

CLI = [sys.executable, "-m", "runlift"]
TARGET_SECONDS, TARGET_OVERHEAD, TARGET_DASK = 15.0, 1.5, 1.3


def generate(folder: Path, athletes: int, seed: int) -> Path:
    from runlift.batch.example import squad_yaml

    path = folder / f"squad-{athletes}.yaml"
    path.write_text(squad_yaml(athletes, seed=seed), encoding="utf-8")
    return path


def timed_batch(squad: Path, out: Path, workers: int, extra: list[str]) -> float:
    """Wall seconds of one fresh `runlift batch` process (exit 1, athletes without a
    plan, is a result; exit 2 stops the bench)."""
    command = [*CLI, "batch", str(squad), "--out", str(out), "--no-progress",
               "--workers", str(workers), *extra]
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if finished.returncode == 2:
        raise SystemExit(f"runlift batch failed: {finished.stderr.strip()}")
    return wall


def run_batch(squad: Path, out: Path, workers: int, extra: list[str]) -> dict[str, Any]:
    wall = timed_batch(squad, out, workers, extra)
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    solve = sum(float(r["solve_seconds"] or 0) for r in rows)
    search = sum(float(r["search_seconds"] or 0) for r in rows)
    return {
        "athletes": len(rows), "wall": wall, "statuses": Counter(r["status"] for r in rows),
        "solve": solve, "search": search, "workers": workers,
        "overhead": wall * workers / solve if solve else float("nan"),
        "overhead_search": wall * workers / search if search else float("nan"),
        "rows": rows,
    }


def show(label: str, r: dict[str, Any]) -> None:
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(r["statuses"].items()))
    print(f"{label:<26} {r['athletes']:>6} {r['wall']:>8.2f} {r['athletes'] / r['wall']:>8.1f}"
          f" {r['solve']:>9.2f} {r['overhead']:>9.2f} {r['overhead_search']:>9.2f}   {statuses}")


HEADER = (f"{'run':<26} {'N':>6} {'wall s':>8} {'plans/s':>8} {'sum solve':>9} "
          f"{'overhead':>9} {'vs search':>9}   statuses")


# The README's advice for workers that run runlift: Dask's statistical profiler samples a
# worker's task thread every 10 ms, which slows CPU-bound solves by about 20% (measured
# with this bench: 8.1 s with it, 6.7 s without, for 1,000 athletes).
WORKER_ENV = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


def local_cluster(workers: int, profiler: bool = False) -> Any:
    import os

    if not profiler:
        os.environ.update(WORKER_ENV)  # the nanny processes inherit it
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None)


def median_run(squad: Path, out: Path, workers: int, extra: list[str], repeat: int
               ) -> dict[str, Any]:
    """The run with the median wall time of ``repeat`` fresh runs (a shared machine is
    noisy: one run can be off by 20%)."""
    runs = [run_batch(squad, out / f"run{i}", workers, extra) for i in range(repeat)]
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def same_plans(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def drop_time(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: v for k, v in r.items() if not k.endswith("_seconds")} for r in rows]

    return drop_time(a["rows"]) == drop_time(b["rows"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=("local", "dask", "both"), default="both")
    parser.add_argument("--sizes", default="", help="e.g. 100,1000,5000: local scaling")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend (median)")
    parser.add_argument("--dask-profiler", action="store_true",
                        help="leave Dask's worker profiler on (Dask's default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        squad = generate(folder, args.athletes, args.seed)
        print(f"squad: runlift squad-example {args.athletes} --seed {args.seed}; "
              f"workers: {args.workers}; median of {args.repeat} run(s) per backend\n")
        print(HEADER)
        local = None
        if args.backend in ("local", "both"):
            local = median_run(squad, folder / "local", args.workers, [], args.repeat)
            show("local", local)
        if args.backend in ("dask", "both"):
            with local_cluster(args.workers, args.dask_profiler) as cluster:
                remote = median_run(squad, folder / "dask", args.workers,
                                    ["--backend", "dask", "--address", cluster.scheduler_address],
                                    args.repeat)
            show("dask LocalCluster", remote)
            if local:
                print(f"\ndask / local wall: {remote['wall'] / local['wall']:.2f} "
                      f"(target <= {TARGET_DASK}); same summary: {same_plans(local, remote)}")
        if local:
            optimal = local["statuses"].get("optimal", 0) == local["athletes"]
            print(f"local: {local['wall']:.2f} s (target <= {TARGET_SECONDS:.0f} s), "
                  f"{local['athletes'] / local['wall']:.1f} plans/s, all optimal: {optimal}, "
                  f"overhead ratio {local['overhead']:.2f} (target <= {TARGET_OVERHEAD})")
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        if sizes:
            print("\nscaling, local backend:\n" + HEADER)
            for size in sizes:
                result = run_batch(generate(folder, size, args.seed), folder / f"n{size}",
                                   args.workers, [])
                show(f"local, {size} athletes", result)


if __name__ == "__main__":
    main()

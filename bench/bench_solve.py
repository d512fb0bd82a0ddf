"""Benchmark: build + solve time of every example scenario, and whether each is proven.

For each file in scenarios/ (*.yaml, *.yml, *.toml, *.json) the week is loaded once, then
built and solved --repeat times in this process (CP-SAT at 1 worker and a fixed seed, as
`runlift solve` runs it). The table shows the status, whether CP-SAT proved it (optimal,
or infeasible), and the median build, solve and total milliseconds. Loading and the
independent check are not timed; the explanation of an infeasible week is timed apart.

Targets: the median over the examples of their median build+solve <= 20 ms (issue 2) and
<= 10 ms (issue 9, "Weeks that join": one-week figures stay where they are), with every
example proven.

    python bench/bench_solve.py [--repeat 15] [--baseline REF] [--squad N [--seed S]]
    python bench/bench_solve.py --params [--repeat 5] [--squad N]

--baseline REF also measures the solver as it was at git commit REF (by default the
straightforward encoding this project started from: one Boolean per type, day and slot,
a pair variable per pair of slots, peak load bounded by the mean day only), exported with
`git archive` to a temporary directory and run in a child process, and prints the two
side by side. --squad N adds N athletes of a generated squad (`runlift squad-example`),
the population `runlift batch` plans: mean, 95th percentile and worst time, how many
proven. --params times the same weeks under other CP-SAT parameter sets instead (on top
of runlift's: 1 worker, fixed seed), and checks that each finds the same optima.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
EXTENSIONS = ("yaml", "yml", "toml", "json")
TARGETS_MS = ((20.0, "issue 2"), (10.0, "issue 9"))
# The last commit before the solver's speed work: the straightforward encoding.
BASELINE_REF = "949ce6c~1"
PROVEN = ("optimal", "infeasible")


def example_files() -> list[Path]:
    return sorted(p for ext in EXTENSIONS for p in SCENARIOS.glob(f"*.{ext}"))


def squad_scenarios(athletes: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """The merged scenarios of a generated squad's athletes, as `runlift batch` solves them."""
    from runlift.batch.example import squad_yaml
    from runlift.batch.squad import load_squad

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "squad.yaml"
        path.write_text(squad_yaml(athletes, seed=seed), encoding="utf-8")
        squad = load_squad(path)
    return [(job.name, job.scenario) for job in squad.jobs if job.scenario is not None]


def _search_new(problem, overrides):
    """Build and search with this runlift (the proto-level CP-SAT layer): its own
    search (the portfolio, and a lexicographic objective's two levels) where it has one
    and no parameters are overridden, else one search of the built model."""
    import dataclasses

    try:
        from runlift.solver.solve import search
    except ImportError:
        search = None
    if search is not None and not overrides:
        found = search(problem)
        objective = found.objective if found.status.has_plan else None
        return found.build_seconds, found.search_seconds, str(found.status), objective

    from runlift.solver.build import build_model
    from runlift.solver.cpsat import Search
    from runlift.solver.params import search_parameters

    start = time.perf_counter()
    built = build_model(problem)
    built_at = time.perf_counter()
    params = search_parameters(cells=len(built.ctx.x), days=problem.days)
    if overrides:
        params = dataclasses.replace(params, extra=tuple(sorted(overrides.items())))
    response = Search(params).run(built.model)
    done = time.perf_counter()
    objective = response.objective if response.status.has_plan and built.terms else None
    return built_at - start, done - built_at, str(response.status), objective


def _search_old(problem, overrides):
    """Build and search with an older runlift (ortools' cp_model layer)."""
    from ortools.sat.python import cp_model
    from runlift.solver.model import build_model

    from runlift.solver.params import make_solver

    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
             cp_model.INFEASIBLE: "infeasible"}
    start = time.perf_counter()
    built = build_model(problem)
    built_at = time.perf_counter()
    try:
        solver = make_solver(cells=len(built.ctx.x), days=built.ctx.problem.days)
    except TypeError:
        solver = make_solver()
    for name, value in (overrides or {}).items():
        setattr(solver.parameters, name, value)
    code = solver.solve(built.model)
    done = time.perf_counter()
    objective = (round(solver.objective_value)
                 if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) and built.terms else None)
    return built_at - start, done - built_at, names.get(code, "unknown"), objective


def time_one(problem, repeat: int, overrides: dict[str, Any] | None = None
             ) -> dict[str, Any]:
    """Median build and solve milliseconds of ``repeat`` runs, and the status.
    ``overrides``: CP-SAT parameters set on top of runlift's own."""
    try:
        import runlift.solver.cpsat  # noqa: F401
        run = _search_new
    except ImportError:
        run = _search_old
    builds, solves, totals, status, objective = [], [], [], "unknown", None
    for _ in range(repeat):
        build, solve, status, objective = run(problem, overrides)
        builds.append(build)
        solves.append(solve)
        totals.append(build + solve)
    return {
        "status": status,
        "objective": objective,
        "build_ms": 1000 * statistics.median(builds),
        "solve_ms": 1000 * statistics.median(solves),
        "total_ms": 1000 * statistics.median(totals),
    }


def _problem(scenario):
    """The problem of a scenario, in this runlift or an older one."""
    try:
        from runlift.scenario.resolve import resolve
    except ImportError:
        return scenario.problem
    return resolve(scenario)


def time_explanation(problem, repeat: int) -> float:
    """Median milliseconds to explain an infeasible week (conflict set and relaxations)."""
    from runlift.solver.explain import explain_infeasible

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        explain_infeasible(problem)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def measure(repeat: int, squad: int, seed: int) -> dict[str, Any]:
    """Every example (and squad athlete) timed, in the runlift this process imports."""
    from runlift.api import load_scenario

    Scenario = _scenario_class()

    examples = {}
    for path in example_files():
        try:
            problem = _problem(load_scenario(path))
        except Exception as exc:  # an older runlift may reject a newer file
            examples[path.name] = {"status": f"error: {type(exc).__name__}"}
            continue
        examples[path.name] = time_one(problem, repeat)
        if examples[path.name]["status"] == "infeasible":
            examples[path.name]["explain_ms"] = time_explanation(problem, min(repeat, 5))
    athletes = {}
    for name, data in (squad_scenarios(squad, seed) if squad else []):
        try:
            problem = _problem(Scenario.model_validate(data))
        except Exception as exc:  # an invalid athlete is part of a squad
            athletes[name] = {"status": f"error: {type(exc).__name__}"}
            continue
        athletes[name] = time_one(problem, max(1, repeat // 5))
    import runlift

    return {"runlift": str(Path(runlift.__file__).parent), "examples": examples,
            "squad": athletes}


def measure_baseline(ref: str, repeat: int, squad: int, seed: int) -> dict[str, Any] | None:
    """The same measurement, with the solver exported from git commit ``ref``."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "runlift"],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            print(f"baseline {ref}: git archive failed: {archive.stderr.decode().strip()}")
            return None
        tar_path = Path(tmp) / "baseline.tar"
        tar_path.write_bytes(archive.stdout)
        with tarfile.open(tar_path) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": tmp}
        # The generated squad comes from this checkout: pass the athletes as data.
        athletes = squad_scenarios(squad, seed) if squad else []
        cmd = [sys.executable, __file__, "--child", "--repeat", str(repeat)]
        child = subprocess.run(cmd, input=json.dumps(athletes, default=str), env=env,
                               capture_output=True, text=True, check=False, cwd=tmp)
        if child.returncode != 0:
            print(f"baseline {ref} failed:\n{child.stderr}")
            return None
        return json.loads(child.stdout)


def _scenario_class():
    try:
        from runlift.scenario.model import Scenario
    except ImportError:
        from runlift.models.scenario import Scenario
    return Scenario


def child_main(repeat: int) -> None:
    """In the baseline's process: time the examples and the athletes given on stdin."""
    Scenario = _scenario_class()

    result = measure(repeat, 0, 0)
    for name, data in json.loads(sys.stdin.read() or "[]"):
        try:
            problem = _problem(Scenario.model_validate(data))
        except Exception as exc:  # as above
            result["squad"][name] = {"status": f"error: {type(exc).__name__}"}
            continue
        result["squad"][name] = time_one(problem, max(1, repeat // 5))
    print(json.dumps(result))


def _median(rows: dict[str, dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in rows.values() if key in r]
    return statistics.median(values) if values else None


def print_examples(now: dict[str, Any], before: dict[str, Any] | None) -> bool:
    rows = now["examples"]
    header = f"{'scenario':<32} {'status':<11} {'proven':<6} {'build':>7} {'solve':>7} {'total':>7}"
    if before:
        header += f" {'before':>8} {'speedup':>7}  same objective"
    print(header + "   (median ms)")
    for name, row in rows.items():
        if "total_ms" not in row:
            print(f"{name:<32} {row['status']}")
            continue
        line = (f"{name:<32} {row['status']:<11} {'yes' if row['status'] in PROVEN else 'NO':<6}"
                f" {row['build_ms']:7.1f} {row['solve_ms']:7.1f} {row['total_ms']:7.1f}")
        old = (before or {}).get("examples", {}).get(name)
        if old and "total_ms" in old:
            same = old["objective"] == row["objective"] and old["status"] == row["status"]
            line += (f" {old['total_ms']:8.1f} {old['total_ms'] / row['total_ms']:6.1f}x"
                     f"  {'yes' if same else 'NO'}")
        elif before:
            line += f" {'-':>8}"
        print(line)
    overall = _median(rows, "total_ms")
    proven = all(r["status"] in PROVEN for r in rows.values())
    ok = overall is not None and overall <= min(t for t, _ in TARGETS_MS) and proven
    print(f"\nmedian build+solve over {len(rows)} examples: {overall:.1f} ms "
          f"(build {_median(rows, 'build_ms'):.1f}, solve {_median(rows, 'solve_ms'):.1f}); "
          f"every example proven: {'yes' if proven else 'NO'}")
    if before and _median(before["examples"], "total_ms") is not None:
        print(f"baseline median: {_median(before['examples'], 'total_ms'):.1f} ms")
    for target, issue in TARGETS_MS:
        met = overall is not None and overall <= target and proven
        print(f"target <= {target:g} ms ({issue}), every example proven: "
              f"{'PASS' if met else 'FAIL'}")
    for name, row in rows.items():
        if "explain_ms" in row:
            old = (before or {}).get("examples", {}).get(name, {}).get("explain_ms")
            print(f"explaining {name} (not in the totals): {row['explain_ms']:.1f} ms"
                  + (f", before {old:.1f} ms" if old is not None else ""))
    return ok


def _squad_line(label: str, rows: dict[str, dict[str, Any]]) -> str:
    totals = sorted(r["total_ms"] for r in rows.values() if "total_ms" in r)
    if not totals:
        return f"{label}: nothing solved"
    proven = sum(1 for r in rows.values() if r["status"] in PROVEN)
    p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
    return (f"{label}: {len(rows)} athletes, {proven} proven; build+solve median "
            f"{statistics.median(totals):.1f} ms, mean {statistics.mean(totals):.1f}, "
            f"p95 {p95:.1f}, worst {totals[-1]:.1f}, sum {sum(totals) / 1000:.2f} s")


def print_squad(now: dict[str, Any], before: dict[str, Any] | None) -> None:
    if not now["squad"]:
        return
    print()
    print(_squad_line("squad", now["squad"]))
    if before and before["squad"]:
        print(_squad_line("squad, baseline", before["squad"]))
        differ = [n for n, r in now["squad"].items()
                  if (old := before["squad"].get(n)) and "objective" in old
                  and (old["objective"], old["status"]) != (r.get("objective"), r["status"])]
        print(f"athletes whose objective or status differs from the baseline: {len(differ)}")


# CP-SAT parameter sets compared by --params, each on top of runlift's own (1 worker,
# fixed seed; for one week: no presolve, no LP relaxation, no inprocessing). All keep
# determinism. CP-SAT's own default is inprocessing on; the sets that name CP-SAT's
# defaults turn it back on.
_DEFAULT = {"use_sat_inprocessing": True}
PARAM_SETS: dict[str, dict[str, Any]] = {
    "runlift (no presolve/LP/inproc.)": {},
    "inprocessing": _DEFAULT,
    "no inproc., symmetry, probing": {"symmetry_level": 0, "cp_model_probing_level": 0},
    "CP-SAT defaults (presolve, LP)": {**_DEFAULT, "cp_model_presolve": True,
                                       "linearization_level": 1},
    "presolve, no LP": {**_DEFAULT, "cp_model_presolve": True, "linearization_level": 0},
    "presolve without probing, LP": {**_DEFAULT, "cp_model_presolve": True,
                                     "linearization_level": 1, "cp_model_probing_level": 0},
    "presolve, LP, no symmetry": {**_DEFAULT, "cp_model_presolve": True,
                                  "linearization_level": 1, "symmetry_level": 0},
    "presolve, full LP (level 2)": {**_DEFAULT, "cp_model_presolve": True,
                                    "linearization_level": 2},
    "no presolve, LP": {**_DEFAULT, "linearization_level": 1},
}


def compare_params(repeat: int, squad: int, seed: int) -> None:
    """Every parameter set on the examples (and squad), interleaved scenario by scenario
    so that a busy machine slows them alike."""
    from runlift.api import load_scenario

    Scenario = _scenario_class()

    problems = [(p.name, _problem(load_scenario(p))) for p in example_files()]
    examples = len(problems)
    problems += [(name, _problem(Scenario.model_validate(data)))
                 for name, data in (squad_scenarios(squad, seed) if squad else [])]
    rows: dict[str, list[dict[str, Any]]] = {label: [] for label in PARAM_SETS}
    for _, problem in problems:
        for label, overrides in PARAM_SETS.items():
            rows[label].append(time_one(problem, repeat, overrides))
    reference = [(r["status"], r["objective"]) for r in rows[next(iter(PARAM_SETS))]]
    print(f"{'CP-SAT parameters':<32} {'examples':>9} {'squad':>7} {'p95':>7} {'worst':>7}"
          f"  proven  same optimum   (median ms; squad: mean)")
    for label, results in rows.items():
        totals = [r["total_ms"] for r in results]
        athletes = sorted(totals[examples:])
        squad_part = (f"{statistics.mean(athletes):7.1f} "
                      f"{athletes[round(0.95 * (len(athletes) - 1))]:7.1f} {athletes[-1]:7.1f}"
                      if athletes else f"{'-':>7} {'-':>7} {'-':>7}")
        proven = sum(1 for r in results if r["status"] in PROVEN)
        same = [(r["status"], r["objective"]) for r in results] == reference
        print(f"{label:<32} {statistics.median(totals[:examples]):9.1f} {squad_part}"
              f"  {proven}/{len(results)}  {'yes' if same else 'NO'}")


def loop_seconds() -> float:
    """A fixed pure-Python workload: what this machine gives one process right now (the
    same loop as bench_check.py's)."""
    started, total = time.perf_counter(), 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per example")
    parser.add_argument("--baseline", nargs="?", const=BASELINE_REF, default=None,
                        metavar="REF", help=f"also time git commit REF ({BASELINE_REF})")
    parser.add_argument("--squad", type=int, default=0, metavar="N",
                        help="also time N generated squad athletes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated squad")
    parser.add_argument("--params", action="store_true",
                        help="compare CP-SAT parameter sets instead")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.repeat)
        return 0
    if args.params:
        compare_params(args.repeat, args.squad, args.seed)
        return 0
    before = measure_baseline(args.baseline, args.repeat, args.squad, args.seed) \
        if args.baseline else None
    loop = loop_seconds()
    now = measure(args.repeat, args.squad, args.seed)
    print(f"machine: a loop of 10^7 additions takes {loop:.2f} s before the run, "
          f"{loop_seconds():.2f} s after (this machine's speed varies from minute to "
          "minute: compare runs at the same loop time)")
    ok = print_examples(now, before)
    print_squad(now, before)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

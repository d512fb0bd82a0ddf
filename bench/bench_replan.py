"""Benchmark: `runlift replan`, against re-solving from scratch.

Cases: every shipped week scenario with dates, solved, then lived up to each day from
Tuesday to Saturday with a seeded random log (each session before today done, missed or
moved to a free slot later in the week). For each case it times build + solve of the
replan (runlift.replan.solve.solve_replan on the built ReplanProblem) and checks that the
change count is proven minimal (status optimal). The peer re-solves the remaining days
from scratch, as a plain solve of the same remaining problem without the fewest-changes
level (the same kept work, then the week's objective), and the bench counts how many
still-planned sessions each approach moves or drops.

A block: scenarios/blocks/marathon-16.yaml planned, then its week 6 replanned after the
first three days were missed (the later weeks are planned again when a guardrail breaks).

Targets (issue 11): a week replan <= 50 ms median, change count proven; a 16-week block
after a missed week <= 2 s.

    python bench/bench_replan.py [--seed 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from runlift.api import load_scenario  # noqa: E402
from runlift.planning import solve_problem  # noqa: E402
from runlift.replan.log import Log, LogEntry  # noqa: E402
from runlift.replan.problem import Planned, ReplanProblem, build_replan  # noqa: E402
from runlift.replan.solve import kept_terms, solve_replan  # noqa: E402
from runlift.scenario.resolve import resolve  # noqa: E402
from runlift.solver.build import build_model  # noqa: E402
from runlift.solver.cpsat import INF, Search  # noqa: E402
from runlift.solver.params import search_parameters  # noqa: E402

WEEK_TARGET, BLOCK_TARGET = 0.050, 2.0


def cases(seed: int) -> list[ReplanProblem]:
    rng = random.Random(seed)
    out = []
    for path in sorted((ROOT / "scenarios").glob("*.y*ml")):
        scenario = load_scenario(path)
        if scenario.week_start is None or scenario.days != 7 or scenario.repeat:
            continue
        problem = resolve(scenario)
        result = solve_problem(problem, explain=False)
        if not result.has_plan:
            continue
        planned = [Planned(e.id or "", e.day, e.slot, e.session) for e in result.plan]
        for today in range(1, 6):
            out.append(build_replan(problem, planned, _log(rng, planned, today, problem),
                                    today))
    return out


def _log(rng: random.Random, planned: list[Planned], today: int, problem) -> Log:
    taken = {(p.day, p.slot) for p in planned}
    free = [(d, s.name) for d in range(today, problem.days) for s in problem.slots
            if (d, s.name) not in taken]
    entries = []
    pins = {(f.day, problem.slots[f.slot].name) for f in problem.fixed}
    for p in planned:
        if p.day >= today:
            continue
        roll = rng.random()
        status = "done" if roll < 0.6 else ("missed" if roll < 0.85 or not free else "moved")
        if status == "moved" and (p.day, p.slot) not in pins:
            day, slot = free.pop(rng.randrange(len(free)))
            entries.append(LogEntry(day=p.day, slot=p.slot, session=p.session,
                                    status="moved", to_day=day, to_slot=slot))
        else:
            entries.append(LogEntry(day=p.day, slot=p.slot, session=p.session,
                                    status="missed" if status == "moved" else status))
    return Log("<bench>", entries, [None] * len(entries))


def from_scratch(rp: ReplanProblem) -> int:
    """The peer: the same kept work, then the week's objective, no fewest-changes level;
    how many still-planned sessions it moves or drops."""
    built = build_model(rp.problem)
    week = built.objective
    keep = kept_terms(rp, built)
    built.model.minimize([(lit, -w) for lit, w in keep])
    first = Search(search_parameters(5.0, strong=True)).run(built.model)
    built.model.linear(keep, first.total(keep), INF)
    built.model.minimize(week)
    second = Search(search_parameters(5.0, strong=True)).run(built.model)
    placed = set(built.placements(second))
    return sum(1 for p in rp.reference if p not in placed)


def bench_weeks(seed: int, repeat: int) -> tuple[float, int, int, int, int]:
    problems = cases(seed)
    times, proven, ours, theirs = [], 0, 0, 0
    for rp in problems:
        runs = []
        for _ in range(repeat):
            clock = time.perf_counter()
            found = solve_replan(rp)
            runs.append(time.perf_counter() - clock)
        times.append(statistics.median(runs))
        if not found.status.has_plan:  # a logged move the rules cannot take: counted
            proven += found.status == "infeasible"
            continue
        proven += found.status == "optimal"
        ours += found.changes
        theirs += from_scratch(rp)
    return statistics.median(times), proven, len(problems), ours, theirs


def bench_block(repeat: int) -> tuple[float, str, int]:
    from click.testing import CliRunner

    from runlift.cli.main import main
    from runlift.replan.block import replan_block_file

    block = ROOT / "scenarios" / "blocks" / "marathon-16.yaml"
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.json"
        plan.write_text(CliRunner().invoke(main, ["block", str(block), "--format",
                                                  "json"]).output, encoding="utf-8")
        week6 = json.loads(plan.read_text())["weeks"][5]["result"]["plan"]
        log = Path(folder) / "log.yaml"
        log.write_text(yaml.safe_dump([{"date": e["date"], "slot": e["slot"],
                                        "session": e["session"], "status": "missed"}
                                       for e in week6 if e["date"] < "2027-02-11"]))
        runs = []
        for _ in range(repeat):
            clock = time.perf_counter()
            result = replan_block_file(block, plan, log, "2027-02-11")
            runs.append(time.perf_counter() - clock)
    return statistics.median(runs), result.status.value, len(result.later)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    median, proven, total, ours, theirs = bench_weeks(args.seed, args.repeat)
    print(f"week replans: {total} cases, median build+solve {1000 * median:.1f} ms, "
          f"{proven}/{total} proven (change count minimal, or the remaining days proven "
          "infeasible)")
    print(f"  sessions moved or dropped: replan {ours}, from scratch {theirs}")
    block_seconds, status, later = bench_block(args.repeat)
    print(f"block replan: marathon-16 week 6 after 3 missed days: {block_seconds:.2f} s "
          f"({status}; {later} later weeks planned again)")
    print("summary")
    print(f"  week replan <= 50 ms, proven   {1000 * median:6.1f} ms, {proven}/{total}   "
          f"{'PASS' if median <= WEEK_TARGET and proven == total else 'FAIL'}")
    print(f"  block replan <= 2 s            {block_seconds:6.2f} s          "
          f"{'PASS' if block_seconds <= BLOCK_TARGET else 'FAIL'}")


if __name__ == "__main__":
    main()

"""Horizons of 7, 14, 21 and 28 days: time to a proven answer, against a plain model.

    python bench/bench_horizons.py            # every case, 3 runs each (median)
    python bench/bench_horizons.py --repeat 1

For each horizon length there are three weeks' worth of sessions per week:

- loose: a base week (3 easy runs, a long run, tempo, a leg day, core, mobility)
  repeated, Fridays closed, every rule at its default;
- edge, feasible: the loose week with sessions added, one at a time, while the whole
  horizon still has a plan (found once, by solving);
- edge, infeasible: one session more than that: the first horizon with no plan.

Each case is timed as `runlift solve` runs it: the search, and for an infeasible
horizon the explanation (its conflict and relaxations). "Proven" is an optimal plan, or
infeasibility with a non-empty conflict and at least one relaxation. The plain model
(bench/plain_model.py: one Boolean per type, day and slot, the rules posted directly,
CP-SAT's defaults) is timed alongside, on the same problem, for the feasibility decision.

Targets (issue "Weeks that join"): every case proven within the default limit, a 28-day
horizon proven in <= 2 s, infeasibility near the edge decided no slower than 1.5x the
plain model, never an empty conflict, one-week figures unchanged (bench_solve.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plain_model import decide

LOOSE_WEEK = {"easy_run": 3, "long_run": 1, "tempo": 1, "lower_strength": 1, "core": 1,
              "mobility": 1}
# The order in which sessions are added to find the edge: easy volume first, then work.
ADDED = ("easy_run", "core", "mobility", "upper_body", "posterior_chain", "tempo",
         "easy_run", "hills", "plyometrics", "easy_run", "intervals", "lower_strength")
HORIZONS = (7, 14, 21, 28)


def problem_of(days: int, sessions: dict[str, int]) -> Any:
    from runlift.scenario.model import Scenario
    from runlift.scenario.resolve import resolve

    return resolve(Scenario.model_validate({"name": f"{days} days", "days": days,
                                            "sessions": sessions, "unavailable": ["fri"]}))


def weeks_of(days: int, week: dict[str, int]) -> dict[str, int]:
    return {t: -(-n * days // 7) for t, n in week.items()}


def edge(days: int) -> tuple[dict[str, int], dict[str, int]]:
    """The last feasible and the first infeasible session counts, adding ADDED in turn."""
    from runlift.solver.solve import search

    sessions = weeks_of(days, LOOSE_WEEK)
    last_feasible = dict(sessions)
    for added in ADDED * 3:
        trial = {**sessions, added: sessions.get(added, 0) + max(1, days // 7)}
        status = search(problem_of(days, trial), objective=False).status
        if status == "infeasible":
            return last_feasible, trial
        if status.has_plan:
            sessions = last_feasible = trial
    raise RuntimeError(f"no edge found for {days} days")


def time_case(problem: Any, repeat: int) -> dict[str, Any]:
    from runlift.planning import solve_problem
    from runlift.solver.solve import search

    totals, decisions, result = [], [], None
    for _ in range(repeat):
        started = time.perf_counter()
        status = search(problem).status
        decided = time.perf_counter()
        result = solve_problem(problem)
        totals.append(time.perf_counter() - decided)
        decisions.append(decided - started)
    plain = [decide(problem)[1] for _ in range(repeat)]
    assert result is not None
    proven = result.status == "optimal" or (result.status == "infeasible" and bool(
        result.conflicts) and bool(result.relaxations))
    return {"status": str(result.status), "decide_s": statistics.median(decisions),
            "total_s": statistics.median(totals), "plain_s": statistics.median(plain),
            "plain": decide(problem)[0], "proven": proven, "conflict": len(result.conflicts),
            "relaxations": len(result.relaxations), "minimal": result.conflicts_minimal,
            "notes": result.notes, "status_first": str(status)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for days in HORIZONS:
        feasible, infeasible = edge(days)
        for label, sessions in (("loose", weeks_of(days, LOOSE_WEEK)),
                                ("edge, feasible", feasible),
                                ("edge, infeasible", infeasible)):
            row = time_case(problem_of(days, sessions), args.repeat)
            row.update(days=days, case=label, sessions=sum(sessions.values()))
            rows.append(row)
            print(f"{days:>3} days  {label:<17} {row['sessions']:>3} sessions  "
                  f"{row['status']:<10} proven {'yes' if row['proven'] else 'NO ':<3}  "
                  f"answer {row['total_s']:6.3f} s  decide {row['decide_s']:6.3f} s  "
                  f"plain {row['plain_s']:6.3f} s ({row['plain']})  "
                  f"conflict {row['conflict']} minimal {row['minimal']}  "
                  f"relaxations {row['relaxations']}", flush=True)
            for note in row["notes"]:
                print(f"      note: {note}")
    ok_proven = all(r["proven"] for r in rows)
    worst_28 = max(r["total_s"] for r in rows if r["days"] == 28)
    edge_ratio = max(r["decide_s"] / max(r["plain_s"], 1e-3) for r in rows
                     if r["case"] == "edge, infeasible")
    empty = sum(1 for r in rows if r["status"] == "infeasible" and not r["conflict"])
    print(f"\nevery case proven: {'PASS' if ok_proven else 'FAIL'}")
    print(f"slowest 28-day answer: {worst_28:.3f} s (target <= 2 s): "
          f"{'PASS' if worst_28 <= 2 else 'FAIL'}")
    print(f"infeasible near the edge, decision time / plain model's: worst {edge_ratio:.2f}x "
          f"(target <= 1.5x): {'PASS' if edge_ratio <= 1.5 else 'FAIL'}")
    print(f"empty conflicts: {empty} (target 0): {'PASS' if not empty else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

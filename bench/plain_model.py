"""The plain feasibility model, a peer for the benches: one Boolean per type, day and slot,
with every hard rule posted directly in OR-Tools' own cp_model API (no bounds, no window
tricks, no pruning, no guards), solved with CP-SAT's defaults (presolve, LP) and one
worker. It answers one question, whether a plan exists, and is the yardstick the issue
compares runlift's time to a proven answer against.

It reads runlift's resolved Problem (names to numbers) but none of runlift's encodings.
History and repeating templates are not modelled: the benches use plain horizons.
"""

from __future__ import annotations

import time
from itertools import combinations
from typing import Any


def _key(stype: Any) -> bool:
    return stype.key and stype.kind in ("run", "race")


def decide(problem: Any, time_limit: float = 60.0) -> tuple[str, float]:
    """('feasible' | 'infeasible' | 'unknown', seconds to the answer)."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    model = cp_model.CpModel()
    types = problem.session_types()
    cat = problem.catalog
    slots = range(len(problem.slots))
    days = range(problem.days)
    x = {(t, d, s): model.new_bool_var(f"x{t}{d}{s}") for t in types for d in days for s in slots}

    def on(test: Any, d: int) -> list[Any]:
        return [x[t, d, s] for t in types if test(cat[t]) for s in slots]

    def day_has(test: Any, d: int, name: str) -> Any:
        lit = model.new_bool_var(f"{name}{d}")
        lits = on(test, d)
        model.add_max_equality(lit, lits) if lits else model.add(lit == 0)
        return lit

    for d in days:
        for s in slots:
            model.add(sum(x[t, d, s] for t in types) <= 1)
    chosen = {t for c in problem.choices for t in c.types}
    for t in types:
        total = sum(x[t, d, s] for d in days for s in slots)
        if t in chosen:  # at least its own count; its choice adds the rest below
            model.add(total >= problem.total_count(t))
        else:
            model.add(total == problem.total_count(t))
    for c in problem.choices:  # "intervals|tempo": 1 — that many more between them
        model.add(sum(x[t, d, s] for t in c.types for d in days for s in slots)
                  == sum(problem.total_count(t) for t in c.types) + c.count)
    for a in problem.avoid:
        for d, s in a.cells:
            model.add(x[a.session, d, s] == 0)
    for f in problem.fixed:
        model.add(x[f.session, f.day, f.slot] == 1)
    for d, s in problem.closed_cells:
        for t in types:
            model.add(x[t, d, s] == 0)
    rules = {n: st.value for n, st in problem.rules.items() if not st.soft}
    hard = [day_has(lambda c: c.intensity == "hard", d, "hard") for d in days]
    busy = [day_has(lambda c: c.kind != "mobility", d, "busy") for d in days]
    windows = [range(s, s + 7) for s in range(problem.days - 6)] or [days]
    if "max_hard_days" in rules:
        for w in windows:
            model.add(sum(hard[d] for d in w) <= rules["max_hard_days"])
    if "min_rest_days" in rules:
        for w in windows:
            model.add(sum(busy[d] for d in w) <= len(w) - rules["min_rest_days"])
    if "no_back_to_back_hard" in rules:
        for d in days[1:]:
            model.add(hard[d - 1] + hard[d] <= 1)
    if "max_sessions_per_day" in rules:
        for d in days:
            model.add(sum(on(lambda c: True, d)) <= rules["max_sessions_per_day"])
    if "max_key_runs_per_day" in rules:
        for d in days:
            model.add(sum(on(_key, d)) <= rules["max_key_runs_per_day"])
    key_day = [day_has(_key, d, "key") for d in days]
    if "no_heavy_legs_day_after_key" in rules:
        for d in days[1:]:
            for lit in on(lambda c: c.heavy_legs, d):
                model.add(lit == 0).only_enforce_if(key_day[d - 1])
    cells = [(d, s) for d in days for s in slots]
    start = {c: problem.start_minute(*c) for c in cells}
    if "lift_to_key_hours" in rules:
        need = rules["lift_to_key_hours"] * 60
        for a, b in ((a, b) for a in cells for b in cells if start[b] > start[a]):
            for t in (t for t in types if cat[t].heavy_legs):
                if start[b] - start[a] - cat[t].minutes < need:
                    for k in (k for k in types if _key(cat[k])):
                        model.add_bool_or([x[t, *a].Not(), x[k, *b].Not()])
    if "same_muscle_hours" in rules:
        need = rules["same_muscle_hours"] * 60
        lifts = [t for t in types if cat[t].loads_muscles]
        for a, b in combinations(sorted(cells, key=start.get), 2):
            if start[b] - start[a] >= need:
                continue
            for t, u in ((t, u) for t in lifts for u in lifts
                         if set(cat[t].muscles) & set(cat[u].muscles)):
                model.add_bool_or([x[t, *a].Not(), x[u, *b].Not()])
    if "same_day_order" in rules:
        first, then = (("run", "heavy") if rules["same_day_order"] == "run_first"
                       else ("heavy", "run"))
        tests = {"run": lambda c: c.kind in ("run", "race"), "heavy": lambda c: c.heavy_legs}
        for d in days:
            for early, late in combinations(slots, 2):
                for t in (t for t in types if tests[then](cat[t])):
                    # two sessions of one type that is both (hill sprints) count too
                    for u in (u for u in types if tests[first](cat[u])):
                        model.add_bool_or([x[t, d, early].Not(), x[u, d, late].Not()])
    if "legs_policy" in rules:
        hard_run = [day_has(lambda c: c.kind in ("run", "race") and c.intensity == "hard", d,
                            "hr") for d in days]
        for d in days:
            for lit in on(lambda c: c.heavy_legs, d):
                if rules["legs_policy"] == "stack":
                    model.add_implication(lit, hard_run[d])
                else:
                    model.add_implication(lit, hard_run[d].Not())
    if "max_same_type_per_day" in rules:
        for t in types:
            for d in days:
                model.add(sum(x[t, d, s] for s in slots) <= rules["max_same_type_per_day"])
    hard_run = [day_has(lambda c: c.kind in ("run", "race") and c.intensity == "hard", d,
                        "hrun") for d in days]
    legs = [day_has(lambda c: c.heavy_legs, d, "legs") for d in days]
    if rules.get("rest_after_stacked"):
        for d in days[1:]:
            stacked = model.new_bool_var(f"stacked{d - 1}")
            model.add_bool_and([hard_run[d - 1], legs[d - 1]]).only_enforce_if(stacked)
            model.add_bool_or([hard_run[d - 1].Not(), legs[d - 1].Not(), stacked])
            model.add_implication(stacked, busy[d].Not())
    if "stack_with" in rules:
        allowed = set(rules["stack_with"])
        runs = [k for k in types if cat[k].kind in ("run", "race") and cat[k].intensity == "hard"
                and k not in allowed]
        for d in days:
            for t in (t for t in types if cat[t].heavy_legs):
                for k in runs:
                    for s1 in slots:
                        for s2 in slots:
                            if s1 != s2:
                                model.add_bool_or([x[t, d, s1].Not(), x[k, d, s2].Not()])
    if "max_gap_days" in rules:
        for t, gap in sorted(rules["max_gap_days"].items()):
            if t not in types:
                continue
            for first in range(problem.days - gap):  # gap + 1 days hold one at least
                model.add(sum(x[t, d, s] for d in range(first, first + gap + 1)
                              for s in slots) >= 1)
    if "taper_days" in rules:
        taper = rules["taper_days"]
        # Every race in the horizon, pinned or placed, and race_date, beyond it.
        race_on = [day_has(lambda c: c.kind == "race", d, "race") for d in days]
        for r in days:
            for d in range(max(0, r - taper), r + 1):
                for lit in on(lambda c: c.heavy_legs, d):
                    model.add_implication(race_on[r], lit.Not())
        r = problem.race_date_day
        for d in range(max(0, r - taper), min(r, problem.days - 1) + 1) if r is not None else ():
            for lit in on(lambda c: c.heavy_legs, d):
                model.add(lit == 0)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 1
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    answer = {cp_model.OPTIMAL: "feasible", cp_model.FEASIBLE: "feasible",
              cp_model.INFEASIBLE: "infeasible"}.get(status, "unknown")
    return answer, time.perf_counter() - started
